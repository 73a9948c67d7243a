//! The module graph: imports point one way. Reads `src/**/*.rs`, collects every `crate::…`,
//! `super::…` and `self::…` path, and checks them against the layer order that
//! `docs/ARCHITECTURE.md` states (its "Layers" table is the one place it is written down):
//! no cycle between top-level modules, none between the files of one directory, and no import
//! from a lower layer into a higher one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path below the crate root, e.g. `["repl", "command"]`.
type ModPath = Vec<String>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every source file with its module path (`src/repl/mod.rs` and `src/paths.rs` are the module
/// itself, `src/lib.rs` is the root).
fn files(dir: &Path, at: &ModPath, out: &mut Vec<(ModPath, PathBuf)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        let stem = p.file_stem().unwrap().to_str().unwrap().to_owned();
        if p.is_dir() {
            let mut m = at.clone();
            m.push(stem);
            files(&p, &m, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let mut m = at.clone();
            if !matches!(stem.as_str(), "mod" | "lib" | "main") {
                m.push(stem);
            } else if stem == "main" {
                continue; // the binary is a separate crate
            }
            out.push((m, p));
        }
    }
}

/// The text without comments and string literals, so paths in docs and messages do not count.
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            '/' if b.get(i + 1) == Some(&'/') => {
                while i < b.len() && b[i] != '\n' {
                    i += 1;
                }
            }
            '/' if b.get(i + 1) == Some(&'*') => {
                while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            'r' if b.get(i + 1) == Some(&'#')
                || (b.get(i + 1) == Some(&'"') && !ident_char(b.get(i.wrapping_sub(1)))) =>
            {
                // raw string r#"…"# / r"…"
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&'"') || ident_char(b.get(i.wrapping_sub(1))) {
                    out.push(b[i]);
                    i += 1;
                    continue;
                }
                j += 1;
                loop {
                    if j >= b.len() {
                        break;
                    }
                    if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                out.push_str("\"\"");
                i = j;
            }
            '"' => {
                i += 1;
                while i < b.len() && b[i] != '"' {
                    if b[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                out.push_str("\"\"");
            }
            '\'' if b.get(i + 2) == Some(&'\'') || (b.get(i + 1) == Some(&'\\')) => {
                // a char literal ('x', '\n', '\u{..}'); lifetimes have no closing quote nearby
                let mut j = i + 1;
                if b[j] == '\\' {
                    j += 1;
                }
                j += 1;
                while j < b.len() && b[j] != '\'' && j - i < 12 {
                    j += 1;
                }
                out.push_str("' '");
                i = j + 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The code without its `#[cfg(test)] mod … { … }` blocks: a unit test may reach anywhere.
fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = rest[at + "#[cfg(test)]".len()..].trim_start();
        let is_mod = after.starts_with("mod ") || after.starts_with("pub mod ") || after.starts_with("pub(crate) mod ");
        match after.find('{').filter(|_| is_mod) {
            Some(open) if !after[..open].contains(';') => {
                let mut depth = 0;
                let mut end = after.len();
                for (i, c) in after[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                rest = &after[end..];
            }
            _ => rest = after,
        }
    }
    out.push_str(rest);
    out
}

fn ident_char(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// The paths a file names, each starting from `crate`, `super` or `self`, with `use` groups
/// (`use super::{a, b::c}`) expanded.
fn paths(code: &str) -> Vec<Vec<String>> {
    let b: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start_ok = i == 0 || !(ident_char(b.get(i - 1)) || b[i - 1] == ':' || b[i - 1] == '$');
        if start_ok && b[i].is_alphabetic() {
            let (word, j) = ident(&b, i);
            if matches!(word.as_str(), "crate" | "super" | "self")
                && b.get(j) == Some(&':')
                && b.get(j + 1) == Some(&':')
            {
                let (mut got, end) = tree(&b, i);
                found.append(&mut got);
                i = end;
                continue;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    found
}

fn ident(b: &[char], mut i: usize) -> (String, usize) {
    let s = i;
    while ident_char(b.get(i)) {
        i += 1;
    }
    (b[s..i].iter().collect(), i)
}

fn skip_ws(b: &[char], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    i
}

/// A use tree at `i`: `a::b::c`, `a::{x, y::z}`, `a::*`. Returns the expanded paths and the end.
fn tree(b: &[char], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        i = skip_ws(b, i);
        if b.get(i) == Some(&'{') {
            let mut all = Vec::new();
            i += 1;
            loop {
                i = skip_ws(b, i);
                match b.get(i) {
                    Some('}') => return (all, i + 1),
                    Some(',') => i += 1,
                    Some(_) => {
                        let (sub, end) = tree(b, i);
                        for s in sub {
                            let mut p = prefix.clone();
                            p.extend(s);
                            all.push(p);
                        }
                        if end == i {
                            i += 1;
                        } else {
                            i = end;
                        }
                    }
                    None => return (all, i),
                }
            }
        }
        if !ident_char(b.get(i)) {
            return (if prefix.is_empty() { vec![] } else { vec![prefix] }, i);
        }
        let (w, j) = ident(b, i);
        prefix.push(w);
        i = j;
        if b.get(i) == Some(&':') && b.get(i + 1) == Some(&':') {
            i += 2;
        } else {
            return (vec![prefix], i);
        }
    }
}

/// The module a path refers to, as far as it names modules (`crate::paths::Kind` ▶ `paths`).
fn resolve(from: &ModPath, path: &[String], modules: &BTreeSet<ModPath>) -> Option<ModPath> {
    let mut at: ModPath = match path.first()?.as_str() {
        "crate" => vec![],
        _ => from.clone(),
    };
    let mut rest = path;
    if rest[0] == "crate" {
        rest = &rest[1..];
    }
    while let Some(first) = rest.first() {
        match first.as_str() {
            "super" => {
                at.pop()?;
            }
            "self" => {}
            _ => break,
        }
        rest = &rest[1..];
    }
    for seg in rest {
        let mut next = at.clone();
        next.push(seg.clone());
        if modules.contains(&next) {
            at = next;
        } else {
            break;
        }
    }
    Some(at)
}

/// The declared layer of each top-level module, from `docs/ARCHITECTURE.md`: the rows of the
/// table under "## Layers", `| n | module, module |`, lowest first.
fn layers() -> BTreeMap<String, u32> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ARCHITECTURE.md")).unwrap();
    let section = doc.split("## Layers").nth(1).expect("docs/ARCHITECTURE.md has a ## Layers section");
    let section = section.split("\n## ").next().unwrap();
    let mut out = BTreeMap::new();
    for line in section.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let Ok(n) = cells[0].parse::<u32>() else { continue };
        for m in cells[1].split(',') {
            let m = m.trim().trim_matches('`');
            assert!(out.insert(m.to_owned(), n).is_none(), "{m} is in two layers");
        }
    }
    out
}

/// Imports known to break the rules, each with the reason it stays for now. An entry that no
/// longer matches an import fails [`known_exceptions_still_exist`], so fixed ones get removed.
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "lexicon",
        "loader",
        "`Lexicon::ner_lexicon` caches the tagger's word lookup (`loader::ner::NerLexicon`); moving it \
         into `lexicon` waits for the extraction work under way in lexicon.rs",
    ),
    (
        "lexicon",
        "reference",
        "`Lexicon::reference` holds the reference entities while `reference::Entity` uses \
         `lexicon::OrgKind`: one of the two modules should own both",
    ),
];

fn known(a: &ModPath, b: &ModPath) -> bool {
    KNOWN.iter().any(|(x, y, _)| a[0] == *x && b[0] == *y)
}

struct Graph {
    /// (from, to, where) at every depth.
    edges: Vec<(ModPath, ModPath, String)>,
    tops: BTreeSet<String>,
}

fn graph() -> Graph {
    let mut list = Vec::new();
    files(&src(), &vec![], &mut list);
    let modules: BTreeSet<ModPath> = list.iter().map(|(m, _)| m.clone()).collect();
    let mut edges = Vec::new();
    for (m, file) in &list {
        let text = without_tests(&code(&std::fs::read_to_string(file).unwrap()));
        for p in paths(&text) {
            if let Some(to) = resolve(m, &p, &modules) {
                let rel = file.strip_prefix(src()).unwrap().display().to_string();
                edges.push((m.clone(), to, format!("src/{rel}: {}", p.join("::"))));
            }
        }
    }
    let tops = modules.iter().filter_map(|m| m.first().cloned()).collect();
    Graph { edges, tops }
}

/// Edges between units: the first `depth + 1` components under a shared prefix of `depth`.
fn unit_edges(g: &Graph, depth: usize) -> BTreeMap<(ModPath, ModPath), String> {
    let mut out = BTreeMap::new();
    for (from, to, at) in &g.edges {
        if from.len() <= depth || to.len() <= depth || from[..depth] != to[..depth] {
            continue;
        }
        let (a, b) = (from[..=depth].to_vec(), to[..=depth].to_vec());
        if a != b && !known(&a, &b) {
            out.entry((a, b)).or_insert_with(|| at.clone());
        }
    }
    out
}

/// Cycles in a directed graph, each reported once as a strongly connected component.
fn cycles(edges: &BTreeMap<(ModPath, ModPath), String>) -> Vec<Vec<ModPath>> {
    let nodes: BTreeSet<&ModPath> = edges.keys().flat_map(|(a, b)| [a, b]).collect();
    let reach = |from: &ModPath| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for ((a, b), _) in edges.range((n.clone(), vec![])..) {
                if *a != n {
                    break;
                }
                if seen.insert(b.clone()) {
                    todo.push(b.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&ModPath, BTreeSet<ModPath>> = nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for n in &nodes {
        if done.contains(*n) || !reaches[n].contains(*n) {
            continue;
        }
        let scc: Vec<ModPath> = nodes
            .iter()
            .filter(|m| reaches[n].contains(**m) && reaches[*m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        done.extend(scc.iter().cloned());
        out.push(scc);
    }
    out
}

fn describe(scc: &[ModPath], edges: &BTreeMap<(ModPath, ModPath), String>) -> String {
    let mut s = scc.iter().map(|m| m.join("::")).collect::<Vec<_>>().join(" ↔ ");
    for ((a, b), at) in edges {
        if scc.contains(a) && scc.contains(b) {
            s.push_str(&format!("\n    {} → {}  ({at})", a.join("::"), b.join("::")));
        }
    }
    s
}

#[test]
fn the_parser_sees_crate_super_and_groups_but_not_comments_or_strings() {
    let text =
        code("// crate::a::x\nuse crate::b::{c, d::{e, F}};\nlet s = \"crate::g\"; super::super::h::i(); x::crate_y;");
    let got = paths(&text);
    let want: Vec<Vec<String>> = ["crate b c", "crate b d e", "crate b d F", "super super h i"]
        .iter()
        .map(|s| s.split(' ').map(str::to_owned).collect())
        .collect();
    assert_eq!(got, want);
    let modules: BTreeSet<ModPath> = [
        vec!["b".to_owned()],
        vec!["b".into(), "d".into()],
        vec!["h".into()],
        vec!["m".into(), "n".into()],
        vec!["m".into()],
    ]
    .into_iter()
    .collect();
    let from = vec!["m".to_owned(), "n".to_owned()];
    assert_eq!(resolve(&from, &want[1], &modules), Some(vec!["b".to_owned(), "d".to_owned()]));
    assert_eq!(resolve(&from, &want[3], &modules), Some(vec!["h".to_owned()]));
    // a cycle is found, a chain is not
    let e = |a: &str, b: &str| ((vec![a.to_owned()], vec![b.to_owned()]), String::new());
    assert_eq!(cycles(&[e("a", "b"), e("b", "c")].into_iter().collect()).len(), 0);
    assert_eq!(cycles(&[e("a", "b"), e("b", "c"), e("c", "a")].into_iter().collect()).len(), 1);
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let g = graph();
    let edges = unit_edges(&g, 0);
    assert!(edges.len() > 40, "the parser found too few imports to be right: {}", edges.len());
    let found: Vec<String> = cycles(&edges).iter().map(|c| describe(c, &edges)).collect();
    assert!(found.is_empty(), "import cycles between top-level modules:\n  {}", found.join("\n  "));
}

#[test]
fn no_import_cycle_between_the_files_of_one_module() {
    let g = graph();
    let mut found = Vec::new();
    for depth in 1..=2 {
        let edges = unit_edges(&g, depth);
        // a module's own file (mod.rs, paths.rs) declares its children; only siblings count
        let siblings = edges.into_iter().filter(|((a, b), _)| a.len() == b.len()).collect();
        found.extend(cycles(&siblings).iter().map(|c| describe(c, &siblings)));
    }
    assert!(found.is_empty(), "import cycles inside a module:\n  {}", found.join("\n  "));
}

#[test]
fn every_import_points_down_the_declared_layers() {
    let g = graph();
    let layers = layers();
    for top in &g.tops {
        assert!(layers.contains_key(top), "src/{top} has no layer in docs/ARCHITECTURE.md");
    }
    for name in layers.keys() {
        assert!(g.tops.contains(name), "docs/ARCHITECTURE.md names a module {name} that does not exist");
    }
    let mut up = Vec::new();
    for ((a, b), at) in unit_edges(&g, 0) {
        let (la, lb) = (layers[&a[0]], layers[&b[0]]);
        if lb > la {
            up.push(format!("{} (layer {la}) imports {} (layer {lb}): {at}", a[0], b[0]));
        }
    }
    assert!(up.is_empty(), "imports that point up:\n  {}", up.join("\n  "));
}

#[test]
fn known_exceptions_still_exist() {
    let g = graph();
    for (a, b, why) in KNOWN {
        assert!(
            g.edges.iter().any(|(x, y, _)| x[0] == *a && y.first().is_some_and(|y| y == b)),
            "{a} no longer imports {b}: remove the exception ({why})"
        );
    }
}

/// The table of relation kinds ([`relate::relation_kinds::KINDS`]) and the entity classes name
/// the ontology's terms, as the table assumes them:
///
/// - each direct edge is an `owl:ObjectProperty` whose relate domain and range are classes;
/// - each qualified node's class is an `owl:Class` below `rel:QualifiedRelation`;
/// - the properties to the subject and the other end are object properties, the role and dates
///   datatype properties, each with a domain (when it states one) that takes the class: the
///   class itself, a union naming it, or `rel:QualifiedRelation`;
/// - the direct edge joins what the node joins: the subject property's range is the direct
///   edge's domain and the other end's range its range, where the ontology states both.
///
/// A kind added in code but not in the ontology (or renamed in one place only) fails here.
#[test]
fn relation_kinds_and_entity_classes_agree_with_the_ontology() {
    use oxigraph::io::{RdfFormat, RdfParser};
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/relate.ttl")).unwrap();
    let triples: BTreeSet<(String, String, String)> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(text.as_bytes())
        .map(|q| {
            let q = q.unwrap();
            (q.subject.to_string(), q.predicate.to_string(), q.object.to_string())
        })
        .collect();
    let rel = |local: &str| format!("<{}{local}>", relate::vocab::REL);
    let a = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
    let class = "<http://www.w3.org/2002/07/owl#Class>";
    let object_property = "<http://www.w3.org/2002/07/owl#ObjectProperty>";
    let datatype_property = "<http://www.w3.org/2002/07/owl#DatatypeProperty>";
    let domain = "<http://www.w3.org/2000/01/rdf-schema#domain>";
    let range = "<http://www.w3.org/2000/01/rdf-schema#range>";
    let is = |s: &str, p: &str, o: &str| triples.contains(&(s.to_owned(), p.to_owned(), o.to_owned()));
    let objects = |s: &str, p: &str| -> Vec<String> {
        triples.iter().filter(|t| t.0 == s && t.1 == p).map(|t| t.2.clone()).collect()
    };
    // the members of an owl:unionOf list, or the class itself
    let members = |c: &str| -> Vec<String> {
        let Some(mut list) = objects(c, "<http://www.w3.org/2002/07/owl#unionOf>").into_iter().next() else {
            return vec![c.to_owned()];
        };
        let mut out = Vec::new();
        while let Some(first) = objects(&list, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#first>").pop() {
            out.push(first);
            list = objects(&list, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>").pop().unwrap_or_default();
        }
        out
    };
    let mut wrong = Vec::new();
    for row in relate::relation_kinds::KINDS {
        let p = rel(row.direct);
        if !is(&p, a, object_property) {
            wrong.push(format!("{}: {p} is not an owl:ObjectProperty", row.name));
        }
        for end in [domain, range] {
            // a relate class named as domain or range must be declared (unions and other
            // vocabularies' classes, prov:Agent, are taken as written)
            for c in objects(&p, end).iter().filter(|c| c.starts_with(&format!("<{}", relate::vocab::REL))) {
                if !is(c, a, class) {
                    wrong.push(format!("{}: {p} {end} {c} is not an owl:Class", row.name));
                }
            }
        }
        let Some(st) = row.statement else { continue };
        let c = rel(st.class);
        if !is(&c, a, class) || !is(&c, "<http://www.w3.org/2000/01/rdf-schema#subClassOf>", &rel("QualifiedRelation"))
        {
            wrong.push(format!("{}: {c} is not an owl:Class below rel:QualifiedRelation", row.name));
        }
        let links = [(Some(st.subject), object_property), (st.other, object_property)];
        let literals = [(st.role, datatype_property), (st.start, datatype_property), (st.end, datatype_property)];
        for (prop, kind) in links.into_iter().chain(literals).filter_map(|(p, k)| Some((rel(p?), k))) {
            if !is(&prop, a, kind) {
                wrong.push(format!("{}: {prop} is not an {kind}", row.name));
            }
            for d in objects(&prop, domain) {
                if !members(&d).iter().any(|m| *m == c || *m == rel("QualifiedRelation")) {
                    wrong.push(format!("{}: {prop} has the domain {d}, which does not take {c}", row.name));
                }
            }
        }
        let ends = [(Some(st.subject), domain), (st.other, range)];
        for (prop, side) in ends.into_iter().filter_map(|(p, s)| Some((rel(p?), s))) {
            let (of_prop, of_direct) = (objects(&prop, range), objects(&p, side));
            if !of_prop.is_empty() && !of_direct.is_empty() && of_prop != of_direct {
                wrong.push(format!("{}: {prop} ranges over {of_prop:?} but {p}'s {side} is {of_direct:?}", row.name));
            }
        }
    }
    for c in relate::vocab::ENTITY_CLASSES {
        if !is(&rel(c), a, class) {
            wrong.push(format!("entity class {c} is not an owl:Class"));
        }
    }
    assert!(wrong.is_empty(), "code and ontology disagree:\n  {}", wrong.join("\n  "));
}
