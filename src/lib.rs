//! relate: a knowledge graph of people, organisations, committees and the posts that link them,
//! built from biography pages and news items, stored in Oxigraph and explored with SPARQL,
//! paths and plain-language questions.
//!
//! Data flow: [`document`] ▶ [`loader`] ▶ [`model`] (triples) ▶ [`store`] ▶ [`paths`] / [`ask`] /
//! [`render`]; [`repl`] and [`app`] sit at the rim.

pub mod app;
pub mod ask;
pub mod build;
pub mod check;
pub mod cli;
pub mod document;
pub mod error;
pub mod import;
pub mod lexicon;
pub mod loader;
pub mod model;
pub mod ops;
pub mod parallel;
pub mod paths;
pub mod push;
pub mod reference;
pub mod relation_kinds;
pub mod remote;
pub mod remove;
pub mod render;
pub mod repl;
pub mod resolution;
pub mod serve;
pub mod store;
pub mod update;
pub mod validate;
pub mod vocab;

pub use error::{Error, Result};
