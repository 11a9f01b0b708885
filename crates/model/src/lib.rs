//! The graph vocabulary every stage shares: [`Node`], [`Edge`], their kinds, the
//! [`Evidence`] that ties each fact to a sentence, one article's [`Extraction`], and a
//! whole [`Graph`]. No I/O, no storage format: only data and the name-folding rule
//! ([`fold`]) that every stage uses to compare names.
#![deny(missing_docs)]

mod fold;
mod graph;

pub use crate::{
    fold::{fold, fold_into, folds_to, push_fold, slug},
    graph::{
        article_node_id, Article, Edge, EdgeKey, EdgeKind, Evidence, Extraction, Graph, Node,
        NodeKind, ParseKindError, ARTICLE_NODE_PREFIX,
    },
};
