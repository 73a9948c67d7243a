//! Facts ▶ RDF. Says what each document's entities give cross-document resolution
//! ([`mentions`], resolved by [`crate::resolution`] over every document), mints deterministic
//! IRIs (a content hash for qualified relation nodes, the resolved entity's for entities), and
//! writes one named graph per document: entities with their labels, qualified nodes with
//! evidence, the direct edge beside each qualified node, and the Document node. The [`Index`]
//! here is the lookup resolution runs on: names ▶ the entities formed so far.

use std::collections::{BTreeSet, HashMap};

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use sha2::{Digest, Sha256};

use crate::document::Document;
use crate::lexicon::{fold, Lexicon, OrgKind};
use crate::loader::mention::name_parts;
use crate::loader::{Extraction, Fact, Kind, When};
use crate::resolution::{Mention, Resolver};
use crate::vocab::{self, rel};

/// A known entity: its IRI, canonical label and kind.
#[derive(Debug, Clone)]
pub struct Known {
    pub iri: String,
    pub label: String,
    pub person: bool,
    /// (given names, surname) for persons
    pub parts: (Vec<String>, String),
    /// presidential terms (start, end) for reference presidents
    pub terms: Vec<(i32, Option<i32>)>,
    pub alt: Vec<String>,
}

/// Entities already in the store (and reference data), looked up by name keys.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub known: Vec<Known>,
    org_keys: HashMap<String, usize>,
    by_iri: HashMap<String, usize>,
    /// initials of organisation labels ▶ organisations, for an acronym met without its name
    by_initials: HashMap<String, Vec<usize>>,
    /// folded surname ▶ persons, ascending: a lookup costs the namesakes, not the whole index
    by_surname: HashMap<String, Vec<usize>>,
    /// folded alternative label ▶ persons, ascending
    by_alt: HashMap<String, Vec<usize>>,
}

/// Adds `i` to the ascending list under `key`, once.
fn insert_sorted(map: &mut HashMap<String, Vec<usize>>, key: String, i: usize) {
    let v = map.entry(key).or_default();
    if let Err(at) = v.binary_search(&i) {
        v.insert(at, i);
    }
}

impl Index {
    /// Adds an entity under its label and alternative labels.
    pub fn add(
        &mut self,
        lex: &Lexicon,
        iri: &str,
        label: &str,
        alts: &[String],
        person: bool,
        terms: Vec<(i32, Option<i32>)>,
    ) {
        if let Some(&i) = self.by_iri.get(iri) {
            for a in alts {
                if !person {
                    self.org_keys.entry(org_key(lex, a)).or_insert(i);
                }
                if !self.known[i].alt.contains(a) {
                    self.known[i].alt.push(a.clone());
                    if self.known[i].person {
                        insert_sorted(&mut self.by_alt, fold(a), i);
                    }
                }
            }
            return;
        }
        let i = self.known.len();
        self.known.push(Known {
            iri: iri.to_owned(),
            label: label.to_owned(),
            person,
            parts: name_parts(label, lex),
            terms,
            alt: alts.to_vec(),
        });
        self.by_iri.insert(iri.to_owned(), i);
        if person {
            insert_sorted(&mut self.by_surname, fold(&self.known[i].parts.1), i);
            for a in alts {
                insert_sorted(&mut self.by_alt, fold(a), i);
            }
        } else {
            let initials = initials(label);
            if initials.len() >= 2 {
                self.by_initials.entry(initials).or_default().push(i);
            }
            self.org_keys.entry(org_key(lex, label)).or_insert(i);
            for a in alts {
                self.org_keys.entry(org_key(lex, a)).or_insert(i);
            }
        }
    }

    /// Where the entity `iri` is in [`Index::known`].
    #[must_use]
    pub fn position(&self, iri: &str) -> Option<usize> {
        self.by_iri.get(iri).copied()
    }

    /// The known person a name (with its aliases) names, if any.
    pub(crate) fn person(
        &self,
        lex: &Lexicon,
        name: &str,
        aliases: &BTreeSet<String>,
        president: bool,
        year: Option<i32>,
    ) -> Option<usize> {
        let (given, surname) = name_parts(name, lex);
        let surname = fold(&surname);
        let mut hits: Vec<usize> = self
            .by_surname
            .get(&surname)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|&i| {
                self.known[i].person
                    && fold(&self.known[i].parts.1) == surname
                    && compatible(&given, &self.known[i].parts.0, !self.known[i].terms.is_empty() || president)
            })
            .collect();
        if hits.is_empty() {
            // a surface form seen elsewhere ("Voss" as a president's alternative label)
            hits = std::iter::once(name)
                .chain(aliases.iter().map(String::as_str))
                .filter_map(|f| self.by_alt.get(&fold(f)))
                .flatten()
                .copied()
                .filter(|&i| self.known[i].person)
                .collect();
            hits.sort_unstable();
            hits.dedup();
        }
        if hits.len() > 1 {
            // several presidents share a surname: the one in office at the document's date
            if let Some(y) = year {
                let in_office: Vec<usize> = hits
                    .iter()
                    .copied()
                    .filter(|&i| self.known[i].terms.iter().any(|&(s, e)| s <= y && e.is_none_or(|e| y <= e)))
                    .collect();
                if in_office.len() == 1 {
                    return in_office.first().copied();
                }
            }
            let full: Vec<usize> = hits.iter().copied().filter(|&i| fold(&self.known[i].label) == fold(name)).collect();
            if full.len() == 1 {
                return full.first().copied();
            }
            // prefer the latest in office
            return hits.iter().copied().max_by_key(|&i| self.known[i].terms.iter().map(|t| t.0).max().unwrap_or(0));
        }
        hits.first().copied()
    }

    /// The known organisation a name (with its aliases) names, if any.
    pub(crate) fn org(&self, lex: &Lexicon, name: &str, aliases: &BTreeSet<String>) -> Option<usize> {
        if let Some(&i) = self.org_keys.get(&org_key(lex, name)) {
            return Some(i);
        }
        if let Some(i) = aliases
            .iter()
            .filter(|a| a.len() > 3 || !a.chars().all(char::is_uppercase))
            .find_map(|a| self.org_keys.get(&org_key(lex, a)).copied())
        {
            return Some(i);
        }
        // an acronym seen alone ("NRI director") spells the initials of one known organisation
        let acronym =
            name.len() >= 2 && name.len() <= 8 && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        match self.by_initials.get(name).map(Vec::as_slice) {
            Some(&[i]) if acronym => Some(i),
            _ => None,
        }
    }
}

/// The initials of an organisation's name, without the small words ("Department of Health and
/// Human Services" ▶ `DHHS`), for an acronym met without its name.
pub(crate) fn initials(label: &str) -> String {
    label
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .filter(|w| !w.is_empty() && !["of", "and", "for", "the", "&", "on", "in", "at"].contains(w))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn org_key(lex: &Lexicon, s: &str) -> String {
    lex.org_key(s)
}

fn compatible(a: &[String], b: &[String], lenient: bool) -> bool {
    match (a.first(), b.first()) {
        (None, _) => lenient,
        (_, None) => true,
        (Some(x), Some(y)) => {
            let (x, y) = (fold(x), fold(y));
            let first = x == y || (x.len() == 1 && y.starts_with(&x)) || (y.len() == 1 && x.starts_with(&y));
            let ma: Vec<char> = a.iter().skip(1).filter_map(|w| w.chars().next()).collect();
            let mb: Vec<char> = b.iter().skip(1).filter_map(|w| w.chars().next()).collect();
            first && (ma.is_empty() || mb.is_empty() || ma == mb)
        }
    }
}

/// Lowercase ASCII slug: words joined by `-`.
#[must_use]
pub fn slug(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let mut out = String::new();
    for w in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

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
    pub quads: Vec<Quad>,
    pub entities: usize,
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
    if let Some(t) = &ex.title {
        push(&doc_iri, vocab::DCTERMS_TITLE, lit(t));
    }
    if let Some(d) = ex.date {
        push(&doc_iri, &rel("documentDate"), when(d));
    }

    // facts
    for f in &ex.facts {
        let e = |id: usize| ent_iri[id].clone();
        let mut h = Sha256::new();
        h.update(graph_iri.as_bytes());
        h.update(format!("{:?}", f.fact).as_bytes());
        let digest: String = h.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
        let (class, path) = match &f.fact {
            Fact::Position { .. } => ("Position", "position"),
            Fact::Education { .. } => ("Education", "education"),
            Fact::Award { .. } => ("Award", "award"),
            Fact::Membership { .. } => ("Membership", "membership"),
            Fact::Collaboration { .. } => ("Collaboration", "collaboration"),
            Fact::Appointment { .. } => ("Appointment", "appointment"),
            Fact::PartOf { part, whole } => {
                push(&e(*part), &rel("partOf"), iri(&e(*whole)));
                continue;
            }
            Fact::Born { person, place, date } => {
                if let Some(pl) = place {
                    push(&e(*person), &rel("bornIn"), iri(&e(*pl)));
                }
                if let Some(d) = date {
                    push(&e(*person), &rel("birthDate"), when(*d));
                }
                continue;
            }
            Fact::LocatedIn { entity, place } => {
                push(&e(*entity), &rel("locatedIn"), iri(&e(*place)));
                continue;
            }
            Fact::SignedBy { law, president } => {
                push(&e(*law), &rel("signedBy"), iri(&e(*president)));
                continue;
            }
            Fact::EstablishedBy { org, law } => {
                push(&e(*org), &rel("establishedBy"), iri(&e(*law)));
                continue;
            }
        };
        let q = format!("{base}{path}/{digest}");
        push(&q, vocab::RDF_TYPE, iri(&rel(class)));
        push(&q, &rel("extractedFrom"), iri(&doc_iri));
        let ev = f.evidence;
        push(&q, &rel("evidenceQuote"), lit(&doc.text[ev.start..ev.end]));
        push(&q, &rel("evidenceStart"), typed(&doc.char_offset(ev.start).to_string(), "integer"));
        push(&q, &rel("evidenceEnd"), typed(&doc.char_offset(ev.end).to_string(), "integer"));
        push(&q, &rel("evidenceRule"), lit(ev.rule));
        match &f.fact {
            Fact::Position { holder, org, role, start, end, under, appointed_by, replaces, ended } => {
                push(&q, &rel("holder"), iri(&e(*holder)));
                if let Some(o) = org {
                    push(&q, &rel("organization"), iri(&e(*o)));
                    push(&e(*holder), &rel("holdsPositionAt"), iri(&e(*o)));
                }
                if let Some(r) = role {
                    push(&q, &rel("role"), lit(r));
                }
                if let Some(s) = start {
                    push(&q, &rel("startDate"), when(*s));
                }
                if let Some(s) = end {
                    push(&q, &rel("endDate"), when(*s));
                }
                if let Some(u) = under {
                    push(&q, &rel("underPresident"), iri(&e(*u)));
                    push(&e(*holder), &rel("servedUnder"), iri(&e(*u)));
                }
                if let Some(a) = appointed_by {
                    push(&q, &rel("appointedBy"), iri(&e(*a)));
                }
                if let Some(w) = replaces {
                    push(&q, &rel("replaces"), iri(&e(*w)));
                    push(&e(*holder), &rel("succeeded"), iri(&e(*w)));
                }
                push(&q, &rel("ended"), typed(if *ended { "true" } else { "false" }, "boolean"));
            }
            Fact::Education { student, institution, degree, field, year, completed } => {
                push(&q, &rel("student"), iri(&e(*student)));
                if let Some(o) = institution {
                    push(&q, &rel("institution"), iri(&e(*o)));
                    push(&e(*student), &rel("alumnusOf"), iri(&e(*o)));
                }
                if let Some(d) = degree {
                    push(&q, &rel("degree"), lit(d));
                }
                if let Some(f) = field {
                    push(&q, &rel("field"), lit(f));
                }
                if let Some(y) = year {
                    push(&q, &rel("year"), when(*y));
                }
                if let Some(c) = completed {
                    push(&q, &rel("completed"), typed(if *c { "true" } else { "false" }, "boolean"));
                }
            }
            Fact::Award { recipient, honour, conferred_by, years } => {
                push(&q, &rel("recipient"), iri(&e(*recipient)));
                push(&q, &rel("honour"), lit(honour));
                if let Some(o) = conferred_by {
                    push(&q, &rel("conferredBy"), iri(&e(*o)));
                    push(&e(*recipient), &rel("honouredBy"), iri(&e(*o)));
                }
                for y in years {
                    push(&q, &rel("year"), when(*y));
                }
            }
            Fact::Membership { member, org, role, since, until } => {
                push(&q, &rel("member"), iri(&e(*member)));
                push(&q, &rel("organization"), iri(&e(*org)));
                push(&e(*member), &rel("memberOf"), iri(&e(*org)));
                if let Some(r) = role {
                    push(&q, &rel("role"), lit(r));
                }
                if let Some(s) = since {
                    push(&q, &rel("startDate"), when(*s));
                }
                if let Some(u) = until {
                    push(&q, &rel("endDate"), when(*u));
                }
            }
            Fact::Collaboration { participants, topic } => {
                for p in participants {
                    push(&q, &rel("participant"), iri(&e(*p)));
                }
                for (i, a) in participants.iter().enumerate() {
                    for b in &participants[i + 1..] {
                        push(&e(*a), &rel("collaboratesWith"), iri(&e(*b)));
                    }
                }
                if let Some(t) = topic {
                    push(&q, &rel("topic"), lit(t));
                }
            }
            Fact::Appointment { appointee, appointer, org, role, date } => {
                push(&q, &rel("appointee"), iri(&e(*appointee)));
                if let Some(a) = appointer {
                    push(&q, &rel("appointer"), iri(&e(*a)));
                    push(&e(*appointee), &rel("appointedBy"), iri(&e(*a)));
                }
                if let Some(o) = org {
                    push(&q, &rel("organization"), iri(&e(*o)));
                }
                if let Some(r) = role {
                    push(&q, &rel("role"), lit(r));
                }
                if let Some(d) = date {
                    push(&q, &rel("date"), when(*d));
                }
            }
            _ => {}
        }
    }
    quads.sort_by_cached_key(ToString::to_string);
    quads.dedup();
    let facts = ex.facts.len();
    Built { quads, entities: count, facts }
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
    }
}

/// The reference list of US presidents shipped in `data/reference/us-presidents.ttl`, parsed
/// with the build's base IRI, added to the index so "President Voss" meets "Quentin Voss".
///
/// # Errors
/// The reference file does not parse.
pub fn add_presidents(index: &mut Index, lex: &Lexicon, base: &str) -> crate::Result<()> {
    use oxigraph::io::{RdfFormat, RdfParser};
    let text = include_str!("../data/reference/us-presidents.ttl");
    let parser = RdfParser::from_format(RdfFormat::Turtle)
        .with_base_iri(base)
        .map_err(|e| crate::Error::Data { what: "base IRI".into(), message: e.to_string() })?;
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut alts: HashMap<String, Vec<String>> = HashMap::new();
    let mut holder: HashMap<String, String> = HashMap::new();
    let mut start: HashMap<String, i32> = HashMap::new();
    let mut end: HashMap<String, i32> = HashMap::new();
    for q in parser.for_slice(text.as_bytes()) {
        let q = q.map_err(|e| crate::Error::Data {
            what: "data/reference/us-presidents.ttl".into(),
            message: e.to_string(),
        })?;
        let s = q.subject.to_string();
        let p = q.predicate.as_str();
        let o = &q.object;
        let val = match o {
            Term::Literal(l) => l.value().to_owned(),
            Term::NamedNode(n) => n.as_str().to_owned(),
            other => other.to_string(),
        };
        match p {
            vocab::RDFS_LABEL => {
                labels.insert(s, val);
            }
            vocab::SKOS_ALT_LABEL => alts.entry(s).or_default().push(val),
            _ if p == rel("holder") => {
                holder.insert(s, val);
            }
            _ if p == rel("startDate") => {
                start.insert(s, val.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0));
            }
            _ if p == rel("endDate") => {
                end.insert(s, val.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0));
            }
            _ => {}
        }
    }
    let mut terms: HashMap<String, Vec<(i32, Option<i32>)>> = HashMap::new();
    for (node, person) in &holder {
        terms.entry(person.clone()).or_default().push((start.get(node).copied().unwrap_or(0), end.get(node).copied()));
    }
    let mut people: Vec<(&String, &String)> = labels.iter().collect();
    people.sort();
    for (node, label) in people {
        let iri = node.trim_start_matches('<').trim_end_matches('>');
        let mut t = terms.get(iri).cloned().unwrap_or_default();
        t.sort_unstable();
        index.add(lex, iri, label, alts.get(node).map_or(&[][..], Vec::as_slice), true, t);
    }
    Ok(())
}
