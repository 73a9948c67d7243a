//! Tokens and name mentions. Finds capitalised runs in a span of text and says what each names:
//! a person (honorific, title of office, middle initial, post-nominals, given-name lexicon), an
//! organisation (head words), a place (lexicon), an acronym, a bare surname, or nothing known.
//!
//! # Complexity
//! Linear in the text: one pass to tokenize, one to group runs, constant work per token.

use super::ner::{NerLabel, NerModel, NerSpan};
use crate::lexicon::{fold, Lexicon, OrgKind, VerbShape};

/// Below this confidence the entity tagger's reading of a name is not used: names it is unsure
/// of stay untyped (and are then only read where a slot says what they are).
pub const MIN_CONFIDENCE: f32 = 0.6;

/// The entity tagger's reading of a name, computed only when a name needs it, over the name
/// and a few words either side (the tagger's features reach two words out), not the whole
/// sentence: most names are typed by the vocabularies, and tagging costs cache misses per word.
struct Tagger<'t, 'a> {
    toks: &'t [Token<'a>],
    lex: &'t Lexicon,
    /// the window last tagged and its spans (sentence token indices)
    last: Option<((usize, usize), Vec<NerSpan>)>,
}

/// Words of context tagged on each side of a name.
const CONTEXT: usize = 2;

impl Tagger<'_, '_> {
    fn spans(&mut self, a: usize, b: usize) -> &[NerSpan] {
        let window = (a.saturating_sub(CONTEXT), (b + CONTEXT).min(self.toks.len()));
        if self.last.as_ref().is_none_or(|(w, _)| *w != window) {
            let spans = match NerModel::builtin() {
                Ok(model) => {
                    let words: Vec<&str> = self.toks[window.0..window.1].iter().map(|t| t.text).collect();
                    let nlex = self.lex.ner_lexicon();
                    let mut spans = model.tag(&words, &|w: &str| nlex.flags(w));
                    for s in &mut spans {
                        s.start_token += window.0;
                        s.end_token += window.0;
                    }
                    spans
                }
                Err(_) => Vec::new(),
            };
            self.last = Some((window, spans));
        }
        self.last.as_ref().map_or(&[], |(_, s)| s)
    }

    /// The confident span that is exactly tokens `[a, b)`.
    fn exact(&mut self, a: usize, b: usize) -> Option<NerSpan> {
        self.spans(a, b)
            .iter()
            .copied()
            .find(|s| s.start_token == a && s.end_token == b && s.confidence >= MIN_CONFIDENCE)
    }

    /// A confident person span inside `[a, b)` that ends at `b` and starts after `a`: "Former
    /// Treasury Secretary Ilse Varn" ▶ "Ilse Varn".
    fn person_ending(&mut self, a: usize, b: usize) -> Option<NerSpan> {
        self.spans(a, b).iter().copied().find(|s| {
            s.end_token == b && s.start_token > a && s.label == NerLabel::Person && s.confidence >= MIN_CONFIDENCE
        })
    }
}

/// A word or punctuation mark with its absolute byte span.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// Where it starts.
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
    /// Its text.
    pub text: &'a str,
}

impl Token<'_> {
    #[must_use]
    /// Does it start with a letter or digit?
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    #[must_use]
    /// Does it start with a capital letter (or a digit, with a capital inside: "3M")?
    pub fn is_capitalised(&self) -> bool {
        let mut cs = self.text.chars();
        match cs.next() {
            Some(c) if c.is_uppercase() => true,
            Some(c) if c.is_ascii_digit() => self.text.chars().any(char::is_uppercase),
            _ => false,
        }
    }

    #[must_use]
    /// Its text, lowercase.
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    /// "D." or "A.B.": initials.
    #[must_use]
    pub fn is_initial(&self) -> bool {
        let t = self.text;
        t.ends_with('.')
            && t.split('.')
                .filter(|p| !p.is_empty())
                .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
    }

    /// "NMS", "NTSP", "COVID-19": all capitals.
    #[must_use]
    pub fn is_acronym(&self) -> bool {
        let letters: Vec<char> = self.text.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2
            && letters.len() <= 10
            && letters.iter().all(|c| c.is_uppercase())
            && !self.text.contains('.')
    }
}

/// Splits `text` (which starts at absolute byte `base`) into tokens.
#[must_use]
pub fn tokens<'a>(text: &'a str, base: usize, lex: &Lexicon) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let mut i = 0;
    let at = |k: usize| if k < n { chars[k].0 } else { text.len() };
    while i < n {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            // possessive 's / ’s as its own token
            if (c == '\'' || c == '’')
                && i + 1 < n
                && (chars[i + 1].1 == 's')
                && (i + 2 >= n || !chars[i + 2].1.is_alphanumeric())
            {
                out.push(Token { start: base + b, end: base + at(i + 2), text: &text[b..at(i + 2)] });
                i += 2;
                continue;
            }
            out.push(Token { start: base + b, end: base + at(i + 1), text: &text[b..at(i + 1)] });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n {
            let cj = chars[j].1;
            if cj.is_alphanumeric() {
                j += 1;
                continue;
            }
            let joins =
                matches!(cj, '.' | '-' | '/' | '&' | '\'' | '’') && j + 1 < n && chars[j + 1].1.is_alphanumeric();
            // keep "'s" apart so possessives split off
            let possessive = matches!(cj, '\'' | '’')
                && chars[j + 1..].first().is_some_and(|c| c.1 == 's')
                && chars.get(j + 2).is_none_or(|c| !c.1.is_alphanumeric());
            if joins && !possessive {
                j += 1;
                continue;
            }
            break;
        }
        // cells of a table that ran together: "HollowaySept. 21, 1933", "19201964August"
        if let Some(cut) = run_together(&text[b..at(j)]) {
            let k = chars[i..j].iter().position(|(p, _)| *p == b + cut).map_or(j, |o| i + o);
            if k > i && k < j {
                out.push(Token { start: base + b, end: base + at(k), text: &text[b..at(k)] });
                i = k;
                continue;
            }
        }
        let word = &text[b..at(j)];
        // a trailing period belongs to initials, dotted abbreviations and known abbreviations
        if j < n && chars[j].1 == '.' {
            let single = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            let dotted = word.contains('.');
            // an honorific written out ("professor.") ends a sentence unless a name follows
            let name_next = chars[j + 1..].iter().find(|c| !c.1.is_whitespace()).is_some_and(|c| c.1.is_uppercase());
            let short = word.chars().count() <= 4 || word.starts_with(char::is_uppercase) && name_next;
            let known = lex.abbreviations.contains(word)
                || lex.honorifics.contains(&fold(word)) && short
                || lex.post_nominals.contains(&fold(word));
            if single || dotted || known {
                j += 1;
            }
        }
        // "Annapolis-based": the name and the suffix that makes it an adjective are two words
        let word = &text[b..at(j)];
        if let Some((name, suffix)) = word.rsplit_once('-') {
            if !name.is_empty() && name.starts_with(char::is_uppercase) && lex.compound_suffixes.contains(suffix) {
                let cut = b + name.len();
                out.push(Token { start: base + b, end: base + cut, text: &text[b..cut] });
                out.push(Token { start: base + cut, end: base + at(j), text: &text[cut..at(j)] });
                i = j;
                continue;
            }
        }
        out.push(Token { start: base + b, end: base + at(j), text: &text[b..at(j)] });
        i = j;
    }
    out
}

const MONTH_WORDS: &[&str] = &["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Where a word made of two table cells splits: before a month name glued to a name or a
/// number ("RogersDec", "1964August"), or between two glued years ("19201964").
fn run_together(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    if bytes.len() == 8 && bytes.iter().all(u8::is_ascii_digit) {
        let (a, b) = (&word[..4], &word[4..]);
        let year = |y: &str| y.starts_with("19") || y.starts_with("20");
        return (year(a) && year(b)).then_some(4);
    }
    for (i, _) in word.char_indices().skip(1) {
        let prev = word[..i].chars().next_back()?;
        let rest = &word[i..];
        if (prev.is_lowercase() || prev.is_ascii_digit()) && MONTH_WORDS.iter().any(|m| rest.starts_with(m)) && i >= 2 {
            let month_len = rest.chars().take_while(|c| c.is_alphabetic()).count();
            let full = &rest[..month_len];
            let is_month = is_month(full);
            if is_month {
                return Some(i);
            }
        }
    }
    None
}

/// Full month names (and "Sept"), matched by prefix of at least three letters.
const MONTH_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Sept",
];

fn is_month(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    w.len() >= 3 && MONTH_NAMES.iter().any(|m| m.starts_with(w))
}

const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// "Tuesday", "Tues.": a day of the week, never part of a name.
fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    w.len() >= 3 && WEEKDAYS.iter().any(|d| d.starts_with(w))
}

/// What a mention names.
#[derive(Debug, Clone, PartialEq)]
pub enum MentionKind {
    /// A person; `title` is a title of office written before the name, `president` when it names
    /// a head of state.
    Person {
        /// A title of office written before the name ("Chief Judge").
        title: Option<String>,
        /// An honorific ("Dr.", "Mrs.") was written before the name.
        honorific: bool,
        /// The title names a head of state.
        president: bool,
    },
    /// An organisation, of the kind the lexicon gives it.
    Org(OrgKind),
    /// A place.
    Place,
    /// One word in capitals ("NMS"): an acronym, resolved against the organisations.
    Acronym,
    /// A single capitalised word that may be a known person's surname.
    Surname,
    /// A capitalised run with nothing to say what it is.
    Unknown,
}

/// A name found in text.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Span of the name itself (without honorific or title).
    pub start: usize,
    /// Where the name ends (exclusive).
    pub end: usize,
    /// Span including the honorific or title, as written.
    pub full_start: usize,
    /// The name as written, without honorific or title.
    pub name: String,
    /// What it names.
    pub kind: MentionKind,
    /// An acronym defined right after it: "American Recovery and Reinvestment Act (ARRA)".
    pub acronym: Option<String>,
    /// Index of the first token after the mention (past any acronym definition).
    pub next_token: usize,
    /// Index of its first token.
    pub first_token: usize,
    /// The entity tagger's confidence, when the tagger (not a vocabulary) typed it.
    pub confidence: Option<f32>,
}

impl Mention {
    /// The same name, typed a person's (no title or honorific): what a slot or a layout only a
    /// person fills makes of a name nothing typed.
    #[must_use]
    pub fn as_person(&self) -> Mention {
        Mention { kind: MentionKind::Person { title: None, honorific: false, president: false }, ..self.clone() }
    }
}

/// The people of a body, named before it: "the Trustees of O".
const BODY_PEOPLE: &[&str] = &["trustees", "directors", "regents", "governors", "members", "officers", "fellows"];

const CONNECTORS: &[&str] =
    &["of", "and", "for", "&", "the", "on", "de", "du", "van", "von", "y", "bin", "bint", "ibn"];

/// Finds mentions in `text` (absolute offset `base`).
#[must_use]
pub fn find<'a>(text: &'a str, base: usize, lex: &Lexicon) -> (Vec<Token<'a>>, Vec<Mention>) {
    let toks = tokens(text, base, lex);
    let mut tagger = Tagger { toks: &toks, lex, last: None };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // "21st Century Cures Act": an ordinal starts a name when a capitalised word follows
        let ordinal = {
            let t = toks[i].text;
            let digits = t.trim_end_matches(|c: char| c.is_ascii_lowercase());
            !digits.is_empty()
                && digits.len() < t.len()
                && digits.chars().all(|c| c.is_ascii_digit())
                && matches!(&t[digits.len()..], "st" | "nd" | "rd" | "th")
                && toks.get(i + 1).is_some_and(|n| n.is_word() && n.is_capitalised())
        };
        if !(ordinal || toks[i].is_word() && toks[i].is_capitalised()) {
            i += 1;
            continue;
        }
        // grow a run of capitalised words joined by connectors
        let start = i;
        let mut end = i + 1;
        loop {
            if end < toks.len() && toks[end].is_word() && toks[end].is_capitalised() {
                // a headline's verb is not part of a name: "President Quell Names New Chief",
                // "Harrow Mint Appoints Varn" (a verb of office with an ending, not "Lead")
                // ("Re-Elects": a verb with "re-" before it is that verb)
                let lowered = toks[end].lower();
                let bare = lowered.strip_prefix("re-").unwrap_or(&lowered);
                let verb = lex.verbs.get(bare).is_some_and(|forms| {
                    forms.iter().any(|f| {
                        !f.noun_too
                            && f.lemma != "be"
                            && f.lemma != "have"
                            && matches!(
                                f.shape,
                                VerbShape::Third
                                    | VerbShape::Past
                                    | VerbShape::PastOrParticiple
                                    | VerbShape::Participle
                            )
                    })
                });
                if verb && !lex.is_given_name(toks[end].text) {
                    break;
                }
                // a date is not part of a name: "Holloway Sept. 21, 1933"
                if is_month(toks[end].text)
                    && toks.get(end + 1).is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()))
                {
                    break;
                }
                // "Northfield Med School CIO Rivera": a role word after an organisation ends it
                // where the role's modifiers begin ("National" in "the National Coordinator")
                let mut m = end;
                while m > start + 1 && lex.role_modifiers.contains(&toks[m - 1].lower()) {
                    m -= 1;
                }
                // but "the Office of the National Coordinator for Health Information Technology"
                // names an office after a role, through "the" before it and "for" after it
                let titled_office = toks[m - 1].text == "the"
                    && toks.get(end + 1).is_some_and(|t| matches!(t.text, "for" | "of" | "on"))
                    && toks.get(end + 2).is_some_and(|t| t.is_word() && t.is_capitalised());
                if titled_office && lex.roles.contains(&toks[end].lower()) {
                    end += 1;
                    continue;
                }
                // "the Office of General Counsel", "Office of the Inspector General": the post
                // after "of" names the office's portfolio
                let after_of = |k: usize| matches!(toks[k].text, "of" | "for");
                let portfolio = after_of(m - 1) || (m >= 2 && toks[m - 1].text == "the" && after_of(m - 2));
                if portfolio && lex.roles.contains(&toks[end].lower()) && has_head(&toks, start, m, lex) {
                    end += 1;
                    continue;
                }
                // "appointed Bill Quell Comptroller of the Commonwealth": a role word after a
                // person's name, opening "of O", is the post named, not the surname
                let person_so_far = (lex.is_given_name(toks[start].text)
                    || lex.honorifics.contains(&fold(toks[start].text)))
                    && (2..=4).contains(&(end - start))
                    && !has_head(&toks, start, end, lex)
                    // ("the William H. Payne Collegiate Professor of education" is a named chair)
                    && !(start > 0 && matches!(toks[start - 1].lower().as_str(), "the" | "a" | "an"));
                if person_so_far
                    && lex.roles.contains(&toks[end].lower())
                    && toks.get(end + 1).is_some_and(|t| matches!(t.text, "of" | "for" | "at"))
                {
                    break;
                }
                // (a title joined by a hyphen, "League Secretary-General P", stays in the run: the
                // title rule reads the organisation before it)
                if lex.roles.contains(&toks[end].lower())
                    && !toks[end].text.contains('-')
                    && has_head(&toks, start, end, lex)
                {
                    // "University of Virginia and Adjunct Professor": the modifiers and the
                    // connector before the role word go with the role
                    end = m;
                    while end > start + 1 && CONNECTORS.contains(&toks[end - 1].text) {
                        end -= 1;
                    }
                    break;
                }
                end += 1;
                continue;
            }
            // "the President's Council of Advisors": a title's possessive inside a name
            if end + 1 < toks.len()
                && matches!(toks[end].text, "'s" | "’s")
                && lex.name_titles.contains_key(&fold(toks[end - 1].text))
                && toks[end + 1].is_capitalised()
                && toks[end + 1].is_word()
            {
                end += 2;
                continue;
            }
            // "Brigham and Women's Hospital", "Children's Hospital": an irregular plural's
            // possessive inside a name
            if end + 1 < toks.len()
                && matches!(toks[end].text, "'s" | "’s")
                && toks[end - 1].text.ends_with("en")
                && toks[end - 1].is_capitalised()
                && toks[end + 1].is_capitalised()
                && toks[end + 1].is_word()
            {
                end += 2;
                continue;
            }
            // "CIO of Northfield Medical School", "Chief Health Data Standards Officer of the
            // National Archive": a role title is not part of the name after it
            // ("the Solicitor General of New York": a title of two words)
            let two_word_title =
                end - start == 2 && lex.roles.contains(&format!("{} {}", toks[start].lower(), toks[start + 1].lower()));
            let role_only = two_word_title
                || toks[start..end]
                    .iter()
                    .all(|t| lex.roles.contains(&t.lower()) || lex.role_modifiers.contains(&t.lower()));
            let ends_in_role = lex.roles.contains(&toks[end - 1].lower()) && !has_head(&toks, start, end, lex);
            if role_only || ends_in_role {
                break;
            }
            // "Association for Women in Science", "Commission on Economy and Efficiency in State
            // Government": "in" inside a name whose head came before it, between words that are
            // neither a head nor a place ("Kenyon College in Ohio" is a college and a place)
            let place_at = |q: usize| {
                toks.get(q).is_some_and(|t| lex.places.contains(t.text))
                    || toks.get(q + 1).is_some_and(|n| lex.places.contains(&format!("{} {}", toks[q].text, n.text)))
            };
            if toks.get(end).is_some_and(|t| t.text == "in")
                && toks.get(end + 1).is_some_and(|t| t.is_word() && t.is_capitalised() && !is_month(t.text))
                && has_head(&toks, start, end, lex)
                && lex.org_kind(toks[end - 1].text).is_none()
                && !(end >= 2 && toks[end - 2].text == "of")
                && !place_at(end - 1)
                && !place_at(end + 1)
            {
                end += 2;
                continue;
            }
            // connectors, when a capitalised word follows them
            let mut k = end;
            while k < toks.len() && CONNECTORS.contains(&toks[k].text) && k - end < 2 {
                k += 1;
            }
            // "the Foundation on June 14", "Lee on Tuesday": a date after a connector is not
            // part of the name
            let date_after = is_month(toks.get(k).map_or("", |t| t.text))
                && toks.get(k + 1).is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()))
                || is_weekday(toks.get(k).map_or("", |t| t.text));
            // "on" joins the words of a body's name ("Council on Foreign Relations"), not a
            // person's name to what follows it ("Ann Lee on Monetary Policy")
            let on_without_body = toks.get(end).is_some_and(|t| t.text == "on") && !has_head(&toks, start, end, lex);
            if k > end
                && k < toks.len()
                && toks[k].is_word()
                && toks[k].is_capitalised()
                && !date_after
                && !on_without_body
                && !(toks[end].text == "and" && toks[end + 1].text == "the")
            {
                if toks[end].text == "and" && splits_at_and(&toks, start, end, lex) {
                    break;
                }
                // "a master's from the University of Washington and Ph.D. from ...": a degree
                // after "and" opens what comes next
                if matches!(toks[end].text, "and" | "&") && lex.degree(toks[k].text).is_some() {
                    break;
                }
                // "Ibrahim Thiaw of Mauritania", "Jerry Baker of Baker-Parker": a person's name,
                // then where they come from or work
                if toks[end].text == "of" && toks[end - 1].is_capitalised() {
                    // ("Judge Peter Varn of the U.S. Court of Appeals": past a title or honorific)
                    let titled = lex.name_titles.contains_key(&fold(toks[start].text))
                        || lex.honorifics.contains(&fold(toks[start].text));
                    let at = if titled && end - start >= 3 { start + 1 } else { start };
                    let first = toks[at].text;
                    let person = (lex.is_given_name(first) || lex.name_sex.contains_key(first))
                        && (2..=4).contains(&(end - at))
                        && !has_head(&toks, start, end, lex)
                        && toks[start..end].iter().all(|t| t.is_word() && t.is_capitalised());
                    if person {
                        break;
                    }
                }
                // "the Lifetime Achievement Award of the Eastern Medical Association": an honour
                // and who gives it are two names ("Medal of Freedom" is one)
                if toks[end].text == "of" && lex.has_award_word(toks[end - 1].text) {
                    let mut right = k;
                    while right < toks.len() && toks[right].is_word() && toks[right].is_capitalised() {
                        right += 1;
                    }
                    if has_head(&toks, k, right, lex) {
                        break;
                    }
                }
                end = k + 1;
                continue;
            }
            break;
        }
        let firm = firm_after(&toks, start, end, lex);
        if let Some(e) = series_after(&toks, start, end, lex).or(firm).or_else(|| campus_after(&toks, start, end, lex))
        {
            end = e;
        }
        let (m, next) = classify(&toks, start, end, text, base, lex, &mut tagger);
        // a firm's founders' names joined by "&" name a firm, whatever the tagger makes of them
        let m = match m {
            Some(m) if firm == Some(end) && !matches!(m.kind, MentionKind::Org(_)) && m.first_token == start => {
                Some(Mention { kind: MentionKind::Org(crate::lexicon::OrgKind::Company), confidence: None, ..m })
            }
            None if firm == Some(end) => {
                let name = join(&toks, start, end, text, base);
                Some(Mention {
                    start: toks[start].start,
                    end: toks[end - 1].end,
                    full_start: toks[start].start,
                    name,
                    kind: MentionKind::Org(crate::lexicon::OrgKind::Company),
                    acronym: None,
                    next_token: end,
                    first_token: start,
                    confidence: None,
                })
            }
            m => m,
        };
        if let Some(m) = m {
            out.push(m);
        }
        i = next.max(i + 1);
    }
    (toks, out)
}

/// "Goldman, Sachs & Company", "Cadwalader, Wickersham & Taft", "Fried, Frank, Harris, Shriver &
/// Jacobson LLP": a firm named after its founders, commas between their names and "&" before
/// the last (or "and" before the firm's head word). Returns the end of the whole name.
fn firm_after(toks: &[Token], start: usize, end: usize, lex: &Lexicon) -> Option<usize> {
    if end - start > 2 || toks.get(end).is_none_or(|t| t.text != ",") {
        return None;
    }
    let word =
        |k: usize| toks.get(k).is_some_and(|t| t.is_word() && t.is_capitalised() && !lex.places.contains(t.text));
    let company =
        |k: usize| toks.get(k).is_some_and(|t| lex.org_kind(t.text) == Some(crate::lexicon::OrgKind::Company));
    let mut k = end;
    // ", Name" as often as written, then "& Name" or "and Company"
    while toks.get(k).is_some_and(|t| t.text == ",") && word(k + 1) {
        k += 2;
        if word(k) && !toks.get(k).is_some_and(|t| matches!(t.text, "&" | "and")) {
            k += 1;
        }
    }
    let amp = toks.get(k).is_some_and(|t| t.text == "&");
    let and = toks.get(k).is_some_and(|t| t.text == "and");
    if k == end || !(amp && word(k + 1) || and && company(k + 1)) {
        return None;
    }
    let mut e = k + 2;
    // "... & Jacobson LLP"
    if toks.get(e).is_some_and(|t| matches!(t.text, "LLP" | "LLC" | "L.L.P." | "P.C.")) || company(e) {
        e += 1;
    }
    Some(e)
}

/// "the Global Fund to Fight AIDS, Tuberculosis and Malaria", "the College of Literature,
/// Science, and the Arts": an organisation's name whose last words are a series in commas,
/// closed by "and". The name has its head before "for", "to", "of" or "on"; the series is of
/// one to three capitalised words each, none of them a place, a given name or initials, none
/// the head of a name of its own. Returns the end of the whole name.
fn series_after(toks: &[Token], start: usize, end: usize, lex: &Lexicon) -> Option<usize> {
    let link = (start + 1..end.saturating_sub(1)).find(|&k| matches!(toks[k].text, "for" | "to" | "of" | "on"))?;
    if !has_head(toks, start, link, lex) || toks.get(end).is_none_or(|t| t.text != ",") {
        return None;
    }
    let plain = |t: &Token| {
        t.is_word()
            && t.is_capitalised()
            && !t.is_acronym()
            && !lex.places.contains(t.text)
            && !lex.is_given_name(t.text)
            && lex.org_kind(t.text).is_none()
    };
    if lex.places.contains(toks[end - 1].text) {
        return None;
    }
    let mut k = end;
    loop {
        // past the comma (and "and" or "&", and "the"), one to three plain words
        k += 1;
        let closing = toks.get(k).is_some_and(|t| matches!(t.text, "and" | "&"));
        if closing {
            k += 1;
        }
        if closing && toks.get(k).is_some_and(|t| t.text == "the") {
            k += 1;
        }
        let from = k;
        while k < toks.len() && k - from < 3 && plain(&toks[k]) {
            k += 1;
        }
        if k == from || toks.get(k).is_some_and(|t| t.is_word() && t.is_capitalised()) {
            return None;
        }
        if closing {
            return Some(k);
        }
        match toks.get(k).map(|t| t.text) {
            Some(",") => {}
            // "Maternal, Newborn and Child Health": the last comma may be left out
            Some("and" | "&") => {
                k -= 1;
                continue;
            }
            _ => return None,
        }
    }
}

/// "the University of California, Riverside and ...": a campus named after its system, a
/// comma and the campus's place (one or two capitalised words, then the name clearly ends).
/// Returns the end of the whole name.
fn campus_after(toks: &[Token], start: usize, end: usize, lex: &Lexicon) -> Option<usize> {
    let of = (start + 1..end).rfind(|&k| toks[k].text == "of")?;
    if end - of > 3 || toks.get(end).is_none_or(|t| t.text != ",") {
        return None;
    }
    let head: Vec<&str> = toks[start..of].iter().map(|t| t.text).collect();
    if lex.org_kind(&head.join(" ")) != Some(OrgKind::Educational) {
        return None;
    }
    let mut q = end + 1;
    while q < toks.len()
        && q < end + 3
        && toks[q].is_word()
        && toks[q].is_capitalised()
        && !is_month(toks[q].text)
        && lex.org_kind(toks[q].text).is_none()
        && (!lex.is_given_name(toks[q].text)
            || q == end + 1 && lex.place_prefixes.contains(toks[q].text)
            || q == end + 2 && lex.place_prefixes.contains(toks[end + 1].text))
    {
        q += 1;
    }
    if q == end + 1 {
        return None;
    }
    // the name must end there: at the sentence's end, or before a lowercase word
    let lower_next = |k: usize| toks.get(k).is_none_or(|t| !t.is_capitalised());
    let ends = match toks.get(q).map(|t| t.text) {
        None | Some("." | ";" | ")" | ":") => true,
        Some("," | "and") => lower_next(q + 1),
        Some(w) => !toks[q].is_capitalised() && w.chars().all(char::is_alphabetic),
    };
    ends.then_some(q)
}

fn has_head(toks: &[Token], a: usize, b: usize, lex: &Lexicon) -> bool {
    let s: Vec<&str> = toks[a..b].iter().map(|t| t.text).collect();
    lex.org_kind(&s.join(" ")).is_some()
}

/// "Northfield Medical School and Saint Alder Valley Medical Center" are two names;
/// "Department of Parks and Rural Affairs" is one.
fn splits_at_and(toks: &[Token], start: usize, and: usize, lex: &Lexicon) -> bool {
    // the right side ends at the next coordinator ("Arts and Sciences and the National
    // Academy of Education": "Sciences" alone is the right side)
    let mut right_end = and + 1;
    while right_end < toks.len()
        && (toks[right_end].is_word()
            && !matches!(toks[right_end].text, "and" | "&")
            && (toks[right_end].is_capitalised() || CONNECTORS.contains(&toks[right_end].text))
            // ("Children's Hospital of Wisconsin": through a possessive)
            || matches!(toks[right_end].text, "'s" | "’s") && toks.get(right_end + 1).is_some_and(Token::is_capitalised))
    {
        right_end += 1;
    }
    // "Deputy Mayor Helen Sol and Dr. Oren Vasquez": an honorific or a title after "and" opens
    // another person's name
    let titled_after = lex.honorifics.contains(&fold(toks[and + 1].text))
        || lex.name_titles.contains_key(&fold(toks[and + 1].text))
            && toks.get(and + 2).is_some_and(|t| t.is_capitalised())
            && !has_head(toks, and + 1, right_end, lex);
    if titled_after && !has_head(toks, start, and, lex) {
        return true;
    }
    // "the National Institutes of Health and Robert Abbey": a person's name after "and"
    let person_after = lex.is_given_name(toks[and + 1].text)
        && right_end > and + 2
        && !has_head(toks, and + 1, right_end, lex)
        && has_head(toks, start, and, lex);
    if person_after {
        return true;
    }
    // "Roger W. Ferguson Jr. and Edward M. Gramlich": two people's names
    let people = lex.is_given_name(toks[start].text)
        && lex.is_given_name(toks[and + 1].text)
        && and - start >= 2
        && right_end > and + 2
        && !has_head(toks, start, and, lex)
        && !has_head(toks, and + 1, right_end, lex);
    if people {
        return true;
    }
    // "(USATF President) Stephanie Hightower and IAAF Council Member P": a person's name, then
    // an organisation's
    let given = (start..and).find(|&q| lex.is_given_name(toks[q].text));
    let person_before = given.is_some_and(|g| {
        (2..=4).contains(&(and - g))
            && !has_head(toks, g, and, lex)
            && (has_head(toks, and + 1, right_end, lex) || toks[and + 1].is_acronym())
    });
    if person_before {
        return true;
    }
    // "the Medical College of Wisconsin and Director of the Center": a post after "and" (its
    // modifiers, a role word, then "of", "for" or the name's end) begins another phrase
    let mut r = and + 1;
    while r < right_end && lex.role_modifiers.contains(&toks[r].lower()) {
        r += 1;
    }
    let post_after = r < right_end
        && lex.roles.contains(&toks[r].lower())
        && toks
            .get(r + 1)
            .is_none_or(|t| matches!(t.text, "of" | "for" | "at" | "," | "." | ";") || !t.is_capitalised());
    if post_after && has_head(toks, start, and, lex) {
        return true;
    }
    // "the Medical Center at Brownsville and Children's Hospital": the campus after "at" ends
    // the first name ("Brigham and Women's Hospital" is one)
    let campus = start >= 2 && toks[start - 1].text == "at" && lex.org_heads.contains_key(&toks[start - 2].lower());
    // (the right side through possessives: "Children's Hospital")
    let mut far = and + 1;
    while far < toks.len()
        && (toks[far].is_word() && toks[far].is_capitalised() || matches!(toks[far].text, "'s" | "’s"))
    {
        far += 1;
    }
    if campus && and - start <= 2 && has_head(toks, and + 1, far, lex) && !has_head(toks, start, and, lex) {
        return true;
    }
    if !has_head(toks, start, and, lex) || !has_head(toks, and + 1, right_end, lex) {
        return false;
    }
    // "College of Potters and Weavers of Ridgeway University" is one name: the right side
    // reaches its head word through "of"; "Northfield Medical School and Ridgeway University" is two
    let left_ends_in_head = lex.org_kind(toks[and - 1].text).is_some();
    let head_at = (and + 1..right_end).find(|&k| lex.org_kind(toks[k].text).is_some()).unwrap_or(right_end);
    let of_before_head = (and + 1..head_at).any(|k| toks[k].text == "of");
    left_ends_in_head || !of_before_head
}

fn join(toks: &[Token], a: usize, b: usize, text: &str, base: usize) -> String {
    text[toks[a].start - base..toks[b - 1].end - base].to_owned()
}

/// Classifies tokens `[a, b)`; returns the mention and the index to continue from.
fn classify(
    toks: &[Token],
    mut a: usize,
    b: usize,
    text: &str,
    base: usize,
    lex: &Lexicon,
    tagger: &mut Tagger,
) -> (Option<Mention>, usize) {
    let full_start = toks[a].start;
    // leading function words ("At HMS", "The panel"), and the people of a body before the body
    // ("the Trustees of the Tarrow Foundation", "Directors of Brindle Corp."): the body is named
    loop {
        if a + 1 < b && lex.function_words.contains(&toks[a].lower()) {
            a += 1;
        } else if a + 2 < b && BODY_PEOPLE.contains(&toks[a].lower().as_str()) && toks[a + 1].text == "of" {
            a += 2;
        } else if a + 3 < b && matches!(toks[a].lower().as_str(), "past" | "former") {
            // "Past Presidents of the O": the holders of a post, before the body they held it in
            a += 1;
        } else if a + 2 < b
            && toks[a + 1].text == "of"
            && toks[a]
                .lower()
                .strip_suffix('s')
                .is_some_and(|r| lex.roles.contains(r) && !lex.roles.contains(&toks[a].lower()))
        {
            a += 2;
        } else {
            break;
        }
    }
    let mut title: Option<String> = None;
    let mut honorific = false;
    let mut president = false;
    let mut name_from = a;
    // "the General Services Administration": after "the", a title word opening an
    // organisation's name is part of that name
    let the_org = a > 0 && toks[a - 1].lower() == "the" && has_head(toks, a, b, lex);
    // honorifics and titles of office: "Dr.", "President", "BRA Secretary", "Comptroller General"
    loop {
        if name_from >= b || the_org {
            break;
        }
        let w = fold(toks[name_from].text);
        // ("M.S. and Ph.D.": a degree written with inner periods is no "Ms.", and no name opens
        // with a connector)
        let degree = toks[name_from].text.matches('.').count() >= 2 && lex.degree(toks[name_from].text).is_some();
        if lex.honorifics.contains(&w)
            && name_from + 1 < b
            && !degree
            && !CONNECTORS.contains(&toks[name_from + 1].text)
        {
            honorific = true;
            name_from += 1;
            continue;
        }
        let two = if name_from + 1 < b { Some(format!("{w} {}", fold(toks[name_from + 1].text))) } else { None };
        if let Some(t) = two.as_ref().filter(|t| lex.name_titles.contains_key(*t)) {
            if name_from + 2 < b && !CONNECTORS.contains(&toks[name_from + 2].text) {
                president |= lex.name_titles[t];
                title = Some(join(toks, name_from, name_from + 2, text, base));
                name_from += 2;
                continue;
            }
            // "the Comptroller General": a two-word title with no name after it is no person
            // named "General"
            break;
        }
        if let Some(&p) = lex.name_titles.get(&w) {
            if name_from + 1 < b
                && !CONNECTORS.contains(&toks[name_from + 1].text)
                && !matches!(toks[name_from + 1].text, "'s" | "’s")
            {
                president |= p;
                title = Some(toks[name_from].text.to_owned());
                name_from += 1;
                continue;
            }
        }
        // an acronym before a title: "BRA Secretary Alma R. Fenwick"
        if toks[name_from].is_acronym()
            && name_from + 2 < b
            && lex.name_titles.contains_key(&fold(toks[name_from + 1].text))
        {
            title = Some(join(toks, name_from, name_from + 2, text, base));
            name_from += 2;
            continue;
        }
        break;
    }
    // "NIH Director Names Dr. Helen Marsh" in a headline: the name starts after an honorific
    // further in; the plain words before it (no title, role, acronym or organisation) are not
    // part of it
    if let Some(h) = (name_from + 1..b.saturating_sub(1)).find(|&k| lex.honorifics.contains(&fold(toks[k].text))) {
        let plain = (name_from..h).all(|k| {
            let w = toks[k].lower();
            !lex.name_titles.contains_key(&fold(toks[k].text))
                && !lex.roles.contains(&w)
                && !lex.role_modifiers.contains(&w)
                && !toks[k].is_acronym()
        });
        if plain && !has_head(toks, name_from, h, lex) {
            honorific = true;
            name_from = h + 1;
        }
    }
    // acronym defined in parentheses after the run
    let mut next = b;
    let mut acronym = None;
    // ("BoV"), (“HHS”): quotes around it, and capitals mixed with lowercase, are allowed
    let quote = |k: usize| toks.get(k).is_some_and(|t| matches!(t.text, "\"" | "“" | "”" | "'" | "‘" | "’"));
    let inner = if quote(b + 1) { b + 2 } else { b + 1 };
    let close = if quote(inner + 1) { inner + 2 } else { inner + 1 };
    let short = |t: &Token| {
        let caps = t.text.chars().filter(|c| c.is_uppercase()).count();
        t.is_acronym() || (caps >= 2 && t.text.chars().count() <= 6 && t.text.chars().all(char::is_alphabetic))
    };
    if close < toks.len()
        && toks.get(b).is_some_and(|t| t.text == "(")
        && toks[close].text == ")"
        && short(&toks[inner])
        && (inner == b + 1) == (close == inner + 1)
    {
        acronym = Some(toks[inner].text.to_owned());
        next = close + 1;
    }
    let name = join(toks, name_from, b, text, base);
    let mk = |kind: MentionKind, acronym: Option<String>| Mention {
        start: toks[name_from].start,
        end: toks[b - 1].end,
        full_start,
        name: name.clone(),
        kind,
        acronym,
        next_token: next,
        first_token: a,
        confidence: None,
    };
    let n = b - name_from;
    let personal = title.is_some() || honorific;
    let head = lex.org_kind(&name);
    // "Chair Emerita", "Dean Emeritus": words after a title that belong to the title are no name
    // ("General Councillors": the plural of a role is no name either)
    let title_words = (name_from..b).all(|k| {
        let w = toks[k].lower();
        let one = w.strip_suffix('s').filter(|o| lex.roles.contains(*o));
        lex.roles.contains(&w) || lex.role_modifiers.contains(&w) || one.is_some()
    });
    if personal && title_words {
        return (None, next);
    }
    if personal && head.is_none() && n <= 4 {
        return (Some(mk(MentionKind::Person { title, honorific, president }, acronym)), next);
    }
    // the words from token `g` are a person, the words before them their title
    let titled_person = |g: usize| Mention {
        start: toks[g].start,
        name: join(toks, g, b, text, base),
        kind: MentionKind::Person { title: Some(join(toks, name_from, g, text, base)), honorific, president },
        ..mk(MentionKind::Unknown, acronym.clone())
    };
    // "Secretary of State Rex Tillerson": after a title of office and "of", the title's field
    // and then the person's name (the run broke at the title)
    if (3..=4).contains(&n)
        && name_from >= 2
        && toks[name_from - 1].text == "of"
        && lex.name_titles.contains_key(&fold(toks[name_from - 2].text))
        && !has_head(toks, name_from, b, lex)
        && toks[name_from..b].iter().all(|t| t.is_word() && t.is_capitalised())
    {
        let g = if n == 4 && toks[b - 2].is_initial() { b - 3 } else { b - 2 };
        if g > name_from && !lex.places.contains(toks[g].text) && !lex.roles.contains(&toks[g].lower()) {
            return (
                Some(Mention {
                    start: toks[g].start,
                    full_start: toks[name_from - 2].start,
                    name: join(toks, g, b, text, base),
                    kind: MentionKind::Person {
                        title: Some(join(toks, name_from - 2, g, text, base)),
                        honorific,
                        president,
                    },
                    ..mk(MentionKind::Unknown, acronym.clone())
                }),
                next,
            );
        }
    }
    // "Harlow Mutual Chairman Paul Foster": a title word, then a given name starting the last
    // two or three words: those words are the person, the words before their title
    if n >= 3 {
        // "Secretary-General": a title of two words joined by a hyphen
        let title_word = |k: usize| {
            let w = toks[k].lower();
            std::iter::once(w.as_str())
                .chain(w.split('-'))
                .any(|p| lex.roles.contains(p) || lex.name_titles.contains_key(&fold(p)))
        };
        let given = |k: usize| lex.is_given_name(toks[k].text) || lex.name_sex.contains_key(toks[k].text);
        let at = (b.saturating_sub(3).max(name_from + 1)..b.saturating_sub(1)).find(|&g| {
            title_word(g - 1)
                && given(g)
                && toks[g..b].iter().all(|t| t.is_word() && t.is_capitalised())
                && !has_head(toks, g, b, lex)
        });
        if let Some(g) = at {
            return (Some(titled_person(g)), next);
        }
    }
    // "Associate Director for Laboratory Programs": a name right after a post and "for" whose
    // head word only qualifies its last word is the post's portfolio
    // ("Professor in the Social Sciences": its field)
    let slot_at = if a >= 3 && toks[a - 1].text == "the" && toks[a - 2].text == "in" { a - 1 } else { a };
    let portfolio = slot_at >= 2
        && matches!(toks[slot_at - 1].text, "for" | "in")
        && lex.roles.contains(&toks[slot_at - 2].lower())
        && acronym.is_none()
        && !lex.core_ends_in_head(&name);
    if let Some(kind) = head.filter(|_| !portfolio) {
        let single_generic = n == 1 && lex.org_heads.contains_key(&toks[name_from].lower());
        if !single_generic {
            let mut m = mk(MentionKind::Org(kind), acronym);
            // "National Archive of Maps/NRI": the unit, then its parent's acronym
            if let Some((unit, parent)) = m.name.rsplit_once('/') {
                if parent.len() >= 2 && parent.chars().all(|c| c.is_ascii_uppercase()) && lex.org_kind(unit).is_some() {
                    m.end -= parent.len() + 1;
                    m.name = unit.to_owned();
                }
            }
            return (Some(m), next);
        }
        return (None, next);
    }
    if lex.places.contains(&name) {
        return (Some(mk(MentionKind::Place, None)), next);
    }
    // a name the reference data gives (`build --reference`), which the vocabularies do not type
    match lex.reference.kind(&name) {
        Some(None) => return (Some(mk(MentionKind::Person { title, honorific, president }, acronym)), next),
        Some(Some(kind)) => return (Some(mk(MentionKind::Org(kind), acronym)), next),
        None => {}
    }
    // "the Solicitor General": a title alone names no one and nothing
    if lex.is_title_phrase(&name) {
        return (None, next);
    }
    // a lone function word ("He", "In", "The") names nothing: no need to ask the tagger
    if n == 1 && lex.function_words.contains(&toks[name_from].lower()) {
        return (None, next);
    }
    // what the entity tagger says of the whole name, when the vocabularies say nothing surer;
    // "Professor of International Affairs": after an academic title, "of" names a field, not
    // an organisation (one with a head word was typed above)
    let field_slot = a >= 2
        && toks[a - 1].text == "of"
        && matches!(toks[a - 2].lower().as_str(), "professor" | "professorship" | "lecturer" | "instructor" | "chair")
        || portfolio;
    // a title ("Innovation Professor") or a degree ("M.S.") is no name, whatever the tagger says
    let titled = lex.roles.contains(&toks[b - 1].lower())
        || lex.degree(&name).is_some()
        || lex.post_nominals.contains(&fold(&name));
    let model =
        if titled { None } else { tagger.exact(name_from, b).filter(|m| !(field_slot && m.label == NerLabel::Org)) };
    let typed = |kind: MentionKind, conf: f32| Mention { confidence: Some(conf), ..mk(kind, acronym.clone()) };
    let has_initial = toks[name_from..b].iter().skip(1).any(Token::is_initial) && n >= 3;
    let followed_by_postnominal = toks.get(b).is_some_and(|t| t.text == ",")
        && toks.get(b + 1).is_some_and(|t| lex.post_nominals.contains(&fold(t.text)));
    let given = lex.is_given_name(toks[name_from].text);
    let all_words = toks[name_from..b].iter().all(|t| t.is_word() && !CONNECTORS.contains(&t.text));
    // "Lexmark's board", "Brindle International's chairman": a name whose possessive owns a
    // board, its staff or a post is an organisation's, unless it reads as a person's
    let owns_post = toks.get(b).is_some_and(|t| matches!(t.text, "'s" | "’s"))
        && toks.get(b + 1).is_some_and(|t| {
            let w = t.lower();
            matches!(
                w.as_str(),
                "board" | "shareholders" | "employees" | "headquarters" | "subsidiary" | "division" | "unit"
            ) || (lex.roles.contains(&w) && !matches!(w.as_str(), "member" | "fellow" | "partner"))
        });
    let model = match model {
        None if owns_post && !lex.is_given_name(toks[name_from].text) && all_words_no_person(toks, name_from, b) => {
            Some(NerSpan { start_token: name_from, end_token: b, label: NerLabel::Org, confidence: MIN_CONFIDENCE })
        }
        m => m,
    };
    let sure_org = model.filter(|m| m.label == NerLabel::Org && m.confidence >= 0.9);
    if all_words
        && (2..=4).contains(&n)
        && (has_initial || followed_by_postnominal || (given && n <= 3))
        && sure_org.is_none()
    {
        return (Some(mk(MentionKind::Person { title, honorific, president }, acronym)), next);
    }
    if let Some(m) = model {
        let kind = match m.label {
            NerLabel::Person if all_words && n <= 5 => {
                Some(MentionKind::Person { title: title.clone(), honorific, president })
            }
            NerLabel::Org => Some(MentionKind::Org(OrgKind::Organization)),
            NerLabel::Place => Some(MentionKind::Place),
            NerLabel::Law => Some(MentionKind::Org(OrgKind::Legislation)),
            NerLabel::Person => None,
        };
        if let Some(kind) = kind {
            return (Some(typed(kind, m.confidence)), next);
        }
    }
    // "Secretary of the Interior Dirk Kempthorne": a given name and a surname ending a run
    // that went through "of" are a person, the words before their title
    if n >= 4 && (name_from..b).any(|k| toks[k].text == "of") {
        let g = if b - name_from >= 3 && toks[b - 2].is_initial() { b - 3 } else { b - 2 };
        let given_at_end = lex.is_given_name(toks[g].text)
            && toks[g..b].iter().all(|t| t.is_word() && t.is_capitalised())
            && !CONNECTORS.contains(&toks[g - 1].text)
            && lex.org_kind(toks[b - 1].text).is_none();
        if given_at_end {
            return (Some(titled_person(g)), next);
        }
    }
    // "Former Treasury Secretary Ilse Varn": the person the tagger finds at the end of the run
    if n >= 3 && !has_head(toks, name_from, b, lex) {
        // (a name opens with a capital, not a connector, and holds no degree: "M.S. and Ph.D.")
        let named = |p: &NerSpan| {
            p.end_token - p.start_token >= 2
                && toks[p.start_token].is_capitalised()
                && !CONNECTORS.contains(&toks[p.start_token].text)
                && !toks[p.start_token..b].iter().any(|t| lex.degree(t.text).is_some())
        };
        if let Some(p) = tagger.person_ending(name_from, b).filter(named) {
            let written = join(toks, name_from, p.start_token, text, base);
            let m = Mention {
                start: toks[p.start_token].start,
                name: join(toks, p.start_token, b, text, base),
                kind: MentionKind::Person { title: Some(written), honorific, president },
                confidence: Some(p.confidence),
                ..mk(MentionKind::Unknown, acronym.clone())
            };
            return (Some(m), next);
        }
    }
    if n == 1 {
        if toks[name_from].is_acronym() {
            return (Some(mk(MentionKind::Acronym, None)), next);
        }
        if !lex.function_words.contains(&toks[name_from].lower()) {
            return (Some(mk(MentionKind::Surname, acronym)), next);
        }
        return (None, next);
    }
    (Some(mk(MentionKind::Unknown, acronym)), next)
}

/// No initial, post-nominal or given name among tokens `[a, b)`: nothing says a person.
fn all_words_no_person(toks: &[Token], a: usize, b: usize) -> bool {
    toks[a..b].iter().all(|t| t.is_word() && !t.is_initial())
}

/// Splits a person's name into (given names, surname), dropping post-nominals.
#[must_use]
pub fn name_parts(name: &str, lex: &Lexicon) -> (Vec<String>, String) {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .filter(|w| !lex.post_nominals.contains(&fold(w)))
        .collect();
    match words.split_last() {
        Some((last, rest)) => (rest.iter().map(|s| (*s).to_owned()).collect(), (*last).to_owned()),
        None => (Vec::new(), String::new()),
    }
}

/// "Durham, N.C.-based Duke Health", "Annapolis-based Severn Bank": where a name at token `k`
/// is an adjective of place before the name it describes, the token after it.
#[must_use]
pub fn place_adjective_end(toks: &[Token], lex: &Lexicon, k: usize) -> Option<usize> {
    // ("-based" or "-" "based" closes it)
    let suffix_at = |q: usize| -> Option<usize> {
        let t = toks.get(q)?;
        if let Some(s) = t.text.strip_prefix('-') {
            if lex.compound_suffixes.contains(&s.to_lowercase()) {
                return Some(q + 1);
            }
        }
        (t.text == "-" && toks.get(q + 1).is_some_and(|n| lex.compound_suffixes.contains(&n.lower()))).then_some(q + 2)
    };
    // capitalised words (and the periods of abbreviations), at most four
    let run = |from: usize| {
        let mut q = from;
        let capital = |t: &Token| {
            t.text.starts_with(|c: char| c.is_uppercase()) && t.text.chars().all(|c| c.is_alphabetic() || c == '.')
        };
        while q < toks.len() && q < from + 5 && (capital(&toks[q]) || toks[q].text == "." && q > from) {
            q += 1;
        }
        q
    };
    let q = run(k);
    if q == k {
        return None;
    }
    if let Some(e) = suffix_at(q) {
        return Some(e);
    }
    if toks.get(q).is_some_and(|t| t.text == ",") {
        let r = run(q + 1);
        if r > q + 1 {
            return suffix_at(r);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, MentionKind)> {
        let lex = Lexicon::load().unwrap();
        find(text, 0, &lex).1.into_iter().map(|m| (m.name, m.kind)).collect()
    }

    #[test]
    fn tokens_keep_initials_and_split_possessives() {
        let lex = Lexicon::load().unwrap();
        let t: Vec<&str> =
            tokens("Dr. Jane Q. Rivera's M.D. work at U.S. BRA.", 0, &lex).iter().map(|t| t.text).collect();
        assert_eq!(t, ["Dr.", "Jane", "Q.", "Rivera", "'s", "M.D.", "work", "at", "U.S.", "BRA", "."]);
    }

    #[test]
    fn finds_people_organisations_and_acronyms() {
        let k = kinds("As chair of the Zorblat Standards Panel under President Quentin R. Voss, Dr. Mira Okafor met Northfield Medical School and Saint Alder Valley Medical Center.");
        assert!(k.contains(&("Zorblat Standards Panel".into(), MentionKind::Org(OrgKind::Committee))));
        assert!(k
            .iter()
            .any(|(n, m)| n == "Quentin R. Voss" && matches!(m, MentionKind::Person { president: true, .. })));
        assert!(k.iter().any(|(n, m)| n == "Mira Okafor" && matches!(m, MentionKind::Person { honorific: true, .. })));
        assert!(k.contains(&("Northfield Medical School".into(), MentionKind::Org(OrgKind::Educational))));
        assert!(k.contains(&("Saint Alder Valley Medical Center".into(), MentionKind::Org(OrgKind::Medical))));
        let lex = Lexicon::load().unwrap();
        let (_, ms) = find("The Board of Wardens (\"BoW\") met.", 0, &lex);
        assert_eq!(ms[0].acronym.as_deref(), Some("BoW"), "{ms:?}");
        let k = kinds("the Department of Parks and Rural Affairs (DPRA) said");
        assert_eq!(k[0].0, "Department of Parks and Rural Affairs");
        let k = kinds("as director of the Bureau of Parks and Robert Quell as treasurer");
        assert_eq!(k[0].0, "Bureau of Parks", "{k:?}");
    }

    #[test]
    fn a_campus_named_after_its_system_is_one_name() {
        let k = kinds("She was provost of the University of Eastland, Northport and dean at the University of Eastland, Santa Quill.");
        assert!(k.iter().any(|(n, _)| n == "University of Eastland, Northport"), "{k:?}");
        assert!(k.iter().any(|(n, _)| n == "University of Eastland, Santa Quill"), "{k:?}");
        // a list of schools, or a person after the comma, is not a campus
        let k = kinds("He studied at the University of Eastland, Tarrow College and Northport University.");
        assert!(k.iter().any(|(n, _)| n == "University of Eastland"), "{k:?}");
        let k = kinds("At the University of Eastland, Maria Quell leads.");
        assert!(k.iter().any(|(n, _)| n == "University of Eastland"), "{k:?}");
    }

    #[test]
    fn a_name_with_and_inside_keeps_it_before_the_next_name() {
        let k =
            kinds("She was elected to the Tarrow Academy of Arts and Sciences and the Northport Academy of Letters.");
        assert!(k.iter().any(|(n, _)| n == "Tarrow Academy of Arts and Sciences"), "{k:?}");
        assert!(k.iter().any(|(n, _)| n == "Northport Academy of Letters"), "{k:?}");
    }

    #[test]
    fn in_joins_a_bodys_name_but_not_a_place() {
        let k = kinds("She joined the Society for Quarrymen in Engineering and Tarrow College in Ohio.");
        assert!(k.iter().any(|(n, _)| n == "Society for Quarrymen in Engineering"), "{k:?}");
        assert!(k.iter().any(|(n, _)| n == "Tarrow College"), "{k:?}");
        let k = kinds("Outgoing CEO Erik Quell spoke.");
        assert!(!k.iter().any(|(n, _)| n.starts_with("Outgoing")), "{k:?}");
    }

    #[test]
    fn a_weekday_or_a_topic_after_on_is_not_part_of_a_name() {
        let k = kinds("Tovan Q. Reswick on Tuesday was named head of the Quarrel Bank of Eastfield on Monday.");
        assert!(k.iter().any(|(n, m)| n == "Tovan Q. Reswick" && matches!(m, MentionKind::Person { .. })), "{k:?}");
        assert!(k.iter().any(|(n, _)| n == "Quarrel Bank of Eastfield"), "{k:?}");
        let k = kinds("She sits on the Council on Harbour Affairs. Ann Reswick on Monetary Policy spoke.");
        assert!(k.iter().any(|(n, _)| n == "Council on Harbour Affairs"), "{k:?}");
        assert!(!k.iter().any(|(n, _)| n.starts_with("Ann Reswick on")), "{k:?}");
    }

    #[test]
    fn a_series_in_commas_closed_by_and_ends_an_organisation_s_name_but_places_do_not() {
        for (text, name) in [
            (
                "She co-chaired the Partnership for Maternal, Newborn and Child Health.",
                "Partnership for Maternal, Newborn and Child Health",
            ),
            (
                "He taught in the College of Literature, Science, and the Arts at Tarrow.",
                "College of Literature, Science, and the Arts",
            ),
            (
                "She chaired the Committee on Health, Education, Labor and Pensions.",
                "Committee on Health, Education, Labor and Pensions",
            ),
        ] {
            let k = kinds(text);
            assert!(k.iter().any(|(n, _)| n == name), "{name}: {k:?}");
        }
        // a list of places, or of names of their own, after the comma is no part of the name
        let k = kinds("He visited the University of Tarrow, Ohio and Quell College.");
        assert!(k.iter().any(|(n, _)| n == "University of Tarrow"), "{k:?}");
        let k = kinds("She spoke at the Department of Energy, NASA and the Tarrow Institute.");
        assert!(k.iter().any(|(n, _)| n == "Department of Energy"), "{k:?}");
    }

    #[test]
    fn a_firm_named_after_its_founders_keeps_the_comma_between_their_names() {
        let k = kinds("He was a partner at Quell, Lomax & Company until 1990.");
        assert!(k.iter().any(|(n, _)| n == "Quell, Lomax & Company"), "{k:?}");
        for (text, name) in [
            ("She joined Quell, Varn & Brant as a partner.", "Quell, Varn & Brant"),
            (
                "Jo Rule of Fried, Frank, Harris, Varn & Brant has joined Cadwalader, Quell & Taft.",
                "Cadwalader, Quell & Taft",
            ),
            ("He left Lomax, Frank, Harris, Varn & Brant LLP in 2004.", "Lomax, Frank, Harris, Varn & Brant LLP"),
        ] {
            let k = kinds(text);
            assert!(k.iter().any(|(n, _)| n == name), "{name}: {k:?}");
        }
        // a place after the comma is where the firm is, not a founder
        let k = kinds("He was a partner at Quell Partners, Ohio and Lomax Company.");
        assert!(!k.iter().any(|(n, _)| n.contains(", Ohio")), "{k:?}");
    }

    #[test]
    fn a_headline_verb_with_re_before_it_ends_a_name() {
        let k = kinds("Harrow Savings Bank Re-Elects Its Chair");
        assert!(k.iter().any(|(n, _)| n == "Harrow Savings Bank"), "{k:?}");
    }

    #[test]
    fn a_degree_after_and_is_no_part_of_the_name_before_it() {
        let k = kinds("She holds a master's degree from the University of Tarrow and Ph.D. from Harrow College.");
        assert!(k.iter().any(|(n, _)| n == "University of Tarrow"), "{k:?}");
    }

    #[test]
    fn a_person_and_an_organisation_are_two_names() {
        let k = kinds("She thanked Stephanie Quell and IAAF Council members.");
        assert!(k.iter().any(|(n, _)| n == "Stephanie Quell"), "{k:?}");
        let k = kinds("Harrow President Stephanie Quell and IAAF Council Member Jo Varn spoke.");
        assert!(k.iter().any(|(n, _)| n == "Stephanie Quell"), "{k:?}");
        let k = kinds("He founded Brigham and Women's Hospital.");
        assert!(!k.iter().any(|(n, _)| n == "Brigham"), "{k:?}");
    }

    #[test]
    fn an_irregular_plurals_possessive_stays_inside_a_name() {
        let k = kinds("She led nursing at Ridley and Women's Hospital until 2001.");
        assert!(k.contains(&("Ridley and Women's Hospital".into(), MentionKind::Org(OrgKind::Medical))), "{k:?}");
        let k = kinds("He praised Ridley's Office of Budget.");
        assert!(!k.iter().any(|(n, _)| n.starts_with("Ridley's")), "{k:?}");
    }

    #[test]
    fn a_name_whose_possessive_owns_a_board_or_a_post_is_an_organisation() {
        let k = kinds("Tarrowmark's board of directors met. Quillon Systems's chairman spoke.");
        assert!(k.contains(&("Tarrowmark".into(), MentionKind::Org(OrgKind::Organization))), "{k:?}");
        assert!(k.contains(&("Quillon Systems".into(), MentionKind::Org(OrgKind::Organization))), "{k:?}");
        let k = kinds("Robert Quell's chairman spoke.");
        assert!(!k.iter().any(|(_, m)| matches!(m, MentionKind::Org(_))), "{k:?}");
    }

    #[test]
    fn a_title_or_a_degree_is_no_name_whatever_the_tagger_says() {
        let k = kinds(
            "As Tarrowmark Innovation Professor at Northfield Medical School, she taught. She holds an M.S. degree.",
        );
        assert!(
            !k.iter().any(|(n, m)| n.ends_with("Professor") && matches!(m, MentionKind::Org(_) | MentionKind::Place)),
            "{k:?}"
        );
        assert!(!k.iter().any(|(n, m)| n == "M.S." && matches!(m, MentionKind::Org(_) | MentionKind::Place)), "{k:?}");
    }

    #[test]
    fn titles_inside_and_before_names() {
        let k = kinds("the nomination of Jo Lane as administrator of the General Supplies Administration.");
        assert!(
            k.contains(&("General Supplies Administration".into(), MentionKind::Org(OrgKind::Government))),
            "{k:?}"
        );
        let k = kinds("Secretary of the Interior Robert Quell praised the vote.");
        assert!(k.iter().any(|(n, m)| n == "Robert Quell" && matches!(m, MentionKind::Person { .. })), "{k:?}");
    }

    #[test]
    fn a_cabinet_titles_field_and_the_name_after_it() {
        let k = kinds("Following the departure of former Secretary of State Rexford Quell in March, she spoke.");
        assert!(k.iter().any(|(n, m)| n == "Rexford Quell" && matches!(m, MentionKind::Person { .. })), "{k:?}");
        assert!(!k.iter().any(|(n, _)| n.starts_with("State")), "{k:?}");
    }

    #[test]
    fn two_peoples_names_joined_by_and_are_two_names() {
        let k = kinds("The board grew when Roger W. Quell Jr. and Edward M. Sorel took office.");
        let people: Vec<&str> =
            k.iter().filter(|(_, m)| matches!(m, MentionKind::Person { .. })).map(|(n, _)| n.as_str()).collect();
        assert_eq!(people, ["Roger W. Quell Jr.", "Edward M. Sorel"], "{k:?}");
    }

    #[test]
    fn a_titles_possessive_stays_inside_a_name() {
        let k = kinds("He joined the President's Council on Rural Affairs in 2001.");
        assert!(
            k.contains(&("President's Council on Rural Affairs".into(), MentionKind::Org(OrgKind::Committee))),
            "{k:?}"
        );
    }

    #[test]
    fn title_before_name_and_acronym_definition() {
        let lex = Lexicon::load().unwrap();
        let (_, ms) = find("BRA Secretary Alma R. Fenwick praised the Recovery Act (RA).", 0, &lex);
        assert_eq!(ms[0].name, "Alma R. Fenwick");
        assert!(matches!(&ms[0].kind, MentionKind::Person { title: Some(t), .. } if t == "BRA Secretary"));
        assert_eq!(ms[1].acronym.as_deref(), Some("RA"));
        assert_eq!(ms[1].kind, MentionKind::Org(OrgKind::Legislation));
    }
}
