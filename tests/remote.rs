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

/// Runs `relate repl` with `script` on stdin; returns the output.
pub(crate) fn shell(cmd: &mut std::process::Command, script: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cmd
        .args(["--no-history", "--no-init"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(script.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// A script for the shell: queries, dot-commands that query, and path search.
pub(crate) const SCRIPT: &str = "SELECT ?org ?role ?start WHERE { ?p a rel:Position ; rel:holder/rdfs:label \"John D. Halamka\" ; rel:organization/rdfs:label ?org ; rel:role ?role ; rel:startDate ?start } ORDER BY ?start ?org ?role LIMIT 5;
.mode csv
SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a rel:Position };
.prefix ex: <http://example.org/>
ASK { ?e a rel:Person . FILTER(!STRSTARTS(STR(?e), STR(ex:))) };
.mode table
.find harvard med
.describe Harvard Medical School
.path Halamka Obama
.neighbours Harvard Medical School
.ask where did Halamka study?
";

#[test]
fn the_shell_on_an_endpoint_prints_what_it_prints_on_the_store() {
    let env = built();
    // results cut at 40 rows: the projection's pages come back short and are read on
    let server = Server::start(&env, &["--max-rows", "40"]);
    let local = shell(env.cmd().arg("repl"), SCRIPT);
    assert!(local.status.success(), "{}", String::from_utf8_lossy(&local.stderr));
    let remote = shell(
        env.cmd().args(["repl", "--endpoint", &server.url("/sparql")]).env("RELATE_STORE", env.path("no-store-here")),
        SCRIPT,
    );
    assert!(remote.status.success(), "{}", String::from_utf8_lossy(&remote.stderr));
    let (local, remote) = (String::from_utf8(local.stdout).unwrap(), String::from_utf8(remote.stdout).unwrap());
    assert!(local.contains("Harvard Medical School") && local.contains("→ Barack Obama"), "{local}");
    assert_eq!(remote, local, "the shell through the endpoint");
    assert!(!env.path("no-store-here").exists(), "no store is made");

    // the endpoint is read-only to the shell; what only a store does is refused, each with a
    // line that says why, and the session goes on (exit 1 at the end)
    let o = shell(
        env.cmd().args(["repl", "--endpoint", &server.url("/sparql")]),
        "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> rdfs:label \"a\" } };\n.load data\n.export x.ttl\n.stats\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("read-only: updates are refused"), "{err}");
    assert!(
        err.contains(".load works on a local store only") && err.contains(".export works on a local store only"),
        "{err}"
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("rel:Person") && out.contains("rel:Position"), ".stats counts by SPARQL: {out}");
    assert_eq!(env.rows("SELECT (COUNT(*) AS ?n) WHERE { <http://example.org/a> ?p ?o }"), [["0"]]);
}

#[test]
fn the_shell_on_an_endpoint_completes_entity_names_read_in_pages() {
    use relate::repl::complete::{complete, Completion, Names};
    let env = built();
    let server = Server::start(&env, &["--max-rows", "40"]);
    // pages of 100 asked for, cut at 40 by the server (Relate-Truncated), read on to the end
    let remote = relate::remote::Remote::new(&server.url("/sparql")).unwrap().with_page(100);
    let names = Names::builtin().load_remote(&remote, &[]).unwrap();
    let classes: Vec<String> = ["Person", "Organization", "Committee", "Legislation", "Place"]
        .iter()
        .map(|c| format!("<https://w3id.org/relate/ontology#{c}>"))
        .collect();
    let count = format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?l ?e WHERE {{ VALUES ?t {{ {} }} ?e a ?t ; rdfs:label ?l }} }}",
        classes.join(" ")
    );
    let n: usize = env.rows(&count)[0][0].parse().unwrap();
    assert!(n > 40, "more names than one cut page: {n}");
    assert_eq!(names.entities.len(), n, "every name read, none twice");
    let line = "SELECT * WHERE { ?p rel:holder halam";
    let Completion::Words { candidates, .. } = complete(line, line.len(), &names) else { panic!("words") };
    assert!(
        candidates.iter().any(|c| c.display == "John D. Halamka"
            && c.replacement == format!("<{}person/john-d-halamka>", relate::vocab::DEFAULT_BASE)),
        "{candidates:?}"
    );
    let few = Names::builtin().load_remote(&remote.clone().with_page(10), &[]).unwrap();
    assert_eq!(few.entities, names.entities, "page size does not change what is read");
}
