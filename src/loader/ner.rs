//! The statistical entity recogniser: an averaged perceptron that tags relate's tokens with
//! BILOU tags for persons, organisations, places and laws, decoded greedily left to right. It
//! finds names by what they look like in context (shape, affixes, neighbouring words, the tags
//! just given), with relate's lexicons as features rather than as the only door.
//!
//! This module owns the features, the weight file format and the decoding. It does not know
//! where the lexicons live (callers pass a [`NerLexicon`] or any `Fn(&str) -> LexFlags`) and it
//! does not decide what a caller does with a span; [`NerSpan::confidence`] lets a caller refuse
//! names the model is unsure of. The trainer in `tools/train/` compiles this very file, so
//! training and inference extract the same features.
//!
//! # Examples
//! ```
//! use relate::loader::ner::{NerLexicon, NerModel};
//! let lex = NerLexicon::default();
//! let model = NerModel::builtin().expect("the shipped model loads");
//! let tokens = ["Priya", "Okonkwo", "joined", "Acme", "Corp.", "in", "2019", "."];
//! for span in model.tag(&tokens, &|w: &str| lex.flags(w)) {
//!     println!("{:?} {:?} {:.2}", &tokens[span.start_token..span.end_token], span.label, span.confidence);
//! }
//! ```
//!
//! # Complexity
//! Linear in the tokens: a fixed number of hashed features per token, each a row of
//! `tags` weights in one fixed-size table; one allocation per sentence, none per token.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// What an entity span names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NerLabel {
    /// A person.
    Person,
    /// An organisation.
    Org,
    /// A place: country, state, city, region (spaCy's GPE and LOC).
    Place,
    /// A law or act.
    Law,
}

impl NerLabel {
    /// The name used in the weight file's label list.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            NerLabel::Person => "PER",
            NerLabel::Org => "ORG",
            NerLabel::Place => "LOC",
            NerLabel::Law => "LAW",
        }
    }

    /// The label with the code `s`.
    #[must_use]
    pub fn from_code(s: &str) -> Option<Self> {
        Some(match s {
            "PER" => NerLabel::Person,
            "ORG" => NerLabel::Org,
            "LOC" => NerLabel::Place,
            "LAW" => NerLabel::Law,
            _ => return None,
        })
    }
}

/// A name found by the model: tokens `start_token..end_token` (end exclusive) of the input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NerSpan {
    /// The span's first token.
    pub start_token: usize,
    /// The token after its last.
    pub end_token: usize,
    /// What it names.
    pub label: NerLabel,
    /// In `[0, 1]`: the smallest, over the span's tokens, of the calibrated probability of the
    /// tag the token was given.
    pub confidence: f32,
}

/// Lexicon membership of one token, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LexFlags(pub u8);

impl LexFlags {
    /// A given name.
    pub const GIVEN_NAME: u8 = 1;
    /// An organisation head word ("University", "Medical Center").
    pub const ORG_HEAD: u8 = 2;
    /// An honorific ("Dr", "Mrs"), without its period.
    pub const HONORIFIC: u8 = 4;
    /// A role word ("president", "director").
    pub const ROLE: u8 = 8;
    /// A place name, or a word of a multi-word place name.
    pub const PLACE: u8 = 16;
    /// A word of a multi-word organisation head ("Medical" of "Medical Center").
    pub const ORG_HEAD_PART: u8 = 32;
}

/// The word lists the model reads as features, keyed by lowercase word.
#[derive(Debug, Clone, Default)]
pub struct NerLexicon {
    words: HashMap<String, u8>,
}

impl NerLexicon {
    /// Builds the lookup from relate's lexicons (`Lexicon::given_names`, the keys of
    /// `org_heads`, `honorifics`, `roles`, `places`). Multi-word entries mark each of their words.
    #[must_use]
    pub fn new<'a>(
        given_names: impl IntoIterator<Item = &'a str>,
        org_heads: impl IntoIterator<Item = &'a str>,
        honorifics: impl IntoIterator<Item = &'a str>,
        roles: impl IntoIterator<Item = &'a str>,
        places: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let mut lex = NerLexicon::default();
        let mut mark = |entry: &str, whole: u8, part: u8| {
            let words: Vec<&str> = entry.split_whitespace().collect();
            let bit = if words.len() == 1 { whole } else { part };
            for w in words {
                *lex.words.entry(w.to_lowercase()).or_insert(0) |= bit;
            }
        };
        for g in given_names {
            mark(g, LexFlags::GIVEN_NAME, LexFlags::GIVEN_NAME);
        }
        for h in org_heads {
            mark(h, LexFlags::ORG_HEAD, LexFlags::ORG_HEAD_PART);
        }
        for h in honorifics {
            mark(h.trim_end_matches('.'), LexFlags::HONORIFIC, LexFlags::HONORIFIC);
        }
        for r in roles {
            mark(r, LexFlags::ROLE, LexFlags::ROLE);
        }
        for p in places {
            mark(p, LexFlags::PLACE, LexFlags::PLACE);
        }
        lex
    }

    /// The flags of one token, compared lowercase and without a trailing period.
    #[must_use]
    pub fn flags(&self, word: &str) -> LexFlags {
        let w = word.strip_suffix('.').unwrap_or(word);
        let mut buf = [0u8; 48];
        let key: &str = if w.is_ascii() && w.len() <= buf.len() {
            let b = &mut buf[..w.len()];
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).unwrap_or(w)
        } else {
            return LexFlags(self.words.get(&w.to_lowercase()).copied().unwrap_or(0));
        };
        LexFlags(self.words.get(key).copied().unwrap_or(0))
    }
}

/// A weight file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NerError {
    /// Not a relate tagger file, or cut short.
    Format(String),
    /// Written for other features than this build extracts: retrain with `tools/train/`.
    Features {
        /// The feature set the file was trained with.
        file: u32,
        /// The feature set this build extracts.
        build: u32,
    },
}

impl fmt::Display for NerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NerError::Format(m) => write!(f, "entity tagger weights: {m}"),
            NerError::Features { file, build } => write!(
                f,
                "entity tagger weights: written for feature set {file}, this build extracts set {build}; retrain with tools/train"
            ),
        }
    }
}

impl std::error::Error for NerError {}

/// The weight file's first bytes.
pub const MAGIC: &[u8; 8] = b"RELNER\0\x01";
/// Bumped whenever [`static_features`] or [`dynamic_features`] change what they extract.
pub const FEATURE_SET: u32 = 2;
/// Features that depend on the token and its neighbours only.
pub const N_STATIC: usize = 33;
/// Features that depend on the tags already given.
pub const N_DYNAMIC: usize = 5;
/// Features per token.
pub const N_FEATURES: usize = N_STATIC + N_DYNAMIC;

/// The tag set: `O`, then `B`, `I`, `L`, `U` for each label in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tags {
    /// The labels, in the weight file's order.
    pub labels: Vec<NerLabel>,
}

/// The part of a name a tag marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Outside any name (`O`).
    Out,
    /// The first token of a name of several (`B`).
    Begin,
    /// A token inside a name, neither first nor last (`I`).
    Inside,
    /// The last token of a name of several (`L`).
    Last,
    /// A name of one token (`U`).
    Unit,
}

impl Tags {
    /// The number of tags: `O` and four per label.
    #[must_use]
    pub fn len(&self) -> usize {
        1 + 4 * self.labels.len()
    }

    /// Never: there is always `O`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The tag of `part` of a `label` name.
    #[must_use]
    pub fn tag(&self, part: Part, label: usize) -> usize {
        match part {
            Part::Out => 0,
            Part::Begin => 1 + 4 * label,
            Part::Inside => 2 + 4 * label,
            Part::Last => 3 + 4 * label,
            Part::Unit => 4 + 4 * label,
        }
    }

    /// The part and label index of a tag.
    #[must_use]
    pub fn split(&self, tag: usize) -> (Part, usize) {
        if tag == 0 {
            return (Part::Out, 0);
        }
        let part = match (tag - 1) % 4 {
            0 => Part::Begin,
            1 => Part::Inside,
            2 => Part::Last,
            _ => Part::Unit,
        };
        (part, (tag - 1) / 4)
    }

    /// Whether `cur` may follow `prev` (`None` at the start), `last` when `cur` ends the sentence.
    #[must_use]
    pub fn allowed(&self, prev: Option<usize>, cur: usize, last: bool) -> bool {
        let (cp, cl) = self.split(cur);
        if last && matches!(cp, Part::Begin | Part::Inside) {
            return false;
        }
        match prev.map(|p| self.split(p)) {
            Some((Part::Begin | Part::Inside, pl)) => matches!(cp, Part::Inside | Part::Last) && cl == pl,
            _ => matches!(cp, Part::Out | Part::Begin | Part::Unit),
        }
    }
}

/// What the features read of one token, computed once per token.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    /// Hash of the lowercase form.
    pub lower: u64,
    /// Hash of the form as written.
    pub raw: u64,
    /// Hash of the shape: each character as `X`, `x`, `d` or itself, a run kept to four.
    pub shape: u64,
    /// Hash of the shape with every run one character ("Xx", "d").
    pub short_shape: u64,
    /// Hash of the first three characters, lowercase.
    pub prefix: u64,
    /// Hash of the last three characters, lowercase.
    pub suffix3: u64,
    /// Hash of the last two characters, lowercase.
    pub suffix2: u64,
    /// The token's [`LexFlags`] bits.
    pub flags: u8,
    /// The capitalised run holding the token ("Bank of Northfield", "Acme Corp."): the
    /// lowercase hash of its last and first words (0 outside a run), its length (capped at 4)
    /// and where the token stands in it (0 outside, 1 first, 2 inside, 3 last, 4 alone).
    pub run_last: u64,
    /// The run's first word, hashed lowercase (0 outside a run).
    pub run_first: u64,
    /// The run's length in words, capped at 4.
    pub run_len: u8,
    /// Where the token stands in the run: 0 outside, 1 first, 2 inside, 3 last, 4 alone.
    pub run_pos: u8,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(SEED)
}

#[inline]
fn finish(h: u64) -> u64 {
    let h = (h ^ (h >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 29)
}

fn char_class(c: char) -> u32 {
    if c.is_uppercase() {
        'X' as u32
    } else if c.is_lowercase() {
        'x' as u32
    } else if c.is_numeric() {
        'd' as u32
    } else {
        c as u32
    }
}

/// Reads one token: hashes of its lowercase form, exact form, shape, affixes.
#[must_use]
pub fn tok_info(word: &str, flags: LexFlags) -> TokInfo {
    let (mut lower, mut raw, mut shape, mut short) = (1u64, 2u64, 3u64, 4u64);
    let (mut last_class, mut run) = (0u32, 0usize);
    let (mut last_short, mut prefix) = (0u32, 5u64);
    let n = word.chars().count();
    let (mut s3, mut s2) = (6u64, 7u64);
    for (i, c) in word.chars().enumerate() {
        raw = mix(raw, c as u64);
        let l = if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) };
        lower = mix(lower, l as u64);
        if i < 3 {
            prefix = mix(prefix, l as u64);
        }
        if i + 3 >= n {
            s3 = mix(s3, l as u64);
        }
        if i + 2 >= n {
            s2 = mix(s2, l as u64);
        }
        let k = char_class(c);
        if k == last_class {
            run += 1;
        } else {
            run = 1;
            last_class = k;
        }
        if run <= 4 {
            shape = mix(shape, k as u64);
        }
        if k != last_short {
            short = mix(short, k as u64);
            last_short = k;
        }
    }
    TokInfo {
        lower,
        raw,
        shape,
        short_shape: short,
        prefix,
        suffix3: s3,
        suffix2: s2,
        flags: flags.0,
        run_last: 0,
        run_first: 0,
        run_len: 0,
        run_pos: 0,
    }
}

/// Words that may stand inside a capitalised name ("Bank of Northfield", "Smith & Sons").
const RUN_JOINERS: &[&str] =
    &["of", "and", "&", "for", "the", "de", "du", "van", "von", "der", "la", "le", "y", "'s", "’s"];

fn capitalised(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() && t.chars().any(char::is_uppercase))
}

/// Reads a sentence's tokens.
pub fn analyse(tokens: &[&str], lex: &impl Fn(&str) -> LexFlags, out: &mut Vec<TokInfo>) {
    out.clear();
    out.extend(tokens.iter().map(|t| tok_info(t, lex(t))));
    // capitalised runs, joined over connectors that have a capitalised word on both sides
    let mut i = 0;
    while i < tokens.len() {
        if !capitalised(tokens[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j < tokens.len() && capitalised(tokens[j]) {
                j += 1;
            } else if j + 1 < tokens.len() && RUN_JOINERS.contains(&tokens[j]) && capitalised(tokens[j + 1]) {
                j += 2;
            } else {
                break;
            }
        }
        let (first, last) = (out[i].lower, out[j - 1].lower);
        let len = (j - i).min(4) as u8;
        for (k, o) in out.iter_mut().enumerate().take(j).skip(i) {
            o.run_first = first;
            o.run_last = last;
            o.run_len = len;
            o.run_pos = if j - i == 1 {
                4
            } else if k == i {
                1
            } else if k + 1 == j {
                3
            } else {
                2
            };
        }
        i = j;
    }
}

const PAD_BEFORE: TokInfo = TokInfo {
    lower: 11,
    raw: 11,
    shape: 11,
    short_shape: 11,
    prefix: 11,
    suffix3: 11,
    suffix2: 11,
    run_last: 11,
    run_first: 11,
    run_len: 0,
    run_pos: 5,
    flags: 128,
};
const PAD_AFTER: TokInfo = TokInfo {
    lower: 13,
    raw: 13,
    shape: 13,
    short_shape: 13,
    prefix: 13,
    suffix3: 13,
    suffix2: 13,
    run_last: 13,
    run_first: 13,
    run_len: 0,
    run_pos: 5,
    flags: 64,
};

#[inline]
fn at(toks: &[TokInfo], i: usize, d: isize) -> &TokInfo {
    let j = i as isize + d;
    if j < 0 {
        &PAD_BEFORE
    } else if j as usize >= toks.len() {
        &PAD_AFTER
    } else {
        &toks[j as usize]
    }
}

#[inline]
fn key(template: u64, a: u64, b: u64, mask: u64) -> u32 {
    (finish(mix(mix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15), a), b)) & mask) as u32
}

/// The bucket of each feature of token `i` that does not depend on tags; `mask` is the
/// table's bucket count minus one.
pub fn static_features(toks: &[TokInfo], i: usize, mask: u64, out: &mut [u32; N_STATIC]) {
    let (w0, m1, m2, p1, p2) = (&toks[i], at(toks, i, -1), at(toks, i, -2), at(toks, i, 1), at(toks, i, 2));
    let first = u64::from(i == 0);
    let pos = i.min(3) as u64;
    let f = |x: &TokInfo| u64::from(x.flags);
    let fs = [
        (0, 0),
        (w0.lower, 0),
        (w0.raw, 0),
        (w0.shape, first),
        (w0.prefix, 0),
        (w0.suffix3, 0),
        (w0.suffix2, 0),
        (m1.lower, 0),
        (p1.lower, 0),
        (m2.lower, 0),
        (p2.lower, 0),
        (m1.shape, 0),
        (p1.shape, 0),
        (m2.short_shape, 0),
        (p2.short_shape, 0),
        (m1.lower, w0.lower),
        (w0.lower, p1.lower),
        (m1.short_shape, w0.short_shape),
        (w0.short_shape, p1.short_shape),
        (f(w0), w0.short_shape),
        (f(m1), w0.short_shape),
        (f(p1), w0.short_shape),
        (f(m2), f(p2)),
        (pos, w0.short_shape),
        (m1.lower, w0.short_shape),
        (p1.lower, w0.short_shape),
        (m1.suffix3, w0.short_shape),
        (w0.lower, first),
        (m2.lower, m1.lower),
        (p1.lower, p2.lower),
        (w0.run_last, u64::from(w0.run_pos)),
        (w0.run_first, u64::from(w0.run_pos)),
        (u64::from(w0.run_len) << 8 | u64::from(w0.run_pos), w0.short_shape),
    ];
    for (t, (a, b)) in fs.iter().enumerate() {
        out[t] = key(t as u64 + 1, *a, *b, mask);
    }
}

/// The bucket of each feature of token `i` that depends on the tags given to the two tokens
/// before it (`prev`, `prev2`; 0 = `O` at the sentence start).
pub fn dynamic_features(toks: &[TokInfo], i: usize, prev: usize, prev2: usize, mask: u64, out: &mut [u32; N_DYNAMIC]) {
    let w0 = &toks[i];
    let (p, pp) = (prev as u64 + 1, prev2 as u64 + 1);
    let start = u64::from(i == 0) << 8;
    let fs = [
        (p | start, 0),
        (p | pp << 8, 0),
        (p, w0.lower),
        (p, w0.shape),
        (p, u64::from(w0.flags) | (at(toks, i, -1).short_shape << 8)),
    ];
    for (t, (a, b)) in fs.iter().enumerate() {
        out[t] = key(100 + t as u64, *a, *b, mask);
    }
}

/// A trained tagger: quantised weights in a fixed-size hashed table.
#[derive(Debug, Clone)]
pub struct NerModel {
    tags: Tags,
    bits: u32,
    /// `weights[bucket * tags + tag] * scale` is the weight.
    weights: Vec<i16>,
    scale: f32,
    /// Softmax temperature fitted on held-out text, so that probabilities are calibrated.
    temperature: f32,
    /// Subtracted from the `O` tag's score before the choice (in weight units): greedy BILOU
    /// decoding splits a name's evidence over several tags (B, U, per label) while `O` is one
    /// tag, so an unsure first word would lose to `O`; the trainer fits it on held-out text.
    out_bias: i32,
    /// See [`transitions`].
    allowed: Vec<u32>,
}

static BUILTIN: OnceLock<Result<NerModel, NerError>> = OnceLock::new();

fn read_u32(b: &[u8], at: &mut usize) -> Result<u32, NerError> {
    let s = b.get(*at..*at + 4).ok_or_else(|| NerError::Format("cut short".into()))?;
    *at += 4;
    Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

impl NerModel {
    /// The model shipped in `data/model/ner.bin`, read once.
    ///
    /// # Errors
    /// The shipped file does not match this build's features (see [`NerError`]).
    pub fn builtin() -> Result<&'static NerModel, NerError> {
        BUILTIN
            .get_or_init(|| NerModel::from_bytes(include_bytes!("../../data/model/ner.bin")))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A model from `labels` and raw weights (the trainer's output).
    #[must_use]
    pub fn new(labels: Vec<NerLabel>, bits: u32, weights: Vec<i16>, scale: f32, temperature: f32) -> Self {
        let tags = Tags { labels };
        let allowed = transitions(&tags);
        NerModel { tags, bits, weights, scale, temperature, out_bias: 0, allowed }
    }

    /// Reads a weight file.
    ///
    /// Format (little endian): [`MAGIC`]; `u32` feature set; `u32` hash bits `b`; `u32` label
    /// count, then each label as `u32` length and UTF-8 code; `f32` scale; `f32` temperature;
    /// `i32` bias against `O`; `2^b * tags` `i16` weights, bucket-major.
    ///
    /// # Errors
    /// The bytes are not such a file, or were written for another feature set.
    pub fn from_bytes(b: &[u8]) -> Result<Self, NerError> {
        if b.len() < MAGIC.len() || &b[..MAGIC.len()] != MAGIC {
            return Err(NerError::Format("not a relate entity tagger file (bad magic)".into()));
        }
        let mut at = MAGIC.len();
        let set = read_u32(b, &mut at)?;
        if set != FEATURE_SET {
            return Err(NerError::Features { file: set, build: FEATURE_SET });
        }
        let bits = read_u32(b, &mut at)?;
        if !(8..=26).contains(&bits) {
            return Err(NerError::Format(format!("hash size 2^{bits} out of range")));
        }
        let n = read_u32(b, &mut at)? as usize;
        if !(1..=4).contains(&n) {
            return Err(NerError::Format(format!("{n} labels; 1 to 4 are supported")));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let len = read_u32(b, &mut at)? as usize;
            let s = b.get(at..at + len).ok_or_else(|| NerError::Format("cut short".into()))?;
            at += len;
            let s = std::str::from_utf8(s).map_err(|_| NerError::Format("label not UTF-8".into()))?;
            labels.push(NerLabel::from_code(s).ok_or_else(|| NerError::Format(format!("unknown label {s:?}")))?);
        }
        let scale = f32::from_bits(read_u32(b, &mut at)?);
        let temperature = f32::from_bits(read_u32(b, &mut at)?);
        let out_bias = read_u32(b, &mut at)? as i32;
        let tags = Tags { labels };
        let count = (1usize << bits) * tags.len();
        let body = b.get(at..).unwrap_or_default();
        if body.len() != count * 2 {
            return Err(NerError::Format(format!("expected {} weight bytes, found {}", count * 2, body.len())));
        }
        let weights = body.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
        let allowed = transitions(&tags);
        Ok(NerModel { tags, bits, weights, scale, temperature, out_bias, allowed })
    }

    /// The weight file's bytes (see [`NerModel::from_bytes`]).
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.weights.len() * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FEATURE_SET.to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.tags.labels.len() as u32).to_le_bytes());
        for l in &self.tags.labels {
            out.extend_from_slice(&(l.code().len() as u32).to_le_bytes());
            out.extend_from_slice(l.code().as_bytes());
        }
        out.extend_from_slice(&self.scale.to_bits().to_le_bytes());
        out.extend_from_slice(&self.temperature.to_bits().to_le_bytes());
        out.extend_from_slice(&self.out_bias.to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// The tag set.
    #[must_use]
    pub fn tags(&self) -> &Tags {
        &self.tags
    }

    /// The bucket mask of the hashed table.
    #[must_use]
    pub fn mask(&self) -> u64 {
        (1u64 << self.bits) - 1
    }

    /// Sets the softmax temperature (the trainer calibrates it).
    pub fn set_temperature(&mut self, t: f32) {
        self.temperature = t;
    }

    /// Sets the bias against `O`, in units of the score scale (the trainer fits it).
    pub fn set_out_bias(&mut self, bias: f32) {
        self.out_bias = (bias / self.scale).round() as i32;
    }

    /// Tags one sentence of relate's tokens (`mention::tokens`), returning the names found,
    /// in order, with their confidence.
    #[must_use]
    pub fn tag(&self, tokens: &[&str], lex: &impl Fn(&str) -> LexFlags) -> Vec<NerSpan> {
        let mut info = Vec::with_capacity(tokens.len());
        analyse(tokens, lex, &mut info);
        let (tags, probs) = self.decode(&info);
        spans(&self.tags, &tags, &probs)
    }

    /// Greedy left-to-right decoding: each token's tag and its calibrated probability.
    #[must_use]
    pub fn decode(&self, info: &[TokInfo]) -> (Vec<u8>, Vec<f32>) {
        // one monomorphised loop per tag-set size, so the row sums unroll and vectorise
        match self.tags.len() {
            17 => self.decode_n::<17>(info),
            13 => self.decode_n::<13>(info),
            9 => self.decode_n::<9>(info),
            _ => self.decode_n::<5>(info),
        }
    }

    fn decode_n<const N: usize>(&self, info: &[TokInfo]) -> (Vec<u8>, Vec<f32>) {
        let mask = self.mask();
        let mut tags = Vec::with_capacity(info.len());
        let mut probs = Vec::with_capacity(info.len());
        let k = self.scale / self.temperature;
        // first the features that do not depend on tags, for all tokens: their row loads are
        // independent of each other, so cache misses overlap instead of queueing behind choices
        let mut fixed: Vec<[i32; N]> = Vec::with_capacity(info.len());
        let mut sf = [0u32; N_STATIC];
        for i in 0..info.len() {
            static_features(info, i, mask, &mut sf);
            fixed.push(sum_rows::<N>(&self.weights, &sf));
        }
        let mut df = [0u32; N_DYNAMIC];
        let (mut prev, mut prev2) = (0usize, 0usize);
        for (i, fixed) in fixed.iter().enumerate() {
            dynamic_features(info, i, prev, prev2, mask, &mut df);
            let mut scores = sum_rows::<N>(&self.weights, &df);
            for (s, f) in scores.iter_mut().zip(fixed) {
                *s += f;
            }
            let from = if i == 0 { N } else { prev };
            let allowed = self.allowed[from * 2 + usize::from(i + 1 == info.len())];
            let (mut best, mut best_s, mut top) = (0usize, i32::MIN, i32::MIN);
            for (t, &s) in scores.iter().enumerate() {
                if allowed & (1 << t) != 0 {
                    let biased = if t == 0 { s - self.out_bias } else { s };
                    if biased > best_s {
                        best = t;
                        best_s = biased;
                    }
                    top = top.max(s);
                }
            }
            // softmax over the allowed tags (unbiased), relative to the top score for stability
            let mut z = 0.0f32;
            for (t, &s) in scores.iter().enumerate() {
                if allowed & (1 << t) != 0 {
                    z += ((s - top) as f32 * k).exp();
                }
            }
            tags.push(best as u8);
            probs.push(((scores[best] - top) as f32 * k).exp() / z);
            prev2 = prev;
            prev = best;
        }
        (tags, probs)
    }
}

/// The sum of the weight rows of `feats`, one score per tag.
#[inline]
fn sum_rows<const N: usize>(weights: &[i16], feats: &[u32]) -> [i32; N] {
    let mut scores = [0i32; N];
    for &b in feats {
        let at = b as usize * N;
        if let Some(row) = weights.get(at..at + N) {
            for (s, w) in scores.iter_mut().zip(row) {
                *s += i32::from(*w);
            }
        }
    }
    scores
}

/// For each previous tag (and the sentence start, index `tags`), and whether the token is the
/// last: the bit set of tags allowed.
fn transitions(tags: &Tags) -> Vec<u32> {
    let n = tags.len();
    let mut out = Vec::with_capacity((n + 1) * 2);
    for prev in 0..=n {
        for last in [false, true] {
            let p = (prev < n).then_some(prev);
            out.push((0..n).filter(|&t| tags.allowed(p, t, last)).fold(0u32, |m, t| m | 1 << t));
        }
    }
    out
}

/// Groups BILOU tags into spans; a span's confidence is its least sure token's probability.
#[must_use]
pub fn spans(tagset: &Tags, tags: &[u8], probs: &[f32]) -> Vec<NerSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, f32)> = None;
    for (i, (&t, &p)) in tags.iter().zip(probs).enumerate() {
        let (part, label) = tagset.split(t as usize);
        match part {
            Part::Out => open = None,
            Part::Unit => {
                open = None;
                out.push(NerSpan { start_token: i, end_token: i + 1, label: tagset.labels[label], confidence: p });
            }
            Part::Begin => open = Some((i, label, p)),
            Part::Inside => {
                if let Some(o) = open.as_mut() {
                    o.2 = o.2.min(p);
                }
            }
            Part::Last => {
                if let Some((s, l, c)) = open.take() {
                    if l == label {
                        out.push(NerSpan {
                            start_token: s,
                            end_token: i + 1,
                            label: tagset.labels[l],
                            confidence: c.min(p),
                        });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> NerLexicon {
        let lex = crate::lexicon::Lexicon::load().expect("builtin lexicon");
        NerLexicon::new(
            lex.given_names.iter().map(String::as_str),
            lex.org_heads.keys().map(String::as_str),
            lex.honorifics.iter().map(String::as_str),
            lex.roles.iter().map(String::as_str),
            lex.places.iter().map(String::as_str),
        )
    }

    fn tag(text: &str) -> Vec<(String, NerLabel, f32)> {
        let lex = crate::lexicon::Lexicon::load().expect("builtin lexicon");
        let nlex = lexicon();
        let toks = crate::loader::mention::tokens(text, 0, &lex);
        let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
        let model = NerModel::builtin().expect("model loads");
        model
            .tag(&words, &|w: &str| nlex.flags(w))
            .into_iter()
            .map(|s| (words[s.start_token..s.end_token].join(" "), s.label, s.confidence))
            .collect()
    }

    #[test]
    fn the_shipped_model_loads_and_round_trips() {
        let m = NerModel::builtin().expect("model loads");
        assert!(m.tags().labels.contains(&NerLabel::Person));
        let again = NerModel::from_bytes(&m.to_bytes()).expect("round trip");
        assert_eq!(again.weights.len(), m.weights.len());
    }

    #[test]
    fn other_bytes_are_refused() {
        assert!(matches!(NerModel::from_bytes(b"hello"), Err(NerError::Format(_))));
        let mut b = NerModel::builtin().expect("model loads").to_bytes();
        b[MAGIC.len()] ^= 0xff;
        assert!(matches!(NerModel::from_bytes(&b), Err(NerError::Features { .. })));
    }

    #[test]
    fn a_person_with_a_rare_given_name_is_a_person() {
        let found = tag("The board chose Thaddeus Okonkwo-Brandt as its chief executive.");
        assert!(found.iter().any(|(n, l, _)| n.contains("Okonkwo-Brandt") && *l == NerLabel::Person), "{found:?}");
    }

    #[test]
    fn a_company_without_a_head_word_is_an_organisation() {
        let found = tag("She worked for Acme Corp. before joining the bank in 2004.");
        assert!(found.iter().any(|(n, l, _)| n.starts_with("Acme") && *l == NerLabel::Org), "{found:?}");
    }

    #[test]
    fn a_city_is_a_place() {
        let found = tag("The company moved its headquarters to Cleveland, Ohio, last year.");
        assert!(found.iter().any(|(n, l, _)| n == "Cleveland" && *l == NerLabel::Place), "{found:?}");
    }

    #[test]
    fn lowercase_common_nouns_are_not_names() {
        let found = tag("the committee approved the budget and the director thanked the staff.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn confidence_is_a_probability() {
        let found =
            tag("Marisol Quintero-Vance, the chief executive of Brightwater Holdings, spoke in Denver on Monday.");
        assert!(!found.is_empty());
        for (_, _, c) in found {
            assert!((0.0..=1.0).contains(&c), "{c}");
        }
    }

    #[test]
    fn bilou_transitions_are_enforced() {
        let t = Tags { labels: vec![NerLabel::Person, NerLabel::Org] };
        let b_per = t.tag(Part::Begin, 0);
        assert!(t.allowed(Some(b_per), t.tag(Part::Last, 0), false));
        assert!(!t.allowed(Some(b_per), t.tag(Part::Last, 1), false));
        assert!(!t.allowed(Some(b_per), 0, false));
        assert!(!t.allowed(None, t.tag(Part::Inside, 0), false));
        assert!(!t.allowed(None, b_per, true));
    }

    #[test]
    fn empty_input_gives_no_spans() {
        let m = NerModel::builtin().expect("model loads");
        assert!(m.tag(&[], &|_: &str| LexFlags::default()).is_empty());
    }
}
