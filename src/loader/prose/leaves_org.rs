//! `prose.leaves-org`: "is leaving Bayview at the end of the month to become ...": the post held at O ends; the role is the one read before for that holder and organisation

use super::view::*;

use super::super::resolve::Context;

use super::super::{Fact, Kind};

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { toks, lower, subject, .. } = *v;
    let ment_at = |ti: usize| v.ment_at(ti);
    let actor_before = |ti: usize| v.actor_before(ti);
    let negated = |ti: usize| v.negated(ti);
    let pending = &mut out.pending;
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
                    replaces: None,
                    ended: true,
                },
                "prose.leaves-org",
            ));
        }
    }
}
