//! Cross-document resolution: which entity a document's mention names, decided over every
//! document in the store, never by the order the documents came in.
//!
//! What a document names is recorded as [`Mention`]s (its persons and organisations, see
//! [`crate::model::mentions`]); the store keeps each document's [`Record`] beside its graphs (the
//! journal, [`crate::store::Store::journal`]). Equal mentions from different documents are one
//! signature. Signatures that share a key (a surname, a surface form, an organisation key, the
//! initials an acronym spells, the IRI a name would mint) form a block: only signatures of one
//! block can resolve to each other. Within a block the signatures are resolved greedily in a
//! canonical order, fullest name first (most given names, then longest, ties by the text), against
//! the reference presidents and the entities formed so far. So an entity's IRI and label come
//! from the fullest name any document gives it, and the same documents give the same entities
//! whatever the order or split of the builds.
//!
//! Adding, replacing or removing a document re-resolves only the blocks whose signatures it
//! brings or takes away (an index, not a scan). A signature whose entity changed makes the
//! stored documents that carry it stale: [`Resolver::stale`] names them and
//! [`Resolver::rewrite`] says how to rewrite each, which `build` does in the same write as the
//! documents that caused it. This module decides; `model` writes triples and `store` writes them.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::lexicon::{fold, Lexicon};
use crate::loader::mention::name_parts;
use crate::vocab::slug;

pub mod index;

use index::{initials, Index};

/// What one document says of one person or organisation: all that resolution reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Mention {
    /// The IRI path an entity founded by this mention gets: `person`, `org` or `legislation`.
    #[serde(rename = "p")]
    pub path: String,
    /// The fullest name the document gives.
    #[serde(rename = "n")]
    pub name: String,
    /// The other surface forms, sorted, without `name`.
    #[serde(rename = "a", default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Named with a head-of-state title.
    #[serde(rename = "t", default, skip_serializing_if = "std::ops::Not::not")]
    pub president: bool,
    /// The document's year, for persons (tells apart presidents who share a surname).
    #[serde(rename = "y", default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

impl Mention {
    /// The mention is of a person.
    #[must_use]
    pub fn person(&self) -> bool {
        self.path == "person"
    }

    /// The name, then the aliases.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A document's mentions as the journal keeps them, with the content hash of the version they
/// were read from (a record whose hash the store does not hold is ignored).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    /// The document graph's IRI.
    #[serde(rename = "g")]
    pub graph: String,
    /// The content hash of the document version the mentions were read from.
    #[serde(rename = "h")]
    pub hash: String,
    /// The document's mentions, in order.
    #[serde(rename = "m")]
    pub mentions: Vec<Mention>,
}

/// A resolved entity: its IRI and canonical label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The entity's IRI.
    pub iri: String,
    /// Its canonical label.
    pub label: String,
}

/// How to bring one stored document graph up to date: its entity IRIs substituted (old ▶ new), and
/// the label and alternative labels of the entities named rewritten.
#[derive(Debug, Clone, Default)]
pub struct Rewrite {
    /// Entity IRIs substituted in the graph: (old, new).
    pub rename: Vec<(String, String)>,
    /// Entities whose `rdfs:label` and `skos:altLabel` statements are dropped (after renaming)...
    pub clear: Vec<String>,
    /// ...and written anew: (IRI, label, alternative labels).
    pub labels: Vec<(String, String, Vec<String>)>,
}

struct Sig {
    mention: Mention,
    keys: Vec<String>,
    /// documents carrying this signature (ids into `Resolver::docs`)
    docs: Vec<u32>,
    current: Option<Entity>,
    /// what the stored graphs say, until the next [`Resolver::written`]
    stored: Option<Entity>,
}

struct Doc {
    graph: String,
    hash: String,
    sigs: Vec<usize>,
}

/// The resolution state of a store: every live signature with its entity.
pub struct Resolver<'l> {
    lex: &'l Lexicon,
    base: String,
    presidents: Index,
    /// keys the presidents answer to: only a person mention sharing one needs its year
    president_keys: HashSet<String>,
    sigs: Vec<Sig>,
    ids: HashMap<Mention, usize>,
    by_key: HashMap<String, Vec<usize>>,
    docs: Vec<Doc>,
    doc_ids: HashMap<String, u32>,
    /// signatures whose entity differs from what the stored graphs say
    changed: BTreeSet<usize>,
    /// signatures that came alive or died in documents [`Resolver::defer`]red, not yet resolved
    unsettled: Vec<usize>,
}

impl<'l> Resolver<'l> {
    /// An empty resolver: the reference data (the presidents, and `lex.reference`) and nothing else.
    ///
    /// # Errors
    /// The reference list does not parse.
    pub fn new(lex: &'l Lexicon, base: &str) -> crate::Result<Self> {
        let mut presidents = Index::default();
        index::add_presidents(&mut presidents, lex, base)?;
        let mut president_keys = HashSet::new();
        for k in &presidents.known {
            president_keys.insert(format!("s:{}", fold(&k.parts.1)));
            for f in std::iter::once(&k.label).chain(&k.alt) {
                president_keys.insert(format!("f:{}", fold(f)));
            }
        }
        // the other reference entities: a name resolves to the IRI the reference data gives it
        // (after the presidents' keys: only a president's mention needs its year)
        for e in &lex.reference.entities {
            presidents.add(lex, &e.iri_in(base), &e.label, &e.alts, e.person(), Vec::new());
        }
        Ok(Resolver {
            lex,
            base: base.to_owned(),
            presidents,
            president_keys,
            sigs: Vec::new(),
            ids: HashMap::new(),
            by_key: HashMap::new(),
            docs: Vec::new(),
            doc_ids: HashMap::new(),
            changed: BTreeSet::new(),
            unsettled: Vec::new(),
        })
    }

    /// A resolver holding `records`, resolved at once, taken to be what the stored graphs say
    /// (every write keeps them so).
    ///
    /// # Errors
    /// The reference list does not parse.
    pub fn with_records(lex: &'l Lexicon, base: &str, records: Vec<Record>) -> crate::Result<Self> {
        let mut r = Self::new(lex, base)?;
        for rec in records {
            r.attach(&rec.graph, &rec.hash, rec.mentions);
        }
        let all: Vec<usize> = (0..r.sigs.len()).collect();
        r.resolve_block(&all);
        for s in &mut r.sigs {
            s.stored.clone_from(&s.current);
        }
        r.changed.clear();
        Ok(r)
    }

    /// Puts a document (new, or a new version) with its mentions, re-resolving the blocks whose
    /// signatures it brings or drops.
    pub fn put(&mut self, graph: &str, hash: &str, mentions: Vec<Mention>) {
        self.defer(graph, hash, mentions);
        self.settle();
    }

    /// Puts a document without resolving yet: [`Resolver::settle`] resolves the blocks of every
    /// document deferred since, once each. What the entities, records and rewrites say is only
    /// meant after the settle. A build puts thousands of documents before it writes any: the
    /// blocks their names share are resolved once, not once a document (the same entities, since
    /// a block's resolution depends only on the signatures it holds).
    pub fn defer(&mut self, graph: &str, hash: &str, mentions: Vec<Mention>) {
        let touched = self.attach(graph, hash, mentions);
        self.unsettled.extend(touched);
    }

    /// Resolves the blocks of the documents deferred since the last settle.
    pub fn settle(&mut self) {
        let mut touched = std::mem::take(&mut self.unsettled);
        if !touched.is_empty() {
            touched.sort_unstable();
            touched.dedup();
            self.resolve_around(&touched);
        }
    }

    /// Takes a document out, re-resolving the blocks it leaves.
    pub fn remove(&mut self, graph: &str) {
        let Some(&id) = self.doc_ids.get(graph) else { return };
        let old = std::mem::take(&mut self.docs[id as usize].sigs);
        let mut touched = Vec::new();
        for s in old {
            self.sigs[s].docs.retain(|&d| d != id);
            if self.sigs[s].docs.is_empty() {
                touched.push(s);
            }
        }
        self.doc_ids.remove(graph);
        self.unsettled.extend(touched);
        self.settle();
    }

    /// Records the document without resolving; returns the signatures that came alive or died.
    fn attach(&mut self, graph: &str, hash: &str, mentions: Vec<Mention>) -> Vec<usize> {
        let id = match self.doc_ids.get(graph) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
                self.docs.push(Doc { graph: graph.to_owned(), hash: String::new(), sigs: Vec::new() });
                self.doc_ids.insert(graph.to_owned(), id);
                id
            }
        };
        let old = std::mem::take(&mut self.docs[id as usize].sigs);
        for &s in &old {
            self.sigs[s].docs.retain(|&d| d != id);
        }
        let mut touched = Vec::new();
        let mut sigs = Vec::with_capacity(mentions.len());
        for m in mentions {
            let m = self.normalise(m);
            let s = self.sig(m);
            if sigs.contains(&s) {
                continue;
            }
            if self.sigs[s].docs.is_empty() {
                touched.push(s);
            }
            self.sigs[s].docs.push(id);
            sigs.push(s);
        }
        for s in old {
            if self.sigs[s].docs.is_empty() {
                touched.push(s);
            }
        }
        let doc = &mut self.docs[id as usize];
        doc.hash = hash.to_owned();
        doc.sigs = sigs;
        touched.sort_unstable();
        touched.dedup();
        touched
    }

    fn normalise(&self, mut m: Mention) -> Mention {
        m.aliases.retain(|a| *a != m.name);
        m.aliases.sort();
        m.aliases.dedup();
        if !m.person() {
            m.year = None;
        } else if m.year.is_some() && !self.keys(&m).iter().any(|k| self.president_keys.contains(k)) {
            // only a president's mention needs the year; without it equal names are one signature
            m.year = None;
        }
        m
    }

    fn sig(&mut self, m: Mention) -> usize {
        if let Some(&s) = self.ids.get(&m) {
            return s;
        }
        let s = self.sigs.len();
        let keys = self.keys(&m);
        for k in &keys {
            self.by_key.entry(k.clone()).or_default().push(s);
        }
        self.ids.insert(m.clone(), s);
        self.sigs.push(Sig { mention: m, keys, docs: Vec::new(), current: None, stored: None });
        s
    }

    /// The keys under which a mention can meet another: what [`Index`]'s lookups compare.
    fn keys(&self, m: &Mention) -> Vec<String> {
        let mut keys = vec![format!("x:{}", self.minted(m))];
        if m.person() {
            keys.push(format!("s:{}", fold(&name_parts(&m.name, self.lex).1)));
            keys.extend(m.forms().map(|f| format!("f:{}", fold(f))));
        } else {
            keys.extend(m.forms().map(|f| format!("k:{}", self.lex.org_key(f))));
            let i = initials(&m.name);
            if i.len() >= 2 {
                keys.push(format!("i:{i}"));
            }
            keys.push(format!("i:{}", m.name));
        }
        keys.sort();
        keys.dedup();
        keys
    }

    fn minted(&self, m: &Mention) -> String {
        format!("{}{}/{}", self.base, m.path, slug(&m.name))
    }

    /// Re-resolves the blocks of `start`: every live signature reachable through shared keys.
    fn resolve_around(&mut self, start: &[usize]) {
        let mut seen: HashSet<usize> = start.iter().copied().collect();
        let mut keys_seen: HashSet<&str> = HashSet::new();
        let mut queue: Vec<usize> = start.to_vec();
        while let Some(s) = queue.pop() {
            for k in &self.sigs[s].keys {
                if !keys_seen.insert(k.as_str()) {
                    continue;
                }
                for &t in self.by_key.get(k).map_or(&[][..], Vec::as_slice) {
                    if !self.sigs[t].docs.is_empty() && seen.insert(t) {
                        queue.push(t);
                    }
                }
            }
        }
        let block: Vec<usize> = seen.into_iter().collect();
        self.resolve_block(&block);
    }

    /// Resolves `block` (closed under shared keys) in canonical order; dead signatures lose
    /// their entity.
    fn resolve_block(&mut self, block: &[usize]) {
        let mut live: Vec<usize> = block.iter().copied().filter(|&s| !self.sigs[s].docs.is_empty()).collect();
        let order: HashMap<usize, (Reverse<usize>, Reverse<usize>)> = live
            .iter()
            .map(|&s| {
                let m = &self.sigs[s].mention;
                let given = if m.person() { name_parts(&m.name, self.lex).0.len() } else { 0 };
                (s, (Reverse(given), Reverse(m.name.chars().count())))
            })
            .collect();
        live.sort_by(|a, b| order[a].cmp(&order[b]).then_with(|| self.sigs[*a].mention.cmp(&self.sigs[*b].mention)));
        let mut index = self.presidents.clone();
        for &s in &live {
            let e = self.resolve_one(&mut index, &self.sigs[s].mention);
            self.sigs[s].current = Some(e);
        }
        for &s in block {
            let sig = &mut self.sigs[s];
            if sig.docs.is_empty() {
                sig.current = None;
            }
            if sig.current == sig.stored {
                self.changed.remove(&s);
            } else {
                self.changed.insert(s);
            }
        }
    }

    fn resolve_one(&self, index: &mut Index, m: &Mention) -> Entity {
        let person = m.person();
        let aliases: BTreeSet<String> = m.aliases.iter().cloned().collect();
        let hit = if person {
            index.person(self.lex, &m.name, &aliases, m.president, m.year)
        } else {
            index.org(self.lex, &m.name, &aliases)
        };
        let k = match hit {
            Some(k) => k,
            None => {
                let iri = self.minted(m);
                match index.position(&iri) {
                    Some(k) => k,
                    None => {
                        index.add(self.lex, &iri, &m.name, &[], person, Vec::new());
                        index.position(&iri).unwrap_or_default()
                    }
                }
            }
        };
        let (iri, label) = (index.known[k].iri.clone(), index.known[k].label.clone());
        let alts: Vec<String> = m.forms().filter(|f| *f != label).map(str::to_owned).collect();
        index.add(self.lex, &iri, &label, &alts, person, Vec::new());
        Entity { iri, label }
    }

    /// The entity a mention names, once its document is put.
    #[must_use]
    pub fn entity(&self, m: &Mention) -> Option<&Entity> {
        let m = self.normalise(m.clone());
        self.ids.get(&m).and_then(|&s| self.sigs[s].current.as_ref())
    }

    /// Stored documents whose graphs name an entity that has changed, sorted.
    #[must_use]
    pub fn stale(&self) -> Vec<String> {
        let mut out: BTreeSet<&str> = BTreeSet::new();
        for &s in &self.changed {
            if self.sigs[s].stored.is_some() {
                for &d in &self.sigs[s].docs {
                    out.insert(&self.docs[d as usize].graph);
                }
            }
        }
        out.into_iter().map(str::to_owned).collect()
    }

    /// The rewrite of every stale graph (see [`Resolver::stale`]) but those `skip` names (the
    /// graphs being written or removed in the same step), in graph order.
    #[must_use]
    pub fn stale_rewrites(&self, skip: impl Fn(&str) -> bool) -> Vec<(String, Rewrite)> {
        self.stale()
            .into_iter()
            .filter(|g| !skip(g))
            .map(|g| {
                let rw = self.rewrite(&g);
                (g, rw)
            })
            .collect()
    }

    /// How to rewrite the stored graph of `graph` (one of [`Resolver::stale`]).
    ///
    /// Entity IRIs are renamed as a whole: if two of the document's mentions shared an entity
    /// and now name two, the statements go to the first one's (in signature order).
    #[must_use]
    pub fn rewrite(&self, graph: &str) -> Rewrite {
        let mut rw = Rewrite::default();
        let Some(&id) = self.doc_ids.get(graph) else { return rw };
        let sigs = &self.docs[id as usize].sigs;
        let mut rename: BTreeMap<&str, &str> = BTreeMap::new();
        let mut touched: BTreeSet<&str> = BTreeSet::new();
        for &s in sigs {
            let sig = &self.sigs[s];
            if sig.current == sig.stored {
                continue;
            }
            if let (Some(old), Some(new)) = (&sig.stored, &sig.current) {
                rename.entry(old.iri.as_str()).or_insert(new.iri.as_str());
                touched.insert(old.iri.as_str());
                touched.insert(new.iri.as_str());
            }
        }
        // every entity now named by a touched IRI gets its labels from all the document's forms
        let mut labels: BTreeMap<&str, (&str, BTreeSet<&str>)> = BTreeMap::new();
        for &s in sigs {
            let Some(e) = &self.sigs[s].current else { continue };
            if touched.contains(e.iri.as_str()) {
                let entry = labels.entry(e.iri.as_str()).or_insert((e.label.as_str(), BTreeSet::new()));
                entry.1.extend(self.sigs[s].mention.forms());
            }
        }
        rw.rename = rename.into_iter().filter(|(a, b)| a != b).map(|(a, b)| (a.to_owned(), b.to_owned())).collect();
        rw.clear = touched.iter().map(|s| (*s).to_owned()).collect();
        rw.labels = labels
            .into_iter()
            .map(|(iri, (label, forms))| {
                let alts = forms.into_iter().filter(|f| *f != label).map(str::to_owned).collect();
                (iri.to_owned(), label.to_owned(), alts)
            })
            .collect();
        rw
    }

    /// Says the stored graphs now carry every current entity (after a successful write).
    pub fn written(&mut self) {
        for s in std::mem::take(&mut self.changed) {
            let sig = &mut self.sigs[s];
            sig.stored.clone_from(&sig.current);
        }
    }

    /// The record of a put document, for the journal.
    #[must_use]
    pub fn record(&self, graph: &str) -> Option<Record> {
        let &id = self.doc_ids.get(graph)?;
        let d = &self.docs[id as usize];
        Some(Record {
            graph: d.graph.clone(),
            hash: d.hash.clone(),
            mentions: d.sigs.iter().map(|&s| self.sigs[s].mention.clone()).collect(),
        })
    }

    /// Records of every document held, for compacting the journal.
    #[must_use]
    pub fn records(&self) -> Vec<Record> {
        let mut graphs: Vec<&str> = self.doc_ids.keys().map(String::as_str).collect();
        graphs.sort_unstable();
        graphs.into_iter().filter_map(|g| self.record(g)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, aliases: &[&str]) -> Mention {
        Mention {
            path: "person".into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            president: false,
            year: None,
        }
    }

    fn org(name: &str, aliases: &[&str]) -> Mention {
        Mention { path: "org".into(), ..person(name, aliases) }
    }

    fn docs() -> Vec<(&'static str, Vec<Mention>)> {
        vec![
            ("g:news", vec![person("Tomas Quell", &["Quell"]), org("TDPRA", &[])]),
            ("g:profile", vec![person("Tomas R. Quell", &["Dr. Quell"])]),
            ("g:agency", vec![org("Tarrow Department of Parks and Rural Affairs", &["TDPRA"])]),
        ]
    }

    /// Every mention's entity after putting the documents in `order`.
    fn entities(lex: &Lexicon, order: &[usize]) -> Vec<(String, Entity)> {
        let mut r = Resolver::new(lex, "http://x/").unwrap();
        let docs = docs();
        for &i in order {
            r.put(docs[i].0, "h", docs[i].1.clone());
            r.written();
        }
        let mut out: Vec<(String, Entity)> =
            docs.iter().flat_map(|d| &d.1).map(|m| (m.name.clone(), r.entity(m).unwrap().clone())).collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    #[test]
    fn entities_come_from_the_fullest_name_whatever_the_order() {
        let lex = Lexicon::load().unwrap();
        let first = entities(&lex, &[0, 1, 2]);
        for order in [[2, 1, 0], [1, 0, 2], [0, 2, 1]] {
            assert_eq!(entities(&lex, &order), first, "order {order:?}");
        }
        let quell = &first.iter().find(|(n, _)| n == "Tomas Quell").unwrap().1;
        assert_eq!(quell.iri, "http://x/person/tomas-r-quell");
        assert_eq!(quell.label, "Tomas R. Quell");
        let dept = &first.iter().find(|(n, _)| n == "TDPRA").unwrap().1;
        assert_eq!(dept.label, "Tarrow Department of Parks and Rural Affairs");
    }

    #[test]
    fn documents_deferred_then_settled_resolve_as_when_put_one_by_one() {
        let lex = Lexicon::load().unwrap();
        let mut r = Resolver::new(&lex, "http://x/").unwrap();
        for (g, m) in docs() {
            r.defer(g, "h", m);
        }
        r.settle();
        let mut settled: Vec<(String, Entity)> =
            docs().iter().flat_map(|d| &d.1).map(|m| (m.name.clone(), r.entity(m).unwrap().clone())).collect();
        settled.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(settled, entities(&lex, &[0, 1, 2]));
        assert!(r.stale().is_empty(), "nothing was stored, so nothing is stale");
    }

    #[test]
    fn a_fuller_name_makes_the_documents_written_before_it_stale() {
        let lex = Lexicon::load().unwrap();
        let docs = docs();
        let mut r = Resolver::new(&lex, "http://x/").unwrap();
        r.put(docs[0].0, "h", docs[0].1.clone());
        r.written();
        assert!(r.stale().is_empty());
        r.put(docs[1].0, "h", docs[1].1.clone());
        assert_eq!(r.stale(), vec!["g:news".to_owned()]);
        let rw = r.rewrite("g:news");
        assert_eq!(
            rw.rename,
            vec![("http://x/person/tomas-quell".to_owned(), "http://x/person/tomas-r-quell".to_owned())]
        );
        assert_eq!(
            rw.labels,
            vec![(
                "http://x/person/tomas-r-quell".to_owned(),
                "Tomas R. Quell".to_owned(),
                vec!["Quell".to_owned(), "Tomas Quell".to_owned()]
            )]
        );
        r.written();
        assert!(r.stale().is_empty());
        // and taking the profile out again gives the news its own name back
        r.remove("g:profile");
        assert_eq!(r.stale(), vec!["g:news".to_owned()]);
        assert_eq!(r.entity(&docs[0].1[0]).unwrap().iri, "http://x/person/tomas-quell");
    }
}
