//! Walks: neighbourhoods and shortest paths.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use model::{EdgeKey, EdgeKind, Graph, NodeKind};
use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::index::Index;

/// A node reached by [`neighbors`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Neighbor {
    /// The node's id.
    pub node: String,
    /// How many edges away from the start it is (1 for a direct neighbour).
    pub depth: usize,
    /// The edge it was first reached through, as stored (its direction may point
    /// either way along the walk).
    pub via: EdgeKey,
}

/// Whether a walk may follow an edge of this kind: the listed kinds, or, when none
/// are listed, every kind but [`EdgeKind::Mentions`].
pub(crate) fn edge_allowed(edge_kinds: Option<&[EdgeKind]>, kind: EdgeKind) -> bool {
    match edge_kinds {
        Some(kinds) => kinds.contains(&kind),
        None => kind != EdgeKind::Mentions,
    }
}

/// The nodes within `depth` edges of `id`, breadth first, following edges in both
/// directions.
///
/// - `edge_kinds`: the edge kinds to follow; `None` follows all but
///   [`EdgeKind::Mentions`] (article mentions make every article a hub). Pass a list
///   holding `Mentions` to walk through articles.
/// - `kinds`: only nodes of these kinds are returned, but the walk goes through nodes
///   of every kind (a person's countries at depth 2 are reached through meetings).
/// - `limit`: at most this many nodes are returned, nearest first.
///
/// The start node is not returned; an unknown id gives an empty list. Results are in
/// (depth, id) order; each node's `via` is the first edge, in key order, from the
/// first node, in id order, of the previous layer that reaches it. Edges with an end
/// that is not a node of the graph are ignored.
pub fn neighbors(
    graph: &Graph,
    id: &str,
    depth: usize,
    kinds: Option<&[NodeKind]>,
    edge_kinds: Option<&[EdgeKind]>,
    limit: Option<usize>,
) -> Vec<Neighbor> {
    let index = Index::new(graph);
    let Some(&start) = index.by_id.get(id) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if limit == Some(0) {
        return out;
    }
    let mut seen: HashSet<NodeIndex> = HashSet::from([start]);
    let mut frontier = vec![start];
    for layer in 1..=depth {
        let mut reached: BTreeMap<NodeIndex, &model::Edge> = BTreeMap::new();
        for &node in &frontier {
            for (other, edge) in index.incident(node, |k| edge_allowed(edge_kinds, k)) {
                if seen.insert(other) {
                    reached.insert(other, edge);
                }
            }
        }
        if reached.is_empty() {
            break;
        }
        frontier = reached.keys().copied().collect();
        for (node, via) in reached {
            let node_id = index.id(node);
            let wanted = kinds.is_none_or(|kinds| {
                graph
                    .nodes
                    .get(node_id)
                    .is_some_and(|n| kinds.contains(&n.kind))
            });
            if wanted {
                out.push(Neighbor {
                    node: node_id.to_owned(),
                    depth: layer,
                    via: via.key(),
                });
                if limit.is_some_and(|limit| out.len() >= limit) {
                    return out;
                }
            }
        }
    }
    out
}

/// The shortest undirected path from `from` to `to`, as the edges along it in walk
/// order (each edge as stored, so its direction may point either way).
///
/// [`EdgeKind::Mentions`] edges are ignored, unless the two nodes are connected only
/// through them: then the shortest path over all edges is returned. A node's path to
/// itself is empty; an unknown id or unconnected nodes give `None`. The search is
/// breadth first over the petgraph view, neighbours in (id, edge key) order, so among
/// several shortest paths the first in that order is returned, always the same one.
pub fn path(graph: &Graph, from: &str, to: &str) -> Option<Vec<EdgeKey>> {
    let index = Index::new(graph);
    let (&start, &goal) = (index.by_id.get(from)?, index.by_id.get(to)?);
    if start == goal {
        return Some(Vec::new());
    }
    shortest(&index, start, goal, |k| k != EdgeKind::Mentions)
        .or_else(|| shortest(&index, start, goal, |_| true))
}

/// Breadth-first search from `start` over edges whose kind passes `allow`, visiting
/// neighbours in (id, edge key) order, so the path found is the first shortest one in
/// that order.
fn shortest(
    index: &Index<'_>,
    start: NodeIndex,
    goal: NodeIndex,
    allow: fn(EdgeKind) -> bool,
) -> Option<Vec<EdgeKey>> {
    let mut parent: HashMap<NodeIndex, (NodeIndex, &model::Edge)> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    'search: while let Some(node) = queue.pop_front() {
        for (other, edge) in index.incident(node, allow) {
            if other == start || parent.contains_key(&other) {
                continue;
            }
            parent.insert(other, (node, edge));
            if other == goal {
                break 'search;
            }
            queue.push_back(other);
        }
    }
    let mut keys = Vec::new();
    let mut at = goal;
    while at != start {
        let (previous, edge) = parent.get(&at)?;
        keys.push(edge.key());
        at = *previous;
    }
    keys.reverse();
    Some(keys)
}
