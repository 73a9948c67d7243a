//! IRIs of the relate ontology and the prefix table shared by queries, exports and the REPL.
//!
//! The ontology itself (labels, comments, alignment) lives in `ontology/relate.ttl`; this module
//! only names its terms so the code cannot misspell them.

/// Namespace of the relate ontology.
pub const REL: &str = "https://w3id.org/relate/ontology#";
/// Default base under which entity, relation and document IRIs are minted.
pub const DEFAULT_BASE: &str = "https://w3id.org/relate/id/";

/// `rdf:type`.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/// `rdfs:label`.
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
/// `skos:altLabel`, an entity's other names.
pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
/// `dcterms:title`.
pub const DCTERMS_TITLE: &str = "http://purl.org/dc/terms/title";
/// Namespace of XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// The entity classes (local names), most general organisation first: what path search
/// projects and the counts count. Document nodes and ontology terms are not among them.
pub const ENTITY_CLASSES: &[&str] = &[
    "Person",
    "Organization",
    "EducationalOrganization",
    "MedicalOrganization",
    "GovernmentOrganization",
    "Company",
    "NewsMedia",
    "Committee",
    "Legislation",
    "Place",
];

/// `rel:A rel:B …` for a SPARQL `VALUES` list of relate terms.
#[must_use]
pub fn rel_values(locals: &[&str]) -> String {
    locals.iter().map(|l| format!("rel:{l}")).collect::<Vec<_>>().join(" ")
}

/// The prefixes predeclared everywhere a user writes or reads SPARQL or Turtle.
pub const PREFIXES: &[(&str, &str)] = &[
    ("rel", REL),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", XSD),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("schema", "https://schema.org/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("sh", "http://www.w3.org/ns/shacl#"),
];

/// The full IRI of a term of the relate ontology.
#[must_use]
pub fn rel(local: &str) -> String {
    format!("{REL}{local}")
}

/// `PREFIX` lines for every predeclared prefix, for engines that need them in the text.
#[must_use]
pub fn sparql_prologue() -> String {
    PREFIXES.iter().map(|(p, i)| format!("PREFIX {p}: <{i}>\n")).collect()
}

/// Shortens an IRI with the predeclared prefixes (`rel:Person`), or returns `<iri>`.
#[must_use]
pub fn shorten(iri: &str, extra: &[(String, String)]) -> String {
    let builtin = PREFIXES.iter().map(|(p, i)| (*p, *i));
    let extra = extra.iter().map(|(p, i)| (p.as_str(), i.as_str()));
    let mut best: Option<(&str, &str)> = None;
    for (p, ns) in extra.chain(builtin) {
        if let Some(rest) = iri.strip_prefix(ns) {
            let local_ok = rest.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') && !rest.starts_with('-');
            if local_ok && best.is_none_or(|(_, b)| ns.len() > b.len()) {
                best = Some((p, ns));
            }
        }
    }
    match best {
        Some((p, ns)) => format!("{p}:{}", &iri[ns.len()..]),
        None => format!("<{iri}>"),
    }
}

/// Lowercase ASCII slug: words joined by `-`; the last segment of the IRIs relate mints.
#[must_use]
pub fn slug(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let mut out = String::new();
    for w in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_known_namespaces_and_keeps_others() {
        assert_eq!(shorten(&rel("Person"), &[]), "rel:Person");
        assert_eq!(shorten("http://example.org/x", &[]), "<http://example.org/x>");
        let extra = vec![("id".to_owned(), DEFAULT_BASE.to_owned())];
        assert_eq!(shorten(&format!("{DEFAULT_BASE}person"), &extra), "id:person");
        // a slash in the local part is not a valid prefixed name
        assert_eq!(shorten(&format!("{DEFAULT_BASE}person/x"), &extra), format!("<{DEFAULT_BASE}person/x>"));
    }
}
