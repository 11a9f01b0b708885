//! Graphviz DOT.

use dot_generator::{attr, id};
use dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph as DotGraph, GraphAttributes, Id, Node as DotNode,
    NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use model::{Edge, EdgeKind, Graph, Node, NodeKind};

use super::evidence_summary;

/// Escapes text for the inside of a DOT double-quoted string: backslashes and double
/// quotes get a backslash, line breaks become `\n` (a centred line break in labels),
/// and other control characters become spaces. The result cannot end the string early
/// and starts no Graphviz escape such as `\N` or `\l` by accident.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes an identifier for the inside of a DOT double-quoted string so that
/// different identifiers stay different: like [`escape`], but a carriage return
/// becomes `\r` and other control characters `\u{..}` (hex), so nothing is merged.
pub(crate) fn escape_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A quoted DOT string showing `text`: for labels, tooltips and attribute values.
fn quoted(text: &str) -> Id {
    id!(esc escape(text))
}

/// A quoted DOT node id: distinct ids give distinct strings.
fn node_id(id: &str) -> NodeId {
    NodeId(id!(esc escape_id(id)), None)
}

/// A quoted DOT id from lines joined by DOT line breaks.
fn quoted_lines(lines: &[&str]) -> Id {
    let escaped: Vec<String> = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| escape(l))
        .collect();
    id!(esc escaped.join("\\n"))
}

/// Shape and fill colour of a node kind.
fn style(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Person => ("ellipse", "#a6cee3"),
        NodeKind::Country => ("box", "#b2df8a"),
        NodeKind::Meeting => ("hexagon", "#fdbf6f"),
        NodeKind::Topic => ("note", "#cab2d6"),
        NodeKind::Place => ("house", "#fb9a99"),
        NodeKind::Organization => ("component", "#ffff99"),
        NodeKind::Article => ("folder", "#dddddd"),
    }
}

/// Line style and colour of an edge kind.
fn edge_style(kind: EdgeKind) -> (&'static str, &'static str) {
    match kind {
        EdgeKind::Represents => ("dashed", "#33a02c"),
        EdgeKind::Attended => ("solid", "#1f78b4"),
        EdgeKind::Discussed => ("solid", "#6a3d9a"),
        EdgeKind::HeldIn => ("solid", "#e31a1c"),
        EdgeKind::LocatedIn => ("dotted", "#b15928"),
        EdgeKind::Mentions => ("dotted", "#999999"),
        EdgeKind::MemberOf => ("dashed", "#ff7f00"),
    }
}

fn tooltip(evidence: &[model::Evidence]) -> String {
    match evidence_summary(evidence) {
        (Some(first), 1) => first.sentence.clone(),
        (Some(first), n) => format!("{} (+{} more)", first.sentence, n - 1),
        (None, _) => String::new(),
    }
}

fn node_stmt(node: &Node) -> Stmt {
    let (shape, fill) = style(node.kind);
    let prop = |k: &str| node.props.get(k).map_or("", String::as_str);
    let detail = match node.kind {
        NodeKind::Meeting => {
            let parts: Vec<&str> = [prop("date"), prop("type"), prop("status")]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
            parts.join(" · ")
        }
        NodeKind::Person => prop("role").to_owned(),
        _ => String::new(),
    };
    let mut attributes = vec![
        Attribute(id!("label"), quoted_lines(&[&node.name, &detail])),
        attr!("shape", shape),
        Attribute(id!("fillcolor"), quoted(fill)),
    ];
    let tip = tooltip(&node.evidence);
    if !tip.is_empty() {
        attributes.push(Attribute(id!("tooltip"), quoted(&tip)));
    }
    Stmt::Node(DotNode::new(node_id(&node.id), attributes))
}

fn edge_stmt(edge: &Edge) -> Stmt {
    let (line, colour) = edge_style(edge.kind);
    let role = edge.props.get("role").map_or("", String::as_str);
    let mut attributes = vec![
        Attribute(id!("label"), quoted_lines(&[edge.kind.as_str(), role])),
        attr!("style", line),
        Attribute(id!("color"), quoted(colour)),
        Attribute(id!("fontcolor"), quoted(colour)),
    ];
    let tip = tooltip(&edge.evidence);
    if !tip.is_empty() {
        attributes.push(Attribute(id!("tooltip"), quoted(&tip)));
    }
    Stmt::Edge(DotEdge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quoted(&edge.src), None)),
            Vertex::N(NodeId(quoted(&edge.dst), None)),
        ),
        attributes,
    })
}

/// A prefix for legend node ids that no node id of `graph` starts with.
fn legend_prefix(graph: &Graph) -> String {
    let mut prefix = String::from("legend/");
    while graph.nodes.keys().any(|id| id.starts_with(&prefix)) {
        prefix.insert(0, '_');
    }
    prefix
}

fn legend(graph: &Graph) -> Stmt {
    let prefix = legend_prefix(graph);
    let mut stmts = vec![
        Stmt::Attribute(Attribute(id!("label"), quoted("Legend"))),
        Stmt::Attribute(attr!("style", "dashed")),
        Stmt::Attribute(Attribute(id!("color"), quoted("#888888"))),
    ];
    for kind in NodeKind::ALL {
        let (shape, fill) = style(kind);
        stmts.push(Stmt::Node(DotNode::new(
            node_id(&format!("{prefix}{kind}")),
            vec![
                Attribute(id!("label"), quoted(kind.as_str())),
                attr!("shape", shape),
                Attribute(id!("fillcolor"), quoted(fill)),
            ],
        )));
    }
    Stmt::Subgraph(Subgraph {
        id: quoted("cluster_legend"),
        stmts,
    })
}

/// The graph as Graphviz DOT, built with `dot-structures` and printed by
/// `graphviz-rust`.
///
/// - One `digraph "summit"`, laid out left to right.
/// - Nodes are keyed by their ids; the label is the name, with the role of a person
///   or the date, type and status of a meeting on a second line. Each kind has its
///   own shape and fill colour; the first evidence sentence is the tooltip.
/// - Edges are labelled with their kind (and a `role` property), styled per kind.
/// - A `cluster_legend` subgraph shows one sample node per kind; its node ids start
///   with `legend/` (more `_` in front if a graph node id already does).
///
/// Every id and label is a double-quoted string with backslashes, quotes and line
/// breaks escaped, so no name can break the file; ids are escaped so that distinct
/// node ids stay distinct (control characters as `\u{..}`), labels so they read well
/// (control characters as spaces). Nodes come in id order, edges in
/// key order. The text ends with a newline.
pub fn dot(graph: &Graph) -> String {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr!("rankdir", "LR"),
            Attribute(id!("fontname"), quoted("Helvetica")),
            attr!("overlap", "false"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr!("style", "filled"),
            Attribute(id!("fontname"), quoted("Helvetica")),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            Attribute(id!("fontname"), quoted("Helvetica")),
            attr!("fontsize", "10"),
        ])),
        legend(graph),
    ];
    stmts.extend(graph.nodes.values().map(node_stmt));
    stmts.extend(graph.edges.values().map(edge_stmt));
    let document = DotGraph::DiGraph {
        id: quoted("summit"),
        strict: false,
        stmts,
    };
    let mut text = document.print(&mut PrinterContext::default());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_end_a_string() {
        assert_eq!(escape(r#"a"b\c"#), r#"a\"b\\c"#);
        assert_eq!(escape("a\r\nb\nc\rd\te"), "a\\nb\\nc\\nd e");
        assert_eq!(escape("ends with \\"), "ends with \\\\");
        assert_eq!(escape("{x} <y> ;"), "{x} <y> ;");
        assert_eq!(escape_id("a\r\nb\tc\\"), "a\\r\\nb\\u{9}c\\\\");
        assert_ne!(escape_id("a\tb"), escape_id("a b"));
    }

    #[test]
    fn nasty_names_parse_back() {
        let mut graph = Graph::new();
        for name in [
            "\"",
            "\\",
            "a\\\"b",
            "{}",
            "line\nbreak",
            "\\N",
            "<html>",
            "-- ->",
            "]; x=y [",
            "",
        ] {
            let mut node = Node::new(NodeKind::Person, name);
            node.id = format!("person/{name}");
            graph.add_node(node);
        }
        let text = dot(&graph);
        let parsed = graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let DotGraph::DiGraph { stmts, .. } = parsed else {
            panic!("not a digraph")
        };
        let nodes = stmts.iter().filter(|s| matches!(s, Stmt::Node(_))).count();
        assert_eq!(nodes, graph.nodes.len());
    }

    #[test]
    fn legend_ids_avoid_node_ids() {
        let mut graph = Graph::new();
        let mut node = Node::new(NodeKind::Topic, "x");
        node.id = "legend/person".into();
        graph.add_node(node);
        assert_eq!(legend_prefix(&graph), "_legend/");
    }
}
