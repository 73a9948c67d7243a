//! The shell: in-process transcripts of a `Session` over the demo store (each command, each
//! output mode, bad input), the real binary with piped stdin and `-c` (exit codes), and the real
//! binary on a pseudo-terminal (Tab completion, Ctrl-C, the continuation prompt, history, the
//! init file).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use relate::repl::session::{Flow, Session};
use relate::store::Store;

use crate::support::{demo, fixtures, Env};

// ---------------------------------------------------------------------------------------------
// in-process sessions

/// The demo corpus built once; each test works on its own copy.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let path = tempfile::tempdir().expect("temp dir").keep().join("store");
        let store = Store::open(&path).expect("open store");
        let docs = [demo()];
        let options = relate::build::Options::new(&docs, relate::vocab::DEFAULT_BASE);
        relate::build::run(&store, &options, &mut Vec::new(), &mut Vec::new()).expect("build the demo corpus");
        store.flush().expect("flush");
        path
    })
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else if e.file_name() != "LOCK" {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

struct Shell {
    dir: tempfile::TempDir,
    s: Session,
}

impl Shell {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(template(), &dir.path().join("store"));
        let store = Store::open(&dir.path().join("store")).unwrap();
        Shell { s: Session::new(store, relate::vocab::DEFAULT_BASE), dir }
    }

    fn read_only() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(template(), &dir.path().join("store"));
        let store = Store::open_read_only(&dir.path().join("store")).unwrap();
        Shell { s: Session::new(store, relate::vocab::DEFAULT_BASE), dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs a script; returns (stdout, stderr).
    fn run(&mut self, script: &str) -> (String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        self.s.run_script(script, &mut out, &mut err);
        (String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
    }

    /// Runs a script that must not fail; returns stdout.
    fn ok(&mut self, script: &str) -> String {
        let before = self.s.failures();
        let (out, err) = self.run(script);
        assert_eq!(self.s.failures(), before, "{script:?} failed: {err}");
        assert!(err.is_empty(), "{script:?} wrote to stderr: {err}");
        out
    }

    /// Runs a script that must fail; returns stderr.
    fn fails(&mut self, script: &str) -> String {
        let before = self.s.failures();
        let (_, err) = self.run(script);
        assert!(self.s.failures() > before, "{script:?} should have failed");
        assert!(err.starts_with("error: "), "{err}");
        err
    }

    fn triples(&self) -> usize {
        self.s.store().quads_for_pattern(None, None, None, None).count()
    }
}

const TWO: &str = "SELECT ?name ?n WHERE { VALUES (?name ?n) { (\"Ada\" 1) (\"Grace Hopper\" 2) } };";

#[test]
fn table_is_the_default_mode() {
    let mut sh = Shell::new();
    assert_eq!(sh.ok(TWO), "name          n\n------------  -\nAda           1\nGrace Hopper  2\n");
    assert_eq!(sh.ok(".mode"), "table\n");
}

#[test]
fn every_output_mode() {
    let mut sh = Shell::new();
    let mode = |sh: &mut Shell, m: &str| sh.ok(&format!(".mode {m}\n{TWO}"));
    assert_eq!(mode(&mut sh, "box"), "┌──────────────┬───┐\n│ name         │ n │\n├──────────────┼───┤\n│ Ada          │ 1 │\n│ Grace Hopper │ 2 │\n└──────────────┴───┘\n");
    assert_eq!(mode(&mut sh, "csv"), "name,n\r\nAda,1\r\nGrace Hopper,2\r\n");
    assert_eq!(mode(&mut sh, "tsv"), "?name\t?n\n\"Ada\"\t1\n\"Grace Hopper\"\t2\n");
    let json: serde_json::Value = serde_json::from_str(&mode(&mut sh, "json")).unwrap();
    assert_eq!(json["head"]["vars"], serde_json::json!(["name", "n"]));
    assert_eq!(json["results"]["bindings"][1]["name"]["value"], "Grace Hopper");
    assert_eq!(mode(&mut sh, "jsonl"), "{\"n\":\"1\",\"name\":\"Ada\"}\n{\"n\":\"2\",\"name\":\"Grace Hopper\"}\n");
    assert_eq!(
        mode(&mut sh, "markdown"),
        "| name         | n   |\n| ------------ | --- |\n| Ada          | 1   |\n| Grace Hopper | 2   |\n"
    );
    assert_eq!(mode(&mut sh, "line"), "name = Ada\n   n = 1\n\nname = Grace Hopper\n   n = 2\n");
    assert!(mode(&mut sh, "xml").starts_with("<?xml"));
}

#[test]
fn turtle_mode_writes_graphs_and_says_a_select_is_a_table() {
    let mut sh = Shell::new();
    let (out, err) = sh.run(&format!(".mode turtle\n{TWO}"));
    assert_eq!(out, "name          n\n------------  -\nAda           1\nGrace Hopper  2\n");
    assert!(err.starts_with("note: .mode turtle writes CONSTRUCT and DESCRIBE results"), "{err}");
    let construct = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a rel:Legislation ; rdfs:label ?l };";
    let expected = "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n<https://w3id.org/relate/id/legislation/american-recovery-and-reinvestment-act> rdfs:label \"American Recovery and Reinvestment Act\" .\n";
    assert_eq!(sh.ok(construct), expected);
    // graphs are Turtle in every mode but ntriples
    assert_eq!(sh.ok(&format!(".mode table\n{construct}")), expected);
    assert_eq!(
        sh.ok(&format!(".mode ntriples\n{construct}")),
        "<https://w3id.org/relate/id/legislation/american-recovery-and-reinvestment-act> <http://www.w3.org/2000/01/rdf-schema#label> \"American Recovery and Reinvestment Act\" .\n"
    );
    let described = sh.ok(".mode turtle\nDESCRIBE ?e WHERE { ?e rdfs:label \"Barack Obama\" };");
    assert!(described.contains("<https://w3id.org/relate/id/person/barack-obama> a rel:Person"), "{described}");
}

#[test]
fn ask_select_construct_and_updates_that_report_what_changed() {
    let mut sh = Shell::new();
    assert_eq!(sh.ok("ASK { ?x rel:servedUnder ?p };"), "true\n");
    assert_eq!(sh.ok("ASK { ?x a rel:NoSuchClass }"), "false\n", "a last statement needs no terminator");
    // updates write a document's graph; the default graph (the union) follows
    let g = "<https://w3id.org/relate/id/graph/data-halamka-leaves-hms-cio-news-txt>";
    let before = sh.triples();
    assert_eq!(
        sh.ok(&format!("INSERT DATA {{ GRAPH {g} {{ <urn:x:a> <urn:x:b> \"one\", \"two\" }} }};")),
        "ok: 2 triples added\n"
    );
    assert_eq!(sh.triples(), before + 4, "two in the document's graph, two in the union");
    assert_eq!(sh.ok("SELECT ?o WHERE { <urn:x:a> <urn:x:b> ?o } ORDER BY ?o;"), "o\n---\none\ntwo\n");
    assert_eq!(sh.ok("DELETE WHERE { GRAPH ?g { <urn:x:a> <urn:x:b> ?o } };"), "ok: 2 triples removed\n");
    assert_eq!(
        sh.ok(&format!("INSERT DATA {{ GRAPH {g} {{ <urn:x:a> <urn:x:b> 1 }} }} ; DELETE DATA {{ GRAPH {g} {{ <urn:x:a> <urn:x:b> 1 }} }};")),
        "ok: no change\n"
    );
    assert_eq!(sh.triples(), before);
    // an operation sees the union as the operations before it in the same request left it
    assert_eq!(
        sh.ok(&format!("INSERT DATA {{ GRAPH {g} {{ <urn:x:a> <urn:x:b> 1 }} }} ; INSERT {{ GRAPH {g} {{ <urn:x:a> <urn:x:c> ?o }} }} WHERE {{ <urn:x:a> <urn:x:b> ?o }};")),
        "ok: 2 triples added\n"
    );
    assert_eq!(sh.ok("ASK { <urn:x:a> <urn:x:c> 1 };"), "true\n");
}

#[test]
fn multi_line_statements_end_with_a_semicolon_or_a_blank_line() {
    let mut sh = Shell::new();
    let out = sh.ok("SELECT ?n\nWHERE {\n\n  VALUES ?n { 1 }\n}\n\nASK {\n}\n;\n");
    assert_eq!(out, "n\n-\n1\ntrue\n");
    assert_eq!(sh.ok("ASK {}; ASK { ?s ?p 12345 };"), "true\nfalse\n");
}

#[test]
fn errors_name_the_position_and_the_session_goes_on() {
    let mut sh = Shell::new();
    let err = sh.fails("SELECT * WHERE { ?s foo:p ?o };");
    assert!(err.contains("unknown prefix foo:"), "{err}");
    assert!(err.contains("line 1, column"), "{err}");
    assert!(err.contains("\n  SELECT * WHERE { ?s foo:p ?o }\n"), "{err}");
    let err = sh.fails("SELECT ?x WHERE { ?x a rel:Person } LIMT 3;");
    assert!(err.starts_with("error: query error: syntax error"), "{err}");
    assert!(!err.contains("\\u{"), "character classes are left out: {err}");
    assert_eq!(sh.ok("ASK {};"), "true\n");
    assert_eq!(sh.s.failures(), 2);
}

#[test]
fn unknown_commands_suggest_the_closest() {
    let mut sh = Shell::new();
    assert_eq!(sh.fails(".mdoe csv"), "error: unknown command .mdoe; did you mean .mode? (.help lists commands)\n");
    assert_eq!(
        sh.fails(".exprot x.ttl"),
        "error: unknown command .exprot; did you mean .export? (.help lists commands)\n"
    );
    let err = sh.fails(".mode nosuch");
    assert!(err.contains(".mode: invalid value 'nosuch'"), "{err}");
    assert!(sh.fails(".path Halamka").contains(".help path"));
}

#[test]
fn help_lists_every_command_and_explains_one() {
    let mut sh = Shell::new();
    let help = sh.ok(".help");
    for c in [
        ".help",
        ".quit",
        ".mode",
        ".maxrows",
        ".timer",
        ".output",
        ".once",
        ".read",
        ".prefixes",
        ".prefix",
        ".schema",
        ".graphs",
        ".find",
        ".describe",
        ".path",
        ".ask",
        ".load",
        ".export",
        ".explain",
        ".stats",
        ".timeout",
        ".labels",
    ] {
        assert!(help.contains(&format!("\n  {c}")), "{c} missing from .help:\n{help}");
    }
    let mode = sh.ok(".help mode");
    for m in ["table", "box", "csv", "tsv", "json", "jsonl", "markdown", "line", "turtle"] {
        assert!(mode.contains(m), "{m} missing from .help mode:\n{mode}");
    }
    assert!(sh.ok(".help sparql").contains("blank line"));
    assert!(sh.ok(".help keys").contains("Ctrl-C"));
    assert!(sh.fails(".help nosuch").contains("no such command"));
}

#[test]
fn quit_and_exit_stop_a_script() {
    for q in [".quit", ".exit"] {
        let mut sh = Shell::new();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(sh.s.run_script(&format!("ASK {{}};\n{q}\nASK {{ ?s ?p 1234 }};"), &mut out, &mut err), Flow::Quit);
        assert_eq!(String::from_utf8(out).unwrap(), "true\n");
    }
}

#[test]
fn maxrows_cuts_tables_and_counts_the_rest() {
    let mut sh = Shell::new();
    let q = "SELECT ?n WHERE { VALUES ?n { 1 2 3 4 5 } };";
    assert_eq!(sh.ok(&format!(".maxrows 2\n{q}")), "n\n-\n1\n2\n… 3 more rows\n");
    assert_eq!(sh.ok(".maxrows"), "2\n");
    assert_eq!(sh.ok(&format!(".mode line\n{q}")), "n = 1\n\nn = 2\n… 3 more rows\n");
    // machine formats are complete
    assert_eq!(sh.ok(&format!(".mode csv\n{q}")).lines().count(), 6);
    assert_eq!(sh.ok(&format!(".mode table\n.maxrows 0\n{q}")).lines().count(), 7);
}

#[test]
fn timer_reports_run_time_on_stderr() {
    let mut sh = Shell::new();
    let (out, err) = sh.run(".timer on\nASK {};");
    assert_eq!(out, "true\n");
    assert!(err.starts_with("run time: ") && err.ends_with(" s\n"), "{err}");
    assert_eq!(sh.ok(".timer off\n.timer\nASK {};"), "off\ntrue\n");
}

#[test]
fn output_and_once_send_results_to_files() {
    let mut sh = Shell::new();
    let (all, one) = (sh.path("all.csv"), sh.path("one.csv"));
    let out = sh.ok(&format!(
        ".mode csv\n.output {}\n{TWO}\nASK {{}};\n.output\nASK {{}};\n.once {}\n{TWO}\nASK {{}};",
        all.display(),
        one.display()
    ));
    assert_eq!(out, "true\ntrue\n", "only statements after .output and .once's one went to the screen");
    assert_eq!(std::fs::read_to_string(&all).unwrap(), "name,n\r\nAda,1\r\nGrace Hopper,2\r\ntrue\n");
    assert_eq!(std::fs::read_to_string(&one).unwrap(), "name,n\r\nAda,1\r\nGrace Hopper,2\r\n");
    let err = sh.fails(".output /nonexistent-dir/x.csv");
    assert!(err.contains("/nonexistent-dir/x.csv: cannot write it"), "{err}");
    let err = sh.fails(".once /nonexistent-dir/x.csv");
    assert!(err.contains("cannot write it"), "{err}");
    assert_eq!(sh.ok("ASK {};"), "true\n", "a failed .once leaves output on the screen");
}

#[test]
fn read_runs_a_file_and_missing_files_are_errors() {
    let mut sh = Shell::new();
    let f = sh.path("q.sparql");
    std::fs::write(&f, "# positions\n.mode csv\nSELECT ?n WHERE {\n  VALUES ?n { 7 }\n};\nASK {}\n").unwrap();
    assert_eq!(sh.ok(&format!(".read {}", f.display())), "n\r\n7\r\ntrue\n");
    let err = sh.fails(".read /nonexistent/q.sparql");
    assert!(err.contains("/nonexistent/q.sparql: cannot read it"), "{err}");
    let nested = sh.path("nested.sparql");
    std::fs::write(&nested, format!(".read {}\n", f.display())).unwrap();
    assert_eq!(sh.ok(&format!(".read {}", nested.display())), "n\r\n7\r\ntrue\n");
    let looped = sh.path("loop.sparql");
    std::fs::write(&looped, format!(".read {}\n", looped.display())).unwrap();
    assert!(sh.fails(&format!(".read {}", looped.display())).contains("too deeply"));
}

#[test]
fn prefixes_are_listed_and_declared() {
    let mut sh = Shell::new();
    let list = sh.ok(".prefixes");
    assert!(list.starts_with("rel: <https://w3id.org/relate/ontology#>\n"), "{list}");
    for p in ["rdf:", "rdfs:", "owl:", "xsd:", "skos:", "schema:", "org:", "prov:", "id: <https://w3id.org/relate/id/>"]
    {
        assert!(list.contains(p), "{p} missing: {list}");
    }
    assert_eq!(
        sh.ok(".prefix ex: <http://example.org/>\nSELECT ?x WHERE { VALUES ?x { ex:thing } };"),
        "x\n--------\nex:thing\n"
    );
    assert!(sh.ok(".prefixes").ends_with("ex: <http://example.org/>\n"));
    assert!(sh.fails(".prefix bad not-an-iri").contains("give a name and an absolute IRI"));
    assert!(sh.fails(".prefix rdf: <http://example.org/>").contains("predeclared"));
}

#[test]
fn schema_graphs_find_and_stats_describe_the_store() {
    let mut sh = Shell::new();
    let schema = sh.ok(".schema");
    assert!(schema.starts_with("kind      term"), "{schema}");
    assert!(schema.contains("class     rel:Person "), "{schema}");
    assert!(schema.contains("property  rdfs:label "), "{schema}");
    let graphs = sh.ok(".graphs");
    assert!(
        graphs.contains("data/halamka-mayo-clinic-profile.txt")
            && graphs.contains("data/halamka-leaves-hms-cio-news.txt"),
        "{graphs}"
    );
    assert_eq!(graphs.lines().count(), 4, "header, rule, two documents: {graphs}");
    let found = sh.ok(".find harvard medical");
    assert!(found.contains("Harvard Medical School") && found.contains("id:org/harvard-medical-school"), "{found}");
    assert!(!found.contains("Stanford"), "{found}");
    assert!(sh.ok(".find zzzz-nothing").ends_with("(no rows)\n"));
    let stats = sh.ok(".stats");
    // the same text as `relate stats`
    assert!(stats.starts_with("store      ") && stats.contains("\ndocuments  2\n"), "{stats}");
    assert!(stats.contains("Person"), "{stats}");
}

#[test]
fn describe_path_neighbours_and_ask_work_on_names() {
    let mut sh = Shell::new();
    let d = sh.ok(".describe Halamka");
    assert!(d.contains("<https://w3id.org/relate/id/person/john-d-halamka>"), "{d}");
    assert!(
        d.contains("position")
            && d.contains("Harvard Medical School")
            && d.contains("data/halamka-mayo-clinic-profile.txt"),
        "{d}"
    );
    let p = sh.ok(".path Halamka Obama");
    assert!(p.contains("Barack Obama") && p.contains("under President Obama"), "{p}");
    // the options of `relate path` and `relate neighbours`, from the same definitions
    let json = sh.ok(".path Halamka Obama --format json --limit 2");
    assert!(json.trim_start().starts_with('{') && json.contains("\"limit\": 2"), "{json}");
    assert!(sh.fails(".path Halamka Obama --max-len 9").contains("--max-len 9"));
    let excluded = sh.fails(".path Halamka Obama --exclude served-under --exclude position --max-len 1");
    assert!(excluded.contains("no path between"), "{excluded}");
    assert!(sh.ok(".neighbours Barack Obama --depth 2").contains("Harvard Medical School"));
    let n = sh.ok(".neighbours \"Barack Obama\"");
    assert!(n.contains("Halamka"), "{n}");
    let a = sh.ok(".ask where did Halamka study?");
    assert!(a.contains("Stanford University"), "{a}");
    let err = sh.fails(".describe Nobody-At-All");
    assert!(err.contains("Nobody-At-All"), "{err}");
}

#[test]
fn load_builds_documents_from_inside_the_shell() {
    let mut sh = Shell::new();
    let f = fixtures().join("profile.txt");
    let before = sh.triples();
    let out = sh.ok(&format!(".load {}", f.display()));
    assert!(out.contains("1 added"), "{out}");
    assert!(sh.triples() > before);
    assert!(sh.ok(".find cascade valley").contains("Cascade Valley Hospital"));
    let before = sh.s.failures();
    let (_, err) = sh.run(".load /nonexistent/doc.txt");
    assert_eq!(sh.s.failures(), before + 1);
    assert!(
        err.contains("/nonexistent/doc.txt: no such file") && err.contains("error: 1 of 1 documents failed"),
        "{err}"
    );
}

#[test]
fn export_writes_a_file_in_the_format_asked_for() {
    let mut sh = Shell::new();
    let (ttl, nq, nt) = (sh.path("g.ttl"), sh.path("g.nq"), sh.path("g.txt"));
    assert_eq!(sh.ok(&format!(".export {}", ttl.display())), format!("exported to {} (Turtle)\n", ttl.display()));
    let text = std::fs::read_to_string(&ttl).unwrap();
    assert!(text.contains("@prefix rel:") && text.contains("rel:Person"));
    sh.ok(&format!(".export {}", nq.display()));
    assert!(std::fs::read_to_string(&nq)
        .unwrap()
        .lines()
        .all(|l| l.ends_with(" .") && l.matches('<').count() >= 3 || l.contains('"')));
    sh.ok(&format!(".export {} ntriples", nt.display()));
    let g = oxigraph::store::Store::new().unwrap();
    g.load_from_reader(oxigraph::io::RdfFormat::NTriples, std::fs::read(&nt).unwrap().as_slice()).unwrap();
    assert_eq!(g.len().unwrap(), sh.s.store().stats().unwrap().triples as usize);
    assert!(sh.fails(&format!(".export {}", sh.path("g.docx").display())).contains("cannot tell the format"));
    // every format of relate export, named or from the extension
    let (jsonld, rdf) = (sh.path("g.jsonld"), sh.path("g.rdf"));
    assert!(sh.ok(&format!(".export {}", jsonld.display())).ends_with("(JSON-LD)\n"));
    assert!(std::fs::read_to_string(&jsonld).unwrap().starts_with('['));
    assert!(sh.ok(&format!(".export {} rdfxml", rdf.display())).ends_with("(RDF/XML)\n"));
    assert!(std::fs::read_to_string(&rdf).unwrap().starts_with("<?xml"));
    assert!(!sh.path("g.docx").exists() && !sh.path("g.docx.partial").exists());
}

#[test]
fn explain_shows_the_plan_as_a_tree() {
    let mut sh = Shell::new();
    let plan = sh.ok(".explain SELECT ?l WHERE { ?e a rel:Person ; rdfs:label ?l FILTER(?l != \"no one\") } LIMIT 1;");
    assert!(plan.lines().next().unwrap().starts_with("Slice"), "{plan}");
    assert!(plan.contains("└─ ") && plan.contains("QuadPattern"), "{plan}");
    assert!(sh.fails(".explain SELECT WHERE {").contains("syntax error"));
}

#[test]
fn labels_show_beside_iris() {
    let mut sh = Shell::new();
    let q = "SELECT ?e WHERE { VALUES ?e { <https://w3id.org/relate/id/person/barack-obama> } };";
    assert_eq!(sh.ok(q), "e\n----------------------\nid:person/barack-obama\n");
    assert_eq!(
        sh.ok(&format!(".labels on\n{q}")),
        "e\n-------------------------------------\nid:person/barack-obama (Barack Obama)\n"
    );
    assert_eq!(sh.ok(".labels"), "on\n");
}

#[test]
fn long_cells_are_cut_to_the_width_and_headers_are_bold_only_with_colour() {
    let mut sh = Shell::new();
    sh.s.width = Some(40);
    let q = "SELECT ?a ?b WHERE { VALUES (?a ?b) { (\"short\" \"a rather long value that cannot fit in forty columns at all\") } };";
    let out = sh.ok(q);
    assert!(out.lines().all(|l| unicode_width(l) <= 40), "{out}");
    assert!(out.contains("short  a rather long value that cannot …\n"), "{out}");
    assert!(sh.ok(&format!(".mode csv\n{q}")).contains("cannot fit in forty columns at all"), "csv keeps full values");
    sh.ok(".mode table");
    sh.s.colour = true;
    assert!(sh.ok(q).starts_with("\x1b[1ma"), "bold header");
    let csv = sh.ok(&format!(".mode csv\n{q}"));
    assert!(!csv.contains('\x1b'));
    let f = sh.path("t.txt");
    sh.ok(&format!(".mode table\n.once {}\n{q}", f.display()));
    assert!(!std::fs::read_to_string(&f).unwrap().contains('\x1b'), "no colour in files");
}

fn unicode_width(s: &str) -> usize {
    s.chars().count()
}

#[test]
fn timeout_stops_a_runaway_query_and_the_session_survives() {
    let mut sh = Shell::new();
    assert_eq!(sh.ok(".timeout"), "60\n");
    let started = Instant::now();
    let err = sh.fails(".timeout 0.5\n.maxrows 2\nSELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i };");
    assert!(err.contains("timed out after 0.5 s"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    assert_eq!(sh.ok("ASK {};"), "true\n");
    assert!(sh.fails(".timeout -1").contains("give a number of seconds"));
}

#[test]
fn a_canceller_stops_the_running_query_from_another_thread() {
    let mut sh = Shell::new();
    let c = sh.s.canceller();
    assert!(!c.interrupt(), "nothing to cancel yet");
    let stopper = std::thread::spawn(move || {
        let t = Instant::now();
        while !c.busy() && t.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(Duration::from_millis(300));
        c.interrupt()
    });
    let started = Instant::now();
    let err = sh.fails(".mode csv\nSELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i };");
    assert!(stopper.join().unwrap());
    assert!(err.contains("cancelled (Ctrl-C)"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(sh.ok("ASK {};"), "true\n");
}

/// Counts bytes and lines without keeping them; fails after `limit` bytes like a closed pipe.
struct Sink {
    bytes: usize,
    lines: usize,
    limit: usize,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes > self.limit {
            return Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "closed"));
        }
        self.bytes += buf.len();
        self.lines += buf.iter().filter(|b| **b == b'\n').count();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_million_rows_stream_and_tables_stop_at_maxrows() {
    let mut sh = Shell::new();
    let million = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } LIMIT 1000000;";
    let mut sink = Sink { bytes: 0, lines: 0, limit: usize::MAX };
    sh.s.run_script(&format!(".timeout 0\n.mode tsv\n{million}"), &mut sink, &mut std::io::sink());
    assert_eq!(sh.s.failures(), 0);
    assert_eq!(sink.lines, 1_000_001, "a header and a million rows");
    let out = sh.ok(&format!(".mode table\n.maxrows 5\n{million}"));
    assert_eq!(out.lines().count(), 2 + 5 + 1, "{out}");
    assert!(out.ends_with("… 999995 more rows\n"), "{out}");
    // a reader that goes away stops the query: rows are written as they come, not gathered
    let started = Instant::now();
    let mut closed = Sink { bytes: 0, lines: 0, limit: 10_000 };
    let flow = sh.s.run_script(
        ".mode csv\nSELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i };",
        &mut closed,
        &mut std::io::sink(),
    );
    assert_eq!(flow, Flow::Quit, "a closed pipe ends the session quietly");
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

#[test]
fn unbalanced_input_at_the_end_is_reported() {
    let mut sh = Shell::new();
    let (out, err) = sh.run("ASK {};\nSELECT * WHERE {\n  ?s ?p ?o .\n");
    assert_eq!(out, "true\n");
    assert_eq!(err, "error: incomplete statement at end of input (unbalanced brackets or quotes): SELECT * WHERE {\n");
    assert_eq!(sh.s.failures(), 1);
    let (_, err) = sh.run("ASK { FILTER(\"open string) }");
    assert!(err.contains("incomplete statement"), "{err}");
}

#[test]
fn binary_junk_is_refused_without_harm() {
    let mut sh = Shell::new();
    let before = sh.triples();
    let mut junk: Vec<u8> = b"ASK {};\n".to_vec();
    junk.extend_from_slice(&[0xff, 0xfe, 0x00, 0x1b, b'[', b'2', b'J', b'\n']);
    junk.extend_from_slice(b"\x00\x01\x02garbage\x07 { ;\n}\n\n");
    junk.extend_from_slice(b"ASK { ?s ?p ?o };\n");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let flow = sh.s.run_reader(junk.as_slice(), &mut out, &mut err).unwrap();
    assert_eq!(flow, Flow::Continue);
    let (out, err) = (String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap());
    assert_eq!(out, "true\ntrue\n");
    assert!(err.contains("line 2 is not UTF-8 text"), "{err}");
    assert!(
        !err.contains('\x1b') && !err.contains('\x07') && !err.contains('\0'),
        "control characters are escaped: {err:?}"
    );
    assert_eq!(sh.s.failures(), 2);
    assert_eq!(sh.triples(), before);
}

#[test]
fn updates_on_a_read_only_store_are_refused_and_change_nothing() {
    let mut sh = Shell::read_only();
    let before = sh.triples();
    let err = sh.fails("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> };");
    assert_eq!(err, "error: query error: the store is open read-only (--read-only): updates are refused and the store is unchanged\n");
    let err = sh.fails(&format!(".load {}", fixtures().join("profile.txt").display()));
    assert!(err.contains(".load is refused"), "{err}");
    assert_eq!(sh.triples(), before);
    assert_eq!(sh.ok("ASK { <urn:x:a> ?p ?o };"), "false\n");
}

// ---------------------------------------------------------------------------------------------
// the real binary, stdin not a terminal

fn built() -> Env {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    env
}

fn piped(env: &Env, args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child =
        env.cmd().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn scripts_on_stdin_print_only_results_and_exit_0() {
    let env = built();
    let script = env.path("queries.sparql");
    std::fs::write(
        &script,
        ".mode tsv\nSELECT ?l WHERE {\n  ?e a rel:Legislation ; rdfs:label ?l\n};\nASK { ?x rel:servedUnder ?p }\n",
    )
    .unwrap();
    // relate repl < queries.sparql > out.tsv
    let out_path = env.path("out.tsv");
    let status = env
        .cmd()
        .args(["repl"])
        .stdin(std::fs::File::open(&script).unwrap())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "?l\n\"American Recovery and Reinvestment Act\"\ntrue\n");
    assert!(!env.path("xdg/relate/history").exists(), "scripts leave no history");
}

#[test]
fn a_failed_statement_makes_the_script_exit_1_after_the_rest_ran() {
    let env = built();
    let o = piped(&env, &["repl"], b"ASK {};\nSELECT nonsense;\n.nosuch\nASK { ?s ?p 12345 };\n");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "true\nfalse\n");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("error: query error: syntax error"), "{err}");
    assert!(err.contains("error: unknown command .nosuch"), "{err}");
    assert!(err.trim_end().ends_with("relate: repl: 2 statements failed"), "{err}");
    let o = piped(&env, &["repl"], b"ASK {};\nSELECT * WHERE {\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("incomplete statement at end of input"));
    let o = piped(&env, &["repl"], &[0xff, 0xfe, 0x00, b'\n', 0xc3, b'\n']);
    assert_eq!(o.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
}

#[test]
fn dash_c_runs_statements_and_exits() {
    let env = built();
    let o = env.run(&["repl", "-c", ".mode csv", "-c", "SELECT ?n WHERE { VALUES ?n { 1 2 } }; ASK {}"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "n\r\n1\r\n2\r\ntrue\n");
    let o = env.run(&["repl", "-c", ".quit", "-c", "ASK {}"]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    let o = env.run(&["repl", "-c", ".read /nonexistent.sparql"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn read_only_shell_refuses_updates_and_keeps_the_store() {
    let env = built();
    let count = || env.ok(&["query", "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]);
    let before = count();
    let o = piped(&env, &["repl", "--read-only"], b"INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> };\nASK {};\n");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "true\n");
    assert!(String::from_utf8_lossy(&o.stderr).contains("the store is open read-only"));
    assert_eq!(count(), before);
}

// ---------------------------------------------------------------------------------------------
// the real binary on a pseudo-terminal

/// Types `keys` (rexpect buffers until flushed).
fn send(p: &mut rexpect::session::PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
}

/// A shell on a pseudo-terminal, with escape codes stripped from what it prints.
fn pty(env: &Env, extra: &[&str]) -> rexpect::session::PtySession {
    let mut c = Command::new(env!("CARGO_BIN_EXE_relate"));
    c.args(["repl"])
        .args(extra)
        .env("RELATE_STORE", env.store())
        .env("HOME", env.dir.path())
        .env("XDG_DATA_HOME", env.dir.path().join("xdg"))
        .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("INPUTRC", env.dir.path().join("inputrc"))
        .env_remove("RELATE_HISTORY")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    let opts = rexpect::reader::Options::new().timeout_ms(Some(30_000)).strip_ansi_escape_codes(true);
    let mut p = rexpect::session::spawn_with_options(c, opts).expect("spawn relate on a pty");
    p.exp_string(".help for help.").expect("banner");
    p.exp_string("relate> ").expect("first prompt");
    p
}

#[test]
fn pty_tab_completes_prefixed_names_and_entity_names() {
    let env = built();
    let mut p = pty(&env, &["--no-history"]);
    send(&mut p, "SELECT ?p WHERE { ?p a rel:Pers");
    send(&mut p, "\t");
    send(&mut p, " } ORDER BY ?p LIMIT 1;\r");
    p.exp_string("id:person/").expect("rel:Pers<TAB> became rel:Person");
    p.exp_string("relate> ").unwrap();
    // entity names load in the background: until they are there, Tab leaves `Halam` alone and
    // the statement is a syntax error; try again a few times
    let mut completed = false;
    for _ in 0..20 {
        send(&mut p, "ASK { Halam");
        send(&mut p, "\t");
        send(&mut p, " a rel:Person };\r");
        let (_, found) = p
            .exp_any(vec![rexpect::ReadUntil::String("true".into()), rexpect::ReadUntil::String("error:".into())])
            .unwrap();
        p.exp_string("relate> ").unwrap();
        if found == "true" {
            completed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    assert!(completed, "Halam<TAB> became the entity's IRI");
    send(&mut p, ".mo");
    send(&mut p, "\t");
    send(&mut p, "\r");
    p.exp_string("table").expect(".mo<TAB> became .mode");
    p.exp_string("relate> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn pty_continuation_prompt_and_ctrl_c_clears_the_statement() {
    let env = built();
    let mut p = pty(&env, &["--no-history"]);
    send(&mut p, "SELECT ?x\r");
    p.exp_string("   ...> ").expect("continuation prompt");
    send(&mut p, "WHERE { VALUES ?x { 4242 } };\r");
    p.exp_string("4242\r\n").unwrap();
    p.exp_string("relate> ").unwrap();
    send(&mut p, "SELECT * WHERE {\r");
    p.exp_string("   ...> ").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("relate> ").expect("Ctrl-C goes back to the first prompt");
    send(&mut p, "ASK {};\r");
    p.exp_string("true").expect("the unfinished statement was forgotten");
    // wait for the prompt: Ctrl-D typed while a result is still printing can be lost
    p.exp_string("relate> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn pty_binary_junk_is_dropped_and_the_session_goes_on() {
    let env = built();
    let mut p = pty(&env, &["--no-history"]);
    let mut tty = p.process().get_file_handle().unwrap();
    tty.write_all(&[b'A', 0xff, 0xfe, 0x00, b'\r']).unwrap();
    tty.flush().unwrap();
    p.exp_string("not UTF-8 text").expect("junk is reported");
    p.exp_string("relate> ").unwrap();
    send(&mut p, "\x01\x02\x1b[2J garbage \x07;\r");
    p.exp_string("error:").expect("control characters make a syntax error, not a crash");
    p.exp_string("relate> ").unwrap();
    send(&mut p, "ASK {};\r");
    p.exp_string("true").expect("the session survives");
    send(&mut p, ".quit\r");
    p.exp_eof().unwrap();
}

#[test]
fn pty_ctrl_c_cancels_a_long_query_and_returns_to_the_prompt() {
    let env = built();
    let mut p = pty(&env, &["--no-history"]);
    send(&mut p, ".maxrows 1\r");
    p.exp_string("relate> ").unwrap();
    send(&mut p, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i };\r");
    // the first row is on screen; the query goes on counting the rest
    p.exp_string("---").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    p.send_control('c').unwrap();
    p.exp_string("cancelled (Ctrl-C)").expect("the query was cancelled");
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    p.exp_string("relate> ").unwrap();
    send(&mut p, "ASK {};\r");
    p.exp_string("true").unwrap();
    send(&mut p, ".quit\r");
    p.exp_eof().unwrap();
}

#[test]
fn pty_history_is_kept_across_sessions() {
    let env = built();
    let mut p = pty(&env, &[]);
    send(&mut p, "SELECT (CONCAT(\"hist\", \"ory kept\") AS ?x) WHERE {\r");
    p.exp_string("   ...> ").unwrap();
    send(&mut p, "};\r");
    p.exp_string("history kept").unwrap();
    p.exp_string("relate> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    let hist = std::fs::read_to_string(env.path("xdg/relate/history")).expect("history file in the data directory");
    assert!(hist.contains("CONCAT"), "{hist}");
    let mut p = pty(&env, &[]);
    send(&mut p, "\x1b[A");
    send(&mut p, "\r");
    p.exp_string("history kept").expect("Up brought back the statement from the last session");
    // wait for the prompt: Ctrl-D typed while a result is still printing can be lost
    p.exp_string("relate> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    // --no-history neither reads nor writes it
    let mut p = pty(&env, &["--no-history"]);
    send(&mut p, "ASK { ?s ?p 98765 };\r");
    p.exp_string("false").unwrap();
    // wait for the prompt: Ctrl-D typed while a result is still printing can be lost
    p.exp_string("relate> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    assert!(!std::fs::read_to_string(env.path("xdg/relate/history")).unwrap().contains("98765"));
}

#[test]
fn pty_runs_the_init_file_before_the_first_prompt() {
    let env = built();
    std::fs::create_dir_all(env.path("config/relate")).unwrap();
    std::fs::write(env.path("config/relate/relaterc"), ".mode csv\n.prefix ex: <http://example.org/>\n").unwrap();
    let mut p = pty(&env, &["--no-history"]);
    send(&mut p, "SELECT ?x WHERE { VALUES ?x { ex:y } };\r");
    p.exp_string("x\r\r\nhttp://example.org/y").expect("csv mode and the ex: prefix came from the init file");
    // wait for the prompt: Ctrl-D typed while a result is still printing can be lost
    p.exp_string("relate> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    // --no-init skips it: the table mode is back
    let mut p = pty(&env, &["--no-history", "--no-init"]);
    send(&mut p, "SELECT ?x WHERE { VALUES ?x { 7 } };\r");
    p.exp_string("x\r\n-\r\n7").expect("table mode without the init file");
    // wait for the prompt: Ctrl-D typed while a result is still printing can be lost
    p.exp_string("relate> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    // scripts do not read it
    let o = piped(&env, &["repl"], b"SELECT ?x WHERE { VALUES ?x { 1 } };\n");
    assert_eq!(String::from_utf8_lossy(&o.stdout), "x\n-\n1\n");
}

#[test]
fn pty_banner_counts_follow_changes_to_the_store() {
    let env = built();
    // each session inserts the same triple: only the first changes the store
    let banner = || -> String {
        let mut c = Command::new(env!("CARGO_BIN_EXE_relate"));
        c.args(["repl", "--no-history"])
            .env("RELATE_STORE", env.store())
            .env("HOME", env.dir.path())
            .env("XDG_DATA_HOME", env.dir.path().join("xdg"))
            .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
            .env("XDG_CACHE_HOME", env.dir.path().join("cache"))
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        let opts = rexpect::reader::Options::new().timeout_ms(Some(30_000)).strip_ansi_escape_codes(true);
        let mut p = rexpect::session::spawn_with_options(c, opts).unwrap();
        let (_, found) = p.exp_regex(r"\d+ documents, \d+ entities, \d+ triples").unwrap();
        p.exp_string("relate> ").unwrap();
        send(
            &mut p,
            "INSERT DATA { GRAPH <https://w3id.org/relate/id/graph/data-halamka-leaves-hms-cio-news-txt> { <urn:x:a> <urn:x:b> <urn:x:c> } };\r",
        );
        p.exp_string("ok: ").unwrap();
        // wait for the prompt: Ctrl-D typed while a result is still printing can be lost
        p.exp_string("relate> ").unwrap();
        p.send_control('d').unwrap();
        p.exp_eof().unwrap();
        found
    };
    let first = banner();
    let second = banner();
    let third = banner();
    let n = |s: &str| s.split_whitespace().nth(4).unwrap().parse::<u64>().unwrap();
    assert_eq!(n(&second), n(&first) + 1, "{first} / {second}");
    assert_eq!(n(&third), n(&second), "the same triple again changes nothing: {second} / {third}");
    assert!(env.path("cache/relate").read_dir().unwrap().next().is_some(), "the counts are cached");
}

#[test]
fn colour_only_on_a_terminal_without_no_color() {
    let env = built();
    let spawn = |no_color: bool| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_relate"));
        c.args(["repl", "--no-history"])
            .env("RELATE_STORE", env.store())
            .env("HOME", env.dir.path())
            .env("XDG_DATA_HOME", env.dir.path().join("xdg"))
            .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
            .env("TERM", "xterm")
            .env_remove("NO_COLOR");
        if no_color {
            c.env("NO_COLOR", "1");
        }
        let opts = rexpect::reader::Options::new().timeout_ms(Some(30_000));
        let mut p = rexpect::session::spawn_with_options(c, opts).unwrap();
        p.exp_string("relate> ").unwrap();
        send(&mut p, "SELECT ?n WHERE { VALUES ?n { 1 } };\r");
        let (before, _) = p.exp_regex(r"\r\n1\r\n").unwrap();
        // wait for the prompt: Ctrl-D typed while a result is still printing can be lost
        p.exp_string("relate> ").unwrap();
        p.send_control('d').unwrap();
        p.exp_eof().unwrap();
        before
    };
    let coloured = spawn(false);
    assert!(coloured.contains("\x1b[1mn\x1b[0m"), "bold header on a terminal: {coloured:?}");
    let plain = spawn(true);
    assert!(!plain.contains("\x1b[1m"), "NO_COLOR: {plain:?}");
    let mut c = env.cmd();
    c.env_remove("NO_COLOR");
    let o = c.args(["repl", "-c", "SELECT ?n WHERE { VALUES ?n { 1 } }"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), "n\n-\n1\n", "no colour into a pipe");
}
