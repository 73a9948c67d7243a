//! Exports in a deterministic order: graphs by their N-Quads names, each graph's statements
//! sorted by their N-Triples text (subject, predicate, object). Not the serialisers themselves
//! (Oxigraph's), nor which graphs a command exports (`ops`).
//!
//! Decoding the stored terms (one RocksDB lookup per IRI and long literal, the graph name's
//! included, in Oxigraph's quad iterator) is most of an export's work, so graphs are read and
//! sorted on every core while the calling thread writes the ones before them.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term, TripleRef};

use super::Store;
use crate::error::{Error, Result};
use crate::vocab;

/// Graphs read ahead of the one being written: bounds an export's memory.
const WINDOW: usize = 256;

/// One graph's statements as N-Triples text (`s p o`, no graph, no dot), in order.
///
/// Terms in that syntax are self-delimiting and every character that can follow one in a longer
/// term sorts after the space that separates terms, so sorting the lines sorts by (subject,
/// predicate, object) with one string per statement.
struct Sorted {
    /// every line, one after another
    text: String,
    /// each line's byte range in `text` and its index in `quads`, sorted by the line
    lines: Vec<(usize, usize, usize)>,
    /// the quads themselves, when the serialiser needs them (not for N-Triples and N-Quads)
    quads: Vec<Quad>,
}

impl Sorted {
    fn lines(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(|&(start, end, _)| &self.text[start..end])
    }

    fn quads(&self) -> impl Iterator<Item = &Quad> {
        self.lines.iter().filter_map(|&(_, _, i)| self.quads.get(i))
    }
}

impl Store {
    /// Writes the store (or one graph) in `format`: deterministic order, ontology prefixes.
    /// Triple formats (Turtle, N-Triples) get the union of all graphs.
    ///
    /// Graphs are read in parallel and written in the order of their N-Quads names, holding a
    /// window of them in memory; dataset formats never read the default graph, which only
    /// repeats them. N-Triples and N-Quads lines are written directly (they are the terms'
    /// display forms).
    ///
    /// # Errors
    /// The store cannot be read or the writer fails.
    pub fn export(&self, format: RdfFormat, graph: Option<&str>, out: impl Write) -> Result<()> {
        let graphs: Vec<GraphName> = match graph {
            Some(g) => vec![GraphName::NamedNode(NamedNode::new_unchecked(g))],
            None if format.supports_datasets() => {
                // every named graph, blank-node names included, as the whole-store export had it
                let mut names: Vec<(String, GraphName)> = self
                    .inner
                    .named_graphs()
                    .map(|g| {
                        g.map(|g| {
                            let n = GraphName::from(g);
                            (n.to_string(), n)
                        })
                    })
                    .collect::<std::result::Result<_, _>>()
                    .map_err(|e| self.storage(e))?;
                names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                names.into_iter().map(|(_, n)| n).collect()
            }
            None => vec![GraphName::DefaultGraph],
        };
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        let threads = crate::parallel::threads();
        match format {
            RdfFormat::NQuads | RdfFormat::NTriples => {
                let read = |g: &GraphName| {
                    let suffix = match g {
                        GraphName::DefaultGraph => " .\n".to_owned(),
                        _ if format == RdfFormat::NTriples => " .\n".to_owned(),
                        named => format!(" {named} .\n"),
                    };
                    self.sorted(g.as_ref(), false).map(|s| (suffix, s))
                };
                crate::parallel::map_in_order(&graphs, threads, WINDOW, read, |graph| {
                    let (suffix, sorted) = graph?;
                    for line in sorted.lines() {
                        out.write_all(line.as_bytes())?;
                        out.write_all(suffix.as_bytes())?;
                    }
                    Ok::<(), Error>(())
                })?;
            }
            _ => {
                let mut ser = RdfSerializer::from_format(format);
                for (p, i) in vocab::PREFIXES {
                    ser = ser
                        .with_prefix(*p, *i)
                        .map_err(|e| Error::Data { what: "prefix".into(), message: e.to_string() })?;
                }
                let mut w = ser.for_writer(&mut out);
                let read = |g: &GraphName| self.sorted(g.as_ref(), true);
                crate::parallel::map_in_order(&graphs, threads, WINDOW, read, |sorted| {
                    for q in sorted?.quads() {
                        if format.supports_datasets() {
                            w.serialize_quad(q)?;
                        } else {
                            w.serialize_triple(TripleRef::new(
                                q.subject.as_ref(),
                                q.predicate.as_ref(),
                                q.object.as_ref(),
                            ))?;
                        }
                    }
                    Ok::<(), Error>(())
                })?;
                w.finish()?;
            }
        }
        out.flush()?;
        Ok(())
    }

    /// [`Store::export`] into the file `path`, written beside it and renamed into place, so a
    /// failed export never leaves half a file (nor the partial one).
    ///
    /// # Errors
    /// The store cannot be read, or the file cannot be written.
    pub fn export_to_file(&self, format: RdfFormat, graph: Option<&str>, path: &Path) -> Result<()> {
        let tmp = PathBuf::from(format!("{}.partial", path.display()));
        let write = |source| Error::Write { path: path.to_owned(), source };
        let file = std::fs::File::create(&tmp).map_err(write)?;
        let mut w = std::io::BufWriter::new(file);
        let r = self.export(format, graph, &mut w).and_then(|()| w.flush().map_err(write));
        drop(w);
        if let Err(e) = r {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        std::fs::rename(&tmp, path).map_err(write)
    }

    /// One graph's statements, sorted (see [`Sorted`]); with `keep_quads`, the quads too.
    fn sorted(&self, graph: GraphNameRef<'_>, keep_quads: bool) -> Result<Sorted> {
        let mut sorted = Sorted { text: String::new(), lines: Vec::new(), quads: Vec::new() };
        for q in self.inner.quads_for_pattern(None, None, None, Some(graph)) {
            let q = q.map_err(|e| self.storage(e))?;
            let start = sorted.text.len();
            push_subject(&mut sorted.text, &q.subject);
            sorted.text.push_str(" <");
            sorted.text.push_str(q.predicate.as_str());
            sorted.text.push_str("> ");
            push_object(&mut sorted.text, &q.object);
            sorted.lines.push((start, sorted.text.len(), sorted.quads.len()));
            if keep_quads {
                sorted.quads.push(q);
            }
        }
        let text = &sorted.text;
        sorted.lines.sort_unstable_by(|a, b| text[a.0..a.1].cmp(&text[b.0..b.1]));
        Ok(sorted)
    }
}

/// Appends a subject's N-Triples form (what its `Display` writes).
fn push_subject(text: &mut String, s: &NamedOrBlankNode) {
    match s {
        NamedOrBlankNode::NamedNode(n) => {
            text.push('<');
            text.push_str(n.as_str());
            text.push('>');
        }
        NamedOrBlankNode::BlankNode(b) => {
            text.push_str("_:");
            text.push_str(b.as_str());
        }
    }
}

/// Appends an object's N-Triples form (what its `Display` writes): IRIs and blank nodes
/// directly, literals (which need escaping) through their `Display`.
fn push_object(text: &mut String, o: &Term) {
    match o {
        Term::NamedNode(n) => {
            text.push('<');
            text.push_str(n.as_str());
            text.push('>');
        }
        Term::BlankNode(b) => {
            text.push_str("_:");
            text.push_str(b.as_str());
        }
        // writing into a String cannot fail
        other => {
            let _ = write!(text, "{other}");
        }
    }
}

#[cfg(test)]
mod tests {
    use oxigraph::model::{BlankNode, Literal, NamedNode, Quad, Term};

    use super::*;

    /// The order the export promises, computed the plain way: graphs by N-Quads name, then
    /// each graph's `s p o` lines sorted.
    fn expected(quads: &[Quad]) -> String {
        let mut lines: Vec<(String, String)> = quads
            .iter()
            .map(|q| (q.graph_name.to_string(), format!("{} {} {}", q.subject, q.predicate, q.object)))
            .collect();
        lines.sort();
        lines.dedup();
        lines.iter().map(|(g, l)| format!("{l} {g} .\n")).collect()
    }

    #[test]
    fn nquads_come_sorted_by_graph_then_line_and_match_the_display_forms() {
        let store = Store::in_memory().unwrap();
        let n = |s: &str| NamedNode::new_unchecked(format!("http://example.org/{s}"));
        let objects: Vec<Term> = vec![
            n("b").into(),
            n("a/b").into(),
            BlankNode::new_unchecked("x1").into(),
            Literal::new_simple_literal("a \"quoted\"\nline \\ with é and a tab\t").into(),
            Literal::new_simple_literal("short").into(),
            Literal::new_language_tagged_literal_unchecked("Bonjour", "fr").into(),
            Literal::new_typed_literal("2024-01-02", NamedNode::new_unchecked("http://www.w3.org/2001/XMLSchema#date"))
                .into(),
            Literal::new_typed_literal("12", NamedNode::new_unchecked("http://www.w3.org/2001/XMLSchema#integer"))
                .into(),
        ];
        let mut all = Vec::new();
        for (gi, g) in ["g/2", "g/10", "g/1", "g/1a"].iter().enumerate() {
            let graph = n(g);
            let mut quads = Vec::new();
            for (si, s) in ["z", "a", "a-b", "m"].iter().enumerate() {
                for (oi, o) in objects.iter().enumerate() {
                    if (gi + si + oi) % 3 != 0 {
                        let subject: NamedOrBlankNode =
                            if si == 3 { BlankNode::new_unchecked(format!("b{gi}")).into() } else { n(s).into() };
                        let p = n(if oi % 2 == 0 { "p" } else { "q/r" });
                        quads.push(Quad::new(subject, p, o.clone(), graph.clone()));
                    }
                }
            }
            store.replace_graph(graph.as_str(), &quads).unwrap();
            all.extend(quads);
        }
        let mut out = Vec::new();
        store.export(RdfFormat::NQuads, None, &mut out).unwrap();
        let got = String::from_utf8(out).unwrap();
        assert_eq!(got, expected(&all));
        // and it reads back as the same quads
        let back: Vec<Quad> = oxigraph::io::RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(got.as_bytes())
            .collect::<std::result::Result<_, _>>()
            .unwrap();
        assert_eq!(back.len(), got.lines().count());
    }
}
