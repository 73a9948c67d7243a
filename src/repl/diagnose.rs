//! Error messages people can act on. Oxigraph reports a syntax error as `error at L:C: expected
//! one of …` followed by every character class its parser tried; this keeps the position, shows
//! the line with a caret under the column, names an unknown prefix, and keeps only the keywords
//! from the expected list. Control characters from pasted junk are shown escaped.

/// Turns a SPARQL error message about `text` into one readable message (may span lines: the
/// offending line and a caret).
#[must_use]
pub fn sparql_error(text: &str, message: &str) -> String {
    let Some((line, col, rest)) = position(message) else {
        return printable(message);
    };
    let src = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let what = if rest.contains("Prefix not found") {
        let upto: String = src.chars().take(col.saturating_sub(1)).collect();
        let name = upto
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.' || c == ':'))
            .next()
            .and_then(|w| w.split_once(':'))
            .map(|(p, _)| p.to_owned())
            .unwrap_or_default();
        format!("unknown prefix {name}: (.prefixes lists the declared ones; declare one with .prefix {name}: <IRI>)")
    } else {
        let words = expected_words(rest);
        if words.is_empty() || words.len() > 10 {
            "syntax error".to_owned()
        } else {
            format!("syntax error, expected {}", words.join(", "))
        }
    };
    let shown: String = src.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let caret = " ".repeat(unicode_width::UnicodeWidthStr::width(
        shown.chars().take(col.saturating_sub(1)).collect::<String>().as_str(),
    ));
    format!("{what} at line {line}, column {col}\n  {}\n  {caret}^", printable(&shown))
}

/// The error with its message turned into a diagnosis of its query ([`sparql_error`]).
#[must_use]
pub fn diagnosed(e: crate::error::QueryError) -> crate::error::QueryError {
    let message = sparql_error(&e.query, &e.message);
    e.with_message(message)
}

/// `error at 3:18: rest` ▶ (3, 18, rest).
fn position(message: &str) -> Option<(usize, usize, &str)> {
    let after = &message[message.find("error at ")? + "error at ".len()..];
    let (line, after) = after.split_once(':')?;
    let (col, rest) = after.split_once(':')?;
    Some((line.trim().parse().ok()?, col.trim().parse().ok()?, rest.trim()))
}

/// The keywords in an `expected one of …` list, without character classes.
fn expected_words(rest: &str) -> Vec<String> {
    let list = rest.trim_start_matches("expected one of ").trim_start_matches("expected ");
    let mut plain = String::new();
    let mut depth = 0;
    let mut quoted = false;
    for c in list.chars() {
        match c {
            '\'' if depth > 0 => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted && depth > 0 => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let mut words: Vec<String> = plain
        .split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic() || c == '_') && *w != "Prefix not found")
        .map(str::to_owned)
        .collect();
    words.dedup();
    words
}

/// Escapes control characters so junk input cannot garble the terminal.
#[must_use]
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() && c != '\n' && c != '\t' { c.escape_default().to_string() } else { c.to_string() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_prefixes_are_named() {
        let m = sparql_error(
            "SELECT * WHERE { ?s foo:p ?o }",
            "error at 1:26: expected one of OPTIONAL, Prefix not found, ['%'], ['-' | '0' ..= '9'], [':']",
        );
        assert!(m.starts_with("unknown prefix foo: "), "{m}");
        assert!(
            m.contains("at line 1, column 26\n  SELECT * WHERE { ?s foo:p ?o }\n                           ^"),
            "{m}"
        );
    }

    #[test]
    fn expected_lists_keep_keywords_only() {
        let m = sparql_error(
            "SELECT ?x WHERE { ?x a rel:Person } LIMT 3",
            "error at 1:43: expected one of HAVING, OFFSET, OPTIONAL, VALUES",
        );
        assert!(m.starts_with("syntax error, expected HAVING, OFFSET, OPTIONAL, VALUES at line 1, column 43"), "{m}");
        assert_eq!(expected_words("expected one of LATERAL, SERVICE, [_], ['[' | ']']"), vec!["LATERAL", "SERVICE"]);
        assert_eq!(sparql_error("x", "something else \u{7}"), "something else \\u{7}");
    }
}
