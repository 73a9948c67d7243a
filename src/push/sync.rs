//! Which graphs a push sends, and the record of what landed. Each document graph is written as
//! N-Triples in the store's sorted order and hashed; a graph whose hash matches what the record
//! says this endpoint already holds is not sent again (unless `--all`). Hashing what is sent,
//! rather than the document's content hash, also catches graphs that changed without their
//! document changing: a relabelling by another document's build, a SPARQL update in the shell.
//! Graphs recorded for the endpoint but gone from the store are deleted there.
//!
//! Only document graphs are sent. The store's default graph is, by its invariant, the union of
//! the document graphs, so it holds nothing of its own; reference data (the presidents list) is
//! not stored apart from documents either: what a document says about a president is in that
//! document's graph.

use std::io::Write;
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::TripleRef;
use sha2::{Digest as _, Sha256};

use super::client::Endpoint;
use super::record::Record;
use crate::error::{Error, Result};
use crate::store::Store;

/// What a push did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    /// Graphs sent.
    pub pushed: usize,
    /// Graphs the endpoint already had as they are (per the push record), not sent.
    pub unchanged: usize,
    /// Graphs gone from the store, deleted at the endpoint.
    pub deleted: usize,
    /// Graphs the endpoint refused.
    pub failed: usize,
    /// Triples sent (in the graphs pushed).
    pub triples: usize,
    /// How long the push took.
    pub elapsed: Duration,
}

/// Pushes the store's document graphs to `endpoint`: changed ones only unless `all`; graphs
/// pushed before and since gone from the store are deleted. Writes one line per graph sent or
/// deleted and a summary to `out`, graphs the server refused to `err`. The record is updated
/// for every graph that landed, also when the push fails part-way.
///
/// # Errors
/// The endpoint cannot be reached, refuses the credentials or keeps failing (the push stops);
/// some graphs were refused (after the others were sent); the store or record cannot be read.
pub fn push(
    store: &Store,
    endpoint: &mut Endpoint,
    all: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Report> {
    let started = Instant::now();
    let url = endpoint.url().to_owned();
    let mut landed = Record::load(store.path())?.endpoints.remove(&url).unwrap_or_default();
    let graphs = store.graphs()?;
    let mut report = Report::default();
    let outcome = send(store, endpoint, &graphs, all, &mut landed, &mut report, out, err);
    Record::set_endpoint(store.path(), &url, landed)?;
    outcome?;
    report.elapsed = started.elapsed();
    writeln!(
        out,
        "{} pushed, {} unchanged, {} deleted, {} failed; {} triples sent to {url} in {:.2} s",
        report.pushed,
        report.unchanged,
        report.deleted,
        report.failed,
        report.triples,
        report.elapsed.as_secs_f64()
    )?;
    if report.failed > 0 {
        return Err(Error::SomeFailed { count: report.failed, total: graphs.len() });
    }
    Ok(report)
}

#[allow(clippy::too_many_arguments)]
fn send(
    store: &Store,
    endpoint: &mut Endpoint,
    graphs: &[String],
    all: bool,
    landed: &mut std::collections::BTreeMap<String, String>,
    report: &mut Report,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    for graph in graphs {
        let (body, triples) = ntriples(store, graph)?;
        let hash = sha256_hex(&body);
        if !all && landed.get(graph) == Some(&hash) {
            report.unchanged += 1;
            continue;
        }
        match endpoint.put(graph, "application/n-triples", &body) {
            Ok(()) => {
                landed.insert(graph.clone(), hash);
                report.pushed += 1;
                report.triples += triples;
                writeln!(out, "pushed <{graph}> ({triples} triples)")?;
            }
            Err(e) if e.is_fatal() => return Err(e.into()),
            Err(e) => {
                // the server has the old version or none: send it again next time
                landed.remove(graph);
                writeln!(err, "relate: {e}")?;
                report.failed += 1;
            }
        }
    }
    let gone: Vec<String> = landed.keys().filter(|g| graphs.binary_search(g).is_err()).cloned().collect();
    for graph in gone {
        match endpoint.delete(&graph) {
            Ok(()) => {
                landed.remove(&graph);
                report.deleted += 1;
                writeln!(out, "deleted <{graph}> (no longer in the store)")?;
            }
            Err(e) if e.is_fatal() => return Err(e.into()),
            Err(e) => {
                writeln!(err, "relate: {e}")?;
                report.failed += 1;
            }
        }
    }
    Ok(())
}

/// One graph's triples as N-Triples, in the store's sorted (deterministic) order.
fn ntriples(store: &Store, graph: &str) -> Result<(Vec<u8>, usize)> {
    let quads = store.sorted_quads(Some(graph))?;
    let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for q in &quads {
        w.serialize_triple(TripleRef::new(q.subject.as_ref(), q.predicate.as_ref(), q.object.as_ref()))?;
    }
    Ok((w.finish()?, quads.len()))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
