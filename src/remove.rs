//! Taking documents out of the store: `relate remove DOC...` and `relate build --prune DIR`.
//! Every document named goes in one transaction that keeps the default graph the union of the
//! document graphs, with the rewrites of the graphs whose entities resolution names anew once
//! they are gone ([`crate::resolution`]): all of it happens, or none does.

use std::path::{Path, PathBuf};

use oxigraph::sparql::QueryResults;

use crate::error::{Error, NotFound, Result};
use crate::store::Store;

/// A document the store holds: its graph and the path it was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The document graph's IRI.
    pub graph: String,
    /// The path the document was built from, as the store records it.
    pub source: String,
}

/// Every document in the store, in graph order.
///
/// # Errors
/// The store cannot be read.
pub fn documents(store: &Store) -> Result<Vec<Stored>> {
    let q = "SELECT ?g ?p WHERE { GRAPH ?g { ?d a rel:Document ; rel:sourcePath ?p } } ORDER BY ?g";
    let QueryResults::Solutions(rows) = store.query(q, None, &[])? else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for row in rows {
        let row = row.map_err(|e| Error::evaluation(q, e))?;
        if let (Some(oxigraph::model::Term::NamedNode(g)), Some(oxigraph::model::Term::Literal(p))) =
            (row.get("g"), row.get("p"))
        {
            out.push(Stored { graph: g.as_str().to_owned(), source: p.value().to_owned() });
        }
    }
    Ok(out)
}

/// The name a build gives a path (see [`crate::build::source_name`]), also for a file that is
/// gone: its directory resolved, its file name kept.
fn name_of(path: &Path) -> String {
    if path.exists() {
        return crate::build::source_name(path);
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(file)) if dir.as_os_str().is_empty() || dir.exists() => {
            let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
            let name = crate::build::source_name(dir);
            if name.is_empty() {
                file.to_string_lossy().into_owned()
            } else {
                Path::new(&name).join(file).display().to_string()
            }
        }
        _ => path.display().to_string(),
    }
}

/// The stored documents the paths name (by the name a build gave them); a path that names none
/// is an error that names it, and nothing is removed.
///
/// # Errors
/// A path names no document in the store, or the store cannot be read.
pub fn find(store: &Store, paths: &[PathBuf]) -> Result<Vec<Stored>> {
    let stored = documents(store)?;
    let mut out: Vec<Stored> = Vec::new();
    for p in paths {
        let name = name_of(p);
        let given = p.display().to_string();
        let Some(d) = stored.iter().find(|d| d.source == name || d.source == given) else {
            return Err(NotFound::Document { path: given }.into());
        };
        if !out.contains(d) {
            out.push(d.clone());
        }
    }
    Ok(out)
}

/// The stored documents built from under these directories whose files are gone.
///
/// # Errors
/// The store cannot be read.
pub fn gone_under(store: &Store, dirs: &[PathBuf]) -> Result<Vec<Stored>> {
    let roots: Vec<String> = dirs.iter().filter(|d| d.is_dir()).map(|d| crate::build::source_name(d)).collect();
    let under = |source: &str| {
        roots.iter().any(|r| r.is_empty() && !Path::new(source).is_absolute() || Path::new(source).starts_with(r))
    };
    Ok(documents(store)?.into_iter().filter(|d| under(&d.source) && !Path::new(&d.source).exists()).collect())
}

/// Removes the documents' graphs, and rewrites the graphs whose entities change once they are
/// gone (an entity named by its fullest name loses that name when the only document giving it
/// leaves), in one transaction that keeps the default graph the union; returns how many
/// statements the removed graphs held.
///
/// # Errors
/// The write fails (the store is then unchanged).
pub fn remove(store: &Store, docs: &[Stored], base: &str) -> Result<i64> {
    if docs.is_empty() {
        return Ok(0);
    }
    let lex = crate::reference::lexicon_for(store.path(), &[])?;
    let mut resolver = crate::resolution::Resolver::with_records(&lex, base, store.journal()?)?;
    let mut statements = 0i64;
    let mut gone = std::collections::HashSet::new();
    for d in docs {
        resolver.remove(&d.graph);
        statements += i64::try_from(store.graph_len(&d.graph)?).unwrap_or(i64::MAX);
        gone.insert(d.graph.as_str());
    }
    let rewrites = resolver.stale_rewrites(|g| gone.contains(g));
    let empty: Vec<crate::store::Replacement<'_>> =
        docs.iter().map(|d| crate::store::Replacement { graph: &d.graph, quads: &[] }).collect();
    store.replace_graphs(&empty, &rewrites)?;
    resolver.written();
    Ok(statements)
}
