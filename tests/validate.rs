//! `relate validate`: SHACL validation of the built store and of RDF files against
//! `ontology/shapes.ttl`, with the W3C validation report and exit 1 on violations.

use std::collections::BTreeSet;

use oxigraph::io::{RdfFormat, RdfParser};

use crate::support::{demo, Env};

const SH: &str = "http://www.w3.org/ns/shacl#";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";

fn built() -> Env {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    env
}

/// The report's triples as (subject, predicate, object) N-Triples terms.
fn report(text: &str) -> Vec<(String, String, String)> {
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(text.as_bytes())
        .map(|q| {
            let q = q.unwrap_or_else(|e| panic!("the report is not Turtle: {e}\n{text}"));
            (q.subject.to_string(), q.predicate.to_string(), q.object.to_string())
        })
        .collect()
}

fn objects(report: &[(String, String, String)], predicate: &str) -> BTreeSet<String> {
    report.iter().filter(|t| t.1 == format!("<{SH}{predicate}>")).map(|t| t.2.clone()).collect()
}

#[test]
fn the_built_corpus_conforms_to_the_shapes() {
    let env = built();
    let out = env.ok(&["validate"]);
    assert!(out.starts_with("ok: store "), "{out}");
    assert!(out.contains("conforms to ontology/shapes.ttl"), "{out}");
    // the report says so in the standard vocabulary
    let file = env.path("report.ttl");
    env.ok(&["validate", "--report", file.to_str().unwrap()]);
    let r = report(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(objects(&r, "conforms"), BTreeSet::from([format!("\"true\"^^<{XSD_BOOLEAN}>")]), "{r:?}");
    assert!(r.iter().any(|t| t.2 == format!("<{SH}ValidationReport>")), "{r:?}");
    assert!(objects(&r, "result").is_empty());
    // the exported graph, validated as a file, conforms too
    let nt = env.path("graph.ttl");
    env.ok(&["export", "-o", nt.to_str().unwrap()]);
    let out = env.ok(&["validate", "--data", nt.to_str().unwrap()]);
    assert!(out.starts_with(&format!("ok: {} conforms", nt.display())), "{out}");
}

#[test]
fn a_broken_graph_is_reported_with_exit_1() {
    let env = built();
    let graph = env.ok(&["export", "--format", "ntriples"]);
    let label = "<http://www.w3.org/2000/01/rdf-schema#label>";
    let quote = "<https://w3id.org/relate/ontology#evidenceQuote>";
    // an entity with two canonical labels, and a relation node without its quote
    let twice = graph.lines().find(|l| l.contains(label) && l.contains("/person/")).expect("a person's label");
    let person = twice.split(' ').next().unwrap().to_owned();
    let unquoted = graph.lines().find(|l| l.contains(quote)).expect("a quote");
    let statement = unquoted.split(' ').next().unwrap().to_owned();
    let mut broken: String =
        graph.lines().filter(|l| !l.starts_with(&format!("{statement} {quote}"))).map(|l| format!("{l}\n")).collect();
    broken.push_str(&format!("{person} {label} \"A second canonical name\" .\n"));
    let file = env.path("broken.nt");
    std::fs::write(&file, broken).unwrap();

    let o = env.run(&["validate", "--data", file.to_str().unwrap(), "--report", "-"]);
    assert_eq!(o.status.code(), Some(1), "violations fail the command");
    let (stdout, stderr) = (String::from_utf8(o.stdout).unwrap(), String::from_utf8(o.stderr).unwrap());
    // stdout is the report alone, in Turtle
    let r = report(&stdout);
    assert_eq!(objects(&r, "conforms"), BTreeSet::from([format!("\"false\"^^<{XSD_BOOLEAN}>")]));
    let focus = objects(&r, "focusNode");
    assert!(focus.contains(&person), "{focus:?} lacks {person}");
    assert!(focus.contains(&statement), "{focus:?} lacks {statement}");
    let components = objects(&r, "sourceConstraintComponent");
    assert!(components.contains(&format!("<{SH}MaxCountConstraintComponent>")), "{components:?}");
    assert!(components.contains(&format!("<{SH}MinCountConstraintComponent>")), "{components:?}");
    // the summary, on stderr: one line per result, then the count, then the error
    assert!(
        stderr.lines().any(|l| l.starts_with("violation: ") && l.contains("rdfs:label") && l.contains("MaxCount")),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("violation: ") && l.contains("rel:evidenceQuote") && l.contains("MinCount")),
        "{stderr}"
    );
    assert!(stderr.contains("violations of ontology/shapes.ttl"), "{stderr}");
    assert!(stderr.lines().last().unwrap().starts_with("relate: validate: "), "{stderr}");
}

#[test]
fn given_shapes_are_used_and_bad_inputs_are_one_line_errors() {
    let env = built();
    // shapes of one's own: every person needs a birth year, which none has
    let shapes = env.path("shapes.ttl");
    std::fs::write(
        &shapes,
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix rel: <https://w3id.org/relate/ontology#> .
         <urn:s> a sh:NodeShape ; sh:targetClass rel:Person ; sh:property [ sh:path rel:birthYear ; sh:minCount 1 ] .",
    )
    .unwrap();
    let o = env.run(&["validate", "--shapes", shapes.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.lines().filter(|l| l.contains("rel:birthYear")).count() >= 2, "{out}");
    assert!(out.contains(&format!("of {}", shapes.display())), "{out}");

    for (args, names) in [
        (vec!["--data", "no-such.ttl"], "no-such.ttl"),
        (vec!["--data", "Cargo.toml"], "Cargo.toml"),
        (vec!["--shapes", "no-such-shapes.ttl"], "no-such-shapes.ttl"),
    ] {
        let mut all = vec!["validate"];
        all.extend(args);
        let o = env.run(&all);
        assert!(!o.status.success());
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(names), "{err}");
    }
    let bad = env.path("bad.ttl");
    std::fs::write(&bad, "<urn:a> <urn:b> .").unwrap();
    let o = env.run(&["validate", "--data", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("bad.ttl:1:") && err.contains("not valid Turtle"), "{err}");
    // RDF/XML's parser says nothing of where: the line is where it stopped
    let bad = env.path("bad.rdf");
    std::fs::write(
        &bad,
        "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n  <rdf:Description rdf:about=\"urn:a\"></rdf:Descr>\n</rdf:RDF>\n",
    )
    .unwrap();
    let o = env.run(&["validate", "--data", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("bad.rdf:3: not valid RDF/XML") && err.lines().count() == 1, "{err}");
}
