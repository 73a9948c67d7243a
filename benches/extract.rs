//! Extraction speed: documents ▶ facts, without a store.
//!
//! The corpus is generated from the demo documents in `data/` (see `benches/support/corpus.rs`). At least 10 MB of documents are extracted one by
//! one on one thread, then the same text as one 50 MB file, to show that time is linear in size.
//!
//! Then spaCy's small English model reads the first 200,000 words of the same documents
//! (`benches/spacy_speed.py`, with the Python named by `RELATE_PYTHON`, else the venv of
//! `tools/setup-python.sh`, else `python3`), and the ratio of words per second is printed; where
//! spaCy is not installed that line says so and the bench goes on.
//!
//! Run with `cargo bench --bench extract`.

// a benchmark's report on stdout is its output
#![allow(clippy::print_stdout)]

use std::time::Instant;

use relate::document::Document;
use relate::lexicon::Lexicon;

#[path = "support/corpus.rs"]
mod corpus;

fn main() {
    let lex = Lexicon::load().expect("lexicon");
    let templates = corpus::templates(false);
    let keep = corpus::keeper(&lex);
    let mut docs = Vec::new();
    let mut bytes = 0;
    let mut n = 0u64;
    while bytes < 10 * 1024 * 1024 {
        let t = &templates[(n as usize) % templates.len()];
        let d = corpus::variant(t, n, &keep);
        bytes += d.len();
        docs.push(d);
        n += 1;
    }

    // many documents, one at a time
    let started = Instant::now();
    let mut facts = 0;
    for (i, d) in docs.iter().enumerate() {
        let doc = Document::from_bytes(&format!("doc{i}.txt"), d.as_bytes()).expect("document");
        facts += relate::loader::extract(&doc, &lex).facts.len();
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1_000_000.0;
    println!(
        "extract: {} documents, {:.1} MB, {} facts in {:.2} s: {:.1} MB/s, {:.0} documents/s (one thread)",
        docs.len(),
        mb,
        facts,
        secs,
        mb / secs,
        docs.len() as f64 / secs
    );

    // words per second, counted as whitespace-separated words, against spaCy on the same text
    let words: usize = docs.iter().map(|d| d.split_whitespace().count()).sum();
    let ours = words as f64 / secs;
    println!("extract: {:.0} words/s (one thread)", ours);
    spacy_ratio(&docs, ours);

    // the same text as one 50 MB file
    let mut big = String::with_capacity(52 * 1024 * 1024);
    let mut k = 0;
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&docs[k % docs.len()]);
        big.push('\n');
        k += 1;
    }
    let started = Instant::now();
    let doc = Document::from_bytes("big.txt", big.as_bytes()).expect("document");
    let ex = relate::loader::extract(&doc, &lex);
    let secs = started.elapsed().as_secs_f64();
    let mb = big.len() as f64 / 1_000_000.0;
    println!("extract: one {:.1} MB file, {} facts in {:.2} s: {:.1} MB/s", mb, ex.facts.len(), secs, mb / secs);
}

/// Runs `benches/spacy_speed.py` on a sample of the documents and prints our words per second
/// over spaCy's.
fn spacy_ratio(docs: &[String], ours: f64) {
    let dir = std::env::temp_dir().join(format!("relate-bench-spacy-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let mut files = Vec::new();
    let mut words = 0;
    for (i, d) in docs.iter().enumerate() {
        if words > 200_000 {
            break;
        }
        let f = dir.join(format!("doc{i}.txt"));
        if std::fs::write(&f, d).is_ok() {
            words += d.split_whitespace().count();
            files.push(f);
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let venv = std::path::PathBuf::from("/tmp/relate-py/bin/python");
    let python = std::env::var_os("RELATE_PYTHON")
        .map(std::path::PathBuf::from)
        .or_else(|| venv.exists().then_some(venv))
        .unwrap_or_else(|| "python3".into());
    let out = std::process::Command::new(&python).arg(root.join("benches/spacy_speed.py")).args(&files).output();
    let _ = std::fs::remove_dir_all(&dir);
    let text = match out {
        Ok(o) => String::from_utf8_lossy(&o.stdout).into_owned(),
        Err(e) => format!("spacy_skipped: cannot run {}: {e}", python.display()),
    };
    let field = |k: &str| text.split_whitespace().find_map(|w| w.strip_prefix(k).and_then(|v| v.parse::<f64>().ok()));
    match (field("spacy_words_per_second="), field("spacy_ner_words_per_second=")) {
        (Some(full), Some(ner)) => println!(
            "spaCy small: {full:.0} words/s (full pipeline), {ner:.0} words/s (NER only); relate is {:.0}x and {:.0}x",
            ours / full,
            ours / ner
        ),
        _ => println!("spaCy small: {}", text.trim()),
    }
}
