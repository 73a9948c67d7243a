//! Content negotiation: the format to answer in, from a request's `Accept` header. Media types
//! are recognised by Oxigraph's own format tables (`QueryResultsFormat::from_media_type`,
//! `RdfFormat::from_media_type`); this module only orders the header's ranges by preference and
//! says which formats each kind of answer can take.

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

/// Result formats for SELECT and ASK, the first being the default.
pub const RESULT_FORMATS: [QueryResultsFormat; 4] =
    [QueryResultsFormat::Json, QueryResultsFormat::Xml, QueryResultsFormat::Csv, QueryResultsFormat::Tsv];

/// Formats for a graph (CONSTRUCT, DESCRIBE, one graph of the store), the first being the
/// default.
pub const GRAPH_FORMATS: [RdfFormat; 4] = [
    RdfFormat::Turtle,
    RdfFormat::NTriples,
    RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
    RdfFormat::RdfXml,
];

/// Formats for the whole dataset (every document graph), the first being the default.
pub const DATASET_FORMATS: [RdfFormat; 3] =
    [RdfFormat::TriG, RdfFormat::NQuads, RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }];

/// The media ranges of an `Accept` header, most preferred first (by `q`, then in the order
/// given), without their parameters; ranges with `q=0` are left out. No header, or an empty
/// one, accepts anything.
#[must_use]
pub fn ranges(accept: Option<&str>) -> Vec<String> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return vec!["*/*".to_owned()];
    };
    let mut out: Vec<(u16, usize, String)> = Vec::new();
    for (i, item) in accept.split(',').enumerate() {
        let mut parts = item.split(';');
        let range = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        if range.is_empty() {
            continue;
        }
        let mut q = 1000u16;
        for p in parts {
            if let Some((k, v)) = p.split_once('=') {
                if k.trim().eq_ignore_ascii_case("q") {
                    // thousandths, so the order is exact
                    q = v.trim().parse::<f32>().map_or(0, |x| (x.clamp(0.0, 1.0) * 1000.0).round() as u16);
                }
            }
        }
        if q > 0 {
            out.push((q, i, range));
        }
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    out.into_iter().map(|(_, _, r)| r).collect()
}

/// The first format of `candidates` that a range names, `*/*` and `type/*` taking the first
/// candidate of that type.
fn pick<F: Copy + PartialEq>(
    accept: Option<&str>,
    candidates: &[F],
    media_type: impl Fn(F) -> &'static str,
    parse: impl Fn(&str) -> Option<F>,
) -> Option<F> {
    for range in ranges(accept) {
        if range == "*/*" {
            return candidates.first().copied();
        }
        if let Some(main) = range.strip_suffix("/*") {
            if let Some(f) = candidates.iter().find(|f| media_type(**f).starts_with(&format!("{main}/"))) {
                return Some(*f);
            }
            continue;
        }
        if let Some(f) = parse(&range).filter(|f| candidates.contains(f)) {
            return Some(f);
        }
    }
    None
}

/// The result format for SELECT and ASK, or `None` when the client accepts none of them.
#[must_use]
pub fn results(accept: Option<&str>) -> Option<QueryResultsFormat> {
    pick(accept, &RESULT_FORMATS, QueryResultsFormat::media_type, QueryResultsFormat::from_media_type)
}

/// The RDF format for a graph or a dataset, among `candidates`, or `None` when the client
/// accepts none of them.
#[must_use]
pub fn rdf(accept: Option<&str>, candidates: &[RdfFormat]) -> Option<RdfFormat> {
    pick(accept, candidates, RdfFormat::media_type, RdfFormat::from_media_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_q_then_order() {
        assert_eq!(
            ranges(Some("text/csv;q=0.5, application/json, */*;q=0.1")),
            ["application/json", "text/csv", "*/*"]
        );
        assert_eq!(ranges(Some("text/csv;q=0")), Vec::<String>::new());
        assert_eq!(ranges(None), ["*/*"]);
    }

    #[test]
    fn formats_by_accept() {
        assert_eq!(results(None), Some(QueryResultsFormat::Json));
        assert_eq!(results(Some("text/csv")), Some(QueryResultsFormat::Csv));
        assert_eq!(results(Some("text/tab-separated-values")), Some(QueryResultsFormat::Tsv));
        assert_eq!(results(Some("application/sparql-results+xml;q=0.9, text/html")), Some(QueryResultsFormat::Xml));
        assert_eq!(results(Some("text/html, */*;q=0.8")), Some(QueryResultsFormat::Json));
        assert_eq!(results(Some("text/turtle")), None);
        assert_eq!(rdf(Some("application/n-triples"), &GRAPH_FORMATS), Some(RdfFormat::NTriples));
        assert_eq!(rdf(Some("application/ld+json"), &GRAPH_FORMATS), Some(GRAPH_FORMATS[2]));
        assert_eq!(rdf(Some("text/*"), &GRAPH_FORMATS), Some(RdfFormat::Turtle));
        assert_eq!(rdf(Some("application/n-quads"), &GRAPH_FORMATS), None);
        assert_eq!(rdf(Some("application/n-quads"), &DATASET_FORMATS), Some(RdfFormat::NQuads));
    }
}
