//! The averaged perceptron, its evaluation and calibration, and the weight file.

use std::time::Instant;

use crate::data::{self, Sentence};
use crate::lexicon::Lexicon;
use crate::runs::{self, RunCounts};
use crate::ner::{self, NerLabel, NerModel, NerSpan, Tags, N_DYNAMIC, N_STATIC};

struct Args {
    data: Vec<String>,
    out: String,
    bits: u32,
    epochs: usize,
    holdout: u64,
    labels: Vec<NerLabel>,
    seed: u64,
    final_all: bool,
    gold_history: bool,
    corpus: Option<String>,
    corpus_spacy: Option<String>,
    model: Option<String>,
    try_text: Vec<String>,
    dropout: f64,
    windows: bool,
}

fn parse(args: Vec<String>) -> Result<Args, String> {
    let mut a = Args {
        data: Vec::new(),
        out: "../../data/model/ner.bin".into(),
        bits: 18,
        epochs: 10,
        holdout: 10,
        labels: vec![NerLabel::Person, NerLabel::Org, NerLabel::Place, NerLabel::Law],
        seed: 7,
        final_all: false,
        gold_history: false,
        corpus: None,
        corpus_spacy: None,
        model: None,
        try_text: Vec::new(),
        dropout: 0.0,
        windows: false,
    };
    let mut it = args.into_iter();
    while let Some(k) = it.next() {
        let mut v = || it.next().ok_or_else(|| format!("{k} needs a value"));
        match k.as_str() {
            "--data" => a.data.push(v()?),
            "--out" => a.out = v()?,
            "--bits" => a.bits = v()?.parse().map_err(|e| format!("--bits: {e}"))?,
            "--epochs" => a.epochs = v()?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--holdout" => a.holdout = v()?.parse().map_err(|e| format!("--holdout: {e}"))?,
            "--seed" => a.seed = v()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--labels" => {
                a.labels = v()?
                    .split(',')
                    .map(|s| NerLabel::from_code(s).ok_or_else(|| format!("unknown label {s}")))
                    .collect::<Result<_, _>>()?
            }
            "--final-all" => a.final_all = true,
            "--gold-history" => a.gold_history = true,
            "--corpus" => a.corpus = Some(v()?),
            "--corpus-spacy" => a.corpus_spacy = Some(v()?),
            "--model" => a.model = Some(v()?),
            "--try" => a.try_text.push(v()?),
            "--windows" => a.windows = true,
            "--dropout" => a.dropout = v()?.parse().map_err(|e| format!("--dropout: {e}"))?,
            "-h" | "--help" => {
                return Err("usage: relate-ner-train --data silver.jsonl [--data more.jsonl] [--out ner.bin] \
                     [--bits 18] [--epochs 10] [--holdout 10] [--labels PER,ORG,LOC,LAW] [--final-all]"
                    .into())
            }
            _ => return Err(format!("unknown argument {k}; see --help")),
        }
    }
    if a.data.is_empty() && a.model.is_none() {
        return Err("give --data FILE (from tools/train/silver.py)".into());
    }
    Ok(a)
}

/// A feature left out of one training step (see `--dropout`).
const DROPPED: u32 = u32::MAX;

/// The static features that name the word itself (its forms and the bigrams holding it):
/// dropping them now and then makes the model learn what names look like in context rather
/// than memorise the names of its training text.
const WORD_FEATURES: [usize; 5] = [1, 2, 15, 16, 27];

/// Integer weights with lazily updated running totals for averaging.
struct Perceptron {
    nt: usize,
    mask: u64,
    w: Vec<i32>,
    total: Vec<i64>,
    stamp: Vec<u32>,
    t: u32,
}

impl Perceptron {
    fn new(bits: u32, nt: usize) -> Self {
        let n = (1usize << bits) * nt;
        Perceptron { nt, mask: (1u64 << bits) - 1, w: vec![0; n], total: vec![0; n], stamp: vec![0; n], t: 0 }
    }

    fn scores(&self, feats: &[u32], out: &mut [i32]) {
        out.fill(0);
        for &b in feats.iter().filter(|&&b| b != DROPPED) {
            let row = &self.w[b as usize * self.nt..][..self.nt];
            for (s, w) in out.iter_mut().zip(row) {
                *s += *w;
            }
        }
    }

    fn bump(&mut self, feats: &[u32], tag: usize, d: i32) {
        for &b in feats.iter().filter(|&&b| b != DROPPED) {
            let k = b as usize * self.nt + tag;
            self.total[k] += i64::from(self.t - self.stamp[k]) * i64::from(self.w[k]);
            self.stamp[k] = self.t;
            self.w[k] += d;
        }
    }

    fn averaged(&self) -> Vec<f32> {
        let t = f64::from(self.t.max(1));
        (0..self.w.len())
            .map(|k| ((self.total[k] + i64::from(self.t - self.stamp[k]) * i64::from(self.w[k])) as f64 / t) as f32)
            .collect()
    }
}

fn best_allowed(tags: &Tags, scores: &[i32], prev: Option<usize>, last: bool) -> usize {
    let mut best = (0, i32::MIN);
    for (t, &s) in scores.iter().enumerate() {
        if tags.allowed(prev, t, last) && s > best.1 {
            best = (t, s);
        }
    }
    best.0
}

fn epoch(p: &mut Perceptron, tags: &Tags, train: &[&Sentence], order: &[usize], gold_history: bool, dropout: f64, rng: &mut u64) -> (usize, usize) {
    let mut feats = [0u32; N_STATIC + N_DYNAMIC];
    let mut scores = vec![0i32; tags.len()];
    let (mut right, mut all) = (0, 0);
    for &s in order {
        let s = train[s];
        let (mut prev, mut prev2) = (0usize, 0usize);
        for i in 0..s.info.len() {
            let (st, dy) = feats.split_at_mut(N_STATIC);
            ner::static_features(&s.info, i, p.mask, st.try_into().expect("static width"));
            ner::dynamic_features(&s.info, i, prev, prev2, p.mask, dy.try_into().expect("dynamic width"));
            if dropout > 0.0 {
                *rng ^= *rng << 13;
                *rng ^= *rng >> 7;
                *rng ^= *rng << 17;
                if (*rng % 1_000_000) as f64 / 1e6 < dropout {
                    for k in WORD_FEATURES {
                        feats[k] = DROPPED;
                    }
                }
            }
            p.scores(&feats, &mut scores);
            let guess = best_allowed(tags, &scores, (i > 0).then_some(prev), i + 1 == s.info.len());
            let gold = s.gold[i] as usize;
            p.t += 1;
            if guess != gold {
                p.bump(&feats, gold, 1);
                p.bump(&feats, guess, -1);
            } else {
                right += 1;
            }
            all += 1;
            prev2 = prev;
            prev = if gold_history { gold } else { guess };
        }
    }
    (right, all)
}

fn quantise(labels: Vec<NerLabel>, bits: u32, avg: &[f32]) -> NerModel {
    let levels: f32 = std::env::var("NER_LEVELS").ok().and_then(|v| v.parse().ok()).unwrap_or(32767.0);
    let mut mags: Vec<f32> = avg.iter().map(|w| w.abs()).filter(|w| *w > 0.0).collect();
    let max = if levels < 32767.0 && !mags.is_empty() {
        // the weight magnitude at this share (per 100,000) is the largest level: a few larger
        // weights are clipped so that the rest keep their resolution
        let clip: usize = std::env::var("NER_CLIP").ok().and_then(|v| v.parse().ok()).unwrap_or(99_950);
        let k = (mags.len() * clip / 100_000).min(mags.len() - 1);
        *mags.select_nth_unstable_by(k, |a, b| a.total_cmp(b)).1
    } else {
        mags.iter().fold(0f32, |m, w| m.max(*w))
    }
    .max(1e-6);
    let scale = max / levels;
    let weights = avg.iter().map(|w| (w / scale).round().clamp(-levels, levels) as i16).collect();
    NerModel::new(labels, bits, weights, scale, 1.0)
}

/// Entity-level counts: (true positives, predicted, gold) overall and per label.
#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p = self.tp as f64 / self.pred.max(1) as f64;
        let r = self.tp as f64 / self.gold.max(1) as f64;
        (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
    }
}

struct Eval {
    all: Counts,
    per: Vec<Counts>,
    tokens: usize,
    right: usize,
    /// every predicted span's confidence and whether it was right
    judged: Vec<(f32, bool)>,
}

fn evaluate(m: &NerModel, sents: &[&Sentence], min_conf: f32) -> Eval {
    let tags = m.tags();
    let mut e = Eval { all: Counts::default(), per: vec![Counts::default(); tags.labels.len()], tokens: 0, right: 0, judged: Vec::new() };
    let ones: Vec<f32> = Vec::new();
    for s in sents {
        let (guess, probs) = m.decode(&s.info);
        e.tokens += guess.len();
        e.right += guess.iter().zip(&s.gold).filter(|(a, b)| a == b).count();
        let ones = if ones.len() >= s.gold.len() { ones.clone() } else { vec![1.0; s.gold.len()] };
        let gold = ner::spans(tags, &s.gold, &ones);
        let pred: Vec<NerSpan> = ner::spans(tags, &guess, &probs).into_iter().filter(|p| p.confidence >= min_conf).collect();
        let li = |l: NerLabel| tags.labels.iter().position(|x| *x == l).unwrap_or(0);
        for g in &gold {
            e.all.gold += 1;
            e.per[li(g.label)].gold += 1;
        }
        for p in &pred {
            let ok = gold.iter().any(|g| g.start_token == p.start_token && g.end_token == p.end_token && g.label == p.label);
            e.all.pred += 1;
            e.per[li(p.label)].pred += 1;
            if ok {
                e.all.tp += 1;
                e.per[li(p.label)].tp += 1;
            }
            e.judged.push((p.confidence, ok));
        }
    }
    e
}

fn report(name: &str, m: &NerModel, e: &Eval) {
    let (p, r, f) = e.all.prf();
    println!(
        "{name}: token accuracy {:.4}; entities P {:.3} R {:.3} F1 {:.3} ({} gold)",
        e.right as f64 / e.tokens.max(1) as f64,
        p,
        r,
        f,
        e.all.gold
    );
    for (l, c) in m.tags().labels.iter().zip(&e.per) {
        let (p, r, f) = c.prf();
        println!("  {:<3} P {:.3} R {:.3} F1 {:.3} ({} gold)", l.code(), p, r, f, c.gold);
    }
}

/// The tagger as relate asks it, on held-out silver sentences: each capitalised run tagged with
/// two words of context (see `runs.rs`), against spaCy's span of exactly that run.
fn run_eval(m: &NerModel, sents: &[&Sentence], lex: &Lexicon, nlex: &ner::NerLexicon) -> (RunCounts, RunCounts, Vec<((Option<NerLabel>, Option<NerLabel>), usize)>) {
    let (mut win, mut whole) = (RunCounts::default(), RunCounts::default());
    let mut confusion: std::collections::HashMap<(Option<NerLabel>, Option<NerLabel>), usize> = Default::default();
    let ones = vec![1.0f32; 4096];
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let gold = ner::spans(m.tags(), &s.gold, &ones[..s.gold.len().min(4096)]);
        let full = m.tag(&words, &|x: &str| nlex.flags(x));
        for (a, b) in runs::runs(&words, lex, nlex) {
            let g = gold.iter().find(|g| g.start_token == a && g.end_token == b).map(|g| g.label);
            let p = runs::window_label(m, &words, a, b, nlex).map(|x| x.0);
            win.add(g, p);
            if g != p {
                *confusion.entry((g, p)).or_default() += 1;
            }
            let q = full
                .iter()
                .find(|x| x.start_token == a && x.end_token == b && x.confidence >= runs::MIN_CONFIDENCE)
                .map(|x| x.label);
            whole.add(g, q);
        }
    }
    let mut c: Vec<_> = confusion.into_iter().collect();
    c.sort_by(|a, b| b.1.cmp(&a.1));
    (win, whole, c)
}

fn run_report(name: &str, m: &NerModel, sents: &[&Sentence], lex: &Lexicon, nlex: &ner::NerLexicon) {
    let (win, whole, conf) = run_eval(m, sents, lex, nlex);
    println!("{name}, relate's way (runs ±{} words, confidence >= {}): {}", runs::CONTEXT, runs::MIN_CONFIDENCE, win.line());
    println!("{name}, runs in the whole sentence:                       {}", whole.line());
    let code = |l: Option<NerLabel>| l.map_or("-", |l| l.code());
    let top: Vec<String> = conf.iter().take(8).map(|((g, p), n)| format!("{}→{} {n}", code(*g), code(*p))).collect();
    println!("  run errors (silver→model): {}", top.join(", "));
}

/// Windows of `CONTEXT` words either side of each capitalised run of `s`, as relate tags them;
/// windows that would cut a silver name are left out.
fn windows_of(s: &Sentence, lex: &Lexicon, nlex: &ner::NerLexicon, tags: &Tags) -> Vec<Sentence> {
    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
    let mut out: Vec<Sentence> = Vec::new();
    let mut last = (usize::MAX, usize::MAX);
    for (a, b) in runs::runs(&words, lex, nlex) {
        let (w0, w1) = (a.saturating_sub(runs::CONTEXT), (b + runs::CONTEXT).min(words.len()));
        if (w0 == 0 && w1 == words.len()) || (w0, w1) == last {
            continue;
        }
        last = (w0, w1);
        let cut_left = matches!(tags.split(s.gold[w0] as usize).0, ner::Part::Inside | ner::Part::Last);
        let cut_right = matches!(tags.split(s.gold[w1 - 1] as usize).0, ner::Part::Inside | ner::Part::Begin);
        if cut_left || cut_right {
            continue;
        }
        let mut info = Vec::new();
        ner::analyse(&words[w0..w1], &|x: &str| nlex.flags(x), &mut info);
        out.push(Sentence {
            doc: s.doc.clone(),
            genre: s.genre.clone(),
            words: s.words[w0..w1].to_vec(),
            info,
            gold: s.gold[w0..w1].to_vec(),
        });
    }
    out
}

/// The bias against `O` (in score units) that maximises held-out entity F1.
fn fit_out_bias(m: &mut NerModel, sents: &[&Sentence]) -> f32 {
    let mut best = (0.0f32, -1.0f64);
    for k in 0..16 {
        let b = k as f32 * 0.5;
        m.set_out_bias(b);
        let (p, r, f) = evaluate(m, sents, 0.0).all.prf();
        println!("  bias {b:>4.1}: P {p:.3} R {r:.3} F1 {f:.3}");
        if f > best.1 {
            best = (b, f);
        }
    }
    m.set_out_bias(best.0);
    best.0
}

/// The temperature that minimises the log loss of span confidence against span correctness.
fn calibrate(m: &mut NerModel, sents: &[&Sentence]) -> f32 {
    let mut best = (1.0f32, f64::INFINITY);
    for k in 0..40 {
        let t = 0.25 * 1.15f32.powi(k);
        m.set_temperature(t);
        let e = evaluate(m, sents, 0.0);
        let loss: f64 = e
            .judged
            .iter()
            .map(|&(c, ok)| {
                let c = f64::from(c).clamp(1e-6, 1.0 - 1e-6);
                -(if ok { c.ln() } else { (1.0 - c).ln() })
            })
            .sum::<f64>()
            / e.judged.len().max(1) as f64;
        if loss < best.1 {
            best = (t, loss);
        }
    }
    m.set_temperature(best.0);
    best.0
}

fn reliability(e: &Eval) {
    let edges = [0.0f32, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01];
    println!("  confidence bin: spans, share right");
    for w in edges.windows(2) {
        let inbin: Vec<bool> = e.judged.iter().filter(|(c, _)| *c >= w[0] && *c < w[1]).map(|x| x.1).collect();
        if !inbin.is_empty() {
            let right = inbin.iter().filter(|b| **b).count();
            println!("  [{:.2}, {:.2}): {:>6}, {:.3}", w[0], w[1].min(1.0), inbin.len(), right as f64 / inbin.len() as f64);
        }
    }
}

/// CPU seconds this thread has used (so that speed is measured fairly on a shared machine).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |x| x.1);
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // fields 14 and 15 of stat (utime, stime), counted from after the command name
    (ticks(11) + ticks(12)) / 100.0
}

fn speed(m: &NerModel, sents: &[&Sentence]) {
    let nlex = ner::NerLexicon::default();
    let words: Vec<Vec<&str>> = sents.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
    let ntok: usize = words.iter().map(Vec::len).sum();
    let bytes: usize = sents.iter().map(|s| s.words.iter().map(|w| w.len() + 1).sum::<usize>()).sum();
    let mut rounds = 0usize;
    let mut found = 0usize;
    let c0 = cpu_seconds();
    while cpu_seconds() - c0 < 3.0 {
        for w in &words {
            found += m.tag(w, &|x: &str| nlex.flags(x)).len();
        }
        rounds += 1;
    }
    let dt = cpu_seconds() - c0;
    let toks = (ntok * rounds) as f64;
    println!(
        "speed: {:.0} ns/token, {:.2} M tokens/s, {:.1} MB/s of text (per CPU second, one thread; {} spans)",
        dt * 1e9 / toks,
        toks / dt / 1e6,
        (bytes * rounds) as f64 / dt / 1e6,
        found / rounds
    );
}

pub fn run(args: Vec<String>) -> Result<(), String> {
    let a = parse(args)?;
    let lex = Lexicon::load().map_err(|e| format!("lexicon: {e:?}"))?;
    let nlex = data::ner_lexicon(&lex);
    if let Some(path) = &a.model {
        // evaluate a written model only
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let m = NerModel::from_bytes(&bytes).map_err(|e| e.to_string())?;
        if let Some(dir) = &a.corpus {
            crate::corpus::report(dir, &m, &lex, &nlex, a.corpus_spacy.as_deref())?;
        }
        for t in &a.try_text {
            let spans: Vec<String> = crate::corpus::model_spans(&m, t, &lex, &nlex)
                .into_iter()
                .map(|(n, l, c)| format!("{n} {} {c:.2}", l.code()))
                .collect();
            println!("{t}\n  {}", spans.join("; "));
            {
                let toks = crate::mention::tokens(t, 0, &lex);
                let words: Vec<&str> = toks.iter().map(|x| x.text).collect();
                for (ra, rb) in runs::runs(&words, &lex, &nlex) {
                    let (s0, e0) = (ra.saturating_sub(runs::CONTEXT), (rb + runs::CONTEXT).min(words.len()));
                    let all: Vec<String> = m
                        .tag(&words[s0..e0], &|x: &str| nlex.flags(x))
                        .iter()
                        .map(|p| format!("{} {} {:.2}", words[s0 + p.start_token..s0 + p.end_token].join(" "), p.label.code(), p.confidence))
                        .collect();
                    println!("  run [{}] in [{}]: {}", words[ra..rb].join(" "), words[s0..e0].join(" "), all.join("; "));
                }
            }
            let toks = crate::mention::tokens(t, 0, &lex);
            let words: Vec<&str> = toks.iter().map(|x| x.text).collect();
            let mut info = Vec::new();
            ner::analyse(&words, &|w: &str| nlex.flags(w), &mut info);
            let (tags, probs) = m.decode(&info);
            let shown: Vec<String> = words
                .iter()
                .zip(tags.iter().zip(&probs))
                .map(|(w, (t, p))| {
                    let (part, l) = m.tags().split(*t as usize);
                    format!("{w}/{part:?}{}:{p:.2}", if *t == 0 { "" } else { m.tags().labels[l].code() })
                })
                .collect();
            println!("  {}", shown.join(" "));
        }
        if !a.data.is_empty() {
            let tags = m.tags().clone();
            let mut all = Vec::new();
            for d in &a.data {
                all.extend(data::read(d, &tags, &lex, &nlex)?);
            }
            let held: Vec<&Sentence> = all.iter().filter(|s| data::held_out(&s.doc, a.holdout)).collect();
            let (hl, held): (Vec<&Sentence>, Vec<&Sentence>) = held.into_iter().partition(|s| s.genre == "headline");
            report("held out", &m, &evaluate(&m, &held, 0.0));
            run_report("held out", &m, &held, &lex, &nlex);
            if !hl.is_empty() {
                report("held-out headlines", &m, &evaluate(&m, &hl, 0.0));
                run_report("held-out headlines", &m, &hl, &lex, &nlex);
            }
            speed(&m, &held);
        }
        return Ok(());
    }
    let tags = Tags { labels: a.labels.clone() };
    let mut all = Vec::new();
    for d in &a.data {
        all.extend(data::read(d, &tags, &lex, &nlex)?);
    }
    let extra: Vec<Sentence> = if a.windows {
        all.iter()
            .filter(|s| a.final_all || !data::held_out(&s.doc, a.holdout))
            .flat_map(|s| windows_of(s, &lex, &nlex, &tags))
            .collect()
    } else {
        Vec::new()
    };
    println!("windows around capitalised runs: {}", extra.len());
    let (held, train): (Vec<&Sentence>, Vec<&Sentence>) =
        all.iter().partition(|s| data::held_out(&s.doc, a.holdout));
    let (held_hl, held): (Vec<&Sentence>, Vec<&Sentence>) = held.into_iter().partition(|s| s.genre == "headline");
    let mut train: Vec<&Sentence> = if a.final_all { all.iter().collect() } else { train };
    train.extend(extra.iter());
    let ntok: usize = train.iter().map(|s| s.info.len()).sum();
    println!(
        "train: {} sentences, {} tokens; held out: {} sentences, {} tokens ({} documents in {})",
        train.len(),
        ntok,
        held.len(),
        held.iter().map(|s| s.info.len()).sum::<usize>(),
        {
            let mut d: Vec<&str> = held.iter().map(|s| s.doc.as_str()).collect();
            d.dedup();
            d.len()
        },
        a.holdout
    );
    let mut p = Perceptron::new(a.bits, tags.len());
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = a.seed.max(1);
    let t0 = Instant::now();
    for ep in 0..a.epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let (right, n) = epoch(&mut p, &tags, &train, &order, a.gold_history, a.dropout, &mut rng);
        let m = quantise(a.labels.clone(), a.bits, &p.averaged());
        let e = evaluate(&m, &held, 0.0);
        let (hp, hr, hf) = e.all.prf();
        println!(
            "epoch {:>2}: train token accuracy {:.4}; held out P {:.3} R {:.3} F1 {:.3} ({:.0} s)",
            ep + 1,
            right as f64 / n as f64,
            hp,
            hr,
            hf,
            t0.elapsed().as_secs_f64()
        );
    }
    let mut m = quantise(a.labels.clone(), a.bits, &p.averaged());
    let bias = fit_out_bias(&mut m, &held);
    println!("bias against O: {bias:.2}");
    let t = calibrate(&mut m, &held);
    println!("calibrated temperature {t:.3}");
    let e = evaluate(&m, &held, 0.0);
    report("held out", &m, &e);
    reliability(&e);
    for min in [0.5f32, 0.7, 0.9] {
        let (p, r, f) = evaluate(&m, &held, min).all.prf();
        println!("  keeping spans with confidence >= {min}: P {p:.3} R {r:.3} F1 {f:.3}");
    }
    let mut genres: Vec<&str> = held.iter().map(|s| s.genre.as_str()).collect();
    genres.sort_unstable();
    genres.dedup();
    for g in genres {
        let part: Vec<&Sentence> = held.iter().copied().filter(|s| s.genre == g).collect();
        let (p, r, f) = evaluate(&m, &part, 0.0).all.prf();
        println!("  {g:<18} P {p:.3} R {r:.3} F1 {f:.3}");
    }
    run_report("held out", &m, &held, &lex, &nlex);
    if !held_hl.is_empty() {
        report("held-out headlines", &m, &evaluate(&m, &held_hl, 0.0));
        run_report("held-out headlines", &m, &held_hl, &lex, &nlex);
    }
    speed(&m, &held);
    let bytes = m.to_bytes();
    let back = NerModel::from_bytes(&bytes).map_err(|e| e.to_string())?;
    let (p2, _, _) = evaluate(&back, &held, 0.0).all.prf();
    let (p1, _, _) = e.all.prf();
    if (p1 - p2).abs() > 1e-9 {
        return Err("the written model does not read back the same".into());
    }
    if let Some(dir) = &a.corpus {
        crate::corpus::report(dir, &m, &lex, &nlex, a.corpus_spacy.as_deref())?;
    }
    std::fs::write(&a.out, &bytes).map_err(|e| format!("{}: {e}", a.out))?;
    println!("wrote {} ({:.1} MB)", a.out, bytes.len() as f64 / 1e6);
    Ok(())
}
