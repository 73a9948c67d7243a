//! Headed sections and list items: profile pages, rosters, CV-like lines. Each item is cut into
//! comma-separated segments (years, role, award, organisation, degree) and read with its parent
//! item, so "Chief information officer." over "Saint Alder Valley Medical Center, 1998-2019."
//! is one position, and "Lifetime achievement award, 2015." under a society is that society's
//! award. Lines that are page furniture (noise sections and phrases) are marked so no loader
//! reads them.

use super::mention::{self, MentionKind};
use super::resolve::Context;
use super::time::{self, When};
use super::{EntityId, Fact};
use crate::document::{Line, Marker};
use crate::lexicon::{fold, SectionKind};

/// How a line is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRole {
    /// Page furniture, or a line of a section that is noise: not read.
    Noise,
    /// A heading.
    Heading,
    /// A list item.
    Item,
    /// A paragraph.
    Paragraph,
}

/// Classifies every line: noise (furniture and noise sections), heading, list item, paragraph.
#[must_use]
pub fn roles(cx: &Context, lines: &[Line]) -> (Vec<LineRole>, Vec<Option<SectionKind>>) {
    let mut out = Vec::with_capacity(lines.len());
    let mut sections = Vec::with_capacity(lines.len());
    let mut section: Option<SectionKind> = None;
    for (i, l) in lines.iter().enumerate() {
        let t = cx.doc.slice(l.start, l.end).trim();
        let words = t.split_whitespace().count();
        let next_item = lines.get(i + 1).is_some_and(|n| n.marker != Marker::None && n.marker != Marker::Hash);
        let is_title = i < 4 && cx.title.as_deref() == Some(t);
        // "Chief Digital Officer, Bayview Health" under a name is a post, not a heading
        let post_line = {
            let segs = segments(t);
            segs.len() >= 2 && role_head(cx, &t[segs[0].0..segs[0].1]).is_some()
        };
        // (the page's title is a heading, even one that reads like a post: "Senate confirms USGS
        // Director, NASA Administrator")
        let headline = is_title && !looks_like_person_name(cx, &t[segments(t)[0].0..segments(t)[0].1]);
        let heading = headline
            || !post_line
                && (is_title
                    || l.marker == Marker::Hash
                    || (l.marker == Marker::None
                        && l.blank_before
                        && (l.blank_after || next_item)
                        && words <= 6
                        && !t.ends_with('.')
                        && !t.ends_with(',')
                        && time::years(t).is_empty()));
        if heading {
            let h = t.to_lowercase();
            let noise_word = cx
                .lex
                .sections
                .iter()
                .any(|(k, kind)| *kind == SectionKind::Noise && (h == *k || h.ends_with(&format!(" {k}"))));
            let kind = cx.lex.section(t).or(if noise_word { Some(SectionKind::Noise) } else { None });
            match kind {
                Some(k) => section = Some(k),
                None if section == Some(SectionKind::Noise) => {}
                None => section = None,
            }
            out.push(if section == Some(SectionKind::Noise) { LineRole::Noise } else { LineRole::Heading });
            sections.push(section);
            continue;
        }
        sections.push(section);
        if section == Some(SectionKind::Noise) || cx.lex.is_noise_line(t) {
            out.push(LineRole::Noise);
            continue;
        }
        let abbr = |w: &str| cx.lex.abbreviations.contains(w) || cx.lex.honorifics.contains(&fold(w));
        // a long item without a closing period is still an item ("Name, Nominee for Assistant
        // Secretary of X for Y, Z, and W, Department of V"); one of clauses set off by periods or
        // semicolons is read as sentences
        let long = if t.ends_with('.') || t.contains(';') { words > 16 } else { words > 30 };
        let sentence_like = long || crate::document::sentences(t, 0, t.len(), &abbr).len() >= 2;
        if (l.marker != Marker::None && !sentence_like)
            || (l.marker == Marker::None
                && words <= 12
                && !t.ends_with('.')
                && !t.ends_with(':')
                && segments(t).len() >= 2
                && !l.blank_before.then_some(()).is_some_and(|()| l.blank_after && i == 0))
        {
            out.push(LineRole::Item);
        } else {
            out.push(LineRole::Paragraph);
        }
    }
    (out, sections)
}

/// "ABC Member Terms:" (or "Board terms:", "Council membership terms of service:") over
/// "Term 1: 1/2018 – 12/2020" lines: the organisation's line and its term lines.
#[derive(Debug, Clone)]
pub struct TermBlock {
    heading: usize,
    org: String,
    /// Each term's line and dates.
    terms: Vec<(usize, time::Span)>,
}

static TERMS_HEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^(.+?)\s+(?:member(?:ship)?\s+)?terms?(?:\s+of\s+(?:service|office|appointment))?\s*:?$")
        .expect("static regex")
});
static TERM_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?:term\s*\d*|\d+(?:st|nd|rd|th)\s+term|first\s+term|second\s+term|third\s+term)\s*[:.-]?\s+(.+)$",
    )
    .expect("static regex")
});

/// Finds the term blocks: a line naming an organisation's (member) terms, directly followed by
/// lines each giving one term's dates.
#[must_use]
pub fn term_blocks(cx: &Context, lines: &[Line]) -> Vec<TermBlock> {
    let text = |i: usize| cx.doc.slice(lines[i].start, lines[i].end).trim();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(org) = TERMS_HEADING.captures(text(i)).and_then(|c| c.get(1)).map(|m| m.as_str().trim().to_owned())
        else {
            i += 1;
            continue;
        };
        let mut terms = Vec::new();
        let mut j = i + 1;
        while let Some(span) =
            lines.get(j).and_then(|_| TERM_LINE.captures(text(j))).and_then(|c| time::span(c.get(1)?.as_str()))
        {
            terms.push((j, span));
            j += 1;
        }
        if terms.is_empty() || org.split_whitespace().count() > 12 {
            i += 1;
            continue;
        }
        out.push(TermBlock { heading: i, org, terms });
        i = j;
    }
    out
}

/// Reads term blocks: the subject's membership of the organisation, one a term, with the
/// term's dates. The evidence runs from the organisation's line to the term's.
pub fn read_terms(cx: &mut Context, lines: &[Line], blocks: &[TermBlock]) {
    let Some(subject) = cx.subject else { return };
    for b in blocks {
        let Some(org) = org_in(cx, &b.org) else { continue };
        for &(t, span) in &b.terms {
            cx.add(
                Fact::Membership {
                    member: subject,
                    org,
                    role: Some("member".into()),
                    since: span.start,
                    until: span.end,
                },
                lines[b.heading].start,
                lines[t].end,
                "list.member-term",
            );
        }
    }
}

/// The lines of term blocks, so no other reader takes them.
#[must_use]
pub fn term_lines(blocks: &[TermBlock]) -> Vec<usize> {
    blocks.iter().flat_map(|b| std::iter::once(b.heading).chain(b.terms.iter().map(|t| t.0))).collect()
}

/// A piece of an item between commas.
#[derive(Debug, Clone)]
struct Seg {
    start: usize,
    end: usize,
    text: String,
}

/// Splits an item at top-level commas and trailing years; returns relative byte spans.
fn segments(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut begin = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            // "Jo Roe, of Ohio [CEO, Acme]": square brackets set fields apart as commas do
            ',' | ';' | '[' | ']' if depth <= 0 => {
                out.push((begin, i));
                begin = i + 1;
            }
            // "2014–present: Professor, ...": years before a colon are a segment of their own
            ':' if depth <= 0 && is_years(text[begin..i].trim()) => {
                out.push((begin, i));
                begin = i + 1;
            }
            _ => {}
        }
    }
    out.push((begin, text.len()));
    out.into_iter()
        .map(|(a, b)| {
            let s = &text[a..b];
            let lead = s.len() - s.trim_start().len();
            let t = super::resolve::strip_period(s.trim()).trim_end();
            (a + lead, a + lead + t.len())
        })
        .filter(|(a, b)| b > a)
        .collect()
}

/// A list in semicolons: the length of its opening and the spans of its pieces.
pub type SemicolonList = (usize, Vec<(usize, usize)>);

/// A sentence that is a list in semicolons: its opening's length (through its colon, when the
/// first piece follows one) and the spans of its pieces, "and" and the final stop left out.
/// `None` unless it has three pieces or more, at the top level (not inside brackets).
#[must_use]
pub fn semicolon_list(text: &str) -> Option<SemicolonList> {
    let mut depth = 0usize;
    let mut cuts = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => cuts.push(i),
            _ => {}
        }
    }
    if cuts.len() < 2 {
        return None;
    }
    // "... the following individuals: Jo Roe, Director of O; ...": the list starts after the colon
    // (else the opening is the first piece's place: "LEE, Al Bo, a Senator from Ohio; born ...")
    let colon = text[..cuts[0]].rfind(": ").map(|c| c + 1);
    let opening = colon.unwrap_or(cuts[0]);
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    if let Some(c) = colon {
        bounds.push((c, cuts[0]));
    }
    for (k, &c) in cuts.iter().enumerate() {
        bounds.push((c + 1, cuts.get(k + 1).copied().unwrap_or(text.len())));
    }
    let mut pieces = Vec::new();
    for (a, b) in bounds {
        let mut start = a + (text[a..b].len() - text[a..b].trim_start().len());
        if text[start..b].starts_with("and ") {
            start += 4;
        }
        let t = text[start..b].trim_end();
        let end = start + t.strip_suffix('.').unwrap_or(t).trim_end().len();
        if end > start {
            pieces.push((start, end));
        }
    }
    (pieces.len() >= 2).then_some((opening, pieces))
}

fn is_years(t: &str) -> bool {
    let stripped: String = t.chars().filter(|c| !matches!(c, '(' | ')' | '-' | '–' | ' ' | ',')).collect();
    !time::years(t).is_empty()
        && (stripped.chars().all(|c| c.is_ascii_digit()) || t.to_lowercase().ends_with("present"))
}

/// Parent context for nested items.
#[derive(Debug, Clone, Default)]
struct Parent {
    indent: usize,
    role: Option<String>,
    org: Option<EntityId>,
    marker_less: bool,
}

/// Reads the list items; returns how many items were read, and which lines were consumed.
/// Reads list items one line at a time, in document order with the prose around them (so an
/// item's person is known to the paragraph under it), keeping each item's parents.
#[derive(Default)]
pub struct Items {
    stack: Vec<Parent>,
    /// how many item lines were read
    pub count: usize,
}

impl Items {
    /// The title of the innermost item when it is a post with no organisation yet, awaiting the
    /// organisation a line of its own names ("Chairman and CEO" over "Acme Holdings").
    #[must_use]
    pub fn awaiting_org(&self) -> Option<&str> {
        self.stack.last().filter(|p| p.org.is_none()).and_then(|p| p.role.as_deref())
    }

    /// A line that is not an item: a paragraph or heading ends the nesting.
    pub fn other(&mut self, role: LineRole) {
        if role != LineRole::Noise {
            self.stack.clear();
        }
    }

    /// Reads one item line under its parents.
    pub fn item(&mut self, cx: &mut Context, l: &Line, section: Option<SectionKind>) {
        self.count += 1;
        let marker_less = l.marker == Marker::None;
        while self.stack.last().is_some_and(|p| {
            p.indent > l.indent
                || (p.indent == l.indent && !(p.marker_less && marker_less && p.role.is_some() && p.org.is_none()))
        }) {
            self.stack.pop();
        }
        let parent = self.stack.last().cloned();
        if let Some(me) = read_item(cx, l.start, l.end, parent.as_ref(), section) {
            self.stack.push(Parent { indent: l.indent, marker_less, ..me });
        }
    }
}

/// Reads one item; returns what it offers its children.
fn read_item(
    cx: &mut Context,
    start: usize,
    end: usize,
    parent: Option<&Parent>,
    section: Option<SectionKind>,
) -> Option<Parent> {
    let text = cx.doc.slice(start, end).trim_end().to_owned();
    if table_header(cx, &text) || table_row(cx, &text, start, end) {
        return None;
    }
    if role_colon_names(cx, &text, start, end) {
        return None;
    }
    // under a heading that names a person, the lines are about that person
    let subject = cx.heading_person.or(cx.subject);
    if cx.list_appointer.is_some() && appointed_item(cx, &text, start, end) {
        return None;
    }
    // "MD - MSTP Program University of California San Francisco"
    if let Some((left, right)) = text.split_once(" - ") {
        if let Some(degree) = cx.lex.degree(left) {
            let degree = degree.to_owned();
            if let Some(s) = subject {
                education_line(cx, s, &degree, right, start, end);
            }
            return None;
        }
        if section != Some(SectionKind::Education) {
            // "Administration - President of Lakeside Clinic Platform"
            let off = start + left.len() + 3;
            return read_item(cx, off, end, parent, section);
        }
    }
    let segs: Vec<Seg> = segments(&text)
        .into_iter()
        .flat_map(|(a, b)| split_trailing_year(&text, a, b))
        .map(|(a, b)| Seg { start: start + a, end: start + b, text: text[a..b].to_owned() })
        .collect();
    // "Nominee for Director of O": the post is the title after the words that say how the
    // person comes to it
    let mut segs = segs;
    for s in segs.iter_mut().skip(1) {
        let cut = cx.lex.post_prefix_len(&s.text);
        if cut > 0 && cut < s.text.len() {
            *s = Seg { start: s.start + cut, end: s.end, text: s.text[cut..].to_owned() };
        }
    }
    // "University of California, San Diego": a campus named after its university's comma
    let mut k = 1;
    while k < segs.len() {
        let campus = segs[k - 1].text.starts_with("University of")
            && (1..=3).contains(&segs[k].text.split_whitespace().count())
            && segs[k].text.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
            && !is_years(&segs[k].text)
            && cx.lex.org_kind(&segs[k].text).is_none()
            && role_head(cx, &segs[k].text).is_none()
            && segs.get(k + 1).is_none_or(|n| is_years(&n.text));
        if campus {
            let (a, b) = (segs[k - 1].start, segs[k].end);
            segs[k - 1] = Seg { start: a, end: b, text: cx.doc.slice(a, b).to_owned() };
            segs.remove(k);
        } else {
            k += 1;
        }
    }
    if segs.is_empty() {
        return None;
    }
    let years: Vec<When> = segs.iter().filter(|s| is_years(&s.text)).flat_map(|s| time::years(&s.text)).collect();
    let span = segs.iter().find(|s| is_years(&s.text)).and_then(|s| time::span(&s.text));
    // "Jo Roe, of Ohio, CEO, Acme": where a listed person lives is no post
    let named_first = segs.first().is_some_and(|s| looks_like_person_name(cx, &s.text));
    let residence = |i: usize, s: &Seg| {
        i == 1 && named_first && s.text.strip_prefix("of ").is_some_and(|r| r.starts_with(char::is_uppercase))
    };
    let words: Vec<&Seg> =
        segs.iter().enumerate().filter(|(i, s)| !is_years(&s.text) && !residence(*i, s)).map(|(_, s)| s).collect();
    let first = words.first().map(|s| s.text.as_str()).unwrap_or("");
    let lower_first = first.to_lowercase();
    // a named professorship: "Jane Q. Donor, M.D., Chair's Professor, Org, 2021."
    // (not in a list of appointees: "Jo Lane, MD, clinical director, Org" is one of them)
    let named_honour = cx.roster.is_none()
        && words.len() >= 3
        && is_person_name(cx, first)
        && cx.lex.post_nominals.contains(&fold(&words[1].text));
    // a roster line: "Jane Roe, Springfield (3 year term) Vice President, Some Partnership";
    // under "the appointment of N members to O" a name need not start with a known given name
    // and, with no roster announced, a line "Name, role, Organisation" names its own person
    let listed = looks_like_person_name(cx, first)
        && (cx.roster.is_some() || words.get(1).is_some_and(|s| role_head(cx, &s.text).is_some()));
    if !named_honour && words.len() >= 2 && (is_person_name(cx, first) || listed) {
        roster_line(cx, &words, start, end);
        return None;
    }
    // "Department of Agriculture" over "Jeff Witte" or "Successor: Ann Lee, August 2019": the
    // people listed under an organisation's item hold posts there
    if let Some(org) = parent.filter(|p| p.role.is_none()).and_then(|p| p.org) {
        let body = match text.split_once(": ") {
            Some((label, rest))
                if label.split_whitespace().count() <= 2
                    && label.starts_with(char::is_uppercase)
                    && !label.contains(char::is_numeric) =>
            {
                rest
            }
            _ => text.as_str(),
        };
        let name = segments(body).first().map_or(body, |&(a, b)| body[a..b].trim());
        if looks_like_person_name(cx, name) && org_strict(cx, name).is_none() {
            let off = start + (text.len() - body.len()) + body.find(name).unwrap_or(0);
            let (_, ms) = mention::find(name, off, cx.lex);
            if let Some(m) = ms.first().filter(|m| m.first_token == 0) {
                let person = cx.person(&m.as_person());
                let mut f = super::rules::post(person, Some(org), None);
                if let Fact::Position { start: s, .. } = &mut f {
                    *s = time::dates(body).first().map(|d| d.2).or_else(|| time::years(body).first().copied());
                }
                cx.add(f, start, end, "list.person-under-org");
                return None;
            }
        }
    }
    // an organisation's item alone heads the items under it ("Children, Youth & Families
    // Department": commas inside one name whose head ends it)
    let one_name = words.len() == 1 && subject.is_none()
        || words.len() > 1
            && cx.lex.org_kind(words[words.len() - 1].text.as_str()).is_some()
            && words[..words.len() - 1]
                .iter()
                .all(|w| w.text.split_whitespace().count() <= 2 && w.text.trim().starts_with(char::is_uppercase))
            && !text.contains(char::is_numeric);
    if one_name && parent.is_none() {
        let whole = super::resolve::strip_period(text.trim()).to_owned();
        // (a sentence that ends in a body's head word, "P said it named four members to its board
        // of directors", is no name: a name's words are capitalised but for its connectors)
        let name_like = whole.split_whitespace().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || matches!(w, "of" | "and" | "for" | "the" | "on" | "in" | "at" | "&" | "de")
        });
        let named =
            org_strict(cx, &whole).or_else(|| cx.lex.org_kind(&whole).filter(|_| name_like).map(|k| cx.org(&whole, k)));
        if let Some(org) = named.or_else(|| org_strict(cx, first)) {
            return Some(Parent { indent: 0, role: None, org: Some(org), marker_less: false });
        }
    }
    // everything else is about the page's subject
    let subject = subject?;

    // "PhD, Computer Science, Some Institute of Technology, 1998": degree, field, institution
    if let Some(degree) = cx.lex.degree(first).map(str::to_owned) {
        // "Fellow, Some College, 2012" under honours is a fellowship of a society, not a degree
        let academic = section == Some(SectionKind::Education)
            || !matches!(degree.as_str(), "Fellowship" | "Residency" | "Internship" | "Certificate" | "Training");
        if words.len() >= 2 && academic {
            let last = words[words.len() - 1];
            let institution = if is_name(&last.text) { org_in(cx, &last.text.clone()) } else { None };
            let field = (words.len() >= 3)
                .then(|| words[1..words.len() - 1].iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(", "));
            cx.add(
                Fact::Education {
                    student: subject,
                    institution,
                    degree: Some(degree),
                    field,
                    year: years.first().copied(),
                    completed: None,
                },
                start,
                end,
                "list.degree-comma-org",
            );
            return None;
        }
    }
    // "Elected to National Academy of Medicine, 2020."
    if let Some(rest) = strip_ci(first, "elected to ") {
        let org = org_in(cx, rest)?;
        cx.add(
            Fact::Membership {
                member: subject,
                org,
                role: Some("elected member".into()),
                since: years.first().copied(),
                until: None,
            },
            start,
            end,
            "list.elected-to",
        );
        return None;
    }
    let award_idx = words.iter().position(|s| cx.lex.has_award_word(&s.text));
    if named_honour || award_idx == Some(0) || (award_idx.is_some() && section == Some(SectionKind::Awards)) {
        let upto = if named_honour {
            words.iter().position(|s| role_head(cx, &s.text).is_some()).unwrap_or(2)
        } else {
            award_idx.unwrap_or(0)
        };
        // the honour runs up to the first capitalised segment after it: the conferrer
        let mut k = upto + 1;
        while k < words.len() && !is_name(&words[k].text) {
            k += 1;
        }
        let honour_end = words[k.min(words.len()) - 1].end;
        let honour = cx.doc.slice(words[0].start, honour_end).to_owned();
        let conferrer = if k < words.len() { org_in(cx, &words[k].text.clone()) } else { parent.and_then(|p| p.org) };
        cx.add(
            Fact::Award { recipient: subject, honour, conferred_by: conferrer, years: years.clone() },
            start,
            end,
            if named_honour { "list.named-professorship" } else { "list.award" },
        );
        return None;
    }
    // a role segment: "Chief information officer", "Co-chair", "President of Lakeside Clinic Platform"
    let role_idx = words.iter().position(|s| role_head(cx, &s.text).is_some());
    // "Chairman, President and CEO", "Chair, Class C Director": posts only, one title of them
    // all, over the organisation the next line names
    let all_roles = words.len() >= 2
        && years.is_empty()
        && words
            .iter()
            .all(|w| w.text.split(" and ").all(|p| role_head(cx, p).is_some_and(|h| p.to_lowercase().ends_with(&h))));
    if all_roles {
        let role = cx.doc.slice(words[0].start, words[words.len() - 1].end).to_owned();
        return Some(Parent { indent: 0, role: Some(role), org: None, marker_less: false });
    }
    if let Some(ri) = role_idx {
        let seg = words[ri].clone();
        let (mut role, mut org) = split_role_of_org(cx, &seg);
        let mut also = None;
        // "Executive director, Commissioning, Qualification and Validation, CarePoint, 1997-1999."
        let rest: Vec<&&Seg> = words.iter().skip(ri + 1).collect();
        if org.is_none() {
            if let Some(last) = rest.last() {
                if starts_upper(&last.text) {
                    org = org_in(cx, &last.text.clone());
                    // "Professor, Department of Medicine, Eastvale University": a unit of the
                    // organisation, and the post is in the unit
                    let unit = (rest.len() == 2 && cx.lex.core_ends_in_head(&rest[0].text))
                        .then(|| org_in(cx, &rest[0].text.clone()))
                        .flatten();
                    // ("chairman, Committee on Mines, Committee on Roads": two bodies of one kind
                    // are two posts, neither a unit of the other)
                    let first_word = |t: &str| t.split_whitespace().next().map(str::to_lowercase);
                    let parallel = first_word(&rest[0].text) == first_word(&last.text);
                    if let (Some(u), Some(o)) = (unit, org) {
                        if u != o && parallel {
                            also = Some(o);
                            org = Some(u);
                        } else if u != o {
                            cx.add(Fact::PartOf { part: u, whole: o }, start, end, "list.unit-of-org");
                            org = Some(u);
                        }
                    } else if rest.len() > 1 {
                        role = cx.doc.slice(seg.start, rest[rest.len() - 2].end).to_owned();
                    }
                }
            }
        }
        if org.is_none() && ri > 0 {
            // "U.S. Core Data for Interoperability Task Force 2018, Member"
            org = org_in(cx, &words[0].text.clone());
        }
        let org = org.or_else(|| parent.and_then(|p| p.org));
        // ("Past Presidents of O" over "## Name" over "President, 1994-2007": the page's organisation)
        let org = org.or_else(|| {
            cx.heading_person.and(cx.heading_org.clone()).and_then(|m| cx.resolve(&m)).filter(|&o| o != subject)
        });
        let former = lower_first.starts_with("former ") || lower_first.starts_with("past ");
        let role_clean = strip_ci(&role, "former ").map(str::to_owned).unwrap_or(role.clone());
        // ("Chief Justice: 1910, 1919": the label's colon is no part of the post)
        let role_clean = role_clean.trim_end_matches([':', ' ']).to_owned();
        let (st, en) = (span.and_then(|s| s.start), span.and_then(|s| s.end));
        if matches!(role_head(cx, &role_clean).as_deref(), Some("member" | "fellow")) {
            if let Some(org) = org {
                cx.add(
                    Fact::Membership { member: subject, org, role: Some(role_clean), since: st, until: en },
                    start,
                    end,
                    "list.member",
                );
            }
            return None;
        }
        if org.is_none() && years.is_empty() && section != Some(SectionKind::Rank) {
            // a role line over its organisations
            return Some(Parent { indent: 0, role: Some(role_clean), org: None, marker_less: false });
        }
        for org in std::iter::once(org).chain(also.map(Some)) {
            cx.add(
                Fact::Position {
                    holder: subject,
                    org,
                    role: Some(role_clean.clone()),
                    start: st,
                    end: en,
                    under: None,
                    appointed_by: None,
                    replaces: None,
                    ended: former || en.is_some(),
                },
                start,
                end,
                "list.role-org-years",
            );
        }
        return None;
    }
    // organisations only
    let orgs: Vec<EntityId> =
        words.iter().filter(|s| starts_upper(&s.text)).filter_map(|s| org_strict(cx, &s.text.clone())).collect();
    if orgs.is_empty() {
        return None;
    }
    let org = *orgs.first()?;
    if let Some(role) = parent.and_then(|p| p.role.clone()) {
        let (st, en) = (span.and_then(|s| s.start), span.and_then(|s| s.end));
        cx.add(
            Fact::Position {
                holder: subject,
                org: Some(*orgs.last()?),
                role: Some(role),
                start: st,
                end: en,
                under: None,
                appointed_by: None,
                replaces: None,
                ended: en.is_some(),
            },
            start,
            end,
            "list.role-then-org",
        );
        return None;
    }
    if orgs.len() >= 2 && words.len() == 2 {
        cx.add(Fact::PartOf { part: orgs[0], whole: orgs[1] }, start, end, "list.org-of-org");
    }
    if section == Some(SectionKind::Appointments) {
        cx.add(
            Fact::Position {
                holder: subject,
                org: Some(*orgs.last()?),
                role: None,
                start: None,
                end: None,
                under: None,
                appointed_by: None,
                replaces: None,
                ended: false,
            },
            start,
            end,
            "list.appointment",
        );
    }
    Some(Parent { indent: 0, role: None, org: Some(org), marker_less: false })
}

/// An item of a list of appointments ("Gov. P made three appointments:"): "Mark Davis, to the
/// Court of Appeals", "Reuben F. Young as a special superior court judge". Returns whether the
/// item was one.
/// `list.role-colon-names`: "President: Earl C. Quell", "Trustees: Ann Lee, Bo Varn" under a
/// heading that names a body: each person holds the post there (a plural post, each one of
/// it). Returns whether the line was one.
fn role_colon_names(cx: &mut Context, text: &str, start: usize, end: usize) -> bool {
    let Some((label, names)) = text.split_once(':') else { return false };
    let label = label.trim();
    if label.is_empty() || label.split_whitespace().count() > 4 || !label.starts_with(char::is_uppercase) {
        return false;
    }
    let lower = label.to_lowercase();
    let last = lower.rsplit(' ').next().unwrap_or(&lower);
    let singular = last.strip_suffix('s').filter(|r| cx.lex.roles.contains(*r) && !cx.lex.roles.contains(last));
    if !cx.lex.roles.contains(last) && singular.is_none() {
        return false;
    }
    let role = match singular {
        Some(_) => label[..label.len() - 1].to_owned(),
        None => label.to_owned(),
    };
    // every name of the line, in the slot only people fill ("Earl C. Quell, III": a suffix is
    // no name)
    let base = start + text.len() - names.len();
    let mut people = Vec::new();
    let mut at = 0;
    for seg in names.split(',') {
        let seg_start = base + at;
        at += seg.len() + 1;
        let t = seg.trim();
        if t.split_whitespace().count() < 2 {
            continue;
        }
        let (_, ms) = mention::find(t, seg_start + seg.len() - seg.trim_start().len(), cx.lex);
        let whole = ms.iter().find(|m| m.name.len() + 4 >= t.len() && matches!(m.kind, MentionKind::Person { .. }));
        match whole {
            Some(m) => people.push(m.clone()),
            None if looks_like_person_name(cx, t) => match ms.first() {
                Some(m) => people.push(m.as_person()),
                None => return false,
            },
            None => return false,
        }
    }
    if people.is_empty() || singular.is_none() && people.len() > 1 {
        return false;
    }
    let org = cx.heading_org.clone().and_then(|h| cx.resolve(&h));
    for m in &people {
        let person = cx.person(m);
        cx.add(super::rules::post(person, org, Some(role.clone())), start, end, "list.role-colon-names");
    }
    true
}

/// `list.appointed`: the post a list's appointer gave the person named, and the appointment.
fn appointed(
    cx: &mut Context,
    m: &mention::Mention,
    org: Option<EntityId>,
    role: Option<String>,
    (appointer, date): (EntityId, Option<When>),
    (start, end): (usize, usize),
) {
    let person = cx.person(m);
    let mut p = super::rules::post(person, org, role.clone());
    if let Fact::Position { start: s, appointed_by, .. } = &mut p {
        *s = date;
        *appointed_by = Some(appointer);
    }
    cx.add(p, start, end, "list.appointed");
    cx.add(
        Fact::Appointment { appointee: person, appointer: Some(appointer), org, role, date },
        start,
        end,
        "list.appointed",
    );
    cx.last_person = Some(person);
}

/// `appointed_item` on the first sentence of a list item read as sentences.
pub fn appointed_sentence(cx: &mut Context, l: &Line) -> bool {
    let abbr = |w: &str| cx.lex.abbreviations.contains(w) || cx.lex.honorifics.contains(&fold(w));
    let Some(&(a, b)) = crate::document::sentences(&cx.doc.text, l.start, l.end, &abbr).first() else { return false };
    let text = cx.doc.slice(a, b).trim_end().to_owned();
    appointed_item(cx, &text, a, b)
}

fn appointed_item(cx: &mut Context, text: &str, start: usize, end: usize) -> bool {
    let Some((appointer, date)) = cx.list_appointer else { return false };
    let (toks, ms) = mention::find(text, start, cx.lex);
    let Some(m) = ms.first().filter(|m| m.first_token == 0 && matches!(m.kind, MentionKind::Person { .. })) else {
        return false;
    };
    let lower: Vec<String> = toks.iter().map(mention::Token::lower).collect();
    let mut k = m.next_token;
    if lower.get(k).is_some_and(|w| w == ",") {
        k += 1;
    }
    let org_at = |q: usize| {
        let q = if lower.get(q).is_some_and(|w| w == "the") { q + 1 } else { q };
        ms.iter().find(|x| x.first_token == q && matches!(x.kind, MentionKind::Org(_))).cloned()
    };
    // "Joseph Simons of Virginia, a Republican, to be Chairman.", "Rohit Chopra of New York, a
    // Democrat.": where the person comes from and their party, then the post, else the one the
    // list's sentence named
    let mut q = m.next_token;
    if lower.get(q).is_some_and(|w| w == "of") {
        q += 1;
        while toks.get(q).is_some_and(|t| t.is_word() && t.is_capitalised()) {
            q += 1;
        }
    }
    let described = q > m.next_token || lower.get(q).is_some_and(|w| w == ",");
    if lower.get(q).is_some_and(|w| w == ",") && lower.get(q + 1).is_some_and(|w| w == "a" || w == "an") {
        q += 2;
        while toks.get(q).is_some_and(|t| t.is_word() && t.is_capitalised()) {
            q += 1;
        }
    }
    if lower.get(q).is_some_and(|w| w == ",") {
        q += 1;
    }
    let listed_post = cx.list_post.clone();
    if described && (listed_post.0.is_some() || listed_post.1.is_some()) {
        let to_be = lower.get(q).is_some_and(|w| w == "to") && lower.get(q + 1).is_some_and(|w| w == "be");
        let ends = toks.get(q).is_none_or(|t| !t.is_word());
        let role = if to_be {
            let r = q + 2;
            let stop = (r..toks.len()).find(|&e| !toks[e].is_word()).unwrap_or(toks.len());
            let role = toks[r..stop].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            role_head(cx, &role).is_some().then_some(role)
        } else if ends {
            listed_post.1.clone()
        } else {
            None
        };
        if let Some(role) = role {
            appointed(cx, m, listed_post.0, Some(role), (appointer, date), (start, end));
            return true;
        }
    }
    let (org, role) = match lower.get(k).map(String::as_str) {
        Some("to") => (org_at(k + 1), None),
        Some("as") => {
            let mut r = k + 1;
            while lower.get(r).is_some_and(|w| matches!(w.as_str(), "a" | "an" | "the")) {
                r += 1;
            }
            // the role runs to "of"/"at"/"for" an organisation, or to the end
            let stop = (r..toks.len()).find(|&q| {
                !toks[q].is_word()
                    || (matches!(lower[q].as_str(), "of" | "at" | "for" | "on") && org_at(q + 1).is_some())
            });
            let stop = stop.unwrap_or(toks.len());
            if stop == r || role_head(cx, &lower[r..stop].join(" ")).is_none() {
                return false;
            }
            let org = (stop < toks.len() && toks[stop].is_word()).then(|| org_at(stop + 1)).flatten();
            (org, Some(lower[r..stop].join(" ")))
        }
        _ => return false,
    };
    if org.is_none() && role.is_none() {
        return false;
    }
    let org = org.and_then(|o| cx.resolve(&o));
    appointed(cx, m, org, role, (appointer, date), (start, end));
    true
}

/// Header words of a table's column of years ("Year", "Term").
const YEAR_COLUMNS: &[&str] = &["year", "years", "term", "terms", "dates", "tenure", "served", "term of office"];
/// Header words of a table's column of the years a post began and ended.
const START_COLUMNS: &[&str] = &["start year", "start", "from", "began", "year elected", "elected", "took office"];
const END_COLUMNS: &[&str] = &["end year", "end", "to", "until", "ended", "left office"];
/// Header words of a table's column of names, holders of the post a heading names.
const NAME_COLUMNS: &[&str] = &["name", "names", "full name", "holder"];
/// Header words of a table's column of where its people work.
const AFFILIATION_COLUMNS: &[&str] =
    &["institution", "affiliation", "organization", "organisation", "employer", "company", "university"];

/// A table's header row, "Year, President, Institution": a column of a post's holders (its
/// header a role word) and one of years. Remembered for the rows under it; returns whether the
/// line was one.
fn table_header(cx: &mut Context, text: &str) -> bool {
    let cells: Vec<String> = segments(text).iter().map(|&(a, b)| text[a..b].trim().to_lowercase()).collect();
    // (a column of names under a heading of a post's holders: "Past Presidents of O")
    let holders = cells
        .iter()
        .any(|c| cx.lex.roles.contains(c.as_str()) || cx.heading_role.is_some() && NAME_COLUMNS.contains(&c.as_str()));
    let years = cells.iter().any(|c| YEAR_COLUMNS.contains(&c.as_str()) || START_COLUMNS.contains(&c.as_str()));
    let short =
        cells.iter().all(|c| !c.is_empty() && c.split_whitespace().count() <= 3 && !c.contains(char::is_numeric));
    if cells.len() >= 2 && holders && years && short {
        cx.columns = Some(cells);
        return true;
    }
    false
}

/// `list.table-post`: a row under a header of holders and years, "1916, Ann Lee, Tarrow
/// University": the person held the post the header names, that year, at the organisation the
/// page's headings name; where they worked is a post of no stated role there.
fn table_row(cx: &mut Context, text: &str, start: usize, end: usize) -> bool {
    let Some(columns) = cx.columns.clone() else { return false };
    let cells: Vec<&str> = segments(text).iter().map(|&(a, b)| text[a..b].trim()).collect();
    // (a row's empty cells at its end are not written)
    if cells.len() > columns.len() || cells.len() + 2 < columns.len() {
        return false;
    }
    let role_column = columns.iter().position(|c| cx.lex.roles.contains(c.as_str()));
    let name_column = || columns.iter().position(|c| NAME_COLUMNS.contains(&c.as_str()));
    let Some(r) = role_column.or_else(|| cx.heading_role.as_ref().and(name_column())) else { return false };
    if !looks_like_person_name(cx, cells[r]) {
        return false;
    }
    let span = match columns.iter().position(|c| YEAR_COLUMNS.contains(&c.as_str())) {
        Some(y) => time::span(cells[y]),
        // "Start year | End year": the two ends in columns of their own
        None => {
            let at = |names: &[&str]| columns.iter().position(|c| names.contains(&c.as_str()));
            let start = at(START_COLUMNS).and_then(|k| time::span(cells[k])).and_then(|s| s.start);
            let end = at(END_COLUMNS).and_then(|k| time::span(cells[k])).and_then(|s| s.start);
            start.map(|_| time::Span { start, end, open: false })
        }
    };
    let Some(span) = span.filter(|s| s.start.is_some()) else { return false };
    let (_, ms) = mention::find(cells[r], 0, cx.lex);
    let Some(m) =
        ms.first().filter(|m| matches!(m.kind, MentionKind::Person { .. }) || m.name.len() + 4 >= cells[r].len())
    else {
        return false;
    };
    let person = cx.person(&m.as_person());
    let org = cx.heading_org.clone().and_then(|h| cx.resolve(&h));
    let role = match (role_column, &cx.heading_role) {
        (None, Some(h)) => h.clone(),
        _ => {
            let c = &columns[r];
            let mut t = c[..1].to_uppercase();
            t.push_str(&c[1..]);
            t
        }
    };
    let mut f = super::rules::post(person, org, Some(role));
    if let Fact::Position { start: s, end: e, ended, .. } = &mut f {
        *s = span.start;
        *e = span.end;
        *ended = span.end.is_some() && !span.open;
    }
    cx.add(f, start, end, "list.table-post");
    if let Some(a) = columns.iter().position(|c| AFFILIATION_COLUMNS.contains(&c.as_str())) {
        if let Some(o) = org_strict(cx, cells[a]).filter(|&o| Some(o) != org) {
            cx.add(super::rules::post(person, Some(o), None), start, end, "list.table-affiliation");
        }
    }
    true
}

/// A list item naming a person first: that person (not the page's subject) holds what the rest
/// of the line says; after "the appointment of N members to O" the person is one of them.
fn roster_line(cx: &mut Context, words: &[&Seg], start: usize, end: usize) {
    // ("Clinton W. Kelly, III, Director": what follows a name, "III", "Jr.", "M.D.", is no post)
    let words: Vec<&Seg> = words
        .iter()
        .enumerate()
        .filter(|(i, w)| *i == 0 || !cx.lex.post_nominals.contains(&fold(&w.text)))
        .map(|(_, w)| *w)
        .collect();
    let words = &words[..];
    let (_, ms) = mention::find(&words[0].text, words[0].start, cx.lex);
    let Some(m) = ms.first() else { return };
    let person = cx.person(m);
    if let Some((org, appointer)) = cx.roster {
        cx.add(
            Fact::Membership { member: person, org, role: Some("member".into()), since: cx.date, until: None },
            start,
            end,
            "list.roster-member",
        );
        if let Some(a) = appointer {
            cx.add(
                Fact::Appointment {
                    appointee: person,
                    appointer: Some(a),
                    org: Some(org),
                    role: Some("member".into()),
                    date: cx.date,
                },
                start,
                end,
                "list.roster-appointment",
            );
        }
    }
    // "... (3 year term) Vice President, National Partnership for Women & Families"; several
    // posts in one line ("director, Unit, Department; medical epidemiologist; director, Office")
    let roles: Vec<usize> = (1..words.len()).filter(|&k| role_head(cx, &words[k].text).is_some()).collect();
    // a roster's "Name, Chair, Employer" or "Name, Employer": the body's post, then where the
    // person works (a post of no stated role)
    if let Some((body, _)) = cx.roster {
        let body_post = |k: usize| {
            let role = words[k].text.trim();
            let last = role.rsplit([' ', '-']).next().unwrap_or(role).to_lowercase();
            (cx.lex.body_roles.contains(&last) && !role.to_lowercase().contains(" of ")).then(|| role.to_owned())
        };
        let first_role = roles.first().copied();
        let posts_in_body: Vec<String> = roles.iter().filter_map(|&k| body_post(k)).collect();
        if first_role.is_none() || posts_in_body.len() == roles.len() {
            for role in posts_in_body {
                let post = super::rules::post(person, Some(body), Some(role));
                cx.add(post, start, end, "list.roster-role");
            }
            let employers: Vec<String> = words[1..]
                .iter()
                .filter(|s| is_name(&s.text) && role_head(cx, &s.text).is_none())
                .map(|s| s.text.clone())
                .collect();
            if let Some(org) = employers.iter().find_map(|t| org_in(cx, t)) {
                if org != body {
                    let post = super::rules::post(person, Some(org), None);
                    cx.add(post, start, end, "list.roster-affiliation");
                }
            }
            return;
        }
    }
    for (n, &ri) in roles.iter().enumerate() {
        let raw = &words[ri].text;
        let mut role = raw.rsplit(')').next().unwrap_or(raw).trim().to_owned();
        let upto = roles.get(n + 1).copied().unwrap_or(words.len());
        // "Assistant Secretary for Energy, Installations, and Environment, Department of Defense":
        // the segments up to the one opening with "and" enumerate the post's field
        let listed = (ri + 1..upto).find(|&k| words[k].text.starts_with("and ")).filter(|&k| k + 1 < upto);
        if let Some(k) = listed {
            role = format!("{role}{}", cx.doc.slice(words[ri].end, words[k].end));
        }
        // the organisation: the first name after the role that is one
        // a town ("Northport, VA", a place of the vocabulary) is where the person lives
        let segs = &words[listed.map_or(ri, |k| k) + 1..upto];
        let town = |k: usize| {
            let t = segs[k].text.trim();
            cx.lex.places.contains(t)
                || segs.get(k + 1).is_some_and(|n| {
                    let n = n.text.trim().trim_end_matches('.');
                    n.len() == 2 && n.chars().all(|c| c.is_ascii_uppercase())
                })
                || (t.len() == 2 && t.chars().all(|c| c.is_ascii_uppercase()))
        };
        let after = (0..segs.len())
            .filter(|&k| is_name(&segs[k].text) && !town(k))
            .find_map(|k| org_in(cx, &segs[k].text.clone()));
        // "founder, CEO, president and chairman of board, Epic Systems": posts listed one after
        // another share the organisation after the last of them
        let last_role = roles.last().copied().unwrap_or(ri);
        let after = after.or_else(|| {
            (segs.is_empty() && listed.is_none() && last_role > ri)
                .then(|| words[last_role + 1..].iter().find(|s| is_name(&s.text)).map(|s| s.text.clone()))
                .flatten()
                .and_then(|t| org_in(cx, &t))
        });
        // "Ian Vasquez, University of Tarrow, Professor": a post that is not the body's, at the
        // organisation named before it
        let last = role.rsplit([' ', '-']).next().unwrap_or(&role).to_lowercase();
        let before = if after.is_none() && !cx.lex.body_roles.contains(&last) {
            let from = if n == 0 { 1 } else { roles[n - 1] + 1 };
            let named: Vec<usize> =
                (from..ri).filter(|&k| is_name(&words[k].text) && role_head(cx, &words[k].text).is_none()).collect();
            named.into_iter().find_map(|k| org_in(cx, &words[k].text.clone()))
        } else {
            None
        };
        // "Helen Quarry, Rector, Northport" in a roster: a role in the body listed
        // (not a post that names an organisation of its own: "Founding Executive Director of
        // P's Reach Higher" is a post elsewhere, its organisation not read)
        let elsewhere = [" of ", " at "].iter().any(|p| role.contains(p)) && !cx.lex.body_roles.contains(&last);
        let org = after.or(before).or(cx.roster.map(|r| r.0).filter(|_| !elsewhere));
        let Some(org) = org else { continue };
        // "Director of Immigration and Customs Enforcement, Department of Homeland Security": the
        // post names a unit of the organisation after it
        if after == Some(org) && listed.is_none() {
            if let (_, Some(unit)) = split_role_of_org(cx, words[ri]) {
                // "Secretary of the Army for Civil Works": the words after "for" are the post's
                // ("Director of Digital Humanities, Michigan State University": a field, no unit)
                let unit_name = &cx.entities[unit].name;
                if unit != org && !unit_name.contains(" for ") && cx.lex.core_ends_in_head(unit_name) {
                    cx.add(Fact::PartOf { part: unit, whole: org }, start, end, "list.unit-of-org");
                }
            }
        }
        cx.add(super::rules::post(person, Some(org), Some(role)), start, end, "list.roster-role");
    }
}

/// "Degree - Field Organisation": the organisation is the known or head-word name at the end.
fn education_line(cx: &mut Context, subject: EntityId, degree: &str, rest: &str, start: usize, end: usize) {
    let (field_part, org_part) = split_field_org(cx, rest);
    let completed = if field_part.to_lowercase().contains("did not complete")
        || field_part.to_lowercase().contains("not completed")
    {
        Some(false)
    } else {
        None
    };
    let field = field_part.split(';').next().unwrap_or("").trim().trim_end_matches(',').trim().to_owned();
    let field = if field.is_empty() { None } else { Some(field) };
    let institution = if org_part.is_empty() { None } else { org_in(cx, &org_part) };
    let year = time::years(rest).first().copied();
    cx.add(
        Fact::Education { student: subject, institution, degree: Some(degree.to_owned()), field, year, completed },
        start,
        end,
        "list.degree-field-org",
    );
}

/// Splits "Medical Informatics Northfield/Tech NST" into field and organisation.
fn split_field_org(cx: &mut Context, rest: &str) -> (String, String) {
    let rest_trim = rest.trim();
    let words: Vec<(usize, &str)> = rest_trim
        .split(' ')
        .scan(0usize, |pos, w| {
            let p = *pos;
            *pos += w.len() + 1;
            Some((p, w))
        })
        .collect();
    // 1. a known organisation or a short form of one, as a suffix
    for &(p, _) in &words {
        let suffix = &rest_trim[p..];
        let known = cx.knows_org(suffix);
        if known && p > 0 {
            return (rest_trim[..p].trim().to_owned(), suffix.to_owned());
        }
    }
    // 2. a head-word name at the end: extend left from the last head while words are capitalised
    let heads: Vec<usize> = words
        .iter()
        .enumerate()
        .filter(|(_, (_, w))| cx.lex.org_heads.contains_key(&w.to_lowercase()))
        .map(|(i, _)| i)
        .collect();
    if let Some(&h) = heads.last() {
        let followed_by_of = words.get(h + 1).is_some_and(|(_, w)| *w == "of");
        let mut s = h;
        if !followed_by_of || words[h].1 != "University" {
            while s > 0 {
                let w = words[s - 1].1;
                let stop = !w.starts_with(char::is_uppercase)
                    || cx.lex.org_heads.contains_key(&w.to_lowercase())
                    || w.ends_with(')')
                    || w.ends_with(';')
                    || ["Honorary", "Program", "Programme"].contains(&w);
                if stop {
                    break;
                }
                s -= 1;
                // an acronym begins the name: "Emergency Medicine RCLA Medical Center"
                if w.len() >= 2 && w.chars().all(|c| c.is_uppercase()) {
                    break;
                }
            }
        }
        if s > 0 {
            let p = words[s].0;
            return (rest_trim[..p].trim().to_owned(), rest_trim[p..].to_owned());
        }
        return (String::new(), rest_trim.to_owned());
    }
    // 3. no head word: the organisation is the trailing run that holds an acronym or a slash
    if let Some(i) =
        words.iter().position(|(_, w)| w.contains('/') || (w.len() >= 2 && w.chars().all(|c| c.is_uppercase())))
    {
        let p = words[i].0;
        return (rest_trim[..p].trim().to_owned(), rest_trim[p..].to_owned());
    }
    (rest_trim.to_owned(), String::new())
}

fn split_trailing_year(text: &str, a: usize, b: usize) -> Vec<(usize, usize)> {
    let s = &text[a..b];
    if is_years(s) {
        return vec![(a, b)];
    }
    // "Task Force 2018" / "Director (1984-)"
    if let Some(p) = s.rfind(" (") {
        if is_years(&s[p + 1..]) {
            return vec![(a, a + p), (a + p + 1, b)];
        }
    }
    if let Some(p) = s.rfind(' ') {
        if is_years(&s[p + 1..]) && s[..p].chars().any(char::is_alphabetic) {
            return vec![(a, a + p), (a + p + 1, b)];
        }
    }
    vec![(a, b)]
}

fn strip_ci<'t>(s: &'t str, prefix: &str) -> Option<&'t str> {
    (s.len() >= prefix.len() && s.is_char_boundary(prefix.len()) && s[..prefix.len()].eq_ignore_ascii_case(prefix))
        .then(|| &s[prefix.len()..])
}

/// Every word capitalised except short connectors: "Data Weekly", not "IT leader".
fn is_name(s: &str) -> bool {
    s.split_whitespace().all(|w| {
        // ("Association of Tarrow Colleges (ATC)": its initials after it)
        w.trim_start_matches('(').starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || matches!(w, "of" | "and" | "for" | "the" | "&" | "on" | "in" | "at" | "de")
    })
}

fn starts_upper(s: &str) -> bool {
    s.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// Two to four capitalised words that name no organisation or place ("Denni McColm").
/// Whether `s` has the shape of a person's name: two to five capitalised words (a particle
/// between), no organisation's head, place or role.
#[must_use]
pub fn looks_like_person_name(cx: &Context, s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    // "Hector de Jesus Ruiz", "Ludwig van Dalen": a particle inside the name
    let particle = |i: usize, w: &str| {
        i > 0
            && i + 1 < words.len()
            && matches!(w, "de" | "da" | "del" | "van" | "von" | "der" | "du" | "la" | "le" | "y")
    };
    (2..=5).contains(&words.len())
        && words.iter().enumerate().all(|(i, w)| {
            particle(i, w)
                || w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
        && words.iter().filter(|w| w.starts_with(char::is_uppercase)).count() >= 2
        && cx.lex.org_kind(s).is_none()
        && !cx.lex.places.contains(s)
        && role_head(cx, s).is_none()
}

fn is_person_name(cx: &Context, s: &str) -> bool {
    let (_, ms) = mention::find(s, 0, cx.lex);
    ms.first().is_some_and(|m| matches!(m.kind, MentionKind::Person { .. }) && m.name.len() + 1 >= s.trim().len())
}

/// The role head word in a segment ("officer" in "Chief information officer"), lowercase.
pub fn role_head(cx: &Context, s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    let before_of = lower.split(" of ").next().unwrap_or(&lower);
    let before_of = before_of.split(" for ").next().unwrap_or(before_of);
    // ("Lucie Stern Professor in the Social Sciences")
    let before_of = before_of.split(" in ").next().unwrap_or(before_of);
    let words: Vec<&str> = before_of.split_whitespace().collect();
    let last = words.last()?.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    if cx.lex.roles.contains(last) || cx.lex.roles.contains(&last.to_uppercase().to_lowercase()) {
        return Some(last.to_owned());
    }
    None
}

/// "President of Lakeside Clinic Platform" ▶ ("President", Some(org)); "Professor of Emergency
/// Medicine" ▶ (whole, None): the part after "of"/"at" is an organisation only if it is one.
fn split_role_of_org(cx: &mut Context, seg: &Seg) -> (String, Option<EntityId>) {
    for sep in [" at ", " of ", " for "] {
        if let Some(p) = seg.text.find(sep) {
            let tail = &seg.text[p + sep.len()..];
            // "Professor of International Affairs": after an academic title "of" names a field
            // unless the name has an organisation's head word or is a known organisation
            let academic = sep == " of "
                && seg.text[..p].split_whitespace().last().is_some_and(|w| {
                    matches!(w.to_lowercase().as_str(), "professor" | "professorship" | "lecturer" | "instructor")
                });
            if academic && cx.lex.org_kind(tail).is_none() && !cx.knows_org(tail) {
                continue;
            }
            // "Director of Digital Humanities": a name only the tagger calls an organisation,
            // with no head word ending it, names the post's field
            let (_, ms) = mention::find(tail, 0, cx.lex);
            let guessed = ms
                .first()
                .is_some_and(|m| m.confidence.is_some() && m.acronym.is_none() && !cx.lex.core_ends_in_head(&m.name));
            if guessed && !cx.knows_org(tail) {
                continue;
            }
            if let Some(org) = org_strict(cx, tail) {
                return (seg.text[..p].to_owned(), Some(org));
            }
        }
    }
    (seg.text.clone(), None)
}

/// An organisation named in a layout slot (head word or not), resolved against known names.
fn org_in(cx: &mut Context, s: &str) -> Option<EntityId> {
    let s = super::resolve::strip_period(s.trim());
    // "Committee on Mines (Seventy-third Congress)": a remark in brackets is no part of the name
    // (initials in brackets are: "Association of American Universities (AAU)")
    let s = match s.strip_suffix(')').and_then(|r| r.rsplit_once(" (")) {
        Some((name, remark)) if remark.contains(' ') && !name.is_empty() => name.trim_end(),
        _ => s,
    };
    // "Co-chair", "Emeritus": a title or a word of one is no organisation
    let title_words = s.split_whitespace().all(|w| {
        let w = w.to_lowercase();
        w.split('-').any(|p| cx.lex.roles.contains(p) || cx.lex.role_modifiers.contains(p))
    });
    // "Class C Director", "President and CEO": words that end in a role head name a post, not
    // an organisation (unless they end in an organisation's head too: "Board of Directors")
    let last_role = s.rsplit(char::is_whitespace).next().is_some_and(|w| cx.lex.roles.contains(&w.to_lowercase()));
    if title_words || (last_role && cx.lex.org_kind(s).is_none()) {
        return None;
    }
    let (_, ms) = mention::find(s, 0, cx.lex);
    // ("Association of American Universities (AAU)": the name and the initials defined after it)
    let whole = |m: &mention::Mention| {
        m.name.len() + 4 >= s.len() || m.acronym.as_ref().is_some_and(|a| m.name.len() + a.len() + 7 >= s.len())
    };
    if let Some(m) = ms.iter().find(|m| whole(m)) {
        if let Some(id) = cx.resolve(m) {
            return Some(id);
        }
    }
    cx.org_by_position(s)
}

/// The organisation a line names and nothing else ("Securian Financial Group", "CHS Inc."),
/// or `None`.
pub fn org_line(cx: &mut Context, text: &str) -> Option<EntityId> {
    let t = text.trim();
    if t.split_whitespace().count() > 8 || t.ends_with(':') || !starts_upper(t) || looks_like_person_name(cx, t) {
        return None;
    }
    let (_, ms) = mention::find(t, 0, cx.lex);
    let m = ms.first().filter(|m| m.first_token == 0 && matches!(m.kind, MentionKind::Org(_)))?;
    // the whole line, or the name and a place after its comma ("Acme Inc., Ohio") are no more
    (m.name.len() + 4 >= super::resolve::strip_period(t).len()).then(|| cx.resolve(m)).flatten()
}

/// An organisation only when the text names one (head word, acronym or known name).
fn org_strict(cx: &mut Context, s: &str) -> Option<EntityId> {
    let s = super::resolve::strip_period(s.trim());
    let (_, ms) = mention::find(s, 0, cx.lex);
    let m = ms.iter().find(|m| m.name.len() + 4 >= s.len())?;
    match m.kind {
        MentionKind::Org(_) | MentionKind::Acronym | MentionKind::Unknown | MentionKind::Surname => {
            let id = cx.resolve(m)?;
            matches!(cx.entities[id].kind, super::Kind::Org(_)).then_some(id)
        }
        _ => None,
    }
}
