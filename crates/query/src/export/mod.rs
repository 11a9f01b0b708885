//! Writing a graph out. Every function is deterministic: the same graph gives the
//! same bytes (nodes in id order, edges in key order, maps sorted).
//!
//! | function | format | evidence carried |
//! |---|---|---|
//! | [`json`] / [`parse_json`] | the JSON graph document the scorer reads | all of it |
//! | [`jsonl`] | one JSON object per node or edge | all of it |
//! | [`dot`] | Graphviz DOT, with a legend | first sentence as tooltip |
//! | [`graphml`] | GraphML with typed keys | first sentence, its article, count |
//! | [`gexf`] | GEXF 1.3, meetings dated for a timeline | first sentence, its article, count |
//! | [`neo4j`] | CSV for `neo4j-admin import`, plus a `LOAD CSV` script | first sentence, its article, count |
//! | [`ntriples`] | RDF N-Triples | all of it |

mod dot;
mod gexf;
mod graphml;
mod json;
mod neo4j;
mod ntriples;
mod xml;

pub use self::{
    dot::dot,
    gexf::gexf,
    graphml::graphml,
    json::{json, jsonl, parse_json, write_json, write_jsonl, WriteError},
    neo4j::neo4j,
    ntriples::{ntriples, write_ntriples, BASE, ID_BASE},
};

use model::Evidence;

/// The first piece of evidence and how many there are, for formats that hold one
/// value per attribute.
pub(crate) fn evidence_summary(evidence: &[Evidence]) -> (Option<&Evidence>, usize) {
    (evidence.iter().min(), evidence.len())
}

/// `text` with every character but ASCII letters, digits and `_` replaced by `_`: a
/// property name made safe as a CSV column or an RDF local name.
pub(crate) fn ascii_word(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
