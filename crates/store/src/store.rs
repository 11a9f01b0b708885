//! The [`Store`]: one open sled database holding the merged graph.

use std::{
    collections::{BTreeMap, HashMap},
    path::{Path, PathBuf},
    sync::{RwLock, RwLockReadGuard, RwLockWriteGuard},
};

use model::{Article, Edge, EdgeKey, EdgeKind, Evidence, Extraction, Graph, Node, NodeKind};
use sled::{transaction::TransactionError, Transactional};

use crate::{
    error::StoreError,
    records::{
        decode, edge_fact_key, edge_key, edge_kind, edge_kind_byte, encode, match_key_entry,
        match_key_prefix, node_kind, node_kind_byte, pair_key, read_u64, ArticleRecord,
        CommitRecord, EdgeFact, EvidenceRecord, NodeFact,
    },
};

/// The store format this build reads and writes, kept big-endian under `version` in the
/// `meta` tree.
pub const SCHEMA_VERSION: u64 = 1;

const VERSION_KEY: &[u8] = b"version";
const NEXT_SEQ_KEY: &[u8] = b"next_seq";
const NEXT_NODE_KEY: &[u8] = b"next_node";

/// The trees of a store. See the crate documentation for what each holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum T {
    Meta,
    NodeIds,
    NodeNames,
    Nodes,
    NodesByKind,
    NodeFacts,
    EdgeFacts,
    Out,
    In,
    Keys,
    Articles,
    Sources,
    SeqArticles,
    Commits,
}

const N_TREES: usize = 14;

const TREES: [(T, &str); N_TREES] = [
    (T::Meta, "meta"),
    (T::NodeIds, "node_ids"),
    (T::NodeNames, "node_names"),
    (T::Nodes, "nodes"),
    (T::NodesByKind, "nodes_by_kind"),
    (T::NodeFacts, "node_facts"),
    (T::EdgeFacts, "edge_facts"),
    (T::Out, "out"),
    (T::In, "in"),
    (T::Keys, "keys"),
    (T::Articles, "articles"),
    (T::Sources, "sources"),
    (T::SeqArticles, "seq_articles"),
    (T::Commits, "commits"),
];

impl T {
    fn name(self) -> &'static str {
        TREES[self as usize].1
    }
}

/// Counts of what a store holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Stored articles.
    pub articles: u64,
    /// Nodes by kind; every kind is present, with 0 when there are none.
    pub nodes: BTreeMap<NodeKind, u64>,
    /// Edges by kind; every kind is present, with 0 when there are none.
    pub edges: BTreeMap<EdgeKind, u64>,
}

/// What [`Store::commit`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommitSummary {
    /// The article was already stored: nothing changed.
    pub unchanged: bool,
    /// The id of an older article from the same source, forgotten in the same step.
    pub replaced: Option<String>,
    /// Nodes that were not in the store before this commit.
    pub nodes_added: usize,
    /// Edges that were not in the store before this commit.
    pub edges_added: usize,
}

/// One open store: a sled database at a path, locked against other processes.
///
/// Readers may run on several threads; writes ([`Store::commit`], [`Store::forget`],
/// [`Store::import`]) are serialised, and a reader never sees half of a write.
pub struct Store {
    pub(crate) db: sled::Db,
    trees: [sled::Tree; N_TREES],
    path: PathBuf,
    lock: RwLock<()>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the store at `path`, creating it if missing.
    ///
    /// Fails with [`StoreError::Locked`] when another process has it open,
    /// [`StoreError::Version`] when it was written in another format, and
    /// [`StoreError::NotAStore`] when the path holds something else.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if path.is_file() {
            return Err(StoreError::NotAStore {
                path: path.to_owned(),
            });
        }
        if path.is_dir() && !path.join("conf").exists() {
            let mut entries = std::fs::read_dir(path).map_err(|e| StoreError::Open {
                path: path.to_owned(),
                source: sled::Error::Io(e),
            })?;
            if entries.next().is_some() {
                return Err(StoreError::NotAStore {
                    path: path.to_owned(),
                });
            }
        }
        Store::open_config(sled::Config::new().path(path), path)
    }

    /// Opens a throwaway store that sled deletes when it is dropped: for tests.
    pub fn temporary() -> Result<Store, StoreError> {
        let config = sled::Config::new().temporary(true);
        let path = config.get_path();
        Store::open_config(config, &path)
    }

    fn open_config(config: sled::Config, path: &Path) -> Result<Store, StoreError> {
        let db = config.open().map_err(|source| open_error(source, path))?;
        Store::from_db(db, path)
    }

    fn from_db(db: sled::Db, path: &Path) -> Result<Store, StoreError> {
        let existing: Vec<sled::IVec> = db.tree_names();
        let mut trees = Vec::with_capacity(N_TREES);
        for (_, name) in TREES {
            trees.push(db.open_tree(name)?);
        }
        let trees: [sled::Tree; N_TREES] =
            trees.try_into().map_err(|_| StoreError::Inconsistent {
                detail: "wrong number of trees".into(),
            })?;
        let store = Store {
            db,
            trees,
            path: path.to_owned(),
            lock: RwLock::new(()),
        };
        match store.tree(T::Meta).get(VERSION_KEY)? {
            Some(bytes) => {
                let found = read_u64(T::Meta.name(), VERSION_KEY, &bytes, 0)?;
                if found != SCHEMA_VERSION || bytes.len() != 8 {
                    return Err(StoreError::Version {
                        found,
                        expected: SCHEMA_VERSION,
                        path: path.to_owned(),
                    });
                }
            }
            None => {
                // A new store has no data anywhere; anything else is someone else's sled.
                let ours: Vec<&str> = TREES.iter().map(|(_, name)| *name).collect();
                let foreign = existing.iter().any(|name| {
                    name.as_ref() != b"__sled__default"
                        && !ours.iter().any(|o| o.as_bytes() == name.as_ref())
                });
                let has_data = !store.db.is_empty() || store.trees.iter().any(|t| !t.is_empty());
                if foreign || has_data {
                    return Err(StoreError::NotAStore {
                        path: path.to_owned(),
                    });
                }
                store
                    .tree(T::Meta)
                    .insert(VERSION_KEY, &SCHEMA_VERSION.to_be_bytes())?;
                store.db.flush()?;
            }
        }
        Ok(store)
    }

    /// The directory the store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn tree(&self, t: T) -> &sled::Tree {
        &self.trees[t as usize]
    }

    fn read(&self) -> RwLockReadGuard<'_, ()> {
        self.lock
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, ()> {
        self.lock
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The article with this id.
    pub fn article(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let _guard = self.read();
        self.article_record(id)?
            .map(|(_, record)| Ok(article_from(id, record)))
            .transpose()
    }

    /// The article stored from this source (a path, or `-`).
    pub fn article_by_source(&self, source: &str) -> Result<Option<Article>, StoreError> {
        let _guard = self.read();
        let Some(id) = self.article_id_by_source(source)? else {
            return Ok(None);
        };
        self.article_record(&id)?
            .map(|(_, record)| Ok(article_from(&id, record)))
            .transpose()
    }

    /// Every article, sorted by id.
    pub fn articles(&self) -> Result<Vec<Article>, StoreError> {
        let _guard = self.read();
        let mut out = Vec::new();
        for item in self.tree(T::Articles).iter() {
            let (key, value) = item?;
            let id = utf8(T::Articles, &key, &key)?;
            let record: ArticleRecord = decode(T::Articles.name(), &key, &value)?;
            out.push(article_from(&id, record));
        }
        Ok(out)
    }

    /// Adds one article's facts, atomically: afterwards the store holds all of them or,
    /// after a crash or an error, none.
    ///
    /// An article already stored (same id) changes nothing. An article from the same
    /// source as a stored one, with different text (another id), replaces it: the old
    /// article is forgotten in the same atomic step.
    pub fn commit(&self, extraction: &Extraction) -> Result<CommitSummary, StoreError> {
        let article = extraction.article.as_ref().ok_or(StoreError::NoArticle)?;
        let _guard = self.write();
        if self.article_record(&article.id)?.is_some() {
            return Ok(CommitSummary {
                unchanged: true,
                ..CommitSummary::default()
            });
        }
        let mut plan = Plan::new(self)?;
        let mut replaced = None;
        if let Some(old_id) = self.article_id_by_source(&article.source)? {
            if old_id != article.id {
                plan.forget(&old_id)?;
                replaced = Some(old_id);
            }
        }
        let (nodes, edges) = premerge(
            extraction.nodes.iter().cloned(),
            extraction.edges.iter().cloned(),
        );
        let (nodes_added, edges_added) = plan.add(Some(article), nodes, edges)?;
        plan.apply()?;
        Ok(CommitSummary {
            unchanged: false,
            replaced,
            nodes_added,
            edges_added,
        })
    }

    /// Removes an article and every fact only it supported; facts other articles also
    /// support stay, with their aliases, keys and properties recomputed from those
    /// articles. Returns whether the article was stored.
    pub fn forget(&self, article_id: &str) -> Result<bool, StoreError> {
        let _guard = self.write();
        if self.article_record(article_id)?.is_none() {
            return Ok(false);
        }
        let mut plan = Plan::new(self)?;
        plan.forget(article_id)?;
        plan.apply()?;
        Ok(true)
    }

    /// The node with this id, merged over every article that supports it.
    pub fn node(&self, id: &str) -> Result<Option<Node>, StoreError> {
        let _guard = self.read();
        let Some(num) = self.node_num(id)? else {
            return Ok(None);
        };
        if self.tree(T::Nodes).get(num.to_be_bytes())?.is_none() {
            return Ok(None);
        }
        self.load_node(num, id.to_owned(), &mut SeqCache::default())
    }

    /// The nodes whose [`Node::keys`] contain `key` (already folded), sorted by id.
    pub fn nodes_with_key(&self, key: &str) -> Result<Vec<Node>, StoreError> {
        let _guard = self.read();
        let prefix = match_key_prefix(key);
        let mut nums = Vec::new();
        for item in self.tree(T::Keys).scan_prefix(&prefix) {
            let (entry, _) = item?;
            nums.push(read_u64(T::Keys.name(), &entry, &entry, prefix.len())?);
        }
        self.load_nodes(nums)
    }

    /// The nodes of one kind, sorted by id.
    pub fn nodes_of_kind(&self, kind: NodeKind) -> Result<Vec<Node>, StoreError> {
        let _guard = self.read();
        let mut nums = Vec::new();
        for item in self
            .tree(T::NodesByKind)
            .scan_prefix([node_kind_byte(kind)])
        {
            let (entry, _) = item?;
            nums.push(read_u64(T::NodesByKind.name(), &entry, &entry, 1)?);
        }
        self.load_nodes(nums)
    }

    /// The edges leaving node `id`, of one kind or all, sorted by [`EdgeKey`].
    pub fn out_edges(&self, id: &str, kind: Option<EdgeKind>) -> Result<Vec<Edge>, StoreError> {
        self.adjacent(id, kind, T::Out)
    }

    /// The edges arriving at node `id`, of one kind or all, sorted by [`EdgeKey`].
    pub fn in_edges(&self, id: &str, kind: Option<EdgeKind>) -> Result<Vec<Edge>, StoreError> {
        self.adjacent(id, kind, T::In)
    }

    /// Every node and edge. The same commits in the same order give the same graph.
    pub fn graph(&self) -> Result<Graph, StoreError> {
        let _guard = self.read();
        let mut seqs = SeqCache::default();
        seqs.load_all(self)?;
        let mut names = HashMap::new();
        for item in self.tree(T::NodeNames).iter() {
            let (key, value) = item?;
            let num = read_u64(T::NodeNames.name(), &key, &key, 0)?;
            names.insert(num, utf8(T::NodeNames, &key, &value)?);
        }
        let name_of = |num: u64| {
            names
                .get(&num)
                .cloned()
                .ok_or_else(|| StoreError::Inconsistent {
                    detail: format!("node number {num} has no id"),
                })
        };
        let mut graph = Graph::new();
        let mut current: Option<(u64, Node)> = None;
        for item in self.tree(T::NodeFacts).iter() {
            let (key, value) = item?;
            let num = read_u64(T::NodeFacts.name(), &key, &key, 0)?;
            let seq = read_u64(T::NodeFacts.name(), &key, &key, 8)?;
            let fact: NodeFact = decode(T::NodeFacts.name(), &key, &value)?;
            let article = seqs.get(self, seq)?;
            match &mut current {
                Some((n, node)) if *n == num => {
                    node.absorb(node_from(String::new(), fact, article.as_deref(), &key)?)
                }
                _ => {
                    if let Some((_, node)) = current.take() {
                        graph.nodes.insert(node.id.clone(), node);
                    }
                    current = Some((
                        num,
                        node_from(name_of(num)?, fact, article.as_deref(), &key)?,
                    ));
                }
            }
        }
        if let Some((_, node)) = current.take() {
            graph.nodes.insert(node.id.clone(), node);
        }
        let mut current: Option<(Vec<u8>, Edge)> = None;
        for item in self.tree(T::EdgeFacts).iter() {
            let (key, value) = item?;
            let prefix = key.get(..17).unwrap_or(&key[..]);
            let fact: EdgeFact = decode(T::EdgeFacts.name(), &key, &value)?;
            let seq = read_u64(T::EdgeFacts.name(), &key, &key, 17)?;
            let article = seqs.get(self, seq)?;
            match &mut current {
                Some((p, edge)) if p.as_slice() == prefix => edge.absorb(edge_from(
                    edge.src.clone(),
                    edge.kind,
                    edge.dst.clone(),
                    fact,
                    article.as_deref(),
                    &key,
                )?),
                _ => {
                    if let Some((_, edge)) = current.take() {
                        graph.edges.insert(edge.key(), edge);
                    }
                    let src = read_u64(T::EdgeFacts.name(), &key, &key, 0)?;
                    let kind = edge_kind(T::EdgeFacts.name(), &key, key[8])?;
                    let dst = read_u64(T::EdgeFacts.name(), &key, &key, 9)?;
                    let edge = edge_from(
                        name_of(src)?,
                        kind,
                        name_of(dst)?,
                        fact,
                        article.as_deref(),
                        &key,
                    )?;
                    current = Some((prefix.to_vec(), edge));
                }
            }
        }
        if let Some((_, edge)) = current.take() {
            graph.edges.insert(edge.key(), edge);
        }
        Ok(graph)
    }

    /// Counts of articles, nodes and edges.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let _guard = self.read();
        let mut stats = Stats {
            articles: self.tree(T::Articles).len() as u64,
            nodes: NodeKind::ALL.iter().map(|k| (*k, 0)).collect(),
            edges: EdgeKind::ALL.iter().map(|k| (*k, 0)).collect(),
        };
        for item in self.tree(T::NodesByKind).iter().keys() {
            let key = item?;
            let kind = node_kind(
                T::NodesByKind.name(),
                &key,
                key.first().copied().unwrap_or(u8::MAX),
            )?;
            *stats.nodes.entry(kind).or_default() += 1;
        }
        for item in self.tree(T::Out).iter().keys() {
            let key = item?;
            let kind = edge_kind(T::Out.name(), &key, key.get(8).copied().unwrap_or(u8::MAX))?;
            *stats.edges.entry(kind).or_default() += 1;
        }
        Ok(stats)
    }

    /// Restores a backup (a [`Store::graph`] and [`Store::articles`] export) into an
    /// empty store, so that [`Store::graph`] afterwards equals `graph` (with evidence
    /// sorted and deduplicated).
    ///
    /// Each node and edge is credited to the listed articles its evidence names (an
    /// article's own node and the edges leaving it to that article), each with the full
    /// name, aliases, keys and properties, so that forgetting one of several supporting
    /// articles keeps them. Facts no listed article backs are kept under an anonymous
    /// contribution that [`Store::forget`] cannot remove. Articles are committed in the
    /// order given, each atomically; an interrupted import leaves a partial store: import
    /// again into a new one.
    pub fn import(&self, graph: &Graph, articles: &[Article]) -> Result<(), StoreError> {
        let _guard = self.write();
        if !self.tree(T::Articles).is_empty()
            || !self.tree(T::NodeFacts).is_empty()
            || !self.tree(T::EdgeFacts).is_empty()
        {
            return Err(StoreError::NotEmpty {
                path: self.path.clone(),
            });
        }
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut listed: Vec<&Article> = Vec::new();
        for article in articles {
            if !index.contains_key(article.id.as_str()) {
                index.insert(&article.id, listed.len());
                listed.push(article);
            }
        }
        // One list of nodes and edges per listed article, and a last one for the rest.
        let mut parts: Vec<(Vec<Node>, Vec<Edge>)> =
            vec![(Vec::new(), Vec::new()); listed.len() + 1];
        let anonymous = listed.len();
        let owner_of = |id: &str| {
            id.strip_prefix("article/")
                .and_then(|a| index.get(a).copied())
        };
        for node in graph.nodes.values() {
            let owner = if node.kind == NodeKind::Article {
                owner_of(&node.id)
            } else {
                None
            };
            for (part, evidence) in split_evidence(&node.evidence, &index, owner, anonymous) {
                parts[part].0.push(Node {
                    evidence,
                    ..node.clone()
                });
            }
        }
        for edge in graph.edges.values() {
            let owner = owner_of(&edge.src);
            for (part, evidence) in split_evidence(&edge.evidence, &index, owner, anonymous) {
                parts[part].1.push(Edge {
                    evidence,
                    ..edge.clone()
                });
            }
        }
        for (part, (nodes, edges)) in parts.into_iter().enumerate() {
            let article = listed.get(part).copied();
            if article.is_none() && nodes.is_empty() && edges.is_empty() {
                continue;
            }
            let mut plan = Plan::new(self)?;
            let (nodes, edges) = premerge(nodes.into_iter(), edges.into_iter());
            plan.add(article, nodes, edges)?;
            plan.apply()?;
        }
        Ok(())
    }

    /// Makes every write so far durable (sled also flushes in the background about
    /// every half second, and when the store is dropped).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    fn article_record(&self, id: &str) -> Result<Option<(Vec<u8>, ArticleRecord)>, StoreError> {
        match self.tree(T::Articles).get(id.as_bytes())? {
            None => Ok(None),
            Some(bytes) => Ok(Some((
                id.as_bytes().to_vec(),
                decode(T::Articles.name(), id.as_bytes(), &bytes)?,
            ))),
        }
    }

    fn article_id_by_source(&self, source: &str) -> Result<Option<String>, StoreError> {
        self.tree(T::Sources)
            .get(source.as_bytes())?
            .map(|id| utf8(T::Sources, source.as_bytes(), &id))
            .transpose()
    }

    fn node_num(&self, id: &str) -> Result<Option<u64>, StoreError> {
        self.tree(T::NodeIds)
            .get(id.as_bytes())?
            .map(|bytes| read_u64(T::NodeIds.name(), id.as_bytes(), &bytes, 0))
            .transpose()
    }

    fn node_id(&self, num: u64) -> Result<String, StoreError> {
        let key = num.to_be_bytes();
        match self.tree(T::NodeNames).get(key)? {
            Some(bytes) => utf8(T::NodeNames, &key, &bytes),
            None => Err(StoreError::Inconsistent {
                detail: format!("node number {num} has no id"),
            }),
        }
    }

    fn load_nodes(&self, nums: Vec<u64>) -> Result<Vec<Node>, StoreError> {
        let mut seqs = SeqCache::default();
        let mut nodes = Vec::with_capacity(nums.len());
        for num in nums {
            let id = self.node_id(num)?;
            if let Some(node) = self.load_node(num, id, &mut seqs)? {
                nodes.push(node);
            }
        }
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(nodes)
    }

    /// Merges a node's facts in commit order, exactly as [`Graph::add_node`] would.
    fn load_node(
        &self,
        num: u64,
        id: String,
        seqs: &mut SeqCache,
    ) -> Result<Option<Node>, StoreError> {
        let mut merged: Option<Node> = None;
        for item in self.tree(T::NodeFacts).scan_prefix(num.to_be_bytes()) {
            let (key, value) = item?;
            let seq = read_u64(T::NodeFacts.name(), &key, &key, 8)?;
            let fact: NodeFact = decode(T::NodeFacts.name(), &key, &value)?;
            let article = seqs.get(self, seq)?;
            match &mut merged {
                Some(node) => {
                    node.absorb(node_from(String::new(), fact, article.as_deref(), &key)?)
                }
                None => merged = Some(node_from(id.clone(), fact, article.as_deref(), &key)?),
            }
        }
        Ok(merged)
    }

    fn load_edge(
        &self,
        prefix: &[u8],
        src: &str,
        kind: EdgeKind,
        dst: &str,
        seqs: &mut SeqCache,
    ) -> Result<Option<Edge>, StoreError> {
        let mut merged: Option<Edge> = None;
        for item in self.tree(T::EdgeFacts).scan_prefix(prefix) {
            let (key, value) = item?;
            let seq = read_u64(T::EdgeFacts.name(), &key, &key, 17)?;
            let fact: EdgeFact = decode(T::EdgeFacts.name(), &key, &value)?;
            let article = seqs.get(self, seq)?;
            let edge = edge_from(
                src.to_owned(),
                kind,
                dst.to_owned(),
                fact,
                article.as_deref(),
                &key,
            )?;
            match &mut merged {
                Some(existing) => existing.absorb(edge),
                None => merged = Some(edge),
            }
        }
        Ok(merged)
    }

    fn adjacent(&self, id: &str, kind: Option<EdgeKind>, t: T) -> Result<Vec<Edge>, StoreError> {
        let _guard = self.read();
        let Some(num) = self.node_num(id)? else {
            return Ok(Vec::new());
        };
        let mut prefix = num.to_be_bytes().to_vec();
        if let Some(kind) = kind {
            prefix.push(edge_kind_byte(kind));
        }
        let mut seqs = SeqCache::default();
        let mut edges = Vec::new();
        for item in self.tree(t).scan_prefix(&prefix) {
            let (key, _) = item?;
            let kind = edge_kind(t.name(), &key, key.get(8).copied().unwrap_or(u8::MAX))?;
            let other_num = read_u64(t.name(), &key, &key, 9)?;
            let other = self.node_id(other_num)?;
            let (src, src_num, dst, dst_num) = if t == T::Out {
                (id, num, other.as_str(), other_num)
            } else {
                (other.as_str(), other_num, id, num)
            };
            let fact_prefix = edge_key(src_num, edge_kind_byte(kind), dst_num);
            match self.load_edge(&fact_prefix, src, kind, dst, &mut seqs)? {
                Some(edge) => edges.push(edge),
                None => {
                    return Err(StoreError::Inconsistent {
                        detail: format!("edge {src} {kind} {dst} is listed but has no facts"),
                    })
                }
            }
        }
        edges.sort_by(|a, b| (&a.src, a.kind, &a.dst).cmp(&(&b.src, b.kind, &b.dst)));
        Ok(edges)
    }
}

/// Which article each commit sequence number belongs to, looked up once per call.
#[derive(Default)]
struct SeqCache {
    map: HashMap<u64, Option<String>>,
}

impl SeqCache {
    fn get(&mut self, store: &Store, seq: u64) -> Result<Option<String>, StoreError> {
        if let Some(found) = self.map.get(&seq) {
            return Ok(found.clone());
        }
        let key = seq.to_be_bytes();
        let found = store
            .tree(T::SeqArticles)
            .get(key)?
            .map(|id| utf8(T::SeqArticles, &key, &id))
            .transpose()?;
        self.map.insert(seq, found.clone());
        Ok(found)
    }

    fn load_all(&mut self, store: &Store) -> Result<(), StoreError> {
        for item in store.tree(T::SeqArticles).iter() {
            let (key, value) = item?;
            let seq = read_u64(T::SeqArticles.name(), &key, &key, 0)?;
            self.map
                .insert(seq, Some(utf8(T::SeqArticles, &key, &value)?));
        }
        Ok(())
    }
}

/// A key and its value.
type Entry = (Vec<u8>, Vec<u8>);

/// The writes of one atomic step, planned against the store as it is plus the writes
/// planned so far, then applied in one sled transaction.
struct Plan<'a> {
    store: &'a Store,
    writes: [BTreeMap<Vec<u8>, Option<Vec<u8>>>; N_TREES],
    next_seq: u64,
    next_node: u64,
}

impl<'a> Plan<'a> {
    fn new(store: &'a Store) -> Result<Plan<'a>, StoreError> {
        let counter = |key: &[u8]| -> Result<u64, StoreError> {
            match store.tree(T::Meta).get(key)? {
                Some(bytes) => read_u64(T::Meta.name(), key, &bytes, 0),
                None => Ok(1),
            }
        };
        Ok(Plan {
            store,
            writes: Default::default(),
            next_seq: counter(NEXT_SEQ_KEY)?,
            next_node: counter(NEXT_NODE_KEY)?,
        })
    }

    fn get(&self, t: T, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        if let Some(write) = self.writes[t as usize].get(key) {
            return Ok(write.clone());
        }
        Ok(self.store.tree(t).get(key)?.map(|v| v.to_vec()))
    }

    fn put(&mut self, t: T, key: Vec<u8>, value: Vec<u8>) {
        self.writes[t as usize].insert(key, Some(value));
    }

    fn del(&mut self, t: T, key: Vec<u8>) {
        self.writes[t as usize].insert(key, None);
    }

    /// The first entry under `prefix`, as the store will be after the planned writes.
    fn first_with_prefix(&self, t: T, prefix: &[u8]) -> Result<Option<Entry>, StoreError> {
        let writes = &self.writes[t as usize];
        let mut from_tree = None;
        for item in self.store.tree(t).scan_prefix(prefix) {
            let (key, value) = item?;
            match writes.get(key.as_ref()) {
                Some(None) => continue,
                Some(Some(planned)) => from_tree = Some((key.to_vec(), planned.clone())),
                None => from_tree = Some((key.to_vec(), value.to_vec())),
            }
            break;
        }
        let from_writes = writes
            .range(prefix.to_vec()..)
            .take_while(|(key, _)| key.starts_with(prefix))
            .find_map(|(key, value)| value.as_ref().map(|v| (key.clone(), v.clone())));
        Ok(match (from_tree, from_writes) {
            (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        })
    }

    fn intern(&mut self, id: &str) -> Result<u64, StoreError> {
        if let Some(bytes) = self.get(T::NodeIds, id.as_bytes())? {
            return read_u64(T::NodeIds.name(), id.as_bytes(), &bytes, 0);
        }
        let num = self.next_node;
        self.next_node += 1;
        self.put(
            T::NodeIds,
            id.as_bytes().to_vec(),
            num.to_be_bytes().to_vec(),
        );
        self.put(
            T::NodeNames,
            num.to_be_bytes().to_vec(),
            id.as_bytes().to_vec(),
        );
        Ok(num)
    }

    fn add_to_count(&mut self, key: Vec<u8>, delta: i64) -> Result<(), StoreError> {
        let old = match self.get(T::Keys, &key)? {
            Some(bytes) => read_u64(T::Keys.name(), &key, &bytes, 0)?,
            None => 0,
        };
        let new = old.saturating_add_signed(delta);
        if new == 0 {
            self.del(T::Keys, key);
        } else {
            self.put(T::Keys, key, new.to_be_bytes().to_vec());
        }
        Ok(())
    }

    /// Plans adding one contribution under a new sequence number. Returns how many
    /// nodes and edges are new to the store.
    fn add(
        &mut self,
        article: Option<&Article>,
        nodes: BTreeMap<String, Node>,
        edges: BTreeMap<EdgeKey, Edge>,
    ) -> Result<(usize, usize), StoreError> {
        let seq = self.next_seq;
        self.next_seq += 1;
        let article_id = article.map(|a| a.id.as_str());
        let mut record = CommitRecord {
            article: article_id.map(str::to_owned),
            nodes: Vec::new(),
            edges: Vec::new(),
        };
        let (mut nodes_added, mut edges_added) = (0, 0);
        for (id, node) in nodes {
            let num = self.intern(&id)?;
            let num_key = num.to_be_bytes().to_vec();
            let kind = node_kind_byte(node.kind);
            for key in &node.keys {
                self.add_to_count(match_key_entry(key, num), 1)?;
            }
            let mut evidence: Vec<EvidenceRecord> = node
                .evidence
                .into_iter()
                .map(|e| EvidenceRecord::from_evidence(e, article_id))
                .collect();
            sort_evidence(&mut evidence);
            let fact = NodeFact {
                kind,
                name: node.name,
                aliases: node.aliases,
                keys: node.keys,
                props: node.props,
                evidence,
            };
            self.put(T::NodeFacts, pair_key(num, seq), encode(&fact));
            if self.get(T::Nodes, &num_key)?.is_none() {
                self.put(T::Nodes, num_key.clone(), vec![kind]);
                self.put(T::NodesByKind, [&[kind][..], &num_key].concat(), Vec::new());
            }
            if self.store.tree(T::Nodes).get(&num_key)?.is_none() {
                nodes_added += 1;
            }
            record.nodes.push(num);
        }
        for (key, edge) in edges {
            let src = self.intern(&key.src)?;
            let dst = self.intern(&key.dst)?;
            let kind = edge_kind_byte(key.kind);
            let mut evidence: Vec<EvidenceRecord> = edge
                .evidence
                .into_iter()
                .map(|e| EvidenceRecord::from_evidence(e, article_id))
                .collect();
            sort_evidence(&mut evidence);
            let fact = EdgeFact {
                props: edge.props,
                evidence,
            };
            self.put(
                T::EdgeFacts,
                edge_fact_key(src, kind, dst, seq),
                encode(&fact),
            );
            let out_key = edge_key(src, kind, dst);
            if self.store.tree(T::Out).get(&out_key)?.is_none() {
                edges_added += 1;
            }
            self.put(T::Out, out_key, Vec::new());
            self.put(T::In, edge_key(dst, kind, src), Vec::new());
            record.edges.push((src, kind, dst));
        }
        self.put(T::Commits, seq.to_be_bytes().to_vec(), encode(&record));
        if let Some(article) = article {
            let stored = ArticleRecord {
                seq,
                source: article.source.clone(),
                title: article.title.clone(),
                date: article.date.clone(),
                bytes: article.bytes as u64,
            };
            self.put(T::Articles, article.id.as_bytes().to_vec(), encode(&stored));
            self.put(
                T::Sources,
                article.source.as_bytes().to_vec(),
                article.id.as_bytes().to_vec(),
            );
            self.put(
                T::SeqArticles,
                seq.to_be_bytes().to_vec(),
                article.id.as_bytes().to_vec(),
            );
        }
        Ok((nodes_added, edges_added))
    }

    /// Plans removing a stored article and everything only it supports.
    fn forget(&mut self, article_id: &str) -> Result<(), StoreError> {
        let id_key = article_id.as_bytes().to_vec();
        let Some(bytes) = self.get(T::Articles, &id_key)? else {
            return Ok(());
        };
        let article: ArticleRecord = decode(T::Articles.name(), &id_key, &bytes)?;
        let seq = article.seq;
        let seq_key = seq.to_be_bytes().to_vec();
        let commit: CommitRecord = match self.get(T::Commits, &seq_key)? {
            Some(bytes) => decode(T::Commits.name(), &seq_key, &bytes)?,
            None => {
                return Err(StoreError::Inconsistent {
                    detail: format!("article {article_id} has no commit record {seq}"),
                })
            }
        };
        for num in commit.nodes {
            let fact_key = pair_key(num, seq);
            let Some(bytes) = self.get(T::NodeFacts, &fact_key)? else {
                continue;
            };
            let fact: NodeFact = decode(T::NodeFacts.name(), &fact_key, &bytes)?;
            self.del(T::NodeFacts, fact_key);
            for key in &fact.keys {
                self.add_to_count(match_key_entry(key, num), -1)?;
            }
            let num_key = num.to_be_bytes().to_vec();
            let current_kind = self
                .get(T::Nodes, &num_key)?
                .and_then(|k| k.first().copied());
            match self.first_with_prefix(T::NodeFacts, &num_key)? {
                None => {
                    self.del(T::Nodes, num_key.clone());
                    if let Some(kind) = current_kind {
                        self.del(T::NodesByKind, [&[kind][..], &num_key].concat());
                    }
                }
                Some((first_key, first)) => {
                    // The earliest surviving fact decides the kind, as in `Graph::add_node`.
                    let first: NodeFact = decode(T::NodeFacts.name(), &first_key, &first)?;
                    if current_kind != Some(first.kind) {
                        if let Some(kind) = current_kind {
                            self.del(T::NodesByKind, [&[kind][..], &num_key].concat());
                        }
                        self.put(T::Nodes, num_key.clone(), vec![first.kind]);
                        self.put(
                            T::NodesByKind,
                            [&[first.kind][..], &num_key].concat(),
                            Vec::new(),
                        );
                    }
                }
            }
        }
        for (src, kind, dst) in commit.edges {
            self.del(T::EdgeFacts, edge_fact_key(src, kind, dst, seq));
            let prefix = edge_key(src, kind, dst);
            if self.first_with_prefix(T::EdgeFacts, &prefix)?.is_none() {
                self.del(T::Out, prefix);
                self.del(T::In, edge_key(dst, kind, src));
            }
        }
        self.del(T::Commits, seq_key.clone());
        self.del(T::SeqArticles, seq_key);
        self.del(T::Articles, id_key);
        let source_key = article.source.into_bytes();
        if self.get(T::Sources, &source_key)?.as_deref() == Some(article_id.as_bytes()) {
            self.del(T::Sources, source_key);
        }
        Ok(())
    }

    /// Writes the plan in one sled transaction over every tree it touches.
    fn apply(mut self) -> Result<(), StoreError> {
        let (next_seq, next_node) = (self.next_seq, self.next_node);
        self.put(
            T::Meta,
            NEXT_SEQ_KEY.to_vec(),
            next_seq.to_be_bytes().to_vec(),
        );
        self.put(
            T::Meta,
            NEXT_NODE_KEY.to_vec(),
            next_node.to_be_bytes().to_vec(),
        );
        let mut trees = Vec::new();
        let mut batches = Vec::new();
        for (index, writes) in self.writes.iter().enumerate() {
            if writes.is_empty() {
                continue;
            }
            let mut batch = sled::Batch::default();
            for (key, value) in writes {
                match value {
                    Some(value) => batch.insert(key.as_slice(), value.as_slice()),
                    None => batch.remove(key.as_slice()),
                }
            }
            trees.push(&self.store.trees[index]);
            batches.push(batch);
        }
        let result: Result<(), TransactionError<()>> = trees.as_slice().transaction(|views| {
            for (view, batch) in views.iter().zip(&batches) {
                view.apply_batch(batch)?;
            }
            Ok(())
        });
        match result {
            Ok(()) => Ok(()),
            Err(TransactionError::Storage(e)) => Err(StoreError::Sled(e)),
            Err(TransactionError::Abort(())) => Err(StoreError::Inconsistent {
                detail: "a store transaction aborted".into(),
            }),
        }
    }
}

/// Merges an article's records of the same node or edge, in order, as
/// [`Graph::add_extraction`] does.
fn premerge(
    nodes: impl Iterator<Item = Node>,
    edges: impl Iterator<Item = Edge>,
) -> (BTreeMap<String, Node>, BTreeMap<EdgeKey, Edge>) {
    let mut graph = Graph::new();
    for node in nodes {
        graph.add_node(node);
    }
    for edge in edges {
        graph.add_edge(edge);
    }
    (graph.nodes, graph.edges)
}

/// Splits evidence among the parts of an import: each listed article gets its own,
/// `owner` gets a part even without evidence, and the rest (or a fact nobody backs) goes
/// to the anonymous part.
fn split_evidence(
    evidence: &[Evidence],
    index: &HashMap<&str, usize>,
    owner: Option<usize>,
    anonymous: usize,
) -> BTreeMap<usize, Vec<Evidence>> {
    let mut parts: BTreeMap<usize, Vec<Evidence>> = BTreeMap::new();
    if let Some(owner) = owner {
        parts.entry(owner).or_default();
    }
    for e in evidence {
        let part = index.get(e.article.as_str()).copied().unwrap_or(anonymous);
        parts.entry(part).or_default().push(e.clone());
    }
    if parts.is_empty() {
        parts.insert(anonymous, Vec::new());
    }
    parts
}

fn sort_evidence(evidence: &mut Vec<EvidenceRecord>) {
    evidence.sort_by(|a, b| {
        (&a.article, &a.sentence, a.start, a.end).cmp(&(&b.article, &b.sentence, b.start, b.end))
    });
    evidence.dedup();
}

fn node_from(
    id: String,
    fact: NodeFact,
    article: Option<&str>,
    key: &[u8],
) -> Result<Node, StoreError> {
    let kind = node_kind(T::NodeFacts.name(), key, fact.kind)?;
    let mut evidence = fact
        .evidence
        .into_iter()
        .map(|e| e.into_evidence(article, T::NodeFacts.name(), key))
        .collect::<Result<Vec<_>, _>>()?;
    evidence.sort();
    evidence.dedup();
    Ok(Node {
        id,
        kind,
        name: fact.name,
        aliases: fact.aliases,
        keys: fact.keys,
        props: fact.props,
        evidence,
    })
}

fn edge_from(
    src: String,
    kind: EdgeKind,
    dst: String,
    fact: EdgeFact,
    article: Option<&str>,
    key: &[u8],
) -> Result<Edge, StoreError> {
    let mut evidence = fact
        .evidence
        .into_iter()
        .map(|e| e.into_evidence(article, T::EdgeFacts.name(), key))
        .collect::<Result<Vec<_>, _>>()?;
    evidence.sort();
    evidence.dedup();
    Ok(Edge {
        src,
        kind,
        dst,
        props: fact.props,
        evidence,
    })
}

fn article_from(id: &str, record: ArticleRecord) -> Article {
    Article {
        id: id.to_owned(),
        source: record.source,
        title: record.title,
        date: record.date,
        bytes: usize::try_from(record.bytes).unwrap_or(usize::MAX),
    }
}

fn utf8(t: T, key: &[u8], bytes: &[u8]) -> Result<String, StoreError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| StoreError::decode(t.name(), key, e))
}

/// Turns sled's "could not acquire lock" into [`StoreError::Locked`].
fn open_error(source: sled::Error, path: &Path) -> StoreError {
    if let sled::Error::Io(io) = &source {
        let text = io.to_string();
        if text.contains("could not acquire lock") || io.kind() == std::io::ErrorKind::WouldBlock {
            return StoreError::Locked {
                path: path.to_owned(),
            };
        }
    }
    StoreError::Open {
        path: path.to_owned(),
        source,
    }
}
