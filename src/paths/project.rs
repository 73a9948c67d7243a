//! Store ▶ projection. SPARQL scans of the union graph, run on two threads: entities per
//! class with their label, aliases, direct-only relations, and one scan per kind of qualified
//! relation with its role and years. The evidence (quotes, offsets, documents) is read only
//! for the relations a command prints
//! ([`Projection::load_evidence`]).
//!
//! Oxigraph returns every IRI and long literal by looking it up in RocksDB (about 2 µs each
//! here), and evaluates a basic graph pattern as nested index lookups (about 8 µs a row): so
//! every scan is written as sub-selects of one triple pattern each, which Oxigraph joins by
//! hashing, and returns only what the projection keeps.
//!
//! A post held "under President P" without years of its own takes the president's term of
//! office (from `data/reference/us-presidents.ttl`) as its period, marked as inferred.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution};
use petgraph::graph::{EdgeIndex, NodeIndex};
use rustc_hash::{FxHashMap, FxHashSet};

use super::{Evidence, Node, Projection, Relation, RelationKind};
use crate::error::{Error, Result};
use crate::relation_kinds::{self, KINDS};
use crate::store::{Sparql, Store};

/// The entity classes projected, one scan each, so the class is known without decoding it.
pub use crate::vocab::ENTITY_CLASSES;

const ALIASES: &str = "SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }";

/// The direct-only relations (`rel:partOf`, …), from the table of relation kinds.
fn direct_query() -> String {
    let preds: Vec<String> = relation_kinds::direct_only().map(|r| format!("rel:{}", r.direct)).collect();
    format!("SELECT ?a ?p ?b WHERE {{ VALUES ?p {{ {} }} ?a ?p ?b . FILTER(isIRI(?b)) }}", preds.join(" "))
}

/// One scan of the qualified nodes of a kind: the predicate from the node to `?a` and the
/// node's details as (variable, predicate), read from the table of relation kinds. Variables:
/// `b` the other end, `role`, `start`, `end`; a kind read from the same node (a post's
/// president, its predecessor) under its direct predicate's name; and what only the projection
/// reads: `ended`, `by` (who appointed to a post), `org` (the organisation of an appointment).
struct Qualified {
    kind: RelationKind,
    anchor: &'static str,
    details: Vec<(&'static str, &'static str)>,
}

fn qualified() -> Vec<Qualified> {
    relation_kinds::stated()
        .map(|(row, st)| {
            let mut details = Vec::new();
            if let Some(o) = st.other.filter(|o| *o != st.subject) {
                details.push(("b", o));
            }
            for (var, pred) in [("role", st.role), ("start", st.start), ("end", st.end)] {
                details.extend(pred.map(|p| (var, p)));
            }
            details.extend(match row.kind {
                RelationKind::Position => &[("ended", "ended"), ("by", "appointedBy")][..],
                RelationKind::Appointment => &[("org", "organization")][..],
                _ => &[][..],
            });
            for within in KINDS.iter().filter(|r| r.within == Some(row.kind)) {
                details.extend(within.statement.and_then(|s| s.other).map(|o| (within.direct, o)));
            }
            Qualified { kind: row.kind, anchor: st.subject, details }
        })
        .collect()
}

impl Qualified {
    /// `?q ?a` from the anchor, and each detail joined to it as a sub-select.
    fn query(&self) -> String {
        let mut q = format!("SELECT * WHERE {{ {{ SELECT ?q ?a WHERE {{ ?q rel:{} ?a }} }}", self.anchor);
        for (var, pred) in &self.details {
            q.push_str(&format!(" OPTIONAL {{ SELECT ?q ?{var} WHERE {{ ?q rel:{pred} ?{var} }} }}"));
        }
        q.push_str(" }");
        q
    }
}

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

fn solutions(source: &dyn Sparql, q: &str, mut each: impl FnMut(&QuerySolution)) -> Result<()> {
    if let QueryResults::Solutions(s) = source.evaluate(q)? {
        for row in s {
            each(&row.map_err(|e| Error::evaluation(q, e))?);
        }
    }
    Ok(())
}

/// Presidents' terms of office by relative IRI ("person/jane-doe" ▶ (2009, Some(2017))),
/// read once from the reference file; several terms become one span.
fn terms() -> &'static HashMap<String, (i32, Option<i32>)> {
    static TERMS: OnceLock<HashMap<String, (i32, Option<i32>)>> = OnceLock::new();
    TERMS.get_or_init(|| {
        const BASE: &str = "relate:/";
        let mut out: HashMap<String, (i32, Option<i32>)> = HashMap::new();
        for p in crate::reference::presidents(BASE).unwrap_or_default() {
            let person = p.iri.trim_start_matches(BASE).to_owned();
            for t in p.terms {
                let Some(s) = t.start else { continue };
                let e = t.end;
                out.entry(person.clone())
                    .and_modify(|t| {
                        t.0 = t.0.min(s);
                        t.1 = match (t.1, e) {
                            (Some(a), Some(b)) => Some(a.max(b)),
                            _ => None,
                        };
                    })
                    .or_insert((s, e));
            }
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

/// One scan of the store; the two threads take them in order, longest first.
enum Task {
    Qualified(Qualified),
    Entities(&'static str),
    Aliases,
    Direct,
}

/// What a scan read.
enum Part {
    /// (IRI, label) of the entities of a class.
    Entities(&'static str, Vec<(String, String)>),
    /// (IRI, alternative label).
    Aliases(Vec<(String, String)>),
    Relations(Vec<Pending>),
}

fn tasks() -> Vec<Task> {
    let mut t: Vec<Task> = qualified().into_iter().map(Task::Qualified).collect();
    t.insert(1, Task::Entities("Person"));
    t.push(Task::Aliases);
    t.extend(ENTITY_CLASSES[1..].iter().map(|c| Task::Entities(c)));
    t.push(Task::Direct);
    t
}

fn run(store: &Store, task: &Task) -> Result<Part> {
    Ok(match task {
        Task::Qualified(kind) => Part::Relations(read_relations(store, kind)?),
        Task::Entities(class) => {
            // the class as a sub-select of its own: joined by hashing, not row by row
            let q = format!(
                "SELECT ?e ?label WHERE {{ {{ SELECT ?e WHERE {{ ?e a rel:{class} }} }} {{ SELECT ?e ?label WHERE {{ ?e rdfs:label ?label }} }} }}"
            );
            let mut out = Vec::new();
            solutions(store, &q, |s| {
                if let (Some(iri), Some(label)) = (text(s.get("e")), text(s.get("label"))) {
                    out.push((iri, label));
                }
            })?;
            Part::Entities(class, out)
        }
        Task::Aliases => {
            let mut out = Vec::new();
            solutions(store, ALIASES, |s| {
                if let (Some(iri), Some(alt)) = (text(s.get("e")), text(s.get("alt"))) {
                    out.push((iri, alt));
                }
            })?;
            Part::Aliases(out)
        }
        Task::Direct => {
            let mut out = Vec::new();
            solutions(store, &direct_query(), |s| {
                let (Some(a), Some(pred), Some(b)) = (text(s.get("a")), text(s.get("p")), text(s.get("b"))) else {
                    return;
                };
                if let Some(kind) = RelationKind::parse(&pred) {
                    out.push(Pending { a, b, rel: Relation::new(kind), org: None });
                }
            })?;
            Part::Relations(out)
        }
    })
}

/// The relations of one kind. Rows repeating a (statement, kind, ends) are the same relation
/// (a multi-valued detail) and are kept once. A collaboration's participants come one a row
/// and are paired up once all are read.
fn read_relations(store: &Store, kind: &Qualified) -> Result<Vec<Pending>> {
    let mut pending: Vec<Pending> = Vec::new();
    // the joins scan every detail predicate whole: not worth it when there is nothing to join
    let ask = format!("ASK {{ ?q rel:{} ?a }}", kind.anchor);
    if matches!(store.query(&ask, None, &[])?, QueryResults::Boolean(false)) {
        return Ok(pending);
    }
    let mut seen: FxHashSet<(String, RelationKind, String, String)> = FxHashSet::default();
    let mut participants: FxHashMap<String, (Relation, Vec<String>)> = FxHashMap::default();
    solutions(store, &kind.query(), |s| {
        let (Some(stmt), Some(a)) = (text(s.get("q")), text(s.get("a"))) else { return };
        let base = Relation {
            role: text(s.get("role")),
            start: year(s.get("start")),
            end: year(s.get("end")),
            ended: text(s.get("ended")).map(|v| v == "true" || v == "1"),
            statement: Some(stmt.clone()),
            ..Relation::new(RelationKind::Position)
        };
        if kind.kind == RelationKind::Collaboration {
            let (_, list) = participants.entry(stmt).or_insert_with(|| (base, Vec::new()));
            if !list.contains(&a) {
                list.push(a);
            }
            return;
        }
        for Edge { kind, source, target, rel, org } in edges_of(kind.kind, s, &base) {
            let source = source.unwrap_or_else(|| a.clone());
            if seen.insert((stmt.clone(), kind, source.clone(), target.clone())) {
                pending.push(Pending { a: source, b: target, rel: Relation { kind, ..rel }, org });
            }
        }
    })?;
    for (_, (base, mut list)) in participants {
        list.sort_unstable();
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                let rel = Relation { kind: RelationKind::Collaboration, ..base.clone() };
                pending.push(Pending { a: a.clone(), b: b.clone(), rel, org: None });
            }
        }
    }
    Ok(pending)
}

impl Projection {
    /// Projects the store.
    ///
    /// # Complexity
    /// Linear in the entity and relation triples: SPARQL scans (one per kind of qualified
    /// relation, one per entity class, aliases, direct relations) shared by two threads, then a
    /// sort of the edges so the projection (and every tie-break in a search) is the same for
    /// the same store content. Evidence is not read here: see [`Projection::load_evidence`].
    ///
    /// # Errors
    /// The store cannot be queried.
    pub fn from_store(store: &Store) -> Result<Self> {
        let tasks = tasks();
        let next = AtomicUsize::new(0);
        let parts: Mutex<Vec<(usize, Result<Part>)>> = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            let work = || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(task) = tasks.get(i) else { break };
                let part = run(store, task);
                let failed = part.is_err();
                parts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((i, part));
                if failed {
                    next.store(tasks.len(), Ordering::Relaxed);
                }
            };
            scope.spawn(work);
            work();
        });
        let mut parts = parts.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        parts.sort_by_key(|(i, _)| *i);
        // IRI ▶ (label, most specific class), in the order of ENTITY_CLASSES
        let mut entities: FxHashMap<String, (String, String)> = FxHashMap::default();
        let mut by_class: Vec<(&'static str, Vec<(String, String)>)> = Vec::new();
        let (mut aliases, mut pending) = (Vec::new(), Vec::new());
        for (_, part) in parts {
            match part? {
                Part::Entities(class, list) => by_class.push((class, list)),
                Part::Aliases(list) => aliases = list,
                Part::Relations(list) => pending.extend(list),
            }
        }
        by_class.sort_by_key(|(class, _)| ENTITY_CLASSES.iter().position(|c| c == class));
        for (class, list) in by_class {
            for (iri, label) in list {
                entities
                    .entry(iri)
                    .and_modify(|(l, k)| {
                        // the most specific class wins over rel:Organization; the least label wins
                        if k == "Organization" {
                            *k = class.to_owned();
                        }
                        if label < *l {
                            l.clone_from(&label);
                        }
                    })
                    .or_insert_with(|| (label.clone(), class.to_owned()));
            }
        }
        let mut p = Projection::default();
        let mut sorted: Vec<(String, (String, String))> = entities.into_iter().collect();
        sorted.sort_unstable();
        for (iri, (label, kind)) in sorted {
            p.add_node(Node { iri, label, kind, names: Vec::new() });
        }
        for (iri, alt) in aliases {
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
        let mut edges: Vec<(NodeIndex, NodeIndex, Relation)> = pending
            .into_iter()
            .filter_map(|x| {
                let mut r = x.rel;
                r.organization = x.org.and_then(|o| p.by_iri(&o));
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

/// Statements whose evidence is read in one query.
const EVIDENCE_BATCH: usize = 256;

impl Projection {
    /// Reads from the store (or a remote endpoint) the evidence (quotes, character offsets,
    /// documents) of these relations, for [`Projection::evidence`]; relations read before are
    /// not read again. Commands call it for the relations they print.
    ///
    /// # Complexity
    /// One query per 256 statements, each an index lookup per statement.
    ///
    /// # Errors
    /// The store cannot be queried.
    pub fn load_evidence(&self, store: &dyn Sparql, edges: impl IntoIterator<Item = EdgeIndex>) -> Result<()> {
        let mut wanted: Vec<&str> = {
            let known = self.evidence.lock();
            edges
                .into_iter()
                .filter(|&e| e.index() < self.graph.edge_count())
                .map(|e| self.relation(e))
                .filter_map(|r| r.statement.as_deref())
                .filter(|s| !known.contains_key(*s))
                .collect()
        };
        wanted.sort_unstable();
        wanted.dedup();
        for batch in wanted.chunks(EVIDENCE_BATCH) {
            let values: Vec<String> = batch.iter().map(|s| format!("<{s}>")).collect();
            let q = format!(
                "SELECT ?q ?quote ?qs ?qe ?doc WHERE {{ VALUES ?q {{ {} }} ?q rel:evidenceQuote ?quote ; rel:evidenceStart ?qs ; rel:evidenceEnd ?qe ; rel:extractedFrom ?d . ?d rel:sourcePath ?doc }}",
                values.join(" ")
            );
            let mut found: HashMap<String, Vec<Evidence>> =
                batch.iter().map(|s| ((*s).to_owned(), Vec::new())).collect();
            solutions(store, &q, |s| {
                let (Some(q), Some(quote), Some(start), Some(end), Some(document)) = (
                    text(s.get("q")),
                    text(s.get("quote")),
                    number(s.get("qs")),
                    number(s.get("qe")),
                    text(s.get("doc")),
                ) else {
                    return;
                };
                let ev = Evidence { quote: quote.replace(['\n', '\r'], " "), start, end, document };
                let list = found.entry(q).or_default();
                if !list.contains(&ev) {
                    list.push(ev);
                }
            })?;
            for list in found.values_mut() {
                list.sort_by(|x, y| (&x.document, x.start).cmp(&(&y.document, y.start)));
            }
            self.evidence.lock().extend(found);
        }
        Ok(())
    }
}

/// One edge from a row of a qualified-relation scan.
struct Edge {
    kind: RelationKind,
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
fn edges_of(of: RelationKind, s: &QuerySolution, base: &Relation) -> Vec<Edge> {
    let b = text(s.get("b"));
    let edge = |kind, target: String, rel: Relation, org: Option<String>| Edge { kind, source: None, target, rel, org };
    let mut out = Vec::new();
    match of {
        RelationKind::Position => {
            if let Some(b) = &b {
                out.push(edge(RelationKind::Position, b.clone(), base.clone(), None));
            }
            if let Some(p) = text(s.get(RelationKind::ServedUnder.predicate())) {
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
                        kind: RelationKind::ServedUnder,
                        source: Some(org.clone()),
                        target: p.clone(),
                        rel: plain,
                        org: None,
                    });
                }
                out.push(edge(RelationKind::ServedUnder, p, r, b.clone()));
            }
            if let Some(by) = text(s.get("by")) {
                out.push(edge(RelationKind::Appointment, by, base.clone(), b.clone()));
            }
            if let Some(old) = text(s.get(RelationKind::Succeeded.predicate())) {
                out.push(edge(RelationKind::Succeeded, old, base.clone(), b.clone()));
            }
        }
        RelationKind::Appointment => {
            // to the appointer, else to the organisation appointed to
            let org = text(s.get("org"));
            if let Some(by) = b {
                out.push(edge(RelationKind::Appointment, by, base.clone(), org));
            } else if let Some(org) = org {
                out.push(edge(RelationKind::Appointment, org, base.clone(), None));
            }
        }
        kind => {
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
