//! `prose.this-post`: "He has held this post since 2011", "He took the job in 1995": the years of
//! the post the sentence before named

use super::view::*;

use super::super::resolve::Context;

use super::super::Fact;

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { a, b, toks, lower, subject, span, .. } = *v;
    let actor_before = |ti: usize| v.actor_before(ti);
    let pending = &mut out.pending;
    let post_word = |w: &str| matches!(w, "post" | "position" | "role" | "job" | "office" | "helm");
    let this_post = lower.windows(3).any(|w| {
        matches!(w[0].as_str(), "held" | "holding" | "holds" | "occupied" | "in")
            && matches!(w[1].as_str(), "this" | "that" | "the")
            && post_word(&w[2])
    });
    // "He took the job in 1995", "she assumed the post in 2010": when the post began
    let took = lower.windows(3).any(|w| {
        matches!(w[0].as_str(), "took" | "assumed" | "accepted" | "started")
            && matches!(w[1].as_str(), "this" | "that" | "the")
            && post_word(&w[2])
    });
    let this_post = this_post || took;
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
                    if !took {
                        *end = years.end;
                    }
                }
                // the quote runs on to the sentence that gives the years
                f.evidence.end = b;
            }
        }
    }
}
