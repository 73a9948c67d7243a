//! Relationship exploration over a petgraph projection of the knowledge graph.
//!
//! Entities are the nodes; each qualified relation (position, education, award, membership,
//! collaboration, appointment, a post held under a president) becomes one edge that keeps its
//! role, years and statement; direct-only relations (part of, located in, signed by, established
//! by) become edges without a statement. The evidence of a statement (quote, offsets, document)
//! is read from the store only for the relations a command prints
//! ([`Projection::load_evidence`]): it is most of what a projection would otherwise decode.
//! `rdf:type`, ontology terms and document nodes are left out, so classes and documents never
//! become hubs that connect every pair.
//!
//! | module | owns |
//! | --- | --- |
//! | [`project`] | store ▶ projection (SPARQL scans), presidents' terms |
//! | [`cache`] | the projection serialised in the store directory, keyed by the store's state |
//! | [`names`] | name ▶ entity (labels, aliases, parts of names; case and accents ignored) |
//! | [`search`] | shortest path (bidirectional BFS), top-k diversified paths, neighbourhoods |
//!
//! Writing paths as sentences, JSON and pictures is [`crate::ask`]'s job, not this module's.

pub mod cache;
pub mod names;
pub mod project;
pub mod search;

use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

pub use names::norm;
pub use search::{Hop, Outcome, Path, Search};

pub use crate::relation_kinds::RelationKind;

impl RelationKind {
    fn code(self) -> u8 {
        self as u8
    }

    fn from_code(c: u8) -> Option<RelationKind> {
        RelationKind::ALL.get(usize::from(c)).copied()
    }
}

/// An entity in the projection.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The entity's IRI.
    pub iri: String,
    /// Its label (`rdfs:label`).
    pub label: String,
    /// The most specific class, without namespace ("Person", "EducationalOrganization", …).
    pub kind: String,
    /// Alternative labels (`skos:altLabel`), for name lookup.
    pub names: Vec<String>,
}

/// Where a relation was read: the quote, its character offsets and the document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    /// The sentence the relation was read from.
    pub quote: String,
    /// Character offset of the quote's start in the document's text.
    pub start: u64,
    /// Character offset just past its end.
    pub end: u64,
    /// The path the document was built from.
    pub document: String,
}

/// A relation between two entities, directed `source ▶ target` as in the graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// Which kind of relation.
    pub kind: RelationKind,
    /// Role, degree, honour or topic, as the document gives it.
    pub role: Option<String>,
    /// Year it began (or the year of an event).
    pub start: Option<i32>,
    /// Year it ended.
    pub end: Option<i32>,
    /// Was the post left (`rel:ended`)?
    pub ended: Option<bool>,
    /// The years come from a president's term of office, not from the document.
    pub years_inferred: bool,
    /// For a post held under a president: the organisation of the post.
    pub organization: Option<NodeIndex>,
    /// The qualified node (`rel:Position`, …) the edge was collapsed from.
    pub statement: Option<String>,
    /// The subject's end (holder, student, member, ...).
    pub source: NodeIndex,
    /// The other end.
    pub target: NodeIndex,
}

impl Relation {
    /// A relation of `kind` with nothing else known, to be filled in with struct update syntax.
    #[must_use]
    pub fn new(kind: RelationKind) -> Self {
        Relation {
            kind,
            role: None,
            start: None,
            end: None,
            ended: None,
            years_inferred: false,
            organization: None,
            statement: None,
            source: NodeIndex::end(),
            target: NodeIndex::end(),
        }
    }

    /// The years the relation held, ends open where unknown (`i32::MIN`, `i32::MAX`); `None`
    /// when undated. Awards and degrees are events: one year.
    #[must_use]
    pub fn period(&self) -> Option<(i32, i32)> {
        match (self.start, self.end) {
            (None, None) => None,
            (Some(s), None) if self.kind.row().event => Some((s, s)),
            (s, e) => Some((s.unwrap_or(i32::MIN), e.unwrap_or(i32::MAX))),
        }
    }

    /// Does the relation hold at some time in `[from, to]`? Undated relations always do: the
    /// documents do not say otherwise.
    #[must_use]
    pub fn valid_during(&self, from: i32, to: i32) -> bool {
        self.period().is_none_or(|(s, e)| s <= to && from <= e)
    }

    /// "2009–2016", "2016", "from 2016", "until 2012", or "" when undated.
    #[must_use]
    pub fn years(&self) -> String {
        self.period().map(span).unwrap_or_default()
    }
}

/// A period as text: "2009–2016", "2016", "from 2016", "until 2012".
#[must_use]
pub fn span((s, e): (i32, i32)) -> String {
    match (s, e) {
        (i32::MIN, i32::MAX) => "always".to_owned(),
        (i32::MIN, e) => format!("until {e}"),
        (s, i32::MAX) => format!("from {s}"),
        (s, e) if s == e => s.to_string(),
        (s, e) => format!("{s}–{e}"),
    }
}

/// Overlap of two dated relations' periods ("both during 2009–2016"); `None` when either is
/// undated or they do not meet.
#[must_use]
pub fn overlap(a: &Relation, b: &Relation) -> Option<(i32, i32)> {
    let (s1, e1) = a.period()?;
    let (s2, e2) = b.period()?;
    let (s, e) = (s1.max(s2), e1.min(e2));
    (s <= e).then_some((s, e))
}

/// Compressed adjacency (CSR) built from the petgraph graph: each node's `(neighbour, edge)`
/// pairs sorted by neighbour, so searches scan contiguous memory and see parallel edges
/// together.
#[derive(Debug, Default, Clone)]
struct Adjacency {
    offsets: Vec<u32>,
    pairs: Vec<(u32, u32)>,
    /// Distinct neighbours per node: the degree the hub rule uses.
    degree: Vec<u32>,
    /// The largest degree.
    max_degree: u32,
}

/// The projection: an undirected petgraph graph whose edges remember their direction, with the
/// entities and relations it indexes.
#[derive(Debug, Default, Clone)]
pub struct Projection {
    /// Node weights index `nodes`, edge weights index `relations`.
    pub graph: UnGraph<usize, usize>,
    /// The entities; node weights index them.
    pub nodes: Vec<Node>,
    /// The relations; edge weights index them.
    pub relations: Vec<Relation>,
    by_iri: rustc_hash::FxHashMap<String, NodeIndex>,
    adjacency: Adjacency,
    /// Evidence read so far, by statement IRI.
    evidence: EvidenceCache,
}

/// Evidence read from the store on demand ([`Projection::load_evidence`]), by statement IRI;
/// behind a lock so a shared projection can be given more.
#[derive(Debug, Default)]
struct EvidenceCache(std::sync::Mutex<std::collections::HashMap<String, Vec<Evidence>>>);

impl EvidenceCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, Vec<Evidence>>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Clone for EvidenceCache {
    fn clone(&self) -> Self {
        EvidenceCache(std::sync::Mutex::new(self.lock().clone()))
    }
}

impl Projection {
    /// Builds a projection from hand-made parts (tests, benchmarks, the cache). Edges name
    /// their ends by position in `nodes`; relations' `source`/`target` are set from them.
    /// Edges whose ends are equal or out of range are left out.
    #[must_use]
    pub fn from_parts(nodes: Vec<Node>, edges: Vec<(usize, usize, Relation)>) -> Self {
        let mut p = Projection::default();
        for n in nodes {
            p.add_node(n);
        }
        for (a, b, r) in edges {
            if a < p.nodes.len() && b < p.nodes.len() {
                p.relate(NodeIndex::new(a), NodeIndex::new(b), r);
            }
        }
        p.finish();
        p
    }

    fn add_node(&mut self, n: Node) -> NodeIndex {
        if let Some(&ix) = self.by_iri.get(&n.iri) {
            return ix;
        }
        let id = self.nodes.len();
        let ix = self.graph.add_node(id);
        self.by_iri.insert(n.iri.clone(), ix);
        self.nodes.push(n);
        ix
    }

    fn relate(&mut self, a: NodeIndex, b: NodeIndex, mut r: Relation) {
        if a == b {
            return;
        }
        r.source = a;
        r.target = b;
        let id = self.relations.len();
        self.relations.push(r);
        self.graph.add_edge(a, b, id);
    }

    /// Builds the search index; call after the last node and edge.
    fn finish(&mut self) {
        let n = self.graph.node_count();
        let mut adj = Adjacency {
            offsets: Vec::with_capacity(n + 1),
            pairs: Vec::with_capacity(self.graph.edge_count() * 2),
            degree: Vec::with_capacity(n),
            max_degree: 0,
        };
        let mut row: Vec<(u32, u32)> = Vec::new();
        for ix in self.graph.node_indices() {
            row.clear();
            row.extend(self.graph.edges(ix).map(|e| {
                let other = if e.source() == ix { e.target() } else { e.source() };
                (index_u32(other.index()), index_u32(e.id().index()))
            }));
            row.sort_unstable();
            adj.offsets.push(index_u32(adj.pairs.len()));
            let mut distinct = 0u32;
            for (i, pair) in row.iter().enumerate() {
                if i == 0 || row[i - 1].0 != pair.0 {
                    distinct += 1;
                }
            }
            adj.degree.push(distinct);
            adj.pairs.extend_from_slice(&row);
        }
        adj.offsets.push(index_u32(adj.pairs.len()));
        adj.max_degree = adj.degree.iter().copied().max().unwrap_or(0);
        self.adjacency = adj;
    }

    /// The entity at node `ix`.
    #[must_use]
    pub fn node(&self, ix: NodeIndex) -> &Node {
        &self.nodes[self.graph[ix]]
    }

    /// The relation at edge `e`.
    #[must_use]
    pub fn relation(&self, e: EdgeIndex) -> &Relation {
        &self.relations[self.graph[e]]
    }

    /// The evidence of a relation, read by [`Projection::load_evidence`] (empty before, and for
    /// relations without any), ordered by document and position.
    #[must_use]
    pub fn evidence(&self, r: &Relation) -> Vec<Evidence> {
        r.statement.as_ref().and_then(|s| self.evidence.lock().get(s).cloned()).unwrap_or_default()
    }

    /// The entity with this IRI.
    #[must_use]
    pub fn by_iri(&self, iri: &str) -> Option<NodeIndex> {
        self.by_iri.get(iri).copied()
    }

    /// Number of distinct entities related to `ix` (what `--max-degree` compares with).
    #[must_use]
    pub fn degree(&self, ix: NodeIndex) -> usize {
        self.adjacency.degree.get(ix.index()).map_or(0, |&d| d as usize)
    }

    /// The degree of the most connected entity.
    #[must_use]
    pub fn max_degree(&self) -> usize {
        self.adjacency.max_degree as usize
    }

    /// `(neighbour, edge)` pairs of `ix`, parallel edges adjacent, neighbours ascending.
    fn adjacent(&self, ix: usize) -> &[(u32, u32)] {
        let o = &self.adjacency.offsets;
        match (o.get(ix), o.get(ix + 1)) {
            (Some(&s), Some(&e)) => &self.adjacency.pairs[s as usize..e as usize],
            _ => &[],
        }
    }

    /// The relations between `a` and `b`, in either direction.
    #[must_use]
    pub fn between(&self, a: NodeIndex, b: NodeIndex) -> Vec<EdgeIndex> {
        self.between_raw(a.index(), b.index()).iter().map(|p| EdgeIndex::new(p.1 as usize)).collect()
    }

    /// The relations between `a` and `b` as adjacency pairs of one of them (binary search, no
    /// copy): only the edges (`.1`) are meaningful to callers.
    fn between_raw(&self, a: usize, b: usize) -> &[(u32, u32)] {
        // the same relations are in both rows: search the shorter (a hub's has thousands)
        let (a, b) = if self.adjacent(b).len() < self.adjacent(a).len() { (b, a) } else { (a, b) };
        let row = self.adjacent(a);
        let target = index_u32(b);
        let start = row.partition_point(|p| p.0 < target);
        let len = row[start..].iter().take_while(|p| p.0 == target).count();
        &row[start..start + len]
    }

    /// Rough heap size in bytes (strings, vectors, the graph and the index), for the benchmark.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        let s = |x: &String| x.capacity();
        let nodes: usize = self
            .nodes
            .iter()
            .map(|n| {
                std::mem::size_of::<Node>()
                    + s(&n.iri)
                    + s(&n.label)
                    + s(&n.kind)
                    + n.names.iter().map(|x| 24 + s(x)).sum::<usize>()
            })
            .sum();
        let rels: usize = self
            .relations
            .iter()
            .map(|r| std::mem::size_of::<Relation>() + r.role.as_ref().map_or(0, s) + r.statement.as_ref().map_or(0, s))
            .sum();
        let graph = self.graph.node_count() * 16 + self.graph.edge_count() * 24;
        let index = self.adjacency.pairs.len() * 8 + self.adjacency.offsets.len() * 4 + self.adjacency.degree.len() * 4;
        let by_iri = self.by_iri.len() * (std::mem::size_of::<(String, NodeIndex)>() + 8)
            + self.nodes.iter().map(|n| n.iri.len()).sum::<usize>();
        nodes + rels + graph + index + by_iri
    }
}

pub(crate) fn index_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_names_predicates_and_classes() {
        assert_eq!(RelationKind::parse("served under"), Some(RelationKind::ServedUnder));
        assert_eq!(RelationKind::parse("served-under"), Some(RelationKind::ServedUnder));
        assert_eq!(RelationKind::parse("rel:servedUnder"), Some(RelationKind::ServedUnder));
        assert_eq!(RelationKind::parse("https://w3id.org/relate/ontology#alumnusOf"), Some(RelationKind::Education));
        assert_eq!(RelationKind::parse("Position"), Some(RelationKind::Position));
        assert_eq!(RelationKind::parse("holdsPositionAt"), Some(RelationKind::Position));
        assert_eq!(RelationKind::parse("Northfield"), None);
        for k in RelationKind::ALL {
            assert_eq!(RelationKind::from_code(k.code()), Some(k));
            assert_eq!(RelationKind::parse(k.name()), Some(k));
        }
    }

    #[test]
    fn periods_years_and_overlaps() {
        let r = |kind, s, e| Relation { start: s, end: e, ..Relation::new(kind) };
        assert_eq!(r(RelationKind::Position, Some(2009), Some(2016)).years(), "2009–2016");
        assert_eq!(r(RelationKind::Position, Some(2016), None).years(), "from 2016");
        assert_eq!(r(RelationKind::Award, Some(2010), None).years(), "2010");
        assert_eq!(r(RelationKind::Position, None, Some(2012)).years(), "until 2012");
        assert_eq!(r(RelationKind::Position, None, None).years(), "");
        assert_eq!(
            overlap(
                &r(RelationKind::Position, Some(2000), Some(2005)),
                &r(RelationKind::Position, Some(2003), Some(2010))
            ),
            Some((2003, 2005))
        );
        assert_eq!(
            overlap(
                &r(RelationKind::Position, Some(2000), Some(2001)),
                &r(RelationKind::Position, Some(2003), Some(2010))
            ),
            None
        );
        assert_eq!(
            overlap(&r(RelationKind::Position, Some(2016), None), &r(RelationKind::Position, Some(1998), Some(2019))),
            Some((2016, 2019))
        );
        assert_eq!(
            overlap(&r(RelationKind::Position, None, None), &r(RelationKind::Position, Some(1998), Some(2019))),
            None
        );
        assert!(r(RelationKind::Position, None, None).valid_during(1, 2));
        assert!(r(RelationKind::Position, Some(2016), None).valid_during(2020, 2020));
        assert!(!r(RelationKind::Award, Some(2010), None).valid_during(2011, 2020));
    }

    #[test]
    fn adjacency_groups_parallel_edges_and_counts_distinct_neighbours() {
        let node =
            |i: usize| Node { iri: format!("urn:n{i}"), label: format!("N{i}"), kind: "Person".into(), names: vec![] };
        let p = Projection::from_parts(
            (0..3).map(node).collect(),
            vec![
                (0, 1, Relation::new(RelationKind::Position)),
                (1, 0, Relation::new(RelationKind::Award)),
                (0, 2, Relation::new(RelationKind::Position)),
                (2, 2, Relation::new(RelationKind::Position)),
            ],
        );
        assert_eq!(p.degree(NodeIndex::new(0)), 2);
        assert_eq!(p.degree(NodeIndex::new(1)), 1);
        assert_eq!(p.between(NodeIndex::new(0), NodeIndex::new(1)).len(), 2);
        assert_eq!(p.relations.len(), 3, "self-loops are left out");
    }
}
