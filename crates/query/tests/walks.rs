//! Name resolution, neighbourhoods, paths and subgraphs.

use model::{EdgeKind, NodeKind};
use query::{neighbors, path, resolve_name, subgraph, Resolved, SubgraphFilter};

use crate::fixture::*;

fn check_resolve(name: &str, kind: Option<NodeKind>, expected: &str) {
    let graph = graph();
    let got = match resolve_name(&graph, name, kind) {
        Resolved::One(node) => node.id.clone(),
        Resolved::Ambiguous(nodes) => nodes
            .iter()
            .map(|n| n.id.as_str())
            .collect::<Vec<_>>()
            .join(" | "),
        Resolved::NotFound => "not found".into(),
    };
    assert_eq!(got, expected, "resolving {name:?}");
}

#[test]
fn resolves_names_aliases_and_keys() {
    check_resolve("SERGEI  lavrov", None, LAVROV);
    check_resolve("Lavrov", None, LAVROV);
    check_resolve("amir abdollahian", None, AMIR);
    check_resolve("Hossein Amir Abdollahian", None, AMIR);
    check_resolve("Amir-Abdollahian", None, AMIR);
    check_resolve("the Russia", Some(NodeKind::Country), RUSSIA);
    check_resolve("Russia", Some(NodeKind::Person), "not found");
    check_resolve(NASTY_NAME, None, NASTY);
    check_resolve("Lavrov meets Iranian counterpart", None, ARTICLE_NODE);
    check_resolve(TALKS, None, TALKS);
}

/// Runs [`neighbors`] and prints one `depth id <- via` line per result.
fn check_neighbors(
    id: &str,
    depth: usize,
    kinds: Option<&[NodeKind]>,
    edge_kinds: Option<&[EdgeKind]>,
    limit: Option<usize>,
    expected: &str,
) {
    let graph = graph();
    let got: Vec<String> = neighbors(&graph, id, depth, kinds, edge_kinds, limit)
        .into_iter()
        .map(|n| format!("{} {} <- {}", n.depth, n.node, n.via.kind))
        .collect();
    let expected: Vec<String> = expected
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn neighbors_walk_both_ways_without_mentions() {
    check_neighbors(
        LAVROV,
        2,
        None,
        None,
        None,
        "
        1 country/russia <- represents
        1 meeting/2023-03-29-lavrov-amir-abdollahian <- attended
        1 meeting/2023-04-lavrov-tehran <- attended
        2 country/syria <- discussed
        2 person/hossein-amir-abdollahian <- attended
        2 person/jean-le-boss-d-arc <- attended
        2 place/moscow <- located_in
        2 place/tehran <- held_in
        2 topic/nuclear-deal <- discussed
        ",
    );
}

#[test]
fn neighbors_filter_kinds_but_walk_through_everything() {
    check_neighbors(
        LAVROV,
        3,
        Some(&[NodeKind::Country]),
        None,
        None,
        "
        1 country/russia <- represents
        2 country/syria <- discussed
        3 country/iran <- represents
        ",
    );
    check_neighbors(
        LAVROV,
        3,
        Some(&[NodeKind::Country]),
        None,
        Some(2),
        "1 country/russia <- represents\n2 country/syria <- discussed",
    );
    check_neighbors(LAVROV, 0, None, None, None, "");
    check_neighbors("person/nobody", 2, None, None, None, "");
}

#[test]
fn neighbors_follow_mentions_only_when_asked() {
    check_neighbors(SANCTIONS, 1, None, None, None, "");
    check_neighbors(
        SANCTIONS,
        1,
        None,
        Some(&[EdgeKind::Mentions]),
        None,
        "1 article/0123456789abcdef <- mentions",
    );
    let graph = graph();
    let all = neighbors(&graph, SANCTIONS, 2, None, Some(&EdgeKind::ALL), None);
    assert_eq!(all.len(), graph.nodes.len() - 1);
}

fn check_path(from: &str, to: &str, expected: Option<&[(&str, EdgeKind, &str)]>) {
    let graph = graph();
    let got = path(&graph, from, to);
    let got: Option<Vec<(String, EdgeKind, String)>> =
        got.map(|keys| keys.into_iter().map(|k| (k.src, k.kind, k.dst)).collect());
    let expected: Option<Vec<(String, EdgeKind, String)>> = expected.map(|keys| {
        keys.iter()
            .map(|(s, k, d)| ((*s).to_owned(), *k, (*d).to_owned()))
            .collect()
    });
    assert_eq!(got, expected, "path {from} -> {to}");
}

#[test]
fn paths_are_shortest_and_avoid_mentions() {
    check_path(
        LAVROV,
        IRAN,
        Some(&[
            (LAVROV, EdgeKind::Attended, TALKS),
            (AMIR, EdgeKind::Attended, TALKS),
            (AMIR, EdgeKind::Represents, IRAN),
        ]),
    );
    check_path(
        MOSCOW,
        RUSSIA,
        Some(&[(MOSCOW, EdgeKind::LocatedIn, RUSSIA)]),
    );
    check_path(LAVROV, LAVROV, Some(&[]));
    check_path(LAVROV, "person/nobody", None);
    // Sanctions hang on the article alone: the path goes through it.
    check_path(
        SANCTIONS,
        LAVROV,
        Some(&[
            (ARTICLE_NODE, EdgeKind::Mentions, SANCTIONS),
            (ARTICLE_NODE, EdgeKind::Mentions, LAVROV),
        ]),
    );
}

#[test]
fn paths_are_deterministic() {
    let graph = graph();
    let first = path(&graph, NASTY, SYRIA);
    for _ in 0..5 {
        assert_eq!(path(&graph, NASTY, SYRIA), first);
    }
    assert_eq!(first.map(|p| p.len()), Some(4));
}

fn check_subgraph(filter: SubgraphFilter, expected: &[&str]) {
    let graph = graph();
    let sub = subgraph(&graph, &filter);
    let got: Vec<&str> = sub.nodes.keys().map(String::as_str).collect();
    assert_eq!(got, expected, "{filter:?}");
    for edge in sub.edges.values() {
        assert!(sub.nodes.contains_key(&edge.src) && sub.nodes.contains_key(&edge.dst));
        assert_eq!(graph.edges.get(&edge.key()), Some(edge));
    }
}

#[test]
fn subgraphs_focus_filter_kinds_and_dates() {
    check_subgraph(
        SubgraphFilter::default(),
        &graph().nodes.keys().map(String::as_str).collect::<Vec<_>>(),
    );
    check_subgraph(
        SubgraphFilter {
            focus: Some(LAVROV.into()),
            depth: 1,
            ..Default::default()
        },
        &[RUSSIA, TALKS, VISIT, LAVROV],
    );
    check_subgraph(
        SubgraphFilter {
            focus: Some(LAVROV.into()),
            depth: 1,
            since: Some("2023-04-15".into()),
            ..Default::default()
        },
        &[RUSSIA, VISIT, LAVROV],
    );
    check_subgraph(
        SubgraphFilter {
            kinds: Some(vec![NodeKind::Meeting]),
            until: Some("2023-03".into()),
            ..Default::default()
        },
        &[TALKS],
    );
    check_subgraph(
        SubgraphFilter {
            focus: Some("person/nobody".into()),
            depth: 3,
            ..Default::default()
        },
        &[],
    );
    check_subgraph(
        SubgraphFilter {
            focus: Some(ARTICLE_NODE.into()),
            depth: 1,
            kinds: Some(vec![NodeKind::Topic]),
            ..Default::default()
        },
        &[NUCLEAR, SANCTIONS],
    );
}
