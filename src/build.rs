//! `relate build`: documents ▶ store, incrementally. Each document is extracted and written in
//! its own transaction; an unchanged document (same content hash) is skipped; a bad one is
//! reported and the others go on, and the build fails at the end.

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

/// Builds `paths` into `store`, writing one line per document and a summary to `out`, and
/// each failure to `err`.
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
    let lex = Lexicon::load()?;
    let (files, errors) = collect(paths);
    let mut report = Report::default();
    for e in &errors {
        writeln!(err, "relate: {e}")?;
        report.failed += 1;
    }
    let mut index = store.index(&lex, base)?;
    for file in &files {
        let name = source_name(file);
        let doc = match std::fs::read(file)
            .map_err(|source| Error::Read { path: file.clone(), source })
            .and_then(|b| Document::from_bytes(&name, &b))
        {
            Ok(d) => d,
            Err(e) => {
                writeln!(err, "relate: {e}")?;
                report.failed += 1;
                continue;
            }
        };
        let (graph, doc_iri) = crate::model::document_iris(base, &doc.source);
        let old = store.document_hash(&graph, &doc_iri)?;
        if old.as_deref() == Some(doc.sha256.as_str()) && !force {
            writeln!(out, "skipped {name} (unchanged)")?;
            report.skipped += 1;
            continue;
        }
        let ex = crate::loader::extract(&doc, &lex);
        let built = crate::model::build(&doc, &ex, base, &lex, &mut index);
        store.replace_graph_relabelling(&graph, &built.quads, &built.relabel)?;
        let verb = if old.is_some() { "updated" } else { "added" };
        writeln!(
            out,
            "{verb} {name} ({} loader: {} entities, {} facts, {} triples)",
            ex.loader,
            built.entities,
            built.facts,
            built.quads.len()
        )?;
        if old.is_some() {
            report.updated += 1;
        } else {
            report.added += 1;
        }
        report.entities += built.entities;
        report.facts += built.facts;
    }
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
