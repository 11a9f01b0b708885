//! Walks: neighbourhoods and shortest paths.

use std::collections::VecDeque;

use model::{EdgeKey, EdgeKind, Graph, NodeKind};
use serde::Serialize;

use crate::outline::Outline;

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

/// A node reached by [`Outline::neighbors`]: [`Neighbor`] borrowing the outline's ids,
/// so a walk allocates nothing per node it returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Step<'a> {
    /// The node's id.
    pub node: &'a str,
    /// How many edges away from the start it is (1 for a direct neighbour).
    pub depth: usize,
    /// The edge it was first reached through, as stored.
    pub via: EdgeRef<'a>,
}

/// An edge's key borrowing its ends' ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EdgeRef<'a> {
    /// The source's id.
    pub src: &'a str,
    /// The kind.
    pub kind: EdgeKind,
    /// The destination's id.
    pub dst: &'a str,
}

impl EdgeRef<'_> {
    /// The owned key.
    pub fn to_key(&self) -> EdgeKey {
        EdgeKey {
            src: self.src.to_owned(),
            kind: self.kind,
            dst: self.dst.to_owned(),
        }
    }
}

impl Step<'_> {
    /// The owned form.
    pub fn to_neighbor(&self) -> Neighbor {
        Neighbor {
            node: self.node.to_owned(),
            depth: self.depth,
            via: self.via.to_key(),
        }
    }
}

/// Whether a walk may follow an edge of this kind: the listed kinds, or, when none
/// are listed, every kind but [`EdgeKind::Mentions`].
pub(crate) fn edge_allowed(edge_kinds: Option<&[EdgeKind]>, kind: EdgeKind) -> bool {
    match edge_kinds {
        Some(kinds) => kinds.contains(&kind),
        None => kind != EdgeKind::Mentions,
    }
}

/// The nodes within `depth` edges of `id`: [`Outline::neighbors`] on `graph`'s
/// outline. To ask several questions of one graph, build the [`Outline`] once.
pub fn neighbors(
    graph: &Graph,
    id: &str,
    depth: usize,
    kinds: Option<&[NodeKind]>,
    edge_kinds: Option<&[EdgeKind]>,
    limit: Option<usize>,
) -> Vec<Neighbor> {
    Outline::new(graph)
        .neighbors(id, depth, kinds, edge_kinds, limit)
        .iter()
        .map(Step::to_neighbor)
        .collect()
}

/// The shortest undirected path from `from` to `to`: [`Outline::path`] on `graph`'s
/// outline.
pub fn path(graph: &Graph, from: &str, to: &str) -> Option<Vec<EdgeKey>> {
    Outline::new(graph).path(from, to)
}

impl Outline {
    /// The nodes within `depth` edges of `id`, breadth first, following edges in both
    /// directions.
    ///
    /// - `edge_kinds`: the edge kinds to follow; `None` follows all but
    ///   [`EdgeKind::Mentions`] (article mentions make every article a hub). Pass a list
    ///   holding `Mentions` to walk through articles.
    /// - `kinds`: only nodes of these kinds are returned, but the walk goes through
    ///   nodes of every kind (a person's countries at depth 2 are reached through
    ///   meetings).
    /// - `limit`: at most this many nodes are returned, nearest first; the walk stops
    ///   as soon as it has them, so a limit also bounds the time spent on a hub.
    ///
    /// The start node is not returned; an unknown id gives an empty list. Results are in
    /// (depth, id) order; each node's `via` is the first edge, in key order, from the
    /// first node, in id order, of the previous layer that reaches it.
    pub fn neighbors(
        &self,
        id: &str,
        depth: usize,
        kinds: Option<&[NodeKind]>,
        edge_kinds: Option<&[EdgeKind]>,
        limit: Option<usize>,
    ) -> Vec<Step<'_>> {
        let Some(start) = self.number(id) else {
            return Vec::new();
        };
        self.reach(start, depth, kinds, edge_kinds, limit, |_| true)
    }

    /// [`Outline::neighbors`] from node `start`, entering only nodes that pass `enter`.
    pub(crate) fn reach(
        &self,
        start: u32,
        depth: usize,
        kinds: Option<&[NodeKind]>,
        edge_kinds: Option<&[EdgeKind]>,
        limit: Option<usize>,
        enter: impl Fn(u32) -> bool,
    ) -> Vec<Step<'_>> {
        let mut out = Vec::new();
        if limit == Some(0) {
            return out;
        }
        let mut seen = Seen::new(self.node_count());
        let mut first_visit = |n: u32| seen.first_visit(n);
        first_visit(start);
        let mentions = edge_kinds.is_some_and(|kinds| kinds.contains(&EdgeKind::Mentions));
        let mut frontier = vec![start];
        for layer in 1..=depth {
            // (node, the edge it was first reached through), in the order reached.
            let mut reached: Vec<(u32, u32)> = Vec::new();
            for &node in &frontier {
                for (other, edge) in self.incident(node, mentions) {
                    if edge_allowed(edge_kinds, self.edge_at(edge).kind)
                        && enter(other)
                        && first_visit(other)
                    {
                        reached.push((other, edge));
                    }
                }
            }
            if reached.is_empty() {
                break;
            }
            // Node numbers are in id order: sorting by them gives the (depth, id) order.
            reached.sort_unstable_by_key(|&(node, _)| node);
            frontier = reached.iter().map(|&(node, _)| node).collect();
            for (node, via) in reached {
                let node = self.node_at(node);
                if kinds.is_none_or(|kinds| kinds.contains(&node.kind)) {
                    out.push(Step {
                        node: &node.id,
                        depth: layer,
                        via: self.edge_ref(via),
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
    /// breadth first, neighbours in (id, edge key) order, so among several shortest
    /// paths the first in that order is returned, always the same one.
    pub fn path(&self, from: &str, to: &str) -> Option<Vec<EdgeKey>> {
        let (start, goal) = (self.number(from)?, self.number(to)?);
        if start == goal {
            return Some(Vec::new());
        }
        self.shortest(start, goal, false)
            .or_else(|| self.shortest(start, goal, true))
    }

    /// Breadth-first search from `start`, over article mentions too when `mentions`.
    fn shortest(&self, start: u32, goal: u32, mentions: bool) -> Option<Vec<EdgeKey>> {
        const UNSEEN: (u32, u32) = (u32::MAX, u32::MAX);
        // For each node reached: the node it was reached from and the edge.
        let mut parent: Vec<(u32, u32)> = vec![UNSEEN; self.node_count()];
        let mut queue = VecDeque::from([start]);
        'search: while let Some(node) = queue.pop_front() {
            for (other, edge) in self.incident(node, mentions) {
                if other == start || parent[other as usize] != UNSEEN {
                    continue;
                }
                parent[other as usize] = (node, edge);
                if other == goal {
                    break 'search;
                }
                queue.push_back(other);
            }
        }
        let mut keys = Vec::new();
        let mut at = goal;
        while at != start {
            let (previous, edge) = parent[at as usize];
            if previous == u32::MAX {
                return None;
            }
            keys.push(self.key_of(edge));
            at = previous;
        }
        keys.reverse();
        Some(keys)
    }
}

/// The nodes a walk has reached: a short list while the walk is small (most are), one
/// bit per node of the graph once it grows.
enum Seen {
    Few(Vec<u32>, usize),
    Bits(Vec<u64>),
}

impl Seen {
    /// Reached sets past this size switch to bits.
    const FEW: usize = 32;

    fn new(node_count: usize) -> Seen {
        Seen::Few(Vec::new(), node_count)
    }

    /// Marks `n` reached; whether it was not before.
    fn first_visit(&mut self, n: u32) -> bool {
        match self {
            Seen::Few(list, node_count) => {
                if list.contains(&n) {
                    return false;
                }
                list.push(n);
                if list.len() > Seen::FEW {
                    let mut bits = vec![0u64; node_count.div_ceil(64)];
                    for &m in list.iter() {
                        bits[(m / 64) as usize] |= 1u64 << (m % 64);
                    }
                    *self = Seen::Bits(bits);
                }
                true
            }
            Seen::Bits(bits) => {
                let (word, bit) = ((n / 64) as usize, 1u64 << (n % 64));
                let first = bits[word] & bit == 0;
                bits[word] |= bit;
                first
            }
        }
    }
}
