//! A remote SPARQL 1.1 Protocol endpoint (`relate serve`, Oxigraph, Virtuoso, Fuseki, GraphDB,
//! QLever) as what `query`, `path`, `neighbours` and `ask` read with `--endpoint URL`.
//!
//! Queries go as an HTML form's `POST` (`query=`, the protocol's form that every server takes)
//! with the predeclared prefixes written into the text (other servers do not know them); answers come back as SPARQL JSON results or
//! N-Triples and are parsed by Oxigraph, so they render exactly as local results do.
//!
//! Path search needs the whole projection, not a query's answer: [`Remote::mirror`] copies
//! what [`crate::paths::Projection::from_store`] reads (entity types and labels, aliases, direct
//! relations, qualified relations with their roles and years) into an in-memory store, with
//! paged `CONSTRUCT` queries, so a server's cap on result sizes never cuts it short. Evidence
//! is read from the endpoint afterwards, for the relations a command prints only.
//!
//! The endpoint's default graph must be the union of relate's document graphs: it is for
//! `relate serve` and Virtuoso; start Oxigraph's server with `--union-default-graph`.

use std::io::Cursor;
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use oxigraph::sparql::{QueryResults, QueryTripleIter};
use spargebra::{Query, SparqlParser};

use crate::error::{Error, NotFound, Result};
use crate::store::{Sparql, Store};
use crate::vocab;

/// Triples asked for per `CONSTRUCT` page: the default result cap of `relate serve` and of
/// Virtuoso. A server that cuts pages shorter is still read whole (see `Remote::construct_all`).
pub const PAGE: usize = 10_000;

/// A SPARQL endpoint, read-only.
#[derive(Clone)]
pub struct Remote {
    url: String,
    agent: ureq::Agent,
    authorization: Option<String>,
    page: usize,
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Remote").field("url", &self.url).finish_non_exhaustive()
    }
}

impl Remote {
    /// The endpoint at `url` (an absolute http(s) URL without credentials). Credentials come
    /// from the environment, as for `relate push`: `RELATE_ENDPOINT_TOKEN` (Bearer) or
    /// `RELATE_ENDPOINT_USER` and `RELATE_ENDPOINT_PASSWORD` (Basic).
    ///
    /// # Errors
    /// The URL is not an http(s) URL or holds credentials; the credential variables are
    /// inconsistent.
    pub fn new(url: &str) -> Result<Self> {
        // the same checks, and the same messages, as push's Graph Store client
        crate::push::Endpoint::new(url)?;
        let authorization = match crate::push::Credentials::from_env()? {
            crate::push::Credentials::None => None,
            crate::push::Credentials::Token(t) => Some(format!("Bearer {t}")),
            crate::push::Credentials::Password { user, password } => {
                use base64::Engine as _;
                Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
                ))
            }
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(600)))
            .user_agent(format!("relate/{}", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Ok(Remote { url: url.to_owned(), agent, authorization, page: PAGE })
    }

    /// Asks for this many triples per `CONSTRUCT` page instead of [`PAGE`].
    #[must_use]
    pub fn with_page(mut self, page: usize) -> Self {
        self.page = page.max(1);
        self
    }

    /// The endpoint URL as given.
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    fn failed(&self, message: String) -> Error {
        Error::Remote { endpoint: self.url.clone(), message }
    }

    /// Sends `text` (prologue included) and returns the response body, its media type, and
    /// whether the server said it cut the result (`relate serve`'s `Relate-Truncated`,
    /// Virtuoso's `X-SPARQL-MaxRows`).
    fn post(&self, text: &str, accept: &str) -> Result<(Vec<u8>, String, bool)> {
        let mut request = self
            .agent
            .post(&self.url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", accept);
        if let Some(a) = &self.authorization {
            request = request.header("Authorization", a);
        }
        let form: String = form_urlencoded::Serializer::new(String::new()).append_pair("query", text).finish();
        let mut response = request.send(form.as_bytes()).map_err(|e| {
            self.failed(format!(
                "cannot reach it ({e}); check that the server is running and that the URL is its SPARQL endpoint"
            ))
        })?;
        let status = response.status().as_u16();
        let truncated = ["relate-truncated", "x-sparql-maxrows"].iter().any(|h| response.headers().contains_key(*h));
        let media = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let body = response
            .body_mut()
            .with_config()
            .limit(u64::MAX)
            .read_to_vec()
            .map_err(|e| self.failed(format!("the answer broke off ({e}); try again")))?;
        if !(200..300).contains(&status) {
            let detail: String = String::from_utf8_lossy(&body).split_whitespace().collect::<Vec<_>>().join(" ");
            let detail: String = detail.chars().take(300).collect();
            let hint = match status {
                400 => "the server could not run the query",
                401 | 403 => "set RELATE_ENDPOINT_USER and RELATE_ENDPOINT_PASSWORD, or RELATE_ENDPOINT_TOKEN",
                404 | 405 => "give the server's SPARQL query URL, e.g. http://host:7878/sparql (relate serve), http://host:7878/query (Oxigraph), http://host:8890/sparql (Virtuoso)",
                _ => "try again later or look at the server's log",
            };
            return Err(self.failed(format!("HTTP {status} ({detail}); {hint}")));
        }
        Ok((body, media, truncated))
    }

    /// The triples a CONSTRUCT or DESCRIBE (prologue included) returns, and whether the server
    /// cut them.
    fn triples(&self, text: &str) -> Result<(Vec<Triple>, bool)> {
        let (body, media, truncated) = self.post(text, "application/n-triples, text/turtle;q=0.9")?;
        let format = RdfFormat::from_media_type(&media).unwrap_or(RdfFormat::NTriples);
        let triples: Vec<Triple> = RdfParser::from_format(format)
            .for_slice(&body)
            .map(|q| q.map(Triple::from))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| self.failed(format!("its answer is not valid {} ({e})", format.name())))?;
        Ok((triples, truncated))
    }
}

/// An endpoint's answer as it came over the wire: read by one thread (the shell's, which can be
/// interrupted) and parsed by another.
#[derive(Debug)]
pub struct Answer {
    endpoint: String,
    body: Vec<u8>,
    media: String,
    graph: bool,
    /// the server said it cut the result
    truncated: bool,
}

impl Answer {
    /// The answer parsed, as local results are.
    ///
    /// # Errors
    /// The body is not valid SPARQL results (or RDF, for CONSTRUCT and DESCRIBE).
    pub fn results(self) -> Result<QueryResults<'static>> {
        let failed = |message: String| Error::Remote { endpoint: self.endpoint.clone(), message };
        if self.graph {
            let format = RdfFormat::from_media_type(&self.media).unwrap_or(RdfFormat::NTriples);
            let triples: Vec<Triple> = RdfParser::from_format(format)
                .for_slice(&self.body)
                .map(|q| q.map(Triple::from))
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| failed(format!("its answer is not valid {} ({e})", format.name())))?;
            return Ok(QueryResults::Graph(QueryTripleIter::new(triples.into_iter().map(Ok))));
        }
        let format = QueryResultsFormat::from_media_type(&self.media).unwrap_or(QueryResultsFormat::Json);
        let parsed = QueryResultsParser::from_format(format)
            .for_reader(Cursor::new(self.body))
            .map_err(|e| failed(format!("its answer is not valid {} results ({e})", format.name())))?;
        Ok(parsed.into())
    }
}

impl Remote {
    /// Parses `sparql` here with the predeclared prefixes and `extra_prefixes` (a syntax error
    /// never reaches the server), sends it with those prefixes written into its text, and
    /// returns the answer unparsed.
    ///
    /// # Errors
    /// The query does not parse, is an update, or the request fails.
    pub fn fetch(&self, sparql: &str, extra_prefixes: &[(String, String)]) -> Result<Answer> {
        let mut parser = SparqlParser::new();
        let mut prologue = vocab::sparql_prologue();
        for (p, i) in vocab::PREFIXES
            .iter()
            .map(|(p, i)| (*p, *i))
            .chain(extra_prefixes.iter().map(|(p, i)| (p.as_str(), i.as_str())))
        {
            parser = parser.with_prefix(p, i).map_err(|e| Error::query(sparql, e))?;
        }
        for (p, i) in extra_prefixes {
            prologue.push_str(&format!("PREFIX {p}: <{i}>\n"));
        }
        let query = parser.parse_query(sparql).map_err(|e| Error::query(sparql, e))?;
        let graph = matches!(query, Query::Construct { .. } | Query::Describe { .. });
        let text = format!("{prologue}{sparql}");
        let accept = if graph {
            "application/n-triples, text/turtle;q=0.9"
        } else {
            "application/sparql-results+json, application/sparql-results+xml;q=0.9"
        };
        let (body, media, truncated) = self.post(&text, accept)?;
        Ok(Answer { endpoint: self.url.clone(), body, media, graph, truncated })
    }
}

impl Sparql for Remote {
    /// Parses the query here (a syntax error never reaches the server), sends it with the
    /// predeclared prefixes, and parses the answer.
    fn evaluate(&self, sparql: &str) -> Result<QueryResults<'static>> {
        self.fetch(sparql, &[])?.results()
    }
}

/// The predicates of entities and relations the projection follows (the entity classes are
/// `paths/project.rs`'s); evidence predicates are left out.
const NAMES: &[&str] = &["rdfs:label", "skos:altLabel"];
const PREDICATES: &[&str] = &[
    "rel:partOf",
    "rel:locatedIn",
    "rel:signedBy",
    "rel:establishedBy",
    "rel:holder",
    "rel:organization",
    "rel:role",
    "rel:startDate",
    "rel:endDate",
    "rel:ended",
    "rel:underPresident",
    "rel:appointedBy",
    "rel:student",
    "rel:institution",
    "rel:degree",
    "rel:year",
    "rel:recipient",
    "rel:conferredBy",
    "rel:honour",
    "rel:member",
    "rel:participant",
    "rel:topic",
    "rel:appointee",
    "rel:appointer",
    "rel:date",
];

impl Remote {
    /// An in-memory store holding what path search projects, copied from the endpoint.
    ///
    /// # Complexity
    /// Three scans of the endpoint (entity types; their names; relation predicates), each in pages
    /// of [`PAGE`] triples ordered by subject, predicate and object; memory is the copied
    /// triples.
    ///
    /// # Errors
    /// A request fails.
    pub fn mirror(&self) -> Result<Store> {
        let store = Store::in_memory()?;
        let classes: Vec<String> = crate::paths::project::ENTITY_CLASSES.iter().map(|c| format!("rel:{c}")).collect();
        self.construct_all(
            &format!("CONSTRUCT {{ ?s a ?o }} WHERE {{ VALUES ?o {{ {} }} ?s a ?o }}", classes.join(" ")),
            &store,
        )?;
        // names of those entities only: a server's default graph may hold other labelled things
        // (Virtuoso's holds its own system graphs)
        self.construct_all(
            &format!(
                "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?c {{ {} }} VALUES ?p {{ {} }} ?s a ?c ; ?p ?o }}",
                classes.join(" "),
                NAMES.join(" ")
            ),
            &store,
        )?;
        self.construct_all(
            &format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?p {{ {} }} ?s ?p ?o }}", PREDICATES.join(" ")),
            &store,
        )?;
        Ok(store)
    }

    /// The projection path search reads, of the endpoint's graph (see [`Remote::mirror`]).
    ///
    /// # Errors
    /// A request fails, or the endpoint's default graph holds no relate entities.
    pub fn projection(&self) -> Result<crate::paths::Projection> {
        let p = crate::paths::Projection::from_store(&self.mirror()?)?;
        if p.nodes.is_empty() {
            return Err(NotFound::EmptyEndpoint { url: self.url.clone() }.into());
        }
        Ok(p)
    }

    /// Rows of a `SELECT` read page by page (`LIMIT OFFSET`, pages of [`Remote::with_page`]),
    /// up to `cap` rows in all; `select` must order its rows, so pages neither overlap nor skip.
    ///
    /// # Errors
    /// A request fails.
    pub fn select_paged(&self, select: &str, cap: usize) -> Result<Vec<Vec<Option<oxigraph::model::Term>>>> {
        let mut rows = Vec::new();
        while rows.len() < cap {
            let want = self.page.min(cap - rows.len());
            let q = format!("{select} LIMIT {want} OFFSET {}", rows.len());
            let before = rows.len();
            let answer = self.fetch(&q, &[])?;
            let truncated = answer.truncated;
            if let QueryResults::Solutions(s) = answer.results()? {
                for sol in s {
                    let sol = sol.map_err(|e| self.failed(format!("its answer is not valid results ({e})")))?;
                    rows.push(sol.values().to_vec());
                }
            }
            let n = rows.len() - before;
            // a page the server cut is read on from where it ended; an empty one is the end
            if n == 0 || (n < want && !truncated) {
                break;
            }
        }
        Ok(rows)
    }

    /// Runs a `CONSTRUCT` page by page (`ORDER BY ?s ?p ?o LIMIT OFFSET`) into `store`, until a
    /// page comes back short. A page the server says it cut (`relate serve --max-rows`,
    /// Virtuoso's `ResultSetMaxRows`) is read on from where it ended.
    fn construct_all(&self, construct: &str, store: &Store) -> Result<usize> {
        let mut offset = 0;
        loop {
            let q = format!(
                "{}{construct} ORDER BY ?s ?p ?o LIMIT {} OFFSET {offset}",
                vocab::sparql_prologue(),
                self.page
            );
            let (triples, truncated) = self.triples(&q)?;
            let n = triples.len();
            store.insert_default(&triples)?;
            offset += n;
            if n == 0 || (n < self.page && !truncated) {
                return Ok(offset);
            }
        }
    }
}
