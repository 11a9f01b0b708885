//! GEXF 1.3.

use std::{borrow::Borrow, collections::BTreeSet, convert::Infallible, io};

use model::{Edge, Evidence, Graph, Node, NodeKind};
use quick_xml::writer::Writer;

use super::{
    evidence_summary,
    xml::{declaration, element, end, start, stream, text_element},
    Shape, WriteError,
};
use crate::dates::day_span;

/// Node attributes, in column order: the fixed ones, then properties.
const NODE_FIXED: [&str; 2] = ["kind", "aliases"];
const NODE_PROPS: [&str; 4] = ["role", "date", "status", "type"];
const EVIDENCE: [(&str, &str); 3] = [
    ("evidence", "string"),
    ("evidence_article", "string"),
    ("evidence_count", "integer"),
];

/// Colour of a node kind, as in the DOT export.
fn rgb(kind: NodeKind) -> (u8, u8, u8) {
    match kind {
        NodeKind::Person => (0xa6, 0xce, 0xe3),
        NodeKind::Country => (0xb2, 0xdf, 0x8a),
        NodeKind::Meeting => (0xfd, 0xbf, 0x6f),
        NodeKind::Topic => (0xca, 0xb2, 0xd6),
        NodeKind::Place => (0xfb, 0x9a, 0x99),
        NodeKind::Organization => (0xff, 0xff, 0x99),
        NodeKind::Article => (0xdd, 0xdd, 0xdd),
    }
}

/// The attribute title a property is written under: ours are not shadowed.
fn prop_title(prop: &str) -> String {
    if NODE_FIXED.contains(&prop) || EVIDENCE.iter().any(|(e, _)| *e == prop) {
        format!("prop_{prop}")
    } else {
        prop.to_owned()
    }
}

fn attributes(w: &mut Writer<Vec<u8>>, class: &str, columns: &[(String, &str)]) -> io::Result<()> {
    element(w, "attributes", &[("class", class), ("mode", "static")]).write_inner_content(|w| {
        for (title, kind) in columns {
            element(
                w,
                "attribute",
                &[("id", title), ("title", title), ("type", kind)],
            )
            .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn attvalues(w: &mut Writer<Vec<u8>>, values: &[(String, String)]) -> io::Result<()> {
    let values: Vec<&(String, String)> = values.iter().filter(|(_, v)| !v.is_empty()).collect();
    if values.is_empty() {
        return Ok(());
    }
    element(w, "attvalues", &[]).write_inner_content(|w| {
        for (column, value) in values {
            element(w, "attvalue", &[("for", column), ("value", value)]).write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn evidence_values(evidence: &[Evidence]) -> Vec<(String, String)> {
    let (first, count) = evidence_summary(evidence);
    vec![
        (
            "evidence".into(),
            first.map(|e| e.sentence.clone()).unwrap_or_default(),
        ),
        (
            "evidence_article".into(),
            first.map(|e| e.article.clone()).unwrap_or_default(),
        ),
        ("evidence_count".into(), count.to_string()),
    ]
}

fn write_node(w: &mut Writer<Vec<u8>>, node: &Node) -> io::Result<()> {
    let span = match node.kind {
        NodeKind::Meeting => node.props.get("date").and_then(|d| day_span(d)),
        _ => None,
    };
    let mut attrs = vec![("id", node.id.as_str()), ("label", node.name.as_str())];
    if let Some((start, end)) = &span {
        attrs.extend([("start", start.as_str()), ("end", end.as_str())]);
    }
    element(w, "node", &attrs).write_inner_content(|w| {
        let mut values = vec![
            ("kind".to_owned(), node.kind.as_str().to_owned()),
            (
                "aliases".to_owned(),
                node.aliases
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ];
        values.extend(node.props.iter().map(|(k, v)| (prop_title(k), v.clone())));
        values.extend(evidence_values(&node.evidence));
        attvalues(w, &values)?;
        let (r, g, b) = rgb(node.kind);
        let (r, g, b) = (r.to_string(), g.to_string(), b.to_string());
        element(w, "viz:color", &[("r", &r), ("g", &g), ("b", &b)]).write_empty()?;
        Ok(())
    })?;
    Ok(())
}

fn write_edge(w: &mut Writer<Vec<u8>>, n: usize, edge: &Edge) -> io::Result<()> {
    let id = n.to_string();
    let attrs = [
        ("id", id.as_str()),
        ("source", &edge.src),
        ("target", &edge.dst),
        ("label", edge.kind.as_str()),
    ];
    element(w, "edge", &attrs).write_inner_content(|w| {
        let mut values = vec![("kind".to_owned(), edge.kind.as_str().to_owned())];
        values.extend(edge.props.iter().map(|(k, v)| (prop_title(k), v.clone())));
        values.extend(evidence_values(&edge.evidence));
        attvalues(w, &values)
    })?;
    Ok(())
}

/// The document up to the first node: its attribute columns come from `shape`.
fn write_head(w: &mut Writer<Vec<u8>>, shape: &Shape) -> io::Result<()> {
    let mut props: BTreeSet<String> = NODE_PROPS.iter().map(|p| (*p).to_owned()).collect();
    props.extend(shape.node_props.iter().map(|p| prop_title(p)));
    let mut node_columns: Vec<(String, &str)> = NODE_FIXED
        .iter()
        .map(|c| ((*c).to_owned(), "string"))
        .collect();
    node_columns.extend(props.iter().map(|p| (p.clone(), "string")));
    node_columns.extend(EVIDENCE.iter().map(|(c, t)| ((*c).to_owned(), *t)));
    let edge_props: BTreeSet<String> = shape.edge_props.iter().map(|p| prop_title(p)).collect();
    let mut edge_columns: Vec<(String, &str)> = vec![("kind".to_owned(), "string")];
    edge_columns.extend(edge_props.iter().map(|p| (p.clone(), "string")));
    edge_columns.extend(EVIDENCE.iter().map(|(c, t)| ((*c).to_owned(), *t)));

    declaration(w)?;
    let root = [
        ("xmlns", "http://gexf.net/1.3"),
        ("xmlns:viz", "http://gexf.net/1.3/viz"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        ),
        ("version", "1.3"),
    ];
    start(w, "gexf", &root)?;
    element(w, "meta", &[]).write_inner_content(|w| {
        text_element(w, "creator", &[], "summit")?;
        text_element(
            w,
            "description",
            &[],
            "Persons, countries, meetings and topics read from news articles",
        )
    })?;
    let graph_attrs = [
        ("defaultedgetype", "directed"),
        ("mode", "dynamic"),
        ("timeformat", "date"),
    ];
    start(w, "graph", &graph_attrs)?;
    attributes(w, "node", &node_columns)?;
    attributes(w, "edge", &edge_columns)?;
    start(w, "nodes", &[])
}

/// Writes what [`gexf`] makes, byte for byte, from nodes and edges read while it is
/// written: `shape` must be [`Shape::of`] the graph, `nodes` come in id order and
/// `edges` in key order, as a [`Graph`] holds them. Stops at the first `Err` an
/// iterator gives, or at the first failed write.
pub fn write_gexf<W, E, N, D, BN, BE>(
    out: W,
    shape: &Shape,
    nodes: N,
    edges: D,
) -> Result<(), WriteError<E>>
where
    W: io::Write,
    N: Iterator<Item = Result<BN, E>>,
    D: Iterator<Item = Result<BE, E>>,
    BN: Borrow<Node>,
    BE: Borrow<Edge>,
{
    stream(
        out,
        |w| write_head(w, shape),
        nodes,
        write_node,
        |w| {
            end(w, "nodes")?;
            start(w, "edges", &[])
        },
        edges,
        write_edge,
        |w| {
            end(w, "edges")?;
            end(w, "graph")?;
            end(w, "gexf")
        },
    )
}

/// The graph as GEXF 1.3, readable by Gephi and `networkx.read_gexf`.
///
/// The graph is `mode="dynamic"` with `timeformat="date"`: a meeting whose `date` is
/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` gets `start` and `end` attributes spanning that
/// day, month or year, so Gephi's timeline shows it then; every other node has no
/// bounds and is always present. Nodes are labelled with their names and coloured per
/// kind (`viz:color`, as in DOT). Attribute columns (ids equal titles): on nodes
/// `kind`, `aliases` (joined with `"; "`), `role`, `date`, `status`, `type` and any
/// other property, `evidence` (first sentence), `evidence_article`, `evidence_count`
/// (`integer`); on edges `kind` (also the edge label), their properties and the same
/// evidence columns. Empty values are left out. Edge ids are `0`, `1`, ... in key order.
pub fn gexf(graph: &Graph) -> String {
    let mut out = Vec::new();
    let written = write_gexf(
        &mut out,
        &Shape::of(graph),
        graph.nodes.values().map(Ok::<_, Infallible>),
        graph.edges.values().map(Ok::<_, Infallible>),
    );
    written.expect("writing to memory does not fail");
    String::from_utf8(out).expect("the writer only writes UTF-8")
}
