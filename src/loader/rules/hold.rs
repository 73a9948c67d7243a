//! `frame.hold`: a verb that names a post. "Y leads O", "Y, who has headed O since 2009",
//! "O is led by Y", "Y was tapped to oversee O" (the appointee oversees). The role is the
//! verb's (`verb-roles.vocab`: "leads" ▶ leader), or the one the clause names ("leads O as its
//! president").

use super::super::frame::Frame;
use super::super::{Fact, Kind};
use super::{post, roles, Input, Rule};
use crate::lexicon::VerbClass;

pub const RULE: Rule = Rule { id: "frame.hold", file: file!(), run };

/// Whether the document gives `holder` a post with a title at `org`.
fn titled(input: &Input, holder: usize, org: usize) -> bool {
    let is = |f: &Fact| matches!(f, Fact::Position { holder: h, org: Some(o), role: Some(_), .. } if *h == holder && *o == org);
    input.known.iter().any(|f| is(&f.fact)) || input.pending.iter().any(|(f, _)| is(f))
}

fn run(input: &Input, f: &Frame, out: &mut Vec<Fact>) {
    if f.verb.class != VerbClass::Hold {
        return;
    }
    let (holder, org) = if f.verb.passive {
        (input.arg(f.agent), input.who(f.subject))
    } else {
        (input.who(f.subject), input.arg(f.object))
    };
    let (Some((holder, Kind::Person)), Some((org, Kind::Org(_)))) = (holder, org) else { return };
    let named = f
        .role
        .as_ref()
        .filter(|r| r.first <= f.verb.next + 8 && input.s.lower[..r.first].iter().rev().take(3).any(|w| w == "as"));
    let rs: Vec<String> = match named {
        Some(r) => roles(&r.text),
        None => match input.lex.verb_roles.get(&f.verb.third) {
            // "McGovern has led the organization": the verb says no more than a titled post the
            // document gives that person there
            Some(_) if titled(input, holder, org) => return,
            Some(r) => vec![r.clone()],
            None => return,
        },
    };
    for r in rs {
        let mut p = post(holder, Some(org), Some(r));
        if let Fact::Position { start, end, ended, .. } = &mut p {
            *start = f.time.and_then(|t| t.start);
            *end = f.time.and_then(|t| t.end);
            *ended = end.is_some();
        }
        out.push(p);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{facts, O, P};
    use super::*;

    #[test]
    fn leads_and_is_led_by() {
        let names = [("Ilse Varn", P), ("Harrow Mint", O)];
        let f = facts(&RULE, "Ilse Varn, who has headed Harrow Mint since 2009, said", &names, &[]);
        assert!(
            matches!(&f[..], [Fact::Position { holder: 0, org: Some(1), role: Some(r), start: Some(s), .. }] if r == "head" && s.year == 2009),
            "{f:?}"
        );
        let names = [("Harrow Mint", O), ("Ilse Varn", P)];
        let f = facts(&RULE, "Harrow Mint is led by Ilse Varn.", &names, &[]);
        assert!(matches!(&f[..], [Fact::Position { holder: 1, org: Some(0), .. }]), "{f:?}");
    }

    #[test]
    fn tapped_to_oversee() {
        let names = [("Ilse Varn", P), ("Harrow Mint", O)];
        let f = facts(&RULE, "Ilse Varn was tapped to oversee Harrow Mint.", &names, &[]);
        assert!(matches!(&f[..], [Fact::Position { holder: 0, org: Some(1), .. }]), "{f:?}");
    }

    #[test]
    fn the_one_named_heads_not_the_one_who_names() {
        let names = [("Ilse Varn", P), ("Harrow", O), ("Ann Quell", P), ("Tarrow Bank", O)];
        let f = facts(
            &RULE,
            "Ilse Varn named Harrow president Dr. Ann Quell as his nominee to head Tarrow Bank.",
            &names,
            &[],
        );
        assert!(matches!(&f[..], [Fact::Position { holder: 2, org: Some(3), .. }]), "{f:?}");
    }

    #[test]
    fn a_pronoun_inside_a_quotation_holds_nothing() {
        let names = [("Harrow Mint", O), ("Ilse Varn", P)];
        let f = facts(&RULE, "He is the right person to lead Harrow Mint,\" said Ilse Varn.", &names, &[]);
        assert!(f.is_empty(), "{f:?}");
        let f = facts(&RULE, "\"He is the right person to lead Harrow Mint,\" said Ilse Varn.", &names, &[]);
        assert!(f.is_empty(), "{f:?}");
        // outside the quotation, the pronoun's antecedent leads
        let f = facts(&RULE, "He leads Harrow Mint, said Ilse Varn.", &names, &[]);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn a_verb_adds_nothing_to_a_titled_post_held_there() {
        use crate::loader::{Evidence, Found};
        let names = [("Ilse Varn", P), ("Harrow Mint", O)];
        let president = Found {
            fact: super::super::post(0, Some(1), Some("president".into())),
            evidence: Evidence { start: 0, end: 1, rule: "test" },
        };
        let f = facts(&RULE, "Ilse Varn has led Harrow Mint through hard years.", &names, &[president]);
        assert!(f.is_empty(), "{f:?}");
        let f = facts(&RULE, "Ilse Varn has led Harrow Mint through hard years.", &names, &[]);
        assert_eq!(f.len(), 1, "{f:?}");
    }
}
