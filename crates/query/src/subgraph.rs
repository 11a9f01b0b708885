//! Cutting a graph down before export.

use model::{EdgeKind, Graph, NodeKind};

use crate::{dates::in_range, outline::Outline};

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
    let mut out = Graph::new();
    for id in Outline::new(graph).select(filter) {
        if let Some(node) = graph.nodes.get(&id) {
            out.nodes.insert(id, node.clone());
        }
    }
    for (key, edge) in &graph.edges {
        if out.nodes.contains_key(&edge.src) && out.nodes.contains_key(&edge.dst) {
            out.edges.insert(key.clone(), edge.clone());
        }
    }
    out
}

impl Outline {
    /// The ids, in order, of the nodes [`subgraph`] keeps; the edges to keep are those
    /// between them. With a focus the cost follows the part walked, not the graph.
    pub fn select(&self, filter: &SubgraphFilter) -> Vec<String> {
        let dated = |n: u32| {
            let node = self.node_at(n);
            node.kind != NodeKind::Meeting
                || in_range(
                    node.props.get("date").map(String::as_str),
                    filter.since.as_deref(),
                    filter.until.as_deref(),
                )
        };
        let wanted = |n: u32| {
            filter
                .kinds
                .as_ref()
                .is_none_or(|kinds| kinds.contains(&self.node_at(n).kind))
        };
        let Some(focus) = &filter.focus else {
            return (0..self.node_count() as u32)
                .filter(|&n| dated(n) && wanted(n))
                .map(|n| self.node_at(n).id.clone())
                .collect();
        };
        let Some(start) = self.number(focus).filter(|&n| dated(n)) else {
            return Vec::new();
        };
        let all = EdgeKind::ALL;
        let edge_kinds = (self.node_at(start).kind == NodeKind::Article).then_some(&all[..]);
        let reached = self.reach(start, filter.depth, None, edge_kinds, None, dated);
        let mut keep: Vec<u32> = std::iter::once(start)
            .chain(reached.iter().filter_map(|n| self.number(n.node)))
            .filter(|&n| wanted(n))
            .collect();
        keep.sort_unstable();
        keep.into_iter()
            .map(|n| self.node_at(n).id.clone())
            .collect()
    }
}
