//! Clause frames: one reading of each clause of a sentence into its subject, its verb group
//! (lemma, tense, voice, negation, modality), its object, the role it names, its prepositional
//! phrases and the time expressions inside it. Relation rules ([`super::rules`]) read frames, not
//! phrasings, so "X named Y R of O", "Y was named R of O by X", "O's board chose Y as its R" and
//! "Y, who leads O" are read by the same few rules. Verbs come from `data/lexicon/verbs.vocab`.
//!
//! This module reads; it decides nothing about facts.
//!
//! # Complexity
//! Linear in the sentence for finding verb groups; each frame's subject search looks back at
//! most [`LOOK_BACK`] tokens and its complements forward at most [`LOOK_AHEAD`], so a sentence
//! of n tokens costs O(n).

use super::mention::Token;
use super::time::{self, Span};
use super::{EntityId, Kind};
use crate::lexicon::{fold, Lexicon, Sex, VerbClass, VerbShape};

/// How far back a subject is looked for.
pub const LOOK_BACK: usize = 40;
/// How far after the verb its complements are looked for.
pub const LOOK_AHEAD: usize = 30;

/// A resolved name in the sentence: tokens `[first, next)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arg {
    /// The name's first token.
    pub first: usize,
    /// The token after its last.
    pub next: usize,
    /// The entity it resolves to.
    pub id: EntityId,
    /// What the entity is.
    pub kind: Kind,
}

/// A sentence as the frame reader sees it.
pub struct Sentence<'s> {
    /// The sentence text; `toks` carry absolute offsets, `base` is the text's.
    pub text: &'s str,
    /// The offset of the sentence in the document text.
    pub base: usize,
    /// The sentence's tokens.
    pub toks: &'s [Token<'s>],
    /// The tokens' text, lowercase, one per token.
    pub lower: &'s [String],
    /// Resolved names, in order.
    pub args: Vec<Arg>,
}

impl Sentence<'_> {
    /// The name starting at token `k` (after "the"), if any.
    #[must_use]
    pub fn arg_at(&self, k: usize) -> Option<usize> {
        let k = if self.lower.get(k).is_some_and(|w| w == "the") { k + 1 } else { k };
        self.args.iter().position(|a| a.first == k || (a.first < k && k < a.next))
    }

    /// Does the name `args[i]` name an organisation?
    pub fn is_org(&self, i: usize) -> bool {
        matches!(self.args[i].kind, Kind::Org(_))
    }

    /// Is token `t` inside a quotation: after an opening mark in the sentence, or before a
    /// closing mark that no opening one precedes (the quotation began sentences before)?
    #[must_use]
    pub fn quoted(&self, t: usize) -> bool {
        let at = self.toks.get(t).map_or(self.text.len(), |x| x.start - self.base).min(self.text.len());
        let (before, after) = self.text.split_at(at);
        let open = before.matches('“').count() > before.matches('”').count() || before.matches('"').count() % 2 == 1;
        let first_mark = self.text.find(['“', '”', '"']);
        let continued = first_mark.is_some_and(|q| {
            // a straight mark that closes: right after the quotation's last punctuation
            self.text[q..].starts_with('”')
                || self.text[q..].starts_with('"') && self.text[..q].ends_with([',', '.', '?', '!'])
        });
        open || continued && after.contains(['”', '"'])
    }

    /// The text of tokens `[a, b)`.
    #[must_use]
    pub fn slice(&self, a: usize, b: usize) -> &str {
        &self.text[self.toks[a].start - self.base..self.toks[b - 1].end - self.base]
    }
}

/// Tense as the verb group shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// "was named", "led".
    Past,
    /// "leads", "is named".
    Present,
    /// "has been named", "has led"
    Perfect,
    /// "will succeed", "is to step down", "plans to retire", "is expected to join"
    Future,
}

/// A verb with its auxiliaries, negation and particle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbGroup {
    /// The verb's base form ("lead").
    pub lemma: String,
    /// What the verb means to the rules (its class in `verbs.vocab`).
    pub class: VerbClass,
    /// The key of `verb-roles.vocab` ("leads" for any form of "lead").
    pub third: String,
    /// First token of the group (an auxiliary, "to", or the verb).
    pub first: usize,
    /// The verb itself.
    pub head: usize,
    /// One past the last token (past a particle).
    pub next: usize,
    /// Its tense.
    pub tense: Tense,
    /// Passive voice: "was named".
    pub passive: bool,
    /// Negated: "did not join", "never led".
    pub negated: bool,
    /// "to lead" after another verb ("was tapped to lead O"): its subject is that verb's.
    pub infinitive: bool,
    /// After "who", "which" or "that": a relative clause on the name before it.
    pub relative: bool,
}

/// A role named in the clause: "chief executive officer", "its new president".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolePhrase {
    /// The phrase's first token.
    pub first: usize,
    /// The token after its last.
    pub next: usize,
    /// The role as written ("chief executive officer").
    pub text: String,
    /// The organisation named with it: "R of O", "R at O", "O's R", "O R".
    pub org: Option<usize>,
    /// "its R", "their R": the organisation is one named before.
    pub its: bool,
    /// "former R", "past R".
    pub former: bool,
}

/// One clause: who did what to whom, as what, where, when.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The verb group.
    pub verb: VerbGroup,
    /// The subject: an index into [`Sentence::args`], or an entity a pronoun or "the company"
    /// stands for.
    pub subject: Option<Subject>,
    /// The first name after the verb (active voice).
    pub object: Option<usize>,
    /// The person an object pronoun right after the verb stands for: "appointed him to O".
    pub object_ref: Option<EntityId>,
    /// The role the clause names.
    pub role: Option<RolePhrase>,
    /// "by X" after a passive verb.
    pub agent: Option<usize>,
    /// Names after prepositions: ("of", arg), ("at", arg), ("from", arg).
    pub preps: Vec<(String, usize)>,
    /// The time expression inside the clause.
    pub time: Option<Span>,
    /// Tokens the clause covers.
    pub from: usize,
    /// The token after the clause's last.
    pub to: usize,
}

/// Who a subject is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A name of the sentence: an index into [`Sentence::args`].
    Arg(usize),
    /// A pronoun or "the company", resolved.
    Entity(EntityId, Kind),
}

/// What pronouns and "the company" can stand for, from the sentences before.
pub trait Antecedents {
    /// The person "he", "she" or "they" most likely names; `sex` is the pronoun's, if it has one.
    fn person(&self, sex: Option<Sex>) -> Option<EntityId>;
    /// Whether the person `id` can be what a pronoun of this sex names (their name or
    /// honorific does not say otherwise).
    fn fits(&self, _id: EntityId, _sex: Option<Sex>) -> bool {
        true
    }
    /// The organisation "it", "the company", "the bank" most likely names; `head` is the noun
    /// used ("company", "bank"), or "" for "it".
    fn organisation(&self, head: &str) -> Option<(EntityId, Kind)>;
}

const AUX: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "has",
    "have",
    "had",
    "having",
    "will",
    "would",
    "shall",
    "should",
    "may",
    "might",
    "can",
    "could",
    "must",
    "to",
    "not",
    "never",
    "n't",
    "also",
    "recently",
    "formally",
    "officially",
    "previously",
    "later",
    "subsequently",
    "then",
    "now",
    "just",
    "unanimously",
    "eventually",
    "soon",
    "already",
    "since",
];
const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am", "'s"];
const FUTURE: &[&str] = &["will", "shall", "'ll"];
/// Words before "to" that make what follows planned: "plans to retire", "is set to join".
const PLAN: &[&str] = &[
    "plans",
    "planned",
    "plan",
    "set",
    "expected",
    "poised",
    "going",
    "intends",
    "intend",
    "scheduled",
    "slated",
    "due",
];
/// The prepositions that join a name to a clause.
pub const PREPS: &[&str] =
    &["of", "at", "for", "from", "in", "with", "by", "to", "on", "under", "within", "into", "after", "before", "as"];
const BOARD: &[&str] = &["board", "trustees", "directors", "regents", "governors", "shareholders", "members"];
/// Nouns that refer back to an organisation: "the company", "the bank".
pub const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "bank",
    "agency",
    "organization",
    "organisation",
    "group",
    "university",
    "college",
    "school",
    "institute",
    "department",
    "board",
    "foundation",
    "hospital",
    "center",
    "centre",
    "council",
    "committee",
    "commission",
    "corporation",
    "lender",
    "insurer",
    "retailer",
    "nonprofit",
    "system",
    "association",
    "society",
    "fund",
    "office",
];

/// Finds the verb groups of a sentence.
#[must_use]
pub fn verb_groups(s: &Sentence, lex: &Lexicon) -> Vec<VerbGroup> {
    let mut out: Vec<VerbGroup> = Vec::new();
    let n = s.toks.len();
    let mut k = 0;
    while k < n {
        let Some(forms) = s.lower.get(k).and_then(|w| lex.verbs.get(w.as_str())) else {
            k += 1;
            continue;
        };
        // a copula followed by a verb is its auxiliary: "was named", "is leaving", "has been chosen"
        if BE.contains(&s.lower[k].as_str()) {
            let mut q = k + 1;
            while q < n && q < k + 3 && AUX.contains(&s.lower[q].as_str()) {
                q += 1;
            }
            let w = s.lower.get(q).map_or("", String::as_str);
            let verb_follows = lex.verbs.get(w).is_some_and(|f| f.iter().any(|f| f.lemma != "be"))
                || (w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing")));
            if verb_follows || q >= n {
                k += 1;
                continue;
            }
        }
        // a capitalised verb inside a name ("Chase", "Young") is the name's, except at the start
        let in_name = s.args.iter().any(|a| a.first <= k && k < a.next);
        if in_name {
            k += 1;
            continue;
        }
        // the auxiliaries before it
        let mut first = k;
        while first > 0 && AUX.contains(&s.lower[first - 1].as_str()) && k - first < 6 {
            first -= 1;
        }
        // "plans to", "is expected to": part of the group
        let mut planned = false;
        if first > 0 && s.lower[first] == "to" && PLAN.contains(&s.lower[first - 1].as_str()) {
            planned = true;
            first -= 1;
            while first > 0 && AUX.contains(&s.lower[first - 1].as_str()) && k - first < 8 {
                first -= 1;
            }
        }
        // groups never overlap: "is set to become" is one group (the plan's verb read before
        // gives way), else the auxiliaries start after the group before
        if let Some(prev) = out.last() {
            if prev.next > first {
                if planned && prev.head < k {
                    out.pop();
                } else {
                    first = prev.next.min(k);
                }
            }
        }
        let aux: Vec<&str> = s.lower[first..k].iter().map(String::as_str).collect();
        let after_aux = !aux.is_empty();
        let Some(form) = forms
            .iter()
            .find(|f| {
                let particle_ok = match &f.particle {
                    Some(p) => s.lower.get(k + 1).is_some_and(|w| w == p),
                    None => true,
                };
                // "department heads", "the chair": a noun unless inflected as a verb or after an
                // auxiliary, "to" or a pronoun
                let verbal = !f.noun_too
                    || (f.shape != VerbShape::Base
                        && !(k > 0 && matches!(s.lower[k - 1].as_str(), "the" | "a" | "an")))
                    || after_aux;
                particle_ok && verbal
            })
            .cloned()
        else {
            k += 1;
            continue;
        };
        // "heads" after a determiner or adjective is a noun: "the department heads"
        if form.noun_too && form.shape == VerbShape::Third && k > 0 && !s.toks[k - 1].is_capitalised() {
            let prev = s.lower[k - 1].as_str();
            let subjectish = matches!(prev, "he" | "she" | "it" | "they" | "who" | "which" | "that" | "also" | "now");
            if !subjectish && !s.args.iter().any(|a| a.next == k) {
                k += 1;
                continue;
            }
        }
        let be = aux.iter().any(|w| BE.contains(w));
        let participle = matches!(form.shape, VerbShape::Participle | VerbShape::PastOrParticiple)
            || (form.shape == VerbShape::Base && be);
        // "Lee, named CEO in 2010, ...": a participle without an auxiliary after a comma is
        // passive too
        let reduced = !after_aux
            && matches!(form.shape, VerbShape::Participle | VerbShape::PastOrParticiple)
            && k > 0
            && s.lower[k - 1] == ",";
        let passive = participle && (be || reduced);
        let future = aux.iter().any(|w| FUTURE.contains(w))
            || planned
            || (aux.first() == Some(&"is") && aux.get(1) == Some(&"to"));
        let perfect = aux.iter().any(|w| matches!(*w, "has" | "have" | "had"));
        let tense = if future {
            Tense::Future
        } else if perfect {
            Tense::Perfect
        } else if matches!(form.shape, VerbShape::Past | VerbShape::PastOrParticiple)
            || aux.iter().any(|w| matches!(*w, "was" | "were"))
        {
            Tense::Past
        } else {
            Tense::Present
        };
        let negated = aux.iter().any(|w| matches!(*w, "not" | "never" | "n't"))
            || (first >= 2 && s.lower[first - 2] == "no" && s.lower[first - 1] == "longer");
        let infinitive = aux.last() == Some(&"to") && !planned && !(aux.first() == Some(&"is") && aux.len() == 2);
        let relative = first > 0 && matches!(s.lower[first - 1].as_str(), "who" | "which" | "that");
        let next = if form.particle.is_some() { k + 2 } else { k + 1 };
        out.push(VerbGroup {
            lemma: form.lemma.clone(),
            class: form.class,
            third: form.third.clone(),
            first,
            head: k,
            next,
            tense,
            passive,
            negated,
            infinitive,
            relative,
        });
        k = next;
    }
    out
}

/// Tokens where only an organisation can begin: the object of an active "joined", "is
/// leaving", "retired from" (past "the" and an adjective of place: "is leaving Durham,
/// N.C.-based Duke Health to join Oakland, Calif.-based Kaiser Permanente").
#[must_use]
pub fn org_slots(s: &Sentence, lex: &Lexicon) -> Vec<usize> {
    let mut out = Vec::new();
    for vg in verb_groups(s, lex) {
        if !matches!(vg.class, VerbClass::Join | VerbClass::Leave) || vg.passive || vg.negated {
            continue;
        }
        let mut k = vg.next;
        if s.lower.get(k).is_some_and(|w| w == "from") && vg.class == VerbClass::Leave {
            k += 1;
        }
        if s.lower.get(k).is_some_and(|w| w == "the") {
            k += 1;
        }
        out.push(super::mention::place_adjective_end(s.toks, lex, k).unwrap_or(k));
    }
    out
}

/// Token ranges where only a person can stand, around the verb groups: a name right before
/// "will succeed", "stepped down", "joined", "was named" (its subject) and right after an active
/// "named", "appointed", "succeeds" (its object). `(first, next)`: a name starting at `first`
/// (after the verb) or ending at `next` (before it) fills the slot.
#[must_use]
pub fn person_slots(s: &Sentence, lex: &Lexicon) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for vg in verb_groups(s, lex) {
        let subject_person = matches!(vg.class, VerbClass::Succeed | VerbClass::Leave | VerbClass::Join)
            || (vg.class == VerbClass::Appoint && vg.passive);
        if subject_person && !vg.infinitive && !vg.relative {
            // the name ends right before the group, or before ", 42," / ", a former X," does
            out.push((usize::MAX, vg.first));
            if vg.first > 0 && s.lower[vg.first - 1] == "," {
                if let Some(open) = (vg.first.saturating_sub(14)..vg.first - 1).find(|&q| s.lower[q] == ",") {
                    out.push((usize::MAX, open));
                }
            }
        }
        if matches!(vg.class, VerbClass::Appoint | VerbClass::Succeed) && !vg.passive {
            out.push((vg.next, usize::MAX));
        }
    }
    out
}

/// Does this look like a person's name: two or three capitalised words (initials, hyphens and
/// apostrophes allowed), no organisation head word, no role word, not a place?
#[must_use]
pub fn looks_like_person(name: &str, lex: &Lexicon) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
                && !lex.roles.contains(&w.to_lowercase())
                && !lex.role_modifiers.contains(&w.to_lowercase())
        })
        && lex.org_kind(name).is_none()
        && !lex.places.contains(name)
}

/// Reads the frames of a sentence.
#[must_use]
pub fn frames(s: &Sentence, lex: &Lexicon, refs: &impl Antecedents) -> Vec<Frame> {
    let groups = verb_groups(s, lex);
    let mut out: Vec<Frame> = Vec::with_capacity(groups.len());
    for (g, vg) in groups.iter().enumerate() {
        let to = groups.get(g + 1).map_or(s.toks.len(), |n| n.first).min(vg.next + LOOK_AHEAD);
        let from = if g == 0 { 0 } else { groups[g - 1].next };
        let subject = if vg.infinitive || conjoined(s, &groups, g) {
            out.last().and_then(|f: &Frame| {
                // "was tapped to lead O": the appointee leads; "named Y to lead O": Y does
                if vg.infinitive && !f.verb.passive {
                    // "announced the appointment of Y to serve as R": the person named between
                    // the verbs serves, not the one who tells of it
                    let between = s
                        .args
                        .iter()
                        .rposition(|a| {
                            a.kind == Kind::Person
                                && a.first >= f.verb.next
                                && a.next <= vg.first
                                && a.first > 0
                                && s.lower[a.first - 1] == "of"
                        })
                        .map(Subject::Arg);
                    let teller = f.verb.class == VerbClass::Report;
                    // "named Dartmouth president Dr. P as his nominee to head O": the person the
                    // naming verb acts on heads O, wherever the object slot began
                    let person_between = s
                        .args
                        .iter()
                        .rposition(|a| a.kind == Kind::Person && a.first >= f.verb.next && a.next <= vg.first)
                        .map(Subject::Arg);
                    let object_person = f.object.filter(|&o| s.args[o].kind == Kind::Person).map(Subject::Arg);
                    let gives = matches!(f.verb.class, VerbClass::Appoint);
                    object_person.or(person_between).or(f.object.map(Subject::Arg)).or(between).or(if teller || gives {
                        None
                    } else {
                        f.subject
                    })
                } else {
                    f.subject
                }
            })
        } else {
            subject(s, vg, refs)
        };
        let mut k = vg.next;
        let mut object = if vg.passive { None } else { object_at(s, lex, k) };
        // "joined the faculty of O", "left the board of O": the organisation of a body named
        // in lowercase
        if object.is_none() && !vg.passive && s.lower.get(k).is_some_and(|w| w == "the") {
            let body = s.toks.get(k + 1).is_some_and(|t| t.is_word() && !t.is_capitalised());
            if body && s.lower.get(k + 2).is_some_and(|w| w == "of") {
                object = s.arg_at(k + 3).filter(|&i| s.args[i].first <= k + 4 && s.is_org(i));
            }
        }
        // "became the O's next chancellor": an organisation's possessive opens the role, it is
        // not what the verb acts on
        let possessive = |o: usize| s.toks.get(s.args[o].next).is_some_and(|t| matches!(t.text, "'s" | "’s"));
        if object.is_some_and(|o| s.is_org(o) && possessive(o)) && vg.class == VerbClass::Become {
            object = None;
        }
        if let Some(o) = object {
            k = s.args[o].next;
        }
        // "appointed him to O", "named her judge of O": an object pronoun is never the clause's
        // subject; "her" before a noun is a possessive ("named her deputy" is read as the object)
        let mut object_ref = None;
        if object.is_none() && !vg.passive {
            let pronoun = s.lower.get(k).map(String::as_str);
            let object_her = pronoun == Some("her")
                && s.lower.get(k + 1).is_none_or(|n| {
                    PREPS.contains(&n.as_str())
                        || lex.roles.contains(n.as_str())
                        || lex.role_modifiers.contains(n.as_str())
                        || matches!(n.as_str(), "a" | "an" | "the")
                        || !n.starts_with(char::is_alphanumeric)
                });
            if pronoun == Some("him") || object_her {
                let own = match subject {
                    Some(Subject::Arg(i)) => Some(s.args[i].id),
                    Some(Subject::Entity(id, _)) => Some(id),
                    None => None,
                };
                // ("Sankey served as Slive's number two before earning the appointment to
                // succeed him": the other person the sentence named, else the story's)
                let sex = Sex::of_pronoun(&s.lower[k]);
                let named = s
                    .args
                    .iter()
                    .rfind(|a| a.kind == Kind::Person && a.next <= k && Some(a.id) != own && refs.fits(a.id, sex))
                    .map(|a| a.id);
                object_ref = named.or_else(|| refs.person(sex).filter(|&p| Some(p) != own));
                k += 1;
            }
        }
        // "was succeeded by Y as R": the role after the agent
        if vg.passive && s.lower.get(k).is_some_and(|w| w == "by") {
            if let Some(i) = s.arg_at(k + 1).filter(|&i| s.args[i].first <= k + 2) {
                k = s.args[i].next;
            }
        }
        // "joined O in 1998 as an economist": the role after a time phrase
        if let Some(q) = past_time_phrase(s, k).filter(|&q| s.lower.get(q).is_some_and(|w| w == "as")) {
            k = q;
        }
        let role = role_after(s, lex, k, to);
        // "by X" after a passive verb; the names after prepositions
        let mut agent = None;
        let mut preps = Vec::new();
        for q in vg.next..to {
            if PREPS.contains(&s.lower[q].as_str()) {
                if let Some(i) = s.arg_at(q + 1).filter(|&i| s.args[i].first <= q + 2) {
                    if s.lower[q] == "by" && vg.passive && agent.is_none() {
                        agent = Some(i);
                    }
                    preps.push((s.lower[q].clone(), i));
                }
            }
        }
        let clause = &s.text[s.toks[vg.first].start - s.base..s.toks[to - 1].end - s.base];
        // "In 1990 she was appointed to O": a time before the verb, in its own clause, when
        // none follows it
        let fronted = g == 0 && s.lower.first().is_some_and(|w| matches!(w.as_str(), "in" | "on" | "by" | "during"));
        let before = (fronted && from < vg.first).then(|| {
            let end = s.args.iter().find(|a| a.first > from).map_or(vg.first, |a| a.first.min(vg.first));
            &s.text[s.toks[from].start - s.base..s.toks[end].start - s.base]
        });
        // ("the sixth person to lead the organization since its inception in 1991": the year of
        // the body's founding dates the body, not the post)
        let founding = [" its inception", " its founding", " its creation", " its establishment", " it was founded"]
            .iter()
            .filter_map(|p| clause.find(p))
            .min();
        let clause = founding.map_or(clause, |at| &clause[..at]);
        let time = time::span(clause).or_else(|| before.and_then(time::span));
        out.push(Frame { verb: vg.clone(), subject, object, object_ref, role, agent, preps, time, from, to });
    }
    out
}

/// The token after a time phrase starting at `k` ("in 1998", "in May 2010", "on June 30,
/// 2025"), if one starts there.
fn past_time_phrase(s: &Sentence, k: usize) -> Option<usize> {
    if !s.lower.get(k).is_some_and(|w| w == "in" || w == "on") {
        return None;
    }
    let is_year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let is_day = |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    let mut q = k + 1;
    let mut any = false;
    while let Some(w) = s.lower.get(q) {
        let step = is_year(w) || is_day(w) || time::month_number(w).is_some() || (any && w == ",");
        if !step {
            break;
        }
        any |= w != ",";
        q += 1;
    }
    // a trailing comma belongs to what follows
    while q > k + 1 && s.lower[q - 1] == "," {
        q -= 1;
    }
    any.then_some(q)
}

/// The object of an active verb at token `k`: the name there, past a describing name before it
/// ("named Boston physician Y", "hired Acme veteran Y": the person is the object).
fn object_at(s: &Sentence, lex: &Lexicon, k: usize) -> Option<usize> {
    // "is leaving Durham, N.C.-based Duke Health": past the adjective of place
    let k = {
        let q = if s.lower.get(k).is_some_and(|w| w == "the") { k + 1 } else { k };
        super::mention::place_adjective_end(s.toks, lex, q).unwrap_or(k)
    };
    // "company veteran Mark Durcan", "Atlanta Falcons director of player personnel David
    // Caldwell": lowercase words describing the person named after them (a title among them
    // when a name came first)
    let person_after_words = |from: usize, max: usize, need_role: bool| {
        let mut q = from;
        let mut role = false;
        while q < s.toks.len()
            && q < from + max
            && s.toks[q].is_word()
            && !s.toks[q].is_capitalised()
            && !matches!(s.lower[q].as_str(), "and" | "as" | "to" | "in" | "on" | "at" | "for" | "by" | "with")
        {
            role |= lex.roles.contains(s.lower[q].as_str());
            q += 1;
        }
        // ("Dartmouth president Dr. Jim Yong Kim": past an honorific)
        let at = |b: &Arg| {
            b.first == q || b.first == q + 1 && s.toks.get(q).is_some_and(|t| lex.honorifics.contains(&fold(t.text)))
        };
        (q > from && (role || !need_role))
            .then(|| s.args.iter().position(|b| at(b) && b.kind == Kind::Person))
            .flatten()
    };
    // "named a top manager, Y, as R", "hired its former counsel, Y,": a description, then the
    // person it describes between commas
    let appositive = || {
        if !matches!(s.lower.get(k).map(String::as_str), Some("a" | "an" | "the" | "its" | "their" | "his" | "her")) {
            return None;
        }
        let mut q = k + 1;
        while q < s.toks.len()
            && q < k + 6
            && s.toks[q].is_word()
            && !s.toks[q].is_capitalised()
            && !PREPS.contains(&s.lower[q].as_str())
            && s.lower[q] != "and"
        {
            q += 1;
        }
        (q > k + 1 && s.lower.get(q).is_some_and(|w| w == ","))
            .then(|| s.args.iter().position(|b| b.first == q + 1 && b.kind == Kind::Person))
            .flatten()
    };
    let Some(i) = s.arg_at(k).filter(|&i| s.args[i].first <= k + 1) else {
        // "named Dartmouth president Dr. P": a name no rule typed, then a title, then the person
        let mut q = k;
        while q < s.toks.len() && q < k + 3 && s.toks[q].is_word() && s.toks[q].is_capitalised() {
            q += 1;
        }
        let titled = (q > k).then(|| person_after_words(q, 4, true)).flatten();
        return person_after_words(k, 3, false).or_else(appositive).or(titled);
    };
    let a = s.args[i];
    let describes = a.kind == Kind::Place || matches!(a.kind, Kind::Org(_));
    if let Some(j) = person_after_words(a.next, 6, true).filter(|_| describes) {
        return Some(j);
    }
    if describes {
        // a lowercase noun or two after it, then a person
        let mut q = a.next;
        while q < s.toks.len() && q < a.next + 3 && s.toks[q].is_word() && !s.toks[q].is_capitalised() {
            q += 1;
        }
        let nouns = q > a.next && lex.roles.contains(s.lower[q - 1].as_str())
            || q > a.next && !PREPS.contains(&s.lower[a.next].as_str()) && q - a.next == 1 && s.lower[a.next] != "and";
        if nouns {
            if let Some(j) = s.args.iter().position(|b| b.first == q && b.kind == Kind::Person) {
                return Some(j);
            }
        }
    }
    Some(i)
}

/// "X joined O in 2010 and was named R in 2012": the second verb shares the first's subject.
fn conjoined(s: &Sentence, groups: &[VerbGroup], g: usize) -> bool {
    if g == 0 {
        return false;
    }
    let vg = &groups[g];
    let prev = &groups[g - 1];
    let between = &s.lower[prev.next..vg.first];
    let and_before = vg.first > 0 && matches!(s.lower[vg.first - 1].as_str(), "and" | "but" | "then" | "or");
    let and_comma = vg.first > 1 && s.lower[vg.first - 1] == "," && matches!(s.lower[vg.first - 2].as_str(), "and");
    let no_new_subject = !between.iter().any(|w| matches!(w.as_str(), "he" | "she" | "they" | "it" | "who" | "which"));
    (and_before || and_comma) && no_new_subject && !vg.relative
}

/// The subject of a verb group: the name before it, past appositions ("Lee, 42, a former
/// Treasury official, was named") and relative clauses ("Lee, who joined O in 2010, was
/// named"); a pronoun or "the company" resolved; "O's board" and "the board of O" are O.
fn subject(s: &Sentence, vg: &VerbGroup, refs: &impl Antecedents) -> Option<Subject> {
    if vg.relative {
        // "Lee, who leads O": the name before "who" (past one comma)
        let w = vg.first - 1;
        let end = if w > 0 && s.lower[w - 1] == "," { w - 1 } else { w };
        return s.args.iter().position(|a| a.next == end).map(Subject::Arg);
    }
    let mut k = vg.first;
    let stop = vg.first.saturating_sub(LOOK_BACK);
    while k > stop {
        let t = k - 1;
        let w = s.lower[t].as_str();
        // "X, <apposition or relative clause>, verb": the name before the first comma
        if w == "," {
            if let Some(i) = s.args.iter().position(|a| a.next == t) {
                return Some(Subject::Arg(i));
            }
            if let Some(open) = (stop..t).rev().find(|&q| s.lower[q] == ",") {
                let inner = &s.lower[open + 1..t];
                let clause_like = inner.iter().any(|w| matches!(w.as_str(), "who" | "which" | "whose"))
                    || (!inner.is_empty() && inner.len() <= 12 && !inner.iter().any(|w| w == "and" || w == "said"));
                if clause_like {
                    k = open + 1;
                    continue;
                }
            }
            // "On Monday, Acme named ...": nothing before the comma is the subject
            return None;
        }
        if matches!(w, "he" | "she" | "they") {
            return pronoun_subject(s, t, refs);
        }
        if w == "it" {
            return refs.organisation("").map(|(id, kind)| Subject::Entity(id, kind));
        }
        // "the company", "the bank's board"
        if ORG_NOUNS.contains(&w) && t > 0 && s.lower[t - 1] == "the" && s.arg_at(t).is_none() {
            let head = if BOARD.contains(&w) && t >= 3 && matches!(s.toks[t - 2].text, "'s" | "’s") {
                s.lower[t - 3].as_str()
            } else {
                w
            };
            return refs.organisation(head).map(|(id, kind)| Subject::Entity(id, kind));
        }
        if let Some(i) =
            s.args.iter().position(|a| a.next == k || (a.next == k - 1 && matches!(s.toks[k - 1].text, "'s" | "’s")))
        {
            let a = &s.args[i];
            let before = a.first.checked_sub(1).map(|p| s.lower[p].as_str());
            let before =
                if before == Some("the") { a.first.checked_sub(2).map(|p| s.lower[p].as_str()) } else { before };
            // "the board of O": O is the subject
            let of_at = if a.first >= 1 && s.lower[a.first - 1] == "the" {
                a.first.saturating_sub(2)
            } else {
                a.first.saturating_sub(1)
            };
            let of_board = before == Some("of") && of_at >= 1 && BOARD.contains(&s.lower[of_at - 1].as_str());
            if before.is_some_and(|b| PREPS.contains(&b)) && !of_board {
                // "in 2010, Acme ..." is fine; "the CEO of Acme, Lee, ..." is not the subject
                k = a.first;
                continue;
            }
            // "O's board": the possessive's owner
            return Some(Subject::Arg(i));
        }
        // "Acme's board of directors", "The bank's board": keep walking over plain words
        k -= 1;
        // "he wrote A, performed B for P, and served as R": a verb after "and" has the subject
        // the clause began with
        if w == "and" {
            return clause_opening_subject(s, stop, t, refs);
        }
        if matches!(w, "." | ";" | ":" | "that" | "said" | "says" | "announced") {
            return None;
        }
    }
    None
}

/// Whom the pronoun at token `t` names: the person a clause before it in the same sentence
/// opened with, when that person can be what the pronoun names ("Lee joins Acme from Brindle,
/// where she was treasurer"); else the person the sentences before were about.
fn pronoun_subject(s: &Sentence, t: usize, refs: &impl Antecedents) -> Option<Subject> {
    // "He is the right person to lead the SEC," said P: the speaker's "he" is someone the
    // quotation does not name
    if s.quoted(t) {
        return None;
    }
    let sex = Sex::of_pronoun(&s.lower[t]);
    // "Y will succeed W, who announced that he will retire": inside a relative clause, the
    // person the clause is about
    let relative = s.args.iter().rposition(|a| {
        a.kind == Kind::Person
            && refs.fits(a.id, sex)
            && s.lower.get(a.next).is_some_and(|w| w == ",")
            && s.lower.get(a.next + 1).is_some_and(|w| w == "who")
            && a.next + 1 < t
            && !s.lower[a.next + 2..t].iter().any(|w| matches!(w.as_str(), ";" | "." | "and" | "but"))
    });
    if let Some(i) = relative {
        return Some(Subject::Arg(i));
    }
    // "Maylor announced that he was resigning": the one who tells of it
    let teller = s.args.iter().rposition(|a| {
        a.kind == Kind::Person && refs.fits(a.id, sex) && a.next < t && t - a.next <= 3 && s.lower[t - 1] == "that"
    });
    if let Some(i) = teller {
        return Some(Subject::Arg(i));
    }
    let opener = s.args.iter().position(|a| {
        a.kind == Kind::Person
            && a.next <= t
            && refs.fits(a.id, sex)
            // ("McNamara's appointment comes after ...": an owner is no subject)
            && !s.toks.get(a.next).is_some_and(|w| matches!(w.text, "'s" | "’s"))
            && !(a.first > 0 && PREPS.contains(&s.lower[a.first - 1].as_str()))
            && !(a.first > 1 && s.lower[a.first - 1] == "the" && PREPS.contains(&s.lower[a.first - 2].as_str()))
    });
    match opener {
        Some(i) => Some(Subject::Arg(i)),
        None => refs.person(sex).map(|id| Subject::Entity(id, Kind::Person)),
    }
}

/// The subject a clause opens with: the first pronoun, or the first name not after a
/// preposition, in `[from, to)`.
fn clause_opening_subject(s: &Sentence, from: usize, to: usize, refs: &impl Antecedents) -> Option<Subject> {
    let from = (from..to).rev().find(|&q| matches!(s.lower[q].as_str(), ";" | ":" | "that")).map_or(from, |q| q + 1);
    let mut q = from;
    while q < to {
        match s.lower[q].as_str() {
            "he" | "she" | "they" => return pronoun_subject(s, q, refs),
            _ => {}
        }
        if let Some(i) = s.args.iter().position(|a| a.first == q) {
            let after_prep = q > 0 && PREPS.contains(&s.lower[q - 1].as_str())
                || q > 1 && s.lower[q - 1] == "the" && PREPS.contains(&s.lower[q - 2].as_str());
            if !after_prep {
                return Some(Subject::Arg(i));
            }
            q = s.args[i].next;
            continue;
        }
        q += 1;
    }
    None
}

/// A role named from token `k`: "as its chief executive", "to be president of O", "CEO of O",
/// "to the post of R". Returns `None` unless a role head word is found within a few words.
fn role_after(s: &Sentence, lex: &Lexicon, mut k: usize, to: usize) -> Option<RolePhrase> {
    let mut its = false;
    let mut former = false;
    let skip = |w: &str| {
        matches!(
            w,
            "as" | "to"
                | "be"
                | "the"
                | "a"
                | "an"
                | "its"
                | "their"
                | "his"
                | "her"
                | "new"
                | "next"
                | "first"
                | "second"
                | "third"
                | "currently"
                | "now"
                | "also"
                | "still"
                | "previously"
                | "formerly"
                | "serve"
                | "become"
                | "post"
                | "position"
                | "role"
                | "job"
                | "office"
                | "of"
                | "former"
                | "past"
                | "previous"
                | "permanent"
                | "sole"
                | "company's"
                | "bank's"
        )
    };
    // "named Y, a top manager, as R": the comma closing an apposition
    if k + 1 < to && s.lower[k] == "," && s.lower[k + 1] == "as" {
        k += 1;
    }
    // "retired from her role as R", "stepped down from the post of R" (the verb's particle may
    // have taken "from")
    let from = usize::from(s.lower.get(k).is_some_and(|w| w == "from"));
    if k + from + 2 < to
        && matches!(s.lower[k + from].as_str(), "her" | "his" | "their" | "its" | "the")
        && matches!(s.lower[k + from + 1].as_str(), "role" | "post" | "position" | "job" | "office")
        && matches!(s.lower[k + from + 2].as_str(), "as" | "of")
    {
        k += from + 3;
    }
    let start = k;
    while k < to && k < start + 7 && (skip(s.lower[k].as_str()) || lex.holder_descriptors.contains(s.lower[k].as_str()))
    {
        its |= matches!(s.lower[k].as_str(), "its" | "their");
        former |= matches!(s.lower[k].as_str(), "former" | "past" | "previous" | "previously" | "formerly");
        k += 1;
    }
    // "as Acme's CEO": an organisation's possessive before the role
    let mut owner = None;
    if let Some(i) = s.arg_at(k).filter(|&i| s.args[i].first == k && s.is_org(i)) {
        let p = s.args[i].next;
        if s.toks.get(p).is_some_and(|t| matches!(t.text, "'s" | "’s")) {
            owner = Some(i);
            k = p + 1;
            // "the O's next chancellor"
            while k < to && matches!(s.lower[k].as_str(), "new" | "next" | "first" | "former" | "current" | "interim") {
                former |= s.lower[k] == "former";
                k += 1;
            }
        } else if s
            .toks
            .get(p)
            .is_some_and(|t| lex.roles.contains(&t.lower()) || lex.role_modifiers.contains(&t.lower()))
        {
            // "Acme CEO"
            owner = Some(i);
            k = p;
        }
    }
    let first = k;
    // "as a civil engineering assistant professor": up to two plain words naming a field before
    // the title, after an article
    let plain = |q: usize| {
        q < to
            && s.toks[q].is_word()
            && !s.toks[q].is_capitalised()
            && s.lower[q].chars().all(char::is_alphabetic)
            && !s.lower[q].ends_with("ed")
            && !lex.function_words.contains(s.lower[q].as_str())
            && !lex.roles.contains(s.lower[q].as_str())
            && !lex.role_modifiers.contains(s.lower[q].as_str())
    };
    let mut field_end = k;
    if k > start && matches!(s.lower[k - 1].as_str(), "a" | "an" | "the" | "its" | "their" | "his" | "her") {
        while field_end < k + 2 && plain(field_end) {
            field_end += 1;
        }
        let titled = s
            .lower
            .get(field_end)
            .is_some_and(|w| lex.roles.contains(w.as_str()) || lex.role_modifiers.contains(w.as_str()));
        if !titled {
            field_end = k;
        }
    }
    let mut last_head = None;
    let mut q = k;
    while q < to && q < first + 8 {
        let w = s.lower[q].as_str();
        if s.args.iter().any(|a| a.first <= q && q < a.next) && !s.toks[q].is_acronym() {
            break;
        }
        if q < field_end {
            q += 1;
            continue;
        }
        let coordinated = matches!(w, "and" | "&")
            && last_head.is_some()
            && s.lower
                .get(q + 1)
                .is_some_and(|n| lex.roles.contains(n.as_str()) || lex.role_modifiers.contains(n.as_str()));
        // "chief ethics officer": a plain word between a modifier and the head
        let inner_word = q > first
            && lex.role_modifiers.contains(s.lower[q - 1].as_str())
            && w.chars().all(char::is_alphabetic)
            && !s.toks[q].is_capitalised()
            && s.lower.get(q + 1).is_some_and(|n| lex.roles.contains(n.as_str()));
        if lex.roles.contains(w) {
            last_head = Some(q);
        } else if !(lex.role_modifiers.contains(w) || w.starts_with("co-") || w == "-" || coordinated || inner_word) {
            break;
        }
        q += 1;
    }
    let head = last_head?;
    // "chief executive": a modifier after the head word that completes it
    let mut next = head + 1;
    while next < q && next < to && lex.role_modifiers.contains(s.lower[next].as_str()) {
        next += 1;
    }
    // "advisor to the chairman", "assistant to the president": one title, whose holder serves
    // the other
    if next + 2 < to
        && s.lower[next] == "to"
        && s.lower[next + 1] == "the"
        && lex.roles.contains(s.lower[next + 2].as_str())
        && !s.args.iter().any(|a| a.first <= next + 2 && next + 2 < a.next)
    {
        next += 3;
    }
    // "is currently President, Acme Seeds, the group's largest unit": a title in capitals, a
    // comma and the organisation (not "President, Acme said")
    let mut org = owner;
    if org.is_none() && next + 1 < to && s.lower[next] == "," && s.toks[first].is_capitalised() {
        if let Some(i) = s.arg_at(next + 1).filter(|&i| s.is_org(i) && s.args[i].first == next + 1) {
            let after = s.lower.get(s.args[i].next).map_or("", String::as_str);
            if !lex.verbs.contains_key(after) {
                org = Some(i);
            }
        }
    }
    // "president for research", "professor of economics": a lowercase field is part of the role
    let mut p = next;
    if p < to && matches!(s.lower[p].as_str(), "of" | "at" | "for" | "with" | "in") {
        // ("CEO of New Hyde Park, N.Y.-based Northwell Health": past the adjective of place)
        let at = super::mention::place_adjective_end(s.toks, lex, p + 1).map_or(p + 1, |e| e);
        let near = if at > p + 1 { at + 1 } else { p + 2 };
        match s.arg_at(at).filter(|&i| s.is_org(i) && s.args[i].first <= near) {
            Some(i) => org = org.or(Some(i)),
            None if matches!(s.lower[p].as_str(), "of" | "for") => {
                let mut f = p + 1;
                while f < to
                    && f < p + 5
                    && s.toks[f].is_word()
                    && !s.toks[f].is_capitalised()
                    && !matches!(
                        s.lower[f].as_str(),
                        "the"
                            | "its"
                            | "their"
                            | "a"
                            | "an"
                            | "and"
                            | "at"
                            | "in"
                            | "of"
                            | "since"
                            | "from"
                            | "to"
                            | "until"
                            | "on"
                    )
                {
                    f += 1;
                }
                if f > p + 1 {
                    next = f;
                    p = f;
                    if p < to && matches!(s.lower[p].as_str(), "at" | "of" | "in") {
                        org = org.or(s.arg_at(p + 1).filter(|&i| s.is_org(i) && s.args[i].first <= p + 2));
                    }
                }
            }
            None => {}
        }
    }
    let text = s.slice(first, next).to_owned();
    Some(RolePhrase { first, next, text, org, its, former })
}

/// For tests: the names of a sentence of the test's own, given in order (ids are their indexes).
#[cfg(test)]
pub(crate) fn args_named(text: &str, toks: &[Token], names: &[(&str, Kind)]) -> Vec<Arg> {
    let mut args: Vec<Arg> = names
        .iter()
        .enumerate()
        .map(|(id, (name, kind))| {
            let at = text.find(name).expect("the name is in the text");
            let first = toks.iter().position(|t| t.start == at).expect("a name starts a token");
            let next = toks.iter().position(|t| t.start >= at + name.len()).unwrap_or(toks.len());
            Arg { first, next, id, kind: *kind }
        })
        .collect();
    args.sort_by_key(|a| a.first);
    args
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::OrgKind;

    struct NoRefs;
    impl Antecedents for NoRefs {
        fn person(&self, _: Option<Sex>) -> Option<EntityId> {
            Some(99)
        }
        fn organisation(&self, _: &str) -> Option<(EntityId, Kind)> {
            Some((98, Kind::Org(OrgKind::Company)))
        }
    }

    /// Tokens, with every capitalised run marked as a name: people for two words, firms otherwise.
    fn read(text: &str, names: &[(&str, Kind)]) -> (Vec<Frame>, Vec<Arg>, Vec<String>) {
        let lex = Lexicon::load().unwrap();
        let toks = super::super::mention::tokens(text, 0, &lex);
        let lower: Vec<String> = toks.iter().map(Token::lower).collect();
        let args = args_named(text, &toks, names);
        let s = Sentence { text, base: 0, toks: &toks, lower: &lower, args: args.clone() };
        (frames(&s, &lex, &NoRefs), args, lower)
    }

    const P: Kind = Kind::Person;
    const O: Kind = Kind::Org(OrgKind::Company);

    #[test]
    fn verb_groups_never_overlap_and_every_clause_reads() {
        let lex = Lexicon::load().unwrap();
        for text in [
            "Rona Varn is set to become the first chairwoman to lead the Tarrow Trust's board.",
            "Ann Quell was expected to be named to head Harrow Mint.",
            "He is due to take over as chief executive, and is set to begin in May.",
        ] {
            let toks = super::super::mention::tokens(text, 0, &lex);
            let lower: Vec<String> = toks.iter().map(Token::lower).collect();
            let s = Sentence { text, base: 0, toks: &toks, lower: &lower, args: Vec::new() };
            let groups = verb_groups(&s, &lex);
            for w in groups.windows(2) {
                assert!(w[0].next <= w[1].first, "{text}: {groups:?}");
            }
            // reading the frames of every group panics on none
            let _ = frames(&s, &lex, &NoRefs);
        }
    }

    #[test]
    fn active_and_passive_appointments_read_alike() {
        let (f, args, _) = read(
            "Brindle Corp. named Oyelaran Tamsin its chief executive officer on Monday.",
            &[("Brindle Corp.", O), ("Oyelaran Tamsin", P)],
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].verb.lemma, "name");
        assert!(!f[0].verb.passive);
        assert_eq!(f[0].subject.map(|s| if let Subject::Arg(i) = s { args[i].id } else { 0 }), Some(0));
        assert_eq!(f[0].object.map(|i| args[i].id), Some(1));
        let role = f[0].role.as_ref().unwrap();
        assert_eq!(role.text, "chief executive officer");
        assert!(role.its);

        let (f, args, _) = read(
            "Oyelaran Tamsin has been chosen as president of Brindle Corp. by its board.",
            &[("Oyelaran Tamsin", P), ("Brindle Corp.", O)],
        );
        assert!(f[0].verb.passive);
        assert_eq!(f[0].verb.tense, Tense::Perfect);
        assert_eq!(f[0].subject, Some(Subject::Arg(0)));
        let role = f[0].role.as_ref().unwrap();
        assert_eq!(role.text, "president");
        assert_eq!(role.org.map(|i| args[i].id), Some(1));
    }

    #[test]
    fn future_negation_particles_and_relative_clauses() {
        let (f, _, _) = read("Quell Ardent will step down as chairman at the end of 2027.", &[("Quell Ardent", P)]);
        assert_eq!(f[0].verb.lemma, "step down");
        assert_eq!(f[0].verb.tense, Tense::Future);
        assert_eq!(f[0].role.as_ref().unwrap().text, "chairman");
        assert_eq!(f[0].time.and_then(|t| t.start).map(|w| w.year), Some(2027));

        let (f, _, _) = read("Quell Ardent did not resign.", &[("Quell Ardent", P)]);
        assert!(f[0].verb.negated);

        let (f, _, _) = read(
            "Quell Ardent, who has led Tannery Works since 2009, said",
            &[("Quell Ardent", P), ("Tannery Works", O)],
        );
        assert!(f[0].verb.relative);
        assert_eq!(f[0].subject, Some(Subject::Arg(0)));
        assert_eq!(f[0].object, Some(1));
        assert_eq!(f[0].time.and_then(|t| t.start).map(|w| w.year), Some(2009));
    }

    #[test]
    fn appositions_are_skipped_and_pronouns_resolved() {
        let (f, _, _) = read(
            "Ilse Varn, 42, a former Treasury official, was tapped to oversee Harrow Mint.",
            &[("Ilse Varn", P), ("Treasury", O), ("Harrow Mint", O)],
        );
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].subject, Some(Subject::Arg(0)));
        assert!(f[1].verb.infinitive);
        assert_eq!(f[1].subject, Some(Subject::Arg(0)));
        assert_eq!(f[1].object, Some(2));

        let (f, _, _) = read("She will succeed Ilse Varn as treasurer.", &[("Ilse Varn", P)]);
        assert_eq!(f[0].subject, Some(Subject::Entity(99, Kind::Person)));
        assert_eq!(f[0].object, Some(0));
        assert_eq!(f[0].role.as_ref().unwrap().text, "treasurer");
    }

    #[test]
    fn a_pronoun_in_a_relative_clause_is_the_person_the_clause_is_about() {
        let (f, _, _) = read(
            "Tomas Quell will succeed Anton Varn, who announced that he will retire from Harrow Mint in 2008.",
            &[("Tomas Quell", P), ("Anton Varn", P), ("Harrow Mint", O)],
        );
        let retire = f.iter().find(|x| x.verb.lemma == "retire").expect("a retiring clause");
        assert_eq!(retire.subject, Some(Subject::Arg(1)), "{f:?}");
    }

    #[test]
    fn a_verb_after_and_has_the_subject_its_clause_opened_with() {
        let (f, _, _) = read(
            "At Harrow Mint he wrote software for Tomas Quell, and served as treasurer.",
            &[("Harrow Mint", O), ("Tomas Quell", P)],
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject, Some(Subject::Entity(99, Kind::Person)));
    }

    #[test]
    fn nouns_that_look_like_verbs_are_not_verbs() {
        let (f, _, _) = read("The department heads met the chair.", &[]);
        assert!(f.is_empty(), "{f:?}");
        let (f, _, _) = read("Ilse Varn heads Harrow Mint.", &[("Ilse Varn", P), ("Harrow Mint", O)]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].verb.class, VerbClass::Hold);
    }

    #[test]
    fn came_to_o_as_a_field_title_joins_with_the_field_in_the_role() {
        let (f, args, _) = read(
            "Oyelaran Tamsin came to Brindle Corp. as a civil engineering assistant professor in 1984.",
            &[("Oyelaran Tamsin", P), ("Brindle Corp.", O)],
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].verb.lemma, "come to");
        assert_eq!(f[0].verb.class, VerbClass::Join);
        assert_eq!(f[0].object.map(|i| args[i].id), Some(1));
        assert_eq!(f[0].role.as_ref().map(|r| r.text.as_str()), Some("civil engineering assistant professor"));
        // a participle describes, it names no field: "a respected professor" is a professor
        let (f, _, _) = read(
            "Oyelaran Tamsin joined Brindle Corp. as a respected professor.",
            &[("Oyelaran Tamsin", P), ("Brindle Corp.", O)],
        );
        assert!(f[0].role.as_ref().is_none_or(|r| r.text == "professor"), "{f:?}");
    }
}
