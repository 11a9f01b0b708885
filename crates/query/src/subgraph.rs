//! Cutting a graph down before export.

use std::collections::BTreeSet;

use model::{EdgeKind, Graph, NodeKind};

use crate::{dates::in_range, walk::neighbors};

/// What [`subgraph`] keeps. The default keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubgraphFilter {
    /// Keep only this node (an id) and what lies within `depth` edges of it.
    pub focus: Option<String>,
    /// How far from `focus` to go; ignored without a focus.
    pub depth: usize,
    /// Keep only nodes of these kinds.
    pub kinds: Option<Vec<NodeKind>>,
    /// Drop meetings dated before this (partial ISO date, inclusive, see [`crate::meetings`]).
    pub since: Option<String>,
    /// Drop meetings dated after this.
    pub until: Option<String>,
}

/// The part of `graph` that `filter` keeps, with every edge between kept nodes.
///
/// Steps, in order: meetings outside `since ..= until` are dropped (undated meetings
/// too when a bound is set); then, with a `focus`, only the nodes within `depth`
/// edges of it are kept, walking both directions as [`crate::neighbors`] does
/// (skipping article mentions, unless the focus is itself an article); then only
/// nodes of `kinds` are kept. A focus that is not a node, or that the date filter
/// dropped, gives an empty graph.
pub fn subgraph(graph: &Graph, filter: &SubgraphFilter) -> Graph {
    let mut dated = Graph::new();
    for node in graph.nodes.values() {
        let keep = node.kind != NodeKind::Meeting
            || in_range(
                node.props.get("date").map(String::as_str),
                filter.since.as_deref(),
                filter.until.as_deref(),
            );
        if keep {
            dated.nodes.insert(node.id.clone(), node.clone());
        }
    }
    let mut keep: BTreeSet<String> = dated.nodes.keys().cloned().collect();
    if let Some(focus) = &filter.focus {
        let walk_graph = with_edges(graph, &dated);
        let Some(focus_node) = walk_graph.nodes.get(focus) else {
            return Graph::new();
        };
        let all = EdgeKind::ALL;
        let edge_kinds = (focus_node.kind == NodeKind::Article).then_some(&all[..]);
        let reached = neighbors(&walk_graph, focus, filter.depth, None, edge_kinds, None);
        keep = std::iter::once(focus.clone())
            .chain(reached.into_iter().map(|n| n.node))
            .collect();
    }
    let mut out = Graph::new();
    for id in keep {
        let node = &dated.nodes[&id];
        if filter
            .kinds
            .as_ref()
            .is_none_or(|kinds| kinds.contains(&node.kind))
        {
            out.nodes.insert(node.id.clone(), node.clone());
        }
    }
    with_edges(graph, &out)
}

/// `nodes` with every edge of `graph` between two of its nodes.
fn with_edges(graph: &Graph, nodes: &Graph) -> Graph {
    let mut out = Graph {
        nodes: nodes.nodes.clone(),
        edges: Default::default(),
    };
    for (key, edge) in &graph.edges {
        if out.nodes.contains_key(&edge.src) && out.nodes.contains_key(&edge.dst) {
            out.edges.insert(key.clone(), edge.clone());
        }
    }
    out
}
