//! RDF files in: a Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML file that `build` is
//! given becomes a document graph of its own, named by the file as a text document's is, holding
//! the file's statements as they are plus the Document node every document graph has. So RDF
//! files share the text documents' change detection (the content hash on the Document node),
//! batches and atomic writes, `remove`, `push` and `export`. Nothing is extracted from them.
//!
//! Parsing is Oxigraph's (`oxigraph::io`), relative IRIs resolved against the build's base IRI
//! (as in `data/reference/`). Statements in named graphs of an N-Quads or TriG file go to the
//! file's graph. Blank nodes are renamed by the file's content hash, so two files' `_:b0` stay
//! two nodes in the union default graph. Statements about a `rel:Document` node in the file
//! (an export of relate read back) are left out: a document graph has exactly one, its own.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::error::{Error, Result};
use crate::vocab::{self, rel};

/// File extensions read as RDF, each Oxigraph's name for its format.
pub const EXTENSIONS: &[&str] = &["ttl", "nt", "nq", "trig", "jsonld", "rdf"];

/// The `rel:loader` of an RDF file's Document node.
pub const LOADER: &str = "rdf";

/// The RDF format of a file, by its extension; `None` for a text document.
#[must_use]
pub fn format_of(path: &Path) -> Option<RdfFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if EXTENSIONS.contains(&ext.as_str()) {
        RdfFormat::from_extension(&ext)
    } else {
        None
    }
}

/// An RDF file's document graph.
#[derive(Debug, Clone)]
pub struct Graph {
    /// The document graph's quads, its Document node included.
    pub quads: Vec<Quad>,
    /// distinct typed subjects
    pub entities: usize,
}

/// Parses `bytes` (the file at `path`, stored under the source name `source`) into the quads
/// of document graph `graph`, with its Document node `doc_iri` carrying `sha256`.
///
/// # Errors
/// The file is not valid RDF of its format: the error names the file and, where the parser
/// says, the line and column.
#[allow(clippy::too_many_arguments)]
pub fn graph(
    path: &Path,
    source: &str,
    bytes: &[u8],
    format: RdfFormat,
    base: &str,
    graph: &str,
    doc_iri: &str,
    sha256: &str,
) -> Result<Graph> {
    let parser = RdfParser::from_format(format).with_base_iri(base).map_err(|e| Error::invalid("base IRI", e))?;
    let mut parsed = Vec::new();
    for q in parser.for_slice(bytes) {
        parsed.push(q.map_err(|e| syntax(path, format, &e))?);
    }
    let g = GraphName::NamedNode(NamedNode::new_unchecked(graph));
    let document = Term::NamedNode(NamedNode::new_unchecked(rel("Document")));
    let skipped: HashSet<NamedOrBlankNode> = parsed
        .iter()
        .filter(|q| q.predicate.as_str() == vocab::RDF_TYPE && q.object == document)
        .map(|q| q.subject.clone())
        .collect();
    let mut blanks: HashMap<String, BlankNode> = HashMap::new();
    let mut blank = |b: &BlankNode| {
        blanks
            .entry(b.as_str().to_owned())
            .or_insert_with(|| {
                let h = crate::document::sha256_hex(format!("{sha256} {}", b.as_str()).as_bytes());
                BlankNode::new_unchecked(format!("f{}", &h[..32]))
            })
            .clone()
    };
    let mut quads = Vec::with_capacity(parsed.len() + 5);
    let mut typed = HashSet::new();
    for q in parsed {
        if skipped.contains(&q.subject) {
            continue;
        }
        let subject: NamedOrBlankNode = match &q.subject {
            NamedOrBlankNode::BlankNode(b) => blank(b).into(),
            other => other.clone(),
        };
        let object: Term = match &q.object {
            Term::BlankNode(b) => blank(b).into(),
            other => other.clone(),
        };
        if q.predicate.as_str() == vocab::RDF_TYPE {
            typed.insert(subject.clone());
        }
        quads.push(Quad::new(subject, q.predicate, object, g.clone()));
    }
    let d = NamedNode::new_unchecked(doc_iri);
    let lit = |s: &str| Term::Literal(Literal::new_simple_literal(s));
    for (p, o) in [
        (vocab::RDF_TYPE.to_owned(), document),
        (rel("sourcePath"), lit(source)),
        (rel("contentSha256"), lit(sha256)),
        (rel("loader"), lit(LOADER)),
        (rel("relateVersion"), lit(env!("CARGO_PKG_VERSION"))),
    ] {
        quads.push(Quad::new(d.clone(), NamedNode::new_unchecked(p), o, g.clone()));
    }
    Ok(Graph { quads, entities: typed.len() })
}

/// One line naming the file, the line and column where the parser says, and the format.
fn syntax(path: &Path, format: RdfFormat, e: &oxigraph::io::RdfSyntaxError) -> Error {
    let at = e.location().map(|l| (l.start.line + 1, l.start.column + 1));
    let what = match at {
        Some((line, column)) => format!("{}:{line}:{column}", path.display()),
        None => path.display().to_string(),
    };
    let message = e.to_string().lines().map(str::trim).collect::<Vec<_>>().join(" ");
    Error::Data {
        what,
        message: format!(
            "not valid {} ({message}); fix it, or leave the file out (nothing stored from it changed)",
            format.name()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, format: RdfFormat) -> Result<Graph> {
        graph(
            Path::new("x"),
            "x",
            text.as_bytes(),
            format,
            "http://example.org/",
            "http://example.org/graph/x",
            "http://example.org/doc/x",
            "abc",
        )
    }

    #[test]
    fn statements_land_in_the_files_graph_with_one_document_node() {
        let g = read(
            "<http://a> <http://b> _:n .\n_:n <http://c> \"d\" <http://other> .\n<http://d0> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/relate/ontology#Document> .\n<http://d0> <http://e> \"f\" .\n",
            RdfFormat::NQuads,
        )
        .unwrap();
        assert!(g.quads.iter().all(|q| q.graph_name.to_string() == "<http://example.org/graph/x>"));
        let docs: Vec<_> = g.quads.iter().filter(|q| q.object.to_string().ends_with("#Document>")).collect();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].subject.to_string(), "<http://example.org/doc/x>");
        assert!(!g.quads.iter().any(|q| q.subject.to_string() == "<http://d0>"));
        // blank nodes are renamed the same way for the same content
        assert!(read("_:a <http://b> 1 .", RdfFormat::NTriples).is_err(), "a literal needs quotes");
        let once = read("_:a <http://b> \"1\" .", RdfFormat::NTriples).unwrap().quads;
        assert_eq!(once, read("_:a <http://b> \"1\" .", RdfFormat::NTriples).unwrap().quads);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = read("<http://a> <http://b> <http://c> .\n<http://a> <http://b> .\n", RdfFormat::Turtle).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("x:2:"), "{msg}");
        assert!(msg.contains("not valid Turtle"), "{msg}");
        assert_eq!(msg.lines().count(), 1);
    }
}
