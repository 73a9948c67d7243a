//! `--endpoint URL` on `query`, `path`, `neighbours` and `ask`: the same commands against
//! `relate serve` on a loopback port give what they give on the store itself.

use crate::serve::{built, Server};

/// Runs `args` on the store and then with `--endpoint` on the server; both must succeed.
fn same(env: &crate::support::Env, server: &Server, args: &[&str]) -> String {
    let local = env.ok(args);
    let url = server.url("/sparql");
    let mut remote = args.to_vec();
    remote.extend(["--endpoint", &url]);
    // another store location: the remote run must not read the local store
    let o = env.cmd().args(&remote).env("RELATE_STORE", env.path("no-store-here")).output().unwrap();
    assert!(o.status.success(), "{remote:?}: {}", String::from_utf8_lossy(&o.stderr));
    let remote_out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(remote_out, local, "{args:?} differs through the endpoint");
    assert!(!env.path("no-store-here").exists(), "no store is made");
    local
}

#[test]
fn path_neighbours_query_and_ask_through_an_endpoint_match_the_store() {
    let env = built();
    // results cut at 40 rows: the projection's CONSTRUCT pages come back short and are read on
    let server = Server::start(&env, &["--max-rows", "40"]);
    let out = same(&env, &server, &["path", "Halamka", "Obama", "--limit", "3"]);
    assert!(out.contains("path 2 of 2"), "{out}");
    assert!(out.contains("[data/halamka-mayo-clinic-profile.txt, chars"), "evidence is read from the endpoint: {out}");
    same(&env, &server, &["path", "Halamka", "Obama", "--format", "json", "--during", "2010..2012"]);
    same(&env, &server, &["path", "Harvard Medical School", "Beth Israel Deaconess Medical Center"]);
    same(&env, &server, &["neighbours", "Halamka", "--depth", "2"]);
    same(&env, &server, &["neighbours", "Harvard Medical School", "--format", "json"]);
    same(&env, &server, &["ask", "how is Halamka connected to Obama?"]);
    same(&env, &server, &["ask", "where did Halamka study?"]);
    let q = "SELECT ?org ?role ?start WHERE { ?p a rel:Position ; rel:holder/rdfs:label \"John D. Halamka\" ; rel:organization/rdfs:label ?org ; rel:role ?role ; rel:startDate ?start } ORDER BY ?start ?org ?role";
    let rows = same(&env, &server, &["query", "--format", "csv", q]);
    assert!(rows.lines().count() > 5, "{rows}");
    same(&env, &server, &["query", q]);
    same(
        &env,
        &server,
        &[
            "query",
            "--format",
            "ntriples",
            "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a rel:Committee ; rdfs:label ?l }",
        ],
    );
    same(&env, &server, &["query", "--format", "json", "ASK { ?e a rel:Person }"]);
}

#[test]
fn endpoint_errors_are_one_line_and_name_the_endpoint() {
    let env = built();
    let server = Server::start(&env, &[]);
    // nothing listens on port 9 of loopback
    for args in [
        vec!["path", "Halamka", "Obama", "--endpoint", "http://127.0.0.1:9/sparql"],
        vec!["query", "ASK {}", "--endpoint", "http://127.0.0.1:9/sparql"],
    ] {
        let o = env.run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("http://127.0.0.1:9/sparql: cannot reach it"), "{err}");
    }
    // not a SPARQL endpoint (the query page), and not a URL
    let page = server.url("/nothing-here");
    let o = env.run(&["query", "ASK {}", "--endpoint", &page]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains(&page) && err.contains("HTTP 404"), "{err}");
    let o = env.run(&["neighbours", "Halamka", "--endpoint", "localhost:7878"]);
    assert_eq!(o.status.code(), Some(2));
    // a syntax error is found before anything is sent
    let o = env.run(&["query", "SELECT WHERE", "--endpoint", &server.url("/sparql")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stderr).unwrap().starts_with("relate: query error:"));
    // names are looked up in the endpoint's graph
    let o = env.run(&["path", "Halamka", "Nobody Atall", "--endpoint", &server.url("/sparql")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stderr).unwrap().contains("Nobody Atall"));
}
