//! What Tab offers, worked out from the line alone: dot-commands and their arguments (modes,
//! on/off, help topics, export formats, entity names), SPARQL keywords, declared prefixes,
//! prefixed names of the ontology's terms and of the terms in use, variables already typed, and
//! entity labels that complete to the entity's IRI. File names are left to the editor, which
//! knows the file system; everything here is pure so it is tested without a terminal.

use std::collections::BTreeSet;

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

use super::command;
use crate::store::Sparql;
use crate::vocab;

/// SPARQL keywords offered by Tab.
pub const KEYWORDS: &[&str] = &[
    "SELECT",
    "DISTINCT",
    "REDUCED",
    "WHERE",
    "FILTER",
    "OPTIONAL",
    "UNION",
    "GRAPH",
    "ORDER BY",
    "GROUP BY",
    "HAVING",
    "LIMIT",
    "OFFSET",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "PREFIX",
    "BASE",
    "BIND",
    "VALUES",
    "MINUS",
    "EXISTS",
    "NOT EXISTS",
    "COUNT",
    "SUM",
    "MIN",
    "MAX",
    "AVG",
    "SAMPLE",
    "GROUP_CONCAT",
    "SEPARATOR",
    "STR",
    "LANG",
    "LANGMATCHES",
    "DATATYPE",
    "IRI",
    "LCASE",
    "UCASE",
    "CONTAINS",
    "STRSTARTS",
    "STRENDS",
    "STRBEFORE",
    "STRAFTER",
    "REGEX",
    "REPLACE",
    "SUBSTR",
    "STRLEN",
    "CONCAT",
    "YEAR",
    "NOW",
    "COALESCE",
    "IF",
    "BOUND",
    "ISIRI",
    "ISLITERAL",
    "ISBLANK",
    "INSERT DATA",
    "DELETE DATA",
    "DELETE WHERE",
    "DELETE",
    "INSERT",
    "WITH",
    "CLEAR",
    "DROP",
    "AS",
    "DESC",
    "ASC",
    "IN",
    "NOT IN",
    "true",
    "false",
];

/// One completion: what the list shows and what replaces the word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// What the list of candidates shows.
    pub display: String,
    /// What replaces the word being completed.
    pub replacement: String,
}

/// What to complete at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    /// Replace the text from byte `start` to the cursor with one of these.
    Words {
        /// Where the word being completed starts (a byte offset in the line).
        start: usize,
        /// What it may become.
        candidates: Vec<Candidate>,
    },
    /// A file name: the editor completes it.
    Files,
}

/// Names known to the completer. Entities and terms in use come from the store (see
/// [`Names::load`]); the ontology's terms and the prefixes are known without it.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Prefix names without the colon.
    pub prefixes: Vec<String>,
    /// Prefixed names (`rel:Person`), sorted.
    pub terms: Vec<String>,
    /// (label, IRI), sorted by label.
    pub entities: Vec<(String, String)>,
}

impl Names {
    /// The predeclared prefixes and the ontology's terms (from `ontology/relate.ttl`).
    #[must_use]
    pub fn builtin() -> Self {
        let mut terms = BTreeSet::new();
        let text = include_str!("../../ontology/relate.ttl");
        for word in text.split(|c: char| c.is_whitespace() || ",;()[]".contains(c)) {
            if let Some((p, local)) = word.split_once(':') {
                let local = local.trim_end_matches('.');
                if vocab::PREFIXES.iter().any(|(q, _)| *q == p)
                    && !local.is_empty()
                    && local.chars().all(|c| c.is_alphanumeric() || c == '_')
                {
                    terms.insert(format!("{p}:{local}"));
                }
            }
        }
        for t in [
            "rdf:type",
            "rdfs:label",
            "rdfs:comment",
            "skos:altLabel",
            "xsd:gYear",
            "xsd:date",
            "xsd:integer",
            "xsd:string",
            "xsd:boolean",
            "dcterms:title",
        ] {
            terms.insert(t.to_owned());
        }
        Names {
            prefixes: vocab::PREFIXES.iter().map(|(p, _)| (*p).to_owned()).collect(),
            terms: terms.into_iter().collect(),
            entities: Vec::new(),
        }
    }

    /// Adds the store's entity labels and the classes and properties in use. Meant for a
    /// background thread: on a large store this reads every label.
    ///
    /// # Errors
    /// The store cannot be read; the message says why.
    pub fn load(self, store: &dyn Sparql, extra_prefixes: &[(String, String)]) -> Result<Self, String> {
        let run = |q: &str| -> Result<Vec<Vec<Option<Term>>>, String> {
            let res = store.evaluate(q).map_err(|e| e.to_string())?;
            let mut rows = Vec::new();
            if let QueryResults::Solutions(s) = res {
                for sol in s {
                    rows.push(sol.map_err(|e| e.to_string())?.values().to_vec());
                }
            }
            Ok(rows)
        };
        let entities =
            "SELECT ?l ?e WHERE { ?e rdfs:label ?l . FILTER EXISTS { ?e a ?t . FILTER(?t != rel:Document) } }";
        let used = "SELECT DISTINCT ?t WHERE { { ?s a ?t } UNION { ?s ?t ?o } }";
        Ok(self.with_rows(run(entities)?, run(used)?, extra_prefixes))
    }

    /// Adds a remote endpoint's entity labels (of relate's entity classes, read in pages of
    /// the endpoint's page size, at most [`MAX_REMOTE_NAMES`]) and up to [`MAX_REMOTE_TERMS`]
    /// classes and properties in use: a store in a cluster may hold more names than a shell
    /// should copy.
    ///
    /// # Errors
    /// A request fails; the message says why.
    pub fn load_remote(
        self,
        remote: &crate::remote::Remote,
        extra_prefixes: &[(String, String)],
    ) -> Result<Self, String> {
        let classes: Vec<String> = crate::paths::project::ENTITY_CLASSES.iter().map(|c| format!("rel:{c}")).collect();
        let entities = format!(
            "SELECT DISTINCT ?l ?e WHERE {{ VALUES ?t {{ {} }} ?e a ?t ; rdfs:label ?l }} ORDER BY ?l ?e",
            classes.join(" ")
        );
        let used = "SELECT DISTINCT ?t WHERE { { ?s a ?t } UNION { ?s ?t ?o } } ORDER BY ?t";
        let entities = remote.select_paged(&entities, MAX_REMOTE_NAMES).map_err(|e| e.to_string())?;
        let used = remote.select_paged(used, MAX_REMOTE_TERMS).map_err(|e| e.to_string())?;
        Ok(self.with_rows(entities, used, extra_prefixes))
    }

    /// Adds (label, entity) rows and (term) rows.
    fn with_rows(
        mut self,
        entities: Vec<Vec<Option<Term>>>,
        used: Vec<Vec<Option<Term>>>,
        extra_prefixes: &[(String, String)],
    ) -> Self {
        let mut seen = BTreeSet::new();
        for row in entities {
            if let [Some(Term::Literal(l)), Some(Term::NamedNode(e))] = row.as_slice() {
                seen.insert((l.value().to_owned(), e.as_str().to_owned()));
            }
        }
        self.entities = seen.into_iter().collect();
        let mut terms: BTreeSet<String> = self.terms.into_iter().collect();
        for row in used {
            if let [Some(Term::NamedNode(t))] = row.as_slice() {
                let short = vocab::shorten(t.as_str(), extra_prefixes);
                if !short.starts_with('<') {
                    terms.insert(short);
                }
            }
        }
        self.terms = terms.into_iter().collect();
        self
    }
}

/// Entity names a shell on a remote endpoint reads for completion, at most.
pub const MAX_REMOTE_NAMES: usize = 100_000;
/// Classes and properties in use a shell on a remote endpoint reads, at most.
pub const MAX_REMOTE_TERMS: usize = 2_000;

fn cand(display: &str, replacement: &str) -> Candidate {
    Candidate { display: display.to_owned(), replacement: replacement.to_owned() }
}

/// Does any word of `label` start with `typed` (case-insensitively)?
fn label_matches(label: &str, typed: &str) -> bool {
    let typed = typed.to_lowercase();
    let label = label.to_lowercase();
    label.starts_with(&typed)
        || label
            .match_indices(|c: char| !c.is_alphanumeric())
            .any(|(i, sep)| label[i + sep.len()..].starts_with(&typed))
}

/// At most this many entity names are offered at once.
const MAX_ENTITIES: usize = 200;

/// Completes `line` at byte `pos`.
#[must_use]
pub fn complete(line: &str, pos: usize, names: &Names) -> Completion {
    let before = &line[..pos];
    if before.trim_start().starts_with('.') {
        return complete_command(before, names);
    }
    sparql_word(before, word_start(before), names)
}

/// Where the word before the cursor starts: at an open `<` of an IRI being typed, else after
/// the last space or punctuation that cannot be part of a prefixed name or variable.
fn word_start(before: &str) -> usize {
    if let Some(i) = before.rfind('<') {
        if !before[i..].contains(|c: char| c == '>' || c.is_whitespace()) {
            return i;
        }
    }
    before.rfind(|c: char| c.is_whitespace() || "(){},;/|^!=".contains(c)).map_or(0, |i| i + c_len(before, i))
}

fn c_len(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(1, char::len_utf8)
}

fn sparql_word(before: &str, start: usize, names: &Names) -> Completion {
    let word = &before[start..];
    let mut out = Vec::new();
    if word.is_empty() {
        return Completion::Words { start, candidates: out };
    }
    if let Some(var) = word.strip_prefix(['?', '$']) {
        let mut vars: Vec<&str> = before[..start]
            .match_indices(['?', '$'])
            .map(|(i, _)| before[i + 1..].split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or(""))
            .filter(|v| !v.is_empty() && v.starts_with(var) && *v != var)
            .collect();
        vars.sort_unstable();
        vars.dedup();
        out.extend(vars.into_iter().map(|v| cand(&format!("?{v}"), &format!("{}{v}", &word[..1]))));
    } else if let Some(iri) = word.strip_prefix('<') {
        out.extend(
            names
                .entities
                .iter()
                .filter(|(_, e)| e.starts_with(iri))
                .take(MAX_ENTITIES)
                .map(|(l, e)| cand(&format!("{l} <{e}>"), &format!("<{e}>"))),
        );
    } else if word.contains(':') {
        out.extend(names.terms.iter().filter(|t| t.starts_with(word)).map(|t| cand(t, t)));
    } else {
        let lower = word.chars().all(|c| !c.is_uppercase());
        let up = word.to_uppercase();
        out.extend(KEYWORDS.iter().filter(|k| k.to_uppercase().starts_with(&up)).map(|k| {
            let k = if lower { k.to_lowercase() } else { (*k).to_owned() };
            cand(&k, &k)
        }));
        out.extend(
            names.prefixes.iter().filter(|p| p.starts_with(word)).map(|p| cand(&format!("{p}:"), &format!("{p}:"))),
        );
        // an entity's label completes to its IRI
        out.extend(
            names
                .entities
                .iter()
                .filter(|(l, _)| label_matches(l, word))
                .take(MAX_ENTITIES)
                .map(|(l, e)| cand(l, &format!("<{e}>"))),
        );
    }
    Completion::Words { start, candidates: out }
}

/// What the clap definition of dot-command `cmd` offers for `word`: its options (`--limit`)
/// when the word starts with `-`; after an option (`prev`), or at positional `argc`, the values
/// that one takes (`--format j`, `.mode js`, `.export out.ttl n`). `None` when it offers nothing.
fn from_definition(cmd: &str, prev: Option<&str>, argc: usize, word: &str) -> Option<Vec<String>> {
    use clap::CommandFactory;
    let root = command::DotLine::command();
    let sub = root.find_subcommand(cmd)?;
    if word.starts_with('-') {
        let longs: Vec<String> = sub
            .get_arguments()
            .filter_map(|a| a.get_long())
            .map(|l| format!("--{l}"))
            .filter(|l| l.starts_with(word))
            .collect();
        return (!longs.is_empty()).then_some(longs);
    }
    let arg = match prev.and_then(|p| p.strip_prefix("--")) {
        Some(long) => sub.get_arguments().find(|a| a.get_long() == Some(long))?,
        None => sub.get_positionals().nth(argc)?,
    };
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .filter(|v| v.starts_with(word))
        .collect();
    (!values.is_empty()).then_some(values)
}

fn complete_command(before: &str, names: &Names) -> Completion {
    let lead = before.len() - before.trim_start().len();
    let body = &before[lead..];
    let Some(space) = body.find(char::is_whitespace) else {
        let candidates =
            command::names().into_iter().filter(|n| n.starts_with(body)).map(|n| cand(&n, &format!("{n} "))).collect();
        return Completion::Words { start: lead, candidates };
    };
    let cmd = &body[..space];
    let args = &body[space..];
    // the argument being typed starts after the last space outside quotes
    let mut quote = None;
    let mut arg_start = 0;
    let mut argc = 0;
    for (i, c) in args.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c.is_whitespace() => {
                if arg_start < i {
                    argc += 1;
                }
                arg_start = i + c.len_utf8();
            }
            None => {}
        }
    }
    let start = lead + space + arg_start;
    let word = &before[start..];
    let prev = args[..arg_start].split_whitespace().last();
    if let Some(values) = from_definition(cmd, prev, argc, word) {
        return Completion::Words { start, candidates: values.iter().map(|v| cand(v, v)).collect() };
    }
    let candidates = match cmd {
        ".help" => command::names()
            .iter()
            .map(|n| n.trim_start_matches('.').to_owned())
            .filter(|n| n.starts_with(word))
            .map(|n| cand(&n, &n))
            .collect(),
        ".read" | ".load" | ".output" | ".once" => return Completion::Files,
        ".export" if argc == 0 => return Completion::Files,
        ".explain" => return sparql_word(before, word_start(before), names),
        ".describe" | ".path" | ".neighbours" | ".neighbors" | ".find" | ".ask" => {
            let typed = word.trim_start_matches(['"', '\'']);
            let mut seen = BTreeSet::new();
            names
                .entities
                .iter()
                .filter(|(l, _)| label_matches(l, typed) && seen.insert(l.clone()))
                .take(MAX_ENTITIES)
                .map(|(l, _)| {
                    cand(l, &if l.contains(char::is_whitespace) { format!("\"{l}\" ") } else { format!("{l} ") })
                })
                .collect()
        }
        _ => Vec::new(),
    };
    Completion::Words { start, candidates }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        let mut n = Names::builtin();
        n.entities = vec![
            ("Tomas Brenner".into(), "https://w3id.org/relate/id/person/tomas-brenner".into()),
            ("Ada J. Quill".into(), "https://w3id.org/relate/id/person/ada-quill".into()),
        ];
        n
    }

    fn words(line: &str) -> (usize, Vec<String>) {
        match complete(line, line.len(), &names()) {
            Completion::Words { start, candidates } => (start, candidates.into_iter().map(|c| c.replacement).collect()),
            Completion::Files => (usize::MAX, Vec::new()),
        }
    }

    #[test]
    fn ontology_terms_complete_after_their_prefix() {
        let (start, c) = words("SELECT * WHERE { ?p a rel:Pers");
        assert_eq!(start, 22);
        assert_eq!(c, vec!["rel:Person".to_owned()]);
        let (_, c) = words("?p rel:holder/rdfs:lab");
        assert_eq!(c, vec!["rdfs:label".to_owned()]);
        assert!(Names::builtin().terms.contains(&"schema:Person".to_owned()));
    }

    #[test]
    fn entity_labels_complete_to_iris_from_any_word() {
        let (start, c) = words("ASK { Qui");
        assert_eq!(start, 6);
        assert_eq!(c, vec!["<https://w3id.org/relate/id/person/ada-quill>".to_owned()]);
        let (_, c) = words("ASK { <https://w3id.org/relate/id/person/t");
        assert_eq!(c, vec!["<https://w3id.org/relate/id/person/tomas-brenner>".to_owned()]);
    }

    #[test]
    fn keywords_prefixes_and_variables() {
        let (_, c) = words("SEL");
        assert_eq!(c, vec!["SELECT".to_owned()]);
        let (_, c) = words("sel");
        assert_eq!(c, vec!["select".to_owned()]);
        let (_, c) = words("SELECT ?x WHERE { ?x sko");
        assert_eq!(c, vec!["skos:".to_owned()]);
        let (_, c) = words("SELECT ?person ?pos WHERE { ?p");
        assert_eq!(c, vec!["?person".to_owned(), "?pos".to_owned()]);
    }

    #[test]
    fn dot_commands_and_their_arguments() {
        assert_eq!(words(".mo").1, vec![".mode ".to_owned()]);
        assert_eq!(words(".mode js").1, vec!["json".to_owned(), "jsonl".to_owned(), "jsonld".to_owned()]);
        assert_eq!(words(".timer o").1, vec!["on".to_owned(), "off".to_owned()]);
        assert_eq!(words(".help desc").1, vec!["describe".to_owned()]);
        assert_eq!(words(".export out.ttl n").1, vec!["ntriples".to_owned(), "nquads".to_owned()]);
        assert_eq!(words(".export out.ttl j").1, vec!["jsonld".to_owned()]);
        // the options of relate path, and their values, from the same clap definition
        assert_eq!(words(".path Quill Brenner --max-").1, vec!["--max-len".to_owned(), "--max-degree".to_owned()]);
        assert_eq!(words(".path Quill Brenner --format j").1, vec!["json".to_owned()]);
        assert_eq!(words(".neighbours Quill --format s").1, vec!["svg".to_owned()]);
        assert_eq!(words(".path Quill Brenner --via Ada").1, vec!["\"Ada J. Quill\" ".to_owned()]);
        assert_eq!(complete(".read da", 8, &names()), Completion::Files);
        let (start, c) = words(".path Quill Bren");
        assert_eq!(start, 12);
        assert_eq!(c, vec!["\"Tomas Brenner\" ".to_owned()]);
        assert_eq!(words(".describe \"Ada J").1, vec!["\"Ada J. Quill\" ".to_owned()]);
    }
}
