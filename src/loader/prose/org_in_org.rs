//! `prose.org-in-org`: organisations inside organisations: "O1 in the O2", "O1 at the O2", "O1, O2" (a larger unit), "O2's O1"

use super::super::mention::MentionKind;
use super::super::resolve::Context;
use super::view::*;

use super::super::{Fact, Kind};
use crate::lexicon::OrgKind;

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { toks, lower, ments, unknown, .. } = *v;
    let tok_at = |pos: usize| v.tok_at(pos);
    let ment_at = |ti: usize| v.ment_at(ti);
    let pending = &mut out.pending;
    // "the Board of Regents of the Smithsonian Institution": a governing body named with what it
    // governs is part of it
    for x in ments.iter().filter(|x| matches!(x.kind, Kind::Org(_))) {
        let name = &cx.entities[x.id].name;
        let Some(of) = name.rfind(" of ") else { continue };
        let (body, rest) = (&name[..of], &name[of + 4..]);
        let whole = rest.strip_prefix("the ").unwrap_or(rest);
        if !cx.lex.is_governing_body(body) || cx.lex.is_governing_body(whole) {
            continue;
        }
        if let Some(kind) = cx.lex.org_kind(whole).filter(|_| whole.split_whitespace().count() >= 2) {
            let whole = whole.to_owned();
            let id = cx.org(&whole, kind);
            if id != x.id {
                cx.recent.push(id);
                pending.push((Fact::PartOf { part: x.id, whole: id }, "prose.org-in-org"));
            }
        }
    }
    for x in ments.iter().filter(|x| matches!(x.kind, Kind::Org(_))) {
        let n = x.m.next_token;
        let after = |q: usize| if lower.get(q).is_some_and(|w| w == "the") { q + 1 } else { q };
        if lower.get(n).is_some_and(|w| matches!(w.as_str(), "in" | "at" | "within")) {
            // "O1 at the university's O2": O1 is in O2 (itself part of the university)
            let owned = |y: &Ment| {
                let k = y.m.next_token;
                toks.get(k).is_some_and(|t| matches!(t.text, "'s" | "’s"))
                    && ment_at(k + 1).is_some_and(|z| matches!(z.kind, Kind::Org(_)))
            };
            let y = ment_at(after(n + 1)).map(|y| if owned(y) { ment_at(y.m.next_token + 1).unwrap_or(y) } else { y });
            if let Some(y) = y {
                match y.kind {
                    Kind::Org(_) if y.id != x.id => {
                        pending.push((Fact::PartOf { part: x.id, whole: y.id }, "prose.org-in-org"))
                    }
                    Kind::Place => pending.push((Fact::LocatedIn { entity: x.id, place: y.id }, "prose.org-in-place")),
                    _ => {}
                }
            }
        }
        if lower.get(n).is_some_and(|w| w == ",") {
            if let Some(y) = ment_at(n + 1)
                .filter(|y| y.id != x.id && matches!(y.kind, Kind::Org(OrgKind::Government | OrgKind::Educational)))
            {
                let follow = tok_at(y.m.end);
                if !lower.get(follow).is_some_and(|w| w == "," || w == "and") {
                    pending.push((Fact::PartOf { part: x.id, whole: y.id }, "prose.org-comma-org"));
                }
            }
        }
        if toks.get(n).is_some_and(|t| matches!(t.text, "'s" | "’s" | "'" | "’")) {
            if let Some(y) = ment_at(n + 1).filter(|y| y.id != x.id && matches!(y.kind, Kind::Org(_))) {
                pending.push((Fact::PartOf { part: y.id, whole: x.id }, "prose.possessive-org"));
            }
        }
    }
    // an undefined acronym as the owner: "BRA' National Archive of Maps"
    for u in unknown.iter().filter(|u| u.kind == MentionKind::Acronym) {
        let n = u.next_token;
        if toks.get(n).is_some_and(|t| matches!(t.text, "'s" | "’s" | "'" | "’")) {
            if let Some(y) = ment_at(n + 1).filter(|y| matches!(y.kind, Kind::Org(_))) {
                if let Some(owner) = cx.org_by_position(&u.name) {
                    pending.push((Fact::PartOf { part: y.id, whole: owner }, "prose.possessive-org"));
                }
            }
        }
    }
}
