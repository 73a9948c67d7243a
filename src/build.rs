//! `relate build`: documents ▶ store, incrementally. Documents are extracted in parallel, put to
//! cross-document resolution ([`crate::resolution`]) one by one and written in batches, each
//! batch whole, with the rewrites of stored graphs whose entities the batch changed; an unchanged
//! document (same content hash) is skipped; a bad one is reported and the others go on, and the
//! build fails at the end.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::resolution::Resolver;
use crate::store::Store;

const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// Extensions of the RDF files a build stores as graphs of their own, as they are (see
/// [`crate::import`]).
const RDF_EXTENSIONS: &[&str] = crate::import::EXTENSIONS;

/// What a build did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    /// New documents written.
    pub added: usize,
    /// Changed documents rewritten.
    pub updated: usize,
    /// Unchanged documents (same content hash) passed over.
    pub skipped: usize,
    /// Documents that could not be read or stored.
    pub failed: usize,
    /// stored graphs rewritten because documents built changed the entities they name
    pub rewritten: usize,
    /// Entities the documents written name, summed over them.
    pub entities: usize,
    /// Facts read from the documents written, summed over them.
    pub facts: usize,
}

/// The document files named by `paths`: files as given, directories walked (sorted), passing
/// over reference data met on the way (the directories in `reference`, and those holding a
/// [`crate::reference::MARKER`] file; one named in `paths` is walked).
///
/// # Errors
/// Never as a whole; each path's failure is returned beside the files found.
#[must_use]
pub fn collect(paths: &[PathBuf], reference: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            walk(p, reference, &mut files, &mut errors, 0);
            if files.len() == before {
                errors.push(Error::NoDocuments { path: p.clone() });
            }
        } else if p.exists() {
            files.push(p.clone());
        } else {
            errors.push(Error::Missing { path: p.clone() });
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(dir: &Path, reference: &[PathBuf], files: &mut Vec<PathBuf>, errors: &mut Vec<Error>, depth: usize) {
    if depth > 32 {
        return;
    }
    // reference data met on the way is not documents; a directory named on the command line is
    let is_reference = || {
        dir.join(crate::reference::MARKER).exists() || std::fs::canonicalize(dir).is_ok_and(|d| reference.contains(&d))
    };
    if depth > 0 && is_reference() {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            errors.push(Error::Read { path: dir.to_owned(), source });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, reference, files, errors, depth + 1);
        } else if p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            let e = e.to_ascii_lowercase();
            EXTENSIONS.contains(&e.as_str()) || RDF_EXTENSIONS.contains(&e.as_str())
        }) {
            files.push(p);
        }
    }
}

/// The stable name of a document: its path relative to the working directory when inside it.
#[must_use]
pub fn source_name(path: &Path) -> String {
    source_name_in(path, working_dir().as_deref())
}

/// The working directory, canonical.
fn working_dir() -> Option<PathBuf> {
    std::env::current_dir().ok().and_then(|c| std::fs::canonicalize(c).ok())
}

/// [`source_name`] with the working directory found once for a whole build.
fn source_name_in(path: &Path, cwd: Option<&Path>) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    match cwd.and_then(|c| abs.strip_prefix(c).ok()) {
        Some(rel) => rel.display().to_string(),
        None => abs.display().to_string(),
    }
}

/// Documents per write batch, at most: a crash loses at most this many. Each batch of new
/// documents is one bulk load, whose sorted files RocksDB must then merge with what it holds
/// (compaction): fewer, larger batches cost less merging (64-document batches spent a third of a
/// build's CPU time in compaction).
const BATCH_DOCUMENTS: usize = 1024;
/// Quads per write batch, about: bounds the memory a batch holds.
const BATCH_QUADS: usize = 100_000;
/// Files read and extracted a chunk at a time, while the chunk before is consumed: bounds the
/// extractions held in memory.
const CHUNK: usize = 64;

/// One file made ready for resolution by a worker thread: read, hashed, checked against the
/// store and, when new or changed, extracted.
enum Prepared {
    Failed(Error),
    Unchanged(String),
    Extracted {
        name: String,
        doc: Document,
        ex: crate::loader::Extraction,
        old: bool,
    },
    /// an RDF file, parsed into its graph's quads
    Rdf {
        name: String,
        graph: String,
        quads: Vec<oxigraph::model::Quad>,
        entities: usize,
        old: bool,
    },
}

/// Reads, hashes and (when new or changed) extracts one file. Only reads the store.
fn prepare(store: &Store, file: &Path, cwd: Option<&Path>, base: &str, force: bool, lex: &Lexicon) -> Result<Prepared> {
    let name = source_name_in(file, cwd);
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(source) => return Ok(Prepared::Failed(Error::Read { path: file.to_owned(), source })),
    };
    // the hash is of the bytes: an unchanged document is known before it is parsed
    let (graph, doc_iri) = crate::model::document_iris(base, &name);
    let old = store.document_hash(&graph, &doc_iri)?;
    let format = crate::import::format_of(file);
    if !force && old.as_deref().is_some_and(|h| h == crate::document::sha256_hex(&bytes)) {
        // a text document also depends on the reference data it was read with; an RDF file
        // does not
        if format.is_some() || store.document_reference(&graph, &doc_iri)?.as_deref() == lex.reference.digest() {
            return Ok(Prepared::Unchanged(name));
        }
    }
    if let Some(format) = format {
        let sha256 = crate::document::sha256_hex(&bytes);
        return Ok(match crate::import::graph(file, &name, &bytes, format, base, &graph, &doc_iri, &sha256) {
            Ok(g) => Prepared::Rdf { name, graph, quads: g.quads, entities: g.entities, old: old.is_some() },
            Err(e) => Prepared::Failed(e),
        });
    }
    let doc = match Document::from_bytes(&name, &bytes) {
        Ok(d) => d,
        Err(e) => return Ok(Prepared::Failed(e)),
    };
    let ex = crate::loader::extract(&doc, lex);
    Ok(Prepared::Extracted { name, doc, ex, old: old.is_some() })
}

/// Told how far a build has got: `relate build` draws a progress bar with it when stderr is a
/// terminal. `()` is told nothing.
pub trait Progress {
    /// The build found `total` documents to read.
    fn start(&self, _total: usize) {}
    /// One more document was read, and written, skipped or failed.
    fn advance(&self) {}
    /// The build is over.
    fn finish(&self) {}
}

impl Progress for () {}

/// What a build reads and how: the documents (files or directories), the base IRI, whether
/// unchanged documents are rebuilt, the vocabularies and reference data, and who is told how far
/// it has got. `Options::new(&paths, base)` is `relate build PATHS`.
#[derive(Clone, Copy)]
#[must_use]
pub struct Options<'a> {
    paths: &'a [PathBuf],
    base: &'a str,
    force: bool,
    lexicon: Option<&'a Lexicon>,
    progress: &'a dyn Progress,
}

impl<'a> Options<'a> {
    /// Builds `paths` (files, or directories walked) minting IRIs under `base`; unchanged
    /// documents skipped, the store's own vocabularies (see [`crate::reference::lexicon_for`]),
    /// no progress told.
    pub fn new(paths: &'a [PathBuf], base: &'a str) -> Self {
        Options { paths, base, force: false, lexicon: None, progress: &() }
    }

    /// Rebuilds unchanged documents too when `force` (`relate build --force`).
    pub fn with_force(self, force: bool) -> Self {
        Options { force, ..self }
    }

    /// Reads with these vocabularies and reference data instead of the store's own.
    pub fn with_lexicon(self, lexicon: &'a Lexicon) -> Self {
        Options { lexicon: Some(lexicon), ..self }
    }

    /// Tells `progress` how far the build has got.
    pub fn with_progress(self, progress: &'a dyn Progress) -> Self {
        Options { progress, ..self }
    }
}

/// Builds the documents `options` names into `store`, writing one line per document and a
/// summary to `out`, and each failure to `err`.
///
/// Two passes, so that documents are written once, naming their entities as resolution over the
/// whole build decides (a document later in the build that gives a fuller name does not make the
/// ones before it stale). The first reads, hashes and extracts the files in parallel, a chunk at a
/// time, and puts the new and changed ones to resolution in input order, then resolves the blocks
/// their names touched, once each; it keeps the first `KEEP_EXTRACTED` extractions. The second
/// extracts the others again, in parallel, turns each into quads as soon as it comes (resolution
/// is settled) and writes them in input order, in batches (`BATCH_DOCUMENTS` documents or about
/// `BATCH_QUADS` quads, see [`Store::write_documents`]); the first batch also rewrites the
/// graphs of earlier builds whose entities this one changed. Each document lands whole, and its line is printed once its batch is
/// written. Resolution and writes run on one thread in input order, so the graph does not depend on
/// thread scheduling.
///
/// # Errors
/// Some documents failed (after the others were built), or the store failed.
pub fn run(store: &Store, options: &Options<'_>, out: &mut dyn Write, err: &mut dyn Write) -> Result<Report> {
    let Options { paths, base, force, lexicon, progress } = *options;
    let loaded;
    let lex = match lexicon {
        Some(lex) => lex,
        None => {
            loaded = crate::reference::lexicon_for(store.path(), &[])?;
            &loaded
        }
    };
    let (files, errors) = collect(paths, &lex.reference.dirs);
    progress.start(files.len());
    let mut report = Report::default();
    for e in &errors {
        writeln!(err, "relate: {e}")?;
        report.failed += 1;
    }
    let cwd = working_dir();
    let cwd = cwd.as_deref();
    // loaded on first need: a build where nothing changed only checks hashes
    let mut resolver: Option<Resolver<'_>> = None;
    let mut plan: Vec<Step> = Vec::with_capacity(files.len());
    // graph IRI ▶ content hash of each document extracted in this build: a document named twice
    // (two spellings of one path) was checked against the store before the first was written, so
    // the build checks it here instead
    let mut hashes: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    // a panic fails its document; a store that cannot be read fails the build
    let first = |f: &PathBuf| {
        guarded(f, || Ok(prepare(store, f, cwd, base, force, lex))).unwrap_or_else(|e| Ok(Prepared::Failed(e)))
    };
    in_order(&files, first, |results| {
        let mut kept = 0;
        for (i, p) in results.enumerate() {
            progress.advance();
            match p? {
                Prepared::Failed(e) => {
                    writeln!(err, "relate: {e}")?;
                    report.failed += 1;
                }
                Prepared::Unchanged(name) => plan.push(Step::Skip(name)),
                Prepared::Rdf { name, graph, quads, entities, old } => {
                    if resolver.is_none() {
                        resolver = Some(Resolver::with_records(lex, base, store.journal()?)?);
                    }
                    plan.push(Step::Rdf(Box::new(Pending {
                        graph,
                        name,
                        loader: crate::import::LOADER,
                        built: crate::model::Built { quads, entities, facts: 0 },
                        old,
                    })));
                }
                Prepared::Extracted { name, doc, ex, old } => {
                    let (graph, _) = crate::model::document_iris(base, &doc.source);
                    // the second time a document comes, it meets what the first wrote, as it
                    // would in a build that reads one file at a time
                    let old = match hashes.get(&graph) {
                        Some(hash) if *hash == doc.sha256 && !force => {
                            plan.push(Step::Skip(name));
                            continue;
                        }
                        Some(_) => true,
                        None => old,
                    };
                    hashes.insert(graph.clone(), doc.sha256.clone());
                    let resolver = match &mut resolver {
                        Some(r) => r,
                        None => resolver.insert(Resolver::with_records(lex, base, store.journal()?)?),
                    };
                    resolver.defer(&graph, &doc.sha256, mentions(&ex, lex));
                    let extracted = (kept < KEEP_EXTRACTED).then(|| Box::new((doc, ex)));
                    kept += usize::from(extracted.is_some());
                    plan.push(Step::Write { file: i, name, graph, old, extracted });
                }
            }
        }
        Ok(())
    })?;
    // every document of the build put: the blocks they touched are resolved once each
    if let Some(r) = &mut resolver {
        r.settle();
    }

    // the second pass: extract again what was not kept, and write everything in input order
    let again: Vec<&PathBuf> = plan
        .iter()
        .filter_map(|s| match s {
            Step::Write { file, extracted: None, .. } => Some(&files[*file]),
            _ => None,
        })
        .collect();
    let second = |f: &&PathBuf| {
        guarded(f, || {
            let bytes = std::fs::read(f).map_err(|source| Error::Read { path: f.to_path_buf(), source })?;
            let doc = Document::from_bytes(&source_name_in(f, cwd), &bytes)?;
            let ex = crate::loader::extract(&doc, lex);
            Ok((doc, ex))
        })
    };
    let mut batch = Batch::default();
    in_order(&again, second, |results| {
        for step in plan {
            let (name, graph, old, extracted) = match step {
                Step::Skip(name) => {
                    skipped(&name, &mut batch, &mut report, out)?;
                    continue;
                }
                Step::Rdf(pending) => {
                    let resolver = resolver.as_mut().ok_or_else(|| bug("an RDF file to write without resolution"))?;
                    if batch.docs.iter().any(|p| p.graph == pending.graph) {
                        batch.commit(store, Some(resolver), &mut report, out)?;
                    }
                    if pending.old {
                        report.updated += 1;
                    } else {
                        report.added += 1;
                    }
                    batch.quads += pending.built.quads.len();
                    batch.lines.push(Line::Written(batch.docs.len()));
                    batch.docs.push(*pending);
                    if batch.docs.len() >= BATCH_DOCUMENTS || batch.quads >= BATCH_QUADS {
                        batch.commit(store, Some(resolver), &mut report, out)?;
                    }
                    continue;
                }
                Step::Write { name, graph, old, extracted, .. } => (name, graph, old, extracted),
            };
            let (doc, ex) = match extracted {
                Some(kept) => *kept,
                None => match results.next() {
                    Some(Ok(d)) => d,
                    Some(Err(e)) => {
                        writeln!(err, "relate: {e}")?;
                        report.failed += 1;
                        continue;
                    }
                    None => return Err(bug("a document was extracted once only")),
                },
            };
            let resolver = resolver.as_mut().ok_or_else(|| bug("a document to write without resolution"))?;
            if hashes.get(&graph) != Some(&doc.sha256) {
                // the file changed between the passes: the documents waiting are written as
                // resolution stands, then what it says now is resolved (the graphs it makes
                // stale are rewritten with the next batch)
                batch.commit(store, Some(resolver), &mut report, out)?;
                resolver.put(&graph, &doc.sha256, mentions(&ex, lex));
            }
            if batch.docs.iter().any(|p| p.graph == graph) {
                batch.commit(store, Some(resolver), &mut report, out)?;
            }
            if old {
                report.updated += 1;
            } else {
                report.added += 1;
            }
            // resolution is settled for the whole build: the quads are made now, and the
            // document and its extraction let go
            let built = crate::model::build(&doc, &ex, base, lex, resolver);
            batch.quads += built.quads.len();
            batch.lines.push(Line::Written(batch.docs.len()));
            batch.docs.push(Pending { graph, name, loader: ex.loader, built, old });
            if batch.docs.len() >= BATCH_DOCUMENTS || batch.quads >= BATCH_QUADS {
                batch.commit(store, Some(resolver), &mut report, out)?;
            }
        }
        Ok(())
    })?;
    batch.commit(store, resolver.as_mut(), &mut report, out)?;
    if let Some(r) = &resolver {
        store.compact_journal(&r.records())?;
    }
    progress.finish();
    store.flush()?;
    let stats = store.totals()?;
    let rewritten = if report.rewritten > 0 { format!(", {} rewritten", report.rewritten) } else { String::new() };
    writeln!(
        out,
        "{} added, {} updated, {} skipped, {} failed{rewritten}; store {}: {} documents, {} entities, {} facts, {} triples",
        report.added,
        report.updated,
        report.skipped,
        report.failed,
        store.path().display(),
        stats.documents,
        stats.entities,
        stats.facts,
        stats.triples
    )?;
    if report.failed > 0 {
        return Err(Error::SomeFailed { count: report.failed, total: files.len() + errors.len() });
    }
    Ok(report)
}

/// Extractions the first pass of a build keeps for the second (beyond them, the second extracts
/// again): bounds a build's memory while a small build extracts once.
const KEEP_EXTRACTED: usize = 1024;

/// What the second pass of a build does with one file, in input order.
enum Step {
    Skip(String),
    /// an RDF file's graph, parsed in the first pass
    Rdf(Box<Pending>),
    Write {
        /// index in the build's files
        file: usize,
        name: String,
        graph: String,
        old: bool,
        extracted: Option<Box<(Document, crate::loader::Extraction)>>,
    },
}

fn bug(what: &str) -> Error {
    Error::Data { what: "build".into(), message: format!("{what} (a bug; please report it)") }
}

/// The mentions a document gives resolution.
fn mentions(ex: &crate::loader::Extraction, lex: &Lexicon) -> Vec<crate::resolution::Mention> {
    crate::model::mentions(ex, lex).into_iter().flatten().collect()
}

/// Runs `work` on one file; a panic (a bug in extraction) fails that file, not the build.
fn guarded<R>(file: &Path, work: impl FnOnce() -> Result<R>) -> Result<R> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
        Err(Error::Data {
            what: file.display().to_string(),
            message: "extraction panicked (a bug; please report it)".into(),
        })
    })
}

/// Runs `work` over `items` on every core, a chunk at a time, and hands the results to `consume`
/// in input order while the next chunk is worked on.
fn in_order<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    consume: impl FnOnce(&mut dyn Iterator<Item = R>) -> Result<()>,
) -> Result<()> {
    let threads = crate::parallel::threads();
    let chunk = CHUNK.max(threads * 8);
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<R>>(1);
        let work = &work;
        let producer = s.spawn(move || {
            for part in items.chunks(chunk) {
                if tx.send(crate::parallel::map(part, threads, work)).is_err() {
                    break;
                }
            }
        });
        let mut results = rx.into_iter().flatten();
        let result = consume(&mut results);
        // a consumer that stopped early hangs up, and the producer stops at its next chunk
        drop(results);
        producer.join().map_err(|_| bug("the extraction thread panicked"))?;
        result
    })
}

/// One document waiting in a batch, as quads: they are made once resolution has settled over the
/// whole build (see [`run`]), so they name the entities as every document of the build decides.
struct Pending {
    graph: String,
    name: String,
    /// the loader that read it, for its line
    loader: &'static str,
    built: crate::model::Built,
    old: bool,
}

/// A line to print once the batch is written: a skipped document's, or a written one's.
enum Line {
    Skipped(String),
    Written(usize),
}

/// Documents resolved but not yet written, with the lines to print once they are.
#[derive(Default)]
struct Batch {
    docs: Vec<Pending>,
    lines: Vec<Line>,
    /// quads the batch holds
    quads: usize,
}

impl Batch {
    /// Writes the batch: its documents' graphs, the rewrites of stored graphs whose entities
    /// their resolution changed, all in one write when there are rewrites; their records go to
    /// the journal first.
    fn commit(
        &mut self,
        store: &Store,
        resolver: Option<&mut Resolver<'_>>,
        report: &mut Report,
        out: &mut dyn Write,
    ) -> Result<()> {
        if let Some(resolver) = resolver.filter(|_| !self.docs.is_empty()) {
            let pending: std::collections::HashSet<&str> = self.docs.iter().map(|p| p.graph.as_str()).collect();
            let rewrites = resolver.stale_rewrites(|g| pending.contains(g));
            let records: Vec<crate::resolution::Record> =
                self.docs.iter().filter_map(|p| resolver.record(&p.graph)).collect();
            store.append_journal(&records)?;
            let r: Vec<crate::store::Replacement<'_>> = self
                .docs
                .iter()
                .map(|d| crate::store::Replacement { graph: &d.graph, quads: &d.built.quads })
                .collect();
            store.write_documents(&r, &rewrites)?;
            report.rewritten += rewrites.len();
            resolver.written();
        }
        for l in self.lines.drain(..) {
            match l {
                Line::Skipped(name) => writeln!(out, "skipped {name} (unchanged)")?,
                Line::Written(i) => {
                    let (p, b) = (&self.docs[i], &self.docs[i].built);
                    report.entities += b.entities;
                    report.facts += b.facts;
                    writeln!(
                        out,
                        "{} {} ({} loader: {} entities, {} facts, {} triples)",
                        if p.old { "updated" } else { "added" },
                        p.name,
                        p.loader,
                        b.entities,
                        b.facts,
                        b.quads.len()
                    )?;
                }
            }
        }
        self.docs.clear();
        self.quads = 0;
        Ok(())
    }
}

/// Reports an unchanged document, in input order: after the documents still waiting in the
/// batch.
fn skipped(name: &str, batch: &mut Batch, report: &mut Report, out: &mut dyn Write) -> Result<()> {
    if batch.docs.is_empty() {
        writeln!(out, "skipped {name} (unchanged)")?;
    } else {
        batch.lines.push(Line::Skipped(name.to_owned()));
    }
    report.skipped += 1;
    Ok(())
}
