//! `prose.roster-intro`: a sentence that introduces a list of members, "The members of the O as
//! of July 1, 2012 are:", "The board's trustees are:", makes the list items after it members of
//! O (the structured reader reads them with the roster set here).

use super::super::resolve::Context;
use super::super::time;
use super::super::Kind;
use super::view::{Scratch, View};
use crate::lexicon::OrgKind;

pub(super) fn run(cx: &mut Context, v: &View, _out: &mut Scratch) {
    let View { toks, lower, ments, .. } = *v;
    // the sentence ends with a colon, or names "the following" people: a list follows (the
    // reader forgets it when no list item comes next)
    let Some(last) = toks.iter().rposition(|t| t.is_word() || t.text == ":") else { return };
    let colon = toks[last].text == ":";
    if !colon && !lower.windows(2).any(|w| w[0] == "the" && w[1] == "following") {
        return;
    }
    // "On Dec. 31, Gov. P made three judicial appointments:", "The President named the
    // following:": the items are appointments that person made
    // ("announced his intent to appoint the following individuals:")
    let appointing = lower.iter().position(|w| {
        w.starts_with("appoint") || w.starts_with("nominat") || matches!(w.as_str(), "named" | "names" | "name")
    });
    if let Some(ap) = appointing {
        if let Some(p) = ments.iter().rfind(|x| x.kind == Kind::Person && x.m.next_token <= ap) {
            // the date the sentence gives ("On Dec. 31"), resolved against the page's date
            let date = time::span(v.text).and_then(|t| t.start).or_else(|| time::relative(v.text, cx.date));
            cx.list_appointer = Some((p.id, date));
            // "... nominations for the incoming Federal Trade Commission Chairman and
            // Commissioners:": the organisation named after the appointing word, and the post
            // its plural names (else its one post)
            let org = ments.iter().find(|x| matches!(x.kind, Kind::Org(_)) && x.m.first_token > ap).map(|x| x.id);
            let singular = |w: &str| {
                let one =
                    w.strip_suffix("men").map(|r| format!("{r}man")).or_else(|| w.strip_suffix('s').map(str::to_owned));
                one.filter(|o| cx.lex.roles.contains(o.as_str()) && !cx.lex.roles.contains(w))
            };
            let plural = (ap + 1..toks.len()).find_map(|q| singular(&lower[q]).map(|r| (q, r)));
            let single =
                (ap + 1..toks.len()).find(|&q| cx.lex.roles.contains(lower[q].as_str())).map(|q| (q, lower[q].clone()));
            let role = plural.or(single).map(|(q, r)| {
                // written as the sentence writes it ("Commissioners" ▶ "Commissioner")
                if toks[q].is_capitalised() {
                    let mut t = r[..1].to_uppercase();
                    t.push_str(&r[1..]);
                    t
                } else {
                    r
                }
            });
            cx.list_post = (org, role);
        }
    }
    // a roster is announced by a sentence that ends with its colon
    if !colon {
        return;
    }
    // ("Advisory Board Member Bios:": the group word in the singular before another noun too)
    let Some(g) = lower.iter().enumerate().position(|(k, w)| {
        cx.lex.group_words.contains(w.as_str())
            || k + 1 < lower.len() && toks[k + 1].is_word() && cx.lex.group_words.contains(&format!("{w}s"))
    }) else {
        return;
    };
    // the organisation named after the group word ("members of the O"), else before it ("the
    // O's members", "O members")
    let after = ments.iter().find(|x| matches!(x.kind, Kind::Org(_)) && x.m.first_token > g);
    let before = ments.iter().rfind(|x| matches!(x.kind, Kind::Org(_)) && x.m.next_token <= g);
    if let Some(org) = after.or(before) {
        cx.roster = Some((org.id, None));
        return;
    }
    // "Tarrow Advisory Board Members:": a name run on into the group word; the body is the
    // words before it, when they name one by its head word
    if let Some(x) = ments.iter().find(|x| x.m.first_token < g && x.m.next_token > g && g - x.m.first_token >= 2) {
        let name = v.text[toks[x.m.first_token].start - v.a..toks[g - 1].end - v.a].to_owned();
        if let Some(kind) = cx.lex.org_kind(&name) {
            let id = cx.org(&name, kind);
            cx.roster = Some((id, None));
            return;
        }
    }
    // "the members of the search committee are:": a body named in lowercase, by a committee's
    // head word and the plain words before it back to "the"
    let Some(head) = (g + 1..lower.len()).find(|&k| cx.lex.org_heads.get(&lower[k]) == Some(&OrgKind::Committee))
    else {
        return;
    };
    let Some(the) = (g + 1..head).rfind(|&k| matches!(lower[k].as_str(), "the" | "its" | "their")) else { return };
    let plain = (the + 1..=head)
        .all(|k| toks[k].is_word() && !toks[k].is_capitalised() && !cx.lex.function_words.contains(lower[k].as_str()));
    if plain && head - the <= 3 {
        let name = lower[the + 1..=head].join(" ");
        let id = cx.org(&name, OrgKind::Committee);
        cx.roster = Some((id, None));
    }
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::lexicon::Lexicon;
    use crate::loader::{extract, Fact};

    #[test]
    fn the_following_nominees_each_get_the_post_their_line_names_and_the_nominator() {
        let lex = Lexicon::load().unwrap();
        let text = "Today, President Ilse Varn announced her intent to nominate the following individuals to serve \
            in key positions.\n\n\
            - Tomas Quell, Nominee for Secretary of the Navy, Department of Tarrow Defense\n\
            - Ada Lomax, Nominee for Assistant Secretary of the Army for Energy, Installations, and Logistics, Department of Tarrow Defense\n\
            - Ivo Brant, Nominee for Director of the Tarrow Survey Bureau, Department of the Interior\n\n\
            Tomas Quell is a retired admiral.\n\n\
            - Ben Sorel, Director, Tarrow Survey Bureau\n";
        let doc = Document::from_bytes("nominees.md", text.as_bytes()).unwrap();
        let ex = extract(&doc, &lex);
        let name = |id: usize| ex.entities[id].name.clone();
        let posts: Vec<(String, String, String, Option<String>)> = ex
            .facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Position { holder, org: Some(o), role: Some(r), appointed_by, .. } => {
                    Some((name(*holder), name(*o), r.clone(), appointed_by.map(name)))
                }
                _ => None,
            })
            .collect();
        let post = |who: &str, role: &str, org: &str| {
            posts.contains(&(who.into(), org.into(), role.into(), Some("Ilse Varn".into())))
        };
        // the first item is no title, a long item without a period is still an item, and
        // "Nominee for" says how the person comes to the post, not what it is
        assert!(post("Tomas Quell", "Secretary of the Navy", "Department of Tarrow Defense"), "{posts:?}");
        assert!(
            post(
                "Ada Lomax",
                "Assistant Secretary of the Army for Energy, Installations, and Logistics",
                "Department of Tarrow Defense"
            ),
            "{posts:?}"
        );
        assert!(post("Ivo Brant", "Director of the Tarrow Survey Bureau", "Department of the Interior"), "{posts:?}");
        // the bureau the post names is part of the department after it; "Installations" is no body
        let part = |a: &str, b: &str| {
            ex.facts
                .iter()
                .any(|f| matches!(f.fact, Fact::PartOf { part, whole } if name(part) == a && name(whole) == b))
        };
        assert!(part("Tarrow Survey Bureau", "Department of the Interior"), "{:?}", ex.facts);
        assert!(!ex.entities.iter().any(|e| e.name == "Installations"), "{:?}", ex.entities);
        // the list ended at the paragraph: a later list is not the president's
        assert!(posts.iter().any(|p| p.0 == "Ben Sorel" && p.3.is_none()), "{posts:?}");
    }

    #[test]
    fn a_list_after_members_are_is_a_roster() {
        let lex = Lexicon::load().unwrap();
        let text = "Board of Wardens\n\nThe Board of Wardens (\"BoW\") governs the Tarrow Institute.\n\nThe members of the BoW as of July 1, 2012 are:\n\n- Helen E. Quarry, Rector, Northport, VA\n- Ikenna Sol, Southgate, VA\n";
        let doc = Document::from_bytes("bow.md", text.as_bytes()).unwrap();
        let ex = extract(&doc, &lex);
        let name = |id: usize| ex.entities[id].name.clone();
        let members: Vec<String> = ex
            .facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Membership { member, org, .. } if name(*org) == "Board of Wardens" => Some(name(*member)),
                _ => None,
            })
            .collect();
        assert!(members.contains(&"Helen E. Quarry".to_owned()), "{:?}", ex.facts);
        assert!(members.contains(&"Ikenna Sol".to_owned()), "{members:?}");
        // a role in the roster line without an organisation of its own is a role in the body
        assert!(ex.facts.iter().any(|f| matches!(&f.fact, Fact::Position { holder, org: Some(o), role: Some(r), .. } if name(*holder) == "Helen E. Quarry" && name(*o) == "Board of Wardens" && r == "Rector")), "{:?}", ex.facts);
        // a town is not where a member holds a post
        assert!(
            !ex.facts.iter().any(|f| matches!(&f.fact, Fact::Position { org: Some(o), .. } if name(*o) == "Northport")),
            "{:?}",
            ex.facts
        );
    }

    #[test]
    fn name_role_organisation_lines_after_an_appointing_sentence_are_appointments() {
        let lex = Lexicon::load().unwrap();
        let text = "# President Quell Names Key Members to Boards\n\nToday, President Orrin Quell announced his intent to appoint the following individuals to serve in key roles:\n\n- Helen E. Quarry, Member, Tarrow Science Board\n- Ikenna Sol, Chair, Tarrow Science Board\n\n## Tarrow Science Board\n\nThe board sets policy.\n\n- Mira Okafor, Member, Northport Arts Council\n";
        let doc = Document::from_bytes("quell.md", text.as_bytes()).unwrap();
        let ex = extract(&doc, &lex);
        let name = |id: usize| ex.entities[id].name.clone();
        let by: Vec<(String, String)> = ex
            .facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Position { holder, appointed_by: Some(a), .. } => Some((name(*holder), name(*a))),
                _ => None,
            })
            .collect();
        assert!(by.contains(&("Helen E. Quarry".into(), "Orrin Quell".into())), "{by:?} {:?}", ex.facts);
        assert!(by.contains(&("Ikenna Sol".into(), "Orrin Quell".into())), "{by:?}");
        // a list after the paragraph that ended the first is not his
        assert!(!by.iter().any(|(h, _)| h == "Mira Okafor"), "{by:?}");
        assert!(ex.facts.iter().any(|f| matches!(&f.fact, Fact::Appointment { appointee, appointer: Some(a), .. } if name(*appointee) == "Ikenna Sol" && name(*a) == "Orrin Quell")));
        // the headline's verb is not part of the president's name
        assert!(!ex.entities.iter().any(|e| e.name.contains("Names")), "{:?}", ex.entities);
    }
}
