//! SHACL validation: a data graph (the store's union graph, or an RDF file) against a shapes
//! graph (`ontology/shapes.ttl`, compiled in, or a file), by rudof's `shacl` crate. The outcome
//! is the W3C validation report as RDF (for `--report`, in Turtle) and the findings read back
//! from that report for a human summary; nothing here prints.
//!
//! The engine reads its graphs from N-Triples or Turtle text: the store's union graph goes to it
//! as `relate export --format ntriples` writes it, and a data file is parsed by Oxigraph first
//! (any format it reads), so a syntax error names the file and the line.

use std::io::Write;
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{NamedOrBlankNode, Quad, Term, Triple};
use rudof_rdf::rdf_core::RDFFormat;
use rudof_rdf::rdf_impl::{OxigraphInMemory, ReaderMode};
use shacl::validator::processor::{GraphValidation, ShaclProcessor};
use shacl::validator::store::{Graph, ShaclDataManager};
use shacl::validator::{ShaclConfig, ShaclValidationMode};

use crate::error::{Error, Result, Usage};
use crate::vocab;

/// The shapes every graph relate writes satisfies (`ontology/shapes.ttl`).
pub const BUILTIN_SHAPES: &str = include_str!("../ontology/shapes.ttl");
/// How the built-in shapes are named in messages.
pub const BUILTIN_NAME: &str = "ontology/shapes.ttl (built in)";

const SH: &str = "http://www.w3.org/ns/shacl#";

/// One result of the report: a focus node that fails a constraint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// `Violation`, `Warning` or `Info`.
    pub severity: String,
    /// The focus node, as an N-Triples term.
    pub focus: String,
    /// The property path, when the constraint was on a property.
    pub path: Option<String>,
    /// The constraint component (`MinCountConstraintComponent`, ...), local name.
    pub component: String,
    /// The offending value, when there is one.
    pub value: Option<String>,
    /// The shape's `sh:message`, or the engine's.
    pub message: Option<String>,
}

/// What a validation found.
#[derive(Debug)]
pub struct Outcome {
    /// The data graph conforms to the shapes: no result of any severity.
    pub conforms: bool,
    /// The validation report graph (`sh:ValidationReport` and its `sh:result`s).
    pub report: Vec<Triple>,
    /// Its results, sorted by severity, focus node and path.
    pub findings: Vec<Finding>,
    /// Triples in the data graph.
    pub data_triples: usize,
}

impl Outcome {
    /// How many results have severity `sh:Violation`.
    #[must_use]
    pub fn violations(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == "Violation").count()
    }

    /// Writes the report as Turtle, with the `sh:` and ontology prefixes.
    ///
    /// # Errors
    /// The writer fails.
    pub fn write_turtle(&self, out: &mut dyn Write) -> Result<()> {
        let mut ser = RdfSerializer::from_format(RdfFormat::Turtle);
        for (p, i) in vocab::PREFIXES {
            ser = ser.with_prefix(*p, *i).map_err(|e| Error::invalid("prefix", e))?;
        }
        let mut w = ser.for_writer(Vec::new());
        for t in &self.report {
            w.serialize_triple(t)?;
        }
        let mut bytes = w.finish()?;
        if bytes.last().is_some_and(|b| *b != b'\n') {
            bytes.push(b'\n');
        }
        out.write_all(&bytes)?;
        Ok(())
    }
}

/// Reads an RDF file (format from its extension) into N-Triples text for the engine; a dataset
/// format gives the triples of all its graphs.
///
/// # Errors
/// The file cannot be read, its extension names no RDF format, or it does not parse.
pub fn file_as_ntriples(path: &Path) -> Result<Vec<u8>> {
    let format = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(RdfFormat::from_extension)
        .ok_or_else(|| Error::from(Usage::RdfExtension { path: path.to_owned() }))?;
    let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
    let mut out = Vec::with_capacity(bytes.len());
    let parser = RdfParser::from_format(format);
    for q in parser.clone().for_slice(&bytes) {
        let q: Quad = q.map_err(|e| Error::Invalid {
            what: crate::import::at(path, crate::import::locate(&bytes, parser.clone(), &e)),
            message: format!("not valid {} ({e}); fix the file", format.name()),
            source: Box::new(e),
        })?;
        writeln!(out, "{} {} {} .", q.subject, q.predicate, q.object)?;
    }
    Ok(out)
}

/// Validates `data` (N-Triples) against `shapes` (Turtle, named `shapes_name` in messages).
///
/// # Errors
/// The shapes do not parse or are not valid SHACL, or the engine fails.
pub fn validate(data: &[u8], shapes: &str, shapes_name: &str) -> Result<Outcome> {
    let schema =
        ShaclDataManager::load(&mut shapes.as_bytes(), shapes_name, &RDFFormat::Turtle, None).map_err(|e| {
            Error::Invalid {
                what: shapes_name.to_owned(),
                message: format!("not a SHACL shapes graph ({e}); fix the shapes"),
                source: Box::new(e),
            }
        })?;
    let graph = OxigraphInMemory::from_reader(&mut &data[..], "data", &RDFFormat::NTriples, None, &ReaderMode::Strict)
        .map_err(|e| Error::invalid("data graph", e))?;
    let data_triples = graph.len();
    let mut validation = GraphValidation::from(Graph::from(graph));
    let report = validation
        .validate(&schema, &ShaclValidationMode::Native, &ShaclConfig::default())
        .map_err(|e| Error::invalid(format!("SHACL validation against {shapes_name}"), e))?;
    let mut written = OxigraphInMemory::new();
    report.to_rdf(&mut written).map_err(|e| Error::invalid("validation report", e))?;
    let report: Vec<Triple> = written.quads().map(Triple::from).collect();
    let findings = findings(&report);
    let conforms = report.iter().any(|t| {
        t.predicate.as_str() == format!("{SH}conforms") && matches!(&t.object, Term::Literal(l) if l.value() == "true")
    });
    Ok(Outcome { conforms, report, findings, data_triples })
}

/// The results of a report graph, read back from its triples.
fn findings(report: &[Triple]) -> Vec<Finding> {
    let sh = |local: &str| format!("{SH}{local}");
    let object = |s: &NamedOrBlankNode, p: &str| -> Option<&Term> {
        report.iter().find(|t| &t.subject == s && t.predicate.as_str() == p).map(|t| &t.object)
    };
    let local = |t: &Term| match t {
        Term::NamedNode(n) => n.as_str().rsplit(['#', '/']).next().unwrap_or_default().to_owned(),
        other => other.to_string(),
    };
    let mut out: Vec<Finding> = report
        .iter()
        .filter(|t| t.predicate.as_str() == sh("result"))
        .filter_map(|t| {
            let r = match &t.object {
                Term::NamedNode(n) => NamedOrBlankNode::NamedNode(n.clone()),
                Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b.clone()),
                _ => return None,
            };
            Some(Finding {
                severity: object(&r, &sh("resultSeverity")).map(local).unwrap_or_else(|| "Violation".into()),
                focus: object(&r, &sh("focusNode")).map(ToString::to_string).unwrap_or_default(),
                path: object(&r, &sh("resultPath")).map(|p| match p {
                    Term::NamedNode(n) => vocab::shorten(n.as_str(), &[]),
                    other => other.to_string(),
                }),
                component: object(&r, &sh("sourceConstraintComponent")).map(local).unwrap_or_default(),
                value: object(&r, &sh("value")).map(ToString::to_string),
                message: object(&r, &sh("resultMessage")).and_then(|m| match m {
                    Term::Literal(l) => Some(l.value().to_owned()),
                    _ => None,
                }),
            })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}
