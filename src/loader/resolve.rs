//! Within-document resolution: one entity per real-world thing in a document. Persons meet on
//! surname and compatible given names ("Jane Q. Rivera", "Jane Rivera", "Dr. Rivera",
//! "Rivera"); organisations on a normalised key ("Healthcare"/"Health"), on acronyms defined in
//! parentheses or spelled by initials ("NMS"), and on short forms ("Saint Alder", "Northfield Med
//! School"); "he", "his", "she", "her" on the document's subject. Cross-document resolution is
//! done later against the store (`model`).

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use super::mention::{self, Mention, MentionKind};
use super::{Entity, EntityId, Evidence, Extraction, Fact, Found, Kind, When};
use crate::document::Document;
use crate::lexicon::{fold, Lexicon, OrgKind, Sex};

/// Extraction state for one document.
pub struct Context<'a> {
    /// The document being read.
    pub doc: &'a Document,
    /// The vocabularies.
    pub lex: &'a Lexicon,
    /// The entities found so far, indexed by [`EntityId`].
    pub entities: Vec<Entity>,
    /// The facts read so far, in order.
    pub facts: Vec<Found>,
    /// The person the document is about (see [`Extraction::subject`]).
    pub subject: Option<EntityId>,
    /// The document's title (see [`Extraction::title`]).
    pub title: Option<String>,
    /// The document's date (see [`Extraction::date`]).
    pub date: Option<When>,
    /// The organisation and appointer of the last "appointment of N members to O" sentence:
    /// list items naming people after it are those members.
    pub roster: Option<(EntityId, Option<EntityId>)>,
    /// The organisation the latest heading that named one named ("Space Studies Board"): the
    /// body a later "Members" heading lists.
    pub heading_org: Option<Mention>,
    /// The person the latest heading names when it is nothing but a name ("## Ann Lee" on a past
    /// presidents page): the lines under it are about that person.
    pub heading_person: Option<EntityId>,
    /// The post whose holders the latest heading lists ("Past Presidents of the O" ▶
    /// "President"): a table of names under it is of that post's holders.
    pub heading_role: Option<String>,
    /// The header row of the table being read ("Year, President, Institution"), lowercase.
    pub columns: Option<Vec<String>>,
    /// Who made the appointments a list introduces ("Gov. P made three judicial appointments:"):
    /// its items "Name, to O" and "Name as R" are appointments by that person.
    pub list_appointer: Option<(EntityId, Option<When>)>,
    /// The organisation and the post that sentence names ("nominations for the FTC Chairman and
    /// Commissioners:" ▶ FTC, "Commissioner"): an item that names neither holds that post.
    pub list_post: (Option<EntityId>, Option<String>),
    org_keys: HashMap<String, EntityId>,
    /// the words of a name in any order, acronyms spelled out ([`Context::word_bag`])
    org_bags: HashMap<String, EntityId>,
    acronyms: HashMap<String, EntityId>,
    /// surname ▶ persons, so resolution stays linear in the document
    by_surname: HashMap<String, Vec<EntityId>>,
    /// initials (all significant words, and all but the first) ▶ organisations
    by_initials: HashMap<String, Vec<EntityId>>,
    /// first word (folded) ▶ organisations, for short forms
    by_first_word: HashMap<String, Vec<EntityId>>,
    /// entities in the order they were last mentioned, for "the panel", "the university"
    pub recent: Vec<EntityId>,
    /// publications cited as sources ("according to the X blog"): never employers
    pub sources: rustc_hash::FxHashSet<EntityId>,
    /// The person the latest clause was about: who "he" or "she" most likely is next.
    pub last_person: Option<EntityId>,
}

impl<'a> Context<'a> {
    /// A context for reading `doc`, its title, date and subject already found.
    #[must_use]
    pub fn new(doc: &'a Document, lex: &'a Lexicon) -> Self {
        let mut cx = Context {
            doc,
            lex,
            entities: Vec::new(),
            facts: Vec::new(),
            subject: None,
            title: None,
            date: None,
            roster: None,
            heading_org: None,
            heading_person: None,
            heading_role: None,
            columns: None,
            list_appointer: None,
            list_post: (None, None),
            last_person: None,
            org_keys: HashMap::default(),
            org_bags: HashMap::default(),
            acronyms: HashMap::default(),
            by_surname: HashMap::default(),
            by_initials: HashMap::default(),
            by_first_word: HashMap::default(),
            recent: Vec::new(),
            sources: rustc_hash::FxHashSet::default(),
        };
        cx.find_title_and_date();
        cx.find_subject();
        cx
    }

    /// Title: a short first line without a final period; date: the first full date near the top.
    fn find_title_and_date(&mut self) {
        let lines = self.doc.lines();
        for l in lines.iter().take(4) {
            let t = self.doc.slice(l.start, l.end);
            if self.date.is_none() {
                if let Some(d) = super::time::dates(t).first() {
                    if d.2.day.is_some() {
                        self.date = Some(d.2);
                        continue;
                    }
                }
            }
        }
        for l in lines.iter().take(4) {
            let t = self.doc.slice(l.start, l.end).trim();
            let words = t.split_whitespace().count();
            let dateline = super::time::dates(t).first().is_some_and(|d| d.1 - d.0 + 2 >= t.len());
            let place = t.split(',').all(|p| self.lex.places.contains(p.trim()));
            // a list's first item is no title, nor a sentence that introduces what follows
            let item = matches!(l.marker, crate::document::Marker::Bullet | crate::document::Marker::Number);
            if (3..=20).contains(&words)
                && !item
                && !t.ends_with(':')
                && !t.ends_with('.')
                && !dateline
                && !place
                && !self.lex.is_noise_line(t)
                && t.len() > 12
            {
                self.title = Some(t.to_owned());
                break;
            }
        }
    }

    /// The subject is the person whose surname the text repeats most.
    fn find_subject(&mut self) {
        let mut best: Option<(usize, Mention)> = None;
        // word counts once, so choosing the subject stays linear in the text
        // a word that runs on into a capitalised word is part of a longer name ("Boston" in
        // "Boston University"), not a mention of a person by surname
        let mut counts: HashMap<&str, usize> = HashMap::default();
        let text = self.doc.text.as_str();
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| c.is_alphanumeric() || c == '-') {
            let tail = &rest[start..];
            let len = tail.find(|c: char| !c.is_alphanumeric() && c != '-').unwrap_or(tail.len());
            let w = &tail[..len];
            let after = tail[len..].strip_prefix(' ').and_then(|t| t.chars().next());
            if w.len() >= 2 && !after.is_some_and(char::is_uppercase) {
                *counts.entry(w).or_default() += 1;
            }
            rest = &tail[len..];
        }
        let mut seen = 0;
        let mut scanned = 0;
        for l in self.doc.lines() {
            // the subject is named near the top; a huge one-line file is read only in part
            let end = if l.end - l.start > 20_000 { floor_boundary(&self.doc.text, l.start + 20_000) } else { l.end };
            scanned += end - l.start;
            if scanned > 400_000 {
                break;
            }
            let (_, ms) = mention::find(self.doc.slice(l.start, end), l.start, self.lex);
            for m in ms {
                if !matches!(m.kind, MentionKind::Person { .. }) || m.name.split_whitespace().count() < 2 {
                    continue;
                }
                let (_, surname) = mention::name_parts(&m.name, self.lex);
                let count = counts.get(surname.as_str()).copied().unwrap_or(0);
                if best.as_ref().is_none_or(|(c, _)| count > *c) {
                    best = Some((count, m));
                }
            }
            seen += 1;
            if seen > 400 {
                break;
            }
        }
        if let Some((count, m)) = best {
            if count >= 2 {
                let id = self.person(&m);
                self.subject = Some(id);
                return;
            }
        }
        // a profile page or CV whose first line is its person's name and nothing else
        // ("Priya Natarajan, PhD") names its subject once
        let Some(first) = self.doc.lines().into_iter().find(|l| !self.doc.slice(l.start, l.end).trim().is_empty())
        else {
            return;
        };
        let line = self.doc.slice(first.start, first.end);
        let (_, ms) = mention::find(line, first.start, self.lex);
        let Some(m) = ms
            .into_iter()
            .next()
            .filter(|m| matches!(m.kind, MentionKind::Person { .. }) && m.name.split_whitespace().count() >= 2)
        else {
            return;
        };
        let lead = line.len() - line.trim_start().len();
        let rest = &line[m.end - first.start..];
        let only_credentials = rest.split(',').map(str::trim).filter(|w| !w.is_empty()).all(|w| {
            let f = fold(w);
            self.lex.post_nominals.contains(&f) || self.lex.degree(w).is_some() || self.lex.honorifics.contains(&f)
        });
        if m.full_start == first.start + lead && only_credentials {
            let id = self.person(&m);
            self.subject = Some(id);
        }
    }

    /// "Chris will spend time with David": a lone given name, or the start of one, of exactly one
    /// person already named ("Christopher J. Daggett", "David Grant") is that person.
    fn by_given_name(&self, name: &str) -> Option<EntityId> {
        let word = name.trim();
        if word.contains(' ') || word.chars().count() < 3 || !word.starts_with(char::is_uppercase) {
            return None;
        }
        let mut found = self.entities.iter().enumerate().filter(|(_, e)| {
            e.kind == Kind::Person
                && e.name.contains(' ')
                && mention::name_parts(&e.name, self.lex).0.first().is_some_and(|g| g.starts_with(word))
        });
        match (found.next(), found.next()) {
            (Some((id, _)), None) => Some(id),
            _ => None,
        }
    }

    /// The sex a person's given name or honorific names, when it names one.
    #[must_use]
    pub fn sex(&self, id: EntityId) -> Option<Sex> {
        let e = &self.entities[id];
        if e.kind != Kind::Person {
            return None;
        }
        let first_word = |name: &str| name.split_whitespace().next().map(str::to_owned);
        e.aliases.iter().find_map(|a| first_word(a).and_then(|w| Sex::of_honorific(&w))).or_else(|| {
            let (given, _) = mention::name_parts(&e.name, self.lex);
            given.first().and_then(|g| self.lex.name_sex.get(g.as_str()).copied())
        })
    }

    /// Whether person `id` can be what a pronoun of sex `sex` names.
    #[must_use]
    pub fn fits(&self, id: EntityId, sex: Option<Sex>) -> bool {
        sex.is_none() || self.sex(id).is_none_or(|s| Some(s) == sex)
    }

    /// Whom "he" or "she" most likely names: the person the latest clause was about, else the
    /// document's subject, else the person last named, the first of them that the pronoun can
    /// name.
    #[must_use]
    pub fn pronoun_person(&self, sex: Option<Sex>) -> Option<EntityId> {
        let recent = self.recent.iter().rev().take(200).copied().filter(|&id| self.entities[id].kind == Kind::Person);
        self.last_person.into_iter().chain(self.subject).chain(recent).find(|&id| self.fits(id, sex))
    }

    /// The entity a mention names, creating it when new; `None` for mentions that name nothing
    /// known (a lone capitalised word, an undefined acronym).
    pub fn resolve(&mut self, m: &Mention) -> Option<EntityId> {
        // "Caldwell worked as a scout": a one-word name the tagger calls an organisation or a
        // place, that is the surname of a person already named, is that person
        let tagged_other = m.confidence.is_some() && matches!(m.kind, MentionKind::Org(_) | MentionKind::Place);
        if tagged_other && !m.name.contains(' ') {
            if let Some(id) = self.by_surname.get(m.name.as_str()).filter(|ids| ids.len() == 1).map(|ids| ids[0]) {
                self.recent.push(id);
                return Some(id);
            }
        }
        // a one-word name the tagger calls an organisation that starts longer names already seen
        // refers to one of them: the one, else ("Harvard's i2b2 project" after Harvard University
        // and Harvard Medical School) which one is not known: no new entity
        if m.confidence.is_some() && matches!(m.kind, MentionKind::Org(_)) && !m.name.contains(' ') {
            let first = fold(&m.name).replace(['\'', '’'], "");
            if let Some(ids) = self.by_first_word.get(&first) {
                let longer: Vec<EntityId> =
                    ids.iter().copied().filter(|&i| self.entities[i].name.contains(' ')).collect();
                // "Micron's board" after Micron Technology: the one organisation it starts, when
                // the rest of that name is no kind of body ("Harvard" is not Harvard Medical School)
                let rest_is_body = |i: EntityId| {
                    let name = &self.entities[i].name;
                    self.lex.org_kind(name.split_once(' ').map_or("", |(_, r)| r)).is_some()
                };
                if let [one] = longer[..].iter().copied().filter(|&i| !rest_is_body(i)).collect::<Vec<_>>()[..] {
                    self.recent.push(one);
                    return Some(one);
                }
                // "Dartmouth's president" after Dartmouth College, "Harvard" after Harvard
                // University and Harvard Medical School: the one name that only adds the kind of
                // body, one word
                let kind_only = |i: EntityId| {
                    let name = &self.entities[i].name;
                    name.split_once(' ')
                        .is_some_and(|(_, r)| !r.contains(' ') && self.lex.org_heads.contains_key(&r.to_lowercase()))
                };
                if let [one] = longer[..].iter().copied().filter(|&i| kind_only(i)).collect::<Vec<_>>()[..] {
                    self.recent.push(one);
                    return Some(one);
                }
                if !longer.is_empty() {
                    return None;
                }
            }
        }
        // "the Fed" after the Richmond Fed, "the Treasury" after the Department of the Treasury:
        // a one-word name the tagger calls an organisation that ends a name named before is
        // that organisation (the latest)
        if m.confidence.is_some() && matches!(m.kind, MentionKind::Org(_)) && !m.name.contains(' ') {
            let ends = self.recent.iter().rev().take(200).copied().find(|&i| {
                matches!(self.entities[i].kind, Kind::Org(_))
                    && !self.sources.contains(&i)
                    && self.entities[i].name.rsplit_once(' ').is_some_and(|(_, last)| last == m.name)
            });
            if let Some(i) = ends {
                self.recent.push(i);
                return Some(i);
            }
        }
        let id = self.resolve_kind(m)?;
        if let Some(c) = m.confidence {
            let e = &mut self.entities[id];
            e.confidence = Some(e.confidence.map_or(c, |x| x.max(c)));
        }
        Some(id)
    }

    fn resolve_kind(&mut self, m: &Mention) -> Option<EntityId> {
        match &m.kind {
            MentionKind::Person { .. } => Some(self.person(m)),
            MentionKind::Org(kind) => {
                let id = self.org(&m.name, *kind);
                if let Some(a) = &m.acronym {
                    self.entities[id].aliases.insert(a.clone());
                    self.acronyms.insert(a.clone(), id);
                }
                Some(id)
            }
            MentionKind::Place => Some(self.place(&m.name)),
            MentionKind::Acronym => self.acronym(&m.name),
            MentionKind::Surname => self
                .surname(&m.name)
                .or_else(|| self.acronyms.get(&m.name).copied())
                .or_else(|| self.short_form(&m.name)),
            // "Indermit Gill has a PhD": a name nothing typed here that is a person's already
            // named is that person
            MentionKind::Unknown => self.known_person(&m.name).or_else(|| self.short_form(&m.name)),
        }
    }

    /// The person already named with exactly this name (or alias).
    fn known_person(&self, name: &str) -> Option<EntityId> {
        let (_, surname) = mention::name_parts(name, self.lex);
        let id = self.by_surname.get(&surname)?.iter().copied().find(|&id| {
            let e = &self.entities[id];
            e.name == name || e.aliases.contains(name)
        })?;
        Some(id)
    }

    /// A person mention ▶ entity, merging with a known person of the same surname.
    pub fn person(&mut self, m: &Mention) -> EntityId {
        let (given, surname) = mention::name_parts(&m.name, self.lex);
        let president = matches!(m.kind, MentionKind::Person { president: true, .. });
        let honorific = matches!(m.kind, MentionKind::Person { honorific: true, .. });
        let found = self
            .by_surname
            .get(&surname)
            .and_then(|ids| {
                ids.iter()
                    .copied()
                    .find(|&id| compatible(&given, &mention::name_parts(&self.entities[id].name, self.lex).0))
            })
            .or_else(|| self.by_given_name(&m.name));
        let id = match found {
            Some(id) => {
                let e = &mut self.entities[id];
                let (g2, _) = mention::name_parts(&e.name, self.lex);
                if given.len() > g2.len()
                    || (given.len() == g2.len() && m.name.len() > e.name.len() && !given.is_empty())
                {
                    let old = std::mem::replace(&mut e.name, clean_person(&m.name, self.lex));
                    e.aliases.insert(old);
                } else if m.name != e.name {
                    e.aliases.insert(clean_person(&m.name, self.lex));
                }
                id
            }
            None => {
                self.entities.push(Entity {
                    kind: Kind::Person,
                    name: clean_person(&m.name, self.lex),
                    aliases: BTreeSet::new(),
                    president: false,
                    confidence: None,
                });
                let id = self.entities.len() - 1;
                self.by_surname.entry(surname.clone()).or_default().push(id);
                id
            }
        };
        self.recent.push(id);
        let e = &mut self.entities[id];
        e.president |= president;
        if honorific || president {
            let written = self.doc.slice(m.full_start, m.end).trim().to_owned();
            if written != e.name && !written.is_empty() {
                e.aliases.insert(written);
            }
        }
        let alias = m.name.clone();
        if alias != e.name {
            e.aliases.insert(alias);
        }
        id
    }

    /// Is this the name, or a recorded short form or acronym, of an organisation already seen?
    #[must_use]
    pub fn knows_org(&self, name: &str) -> bool {
        self.org_keys.contains_key(&self.lex.org_key(name)) || self.acronyms.contains_key(name)
    }

    /// A known person by surname alone ("Rivera said").
    pub fn surname(&mut self, word: &str) -> Option<EntityId> {
        let word = word.trim_end_matches('.');
        let id = *self.by_surname.get(word)?.last()?;
        self.recent.push(id);
        if self.entities[id].name != word {
            self.entities[id].aliases.insert(word.to_owned());
        }
        Some(id)
    }

    /// The words of an organisation's name as a set, for names that say the same in another
    /// order or form: acronyms defined in the document spelled out, function words dropped,
    /// each word cut to its first six letters ("coordinating", "coordination"). So "Eastern ABC
    /// Coordinating Office" meets "Eastern Coordination Office for Applied Biomedical Computing
    /// (ABC)". `None` under three words: too little to go on.
    fn word_bag(&self, name: &str) -> Option<String> {
        let mut words: Vec<String> = Vec::new();
        for w in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            match self.acronyms.get(w).filter(|_| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())) {
                Some(&id) => {
                    words.extend(self.entities[id].name.split(|c: char| !c.is_alphanumeric()).map(str::to_owned))
                }
                None => words.push(w.to_owned()),
            }
        }
        let mut bag: Vec<String> = words
            .iter()
            .map(|w| fold(w))
            .filter(|w| !w.is_empty() && !self.lex.function_words.contains(w.as_str()))
            .map(|w| w.chars().take(6).collect())
            .collect();
        bag.sort_unstable();
        bag.dedup();
        (bag.len() >= 3).then(|| bag.join(" "))
    }

    /// An organisation by name, merging spellings that share a key, or failing that the same
    /// words (`Context::word_bag`).
    pub fn org(&mut self, name: &str, kind: OrgKind) -> EntityId {
        let name = clean_org(name);
        let key = self.lex.org_key(&name);
        // the word bag only when the key is new: most mentions repeat a known spelling
        let mut bag = None;
        let known = match self.org_keys.get(&key) {
            Some(&id) => Some(id),
            None => {
                bag = self.word_bag(&name);
                bag.as_ref().and_then(|b| self.org_bags.get(b)).copied()
            }
        };
        // "IU Board of Trustees" after "Indiana University Board of Trustees" (IU standing for
        // Indiana University): an acronym opening the name stands for the organisation it names
        let known = known.or_else(|| {
            let (first, rest) = name.split_once(' ')?;
            let by_initials = || match self.by_initials.get(first).map(Vec::as_slice) {
                Some([one]) => Some(*one),
                _ => None,
            };
            let owner = self.acronyms.get(first).copied().or_else(by_initials)?;
            let full = format!("{} {rest}", self.entities[owner].name);
            self.org_keys.get(&self.lex.org_key(&full)).copied()
        });
        if let Some(id) = known {
            self.recent.push(id);
            let e = &mut self.entities[id];
            if e.name != name {
                // the fullest spelling is the name ("Northfield Medical School", not "Northfield Med School")
                if name.len() > e.name.len() {
                    let old = std::mem::replace(&mut e.name, name);
                    e.aliases.insert(old);
                } else {
                    e.aliases.insert(name);
                }
            }
            return id;
        }
        self.entities.push(Entity {
            kind: Kind::Org(kind),
            name: name.clone(),
            aliases: BTreeSet::new(),
            president: false,
            confidence: None,
        });
        let id = self.entities.len() - 1;
        self.org_keys.insert(key, id);
        if let Some(b) = bag {
            self.org_bags.entry(b).or_insert(id);
        }
        let (all, rest) = initials(&name);
        self.by_initials.entry(all).or_default().push(id);
        if rest.len() >= 3 {
            self.by_initials.entry(rest).or_default().push(id);
        }
        if let Some(first) = name.split_whitespace().next() {
            self.by_first_word.entry(fold(first).replace(['\'', '’'], "")).or_default().push(id);
        }
        self.recent.push(id);
        id
    }

    /// An organisation named where the layout says one stands, even without a head word
    /// ("CarePoint", "Data Weekly"). Known names and short forms resolve first.
    pub fn org_by_position(&mut self, name: &str) -> Option<EntityId> {
        let name = clean_org(name);
        if name.is_empty() || !name.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            return None;
        }
        if let Some(id) = self.acronym(&name) {
            return Some(id);
        }
        if let Some(id) = self.short_form(&name) {
            return Some(id);
        }
        if self.lex.places.contains(&name) {
            return Some(self.place(&name));
        }
        let kind = self.lex.org_kind(&name).unwrap_or(OrgKind::Organization);
        Some(self.org(&name, kind))
    }

    /// The place named `name`, added if it is new.
    pub fn place(&mut self, name: &str) -> EntityId {
        if let Some(id) = self.entities.iter().position(|e| e.kind == Kind::Place && e.name == name) {
            return id;
        }
        self.entities.push(Entity {
            kind: Kind::Place,
            name: name.to_owned(),
            aliases: BTreeSet::new(),
            president: false,
            confidence: None,
        });
        self.entities.len() - 1
    }

    /// An acronym: defined in the document, or the initials of a known organisation.
    pub fn acronym(&mut self, acr: &str) -> Option<EntityId> {
        if let Some(&id) = self.acronyms.get(acr) {
            return Some(id);
        }
        if !acr.chars().all(|c| c.is_uppercase()) || acr.len() < 2 {
            return None;
        }
        let hits: Vec<EntityId> = self.by_initials.get(acr).cloned().unwrap_or_default();
        if let [id] = hits[..] {
            self.entities[id].aliases.insert(acr.to_owned());
            self.acronyms.insert(acr.to_owned(), id);
            return Some(id);
        }
        None
    }

    /// The one known educational organisation named by this word and head words alone ("Eastvale"
    /// for "University of Eastvale" or "Eastvale College"): how "taught at Eastvale" names it.
    pub fn university_called(&mut self, name: &str) -> Option<EntityId> {
        let want = fold(name);
        // among the organisations mentioned lately, so a long document stays linear
        let mut recent: Vec<EntityId> = self.recent.iter().rev().take(200).copied().collect();
        recent.sort_unstable();
        recent.dedup();
        let hits: Vec<EntityId> = recent
            .into_iter()
            .filter(|&i| matches!(self.entities[i].kind, Kind::Org(OrgKind::Educational)))
            .filter(|&i| {
                let rest: Vec<String> = self.entities[i]
                    .name
                    .split_whitespace()
                    .map(fold)
                    .filter(|w| !self.lex.org_heads.contains_key(w.as_str()) && !self.lex.function_words.contains(w))
                    .collect();
                rest.len() == 1 && rest[0] == want
            })
            .collect();
        let [id] = hits[..] else { return None };
        self.entities[id].aliases.insert(name.to_owned());
        self.recent.push(id);
        Some(id)
    }

    /// A short form of a known organisation: its words are prefixes of the name's first words
    /// ("Saint Alder", "Northfield Med School"). Must pick out one organisation.
    pub fn short_form(&mut self, name: &str) -> Option<EntityId> {
        let words: Vec<String> = name.split_whitespace().map(|w| fold(w).replace(['\'', '’'], "")).collect();
        if words.is_empty() {
            return None;
        }
        let candidates = self.by_first_word.get(&words[0]).cloned().unwrap_or_default();
        let hits: Vec<EntityId> = candidates
            .into_iter()
            .filter(|&i| {
                let full: Vec<String> = self.entities[i].name.split_whitespace().map(fold).collect();
                if words.len() >= full.len() {
                    return false;
                }
                if words.len() == 1 {
                    return false;
                }
                // every short word is a prefix of a distinct full word, in order, first word exact
                let mut k = 0;
                for (n, w) in words.iter().enumerate() {
                    while k < full.len() && !(full[k].starts_with(w.as_str()) && (n > 0 || full[k] == *w)) {
                        if n == 0 {
                            return false;
                        }
                        k += 1;
                    }
                    if k == full.len() {
                        return false;
                    }
                    k += 1;
                }
                true
            })
            .collect();
        if let [id] = hits[..] {
            self.entities[id].aliases.insert(name.to_owned());
            self.org_keys.entry(self.lex.org_key(name)).or_insert(id);
            self.recent.push(id);
            return Some(id);
        }
        None
    }

    /// Records a fact with its evidence span.
    pub fn add(&mut self, fact: Fact, start: usize, end: usize, rule: &'static str) {
        self.facts.push(Found { fact, evidence: Evidence { start, end, rule } });
    }

    /// What was read; a post or membership in an organisation the document cites as a source
    /// ("according to the X blog") is dropped.
    #[must_use]
    pub fn finish(mut self) -> Extraction {
        // a source named anywhere in the document is nobody's employer in it
        let sources = std::mem::take(&mut self.sources);
        self.facts.retain(|f| match &f.fact {
            Fact::Position { org: Some(o), .. } | Fact::Membership { org: o, .. } => !sources.contains(o),
            _ => true,
        });
        Extraction {
            entities: self.entities,
            facts: self.facts,
            title: self.title,
            date: self.date,
            subject: self.subject,
            loader: "",
        }
    }
}

fn compatible(a: &[String], b: &[String]) -> bool {
    match (a.first(), b.first()) {
        (None, _) | (_, None) => true,
        (Some(x), Some(y)) => {
            let x = x.trim_end_matches('.');
            let y = y.trim_end_matches('.');
            let first_ok = x == y || (x.len() == 1 && y.starts_with(x)) || (y.len() == 1 && x.starts_with(y));
            // middle initials must not contradict
            let mid_a: Vec<char> = a.iter().skip(1).filter_map(|w| w.chars().next()).collect();
            let mid_b: Vec<char> = b.iter().skip(1).filter_map(|w| w.chars().next()).collect();
            let mid_ok = mid_a.is_empty() || mid_b.is_empty() || mid_a == mid_b;
            first_ok && mid_ok
        }
    }
}

fn clean_person(name: &str, lex: &Lexicon) -> String {
    let parts: Vec<&str> = name.split(',').map(str::trim).collect();
    let keep: Vec<&str> = parts.into_iter().take_while(|p| !lex.post_nominals.contains(&fold(p))).collect();
    keep.join(", ")
}

/// Drops a sentence's final period, keeping the period of an abbreviation ("Kestrel Inc.").
#[must_use]
pub fn strip_period(s: &str) -> &str {
    if ["Inc.", "Corp.", "Co.", "Ltd.", "Bros."].iter().any(|a| s.ends_with(a)) {
        s
    } else {
        s.trim_end_matches('.')
    }
}

fn clean_org(name: &str) -> String {
    let trimmed = name.trim().trim_end_matches([',', ';', ':']);
    // "Kestrel Biologics Inc." keeps the period of its abbreviation
    let abbreviated = ["Inc.", "Corp.", "Co.", "Ltd.", "Bros."].iter().any(|a| trimmed.ends_with(a));
    let mut n = if abbreviated { trimmed.to_owned() } else { trimmed.trim_end_matches('.').trim().to_owned() };
    for lead in ["the ", "The "] {
        if let Some(rest) = n.strip_prefix(lead) {
            if rest.split_whitespace().count() >= 2 {
                n = rest.to_owned();
            }
        }
    }
    n
}

/// The initials of a name's significant words, and the same without the first word ("DPRA" and
/// "PRA" for "Department of Parks and Rural Affairs").
fn initials(name: &str) -> (String, String) {
    let sig: String = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .filter(|w| !w.is_empty() && !["of", "and", "for", "the", "&", "on", "in", "at"].contains(w))
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let rest = sig.chars().skip(1).collect();
    (sig, rest)
}

/// The largest char boundary at or before `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
