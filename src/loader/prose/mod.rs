//! Sentences: news items and biography paragraphs. Each sentence is analysed once (tokens,
//! resolved names, who "he" is, its time span: `view::View`); then the phrase rules of
//! [`RULES`], one file each, read facts from it in the order the table states, and the clause
//! frames ([`super::frame`]) with their rules ([`super::rules`]) complete what those found. Time
//! comes from the same sentence ("from 1992 to 1995", "in 1984", "since 2016").
//!
//! To add a phrase rule: a file here with `pub(super) fn run(cx, view, scratch)`, a line in
//! [`RULES`]. Patterns about verbs of office are better written as frame rules.

mod appointments;
mod born;
mod collaborating;
mod degree_from;
mod founded;
mod includes;
mod joined;
mod leaves_org;
mod member_of;
mod org_in_org;
mod received_honour;
mod refer;
mod role_of_org;
mod roster_heading;
mod roster_intro;
mod served_on;
mod signed_established;
mod succeeds;
mod this_post;
mod title_before_name;
mod verb_post;
mod view;

use super::frame::{self, Antecedents, Arg, Sentence, Subject};
use super::mention::{self, Mention, MentionKind, Token};
use super::resolve::Context;
use super::rules;
use super::structured::LineRole;
use super::time;
use super::{EntityId, Fact, Kind};
use crate::document::{sentences, Line};
use crate::lexicon::{fold, OrgKind, Sex};
use view::{chunks, find_after_word, Ment, Scratch, View, MAX_SENTENCE};

/// A phrase rule: its file and the ids of the facts it reads.
pub struct PhraseRule {
    /// The file that holds it.
    pub file: &'static str,
    /// The ids of the facts it reads (`extract --explain` prints them).
    pub ids: &'static [&'static str],
    run: fn(&mut Context, &View, &mut Scratch),
}

macro_rules! rule {
    ($m:ident, $($id:literal),+) => {
        PhraseRule { file: concat!("src/loader/prose/", stringify!($m), ".rs"), ids: &[$($id),+], run: $m::run }
    };
}

/// The phrase rules after the title rule, in the order they run: later ones read what earlier
/// ones proposed (the appointment rule reads the posts and roles of the role rule; "succeeds"
/// and "this post" read the posts found before them).
pub const RULES: &[PhraseRule] = &[
    rule!(member_of, "prose.member-of"),
    rule!(born, "prose.born"),
    rule!(served_on, "prose.served-on"),
    rule!(collaborating, "prose.collaborating-with"),
    rule!(signed_established, "prose.signed-by", "prose.established-by"),
    rule!(degree_from, "prose.degree-from"),
    rule!(received_honour, "prose.received-honour"),
    rule!(founded, "prose.founded"),
    rule!(verb_post, "prose.verb-post"),
    rule!(includes, "prose.includes"),
    rule!(org_in_org, "prose.org-in-org", "prose.org-in-place", "prose.org-comma-org", "prose.possessive-org"),
    rule!(role_of_org, "prose.role-of-org", "prose.leave-post-as", "prose.unit-of-org"),
    rule!(appointments, "prose.appointment", "prose.appointed-to", "prose.appointed-to-serve-as"),
    rule!(succeeds, "prose.succeeds"),
    rule!(leaves_org, "prose.leaves-org"),
    rule!(joined, "prose.joined"),
    rule!(this_post, "prose.this-post"),
    rule!(roster_intro, "prose.roster-intro"),
];

/// The title rule runs first, on headings too.
const TITLE: PhraseRule = rule!(title_before_name, "prose.title-before-name");

/// The file of the rule that reads facts with this id, phrase or frame rule.
#[must_use]
pub fn rule_file(id: &str) -> Option<&'static str> {
    RULES
        .iter()
        .chain(std::iter::once(&TITLE))
        .find(|r| r.ids.contains(&id))
        .map(|r| r.file)
        .or_else(|| rules::rule_file(id))
}

/// Reads a line "Person, Role (2004-2017)" as that person's post at the organisation the
/// page's headings name; returns whether it was one.
pub fn read_post_line(cx: &mut Context, l: &Line) -> bool {
    let text = cx.doc.slice(l.start, l.end).to_owned();
    let (toks, ms) = mention::find(&text, l.start, cx.lex);
    roster_heading::post_heading(cx, &toks, &ms, l.start, l.end)
}

/// The person a directory entry opens with, its surname first ("LEE, Al Bo, a Senator from
/// Ohio", up to the second comma), or `None`.
#[must_use]
pub fn inverted_opening(cx: &Context, a: usize, b: usize) -> Option<Mention> {
    let text = cx.doc.slice(a, b);
    let second = text.match_indices(',').nth(1).map_or(text.len(), |(i, _)| i);
    let (toks, _) = mention::find(&text[..second], a, cx.lex);
    roster_heading::inverted_name(cx, &toks)
}

/// The person a line names and nothing else ("Frederick P. Brooks", "Clinton W. Kelly, III"),
/// or `None`.
pub fn name_line(cx: &mut Context, l: &Line) -> Option<EntityId> {
    let text = cx.doc.slice(l.start, l.end).to_owned();
    let (toks, ms) = mention::find(&text, l.start, cx.lex);
    // ("Clinton W. Kelly, III": a generation after the name)
    let rest_is_suffix = |m: &Mention| {
        toks[m.next_token.min(toks.len())..]
            .iter()
            .all(|t| !t.is_word() || t.text.chars().all(|c| c.is_ascii_uppercase()))
    };
    let m = ms.into_iter().next().filter(|m| m.first_token == 0 && rest_is_suffix(m))?;
    match m.kind {
        MentionKind::Person { .. } => Some(cx.person(&m)),
        // a name whose given name no list knows, or that reads as a place ("Raymond Lane"), in a
        // list of names
        MentionKind::Unknown | MentionKind::Surname | MentionKind::Place
            if super::structured::looks_like_person_name(cx, &m.name) =>
        {
            Some(cx.person(&m.as_person()))
        }
        _ => None,
    }
}

/// The person a list item names first, before a comma ("Jo Roe, director, O"), or `None`.
#[must_use]
pub fn named_first(cx: &Context, a: usize, b: usize) -> Option<Mention> {
    let text = cx.doc.slice(a, b);
    let (toks, ms) = mention::find(text, a, cx.lex);
    ms.into_iter().next().filter(|m| {
        m.first_token == 0
            && matches!(m.kind, MentionKind::Person { .. })
            && toks.get(m.next_token).is_some_and(|t| t.text == ",")
    })
}

/// The person the text from `a` to `b` opens with ("Jo Roe, 52, has ..."), or `None`.
pub fn opening_person(cx: &mut Context, a: usize, b: usize) -> Option<EntityId> {
    let text = cx.doc.slice(a, b).to_owned();
    let (_, ms) = mention::find(&text, a, cx.lex);
    let m = ms.into_iter().find(|m| m.first_token == 0 && matches!(m.kind, MentionKind::Person { .. }))?;
    Some(cx.person(&m))
}

/// Reads one paragraph or heading line, sentence by sentence.
pub fn read_line(cx: &mut Context, l: &Line, role: LineRole) {
    if role == LineRole::Noise {
        return;
    }
    let abbr = |w: &str| cx.lex.abbreviations.contains(w) || cx.lex.honorifics.contains(&fold(w));
    let spans = sentences(&cx.doc.text, l.start, l.end, &abbr);
    // "The members of the board as of July 1 are:" is a sentence that introduces a list, not
    // a heading
    let line = cx.doc.slice(l.start, l.end).trim();
    let introduces = line.ends_with(':') && line.split_whitespace().count() >= 6;
    // "Chief Justice: 1952", "Supreme Court: 1952 – 1953": a label and its years is a line of
    // what the heading above says, not a heading of its own
    let dated_label = line.split_once(':').is_some_and(|(l, r)| {
        l.split_whitespace().count() <= 5 && crate::loader::time::span(r).is_some_and(|t| t.start.is_some())
    });
    let heading = role == LineRole::Heading && !introduces && !dated_label;
    for (a, b) in spans {
        // text without sentence punctuation is read in bounded pieces, so time stays linear
        for (a, b) in chunks(&cx.doc.text, a, b, MAX_SENTENCE) {
            sentence(cx, a, b, heading);
        }
    }
}

fn sentence(cx: &mut Context, a: usize, b: usize, heading: bool) {
    let text = cx.doc.slice(a, b).to_owned();
    let (toks, ms) = mention::find(&text, a, cx.lex);
    if heading {
        roster_heading::read(cx, &toks, &ms, a, b);
        // "Adams, Clark J.": the heading is the person's name, read as a whole
        if roster_heading::inverted_name(cx, &toks).is_some() {
            return;
        }
    } else if roster_heading::post_under_name(cx, &toks, a, b) {
        return;
    }
    let mut ments: Vec<Ment> = Vec::new();
    let mut unknown: Vec<Mention> = Vec::new();
    for m in ms {
        if heading && matches!(m.kind, MentionKind::Surname | MentionKind::Unknown) {
            continue;
        }
        // titles and headings name things in passing; only known entities are taken from them
        let known_only = heading && !matches!(m.kind, MentionKind::Person { .. });
        if known_only {
            continue;
        }
        // "the Lillian L. Moehlman Bascom professor": a name inside a named chair, not a person
        // (after a determiner: "named Ann Lee president" names Ann Lee)
        let names_a_chair = matches!(m.kind, MentionKind::Person { honorific: false, title: None, .. })
            && m.first_token > 0
            && matches!(toks[m.first_token - 1].lower().as_str(), "the" | "a" | "an")
            && toks
                .get(m.next_token)
                .is_some_and(|t| t.is_word() && !t.is_capitalised() && cx.lex.roles.contains(&t.lower()));
        if names_a_chair {
            continue;
        }
        if let Some(id) = cx.resolve(&m) {
            ments.push(Ment { kind: cx.entities[id].kind, m, id });
        } else if matches!(m.kind, MentionKind::Unknown | MentionKind::Acronym) {
            unknown.push(m);
        }
    }
    let lower: Vec<String> = toks.iter().map(Token::lower).collect();
    // a name nothing typed, in a slot only a person fills ("S. Georgia Nugen has retired from
    // her role as ..."), is a person for the phrase rules too, not only for the clause frames
    type_people_by_slot(cx, &text, a, &toks, &lower, &mut ments, &mut unknown);
    let mut scratch = Scratch::default();
    {
        let early = View {
            text: &text,
            a,
            b,
            toks: &toks,
            lower: &lower,
            ments: &ments,
            unknown: &unknown,
            subject: cx.subject,
            span: None,
            under: None,
            cover: Vec::new(),
            pronoun: None,
            he: None,
        };
        (TITLE.run)(cx, &early, &mut scratch);
    }
    // headings name things in passing: nothing is read from them
    if heading {
        return;
    }
    refer::refer_back(cx, &toks, &lower, &mut ments);
    refer::lowercase_units(cx, &toks, &lower, &mut ments);
    refer::lowercase_bodies(cx, &toks, &lower, &mut ments);
    // a publication cited as a source is not an employer: "according to the X Blog", "X's report"
    let mut sources: Vec<EntityId> = Vec::new();
    for x in &ments {
        let first = x.m.first_token;
        let before = |k: usize| first >= k && lower[first - k..first].iter().any(|w| w == "according");
        let after = toks.get(x.m.next_token).is_some_and(|t| matches!(t.text, "'s" | "’s"))
            && lower.get(x.m.next_token + 1).is_some_and(|w| cx.lex.source_words.contains(w.as_str()));
        if matches!(x.kind, Kind::Org(_)) && (before(3) || after) {
            sources.push(x.id);
        }
    }
    for &id in &sources {
        cx.entities[id].kind = Kind::Org(OrgKind::News);
        cx.sources.insert(id);
    }
    ments.retain(|x| !sources.contains(&x.id));
    let tok_at = |pos: usize| toks.partition_point(|t| t.start < pos);
    // token ▶ the mention covering it, computed once so lookups are constant time
    let mut cover: Vec<Option<usize>> = vec![None; toks.len() + 1];
    for (k, x) in ments.iter().enumerate() {
        let (from, to) = (tok_at(x.m.full_start).min(x.m.first_token), tok_at(x.m.end));
        for slot in cover.iter_mut().take(to.min(toks.len())).skip(from) {
            slot.get_or_insert(k);
        }
    }
    // "under President P": only a head of state ("under Governor G" is not modelled)
    let under = find_after_word(&lower, &ments, &toks, "under")
        .filter(|&id| cx.entities[id].kind == Kind::Person && cx.entities[id].president);
    // whom the sentence's first "he" or "she" names: the person a clause before it opened with
    // ("Lee joins O from P, where she was R"), else whom the sentences before were about
    let pronoun = lower.iter().position(|w| matches!(w.as_str(), "he" | "she" | "his" | "her" | "him"));
    let he = pronoun.and_then(|q| {
        let sex = Sex::of_pronoun(&lower[q]);
        // "P appointed her to O": an object pronoun is never the person its clause opened with
        // ("her" before a preposition, a comma or the end is an object, before a noun a possessive)
        let object = lower[q] == "him"
            || lower[q] == "her"
                && lower
                    .get(q + 1)
                    .is_none_or(|w| frame::PREPS.contains(&w.as_str()) || !w.starts_with(char::is_alphanumeric));
        if object {
            return cx.pronoun_person(sex);
        }
        let after_prep = |k: usize| {
            k > 0 && frame::PREPS.contains(&lower[k - 1].as_str())
                || k > 1 && lower[k - 1] == "the" && frame::PREPS.contains(&lower[k - 2].as_str())
        };
        ments
            .iter()
            .find(|x| {
                x.kind == Kind::Person && x.m.next_token <= q && !after_prep(x.m.first_token) && cx.fits(x.id, sex)
            })
            .map(|x| x.id)
            .or_else(|| cx.pronoun_person(sex))
    });
    let view = View {
        text: &text,
        a,
        b,
        toks: &toks,
        lower: &lower,
        ments: &ments,
        unknown: &unknown,
        subject: cx.subject,
        span: time::span(&text),
        under,
        cover,
        pronoun,
        he,
    };
    for rule in RULES {
        (rule.run)(cx, &view, &mut scratch);
    }
    let mut pending = scratch.pending;
    clause_frames(cx, &view, &mut pending);
    for (f, rule) in pending {
        cx.add(f, a, b, rule);
    }
}

/// The sentence's resolved names as the frame reader takes them: in order, the longest where
/// two overlap.
fn args_of(ments: &[Ment]) -> Vec<Arg> {
    let mut args: Vec<Arg> = ments
        .iter()
        .filter(|x| x.m.next_token > x.m.first_token)
        .map(|x| Arg { first: x.m.first_token, next: x.m.next_token, id: x.id, kind: x.kind })
        .collect();
    args.sort_by_key(|x| (x.first, std::cmp::Reverse(x.next)));
    args.dedup_by(|x, y| x.first < y.next);
    args
}

/// Types as people the unknown names that stand where only a person can (the subject of "will
/// succeed", "stepped down", "was named"; the object of "named", "succeeds"), moving them from
/// `unknown` to `ments`.
fn type_people_by_slot(
    cx: &mut Context,
    text: &str,
    a: usize,
    toks: &[Token],
    lower: &[String],
    ments: &mut Vec<Ment>,
    unknown: &mut Vec<Mention>,
) {
    if unknown.is_empty() {
        return;
    }
    let args = args_of(ments);
    let slots = frame::person_slots(&Sentence { text, base: a, toks, lower, args }, cx.lex);
    let mut k = 0;
    while k < unknown.len() {
        let u = &unknown[k];
        let fits = frame::looks_like_person(&u.name, cx.lex)
            && slots.iter().any(|&(first, next)| first == u.first_token || next == u.next_token);
        if fits {
            let u = unknown.remove(k);
            let m = u.as_person();
            let id = cx.person(&m);
            ments.push(Ment { kind: Kind::Person, m, id });
        } else {
            k += 1;
        }
    }
    ments.sort_by_key(|x| x.m.full_start);
}

/// What "he", "she", "it" and "the company" stand for: the person the latest clause was about
/// (else the document's subject), the latest organisation named whose name has the noun.
struct Refs<'c, 'd> {
    cx: &'c Context<'d>,
}

impl Antecedents for Refs<'_, '_> {
    fn person(&self, sex: Option<Sex>) -> Option<EntityId> {
        self.cx.pronoun_person(sex)
    }

    fn fits(&self, id: EntityId, sex: Option<Sex>) -> bool {
        self.cx.fits(id, sex)
    }

    fn organisation(&self, head: &str) -> Option<(EntityId, Kind)> {
        let generic = head.is_empty() || frame::ORG_NOUNS.contains(&head) && !self.cx.lex.org_heads.contains_key(head);
        self.cx
            .recent
            .iter()
            .rev()
            .take(200)
            .copied()
            .filter(|id| !self.cx.sources.contains(id))
            .find(|&id| {
                matches!(self.cx.entities[id].kind, Kind::Org(k) if k != OrgKind::Legislation && k != OrgKind::News)
                    && (generic || self.cx.entities[id].name.to_lowercase().contains(head))
            })
            .map(|id| (id, self.cx.entities[id].kind))
    }
}

/// Reads the sentence's clause frames and runs the frame rules on them; what they find
/// completes or joins the facts the phrase patterns above proposed.
fn clause_frames(cx: &mut Context, v: &View, pending: &mut Vec<(Fact, &'static str)>) {
    let View { text, a, toks, lower, ments, unknown, .. } = *v;
    let mut args = args_of(ments);
    // a name nothing typed, in a slot only a person fills, is a person: the subject of "will
    // succeed", "stepped down", "joined", "was named"; the object of "named", "succeeds"
    let slots = frame::person_slots(&Sentence { text, base: a, toks, lower, args: args.clone() }, cx.lex);
    for u in unknown.iter().filter(|u| frame::looks_like_person(&u.name, cx.lex)) {
        if slots.iter().any(|&(first, next)| first == u.first_token || next == u.next_token) {
            let m = u.as_person();
            let id = cx.person(&m);
            args.push(Arg { first: u.first_token, next: u.next_token, id, kind: Kind::Person });
        }
    }
    // a name nothing typed, where only an organisation stands, is one: the object of "joined",
    // "is leaving" ("to join Kaiser Permanente")
    let org_slots = frame::org_slots(&Sentence { text, base: a, toks, lower, args: args.clone() }, cx.lex);
    for u in unknown.iter().filter(|u| org_slots.contains(&u.first_token) && u.kind == MentionKind::Unknown) {
        let taken = args.iter().any(|x| x.first <= u.first_token && u.first_token < x.next);
        if !taken && !cx.lex.places.contains(&u.name) {
            if let Some(id) = cx.org_by_position(&u.name) {
                args.push(Arg { first: u.first_token, next: u.next_token, id, kind: cx.entities[id].kind });
            }
        }
    }
    args.sort_by_key(|x| (x.first, std::cmp::Reverse(x.next)));
    args.dedup_by(|x, y| x.first < y.next);
    let s = Sentence { text, base: a, toks, lower, args };
    let (proposed, about, appointers) = {
        let refs = Refs { cx };
        let frames = frame::frames(&s, cx.lex, &refs);
        let its = refs.organisation("").map(|o| o.0);
        let mut orgs: Vec<(EntityId, String)> = Vec::new();
        for &id in cx.recent.iter().rev().take(200) {
            if matches!(cx.entities[id].kind, Kind::Org(_))
                && !cx.sources.contains(&id)
                && !orgs.iter().any(|o| o.0 == id)
            {
                orgs.push((id, cx.entities[id].name.clone()));
            }
        }
        let input =
            rules::Input { lex: cx.lex, s: &s, frames: &frames, date: cx.date, known: &cx.facts, pending, its, orgs };
        let who = |x: Option<Subject>| input.who(x).filter(|w| w.1 == Kind::Person).map(|w| w.0);
        // the person the last clause was about, or its object when that is a person
        let about = frames
            .iter()
            .rev()
            .find_map(|f| who(f.subject).or_else(|| input.arg(f.object).filter(|o| o.1 == Kind::Person).map(|o| o.0)));
        // who appointed whom to what, in this sentence
        let appointers: Vec<(EntityId, String)> = frames
            .iter()
            .filter(|f| f.verb.class == crate::lexicon::VerbClass::Appoint && !f.verb.passive && !f.verb.negated)
            .filter_map(|f| {
                // only when someone else is appointed: "P appointed Y as R"
                let by = who(f.subject)?;
                input.arg(f.object).filter(|o| o.1 == Kind::Person && o.0 != by)?;
                Some((by, rules::tidy(&f.role.as_ref()?.text)))
            })
            .collect();
        (rules::run(&input), about, appointers)
    };
    rules::merge(pending, proposed);
    // "P appointed Y as R": the role pattern's reading of P as R is the appointee's post, not P's
    let given: Vec<(EntityId, String)> = appointers;
    pending.retain(|(f, rule)| match f {
        Fact::Position { holder, role: Some(r), .. } if *rule == "prose.role-of-org" => {
            !given.iter().any(|(p, role)| p == holder && rules::tidy(r) == *role)
        }
        _ => true,
    });
    // who the sentence was about: whoever it gave a post, else the subject of its last clause,
    // else the last person it names
    // (a title before a name, "Governor P appointed her", names its holder in passing)
    let holder = pending.iter().rev().find_map(|(f, rule)| match f {
        Fact::Position { holder, .. } if *rule != "prose.title-before-name" => Some(*holder),
        Fact::Education { student, .. } => Some(*student),
        _ => None,
    });
    // a sentence about "him" or "her" keeps who that is ("President P appointed her to O":
    // "she" in the next sentence is still her); otherwise the last person it names
    let pronoun = lower.iter().any(|w| matches!(w.as_str(), "he" | "she" | "his" | "her" | "him"));
    let named = s.args.iter().rev().find(|x| x.kind == Kind::Person && !pronoun).map(|x| x.id);
    let about = if pronoun { v.he.or(about) } else { about };
    if let Some(p) = holder.or(about).or(named) {
        cx.last_person = Some(p);
    }
}
