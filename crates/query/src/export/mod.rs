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
    gexf::{gexf, write_gexf},
    graphml::{graphml, write_graphml},
    json::{json, jsonl, parse_json, write_json, write_jsonl, WriteError},
    neo4j::{neo4j, write_neo4j},
    ntriples::{ntriples, write_ntriples, BASE, ID_BASE},
};

use std::collections::{BTreeMap, BTreeSet};

use model::{EdgeKind, Evidence, Graph, NodeKind};

/// What a whole-graph export declares before its first node or edge: the property
/// names and the kinds present. [`Shape::of`] reads it off a graph; a store can make
/// it from its outline, without reading evidence, and then stream the nodes and edges
/// (see [`write_graphml`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Property names of nodes.
    pub node_props: BTreeSet<String>,
    /// Property names of edges.
    pub edge_props: BTreeSet<String>,
    /// Kinds of nodes.
    pub node_kinds: BTreeSet<NodeKind>,
    /// Kinds of edges.
    pub edge_kinds: BTreeSet<EdgeKind>,
}

impl Shape {
    /// The shape of `graph`.
    pub fn of(graph: &Graph) -> Shape {
        let mut shape = Shape::default();
        for node in graph.nodes.values() {
            shape.add_node(node.kind, &node.props);
        }
        for edge in graph.edges.values() {
            shape.add_edge(edge.kind, &edge.props);
        }
        shape
    }

    /// Counts in a node of `kind` with `props`.
    pub fn add_node(&mut self, kind: NodeKind, props: &BTreeMap<String, String>) {
        self.node_kinds.insert(kind);
        for prop in props.keys() {
            if !self.node_props.contains(prop) {
                self.node_props.insert(prop.clone());
            }
        }
    }

    /// Counts in an edge of `kind` with `props`.
    pub fn add_edge(&mut self, kind: EdgeKind, props: &BTreeMap<String, String>) {
        self.edge_kinds.insert(kind);
        for prop in props.keys() {
            if !self.edge_props.contains(prop) {
                self.edge_props.insert(prop.clone());
            }
        }
    }
}

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
