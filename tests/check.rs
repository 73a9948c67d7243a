//! `relate check`: passes on built stores, and names each broken invariant on one line.

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use crate::support::{demo, Env};

const BASE: &str = relate::vocab::DEFAULT_BASE;

fn rel(local: &str) -> NamedNode {
    NamedNode::new_unchecked(relate::vocab::rel(local))
}

#[test]
fn check_passes_on_a_built_store_and_names_each_broken_invariant() {
    let env = Env::new();
    env.fixture("news.txt");
    env.fixture("varga-news.html");
    env.ok(&["build", demo().to_str().unwrap(), env.dir.path().to_str().unwrap()]);
    let ok = env.ok(&["check"]);
    assert!(ok.starts_with("ok: 4 document graphs, ") && ok.lines().count() == 1, "{ok}");

    let (news_iri, news_doc) = relate::model::document_iris(BASE, "data/halamka-leaves-hms-cio-news.txt");
    let (profile, _) = relate::model::document_iris(BASE, "data/halamka-mayo-clinic-profile.txt");
    let (news, profile) = (NamedNode::new_unchecked(news_iri.clone()), NamedNode::new_unchecked(profile));
    {
        // break it the ways a write path that forgets the invariants would
        // Oxigraph's store itself: relate's keeps them, so the damage goes around it
        let s = oxigraph::store::Store::open(env.store()).unwrap();
        let in_both = |q: &Quad| {
            s.insert(q).unwrap();
            s.insert(&Quad::new(q.subject.clone(), q.predicate.clone(), q.object.clone(), GraphName::DefaultGraph))
                .unwrap();
        };
        // a triple in the default graph only
        let stray = NamedNode::new_unchecked("urn:x:stray");
        s.insert(&Quad::new(stray.clone(), stray.clone(), Literal::from("stray"), GraphName::DefaultGraph)).unwrap();
        // a document graph's triple missing from the union
        let path = Quad::new(
            NamedNode::new_unchecked(news_doc.clone()),
            rel("sourcePath"),
            Literal::from("data/halamka-leaves-hms-cio-news.txt"),
            GraphName::DefaultGraph,
        );
        assert!(s.contains(&path).unwrap());
        s.remove(&path).unwrap();
        // a second Document node in a graph
        let rdf_type = NamedNode::new_unchecked(relate::vocab::RDF_TYPE);
        in_both(&Quad::new(NamedNode::new_unchecked("urn:x:doc2"), rdf_type, rel("Document"), profile.clone()));
        // a quote that is not the document's text at its offsets
        let quote = s
            .quads_for_pattern(None, Some(rel("evidenceQuote").as_ref()), None, Some(news.as_ref().into()))
            .next()
            .unwrap()
            .unwrap();
        let Term::Literal(was) = &quote.object else { panic!("a quote is a literal") };
        s.remove(&quote).unwrap();
        s.remove(&Quad::new(
            quote.subject.clone(),
            quote.predicate.clone(),
            quote.object.clone(),
            GraphName::DefaultGraph,
        ))
        .unwrap();
        in_both(&Quad::new(quote.subject.clone(), quote.predicate.clone(), Literal::from("words never written"), news));
        assert_ne!(was.value(), "words never written");
        s.flush().unwrap();
    }

    let o = env.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    let expected = [
        "union: <urn:x:stray> <urn:x:stray> \"stray\" is in the default graph but in no document graph".to_owned(),
        format!(
            "union: <{news_doc}> <https://w3id.org/relate/ontology#sourcePath> \"data/halamka-leaves-hms-cio-news.txt\" (graph <{news_iri}>) is missing from the default graph"
        ),
    ];
    for e in &expected {
        assert!(lines.contains(&e.as_str()), "{e}\n{out}");
    }
    assert!(
        lines.iter().any(|l| l.starts_with(&format!("document: graph {profile} has 2 Document nodes: "))
            && l.contains("<urn:x:doc2>")),
        "{out}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("quote: <")
            && l.contains("> in data/halamka-leaves-hms-cio-news.txt chars ")
            && l.contains(" quotes \"words never written\" but the document has \"")),
        "{out}"
    );
    assert_eq!(lines.len(), 4, "one line per problem: {out}");
    assert_eq!(String::from_utf8_lossy(&o.stderr), "relate: check: 4 problems found in the store\n");
}
