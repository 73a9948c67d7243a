//! `prose.includes`: "O, which is the health system that includes O1, O2 and several other
//! centers", "The panel includes P1 and P2": the organisations an organisation includes are its
//! parts, the people a body includes its members.

use super::view::*;

use super::super::resolve::Context;
use super::super::{EntityId, Fact, Kind};

pub(super) fn run(_cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { lower, ments, .. } = *v;
    for (ti, w) in lower.iter().enumerate() {
        if !matches!(w.as_str(), "includes" | "included" | "include" | "comprises" | "encompasses") || v.negated(ti) {
            continue;
        }
        // the including body: the organisation named last before the verb, in its clause (the
        // words between are no name: "O, which is the Boston-based system that includes")
        // ("Boston-based": a place on the way is passed over; a person is not)
        let Some(whole) = ments.iter().rfind(|x| v.tok_at(x.m.end) <= ti && x.kind != Kind::Place) else { continue };
        let between = &lower[v.tok_at(whole.m.end)..ti];
        if !matches!(whole.kind, Kind::Org(_)) || between.iter().any(|w| matches!(w.as_str(), ";" | "." | "he" | "she"))
        {
            continue;
        }
        // (not "O's board includes P": the owner's body, not O, includes P)
        if between.first().is_some_and(|w| w == "'s" || w == "’s") {
            continue;
        }
        for (id, kind) in listed(v, ti + 1) {
            if id == whole.id {
                continue;
            }
            let fact = match kind {
                Kind::Org(_) => Fact::PartOf { part: id, whole: whole.id },
                Kind::Person => Fact::Membership {
                    member: id,
                    org: whole.id,
                    role: Some("member".into()),
                    since: None,
                    until: None,
                },
                Kind::Place => continue,
            };
            out.pending.push((fact, "prose.includes"));
        }
    }
}

/// The names listed from token `from`, one kind throughout ("O1, O2, and several other
/// centers"; "P1, P2 and P3"): each with its kind.
fn listed(v: &View, from: usize) -> Vec<(EntityId, Kind)> {
    let View { toks, lower, .. } = *v;
    let mut out: Vec<(EntityId, Kind)> = Vec::new();
    let mut k = from;
    loop {
        while k < toks.len() && matches!(lower[k].as_str(), "the" | "," | "and" | "as" | "well" | "such") {
            k += 1;
        }
        let Some(x) = v.ment_at(k) else { break };
        if x.kind == Kind::Place
            || out.first().is_some_and(|(_, kind)| std::mem::discriminant(kind) != std::mem::discriminant(&x.kind))
        {
            break;
        }
        out.push((x.id, x.kind));
        k = v.tok_at(x.m.end).max(k + 1);
        if k >= toks.len() || !matches!(lower[k].as_str(), "," | "and") {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::loader::{extract_text, Fact};

    #[test]
    fn what_a_system_includes_are_its_parts_and_the_people_a_panel_includes_its_members() {
        let ex = extract_text(
            "Tarrow Health System is the Northport-based network that includes Northport General Hospital, \
             Harrow Medical Center and several other centers. The Eastfield Review Panel includes Mary Quell \
             and John Lomax.",
        );
        let n = |id: usize| ex.entities[id].name.clone();
        let mut parts = Vec::new();
        let mut members = Vec::new();
        for f in &ex.facts {
            match &f.fact {
                Fact::PartOf { part, whole } => parts.push((n(*part), n(*whole))),
                Fact::Membership { member, org, .. } => members.push((n(*member), n(*org))),
                _ => {}
            }
        }
        for p in ["Northport General Hospital", "Harrow Medical Center"] {
            assert!(parts.contains(&(p.into(), "Tarrow Health System".into())), "{p}: {parts:?}");
        }
        assert!(!parts.iter().any(|(p, _)| p.starts_with("Northport-")), "{parts:?}");
        for p in ["Mary Quell", "John Lomax"] {
            assert!(members.contains(&(p.into(), "Eastfield Review Panel".into())), "{p}: {members:?}");
        }
    }
}
