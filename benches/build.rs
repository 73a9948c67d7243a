//! Build speed: generated documents ▶ store, against extraction alone and Oxigraph's own bulk
//! loader on the same quads, and `relate export --format nquads` on the result.
//!
//! N distinct documents (10,000 by default; `cargo bench --bench build -- 100000` or
//! `RELATE_BENCH_DOCS=100000` for more) are generated from the seed documents
//! (`benches/support/corpus.rs`) into a temporary directory and built into a fresh on-disk store
//! with [`relate::build::run`], as `relate build DIR` does. Then, in the same run:
//!
//! - a no-change rebuild of the same directory (hashes only);
//! - `relate export --format nquads` of the store (the real binary), in quads per second;
//! - extraction alone over the same documents, on every core, without a store;
//! - Oxigraph's bulk loader on a fresh store, loading the exported quads plus their default-graph
//!   copies (what the build writes), parse included;
//! - Oxigraph's own dump of that store (`dump_to_writer`, N-Quads, one thread), the peer of the
//!   export's speed, in quads per second of wall-clock and of CPU time;
//! - peak RSS (`VmHWM`) after the build, before the other phases.
//!
//! With `RELATE_BENCH_KEEP=DIR` the documents and the built store are left in `DIR` (as
//! `DIR/docs` and `DIR/store`), to time other commands on them.
//!
//! The figures only mean something with optimised code: run `cargo bench --bench build` (the
//! bench profile, release settings), or reuse the dev profile's optimised dependencies with
//! `CARGO_PROFILE_DEV_OPT_LEVEL=3 cargo bench --profile dev --bench build`.

// a benchmark's report on stdout is its output
#![allow(clippy::print_stdout)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad};
use relate::document::Document;
use relate::lexicon::Lexicon;

#[path = "support/corpus.rs"]
mod corpus;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.replace('_', "").parse().ok())
        .or_else(|| std::env::var("RELATE_BENCH_DOCS").ok().and_then(|v| v.parse().ok()))
        .unwrap_or(10_000);
    let lex = Lexicon::load().expect("lexicon");
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = std::env::var_os("RELATE_BENCH_KEEP").map_or_else(|| tmp.path().to_owned(), PathBuf::from);
    let docs = root.join("docs");
    let (files, bytes) = generate(&docs, n, &lex);
    let mb = bytes as f64 / 1_000_000.0;
    println!("generated {n} documents, {mb:.1} MB, from {} seeds", corpus::templates(true).len());
    let rss_before = peak_rss_mb();

    // the build, as `relate build DIR` runs it
    let store_dir = root.join("store");
    let base = relate::vocab::DEFAULT_BASE;
    let store = relate::store::Store::open(&store_dir).expect("store");
    let mut out = Vec::new();
    let (started, cpu) = (Instant::now(), cpu_s().0);
    relate::build::run(
        &store,
        &relate::build::Options::new(std::slice::from_ref(&docs), base),
        &mut out,
        &mut std::io::stderr(),
    )
    .expect("build");
    let build_s = started.elapsed().as_secs_f64();
    let build_cpu = cpu_s().0 - cpu;
    let rss = peak_rss_mb();
    let summary = String::from_utf8_lossy(&out).lines().last().unwrap_or("").to_owned();
    println!(
        "build: {n} documents in {build_s:.2} s ({build_cpu:.2} s CPU): {:.0} documents/s, {:.2} MB/s",
        n as f64 / build_s,
        mb / build_s
    );
    println!("build: {summary}");
    println!("peak RSS: {rss:.0} MB after the build ({rss_before:.0} MB before it)");

    // the same directory again: every document unchanged
    let mut out = Vec::new();
    let started = Instant::now();
    relate::build::run(
        &store,
        &relate::build::Options::new(std::slice::from_ref(&docs), base),
        &mut out,
        &mut std::io::stderr(),
    )
    .expect("rebuild");
    let rebuild_s = started.elapsed().as_secs_f64();
    let summary = String::from_utf8_lossy(&out).lines().last().unwrap_or("").to_owned();
    println!("no-change rebuild: {rebuild_s:.2} s ({})", summary.split(';').next().unwrap_or(""));
    drop(store);

    // export with the real binary
    let nq = tmp.path().join("export.nq");
    let (started, cpu) = (Instant::now(), cpu_s().1);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_relate"))
        .env("RELATE_STORE", &store_dir)
        .args(["export", "--format", "nquads", "-o"])
        .arg(&nq)
        .status()
        .expect("run relate export");
    let export_s = started.elapsed().as_secs_f64();
    let export_cpu = cpu_s().1 - cpu;
    assert!(status.success(), "relate export failed");
    let exported = std::fs::read(&nq).expect("read export");
    let quads = exported.iter().filter(|&&b| b == b'\n').count();
    println!(
        "export --format nquads: {quads} quads, {:.1} MB in {export_s:.2} s ({export_cpu:.2} s CPU): {:.0} quads/s",
        exported.len() as f64 / 1_000_000.0,
        quads as f64 / export_s
    );

    // extraction alone, on every core
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let (started, cpu) = (Instant::now(), cpu_s().0);
    let facts = extract_all(&files, &lex, threads);
    let extract_s = started.elapsed().as_secs_f64();
    let extract_cpu = cpu_s().0 - cpu;
    println!("extraction alone: {facts} facts in {extract_s:.2} s ({extract_cpu:.2} s CPU) on {threads} threads");

    // Oxigraph's bulk loader, same quads (document graphs and their default-graph copies)
    let bulk_dir = tmp.path().join("bulk");
    let bulk = oxigraph::store::Store::open(&bulk_dir).expect("bulk store");
    let (started, cpu) = (Instant::now(), cpu_s().0);
    let parsed = RdfParser::from_format(RdfFormat::NQuads).for_slice(&exported).map(|q| q.expect("quad"));
    let both = parsed.flat_map(|q: Quad| {
        let d = Quad::new(q.subject.clone(), q.predicate.clone(), q.object.clone(), GraphName::DefaultGraph);
        [q, d]
    });
    let mut loader = bulk.bulk_loader();
    loader.load_quads(both).expect("bulk load");
    loader.commit().expect("bulk commit");
    let bulk_s = started.elapsed().as_secs_f64();
    let bulk_cpu = cpu_s().0 - cpu;
    println!("Oxigraph bulk load of the same quads (+ default graph): {bulk_s:.2} s ({bulk_cpu:.2} s CPU)");
    println!(
        "ratio: build / bulk load = {:.2} (CPU {:.2}); build / (extraction + bulk load) = {:.2} (CPU {:.2})",
        build_s / bulk_s,
        build_cpu / bulk_cpu,
        build_s / (extract_s + bulk_s),
        build_cpu / (extract_cpu + bulk_cpu)
    );

    // Oxigraph's own dump of that store (every quad, default graph included), on one thread: the
    // speed of decoding the stored terms, a peer for the export's
    let (started, cpu) = (Instant::now(), cpu_s().0);
    let mut counted = CountingSink(0);
    bulk.dump_to_writer(RdfFormat::NQuads, &mut counted).expect("dump");
    let dump_s = started.elapsed().as_secs_f64();
    let dump_cpu = cpu_s().0 - cpu;
    println!(
        "Oxigraph dump_to_writer of that store (N-Quads, one thread): {} quads in {dump_s:.2} s ({dump_cpu:.2} s CPU): {:.0} quads/s ({:.0} per CPU second; export: {:.0})",
        counted.0,
        counted.0 as f64 / dump_s,
        counted.0 as f64 / dump_cpu,
        quads as f64 / export_cpu
    );
    std::io::stdout().flush().ok();
}

/// A writer that keeps only the number of lines written.
struct CountingSink(usize);

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.iter().filter(|&&b| b == b'\n').count();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes `n` distinct documents under `dir`; returns their paths and total size.
fn generate(dir: &Path, n: usize, lex: &Lexicon) -> (Vec<PathBuf>, usize) {
    std::fs::create_dir_all(dir).expect("docs dir");
    let templates = corpus::templates(true);
    let keep = corpus::keeper(lex);
    let mut seen = std::collections::HashSet::new();
    let mut files = Vec::with_capacity(n);
    let mut bytes = 0;
    for i in 0..n {
        let t = &templates[i % templates.len()];
        let mut text = corpus::variant(t, i as u64, &keep);
        if !seen.insert(sha(&text)) {
            text.push_str(&format!("\nPage {i}.\n"));
        }
        let ext = if t.starts_with('#') { "md" } else { "txt" };
        let path = dir.join(format!("doc-{i:06}.{ext}"));
        std::fs::write(&path, &text).expect("write document");
        bytes += text.len();
        files.push(path);
    }
    (files, bytes)
}

fn sha(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

fn extract_all(files: &[PathBuf], lex: &Lexicon, threads: usize) -> usize {
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut facts = 0;
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(f) = files.get(i) else { break };
                        let bytes = std::fs::read(f).expect("read document");
                        let name = f.display().to_string();
                        let doc = Document::from_bytes(&name, &bytes).expect("document");
                        facts += relate::loader::extract(&doc, lex).facts.len();
                    }
                    facts
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("worker")).sum()
    })
}

/// CPU seconds used so far by this process (all threads) and by its waited-for children.
fn cpu_s() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // fields after the command name (which is in parentheses): utime stime cutime cstime are
    // fields 14-17 of the line, 12-15 after it
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<f64> = rest.split_whitespace().map(|x| x.parse().unwrap_or(0.0)).collect();
    let tick = 100.0; // USER_HZ on Linux
    let get = |i: usize| f.get(i).copied().unwrap_or(0.0) / tick;
    (get(11) + get(12), get(13) + get(14))
}

/// Peak resident set size of this process so far, in MB (`VmHWM`).
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}
