//! End-to-end tests of the `summit` binary. Each test runs the built binary in its own
//! temporary directory, which holds a copy of `seeds/` and the store; see `util.rs`.
//!
//! Tests on the fixture (`data/fixture.jsonl`, loaded with `summit load`) check exact
//! answers; tests on `seeds/` check what must hold for any reasonable extractor.

mod bad_input;
mod crash;
mod export;
mod forget;
mod graphs;
mod ingest;
mod library;
mod lock;
mod map_reduce;
mod query;
mod util;
