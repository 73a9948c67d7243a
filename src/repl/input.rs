//! Is a statement complete? A statement runs when its braces, brackets, parentheses, quotes and
//! `<IRI>`s are balanced and it ends with `;` or is followed by a blank line. A line starting
//! with `.` is a dot-command and is complete on its own.

/// Scanner state after some text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Balance {
    pub depth: i32,
    pub in_string: Option<char>,
    pub long_string: bool,
    pub in_iri: bool,
}

/// Scans SPARQL text for open brackets and strings (comments skipped).
#[must_use]
pub fn balance(text: &str) -> Balance {
    let mut b = Balance::default();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(q) = b.in_string {
            if c == '\\' {
                i += 2;
                continue;
            }
            if b.long_string {
                if c == q && chars.get(i + 1) == Some(&q) && chars.get(i + 2) == Some(&q) {
                    b.in_string = None;
                    b.long_string = false;
                    i += 3;
                    continue;
                }
            } else if c == q {
                b.in_string = None;
            } else if c == '\n' {
                // a short string cannot span lines; treat as closed so the user sees the error
                b.in_string = None;
            }
            i += 1;
            continue;
        }
        if b.in_iri {
            if c == '>' {
                b.in_iri = false;
            } else if c.is_whitespace() {
                b.in_iri = false; // it was a comparison, not an IRI
            }
            i += 1;
            continue;
        }
        match c {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '"' | '\'' => {
                if chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c) {
                    b.in_string = Some(c);
                    b.long_string = true;
                    i += 3;
                    continue;
                }
                b.in_string = Some(c);
            }
            '<' => {
                let next = chars.get(i + 1).copied().unwrap_or(' ');
                if !next.is_whitespace() && next != '=' {
                    b.in_iri = true;
                }
            }
            '{' | '(' | '[' => b.depth += 1,
            '}' | ')' | ']' => b.depth -= 1,
            _ => {}
        }
        i += 1;
    }
    b
}

/// Is `buffer` (one or more lines) a complete statement?
#[must_use]
pub fn is_complete(buffer: &str) -> bool {
    let t = buffer.trim();
    if t.is_empty() || t.starts_with('.') {
        return true;
    }
    let b = balance(t);
    if b.in_string.is_some() || b.in_iri || b.depth > 0 {
        return false;
    }
    t.ends_with(';') || buffer.ends_with("\n\n") || buffer.ends_with("\n \n")
}

/// Removes the terminating `;`.
#[must_use]
pub fn strip_terminator(stmt: &str) -> &str {
    stmt.trim().trim_end_matches(';').trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_complete_on_semicolon_or_blank_line_when_balanced() {
        assert!(!is_complete("SELECT * WHERE {"));
        assert!(!is_complete("SELECT * WHERE { ?s ?p ?o }"));
        assert!(is_complete("SELECT * WHERE { ?s ?p ?o };"));
        assert!(is_complete("SELECT * WHERE { ?s ?p ?o }\n\n"));
        assert!(!is_complete("SELECT * WHERE { ?s ?p \"}\" ;"));
        assert!(!is_complete("SELECT * WHERE { ?s ?p ?o . FILTER(?o = \"a;\n"));
        assert!(is_complete("SELECT * WHERE { ?s ?p \"{\" };"));
        assert!(is_complete("SELECT * WHERE { ?s ?p ?o } # comment {\n;"));
        assert!(is_complete(".mode csv"));
    }

    #[test]
    fn iris_and_comparisons_are_told_apart() {
        assert_eq!(balance("FILTER(?a < 3)").depth, 0);
        assert!(!balance("FILTER(?a < 3)").in_iri);
        assert!(balance("?s <http://ex").in_iri);
    }
}
