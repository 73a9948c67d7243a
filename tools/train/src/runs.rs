//! The tagger as relate asks it (src/loader/mention.rs, `Tagger`): a capitalised run is tagged
//! with two words of context on each side, and the model's label counts only when one span
//! covers exactly the run with confidence ≥ 0.6. The runs here follow relate's growth roughly
//! (capitalised words joined by connectors that have a capitalised word after them; leading
//! function words, honorifics and titles such as "President" stripped); relate's role and
//! organisation-head rules are left out.

use crate::lexicon::{fold, Lexicon};
use crate::ner::{LexFlags, NerLabel, NerLexicon, NerModel};

/// `MIN_CONFIDENCE` of mention.rs.
pub const MIN_CONFIDENCE: f32 = 0.6;
/// `CONTEXT` of mention.rs.
pub const CONTEXT: usize = 2;
const CONNECTORS: &[&str] = &["of", "and", "for", "&", "the", "on", "de", "du", "van", "von", "y"];

fn is_word(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_alphanumeric)
}

fn is_cap(t: &str) -> bool {
    let mut cs = t.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_ascii_digit() => t.chars().any(char::is_uppercase),
        _ => false,
    }
}

/// The capitalised runs of a sentence, as token ranges `[a, b)`.
pub fn runs(w: &[&str], lex: &Lexicon, nlex: &NerLexicon) -> Vec<(usize, usize)> {
    let n = w.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !(is_word(w[i]) && is_cap(w[i])) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < n && is_word(w[end]) && is_cap(w[end]) {
                end += 1;
                continue;
            }
            let mut k = end;
            while k < n && CONNECTORS.contains(&w[k]) && k - end < 2 {
                k += 1;
            }
            if k > end && k < n && is_word(w[k]) && is_cap(w[k]) && !(w[end] == "and" && w[end + 1] == "the") {
                end = k + 1;
                continue;
            }
            break;
        }
        let mut a = start;
        while a + 1 < end {
            let l = w[a].to_lowercase();
            let f = nlex.flags(w[a]).0;
            if lex.function_words.contains(&l) || f & LexFlags::HONORIFIC != 0 || lex.name_titles.contains_key(&fold(w[a])) {
                a += 1;
            } else {
                break;
            }
        }
        out.push((a, end));
        i = end;
    }
    out
}

/// The label relate takes for run `[a, b)` of `w`: a confident span of exactly the run, the
/// run tagged with `CONTEXT` words either side.
pub fn window_label(m: &NerModel, w: &[&str], a: usize, b: usize, nlex: &NerLexicon) -> Option<(NerLabel, f32)> {
    let (s, e) = (a.saturating_sub(CONTEXT), (b + CONTEXT).min(w.len()));
    m.tag(&w[s..e], &|x: &str| nlex.flags(x))
        .into_iter()
        .find(|p| p.start_token + s == a && p.end_token + s == b && p.confidence >= MIN_CONFIDENCE)
        .map(|p| (p.label, p.confidence))
}

/// Run-level agreement with the silver labels.
#[derive(Default, Clone, Copy)]
pub struct RunCounts {
    pub runs: usize,
    /// the run's label (or no label) equals the silver one
    pub right: usize,
    /// runs labelled by the model, by silver, and both alike
    pub pred: usize,
    pub gold: usize,
    pub tp: usize,
    /// silver-unlabelled runs the model labelled
    pub false_names: usize,
}

impl RunCounts {
    pub fn add(&mut self, gold: Option<NerLabel>, pred: Option<NerLabel>) {
        self.runs += 1;
        self.right += usize::from(gold == pred);
        self.pred += usize::from(pred.is_some());
        self.gold += usize::from(gold.is_some());
        self.tp += usize::from(gold.is_some() && gold == pred);
        self.false_names += usize::from(gold.is_none() && pred.is_some());
    }

    pub fn line(&self) -> String {
        let p = self.tp as f64 / self.pred.max(1) as f64;
        let r = self.tp as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        format!(
            "exact-run accuracy {:.3} of {} runs; labelled runs P {:.3} R {:.3} F1 {:.3} ({} silver names); unnamed runs labelled {:.3}",
            self.right as f64 / self.runs.max(1) as f64,
            self.runs,
            p,
            r,
            f,
            self.gold,
            self.false_names as f64 / (self.runs - self.gold).max(1) as f64
        )
    }
}
