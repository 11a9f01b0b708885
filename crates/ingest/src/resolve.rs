//! Cross-article entity resolution (stub: the real one is being written).

use model::{Edge, EdgeKind, Extraction, Graph, Node};

/// What resolution needs to know about entities already stored. Implemented for
/// [`model::Graph`] here and for the sled store by the command line.
pub trait Known {
    /// The error a lookup can fail with.
    type Error;
    /// Nodes whose match keys (see [`model::Node::keys`]) include `key`.
    fn nodes_with_key(&self, key: &str) -> Result<Vec<Node>, Self::Error>;
    /// The node with this id.
    fn node(&self, id: &str) -> Result<Option<Node>, Self::Error>;
    /// Edges leaving `id`, of `kind` when given.
    fn out_edges(&self, id: &str, kind: Option<EdgeKind>) -> Result<Vec<Edge>, Self::Error>;
    /// Edges arriving at `id`, of `kind` when given.
    fn in_edges(&self, id: &str, kind: Option<EdgeKind>) -> Result<Vec<Edge>, Self::Error>;
}

impl Known for Graph {
    type Error = std::convert::Infallible;
    fn nodes_with_key(&self, key: &str) -> Result<Vec<Node>, Self::Error> {
        Ok(self.nodes.values().filter(|n| n.keys.contains(key)).cloned().collect())
    }
    fn node(&self, id: &str) -> Result<Option<Node>, Self::Error> {
        Ok(self.nodes.get(id).cloned())
    }
    fn out_edges(&self, id: &str, kind: Option<EdgeKind>) -> Result<Vec<Edge>, Self::Error> {
        Ok(Graph::out_edges(self, id).filter(|e| kind.is_none_or(|k| e.kind == k)).cloned().collect())
    }
    fn in_edges(&self, id: &str, kind: Option<EdgeKind>) -> Result<Vec<Edge>, Self::Error> {
        Ok(Graph::in_edges(self, id).filter(|e| kind.is_none_or(|k| e.kind == k)).cloned().collect())
    }
}

/// Maps the entities of one article's extraction onto entities `known` already holds
/// (the same person under another spelling, the same meeting reported again), rewriting
/// node ids and edge ends. Merged nodes record why in their `merged_because` property.
pub fn resolve<K: Known>(extraction: Extraction, known: &K) -> Result<Extraction, K::Error> {
    let _ = known;
    Ok(extraction)
}
