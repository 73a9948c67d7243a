//! `prose.member-of`: "elected to O", "a member of O", "a fellow of O, O and O"

use super::view::*;

use super::super::resolve::Context;

use super::super::Fact;

pub(super) fn run(_cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { toks, lower, ments, subject, span, .. } = *v;
    let actor_before = |ti: usize| v.actor_before(ti);
    let negated = |ti: usize| v.negated(ti);
    let pending = &mut out.pending;
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
        for id in orgs_listed_after(ments, toks, ti + 1) {
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
}
