//! `list.card`: a page of cards, one a person, as a board's or a leadership page's HTML leaves
//! them: a line with the person's name alone, then short lines of what they hold ("Chair, Class
//! C Director", "Term end: December 31, 2025", "President and CEO", "Acme Holdings", "St. Paul,
//! Minnesota"); or the post first, right over the name ("Vice President" / "Ann Lee" / "Tarrow
//! University"). A post line over an organisation's line is the post there; a post the card
//! names with no organisation of its own is one in the body the page lists; an organisation's
//! line under the name alone is where the person works.

use super::mention::{self, MentionKind};
use super::resolve::Context;
use super::structured::{self, LineRole};
use super::{rules, time, Fact};
use crate::document::Line;

/// One card: the line of its name, and its other lines in order (a post line over the name
/// first).
#[derive(Debug, Clone)]
pub struct Card {
    /// The line that is the person's name.
    pub name: usize,
    /// Its other lines, in document order.
    pub lines: Vec<usize>,
}

/// The most lines a card has besides its name.
const MAX_LINES: usize = 8;

/// The cards of a page: none unless there are two or more, each with a post line.
#[must_use]
pub fn find(cx: &Context, lines: &[Line], roles: &[LineRole]) -> Vec<Card> {
    let text = |i: usize| cx.doc.slice(lines[i].start, lines[i].end);
    let name = |i: usize| is_name(cx, text(i));
    let post = |i: usize| post_line(cx, text(i)).is_some();
    let short = |i: usize| {
        let t = text(i);
        roles[i] != LineRole::Noise && t.split_whitespace().count() <= 10 && !t.contains(". ") && !t.ends_with(':')
    };
    // a post line right over a name, no blank between, is that name's
    let over_name = |i: usize| i + 1 < lines.len() && post(i) && !lines[i + 1].blank_before && name(i + 1);
    let mut cards = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // a card opens after a blank line, or under its post line
        let opens = lines[i].blank_before || i > 0 && over_name(i - 1);
        if !opens || !name(i) {
            i += 1;
            continue;
        }
        let mut card = Card { name: i, lines: Vec::new() };
        if i > 0 && over_name(i - 1) {
            card.lines.push(i - 1);
        }
        let mut j = i + 1;
        while j < lines.len() && j - i <= MAX_LINES && short(j) && !over_name(j) {
            // the same name again ("Michael S Turner" / "Michael S. Turner") is the same card
            if name(j) && !same_name(text(i), text(j)) {
                break;
            }
            card.lines.push(j);
            j += 1;
        }
        if card.lines.iter().any(|&k| post(k)) {
            cards.push(card);
        }
        i = j.max(i + 1);
    }
    if cards.len() < 2 {
        cards.clear();
    }
    cards
}

/// Reads one card.
pub fn read(cx: &mut Context, lines: &[Line], card: &Card) {
    let l = &lines[card.name];
    let text = cx.doc.slice(l.start, l.end).to_owned();
    let (_, ms) = mention::find(&text, l.start, cx.lex);
    let Some(m) = ms.into_iter().next() else { return };
    let holder = cx.person(&m.as_person());
    let roster = cx.roster.map(|r| r.0);
    // the post waiting for the organisation on the next line, and when its term ends
    let mut pending: Option<(String, usize, usize)> = None;
    let mut term_end = None;
    // whether a post line came between the name and this line
    let mut posts_under_name = false;
    let flush = |cx: &mut Context, p: Option<(String, usize, usize)>, end: Option<time::When>| {
        if let (Some((role, a, b)), Some(org)) = (p, roster) {
            let mut f = rules::post(holder, Some(org), Some(role));
            if let Fact::Position { end: e, .. } = &mut f {
                *e = end;
            }
            cx.add(f, a, b, "list.card");
        }
    };
    for &k in &card.lines {
        let l = &lines[k];
        let t = cx.doc.slice(l.start, l.end).to_owned();
        if is_name(cx, &t) {
            continue;
        }
        if let Some((role, org_text)) = post_line(cx, &t) {
            posts_under_name |= k > card.name;
            flush(cx, pending.take(), term_end.take());
            match org_text.and_then(|o| structured::org_line(cx, &o)) {
                Some(org) => cx.add(rules::post(holder, Some(org), Some(role)), l.start, l.end, "list.card"),
                // a post over the name is the listing body's, not the workplace under the name's
                None if k < card.name => flush(cx, Some((role, l.start, l.end)), None),
                None => pending = Some((role, l.start, l.end)),
            }
            continue;
        }
        // "Term end: December 31, 2025": when the post over it ends
        if pending.is_some() && t.contains(':') && !time::years(&t).is_empty() {
            term_end = time::dates(&t).last().map(|d| d.2).or_else(|| time::years(&t).last().copied());
            continue;
        }
        // the line under a post line names where it is held, whatever the tagger makes of it
        // ("Williams Community Supports"); its first part, when a comma adds to it
        // ("Minneapolis Regional Labor Federation, AFL-CIO")
        let first = t.split(", ").next().unwrap_or(&t).to_owned();
        let under_post = pending.is_some()
            && first.split_whitespace().count() <= 8
            && first
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()) || matches!(w, "of" | "and" | "the" | "for" | "&"))
            && !first.contains(char::is_numeric)
            && !cx.lex.places.contains(&first);
        let org = structured::org_line(cx, &t).or_else(|| structured::org_line(cx, &first)).or_else(|| {
            if under_post {
                cx.org_by_position(&first)
            } else {
                None
            }
        });
        if let Some(org) = org {
            let role = pending.take().map(|(r, _, _)| r);
            // ("Tarrow University" under the name alone: where the person works)
            if role.is_some() || !posts_under_name {
                cx.add(rules::post(holder, Some(org), role), l.start, l.end, "list.card");
            }
        }
    }
    flush(cx, pending, term_end);
}

/// Whether a line is a person's name and nothing else (a generation or degree after a comma
/// allowed: "Clinton W. Kelly, III").
fn is_name(cx: &Context, text: &str) -> bool {
    let head = text.split(", ").next().unwrap_or(text);
    if head.len() + 6 < text.len() {
        return false;
    }
    let (_, ms) = mention::find(head, 0, cx.lex);
    ms.first().is_some_and(|m| {
        m.first_token == 0
            && m.name.len() + 1 >= head.trim().len()
            && (matches!(m.kind, MentionKind::Person { .. })
                || matches!(m.kind, MentionKind::Unknown | MentionKind::Surname)
                    && structured::looks_like_person_name(cx, head))
    })
}

/// Two lines that write one name ("Michael S Turner", "Michael S. Turner").
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    key(a) == key(b)
}

/// A line of posts: "Chairman, President and CEO" (titles only), "Chair-Elect, Nominating
/// Committee" (titles, then the organisation). Returns the title and the organisation's text.
fn post_line(cx: &Context, text: &str) -> Option<(String, Option<String>)> {
    if text.split_whitespace().count() > 10 || text.contains(char::is_numeric) || text.ends_with('.') {
        return None;
    }
    let titled = |p: &str| {
        p.split(" and ").all(|w| {
            let w = w.trim();
            structured::role_head(cx, w).is_some_and(|h| w.to_lowercase().ends_with(&h))
                && w.split_whitespace().all(|x| x.starts_with(char::is_uppercase) || x == "of" || x == "the")
        })
    };
    let segs: Vec<&str> = text.split(", ").collect();
    let n = segs.iter().take_while(|s| titled(s)).count();
    if n == 0 {
        return None;
    }
    let role = segs[..n].join(", ");
    match &segs[n..] {
        [] => Some((role, None)),
        [org] => Some((role, Some((*org).to_owned()))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::loader::{extract_text, Fact};

    fn posts(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let ex = extract_text(text);
        let name = |id: usize| ex.entities[id].name.clone();
        ex.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Position { holder, org, role, .. } => Some((name(*holder), role.clone(), org.map(name))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn each_card_gives_its_person_the_post_over_the_organisation_under_it() {
        let text = "Board of Directors\n\nAda Quell\n\nChair, Class A Director\nTerm end: December 31, 2025\n\
                    Chairman, President and CEO\nTarrow Financial Group\n\nNorthport, Ohio\n\nIvo Lomax\n\n\
                    Class B Director\nExecutive Director\nHarrow Community Fund\n\nEastfield, Ohio\n";
        let p = posts(text);
        let has = |who: &str, role: &str, org: &str| {
            p.iter().any(|(h, r, o)| h == who && r.as_deref() == Some(role) && o.as_deref() == Some(org))
        };
        assert!(has("Ada Quell", "Chairman, President and CEO", "Tarrow Financial Group"), "{p:?}");
        assert!(has("Ivo Lomax", "Executive Director", "Harrow Community Fund"), "{p:?}");
        // a place under the organisation is no organisation, and no post joins two cards
        assert!(!p.iter().any(|(_, _, o)| o.as_deref().is_some_and(|o| o.starts_with("Northport"))), "{p:?}");
        assert!(!p.iter().any(|(h, _, o)| h == "Ada Quell" && o.as_deref() == Some("Harrow Community Fund")), "{p:?}");
    }

    #[test]
    fn one_card_alone_is_no_page_of_cards() {
        let ex = extract_text("Ada Quell\n\nExecutive Director\nHarrow Community Fund\n\nShe joined in 2004.\n");
        assert!(ex.facts.iter().all(|f| f.evidence.rule != "list.card"), "{:?}", ex.facts);
        let two = "Ada Quell\n\nExecutive Director\nHarrow Community Fund\n\nIvo Lomax\n\nTreasurer\nTarrow Trust\n";
        let ex = extract_text(two);
        assert_eq!(ex.facts.iter().filter(|f| f.evidence.rule == "list.card").count(), 2, "{:?}", ex.facts);
    }
}
