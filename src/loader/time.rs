//! Time expressions: years, ranges ("1998-2019", "from 1992 to 1995", "since 2016", "(1984-)"),
//! and dates ("May 6, 2004", "August 1984").

use regex::Regex;
use std::sync::LazyLock;

/// A point in time at the precision the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct When {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12, when given.
    pub month: Option<u8>,
    /// The day of the month, when given.
    pub day: Option<u8>,
}

impl When {
    /// A year alone.
    #[must_use]
    pub fn year(year: i32) -> Self {
        When { year, month: None, day: None }
    }

    /// The lexical form and XSD datatype local name (`gYear`, `gYearMonth`, `date`).
    #[must_use]
    pub fn lexical(&self) -> (String, &'static str) {
        match (self.month, self.day) {
            (Some(m), Some(d)) => (format!("{:04}-{m:02}-{d:02}", self.year), "date"),
            (Some(m), None) => (format!("{:04}-{m:02}", self.year), "gYearMonth"),
            _ => (format!("{:04}", self.year), "gYear"),
        }
    }
}

const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// The number (1 to 12) of the month a word names, in full or shortened to three letters or
/// more ("Sept." too); `None` for any other word.
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .zip(full)
        .position(|(short, long)| long.starts_with(&w) && w.starts_with(short) || w == "sept" && *short == "sep")
        .and_then(|i| u8::try_from(i + 1).ok())
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(1[89]\d\d|20\d\d)\b").expect("static regex"));
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    // years, each with an optional numeric month (and day) before it ("1/2018 – 12/2020",
    // "7/20/2007 to 9/30/2021")
    Regex::new(r"(?i)\b(?:from\s+)?(?:(\d{1,2})/(?:\d{1,2}/)?)?(1[89]\d\d|20\d\d)\s*(?:-|–|—|\bto\b|\buntil\b|\bthrough\b)\s*(?:(\d{1,2})/(?:\d{1,2}/)?)?(1[89]\d\d\b|20\d\d\b|present\b|now\b|today\b)?").expect("static regex")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?:(\d{1,2}),?\s+)?(1[89]\d\d|20\d\d)\b").expect("static regex")
});

/// A time span found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// Where it starts.
    pub start: Option<When>,
    /// Where it ends (`None` when open or not given).
    pub end: Option<When>,
    /// "present", "now", or an open range such as "(1984-)"
    pub open: bool,
}

/// Every full date ("May 6, 2004", "August 1984") in the text, with its byte span.
#[must_use]
pub fn dates(text: &str) -> Vec<(usize, usize, When)> {
    DATE.captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let year: i32 = c.get(3)?.as_str().parse().ok()?;
            let mon = month_number(c.get(1)?.as_str());
            let day = c.get(2).and_then(|d| d.as_str().parse::<u8>().ok()).filter(|d| (1..=31).contains(d));
            Some((m.start(), m.end(), When { year, month: mon, day }))
        })
        .collect()
}

/// All four-digit years in the text.
#[must_use]
pub fn years(text: &str) -> Vec<When> {
    YEAR.find_iter(text).filter_map(|m| m.as_str().parse().ok()).map(When::year).collect()
}

/// The first time span in the text: a range, "since Y", "until Y", a date, or a single year.
#[must_use]
pub fn span(text: &str) -> Option<Span> {
    let lower = text.to_lowercase();
    if let Some(c) = RANGE.captures(text) {
        let whole = c.get(0)?.as_str();
        let month = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u8>().ok()).filter(|m| (1..=12).contains(m));
        let start = c.get(2).and_then(|m| m.as_str().parse().ok()).map(When::year);
        let end_txt = c.get(4).map(|m| m.as_str().to_lowercase());
        let joined = whole.contains('-') || whole.contains('–') || whole.contains('—') || end_txt.is_some();
        if joined {
            let end = end_txt.as_deref().and_then(|e| e.parse().ok()).map(When::year);
            let end = end.map(|e| When { month: month(3), ..e });
            let open = end.is_none();
            // a month-precise start ("August 1984 - ...", "1/2018 - ...") is kept at its precision
            let start = start.map(|s| match month(1) {
                Some(m) => When { month: Some(m), ..s },
                None => refine(text, s),
            });
            return Some(Span { start, end, open });
        }
    }
    let d = dates(text);
    let first_year = years(text).into_iter().next()?;
    let when = d.first().map(|x| x.2).filter(|w| w.year == first_year.year).unwrap_or(first_year);
    let pos = lower.find(&first_year.year.to_string()).unwrap_or(0);
    let before = &lower[..pos];
    let tail = before.trim_end().rsplit(' ').next().unwrap_or("");
    if tail == "until" || tail == "through" {
        return Some(Span { start: None, end: Some(when), open: false });
    }
    // "from August 2003 until his appointment as R in November 2004": the end is the date of
    // the event that ended it
    let after = &lower[pos + 4..];
    let until = after
        .strip_prefix(" until ")
        .filter(|r| ["his ", "her ", "their ", "its ", "the "].iter().any(|p| r.starts_with(p)));
    if let Some(rest) = until {
        let near = &rest[..rest.char_indices().nth(100).map_or(rest.len(), |(i, _)| i)];
        if let Some(y) = years(near).into_iter().next().filter(|y| y.year >= when.year) {
            let from = text.len() - rest.len();
            let end = dates(&text[from..]).first().map(|d| d.2).filter(|d| d.year == y.year).unwrap_or(y);
            return Some(Span { start: Some(when), end: Some(end), open: false });
        }
    }
    Some(Span { start: Some(when), end: None, open: tail == "since" })
}

/// "today", "currently", "this year" ▶ the document's date; "yesterday", "last week", "last
/// month" ▶ its month (the day is not known).
#[must_use]
pub fn relative(text: &str, doc: Option<When>) -> Option<When> {
    let doc = doc?;
    let lower = text.to_lowercase();
    let has = |w: &str| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .collect::<Vec<_>>()
            .windows(w.split(' ').count())
            .any(|x| x.join(" ") == w)
    };
    if has("today") || has("this week") {
        return Some(doc);
    }
    if has("yesterday") || has("last week") || has("this month") || has("last month") {
        return Some(When { day: None, ..doc });
    }
    None
}

const NUMBERS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// "for 25 years", "for twelve years" ▶ the number of years.
#[must_use]
pub fn duration_years(text: &str) -> Option<i32> {
    static FOR_YEARS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:for|after) (?:the (?:past|previous|last) )?(\d{1,2}|[a-z]+(?:-[a-z]+)?) years\b")
            .expect("static regex")
    });
    let c = FOR_YEARS.captures(text)?;
    let n = c.get(1)?.as_str().to_lowercase();
    if let Ok(v) = n.parse() {
        return Some(v);
    }
    let (tens, unit) = n.split_once('-').unwrap_or((n.as_str(), ""));
    let t = match tens {
        "thirty" => 30,
        "forty" => 40,
        "twenty" if !unit.is_empty() => 20,
        other => return NUMBERS.iter().position(|w| *w == other).and_then(|i| i32::try_from(i).ok()),
    };
    let u = NUMBERS.iter().position(|w| *w == unit).and_then(|i| i32::try_from(i).ok()).unwrap_or(0);
    Some(t + u)
}

fn refine(text: &str, year: When) -> When {
    dates(text).into_iter().map(|d| d.2).find(|d| d.year == year.year).unwrap_or(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_ended_by_an_event_and_one_of_full_numeric_dates() {
        let s =
            span("was Deputy Governor from August 2003 until his appointment as Minister in November 2004.").unwrap();
        let ym = |w: Option<When>| w.map(|w| (w.year, w.month));
        assert_eq!((ym(s.start), ym(s.end), s.open), (Some((2003, Some(8))), Some((2004, Some(11))), false));
        // an event with no date keeps the span open-ended
        let s = span("was Deputy Governor from August 2003 until his appointment as Minister.").unwrap();
        assert_eq!(s.end, None);
        let s = span("President from 7/20/2007 to 9/30/2021").unwrap();
        assert_eq!((ym(s.start), ym(s.end)), (Some((2007, Some(7))), Some((2021, Some(9)))));
    }

    #[test]
    fn reads_ranges_open_ranges_and_single_years() {
        let s = span("Saint Alder Valley Medical Center, 1998-2019.").unwrap();
        assert_eq!((s.start, s.end), (Some(When::year(1998)), Some(When::year(2019))));
        let s = span("From 1992 to 1995 he served").unwrap();
        assert_eq!((s.start, s.end), (Some(When::year(1992)), Some(When::year(1995))));
        let s = span("Term 1: 1/2018 – 12/2020").unwrap();
        let (jan, dec) = (When { month: Some(1), ..When::year(2018) }, When { month: Some(12), ..When::year(2020) });
        assert_eq!((s.start, s.end), (Some(jan), Some(dec)));
        assert_eq!(span("13/2018 - 2019").unwrap().start, Some(When::year(2018)), "not a month");
        let s = span("Director (1984-)").unwrap();
        assert_eq!((s.start, s.end, s.open), (Some(When::year(1984)), None, true));
        let s = span("since 2016").unwrap();
        assert!(s.open && s.start == Some(When::year(2016)));
        let s = span("until 2012").unwrap();
        assert_eq!((s.start, s.end), (None, Some(When::year(2012))));
        assert!(span("no time here").is_none());
    }

    #[test]
    fn durations_and_relative_dates() {
        assert_eq!(duration_years("he served there for 25 years."), Some(25));
        assert_eq!(duration_years("For the previous twelve years, he led it"), Some(12));
        assert_eq!(duration_years("for twenty-five years"), Some(25));
        assert_eq!(duration_years("for years"), None);
        let doc = Some(When { year: 2004, month: Some(5), day: Some(6) });
        assert_eq!(relative("announced today", doc), doc);
        assert_eq!(relative("created last week", doc), Some(When { year: 2004, month: Some(5), day: None }));
        assert_eq!(relative("announced today", None), None);
        assert_eq!(relative("nothing here", doc), None);
    }

    #[test]
    fn reads_full_dates_at_their_precision() {
        let d = dates("May 6, 2004 and in August 1984");
        assert_eq!(d[0].2.lexical(), ("2004-05-06".to_owned(), "date"));
        assert_eq!(d[1].2.lexical(), ("1984-08".to_owned(), "gYearMonth"));
        assert_eq!(When::year(2020).lexical().1, "gYear");
    }
}
