//! Integration tests: the real `relate` binary on temporary stores, and the library's loaders on
//! small fixtures written for these tests (`tests/fixtures/`) and on the bundled demo corpus.

mod support;

mod architecture;
mod build;
mod check;
mod cli;
mod conventions;
mod crash;
mod extraction;
mod loader;
mod order;
mod paths;
mod push;
mod rdf;
mod remote;
mod repl;
mod serve;
mod updates;
mod validate;
