//! The relation kinds, in one table. Each row says how a kind is written in the graph (the
//! class of its qualified node, the property to its subject, the one to the other end, its
//! qualifiers, the direct edge beside it), what it is called on the command line and in JSON,
//! and how it reads in a sentence. The model writes the triples from it, path search projects
//! them from it, the questions, the shell's `.describe` and the counts query by it;
//! `tests/architecture.rs` checks every class and property it names against
//! `ontology/relate.ttl`.
//!
//! Adding a kind: a [`RelationKind`] variant (at the end: its position is its code in the
//! projection cache), its row in [`KINDS`], its terms in the ontology, and the loader rule that
//! finds it, writing [`crate::loader::Fact::Related`].

/// The kind of a relation between two entities. [`RelationKind::name`] is the word used on the
/// command line (`--exclude position`) and in JSON; [`RelationKind::predicate`] the direct edge
/// in the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationKind {
    /// A post held at an organisation (`rel:Position`).
    Position,
    /// A post held under a president (a `rel:Position` with `rel:underPresident`).
    ServedUnder,
    /// A degree or training at an institution (`rel:Education`).
    Education,
    /// An honour conferred by someone (`rel:Award`).
    Award,
    /// Membership of an organisation (`rel:Membership`).
    Membership,
    /// Work together (`rel:Collaboration`).
    Collaboration,
    /// An appointment by someone (`rel:Appointment`).
    Appointment,
    /// An organisation part of another (`rel:partOf`).
    PartOf,
    /// Something located in a place (`rel:locatedIn`).
    LocatedIn,
    /// A law signed by a president (`rel:signedBy`).
    SignedBy,
    /// An organisation established by a law (`rel:establishedBy`).
    EstablishedBy,
    /// A post taken over from the one who held it (a `rel:Position` with `rel:replaces`).
    Succeeded,
    /// An organisation founded by someone (`rel:Founding`).
    Founded,
}

/// How a kind is stated: a qualified node of `class` (a Wikidata statement with its qualifiers)
/// linked to its subject by `subject` and to the other end by `other`; the direct edge goes from
/// the subject to the other end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement {
    /// Local name of the class of the qualified node (`Position`).
    pub class: &'static str,
    /// The property from the node to the subject (`holder`).
    pub subject: &'static str,
    /// The property from the node to the other end (`organization`); `None` when the other end
    /// is not stated on the node.
    pub other: Option<&'static str>,
    /// The literal qualifier read as the role, degree, honour or topic.
    pub role: Option<&'static str>,
    /// The date the relation began (or the year of an event).
    pub start: Option<&'static str>,
    /// The date it ended.
    pub end: Option<&'static str>,
}

/// One row of the table: everything relate knows about a kind of relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindRow {
    /// The kind this row describes.
    pub kind: RelationKind,
    /// The name on the command line and in JSON ("served under").
    pub name: &'static str,
    /// Local name of the direct edge from the subject to the other end (`holdsPositionAt`).
    pub direct: &'static str,
    /// The qualified node, or `None` for a kind written as its direct edge only.
    pub statement: Option<Statement>,
    /// Read from the node of another kind (a post held under a president is a `Position`):
    /// path search finds it while scanning that kind's nodes.
    pub within: Option<RelationKind>,
    /// An event (a degree, an award): its start is its one year.
    pub event: bool,
    /// How it reads in a sentence from subject to other end, without a role: verb and
    /// preposition ("member", "of").
    pub verb: &'static str,
    /// The preposition after the verb ("of"; empty for none).
    pub prep: &'static str,
}

const fn qualified(
    class: &'static str,
    subject: &'static str,
    other: Option<&'static str>,
    role: Option<&'static str>,
    start: Option<&'static str>,
    end: Option<&'static str>,
) -> Option<Statement> {
    Some(Statement { class, subject, other, role, start, end })
}

const fn row(
    kind: RelationKind,
    name: &'static str,
    direct: &'static str,
    verb: &'static str,
    prep: &'static str,
) -> KindRow {
    KindRow { kind, name, direct, statement: None, within: None, event: false, verb, prep }
}

const POSITION: Option<Statement> =
    qualified("Position", "holder", Some("organization"), Some("role"), Some("startDate"), Some("endDate"));

/// Every relation kind, in the order of [`RelationKind`].
pub const KINDS: &[KindRow] = &[
    KindRow { statement: POSITION, ..row(RelationKind::Position, "position", "holdsPositionAt", "held a post", "at") },
    KindRow {
        statement: qualified(
            "Position",
            "holder",
            Some("underPresident"),
            Some("role"),
            Some("startDate"),
            Some("endDate"),
        ),
        within: Some(RelationKind::Position),
        ..row(RelationKind::ServedUnder, "served under", "servedUnder", "served", "under")
    },
    KindRow {
        statement: qualified("Education", "student", Some("institution"), Some("degree"), Some("year"), None),
        event: true,
        ..row(RelationKind::Education, "education", "alumnusOf", "studied", "at")
    },
    KindRow {
        statement: qualified("Award", "recipient", Some("conferredBy"), Some("honour"), Some("year"), None),
        event: true,
        ..row(RelationKind::Award, "award", "honouredBy", "honoured", "by")
    },
    KindRow {
        statement: qualified(
            "Membership",
            "member",
            Some("organization"),
            Some("role"),
            Some("startDate"),
            Some("endDate"),
        ),
        ..row(RelationKind::Membership, "membership", "memberOf", "member", "of")
    },
    KindRow {
        statement: qualified(
            "Collaboration",
            "participant",
            Some("participant"),
            Some("topic"),
            Some("startDate"),
            Some("endDate"),
        ),
        ..row(RelationKind::Collaboration, "collaboration", "collaboratesWith", "collaborates", "with")
    },
    KindRow {
        statement: qualified("Appointment", "appointee", Some("appointer"), Some("role"), Some("date"), None),
        ..row(RelationKind::Appointment, "appointment", "appointedBy", "appointed", "by")
    },
    row(RelationKind::PartOf, "part of", "partOf", "part", "of"),
    row(RelationKind::LocatedIn, "located in", "locatedIn", "located", "in"),
    row(RelationKind::SignedBy, "signed by", "signedBy", "signed", "by"),
    row(RelationKind::EstablishedBy, "established by", "establishedBy", "established", "by"),
    KindRow {
        statement: qualified("Position", "holder", Some("replaces"), Some("role"), Some("startDate"), Some("endDate")),
        within: Some(RelationKind::Position),
        ..row(RelationKind::Succeeded, "succeeded", "succeeded", "succeeded", "")
    },
    KindRow {
        statement: qualified("Founding", "founder", Some("organization"), Some("role"), Some("date"), None),
        event: true,
        ..row(RelationKind::Founded, "founded", "founded", "founded", "")
    },
];

impl RelationKind {
    /// Every kind, in the order of the table.
    pub const ALL: [RelationKind; KINDS.len()] = {
        let mut all = [RelationKind::Position; KINDS.len()];
        let mut i = 0;
        while i < KINDS.len() {
            all[i] = KINDS[i].kind;
            i += 1;
        }
        all
    };

    /// The kind's row in [`KINDS`].
    #[must_use]
    pub fn row(self) -> &'static KindRow {
        &KINDS[self as usize]
    }

    /// The kind's name on the command line and in JSON ("position", "served under", …).
    #[must_use]
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// Local name of the direct edge in the relate ontology (`rel:holdsPositionAt`, …).
    #[must_use]
    pub fn predicate(self) -> &'static str {
        self.row().direct
    }

    /// The qualified node the kind is stated by, if any.
    #[must_use]
    pub fn statement(self) -> Option<&'static Statement> {
        self.row().statement.as_ref()
    }

    /// Reads a kind from its name ("served under", "served-under"), its direct predicate
    /// ("servedUnder", "rel:servedUnder", the full IRI) or its class ("Position"); any case.
    #[must_use]
    pub fn parse(s: &str) -> Option<RelationKind> {
        let s = s.trim();
        let s = s.strip_prefix(crate::vocab::REL).or_else(|| s.strip_prefix("rel:")).unwrap_or(s);
        let key: String = s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase();
        RelationKind::ALL.into_iter().find(|k| {
            let name: String = k.name().chars().filter(char::is_ascii_alphanumeric).collect();
            key == name || key == k.predicate().to_lowercase()
        })
    }
}

/// The kinds that own a qualified node of their own (not read from another kind's node), in
/// table order: one scan each in path search, one class each in the counts.
pub fn stated() -> impl Iterator<Item = (&'static KindRow, &'static Statement)> {
    KINDS.iter().filter(|r| r.within.is_none()).filter_map(|r| r.statement.as_ref().map(|s| (r, s)))
}

/// The classes of the qualified nodes, each once, in table order (`Position`, `Education`, …).
#[must_use]
pub fn classes() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for (_, s) in stated() {
        if !out.contains(&s.class) {
            out.push(s.class);
        }
    }
    out
}

/// One property of every qualified node that has it, as a SPARQL path of alternatives
/// (`rel:role|rel:degree|rel:honour|rel:topic`), each once, in table order.
#[must_use]
pub fn alternatives(of: impl Fn(&Statement) -> Vec<Option<&'static str>>) -> String {
    let mut out: Vec<&'static str> = Vec::new();
    for (_, s) in stated() {
        for p in of(s).into_iter().flatten() {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out.iter().map(|p| format!("rel:{p}")).collect::<Vec<_>>().join("|")
}

/// The kinds written as their direct edge only (`partOf`, …).
pub fn direct_only() -> impl Iterator<Item = &'static KindRow> {
    KINDS.iter().filter(|r| r.statement.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_the_enum_and_names_are_unique() {
        for (i, r) in KINDS.iter().enumerate() {
            assert_eq!(r.kind as usize, i, "{} is out of place", r.name);
            assert_eq!(RelationKind::parse(r.name), Some(r.kind));
            assert_eq!(RelationKind::parse(r.direct), Some(r.kind));
        }
        let mut names: Vec<&str> = KINDS.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KINDS.len());
        // a kind read within another shares its node's class and subject
        for r in KINDS.iter().filter(|r| r.within.is_some()) {
            let (mine, host) = (r.statement.unwrap(), r.within.unwrap().statement().unwrap());
            assert_eq!((mine.class, mine.subject), (host.class, host.subject), "{}", r.name);
        }
        assert_eq!(
            classes(),
            ["Position", "Education", "Award", "Membership", "Collaboration", "Appointment", "Founding"]
        );
        assert_eq!(
            direct_only().map(|r| r.direct).collect::<Vec<_>>(),
            ["partOf", "locatedIn", "signedBy", "establishedBy"]
        );
    }
}
