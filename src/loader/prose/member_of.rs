//! `prose.member-of`: "elected to O", "a member of O", "a fellow of O, O and O", "a member of
//! several societies, including O, O and O"

use super::view::*;

use super::super::resolve::Context;

use super::super::time::When;
use super::super::{EntityId, Fact, Kind};

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { lower, span, .. } = *v;
    let actor_before = |ti: usize| v.actor_before(ti);
    let negated = |ti: usize| v.negated(ti);
    let pending = &mut out.pending;
    for (ti, w) in lower.iter().enumerate() {
        let elected = (w == "elected" && lower.get(ti + 1).is_some_and(|n| n == "to" || n == "the" || n == "a"))
            || (w == "inducted" && lower.get(ti + 1).is_some_and(|n| n == "into"));
        let member = (w == "member" || w == "fellow" || w == "members") && lower.get(ti + 1).is_some_and(|n| n == "of");
        if !(elected || member) || negated(ti) {
            continue;
        }
        let Some(actor) = actor_before(ti).or_else(|| v.elliptical_subject(ti)) else { continue };
        let role = if elected && w == "elected" {
            "elected member"
        } else if w == "fellow" {
            "fellow"
        } else {
            "member"
        };
        // "inducted into O1 in 1987, O2 in 1988, and O3 in 1995": each its own year
        let mut listed = orgs_with_years(cx, v, ti + 1, false);
        // "a member of several professional societies, including O1, O2 and the O3": the bodies
        // a plural in lowercase sums up, listed after it
        if listed.is_empty() {
            let including = (ti + 2..lower.len().min(ti + 10))
                .take_while(|&q| !v.toks[q].is_capitalised() && lower[q] != ";")
                .find(|&q| {
                    lower[q] == "including" || lower[q] == "such" && lower.get(q + 1).is_some_and(|n| n == "as")
                });
            if let Some(q) = including {
                listed = orgs_with_years(cx, v, if lower[q] == "such" { q + 2 } else { q + 1 }, true);
            }
        }
        let own_years = listed.iter().any(|l| l.1.is_some());
        for (id, year) in listed {
            if id != actor {
                let (since, until) =
                    if own_years { (year, None) } else { (span.and_then(|s| s.start), span.and_then(|s| s.end)) };
                pending.push((
                    (Fact::Membership { member: actor, org: id, role: Some(role.into()), since, until }),
                    "prose.member-of",
                ));
            }
        }
    }
}

/// The organisations listed from token `from` ("into the O1 in 1987, the O2 in 1988, and the
/// O3"), each with the year written right after it. With `named_bodies`, a name of two words or
/// more that nothing typed is one of them too (the list is of bodies: "societies, including
/// Phi Beta Kappa, ...").
fn orgs_with_years(cx: &mut Context, v: &View, from: usize, named_bodies: bool) -> Vec<(EntityId, Option<When>)> {
    let View { toks, lower, ments, unknown, .. } = *v;
    let mut out = Vec::new();
    let mut k = from;
    loop {
        while k < toks.len() && matches!(lower[k].as_str(), "of" | "to" | "into" | "the" | "a" | "an" | "," | "and") {
            k += 1;
        }
        let typed = ments.iter().find(|x| v.tok_at(x.m.full_start) == k || x.m.first_token == k);
        let (id, next) = match typed {
            Some(x) if matches!(x.kind, Kind::Org(_)) => (x.id, v.tok_at(x.m.end).max(k + 1)),
            Some(_) => break,
            None => {
                let Some(u) = unknown
                    .iter()
                    .find(|u| named_bodies && u.first_token == k && u.name.split_whitespace().count() >= 2)
                else {
                    break;
                };
                let Some(id) = cx.org_by_position(&u.name.clone()) else { break };
                (id, u.next_token.max(k + 1))
            }
        };
        k = next;
        let mut year = None;
        if lower.get(k).is_some_and(|w| w == "in") {
            if let Some(y) = lower.get(k + 1).and_then(|w| year_word(w)) {
                year = Some(When::year(y));
                k += 2;
            }
        }
        out.push((id, year));
        if k < toks.len() && !matches!(lower[k].as_str(), "," | "and") {
            break;
        }
    }
    out
}
