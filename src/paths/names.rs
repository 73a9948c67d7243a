//! Name ▶ entity: a full IRI, an exact label or alias, or an unambiguous set of words from one,
//! compared case- and accent-insensitively ("jose alvarez" finds "José Álvarez"). An unknown
//! name gets the nearest names as suggestions; an ambiguous one lists the candidates.

use petgraph::graph::NodeIndex;

use super::Projection;
use crate::error::{NotFound, Result};

/// Normalised form of a name for lookups: ASCII, lowercase, words only.
#[must_use]
pub fn norm(s: &str) -> String {
    deunicode::deunicode(s)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Most candidates listed in an "ambiguous" or "did you mean" message.
const MAX_LISTED: usize = 8;

impl Projection {
    /// Finds an entity by IRI (bare or in `<…>`), label, alias, or an unambiguous set of words
    /// of one (case- and accent-insensitive).
    ///
    /// # Complexity
    /// O(N · L) for N entities with L names each; no index is kept because names are looked up
    /// once or twice per command.
    ///
    /// # Errors
    /// [`NotFound::Entity`] when no entity matches (with the nearest names), [`NotFound::Ambiguous`]
    /// when several do (with the candidates), [`NotFound::EmptyName`], [`NotFound::NoEntities`].
    pub fn find(&self, name: &str) -> Result<NodeIndex> {
        let trimmed = name.trim();
        let iri = trimmed.strip_prefix('<').and_then(|s| s.strip_suffix('>')).unwrap_or(trimmed);
        if let Some(ix) = self.by_iri(iri) {
            return Ok(ix);
        }
        let q = norm(trimmed);
        if q.is_empty() {
            return Err(NotFound::EmptyName { name: name.to_owned() }.into());
        }
        let all = || self.graph.node_indices();
        let names = |ix: NodeIndex| {
            let n = self.node(ix);
            std::iter::once(&n.label).chain(&n.names)
        };
        let exact: Vec<NodeIndex> = all().filter(|&ix| names(ix).any(|l| norm(l) == q)).collect();
        if let Some(ix) = self.pick(name, &exact)? {
            return Ok(ix);
        }
        let words: Vec<String> = q.split(' ').map(|w| format!(" {w} ")).collect();
        let partial: Vec<NodeIndex> = all()
            .filter(|&ix| {
                names(ix).any(|l| {
                    let l = format!(" {} ", norm(l));
                    words.iter().all(|w| l.contains(w.as_str()))
                })
            })
            .collect();
        if let Some(ix) = self.pick(name, &partial)? {
            return Ok(ix);
        }
        let name = name.to_owned();
        if self.nodes.is_empty() {
            return Err(NotFound::NoEntities { name }.into());
        }
        Err(NotFound::Entity { name, suggestions: self.nearest(&q) }.into())
    }

    /// One hit, nothing, or an error listing the candidates.
    fn pick(&self, name: &str, hits: &[NodeIndex]) -> Result<Option<NodeIndex>> {
        match hits {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            many => {
                let candidates = many.iter().take(MAX_LISTED).map(|&ix| self.describe(ix)).collect();
                let more = many.len().saturating_sub(MAX_LISTED);
                Err(NotFound::Ambiguous { name: name.to_owned(), candidates, more }.into())
            }
        }
    }

    /// "Quentin Voss (Person, <https://…/person/quentin-voss>)".
    fn describe(&self, ix: NodeIndex) -> String {
        let n = self.node(ix);
        format!("{} ({}, <{}>)", n.label, n.kind, n.iri)
    }

    /// Labels whose words are near the query's: a shared prefix of three letters or more, or
    /// one or two letters apart; best first.
    fn nearest(&self, q: &str) -> Vec<String> {
        let qwords: Vec<&str> = q.split(' ').filter(|w| w.len() >= 3).collect();
        if qwords.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(usize, String)> = self
            .nodes
            .iter()
            .filter_map(|n| {
                let best = std::iter::once(&n.label)
                    .chain(&n.names)
                    .map(|l| {
                        let lw = norm(l);
                        let lwords: Vec<&str> = lw.split(' ').collect();
                        qwords.iter().filter(|qw| lwords.iter().any(|w| near(qw, w))).count()
                    })
                    .max()
                    .unwrap_or(0);
                (best > 0).then(|| (best, n.label.clone()))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        scored.dedup_by(|a, b| a.1 == b.1);
        scored.into_iter().take(5).map(|(_, l)| l).collect()
    }
}

/// Are two words near: one a prefix of the other (three letters or more), or within edit
/// distance 1 (2 for words of seven letters or more)?
fn near(a: &str, b: &str) -> bool {
    if a.len() >= 3 && b.len() >= 3 && (a.starts_with(b) || b.starts_with(a)) {
        return true;
    }
    let limit = if a.len().min(b.len()) >= 7 { 2 } else { 1 };
    a.len() >= 4 && b.len() >= 4 && a.len().abs_diff(b.len()) <= limit && levenshtein(a, b) <= limit
}

/// Edit distance (insertions, deletions, substitutions of characters), for "did you mean".
#[must_use]
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::super::Node;
    use super::*;
    use crate::error::Error;

    fn projection(names: &[(&str, &[&str])]) -> Projection {
        let nodes = names
            .iter()
            .enumerate()
            .map(|(i, (l, alts))| Node {
                iri: format!("urn:n{i}"),
                label: (*l).into(),
                kind: "Person".into(),
                names: alts.iter().map(|a| (*a).into()).collect(),
            })
            .collect();
        Projection::from_parts(nodes, vec![])
    }

    #[test]
    fn names_resolve_by_label_alias_iri_or_unambiguous_part() {
        let p = projection(&[("José D. Álvarez", &[]), ("Ana Álvarez", &["Dr. Álvarez"]), ("Conan O'Brien", &[])]);
        assert_eq!(p.find("jose alvarez").unwrap().index(), 0);
        assert_eq!(p.find("  JOSÉ d. álvarez ").unwrap().index(), 0);
        assert_eq!(p.find("dr. alvarez").unwrap().index(), 1);
        assert_eq!(p.find("<urn:n1>").unwrap().index(), 1);
        assert_eq!(p.find("urn:n2").unwrap().index(), 2);
        assert_eq!(p.find("O'Brien").unwrap().index(), 2);
        assert_eq!(p.find("\"O’Brien\"").unwrap().index(), 2);
        let Err(Error::NotFound(e @ NotFound::Ambiguous { candidates, more: 0, .. })) = &p.find("Álvarez") else {
            panic!("ambiguous")
        };
        assert_eq!(*candidates, ["José D. Álvarez (Person, <urn:n0>)", "Ana Álvarez (Person, <urn:n1>)"]);
        assert!(e.to_string().starts_with("\"Álvarez\" is ambiguous: José D. Álvarez ("), "{e}");
    }

    #[test]
    fn unknown_names_suggest_near_ones() {
        let p = projection(&[("Jane Q. Rivermont", &[]), ("Quentin Voss", &[])]);
        let Err(Error::NotFound(e @ NotFound::Entity { suggestions, .. })) = &p.find("Rivermotn") else {
            panic!("unknown")
        };
        assert_eq!(*suggestions, ["Jane Q. Rivermont"]);
        assert!(e.to_string().ends_with("no entity has this name; did you mean Jane Q. Rivermont?"), "{e}");
        let Err(Error::NotFound(e @ NotFound::Entity { suggestions, .. })) = &p.find("Zzyzx") else {
            panic!("unknown")
        };
        assert!(suggestions.is_empty() && e.to_string().contains("no entity has this name; try a shorter part"), "{e}");
        assert!(matches!(p.find("  ?! "), Err(Error::NotFound(NotFound::EmptyName { .. }))));
        assert!(matches!(Projection::default().find("x"), Err(Error::NotFound(NotFound::NoEntities { .. }))));
    }

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("rivera", "rivear"), 2);
        assert_eq!(levenshtein("voss", "voss"), 0);
        assert!(near("rive", "rivera"));
        assert!(!near("lund", "land") || levenshtein("lund", "land") == 1);
    }
}
