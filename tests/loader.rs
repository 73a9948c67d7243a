//! One conformance suite for the loaders, on every input: determinism, evidence inside the text
//! on character boundaries, errors that name the document; and the mechanisms on small fixtures.

use relate::document::Document;
use relate::lexicon::Lexicon;
use relate::loader::{extract, Fact, Kind};

fn inputs() -> Vec<(String, String)> {
    let mut v = Vec::new();
    for dir in [crate::support::fixtures(), crate::support::demo()] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                v.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    v.push(("one-word".into(), "Hello".into()));
    v.push(("no-punctuation".into(), "word ".repeat(5000)));
    v.push(("long-line".into(), "Dr. Ann B. Cole served as chair of the Test Panel. ".repeat(2000)));
    v.push(("other-language".into(), "Der Vorsitzende des Ausschusses war Herr Müller. Das ist alles.".into()));
    v.push((
        "deep-list".into(),
        (0..20).map(|i| format!("{}• Level {i} Committee, 2001-2002.\n", "  ".repeat(i))).collect(),
    ));
    v.push((
        "broken-html".into(),
        "<html><body><ul><li>Chair<ul><li>Some Panel, 2001-2003.<p>Unclosed <b>markup".into(),
    ));
    v
}

#[test]
fn loaders_are_deterministic_and_every_fact_has_evidence_in_the_text() {
    let lex = Lexicon::load().unwrap();
    for (name, text) in inputs() {
        let doc = Document::from_bytes(&name, text.as_bytes()).unwrap();
        let a = extract(&doc, &lex);
        let b = extract(&doc, &lex);
        assert_eq!(a.facts, b.facts, "{name}: same input, same facts");
        for f in &a.facts {
            let e = f.evidence;
            assert!(e.start < e.end && e.end <= doc.text.len(), "{name}: {e:?}");
            assert!(doc.text.is_char_boundary(e.start) && doc.text.is_char_boundary(e.end));
            assert!(!e.rule.is_empty());
        }
    }
}

#[test]
fn errors_name_the_document() {
    for (bytes, what) in [(&b""[..], "empty"), (&[0xff, 0xfe, 0][..], "not UTF-8")] {
        let e = Document::from_bytes("some/doc.txt", bytes).unwrap_err().to_string();
        assert!(e.starts_with("some/doc.txt: ") && e.contains(what), "{e}");
    }
}

fn profile() -> (relate::loader::Extraction, Vec<String>) {
    let lex = Lexicon::load().unwrap();
    let text = std::fs::read_to_string(crate::support::fixtures().join("profile.txt")).unwrap();
    let doc = Document::from_bytes("profile.txt", text.as_bytes()).unwrap();
    let ex = extract(&doc, &lex);
    let names = ex.entities.iter().map(|e| e.name.clone()).collect();
    (ex, names)
}

fn id(names: &[String], n: &str) -> usize {
    names.iter().position(|x| x == n).unwrap_or_else(|| panic!("{n} not found in {names:?}"))
}

#[test]
fn profile_lists_nest_roles_over_organisations_and_societies_over_awards() {
    let (ex, names) = profile();
    let subject = id(&names, "Maria T. Quellwater");
    assert_eq!(ex.subject, Some(subject));
    let cvh = id(&names, "Cascade Valley Hospital");
    assert!(ex.facts.iter().any(
        |f| matches!(&f.fact, Fact::Position { holder, org: Some(o), role: Some(r), start: Some(s), end: Some(e), .. }
        if *holder == subject && *o == cvh && r == "Chief medical officer" && s.year == 2004 && e.year == 2015)
    ));
    let society = id(&names, "Pacific Informatics Society");
    assert!(ex.facts.iter().any(|f| matches!(&f.fact, Fact::Award { conferred_by: Some(c), honour, years, .. } if *c == society && honour.contains("Lifetime achievement") && years[0].year == 2018)));
    let panel = id(&names, "Rural Data Standards Committee");
    assert!(ex.facts.iter().any(
        |f| matches!(&f.fact, Fact::Position { org: Some(o), role: Some(r), .. } if *o == panel && r == "Co-chair")
    ));
    let hhs = id(&names, "U.S. Department of Health and Human Services");
    assert!(ex.facts.iter().any(|f| f.fact == Fact::PartOf { part: panel, whole: hhs }));
    let nam = id(&names, "National Academy of Rural Medicine");
    assert!(ex
        .facts
        .iter()
        .any(|f| matches!(&f.fact, Fact::Membership { org, since: Some(s), .. } if *org == nam && s.year == 2019)));
    assert_eq!(ex.entities[cvh].kind, Kind::Org(relate::lexicon::OrgKind::Medical));
}

#[test]
fn education_lines_split_degree_field_and_institution_and_keep_negation() {
    let (ex, names) = profile();
    let psu = id(&names, "Portland State University");
    assert!(ex.facts.iter().any(|f| matches!(&f.fact, Fact::Education { institution: Some(i), degree: Some(d), field: Some(fl), completed: Some(false), .. } if *i == psu && d == "PhD" && fl == "Statistics")));
    let uo = id(&names, "University of Oregon");
    assert!(ex.facts.iter().any(
        |f| matches!(&f.fact, Fact::Education { institution: Some(i), degree: Some(d), .. } if *i == uo && d == "MD")
    ));
}

#[test]
fn prose_reads_chair_under_president_collaboration_and_served_as() {
    let (ex, names) = profile();
    let subject = id(&names, "Maria T. Quellwater");
    let obama = id(&names, "Barack Obama");
    assert!(ex.entities[obama].president);
    let panel = id(&names, "Northwest Telehealth Standards Panel");
    assert!(ex.facts.iter().any(|f| matches!(&f.fact, Fact::Position { holder, org: Some(o), under: Some(u), .. } if *holder == subject && *o == panel && *u == obama)), "the holder is the subject, not the president");
    let dorsk = id(&names, "Ivan P. Dorsk");
    assert!(ex.facts.iter().any(|f| matches!(&f.fact, Fact::Collaboration { participants, topic: Some(t) } if participants.contains(&dorsk) && t == "research about telemetry")));
    let wms = id(&names, "Willamette Medical School");
    assert!(ex.facts.iter().any(
        |f| matches!(&f.fact, Fact::Position { org: Some(o), role: Some(r), .. } if *o == wms && r == "professor")
    ));
}

#[test]
fn served_on_is_a_membership_with_its_start() {
    let (ex, names) = profile();
    let board = id(&names, "Coastal Ethics Board");
    let subject = id(&names, "Maria T. Quellwater");
    assert!(ex.facts.iter().any(|f| matches!(&f.fact, Fact::Membership { member, org, since: Some(s), .. } if *member == subject && *org == board && s.year == 2015)));
}

#[test]
fn noise_sections_produce_no_entities() {
    let (_, names) = profile();
    assert!(!names.iter().any(|n| n.contains("Acme") || n.contains("Brightwater")), "{names:?}");
}

#[test]
fn news_reads_leaving_a_post_acronyms_and_places() {
    let lex = Lexicon::load().unwrap();
    let text = std::fs::read_to_string(crate::support::fixtures().join("news.txt")).unwrap();
    let doc = Document::from_bytes("news.txt", text.as_bytes()).unwrap();
    let ex = extract(&doc, &lex);
    let names: Vec<String> = ex.entities.iter().map(|e| e.name.clone()).collect();
    let wms = id(&names, "Willamette Medical School");
    assert!(ex.entities[wms].aliases.contains("WMS"));
    assert!(ex.facts.iter().any(|f| matches!(&f.fact, Fact::Position { org: Some(o), role: Some(r), ended: true, .. } if *o == wms && r == "CIO")));
    let cvh = id(&names, "Cascade Valley Hospital");
    assert!(ex.facts.iter().any(|f| matches!(&f.fact, Fact::Position { org: Some(o), ended: false, .. } if *o == cvh)));
    let boston = id(&names, "Boston");
    assert!(ex.facts.iter().any(|f| f.fact == Fact::LocatedIn { entity: cvh, place: boston }));
    assert_eq!(ex.title.as_deref(), Some("Clinic CIO Quellwater leaving"));
}
