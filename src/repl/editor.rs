//! The terminal layer, and the only terminal code: rustyline with history, a continuation
//! prompt, Tab completion (worked out in [`super::complete`]), Ctrl-C and the terminal's width
//! and colour. Everything else happens in the session.
//!
//! Lines are read one at a time: `relate> ` starts a statement and `   ...> ` continues it
//! while [`Splitter`] says it is incomplete (rustyline has no continuation prompt of its own).
//! Each complete statement goes into the history as one entry.

use std::borrow::Cow;
use std::io::Write;
use std::sync::{Arc, RwLock};

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Config, Context, EditMode, Editor, Helper};

use super::complete::{self, Completion, Names};
use super::input::{self, Splitter};
use super::session::{Flow, Session};
use crate::error::{Error, Result, Usage};

/// The first-line prompt.
pub const PROMPT: &str = "relate> ";
/// The prompt on continuation lines.
pub const CONTINUATION: &str = "   ...> ";

struct ShellHelper {
    files: FilenameCompleter,
    names: Arc<RwLock<Names>>,
    colour: bool,
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let names = self.names.read().map_err(|_| rustyline::error::ReadlineError::Interrupted)?;
        match complete::complete(line, pos, &names) {
            Completion::Files => self.files.complete(line, pos, ctx),
            Completion::Words { start, candidates } => Ok((
                start,
                candidates.into_iter().map(|c| Pair { display: c.display, replacement: c.replacement }).collect(),
            )),
        }
    }
}

impl Validator for ShellHelper {}

impl Hinter for ShellHelper {
    type Hint = String;
}

impl Highlighter for ShellHelper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, default: bool) -> Cow<'b, str> {
        let _ = default;
        match (self.colour, prompt == CONTINUATION) {
            (false, _) => Cow::Borrowed(prompt),
            (true, false) => Cow::Owned(format!("\x1b[1;32m{prompt}\x1b[0m")),
            (true, true) => Cow::Owned(format!("\x1b[2;32m{prompt}\x1b[0m")),
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        false
    }
}

impl Helper for ShellHelper {}

/// Where the history lives: `RELATE_HISTORY`, else the user's data directory.
#[must_use]
pub fn history_path() -> Option<std::path::PathBuf> {
    std::env::var_os("RELATE_HISTORY")
        .map(std::path::PathBuf::from)
        .or_else(|| dirs::data_dir().map(|d| d.join("relate").join("history")))
}

/// Emacs keys unless the user's inputrc says `set editing-mode vi`.
fn edit_mode() -> EditMode {
    let path = std::env::var_os("INPUTRC")
        .map(std::path::PathBuf::from)
        .or_else(|| dirs::home_dir().map(|h| h.join(".inputrc")));
    let text = path.and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
    let vi = text.lines().any(|l| {
        let w: Vec<&str> = l.split_whitespace().collect();
        w.len() >= 3 && w[0] == "set" && w[1] == "editing-mode" && w[2] == "vi"
    });
    if vi {
        EditMode::Vi
    } else {
        EditMode::Emacs
    }
}

/// Reads the store's entity names and terms in the background, so the first prompt does not
/// wait for them; Tab offers the built-in names until they arrive.
fn load_names(s: &Session, names: &Arc<RwLock<Names>>) {
    let store = s.store().reader();
    let remote = s.remote().cloned();
    let prefixes = s.prefixes.clone();
    let names = names.clone();
    std::thread::spawn(move || {
        let loaded = match &remote {
            Some(r) => Names::builtin().load_remote(r, &prefixes),
            None => Names::builtin().load(&store, &prefixes),
        };
        if let Ok(mut loaded) = loaded {
            loaded.prefixes.extend(prefixes.into_iter().map(|(p, _)| p));
            if let Ok(mut n) = names.write() {
                *n = loaded;
            }
        }
    });
}

fn width() -> Option<usize> {
    terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0))
}

/// Runs the interactive shell until `.quit` or Ctrl-D.
///
/// # Errors
/// The terminal cannot be set up.
pub fn interactive(mut s: Session, history: bool, init: bool) -> Result<()> {
    let canceller = s.canceller();
    // at the prompt the terminal is raw and Ctrl-C reaches rustyline as a key; while a
    // statement runs it is a signal, and cancels the query
    let _ = ctrlc::set_handler(move || {
        canceller.interrupt();
    });
    let colour = crate::render::colour();
    s.colour = colour;
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_dups(true)
        .map_err(editor_error)?
        .completion_type(rustyline::CompletionType::List)
        .edit_mode(edit_mode())
        .build();
    let mut ed: Editor<ShellHelper, rustyline::history::DefaultHistory> =
        Editor::with_config(config).map_err(editor_error)?;
    let names = Arc::new(RwLock::new(Names::builtin()));
    ed.set_helper(Some(ShellHelper { files: FilenameCompleter::new(), names: names.clone(), colour }));
    let hist = if history { history_path() } else { None };
    if let Some(h) = &hist {
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = ed.load_history(h);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let mut err = std::io::stderr();
    writeln!(out, "{}", s.banner()?)?;
    out.flush()?;
    load_names(&s, &names);
    let mut generation = s.generation();
    if let Some(init) = super::init_file().filter(|_| init) {
        match std::fs::read_to_string(&init) {
            Ok(text) => {
                if s.run_script(&text, &mut out, &mut err) == Flow::Quit {
                    return Ok(());
                }
            }
            Err(e) => {
                let _ = writeln!(err, "error: {}: cannot read it ({e})", init.display());
            }
        }
    }
    let mut sp = Splitter::default();
    let mut junk = 0;
    'session: loop {
        let prompt = if sp.pending() { CONTINUATION } else { PROMPT };
        match ed.readline(prompt) {
            Ok(chunk) => {
                // a paste may bring several lines at once
                for line in chunk.split('\n') {
                    for stmt in sp.push(line) {
                        let entry = if stmt.starts_with('.') || input::strip_terminator(&stmt) != stmt.trim() {
                            stmt.clone()
                        } else {
                            format!("{stmt};")
                        };
                        let _ = ed.add_history_entry(entry);
                        s.width = width();
                        let flow = s.eval(&stmt, &mut out, &mut err);
                        let _ = out.flush();
                        if let Ok(mut n) = names.write() {
                            n.prefixes = crate::vocab::PREFIXES
                                .iter()
                                .map(|(p, _)| (*p).to_owned())
                                .chain(s.prefixes.iter().map(|(p, _)| p.clone()))
                                .collect();
                        }
                        if s.generation() != generation {
                            generation = s.generation();
                            load_names(&s, &names);
                        }
                        if flow == Flow::Quit {
                            break 'session;
                        }
                    }
                }
            }
            // Ctrl-C at the prompt: forget the statement being typed
            Err(ReadlineError::Interrupted) => sp.clear(),
            Err(ReadlineError::Eof) => break,
            // bytes that are not UTF-8 (binary junk pasted): drop the line, keep the session
            Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData && junk < 100 => {
                junk += 1;
                sp.clear();
                let _ = writeln!(err, "error: the input was not UTF-8 text (binary paste?); the statement was dropped");
                continue;
            }
            Err(e) => {
                let _ = writeln!(err, "error: {e}");
                break;
            }
        }
        junk = 0;
    }
    if let Some(h) = &hist {
        if let Err(e) = ed.save_history(h) {
            let _ = writeln!(err, "warning: {}: cannot save the history ({e})", h.display());
        }
    }
    out.flush()?;
    Ok(())
}

fn editor_error(source: ReadlineError) -> Error {
    Usage::Editor { source: Box::new(source) }.into()
}
