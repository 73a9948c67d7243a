//! Store ▶ projection. SPARQL scans over the union graph: entities per class with their label
//! and aliases; one scan per kind of qualified relation with its role and years; all evidence
//! once (quote, offsets, document), matched to relations by statement IRI (statements are
//! minted per document, so two documents stating the same fact give two relations, each with
//! its quote); and the direct-only relations.
//!
//! A post held "under President P" without years of its own takes the president's term of
//! office (from `data/reference/us-presidents.ttl`) as its period, marked as inferred.

use std::collections::HashMap;
use std::sync::OnceLock;

use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution};
use petgraph::graph::NodeIndex;

use super::{Evidence, Kind, Node, Projection, Relation};
use crate::error::{Error, Result};
use crate::store::Store;

/// The entity classes projected; document nodes and ontology terms are not among them. One
/// scan each, so the class is known without decoding it.
const ENTITY_CLASSES: &[&str] = &[
    "Person",
    "Organization",
    "EducationalOrganization",
    "MedicalOrganization",
    "GovernmentOrganization",
    "Company",
    "NewsMedia",
    "Committee",
    "Legislation",
    "Place",
];

/// Evidence of every qualified relation, read once and matched to relations by statement IRI.
const EVIDENCE: &str = "SELECT ?q ?quote ?qs ?qe ?doc WHERE { ?q rel:evidenceQuote ?quote ; rel:evidenceStart ?qs ; rel:evidenceEnd ?qe ; rel:extractedFrom ?d . ?d rel:sourcePath ?doc }";

const ALIASES: &str = "SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }";

/// One scan per kind of qualified relation: `?q` the node, `?a ▶ ?b` the edge, then details.
const QUALIFIED: &[(&str, &str)] = &[
    (
        "position",
        "?q a rel:Position ; rel:holder ?a . OPTIONAL { ?q rel:organization ?b } OPTIONAL { ?q rel:role ?role } OPTIONAL { ?q rel:startDate ?start } OPTIONAL { ?q rel:endDate ?end } OPTIONAL { ?q rel:ended ?ended } OPTIONAL { ?q rel:underPresident ?under } OPTIONAL { ?q rel:appointedBy ?by }",
    ),
    ("education", "?q a rel:Education ; rel:student ?a ; rel:institution ?b . OPTIONAL { ?q rel:degree ?role } OPTIONAL { ?q rel:year ?start }"),
    ("award", "?q a rel:Award ; rel:recipient ?a ; rel:conferredBy ?b . OPTIONAL { ?q rel:honour ?role } OPTIONAL { ?q rel:year ?start }"),
    ("membership", "?q a rel:Membership ; rel:member ?a ; rel:organization ?b . OPTIONAL { ?q rel:role ?role } OPTIONAL { ?q rel:startDate ?start } OPTIONAL { ?q rel:endDate ?end }"),
    ("collaboration", "?q a rel:Collaboration ; rel:participant ?a , ?b . FILTER(STR(?a) < STR(?b)) OPTIONAL { ?q rel:topic ?role } OPTIONAL { ?q rel:startDate ?start } OPTIONAL { ?q rel:endDate ?end }"),
    ("appointment", "?q a rel:Appointment ; rel:appointee ?a . OPTIONAL { ?q rel:appointer ?by } OPTIONAL { ?q rel:organization ?b } OPTIONAL { ?q rel:role ?role } OPTIONAL { ?q rel:date ?start }"),
];

const DIRECT: &str = r#"SELECT ?a ?p ?b WHERE { VALUES ?p { rel:partOf rel:locatedIn rel:signedBy rel:establishedBy } ?a ?p ?b . FILTER(isIRI(?b)) }"#;

fn text(t: Option<&Term>) -> Option<String> {
    match t? {
        Term::Literal(l) => Some(l.value().to_owned()),
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        other => Some(other.to_string()),
    }
}

/// The year of an `xsd:gYear` or `xsd:date` ("2009", "2009-05-01", "-0044").
fn year(t: Option<&Term>) -> Option<i32> {
    let Term::Literal(l) = t? else { return None };
    let v = l.value();
    let digits = v.strip_prefix('-').unwrap_or(v);
    let n: i32 = digits.split('-').next()?.parse().ok()?;
    Some(if v.starts_with('-') { -n } else { n })
}

fn number(t: Option<&Term>) -> Option<u64> {
    match t? {
        Term::Literal(l) => l.value().parse().ok(),
        _ => None,
    }
}

fn solutions(store: &Store, q: &str, mut each: impl FnMut(&QuerySolution)) -> Result<()> {
    if let QueryResults::Solutions(s) = store.query(q, None, &[])? {
        for row in s {
            each(&row.map_err(|e| Error::Query { message: e.to_string() })?);
        }
    }
    Ok(())
}

/// Presidents' terms of office by relative IRI ("person/jane-doe" ▶ (2009, Some(2017))),
/// read once from the reference file; several terms become one span.
fn terms() -> &'static HashMap<String, (i32, Option<i32>)> {
    static TERMS: OnceLock<HashMap<String, (i32, Option<i32>)>> = OnceLock::new();
    TERMS.get_or_init(|| {
        use oxigraph::io::{RdfFormat, RdfParser};
        const BASE: &str = "relate:/";
        let text = include_str!("../../data/reference/us-presidents.ttl");
        let Ok(parser) = RdfParser::from_format(RdfFormat::Turtle).with_base_iri(BASE) else { return HashMap::new() };
        let (mut holder, mut start, mut end) = (HashMap::new(), HashMap::new(), HashMap::new());
        for q in parser.for_slice(text.as_bytes()).flatten() {
            let s = q.subject.to_string();
            match q.predicate.as_str().strip_prefix(crate::vocab::REL) {
                Some("holder") => {
                    if let Term::NamedNode(n) = &q.object {
                        holder.insert(s, n.as_str().trim_start_matches(BASE).to_owned());
                    }
                }
                Some("startDate") => {
                    start.insert(s, year(Some(&q.object)));
                }
                Some("endDate") => {
                    end.insert(s, year(Some(&q.object)));
                }
                _ => {}
            }
        }
        let mut out: HashMap<String, (i32, Option<i32>)> = HashMap::new();
        for (node, person) in holder {
            let Some(Some(s)) = start.get(&node).copied() else { continue };
            let e = end.get(&node).copied().flatten();
            out.entry(person)
                .and_modify(|t| {
                    t.0 = t.0.min(s);
                    t.1 = match (t.1, e) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        _ => None,
                    };
                })
                .or_insert((s, e));
        }
        out
    })
}

/// The term of office of the president with this IRI, whatever the base it was minted under.
fn term_of(iri: &str) -> Option<(i32, Option<i32>)> {
    let slug = iri.rsplit('/').next()?;
    let key = format!("person/{slug}");
    if !iri.ends_with(&key) {
        return None;
    }
    let t = terms().get(&key)?;
    let before = iri.len().checked_sub(key.len() + 1)?;
    matches!(iri.as_bytes().get(before), Some(b'/' | b'#')).then_some(*t)
}

/// An edge before it is added: ends by IRI, and the relation.
struct Pending {
    a: String,
    b: String,
    rel: Relation,
    /// The organisation of a post held under a president or by appointment.
    org: Option<String>,
}

/// What the second thread reads: entities, aliases, direct relations, evidence.
#[derive(Default)]
struct Side {
    /// IRI ▶ (label, most specific class)
    entities: HashMap<String, (String, String)>,
    aliases: Vec<(String, String)>,
    direct: Vec<Pending>,
    evidence: HashMap<String, Vec<Evidence>>,
}

fn read_side(store: &Store) -> Result<Side> {
    let mut side = Side::default();
    for class in ENTITY_CLASSES {
        let q = format!("SELECT ?e ?label WHERE {{ ?e a rel:{class} ; rdfs:label ?label }}");
        solutions(store, &q, |s| {
            let (Some(iri), Some(label)) = (text(s.get("e")), text(s.get("label"))) else { return };
            side.entities
                .entry(iri)
                .and_modify(|(l, k)| {
                    // the most specific class wins over rel:Organization; the least label wins
                    if k == "Organization" {
                        *k = (*class).to_owned();
                    }
                    if label < *l {
                        l.clone_from(&label);
                    }
                })
                .or_insert_with(|| (label.clone(), (*class).to_owned()));
        })?;
    }
    solutions(store, ALIASES, |s| {
        if let (Some(iri), Some(alt)) = (text(s.get("e")), text(s.get("alt"))) {
            side.aliases.push((iri, alt));
        }
    })?;
    solutions(store, DIRECT, |s| {
        let (Some(a), Some(pred), Some(b)) = (text(s.get("a")), text(s.get("p")), text(s.get("b"))) else { return };
        if let Some(kind) = Kind::parse(&pred) {
            side.direct.push(Pending { a, b, rel: Relation::new(kind), org: None });
        }
    })?;
    solutions(store, EVIDENCE, |s| {
        let (Some(q), Some(quote), Some(start), Some(end), Some(document)) =
            (text(s.get("q")), text(s.get("quote")), number(s.get("qs")), number(s.get("qe")), text(s.get("doc")))
        else {
            return;
        };
        let ev = Evidence { quote: quote.replace(['\n', '\r'], " "), start, end, document };
        let list = side.evidence.entry(q).or_default();
        if !list.contains(&ev) {
            list.push(ev);
        }
    })?;
    Ok(side)
}

/// The qualified relations, one scan per kind; rows repeating a (statement, kind, ends) are
/// the same relation (a multi-valued detail) and are kept once.
fn read_relations(store: &Store) -> Result<Vec<Pending>> {
    let mut pending: Vec<Pending> = Vec::new();
    let mut seen: std::collections::HashSet<(String, Kind, String, String)> = std::collections::HashSet::new();
    for (name, pattern) in QUALIFIED {
        let q = format!("SELECT * WHERE {{ {pattern} }}");
        solutions(store, &q, |s| {
            let (Some(stmt), Some(a)) = (text(s.get("q")), text(s.get("a"))) else { return };
            let base = Relation {
                role: text(s.get("role")),
                start: year(s.get("start")),
                end: year(s.get("end")),
                ended: text(s.get("ended")).map(|v| v == "true" || v == "1"),
                statement: Some(stmt.clone()),
                ..Relation::new(Kind::Position)
            };
            for Edge { kind, source, target, rel, org } in edges_of(name, s, &base) {
                let source = source.unwrap_or_else(|| a.clone());
                if seen.insert((stmt.clone(), kind, source.clone(), target.clone())) {
                    pending.push(Pending { a: source, b: target, rel: Relation { kind, ..rel }, org });
                }
            }
        })?;
    }
    Ok(pending)
}

impl Projection {
    /// Projects the store.
    ///
    /// # Complexity
    /// Linear in the entity and relation triples: SPARQL scans on two threads (one per kind
    /// of qualified relation on one; entities per class, aliases, direct relations and all
    /// evidence on the other), joined by statement IRI in hash maps, then a sort of the edges
    /// so the projection (and every tie-break in a search) is the same for the same store
    /// content. Oxigraph decodes each IRI and long literal it returns with a key-value lookup,
    /// so the scans return only what the projection keeps.
    ///
    /// # Errors
    /// The store cannot be queried.
    pub fn from_store(store: &Store) -> Result<Self> {
        let (relations, side) = std::thread::scope(|scope| {
            let relations = scope.spawn(|| read_relations(store));
            let side = read_side(store);
            let relations = relations.join().unwrap_or_else(|_| {
                Err(Error::Data { what: "projection".into(), message: "the relation scan panicked".into() })
            });
            (relations, side)
        });
        let (relations, mut side) = (relations?, side?);
        let mut p = Projection::default();
        let mut sorted: Vec<(String, (String, String))> = std::mem::take(&mut side.entities).into_iter().collect();
        sorted.sort_unstable();
        for (iri, (label, kind)) in sorted {
            p.add_node(Node { iri, label, kind, names: Vec::new() });
        }
        for (iri, alt) in side.aliases {
            if let Some(ix) = p.by_iri(&iri) {
                let id = p.graph[ix];
                let n = &mut p.nodes[id];
                if alt != n.label && !n.names.contains(&alt) {
                    n.names.push(alt);
                }
            }
        }
        for n in &mut p.nodes {
            n.names.sort();
        }
        let mut edges: Vec<(NodeIndex, NodeIndex, Relation)> = relations
            .into_iter()
            .chain(side.direct)
            .filter_map(|x| {
                let mut r = x.rel;
                r.organization = x.org.and_then(|o| p.by_iri(&o));
                if let Some(ev) = r.statement.as_ref().and_then(|s| side.evidence.get(s)) {
                    r.evidence.clone_from(ev);
                    r.evidence.sort_by(|x, y| (&x.document, x.start).cmp(&(&y.document, y.start)));
                }
                Some((p.by_iri(&x.a)?, p.by_iri(&x.b)?, r))
            })
            .collect();
        edges.sort_by(|x, y| {
            (x.0, x.1, x.2.kind, x.2.start, &x.2.role, &x.2.statement).cmp(&(
                y.0,
                y.1,
                y.2.kind,
                y.2.start,
                &y.2.role,
                &y.2.statement,
            ))
        });
        for (a, b, r) in edges {
            p.relate(a, b, r);
        }
        p.finish();
        Ok(p)
    }
}

/// One edge from a row of a qualified-relation scan.
struct Edge {
    kind: Kind,
    /// `None`: the row's `?a`.
    source: Option<String>,
    target: String,
    rel: Relation,
    org: Option<String>,
}

/// The edges one row of a qualified-relation scan gives. A post held under a president gives
/// three: holder ▶ organisation, holder ▶ president (naming the post), and organisation ▶
/// president (the organisation worked under that administration), so a committee links its
/// other members to the president too.
fn edges_of(name: &str, s: &QuerySolution, base: &Relation) -> Vec<Edge> {
    let b = text(s.get("b"));
    let edge = |kind, target: String, rel: Relation, org: Option<String>| Edge { kind, source: None, target, rel, org };
    let mut out = Vec::new();
    match name {
        "position" => {
            if let Some(b) = &b {
                out.push(edge(Kind::Position, b.clone(), base.clone(), None));
            }
            if let Some(p) = text(s.get("under")) {
                let mut r = base.clone();
                if r.start.is_none() && r.end.is_none() {
                    if let Some((from, to)) = term_of(&p) {
                        r.start = Some(from);
                        r.end = to;
                        r.years_inferred = true;
                    }
                }
                if let Some(org) = &b {
                    let plain = Relation { role: None, ended: None, ..r.clone() };
                    out.push(Edge {
                        kind: Kind::ServedUnder,
                        source: Some(org.clone()),
                        target: p.clone(),
                        rel: plain,
                        org: None,
                    });
                }
                out.push(edge(Kind::ServedUnder, p, r, b.clone()));
            }
            if let Some(by) = text(s.get("by")) {
                out.push(edge(Kind::Appointment, by, base.clone(), b.clone()));
            }
        }
        "appointment" => {
            if let Some(by) = text(s.get("by")) {
                out.push(edge(Kind::Appointment, by, base.clone(), b));
            } else if let Some(b) = b {
                out.push(edge(Kind::Appointment, b, base.clone(), None));
            }
        }
        other => {
            let kind = Kind::parse(other).unwrap_or(Kind::Position);
            if let Some(b) = b {
                out.push(edge(kind, b, base.clone(), None));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presidents_terms_come_from_the_reference_file() {
        // every president of the reference list has a term; any base IRI works, other paths do not
        assert!(terms().len() >= 40, "{}", terms().len());
        let (path, span) = terms().iter().min_by_key(|(k, _)| k.as_str()).map(|(k, v)| (k.clone(), *v)).unwrap();
        assert!(path.starts_with("person/"));
        assert!(span.1.is_none_or(|end| span.0 <= end));
        assert_eq!(term_of(&format!("https://w3id.org/relate/id/{path}")), Some(span));
        assert_eq!(term_of(&format!("urn:x#{path}")), Some(span));
        assert_eq!(term_of(&format!("https://w3id.org/relate/id/org/{}", &path["person/".len()..])), None);
        assert_eq!(term_of(&format!("https://example.org/x{path}")), None);
        // several terms become one span, open while the last one lasts
        assert!(terms().values().filter(|t| t.1.is_none()).count() >= 1);
    }

    #[test]
    fn years_of_dates_and_gyears() {
        let lit = |v: &str| Term::Literal(oxigraph::model::Literal::new_simple_literal(v));
        assert_eq!(year(Some(&lit("2009"))), Some(2009));
        assert_eq!(year(Some(&lit("2009-05-01"))), Some(2009));
        assert_eq!(year(Some(&lit("-0044"))), Some(-44));
        assert_eq!(year(Some(&lit("soon"))), None);
        assert_eq!(year(None), None);
    }
}
