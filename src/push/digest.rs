//! HTTP Digest authentication (RFC 7616 with MD5, the form RFC 2617 defined), the scheme
//! Virtuoso's authenticated Graph Store endpoint (`/sparql-graph-crud-auth`) asks for. Only
//! what a client needs: read a challenge, answer it. SHA-256 challenges are not supported: a
//! server that offers only those gets no answer and the request fails as unauthorised.

use md5::{Digest as _, Md5};

/// A server's `WWW-Authenticate: Digest …` challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// The protection space the credentials are for.
    pub realm: String,
    /// The server's nonce, echoed in the answer.
    pub nonce: String,
    /// The server's opaque value, echoed unchanged when given.
    pub opaque: Option<String>,
    /// The server offers `qop=auth` (then the answer carries a client nonce and a count).
    pub qop_auth: bool,
}

impl Challenge {
    /// Reads a `WWW-Authenticate` header value; `None` unless it is a Digest challenge with
    /// MD5 (or no algorithm named).
    #[must_use]
    pub fn parse(header: &str) -> Option<Challenge> {
        let rest = header.trim_start().strip_prefix("Digest").or_else(|| header.trim_start().strip_prefix("digest"))?;
        let params = params(rest);
        let get = |k: &str| params.iter().find(|(n, _)| n.eq_ignore_ascii_case(k)).map(|(_, v)| v.clone());
        if let Some(a) = get("algorithm") {
            if !a.eq_ignore_ascii_case("MD5") {
                return None;
            }
        }
        Some(Challenge {
            realm: get("realm").unwrap_or_default(),
            nonce: get("nonce")?,
            opaque: get("opaque"),
            qop_auth: get("qop").is_some_and(|q| q.split(',').any(|x| x.trim().eq_ignore_ascii_case("auth"))),
        })
    }

    /// The `Authorization` header value answering this challenge for one request.
    /// `uri` is the request target (path and query), `count` this nonce's use count (from 1).
    #[must_use]
    pub fn answer(&self, user: &str, password: &str, method: &str, uri: &str, count: u32, cnonce: &str) -> String {
        let ha1 = md5_hex(&format!("{user}:{}:{password}", self.realm));
        let ha2 = md5_hex(&format!("{method}:{uri}"));
        let nc = format!("{count:08x}");
        let mut h = format!(
            "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", algorithm=MD5",
            quote(user),
            quote(&self.realm),
            quote(&self.nonce),
            quote(uri)
        );
        if self.qop_auth {
            let response = md5_hex(&format!("{ha1}:{}:{nc}:{cnonce}:auth:{ha2}", self.nonce));
            h.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{}\", response=\"{response}\"", quote(cnonce)));
        } else {
            let response = md5_hex(&format!("{ha1}:{}:{ha2}", self.nonce));
            h.push_str(&format!(", response=\"{response}\""));
        }
        if let Some(o) = &self.opaque {
            h.push_str(&format!(", opaque=\"{}\"", quote(o)));
        }
        h
    }
}

fn md5_hex(s: &str) -> String {
    Md5::digest(s.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// `k=v, k="v, with comma"` pairs.
fn params(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == ',') {
            chars.next();
        }
        let name: String = chars.by_ref().take_while(|c| *c != '=').collect::<String>().trim().to_owned();
        if name.is_empty() {
            return out;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '"' => break,
                    _ => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.peek().copied().filter(|c| *c != ',') {
                value.push(c);
                chars.next();
            }
            value = value.trim().to_owned();
        }
        out.push((name, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_the_rfc_2617_example() {
        let c = Challenge::parse(
            r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#,
        )
        .unwrap();
        assert!(c.qop_auth);
        let h = c.answer("Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "0a4f113b");
        assert!(h.contains(r#"response="6629fae49393a05397450978507c4ef1""#), "{h}");
        assert!(h.contains("nc=00000001") && h.contains(r#"opaque="5ccc069c403ebaf9f0171e9517f40e41""#));
    }

    #[test]
    fn reads_virtuosos_challenge_and_refuses_others() {
        let c = Challenge::parse(r#"Digest realm="SPARQL", domain="/sparql-graph-crud-auth", nonce="f845", opaque="5ebe", stale="false", qop="auth", algorithm="MD5""#).unwrap();
        assert_eq!((c.realm.as_str(), c.nonce.as_str(), c.opaque.as_deref()), ("SPARQL", "f845", Some("5ebe")));
        assert!(Challenge::parse(r#"Basic realm="x""#).is_none());
        assert!(Challenge::parse(r#"Digest realm="x", nonce="n", algorithm=SHA-256"#).is_none());
    }
}
