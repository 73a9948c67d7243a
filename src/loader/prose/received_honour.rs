//! `prose.received-honour`: "received the Rural Health Champion Award from the O in 2012", "won the X Prize", "was presented with the X Medal by O": an honour named in capitals after the verb; "the recipient of numerous awards, including the X Award (1985) and the Y Medal (1992)": a list

use super::super::mention::Token;
use super::super::resolve::Context;
use super::super::time::When;
use super::super::{EntityId, Fact};
use super::view::*;

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { toks, lower, ments, subject, span, .. } = *v;
    let actor_before = |ti: usize| v.actor_before(ti);
    let negated = |ti: usize| v.negated(ti);
    let pending = &mut out.pending;
    let award_sentence = lower.iter().any(|w| {
        matches!(w.as_str(), "received" | "recipient" | "awarded" | "awards" | "honors" | "honours" | "won" | "prizes")
    });
    for ti in 0..toks.len() {
        let verb = matches!(
            lower[ti].as_str(),
            "received" | "receives" | "won" | "wins" | "awarded" | "earned" | "accepted" | "presented" | "recipient"
        );
        let including = lower[ti] == "including" && award_sentence;
        if !(verb || including) || negated(ti) {
            continue;
        }
        // "O presented him (with) its X Award", "O awarded P the X Medal": the active verb's
        // object receives it, its subject gives it
        let passive = ti > 0 && matches!(lower[ti - 1].as_str(), "was" | "were" | "been" | "be" | "is");
        let giving = matches!(lower[ti].as_str(), "presented" | "awarded") && !passive;
        let object = if giving {
            match lower.get(ti + 1).map(String::as_str) {
                Some("him" | "her" | "them") => v.he.map(|p| (p, ti + 2)),
                _ => v.ment_at(ti + 1).filter(|x| x.kind == super::super::Kind::Person).map(|x| (x.id, x.m.next_token)),
            }
        } else {
            None
        };
        if giving && object.is_none() {
            continue;
        }
        let giver = object.and_then(|_| {
            ments.iter().rfind(|x| matches!(x.kind, super::super::Kind::Org(_)) && x.m.next_token <= ti).map(|x| x.id)
        });
        let Some(actor) = object.map(|o| o.0).or_else(|| actor_before(ti)).or(subject) else { continue };
        let mut found: Vec<(String, Option<EntityId>, Option<When>)> = Vec::new();
        let mut k = object.map_or(ti + 1, |o| o.1);
        loop {
            let from = k;
            while k < toks.len()
                && k < from + 4
                && matches!(lower[k].as_str(), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "with" | "of")
            {
                k += 1;
            }
            // the capitalised run, "of", "for", "in" and "and" inside it
            let mut end = k;
            while end < toks.len() && end < k + 12 {
                let joins = matches!(lower[end].as_str(), "of" | "for" | "in" | "and" | "&")
                    && toks.get(end + 1).is_some_and(Token::is_capitalised);
                if !toks[end].is_capitalised() && !joins {
                    break;
                }
                end += 1;
            }
            if end == k {
                break;
            }
            let honour = cx.doc.slice(toks[k].start, toks[end - 1].end).to_owned();
            if !cx.lex.has_award_word(&honour) {
                break;
            }
            let by = if lower.get(end).is_some_and(|w| matches!(w.as_str(), "from" | "by" | "of")) {
                orgs_listed_after(ments, toks, end + 1).first().copied()
            } else {
                giver
            };
            // "(1985)" right after the honour is its year
            let own = (toks.get(end).is_some_and(|t| t.text == "(")
                && toks.get(end + 2).is_some_and(|t| t.text == ")"))
            .then(|| lower[end + 1].parse::<i32>().ok().filter(|y| (1800..=2100).contains(y)))
            .flatten()
            .map(When::year);
            found.push((honour, by, own));
            k = if own.is_some() { end + 3 } else { end };
            if !lower.get(k).is_some_and(|w| w == "," || w == "and") {
                break;
            }
            k += 1;
        }
        let single = found.len() == 1;
        // "..., and in 1985 he received X": the year of the verb's own clause or list item
        let clause = v.span_of_clause(ti, k.min(toks.len()), span);
        for (honour, by, own) in found {
            let year = own.or(if single { clause.and_then(|s| s.start) } else { None });
            let years = year.into_iter().collect();
            pending.push((Fact::Award { recipient: actor, honour, conferred_by: by, years }, "prose.received-honour"));
        }
    }
}
