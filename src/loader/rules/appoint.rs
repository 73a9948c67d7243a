//! `frame.appoint`: someone is given a post. "O named Y R", "X appointed Y R of O", "Y was
//! chosen as R of O (by X)", "O's board picked Y as its R", "Y has been tapped to lead O" (the
//! post is read by the infinitive's own rule). The appointee holds the post from the clause's
//! date; a person who appoints is the appointer.

use super::super::frame::{Frame, Tense};
use super::super::time;
use super::super::{Fact, Kind};
use super::{post, roles, Input, Rule};

pub const RULE: Rule = Rule { id: "frame.appoint", file: file!(), run };

fn run(input: &Input, f: &Frame, out: &mut Vec<Fact>) {
    if f.verb.class != crate::lexicon::VerbClass::Appoint {
        return;
    }
    let subject = input.who(f.subject);
    let (appointee, by) = if f.verb.passive { (subject, input.arg(f.agent)) } else { (input.object(f), subject) };
    let Some((appointee, Kind::Person)) = appointee else { return };
    let clause = input.s.slice(f.verb.first, f.to);
    let date = f.time.and_then(|t| t.start).or_else(|| time::relative(clause, input.date));
    // "the Board of Regents elected Y chancellor": the board appoints, to a post in what it
    // governs
    let body = by.filter(|b| matches!(b.1, Kind::Org(_)) && input.is_body(b.0)).map(|b| b.0);
    let appointer = by.filter(|b| b.1 == Kind::Person && b.0 != appointee).map(|b| b.0).or(body);
    let Some(role) = &f.role else {
        // "X appointed Y to O", "Y was named to O": a post at O, its title unsaid; a seat on a
        // board or council is a membership
        let after =
            if f.verb.passive { f.verb.next } else { f.object.map_or(f.verb.next + 1, |o| input.s.args[o].next) };
        let to = f.preps.iter().find(|(p, i)| p == "to" && input.s.is_org(*i) && input.s.args[*i].first <= after + 2);
        // ("elected to O" is a membership, read by `prose.member-of`)
        if let (Some(&(_, i)), false) = (to, f.verb.tense == Tense::Future || f.verb.lemma == "elect") {
            let org = input.s.args[i].id;
            if matches!(input.s.args[i].kind, Kind::Org(crate::lexicon::OrgKind::Committee)) {
                out.push(Fact::Membership { member: appointee, org, role: None, since: date, until: None });
            } else {
                let mut p = post(appointee, Some(org), None);
                if let Fact::Position { start, appointed_by, .. } = &mut p {
                    *start = date;
                    *appointed_by = appointer;
                }
                out.push(p);
            }
            out.push(Fact::Appointment { appointee, appointer, org: Some(org), role: None, date });
            return;
        }
        // "P nominated Y to serve on O": the clause to come says where; the nomination is P's
        // ("P named Y as his nominee to head O": a nomination whatever the verb)
        let next = input.frames.iter().find(|g| {
            g.verb.infinitive && g.verb.first >= f.verb.next && input.who(g.subject).is_some_and(|s| s.0 == appointee)
        });
        let as_nominee = next.is_some_and(|g| {
            let between = &input.s.lower[f.verb.next..g.verb.first];
            between.windows(2).any(|w| w[0] == "as" && input.lex.nominee_words.contains(w[1].as_str()))
                || between.windows(3).any(|w| w[0] == "as" && input.lex.nominee_words.contains(w[2].as_str()))
        });
        let nominates = matches!(f.verb.lemma.as_str(), "nominate" | "appoint") || as_nominee;
        if let (true, Some(a)) = (nominates && f.verb.tense != Tense::Future, appointer) {
            let org = next.and_then(|g| {
                g.preps
                    .iter()
                    .find(|(p, i)| matches!(p.as_str(), "on" | "at" | "to" | "of") && input.s.is_org(*i))
                    .map(|(_, i)| input.s.args[*i].id)
                    .or_else(|| input.arg(g.object).filter(|o| matches!(o.1, Kind::Org(_))).map(|o| o.0))
            });
            if let Some(g) = next {
                // ("... to serve on O in January 2012": the date the sentence gives is the nomination's)
                let date = date.or_else(|| g.time.and_then(|t| t.start));
                out.push(Fact::Appointment { appointee, appointer: Some(a), org, role: None, date });
            }
        }
        return;
    };
    // the role must follow the appointee closely: "named Y R", "Y was named R"
    let after = if f.verb.passive { f.verb.next } else { f.object.map_or(f.verb.next, |o| input.s.args[o].next) };
    if role.first > after + 5 {
        return;
    }
    let by_org = match body {
        Some(b) => input.governed_by(b),
        None => by.filter(|b| matches!(b.1, Kind::Org(_))).map(|b| b.0),
    };
    let org = input.arg(role.org).map(|o| o.0).or(if role.its { by_org.or(input.its) } else { None }).or(by_org);
    // "In 2016, he was promoted to deputy director": a promotion is where the person works
    let org = org.or_else(|| {
        (f.verb.lemma == "promote")
            .then(|| input.current_posts(appointee, false).into_iter().find_map(|p| p.0))
            .flatten()
    });
    for r in roles(&role.text) {
        let mut p = post(appointee, org.filter(|&o| o != appointee), Some(r.clone()));
        if let Fact::Position { start, appointed_by, ended, .. } = &mut p {
            *start = date.filter(|_| f.verb.tense != Tense::Future || f.time.is_some());
            *appointed_by = appointer;
            *ended = role.former;
        }
        out.push(p);
        if appointer.is_some() || f.verb.lemma == "appoint" || f.verb.lemma == "nominate" {
            out.push(Fact::Appointment { appointee, appointer, org, role: Some(r), date });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{facts, O, P};
    use super::*;

    fn posts(text: &str, names: &[(&str, Kind)]) -> Vec<(usize, Option<usize>, String, Option<i32>)> {
        facts(&RULE, text, names, &[])
            .into_iter()
            .filter_map(|f| match f {
                Fact::Position { holder, org, role, start, .. } => Some((holder, org, role?, start.map(|w| w.year))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn active_passive_and_possessive_boards_give_one_post() {
        let names = [("Brindle Corp.", O), ("Oyelaran Tamsin", P)];
        let want = vec![(1, Some(0), "chief executive officer".to_owned(), Some(2024))];
        assert_eq!(posts("Brindle Corp. named Oyelaran Tamsin its chief executive officer in 2024.", &names), want);
        let names = [("Oyelaran Tamsin", P), ("Brindle Corp.", O)];
        assert_eq!(
            posts("Oyelaran Tamsin was named chief executive officer of Brindle Corp. in 2024.", &names),
            vec![(0, Some(1), "chief executive officer".to_owned(), Some(2024))]
        );
        let names = [("Brindle Corp.", O), ("Oyelaran Tamsin", P)];
        assert_eq!(
            posts("Brindle Corp.'s board chose Oyelaran Tamsin as its chief executive officer in 2024.", &names),
            want
        );
    }

    #[test]
    fn the_person_described_between_commas_is_the_appointee() {
        let names = [("Brindle Corp.", O), ("Oyelaran Tamsin", P)];
        let want = vec![(1, Some(0), "chief executive officer".to_owned(), None)];
        assert_eq!(
            posts("Brindle Corp. named a top manager, Oyelaran Tamsin, as the chief executive officer.", &names),
            want
        );
    }

    #[test]
    fn a_governing_body_appoints_to_a_post_in_what_it_governs() {
        // the organisation named before the board (latest first in the test harness: named last)
        let names = [("Quillon Board of Regents", O), ("Oyelaran Tamsin", P), ("Quillon University", O)];
        let f = facts(
            &RULE,
            "Quillon Board of Regents elected Oyelaran Tamsin as chancellor, Quillon University said.",
            &names,
            &[],
        );
        assert!(
            f.iter().any(|f| matches!(f, Fact::Position { holder: 1, org: Some(2), appointed_by: Some(0), role: Some(r), .. } if r == "chancellor")),
            "{f:?}"
        );
        assert!(f.iter().any(|f| matches!(f, Fact::Appointment { appointee: 1, appointer: Some(0), .. })), "{f:?}");
        // a company that names someone is the employer, not a body
        let names = [("Brindle Corp.", O), ("Oyelaran Tamsin", P)];
        let f = facts(&RULE, "Brindle Corp. named Oyelaran Tamsin chief executive officer.", &names, &[]);
        assert!(f.iter().any(|f| matches!(f, Fact::Position { org: Some(0), appointed_by: None, .. })), "{f:?}");
    }

    #[test]
    fn a_person_who_appoints_is_the_appointer_and_coordinated_roles_are_two_posts() {
        let names = [("Marguerite Oddny", P), ("Ikenna Sol", P), ("Veldt Savings Bank", O)];
        let f = facts(
            &RULE,
            "Governor Marguerite Oddny appointed Ikenna Sol president and treasurer of Veldt Savings Bank.",
            &names,
            &[],
        );
        let appointed: Vec<_> = f
            .iter()
            .filter_map(|f| match f {
                Fact::Appointment { appointee, appointer, org, role, .. } => {
                    Some((*appointee, *appointer, *org, role.clone()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(appointed.len(), 2);
        assert_eq!(appointed[0], (1, Some(0), Some(2), Some("president".into())));
        assert_eq!(appointed[1].3.as_deref(), Some("treasurer"));
    }

    #[test]
    fn no_post_without_a_role_or_when_denied() {
        assert!(posts(
            "Brindle Corp. named Oyelaran Tamsin in its report.",
            &[("Brindle Corp.", O), ("Oyelaran Tamsin", P)]
        )
        .is_empty());
        assert!(posts("Oyelaran Tamsin was not named chief executive.", &[("Oyelaran Tamsin", P)]).is_empty());
    }

    #[test]
    fn a_nomination_to_serve_on_a_body_is_the_nominators() {
        let names = [("Ilse Varn", P), ("Tomas Quell", P), ("Harrow Safety Commission", O)];
        let text = "Ilse Varn first nominated Tomas Quell to serve on Harrow Safety Commission in January 2012.";
        let f = facts(&RULE, text, &names, &[]);
        assert!(
            f.iter().any(|x| matches!(x, Fact::Appointment { appointee: 1, appointer: Some(0), org: Some(2), date: Some(d), .. } if d.year == 2012)),
            "{f:?}"
        );
        // a nomination yet to come is none
        let text = "Ilse Varn will nominate Tomas Quell to serve on Harrow Safety Commission.";
        assert!(facts(&RULE, text, &names, &[]).is_empty());
    }

    #[test]
    fn naming_someone_as_a_nominee_is_a_nomination() {
        let names = [("Ilse Varn", P), ("Tomas Quell", P), ("Harrow Mint", O)];
        let f = facts(&RULE, "Ilse Varn named Tomas Quell as his nominee to head Harrow Mint.", &names, &[]);
        assert!(
            f.iter().any(|x| matches!(x, Fact::Appointment { appointee: 1, appointer: Some(0), org: Some(2), .. })),
            "{f:?}"
        );
        // the person after a name no rule typed and a title ("named Dartmouth president Dr. P")
        let text = "Ilse Varn named Northport president Dr. Tomas Quell as his nominee to head Harrow Mint.";
        let f = facts(&RULE, text, &names, &[]);
        assert!(
            f.iter().any(|x| matches!(x, Fact::Appointment { appointee: 1, appointer: Some(0), org: Some(2), .. })),
            "{f:?}"
        );
        // naming someone to speak is no nomination
        assert!(facts(&RULE, "Ilse Varn named Tomas Quell to speak for Harrow Mint.", &names, &[]).is_empty());
    }
}
