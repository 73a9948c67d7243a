//! The terminal layer: rustyline with history, multi-line validation and context-aware tab
//! completion. Everything else is in the session.

use std::borrow::Cow;
use std::sync::atomic::Ordering;

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Config, Context, Editor, Helper};

use super::command;
use super::input;
use super::session::{Flow, Session};
use crate::error::{Error, Result};
use crate::vocab;

const KEYWORDS: &[&str] = &[
    "SELECT", "DISTINCT", "WHERE", "FILTER", "OPTIONAL", "UNION", "GRAPH", "ORDER BY", "GROUP BY", "HAVING", "LIMIT", "OFFSET", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BIND", "VALUES", "MINUS", "EXISTS", "NOT EXISTS", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "STR", "LANG", "LCASE", "UCASE", "CONTAINS", "STRSTARTS", "REGEX", "YEAR", "COALESCE", "IF", "BOUND", "INSERT DATA", "DELETE DATA", "DELETE", "INSERT", "AS", "DESC", "ASC",
];

const MODES: &[&str] = &["table", "box", "csv", "tsv", "json", "jsonl", "markdown", "line", "xml", "turtle", "ntriples"];

/// The ontology's terms as prefixed names (from `ontology/relate.ttl`).
fn ontology_terms() -> Vec<String> {
    let text = include_str!("../../ontology/relate.ttl");
    let mut v: Vec<String> = text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("rel:"))
        .filter_map(|rest| rest.split(|c: char| c.is_whitespace()).next())
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_alphanumeric()))
        .map(|t| format!("rel:{t}"))
        .collect();
    v.sort();
    v.dedup();
    v
}

struct ShellHelper {
    files: FilenameCompleter,
    terms: Vec<String>,
    entities: Vec<(String, String)>,
    prefixes: Vec<String>,
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let start = before.rfind(|c: char| c.is_whitespace() || c == '(' || c == '{').map_or(0, |i| i + 1);
        let word = &before[start..];
        let pair = |d: &str, r: &str| Pair { display: d.to_owned(), replacement: r.to_owned() };
        if before.trim_start().starts_with('.') {
            let first_word_done = before.trim_start().contains(char::is_whitespace);
            if !first_word_done {
                let c = command::names().into_iter().filter(|n| n.starts_with(word)).map(|n| pair(&n, &format!("{n} "))).collect();
                return Ok((start, c));
            }
            let cmd = before.split_whitespace().next().unwrap_or("");
            return match cmd {
                ".mode" => Ok((start, MODES.iter().filter(|m| m.starts_with(word)).map(|m| pair(m, m)).collect())),
                ".timer" | ".labels" => Ok((start, ["on", "off"].iter().filter(|m| m.starts_with(word)).map(|m| pair(m, m)).collect())),
                ".read" | ".load" | ".output" | ".once" | ".export" => self.files.complete(line, pos, ctx),
                ".describe" | ".path" | ".neighbours" | ".neighbors" | ".find" => {
                    let w = word.trim_start_matches('"').to_lowercase();
                    let c = self.entities.iter().filter(|(l, _)| l.to_lowercase().starts_with(&w)).map(|(l, _)| pair(l, &if l.contains(' ') { format!("\"{l}\"") } else { l.clone() })).collect();
                    Ok((start, c))
                }
                _ => Ok((start, Vec::new())),
            };
        }
        if word.is_empty() {
            return Ok((pos, Vec::new()));
        }
        let mut out: Vec<Pair> = Vec::new();
        if word.contains(':') {
            out.extend(self.terms.iter().filter(|t| t.starts_with(word)).map(|t| pair(t, t)));
        } else {
            let up = word.to_uppercase();
            out.extend(KEYWORDS.iter().filter(|k| k.starts_with(&up)).map(|k| pair(k, k)));
            out.extend(self.prefixes.iter().filter(|p| p.starts_with(word)).map(|p| pair(p, p)));
            let low = word.to_lowercase();
            // an entity's label completes to its IRI
            out.extend(self.entities.iter().filter(|(l, _)| l.to_lowercase().starts_with(&low)).take(50).map(|(l, iri)| pair(l, &format!("<{iri}>"))));
        }
        Ok((start, out))
    }
}

impl Validator for ShellHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        let text = ctx.input();
        let last_blank = text.ends_with('\n') || text.lines().last().is_some_and(|l| l.trim().is_empty()) && text.contains('\n');
        if input::is_complete(text) || (last_blank && input::balance(text).depth <= 0 && input::balance(text).in_string.is_none()) {
            Ok(ValidationResult::Valid(None))
        } else {
            Ok(ValidationResult::Incomplete)
        }
    }
}

impl Hinter for ShellHelper {
    type Hint = String;
}

impl Highlighter for ShellHelper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, default: bool) -> Cow<'b, str> {
        let _ = default;
        if crate::app::colour() {
            Cow::Owned(format!("\x1b[1;32m{prompt}\x1b[0m"))
        } else {
            Cow::Borrowed(prompt)
        }
    }
}

impl Helper for ShellHelper {}

/// Where the history lives: the user's data directory.
#[must_use]
pub fn history_path() -> Option<std::path::PathBuf> {
    std::env::var_os("RELATE_HISTORY").map(std::path::PathBuf::from).or_else(|| dirs::data_dir().map(|d| d.join("relate").join("history")))
}

/// Runs the interactive shell until `.quit` or Ctrl-D.
///
/// # Errors
/// The terminal cannot be set up.
pub fn interactive(mut s: Session, history: bool) -> Result<()> {
    let current = s.current.clone();
    let _ = ctrlc::set_handler(move || {
        if let Ok(guard) = current.lock() {
            if let Some(t) = guard.as_ref() {
                super::INTERRUPTED.store(true, Ordering::SeqCst);
                t.cancel();
            }
        }
    });
    let config = Config::builder().auto_add_history(true).history_ignore_space(true).completion_type(rustyline::CompletionType::List).build();
    let mut ed: Editor<ShellHelper, rustyline::history::DefaultHistory> = Editor::with_config(config).map_err(|e| Error::Usage(format!("cannot start the line editor: {e}")))?;
    let mut prefixes: Vec<String> = vocab::PREFIXES.iter().map(|(p, _)| format!("{p}:")).collect();
    prefixes.extend(s.prefixes.iter().map(|(p, _)| format!("{p}:")));
    ed.set_helper(Some(ShellHelper { files: FilenameCompleter::new(), terms: ontology_terms(), entities: s.entity_names().unwrap_or_default(), prefixes }));
    let hist = if history { history_path() } else { None };
    if let Some(h) = &hist {
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = ed.load_history(h);
    }
    s.width = terminal_width();
    println!("{}", s.banner()?);
    let mut out = std::io::stdout();
    let mut err = std::io::stderr();
    loop {
        match ed.readline("relate> ") {
            Ok(line) => {
                let flow = s.run_script(&line, &mut out, &mut err);
                if line.trim_start().starts_with(".load") || line.trim_start().starts_with(".prefix") {
                    if let Some(h) = ed.helper_mut() {
                        h.entities = s.entity_names().unwrap_or_default();
                        h.prefixes.extend(s.prefixes.iter().map(|(p, _)| format!("{p}:")));
                    }
                }
                if flow == Flow::Quit {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => {}
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("error: {e}");
                break;
            }
        }
    }
    if let Some(h) = &hist {
        let _ = ed.save_history(h);
    }
    Ok(())
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).or(Some(120))
}
