//! Relation rules over clause frames ([`super::frame`]). Each rule is one file with its id (the
//! one `extract --explain` prints), reads one frame at a time and proposes facts; [`RULES`]
//! states their order, and [`merge`] owns conflicts: a proposed post that another rule already
//! read for the same holder and organisation completes it (role, years, appointer, "ended")
//! instead of adding a second node.
//!
//! To add a relation pattern: write a rule file here with a unit test on text of your own,
//! register it in [`RULES`], and add its verbs to `data/lexicon/verbs.vocab`.

mod appoint;
mod become_;
mod hold;
mod join;
mod leave;
mod succeed;

use super::frame::{Frame, Sentence, Subject};
use super::time::When;
use super::{EntityId, Fact, Found, Kind};
use crate::lexicon::{Lexicon, VerbClass};

/// What a rule sees besides its frame.
pub struct Input<'a, 's> {
    /// The vocabularies.
    pub lex: &'a Lexicon,
    /// The sentence.
    pub s: &'a Sentence<'s>,
    /// Every frame of the sentence, the rule's own among them.
    pub frames: &'a [Frame],
    /// The document's date (a news item's dateline), for "today" and posts left "now".
    pub date: Option<When>,
    /// Facts read so far in the document, latest last, for "he will retire" (which post?).
    pub known: &'a [Found],
    /// Facts already proposed for this sentence.
    pub pending: &'a [(Fact, &'static str)],
    /// The organisation "its" and "the company" stand for.
    pub its: Option<EntityId>,
    /// The organisations named so far, latest first, with their names (no cited sources).
    pub orgs: Vec<(EntityId, String)>,
}

impl Input<'_, '_> {
    /// The entity and kind a subject stands for.
    #[must_use]
    pub fn who(&self, s: Option<Subject>) -> Option<(EntityId, Kind)> {
        match s? {
            Subject::Arg(i) => Some((self.s.args[i].id, self.s.args[i].kind)),
            Subject::Entity(id, kind) => Some((id, kind)),
        }
    }

    /// Whom or what the clause's verb acts on: the name after it, or the person an object
    /// pronoun stands for.
    #[must_use]
    pub fn object(&self, f: &Frame) -> Option<(EntityId, Kind)> {
        self.arg(f.object).or(f.object_ref.map(|p| (p, Kind::Person)))
    }

    /// The last token where the verb's object may begin: right after it (past "the"), or past
    /// an adjective of place ("is leaving Durham, N.C.-based Duke Health").
    #[must_use]
    pub fn object_slot_end(&self, f: &Frame) -> usize {
        let k = f.verb.next;
        let q = if self.s.lower.get(k).is_some_and(|w| w == "the") { k + 1 } else { k };
        super::mention::place_adjective_end(self.s.toks, self.lex, q).unwrap_or(k + 1)
    }

    /// The entity and kind of a name of the sentence.
    #[must_use]
    pub fn arg(&self, i: Option<usize>) -> Option<(EntityId, Kind)> {
        i.map(|i| (self.s.args[i].id, self.s.args[i].kind))
    }

    /// A person's posts not known to have ended, latest first: (organisation, role). With
    /// `this_sentence`, posts proposed for this sentence count too (a successor's new post);
    /// without, only those of sentences before (the post someone leaves).
    #[must_use]
    pub fn current_posts(&self, holder: EntityId, this_sentence: bool) -> Vec<(Option<EntityId>, Option<String>)> {
        let recent = self.known.iter().rev().take(200).map(|f| &f.fact);
        let pending = self.pending.iter().rev().map(|(f, _)| f).filter(|_| this_sentence);
        pending
            .chain(recent)
            .filter_map(|f| match f {
                Fact::Position { holder: h, org, role, ended: false, end: None, .. } if *h == holder => {
                    Some((*org, role.clone()))
                }
                _ => None,
            })
            .collect()
    }
}

impl Input<'_, '_> {
    /// The organisation a governing body governs: "the IU Board of Trustees" governs IU, "the
    /// Board of Governors" of a story about the Red Cross governs the Red Cross. A part-of fact
    /// read before decides, then an organisation whose name opens the body's, then the latest
    /// organisation named that is no governing body.
    #[must_use]
    pub fn governed_by(&self, body: EntityId) -> Option<EntityId> {
        let known = self.known.iter().rev().map(|f| &f.fact).chain(self.pending.iter().map(|(f, _)| f));
        let whole = known.into_iter().find_map(|f| match f {
            Fact::PartOf { part, whole } if *part == body => Some(*whole),
            _ => None,
        });
        if whole.is_some() {
            return whole;
        }
        let name = self.orgs.iter().find(|(id, _)| *id == body).map(|(_, n)| n.as_str())?;
        let opens = self.orgs.iter().find(|(id, n)| {
            *id != body && name.strip_prefix(n.as_str()).is_some_and(|rest| rest.starts_with([' ', '\'', '’']))
        });
        opens.or_else(|| self.orgs.iter().find(|(id, n)| *id != body && !self.lex.is_governing_body(n))).map(|o| o.0)
    }

    /// Whether this organisation is a governing body ("Board of Regents").
    #[must_use]
    pub fn is_body(&self, id: EntityId) -> bool {
        self.orgs.iter().any(|(o, n)| *o == id && self.lex.is_governing_body(n))
    }

    /// The posts a person was appointed to in this document, latest first: (organisation, role).
    #[must_use]
    pub fn appointments(&self, appointee: EntityId) -> Vec<(Option<EntityId>, Option<String>)> {
        let recent = self.known.iter().rev().take(200).map(|f| &f.fact);
        let pending = self.pending.iter().rev().map(|(f, _)| f);
        pending
            .chain(recent)
            .filter_map(|f| match f {
                Fact::Appointment { appointee: a, org, role, .. } if *a == appointee => Some((*org, role.clone())),
                _ => None,
            })
            .collect()
    }
}

/// A registered rule.
pub struct Rule {
    /// The id `extract --explain` prints.
    pub id: &'static str,
    /// The file that holds it.
    pub file: &'static str,
    /// Reads one frame, pushing the facts it finds.
    pub run: fn(&Input, &Frame, &mut Vec<Fact>),
}

/// Every frame rule, in the order they run.
pub const RULES: &[Rule] = &[appoint::RULE, succeed::RULE, leave::RULE, join::RULE, become_::RULE, hold::RULE];

/// The file of the frame rule with this id.
#[must_use]
pub fn rule_file(id: &str) -> Option<&'static str> {
    RULES.iter().find(|r| r.id == id).map(|r| r.file)
}

/// Runs every rule on every frame; returns the facts proposed, each with its rule's id.
#[must_use]
pub fn run(input: &Input) -> Vec<(Fact, &'static str)> {
    let mut out = Vec::new();
    // one buffer for every rule's proposals, emptied into `out` with the rule's id
    let mut facts = Vec::new();
    // "The trustees of O have announced that Y will succeed W as R": the organisation that
    // tells of a post no clause places is the post's
    let mut teller: Option<EntityId> = None;
    for frame in input.frames {
        if frame.verb.negated {
            continue;
        }
        if frame.verb.class == VerbClass::Report {
            teller = input.who(frame.subject).filter(|w| matches!(w.1, Kind::Org(_))).map(|w| w.0);
            continue;
        }
        for rule in RULES {
            (rule.run)(input, frame, &mut facts);
            out.extend(facts.drain(..).map(|mut f| {
                if let (Some(o), Fact::Position { org: org @ None, .. } | Fact::Appointment { org: org @ None, .. }) =
                    (teller, &mut f)
                {
                    *org = Some(o);
                }
                (f, rule.id)
            }));
        }
    }
    out
}

/// Adds proposed facts to `pending`: a post for a holder and organisation already there (or the
/// same role without an organisation) completes it; anything else is added.
pub fn merge(pending: &mut Vec<(Fact, &'static str)>, proposed: Vec<(Fact, &'static str)>) {
    for (fact, rule) in proposed {
        if let Fact::Position { holder, org, role, start, end, under, appointed_by, replaces, ended } = &fact {
            let same = pending.iter_mut().find(|(f, _)| match f {
                Fact::Position { holder: h, org: o, role: r, .. } => {
                    h == holder
                        && (o == org || o.is_none() || org.is_none())
                        && (r.is_none() || role.is_none() || same_role(r.as_deref(), role.as_deref()))
                        && (o.is_some() || org.is_some() || r.is_some() && role.is_some())
                }
                _ => false,
            });
            if let Some((
                Fact::Position {
                    org: o,
                    role: r,
                    start: s,
                    end: e,
                    under: u,
                    appointed_by: a,
                    replaces: w,
                    ended: x,
                    ..
                },
                _,
            )) = same
            {
                *o = o.or(*org);
                if r.is_none() {
                    r.clone_from(role);
                }
                *s = s.or(*start);
                *e = e.or(*end);
                *u = u.or(*under);
                *a = a.or(*appointed_by);
                *w = w.or(*replaces);
                *x |= *ended;
                continue;
            }
        }
        if !pending.iter().any(|(f, _)| *f == fact) {
            pending.push((fact, rule));
        }
    }
}

fn same_role(a: Option<&str>, b: Option<&str>) -> bool {
    let norm = |s: &str| s.to_lowercase().trim_start_matches("the ").to_owned();
    match (a, b) {
        (Some(a), Some(b)) => {
            let (a, b) = (norm(a), norm(b));
            a == b || a.ends_with(&format!(" {b}")) || b.ends_with(&format!(" {a}"))
        }
        _ => true,
    }
}

/// A post.
#[must_use]
pub fn post(holder: EntityId, org: Option<EntityId>, role: Option<String>) -> Fact {
    Fact::Position {
        holder,
        org,
        role,
        start: None,
        end: None,
        under: None,
        appointed_by: None,
        replaces: None,
        ended: false,
    }
}

/// The role's text tidied: no leading article, lowercase unless an acronym.
#[must_use]
pub fn tidy(role: &str) -> String {
    let r = role.trim().trim_start_matches("the ").trim_start_matches("The ");
    r.split_whitespace()
        .map(|w| {
            if w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
                w.to_owned()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits "president and chief executive officer" into its posts.
#[must_use]
pub fn roles(role: &str) -> Vec<String> {
    let t = tidy(role);
    t.split(" and ").map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
pub(crate) mod testing {
    //! Reads a sentence of the test's own into frames and runs one rule on it.
    use super::super::frame::{self, Antecedents, Sentence};
    use super::super::mention::{self, Token};
    use super::*;
    use crate::lexicon::OrgKind;

    pub const P: Kind = Kind::Person;
    pub const O: Kind = Kind::Org(OrgKind::Company);

    struct Refs;
    impl Antecedents for Refs {
        fn person(&self, _: Option<crate::lexicon::Sex>) -> Option<EntityId> {
            Some(90)
        }
        fn organisation(&self, _: &str) -> Option<(EntityId, Kind)> {
            Some((91, O))
        }
    }

    /// Runs `rule` on `text`, whose names are given in order (their ids are their indexes).
    pub fn facts(rule: &Rule, text: &str, names: &[(&str, Kind)], known: &[Found]) -> Vec<Fact> {
        let lex = Lexicon::load().unwrap();
        let toks = mention::tokens(text, 0, &lex);
        let lower: Vec<String> = toks.iter().map(Token::lower).collect();
        let args = frame::args_named(text, &toks, names);
        let s = Sentence { text, base: 0, toks: &toks, lower: &lower, args };
        let frames = frame::frames(&s, &lex, &Refs);
        // the sentence's organisations, latest first, stand for those named so far
        let orgs = s
            .args
            .iter()
            .rev()
            .filter(|a| matches!(a.kind, Kind::Org(_)))
            .map(|a| (a.id, s.slice(a.first, a.next).to_owned()))
            .collect();
        let input = Input {
            lex: &lex,
            s: &s,
            frames: &frames,
            date: Some(When::year(2026)),
            known,
            pending: &[],
            its: None,
            orgs,
        };
        let mut out = Vec::new();
        for f in &frames {
            if !f.verb.negated {
                (rule.run)(&input, f, &mut out);
            }
        }
        out
    }
}
