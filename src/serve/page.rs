//! The query page at `/`: YASGUI (MIT licence, `data/serve/yasgui/`, vendored from npm
//! `@zazuko/yasgui`; the licences of the packages its bundle compiles in are in
//! `data/serve/yasgui/THIRD-PARTY`) opened on this endpoint, with the example queries of
//! `data/serve/examples.rq` and the project's prefixes. Everything is compiled into the binary,
//! so the page works with no network: it fetches only from the server that sent it.

use crate::vocab;

/// YASGUI's script and style sheet, and their licence and third-party notices (the binary
/// carries the bundle, so it carries these too), served under `/assets/`.
pub const ASSETS: &[(&str, &str, &[u8])] = &[
    ("yasgui.min.js", "text/javascript; charset=utf-8", include_bytes!("../../data/serve/yasgui/yasgui.min.js")),
    ("yasgui.min.css", "text/css; charset=utf-8", include_bytes!("../../data/serve/yasgui/yasgui.min.css")),
    ("LICENSE", "text/plain; charset=utf-8", include_bytes!("../../data/serve/yasgui/LICENSE")),
    ("THIRD-PARTY", "text/plain; charset=utf-8", include_bytes!("../../data/serve/yasgui/THIRD-PARTY")),
];

const TEMPLATE: &str = include_str!("../../data/serve/page.html.tmpl");
const EXAMPLES: &str = include_str!("../../data/serve/examples.rq");

/// An example query: a title and the query with the PREFIX lines it needs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Example {
    pub title: String,
    pub query: String,
}

/// The examples of `text` (a `# title: …` line, then the query, up to the next title).
#[must_use]
pub fn examples(text: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    for line in text.lines() {
        if let Some(title) = line.strip_prefix("# title:") {
            out.push(Example { title: title.trim().to_owned(), query: String::new() });
        } else if let Some(e) = out.last_mut() {
            e.query.push_str(line);
            e.query.push('\n');
        }
    }
    for e in &mut out {
        let body = e.query.trim().to_owned();
        let prologue: String = vocab::PREFIXES
            .iter()
            .filter(|(p, _)| body.contains(&format!("{p}:")))
            .map(|(p, i)| format!("PREFIX {p}: <{i}>\n"))
            .collect();
        e.query = format!("{prologue}\n{body}\n");
    }
    out
}

/// The page, for an endpoint that does (`writable`) or does not accept updates.
#[must_use]
pub fn html(writable: bool) -> String {
    let prefixes: serde_json::Map<String, serde_json::Value> =
        vocab::PREFIXES.iter().map(|(p, i)| ((*p).to_owned(), serde_json::Value::from(*i))).collect();
    let config = serde_json::json!({
        "examples": examples(EXAMPLES),
        "prefixes": prefixes,
        "writable": writable,
    });
    // inside <script>, "</" would end the element
    let json = config.to_string().replace("</", "<\\/");
    TEMPLATE.replace("{{CONFIG}}", &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_parses_with_its_prefixes() {
        let all = examples(EXAMPLES);
        assert!(all.len() >= 5);
        for e in &all {
            // without the predeclared prefixes: the page's queries must stand alone
            spargebra::SparqlParser::new()
                .parse_query(&e.query)
                .unwrap_or_else(|err| panic!("example {:?}: {err}\n{}", e.title, e.query));
        }
    }

    #[test]
    fn page_holds_the_examples_and_no_outside_assets() {
        let page = html(false);
        assert!(page.contains("Posts of John D. Halamka"));
        assert!(!page.contains("{{CONFIG}}"));
        assert!(!page.contains("src=\"http") && !page.contains("href=\"http"));
    }
}
