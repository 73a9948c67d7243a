//! Path search over the projection: shortest path by bidirectional breadth-first search, top-k
//! diversified paths by bounded depth-first enumeration, and neighbourhoods. Every search obeys
//! the same rules ([`Search`]): relation kinds and entities left out, the hub rule, a time
//! window, edge direction; and every search is bounded in edge visits, paths collected and
//! wall-clock time, so no query runs away.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::{index_u32, overlap, Projection, Relation, RelationKind};

/// Path search options. `Search::default()` is what `relate path A B` does without options.
#[derive(Debug, Clone)]
pub struct Search {
    /// Longest path, in hops.
    pub max_len: usize,
    /// How many paths to return.
    pub limit: usize,
    /// Only paths through this entity (exempt from the hub rule).
    pub via: Option<NodeIndex>,
    /// Entities never passed through.
    pub exclude_nodes: HashSet<NodeIndex>,
    /// Relation kinds never followed.
    pub exclude_kinds: HashSet<RelationKind>,
    /// Hub rule: an entity related to more than this many distinct entities is never passed
    /// through (it can still be where a path starts or ends).
    pub max_degree: usize,
    /// Keep only relations valid at some time in this closed range of years.
    pub during: Option<(i32, i32)>,
    /// Follow relations only from their subject to their object.
    pub directed: bool,
    /// Give up (returning what was found) after this long.
    pub time_limit: Duration,
}

/// Default `--max-degree`. The demo's most connected entity has about 40 neighbours; in a
/// million-triple graph a president or a large university has thousands, and passing through
/// one makes nearly every pair "connected" in two hops.
pub const DEFAULT_MAX_DEGREE: usize = 200;

impl Default for Search {
    fn default() -> Self {
        Search {
            max_len: 4,
            limit: 1,
            via: None,
            exclude_nodes: HashSet::new(),
            exclude_kinds: HashSet::new(),
            max_degree: DEFAULT_MAX_DEGREE,
            during: None,
            directed: false,
            time_limit: Duration::from_secs(5),
        }
    }
}

/// One step of a path: the relation used and the direction it was walked in (`from` is the
/// relation's source when the hop follows the relation's direction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hop {
    /// The relation walked.
    pub edge: EdgeIndex,
    /// The entity the hop leaves.
    pub from: NodeIndex,
    /// The entity the hop reaches.
    pub to: NodeIndex,
}

/// A path as hops, from the first entity to the last.
pub type Path = Vec<Hop>;

/// What a search found, and whether a bound stopped it early.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The paths found, shortest first.
    pub paths: Vec<Path>,
    /// The edge, path or time budget ran out: there may be paths not considered.
    pub truncated: bool,
}

/// Most paths collected before ranking.
const MAX_CANDIDATES: usize = 5_000;
/// Most edge visits per search.
const MAX_EXPANSIONS: usize = 5_000_000;
/// Most relations a neighbourhood lists.
pub const MAX_NEIGHBOURHOOD: usize = 2_000;

/// Edge-visit and time budget shared by the phases of one search.
struct Budget {
    left: usize,
    deadline: Instant,
    exhausted: bool,
}

impl Budget {
    fn new(s: &Search) -> Self {
        Budget { left: MAX_EXPANSIONS, deadline: Instant::now() + s.time_limit, exhausted: false }
    }

    /// Counts one edge visit; false once the budget is spent.
    fn tick(&mut self) -> bool {
        self.spend(1)
    }

    /// Counts `n` edge visits at once (a row of the adjacency about to be scanned); false once
    /// the budget is spent (the clock is read each time 4096 more are counted).
    fn spend(&mut self, n: usize) -> bool {
        if self.exhausted {
            return false;
        }
        let before = self.left;
        self.left = self.left.saturating_sub(n);
        if self.left == 0 || (before / 4096 != self.left / 4096 && Instant::now() >= self.deadline) {
            self.exhausted = true;
        }
        !self.exhausted
    }
}

const START: u32 = u32::MAX;
const UNREACHED: u32 = u32::MAX;

/// Visit marks of the bidirectional search: per entity and side, the parent entity + 1 on that
/// side (0: not reached; `START` for the side's start), both sides side by side so a visit
/// reads one cache line. Kept per thread and cleared entry by entry after each search, so a
/// search costs what it visits, not the size of the graph.
#[derive(Default)]
struct Scratch {
    marks: Vec<[u32; 2]>,
    touched: Vec<usize>,
    /// Frontiers, kept for their capacity.
    fronts: [Vec<usize>; 3],
}

impl Scratch {
    fn prepare(&mut self, n: usize) {
        if self.marks.len() < n {
            self.marks.resize(n, [0; 2]);
        }
    }

    fn reset(&mut self) {
        for &x in &self.touched {
            self.marks[x] = [0; 2];
        }
        self.touched.clear();
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// The rules of one search, applied to edges and nodes.
struct Rules<'a> {
    p: &'a Projection,
    s: &'a Search,
    /// Does any rule look at edges? (Skips the checks on the common, unfiltered search.)
    edges: bool,
    /// Does any rule look at entities? (No exclusions and no entity above the hub limit: no.)
    nodes: bool,
}

impl<'a> Rules<'a> {
    fn new(p: &'a Projection, s: &'a Search) -> Self {
        Rules {
            p,
            s,
            edges: !s.exclude_kinds.is_empty() || s.directed || s.during.is_some(),
            nodes: !s.exclude_nodes.is_empty() || p.max_degree() > s.max_degree,
        }
    }

    /// May the relation `e` be walked from `at` to its other end? `forward` is false when the
    /// search runs backwards from the goal, so the real walk goes the other way.
    #[inline]
    fn edge(&self, e: u32, at: usize, forward: bool) -> bool {
        if !self.edges {
            return true;
        }
        let r: &Relation = &self.p.relations[self.p.graph[EdgeIndex::new(e as usize)]];
        if self.s.exclude_kinds.contains(&r.kind) {
            return false;
        }
        if self.s.directed {
            let end = if forward { r.source } else { r.target };
            if end.index() != at {
                return false;
            }
        }
        self.s.during.is_none_or(|(a, b)| r.valid_during(a, b))
    }

    /// May a path enter `m`? The goal always; otherwise not an excluded entity nor a hub.
    #[inline]
    fn node(&self, m: usize, goal: usize) -> bool {
        if !self.nodes || m == goal {
            return true;
        }
        let ix = NodeIndex::new(m);
        if !self.s.exclude_nodes.is_empty() && self.s.exclude_nodes.contains(&ix) {
            return false;
        }
        self.p.degree(ix) <= self.s.max_degree || self.s.via == Some(ix)
    }
}

impl Projection {
    /// A shortest path from `a` to `b` under the search's rules, or `None` (also when `a == b`
    /// or no path has at most `max_len` hops). Parallel relations are chosen as in
    /// [`Projection::search`].
    ///
    /// # Complexity
    /// Bidirectional breadth-first search, always expanding the frontier with fewer relations
    /// to scan and stopping at the first meeting (which is a shortest path, as in networkx):
    /// O(b^(d/2)) edge visits for branching factor b and distance d, against O(b^d) for a
    /// one-directional search (30–70× fewer on a million-triple graph); per thread, a parent
    /// per entity and side, kept between searches and cleared entity by entity. Bounded by the
    /// search's edge and time budget.
    #[must_use]
    pub fn shortest(&self, a: NodeIndex, b: NodeIndex, s: &Search) -> Option<Path> {
        let mut budget = Budget::new(s);
        let nodes = self.bidirectional(a.index(), b.index(), s, &mut budget)?;
        Some(self.choose_edges(&nodes, s))
    }

    /// Node sequence of a shortest path (bidirectional BFS), using this thread's scratch marks.
    fn bidirectional(&self, a: usize, b: usize, s: &Search, budget: &mut Budget) -> Option<Vec<usize>> {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.bidirectional_in(a, b, s, budget, &mut scratch),
            Err(_) => self.bidirectional_in(a, b, s, budget, &mut Scratch::default()),
        })
    }

    fn bidirectional_in(
        &self,
        a: usize,
        b: usize,
        s: &Search,
        budget: &mut Budget,
        sc: &mut Scratch,
    ) -> Option<Vec<usize>> {
        let n = self.nodes.len();
        if a == b || a >= n || b >= n || s.max_len == 0 {
            return None;
        }
        sc.prepare(n);
        let found = self.meet(a, b, s, budget, sc);
        sc.reset();
        found
    }

    fn meet(&self, a: usize, b: usize, s: &Search, budget: &mut Budget, sc: &mut Scratch) -> Option<Vec<usize>> {
        let rules = Rules::new(self, s);
        let Scratch { marks, touched, fronts } = sc;
        marks[a][0] = START;
        marks[b][1] = START;
        touched.extend([a, b]);
        let [front_f, front_b, next] = fronts;
        // `next` is only ever grown, never cleared: entities reached are written at next[len]
        front_f.clear();
        front_b.clear();
        front_f.push(a);
        front_b.push(b);
        // relations to scan from each frontier: the side with fewer is expanded next (fewer
        // edge visits than choosing by entities when hubs are about)
        let (mut cost_f, mut cost_b) = (self.adjacent(a).len(), self.adjacent(b).len());
        let mut k = [0usize; 2];
        let filtered = rules.edges || rules.nodes;
        loop {
            if front_f.is_empty() || front_b.is_empty() || k[0] + k[1] >= s.max_len {
                return None;
            }
            let forward = cost_f <= cost_b;
            let (side, other, front, goal) = if forward { (0, 1, &*front_f, b) } else { (1, 0, &*front_b, a) };
            // (this side, other side)
            let mut meeting: Option<(usize, usize)> = None;
            // entities reached are written at next[len] and counted only when new, without a
            // branch: whether an entity was seen is the least predictable test of the search
            let mut len = 0;
            let mut spent = false;
            'expand: for &x in front {
                let row = self.adjacent(x);
                if !budget.spend(row.len()) {
                    spent = true;
                    break;
                }
                if next.len() < len + row.len() {
                    next.resize(len + row.len(), 0);
                }
                let parent = index_u32(x) + 1;
                for &(m, e) in row {
                    let m = m as usize;
                    let mark = marks[m];
                    if filtered && (mark[side] != 0 || !rules.edge(e, x, forward) || !rules.node(m, goal)) {
                        continue;
                    }
                    let fresh = mark[side] == 0;
                    if fresh && mark[other] != 0 {
                        // the first meeting is a shortest path, of k[0] + k[1] + 1 ≤ max_len hops
                        // (m is on the other side's frontier): had a shorter one existed, the two
                        // searches would have met a level earlier
                        meeting = Some((x, m));
                        break 'expand;
                    }
                    marks[m][side] = if fresh { parent } else { mark[side] };
                    next[len] = m;
                    len += usize::from(fresh);
                }
            }
            // every entity marked is listed, so the marks can be cleared after the search
            let reached = &next[..len];
            touched.extend_from_slice(reached);
            if spent {
                return None;
            }
            if let Some((x, m)) = meeting {
                let (near, far) = if forward { (x, m) } else { (m, x) };
                let mut path = Vec::with_capacity(k[0] + k[1] + 2);
                chain(near, marks, 0, &mut path);
                path.reverse();
                chain(far, marks, 1, &mut path);
                return Some(path);
            }
            k[side] += 1;
            let cost = reached.iter().map(|&m| self.adjacent(m).len()).sum();
            let front = if forward { &mut *front_f } else { &mut *front_b };
            front.clear();
            front.extend_from_slice(reached);
            if forward {
                cost_f = cost;
            } else {
                cost_b = cost;
            }
        }
    }

    /// Hop counts to `t` (walking relations backwards when directed), up to `max_len`.
    fn distances(&self, t: usize, goal: usize, s: &Search, budget: &mut Budget) -> Vec<u32> {
        let rules = Rules::new(self, s);
        let mut dist = vec![UNREACHED; self.nodes.len()];
        dist[t] = 0;
        let mut front = vec![t];
        let mut next = Vec::new();
        for k in 0..s.max_len {
            next.clear();
            for &x in &front {
                if x != t && x == goal {
                    continue;
                }
                for &(m, e) in self.adjacent(x) {
                    if !budget.tick() {
                        return dist;
                    }
                    let m = m as usize;
                    if dist[m] != UNREACHED || !rules.edge(e, x, false) || !rules.node(m, goal) {
                        continue;
                    }
                    dist[m] = u32::try_from(k + 1).unwrap_or(UNREACHED);
                    next.push(m);
                }
            }
            std::mem::swap(&mut front, &mut next);
        }
        dist
    }

    /// Up to `limit` paths; see [`Projection::search`].
    #[must_use]
    pub fn paths(&self, a: NodeIndex, b: NodeIndex, s: &Search) -> Vec<Path> {
        self.search(a, b, s).paths
    }

    /// Up to `s.limit` paths from `a` to `b`, ranked by length, then by how much their
    /// intermediate entities differ from the paths already chosen (top-k diversified, as JEDI
    /// does), then preferring hops with evidence (qualified relations: the loaders give each
    /// its quote; bare edges such as `rel:partOf` have none). Between two entities with several
    /// relations, each hop uses the one that best fits its neighbours in time (then: has
    /// evidence, is dated).
    ///
    /// # Complexity
    /// One backward BFS for distances to `b` (and to `via`), O(V + E); then depth-first
    /// enumeration of simple paths of exactly L hops for L from the shortest length up, pruned
    /// by those distances, until `limit` paths are found: output-sensitive, bounded by
    /// `MAX_EXPANSIONS` edge visits, `MAX_CANDIDATES` paths and the time limit. Ranking is
    /// O(k · C · L) for C candidates. Without `via` and with `limit` 1 it is one bidirectional
    /// BFS.
    #[must_use]
    pub fn search(&self, a: NodeIndex, b: NodeIndex, s: &Search) -> Outcome {
        let (ai, bi) = (a.index(), b.index());
        if a == b || s.max_len == 0 || s.limit == 0 || ai >= self.nodes.len() || bi >= self.nodes.len() {
            return Outcome::default();
        }
        let mut budget = Budget::new(s);
        if s.via.is_none() && s.limit == 1 {
            let found = self.bidirectional(ai, bi, s, &mut budget);
            return Outcome {
                paths: found.map(|n| self.choose_edges(&n, s)).into_iter().collect(),
                truncated: budget.exhausted,
            };
        }
        let dist_b = self.distances(bi, ai, s, &mut budget);
        let via = match s.via.map(NodeIndex::index) {
            Some(v) if v == ai || v == bi => None,
            Some(v) => {
                let dist_v = self.distances(v, ai, s, &mut budget);
                let (to_v, v_to_b) = (dist_v[ai], dist_b[v]);
                if to_v == UNREACHED || v_to_b == UNREACHED {
                    return Outcome { paths: Vec::new(), truncated: budget.exhausted };
                }
                Some((v, dist_v, v_to_b))
            }
            None => None,
        };
        let lower = match &via {
            Some((_, dist_v, v_to_b)) => dist_v[ai] as usize + *v_to_b as usize,
            None if dist_b[ai] == UNREACHED => return Outcome { paths: Vec::new(), truncated: budget.exhausted },
            None => dist_b[ai] as usize,
        };
        let mut pool: Vec<Vec<usize>> = Vec::new();
        let mut walk = Walk {
            rules: Rules::new(self, s),
            b: bi,
            dist_b: &dist_b,
            via: via.as_ref().map(|(v, d, vb)| (*v, d.as_slice(), *vb)),
            on_path: vec![false; self.nodes.len()],
            nodes: vec![ai],
            pool: &mut pool,
            budget: &mut budget,
            len: 0,
        };
        walk.on_path[ai] = true;
        for len in lower.max(1)..=s.max_len {
            walk.len = len;
            walk.dfs(ai, via.as_ref().is_some_and(|(v, _, _)| *v == ai));
            if walk.pool.len() >= s.limit || walk.budget.exhausted || walk.pool.len() >= MAX_CANDIDATES {
                break;
            }
        }
        let truncated = budget.exhausted || pool.len() >= MAX_CANDIDATES;
        Outcome { paths: self.rank(pool, s), truncated }
    }

    /// Greedy top-k diversified choice among candidate node sequences: each round takes the
    /// shortest candidate, among those the one sharing fewest intermediate entities with the
    /// paths already chosen, then the one with fewest hops lacking evidence, then the first in
    /// node order (so the choice is the same for the same store).
    fn rank(&self, mut pool: Vec<Vec<usize>>, s: &Search) -> Vec<Path> {
        pool.sort_by(|x, y| x.len().cmp(&y.len()).then_with(|| x.cmp(y)));
        pool.dedup();
        let mut candidates: Vec<(Vec<usize>, Path, usize)> = pool
            .into_iter()
            .map(|nodes| {
                let path = self.choose_edges(&nodes, s);
                let bare = path.iter().filter(|h| self.relation(h.edge).statement.is_none()).count();
                (nodes, path, bare)
            })
            .collect();
        let mut chosen: Vec<Path> = Vec::new();
        let mut used: HashSet<usize> = HashSet::new();
        while chosen.len() < s.limit && !candidates.is_empty() {
            let best = (0..candidates.len())
                .min_by_key(|&i| {
                    let (nodes, _, bare) = &candidates[i];
                    let shared = nodes[1..nodes.len() - 1].iter().filter(|n| used.contains(n)).count();
                    (nodes.len(), shared, *bare, i)
                })
                .unwrap_or(0);
            let (nodes, path, _) = candidates.remove(best);
            used.extend(nodes[1..nodes.len() - 1].iter().copied());
            chosen.push(path);
        }
        chosen
    }

    /// Turns a node sequence into hops, choosing among parallel relations: the most
    /// consecutive hops that overlap in time, then evidence, then dates, then the longest
    /// overlaps (dynamic programming over the hops).
    fn choose_edges(&self, nodes: &[usize], s: &Search) -> Path {
        let rules = Rules::new(self, s);
        // the common case: one usable relation per hop, nothing to choose
        if !rules.edges {
            let mut hops = Vec::with_capacity(nodes.len().saturating_sub(1));
            for w in nodes.windows(2) {
                match self.between_raw(w[0], w[1]) {
                    [(_, e)] => hops.push(Hop {
                        edge: EdgeIndex::new(*e as usize),
                        from: NodeIndex::new(w[0]),
                        to: NodeIndex::new(w[1]),
                    }),
                    _ => break,
                }
            }
            if hops.len() + 1 == nodes.len() {
                return hops;
            }
        }
        let options: Vec<Vec<u32>> = nodes
            .windows(2)
            .map(|w| {
                let usable: Vec<u32> =
                    self.between_raw(w[0], w[1]).iter().map(|p| p.1).filter(|&e| rules.edge(e, w[0], true)).collect();
                usable
            })
            .collect();
        let rel = |e: u32| &self.relations[self.graph[EdgeIndex::new(e as usize)]];
        // weights make the criteria lexicographic: an overlap outweighs any evidence, evidence
        // any dates, dates any overlap length (capped at 100 years)
        let quality = |e: u32| {
            let r = rel(e);
            1_000 * usize::from(r.statement.is_some()) + 200 * usize::from(r.period().is_some())
        };
        let fits = |a: u32, b: u32| {
            overlap(rel(a), rel(b))
                .map_or(0, |(s, e)| 100_000 + usize::try_from(i64::from(e) - i64::from(s)).unwrap_or(0).min(100))
        };
        // score[i][j]: best score of hops 0..=i ending with options[i][j]; from[i][j]: the choice at i-1
        let mut score: Vec<Vec<usize>> = Vec::with_capacity(options.len());
        let mut from: Vec<Vec<usize>> = Vec::with_capacity(options.len());
        for (i, opts) in options.iter().enumerate() {
            let mut row = Vec::with_capacity(opts.len());
            let mut back = Vec::with_capacity(opts.len());
            for &e in opts {
                let (best, arg) = if i == 0 {
                    (0, 0)
                } else {
                    options[i - 1]
                        .iter()
                        .enumerate()
                        .map(|(k, &prev)| (score[i - 1][k] + fits(prev, e), k))
                        .fold((0, 0), |acc, x| if x.0 > acc.0 { x } else { acc })
                };
                row.push(best + quality(e));
                back.push(arg);
            }
            score.push(row);
            from.push(back);
        }
        let mut pick = vec![0usize; options.len()];
        if let Some(last) = score.last() {
            let mut j = last.iter().enumerate().fold((0, 0), |acc, (k, &v)| if v > acc.1 { (k, v) } else { acc }).0;
            for i in (0..options.len()).rev() {
                pick[i] = j;
                j = from[i].get(j).copied().unwrap_or(0);
            }
        }
        nodes
            .windows(2)
            .enumerate()
            .filter_map(|(i, w)| {
                let e = *options[i].get(pick[i])?;
                Some(Hop { edge: EdgeIndex::new(e as usize), from: NodeIndex::new(w[0]), to: NodeIndex::new(w[1]) })
            })
            .collect()
    }

    /// The relations within `depth` hops of `a`, breadth first (one hop per relation, walked
    /// away from `a`), under the search's rules except direction: hubs are shown but not
    /// expanded. At most
    /// `MAX_NEIGHBOURHOOD` relations.
    ///
    /// # Complexity
    /// O(V + E) of the part of the graph within `depth` hops.
    #[must_use]
    pub fn neighbourhood(&self, a: NodeIndex, depth: usize, s: &Search) -> Outcome {
        // a neighbourhood shows relations both ways
        let undirected = Search { directed: false, ..s.clone() };
        let rules = Rules::new(self, &undirected);
        let mut hops = Vec::new();
        if a.index() >= self.nodes.len() {
            return Outcome::default();
        }
        let mut seen = vec![false; self.nodes.len()];
        let mut listed: HashSet<u32> = HashSet::new();
        seen[a.index()] = true;
        let mut front = vec![a.index()];
        let mut truncated = false;
        for _ in 0..depth {
            let mut next = Vec::new();
            for &x in &front {
                if x != a.index()
                    && (self.degree(NodeIndex::new(x)) > s.max_degree || s.exclude_nodes.contains(&NodeIndex::new(x)))
                {
                    continue;
                }
                for &(m, e) in self.adjacent(x) {
                    let m = m as usize;
                    if listed.contains(&e) || !rules.edge(e, x, true) || s.exclude_nodes.contains(&NodeIndex::new(m)) {
                        continue;
                    }
                    if hops.len() >= MAX_NEIGHBOURHOOD {
                        truncated = true;
                        break;
                    }
                    listed.insert(e);
                    hops.push(Hop { edge: EdgeIndex::new(e as usize), from: NodeIndex::new(x), to: NodeIndex::new(m) });
                    if !seen[m] {
                        seen[m] = true;
                        next.push(m);
                    }
                }
            }
            front = next;
        }
        Outcome { paths: vec![hops], truncated }
    }
}

/// State of the depth-first enumeration of paths of exactly `len` hops.
struct Walk<'a> {
    rules: Rules<'a>,
    b: usize,
    dist_b: &'a [u32],
    /// (via, distances to via, distance from via to b)
    via: Option<(usize, &'a [u32], u32)>,
    on_path: Vec<bool>,
    nodes: Vec<usize>,
    pool: &'a mut Vec<Vec<usize>>,
    budget: &'a mut Budget,
    len: usize,
}

impl Walk<'_> {
    fn dfs(&mut self, x: usize, through_via: bool) {
        let need = self.len - (self.nodes.len() - 1) - 1; // hops left after this step
        let p = self.rules.p;
        let row = p.adjacent(x);
        let mut i = 0;
        while i < row.len() {
            let m = row[i].0 as usize;
            // one step per distinct neighbour, through the first usable parallel relation
            let group_end = i + row[i..].iter().take_while(|q| q.0 as usize == m).count();
            let mut usable = false;
            for &(_, e) in &row[i..group_end] {
                if !self.budget.tick() {
                    return;
                }
                if self.rules.edge(e, x, true) {
                    usable = true;
                    break;
                }
            }
            i = group_end;
            if !usable || self.on_path[m] || !self.rules.node(m, self.b) {
                continue;
            }
            if m == self.b {
                if need == 0 && (through_via || self.via.is_none()) {
                    let mut found = self.nodes.clone();
                    found.push(m);
                    self.pool.push(found);
                    if self.pool.len() >= MAX_CANDIDATES {
                        self.budget.exhausted = true;
                        return;
                    }
                }
                continue;
            }
            if need == 0 {
                continue;
            }
            let via_now = through_via || self.via.is_some_and(|(v, _, _)| v == m);
            let bound = match self.via {
                Some((_, dist_v, v_to_b)) if !via_now => dist_v[m].saturating_add(v_to_b),
                _ => self.dist_b[m],
            };
            if bound as usize > need {
                continue;
            }
            self.on_path[m] = true;
            self.nodes.push(m);
            self.dfs(m, via_now);
            self.nodes.pop();
            self.on_path[m] = false;
            if self.budget.exhausted {
                return;
            }
        }
    }
}

/// Appends the entities from `x` back to the start of side `side`, following parent marks.
fn chain(mut x: usize, marks: &[[u32; 2]], side: usize, out: &mut Vec<usize>) {
    out.push(x);
    while let Some(&mark) = marks.get(x) {
        let parent = mark[side];
        if parent == START || parent == 0 {
            break;
        }
        x = (parent - 1) as usize;
        out.push(x);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Node, Relation, RelationKind};
    use super::*;

    fn node(i: usize) -> Node {
        Node { iri: format!("urn:n{i}"), label: format!("N{i}"), kind: "Person".into(), names: vec![] }
    }

    fn rel(kind: RelationKind, years: Option<(i32, i32)>) -> Relation {
        Relation { start: years.map(|y| y.0), end: years.map(|y| y.1), ..Relation::new(kind) }
    }

    fn ix(i: usize) -> NodeIndex {
        NodeIndex::new(i)
    }

    fn inner(path: &Path) -> Vec<usize> {
        path.iter().map(|h| h.to.index()).collect()
    }

    /// 0-1-2-3 chain, a detour 0-4-5-3, and a hub 6 linked to the first `hub_links` nodes.
    fn sample(hub_links: usize) -> Projection {
        let nodes = (0..7).map(node).collect();
        let mut edges = vec![
            (0, 1, rel(RelationKind::Position, Some((2000, 2005)))),
            (1, 2, rel(RelationKind::Position, Some((2003, 2010)))),
            (2, 3, rel(RelationKind::Position, None)),
            (0, 4, rel(RelationKind::Membership, Some((1990, 1995)))),
            (4, 5, rel(RelationKind::Award, None)),
            (5, 3, rel(RelationKind::Position, None)),
        ];
        for i in 0..hub_links.min(6) {
            edges.push((6, i, rel(RelationKind::Membership, None)));
        }
        Projection::from_parts(nodes, edges)
    }

    /// A grid of `w` × `h` nodes, each linked to its right and lower neighbour.
    fn grid(w: usize, h: usize) -> Projection {
        let mut edges = Vec::new();
        for y in 0..h {
            for x in 0..w {
                let i = y * w + x;
                if x + 1 < w {
                    edges.push((i, i + 1, rel(RelationKind::Position, None)));
                }
                if y + 1 < h {
                    edges.push((i, i + w, rel(RelationKind::Position, None)));
                }
            }
        }
        Projection::from_parts((0..w * h).map(node).collect(), edges)
    }

    #[test]
    fn shortest_path_and_diversified_alternatives() {
        let p = sample(0);
        let s = Search { limit: 2, ..Search::default() };
        let (a, b) = (ix(0), ix(3));
        assert_eq!(p.shortest(a, b, &s).unwrap().len(), 3);
        let paths = p.paths(a, b, &s);
        assert_eq!(paths.iter().map(inner).collect::<Vec<_>>(), vec![vec![1, 2, 3], vec![4, 5, 3]]);
        // hops are connected: each starts where the previous ended
        for path in &paths {
            assert_eq!(path[0].from, a);
            assert!(path.windows(2).all(|w| w[0].to == w[1].from));
        }
    }

    #[test]
    fn bidirectional_bfs_matches_known_distances_on_a_grid() {
        let p = grid(7, 5);
        let s = Search { max_len: 20, ..Search::default() };
        for (a, b, d) in [(0, 34, 10), (0, 6, 6), (3, 31, 4), (8, 8 + 7 + 1, 2), (34, 0, 10)] {
            let path = p.shortest(ix(a), ix(b), &s).unwrap_or_else(|| panic!("{a}->{b}"));
            assert_eq!(path.len(), d, "{a}->{b}");
            assert_eq!(path.first().unwrap().from, ix(a));
            assert_eq!(path.last().unwrap().to, ix(b));
            assert!(path.windows(2).all(|w| w[0].to == w[1].from));
        }
        assert!(p.shortest(ix(0), ix(34), &Search { max_len: 9, ..Search::default() }).is_none());
        assert!(p.shortest(ix(0), ix(0), &s).is_none());
    }

    #[test]
    fn a_search_stopped_by_its_budget_leaves_no_marks_for_the_next() {
        // corner to corner of a 120 × 120 grid: far more than 4096 edge visits, so a search
        // with no time left stops part-way through a level
        let p = grid(120, 120);
        let far = 120 * 120 - 1;
        let stopped = Search { max_len: 300, time_limit: Duration::ZERO, ..Search::default() };
        assert!(p.shortest(ix(0), ix(far), &stopped).is_none(), "stopped by the clock");
        let s = Search { max_len: 300, ..Search::default() };
        assert_eq!(p.shortest(ix(0), ix(far), &s).map(|x| x.len()), Some(238));
        assert_eq!(p.shortest(ix(0), ix(121), &s).map(|x| x.len()), Some(2));
        assert_eq!(p.shortest(ix(far), ix(0), &s).map(|x| x.len()), Some(238));
    }

    #[test]
    fn bidirectional_bfs_agrees_with_plain_bfs_on_random_graphs() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for round in 0..20 {
            let n = 30 + round * 10;
            let edges: Vec<(usize, usize, Relation)> =
                (0..n + n / 3).map(|_| (next(n), next(n), rel(RelationKind::Collaboration, None))).collect();
            let p = Projection::from_parts((0..n).map(node).collect(), edges);
            // the hub rule, a short max_len, edge direction (sides expanded in any order)
            let s = match round % 3 {
                0 => Search { max_len: 12, max_degree: 4, ..Search::default() },
                1 => Search { max_len: 3, max_degree: usize::MAX, ..Search::default() },
                _ => Search { max_len: 12, max_degree: 5, directed: true, ..Search::default() },
            };
            for _ in 0..30 {
                let (a, b) = (next(n), next(n));
                let mut budget = Budget::new(&s);
                let d = p.distances(b, a, &s, &mut budget)[a];
                let found = p.shortest(ix(a), ix(b), &s);
                if a == b {
                    assert!(found.is_none());
                } else if d == UNREACHED {
                    assert!(found.is_none(), "{a}->{b} found but unreachable");
                } else {
                    let path = found.unwrap_or_else(|| panic!("{a}->{b} at {d} not found"));
                    assert_eq!(path.len(), d as usize, "{a}->{b}");
                    assert!(
                        path.iter().skip(1).all(|h| p.degree(h.from) <= s.max_degree),
                        "hubs are not passed through"
                    );
                    assert!(path.windows(2).all(|w| w[0].to == w[1].from), "{a}->{b}: hops join up");
                    if s.directed {
                        assert!(path.iter().all(|h| p.relation(h.edge).source == h.from), "{a}->{b}: edge direction");
                    }
                }
            }
        }
    }

    #[test]
    fn top_k_are_ranked_by_length_then_difference() {
        // on a 3 x 3 grid, corner to corner: six shortest paths of 4 hops
        let p = grid(3, 3);
        let s = Search { limit: 10, max_len: 6, ..Search::default() };
        let found = p.paths(ix(0), ix(8), &s);
        assert!(found.len() == 10, "{}", found.len());
        assert!(found.windows(2).all(|w| w[0].len() <= w[1].len()));
        assert_eq!(found.iter().filter(|x| x.len() == 4).count(), 6);
        // the second path shares as little as possible with the first: only the centre or nothing
        let first: HashSet<NodeIndex> = found[0][..3].iter().map(|h| h.to).collect();
        let shared = found[1][..3].iter().filter(|h| first.contains(&h.to)).count();
        assert!(shared <= 1, "{:?} vs {:?}", inner(&found[0]), inner(&found[1]));
        let s = Search { limit: 2, max_len: 6, ..Search::default() };
        let two = p.paths(ix(0), ix(8), &s);
        let a: HashSet<NodeIndex> = two[0][..3].iter().map(|h| h.to).collect();
        assert!(two[1][..3].iter().all(|h| !a.contains(&h.to)), "two disjoint corner routes exist");
    }

    #[test]
    fn via_forces_paths_through_an_entity() {
        let p = sample(0);
        let s = Search { limit: 3, via: Some(ix(5)), ..Search::default() };
        let found = p.paths(ix(0), ix(3), &s);
        assert_eq!(found.iter().map(inner).collect::<Vec<_>>(), vec![vec![4, 5, 3]]);
        let s = Search { via: Some(ix(6)), ..Search::default() };
        assert!(p.paths(ix(0), ix(3), &s).is_empty(), "6 is not linked");
    }

    #[test]
    fn hubs_are_skipped_and_max_len_bounds_the_search() {
        let p = sample(6);
        let (a, b) = (ix(0), ix(3));
        // through the hub the path is 2 hops; with a low max degree it is not used
        assert_eq!(p.shortest(a, b, &Search { max_degree: 100, ..Search::default() }).unwrap().len(), 2);
        let s = Search { max_degree: 3, ..Search::default() };
        assert_eq!(p.shortest(a, b, &s).unwrap().len(), 3);
        assert!(p.paths(a, b, &Search { limit: 5, ..s.clone() }).iter().all(|x| x.iter().all(|h| h.to != ix(6))));
        // a hub can still be where a path ends
        assert_eq!(p.shortest(a, ix(6), &s).unwrap().len(), 1);
        // --via lifts the hub rule for that entity
        assert_eq!(p.paths(a, b, &Search { via: Some(ix(6)), ..s.clone() })[0].len(), 2);
        let s = Search { max_len: 2, max_degree: 3, ..Search::default() };
        assert!(p.shortest(a, b, &s).is_none());
        assert!(p.paths(a, b, &Search { limit: 3, ..s }).is_empty());
    }

    #[test]
    fn time_filter_keeps_only_relations_valid_then() {
        let p = sample(0);
        let (a, b) = (ix(0), ix(3));
        // in 1992 the chain's first edge (2000-2005) is not valid; the detour (1990-1995) is
        let s = Search { during: Some((1992, 1992)), ..Search::default() };
        let path = p.shortest(a, b, &s).unwrap();
        assert_eq!(path[0].to.index(), 4);
        let s = Search { during: Some((2004, 2004)), limit: 5, ..Search::default() };
        assert_eq!(p.paths(a, b, &s).iter().map(inner).collect::<Vec<_>>(), vec![vec![1, 2, 3]]);
        let s = Search { during: Some((2020, 2021)), ..Search::default() };
        assert!(p.shortest(a, b, &s).is_none());
    }

    #[test]
    fn excluded_kinds_and_entities_are_avoided() {
        let p = sample(0);
        let s = Search { exclude_kinds: HashSet::from([RelationKind::Membership]), ..Search::default() };
        assert_eq!(p.shortest(ix(0), ix(3), &s).map(|x| inner(&x)), Some(vec![1, 2, 3]));
        let s = Search { exclude_nodes: HashSet::from([ix(1)]), ..Search::default() };
        assert_eq!(p.shortest(ix(0), ix(3), &s).map(|x| inner(&x)), Some(vec![4, 5, 3]));
        let s = Search { exclude_nodes: HashSet::from([ix(1), ix(5)]), limit: 3, ..Search::default() };
        assert!(p.paths(ix(0), ix(3), &s).is_empty());
    }

    #[test]
    fn directed_search_follows_edge_direction() {
        let p = sample(0);
        let s = Search { directed: true, ..Search::default() };
        assert!(p.shortest(ix(0), ix(3), &s).is_some());
        assert!(p.shortest(ix(3), ix(0), &s).is_none());
        assert!(p.paths(ix(3), ix(0), &Search { limit: 3, ..s }).is_empty());
        assert!(p.shortest(ix(3), ix(0), &Search::default()).is_some());
    }

    #[test]
    fn parallel_relations_are_chosen_to_fit_in_time() {
        // 0 -(2000-2005 or 2010-2015)- 1 -(2012-2020)- 2: the second pair overlaps
        let p = Projection::from_parts(
            (0..3).map(node).collect(),
            vec![
                (0, 1, rel(RelationKind::Position, Some((2000, 2005)))),
                (0, 1, rel(RelationKind::Position, Some((2010, 2015)))),
                (1, 2, rel(RelationKind::Position, Some((2012, 2020)))),
            ],
        );
        let path = p.shortest(ix(0), ix(2), &Search::default()).unwrap();
        assert_eq!(p.relation(path[0].edge).start, Some(2010));
        assert_eq!(overlap(p.relation(path[0].edge), p.relation(path[1].edge)), Some((2012, 2015)));
        // with a time window only the valid one is usable
        let s = Search { during: Some((2001, 2002)), ..Search::default() };
        assert!(p.shortest(ix(0), ix(2), &s).is_none());
    }

    #[test]
    fn searches_are_bounded_on_dense_graphs() {
        // a complete graph on 60 nodes has billions of simple paths of 8 hops
        let n = 60;
        let mut edges = Vec::new();
        for i in 0..n {
            for j in i + 1..n {
                edges.push((i, j, rel(RelationKind::Collaboration, None)));
            }
        }
        let p = Projection::from_parts((0..n).map(node).collect(), edges);
        let s = Search {
            max_len: 8,
            limit: 100,
            max_degree: 1000,
            time_limit: Duration::from_secs(2),
            ..Search::default()
        };
        let t = Instant::now();
        let out = p.search(ix(0), ix(1), &s);
        assert!(t.elapsed() < Duration::from_secs(10));
        assert_eq!(out.paths.len(), 100);
        assert_eq!(out.paths[0].len(), 1);
        assert!(out.paths[1..59].iter().all(|x| x.len() == 2), "after the direct link, the 58 two-hop paths");
        assert!(out.paths[59..].iter().all(|x| x.len() == 3));
    }

    #[test]
    fn neighbourhoods_expand_to_depth_and_stop_at_hubs() {
        let p = sample(6);
        let one = p.neighbourhood(ix(0), 1, &Search::default()).paths.concat();
        let mut ends: Vec<usize> = one.iter().map(|h| h.to.index()).collect();
        ends.sort_unstable();
        assert_eq!(ends, vec![1, 4, 6]);
        let s = Search { max_degree: 3, ..Search::default() };
        let two = p.neighbourhood(ix(0), 2, &s).paths.concat();
        // 6 is a hub: listed, not expanded
        assert!(two.iter().all(|h| h.from != ix(6)));
        assert!(two.iter().any(|h| h.from == ix(1) && h.to == ix(2)));
        let edges: HashSet<EdgeIndex> = two.iter().map(|h| h.edge).collect();
        assert_eq!(edges.len(), two.len(), "each relation once");
    }
}
