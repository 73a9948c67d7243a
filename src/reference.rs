//! Reference data shipped with relate (`data/reference/`): general knowledge loaded beside the
//! extracted facts. This module is its one reader; resolution indexes the presidents' names
//! ([`crate::resolution::index`]) and path search dates `rel:underPresident` by their terms
//! ([`crate::paths::project`]).

use std::collections::HashMap;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;

use crate::error::{Error, Result};
use crate::vocab::{self, rel};

/// The presidents of the United States, with relative IRIs (`<person/barack-obama>`).
pub const PRESIDENTS_FILE: &str = "data/reference/us-presidents.ttl";
const PRESIDENTS: &str = include_str!("../data/reference/us-presidents.ttl");

/// One reference president.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct President {
    /// The IRI, resolved against the base the list was read with.
    pub iri: String,
    /// The canonical name (`rdfs:label`).
    pub label: String,
    /// Other common surface forms (`skos:altLabel`), in file order.
    pub alt: Vec<String>,
    /// Terms of office, in file order.
    pub terms: Vec<TermOfOffice>,
}

/// A term of office: the calendar years of inauguration and of leaving office (`None` while in
/// office, or when the file gives no year that parses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermOfOffice {
    pub start: Option<i32>,
    pub end: Option<i32>,
}

/// The reference presidents, their relative IRIs resolved against `base`, ordered by IRI as
/// written in N-Triples (`<…>`), so every reader sees the same order.
///
/// # Errors
/// `base` is not an IRI, or the reference file does not parse.
pub fn presidents(base: &str) -> Result<Vec<President>> {
    let parser = RdfParser::from_format(RdfFormat::Turtle)
        .with_base_iri(base)
        .map_err(|e| Error::Data { what: "base IRI".into(), message: e.to_string() })?;
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut alts: HashMap<String, Vec<String>> = HashMap::new();
    let mut holder: Vec<(String, String)> = Vec::new();
    let mut start: HashMap<String, Option<i32>> = HashMap::new();
    let mut end: HashMap<String, Option<i32>> = HashMap::new();
    for q in parser.for_slice(PRESIDENTS.as_bytes()) {
        let q = q.map_err(|e| Error::Data { what: PRESIDENTS_FILE.into(), message: e.to_string() })?;
        let s = q.subject.to_string();
        let p = q.predicate.as_str();
        let val = match &q.object {
            Term::Literal(l) => l.value().to_owned(),
            Term::NamedNode(n) => n.as_str().to_owned(),
            other => other.to_string(),
        };
        match p {
            vocab::RDFS_LABEL => {
                labels.insert(s, val);
            }
            vocab::SKOS_ALT_LABEL => alts.entry(s).or_default().push(val),
            _ if p == rel("holder") => holder.push((s, val)),
            _ if p == rel("startDate") => {
                start.insert(s, year(&val));
            }
            _ if p == rel("endDate") => {
                end.insert(s, year(&val));
            }
            _ => {}
        }
    }
    let mut terms: HashMap<String, Vec<TermOfOffice>> = HashMap::new();
    for (node, person) in &holder {
        let t = TermOfOffice { start: start.get(node).copied().flatten(), end: end.get(node).copied().flatten() };
        terms.entry(person.clone()).or_default().push(t);
    }
    let mut people: Vec<(String, String)> = labels.into_iter().collect();
    people.sort();
    Ok(people
        .into_iter()
        .map(|(node, label)| {
            let iri = node.trim_start_matches('<').trim_end_matches('>').to_owned();
            President {
                terms: terms.remove(&iri).unwrap_or_default(),
                alt: alts.remove(&node).unwrap_or_default(),
                iri,
                label,
            }
        })
        .collect())
}

/// The year of an `xsd:gYear` or `xsd:date` lexical form (`2009`, `2009-01-20`, `-0044`).
fn year(v: &str) -> Option<i32> {
    let digits = v.strip_prefix('-').unwrap_or(v);
    let n: i32 = digits.split('-').next()?.parse().ok()?;
    Some(if v.starts_with('-') { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presidents_parse_with_terms_and_names() {
        let all = presidents("http://example.org/").unwrap();
        assert!(all.len() >= 45, "{}", all.len());
        let obama = all.iter().find(|p| p.iri == "http://example.org/person/barack-obama").unwrap();
        assert_eq!(obama.label, "Barack Obama");
        assert_eq!(obama.terms, [TermOfOffice { start: Some(2009), end: Some(2017) }]);
        let cleveland = all.iter().find(|p| p.label == "Grover Cleveland").unwrap();
        assert_eq!(cleveland.terms.len(), 2, "two non-consecutive terms");
        assert!(presidents("not an iri").is_err());
        assert_eq!(year("-0044"), Some(-44));
        assert_eq!(year("soon"), None);
    }
}
