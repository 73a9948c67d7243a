//! RDF in: `relate build` stores RDF files as document graphs of their own, with the text
//! documents' change detection and atomicity; reference data makes names recognised and resolved.

use crate::support::{demo, Env};

const TURTLE: &str = "@prefix rel: <https://w3id.org/relate/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<person/ada-quill> a rel:Person ; rdfs:label \"Ada Quill\" .
<org/zentrix> a rel:Organization ; rdfs:label \"Zentrix\" .
<position/ada-quill-zentrix> a rel:Position ; rel:holder <person/ada-quill> ; rel:organization <org/zentrix> ; rel:role \"Chief scientist\" .
";

/// One small file of each format, each naming one thing.
fn rdf_files(env: &Env) -> std::path::PathBuf {
    let dir = env.path("rdf");
    std::fs::create_dir(&dir).unwrap();
    let files = [
        ("people.ttl", TURTLE.to_owned()),
        ("a.nt", "<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> \"from N-Triples\" .\n".to_owned()),
        (
            "b.nq",
            "<http://example.org/b> <http://www.w3.org/2000/01/rdf-schema#label> \"from N-Quads\" <http://example.org/some-graph> .\n"
                .to_owned(),
        ),
        (
            "c.trig",
            "<http://example.org/g> { <http://example.org/c> <http://www.w3.org/2000/01/rdf-schema#label> \"from TriG\" }\n"
                .to_owned(),
        ),
        (
            "d.jsonld",
            r#"{"@id": "http://example.org/d", "http://www.w3.org/2000/01/rdf-schema#label": "from JSON-LD"}"#.to_owned(),
        ),
        (
            "e.rdf",
            r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="http://example.org/e"><rdfs:label>from RDF/XML</rdfs:label></rdf:Description>
</rdf:RDF>
"#
            .to_owned(),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

#[test]
fn rdf_files_are_graphs_of_their_own_kept_whole_when_a_file_is_bad() {
    let env = Env::new();
    let dir = rdf_files(&env);
    let out = env.ok(&["build", dir.to_str().unwrap(), demo().to_str().unwrap()]);
    assert!(out.contains("8 added, 0 updated, 0 skipped, 0 failed"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("added ") && l.contains("people.ttl (rdf loader:")), "{out}");
    // one graph per file, named by it, with the Document node every graph has
    let graphs = env.rows(
        "SELECT ?src ?loader WHERE { GRAPH ?g { ?d a rel:Document ; rel:sourcePath ?src ; rel:loader ?loader } } ORDER BY ?src",
    );
    assert_eq!(graphs.len(), 8, "{graphs:?}");
    assert_eq!(graphs.iter().filter(|r| r[1] == "rdf").count(), 6, "{graphs:?}");
    for (label, file) in [
        ("from N-Triples", "a.nt"),
        ("from N-Quads", "b.nq"),
        ("from TriG", "c.trig"),
        ("from JSON-LD", "d.jsonld"),
        ("from RDF/XML", "e.rdf"),
        ("Ada Quill", "people.ttl"),
    ] {
        let q = format!(
            "SELECT ?src WHERE {{ GRAPH ?g {{ ?s rdfs:label \"{label}\" . ?d a rel:Document ; rel:sourcePath ?src }} }}"
        );
        let rows = env.rows(&q);
        assert!(rows.len() == 1 && rows[0][0].ends_with(file), "{label}: {rows:?}");
    }
    // relative IRIs are the build's: the file's person is an entity path search finds
    let path = env.ok(&["neighbours", "Ada Quill"]);
    assert!(path.contains("Zentrix"), "{path}");
    env.ok(&["check"]);

    // unchanged: skipped, as text documents are
    let out = env.ok(&["build", dir.to_str().unwrap()]);
    assert!(out.contains("0 added, 0 updated, 6 skipped, 0 failed"), "{out}");

    // a bad file: one line naming it and the line, exit 1; what it stored before is kept, and
    // the other files are still built
    let before = env.rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    std::fs::write(dir.join("people.ttl"), TURTLE.replace("rdfs:label \"Zentrix\" .", "rdfs:label \"Zentrix\""))
        .unwrap();
    std::fs::write(
        dir.join("a.nt"),
        "<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> \"changed\" .\n",
    )
    .unwrap();
    // RDF/XML's parser gives no place: the line is where it stopped (a mismatched end tag)
    let xml = std::fs::read_to_string(dir.join("e.rdf")).unwrap();
    std::fs::write(dir.join("e.rdf"), xml.replace("from RDF/XML</rdfs:label>", "from RDF/XML</rdfs:labl>")).unwrap();
    let o = env.run(&["build", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    for (file, at, format) in [("people.ttl", "people.ttl:5:", "Turtle"), ("e.rdf", "e.rdf:3: ", "RDF/XML")] {
        let bad: Vec<&str> = err.lines().filter(|l| l.contains(file)).collect();
        assert_eq!(bad.len(), 1, "{err}");
        assert!(bad[0].contains(at) && bad[0].contains(&format!("not valid {format}")), "{err}");
        assert!(bad[0].contains("fix it, or leave the file out"), "{err}");
    }
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("0 added, 1 updated, 3 skipped, 2 failed"), "{out}");
    assert_eq!(env.rows("SELECT ?s WHERE { ?s rdfs:label \"from RDF/XML\" }"), [["http://example.org/e"]]);
    assert_eq!(env.rows("SELECT ?l WHERE { <http://example.org/a> rdfs:label ?l }"), [["changed"]]);
    assert_eq!(env.rows("SELECT ?r WHERE { ?p rel:role ?r }").iter().filter(|r| r[0] == "Chief scientist").count(), 1);
    let after = env.rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    assert_eq!(before, after, "the bad file's graph is as it was");
    env.ok(&["check"]);
    // and it leaves like any document
    let out = env.ok(&["remove", dir.join("c.trig").to_str().unwrap()]);
    assert!(out.contains("1 document removed"), "{out}");
    assert!(env.rows("SELECT ?s WHERE { ?s rdfs:label \"from TriG\" }").is_empty());
}

const NEWS: &str = "Quill joins Zentrix

March 3, 2021 — Ada Quill has joined Zentrix as chief scientist, the company said on Monday.
Quill was previously a researcher at the University of Tarrow.
";

const REFERENCE: &str = "@prefix schema: <https://schema.org/> .
<http://example.org/company/zentrix> a schema:Corporation ; schema:name \"Zentrix\" ; schema:alternateName \"Zentrix Labs\" .
<http://example.org/staff/ada-quill> a schema:Person ; schema:name \"Ada Quill\" .
";

#[test]
fn reference_data_makes_a_name_found_and_resolved_to_its_iri() {
    let q = "SELECT ?e ?type WHERE { ?e rdfs:label \"Zentrix\" ; a ?type } ORDER BY ?type";
    let holder = "SELECT ?who ?org WHERE { ?p a rel:Position ; rel:holder ?who ; rel:organization ?org }";

    // without reference data the one-word name is nothing relate can type: no organisation
    let plain = Env::new();
    std::fs::write(plain.path("news.txt"), NEWS).unwrap();
    plain.ok(&["build", plain.path("news.txt").to_str().unwrap()]);
    assert!(plain.rows(q).is_empty(), "{:?}", plain.rows(q));
    assert!(!plain.rows(holder).iter().any(|r| r[1].contains("zentrix")), "{:?}", plain.rows(holder));

    // with it, the name is an organisation, resolved to the reference IRI, and the post is read
    let env = Env::new();
    let refs = env.path("refs");
    std::fs::create_dir(&refs).unwrap();
    std::fs::write(refs.join("companies.ttl"), REFERENCE).unwrap();
    std::fs::write(env.path("news.txt"), NEWS).unwrap();
    env.ok(&["build", "--reference", refs.to_str().unwrap(), env.path("news.txt").to_str().unwrap()]);
    let rows = env.rows(q);
    assert!(rows.iter().all(|r| r[0] == "http://example.org/company/zentrix"), "{rows:?}");
    assert!(rows.iter().any(|r| r[1].ends_with("#Company")), "{rows:?}");
    let posts = env.rows(holder);
    assert!(
        posts.contains(&vec![
            "http://example.org/staff/ada-quill".to_owned(),
            "http://example.org/company/zentrix".to_owned()
        ]),
        "{posts:?}"
    );
    // the reference data is not stored, and not built as documents
    assert!(env.rows("SELECT ?s WHERE { ?s schema:alternateName ?n }").is_empty());
    assert_eq!(env.rows("SELECT (COUNT(*) AS ?n) WHERE { ?d a rel:Document }"), [["1"]]);

    // the store remembers it: a document built later resolves the same way (by another name)
    std::fs::write(env.path("more.txt"), "Zentrix Labs named Bo Varn its chief executive in 2022.\n").unwrap();
    env.ok(&["build", env.path("more.txt").to_str().unwrap()]);
    let orgs =
        env.rows("SELECT ?org WHERE { ?p a rel:Position ; rel:holder/rdfs:label \"Bo Varn\" ; rel:organization ?org }");
    assert_eq!(orgs, [["http://example.org/company/zentrix"]], "{orgs:?}");

    // a directory of reference data met while walking a tree is passed over
    let out = env.ok(&["build", env.dir.path().to_str().unwrap()]);
    assert!(!out.contains("companies.ttl"), "{out}");
}

#[test]
fn changed_reference_data_rebuilds_the_documents_read_with_it_without_force() {
    let holder =
        "SELECT ?org WHERE { ?p a rel:Position ; rel:holder/rdfs:label \"Ada Quill\" ; rel:organization ?org }";
    let env = Env::new();
    let refs = env.path("refs");
    std::fs::create_dir(&refs).unwrap();
    std::fs::write(refs.join("companies.ttl"), REFERENCE).unwrap();
    std::fs::write(env.path("news.txt"), NEWS).unwrap();
    let news = env.path("news.txt");
    let news = news.to_str().unwrap();
    env.ok(&["build", "--reference", refs.to_str().unwrap(), news]);
    assert!(
        env.rows(holder).contains(&vec!["http://example.org/company/zentrix".to_owned()]),
        "{:?}",
        env.rows(holder)
    );

    // nothing changed: a no-op
    let out = env.ok(&["build", news]);
    assert!(out.contains("0 added, 0 updated, 1 skipped, 0 failed"), "{out}");

    // the reference data changed (the company has a new IRI): the document is read again
    std::fs::write(refs.join("companies.ttl"), REFERENCE.replace("company/zentrix>", "company/zentrix-inc>")).unwrap();
    let out = env.ok(&["build", news]);
    assert!(out.contains("0 added, 1 updated, 0 skipped, 0 failed"), "{out}");
    let orgs = env.rows(holder);
    assert!(orgs.contains(&vec!["http://example.org/company/zentrix-inc".to_owned()]), "{orgs:?}");
    assert!(!orgs.contains(&vec!["http://example.org/company/zentrix".to_owned()]), "{orgs:?}");
    env.ok(&["check"]);

    // and then it is unchanged again
    let out = env.ok(&["build", news]);
    assert!(out.contains("0 added, 0 updated, 1 skipped, 0 failed"), "{out}");
}
