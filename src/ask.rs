//! Plain-language relationship questions ▶ SPARQL or path search, and the writers for paths and
//! neighbourhoods (text with evidence, JSON, DOT). Every answer shows the query it ran, so users
//! learn it and can change it.

use std::io::Write;

use regex::Regex;

use crate::cli::GraphFormat;
use crate::error::{Error, Result};
use crate::loader::Fact;
use crate::paths::{self, Hop, Path, Projection, Search};
use crate::render;
use crate::store::Store;

/// The question forms understood, shown when a question is not one of them.
pub const FORMS: &[&str] = &[
    "how is A related to B? / how is A connected to B?",
    "who is A?",
    "where did A study?",
    "where did A work?",
    "what positions did A hold? / what positions did A hold in YEAR?",
    "who chaired X? / who served on X? / who was a member of X?",
    "who served under President P?",
    "what do A and B have in common?",
    "when did A leave X?",
];

/// One line describing an extracted fact (for `relate extract --explain`).
#[must_use]
pub fn describe_fact(f: &Fact, name: &dyn Fn(usize) -> String) -> String {
    let y = |w: &Option<crate::loader::When>| w.map(|w| w.lexical().0).unwrap_or_default();
    match f {
        Fact::Position { holder, org, role, start, end, under, ended, .. } => format!(
            "position: {} — {} — {} [{}–{}]{}{}",
            name(*holder),
            role.as_deref().unwrap_or("?"),
            org.map(name).unwrap_or_else(|| "?".into()),
            y(start),
            y(end),
            under.map(|u| format!(" under {}", name(u))).unwrap_or_default(),
            if *ended { " (ended)" } else { "" }
        ),
        Fact::Education { student, institution, degree, field, completed, .. } => format!(
            "education: {} — {} {} — {}{}",
            name(*student),
            degree.as_deref().unwrap_or("?"),
            field.as_deref().unwrap_or(""),
            institution.map(name).unwrap_or_else(|| "?".into()),
            if *completed == Some(false) { " (not completed)" } else { "" }
        ),
        Fact::Award { recipient, honour, conferred_by, years } => format!(
            "award: {} — {} — {} {:?}",
            name(*recipient),
            honour,
            conferred_by.map(name).unwrap_or_else(|| "?".into()),
            years.iter().map(|w| w.year).collect::<Vec<_>>()
        ),
        Fact::Membership { member, org, role, since } => format!("membership: {} — {} — {} [{}]", name(*member), role.as_deref().unwrap_or("member"), name(*org), y(since)),
        Fact::Collaboration { participants, topic } => format!("collaboration: {} on {}", participants.iter().map(|p| name(*p)).collect::<Vec<_>>().join(" & "), topic.as_deref().unwrap_or("?")),
        Fact::Appointment { appointee, appointer, org, role, .. } => format!(
            "appointment: {} as {} of {} by {}",
            name(*appointee),
            role.as_deref().unwrap_or("?"),
            org.map(name).unwrap_or_else(|| "?".into()),
            appointer.map(name).unwrap_or_else(|| "?".into())
        ),
        Fact::PartOf { part, whole } => format!("part of: {} — {}", name(*part), name(*whole)),
        Fact::LocatedIn { entity, place } => format!("located in: {} — {}", name(*entity), name(*place)),
        Fact::SignedBy { law, president } => format!("signed by: {} — {}", name(*law), name(*president)),
        Fact::EstablishedBy { org, law } => format!("established by: {} — {}", name(*org), name(*law)),
    }
}

fn hop_line(p: &Projection, h: &Hop) -> String {
    let r = p.relation(h.edge);
    let (a, b) = (&p.node(h.from).label, &p.node(h.to).label);
    if r.source == h.from {
        format!("{a} — {} → {b}", r.phrase())
    } else {
        format!("{a} ← {} — {b}", r.phrase())
    }
}

/// Writes paths as text (each hop with its evidence), JSON or DOT.
///
/// # Errors
/// The writer fails.
pub fn write_paths(p: &Projection, found: &[Path], format: GraphFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        GraphFormat::Json => {
            let v: Vec<serde_json::Value> = found.iter().map(|path| serde_json::json!({ "length": path.len(), "hops": path.iter().map(|h| hop_json(p, h)).collect::<Vec<_>>() })).collect();
            let from = found.first().and_then(|x| x.first()).map(|h| node_json(p, h.from));
            let to = found.first().and_then(|x| x.last()).map(|h| node_json(p, h.to));
            writeln!(out, "{}", serde_json::to_string_pretty(&serde_json::json!({ "from": from, "to": to, "paths": v })).unwrap_or_default())?;
        }
        GraphFormat::Dot | GraphFormat::Svg => {
            let hops: Vec<Hop> = found.iter().flatten().copied().collect();
            write_dot(p, &hops, out)?;
        }
        GraphFormat::Text => {
            for (i, path) in found.iter().enumerate() {
                if found.len() > 1 {
                    writeln!(out, "path {} ({} hops)", i + 1, path.len())?;
                }
                for h in path {
                    writeln!(out, "{}", hop_line(p, h))?;
                    let r = p.relation(h.edge);
                    if let Some(e) = &r.evidence {
                        writeln!(out, "  \"{}\"", e.quote.replace('\n', " "))?;
                        writeln!(out, "  [{}, chars {}–{}]", e.document, e.start, e.end)?;
                    }
                }
                for w in path.windows(2) {
                    if let Some((s, e)) = paths::overlap(p.relation(w[0].edge), p.relation(w[1].edge)) {
                        let span = if s == e { s.to_string() } else { format!("{s}–{e}") };
                        writeln!(out, "{} and {}: both during {span}", p.relation(w[0].edge).phrase(), p.relation(w[1].edge).phrase())?;
                    }
                }
                if i + 1 < found.len() {
                    writeln!(out)?;
                }
            }
        }
    }
    Ok(())
}

fn node_json(p: &Projection, ix: petgraph::graph::NodeIndex) -> serde_json::Value {
    let n = p.node(ix);
    serde_json::json!({ "iri": n.iri, "label": n.label, "type": n.kind })
}

fn hop_json(p: &Projection, h: &Hop) -> serde_json::Value {
    let r = p.relation(h.edge);
    serde_json::json!({
        "from": node_json(p, h.from),
        "to": node_json(p, h.to),
        "relation": r.kind,
        "forward": r.source == h.from,
        "role": r.role,
        "start": r.start,
        "end": r.end,
        "evidence": r.evidence,
    })
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Writes hops as a Graphviz digraph with labelled edges.
///
/// # Errors
/// The writer fails.
pub fn write_dot(p: &Projection, hops: &[Hop], out: &mut dyn Write) -> Result<()> {
    writeln!(out, "digraph relate {{\n  rankdir=LR;\n  node [shape=box, style=rounded];")?;
    let mut nodes: Vec<petgraph::graph::NodeIndex> = hops.iter().flat_map(|h| [h.from, h.to]).collect();
    nodes.sort();
    nodes.dedup();
    for n in &nodes {
        writeln!(out, "  n{} [label=\"{}\"];", n.index(), dot_escape(&p.node(*n).label))?;
    }
    let mut edges: Vec<petgraph::graph::EdgeIndex> = hops.iter().map(|h| h.edge).collect();
    edges.sort();
    edges.dedup();
    for e in edges {
        let r = p.relation(e);
        writeln!(out, "  n{} -> n{} [label=\"{}\"];", r.source.index(), r.target.index(), dot_escape(&r.phrase()))?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

/// Writes an entity's neighbourhood.
///
/// # Errors
/// The writer fails.
pub fn write_neighbours(p: &Projection, a: petgraph::graph::NodeIndex, hops: &[Hop], format: GraphFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        GraphFormat::Dot | GraphFormat::Svg => write_dot(p, hops, out),
        GraphFormat::Json => {
            let v: Vec<serde_json::Value> = hops.iter().map(|h| hop_json(p, h)).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&serde_json::json!({ "entity": node_json(p, a), "relations": v })).unwrap_or_default())?;
            Ok(())
        }
        GraphFormat::Text => {
            writeln!(out, "{} ({})", p.node(a).label, p.node(a).kind)?;
            let mut seen = std::collections::HashSet::new();
            for h in hops {
                if seen.insert(h.edge) {
                    writeln!(out, "  {}", hop_line(p, h))?;
                }
            }
            Ok(())
        }
    }
}

/// Resolves a name to an IRI through the projection's name lookup.
fn entity(p: &Projection, name: &str) -> Result<String> {
    Ok(p.node(p.find(name.trim().trim_end_matches(['?', '.']))?).iri.clone())
}

/// Answers a question, printing the SPARQL (or the path search) it ran and the answer.
///
/// # Errors
/// The question is not one of the supported forms, or a name is unknown.
pub fn answer(store: &Store, question: &str, format: GraphFormat, out: &mut dyn Write) -> Result<()> {
    let q = question.trim().trim_end_matches(['?', '.', '!']).trim();
    let p = Projection::from_store(store)?;
    let re = |r: &str| Regex::new(&format!("(?i)^{r}$")).expect("static regex");
    if let Some(c) = re(r"how (?:is|are|was) (.+?) (?:related|connected|linked) (?:to|with) (.+)").captures(q) {
        let a = p.find(&c[1])?;
        let b = p.find(&c[2])?;
        if a == b {
            return Err(Error::Usage(format!("{} and {} are the same entity", &c[1], &c[2])));
        }
        let s = Search { limit: 3, ..Search::default() };
        writeln!(out, "# path search: relate path {:?} {:?} --max-len {} --limit {}", &c[1], &c[2], s.max_len, s.limit)?;
        let found = p.paths(a, b, &s);
        if found.is_empty() {
            return Err(Error::NotFound(format!("no connection between {} and {} within {} hops", p.node(a).label, p.node(b).label, s.max_len)));
        }
        return write_paths(&p, &found, format, out);
    }
    let sparql = if let Some(c) = re(r"who (?:is|was) (.+)").captures(q) {
        let e = entity(&p, &c[1])?;
        format!("SELECT ?label ?type ?relation ?other ?role ?start ?end WHERE {{\n  BIND(<{e}> AS ?x)\n  ?x rdfs:label ?label ; a ?type .\n  OPTIONAL {{ ?x ?relation ?o . ?o rdfs:label ?other . FILTER(?relation != rdf:type)\n    OPTIONAL {{ ?q (rel:holder|rel:student|rel:recipient|rel:member) ?x ; (rel:organization|rel:institution|rel:conferredBy) ?o .\n      OPTIONAL {{ ?q rel:role|rel:degree|rel:honour ?role }} OPTIONAL {{ ?q rel:startDate|rel:year ?start }} OPTIONAL {{ ?q rel:endDate ?end }} }} }}\n}} ORDER BY ?relation ?start ?other")
    } else if let Some(c) = re(r"where did (.+?) (?:study|train|graduate)").captures(q) {
        let e = entity(&p, &c[1])?;
        format!("SELECT ?institution ?degree ?field ?year ?completed WHERE {{\n  ?q a rel:Education ; rel:student <{e}> .\n  OPTIONAL {{ ?q rel:institution/rdfs:label ?institution }}\n  OPTIONAL {{ ?q rel:degree ?degree }} OPTIONAL {{ ?q rel:field ?field }}\n  OPTIONAL {{ ?q rel:year ?year }} OPTIONAL {{ ?q rel:completed ?completed }}\n}} ORDER BY ?institution")
    } else if let Some(c) = re(r"(?:where did (.+?) work|what (?:positions|posts|roles|jobs) did (.+?) hold(?: in (\d{4}))?)").captures(q) {
        let name = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
        let e = entity(&p, name)?;
        let filter = c.get(3).map(|y| format!("\n  FILTER((!BOUND(?start) || YEAR(?start) <= {y}) && (!BOUND(?end) || YEAR(?end) >= {y}) && (BOUND(?start) || BOUND(?end)))", y = y.as_str())).unwrap_or_default();
        format!("SELECT ?organization ?role ?start ?end ?ended WHERE {{\n  ?q a rel:Position ; rel:holder <{e}> .\n  OPTIONAL {{ ?q rel:organization/rdfs:label ?organization }}\n  OPTIONAL {{ ?q rel:role ?role }} OPTIONAL {{ ?q rel:startDate ?start }}\n  OPTIONAL {{ ?q rel:endDate ?end }} OPTIONAL {{ ?q rel:ended ?ended }}{filter}\n}} ORDER BY ?start ?organization")
    } else if let Some(c) = re(r"who (chaired|led|directed|headed|served on|sat on|was a member of|were members of|is a member of|belongs to|worked at|works at|worked for) (.+)").captures(q) {
        let e = entity(&p, &c[2])?;
        let verb = c[1].to_lowercase();
        let role = match verb.as_str() {
            "chaired" => "\n  FILTER(CONTAINS(LCASE(?role), \"chair\"))",
            "led" | "headed" => "\n  FILTER(REGEX(LCASE(?role), \"lead|head|director|president|chair|chief\"))",
            "directed" => "\n  FILTER(CONTAINS(LCASE(?role), \"director\"))",
            _ => "",
        };
        format!("SELECT DISTINCT ?person ?role ?start ?end WHERE {{\n  ?q (rel:holder|rel:member) ?p ; rel:organization <{e}> .\n  ?p rdfs:label ?person .\n  OPTIONAL {{ ?q rel:role ?r }} BIND(COALESCE(?r, \"member\") AS ?role)\n  OPTIONAL {{ ?q rel:startDate ?start }} OPTIONAL {{ ?q rel:endDate ?end }}{role}\n}} ORDER BY ?start ?person")
    } else if let Some(c) = re(r"who (?:served|worked) under (?:president )?(.+)").captures(q) {
        let e = entity(&p, &c[1])?;
        format!("SELECT DISTINCT ?person ?role ?organization ?start ?end WHERE {{\n  ?q a rel:Position ; rel:holder ?p ; rel:underPresident <{e}> .\n  ?p rdfs:label ?person .\n  OPTIONAL {{ ?q rel:role ?role }} OPTIONAL {{ ?q rel:organization/rdfs:label ?organization }}\n  OPTIONAL {{ ?q rel:startDate ?start }} OPTIONAL {{ ?q rel:endDate ?end }}\n}} ORDER BY ?person")
    } else if let Some(c) = re(r"what do (.+?) and (.+?) have in common").captures(q) {
        let a = entity(&p, &c[1])?;
        let b = entity(&p, &c[2])?;
        format!("SELECT DISTINCT ?shared ?relationA ?relationB WHERE {{\n  <{a}> ?ra ?x . <{b}> ?rb ?x .\n  ?x rdfs:label ?shared .\n  FILTER(?ra != rdf:type && ?rb != rdf:type)\n  BIND(STRAFTER(STR(?ra), \"#\") AS ?relationA) BIND(STRAFTER(STR(?rb), \"#\") AS ?relationB)\n}} ORDER BY ?shared")
    } else if let Some(c) = re(r"when did (.+?) (?:leave|quit|depart|step down from|resign from) (.+)").captures(q) {
        let a = entity(&p, &c[1])?;
        let o = entity(&p, &c[2])?;
        format!("SELECT ?role ?start ?end ?ended ?quote WHERE {{\n  ?q a rel:Position ; rel:holder <{a}> ; rel:organization <{o}> .\n  OPTIONAL {{ ?q rel:role ?role }} OPTIONAL {{ ?q rel:startDate ?start }}\n  OPTIONAL {{ ?q rel:endDate ?end }} OPTIONAL {{ ?q rel:ended ?ended }}\n  OPTIONAL {{ ?q rel:evidenceQuote ?quote }}\n  FILTER(BOUND(?end) || ?ended = true)\n}} ORDER BY ?end")
    } else {
        let list: Vec<String> = FORMS.iter().map(|f| format!("  {f}")).collect();
        return Err(Error::Usage(format!("cannot read {question:?} as a question; ask one of:\n{}", list.join("\n"))));
    };
    writeln!(out, "# SPARQL:\n{}\n", sparql.lines().map(|l| format!("#   {l}")).collect::<Vec<_>>().join("\n").trim_start_matches("#   "))?;
    let res = store.query(&sparql, None, &[])?;
    let mode = if format == GraphFormat::Json { render::Mode::Json } else { render::Mode::Table };
    let summary = render::results(res, &render::Options::new(mode), out)?;
    if summary.rows == 0 && mode == render::Mode::Table {
        writeln!(out, "(no answer in the graph)")?;
    }
    Ok(())
}
