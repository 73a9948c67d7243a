//! Plain-language relationship questions ▶ SPARQL or path search, and the writers for paths and
//! neighbourhoods ([`write`](mod@write): text with evidence, JSON; [`picture`]: DOT, SVG). Every answer
//! shows the query it ran (or the path search it did), so users learn it and can change it. A
//! question outside the forms gets the list of forms, never a guess.

pub mod picture;
pub mod sentence;
pub mod write;

use std::io::Write;

use regex::Regex;

use crate::error::{Error, Result, Usage};
use crate::loader::Fact;
use crate::paths::Projection;
use crate::relation_kinds::{alternatives, KINDS};
use crate::render::{self, GraphFormat};
use crate::store::Sparql;

pub use picture::{write_dot, write_svg};
pub use write::{write_neighbours, write_paths, SearchContext};

/// The question forms understood, shown when a question is not one of them.
pub const FORMS: &[&str] = &[
    "how is A related to B? / how is A connected to B? / how are A and B connected?",
    "who is A?",
    "where did A study?",
    "where did A work?",
    "what positions did A hold? / what positions did A hold in YEAR?",
    "who chaired X? / who served on X? / who was a member of X?",
    "who served under President P?",
    "what do A and B have in common?",
    "when did A leave X?",
    "what can you answer?",
];

/// One line describing an extracted fact (for `relate extract --explain`).
#[must_use]
pub fn describe_fact(f: &Fact, name: &dyn Fn(usize) -> String) -> String {
    let y = |w: &Option<crate::loader::When>| w.map(|w| w.lexical().0).unwrap_or_default();
    match f {
        Fact::Position { holder, org, role, start, end, under, ended, .. } => format!(
            "position: {} — {} — {} [{}–{}]{}{}",
            name(*holder),
            role.as_deref().unwrap_or("?"),
            org.map(name).unwrap_or_else(|| "?".into()),
            y(start),
            y(end),
            under.map(|u| format!(" under {}", name(u))).unwrap_or_default(),
            if *ended { " (ended)" } else { "" }
        ),
        Fact::Education { student, institution, degree, field, completed, .. } => format!(
            "education: {} — {} {} — {}{}",
            name(*student),
            degree.as_deref().unwrap_or("?"),
            field.as_deref().unwrap_or(""),
            institution.map(name).unwrap_or_else(|| "?".into()),
            if *completed == Some(false) { " (not completed)" } else { "" }
        ),
        Fact::Award { recipient, honour, conferred_by, years } => format!(
            "award: {} — {} — {} {:?}",
            name(*recipient),
            honour,
            conferred_by.map(name).unwrap_or_else(|| "?".into()),
            years.iter().map(|w| w.year).collect::<Vec<_>>()
        ),
        Fact::Membership { member, org, role, since, until } => format!(
            "membership: {} — {} — {} [{}{}]",
            name(*member),
            role.as_deref().unwrap_or("member"),
            name(*org),
            y(since),
            until.map(|u| format!("–{}", u.year)).unwrap_or_default()
        ),
        Fact::Collaboration { participants, topic } => format!(
            "collaboration: {} on {}",
            participants.iter().map(|p| name(*p)).collect::<Vec<_>>().join(" & "),
            topic.as_deref().unwrap_or("?")
        ),
        Fact::Appointment { appointee, appointer, org, role, .. } => format!(
            "appointment: {} as {} of {} by {}",
            name(*appointee),
            role.as_deref().unwrap_or("?"),
            org.map(name).unwrap_or_else(|| "?".into()),
            appointer.map(name).unwrap_or_else(|| "?".into())
        ),
        Fact::PartOf { part, whole } => format!("part of: {} — {}", name(*part), name(*whole)),
        Fact::LocatedIn { entity, place } => format!("located in: {} — {}", name(*entity), name(*place)),
        Fact::Born { person, place, date } => format!(
            "born: {} — {} {}",
            name(*person),
            place.map(name).unwrap_or_default(),
            date.map(|d| d.lexical().0).unwrap_or_default()
        ),
        Fact::SignedBy { law, president } => format!("signed by: {} — {}", name(*law), name(*president)),
        Fact::EstablishedBy { org, law } => format!("established by: {} — {}", name(*org), name(*law)),
        Fact::Related { kind, subject, other, role, start, end } => format!(
            "{}: {} — {} — {} [{}–{}]",
            kind.name(),
            name(*subject),
            role.as_deref().unwrap_or("?"),
            other.map(name).unwrap_or_else(|| "?".into()),
            y(start),
            y(end)
        ),
    }
}

/// A question read into one of the forms, names still as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// "How is A connected to B?": a path search.
    Connection(String, String),
    /// "Who is A?": every relation of A.
    Who(String),
    /// "Where did A study?"
    Study(String),
    /// "Where did A work?"
    Work(String),
    /// "What positions did A hold (in YEAR)?"
    Positions(String, Option<i32>),
    /// "Who chaired / served on / was a member of X?": the verb (lowercase) and X.
    Roles(String, String),
    /// "Who served under President P?"
    Under(String),
    /// "What do A and B have in common?"
    Common(String, String),
    /// "When did A leave X?"
    Left(String, String),
    /// "What can you answer?": the list of forms.
    Forms,
}

impl Question {
    /// The form this question is an instance of (one of [`FORMS`]).
    #[must_use]
    pub fn form(&self) -> &'static str {
        let i = match self {
            Question::Connection(..) => 0,
            Question::Who(_) => 1,
            Question::Study(_) => 2,
            Question::Work(_) => 3,
            Question::Positions(..) => 4,
            Question::Roles(..) => 5,
            Question::Under(_) => 6,
            Question::Common(..) => 7,
            Question::Left(..) => 8,
            Question::Forms => 9,
        };
        FORMS[i]
    }
}

fn re(r: &str) -> Regex {
    Regex::new(&format!("(?i)^{r}$")).expect("static regex")
}

/// Reads a question into one of the forms; `None` when it is none of them.
#[must_use]
pub fn read(question: &str) -> Option<Question> {
    let q = question.trim().trim_end_matches(['?', '.', '!', ' ']).trim();
    let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
    let two =
        |r: &str, f: fn(String, String) -> Question| re(r).captures(&q).map(|c| f(c[1].to_owned(), c[2].to_owned()));
    let one = |r: &str, f: fn(String) -> Question| re(r).captures(&q).map(|c| f(c[1].to_owned()));
    if re(r"(?:what can (?:you|i) (?:answer|ask)|what (?:questions|forms) (?:can|do) you (?:answer|understand)|help)")
        .is_match(&q)
    {
        return Some(Question::Forms);
    }
    two(r"how (?:is|are|was|were) (.+?) (?:related|connected|linked) (?:to|with) (.+)", Question::Connection)
        .or_else(|| two(r"how (?:is|are|was|were) (.+?) and (.+?) (?:related|connected|linked)", Question::Connection))
        .or_else(|| two(r"what(?:'s| is) the (?:connection|relation|relationship|link) between (.+?) and (.+)", Question::Connection))
        .or_else(|| {
            re(r"who (chaired|co-chaired|led|directed|headed|served on|sat on|was a member of|were members of|is a member of|are members of|belongs to|belonged to|worked at|works at|worked for|works for) (.+)").captures(&q).map(|c| Question::Roles(c[1].to_lowercase(), c[2].to_owned()))
        })
        .or_else(|| one(r"who (?:served|worked) under (.+)", Question::Under))
        .or_else(|| one(r"who (?:is|was) (.+)", Question::Who))
        .or_else(|| one(r"where (?:did|does|has|had) (.+?) (?:study|studied|train|trained|graduate|graduated|go to (?:school|college|university))", Question::Study))
        .or_else(|| one(r"what did (.+?) study", Question::Study))
        .or_else(|| one(r"where (?:did|does|has|had) (.+?) (?:work|worked)", Question::Work))
        .or_else(|| {
            re(r"(?:what|which) (?:positions|posts|roles|jobs) (?:did|does|has|had) (.+?) (?:hold|held|have|had)(?: in (-?\d{1,4}))?")
                .captures(&q)
                .map(|c| Question::Positions(c[1].to_owned(), c.get(2).and_then(|y| y.as_str().parse().ok())))
        })
        .or_else(|| two(r"what (?:do|did) (.+?) and (.+?) have in common", Question::Common))
        .or_else(|| two(r"when did (.+?) (?:leave|quit|depart|step down from|resign from|stop working at) (.+)", Question::Left))
}

/// A name from a question as the name lookup should see it: quotes dropped, and a leading
/// "the", "President" or "Dr." dropped when the name is not found with it (but is without).
/// A name found neither way comes back trimmed, so looking it up gives the lookup's error.
#[must_use]
pub fn question_name<'a>(p: &Projection, name: &'a str) -> &'a str {
    let name = name.trim().trim_matches(['"', '\'', '“', '”', '‘', '’']).trim();
    if p.find(name).is_ok() {
        return name;
    }
    let lower = name.to_lowercase();
    for prefix in ["the ", "president ", "dr. ", "dr "] {
        if lower.starts_with(prefix) && p.find(&name[prefix.len()..]).is_ok() {
            return &name[prefix.len()..];
        }
    }
    name
}

/// Resolves a name from a question (see [`question_name`]) to its entity's IRI.
fn entity(p: &Projection, name: &str) -> Result<String> {
    Ok(p.node(p.find(question_name(p, name))?).iri.clone())
}

/// The SPARQL a question runs (for the forms answered by SPARQL).
///
/// # Errors
/// A name in the question is unknown or ambiguous.
pub fn sparql(p: &Projection, q: &Question) -> Result<Option<String>> {
    Ok(Some(match q {
        Question::Connection(..) | Question::Forms => return Ok(None),
        Question::Who(a) => {
            let e = entity(p, a)?;
            // one (class, subject, other end, name) a kind, from the table of relation kinds
            let kinds: Vec<String> = KINDS
                .iter()
                .filter_map(|r| {
                    let s = r.statement?;
                    Some(format!("(rel:{} rel:{} rel:{} \"{}\")", s.class, s.subject, s.other?, r.name))
                })
                .collect();
            let kinds: Vec<String> = kinds.chunks(2).map(|c| format!("    {}", c.join(" "))).collect();
            let role = alternatives(|s| vec![s.role]);
            let start = alternatives(|s| vec![s.start]);
            let end = alternatives(|s| vec![s.end]);
            format!(
                r#"SELECT DISTINCT ?relation ?role ?other ?start ?end WHERE {{
  VALUES (?class ?from ?to ?relation) {{
{} }}
  {{ ?q ?from <{e}> ; ?to ?o }} UNION {{ ?q ?to <{e}> ; ?from ?o }}
  ?q a ?class . ?o rdfs:label ?other . FILTER(?o != <{e}>)
  OPTIONAL {{ ?q {role} ?role }}
  OPTIONAL {{ ?q {start} ?start }} OPTIONAL {{ ?q {end} ?end }}
}} ORDER BY ?relation ?start ?other"#,
                kinds.join("\n")
            )
        }
        Question::Study(a) => {
            let e = entity(p, a)?;
            format!(
                "SELECT ?institution ?degree ?field ?year ?completed WHERE {{\n  ?q a rel:Education ; rel:student <{e}> .\n  OPTIONAL {{ ?q rel:institution/rdfs:label ?institution }}\n  OPTIONAL {{ ?q rel:degree ?degree }} OPTIONAL {{ ?q rel:field ?field }}\n  OPTIONAL {{ ?q rel:year ?year }} OPTIONAL {{ ?q rel:completed ?completed }}\n}} ORDER BY ?institution ?degree"
            )
        }
        Question::Work(a) | Question::Positions(a, _) => {
            let e = entity(p, a)?;
            let filter = match q {
                Question::Positions(_, Some(y)) => format!("\n  FILTER((BOUND(?start) || BOUND(?end)) && (!BOUND(?start) || YEAR(?start) <= {y}) && (!BOUND(?end) || YEAR(?end) >= {y}))"),
                _ => String::new(),
            };
            format!(
                "SELECT ?organization ?role ?start ?end ?ended WHERE {{\n  ?q a rel:Position ; rel:holder <{e}> .\n  OPTIONAL {{ ?q rel:organization/rdfs:label ?organization }}\n  OPTIONAL {{ ?q rel:role ?role }} OPTIONAL {{ ?q rel:startDate ?start }}\n  OPTIONAL {{ ?q rel:endDate ?end }} OPTIONAL {{ ?q rel:ended ?ended }}{filter}\n}} ORDER BY ?start ?organization ?role"
            )
        }
        Question::Roles(verb, x) => {
            let e = entity(p, x)?;
            let role = match verb.as_str() {
                "chaired" | "co-chaired" => "\n  FILTER(CONTAINS(LCASE(?role), \"chair\"))",
                "led" | "headed" => "\n  FILTER(REGEX(LCASE(?role), \"lead|head|director|president|chair|chief\"))",
                "directed" => "\n  FILTER(CONTAINS(LCASE(?role), \"director\"))",
                _ => "",
            };
            format!(
                "SELECT DISTINCT ?person ?role ?start ?end WHERE {{\n  ?q (rel:holder|rel:member) ?p ; rel:organization <{e}> .\n  ?p rdfs:label ?person .\n  OPTIONAL {{ ?q rel:role ?r }} BIND(COALESCE(?r, \"member\") AS ?role)\n  OPTIONAL {{ ?q rel:startDate ?start }} OPTIONAL {{ ?q rel:endDate ?end }}{role}\n}} ORDER BY ?start ?person"
            )
        }
        Question::Under(pres) => {
            let e = entity(p, pres)?;
            format!(
                "SELECT DISTINCT ?person ?role ?organization ?start ?end WHERE {{\n  ?q a rel:Position ; rel:holder ?p ; rel:underPresident <{e}> .\n  ?p rdfs:label ?person .\n  OPTIONAL {{ ?q rel:role ?role }} OPTIONAL {{ ?q rel:organization/rdfs:label ?organization }}\n  OPTIONAL {{ ?q rel:startDate ?start }} OPTIONAL {{ ?q rel:endDate ?end }}\n}} ORDER BY ?person"
            )
        }
        Question::Common(first, second) => {
            let (a, b) = (entity(p, first)?, entity(p, second)?);
            if a == b {
                let entity = p.node(p.find(question_name(p, first))?).label.clone();
                return Err(Usage::SameEntity { first: first.to_string(), second: second.to_string(), entity }.into());
            }
            format!(
                "SELECT DISTINCT ?shared ?relationA ?relationB WHERE {{\n  <{a}> ?ra ?x . <{b}> ?rb ?x .\n  ?x rdfs:label ?shared .\n  FILTER(?ra != rdf:type && ?rb != rdf:type)\n  BIND(STRAFTER(STR(?ra), \"#\") AS ?relationA) BIND(STRAFTER(STR(?rb), \"#\") AS ?relationB)\n}} ORDER BY ?shared"
            )
        }
        Question::Left(a, x) => {
            let (a, o) = (entity(p, a)?, entity(p, x)?);
            format!(
                "SELECT ?role ?start ?end ?ended ?quote WHERE {{\n  ?q a rel:Position ; rel:holder <{a}> ; rel:organization <{o}> .\n  OPTIONAL {{ ?q rel:role ?role }} OPTIONAL {{ ?q rel:startDate ?start }}\n  OPTIONAL {{ ?q rel:endDate ?end }} OPTIONAL {{ ?q rel:ended ?ended }}\n  OPTIONAL {{ ?q rel:evidenceQuote ?quote }}\n  FILTER(BOUND(?end) || ?ended = true)\n}} ORDER BY ?end"
            )
        }
    }))
}

fn forms_list() -> String {
    FORMS.iter().map(|f| format!("  {f}")).collect::<Vec<_>>().join("\n")
}

/// Reads a question into one of the forms.
///
/// # Errors
/// It is none of them: a usage error listing the forms.
pub fn read_or_list(question: &str) -> Result<Question> {
    read(question).ok_or_else(|| Usage::Question { question: question.to_owned(), forms: FORMS.to_vec() }.into())
}

/// Writes the answer to a connection question: the paths found by the search `searched` (the
/// `relate path` command that runs it), after a `# path search:` line in text, inside the
/// question's JSON, or as a picture.
///
/// # Errors
/// The writer fails, or the picture cannot be laid out.
pub fn write_connection(
    p: &Projection,
    question: &str,
    searched: &str,
    found: &[crate::paths::Path],
    cx: &SearchContext<'_>,
    format: GraphFormat,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        GraphFormat::Json => {
            let v = serde_json::json!({ "version": write::JSON_VERSION, "question": question, "form": FORMS[0], "search": searched, "sparql": null, "answer": write::paths_json(p, found, cx) });
            writeln!(out, "{}", write::pretty(&v))?;
            Ok(())
        }
        GraphFormat::Text => {
            writeln!(out, "# path search: {searched}")?;
            write_paths(p, found, cx, format, out)
        }
        _ => write_paths(p, found, cx, format, out),
    }
}

/// Answers a question that is not a connection question ([`Question::Connection`] is answered
/// by a path search, `crate::ops::ask`, the same as `relate path`): the list of forms, or the
/// SPARQL the question runs over `store` (names resolved in its projection `p`) and the answer.
///
/// # Errors
/// A name is unknown or ambiguous, a picture is asked for, the query fails, or the question is
/// a connection question.
pub fn answer(
    store: &dyn Sparql,
    p: &Projection,
    question: &str,
    q: &Question,
    format: GraphFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let json = format == GraphFormat::Json;
    if *q == Question::Forms {
        if json {
            writeln!(
                out,
                "{}",
                write::pretty(
                    &serde_json::json!({ "version": write::JSON_VERSION, "question": question, "form": q.form(), "forms": FORMS })
                )
            )?;
        } else {
            writeln!(
                out,
                "Questions relate can answer (A, B: people or organisations; X: an organisation or committee):\n{}",
                forms_list()
            )?;
        }
        return Ok(());
    }
    if let Question::Connection(..) = q {
        return Err(Usage::PathQuestion { question: question.to_owned() }.into());
    }
    if matches!(format, GraphFormat::Dot | GraphFormat::Svg) {
        return Err(Usage::Picture { form: FORMS[0] }.into());
    }
    let sparql = sparql(p, q)?.unwrap_or_default();
    let res = store.evaluate(&sparql)?;
    if json {
        let mut buf = Vec::new();
        render::results(res, &render::Options::new(render::Mode::Json), &mut buf)?;
        let results: serde_json::Value =
            serde_json::from_slice(&buf).map_err(|e| Error::invalid("query results", e))?;
        let v = serde_json::json!({ "version": write::JSON_VERSION, "question": question, "form": q.form(), "search": null, "sparql": sparql, "answer": results });
        writeln!(out, "{}", write::pretty(&v))?;
        return Ok(());
    }
    writeln!(out, "# SPARQL:")?;
    for line in sparql.lines() {
        writeln!(out, "#   {line}")?;
    }
    writeln!(out)?;
    let summary = render::results(res, &render::Options::new(render::Mode::Table), out)?;
    if summary.rows == 0 {
        writeln!(out, "(no answer in the graph)")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_read_into_forms() {
        let c = |a: &str, b: &str| Some(Question::Connection(a.into(), b.into()));
        assert_eq!(read("how is Rivera connected to Lund?"), c("Rivera", "Lund"));
        assert_eq!(read("How is Jane Q. Rivera related to Quentin Voss"), c("Jane Q. Rivera", "Quentin Voss"));
        assert_eq!(read("how are Rivera and Voss linked?"), c("Rivera", "Voss"));
        assert_eq!(read("what is the connection between Rivera and Voss?"), c("Rivera", "Voss"));
        assert_eq!(read("who is Rivera?"), Some(Question::Who("Rivera".into())));
        assert_eq!(read("where did Rivera study?"), Some(Question::Study("Rivera".into())));
        assert_eq!(read("where did Rivera work?"), Some(Question::Work("Rivera".into())));
        assert_eq!(read("what positions did Rivera hold?"), Some(Question::Positions("Rivera".into(), None)));
        assert_eq!(
            read("what positions did Rivera hold in 2005?"),
            Some(Question::Positions("Rivera".into(), Some(2005)))
        );
        assert_eq!(
            read("who chaired the Healthcare Information Technology Standards Committee?"),
            Some(Question::Roles("chaired".into(), "the Healthcare Information Technology Standards Committee".into()))
        );
        assert_eq!(read("who served on X?"), Some(Question::Roles("served on".into(), "X".into())));
        assert_eq!(
            read("who was a member of the National Academy of Medicine?"),
            Some(Question::Roles("was a member of".into(), "the National Academy of Medicine".into()))
        );
        assert_eq!(read("who served under President Voss?"), Some(Question::Under("President Voss".into())));
        assert_eq!(
            read("what do Rivera and Okafor have in common?"),
            Some(Question::Common("Rivera".into(), "Okafor".into()))
        );
        assert_eq!(
            read("when did Rivera leave Northfield Medical School?"),
            Some(Question::Left("Rivera".into(), "Northfield Medical School".into()))
        );
        assert_eq!(read("what can you answer?"), Some(Question::Forms));
        assert_eq!(read("what is the meaning of life?"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn every_form_is_listed() {
        let all = [
            Question::Connection(String::new(), String::new()),
            Question::Who(String::new()),
            Question::Study(String::new()),
            Question::Work(String::new()),
            Question::Positions(String::new(), None),
            Question::Roles(String::new(), String::new()),
            Question::Under(String::new()),
            Question::Common(String::new(), String::new()),
            Question::Left(String::new(), String::new()),
            Question::Forms,
        ];
        let forms: std::collections::HashSet<&str> = all.iter().map(Question::form).collect();
        assert_eq!(forms.len(), FORMS.len());
    }
}
