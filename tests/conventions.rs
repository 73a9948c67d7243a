//! Formats and conventions: JSON-LD and RDF/XML from `export` and `query`, shell completions,
//! the man page, and `build`'s progress bar on a terminal.

use std::collections::BTreeSet;
use std::process::Command;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};

use crate::support::{demo, Env};

fn built() -> Env {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    env
}

/// Statements as N-Quads lines (the default graph's without a graph name).
fn statements(format: RdfFormat, text: &str) -> BTreeSet<String> {
    RdfParser::from_format(format)
        .for_slice(text.as_bytes())
        .map(|q| q.unwrap_or_else(|e| panic!("not {}: {e}\n{text}", format.name())).to_string())
        .collect()
}

const JSONLD: RdfFormat = RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() };

#[test]
fn export_and_query_write_json_ld_and_rdf_xml() {
    let env = built();
    let union = statements(RdfFormat::NTriples, &env.ok(&["export", "--format", "ntriples"]));
    assert!(union.len() > 500);
    let rdfxml = env.ok(&["export", "--format", "rdfxml"]);
    assert!(rdfxml.starts_with("<?xml"), "{}", &rdfxml[..100]);
    assert_eq!(statements(RdfFormat::RdfXml, &rdfxml), union, "RDF/XML holds the union");
    // JSON-LD is a dataset format: the document graphs, as N-Quads has them
    let dataset = statements(RdfFormat::NQuads, &env.ok(&["export", "--format", "nquads"]));
    let jsonld = env.ok(&["export", "--format", "jsonld"]);
    assert_eq!(statements(JSONLD, &jsonld), dataset);
    // the same again is the same bytes
    assert_eq!(env.ok(&["export", "--format", "jsonld"]), jsonld);
    // CONSTRUCT results
    let q = "CONSTRUCT { ?e rdfs:label ?l ; a ?c } WHERE { ?e a rel:Committee , ?c ; rdfs:label ?l }";
    let nt = statements(RdfFormat::NTriples, &env.ok(&["query", "--format", "ntriples", q]));
    assert!(nt.len() >= 2);
    assert_eq!(statements(JSONLD, &env.ok(&["query", "--format", "jsonld", q])), nt);
    assert_eq!(statements(RdfFormat::RdfXml, &env.ok(&["query", "--format", "rdfxml", q])), nt);
}

#[test]
fn completions_and_man_pages_come_from_the_command_definitions() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let script = env.ok(&["completions", shell]);
        for word in ["validate", "neighbours", "endpoint", "max-degree"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    assert!(env.ok(&["completions", "fish"]).contains("complete -c relate"));
    let o = env.run(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    let man = env.ok(&["man"]);
    assert!(man.contains(".TH relate 1"), "{}", &man[..200.min(man.len())]);
    assert!(man.contains("validate"));
    let dir = env.path("man");
    env.ok(&["man", "--dir", dir.to_str().unwrap()]);
    for page in ["relate.1", "relate-validate.1", "relate-path.1"] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".TH"), "{page}");
    }
    assert!(std::fs::read_to_string(dir.join("relate-path.1")).unwrap().contains("max\\-len"));
}

#[test]
fn build_on_a_terminal_draws_a_bar_and_still_prints_its_lines() {
    let env = Env::new();
    let mut c = Command::new(env!("CARGO_BIN_EXE_relate"));
    c.args(["build", demo().to_str().unwrap()])
        .env("RELATE_STORE", env.store())
        .env("HOME", env.dir.path())
        .env("XDG_DATA_HOME", env.dir.path().join("xdg"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    let opts = rexpect::reader::Options::new().timeout_ms(Some(60_000)).strip_ansi_escape_codes(true);
    let mut p = rexpect::session::spawn_with_options(c, opts).expect("spawn relate on a pty");
    p.exp_string("/2 documents").expect("the bar, counting the documents");
    p.exp_string("added data/halamka-leaves-hms-cio-news.txt").expect("the document's line");
    p.exp_string("2 added, 0 updated, 0 skipped, 0 failed").expect("the summary");
    p.exp_eof().expect("the build ends");
    // and the store is built
    assert!(env.ok(&["stats"]).contains("documents  2"));
}
