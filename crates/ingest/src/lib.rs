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

pub use crate::{
    extractor::{article_id, Diagnostic, Extracted, Extractor, Level},
    resolve::{neighbors, resolve, Brief, Known, Neighbors},
};
