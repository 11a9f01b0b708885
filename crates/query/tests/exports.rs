//! Every export: shape, escaping, determinism, and round trips.

use std::collections::{BTreeMap, BTreeSet};

use model::{Article, Edge, EdgeKind, Evidence, Graph, Node, NodeKind};
use proptest::prelude::*;
use query::export;

use crate::fixture::*;

#[test]
fn json_round_trips_the_fixture() {
    let (graph, articles) = (graph(), articles());
    let text = export::json(&graph, &articles);
    assert!(text.ends_with("}\n"));
    assert_eq!(
        export::parse_json(&text).unwrap(),
        (graph.clone(), articles.clone())
    );
    assert_eq!(export::json(&graph, &articles), text, "deterministic");
}

#[test]
fn json_has_the_scorers_fields() {
    let text = export::json(&graph(), &articles());
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let person = value["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == LAVROV)
        .unwrap();
    assert_eq!(person["kind"], "person");
    assert_eq!(person["name"], "Sergey Lavrov");
    assert_eq!(
        person["aliases"],
        serde_json::json!(["Lavrov", "Sergei Lavrov"])
    );
    assert_eq!(person["props"]["role"], "Foreign Minister");
    assert_eq!(person["evidence"][0]["article"], ARTICLE);
    assert_eq!(person["evidence"][0]["start"], 10);
    let meeting = value["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == TALKS)
        .unwrap();
    assert_eq!(
        meeting["props"],
        serde_json::json!({"date": "2023-03-29", "status": "held", "type": "talks"})
    );
    let edge = value["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "held_in")
        .unwrap();
    assert_eq!(
        (edge["src"].as_str(), edge["dst"].as_str()),
        (Some(TALKS), Some(MOSCOW))
    );
    assert_eq!(value["articles"][0]["id"], ARTICLE);
}

#[test]
fn jsonl_has_one_line_per_node_and_edge() {
    let graph = graph();
    let text = export::jsonl(&graph);
    assert_eq!(text.lines().count(), graph.nodes.len() + graph.edges.len());
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(value["type"] == "node" || value["type"] == "edge");
    }
}

/// The ids of the node statements in a parsed DOT graph, subgraphs included.
fn dot_node_ids(stmts: &[dot_structures::Stmt], ids: &mut Vec<String>) {
    for stmt in stmts {
        match stmt {
            dot_structures::Stmt::Node(node) => ids.push(format!("{:?}", node.id.0)),
            dot_structures::Stmt::Subgraph(sub) => dot_node_ids(&sub.stmts, ids),
            _ => {}
        }
    }
}

fn check_dot_parses(graph: &Graph) {
    let text = export::dot(graph);
    let parsed = graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let dot_structures::Graph::DiGraph { stmts, .. } = parsed else {
        panic!("not a digraph")
    };
    let n_edges = stmts
        .iter()
        .filter(|s| matches!(s, dot_structures::Stmt::Edge(_)))
        .count();
    let mut ids = Vec::new();
    dot_node_ids(&stmts, &mut ids);
    let distinct: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(
        ids.len(),
        graph.nodes.len() + NodeKind::ALL.len(),
        "graph nodes + legend\n{text}"
    );
    assert_eq!(
        distinct.len(),
        ids.len(),
        "distinct node ids stay distinct\n{text}"
    );
    assert_eq!(n_edges, graph.edges.len());
}

#[test]
fn dot_has_legend_labels_and_dates() {
    let graph = graph();
    let text = export::dot(&graph);
    check_dot_parses(&graph);
    assert_eq!(export::dot(&graph), text, "deterministic");
    assert!(text.contains("subgraph \"cluster_legend\""), "{text}");
    assert!(
        text.contains(r#"label="Lavrov – Amir-Abdollahian talks\n2023-03-29 · talks · held""#),
        "{text}"
    );
    assert!(
        text.contains(
            r#""person/sergey-lavrov" -> "country/russia" [label="represents\nForeign Minister""#
        ),
        "{text}"
    );
    assert!(
        text.contains(r#"Jean \"Le Boss\" d'Arc \\ {x}\n<b>"#),
        "{text}"
    );
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop::sample::select(vec![
                "\"", "\\", "\n", "\r", "\t", "{", "}", "<", ">", "&", ";", "--", "->", "]", "[",
                "=", "é", " ", "a", "\u{0}", "\u{85}"
            ]),
            0..12
        )
        .prop_map(|parts| parts.concat()),
    ]
}

fn evidence_list() -> impl Strategy<Value = Vec<Evidence>> {
    proptest::collection::vec(
        (name(), name(), 0usize..10_000, 0usize..100).prop_map(
            |(article, sentence, start, len)| Evidence {
                article,
                sentence,
                start,
                end: start + len,
            },
        ),
        0..3,
    )
}

fn props() -> impl Strategy<Value = BTreeMap<String, String>> {
    proptest::collection::btree_map(
        prop::sample::select(vec![
            "role",
            "date",
            "status",
            "type",
            "merged because",
            "x\"y",
        ])
        .prop_map(String::from),
        name(),
        0..3,
    )
}

/// Random graphs with random names, ids, properties and evidence; edges between
/// existing nodes (and now and then a dangling one).
fn arb_graph() -> impl Strategy<Value = Graph> {
    let node = (
        0..NodeKind::ALL.len(),
        name(),
        name(),
        proptest::collection::btree_set(name(), 0..3),
        proptest::collection::btree_set("[a-z]{0,6}", 0..3),
        props(),
        evidence_list(),
    )
        .prop_map(|(kind, id, name, aliases, keys, props, evidence)| Node {
            id,
            kind: NodeKind::ALL[kind],
            name,
            aliases,
            keys,
            props,
            evidence,
        });
    proptest::collection::vec(node, 0..8)
        .prop_flat_map(|nodes| {
            let n = nodes.len().max(1);
            let edge = (
                0..n + 1,
                0..EdgeKind::ALL.len(),
                0..n,
                props(),
                evidence_list(),
            );
            (Just(nodes), proptest::collection::vec(edge, 0..10))
        })
        .prop_map(|(nodes, edges)| {
            let mut graph = Graph::new();
            let ids: Vec<String> = nodes.iter().map(|n| n.id.clone()).collect();
            for node in nodes {
                graph.nodes.insert(node.id.clone(), node);
            }
            for (src, kind, dst, props, evidence) in edges {
                let src = ids.get(src).cloned().unwrap_or_else(|| "dangling".into());
                let dst = ids.get(dst).cloned().unwrap_or_else(|| "dangling".into());
                let edge = Edge {
                    src,
                    kind: EdgeKind::ALL[kind],
                    dst,
                    props,
                    evidence,
                };
                graph.edges.insert(edge.key(), edge);
            }
            graph
        })
}

fn arb_articles() -> impl Strategy<Value = Vec<Article>> {
    proptest::collection::btree_map(
        name(),
        (
            name(),
            proptest::option::of(name()),
            proptest::option::of("[0-9-]{0,10}"),
            any::<usize>(),
        ),
        0..3,
    )
    .prop_map(|map| {
        map.into_iter()
            .map(|(id, (source, title, date, bytes))| Article {
                id,
                source,
                title,
                date,
                bytes,
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn json_round_trips(graph in arb_graph(), articles in arb_articles()) {
        let text = export::json(&graph, &articles);
        prop_assert_eq!(export::parse_json(&text).unwrap(), (graph, articles));
    }

    #[test]
    fn dot_survives_any_name(graph in arb_graph()) {
        // Dangling edge ends become implicit DOT nodes; count only what we wrote.
        let mut graph = graph;
        let ids: BTreeSet<String> = graph.nodes.keys().cloned().collect();
        graph.edges.retain(|_, e| ids.contains(&e.src) && ids.contains(&e.dst));
        check_dot_parses(&graph);
        prop_assert_eq!(export::dot(&graph), export::dot(&graph.clone()));
    }
}

/// Reads an XML document with quick-xml and returns the local names of its elements,
/// failing on anything that is not well-formed.
fn xml_elements(text: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut names = Vec::new();
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
        {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                names.push(String::from_utf8(e.local_name().as_ref().to_vec()).unwrap());
                for attr in e.attributes() {
                    let attr = attr.unwrap();
                    attr.unescape_value().unwrap();
                }
            }
            quick_xml::events::Event::Text(t) => {
                t.unescape().unwrap();
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    names
}

fn count(names: &[String], name: &str) -> usize {
    names.iter().filter(|n| *n == name).count()
}

#[test]
fn graphml_is_well_formed_and_typed() {
    let graph = graph();
    let text = export::graphml(&graph);
    assert_eq!(export::graphml(&graph), text, "deterministic");
    let names = xml_elements(&text);
    assert_eq!(count(&names, "node"), graph.nodes.len());
    assert_eq!(count(&names, "edge"), graph.edges.len());
    assert!(
        text.contains(r#"<key id="n:aliases" for="node" attr.name="aliases" attr.type="string"/>"#),
        "{text}"
    );
    assert!(text.contains(
        r#"<key id="n:evidence_count" for="node" attr.name="evidence_count" attr.type="int"/>"#
    ));
    assert!(text.contains(r#"<data key="n:aliases">Lavrov; Sergei Lavrov</data>"#));
    assert!(
        text.contains("Jean &quot;Le Boss&quot; d&apos;Arc \\ {x}&#10;&lt;b&gt;&amp;amp;"),
        "{text}"
    );
}

#[test]
fn gexf_dates_meetings_for_the_timeline() {
    let graph = graph();
    let text = export::gexf(&graph);
    assert_eq!(export::gexf(&graph), text, "deterministic");
    let names = xml_elements(&text);
    assert_eq!(count(&names, "node"), graph.nodes.len());
    assert_eq!(count(&names, "edge"), graph.edges.len());
    assert!(text.contains(r#"<gexf xmlns="http://gexf.net/1.3""#));
    assert!(text.contains(r#"mode="dynamic" timeformat="date""#));
    assert!(
        text.contains(
            r#"label="Lavrov – Amir-Abdollahian talks" start="2023-03-29" end="2023-03-29""#
        ),
        "{text}"
    );
    assert!(
        text.contains(r#"label="Lavrov visit to Tehran" start="2023-04-01" end="2023-04-30""#),
        "{text}"
    );
    assert!(!text.contains(r#"label="Iran phone call" start"#));
}

#[test]
fn neo4j_writes_import_ready_csv() {
    let graph = graph();
    let dir = tempfile::tempdir().unwrap();
    let files = export::neo4j(&graph, dir.path()).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["nodes.csv", "relationships.csv", "import.cypher"]);

    let mut nodes = csv::Reader::from_path(&files[0]).unwrap();
    let header: Vec<String> = nodes.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id:ID",
            "name",
            "kind",
            "aliases:string[]",
            "date",
            "role",
            "status",
            "type",
            "evidence",
            "evidence_article",
            "evidence_count:int",
            ":LABEL"
        ]
    );
    let rows: Vec<csv::StringRecord> = nodes.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), graph.nodes.len());
    let nasty = rows.iter().find(|r| &r[0] == NASTY).unwrap();
    assert_eq!(&nasty[1], NASTY_NAME.replace('\n', " "));
    assert_eq!(&nasty[11], "Entity;Person");
    let lavrov = rows.iter().find(|r| &r[0] == LAVROV).unwrap();
    assert_eq!(&lavrov[3], "Lavrov;Sergei Lavrov");

    let mut rels = csv::Reader::from_path(&files[1]).unwrap();
    let header: Vec<String> = rels.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "role",
            "evidence",
            "evidence_article",
            "evidence_count:int"
        ]
    );
    let rows: Vec<csv::StringRecord> = rels.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), graph.edges.len());
    assert!(rows
        .iter()
        .any(|r| &r[0] == TALKS && &r[1] == MOSCOW && &r[2] == "HELD_IN"));

    let script = std::fs::read_to_string(&files[2]).unwrap();
    assert!(
        script.contains("MERGE (n:Entity:Person {id: row.`id:ID`})"),
        "{script}"
    );
    assert!(script.contains("MERGE (a)-[r:HELD_IN]->(b)"), "{script}");
    let again = tempfile::tempdir().unwrap();
    export::neo4j(&graph, again.path()).unwrap();
    for name in ["nodes.csv", "relationships.csv", "import.cypher"] {
        assert_eq!(
            std::fs::read(dir.path().join(name)).unwrap(),
            std::fs::read(again.path().join(name)).unwrap()
        );
    }
}

#[test]
fn ntriples_are_one_escaped_triple_per_line() {
    let graph = graph();
    let text = export::ntriples(&graph);
    assert_eq!(export::ntriples(&graph), text, "deterministic");
    for line in text.lines() {
        assert!(line.ends_with(" ."), "{line}");
        assert!(line.starts_with('<') || line.starts_with("_:b"), "{line}");
    }
    let talks = format!("<{}{TALKS}>", export::ID_BASE);
    assert!(text.contains(&format!(
        "{talks} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Event> ."
    )));
    assert!(text.contains(&format!(
        "{talks} <https://schema.org/startDate> \"2023-03-29\"^^<http://www.w3.org/2001/XMLSchema#date> ."
    )));
    assert!(
        text.contains(r#""Jean \"Le Boss\" d'Arc \\ {x}\n<b>&amp;</b> ]]> -- -> ; # \u0007é""#),
        "{text}"
    );
    assert!(text.contains(&format!("<{}evidence>", export::BASE)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn xml_exports_are_well_formed_for_any_name(graph in arb_graph()) {
        let graphml = export::graphml(&graph);
        let names = xml_elements(&graphml);
        prop_assert_eq!(count(&names, "node"), graph.nodes.len());
        let gexf = export::gexf(&graph);
        let names = xml_elements(&gexf);
        prop_assert_eq!(count(&names, "edge"), graph.edges.len());
    }

    #[test]
    fn ntriples_lines_never_break(graph in arb_graph()) {
        let text = export::ntriples(&graph);
        for line in text.lines() {
            prop_assert!(line.ends_with(" ."));
        }
    }
}
