//! Relationship exploration over a petgraph projection of the knowledge graph: entities are
//! nodes; each qualified relation (position, education, award, membership, collaboration,
//! appointment) becomes one edge that keeps its role, years and evidence; direct-only relations
//! (part of, located in, signed by, established by) become edges without evidence. `rdf:type`,
//! ontology terms and document nodes are left out, so classes never become hubs.

use std::collections::{HashMap, HashSet, VecDeque};

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use crate::error::{Error, Result};
use crate::store::Store;

/// An entity in the projection.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Node {
    pub iri: String,
    pub label: String,
    pub kind: String,
    #[serde(skip)]
    pub names: Vec<String>,
}

/// Where a relation was read.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Evidence {
    pub quote: String,
    pub start: u64,
    pub end: u64,
    pub document: String,
}

/// A relation between two entities, directed `source ▶ target` as in the graph.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Relation {
    pub kind: String,
    pub role: Option<String>,
    pub start: Option<i32>,
    pub end: Option<i32>,
    pub evidence: Option<Evidence>,
    #[serde(skip)]
    pub source: NodeIndex,
    #[serde(skip)]
    pub target: NodeIndex,
}

impl Relation {
    /// Does the relation hold at some time in `[from, to]`? Undated relations always do.
    #[must_use]
    pub fn valid_during(&self, from: i32, to: i32) -> bool {
        let (s, e) = (self.start.unwrap_or(i32::MIN), self.end.unwrap_or(i32::MAX));
        if self.start.is_none() && self.end.is_none() {
            return true;
        }
        s <= to && from <= e
    }

    /// "(1998–2019)", "(2016)", "(since 2016)", or "".
    #[must_use]
    pub fn years(&self) -> String {
        match (self.start, self.end) {
            (Some(s), Some(e)) if s == e => format!("({s})"),
            (Some(s), Some(e)) => format!("({s}–{e})"),
            (Some(s), None) => format!("({s})"),
            (None, Some(e)) => format!("(until {e})"),
            (None, None) => String::new(),
        }
    }

    /// The relation as a verb phrase read from source to target.
    #[must_use]
    pub fn phrase(&self) -> String {
        let role = self.role.as_deref().map(str::to_lowercase);
        let base = match (self.kind.as_str(), role) {
            ("position", Some(r)) => r,
            ("position", None) => "held a post at".to_owned(),
            ("education", Some(r)) => format!("studied ({r}) at"),
            ("education", None) => "studied at".to_owned(),
            ("award", Some(r)) => format!("honoured ({r}) by"),
            ("award", None) => "honoured by".to_owned(),
            ("membership", Some(r)) => format!("{r} of"),
            ("membership", None) => "member of".to_owned(),
            ("collaboration", _) => "collaborates with".to_owned(),
            ("appointment", _) => "appointed by".to_owned(),
            ("served under", _) => match self.role.as_deref() {
                Some(r) => format!("served under (as {r})"),
                None => "served under".to_owned(),
            },
            (k, _) => k.to_owned(),
        };
        let y = self.years();
        if y.is_empty() { base } else { format!("{base} {y}") }
    }
}

/// The projection: an undirected petgraph graph whose edges remember their direction.
#[derive(Debug, Default)]
pub struct Projection {
    pub graph: UnGraph<usize, usize>,
    pub nodes: Vec<Node>,
    pub relations: Vec<Relation>,
    by_iri: HashMap<String, NodeIndex>,
}

const NODES: &str = r#"SELECT ?e ?label ?t (GROUP_CONCAT(?alt; SEPARATOR="\u001f") AS ?alts) WHERE {
  VALUES ?t { rel:Person rel:Organization rel:EducationalOrganization rel:MedicalOrganization rel:GovernmentOrganization rel:Company rel:NewsMedia rel:Committee rel:Legislation rel:Place }
  ?e a ?t ; rdfs:label ?label . OPTIONAL { ?e skos:altLabel ?alt } } GROUP BY ?e ?label ?t ORDER BY ?e ?t"#;

const QUALIFIED: &str = r#"SELECT ?kind ?a ?b ?role ?start ?end ?quote ?s ?e ?doc WHERE {
  { ?q a rel:Position ; rel:holder ?a ; rel:organization ?b . BIND("position" AS ?kind) OPTIONAL { ?q rel:role ?role } }
  UNION { ?q a rel:Position ; rel:holder ?a ; rel:underPresident ?b . BIND("served under" AS ?kind) OPTIONAL { ?q rel:role ?role } }
  UNION { ?q a rel:Education ; rel:student ?a ; rel:institution ?b . BIND("education" AS ?kind) OPTIONAL { ?q rel:degree ?role } }
  UNION { ?q a rel:Award ; rel:recipient ?a ; rel:conferredBy ?b . BIND("award" AS ?kind) OPTIONAL { ?q rel:honour ?role } }
  UNION { ?q a rel:Membership ; rel:member ?a ; rel:organization ?b . BIND("membership" AS ?kind) OPTIONAL { ?q rel:role ?role } }
  UNION { ?q a rel:Collaboration ; rel:participant ?a , ?b . FILTER(STR(?a) < STR(?b)) BIND("collaboration" AS ?kind) OPTIONAL { ?q rel:topic ?role } }
  UNION { ?q a rel:Appointment ; rel:appointee ?a ; rel:appointer ?b . BIND("appointment" AS ?kind) OPTIONAL { ?q rel:role ?role } }
  OPTIONAL { ?q rel:startDate ?start } OPTIONAL { ?q rel:endDate ?end } OPTIONAL { ?q rel:year ?start }
  OPTIONAL { ?q rel:evidenceQuote ?quote ; rel:evidenceStart ?s ; rel:evidenceEnd ?e ; rel:extractedFrom/rel:sourcePath ?doc }
} ORDER BY ?kind ?a ?b ?role ?start"#;

const DIRECT: &str = r#"SELECT ?kind ?a ?b WHERE {
  VALUES (?p ?kind) { (rel:partOf "part of") (rel:locatedIn "located in") (rel:signedBy "signed by") (rel:establishedBy "established by") }
  ?a ?p ?b . FILTER(isIRI(?b)) } ORDER BY ?kind ?a ?b"#;

fn text(t: Option<&Term>) -> Option<String> {
    match t? {
        Term::Literal(l) => Some(l.value().to_owned()),
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        other => Some(other.to_string()),
    }
}

fn year(t: Option<&Term>) -> Option<i32> {
    text(t)?.get(..4)?.parse().ok()
}

fn solutions(store: &Store, q: &str) -> Result<Vec<oxigraph::sparql::QuerySolution>> {
    match store.query(q, None, &[])? {
        QueryResults::Solutions(s) => s.map(|r| r.map_err(|e| Error::Query { message: e.to_string() })).collect(),
        _ => Ok(Vec::new()),
    }
}

/// Normalised form of a name for lookups: ASCII, lowercase, words only.
#[must_use]
pub fn norm(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

impl Projection {
    /// Projects the store.
    ///
    /// # Complexity
    /// Linear in the number of entity and relation triples (three SPARQL scans).
    ///
    /// # Errors
    /// The store cannot be queried.
    pub fn from_store(store: &Store) -> Result<Self> {
        let mut p = Projection::default();
        for s in solutions(store, NODES)? {
            let (Some(iri), Some(label)) = (text(s.get("e")), text(s.get("label"))) else { continue };
            let kind = text(s.get("t")).unwrap_or_default().rsplit('#').next().unwrap_or("").to_owned();
            let names: Vec<String> = text(s.get("alts")).map(|a| a.split('\u{1f}').filter(|x| !x.is_empty()).map(str::to_owned).collect()).unwrap_or_default();
            if let Some(&ix) = p.by_iri.get(&iri) {
                // the most specific type wins over rel:Organization
                let n = &mut p.nodes[p.graph[ix]];
                if n.kind == "Organization" {
                    n.kind = kind;
                }
                continue;
            }
            let id = p.nodes.len();
            p.nodes.push(Node { iri: iri.clone(), label, kind, names });
            let ix = p.graph.add_node(id);
            p.by_iri.insert(iri, ix);
        }
        for s in solutions(store, QUALIFIED)? {
            let (Some(a), Some(b), Some(kind)) = (text(s.get("a")), text(s.get("b")), text(s.get("kind"))) else { continue };
            let evidence = match (text(s.get("quote")), text(s.get("s")), text(s.get("e")), text(s.get("doc"))) {
                (Some(quote), Some(st), Some(en), Some(document)) => Some(Evidence { quote, start: st.parse().unwrap_or(0), end: en.parse().unwrap_or(0), document }),
                _ => None,
            };
            p.relate(&a, &b, Relation { kind, role: text(s.get("role")), start: year(s.get("start")), end: year(s.get("end")), evidence, source: NodeIndex::end(), target: NodeIndex::end() });
        }
        for s in solutions(store, DIRECT)? {
            let (Some(a), Some(b), Some(kind)) = (text(s.get("a")), text(s.get("b")), text(s.get("kind"))) else { continue };
            p.relate(&a, &b, Relation { kind, role: None, start: None, end: None, evidence: None, source: NodeIndex::end(), target: NodeIndex::end() });
        }
        Ok(p)
    }

    /// Builds a projection from hand-made parts (tests, benchmarks).
    #[must_use]
    pub fn from_parts(nodes: Vec<Node>, edges: Vec<(usize, usize, Relation)>) -> Self {
        let mut p = Projection::default();
        for n in nodes {
            let id = p.nodes.len();
            let ix = p.graph.add_node(id);
            p.by_iri.insert(n.iri.clone(), ix);
            p.nodes.push(n);
        }
        for (a, b, r) in edges {
            let (ia, ib) = (p.nodes[a].iri.clone(), p.nodes[b].iri.clone());
            p.relate(&ia, &ib, r);
        }
        p
    }

    fn relate(&mut self, a: &str, b: &str, mut r: Relation) {
        let (Some(&ia), Some(&ib)) = (self.by_iri.get(a), self.by_iri.get(b)) else { return };
        if ia == ib {
            return;
        }
        r.source = ia;
        r.target = ib;
        let id = self.relations.len();
        self.relations.push(r);
        self.graph.add_edge(ia, ib, id);
    }

    #[must_use]
    pub fn node(&self, ix: NodeIndex) -> &Node {
        &self.nodes[self.graph[ix]]
    }

    #[must_use]
    pub fn relation(&self, e: EdgeIndex) -> &Relation {
        &self.relations[self.graph[e]]
    }

    /// Finds an entity by label, alias, or an unambiguous part of a name (case- and
    /// accent-insensitive).
    ///
    /// # Errors
    /// No entity matches, or several do (the message lists them).
    pub fn find(&self, name: &str) -> Result<NodeIndex> {
        let q = norm(name);
        if q.is_empty() {
            return Err(Error::NotFound(format!("{name:?}: empty name; give a name, alias or part of one")));
        }
        let all: Vec<NodeIndex> = self.graph.node_indices().collect();
        let exact: Vec<NodeIndex> = all.iter().copied().filter(|&ix| {
            let n = self.node(ix);
            norm(&n.label) == q || n.names.iter().any(|a| norm(a) == q)
        }).collect();
        let pick = |hits: Vec<NodeIndex>| -> Result<Option<NodeIndex>> {
            match hits.len() {
                0 => Ok(None),
                1 => Ok(hits.first().copied()),
                _ => {
                    let mut names: Vec<String> = hits.iter().map(|&ix| format!("{} ({})", self.node(ix).label, self.node(ix).kind)).collect();
                    names.sort();
                    names.dedup();
                    if names.len() == 1 {
                        return Ok(hits.first().copied());
                    }
                    Err(Error::NotFound(format!("{name:?} is ambiguous: {}; give more of the name", names.join(", "))))
                }
            }
        };
        if let Some(ix) = pick(exact)? {
            return Ok(ix);
        }
        let words: Vec<&str> = q.split(' ').collect();
        let partial: Vec<NodeIndex> = all.into_iter().filter(|&ix| {
            let n = self.node(ix);
            std::iter::once(&n.label).chain(&n.names).any(|l| {
                let l = format!(" {} ", norm(l));
                words.iter().all(|w| l.contains(&format!(" {w} ")))
            })
        }).collect();
        match pick(partial)? {
            Some(ix) => Ok(ix),
            None => Err(Error::NotFound(format!("{name:?}: no entity has this name; try `relate query` with `.find`-style SELECT, or a shorter part of the name"))),
        }
    }
}

/// Path search options.
#[derive(Debug, Clone)]
pub struct Search {
    pub max_len: usize,
    pub limit: usize,
    pub via: Option<NodeIndex>,
    pub exclude_nodes: HashSet<NodeIndex>,
    pub exclude_kinds: HashSet<String>,
    pub max_degree: usize,
    pub during: Option<(i32, i32)>,
    pub directed: bool,
}

impl Default for Search {
    fn default() -> Self {
        Search { max_len: 4, limit: 1, via: None, exclude_nodes: HashSet::new(), exclude_kinds: HashSet::new(), max_degree: 200, during: None, directed: false }
    }
}

/// One step of a path: the edge and whether it was walked along its direction.
#[derive(Debug, Clone, Copy)]
pub struct Hop {
    pub edge: EdgeIndex,
    pub from: NodeIndex,
    pub to: NodeIndex,
}

/// A path as hops.
pub type Path = Vec<Hop>;

/// Most paths the enumeration collects before ranking; bounds time on dense graphs.
const MAX_CANDIDATES: usize = 2_000;
/// Most edge expansions per search.
const MAX_EXPANSIONS: usize = 2_000_000;

impl Projection {
    fn usable(&self, s: &Search, e: EdgeIndex, from: NodeIndex, to: NodeIndex, goal: NodeIndex) -> bool {
        let r = self.relation(e);
        if s.exclude_kinds.contains(&r.kind) || s.exclude_nodes.contains(&to) {
            return false;
        }
        if s.directed && r.source != from {
            return false;
        }
        if let Some((a, b)) = s.during {
            if !r.valid_during(a, b) {
                return false;
            }
        }
        // hubs are never passed through, only reached
        to == goal || self.graph.edges(to).count() <= s.max_degree
    }

    /// Shortest path by breadth-first search (first found edge per node).
    ///
    /// # Complexity
    /// O(V + E) time and O(V) memory.
    #[must_use]
    pub fn shortest(&self, a: NodeIndex, b: NodeIndex, s: &Search) -> Option<Path> {
        if a == b {
            return None;
        }
        let mut prev: HashMap<NodeIndex, Hop> = HashMap::new();
        let mut depth: HashMap<NodeIndex, usize> = HashMap::from([(a, 0)]);
        let mut queue = VecDeque::from([a]);
        while let Some(n) = queue.pop_front() {
            let d = depth[&n];
            if d >= s.max_len {
                continue;
            }
            for e in self.graph.edges(n) {
                let to = if e.source() == n { e.target() } else { e.source() };
                if depth.contains_key(&to) || !self.usable(s, e.id(), n, to, b) {
                    continue;
                }
                depth.insert(to, d + 1);
                prev.insert(to, Hop { edge: e.id(), from: n, to });
                if to == b {
                    let mut path = Vec::new();
                    let mut cur = b;
                    while cur != a {
                        let h = prev[&cur];
                        path.push(h);
                        cur = h.from;
                    }
                    path.reverse();
                    return Some(path);
                }
                queue.push_back(to);
            }
        }
        None
    }

    /// Up to `limit` paths, shortest first, then the ones whose intermediate entities differ
    /// most from those already chosen (top-k diversified).
    ///
    /// # Complexity
    /// Depth-first enumeration of simple paths of at most `max_len` hops, bounded by
    /// `MAX_EXPANSIONS` edge visits and `MAX_CANDIDATES` paths; ranking is O(k · candidates).
    #[must_use]
    pub fn paths(&self, a: NodeIndex, b: NodeIndex, s: &Search) -> Vec<Path> {
        if a == b || s.max_len == 0 {
            return Vec::new();
        }
        // distances to b bound the depth-first search: never step where b is out of reach
        let dist = self.distances(b, s);
        let mut found: Vec<Path> = Vec::new();
        let mut stack: Path = Vec::new();
        let mut on_path: HashSet<NodeIndex> = HashSet::from([a]);
        let mut budget = MAX_EXPANSIONS;
        self.dfs(a, b, s, &dist, &mut stack, &mut on_path, &mut found, &mut budget);
        if let Some(v) = s.via {
            found.retain(|p| p.iter().any(|h| h.to == v));
        }
        // merge parallel edges: a path is its node sequence
        found.sort_by_key(Vec::len);
        let mut seen: HashSet<Vec<NodeIndex>> = HashSet::new();
        found.retain(|p| seen.insert(p.iter().map(|h| h.to).collect()));
        let mut chosen: Vec<Path> = Vec::new();
        let mut used: HashSet<NodeIndex> = HashSet::new();
        while chosen.len() < s.limit && !found.is_empty() {
            let best = (0..found.len())
                .min_by_key(|&i| {
                    let inner = found[i].iter().map(|h| h.to).filter(|n| *n != b);
                    let shared = inner.filter(|n| used.contains(n)).count();
                    let order: Vec<usize> = found[i].iter().map(|h| h.to.index()).collect();
                    (found[i].len(), shared, order)
                })
                .unwrap_or(0);
            let p = found.remove(best);
            used.extend(p.iter().map(|h| h.to).filter(|n| *n != b));
            chosen.push(p);
        }
        chosen
    }

    fn distances(&self, b: NodeIndex, s: &Search) -> HashMap<NodeIndex, usize> {
        let mut dist = HashMap::from([(b, 0usize)]);
        let mut queue = VecDeque::from([b]);
        while let Some(n) = queue.pop_front() {
            let d = dist[&n];
            if d >= s.max_len {
                continue;
            }
            if n != b && self.graph.edges(n).count() > s.max_degree {
                continue;
            }
            for e in self.graph.edges(n) {
                let to = if e.source() == n { e.target() } else { e.source() };
                if let std::collections::hash_map::Entry::Vacant(e) = dist.entry(to) {
                    e.insert(d + 1);
                    queue.push_back(to);
                }
            }
        }
        dist
    }

    #[allow(clippy::too_many_arguments)]
    fn dfs(&self, n: NodeIndex, b: NodeIndex, s: &Search, dist: &HashMap<NodeIndex, usize>, stack: &mut Path, on_path: &mut HashSet<NodeIndex>, found: &mut Vec<Path>, budget: &mut usize) {
        if found.len() >= MAX_CANDIDATES || *budget == 0 {
            return;
        }
        for e in self.graph.edges(n) {
            *budget = budget.saturating_sub(1);
            let to = if e.source() == n { e.target() } else { e.source() };
            if on_path.contains(&to) || !self.usable(s, e.id(), n, to, b) {
                continue;
            }
            let remaining = s.max_len - stack.len() - 1;
            if dist.get(&to).is_none_or(|&d| d > remaining) {
                continue;
            }
            stack.push(Hop { edge: e.id(), from: n, to });
            if to == b {
                found.push(stack.clone());
            } else {
                on_path.insert(to);
                self.dfs(to, b, s, dist, stack, on_path, found, budget);
                on_path.remove(&to);
            }
            stack.pop();
        }
    }

    /// The entities within `depth` hops of `a`, with the edges between them.
    #[must_use]
    pub fn neighbourhood(&self, a: NodeIndex, depth: usize) -> Vec<Hop> {
        let mut seen = HashSet::from([a]);
        let mut queue = VecDeque::from([(a, 0usize)]);
        let mut hops = Vec::new();
        while let Some((n, d)) = queue.pop_front() {
            if d >= depth {
                continue;
            }
            for e in self.graph.edges(n) {
                let to = if e.source() == n { e.target() } else { e.source() };
                hops.push(Hop { edge: e.id(), from: n, to });
                if seen.insert(to) {
                    queue.push_back((to, d + 1));
                }
            }
        }
        hops
    }
}

/// Overlap of two relations' periods, when both are dated: "both during 2009–2016".
#[must_use]
pub fn overlap(a: &Relation, b: &Relation) -> Option<(i32, i32)> {
    let (s1, e1) = (a.start?, a.end.or(a.start)?);
    let (s2, e2) = (b.start?, b.end.or(b.start)?);
    let (s, e) = (s1.max(s2), e1.min(e2));
    (s <= e).then_some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(i: usize) -> Node {
        Node { iri: format!("urn:n{i}"), label: format!("N{i}"), kind: "Person".into(), names: vec![] }
    }

    fn rel(kind: &str, years: Option<(i32, i32)>) -> Relation {
        Relation { kind: kind.into(), role: None, start: years.map(|y| y.0), end: years.map(|y| y.1), evidence: None, source: NodeIndex::end(), target: NodeIndex::end() }
    }

    /// 0-1-2-3 chain plus a detour 0-4-5-3 and a hub 6 linked to everyone.
    fn sample(hub_links: usize) -> Projection {
        let nodes = (0..7).map(node).collect();
        let mut edges = vec![
            (0, 1, rel("position", Some((2000, 2005)))),
            (1, 2, rel("position", Some((2003, 2010)))),
            (2, 3, rel("position", None)),
            (0, 4, rel("membership", Some((1990, 1995)))),
            (4, 5, rel("award", None)),
            (5, 3, rel("position", None)),
        ];
        for i in 0..hub_links.min(6) {
            edges.push((6, i, rel("membership", None)));
        }
        Projection::from_parts(nodes, edges)
    }

    #[test]
    fn shortest_path_and_diversified_alternatives() {
        let p = sample(0);
        let s = Search { limit: 2, ..Search::default() };
        let (a, b) = (NodeIndex::new(0), NodeIndex::new(3));
        assert_eq!(p.shortest(a, b, &s).unwrap().len(), 3);
        let paths = p.paths(a, b, &s);
        assert_eq!(paths.len(), 2);
        let inner: Vec<Vec<usize>> = paths.iter().map(|x| x.iter().map(|h| h.to.index()).collect()).collect();
        assert_eq!(inner, vec![vec![1, 2, 3], vec![4, 5, 3]]);
    }

    #[test]
    fn hubs_are_skipped_and_max_len_bounds_the_search() {
        let p = sample(6);
        let (a, b) = (NodeIndex::new(0), NodeIndex::new(3));
        // through the hub the path is 2 hops; with a low max degree it is not used
        let s = Search { max_degree: 100, ..Search::default() };
        assert_eq!(p.shortest(a, b, &s).unwrap().len(), 2);
        let s = Search { max_degree: 3, ..Search::default() };
        assert_eq!(p.shortest(a, b, &s).unwrap().len(), 3);
        let s = Search { max_len: 2, max_degree: 3, ..Search::default() };
        assert!(p.shortest(a, b, &s).is_none());
        assert!(p.paths(a, b, &s).is_empty());
    }

    #[test]
    fn time_filter_keeps_only_relations_valid_then() {
        let p = sample(0);
        let (a, b) = (NodeIndex::new(0), NodeIndex::new(3));
        // in 1992 the chain's first edge (2000-2005) is not valid; the detour (1990-1995) is
        let s = Search { during: Some((1992, 1992)), ..Search::default() };
        let path = p.shortest(a, b, &s).unwrap();
        assert_eq!(path[0].to.index(), 4);
        let s = Search { during: Some((2020, 2021)), ..Search::default() };
        assert!(p.shortest(a, b, &s).is_none());
    }

    #[test]
    fn directed_search_follows_edge_direction() {
        let p = sample(0);
        let s = Search { directed: true, ..Search::default() };
        assert!(p.shortest(NodeIndex::new(0), NodeIndex::new(3), &s).is_some());
        assert!(p.shortest(NodeIndex::new(3), NodeIndex::new(0), &s).is_none());
    }

    #[test]
    fn overlap_of_periods() {
        assert_eq!(overlap(&rel("x", Some((2000, 2005))), &rel("y", Some((2003, 2010)))), Some((2003, 2005)));
        assert_eq!(overlap(&rel("x", Some((2000, 2001))), &rel("y", Some((2003, 2010)))), None);
    }

    #[test]
    fn names_resolve_by_label_alias_or_unambiguous_part() {
        let mut n = vec![node(0), node(1)];
        n[0].label = "José D. Álvarez".into();
        n[1].label = "Ana Álvarez".into();
        n[1].names = vec!["Dr. Álvarez".into()];
        let p = Projection::from_parts(n, vec![]);
        assert_eq!(p.find("jose alvarez").unwrap().index(), 0);
        assert_eq!(p.find("dr. alvarez").unwrap().index(), 1);
        assert!(matches!(p.find("Álvarez"), Err(Error::NotFound(m)) if m.contains("ambiguous")));
        assert!(p.find("nobody").is_err());
    }
}
