//! `prose.succeeds`: "He succeeds P, who resigned in June 2017": P held the actor's post before, and left it

use super::view::*;

use super::super::resolve::Context;
use super::super::time::{self, When};
use super::super::{EntityId, Fact, Kind};

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { text, lower, ments, subject, span, .. } = *v;
    let tok_at = |pos: usize| v.tok_at(pos);
    let actor_before = |ti: usize| v.actor_before(ti);
    let pending = &mut out.pending;
    if let Some(ti) = lower.iter().position(|w| {
        matches!(w.as_str(), "succeeds" | "succeeded" | "succeeding" | "replaces" | "replaced" | "replacing")
    }) {
        let predecessor = ments
            .iter()
            .find(|x| x.kind == Kind::Person && (tok_at(x.m.full_start) == ti + 1 || x.m.first_token == ti + 1))
            .map(|x| x.id);
        let actor = actor_before(ti).or(subject);
        if let (Some(p), Some(actor)) = (predecessor, actor) {
            // the post the news is about: one that began on the document's date, else the first
            // current post named for the actor
            let current: Vec<(EntityId, Option<String>, Option<When>)> = cx
                .facts
                .iter()
                .rev()
                .take(50)
                .rev()
                .map(|f| &f.fact)
                .chain(pending.iter().map(|(f, _)| f))
                .filter_map(|f| match f {
                    Fact::Position { holder, org: Some(o), role, start, end: None, ended: false, .. }
                        if *holder == actor =>
                    {
                        Some((*o, role.clone(), *start))
                    }
                    _ => None,
                })
                .collect();
            // the post the actor was appointed to, in this document, comes first
            let appointed =
                cx.facts.iter().rev().map(|f| &f.fact).chain(pending.iter().map(|(f, _)| f)).find_map(|f| match f {
                    Fact::Appointment { appointee, org: Some(o), role, .. } if *appointee == actor => {
                        Some((*o, role.clone()))
                    }
                    _ => None,
                });
            let post = appointed.or_else(|| {
                current.iter().find(|c| c.2.is_some() && c.2 == cx.date).or(current.first()).map(|c| (c.0, c.1.clone()))
            });
            if let Some((org, role)) = post {
                // "who had served as dean since 1998": a year after "since" began the post
                let since = text.to_lowercase().contains("since");
                let span_start = span.filter(|_| !since).and_then(|s| s.start);
                let left = time::dates(text)
                    .iter()
                    .find(|d| !text[..d.0].trim_end().to_lowercase().ends_with("since"))
                    .map(|d| d.2)
                    .or(span_start)
                    .or(cx.date);
                if p != actor {
                    // the actor's post in it replaces P's (read in this sentence or before)
                    let mine = |f: &Fact| {
                        matches!(f, Fact::Position { holder, org: o, ended: false, replaces: None, .. }
                            if *holder == actor && *o == Some(org))
                    };
                    let found = pending.iter_mut().map(|(f, _)| f).find(|f| mine(f));
                    let found = match found {
                        Some(f) => Some(f),
                        None => cx.facts.iter_mut().rev().take(50).map(|f| &mut f.fact).find(|f| mine(f)),
                    };
                    if let Some(Fact::Position { replaces, .. }) = found {
                        *replaces = Some(p);
                    }
                    pending.push((
                        Fact::Position {
                            holder: p,
                            org: Some(org),
                            role,
                            start: None,
                            end: left,
                            under: None,
                            appointed_by: None,
                            replaces: None,
                            ended: true,
                        },
                        "prose.succeeds",
                    ));
                }
            }
        }
    }
}
