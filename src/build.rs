//! `relate build`: documents ▶ store, incrementally. Documents are extracted in parallel,
//! resolved in input order and written in batches, each batch in one transaction; an unchanged
//! document (same content hash) is skipped; a bad one is reported and the others go on, and the
//! build fails at the end.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::store::Store;

const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// What a build did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    pub added: usize,
    pub updated: usize,
    pub skipped: usize,
    pub failed: usize,
    pub entities: usize,
    pub facts: usize,
}

/// The document files named by `paths`: files as given, directories walked (sorted).
///
/// # Errors
/// Never as a whole; each path's failure is returned beside the files found.
#[must_use]
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            walk(p, &mut files, &mut errors, 0);
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

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Error>, depth: usize) {
    if depth > 32 {
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
            walk(&p, files, errors, depth + 1);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            files.push(p);
        }
    }
}

/// The stable name of a document: its path relative to the working directory when inside it.
#[must_use]
pub fn source_name(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let cwd = std::env::current_dir().ok().and_then(|c| std::fs::canonicalize(c).ok());
    match cwd.as_ref().and_then(|c| abs.strip_prefix(c).ok()) {
        Some(rel) => rel.display().to_string(),
        None => abs.display().to_string(),
    }
}

/// Documents per write batch, at most: a crash loses at most this many.
const BATCH_DOCUMENTS: usize = 64;
/// Quads per write batch, about: bounds the memory a batch holds.
const BATCH_QUADS: usize = 50_000;

/// One file made ready for resolution by a worker thread: read, hashed, checked against the
/// store and, when new or changed, extracted.
enum Prepared {
    Failed(Error),
    Unchanged(String),
    Extracted { name: String, doc: Document, ex: crate::loader::Extraction, old: bool },
}

/// Reads, hashes and (when new or changed) extracts one file. Only reads the store.
fn prepare(store: &Store, file: &Path, base: &str, force: bool, lex: &Lexicon) -> Result<Prepared> {
    let name = source_name(file);
    let doc = match std::fs::read(file)
        .map_err(|source| Error::Read { path: file.to_owned(), source })
        .and_then(|b| Document::from_bytes(&name, &b))
    {
        Ok(d) => d,
        Err(e) => return Ok(Prepared::Failed(e)),
    };
    let (graph, doc_iri) = crate::model::document_iris(base, &doc.source);
    let old = store.document_hash(&graph, &doc_iri)?;
    if old.as_deref() == Some(doc.sha256.as_str()) && !force {
        return Ok(Prepared::Unchanged(name));
    }
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

/// Builds `paths` into `store`, writing one line per document and a summary to `out`, and
/// each failure to `err`.
///
/// Files are read, hashed and extracted in parallel, a chunk at a time, while the chunk before
/// is resolved and written: resolution and writes run on one thread in input order, so the
/// graph does not depend on thread scheduling. Writes are batched ([`BATCH_DOCUMENTS`]
/// documents or about [`BATCH_QUADS`] quads, see [`Store::write_documents`]); each document
/// lands whole, and its line is printed once its batch is written.
///
/// # Errors
/// Some documents failed (after the others were built), or the store failed.
pub fn run(
    store: &Store,
    paths: &[PathBuf],
    base: &str,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Report> {
    run_with(store, paths, base, force, out, err, &())
}

/// [`run`], telling `progress` how far it has got.
///
/// # Errors
/// As [`run`].
pub fn run_with(
    store: &Store,
    paths: &[PathBuf],
    base: &str,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: &dyn Progress,
) -> Result<Report> {
    let lex = Lexicon::load()?;
    let (files, errors) = collect(paths);
    progress.start(files.len());
    let mut report = Report::default();
    for e in &errors {
        writeln!(err, "relate: {e}")?;
        report.failed += 1;
    }
    let threads = crate::parallel::threads();
    let chunk = BATCH_DOCUMENTS.max(threads * 8);
    // built on first need: a build where nothing changed only checks hashes
    let mut index: Option<crate::model::Index> = None;
    let mut batch = Batch::default();
    std::thread::scope(|s| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Result<Prepared>>>(1);
        let (lex, files) = (&lex, &files);
        let producer = s.spawn(move || {
            for part in files.chunks(chunk) {
                let prepared = crate::parallel::map(part, threads, |f| {
                    // a bug in extraction fails its document, not the build
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| prepare(store, f, base, force, lex)))
                        .unwrap_or_else(|_| {
                            let what = f.display().to_string();
                            Ok(Prepared::Failed(Error::Data {
                                what,
                                message: "extraction panicked (a bug; please report it)".into(),
                            }))
                        })
                });
                if tx.send(prepared).is_err() {
                    break;
                }
            }
        });
        let mut result = Ok(());
        for part in rx {
            for p in part {
                if let Err(e) = self::resolve(store, p, base, force, lex, &mut index, &mut batch, &mut report, out, err)
                {
                    result = Err(e);
                    break;
                }
                progress.advance();
            }
            if result.is_err() {
                break;
            }
        }
        result?;
        batch.commit(store, out)?;
        producer
            .join()
            .map_err(|_| Error::Data { what: "build".into(), message: "the extraction thread panicked".into() })?;
        Ok(())
    })?;
    progress.finish();
    store.flush()?;
    let stats = store.stats()?;
    writeln!(
        out,
        "{} added, {} updated, {} skipped, {} failed; store {}: {} documents, {} entities, {} facts, {} triples",
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

/// One resolved document waiting in a batch: its graph IRI, its quads, and the relabellings
/// it brings (entity IRI, old label, new label).
struct Pending {
    graph: String,
    quads: Vec<oxigraph::model::Quad>,
    relabel: Vec<(String, String, String)>,
}

/// Documents resolved but not yet written, with the lines to print once they are.
#[derive(Default)]
struct Batch {
    docs: Vec<Pending>,
    lines: Vec<String>,
    quads: usize,
    /// Graph IRI and content hash of each document extracted in this run, written or not: a
    /// document named twice (two spellings of one path) was checked against the store before
    /// the first was written, so the resolver checks it here instead.
    extracted: std::collections::HashMap<String, String>,
}

impl Batch {
    fn commit(&mut self, store: &Store, out: &mut dyn Write) -> Result<()> {
        if !self.docs.is_empty() {
            let r: Vec<crate::store::Replacement<'_>> = self
                .docs
                .iter()
                .map(|d| crate::store::Replacement { graph: &d.graph, quads: &d.quads, relabel: &d.relabel })
                .collect();
            store.write_documents(&r)?;
        }
        for l in self.lines.drain(..) {
            writeln!(out, "{l}")?;
        }
        self.docs.clear();
        self.quads = 0;
        Ok(())
    }
}

/// Resolves one prepared document against the index (in input order) and adds it to the batch,
/// committing the batch when it is full.
#[allow(clippy::too_many_arguments)]
fn resolve(
    store: &Store,
    prepared: Result<Prepared>,
    base: &str,
    force: bool,
    lex: &Lexicon,
    index: &mut Option<crate::model::Index>,
    batch: &mut Batch,
    report: &mut Report,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    match prepared? {
        Prepared::Failed(e) => {
            writeln!(err, "relate: {e}")?;
            report.failed += 1;
        }
        Prepared::Unchanged(name) => skipped(&name, batch, report, out)?,
        Prepared::Extracted { name, doc, ex, old } => {
            let (graph, _) = crate::model::document_iris(base, &doc.source);
            // the second time a document comes, it meets what the first wrote, as it would in a
            // build that reads one file at a time
            let old = match batch.extracted.get(&graph) {
                Some(hash) if *hash == doc.sha256 && !force => return skipped(&name, batch, report, out),
                Some(_) => true,
                None => old,
            };
            batch.extracted.insert(graph.clone(), doc.sha256.clone());
            let index = match index {
                Some(i) => i,
                None => index.insert(store.index(lex, base)?),
            };
            let built = crate::model::build(&doc, &ex, base, lex, index);
            let verb = if old { "updated" } else { "added" };
            batch.lines.push(format!(
                "{verb} {name} ({} loader: {} entities, {} facts, {} triples)",
                ex.loader,
                built.entities,
                built.facts,
                built.quads.len()
            ));
            if old {
                report.updated += 1;
            } else {
                report.added += 1;
            }
            report.entities += built.entities;
            report.facts += built.facts;
            batch.quads += built.quads.len();
            batch.docs.push(Pending { graph, quads: built.quads, relabel: built.relabel });
            if batch.docs.len() >= BATCH_DOCUMENTS || batch.quads >= BATCH_QUADS {
                batch.commit(store, out)?;
            }
        }
    }
    Ok(())
}

/// Reports an unchanged document, in input order: after the documents still waiting in the
/// batch.
fn skipped(name: &str, batch: &mut Batch, report: &mut Report, out: &mut dyn Write) -> Result<()> {
    if batch.docs.is_empty() {
        writeln!(out, "skipped {name} (unchanged)")?;
    } else {
        batch.lines.push(format!("skipped {name} (unchanged)"));
    }
    report.skipped += 1;
    Ok(())
}
