//! `frame.succeed`: "Y will succeed W as R of O", "Y replaces W", "W was succeeded by Y". Y
//! holds the post; W held it and has left it. Without a role in the clause, the post is the one
//! the document already gave the successor (or the predecessor).

use super::super::frame::Frame;
use super::super::time;
use super::super::{Fact, Kind};
use super::{post, roles, Input, Rule};
use crate::lexicon::VerbClass;

pub const RULE: Rule = Rule { id: "frame.succeed", file: file!(), run };

fn run(input: &Input, f: &Frame, out: &mut Vec<Fact>) {
    if f.verb.class != VerbClass::Succeed {
        return;
    }
    let subject = input.who(f.subject);
    let (new, old) = if f.verb.passive { (input.arg(f.agent), subject) } else { (subject, input.object(f)) };
    let (Some((new, Kind::Person)), Some((old, Kind::Person))) = (new, old) else { return };
    if new == old {
        return;
    }
    let (org, role_text) = match &f.role {
        Some(r) => (input.arg(r.org).map(|o| o.0).or(if r.its { input.its } else { None }), Some(r.text.clone())),
        None => (None, None),
    };
    let org = org.or_else(|| {
        f.preps
            .iter()
            .find(|(p, i)| p == "at" && matches!(input.s.args[*i].kind, Kind::Org(_)))
            .map(|(_, i)| input.s.args[*i].id)
    });
    // without a role here, the post the document gave either of them
    let (org, rs) = match role_text {
        Some(t) => (org, roles(&t).into_iter().map(Some).collect::<Vec<_>>()),
        None => {
            // the post the successor was appointed to, else a post either holds (a seat as a
            // member is no post one succeeds to)
            let appointed =
                input.appointments(new).into_iter().find(|p| p.0.is_some() && (org.is_none() || p.0 == org));
            let known = appointed.or_else(|| {
                input
                    .current_posts(new, true)
                    .into_iter()
                    .chain(input.current_posts(old, false))
                    .filter(|p| p.1.as_deref().is_none_or(|r| !r.eq_ignore_ascii_case("member")))
                    .find(|p| p.0.is_some() && (org.is_none() || p.0 == org))
            });
            match known {
                Some((o, r)) => (o, vec![r]),
                None => return,
            }
        }
    };
    if org.is_none() && rs.iter().all(Option::is_none) {
        return;
    }
    let clause = input.s.slice(f.verb.first, f.to);
    let when = f.time.and_then(|t| t.start).or_else(|| time::relative(clause, input.date));
    for r in rs {
        let mut p = post(new, org, r.clone());
        if let Fact::Position { start, replaces, .. } = &mut p {
            *start = when;
            *replaces = Some(old);
        }
        out.push(p);
        let mut q = post(old, org, r);
        if let Fact::Position { end, ended, .. } = &mut q {
            *end = when;
            *ended = true;
        }
        out.push(q);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{facts, O, P};
    use super::*;

    #[test]
    fn an_object_pronoun_is_the_other_person_the_sentence_named() {
        use crate::loader::{Evidence, Found};
        let names = [("Harrow Mint", O), ("Tomas Quell", P), ("Ilse Varn", P)];
        let ceo = Found {
            fact: super::super::post(1, Some(0), Some("chief executive".into())),
            evidence: Evidence { start: 0, end: 1, rule: "test" },
        };
        let f = facts(&RULE, "At Harrow Mint, Tomas Quell said that Ilse Varn will succeed him.", &names, &[ceo]);
        assert!(f.iter().any(|x| matches!(x, Fact::Position { holder: 2, org: Some(0), .. })), "{f:?}");
        assert!(f.iter().any(|x| matches!(x, Fact::Position { holder: 1, ended: true, .. })), "{f:?}");
    }

    #[test]
    fn successor_holds_and_predecessor_left() {
        let names = [("Ilse Varn", P), ("Tomas Quell", P), ("Harrow Mint", O)];
        let f =
            facts(&RULE, "Ilse Varn will succeed Tomas Quell as president of Harrow Mint in March 2027.", &names, &[]);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(
            matches!(&f[0], Fact::Position { holder: 0, org: Some(2), role: Some(r), ended: false, start: Some(s), replaces: Some(1), .. } if r == "president" && s.year == 2027)
        );
        assert!(matches!(&f[1], Fact::Position { holder: 1, org: Some(2), ended: true, .. }));
        let names = [("Tomas Quell", P), ("Ilse Varn", P), ("Harrow Mint", O)];
        let g = facts(
            &RULE,
            "Tomas Quell was succeeded by Ilse Varn as president of Harrow Mint in March 2027.",
            &names,
            &[],
        );
        assert!(matches!(&g[0], Fact::Position { holder: 1, org: Some(2), ended: false, .. }), "{g:?}");
    }

    #[test]
    fn without_a_role_the_post_already_known() {
        let names = [("Ilse Varn", P), ("Tomas Quell", P)];
        let known = [crate::loader::Found {
            fact: post(0, Some(7), Some("treasurer".into())),
            evidence: crate::loader::Evidence { start: 0, end: 1, rule: "t" },
        }];
        let f = facts(&RULE, "Ilse Varn replaces Tomas Quell.", &names, &known);
        assert!(
            matches!(&f[1], Fact::Position { holder: 1, org: Some(7), role: Some(r), ended: true, .. } if r == "treasurer"),
            "{f:?}"
        );
        assert!(facts(&RULE, "Ilse Varn replaces Tomas Quell.", &names, &[]).is_empty());
    }
}
