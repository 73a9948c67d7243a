//! `prose.founded`: "P founded O in 1998", "P co-founded O", "O, founded by P in 1998", "P, the
//! founder of O": P founded O, in the year written after it (Wikidata's "founded by", P112,
//! read from the founder's side; the year is the organisation's inception, P571).

use super::view::*;

use super::super::resolve::Context;
use super::super::{EntityId, Fact, Kind};
use crate::relation_kinds::RelationKind;

pub(super) fn run(_cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { lower, subject, .. } = *v;
    for (ti, w) in lower.iter().enumerate() {
        let co = w.starts_with("co");
        let verb = matches!(w.as_str(), "founded" | "co-founded" | "cofounded");
        let noun = matches!(w.as_str(), "founder" | "co-founder" | "cofounder")
            && lower.get(ti + 1).is_some_and(|n| n == "of");
        if !(verb || noun) || v.negated(ti) {
            continue;
        }
        // "founded by P", "founded in 1998 by P": the organisation was named before
        let by = verb.then(|| (ti + 1..(ti + 5).min(lower.len())).find(|&k| lower[k] == "by")).flatten();
        let found = match by {
            Some(k) => ends(v, k + 1, Kind::Person).zip(org_before(v, ti)).map(|((p, end), o)| (p, o, end)),
            None => {
                let from = if noun { ti + 2 } else { ti + 1 };
                let founder = v.actor_before(ti).or(subject);
                founder
                    .zip(ends(v, from, Kind::Org(crate::lexicon::OrgKind::Organization)))
                    .map(|(p, (o, end))| (p, o, end))
            }
        };
        let Some((founder, org, end)) = found else { continue };
        if founder == org {
            continue;
        }
        // the year: "founded in 1998 by P" before the name, "founded O in 1998" after it
        let year = year_after_in(lower, ti + 1, end + 3).map(|(_, y)| y);
        out.pending.push((
            Fact::Related {
                kind: RelationKind::Founded,
                subject: founder,
                other: Some(org),
                role: co.then(|| "co-founder".to_owned()),
                start: year,
                end: None,
            },
            "prose.founded",
        ));
    }
}

/// The entity of this kind (any organisation for an `Org`) named at token `from`, after "the",
/// and the token after its name.
fn ends(v: &View, from: usize, kind: Kind) -> Option<(EntityId, usize)> {
    let from = if v.lower.get(from).is_some_and(|w| w == "the") { from + 1 } else { from };
    let x = v.ment_at(from)?;
    let fits = match kind {
        Kind::Org(_) => matches!(x.kind, Kind::Org(_)),
        k => x.kind == k,
    };
    fits.then(|| (x.id, v.tok_at(x.m.end)))
}

/// The organisation named last before token `ti` ("the Harbor Science Foundation, founded by").
fn org_before(v: &View, ti: usize) -> Option<EntityId> {
    v.ments.iter().rfind(|x| matches!(x.kind, Kind::Org(_)) && v.tok_at(x.m.end) <= ti).map(|x| x.id)
}

#[cfg(test)]
mod tests {
    use crate::loader::{extract_text, Fact};
    use crate::relation_kinds::RelationKind;

    /// (founder, organisation, role, year) of every founding read from `text`.
    fn foundings(text: &str) -> Vec<(String, String, Option<String>, Option<i32>)> {
        let ex = extract_text(text);
        let name = |id: usize| ex.entities[id].name.clone();
        ex.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Related { kind: RelationKind::Founded, subject, other: Some(o), role, start, .. } => {
                    assert_eq!(f.evidence.rule, "prose.founded");
                    Some((name(*subject), name(*o), role.clone(), start.map(|s| s.year)))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn founders_and_the_year_in_active_and_passive_sentences() {
        assert_eq!(
            foundings("Ann Lee founded the Riverbend Genomics Institute in 2001."),
            [("Ann Lee".into(), "Riverbend Genomics Institute".into(), None, Some(2001))]
        );
        assert_eq!(
            foundings("The Harbor Science Foundation, founded by Omar Reyes in 1998, funds research on tides."),
            [("Omar Reyes".into(), "Harbor Science Foundation".into(), None, Some(1998))]
        );
        assert_eq!(
            foundings("The Eastvale Institute was founded in 1987 by Rosa Lind."),
            [("Rosa Lind".into(), "Eastvale Institute".into(), None, Some(1987))]
        );
        assert_eq!(
            foundings("Mira Okafor co-founded the Lakeside Data Institute with two colleagues."),
            [("Mira Okafor".into(), "Lakeside Data Institute".into(), Some("co-founder".into()), None)]
        );
        assert_eq!(
            foundings("Jane Park is the founder of the Northwind Health Foundation."),
            [("Jane Park".into(), "Northwind Health Foundation".into(), None, None)]
        );
    }

    /// Through the model and the store to path search: a founding is a `rel:Founding` node, a
    /// `rel:founded` edge, and a hop that reads "founded (1998)".
    #[test]
    fn a_founding_is_a_node_an_edge_and_a_hop() {
        let text = "The Harbor Science Foundation, founded by Omar Reyes in 1998, funds research on tides.";
        let lex = crate::lexicon::Lexicon::load().unwrap();
        let doc = crate::document::Document::from_bytes("t.txt", text.as_bytes()).unwrap();
        let ex = crate::loader::extract(&doc, &lex);
        let base = crate::vocab::DEFAULT_BASE;
        let mut resolver = crate::resolution::Resolver::new(&lex, base).unwrap();
        let (graph, _) = crate::model::document_iris(base, &doc.source);
        resolver.put(&graph, &doc.sha256, crate::model::mentions(&ex, &lex).into_iter().flatten().collect());
        let built = crate::model::build(&doc, &ex, base, &lex, &resolver);
        let store = crate::store::Store::in_memory().unwrap();
        store.replace_graph(&graph, &built.quads).unwrap();
        let ask = |q: &str| matches!(store.query(q, None, &[]).unwrap(), oxigraph::sparql::QueryResults::Boolean(true));
        assert!(ask("ASK { ?q a rel:Founding ; rel:founder ?p ; rel:organization ?o ; rel:date ?y . ?p rel:founded ?o ; rdfs:label \"Omar Reyes\" }"));
        let p = crate::paths::Projection::from_store(&store).unwrap();
        let (a, b) = (p.find("Omar Reyes").unwrap(), p.find("Harbor Science Foundation").unwrap());
        let found = p.paths(a, b, &crate::paths::Search::default());
        assert_eq!(found.len(), 1);
        assert_eq!(p.relation(found[0][0].edge).kind, RelationKind::Founded);
        assert_eq!(
            crate::ask::sentence::hop_line(&p, &found[0][0]),
            "Omar Reyes — founded (1998) → Harbor Science Foundation"
        );
    }

    #[test]
    fn no_founder_no_founding() {
        // negated, no person, an organisation that is not named
        assert!(foundings("Ann Lee never founded the Eastvale Institute.").is_empty());
        assert!(foundings("The Eastvale Institute was founded in 1987.").is_empty());
        assert!(foundings("Ann Lee founded a small clinic in 1990.").is_empty());
    }
}
