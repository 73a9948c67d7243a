//! The shell's state and evaluator: statement ▶ (dot-command | SPARQL) ▶ render into any
//! `Write`. No terminal code here, so scripts, tests and the interactive editor drive the same
//! session. Dot-commands are carried out in `repl::dot`.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use oxigraph::model::Term;
use oxigraph::sparql::{CancellationToken, QueryResults};

use super::diagnose;
use super::input::{self, Splitter};
use crate::error::{Error, QueryError, Result, Usage};
use crate::paths::Projection;
use crate::remote::Remote;
use crate::render::{self, Mode};
use crate::store::{Sparql, Store};

/// What the shell does after a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Read the next statement.
    Continue,
    /// End the session.
    Quit,
}

/// Default query timeout, in seconds.
pub const DEFAULT_TIMEOUT: f64 = 60.0;
/// Default row limit in table modes.
pub const DEFAULT_MAX_ROWS: usize = 1000;

/// Cancels the running query from another thread (the Ctrl-C handler, a test).
#[derive(Clone, Default)]
pub struct Canceller {
    current: Arc<Mutex<Option<CancellationToken>>>,
    interrupted: Arc<AtomicBool>,
}

impl Canceller {
    /// Cancels the running query, if there is one; returns whether there was.
    pub fn interrupt(&self) -> bool {
        match self.current.lock() {
            Ok(guard) => match guard.as_ref() {
                Some(t) => {
                    self.interrupted.store(true, Ordering::SeqCst);
                    t.cancel();
                    true
                }
                None => false,
            },
            Err(_) => false,
        }
    }

    /// Is a query running?
    #[must_use]
    pub fn busy(&self) -> bool {
        self.current.lock().is_ok_and(|g| g.is_some())
    }

    fn start(&self) -> CancellationToken {
        let t = CancellationToken::new();
        self.interrupted.store(false, Ordering::SeqCst);
        if let Ok(mut g) = self.current.lock() {
            *g = Some(t.clone());
        }
        t
    }

    /// Ends the running query; says whether Ctrl-C (rather than the timeout) cancelled it.
    fn finish(&self) -> bool {
        if let Ok(mut g) = self.current.lock() {
            *g = None;
        }
        self.interrupted.swap(false, Ordering::SeqCst)
    }
}

/// A shell session over one store, or over a remote SPARQL endpoint.
pub struct Session {
    /// the store; empty and unused when the session is on an endpoint
    pub(super) store: Store,
    /// the endpoint queries go to instead of the store (`relate repl --endpoint URL`)
    pub(super) remote: Option<Remote>,
    pub(super) base: String,
    /// How results are written (`.mode`).
    pub mode: Mode,
    /// Most rows shown in a table (`.maxrows`; none: no limit).
    pub max_rows: Option<usize>,
    /// Print how long each statement took (`.timer`).
    pub timer: bool,
    /// Queries are cancelled after this long (`.timeout`; none: never).
    pub timeout: Option<Duration>,
    /// Show each IRI's label beside it (`.labels`).
    pub labels: bool,
    /// Terminal width: table cells are cut to fit it (none: never cut).
    pub width: Option<usize>,
    /// Bold table headers on screen (never in `.output` files).
    pub colour: bool,
    /// Prefixes declared for this session (beside the predeclared ones).
    pub prefixes: Vec<(String, String)>,
    pub(super) output: Option<PathBuf>,
    pub(super) once: Option<PathBuf>,
    canceller: Canceller,
    failures: usize,
    generation: u64,
    projection: Option<(u64, Arc<Projection>)>,
    label_cache: Option<(u64, Arc<HashMap<String, String>>)>,
    pub(super) depth: usize,
}

impl Session {
    /// A session on `store`, minting IRIs under `base`, with the default settings.
    #[must_use]
    pub fn new(store: Store, base: &str) -> Self {
        Session {
            store,
            remote: None,
            base: base.to_owned(),
            mode: Mode::Table,
            max_rows: Some(DEFAULT_MAX_ROWS),
            timer: false,
            timeout: Some(Duration::from_secs_f64(DEFAULT_TIMEOUT)),
            labels: false,
            width: None,
            colour: false,
            prefixes: vec![("id".to_owned(), base.to_owned())],
            output: None,
            once: None,
            canceller: Canceller::default(),
            failures: 0,
            generation: 0,
            projection: None,
            label_cache: None,
            depth: 0,
        }
    }

    /// A read-only session whose queries go to a remote SPARQL endpoint; path search reads the
    /// endpoint's projection (see [`Remote::projection`]).
    ///
    /// # Errors
    /// The empty in-memory store that stands in for a local one cannot be made.
    pub fn on_endpoint(remote: Remote, base: &str) -> Result<Self> {
        let mut s = Session::new(Store::in_memory()?, base);
        s.remote = Some(remote);
        Ok(s)
    }

    /// The store this session reads and writes.
    #[must_use]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The endpoint this session queries instead of a store, if it does.
    #[must_use]
    pub fn remote(&self) -> Option<&Remote> {
        self.remote.as_ref()
    }

    /// What answers the queries of path search and `ask`: the endpoint or the store.
    pub(super) fn source(&self) -> &dyn Sparql {
        match &self.remote {
            Some(r) => r,
            None => &self.store,
        }
    }

    /// A refusal for what only a local store does.
    pub(super) fn local_only(&self, what: &str) -> Result<()> {
        match &self.remote {
            Some(r) => Err(Usage::LocalOnly { what: what.to_owned(), endpoint: r.url().to_owned() }.into()),
            None => Ok(()),
        }
    }

    /// Runs a query on the endpoint or the store, cancelled by `token`. An endpoint's answer is
    /// awaited on another thread, so Ctrl-C and the timeout end the wait at once (the request is
    /// left to finish in the background, its answer dropped).
    fn select(
        &self,
        text: &str,
        token: CancellationToken,
        prefixes: &[(String, String)],
    ) -> Result<QueryResults<'static>> {
        let Some(remote) = &self.remote else {
            return self.store.query(text, Some(token), prefixes);
        };
        let (remote, text, prefixes) = (remote.clone(), text.to_owned(), prefixes.to_vec());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(remote.fetch(&text, &prefixes));
        });
        loop {
            match rx.recv_timeout(Duration::from_millis(20)) {
                Ok(answer) => return answer?.results(),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) if token.is_cancelled() => {
                    return Err(Error::Cancelled)
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(Error::Query(QueryError::message("", "the request to the endpoint failed")))
                }
            }
        }
    }

    /// How many statements failed so far.
    #[must_use]
    pub fn failures(&self) -> usize {
        self.failures
    }

    /// Counts changes to the store made through this session (updates, `.load`).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub(super) fn changed(&mut self) {
        self.generation += 1;
    }

    /// A handle that cancels the running query from another thread.
    #[must_use]
    pub fn canceller(&self) -> Canceller {
        self.canceller.clone()
    }

    /// The one-line banner: store, documents, entities, triples, and how to get help.
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn banner(&self) -> Result<String> {
        if let Some(r) = &self.remote {
            return Ok(format!(
                "relate {} — endpoint {} (read-only). Statements end with ; or a blank line; .help for help.",
                env!("CARGO_PKG_VERSION"),
                r.url()
            ));
        }
        let c = super::counts::counts(&self.store)?;
        Ok(format!(
            "relate {} — store {}: {} documents, {} entities, {} triples. Statements end with ; or a blank line; .help for help.",
            env!("CARGO_PKG_VERSION"),
            self.store.path().display(),
            c.documents,
            c.entities,
            c.triples
        ))
    }

    /// Evaluates one complete statement (SPARQL or dot-command). Errors are written to `err`
    /// and counted; the session always goes on unless told to quit.
    pub fn eval(&mut self, stmt: &str, out: &mut dyn Write, err: &mut dyn Write) -> Flow {
        let stmt = stmt.trim();
        if stmt.is_empty() {
            return Flow::Continue;
        }
        let started = Instant::now();
        let once = self.once.take();
        let target = once.clone().or_else(|| self.output.clone());
        let result = match target {
            Some(path) => {
                let append = once.is_none();
                match std::fs::OpenOptions::new().create(true).append(append).write(true).truncate(!append).open(&path)
                {
                    Ok(f) => {
                        let colour = std::mem::replace(&mut self.colour, false);
                        let mut w = std::io::BufWriter::new(f);
                        let r = self.eval_inner(stmt, &mut w, err).and_then(|f| {
                            w.flush().map(|()| f).map_err(|source| Error::Write { path: path.clone(), source })
                        });
                        self.colour = colour;
                        r
                    }
                    Err(source) => Err(Error::Write { path: path.clone(), source }),
                }
            }
            None => self.eval_inner(stmt, out, err),
        };
        let _ = out.flush();
        let flow = match result {
            Ok(f) => f,
            Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Flow::Quit,
            Err(e) => {
                self.failures += 1;
                let _ = writeln!(err, "error: {}", diagnose::printable(&e.to_string()));
                Flow::Continue
            }
        };
        if self.timer {
            let _ = writeln!(err, "run time: {:.3} s", started.elapsed().as_secs_f64());
        }
        flow
    }

    fn eval_inner(&mut self, stmt: &str, out: &mut dyn Write, err: &mut dyn Write) -> Result<Flow> {
        if stmt.starts_with('.') {
            return self.dot(stmt, out, err);
        }
        self.sparql(input::strip_terminator(stmt), out, err)?;
        Ok(Flow::Continue)
    }

    pub(super) fn render_opts(&mut self) -> Result<render::Options> {
        let mut o = render::Options::new(self.mode)
            .with_max_rows(self.max_rows)
            .with_width(self.width)
            .with_colour(self.colour);
        o.prefixes.clone_from(&self.prefixes);
        if self.labels {
            o.labels = Some(self.labels_map()?);
        }
        Ok(o)
    }

    fn labels_map(&mut self) -> Result<Arc<HashMap<String, String>>> {
        if let Some((g, m)) = &self.label_cache {
            if *g == self.generation {
                return Ok(m.clone());
            }
        }
        let mut m = HashMap::new();
        let all = "SELECT ?e ?l WHERE { ?e rdfs:label ?l }";
        if let QueryResults::Solutions(s) = self.select(all, CancellationToken::new(), &[])? {
            for sol in s.flatten() {
                if let (Some(Term::NamedNode(e)), Some(Term::Literal(l))) = (sol.get("e"), sol.get("l")) {
                    m.insert(e.as_str().to_owned(), l.value().to_owned());
                }
            }
        }
        let m = Arc::new(m);
        self.label_cache = Some((self.generation, m.clone()));
        Ok(m)
    }

    /// The petgraph projection, rebuilt only when the store changed.
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn projection(&mut self) -> Result<Arc<Projection>> {
        if let Some((g, p)) = &self.projection {
            if *g == self.generation {
                return Ok(p.clone());
            }
        }
        let p = Arc::new(match &self.remote {
            Some(r) => r.projection()?,
            None => Projection::from_store(&self.store)?,
        });
        self.projection = Some((self.generation, p.clone()));
        Ok(p)
    }

    /// Runs `work` with a cancellation token that Ctrl-C and the timeout cancel, and names the
    /// cause when it was cancelled.
    pub(super) fn cancellable<T>(&mut self, work: impl FnOnce(&mut Self, CancellationToken) -> Result<T>) -> Result<T> {
        let token = self.canceller.start();
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let watchdog = self.timeout.map(|t| {
            let tok = token.clone();
            std::thread::spawn(move || {
                if rx.recv_timeout(t) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                    tok.cancel();
                }
            })
        });
        let result = work(self, token);
        let _ = tx.send(());
        if let Some(w) = watchdog {
            let _ = w.join();
        }
        let interrupted = self.canceller.finish();
        match result {
            Err(Error::Cancelled) if interrupted => Err(Error::Query(QueryError::message("", "cancelled (Ctrl-C)"))),
            Err(Error::Cancelled) => Err(Error::Query(QueryError::message(
                "",
                format!(
                    "timed out after {} s (.timeout SECONDS changes the limit, .timeout 0 removes it)",
                    self.timeout.map_or(0.0, |t| t.as_secs_f64())
                ),
            ))),
            other => other,
        }
    }

    fn sparql(&mut self, text: &str, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
        if input::is_query(text) {
            return self.query(text, out, err);
        }
        if let Some(r) = &self.remote {
            return Err(Error::Query(QueryError::message(
                text,
                format!(
                    "this shell queries {} (--endpoint), read-only: updates are refused; run them on the server",
                    r.url()
                ),
            )));
        }
        let changed = self.store.update(text, &self.prefixes).map_err(|e| match e {
            Error::ReadOnly { .. } => Error::Query(QueryError::message(
                text,
                "the store is open read-only (--read-only): updates are refused and the store is unchanged",
            )),
            Error::Query(q) => Error::Query(diagnose::diagnosed(q)),
            other => other,
        })?;
        self.changed();
        let n = changed.unsigned_abs();
        let s = if n == 1 { "" } else { "s" };
        match changed.signum() {
            0 => writeln!(out, "ok: no change")?,
            1 => writeln!(out, "ok: {n} triple{s} added")?,
            _ => writeln!(out, "ok: {n} triple{s} removed")?,
        }
        Ok(())
    }

    fn query(&mut self, text: &str, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
        let opts = self.render_opts()?;
        let prefixes = self.prefixes.clone();
        let result = self.cancellable(|s, token| {
            let opts = opts.with_cancellation(token.clone());
            let res = s.select(text, token.clone(), &prefixes).map_err(|e| match e {
                Error::Query(q) => Error::Query(diagnose::diagnosed(q)),
                other => other,
            })?;
            if matches!(res, QueryResults::Solutions(_)) && opts.mode.is_graph_only() {
                writeln!(
                    err,
                    "note: .mode {} writes CONSTRUCT and DESCRIBE results; a SELECT is shown as a table",
                    clap::ValueEnum::to_possible_value(&opts.mode).map(|v| v.get_name().to_owned()).unwrap_or_default()
                )?;
            }
            render::results(res, &opts, out)
        });
        result.map(|_| ())
    }

    /// Runs a SELECT written by a dot-command, in the session's output mode.
    pub(super) fn run_select(&mut self, q: &str, out: &mut dyn Write) -> Result<render::Summary> {
        let opts = self.render_opts()?;
        self.cancellable(|s, token| {
            let opts = opts.with_cancellation(token.clone());
            let res = s.select(q, token.clone(), &[])?;
            render::results(res, &opts, out)
        })
    }

    /// Runs a script: statements split exactly as typed ones are. An incomplete statement at
    /// the end is an error.
    pub fn run_script(&mut self, text: &str, out: &mut dyn Write, err: &mut dyn Write) -> Flow {
        let mut sp = Splitter::default();
        for line in text.lines() {
            for stmt in sp.push(line) {
                if self.eval(&stmt, out, err) == Flow::Quit {
                    return Flow::Quit;
                }
            }
        }
        self.finish(&mut sp, out, err)
    }

    /// Runs statements read from `input` as they complete (a pipe need not end first). A line
    /// that is not UTF-8 is reported and the statement it belongs to is skipped.
    ///
    /// # Errors
    /// Reading fails.
    pub fn run_reader(
        &mut self,
        mut input: impl BufRead,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> std::io::Result<Flow> {
        let mut sp = Splitter::default();
        let mut bytes = Vec::new();
        let mut number = 0;
        loop {
            bytes.clear();
            if input.read_until(b'\n', &mut bytes)? == 0 {
                break;
            }
            number += 1;
            if bytes.last() == Some(&b'\n') {
                bytes.pop();
            }
            let Ok(line) = std::str::from_utf8(&bytes) else {
                self.failures += 1;
                writeln!(
                    err,
                    "error: line {number} is not UTF-8 text (binary input?); skipped the statement it belongs to"
                )?;
                sp.clear();
                continue;
            };
            for stmt in sp.push(line) {
                if self.eval(&stmt, out, err) == Flow::Quit {
                    return Ok(Flow::Quit);
                }
            }
        }
        Ok(self.finish(&mut sp, out, err))
    }

    fn finish(&mut self, sp: &mut Splitter, out: &mut dyn Write, err: &mut dyn Write) -> Flow {
        match sp.finish() {
            Ok(stmts) => {
                for stmt in stmts {
                    if self.eval(&stmt, out, err) == Flow::Quit {
                        return Flow::Quit;
                    }
                }
            }
            Err(first) => {
                self.failures += 1;
                let _ = writeln!(
                    err,
                    "error: incomplete statement at end of input (unbalanced brackets or quotes): {}",
                    diagnose::printable(&first)
                );
            }
        }
        Flow::Continue
    }
}
