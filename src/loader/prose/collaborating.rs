//! `prose.collaborating-with`: "collaborating with P on T"

use super::view::*;

use super::super::resolve::Context;

use super::super::{Fact, Kind};

pub(super) fn run(_cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { text, a, toks, lower, subject, .. } = *v;
    let ment_at = |ti: usize| v.ment_at(ti);
    let actor_before = |ti: usize| v.actor_before(ti);
    let pending = &mut out.pending;
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
}
