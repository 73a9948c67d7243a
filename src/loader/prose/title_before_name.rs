//! `prose.title-before-name`: "BRA Secretary Alma R. Fenwick", "Harlow Mutual Chairman Paul
//! Foster": a title with its organisation before a name

use super::super::mention::MentionKind;
use super::super::resolve::Context;
use super::view::*;
use crate::lexicon::fold;

use super::super::Fact;

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { ments, .. } = *v;
    let pending = &mut out.pending;
    let title_orgs = &mut out.title_orgs;

    for x in ments {
        if let MentionKind::Person { title: Some(t), .. } = &x.m.kind {
            // "BRA Secretary", "Harlow Mutual Chairman", "United Nations Secretary-General": the
            // capitalised words before the title's first role word name its organisation
            let words: Vec<&str> = t.split_whitespace().collect();
            let is_role = |w: &str| {
                let l = fold(w);
                l.split('-').any(|p| cx.lex.roles.contains(p) || cx.lex.role_modifiers.contains(p))
                    || cx.lex.name_titles.contains_key(&l)
            };
            let Some(h) = words.iter().position(|w| is_role(w)).filter(|&h| h > 0) else { continue };
            let org = words[..h].join(" ");
            let role = words[h..].join(" ");
            let named = words[..h].iter().all(|w| w.starts_with(char::is_uppercase) && !is_role(w))
                && !cx.lex.places.contains(&org)
                && !words[..h].iter().any(|w| cx.lex.function_words.contains(&w.to_lowercase()));
            if named {
                {
                    let org_id = cx.acronym(&org).or_else(|| cx.org_by_position(&org));
                    if let Some(o) = org_id.filter(|&o| matches!(cx.entities[o].kind, super::super::Kind::Org(_))) {
                        title_orgs.push((x.id, o));
                        pending.push((
                            Fact::Position {
                                holder: x.id,
                                org: Some(o),
                                role: Some(role.clone()),
                                start: None,
                                end: None,
                                under: None,
                                appointed_by: None,
                                ended: false,
                            },
                            "prose.title-before-name",
                        ));
                    }
                }
            }
        }
    }
}
