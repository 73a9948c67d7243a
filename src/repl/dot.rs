//! Carrying out dot-commands. Their syntax is declared in [`super::command`]; each arm here
//! reads or changes the session, or runs a query through it, and writes to `out`.

use std::io::Write;
use std::time::Duration;

use clap::{CommandFactory, Parser, ValueEnum};

use super::command::{self, Dot, DotLine, Switch};
use super::diagnose;
use super::session::{Flow, Session};
use crate::error::{Error, Result, Usage};
use crate::paths::names::levenshtein as distance;
use crate::render::{ExportFormat, GraphFormat};
use crate::vocab;

fn on_off(b: bool) -> &'static str {
    if b {
        "on"
    } else {
        "off"
    }
}

impl Session {
    pub(super) fn dot(&mut self, line: &str, out: &mut dyn Write, err: &mut dyn Write) -> Result<Flow> {
        let words = command::split(line);
        let parsed = match DotLine::try_parse_from(&words) {
            Ok(p) => p,
            Err(e) => return Err(usage_error(&words, e)),
        };
        match parsed.command {
            Dot::Help { topic } => help(topic.as_deref(), out)?,
            Dot::Quit => return Ok(Flow::Quit),
            Dot::Mode { mode: Some(mode) } => self.mode = mode,
            Dot::Mode { mode: None } => {
                writeln!(out, "{}", self.mode.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default())?
            }
            Dot::MaxRows { n: Some(n) } => self.max_rows = (n > 0).then_some(n),
            Dot::MaxRows { n: None } => writeln!(out, "{}", self.max_rows.unwrap_or(0))?,
            Dot::Timer { state: Some(s) } => self.timer = s == Switch::On,
            Dot::Timer { state: None } => writeln!(out, "{}", on_off(self.timer))?,
            Dot::Labels { state: Some(s) } => self.labels = s == Switch::On,
            Dot::Labels { state: None } => writeln!(out, "{}", on_off(self.labels))?,
            Dot::Timeout { seconds: None } => writeln!(out, "{}", self.timeout.map_or(0.0, |t| t.as_secs_f64()))?,
            Dot::Timeout { seconds: Some(seconds) } => {
                if !(seconds >= 0.0 && seconds.is_finite()) {
                    return Err(Usage::Value {
                        option: ".timeout",
                        value: seconds.to_string(),
                        problem: "give a number of seconds, 0 for none".into(),
                    }
                    .into());
                }
                self.timeout = (seconds > 0.0).then(|| Duration::from_secs_f64(seconds));
            }
            Dot::Output { file } => {
                if let Some(f) = &file {
                    std::fs::File::create(f).map_err(|source| Error::Write { path: f.clone(), source })?;
                }
                self.output = file;
            }
            Dot::Once { file } => {
                // fail now, not after the next query has run
                std::fs::File::create(&file).map_err(|source| Error::Write { path: file.clone(), source })?;
                self.once = Some(file);
            }
            Dot::Prefixes => {
                for (p, i) in vocab::PREFIXES
                    .iter()
                    .map(|(p, i)| ((*p).to_owned(), (*i).to_owned()))
                    .chain(self.prefixes.iter().cloned())
                {
                    writeln!(out, "{p}: <{i}>")?;
                }
            }
            Dot::Prefix { name, iri } => {
                let name = name.trim_end_matches(':').to_owned();
                let iri = iri.trim_start_matches('<').trim_end_matches('>').to_owned();
                let ok_name = name.chars().next().is_some_and(char::is_alphabetic)
                    && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
                if oxigraph::model::NamedNode::new(&iri).is_err() || !ok_name {
                    return Err(Usage::Value {
                        option: ".prefix",
                        value: format!("{name}: <{iri}>"),
                        problem: "give a name and an absolute IRI, e.g. .prefix ex: <http://example.org/>".into(),
                    }
                    .into());
                }
                if vocab::PREFIXES.iter().any(|(p, _)| *p == name) {
                    return Err(Usage::Value {
                        option: ".prefix",
                        value: name,
                        problem: "is predeclared; choose another name".into(),
                    }
                    .into());
                }
                self.prefixes.retain(|(p, _)| *p != name);
                self.prefixes.push((name, iri));
            }
            Dot::Schema => {
                self.run_select("SELECT ?kind ?term (COUNT(*) AS ?uses) WHERE { { ?s a ?term . BIND(\"class\" AS ?kind) } UNION { ?s ?term ?o . BIND(\"property\" AS ?kind) } } GROUP BY ?kind ?term ORDER BY ?kind DESC(?uses) ?term", out)?;
            }
            Dot::Graphs => {
                self.run_select("SELECT ?graph ?source ?title ?loader WHERE { GRAPH ?graph { ?d a rel:Document ; rel:sourcePath ?source ; rel:loader ?loader . OPTIONAL { ?d dcterms:title ?title } } } ORDER BY ?source", out)?;
            }
            Dot::Stats { .. } if self.remote.is_some() => {
                // an endpoint's counts, by SPARQL: entities per type, qualified facts per kind
                self.run_select("SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type . FILTER(STRSTARTS(STR(?type), STR(rel:))) } GROUP BY ?type ORDER BY DESC(?n) ?type", out)?;
            }
            Dot::Stats { json } => crate::ops::stats(&self.store, json, out)?,
            Dot::Find { text } => {
                let t = text.join(" ").to_lowercase().replace('\\', "\\\\").replace('"', "\\\"");
                let q = format!("SELECT DISTINCT ?label ?type ?entity WHERE {{ ?entity rdfs:label ?label ; a ?type . OPTIONAL {{ ?entity skos:altLabel ?alt }} FILTER(?type != rel:Document && (CONTAINS(LCASE(?label), \"{t}\") || CONTAINS(LCASE(COALESCE(?alt, \"\")), \"{t}\"))) }} ORDER BY ?label ?type");
                self.run_select(&q, out)?;
            }
            Dot::Describe { name } => {
                let p = self.projection()?;
                let node = p.node(p.find(&name.join(" "))?);
                let e = node.iri.clone();
                writeln!(out, "{} <{e}>", node.label)?;
                self.run_select(&crate::ops::describe_query(&e), out)?;
            }
            Dot::Path { args } => {
                let p = self.projection()?;
                crate::ops::path(&p, self.source(), &args, out)?;
            }
            Dot::Neighbours { args } => {
                let p = self.projection()?;
                crate::ops::neighbours(&p, self.source(), &args, out)?;
            }
            Dot::Ask { .. } => {
                let p = self.projection()?;
                crate::ops::ask(&p, self.source(), rest_of(line, ".ask"), GraphFormat::Text, out)?;
            }
            Dot::Load { paths } => {
                self.local_only(".load")?;
                let base = self.base.clone();
                let r = crate::build::run(&self.store, &crate::build::Options::new(&paths, &base), out, err);
                self.changed();
                r.map_err(|e| match e {
                    Error::ReadOnly { .. } => Usage::ReadOnly { command: ".load" }.into(),
                    other => other,
                })?;
            }
            Dot::Export { file, format } => {
                self.local_only(".export")?;
                let f = match (format, file.extension().and_then(|e| e.to_str())) {
                    (Some(f), _) => f,
                    (None, None) => ExportFormat::Turtle,
                    (None, Some(ext)) => ExportFormat::from_extension(ext).ok_or_else(|| {
                        let names: Vec<String> = ExportFormat::value_variants()
                            .iter()
                            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
                            .collect();
                        Error::from(Usage::ExportExtension { extension: ext.to_owned(), formats: names })
                    })?,
                }
                .rdf_format();
                crate::ops::export(&self.store, f, None, Some(&file), out)?;
                writeln!(out, "exported to {} ({})", file.display(), f.name())?;
            }
            Dot::Explain { .. } => {
                self.local_only(".explain (Oxigraph's query plan)")?;
                // the query as typed: word splitting would drop its quotes
                let text = super::input::strip_terminator(rest_of(line, ".explain")).to_owned();
                let plan = self.explain(&text)?;
                out.write_all(plan.as_bytes())?;
            }
            Dot::Read { file } => {
                if self.depth > 16 {
                    return Err(Usage::ReadDepth.into());
                }
                let text = std::fs::read(&file).map_err(|source| Error::Read { path: file.clone(), source })?;
                let text = String::from_utf8(text).map_err(|_| Error::NotText { path: file.clone() })?;
                self.depth += 1;
                let flow = self.run_script(&text, out, err);
                self.depth -= 1;
                return Ok(flow);
            }
        }
        Ok(Flow::Continue)
    }

    /// Oxigraph's plan for a query, as an indented tree with row counts and times (the query
    /// runs, under the timeout, to fill them in).
    fn explain(&mut self, text: &str) -> Result<String> {
        let prefixes = self.prefixes.clone();
        self.cancellable(|s, token| {
            let v = s.store.explain(text, Some(token), &prefixes).map_err(|e| match e {
                Error::Query(q) => Error::Query(diagnose::diagnosed(q)),
                other => other,
            })?;
            let mut text = String::new();
            plan_tree(&v["plan"], "", true, true, &mut text);
            Ok(text)
        })
    }
}

/// The text after the command name, untouched.
fn rest_of<'a>(line: &'a str, name: &str) -> &'a str {
    line.trim_start().strip_prefix(name).unwrap_or("").trim()
}

/// One plan node per line, children indented under it with tree lines.
fn plan_tree(node: &serde_json::Value, indent: &str, last: bool, root: bool, out: &mut String) {
    let name = node["name"].as_str().unwrap_or("?");
    let rows = node["number of results"].as_u64().map(|n| format!("  {n} rows")).unwrap_or_default();
    let time = node["duration in seconds"].as_f64().map(|s| format!(", {:.3} ms", s * 1000.0)).unwrap_or_default();
    let branch = if root {
        ""
    } else if last {
        "└─ "
    } else {
        "├─ "
    };
    out.push_str(&format!("{indent}{branch}{name}{rows}{time}\n"));
    let child_indent = if root { String::new() } else { format!("{indent}{}", if last { "   " } else { "│  " }) };
    let children = node["children"].as_array().cloned().unwrap_or_default();
    for (i, c) in children.iter().enumerate() {
        plan_tree(c, &child_indent, i + 1 == children.len(), false, out);
    }
}

/// A clap error as one line, with a suggestion for a misspelt command.
fn usage_error(words: &[String], e: clap::Error) -> Error {
    let name = words.first().cloned().unwrap_or_default();
    let names = command::names();
    if !names.contains(&name) {
        let best = names.iter().min_by_key(|n| distance(n, &name)).cloned().unwrap_or_default();
        return Usage::UnknownCommand { name: diagnose::printable(&name), suggestion: best }.into();
    }
    // clap's message up to its usage block, on one line
    let msg = e.to_string();
    let text: Vec<&str> =
        msg.lines().map(str::trim).take_while(|l| !l.is_empty() && !l.starts_with("Usage:")).collect();
    let text = text.join(" ");
    let text = text.trim_start_matches("error: ");
    Usage::Command { name, detail: text.to_owned(), source: Box::new(e) }.into()
}

const SPARQL_HELP: &str = "\
A statement runs when its brackets and quotes are balanced and it ends with ; or a blank line.
Queries (SELECT, ASK, CONSTRUCT, DESCRIBE) see every document's facts once (the default graph is
their union); GRAPH ?g { ... } reaches one document. Updates (INSERT DATA, DELETE WHERE, ...)
write to document graphs, GRAPH <g> { ... }, and the union follows; writes to the default graph
itself are refused. They report what changed. Predeclared prefixes: .prefixes lists them.

  SELECT ?who ?org ?role ?start WHERE {
    ?p a rel:Position ; rel:holder/rdfs:label ?who ;
       rel:organization/rdfs:label ?org ; rel:role ?role .
    OPTIONAL { ?p rel:startDate ?start } } ORDER BY ?start;
  ASK { ?x rel:servedUnder ?president };
  DESCRIBE ?e WHERE { ?e a rel:Legislation };
";

const KEYS_HELP: &str = "\
Tab        complete commands, modes, file names, SPARQL keywords, prefixes, ontology terms,
           variables, and entity names (a name completes to the entity's IRI)
Ctrl-R     search history (kept in the data directory; relate repl --no-history skips it)
Ctrl-C     cancel the running query; at the prompt, clear the statement being typed
Ctrl-D     quit (as .quit)
Up, Down   earlier statements; emacs or vi keys as set in ~/.inputrc
";

fn help(topic: Option<&str>, out: &mut dyn Write) -> Result<()> {
    let mut cmd = DotLine::command();
    match topic.map(|t| t.trim_start_matches('.')) {
        Some("sparql") => {
            out.write_all(SPARQL_HELP.as_bytes())?;
            return Ok(());
        }
        Some("keys") => {
            out.write_all(KEYS_HELP.as_bytes())?;
            return Ok(());
        }
        Some(t) => {
            if let Some(sub) = cmd.find_subcommand_mut(format!(".{t}")) {
                let text = sub.render_long_help().to_string();
                // every command has --help, which is no news inside the shell
                let text = text.split("\nOptions:\n").next().unwrap_or("").trim_end();
                writeln!(out, "{text}")?;
                return Ok(());
            }
            return Err(Usage::HelpTopic { topic: t.to_string() }.into());
        }
        None => {}
    }
    writeln!(out, "Type SPARQL and end it with ; (or a blank line); lines starting with . are commands.")?;
    writeln!(
        out,
        "Tab completes; Ctrl-C cancels a query; Ctrl-D quits. More: .help sparql, .help keys, .help COMMAND.\n"
    )?;
    for sub in cmd.get_subcommands() {
        let usage = sub.clone().render_usage().to_string().replace("Usage: ", "");
        writeln!(out, "  {:<28} {}", usage, sub.get_about().map(ToString::to_string).unwrap_or_default())?;
    }
    let modes: Vec<String> = crate::render::Mode::value_variants()
        .iter()
        .filter_map(ValueEnum::to_possible_value)
        .map(|v| v.get_name().to_owned())
        .collect();
    writeln!(out, "\nModes: {}.", modes.join(", "))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_print_as_trees() {
        let v: serde_json::Value = serde_json::json!({"name": "Slice", "number of results": 1, "children": [{"name": "Project", "children": [{"name": "QuadPattern"}, {"name": "Other"}]}]});
        let mut s = String::new();
        plan_tree(&v, "", true, true, &mut s);
        assert_eq!(s, "Slice  1 rows\n└─ Project\n   ├─ QuadPattern\n   └─ Other\n");
    }

    #[test]
    fn misspelt_commands_get_the_closest() {
        assert_eq!(distance(".mdoe", ".mode"), 2);
        let e = DotLine::try_parse_from([".mdoe"]).unwrap_err();
        assert!(usage_error(&[".mdoe".to_owned()], e).to_string().contains("did you mean .mode?"));
    }
}
