//! What was pushed where: for each endpoint URL, each graph IRI that landed there and the
//! SHA-256 of the N-Triples that were sent. Kept as JSON in a file inside the store directory
//! (`relate-push.json`), not in the store itself: a metadata graph would be a named graph
//! without a Document node, which `relate check` reports, `relate export` would write out and
//! path search would read. RocksDB leaves files it does not name alone, and the record goes
//! wherever the store goes (and is gone with it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The record file's name inside the store directory.
pub const FILE: &str = "relate-push.json";

/// Graph IRI ▶ SHA-256 of what was sent, per endpoint URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    /// Endpoint URL ▶ (graph IRI ▶ SHA-256 of the graph last sent there).
    pub endpoints: BTreeMap<String, BTreeMap<String, String>>,
}

impl Record {
    /// The record of the store at `store`, empty when there is none yet.
    ///
    /// # Errors
    /// The file exists but cannot be read or is not a record.
    pub fn load(store: &Path) -> Result<Self> {
        let path = store.join(FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::Invalid {
                what: path.display().to_string(),
                message: format!("not a push record ({e}); delete it and push with --all"),
                source: Box::new(e),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Record::default()),
            Err(source) => Err(Error::Read { path, source }),
        }
    }

    /// Writes the record beside the store's files, atomically (a temporary file renamed).
    ///
    /// # Errors
    /// The directory is not writable.
    pub fn save(&self, store: &Path) -> Result<()> {
        let path = store.join(FILE);
        let tmp = PathBuf::from(format!("{}.{}.partial", path.display(), std::process::id()));
        let text = serde_json::to_vec_pretty(self).map_err(|e| Error::invalid("push record", e))?;
        std::fs::write(&tmp, text).map_err(|source| Error::Write { path: tmp.clone(), source })?;
        std::fs::rename(&tmp, &path).map_err(|source| Error::Write { path, source })
    }

    /// Records what `endpoint` now holds, leaving the other endpoints' entries as the file has
    /// them now: a push to another endpoint running at the same time keeps its entry.
    ///
    /// # Errors
    /// As [`Record::load`] and [`Record::save`].
    pub fn set_endpoint(store: &Path, endpoint: &str, graphs: BTreeMap<String, String>) -> Result<()> {
        let mut record = Record::load(store)?;
        record.endpoints.insert(endpoint.to_owned(), graphs);
        record.save(store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_starts_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Record::load(dir.path()).unwrap(), Record::default());
        let mut r = Record::default();
        r.endpoints.entry("http://h/store".into()).or_default().insert("urn:g".into(), "abc".into());
        r.save(dir.path()).unwrap();
        assert_eq!(Record::load(dir.path()).unwrap(), r);
        // another push, to another endpoint, finishing meanwhile: both entries stay
        let other = BTreeMap::from([("urn:h".to_owned(), "def".to_owned())]);
        Record::set_endpoint(dir.path(), "http://other/store", other.clone()).unwrap();
        let mut both = r.clone();
        both.endpoints.insert("http://other/store".into(), other);
        assert_eq!(Record::load(dir.path()).unwrap(), both);
        std::fs::write(dir.path().join(FILE), "nonsense").unwrap();
        assert!(Record::load(dir.path()).unwrap_err().to_string().contains("--all"));
    }
}
