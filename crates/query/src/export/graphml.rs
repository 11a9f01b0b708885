//! GraphML.

use std::{borrow::Borrow, collections::BTreeSet, convert::Infallible, io};

use model::{Edge, Evidence, Graph, Node};
use quick_xml::writer::Writer;

use super::{
    evidence_summary,
    xml::{declaration, element, end, start, stream, text_element},
    Shape, WriteError,
};

/// Node properties that always get a key, whether or not a node has them.
const NODE_PROPS: [&str; 4] = ["role", "date", "status", "type"];
/// Attribute names the export itself uses; a property with one of these names is
/// written as `prop_<name>`.
const RESERVED: [&str; 7] = [
    "name",
    "kind",
    "aliases",
    "evidence",
    "evidence_article",
    "evidence_count",
    "id",
];

/// One `<key>`: its id, what it is for, its `attr.name` and `attr.type`.
struct Key {
    id: String,
    name: String,
    int: bool,
}

fn key(prefix: &str, name: &str, int: bool) -> Key {
    Key {
        id: format!("{prefix}{name}"),
        name: name.to_owned(),
        int,
    }
}

/// The attribute name a property is written under.
fn prop_name(prop: &str) -> String {
    if RESERVED.contains(&prop) {
        format!("prop_{prop}")
    } else {
        prop.to_owned()
    }
}

fn node_keys(shape: &Shape) -> Vec<Key> {
    let mut props: BTreeSet<String> = NODE_PROPS.iter().map(|p| (*p).to_owned()).collect();
    props.extend(shape.node_props.iter().cloned());
    let mut keys = vec![
        key("n:", "name", false),
        key("n:", "kind", false),
        key("n:", "aliases", false),
    ];
    let mut prop_keys: Vec<Key> = props
        .iter()
        .map(|p| key("n:", &prop_name(p), false))
        .collect();
    prop_keys.sort_by(|a, b| a.name.cmp(&b.name));
    prop_keys.dedup_by(|a, b| a.name == b.name);
    keys.extend(prop_keys);
    keys.extend([
        key("n:", "evidence", false),
        key("n:", "evidence_article", false),
        key("n:", "evidence_count", true),
    ]);
    keys
}

fn edge_keys(shape: &Shape) -> Vec<Key> {
    let props: BTreeSet<String> = shape.edge_props.iter().map(|p| prop_name(p)).collect();
    let mut keys = vec![key("e:", "kind", false)];
    keys.extend(props.iter().map(|p| key("e:", p, false)));
    keys.extend([
        key("e:", "evidence", false),
        key("e:", "evidence_article", false),
        key("e:", "evidence_count", true),
    ]);
    keys
}

fn write_key(w: &mut Writer<Vec<u8>>, key: &Key, domain: &str) -> io::Result<()> {
    let kind = if key.int { "int" } else { "string" };
    element(
        w,
        "key",
        &[
            ("id", &key.id),
            ("for", domain),
            ("attr.name", &key.name),
            ("attr.type", kind),
        ],
    )
    .write_empty()?;
    Ok(())
}

fn data(w: &mut Writer<Vec<u8>>, key: &str, value: &str) -> io::Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    text_element(w, "data", &[("key", key)], value)
}

fn evidence_data(w: &mut Writer<Vec<u8>>, prefix: &str, evidence: &[Evidence]) -> io::Result<()> {
    let (first, count) = evidence_summary(evidence);
    if let Some(first) = first {
        data(w, &format!("{prefix}evidence"), &first.sentence)?;
        data(w, &format!("{prefix}evidence_article"), &first.article)?;
    }
    data(w, &format!("{prefix}evidence_count"), &count.to_string())
}

fn write_node(w: &mut Writer<Vec<u8>>, node: &Node) -> io::Result<()> {
    element(w, "node", &[("id", &node.id)]).write_inner_content(|w| {
        data(w, "n:name", &node.name)?;
        data(w, "n:kind", node.kind.as_str())?;
        data(
            w,
            "n:aliases",
            &node
                .aliases
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("; "),
        )?;
        for (prop, value) in &node.props {
            data(w, &format!("n:{}", prop_name(prop)), value)?;
        }
        evidence_data(w, "n:", &node.evidence)
    })?;
    Ok(())
}

fn write_edge(w: &mut Writer<Vec<u8>>, n: usize, edge: &Edge) -> io::Result<()> {
    let id = format!("e{n}");
    element(
        w,
        "edge",
        &[("id", &id), ("source", &edge.src), ("target", &edge.dst)],
    )
    .write_inner_content(|w| {
        data(w, "e:kind", edge.kind.as_str())?;
        for (prop, value) in &edge.props {
            data(w, &format!("e:{}", prop_name(prop)), value)?;
        }
        evidence_data(w, "e:", &edge.evidence)
    })?;
    Ok(())
}

/// Writes what [`graphml`] makes, byte for byte, from nodes and edges read while it is
/// written: `shape` must be [`Shape::of`] the graph, `nodes` come in id order and
/// `edges` in key order, as a [`Graph`] holds them. Stops at the first `Err` an
/// iterator gives, or at the first failed write.
pub fn write_graphml<W, E, N, D, BN, BE>(
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
    let head = |w: &mut Writer<Vec<u8>>| -> io::Result<()> {
        declaration(w)?;
        let root = [
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ];
        start(w, "graphml", &root)?;
        for key in node_keys(shape) {
            write_key(w, &key, "node")?;
        }
        for key in edge_keys(shape) {
            write_key(w, &key, "edge")?;
        }
        start(w, "graph", &[("id", "summit"), ("edgedefault", "directed")])
    };
    stream(
        out,
        head,
        nodes,
        write_node,
        |_| Ok(()),
        edges,
        write_edge,
        |w| {
            end(w, "graph")?;
            end(w, "graphml")
        },
    )
}

/// The graph as GraphML, readable by `networkx.read_graphml`.
///
/// Typed `<key>`s (`attr.name`, `attr.type`): on nodes `name`, `kind`, `aliases`
/// (joined with `"; "`), `role`, `date`, `status`, `type` and any other property
/// present, then `evidence` (the first sentence), `evidence_article` (its article id)
/// and `evidence_count` (`int`); on edges `kind`, their properties and the same three
/// evidence keys. Key ids are `n:<name>` and `e:<name>`; a property named like one of
/// ours is written as `prop_<name>`. Empty values are left out. Edges are `e0`, `e1`,
/// ... in key order; edges may point at ids that are not nodes of the graph, which
/// GraphML readers add as bare nodes.
pub fn graphml(graph: &Graph) -> String {
    let mut out = Vec::new();
    let written = write_graphml(
        &mut out,
        &Shape::of(graph),
        graph.nodes.values().map(Ok::<_, Infallible>),
        graph.edges.values().map(Ok::<_, Infallible>),
    );
    written.expect("writing to memory does not fail");
    String::from_utf8(out).expect("the writer only writes UTF-8")
}
