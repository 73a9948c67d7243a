//! Entity recall on relate's development corpus (`../shared/corpus`: documents and gold TOML),
//! measured the way its scorer matches names: a gold entity counts as found when a span of a
//! compatible type equals one of its names after normalisation. Evaluation only: nothing here
//! is trained on.

use std::collections::HashMap;

use crate::lexicon::Lexicon;
use crate::mention;
use crate::ner::{NerLabel, NerLexicon, NerModel};

struct GoldEntity {
    kind: String,
    names: Vec<String>,
    required: bool,
}

fn norm(s: &str) -> String {
    let s = s.to_lowercase().replace(['’', '\''], "'");
    let s = s.trim_matches(|c: char| !c.is_alphanumeric());
    let s = s.strip_prefix("the ").unwrap_or(s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn quoted(line: &str) -> Vec<String> {
    line.split('"').skip(1).step_by(2).map(str::to_owned).collect()
}

/// (document file name, entities) of one gold file.
fn read_gold(text: &str) -> (Vec<String>, Vec<GoldEntity>) {
    let (mut docs, mut out) = (Vec::new(), Vec::new());
    let mut cur: Option<GoldEntity> = None;
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with("docs") {
            docs = quoted(l);
        } else if l.starts_with("[[") {
            out.extend(cur.take());
            if l == "[[entity]]" {
                cur = Some(GoldEntity { kind: String::new(), names: Vec::new(), required: true });
            }
        } else if let Some(e) = cur.as_mut() {
            if l.starts_with("type") {
                e.kind = quoted(l).into_iter().next().unwrap_or_default();
            } else if l.starts_with("names") {
                e.names = quoted(l);
            } else if l.starts_with("required") && l.contains("false") {
                e.required = false;
            }
        }
    }
    out.extend(cur);
    (docs, out)
}

fn compatible(kind: &str, label: NerLabel) -> bool {
    matches!(
        (kind, label),
        ("Person", NerLabel::Person)
            | ("Organization" | "Committee", NerLabel::Org)
            | ("Place", NerLabel::Place)
            | ("Legislation", NerLabel::Law)
    )
}

/// Spans the model finds in `text`, sentence by sentence, as (normalised name, label).
pub fn model_spans(m: &NerModel, text: &str, lex: &Lexicon, nlex: &NerLexicon) -> Vec<(String, NerLabel, f32)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let toks = mention::tokens(line, 0, lex);
        let mut start = 0;
        for i in 0..toks.len() {
            let end_of_sentence = matches!(toks[i].text, "." | "?" | "!")
                && toks.get(i + 1).is_none_or(|t| t.text.chars().next().is_some_and(|c| !c.is_lowercase()));
            if end_of_sentence || i + 1 == toks.len() {
                let sent = &toks[start..=i];
                let words: Vec<&str> = sent.iter().map(|t| t.text).collect();
                for s in m.tag(&words, &|w: &str| nlex.flags(w)) {
                    let name = &line[sent[s.start_token].start..sent[s.end_token - 1].end];
                    out.push((norm(name), s.label, s.confidence));
                }
                start = i + 1;
            }
        }
    }
    out
}

/// Names relate would take from the model in `text`: each capitalised run tagged with two
/// words of context, kept when one span of confidence ≥ 0.6 covers exactly the run.
pub fn window_spans(m: &NerModel, text: &str, lex: &Lexicon, nlex: &NerLexicon) -> Vec<(String, NerLabel, f32)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let toks = mention::tokens(line, 0, lex);
        let mut start = 0;
        for i in 0..toks.len() {
            let end_of_sentence = matches!(toks[i].text, "." | "?" | "!")
                && toks.get(i + 1).is_none_or(|t| t.text.chars().next().is_some_and(|c| !c.is_lowercase()));
            if end_of_sentence || i + 1 == toks.len() {
                let sent = &toks[start..=i];
                let words: Vec<&str> = sent.iter().map(|t| t.text).collect();
                for (a, b) in crate::runs::runs(&words, lex, nlex) {
                    if let Some((l, c)) = crate::runs::window_label(m, &words, a, b, nlex) {
                        out.push((norm(&line[sent[a].start..sent[b - 1].end]), l, c));
                    }
                }
                start = i + 1;
            }
        }
    }
    out
}

/// Spans spaCy found (silver.py --corpus output), per document file name.
pub fn spacy_spans(path: &str) -> Result<HashMap<String, Vec<(String, NerLabel, f32)>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out: HashMap<String, Vec<_>> = HashMap::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{path}: {e}"))?;
        let t = v["text"].as_str().unwrap_or_default();
        let e = out.entry(v["doc"].as_str().unwrap_or_default().to_owned()).or_default();
        for x in v["ents"].as_array().into_iter().flatten() {
            let (Some(a), Some(b), Some(l)) = (x[0].as_u64(), x[1].as_u64(), x[2].as_str()) else { continue };
            if let (Some(name), Some(l)) = (t.get(a as usize..b as usize), NerLabel::from_code(l)) {
                e.push((norm(name), l, 1.0));
            }
        }
    }
    Ok(out)
}

/// Prints entity recall over the corpus for the model at several confidence floors, and for
/// spaCy when its spans are given.
pub fn report(dir: &str, m: &NerModel, lex: &Lexicon, nlex: &NerLexicon, spacy: Option<&str>) -> Result<(), String> {
    let spacy = spacy.map(spacy_spans).transpose()?;
    let mut golds: Vec<_> = std::fs::read_dir(format!("{dir}/gold"))
        .map_err(|e| format!("{dir}/gold: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    golds.sort();
    let floors = [0.0f32, 0.5, 0.7];
    // per system: (found typed, found any label, total, spans predicted, spans matching a gold name)
    let mut rows: Vec<(String, [usize; 5])> = floors.iter().map(|f| (format!("model, confidence >= {f}"), [0; 5])).collect();
    rows.push(("model, relate's runs ±2, >= 0.6".into(), [0; 5]));
    rows.push(("spaCy en_core_web_sm".into(), [0; 5]));
    let mut per_kind: HashMap<String, [usize; 2]> = HashMap::new();
    for g in golds {
        let (docs, ents) = read_gold(&std::fs::read_to_string(&g).map_err(|e| format!("{}: {e}", g.display()))?);
        for doc in docs {
            let Ok(text) = std::fs::read_to_string(format!("{dir}/docs/{doc}")) else { continue };
            let ours = model_spans(m, &text, lex, nlex);
            let mut systems: Vec<Vec<(String, NerLabel, f32)>> =
                floors.iter().map(|f| ours.iter().filter(|s| s.2 >= *f).cloned().collect()).collect();
            systems.push(window_spans(m, &text, lex, nlex));
            if let Some(sp) = &spacy {
                systems.push(sp.get(&doc).cloned().unwrap_or_default());
            }
            let wanted: Vec<&GoldEntity> = ents
                .iter()
                .filter(|e| e.required && matches!(e.kind.as_str(), "Person" | "Organization" | "Committee" | "Place" | "Legislation"))
                .collect();
            let all_names: Vec<String> = ents.iter().flat_map(|e| e.names.iter().map(|n| norm(n))).collect();
            for (k, spans) in systems.iter().enumerate() {
                let row = &mut rows[k].1;
                for e in &wanted {
                    let names: Vec<String> = e.names.iter().map(|n| norm(n)).collect();
                    let typed = spans.iter().any(|(s, l, _)| names.contains(s) && compatible(&e.kind, *l));
                    let any = spans.iter().any(|(s, _, _)| names.contains(s));
                    if k == 3 && !typed && std::env::var("NER_DEBUG").is_ok() {
                        let near: Vec<String> = systems[0].iter().filter(|(s, _, _)| names.contains(s)).map(|(s, l, c)| format!("{s}/{}/{c:.2}", l.code())).collect();
                        println!("    missed {} {:?}: whole sentence {:?}", e.kind, e.names, near);
                    }
                    row[0] += usize::from(typed);
                    row[1] += usize::from(any);
                    row[2] += 1;
                    if k == 0 {
                        let pk = per_kind.entry(e.kind.clone()).or_default();
                        pk[0] += usize::from(typed);
                        pk[1] += 1;
                    }
                }
                row[3] += spans.len();
                row[4] += spans.iter().filter(|(s, _, _)| all_names.contains(s)).count();
            }
        }
    }
    println!("corpus {dir}: required Person/Organization/Committee/Place/Legislation entities");
    for (name, r) in &rows {
        if r[2] == 0 {
            continue;
        }
        println!(
            "  {name:<28} recall (typed) {:.3}, recall (any label) {:.3} of {}; spans {} of which {:.2} name a gold entity",
            r[0] as f64 / r[2] as f64,
            r[1] as f64 / r[2] as f64,
            r[2],
            r[3],
            r[4] as f64 / r[3].max(1) as f64
        );
    }
    let mut kinds: Vec<_> = per_kind.into_iter().collect();
    kinds.sort();
    for (k, [f, n]) in kinds {
        println!("    model by type: {k:<13} {f}/{n}");
    }
    Ok(())
}
