//! Lets entity resolution look entities up in the store.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

// foldhash, not SipHash: the memo hashes a stored meeting's id for each report its
// participants appear in, thousands of times per article at the scale of an archive.
use foldhash::{HashMap, HashSet};

use ingest::{Brief, Known, Neighbors};
use model::{EdgeKind, Extraction, Node};
use store::{CommitSummary, Store, StoreError};

/// The store, seen by [`ingest::resolve`] as the set of entities already known. Resolution
/// reads names, keys, properties and edge ends only, so the brief lookups serve it: their
/// cost does not grow with the number of articles behind a node.
///
/// Matching a meeting walks every meeting its persons attended, and a popular person
/// attends thousands: without a memo each of their articles read all of those again,
/// and the cost of an article grew with the archive (10k-article sessions into a store
/// took 16, 28, 40 and 53 s as it grew from 0 to 40k articles). The memo keeps what
/// [`Known::node`], [`Known::brief`], [`Known::attended`], [`Known::out_neighbors`] and
/// [`Known::in_neighbors`] answered, and each commit brings it up to date: see
/// [`StoreKnown::committed`]. It holds neighbour lists as shared, interned ids (16 bytes
/// an entry), briefs in numbered slots, and each participant's meetings as slots (4
/// bytes an entry, walked without a lookup by id), so that a whole 100k-article ingest
/// fits in it without starting over.
pub(crate) struct StoreKnown<'a> {
    store: &'a Store,
    memo: Memo,
}

/// Neighbour ids by edge kind, then node id.
type Adjacency = RefCell<HashMap<EdgeKind, HashMap<Rc<str>, Neighbors>>>;

/// Briefs by number: each node whose brief was asked for gets a slot once, so that a
/// participant's meetings are a list of slots and the walk over them looks nothing up
/// by id.
#[derive(Default)]
struct Slots {
    of: HashMap<Rc<str>, u32>,
    ids: Vec<Rc<str>>,
    /// A slot's brief: `None` until read, and again after a commit changed its node.
    briefs: Vec<Option<Option<Brief>>>,
}

#[derive(Default)]
struct Memo {
    /// Whole nodes, a few hundred bytes each, and cheap to read again: at most
    /// [`Memo::MOST_NODES`].
    nodes: RefCell<HashMap<Rc<str>, Option<Rc<Node>>>>,
    /// What meeting matching reads of a node, for every node asked about.
    slots: RefCell<Slots>,
    /// The slots of the meetings each participant attended, in id order.
    attended: RefCell<HashMap<Rc<str>, Vec<u32>>>,
    out: Adjacency,
    into: Adjacency,
    /// Every id the memo holds, once.
    ids: RefCell<HashSet<Rc<str>>>,
    /// Slots and list entries held, to bound the memo's memory.
    held: Cell<usize>,
}

impl Memo {
    /// Past this many slots and list entries held, the memo starts over. A 100k-article
    /// ingest of generated news ends holding 356,000 (53k slots, the meetings of 5,000
    /// participants, 77k distinct ids), never having started over; a list entry takes
    /// 4 or 16 bytes, a slot about 80.
    const MOST: usize = 4_000_000;

    /// Past this many whole nodes held, those are forgotten (the rest is kept).
    const MOST_NODES: usize = 20_000;

    fn clear(&self) {
        self.nodes.borrow_mut().clear();
        *self.slots.borrow_mut() = Slots::default();
        self.attended.borrow_mut().clear();
        self.out.borrow_mut().clear();
        self.into.borrow_mut().clear();
        self.ids.borrow_mut().clear();
        self.held.set(0);
    }

    fn hold(&self, n: usize) {
        if self.held.get() + n > Memo::MOST {
            self.clear();
        }
        self.held.set(self.held.get() + n);
    }

    /// The slot of `id`, given now if it has none. Never starts over (call
    /// [`Memo::hold`] before), so slots taken earlier stay valid.
    fn slot(&self, id: &str) -> u32 {
        if let Some(&slot) = self.slots.borrow().of.get(id) {
            return slot;
        }
        let id = self.intern(id);
        let mut slots = self.slots.borrow_mut();
        let slot = slots.ids.len() as u32;
        slots.of.insert(id.clone(), slot);
        slots.ids.push(id);
        slots.briefs.push(None);
        slot
    }

    /// The memo's one copy of `id`.
    fn intern(&self, id: &str) -> Rc<str> {
        let mut ids = self.ids.borrow_mut();
        if let Some(held) = ids.get(id) {
            return held.clone();
        }
        let held: Rc<str> = Rc::from(id);
        ids.insert(held.clone());
        held
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
    /// commit changes the heads of its own nodes and adds its own edges, and nothing
    /// else, unless it replaced an older article from the same source: then what that
    /// article supported changes too, and the memo starts over. The commit's nodes are
    /// dropped from the memo, to be read again when asked for; its edges' ends are
    /// added to the neighbour lists the memo holds, since a popular person's list of
    /// meetings is thousands long and changes with every article about them. Call it
    /// after every commit through the same store, and [`StoreKnown::reset`] after any
    /// other write.
    pub(crate) fn committed(&self, extraction: &Extraction, summary: &CommitSummary) {
        if summary.unchanged {
            return;
        }
        if summary.replaced.is_some() {
            self.reset();
            return;
        }
        {
            let mut nodes = self.memo.nodes.borrow_mut();
            let mut slots = self.memo.slots.borrow_mut();
            for node in &extraction.nodes {
                nodes.remove(node.id.as_str());
                if let Some(&slot) = slots.of.get(node.id.as_str()) {
                    slots.briefs[slot as usize] = None;
                }
            }
        }
        for edge in &extraction.edges {
            if edge.kind == EdgeKind::Attended
                && self.memo.attended.borrow().contains_key(edge.src.as_str())
            {
                let slot = self.memo.slot(&edge.dst);
                let slots = self.memo.slots.borrow();
                let mut attended = self.memo.attended.borrow_mut();
                if let Some(list) = attended.get_mut(edge.src.as_str()) {
                    let at = list.binary_search_by(|&s| (*slots.ids[s as usize]).cmp(&edge.dst));
                    if let Err(i) = at {
                        list.insert(i, slot);
                        self.memo.held.set(self.memo.held.get() + 1);
                    }
                }
            }
            for (map, at, other) in [
                (&self.memo.out, &edge.src, &edge.dst),
                (&self.memo.into, &edge.dst, &edge.src),
            ] {
                let mut map = map.borrow_mut();
                let Some(list) = map
                    .get_mut(&edge.kind)
                    .and_then(|lists| lists.get_mut(at.as_str()))
                else {
                    continue;
                };
                if let Err(i) = list.binary_search_by(|x| (**x).cmp(other.as_str())) {
                    let mut grown: Vec<Rc<str>> = Vec::with_capacity(list.len() + 1);
                    grown.extend_from_slice(&list[..i]);
                    grown.push(self.memo.intern(other));
                    grown.extend_from_slice(&list[i..]);
                    *list = grown.into();
                    self.memo.held.set(self.memo.held.get() + 1);
                }
            }
        }
    }

    /// Forgets everything the memo holds: after a write it was not told of, or a
    /// failed one.
    pub(crate) fn reset(&self) {
        self.memo.clear();
    }

    /// Reads the brief of `slot` from the store unless the memo holds it.
    fn load(&self, slots: &mut Slots, slot: u32) -> Result<(), StoreError> {
        let at = slot as usize;
        if slots.briefs[at].is_none() {
            let node = self.store.node_brief(&slots.ids[at])?;
            let brief = node.map(|node| Brief {
                date: node.props.get("date").map(|d| self.memo.intern(d)),
                ..Brief::of(&node)
            });
            slots.briefs[at] = Some(brief);
        }
        Ok(())
    }

    /// The neighbour list `read` gives for `id` and `kind`, from `map` when it holds it.
    fn adjacent(
        &self,
        map: &Adjacency,
        id: &str,
        kind: EdgeKind,
        read: impl FnOnce() -> Result<Vec<String>, StoreError>,
    ) -> Result<Neighbors, StoreError> {
        if let Some(list) = map.borrow().get(&kind).and_then(|lists| lists.get(id)) {
            return Ok(list.clone());
        }
        let mut ids = read()?;
        ids.sort();
        ids.dedup();
        self.memo.hold(ids.len() + 1);
        let list: Neighbors = ids.iter().map(|id| self.memo.intern(id)).collect();
        map.borrow_mut()
            .entry(kind)
            .or_default()
            .insert(self.memo.intern(id), list.clone());
        Ok(list)
    }
}

impl Known for StoreKnown<'_> {
    type Error = StoreError;

    fn nodes_with_key(&self, key: &str) -> Result<Vec<Node>, StoreError> {
        self.store.nodes_with_key_brief(key)
    }

    fn node(&self, id: &str) -> Result<Option<Rc<Node>>, StoreError> {
        if let Some(node) = self.memo.nodes.borrow().get(id) {
            return Ok(node.clone());
        }
        let node = self.store.node_brief(id)?.map(Rc::new);
        if self.memo.nodes.borrow().len() >= Memo::MOST_NODES {
            self.memo.nodes.borrow_mut().clear();
        }
        let key = self.memo.intern(id);
        self.memo.nodes.borrow_mut().insert(key, node.clone());
        Ok(node)
    }

    fn brief(&self, id: &str) -> Result<Option<Brief>, StoreError> {
        if !self.memo.slots.borrow().of.contains_key(id) {
            self.memo.hold(1);
        }
        let slot = self.memo.slot(id);
        let mut slots = self.memo.slots.borrow_mut();
        self.load(&mut slots, slot)?;
        Ok(slots.briefs[slot as usize].clone().flatten())
    }

    fn attended(
        &self,
        participant: &str,
        keep: &dyn Fn(&Brief) -> bool,
    ) -> Result<Vec<(Rc<str>, Brief)>, StoreError> {
        if !self.memo.attended.borrow().contains_key(participant) {
            let mut ids: Vec<String> = self
                .store
                .out_edges_brief(participant, Some(EdgeKind::Attended))?
                .into_iter()
                .map(|e| e.dst)
                .collect();
            ids.sort();
            ids.dedup();
            // A slot and a list entry for each: start over now if need be, not while
            // slots are being handed out.
            self.memo.hold(2 * ids.len() + 1);
            let list: Vec<u32> = ids.iter().map(|id| self.memo.slot(id)).collect();
            let key = self.memo.intern(participant);
            self.memo.attended.borrow_mut().insert(key, list);
        }
        let attended = self.memo.attended.borrow();
        let list = attended.get(participant).map_or(&[][..], Vec::as_slice);
        let mut slots = self.memo.slots.borrow_mut();
        let mut kept = Vec::new();
        for &slot in list {
            self.load(&mut slots, slot)?;
            if let Some(Some(brief)) = &slots.briefs[slot as usize] {
                if keep(brief) {
                    kept.push((slots.ids[slot as usize].clone(), brief.clone()));
                }
            }
        }
        Ok(kept)
    }

    fn out_neighbors(&self, id: &str, kind: EdgeKind) -> Result<Neighbors, StoreError> {
        self.adjacent(&self.memo.out, id, kind, || {
            Ok(self
                .store
                .out_edges_brief(id, Some(kind))?
                .into_iter()
                .map(|e| e.dst)
                .collect())
        })
    }

    fn in_neighbors(&self, id: &str, kind: EdgeKind) -> Result<Neighbors, StoreError> {
        self.adjacent(&self.memo.into, id, kind, || {
            Ok(self
                .store
                .in_edges_brief(id, Some(kind))?
                .into_iter()
                .map(|e| e.src)
                .collect())
        })
    }
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
            // Ask about this article's nodes before they are stored, so that the memo
            // holds answers the commit makes stale.
            for node in &resolved.nodes {
                known.node(&node.id).unwrap();
                known.brief(&node.id).unwrap();
                known.attended(&node.id, &|_| true).unwrap();
            }
            let summary = store.commit(&resolved).unwrap();
            known.committed(&resolved, &summary);
            ids.extend(resolved.nodes.iter().map(|n| n.id.clone()));
            ids.sort();
            ids.dedup();
            for id in &ids {
                assert_eq!(
                    known.node(id).unwrap().as_deref(),
                    store.node_brief(id).unwrap().as_ref()
                );
                assert_eq!(
                    known.brief(id).unwrap(),
                    store.node_brief(id).unwrap().map(|n| Brief::of(&n))
                );
                let attended: Vec<(Rc<str>, Brief)> = store
                    .out_edges_brief(id, Some(EdgeKind::Attended))
                    .unwrap()
                    .iter()
                    .filter_map(|e| {
                        let node = store.node_brief(&e.dst).unwrap()?;
                        Some((Rc::from(e.dst.as_str()), Brief::of(&node)))
                    })
                    .collect();
                assert_eq!(known.attended(id, &|_| true).unwrap(), attended, "{id}");
                let calls: Vec<(Rc<str>, Brief)> =
                    attended.into_iter().filter(|(_, b)| b.remote).collect();
                assert_eq!(known.attended(id, &|b| b.remote).unwrap(), calls, "{id}");
                for kind in [EdgeKind::Attended, EdgeKind::Represents, EdgeKind::HeldIn] {
                    let ends = |edges: Vec<model::Edge>, out: bool| {
                        ingest::neighbors(edges.iter().map(|e| {
                            if out {
                                e.dst.as_str()
                            } else {
                                e.src.as_str()
                            }
                        }))
                    };
                    assert_eq!(
                        known.out_neighbors(id, kind).unwrap(),
                        ends(store.out_edges_brief(id, Some(kind)).unwrap(), true),
                        "out {id} {kind:?} after {source}"
                    );
                    assert_eq!(
                        known.in_neighbors(id, kind).unwrap(),
                        ends(store.in_edges_brief(id, Some(kind)).unwrap(), false),
                        "in {id} {kind:?} after {source}"
                    );
                }
            }
        }
        assert!(ids.iter().any(|id| id.starts_with("meeting/")));
    }
}
