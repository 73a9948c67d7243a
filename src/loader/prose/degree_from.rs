//! `prose.degree-from`: "received his M.D. degree from O", "holds honorary degrees from A, B, and the C", "received his specialty training in pathology at O", "graduated from O"

use super::view::*;

use super::super::resolve::Context;

use super::super::time::When;
use super::super::Fact;

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { toks, lower, ments, subject, .. } = *v;
    let actor_before = |ti: usize| v.actor_before(ti);
    let pending = &mut out.pending;
    // "has a PhD", "have degrees": "has" only right before what is had
    let has_degree = lower.iter().enumerate().any(|(q, v)| {
        matches!(v.as_str(), "has" | "have")
            && (q + 1..(q + 3).min(toks.len())).any(|k| degree_at(cx, &toks[k..]).is_some() || lower[k] == "degrees")
    });
    let verb = has_degree
        || lower.iter().any(|v| {
            matches!(
                v.as_str(),
                "received"
                    | "receive"
                    | "receiving"
                    | "earned"
                    | "earn"
                    | "earning"
                    | "graduated"
                    | "completed"
                    | "complete"
                    | "completing"
                    | "holds"
                    | "obtained"
                    | "obtain"
                    | "trained"
                    | "holding"
                    | "attended"
            )
        });
    let mut prev = 0;
    for ti in 0..toks.len() {
        if !verb || !(lower[ti] == "from" || lower[ti] == "at") {
            continue;
        }
        // "graduated from A with a B.A. and earned an M.S. from B": the degrees of B follow the
        // verb that governs its "from"
        let governs = (prev..ti).rfind(|&q| {
            matches!(lower[q].as_str(), "received" | "earned" | "completed" | "obtained" | "holds" | "attended")
        });
        let window = governs.map_or(prev, |q| q + 1).max(prev)..ti;
        prev = ti + 1;
        let degrees = degrees_in(cx, &toks[window.clone()]);
        let graduated = lower[window.clone()].iter().any(|v| v == "graduated");
        if degrees.is_empty() && !(graduated && lower[ti] == "from") {
            continue;
        }
        let Some(actor) = actor_before(ti).or(subject) else { continue };
        // "a medical doctorate and a master's degree in public health": the field is the last
        // degree's before "in"
        let field = field_in(&lower[window.clone()]);
        let field_at = lower[window.clone()].iter().position(|w| w == "in").map(|p| window.start + p);
        let with_field = field_at.and_then(|p| degrees.iter().rposition(|d| window.start + d.1 <= p));
        // "his undergraduate degree in English in 1977 and his medical degree in 1982 from O":
        // each degree's own year, between it and the next degree
        let own_year = |i: usize| {
            let from = window.start + degrees[i].1;
            let to = degrees.get(i + 1).map_or(ti, |d| window.start + d.1);
            // "the BS (1974)": a year in parentheses right after the degree
            let bracketed = (lower.get(from).is_some_and(|w| w == "(")
                && lower.get(from + 2).is_some_and(|w| w == ")"))
            .then(|| lower.get(from + 1).and_then(|w| year_word(w)))
            .flatten()
            .map(When::year);
            bracketed.or_else(|| year_after_in(lower, from, to).map(|(_, y)| y))
        };
        let mut each: Vec<(Option<String>, Option<String>, Option<When>)> = degrees
            .iter()
            .enumerate()
            .map(|(i, d)| {
                // "his undergraduate degree in English in 1977 and his medical degree ...": the
                // field right after this degree
                let at = window.start + d.1;
                let own_field = (lower.get(at).is_some_and(|w| w == "in")
                    && lower.get(at + 1).is_some_and(|w| year_word(w).is_none()))
                .then(|| {
                    let words: Vec<&str> = (at + 1..ti.min(at + 5))
                        .take_while(|&q| {
                            toks[q].is_word()
                                && year_word(&lower[q]).is_none()
                                && !matches!(lower[q].as_str(), "in" | "and" | "from" | "at" | "with")
                        })
                        .map(|q| lower[q].as_str())
                        .collect();
                    (!words.is_empty()).then(|| words.join(" "))
                })
                .flatten();
                let field = if with_field == Some(i) || field_at.is_none() { field.clone() } else { None };
                (Some(d.0.clone()), own_field.or(field), own_year(i))
            })
            .collect();
        if each.is_empty() {
            each.push((None, field.clone(), None));
        }
        // "her Ph.D. from O in 2001": the year after the institution, before the next "from"
        // (", becoming chief in 1988": a participle's clause has its own time)
        let participle = |q: usize| {
            lower[q] == ";" || lower[q] == "," && lower.get(q + 1).is_some_and(|w| w.len() > 4 && w.ends_with("ing"))
        };
        let upto = (ti + 1..toks.len().min(ti + 14))
            .find(|&q| lower[q] == "from" || participle(q))
            .unwrap_or(toks.len().min(ti + 14));
        // "In 1979, he completed his fellowship at O": the year that opens the sentence
        let opening = (lower.len() > 3 && lower[0] == "in" && lower[2] == ",")
            .then(|| year_word(&lower[1]))
            .flatten()
            .map(When::year);
        let after = year_after_in(lower, ti + 1, upto).map(|(_, y)| y).or(opening);
        let orgs = orgs_listed_after(ments, toks, ti + 1);
        // "a degree from O in art history": the field after the institution, in lowercase
        let end =
            orgs.last().and_then(|&o| ments.iter().find(|x| x.id == o && x.m.first_token > ti)).map(|x| x.m.next_token);
        if let Some(e) = end.filter(|&e| lower.get(e).is_some_and(|w| w == "in")) {
            let words: Vec<&str> = (e + 1..toks.len().min(e + 5))
                .take_while(|&q| {
                    toks[q].is_word()
                        && !toks[q].is_capitalised()
                        && year_word(&lower[q]).is_none()
                        && !matches!(lower[q].as_str(), "and" | "from" | "in" | "at" | "where" | "with")
                })
                .map(|q| lower[q].as_str())
                .collect();
            if !words.is_empty() {
                for d in &mut each {
                    d.1.get_or_insert_with(|| words.join(" "));
                }
            }
        }
        // "graduated from O with a B.A. in economics": the degree after "with"
        if let Some(e) = end.filter(|&e| lower.get(e).is_some_and(|w| w == "with")) {
            let mut k = e + 1;
            while lower.get(k).is_some_and(|w| matches!(w.as_str(), "a" | "an" | "the" | "his" | "her")) {
                k += 1;
            }
            if let (true, Some((degree, len))) =
                (each.iter().all(|d| d.0.is_none()), degree_at(cx, &toks[k.min(toks.len())..]))
            {
                let f = k + len;
                let field = (lower.get(f).is_some_and(|w| w == "in"))
                    .then(|| {
                        let words: Vec<&str> = (f + 1..toks.len().min(f + 5))
                            .take_while(|&q| {
                                toks[q].is_word()
                                    && year_word(&lower[q]).is_none()
                                    && !matches!(lower[q].as_str(), "and" | "from" | "in" | "at")
                            })
                            .map(|q| lower[q].as_str())
                            .collect();
                        (!words.is_empty()).then(|| words.join(" "))
                    })
                    .flatten();
                each = vec![(Some(degree), field, None)];
            }
        }
        // "graduated from O in 1984 with degrees in Public Policy and Medical Microbiology": one
        // field each, written as names
        if let Some(e) = end {
            let mut q = e;
            if lower.get(q).is_some_and(|w| w == "in") && lower.get(q + 1).is_some_and(|w| year_word(w).is_some()) {
                q += 2;
            }
            let with = lower.get(q).is_some_and(|w| w == "with");
            let d = (q + 1..toks.len().min(q + 5)).find(|&k| matches!(lower[k].as_str(), "degree" | "degrees"));
            if let Some(d) = d.filter(|&d| with && lower.get(d + 1).is_some_and(|w| w == "in")) {
                let stop = (d + 2..toks.len()).find(|&k| !toks[k].is_word()).unwrap_or(toks.len());
                let text = lower[d + 2..stop].join(" ");
                let fields: Vec<String> = text
                    .split(" and ")
                    .map(str::trim)
                    .filter(|f| !f.is_empty() && f.split_whitespace().count() <= 4)
                    .map(str::to_owned)
                    .collect();
                if each.len() == 1 && each[0].1.is_none() && !fields.is_empty() {
                    let (degree, _, own) = each.remove(0);
                    for f in fields {
                        each.push((degree.clone(), Some(f), own));
                    }
                }
            }
        }
        for org in orgs {
            for (degree, field, own) in &each {
                let year = own.or(after);
                pending.push((
                    Fact::Education {
                        student: actor,
                        institution: Some(org),
                        degree: degree.clone(),
                        field: field.clone(),
                        year,
                        completed: None,
                    },
                    "prose.degree-from",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::loader::{extract_text, Fact};

    #[test]
    fn each_degree_goes_to_the_institution_its_verb_names_and_a_degree_is_no_ms() {
        let text = "Eric Sorel graduated from Tarrow College with a B.A in economics and earned an M.S. and Ph.D. \
                    in economics from Northport University.";
        let ex = extract_text(text);
        let name = |id: usize| ex.entities[id].name.clone();
        let mut got: Vec<(String, String, String)> = ex
            .facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Education { student, institution: Some(i), degree: Some(d), .. } => {
                    Some((name(*student), name(*i), d.clone()))
                }
                _ => None,
            })
            .collect();
        got.sort();
        let want = |s: &str, i: &str, d: &str| (s.to_owned(), i.to_owned(), d.to_owned());
        assert_eq!(
            got,
            [
                want("Eric Sorel", "Northport University", "MS"),
                want("Eric Sorel", "Northport University", "PhD"),
                want("Eric Sorel", "Tarrow College", "BA"),
            ],
            "{:?}",
            ex.facts
        );
        assert!(!ex.entities.iter().any(|e| e.name.starts_with("and ")), "{:?}", ex.entities);
    }
}
