//! Keeps the graph on disk: every article's facts, merged into one graph, in a sled
//! database. Start with [`Store::open`].
//!
//! # Layout
//!
//! Two sled trees. `meta` holds only `version`, the format version as a big-endian
//! `u64` ([`SCHEMA_VERSION`]), so that any summit can tell which format a store has.
//! `graph` holds every record family, each key starting with the family's byte, so
//! that one sled batch can write across families atomically.
//!
//! Node ids are interned to `u64` numbers (never reused or removed, so a forgotten node
//! committed again gets its old number). Every commit gets a sequence number `seq`, in
//! commit order. Numbers in keys are big-endian so that key order is numeric order.
//! Values are bincode 2 (standard configuration) encodings of the private record types
//! in `records.rs`.
//!
//! | family | key | value |
//! |---|---|---|
//! | 0 meta | `next_seq`, `next_node`; `count` + what + kind byte | `u64`: the next numbers; articles, nodes and edges per kind for [`Store::stats`] |
//! | 1 node_ids | node id | node number |
//! | 2 node_names | node number | node id |
//! | 3 heads | node number | the merged node without evidence (present while supported) |
//! | 4 nodes_by_kind | kind byte, node number | empty |
//! | 5 keys | key length (`u32`), match key, node number | empty |
//! | 6 node_facts | node number, seq | one article's record of the node |
//! | 7 edge_facts | src, kind byte, dst, seq | one article's record of the edge (except owned edges) |
//! | 8 in | dst, kind byte, src | the edge's merged properties (present while supported; not for owned edges) |
//! | 9 articles | article id | seq, source, title, date, bytes |
//! | 10 sources | source | article id |
//! | 11 commits | seq | the node numbers and edges that commit wrote, for `forget`, and its owned edges whole |
//! | 12 sentences | seq | the sentences that commit's evidence cites, each once |
//!
//! # Owned edges (format 2)
//!
//! Most edges are an article's `mentions` of what it names, and no other article can
//! say that this article mentions something. So a commit *owns* each `mentions` edge
//! from its article's own node (`article/<id>`) to a node the commit has a fact about,
//! when that own node is new to the store: the edge lives in the commit record, as
//! its destination and fact, with no `edge_facts` or `in` record. Out-edges of an
//! article node come from the commit records of its facts; owned in-edges of a node
//! come from the commit records of *its* facts (a commit owns an edge only to a node it
//! has a fact about), so both are found without an index of their own. Forgetting the
//! article forgets its owned edges with its commit record. An extraction that states
//! a `mentions` edge from another article's node (possible through `summit load`)
//! first turns that owned edge into an ordinary one (`Plan::disown`), so an edge is
//! always either owned or ordinary. This takes two of the six records an article
//! wrote per mention off the store: a 10k-article store went from 279 MB to 206 MB,
//! and its ingest from 11.2 s to 7.8 s.
//!
//! A format-1 store (every edge ordinary) is upgraded in place when opened, also by
//! [`Store::open_read_only`] (`upgrade.rs`): marked as format 2 first, so that an older
//! summit refuses it from then on, then rewritten in atomic batches that an interrupted
//! upgrade resumes. A 10k-article store upgrades in about 2 s.
//!
//! A node or edge is never one growing record: each supporting article has its own fact
//! record, and reads merge them in commit order exactly as [`model::Graph::add_node`]
//! and [`model::Graph::add_edge`] would. A commit costs O(its own facts) however
//! popular the nodes it touches: it reads and, when they change, rewrites the small
//! heads of its nodes (the union of aliases and keys, the first properties), never the
//! evidence. Ordinary out-edges are a prefix scan of `edge_facts`, ordinary in-edges go
//! through `in`, and owned edges through the commit records of the node's facts (see
//! above). The `*_brief` lookups read heads and `in` entries, so for ordinary edges
//! their cost does not grow with the number of articles behind a node. `forget` recomputes the head of a node it touched from the
//! remaining facts (unless an earlier fact already says all the forgotten one said), and
//! the key and kind indexes follow the heads.
//!
//! # Costs
//!
//! - [`Store::commit`]: O(the article's facts). [`Store::forget`] (and the replacement
//!   of an article from the same source) too, except for a node whose forgotten fact
//!   says something no earlier fact says (its head is recomputed from all its facts),
//!   and an edge whose forgotten fact had properties.
//!   [`Store::commit_all`] writes several articles in one batch.
//! - [`Store::node_brief`], [`Store::nodes_with_key_brief`], [`Store::out_edges_brief`]
//!   (O(facts of the out-edges)), [`Store::in_edges_brief`]: no evidence, cost
//!   independent of how many articles support a node, except for owned edges: the
//!   `mentions` arriving at a node cost one commit-record read per article that names
//!   it (one per fact of the node), and an article node's own mentions one read.
//!   Entity resolution during ingest should use these (it asks for no `mentions`): the
//!   evidence of a country mentioned by 100k articles is 100k sentences.
//! - [`Store::node`], [`Store::nodes_with_key`], [`Store::out_edges`],
//!   [`Store::in_edges`]: O(evidence returned).
//! - [`Store::graph`]: everything; [`Store::stats`]: a few reads.
//!
//! # Atomicity
//!
//! A commit (with the replacement of an older article from the same source), a
//! [`Store::commit_all`] group or a forget is first planned in memory against the
//! current store, under a write lock that serialises writers in this process (sled's
//! file lock keeps other processes out), then written as one sled batch on the `graph`
//! tree. sled applies a batch atomically, also across a crash: its log recovers all of
//! a batch's updates or none. Readers in this process wait for a batch to finish.
//! Nothing is flushed per commit; [`Store::flush`] makes writes durable. An
//! [`Store::import`] writes groups of 256 articles, each group atomically.
//! [`Store::verify`] checks every index against the facts.
#![deny(missing_docs)]

mod compact;
mod error;
mod plan;
mod records;
mod snapshot;
mod store;
mod upgrade;
mod verify;

pub use crate::{
    compact::{bytes_on_disk, compact, Compacted},
    error::StoreError,
    store::{CommitSummary, Skeleton, SkeletonEdge, Stats, Store, SCHEMA_VERSION},
};

#[cfg(test)]
mod tests;
