//! Names a sentence refers back to without naming: "the task force", "the university" (the
//! latest organisation of that kind), and units written in lowercase ("the department of
//! information science").

use super::super::mention::{Mention, MentionKind, Token};
use super::super::resolve::Context;
use super::super::{EntityId, Fact, Kind};
use super::view::Ment;
use crate::lexicon::OrgKind;

/// "the task force", "the panel", "the university", "the Foundation": the latest organisation of that kind
/// named before, added as a mention so patterns can use it.
pub(super) fn refer_back(cx: &mut Context, toks: &[Token], lower: &[String], ments: &mut Vec<Ment>) {
    let mut i = 0;
    while i + 1 < toks.len() {
        // "the Foundation", "the Bank" written with a capital refer back too, unless a longer
        // name goes on ("the Bank Street College")
        let longer = toks[i + 1].is_capitalised() && toks.get(i + 2).is_some_and(|t| t.is_word() && t.is_capitalised());
        if lower[i] != "the" || longer {
            i += 1;
            continue;
        }
        let two = lower.get(i + 2).map(|w| format!("{} {w}", lower[i + 1]));
        let generic_noun = super::super::frame::ORG_NOUNS.contains(&lower[i + 1].as_str());
        let (head, last) = match two.filter(|t| cx.lex.org_heads.contains_key(t.as_str())) {
            Some(t) => (t, i + 2),
            None if cx.lex.org_heads.contains_key(lower[i + 1].as_str()) || generic_noun => {
                (lower[i + 1].clone(), i + 1)
            }
            None => {
                i += 1;
                continue;
            }
        };
        // "the panel" but not "the panel's chair Jane Roe" mistaken for a name: a lowercase head
        let covered = ments.iter().any(|x| x.m.first_token <= last && x.m.next_token > i);
        let candidates: Vec<EntityId> = cx
            .recent
            .iter()
            .rev()
            .take(200)
            .copied()
            .filter(|&id| {
                matches!(cx.entities[id].kind, Kind::Org(_))
                    && cx.entities[id].name.to_lowercase().contains(&head)
                    && !cx.sources.contains(&id)
            })
            .collect();
        // "the university" is a university, not "University of X School of Medicine" (a school
        // of one): the latest whose name has no other head word after this one, else the latest
        let heads_last = |id: EntityId| {
            let name = cx.entities[id].name.to_lowercase();
            name.rfind(&head)
                .is_some_and(|p| !name[p + head.len()..].split_whitespace().any(|w| cx.lex.org_heads.contains_key(w)))
        };
        // a school someone studied at is not "the college" the story is about when another
        // that holds posts in it is in view
        let role_of = |id: EntityId| {
            let (mut post, mut study) = (false, false);
            for f in &cx.facts {
                match f.fact {
                    Fact::Position { org: Some(o), .. } | Fact::Appointment { org: Some(o), .. } if o == id => {
                        post = true
                    }
                    Fact::Education { institution: Some(o), .. } if o == id => study = true,
                    _ => {}
                }
            }
            (post, study)
        };
        let some_post = candidates.iter().any(|&id| role_of(id).0);
        let candidates: Vec<EntityId> = if some_post {
            candidates.into_iter().filter(|&id| !matches!(role_of(id), (false, true))).collect()
        } else {
            candidates
        };
        let found = candidates.iter().copied().find(|&id| heads_last(id)).or_else(|| candidates.first().copied());
        // "the panel", "the firm" when no name has the word: the latest organisation of a kind
        // the word can name ("the panel" a committee or a government body, "the firm" any)
        let found = found.or_else(|| {
            let want = cx.lex.org_heads.get(head.as_str()).copied();
            let fits = |k: OrgKind| match want {
                None => !matches!(k, OrgKind::News | OrgKind::Legislation),
                Some(w) => {
                    k == w
                        || k == OrgKind::Organization && w == OrgKind::Company
                        || matches!(
                            (w, k),
                            (OrgKind::Committee, OrgKind::Government) | (OrgKind::Government, OrgKind::Committee)
                        )
                }
            };
            (lower[i + 1] == head && !toks[i + 1].is_capitalised())
                .then(|| {
                    cx.recent.iter().rev().take(200).copied().find(|&id| {
                        matches!(cx.entities[id].kind, Kind::Org(k) if fits(k)) && !cx.sources.contains(&id)
                    })
                })
                .flatten()
        });
        if let (false, Some(id)) = (covered, found) {
            let m = Mention {
                start: toks[i + 1].start,
                end: toks[last].end,
                full_start: toks[i].start,
                name: cx.entities[id].name.clone(),
                kind: MentionKind::Org(match cx.entities[id].kind {
                    Kind::Org(k) => k,
                    _ => OrgKind::Organization,
                }),
                acronym: None,
                next_token: last + 1,
                first_token: i + 1,
                confidence: None,
            };
            cx.recent.push(id);
            ments.push(Ment { kind: cx.entities[id].kind, m, id });
        }
        i = last + 1;
    }
    ments.sort_by_key(|x| x.m.full_start);
}

/// "chairman of the department of information science at ...": a unit of an organisation named
/// in lowercase, read as the organisation "Department of Information Science" (educational when
/// the sentence names an educational organisation).
pub(super) fn lowercase_units(cx: &mut Context, toks: &[Token], lower: &[String], ments: &mut Vec<Ment>) {
    let educational = ments.iter().any(|x| x.kind == Kind::Org(OrgKind::Educational));
    let mut i = 0;
    while i + 2 < toks.len() {
        let unit = matches!(lower[i].as_str(), "department" | "division") && !toks[i].is_capitalised();
        if !unit || lower[i + 1] != "of" || (i > 0 && lower[i - 1] != "the") {
            i += 1;
            continue;
        }
        // the field: lowercase words up to the next function word or punctuation
        let mut j = i + 2;
        while j < toks.len()
            && j < i + 6
            && !toks[j].is_capitalised()
            && lower[j].chars().all(char::is_alphabetic)
            && !cx.lex.function_words.contains(lower[j].as_str())
        {
            j += 1;
        }
        let covered = ments.iter().any(|x| x.m.first_token < j && x.m.next_token > i);
        if j == i + 2 || covered {
            i += 1;
            continue;
        }
        let field: Vec<String> = lower[i + 2..j]
            .iter()
            .map(|w| {
                let mut c = w.chars();
                c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            })
            .collect();
        let head = if lower[i] == "department" { "Department" } else { "Division" };
        let name = format!("{head} of {}", field.join(" "));
        let kind = if educational { OrgKind::Educational } else { OrgKind::Organization };
        let id = cx.org(&name, kind);
        let m = Mention {
            start: toks[i].start,
            end: toks[j - 1].end,
            full_start: toks[i].start,
            name,
            kind: MentionKind::Org(kind),
            acronym: None,
            next_token: j,
            first_token: i,
            confidence: None,
        };
        cx.recent.push(id);
        ments.push(Ment { kind: cx.entities[id].kind, m, id });
        i = j;
    }
    ments.sort_by_key(|x| x.m.full_start);
}

/// "The Tarrow University board of trustees named Y", "the bank's board of directors": a
/// governing body written in lowercase after its organisation, read as the body ("Tarrow
/// University Board of Trustees"), part of the organisation.
pub(super) fn lowercase_bodies(cx: &mut Context, toks: &[Token], lower: &[String], ments: &mut Vec<Ment>) {
    let mut found = Vec::new();
    for x in ments.iter().filter(|x| matches!(x.kind, Kind::Org(_))) {
        let mut k = x.m.next_token;
        if toks.get(k).is_some_and(|t| matches!(t.text, "'s" | "’s")) {
            k += 1;
        }
        if lower.get(k).is_none_or(|w| w != "board") || toks[k].is_capitalised() {
            continue;
        }
        // (a bare "board" is left to the rules that read "O's board")
        let people = lower.get(k + 2).map(String::as_str);
        if !(lower.get(k + 1).is_some_and(|w| w == "of") && people.is_some_and(|w| cx.lex.governing_bodies.contains(w)))
        {
            continue;
        }
        let end = k + 3;
        if ments.iter().any(|y| y.m.first_token >= k && y.m.first_token < end) {
            continue;
        }
        let org = cx.entities[x.id].name.clone();
        let tail: Vec<String> =
            lower[k..end].iter().map(|w| if w == "of" { w.clone() } else { w[..1].to_uppercase() + &w[1..] }).collect();
        found.push((x.id, format!("{org} {}", tail.join(" ")), k, end));
    }
    for (owner, name, k, end) in found {
        let id = cx.org(&name, OrgKind::Committee);
        if id == owner {
            continue;
        }
        let m = Mention {
            start: toks[k].start,
            end: toks[end - 1].end,
            full_start: toks[k].start,
            name,
            kind: MentionKind::Org(OrgKind::Committee),
            acronym: None,
            next_token: end,
            first_token: k,
            confidence: None,
        };
        cx.recent.push(id);
        let (a, b) = (toks[0].start, toks[toks.len() - 1].end);
        cx.add(Fact::PartOf { part: id, whole: owner }, a, b, "prose.org-in-org");
        ments.push(Ment { kind: cx.entities[id].kind, m, id });
    }
    ments.sort_by_key(|x| x.m.full_start);
}
