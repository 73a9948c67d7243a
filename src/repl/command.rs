//! Dot-commands, declared once with clap (multicall), so `.help`, error messages, suggestions
//! for misspelt commands and tab completion all come from this definition.

use clap::{Parser, Subcommand};

use crate::render::Mode;

/// A parsed dot-command line.
#[derive(Debug, Parser)]
#[command(multicall = true, disable_help_subcommand = true)]
pub struct DotLine {
    /// The dot-command read.
    #[command(subcommand)]
    pub command: Dot,
}

/// On or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Switch {
    /// On.
    On,
    /// Off.
    Off,
}

/// The shell's commands.
#[derive(Debug, Subcommand)]
pub enum Dot {
    /// Show help, or help on one command (e.g. `.help mode`)
    #[command(name = ".help")]
    Help {
        /// A command (mode, export, ...), or `sparql` or `keys`
        topic: Option<String>,
    },
    /// Leave the shell (also .exit and Ctrl-D)
    #[command(name = ".quit", alias = ".exit")]
    Quit,
    /// Output mode for results (no MODE: show the current one)
    #[command(name = ".mode")]
    Mode {
        /// How to write results
        #[arg(value_enum)]
        mode: Option<Mode>,
    },
    /// Show at most N rows in tables (0: no limit), then "… N more rows"
    #[command(name = ".maxrows")]
    MaxRows {
        /// Rows to show; 0 shows them all
        n: Option<usize>,
    },
    /// Print how long each statement took
    #[command(name = ".timer")]
    Timer {
        /// on or off (none: show the current setting)
        #[arg(value_enum, value_name = "on|off")]
        state: Option<Switch>,
    },
    /// Send results to FILE (no FILE: back to the screen)
    #[command(name = ".output")]
    Output {
        /// File to write (emptied first; later results are appended)
        file: Option<std::path::PathBuf>,
    },
    /// Send the next statement's results to FILE
    #[command(name = ".once")]
    Once {
        /// File to write (emptied first)
        file: std::path::PathBuf,
    },
    /// Run the statements in FILE
    #[command(name = ".read")]
    Read {
        /// A file of statements and dot-commands, as typed at the prompt
        file: std::path::PathBuf,
    },
    /// List declared prefixes
    #[command(name = ".prefixes")]
    Prefixes,
    /// Declare a prefix for this session: `.prefix ex: <http://example.org/>`
    #[command(name = ".prefix")]
    Prefix {
        /// The prefix name, with or without the colon
        name: String,
        /// The namespace IRI, with or without angle brackets
        iri: String,
    },
    /// Classes and properties in use, with counts
    #[command(name = ".schema")]
    Schema,
    /// Documents and their named graphs
    #[command(name = ".graphs")]
    Graphs,
    /// Entities whose labels contain TEXT
    #[command(name = ".find")]
    Find {
        /// Part of a name, any case
        #[arg(required = true, num_args = 1.., trailing_var_arg = true)]
        text: Vec<String>,
    },
    /// An entity's facts with years and sources
    #[command(name = ".describe")]
    Describe {
        /// A name, alias or unambiguous part of one
        #[arg(required = true, num_args = 1.., trailing_var_arg = true)]
        name: Vec<String>,
    },
    /// How two entities are connected: `.path "Ada Quill" Brenner`
    #[command(name = ".path")]
    Path {
        /// The options of `relate path`
        #[command(flatten)]
        args: crate::cli::PathArgs,
    },
    /// An entity's surroundings
    #[command(name = ".neighbours", alias = ".neighbors")]
    Neighbours {
        /// The options of `relate neighbours`
        #[command(flatten)]
        args: crate::cli::NeighbourArgs,
    },
    /// Ask a question in plain language (`.ask who is Quill`)
    #[command(name = ".ask")]
    Ask {
        /// The question (`.ask what can you answer?` lists the forms)
        #[arg(required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true)]
        question: Vec<String>,
    },
    /// Build documents (files or directories) into the store
    #[command(name = ".load")]
    Load {
        /// Files (.txt, .md, .html) or directories holding them
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
    },
    /// Export the store to FILE (turtle, ntriples, nquads, trig; default from the extension)
    #[command(name = ".export")]
    Export {
        /// File to write (written whole or not at all)
        file: std::path::PathBuf,
        /// RDF format (as `relate export --format`); without it, from the extension (.ttl, .nt,
        /// .nq, .trig, .jsonld, .rdf)
        #[arg(value_enum)]
        format: Option<crate::render::ExportFormat>,
    },
    /// Show Oxigraph's plan for a query
    #[command(name = ".explain")]
    Explain {
        /// A SPARQL query on the same line
        #[arg(required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true)]
        query: Vec<String>,
    },
    /// Counts of documents, entities, facts and triples
    #[command(name = ".stats")]
    Stats {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Stop queries after SECONDS (0: never; default 60)
    #[command(name = ".timeout")]
    Timeout {
        /// Seconds, fractions allowed
        #[arg(allow_negative_numbers = true)]
        seconds: Option<f64>,
    },
    /// Show each IRI's label beside it in results
    #[command(name = ".labels")]
    Labels {
        /// on or off (none: show the current setting)
        #[arg(value_enum, value_name = "on|off")]
        state: Option<Switch>,
    },
}

/// Splits a command line into words; double or single quotes group words.
#[must_use]
pub fn split(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                any = true;
            }
            None if c.is_whitespace() => {
                if !cur.is_empty() || any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            None => cur.push(c),
        }
    }
    if !cur.is_empty() || any {
        out.push(cur);
    }
    out
}

/// Names of all dot-commands (with aliases), for completion and suggestions.
#[must_use]
pub fn names() -> Vec<String> {
    use clap::CommandFactory;
    let cmd = DotLine::command();
    let mut v: Vec<String> = cmd
        .get_subcommands()
        .flat_map(|s| std::iter::once(s.get_name().to_owned()).chain(s.get_all_aliases().map(str::to_owned)))
        .collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent_and_parses() {
        DotLine::command().debug_assert();
        let d = DotLine::try_parse_from(split(".mode csv")).unwrap();
        assert!(matches!(d.command, Dot::Mode { mode: Some(Mode::Csv) }));
        let d = DotLine::try_parse_from(split(".path \"Ada Quill\" Brenner")).unwrap();
        assert!(matches!(d.command, Dot::Path { ref args } if args.from == "Ada Quill" && args.to == "Brenner"));
        assert!(DotLine::try_parse_from(split(".mdoe csv")).is_err());
        assert!(names().contains(&".exit".to_owned()));
    }
}
