//! Silver-labelled sentences, tokenized by relate's tokenizer, with BILOU tags.

use std::io::BufRead;

use crate::lexicon::Lexicon;
use crate::mention;
use crate::ner::{LexFlags, NerLabel, NerLexicon, Part, Tags, TokInfo};

/// One sentence ready for training.
pub struct Sentence {
    pub doc: String,
    pub genre: String,
    pub words: Vec<String>,
    pub info: Vec<TokInfo>,
    pub gold: Vec<u8>,
}

/// relate's lexicons as the tagger reads them.
pub fn ner_lexicon(lex: &Lexicon) -> NerLexicon {
    NerLexicon::new(
        lex.given_names.iter().map(String::as_str),
        lex.org_heads.keys().map(String::as_str),
        lex.honorifics.iter().map(String::as_str),
        lex.roles.iter().map(String::as_str),
        lex.places.iter().map(String::as_str),
    )
}

/// Reads `path` (JSON lines from silver.py); sentences with labels outside `tags` lose them.
pub fn read(path: &str, tags: &Tags, lex: &Lexicon, nlex: &NerLexicon) -> Result<Vec<Sentence>, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = Vec::new();
    let (mut ents, mut lost) = (0usize, 0usize);
    for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|e| format!("{path}: {e}"))?;
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let text = v["text"].as_str().unwrap_or_default();
        let toks = mention::tokens(text, 0, lex);
        if toks.is_empty() {
            continue;
        }
        let mut gold = vec![0u8; toks.len()];
        for e in v["ents"].as_array().into_iter().flatten() {
            let (Some(s), Some(t), Some(l)) = (e[0].as_u64(), e[1].as_u64(), e[2].as_str()) else { continue };
            let (s, t) = (s as usize, t as usize);
            let Some(label) = NerLabel::from_code(l).and_then(|l| tags.labels.iter().position(|x| *x == l)) else {
                continue;
            };
            ents += 1;
            let mut inside: Vec<usize> = (0..toks.len()).filter(|&i| toks[i].start >= s && toks[i].start < t).collect();
            // spaCy's "the University of Missouri": relate's names start after the article (it
            // strips leading function words and asks the tagger about the rest)
            if inside.len() > 1 && matches!(toks[inside[0]].text, "the" | "The") {
                inside.remove(0);
            }
            if inside.is_empty() || inside.iter().any(|&i| gold[i] != 0) {
                lost += 1;
                continue;
            }
            let (a, b) = (inside[0], inside[inside.len() - 1]);
            if b - a + 1 != inside.len() {
                lost += 1;
                continue;
            }
            if a == b {
                gold[a] = tags.tag(Part::Unit, label) as u8;
            } else {
                gold[a] = tags.tag(Part::Begin, label) as u8;
                for g in &mut gold[a + 1..b] {
                    *g = tags.tag(Part::Inside, label) as u8;
                }
                gold[b] = tags.tag(Part::Last, label) as u8;
            }
        }
        let words: Vec<String> = toks.iter().map(|t| t.text.to_owned()).collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut info = Vec::new();
        crate::ner::analyse(&refs, &|w: &str| -> LexFlags { nlex.flags(w) }, &mut info);
        out.push(Sentence {
            doc: v["doc"].as_str().unwrap_or_default().to_owned(),
            genre: v["genre"].as_str().unwrap_or_default().to_owned(),
            words,
            info,
            gold,
        });
    }
    eprintln!("{path}: {} sentences, {ents} entities, {lost} not projectable onto relate's tokens", out.len());
    Ok(out)
}

/// Whether a document is held out: a stable hash of its name, one in `every`.
pub fn held_out(doc: &str, every: u64) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in doc.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    every > 0 && h % every == 0
}
