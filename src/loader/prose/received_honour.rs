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
        let Some(actor) = actor_before(ti).or(subject) else { continue };
        let mut found: Vec<(String, Option<EntityId>, Option<When>)> = Vec::new();
        let mut k = ti + 1;
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
                None
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
        for (honour, by, own) in found {
            let year = own.or(if single { span.and_then(|s| s.start) } else { None });
            let years = year.into_iter().collect();
            pending.push((Fact::Award { recipient: actor, honour, conferred_by: by, years }, "prose.received-honour"));
        }
    }
}
