//! Relationship exploration through the real binary on the demo graph: `path` (evidence, time
//! checks, options, the hub rule, the time filter), `neighbours`, `ask` (every question form,
//! with its SPARQL), JSON, DOT and SVG output, the projection cache, and every bad input of the
//! issue (clear message, exit code, no panic).

use crate::support::{demo, fixtures, Env};

fn built() -> Env {
    let env = Env::new();
    env.ok(&["build", demo().to_str().unwrap()]);
    env
}

/// Runs and asserts the exit code; returns stderr, checked for panics.
fn fails(env: &Env, args: &[&str], code: i32) -> String {
    let o = env.run(args);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(code), "relate {args:?}: {err}\n{}", String::from_utf8_lossy(&o.stdout));
    assert!(!err.contains("panicked"), "relate {args:?} panicked: {err}");
    assert!(err.starts_with("relate: ") || err.starts_with("error: "), "{err}");
    err
}

fn json(env: &Env, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&env.ok(args)).unwrap_or_else(|e| panic!("relate {args:?}: not JSON: {e}"))
}

#[test]
fn path_explains_hops_with_evidence_and_checks_them_in_time() {
    let env = built();
    let out = env.ok(&["path", "Halamka", "Obama"]);
    assert!(out.starts_with("John D. Halamka — served as chair of Healthcare Information Technology Standards Committee (2009–2017 term) under → Barack Obama\n"), "{out}");
    assert!(
        out.contains("  \"As chair of the Healthcare Information Technology Standards Committee under President Obama"),
        "{out}"
    );
    assert!(out.contains("  [data/halamka-mayo-clinic-profile.txt, chars "), "{out}");
    // the second path goes through the committee; its hops overlap in time
    let out = env.ok(&["path", "Halamka", "Obama", "--limit", "3"]);
    assert!(out.contains("path 2 of 2 (2 hops)"), "{out}");
    assert!(
        out.contains(
            "John D. Halamka — co-chaired (2009–2016) → Healthcare Information Technology Standards Committee"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "Healthcare Information Technology Standards Committee — served (2009–2017 term) under → Barack Obama"
        ),
        "{out}"
    );
    assert!(out.contains("\nboth during 2009–2016\n"), "{out}");
    // a path walked against the relations' direction, with the other relations between the same two
    let out = env.ok(&["path", "Harvard Medical School", "Beth Israel Deaconess Medical Center"]);
    assert!(out.starts_with("Harvard Medical School ← "), "{out}");
    assert!(out.contains("  also: "), "{out}");
    assert!(out.contains("both during "), "{out}");
}

#[test]
fn path_options_via_exclude_directed_hub_rule_and_time() {
    let env = built();
    let out = env.ok(&["path", "Halamka", "Obama", "--via", "Healthcare Information Technology Standards Committee"]);
    assert_eq!(out.matches(" → ").count() + out.matches(" ← ").count(), 2, "{out}");
    // without served-under relations there is no connection at all
    let err = fails(&env, &["path", "Halamka", "Obama", "--exclude", "served-under"], 1);
    assert!(err.contains("no path between John D. Halamka and Barack Obama within 4 hops"), "{err}");
    fails(&env, &["path", "Halamka", "Obama", "--exclude", "rel:servedUnder", "--max-len", "8"], 1);
    // excluding an entity
    let out = env.ok(&[
        "path",
        "Healthcare Information Technology Standards Committee",
        "Obama",
        "--limit",
        "5",
        "--exclude",
        "Halamka",
    ]);
    assert!(!out.contains("John D. Halamka"), "{out}");
    // direction: a person serves under a president, not the other way round
    env.ok(&["path", "Halamka", "Obama", "--directed"]);
    fails(&env, &["path", "Obama", "Halamka", "--directed"], 1);
    // the hub rule: everything in the demo goes through Halamka (about 30 neighbours)
    env.ok(&["path", "Harvard Medical School", "Stanford University"]);
    let err = fails(&env, &["path", "Harvard Medical School", "Stanford University", "--max-degree", "10"], 1);
    assert!(err.contains("--max-degree"), "{err}");
    // a hub can still be where a path ends
    env.ok(&["path", "Harvard Medical School", "Halamka", "--max-degree", "1"]);
    // time: in 2005 Obama was not president; in 2010 he was
    fails(&env, &["path", "Halamka", "Obama", "--at", "2005"], 1);
    let out = env.ok(&["path", "Halamka", "Obama", "--during", "2010..2012"]);
    assert!(out.contains("Barack Obama"), "{out}");
    let out = env.ok(&[
        "path",
        "Harvard Medical School",
        "Beth Israel Deaconess Medical Center",
        "--at",
        "2005",
        "--limit",
        "3",
    ]);
    assert!(!out.contains("from 2016"), "a post from 2016 is not valid in 2005: {out}");
}

#[test]
fn neighbours_as_a_list_json_and_pictures() {
    let env = built();
    let out = env.ok(&["neighbours", "Halamka"]);
    assert!(out.starts_with("John D. Halamka (Person): "), "{out}");
    assert!(out.contains("  Stanford University (EducationalOrganization)\n    studied (BA) at →"), "{out}");
    assert!(out.contains("    chief information officer (2002–2012) of →"), "{out}");
    let two = env.ok(&["neighbours", "Young J. Juhn", "--depth", "2"]);
    assert!(
        two.contains(
            "  John D. Halamka (Person)\n    ← collaborates (on research addressing algorithmic bias) with\n    "
        ),
        "{two}"
    );
    let v = json(&env, &["neighbours", "Obama", "--format", "json"]);
    assert_eq!(v["version"], 1);
    assert_eq!(v["entity"]["label"], "Barack Obama");
    assert!(v["nodes"].as_array().unwrap().iter().any(|n| n["label"] == "John D. Halamka" && n["distance"] == 1));
    let rels = v["relations"].as_array().unwrap();
    assert!(rels.iter().any(|r| r["relation"] == "served under"
        && r["years_inferred"] == true
        && r["evidence"][0]["quote"].as_str().unwrap().contains("under President Obama")));
    let dot = env.ok(&["neighbours", "Obama", "--format", "dot"]);
    assert!(dot.starts_with("digraph relate {") && dot.contains("->"), "{dot}");
    let svg = env.ok(&["neighbours", "Obama", "--format", "svg"]);
    assert!(svg.starts_with("<?xml") && svg.contains("<svg") && svg.contains("Barack Obama"), "{svg}");
    fails(&env, &["neighbours", "Halamka", "--depth", "0"], 2);
    fails(&env, &["neighbours", "Halamka", "--depth", "9"], 2);
    fails(&env, &["neighbours", "Nobody Atall"], 1);
}

#[test]
fn path_json_has_the_documented_structure() {
    let env = built();
    let v = json(&env, &["path", "Halamka", "Obama", "--limit", "3", "--format", "json"]);
    assert_eq!(v["version"], 1);
    assert_eq!(v["from"]["iri"], "https://w3id.org/relate/id/person/john-d-halamka");
    assert_eq!(v["to"]["label"], "Barack Obama");
    assert_eq!(v["search"]["limit"], 3);
    assert_eq!(v["search"]["max_len"], 4);
    assert_eq!(v["truncated"], false);
    let second = &v["paths"][1];
    assert_eq!(second["length"], 2);
    assert_eq!(second["nodes"].as_array().unwrap().len(), 3);
    let hop = &second["hops"][0];
    for key in [
        "relation",
        "predicate",
        "statement",
        "source",
        "target",
        "role",
        "organization",
        "start",
        "end",
        "years_inferred",
        "ended",
        "text",
        "evidence",
        "from",
        "to",
        "forward",
    ] {
        assert!(hop.get(key).is_some(), "hop lacks {key}: {hop}");
    }
    assert_eq!(hop["relation"], "position");
    assert_eq!(hop["predicate"], "https://w3id.org/relate/ontology#holdsPositionAt");
    assert_eq!((hop["start"].as_i64(), hop["end"].as_i64()), (Some(2009), Some(2016)));
    let ev = &hop["evidence"][0];
    assert_eq!(ev["document"], "data/halamka-mayo-clinic-profile.txt");
    assert!(ev["end"].as_u64().unwrap() > ev["start"].as_u64().unwrap());
    assert_eq!(second["time"][0]["overlap"], true);
    assert_eq!((second["time"][0]["start"].as_i64(), second["time"][0]["end"].as_i64()), (Some(2009), Some(2016)));
}

#[test]
fn pictures_are_drawn_without_graphviz() {
    let env = built();
    let dot = env.ok(&["path", "Halamka", "Obama", "--limit", "3", "--format", "dot"]);
    assert!(dot.contains("co-chaired (2009–2016)") && dot.contains("rankdir=LR"), "{dot}");
    let svg = env.ok(&["path", "Halamka", "Obama", "--limit", "3", "--format", "svg"]);
    assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"), "{svg}");
    assert!(svg.contains("co-chaired (2009–2016)") && svg.contains("John D. Halamka"), "{svg}");
    assert_eq!(
        svg,
        env.ok(&["path", "Halamka", "Obama", "--limit", "3", "--format", "svg"]),
        "the picture is deterministic"
    );
    let svg = env.ok(&["ask", "how is Halamka connected to Bush?", "--format", "svg"]);
    assert!(svg.contains("George W. Bush"), "{svg}");
}

#[test]
fn every_question_form_is_answered_with_its_query() {
    let env = built();
    let out = env.ok(&["ask", "how is Halamka connected to Bush?"]);
    assert!(
        out.starts_with("# path search: relate path \"John D. Halamka\" \"George W. Bush\" --max-len 4 --limit 3\n"),
        "{out}"
    );
    assert!(out.contains("Healthcare Information Technology Standards Panel under President George W. Bush"), "{out}");
    let cases: &[(&str, &str)] = &[
        ("how are Halamka and Obama related?", "served as chair"),
        ("who is Halamka?", "Stanford University"),
        ("where did Halamka study?", "University of California San Francisco"),
        ("where did Halamka work?", "CareGroup"),
        ("what positions did Halamka hold?", "Beth Israel Deaconess Medical Center"),
        ("what positions did Halamka hold in 1998?", "CareGroup"),
        ("who chaired the Healthcare Information Technology Standards Committee?", "John D. Halamka"),
        ("who served on the Healthcare Information Technology Standards Committee?", "Co-chair"),
        ("who was a member of the National Academy of Medicine?", "John D. Halamka"),
        ("who served under President Obama?", "John D. Halamka"),
        ("what do Halamka and Juhn have in common?", "SELECT DISTINCT ?shared"),
        ("when did Halamka leave Harvard Medical School?", "Harvard Medical School"),
        ("what can you answer?", "who served under President P?"),
    ];
    for (q, expect) in cases {
        let out = env.ok(&["ask", q]);
        assert!(out.contains(expect), "{q}: {out}");
        if !q.starts_with("how") && !q.starts_with("what can") {
            assert!(out.starts_with("# SPARQL:\n#   SELECT"), "{q} shows its SPARQL: {out}");
        }
    }
    // positions held in a year exclude the ones that had ended
    let out = env.ok(&["ask", "what positions did Halamka hold in 2013?"]);
    assert!(!out.contains("CareGroup") && out.contains("Beth Israel"), "{out}");
    // JSON carries the question, the form, the query and the results
    let v = json(&env, &["ask", "where did Halamka study?", "--format", "json"]);
    assert_eq!(v["form"], "where did A study?");
    assert!(v["sparql"].as_str().unwrap().contains("rel:Education"));
    assert!(!v["answer"]["results"]["bindings"].as_array().unwrap().is_empty());
    let v = json(&env, &["ask", "how is Halamka connected to Obama?", "--format", "json"]);
    assert_eq!(v["answer"]["paths"][0]["hops"][0]["relation"], "served under");
    // outside the forms: the list of forms, a usage error
    let err = fails(&env, &["ask", "what is the meaning of life?"], 2);
    assert!(err.contains("ask one of:") && err.contains("when did A leave X?"), "{err}");
    fails(&env, &["ask", "who is Halamka?", "--format", "svg"], 2);
    let err = fails(&env, &["ask", "how is Halamka connected to Nobody Atall?"], 1);
    assert!(err.contains("no entity has this name"), "{err}");
}

#[test]
fn a_connection_question_is_relate_path_with_its_messages() {
    let env = built();
    // the same search and the same paths as the `relate path` command it shows
    let ask = env.ok(&["ask", "how is Halamka connected to Bush?"]);
    let path = env.ok(&["path", "John D. Halamka", "George W. Bush", "--max-len", "4", "--limit", "3"]);
    let shown = "relate path \"John D. Halamka\" \"George W. Bush\" --max-len 4 --limit 3";
    assert_eq!(ask, format!("# path search: {shown}\n{path}"));
    // no path: relate path's message, with the command that ran
    let err = fails(&env, &["ask", "how is Halamka connected to Australia?"], 1);
    let from_path = fails(&env, &["path", "Halamka", "Australia"], 1);
    assert!(
        from_path.starts_with("relate: no path between John D. Halamka and Australia within 4 hops; "),
        "{from_path}"
    );
    assert_eq!(
        err,
        from_path.replace(
            " hops;",
            " hops (searched: relate path \"John D. Halamka\" \"Australia\" --max-len 4 --limit 3);"
        )
    );
    // names the question's way (quotes, "President") but checked by the same lookup
    let err = fails(&env, &["ask", "how is 'Halamka' connected to Dr. Halamka?"], 2);
    assert!(err.contains("\"Halamka\" and \"Dr. Halamka\" are the same entity (John D. Halamka)"), "{err}");
    // a question answered by a query names the entity the same way
    let err = fails(&env, &["ask", "what do Halamka and Dr. Halamka have in common?"], 2);
    assert!(err.contains("\"Halamka\" and \"Dr. Halamka\" are the same entity (John D. Halamka)"), "{err}");
    env.ok(&["ask", "how is the Harvard Medical School connected to President Obama?"]);
}

#[test]
fn names_resolve_case_and_accent_insensitively_and_list_candidates() {
    let env = built();
    for name in [
        "HALAMKA",
        "hálámka",
        "john d halamka",
        "Dr. Halamka",
        "https://w3id.org/relate/id/person/john-d-halamka",
        "<https://w3id.org/relate/id/person/john-d-halamka>",
    ] {
        let out = env.ok(&["path", name, "Obama"]);
        assert!(out.starts_with("John D. Halamka — "), "{name}: {out}");
    }
    env.ok(&["ask", "how is \"Halamka\" connected to 'Bush'?"]);
    let err = fails(&env, &["path", "Harvard", "Obama"], 1);
    assert!(
        err.contains("\"Harvard\" is ambiguous")
            && err.contains("Harvard Medical School (")
            && err.contains("Harvard University ("),
        "{err}"
    );
    let err = fails(&env, &["path", "Halamak", "Obama"], 1);
    assert!(err.contains("did you mean John D. Halamka"), "{err}");
    for name in ["O'Brien", "\"quoted\" name", "Ñúñez Çelik", "名前", "'; DROP ALL; --", "<urn:nothing>"] {
        let err = fails(&env, &["path", name, "Obama"], 1);
        assert!(err.contains("no entity has this name"), "{name}: {err}");
    }
    let err = fails(&env, &["path", "  ", "Obama"], 1);
    assert!(err.contains("empty name"), "{err}");
}

#[test]
fn bad_input_gets_a_clear_message_and_exit_code() {
    let env = built();
    let err = fails(&env, &["path", "Halamka", "John D. Halamka"], 2);
    assert!(err.contains("are the same entity (John D. Halamka)"), "{err}");
    fails(&env, &["ask", "how is Halamka connected to John D. Halamka?"], 2);
    for (args, what) in [
        (vec!["--max-len", "0"], "--max-len 0"),
        (vec!["--max-len", "1000000"], "--max-len 1000000"),
        (vec!["--limit", "0"], "--limit 0"),
        (vec!["--limit", "100000"], "--limit 100000"),
        (vec!["--during", "2012..1998"], "--during"),
        (vec!["--during", "soon"], "--during"),
        (vec!["--at", "123456"], "--at 123456"),
        (vec!["--via", "Halamka"], "--via"),
        (vec!["--exclude", "Obama"], "--exclude"),
    ] {
        let mut all = vec!["path", "Halamka", "Obama"];
        all.extend(args);
        let err = fails(&env, &all, 2);
        assert!(err.contains(what), "{all:?}: {err}");
    }
    // absurd numbers are refused by the parser, also a usage error
    fails(&env, &["path", "Halamka", "Obama", "--max-len", "99999999999999999999999"], 2);
    fails(&env, &["path", "Halamka", "Obama", "--max-len", "-1"], 2);
    let err = fails(&env, &["path", "Halamka", "Obama", "--exclude", "nonsense-kind"], 1);
    assert!(err.contains("nor is it a relation kind (position, served under"), "{err}");
    // no path within --max-len
    let err = fails(&env, &["path", "Stanford University", "Obama", "--max-len", "1"], 1);
    assert!(err.contains("no path between Stanford University and Barack Obama within 1 hops"), "{err}");
    // the longest allowed search on the demo finishes
    env.ok(&[
        "path",
        "Stanford University",
        "Young J. Juhn",
        "--max-len",
        "8",
        "--limit",
        "100",
        "--max-degree",
        "100000",
    ]);
}

#[test]
fn stores_without_documents_or_without_a_store() {
    let fresh = Env::new();
    let err = fails(&fresh, &["path", "A", "B"], 1);
    assert!(err.contains("no store here"), "{err}");
    fails(&fresh, &["neighbours", "A"], 1);
    fails(&fresh, &["ask", "who is A?"], 1);
    // a store that exists but holds no documents
    fresh.ok(&["repl", "--no-history", "-c", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"]);
    let err = fails(&fresh, &["path", "A", "B"], 1);
    assert!(err.contains("holds no entities") && err.contains("relate build"), "{err}");
    let err = fails(&fresh, &["neighbours", "A"], 1);
    assert!(err.contains("holds no entities"), "{err}");
    let err = fails(&fresh, &["ask", "who is A?"], 1);
    assert!(err.contains("holds no entities") || err.contains("no entity"), "{err}");
}

#[test]
fn the_projection_is_cached_and_follows_the_store() {
    let env = built();
    let first = env.ok(&["path", "Halamka", "Obama", "--limit", "3"]);
    let cache = env.store().join("relate-projection.bin");
    assert!(cache.exists(), "the projection is cached beside the store");
    assert_eq!(env.ok(&["path", "Halamka", "Obama", "--limit", "3"]), first, "the same answer from the cache");
    // a new document changes the store: the next command sees its entities
    fails(&env, &["neighbours", "Cascade Valley Hospital"], 1);
    env.ok(&["build", fixtures().join("profile.txt").to_str().unwrap()]);
    let out = env.ok(&["neighbours", "Cascade Valley Hospital"]);
    assert!(out.starts_with("Cascade Valley Hospital ("), "{out}");
    // a broken cache file is ignored and replaced
    std::fs::write(&cache, b"not a projection").unwrap();
    assert_eq!(env.ok(&["path", "Halamka", "Obama", "--limit", "3"]), first);
}

#[test]
fn the_shell_explores_paths_and_neighbours() {
    let env = built();
    let out = env.ok(&[
        "repl",
        "--no-history",
        "-c",
        ".path Halamka Obama",
        "-c",
        ".neighbours Obama",
        "-c",
        ".ask who served under President Obama?",
    ]);
    assert!(out.contains("John D. Halamka — served as chair of"), "{out}");
    assert!(out.contains("Barack Obama (Person): "), "{out}");
    assert!(out.contains("# SPARQL:"), "{out}");
}

#[test]
fn evidence_is_read_for_the_relations_asked_for_and_matches_the_documents() {
    use relate::paths::Projection;
    use relate::store::Store;
    let env = built();
    let store = Store::open_read_only(&env.store()).unwrap();
    let p = Projection::from_store(&store).unwrap();
    let qualified: Vec<_> = p.graph.edge_indices().filter(|&e| p.relation(e).statement.is_some()).collect();
    assert!(qualified.len() > 20, "{}", qualified.len());
    // nothing is read before it is asked for, and only what is asked for
    assert!(qualified.iter().all(|&e| p.evidence(p.relation(e)).is_empty()));
    p.load_evidence(&store, qualified[..3].iter().copied()).unwrap();
    assert!(qualified[..3].iter().all(|&e| !p.evidence(p.relation(e)).is_empty()));
    assert!(qualified[3..].iter().any(|&e| p.evidence(p.relation(e)).is_empty()));
    // every quote is the text of its document at its character offsets
    p.load_evidence(&store, qualified.iter().copied()).unwrap();
    for &e in &qualified {
        let ev = p.evidence(p.relation(e));
        assert!(!ev.is_empty(), "{:?} has no evidence", p.relation(e).statement);
        for x in ev {
            let text = std::fs::read_to_string(&x.document).unwrap();
            let at: String = text
                .chars()
                .skip(x.start as usize)
                .take((x.end - x.start) as usize)
                .collect::<String>()
                .replace('\n', " ");
            assert_eq!(at, x.quote, "{}", x.document);
        }
    }
}

#[test]
fn a_succession_is_a_hop_between_the_two_holders() {
    let env = Env::new();
    let doc = env.path("succession.txt");
    std::fs::write(
        &doc,
        "Harrow Mint names new president\n\nIlse Varn will succeed Tomas Quell as president of Harrow Mint in March 2027, the bank said.\n",
    )
    .unwrap();
    env.ok(&["build", doc.to_str().unwrap()]);
    let rows = env.rows(
        "SELECT ?new ?old WHERE { ?p rel:replaces ?o ; rel:holder ?h . ?h rdfs:label ?new . ?o rdfs:label ?old . ?h rel:succeeded ?o }",
    );
    assert_eq!(rows, vec![vec!["Ilse Varn".to_owned(), "Tomas Quell".to_owned()]]);
    let out = env.ok(&["path", "Ilse Varn", "Tomas Quell", "--exclude", "position"]);
    assert!(out.starts_with("Ilse Varn — succeeded (as president, from 2027) → Tomas Quell\n"), "{out}");
}
