//! `prose.member-of`: "elected to O", "a member of O", "a fellow of O, O and O"

use super::view::*;

use super::super::resolve::Context;

use super::super::time::When;
use super::super::{EntityId, Fact, Kind};

pub(super) fn run(_cx: &mut Context, v: &View, out: &mut Scratch) {
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
        let listed = orgs_with_years(v, ti + 1);
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
/// O3"), each with the year written right after it.
fn orgs_with_years(v: &View, from: usize) -> Vec<(EntityId, Option<When>)> {
    let View { toks, lower, ments, .. } = *v;
    let mut out = Vec::new();
    let mut k = from;
    loop {
        while k < toks.len() && matches!(lower[k].as_str(), "of" | "to" | "into" | "the" | "a" | "an" | "," | "and") {
            k += 1;
        }
        let Some(x) = ments.iter().find(|x| v.tok_at(x.m.full_start) == k || x.m.first_token == k) else { break };
        if !matches!(x.kind, Kind::Org(_)) {
            break;
        }
        k = v.tok_at(x.m.end).max(k + 1);
        let mut year = None;
        if lower.get(k).is_some_and(|w| w == "in") {
            if let Some(y) = lower.get(k + 1).and_then(|w| year_word(w)) {
                year = Some(When::year(y));
                k += 2;
            }
        }
        out.push((x.id, year));
        if k < toks.len() && !matches!(lower[k].as_str(), "," | "and") {
            break;
        }
    }
    out
}
