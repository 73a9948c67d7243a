//! `relate build`, `export`, incremental rebuilds, determinism, evidence and bad input.

use std::collections::BTreeSet;

use oxigraph::io::{RdfFormat, RdfParser};

use crate::support::{demo, Env};

fn parse(path: &std::path::Path, format: RdfFormat) -> BTreeSet<String> {
    let bytes = std::fs::read(path).unwrap();
    RdfParser::from_format(format).for_slice(&bytes).map(|q| q.unwrap().to_string()).collect()
}

fn triples_of(quads: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for q in quads {
        let q: oxigraph::model::Quad =
            RdfParser::from_format(RdfFormat::NQuads).for_slice(format!("{q} .\n").as_bytes()).next().unwrap().unwrap();
        out.insert(oxigraph::model::Triple::new(q.subject, q.predicate, q.object).to_string());
    }
    out
}

#[test]
fn the_demo_corpus_answers_who_worked_where_in_which_role_and_when() {
    let env = Env::new();
    let out = env.ok(&["build", demo().to_str().unwrap()]);
    assert!(out.contains("2 added"), "{out}");
    let rows = env.rows(
        "SELECT ?org ?role ?start ?end WHERE { ?p a rel:Position ; rel:holder/rdfs:label \"John D. Halamka\" ; rel:organization/rdfs:label ?org ; rel:role ?role ; rel:startDate ?start ; rel:endDate ?end } ORDER BY ?start",
    );
    let has = |org: &str, role: &str, s: &str, e: &str| {
        rows.iter().any(|r| r[0] == org && r[1].eq_ignore_ascii_case(role) && r[2] == s && r[3] == e)
    };
    assert!(has("Beth Israel Deaconess Medical Center", "Chief information officer", "1998", "2019"), "{rows:?}");
    assert!(has("Harvard Medical School", "Chief information officer", "2002", "2012"), "{rows:?}");
    assert!(
        has("CareGroup", "Executive director, Commissioning, Qualification and Validation", "1997", "1999"),
        "{rows:?}"
    );
    // years are typed xsd:gYear
    let typed = env.rows("SELECT (COUNT(*) AS ?n) WHERE { ?p rel:startDate ?s FILTER(DATATYPE(?s) = xsd:gYear) }");
    assert!(typed[0][0].parse::<u32>().unwrap() >= 8);
}

#[test]
fn one_node_per_entity_across_documents_with_every_surface_form() {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    let rows =
        env.rows("SELECT ?e (COUNT(DISTINCT ?l) AS ?labels) WHERE { ?e a rel:Person ; rdfs:label ?l } GROUP BY ?e");
    assert!(rows.iter().all(|r| r[1] == "1"), "one rdfs:label per entity: {rows:?}");
    let alts = env.rows("SELECT ?alt WHERE { ?e rdfs:label \"John D. Halamka\" ; skos:altLabel ?alt }");
    let alts: Vec<&str> = alts.iter().map(|r| r[0].as_str()).collect();
    assert!(alts.contains(&"John Halamka") && alts.contains(&"Dr. Halamka"), "{alts:?}");
    let hms = env.rows("SELECT ?alt WHERE { ?e rdfs:label \"Harvard Medical School\" ; skos:altLabel ?alt }");
    assert!(hms.iter().any(|r| r[0] == "HMS"), "{hms:?}");
    // "President Obama" in prose and the reference list are one person
    let obama = env.rows("SELECT DISTINCT ?e WHERE { ?e rdfs:label \"Barack Obama\" }");
    assert_eq!(obama.len(), 1);
    let served =
        env.rows("SELECT ?who WHERE { ?p rel:servedUnder ?o . ?o rdfs:label \"Barack Obama\" . ?p rdfs:label ?who }");
    assert_eq!(served, vec![vec!["John D. Halamka".to_owned()]]);
}

#[test]
fn export_is_deterministic_and_round_trips_in_every_format() {
    let a = Env::new();
    let b = Env::new();
    a.ok(&["build", demo().to_str().unwrap()]);
    // b builds the documents one at a time, in the same order
    b.ok(&["build", demo().join("halamka-leaves-hms-cio-news.txt").to_str().unwrap()]);
    b.ok(&["build", demo().join("halamka-mayo-clinic-profile.txt").to_str().unwrap()]);
    let ta = a.ok(&["export"]);
    let tb = b.ok(&["export"]);
    assert_eq!(ta, tb, "two builds of the same documents give byte-identical Turtle");
    assert_eq!(ta, a.ok(&["export"]));
    assert!(ta.contains("@prefix rel: <https://w3id.org/relate/ontology#>"));

    let mut sets = Vec::new();
    for (fmt, name, rdf) in [
        ("turtle", "x.ttl", RdfFormat::Turtle),
        ("ntriples", "x.nt", RdfFormat::NTriples),
        ("nquads", "x.nq", RdfFormat::NQuads),
        ("trig", "x.trig", RdfFormat::TriG),
    ] {
        let path = a.path(name);
        a.ok(&["export", "--format", fmt, "-o", path.to_str().unwrap()]);
        sets.push(parse(&path, rdf));
    }
    assert!(!sets[0].is_empty());
    assert_eq!(sets[0], sets[1], "Turtle and N-Triples hold the same triples");
    assert_eq!(sets[2], sets[3], "N-Quads and TriG hold the same quads");
    assert_eq!(triples_of(&sets[2]), sets[0], "the union of the document graphs is the triple export");
}

#[test]
fn rebuilding_skips_unchanged_documents_and_replaces_changed_ones() {
    let env = Env::new();
    let news = env.fixture("news.txt");
    let profile = env.fixture("profile.txt");
    let dir = env.dir.path().to_str().unwrap().to_owned();
    let first = env.ok(&["build", &dir]);
    assert!(first.contains("2 added"), "{first}");
    let again = env.ok(&["build", &dir]);
    assert!(again.contains("0 added, 0 updated, 2 skipped"), "{again}");
    let before = env.ok(&["export"]);
    std::fs::write(
        &news,
        std::fs::read_to_string(&news).unwrap().replace("Cascade Valley Hospital", "Lakeside Health Institute"),
    )
    .unwrap();
    let third = env.ok(&["build", &dir]);
    assert!(third.contains("0 added, 1 updated, 1 skipped"), "{third}");
    assert!(third.contains(&format!("skipped {}", profile.display())), "{third}");
    let after = env.ok(&["export"]);
    assert_ne!(before, after);
    // the replaced graph no longer says what the old text said
    let kept = env
        .rows("SELECT ?q WHERE { ?p rel:evidenceQuote ?q FILTER(CONTAINS(?q, \"keep her job as CIO of Cascade\")) }");
    assert!(kept.is_empty(), "{kept:?}");
}

#[test]
fn a_document_named_twice_in_one_build_is_built_once() {
    let env = Env::new();
    let news = env.fixture("news.txt");
    std::fs::create_dir(env.path("sub")).unwrap();
    // the same file by another spelling: files are checked against the store in parallel, before
    // the first is written
    let again = env.path("sub").join("..").join("news.txt");
    let out = env.ok(&["build", news.to_str().unwrap(), again.to_str().unwrap()]);
    assert!(out.contains("1 added, 0 updated, 1 skipped"), "{out}");
    assert!(out.contains(": 1 documents"), "{out}");
    let forced = env.ok(&["build", "--force", news.to_str().unwrap(), again.to_str().unwrap()]);
    assert!(forced.contains("0 added, 2 updated, 0 skipped"), "{forced}");
}

#[test]
fn every_fact_quotes_its_document_at_the_stated_character_offsets() {
    let env = Env::new();
    env.fixture("news.txt");
    env.fixture("profile.txt");
    env.ok(&["build", demo().to_str().unwrap(), env.dir.path().to_str().unwrap()]);
    let rows = env.rows("SELECT ?q ?quote ?s ?e ?src WHERE { ?q rel:evidenceQuote ?quote ; rel:evidenceStart ?s ; rel:evidenceEnd ?e ; rel:extractedFrom/rel:sourcePath ?src }");
    assert!(rows.len() > 40, "{}", rows.len());
    for r in rows {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&r[4]);
        let text = std::fs::read_to_string(&path).unwrap();
        let (s, e): (usize, usize) = (r[2].parse().unwrap(), r[3].parse().unwrap());
        let got: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(got, r[1], "{} chars {s}-{e}", r[4]);
    }
    let facts_without_evidence = env.rows("SELECT ?q WHERE { VALUES ?k { rel:Position rel:Education rel:Award rel:Membership rel:Collaboration rel:Appointment } ?q a ?k FILTER NOT EXISTS { ?q rel:evidenceQuote ?x ; rel:evidenceRule ?r ; rel:extractedFrom ?d } }");
    assert!(facts_without_evidence.is_empty());
}

#[test]
fn bad_documents_are_reported_by_name_and_the_rest_is_built() {
    let env = Env::new();
    env.fixture("news.txt");
    std::fs::write(env.path("binary.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::write(env.path("empty.txt"), "  \n").unwrap();
    std::fs::create_dir(env.path("nothing-here")).unwrap();
    let o = env.run(&[
        "build",
        env.dir.path().to_str().unwrap(),
        env.path("missing.txt").to_str().unwrap(),
        env.path("nothing-here").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("binary.txt: not UTF-8 text"), "{err}");
    assert!(err.contains("empty.txt: empty document"), "{err}");
    assert!(err.contains("missing.txt: no such file or directory"), "{err}");
    assert!(err.contains("nothing-here: no documents found"), "{err}");
    for line in err.lines() {
        assert!(line.starts_with("relate: "), "one line per problem: {line}");
    }
    // the good document is in
    let docs = env.rows("SELECT (COUNT(?d) AS ?n) WHERE { ?d a rel:Document }");
    assert_eq!(docs[0][0], "1");
}

#[test]
fn failures_leave_the_store_as_it_was() {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    let before = env.ok(&["export", "--format", "nquads"]);
    std::fs::write(env.path("bad.txt"), [0u8, 1, 2]).unwrap();
    assert_eq!(env.run(&["build", env.path("bad.txt").to_str().unwrap()]).status.code(), Some(1));
    let q = env.run(&["query", "SELECT ?x WHERE { ?x ?y }"]);
    assert_eq!(q.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&q.stderr);
    assert!(msg.starts_with("relate: query error") && msg.lines().count() == 1, "{msg}");
    assert_eq!(before, env.ok(&["export", "--format", "nquads"]));
}

#[test]
fn a_store_in_use_or_unwritable_gets_a_clear_message() {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    // a shell holds the store: it has opened it once it answers a first query
    let mut holder = env
        .cmd()
        .args(["repl", "--no-history"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    {
        use std::io::{BufRead, Write};
        let stdin = holder.stdin.as_mut().unwrap();
        stdin.write_all(b"ASK {};\n").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        std::io::BufReader::new(holder.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "true");
    }
    let o = env.run(&["build", demo().to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("in use by another relate process"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // readers still work while the shell holds the store
    let n = env.rows("SELECT (COUNT(?d) AS ?n) WHERE { ?d a rel:Document }");
    drop(holder.stdin.take());
    holder.wait().unwrap();
    assert_eq!(n[0][0], "2");

    std::fs::write(env.path("file"), "x").unwrap();
    let o = env
        .cmd()
        .env("RELATE_STORE", env.path("file").join("store"))
        .args(["build", demo().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("file") && err.lines().count() == 1, "{err}");
}

#[test]
fn remove_takes_documents_out_whole_and_a_bad_name_removes_nothing() {
    let env = Env::new();
    let docs = env.path("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for f in demo_documents() {
        std::fs::copy(&f, docs.join(f.file_name().unwrap())).unwrap();
    }
    env.ok(&["build", docs.to_str().unwrap()]);
    let count = || env.rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d a rel:Document } }")[0][0].clone();
    assert_eq!(count(), "2");
    let mut names: Vec<_> = std::fs::read_dir(&docs).unwrap().map(|f| f.unwrap().path()).collect();
    names.sort();
    let (one, other) = (names[0].to_str().unwrap(), names[1].to_str().unwrap());
    // one good name and one bad: a one-line error naming the bad one, and both documents stay
    let missing = env.path("docs/nope.md");
    let o = env.run(&["remove", one, missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("nope.md") && err.contains("no such document") && err.lines().count() == 1, "{err}");
    assert_eq!(count(), "2");
    let out = env.ok(&["remove", one]);
    assert!(out.contains("1 document removed"), "{out}");
    assert_eq!(count(), "1");
    // the store still keeps its invariants, and nothing of the document is left in queries
    env.ok(&["check"]);
    let left = env.rows(&format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ ?d rel:sourcePath ?p FILTER(CONTAINS(?p, \"{}\")) }}",
        names[0].file_name().unwrap().to_str().unwrap()
    ));
    assert_eq!(left[0][0], "0");
    // the other is untouched: building again skips it
    let again = env.ok(&["build", other]);
    assert!(again.contains("1 skipped"), "{again}");
}

#[test]
fn build_prune_takes_out_documents_whose_files_are_gone_under_the_directories_built() {
    let env = Env::new();
    let (a, b) = (env.path("a"), env.path("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let seeds = demo_documents();
    std::fs::copy(&seeds[0], a.join("one.txt")).unwrap();
    std::fs::copy(&seeds[1], b.join("two.txt")).unwrap();
    env.ok(&["build", a.to_str().unwrap(), b.to_str().unwrap()]);
    std::fs::remove_file(a.join("one.txt")).unwrap();
    std::fs::remove_file(b.join("two.txt")).unwrap();
    std::fs::write(a.join("three.md"), "Ann Quarry is the president of Tarrow University.\n").unwrap();
    // only what is gone under the directory built now leaves; b's document stays
    let out = env.ok(&["build", "--prune", a.to_str().unwrap()]);
    assert!(out.contains("removed") && out.contains("one.txt") && !out.contains("two.txt"), "{out}");
    let sources = env.rows("SELECT ?p WHERE { GRAPH ?g { ?d a rel:Document ; rel:sourcePath ?p } } ORDER BY ?p");
    let sources: Vec<&str> = sources.iter().map(|r| r[0].as_str()).collect();
    assert!(sources.len() == 2 && sources[0].ends_with("three.md") && sources[1].ends_with("two.txt"), "{sources:?}");
    env.ok(&["check"]);
    // without --prune nothing leaves
    std::fs::remove_file(a.join("three.md")).unwrap();
    std::fs::write(a.join("four.md"), "Ian Sol is the president of Brindle College.\n").unwrap();
    env.ok(&["build", a.to_str().unwrap()]);
    assert_eq!(env.rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d a rel:Document } }")[0][0], "3");
}

/// The demo corpus's documents (the files of `data/`, not its vocabularies), sorted.
fn demo_documents() -> Vec<std::path::PathBuf> {
    let mut docs: Vec<_> = std::fs::read_dir(demo())
        .unwrap()
        .map(|f| f.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt" || e == "md" || e == "html"))
        .collect();
    docs.sort();
    docs
}
