//! The [SPARQL 1.1 Service Description](https://www.w3.org/TR/sparql11-service-description/)
//! of the endpoint, as RDF triples: what it accepts (query, and update when writable), the
//! result and graph formats it writes, that the default graph is the union of the named graphs,
//! and the named graphs (one per document).

use oxigraph::model::{BlankNode, Literal, NamedNode, NamedOrBlankNode as Subject, Term, Triple};

use super::negotiate::{GRAPH_FORMATS, RESULT_FORMATS};

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";

/// The prefixes the description is written with.
pub const PREFIXES: &[(&str, &str)] =
    &[("sd", SD), ("formats", "http://www.w3.org/ns/formats/"), ("dcterms", "http://purl.org/dc/terms/")];
const RDF_TYPE: &str = crate::vocab::RDF_TYPE;

fn sd(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SD}{local}"))
}

/// The description of the endpoint at `endpoint` serving `graphs`.
#[must_use]
pub fn service(endpoint: &str, writable: bool, graphs: &[String]) -> Vec<Triple> {
    let mut out = Vec::new();
    let mut add = |s: &Subject, p: NamedNode, o: Term| out.push(Triple::new(s.clone(), p, o));
    let service: Subject = BlankNode::new_unchecked("service").into();
    let a = || NamedNode::new_unchecked(RDF_TYPE);
    add(&service, a(), sd("Service").into());
    add(&service, sd("endpoint"), NamedNode::new_unchecked(endpoint).into());
    add(&service, sd("supportedLanguage"), sd("SPARQL11Query").into());
    if writable {
        add(&service, sd("supportedLanguage"), sd("SPARQL11Update").into());
    }
    for f in RESULT_FORMATS {
        add(&service, sd("resultFormat"), NamedNode::new_unchecked(f.iri()).into());
    }
    for f in GRAPH_FORMATS {
        add(&service, sd("resultFormat"), NamedNode::new_unchecked(f.iri()).into());
    }
    add(&service, sd("feature"), sd("UnionDefaultGraph").into());
    add(
        &service,
        sd("defaultEntailmentRegime"),
        NamedNode::new_unchecked("http://www.w3.org/ns/entailment/Simple").into(),
    );
    add(
        &service,
        NamedNode::new_unchecked(crate::vocab::DCTERMS_TITLE),
        Literal::new_simple_literal(concat!("relate ", env!("CARGO_PKG_VERSION"))).into(),
    );
    let dataset: Subject = BlankNode::new_unchecked("dataset").into();
    add(&service, sd("defaultDataset"), dataset.clone().into());
    add(&dataset, a(), sd("Dataset").into());
    let default: Subject = BlankNode::new_unchecked("default").into();
    add(&dataset, sd("defaultGraph"), default.clone().into());
    let named: Vec<Subject> = (0..graphs.len()).map(|i| BlankNode::new_unchecked(format!("graph{i}")).into()).collect();
    // the dataset's triples together, then each graph's: Turtle groups consecutive subjects
    for n in &named {
        add(&dataset, sd("namedGraph"), n.clone().into());
    }
    add(&default, a(), sd("Graph").into());
    for (n, g) in named.iter().zip(graphs) {
        add(n, a(), sd("NamedGraph").into());
        add(n, sd("name"), NamedNode::new_unchecked(g.as_str()).into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_is_listed_only_when_writable() {
        let update = Triple::new(BlankNode::new_unchecked("service"), sd("supportedLanguage"), sd("SPARQL11Update"));
        assert!(!service("http://x/sparql", false, &[]).contains(&update));
        assert!(service("http://x/sparql", true, &[]).contains(&update));
        assert_eq!(
            service("http://x/sparql", false, &["http://g/1".into()]).len(),
            service("http://x/sparql", false, &[]).len() + 3
        );
    }
}
