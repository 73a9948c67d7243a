//! SPARQL updates in the real shell keep the store's invariants: the default graph stays the
//! union of the document graphs (queries, `stats` and both exports agree), each document graph
//! keeps one Document node, and writes to the default graph itself are refused.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Output, Stdio};

use oxigraph::io::{RdfFormat, RdfParser};

use crate::support::{demo, Env};

const BASE: &str = relate::vocab::DEFAULT_BASE;

fn news() -> (String, String) {
    relate::model::document_iris(BASE, "data/halamka-leaves-hms-cio-news.txt")
}

fn built() -> Env {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    env
}

/// Runs a script through `relate repl` with stdin piped, as a user's script would.
fn shell(env: &Env, script: &str) -> Output {
    let mut child = env
        .cmd()
        .args(["repl", "--no-history", "--no-init"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(script.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// A triple both demo documents state (found, not assumed: extraction changes).
fn shared(env: &Env) -> String {
    let (news, _) = news();
    let (profile, _) = relate::model::document_iris(BASE, "data/halamka-mayo-clinic-profile.txt");
    let q = format!(
        "SELECT ?s ?p ?o WHERE {{ GRAPH <{news}> {{ ?s ?p ?o }} GRAPH <{profile}> {{ ?s ?p ?o }} FILTER(isIRI(?s) && isIRI(?o)) }} ORDER BY ?s ?p ?o LIMIT 1"
    );
    let out = env.ok(&["query", "--format", "tsv", &q]);
    let row = out.lines().nth(1).expect("the demo documents share a triple");
    row.split('\t').collect::<Vec<_>>().join(" ")
}

fn documents(env: &Env) -> u64 {
    let stats: serde_json::Value = serde_json::from_str(&env.ok(&["stats", "--json"])).unwrap();
    stats["documents"].as_u64().unwrap()
}

fn ask(env: &Env, q: &str) -> bool {
    env.ok(&["query", q]).trim() == "true"
}

/// The triples of the Turtle export and the quads of the N-Quads export, as N-Triples lines.
fn exports(env: &Env) -> (BTreeSet<String>, BTreeSet<String>) {
    let ttl = env.ok(&["export"]);
    let nq = env.ok(&["export", "--format", "nquads"]);
    let triples = RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()).map(|q| q.unwrap().to_string());
    let quads = RdfParser::from_format(RdfFormat::NQuads).for_slice(nq.as_bytes()).map(|q| q.unwrap().to_string());
    (triples.collect(), quads.collect())
}

/// The Turtle export holds exactly the triples of the N-Quads export's graphs.
fn exports_agree(env: &Env) -> (BTreeSet<String>, BTreeSet<String>) {
    let (triples, quads) = exports(env);
    let union: BTreeSet<String> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(env.ok(&["export", "--format", "nquads"]).as_bytes())
        .map(|q| {
            let q = q.unwrap();
            oxigraph::model::Triple::new(q.subject, q.predicate, q.object).to_string()
        })
        .collect();
    assert_eq!(triples, union, "the Turtle export is the union of the N-Quads export's graphs");
    (triples, quads)
}

#[test]
fn drop_graph_takes_the_document_out_of_queries_stats_and_both_exports() {
    let env = built();
    let (graph, doc) = news();
    assert_eq!(documents(&env), 2);
    let both = shared(&env);
    let n = env.rows(&format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))[0][0].clone();
    let o = shell(&env, &format!("DROP GRAPH <{graph}>;\nASK {{ ?fact rel:extractedFrom <{doc}> }};\n"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), format!("ok: {n} triples removed\nfalse\n"));

    assert_eq!(documents(&env), 1, "stats no longer counts the dropped document");
    assert!(!ask(&env, &format!("ASK {{ <{doc}> ?p ?o }}")), "its Document node is gone from the union");
    assert!(!ask(&env, &format!("ASK {{ ?fact rel:extractedFrom <{doc}> }}")), "so are its facts");
    // what the other document also states stays
    assert!(ask(&env, &format!("ASK {{ {both} }}")), "{both}");
    let (triples, quads) = exports_agree(&env);
    assert!(!triples.iter().any(|t| t.contains(&doc)), "the Turtle export forgets the document");
    assert!(!quads.iter().any(|q| q.contains(&graph)), "the N-Quads export has no quad in its graph");
    env.ok(&["check"]);
}

#[test]
fn insert_data_into_a_document_graph_is_seen_everywhere_and_delete_data_takes_it_back() {
    let env = built();
    let (before_ttl, before_nq) = exports(&env);
    let (graph, doc) = news();
    let triple = &format!("<{doc}> <http://www.w3.org/2000/01/rdf-schema#comment> \"added by hand\"");
    let o = shell(&env, &format!("INSERT DATA {{ GRAPH <{graph}> {{ {triple} }} }};\n"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "ok: 1 triple added\n");

    assert!(ask(&env, "ASK { ?d rdfs:comment \"added by hand\" }"), "queries see the inserted triple");
    assert_eq!(documents(&env), 2);
    let (triples, quads) = exports_agree(&env);
    assert!(triples.contains(triple), "the Turtle export has it");
    assert!(quads.iter().any(|q| q == &format!("{triple} <{graph}>")), "the N-Quads export has it in its graph");
    env.ok(&["check"]);

    // a triple both documents state stays in the union while one of them still states it
    let shared = shared(&env);
    let o = shell(
        &env,
        &format!("DELETE DATA {{ GRAPH <{graph}> {{ {triple} . {shared} }} }};\nASK {{ {shared} }};\nASK {{ GRAPH <{graph}> {{ {shared} }} }};\n"),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "ok: 2 triples removed\ntrue\nfalse\n");
    let (ttl, nq) = exports_agree(&env);
    assert_eq!(ttl, before_ttl, "the union is what it was: the other document still states the shared triple");
    assert_eq!(nq.len(), before_nq.len() - 1);
}

#[test]
fn writes_to_the_default_graph_are_refused_with_a_reason_and_change_nothing() {
    let env = built();
    let before = (env.ok(&["export"]), env.ok(&["export", "--format", "nquads"]), env.ok(&["stats"]));
    for update in [
        "INSERT DATA { <urn:x:a> <urn:x:b> \"c\" }",
        "DELETE WHERE { ?p rdfs:label \"John D. Halamka\" }",
        "CLEAR DEFAULT",
        "INSERT { ?p rel:note \"x\" } WHERE { ?p a rel:Person }",
        "CREATE GRAPH <urn:x:g>",
        // a named graph without its Document node is not a document's
        "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> \"c\" } }",
    ] {
        let o = shell(&env, &format!("{update};\n"));
        assert_eq!(o.status.code(), Some(1), "{update}");
        assert!(o.stdout.is_empty(), "{update}: {}", String::from_utf8_lossy(&o.stdout));
        let err = String::from_utf8_lossy(&o.stderr);
        let first = err.lines().next().unwrap();
        assert!(
            first.starts_with("error: ") && first.contains("refused") && first.ends_with("the store is unchanged"),
            "{update}: {err}"
        );
    }
    assert!(!ask(&env, "ASK { <urn:x:a> ?p ?o }"));
    assert_eq!(before, (env.ok(&["export"]), env.ok(&["export", "--format", "nquads"]), env.ok(&["stats"])));

    // a new graph with its Document node is a document: counted, exported, and dropped again
    let o =
        shell(&env, "INSERT DATA { GRAPH <urn:x:g> { <urn:x:d> a rel:Document ; rel:sourcePath \"by-hand.txt\" } };\n");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(documents(&env), 3);
    exports_agree(&env);
    env.ok(&["check"]);
    let o = shell(&env, "DROP GRAPH <urn:x:g>;\n");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(before, (env.ok(&["export"]), env.ok(&["export", "--format", "nquads"]), env.ok(&["stats"])));
}
