//! Keeps the graph on disk: every article's facts, merged into one graph, in a sled
//! database. Start with [`Store::open`].
//!
//! # Layout
//!
//! Node ids are interned to `u64` numbers (never reused or removed, so a forgotten node
//! committed again gets its old number). Every commit gets a sequence number `seq`, in
//! commit order. Numbers in keys are big-endian so that key order is numeric order.
//! Values are bincode 2 (standard configuration) encodings of the private record types.
//!
//! | tree | key | value |
//! |---|---|---|
//! | `meta` | `version`, `next_seq`, `next_node` | `u64` |
//! | `node_ids` | node id | node number |
//! | `node_names` | node number | node id |
//! | `nodes` | node number | kind byte (present while some article supports the node) |
//! | `nodes_by_kind` | kind byte, node number | empty |
//! | `node_facts` | node number, seq | one article's record of the node |
//! | `edge_facts` | src number, kind byte, dst number, seq | one article's record of the edge |
//! | `out` / `in` | src, kind, dst / dst, kind, src | empty (present while supported) |
//! | `keys` | key length (`u32`), match key, node number | number of facts with that key |
//! | `articles` | article id | seq, source, title, date, bytes |
//! | `sources` | source | article id |
//! | `seq_articles` | seq | article id |
//! | `commits` | seq | the node numbers and edges that commit wrote, for `forget` |
//!
//! A node or edge is never one growing record: each supporting article has its own fact
//! record, and reads merge them in commit order exactly as [`model::Graph::add_node`]
//! and [`model::Graph::add_edge`] would. So a commit costs O(its own facts) however
//! popular the nodes it touches, and `forget` recomputes nothing: survivors' aliases,
//! keys and properties come from the facts that remain. The match key index counts how
//! many facts of a node carry a key, so it stays exact when facts go.
//!
//! # Atomicity
//!
//! A commit (with the replacement of an older article from the same source) or a forget
//! is first planned in memory against the current store, under a write lock that
//! serialises writers in this process (sled's file lock keeps other processes out), then
//! applied as one sled multi-tree transaction of batches. sled makes a transaction
//! atomic across a crash: after a restart the store holds all of it or none of it.
//! Nothing is flushed per commit; [`Store::flush`] makes writes durable.
#![deny(missing_docs)]

mod error;
mod records;
mod store;

pub use crate::{
    error::StoreError,
    store::{CommitSummary, Stats, Store, SCHEMA_VERSION},
};

#[cfg(test)]
mod tests;
