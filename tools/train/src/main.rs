//! Trains relate's entity tagger: reads silver-labelled sentences (tools/train/silver.py),
//! tokenizes them with relate's own tokenizer, projects the labels onto BILOU tags, trains an
//! averaged perceptron over the features of `src/loader/ner.rs`, calibrates its confidence on
//! held-out documents, reports entity-level P/R/F1 and tagging speed, and writes the weights.
//!
//! relate's files are compiled here as they are (`#[path]`), so the trainer tokenizes like the
//! loaders and extracts the very features that inference extracts.

#[path = "../../../src/lexicon.rs"]
#[allow(dead_code)]
mod lexicon;

#[allow(dead_code)]
mod loader;

use loader::{mention, ner};

mod corpus;
mod data;
mod runs;
mod train;

/// The part of relate's error type that `lexicon.rs` uses.
#[allow(dead_code)]
mod error {
    use std::path::PathBuf;

    pub type Result<T, E = Error> = std::result::Result<T, E>;

    #[derive(Debug)]
    pub enum Error {
        Read { path: PathBuf, source: std::io::Error },
        Data { what: String, message: String },
    }
}

fn main() {
    if let Err(e) = train::run(std::env::args().skip(1).collect()) {
        eprintln!("relate-ner-train: {e}");
        std::process::exit(1);
    }
}
