//! Loaders: pure text ▶ facts, no store access. A document is read by two strategies that share
//! one mention finder and one resolver: [`structured`] reads headed sections and list items
//! (profile pages, rosters), [`prose`] reads sentences (news, biographies). Which strategy names
//! the document (`rel:loader`) is chosen from its content, never its file name.

pub mod cards;
pub mod frame;
pub mod mention;
pub mod ner;
pub mod prose;
pub mod resolve;
pub mod rules;
pub mod structured;
pub mod time;

use std::collections::BTreeSet;

use crate::document::{self, Document};
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
    if id == "list.card" {
        return Some("src/loader/cards.rs");
    }
    if id == "list.names-under-roster" || id == "list.post-over-org" {
        return Some("src/loader/mod.rs");
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
    // a page of cards, one a person, is read card by card
    let cards = cards::find(&cx, &lines, &roles);
    let mut in_card = vec![None; lines.len()];
    for (c, card) in cards.iter().enumerate() {
        for &k in std::iter::once(&card.name).chain(&card.lines) {
            in_card[k] = Some(c);
        }
    }
    // a page's header items, before its first paragraph ("Former Director, Eastern ABC Office
    // (1990-1995)"), sum up what the text below tells: read after it, when its names are known
    let first_paragraph = roles.iter().position(|r| *r == structured::LineRole::Paragraph).unwrap_or(0);
    let header = |i: usize| i < first_paragraph && roles[i] == structured::LineRole::Item;
    let order = (0..lines.len()).filter(|&i| !header(i)).chain((0..first_paragraph).filter(|&i| header(i)));
    let mut last = None;
    let mut list_items = false;
    // the body whose members the lines from here name, one a line
    let mut name_run: Option<EntityId> = None;
    for i in order {
        let l = &lines[i];
        if let Some(c) = in_card[i] {
            if cards[c].name == i {
                cards::read(&mut cx, &lines, &cards[c]);
                items.other(structured::LineRole::Heading);
                name_run = None;
            }
            continue;
        }
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
        // "Advisory Board Members:" over lines that are each a person's name and nothing else:
        // each is a member of the body the line over them named
        if let Some(org) = name_run {
            if let Some(p) = prose::name_line(&mut cx, l) {
                cx.add(
                    Fact::Membership { member: p, org, role: None, since: None, until: None },
                    l.start,
                    l.end,
                    "list.names-under-roster",
                );
                continue;
            }
        }
        // "Chairman, President and CEO" over "Securian Financial Group": the post the line over
        // it names, at the organisation this line names
        if roles[i] != structured::LineRole::Item && !l.blank_before {
            let holder = cx.heading_person.or(cx.subject);
            if let (Some(role), Some(holder)) = (items.awaiting_org().map(str::to_owned), holder) {
                let text = cx.doc.slice(l.start, l.end).to_owned();
                if let Some(org) = structured::org_line(&mut cx, &text) {
                    cx.add(rules::post(holder, Some(org), Some(role)), l.start, l.end, "list.post-over-org");
                    items.other(structured::LineRole::Heading);
                    continue;
                }
            }
        }
        let roster_before = cx.roster;
        if roles[i] != structured::LineRole::Item {
            // a table ends at the first line that is not one of its rows
            cx.columns = None;
            items.other(roles[i]);
            if !in_terms[i] {
                if roles[i] == structured::LineRole::Paragraph {
                    read_paragraph(&mut cx, l, &mut items);
                } else {
                    prose::read_line(&mut cx, l, roles[i]);
                }
            }
        }
        name_run = cx.roster.filter(|r| Some(*r) != roster_before).map(|r| r.0);
    }
    structured::read_terms(&mut cx, &lines, &terms);
    let loader = if items.count >= 5 { "profile" } else { "news" };
    let mut ex = cx.finish();
    ex.loader = loader;
    ex.facts = split_award_years(std::mem::take(&mut ex.facts));
    dedup(&mut ex.facts);
    ex
}

/// What opens a list in semicolons, and so whom its pieces are about.
enum Opening {
    /// A directory entry, surname first: "LEE, Al Bo, a Senator from Ohio".
    SurnameFirst(mention::Mention),
    /// A list item that names its person first: "• Jo Roe, director, O1".
    NamedItem(mention::Mention),
    /// A sentence that ends in a colon: "P announced his intent to nominate the following:".
    Colon,
}

/// Reads a paragraph line: its sentences as prose, except a sentence that is a list in
/// semicolons ("... the following individuals: Jo Roe, Director of O; Al Lee, Under Secretary,
/// Department of P; and ...", or a directory entry "LEE, Al Bo, a Senator from Ohio; born ...;
/// county attorney of Coe County 1909-1911; member of ..."), whose pieces are read as list items
/// after its opening.
fn read_paragraph(cx: &mut resolve::Context, l: &document::Line, items: &mut structured::Items) {
    let abbr = |w: &str| cx.lex.abbreviations.contains(w) || cx.lex.honorifics.contains(&crate::lexicon::fold(w));
    let spans = document::sentences(&cx.doc.text, l.start, l.end, &abbr);
    // a list in semicolons either follows a colon or opens with a surname first; any other
    // sentence with semicolons ("She served as P of O from 2010 to 2013; as ...") is prose
    // (a list item in semicolons may instead name its person first: "• Jo Roe, director, O1;
    // director, O2; epidemiologist")
    let lists: Vec<Option<(Opening, structured::SemicolonList)>> = spans
        .iter()
        .map(|&(a, b)| {
            let (opening, pieces) = structured::semicolon_list(cx.doc.slice(a, b))?;
            let end = a + opening;
            let kind = if let Some(m) = prose::inverted_opening(cx, a, end) {
                Opening::SurnameFirst(m)
            } else if let Some(m) = prose::named_first(cx, a, end).filter(|_| l.marker != document::Marker::None) {
                Opening::NamedItem(m)
            } else if cx.doc.slice(a, end).trim_end().ends_with(':') {
                Opening::Colon
            } else {
                return None;
            };
            Some((kind, (opening, pieces)))
        })
        .collect();
    if lists.iter().all(Option::is_none) {
        prose::read_line(cx, l, structured::LineRole::Paragraph);
        return;
    }
    let part = |a: usize, b: usize| document::Line { start: a, end: b, ..*l };
    let mut from = l.start;
    for (&(a, b), list) in spans.iter().zip(&lists) {
        let Some((kind, (opening, pieces))) = list else { continue };
        if a > from {
            prose::read_line(cx, &part(from, a), structured::LineRole::Paragraph);
        }
        // the opening: the person a directory entry is about ("LEE, Al Bo, a Senator from Ohio"),
        // else a sentence read as prose that introduces the list ("P announced his intent to
        // nominate the following:") and may name whom the pieces are about
        let opening_end = a + opening;
        let about = match kind {
            Opening::SurnameFirst(m) => Some(cx.person(m)),
            // the first piece names the person, the others what that person holds
            Opening::NamedItem(m) => {
                let first = document::Line { indent: 0, ..part(a, opening_end) };
                items.other(structured::LineRole::Heading);
                items.item(cx, &first, None);
                Some(cx.person(m))
            }
            Opening::Colon => {
                prose::read_line(cx, &part(a, opening_end), structured::LineRole::Paragraph);
                prose::opening_person(cx, a, opening_end).filter(|_| cx.list_appointer.is_none())
            }
        };
        // (the pieces are about that person; the page's heading person is not, so no heading's
        // organisation is theirs)
        let saved = (cx.heading_person, cx.subject);
        if about.is_some() {
            cx.heading_person = None;
            cx.subject = about;
        }
        items.other(structured::LineRole::Heading);
        for &(pa, pb) in pieces {
            let piece = document::Line { marker: document::Marker::Bullet, indent: 0, ..part(a + pa, a + pb) };
            let before = cx.facts.len();
            items.item(cx, &piece, None);
            if cx.facts.len() == before && !prose::read_post_line(cx, &piece) {
                prose::read_line(cx, &piece, structured::LineRole::Paragraph);
            }
            if let Some((by, date)) = cx.list_appointer {
                appointed_by_list(cx, before, by, date);
            }
        }
        items.other(structured::LineRole::Heading);
        (cx.heading_person, cx.subject) = saved;
        cx.list_appointer = None;
        cx.list_post = (None, None);
        from = b;
    }
    if from < l.end {
        prose::read_line(cx, &part(from, l.end), structured::LineRole::Paragraph);
    }
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

#[cfg(test)]
mod tests {
    use super::{extract_text, Fact};

    /// Holder, role, organisation, start year and end year of a post.
    type Post = (String, String, String, Option<i32>, Option<i32>);

    fn posts(text: &str) -> Vec<Post> {
        let ex = extract_text(text);
        let name = |id: usize| ex.entities[id].name.clone();
        ex.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Position { holder, org, role, start, end, .. } => Some((
                    name(*holder),
                    role.clone().unwrap_or_default(),
                    org.map(name).unwrap_or_default(),
                    start.map(|w| w.year),
                    end.map(|w| w.year),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_list_in_semicolons_after_a_colon_is_read_as_list_items() {
        let text = "Today, President Ada Voss announced her intent to nominate the following individuals: \
                    Ivo Lomax, Deputy Director of the Office of Tarrow Affairs; Jan Quell, Assistant \
                    Secretary for Harbours, Department of Transport; and Lee Brant, General Counsel, \
                    Department of Energy.";
        let p = posts(text);
        for (who, role, org) in [
            ("Ivo Lomax", "Deputy Director", "Office of Tarrow Affairs"),
            ("Jan Quell", "Assistant Secretary for Harbours", "Department of Transport"),
            ("Lee Brant", "General Counsel", "Department of Energy"),
        ] {
            assert!(p.iter().any(|x| x.0 == who && x.1 == role && x.2 == org), "{who}: {p:?}");
        }
        let ex = extract_text(text);
        let appointed =
            ex.facts.iter().filter(|f| matches!(f.fact, Fact::Appointment { appointer: Some(_), .. })).count();
        assert_eq!(appointed, 3, "{:?}", ex.facts);
    }

    #[test]
    fn a_directory_entry_in_semicolons_is_about_the_person_it_opens_with() {
        let text = "QUELL, Orvo Lamb, a Senator from Tarrow; born in Northport, March 3, 1901; county \
                    treasurer of Greene County 1925-1929; chairman, Committee on Mines (Seventieth \
                    Congress), Committee on Roads (Seventy-first Congress); died in Northport, June 2, 1960.";
        let p = posts(text);
        assert!(
            p.iter().any(|x| x.0 == "Orvo Lamb Quell" && x.1.starts_with("county treasurer") && x.3 == Some(1925)),
            "{p:?}"
        );
        for org in ["Committee on Mines", "Committee on Roads"] {
            assert!(p.iter().any(|x| x.0 == "Orvo Lamb Quell" && x.1 == "chairman" && x.2 == org), "{org}: {p:?}");
        }
        let ex = extract_text(text);
        assert!(!ex.facts.iter().any(|f| matches!(f.fact, Fact::PartOf { .. })), "{:?}", ex.facts);
        assert!(ex.entities.iter().all(|e| e.name != "Orvo Lamb"), "{:?}", ex.entities);
    }

    #[test]
    fn a_level_of_government_before_a_title_is_no_organisation_and_plural_roles_no_name() {
        let text = "Committee Members\n- State Sen. Al Quell (D-Harrow)\n- State Sen. Jo Brant (R-Northport)\n\n\
                    Members elected 2 General Councillors.\n";
        let p = posts(text);
        assert!(p.iter().any(|x| x.0 == "Al Quell" && x.1 == "State Sen." && x.2.is_empty()), "{p:?}");
        let ex = extract_text(text);
        assert!(ex.entities.iter().all(|e| e.name != "State" && e.name != "Councillors"), "{:?}", ex.entities);
    }

    #[test]
    fn names_alone_under_a_line_that_announces_a_body_s_members_are_its_members() {
        let text =
            "Tarrow Advisory Board Member Bios:\nRandy Quell\nClinton W. Lomax, III\nRaymond Lane\nBenno Varn\n\n\
                    Randy Quell founded a firm.\n";
        let ex = extract_text(text);
        let name = |id: usize| ex.entities[id].name.clone();
        let members: Vec<(String, String)> = ex
            .facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Membership { member, org, .. } => Some((name(*member), name(*org))),
                _ => None,
            })
            .collect();
        for who in ["Randy Quell", "Benno Varn", "Clinton W. Lomax", "Raymond Lane"] {
            assert!(members.contains(&(who.into(), "Tarrow Advisory Board".into())), "{who}: {members:?}");
        }
        assert_eq!(members.len(), 4, "{members:?}");
        assert!(ex.entities.iter().all(|e| e.name != "III"), "{:?}", ex.entities);
    }

    #[test]
    fn a_numbered_sentence_that_ends_in_a_body_s_head_word_is_no_organisation() {
        let ex = extract_text(
            "1. Northport-based Tarrow Health System said it named four new members to its board of directors.\n\n\
             2. Harrow Bank said it named Ann Quell chair of its board of trustees.\n",
        );
        assert!(ex.entities.iter().all(|e| !e.name.contains(" said ")), "{:?}", ex.entities);
    }

    #[test]
    fn a_fronted_gerund_phrase_keeps_its_year_and_its_join_is_the_main_subject_s() {
        let p = posts(
            "William Quell is president of Harrow Bank. Prior to joining Harrow Bank in 1986, he was a vice \
             president at Tarrow Trust Company.",
        );
        assert!(p.iter().any(|x| x.0 == "William Quell" && x.2 == "Harrow Bank" && x.3 == Some(1986)), "{p:?}");
        assert!(
            p.iter().any(|x| x.0 == "William Quell" && x.2 == "Tarrow Trust Company" && x.3.is_none()),
            "the post before the join is not dated by it: {p:?}"
        );
    }

    #[test]
    fn a_post_at_the_former_o_is_a_post_at_o() {
        let p = posts("William Quell is president of Harrow Bank. He was a vice president at the former Tarrow Guaranty Trust Company.");
        assert!(p.iter().any(|x| x.1 == "vice president" && x.2 == "Tarrow Guaranty Trust Company"), "{p:?}");
    }

    #[test]
    fn a_member_of_several_societies_is_a_member_of_each_listed_after_including() {
        let ex = extract_text(
            "Dr. Ann Quell is a member of several honorary and professional societies, including Phi Beta \
             Kappa, Phi Kappa Phi, the Tarrow Mathematical Society, and the Mathematical Association of Harrow.",
        );
        let name = |id: usize| ex.entities[id].name.clone();
        let orgs: Vec<String> = ex
            .facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Membership { org, .. } => Some(name(*org)),
                _ => None,
            })
            .collect();
        for o in
            ["Phi Beta Kappa", "Phi Kappa Phi", "Tarrow Mathematical Society", "Mathematical Association of Harrow"]
        {
            assert!(orgs.iter().any(|x| x == o), "{o}: {orgs:?}");
        }
    }

    #[test]
    fn a_list_item_in_semicolons_that_names_its_person_first_gives_them_each_post() {
        let text = "The new members of the Tarrow Policy Committee are:\n\n\
                    \u{2022} Ann Quell, director, Harrow Institute of Planning; director, Northport Center for \
                    Public Safety; medical epidemiologist; director, Office of Surveys, City of Eastfield;\n\
                    \u{2022} Ivo Lomax, treasurer, Tarrow Savings Bank;\n";
        let p = posts(text);
        assert!(p.iter().any(|x| x.0 == "Ann Quell" && x.2 == "Northport Center for Public Safety"), "{p:?}");
        assert!(p.iter().any(|x| x.0 == "Ann Quell" && x.2 == "Office of Surveys"), "{p:?}");
        // a piece with no organisation is at none the heading names
        assert!(!p.iter().any(|x| x.1 == "medical epidemiologist" && !x.2.is_empty()), "{p:?}");
    }

    #[test]
    fn an_ordinal_before_a_title_is_part_of_it() {
        let p = posts("Michael Quell is first vice president at the Federal Reserve Bank of Tarrow.");
        assert!(p.iter().any(|x| x.1 == "first vice president" && x.2 == "Federal Reserve Bank of Tarrow"), "{p:?}");
    }

    #[test]
    fn a_hyphenated_title_is_a_title_and_a_successor_does_not_take_the_predecessor_s_other_post() {
        let p = posts("Mary Quell was elected as the new Director-General of the Tarrow Organization.");
        assert!(
            p.iter().any(|x| x.0 == "Mary Quell" && x.1 == "Director-General" && x.2 == "Tarrow Organization"),
            "{p:?}"
        );
        // (a hyphenated title after an organisation's name still names that organisation)
        let p = posts("Tarrow League Director-General Ann Quarry announced the plan.");
        assert!(p.iter().any(|x| x.0 == "Ann Quarry" && x.2 == "Tarrow League"), "{p:?}");
        // (the post the sentence gives the predecessor need not be the one succeeded to: "He
        // succeeds W, president of O" as the board's chair)
        let p = posts("Tom Brant succeeds Mary Quell, president of Tarrow College, as chair of the Harrow Board.");
        assert!(!p.iter().any(|x| x.0 == "Tom Brant" && x.2 == "Tarrow College"), "{p:?}");
    }

    #[test]
    fn a_participle_after_a_comma_joins_the_sentence_subject() {
        let p = posts("John Waltz spent two decades in banking, joining Harrow Credit Union in 2017.");
        assert!(p.iter().any(|x| x.0 == "John Waltz" && x.2 == "Harrow Credit Union" && x.3 == Some(2017)), "{p:?}");
    }

    #[test]
    fn the_year_a_body_was_founded_does_not_date_a_post_in_it() {
        let p = posts("Mary Quell is the sixth person to lead the Tarrow Foundation since its inception in 1991.");
        assert!(p.iter().any(|x| x.0 == "Mary Quell" && x.2 == "Tarrow Foundation"), "{p:?}");
        assert!(p.iter().all(|x| x.3.is_none()), "{p:?}");
    }
}
