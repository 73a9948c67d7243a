//! `prose.verb-post`: "She also leads the Tidewater Systems Laboratory": a verb that names a post

use super::view::*;

use super::super::resolve::Context;

use super::super::{Fact, Kind};

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { toks, lower, subject, span, .. } = *v;
    let ment_at = |ti: usize| v.ment_at(ti);
    let actor_before = |ti: usize| v.actor_before(ti);
    let negated = |ti: usize| v.negated(ti);
    let pending = &mut out.pending;
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
        // "McGovern has led the organization": a verb says no more than the titled post the
        // document already gives that person there
        let titled = |f: &Fact| matches!(f, Fact::Position { holder, org: Some(o), role: Some(_), .. } if *holder == actor && *o == org);
        if cx.facts.iter().any(|f| titled(&f.fact)) || pending.iter().any(|(f, _)| titled(f)) {
            continue;
        }
        pending.push((
            Fact::Position {
                holder: actor,
                org: Some(org),
                role: Some(role.clone()),
                start: span.and_then(|s| s.start),
                end: span.and_then(|s| s.end),
                under: None,
                appointed_by: None,
                replaces: None,
                ended: false,
            },
            "prose.verb-post",
        ));
    }
}
