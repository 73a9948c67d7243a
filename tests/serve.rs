//! `relate serve` over real HTTP: the binary listens on a free loopback port against a store
//! built from the demo corpus, and the tests send it HTTP/1.1 requests over a plain TCP
//! connection, as any SPARQL client would.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfParser};

use crate::support::{demo, skip, Env};

const BASE: &str = relate::vocab::DEFAULT_BASE;
const POSITIONS: &str = "PREFIX rel: <https://w3id.org/relate/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?org ?role ?start WHERE {
  ?p a rel:Position ; rel:holder/rdfs:label \"John D. Halamka\" ; rel:organization/rdfs:label ?org ;
     rel:role ?role ; rel:startDate ?start } ORDER BY ?start ?org ?role";

pub(crate) fn built() -> Env {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    env
}

/// A running `relate serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    log: Arc<Mutex<String>>,
}

struct Answer {
    status: u16,
    /// Names lowercased.
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }
}

impl Server {
    /// Starts the server on a port the system picks (`--bind 127.0.0.1:0`), read from the
    /// line it prints when it listens.
    pub(crate) fn start(env: &Env, args: &[&str]) -> Server {
        for _ in 0..5 {
            let mut child = env
                .cmd()
                .args(["serve", "--bind", "127.0.0.1:0"])
                .args(args)
                .stderr(Stdio::piped())
                .spawn()
                .expect("start relate serve");
            let mut stderr = BufReader::new(child.stderr.take().unwrap());
            let mut first = String::new();
            stderr.read_line(&mut first).unwrap();
            // keep draining stderr, so the server never writes to a closed pipe
            let log = Arc::new(Mutex::new(first.clone()));
            let sink = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in stderr.lines().map_while(Result::ok) {
                    sink.lock().unwrap().push_str(&line);
                }
            });
            if first.starts_with("serving ") {
                let port = first
                    .split("http://127.0.0.1:")
                    .nth(1)
                    .and_then(|r| r.split('/').next())
                    .and_then(|p| p.parse().ok())
                    .unwrap_or_else(|| panic!("no port in {first:?}"));
                assert_ne!(port, 0, "the printed address is the one listened on");
                return Server { child, port, log };
            }
            let _ = child.wait();
            // the free port found may be taken before the server binds it: try again
            assert!(first.contains("cannot listen"), "relate serve failed: {first}");
        }
        panic!("no free port found");
    }

    pub(crate) fn url(&self, path_and_query: &str) -> String {
        format!("http://127.0.0.1:{}{path_and_query}", self.port)
    }

    /// One request on its own connection (`Connection: close`), the response read to the end.
    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n", self.port);
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .unwrap_or_else(|e| panic!("{path}: {e}; server log: {}", self.log.lock().unwrap()));
        let raw = String::from_utf8(raw).expect("a UTF-8 response");
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no header end: {raw}"));
        let mut lines = head.split("\r\n");
        let status: u16 = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers: Vec<(String, String)> = lines
            .map(|l| {
                let (k, v) = l.split_once(':').unwrap();
                (k.trim().to_ascii_lowercase(), v.trim().to_owned())
            })
            .collect();
        let answer = Answer { status, headers, body: body.to_owned() };
        assert_ne!(answer.header("transfer-encoding"), Some("chunked"), "the test client reads whole bodies only");
        if let Some(n) = answer.header("content-length") {
            assert_eq!(n.parse::<usize>().unwrap(), answer.body.len(), "{path}: the whole body arrived");
        }
        answer
    }

    fn get(&self, path: &str, accept: &str) -> Answer {
        self.request("GET", path, &[("Accept", accept)], "")
    }

    /// A query by GET `?query=`.
    fn query(&self, sparql: &str, accept: &str) -> Answer {
        self.get(&format!("/sparql?query={}", encode(sparql)), accept)
    }

    fn update(&self, sparql: &str) -> Answer {
        self.request("POST", "/sparql", &[("Content-Type", "application/sparql-update")], sparql)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The triples of an RDF document, as N-Triples lines.
fn triples(format: RdfFormat, text: &str) -> BTreeSet<String> {
    RdfParser::from_format(format)
        .for_slice(text.as_bytes())
        .map(|q| q.unwrap_or_else(|e| panic!("{e}\n{text}")).to_string())
        .collect()
}

fn json(a: &Answer) -> serde_json::Value {
    serde_json::from_str(&a.body).unwrap_or_else(|e| panic!("{e}: {}", a.body))
}

#[test]
fn select_ask_and_construct_answer_in_the_format_asked_for() {
    let env = built();
    let server = Server::start(&env, &[]);
    let local: Vec<String> = env.ok(&["query", "--format", "csv", POSITIONS]).lines().map(str::to_owned).collect();
    assert!(local.len() > 3, "{local:?}");

    // SELECT: SPARQL JSON by GET, CSV by POST (both the direct and the form encoding)
    let a = server.query(POSITIONS, "application/sparql-results+json");
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.content_type(), "application/sparql-results+json");
    let rows = json(&a)["results"]["bindings"].as_array().unwrap().clone();
    assert_eq!(rows.len(), local.len() - 1, "the same rows as `relate query`");
    assert_eq!(rows[0]["org"]["value"], "CareGroup");
    let csv = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query"), ("Accept", "text/csv")],
        POSITIONS,
    );
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(csv.content_type().starts_with("text/csv"), "{}", csv.content_type());
    assert_eq!(csv.body.lines().collect::<Vec<_>>(), local, "byte for byte what `relate query --format csv` writes");
    let form = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "text/tab-separated-values")],
        &format!("query={}", encode(POSITIONS)),
    );
    assert!(form.content_type().starts_with("text/tab-separated-values"), "{}", form.content_type());
    assert_eq!(form.body.lines().next(), Some("?org\t?role\t?start"));
    let xml = server.query(POSITIONS, "application/sparql-results+xml");
    assert!(xml.body.contains("<literal>CareGroup</literal>"), "{}", xml.body);
    // the project's prefixes are predeclared, as in `relate query`
    let short = server.query("SELECT ?p WHERE { ?p a rel:Person } LIMIT 1", "application/json");
    assert_eq!(short.status, 200, "{}", short.body);

    // ASK, true and false
    let yes = server.query("ASK { ?p rdfs:label \"John D. Halamka\" }", "application/sparql-results+json");
    assert_eq!(json(&yes)["boolean"], true);
    let no = server.query("ASK { ?p rdfs:label \"Nobody at all\" }", "*/*");
    assert_eq!(json(&no)["boolean"], false);

    // CONSTRUCT as Turtle, N-Triples and JSON-LD: the same triples
    let construct = "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a rel:Person ; rdfs:label ?l }";
    let ttl = server.query(construct, "text/turtle");
    assert_eq!(ttl.content_type(), "text/turtle");
    let from_ttl = triples(RdfFormat::Turtle, &ttl.body);
    assert!(from_ttl.iter().any(|t| t.ends_with("\"John D. Halamka\"")), "{from_ttl:?}");
    let nt = server.query(construct, "application/n-triples");
    assert_eq!(triples(RdfFormat::NTriples, &nt.body), from_ttl);
    let jsonld = server.query(construct, "application/ld+json");
    assert_eq!(jsonld.content_type(), "application/ld+json");
    assert_eq!(triples(RdfFormat::JsonLd { profile: Default::default() }, &jsonld.body), from_ttl);
    // a type no serialiser writes
    assert_eq!(server.query(construct, "application/sparql-results+json").status, 406);

    // a bad query: 400 and the parser's message
    let bad = server.query("SELEC ?x WHERE { ?x ?y ?z }", "application/json");
    assert_eq!(bad.status, 400);
    assert!(bad.body.starts_with("query error: "), "{}", bad.body);
    let unknown = server.query("SELECT * WHERE { ?x nope:p ?z }", "application/json");
    assert_eq!(unknown.status, 400);
    assert!(unknown.body.contains("error at 1:27") && unknown.body.contains("Prefix not found"), "{}", unknown.body);
}

#[test]
fn graph_store_reads_one_document_graph_the_union_and_the_dataset() {
    let env = built();
    let server = Server::start(&env, &[]);
    let (graph, _) = relate::model::document_iris(BASE, "data/halamka-leaves-hms-cio-news.txt");
    let a = server.get(&format!("/store?graph={}", encode(&graph)), "text/turtle");
    assert_eq!(a.status, 200, "{}", a.body);
    let expected = triples(RdfFormat::NTriples, &env.ok(&["export", "--graph", &graph, "--format", "ntriples"]));
    assert!(!expected.is_empty());
    assert_eq!(
        triples(RdfFormat::Turtle, &a.body),
        expected,
        "the graph's triples, as `relate export --graph` gives them"
    );

    let union = server.get("/store?default", "application/n-triples");
    assert_eq!(triples(RdfFormat::NTriples, &union.body), triples(RdfFormat::Turtle, &env.ok(&["export"])));
    let dataset = server.get("/store", "application/n-quads");
    assert_eq!(dataset.content_type(), "application/n-quads");
    assert_eq!(dataset.body, env.ok(&["export", "--format", "nquads"]));

    let missing = server.get(&format!("/store?graph={}", encode("https://example.org/no-such-graph")), "text/turtle");
    assert_eq!(missing.status, 404);
    let put = server.request("PUT", "/store?default", &[("Content-Type", "text/turtle")], "");
    assert_eq!(put.status, 405);
}

#[test]
fn updates_are_refused_unless_writable_and_then_keep_the_union() {
    let env = built();
    let (graph, doc) = relate::model::document_iris(BASE, "data/halamka-leaves-hms-cio-news.txt");
    let insert = format!("INSERT DATA {{ GRAPH <{graph}> {{ <{doc}> rdfs:comment \"added over HTTP\" }} }}");
    let seen = "ASK { ?d rdfs:comment \"added over HTTP\" }";
    {
        let server = Server::start(&env, &[]);
        let a = server.update(&insert);
        assert_eq!(a.status, 403, "{}", a.body);
        assert!(a.body.contains("--writable"), "{}", a.body);
        let form = server.request(
            "POST",
            "/sparql",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            &format!("update={}", encode(&insert)),
        );
        assert_eq!(form.status, 403);
        assert_eq!(json(&server.query(seen, "application/json"))["boolean"], false);
        // the service description offers queries only
        let sd = server.get("/sparql", "text/turtle");
        assert!(sd.body.contains("SPARQL11Query") && !sd.body.contains("SPARQL11Update"), "{}", sd.body);
    }
    let server = Server::start(&env, &["--writable"]);
    let sd = server.get("/sparql", "text/turtle");
    assert!(sd.body.contains("SPARQL11Update"), "{}", sd.body);
    let a = server.update(&insert);
    assert_eq!((a.status, a.body.as_str()), (200, "ok: 1 triple added\n"));
    // visible in the union (no GRAPH in the query) and in its document's graph
    assert_eq!(json(&server.query(seen, "application/json"))["boolean"], true);
    let in_graph = format!("ASK {{ GRAPH <{graph}> {{ ?d rdfs:comment \"added over HTTP\" }} }}");
    assert_eq!(json(&server.query(&in_graph, "application/json"))["boolean"], true);
    // a write to the default graph itself is refused with the reason, and changes nothing
    let refused = server.update("INSERT DATA { <urn:x:a> rdfs:comment \"x\" }");
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("refused") && refused.body.contains("union"), "{}", refused.body);
    let bad = server.update("INSERT DATTA { }");
    assert_eq!(bad.status, 400);
    drop(server);
    // the store still holds its invariants, and the write is there for every other command
    env.ok(&["check"]);
    assert_eq!(env.ok(&["query", seen]).trim(), "true");
}

#[test]
fn max_rows_cuts_results_and_says_so_and_timeout_stops_long_queries() {
    let env = built();
    let server = Server::start(&env, &["--max-rows", "3", "--timeout", "1"]);
    let a = server.query(POSITIONS, "application/sparql-results+json");
    assert_eq!(a.status, 200);
    assert_eq!(json(&a)["results"]["bindings"].as_array().unwrap().len(), 3);
    assert_eq!(a.header("relate-truncated"), Some("3"));
    let graph = server.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "application/n-triples");
    assert_eq!(graph.body.lines().count(), 3);
    assert_eq!(graph.header("relate-truncated"), Some("3"));
    // a result within the cap is whole and not marked
    let small = server.query("SELECT ?x WHERE { VALUES ?x { 1 2 3 } }", "application/json");
    assert_eq!(json(&small)["results"]["bindings"].as_array().unwrap().len(), 3);
    assert_eq!(small.header("relate-truncated"), None);

    // hundreds of millions of rows to count: stopped after the timeout
    let started = Instant::now();
    let long = server.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "application/json");
    assert_eq!(long.status, 503, "{}", long.body);
    assert!(long.body.contains("--timeout"), "{}", long.body);
    assert!(started.elapsed() < Duration::from_secs(30), "{:?}", started.elapsed());
}

#[test]
fn cors_headers_only_for_configured_origins() {
    let env = built();
    let origin = [("Origin", "https://example.org"), ("Accept", "application/json")];
    let path = format!("/sparql?query={}", encode("ASK {}"));
    {
        let server = Server::start(&env, &[]);
        let a = server.request("GET", &path, &origin, "");
        assert_eq!(a.status, 200);
        assert_eq!(a.header("access-control-allow-origin"), None, "CORS is off by default");
    }
    let server = Server::start(&env, &["--cors", "https://example.org"]);
    let a = server.request("GET", &path, &origin, "");
    assert_eq!(a.header("access-control-allow-origin"), Some("https://example.org"));
    let pre = server.request(
        "OPTIONS",
        "/sparql",
        &[
            ("Origin", "https://example.org"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        "",
    );
    assert!((200..300).contains(&pre.status), "{}", pre.status);
    assert_eq!(pre.header("access-control-allow-origin"), Some("https://example.org"));
    assert!(pre.header("access-control-allow-headers").unwrap_or("").contains("Content-Type"), "{:?}", pre.headers);
    let other = server.request("GET", &path, &[("Origin", "https://elsewhere.example")], "");
    assert_eq!(other.header("access-control-allow-origin"), None, "only the configured origin");
}

#[test]
fn query_page_assets_and_service_description_are_served() {
    let env = built();
    let server = Server::start(&env, &[]);
    let page = server.get("/", "text/html");
    assert_eq!(page.status, 200);
    assert!(page.content_type().starts_with("text/html"));
    assert!(page.body.contains("assets/yasgui.min.js") && page.body.contains("Posts of John D. Halamka"));
    assert!(page.body.contains("PREFIX rel: <https://w3id.org/relate/ontology#>"), "the examples declare the prefixes");
    let js = server.get("/assets/yasgui.min.js", "*/*");
    assert_eq!(js.status, 200);
    assert!(js.content_type().starts_with("text/javascript") && js.body.len() > 500_000);
    assert_eq!(server.get("/assets/nothing.js", "*/*").status, 404);
    // the notices of what the bundle compiles in go with it, linked from the page
    assert!(page.body.contains("href=\"assets/THIRD-PARTY\""));
    let notices = server.get("/assets/THIRD-PARTY", "*/*");
    assert_eq!(notices.status, 200);
    for package in ["codemirror 5.", "datatables.net 2.", "jquery 3.", "dompurify 3.", "@zazuko/yasgui 4.6.2", "n3 1."]
    {
        assert!(notices.body.contains(package), "{package} in the notices");
    }

    let sd = server.get("/sparql", "text/turtle");
    assert_eq!(sd.content_type(), "text/turtle");
    let sd = triples(RdfFormat::Turtle, &sd.body);
    let endpoint = format!("<{}>", server.url("/sparql"));
    assert!(sd.iter().any(|t| t.contains("sparql-service-description#endpoint") && t.ends_with(&endpoint)), "{sd:?}");
    let (graph, _) = relate::model::document_iris(BASE, "data/halamka-mayo-clinic-profile.txt");
    assert!(sd.iter().any(|t| t.contains("#name>") && t.ends_with(&format!("<{graph}>"))), "lists the document graphs");
}

#[test]
fn a_build_while_serving_is_seen_by_the_next_request() {
    let env = built();
    let server = Server::start(&env, &[]);
    let count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a rel:Document }";
    let documents = |server: &Server| -> u64 {
        let a = server.query(count, "application/json");
        json(&a)["results"]["bindings"][0]["n"]["value"].as_str().unwrap().parse().unwrap()
    };
    let before = documents(&server);
    // another process writes the store while the server reads it
    env.ok(&["build", crate::support::fixtures().join("profile.txt").to_str().unwrap()]);
    assert_eq!(documents(&server), before + 1, "the server reopens a store that changed");
}

#[test]
fn serve_reads_beside_a_writer_and_writable_says_the_store_is_in_use() {
    let env = built();
    // a shell holds the store for writing while its stdin stays open
    let mut shell = env
        .cmd()
        .args(["repl", "--no-history", "--no-init"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = shell.stdin.take().unwrap();
    input.write_all(b"ASK { ?s ?p ?o };\n").unwrap();
    let mut answer = String::new();
    BufReader::new(shell.stdout.take().unwrap()).read_line(&mut answer).unwrap();
    assert_eq!(answer, "true\n", "the shell has the store open");

    let o = env.run(&["serve", "--writable", "--bind", "127.0.0.1:0"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("in use by another relate process") && err.contains("without --writable"), "{err}");
    let server = Server::start(&env, &[]);
    let a = server.query("ASK { ?p rdfs:label \"John D. Halamka\" }", "application/json");
    assert_eq!(json(&a)["boolean"], true, "read-only, it serves beside the writer");
    drop(input);
    shell.wait().unwrap();
}

#[test]
fn a_missing_store_is_the_usual_one_line_error() {
    let env = Env::new();
    let o = env.run(&["serve", "--bind", "127.0.0.1:1"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("relate: ") && err.contains("no store here"), "{err}");
}

/// A Python with rdflib: `RELATE_PYTHON`, else the venv `.ci/run` makes (`RELATE_CI_VENV`,
/// default `/tmp/relate-ci-venv`), else that of `tools/setup-python.sh` (`/tmp/relate-py`), else
/// `python3`: the first of them that imports rdflib.
fn python_with_rdflib() -> Option<std::path::PathBuf> {
    let ci_venv = std::env::var_os("RELATE_CI_VENV").unwrap_or_else(|| "/tmp/relate-ci-venv".into());
    let candidates: Vec<std::path::PathBuf> = match std::env::var_os("RELATE_PYTHON") {
        Some(python) => vec![python.into()],
        None => vec![
            std::path::Path::new(&ci_venv).join("bin/python"),
            "/tmp/relate-py/bin/python".into(),
            "python3".into(),
        ],
    };
    candidates.into_iter().find(|python| {
        std::process::Command::new(python)
            .args(["-c", "import rdflib"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

#[test]
fn a_sparql_client_library_gets_the_rows_relate_query_gives() {
    let Some(python) = python_with_rdflib() else {
        skip("no Python with rdflib (.ci/run or tools/setup-python.sh makes one; or set RELATE_PYTHON)");
        return;
    };
    let env = built();
    let server = Server::start(&env, &[]);
    // rdflib's SPARQLStore speaks the protocol itself (GET, SPARQL XML results)
    let script = r#"
import sys
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
g = Graph(store=SPARQLStore(query_endpoint=sys.argv[1]))
for row in g.query(sys.argv[2]):
    print("\t".join("" if v is None else str(v) for v in row))
"#;
    let o = std::process::Command::new(&python)
        .args(["-c", script, &server.url("/sparql"), POSITIONS])
        .output()
        .expect("run python");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let theirs: Vec<Vec<String>> =
        String::from_utf8(o.stdout).unwrap().lines().map(|l| l.split('\t').map(str::to_owned).collect()).collect();
    let ours = env.rows(POSITIONS);
    assert!(!ours.is_empty());
    assert_eq!(theirs, ours);
}
