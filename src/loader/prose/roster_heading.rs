//! `prose.roster-heading`: a heading that announces the people a body lists ("Current Members",
//! "Board of Trustees Roster", "Members of the Tarrow Council") makes the list items or table rows
//! under it members of that body: the organisation the heading names, else the one the latest
//! heading before it named ("Space Studies Board" over "Board Members and Staff"). Runs on
//! headings only; the structured reader reads the rows with the roster set here.

use super::super::mention::{Mention, MentionKind, Token};
use super::super::resolve::Context;
use super::roster_intro::GROUP;

pub(super) fn read(cx: &mut Context, toks: &[Token], ms: &[Mention]) {
    // "Board Members and Staff", "Board of Directors" name the list, not the body
    let is_group = |m: &Mention| m.name.split_whitespace().any(|w| GROUP.contains(&w.to_lowercase().as_str()));
    let named = ms.iter().rfind(|m| matches!(m.kind, MentionKind::Org(_)) && !is_group(m));
    let lists = toks.iter().any(|t| GROUP.contains(&t.lower().as_str()));
    if lists {
        if let Some(m) = named.or(cx.heading_org.as_ref()).cloned() {
            if let Some(id) = cx.resolve(&m) {
                cx.roster = Some((id, None));
            }
        }
    }
    if let Some(m) = named {
        cx.heading_org = Some(m.clone());
    }
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::lexicon::Lexicon;
    use crate::loader::{extract, Fact};

    #[test]
    fn a_members_heading_under_a_bodys_heading_makes_its_table_a_roster() {
        let lex = Lexicon::load().unwrap();
        let html = "<html><body><h1>Tarrow Lakes Council</h1><p>The council advises the state.</p>\
            <h3>Current Members</h3><table><tr><th>Name</th><th>Role</th><th>Affiliation</th></tr>\
            <tr><td>Helen E. Quarry</td><td>Chair</td><td>Northport University</td></tr>\
            <tr><td>Ikenna B. Sol</td><td></td><td>Southgate Institute of Technology</td></tr></table></body></html>";
        let doc = Document::from_bytes("council.html", html.as_bytes()).unwrap();
        let ex = extract(&doc, &lex);
        let id =
            |n: &str| ex.entities.iter().position(|e| e.name == n).unwrap_or_else(|| panic!("{n}: {:?}", ex.entities));
        let (council, quarry, sol) = (id("Tarrow Lakes Council"), id("Helen E. Quarry"), id("Ikenna B. Sol"));
        let member = |p: usize| {
            ex.facts
                .iter()
                .any(|f| matches!(&f.fact, Fact::Membership { member, org, .. } if *member == p && *org == council))
        };
        assert!(member(quarry) && member(sol), "{:?}", ex.facts);
        // the chair is the council's; the university and the institute are where they work
        let post = |p: usize, o: usize, r: Option<&str>| {
            ex.facts.iter().any(|f| matches!(&f.fact, Fact::Position { holder, org: Some(x), role, .. } if *holder == p && *x == o && role.as_deref() == r))
        };
        assert!(post(quarry, council, Some("Chair")), "{:?}", ex.facts);
        assert!(post(quarry, id("Northport University"), None), "{:?}", ex.facts);
        assert!(post(sol, id("Southgate Institute of Technology"), None), "{:?}", ex.facts);
    }
}
