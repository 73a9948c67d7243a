//! Writers for paths and neighbourhoods: text (each hop a sentence with its evidence), JSON
//! (the stable structure below), and pictures (in [`super::picture`]).
//!
//! # JSON
//!
//! Version 1, stable across releases: fields may be added, none removed or changed in meaning.
//! An entity is `{"iri", "label", "type"}`. A relation is
//!
//! ```text
//! {"relation": the kind's name in crate::relation_kinds::KINDS ("position" | "served under"
//!              | "education" | "award" | "membership" | "collaboration" | "appointment"
//!              | "part of" | "located in" | "signed by" | "established by" | "succeeded"
//!              | "founded"),
//!  "predicate": IRI of the direct edge (rel:holdsPositionAt, …),
//!  "statement": IRI of the qualified node (rel:Position, …) or null,
//!  "source": IRI, "target": IRI,          (the relation's own direction)
//!  "role": text or null,                  (role, degree, honour or topic)
//!  "organization": entity or null,        (the post's organisation, for "served under")
//!  "start": year or null, "end": year or null,
//!  "years_inferred": bool,                (years are a president's term of office)
//!  "ended": bool or null,                 (the post was left)
//!  "text": the phrase printed in text output,
//!  "evidence": [{"quote", "start", "end", "document"}]}   (character offsets in the document)
//! ```
//!
//! `relate path` writes `{"version": 1, "from": entity, "to": entity, "search": {"max_len",
//! "limit", "via", "exclude", "max_degree", "during": [from, to] or null, "directed"},
//! "truncated": bool, "paths": [{"length", "nodes": [entity…], "hops": [relation + {"from",
//! "to", "forward"}…], "time": [{"hops": [i, j], "overlap": bool, "start", "end"}…]}]}`; a hop's
//! `from`/`to` are IRIs in walking order, `forward` says whether that is the relation's
//! direction; `time` compares consecutive dated hops (`start`/`end` of the overlap, null for
//! an open end or none).
//!
//! `relate neighbours` writes `{"version": 1, "entity": entity, "depth", "truncated",
//! "nodes": [entity + {"distance"}…], "relations": [relation…]}`.

use std::collections::HashMap;
use std::io::Write;

use petgraph::graph::NodeIndex;
use serde_json::{json, Value};

use super::sentence::{self, fit, hop_line, phrase};
use crate::error::Result;
use crate::paths::{Hop, Path, Projection, Relation, Search};
use crate::render::GraphFormat;

/// Version of the JSON structure.
pub const JSON_VERSION: u32 = 1;

/// What a path search was asked and how it went, for the writers.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchContext<'a> {
    /// The search's options, shown in JSON; `None` when the paths come from no search.
    pub search: Option<&'a Search>,
    /// Where the search started.
    pub from: Option<NodeIndex>,
    /// Where the search ended.
    pub to: Option<NodeIndex>,
    /// A bound stopped the search: there may be paths not considered.
    pub truncated: bool,
}

/// Writes paths as text (each hop with its evidence), JSON, DOT or SVG, with what the search was
/// asked (shown in JSON, and "(undated)" marks under a time window; `SearchContext::default()`
/// when there was no search).
///
/// # Errors
/// The writer fails, or the picture cannot be laid out.
pub fn write_paths(
    p: &Projection,
    found: &[Path],
    cx: &SearchContext<'_>,
    format: GraphFormat,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        GraphFormat::Json => {
            writeln!(out, "{}", pretty(&paths_json(p, found, cx)))?;
            Ok(())
        }
        GraphFormat::Dot | GraphFormat::Svg => {
            let hops: Vec<Hop> = found.iter().flatten().copied().collect();
            let ends: Vec<NodeIndex> = found
                .first()
                .into_iter()
                .flat_map(|x| [x.first().map(|h| h.from), x.last().map(|h| h.to)])
                .flatten()
                .collect();
            if format == GraphFormat::Dot {
                super::picture::write_dot(p, &hops, &ends, out)
            } else {
                super::picture::write_svg(p, &hops, &ends, out)
            }
        }
        GraphFormat::Text => write_paths_text(p, found, cx, out),
    }
}

fn write_paths_text(p: &Projection, found: &[Path], cx: &SearchContext<'_>, out: &mut dyn Write) -> Result<()> {
    let dated_only = cx.search.and_then(|s| s.during).is_some();
    for (i, path) in found.iter().enumerate() {
        if found.len() > 1 {
            writeln!(
                out,
                "path {} of {} ({} hop{})",
                i + 1,
                found.len(),
                path.len(),
                if path.len() == 1 { "" } else { "s" }
            )?;
        }
        for h in path {
            let r = p.relation(h.edge);
            let undated = if dated_only && r.period().is_none() { " (undated)" } else { "" };
            writeln!(out, "{}{undated}", hop_line(p, h))?;
            let evidence = p.evidence(r);
            for e in &evidence {
                writeln!(out, "  \"{}\"", e.quote)?;
                writeln!(out, "  [{}, chars {}–{}]", e.document, e.start, e.end)?;
            }
            if evidence.is_empty() && r.years_inferred {
                writeln!(
                    out,
                    "  (years: {}'s term of office, from the reference list of presidents)",
                    p.node(r.target).label
                )?;
            }
            // the other relations between the same two, within the search's time window if any
            let during = cx.search.and_then(|s| s.during);
            let others: Vec<String> = p
                .between(h.from, h.to)
                .into_iter()
                .filter(|&e| e != h.edge)
                .filter(|&e| during.is_none_or(|(a, b)| p.relation(e).valid_during(a, b)))
                .map(|e| phrase(p, p.relation(e)))
                .collect();
            if !others.is_empty() {
                let mut uniq: Vec<String> = Vec::new();
                for o in others {
                    if !uniq.contains(&o) {
                        uniq.push(o);
                    }
                }
                let more = uniq.len().saturating_sub(4);
                let listed = uniq.into_iter().take(4).collect::<Vec<_>>().join("; ");
                writeln!(
                    out,
                    "  also: {listed}{}",
                    if more > 0 { format!("; and {more} more") } else { String::new() }
                )?;
            }
        }
        for line in sentence::time_lines(p, path) {
            writeln!(out, "{line}")?;
        }
        if i + 1 < found.len() {
            writeln!(out)?;
        }
    }
    if cx.truncated {
        writeln!(out, "(the search stopped at its time or size bound; there may be other paths)")?;
    }
    Ok(())
}

pub(crate) fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// An entity as JSON.
#[must_use]
pub fn node_json(p: &Projection, ix: NodeIndex) -> Value {
    let n = p.node(ix);
    json!({ "iri": n.iri, "label": n.label, "type": n.kind })
}

/// A relation as JSON (see the module documentation).
#[must_use]
pub fn relation_json(p: &Projection, r: &Relation) -> Value {
    json!({
        "relation": r.kind.name(),
        "predicate": crate::vocab::rel(r.kind.predicate()),
        "statement": r.statement,
        "source": p.node(r.source).iri,
        "target": p.node(r.target).iri,
        "role": r.role,
        "organization": r.organization.map(|o| node_json(p, o)),
        "start": r.start,
        "end": r.end,
        "years_inferred": r.years_inferred,
        "ended": r.ended,
        "text": phrase(p, r),
        "evidence": p.evidence(r),
    })
}

fn hop_json(p: &Projection, h: &Hop) -> Value {
    let r = p.relation(h.edge);
    let mut v = relation_json(p, r);
    if let Value::Object(m) = &mut v {
        m.insert("from".into(), json!(p.node(h.from).iri));
        m.insert("to".into(), json!(p.node(h.to).iri));
        m.insert("forward".into(), json!(r.source == h.from));
    }
    v
}

fn year_or_null(y: i32) -> Value {
    if y == i32::MIN || y == i32::MAX {
        Value::Null
    } else {
        json!(y)
    }
}

/// The paths document (see the module documentation).
#[must_use]
pub fn paths_json(p: &Projection, found: &[Path], cx: &SearchContext<'_>) -> Value {
    let from = cx.from.or_else(|| found.first().and_then(|x| x.first()).map(|h| h.from));
    let to = cx.to.or_else(|| found.first().and_then(|x| x.last()).map(|h| h.to));
    let paths: Vec<Value> = found
        .iter()
        .map(|path| {
            let nodes: Vec<Value> = path.first().map(|h| h.from).into_iter().chain(path.iter().map(|h| h.to)).map(|ix| node_json(p, ix)).collect();
            let time: Vec<Value> = path
                .windows(2)
                .enumerate()
                .filter_map(|(i, w)| {
                    let f = fit(p.relation(w[0].edge), p.relation(w[1].edge))?;
                    Some(match f {
                        Ok((s, e)) => json!({ "hops": [i, i + 1], "overlap": true, "start": year_or_null(s), "end": year_or_null(e) }),
                        Err(()) => json!({ "hops": [i, i + 1], "overlap": false, "start": null, "end": null }),
                    })
                })
                .collect();
            json!({ "length": path.len(), "nodes": nodes, "hops": path.iter().map(|h| hop_json(p, h)).collect::<Vec<_>>(), "time": time })
        })
        .collect();
    let search = cx.search.map(|s| {
        let mut exclude: Vec<String> = s.exclude_kinds.iter().map(|k| k.name().to_owned()).collect();
        exclude.sort();
        let mut nodes: Vec<String> = s.exclude_nodes.iter().map(|&n| p.node(n).iri.clone()).collect();
        nodes.sort();
        exclude.extend(nodes);
        json!({
            "max_len": s.max_len,
            "limit": s.limit,
            "via": s.via.map(|v| p.node(v).iri.clone()),
            "exclude": exclude,
            "max_degree": s.max_degree,
            "during": s.during.map(|(a, b)| json!([year_or_null(a), year_or_null(b)])),
            "directed": s.directed,
        })
    });
    json!({
        "version": JSON_VERSION,
        "from": from.map(|f| node_json(p, f)),
        "to": to.map(|t| node_json(p, t)),
        "search": search,
        "truncated": cx.truncated,
        "paths": paths,
    })
}

/// Hop count from `a` of every entity the hops reach (they come breadth first).
fn distances(a: NodeIndex, hops: &[Hop]) -> HashMap<NodeIndex, usize> {
    let mut d = HashMap::from([(a, 0usize)]);
    for h in hops {
        let base = d.get(&h.from).copied().unwrap_or(0);
        d.entry(h.to).or_insert(base + 1);
    }
    d
}

/// Writes an entity's neighbourhood: a list grouped by entity, JSON, DOT or SVG, saying whether
/// the listing was cut at its size bound.
///
/// # Errors
/// The writer fails, or the picture cannot be laid out.
pub fn write_neighbours(
    p: &Projection,
    a: NodeIndex,
    hops: &[Hop],
    truncated: bool,
    format: GraphFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let dist = distances(a, hops);
    match format {
        GraphFormat::Dot => super::picture::write_dot(p, hops, &[a], out),
        GraphFormat::Svg => super::picture::write_svg(p, hops, &[a], out),
        GraphFormat::Json => {
            let mut nodes: Vec<(usize, NodeIndex)> = dist.iter().map(|(&n, &d)| (d, n)).collect();
            nodes.sort_by(|x, y| x.0.cmp(&y.0).then_with(|| p.node(x.1).label.cmp(&p.node(y.1).label)));
            let nodes: Vec<Value> = nodes
                .into_iter()
                .map(|(d, n)| {
                    let mut v = node_json(p, n);
                    if let Value::Object(m) = &mut v {
                        m.insert("distance".into(), json!(d));
                    }
                    v
                })
                .collect();
            let depth = dist.values().copied().max().unwrap_or(0);
            let relations: Vec<Value> = hops.iter().map(|h| relation_json(p, p.relation(h.edge))).collect();
            let v = json!({ "version": JSON_VERSION, "entity": node_json(p, a), "depth": depth, "truncated": truncated, "nodes": nodes, "relations": relations });
            writeln!(out, "{}", pretty(&v))?;
            Ok(())
        }
        GraphFormat::Text => {
            let n = p.node(a);
            let others = dist.len() - 1;
            writeln!(
                out,
                "{} ({}): {others} related entit{}, {} relation{}",
                n.label,
                n.kind,
                if others == 1 { "y" } else { "ies" },
                hops.len(),
                if hops.len() == 1 { "" } else { "s" }
            )?;
            write_tree(p, a, hops, out)?;
            if truncated {
                writeln!(out, "(cut at {} relations; ask for a smaller --depth)", hops.len())?;
            }
            Ok(())
        }
    }
}

/// Entities under the one they were reached from, each with the phrases that link them:
/// "phrase →" reads from the parent to the entity, "← phrase" from the entity to the parent;
/// links between entities already listed follow, naming the other end.
fn write_tree(p: &Projection, a: NodeIndex, hops: &[Hop], out: &mut dyn Write) -> Result<()> {
    let mut parent: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut children: HashMap<NodeIndex, Vec<NodeIndex>> = HashMap::new();
    let mut tree: HashMap<NodeIndex, Vec<String>> = HashMap::new();
    let mut cross: HashMap<NodeIndex, Vec<String>> = HashMap::new();
    for h in hops {
        let r = p.relation(h.edge);
        let ph = phrase(p, r);
        let forward = r.source == h.from;
        if h.to != a && !parent.contains_key(&h.to) {
            parent.insert(h.to, h.from);
            children.entry(h.from).or_default().push(h.to);
        }
        if parent.get(&h.to) == Some(&h.from) {
            tree.entry(h.to).or_default().push(if forward { format!("{ph} →") } else { format!("← {ph}") });
        } else {
            let other = &p.node(h.to).label;
            cross.entry(h.from).or_default().push(if forward {
                format!("{ph} → {other}")
            } else {
                format!("← {ph} — {other}")
            });
        }
    }
    let by_label = |v: &mut Vec<NodeIndex>| v.sort_by(|x, y| p.node(*x).label.cmp(&p.node(*y).label).then(x.cmp(y)));
    let mut stack: Vec<(NodeIndex, usize)> = Vec::new();
    let push_children = |stack: &mut Vec<(NodeIndex, usize)>, n: NodeIndex, level: usize| {
        let mut kids = children.get(&n).cloned().unwrap_or_default();
        by_label(&mut kids);
        stack.extend(kids.into_iter().rev().map(|k| (k, level)));
    };
    write_counted(out, "  ", cross.get(&a))?;
    push_children(&mut stack, a, 1);
    while let Some((n, level)) = stack.pop() {
        let indent = "  ".repeat(level);
        let node = p.node(n);
        writeln!(out, "{indent}{} ({})", node.label, node.kind)?;
        write_counted(out, &format!("{indent}  "), tree.get(&n))?;
        write_counted(out, &format!("{indent}  "), cross.get(&n))?;
        push_children(&mut stack, n, level + 1);
    }
    Ok(())
}

/// Writes lines, identical ones once with a count ("president of → (×2)").
fn write_counted(out: &mut dyn Write, indent: &str, lines: Option<&Vec<String>>) -> Result<()> {
    let mut counted: Vec<(&str, usize)> = Vec::new();
    for t in lines.into_iter().flatten() {
        match counted.iter_mut().find(|(x, _)| *x == t.as_str()) {
            Some(c) => c.1 += 1,
            None => counted.push((t, 1)),
        }
    }
    for (t, c) in counted {
        writeln!(out, "{indent}{t}{}", if c > 1 { format!(" (×{c})") } else { String::new() })?;
    }
    Ok(())
}
