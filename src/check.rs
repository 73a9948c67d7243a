//! `relate check`: verifies the invariants every write path keeps, on a store as it is on disk.
//!
//! - the default graph is the set union of the document graphs (nothing more, nothing less);
//! - every named graph holds exactly one `rel:Document` node, and no Document node stands
//!   outside a document graph or in two;
//! - every evidence quote is its document's text at the stated character offsets.
//!
//! Quotes are checked against the files the documents were built from (`rel:sourcePath`,
//! relative to the directory the build ran in); a file that is gone or changed since (its
//! SHA-256 differs) is noted and its quotes are skipped: that is the file's state, not the
//! store's. This module finds problems; `app` prints them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term, Triple};

use crate::document::Document;
use crate::error::Result;
use crate::store::Store;
use crate::vocab::{self, rel};

/// What `relate check` found.
#[derive(Debug, Default)]
pub struct Report {
    /// One line per broken invariant, in a stable order.
    pub problems: Vec<String>,
    /// Things that could not be checked (a document's file gone or changed).
    pub notes: Vec<String>,
    /// Document graphs checked.
    pub graphs: usize,
    /// Statements in the document graphs, each looked for in the default graph.
    pub statements: usize,
    /// Statements in the default graph, each looked for in a document graph.
    pub union: usize,
    /// Evidence quotes compared with their documents' text.
    pub quotes: usize,
}

/// Checks `store`.
///
/// # Errors
/// The store cannot be read.
pub fn run(store: &Store) -> Result<Report> {
    let mut report = Report::default();
    let graphs = store.graphs()?;
    report.graphs = graphs.len();
    union(store, &graphs, &mut report)?;
    let documents = documents(store, &graphs, &mut report)?;
    for (graph, doc) in &documents {
        quotes(store, graph, doc, &mut report)?;
    }
    Ok(report)
}

fn triple(q: Quad) -> Triple {
    Triple::new(q.subject, q.predicate, q.object)
}

/// Default graph = union of the document graphs, both ways.
fn union(store: &Store, graphs: &[String], report: &mut Report) -> Result<()> {
    let mut extra = Vec::new();
    for q in store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)) {
        let t = triple(q?);
        report.union += 1;
        let mut stated = false;
        for o in
            store.quads_for_pattern(Some(t.subject.as_ref()), Some(t.predicate.as_ref()), Some(t.object.as_ref()), None)
        {
            if o?.graph_name != GraphName::DefaultGraph {
                stated = true;
                break;
            }
        }
        if !stated {
            extra.push(format!("union: {t} is in the default graph but in no document graph"));
        }
    }
    extra.sort();
    report.problems.extend(extra);
    let mut missing = BTreeSet::new();
    for g in graphs {
        let gn = NamedNode::new_unchecked(g.as_str());
        for q in store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(gn.as_ref()))) {
            let t = triple(q?);
            report.statements += 1;
            if !store.contains(t.as_ref().in_graph(GraphNameRef::DefaultGraph))? {
                missing.insert(format!("union: {t} (graph <{g}>) is missing from the default graph"));
            }
        }
    }
    report.problems.extend(missing);
    Ok(())
}

/// One Document node per graph, none outside; returns each graph's Document node.
fn documents(store: &Store, graphs: &[String], report: &mut Report) -> Result<Vec<(String, NamedOrBlankNode)>> {
    let rdf_type = NamedNode::new_unchecked(vocab::RDF_TYPE);
    let document = NamedNode::new_unchecked(rel("Document"));
    let mut in_graphs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut out = Vec::new();
    for q in store.quads_for_pattern(None, Some(rdf_type.as_ref()), Some(document.as_ref().into()), None) {
        let q = q?;
        let graphs = in_graphs.entry(q.subject.to_string()).or_default();
        if let GraphName::NamedNode(g) = q.graph_name {
            graphs.push(g.to_string());
        }
    }
    for g in graphs {
        let gn = NamedNode::new_unchecked(g.as_str());
        let docs: Vec<NamedOrBlankNode> = store
            .quads_for_pattern(
                None,
                Some(rdf_type.as_ref()),
                Some(document.as_ref().into()),
                Some(GraphNameRef::NamedNode(gn.as_ref())),
            )
            .map(|q| q.map(|q| q.subject))
            .collect::<Result<_>>()?;
        match docs.as_slice() {
            [one] => out.push((g.clone(), one.clone())),
            [] => report.problems.push(format!("document: graph <{g}> has no Document node")),
            many => report.problems.push(format!(
                "document: graph <{g}> has {} Document nodes: {}",
                many.len(),
                many.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            )),
        }
    }
    for (d, graphs) in &in_graphs {
        match graphs.len() {
            0 => report.problems.push(format!("document: {d} is a Document in no document graph")),
            1 => {}
            n => report.problems.push(format!("document: {d} is a Document in {n} graphs: {}", graphs.join(", "))),
        }
    }
    Ok(out)
}

fn literal(t: &Term) -> Option<&str> {
    match t {
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

/// Every quote in `graph` is its document's text at its offsets.
fn quotes(store: &Store, graph: &str, doc: &NamedOrBlankNode, report: &mut Report) -> Result<()> {
    let gn = NamedNode::new_unchecked(graph);
    let g = Some(GraphNameRef::NamedNode(gn.as_ref()));
    let value = |p: &str| -> Result<Option<String>> {
        let p = NamedNode::new_unchecked(rel(p));
        match store.quads_for_pattern(Some(doc.as_ref()), Some(p.as_ref()), None, g).next() {
            Some(q) => Ok(literal(&q?.object).map(str::to_owned)),
            None => Ok(None),
        }
    };
    let (Some(source), sha) = (value("sourcePath")?, value("contentSha256")?) else {
        report.problems.push(format!("document: {doc} in graph <{graph}> has no rel:sourcePath"));
        return Ok(());
    };
    // each evidenced node: its quotes, starts and ends (a fact stated twice has two of each)
    let mut evidence: BTreeMap<String, [BTreeSet<String>; 3]> = BTreeMap::new();
    for (i, p) in ["evidenceQuote", "evidenceStart", "evidenceEnd"].iter().enumerate() {
        let p = NamedNode::new_unchecked(rel(p));
        for q in store.quads_for_pattern(None, Some(p.as_ref()), None, g) {
            let q = q?;
            if let Some(v) = literal(&q.object) {
                evidence.entry(q.subject.to_string()).or_default()[i].insert(v.to_owned());
            }
        }
    }
    if evidence.is_empty() {
        return Ok(());
    }
    let bytes = match std::fs::read(Path::new(&source)) {
        Ok(b) => b,
        Err(e) => {
            report
                .notes
                .push(format!("{source}: cannot read it ({e}); its {} quotes were not checked", evidence.len()));
            return Ok(());
        }
    };
    let text = match Document::from_bytes(&source, &bytes) {
        Ok(d) if sha.as_deref().is_none_or(|s| s == d.sha256) => d.text,
        _ => {
            report.notes.push(format!(
                "{source}: changed since it was built; its {} quotes were not checked (rebuild it)",
                evidence.len()
            ));
            return Ok(());
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let at = |s: &str, e: &str| -> Option<String> {
        let (s, e): (usize, usize) = (s.parse().ok()?, e.parse().ok()?);
        (s <= e && e <= chars.len()).then(|| chars[s..e].iter().collect())
    };
    for (node, [quotes, starts, ends]) in &evidence {
        for quote in quotes {
            report.quotes += 1;
            let found = starts.iter().any(|s| ends.iter().any(|e| at(s, e).as_deref() == Some(quote.as_str())));
            if !found {
                let (s, e) = (
                    starts.iter().next().cloned().unwrap_or_default(),
                    ends.iter().next().cloned().unwrap_or_default(),
                );
                let there =
                    at(&s, &e).map_or_else(|| "nothing (beyond the end)".to_owned(), |t| format!("{:?}", short(&t)));
                report.problems.push(format!(
                    "quote: {node} in {source} chars {s}–{e} quotes {:?} but the document has {there} there",
                    short(quote)
                ));
            }
        }
        if quotes.is_empty() {
            report.problems.push(format!("quote: {node} in {source} has offsets but no rel:evidenceQuote"));
        }
    }
    Ok(())
}

/// A quote cut to one readable line.
fn short(s: &str) -> String {
    let one: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if one.chars().count() > 80 {
        format!("{}…", one.chars().take(80).collect::<String>())
    } else {
        one
    }
}
