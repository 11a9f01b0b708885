//! Upgrades a store of an older format in place, when it is opened.
//!
//! Format 1 kept every edge as facts in `edge_facts` and an entry in `in`. Format 2
//! moves each article's `mentions` edges that only it supports into its commit record
//! (see the crate documentation on owned edges). The upgrade rewrites one batch of
//! commit records at a time, each batch atomically; a record already rewritten decodes
//! as format 2 and is left alone, so an interrupted upgrade goes on where it stopped the
//! next time the store is opened. The version is written last.

use std::collections::HashSet;

use model::Article;

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

/// Rewrites a format-1 store as format 2 and marks it so.
pub(crate) fn from_v1(store: &Store) -> Result<(), StoreError> {
    let kind = edge_kind_byte(OWNED_KIND);
    let mut after: Option<Vec<u8>> = None;
    loop {
        // The next batch of commit records, read before any is rewritten.
        let start = match &after {
            Some(key) => {
                let mut next = key.clone();
                next.push(0);
                next
            }
            None => prefixed(T::Commits, &[]),
        };
        let mut records = Vec::with_capacity(BATCH);
        for item in store.data.range(start..) {
            let (key, value) = item?;
            if key.first() != Some(&(T::Commits as u8)) {
                break;
            }
            records.push((key, value));
            if records.len() == BATCH {
                break;
            }
        }
        let Some((last, _)) = records.last() else {
            break;
        };
        after = Some(last.to_vec());
        let mut batch = sled::Batch::default();
        for (full_key, value) in &records {
            let key = &full_key[1..];
            if decode::<CommitRecord>(T::Commits.name(), key, value).is_ok() {
                continue;
            }
            let old: CommitRecordV1 = decode(T::Commits.name(), key, value)?;
            let seq = read_u64(T::Commits.name(), key, key, 0)?;
            let own = match &old.article {
                Some(id) => {
                    let own_id = Article {
                        id: id.clone(),
                        source: String::new(),
                        title: None,
                        date: None,
                        bytes: 0,
                    }
                    .node_id();
                    store
                        .get(T::NodeIds, own_id.as_bytes())?
                        .map(|bytes| read_u64(T::NodeIds.name(), own_id.as_bytes(), &bytes, 0))
                        .transpose()?
                }
                None => None,
            };
            let with_facts: HashSet<u64> = old.nodes.iter().copied().collect();
            let mut record = CommitRecord {
                article: old.article,
                nodes: old.nodes,
                edges: Vec::with_capacity(old.edges.len()),
                own: None,
                owned: Vec::new(),
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
    store
        .meta_tree()
        .insert(VERSION_KEY, &crate::SCHEMA_VERSION.to_be_bytes())?;
    store.db.flush()?;
    Ok(())
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
