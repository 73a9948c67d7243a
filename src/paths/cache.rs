//! The projection cached beside the store: `relate path`, `neighbours` and `ask` are one-shot
//! processes, and projecting a million-triple store takes about a second, so the projection is
//! written once per store state to `relate-projection.bin` in the store directory and read
//! back (tens of milliseconds) while the store is unchanged.
//!
//! The key is a fingerprint of the store directory: the names, sizes and modification times of
//! RocksDB's data files (tables, write-ahead logs, manifest). Every write to the store appends
//! to a log or adds a table, so any change (a `relate build`, a SPARQL update in the shell)
//! changes the fingerprint; a read-only open changes nothing. Document content hashes alone
//! would not do: a SPARQL update changes the graph without changing any document. A stale
//! cache is therefore never read; at worst a compaction or a read-write open that wrote nothing
//! costs one extra projection. The relate binary itself (size and modification time) is part
//! of the key too, so a new build never reads an older build's projection. Writing the cache is best effort (a read-only directory just
//! means no cache), and atomic (written aside, then renamed).

use std::io::Write;
use std::path::{Path, PathBuf};

use petgraph::graph::NodeIndex;
use sha2::{Digest, Sha256};

use super::{Node, Projection, Relation, RelationKind};
use crate::error::Result;
use crate::store::Store;

/// Name of the cache file in the store directory.
pub const FILE: &str = "relate-projection.bin";
const MAGIC: &[u8; 8] = b"RELPROJ\0";
/// Bumped whenever the projection or this encoding changes.
const FORMAT: u32 = 2;

/// A store directory's state, as far as the projection is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    /// Fingerprint of the store in `dir`; `None` for an in-memory store or an unreadable
    /// directory.
    ///
    /// # Complexity
    /// One directory listing and a `stat` per file: well under a millisecond.
    #[must_use]
    pub fn of(dir: &Path) -> Option<Self> {
        let mut files: Vec<(String, u64, u128)> = Vec::new();
        for entry in std::fs::read_dir(dir).ok()? {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name().to_string_lossy().into_owned();
            // the info log and the lock change without the data changing; files named
            // relate-* are ours (this cache, the push record), not the store's data
            if name == "LOCK" || name.starts_with("LOG") || name.starts_with("relate-") {
                continue;
            }
            // a file deleted while listing (a compaction) is simply left out
            let Ok(meta) = entry.metadata() else { continue };
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            files.push((name, meta.len(), modified));
        }
        if !files.iter().any(|f| f.0 == "CURRENT") {
            return None;
        }
        files.sort();
        let mut h = Sha256::new();
        h.update(MAGIC);
        h.update(FORMAT.to_le_bytes());
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        // another build of relate may project differently: its binary is part of the key
        if let Some(meta) = std::env::current_exe().ok().and_then(|e| std::fs::metadata(e).ok()) {
            h.update(meta.len().to_le_bytes());
            let built = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            h.update(built.to_le_bytes());
        }
        for (name, len, modified) in files {
            h.update(name.as_bytes());
            h.update([0]);
            h.update(len.to_le_bytes());
            h.update(modified.to_le_bytes());
        }
        Some(Fingerprint(h.finalize().into()))
    }
}

/// Where the projection came from, for `--verbose`-style reporting and the benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Read from the cache file.
    Cache,
    /// Projected from the store (and written to the cache when possible).
    Store,
}

impl Projection {
    /// The projection of `store`: read from the cache file when the store has not changed since
    /// it was written, otherwise projected (and cached for next time).
    ///
    /// # Errors
    /// The store cannot be queried.
    pub fn cached(store: &Store) -> Result<Self> {
        Ok(Self::cached_with_source(store)?.0)
    }

    /// Like [`Projection::cached`], also saying where the projection came from.
    ///
    /// # Errors
    /// The store cannot be queried.
    pub fn cached_with_source(store: &Store) -> Result<(Self, Source)> {
        let dir = store.path();
        let Some(fp) = Fingerprint::of(dir) else { return Ok((Self::from_store(store)?, Source::Store)) };
        let file = dir.join(FILE);
        if let Ok(bytes) = std::fs::read(&file) {
            if let Some(p) = Self::decode(&bytes, &fp) {
                return Ok((p, Source::Cache));
            }
        }
        // the fingerprint is taken before projecting: if a writer changes the store meanwhile,
        // the next fingerprint differs and this file is never read
        let p = Self::from_store(store)?;
        let _ = p.save(&file, &fp);
        Ok((p, Source::Store))
    }

    /// Writes the projection to `file` (aside, then renamed into place).
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn save(&self, file: &Path, fp: &Fingerprint) -> std::io::Result<()> {
        let tmp = PathBuf::from(format!("{}.{}.tmp", file.display(), std::process::id()));
        let result = (|| {
            let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            w.write_all(&self.encode(fp))?;
            w.into_inner().map_err(std::io::IntoInnerError::into_error)?.sync_all()?;
            std::fs::rename(&tmp, file)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// The projection as bytes, tagged with the store's fingerprint.
    #[must_use]
    pub fn encode(&self, fp: &Fingerprint) -> Vec<u8> {
        let mut w = Enc(Vec::with_capacity(1 << 16));
        w.0.extend_from_slice(MAGIC);
        w.u32(FORMAT);
        w.0.extend_from_slice(&fp.0);
        w.len(self.nodes.len());
        for n in &self.nodes {
            w.str(&n.iri);
            w.str(&n.label);
            w.str(&n.kind);
            w.len(n.names.len());
            for a in &n.names {
                w.str(a);
            }
        }
        w.len(self.relations.len());
        for r in &self.relations {
            w.0.push(r.kind.code());
            w.opt_str(r.role.as_deref());
            w.opt_i32(r.start);
            w.opt_i32(r.end);
            w.0.push(match r.ended {
                None => 0,
                Some(false) => 1,
                Some(true) => 2,
            });
            w.0.push(u8::from(r.years_inferred));
            w.opt_u32(r.organization.map(|o| o.index()));
            w.opt_str(r.statement.as_deref());
            w.len(r.source.index());
            w.len(r.target.index());
        }
        w.0
    }

    /// Reads what [`Projection::encode`] wrote, if it carries this fingerprint and is intact.
    #[must_use]
    pub fn decode(bytes: &[u8], fp: &Fingerprint) -> Option<Self> {
        let mut r = Dec(bytes);
        if r.take(8)? != MAGIC || r.u32()? != FORMAT || r.take(32)? != fp.0 {
            return None;
        }
        let n = r.len()?;
        let mut nodes = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            let (iri, label, kind) = (r.str()?, r.str()?, r.str()?);
            let k = r.len()?;
            let names = (0..k).map(|_| r.str()).collect::<Option<Vec<_>>>()?;
            nodes.push(Node { iri, label, kind, names });
        }
        let m = r.len()?;
        let mut edges = Vec::with_capacity(m.min(bytes.len()));
        for _ in 0..m {
            let kind = RelationKind::from_code(r.take(1)?[0])?;
            let role = r.opt_str()?;
            let (start, end) = (r.opt_i32()?, r.opt_i32()?);
            let ended = match r.take(1)?[0] {
                0 => None,
                1 => Some(false),
                _ => Some(true),
            };
            let years_inferred = r.take(1)?[0] != 0;
            let organization = r.opt_u32()?.map(|o| NodeIndex::new(o as usize));
            let statement = r.opt_str()?;
            let (a, b) = (r.len()?, r.len()?);
            if a >= n || b >= n || organization.is_some_and(|o| o.index() >= n) {
                return None;
            }
            edges.push((
                a,
                b,
                Relation {
                    kind,
                    role,
                    start,
                    end,
                    ended,
                    years_inferred,
                    organization,
                    statement,
                    source: NodeIndex::end(),
                    target: NodeIndex::end(),
                },
            ));
        }
        if !r.0.is_empty() {
            return None;
        }
        Some(Projection::from_parts(nodes, edges))
    }
}

struct Enc(Vec<u8>);

impl Enc {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, v: usize) {
        self.u32(u32::try_from(v).unwrap_or(u32::MAX));
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        self.0.push(u8::from(s.is_some()));
        if let Some(s) = s {
            self.str(s);
        }
    }
    fn opt_i32(&mut self, v: Option<i32>) {
        self.0.push(u8::from(v.is_some()));
        if let Some(v) = v {
            self.0.extend_from_slice(&v.to_le_bytes());
        }
    }
    fn opt_u32(&mut self, v: Option<usize>) {
        self.0.push(u8::from(v.is_some()));
        if let Some(v) = v {
            self.len(v);
        }
    }
}

struct Dec<'a>(&'a [u8]);

impl<'a> Dec<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn len(&mut self) -> Option<usize> {
        self.u32().map(|v| v as usize)
    }
    fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn flag(&mut self) -> Option<bool> {
        Some(self.take(1)?[0] != 0)
    }
    fn opt_str(&mut self) -> Option<Option<String>> {
        if self.flag()? {
            self.str().map(Some)
        } else {
            Some(None)
        }
    }
    fn opt_i32(&mut self) -> Option<Option<i32>> {
        if self.flag()? {
            Some(Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?)))
        } else {
            Some(None)
        }
    }
    fn opt_u32(&mut self) -> Option<Option<u32>> {
        if self.flag()? {
            self.u32().map(Some)
        } else {
            Some(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Projection {
        let node = |i: usize| Node {
            iri: format!("urn:n{i}"),
            label: format!("Nö {i}"),
            kind: "Person".into(),
            names: vec![format!("alias {i}")],
        };
        let full = Relation {
            role: Some("Chair".into()),
            start: Some(2009),
            end: Some(2016),
            ended: Some(true),
            years_inferred: true,
            organization: Some(NodeIndex::new(2)),
            statement: Some("urn:q".into()),
            ..Relation::new(RelationKind::ServedUnder)
        };
        Projection::from_parts(
            (0..3).map(node).collect(),
            vec![(0, 1, full), (1, 2, Relation::new(RelationKind::PartOf))],
        )
    }

    #[test]
    fn encoding_round_trips_and_checks_the_fingerprint() {
        let p = sample();
        let fp = Fingerprint([7; 32]);
        let bytes = p.encode(&fp);
        let q = Projection::decode(&bytes, &fp).expect("decodes");
        assert_eq!(q.nodes, p.nodes);
        assert_eq!(q.relations, p.relations);
        assert_eq!(q.degree(NodeIndex::new(1)), 2);
        assert!(Projection::decode(&bytes, &Fingerprint([8; 32])).is_none(), "another store state");
        assert!(Projection::decode(&bytes[..bytes.len() - 1], &fp).is_none(), "truncated");
        assert!(Projection::decode(b"garbage", &fp).is_none());
    }

    #[test]
    fn fingerprint_follows_the_data_files_not_the_log_or_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Fingerprint::of(dir.path()).is_none(), "not a store");
        std::fs::write(dir.path().join("CURRENT"), "MANIFEST-000001\n").unwrap();
        std::fs::write(dir.path().join("000001.log"), "a").unwrap();
        let a = Fingerprint::of(dir.path()).unwrap();
        std::fs::write(dir.path().join("LOG"), "info").unwrap();
        std::fs::write(dir.path().join(FILE), "cache").unwrap();
        assert_eq!(Fingerprint::of(dir.path()), Some(a));
        std::fs::write(dir.path().join("000001.log"), "ab").unwrap();
        assert_ne!(Fingerprint::of(dir.path()), Some(a));
        let saved = sample();
        let fp = Fingerprint::of(dir.path()).unwrap();
        saved.save(&dir.path().join(FILE), &fp).unwrap();
        assert_eq!(Fingerprint::of(dir.path()), Some(fp), "writing the cache does not change the key");
        let back = Projection::decode(&std::fs::read(dir.path().join(FILE)).unwrap(), &fp).unwrap();
        assert_eq!(back.relations, saved.relations);
    }
}
