//! Loaders: pure text ▶ facts, no store access. A document is read by two strategies that share
//! one mention finder and one resolver: [`structured`] reads headed sections and list items
//! (profile pages, rosters), [`prose`] reads sentences (news, biographies). Which strategy names
//! the document (`rel:loader`) is chosen from its content, never its file name.

pub mod frame;
pub mod mention;
pub mod ner;
pub mod prose;
pub mod resolve;
pub mod rules;
pub mod structured;
pub mod time;

use std::collections::BTreeSet;

use crate::document::Document;
use crate::lexicon::{Lexicon, OrgKind};

pub use time::When;

/// The type of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A person.
    Person,
    /// An organisation, of the kind the lexicon gives it.
    Org(OrgKind),
    /// A place.
    Place,
}

/// Index of an entity in [`Extraction::entities`].
pub type EntityId = usize;

/// One real-world entity as seen in one document.
#[derive(Debug, Clone)]
pub struct Entity {
    /// What it is.
    pub kind: Kind,
    /// The fullest name seen.
    pub name: String,
    /// Every other surface form seen (acronyms, short forms, "Dr. X").
    pub aliases: BTreeSet<String>,
    /// Mentioned with a head-of-state title ("President Voss").
    pub president: bool,
    /// The entity tagger's confidence when it, not a vocabulary, typed a mention of this entity.
    pub confidence: Option<f32>,
}

/// Where a fact came from: a byte span of the document text and the rule that read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// Where the span starts.
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
    /// The id of the rule that read the fact (`prose.joined`, `list.post-heading`).
    pub rule: &'static str,
}

/// A fact about entities, with its qualifiers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Fact {
    /// A post held: who, where, as what, when, and how it came and went.
    Position {
        /// Who holds the post.
        holder: EntityId,
        /// The organisation it is in.
        org: Option<EntityId>,
        /// The post's title ("chief information officer").
        role: Option<String>,
        /// When it began.
        start: Option<When>,
        /// When it ended.
        end: Option<When>,
        /// The president it was held under.
        under: Option<EntityId>,
        /// Who appointed the holder.
        appointed_by: Option<EntityId>,
        /// Whom the holder succeeded in the post (Wikidata's "replaces", P1365).
        replaces: Option<EntityId>,
        /// The text says the post ended ("left", "stepped down"), with or without a date.
        ended: bool,
    },
    /// A course of study: who, where, which degree in what, when.
    Education {
        /// Who studied.
        student: EntityId,
        /// Where.
        institution: Option<EntityId>,
        /// The degree ("Ph.D.").
        degree: Option<String>,
        /// The field of study.
        field: Option<String>,
        /// The year of the degree.
        year: Option<When>,
        /// Whether the degree was completed, when the text says.
        completed: Option<bool>,
    },
    /// An honour received.
    Award {
        /// Who received it.
        recipient: EntityId,
        /// The honour's name.
        honour: String,
        /// Who conferred it.
        conferred_by: Option<EntityId>,
        /// The years it was received (one per award once the document is read).
        years: Vec<When>,
    },
    /// A seat in an organisation or committee.
    Membership {
        /// The member.
        member: EntityId,
        /// The organisation or committee.
        org: EntityId,
        /// The role held in it ("chair").
        role: Option<String>,
        /// The start of the membership.
        since: Option<When>,
        /// The end of the membership (a term of office, "from 2009 to 2012").
        until: Option<When>,
    },
    /// People working together, on a topic where the text names one.
    Collaboration {
        /// Who worked together (two or more).
        participants: Vec<EntityId>,
        /// What on.
        topic: Option<String>,
    },
    /// An appointment to a post.
    Appointment {
        /// Who was appointed.
        appointee: EntityId,
        /// Who appointed them.
        appointer: Option<EntityId>,
        /// The organisation of the post.
        org: Option<EntityId>,
        /// The post.
        role: Option<String>,
        /// When.
        date: Option<When>,
    },
    /// An organisation that is part of another.
    PartOf {
        /// The part.
        part: EntityId,
        /// What it is part of.
        whole: EntityId,
    },
    /// An entity located in a place.
    LocatedIn {
        /// What is located.
        entity: EntityId,
        /// Where.
        place: EntityId,
    },
    /// "Born September 21, 1933, in Brooklyn": where and when a person was born.
    Born {
        /// Who was born.
        person: EntityId,
        /// Where.
        place: Option<EntityId>,
        /// When.
        date: Option<When>,
    },
    /// A law signed by a president.
    SignedBy {
        /// The law.
        law: EntityId,
        /// The president who signed it.
        president: EntityId,
    },
    /// An organisation established by a law.
    EstablishedBy {
        /// The organisation.
        org: EntityId,
        /// The law.
        law: EntityId,
    },
    /// A relation of any kind in the table of relation kinds, written as its row says: a new
    /// kind needs a row there and the rule that finds it, no variant here.
    Related {
        /// Its row in the table.
        kind: crate::relation_kinds::RelationKind,
        /// The entity the relation is about.
        subject: EntityId,
        /// The other end.
        other: Option<EntityId>,
        /// The role, where the kind has one.
        role: Option<String>,
        /// When it began.
        start: Option<When>,
        /// When it ended.
        end: Option<When>,
    },
}

/// A fact and its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The fact.
    pub fact: Fact,
    /// Where in the text it was read, and by which rule.
    pub evidence: Evidence,
}

/// Everything read from one document.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The entities, indexed by [`EntityId`].
    pub entities: Vec<Entity>,
    /// The facts, each once, in the order read.
    pub facts: Vec<Found>,
    /// The document's title: a short first line without a final period.
    pub title: Option<String>,
    /// The document's date: the first full date near its top.
    pub date: Option<When>,
    /// The person the document is about: the one whose surname it repeats most.
    pub subject: Option<EntityId>,
    /// The strategy that names the document (`rel:loader`): `profile` or `news`.
    pub loader: &'static str,
}

/// The source file of the rule that reads facts with this id (`extract --explain`).
#[must_use]
pub fn rule_file(id: &str) -> Option<&'static str> {
    if id == "list.post-heading" || id == "list.post-under-name" {
        return Some("src/loader/prose/roster_heading.rs");
    }
    if id.starts_with("list.") {
        return Some("src/loader/structured.rs");
    }
    prose::rule_file(id)
}

/// Reads a document: finds its entities and facts.
#[must_use]
pub fn extract(doc: &Document, lex: &Lexicon) -> Extraction {
    let mut cx = resolve::Context::new(doc, lex);
    let lines = doc.lines();
    let (roles, sections) = structured::roles(&cx, &lines);
    // lines in document order: the sentences before a list name the organisations and rosters
    // its items refer to, and an item names the person the paragraph under it is about
    let terms = structured::term_blocks(&cx, &lines);
    let mut in_terms = vec![false; lines.len()];
    for i in structured::term_lines(&terms) {
        in_terms[i] = true;
    }
    let mut items = structured::Items::default();
    // a page's header items, before its first paragraph ("Former Director, Eastern ABC Office
    // (1990-1995)"), sum up what the text below tells: read after it, when its names are known
    let first_paragraph = roles.iter().position(|r| *r == structured::LineRole::Paragraph).unwrap_or(0);
    let header = |i: usize| i < first_paragraph && roles[i] == structured::LineRole::Item;
    let order = (0..lines.len()).filter(|&i| !header(i)).chain((0..first_paragraph).filter(|&i| header(i)));
    let mut last = None;
    let mut list_items = false;
    for i in order {
        let l = &lines[i];
        // the header items start a nesting of their own
        if last.is_some_and(|p| p > i) {
            items.other(structured::LineRole::Heading);
        }
        last = Some(i);
        if roles[i] == structured::LineRole::Item {
            // an item the list reader makes nothing of may be a sentence: "Reuben F. Young as a
            // special superior court judge."
            let before = cx.facts.len();
            items.item(&mut cx, l, sections[i]);
            if cx.facts.len() == before && !prose::read_post_line(&mut cx, l) {
                prose::read_line(&mut cx, l, structured::LineRole::Paragraph);
            }
            // "The President announced his intent to appoint the following:" over "Name, Role,
            // Organisation" lines: each post the list gives is one the president appointed to
            if let Some((by, date)) = cx.list_appointer {
                appointed_by_list(&mut cx, before, by, date);
                list_items = true;
            }
        } else if cx.list_appointer.is_some()
            && l.marker != crate::document::Marker::None
            && structured::appointed_sentence(&mut cx, l)
        {
            // "Joseph Simons of Virginia, a Republican, to be Chairman. Mr. Simons is ...": a
            // list item of sentences whose first names the appointee (the rest is read as prose)
            list_items = true;
        } else if (list_items || cx.list_appointer.is_some()) && l.indent == 0 {
            // the list the appointer introduced has ended, or none came right after the sentence
            // (a paragraph indented under an item goes on with the list)
            cx.list_appointer = None;
            cx.list_post = (None, None);
            list_items = false;
        }
        if roles[i] != structured::LineRole::Item {
            // a table ends at the first line that is not one of its rows
            cx.columns = None;
            items.other(roles[i]);
            if !in_terms[i] {
                prose::read_line(&mut cx, l, roles[i]);
            }
        }
    }
    structured::read_terms(&mut cx, &lines, &terms);
    let loader = if items.count >= 5 { "profile" } else { "news" };
    let mut ex = cx.finish();
    ex.loader = loader;
    ex.facts = split_award_years(std::mem::take(&mut ex.facts));
    dedup(&mut ex.facts);
    ex
}

/// The posts read from a list item since fact `from` were given by the list's appointer: each
/// gets its appointer, and an appointment records it (unless the item's reader wrote one).
fn appointed_by_list(cx: &mut resolve::Context, from: usize, by: EntityId, date: Option<time::When>) {
    let mut made = Vec::new();
    for f in &mut cx.facts[from..] {
        if let Fact::Position { holder, org, role, appointed_by: a @ None, .. } = &mut f.fact {
            if *holder != by {
                *a = Some(by);
                made.push((
                    Fact::Appointment { appointee: *holder, appointer: Some(by), org: *org, role: role.clone(), date },
                    f.evidence,
                ));
            }
        }
    }
    for (fact, evidence) in made {
        cx.add(fact, evidence.start, evidence.end, evidence.rule);
    }
}

/// An honour received in several years is one award per year, as Wikidata states it.
fn split_award_years(facts: Vec<Found>) -> Vec<Found> {
    let mut out = Vec::with_capacity(facts.len());
    for f in facts {
        match &f.fact {
            Fact::Award { recipient, honour, conferred_by, years } if years.len() > 1 => {
                for y in years {
                    out.push(Found {
                        fact: Fact::Award {
                            recipient: *recipient,
                            honour: honour.clone(),
                            conferred_by: *conferred_by,
                            years: vec![*y],
                        },
                        evidence: f.evidence,
                    });
                }
            }
            _ => out.push(f),
        }
    }
    out
}

/// Drops facts that repeat an earlier one (same fact, whatever the evidence), keeping the first.
fn dedup(facts: &mut Vec<Found>) {
    let mut seen: std::collections::HashSet<Fact> = std::collections::HashSet::new();
    facts.retain(|f| seen.insert(f.fact.clone()));
}

/// Reads `text` as a plain-text document named `t.txt`, for tests of the rules.
#[cfg(test)]
pub(crate) fn extract_text(text: &str) -> Extraction {
    let lex = Lexicon::load().expect("the shipped vocabularies load");
    let doc = Document::from_bytes("t.txt", text.as_bytes()).expect("test text is a document");
    extract(&doc, &lex)
}
