//! `prose.signed-by`: "L ... signed by President P"; "O ... established by L"

use super::view::*;

use super::super::resolve::Context;

use super::super::{Fact, Kind};
use crate::lexicon::OrgKind;

pub(super) fn run(_cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { lower, ments, .. } = *v;
    let tok_at = |pos: usize| v.tok_at(pos);
    let pending = &mut out.pending;
    for (ti, w) in lower.iter().enumerate() {
        if lower.get(ti + 1).is_none_or(|n| n != "by") {
            continue;
        }
        let after = ments.iter().find(|x| tok_at(x.m.full_start) >= ti + 2 && tok_at(x.m.full_start) <= ti + 3);
        let before = ments.iter().rfind(|x| tok_at(x.m.end) <= ti);
        match (w.as_str(), before, after) {
            ("signed", Some(l), Some(p)) if p.kind == Kind::Person && l.kind == Kind::Org(OrgKind::Legislation) => {
                pending.push(((Fact::SignedBy { law: l.id, president: p.id }), "prose.signed-by"));
            }
            ("established" | "created", Some(o), Some(l))
                if l.kind == Kind::Org(OrgKind::Legislation) && matches!(o.kind, Kind::Org(_)) =>
            {
                pending.push(((Fact::EstablishedBy { org: o.id, law: l.id }), "prose.established-by"));
            }
            _ => {}
        }
    }
}
