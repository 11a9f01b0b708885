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

/// Writes the document [`json`] makes, byte for byte, from nodes and edges that are
/// read while it is written, so that a whole store's graph never has to be in memory at
/// once. `nodes` must come in id order, `edges` in (src, kind, dst) order, and
/// `articles` in id order, as [`json`] would sort them. Stops at the first `Err` an
/// iterator gives, or at the first failed write.
pub fn write_json<W, E, N, D>(
    out: W,
    nodes: N,
    edges: D,
    articles: &[Article],
) -> Result<(), WriteError<E>>
where
    W: std::io::Write,
    N: Iterator<Item = Result<Node, E>>,
    D: Iterator<Item = Result<Edge, E>>,
{
    let failure: std::cell::RefCell<Option<E>> = std::cell::RefCell::new(None);
    let document = Streamed {
        nodes: std::cell::RefCell::new(Some(nodes)),
        edges: std::cell::RefCell::new(Some(edges)),
        articles,
        failure: &failure,
    };
    let mut out = std::io::BufWriter::new(out);
    let written = serde_json::to_writer_pretty(&mut out, &document);
    if let Some(err) = failure.into_inner() {
        return Err(WriteError::Read(err));
    }
    written.map_err(|e| WriteError::Write(e.into()))?;
    use std::io::Write;
    out.write_all(b"\n").map_err(WriteError::Write)?;
    out.flush().map_err(WriteError::Write)
}

/// Why [`write_json`] stopped.
#[derive(Debug)]
pub enum WriteError<E> {
    /// Reading a node or an edge failed.
    Read(E),
    /// Writing failed.
    Write(std::io::Error),
}

/// The document of [`json`], its nodes and edges taken from iterators as it is
/// serialised.
struct Streamed<'a, N, D, E> {
    nodes: std::cell::RefCell<Option<N>>,
    edges: std::cell::RefCell<Option<D>>,
    articles: &'a [Article],
    failure: &'a std::cell::RefCell<Option<E>>,
}

impl<N, D, E> Serialize for Streamed<'_, N, D, E>
where
    N: Iterator<Item = Result<Node, E>>,
    D: Iterator<Item = Result<Edge, E>>,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut document = serializer.serialize_struct("Document", 3)?;
        document.serialize_field(
            "nodes",
            &Items {
                items: &self.nodes,
                failure: self.failure,
                record: |node: &Node| NodeRecord::from(node),
            },
        )?;
        document.serialize_field(
            "edges",
            &Items {
                items: &self.edges,
                failure: self.failure,
                record: |edge: &Edge| EdgeRecord::from(edge),
            },
        )?;
        document.serialize_field("articles", self.articles)?;
        document.end()
    }
}

/// One array of the document, its items taken from an iterator (once).
struct Items<'a, I, E, F> {
    items: &'a std::cell::RefCell<Option<I>>,
    failure: &'a std::cell::RefCell<Option<E>>,
    record: F,
}

impl<I, E, T, F, R> Serialize for Items<'_, I, E, F>
where
    I: Iterator<Item = Result<T, E>>,
    F: Fn(&T) -> R,
    R: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = serializer.serialize_seq(None)?;
        if let Some(items) = self.items.borrow_mut().take() {
            for item in items {
                match item {
                    Ok(item) => seq.serialize_element(&(self.record)(&item))?,
                    Err(err) => {
                        *self.failure.borrow_mut() = Some(err);
                        return Err(S::Error::custom("reading the graph failed"));
                    }
                }
            }
        }
        seq.end()
    }
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

/// Writes what [`jsonl`] makes, byte for byte, from nodes and edges read as it goes
/// (see [`write_json`]; the same order is expected of them).
pub fn write_jsonl<W, E, N, D>(out: W, nodes: N, edges: D) -> Result<(), WriteError<E>>
where
    W: std::io::Write,
    N: Iterator<Item = Result<Node, E>>,
    D: Iterator<Item = Result<Edge, E>>,
{
    use std::io::Write;
    let mut out = std::io::BufWriter::new(out);
    let lines = nodes
        .map(|n| n.map(|n| Line::Node((&n).into())))
        .chain(edges.map(|e| e.map(|e| Line::Edge((&e).into()))));
    for line in lines {
        serde_json::to_writer(&mut out, &line.map_err(WriteError::Read)?)
            .map_err(|e| WriteError::Write(e.into()))?;
        out.write_all(b"\n").map_err(WriteError::Write)?;
    }
    out.flush().map_err(WriteError::Write)
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
    fn the_streamed_document_is_the_document() {
        let text = r#"{"nodes":[{"id":"p","kind":"person","name":"Ana Ruiz","aliases":["A. Ruiz"],
            "keys":["p:ruiz"],"props":{"role":"Foreign Minister"},
            "evidence":[{"article":"a1","sentence":"Ana Ruiz met \"him\".","start":0,"end":20}]},
            {"id":"m1","kind":"meeting","name":"M","props":{"date":"2023-03-29"}},
            {"id":"c","kind":"country","name":"Perú"}],
            "edges":[{"src":"p","dst":"m1","kind":"attended","props":{"as":"host"},
            "evidence":[{"article":"a1","sentence":"Ana Ruiz met \"him\".","start":0,"end":20}]},
            {"src":"p","dst":"c","kind":"represents"}],
            "articles":[{"id":"a1","source":"one.txt","title":"T","date":null,"bytes":12}]}"#;
        let (graph, articles) = parse_json(text).unwrap();
        let whole = json(&graph, &articles);
        let mut streamed = Vec::new();
        write_json(
            &mut streamed,
            graph.nodes.values().cloned().map(Ok::<_, String>),
            graph.edges.values().cloned().map(Ok::<_, String>),
            &articles,
        )
        .unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), whole);
        let mut lines = Vec::new();
        write_jsonl(
            &mut lines,
            graph.nodes.values().cloned().map(Ok::<_, String>),
            graph.edges.values().cloned().map(Ok::<_, String>),
        )
        .unwrap();
        assert_eq!(String::from_utf8(lines).unwrap(), jsonl(&graph));
        // N-Triples, whose blank nodes are numbered across items.
        let mut triples = Vec::new();
        crate::export::write_ntriples(
            &mut triples,
            graph.nodes.values().cloned().map(Ok::<_, String>),
            graph.edges.values().cloned().map(Ok::<_, String>),
        )
        .unwrap();
        let triples = String::from_utf8(triples).unwrap();
        assert_eq!(triples, crate::export::ntriples(&graph));
        assert!(triples.contains("_:b1 "), "{triples}");
        // An empty graph too.
        let mut empty = Vec::new();
        write_json::<_, String, _, _>(&mut empty, std::iter::empty(), std::iter::empty(), &[])
            .unwrap();
        assert_eq!(String::from_utf8(empty).unwrap(), json(&Graph::new(), &[]));
        // A failed read stops it and is returned.
        let failing = graph
            .nodes
            .values()
            .cloned()
            .map(Ok)
            .chain(std::iter::once(Err("broken".to_owned())));
        let mut out = Vec::new();
        match write_json(&mut out, failing.clone(), std::iter::empty(), &articles) {
            Err(WriteError::Read(why)) => assert_eq!(why, "broken"),
            other => panic!("{other:?}"),
        }
        match crate::export::write_ntriples(&mut out, failing, std::iter::empty()) {
            Err(WriteError::Read(why)) => assert_eq!(why, "broken"),
            other => panic!("{other:?}"),
        }
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
