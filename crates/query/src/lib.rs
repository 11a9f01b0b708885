//! Questions asked of a built [`model::Graph`], and the files it is exported to.
//!
//! Everything here works on an in-memory graph and does no I/O except
//! [`export::neo4j`], which writes a folder of CSV files.
//!
//! - Find a node by what a person would type: [`resolve_name`] returns [`Resolved`].
//! - Walk: [`neighbors`] (breadth first, both directions) and [`path`] (shortest
//!   undirected path).
//! - Meetings as rows: [`meetings`] with a [`MeetingFilter`].
//! - Cut a graph down before exporting it: [`subgraph`] with a [`SubgraphFilter`].
//! - Write it out: [`export`] (JSON, JSON Lines, DOT, GraphML, GEXF, Neo4j CSV,
//!   N-Triples). Every export is deterministic: the same graph gives the same bytes.
//!
//! Article-mention edges ([`model::EdgeKind::Mentions`]) join every article to
//! everything it names, so they turn articles into hubs; walks skip them unless asked.
#![deny(missing_docs)]

mod dates;
mod error;
pub mod export;
mod meetings;
mod outline;
mod resolve;
mod subgraph;
mod walk;

pub use crate::{
    error::ExportError,
    meetings::{meetings, MeetingFilter, MeetingRow},
    outline::Outline,
    resolve::{resolve_name, Resolved},
    subgraph::{subgraph, SubgraphFilter},
    walk::{neighbors, path, EdgeRef, Neighbor, Step},
};
