//! A document: where it came from, its text, and that text cut into lines and sentences with
//! byte offsets. Saved HTML pages are reduced to their visible text first (headings, list items
//! and paragraphs on lines of their own, navigation, scripts and footers dropped), so every
//! offset refers to [`Document::text`]. Extraction lives in `loader`; this module only reads.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub mod html;

/// How the source was written, detected from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown (headings, lists).
    Markdown,
    /// HTML, reduced to its visible text.
    Html,
}

impl Format {
    /// The format's name in messages ("text", "markdown", "html").
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }
}

/// A document ready for extraction.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user gave it (shown in messages and stored as `rel:sourcePath`).
    pub source: String,
    /// The text every offset refers to.
    pub text: String,
    /// SHA-256 of the raw bytes, lowercase hex.
    pub sha256: String,
    /// How the source was written.
    pub format: Format,
    chars: CharIndex,
}

/// A list item marker at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// No marker.
    None,
    /// A bullet (`•`, `-`, `*`, `+`, `–`, ...).
    Bullet,
    /// A number of one to three digits and `.` or `)` (`1.`, `2)`).
    Number,
    /// A Markdown heading (`#`).
    Hash,
}

/// One non-empty line: content span (marker and surrounding blanks removed), indentation and marker.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// Byte offset in the text where the content starts.
    pub start: usize,
    /// Byte offset where it ends (trailing blanks excluded).
    pub end: usize,
    /// Leading blanks, in bytes.
    pub indent: usize,
    /// The list marker the line starts with.
    pub marker: Marker,
    /// A blank line comes before it.
    pub blank_before: bool,
    /// A blank line comes after it.
    pub blank_after: bool,
}

impl Document {
    /// Reads a document from a file.
    ///
    /// # Errors
    /// The file cannot be read, is not UTF-8 text, or is empty.
    pub fn from_path(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
        Self::from_bytes(&path.display().to_string(), &bytes)
    }

    /// Reads a document from bytes; `source` names it in messages.
    ///
    /// # Errors
    /// The bytes are not UTF-8 text, or hold no text.
    pub fn from_bytes(source: &str, bytes: &[u8]) -> Result<Self> {
        let path = || std::path::PathBuf::from(source);
        if bytes.contains(&0) {
            return Err(Error::NotText { path: path() });
        }
        let raw = std::str::from_utf8(bytes).map_err(|_| Error::NotText { path: path() })?;
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        if raw.trim().is_empty() {
            return Err(Error::Empty { path: path() });
        }
        let sha256 = sha256_hex(bytes);
        let format = detect_format(raw);
        let text = match format {
            Format::Html => html::visible_text(raw),
            Format::Markdown => unwrap(markdown_text(&raw.replace("\r\n", "\n"))),
            Format::Text => unwrap(raw.replace("\r\n", "\n")),
        };
        if text.trim().is_empty() {
            return Err(Error::Empty { path: path() });
        }
        let chars = CharIndex::new(&text);
        Ok(Document { source: source.to_owned(), text, sha256, format, chars })
    }

    /// Character (Unicode scalar) offset of a byte offset.
    #[must_use]
    pub fn char_offset(&self, byte: usize) -> usize {
        self.chars.char_at(byte)
    }

    /// The non-empty lines of the text.
    #[must_use]
    pub fn lines(&self) -> Vec<Line> {
        lines_of(&self.text)
    }

    /// The text of a span.
    #[must_use]
    pub fn slice(&self, start: usize, end: usize) -> &str {
        &self.text[start..end]
    }
}

fn lines_of(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut pos = 0;
    let mut blank = true;
    for raw in text.split_inclusive('\n') {
        let line_start = pos;
        pos += raw.len();
        let body = raw.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            if let Some(last) = out.last_mut() {
                last.blank_after = true;
            }
            blank = true;
            continue;
        }
        let indent = body.len() - body.trim_start().len();
        let rest = body.trim_start();
        let (marker, skip) = marker_of(rest);
        let content = rest[skip..].trim_start();
        let start = line_start + indent + (rest.len() - content.len());
        let end = line_start + body.trim_end().len();
        out.push(Line { start, end: end.max(start), indent, marker, blank_before: blank, blank_after: false });
        blank = false;
    }
    out
}

/// Joins the lines of a hard-wrapped text back into its paragraphs, each break of the width
/// made a space (so every offset stays). A text is wrapped when at least three of its lines come
/// within 15 characters of its longest, which is 40 to 100 characters long, and half of those
/// stop mid-phrase (in a word in lowercase or a comma); a line then goes on
/// in the next when the next one's first word would not have fitted after it (the break was the
/// width's, not the writer's) or it came within 15 characters of the width and stopped
/// mid-phrase, neither has a list marker, no blank line parts them, and the line does not end
/// with a colon.
fn unwrap(mut text: String) -> String {
    let lines = lines_of(&text);
    let width = |l: &Line| text[l.start..l.end].chars().count() + l.indent;
    let w = lines.iter().map(width).max().unwrap_or(0);
    let starts_lower = |l: &Line| text[l.start..l.end].starts_with(char::is_lowercase);
    let ends_mid_phrase = |l: &Line| {
        let t = &text[l.start..l.end];
        t.ends_with(',') || t.rsplit(' ').next().is_some_and(|w| w.starts_with(char::is_lowercase))
    };
    // (a list of long lines, "Name, Title, Organisation", ends its lines with names: not wrapped)
    let full: Vec<&Line> = lines.iter().filter(|l| width(l) + 15 >= w).collect();
    let mid = full.iter().filter(|l| ends_mid_phrase(l)).count();
    if !(40..=100).contains(&w) || full.len() < 3 || mid * 2 < full.len() {
        return text;
    }
    let mut breaks = Vec::new();
    for (p, l) in lines.iter().zip(lines.iter().skip(1)) {
        let first_word = text[l.start..l.end].split_whitespace().next().map_or(0, |x| x.chars().count());
        let goes_on = !p.blank_after
            && p.marker == Marker::None
            && l.marker == Marker::None
            && l.indent <= p.indent
            && !text[p.start..p.end].ends_with(':')
            && (width(p) + 1 + first_word > w || width(p) + 15 >= w && (starts_lower(l) || ends_mid_phrase(p)));
        if goes_on {
            breaks.push((p.end, l.start));
        }
    }
    for (a, b) in breaks {
        // SAFETY of the byte edit: only ASCII newlines become ASCII spaces
        let gap: String = text[a..b].chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
        text.replace_range(a..b, &gap);
    }
    text
}

fn marker_of(rest: &str) -> (Marker, usize) {
    for b in ["•", "◦", "▪", "‣", "·", "- ", "* ", "+ ", "– "] {
        if rest.starts_with(b) && rest.len() > b.len() {
            return (Marker::Bullet, b.len());
        }
    }
    if rest.starts_with('#') {
        let hashes = rest.chars().take_while(|&c| c == '#').count();
        if hashes <= 6 && rest[hashes..].starts_with(' ') {
            return (Marker::Hash, hashes);
        }
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let after = &rest[digits..];
        if (after.starts_with(". ") || after.starts_with(") ")) && after.len() > 2 {
            return (Marker::Number, digits + 1);
        }
    }
    (Marker::None, 0)
}

fn detect_format(raw: &str) -> Format {
    let head: String = raw.trim_start().chars().take(2000).collect::<String>().to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<')
            && ["<body", "<div", "<p>", "<p ", "<h1", "<ul", "<head"].iter().any(|t| head.contains(t)))
    {
        return Format::Html;
    }
    let md = raw.lines().take(200).filter(|l| {
        let t = l.trim_start();
        (t.starts_with("# ") || t.starts_with("## ") || t.starts_with("### "))
            || t.contains("](")
            || t.starts_with("**")
    });
    if md.count() >= 1 {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Markdown ▶ the text a reader sees: emphasis marks, link targets, images and code ticks go;
/// headings (`#`) and list markers stay, because they carry the page's structure.
fn markdown_text(raw: &str) -> String {
    use regex::Regex;
    use std::sync::LazyLock;
    static IMAGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"!\[[^\]]*\]\([^)]*\)").expect("static regex"));
    static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("static regex"));
    static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\*\*|__|`)").expect("static regex"));
    static SINGLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(^|[^\w*])\*([^*\s][^*]*)\*").expect("static regex"));
    let mut out = String::with_capacity(raw.len());
    for line in raw.split_inclusive('\n') {
        // a table row is a line of its cells, "Name, Role, Organisation", as an HTML table's
        // is; the line under the header row goes, so the header stays with its rows
        let t = line.trim();
        if t.starts_with('|') && t.ends_with('|') && t.len() > 1 {
            let cells: Vec<&str> = t[1..t.len() - 1].split('|').map(str::trim).collect();
            if !cells.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
                let row = cells.iter().filter(|c| !c.is_empty()).copied().collect::<Vec<_>>().join(", ");
                out.push_str(&EMPHASIS.replace_all(&LINK.replace_all(&row, "$1"), ""));
                out.push('\n');
            }
            continue;
        }
        let l = IMAGE.replace_all(line, "");
        let l = LINK.replace_all(&l, "$1");
        let l = EMPHASIS.replace_all(&l, "");
        // "*word*" is emphasis; "* item" at the start of a line is a list marker
        let indent = l.len() - l.trim_start().len();
        let (head, body) = l.split_at(indent);
        let (marker, body) = if body.starts_with("* ") { body.split_at(2) } else { ("", body) };
        out.push_str(head);
        out.push_str(marker);
        out.push_str(&SINGLE.replace_all(body, "$1$2"));
    }
    out
}

/// The SHA-256 of a document's bytes, in lowercase hex: what `rel:contentSha256` records.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Byte ▶ character offsets in O(log n): remembers where multi-byte characters start.
#[derive(Debug, Clone, Default)]
struct CharIndex {
    /// (byte offset just after a multi-byte char, extra bytes so far)
    marks: Vec<(usize, usize)>,
}

impl CharIndex {
    fn new(text: &str) -> Self {
        let mut marks = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            let n = c.len_utf8();
            if n > 1 {
                extra += n - 1;
                marks.push((i + n, extra));
            }
        }
        CharIndex { marks }
    }

    fn char_at(&self, byte: usize) -> usize {
        let idx = self.marks.partition_point(|&(b, _)| b <= byte);
        let extra = if idx == 0 { 0 } else { self.marks[idx - 1].1 };
        byte - extra
    }
}

/// Splits `text[start..end]` into sentences; returns byte spans (trimmed).
#[must_use]
pub fn sentences(text: &str, start: usize, end: usize, abbreviations: &dyn Fn(&str) -> bool) -> Vec<(usize, usize)> {
    let s = &text[start..end];
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut begin = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'?' | b'!') {
            // closing quotes/brackets belong to the sentence
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            if s[j..].starts_with('”') {
                j += '”'.len_utf8();
            }
            let at_end = j >= bytes.len();
            let followed = !at_end && bytes[j].is_ascii_whitespace() && {
                let next = s[j..].trim_start();
                next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '“' || c == '(')
            };
            if at_end || (followed && (b != b'.' || !is_abbreviation(s, i, abbreviations))) {
                push_trimmed(s, start, begin, j, &mut out);
                begin = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(s, start, begin, bytes.len(), &mut out);
    out
}

fn push_trimmed(s: &str, offset: usize, a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &s[a..b];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push((offset + a + lead, offset + a + lead + trimmed.len()));
    }
}

/// Is the period at `dot` the end of an abbreviation or initial rather than of a sentence?
fn is_abbreviation(s: &str, dot: usize, abbreviations: &dyn Fn(&str) -> bool) -> bool {
    let before = &s[..dot];
    let word_start = before.rfind(|c: char| c.is_whitespace() || c == '(' || c == '"').map_or(0, |p| p + 1);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // single initials ("Jane Q. Rivera") and dotted abbreviations ("U.S.", "M.D.")
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    if word.contains('.') && word.len() <= 6 {
        return true;
    }
    // "HollowaySept." where table cells ran together: the glued abbreviation counts
    let tail = word.char_indices().rev().find(|(_, c)| c.is_uppercase()).map_or(word, |(i, _)| &word[i..]);
    abbreviations(word) || (tail.len() < word.len() && abbreviations(tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbr(w: &str) -> bool {
        matches!(w, "Dr" | "Mr" | "Mrs")
    }

    #[test]
    fn splits_sentences_but_not_at_initials_or_titles() {
        let t = "Dr. Jane Q. Rivera leads. He works at the U.S. Department of Rural Affairs. Done!";
        let spans = sentences(t, 0, t.len(), &abbr);
        let got: Vec<&str> = spans.iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["Dr. Jane Q. Rivera leads.", "He works at the U.S. Department of Rural Affairs.", "Done!"]);
    }

    #[test]
    fn char_offsets_count_multibyte_characters_once() {
        let d = Document::from_bytes("x", "é • ab".as_bytes()).unwrap();
        let b = d.text.find("ab").unwrap();
        assert_eq!(d.char_offset(b), 4);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined_but_lists_of_long_lines_are_not() {
        let wrapped = "Ada Lomax Quell was named chief executive of the Tarrow Harbour\n\
                       Board in 2004, where she led its planning, management and\n\
                       technology work as chair. Before joining the board in 1999, she\n\
                       was a member of the research staff at the Northport Laboratory\n\
                       and held posts at two firms.\n\n\
                       Board members:\nJo Roe\nAl Lee\n";
        let d = Document::from_bytes("w.txt", wrapped.as_bytes()).unwrap();
        assert_eq!(d.text.len(), wrapped.len(), "offsets stay");
        let l = d.lines();
        assert_eq!(l.len(), 4, "{:?}", l.iter().map(|x| d.slice(x.start, x.end)).collect::<Vec<_>>());
        assert!(d.slice(l[0].start, l[0].end).contains("Tarrow Harbour Board in 2004"));
        let roster = "Jane Roe, Chief Executive Officer, Tarrow Harbour Board\n\
                      Alan Lee, Deputy Director, Northport Laboratory of Physics\n\
                      Ivo Brant, Senior Vice President, Harrow Savings Bank\n\
                      Ann Quell, Treasurer, Tarrow Harbour Board of Trustees\n";
        let d = Document::from_bytes("r.txt", roster.as_bytes()).unwrap();
        assert_eq!(d.lines().len(), 4);
    }

    #[test]
    fn lines_know_markers_and_indent() {
        let d =
            Document::from_bytes("x", "Title\n\n  • Chief.\n    • Org, 1998-2019.\n  1. Item\n".as_bytes()).unwrap();
        let l = d.lines();
        assert_eq!(l.len(), 4);
        assert_eq!(l[1].marker, Marker::Bullet);
        assert!(l[2].indent > l[1].indent);
        assert_eq!(d.slice(l[2].start, l[2].end), "Org, 1998-2019.");
        assert_eq!(l[3].marker, Marker::Number);
        assert_eq!(d.slice(l[3].start, l[3].end), "Item");
    }

    #[test]
    fn markdown_keeps_structure_and_drops_markup() {
        let d = Document::from_bytes(
            "x.md",
            b"# Title\n\n* **Chair**, [Some Panel](http://x.org), 2001.\n\nAn *emphasised* `word` ![logo](l.png).\n",
        )
        .unwrap();
        assert_eq!(d.format, Format::Markdown);
        assert_eq!(d.text, "# Title\n\n* Chair, Some Panel, 2001.\n\nAn emphasised word .\n");
        assert_eq!(d.lines()[1].marker, Marker::Bullet);
    }

    #[test]
    fn rejects_binary_and_empty_input() {
        assert!(matches!(Document::from_bytes("b", &[0, 159, 146, 150]), Err(Error::NotText { .. })));
        assert!(matches!(Document::from_bytes("e", b"  \n"), Err(Error::Empty { .. })));
    }
}
