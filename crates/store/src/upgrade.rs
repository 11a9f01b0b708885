//! Upgrades a store of an older format in place, when it is opened.
//!
//! Format 1 kept every edge as facts in `edge_facts` and an entry in `in`. Format 2
//! moves each article's `mentions` edges that only it supports into its commit record
//! (see the crate documentation on owned edges), and puts a commit record's owned
//! edges first.
//!
//! The upgrade first marks the store as format 2 *being upgraded* (`version` 2 and
//! `upgrading` in the `meta` tree, in one atomic batch), so that a summit that reads
//! only format 1 refuses the store from then on rather than misreading a half-upgraded
//! one. It then rewrites the commit records in order, a batch at a time; each batch
//! also records, atomically with it, the last commit it rewrote (`upgraded_through` in
//! the meta family), so an interrupted upgrade resumes after it the next time the store
//! is opened. The `upgrading` mark is removed last.

use std::collections::HashSet;

use crate::{
    error::StoreError,
    records::{
        decode, edge_fact_key, edge_key, edge_kind_byte, encode, read_u64, CommitRecord,
        CommitRecordV1, EdgeFact, OwnedEdge,
    },
    store::{prefixed, Store, OWNED_KIND, T, VERSION_KEY},
};

/// Commit records rewritten per atomic batch.
const BATCH: usize = 512;

/// The `meta` tree key that marks a store whose upgrade has not finished.
pub(crate) const UPGRADING_KEY: &[u8] = b"upgrading";

/// The meta-family key of the last commit an unfinished upgrade rewrote.
const PROGRESS_KEY: &[u8] = b"upgraded_through";

/// Marks a format-1 store as being upgraded, then upgrades it.
pub(crate) fn from_v1(store: &Store) -> Result<(), StoreError> {
    let mut mark = sled::Batch::default();
    mark.insert(UPGRADING_KEY, &[1u8][..]);
    mark.insert(VERSION_KEY, &crate::SCHEMA_VERSION.to_be_bytes()[..]);
    store.meta_tree().apply_batch(mark)?;
    store.db.flush()?;
    resume(store)
}

/// Finishes the upgrade of a store marked as being upgraded.
pub(crate) fn resume(store: &Store) -> Result<(), StoreError> {
    resume_with(store, BATCH, None)
}

/// [`resume`] with `batch` records per batch, stopping with an error after `stop_after`
/// batches when given: tests interrupt an upgrade this way.
pub(crate) fn resume_with(
    store: &Store,
    batch_len: usize,
    stop_after: Option<usize>,
) -> Result<(), StoreError> {
    let kind = edge_kind_byte(OWNED_KIND);
    let mut batches = 0;
    loop {
        let start = match store.get(T::Meta, PROGRESS_KEY)? {
            Some(last) => {
                let mut next = prefixed(T::Commits, &last);
                next.push(0);
                next
            }
            None => prefixed(T::Commits, &[]),
        };
        let mut records = Vec::with_capacity(batch_len);
        for item in store.data.range(start..) {
            let (key, value) = item?;
            if key.first() != Some(&(T::Commits as u8)) {
                break;
            }
            records.push((key, value));
            if records.len() == batch_len {
                break;
            }
        }
        let Some((last, _)) = records.last() else {
            break;
        };
        if stop_after == Some(batches) {
            return Err(StoreError::Inconsistent {
                detail: "the upgrade was interrupted".into(),
            });
        }
        batches += 1;
        let mut batch = sled::Batch::default();
        batch.insert(
            prefixed(T::Meta, PROGRESS_KEY),
            last.get(1..).unwrap_or_default(),
        );
        for (full_key, value) in &records {
            let key = full_key.get(1..).unwrap_or_default();
            let old: CommitRecordV1 = decode(T::Commits.name(), key, value)?;
            let seq = read_u64(T::Commits.name(), key, key, 0)?;
            let own = match &old.article {
                Some(id) => own_node(store, id)?,
                None => None,
            };
            let with_facts: HashSet<u64> = old.nodes.iter().copied().collect();
            let mut record = CommitRecord {
                own: None,
                owned: Vec::new(),
                article: old.article,
                nodes: old.nodes,
                edges: Vec::with_capacity(old.edges.len()),
            };
            for (src, k, dst) in old.edges {
                let owned = Some(src) == own
                    && k == kind
                    && with_facts.contains(&src)
                    && with_facts.contains(&dst)
                    && only_fact(store, (src, k, dst), seq)?;
                if !owned {
                    record.edges.push((src, k, dst));
                    continue;
                }
                let fact_key = edge_fact_key(src, k, dst, seq);
                let fact: EdgeFact = match store.get(T::EdgeFacts, &fact_key)? {
                    Some(bytes) => decode(T::EdgeFacts.name(), &fact_key, &bytes)?,
                    None => {
                        return Err(StoreError::Inconsistent {
                            detail: format!("commit {seq} lists an edge without its fact"),
                        })
                    }
                };
                batch.remove(prefixed(T::EdgeFacts, &fact_key));
                batch.remove(prefixed(T::In, &edge_key(dst, k, src)));
                record.owned.push(OwnedEdge { dst, fact });
            }
            if !record.owned.is_empty() {
                record.own = own;
                record.owned.sort_by_key(|e| e.dst);
            }
            batch.insert(full_key.clone(), encode(&record));
        }
        store.data.apply_batch(batch)?;
    }
    // The mark goes first: without it the progress key is only a leftover.
    store.meta_tree().remove(UPGRADING_KEY)?;
    store.db.flush()?;
    store.data.remove(prefixed(T::Meta, PROGRESS_KEY))?;
    store.db.flush()?;
    Ok(())
}

/// The node number of article `id`'s own node, if it has one.
fn own_node(store: &Store, id: &str) -> Result<Option<u64>, StoreError> {
    let own_id = model::article_node_id(id);
    store
        .get(T::NodeIds, own_id.as_bytes())?
        .map(|bytes| read_u64(T::NodeIds.name(), own_id.as_bytes(), &bytes, 0))
        .transpose()
}

/// Whether commit `seq` holds the only fact of an edge.
fn only_fact(
    store: &Store,
    (src, kind, dst): (u64, u8, u64),
    seq: u64,
) -> Result<bool, StoreError> {
    let mut seqs = store.scan(T::EdgeFacts, edge_key(src, kind, dst));
    let first = match seqs.next() {
        Some(item) => {
            let (key, _) = item?;
            read_u64(T::EdgeFacts.name(), &key, &key, 17)?
        }
        None => return Ok(false),
    };
    Ok(first == seq && seqs.next().is_none())
}
