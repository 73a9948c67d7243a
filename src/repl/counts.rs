//! The banner's counts (documents, entities, triples), remembered between starts.
//!
//! Counting a million triples takes Oxigraph over a second, and the shell should be at its
//! prompt in well under 200 ms. So the counts are kept in the user's cache directory, keyed by
//! the store's path and by a fingerprint of its RocksDB files (the names and sizes of the table
//! files and of the non-empty write-ahead logs). Every write grows a log or makes a new table
//! file, so a changed store never shows stale counts: it is counted again. In-memory stores and
//! unwritable cache directories are simply counted every time.

use std::path::{Path, PathBuf};

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::store::Store;

/// What the banner says about a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Documents (`rel:Document` nodes).
    pub documents: u64,
    /// Entities: subjects of one of the entity classes (`vocab::ENTITY_CLASSES`).
    pub entities: u64,
    /// Statements in the default graph.
    pub triples: u64,
}

/// The store's counts, from the cache when the store has not changed since they were taken.
///
/// # Errors
/// The store cannot be read.
pub fn counts(store: &Store) -> Result<Counts> {
    let key = crate::store::fingerprint(store.path());
    let file = cache_file(store.path());
    if let (Some(key), Some(file)) = (&key, &file) {
        if let Some(c) = read_cache(file, key) {
            return Ok(c);
        }
    }
    let c = count(store)?;
    if let (Some(key), Some(file)) = (key, file) {
        // a cache that cannot be written only costs the next start some time
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(&file, format!("{key}\n{} {} {}\n", c.documents, c.entities, c.triples));
    }
    Ok(c)
}

/// Counts without the cache.
///
/// # Errors
/// The store cannot be read.
pub fn count(store: &Store) -> Result<Counts> {
    let one = |q: &str| -> Result<u64> {
        if let QueryResults::Solutions(mut s) = store.query(q, None, &[])? {
            if let Some(Ok(sol)) = s.next() {
                if let Some(Term::Literal(l)) = sol.get("n") {
                    return Ok(l.value().parse().unwrap_or(0));
                }
            }
        }
        Ok(0)
    };
    Ok(Counts {
        documents: one("SELECT (COUNT(*) AS ?n) WHERE { ?d a rel:Document }")?,
        entities: one(&format!(
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?k {{ {} }} ?e a ?k }}",
            crate::vocab::rel_values(crate::vocab::ENTITY_CLASSES)
        ))?,
        triples: one("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")?,
    })
}

fn cache_file(store: &Path) -> Option<PathBuf> {
    let path = std::fs::canonicalize(store).ok()?;
    let digest = Sha256::digest(path.to_string_lossy().as_bytes());
    Some(dirs::cache_dir()?.join("relate").join(format!("counts-{}", &hex(&digest)[..16])))
}

fn read_cache(file: &Path, key: &str) -> Option<Counts> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut lines = text.lines();
    if lines.next()? != key {
        return None;
    }
    let n: Vec<u64> = lines.next()?.split(' ').map(str::parse).collect::<std::result::Result<_, _>>().ok()?;
    match n.as_slice() {
        [documents, entities, triples] => {
            Some(Counts { documents: *documents, entities: *entities, triples: *triples })
        }
        _ => None,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_follow_table_files_and_non_empty_logs() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(p.join("000001.sst"), "abc").unwrap();
        std::fs::write(p.join("000002.log"), "").unwrap();
        std::fs::write(p.join("LOG"), "noise").unwrap();
        let a = crate::store::fingerprint(p).unwrap();
        std::fs::write(p.join("LOG"), "more noise").unwrap();
        std::fs::write(p.join("000003.log"), "").unwrap();
        assert_eq!(crate::store::fingerprint(p).unwrap(), a, "info logs and empty write-ahead logs do not count");
        std::fs::write(p.join("000003.log"), "a write").unwrap();
        assert_ne!(crate::store::fingerprint(p).unwrap(), a);
    }

    #[test]
    fn cache_entries_need_the_same_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("c");
        std::fs::write(&f, "key\n1 2 3\n").unwrap();
        assert_eq!(read_cache(&f, "key"), Some(Counts { documents: 1, entities: 2, triples: 3 }));
        assert_eq!(read_cache(&f, "other"), None);
    }
}
