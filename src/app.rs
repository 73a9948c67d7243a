//! One small function per subcommand: open what it needs, call the library, print. Besides the
//! REPL's editor this is the only place that writes to stdout and stderr.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use oxigraph::io::RdfFormat;

use crate::cli::{Cli, Command};
use crate::error::{Error, NotFound, Result, Usage};
use crate::ops;
use crate::paths::Projection;
use crate::remote::Remote;
use crate::render::{self, Mode};
use crate::store::{self, Sparql, Store};

/// Runs a parsed command line.
///
/// # Errors
/// Whatever the command fails with; `main` maps it to an exit code.
pub fn run(cli: Cli) -> Result<()> {
    let location = cli.store.clone().unwrap_or_else(store::default_location);
    let base = cli.base.clone();
    if oxigraph::model::NamedNode::new(&base).is_err() || !(base.ends_with('/') || base.ends_with('#')) {
        return Err(Usage::Value {
            option: "--base",
            value: format!("{base:?}"),
            problem: format!("not an absolute IRI ending in / or #; give one such as {}", crate::vocab::DEFAULT_BASE),
        }
        .into());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Build { paths, force, endpoint, prune, reference } => {
            // a bad URL or credentials fail before anything is built
            let endpoint = endpoint.map(|url| endpoint_for(&url, 4)).transpose()?;
            let store = Store::open(&location)?;
            let lex = crate::reference::lexicon_for(store.path(), &reference)?;
            let options = crate::build::Options::new(&paths, &base).with_force(force).with_lexicon(&lex);
            let built = if std::io::stderr().is_terminal() {
                // the bar on stderr; the lines on stdout are written above it
                let bar = Bar(indicatif::ProgressBar::hidden());
                let mut above = Above { bar: &bar.0, inner: &mut out };
                crate::build::run(&store, &options.with_progress(&bar), &mut above, &mut std::io::stderr())
            } else {
                crate::build::run(&store, &options, &mut out, &mut std::io::stderr())
            };
            if prune && matches!(built, Ok(_) | Err(Error::SomeFailed { .. })) {
                let gone = crate::remove::gone_under(&store, &paths)?;
                crate::remove::remove(&store, &gone, &base)?;
                for d in &gone {
                    writeln!(out, "removed {} (its file is gone)", d.source)?;
                }
            }
            if let (Some(mut endpoint), Ok(_) | Err(Error::SomeFailed { .. })) = (endpoint, &built) {
                // the documents that were built go even when others failed
                crate::push::push(&store, &mut endpoint, false, &mut out, &mut std::io::stderr())?;
            }
            built.map(|_| ())
        }
        Command::Remove { paths } => {
            let store = Store::open(&location)?;
            let docs = crate::remove::find(&store, &paths)?;
            let statements = crate::remove::remove(&store, &docs, &base)?;
            for d in &docs {
                writeln!(out, "removed {}", d.source)?;
            }
            writeln!(
                out,
                "{} document{} removed, {statements} statements",
                docs.len(),
                if docs.len() == 1 { "" } else { "s" }
            )?;
            Ok(())
        }
        Command::Extract { file, explain, reference } => extract(&file, &base, explain, &reference, &mut out),
        Command::Query { sparql, file, format, endpoint } => {
            let text = match (sparql, file) {
                (Some(q), _) => q,
                (None, Some(f)) => std::fs::read_to_string(&f).map_err(|source| Error::Read { path: f, source })?,
                (None, None) => {
                    if std::io::stdin().is_terminal() {
                        return Err(Usage::NoQuery.into());
                    }
                    let mut s = String::new();
                    std::io::stdin().read_to_string(&mut s)?;
                    s
                }
            };
            match endpoint {
                Some(url) => query(&Remote::new(&url)?, &text, format, &mut out),
                None => query(&open_existing(&location)?, &text, format, &mut out),
            }
        }
        Command::Export { format, graph, output } => {
            let store = open_existing(&location)?;
            ops::export(&store, format.rdf_format(), graph.as_deref(), output.as_deref(), &mut out)
        }
        Command::Push { endpoint, all, retries } => {
            let store = open_existing(&location)?;
            push(&store, &endpoint, all, retries, &mut out)
        }
        Command::Stats { json } => {
            let store = open_existing(&location)?;
            ops::stats(&store, json, &mut out)
        }
        Command::Check => {
            let store = open_existing(&location)?;
            check(&store, &mut out, &mut std::io::stderr())
        }
        Command::Repl { endpoint: Some(url), commands, no_history, no_init, .. } => {
            crate::repl::run_remote(Remote::new(&url)?, &base, &commands, !no_history, !no_init)
        }
        Command::Repl { load, commands, no_history, no_init, read_only, endpoint: None } => {
            let store = if read_only { open_existing(&location)? } else { Store::open(&location)? };
            if !load.is_empty() {
                let options = crate::build::Options::new(&load, &base);
                crate::build::run(&store, &options, &mut std::io::stderr(), &mut std::io::stderr())?;
            }
            crate::repl::run(store, &base, &commands, !no_history, !no_init)
        }
        Command::Path { args, endpoint: Some(url) } => {
            let remote = Remote::new(&url)?;
            ops::path(&remote_projection(&remote)?, &remote, &args, &mut out)
        }
        Command::Path { args, endpoint: None } => {
            let store = open_existing(&location)?;
            ops::path(&projection(&store)?, &store, &args, &mut out)
        }
        Command::Neighbours { args, endpoint: Some(url) } => {
            let remote = Remote::new(&url)?;
            ops::neighbours(&remote_projection(&remote)?, &remote, &args, &mut out)
        }
        Command::Neighbours { args, endpoint: None } => {
            let store = open_existing(&location)?;
            ops::neighbours(&projection(&store)?, &store, &args, &mut out)
        }
        Command::Serve(options) => crate::serve::run(&location, &options, &mut std::io::stderr()),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "relate", &mut out);
            Ok(())
        }
        Command::Man { dir: None } => {
            Ok(clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out)?)
        }
        Command::Man { dir: Some(dir) } => {
            std::fs::create_dir_all(&dir).map_err(|source| Error::Write { path: dir.clone(), source })?;
            clap_mangen::generate_to(<Cli as clap::CommandFactory>::command(), &dir)
                .map_err(|source| Error::Write { path: dir.clone(), source })?;
            writeln!(out, "wrote the manual pages into {}", dir.display())?;
            Ok(())
        }
        Command::Validate { data, shapes, report } => {
            validate(&location, data.as_deref(), shapes.as_deref(), report.as_deref(), &mut out)
        }
        Command::Ask { question, format, endpoint: Some(url) } => {
            let remote = Remote::new(&url)?;
            ops::ask(&remote_projection(&remote)?, &remote, &question, format, &mut out)
        }
        Command::Ask { question, format, endpoint: None } => {
            let store = open_existing(&location)?;
            ops::ask(&Projection::cached(&store)?, &store, &question, format, &mut out)
        }
    }
}

/// The progress bar of `relate build` on a terminal.
struct Bar(indicatif::ProgressBar);

impl crate::build::Progress for Bar {
    fn start(&self, total: usize) {
        self.0.set_length(total as u64);
        self.0.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {per_sec}, {eta} left")
        {
            self.0.set_style(style);
        }
    }

    fn advance(&self) {
        self.0.inc(1);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// A writer whose lines go out above a progress bar.
struct Above<'a, W: Write> {
    bar: &'a indicatif::ProgressBar,
    inner: &'a mut W,
}

impl<W: Write> Write for Above<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let inner = &mut self.inner;
        self.bar.suspend(|| inner.write(buf))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Opens a store for reading; a missing store is an error that says how to make one.
fn open_existing(location: &Path) -> Result<Store> {
    Store::open_read_only(location)
}

fn extract(file: &Path, base: &str, explain: bool, reference: &[PathBuf], out: &mut dyn Write) -> Result<()> {
    let mut lex = crate::lexicon::Lexicon::load()?;
    for dir in reference {
        lex = lex.with_reference(dir)?;
    }
    let bytes = std::fs::read(file).map_err(|source| Error::Read { path: file.to_owned(), source })?;
    let doc = crate::document::Document::from_bytes(&crate::build::source_name(file), &bytes)?;
    let ex = crate::loader::extract(&doc, &lex);
    if explain {
        writeln!(out, "# {} ({} loader, {} format)", doc.source, ex.loader, doc.format.name())?;
        // names the entity tagger typed, with its confidence (the vocabularies typed the rest)
        for e in ex.entities.iter().filter(|e| e.confidence.is_some()) {
            let c = e.confidence.unwrap_or_default();
            writeln!(out, "entity: {} ({:?}, tagger confidence {c:.2})", e.name, e.kind)?;
        }
        for f in &ex.facts {
            let e = f.evidence;
            let name = |id: usize| ex.entities[id].name.clone();
            let file = crate::loader::rule_file(e.rule).unwrap_or("?");
            writeln!(out, "{}  [{} {file}]", crate::ask::describe_fact(&f.fact, &name), e.rule)?;
            writeln!(
                out,
                "    \"{}\"  chars {}–{}",
                doc.text[e.start..e.end].replace('\n', " "),
                doc.char_offset(e.start),
                doc.char_offset(e.end)
            )?;
        }
        return Ok(());
    }
    let mut resolver = crate::resolution::Resolver::new(&lex, base)?;
    let (graph, _) = crate::model::document_iris(base, &doc.source);
    resolver.put(&graph, &doc.sha256, crate::model::mentions(&ex, &lex).into_iter().flatten().collect());
    let built = crate::model::build(&doc, &ex, base, &lex, &resolver);
    let store = Store::in_memory()?;
    store.replace_graph(&graph, &built.quads)?;
    store.export(RdfFormat::Turtle, None, out)
}

fn query(source: &dyn Sparql, text: &str, format: Mode, out: &mut dyn Write) -> Result<()> {
    let is_update = ["INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"]
        .contains(&crate::update::keyword(text).as_str());
    if is_update {
        return Err(Usage::UpdateInQuery.into());
    }
    let res = source.evaluate(text)?;
    render::results(res, &render::Options::new(format), out)?;
    Ok(())
}

fn push(store: &Store, url: &str, all: bool, retries: u32, out: &mut dyn Write) -> Result<()> {
    let mut endpoint = endpoint_for(url, retries)?;
    crate::push::push(store, &mut endpoint, all, out, &mut std::io::stderr())?;
    Ok(())
}

/// An endpoint with credentials from the environment.
fn endpoint_for(url: &str, retries: u32) -> Result<crate::push::Endpoint> {
    Ok(crate::push::Endpoint::new(url)?
        .with_credentials(crate::push::Credentials::from_env()?)
        .with_retries(retries, std::time::Duration::from_millis(500)))
}

fn check(store: &Store, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let r = crate::check::run(store)?;
    for p in &r.problems {
        writeln!(out, "{p}")?;
    }
    for n in &r.notes {
        writeln!(err, "note: {n}")?;
    }
    if !r.problems.is_empty() {
        return Err(Error::CheckFailed { count: r.problems.len() });
    }
    writeln!(
        out,
        "ok: {} document graphs, {} statements, {} triples in the default graph (their union), {} quotes checked",
        r.graphs, r.statements, r.union, r.quotes
    )?;
    Ok(())
}

/// `relate validate`: the store's union graph (or `data`) against `shapes` (or the built-in
/// shapes); the summary to `out`, or to stderr when the report goes to stdout (`-`).
fn validate(
    location: &Path,
    data: Option<&Path>,
    shapes: Option<&Path>,
    report: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let (shapes_text, shapes_name) = match shapes {
        Some(f) => (
            std::fs::read_to_string(f).map_err(|source| Error::Read { path: f.to_owned(), source })?,
            f.display().to_string(),
        ),
        None => (crate::validate::BUILTIN_SHAPES.to_owned(), crate::validate::BUILTIN_NAME.to_owned()),
    };
    let (triples, what) = match data {
        Some(f) => (crate::validate::file_as_ntriples(f)?, f.display().to_string()),
        None => {
            let store = open_existing(location)?;
            let mut buf = Vec::new();
            store.export(RdfFormat::NTriples, None, &mut buf)?;
            (buf, format!("store {}", store.path().display()))
        }
    };
    let outcome = crate::validate::validate(&triples, &shapes_text, &shapes_name)?;
    let term = |t: &str| match t.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        Some(iri) => crate::vocab::shorten(iri, &[]),
        None => t.to_owned(),
    };
    let mut summary = String::new();
    for f in &outcome.findings {
        summary.push_str(&format!("{}: {}", f.severity.to_lowercase(), term(&f.focus)));
        if let Some(p) = &f.path {
            summary.push_str(&format!(" {p}"));
        }
        summary.push_str(&format!(": {}", f.component.trim_end_matches("ConstraintComponent")));
        if let Some(v) = &f.value {
            summary.push_str(&format!(", value {}", term(v)));
        }
        if let Some(m) = &f.message {
            summary.push_str(&format!(" ({m})"));
        }
        summary.push('\n');
    }
    let violations = outcome.violations();
    if violations > 0 {
        summary.push_str(&format!(
            "{what}: {violations} violation{} of {shapes_name} ({} results, {} triples checked)\n",
            if violations == 1 { "" } else { "s" },
            outcome.findings.len(),
            outcome.data_triples
        ));
    } else {
        summary.push_str(&format!(
            "ok: {what} conforms to {shapes_name} ({} triples checked{})\n",
            outcome.data_triples,
            if outcome.findings.is_empty() { String::new() } else { format!(", {} warnings", outcome.findings.len()) }
        ));
    }
    match report {
        Some(p) if p == Path::new("-") => {
            outcome.write_turtle(out)?;
            std::io::stderr().write_all(summary.as_bytes())?;
        }
        Some(p) => {
            let mut buf = Vec::new();
            outcome.write_turtle(&mut buf)?;
            std::fs::write(p, buf).map_err(|source| Error::Write { path: p.to_owned(), source })?;
            out.write_all(summary.as_bytes())?;
        }
        None => out.write_all(summary.as_bytes())?,
    }
    if violations > 0 {
        return Err(Error::ValidationFailed { count: violations, shapes: shapes_name });
    }
    Ok(())
}

/// The projection of a store that has documents.
fn projection(store: &Store) -> Result<Projection> {
    let p = Projection::cached(store)?;
    if p.nodes.is_empty() {
        return Err(NotFound::EmptyStore { path: store.path().to_owned() }.into());
    }
    Ok(p)
}

/// The projection of a remote endpoint's graph (see [`Remote::mirror`]).
fn remote_projection(remote: &Remote) -> Result<Projection> {
    remote.projection()
}
