//! Rendering query results for people (aligned tables, boxes, Markdown, line mode) and for
//! programs (CSV, TSV, JSON, JSON lines, XML, Turtle, N-Triples, JSON-LD, RDF/XML), always into a `Write`.
//!
//! Nothing here holds a whole result: tables keep at most `max_rows` rows (to align the
//! columns), print them as soon as one more arrives, and then only count the rest; the machine
//! formats and line mode write each row as it comes. Graph results (CONSTRUCT, DESCRIBE) are
//! written as Turtle (N-Triples, JSON-LD or RDF/XML in those modes) in every mode, sorted so output is stable.
//! A SELECT in a graph mode is shown as a table: there are no triples to write.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults};
use unicode_width::UnicodeWidthStr;

use crate::error::{Error, Result};
use crate::vocab;

/// Should output be coloured? Only on a terminal, and never with `NO_COLOR`.
#[must_use]
pub fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout())
}

/// RDF formats of `relate export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Turtle: the union of all graphs
    Turtle,
    /// N-Triples: the union of all graphs
    Ntriples,
    /// N-Quads: the document graphs, each a named graph
    Nquads,
    /// TriG: the document graphs, each a named graph
    Trig,
    /// JSON-LD: the document graphs, each a named graph (the union with --graph)
    Jsonld,
    /// RDF/XML: the union of all graphs
    Rdfxml,
}

impl ExportFormat {
    /// The format a file's extension names (`.ttl`, `.nt`, `.nq`, `.trig`, `.jsonld`, `.rdf`);
    /// `None` for one it does not name.
    #[must_use]
    pub fn from_extension(ext: &str) -> Option<Self> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "ttl" | "turtle" => ExportFormat::Turtle,
            "nt" | "ntriples" => ExportFormat::Ntriples,
            "nq" | "nquads" => ExportFormat::Nquads,
            "trig" => ExportFormat::Trig,
            "jsonld" | "json" => ExportFormat::Jsonld,
            "rdf" | "xml" | "owl" => ExportFormat::Rdfxml,
            _ => return None,
        })
    }

    /// Oxigraph's format.
    #[must_use]
    pub fn rdf_format(self) -> oxigraph::io::RdfFormat {
        use oxigraph::io::RdfFormat;
        match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Ntriples => RdfFormat::NTriples,
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Jsonld => RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() },
            ExportFormat::Rdfxml => RdfFormat::RdfXml,
        }
    }
}

/// Output formats for paths, neighbourhoods and answers: text (each hop with its evidence),
/// JSON, DOT (for Graphviz) and SVG (drawn by relate).
// a `///` on a variant would become `--help` text and turn the help of `path`, `neighbours`
// and `ask` into clap's long layout; each `--format` says what the values are
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Text,
    Json,
    Dot,
    Svg,
}

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Aligned columns (the default)
    Table,
    /// Aligned columns in a box drawn with line characters
    Box,
    /// SPARQL CSV: full values, one row a line
    Csv,
    /// SPARQL TSV: full RDF terms, one row a line
    Tsv,
    /// SPARQL JSON results
    Json,
    /// One JSON object per row, full values
    Jsonl,
    /// A Markdown table
    Markdown,
    /// One `name = value` line per value, rows separated by a blank line
    Line,
    /// SPARQL XML results
    Xml,
    /// Turtle for CONSTRUCT and DESCRIBE (SELECT results are shown as a table)
    Turtle,
    /// N-Triples for CONSTRUCT and DESCRIBE (SELECT results are shown as a table)
    Ntriples,
    /// JSON-LD for CONSTRUCT and DESCRIBE (SELECT results are shown as a table)
    Jsonld,
    /// RDF/XML for CONSTRUCT and DESCRIBE (SELECT results are shown as a table)
    Rdfxml,
}

impl Mode {
    /// The RDF format this mode writes graph results in: Turtle unless it names another.
    #[must_use]
    pub fn graph_format(self) -> RdfFormat {
        match self {
            Mode::Ntriples => RdfFormat::NTriples,
            Mode::Jsonld => RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() },
            Mode::Rdfxml => RdfFormat::RdfXml,
            _ => RdfFormat::Turtle,
        }
    }

    /// Does this mode write graphs only (a SELECT falls back to a table)?
    #[must_use]
    pub fn is_graph_only(self) -> bool {
        matches!(self, Mode::Turtle | Mode::Ntriples | Mode::Jsonld | Mode::Rdfxml)
    }
}

/// Rendering options.
#[derive(Clone)]
pub struct Options {
    /// How rows are written.
    pub mode: Mode,
    /// Most rows written (none: all), then "… N more rows".
    pub max_rows: Option<usize>,
    /// Cells are cut so a table fits this many columns (table and box modes).
    pub width: Option<usize>,
    /// Prefixes IRIs are shortened with: (name, namespace).
    pub prefixes: Vec<(String, String)>,
    /// Labels shown beside IRIs (`.labels on`).
    pub labels: Option<std::sync::Arc<std::collections::HashMap<String, String>>>,
    /// Bold table headers (only when writing to a terminal that wants colour).
    pub colour: bool,
    /// Checked before each row, so Ctrl-C stops a long result between rows even when the
    /// engine is busy producing them.
    pub cancel: Option<CancellationToken>,
}

impl Options {
    /// Options for `mode`: all rows, no width limit, the `id:` prefix, no labels or colour.
    #[must_use]
    pub fn new(mode: Mode) -> Self {
        Options {
            mode,
            max_rows: None,
            width: None,
            prefixes: vec![("id".to_owned(), vocab::DEFAULT_BASE.to_owned())],
            labels: None,
            colour: false,
            cancel: None,
        }
    }

    /// Writes at most `n` rows (none: all).
    #[must_use]
    pub fn with_max_rows(mut self, n: Option<usize>) -> Self {
        self.max_rows = n;
        self
    }

    /// Cuts cells so a table fits `w` columns (none: never cut).
    #[must_use]
    pub fn with_width(mut self, w: Option<usize>) -> Self {
        self.width = w;
        self
    }

    /// Bold table headers when `colour`.
    #[must_use]
    pub fn with_colour(mut self, colour: bool) -> Self {
        self.colour = colour;
        self
    }

    /// Stops between rows once `token` is cancelled.
    #[must_use]
    pub fn with_cancellation(mut self, token: CancellationToken) -> Self {
        self.cancel = Some(token);
        self
    }

    fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(CancellationToken::is_cancelled)
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    /// Rows written.
    pub rows: usize,
    /// Rows left out by the row limit.
    pub more: usize,
}

/// A term as people read it: prefixed IRIs, bare literal values (language kept).
#[must_use]
pub fn human(term: &Term, prefixes: &[(String, String)]) -> String {
    match term {
        Term::NamedNode(n) => {
            let s = vocab::shorten(n.as_str(), prefixes);
            if s.starts_with('<') {
                // readable even when the local part has a slash
                for (p, ns) in prefixes {
                    if let Some(rest) = n.as_str().strip_prefix(ns.as_str()) {
                        return format!("{p}:{rest}");
                    }
                }
            }
            s
        }
        Term::Literal(l) => match l.language() {
            Some(lang) => format!("{}@{lang}", l.value()),
            None => l.value().to_owned(),
        },
        other => other.to_string(),
    }
}

/// A term's full value, for JSON lines: the IRI, the literal's lexical form, `_:id`.
#[must_use]
pub fn full(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

fn labelled(t: &Term, opts: &Options) -> String {
    let h = human(t, &opts.prefixes);
    match (t, &opts.labels) {
        (Term::NamedNode(n), Some(l)) => match l.get(n.as_str()) {
            Some(label) => format!("{h} ({label})"),
            None => h,
        },
        _ => h,
    }
}

/// Cells hold one line: control characters become spaces.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Cuts `s` to at most `max` display columns, marking the cut with `…`.
fn cut(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    let mut t = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        t.push(c);
        w += cw;
    }
    t.push('…');
    t
}

/// Writes query results.
///
/// # Errors
/// Evaluation fails (cancellation, timeout) or the writer fails.
pub fn results(res: QueryResults<'static>, opts: &Options, out: &mut dyn Write) -> Result<Summary> {
    match res {
        QueryResults::Boolean(b) => {
            match opts.mode {
                Mode::Json => writeln!(out, "{{\"head\":{{}},\"boolean\":{b}}}")?,
                Mode::Jsonl => writeln!(out, "{{\"boolean\":{b}}}")?,
                Mode::Xml => {
                    QueryResultsSerializer::from_format(QueryResultsFormat::Xml)
                        .serialize_boolean_to_writer(&mut *out, b)?;
                    writeln!(out)?;
                }
                _ => writeln!(out, "{b}")?,
            }
            Ok(Summary { rows: 1, more: 0 })
        }
        QueryResults::Graph(triples) => {
            let format = opts.mode.graph_format();
            let mut all = Vec::new();
            for t in triples {
                if opts.cancelled() {
                    return Err(Error::Cancelled);
                }
                all.push(t.map_err(|e| Error::evaluation("", e))?);
            }
            all.sort_by_cached_key(|t| (t.subject.to_string(), t.predicate.to_string(), t.object.to_string()));
            // declare only the prefixes the triples use (not the base's `id:`: its local names
            // hold slashes, which Turtle would escape)
            let text: String = all.iter().map(|t| format!("{t}\n")).collect();
            let mut ser = RdfSerializer::from_format(format);
            for (p, i) in vocab::PREFIXES
                .iter()
                .map(|(p, i)| (*p, *i))
                .chain(opts.prefixes.iter().filter(|(p, _)| p != "id").map(|(p, i)| (p.as_str(), i.as_str())))
            {
                if text.contains(&format!("<{i}")) {
                    ser = ser.with_prefix(p, i).map_err(|e| Error::invalid("prefix", e))?;
                }
            }
            let mut w = ser.for_writer(Vec::new());
            for t in &all {
                w.serialize_triple(t)?;
            }
            let mut bytes = w.finish()?;
            if bytes.last().is_some_and(|b| *b != b'\n') {
                bytes.push(b'\n');
            }
            out.write_all(&bytes)?;
            Ok(Summary { rows: all.len(), more: 0 })
        }
        QueryResults::Solutions(sols) => {
            let vars: Vec<String> = sols.variables().iter().map(|v| v.as_str().to_owned()).collect();
            let machine = match opts.mode {
                Mode::Csv => Some(QueryResultsFormat::Csv),
                Mode::Tsv => Some(QueryResultsFormat::Tsv),
                Mode::Json => Some(QueryResultsFormat::Json),
                Mode::Xml => Some(QueryResultsFormat::Xml),
                _ => None,
            };
            if let Some(f) = machine {
                let mut ser = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(&mut *out, sols.variables().to_vec())?;
                let mut n = 0;
                for s in sols {
                    if opts.cancelled() {
                        return Err(Error::Cancelled);
                    }
                    let s = s.map_err(|e| Error::evaluation("", e))?;
                    ser.serialize(s.iter().map(|(v, t)| (v.as_ref(), t.as_ref())))?;
                    n += 1;
                }
                ser.finish()?;
                if f == QueryResultsFormat::Json || f == QueryResultsFormat::Xml {
                    writeln!(out)?;
                }
                return Ok(Summary { rows: n, more: 0 });
            }
            let max = opts.max_rows.unwrap_or(usize::MAX);
            let tabular = !matches!(opts.mode, Mode::Jsonl | Mode::Line);
            let mut rows: Vec<Vec<String>> = Vec::new();
            let mut shown = 0;
            let mut more = 0;
            for s in sols {
                let s = match s {
                    Ok(s) if !opts.cancelled() => s,
                    other => {
                        if more > 0 {
                            writeln!(out, "… at least {more} more rows (stopped counting)")?;
                        }
                        return Err(other.err().map_or(Error::Cancelled, |e| Error::evaluation("", e)));
                    }
                };
                if shown >= max {
                    if more == 0 && tabular {
                        // the table is full: show it now, then only count
                        table(&vars, &rows, opts, out)?;
                        out.flush()?;
                        rows = Vec::new();
                    }
                    more += 1;
                    continue;
                }
                shown += 1;
                match opts.mode {
                    Mode::Jsonl => {
                        let obj: serde_json::Map<String, serde_json::Value> = s
                            .iter()
                            .map(|(v, t)| (v.as_str().to_owned(), serde_json::Value::String(full(t))))
                            .collect();
                        writeln!(out, "{}", serde_json::Value::Object(obj))?;
                    }
                    Mode::Line => {
                        let w = vars.iter().map(|v| v.width()).max().unwrap_or(0);
                        if shown > 1 {
                            writeln!(out)?;
                        }
                        for (k, t) in vars.iter().zip(s.values()) {
                            let v = t.as_ref().map(|t| labelled(t, opts)).unwrap_or_default();
                            writeln!(out, "{k:>w$} = {v}", w = w)?;
                        }
                    }
                    _ => rows.push(
                        s.values().iter().map(|t| t.as_ref().map(|t| labelled(t, opts)).unwrap_or_default()).collect(),
                    ),
                }
            }
            if tabular && more == 0 {
                table(&vars, &rows, opts, out)?;
                if shown == 0 && matches!(opts.mode, Mode::Table | Mode::Box) {
                    writeln!(out, "(no rows)")?;
                }
            }
            if more > 0 {
                writeln!(out, "… {more} more rows")?;
            }
            Ok(Summary { rows: shown, more })
        }
    }
}

/// Column widths that fit `avail` columns: the widest columns give way first, none below
/// `floor` (or its natural width).
fn fit(natural: &[usize], avail: usize, floor: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= avail {
        return natural.to_vec();
    }
    // the largest cap c with sum(min(w, max(c, floor))) <= avail
    let total = |c: usize| natural.iter().map(|&w| w.min(c.max(floor))).sum::<usize>();
    let mut c = natural.iter().copied().max().unwrap_or(0);
    while c > floor && total(c) > avail {
        c -= 1;
    }
    natural.iter().map(|&w| w.min(c.max(floor))).collect()
}

fn table(vars: &[String], rows: &[Vec<String>], opts: &Options, out: &mut dyn Write) -> Result<()> {
    let boxed = opts.mode == Mode::Box;
    let markdown = opts.mode == Mode::Markdown;
    let clean = |c: &str| if markdown { one_line(c).replace('|', "\\|") } else { one_line(c) };
    let header: Vec<String> = vars.iter().map(|v| clean(v)).collect();
    let body: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| clean(c)).collect()).collect();
    let mut w: Vec<usize> = header.iter().map(|v| if markdown { v.width().max(3) } else { v.width() }).collect();
    for r in &body {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(c.width());
        }
    }
    // markdown is for pasting elsewhere: full values; tables and boxes fit the terminal
    if let (Some(width), false) = (opts.width, markdown) {
        let n = w.len();
        let chrome = if boxed { 3 * n + 1 } else { 2 * n.saturating_sub(1) };
        w = fit(&w, width.saturating_sub(chrome), 6);
    }
    let cells = |r: &[String]| -> Vec<String> { r.iter().enumerate().map(|(i, c)| cut(c, w[i])).collect() };
    let line = |cells: &[String], l: &str, m: &str, r: &str| -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c}{}", " ".repeat(w[i].saturating_sub(c.width()))))
            .collect();
        format!("{l}{}{r}", parts.join(m))
    };
    let (bold, plain) = if opts.colour { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
    let head = cells(&header);
    match opts.mode {
        Mode::Markdown => {
            writeln!(out, "{}", line(&head, "| ", " | ", " |"))?;
            let dashes: Vec<String> = w.iter().map(|&n| "-".repeat(n)).collect();
            writeln!(out, "| {} |", dashes.join(" | "))?;
            for r in &body {
                writeln!(out, "{}", line(&cells(r), "| ", " | ", " |"))?;
            }
        }
        Mode::Box => {
            let bar = |l: &str, m: &str, r: &str| {
                format!("{l}{}{r}", w.iter().map(|&n| "─".repeat(n + 2)).collect::<Vec<_>>().join(m))
            };
            writeln!(out, "{}", bar("┌", "┬", "┐"))?;
            let titled: Vec<String> = head
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{bold}{c}{plain}{}", " ".repeat(w[i].saturating_sub(c.width()))))
                .collect();
            writeln!(out, "│ {} │", titled.join(" │ "))?;
            writeln!(out, "{}", bar("├", "┼", "┤"))?;
            for r in &body {
                writeln!(out, "{}", line(&cells(r), "│ ", " │ ", " │"))?;
            }
            writeln!(out, "{}", bar("└", "┴", "┘"))?;
        }
        _ => {
            writeln!(out, "{bold}{}{plain}", line(&head, "", "  ", "").trim_end())?;
            let dashes: Vec<String> = w.iter().map(|&n| "-".repeat(n)).collect();
            writeln!(out, "{}", line(&dashes, "", "  ", ""))?;
            for r in &body {
                writeln!(out, "{}", line(&cells(r), "", "  ", "").trim_end())?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_give_way_widest_first() {
        assert_eq!(fit(&[5, 40, 10], 100, 6), vec![5, 40, 10]);
        assert_eq!(fit(&[5, 40, 10], 30, 6), vec![5, 15, 10]);
        assert_eq!(fit(&[30, 40], 20, 6), vec![10, 10]);
        assert_eq!(fit(&[30, 40], 4, 6), vec![6, 6]);
    }

    #[test]
    fn cuts_count_display_columns() {
        assert_eq!(cut("abcdef", 6), "abcdef");
        assert_eq!(cut("abcdefg", 6), "abcde…");
        assert_eq!(cut("日本語テキスト", 6), "日本…");
        assert_eq!(one_line("a\nb\tc"), "a b c");
    }
}
