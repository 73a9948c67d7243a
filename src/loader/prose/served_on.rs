//! `prose.served-on`: "has served on the X Board since 2015", "sits on the X Committee"

use super::view::*;

use super::super::resolve::Context;

use super::super::Fact;

pub(super) fn run(_cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { toks, lower, ments, span, .. } = *v;
    let actor_before = |ti: usize| v.actor_before(ti);
    let negated = |ti: usize| v.negated(ti);
    let pending = &mut out.pending;
    for (ti, w) in lower.iter().enumerate() {
        if !matches!(w.as_str(), "served" | "serves" | "serving" | "serve" | "sits" | "sat" | "sitting")
            || lower.get(ti + 1).is_none_or(|n| n != "on")
            || negated(ti)
        {
            continue;
        }
        let Some(actor) = actor_before(ti).or_else(|| v.elliptical_subject(ti)) else { continue };
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
        for id in orgs_listed_after(ments, toks, k) {
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
}
