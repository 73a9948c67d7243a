//! A relation as words: one template per relation kind, with the role, degree or honour and
//! the years in parentheses before the preposition ("chaired (2009–2016)", "studied (MD) at",
//! "chief information officer (2002–2012) of", "honoured (Leiter Lecture, 2010) by"), and the
//! line saying whether consecutive hops of a path fit together in time.

use regex::Regex;

use crate::paths::{overlap, span, Hop, Projection, Relation, RelationKind};

/// A verb phrase in three parts, so the details sit before the preposition.
struct Phrase {
    verb: String,
    details: Vec<String>,
    prep: &'static str,
}

impl Phrase {
    fn new(verb: impl Into<String>, prep: &'static str) -> Self {
        Phrase { verb: verb.into(), details: Vec::new(), prep }
    }

    fn render(&self) -> String {
        let mut s = self.verb.clone();
        let details: Vec<&str> = self.details.iter().map(String::as_str).filter(|d| !d.is_empty()).collect();
        if !details.is_empty() {
            s.push_str(&format!(" ({})", details.join(", ")));
        }
        if !self.prep.is_empty() {
            s.push(' ');
            s.push_str(self.prep);
        }
        s
    }
}

/// A role as it reads inside a sentence: "Chief information officer" ▶ "chief information
/// officer"; acronyms and proper names ("CIO", "Leiter Lecture") keep their capitals.
fn soften(role: &str) -> String {
    let role = role.trim();
    let first = role.split_whitespace().next().unwrap_or("");
    let rest_lower = first.chars().skip(1).all(|c| !c.is_uppercase());
    let later_lower = role.split_whitespace().skip(1).all(|w| w.chars().next().is_none_or(|c| !c.is_uppercase()));
    if rest_lower && later_lower {
        let mut c = role.chars();
        c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
    } else {
        role.to_owned()
    }
}

fn chair() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)^(co-?|vice[- ]?)?chair(?:man|woman|person)?$").expect("static regex"))
}

/// Head words of roles that take "of" ("president of", "chief information officer of");
/// other roles take "at" ("professor at", "associate dean for technology at").
const OF_HEADS: &[&str] = &[
    "president",
    "vice-president",
    "director",
    "dean",
    "officer",
    "head",
    "chief",
    "ceo",
    "cio",
    "cto",
    "cfo",
    "coo",
    "founder",
    "co-founder",
    "leader",
    "co-leader",
    "manager",
    "trustee",
    "governor",
    "secretary",
    "treasurer",
    "administrator",
    "commissioner",
    "editor",
    "investigator",
    "chairman",
    "chairwoman",
    "member",
    "partner",
    "owner",
    "superintendent",
    "provost",
    "chancellor",
    "rector",
    "principal",
];

/// "chaired", "co-chaired", or the role with the preposition it takes.
fn role_phrase(role: &str, default_prep: &'static str) -> Phrase {
    if let Some(c) = chair().captures(role.trim()) {
        let prefix = c.get(1).map_or(String::new(), |m| {
            let p = m.as_str().to_lowercase();
            if p.starts_with("vice") {
                "vice-".to_owned()
            } else {
                "co-".to_owned()
            }
        });
        return Phrase::new(format!("{prefix}chaired"), "");
    }
    let soft = soften(role);
    let lower = soft.to_lowercase();
    let head = lower.split_whitespace().last().unwrap_or("");
    let prep = if lower.contains(" of ") || lower.contains(" for ") || lower.contains(',') {
        "at"
    } else if OF_HEADS.contains(&head) {
        "of"
    } else {
        default_prep
    };
    Phrase::new(soft, prep)
}

/// Degrees that are training rather than study.
const TRAINING: &[&str] = &["internship", "residency", "fellowship", "clerkship"];

/// The relation as a verb phrase read from its source to its target.
#[must_use]
pub fn phrase(p: &Projection, r: &Relation) -> String {
    let years = r.years();
    let role = r.role.as_deref().map(str::trim).filter(|x| !x.is_empty());
    // how the kind reads without a role, from the table of relation kinds
    let plain = || Phrase::new(r.kind.row().verb, r.kind.row().prep);
    let mut ph = match r.kind {
        RelationKind::Position => {
            let mut ph = role.map_or_else(plain, |x| role_phrase(x, r.kind.row().prep));
            ph.details.push(years);
            if r.ended == Some(true) && r.end.is_none() {
                ph.details.push("left".into());
            }
            return ph.render();
        }
        RelationKind::ServedUnder => {
            let org = r.organization.map(|o| p.node(o).label.clone());
            let verb = match (role, org) {
                (Some(x), Some(o)) => format!("served as {} of {o}", soften(x)),
                (Some(x), None) => format!("served as {}", soften(x)),
                (None, Some(o)) => format!("served at {o}"),
                (None, None) => "served".to_owned(),
            };
            let mut ph = Phrase::new(verb, "under");
            ph.details.push(if r.years_inferred { format!("{years} term") } else { years });
            return ph.render();
        }
        RelationKind::Education => {
            let training = role.is_some_and(|d| TRAINING.contains(&d.to_lowercase().as_str()));
            let mut ph = Phrase::new(if training { "trained" } else { "studied" }, "at");
            if let Some(d) = role {
                ph.details.push(if training { d.to_lowercase() } else { d.to_owned() });
            }
            ph
        }
        RelationKind::Membership => role.map_or_else(plain, |x| role_phrase(x, r.kind.row().prep)),
        RelationKind::Collaboration => {
            let mut ph = plain();
            ph.details.extend(role.map(|t| format!("on {t}")));
            ph
        }
        RelationKind::Appointment => {
            let org = r.organization.map(|o| p.node(o).label.clone());
            let to_org = p.node(r.target).kind != "Person";
            let mut ph = Phrase::new("appointed", if to_org { "to" } else { "by" });
            ph.details.extend(match (role, org) {
                (Some(x), Some(o)) => Some(format!("as {} of {o}", soften(x))),
                (Some(x), None) => Some(format!("as {}", soften(x))),
                (None, Some(o)) => Some(format!("at {o}")),
                (None, None) => None,
            });
            ph
        }
        RelationKind::Succeeded => {
            let mut ph = plain();
            ph.details.extend(role.map(|x| format!("as {}", soften(x))));
            ph
        }
        // the verb of the table, the role (honour, topic) beside it
        _ => {
            let mut ph = plain();
            ph.details.extend(role.map(str::to_owned));
            ph
        }
    };
    ph.details.push(years);
    ph.render()
}

/// "Jane Q. Rivera — chaired (2009–2016) → Healthcare …", or with `←` when the hop walks
/// against the relation's direction.
#[must_use]
pub fn hop_line(p: &Projection, h: &Hop) -> String {
    let r = p.relation(h.edge);
    let (a, b) = (&p.node(h.from).label, &p.node(h.to).label);
    if r.source == h.from {
        format!("{a} — {} → {b}", phrase(p, r))
    } else {
        format!("{a} ← {} — {b}", phrase(p, r))
    }
}

/// How two consecutive hops sit in time: `Some(Ok(period))` when both are dated and overlap,
/// `Some(Err(()))` when both are dated and do not, `None` when either is undated.
#[must_use]
pub fn fit(a: &Relation, b: &Relation) -> Option<Result<(i32, i32), ()>> {
    a.period()?;
    b.period()?;
    Some(overlap(a, b).ok_or(()))
}

/// The closing lines of a path: "both during 2009–2016" for two hops, "hops 2 and 3 both during
/// …" for longer paths, and "hops 1 and 2 not at the same time (…; …)" when dated hops do not
/// meet.
#[must_use]
pub fn time_lines(p: &Projection, path: &[Hop]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, w) in path.windows(2).enumerate() {
        let (a, b) = (p.relation(w[0].edge), p.relation(w[1].edge));
        let which = if path.len() == 2 { String::new() } else { format!("hops {} and {} ", i + 1, i + 2) };
        match fit(a, b) {
            Some(Ok(period)) => out.push(format!("{which}both during {}", span(period))),
            Some(Err(())) => out.push(format!("{which}not at the same time ({}; {})", a.years(), b.years())),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::Node;
    use petgraph::graph::NodeIndex;

    fn projection() -> Projection {
        let node = |label: &str, kind: &str| Node {
            iri: format!("urn:{label}"),
            label: label.into(),
            kind: kind.into(),
            names: vec![],
        };
        Projection::from_parts(
            vec![node("Rivera", "Person"), node("NDSC", "Committee"), node("Voss", "Person")],
            vec![],
        )
    }

    fn say(kind: RelationKind, role: Option<&str>, years: (Option<i32>, Option<i32>)) -> String {
        let p = projection();
        let r = Relation {
            role: role.map(str::to_owned),
            start: years.0,
            end: years.1,
            source: NodeIndex::new(0),
            target: NodeIndex::new(1),
            ..Relation::new(kind)
        };
        phrase(&p, &r)
    }

    #[test]
    fn templates_per_kind() {
        assert_eq!(say(RelationKind::Position, Some("Chair"), (Some(2005), Some(2009))), "chaired (2005–2009)");
        assert_eq!(say(RelationKind::Position, Some("Co-chair"), (Some(2009), Some(2016))), "co-chaired (2009–2016)");
        assert_eq!(say(RelationKind::Position, Some("Vice chair"), (None, None)), "vice-chaired");
        assert_eq!(
            say(RelationKind::Position, Some("Chief information officer"), (Some(2002), Some(2012))),
            "chief information officer (2002–2012) of"
        );
        assert_eq!(say(RelationKind::Position, Some("CIO"), (None, None)), "CIO of");
        assert_eq!(
            say(RelationKind::Position, Some("Associate dean for technology"), (Some(2000), Some(2012))),
            "associate dean for technology (2000–2012) at"
        );
        assert_eq!(say(RelationKind::Position, Some("Professor"), (Some(2016), None)), "professor (from 2016) at");
        assert_eq!(say(RelationKind::Position, None, (None, None)), "held a post at");
        assert_eq!(say(RelationKind::Education, Some("MD"), (None, None)), "studied (MD) at");
        assert_eq!(say(RelationKind::Education, Some("Residency"), (Some(1993), None)), "trained (residency, 1993) at");
        assert_eq!(
            say(RelationKind::Award, Some("Leiter Lecture"), (Some(2010), None)),
            "honoured (Leiter Lecture, 2010) by"
        );
        assert_eq!(say(RelationKind::Award, None, (None, None)), "honoured by");
        assert_eq!(say(RelationKind::Membership, None, (Some(2020), None)), "member (from 2020) of");
        assert_eq!(say(RelationKind::Membership, Some("Elected member"), (None, None)), "elected member of");
        assert_eq!(
            say(RelationKind::Collaboration, Some("algorithmic bias"), (None, None)),
            "collaborates (on algorithmic bias) with"
        );
        assert_eq!(say(RelationKind::PartOf, None, (None, None)), "part of");
        assert_eq!(say(RelationKind::SignedBy, None, (None, None)), "signed by");
    }

    #[test]
    fn served_under_names_the_post_and_marks_inferred_years() {
        let p = projection();
        let r = Relation {
            role: Some("chair".into()),
            organization: Some(NodeIndex::new(1)),
            start: Some(2009),
            end: Some(2017),
            years_inferred: true,
            ..Relation::new(RelationKind::ServedUnder)
        };
        assert_eq!(phrase(&p, &r), "served as chair of NDSC (2009–2017 term) under");
        let r = Relation { start: Some(2009), end: Some(2010), ..r };
        assert_eq!(phrase(&p, &Relation { years_inferred: false, ..r }), "served as chair of NDSC (2009–2010) under");
    }

    #[test]
    fn consecutive_hops_are_checked_in_time() {
        let p = Projection::from_parts(
            projection().nodes,
            vec![
                (
                    0,
                    1,
                    Relation {
                        role: Some("Co-chair".into()),
                        start: Some(2009),
                        end: Some(2016),
                        ..Relation::new(RelationKind::Position)
                    },
                ),
                (0, 2, Relation { start: Some(2009), end: Some(2017), ..Relation::new(RelationKind::ServedUnder) }),
                (1, 2, Relation { start: Some(1990), end: Some(1991), ..Relation::new(RelationKind::Position) }),
            ],
        );
        let hop = |e: usize, a: usize, b: usize| Hop {
            edge: petgraph::graph::EdgeIndex::new(e),
            from: NodeIndex::new(a),
            to: NodeIndex::new(b),
        };
        assert_eq!(time_lines(&p, &[hop(0, 1, 0), hop(1, 0, 2)]), vec!["both during 2009–2016"]);
        assert_eq!(hop_line(&p, &hop(0, 1, 0)), "NDSC ← co-chaired (2009–2016) — Rivera");
        assert_eq!(time_lines(&p, &[hop(0, 0, 1), hop(2, 1, 2)]), vec!["not at the same time (2009–2016; 1990–1991)"]);
    }
}
