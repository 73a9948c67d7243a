//! The Oxigraph wrapper: opens the on-disk store (mapping lock and permission failures to clear
//! messages), writes one document's named graph atomically, runs SPARQL over the union of all
//! graphs with the ontology's prefixes predeclared, and exports in a deterministic order.

use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, QuadRef, Term, TermRef, Triple,
};
use oxigraph::sparql::{CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, SparqlEvaluator};

use crate::error::{Error, NotFound, OpenFailure, Result};
use crate::resolution::{Record, Rewrite};
use crate::vocab::{self, rel};

mod export;

/// The knowledge graph on disk.
pub struct Store {
    inner: oxigraph::store::Store,
    path: PathBuf,
    /// the resolution journal of an in-memory store (an on-disk store keeps it in a file)
    memory_journal: Option<std::sync::Mutex<Vec<Record>>>,
    /// opened with [`Store::open_read_only`]: writes fail with [`Error::ReadOnly`] up front
    read_only: bool,
}

/// What answers SPARQL queries over relate's graph, prefixes predeclared: the store, or a remote
/// SPARQL endpoint ([`crate::remote::Remote`]). Path search reads evidence and `ask` runs its
/// queries through it.
pub trait Sparql: Sync {
    /// Runs a read-only query.
    ///
    /// # Errors
    /// The query does not parse or fails.
    fn evaluate(&self, sparql: &str) -> Result<QueryResults<'static>>;
}

impl Sparql for Store {
    fn evaluate(&self, sparql: &str) -> Result<QueryResults<'static>> {
        self.query(sparql, None, &[])
    }
}

/// A handle on the same store that answers queries from another thread (the shell reads its
/// completion names in the background); it can only read.
#[derive(Clone)]
pub struct Reader {
    inner: oxigraph::store::Store,
}

impl Sparql for Reader {
    fn evaluate(&self, sparql: &str) -> Result<QueryResults<'static>> {
        run_query(&self.inner, sparql, None, &[])
    }
}

/// One document graph to write with [`Store::replace_graphs`]: its IRI and its new quads.
#[derive(Debug, Clone, Copy)]
pub struct Replacement<'a> {
    /// The document graph's IRI.
    pub graph: &'a str,
    /// Its quads, all in that graph.
    pub quads: &'a [Quad],
}

/// The file beside the store's database that keeps the last counts a build printed, until the
/// next write.
const TOTALS: &str = "relate-totals";

/// Counts from a [`TOTALS`] file.
fn read_totals(text: &str) -> Option<Stats> {
    let n: Vec<u64> = text.lines().next()?.split(' ').map(str::parse).collect::<std::result::Result<_, _>>().ok()?;
    match n.as_slice() {
        &[documents, entities, facts, triples] => {
            Some(Stats { documents, entities, facts, triples, ..Stats::default() })
        }
        _ => None,
    }
}

/// The file beside the store's database that keeps each document's resolution record.
const JOURNAL: &str = "relate-resolution.jsonl";

/// Counts shown by `relate stats` and the REPL banner.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    /// Documents (`rel:Document` nodes).
    pub documents: u64,
    /// Entities: subjects of one of the entity classes.
    pub entities: u64,
    /// Facts: qualified relation nodes (positions, education, awards, ...).
    pub facts: u64,
    /// Statements in the default graph.
    pub triples: u64,
    /// Entities per class, by name (empty where only the totals were asked for).
    pub entities_by_type: Vec<(String, u64)>,
    /// Facts per relation class, by name (empty where only the totals were asked for).
    pub facts_by_kind: Vec<(String, u64)>,
}

/// Where the store lives when neither `--store` nor `RELATE_STORE` says.
#[must_use]
pub fn default_location() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("relate").join("store")
}

impl Store {
    /// Opens (creating if needed) a store for reading and writing.
    ///
    /// # Errors
    /// The location is not writable, or another process holds the store.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write { path: parent.to_owned(), source })?;
        }
        let inner = oxigraph::store::Store::open(path).map_err(|e| Error::open(path, e))?;
        remove_stray_bulk_files(path);
        Ok(Store { inner, path: path.to_owned(), memory_journal: None, read_only: false })
    }

    /// Opens an existing store read-only (works while another process writes it).
    ///
    /// # Errors
    /// There is no store at `path`.
    pub fn open_read_only(path: &Path) -> Result<Self> {
        if !path.join("CURRENT").exists() {
            return Err(NotFound::Store { path: path.to_owned() }.into());
        }
        // a writer compacting at the same moment can delete a file the reader is about to open;
        // that race is transient, so try again a few times before reporting it. A writer killed
        // while it created or reopened the store leaves column families that only a read-write
        // open restores (RocksDB has no read-only recovery, Oxigraph 0.5 no secondary mode): when
        // no writer holds the lock, open it read-write once to recover it, then read it; when
        // one does, it is recovering the store itself, so wait for it
        let mut attempt = 0;
        let mut recovered = false;
        loop {
            match oxigraph::store::Store::open_read_only(path) {
                Ok(inner) => return Ok(Store { inner, path: path.to_owned(), memory_journal: None, read_only: true }),
                Err(e) if attempt < 20 && OpenFailure::of(&e) == OpenFailure::NoColumnFamily => {
                    attempt += 1;
                    match oxigraph::store::Store::open(path) {
                        // the writer is dropped at once: the lock is released before the retry
                        Ok(writer) if !recovered => {
                            writer.flush().map_err(|e| Error::open(path, e))?;
                            recovered = true;
                        }
                        Ok(_) => return Err(Error::open(path, e)),
                        Err(other) => match Error::open(path, other) {
                            Error::StoreLocked { .. } => {
                                std::thread::sleep(std::time::Duration::from_millis(25 * attempt));
                            }
                            other => return Err(other),
                        },
                    }
                }
                Err(e) if attempt < 20 && OpenFailure::of(&e) == OpenFailure::FileVanished => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(25 * attempt));
                }
                Err(e) => return Err(Error::open(path, e)),
            }
        }
    }

    /// An in-memory store, for tests and `relate extract`.
    ///
    /// # Errors
    /// Never in practice; Oxigraph's constructor is fallible.
    pub fn in_memory() -> Result<Self> {
        let inner = oxigraph::store::Store::new()
            .map_err(|source| Error::Storage { path: PathBuf::from(":memory:"), source })?;
        Ok(Store {
            inner,
            path: PathBuf::from(":memory:"),
            memory_journal: Some(std::sync::Mutex::new(Vec::new())),
            read_only: false,
        })
    }

    /// The store's directory.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The quads matching a pattern (`None` matches anything; a graph of `None` is every graph,
    /// the default graph included), in Oxigraph's index order.
    ///
    /// # Errors
    /// Each item fails when the store cannot be read.
    pub fn quads_for_pattern<'a>(
        &'a self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
        graph: Option<GraphNameRef<'_>>,
    ) -> impl Iterator<Item = Result<Quad>> + 'a {
        self.inner.quads_for_pattern(subject, predicate, object, graph).map(|q| q.map_err(|e| self.storage(e)))
    }

    /// Does the store hold this quad?
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn contains(&self, quad: QuadRef<'_>) -> Result<bool> {
        self.inner.contains(quad).map_err(|e| self.storage(e))
    }

    /// Evaluates a query its caller parsed with an evaluator of its own (`serve` sets the
    /// protocol's dataset and its own prefixes and token on it). Oxigraph's evaluation error is
    /// returned as it is, for the caller to tell its kinds apart.
    ///
    /// # Errors
    /// The evaluation fails or is cancelled.
    pub fn execute(
        &self,
        prepared: PreparedSparqlQuery,
    ) -> std::result::Result<QueryResults<'static>, QueryEvaluationError> {
        prepared.on_store(&self.inner).execute()
    }

    /// Adds triples to the default graph only, in no document graph: for a store that copies a
    /// remote endpoint's default graph (see [`crate::remote::Remote::mirror`]), which has no
    /// documents. Elsewhere the default graph is the union of the document graphs, kept so by
    /// the other writes.
    ///
    /// # Errors
    /// The store is read-only or cannot be written.
    pub(crate) fn insert_default(&self, triples: &[Triple]) -> Result<()> {
        self.writable()?;
        for t in triples {
            self.inner.insert(t.as_ref().in_graph(GraphNameRef::DefaultGraph)).map_err(|e| self.storage(e))?;
        }
        Ok(())
    }

    /// Refuses a write to a store opened read-only, before anything is tried.
    fn writable(&self) -> Result<()> {
        if self.read_only {
            return Err(Error::ReadOnly { path: self.path.clone() });
        }
        Ok(())
    }

    fn storage(&self, source: oxigraph::store::StorageError) -> Error {
        Error::Storage { path: self.path.clone(), source }
    }

    /// The content hash recorded for a document node, if that document was built before.
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn document_hash(&self, graph: &str, doc: &str) -> Result<Option<String>> {
        let g = NamedNode::new_unchecked(graph);
        let d = NamedNode::new_unchecked(doc);
        let p = NamedNode::new_unchecked(rel("contentSha256"));
        let mut it = self.inner.quads_for_pattern(
            Some(d.as_ref().into()),
            Some(p.as_ref()),
            None,
            Some(GraphNameRef::NamedNode(g.as_ref())),
        );
        match it.next() {
            Some(q) => match q.map_err(|e| self.storage(e))?.object {
                Term::Literal(l) => Ok(Some(l.value().to_owned())),
                _ => Ok(None),
            },
            None => Ok(None),
        }
    }

    /// Replaces a document's named graph with `quads`, in one transaction: all or nothing.
    ///
    /// # Errors
    /// The write fails; the store is then unchanged.
    pub fn replace_graph(&self, graph: &str, quads: &[Quad]) -> Result<()> {
        self.replace_graphs(&[Replacement { graph, quads }], &[])
    }

    /// Replaces several documents' graphs, and rewrites others' entities as resolution says, in
    /// one transaction: all of it lands, or none.
    ///
    /// # Errors
    /// The write fails; the store is then unchanged.
    pub fn replace_graphs(&self, replacements: &[Replacement<'_>], rewrites: &[(String, Rewrite)]) -> Result<()> {
        self.writable()?;
        self.forget_totals()?;
        let mut tx = self.inner.start_transaction().map_err(|e| self.storage(e))?;
        for r in replacements {
            self.replace_in(&mut tx, r)?;
        }
        for (graph, rw) in rewrites {
            self.rewrite_in(&mut tx, graph, rw)?;
        }
        tx.commit().map_err(|e| self.storage(e))?;
        Ok(())
    }

    /// Rewrites one stored graph's entities: IRIs renamed, labels written anew.
    fn rewrite_in(&self, tx: &mut oxigraph::store::Transaction<'_>, graph: &str, rw: &Rewrite) -> Result<()> {
        let g = NamedNode::new_unchecked(graph);
        let gname = GraphName::NamedNode(g.clone());
        let rename: std::collections::HashMap<&str, &str> =
            rw.rename.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let clear: std::collections::HashSet<&str> = rw.clear.iter().map(String::as_str).collect();
        let named = |n: &NamedNode| NamedNode::new_unchecked(*rename.get(n.as_str()).unwrap_or(&n.as_str()));
        let mut quads = Vec::new();
        for q in tx.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref()))) {
            let q = q.map_err(|e| self.storage(e))?;
            let subject = match &q.subject {
                oxigraph::model::NamedOrBlankNode::NamedNode(n) => named(n).into(),
                other => other.clone(),
            };
            let labelling = matches!(q.predicate.as_str(), vocab::RDFS_LABEL | vocab::SKOS_ALT_LABEL);
            if labelling
                && matches!(&subject, oxigraph::model::NamedOrBlankNode::NamedNode(n) if clear.contains(n.as_str()))
            {
                continue;
            }
            let object = match &q.object {
                Term::NamedNode(n) => named(n).into(),
                other => other.clone(),
            };
            quads.push(Quad::new(subject, q.predicate, object, gname.clone()));
        }
        let label = NamedNode::new_unchecked(vocab::RDFS_LABEL);
        let alt = NamedNode::new_unchecked(vocab::SKOS_ALT_LABEL);
        for (iri, l, alts) in &rw.labels {
            let s = NamedNode::new_unchecked(iri);
            quads.push(Quad::new(
                s.clone(),
                label.clone(),
                oxigraph::model::Literal::new_simple_literal(l),
                gname.clone(),
            ));
            for a in alts {
                quads.push(Quad::new(
                    s.clone(),
                    alt.clone(),
                    oxigraph::model::Literal::new_simple_literal(a),
                    gname.clone(),
                ));
            }
        }
        self.replace_in(tx, &Replacement { graph, quads: &quads })
    }

    /// Writes a build's batch of documents, in order, each one whole, with the rewrites of
    /// stored graphs their resolution brings. With rewrites, everything goes in one transaction
    /// (the new documents and the graphs they change land together). Otherwise runs of documents
    /// the store does not hold yet go through Oxigraph's bulk loader (sorted files ingested into
    /// every index at once: several times faster than a transaction, and atomic), and runs of
    /// updates through one transaction each. A crash loses at most the run in flight, never part
    /// of a document.
    ///
    /// # Errors
    /// A write fails; the runs before it have landed, the failing one has not.
    pub fn write_documents(&self, replacements: &[Replacement<'_>], rewrites: &[(String, Rewrite)]) -> Result<()> {
        self.writable()?;
        if !rewrites.is_empty() {
            return self.replace_graphs(replacements, rewrites);
        }
        let mut seen = std::collections::HashSet::new();
        let mut addable = Vec::with_capacity(replacements.len());
        for r in replacements {
            let g = NamedNode::new_unchecked(r.graph);
            // two documents under one graph IRI replace each other: not a plain add
            let new =
                seen.insert(r.graph) && !self.inner.contains_named_graph(g.as_ref()).map_err(|e| self.storage(e))?;
            addable.push(new);
        }
        let mut start = 0;
        while start < replacements.len() {
            let kind = addable[start];
            let len = addable[start..].iter().take_while(|&&a| a == kind).count();
            let run = &replacements[start..start + len];
            if kind {
                self.add_graphs(run)?;
            } else {
                self.replace_graphs(run, &[])?;
            }
            start += len;
        }
        Ok(())
    }

    /// Adds graphs the store does not hold yet, with their default-graph copies, through
    /// Oxigraph's bulk loader: sorted files ingested into every index in one atomic step at
    /// `commit` (RocksDB ingests the files of several column families atomically), so the
    /// batch lands whole or not at all, at bulk-load speed. Nothing is removed, so the default
    /// graph stays the union. A crash before the commit leaves the sorted files behind; the
    /// next [`Store::open`] removes them.
    fn add_graphs(&self, replacements: &[Replacement<'_>]) -> Result<()> {
        self.forget_totals()?;
        let quads = replacements.iter().flat_map(|r| r.quads).flat_map(|q| {
            let d = Quad::new(q.subject.clone(), q.predicate.clone(), q.object.clone(), GraphName::DefaultGraph);
            [q.clone(), d]
        });
        let mut loader = self.inner.bulk_loader().with_num_threads(1);
        loader.load_quads(quads).map_err(|e| self.storage(e))?;
        loader.commit().map_err(|e| self.storage(e))
    }

    fn replace_in(&self, tx: &mut oxigraph::store::Transaction<'_>, r: &Replacement<'_>) -> Result<()> {
        let (graph, quads) = (r.graph, r.quads);
        let g = NamedNode::new_unchecked(graph);
        // the default graph is the set union of the document graphs: queries see each triple once
        let old: Vec<Quad> = tx
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| self.storage(e))?;
        if quads.is_empty() {
            // a document taken out: its graph goes too
            tx.remove_named_graph(g.as_ref()).map_err(|e| self.storage(e))?;
        } else if !old.is_empty() {
            tx.clear_graph(g.as_ref()).map_err(|e| self.storage(e))?;
        }
        let mut fresh: std::collections::HashSet<oxigraph::model::Triple> =
            std::collections::HashSet::with_capacity(if old.is_empty() { 0 } else { quads.len() });
        for q in quads {
            tx.insert(q);
            tx.insert(QuadRef::new(
                q.subject.as_ref(),
                q.predicate.as_ref(),
                q.object.as_ref(),
                GraphNameRef::DefaultGraph,
            ));
            if !old.is_empty() {
                fresh.insert(oxigraph::model::Triple::new(q.subject.clone(), q.predicate.clone(), q.object.clone()));
            }
        }
        for q in old {
            let t = oxigraph::model::Triple::new(q.subject, q.predicate, q.object);
            if fresh.contains(&t) {
                continue;
            }
            let elsewhere = tx
                .quads_for_pattern(Some(t.subject.as_ref()), Some(t.predicate.as_ref()), Some(t.object.as_ref()), None)
                .filter_map(std::result::Result::ok)
                .any(|o| matches!(o.graph_name, GraphName::NamedNode(ref n) if n.as_str() != graph));
            if !elsewhere {
                tx.remove(&t.in_graph(GraphName::DefaultGraph));
            }
        }
        Ok(())
    }

    /// Flushes the write-ahead log so the next open is fast.
    ///
    /// # Errors
    /// The flush fails.
    pub fn flush(&self) -> Result<()> {
        self.inner.flush().map_err(|e| self.storage(e))
    }

    /// Runs a SPARQL query over the union of all graphs, prefixes predeclared.
    ///
    /// # Errors
    /// The query does not parse or fails to evaluate.
    pub fn query(
        &self,
        sparql: &str,
        token: Option<CancellationToken>,
        extra_prefixes: &[(String, String)],
    ) -> Result<QueryResults<'static>> {
        run_query(&self.inner, sparql, token, extra_prefixes)
    }

    /// A handle for reading from another thread.
    #[must_use]
    pub fn reader(&self) -> Reader {
        Reader { inner: self.inner.clone() }
    }

    /// Oxigraph's evaluation plan for a query, as its JSON tree (`{"plan": {...}}`): the query
    /// runs, cancellable by `token`, to fill in the row counts and times.
    ///
    /// # Errors
    /// The query does not parse, fails or is cancelled.
    pub fn explain(
        &self,
        sparql: &str,
        token: Option<CancellationToken>,
        extra_prefixes: &[(String, String)],
    ) -> Result<serde_json::Value> {
        let mut ev = SparqlEvaluator::new();
        for (p, i) in
            vocab::PREFIXES.iter().map(|(p, i)| (p.to_string(), i.to_string())).chain(extra_prefixes.iter().cloned())
        {
            ev = ev.with_prefix(&p, &i).map_err(|e| Error::query(sparql, e))?;
        }
        if let Some(t) = token {
            ev = ev.with_cancellation_token(t);
        }
        let prepared = ev.parse_query(sparql).map_err(|e| Error::query(sparql, e))?;
        let (res, plan) = prepared.on_store(&self.inner).compute_statistics().explain();
        match res {
            Ok(QueryResults::Solutions(sols)) => {
                for sol in sols {
                    sol.map_err(|e| Error::evaluation(sparql, e))?;
                }
            }
            Ok(QueryResults::Graph(triples)) => {
                for t in triples {
                    t.map_err(|e| Error::evaluation(sparql, e))?;
                }
            }
            Ok(QueryResults::Boolean(_)) => {}
            Err(e) => return Err(Error::evaluation(sparql, e)),
        }
        let mut json = Vec::new();
        plan.write_in_json(&mut json)?;
        serde_json::from_slice(&json).map_err(|e| Error::invalid("query plan", e))
    }

    /// Runs a SPARQL update that writes document graphs, keeping the default graph their union
    /// (see [`crate::update`]); returns the change in the number of document statements.
    ///
    /// # Errors
    /// The update does not parse, writes to the default graph, would leave a graph without one
    /// Document node, or fails (for instance on a read-only store); the store is then unchanged.
    pub fn update(&self, sparql: &str, extra_prefixes: &[(String, String)]) -> Result<i64> {
        self.writable()?;
        self.forget_totals()?;
        crate::update::run(&self.inner, sparql, extra_prefixes)
    }

    /// All quads, or one graph's, sorted so exports are byte-identical.
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn sorted_quads(&self, graph: Option<&str>) -> Result<Vec<Quad>> {
        let g = graph.map(NamedNode::new_unchecked);
        let gref = g.as_ref().map(|g| GraphNameRef::NamedNode(g.as_ref()));
        let mut quads: Vec<Quad> = self
            .inner
            .quads_for_pattern(None, None, None, gref)
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| self.storage(e))?;
        quads.sort_by_cached_key(sort_key);
        Ok(quads)
    }

    /// Documents, entities, facts and triples, with breakdowns.
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn stats(&self) -> Result<Stats> {
        self.counts(true)
    }

    /// Documents, entities, facts and triples, without the breakdowns (what a build's summary
    /// prints).
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn totals(&self) -> Result<Stats> {
        // counting takes about a second per million statements: a build that changed nothing
        // reads what the last one counted, kept beside the database until the next write
        // removes it (every write goes through this type, see `forget_totals`)
        if self.memory_journal.is_some() {
            return self.counts(false);
        }
        let file = self.path.join(TOTALS);
        if let Some(t) = std::fs::read_to_string(&file).ok().and_then(|t| read_totals(&t)) {
            return Ok(t);
        }
        let t = self.counts(false)?;
        // a count that cannot be kept only costs the next build the count
        let _ = std::fs::write(&file, format!("{} {} {} {}\n", t.documents, t.entities, t.facts, t.triples));
        Ok(t)
    }

    /// Removes the kept counts before a write (durably: a crash after the write must not leave
    /// them behind).
    fn forget_totals(&self) -> Result<()> {
        if self.memory_journal.is_some() {
            return Ok(());
        }
        let file = self.path.join(TOTALS);
        match std::fs::remove_file(&file) {
            Ok(()) => std::fs::File::open(&self.path)
                .and_then(|d| d.sync_all())
                .map_err(|source| Error::Write { path: file, source }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(Error::Write { path: file, source }),
        }
    }

    fn counts(&self, breakdown: bool) -> Result<Stats> {
        let count = |q: &str| -> Result<Vec<(String, u64)>> {
            let mut out = Vec::new();
            if let QueryResults::Solutions(sols) = self.query(q, None, &[])? {
                for s in sols {
                    let s = s.map_err(|e| Error::evaluation(q, e))?;
                    let k = s.get("k").map(|t| match t {
                        Term::NamedNode(n) => n.as_str().rsplit('#').next().unwrap_or("").to_owned(),
                        other => other.to_string(),
                    });
                    let n = s
                        .get("n")
                        .and_then(|t| if let Term::Literal(l) = t { l.value().parse().ok() } else { None })
                        .unwrap_or(0);
                    out.push((k.unwrap_or_default(), n));
                }
            }
            Ok(out)
        };
        let one = |q: &str| -> Result<u64> { Ok(count(q)?.first().map_or(0, |x| x.1)) };
        let ents = vocab::rel_values(vocab::ENTITY_CLASSES);
        let facts = vocab::rel_values(&crate::relation_kinds::classes());
        Ok(Stats {
            documents: one("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a rel:Document }")?,
            entities: one(&format!("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?k {{ {ents} }} ?e a ?k }}"))?,
            facts: one(&format!("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?k {{ {facts} }} ?e a ?k }}"))?,
            // counted by the evaluator on encoded terms: no string is decoded
            triples: one("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")?,
            entities_by_type: if breakdown {
                count(&format!("SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?k {{ {ents} }} ?e a ?k }} GROUP BY ?k ORDER BY ?k"))?
            } else {
                Vec::new()
            },
            facts_by_kind: if breakdown {
                count(&format!("SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?k {{ {facts} }} ?e a ?k }} GROUP BY ?k ORDER BY ?k"))?
            } else {
                Vec::new()
            },
        })
    }

    /// The content hash of every document graph, by graph IRI (one scan of one predicate).
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn document_hashes(&self) -> Result<std::collections::HashMap<String, String>> {
        let p = NamedNode::new_unchecked(rel("contentSha256"));
        let mut out = std::collections::HashMap::new();
        for q in self.inner.quads_for_pattern(None, Some(p.as_ref()), None, None) {
            let q = q.map_err(|e| self.storage(e))?;
            if let (GraphName::NamedNode(g), Term::Literal(l)) = (q.graph_name, q.object) {
                out.insert(g.into_string(), l.value().to_owned());
            }
        }
        Ok(out)
    }

    /// The resolution records of the documents the store holds: of each graph, the last
    /// record written for the version stored (a record of a version that never landed, or of a
    /// document since removed, is passed over).
    ///
    /// # Errors
    /// The store or its journal cannot be read.
    pub fn journal(&self) -> Result<Vec<Record>> {
        let hashes = self.document_hashes()?;
        let mut found: std::collections::HashMap<String, Record> = std::collections::HashMap::new();
        let mut keep = |r: Record| {
            if hashes.get(&r.graph) == Some(&r.hash) {
                found.insert(r.graph.clone(), r);
            }
        };
        match &self.memory_journal {
            Some(m) => m.lock().map_err(|_| self.poisoned())?.iter().cloned().for_each(&mut keep),
            None => {
                let path = self.path.join(JOURNAL);
                let text = match std::fs::read_to_string(&path) {
                    Ok(t) => t,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
                    Err(source) => return Err(Error::Read { path, source }),
                };
                // a line cut short by a crash does not parse and is passed over
                text.lines().filter_map(|l| serde_json::from_str::<Record>(l).ok()).for_each(&mut keep);
            }
        }
        let mut out: Vec<Record> = found.into_values().collect();
        out.sort_unstable_by(|a, b| a.graph.cmp(&b.graph));
        Ok(out)
    }

    /// Appends resolution records to the journal, durably, before the graphs they describe are
    /// written (a record whose graph never lands is passed over by [`Store::journal`]).
    ///
    /// # Errors
    /// The journal cannot be written.
    pub fn append_journal(&self, records: &[Record]) -> Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        if let Some(m) = &self.memory_journal {
            m.lock().map_err(|_| self.poisoned())?.extend(records.iter().cloned());
            return Ok(());
        }
        let path = self.path.join(JOURNAL);
        let text = journal_lines(records)?;
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::OpenOptions::new().create(true).append(true).open(&path)?;
            f.write_all(text.as_bytes())?;
            f.sync_data()
        };
        write().map_err(|source| Error::Write { path: path.clone(), source })
    }

    /// Rewrites the journal with `live` only, when what it holds is mostly superseded.
    ///
    /// # Errors
    /// The journal cannot be written.
    pub fn compact_journal(&self, live: &[Record]) -> Result<()> {
        if let Some(m) = &self.memory_journal {
            *m.lock().map_err(|_| self.poisoned())? = live.to_vec();
            return Ok(());
        }
        let path = self.path.join(JOURNAL);
        let lines = std::fs::read(&path).map(|b| b.iter().filter(|&&c| c == b'\n').count()).unwrap_or(0);
        if lines <= 2 * live.len() + 1000 {
            return Ok(());
        }
        let tmp = self.path.join(format!("{JOURNAL}.tmp"));
        let text = journal_lines(live)?;
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_data()?;
            std::fs::rename(&tmp, &path)
        };
        write().map_err(|source| Error::Write { path: path.clone(), source })
    }

    fn poisoned(&self) -> Error {
        Error::Data { what: JOURNAL.into(), message: "a thread panicked while writing it".into() }
    }

    /// How many statements a graph holds.
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn graph_len(&self, graph: &str) -> Result<usize> {
        let g = NamedNode::new_unchecked(graph);
        let mut n = 0;
        for q in self.inner.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref()))) {
            q.map_err(|e| self.storage(e))?;
            n += 1;
        }
        Ok(n)
    }

    /// The named graphs (documents) in the store.
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn graphs(&self) -> Result<Vec<String>> {
        let mut out: Vec<String> = self
            .inner
            .named_graphs()
            .filter_map(|g| g.ok())
            .map(|g| match g {
                oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.into_string(),
                other => other.to_string(),
            })
            .collect();
        out.sort();
        Ok(out)
    }

    /// Does the store hold this named graph?
    #[must_use]
    pub fn has_graph(&self, graph: &str) -> bool {
        let g = NamedNode::new_unchecked(graph);
        self.inner.contains_named_graph(NamedNodeRef::from(&g)).unwrap_or(false)
    }
}

/// A digest of the names and sizes of a store's table files and non-empty logs: every write
/// grows a log or makes a new table file, so an unchanged fingerprint means unchanged contents.
/// `None` when the directory cannot be listed (an in-memory store).
pub fn fingerprint(dir: &Path) -> Option<String> {
    let mut files: Vec<(String, u64)> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(std::result::Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let len = e.metadata().ok()?.len();
            let table = name.ends_with(".sst");
            let log = name.ends_with(".log") && len > 0;
            (table || log).then_some((name, len))
        })
        .collect();
    files.sort();
    let mut h = <sha2::Sha256 as sha2::Digest>::new();
    for (name, len) in &files {
        sha2::Digest::update(&mut h, format!("{name}:{len}\n"));
    }
    Some(sha2::Digest::finalize(h).iter().map(|b| format!("{b:02x}")).collect())
}

fn sort_key(q: &Quad) -> (String, String, String, String) {
    let g = match &q.graph_name {
        GraphName::DefaultGraph => String::new(),
        other => other.to_string(),
    };
    (g, q.subject.to_string(), q.predicate.to_string(), q.object.to_string())
}

/// Removes the sorted files a bulk load left when its process died before ingesting them
/// (Oxigraph writes them into the store directory as `bulk-*.sst`; an ingested file is linked
/// in under a number, so these names are never part of the database). Called only by the
/// writer, which holds the store's lock, so no bulk load is under way. A file that cannot be
/// removed only costs disk space, so failures are ignored.
fn remove_stray_bulk_files(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A read-only query over the union of all graphs, prefixes predeclared.
fn run_query(
    inner: &oxigraph::store::Store,
    sparql: &str,
    token: Option<CancellationToken>,
    extra_prefixes: &[(String, String)],
) -> Result<QueryResults<'static>> {
    let mut ev = SparqlEvaluator::new();
    for (p, i) in vocab::PREFIXES {
        ev = ev.with_prefix(*p, *i).map_err(|e| Error::query(sparql, e))?;
    }
    for (p, i) in extra_prefixes {
        ev = ev.with_prefix(p, i).map_err(|e| Error::query(sparql, e))?;
    }
    if let Some(t) = token {
        ev = ev.with_cancellation_token(t);
    }
    let prepared = ev.parse_query(sparql).map_err(|e| Error::query(sparql, e))?;
    prepared.on_store(inner).execute().map_err(|e| Error::evaluation(sparql, e))
}

/// The journal's text for `records`: one JSON object a line.
fn journal_lines(records: &[Record]) -> Result<String> {
    let mut text = String::new();
    for r in records {
        text.push_str(&serde_json::to_string(r).map_err(|e| Error::invalid(JOURNAL, e))?);
        text.push('\n');
    }
    Ok(text)
}

/// What a document node records of what it was built from, besides its text.
impl Store {
    /// The fingerprint of the reference data a text document was built with
    /// (`rel:referenceSha256`, see [`crate::reference::Reference::digest`]); `None` when it was
    /// built without any, or not built.
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn document_reference(&self, graph: &str, doc: &str) -> Result<Option<String>> {
        let g = NamedNode::new_unchecked(graph);
        let d = NamedNode::new_unchecked(doc);
        let p = NamedNode::new_unchecked(rel("referenceSha256"));
        let found = self
            .inner
            .quads_for_pattern(
                Some(d.as_ref().into()),
                Some(p.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(g.as_ref())),
            )
            .next();
        match found {
            Some(q) => match q.map_err(|e| self.storage(e))?.object {
                Term::Literal(l) => Ok(Some(l.value().to_owned())),
                _ => Ok(None),
            },
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_counts_are_four_numbers() {
        let t = read_totals("1 2 3 4\n").unwrap();
        assert_eq!((t.documents, t.entities, t.facts, t.triples), (1, 2, 3, 4));
        assert!(read_totals("1 2 3\n").is_none());
    }

    #[test]
    fn a_write_changes_what_a_build_counts() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s")).unwrap();
        assert_eq!(store.totals().unwrap().triples, 0);
        let q = Quad::new(
            NamedNode::new_unchecked("http://x/d"),
            NamedNode::new_unchecked(vocab::RDF_TYPE),
            NamedNode::new_unchecked(rel("Document")),
            GraphName::NamedNode(NamedNode::new_unchecked("http://x/g")),
        );
        store.replace_graph("http://x/g", &[q]).unwrap();
        store.flush().unwrap();
        assert_eq!(store.totals().unwrap().triples, 1, "the count kept before the write is not read back");
        store.update("INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/b> \"c\" } }", &[]).unwrap();
        assert_eq!(store.totals().unwrap().triples, 2, "nor the count kept before an update");
    }

    #[test]
    fn errors_are_told_apart_by_kind_not_text() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s");
        Store::open(&p).unwrap().flush().unwrap();
        let ro = Store::open_read_only(&p).unwrap();
        let insert = "INSERT DATA { GRAPH <http://x/g> { <http://x/d> a <http://x/c> } }";
        assert!(matches!(ro.update(insert, &[]), Err(Error::ReadOnly { .. })));
        assert!(matches!(ro.replace_graph("http://x/g", &[]), Err(Error::ReadOnly { .. })));
        // a syntax error names its query and keeps Oxigraph's error as the source
        match ro.query("SELEC ?x", None, &[]) {
            Err(Error::Query(q)) => {
                assert_eq!(q.query, "SELEC ?x");
                assert!(std::error::Error::source(&q).is_some());
            }
            other => panic!("{:?}", other.map(|_| ())),
        }
        // a cancelled evaluation is Cancelled, whatever Oxigraph's message says
        let s = Store::in_memory().unwrap();
        let q = Quad::new(
            NamedNode::new_unchecked("http://x/d"),
            NamedNode::new_unchecked(vocab::RDF_TYPE),
            NamedNode::new_unchecked(rel("Document")),
            GraphName::NamedNode(NamedNode::new_unchecked("http://x/g")),
        );
        s.replace_graph("http://x/g", &[q]).unwrap();
        let t = CancellationToken::new();
        t.cancel();
        assert!(matches!(s.explain("SELECT * WHERE { ?s ?p ?o }", Some(t), &[]), Err(Error::Cancelled)));
    }
}
