//! The [`Store`]: one open sled database holding the merged graph.

use std::{
    collections::{BTreeMap, BTreeSet, HashMap},
    path::{Path, PathBuf},
    sync::{atomic::AtomicU64, Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard},
};

use model::{Article, Edge, EdgeKey, EdgeKind, Extraction, Graph, Node, NodeKind};

use crate::{
    error::StoreError,
    plan::{premerge, Plan},
    records::{
        decode, decode_prefix, edge_fact_key, edge_key, edge_kind, edge_kind_byte,
        match_key_prefix, node_kind, node_kind_byte, read_u64, ArticleRecord, EdgeFact, EdgeHead,
        NodeFact, NodeHead, OwnedEdge, OwnedPart, SentenceTable,
    },
    snapshot,
};

/// The store format this build reads and writes, kept big-endian under `version` in the
/// `meta` tree.
pub const SCHEMA_VERSION: u64 = 2;

/// The kind of the edges a commit can own (see the crate documentation): an article's
/// `mentions` edges, most of the graph's edges, which no other article can support.
pub(crate) const OWNED_KIND: EdgeKind = EdgeKind::Mentions;

/// Bytes of sled's page cache: enough for the hot part of the indexes; the rest is
/// left to the operating system's page cache. sled holds pages decoded at several times
/// the size it counts; entity resolution keeps its own memo of what it reads (see the
/// CLI's `known.rs`). A 100k-article ingest took 9 min 10 s and peaked at 597 MB with
/// 96 MiB, 10 min 45 s and 488 MB with 48 MiB.
pub(crate) const CACHE_BYTES: u64 = 48 * 1024 * 1024;

/// The sled tree that holds the format version.
pub(crate) const META_TREE: &str = "meta";
/// The sled tree that holds everything else.
pub(crate) const DATA_TREE: &str = "graph";

pub(crate) const VERSION_KEY: &[u8] = b"version";
pub(crate) const NEXT_SEQ_KEY: &[u8] = b"next_seq";
pub(crate) const NEXT_NODE_KEY: &[u8] = b"next_node";
/// A counter every write batch bumps: what the skeleton cache is stamped with.
pub(crate) const GENERATION_KEY: &[u8] = b"generation";
pub(crate) const COUNT_ARTICLES: u8 = 0;
pub(crate) const COUNT_NODES: u8 = 1;
pub(crate) const COUNT_EDGES: u8 = 2;

/// The meta-family key of a counter: stored articles (`COUNT_ARTICLES`, kind 0), or
/// nodes or edges of one kind (by kind byte).
pub(crate) fn count_key(what: u8, kind: u8) -> Vec<u8> {
    vec![b'c', b'o', b'u', b'n', b't', what, kind]
}

/// The record families of the `graph` tree; each key starts with the family's byte.
/// See the crate documentation for what each holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum T {
    Meta = 0,
    NodeIds = 1,
    NodeNames = 2,
    Heads = 3,
    NodesByKind = 4,
    Keys = 5,
    NodeFacts = 6,
    EdgeFacts = 7,
    In = 8,
    Articles = 9,
    Sources = 10,
    Commits = 11,
    Sentences = 12,
}

pub(crate) const N_TREES: usize = 13;

const NAMES: [&str; N_TREES] = [
    "meta",
    "node_ids",
    "node_names",
    "heads",
    "nodes_by_kind",
    "keys",
    "node_facts",
    "edge_facts",
    "in",
    "articles",
    "sources",
    "commits",
    "sentences",
];

impl T {
    pub(crate) fn name(self) -> &'static str {
        NAMES[self as usize]
    }
}

/// `t`'s prefix byte followed by `key`.
pub(crate) fn prefixed(t: T, key: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + key.len());
    out.push(t as u8);
    out.extend_from_slice(key);
    out
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

/// The graph without evidence, as [`Store::skeleton`] reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skeleton {
    /// Every node with its number in this store, in id order; no evidence.
    pub nodes: Vec<(u64, Node)>,
    /// Every edge, by the numbers of its ends, in key order (source id, kind,
    /// destination id; an end that is not a node sorts last).
    pub edges: Vec<SkeletonEdge>,
}

/// One edge of a [`Skeleton`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkeletonEdge {
    /// The source's node number.
    pub src: u64,
    /// The kind.
    pub kind: EdgeKind,
    /// The destination's node number.
    pub dst: u64,
    /// The edge's properties merged over its facts.
    pub props: BTreeMap<String, String>,
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
    /// The `meta` tree: only the format version, so that any summit can read it.
    meta: sled::Tree,
    /// The `graph` tree: every record family, behind a one-byte prefix (see [`T`]).
    pub(crate) data: sled::Tree,
    path: PathBuf,
    /// Deleted by sled when dropped, so never reopened.
    temporary: bool,
    /// Opened with [`Store::open_read_only`]: every write is refused.
    read_only: bool,
    lock: RwLock<()>,
    /// What writes through this handle changed since the skeleton cache was last
    /// written, so the next [`Store::skeleton`] can patch the cache instead of scanning.
    pub(crate) touched: Mutex<Touched>,
    /// How many times the skeleton was read by a full scan (for tests and benches).
    pub(crate) scans: AtomicU64,
}

/// The nodes and edges whose head or `in` entry writes changed since generation
/// `base`.
#[derive(Debug, Default)]
pub(crate) struct Touched {
    pub(crate) base: u64,
    pub(crate) nodes: BTreeSet<u64>,
    /// (source, kind byte, destination).
    pub(crate) edges: BTreeSet<(u64, u8, u64)>,
    /// Too much was written to keep track of: the next skeleton is a scan.
    pub(crate) overflow: bool,
}

impl Touched {
    /// Past this many changed nodes and edges, patching is not worth the memory.
    const MOST: usize = 250_000;

    pub(crate) fn note(
        &mut self,
        nodes: impl Iterator<Item = u64>,
        edges: impl Iterator<Item = (u64, u8, u64)>,
    ) {
        if self.overflow {
            return;
        }
        self.nodes.extend(nodes);
        self.edges.extend(edges);
        if self.nodes.len() + self.edges.len() > Touched::MOST {
            self.overflow = true;
            self.nodes.clear();
            self.edges.clear();
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// A key read from one record family, without the family's prefix byte.
pub(crate) struct Key(sled::IVec);

impl std::ops::Deref for Key {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.0.get(1..).unwrap_or_default()
    }
}

impl Store {
    /// Opens the store at `path`, creating it if missing.
    ///
    /// Fails with [`StoreError::Locked`] when another process has it open (or this one:
    /// for a moment after the last handle is dropped, sled's background writes may still
    /// hold it; [`Store::reopen`] waits for them),
    /// [`StoreError::Version`] when it was written in another format, and
    /// [`StoreError::NotAStore`] when the path holds something else.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with_cache(path, CACHE_BYTES)
    }

    /// [`Store::open`] with sled's page cache at `cache_bytes` instead of the default
    /// 48 MiB. sled's cache only pays for reads that come back (entity resolution
    /// during an ingest looks up the same popular nodes again and again); a handle that
    /// makes one pass over the store, like the skeleton scan that ends a long ingest,
    /// keeps less memory with a small one.
    pub fn open_with_cache(path: &Path, cache_bytes: u64) -> Result<Store, StoreError> {
        Store::open_inner(path, cache_bytes, &mut |_| {})
    }

    /// [`Store::open`], calling `notice` with the format version found before it
    /// upgrades a store of an older format in place, which takes a while (about 45 s
    /// for 100k articles): so that a program can say what it is waiting for.
    pub fn open_with_notice(path: &Path, notice: &mut dyn FnMut(u64)) -> Result<Store, StoreError> {
        Store::open_inner(path, CACHE_BYTES, notice)
    }

    fn open_inner(
        path: &Path,
        cache_bytes: u64,
        notice: &mut dyn FnMut(u64),
    ) -> Result<Store, StoreError> {
        if path.is_file() {
            return Err(StoreError::NotAStore {
                path: path.to_owned(),
            });
        }
        let old = crate::compact::old_path(path);
        if !path.exists() && old.join("conf").is_file() {
            return Err(StoreError::Interrupted {
                path: path.to_owned(),
                old,
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
        // sled caches 1 GiB by default; a bounded cache keeps a long ingest within its
        // memory budget, and the OS page cache still holds what is read often.
        Store::open_config(
            sled::Config::new().path(path).cache_capacity(cache_bytes),
            path,
            notice,
        )
    }

    /// Opens an existing store for reading only: for programs that walk the graph
    /// (see `examples/` at the repository root). Every write method returns
    /// [`StoreError::ReadOnly`], and a missing store is [`StoreError::NotAStore`] rather
    /// than created. sled still locks the files while the handle lives, so a reader and
    /// a writer cannot have one store open at the same time ([`StoreError::Locked`]).
    /// A store of an older format is upgraded in place first, as [`Store::open`] does:
    /// the one write this makes.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.join("conf").is_file() {
            return Err(StoreError::NotAStore {
                path: path.to_owned(),
            });
        }
        let mut store = Store::open(path)?;
        store.read_only = true;
        Ok(store)
    }

    fn writable(&self) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        Ok(())
    }

    /// Opens a throwaway store that sled deletes when it is dropped: for tests.
    pub fn temporary() -> Result<Store, StoreError> {
        let config = sled::Config::new().temporary(true);
        let path = config.get_path();
        let mut store = Store::open_config(config, &path, &mut |_| {})?;
        store.temporary = true;
        Ok(store)
    }

    fn open_config(
        config: sled::Config,
        path: &Path,
        notice: &mut dyn FnMut(u64),
    ) -> Result<Store, StoreError> {
        let db = config.open().map_err(|source| open_error(source, path))?;
        Store::from_db(db, path, notice)
    }

    fn from_db(
        db: sled::Db,
        path: &Path,
        notice: &mut dyn FnMut(u64),
    ) -> Result<Store, StoreError> {
        let existing: Vec<sled::IVec> = db.tree_names();
        let meta = db.open_tree(META_TREE)?;
        let data = db.open_tree(DATA_TREE)?;
        let store = Store {
            db,
            meta,
            data,
            path: path.to_owned(),
            temporary: false,
            read_only: false,
            lock: RwLock::new(()),
            touched: Mutex::new(Touched::default()),
            scans: AtomicU64::new(0),
        };
        match store.meta.get(VERSION_KEY)? {
            Some(bytes) => {
                let found = read_u64(META_TREE, VERSION_KEY, &bytes, 0)?;
                if found == 1 && bytes.len() == 8 {
                    notice(found);
                    crate::upgrade::from_v1(&store)?;
                } else if found == SCHEMA_VERSION
                    && bytes.len() == 8
                    && store.meta.get(crate::upgrade::UPGRADING_KEY)?.is_some()
                {
                    notice(1);
                    crate::upgrade::resume(&store)?;
                } else if found != SCHEMA_VERSION || bytes.len() != 8 {
                    return Err(StoreError::Version {
                        found,
                        expected: SCHEMA_VERSION,
                        path: path.to_owned(),
                    });
                }
            }
            None => {
                // A new store has no data anywhere; anything else is someone else's sled.
                let foreign = existing.iter().any(|name| {
                    ![
                        &b"__sled__default"[..],
                        META_TREE.as_bytes(),
                        DATA_TREE.as_bytes(),
                    ]
                    .contains(&name.as_ref())
                });
                let has_data =
                    !store.db.is_empty() || !store.meta.is_empty() || !store.data.is_empty();
                if foreign || has_data {
                    return Err(StoreError::NotAStore {
                        path: path.to_owned(),
                    });
                }
                store
                    .meta
                    .insert(VERSION_KEY, &SCHEMA_VERSION.to_be_bytes())?;
                store.db.flush()?;
            }
        }
        let base = store.generation()?;
        store.touched_lock().base = base;
        Ok(store)
    }

    /// The `meta` tree, which holds the format version.
    pub(crate) fn meta_tree(&self) -> &sled::Tree {
        &self.meta
    }

    pub(crate) fn touched_lock(&self) -> std::sync::MutexGuard<'_, Touched> {
        // A panic while holding it leaves bookkeeping only: go on with what is there.
        self.touched.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The directory the store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A record of family `t`.
    pub(crate) fn get(
        &self,
        t: T,
        key: impl AsRef<[u8]>,
    ) -> Result<Option<sled::IVec>, StoreError> {
        Ok(self.data.get(prefixed(t, key.as_ref()))?)
    }

    /// The records of family `t` under `prefix`, in key order.
    pub(crate) fn scan(
        &self,
        t: T,
        prefix: impl AsRef<[u8]>,
    ) -> impl Iterator<Item = Result<(Key, sled::IVec), StoreError>> {
        self.data
            .scan_prefix(prefixed(t, prefix.as_ref()))
            .map(|item| {
                item.map(|(key, value)| (Key(key), value))
                    .map_err(StoreError::from)
            })
    }

    pub(crate) fn count(&self, t: T) -> Result<u64, StoreError> {
        let mut n = 0;
        for item in self.data.scan_prefix([t as u8]).keys() {
            item?;
            n += 1;
        }
        Ok(n)
    }

    fn is_empty(&self, t: T) -> bool {
        self.data.scan_prefix([t as u8]).next().is_none()
    }

    pub(crate) fn read_guard(&self) -> RwLockReadGuard<'_, ()> {
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
        let _guard = self.read_guard();
        self.article_record(id)?
            .map(|record| Ok(article_from(id, record)))
            .transpose()
    }

    /// The article stored from this source (a path, or `-`).
    pub fn article_by_source(&self, source: &str) -> Result<Option<Article>, StoreError> {
        let _guard = self.read_guard();
        let Some(id) = self.article_id_by_source(source)? else {
            return Ok(None);
        };
        self.article_record(&id)?
            .map(|record| Ok(article_from(&id, record)))
            .transpose()
    }

    /// Every article, sorted by id.
    pub fn articles(&self) -> Result<Vec<Article>, StoreError> {
        let _guard = self.read_guard();
        let mut out = Vec::new();
        for item in self.scan(T::Articles, &[]) {
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
        let mut summaries = self.commit_all(std::slice::from_ref(extraction))?;
        summaries.pop().ok_or_else(|| StoreError::Inconsistent {
            detail: "a commit made no summary".into(),
        })
    }

    /// Commits several articles as [`Store::commit`] would one after the other, but in
    /// one atomic step, which is several times faster for bulk loads. Returns one summary
    /// per extraction, in order. Fails without writing anything if any extraction has
    /// no article.
    pub fn commit_all(&self, extractions: &[Extraction]) -> Result<Vec<CommitSummary>, StoreError> {
        self.writable()?;
        if extractions.iter().any(|e| e.article.is_none()) {
            return Err(StoreError::NoArticle);
        }
        let _guard = self.write();
        let mut plan = Plan::new(self)?;
        let mut summaries = Vec::with_capacity(extractions.len());
        for extraction in extractions {
            let Some(article) = &extraction.article else {
                return Err(StoreError::NoArticle);
            };
            if plan.get(T::Articles, article.id.as_bytes())?.is_some() {
                summaries.push(CommitSummary {
                    unchanged: true,
                    ..CommitSummary::default()
                });
                continue;
            }
            let mut replaced = None;
            let mut removed = Default::default();
            if let Some(old_id) = plan.get(T::Sources, article.source.as_bytes())? {
                let old_id = utf8(T::Sources, article.source.as_bytes(), &old_id)?;
                if old_id != article.id {
                    removed = plan.forget(&old_id)?;
                    replaced = Some(old_id);
                }
            }
            let (nodes, edges) = premerge(
                extraction.nodes.iter().cloned(),
                extraction.edges.iter().cloned(),
            );
            let (nodes_added, edges_added) = plan.add(Some(article), nodes, edges, &removed)?;
            summaries.push(CommitSummary {
                unchanged: false,
                replaced,
                nodes_added,
                edges_added,
            });
        }
        plan.apply()?;
        Ok(summaries)
    }

    /// Removes an article and every fact only it supported; facts other articles also
    /// support stay, with their aliases, keys and properties recomputed from those
    /// articles. Returns whether the article was stored.
    ///
    /// Costs O(the article's facts) when, as usual, an earlier fact of each node it
    /// touched already says all it said; otherwise that node's head is recomputed from
    /// its remaining facts.
    pub fn forget(&self, article_id: &str) -> Result<bool, StoreError> {
        self.writable()?;
        let _guard = self.write();
        if self.article_record(article_id)?.is_none() {
            return Ok(false);
        }
        let mut plan = Plan::new(self)?;
        plan.forget(article_id)?;
        plan.apply()?;
        Ok(true)
    }

    /// The node with this id, merged over every article that supports it, with all its
    /// evidence. Costs O(number of supporting articles); see [`Store::node_brief`].
    pub fn node(&self, id: &str) -> Result<Option<Node>, StoreError> {
        let _guard = self.read_guard();
        let Some(num) = self.node_num(id)? else {
            return Ok(None);
        };
        self.load_node(num, id.to_owned(), &mut SeqCache::default())
    }

    /// The node with this id like [`Store::node`], but with no evidence: one read
    /// however many articles support it. For lookups such as entity resolution.
    pub fn node_brief(&self, id: &str) -> Result<Option<Node>, StoreError> {
        let _guard = self.read_guard();
        let Some(num) = self.node_num(id)? else {
            return Ok(None);
        };
        self.load_head(num, id.to_owned())
    }

    /// The nodes whose [`Node::keys`] contain `key` (already folded), sorted by id, with
    /// all their evidence.
    pub fn nodes_with_key(&self, key: &str) -> Result<Vec<Node>, StoreError> {
        let _guard = self.read_guard();
        let nums = self.nums_with_key(key)?;
        self.load_nodes(nums, true)
    }

    /// [`Store::nodes_with_key`] without evidence: one read per node found.
    pub fn nodes_with_key_brief(&self, key: &str) -> Result<Vec<Node>, StoreError> {
        let _guard = self.read_guard();
        let nums = self.nums_with_key(key)?;
        self.load_nodes(nums, false)
    }

    /// The nodes of one kind, sorted by id, with all their evidence.
    pub fn nodes_of_kind(&self, kind: NodeKind) -> Result<Vec<Node>, StoreError> {
        let _guard = self.read_guard();
        let mut nums = Vec::new();
        for item in self.scan(T::NodesByKind, [node_kind_byte(kind)]) {
            let (entry, _) = item?;
            nums.push(read_u64(T::NodesByKind.name(), &entry, &entry, 1)?);
        }
        self.load_nodes(nums, true)
    }

    /// The edges leaving node `id`, of one kind or all, sorted by source, kind and
    /// destination ([`model::EdgeKey`] order), with all their evidence.
    pub fn out_edges(&self, id: &str, kind: Option<EdgeKind>) -> Result<Vec<Edge>, StoreError> {
        self.out_adjacent(id, kind, true)
    }

    /// The edges arriving at node `id`, of one kind or all, in [`model::EdgeKey`] order,
    /// with all their evidence.
    pub fn in_edges(&self, id: &str, kind: Option<EdgeKind>) -> Result<Vec<Edge>, StoreError> {
        self.in_adjacent(id, kind, true)
    }

    /// The nodes with these ids that the store has, each with all its evidence, in the
    /// order asked. Reads each commit's sentences once for all of them: cheaper than
    /// [`Store::node`] per id when they share articles (a focus subgraph does).
    pub fn nodes(&self, ids: &[String]) -> Result<Vec<Node>, StoreError> {
        let _guard = self.read_guard();
        let mut seqs = SeqCache::default();
        let mut nodes = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(num) = self.node_num(id)? {
                nodes.extend(self.load_node(num, id.clone(), &mut seqs)?);
            }
        }
        Ok(nodes)
    }

    /// The edges with these keys that the store has, each with all its evidence, in the
    /// order asked, sharing sentence reads as [`Store::nodes`] does.
    pub fn edges(&self, keys: &[EdgeKey]) -> Result<Vec<Edge>, StoreError> {
        let _guard = self.read_guard();
        let mut seqs = SeqCache::default();
        let mut owned = OwnedCache::default();
        let mut edges = Vec::with_capacity(keys.len());
        for key in keys {
            let (Some(src), Some(dst)) = (self.node_num(&key.src)?, self.node_num(&key.dst)?)
            else {
                continue;
            };
            edges.extend(self.load_edge(
                (src, key.kind, dst),
                (&key.src, &key.dst),
                &mut seqs,
                &mut owned,
            )?);
        }
        Ok(edges)
    }

    /// One edge with all its evidence, or `None` when the store does not have it.
    pub fn edge(&self, src: &str, kind: EdgeKind, dst: &str) -> Result<Option<Edge>, StoreError> {
        let _guard = self.read_guard();
        let (Some(src_num), Some(dst_num)) = (self.node_num(src)?, self.node_num(dst)?) else {
            return Ok(None);
        };
        self.load_edge(
            (src_num, kind, dst_num),
            (src, dst),
            &mut SeqCache::default(),
            &mut OwnedCache::default(),
        )
    }

    /// One edge without evidence, or `None` when the store does not have it: what
    /// [`Store::out_edges_brief`] and [`Store::in_edges_brief`] list for it, in a few
    /// reads however many articles support it (an owned edge: the commit records of its
    /// article node's facts, usually one).
    pub fn edge_brief(
        &self,
        src: &str,
        kind: EdgeKind,
        dst: &str,
    ) -> Result<Option<Edge>, StoreError> {
        let _guard = self.read_guard();
        let (Some(src_num), Some(dst_num)) = (self.node_num(src)?, self.node_num(dst)?) else {
            return Ok(None);
        };
        let key = edge_key(dst_num, edge_kind_byte(kind), src_num);
        let props = match self.get(T::In, &key)? {
            Some(bytes) => decode::<EdgeHead>(T::In.name(), &key, &bytes)?.props,
            None if kind == OWNED_KIND && may_own(src) => {
                match self
                    .owned_out(src_num)?
                    .into_iter()
                    .find(|(_, e)| e.dst == dst_num)
                {
                    Some((_, owned)) => owned.fact.props,
                    None => return Ok(None),
                }
            }
            None => return Ok(None),
        };
        let mut edge = Edge::new(src, kind, dst);
        edge.props = props;
        Ok(Some(edge))
    }

    /// [`Store::out_edges`] without evidence: a scan of the node's edge facts, and for
    /// an article node one read of its commit record.
    pub fn out_edges_brief(
        &self,
        id: &str,
        kind: Option<EdgeKind>,
    ) -> Result<Vec<Edge>, StoreError> {
        self.out_adjacent(id, kind, false)
    }

    /// [`Store::in_edges`] without evidence: one read per ordinary edge, and for
    /// `mentions` (or all kinds) one commit-record read per fact of the node.
    pub fn in_edges_brief(
        &self,
        id: &str,
        kind: Option<EdgeKind>,
    ) -> Result<Vec<Edge>, StoreError> {
        self.in_adjacent(id, kind, false)
    }

    /// Every node and edge. The same commits in the same order give the same graph.
    pub fn graph(&self) -> Result<Graph, StoreError> {
        let _guard = self.read_guard();
        let mut seqs = SeqCache::default();
        seqs.load_all(self)?;
        let mut names = HashMap::new();
        for item in self.scan(T::NodeNames, &[]) {
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
        for item in self.scan(T::NodeFacts, &[]) {
            let (key, value) = item?;
            let num = read_u64(T::NodeFacts.name(), &key, &key, 0)?;
            let seq = read_u64(T::NodeFacts.name(), &key, &key, 8)?;
            let fact: NodeFact = decode(T::NodeFacts.name(), &key, &value)?;
            let table = seqs.get(self, seq)?;
            match &mut current {
                Some((n, node)) if *n == num => {
                    absorb_node(node, node_from(String::new(), fact, &table, &key)?)
                }
                _ => {
                    if let Some((_, node)) = current.take() {
                        graph.nodes.insert(node.id.clone(), node);
                    }
                    current = Some((num, node_from(name_of(num)?, fact, &table, &key)?));
                }
            }
        }
        if let Some((_, node)) = current.take() {
            graph.nodes.insert(node.id.clone(), node);
        }
        let mut current: Option<(Vec<u8>, Edge)> = None;
        for item in self.scan(T::EdgeFacts, &[]) {
            let (key, value) = item?;
            let prefix = key.get(..17).unwrap_or(&key[..]);
            let fact: EdgeFact = decode(T::EdgeFacts.name(), &key, &value)?;
            let seq = read_u64(T::EdgeFacts.name(), &key, &key, 17)?;
            let table = seqs.get(self, seq)?;
            match &mut current {
                Some((p, edge)) if p.as_slice() == prefix => {
                    let more = edge_from(
                        edge.src.clone(),
                        edge.kind,
                        edge.dst.clone(),
                        fact,
                        &table,
                        &key,
                    )?;
                    absorb_edge(edge, more);
                }
                _ => {
                    if let Some((_, edge)) = current.take() {
                        graph.edges.insert(edge.key(), edge);
                    }
                    let src = read_u64(T::EdgeFacts.name(), &key, &key, 0)?;
                    let kind = edge_kind(T::EdgeFacts.name(), &key, key[8])?;
                    let dst = read_u64(T::EdgeFacts.name(), &key, &key, 9)?;
                    let edge = edge_from(name_of(src)?, kind, name_of(dst)?, fact, &table, &key)?;
                    current = Some((prefix.to_vec(), edge));
                }
            }
        }
        if let Some((_, edge)) = current.take() {
            graph.edges.insert(edge.key(), edge);
        }
        for item in self.scan(T::Commits, &[]) {
            let (key, value) = item?;
            let record: OwnedPart = decode_prefix(T::Commits.name(), &key, &value)?;
            let Some(own) = record.own else { continue };
            let table = seqs.get(self, read_u64(T::Commits.name(), &key, &key, 0)?)?;
            for owned in record.owned {
                let edge = edge_from(
                    name_of(own)?,
                    OWNED_KIND,
                    name_of(owned.dst)?,
                    owned.fact,
                    &table,
                    &key,
                )?;
                match graph.edges.entry(edge.key()) {
                    std::collections::btree_map::Entry::Occupied(mut e) => {
                        absorb_edge(e.get_mut(), edge)
                    }
                    std::collections::btree_map::Entry::Vacant(e) => {
                        e.insert(edge);
                    }
                }
            }
        }
        for node in graph.nodes.values_mut() {
            sort_evidence(&mut node.evidence);
        }
        for edge in graph.edges.values_mut() {
            sort_evidence(&mut edge.evidence);
        }
        Ok(graph)
    }

    /// Every node without evidence, with its node number, and every edge as the numbers
    /// of its ends with its merged properties: the graph's shape, read from the heads,
    /// the `in` index and the owned edges at the start of each commit record, without
    /// touching a fact or a sentence. What walks and
    /// name lookups need (see `query::Outline::from_numbered`), at a fraction of
    /// [`Store::graph`]'s cost. Node numbers mean nothing outside this store.
    ///
    /// The answer is cached in a file beside sled's (see `snapshot.rs`), stamped with
    /// the store's write generation, so asking again after no write reads one file.
    pub fn skeleton(&self) -> Result<Skeleton, StoreError> {
        let _guard = self.read_guard();
        if self.temporary {
            return self.scan_skeleton();
        }
        let generation = self.generation()?;
        if let Some(skeleton) = snapshot::read(&self.path, generation) {
            return Ok(skeleton);
        }
        let mut raw = match self.patched_raw_skeleton()? {
            Some(raw) => raw,
            None => self.scan_raw_skeleton()?,
        };
        // Only a cache: one too large to keep, or not written, costs the next query a scan.
        if !self.read_only && snapshot::write_raw(&self.path, generation, &mut raw).is_ok() {
            self.track_from(generation);
        }
        raw.into_skeleton().map_or_else(|| self.scan_skeleton(), Ok)
    }

    /// Brings the skeleton cache (see [`Store::skeleton`]) up to date, so that the next
    /// query need not: by patching it with what this handle wrote when it can, else by
    /// a scan when `scan` is true. Does nothing on a read-only or temporary store.
    ///
    /// Either way the skeleton is handled encoded (see `snapshot::RawSkeleton`), never
    /// decoded: patching the cache of a 100k-article store after a 3,000-article
    /// session peaked at 816 MB when it was decoded.
    pub fn refresh_skeleton_cache(&self, scan: bool) -> Result<(), StoreError> {
        let _guard = self.read_guard();
        if self.temporary || self.read_only {
            return Ok(());
        }
        let generation = self.generation()?;
        if snapshot::stamp(&self.path) == Some(generation) {
            return Ok(());
        }
        let mut raw = match self.patched_raw_skeleton()? {
            Some(raw) => raw,
            None if scan => self.scan_raw_skeleton()?,
            None => return Ok(()),
        };
        if snapshot::write_raw(&self.path, generation, &mut raw).is_ok() {
            self.track_from(generation);
        }
        Ok(())
    }

    /// The cache as it was when this handle's tracking began, patched with what this
    /// handle's writes changed since: each node and edge `touched` lists is now as its
    /// head or `in` entry says, or gone. `None` when there is no such cache or too much
    /// was written.
    fn patched_raw_skeleton(&self) -> Result<Option<snapshot::RawSkeleton>, StoreError> {
        let touched = self.touched_lock();
        if touched.overflow {
            return Ok(None);
        }
        let Some(mut raw) = snapshot::read_raw(&self.path, touched.base) else {
            return Ok(None);
        };
        raw.retain_nodes(|num| !touched.nodes.contains(&num));
        raw.retain_edges(|src, kind, dst| !touched.edges.contains(&(src, kind, dst)));
        for &num in &touched.nodes {
            let key = num.to_be_bytes();
            if let Some(head) = self.get(T::Heads, key)? {
                let decoded: NodeHead = decode(T::Heads.name(), &key, &head)?;
                node_kind(T::Heads.name(), &key, decoded.kind)?;
                let id = self.node_id(num)?;
                raw.push_node(num, &id, &head).map_err(too_large)?;
            }
        }
        let mut owned_cache = OwnedCache::default();
        for &(src, kind, dst) in &touched.edges {
            let in_key = edge_key(dst, kind, src);
            if let Some(bytes) = self.get(T::In, &in_key)? {
                let _: EdgeHead = decode(T::In.name(), &in_key, &bytes)?;
                let kind = edge_kind(T::In.name(), &in_key, kind)?;
                raw.push_edge(src, kind, dst, &bytes).map_err(too_large)?;
            } else if kind == edge_kind_byte(OWNED_KIND) && may_own(&self.node_id(src)?) {
                let owned = match owned_cache.get(&src) {
                    Some(owned) => owned,
                    None => owned_cache.entry(src).or_insert(self.owned_out(src)?),
                };
                if let Some((_, owned)) = owned.iter().find(|(_, e)| e.dst == dst) {
                    let head = crate::records::encode(&EdgeHead {
                        props: owned.fact.props.clone(),
                    });
                    raw.push_edge(src, OWNED_KIND, dst, &head)
                        .map_err(too_large)?;
                }
            }
        }
        Ok(Some(raw))
    }

    /// Starts tracking what writes change afresh, from a cache at `generation`.
    fn track_from(&self, generation: u64) {
        *self.touched_lock() = Touched {
            base: generation,
            ..Touched::default()
        };
    }

    /// The write generation: changes with every write batch.
    pub(crate) fn generation(&self) -> Result<u64, StoreError> {
        match self.get(T::Meta, GENERATION_KEY)? {
            Some(bytes) => read_u64(T::Meta.name(), GENERATION_KEY, &bytes, 0),
            None => Ok(0),
        }
    }

    /// [`Store::skeleton`] read from the heads and the `in` index.
    pub(crate) fn scan_skeleton(&self) -> Result<Skeleton, StoreError> {
        self.scan_raw_skeleton()?
            .into_skeleton()
            .ok_or_else(|| StoreError::Inconsistent {
                detail: "the skeleton read back differs from what was checked".into(),
            })
    }

    /// Every head and `in` entry, each checked by decoding it and kept encoded (see
    /// [`snapshot::RawSkeleton`]). Every node with a head has a name (a forgotten node
    /// keeps its name and loses its head); both families are in number order, so one
    /// pass joins them.
    pub(crate) fn scan_raw_skeleton(&self) -> Result<snapshot::RawSkeleton, StoreError> {
        self.scans
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let stats = self.stats_unlocked()?;
        let mut raw = snapshot::RawSkeleton::with_capacity(
            stats.nodes.values().sum(),
            stats.edges.values().sum(),
        );
        let mut names = self.scan(T::NodeNames, []);
        for item in self.scan(T::Heads, []) {
            let (head_key, head_value) = item?;
            let num = read_u64(T::Heads.name(), &head_key, &head_key, 0)?;
            let id = loop {
                let Some(name) = names.next() else {
                    return Err(StoreError::Inconsistent {
                        detail: format!("node number {num} has no id"),
                    });
                };
                let (key, value) = name?;
                if read_u64(T::NodeNames.name(), &key, &key, 0)? == num {
                    break utf8(T::NodeNames, &key, &value)?;
                }
            };
            let head: NodeHead = decode(T::Heads.name(), &head_key, &head_value)?;
            node_kind(T::Heads.name(), &head_key, head.kind)?;
            raw.push_node(num, &id, &head_value).map_err(too_large)?;
        }
        for item in self.scan(T::In, []) {
            let (key, value) = item?;
            let dst = read_u64(T::In.name(), &key, &key, 0)?;
            let kind = edge_kind(T::In.name(), &key, key.get(8).copied().unwrap_or(u8::MAX))?;
            let src = read_u64(T::In.name(), &key, &key, 9)?;
            let _: EdgeHead = decode(T::In.name(), &key, &value)?;
            raw.push_edge(src, kind, dst, &value).map_err(too_large)?;
        }
        for item in self.scan(T::Commits, []) {
            let (key, value) = item?;
            let record: OwnedPart = decode_prefix(T::Commits.name(), &key, &value)?;
            let Some(own) = record.own else { continue };
            for owned in record.owned {
                let head = crate::records::encode(&EdgeHead {
                    props: owned.fact.props,
                });
                raw.push_edge(own, OWNED_KIND, owned.dst, &head)
                    .map_err(too_large)?;
            }
        }
        Ok(raw)
    }

    /// Counts of articles, nodes and edges: a few reads, kept up to date by every write.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let _guard = self.read_guard();
        self.stats_unlocked()
    }

    pub(crate) fn stats_unlocked(&self) -> Result<Stats, StoreError> {
        let counter = |key: Vec<u8>| -> Result<u64, StoreError> {
            match self.get(T::Meta, &key)? {
                Some(bytes) => read_u64(T::Meta.name(), &key, &bytes, 0),
                None => Ok(0),
            }
        };
        let mut stats = Stats {
            articles: counter(count_key(COUNT_ARTICLES, 0))?,
            ..Stats::default()
        };
        for kind in NodeKind::ALL {
            stats
                .nodes
                .insert(kind, counter(count_key(COUNT_NODES, node_kind_byte(kind)))?);
        }
        for kind in EdgeKind::ALL {
            stats
                .edges
                .insert(kind, counter(count_key(COUNT_EDGES, edge_kind_byte(kind)))?);
        }
        Ok(stats)
    }

    /// [`Store::stats`] counted from the indexes, for [`Store::verify`].
    pub(crate) fn counted_stats(&self) -> Result<Stats, StoreError> {
        let mut stats = Stats {
            articles: self.count(T::Articles)?,
            nodes: NodeKind::ALL.iter().map(|k| (*k, 0)).collect(),
            edges: EdgeKind::ALL.iter().map(|k| (*k, 0)).collect(),
        };
        for item in self.scan(T::NodesByKind, []) {
            let (key, _) = item?;
            let kind = node_kind(
                T::NodesByKind.name(),
                &key,
                key.first().copied().unwrap_or(u8::MAX),
            )?;
            *stats.nodes.entry(kind).or_default() += 1;
        }
        for item in self.scan(T::In, []) {
            let (key, _) = item?;
            let kind = edge_kind(T::In.name(), &key, key.get(8).copied().unwrap_or(u8::MAX))?;
            *stats.edges.entry(kind).or_default() += 1;
        }
        for item in self.scan(T::Commits, []) {
            let (key, value) = item?;
            let record: OwnedPart = decode_prefix(T::Commits.name(), &key, &value)?;
            *stats.edges.entry(OWNED_KIND).or_default() += record.owned.len() as u64;
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
    /// contribution that [`Store::forget`] cannot remove. Articles are written in the
    /// order given, in atomic groups; an interrupted import leaves a partial store:
    /// import again into a new one.
    pub fn import(&self, graph: &Graph, articles: &[Article]) -> Result<(), StoreError> {
        self.writable()?;
        let _guard = self.write();
        let empty = [T::Articles, T::NodeFacts, T::EdgeFacts]
            .iter()
            .all(|t| self.is_empty(*t));
        if !empty {
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
            id.strip_prefix(model::ARTICLE_NODE_PREFIX)
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
        const GROUP: usize = 256;
        let mut plan = Plan::new(self)?;
        let mut in_plan = 0;
        for (part, (nodes, edges)) in parts.into_iter().enumerate() {
            let article = listed.get(part).copied();
            if article.is_none() && nodes.is_empty() && edges.is_empty() {
                continue;
            }
            let (nodes, edges) = premerge(nodes.into_iter(), edges.into_iter());
            plan.add(article, nodes, edges, &Default::default())?;
            in_plan += 1;
            if in_plan == GROUP {
                plan.apply()?;
                plan = Plan::new(self)?;
                in_plan = 0;
            }
        }
        plan.apply()
    }

    /// Flushes, closes and opens the store again, returning the reopened store.
    ///
    /// sled 0.34 writes the snapshot of its page table only while opening, replaying its
    /// log since the previous snapshot: the first open after loading 100k articles in
    /// one session took 6.7 s, the next 0.6 s. A long write session (a bulk ingest or
    /// import) can call this at its end so that the next command opens quickly. A
    /// temporary store is only flushed.
    pub fn reopen(self) -> Result<Store, StoreError> {
        self.reopen_with_cache(CACHE_BYTES)
    }

    /// [`Store::reopen`] with sled's page cache at `cache_bytes` (see
    /// [`Store::open_with_cache`]).
    pub fn reopen_with_cache(self, cache_bytes: u64) -> Result<Store, StoreError> {
        self.flush()?;
        if self.temporary {
            return Ok(self);
        }
        let path = self.path.clone();
        let read_only = self.read_only;
        drop(self);
        let mut store = open_retrying(&path, cache_bytes)?;
        store.read_only = read_only;
        Ok(store)
    }

    /// Makes every write so far durable (sled also flushes in the background about
    /// every half second, and when the store is dropped).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    fn article_record(&self, id: &str) -> Result<Option<ArticleRecord>, StoreError> {
        match self.get(T::Articles, id.as_bytes())? {
            None => Ok(None),
            Some(bytes) => Ok(Some(decode(T::Articles.name(), id.as_bytes(), &bytes)?)),
        }
    }

    fn article_id_by_source(&self, source: &str) -> Result<Option<String>, StoreError> {
        self.get(T::Sources, source.as_bytes())?
            .map(|id| utf8(T::Sources, source.as_bytes(), &id))
            .transpose()
    }

    fn node_num(&self, id: &str) -> Result<Option<u64>, StoreError> {
        self.get(T::NodeIds, id.as_bytes())?
            .map(|bytes| read_u64(T::NodeIds.name(), id.as_bytes(), &bytes, 0))
            .transpose()
    }

    fn node_id(&self, num: u64) -> Result<String, StoreError> {
        let key = num.to_be_bytes();
        match self.get(T::NodeNames, key)? {
            Some(bytes) => utf8(T::NodeNames, &key, &bytes),
            None => Err(StoreError::Inconsistent {
                detail: format!("node number {num} has no id"),
            }),
        }
    }

    fn nums_with_key(&self, key: &str) -> Result<Vec<u64>, StoreError> {
        let prefix = match_key_prefix(key);
        let mut nums = Vec::new();
        for item in self.scan(T::Keys, &prefix) {
            let (entry, _) = item?;
            nums.push(read_u64(T::Keys.name(), &entry, &entry, prefix.len())?);
        }
        Ok(nums)
    }

    fn load_nodes(&self, nums: Vec<u64>, evidence: bool) -> Result<Vec<Node>, StoreError> {
        let mut seqs = SeqCache::default();
        let mut nodes = Vec::with_capacity(nums.len());
        for num in nums {
            let id = self.node_id(num)?;
            let node = if evidence {
                self.load_node(num, id, &mut seqs)?
            } else {
                self.load_head(num, id)?
            };
            nodes.extend(node);
        }
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(nodes)
    }

    /// A node without evidence, from its head record.
    fn load_head(&self, num: u64, id: String) -> Result<Option<Node>, StoreError> {
        let key = num.to_be_bytes();
        let Some(bytes) = self.get(T::Heads, key)? else {
            return Ok(None);
        };
        let head: NodeHead = decode(T::Heads.name(), &key, &bytes)?;
        Ok(Some(Node {
            id,
            kind: node_kind(T::Heads.name(), &key, head.kind)?,
            name: head.name,
            aliases: head.aliases,
            keys: head.keys,
            props: head.props,
            evidence: Vec::new(),
        }))
    }

    /// Merges a node's facts in commit order, exactly as [`Graph::add_node`] would.
    fn load_node(
        &self,
        num: u64,
        id: String,
        seqs: &mut SeqCache,
    ) -> Result<Option<Node>, StoreError> {
        let mut merged: Option<Node> = None;
        for item in self.scan(T::NodeFacts, num.to_be_bytes()) {
            let (key, value) = item?;
            let seq = read_u64(T::NodeFacts.name(), &key, &key, 8)?;
            let fact: NodeFact = decode(T::NodeFacts.name(), &key, &value)?;
            let table = seqs.get(self, seq)?;
            match &mut merged {
                Some(node) => absorb_node(node, node_from(String::new(), fact, &table, &key)?),
                None => merged = Some(node_from(id.clone(), fact, &table, &key)?),
            }
        }
        Ok(merged.map(|mut node| {
            sort_evidence(&mut node.evidence);
            node
        }))
    }

    /// Merges an edge's facts in commit order, as [`Graph::add_edge`] would: its
    /// `edge_facts` and, for an owned kind, the commit that owns it.
    fn load_edge(
        &self,
        (src_num, kind, dst_num): (u64, EdgeKind, u64),
        (src, dst): (&str, &str),
        seqs: &mut SeqCache,
        owned_cache: &mut OwnedCache,
    ) -> Result<Option<Edge>, StoreError> {
        let mut facts: Vec<(u64, EdgeFact, Vec<u8>)> = Vec::new();
        for item in self.scan(
            T::EdgeFacts,
            edge_key(src_num, edge_kind_byte(kind), dst_num),
        ) {
            let (key, value) = item?;
            let seq = read_u64(T::EdgeFacts.name(), &key, &key, 17)?;
            facts.push((
                seq,
                decode(T::EdgeFacts.name(), &key, &value)?,
                key.to_vec(),
            ));
        }
        // An edge is either ordinary or owned, never both.
        if facts.is_empty() && kind == OWNED_KIND && may_own(src) {
            let owned = match owned_cache.get(&src_num) {
                Some(owned) => owned,
                None => owned_cache
                    .entry(src_num)
                    .or_insert(self.owned_out(src_num)?),
            };
            for (seq, edge) in owned.iter().filter(|(_, e)| e.dst == dst_num) {
                facts.push((*seq, edge.fact.clone(), seq.to_be_bytes().to_vec()));
            }
        }
        let mut merged: Option<Edge> = None;
        for (seq, fact, key) in facts {
            let table = seqs.get(self, seq)?;
            let edge = edge_from(src.to_owned(), kind, dst.to_owned(), fact, &table, &key)?;
            match &mut merged {
                Some(existing) => absorb_edge(existing, edge),
                None => merged = Some(edge),
            }
        }
        Ok(merged.map(|mut edge| {
            sort_evidence(&mut edge.evidence);
            edge
        }))
    }

    /// The owned edges of commit `seq`, if there is such a commit.
    fn owned_part(&self, seq: u64) -> Result<Option<OwnedPart>, StoreError> {
        let key = seq.to_be_bytes();
        self.get(T::Commits, key)?
            .map(|bytes| decode_prefix(T::Commits.name(), &key, &bytes))
            .transpose()
    }

    /// The sequence numbers of the commits with a fact about node `num`, in order.
    fn fact_seqs(&self, num: u64) -> Result<Vec<u64>, StoreError> {
        let mut out = Vec::new();
        for item in self.scan(T::NodeFacts, num.to_be_bytes()) {
            let (key, _) = item?;
            out.push(read_u64(T::NodeFacts.name(), &key, &key, 8)?);
        }
        Ok(out)
    }

    /// The owned edges leaving node `num`, each with the commit that owns it, by
    /// destination: only commits with a fact about `num` can own an edge from it.
    pub(crate) fn owned_out(&self, num: u64) -> Result<Vec<(u64, OwnedEdge)>, StoreError> {
        let mut out = Vec::new();
        for seq in self.fact_seqs(num)? {
            if let Some(record) = self.owned_part(seq)? {
                if record.own == Some(num) {
                    out.extend(record.owned.into_iter().map(|e| (seq, e)));
                }
            }
        }
        out.sort_by_key(|(seq, e)| (e.dst, *seq));
        Ok(out)
    }

    /// The owned edges arriving at node `num`: (commit, source, fact). A commit owns an
    /// edge only to a node it has a fact about, so the commits of `num`'s facts hold
    /// them all.
    pub(crate) fn owned_in(&self, num: u64) -> Result<Vec<(u64, u64, EdgeFact)>, StoreError> {
        let mut out = Vec::new();
        for seq in self.fact_seqs(num)? {
            let Some(mut record) = self.owned_part(seq)? else {
                continue;
            };
            let Some(own) = record.own else { continue };
            if let Ok(i) = record.owned.binary_search_by_key(&num, |e| e.dst) {
                out.push((seq, own, record.owned.swap_remove(i).fact));
            }
        }
        Ok(out)
    }

    /// The edges leaving `id`: its edge facts, merged per edge, and its owned edges.
    fn out_adjacent(
        &self,
        id: &str,
        kind: Option<EdgeKind>,
        evidence: bool,
    ) -> Result<Vec<Edge>, StoreError> {
        let _guard = self.read_guard();
        let Some(num) = self.node_num(id)? else {
            return Ok(Vec::new());
        };
        let prefix = adjacency_prefix(num, kind);
        let mut seqs = SeqCache::default();
        let mut edges: Vec<Edge> = Vec::new();
        let mut current: Option<Vec<u8>> = None;
        let tree = T::EdgeFacts.name();
        let mut facts: Vec<(Vec<u8>, u64, EdgeFact)> = Vec::new();
        for item in self.scan(T::EdgeFacts, &prefix) {
            let (key, value) = item?;
            let seq = read_u64(tree, &key, &key, 17)?;
            facts.push((key.to_vec(), seq, decode(tree, &key, &value)?));
        }
        if kind.is_none_or(|k| k == OWNED_KIND) && may_own(id) {
            for (seq, owned) in self.owned_out(num)? {
                let key = edge_fact_key(num, edge_kind_byte(OWNED_KIND), owned.dst, seq);
                facts.push((key, seq, owned.fact));
            }
            facts.sort_by(|a, b| a.0.cmp(&b.0));
        }
        for (key, seq, fact) in facts {
            let (table, fact) = if evidence {
                (seqs.get(self, seq)?, fact)
            } else {
                (
                    Arc::new(SentenceTable::default()),
                    EdgeFact {
                        evidence: Vec::new(),
                        ..fact
                    },
                )
            };
            let edge_prefix = key.get(..17).unwrap_or(&key[..]);
            match (&current, edges.last_mut()) {
                (Some(p), Some(edge)) if p.as_slice() == edge_prefix => {
                    let more = edge_from(
                        edge.src.clone(),
                        edge.kind,
                        edge.dst.clone(),
                        fact,
                        &table,
                        &key,
                    )?;
                    absorb_edge(edge, more);
                }
                _ => {
                    let kind = edge_kind(tree, &key, key.get(8).copied().unwrap_or(u8::MAX))?;
                    let dst = self.node_id(read_u64(tree, &key, &key, 9)?)?;
                    edges.push(edge_from(id.to_owned(), kind, dst, fact, &table, &key)?);
                    current = Some(edge_prefix.to_vec());
                }
            }
        }
        for edge in &mut edges {
            sort_evidence(&mut edge.evidence);
        }
        edges.sort_by(|a, b| (&a.src, a.kind, &a.dst).cmp(&(&b.src, b.kind, &b.dst)));
        Ok(edges)
    }

    /// The edges arriving at `id`: its `in` entries, each with its facts or head, and
    /// the owned edges arriving at it.
    fn in_adjacent(
        &self,
        id: &str,
        kind: Option<EdgeKind>,
        evidence: bool,
    ) -> Result<Vec<Edge>, StoreError> {
        let _guard = self.read_guard();
        let Some(num) = self.node_num(id)? else {
            return Ok(Vec::new());
        };
        let prefix = adjacency_prefix(num, kind);
        let mut seqs = SeqCache::default();
        let mut edges = Vec::new();
        for item in self.scan(T::In, &prefix) {
            let (key, value) = item?;
            let kind = edge_kind(T::In.name(), &key, key.get(8).copied().unwrap_or(u8::MAX))?;
            let src_num = read_u64(T::In.name(), &key, &key, 9)?;
            let src = self.node_id(src_num)?;
            if evidence {
                let mut no_owned = OwnedCache::default();
                match self.load_edge((src_num, kind, num), (&src, id), &mut seqs, &mut no_owned)? {
                    Some(edge) => edges.push(edge),
                    None => {
                        return Err(StoreError::Inconsistent {
                            detail: format!("edge {src} {kind} {id} is listed but has no facts"),
                        })
                    }
                }
            } else {
                let head: EdgeHead = decode(T::In.name(), &key, &value)?;
                let mut edge = Edge::new(&src, kind, id);
                edge.props = head.props;
                edges.push(edge);
            }
        }
        if kind.is_none_or(|k| k == OWNED_KIND) {
            for (seq, src_num, fact) in self.owned_in(num)? {
                let src = self.node_id(src_num)?;
                let key = seq.to_be_bytes();
                let edge = if evidence {
                    let mut edge = edge_from(
                        src,
                        OWNED_KIND,
                        id.to_owned(),
                        fact,
                        &*seqs.get(self, seq)?,
                        &key,
                    )?;
                    sort_evidence(&mut edge.evidence);
                    edge
                } else {
                    let mut edge = Edge::new(&src, OWNED_KIND, id);
                    edge.props = fact.props;
                    edge
                };
                edges.push(edge);
            }
        }
        edges.sort_by(|a, b| (&a.src, a.kind, &a.dst).cmp(&(&b.src, b.kind, &b.dst)));
        Ok(edges)
    }
}

/// A skeleton whose encoded bytes outgrow what the cache can address.
fn too_large(_: snapshot::TooLarge) -> StoreError {
    StoreError::Inconsistent {
        detail: "the skeleton is too large to cache".into(),
    }
}

/// Each node number's rank in id order, for putting edges in key order without
/// comparing ids: node numbers are dense (handed out from 1), so a table indexed by
/// number holds them. A number that is not a node ranks last.
pub(crate) struct Ranks {
    rank: Vec<u32>,
}

impl Ranks {
    /// The ranks of `nums`, given in id order.
    pub(crate) fn new(nums: impl ExactSizeIterator<Item = u64> + Clone) -> Ranks {
        let count = nums.len();
        let max = nums.clone().max().unwrap_or(0);
        // (A damaged store could hold a huge number: then no table, a slower sort.)
        let table_len = if max < 4 * count as u64 + 1024 {
            max as usize + 1
        } else {
            0
        };
        let mut rank = vec![u32::MAX; table_len];
        for (i, num) in nums.enumerate() {
            if let Some(slot) = usize::try_from(num).ok().and_then(|n| rank.get_mut(n)) {
                *slot = i as u32;
            }
        }
        Ranks { rank }
    }

    pub(crate) fn of(&self, num: u64) -> u32 {
        usize::try_from(num)
            .ok()
            .and_then(|n| self.rank.get(n))
            .copied()
            .unwrap_or(u32::MAX)
    }
}

/// The owned edges leaving each node asked about ([`Store::owned_out`]), read once per
/// call.
type OwnedCache = HashMap<u64, Vec<(u64, OwnedEdge)>>;

/// Whether node `id` can own edges: only an article's own node does, and its id is
/// [`Article::node_id`], `article/<id>`. Lookups of owned edges skip every other node
/// without reading its commits.
pub(crate) fn may_own(id: &str) -> bool {
    id.starts_with(model::ARTICLE_NODE_PREFIX)
}

/// The sentence table of each commit sequence number, read once per call.
#[derive(Default)]
pub(crate) struct SeqCache {
    map: HashMap<u64, Arc<SentenceTable>>,
}

impl SeqCache {
    pub(crate) fn get(
        &mut self,
        store: &Store,
        seq: u64,
    ) -> Result<Arc<SentenceTable>, StoreError> {
        if let Some(found) = self.map.get(&seq) {
            return Ok(Arc::clone(found));
        }
        let key = seq.to_be_bytes();
        let table: SentenceTable = match store.get(T::Sentences, key)? {
            Some(bytes) => decode(T::Sentences.name(), &key, &bytes)?,
            None => SentenceTable::default(),
        };
        let table = Arc::new(table);
        self.map.insert(seq, Arc::clone(&table));
        Ok(table)
    }

    fn load_all(&mut self, store: &Store) -> Result<(), StoreError> {
        for item in store.scan(T::Sentences, &[]) {
            let (key, value) = item?;
            let seq = read_u64(T::Sentences.name(), &key, &key, 0)?;
            self.map
                .insert(seq, Arc::new(decode(T::Sentences.name(), &key, &value)?));
        }
        Ok(())
    }
}

/// Splits evidence among the parts of an import: each listed article gets its own,
/// `owner` gets a part even without evidence, and the rest (or a fact nobody backs) goes
/// to the anonymous part.
fn split_evidence(
    evidence: &[model::Evidence],
    index: &HashMap<&str, usize>,
    owner: Option<usize>,
    anonymous: usize,
) -> BTreeMap<usize, Vec<model::Evidence>> {
    let mut parts: BTreeMap<usize, Vec<model::Evidence>> = BTreeMap::new();
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

/// [`Node::absorb`] without sorting the evidence, which `absorb` does on every call:
/// quadratic for a node with many articles. Callers sort once with [`sort_evidence`].
fn absorb_node(into: &mut Node, mut other: Node) {
    let mut evidence = std::mem::take(&mut into.evidence);
    evidence.append(&mut other.evidence);
    into.absorb(other);
    into.evidence = evidence;
}

/// [`Edge::absorb`] without sorting the evidence; see [`absorb_node`].
fn absorb_edge(into: &mut Edge, mut other: Edge) {
    let mut evidence = std::mem::take(&mut into.evidence);
    evidence.append(&mut other.evidence);
    into.absorb(other);
    into.evidence = evidence;
}

fn sort_evidence(evidence: &mut Vec<model::Evidence>) {
    evidence.sort_unstable();
    evidence.dedup();
}

pub(crate) fn node_from(
    id: String,
    fact: NodeFact,
    table: &SentenceTable,
    key: &[u8],
) -> Result<Node, StoreError> {
    let kind = node_kind(T::NodeFacts.name(), key, fact.kind)?;
    let mut evidence = fact
        .evidence
        .iter()
        .map(|i| table.evidence(*i, T::NodeFacts.name(), key))
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
    table: &SentenceTable,
    key: &[u8],
) -> Result<Edge, StoreError> {
    let mut evidence = fact
        .evidence
        .iter()
        .map(|i| table.evidence(*i, T::EdgeFacts.name(), key))
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

pub(crate) fn utf8(t: T, key: &[u8], bytes: &[u8]) -> Result<String, StoreError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| StoreError::decode(t.name(), key, e))
}

/// Opens a store this process has just closed. sled's background writer threads may
/// hold the file (and its lock) for a moment after the last handle is dropped, so
/// [`StoreError::Locked`] is retried for up to five seconds.
pub(crate) fn open_retrying(path: &Path, cache_bytes: u64) -> Result<Store, StoreError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match Store::open_with_cache(path, cache_bytes) {
            Err(StoreError::Locked { .. }) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            result => return result,
        }
    }
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

/// The key prefix of a node's adjacency entries, of one edge kind when given.
fn adjacency_prefix(num: u64, kind: Option<EdgeKind>) -> Vec<u8> {
    let mut prefix = num.to_be_bytes().to_vec();
    if let Some(kind) = kind {
        prefix.push(edge_kind_byte(kind));
    }
    prefix
}
