//! A SPARQL 1.1 Graph Store Protocol client: replace (`PUT`) or delete (`DELETE`) one named
//! graph at an endpoint, with a bounded number of retries and credentials from the environment.
//! It knows nothing of the store; [`super::sync`] decides what to send.
//!
//! Credentials never come from a flag or the URL (a URL with `user@` is refused, without being
//! echoed) and never appear in a message: `RELATE_ENDPOINT_TOKEN` is sent as a Bearer token;
//! `RELATE_ENDPOINT_USER` and `RELATE_ENDPOINT_PASSWORD` as HTTP Digest when the server's
//! first 401 carries a Digest challenge (Virtuoso's `/sparql-graph-crud-auth`), as Basic
//! otherwise.

use std::fmt;
use std::io::Read;
use std::time::Duration;

use base64::Engine as _;

use super::digest::Challenge;
use crate::error::EndpointError;

/// Environment variable holding the user name for HTTP Basic or Digest.
pub const USER_VAR: &str = "RELATE_ENDPOINT_USER";
/// Environment variable holding the password that goes with [`USER_VAR`].
pub const PASSWORD_VAR: &str = "RELATE_ENDPOINT_PASSWORD";
/// Environment variable holding a bearer token (instead of a user and password).
pub const TOKEN_VAR: &str = "RELATE_ENDPOINT_TOKEN";

/// Credentials read from the environment. `Debug` shows which kind, never the secret.
#[derive(Clone, Default)]
pub enum Credentials {
    /// No credentials: requests go unauthenticated.
    #[default]
    None,
    /// A user and password, for HTTP Basic, or Digest when the server asks.
    Password {
        /// The user name.
        user: String,
        /// The password.
        password: String,
    },
    /// A bearer token.
    Token(String),
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Credentials::None => "Credentials::None",
            Credentials::Password { .. } => "Credentials::Password(..)",
            Credentials::Token(_) => "Credentials::Token(..)",
        })
    }
}

impl Credentials {
    /// From `RELATE_ENDPOINT_TOKEN`, or `RELATE_ENDPOINT_USER` with `RELATE_ENDPOINT_PASSWORD`.
    ///
    /// # Errors
    /// Both a token and a user are set, or a user without a password (or the reverse).
    pub fn from_env() -> Result<Self, EndpointError> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        match (var(TOKEN_VAR), var(USER_VAR), var(PASSWORD_VAR)) {
            (None, None, None) => Ok(Credentials::None),
            (Some(t), None, None) => Ok(Credentials::Token(t)),
            (None, Some(user), Some(password)) => Ok(Credentials::Password { user, password }),
            (Some(_), _, _) => Err(EndpointError::Credentials(format!(
                "{TOKEN_VAR} and {USER_VAR}/{PASSWORD_VAR} are both set; unset one"
            ))),
            (None, Some(_), None) => {
                Err(EndpointError::Credentials(format!("{USER_VAR} is set without {PASSWORD_VAR}; set both")))
            }
            (None, None, Some(_)) => {
                Err(EndpointError::Credentials(format!("{PASSWORD_VAR} is set without {USER_VAR}; set both")))
            }
        }
    }
}

/// A Graph Store Protocol endpoint, ready to take requests.
pub struct Endpoint {
    url: String,
    agent: ureq::Agent,
    credentials: Credentials,
    /// How the server wants the user and password: unknown until its first 401.
    scheme: Option<Scheme>,
    retries: u32,
    first_delay: Duration,
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("url", &self.url)
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

/// How a user and password are sent.
#[derive(Debug, Clone)]
enum Scheme {
    Basic,
    /// The challenge in use and how often its nonce was used.
    Digest(Challenge, u32),
}

/// The two requests the protocol needs here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Put,
    Delete,
}

impl Endpoint {
    /// An endpoint at `url` (`http` or `https`, no user or password in it), no credentials,
    /// 4 retries starting at half a second.
    ///
    /// # Errors
    /// The URL is not an absolute http(s) URL, or carries credentials.
    pub fn new(url: &str) -> Result<Self, EndpointError> {
        let Some((scheme, rest)) = url.split_once("://") else {
            return Err(EndpointError::BadUrl(format!(
                "{url:?} is not an absolute URL; give one such as http://localhost:7878/store"
            )));
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.contains('@') {
            // the URL is not repeated: it holds a secret
            return Err(EndpointError::BadUrl(format!(
                "the URL holds a user name or password; take it out and set {USER_VAR} and {PASSWORD_VAR} (or {TOKEN_VAR}) instead"
            )));
        }
        if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) || authority.is_empty() {
            return Err(EndpointError::BadUrl(format!(
                "{url:?} is not an http or https URL; give one such as http://localhost:7878/store"
            )));
        }
        if url.contains('#') {
            return Err(EndpointError::BadUrl(format!("{url:?}: a URL with a #fragment cannot be an endpoint")));
        }
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(600)))
            .max_redirects(0)
            .user_agent(format!("relate/{}", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Ok(Endpoint {
            url: url.to_owned(),
            agent,
            credentials: Credentials::None,
            scheme: None,
            retries: 4,
            first_delay: Duration::from_millis(500),
        })
    }

    /// Sends these credentials.
    #[must_use]
    pub fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// Tries again this many times after a connection error or a 5xx/429 answer, waiting
    /// `first_delay`, then twice that, and so on.
    #[must_use]
    pub fn with_retries(mut self, retries: u32, first_delay: Duration) -> Self {
        self.retries = retries;
        self.first_delay = first_delay;
        self
    }

    /// The endpoint URL as given (it holds no credentials).
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Replaces graph `graph` at the endpoint with `body` (of media type `content_type`).
    ///
    /// # Errors
    /// See [`EndpointError`]; connection errors and 5xx answers are retried first.
    pub fn put(&mut self, graph: &str, content_type: &str, body: &[u8]) -> Result<(), EndpointError> {
        self.send(Method::Put, graph, Some((content_type, body))).map(|_| ())
    }

    /// Deletes graph `graph` at the endpoint; a graph that is not there counts as deleted.
    ///
    /// # Errors
    /// See [`EndpointError`].
    pub fn delete(&mut self, graph: &str) -> Result<(), EndpointError> {
        self.send(Method::Delete, graph, None).map(|_| ())
    }

    /// The request URL for one graph (`?graph=` with the IRI percent-encoded).
    #[must_use]
    pub fn graph_url(&self, graph: &str) -> String {
        let sep = if self.url.contains('?') { '&' } else { '?' };
        format!("{}{sep}graph={}", self.url, percent_encode(graph))
    }

    fn send(&mut self, method: Method, graph: &str, body: Option<(&str, &[u8])>) -> Result<u16, EndpointError> {
        let url = self.graph_url(graph);
        let target = request_target(&url);
        let mut attempt = 0;
        let mut challenges = 0;
        loop {
            attempt += 1;
            let auth = self.authorization(method, &target);
            let result = match (method, body) {
                (Method::Put, Some((ct, bytes))) => {
                    let mut r = self.agent.put(&url).header("Content-Type", ct);
                    if let Some(a) = &auth {
                        r = r.header("Authorization", a);
                    }
                    r.send(bytes)
                }
                _ => {
                    let mut r = self.agent.delete(&url);
                    if let Some(a) = &auth {
                        r = r.header("Authorization", a);
                    }
                    r.call()
                }
            };
            let (status, challenge, detail) = match result {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    let challenge = resp
                        .headers()
                        .get_all("www-authenticate")
                        .iter()
                        .filter_map(|v| v.to_str().ok())
                        .find_map(Challenge::parse);
                    let mut text = Vec::new();
                    let _ = resp.body_mut().as_reader().take(64 * 1024).read_to_end(&mut text);
                    let mut detail = summary(&String::from_utf8_lossy(&text));
                    if let Some(to) = resp.headers().get("location").and_then(|v| v.to_str().ok()) {
                        // redirects are not followed: a PUT must not change its target silently
                        detail = format!("it redirects to {to}");
                    }
                    (status, challenge, detail)
                }
                Err(e) if transient(&e) && attempt <= self.retries => {
                    self.pause(attempt);
                    continue;
                }
                Err(e) if transient(&e) => {
                    return Err(EndpointError::Unreachable {
                        endpoint: self.url.clone(),
                        attempts: attempt,
                        cause: cause(&e),
                    })
                }
                Err(e) => {
                    return Err(EndpointError::Unreachable {
                        endpoint: self.url.clone(),
                        attempts: attempt,
                        cause: cause(&e),
                    })
                }
            };
            match status {
                200..=299 => return Ok(status),
                404 if method == Method::Delete => return Ok(status),
                // a user and password are sent only once the server has said how it wants
                // them (a Basic password sent to a Digest server would travel in the clear):
                // answer a Digest challenge (twice at most, for a nonce that went stale), or
                // else send Basic once
                401 if matches!(self.credentials, Credentials::Password { .. }) && challenges < 2 => {
                    match challenge {
                        Some(c) => self.scheme = Some(Scheme::Digest(c, 0)),
                        None if self.scheme.is_none() => self.scheme = Some(Scheme::Basic),
                        None => return Err(EndpointError::Unauthorized { endpoint: self.url.clone(), status, detail }),
                    }
                    challenges += 1;
                    attempt -= 1;
                }
                401 => return Err(EndpointError::Unauthorized { endpoint: self.url.clone(), status, detail }),
                403 => return Err(EndpointError::Unauthorized { endpoint: self.url.clone(), status, detail }),
                300..=399 | 404 | 405 | 501 => {
                    return Err(EndpointError::NotGraphStore { endpoint: self.url.clone(), status, detail })
                }
                429 | 500..=599 if attempt <= self.retries => self.pause(attempt),
                429 | 500..=599 => {
                    return Err(EndpointError::ServerFailed {
                        endpoint: self.url.clone(),
                        status,
                        attempts: attempt,
                        detail,
                    })
                }
                _ => {
                    return Err(EndpointError::Refused {
                        endpoint: self.url.clone(),
                        graph: graph.to_owned(),
                        status,
                        detail,
                    })
                }
            }
        }
    }

    fn authorization(&mut self, method: Method, target: &str) -> Option<String> {
        match &self.credentials {
            Credentials::None => None,
            Credentials::Token(t) => Some(format!("Bearer {t}")),
            Credentials::Password { user, password } => match &mut self.scheme {
                None => None,
                Some(Scheme::Basic) => Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
                )),
                Some(Scheme::Digest(challenge, count)) => {
                    *count += 1;
                    let m = if method == Method::Put { "PUT" } else { "DELETE" };
                    Some(challenge.answer(user, password, m, target, *count, &cnonce(*count)))
                }
            },
        }
    }

    fn pause(&self, attempt: u32) {
        std::thread::sleep(self.first_delay.saturating_mul(1 << (attempt - 1).min(16)));
    }
}

/// Connection-level failures worth another try; others (a bad URL, TLS) are not.
fn transient(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Io(_)
            | ureq::Error::Timeout(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::HostNotFound
            | ureq::Error::Protocol(_)
            | ureq::Error::BodyStalled
    )
}

fn cause(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
        ureq::Error::Io(io) => io.to_string(),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::ConnectionFailed => "connection failed".into(),
        ureq::Error::Timeout(t) => format!("timed out ({t})"),
        other => other.to_string(),
    }
}

/// The path and query of an absolute URL (what Digest signs).
fn request_target(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    match rest.find(['/', '?']) {
        Some(i) if rest[i..].starts_with('/') => rest[i..].to_owned(),
        Some(i) => format!("/{}", &rest[i..]),
        None => "/".to_owned(),
    }
}

/// A client nonce: not a secret, only different per request.
fn cnonce(count: u32) -> String {
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("{:016x}", t ^ (u128::from(count) << 64) ^ u128::from(std::process::id()))
}

/// The server's answer body in one short line: tags dropped, spaces collapsed, cut at 200 chars.
fn summary(body: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut line = words.join(" ");
    if line.chars().count() > 200 {
        line = line.chars().take(200).collect::<String>() + "…";
    }
    if line.is_empty() {
        "no message".into()
    } else {
        line
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_urls_are_encoded() {
        let e = Endpoint::new("http://localhost:7878/store").unwrap();
        assert_eq!(
            e.graph_url("https://w3id.org/relate/id/graph/a b"),
            "http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Frelate%2Fid%2Fgraph%2Fa%20b"
        );
        let e = Endpoint::new("http://h/ds/data?x=1").unwrap();
        assert!(e.graph_url("g").starts_with("http://h/ds/data?x=1&graph=g"));
        assert_eq!(request_target("http://h:1/a/b?graph=g"), "/a/b?graph=g");
        assert_eq!(request_target("http://h:1?graph=g"), "/?graph=g");
    }

    #[test]
    fn urls_with_credentials_are_refused_without_being_echoed() {
        let e = Endpoint::new("http://dba:secret@localhost:8890/sparql-graph-crud-auth").unwrap_err();
        assert!(!e.to_string().contains("secret"), "{e}");
        assert!(Endpoint::new("localhost:7878/store").is_err());
        assert!(Endpoint::new("ftp://h/x").is_err());
        assert!(
            !format!("{:?}", Credentials::Password { user: "u".into(), password: "secret".into() }).contains("secret")
        );
    }

    #[test]
    fn server_messages_become_one_line() {
        assert_eq!(summary("<html><h1>403</h1>\n<xmp>denied\n for x</xmp></html>"), "403 denied for x");
        assert_eq!(summary(""), "no message");
    }
}
