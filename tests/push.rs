//! `relate push` against real Graph Store Protocol servers started here on loopback ports:
//! Oxigraph's server (the `oxigraph` package on PyPI; `.ci/run` installs it in a venv) and
//! OpenLink Virtuoso (Debian's `virtuoso-opensource`). A test whose server is not installed is
//! skipped with a message. After each push the server is asked over the SPARQL protocol which
//! graphs and statements it holds, and that must equal the local store; and `relate path` and
//! `relate neighbours --endpoint` on the server's query URL print what they print on the store.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{demo, skip, split_csv, Env};

/// A server process with its data directory; killed when dropped.
struct Server {
    name: &'static str,
    child: Option<Child>,
    dir: tempfile::TempDir,
    /// Graph Store Protocol URL.
    store: String,
    /// SPARQL query URL.
    query: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Server {
    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Waits until the server answers a query, up to a minute.
    fn wait_ready(mut self) -> Self {
        let started = Instant::now();
        loop {
            if self.ask("ASK {}").is_ok() {
                eprintln!("{} ready in {:.1} s", self.name, started.elapsed().as_secs_f64());
                return self;
            }
            let exited = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten());
            if exited.is_some() || started.elapsed() > Duration::from_secs(60) {
                let log = std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default();
                panic!("{} did not start ({exited:?}):\n{log}", self.name);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn ask(&self, sparql: &str) -> Result<String, ureq::Error> {
        let url = format!("{}?query={}", self.query, encode(sparql));
        let agent: ureq::Agent =
            ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(30))).build().into();
        agent.get(&url).header("Accept", "text/csv").call()?.body_mut().read_to_string()
    }

    /// Rows of a SELECT, header dropped, sorted (engines order strings differently).
    fn rows(&self, sparql: &str) -> Vec<Vec<String>> {
        let text = self.ask(sparql).unwrap_or_else(|e| panic!("{}: {sparql}: {e}", self.name));
        let mut rows: Vec<Vec<String>> = text.lines().skip(1).filter(|l| !l.is_empty()).map(split_csv).collect();
        rows.sort();
        rows
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A program from an environment variable, one of `paths`, or `name` on PATH.
fn program(var: &str, paths: &[&str], name: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var) {
        return Some(PathBuf::from(p));
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).collect::<Vec<_>>())
        .unwrap_or_default();
    paths.iter().map(PathBuf::from).chain(on_path).find(|p| p.is_file())
}

fn log_file(dir: &Path) -> Stdio {
    Stdio::from(std::fs::File::create(dir.join("log")).unwrap())
}

/// Oxigraph's server in read-write mode, on disk in a temporary directory.
fn oxigraph() -> Option<Server> {
    let venv = std::env::var("RELATE_CI_VENV").unwrap_or_else(|_| "/tmp/relate-ci-venv".into());
    let bin = format!("{venv}/bin/oxigraph");
    let Some(exe) = program("RELATE_TEST_OXIGRAPH", &[&bin], "oxigraph") else {
        skip("no Oxigraph server (pip install oxigraph, or set RELATE_TEST_OXIGRAPH)");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let child = Command::new(exe)
        .args(["serve", "--union-default-graph", "--location"])
        .arg(dir.path().join("db"))
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(log_file(dir.path()))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    Some(
        Server {
            name: "oxigraph",
            child: Some(child),
            dir,
            store: format!("{base}/store"),
            query: format!("{base}/query"),
        }
        .wait_ready(),
    )
}

/// A private Virtuoso instance: its own database, configuration and ports.
fn virtuoso() -> Option<Server> {
    let Some(exe) = program("RELATE_TEST_VIRTUOSO", &[], "virtuoso-t") else {
        skip("no Virtuoso (apt-get install virtuoso-opensource, or set RELATE_TEST_VIRTUOSO)");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display().to_string();
    let (sql, http) = (free_port(), free_port());
    let ini = format!(
        "[Database]\nDatabaseFile = {d}/virtuoso.db\nErrorLogFile = {d}/virtuoso.log\nLockFile = {d}/virtuoso.lck\n\
         TransactionFile = {d}/virtuoso.trx\nxa_persistent_file = {d}/virtuoso.pxa\nTempStorage = TempDatabase\n\
         [TempDatabase]\nDatabaseFile = {d}/virtuoso-temp.db\nTransactionFile = {d}/virtuoso-temp.trx\n\
         [Parameters]\nServerPort = 127.0.0.1:{sql}\nDisableUnixSocket = 1\nCaseMode = 2\nNumberOfBuffers = 10000\n\
         MaxDirtyBuffers = 6000\nDirsAllowed = .\n\
         [HTTPServer]\nServerPort = 127.0.0.1:{http}\nServerRoot = {d}\nServerThreads = 4\n\
         [SPARQL]\nResultSetMaxRows = 1000000\n"
    );
    std::fs::write(dir.path().join("virtuoso.ini"), ini).unwrap();
    let child = Command::new(exe)
        .args(["+foreground", "+configfile"])
        .arg(dir.path().join("virtuoso.ini"))
        .current_dir(dir.path())
        .stdout(log_file(dir.path()))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{http}");
    Some(
        Server {
            name: "virtuoso",
            child: Some(child),
            dir,
            // the authenticated endpoint: dba:dba by default, HTTP Digest
            store: format!("{base}/sparql-graph-crud-auth"),
            query: format!("{base}/sparql"),
        }
        .wait_ready(),
    )
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

const OURS: &str = "FILTER(STRSTARTS(STR(?g), \"https://w3id.org/relate/\"))";

/// The server holds exactly the local store's document graphs, statement for statement.
fn assert_same(env: &Env, server: &Server) {
    let counts = format!("SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }} GROUP BY ?g");
    let mut local = env.rows(&counts);
    local.sort();
    assert_eq!(server.rows(&counts), local, "{}: graphs and statement counts", server.name);
    // labels and evidence quotes, as strings both engines write alike in CSV
    let labels =
        format!("SELECT ?g ?s ?o WHERE {{ GRAPH ?g {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }} {OURS} }}");
    let mut local = env.rows(&labels);
    local.sort();
    assert!(!local.is_empty());
    assert_eq!(server.rows(&labels), local, "{}: labels per graph", server.name);
}

/// Runs `relate push` to `server` with `creds` in the environment.
fn push(env: &Env, server: &Server, creds: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    env.cmd().envs(creds.iter().copied()).args(["push", "--endpoint", &server.store]).args(args).output().unwrap()
}

fn pushed(env: &Env, server: &Server, creds: &[(&str, &str)], args: &[&str]) -> String {
    let o = push(env, server, creds, args);
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "{}: push {args:?} failed: {err}\n{out}", server.name);
    eprintln!("{}: {}", server.name, out.lines().last().unwrap_or_default());
    out.into_owned()
}

/// Push, push again, force, change one document, drop one, then push to a stopped server.
fn scenario(mut server: Server, creds: &[(&str, &str)]) {
    let env = Env::new();
    let docs = env.path("docs");
    std::fs::create_dir(&docs).unwrap();
    for f in ["halamka-leaves-hms-cio-news.txt", "halamka-mayo-clinic-profile.txt"] {
        std::fs::copy(demo().join(f), docs.join(f)).unwrap();
    }
    env.ok(&["build", docs.to_str().unwrap()]);

    let before = relate::paths::cache::Fingerprint::of(&env.store());
    let out = pushed(&env, &server, creds, &[]);
    assert!(out.contains("2 pushed, 0 unchanged, 0 deleted, 0 failed"), "{out}");
    assert_same(&env, &server);
    // the push record beside the store's files does not make the store look changed
    assert!(env.store().join(relate::push::record::FILE).exists());
    assert_eq!(relate::paths::cache::Fingerprint::of(&env.store()), before);
    // explored there with --endpoint: the same paths and neighbours as in the store (Oxigraph
    // runs with --union-default-graph; Virtuoso's default graph is the union of its graphs)
    for args in [&["path", "Halamka", "Obama", "--limit", "3"][..], &["neighbours", "Halamka"][..]] {
        let local = env.ok(args);
        let o = env.cmd().args(args).args(["--endpoint", &server.query]).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{}: {args:?} --endpoint failed: {err}", server.name);
        assert_eq!(String::from_utf8_lossy(&o.stdout), local, "{}: {args:?} through the endpoint", server.name);
    }
    // and the shell on it: a script prints what it prints on the store
    let script = ".path Halamka Obama\n.neighbours Halamka\n.mode csv\nSELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a rel:Position };\n";
    let local = crate::remote::shell(env.cmd().arg("repl"), script);
    let remote = crate::remote::shell(env.cmd().args(["repl", "--endpoint", &server.query]), script);
    assert!(
        remote.status.success(),
        "{}: repl --endpoint failed: {}",
        server.name,
        String::from_utf8_lossy(&remote.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&remote.stdout),
        String::from_utf8_lossy(&local.stdout),
        "{}: the shell",
        server.name
    );

    // nothing changed: nothing sent; forced: sent again, replacing, not duplicating
    let out = pushed(&env, &server, creds, &[]);
    assert!(out.contains("0 pushed, 2 unchanged, 0 deleted, 0 failed; 0 triples"), "{out}");
    let out = pushed(&env, &server, creds, &["--all"]);
    assert!(out.contains("2 pushed, 0 unchanged"), "{out}");
    assert_same(&env, &server);

    // one document changes: only its graph is sent, and the server has its new statements
    let news = docs.join("halamka-leaves-hms-cio-news.txt");
    let mut text = std::fs::read_to_string(&news).unwrap();
    text.push_str("\nThis item was corrected after publication.\n");
    std::fs::write(&news, text).unwrap();
    let built = env.ok(&["build", docs.to_str().unwrap()]);
    assert!(built.contains("1 updated, 1 skipped"), "{built}");
    let out = pushed(&env, &server, creds, &[]);
    assert!(out.contains("1 pushed, 1 unchanged, 0 deleted, 0 failed"), "{out}");
    let sent: Vec<&str> = out.lines().filter(|l| l.starts_with("pushed <")).collect();
    assert!(sent.len() == 1 && sent[0].contains("news"), "{out}");
    assert_same(&env, &server);
    let hash = "SELECT ?h WHERE { GRAPH ?g { ?d <https://w3id.org/relate/ontology#contentSha256> ?h } }";
    let mut local = env.rows(hash);
    local.sort();
    assert_eq!(server.rows(hash), local, "{}: the new content hash is there", server.name);

    // a document dropped from the store is deleted at the endpoint
    let graph = sent[0].trim_start_matches("pushed <").split('>').next().unwrap().to_owned();
    env.ok(&["repl", "--no-history", "--no-init", "-c", &format!("DROP GRAPH <{graph}>")]);
    let out = pushed(&env, &server, creds, &[]);
    assert!(out.contains("0 pushed, 1 unchanged, 1 deleted, 0 failed"), "{out}");
    assert_same(&env, &server);

    // a server that is down: one line naming the endpoint, exit 1, no secret in it
    server.stop();
    let o = push(&env, &server, creds, &["--all", "--retries", "1"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&server.store) && err.contains("cannot reach it after 2 attempts"), "{err}");
    for (_, secret) in creds.iter().filter(|(k, _)| k.ends_with("PASSWORD")) {
        assert!(!err.contains(secret) && !String::from_utf8_lossy(&o.stdout).contains(secret));
    }
    // nothing landed, so the record still says what the server has: the one graph left
    let record = relate::push::record::Record::load(&env.store()).unwrap();
    assert_eq!(record.endpoints[&server.store].len(), 1, "{record:?}");
    assert!(!record.endpoints[&server.store].contains_key(&graph), "{record:?}");
}

#[test]
fn push_to_an_oxigraph_server_sends_changed_graphs_only_and_replaces_them() {
    if let Some(server) = oxigraph() {
        scenario(server, &[]);
    }
}

#[test]
fn push_to_virtuoso_with_digest_credentials_sends_changed_graphs_only_and_replaces_them() {
    if let Some(server) = virtuoso() {
        scenario(server, &[("RELATE_ENDPOINT_USER", "dba"), ("RELATE_ENDPOINT_PASSWORD", "dba")]);
    }
}

#[test]
fn a_url_with_credentials_is_refused_without_echoing_them() {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    let o = env.run(&["push", "--endpoint", "http://dba:s3cret@127.0.0.1:9/store"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("RELATE_ENDPOINT_USER") && !err.contains("s3cret"), "{err}");
}

/// A scripted HTTP server for what real servers will not do on cue: answer each request with
/// the next status of `script` (the last one repeated; a 3xx with a Location), recording
/// request lines and headers.
fn scripted(script: &'static [u16]) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/store", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                head.push_str(&line);
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            log.lock().unwrap().push(head);
            let status = script[n.min(script.len() - 1)];
            let location = if (300..400).contains(&status) { "Location: http://elsewhere/store\r\n" } else { "" };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} Scripted\r\n{location}Content-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    (url, seen)
}

#[test]
fn server_errors_are_retried_with_back_off_and_only_graphs_that_landed_are_recorded() {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    // the first graph lands; the second meets 503 on every try
    let (url, seen) = scripted(&[201, 503]);
    let started = Instant::now();
    let o = env
        .cmd()
        .env("RELATE_ENDPOINT_TOKEN", "t0ken")
        .args(["push", "--endpoint", &url, "--retries", "2"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&url) && err.contains("HTTP 503 after 3 attempts"), "{err}");
    assert!(!err.contains("t0ken"), "{err}");
    // waits of 0.5 s and 1 s between the tries
    assert!(started.elapsed() >= Duration::from_millis(1500), "{:?}", started.elapsed());
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 4, "{seen:?}");
    assert!(seen.iter().all(|h| h.starts_with("PUT /store?graph=https%3A%2F%2Fw3id.org%2F")), "{seen:?}");
    assert!(seen
        .iter()
        .all(|h| h.contains("authorization: Bearer t0ken") || h.contains("Authorization: Bearer t0ken")));
    let record = relate::push::record::Record::load(&env.store()).unwrap();
    let landed: Vec<&String> = record.endpoints[&url].keys().collect();
    assert_eq!(landed.len(), 1, "{record:?}");
    assert!(seen[0].contains(&encode(landed[0])), "{seen:?}");
    // the next push sends only the graph that did not land
    let (again, seen) = scripted(&[201]);
    let mut record = record.clone();
    let graphs = record.endpoints.remove(&url).unwrap();
    record.endpoints.insert(again.clone(), graphs);
    record.save(&env.store()).unwrap();
    let out = env.ok(&["push", "--endpoint", &again]);
    assert!(out.contains("1 pushed, 1 unchanged, 0 deleted, 0 failed"), "{out}");
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[test]
fn a_graph_the_server_refuses_is_reported_and_the_others_still_go() {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    let (url, seen) = scripted(&[400, 204]);
    let o = env.run(&["push", "--endpoint", &url]);
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("refused with HTTP 400") && err.contains("1 of 2 documents failed"), "{err}");
    assert!(out.contains("1 pushed, 0 unchanged, 0 deleted, 1 failed"), "{out}");
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[test]
fn build_with_an_endpoint_builds_locally_and_pushes_what_changed() {
    let Some(server) = oxigraph() else { return };
    let env = Env::new();
    let out = env.ok(&["build", demo().to_str().unwrap(), "--endpoint", &server.store]);
    assert!(out.contains("2 added") && out.contains("2 pushed, 0 unchanged"), "{out}");
    assert_same(&env, &server);
    let out = env.ok(&["build", demo().to_str().unwrap(), "--endpoint", &server.store]);
    assert!(out.contains("2 skipped") && out.contains("0 pushed, 2 unchanged"), "{out}");
    // a bad endpoint is refused before anything is built
    let fresh = Env::new();
    let o = fresh.run(&["build", demo().to_str().unwrap(), "--endpoint", "localhost:7878/store"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!fresh.store().exists());
}

#[test]
fn a_redirect_is_not_followed_and_names_where_it_points() {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    let (url, seen) = scripted(&[308]);
    let o = env.run(&["push", "--endpoint", &url]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("HTTP 308 (it redirects to http://elsewhere/store)"), "{err}");
    assert_eq!(seen.lock().unwrap().len(), 1);
}
