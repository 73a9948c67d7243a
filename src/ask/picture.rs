//! Pictures of paths and neighbourhoods: Graphviz DOT, and SVG laid out by relate itself
//! (through `layout-rs`, so no Graphviz install is needed). Entities are boxes (people
//! rounded), the path's ends or the neighbourhood's centre are shaded; the relations between
//! two entities share one arrow whose label lists each relation with its years.

use std::collections::BTreeMap;
use std::io::Write;

use petgraph::graph::NodeIndex;

use super::sentence::phrase;
use crate::error::{Result, Usage};
use crate::paths::{Hop, Projection};

/// One arrow of the picture: the relations between one pair of entities.
struct Arrow {
    source: NodeIndex,
    target: NodeIndex,
    labels: Vec<String>,
}

/// The entities (in order of first appearance) and one arrow per pair of related entities,
/// pointing the way most of its relations point; a relation the other way is marked "←".
fn arrows(p: &Projection, hops: &[Hop]) -> (Vec<NodeIndex>, Vec<Arrow>) {
    let mut nodes: Vec<NodeIndex> = Vec::new();
    let mut by_pair: BTreeMap<(NodeIndex, NodeIndex), Vec<(bool, String)>> = BTreeMap::new();
    let mut seen_edges = std::collections::HashSet::new();
    for h in hops {
        for n in [h.from, h.to] {
            if !nodes.contains(&n) {
                nodes.push(n);
            }
        }
        if !seen_edges.insert(h.edge) {
            continue;
        }
        let r = p.relation(h.edge);
        let key = (r.source.min(r.target), r.source.max(r.target));
        let label = phrase(p, r);
        let entry = by_pair.entry(key).or_default();
        if !entry.iter().any(|(fwd, l)| *l == label && *fwd == (r.source == key.0)) {
            entry.push((r.source == key.0, label));
        }
    }
    let arrows = by_pair
        .into_iter()
        .map(|((lo, hi), labels)| {
            let forward = labels.iter().filter(|(f, _)| *f).count() * 2 >= labels.len();
            let (source, target) = if forward { (lo, hi) } else { (hi, lo) };
            let labels = labels.into_iter().map(|(f, l)| if f == forward { l } else { format!("← {l}") }).collect();
            Arrow { source, target, labels }
        })
        .collect();
    (nodes, arrows)
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Writes hops as a Graphviz digraph, `highlight` entities shaded.
///
/// # Errors
/// The writer fails.
pub fn write_dot(p: &Projection, hops: &[Hop], highlight: &[NodeIndex], out: &mut dyn Write) -> Result<()> {
    let (nodes, arrows) = arrows(p, hops);
    let nodes: Vec<NodeIndex> = if nodes.is_empty() { highlight.to_vec() } else { nodes };
    writeln!(out, "digraph relate {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(out, "  node [shape=box, style=rounded, fontname=\"Helvetica\"];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];")?;
    for n in &nodes {
        let node = p.node(*n);
        let shape = if node.kind == "Person" { "" } else { ", style=\"\"" };
        let fill = if highlight.contains(n) { ", style=\"rounded,filled\", fillcolor=\"#dce8fa\"" } else { shape };
        writeln!(
            out,
            "  n{} [label=\"{}\\n({})\"{fill}];",
            n.index(),
            dot_escape(&node.label),
            dot_escape(&node.kind)
        )?;
    }
    for a in arrows {
        let label = a.labels.iter().map(|l| dot_escape(l)).collect::<Vec<_>>().join("\\n");
        writeln!(out, "  n{} -> n{} [label=\"{label}\"];", a.source.index(), a.target.index())?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

/// Longest label line in the picture, in characters; longer ones are wrapped.
const WRAP: usize = 38;

/// Breaks a label into lines of at most `WRAP` characters at spaces.
fn wrap(s: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for part in s.split('\n') {
        let mut line = String::new();
        for word in part.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > WRAP {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// Font sizes of entity names and of relation labels; each has its own style class in the SVG.
const FONT: usize = 14;
const LABEL_FONT: usize = 13;

/// The style sheet of the picture, replacing layout-rs's (a serif font, in hash order): labels
/// get a white halo so they stay readable where they cross an arrow (layout-rs draws the label
/// of an edge spanning several ranks with its default size, 15: it gets the label style too).
const STYLE: &str = "<style>\n.a14 { font-size: 14px; font-family: Helvetica, Arial, sans-serif; }\n.a13, .a15 { font-size: 13px; font-family: Helvetica, Arial, sans-serif; fill: #333333; paint-order: stroke; stroke: #ffffff; stroke-width: 4px; stroke-linejoin: round; }\n</style>";

/// Size of a box holding `text`: about 0.6 em a character in a serif font, plus padding.
fn text_size(text: &str, font: usize) -> layout::core::geometry::Point {
    let lines = text.lines().count().max(1) as f64;
    let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(1) as f64;
    let f = font as f64;
    layout::core::geometry::Point::new(longest * f * 0.6 + 24.0, lines * f * 1.2 + 14.0)
}

/// Replaces the canvas size layout-rs wrote with `w` × `h`, and its style sheet with [`STYLE`].
fn fit_canvas(svg: &str, w: f64, h: f64) -> String {
    let Some(start) = svg.find("<svg ") else { return svg.to_owned() };
    let Some(len) = svg[start..].find('>') else { return svg.to_owned() };
    let (w, h) = (w.ceil(), h.ceil());
    let mut out = format!(
        "{}<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">{}",
        &svg[..start],
        &svg[start + len + 1..]
    );
    if let (Some(a), Some(b)) = (out.find("<style>"), out.find("</style>")) {
        out.replace_range(a..b + "</style>".len(), STYLE);
    }
    out
}

/// Writes hops as an SVG picture laid out by `layout-rs`, top to bottom, `highlight` entities
/// shaded.
///
/// # Errors
/// The writer fails, or the layout engine gives up on the graph (it then says to use `--format
/// dot`).
pub fn write_svg(p: &Projection, hops: &[Hop], highlight: &[NodeIndex], out: &mut dyn Write) -> Result<()> {
    use layout::backends::svg::SVGWriter;
    use layout::core::base::Orientation;
    use layout::core::color::Color;
    use layout::core::style::StyleAttr;
    use layout::std_shapes::shapes::{Arrow as LArrow, Element, ShapeKind};
    use layout::topo::layout::VisualGraph;

    let (nodes, arrows) = arrows(p, hops);
    let nodes: Vec<NodeIndex> = if nodes.is_empty() { highlight.to_vec() } else { nodes };
    let svg = std::panic::catch_unwind(|| {
        let orientation = Orientation::TopToBottom;
        let mut vg = VisualGraph::new(orientation);
        let mut handles = std::collections::HashMap::new();
        for n in &nodes {
            let node = p.node(*n);
            let text = wrap(&format!("{}\n({})", node.label, node.kind));
            let size = text_size(&text, FONT);
            let shape = ShapeKind::new_box(&text);
            let fill = if highlight.contains(n) { "#dce8fa" } else { "white" };
            let rounded = if node.kind == "Person" { 12 } else { 0 };
            let look = StyleAttr::new(Color::fast("black"), 1, Some(Color::fast(fill)), rounded, FONT);
            handles.insert(*n, vg.add_node(Element::create(shape, look, orientation, size)));
        }
        for a in &arrows {
            let (Some(&from), Some(&to)) = (handles.get(&a.source), handles.get(&a.target)) else { continue };
            let mut arrow = LArrow::simple(&wrap(&a.labels.join("\n")));
            arrow.look = StyleAttr::new(Color::fast("#555555"), 1, None, 0, LABEL_FONT);
            vg.add_edge(arrow, from, to);
        }
        let mut writer = SVGWriter::new();
        vg.do_it(false, false, false, &mut writer);
        // layout-rs sizes the canvas from text lengths; measure the laid-out boxes instead
        let (mut w, mut h) = (0f64, 0f64);
        for n in vg.iter_nodes() {
            let (_, bottom_right) = vg.pos(n).bbox(false);
            w = w.max(bottom_right.x);
            h = h.max(bottom_right.y);
        }
        (writer.finalize(), w, h)
    })
    .map_err(|_| Usage::Layout)?;
    let (svg, w, h) = svg;
    let svg = fit_canvas(&svg, w + 20.0, h + 20.0);
    writeln!(out, "{svg}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{Node, Relation, RelationKind};
    use petgraph::graph::EdgeIndex;

    fn sample() -> (Projection, Vec<Hop>) {
        let node = |label: &str, kind: &str| Node {
            iri: format!("urn:{label}"),
            label: label.into(),
            kind: kind.into(),
            names: vec![],
        };
        let p = Projection::from_parts(
            vec![node("John \"Jack\" Doe", "Person"), node("Acme & Sons <Ltd>", "Company"), node("Bob", "Person")],
            vec![
                (
                    0,
                    1,
                    Relation {
                        role: Some("Chair".into()),
                        start: Some(2009),
                        end: Some(2016),
                        ..Relation::new(RelationKind::Position)
                    },
                ),
                (0, 1, Relation { role: Some("CIO".into()), ..Relation::new(RelationKind::Position) }),
                (2, 1, Relation::new(RelationKind::Membership)),
            ],
        );
        let hop = |e: usize, a: usize, b: usize| Hop {
            edge: EdgeIndex::new(e),
            from: NodeIndex::new(a),
            to: NodeIndex::new(b),
        };
        (p, vec![hop(0, 0, 1), hop(1, 0, 1), hop(2, 1, 2)])
    }

    #[test]
    fn dot_merges_parallel_relations_and_escapes() {
        let (p, hops) = sample();
        let mut out = Vec::new();
        write_dot(&p, &hops, &[NodeIndex::new(0)], &mut out).unwrap();
        let dot = String::from_utf8(out).unwrap();
        assert!(dot.contains(r#"label="John \"Jack\" Doe\n(Person)""#), "{dot}");
        assert!(dot.contains(r#"n0 -> n1 [label="chaired (2009–2016)\nCIO of"];"#), "{dot}");
        assert!(dot.contains("n2 -> n1 [label=\"member of\"]"), "{dot}");
        assert_eq!(dot.matches("->").count(), 2);
    }

    #[test]
    fn svg_is_written_without_graphviz() {
        let (p, hops) = sample();
        let mut out = Vec::new();
        write_svg(&p, &hops, &[NodeIndex::new(0)], &mut out).unwrap();
        let svg = String::from_utf8(out).unwrap();
        assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"), "{svg}");
        assert!(svg.contains("chaired (2009–2016)") && svg.contains("Acme &amp; Sons &lt;Ltd&gt;"), "{svg}");
        // a single entity without relations still draws
        let mut out = Vec::new();
        write_svg(&p, &[], &[NodeIndex::new(2)], &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().contains("Bob"));
    }

    #[test]
    fn long_labels_wrap() {
        assert_eq!(
            wrap("Healthcare Information Technology Standards Committee"),
            "Healthcare Information Technology\nStandards Committee"
        );
        assert_eq!(wrap("short"), "short");
    }
}
