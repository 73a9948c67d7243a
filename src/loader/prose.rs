//! Sentences: news items and biography paragraphs. Each sentence's mentions are resolved, then
//! general patterns read facts from them: a role phrase with its organisation ("served as
//! professor at O", "CIO of O", "O director P"), "under President P", "leave his post as",
//! "elected to O", "a member/fellow of O, O and O", "collaborating with P on T", "signed by
//! President P", "established by L", "appointed/named R of O", "received his D from O". Time
//! comes from the same sentence ("from 1992 to 1995", "in 1984", "since 2016").

use super::mention::{self, Mention, MentionKind, Token};
use super::resolve::Context;
use super::structured::LineRole;
use super::time::{self, When};
use super::{EntityId, Fact, Kind};
use crate::document::{sentences, Line};
use crate::lexicon::{fold, OrgKind};

/// A resolved mention in a sentence.
#[derive(Debug, Clone)]
struct Ment {
    m: Mention,
    id: EntityId,
    kind: Kind,
}

/// Reads every paragraph line not consumed by the structured reader.
pub fn read(cx: &mut Context, lines: &[Line], roles: &[LineRole], consumed: &[bool]) {
    for (i, l) in lines.iter().enumerate() {
        if consumed[i] || roles[i] == LineRole::Noise {
            continue;
        }
        let abbr = |w: &str| cx.lex.abbreviations.contains(w) || cx.lex.honorifics.contains(&fold(w));
        let spans = sentences(&cx.doc.text, l.start, l.end, &abbr);
        for (a, b) in spans {
            // text without sentence punctuation is read in bounded pieces, so time stays linear
            for (a, b) in chunks(&cx.doc.text, a, b, MAX_SENTENCE) {
                sentence(cx, a, b, roles[i] == LineRole::Heading);
            }
        }
    }
}

/// "the task force", "the panel", "the university": the latest organisation of that kind
/// named before, added as a mention so patterns can use it.
fn refer_back(cx: &mut Context, toks: &[Token], lower: &[String], ments: &mut Vec<Ment>) {
    let mut i = 0;
    while i + 1 < toks.len() {
        if lower[i] != "the" || toks[i + 1].is_capitalised() {
            i += 1;
            continue;
        }
        let two = lower.get(i + 2).map(|w| format!("{} {w}", lower[i + 1]));
        let (head, last) = match two.filter(|t| cx.lex.org_heads.contains_key(t.as_str())) {
            Some(t) => (t, i + 2),
            None if cx.lex.org_heads.contains_key(lower[i + 1].as_str()) => (lower[i + 1].clone(), i + 1),
            None => {
                i += 1;
                continue;
            }
        };
        // "the panel" but not "the panel's chair Jane Roe" mistaken for a name: a lowercase head
        let covered = ments.iter().any(|x| x.m.first_token <= last && x.m.next_token > i);
        let candidates: Vec<EntityId> = cx
            .recent
            .iter()
            .rev()
            .take(200)
            .copied()
            .filter(|&id| {
                matches!(cx.entities[id].kind, Kind::Org(_))
                    && cx.entities[id].name.to_lowercase().contains(&head)
                    && !cx.sources.contains(&id)
            })
            .collect();
        // "the university" is a university, not "University of X School of Medicine" (a school
        // of one): the latest whose name has no other head word after this one, else the latest
        let heads_last = |id: EntityId| {
            let name = cx.entities[id].name.to_lowercase();
            name.rfind(&head)
                .is_some_and(|p| !name[p + head.len()..].split_whitespace().any(|w| cx.lex.org_heads.contains_key(w)))
        };
        let found = candidates.iter().copied().find(|&id| heads_last(id)).or_else(|| candidates.first().copied());
        if let (false, Some(id)) = (covered, found) {
            let m = Mention {
                start: toks[i + 1].start,
                end: toks[last].end,
                full_start: toks[i].start,
                name: cx.entities[id].name.clone(),
                kind: MentionKind::Org(match cx.entities[id].kind {
                    Kind::Org(k) => k,
                    _ => OrgKind::Organization,
                }),
                acronym: None,
                next_token: last + 1,
                first_token: i + 1,
            };
            cx.recent.push(id);
            ments.push(Ment { kind: cx.entities[id].kind, m, id });
        }
        i = last + 1;
    }
    ments.sort_by_key(|x| x.m.full_start);
}

/// "chairman of the department of information science at ...": a unit of an organisation named
/// in lowercase, read as the organisation "Department of Information Science" (educational when
/// the sentence names an educational organisation).
fn lowercase_units(cx: &mut Context, toks: &[Token], lower: &[String], ments: &mut Vec<Ment>) {
    let educational = ments.iter().any(|x| x.kind == Kind::Org(OrgKind::Educational));
    let mut i = 0;
    while i + 2 < toks.len() {
        let unit = matches!(lower[i].as_str(), "department" | "division") && !toks[i].is_capitalised();
        if !unit || lower[i + 1] != "of" || (i > 0 && lower[i - 1] != "the") {
            i += 1;
            continue;
        }
        // the field: lowercase words up to the next function word or punctuation
        let mut j = i + 2;
        while j < toks.len()
            && j < i + 6
            && !toks[j].is_capitalised()
            && lower[j].chars().all(char::is_alphabetic)
            && !cx.lex.function_words.contains(lower[j].as_str())
        {
            j += 1;
        }
        let covered = ments.iter().any(|x| x.m.first_token < j && x.m.next_token > i);
        if j == i + 2 || covered {
            i += 1;
            continue;
        }
        let field: Vec<String> = lower[i + 2..j]
            .iter()
            .map(|w| {
                let mut c = w.chars();
                c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            })
            .collect();
        let head = if lower[i] == "department" { "Department" } else { "Division" };
        let name = format!("{head} of {}", field.join(" "));
        let kind = if educational { OrgKind::Educational } else { OrgKind::Organization };
        let id = cx.org(&name, kind);
        let m = Mention {
            start: toks[i].start,
            end: toks[j - 1].end,
            full_start: toks[i].start,
            name,
            kind: MentionKind::Org(kind),
            acronym: None,
            next_token: j,
            first_token: i,
        };
        cx.recent.push(id);
        ments.push(Ment { kind: cx.entities[id].kind, m, id });
        i = j;
    }
    ments.sort_by_key(|x| x.m.full_start);
}

/// How many of the latest facts a sentence looks back through ("leaving Bayview", "joined
/// Bayview": the post there), so a long document stays linear.
const RECENT_FACTS: usize = 200;

/// A year written as a word ("2017").
fn year_word(w: &str) -> Option<i32> {
    (w.len() == 4).then(|| w.parse().ok()).flatten()
}

/// The first "in YEAR" in `lower[from..to]`: the position of "in", and the year.
fn year_after_in(lower: &[String], from: usize, to: usize) -> Option<(usize, When)> {
    (from..to.min(lower.len())).find_map(|q| {
        let y = (lower[q] == "in").then(|| lower.get(q + 1).and_then(|w| year_word(w))).flatten()?;
        Some((q, When::year(y)))
    })
}

/// "leaving Bayview", "joined Bayview": the organisation whose name starts with this word,
/// among the latest posts of `holder`.
fn post_org_by_first_word(cx: &Context, holder: EntityId, word: &Token) -> Option<EntityId> {
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
const MAX_SENTENCE: usize = 2_000;

/// Cuts `[a, b)` into pieces of at most `max` bytes, at whitespace where there is some.
fn chunks(text: &str, a: usize, b: usize, max: usize) -> Vec<(usize, usize)> {
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

fn sentence(cx: &mut Context, a: usize, b: usize, heading: bool) {
    let text = cx.doc.slice(a, b).to_owned();
    let (toks, ms) = mention::find(&text, a, cx.lex);
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
        let names_a_chair = matches!(m.kind, MentionKind::Person { honorific: false, title: None, .. })
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
    let mut pending: Vec<(Fact, &'static str)> = Vec::new();
    // "BRA Secretary Alma R. Fenwick": a title with its organisation before a name
    let mut title_orgs: Vec<(EntityId, EntityId)> = Vec::new();
    for x in &ments {
        if let MentionKind::Person { title: Some(t), .. } = &x.m.kind {
            let mut words = t.split_whitespace();
            if let (Some(org), Some(role)) = (words.next(), words.next()) {
                if org.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && org.len() >= 2 {
                    let org_id = cx.acronym(org).or_else(|| cx.org_by_position(org));
                    if let Some(o) = org_id {
                        title_orgs.push((x.id, o));
                        pending.push((
                            Fact::Position {
                                holder: x.id,
                                org: Some(o),
                                role: Some(role.to_owned()),
                                start: None,
                                end: None,
                                under: None,
                                appointed_by: None,
                                ended: false,
                            },
                            "prose.title-before-name",
                        ));
                    }
                }
            }
        }
    }
    if heading {
        return;
    }
    let lower: Vec<String> = toks.iter().map(Token::lower).collect();
    refer_back(cx, &toks, &lower, &mut ments);
    lowercase_units(cx, &toks, &lower, &mut ments);
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
    let subject = cx.subject;
    let tok_at = |pos: usize| toks.partition_point(|t| t.start < pos);
    // token ▶ the mention covering it, computed once so lookups are constant time
    let mut cover: Vec<Option<usize>> = vec![None; toks.len() + 1];
    for (k, x) in ments.iter().enumerate() {
        let (from, to) = (tok_at(x.m.full_start).min(x.m.first_token), tok_at(x.m.end));
        for slot in cover.iter_mut().take(to.min(toks.len())).skip(from) {
            slot.get_or_insert(k);
        }
    }
    let ment_at = |ti: usize| cover.get(ti).copied().flatten().map(|k| &ments[k]);

    // the sentence's actor: first person named, or a pronoun for the subject
    let pronoun = lower.iter().position(|w| matches!(w.as_str(), "he" | "she" | "his" | "her"));
    let actor_before = |ti: usize| -> Option<EntityId> {
        let p = ments
            .iter()
            .rfind(|x| matches!(x.kind, Kind::Person) && tok_at(x.m.end) <= ti)
            .map(|x| (tok_at(x.m.start), x.id));
        match (p, pronoun.filter(|&q| q < ti)) {
            (Some((pi, id)), Some(q)) if pi > q => Some(id),
            (Some(_), Some(_)) => subject,
            (Some((_, id)), None) => Some(id),
            (None, Some(_)) => subject,
            (None, None) => None,
        }
    };
    let negated =
        |ti: usize| lower[ti.saturating_sub(4)..ti].iter().any(|w| matches!(w.as_str(), "not" | "never" | "no"));
    let span = time::span(&text);
    // "under President P": only a head of state ("under Governor G" is not modelled)
    let under = find_after_word(&lower, &ments, &toks, "under")
        .filter(|&id| cx.entities[id].kind == Kind::Person && cx.entities[id].president);

    // "elected to O", "a member of O", "a fellow of O, O and O"
    for (ti, w) in lower.iter().enumerate() {
        let elected = w == "elected" && lower.get(ti + 1).is_some_and(|n| n == "to" || n == "the" || n == "a");
        let member = (w == "member" || w == "fellow" || w == "members") && lower.get(ti + 1).is_some_and(|n| n == "of");
        if !(elected || member) || negated(ti) {
            continue;
        }
        let Some(actor) = actor_before(ti).or(subject) else { continue };
        let role = if elected {
            "elected member"
        } else if w == "fellow" {
            "fellow"
        } else {
            "member"
        };
        for id in orgs_listed_after(&ments, &toks, ti + 1) {
            if id != actor {
                pending.push((
                    (Fact::Membership {
                        member: actor,
                        org: id,
                        role: Some(role.into()),
                        since: span.and_then(|s| s.start),
                        until: span.and_then(|s| s.end),
                    }),
                    "prose.member-of",
                ));
            }
        }
    }

    // "Born September 21, 1933, in Brooklyn, N.Y., he received ..."
    if let Some(ti) = lower.iter().position(|w| w == "born") {
        if !negated(ti) {
            let person = actor_before(ti)
                .or_else(|| ments.iter().find(|x| x.kind == Kind::Person && tok_at(x.m.start) > ti).map(|x| x.id))
                .or(subject);
            let place = lower
                .iter()
                .skip(ti)
                .position(|w| w == "in")
                .and_then(|k| ment_at(ti + k + 1))
                .filter(|x| x.kind == Kind::Place)
                .map(|x| x.id);
            let date = time::dates(&text).into_iter().find(|d| d.0 >= toks[ti].start - a).map(|d| d.2);
            if let Some(p) = person.filter(|_| place.is_some() || date.is_some()) {
                pending.push((Fact::Born { person: p, place, date }, "prose.born"));
            }
        }
    }

    // "has served on the X Board since 2015", "sits on the X Committee"
    for (ti, w) in lower.iter().enumerate() {
        if !matches!(w.as_str(), "served" | "serves" | "serving" | "serve" | "sits" | "sat" | "sitting")
            || lower.get(ti + 1).is_none_or(|n| n != "on")
            || negated(ti)
        {
            continue;
        }
        let Some(actor) = actor_before(ti).or(subject) else { continue };
        // "serves on the board of directors of O": a seat on O's board
        let mut k = ti + 2;
        let mut role = "member";
        if lower.get(k).is_some_and(|w| w == "the") {
            k += 1;
        }
        if lower.get(k).is_some_and(|w| matches!(w.as_str(), "board" | "boards")) && !toks[k].is_capitalised() {
            k += 1;
            if lower.get(k).is_some_and(|w| w == "of")
                && lower
                    .get(k + 1)
                    .is_some_and(|w| matches!(w.as_str(), "directors" | "trustees" | "governors" | "regents"))
            {
                k += 2;
            }
            if lower.get(k).is_none_or(|w| w != "of") {
                continue;
            }
            role = "board member";
        } else {
            k = ti + 2;
        }
        for id in orgs_listed_after(&ments, &toks, k) {
            pending.push((
                Fact::Membership {
                    member: actor,
                    org: id,
                    role: Some(role.into()),
                    since: span.and_then(|s| s.start),
                    until: span.and_then(|s| s.end),
                },
                "prose.served-on",
            ));
        }
    }

    // "collaborating with P on T"
    if let Some(ti) = lower.iter().position(|w| w.starts_with("collaborat") || w == "partnered" || w == "working") {
        if lower.get(ti + 1).is_some_and(|w| w == "with") {
            if let (Some(actor), Some(other)) =
                (actor_before(ti).or(subject), ment_at(ti + 2).filter(|x| matches!(x.kind, Kind::Person)).map(|x| x.id))
            {
                let topic = lower.iter().skip(ti + 2).position(|w| w == "on").map(|k| {
                    let from = toks[ti + 2 + k + 1].start - a;
                    let rest = &text[from..];
                    rest.split(['.', ';']).next().unwrap_or("").trim().to_owned()
                });
                if actor != other {
                    pending.push((
                        (Fact::Collaboration {
                            participants: vec![actor, other],
                            topic: topic.filter(|t| !t.is_empty() && t.len() <= 100),
                        }),
                        "prose.collaborating-with",
                    ));
                }
            }
        }
    }

    // "L ... signed by President P"; "O ... established by L"
    for (ti, w) in lower.iter().enumerate() {
        if lower.get(ti + 1).is_none_or(|n| n != "by") {
            continue;
        }
        let after = ments.iter().find(|x| tok_at(x.m.full_start) >= ti + 2 && tok_at(x.m.full_start) <= ti + 3);
        let before = ments.iter().rfind(|x| tok_at(x.m.end) <= ti);
        match (w.as_str(), before, after) {
            ("signed", Some(l), Some(p)) if p.kind == Kind::Person && l.kind == Kind::Org(OrgKind::Legislation) => {
                pending.push(((Fact::SignedBy { law: l.id, president: p.id }), "prose.signed-by"));
            }
            ("established" | "created", Some(o), Some(l))
                if l.kind == Kind::Org(OrgKind::Legislation) && matches!(o.kind, Kind::Org(_)) =>
            {
                pending.push(((Fact::EstablishedBy { org: o.id, law: l.id }), "prose.established-by"));
            }
            _ => {}
        }
    }

    // "received his M.D. degree from O", "holds honorary degrees from A, B, and the C",
    // "received his specialty training in pathology at O", "graduated from O"
    let verb = lower.iter().any(|v| {
        matches!(
            v.as_str(),
            "received" | "earned" | "graduated" | "completed" | "holds" | "obtained" | "trained" | "holding"
        )
    });
    let mut prev = 0;
    for ti in 0..toks.len() {
        if !verb || !(lower[ti] == "from" || lower[ti] == "at") {
            continue;
        }
        let window = prev..ti;
        prev = ti + 1;
        let degrees = degrees_in(cx, &toks[window.clone()]);
        let graduated = lower[window.clone()].iter().any(|v| v == "graduated");
        if degrees.is_empty() && !(graduated && lower[ti] == "from") {
            continue;
        }
        let Some(actor) = actor_before(ti).or(subject) else { continue };
        // "a medical doctorate and a master's degree in public health": the field is the last
        // degree's before "in"
        let field = field_in(&lower[window.clone()]);
        let field_at = lower[window.clone()].iter().position(|w| w == "in").map(|p| window.start + p);
        let with_field = field_at.and_then(|p| degrees.iter().rposition(|d| window.start + d.1 <= p));
        let mut each: Vec<(Option<String>, Option<String>)> = degrees
            .iter()
            .enumerate()
            .map(|(i, d)| {
                (Some(d.0.clone()), if with_field == Some(i) || field_at.is_none() { field.clone() } else { None })
            })
            .collect();
        if each.is_empty() {
            each.push((None, field.clone()));
        }
        // "her Ph.D. from O in 2001": the year after the institution, before the next "from"
        let upto = (ti + 1..toks.len().min(ti + 14)).find(|&q| lower[q] == "from").unwrap_or(toks.len().min(ti + 14));
        let year = year_after_in(&lower, ti + 1, upto).map(|(_, y)| y);
        for org in orgs_listed_after(&ments, &toks, ti + 1) {
            for (degree, field) in &each {
                pending.push((
                    Fact::Education {
                        student: actor,
                        institution: Some(org),
                        degree: degree.clone(),
                        field: field.clone(),
                        year,
                        completed: None,
                    },
                    "prose.degree-from",
                ));
            }
        }
    }

    // "received the Rural Health Champion Award from the O in 2012", "won the X Prize", "was
    // presented with the X Medal by O": an honour named in capitals after the verb; "the
    // recipient of numerous awards, including the X Award (1985) and the Y Medal (1992)": a list
    let award_sentence = lower.iter().any(|w| {
        matches!(w.as_str(), "received" | "recipient" | "awarded" | "awards" | "honors" | "honours" | "won" | "prizes")
    });
    for ti in 0..toks.len() {
        let verb = matches!(
            lower[ti].as_str(),
            "received" | "receives" | "won" | "wins" | "awarded" | "earned" | "accepted" | "presented" | "recipient"
        );
        let including = lower[ti] == "including" && award_sentence;
        if !(verb || including) || negated(ti) {
            continue;
        }
        let Some(actor) = actor_before(ti).or(subject) else { continue };
        let mut found: Vec<(String, Option<EntityId>, Option<When>)> = Vec::new();
        let mut k = ti + 1;
        loop {
            let from = k;
            while k < toks.len()
                && k < from + 4
                && matches!(lower[k].as_str(), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "with" | "of")
            {
                k += 1;
            }
            // the capitalised run, "of", "for", "in" and "and" inside it
            let mut end = k;
            while end < toks.len() && end < k + 12 {
                let joins = matches!(lower[end].as_str(), "of" | "for" | "in" | "and" | "&")
                    && toks.get(end + 1).is_some_and(Token::is_capitalised);
                if !toks[end].is_capitalised() && !joins {
                    break;
                }
                end += 1;
            }
            if end == k {
                break;
            }
            let honour = cx.doc.slice(toks[k].start, toks[end - 1].end).to_owned();
            if !cx.lex.has_award_word(&honour) {
                break;
            }
            let by = if lower.get(end).is_some_and(|w| matches!(w.as_str(), "from" | "by" | "of")) {
                orgs_listed_after(&ments, &toks, end + 1).first().copied()
            } else {
                None
            };
            // "(1985)" right after the honour is its year
            let own = (toks.get(end).is_some_and(|t| t.text == "(")
                && toks.get(end + 2).is_some_and(|t| t.text == ")"))
            .then(|| lower[end + 1].parse::<i32>().ok().filter(|y| (1800..=2100).contains(y)))
            .flatten()
            .map(When::year);
            found.push((honour, by, own));
            k = if own.is_some() { end + 3 } else { end };
            if !lower.get(k).is_some_and(|w| w == "," || w == "and") {
                break;
            }
            k += 1;
        }
        let single = found.len() == 1;
        for (honour, by, own) in found {
            let year = own.or(if single { span.and_then(|s| s.start) } else { None });
            let years = year.into_iter().collect();
            pending.push((Fact::Award { recipient: actor, honour, conferred_by: by, years }, "prose.received-honour"));
        }
    }

    // "She also leads the Tidewater Systems Laboratory": a verb that names a post
    for (ti, w) in lower.iter().enumerate() {
        let Some(role) = cx.lex.verb_roles.get(w.as_str()) else { continue };
        if negated(ti) {
            continue;
        }
        // "taught pathology at O": the organisation follows the verb's word, a few words on
        let mut k = ti + 1;
        if let Some(prep) = cx.lex.verb_prepositions.get(w.as_str()) {
            let Some(p) = (ti + 1..toks.len().min(ti + 7))
                .take_while(|&q| !matches!(lower[q].as_str(), "," | "." | ";" | "and"))
                .find(|&q| lower[q] == *prep)
            else {
                continue;
            };
            k = p + 1;
        }
        if lower.get(k).is_some_and(|n| n == "the") {
            k += 1;
        }
        let org = match ment_at(k) {
            Some(x) if matches!(x.kind, Kind::Org(_)) => x.id,
            // "taught at Eastvale", a known "University of Eastvale" by its own word
            found if cx.lex.verb_prepositions.contains_key(w.as_str()) => {
                let word = match found {
                    Some(x) => x.m.name.clone(),
                    None => match toks.get(k).filter(|t| t.is_capitalised()) {
                        Some(t) => t.text.to_owned(),
                        None => continue,
                    },
                };
                match cx.university_called(&word) {
                    Some(id) => id,
                    None => continue,
                }
            }
            _ => continue,
        };
        let Some(actor) = actor_before(ti).or(subject) else { continue };
        pending.push((
            Fact::Position {
                holder: actor,
                org: Some(org),
                role: Some(role.clone()),
                start: span.and_then(|s| s.start),
                end: span.and_then(|s| s.end),
                under: None,
                appointed_by: None,
                ended: false,
            },
            "prose.verb-post",
        ));
    }

    // organisations inside organisations: "O1 in the O2", "O1 at the O2", "O1, O2" (a larger
    // unit), "O2's O1"
    for x in ments.iter().filter(|x| matches!(x.kind, Kind::Org(_))) {
        let n = x.m.next_token;
        let after = |q: usize| if lower.get(q).is_some_and(|w| w == "the") { q + 1 } else { q };
        if lower.get(n).is_some_and(|w| matches!(w.as_str(), "in" | "at" | "within")) {
            // "O1 at the university's O2": O1 is in O2 (itself part of the university)
            let owned = |y: &Ment| {
                let k = y.m.next_token;
                toks.get(k).is_some_and(|t| matches!(t.text, "'s" | "’s"))
                    && ment_at(k + 1).is_some_and(|z| matches!(z.kind, Kind::Org(_)))
            };
            let y = ment_at(after(n + 1)).map(|y| if owned(y) { ment_at(y.m.next_token + 1).unwrap_or(y) } else { y });
            if let Some(y) = y {
                match y.kind {
                    Kind::Org(_) if y.id != x.id => {
                        pending.push((Fact::PartOf { part: x.id, whole: y.id }, "prose.org-in-org"))
                    }
                    Kind::Place => pending.push((Fact::LocatedIn { entity: x.id, place: y.id }, "prose.org-in-place")),
                    _ => {}
                }
            }
        }
        if lower.get(n).is_some_and(|w| w == ",") {
            if let Some(y) = ment_at(n + 1)
                .filter(|y| y.id != x.id && matches!(y.kind, Kind::Org(OrgKind::Government | OrgKind::Educational)))
            {
                let follow = tok_at(y.m.end);
                if !lower.get(follow).is_some_and(|w| w == "," || w == "and") {
                    pending.push((Fact::PartOf { part: x.id, whole: y.id }, "prose.org-comma-org"));
                }
            }
        }
        if toks.get(n).is_some_and(|t| matches!(t.text, "'s" | "’s" | "'" | "’")) {
            if let Some(y) = ment_at(n + 1).filter(|y| y.id != x.id && matches!(y.kind, Kind::Org(_))) {
                pending.push((Fact::PartOf { part: y.id, whole: x.id }, "prose.possessive-org"));
            }
        }
    }
    // an undefined acronym as the owner: "BRA' National Archive of Maps"
    for u in unknown.iter().filter(|u| u.kind == MentionKind::Acronym) {
        let n = u.next_token;
        if toks.get(n).is_some_and(|t| matches!(t.text, "'s" | "’s" | "'" | "’")) {
            if let Some(y) = ment_at(n + 1).filter(|y| matches!(y.kind, Kind::Org(_))) {
                if let Some(owner) = cx.org_by_position(&u.name) {
                    pending.push((Fact::PartOf { part: y.id, whole: owner }, "prose.possessive-org"));
                }
            }
        }
    }

    // role phrases: "R of/at O", "O R P", "As R of O under President P, S ..."
    let mut orphans: Vec<(EntityId, String)> = Vec::new();
    let mut ti = 0;
    while ti < toks.len() {
        let w = &lower[ti];
        let is_head = cx.lex.roles.contains(w.as_str()) && !matches!(w.as_str(), "member" | "fellow");
        if !is_head
            || ment_at(ti).is_some_and(|x| matches!(x.kind, Kind::Org(_) | Kind::Person)) && !toks[ti].is_acronym()
        {
            ti += 1;
            continue;
        }
        // "Chief Data Officer": a head that opens a longer title gives way to the title's end
        let longer = (ti + 1..(ti + 4).min(toks.len()))
            .take_while(|&k| {
                toks[k].is_word() && (toks[k].is_capitalised() || cx.lex.role_modifiers.contains(lower[k].as_str()))
            })
            .any(|k| cx.lex.roles.contains(lower[k].as_str()));
        if longer {
            ti += 1;
            continue;
        }
        // role phrase: modifiers to the left
        let mut rs = ti;
        while rs > 0 {
            let p = &lower[rs - 1];
            let tok = &toks[rs - 1];
            // capitalised words belong to the title ("International Healthcare Innovation
            // Professor"), an acronym does not ("NRI director"): it names the organisation
            let modifier = cx.lex.role_modifiers.contains(p.as_str())
                || p.starts_with("co-")
                || (tok.is_capitalised()
                    && tok.is_word()
                    && !tok.is_acronym()
                    && ment_at(rs - 1).is_none()
                    && !cx.lex.function_words.contains(p.as_str())
                    && rs - 1 > 0);
            if !modifier {
                break;
            }
            rs -= 1;
        }
        let mut re = ti + 1;
        // a role in lowercase before a capitalised name ("chief digital officer of Bayview
        // Health") is followed by its organisation; a capitalised title by its field ("Professor
        // of Information Science")
        let org_named_after = lower.get(re).is_some_and(|n| n == "of")
            && !toks[ti].is_capitalised()
            && toks.get(re + 1).is_some_and(|t| t.is_word() && t.is_capitalised());
        // "professor of pathology", "associate dean for technology" (not "of <organisation>")
        if !org_named_after
            && lower.get(re).is_some_and(|n| n == "of" || n == "for")
            && ment_at(re + 1).is_none()
            && lower
                .get(re + 1)
                .is_none_or(|n| !matches!(n.as_str(), "the" | "its" | "their" | "his" | "her" | "a" | "an"))
        {
            let mut k = re + 1;
            let starts_name =
                |k: usize| toks.get(k + 1).is_some_and(|t| t.text.ends_with("'s") || t.text.ends_with("’s"));
            while k < toks.len()
                && toks[k].is_word()
                && ment_at(k).is_none()
                && !starts_name(k)
                && !matches!(
                    lower[k].as_str(),
                    "at" | "in" | "of" | "and" | "for" | "under" | "from" | "since" | "to" | "with"
                )
            {
                k += 1;
            }
            if k > re + 1 {
                re = k;
            }
        }
        let role_text = text[toks[rs].start - a..toks[re - 1].end - a].to_owned();
        let head_tok = ti;
        ti = re;
        if negated(rs) {
            continue;
        }
        // organisation: "of|at|for (the) O" after, or "O R" before
        let mut k = re;
        if lower.get(k).is_some_and(|w| matches!(w.as_str(), "of" | "at" | "for" | "with" | "in" | "to")) {
            k += 1;
            if lower.get(k).is_some_and(|w| w == "the") {
                k += 1;
            }
        }
        let mut slot = if k > re { org_list_at(cx, &ments, &unknown, &toks, &lower, k) } else { Vec::new() };
        // "will serve as its Chief Data Officer": the organisation named before owns the post
        if slot.is_empty() && rs > 0 && matches!(lower[rs - 1].as_str(), "its" | "their") {
            if let Some(x) = ments.iter().rfind(|x| matches!(x.kind, Kind::Org(_)) && tok_at(x.m.end) <= rs) {
                slot.push(x.id);
            }
        }
        // "Scientific Director of its research program": the organisation named before
        if slot.is_empty() && k > re && lower.get(k).is_some_and(|w| w == "its" || w == "their") {
            if let Some(x) = ments.iter().rfind(|x| matches!(x.kind, Kind::Org(_)) && tok_at(x.m.end) <= rs) {
                slot.push(x.id);
            }
        }
        // "Professor of Medicine and Vice Dean for Policy at Bayside": roles joined by "and" share
        // the organisation named after the last of them
        if slot.is_empty() && lower.get(re).is_some_and(|w| w == "and") {
            let mut j = re + 1;
            while j < toks.len().min(re + 16) {
                let w = lower[j].as_str();
                if matches!(
                    w,
                    "," | "." | ";" | "is" | "was" | "has" | "he" | "she" | "who" | "which" | "where" | "while"
                ) {
                    break;
                }
                if matches!(w, "at" | "with") || (w == "of" && lower.get(j + 1).is_some_and(|n| n == "the")) {
                    let mut q = j + 1;
                    if lower.get(q).is_some_and(|n| n == "the") {
                        q += 1;
                    }
                    if ment_at(q).is_some_and(|x| matches!(x.kind, Kind::Org(_))) {
                        slot = org_list_at(cx, &ments, &unknown, &toks, &lower, q);
                        break;
                    }
                }
                j += 1;
            }
        }
        // "at the University of Northland, where she is the Bascom professor"
        let where_clause = lower[..rs].iter().rposition(|w| w == "where");
        let where_org = where_clause
            .and_then(|wh| ments.iter().rfind(|x| matches!(x.kind, Kind::Org(_)) && tok_at(x.m.end) <= wh))
            .map(|x| x.id);
        let mut where_at = None;
        if slot.is_empty() {
            if let Some(wh) = where_clause {
                where_at = Some(wh);
                if let Some(id) = where_org {
                    slot.push(id);
                } else if wh >= 2 && lower[wh - 1] == "," {
                    // "from Alder Permanence, where he was ...": a name without a head word
                    if let Some(u) =
                        unknown.iter().rfind(|u| u.next_token == wh - 1 && u.name.split_whitespace().count() >= 2)
                    {
                        if let Some(id) = cx.org_by_position(&u.name) {
                            slot.push(id);
                        }
                    }
                }
            }
        }
        let org_after = slot.first().copied();
        // "at the University of X, where he was chairman of the department of Y": the unit is
        // the university's
        if let (Some(unit), Some(whole)) = (org_after, where_org) {
            let name = &cx.entities[unit].name;
            if whole != unit && (name.starts_with("Department of ") || name.starts_with("Division of ")) {
                pending.push((Fact::PartOf { part: unit, whole }, "prose.unit-of-org"));
            }
        }
        // "He joined O1 in 2017 from O2, where he was R": the year is the joining's, not R's
        let year_before_where = where_at.is_some_and(|wh| {
            !lower[wh..].iter().any(|w| year_word(w).is_some()) && lower[..wh].iter().any(|w| year_word(w).is_some())
        });
        let span = if year_before_where { None } else { span };
        // the token before the role, past a possessive: "the panel's vice chair"
        let before_role =
            if rs > 1 && matches!(toks[rs - 1].text, "'s" | "’s") { rs - 2 } else { rs.wrapping_sub(1) };
        let mut org_before =
            (rs > 0).then(|| ment_at(before_role)).flatten().filter(|x| matches!(x.kind, Kind::Org(_))).map(|x| x.id);
        // "NRI director Dr. Ida Park": an acronym before the role names the organisation
        if org_before.is_none()
            && rs > 0
            && toks[rs - 1].is_acronym()
            && ment_at(re).is_some_and(|x| x.kind == Kind::Person)
        {
            org_before = cx.acronym(toks[rs - 1].text).or_else(|| cx.org_by_position(toks[rs - 1].text));
        }
        // "O director Dr. P" / "BRA Secretary P": the person right after the role
        let person_after = ment_at(re).filter(|x| matches!(x.kind, Kind::Person)).map(|x| x.id);
        if org_after.is_none() && org_before.is_none() {
            if let Some(h) = actor_before(rs) {
                orphans.push((h, tidy_role(&role_text)));
            }
        }
        let (org, holder) = match (org_after, org_before, person_after) {
            (Some(o), _, _) => {
                let starts_as = rs > 0 && lower[rs - 1] == "as" && rs <= 3;
                let comma = lower.iter().skip(re).position(|w| w == ",").map_or(toks.len(), |c| c + re);
                let after_clause =
                    ments.iter().find(|x| x.kind == Kind::Person && tok_at(x.m.start) > comma).map(|x| x.id);
                let pronoun_after = lower.iter().skip(comma).any(|w| w == "he" || w == "she");
                let holder = if starts_as {
                    after_clause.or(if pronoun_after { subject } else { None }).or(subject)
                } else {
                    actor_before(rs).or(subject)
                };
                (o, holder)
            }
            (None, Some(o), Some(p)) => (o, Some(p)),
            // "served as the City of Brookport Health Commissioner", "was the Acme Labs director"
            (None, Some(o), None) => {
                let Some(x) = ment_at(before_role) else { continue };
                let mut k = tok_at(x.m.start);
                if k > 0 && lower[k - 1] == "the" {
                    k -= 1;
                }
                let linked = k > 0
                    && matches!(
                        lower[k - 1].as_str(),
                        "as" | "is" | "was" | "became" | "becomes" | "remains" | "remained"
                    );
                if !linked {
                    continue;
                }
                (o, actor_before(k - 1).or(subject))
            }
            _ => continue,
        };
        let Some(holder) = holder else { continue };
        if holder == org {
            continue;
        }
        let before = lower[..rs].join(" ");
        let leaving = [
            "leave his",
            "leave her",
            "leaving his",
            "leaving her",
            "resign",
            "stepped down",
            "step down",
            "left his",
            "left her",
            "exiting",
            "will leave",
            "is leaving",
            "retired",
            "retiring",
            "departing",
            "leave the",
            "left the",
        ]
        .iter()
        .any(|p| before.contains(p))
            // "is leaving O to become president of P": the new post is not the one left
            && !["to become", "to join", "to lead", "to serve as", "to take"]
                .iter()
                .any(|p| before.rsplit_once(p).is_some_and(|(_, after)| after.split_whitespace().count() <= 3));
        let former = lower[rs.saturating_sub(2)..rs].iter().any(|w| w == "former" || w == "past" || w == "previous");
        let keeps = before.contains("keep his") || before.contains("keep her") || before.contains("remain");
        let ended = (leaving || former) && !keeps;
        // "who retired in 2018": a year the leaving is dated with, else the document's date
        let left_in = year_after_in(&lower, 0, lower.len())
            .filter(|&(p, _)| {
                p < rs && lower[..p].iter().any(|w| matches!(w.as_str(), "retired" | "left" | "resigned" | "departed"))
            })
            .map(|(_, y)| y);
        let end =
            if leaving && !keeps { left_in.or(cx.date).or(span.and_then(|s| s.end)) } else { span.and_then(|s| s.end) };
        // a birth date is not when a post began
        let born_on = pending.iter().find_map(|(f, _)| if let Fact::Born { date, .. } = f { *date } else { None });
        let span = span.filter(|s| born_on.is_none() || s.start != born_on);
        let end = if born_on.is_some() && span.is_none() && !leaving { None } else { end };
        let mut start = span.and_then(|s| s.start).filter(|_| !leaving).or_else(|| {
            if leaving {
                None
            } else {
                time::relative(&text, cx.date)
            }
        });
        // "for 25 years": counted back from the end, or from the document's date for a post held now
        if let (None, Some(n)) = (start, time::duration_years(&text)) {
            let until = end.or(span.and_then(|s| s.end)).or(if ended { None } else { cx.date });
            start = until.map(|u| When::year(u.year - n));
        }
        let role = tidy_role(&role_text);
        if role.is_empty() || head_tok >= toks.len() {
            continue;
        }
        let under_here = under.filter(|&u| u != holder);
        for &o in slot.iter().chain(if slot.is_empty() { Some(&org) } else { None }) {
            pending.push((
                (Fact::Position {
                    holder,
                    org: Some(o),
                    role: Some(role.clone()),
                    start,
                    end: end.filter(|_| ended || span.is_some_and(|s| s.end.is_some())),
                    under: under_here,
                    appointed_by: None,
                    ended,
                }),
                if leaving { "prose.leave-post-as" } else { "prose.role-of-org" },
            ));
        }
        // "keep his job as CIO of O in Boston"
        let after_org = ments.iter().find(|x| x.id == org).map(|x| x.m.next_token).unwrap_or(0);
        if lower.get(after_org).is_some_and(|w| w == "in") {
            if let Some(p) = ment_at(after_org + 1).filter(|x| x.kind == Kind::Place) {
                pending.push(((Fact::LocatedIn { entity: org, place: p.id }), "prose.org-in-place"));
            }
        }
    }
    appointments(cx, &ments, &toks, &lower, &title_orgs, &orphans, &mut pending, subject);
    // "He succeeds P, who resigned in June 2017": P held the actor's post before, and left it
    if let Some(ti) = lower.iter().position(|w| {
        matches!(w.as_str(), "succeeds" | "succeeded" | "succeeding" | "replaces" | "replaced" | "replacing")
    }) {
        let predecessor = ments
            .iter()
            .find(|x| x.kind == Kind::Person && (tok_at(x.m.full_start) == ti + 1 || x.m.first_token == ti + 1))
            .map(|x| x.id);
        let actor = actor_before(ti).or(subject);
        if let (Some(p), Some(actor)) = (predecessor, actor) {
            // the post the news is about: one that began on the document's date, else the first
            // current post named for the actor
            let current: Vec<(EntityId, Option<String>, Option<When>)> = cx
                .facts
                .iter()
                .rev()
                .take(50)
                .rev()
                .map(|f| &f.fact)
                .chain(pending.iter().map(|(f, _)| f))
                .filter_map(|f| match f {
                    Fact::Position { holder, org: Some(o), role, start, end: None, ended: false, .. }
                        if *holder == actor =>
                    {
                        Some((*o, role.clone(), *start))
                    }
                    _ => None,
                })
                .collect();
            let post = current
                .iter()
                .find(|c| c.2.is_some() && c.2 == cx.date)
                .or(current.first())
                .map(|c| (c.0, c.1.clone()));
            if let Some((org, role)) = post {
                let left = time::dates(&text).first().map(|d| d.2).or(span.and_then(|s| s.start)).or(cx.date);
                if p != actor {
                    pending.push((
                        Fact::Position {
                            holder: p,
                            org: Some(org),
                            role,
                            start: None,
                            end: left,
                            under: None,
                            appointed_by: None,
                            ended: true,
                        },
                        "prose.succeeds",
                    ));
                }
            }
        }
    }
    // "is leaving Bayview at the end of the month to become ...": the post held at O ends; the
    // role is the one read before for that holder and organisation
    for (ti, w) in lower.iter().enumerate() {
        if !matches!(w.as_str(), "leaving" | "leave" | "leaves" | "left") || negated(ti) {
            continue;
        }
        let k = if lower.get(ti + 1).is_some_and(|n| n == "the") { ti + 2 } else { ti + 1 };
        let Some(actor) = actor_before(ti).or(subject) else { continue };
        // the organisation named, or by the first word of its name ("leaving Bayview") when the
        // holder is known to have a post there
        let named = ment_at(k).filter(|x| matches!(x.kind, Kind::Org(_))).map(|x| x.id);
        let first_word = || post_org_by_first_word(cx, actor, toks.get(k)?);
        let Some(org) = named.or_else(first_word) else { continue };
        // the post held there: one with a role named, else any
        let posts: Vec<Option<String>> = cx
            .facts
            .iter()
            .rev()
            .take(RECENT_FACTS)
            .filter_map(|f| match &f.fact {
                Fact::Position { holder, org: Some(o), role, ended: false, .. } if *holder == actor && *o == org => {
                    Some(role.clone())
                }
                _ => None,
            })
            .collect();
        let held = posts.iter().find(|r| r.is_some()).or(posts.first()).cloned();
        let already =
            pending.iter().any(|(f, _)| matches!(f, Fact::Position { org: Some(o), ended: true, .. } if *o == org));
        if let (Some(role), false) = (held, already) {
            pending.push((
                Fact::Position {
                    holder: actor,
                    org: Some(org),
                    role,
                    start: None,
                    end: cx.date,
                    under: None,
                    appointed_by: None,
                    ended: true,
                },
                "prose.leaves-org",
            ));
        }
    }

    // "He joined Bayview Health in 2017 from ...": a post at O from that year (its role is not
    // in the sentence, so none is given)
    for (ti, w) in lower.iter().enumerate() {
        if !matches!(w.as_str(), "joined" | "joins" | "rejoined") || negated(ti) {
            continue;
        }
        let k = if lower.get(ti + 1).is_some_and(|n| n == "the") { ti + 2 } else { ti + 1 };
        let Some(actor) = actor_before(ti).or(subject) else { continue };
        let (org, after) = match ment_at(k) {
            Some(x) if matches!(x.kind, Kind::Org(_)) => (x.id, x.m.next_token),
            Some(_) => continue,
            None => {
                // a name without a head word, or the first word of an organisation the holder
                // is known to have a post at
                let known = toks.get(k).and_then(|t| post_org_by_first_word(cx, actor, t));
                let unnamed = unknown.iter().find(|u| u.first_token == k && u.name.split_whitespace().count() >= 2);
                match (known, unnamed) {
                    (Some(o), _) => (o, k + 1),
                    (None, Some(u)) => match cx.org_by_position(&u.name.clone()) {
                        Some(o) => (o, u.next_token),
                        None => continue,
                    },
                    _ => continue,
                }
            }
        };
        if let Some((_, start)) = year_after_in(&lower, after, toks.len().min(after + 4)) {
            pending.push((
                Fact::Position {
                    holder: actor,
                    org: Some(org),
                    role: None,
                    start: Some(start),
                    end: None,
                    under: None,
                    appointed_by: None,
                    ended: false,
                },
                "prose.joined",
            ));
        }
    }

    // "He has held this post since 2011": the years of the post the sentence before named
    let this_post = lower.windows(3).any(|w| {
        matches!(w[0].as_str(), "held" | "holding" | "holds" | "occupied" | "in")
            && matches!(w[1].as_str(), "this" | "that" | "the")
            && matches!(w[2].as_str(), "post" | "position" | "role" | "job" | "office")
    });
    let years = span.filter(|s| s.start.is_some());
    if this_post && !pending.iter().any(|(f, _)| matches!(f, Fact::Position { .. })) {
        if let (Some(years), Some(actor)) = (years, actor_before(toks.len()).or(subject)) {
            // the latest post of the same holder, without years, read within the last 600 bytes
            let last = cx.facts.iter_mut().rev().take(12).find(|f| {
                matches!(f.fact, Fact::Position { holder, start: None, end: None, .. } if holder == actor)
                    && a.saturating_sub(f.evidence.end) < 600
            });
            if let Some(f) = last {
                if let Fact::Position { start, end, .. } = &mut f.fact {
                    *start = years.start;
                    *end = years.end;
                }
                // the quote runs on to the sentence that gives the years
                f.evidence.end = b;
            }
        }
    }
    for (f, rule) in pending {
        cx.add(f, a, b, rule);
    }
}

/// "Secretary T announced the appointment of B to serve as R", "B was appointed R by P",
/// "said P, who announced the appointment", "the appointment of 13 members to the O".
#[allow(clippy::too_many_arguments)]
fn appointments(
    cx: &mut Context,
    ments: &[Ment],
    toks: &[Token],
    lower: &[String],
    title_orgs: &[(EntityId, EntityId)],
    orphans: &[(EntityId, String)],
    pending: &mut Vec<(Fact, &'static str)>,
    subject: Option<EntityId>,
) {
    let tok_at = |pos: usize| toks.partition_point(|t| t.start < pos);
    let person_at = |q: usize| {
        ments
            .iter()
            .find(|x| x.kind == Kind::Person && (tok_at(x.m.full_start) == q || x.m.first_token == q))
            .map(|x| x.id)
    };
    let person_before = |q: usize| ments.iter().rfind(|x| x.kind == Kind::Person && tok_at(x.m.end) <= q).map(|x| x.id);
    let Some(ti) = lower.iter().position(|w| matches!(w.as_str(), "appointment" | "appointed" | "named" | "nominated"))
    else {
        return;
    };
    if lower[ti.saturating_sub(3)..ti].iter().any(|w| matches!(w.as_str(), "not" | "never")) {
        return;
    }
    let (appointee, appointer) = if lower[ti] == "appointment" {
        let of = lower.get(ti + 1).is_some_and(|w| w == "of");
        let appointee = if of { person_at(ti + 2) } else { subject };
        let appointer = person_before(ti).filter(|p| Some(*p) != appointee);
        // "the appointment of 13 members to the Health IT Policy Committee": a roster follows
        if of && appointee.is_none() {
            if let Some(to) = lower[ti..].iter().position(|w| w == "to").map(|p| p + ti) {
                let q = if lower.get(to + 1).is_some_and(|w| w == "the") { to + 2 } else { to + 1 };
                if let Some(o) = ments
                    .iter()
                    .find(|x| matches!(x.kind, Kind::Org(_)) && (tok_at(x.m.full_start) == q || x.m.first_token == q))
                {
                    cx.roster = Some((o.id, appointer));
                }
            }
        }
        (appointee, appointer)
    } else {
        let by = lower[ti..].iter().position(|w| w == "by").map(|p| p + ti);
        let appointer = by.and_then(|b| person_at(b + 1).or_else(|| person_at(b + 2)));
        (person_before(ti).or(subject), appointer)
    };
    let (Some(appointee), Some(appointer)) = (appointee, appointer) else { return };
    if appointee == appointer {
        return;
    }
    // the post: a position found in this sentence, or a role with the appointer's organisation
    let found = pending.iter().find_map(|(f, _)| match f {
        Fact::Position { holder, org, role, .. } if *holder == appointee => Some((*org, role.clone())),
        _ => None,
    });
    let appointer_org = title_orgs.iter().find(|(p, _)| *p == appointer).map(|(_, o)| *o);
    // "appointed by P to the National Advisory Council": a seat on that body
    let to_org = lower.iter().enumerate().skip(ti).find(|(_, w)| *w == "to").and_then(|(q, _)| {
        let q = if lower.get(q + 1).is_some_and(|w| w == "the") { q + 2 } else { q + 1 };
        ments
            .iter()
            .find(|x| matches!(x.kind, Kind::Org(_)) && (tok_at(x.m.full_start) == q || x.m.first_token == q))
            .map(|x| x.id)
    });
    let (org, role) = match (found, to_org) {
        (Some((org, role)), _) => (org, role),
        (None, Some(o)) => {
            let since = time::span(&lower.join(" ")).and_then(|s| s.start).or(cx.date);
            pending.push((
                Fact::Membership {
                    member: appointee,
                    org: o,
                    role: Some("appointed member".into()),
                    since,
                    until: None,
                },
                "prose.appointed-to",
            ));
            (Some(o), Some("member".to_owned()))
        }
        (None, None) => {
            let role = orphans.iter().find(|(h, _)| *h == appointee).map(|(_, r)| r.clone());
            if let (Some(o), Some(r)) = (appointer_org, role.as_ref()) {
                pending.push((
                    Fact::Position {
                        holder: appointee,
                        org: Some(o),
                        role: Some(r.clone()),
                        start: cx.date,
                        end: None,
                        under: None,
                        appointed_by: Some(appointer),
                        ended: false,
                    },
                    "prose.appointed-to-serve-as",
                ));
            }
            (appointer_org, role)
        }
    };
    pending.push((
        Fact::Appointment { appointee, appointer: Some(appointer), org, role, date: cx.date },
        "prose.appointment",
    ));
}

/// The entity named right after `word` ("under President Voss", "by the BRA Secretary").
fn find_after_word(lower: &[String], ments: &[Ment], toks: &[Token], word: &str) -> Option<EntityId> {
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
fn org_list_at(
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
        while i < toks.len() && matches!(lower[i].as_str(), "the" | "a" | "an") {
            i += 1;
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
            let has_role_word = u.name.split_whitespace().any(|w| cx.lex.roles.contains(&w.to_lowercase()));
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
fn looks_like_name(s: &str) -> bool {
    s.split_whitespace().all(|w| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || matches!(w, "of" | "and" | "for" | "the" | "&" | "on" | "in" | "at")
    })
}

/// Organisations listed after token `from`: "of A, B and C".
fn orgs_listed_after(ments: &[Ment], toks: &[Token], from: usize) -> Vec<EntityId> {
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
fn degrees_in(cx: &Context, toks: &[Token]) -> Vec<(String, usize)> {
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

/// A degree starting at the first token (the longest of up to three tokens), and its length.
fn degree_at(cx: &Context, toks: &[Token]) -> Option<(String, usize)> {
    for len in (1..=3.min(toks.len())).rev() {
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

fn field_in(lower: &[String]) -> Option<String> {
    let i = lower.iter().position(|w| w == "in")?;
    let f: Vec<&str> = lower[i + 1..].iter().map(String::as_str).take_while(|w| *w != "from").collect();
    (!f.is_empty() && f.len() <= 5).then(|| f.join(" "))
}

fn tidy_role(s: &str) -> String {
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
