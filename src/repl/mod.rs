//! `relate repl`: an interactive SPARQL shell. [`editor`] is the only terminal code; when stdin
//! is not a terminal the same [`session::Session`] reads statements from stdin, prints only
//! results, and the exit status says whether any statement failed.
//!
//! input (where statements end) ▶ command (dot-command syntax) ▶ session (eval) ▶ render;
//! complete (what Tab offers), diagnose (error messages) and counts (the banner's numbers,
//! cached between starts) serve them.

pub mod command;
pub mod complete;
pub mod counts;
pub mod diagnose;
mod dot;
pub mod editor;
pub mod input;
pub mod session;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::remote::Remote;
use crate::store::Store;

/// Runs the shell: the `-c` statements (then exits, like `sqlite3 -cmd`), else stdin as a
/// script when it is not a terminal, else the interactive editor.
///
/// # Errors
/// A statement failed in a non-interactive run, or the terminal failed.
pub fn run(store: Store, base: &str, commands: &[String], history: bool, init: bool) -> Result<()> {
    run_session(session::Session::new(store, base), commands, history, init)
}

/// [`run`] on a remote SPARQL endpoint instead of a store (`relate repl --endpoint URL`).
///
/// # Errors
/// As [`run`].
pub fn run_remote(remote: Remote, base: &str, commands: &[String], history: bool, init: bool) -> Result<()> {
    run_session(session::Session::on_endpoint(remote, base)?, commands, history, init)
}

fn run_session(mut s: session::Session, commands: &[String], history: bool, init: bool) -> Result<()> {
    let mut err = std::io::stderr();
    if !commands.is_empty() {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for c in commands {
            if s.run_script(c, &mut out, &mut err) == session::Flow::Quit {
                break;
            }
        }
        out.flush()?;
        return outcome(&s);
    }
    if !std::io::stdin().is_terminal() {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        s.run_reader(std::io::stdin().lock(), &mut out, &mut err)?;
        out.flush()?;
        return outcome(&s);
    }
    editor::interactive(s, history, init)
}

fn outcome(s: &session::Session) -> Result<()> {
    match s.failures() {
        0 => Ok(()),
        count => Err(Error::StatementsFailed { count }),
    }
}

/// The init file run before the first prompt of an interactive session:
/// `$XDG_CONFIG_HOME/relate/relaterc`, else `~/.relaterc`.
#[must_use]
pub fn init_file() -> Option<PathBuf> {
    let xdg = dirs::config_dir().map(|d| d.join("relate").join("relaterc"));
    let home = dirs::home_dir().map(|h| h.join(".relaterc"));
    xdg.into_iter().chain(home).find(|p| p.is_file())
}
