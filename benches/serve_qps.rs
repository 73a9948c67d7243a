//! Queries per second through `relate serve` against Oxigraph's own server, on the same store
//! and the same query mix, in one run.
//!
//! N documents (1,000 by default; `cargo bench --bench serve_qps -- 5000` or
//! `RELATE_BENCH_DOCS`) are generated from the seed documents (`benches/support/corpus.rs`) and
//! built into a store with [`relate::build::run`]. Then the real `relate serve` and Oxigraph's
//! server (`oxigraph serve-read-only` from PyPI's `oxigraph` 0.5.13, found in
//! `$RELATE_CI_VENV/bin`, default `/tmp/relate-ci-venv`, or on `PATH`) both open that same store
//! directory read-only (a relate store is an Oxigraph store whose default graph holds the union
//! of the document graphs, so both see the same data). Both get the same queries, sent as
//! `POST application/sparql-query` with the prefixes written out, answers as SPARQL JSON, from
//! `RELATE_BENCH_CLIENTS` client threads (default 2), each keeping its connection open.
//!
//! On a machine shared with other work, a server's queries per second follow the load: a figure
//! moved 2–3× between two 5 s rounds of one run. So the servers are measured in
//! `RELATE_BENCH_ROUNDS` rounds (default 6) of `RELATE_BENCH_SECONDS` (default 3) each, one
//! server after the other, the order swapped every round (so a load that rises or falls through
//! a round favours neither), and the ratio is taken within each round, then the median of those.
//! Beside queries per second, each server's CPU time in the round (`/proc/PID/stat`) gives
//! queries per CPU second, which other processes' load moves much less. A warm-up first checks
//! that both give the same number of rows for every query.
//!
//! Skipped with a message when the `oxigraph` command is missing. Run it as `cargo bench --bench
//! serve_qps` (release settings).

// a benchmark's report on stdout is its output
#![allow(clippy::print_stdout)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use relate::lexicon::Lexicon;

#[path = "support/corpus.rs"]
mod corpus;

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn oxigraph_command() -> Option<PathBuf> {
    let venv = std::env::var("RELATE_CI_VENV").unwrap_or_else(|_| "/tmp/relate-ci-venv".into());
    let in_venv = Path::new(&venv).join("bin").join("oxigraph");
    if in_venv.exists() {
        return Some(in_venv);
    }
    let ok = Command::new("oxigraph").arg("--version").output().is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("oxigraph"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

fn start_relate(store: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_relate"))
        .args(["serve", "--bind", "127.0.0.1:0", "--max-rows", "0", "--timeout", "0", "--store"])
        .arg(store)
        .stderr(Stdio::piped())
        .spawn()
        .expect("start relate serve");
    let mut first = String::new();
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    stderr.read_line(&mut first).expect("relate serve's first line");
    std::thread::spawn(move || for _ in stderr.lines() {});
    let port = first
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse::<u16>().ok())
        .unwrap_or_else(|| panic!("relate serve: {first}"));
    Server { child, url: format!("http://127.0.0.1:{port}/sparql") }
}

fn start_oxigraph(cmd: &Path, store: &Path) -> Server {
    let port = free_port();
    let child = Command::new(cmd)
        .args(["serve-read-only", "--location"])
        .arg(store)
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start oxigraph serve-read-only");
    let s = Server { child, url: format!("http://127.0.0.1:{port}/query") };
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(60), "oxigraph did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    s
}

/// Sends one query; returns the number of result rows.
fn ask(agent: &ureq::Agent, url: &str, query: &str) -> usize {
    let mut r = agent
        .post(url)
        .header("Content-Type", "application/sparql-query")
        .header("Accept", "application/sparql-results+json")
        .send(query)
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    let body = r.body_mut().with_config().limit(u64::MAX).read_to_string().expect("body");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{url}: {e}: {body}"));
    v["results"]["bindings"].as_array().map_or(1, Vec::len)
}

/// The query mix: lookups by person and by organisation, joins, an aggregate, a text filter.
fn mix(people: &[String], orgs: &[String]) -> Vec<String> {
    let prologue = relate::vocab::sparql_prologue();
    let mut qs = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let o = &orgs[i % orgs.len()];
        qs.push(format!("{prologue}SELECT ?org ?role ?start ?end WHERE {{ ?p a rel:Position ; rel:holder ?who ; rel:organization/rdfs:label ?org . ?who rdfs:label {p:?} . OPTIONAL {{ ?p rel:role ?role }} OPTIONAL {{ ?p rel:startDate ?start }} OPTIONAL {{ ?p rel:endDate ?end }} }} ORDER BY ?start"));
        qs.push(format!("{prologue}SELECT ?who ?role WHERE {{ ?o rdfs:label {o:?} . ?p rel:organization ?o ; rel:holder/rdfs:label ?who . OPTIONAL {{ ?p rel:role ?role }} }} ORDER BY ?who"));
        qs.push(format!("{prologue}SELECT DISTINCT ?colleague WHERE {{ ?who rdfs:label {p:?} . ?a rel:holder ?who ; rel:organization ?o . ?b rel:organization ?o ; rel:holder ?c . ?c rdfs:label ?colleague . FILTER(?c != ?who) }} LIMIT 100"));
    }
    qs.push(format!("{prologue}SELECT ?org (COUNT(?p) AS ?posts) WHERE {{ ?p a rel:Position ; rel:organization/rdfs:label ?org }} GROUP BY ?org ORDER BY DESC(?posts) LIMIT 20"));
    qs.push(format!("{prologue}SELECT ?e ?l WHERE {{ ?e a rel:Committee ; rdfs:label ?l FILTER(CONTAINS(LCASE(?l), \"committee\")) }} LIMIT 50"));
    qs
}

/// CPU seconds process `pid` has used (user and system), from `/proc/PID/stat`; `None` off Linux.
fn cpu_seconds(pid: u32, ticks: f64) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // the fields after the command name, which is in parentheses and may hold spaces
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let (user, system): (f64, f64) = (fields.get(11)?.parse().ok()?, fields.get(12)?.parse().ok()?);
    Some((user + system) / ticks)
}

/// Clock ticks per second, for `/proc/PID/stat`.
fn ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(100.0)
}

/// One server measured once.
struct Figure {
    /// queries answered per second of wall-clock time
    qps: f64,
    /// queries answered per CPU second the server used
    per_cpu: Option<f64>,
}

fn measure(server: &Server, queries: &[String], clients: usize, seconds: f64, ticks: f64) -> Figure {
    let done = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let pid = server.child.id();
    let cpu_before = cpu_seconds(pid, ticks);
    let started = Instant::now();
    std::thread::scope(|s| {
        for c in 0..clients {
            let (done, stop) = (&done, &stop);
            s.spawn(move || {
                let agent = ureq::Agent::new_with_defaults();
                let mut i = c * 7;
                while !stop.load(Ordering::Relaxed) {
                    ask(&agent, &server.url, &queries[i % queries.len()]);
                    done.fetch_add(1, Ordering::Relaxed);
                    i += 1;
                }
            });
        }
        std::thread::sleep(Duration::from_secs_f64(seconds));
        stop.store(true, Ordering::Relaxed);
    });
    let elapsed = started.elapsed().as_secs_f64();
    let n = done.load(Ordering::Relaxed) as f64;
    let cpu = cpu_before.zip(cpu_seconds(pid, ticks)).map(|(a, b)| b - a);
    Figure { qps: n / elapsed, per_cpu: cpu.filter(|c| *c > 0.0).map(|c| n / c) }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.replace('_', "").parse().ok())
        .or_else(|| std::env::var("RELATE_BENCH_DOCS").ok().and_then(|v| v.parse().ok()))
        .unwrap_or(1_000);
    let clients: usize = std::env::var("RELATE_BENCH_CLIENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(2);
    let seconds: f64 = std::env::var("RELATE_BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(3.0);
    let rounds: usize = std::env::var("RELATE_BENCH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(6).max(1);
    let Some(oxigraph) = oxigraph_command() else {
        println!("skipped: no `oxigraph` command (pip install oxigraph==0.5.13, into $RELATE_CI_VENV)");
        return;
    };
    let lex = Lexicon::load().expect("lexicon");
    let tmp = tempfile::tempdir().expect("temp dir");
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).expect("docs dir");
    let templates = corpus::templates(true);
    let keep = corpus::keeper(&lex);
    for i in 0..n {
        let text = corpus::variant(&templates[i % templates.len()], i as u64, &keep);
        std::fs::write(docs.join(format!("doc{i:06}.txt")), text).expect("write document");
    }
    let store_dir = tmp.path().join("store");
    {
        let store = relate::store::Store::open(&store_dir).expect("store");
        let mut out = Vec::new();
        let paths = std::slice::from_ref(&docs);
        relate::build::run(
            &store,
            &relate::build::Options::new(paths, relate::vocab::DEFAULT_BASE),
            &mut out,
            &mut std::io::sink(),
        )
        .expect("build");
        print!("store: {}", String::from_utf8_lossy(&out).lines().last().unwrap_or_default());
        println!();
    }
    let servers = [start_relate(&store_dir), start_oxigraph(&oxigraph, &store_dir)];
    // the people and organisations the queries name, read through relate serve
    let agent = ureq::Agent::new_with_defaults();
    let names = |class: &str| -> Vec<String> {
        let q = format!(
            "{}SELECT ?l WHERE {{ ?e a rel:{class} ; rdfs:label ?l }} ORDER BY ?l LIMIT 400",
            relate::vocab::sparql_prologue()
        );
        let mut r = agent
            .post(&servers[0].url)
            .header("Content-Type", "application/sparql-query")
            .header("Accept", "text/tab-separated-values")
            .send(q.as_str())
            .expect("names");
        let text = r.body_mut().read_to_string().expect("names");
        text.lines().skip(1).step_by(20).map(|l| l.trim_matches('"').to_owned()).collect()
    };
    let (people, orgs) = (names("Person"), names("Organization"));
    let queries = mix(&people, &orgs);
    // warm-up, and the same answers from both
    for q in &queries {
        let a = ask(&agent, &servers[0].url, q);
        let b = ask(&agent, &servers[1].url, q);
        assert_eq!(a, b, "rows differ between the servers for {q}");
    }
    println!(
        "{} queries in the mix, {clients} clients, {rounds} rounds of {seconds} s per server; load average {}",
        queries.len(),
        load_average()
    );
    let ticks = ticks();
    let (mut relate, mut oxigraph) = (Vec::new(), Vec::new());
    let (mut ratios, mut cpu_ratios) = (Vec::new(), Vec::new());
    for round in 1..=rounds {
        // relate first in odd rounds, Oxigraph first in even ones
        let order = if round % 2 == 1 { [0, 1] } else { [1, 0] };
        let mut figures = [None, None];
        for i in order {
            figures[i] = Some(measure(&servers[i], &queries, clients, seconds, ticks));
        }
        let [Some(r), Some(o)] = figures else { unreachable!("both measured") };
        let per_cpu = |f: &Figure| f.per_cpu.map_or_else(|| "-".into(), |q| format!("{q:.0}/CPU s"));
        println!(
            "round {round}: relate serve {:7.1} queries/s ({}), oxigraph {:7.1} queries/s ({}): {:.2}×",
            r.qps,
            per_cpu(&r),
            o.qps,
            per_cpu(&o),
            r.qps / o.qps
        );
        std::io::stdout().flush().ok();
        ratios.push(r.qps / o.qps);
        if let (Some(a), Some(b)) = (r.per_cpu, o.per_cpu) {
            cpu_ratios.push(a / b);
        }
        relate.push(r.qps);
        oxigraph.push(o.qps);
    }
    let (r, o) = (median(&mut relate), median(&mut oxigraph));
    println!("median: relate serve {r:.1} queries/s, oxigraph {o:.1} queries/s; load average {}", load_average());
    print!("ratio: {:.2}× (median of the rounds' ratios", median(&mut ratios));
    if !cpu_ratios.is_empty() {
        print!("), per CPU second {:.2}×", median(&mut cpu_ratios));
    } else {
        print!(")");
    }
    println!();
}
