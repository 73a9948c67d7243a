//! Shell start-up to the first prompt on a store of a million triples.
//!
//! `cargo bench --bench repl_startup` generates (once, then reuses) a synthetic graph of people,
//! organisations and qualified positions with evidence, one named graph per "document" and the
//! default graph as their union, exactly as `relate build` lays a store out, loads it with
//! Oxigraph's bulk loader, and then starts the real `relate repl` on a pseudo-terminal, timing
//! from spawn to the first `relate> ` prompt (the banner with its counts comes before it):
//! with the counts cached from an earlier start of the unchanged store, and without (the first
//! start after a change, which counts the triples). It also times `relate repl -c .quit` (open
//! the store and leave, no banner).
//!
//! `RELATE_BENCH_STORE` names the store directory (default `target/bench-store-1m`);
//! `RELATE_BENCH_PEOPLE` the number of people (default 50 000: about 1.05 million triples).

// a benchmark's report on stdout is its output
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

const REL: &str = "https://w3id.org/relate/ontology#";
const ID: &str = "https://w3id.org/relate/id/";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const SKOS_ALT: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
const XSD_GYEAR: &str = "http://www.w3.org/2001/XMLSchema#gYear";

fn rel(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{REL}{local}"))
}

fn id(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ID}{local}"))
}

/// The triples of person `i`, in the graph of the document that mentions them.
fn person(i: usize, orgs: usize, out: &mut Vec<(NamedNode, NamedNode, Term)>) {
    const GIVEN: &[&str] = &["Ada", "Bela", "Cyra", "Dov", "Ema", "Fenn", "Gita", "Hal", "Ines", "Jory"];
    const FAMILY: &[&str] =
        &["Quill", "Brenner", "Okafor", "Lindqvist", "Marsh", "Tovar", "Ibsen", "Kato", "Varga", "Stroud"];
    let p = id(&format!("person/p{i}"));
    let name = format!("{} {}. {} {i}", GIVEN[i % 10], (b'A' + (i / 10 % 26) as u8) as char, FAMILY[i / 260 % 10]);
    let doc = id(&format!("doc/d{}", i % 1000));
    out.push((p.clone(), NamedNode::new_unchecked(RDF_TYPE), rel("Person").into()));
    out.push((p.clone(), NamedNode::new_unchecked(RDFS_LABEL), Literal::new_simple_literal(&name).into()));
    out.push((
        p.clone(),
        NamedNode::new_unchecked(SKOS_ALT),
        Literal::new_simple_literal(format!("{} {i}", FAMILY[i / 260 % 10])).into(),
    ));
    for k in 0..2 {
        let org = id(&format!("org/o{}", (i * 7 + k * 13) % orgs));
        let pos = id(&format!("position/p{i}-{k}"));
        let start = 1960 + (i + k * 11) % 50;
        out.push((p.clone(), rel("holdsPositionAt"), org.clone().into()));
        out.push((pos.clone(), NamedNode::new_unchecked(RDF_TYPE), rel("Position").into()));
        out.push((pos.clone(), rel("holder"), p.clone().into()));
        out.push((pos.clone(), rel("organization"), org.into()));
        out.push((
            pos.clone(),
            rel("role"),
            Literal::new_simple_literal(if k == 0 { "Professor" } else { "Chair" }).into(),
        ));
        out.push((
            pos.clone(),
            rel("startDate"),
            Literal::new_typed_literal(start.to_string(), NamedNode::new_unchecked(XSD_GYEAR)).into(),
        ));
        out.push((
            pos.clone(),
            rel("endDate"),
            Literal::new_typed_literal((start + 5).to_string(), NamedNode::new_unchecked(XSD_GYEAR)).into(),
        ));
        out.push((
            pos.clone(),
            rel("evidenceQuote"),
            Literal::new_simple_literal(format!(
                "{name} served as {} from {start}.",
                if k == 0 { "professor" } else { "chair" }
            ))
            .into(),
        ));
        out.push((pos, rel("extractedFrom"), doc.clone().into()));
    }
}

/// Builds the store unless a finished one is already there; returns its triple count.
fn ensure_store(dir: &Path, people: usize) -> usize {
    let done = dir.join("relate-bench-complete");
    if let Ok(n) = std::fs::read_to_string(&done) {
        if let Ok(n) = n.trim().parse() {
            return n;
        }
    }
    let _ = std::fs::remove_dir_all(dir);
    let started = Instant::now();
    let store = oxigraph::store::Store::open(dir).expect("open the bench store");
    let orgs = people / 10;
    let mut triples = 0usize;
    let mut quads = Vec::new();
    let mut batch = Vec::new();
    let mut loader = store.bulk_loader();
    for i in 0..people {
        person(i, orgs, &mut batch);
        let doc = id(&format!("graph/d{}", i % 1000));
        for (s, p, o) in batch.drain(..) {
            quads.push(Quad::new(s.clone(), p.clone(), o.clone(), GraphName::NamedNode(doc.clone())));
            quads.push(Quad::new(s, p, o, GraphName::DefaultGraph));
            triples += 1;
        }
        if quads.len() > 200_000 {
            loader.load_quads(std::mem::take(&mut quads)).expect("bulk load");
        }
    }
    for o in 0..orgs {
        let org = id(&format!("org/o{o}"));
        for (p, v) in [
            (RDF_TYPE, Term::from(rel("Organization"))),
            (RDFS_LABEL, Literal::new_simple_literal(format!("Institute {o}")).into()),
        ] {
            let doc = id(&format!("graph/d{}", o % 1000));
            quads.push(Quad::new(org.clone(), NamedNode::new_unchecked(p), v.clone(), GraphName::NamedNode(doc)));
            quads.push(Quad::new(org.clone(), NamedNode::new_unchecked(p), v, GraphName::DefaultGraph));
            triples += 1;
        }
    }
    for d in 0..1000 {
        let doc = id(&format!("doc/d{d}"));
        let graph = GraphName::NamedNode(id(&format!("graph/d{d}")));
        for (p, v) in [
            (NamedNode::new_unchecked(RDF_TYPE), Term::from(rel("Document"))),
            (rel("sourcePath"), Literal::new_simple_literal(format!("bench/d{d}.txt")).into()),
            (rel("loader"), Literal::new_simple_literal("profile").into()),
        ] {
            quads.push(Quad::new(doc.clone(), p.clone(), v.clone(), graph.clone()));
            quads.push(Quad::new(doc.clone(), p, v, GraphName::DefaultGraph));
            triples += 1;
        }
    }
    loader.load_quads(quads).expect("bulk load");
    loader.commit().expect("commit the bulk load");
    store.flush().expect("flush");
    drop(store);
    std::fs::write(&done, triples.to_string()).expect("mark the store complete");
    eprintln!("generated {triples} triples ({people} people) in {:.1} s", started.elapsed().as_secs_f64());
    triples
}

fn relate(store: &Path, home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_relate"));
    c.env("RELATE_STORE", store)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    c
}

/// Spawn ▶ first prompt on a pseudo-terminal.
fn to_prompt(store: &Path, home: &Path) -> Duration {
    let mut c = relate(store, home);
    c.args(["repl", "--no-history"]);
    let opts = rexpect::reader::Options::new().timeout_ms(Some(60_000)).strip_ansi_escape_codes(true);
    let started = Instant::now();
    let mut p = rexpect::session::spawn_with_options(c, opts).expect("spawn relate on a pty");
    // poll finely: rexpect's own waiting sleeps 100 ms between reads
    let mut seen = String::new();
    while !seen.ends_with("relate> ") {
        match p.try_read() {
            Some(c) => seen.push(c),
            None => std::thread::sleep(Duration::from_micros(200)),
        }
        assert!(started.elapsed() < Duration::from_secs(120), "no prompt: {seen}");
    }
    let took = started.elapsed();
    p.send_control('d').expect("Ctrl-D");
    p.exp_eof().expect("the shell ends");
    took
}

/// `relate repl -c .quit`: open the store and leave.
fn quit_at_once(store: &Path, home: &Path) -> Duration {
    let started = Instant::now();
    let o = relate(store, home).args(["repl", "--no-history", "-c", ".quit"]).output().expect("run relate");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    started.elapsed()
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what:<44} median {:>7.1} ms   min {:>7.1} ms   max {:>7.1} ms   ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing: then only check it runs
    let quick = !std::env::args().any(|a| a == "--bench");
    let dir = std::env::var_os("RELATE_BENCH_STORE")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-store-1m"), PathBuf::from);
    let people = std::env::var("RELATE_BENCH_PEOPLE").ok().and_then(|n| n.parse().ok()).unwrap_or(if quick {
        500
    } else {
        50_000
    });
    let dir = if quick { dir.with_file_name("bench-store-quick") } else { dir };
    let triples = ensure_store(&dir, people);
    let home = tempfile::tempdir().expect("temp home");
    let runs = if quick { 1 } else { 15 };
    println!("relate repl start-up on a store of {triples} triples ({})", dir.display());
    // one warm-up run so the page cache holds the store, as it does for a user's second start;
    // it also leaves the banner's counts in the (temporary) cache directory
    to_prompt(&dir, home.path());
    report("spawn to first prompt, counts cached", (0..runs).map(|_| to_prompt(&dir, home.path())).collect());
    // a fresh home each time: the counts are taken from the store (first start after a change)
    let cold = (0..runs.min(5)).map(|_| to_prompt(&dir, tempfile::tempdir().expect("temp home").path())).collect();
    report("spawn to first prompt, store counted", cold);
    report("relate repl -c .quit (open and leave)", (0..runs).map(|_| quit_at_once(&dir, home.path())).collect());
}
