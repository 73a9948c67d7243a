//! Helpers: run the binary hermetically (temporary store, HOME and data dirs), read results.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_relate"));
        c.env("RELATE_STORE", self.store())
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"))
            .env("NO_COLOR", "1")
            .env_remove("RELATE_BASE")
            .env_remove("RELATE_LEXICON_DIR")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null());
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run relate")
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "relate {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&o.stderr),
            String::from_utf8_lossy(&o.stdout)
        );
        String::from_utf8(o.stdout).expect("utf-8 output")
    }

    /// CSV rows of a SELECT (header dropped).
    pub fn rows(&self, sparql: &str) -> Vec<Vec<String>> {
        let out = self.ok(&["query", "--format", "csv", sparql]);
        out.lines().skip(1).map(split_csv).collect()
    }

    /// Copies a fixture into the temp dir, returning its path.
    pub fn fixture(&self, name: &str) -> PathBuf {
        let to = self.path(name);
        std::fs::copy(fixtures().join(name), &to).expect("copy fixture");
        to
    }
}

/// Says why a test does not run; fails it instead where `RELATE_TEST_REQUIRE_SERVERS` is set
/// (`.ci/run` sets it, having installed the servers of the push tests and the Python client
/// library of the serve tests).
pub fn skip(why: &str) {
    assert!(std::env::var_os("RELATE_TEST_REQUIRE_SERVERS").is_none(), "{why}, and RELATE_TEST_REQUIRE_SERVERS is set");
    eprintln!("skipped: {why}");
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

pub fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

pub fn split_csv(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}
