//! Where statements begin and end. A statement runs when its braces, brackets, parentheses,
//! quotes and `<IRI>`s are balanced and it ends with `;` (outside comments) or is followed by a
//! blank line. A line starting with `.` at the start of a statement is a dot-command and is
//! complete on its own. Typed lines, `.read` files, `-c` arguments and piped scripts all go
//! through the same [`Splitter`].

/// Scanner state after some text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Balance {
    /// Open `{`, `(` and `[` minus closed ones.
    pub depth: i32,
    /// The quote character of an open string.
    pub in_string: Option<char>,
    /// The open string is a `"""` or `'''` one (it may span lines).
    pub long_string: bool,
    /// Inside `<…>` that looks like an IRI.
    pub in_iri: bool,
    /// The last character outside strings, IRIs and comments, ignoring whitespace.
    pub last: Option<char>,
}

impl Balance {
    /// Is something still open (a bracket, a string or an IRI)?
    #[must_use]
    pub fn open(&self) -> bool {
        self.depth > 0 || self.in_string.is_some() || self.in_iri
    }
}

/// Walks SPARQL text, skipping strings, IRIs and comments, and calls `f` with the byte offset
/// of each other character and the bracket depth before it.
fn scan(text: &str, mut f: impl FnMut(usize, char, i32)) -> Balance {
    let mut b = Balance::default();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut i = 0;
    let mut iri_start = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if let Some(q) = b.in_string {
            if c == '\\' {
                i += 2;
                continue;
            }
            if b.long_string {
                if c == q && at(i + 1) == Some(q) && at(i + 2) == Some(q) {
                    b.in_string = None;
                    b.long_string = false;
                    i += 3;
                    continue;
                }
            } else if c == q || c == '\n' {
                // a short string cannot span lines: end it here and let the parser complain
                b.in_string = None;
            }
            i += 1;
            continue;
        }
        if b.in_iri {
            if c == '>' {
                b.in_iri = false;
            } else if c.is_whitespace() || "<\"{}|^`\\".contains(c) {
                // not an IRI after all but a comparison (`?a<3)`): read it again as code
                b.in_iri = false;
                i = iri_start + 1;
                continue;
            }
            i += 1;
            continue;
        }
        match c {
            '#' => {
                while i < chars.len() && chars[i].1 != '\n' {
                    i += 1;
                }
                continue;
            }
            '"' | '\'' => {
                b.last = Some(c);
                if at(i + 1) == Some(c) && at(i + 2) == Some(c) {
                    b.in_string = Some(c);
                    b.long_string = true;
                    i += 3;
                    continue;
                }
                b.in_string = Some(c);
            }
            '<' => {
                b.last = Some(c);
                let next = at(i + 1).unwrap_or(' ');
                if !next.is_whitespace() && next != '=' {
                    b.in_iri = true;
                    iri_start = i;
                }
            }
            c if c.is_whitespace() => {}
            c => {
                f(chars[i].0, c, b.depth);
                b.last = Some(c);
                match c {
                    '{' | '(' | '[' => b.depth += 1,
                    '}' | ')' | ']' => b.depth -= 1,
                    _ => {}
                }
            }
        }
        i += 1;
    }
    b
}

/// Scans SPARQL text for open brackets, strings and IRIs (comments skipped).
#[must_use]
pub fn balance(text: &str) -> Balance {
    scan(text, |_, _, _| {})
}

/// Is `buffer` (one or more lines) a complete statement?
#[must_use]
pub fn is_complete(buffer: &str) -> bool {
    let t = buffer.trim();
    if t.is_empty() || t.starts_with('.') {
        return true;
    }
    let b = balance(buffer);
    if b.open() {
        return false;
    }
    b.last == Some(';') || ends_with_blank_line(buffer)
}

fn ends_with_blank_line(buffer: &str) -> bool {
    let mut lines = buffer.trim_end_matches([' ', '\t', '\r']).rsplit('\n');
    // "a\n\n" splits into "", "", "a": the last line is empty and so is the one before it
    buffer.contains('\n')
        && lines.next().is_some_and(str::is_empty)
        && lines.next().is_some_and(|l| l.trim().is_empty())
}

/// Removes the terminating `;`.
#[must_use]
pub fn strip_terminator(stmt: &str) -> &str {
    stmt.trim().trim_end_matches(';').trim_end()
}

/// Does the text hold nothing but whitespace, comments and `;`?
#[must_use]
pub fn is_blank(text: &str) -> bool {
    let mut any = false;
    let b = scan(text, |_, c, _| any |= c != ';');
    !any && b.in_string.is_none() && !b.in_iri
}

pub use crate::update::{is_query, keyword};

/// Splits complete text at top-level `;`. Queries stand alone; consecutive update operations
/// stay together, since `;` separates the operations of one SPARQL update request.
#[must_use]
pub fn split_statements(text: &str) -> Vec<String> {
    let mut cuts = Vec::new();
    scan(text, |i, c, depth| {
        if c == ';' && depth <= 0 {
            cuts.push(i + 1);
        }
    });
    let mut pieces = Vec::new();
    let mut from = 0;
    for cut in cuts.into_iter().chain(std::iter::once(text.len())) {
        pieces.push(&text[from..cut]);
        from = cut;
    }
    let mut out: Vec<String> = Vec::new();
    let mut update = false;
    for p in pieces {
        if is_blank(p) {
            if let Some(last) = out.last_mut() {
                last.push_str(p);
            }
            continue;
        }
        let query = is_query(p);
        match out.last_mut() {
            Some(last) if update && !query => last.push_str(p),
            _ => out.push(p.to_owned()),
        }
        update = !query;
    }
    out.into_iter().map(|s| s.trim().to_owned()).filter(|s| !is_blank(s)).collect()
}

/// Gathers lines into statements.
///
/// # Examples
/// ```
/// use relate::repl::input::Splitter;
/// let mut s = Splitter::default();
/// assert!(s.push("SELECT * WHERE {").is_empty());
/// assert!(s.pending());
/// assert_eq!(s.push("?s ?p ?o };"), vec!["SELECT * WHERE {\n?s ?p ?o };".to_owned()]);
/// assert_eq!(s.push(".mode csv"), vec![".mode csv".to_owned()]);
/// ```
#[derive(Debug, Default, Clone)]
pub struct Splitter {
    buf: String,
}

impl Splitter {
    /// Feeds one line (without its newline); returns the statements it completes, in order.
    pub fn push(&mut self, line: &str) -> Vec<String> {
        let line = line.trim_end_matches('\r');
        if is_blank(&self.buf) {
            // nothing but comments so far: a dot-command may still start here
            self.buf.clear();
            if line.trim_start().starts_with('.') {
                return vec![line.trim().to_owned()];
            }
            if line.trim().is_empty() {
                return Vec::new();
            }
        }
        self.buf.push_str(line);
        self.buf.push('\n');
        let b = balance(&self.buf);
        if b.open() || !(b.last == Some(';') || line.trim().is_empty()) {
            return Vec::new();
        }
        let text = std::mem::take(&mut self.buf);
        split_statements(&text)
    }

    /// Does the buffer hold the start of a statement (show the continuation prompt)?
    #[must_use]
    pub fn pending(&self) -> bool {
        !is_blank(&self.buf)
    }

    /// Forgets the statement being typed (Ctrl-C).
    pub fn clear(&mut self) {
        self.buf.clear();
    }

    /// End of input: the statements left (a last one need not end with `;`), or the first line
    /// of a statement whose brackets or quotes are still open.
    ///
    /// # Errors
    /// The last statement is incomplete; the error holds its first line.
    pub fn finish(&mut self) -> Result<Vec<String>, String> {
        let text = std::mem::take(&mut self.buf);
        if is_blank(&text) {
            return Ok(Vec::new());
        }
        if balance(&text).open() {
            return Err(text.trim().lines().next().unwrap_or("").to_owned());
        }
        Ok(split_statements(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(lines: &[&str]) -> (Vec<String>, Splitter) {
        let mut s = Splitter::default();
        let out = lines.iter().flat_map(|l| s.push(l)).collect();
        (out, s)
    }

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
        assert!(!is_complete("SELECT * WHERE { ?s ?p ?o } # done;"));
        assert!(is_complete(".mode csv"));
    }

    #[test]
    fn iris_and_comparisons_are_told_apart() {
        assert_eq!(balance("FILTER(?a < 3)").depth, 0);
        assert!(!balance("FILTER(?a < 3)").in_iri);
        assert!(balance("?s <http://ex").in_iri);
        assert!(!balance("FILTER(?a<3)\n").open());
        assert!(!balance("FILTER(?a<?b)\n").open());
    }

    #[test]
    fn long_strings_span_lines_and_blank_lines_inside_them() {
        let (out, s) = feed(&["INSERT DATA { <urn:a> <urn:b> \"\"\"one", "", "two\"\"\" }", ""]);
        assert_eq!(out, vec!["INSERT DATA { <urn:a> <urn:b> \"\"\"one\n\ntwo\"\"\" }".to_owned()]);
        assert!(!s.pending());
    }

    #[test]
    fn blank_line_inside_braces_does_not_end_a_statement() {
        let (out, s) = feed(&["SELECT * WHERE {", "", "?s ?p ?o", "}", ""]);
        assert_eq!(out.len(), 1);
        assert!(out[0].ends_with('}'));
        assert!(!s.pending());
    }

    #[test]
    fn queries_on_one_line_are_split_but_update_operations_stay_together() {
        let (out, _) = feed(&["ASK {}; SELECT * WHERE { ?s ?p ?o };"]);
        assert_eq!(out, vec!["ASK {};".to_owned(), "SELECT * WHERE { ?s ?p ?o };".to_owned()]);
        let (out, _) = feed(&["INSERT DATA { <urn:a> <urn:b> 1 } ; DELETE DATA { <urn:a> <urn:b> 2 };"]);
        assert_eq!(out.len(), 1);
        let (out, _) = feed(&["INSERT DATA { <urn:a> <urn:b> 1 }; ASK {};"]);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn dot_commands_only_start_statements() {
        let (out, s) = feed(&["SELECT ?x WHERE {", ".5 is not a command here", "}"]);
        assert!(out.is_empty());
        assert!(s.pending());
        let (out, _) = feed(&["  .mode csv  ", "# a comment", "", ";"]);
        assert_eq!(out, vec![".mode csv".to_owned()]);
        let (out, _) = feed(&["# a comment", ".mode csv"]);
        assert_eq!(out, vec![".mode csv".to_owned()]);
    }

    #[test]
    fn end_of_input_runs_a_last_balanced_statement_and_reports_an_open_one() {
        let (_, mut s) = feed(&["ASK {}"]);
        assert_eq!(s.finish(), Ok(vec!["ASK {}".to_owned()]));
        let (_, mut s) = feed(&["SELECT * WHERE {", "?s ?p ?o"]);
        assert_eq!(s.finish(), Err("SELECT * WHERE {".to_owned()));
        assert!(!s.pending());
    }

    #[test]
    fn keywords_skip_the_prologue() {
        assert_eq!(keyword("PREFIX ex: <http://e/> # c\n select ?x {}"), "SELECT");
        assert!(is_query("# comment\nASK {}"));
        assert!(!is_query("DELETE WHERE { ?s ?p ?o }"));
        assert!(is_blank("  # only a comment\n ; "));
    }
}
