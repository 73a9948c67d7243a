//! `frame.join`: "Y joined O (as R) in 2017", "Y will join O as its R": a post at O from the
//! clause's date; its role when the clause names one.

use super::super::frame::Frame;
use super::super::{Fact, Kind};
use super::{post, roles, Input, Rule};
use crate::lexicon::VerbClass;

pub const RULE: Rule = Rule { id: "frame.join", file: file!(), run };

fn run(input: &Input, f: &Frame, out: &mut Vec<Fact>) {
    if f.verb.class != VerbClass::Join || f.verb.lemma == "return" && f.object.is_none() {
        return;
    }
    let Some((holder, Kind::Person)) = input.who(f.subject) else { return };
    let Some((org, Kind::Org(_))) = input.arg(f.object).or_else(|| {
        // "returned to O"
        f.preps
            .iter()
            .find(|(p, i)| p == "to" && input.s.args[*i].first <= f.verb.next + 2)
            .map(|(_, i)| (input.s.args[*i].id, input.s.args[*i].kind))
    }) else {
        return;
    };
    // "joined O as assistant professor in the Department of X": the post is at O, in a unit of O
    let unit = f.role.as_ref().and_then(|r| r.org).filter(|&o| {
        let (a, lower) = (&input.s.args[o], &input.s.lower);
        let the = usize::from(a.first > 0 && lower[a.first - 1] == "the");
        a.id != org && a.first > the && lower[a.first - 1 - the] == "in"
    });
    if let Some(u) = unit {
        out.push(Fact::PartOf { part: input.s.args[u].id, whole: org });
    }
    let role = f
        .role
        .as_ref()
        .filter(|r| r.org.is_none_or(|o| input.s.args[o].id == org) || unit.is_some())
        .map(|r| r.text.clone());
    let start = f.time.and_then(|t| t.start);
    let rs: Vec<Option<String>> = match role {
        Some(r) => roles(&r).into_iter().map(Some).collect(),
        None if start.is_some() => vec![None],
        None => return,
    };
    for r in rs {
        let mut p = post(holder, Some(org), r);
        if let Fact::Position { start: s, .. } = &mut p {
            *s = start;
        }
        out.push(p);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{facts, O, P};
    use super::*;

    #[test]
    fn joining_as_a_role_is_a_post_from_that_year() {
        let names = [("Ilse Varn", P), ("Harrow Mint", O)];
        let f = facts(&RULE, "Ilse Varn joined Harrow Mint as general counsel in 2017.", &names, &[]);
        assert!(
            matches!(&f[..], [Fact::Position { holder: 0, org: Some(1), role: Some(r), start: Some(s), .. }] if r == "general counsel" && s.year == 2017),
            "{f:?}"
        );
        // "the faculty of O": the organisation of a body named in lowercase, the role after it
        let f = facts(&RULE, "Ilse Varn joined the faculty of Harrow Mint as an instructor in 1996.", &names, &[]);
        assert!(matches!(&f[..], [Fact::Position { org: Some(1), role: Some(r), .. }] if r == "instructor"), "{f:?}");
        // the role after the time: "joined O in 1998 as an economist"
        let f = facts(&RULE, "Ilse Varn joined Harrow Mint in May 1998 as an economist.", &names, &[]);
        assert!(
            matches!(&f[..], [Fact::Position { org: Some(1), role: Some(r), start: Some(s), .. }] if r == "economist" && s.year == 1998),
            "{f:?}"
        );
        // no role and no year: nothing worth stating
        assert!(facts(&RULE, "Ilse Varn joined Harrow Mint.", &names, &[]).is_empty());
    }
}
