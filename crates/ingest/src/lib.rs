//! Turns article text into graph nodes and edges. Start with [`Extractor`].
//!
//! Extraction does no I/O and never fails on text: [`Extractor::extract`] returns an
//! [`Extracted`] holding the article's [`model::Extraction`] and a list of
//! [`Diagnostic`]s. [`resolve`] then maps the article's entities onto entities already
//! known (a store, or an in-memory [`model::Graph`]) so the same person is one node.
#![deny(missing_docs)]

mod dates;
mod extractor;
mod gazetteer;
mod meetings;
mod names;
mod persons;
mod resolve;
mod sentence;
mod text;
mod tokens;
mod words;

/// Every test article (`tests/articles/*.txt`) whole, and each of its lines alone: text
/// for unit tests that hold a fast computation to a plain one.
#[cfg(test)]
pub(crate) fn test_article_texts() -> Vec<String> {
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/articles");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(articles).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        texts.extend(text.lines().map(str::to_owned));
        texts.push(text);
    }
    texts
}

pub use crate::{
    extractor::{article_id, Diagnostic, Extracted, Extractor, Level},
    resolve::{neighbors, resolve, Brief, Known, Neighbors},
};
