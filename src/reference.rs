//! Reference data: RDF files naming persons and organisations (an organisation list, a
//! Wikidata extract, a staff directory) that the loaders use to recognise names in documents and
//! that resolution resolves those names to. An entity is a subject with a type and a name:
//!
//! | what | predicates and classes read |
//! | --- | --- |
//! | type | `rdf:type` `rel:Person`, `schema:Person`, `foaf:Person`; `rel:Organization` (or one of its subclasses), `schema:Organization` (or `schema:CollegeOrUniversity`, `schema:EducationalOrganization`, `schema:Hospital`, `schema:MedicalOrganization`, `schema:GovernmentOrganization`, `schema:Corporation`), `foaf:Organization`, `org:Organization` |
//! | name | `rdfs:label`, `skos:prefLabel`, `schema:name`, `foaf:name` (the first in this order is the canonical one) |
//! | other names | `skos:altLabel`, `schema:alternateName` |
//!
//! Relative IRIs are resolved against the build's base IRI, so `<person/ada-quill>` in a file is
//! the entity relate would mint for "Ada Quill". Everything else in the files is ignored. The
//! shipped `data/reference/` (the US presidents) is read the same way, for resolution; the
//! directories given with `--reference` or `RELATE_REFERENCE` are read for recognition too.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use oxigraph::io::RdfParser;
use oxigraph::model::Term;

use crate::error::{Error, Result};
use crate::lexicon::OrgKind;
use crate::vocab;

/// The base relative IRIs are resolved against while reading; [`Entity::iri_in`] puts the
/// build's base in its place.
const PLACEHOLDER: &str = "relate-base:/";

const SCHEMA: &str = "https://schema.org/";
const SCHEMA_HTTP: &str = "http://schema.org/";
const FOAF: &str = "http://xmlns.com/foaf/0.1/";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";

/// A person or organisation the reference data names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    iri: String,
    /// The name the entity is known by.
    pub label: String,
    /// Its other names.
    pub alts: Vec<String>,
    /// `None`: a person
    pub org: Option<OrgKind>,
}

impl Entity {
    /// The entity's IRI, a relative one resolved against `base`.
    #[must_use]
    pub fn iri_in(&self, base: &str) -> String {
        match self.iri.strip_prefix(PLACEHOLDER) {
            Some(rest) => format!("{base}{rest}"),
            None => self.iri.clone(),
        }
    }

    /// The entity is a person (it has no organisation kind).
    #[must_use]
    pub fn person(&self) -> bool {
        self.org.is_none()
    }
}

/// The reference entities and, for recognition, their names.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    /// The entities, in the order the files give them.
    pub entities: Vec<Entity>,
    /// folded name ▶ what it names, for the names given to be recognised
    names: HashMap<String, Option<OrgKind>>,
    /// the directories read, canonical: a build walking a tree passes over them
    pub dirs: Vec<PathBuf>,
    /// SHA-256 of every file read from those directories (name and bytes), in order; `None`
    /// while no directory is read
    digest: Option<String>,
}

/// A directory holding a file of this name is reference data: a build walking a tree passes
/// over it (as it does the directories given with `--reference`). `data/reference/` has one, so
/// `relate build data/` builds the documents, not the presidents' list.
pub const MARKER: &str = ".relate-reference";

impl Reference {
    /// The entities of the RDF files in `dir` (walked, sorted; other files are passed over),
    /// their names recognised in documents.
    ///
    /// # Errors
    /// The directory cannot be read, holds no RDF file, or a file is not valid RDF (named with
    /// its line).
    pub fn add_dir(&mut self, dir: &Path) -> Result<()> {
        let mut files = Vec::new();
        walk(dir, &mut files)?;
        if files.is_empty() {
            return Err(Error::Data {
                what: dir.display().to_string(),
                message: format!(
                    "no reference data found (looked for .{} files); give a directory holding RDF files",
                    crate::import::EXTENSIONS.join(", .")
                ),
            });
        }
        // what the documents built with this data depend on: each file's name within the
        // directory and content, after the directories read before (not where the directory is,
        // so a store moved with its reference data stays built)
        let mut digest = self.digest.clone().unwrap_or_default();
        for f in files {
            let bytes = std::fs::read(&f).map_err(|source| Error::Read { path: f.clone(), source })?;
            self.add_file(&f, &bytes, true)?;
            let name = f.strip_prefix(dir).unwrap_or(&f).to_string_lossy().into_owned();
            digest.push_str(&format!("\n{name}\n{}", crate::document::sha256_hex(&bytes)));
        }
        self.digest = Some(crate::document::sha256_hex(digest.as_bytes()));
        self.dirs.push(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned()));
        Ok(())
    }

    /// The entities of one RDF file (format by extension); with `recognise`, their names are
    /// recognised in documents.
    ///
    /// # Errors
    /// The file is not valid RDF.
    pub fn add_file(&mut self, path: &Path, bytes: &[u8], recognise: bool) -> Result<()> {
        let format = crate::import::format_of(path).ok_or_else(|| Error::Data {
            what: path.display().to_string(),
            message: "not an RDF file by its extension".into(),
        })?;
        let parser =
            RdfParser::from_format(format).with_base_iri(PLACEHOLDER).map_err(|e| Error::invalid("base IRI", e))?;
        let mut found: BTreeMap<String, Found> = BTreeMap::new();
        for q in parser.clone().for_slice(bytes) {
            let q = q.map_err(|e| Error::Invalid {
                what: crate::import::at(path, crate::import::locate(bytes, parser.clone(), &e)),
                message: format!(
                    "not valid {} reference data ({}); fix the file, or move it out of the reference directory",
                    format.name(),
                    e.to_string().lines().map(str::trim).collect::<Vec<_>>().join(" ")
                ),
                source: Box::new(e),
            })?;
            let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &q.subject else { continue };
            let entry = found.entry(s.as_str().to_owned()).or_default();
            let p = q.predicate.as_str();
            match &q.object {
                Term::NamedNode(o) if p == vocab::RDF_TYPE => {
                    if let Some(kind) = class(o.as_str()) {
                        // an organisation's most specific kind wins over plain Organization
                        entry.0 = match (entry.0, kind) {
                            (Some(Some(k)), Some(OrgKind::Organization)) => Some(Some(k)),
                            _ => Some(kind),
                        };
                    }
                }
                Term::Literal(l) => {
                    if let Some(rank) = name_rank(p) {
                        entry.1.push((rank, l.value().to_owned()));
                    } else if p == vocab::SKOS_ALT_LABEL
                        || p == format!("{SCHEMA}alternateName")
                        || p == format!("{SCHEMA_HTTP}alternateName")
                    {
                        entry.2.push(l.value().to_owned());
                    }
                }
                _ => {}
            }
        }
        for (iri, (kind, mut names, mut alts)) in found {
            let (Some(org), false) = (kind, names.is_empty()) else { continue };
            names.sort_by_key(|(rank, _)| *rank);
            let label = names[0].1.clone();
            alts.extend(names.into_iter().skip(1).map(|(_, n)| n));
            alts.retain(|a| *a != label);
            alts.sort();
            alts.dedup();
            if recognise {
                for n in std::iter::once(&label).chain(&alts) {
                    self.names.insert(key(n), org);
                }
            }
            self.entities.push(Entity { iri, label, alts, org });
        }
        Ok(())
    }

    /// The fingerprint of the reference data read from directories (`--reference`,
    /// `RELATE_REFERENCE`): a SHA-256 of their files' names and contents, in lowercase hex;
    /// `None` when none was read. A text document records the one it was built with
    /// (`rel:referenceSha256`), so a build re-extracts it when the reference data changed.
    #[must_use]
    pub fn digest(&self) -> Option<&str> {
        self.digest.as_deref()
    }

    /// What a name found in a document names, if the reference data gives it: `Some(None)` a
    /// person, `Some(Some(kind))` an organisation.
    #[must_use]
    pub fn kind(&self, name: &str) -> Option<Option<OrgKind>> {
        if self.names.is_empty() {
            return None;
        }
        self.names.get(&key(name)).copied()
    }
}

/// The file beside a store's database listing, one a line, the reference directories its
/// documents were built with.
pub const REMEMBERED: &str = "relate-reference";

/// The vocabularies and reference data to build the store at `store` with: the directories `given`
/// (which the store then remembers, for later builds, `.load` and `remove`), or else those it
/// remembers from the last build given some, plus `RELATE_REFERENCE`'s.
///
/// # Errors
/// A directory holds no RDF file or an invalid one; the store's list cannot be read or written.
pub fn lexicon_for(store: &Path, given: &[PathBuf]) -> Result<crate::lexicon::Lexicon> {
    let mut lex = crate::lexicon::Lexicon::load()?;
    let file = store.join(REMEMBERED);
    let dirs: Vec<PathBuf> = if given.is_empty() {
        match std::fs::read_to_string(&file) {
            Ok(text) => text.lines().filter(|l| !l.is_empty()).map(PathBuf::from).collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(source) => return Err(Error::Read { path: file, source }),
        }
    } else {
        let dirs: Vec<PathBuf> = given.iter().map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| d.clone())).collect();
        if store != Path::new(":memory:") {
            let text: String = dirs.iter().map(|d| format!("{}\n", d.display())).collect();
            std::fs::write(&file, text).map_err(|source| Error::Write { path: file, source })?;
        }
        dirs
    };
    for d in &dirs {
        lex.reference.add_dir(d)?;
    }
    Ok(lex)
}

/// What a file says of one subject: its kind (`Some(None)` a person), names by rank, other
/// names.
type Found = (Option<Option<OrgKind>>, Vec<(usize, String)>, Vec<String>);

/// How names meet: accents, case, periods and spacing aside.
fn key(name: &str) -> String {
    let folded = crate::lexicon::fold(&deunicode::deunicode(name));
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `None` for a class that is neither a person's nor an organisation's; else the kind.
fn class(iri: &str) -> Option<Option<OrgKind>> {
    if let Some(local) = iri.strip_prefix(vocab::REL) {
        return Some(match local {
            "Person" => None,
            "Organization" => Some(OrgKind::Organization),
            "EducationalOrganization" => Some(OrgKind::Educational),
            "MedicalOrganization" => Some(OrgKind::Medical),
            "GovernmentOrganization" => Some(OrgKind::Government),
            "Company" => Some(OrgKind::Company),
            "NewsMedia" => Some(OrgKind::News),
            "Committee" => Some(OrgKind::Committee),
            _ => return None,
        });
    }
    if let Some(local) = iri.strip_prefix(SCHEMA).or_else(|| iri.strip_prefix(SCHEMA_HTTP)) {
        return Some(match local {
            "Person" => None,
            "Organization" | "NGO" => Some(OrgKind::Organization),
            "EducationalOrganization" | "CollegeOrUniversity" => Some(OrgKind::Educational),
            "MedicalOrganization" | "Hospital" => Some(OrgKind::Medical),
            "GovernmentOrganization" => Some(OrgKind::Government),
            "Corporation" => Some(OrgKind::Company),
            "NewsMediaOrganization" => Some(OrgKind::News),
            _ => return None,
        });
    }
    match iri {
        _ if iri == format!("{FOAF}Person") => Some(None),
        _ if iri == format!("{FOAF}Organization") || iri == "http://www.w3.org/ns/org#Organization" => {
            Some(Some(OrgKind::Organization))
        }
        _ => None,
    }
}

/// The rank of a name predicate (0 the canonical one), `None` for other predicates.
fn name_rank(p: &str) -> Option<usize> {
    [
        vocab::RDFS_LABEL.to_owned(),
        format!("{SKOS}prefLabel"),
        format!("{SCHEMA}name"),
        format!("{SCHEMA_HTTP}name"),
        format!("{FOAF}name"),
    ]
    .iter()
    .position(|n| n == p)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read { path: dir.to_owned(), source })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        if p.is_dir() {
            walk(&p, files)?;
        } else if crate::import::format_of(&p).is_some() {
            files.push(p);
        }
    }
    Ok(())
}

/// The presidents of the United States, with relative IRIs (`<person/barack-obama>`).
pub const PRESIDENTS_FILE: &str = "data/reference/us-presidents.ttl";
const PRESIDENTS: &str = include_str!("../data/reference/us-presidents.ttl");

/// The reference data shipped in `data/reference/`, embedded: (file, Turtle). This module is
/// its one reader; the lexicon loads it from here.
pub const SHIPPED: &[(&str, &str)] = &[(PRESIDENTS_FILE, PRESIDENTS)];

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
    /// Year of inauguration.
    pub start: Option<i32>,
    /// Year of leaving office.
    pub end: Option<i32>,
}

/// The reference presidents, their relative IRIs resolved against `base`, ordered by IRI as
/// written in N-Triples (`<…>`), so every reader sees the same order.
///
/// # Errors
/// `base` is not an IRI, or the reference file does not parse.
pub fn presidents(base: &str) -> Result<Vec<President>> {
    let parser = RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .with_base_iri(base)
        .map_err(|e| Error::invalid("base IRI", e))?;
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut alts: HashMap<String, Vec<String>> = HashMap::new();
    let mut holder: Vec<(String, String)> = Vec::new();
    let mut start: HashMap<String, Option<i32>> = HashMap::new();
    let mut end: HashMap<String, Option<i32>> = HashMap::new();
    for q in parser.for_slice(PRESIDENTS.as_bytes()) {
        let q = q.map_err(|e| Error::invalid(PRESIDENTS_FILE, e))?;
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
            _ if p == vocab::rel("holder") => holder.push((s, val)),
            _ if p == vocab::rel("startDate") => {
                start.insert(s, year(&val));
            }
            _ if p == vocab::rel("endDate") => {
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

    #[test]
    fn typed_named_subjects_are_entities() {
        let mut r = Reference::default();
        let ttl = r#"
            @prefix rel: <https://w3id.org/relate/ontology#> .
            @prefix schema: <https://schema.org/> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
            <org/zentrix> a schema:Organization, schema:Corporation ; schema:name "Zentrix" ; schema:alternateName "Zentrix Labs" .
            <person/ada-quill> a rel:Person ; rdfs:label "Ada Quill" ; skos:altLabel "A. Quill" .
            <http://example.org/thing> rdfs:label "Untyped" .
            <http://example.org/place> a schema:Place ; schema:name "Nowhere" .
        "#;
        r.add_file(Path::new("r.ttl"), ttl.as_bytes(), true).unwrap();
        assert_eq!(r.entities.len(), 2, "{:?}", r.entities);
        let z = r.entities.iter().find(|e| e.label == "Zentrix").unwrap();
        assert_eq!(z.org, Some(OrgKind::Company));
        assert_eq!(z.iri_in("http://x.org/id/"), "http://x.org/id/org/zentrix");
        assert_eq!(r.kind("ZENTRIX labs"), Some(Some(OrgKind::Company)));
        assert_eq!(r.kind("A. Quill"), Some(None));
        assert_eq!(r.kind("Untyped"), None);
        assert_eq!(r.kind("Nowhere"), None);
        let mut quiet = Reference::default();
        quiet.add_file(Path::new("r.ttl"), ttl.as_bytes(), false).unwrap();
        assert_eq!(quiet.kind("Zentrix"), None, "for resolution only");
        assert!(quiet
            .add_file(Path::new("bad.ttl"), b"<a> <b> .", false)
            .unwrap_err()
            .to_string()
            .starts_with("bad.ttl:1"));
    }
}
