//! The other subcommands: extract, query formats, stats, path, ask, repl, usage errors.

use crate::support::{demo, Env};

fn built() -> Env {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    env
}

#[test]
fn extract_prints_turtle_without_a_store_and_explains_rules() {
    let env = Env::new();
    let f = crate::support::fixtures().join("profile.txt");
    let ttl = env.ok(&["extract", f.to_str().unwrap()]);
    assert!(ttl.contains("rel:Position") && ttl.contains("Cascade Valley Hospital"));
    assert!(!env.store().exists(), "extract must not create a store");
    let why = env.ok(&["extract", "--explain", f.to_str().unwrap()]);
    assert!(why.contains("[list.role-then-org src/loader/structured.rs]"), "{why}");
    // every fact names its rule's file, and the file exists
    for line in why.lines().filter(|l| l.ends_with(".rs]")) {
        let file = line.rsplit(' ').next().unwrap().trim_end_matches(']');
        assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file).exists(), "{line}");
    }
    assert!(!why.contains(" ?]"), "a fact whose rule has no file: {why}");
    assert!(why.contains("\"Cascade Valley Hospital, 2004-2015.\""), "{why}");
    // a name no vocabulary types is typed by the tagger, with its confidence
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news.txt");
    std::fs::write(
        &news,
        "The committee heard from Tamsin Oyelaran, Ikenna Sol and Marguerite Ellsworth-Tan on Monday.\nThe report was sent to Dagny Thorvaldsen and to Harland & Voss, a firm in Geneva.\n",
    )
    .unwrap();
    let why = env.ok(&["extract", "--explain", news.to_str().unwrap()]);
    let typed = why.lines().find(|l| l.starts_with("entity: ") && l.contains("tagger confidence 0.")).unwrap_or("");
    assert!(!typed.is_empty(), "{why}");
}

#[test]
fn query_formats_and_usage_errors() {
    let env = built();
    let json =
        env.ok(&["query", "--format", "json", "SELECT ?l WHERE { ?e a rel:Person ; rdfs:label ?l } ORDER BY ?l"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["results"]["bindings"].as_array().unwrap().len() >= 3);
    let ask = env.ok(&["query", "ASK { ?x rel:servedUnder ?p }"]);
    assert_eq!(ask.trim(), "true");
    let ttl = env.ok(&[
        "query",
        "--format",
        "turtle",
        "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a rel:Legislation ; rdfs:label ?l }",
    ]);
    assert!(ttl.contains("American Recovery and Reinvestment Act"));
    let o = env.run(&["query", "--format", "nonsense", "ASK {}"]);
    assert_eq!(o.status.code(), Some(2));
    let o = env.run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    let o = env.run(&["query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"]);
    assert_eq!(o.status.code(), Some(2));
    let fresh = Env::new();
    let o = fresh.run(&["query", "ASK {}"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no store here"));
}

#[test]
fn stats_count_documents_entities_and_facts() {
    let env = built();
    let out = env.ok(&["stats", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"], 2);
    assert!(v["entities"].as_u64().unwrap() > 20);
    assert!(v["facts"].as_u64().unwrap() > 30);
}

#[test]
fn path_explains_each_hop_with_its_evidence() {
    let env = built();
    let out = env.ok(&["path", "Halamka", "Obama"]);
    assert!(out.contains("John D. Halamka"), "{out}");
    assert!(out.contains("Barack Obama"), "{out}");
    assert!(
        out.contains("\"As chair of the Healthcare Information Technology Standards Committee under President Obama"),
        "{out}"
    );
    assert!(out.contains("[data/halamka-mayo-clinic-profile.txt, chars"), "{out}");
    let json = env.ok(&["path", "Halamka", "Stanford University", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["paths"][0]["hops"][0]["relation"], "education");
    let o = env.run(&["path", "Halamka", "Nobody Atall"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no entity has this name"));
    let o = env.run(&["path", "Halamka", "John D. Halamka"]);
    assert_eq!(o.status.code(), Some(2));
    let o = env.run(&["path", "Halamka", "Obama", "--max-len", "0"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn ask_answers_with_the_query_it_ran() {
    let env = built();
    let out = env.ok(&["ask", "how is Halamka connected to Bush?"]);
    assert!(
        out.contains("George W. Bush") && out.contains("Healthcare Information Technology Standards Panel"),
        "{out}"
    );
    let out = env.ok(&["ask", "where did Halamka study?"]);
    assert!(out.contains("SELECT") && out.contains("Stanford University"), "{out}");
    let out = env.ok(&["ask", "who served under President Obama?"]);
    assert!(out.contains("John D. Halamka"), "{out}");
    let o = env.run(&["ask", "what is the meaning of life?"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("how is A related to B"));
}

#[test]
fn repl_runs_piped_scripts_and_commands() {
    let env = built();
    let mut child = env
        .cmd()
        .args(["repl", "--no-history"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b".mode csv\nSELECT ?l\nWHERE { ?e a rel:Legislation ; rdfs:label ?l };\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout).replace('\r', ""), "l\nAmerican Recovery and Reinvestment Act\n");
    let o = env.run(&[
        "repl",
        "--no-history",
        "-c",
        ".mode tsv",
        "-c",
        "SELECT (COUNT(*) AS ?n) WHERE { ?d a rel:Document }",
    ]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("?n\n2"), "{}", String::from_utf8_lossy(&o.stdout));
    let o = env.run(&["repl", "--no-history", "-c", "SELECT WHERE {"]);
    assert_eq!(o.status.code(), Some(1));
}
