//! Saved HTML pages ▶ visible text: headings, list items (indented by nesting) and paragraphs on
//! lines of their own; scripts, styles, navigation, headers, footers and forms dropped. Built on
//! the `scraper` crate (html5ever), which repairs broken markup the way browsers do.

use scraper::{ElementRef, Html, Node};

const SKIP: &[&str] = &[
    "script", "style", "nav", "footer", "header", "form", "noscript", "aside", "svg", "button", "select", "iframe",
    "template",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "section",
    "article",
    "main",
    "dt",
    "dd",
    "blockquote",
    "br",
    "table",
    "ul",
    "ol",
    "title",
];

/// The visible text of an HTML page, one block per line.
#[must_use]
pub fn visible_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    walk(doc.root_element(), 0, &mut out);
    // collapse runs of blank lines
    let mut clean = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank == 1 {
                clean.push('\n');
            }
        } else {
            blank = 0;
            clean.push_str(line.trim_end());
            clean.push('\n');
        }
    }
    clean
}

fn walk(el: ElementRef, depth: usize, out: &mut String) {
    // iterative over children, recursion bounded by document nesting; deep lists are capped
    let name = el.value().name();
    if SKIP.contains(&name) {
        return;
    }
    if name == "tr" {
        row(el, out);
        return;
    }
    let list_depth = depth + usize::from(name == "ul" || name == "ol");
    let block = BLOCK.contains(&name);
    if block {
        newline(out);
    }
    if name.starts_with('h') && name.len() == 2 {
        out.push('\n');
    }
    if name == "li" {
        out.push_str(&"  ".repeat(depth.min(20)));
        out.push_str("• ");
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                let s = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !s.is_empty() {
                    if !out.ends_with([' ', '\n']) && !out.is_empty() && !s.starts_with([',', '.', ';', ':']) {
                        out.push(' ');
                    }
                    out.push_str(&s);
                }
            }
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    walk(c, list_depth, out);
                }
            }
            _ => {}
        }
    }
    if block {
        newline(out);
    }
    if name.starts_with('h') && name.len() == 2 {
        out.push('\n');
    }
}

/// A table row on a line of its own: "Name, Role, Organisation" (empty cells left out, so a
/// roster row reads like a roster line), or "Label: value" for a row of a header cell and one
/// value; a cell's own lines (`<br>`) are joined by "; ".
fn row(tr: ElementRef, out: &mut String) {
    let mut cells: Vec<(bool, String)> = Vec::new();
    for child in tr.children().filter_map(ElementRef::wrap) {
        let name = child.value().name();
        if name != "td" && name != "th" {
            continue;
        }
        let mut text = String::new();
        walk(child, 0, &mut text);
        let text = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ");
        cells.push((name == "th", text));
    }
    newline(out);
    let line = match &cells[..] {
        [(true, label), (false, value)] if !label.is_empty() && !value.is_empty() => format!("{label}: {value}"),
        _ => cells.iter().map(|c| c.1.as_str()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(", "),
    };
    out.push_str(&line);
    newline(out);
}

fn newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_row_is_one_line_of_its_cells() {
        let t = visible_text(
            "<table><tr><th>Name</th><th>Role</th></tr><tr><td>Helen Quarry</td><td></td><td>Northport University</td></tr>\
             <tr><th>Appointed By</th><td>President Voss<br>Governor Lane</td></tr></table>",
        );
        assert!(t.contains("Name, Role\n"), "{t}");
        assert!(t.contains("Helen Quarry, Northport University\n"), "an empty cell leaves no gap: {t}");
        assert!(t.contains("Appointed By: President Voss; Governor Lane\n"), "a header cell labels its value: {t}");
    }

    #[test]
    fn keeps_headings_lists_and_paragraphs_and_drops_furniture() {
        let t = visible_text("<html><body><nav>Home | About</nav><h2>Highlights</h2><ul><li>Chair<ul><li>Some Panel, 2001-2003.</li></ul></li></ul><p>He <b>works</b> here.</p><script>x()</script><footer>Copyright</footer></body></html>");
        assert!(!t.contains("Home"));
        assert!(!t.contains("Copyright"));
        assert!(!t.contains("x()"));
        assert!(t.contains("Highlights\n"));
        assert!(t.contains("• Chair\n"));
        assert!(t.contains("  • Some Panel, 2001-2003."));
        assert!(t.contains("He works here."));
    }
}
