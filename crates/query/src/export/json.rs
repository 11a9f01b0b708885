//! The JSON graph document and JSON Lines.

use std::collections::{btree_map::Entry, BTreeMap, BTreeSet};

use model::{Article, Edge, EdgeKind, Evidence, Graph, Node, NodeKind};
use serde::{Deserialize, Serialize};

use crate::error::ExportError;

/// The whole document: the contract of the scorer's graph format, plus `keys` on
/// nodes and `articles`, which it ignores.
#[derive(Serialize, Deserialize)]
struct Document {
    nodes: Vec<NodeRecord>,
    edges: Vec<EdgeRecord>,
    #[serde(default)]
    articles: Vec<Article>,
}

#[derive(Serialize, Deserialize)]
struct NodeRecord {
    id: String,
    kind: NodeKind,
    name: String,
    #[serde(default)]
    aliases: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    keys: BTreeSet<String>,
    #[serde(default)]
    props: BTreeMap<String, String>,
    #[serde(default)]
    evidence: Vec<Evidence>,
}

#[derive(Serialize, Deserialize)]
struct EdgeRecord {
    src: String,
    dst: String,
    kind: EdgeKind,
    #[serde(default)]
    props: BTreeMap<String, String>,
    #[serde(default)]
    evidence: Vec<Evidence>,
}

/// One line of [`jsonl`].
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line {
    Node(NodeRecord),
    Edge(EdgeRecord),
}

impl From<&Node> for NodeRecord {
    fn from(node: &Node) -> NodeRecord {
        NodeRecord {
            id: node.id.clone(),
            kind: node.kind,
            name: node.name.clone(),
            aliases: node.aliases.clone(),
            keys: node.keys.clone(),
            props: node.props.clone(),
            evidence: node.evidence.clone(),
        }
    }
}

impl From<NodeRecord> for Node {
    fn from(r: NodeRecord) -> Node {
        Node {
            id: r.id,
            kind: r.kind,
            name: r.name,
            aliases: r.aliases,
            keys: r.keys,
            props: r.props,
            evidence: r.evidence,
        }
    }
}

impl From<&Edge> for EdgeRecord {
    fn from(edge: &Edge) -> EdgeRecord {
        EdgeRecord {
            src: edge.src.clone(),
            dst: edge.dst.clone(),
            kind: edge.kind,
            props: edge.props.clone(),
            evidence: edge.evidence.clone(),
        }
    }
}

impl From<EdgeRecord> for Edge {
    fn from(r: EdgeRecord) -> Edge {
        Edge {
            src: r.src,
            kind: r.kind,
            dst: r.dst,
            props: r.props,
            evidence: r.evidence,
        }
    }
}

/// The graph and its articles as one pretty-printed JSON document, the format
/// `shared/eval/README.md` describes:
///
/// ```json
/// {"nodes": [{"id", "kind", "name", "aliases": [..], "keys": [..], "props": {..},
///             "evidence": [{"article", "sentence", "start", "end"}]}],
///  "edges": [{"src", "dst", "kind", "props": {..}, "evidence": [..]}],
///  "articles": [{"id", "source", "title", "date", "bytes"}]}
/// ```
///
/// Nodes are in id order, edges in (src, kind, dst) order, articles in id order;
/// `keys` is left out when empty. The text ends with a newline.
pub fn json(graph: &Graph, articles: &[Article]) -> String {
    let mut articles = articles.to_vec();
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    let document = Document {
        nodes: graph.nodes.values().map(NodeRecord::from).collect(),
        edges: graph.edges.values().map(EdgeRecord::from).collect(),
        articles,
    };
    let mut text = serde_json::to_string_pretty(&document).expect("a graph always serializes");
    text.push('\n');
    text
}

/// Reads a document written by [`json`] back: `parse_json(&json(g, a))` gives `g` and
/// `a` sorted by article id.
///
/// `aliases`, `keys`, `props`, `evidence` and `articles` may be missing, so a
/// hand-written graph in the scorer's format reads too. A node or edge given twice is
/// merged as [`Graph::add_node`] and [`Graph::add_edge`] do; evidence order is kept
/// otherwise. Edges may name nodes the document lacks.
pub fn parse_json(text: &str) -> Result<(Graph, Vec<Article>), ExportError> {
    let document: Document = serde_json::from_str(text)?;
    let mut graph = Graph::new();
    for record in document.nodes {
        match graph.nodes.entry(record.id.clone()) {
            Entry::Vacant(slot) => {
                slot.insert(record.into());
            }
            Entry::Occupied(mut slot) => slot.get_mut().absorb(record.into()),
        }
    }
    for record in document.edges {
        let edge = Edge::from(record);
        match graph.edges.entry(edge.key()) {
            Entry::Vacant(slot) => {
                slot.insert(edge);
            }
            Entry::Occupied(mut slot) => slot.get_mut().absorb(edge),
        }
    }
    Ok((graph, document.articles))
}

/// The graph as JSON Lines: one compact object per line, first every node as
/// `{"type":"node", ...}`, then every edge as `{"type":"edge", ...}`, with the same
/// fields and order as [`json`]. Ends with a newline unless the graph is empty.
pub fn jsonl(graph: &Graph) -> String {
    let mut text = String::new();
    let lines = graph
        .nodes
        .values()
        .map(|n| Line::Node(n.into()))
        .chain(graph.edges.values().map(|e| Line::Edge(e.into())));
    for line in lines {
        text.push_str(&serde_json::to_string(&line).expect("a graph always serializes"));
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_scorers_minimal_format() {
        let text = r#"{"nodes":[{"id":"p","kind":"person","name":"A"},{"id":"m1","kind":"meeting","name":"M",
            "props":{"date":"2023-03-29"}}],"edges":[{"src":"p","dst":"m1","kind":"attended"}]}"#;
        let (graph, articles) = parse_json(text).unwrap();
        assert_eq!(graph.nodes.len(), 2);
        assert_eq!(graph.edges.len(), 1);
        assert!(articles.is_empty());
        assert_eq!(graph.nodes["m1"].props["date"], "2023-03-29");
    }

    #[test]
    fn rejects_what_is_not_a_graph() {
        assert!(parse_json("[]").is_err());
        assert!(
            parse_json(r#"{"nodes":[{"id":"x","kind":"planet","name":"X"}],"edges":[]}"#).is_err()
        );
    }

    #[test]
    fn jsonl_tags_each_line() {
        let mut graph = Graph::new();
        graph.add_node(Node::new(NodeKind::Topic, "Grain deal"));
        graph.add_edge(Edge::new("a", EdgeKind::Mentions, "topic/grain-deal"));
        let text = jsonl(&graph);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(
            lines[0].starts_with(r#"{"type":"node","id":"topic/grain-deal","kind":"topic""#),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].starts_with(
                r#"{"type":"edge","src":"a","dst":"topic/grain-deal","kind":"mentions""#
            ),
            "{}",
            lines[1]
        );
    }
}
