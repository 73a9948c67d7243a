//! `prose.roster-heading`: a heading that announces the people a body lists ("Current Members",
//! "Board of Trustees Roster", "Members of the Tarrow Council") makes the list items or table rows
//! under it members of that body: the organisation the heading names, else the one the latest
//! heading before it named ("Space Studies Board" over "Board Members and Staff"). Runs on
//! headings only; the structured reader reads the rows with the roster set here.

use super::super::mention::{Mention, MentionKind, Token};
use super::super::resolve::Context;
use super::super::Fact;

pub(super) fn read(cx: &mut Context, toks: &[Token], ms: &[Mention], a: usize, b: usize) {
    // a heading that is a person's name and nothing else heads what is said of that person
    cx.heading_person = ms
        .first()
        .filter(|m| {
            matches!(m.kind, MentionKind::Person { .. })
                && m.first_token == 0
                && toks[m.next_token..].iter().all(|t| !t.is_word())
        })
        .cloned()
        .or_else(|| inverted_name(cx, toks))
        .map(|m| cx.person(&m));
    let _ = post_heading(cx, toks, ms, a, b);
    // "Past Presidents of the Ecological Society", "Chairs of the Board": the holders of a post
    let plural = |t: &Token| {
        let w = t.lower();
        let one = w.strip_suffix("men").map(|r| format!("{r}man")).or_else(|| w.strip_suffix('s').map(str::to_owned));
        one.filter(|o| cx.lex.roles.contains(o.as_str()) && !cx.lex.roles.contains(w.as_str()))
    };
    cx.heading_role = toks.iter().find_map(plural).map(|r| {
        let mut t = r[..1].to_uppercase();
        t.push_str(&r[1..]);
        t
    });
    // "Board Members and Staff", "Board of Directors" name the list, not the body
    let is_group = |m: &Mention| m.name.split_whitespace().any(|w| cx.lex.group_words.contains(&w.to_lowercase()));
    let named = ms.iter().rfind(|m| matches!(m.kind, MentionKind::Org(_)) && !is_group(m));
    let lists = toks.iter().any(|t| cx.lex.group_words.contains(&t.lower()));
    // "Boyer 2030 Commissioners", "Tarrow Panel Members": the capitalised words before the
    // group word that ends the heading name the body the list is of
    let words: Vec<&Token> = toks.iter().filter(|t| t.is_word()).collect();
    // ("CLASS C DIRECTORS": in a heading in capitals every word looks like a name's)
    let capitals = words.iter().all(|t| !t.text.chars().any(char::is_lowercase));
    if named.is_none()
        && !capitals
        && words.len() >= 2
        && words.len() <= 6
        && ms.iter().all(|m| !matches!(m.kind, MentionKind::Person { .. }))
    {
        let Some((last, before)) = words.split_last() else { return };
        let body = before.iter().all(|t| {
            (t.is_capitalised() || t.text.starts_with(|c: char| c.is_ascii_digit()))
                && !cx.lex.function_words.contains(&t.lower())
        });
        if cx.lex.group_words.contains(&last.lower()) && body && !cx.lex.group_words.contains(&before[0].lower()) {
            let name = cx.doc.slice(before[0].start, before[before.len() - 1].end).to_owned();
            // ("Tarrow Advisory Board Members": a body with its own head word is that kind)
            let kind = cx.lex.org_kind(&name);
            let named_body = kind.is_some() && named.is_none() && !lists_only(&name);
            if kind.is_none() || cx.lex.is_governing_body(&name) || named_body {
                let id = cx.org(&name, kind.unwrap_or(crate::lexicon::OrgKind::Committee));
                cx.roster = Some((id, None));
                cx.heading_org = Some(Mention {
                    start: before[0].start,
                    end: before[before.len() - 1].end,
                    full_start: before[0].start,
                    name,
                    kind: MentionKind::Org(crate::lexicon::OrgKind::Committee),
                    acronym: None,
                    next_token: 0,
                    first_token: 0,
                    confidence: None,
                });
                return;
            }
        }
    }
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

/// Whether a name is only words that name lists or bodies in general ("Board", "Board of
/// Directors"), not one body.
fn lists_only(name: &str) -> bool {
    name.split_whitespace().count() < 2
}

/// A heading that is a name written surname first, "Adams, Clark J.", "Bird, John E.": that
/// person, named in the usual order.
pub(super) fn inverted_name(cx: &Context, toks: &[Token]) -> Option<Mention> {
    let words: Vec<&Token> = toks.iter().filter(|t| t.text != ".").collect();
    if words.len() < 3 || words.len() > 5 || words[1].text != "," {
        return None;
    }
    let (surname, given) = (words[0], &words[2..]);
    let capital = |t: &Token| {
        t.text.starts_with(char::is_uppercase)
            && t.text.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
    };
    // ("ADAMS, Alva Blanchard": a surname in capitals is a directory's, whatever the given name)
    let capitals = surname.text.chars().count() > 1 && surname.text.chars().all(|c| !c.is_lowercase());
    let known = cx.lex.is_given_name(given[0].text) || given.iter().skip(1).any(|t| t.is_initial()) || capitals;
    if !capital(surname) || !given.iter().all(|t| capital(t)) || !known || cx.lex.org_kind(surname.text).is_some() {
        return None;
    }
    let first = given.iter().map(|t| {
        if t.is_initial() && !t.text.ends_with('.') {
            format!("{}.", t.text)
        } else {
            t.text.to_owned()
        }
    });
    // "ADAMS, Alva Blanchard": a directory's capitals are the surname's case, not its spelling
    let surname = if surname.text.chars().count() > 1 && surname.text.chars().all(|c| !c.is_lowercase()) {
        let lower = surname.text.to_lowercase();
        let mut cs = lower.chars();
        cs.next().map(|c| c.to_uppercase().chain(cs).collect::<String>()).unwrap_or_default()
    } else {
        surname.text.to_owned()
    };
    let name = format!("{} {}", first.collect::<Vec<_>>().join(" "), surname);
    Some(Mention {
        start: toks[0].start,
        end: toks[toks.len() - 1].end,
        full_start: toks[0].start,
        name,
        kind: MentionKind::Person { title: None, honorific: false, president: false },
        acronym: None,
        next_token: toks.len(),
        first_token: 0,
        confidence: None,
    })
}

/// `list.post-under-name`: under a heading that names a person, a line "President from
/// 7/20/2007 to 9/30/2021" or "Director (1994-2007)": that person held the role, those years, at
/// the organisation the page's headings name. Returns whether the line was one.
pub fn post_under_name(cx: &mut Context, toks: &[Token], a: usize, b: usize) -> bool {
    let Some(holder) = cx.heading_person else { return false };
    let words = toks.iter().filter(|t| t.is_word()).count();
    if words > 10 {
        return false;
    }
    // the role: the words before "from", a comma, a bracket or the first number
    let to = toks
        .iter()
        .position(|t| !t.is_word() || t.text.starts_with(char::is_numeric) || t.lower() == "from")
        .unwrap_or(toks.len());
    if to == 0 || to > 5 || to == toks.len() {
        return false;
    }
    // a title written as one ("Chief Judge"), not a clause ("He served as Chief Judge")
    let title = toks[..to].iter().all(|t| t.is_capitalised()) && !cx.lex.function_words.contains(&toks[0].lower());
    let role = toks[..to].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
    if !title || super::super::structured::role_head(cx, &role).is_none() {
        return false;
    }
    let text = cx.doc.slice(a, b).to_owned();
    let Some(span) = super::super::time::span(&text).filter(|s| s.start.is_some()) else { return false };
    let org = cx.heading_org.clone().and_then(|m| cx.resolve(&m)).filter(|&o| o != holder);
    let mut f = super::super::rules::post(holder, org, Some(role));
    if let Fact::Position { start, end, ended, .. } = &mut f {
        *start = span.start;
        *end = span.end;
        *ended = end.is_some() && !span.open;
    }
    cx.add(f, a, b, "list.post-under-name");
    true
}

/// `list.post-heading`: a heading "Person, Role (2004-2017)" over a paragraph about that person
/// ("Past Presidents" pages): the person held the role, those years, at the organisation the
/// page's headings name.
pub(super) fn post_heading(cx: &mut Context, toks: &[Token], ms: &[Mention], a: usize, b: usize) -> bool {
    let Some(p) = ms.first().filter(|m| m.first_token == 0 && matches!(m.kind, MentionKind::Person { .. })) else {
        return false;
    };
    if toks.get(p.next_token).is_none_or(|t| t.text != ",") {
        return false;
    }
    // the role: the words after the comma, up to the years
    let from = p.next_token + 1;
    let to = (from..toks.len())
        .find(|&k| !toks[k].is_word() || toks[k].text.starts_with(char::is_numeric))
        .unwrap_or(toks.len());
    if to == from
        || to - from > 5
        || ms.iter().any(|m| {
            m.first_token >= from
                && m.first_token < to
                && matches!(m.kind, MentionKind::Org(_) | MentionKind::Person { .. } | MentionKind::Place)
        })
    {
        return false;
    }
    let role = toks[from..to].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
    if super::super::structured::role_head(cx, &role).is_none() {
        return false;
    }
    // the years close the line: "(2004-2017)", "1968–1973"
    if !toks[to..].iter().all(|t| !t.is_word() || t.text.starts_with(char::is_numeric)) || to == toks.len() {
        return false;
    }
    let text = cx.doc.slice(a, b).to_owned();
    let span = super::super::time::span(&text);
    let org = cx.heading_org.clone().and_then(|m| cx.resolve(&m));
    let holder = cx.person(p);
    let mut f = super::super::rules::post(holder, org, Some(role));
    if let Fact::Position { start, end, ended, .. } = &mut f {
        *start = span.and_then(|s| s.start);
        *end = span.and_then(|s| s.end);
        *ended = end.is_some() && !span.is_some_and(|s| s.open);
    }
    cx.add(f, a, b, "list.post-heading");
    cx.last_person = Some(holder);
    true
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

    #[test]
    fn a_person_role_years_line_is_a_post_at_the_pages_organisation() {
        let lex = Lexicon::load().unwrap();
        let html = "<html><head><title>Past Presidents - Federal Reserve Bank of Tarrow</title></head><body>\
            <h1>Past Presidents</h1><h2>Ilse M. Varn, President (2004-2017)</h2><p>Varn joined the bank in 1989.</p>\
            <h2>Tomas Quell, First Vice President (1990-1995)</h2><p>Quell was an attorney.</p></body></html>";
        let doc = Document::from_bytes("past.html", html.as_bytes()).unwrap();
        let ex = extract(&doc, &lex);
        let name = |id: usize| ex.entities[id].name.clone();
        let posts: Vec<(String, String, String, i32, i32)> = ex
            .facts
            .iter()
            .filter(|f| f.evidence.rule == "list.post-heading")
            .filter_map(|f| match &f.fact {
                Fact::Position { holder, org: Some(o), role: Some(r), start: Some(s), end: Some(e), .. } => {
                    Some((name(*holder), name(*o), r.clone(), s.year, e.year))
                }
                _ => None,
            })
            .collect();
        let bank = "Federal Reserve Bank of Tarrow".to_owned();
        assert!(
            posts.contains(&("Ilse M. Varn".into(), bank.clone(), "President".into(), 2004, 2017)),
            "{posts:?} {:?}",
            ex.facts
        );
        assert!(posts.contains(&("Tomas Quell".into(), bank, "First Vice President".into(), 1990, 1995)), "{posts:?}");
        // a name and a place is no post
        let doc = Document::from_bytes("x.txt", b"Staff\n\nIlse M. Varn, Northport (2004-2017)\n").unwrap();
        assert!(!extract(&doc, &lex).facts.iter().any(|f| f.evidence.rule == "list.post-heading"));
    }

    #[test]
    fn a_role_and_its_dates_under_a_name_heading_are_that_persons_post() {
        let lex = Lexicon::load().unwrap();
        let text = "# Past Presidents of the Federal Reserve Bank of Tarrow\n\n## Eric Lomax\n\n\
            President from 7/20/2007 to 9/30/2021\n\nEric was known for his research. He served as Chief Judge from 1988 until 1991.\n\n\
            ## Cathy Elizabeth Quell\n\nPresident, 1994-2007\n\nShe was an economist.\n";
        let doc = Document::from_bytes("past.md", text.as_bytes()).unwrap();
        let ex = extract(&doc, &lex);
        let name = |id: usize| ex.entities[id].name.clone();
        let posts: Vec<(String, String, i32, i32)> = ex
            .facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Position { holder, org: Some(o), start: Some(s), end: Some(e), ended: true, .. } => {
                    Some((name(*holder), name(*o), s.year, e.year))
                }
                _ => None,
            })
            .collect();
        let bank = "Federal Reserve Bank of Tarrow".to_owned();
        assert!(posts.contains(&("Eric Lomax".into(), bank.clone(), 2007, 2021)), "{posts:?} {:?}", ex.facts);
        assert!(posts.contains(&("Cathy Elizabeth Quell".into(), bank, 1994, 2007)), "{posts:?}");
        // a sentence under the name is no title line
        assert!(
            !ex.facts.iter().any(|f| matches!(&f.fact, Fact::Position { role: Some(r), .. } if r.contains("served"))),
            "{:?}",
            ex.facts
        );
        // the holders named before the body are not part of its name
        assert!(!ex.entities.iter().any(|e| e.name.starts_with("Past")), "{:?}", ex.entities);
    }

    #[test]
    fn a_table_of_holders_by_year_gives_each_their_post_in_markdown_and_html() {
        let lex = Lexicon::load().unwrap();
        let md = "# Past Presidents of the Tarrow Ecological Society\n\n| Year | President | Institution |\n\
            |---|---|---|\n| 1916 | Victor E. Quell | University of Northport |\n| 1917 | Ellsworth Sorel | Harrow College |\n\n\
            Victor E. Quell was a zoologist.\n\n| 1999 | Ann Lomax | Harrow College |\n";
        let html = "<html><head><title>Past Presidents of the Tarrow Ecological Society</title></head><body>\
            <table><tr><th>Year</th><th>President</th><th>Institution</th></tr>\
            <tr><td>1916</td><td>Victor E. Quell</td><td>University of Northport</td></tr>\
            <tr><td>1917</td><td>Ellsworth Sorel</td><td>Harrow College</td></tr></table></body></html>";
        for (name, text) in [("t.md", md), ("t.html", html)] {
            let doc = Document::from_bytes(name, text.as_bytes()).unwrap();
            let ex = extract(&doc, &lex);
            let n = |id: usize| ex.entities[id].name.clone();
            let posts: Vec<(String, String, Option<String>, Option<i32>)> = ex
                .facts
                .iter()
                .filter_map(|f| match &f.fact {
                    Fact::Position { holder, org: Some(o), role, start, .. } => {
                        Some((n(*holder), n(*o), role.clone(), start.map(|s| s.year)))
                    }
                    _ => None,
                })
                .collect();
            let society = "Tarrow Ecological Society".to_owned();
            let want = |p: &str, o: &str, r: Option<&str>, y: Option<i32>| {
                (p.to_owned(), o.to_owned(), r.map(str::to_owned), y)
            };
            assert!(
                posts.contains(&want("Victor E. Quell", &society, Some("President"), Some(1916))),
                "{name}: {posts:?}"
            );
            assert!(
                posts.contains(&want("Ellsworth Sorel", &society, Some("President"), Some(1917))),
                "{name}: {posts:?}"
            );
            assert!(
                posts.contains(&want("Victor E. Quell", "University of Northport", None, None)),
                "{name}: {posts:?}"
            );
            // a row after the table has ended is no holder of the post
            assert!(!posts.iter().any(|p| p.0 == "Ann Lomax" && p.2.is_some()), "{name}: {posts:?}");
        }
    }

    #[test]
    fn people_listed_under_an_organisations_item_hold_posts_there() {
        let lex = Lexicon::load().unwrap();
        let md = "# Cabinet turnover in the Tarrow administration\n\n- **Aging and Long-Term Services Department**\n\
            \x20 - Original: Alice Liu Quell\n  - Successor: Katrina Sorel, August 2019\n\
            - **Children, Youth & Families Department**\n  - Brian Lomax\n- **Department of Agriculture**\n  - Jeff Varn\n";
        let doc = Document::from_bytes("t.md", md.as_bytes()).unwrap();
        let ex = extract(&doc, &lex);
        let n = |id: usize| ex.entities[id].name.clone();
        let posts: Vec<(String, String, Option<i32>)> = ex
            .facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Position { holder, org: Some(o), start, .. } => Some((n(*holder), n(*o), start.map(|s| s.year))),
                _ => None,
            })
            .collect();
        let want = |p: &str, o: &str, y: Option<i32>| (p.to_owned(), o.to_owned(), y);
        assert!(posts.contains(&want("Alice Liu Quell", "Aging and Long-Term Services Department", None)), "{posts:?}");
        assert!(
            posts.contains(&want("Katrina Sorel", "Aging and Long-Term Services Department", Some(2019))),
            "{posts:?}"
        );
        assert!(posts.contains(&want("Brian Lomax", "Children, Youth & Families Department", None)), "{posts:?}");
        assert!(posts.contains(&want("Jeff Varn", "Department of Agriculture", None)), "{posts:?}");
    }
}
