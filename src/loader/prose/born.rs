//! `prose.born`: "Born September 21, 1933, in Brooklyn, N.Y., he received ..."

use super::view::*;

use super::super::resolve::Context;
use super::super::time;
use super::super::{Fact, Kind};

pub(super) fn run(_cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { text, a, toks, lower, ments, subject, .. } = *v;
    let tok_at = |pos: usize| v.tok_at(pos);
    let ment_at = |ti: usize| v.ment_at(ti);
    let actor_before = |ti: usize| v.actor_before(ti);
    let negated = |ti: usize| v.negated(ti);
    let pending = &mut out.pending;
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
            let date = time::dates(text).into_iter().find(|d| d.0 >= toks[ti].start - a).map(|d| d.2);
            if let Some(p) = person.filter(|_| place.is_some() || date.is_some()) {
                pending.push((Fact::Born { person: p, place, date }, "prose.born"));
            }
        }
    }
}
