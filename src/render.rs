//! Rendering query results for people (aligned tables, Markdown, line mode) and for programs
//! (CSV, TSV, JSON, JSON lines, XML, Turtle, N-Triples), always into a `Write`. Tables stream
//! until `max_rows` and then count the rest without holding them.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;

use crate::error::{Error, Result};
use crate::vocab;

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    Table,
    Box,
    Csv,
    Tsv,
    Json,
    Jsonl,
    Markdown,
    Line,
    Xml,
    Turtle,
    Ntriples,
}

/// Rendering options.
#[derive(Debug, Clone)]
pub struct Options {
    pub mode: Mode,
    pub max_rows: Option<usize>,
    /// Cells are cut to fit this many columns in table modes.
    pub width: Option<usize>,
    pub prefixes: Vec<(String, String)>,
    /// Labels shown beside IRIs (`.labels on`).
    pub labels: Option<std::sync::Arc<std::collections::HashMap<String, String>>>,
}

impl Options {
    #[must_use]
    pub fn new(mode: Mode) -> Self {
        Options { mode, max_rows: None, width: None, prefixes: vec![("id".to_owned(), vocab::DEFAULT_BASE.to_owned())], labels: None }
    }

    #[must_use]
    pub fn with_max_rows(mut self, n: Option<usize>) -> Self {
        self.max_rows = n;
        self
    }

    #[must_use]
    pub fn with_width(mut self, w: Option<usize>) -> Self {
        self.width = w;
        self
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub rows: usize,
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

fn cut(s: &str, max: usize) -> String {
    let s = s.replace(['\n', '\r', '\t'], " ");
    if s.chars().count() <= max {
        return s;
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

fn width_of(s: &str) -> usize {
    s.chars().count()
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
                Mode::Xml => {
                    QueryResultsSerializer::from_format(QueryResultsFormat::Xml).serialize_boolean_to_writer(&mut *out, b)?;
                    writeln!(out)?;
                }
                _ => writeln!(out, "{}", if b { "true" } else { "false" })?,
            }
            Ok(Summary { rows: 1, more: 0 })
        }
        QueryResults::Graph(triples) => {
            let format = if opts.mode == Mode::Ntriples { RdfFormat::NTriples } else { RdfFormat::Turtle };
            let mut ser = RdfSerializer::from_format(format);
            for (p, i) in vocab::PREFIXES {
                ser = ser.with_prefix(*p, *i).map_err(|e| Error::Data { what: "prefix".into(), message: e.to_string() })?;
            }
            let mut all = Vec::new();
            for t in triples {
                all.push(t.map_err(|e| eval_error(&e.to_string()))?);
            }
            all.sort_by_cached_key(|t| (t.subject.to_string(), t.predicate.to_string(), t.object.to_string()));
            let mut w = ser.for_writer(&mut *out);
            for t in &all {
                w.serialize_triple(t)?;
            }
            w.finish()?;
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
                let mut ser = QueryResultsSerializer::from_format(f).serialize_solutions_to_writer(&mut *out, sols.variables().to_vec())?;
                let mut n = 0;
                for s in sols {
                    let s = s.map_err(|e| eval_error(&e.to_string()))?;
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
            let mut rows: Vec<Vec<String>> = Vec::new();
            let mut more = 0;
            let mut sols = sols;
            for s in sols.by_ref() {
                let s = s.map_err(|e| eval_error(&e.to_string()))?;
                if rows.len() >= max {
                    more += 1;
                    continue;
                }
                let row: Vec<String> = s.values().iter().map(|t| t.as_ref().map(|t| labelled(t, opts)).unwrap_or_default()).collect();
                if opts.mode == Mode::Jsonl {
                    let obj: serde_json::Map<String, serde_json::Value> = vars.iter().zip(&row).filter(|(_, v)| !v.is_empty()).map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect();
                    writeln!(out, "{}", serde_json::Value::Object(obj))?;
                    continue;
                }
                if opts.mode == Mode::Line {
                    let w = vars.iter().map(|v| width_of(v)).max().unwrap_or(0);
                    if !rows.is_empty() || more > 0 {
                        writeln!(out)?;
                    }
                    for (k, v) in vars.iter().zip(&row) {
                        writeln!(out, "{k:>w$} = {v}")?;
                    }
                    rows.push(Vec::new());
                    continue;
                }
                rows.push(row);
            }
            let n = rows.len();
            if matches!(opts.mode, Mode::Table | Mode::Box | Mode::Markdown | Mode::Turtle | Mode::Ntriples) {
                table(&vars, &rows, opts, out)?;
            }
            if more > 0 {
                writeln!(out, "… {more} more rows")?;
            }
            Ok(Summary { rows: n, more })
        }
    }
}

fn table(vars: &[String], rows: &[Vec<String>], opts: &Options, out: &mut dyn Write) -> Result<()> {
    let cols = vars.len().max(1);
    let budget = opts.width.map(|w| (w.saturating_sub(3 * cols + 1) / cols).max(8)).unwrap_or(usize::MAX);
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| cut(c, budget)).collect()).collect();
    let mut w: Vec<usize> = vars.iter().map(|v| width_of(v)).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(width_of(c));
        }
    }
    let line = |cells: &[String], l: &str, m: &str, r: &str| -> String {
        let parts: Vec<String> = cells.iter().enumerate().map(|(i, c)| format!("{c}{}", " ".repeat(w[i] - width_of(c)))).collect();
        format!("{l}{}{r}", parts.join(m))
    };
    match opts.mode {
        Mode::Markdown => {
            writeln!(out, "{}", line(vars, "| ", " | ", " |"))?;
            let dashes: Vec<String> = w.iter().map(|&n| "-".repeat(n)).collect();
            writeln!(out, "{}", line(&dashes, "| ", " | ", " |"))?;
            for r in &rows {
                let esc: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
                writeln!(out, "{}", line(&esc, "| ", " | ", " |"))?;
            }
        }
        Mode::Box => {
            let bar = |l: &str, m: &str, r: &str| format!("{l}{}{r}", w.iter().map(|&n| "─".repeat(n + 2)).collect::<Vec<_>>().join(m));
            writeln!(out, "{}", bar("┌", "┬", "┐"))?;
            writeln!(out, "{}", line(vars, "│ ", " │ ", " │"))?;
            writeln!(out, "{}", bar("├", "┼", "┤"))?;
            for r in &rows {
                writeln!(out, "{}", line(r, "│ ", " │ ", " │"))?;
            }
            writeln!(out, "{}", bar("└", "┴", "┘"))?;
        }
        _ => {
            writeln!(out, "{}", line(vars, "", "  ", "").trim_end())?;
            let dashes: Vec<String> = w.iter().map(|&n| "-".repeat(n)).collect();
            writeln!(out, "{}", line(&dashes, "", "  ", ""))?;
            for r in &rows {
                writeln!(out, "{}", line(r, "", "  ", "").trim_end())?;
            }
        }
    }
    Ok(())
}

fn eval_error(message: &str) -> Error {
    if message.to_lowercase().contains("cancel") {
        Error::Cancelled
    } else {
        Error::Query { message: message.to_owned() }
    }
}
