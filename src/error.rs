//! The crate error. Every message is one lowercase line that names the input and says what to do;
//! the underlying cause, when there is one, is kept as the `#[source]`.

use std::path::PathBuf;

/// Result with the crate error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The crate error: one variant per way an operation fails; the per-area errors
/// ([`QueryError`], [`NotFound`], [`Usage`], [`EndpointError`]) are variants of their own.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("{path}: cannot read it ({source}); check that the path exists and is readable")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A path given does not exist.
    #[error("{path}: no such file or directory; check the path")]
    Missing {
        /// The path.
        path: PathBuf,
    },
    /// A document that is not UTF-8 text.
    #[error("{path}: not UTF-8 text (looks binary); convert it to UTF-8 text or leave it out")]
    NotText {
        /// The document.
        path: PathBuf,
    },
    /// A document with no text.
    #[error("{path}: empty document, nothing to extract; add text or leave it out")]
    Empty {
        /// The document.
        path: PathBuf,
    },
    /// A directory holding no document relate reads.
    #[error("{path}: no documents found (looked for .txt, .md, .html and RDF files); give files or a directory holding them")]
    NoDocuments {
        /// The directory.
        path: PathBuf,
    },
    /// Another process holds the store's lock.
    #[error("{path}: the store is in use by another relate process; close it, or use --read-only")]
    StoreLocked {
        /// The store's directory.
        path: PathBuf,
    },
    /// The store could not be opened for another reason.
    #[error("{path}: cannot open the store ({source}); check the location is a writable directory or set --store / RELATE_STORE")]
    StoreOpen {
        /// The store's directory.
        path: PathBuf,
        /// Oxigraph's error.
        #[source]
        source: oxigraph::store::StorageError,
    },
    /// Reading or writing an open store failed.
    #[error("store {path}: {source}")]
    Storage {
        /// The store's directory.
        path: PathBuf,
        /// Oxigraph's error.
        #[source]
        source: oxigraph::store::StorageError,
    },
    /// A SPARQL query or update did not parse or failed.
    #[error("query error: {0}")]
    Query(#[from] QueryError),
    /// A write to a store opened read-only.
    #[error("{path}: the store is open read-only; writes are refused and the store is unchanged")]
    ReadOnly {
        /// The store's directory.
        path: PathBuf,
    },
    /// An update or request relate will not run, with why (a write to the default graph, a
    /// server on a store that is in use).
    #[error("{0}")]
    Refused(String),
    /// A query's cancellation token was cancelled (Ctrl-C, a timeout).
    #[error("query cancelled")]
    Cancelled,
    /// Data that is not what it should be, said in words with no underlying error (see
    /// [`Error::Invalid`] for one with).
    #[error("{what}: {message}")]
    Data {
        /// What it is (a file, a line of one, or the name of the thing).
        what: String,
        /// What is wrong with it.
        message: String,
    },
    /// Data a parser, serialiser or validator rejected: what it is, what is wrong (the
    /// underlying error's words, maybe with what to do), and that error.
    #[error("{what}: {message}")]
    Invalid {
        /// What it is (a file, a line of one, or the name of the thing).
        what: String,
        /// What is wrong with it.
        message: String,
        /// The parser's, serialiser's or validator's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// Statements of a shell script failed (each already reported; the others ran).
    #[error("repl: {count} statement{} failed", if *count == 1 { "" } else { "s" })]
    StatementsFailed {
        /// How many.
        count: usize,
    },
    /// A file could not be written.
    #[error("{path}: cannot write it ({source})")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Writing to an output failed (a broken pipe is success to `main`).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A bad argument, option or command (exit code 2).
    #[error(transparent)]
    Usage(#[from] Usage),
    /// Something named that is not there.
    #[error(transparent)]
    NotFound(#[from] NotFound),
    /// `relate check` found problems (each already written).
    #[error("check: {count} problem{} found in the store", if *count == 1 { "" } else { "s" })]
    CheckFailed {
        /// How many.
        count: usize,
    },
    /// A Graph Store Protocol request failed.
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
    /// `relate validate` found violations (each already written).
    #[error("validate: {count} violation{} of {shapes}", if *count == 1 { "" } else { "s" })]
    ValidationFailed {
        /// How many.
        count: usize,
        /// The shapes file, as named to the user.
        shapes: String,
    },
    /// A SPARQL endpoint read as the graph (`--endpoint`) failed or answered badly.
    #[error("{endpoint}: {message}")]
    Remote {
        /// The endpoint's URL.
        endpoint: String,
        /// What went wrong.
        message: String,
    },
    /// Some documents of a build failed (each already reported); the others were built.
    #[error("{count} of {total} documents failed")]
    SomeFailed {
        /// Documents that failed.
        count: usize,
        /// Documents in the build.
        total: usize,
    },
}

impl Error {
    /// Maps an Oxigraph open failure to a locked-store or generic open error (by its
    /// [`OpenFailure`]).
    pub(crate) fn open(path: &std::path::Path, source: oxigraph::store::StorageError) -> Self {
        match OpenFailure::of(&source) {
            OpenFailure::Locked => Error::StoreLocked { path: path.to_owned() },
            _ => Error::StoreOpen { path: path.to_owned(), source },
        }
    }

    /// A query or update `query` that failed with `source`.
    pub(crate) fn query(query: &str, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        Error::Query(QueryError::new(query, source))
    }

    /// `what` rejected by a parser or serialiser with `source`; the message is the source's.
    pub(crate) fn invalid(what: impl Into<String>, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        Error::Invalid { what: what.into(), message: source.to_string(), source: Box::new(source) }
    }

    /// A failed evaluation of `query`: [`Error::Cancelled`] when its token was cancelled.
    pub(crate) fn evaluation(query: &str, source: oxigraph::sparql::QueryEvaluationError) -> Self {
        match source {
            oxigraph::sparql::QueryEvaluationError::Cancelled => Error::Cancelled,
            source => Error::query(query, source),
        }
    }

    /// Exit code for this error: 2 for usage errors, 1 otherwise.
    #[must_use]
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            Error::Endpoint(EndpointError::BadUrl(_) | EndpointError::Credentials(_)) => 2,
            _ => 1,
        }
    }
}

/// Something named that is not there (exit 1): which kind of thing, the name as given, and what
/// the user might have meant. Callers match the variant; the message is one line.
#[derive(Debug, thiserror::Error)]
pub enum NotFound {
    /// No entity has this name; `suggestions` are the nearest labels, best first (maybe none).
    #[error("{name:?}: no entity has this name; {}", did_you_mean(suggestions))]
    Entity {
        /// The name as given.
        name: String,
        /// The nearest labels, best first.
        suggestions: Vec<String>,
    },
    /// Several entities have this name: each described as `label (type, <IRI>)`, and how many
    /// more were not listed.
    #[error("{name:?} is ambiguous: {}{}; give more of the name, or the IRI", candidates.join("; "), and_more(*more))]
    Ambiguous {
        /// The name as given.
        name: String,
        /// The first candidates, each `label (type, <IRI>)`.
        candidates: Vec<String>,
        /// How many more there are.
        more: usize,
    },
    /// A name with no letters or digits.
    #[error("{name:?}: empty name; give a name, an alias or part of one")]
    EmptyName {
        /// The name as given.
        name: String,
    },
    /// A name looked up where there are no entities at all.
    #[error("{name:?}: the store holds no entities; build documents first with `relate build PATH`")]
    NoEntities {
        /// The name as given.
        name: String,
    },
    /// A store with no entities, where an operation needs some.
    #[error("{}: the store holds no entities; build documents into it first with `relate build PATH`", path.display())]
    EmptyStore {
        /// The store's directory.
        path: PathBuf,
    },
    /// An endpoint whose default graph holds no relate entities.
    #[error("{url}: the endpoint's default graph holds no relate entities; push a store there with `relate push`, or give the endpoint whose default graph is their union")]
    EmptyEndpoint {
        /// The endpoint's URL.
        url: String,
    },
    /// `--exclude NAME` that is neither an entity (`source` says why) nor a relation kind.
    #[error("--exclude: {source}; nor is it a relation kind ({})", kinds.join(", "))]
    Exclude {
        /// Why it is no entity.
        source: Box<NotFound>,
        /// The names of the relation kinds.
        kinds: Vec<&'static str>,
    },
    /// No path within `max_len` hops. `searched` is the `relate path` command that ran, when the
    /// user did not type it; `truncated`, the search stopped at a bound; `filtered`, options
    /// (via, exclude, during, directed) narrowed it.
    #[error(
        "no path between {from} and {to} within {max_len} hops{}{}; {}",
        searched.as_ref().map(|c| format!(" (searched: {c})")).unwrap_or_default(),
        if *truncated { " (the search stopped at its time or size bound)" } else { "" },
        if *filtered { "try a larger --max-len, fewer filters or a larger --max-degree" } else { "try a larger --max-len or --max-degree" }
    )]
    Path {
        /// Where the search started (a label).
        from: String,
        /// Where it was to end (a label).
        to: String,
        /// The longest path looked for, in hops.
        max_len: usize,
        /// The `relate path` command that ran, when the user did not type it.
        searched: Option<String>,
        /// The search stopped at its time or size bound.
        truncated: bool,
        /// Options narrowed the search.
        filtered: bool,
    },
    /// A document graph the store does not have.
    #[error("--graph {name}: no such graph; `relate query 'SELECT ?g WHERE {{ GRAPH ?g {{}} }}'` lists them")]
    Graph {
        /// The graph's IRI as given.
        name: String,
    },
    /// A path that names no document in the store.
    #[error("{path}: no such document in the store; `relate stats` counts them, and a document is named by the path it was built from")]
    Document {
        /// The path as given.
        path: String,
    },
    /// No store at this location.
    #[error("{}: no store here; build one with `relate build PATH` or point --store / RELATE_STORE at it", path.display())]
    Store {
        /// The directory.
        path: PathBuf,
    },
}

/// A command line or shell command relate will not run as given (exit 2): which kind of mistake,
/// with what the message needs. Callers match the variant; the message is one line (the
/// question forms aside) that names the option or command and says what to give instead.
#[derive(Debug, thiserror::Error)]
pub enum Usage {
    /// An option or command given a value it does not take: `--max-len 9`, `.timeout -1`,
    /// `--via` naming an end of the path.
    #[error("{option} {value}: {problem}")]
    Value {
        /// The option or command, as typed (`--max-len`, `.prefix`).
        option: &'static str,
        /// The value as given (quoted where the message quotes it).
        value: String,
        /// What is wrong with it and what to give.
        problem: String,
    },
    /// Two names that find the same entity, where two different ones are needed.
    #[error("{first:?} and {second:?} are the same entity ({entity}); give two different ones")]
    SameEntity {
        /// The first name as given.
        first: String,
        /// The second name as given.
        second: String,
        /// The entity both name (its label or IRI).
        entity: String,
    },
    /// A shell command that does not exist; `suggestion` is the nearest one.
    #[error("unknown command {name}; did you mean {suggestion}? (.help lists commands)")]
    UnknownCommand {
        /// The command as typed (made printable).
        name: String,
        /// The nearest command's name.
        suggestion: String,
    },
    /// A shell command clap would not parse: its first lines, on one line; clap's error is the
    /// source.
    #[error("{name}: {detail} (.help {} shows its usage)", name.trim_start_matches('.'))]
    Command {
        /// The command, as typed.
        name: String,
        /// clap's message up to its usage block.
        detail: String,
        /// clap's error.
        #[source]
        source: Box<clap::Error>,
    },
    /// `.help TOPIC` for no command or topic.
    #[error(".help {topic}: no such command or topic (.help lists them)")]
    HelpTopic {
        /// The topic as given.
        topic: String,
    },
    /// `.read` files that read each other past the depth limit.
    #[error(".read: files read each other too deeply")]
    ReadDepth,
    /// `.export FILE` whose extension names no export format.
    #[error(".export: cannot tell the format from the extension {extension:?}; add one of {}", formats.join(", "))]
    ExportExtension {
        /// The file's extension.
        extension: String,
        /// The formats' names.
        formats: Vec<String>,
    },
    /// An RDF file whose extension names no RDF format.
    #[error("{}: cannot tell its RDF format from the extension; use .ttl, .nt, .nq, .trig, .jsonld or .rdf", path.display())]
    RdfExtension {
        /// The file.
        path: PathBuf,
    },
    /// A shell command that writes, on a store opened read-only.
    #[error("the store is open read-only (--read-only): {command} is refused and the store is unchanged")]
    ReadOnly {
        /// The command (`.load`).
        command: &'static str,
    },
    /// A shell command only a local store serves, in a shell reading a remote endpoint.
    #[error("{what} works on a local store only; this shell queries {endpoint} (--endpoint), read-only")]
    LocalOnly {
        /// The command, and what it does where that helps.
        what: String,
        /// The endpoint's URL.
        endpoint: String,
    },
    /// The line editor would not start; rustyline's error is the source.
    #[error("cannot start the line editor: {source}")]
    Editor {
        /// rustyline's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// `relate query` with no query as argument, file or piped input.
    #[error("no query given; pass it as an argument, with --file, or on stdin")]
    NoQuery,
    /// `relate query` given an update.
    #[error("`relate query` is read-only; run updates in `relate repl`")]
    UpdateInQuery,
    /// A question that reads as none of the forms; the message lists them.
    #[error("cannot read {question:?} as a question; ask one of:\n{}", forms.iter().map(|f| format!("  {f}")).collect::<Vec<_>>().join("\n"))]
    Question {
        /// The question as given.
        question: String,
        /// The forms relate reads.
        forms: Vec<&'static str>,
    },
    /// A connection question where only a query can answer (a path search answers it).
    #[error("{question:?} is answered by a path search (`relate ask` runs it); not by a query")]
    PathQuestion {
        /// The question as given.
        question: String,
    },
    /// A picture asked of a question whose answer is not drawn.
    #[error("pictures are drawn for \"{form}\" questions only; use --format text or json")]
    Picture {
        /// The form whose answers are drawn.
        form: &'static str,
    },
    /// A picture the layout could not place.
    #[error("cannot lay out this picture; write it with --format dot and draw it with Graphviz")]
    Layout,
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        "try a shorter part of it, or list names with `relate query 'SELECT ?name WHERE { ?e rdfs:label ?name }'`"
            .to_owned()
    } else {
        format!("did you mean {}?", suggestions.join(", "))
    }
}

fn and_more(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!("; and {n} more")
    }
}

/// Why a request to a Graph Store Protocol endpoint (`relate push`) failed. Messages name the endpoint (never credentials) and say
/// what to do.
#[derive(Debug, thiserror::Error)]
pub enum EndpointError {
    /// `--endpoint` is not a URL relate can use; says why.
    #[error("--endpoint: {0}")]
    BadUrl(String),
    /// The credentials in the environment cannot be used; says why.
    #[error("{0}")]
    Credentials(String),
    /// No answer from the server, after retries.
    #[error("push to {endpoint} failed: cannot reach it after {attempts} attempt{} ({cause}); check that the server is running and that the URL is right", plural(*attempts))]
    Unreachable {
        /// The endpoint's URL.
        endpoint: String,
        /// Requests made.
        attempts: u32,
        /// The last failure.
        cause: String,
    },
    /// The server kept failing (HTTP 5xx or 429), after retries.
    #[error("push to {endpoint} failed: the server answered HTTP {status} after {attempts} attempt{} ({detail}); try again later or look at the server's log", plural(*attempts))]
    ServerFailed {
        /// The endpoint's URL.
        endpoint: String,
        /// The last HTTP status.
        status: u16,
        /// Requests made.
        attempts: u32,
        /// What the server answered, in short.
        detail: String,
    },
    /// The server wants other credentials (HTTP 401 or 403).
    #[error("push to {endpoint} failed: HTTP {status}, not authorised ({detail}); set RELATE_ENDPOINT_USER and RELATE_ENDPOINT_PASSWORD, or RELATE_ENDPOINT_TOKEN, to credentials allowed to write graphs")]
    Unauthorized {
        /// The endpoint's URL.
        endpoint: String,
        /// The HTTP status.
        status: u16,
        /// What the server answered, in short.
        detail: String,
    },
    /// The URL answers, but not as a Graph Store Protocol endpoint.
    #[error("push to {endpoint} failed: HTTP {status} ({detail}); give the server's Graph Store Protocol URL, e.g. http://host:7878/store (Oxigraph), http://host:8890/sparql-graph-crud-auth (Virtuoso), http://host:3030/DATASET/data (Fuseki)")]
    NotGraphStore {
        /// The endpoint's URL.
        endpoint: String,
        /// The HTTP status.
        status: u16,
        /// What the server answered, in short.
        detail: String,
    },
    /// The server refused one graph (HTTP 4xx about its content); the others go on.
    #[error("{endpoint}: graph <{graph}> refused with HTTP {status} ({detail})")]
    Refused {
        /// The endpoint's URL.
        endpoint: String,
        /// The graph's IRI.
        graph: String,
        /// The HTTP status.
        status: u16,
        /// What the server answered, in short.
        detail: String,
    },
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl EndpointError {
    /// Does this failure end the whole push? Only a graph the server refuses (a 4xx about that
    /// graph's content) lets the others go on.
    #[must_use]
    pub fn is_fatal(&self) -> bool {
        !matches!(self, EndpointError::Refused { .. })
    }
}

/// A SPARQL query or update that did not parse or failed: its text, what went wrong in words a
/// person can act on, and Oxigraph's error as the source.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    /// The query or update as given (empty when the caller did not have it).
    pub query: String,
    /// One line, or a diagnosis that shows the offending line with a caret.
    pub message: String,
    /// The underlying error, when there is one.
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl QueryError {
    /// `query` failed with `source`; the message is the source's.
    #[must_use]
    pub fn new(query: &str, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        QueryError { query: query.to_owned(), message: source.to_string(), source: Some(Box::new(source)) }
    }

    /// `query` failed, as `message` says, with no underlying error.
    #[must_use]
    pub fn message(query: &str, message: impl Into<String>) -> Self {
        QueryError { query: query.to_owned(), message: message.into(), source: None }
    }

    /// The same error with its message rewritten (a diagnosis for a person), source kept.
    #[must_use]
    pub fn with_message(self, message: impl Into<String>) -> Self {
        QueryError { message: message.into(), ..self }
    }
}

/// Why RocksDB could not open a store, told apart in this one place so callers match a kind.
/// Oxigraph gives a kind for some failures (a corruption, a file named missing first); RocksDB
/// states a held lock and a column family it lacks only in its message (an `io::Error` of kind
/// `Other`, or a plain status), so those are read from the text here, and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpenFailure {
    /// Another process holds the store's lock.
    Locked,
    /// A writer killed while it created or reopened the store left column families that only a
    /// read-write open restores.
    NoColumnFamily,
    /// A file vanished or looked corrupt under the reader: a writer compacting at that moment.
    FileVanished,
    Other,
}

impl OpenFailure {
    pub(crate) fn of(e: &oxigraph::store::StorageError) -> Self {
        use oxigraph::store::StorageError;
        let text = e.to_string();
        if text.contains("LOCK") || text.contains("Resource temporarily unavailable") {
            return OpenFailure::Locked;
        }
        if text.contains("Column family not found") {
            return OpenFailure::NoColumnFamily;
        }
        match e {
            StorageError::Corruption(_) => OpenFailure::FileVanished,
            StorageError::Io(io) if io.kind() == std::io::ErrorKind::NotFound => OpenFailure::FileVanished,
            _ if text.contains("No such file") || text.contains("Corruption") => OpenFailure::FileVanished,
            _ => OpenFailure::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::store::StorageError;

    #[test]
    fn invalid_data_keeps_its_cause() {
        let cause = serde_json::from_str::<u8>("x").unwrap_err();
        let words = cause.to_string();
        let e = Error::invalid("push record", cause);
        assert_eq!(e.to_string(), format!("push record: {words}"));
        assert!(std::error::Error::source(&e).is_some_and(|s| s.is::<serde_json::Error>()));
        assert_eq!(Error::StatementsFailed { count: 1 }.to_string(), "repl: 1 statement failed");
        assert_eq!(Error::StatementsFailed { count: 2 }.to_string(), "repl: 2 statements failed");
    }

    #[test]
    fn usage_errors_are_kinds_with_one_line_messages() {
        let e = Error::from(Usage::Value {
            option: ".prefix",
            value: "rel".into(),
            problem: "is predeclared; choose another name".into(),
        });
        assert_eq!(e.to_string(), ".prefix rel: is predeclared; choose another name");
        assert_eq!(e.exit_code(), 2);
        let e = Error::from(Usage::SameEntity {
            first: "Ada".into(),
            second: "Lovelace".into(),
            entity: "Ada Lovelace".into(),
        });
        assert_eq!(
            e.to_string(),
            "\"Ada\" and \"Lovelace\" are the same entity (Ada Lovelace); give two different ones"
        );
        let e = Error::from(Usage::Question { question: "why".into(), forms: vec!["who is A", "who did A succeed"] });
        assert_eq!(e.to_string(), "cannot read \"why\" as a question; ask one of:\n  who is A\n  who did A succeed");
        let e = Error::from(Usage::Editor { source: Box::new(std::io::Error::other("no tty")) });
        assert!(std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>()), "{e:?}");
    }

    #[test]
    fn open_failures_are_told_apart_once() {
        let io = |kind, m: &str| StorageError::Io(std::io::Error::new(kind, m.to_owned()));
        let other = |m: &str| StorageError::Other(m.to_owned().into());
        use std::io::ErrorKind::{NotFound, Other};
        let locked = io(Other, "IO error: While lock file: /s/LOCK: Resource temporarily unavailable");
        assert_eq!(OpenFailure::of(&locked), OpenFailure::Locked);
        assert!(matches!(Error::open(std::path::Path::new("/s"), locked), Error::StoreLocked { .. }));
        let cf = other("Invalid argument: Column family not found: gspo");
        assert_eq!(OpenFailure::of(&cf), OpenFailure::NoColumnFamily);
        // a missing file by its kind, or named later in RocksDB's message
        assert_eq!(OpenFailure::of(&io(NotFound, "gone")), OpenFailure::FileVanished);
        let later = io(Other, "IO error: While open a file for random read: /s/000012.sst: No such file or directory");
        assert_eq!(OpenFailure::of(&later), OpenFailure::FileVanished);
        let plain = other("disk on fire");
        assert_eq!(OpenFailure::of(&plain), OpenFailure::Other);
        assert!(matches!(Error::open(std::path::Path::new("/s"), plain), Error::StoreOpen { .. }));
    }
}
