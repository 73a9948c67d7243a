//! Facts ▶ RDF. Says what each document's entities give cross-document resolution
//! ([`mentions`], resolved by [`crate::resolution`] over every document), mints deterministic
//! IRIs (a content hash for qualified relation nodes, the resolved entity's for entities), and
//! writes one named graph per document: entities with their labels, qualified nodes with
//! evidence, the direct edge beside each qualified node, and the Document node.

use std::collections::BTreeSet;

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use sha2::{Digest, Sha256};

use crate::document::Document;
use crate::lexicon::{Lexicon, OrgKind};
use crate::loader::{EntityId, Extraction, Fact, Kind, When};
use crate::relation_kinds::RelationKind;
use crate::resolution::{Mention, Resolver};
use crate::vocab::{self, rel, slug};

fn class_of(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Person => ("Person", "person"),
        Kind::Place => ("Place", "place"),
        Kind::Org(k) => (
            match k {
                OrgKind::Organization => "Organization",
                OrgKind::Educational => "EducationalOrganization",
                OrgKind::Medical => "MedicalOrganization",
                OrgKind::Government => "GovernmentOrganization",
                OrgKind::Company => "Company",
                OrgKind::News => "NewsMedia",
                OrgKind::Committee => "Committee",
                OrgKind::Legislation => "Legislation",
            },
            if k == OrgKind::Legislation { "legislation" } else { "org" },
        ),
    }
}

/// IRIs of a document's named graph and Document node.
#[must_use]
pub fn document_iris(base: &str, source: &str) -> (String, String) {
    let s = slug(source);
    (format!("{base}graph/{s}"), format!("{base}doc/{s}"))
}

/// What a document became.
#[derive(Debug, Clone, Default)]
pub struct Built {
    /// The document graph's quads.
    pub quads: Vec<Quad>,
    /// Entities the document names.
    pub entities: usize,
    /// Facts read from the document.
    pub facts: usize,
}

/// Which of a document's entities are written: all but an organisation guessed by the tagger
/// with little confidence that no fact uses and the vocabulary does not know.
fn written(ex: &Extraction, lex: &Lexicon) -> Vec<bool> {
    let mut used = vec![false; ex.entities.len()];
    for f in &ex.facts {
        for id in fact_entities(&f.fact) {
            used[id] = true;
        }
    }
    ex.entities
        .iter()
        .zip(used)
        .map(|(e, used)| {
            let weak = matches!(e.kind, Kind::Org(OrgKind::Organization))
                && lex.org_kind(&e.name).is_none()
                && !used
                && e.confidence.is_none_or(|c| c < 0.75);
            !weak
        })
        .collect()
}

/// A body named in lowercase ("the search committee") is its document's own: the same words in
/// another document name another body.
fn local(e: &crate::loader::Entity) -> bool {
    e.name.starts_with(char::is_lowercase)
}

/// What each of a document's entities gives cross-document resolution, in entity order: `None`
/// for those resolved within the document alone (places, bodies named in lowercase, and entities
/// not written at all).
#[must_use]
pub fn mentions(ex: &Extraction, lex: &Lexicon) -> Vec<Option<Mention>> {
    let year = ex.date.map(|d| d.year);
    ex.entities
        .iter()
        .zip(written(ex, lex))
        .map(|(e, written)| {
            if !written || local(e) || e.kind == Kind::Place {
                return None;
            }
            let person = e.kind == Kind::Person;
            Some(Mention {
                path: class_of(e.kind).1.to_owned(),
                name: e.name.clone(),
                aliases: e.aliases.iter().filter(|a| **a != e.name).cloned().collect(),
                president: person && e.president,
                year: if person { year } else { None },
            })
        })
        .collect()
}

/// Turns one document's extraction into the quads of its named graph, its entities named as
/// `resolver` resolved them (put the document's [`mentions`] there first).
#[must_use]
pub fn build(doc: &Document, ex: &Extraction, base: &str, lex: &Lexicon, resolver: &Resolver<'_>) -> Built {
    let (graph_iri, doc_iri) = document_iris(base, &doc.source);
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(graph_iri.clone()));
    let mut quads: Vec<Quad> = Vec::new();
    let mut push = |s: &str, p: &str, o: Term| {
        quads.push(Quad::new(NamedNode::new_unchecked(s), NamedNode::new_unchecked(p), o, graph.clone()));
    };
    let iri = |s: &str| Term::NamedNode(NamedNode::new_unchecked(s));
    let lit = |s: &str| Term::Literal(Literal::new_simple_literal(s));
    let typed = |s: &str, dt: &str| {
        Term::Literal(Literal::new_typed_literal(s, NamedNode::new_unchecked(format!("{}{dt}", vocab::XSD))))
    };
    let when = |w: When| {
        let (v, dt) = w.lexical();
        typed(&v, dt)
    };

    let written = written(ex, lex);
    let mentions = mentions(ex, lex);
    let mut ent_iri: Vec<String> = Vec::with_capacity(ex.entities.len());
    let mut count = 0;
    for (i, e) in ex.entities.iter().enumerate() {
        let local = local(e);
        let (class, path) = class_of(e.kind);
        let resolved = mentions[i].as_ref().and_then(|m| resolver.entity(m));
        let (node, label) = match resolved {
            Some(r) => (r.iri.clone(), r.label.clone()),
            None if local => {
                let of_doc = doc_iri.rsplit('/').next().unwrap_or_default();
                (format!("{base}{path}/{of_doc}/{}", slug(&e.name)), e.name.clone())
            }
            None => (format!("{base}{path}/{}", slug(&e.name)), e.name.clone()),
        };
        // the document's own surface forms; the label is the entity's, from its fullest name
        let mut alts: BTreeSet<String> = e.aliases.clone();
        alts.insert(e.name.clone());
        alts.remove(&label);
        ent_iri.push(node.clone());
        if !written[i] {
            continue;
        }
        count += 1;
        push(&node, vocab::RDF_TYPE, iri(&rel(class)));
        if let Kind::Org(k) = e.kind {
            if !matches!(k, OrgKind::Organization | OrgKind::Legislation) {
                push(&node, vocab::RDF_TYPE, iri(&rel("Organization")));
            }
        }
        push(&node, vocab::RDFS_LABEL, lit(&label));
        for a in &alts {
            push(&node, vocab::SKOS_ALT_LABEL, lit(a));
        }
    }

    // the Document node
    push(&doc_iri, vocab::RDF_TYPE, iri(&rel("Document")));
    push(&doc_iri, &rel("sourcePath"), lit(&doc.source));
    push(&doc_iri, &rel("contentSha256"), lit(&doc.sha256));
    push(&doc_iri, &rel("loader"), lit(ex.loader));
    push(&doc_iri, &rel("relateVersion"), lit(env!("CARGO_PKG_VERSION")));
    // what the extraction read besides the text: a build re-extracts when it changed
    if let Some(digest) = lex.reference.digest() {
        push(&doc_iri, &rel("referenceSha256"), lit(digest));
    }
    if let Some(t) = &ex.title {
        push(&doc_iri, vocab::DCTERMS_TITLE, lit(t));
    }
    if let Some(d) = ex.date {
        push(&doc_iri, &rel("documentDate"), when(d));
    }

    // facts: the qualified node as the table of relation kinds states it, the direct edges
    // beside it, then the qualifiers only one kind has
    for f in &ex.facts {
        let e = |id: usize| ent_iri[id].clone();
        let mut direct = |kind: RelationKind, a: EntityId, b: EntityId| {
            push(&ent_iri[a], &rel(kind.predicate()), iri(&ent_iri[b]));
        };
        match &f.fact {
            Fact::PartOf { part, whole } => direct(RelationKind::PartOf, *part, *whole),
            Fact::LocatedIn { entity, place } => direct(RelationKind::LocatedIn, *entity, *place),
            Fact::SignedBy { law, president } => direct(RelationKind::SignedBy, *law, *president),
            Fact::EstablishedBy { org, law } => direct(RelationKind::EstablishedBy, *org, *law),
            Fact::Related { kind, subject, other: Some(other), .. } if kind.statement().is_none() => {
                direct(*kind, *subject, *other);
            }
            Fact::Born { person, place, date } => {
                if let Some(pl) = place {
                    push(&e(*person), &rel("bornIn"), iri(&e(*pl)));
                }
                if let Some(d) = date {
                    push(&e(*person), &rel("birthDate"), when(*d));
                }
            }
            _ => {}
        }
        let Some(st) = stated(&f.fact) else { continue };
        let Some(shape) = st.kind.statement() else { continue };
        let mut h = Sha256::new();
        h.update(graph_iri.as_bytes());
        h.update(format!("{:?}", f.fact).as_bytes());
        let digest: String = h.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
        let q = format!("{base}{}/{digest}", shape.class.to_lowercase());
        push(&q, vocab::RDF_TYPE, iri(&rel(shape.class)));
        push(&q, &rel("extractedFrom"), iri(&doc_iri));
        let ev = f.evidence;
        push(&q, &rel("evidenceQuote"), lit(&doc.text[ev.start..ev.end]));
        push(&q, &rel("evidenceStart"), typed(&doc.char_offset(ev.start).to_string(), "integer"));
        push(&q, &rel("evidenceEnd"), typed(&doc.char_offset(ev.end).to_string(), "integer"));
        push(&q, &rel("evidenceRule"), lit(ev.rule));
        for s in &st.subjects {
            push(&q, &rel(shape.subject), iri(&e(*s)));
        }
        // another kind read from the same node (a post held under a president) is written as
        // its own other end and direct edge
        let others = std::iter::once((st.kind, st.other)).chain(st.also.iter().map(|(k, o)| (*k, Some(*o))));
        for (kind, other) in others {
            let (Some(o), Some(prop)) = (other, kind.statement().and_then(|s| s.other)) else { continue };
            push(&q, &rel(prop), iri(&e(o)));
            for s in &st.subjects {
                push(&e(*s), &rel(kind.predicate()), iri(&e(o)));
            }
        }
        if let (Some(r), Some(prop)) = (st.role, shape.role) {
            push(&q, &rel(prop), lit(r));
        }
        if let Some(prop) = shape.start {
            for s in &st.start {
                push(&q, &rel(prop), when(*s));
            }
        }
        if let (Some(s), Some(prop)) = (st.end, shape.end) {
            push(&q, &rel(prop), when(s));
        }
        match &f.fact {
            Fact::Position { appointed_by, ended, .. } => {
                if let Some(a) = appointed_by {
                    push(&q, &rel("appointedBy"), iri(&e(*a)));
                }
                push(&q, &rel("ended"), typed(if *ended { "true" } else { "false" }, "boolean"));
            }
            Fact::Education { field, completed, .. } => {
                if let Some(f) = field {
                    push(&q, &rel("field"), lit(f));
                }
                if let Some(c) = completed {
                    push(&q, &rel("completed"), typed(if *c { "true" } else { "false" }, "boolean"));
                }
            }
            Fact::Collaboration { participants, .. } => {
                for (i, a) in participants.iter().enumerate() {
                    for b in &participants[i + 1..] {
                        push(&e(*a), &rel(RelationKind::Collaboration.predicate()), iri(&e(*b)));
                    }
                }
            }
            Fact::Appointment { org: Some(o), .. } => push(&q, &rel("organization"), iri(&e(*o))),
            _ => {}
        }
    }
    quads.sort_by_cached_key(ToString::to_string);
    quads.dedup();
    let facts = ex.facts.len();
    Built { quads, entities: count, facts }
}

/// A qualified fact as the table of relation kinds states it.
struct Stated<'f> {
    kind: RelationKind,
    /// The subject; a collaboration's participants are all subjects.
    subjects: Vec<EntityId>,
    other: Option<EntityId>,
    /// Kinds read from the same node, with their other end (a post's president and predecessor).
    also: Vec<(RelationKind, EntityId)>,
    role: Option<&'f str>,
    /// The start, or an event's years.
    start: Vec<When>,
    end: Option<When>,
}

/// The statement a fact makes; `None` for facts written as direct edges only.
fn stated(f: &Fact) -> Option<Stated<'_>> {
    fn st(
        kind: RelationKind,
        subject: EntityId,
        other: Option<EntityId>,
        role: Option<&String>,
        start: Option<When>,
        end: Option<When>,
    ) -> Stated<'_> {
        Stated {
            kind,
            subjects: vec![subject],
            other,
            also: Vec::new(),
            role: role.map(String::as_str),
            start: start.into_iter().collect(),
            end,
        }
    }
    Some(match f {
        Fact::Position { holder, org, role, start, end, under, replaces, .. } => Stated {
            also: [(RelationKind::ServedUnder, *under), (RelationKind::Succeeded, *replaces)]
                .into_iter()
                .filter_map(|(k, o)| Some((k, o?)))
                .collect(),
            ..st(RelationKind::Position, *holder, *org, role.as_ref(), *start, *end)
        },
        Fact::Education { student, institution, degree, year, .. } => {
            st(RelationKind::Education, *student, *institution, degree.as_ref(), *year, None)
        }
        Fact::Award { recipient, honour, conferred_by, years } => Stated {
            start: years.clone(),
            ..st(RelationKind::Award, *recipient, *conferred_by, Some(honour), None, None)
        },
        Fact::Membership { member, org, role, since, until } => {
            st(RelationKind::Membership, *member, Some(*org), role.as_ref(), *since, *until)
        }
        Fact::Collaboration { participants, topic } => Stated {
            subjects: participants.clone(),
            ..st(RelationKind::Collaboration, 0, None, topic.as_ref(), None, None)
        },
        Fact::Appointment { appointee, appointer, role, date, .. } => {
            st(RelationKind::Appointment, *appointee, *appointer, role.as_ref(), *date, None)
        }
        Fact::Related { kind, subject, other, role, start, end } => {
            st(*kind, *subject, *other, role.as_ref(), *start, *end)
        }
        Fact::PartOf { .. }
        | Fact::LocatedIn { .. }
        | Fact::Born { .. }
        | Fact::SignedBy { .. }
        | Fact::EstablishedBy { .. } => return None,
    })
}

fn fact_entities(f: &Fact) -> Vec<usize> {
    match f {
        Fact::Position { holder, org, under, appointed_by, replaces, .. } => {
            [Some(*holder), *org, *under, *appointed_by, *replaces].into_iter().flatten().collect()
        }
        Fact::Education { student, institution, .. } => [Some(*student), *institution].into_iter().flatten().collect(),
        Fact::Award { recipient, conferred_by, .. } => {
            [Some(*recipient), *conferred_by].into_iter().flatten().collect()
        }
        Fact::Membership { member, org, .. } => vec![*member, *org],
        Fact::Collaboration { participants, .. } => participants.clone(),
        Fact::Appointment { appointee, appointer, org, .. } => {
            [Some(*appointee), *appointer, *org].into_iter().flatten().collect()
        }
        Fact::PartOf { part, whole } => vec![*part, *whole],
        Fact::LocatedIn { entity, place } => vec![*entity, *place],
        Fact::Born { person, place, .. } => [Some(*person), *place].into_iter().flatten().collect(),
        Fact::SignedBy { law, president } => vec![*law, *president],
        Fact::EstablishedBy { org, law } => vec![*org, *law],
        Fact::Related { subject, other, .. } => [Some(*subject), *other].into_iter().flatten().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quads of one document whose only fact is `fact`, with the node's IRI made `<q>` and
    /// the document's own triples left out.
    fn written(doc: &Document, ex: &Extraction) -> Vec<String> {
        let lex = Lexicon::load().unwrap();
        let base = "http://x/";
        let mut resolver = Resolver::new(&lex, base).unwrap();
        let (graph, doc_iri) = document_iris(base, &doc.source);
        resolver.put(&graph, &doc.sha256, mentions(ex, &lex).into_iter().flatten().collect());
        let built = build(doc, ex, base, &lex, &resolver);
        let node = regex::Regex::new(r"<http://x/[a-z]+/[0-9a-f]{16}>").unwrap();
        let mut out: Vec<String> = built
            .quads
            .iter()
            .map(|q| format!("{} {} {}", q.subject, q.predicate, q.object))
            .filter(|q| !q.starts_with(&format!("<{doc_iri}>")))
            .map(|q| node.replace_all(&q, "<q>").into_owned())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_related_fact_is_written_as_its_kind_row_says() {
        let doc = Document::from_bytes("t.txt", b"Ann Lee joined the Eastvale Board in 2004.").unwrap();
        let person = crate::loader::Entity {
            kind: Kind::Person,
            name: "Ann Lee".into(),
            aliases: BTreeSet::new(),
            president: false,
            confidence: None,
        };
        let board = crate::loader::Entity {
            kind: Kind::Org(OrgKind::Committee),
            name: "Eastvale Board".into(),
            ..person.clone()
        };
        let evidence = crate::loader::Evidence { start: 0, end: 42, rule: "test" };
        let since = Some(When::year(2004));
        let with = |fact: Fact| Extraction {
            entities: vec![person.clone(), board.clone()],
            facts: vec![crate::loader::Found { fact, evidence }],
            ..Extraction::default()
        };
        let membership = with(Fact::Membership { member: 0, org: 1, role: Some("member".into()), since, until: None });
        let related = with(Fact::Related {
            kind: RelationKind::Membership,
            subject: 0,
            other: Some(1),
            role: Some("member".into()),
            start: since,
            end: None,
        });
        let (a, b) = (written(&doc, &membership), written(&doc, &related));
        assert_eq!(a, b);
        // the node, its class, both ends, the role, the start and the direct edge
        for part in [
            "<q> <https://w3id.org/relate/ontology#member>",
            "ontology#Membership>",
            "ontology#memberOf>",
            "ontology#startDate> \"2004\"",
        ] {
            assert!(b.iter().any(|q| q.contains(part)), "{part} missing in {b:#?}");
        }
        // a kind written as its direct edge only gets no node
        let part_of = written(
            &doc,
            &with(Fact::Related {
                kind: RelationKind::PartOf,
                subject: 1,
                other: Some(0),
                role: None,
                start: None,
                end: None,
            }),
        );
        assert!(part_of.iter().any(|q| q.contains("ontology#partOf>")), "{part_of:#?}");
        assert!(!part_of.iter().any(|q| q.starts_with("<q>")), "{part_of:#?}");
    }
}
