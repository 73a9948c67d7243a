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

use oxigraph::io::{RdfFormat, RdfParser, RdfSyntaxError};
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
    for q in parser.clone().for_slice(bytes) {
        parsed.push(q.map_err(|e| syntax(path, bytes, parser.clone(), format, &e))?);
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

/// One line naming the file, the line and column where the parser says (the line where it
/// stopped, when it says nothing: see [`locate`]), and the format.
fn syntax(path: &Path, bytes: &[u8], parser: RdfParser, format: RdfFormat, e: &RdfSyntaxError) -> Error {
    let message = e.to_string().lines().map(str::trim).collect::<Vec<_>>().join(" ");
    Error::Data {
        what: at(path, locate(bytes, parser, e)),
        message: format!(
            "not valid {} ({message}); fix it, or leave the file out (nothing stored from it changed)",
            format.name()
        ),
    }
}

/// `path`, then `:line` and `:column` where they are known.
#[must_use]
pub fn at(path: &Path, location: Option<(usize, Option<usize>)>) -> String {
    match location {
        Some((line, Some(column))) => format!("{}:{line}:{column}", path.display()),
        Some((line, None)) => format!("{}:{line}", path.display()),
        None => path.display().to_string(),
    }
}

/// Where in `bytes` the error `e` of `parser` is: (line, column), counted from 1. Turtle and its
/// kin, and JSON's own syntax, give the place. RDF/XML errors, and JSON-LD's beyond JSON, give
/// none; for them the file is parsed again, fed a byte at a time, and the place is the line where
/// the parser stopped (the end of the XML tag, or of the JSON object, it rejected), without a
/// column.
#[must_use]
pub fn locate(bytes: &[u8], parser: RdfParser, e: &RdfSyntaxError) -> Option<(usize, Option<usize>)> {
    if let Some(l) = e.location() {
        return Some((l.start.line as usize + 1, Some(l.start.column as usize + 1)));
    }
    let read = std::rc::Rc::new(std::cell::Cell::new(0));
    let trickle = Trickle { bytes, read: std::rc::Rc::clone(&read) };
    // the same parser fails at the same place; only how far it read is new
    if !parser.for_reader(trickle).any(|r| r.is_err()) {
        return None;
    }
    let upto = bytes.get(..read.get())?;
    let end = upto.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(0, |i| i + 1);
    Some((upto[..end].iter().filter(|&&b| b == b'\n').count() + 1, None))
}

/// A reader that hands out one byte a call and counts them: how far a parser had to read when
/// it failed.
struct Trickle<'a> {
    bytes: &'a [u8],
    read: std::rc::Rc<std::cell::Cell<usize>>,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let at = self.read.get();
        match (self.bytes.get(at), buf.first_mut()) {
            (Some(&b), Some(slot)) => {
                *slot = b;
                self.read.set(at + 1);
                Ok(1)
            }
            _ => Ok(0),
        }
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

    #[test]
    fn rdf_xml_and_json_ld_errors_name_the_line_where_the_parser_stopped() {
        let xml = |line3: &str| {
            format!(
                "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:rdfs=\"http://www.w3.org/2000/01/rdf-schema#\">\n{line3}\n  <rdf:Description rdf:about=\"http://example.org/f\"><rdfs:label>f</rdfs:label></rdf:Description>\n</rdf:RDF>\n"
            )
        };
        // an XML error (a mismatched end tag) and an RDF one (an IRI with a space), both on line 3
        for bad in [
            "  <rdf:Description rdf:about=\"http://example.org/e\"><rdfs:label>e</rdfs:labl></rdf:Description>",
            "  <rdf:Description rdf:about=\"http://example.org/e e\"><rdfs:label>e</rdfs:label></rdf:Description>",
        ] {
            let msg = read(&xml(bad), RdfFormat::RdfXml).unwrap_err().to_string();
            assert!(msg.starts_with("x:3: not valid RDF/XML"), "{msg}");
            assert_eq!(msg.lines().count(), 1, "{msg}");
        }
        assert!(read(&xml(""), RdfFormat::RdfXml).is_ok());
        // JSON-LD: JSON's syntax has a column, JSON-LD's rules the line only
        let json_ld = RdfFormat::from_extension("jsonld").unwrap();
        let msg = read("{\n  \"@id\": \"http://example.org/d\",\n  \"http://example.org/p\": [1,\n}", json_ld)
            .unwrap_err()
            .to_string();
        assert!(msg.starts_with("x:4:1: not valid JSON-LD"), "{msg}");
        let msg = read("{\n  \"@id\": \"http://example.org/d\",\n  \"@type\": 5\n}", json_ld).unwrap_err().to_string();
        // the value is judged when its object ends
        assert!(msg.starts_with("x:4: not valid JSON-LD"), "{msg}");
    }
}
