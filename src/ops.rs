//! The operations the command line and the shell share: path search (for `relate path` and
//! the connection question of `relate ask`), neighbourhoods, counts, exports and an entity's
//! description. `app.rs` and `repl/dot.rs` parse their arguments with
//! the same clap definitions (`cli::PathArgs`, `cli::NeighbourArgs`) and call these, so an
//! option added to `relate path` reaches `.path` too.

use std::io::Write;
use std::path::Path;

use oxigraph::io::RdfFormat;

use petgraph::graph::NodeIndex;

use crate::ask::Question;
use crate::cli::{NeighbourArgs, PathArgs};
use crate::error::{Error, NotFound, Result, Usage};
use crate::paths::{Projection, RelationKind, Search};
use crate::render::GraphFormat;
use crate::store::{Sparql, Store};

/// Parses "1998..2012" (either end optional, "1998–2012" also accepted) or one year into a
/// closed range of years.
///
/// # Errors
/// The text is not such a range, or a year is beyond ±9999.
pub fn parse_during(s: &str) -> Result<(i32, i32)> {
    let bad = || -> Error {
        Usage::Value {
            option: "--during",
            value: format!("{s:?}"),
            problem: "expected FROM..TO in years, e.g. 1998..2012 (or ..2012, 1998..)".into(),
        }
        .into()
    };
    let t = s.trim();
    let (a, b) = t.split_once("..").or_else(|| t.split_once('–')).unwrap_or((t, t));
    let year = |x: &str, open: i32| -> Result<i32> {
        let x = x.trim();
        if x.is_empty() {
            return Ok(open);
        }
        let y: i32 = x.parse().map_err(|_| bad())?;
        if (-9999..=9999).contains(&y) {
            Ok(y)
        } else {
            Err(bad())
        }
    };
    let (a, b) = (year(a, i32::MIN)?, year(b, i32::MAX)?);
    if a > b || (a == i32::MIN && b == i32::MAX) {
        return Err(bad());
    }
    Ok((a, b))
}

/// `relate path A B` over projection `p` of `store` (the local store or a remote endpoint,
/// which gives the evidence of the hops printed).
///
/// # Errors
/// Unknown or ambiguous names, bad options, no path.
pub fn path(p: &Projection, store: &dyn Sparql, args: &PathArgs, out: &mut dyn Write) -> Result<()> {
    let (s, a, b) = search_for(p, args)?;
    let outcome = p.search(a, b, &s);
    if outcome.paths.is_empty() {
        return Err(no_path(p, &s, a, b, outcome.truncated, None));
    }
    let cx = crate::ask::SearchContext { search: Some(&s), from: Some(a), to: Some(b), truncated: outcome.truncated };
    p.load_evidence(store, outcome.paths.iter().flatten().map(|h| h.edge))?;
    crate::ask::write_paths(p, &outcome.paths, &cx, args.format, out)
}

/// `option` given `value`, which it does not take: `problem` says why and what to give.
fn value(option: &'static str, value: impl std::fmt::Display, problem: &str) -> Error {
    Usage::Value { option, value: value.to_string(), problem: problem.to_owned() }.into()
}

/// The search `args` asks for, and its two ends: the options checked, the names looked up.
fn search_for(p: &Projection, args: &PathArgs) -> Result<(Search, NodeIndex, NodeIndex)> {
    if args.max_len == 0 || args.max_len > 8 {
        return Err(value("--max-len", args.max_len, "give a length from 1 to 8"));
    }
    if args.limit == 0 || args.limit > 100 {
        return Err(value("--limit", args.limit, "give a number from 1 to 100"));
    }
    let during = match (&args.during, args.at) {
        (Some(d), _) => Some(parse_during(d)?),
        (None, Some(y)) if !(-9999..=9999).contains(&y) => {
            return Err(value("--at", y, "give a year from -9999 to 9999"))
        }
        (None, Some(y)) => Some((y, y)),
        _ => None,
    };
    let a = p.find(&args.from)?;
    let b = p.find(&args.to)?;
    if a == b {
        return Err(Usage::SameEntity {
            first: args.from.clone(),
            second: args.to.clone(),
            entity: p.node(a).label.clone(),
        }
        .into());
    }
    let mut s = Search {
        max_len: args.max_len,
        limit: args.limit,
        max_degree: args.max_degree,
        directed: args.directed,
        during,
        ..Search::default()
    };
    if let Some(v) = &args.via {
        let v = p.find(v)?;
        if v == a || v == b {
            return Err(value(
                "--via",
                &p.node(v).label,
                "that is where the path starts or ends; give an entity in between",
            ));
        }
        s.via = Some(v);
    }
    for x in &args.exclude {
        if let Some(kind) = RelationKind::parse(x) {
            s.exclude_kinds.insert(kind);
            continue;
        }
        match p.find(x) {
            Ok(ix) if ix == a || ix == b => {
                return Err(value("--exclude", format!("{x:?}"), "that is where the path starts or ends"))
            }
            Ok(ix) => {
                s.exclude_nodes.insert(ix);
            }
            Err(Error::NotFound(e)) => {
                let kinds = RelationKind::ALL.iter().map(|k| k.name()).collect();
                return Err(NotFound::Exclude { source: Box::new(e), kinds }.into());
            }
            Err(e) => return Err(e),
        }
    }
    Ok((s, a, b))
}

/// No path from `a` to `b` under `s`, with what to try; `searched` is the `relate path` command
/// that ran, when the user did not type it.
fn no_path(p: &Projection, s: &Search, a: NodeIndex, b: NodeIndex, truncated: bool, searched: Option<&str>) -> Error {
    NotFound::Path {
        from: p.node(a).label.clone(),
        to: p.node(b).label.clone(),
        max_len: s.max_len,
        searched: searched.map(str::to_owned),
        truncated,
        filtered: s.via.is_some()
            || !s.exclude_nodes.is_empty()
            || !s.exclude_kinds.is_empty()
            || s.during.is_some()
            || s.directed,
    }
    .into()
}

/// `relate ask QUESTION` and the shell's `.ask`: a connection question ("how is A connected to
/// B?") is `relate path A B --limit 3`, the same search, name lookup and messages, answered with
/// the command it ran; the other forms are answered by [`crate::ask::answer`].
///
/// # Errors
/// The question is none of the forms (a usage error listing them), a name is unknown or
/// ambiguous, there is no path, or the query fails.
pub fn ask(p: &Projection, store: &dyn Sparql, question: &str, format: GraphFormat, out: &mut dyn Write) -> Result<()> {
    let q = crate::ask::read_or_list(question)?;
    let Question::Connection(a, b) = &q else {
        return crate::ask::answer(store, p, question, &q, format, out);
    };
    let defaults = Search::default();
    let args = PathArgs {
        from: crate::ask::question_name(p, a).to_owned(),
        to: crate::ask::question_name(p, b).to_owned(),
        max_len: defaults.max_len,
        limit: 3,
        via: None,
        exclude: Vec::new(),
        max_degree: defaults.max_degree,
        during: None,
        at: None,
        directed: false,
        format,
    };
    let (s, a, b) = search_for(p, &args)?;
    let searched =
        format!("relate path {:?} {:?} --max-len {} --limit {}", p.node(a).label, p.node(b).label, s.max_len, s.limit);
    let outcome = p.search(a, b, &s);
    if outcome.paths.is_empty() {
        return Err(no_path(p, &s, a, b, outcome.truncated, Some(&searched)));
    }
    let cx = crate::ask::SearchContext { search: Some(&s), from: Some(a), to: Some(b), truncated: outcome.truncated };
    p.load_evidence(store, outcome.paths.iter().flatten().map(|h| h.edge))?;
    crate::ask::write_connection(p, question, &searched, &outcome.paths, &cx, format, out)
}

/// `relate neighbours NAME`.
///
/// # Errors
/// Unknown or ambiguous name, bad depth.
pub fn neighbours(p: &Projection, store: &dyn Sparql, args: &NeighbourArgs, out: &mut dyn Write) -> Result<()> {
    let NeighbourArgs { depth, max_degree, format, .. } = *args;
    let name = args.name.join(" ");
    let name = name.as_str();
    if depth == 0 || depth > 4 {
        return Err(value("--depth", depth, "give a depth from 1 to 4"));
    }
    let a = p.find(name)?;
    let s = Search { max_degree, ..Search::default() };
    let found = p.neighbourhood(a, depth, &s);
    let hops: Vec<crate::paths::Hop> = found.paths.into_iter().flatten().collect();
    p.load_evidence(store, hops.iter().map(|h| h.edge))?;
    crate::ask::write_neighbours(p, a, &hops, found.truncated, format, out)
}

/// `relate stats` and the shell's `.stats`: counts of documents, entities per type, facts per
/// kind and triples, as text or JSON.
///
/// # Errors
/// The store cannot be read.
pub fn stats(store: &Store, json: bool, out: &mut dyn Write) -> Result<()> {
    let s = store.stats()?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&s).map_err(|e| Error::invalid("stats", e))?)?;
        return Ok(());
    }
    writeln!(out, "store      {}", store.path().display())?;
    writeln!(out, "documents  {}", s.documents)?;
    writeln!(out, "entities   {}", s.entities)?;
    for (k, n) in &s.entities_by_type {
        writeln!(out, "  {k:<26} {n}")?;
    }
    writeln!(out, "facts      {}", s.facts)?;
    for (k, n) in &s.facts_by_kind {
        writeln!(out, "  {k:<26} {n}")?;
    }
    writeln!(out, "triples    {}", s.triples)?;
    Ok(())
}

/// `relate export` and the shell's `.export`: the store (or one document graph) in format `f`,
/// into a file written whole or not at all, or to `out`.
///
/// # Errors
/// The graph does not exist, or the store or the file cannot be read or written.
pub fn export(
    store: &Store,
    f: RdfFormat,
    graph: Option<&str>,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    if let Some(g) = graph {
        if !store.has_graph(g) {
            return Err(NotFound::Graph { name: g.to_owned() }.into());
        }
    }
    match output {
        Some(path) => store.export_to_file(f, graph, path),
        None => store.export(f, graph, out),
    }
}

/// The shell's `.describe`: an entity's qualified facts (positions, education, awards, ...) with
/// the other party, role, years and source document; the classes and properties come from the
/// table of relation kinds.
#[must_use]
pub fn describe_query(e: &str) -> String {
    use crate::relation_kinds::{alternatives, classes};
    let classes: Vec<String> = classes().iter().map(|c| format!("rel:{c}")).collect();
    let ends = alternatives(|s| vec![s.other, Some(s.subject)]);
    let role = alternatives(|s| vec![s.role]);
    let start = alternatives(|s| vec![s.start]);
    let end = alternatives(|s| vec![s.end]);
    format!(
        "SELECT ?relation ?other ?role ?start ?end ?source WHERE {{
  ?q ?link <{e}> ; a ?k . FILTER(?k IN ({classes}))
  BIND(LCASE(STRAFTER(STR(?k), \"#\")) AS ?relation)
  OPTIONAL {{ ?q {ends} ?o . FILTER(?o != <{e}>) ?o rdfs:label ?other }}
  OPTIONAL {{ ?q {role} ?role }} OPTIONAL {{ ?q {start} ?start }} OPTIONAL {{ ?q {end} ?end }}
  OPTIONAL {{ ?q rel:extractedFrom/rel:sourcePath ?source }}
}} ORDER BY ?relation ?start ?other",
        classes = classes.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `relate path ARGS…` read by the clap definitions of `relate path`.
    fn path_args(args: &[&str]) -> PathArgs {
        #[derive(clap::Parser)]
        struct P {
            #[command(flatten)]
            args: PathArgs,
        }
        <P as clap::Parser>::parse_from(std::iter::once("path").chain(args.iter().copied())).args
    }

    #[test]
    fn what_is_not_found_is_told_by_kind() {
        let node = |i: usize, l: &str| crate::paths::Node {
            iri: format!("urn:n{i}"),
            label: l.into(),
            kind: "Person".into(),
            names: vec![],
        };
        let p = Projection::from_parts(vec![node(0, "Ada Lovelace"), node(1, "Charles Babbage")], vec![]);
        let store = Store::in_memory().unwrap();
        let run = |args: &[&str]| path(&p, &store, &path_args(args), &mut Vec::new()).unwrap_err();
        let e = run(&["Ada", "Babbage"]);
        let Error::NotFound(NotFound::Path { from, to, max_len: 4, searched: None, truncated: false, filtered: false }) =
            &e
        else {
            panic!("{e:?}")
        };
        assert_eq!((from.as_str(), to.as_str()), ("Ada Lovelace", "Charles Babbage"));
        assert_eq!(
            e.to_string(),
            "no path between Ada Lovelace and Charles Babbage within 4 hops; try a larger --max-len or --max-degree"
        );
        let e = run(&["Ada", "Babbage", "--directed"]);
        assert!(matches!(e, Error::NotFound(NotFound::Path { filtered: true, .. })), "{e:?}");
        let e = run(&["Ada", "Babage"]);
        let Error::NotFound(NotFound::Entity { name, suggestions }) = &e else { panic!("{e:?}") };
        assert_eq!((name.as_str(), suggestions.as_slice()), ("Babage", &["Charles Babbage".to_owned()][..]));
        let e = run(&["Ada", "Babbage", "--exclude", "Zzyzx"]);
        let Error::NotFound(NotFound::Exclude { source, kinds }) = &e else { panic!("{e:?}") };
        assert!(matches!(**source, NotFound::Entity { .. }) && kinds.contains(&"founded"), "{e:?}");
        assert!(e.to_string().starts_with("--exclude: \"Zzyzx\": no entity has this name; "), "{e}");
        assert!(matches!(run(&["Ada", "Ada Lovelace"]), Error::Usage(Usage::SameEntity { .. })));
    }

    #[test]
    fn during_ranges() {
        assert_eq!(parse_during("1998..2012").unwrap(), (1998, 2012));
        assert_eq!(parse_during("..2012").unwrap(), (i32::MIN, 2012));
        assert_eq!(parse_during("1998–2012").unwrap(), (1998, 2012));
        assert_eq!(parse_during("2005").unwrap(), (2005, 2005));
        assert_eq!(parse_during("1998..").unwrap(), (1998, i32::MAX));
        assert!(parse_during("2012..1998").is_err());
        assert!(parse_during("x").is_err());
        assert!(parse_during("..").is_err());
        assert!(parse_during("1..99999999").is_err());
    }
}
