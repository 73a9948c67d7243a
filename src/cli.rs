//! Command-line definitions (clap derive). The `///` comments are the `--help` text; there is
//! no behaviour here.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::render::{ExportFormat, GraphFormat, Mode};

/// Build a knowledge graph of people, organisations and the posts that link them from
/// biography pages and news items, then query it with SPARQL, find paths and ask questions.
#[derive(Debug, Parser)]
#[command(name = "relate", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Store directory [default: $XDG_DATA_HOME/relate/store]
    #[arg(long, global = true, env = "RELATE_STORE", value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Base IRI under which entity, relation and document IRIs are minted
    #[arg(long, global = true, env = "RELATE_BASE", value_name = "IRI", default_value = crate::vocab::DEFAULT_BASE)]
    pub base: String,
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read documents (files or directories) into the store; unchanged documents are skipped
    Build {
        /// Files or directories to read: documents (.txt, .md, .html) and RDF files (.ttl, .nt,
        /// .nq, .trig, .jsonld, .rdf), each a graph of its own
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Re-extract documents even when their content is unchanged
        #[arg(long)]
        force: bool,
        /// Then send the graphs that changed to this SPARQL Graph Store Protocol endpoint, as
        /// `relate push --endpoint URL` does (the store stays the local copy)
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
        /// Then take out of the store the documents built from under the given directories
        /// whose files are gone (all in one update)
        #[arg(long)]
        prune: bool,
        /// Reference data: a directory of RDF files naming persons and organisations
        /// (rdf:type and rdfs:label, skos:altLabel, schema:name) whose names are recognised in
        /// the documents and resolved to their IRIs; repeatable; the store remembers it for
        /// later builds
        #[arg(long, value_name = "DIR")]
        reference: Vec<PathBuf>,
    },
    /// Take documents out of the store, named by the paths they were built from; all of them
    /// leave in one update, or none does
    Remove {
        /// The documents' paths, as given to `relate build` (the files may be gone)
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print what one document yields, as Turtle, without touching a store
    Extract {
        /// The document to read
        file: PathBuf,
        /// Reference data to recognise and resolve names with, as for `build --reference`
        #[arg(long, value_name = "DIR")]
        reference: Vec<PathBuf>,
        /// List each fact with the rule that produced it, its quote and offsets
        #[arg(long)]
        explain: bool,
    },
    /// Run a SPARQL query (from the argument, --file, or stdin) over all documents
    Query {
        /// The query; prefixes rel:, rdfs:, skos:, schema:, org:, prov:, xsd:, ... are predeclared
        sparql: Option<String>,
        /// Read the query from a file
        #[arg(long, short = 'f', value_name = "FILE", conflicts_with = "sparql")]
        file: Option<PathBuf>,
        /// Output format: table, csv, tsv, json, xml (SELECT/ASK); turtle, ntriples, jsonld, rdfxml (CONSTRUCT/DESCRIBE)
        #[arg(long, value_enum, default_value = "table")]
        format: Mode,
        /// Ask this SPARQL endpoint (e.g. http://host:7878/sparql, `relate serve`) instead of the
        /// store; its default graph must hold relate's graphs (their union)
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
    },
    /// Write the store as RDF, in a deterministic order
    Export {
        /// RDF format
        #[arg(long, value_enum, default_value = "turtle")]
        format: ExportFormat,
        /// Export only this named graph (a document's graph IRI)
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
        /// Write to this file instead of stdout
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Send each document's graph to a SPARQL 1.1 Graph Store Protocol endpoint (an HTTP PUT
    /// per graph, so a push replaces and never duplicates); only graphs changed since the last
    /// push there are sent, and graphs gone from the store are deleted there. Credentials come
    /// from RELATE_ENDPOINT_USER and RELATE_ENDPOINT_PASSWORD (HTTP Basic, or Digest when the
    /// server asks) or RELATE_ENDPOINT_TOKEN (Bearer), never from a flag or the URL
    Push {
        /// The endpoint's Graph Store URL: http://host:7878/store (Oxigraph),
        /// http://host:8890/sparql-graph-crud-auth (Virtuoso), http://host:3030/DATASET/data (Fuseki)
        #[arg(long, value_name = "URL")]
        endpoint: String,
        /// Send every graph, changed or not
        #[arg(long)]
        all: bool,
        /// Tries after the first on connection errors and 5xx answers, waiting 0.5 s, 1 s, 2 s, ...
        #[arg(long, default_value_t = 4, value_name = "N")]
        retries: u32,
    },
    /// Count documents, entities per type, facts per kind and triples
    Stats {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Verify the store: the default graph is the union of the document graphs, one Document
    /// node per document graph, every evidence quote is its document's text at its offsets; one
    /// line per problem, exit 1 if any
    Check,
    /// Interactive SPARQL shell (reads statements from stdin when it is not a terminal)
    Repl {
        /// Build these documents into the store before the shell starts
        #[arg(long, value_name = "PATH")]
        load: Vec<PathBuf>,
        /// Run this statement or dot-command and exit (repeatable)
        #[arg(short = 'c', long = "command", value_name = "STATEMENT")]
        commands: Vec<String>,
        /// Do not read or write the history file
        #[arg(long)]
        no_history: bool,
        /// Do not run the init file ($XDG_CONFIG_HOME/relate/relaterc or ~/.relaterc)
        #[arg(long)]
        no_init: bool,
        /// Open the store read-only (works while another relate writes it)
        #[arg(long)]
        read_only: bool,
        /// Query this SPARQL endpoint (e.g. http://host:7878/sparql, `relate serve`) instead of
        /// the store, read-only; .path, .neighbours and .ask search its graph
        #[arg(long, value_name = "URL", conflicts_with_all = ["load", "read_only"])]
        endpoint: Option<String>,
    },
    /// Find how two entities are connected, hop by hop with evidence
    Path {
        /// The search's options, shared with the shell's `.path`.
        #[command(flatten)]
        args: PathArgs,
        /// Search the graph of this SPARQL endpoint (e.g. http://host:7878/sparql, `relate serve`) instead of the
        /// store; its default graph must hold relate's graphs (their union)
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
    },
    /// Show an entity's surroundings: the entities within --depth hops and how they relate
    #[command(alias = "neighbors")]
    Neighbours {
        /// The options, shared with the shell's `.neighbours`.
        #[command(flatten)]
        args: NeighbourArgs,
        /// Read the graph from this SPARQL endpoint (e.g. http://host:7878/sparql, `relate serve`) instead of the
        /// store; its default graph must hold relate's graphs (their union)
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
    },
    /// Answer a plain-language question ("how is A connected to B?", "who is A?"); `relate ask "what can you answer?"` lists the forms
    Ask {
        /// The question
        question: String,
        /// Output format (dot and svg for "how is A connected to B?" questions)
        #[arg(long, value_enum, default_value = "text")]
        format: GraphFormat,
        /// Ask this SPARQL endpoint (e.g. http://host:7878/sparql, `relate serve`) instead of the
        /// store; its default graph must hold relate's graphs (their union)
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
    },
    /// Serve the store over HTTP: a SPARQL 1.1 Protocol endpoint at /sparql, the Graph Store
    /// Protocol (reading) at /store, a query page at /
    Serve(ServeArgs),
    /// Print a completion script for a shell: `relate completions bash > /etc/bash_completion.d/relate`,
    /// `relate completions zsh > ~/.zfunc/_relate`, `relate completions fish > ~/.config/fish/completions/relate.fish`
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of relate, or write one page per command into a directory
    Man {
        /// Write relate.1 and relate-COMMAND.1 pages into this directory
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Check the store (or an RDF file) against SHACL shapes (ontology/shapes.ttl unless
    /// --shapes): one line per result, the W3C validation report with --report; exit 1 on
    /// violations
    Validate {
        /// Validate this RDF file (.ttl, .nt, .nq, .trig, .jsonld, .rdf) instead of the store
        #[arg(long, value_name = "FILE")]
        data: Option<PathBuf>,
        /// The shapes graph, in Turtle [default: ontology/shapes.ttl, built in]
        #[arg(long, value_name = "FILE")]
        shapes: Option<PathBuf>,
        /// Write the validation report (Turtle) to this file; `-` writes it to stdout and the
        /// summary to stderr
        #[arg(long, short = 'o', value_name = "FILE")]
        report: Option<PathBuf>,
    },
}

/// Options of `relate path` and the shell's `.path`.
#[derive(Debug, Clone, clap::Args)]
pub struct PathArgs {
    /// From: name, alias, unambiguous part of a name, or IRI (case and accents do not matter)
    pub from: String,
    /// To: name, alias, unambiguous part of a name, or IRI
    pub to: String,
    /// Longest path, in hops (1-8)
    #[arg(long, default_value_t = 4)]
    pub max_len: usize,
    /// How many paths to show (1-100): shortest first, then the ones through the most different entities
    #[arg(long, default_value_t = 1)]
    pub limit: usize,
    /// Only paths through this entity
    #[arg(long, value_name = "NAME")]
    pub via: Option<String>,
    // the help lists the kinds of the table of relation kinds
    /// Entities or relation kinds left out (the help is written by `exclude_help`).
    #[arg(long, value_name = "NAME|RELATION", help = exclude_help())]
    pub exclude: Vec<String>,
    /// Never pass through entities related to more than this many others (hubs); they can still be where a path starts or ends
    #[arg(long, default_value_t = crate::paths::search::DEFAULT_MAX_DEGREE)]
    pub max_degree: usize,
    /// Keep only relations valid during these years, e.g. 1998..2012 (either end may be left open); undated relations are kept and marked
    #[arg(long, value_name = "FROM..TO")]
    pub during: Option<String>,
    /// Keep only relations valid in this year
    #[arg(long, value_name = "YEAR", conflicts_with = "during", allow_negative_numbers = true)]
    pub at: Option<i32>,
    /// Follow relations only from subject to object (person ▶ organisation, part ▶ whole)
    #[arg(long)]
    pub directed: bool,
    /// Output format: text (each hop with its evidence), JSON, or a picture (DOT for Graphviz, SVG drawn by relate)
    #[arg(long, value_enum, default_value = "text")]
    pub format: GraphFormat,
}

/// The help of `--exclude`: every relation kind by its name, from the table.
fn exclude_help() -> String {
    let kinds: Vec<String> = crate::relation_kinds::KINDS.iter().map(|k| k.name.replace(' ', "-")).collect();
    format!(
        "Leave out this entity, or this relation kind ({}, or a predicate such as rel:memberOf); repeatable",
        kinds.join(", ")
    )
}

/// Options of `relate neighbours` and the shell's `.neighbours`.
#[derive(Debug, Clone, clap::Args)]
pub struct NeighbourArgs {
    /// Name, alias, unambiguous part of a name, or IRI (the words of a name need no quotes)
    #[arg(required = true, num_args = 1..)]
    pub name: Vec<String>,
    /// How many hops out to go (1-4)
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    /// Do not go on through entities with more than this many related entities (hubs); they are still listed
    #[arg(long, default_value_t = crate::paths::search::DEFAULT_MAX_DEGREE)]
    pub max_degree: usize,
    /// Output format: a list, JSON, or a picture (DOT for Graphviz, SVG drawn by relate)
    #[arg(long, value_enum, default_value = "text")]
    pub format: GraphFormat,
}

/// Options of `relate serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on; the default accepts connections from this machine only
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,
    /// Accept SPARQL updates (POST application/sparql-update, or a form's update=); they keep the
    /// store's invariants as in the shell. The store is then locked against other writers
    #[arg(long)]
    pub writable: bool,
    /// Stop a query after this many seconds (0: no limit)
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,
    /// Send at most this many rows (or triples) of a result; a cut result says so in its
    /// `Relate-Truncated` header (0: no limit)
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub max_rows: usize,
    /// Allow pages from this origin (e.g. https://example.org, or * for any) to query the
    /// endpoint from a browser (CORS); repeatable; off by default
    // this doc is `--help` text, where a URL stays as typed
    #[allow(rustdoc::bare_urls)]
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn exclude_lists_every_relation_kind() {
        let mut cmd = Cli::command();
        let path = cmd.find_subcommand_mut("path").unwrap();
        let help = path.get_arguments().find(|a| a.get_id() == "exclude").unwrap().get_help().unwrap().to_string();
        for k in crate::relation_kinds::RelationKind::ALL {
            let name = k.name().replace(' ', "-");
            assert!(help.contains(&name), "{name} missing from {help}");
            assert_eq!(crate::relation_kinds::RelationKind::parse(&name), Some(k));
        }
    }
}
