//! The shell's state and evaluator: parse ▶ eval ▶ render into any `Write`. No terminal code
//! here, so scripts, tests and the interactive editor drive the same session.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Parser;
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::{CancellationToken, QueryResults};

use super::command::{self, Dot, DotLine, Switch};
use super::input;
use crate::cli::GraphFormat;
use crate::error::{Error, Result};
use crate::paths::{Projection, Search};
use crate::render::{self, Mode};
use crate::store::Store;
use crate::vocab;

/// What the shell does after a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// Default query timeout, in seconds.
pub const DEFAULT_TIMEOUT: f64 = 60.0;
/// Default row limit in table modes.
pub const DEFAULT_MAX_ROWS: usize = 1000;

/// A shell session over one store.
pub struct Session {
    pub store: Store,
    pub base: String,
    pub mode: Mode,
    pub max_rows: Option<usize>,
    pub timer: bool,
    pub timeout: Option<Duration>,
    pub labels: bool,
    pub width: Option<usize>,
    pub prefixes: Vec<(String, String)>,
    output: Option<PathBuf>,
    once: Option<PathBuf>,
    /// The running query's token, for Ctrl-C.
    pub current: Arc<Mutex<Option<CancellationToken>>>,
    /// Did any statement fail?
    pub failed: bool,
    generation: u64,
    projection: Option<(u64, Arc<Projection>)>,
    label_cache: Option<(u64, Arc<HashMap<String, String>>)>,
    depth: usize,
}

impl Session {
    #[must_use]
    pub fn new(store: Store, base: &str) -> Self {
        Session {
            store,
            base: base.to_owned(),
            mode: Mode::Table,
            max_rows: Some(DEFAULT_MAX_ROWS),
            timer: false,
            timeout: Some(Duration::from_secs_f64(DEFAULT_TIMEOUT)),
            labels: false,
            width: None,
            prefixes: vec![("id".to_owned(), base.to_owned())],
            output: None,
            once: None,
            current: Arc::new(Mutex::new(None)),
            failed: false,
            generation: 0,
            projection: None,
            label_cache: None,
            depth: 0,
        }
    }

    /// The one-line banner: store, documents, entities, triples, and how to get help.
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn banner(&self) -> Result<String> {
        let s = self.store.stats()?;
        Ok(format!(
            "relate {} — store {}: {} documents, {} entities, {} triples. Statements end with ; or a blank line; .help for help.",
            env!("CARGO_PKG_VERSION"),
            self.store.path().display(),
            s.documents,
            s.entities,
            s.triples
        ))
    }

    /// Entity labels ▶ IRIs, for completion.
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn entity_names(&self) -> Result<Vec<(String, String)>> {
        let q = "SELECT DISTINCT ?l ?e WHERE { ?e rdfs:label ?l ; a ?t . FILTER(?t != rel:Document && STRSTARTS(STR(?t), STR(rel:))) } ORDER BY ?l";
        let mut out = Vec::new();
        if let QueryResults::Solutions(s) = self.store.query(q, None, &[])? {
            for sol in s.flatten() {
                if let (Some(Term::Literal(l)), Some(Term::NamedNode(e))) = (sol.get("l"), sol.get("e")) {
                    out.push((l.value().to_owned(), e.as_str().to_owned()));
                }
            }
        }
        Ok(out)
    }

    /// Evaluates one complete statement (SPARQL or dot-command). Errors are written to `err`
    /// and remembered in `failed`; the session always goes on unless told to quit.
    pub fn eval(&mut self, stmt: &str, out: &mut dyn Write, err: &mut dyn Write) -> Flow {
        let stmt = stmt.trim();
        if stmt.is_empty() {
            return Flow::Continue;
        }
        let started = Instant::now();
        let once = self.once.take();
        let result = match once.as_ref().or(self.output.as_ref()) {
            Some(path) => {
                let append = once.is_none();
                match std::fs::OpenOptions::new().create(true).append(append).write(true).truncate(!append).open(path) {
                    Ok(mut f) => self.eval_inner(stmt, &mut f, err),
                    Err(source) => Err(Error::Write { path: path.clone(), source }),
                }
            }
            None => self.eval_inner(stmt, out, err),
        };
        let flow = match result {
            Ok(f) => f,
            Err(e) => {
                self.failed = true;
                let _ = writeln!(err, "error: {e}");
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
        self.sparql(input::strip_terminator(stmt), out)?;
        Ok(Flow::Continue)
    }

    fn render_opts(&mut self) -> Result<render::Options> {
        let mut o = render::Options::new(self.mode).with_max_rows(self.max_rows).with_width(self.width);
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
        if let QueryResults::Solutions(s) = self.store.query("SELECT ?e ?l WHERE { ?e rdfs:label ?l }", None, &[])? {
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
        let len = self.store.inner().len().unwrap_or(0) as u64;
        let key = self.generation.wrapping_mul(1_000_003) ^ len;
        if let Some((k, p)) = &self.projection {
            if *k == key {
                return Ok(p.clone());
            }
        }
        let p = Arc::new(Projection::from_store(&self.store)?);
        self.projection = Some((key, p.clone()));
        Ok(p)
    }

    fn sparql(&mut self, text: &str, out: &mut dyn Write) -> Result<()> {
        let upper = text.to_uppercase();
        let body = crate::app::strip_prologue(&upper);
        let is_query = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"].iter().any(|k| body.starts_with(k));
        if !is_query {
            let changed = self.store.update(text, &self.prefixes).map_err(|e| match e {
                Error::Query { message } if message.contains("read-only") || message.contains("read only") || message.contains("ReadOnly") => Error::Query { message: "the store is open read-only; restart `relate repl` without --read-only to change it".into() },
                other => other,
            })?;
            self.generation += 1;
            writeln!(out, "ok: {} triples {}", changed.unsigned_abs(), if changed >= 0 { "added" } else { "removed" })?;
            return Ok(());
        }
        let token = CancellationToken::new();
        *self.current.lock().map_err(|_| Error::Cancelled)? = Some(token.clone());
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let watchdog = self.timeout.map(|t| {
            let tok = token.clone();
            std::thread::spawn(move || {
                if rx.recv_timeout(t) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                    tok.cancel();
                }
            })
        });
        let opts = self.render_opts()?;
        let timeout = self.timeout;
        let result = self.store.query(text, Some(token.clone()), &self.prefixes).and_then(|res| render::results(res, &opts, out));
        let _ = tx.send(());
        if let Some(w) = watchdog {
            let _ = w.join();
        }
        *self.current.lock().map_err(|_| Error::Cancelled)? = None;
        match result {
            Err(Error::Cancelled) if !self.was_interrupted(&token) => Err(Error::Query { message: format!("timed out after {:.0} s (.timeout to change)", timeout.map_or(0.0, |t| t.as_secs_f64())) }),
            Err(Error::Cancelled) => Err(Error::Query { message: "cancelled".into() }),
            other => other.map(|_| ()),
        }
    }

    fn was_interrupted(&self, token: &CancellationToken) -> bool {
        // the watchdog cancels on timeout; Ctrl-C cancels through `current`
        let _ = token;
        crate::repl::INTERRUPTED.swap(false, std::sync::atomic::Ordering::SeqCst)
    }

    fn run_select(&mut self, q: &str, out: &mut dyn Write) -> Result<()> {
        let opts = self.render_opts()?;
        let res = self.store.query(q, None, &self.prefixes)?;
        let s = render::results(res, &opts, out)?;
        if s.rows == 0 && matches!(self.mode, Mode::Table | Mode::Box | Mode::Markdown) {
            writeln!(out, "(no rows)")?;
        }
        Ok(())
    }

    fn dot(&mut self, line: &str, out: &mut dyn Write, err: &mut dyn Write) -> Result<Flow> {
        let words = command::split(line);
        let parsed = match DotLine::try_parse_from(&words) {
            Ok(p) => p,
            Err(e) => {
                use clap::error::ErrorKind;
                if matches!(e.kind(), ErrorKind::InvalidSubcommand | ErrorKind::UnknownArgument) && words.first().is_some_and(|w| !command::names().contains(w)) {
                    let name = words.first().cloned().unwrap_or_default();
                    let best = command::names().into_iter().min_by_key(|n| strsim(n, &name)).unwrap_or_default();
                    return Err(Error::Usage(format!("unknown command {name}; did you mean {best}? (.help lists commands)")));
                }
                let msg = e.to_string();
                let first = msg.lines().next().unwrap_or("").trim_start_matches("error: ").to_owned();
                return Err(Error::Usage(format!("{first} (.help {} for usage)", words.first().map_or("", |w| w.trim_start_matches('.')))));
            }
        };
        match parsed.command {
            Dot::Help { topic } => help(topic.as_deref(), out)?,
            Dot::Quit => return Ok(Flow::Quit),
            Dot::Mode { mode } => self.mode = mode,
            Dot::MaxRows { n } => self.max_rows = (n > 0).then_some(n),
            Dot::Timer { state } => self.timer = state == Switch::On,
            Dot::Labels { state } => self.labels = state == Switch::On,
            Dot::Output { file } => {
                if let Some(f) = &file {
                    std::fs::File::create(f).map_err(|source| Error::Write { path: f.clone(), source })?;
                }
                self.output = file;
            }
            Dot::Once { file } => self.once = Some(file),
            Dot::Timeout { seconds } => {
                if !(seconds >= 0.0 && seconds.is_finite()) {
                    return Err(Error::Usage(format!(".timeout {seconds}: give a number of seconds, 0 for none")));
                }
                self.timeout = (seconds > 0.0).then(|| Duration::from_secs_f64(seconds));
            }
            Dot::Prefixes => {
                for (p, i) in vocab::PREFIXES.iter().map(|(p, i)| ((*p).to_owned(), (*i).to_owned())).chain(self.prefixes.iter().cloned()) {
                    writeln!(out, "{p}: <{i}>")?;
                }
            }
            Dot::Prefix { name, iri } => {
                let name = name.trim_end_matches(':').to_owned();
                let iri = iri.trim_start_matches('<').trim_end_matches('>').to_owned();
                if oxigraph::model::NamedNode::new(&iri).is_err() || name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
                    return Err(Error::Usage(format!(".prefix {name}: <{iri}>: give a name and an absolute IRI, e.g. .prefix ex: <http://example.org/>")));
                }
                self.prefixes.retain(|(p, _)| *p != name);
                self.prefixes.push((name, iri));
            }
            Dot::Schema => self.run_select("SELECT ?kind ?term (COUNT(*) AS ?uses) WHERE { { ?s a ?term . BIND(\"class\" AS ?kind) } UNION { ?s ?term ?o . BIND(\"property\" AS ?kind) } } GROUP BY ?kind ?term ORDER BY ?kind DESC(?uses) ?term", out)?,
            Dot::Graphs => self.run_select("SELECT ?graph ?source ?title ?loader WHERE { GRAPH ?graph { ?d a rel:Document ; rel:sourcePath ?source ; rel:loader ?loader . OPTIONAL { ?d dcterms:title ?title } } } ORDER BY ?source", out)?,
            Dot::Stats => {
                let s = self.store.stats()?;
                writeln!(out, "documents {}  entities {}  facts {}  triples {}", s.documents, s.entities, s.facts, s.triples)?;
                for (k, n) in s.entities_by_type.iter().chain(&s.facts_by_kind) {
                    writeln!(out, "  {k:<26} {n}")?;
                }
            }
            Dot::Find { text } => {
                let t = text.join(" ").to_lowercase().replace('\\', "\\\\").replace('"', "\\\"");
                self.run_select(&format!("SELECT DISTINCT ?label ?type ?entity WHERE {{ ?entity rdfs:label ?label ; a ?type . OPTIONAL {{ ?entity skos:altLabel ?alt }} FILTER(?type != rel:Document && (CONTAINS(LCASE(?label), \"{t}\") || CONTAINS(LCASE(COALESCE(?alt, \"\")), \"{t}\"))) }} ORDER BY ?label ?type"), out)?;
            }
            Dot::Describe { name } => {
                let p = self.projection()?;
                let e = p.node(p.find(&name.join(" "))?).iri.clone();
                writeln!(out, "{} ({})", p.node(p.find(&name.join(" "))?).label, crate::render::human(&Term::NamedNode(oxigraph::model::NamedNode::new_unchecked(&e)), &self.prefixes))?;
                self.run_select(&format!("SELECT ?relation ?other ?role ?start ?end ?source WHERE {{\n  ?q ?link <{e}> ; a ?k . FILTER(?k IN (rel:Position, rel:Education, rel:Award, rel:Membership, rel:Collaboration, rel:Appointment))\n  BIND(LCASE(STRAFTER(STR(?k), \"#\")) AS ?relation)\n  OPTIONAL {{ ?q rel:organization|rel:institution|rel:conferredBy|rel:participant|rel:holder|rel:member|rel:student|rel:recipient ?o . FILTER(?o != <{e}>) ?o rdfs:label ?other }}\n  OPTIONAL {{ ?q rel:role|rel:degree|rel:honour ?role }} OPTIONAL {{ ?q rel:startDate|rel:year ?start }} OPTIONAL {{ ?q rel:endDate ?end }}\n  OPTIONAL {{ ?q rel:extractedFrom/rel:sourcePath ?source }}\n}} ORDER BY ?relation ?start ?other"), out)?;
            }
            Dot::Path { from, to } => {
                let p = self.projection()?;
                let (a, b) = (p.find(&from)?, p.find(&to)?);
                if a == b {
                    return Err(Error::Usage(format!("{from:?} and {to:?} are the same entity")));
                }
                let found = p.paths(a, b, &Search::default());
                if found.is_empty() {
                    return Err(Error::NotFound(format!("no path between {} and {} within 4 hops", p.node(a).label, p.node(b).label)));
                }
                crate::ask::write_paths(&p, &found, GraphFormat::Text, out)?;
            }
            Dot::Neighbours { name } => {
                let p = self.projection()?;
                let a = p.find(&name.join(" "))?;
                let hops = p.neighbourhood(a, 1);
                crate::ask::write_neighbours(&p, a, &hops, GraphFormat::Text, out)?;
            }
            Dot::Ask { question } => crate::ask::answer(&self.store, &question.join(" "), GraphFormat::Text, out)?,
            Dot::Load { paths } => {
                let r = crate::build::run(&self.store, &paths, &self.base.clone(), false, out, err);
                self.generation += 1;
                r?;
            }
            Dot::Export { file, format } => {
                let f = match format.as_deref().or_else(|| file.extension().and_then(|e| e.to_str())) {
                    Some("nt" | "ntriples") => RdfFormat::NTriples,
                    Some("nq" | "nquads") => RdfFormat::NQuads,
                    Some("trig") => RdfFormat::TriG,
                    Some("ttl" | "turtle") | None => RdfFormat::Turtle,
                    Some(other) => return Err(Error::Usage(format!(".export: unknown format {other:?}; use turtle, ntriples, nquads or trig"))),
                };
                let mut w = std::io::BufWriter::new(std::fs::File::create(&file).map_err(|source| Error::Write { path: file.clone(), source })?);
                self.store.export(f, None, &mut w)?;
                w.flush()?;
                writeln!(out, "exported to {}", file.display())?;
            }
            Dot::Explain { query } => {
                let plan = self.store.explain(&query.join(" "), &self.prefixes)?;
                writeln!(out, "{plan}")?;
            }
            Dot::Read { file } => {
                if self.depth > 16 {
                    return Err(Error::Usage(".read: files read each other too deeply".into()));
                }
                let text = std::fs::read_to_string(&file).map_err(|source| Error::Read { path: file.clone(), source })?;
                self.depth += 1;
                let flow = self.run_script(&text, out, err);
                self.depth -= 1;
                return Ok(flow);
            }
        }
        Ok(Flow::Continue)
    }

    /// Runs a script: statements split exactly as typed ones are.
    pub fn run_script(&mut self, text: &str, out: &mut dyn Write, err: &mut dyn Write) -> Flow {
        let mut buf = String::new();
        for line in text.lines() {
            if buf.trim().is_empty() && line.trim_start().starts_with('.') {
                if self.eval(line, out, err) == Flow::Quit {
                    return Flow::Quit;
                }
                buf.clear();
                continue;
            }
            buf.push_str(line);
            buf.push('\n');
            if line.trim().is_empty() && buf.trim().is_empty() {
                buf.clear();
                continue;
            }
            if input::is_complete(&buf) || line.trim().is_empty() && input::balance(&buf).depth <= 0 && !buf.trim().is_empty() {
                let stmt = std::mem::take(&mut buf);
                if self.eval(&stmt, out, err) == Flow::Quit {
                    return Flow::Quit;
                }
            }
        }
        if !buf.trim().is_empty() {
            let b = input::balance(&buf);
            if b.depth > 0 || b.in_string.is_some() || b.in_iri {
                self.failed = true;
                let _ = writeln!(err, "error: incomplete statement at end of input (unbalanced brackets or quotes): {}", buf.trim().lines().next().unwrap_or(""));
            } else {
                return self.eval(&buf, out, err);
            }
        }
        Flow::Continue
    }
}

/// Edit distance, for "did you mean".
fn strsim(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

fn help(topic: Option<&str>, out: &mut dyn Write) -> Result<()> {
    use clap::CommandFactory;
    let mut cmd = DotLine::command();
    if let Some(t) = topic {
        let name = if t.starts_with('.') { t.to_owned() } else { format!(".{t}") };
        if let Some(sub) = cmd.find_subcommand_mut(&name) {
            writeln!(out, "{}", sub.render_long_help())?;
            return Ok(());
        }
        return Err(Error::Usage(format!(".help {t}: no such command")));
    }
    writeln!(out, "Type SPARQL and end it with ; (or a blank line). rel:, rdfs:, skos:, schema:, org:, prov:, xsd: ... are predeclared.")?;
    writeln!(out, "Tab completes commands, keywords, prefixed names and entity names. Ctrl-C cancels a query, Ctrl-D quits.\n")?;
    for sub in cmd.get_subcommands() {
        let usage = sub.clone().render_usage().to_string().replace("Usage: ", "");
        writeln!(out, "  {:<34} {}", usage, sub.get_about().map(ToString::to_string).unwrap_or_default())?;
    }
    writeln!(out, "\nExample: SELECT ?org ?role ?start ?end WHERE {{ ?p rel:holder ?who ; rel:organization/rdfs:label ?org ; rel:role ?role . OPTIONAL {{ ?p rel:startDate ?start }} OPTIONAL {{ ?p rel:endDate ?end }} }};")?;
    Ok(())
}
