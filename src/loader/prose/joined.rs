//! `prose.joined`: "He joined Bayview Health in 2017 from ...", "Prior to joining Bayview Health in
//! 2017, he was ...": a post at O from that year (its role is not in the sentence, so none is
//! given)

use super::view::*;

use super::super::resolve::Context;

use super::super::{Fact, Kind};

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { toks, lower, unknown, subject, .. } = *v;
    let ment_at = |ti: usize| v.ment_at(ti);
    let actor_before = |ti: usize| v.actor_before(ti);
    let negated = |ti: usize| v.negated(ti);
    let pending = &mut out.pending;
    for (ti, w) in lower.iter().enumerate() {
        // "Prior to joining O in 1986, P was ...": the gerund's subject is the main clause's,
        // named (or "he") right after the phrase's comma
        let gerund = w == "joining"
            && ti >= 1
            && (matches!(lower[ti - 1].as_str(), "before" | "after" | "since" | "upon")
                || ti >= 2 && lower[ti - 2] == "prior" && lower[ti - 1] == "to");
        // ("Waltz spent two decades in banking, joining O in 2017 after ...": a participle after
        // a comma is the sentence subject's)
        let participle = w == "joining" && ti >= 1 && lower[ti - 1] == ",";
        if !(gerund || participle || matches!(w.as_str(), "joined" | "joins" | "rejoined")) || negated(ti) {
            continue;
        }
        let k = if lower.get(ti + 1).is_some_and(|n| n == "the") { ti + 2 } else { ti + 1 };
        let main_subject = || {
            let comma = (ti..toks.len()).find(|&q| lower[q] == ",")?;
            match ment_at(comma + 1) {
                Some(x) if x.kind == Kind::Person => Some(x.id),
                Some(_) => None,
                None => lower.get(comma + 1).filter(|w| matches!(w.as_str(), "he" | "she")).and(v.he),
            }
        };
        let actor = if gerund {
            main_subject()
        } else if w == "joining" {
            actor_before(ti)
        } else {
            actor_before(ti).or(subject)
        };
        let Some(actor) = actor else { continue };
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
        if let Some((_, start)) = year_after_in(lower, after, toks.len().min(after + 4)) {
            pending.push((
                Fact::Position {
                    holder: actor,
                    org: Some(org),
                    role: None,
                    start: Some(start),
                    end: None,
                    under: None,
                    appointed_by: None,
                    replaces: None,
                    ended: false,
                },
                "prose.joined",
            ));
        }
    }
}
