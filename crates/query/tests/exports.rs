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

/// Counts node statements in a parsed DOT graph, subgraphs included.
fn count_dot_nodes(stmts: &[dot_structures::Stmt]) -> usize {
    stmts
        .iter()
        .map(|stmt| match stmt {
            dot_structures::Stmt::Node(_) => 1,
            dot_structures::Stmt::Subgraph(sub) => count_dot_nodes(&sub.stmts),
            _ => 0,
        })
        .sum()
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
    assert_eq!(
        count_dot_nodes(&stmts),
        graph.nodes.len() + NodeKind::ALL.len(),
        "graph nodes + legend\n{text}"
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
                "\"", "\\", "\n", "\r", "{", "}", "<", ">", "&", ";", "--", "->", "]", "[", "=",
                "é", " ", "a", "\u{0}", "\u{85}"
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
