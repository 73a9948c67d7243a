//! Requests to responses: routing, the SPARQL Protocol (queries and updates), the Graph Store
//! Protocol (reading), the service description and CORS. Each answer is serialised into memory
//! by Oxigraph's writers, then sent.

use std::io::Read;
use std::sync::mpsc;
use std::time::Duration;

use oxhttp::model::header::{
    ACCEPT, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
    ACCESS_CONTROL_MAX_AGE, ALLOW, CONTENT_TYPE, HOST, ORIGIN, VARY,
};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryDataset, QueryEvaluationError, QueryResults, SparqlEvaluator};

use super::negotiate::{self, DATASET_FORMATS, GRAPH_FORMATS, RESULT_FORMATS};
use super::{describe, page, Stores, MAX_BODY};
use crate::cli::ServeArgs;
use crate::error::Error;
use crate::vocab;

/// Header that says a result was cut at `--max-rows`: its value is the number of rows sent.
pub const TRUNCATED: &str = "relate-truncated";

/// The endpoint: the store and the limits that apply to every request.
pub struct Service {
    stores: Stores,
    timeout: Option<Duration>,
    max_rows: Option<usize>,
    cors: Vec<String>,
}

/// The dataset a request names with `default-graph-uri` and `named-graph-uri` (both
/// repeatable); it replaces the query's own `FROM` and `FROM NAMED`.
#[derive(Default)]
struct Dataset {
    default: Vec<NamedNode>,
    named: Vec<NamedNode>,
}

impl Dataset {
    fn from_params(params: &[(String, String)]) -> Result<Self, Response<Body>> {
        let mut out = Dataset::default();
        for (k, v) in params {
            let list = match k.as_str() {
                "default-graph-uri" => &mut out.default,
                "named-graph-uri" => &mut out.named,
                _ => continue,
            };
            match NamedNode::new(v) {
                Ok(n) => list.push(n),
                Err(e) => return Err(text(StatusCode::BAD_REQUEST, format!("{k}={v:?}: not an IRI ({e})"))),
            }
        }
        Ok(out)
    }

    fn apply(&self, dataset: &mut QueryDataset) {
        if !self.default.is_empty() {
            dataset.set_default_graph(self.default.iter().cloned().map(GraphName::from).collect());
        }
        if !self.named.is_empty() {
            dataset.set_available_named_graphs(self.named.iter().cloned().map(NamedOrBlankNode::from).collect());
        }
    }
}

impl Service {
    /// The service over `stores`, with the timeout, row cap and CORS origins of `args` (0: none).
    #[must_use]
    pub fn new(stores: Stores, args: &ServeArgs) -> Self {
        Service {
            stores,
            timeout: (args.timeout > 0).then(|| Duration::from_secs(args.timeout)),
            max_rows: (args.max_rows > 0).then_some(args.max_rows),
            cors: args.cors.clone(),
        }
    }

    /// Answers one request.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let mut response = self.route(request);
        self.cors(request, &mut response);
        if request.method() == Method::HEAD {
            *response.body_mut() = Body::empty();
        }
        response
    }

    fn route(&self, request: &mut Request<Body>) -> Response<Body> {
        let path = request.uri().path().to_owned();
        let method = request.method().clone();
        let read = method == Method::GET || method == Method::HEAD;
        if method == Method::OPTIONS {
            return with_header(status(StatusCode::NO_CONTENT), ALLOW, "GET, HEAD, POST, OPTIONS");
        }
        match path.as_str() {
            "/" if read => bytes(StatusCode::OK, "text/html; charset=utf-8", page::html(self.stores.writable()).into()),
            "/sparql" if read => self.sparql_get(request),
            "/sparql" if method == Method::POST => self.sparql_post(request),
            "/sparql" => not_allowed("GET, HEAD, POST, OPTIONS"),
            "/store" if read => self.graph_store(request),
            "/store" => with_header(
                text(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "the graph store is read-only here; change graphs with SPARQL updates (relate serve --writable) or relate build".into(),
                ),
                ALLOW,
                "GET, HEAD, OPTIONS",
            ),
            p if read && p.starts_with("/assets/") => {
                match page::ASSETS.iter().find(|(name, _, _)| p.strip_prefix("/assets/") == Some(*name)) {
                    Some((_, media_type, content)) => with_header(
                        bytes(StatusCode::OK, media_type, content.to_vec()),
                        oxhttp::model::header::CACHE_CONTROL,
                        "max-age=3600",
                    ),
                    None => text(StatusCode::NOT_FOUND, format!("{p}: no such file")),
                }
            }
            p => text(
                StatusCode::NOT_FOUND,
                format!("{p}: nothing here; the SPARQL endpoint is /sparql, the graph store /store, the query page /"),
            ),
        }
    }

    /// GET `/sparql`: a query, or the service description.
    fn sparql_get(&self, request: &Request<Body>) -> Response<Body> {
        let params = url_params(request);
        let accept = header(request, ACCEPT);
        if let Some(query) = param(&params, "query") {
            return match Dataset::from_params(&params) {
                Ok(d) => self.query(query, &d, accept.as_deref()),
                Err(r) => r,
            };
        }
        if param(&params, "update").is_some() {
            return text(
                StatusCode::BAD_REQUEST,
                "updates are sent with POST (application/sparql-update, or a form's update=), never GET".into(),
            );
        }
        self.description(request, accept.as_deref())
    }

    /// POST `/sparql`: a query or an update, directly or in a form.
    fn sparql_post(&self, request: &mut Request<Body>) -> Response<Body> {
        let content_type = header(request, CONTENT_TYPE).unwrap_or_default();
        let media_type = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let accept = header(request, ACCEPT);
        let url = url_params(request);
        let body = match read_body(request) {
            Ok(b) => b,
            Err(r) => return r,
        };
        match media_type.as_str() {
            "application/sparql-query" => match (String::from_utf8(body), Dataset::from_params(&url)) {
                (Ok(q), Ok(d)) => self.query(&q, &d, accept.as_deref()),
                (Err(_), _) => text(StatusCode::BAD_REQUEST, "the query is not UTF-8 text".into()),
                (_, Err(r)) => r,
            },
            "application/sparql-update" => match String::from_utf8(body) {
                Ok(u) => self.update(&u, &url),
                Err(_) => text(StatusCode::BAD_REQUEST, "the update is not UTF-8 text".into()),
            },
            "application/x-www-form-urlencoded" => {
                let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
                if let Some(q) = param(&form, "query") {
                    match Dataset::from_params(&form) {
                        Ok(d) => self.query(q, &d, accept.as_deref()),
                        Err(r) => r,
                    }
                } else if let Some(u) = param(&form, "update") {
                    self.update(u, &form)
                } else {
                    text(StatusCode::BAD_REQUEST, "the form has neither query= nor update=".into())
                }
            }
            other => text(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "content type {other:?}: send application/sparql-query, application/sparql-update or application/x-www-form-urlencoded"
                ),
            ),
        }
    }

    fn query(&self, sparql: &str, dataset: &Dataset, accept: Option<&str>) -> Response<Body> {
        let store = match self.stores.get() {
            Ok(s) => s,
            Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        };
        let token = CancellationToken::new();
        // dropped when the answer is written, which ends the watch without cancelling
        let _watch = self.timeout.map(|t| watch(token.clone(), t));
        let mut evaluator = SparqlEvaluator::new().with_cancellation_token(token);
        for (p, i) in vocab::PREFIXES {
            evaluator = match evaluator.with_prefix(*p, *i) {
                Ok(e) => e,
                Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
            };
        }
        let mut prepared = match evaluator.parse_query(sparql) {
            Ok(p) => p,
            Err(e) => return text(StatusCode::BAD_REQUEST, format!("query error: {e}")),
        };
        dataset.apply(prepared.dataset_mut());
        let results = match store.execute(prepared) {
            Ok(r) => r,
            Err(e) => return self.evaluation_error(e),
        };
        let written = match results {
            QueryResults::Boolean(b) => {
                let Some(format) = negotiate::results(accept) else { return not_acceptable(&result_types()) };
                QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(Vec::new(), b)
                    .map(|body| (format.media_type(), body, None))
            }
            QueryResults::Solutions(solutions) => {
                let Some(format) = negotiate::results(accept) else { return not_acceptable(&result_types()) };
                match self.solutions(format, solutions) {
                    Ok(Ok((body, cut))) => Ok((format.media_type(), body, cut)),
                    Ok(Err(e)) => return self.evaluation_error(e),
                    Err(e) => Err(e),
                }
            }
            QueryResults::Graph(triples) => {
                let Some(format) = negotiate::rdf(accept, &GRAPH_FORMATS) else {
                    return not_acceptable(&GRAPH_FORMATS.map(RdfFormat::media_type));
                };
                let mut out = Vec::new();
                let mut cut = None;
                for t in triples {
                    let t = match t {
                        Ok(t) => t,
                        Err(e) => return self.evaluation_error(e),
                    };
                    if self.max_rows == Some(out.len()) {
                        cut = Some(out.len());
                        break;
                    }
                    out.push(t);
                }
                serialize_triples(format, &out, vocab::PREFIXES).map(|body| (format.media_type(), body, cut))
            }
        };
        match written {
            Ok((media_type, body, cut)) => {
                let response = bytes(StatusCode::OK, media_type, body);
                match cut {
                    Some(n) => with_header(response, TRUNCATED, &n.to_string()),
                    None => response,
                }
            }
            Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, format!("cannot write the results: {e}")),
        }
    }

    /// SELECT results, at most `--max-rows` of them (the row count sent when cut); the outer
    /// error is the writer's, the inner the evaluation's.
    #[allow(clippy::type_complexity)]
    fn solutions(
        &self,
        format: QueryResultsFormat,
        solutions: oxigraph::sparql::QuerySolutionIter<'_>,
    ) -> std::io::Result<Result<(Vec<u8>, Option<usize>), QueryEvaluationError>> {
        let mut ser = QueryResultsSerializer::from_format(format)
            .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())?;
        let mut cut = None;
        for (rows, s) in solutions.enumerate() {
            let s = match s {
                Ok(s) => s,
                Err(e) => return Ok(Err(e)),
            };
            // one row past the cap shows that there are more
            if self.max_rows == Some(rows) {
                cut = Some(rows);
                break;
            }
            ser.serialize(s.iter().map(|(v, t)| (v.as_ref(), t.as_ref())))?;
        }
        Ok(Ok((ser.finish()?, cut)))
    }

    fn evaluation_error(&self, e: QueryEvaluationError) -> Response<Body> {
        match e {
            QueryEvaluationError::Cancelled => text(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the query was stopped after {} s (relate serve --timeout); make it more selective, or run it with `relate query`",
                    self.timeout.map_or(0, |t| t.as_secs())
                ),
            ),
            e @ (QueryEvaluationError::Dataset(_) | QueryEvaluationError::Unexpected(_)) => {
                text(StatusCode::INTERNAL_SERVER_ERROR, format!("query failed: {e}"))
            }
            e => text(StatusCode::BAD_REQUEST, format!("query error: {e}")),
        }
    }

    fn update(&self, sparql: &str, params: &[(String, String)]) -> Response<Body> {
        if !self.stores.writable() {
            return text(
                StatusCode::FORBIDDEN,
                "updates are refused: this endpoint is read-only; start it with `relate serve --writable` to accept them".into(),
            );
        }
        if let Some((k, _)) = params.iter().find(|(k, _)| k == "using-graph-uri" || k == "using-named-graph-uri") {
            return text(
                StatusCode::BAD_REQUEST,
                format!("{k} is not supported: name the graphs in the update itself (USING, GRAPH)"),
            );
        }
        let store = match self.stores.get() {
            Ok(s) => s,
            Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        };
        match store.update(sparql, &[]) {
            Ok(change) => {
                let n = change.unsigned_abs();
                let s = if n == 1 { "" } else { "s" };
                let what = match change.signum() {
                    0 => "ok: no change".to_owned(),
                    1 => format!("ok: {n} triple{s} added"),
                    _ => format!("ok: {n} triple{s} removed"),
                };
                text(StatusCode::OK, what)
            }
            Err(e @ (Error::Query(_) | Error::Refused(_))) => text(StatusCode::BAD_REQUEST, e.to_string()),
            Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    }

    /// GET `/store`: one graph (`?graph=IRI`), the default graph (`?default`), or every
    /// document graph.
    fn graph_store(&self, request: &Request<Body>) -> Response<Body> {
        let params = url_params(request);
        let accept = header(request, ACCEPT);
        let store = match self.stores.get() {
            Ok(s) => s,
            Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        };
        let graph = match (param(&params, "graph"), params.iter().any(|(k, _)| k == "default")) {
            (Some(_), true) => {
                return text(StatusCode::BAD_REQUEST, "give either ?graph=IRI or ?default, not both".into())
            }
            (Some(g), false) => match NamedNode::new(g) {
                Ok(n) => Some(GraphName::NamedNode(n)),
                Err(e) => return text(StatusCode::BAD_REQUEST, format!("graph={g:?}: not an IRI ({e})")),
            },
            (None, true) => Some(GraphName::DefaultGraph),
            (None, false) => None,
        };
        let Some(graph) = graph else {
            let Some(format) = negotiate::rdf(accept.as_deref(), &DATASET_FORMATS) else {
                return not_acceptable(&DATASET_FORMATS.map(RdfFormat::media_type));
            };
            let mut out = Vec::new();
            return match store.export(format, None, &mut out) {
                Ok(()) => bytes(StatusCode::OK, format.media_type(), out),
                Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
            };
        };
        if let GraphName::NamedNode(n) = &graph {
            if !store.has_graph(n.as_str()) {
                return text(
                    StatusCode::NOT_FOUND,
                    format!("graph {n}: no such graph; the service description (GET /sparql) lists them"),
                );
            }
        }
        let Some(format) = negotiate::rdf(accept.as_deref(), &GRAPH_FORMATS) else {
            return not_acceptable(&GRAPH_FORMATS.map(RdfFormat::media_type));
        };
        let gref: GraphNameRef<'_> = graph.as_ref();
        let mut triples = Vec::new();
        for q in store.quads_for_pattern(None, None, None, Some(gref)) {
            match q {
                Ok(q) => triples.push(Triple::new(q.subject, q.predicate, q.object)),
                Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
            }
        }
        // a stable order, as `relate export` writes
        triples.sort_by_cached_key(|t| (t.subject.to_string(), t.predicate.to_string(), t.object.to_string()));
        match serialize_triples(format, &triples, vocab::PREFIXES) {
            Ok(body) => bytes(StatusCode::OK, format.media_type(), body),
            Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    }

    /// GET `/sparql` without a query: the service description.
    fn description(&self, request: &Request<Body>, accept: Option<&str>) -> Response<Body> {
        let Some(format) = negotiate::rdf(accept, &GRAPH_FORMATS) else {
            return not_acceptable(&GRAPH_FORMATS.map(RdfFormat::media_type));
        };
        let graphs = match self.stores.get().and_then(|s| s.graphs()) {
            Ok(g) => g,
            Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        };
        let host = header(request, HOST).unwrap_or_else(|| "localhost".into());
        let endpoint = format!("http://{host}/sparql");
        if NamedNode::new(&endpoint).is_err() {
            return text(StatusCode::BAD_REQUEST, format!("Host {host:?}: not a host name"));
        }
        match serialize_triples(
            format,
            &describe::service(&endpoint, self.stores.writable(), &graphs),
            describe::PREFIXES,
        ) {
            Ok(body) => bytes(StatusCode::OK, format.media_type(), body),
            Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    }

    /// Adds the CORS headers when the request's origin is one `--cors` allows.
    fn cors(&self, request: &Request<Body>, response: &mut Response<Body>) {
        let Some(origin) = header(request, ORIGIN) else { return };
        let allowed = self.cors.iter().any(|o| o == "*" || o.trim_end_matches('/') == origin);
        if !allowed {
            return;
        }
        let value = if self.cors.iter().any(|o| o == "*") { "*".to_owned() } else { origin };
        let h = response.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(ACCESS_CONTROL_ALLOW_ORIGIN, v);
        }
        h.insert(VARY, HeaderValue::from_static("Origin"));
        h.insert(ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(TRUNCATED));
        if request.method() == Method::OPTIONS {
            // no Access-Control-Allow-Methods: oxhttp 0.3 never writes that header, and the
            // endpoint needs none (GET, HEAD and POST are CORS-safelisted methods); a preflight
            // is about the Content-Type of a POSTed query or update
            h.insert(ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Accept, Content-Type"));
            h.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        }
    }
}

/// Cancels `token` after `after`, unless the returned sender is dropped first.
fn watch(token: CancellationToken, after: Duration) -> mpsc::Sender<()> {
    let (tx, rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(after) {
            token.cancel();
        }
    });
    tx
}

/// Triples in `format`, with `prefixes` where the format has them.
fn serialize_triples(format: RdfFormat, triples: &[Triple], prefixes: &[(&str, &str)]) -> std::io::Result<Vec<u8>> {
    let mut ser = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::RdfXml) {
        for (p, i) in prefixes {
            ser = ser.with_prefix(*p, *i).map_err(std::io::Error::other)?;
        }
    }
    let mut w = ser.for_writer(Vec::new());
    for t in triples {
        w.serialize_triple(t)?;
    }
    w.finish()
}

fn result_types() -> [&'static str; 4] {
    RESULT_FORMATS.map(QueryResultsFormat::media_type)
}

fn url_params(request: &Request<Body>) -> Vec<(String, String)> {
    request.uri().query().map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn header(request: &Request<Body>, name: oxhttp::model::HeaderName) -> Option<String> {
    request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

fn read_body(request: &mut Request<Body>) -> Result<Vec<u8>, Response<Body>> {
    let mut body = Vec::new();
    match request.body_mut().take(MAX_BODY + 1).read_to_end(&mut body) {
        Ok(n) if n as u64 > MAX_BODY => Err(text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is over {} MiB; send less at a time", MAX_BODY >> 20),
        )),
        Ok(_) => Ok(body),
        Err(e) => Err(text(StatusCode::BAD_REQUEST, format!("cannot read the request body: {e}"))),
    }
}

fn status(code: StatusCode) -> Response<Body> {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = code;
    r
}

fn bytes(code: StatusCode, media_type: &str, body: Vec<u8>) -> Response<Body> {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = code;
    if let Ok(v) = HeaderValue::from_str(media_type) {
        r.headers_mut().insert(CONTENT_TYPE, v);
    }
    r
}

/// A plain-text answer, one line: errors and update outcomes.
fn text(code: StatusCode, message: String) -> Response<Body> {
    bytes(code, "text/plain; charset=utf-8", format!("{message}\n").into_bytes())
}

fn with_header(mut r: Response<Body>, name: impl oxhttp::model::header::IntoHeaderName, value: &str) -> Response<Body> {
    if let Ok(v) = HeaderValue::from_str(value) {
        r.headers_mut().insert(name, v);
    }
    r
}

fn not_allowed(allow: &str) -> Response<Body> {
    with_header(text(StatusCode::METHOD_NOT_ALLOWED, format!("allowed methods: {allow}")), ALLOW, allow)
}

fn not_acceptable(offered: &[&str]) -> Response<Body> {
    text(
        StatusCode::NOT_ACCEPTABLE,
        format!("none of the accepted types is offered; ask for one of {}", offered.join(", ")),
    )
}
