//! A petgraph view of a [`Graph`] for walks.

use std::collections::HashMap;

use model::{Edge, EdgeKind, Graph};
use petgraph::{
    graph::{NodeIndex, UnGraph},
    visit::EdgeRef,
};

/// The graph as an undirected petgraph, node indices in id order. Edges whose ends
/// are not both nodes of the graph are left out.
pub(crate) struct Index<'g> {
    pub(crate) graph: UnGraph<&'g str, &'g Edge>,
    pub(crate) by_id: HashMap<&'g str, NodeIndex>,
}

impl<'g> Index<'g> {
    pub(crate) fn new(graph: &'g Graph) -> Index<'g> {
        let mut pg = UnGraph::with_capacity(graph.nodes.len(), graph.edges.len());
        let mut by_id = HashMap::with_capacity(graph.nodes.len());
        for id in graph.nodes.keys() {
            by_id.insert(id.as_str(), pg.add_node(id.as_str()));
        }
        for edge in graph.edges.values() {
            if let (Some(&a), Some(&b)) =
                (by_id.get(edge.src.as_str()), by_id.get(edge.dst.as_str()))
            {
                pg.add_edge(a, b, edge);
            }
        }
        Index { graph: pg, by_id }
    }

    /// The id of a node index.
    pub(crate) fn id(&self, idx: NodeIndex) -> &'g str {
        self.graph[idx]
    }

    /// The edges at `node` whose kind passes `allow`, with the node at their other end,
    /// in (other end, edge key) order.
    pub(crate) fn incident(
        &self,
        node: NodeIndex,
        allow: impl Fn(EdgeKind) -> bool,
    ) -> Vec<(NodeIndex, &'g Edge)> {
        let mut out: Vec<(NodeIndex, &'g Edge)> = self
            .graph
            .edges(node)
            .filter(|e| allow(e.weight().kind))
            .map(|e| {
                let other = if e.source() == node {
                    e.target()
                } else {
                    e.source()
                };
                (other, *e.weight())
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| edge_order(a.1, b.1)));
        out
    }
}

/// Orders edges as [`model::EdgeKey`] does.
fn edge_order(a: &Edge, b: &Edge) -> std::cmp::Ordering {
    (&a.src, a.kind, &a.dst).cmp(&(&b.src, b.kind, &b.dst))
}
