//! The stored record types, their bincode encoding, and the binary keys.
//!
//! These types are the on-disk format: changing a field changes the format and needs a
//! new [`crate::SCHEMA_VERSION`]. Model types are converted at the boundary so that a
//! change in `model` cannot silently change what is on disk.

use std::collections::{BTreeMap, BTreeSet};

use bincode::{Decode, Encode};
use model::{EdgeKind, Evidence, NodeKind};

use crate::error::StoreError;

/// One article's contribution to one node: the article's own record of it, with its
/// duplicates within the article already merged. Evidence points into the article's
/// [`SentenceTable`].
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub(crate) struct NodeFact {
    pub(crate) kind: u8,
    pub(crate) name: String,
    pub(crate) aliases: BTreeSet<String>,
    pub(crate) keys: BTreeSet<String>,
    pub(crate) props: BTreeMap<String, String>,
    pub(crate) evidence: Vec<u32>,
}

/// One article's contribution to one edge.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub(crate) struct EdgeFact {
    pub(crate) props: BTreeMap<String, String>,
    pub(crate) evidence: Vec<u32>,
}

/// A node as merged over all its facts, without evidence: what lookups that do not
/// need evidence read, and what the match key index and kind index are kept from.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub(crate) struct NodeHead {
    pub(crate) kind: u8,
    pub(crate) name: String,
    pub(crate) aliases: BTreeSet<String>,
    pub(crate) keys: BTreeSet<String>,
    pub(crate) props: BTreeMap<String, String>,
}

/// An edge's properties as merged over all its facts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode)]
pub(crate) struct EdgeHead {
    pub(crate) props: BTreeMap<String, String>,
}

/// The sentences one commit's facts cite, each stored once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode)]
pub(crate) struct SentenceTable {
    /// The committed article's id, which evidence without its own article names.
    pub(crate) article: Option<String>,
    pub(crate) sentences: Vec<SentenceRecord>,
}

/// Evidence without the article id when it names the committed article (the usual
/// case).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Encode, Decode)]
pub(crate) struct SentenceRecord {
    /// `None`: the article that contributed the fact.
    pub(crate) article: Option<String>,
    pub(crate) sentence: String,
    pub(crate) start: u64,
    pub(crate) end: u64,
}

/// An article's metadata; the id is the key.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub(crate) struct ArticleRecord {
    /// The commit sequence number: the order in which articles were committed.
    pub(crate) seq: u64,
    pub(crate) source: String,
    pub(crate) title: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) bytes: u64,
}

/// What one commit wrote: the list used to forget it again, and the edges only this
/// commit can support, kept here whole rather than as facts of their own.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub(crate) struct CommitRecord {
    /// The committed article's own node, when `owned` is not empty.
    pub(crate) own: Option<u64>,
    /// The `mentions` edges leaving `own`, sorted by destination: see the crate
    /// documentation on owned edges. First in the record, with `own`, so that
    /// [`OwnedPart`] reads them without decoding the rest.
    pub(crate) owned: Vec<OwnedEdge>,
    /// The article id, or `None` for facts restored by `import` that no article backs.
    pub(crate) article: Option<String>,
    /// Interned ids of the nodes it supports.
    pub(crate) nodes: Vec<u64>,
    /// Interned (source, kind, destination) of the edges it supports with facts in the
    /// `edge_facts` family.
    pub(crate) edges: Vec<(u64, u8, u64)>,
}

/// The start of a [`CommitRecord`]: its owned edges, for the reads that need only
/// those (see [`decode_prefix`]).
#[derive(Clone, Debug, PartialEq, Eq, Decode)]
pub(crate) struct OwnedPart {
    pub(crate) own: Option<u64>,
    pub(crate) owned: Vec<OwnedEdge>,
}

/// An owned edge: a `mentions` edge from the commit's own article node, held in the
/// commit record instead of an `edge_facts` and an `in` record.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub(crate) struct OwnedEdge {
    pub(crate) dst: u64,
    pub(crate) fact: EdgeFact,
}

/// A commit record of format version 1, which had no owned edges: read only to
/// upgrade a store.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub(crate) struct CommitRecordV1 {
    pub(crate) article: Option<String>,
    pub(crate) nodes: Vec<u64>,
    pub(crate) edges: Vec<(u64, u8, u64)>,
}

/// The largest record `decode` accepts: a damaged length prefix must not make it
/// allocate without bound. One article's fact about one node stays far below this.
const DECODE_LIMIT: usize = 64 << 20;

fn config() -> bincode::config::Configuration<
    bincode::config::LittleEndian,
    bincode::config::Varint,
    bincode::config::Limit<DECODE_LIMIT>,
> {
    bincode::config::standard().with_limit::<DECODE_LIMIT>()
}

/// Encodes a record. Encoding into a `Vec` cannot fail for these types.
pub(crate) fn encode<T: Encode>(value: &T) -> Vec<u8> {
    bincode::encode_to_vec(value, config()).unwrap_or_default()
}

/// Decodes a record, naming the tree and key on failure. Trailing bytes are an error.
pub(crate) fn decode<T: Decode<()>>(
    tree: &'static str,
    key: &[u8],
    bytes: &[u8],
) -> Result<T, StoreError> {
    let (value, used) = bincode::decode_from_slice(bytes, config())
        .map_err(|e| StoreError::decode(tree, key, e))?;
    if used != bytes.len() {
        return Err(StoreError::decode(
            tree,
            key,
            format!("{} trailing bytes", bytes.len() - used),
        ));
    }
    Ok(value)
}

/// Decodes the start of a record as `T`, ignoring the bytes after it: for reading the
/// leading fields of a larger record, such as [`OwnedPart`] of a [`CommitRecord`].
pub(crate) fn decode_prefix<T: Decode<()>>(
    tree: &'static str,
    key: &[u8],
    bytes: &[u8],
) -> Result<T, StoreError> {
    bincode::decode_from_slice(bytes, config())
        .map(|(value, _)| value)
        .map_err(|e| StoreError::decode(tree, key, e))
}

/// The byte a node kind is stored as: its position in [`NodeKind::ALL`].
pub(crate) fn node_kind_byte(kind: NodeKind) -> u8 {
    NodeKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u8
}

/// The byte an edge kind is stored as: its position in [`EdgeKind::ALL`].
pub(crate) fn edge_kind_byte(kind: EdgeKind) -> u8 {
    EdgeKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u8
}

pub(crate) fn node_kind(tree: &'static str, key: &[u8], byte: u8) -> Result<NodeKind, StoreError> {
    NodeKind::ALL
        .get(usize::from(byte))
        .copied()
        .ok_or_else(|| StoreError::decode(tree, key, format!("unknown node kind {byte}")))
}

pub(crate) fn edge_kind(tree: &'static str, key: &[u8], byte: u8) -> Result<EdgeKind, StoreError> {
    EdgeKind::ALL
        .get(usize::from(byte))
        .copied()
        .ok_or_else(|| StoreError::decode(tree, key, format!("unknown edge kind {byte}")))
}

/// Reads a big-endian `u64` at `at` in a key or value.
pub(crate) fn read_u64(
    tree: &'static str,
    key: &[u8],
    bytes: &[u8],
    at: usize,
) -> Result<u64, StoreError> {
    bytes
        .get(at..at + 8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map(u64::from_be_bytes)
        .ok_or_else(|| StoreError::decode(tree, key, format!("expected 8 bytes at offset {at}")))
}

/// `a | b` as big-endian bytes: a node's fact key (node, seq).
pub(crate) fn pair_key(a: u64, b: u64) -> Vec<u8> {
    let mut key = Vec::with_capacity(16);
    key.extend_from_slice(&a.to_be_bytes());
    key.extend_from_slice(&b.to_be_bytes());
    key
}

/// `from | kind | to`: an adjacency key, and the prefix of an edge's fact keys.
pub(crate) fn edge_key(from: u64, kind: u8, to: u64) -> Vec<u8> {
    let mut key = Vec::with_capacity(25);
    key.extend_from_slice(&from.to_be_bytes());
    key.push(kind);
    key.extend_from_slice(&to.to_be_bytes());
    key
}

/// `edge_key | seq`: one article's fact about one edge.
pub(crate) fn edge_fact_key(src: u64, kind: u8, dst: u64, seq: u64) -> Vec<u8> {
    let mut key = edge_key(src, kind, dst);
    key.extend_from_slice(&seq.to_be_bytes());
    key
}

/// `len(key) | key`: the prefix of a match key's index entries. The length makes
/// a prefix scan an exact match.
pub(crate) fn match_key_prefix(match_key: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(4 + match_key.len() + 8);
    key.extend_from_slice(&(match_key.len() as u32).to_be_bytes());
    key.extend_from_slice(match_key.as_bytes());
    key
}

/// `len(key) | key | node`: one entry of the match key index.
pub(crate) fn match_key_entry(match_key: &str, node: u64) -> Vec<u8> {
    let mut key = match_key_prefix(match_key);
    key.extend_from_slice(&node.to_be_bytes());
    key
}

impl SentenceRecord {
    pub(crate) fn from_evidence(evidence: &Evidence, article: Option<&str>) -> SentenceRecord {
        SentenceRecord {
            article: if Some(evidence.article.as_str()) == article {
                None
            } else {
                Some(evidence.article.clone())
            },
            sentence: evidence.sentence.clone(),
            start: evidence.start as u64,
            end: evidence.end as u64,
        }
    }
}

impl SentenceTable {
    /// The evidence at `index`, naming the committed article when the record names none.
    pub(crate) fn evidence(
        &self,
        index: u32,
        tree: &'static str,
        key: &[u8],
    ) -> Result<Evidence, StoreError> {
        let record = self.sentences.get(index as usize).ok_or_else(|| {
            StoreError::decode(
                tree,
                key,
                format!("evidence {index} is not in the sentence table"),
            )
        })?;
        let article = match (&record.article, &self.article) {
            (Some(other), _) => other.clone(),
            (None, Some(own)) => own.clone(),
            (None, None) => return Err(StoreError::decode(tree, key, "evidence names no article")),
        };
        let to_usize = |x: u64| {
            usize::try_from(x).map_err(|_| StoreError::decode(tree, key, "byte offset too large"))
        };
        Ok(Evidence {
            article,
            sentence: record.sentence.clone(),
            start: to_usize(record.start)?,
            end: to_usize(record.end)?,
        })
    }
}
