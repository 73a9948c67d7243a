//! A build killed with SIGKILL: readers open the store it left, a rebuild completes, and the
//! export after the rebuild equals a clean build's byte for byte.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::{demo, fixtures, Env};

/// Distinct documents: copies of the demo and fixture texts, each with one line of its own.
fn documents(dir: &Path, copies: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let sources = [
        demo().join("halamka-leaves-hms-cio-news.txt"),
        demo().join("halamka-mayo-clinic-profile.txt"),
        fixtures().join("news.txt"),
        fixtures().join("profile.txt"),
    ];
    for i in 0..copies {
        for s in &sources {
            let text = std::fs::read_to_string(s).unwrap();
            let stem = s.file_stem().unwrap().to_str().unwrap();
            std::fs::write(dir.join(format!("{stem}-{i:03}.txt")), format!("{text}\nCopy {i} of this page.\n"))
                .unwrap();
        }
    }
}

/// A small xorshift generator, so the kill moments are the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn spawn_build(env: &Env, docs: &Path) -> Child {
    env.cmd()
        .args(["build", docs.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start relate build")
}

/// Kills the build once it has added `lines` documents (documents built before are skipped
/// first) and `extra_ms` more have passed; returns how many it had added.
fn kill_after(mut child: Child, lines: usize, extra_ms: u64) -> usize {
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut seen = 0;
    let mut line = String::new();
    while seen < lines {
        line.clear();
        if out.read_line(&mut line).unwrap() == 0 {
            break;
        }
        seen += usize::from(line.starts_with("added "));
    }
    std::thread::sleep(Duration::from_millis(extra_ms));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    seen
}

/// Kills the build the moment RocksDB has created the store's files, before it finished
/// setting the store up (the moment that left readers unable to open it).
fn kill_at_creation(mut child: Child, store: &Path) {
    let start = Instant::now();
    while !store.join("CURRENT").exists() {
        assert!(start.elapsed() < Duration::from_secs(30), "the build never created the store");
        std::thread::yield_now();
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

fn readers_open(env: &Env, after: &str) {
    let o = env.run(&["stats"]);
    assert!(o.status.success(), "relate stats after {after}: {}", String::from_utf8_lossy(&o.stderr));
    let o = env.run(&["query", "ASK {}"]);
    assert!(o.status.success(), "relate query after {after}: {}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_killed_build_leaves_a_store_readers_open_and_a_rebuild_completes_identically() {
    let env = Env::new();
    let docs = env.path("docs");
    documents(&docs, 40);

    let clean = Env::new();
    clean.ok(&["build", docs.to_str().unwrap()]);
    let expected_ttl = clean.ok(&["export"]);
    let expected_nq = clean.ok(&["export", "--format", "nquads"]);

    kill_at_creation(spawn_build(&env, &docs), &env.store());
    readers_open(&env, "a kill while the store was created");

    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for round in 0..3 {
        let lines = 1 + rng.below(40) as usize;
        let extra = rng.below(60);
        let seen = kill_after(spawn_build(&env, &docs), lines, extra);
        readers_open(&env, &format!("kill {round} after {seen} documents and {extra} ms"));
    }

    let rebuilt = env.ok(&["build", docs.to_str().unwrap()]);
    assert!(rebuilt.contains("0 failed"), "{rebuilt}");
    // a bulk load killed before it ingested its files leaves them; the next writer removes them
    let stray: Vec<_> = std::fs::read_dir(env.store())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().starts_with("bulk-"))
        .collect();
    assert!(stray.is_empty(), "files of a killed bulk load left in the store: {stray:?}");
    assert!(env.ok(&["export"]) == expected_ttl, "the Turtle export after the kills differs from a clean build's");
    assert!(
        env.ok(&["export", "--format", "nquads"]) == expected_nq,
        "the N-Quads export after the kills differs from a clean build's"
    );
    assert!(env.ok(&["check"]).starts_with("ok: 160 document graphs"));
}
