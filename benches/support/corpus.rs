//! A generated corpus for the benches: variants of the seed documents in `data/` and
//! `tests/fixtures/`, made by systematic substitution. Every capitalised word that is not a
//! vocabulary word (head words, roles, function words) is replaced by a made-up word chosen per
//! variant, and every year is shifted, so names, organisations and years vary while the page
//! structure stays.

use relate::lexicon::Lexicon;

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "an", "bri", "chu", "el", "fa", "gor", "hil", "is", "jun", "ko",
    "lem", "nor",
];

fn pseudo(seed: u64) -> String {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5DEE_CE66;
    let mut w = String::new();
    for _ in 0..3 {
        x ^= x >> 29;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        w.push_str(SYLLABLES[(x % SYLLABLES.len() as u64) as usize]);
    }
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn hash(s: &str, salt: u64) -> u64 {
    s.bytes().fold(salt ^ 0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// One variant of a template: names, organisations and years substituted.
pub fn variant(template: &str, n: u64, keep: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(template.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        let is_year = word.len() == 4
            && word.chars().all(|c| c.is_ascii_digit())
            && (word.starts_with("19") || word.starts_with("20"));
        if is_year {
            let y: i64 = word.parse().unwrap_or(2000);
            out.push_str(&(y + (n % 15) as i64 - 7).to_string());
        } else if word.starts_with(char::is_uppercase) && word.chars().count() > 2 && !keep(word) {
            out.push_str(&pseudo(hash(word, n)));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in template.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Is this capitalised word vocabulary (kept as is) rather than a name (substituted)?
pub fn keeper(lex: &Lexicon) -> impl Fn(&str) -> bool + '_ {
    move |w: &str| {
        let l = w.to_lowercase();
        lex.org_heads.contains_key(&l)
            || lex.roles.contains(&l)
            || lex.role_modifiers.contains(&l)
            || lex.function_words.contains(&l)
            || lex.honorifics.contains(&l)
            || lex.name_titles.contains_key(&l)
            || lex.places.contains(w)
            || lex.degree(w).is_some()
            || lex.has_award_word(w)
    }
}

/// The seed documents, sorted by path: the demo corpus, and with `fixtures` the plain-text and
/// Markdown test fixtures too.
pub fn templates(fixtures: bool) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("data")];
    if fixtures {
        dirs.push(root.join("tests").join("fixtures"));
    }
    let mut paths = Vec::new();
    for d in dirs {
        for e in std::fs::read_dir(&d).expect("seed directory") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "txt" || x == "md") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("read seed")).collect()
}
