//! The lookup resolution runs on: names ▶ the entities formed so far (and the reference
//! presidents), by label, alternative label, surname, organisation key and initials.

use std::collections::{BTreeSet, HashMap};

use crate::lexicon::{fold, Lexicon};
use crate::loader::mention::name_parts;

/// A known entity: its IRI, canonical label and kind.
#[derive(Debug, Clone)]
pub struct Known {
    /// The entity's IRI.
    pub iri: String,
    /// Its canonical label.
    pub label: String,
    /// A person (else an organisation or place).
    pub person: bool,
    /// (given names, surname) for persons
    pub parts: (Vec<String>, String),
    /// presidential terms (start, end) for reference presidents
    pub terms: Vec<(i32, Option<i32>)>,
    /// Alternative names (`skos:altLabel`).
    pub alt: Vec<String>,
}

/// Entities already in the store (and reference data), looked up by name keys.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// The entities, in the order they were added.
    pub known: Vec<Known>,
    org_keys: HashMap<String, usize>,
    by_iri: HashMap<String, usize>,
    /// initials of organisation labels ▶ organisations, for an acronym met without its name
    by_initials: HashMap<String, Vec<usize>>,
    /// folded surname ▶ persons, ascending: a lookup costs the namesakes, not the whole index
    by_surname: HashMap<String, Vec<usize>>,
    /// folded alternative label ▶ persons, ascending
    by_alt: HashMap<String, Vec<usize>>,
}

/// Adds `i` to the ascending list under `key`, once.
fn insert_sorted(map: &mut HashMap<String, Vec<usize>>, key: String, i: usize) {
    let v = map.entry(key).or_default();
    if let Err(at) = v.binary_search(&i) {
        v.insert(at, i);
    }
}

impl Index {
    /// Adds an entity under its label and alternative labels.
    pub fn add(
        &mut self,
        lex: &Lexicon,
        iri: &str,
        label: &str,
        alts: &[String],
        person: bool,
        terms: Vec<(i32, Option<i32>)>,
    ) {
        if let Some(&i) = self.by_iri.get(iri) {
            for a in alts {
                if !person {
                    self.org_keys.entry(org_key(lex, a)).or_insert(i);
                }
                if !self.known[i].alt.contains(a) {
                    self.known[i].alt.push(a.clone());
                    if self.known[i].person {
                        insert_sorted(&mut self.by_alt, fold(a), i);
                    }
                }
            }
            return;
        }
        let i = self.known.len();
        self.known.push(Known {
            iri: iri.to_owned(),
            label: label.to_owned(),
            person,
            parts: name_parts(label, lex),
            terms,
            alt: alts.to_vec(),
        });
        self.by_iri.insert(iri.to_owned(), i);
        if person {
            insert_sorted(&mut self.by_surname, fold(&self.known[i].parts.1), i);
            for a in alts {
                insert_sorted(&mut self.by_alt, fold(a), i);
            }
        } else {
            let initials = initials(label);
            if initials.len() >= 2 {
                self.by_initials.entry(initials).or_default().push(i);
            }
            self.org_keys.entry(org_key(lex, label)).or_insert(i);
            for a in alts {
                self.org_keys.entry(org_key(lex, a)).or_insert(i);
            }
        }
    }

    /// Where the entity `iri` is in [`Index::known`].
    #[must_use]
    pub fn position(&self, iri: &str) -> Option<usize> {
        self.by_iri.get(iri).copied()
    }

    /// The known person a name (with its aliases) names, if any.
    pub(crate) fn person(
        &self,
        lex: &Lexicon,
        name: &str,
        aliases: &BTreeSet<String>,
        president: bool,
        year: Option<i32>,
    ) -> Option<usize> {
        let (given, surname) = name_parts(name, lex);
        let surname = fold(&surname);
        let mut hits: Vec<usize> = self
            .by_surname
            .get(&surname)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|&i| {
                self.known[i].person
                    && fold(&self.known[i].parts.1) == surname
                    && compatible(&given, &self.known[i].parts.0, !self.known[i].terms.is_empty() || president)
            })
            .collect();
        if hits.is_empty() {
            // a surface form seen elsewhere ("Voss" as a president's alternative label)
            hits = std::iter::once(name)
                .chain(aliases.iter().map(String::as_str))
                .filter_map(|f| self.by_alt.get(&fold(f)))
                .flatten()
                .copied()
                .filter(|&i| self.known[i].person)
                .collect();
            hits.sort_unstable();
            hits.dedup();
        }
        if hits.len() > 1 {
            // several presidents share a surname: the one in office at the document's date
            if let Some(y) = year {
                let in_office: Vec<usize> = hits
                    .iter()
                    .copied()
                    .filter(|&i| self.known[i].terms.iter().any(|&(s, e)| s <= y && e.is_none_or(|e| y <= e)))
                    .collect();
                if in_office.len() == 1 {
                    return in_office.first().copied();
                }
            }
            let full: Vec<usize> = hits.iter().copied().filter(|&i| fold(&self.known[i].label) == fold(name)).collect();
            if full.len() == 1 {
                return full.first().copied();
            }
            // prefer the latest in office
            return hits.iter().copied().max_by_key(|&i| self.known[i].terms.iter().map(|t| t.0).max().unwrap_or(0));
        }
        hits.first().copied()
    }

    /// The known organisation a name (with its aliases) names, if any.
    pub(crate) fn org(&self, lex: &Lexicon, name: &str, aliases: &BTreeSet<String>) -> Option<usize> {
        if let Some(&i) = self.org_keys.get(&org_key(lex, name)) {
            return Some(i);
        }
        if let Some(i) = aliases
            .iter()
            .filter(|a| a.len() > 3 || !a.chars().all(char::is_uppercase))
            .find_map(|a| self.org_keys.get(&org_key(lex, a)).copied())
        {
            return Some(i);
        }
        // an acronym seen alone ("NRI director") spells the initials of one known organisation
        let acronym =
            name.len() >= 2 && name.len() <= 8 && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        match self.by_initials.get(name).map(Vec::as_slice) {
            Some(&[i]) if acronym => Some(i),
            _ => None,
        }
    }
}

/// The initials of an organisation's name, without the small words ("Department of Health and
/// Human Services" ▶ `DHHS`), for an acronym met without its name.
pub fn initials(label: &str) -> String {
    label
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .filter(|w| !w.is_empty() && !["of", "and", "for", "the", "&", "on", "in", "at"].contains(w))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn org_key(lex: &Lexicon, s: &str) -> String {
    lex.org_key(s)
}

fn compatible(a: &[String], b: &[String], lenient: bool) -> bool {
    match (a.first(), b.first()) {
        (None, _) => lenient,
        (_, None) => true,
        (Some(x), Some(y)) => {
            let (x, y) = (fold(x), fold(y));
            let first = x == y || (x.len() == 1 && y.starts_with(&x)) || (y.len() == 1 && x.starts_with(&y));
            let ma: Vec<char> = a.iter().skip(1).filter_map(|w| w.chars().next()).collect();
            let mb: Vec<char> = b.iter().skip(1).filter_map(|w| w.chars().next()).collect();
            first && (ma.is_empty() || mb.is_empty() || ma == mb)
        }
    }
}

/// The reference presidents ([`crate::reference::presidents`]) added to the index, so
/// "President Voss" meets "Quentin Voss".
///
/// # Errors
/// The reference file does not parse with this base IRI.
pub fn add_presidents(index: &mut Index, lex: &Lexicon, base: &str) -> crate::Result<()> {
    for p in crate::reference::presidents(base)? {
        let mut t: Vec<(i32, Option<i32>)> = p.terms.iter().map(|t| (t.start.unwrap_or(0), t.end)).collect();
        t.sort_unstable();
        index.add(lex, &p.iri, &p.label, &p.alt, true, t);
    }
    Ok(())
}
