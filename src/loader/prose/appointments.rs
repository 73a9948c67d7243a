//! `prose.appointment`: "Secretary T announced the appointment of B to serve as R", "B was
//! appointed R by P", "said P, who announced the appointment", "the appointment of 13 members to
//! the O".

use super::super::mention::Token;
use super::super::resolve::Context;
use super::super::time;
use super::super::{EntityId, Fact, Kind};
use super::view::{Ment, Scratch, View};

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let subject = v.subject;
    appointments(cx, v.ments, v.toks, v.lower, &out.title_orgs, &out.orphans, &mut out.pending, subject);
}

#[allow(clippy::too_many_arguments)]
pub(super) fn appointments(
    cx: &mut Context,
    ments: &[Ment],
    toks: &[Token],
    lower: &[String],
    title_orgs: &[(EntityId, EntityId)],
    orphans: &[(EntityId, String)],
    pending: &mut Vec<(Fact, &'static str)>,
    subject: Option<EntityId>,
) {
    let tok_at = |pos: usize| toks.partition_point(|t| t.start < pos);
    let person_at = |q: usize| {
        ments
            .iter()
            .find(|x| x.kind == Kind::Person && (tok_at(x.m.full_start) == q || x.m.first_token == q))
            .map(|x| x.id)
    };
    let person_before = |q: usize| ments.iter().rfind(|x| x.kind == Kind::Person && tok_at(x.m.end) <= q).map(|x| x.id);
    let Some(ti) = lower.iter().position(|w| matches!(w.as_str(), "appointment" | "appointed" | "named" | "nominated"))
    else {
        return;
    };
    if lower[ti.saturating_sub(3)..ti].iter().any(|w| matches!(w.as_str(), "not" | "never")) {
        return;
    }
    let (appointee, appointer) =
        if lower[ti] == "appointment" {
            let of = lower.get(ti + 1).is_some_and(|w| w == "of");
            let appointee = if of { person_at(ti + 2) } else { subject };
            // "P announced the appointment of Y", "P's appointment of Y", "his appointment by P":
            // an owner, an announcer or an agent says who appointed
            let by = lower[ti..lower.len().min(ti + 4)].iter().position(|w| w == "by").map(|p| p + ti);
            // ("P's appointment", "P, who announced the appointment", "his appointment by P")
            let owner = ti >= 2 && matches!(toks[ti - 1].text, "'s" | "’s");
            let announced = ti >= 2
                && lower[ti - 1] == "the"
                && matches!(
                    lower[ti - 2].as_str(),
                    "announced" | "announces" | "announce" | "made" | "makes" | "confirmed"
                );
            // ("until the appointment of Y" names no one who made it)
            let appointer = if owner || announced {
                person_before(ti)
            } else {
                by.and_then(|b| person_at(b + 1).or_else(|| person_at(b + 2)))
            };
            let appointer = appointer.filter(|p| Some(*p) != appointee);
            // "the appointment of 13 members to the Health IT Policy Committee": a roster follows
            if of && appointee.is_none() {
                if let Some(to) = lower[ti..].iter().position(|w| w == "to").map(|p| p + ti) {
                    let q = if lower.get(to + 1).is_some_and(|w| w == "the") { to + 2 } else { to + 1 };
                    if let Some(o) = ments.iter().find(|x| {
                        matches!(x.kind, Kind::Org(_)) && (tok_at(x.m.full_start) == q || x.m.first_token == q)
                    }) {
                        cx.roster = Some((o.id, appointer));
                    }
                }
            }
            (appointee, appointer)
        } else {
            // "has named 13 members to the O", "appointed five people to the O": a roster follows
            let group = lower[ti + 1..lower.len().min(ti + 4)]
                .iter()
                .position(|w| matches!(w.as_str(), "members" | "people" | "individuals" | "trustees" | "directors"));
            if let Some(g) = group {
                let to = ti + 1 + g + 1;
                if lower.get(to).is_some_and(|w| w == "to") {
                    let q = if lower.get(to + 1).is_some_and(|w| w == "the") { to + 2 } else { to + 1 };
                    if let Some(o) = ments.iter().find(|x| {
                        matches!(x.kind, Kind::Org(_)) && (tok_at(x.m.full_start) == q || x.m.first_token == q)
                    }) {
                        cx.roster = Some((o.id, person_before(ti)));
                        return;
                    }
                }
            }
            // "Y was nominated in 2001 by P": a passive, its agent close after the verb (not "P
            // first nominated Y to fill the seat held by W": that one the clause frames read)
            let aux = |w: &str| matches!(w, "was" | "were" | "been" | "be" | "being" | "is" | "are" | ",");
            let passive = lower[ti.saturating_sub(2)..ti].iter().any(|w| aux(w));
            if !passive {
                return;
            }
            let by = lower[ti..lower.len().min(ti + 8)].iter().position(|w| w == "by").map(|p| p + ti);
            let appointer = by.and_then(|b| person_at(b + 1).or_else(|| person_at(b + 2)));
            (person_before(ti).or(subject), appointer)
        };
    let (Some(appointee), Some(appointer)) = (appointee, appointer) else { return };
    if appointee == appointer {
        return;
    }
    // the post: a position found in this sentence, or a role with the appointer's organisation
    let found = pending.iter().find_map(|(f, _)| match f {
        Fact::Position { holder, org, role, .. } if *holder == appointee => Some((*org, role.clone())),
        _ => None,
    });
    let appointer_org = title_orgs.iter().find(|(p, _)| *p == appointer).map(|(_, o)| *o);
    // "appointed by P to the National Advisory Council": a seat on that body
    let to_org = lower.iter().enumerate().skip(ti).find(|(_, w)| *w == "to").and_then(|(q, _)| {
        let q = if lower.get(q + 1).is_some_and(|w| w == "the") { q + 2 } else { q + 1 };
        ments
            .iter()
            .find(|x| matches!(x.kind, Kind::Org(_)) && (tok_at(x.m.full_start) == q || x.m.first_token == q))
            .map(|x| x.id)
    });
    // ("Y, a judge on O1 since 2014, was nominated by P to O2": the post is the one at O2)
    let found = found.filter(|(org, _)| to_org.is_none() || *org == to_org);
    let (org, role) = match (found, to_org) {
        (Some((org, role)), _) => (org, role),
        (None, Some(o)) => {
            let since = time::span(&lower.join(" ")).and_then(|s| s.start).or(cx.date);
            pending.push((
                Fact::Membership {
                    member: appointee,
                    org: o,
                    role: Some("appointed member".into()),
                    since,
                    until: None,
                },
                "prose.appointed-to",
            ));
            (Some(o), Some("member".to_owned()))
        }
        (None, None) => {
            let role = orphans.iter().find(|(h, _)| *h == appointee).map(|(_, r)| r.clone());
            if let (Some(o), Some(r)) = (appointer_org, role.as_ref()) {
                pending.push((
                    Fact::Position {
                        holder: appointee,
                        org: Some(o),
                        role: Some(r.clone()),
                        start: cx.date,
                        end: None,
                        under: None,
                        appointed_by: Some(appointer),
                        replaces: None,
                        ended: false,
                    },
                    "prose.appointed-to-serve-as",
                ));
            }
            (appointer_org, role)
        }
    };
    pending.push((
        Fact::Appointment { appointee, appointer: Some(appointer), org, role, date: cx.date },
        "prose.appointment",
    ));
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::lexicon::Lexicon;
    use crate::loader::{extract, extract_text, Fact};

    fn appointments(text: &str) -> Vec<(String, Option<String>)> {
        let ex = extract_text(text);
        let name = |id: usize| ex.entities[id].name.clone();
        ex.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Appointment { appointee, appointer, .. } => Some((name(*appointee), appointer.map(name))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_passive_names_its_agent_and_an_active_nomination_is_not_read_backwards() {
        let a =
            appointments("Mr. Ivo Lomax was nominated in 2001 by President George Varn as the assistant secretary.");
        assert!(a.contains(&("Ivo Lomax".into(), Some("George Varn".into()))), "{a:?}");
        // "held by W" far after an active verb names no appointer of the one nominating
        let a = appointments(
            "President George Varn first nominated Ms. Ada Lomax to serve on the Tarrow Commission in 2012, to \
             fill the seat formerly held by Thomas Hill Quell.",
        );
        assert!(!a.iter().any(|(who, _)| who == "George Varn"), "{a:?}");
        assert!(!a.iter().any(|(_, by)| by.as_deref() == Some("Thomas Hill Quell")), "{a:?}");
    }

    #[test]
    fn the_noun_names_its_appointer_by_an_owner_an_announcer_or_an_agent() {
        let a = appointments(
            "Dr. Ann Lomax thanked Gov. Ivo Brant. \"I am honored by Gov. Brant's appointment,\" said Dr. Lomax.",
        );
        assert!(a.contains(&("Ann Lomax".into(), Some("Ivo Brant".into()))), "{a:?}");
        // someone named before "appointment" without owning or announcing it made none
        let text = "Following the departure of Tomas Quell in March, Michael Sorel, the Director of the Tarrow \
                    Agency, was confirmed as the administration's second appointment for Secretary.";
        let a = appointments(text);
        assert!(!a.iter().any(|(_, by)| by.as_deref() == Some("Michael Sorel")), "{a:?}");
        let a = appointments(
            "Deputy Secretary Duffy Lomax served as interim secretary until the appointment of John A. Quell.",
        );
        assert!(!a.iter().any(|(_, by)| by.as_deref() == Some("Duffy Lomax")), "{a:?}");
    }

    #[test]
    fn a_headline_that_lists_posts_gives_no_one_a_post() {
        let lex = Lexicon::load().unwrap();
        let html =
            "<html><head><title>Senate confirms Tarrow Survey Director, Harrow Agency Administrator</title></head>\
            <body><h1>Senate confirms Tarrow Survey Director, Harrow Agency Administrator</h1>\
            <p>On April 9, the Senate confirmed Dr. James Reilly as Director of the Tarrow Survey.</p></body></html>";
        let doc = Document::from_bytes("t.html", html.as_bytes()).unwrap();
        let ex = extract(&doc, &lex);
        let roles: Vec<String> = ex
            .facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Position { role: Some(r), .. } => Some(r.clone()),
                _ => None,
            })
            .collect();
        assert!(roles.iter().all(|r| !r.contains("confirms") && r != "Administrator"), "{roles:?}");
    }

    #[test]
    fn a_nomination_to_a_body_is_not_the_post_held_before() {
        let text = "Ana Lomax, a judge on the Tarrow District Court since 2014, was nominated by President \
                    George Varn to the Tarrow Court of Appeals.";
        let ex = extract_text(text);
        let name = |id: usize| ex.entities[id].name.clone();
        let to: Vec<Option<String>> = ex
            .facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Appointment { org, .. } => Some(org.map(name)),
                _ => None,
            })
            .collect();
        assert_eq!(to, [Some("Tarrow Court of Appeals".to_owned())], "{:?}", ex.facts);
    }
}
