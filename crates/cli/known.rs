//! Lets entity resolution look entities up in the store.

use ingest::Known;
use model::{Edge, EdgeKind, Node};
use store::{Store, StoreError};

/// The store, seen by [`ingest::resolve`] as the set of entities already known. Resolution
/// reads names, keys, properties and edge ends only, so the brief lookups serve it: their
/// cost does not grow with the number of articles behind a node.
pub(crate) struct StoreKnown<'a>(pub(crate) &'a Store);

impl Known for StoreKnown<'_> {
    type Error = StoreError;

    fn nodes_with_key(&self, key: &str) -> Result<Vec<Node>, StoreError> {
        self.0.nodes_with_key_brief(key)
    }

    fn node(&self, id: &str) -> Result<Option<Node>, StoreError> {
        self.0.node_brief(id)
    }

    fn out_edges(&self, id: &str, kind: Option<EdgeKind>) -> Result<Vec<Edge>, StoreError> {
        self.0.out_edges_brief(id, kind)
    }

    fn in_edges(&self, id: &str, kind: Option<EdgeKind>) -> Result<Vec<Edge>, StoreError> {
        self.0.in_edges_brief(id, kind)
    }
}
