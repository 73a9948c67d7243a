//! `prose.title-before-name`: "BRA Secretary Alma R. Fenwick", "Harlow Mutual Chairman Paul
//! Foster": a title with its organisation before a name

use super::super::mention::MentionKind;
use super::super::resolve::Context;
use super::view::*;
use crate::lexicon::fold;

use super::super::rules::post;
use super::super::Fact;

/// Whether the word that ends `before` says a post was held once ("former", "past", "late").
fn former(before: &str) -> bool {
    before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "former" | "past" | "late"))
}

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
            let Some(h) = words.iter().position(|w| is_role(w)) else { continue };
            // "Mayor Michael Bloomberg", "Deputy Mayor P", "Acting Commissioner P": an office
            // without its organisation (a head of state's title is read against the presidents)
            let president = matches!(x.m.kind, MentionKind::Person { president: true, .. });
            if h == 0 && !president && words.iter().all(|w| is_role(w)) {
                // "Former Governor P": the word before the title, inside the name's span or not
                let title_at = v.text.get(..x.m.start.saturating_sub(v.a)).and_then(|h| h.rfind(words[0]));
                let former_before = former(&v.text[..title_at.unwrap_or(0)]);
                let former_in = words.first().is_some_and(|w| matches!(fold(w).as_str(), "former" | "past" | "late"));
                let former = former_in || former_before;
                let role = if former_in { words[1..].join(" ") } else { t.clone() };
                // "Gov. P" holds the post of governor
                let role = cx.lex.title_in_full.get(&fold(&role)).cloned().unwrap_or(role);
                // "Judge Peter Varn of the U.S. Court of Appeals": the organisation after the name
                let mut k = x.m.next_token;
                let of = v.lower.get(k).is_some_and(|w| w == "of");
                k += 1;
                if v.lower.get(k).is_some_and(|w| w == "the") {
                    k += 1;
                }
                let org = ments
                    .iter()
                    .find(|y| of && y.m.first_token == k && matches!(y.kind, super::super::Kind::Org(_)))
                    .map(|y| y.id);
                if !role.is_empty() {
                    pending.push((
                        {
                            let mut p = post(x.id, org, Some(role));
                            if let Fact::Position { ended, .. } = &mut p {
                                *ended = former;
                            }
                            p
                        },
                        "prose.title-before-name",
                    ));
                }
                continue;
            }
            // "former Secretary of State Rex Tillerson", "Secretary of Agriculture P": a US cabinet
            // title names its department
            if words.len() >= 3 && words[0] == "Secretary" && words[1] == "of" {
                let field = &words[2..];
                let plain = field.len() <= 4
                    && field.iter().all(|w| w.starts_with(char::is_uppercase) || matches!(*w, "the" | "and"))
                    && cx.lex.org_kind(&field.join(" ")).is_none();
                if plain {
                    let former = former(v.text.get(..x.m.full_start.saturating_sub(v.a)).unwrap_or(""));
                    let dept =
                        cx.org(&format!("Department of {}", field.join(" ")), crate::lexicon::OrgKind::Government);
                    let mut p = post(x.id, Some(dept), Some(t.clone()));
                    if let Fact::Position { ended, .. } = &mut p {
                        *ended = former;
                    }
                    pending.push((p, "prose.title-before-name"));
                    continue;
                }
            }
            if h == 0 {
                continue;
            }
            // "State Sen. P", "County Commissioner P": the level of the office, no organisation
            if h == 1 && cx.lex.office_levels.contains(&fold(words[0])) {
                pending.push((post(x.id, None, Some(t.clone())), "prose.title-before-name"));
                continue;
            }
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
                        // "former RBI Governor P": a post held once
                        let former = former(v.text.get(..x.m.full_start.saturating_sub(v.a)).unwrap_or(""));
                        let mut p = post(x.id, Some(o), Some(role.clone()));
                        if let Fact::Position { ended, .. } = &mut p {
                            *ended = former;
                        }
                        pending.push((p, "prose.title-before-name"));
                    }
                }
            }
        }
    }
}
