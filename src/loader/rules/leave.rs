//! `frame.leave`: a post ends. "Y will step down as R of O", "Y resigned from O", "Y left O",
//! "Y retired in 2018 after 23 years as R". Without a role or organisation in the clause, the
//! post is the one the document already gave Y. The end is the clause's date, else the
//! document's for what has happened; a post "after N years" began N years before its end.

use super::super::frame::{Frame, Tense};
use super::super::time::{self, When};
use super::super::{Fact, Kind};
use super::{post, roles, Input, Rule};
use crate::lexicon::VerbClass;

pub const RULE: Rule = Rule { id: "frame.leave", file: file!(), run };

fn run(input: &Input, f: &Frame, out: &mut Vec<Fact>) {
    if f.verb.class != VerbClass::Leave {
        return;
    }
    let Some((holder, Kind::Person)) = input.who(f.subject) else { return };
    let is_org = |i: &usize| matches!(input.s.args[*i].kind, Kind::Org(_));
    let named_org = f
        .role
        .as_ref()
        .and_then(|r| r.org)
        .or(f.object.filter(is_org).filter(|&o| input.s.args[o].first <= input.object_slot_end(f)))
        .or_else(|| {
            f.preps
                .iter()
                .find(|(p, i)| {
                    matches!(p.as_str(), "from" | "at") && is_org(i) && input.s.args[*i].first <= f.verb.next + 2
                })
                .map(|(_, i)| *i)
        })
        .map(|i| input.s.args[i].id)
        .or(if f.role.as_ref().is_some_and(|r| r.its) { input.its } else { None });
    // "as R" must follow the verb closely ("retired as R"), not be a later clause's
    // ("retired from her role as the first woman president": a longer way to the same "as R")
    let close = |r: &&super::super::frame::RolePhrase| {
        r.first <= f.verb.next + 3
            || r.first <= f.verb.next + 9
                && input.s.lower[f.verb.next..r.first]
                    .iter()
                    .any(|w| matches!(w.as_str(), "role" | "post" | "position"))
                && !input.s.lower[f.verb.next..r.first].iter().any(|w| w == "," || w == "and")
    };
    let role = f.role.as_ref().filter(close).map(|r| r.text.clone());
    let posts: Vec<(Option<usize>, Option<String>)> = match (&role, named_org) {
        (Some(r), org) => roles(r).into_iter().map(|r| (org, Some(r))).collect(),
        (None, Some(org)) => {
            // the role held there, if the document gave one
            let held = input.current_posts(holder, false).into_iter().find(|p| p.0 == Some(org)).and_then(|p| p.1);
            vec![(Some(org), held)]
        }
        (None, None) => match input.current_posts(holder, false).into_iter().find(|p| p.0.is_some()) {
            Some(p) => vec![p],
            None => return,
        },
    };
    let clause = input.s.slice(f.verb.first, f.to);
    let dated = f.time.and_then(|t| t.start.or(t.end));
    let end = dated.or_else(|| time::relative(clause, input.date)).or(match f.verb.tense {
        Tense::Future => None,
        _ => input.date,
    });
    let start = match (end, time::duration_years(clause)) {
        (Some(e), Some(n)) => Some(When::year(e.year - n)),
        _ => None,
    };
    for (org, role) in posts {
        let mut p = post(holder, org, role);
        if let Fact::Position { start: s, end: e, ended, .. } = &mut p {
            *s = start;
            *e = end;
            *ended = true;
        }
        out.push(p);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{facts, O, P};
    use super::*;

    #[test]
    fn stepping_down_ends_the_post_named() {
        let names = [("Quell Ardent", P), ("Tannery Works", O)];
        let f =
            facts(&RULE, "Quell Ardent will step down as chairman of Tannery Works at the end of 2027.", &names, &[]);
        assert!(
            matches!(&f[..], [Fact::Position { holder: 0, org: Some(1), role: Some(r), ended: true, end: Some(e), .. }] if r == "chairman" && e.year == 2027),
            "{f:?}"
        );
    }

    #[test]
    fn retiring_from_a_role_as_a_title_ends_that_title() {
        let names = [("Quell Ardent", P), ("Tannery College", O)];
        let f = facts(
            &RULE,
            "Quell Ardent has officially retired from her role as the first woman president of Tannery College.",
            &names,
            &[],
        );
        assert!(
            matches!(&f[..], [Fact::Position { holder: 0, org: Some(1), role: Some(r), ended: true, .. }] if r == "president"),
            "{f:?}"
        );
    }

    #[test]
    fn retiring_after_years_dates_both_ends() {
        let names = [("Quell Ardent", P), ("Tannery Works", O)];
        let f = facts(&RULE, "Quell Ardent retired from Tannery Works in 2018 after 23 years.", &names, &[]);
        assert!(
            matches!(&f[..], [Fact::Position { org: Some(1), start: Some(s), end: Some(e), ended: true, .. }] if s.year == 1995 && e.year == 2018),
            "{f:?}"
        );
    }

    #[test]
    fn a_bare_leaving_ends_the_post_already_known_or_nothing() {
        let names = [("Quell Ardent", P)];
        assert!(facts(&RULE, "Quell Ardent will retire.", &names, &[]).is_empty());
        let known = [crate::loader::Found {
            fact: post(0, Some(5), Some("dean".into())),
            evidence: crate::loader::Evidence { start: 0, end: 1, rule: "t" },
        }];
        let f = facts(&RULE, "Quell Ardent will retire.", &names, &known);
        assert!(matches!(&f[..], [Fact::Position { org: Some(5), ended: true, end: None, .. }]), "{f:?}");
    }
}
