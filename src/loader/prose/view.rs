//! What every phrase rule reads: a sentence's tokens, its resolved names, who "he" or "she"
//! is, the sentence's time span and "under President P"; and the small helpers the rules share
//! (organisation slots, degrees, years after "in", tidy role titles).

use super::super::mention::{Mention, MentionKind, Token};
use super::super::resolve::Context;
use super::super::time::{self, Span, When};
use super::super::{EntityId, Fact, Kind};

/// A resolved mention in a sentence.
#[derive(Debug, Clone)]
pub(super) struct Ment {
    pub m: Mention,
    pub id: EntityId,
    pub kind: Kind,
}

/// One sentence, analysed once for every rule.
pub(super) struct View<'v> {
    pub text: &'v str,
    /// Byte offsets of the sentence in the document.
    pub a: usize,
    pub b: usize,
    pub toks: &'v [Token<'v>],
    pub lower: &'v [String],
    pub ments: &'v [Ment],
    /// Names nothing is known of (a capitalised run, an undefined acronym).
    pub unknown: &'v [Mention],
    /// The document's subject.
    pub subject: Option<EntityId>,
    /// The sentence's first time span.
    pub span: Option<Span>,
    /// "under President P".
    pub under: Option<EntityId>,
    /// token ▶ the mention covering it
    pub cover: Vec<Option<usize>>,
    /// the first "he", "she", "his" or "her"
    pub pronoun: Option<usize>,
    /// Who "he" or "she" is: the person the sentences before were about, else the subject.
    pub he: Option<EntityId>,
}

impl View<'_> {
    /// The token at or after a byte position.
    pub fn tok_at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }

    /// The mention covering token `ti`.
    pub fn ment_at(&self, ti: usize) -> Option<&Ment> {
        self.cover.get(ti).copied().flatten().map(|k| &self.ments[k])
    }

    /// The sentence's actor before token `ti`: the person named last before it, or the
    /// document's subject for a pronoun after that person.
    pub fn actor_before(&self, ti: usize) -> Option<EntityId> {
        let last = self.ments.iter().rfind(|x| matches!(x.kind, Kind::Person) && self.tok_at(x.m.end) <= ti);
        let p = last.map(|x| (self.tok_at(x.m.start), x.id));
        // "P announced that he was resigning": the one who tells of it, right before "that he"
        if let (Some(x), Some(q)) = (last, self.pronoun) {
            let after = x.m.next_token;
            if q > after && q < ti && q - after <= 3 && self.lower[q - 1] == "that" && !self.quoted(q) {
                return Some(x.id);
            }
        }
        // a "he" inside a quotation is the speaker's, not the story's: unresolved
        let pronoun = self.pronoun.filter(|&q| q < ti && !self.quoted(q));
        if self.pronoun.is_some_and(|q| q < ti && self.quoted(q)) && p.is_none_or(|(pi, _)| Some(pi) < self.pronoun) {
            return None;
        }
        match (p, pronoun) {
            (Some((pi, id)), Some(q)) if pi > q => Some(id),
            (Some(_), Some(_)) => self.he,
            (Some((_, id)), None) => Some(id),
            (None, Some(_)) => self.he,
            (None, None) => None,
        }
    }

    /// The time span of the clause holding tokens `[from, to)` (between ";", a comma before
    /// "after", "before", "while", "when", "where", "which", "who" or "having", and the
    /// sentence's ends): "served as R1 from 2010 to 2013; as R2 from 2004 to 2008" dates each
    /// post with its own years; "was appointed R in 1984, after serving since 1960 as R2" dates
    /// R with 1984. With no time in the clause, the sentence's span when the sentence has only
    /// one time expression, else none.
    pub fn span_of_clause(&self, from: usize, to: usize, sentence: Option<Span>) -> Option<Span> {
        // "Prior to joining O in 1986, P was R": a phrase set before the sentence's subject, up to
        // its first comma, is a clause of its own
        let fronted = self.lower.first().is_some_and(|w| {
            matches!(w.as_str(), "prior" | "after" | "before" | "following" | "upon" | "while" | "since" | "until")
        }) && self.lower.iter().take(4).any(|w| w.len() > 4 && w.ends_with("ing"));
        let fronted_end = if fronted { self.lower.iter().position(|w| w == ",") } else { None };
        let boundary = |q: usize| {
            fronted_end == Some(q)
                || self.lower[q] == ";"
                || (self.lower[q] == ","
                    && self.lower.get(q + 1).is_some_and(|w| {
                        matches!(
                            w.as_str(),
                            "after" | "before" | "while" | "when" | "where" | "which" | "who" | "having"
                        )
                    }))
                // "joined O1 in May 2015 after serving as R of O2": a gerund's clause
                || (matches!(self.lower[q].as_str(), "after" | "before")
                    && self.lower.get(q + 1).is_some_and(|w| w.len() > 4 && w.ends_with("ing")))
        };
        // "R1 of O1 (1984-1988), R2 of O2 (1988-1989) and R3 ...": a list item's own time,
        // between the commas or "and" around it (outside parentheses)
        let depth = |q: usize| {
            self.lower[..q].iter().filter(|w| *w == "(").count() as isize
                - self.lower[..q].iter().filter(|w| *w == ")").count() as isize
        };
        // ("between 1990 and 1995" is one time, not two items)
        let and_item = |q: usize| {
            self.lower[q] == "and"
                && self.lower.get(q + 1).is_some_and(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
        };
        let separator = |q: usize| (matches!(self.lower[q].as_str(), "," | ";") || and_item(q)) && depth(q) == 0;
        let start = (0..from.min(self.toks.len())).rev().find(|&q| boundary(q)).map_or(0, |q| q + 1);
        let end = (to..self.toks.len()).find(|&q| boundary(q)).unwrap_or(self.toks.len());
        // (an item does not reach past its clause)
        let item_start = (0..from.min(self.toks.len())).rev().find(|&q| separator(q)).map_or(0, |q| q + 1).max(start);
        let item_end = (to..self.toks.len()).find(|&q| separator(q)).unwrap_or(self.toks.len()).min(end);
        if item_start < item_end && (item_start > 0 || item_end < self.toks.len()) {
            let item = &self.text[self.toks[item_start].start - self.a..self.toks[item_end - 1].end - self.a];
            if let Some(s) = time::span(item) {
                return Some(s);
            }
            // "Jeff Sperring, CEO of Seattle Children's, plans to retire in 2026": a post set off
            // by commas, with no verb of its own, does not take the main clause's time
            let comma = |q: usize| self.lower.get(q).is_some_and(|w| w == ",");
            let verbless = !self.lower[item_start..item_end].iter().any(|w| {
                matches!(
                    w.as_str(),
                    "is" | "was"
                        | "were"
                        | "are"
                        | "has"
                        | "had"
                        | "have"
                        | "been"
                        | "will"
                        | "served"
                        | "serves"
                        | "became"
                        | "becomes"
                        | "joined"
                        | "named"
                        | "appointed"
                        | "elected"
                )
            });
            if item_start > 0 && comma(item_start - 1) && comma(item_end) && verbless {
                return None;
            }
        }
        if start >= end {
            return sentence;
        }
        let clause = &self.text[self.toks[start].start - self.a..self.toks[end - 1].end - self.a];
        // "the 16th dean of the college, which was established in 1920": a time only inside the
        // relative clause after this one is that clause's
        let relative_after = end < self.toks.len()
            && self.lower.get(end + 1).is_some_and(|w| matches!(w.as_str(), "which" | "who" | "where"));
        let years_after = (end..self.toks.len()).any(|q| year_word(&self.lower[q]).is_some());
        let years_before = (0..end).any(|q| year_word(&self.lower[q]).is_some());
        // "Having served as chair since 1999, P has been appointed dean": a "since" phrase set off
        // before this item dates the earlier post
        let since_before = item_start > 0
            && (0..self.toks.len())
                .filter(|&q| year_word(&self.lower[q]).is_some())
                .all(|q| q < item_start && q > 0 && self.lower[q - 1] == "since");
        // (a gerund's clause after "after" or "before" has only its own time)
        let gerund = start > 0 && matches!(self.lower[start - 1].as_str(), "after" | "before");
        // (the main clause after such a phrase does not take its time)
        let after_fronted = fronted_end.is_some_and(|e| start > e);
        match time::span(clause) {
            Some(_) if since_before => None,
            None if gerund || after_fronted => None,
            Some(s) => Some(s),
            None if relative_after && years_after && !years_before => None,
            None if time::years(self.text).len() <= 1 => sentence,
            None => None,
        }
    }

    /// The document's subject as the one a predicate at token `ti` is about, when nothing
    /// before it in the sentence could be its subject: "Serves on the board of O", "Currently
    /// a member of O" (not "The President serves on the board", "HLS alumni who serve as members").
    pub fn elliptical_subject(&self, ti: usize) -> Option<EntityId> {
        let nominal = self.lower[..ti.min(self.lower.len())]
            .iter()
            .any(|w| matches!(w.as_str(), "the" | "a" | "an" | "these" | "those" | "its" | "their" | "who" | "which"));
        let bare =
            ti <= 3 && !nominal && !self.toks[..ti.min(self.toks.len())].iter().skip(1).any(|t| t.is_capitalised());
        self.subject.filter(|_| bare)
    }

    /// Is token `ti` inside a quotation ("I am sure he will do well as director")?
    pub fn quoted(&self, ti: usize) -> bool {
        let before = &self.text[..self.toks.get(ti).map_or(self.text.len(), |t| t.start - self.a)];
        // curly quotes open and close differently; straight ones alike (odd: open)
        before.matches('“').count() > before.matches('”').count() || before.matches('"').count() % 2 == 1
    }

    /// "not", "never" or "no" in the four words before token `ti`.
    pub fn negated(&self, ti: usize) -> bool {
        self.lower[ti.saturating_sub(4)..ti].iter().any(|w| matches!(w.as_str(), "not" | "never" | "no"))
    }
}

/// What the rules of one sentence share: the facts proposed so far, titles read with their
/// organisation ("BRA Secretary P"), and roles read without one.
#[derive(Default)]
pub(super) struct Scratch {
    pub pending: Vec<(Fact, &'static str)>,
    pub title_orgs: Vec<(EntityId, EntityId)>,
    pub orphans: Vec<(EntityId, String)>,
}

/// How many of the latest facts a sentence looks back through ("leaving Bayview", "joined
/// Bayview": the post there), so a long document stays linear.
pub(super) const RECENT_FACTS: usize = 200;

/// A year written as a word ("2017").
pub(super) fn year_word(w: &str) -> Option<i32> {
    (w.len() == 4).then(|| w.parse().ok()).flatten()
}

/// The first "in YEAR" in `lower[from..to]`: the position of "in", and the year.
pub(super) fn year_after_in(lower: &[String], from: usize, to: usize) -> Option<(usize, When)> {
    (from..to.min(lower.len())).find_map(|q| {
        let y = (lower[q] == "in").then(|| lower.get(q + 1).and_then(|w| year_word(w))).flatten()?;
        Some((q, When::year(y)))
    })
}

/// "leaving Bayview", "joined Bayview": the organisation whose name starts with this word,
/// among the latest posts of `holder`.
pub(super) fn post_org_by_first_word(cx: &Context, holder: EntityId, word: &Token) -> Option<EntityId> {
    if !(word.is_word() && word.is_capitalised()) {
        return None;
    }
    let prefix = format!("{} ", word.text);
    cx.facts.iter().rev().take(RECENT_FACTS).find_map(|f| match &f.fact {
        Fact::Position { holder: h, org: Some(o), .. } if *h == holder && cx.entities[*o].name.starts_with(&prefix) => {
            Some(*o)
        }
        _ => None,
    })
}

/// Longest stretch of text read as one sentence, in bytes.
pub(super) const MAX_SENTENCE: usize = 2_000;

/// Cuts `[a, b)` into pieces of at most `max` bytes, at whitespace where there is some.
pub(super) fn chunks(text: &str, a: usize, b: usize, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a;
    while b - start > max {
        let mut cut = start + max;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[start..cut].rfind(char::is_whitespace).map_or(cut, |p| start + p + 1).max(start + 1);
        let mut cut = cut;
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        out.push((start, cut));
        start = cut;
    }
    out.push((start, b));
    out
}

/// The entity named right after `word` ("under President Voss", "by the BRA Secretary").
pub(super) fn find_after_word(lower: &[String], ments: &[Ment], toks: &[Token], word: &str) -> Option<EntityId> {
    let ti = lower.iter().position(|w| w == word)?;
    let next = toks.get(ti + 1)?.start;
    ments
        .iter()
        .find(|x| x.m.full_start >= next && x.m.full_start <= toks.get(ti + 3).map_or(usize::MAX, |t| t.start))
        .map(|x| x.id)
}

/// The organisations in an organisation slot: "of the Flood Relief Healthcare Coalition and the
/// national effort, The Fight Is In Us". A capitalised name without a head word counts here,
/// because the slot says it is an organisation.
pub(super) fn org_list_at(
    cx: &mut Context,
    ments: &[Ment],
    unknown: &[Mention],
    toks: &[Token],
    lower: &[String],
    from: usize,
) -> Vec<EntityId> {
    let tok_of = |pos: usize| toks.partition_point(|t| t.start < pos);
    let mut out = Vec::new();
    let mut i = from;
    for _ in 0..8 {
        loop {
            if i < toks.len() && matches!(lower[i].as_str(), "the" | "a" | "an") {
                i += 1;
            } else if lower
                .get(i + 1)
                .is_some_and(|w| w.strip_prefix('-').is_some_and(|s| cx.lex.compound_suffixes.contains(s)))
            {
                // "at Annapolis-based Severn Bank": the adjective before the name
                i += 2;
            } else {
                // "at Chapel Hill, N.C.-based UNC Health": a place and its state before "-based"
                if let Some(e) = super::super::mention::place_adjective_end(toks, cx.lex, i) {
                    i = e;
                    continue;
                }
                break;
            }
        }
        if let Some(x) = ments.iter().find(|x| tok_of(x.m.full_start) == i || x.m.first_token == i) {
            if !matches!(x.kind, Kind::Org(_)) {
                break;
            }
            out.push(x.id);
            i = x.m.next_token.max(i + 1);
        } else if let Some(u) = unknown.iter().find(|u| tok_of(u.full_start) == i || u.first_token == i) {
            // a role in it ("Health Data Standards Officer") makes it no organisation; words that
            // only qualify roles ("Bayview Health") do not
            let has_role_word = u.name.split_whitespace().any(|w| cx.lex.roles.contains(&w.to_lowercase()))
                || cx.lex.is_title_phrase(&u.name);
            let acronym = u.kind == MentionKind::Acronym;
            if !acronym && (u.name.split_whitespace().count() < 2 || !looks_like_name(&u.name) || has_role_word) {
                break;
            }
            match cx.org_by_position(&u.name) {
                Some(id) => out.push(id),
                None => break,
            }
            i = u.next_token.max(i + 1);
        } else if i + 1 < toks.len() && toks[i].is_capitalised() && toks[i + 1].text.ends_with("'s")
            || i + 1 < toks.len() && toks[i + 1].text.ends_with("’s")
        {
            // "Northfield's bio2 project": an owner and a description, no name
            i += 2;
            while i < toks.len() && toks[i].is_word() && !toks[i].is_capitalised() && lower[i] != "and" {
                i += 1;
            }
        } else {
            break;
        }
        if i < toks.len() && (lower[i] == "and" || lower[i] == ",") {
            i += 1;
            let save = i;
            while i < toks.len() && matches!(lower[i].as_str(), "the" | "a" | "an") {
                i += 1;
            }
            // "the national convalescent plasma effort, The Fight Is In Us"
            let mut j = i;
            while j < toks.len() && toks[j].is_word() && !toks[j].is_capitalised() {
                j += 1;
            }
            i = if j > i && toks.get(j).is_some_and(|t| t.text == ",") { j + 1 } else { save };
            continue;
        }
        break;
    }
    out
}

/// Every word capitalised except short connectors.
pub(super) fn looks_like_name(s: &str) -> bool {
    s.split_whitespace().all(|w| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || matches!(w, "of" | "and" | "for" | "the" | "&" | "on" | "in" | "at")
    })
}

/// Organisations listed after token `from`: "of A, B and C".
pub(super) fn orgs_listed_after(ments: &[Ment], toks: &[Token], from: usize) -> Vec<EntityId> {
    let mut out = Vec::new();
    let mut k = from;
    let tok_of = |pos: usize| toks.partition_point(|t| t.start < pos);
    loop {
        while k < toks.len()
            && matches!(toks[k].text.to_lowercase().as_str(), "of" | "to" | "the" | "a" | "," | "and" | "an")
        {
            k += 1;
        }
        let Some(x) = ments.iter().find(|x| tok_of(x.m.full_start) == k || x.m.first_token == k) else { break };
        if !matches!(x.kind, Kind::Org(_)) {
            break;
        }
        out.push(x.id);
        k = tok_of(x.m.end).max(k + 1);
        if k < toks.len() && !matches!(toks[k].text, "," | "and") {
            break;
        }
    }
    out
}

/// The degrees named in these tokens, left to right, each with the index of the token after it.
pub(super) fn degrees_in(cx: &Context, toks: &[Token]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match degree_at(cx, &toks[i..]) {
            Some((d, len)) => {
                out.push((d, i + len));
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// A degree starting at the first token (the longest of up to four tokens), and its length.
pub(super) fn degree_at(cx: &Context, toks: &[Token]) -> Option<(String, usize)> {
    for len in (1..=4.min(toks.len())).rev() {
        // "bachelor's degree": a possessive is its own token, written back without a space
        let mut s = String::new();
        for (i, t) in toks[..len].iter().enumerate() {
            if i > 0 && !t.text.starts_with(['\'', '’']) {
                s.push(' ');
            }
            s.push_str(t.text);
        }
        if let Some(d) = cx.lex.degree(&s.replace('’', "'")) {
            return Some((d.to_owned(), len));
        }
    }
    None
}

pub(super) fn field_in(lower: &[String]) -> Option<String> {
    let i = lower.iter().position(|w| w == "in")?;
    let f: Vec<&str> = lower[i + 1..].iter().map(String::as_str).take_while(|w| *w != "from").collect();
    (!f.is_empty() && f.len() <= 5).then(|| f.join(" "))
}

pub(super) fn tidy_role(s: &str) -> String {
    let s = s.trim().trim_matches(|c: char| !c.is_alphanumeric());
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words.first().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "the" | "a" | "an" | "as" | "his" | "her" | "former" | "past" | "next" | "new"
        )
    }) {
        words.remove(0);
    }
    words.join(" ")
}
