//! `prose.this-post`: "He has held this post since 2011": the years of the post the sentence before named

use super::view::*;

use super::super::resolve::Context;

use super::super::Fact;

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { a, b, toks, lower, subject, span, .. } = *v;
    let actor_before = |ti: usize| v.actor_before(ti);
    let pending = &mut out.pending;
    let this_post = lower.windows(3).any(|w| {
        matches!(w[0].as_str(), "held" | "holding" | "holds" | "occupied" | "in")
            && matches!(w[1].as_str(), "this" | "that" | "the")
            && matches!(w[2].as_str(), "post" | "position" | "role" | "job" | "office")
    });
    let years = span.filter(|s| s.start.is_some());
    if this_post && !pending.iter().any(|(f, _)| matches!(f, Fact::Position { .. })) {
        if let (Some(years), Some(actor)) = (years, actor_before(toks.len()).or(subject)) {
            // the latest post of the same holder, without years, read within the last 600 bytes
            let last = cx.facts.iter_mut().rev().take(12).find(|f| {
                matches!(f.fact, Fact::Position { holder, start: None, end: None, .. } if holder == actor)
                    && a.saturating_sub(f.evidence.end) < 600
            });
            if let Some(f) = last {
                if let Fact::Position { start, end, .. } = &mut f.fact {
                    *start = years.start;
                    *end = years.end;
                }
                // the quote runs on to the sentence that gives the years
                f.evidence.end = b;
            }
        }
    }
}
