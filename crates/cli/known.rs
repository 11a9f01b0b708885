//! Lets entity resolution look entities up in the store.

use std::{
    cell::{Cell, RefCell},
    collections::HashMap,
};

use ingest::Known;
use model::{Edge, EdgeKind, Extraction, Node};
use store::{CommitSummary, Store, StoreError};

/// The store, seen by [`ingest::resolve`] as the set of entities already known. Resolution
/// reads names, keys, properties and edge ends only, so the brief lookups serve it: their
/// cost does not grow with the number of articles behind a node.
///
/// Matching a meeting walks every meeting its persons attended, and a popular person
/// attends thousands: without a memo each of their articles read all of those again,
/// and the cost of an article grew with the archive (10k-article sessions into a store
/// took 16, 28, 40 and 53 s as it grew from 0 to 40k articles; 13, 15, 19 and 28 s with
/// the memo). The memo keeps what [`Known::node`], [`Known::out_edges`] and
/// [`Known::in_edges`] answered, and each commit brings it up to date: see
/// [`StoreKnown::committed`].
pub(crate) struct StoreKnown<'a> {
    store: &'a Store,
    memo: Memo,
}

/// Edges by node id, then by the kind asked for.
type Adjacency = RefCell<HashMap<String, HashMap<Option<EdgeKind>, Vec<Edge>>>>;

#[derive(Default)]
struct Memo {
    nodes: RefCell<HashMap<String, Option<Node>>>,
    out: Adjacency,
    into: Adjacency,
    /// Nodes and edges held, to bound the memo's memory.
    held: Cell<usize>,
}

impl Memo {
    /// Past this many nodes and edges held (a few tens of MB), the memo starts over:
    /// a 100k-article ingest has about 500 MB in all.
    const MOST: usize = 100_000;

    fn clear(&self) {
        self.nodes.borrow_mut().clear();
        self.out.borrow_mut().clear();
        self.into.borrow_mut().clear();
        self.held.set(0);
    }

    fn hold(&self, n: usize) {
        if self.held.get() + n > Memo::MOST {
            self.clear();
        }
        self.held.set(self.held.get() + n);
    }
}

impl<'a> StoreKnown<'a> {
    pub(crate) fn new(store: &'a Store) -> StoreKnown<'a> {
        StoreKnown {
            store,
            memo: Memo::default(),
        }
    }

    /// Tells the memo that `extraction` was committed with `summary` as the result. A
    /// commit changes the heads of its own nodes and its own edges (added, or their
    /// properties merged), and nothing else, unless it replaced an older article from the
    /// same source: then what that article supported changes too, and the memo starts
    /// over. The commit's nodes are dropped from the memo; its edges are read again, one
    /// by one, into the lists of their ends the memo holds, since a popular person's
    /// list of meetings is thousands long and changes with every article about them.
    /// Call it after every commit through the same store, and [`StoreKnown::reset`]
    /// after any other write.
    pub(crate) fn committed(
        &self,
        extraction: &Extraction,
        summary: &CommitSummary,
    ) -> Result<(), StoreError> {
        if summary.unchanged {
            return Ok(());
        }
        if summary.replaced.is_some() {
            self.reset();
            return Ok(());
        }
        {
            let mut nodes = self.memo.nodes.borrow_mut();
            for node in &extraction.nodes {
                nodes.remove(&node.id);
            }
        }
        for edge in &extraction.edges {
            let held_out = self.memo.out.borrow().contains_key(&edge.src);
            let held_in = self.memo.into.borrow().contains_key(&edge.dst);
            if !held_out && !held_in {
                continue;
            }
            let Some(now) = self.store.edge_brief(&edge.src, edge.kind, &edge.dst)? else {
                // Not stored after all: nothing to patch, but do not guess.
                self.reset();
                return Ok(());
            };
            if let Some(lists) = self.memo.out.borrow_mut().get_mut(&edge.src) {
                patch(lists, &now);
            }
            if let Some(lists) = self.memo.into.borrow_mut().get_mut(&edge.dst) {
                patch(lists, &now);
            }
        }
        Ok(())
    }

    /// Forgets everything the memo holds: after a write it was not told of, or a
    /// failed one.
    pub(crate) fn reset(&self) {
        self.memo.clear();
    }
}

impl Known for StoreKnown<'_> {
    type Error = StoreError;

    fn nodes_with_key(&self, key: &str) -> Result<Vec<Node>, StoreError> {
        self.store.nodes_with_key_brief(key)
    }

    fn node(&self, id: &str) -> Result<Option<Node>, StoreError> {
        if let Some(node) = self.memo.nodes.borrow().get(id) {
            return Ok(node.clone());
        }
        let node = self.store.node_brief(id)?;
        self.memo.hold(1);
        self.memo
            .nodes
            .borrow_mut()
            .insert(id.to_owned(), node.clone());
        Ok(node)
    }

    fn out_edges(&self, id: &str, kind: Option<EdgeKind>) -> Result<Vec<Edge>, StoreError> {
        adjacent(&self.memo, &self.memo.out, id, kind, || {
            self.store.out_edges_brief(id, kind)
        })
    }

    fn in_edges(&self, id: &str, kind: Option<EdgeKind>) -> Result<Vec<Edge>, StoreError> {
        adjacent(&self.memo, &self.memo.into, id, kind, || {
            self.store.in_edges_brief(id, kind)
        })
    }
}

/// Puts `edge` as now stored into the lists (by kind asked for) of one of its ends,
/// in the store's order (source, kind, destination), replacing what a list had for it.
fn patch(lists: &mut HashMap<Option<EdgeKind>, Vec<Edge>>, edge: &Edge) {
    fn order(e: &Edge) -> (&str, EdgeKind, &str) {
        (&e.src, e.kind, &e.dst)
    }
    let at = order(edge);
    for (kind, list) in lists.iter_mut() {
        if kind.is_some_and(|k| k != edge.kind) {
            continue;
        }
        match list.binary_search_by(|e| order(e).cmp(&at)) {
            Ok(i) => list[i] = edge.clone(),
            Err(i) => list.insert(i, edge.clone()),
        }
    }
}

/// The edges `read` gives for `id` and `kind`, from `map` when it holds them.
fn adjacent(
    memo: &Memo,
    map: &Adjacency,
    id: &str,
    kind: Option<EdgeKind>,
    read: impl FnOnce() -> Result<Vec<Edge>, StoreError>,
) -> Result<Vec<Edge>, StoreError> {
    if let Some(edges) = map.borrow().get(id).and_then(|by_kind| by_kind.get(&kind)) {
        return Ok(edges.clone());
    }
    let edges = read()?;
    memo.hold(edges.len().max(1));
    map.borrow_mut()
        .entry(id.to_owned())
        .or_default()
        .insert(kind, edges.clone());
    Ok(edges)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Articles that share persons and meetings, and one that replaces another.
    const ARTICLES: &[(&str, &str)] = &[
        (
            "a.txt",
            "Foreign Minister Ana Ruiz of Peru met Foreign Minister Lena Berg of Norway in \
             Oslo on 3 May 2021. They discussed trade and climate change.",
        ),
        (
            "b.txt",
            "Peruvian Foreign Minister Ana Ruiz held talks with Norway's Foreign Minister \
             Lena Berg in Oslo on 3 May 2021 about fisheries.",
        ),
        (
            "c.txt",
            "Ana Ruiz, Peru's foreign minister, met President Omar Haddad of Jordan in Amman \
             on 9 June 2021. They discussed refugees.",
        ),
        (
            "a.txt",
            "Foreign Minister Ana Ruiz of Peru met Foreign Minister Lena Berg of Norway in \
             Bergen on 4 May 2021. They discussed energy.",
        ),
        (
            "d.txt",
            "Lena Berg and Omar Haddad spoke by phone on 1 July 2021 about the Middle East.",
        ),
    ];

    /// After every commit, each lookup through the memo answers what the store answers.
    #[test]
    fn the_memo_answers_what_the_store_answers_after_every_commit() {
        let store = Store::temporary().unwrap();
        let known = StoreKnown::new(&store);
        let extractor = ingest::Extractor::new();
        let mut ids: Vec<String> = Vec::new();
        for (source, text) in ARTICLES {
            let extraction = extractor.extract(text, source).extraction;
            let resolved = ingest::resolve(extraction, &known).unwrap();
            let summary = store.commit(&resolved).unwrap();
            known.committed(&resolved, &summary).unwrap();
            ids.extend(resolved.nodes.iter().map(|n| n.id.clone()));
            ids.sort();
            ids.dedup();
            for id in &ids {
                assert_eq!(known.node(id).unwrap(), store.node_brief(id).unwrap());
                for kind in [None, Some(EdgeKind::Attended), Some(EdgeKind::Represents)] {
                    assert_eq!(
                        known.out_edges(id, kind).unwrap(),
                        store.out_edges_brief(id, kind).unwrap(),
                        "out {id} {kind:?} after {source}"
                    );
                    assert_eq!(
                        known.in_edges(id, kind).unwrap(),
                        store.in_edges_brief(id, kind).unwrap(),
                        "in {id} {kind:?} after {source}"
                    );
                }
            }
        }
        assert!(ids.iter().any(|id| id.starts_with("meeting/")));
    }
}
