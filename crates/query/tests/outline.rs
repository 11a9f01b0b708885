//! [`Outline`] against plain reference walks over random graphs, and the two ways of
//! building it against each other.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use model::{Edge, EdgeKind, Graph, Node, NodeKind};
use proptest::prelude::*;
use query::{MeetingFilter, Outline};

const KINDS: [NodeKind; 4] = [
    NodeKind::Person,
    NodeKind::Country,
    NodeKind::Meeting,
    NodeKind::Article,
];

/// A random graph of up to 12 nodes; some edges point at ids that are not nodes.
fn gen_graph() -> impl Strategy<Value = Graph> {
    (
        proptest::collection::vec(0..KINDS.len(), 1..12),
        proptest::collection::vec((0..14usize, 0..EdgeKind::ALL.len(), 0..14usize), 0..40),
    )
        .prop_map(|(kinds, edges)| {
            let mut graph = Graph::new();
            let id = |i: usize| format!("n/{i:02}");
            for (i, &k) in kinds.iter().enumerate() {
                let mut node = Node::new(KINDS[k], &format!("Node {i}"));
                node.id = id(i);
                if KINDS[k] == NodeKind::Meeting {
                    node.props
                        .insert("date".into(), format!("2024-0{}", 1 + i % 9));
                }
                graph.add_node(node);
            }
            for (a, kind, b) in edges {
                graph.add_edge(Edge::new(&id(a), EdgeKind::ALL[kind], &id(b)));
            }
            graph
        })
}

/// Breadth-first layers over the graph's edges (both directions, no mentions), by a
/// scan of every edge: slow and plain.
fn reference_layers(graph: &Graph, start: &str, depth: usize) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::from([(start.to_owned(), 0)]);
    let mut queue = VecDeque::from([start.to_owned()]);
    while let Some(at) = queue.pop_front() {
        let d = seen[&at];
        if d == depth {
            continue;
        }
        for e in graph.edges.values() {
            if e.kind == EdgeKind::Mentions
                || !graph.nodes.contains_key(&e.src)
                || !graph.nodes.contains_key(&e.dst)
            {
                continue;
            }
            let other = if e.src == at {
                &e.dst
            } else if e.dst == at {
                &e.src
            } else {
                continue;
            };
            if !seen.contains_key(other) {
                seen.insert(other.clone(), d + 1);
                queue.push_back(other.clone());
            }
        }
    }
    seen.remove(start);
    seen
}

proptest! {
    #[test]
    fn walks_match_a_reference(graph in gen_graph(), depth in 0..4usize) {
        let outline = Outline::new(&graph);
        for id in graph.nodes.keys() {
            let got: BTreeMap<String, usize> = outline
                .neighbors(id, depth, None, None, None)
                .into_iter()
                .map(|n| (n.node.to_owned(), n.depth))
                .collect();
            prop_assert_eq!(&got, &reference_layers(&graph, id, depth));
            let everything = reference_layers(&graph, id, usize::MAX);
            for other in graph.nodes.keys() {
                match outline.path(id, other) {
                    Some(keys) if other == id => prop_assert!(keys.is_empty()),
                    Some(keys) => {
                        // A chain of edges from `id` to `other`, as long as the distance
                        // when one exists without mentions.
                        let mut at = id.clone();
                        for key in &keys {
                            prop_assert!(graph.edges.contains_key(key));
                            at = if key.src == at { key.dst.clone() } else { key.src.clone() };
                        }
                        prop_assert_eq!(&at, other);
                        if let Some(d) = everything.get(other) {
                            prop_assert_eq!(keys.len(), *d);
                        }
                    }
                    None => prop_assert!(!everything.contains_key(other)),
                }
            }
        }
    }

    #[test]
    fn numbered_and_in_memory_outlines_agree(graph in gen_graph(), shift in 0u64..1000) {
        let numbered: Vec<(u64, Node)> = graph
            .nodes
            .values()
            .enumerate()
            // Numbers in another order than ids.
            .map(|(i, n)| ((i as u64 * 7919 + shift) % 100_003, n.clone()))
            .collect();
        let number: BTreeMap<&str, u64> = numbered.iter().map(|(k, n)| (n.id.as_str(), *k)).collect();
        let edges: Vec<(u64, EdgeKind, u64, BTreeMap<String, String>)> = graph
            .edges
            .values()
            .filter_map(|e| Some((*number.get(e.src.as_str())?, e.kind, *number.get(e.dst.as_str())?, e.props.clone())))
            .rev()
            .collect();
        let a = Outline::new(&graph);
        let b = Outline::from_numbered(numbered, edges);
        prop_assert_eq!(a.node_count(), b.node_count());
        prop_assert_eq!(a.edge_count(), b.edge_count());
        let ids: Vec<String> = graph.nodes.keys().cloned().collect();
        prop_assert_eq!(a.edges_among(&ids), b.edges_among(&ids));
        for id in &ids {
            prop_assert_eq!(a.neighbors(id, 2, None, None, None), b.neighbors(id, 2, None, None, None));
            prop_assert_eq!(
                a.neighbors(id, 3, Some(&[NodeKind::Meeting]), Some(&EdgeKind::ALL), Some(3)),
                b.neighbors(id, 3, Some(&[NodeKind::Meeting]), Some(&EdgeKind::ALL), Some(3))
            );
            let filter = MeetingFilter { person: Some(id.clone()), ..MeetingFilter::default() };
            prop_assert_eq!(a.meetings(&filter), b.meetings(&filter));
            let filter = MeetingFilter { country: Some(id.clone()), ..MeetingFilter::default() };
            prop_assert_eq!(a.meetings(&filter), b.meetings(&filter));
            // The meetings of a node, found through its edges, are those of a full scan.
            let all = a.meetings(&MeetingFilter::default());
            let scanned: BTreeSet<String> = all
                .iter()
                .filter(|row| graph.edges.contains_key(&model::EdgeKey {
                    src: id.clone(),
                    kind: EdgeKind::Attended,
                    dst: row.id.clone(),
                }))
                .map(|row| row.id.clone())
                .collect();
            let found: BTreeSet<String> = a
                .meetings(&MeetingFilter { person: Some(id.clone()), ..MeetingFilter::default() })
                .into_iter()
                .map(|row| row.id)
                .collect();
            prop_assert_eq!(found, scanned);
            for other in &ids {
                prop_assert_eq!(a.path(id, other), b.path(id, other));
                prop_assert_eq!(a.edges_between(id, other), b.edges_between(id, other));
            }
        }
    }
}

/// Walks that reach hundreds of nodes (past the short list of reached nodes) match the
/// reference too.
#[test]
fn large_walks_match_a_reference() {
    let mut graph = Graph::new();
    let id = |i: u64| format!("n/{i:04}");
    for i in 0..400 {
        let mut node = Node::new(KINDS[(i % 4) as usize], &format!("Node {i}"));
        node.id = id(i);
        graph.add_node(node);
    }
    // A fixed pseudo-random graph: a linear congruential sequence picks the ends.
    let mut x: u64 = 12345;
    let mut next = |n: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % n
    };
    for _ in 0..900 {
        let (a, b, k) = (next(400), next(400), next(EdgeKind::ALL.len() as u64));
        graph.add_edge(Edge::new(&id(a), EdgeKind::ALL[k as usize], &id(b)));
    }
    let outline = Outline::new(&graph);
    let mut largest = 0;
    for start in (0..400).step_by(37) {
        for depth in 1..5 {
            let got: BTreeMap<String, usize> = outline
                .neighbors(&id(start), depth, None, None, None)
                .into_iter()
                .map(|n| (n.node.to_owned(), n.depth))
                .collect();
            largest = largest.max(got.len());
            assert_eq!(
                got,
                reference_layers(&graph, &id(start), depth),
                "{start} {depth}"
            );
        }
    }
    assert!(
        largest > 100,
        "the walks reach past the short list: {largest}"
    );
}
