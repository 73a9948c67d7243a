//! `relate repl`: an interactive SPARQL shell. [`editor`] is the only terminal code; when stdin
//! is not a terminal the same [`session::Session`] reads statements from stdin, prints only
//! results, and the exit status says whether any statement failed.

pub mod command;
pub mod editor;
pub mod input;
pub mod session;

use std::io::{BufRead, IsTerminal};
use std::sync::atomic::AtomicBool;

use crate::error::{Error, Result};
use crate::store::Store;

/// Set by the Ctrl-C handler so a cancelled query reads "cancelled", not "timed out".
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Runs the shell: `commands` first (then exit, like `sqlite3 -cmd`), else stdin as a script,
/// else the interactive editor.
///
/// # Errors
/// A statement failed in a non-interactive run, or the terminal failed.
pub fn run(store: Store, base: &str, commands: &[String], history: bool) -> Result<()> {
    let mut s = session::Session::new(store, base);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut err = std::io::stderr();
    if !commands.is_empty() {
        for c in commands {
            if s.run_script(c, &mut out, &mut err) == session::Flow::Quit {
                break;
            }
        }
        return if s.failed { Err(Error::Usage("a statement failed".into())).map_err(|_| Error::SomeFailed { count: 1, total: commands.len() }) } else { Ok(()) };
    }
    if !std::io::stdin().is_terminal() {
        let mut text = String::new();
        for line in std::io::stdin().lock().lines() {
            match line {
                Ok(l) => {
                    text.push_str(&l);
                    text.push('\n');
                }
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                    s.failed = true;
                    eprintln!("error: input is not UTF-8 text; skipped the rest");
                    break;
                }
                Err(e) => return Err(e.into()),
            }
        }
        s.run_script(&text, &mut out, &mut err);
        return if s.failed { Err(Error::SomeFailed { count: 1, total: 1 }).map_err(|_| Error::Query { message: "a statement failed".into() }) } else { Ok(()) };
    }
    drop(out);
    editor::interactive(s, history)
}
