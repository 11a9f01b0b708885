//! CSV files for `neo4j-admin database import`, and a `LOAD CSV` script.

use std::{
    borrow::Borrow,
    collections::BTreeSet,
    convert::Infallible,
    fmt::Write as _,
    io,
    path::{Path, PathBuf},
};

use model::{Edge, EdgeKind, Evidence, Graph, Node, NodeKind};

use super::{evidence_summary, Shape, WriteError};

/// Node properties that always get a column.
const NODE_PROPS: [&str; 4] = ["role", "date", "status", "type"];
/// Column names the export itself uses.
const RESERVED: [&str; 6] = [
    "id",
    "name",
    "kind",
    "aliases",
    "evidence",
    "evidence_article",
];

/// A property name as a column name: ASCII letters, digits and `_` only (a `:` would
/// be read as a type), and never one of ours.
fn column(prop: &str) -> String {
    let clean = super::ascii_word(prop);
    if RESERVED.contains(&clean.as_str()) || clean.starts_with("evidence_count") || clean.is_empty()
    {
        format!("prop_{clean}")
    } else {
        clean
    }
}

/// A value on one line: neo4j-admin reads one record per line unless told otherwise.
fn one_line(value: &str) -> String {
    value.replace("\r\n", " ").replace(['\r', '\n'], " ")
}

/// A node kind as a label: `Person`, `Country`, ...
fn label(kind: NodeKind) -> String {
    let name = kind.as_str();
    name[..1].to_ascii_uppercase() + &name[1..]
}

/// An edge kind as a relationship type: `ATTENDED`, `HELD_IN`, ...
fn rel_type(kind: EdgeKind) -> String {
    kind.as_str().to_ascii_uppercase()
}

fn evidence_fields(evidence: &[Evidence]) -> [String; 3] {
    let (first, count) = evidence_summary(evidence);
    [
        first.map(|e| one_line(&e.sentence)).unwrap_or_default(),
        first.map(|e| e.article.clone()).unwrap_or_default(),
        count.to_string(),
    ]
}

fn to_io(error: csv::Error) -> io::Error {
    io::Error::other(error)
}

/// Writes the graph into `dir` (created if missing) for Neo4j and returns the files
/// written: `nodes.csv`, `relationships.csv` and `import.cypher`.
///
/// - `nodes.csv` has the header `id:ID,name,kind,aliases:string[],role,date,status,type,`
///   then any other node property, then `evidence,evidence_article,evidence_count:int,:LABEL`.
///   Aliases are joined with `;`, neo4j-admin's array delimiter (a `;` inside an
///   alias becomes `,`). Labels are `Entity;<Kind>`, e.g. `Entity;Person`.
/// - `relationships.csv` has `:START_ID,:END_ID,:TYPE`, the edge properties, and the
///   same evidence columns; types are upper case (`ATTENDED`, `HELD_IN`). Edges with
///   an end that is not a node are left out, since the import would reject them.
/// - Property names become columns of ASCII letters, digits and `_`. Line breaks in
///   values become spaces, so the default (single-line) import reads every file.
/// - `import.cypher` loads the same two files with `LOAD CSV` into a running
///   database (copy them into its `import` folder, then
///   `cypher-shell -f import.cypher`), one statement per kind present.
///
/// Bulk import instead: `neo4j-admin database import full --nodes=nodes.csv
/// --relationships=relationships.csv`.
pub fn neo4j(graph: &Graph, dir: &Path) -> io::Result<Vec<PathBuf>> {
    let linked = graph
        .edges
        .values()
        .filter(|e| graph.nodes.contains_key(&e.src) && graph.nodes.contains_key(&e.dst));
    write_neo4j(
        dir,
        &Shape::of(graph),
        graph.nodes.values().map(Ok::<_, Infallible>),
        linked.map(Ok::<_, Infallible>),
    )
    .map_err(|err| match err {
        WriteError::Write(err) => err,
        WriteError::Read(never) => match never {},
    })
}

/// Writes the files [`neo4j`] writes, byte for byte, from nodes and edges read while
/// they are written: `shape` must be [`Shape::of`] the graph, `nodes` come in id order
/// and `edges` in key order, as a [`Graph`] holds them, and only edges between nodes.
/// Stops at the first `Err` an iterator gives, or at the first failed write.
pub fn write_neo4j<E, N, D, BN, BE>(
    dir: &Path,
    shape: &Shape,
    nodes: N,
    edges: D,
) -> Result<Vec<PathBuf>, WriteError<E>>
where
    N: Iterator<Item = Result<BN, E>>,
    D: Iterator<Item = Result<BE, E>>,
    BN: Borrow<Node>,
    BE: Borrow<Edge>,
{
    let write = |err: io::Error| WriteError::Write(err);
    let csv = |err: csv::Error| WriteError::Write(to_io(err));
    std::fs::create_dir_all(dir).map_err(write)?;
    let mut node_props: BTreeSet<String> = NODE_PROPS.iter().map(|p| (*p).to_owned()).collect();
    node_props.extend(shape.node_props.iter().map(|p| column(p)));
    let edge_props: BTreeSet<String> = shape.edge_props.iter().map(|p| column(p)).collect();

    let nodes_path = dir.join("nodes.csv");
    let mut out = csv::Writer::from_path(&nodes_path).map_err(csv)?;
    let mut header = vec![
        "id:ID".to_owned(),
        "name".into(),
        "kind".into(),
        "aliases:string[]".into(),
    ];
    header.extend(node_props.iter().cloned());
    header.extend([
        "evidence".into(),
        "evidence_article".into(),
        "evidence_count:int".into(),
        ":LABEL".into(),
    ]);
    out.write_record(&header).map_err(csv)?;
    for node in nodes {
        let node = node.map_err(WriteError::Read)?;
        let node: &Node = node.borrow();
        let aliases: Vec<String> = node
            .aliases
            .iter()
            .map(|a| one_line(a).replace(';', ","))
            .collect();
        let mut record = vec![
            one_line(&node.id),
            one_line(&node.name),
            node.kind.as_str().to_owned(),
            aliases.join(";"),
        ];
        record.extend(node_props.iter().map(|column_name| {
            node.props
                .iter()
                .find(|(k, _)| column(k) == *column_name)
                .map(|(_, v)| one_line(v))
                .unwrap_or_default()
        }));
        record.extend(evidence_fields(&node.evidence));
        record.push(format!("Entity;{}", label(node.kind)));
        out.write_record(&record).map_err(csv)?;
    }
    out.flush().map_err(write)?;

    let rels_path = dir.join("relationships.csv");
    let mut out = csv::Writer::from_path(&rels_path).map_err(csv)?;
    let mut header = vec![":START_ID".to_owned(), ":END_ID".into(), ":TYPE".into()];
    header.extend(edge_props.iter().cloned());
    header.extend([
        "evidence".into(),
        "evidence_article".into(),
        "evidence_count:int".into(),
    ]);
    out.write_record(&header).map_err(csv)?;
    for edge in edges {
        let edge = edge.map_err(WriteError::Read)?;
        let edge: &Edge = edge.borrow();
        let mut record = vec![
            one_line(&edge.src),
            one_line(&edge.dst),
            rel_type(edge.kind),
        ];
        record.extend(edge_props.iter().map(|column_name| {
            edge.props
                .iter()
                .find(|(k, _)| column(k) == *column_name)
                .map(|(_, v)| one_line(v))
                .unwrap_or_default()
        }));
        record.extend(evidence_fields(&edge.evidence));
        out.write_record(&record).map_err(csv)?;
    }
    out.flush().map_err(write)?;

    let script_path = dir.join("import.cypher");
    std::fs::write(&script_path, script(shape, &node_props, &edge_props)).map_err(write)?;
    Ok(vec![nodes_path, rels_path, script_path])
}

/// The `LOAD CSV` script for the files [`neo4j`] writes.
fn script(shape: &Shape, node_props: &BTreeSet<String>, edge_props: &BTreeSet<String>) -> String {
    let mut s = String::new();
    s.push_str(
        "// The summit graph for Neo4j 5. Copy nodes.csv and relationships.csv into the\n\
         // database's import folder, then run: cypher-shell -f import.cypher\n\
         // (Or bulk-import into an empty database: neo4j-admin database import full\n\
         // --nodes=nodes.csv --relationships=relationships.csv)\n\n\
         CREATE CONSTRAINT summit_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n",
    );
    let mut sets = vec![
        "n.name = row.name".to_owned(),
        "n.kind = row.kind".to_owned(),
        "n.aliases = CASE WHEN coalesce(row.`aliases:string[]`, '') = '' THEN [] ELSE split(row.`aliases:string[]`, ';') END"
            .to_owned(),
    ];
    sets.extend(node_props.iter().map(|p| format!("n.{p} = row.{p}")));
    sets.extend([
        "n.evidence = row.evidence".to_owned(),
        "n.evidence_article = row.evidence_article".to_owned(),
        "n.evidence_count = toInteger(row.`evidence_count:int`)".to_owned(),
    ]);
    for &kind in &shape.node_kinds {
        let _ = write!(
            s,
            "\nLOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n\
             WITH row WHERE row.`:LABEL` = 'Entity;{label}'\n\
             MERGE (n:Entity:{label} {{id: row.`id:ID`}})\n\
             SET {sets};\n",
            label = label(kind),
            sets = sets.join(",\n    "),
        );
    }
    let mut sets: Vec<String> = edge_props
        .iter()
        .map(|p| format!("r.{p} = row.{p}"))
        .collect();
    sets.extend([
        "r.evidence = row.evidence".to_owned(),
        "r.evidence_article = row.evidence_article".to_owned(),
        "r.evidence_count = toInteger(row.`evidence_count:int`)".to_owned(),
    ]);
    for &kind in &shape.edge_kinds {
        let _ = write!(
            s,
            "\nLOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n\
             WITH row WHERE row.`:TYPE` = '{rel}'\n\
             MATCH (a:Entity {{id: row.`:START_ID`}}), (b:Entity {{id: row.`:END_ID`}})\n\
             MERGE (a)-[r:{rel}]->(b)\n\
             SET {sets};\n",
            rel = rel_type(kind),
            sets = sets.join(",\n    "),
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_plain_and_never_ours() {
        assert_eq!(column("role"), "role");
        assert_eq!(column("merged because"), "merged_because");
        assert_eq!(column("a:b"), "a_b");
        assert_eq!(column("name"), "prop_name");
        assert_eq!(column(""), "prop_");
        assert_eq!(label(NodeKind::Organization), "Organization");
        assert_eq!(rel_type(EdgeKind::HeldIn), "HELD_IN");
    }
}
