//! `frame.become`: "Y became R of O in 2005", "Y will serve as O's R", "Y took over as R": the
//! role after the verb, its organisation with it (or "its"), the clause's years.

use super::super::frame::Frame;
use super::super::{Fact, Kind};
use super::{post, roles, Input, Rule};
use crate::lexicon::VerbClass;

pub const RULE: Rule = Rule { id: "frame.become", file: file!(), run };

fn run(input: &Input, f: &Frame, out: &mut Vec<Fact>) {
    if f.verb.class != VerbClass::Become {
        return;
    }
    let Some((holder, Kind::Person)) = input.who(f.subject) else { return };
    let copula = f.verb.lemma == "be";
    let reach = if copula { 2 } else { 4 };
    // ("became the O's next chancellor": the role phrase opens with its owner)
    let opens = |r: &super::super::frame::RolePhrase| {
        r.org.map(|o| input.s.args[o].first).filter(|&o| o < r.first).unwrap_or(r.first)
    };
    let Some(role) = f.role.as_ref().filter(|r| opens(r) <= f.verb.next + reach) else { return };
    // "served as R": "as" is needed after serve, remain and take over
    if !copula && f.verb.lemma != "become" && !input.s.lower[f.verb.next..role.first].iter().any(|w| w == "as") {
        return;
    }
    let org = input.arg(role.org).map(|o| o.0).or(if role.its { input.its } else { None }).or_else(|| {
        f.preps
            .iter()
            .find(|(p, i)| p == "at" && matches!(input.s.args[*i].kind, Kind::Org(_)))
            .map(|(_, i)| input.s.args[*i].id)
    });
    // "Y joined O in 1984 and served as R": the organisation the same sentence says Y joined
    let org = org.or_else(|| {
        input.pending.iter().rev().find_map(|(g, rule)| match g {
            Fact::Position { holder: h, org: Some(o), ended: false, .. } if *h == holder && rule.contains("join") => {
                Some(*o)
            }
            _ => None,
        })
    });
    // "current Harrow board chairman Ann Lee will take over as CEO": the organisation the
    // subject's own words name
    // (not when the role names its own, unnamed one: "take over as CEO of the software unit")
    let own = input.s.lower.get(role.next).is_some_and(|w| matches!(w.as_str(), "of" | "at" | "for" | "with"));
    let org = org.or_else(|| {
        let Some(super::super::frame::Subject::Arg(i)) = f.subject.filter(|_| !own) else { return None };
        let first = input.s.args[i].first;
        input.s.args[..i]
            .iter()
            .rfind(|a| matches!(a.kind, Kind::Org(_)) && a.next <= first && first - a.next <= 4)
            .filter(|a| input.s.toks[a.next..first].iter().all(|t| t.is_word()))
            .map(|a| a.id)
    });
    // without an organisation, only a post named as one ("the national coordinator"), not an
    // occupation ("a physician")
    let definite =
        input.s.lower[f.verb.next..role.first].iter().any(|w| w == "the") || input.s.toks[role.first].is_capitalised();
    if org.is_none() && !definite {
        return;
    }
    for r in roles(&role.text) {
        let mut p = post(holder, org, Some(r));
        if let Fact::Position { start, end, ended, .. } = &mut p {
            *start = f.time.and_then(|t| t.start);
            *end = f.time.and_then(|t| t.end);
            *ended = role.former || end.is_some();
        }
        out.push(p);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{facts, O, P};
    use super::*;

    #[test]
    fn became_and_served_as() {
        let names = [("Ilse Varn", P), ("Harrow Mint", O)];
        let f = facts(&RULE, "Ilse Varn became chief operating officer of Harrow Mint in 2005.", &names, &[]);
        assert!(
            matches!(&f[..], [Fact::Position { org: Some(1), role: Some(r), start: Some(s), .. }] if r == "chief operating officer" && s.year == 2005),
            "{f:?}"
        );
        let f = facts(&RULE, "Ilse Varn served as treasurer of Harrow Mint from 1990 to 1995.", &names, &[]);
        assert!(
            matches!(&f[..], [Fact::Position { start: Some(s), end: Some(e), ended: true, .. }] if s.year == 1990 && e.year == 1995),
            "{f:?}"
        );
        assert!(facts(&RULE, "Ilse Varn served Harrow Mint well.", &names, &[]).is_empty());
    }

    #[test]
    fn became_the_organisations_next_title() {
        let names = [("Ilse Varn", P), ("Harrow Mint", O)];
        let f = facts(&RULE, "Ilse Varn officially became the Harrow Mint's next chancellor Thursday.", &names, &[]);
        assert!(matches!(&f[..], [Fact::Position { org: Some(1), role: Some(r), .. }] if r == "chancellor"), "{f:?}");
    }

    #[test]
    fn a_title_a_comma_and_the_organisation() {
        let names = [("Ilse Varn", P), ("Harrow Mint", O)];
        let f = facts(&RULE, "Ilse Varn is currently President, Harrow Mint, the group's largest unit.", &names, &[]);
        assert!(
            matches!(&f[..], [Fact::Position { org: Some(1), role: Some(r), ended: false, .. }] if r == "president"),
            "{f:?}"
        );
        let f =
            facts(&RULE, "Ilse Varn was previously President, Harrow Mint, where she led a turnaround.", &names, &[]);
        assert!(matches!(&f[..], [Fact::Position { org: Some(1), ended: true, .. }]), "{f:?}");
        // the organisation that says so is not where the post is
        let f = facts(&RULE, "Ilse Varn was chairman, Harrow Mint said.", &names, &[]);
        assert!(!f.iter().any(|f| matches!(f, Fact::Position { org: Some(1), .. })), "{f:?}");
    }

    #[test]
    fn the_copula_names_a_post_not_an_occupation() {
        let names = [("Ilse Varn", P), ("Harrow Mint", O)];
        let f = facts(&RULE, "Ilse Varn, who had been the national treasurer since 2006, spoke.", &names[..1], &[]);
        assert!(
            matches!(&f[..], [Fact::Position { holder: 0, org: None, role: Some(r), start: Some(s), .. }] if r == "national treasurer" && s.year == 2006),
            "{f:?}"
        );
        let f = facts(&RULE, "Ilse Varn is president of Harrow Mint.", &names, &[]);
        assert!(matches!(&f[..], [Fact::Position { org: Some(1), .. }]), "{f:?}");
        assert!(facts(&RULE, "Ilse Varn is a physician.", &names[..1], &[]).is_empty());
        assert!(facts(&RULE, "Ilse Varn was named president.", &names[..1], &[]).is_empty());
    }

    #[test]
    fn the_organisation_the_subjects_own_words_name() {
        let names = [("Harrow Aircraft", O), ("David Quell", P)];
        let text = "Current Harrow Aircraft board chairman David Quell will take over as CEO in January.";
        let f = facts(&RULE, text, &names, &[]);
        assert!(
            matches!(&f[..], [Fact::Position { holder: 1, org: Some(0), role: Some(r), .. }] if r == "CEO"),
            "{f:?}"
        );
        // a role with its own organisation, unnamed, is not the subject's
        let text = "Harrow Aircraft chairman David Quell will take over as CEO of the software unit.";
        let f = facts(&RULE, text, &names, &[]);
        assert!(!f.iter().any(|p| matches!(p, Fact::Position { org: Some(0), .. })), "{f:?}");
    }
}
