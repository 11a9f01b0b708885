//! Writes: a [`Plan`] collects the writes of one atomic step against the store as it
//! is plus the writes planned so far, then applies them in one sled transaction.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use model::{Article, Edge, EdgeKey, Graph, Node};

use crate::{
    error::StoreError,
    records::{
        decode, edge_fact_key, edge_key, edge_kind_byte, encode, match_key_entry, node_kind,
        node_kind_byte, pair_key, read_u64, ArticleRecord, CommitRecord, EdgeFact, EdgeHead,
        NodeFact, NodeHead, OwnedEdge, SentenceRecord, SentenceTable,
    },
    store::{
        count_key, may_own, Store, COUNT_ARTICLES, COUNT_EDGES, COUNT_NODES, GENERATION_KEY,
        NEXT_NODE_KEY, NEXT_SEQ_KEY, N_TREES, OWNED_KIND, T,
    },
};

/// A key and its value.
type Entry = (Vec<u8>, Vec<u8>);

/// What forgetting an article removed from the graph, so that a replacement committed
/// in the same step does not count those nodes and edges as new.
#[derive(Debug, Default)]
pub(crate) struct Removed {
    nodes: HashSet<u64>,
    edges: HashSet<Vec<u8>>,
}

/// The writes of one atomic step.
pub(crate) struct Plan<'a> {
    store: &'a Store,
    writes: [BTreeMap<Vec<u8>, Option<Vec<u8>>>; N_TREES],
    next_seq: u64,
    next_node: u64,
    /// Changes to the counters in the meta family (see [`count_key`]).
    counts: BTreeMap<Vec<u8>, i64>,
    /// Node numbers already looked up in this plan: every edge end is also a node of
    /// the same article, so most edge ends are found here.
    interned: HashMap<String, u64>,
    /// Owned edges added or removed, (source, kind byte, destination): for the
    /// skeleton cache, as `in` writes are for the other edges.
    owned_touched: Vec<(u64, u8, u64)>,
}

impl<'a> Plan<'a> {
    pub(crate) fn new(store: &'a Store) -> Result<Plan<'a>, StoreError> {
        let counter = |key: &[u8]| -> Result<u64, StoreError> {
            match store.get(T::Meta, key)? {
                Some(bytes) => read_u64(T::Meta.name(), key, &bytes, 0),
                None => Ok(1),
            }
        };
        Ok(Plan {
            store,
            writes: Default::default(),
            next_seq: counter(NEXT_SEQ_KEY)?,
            next_node: counter(NEXT_NODE_KEY)?,
            counts: BTreeMap::new(),
            interned: HashMap::new(),
            owned_touched: Vec::new(),
        })
    }

    /// A value as it will be after the planned writes.
    pub(crate) fn get(&self, t: T, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        if let Some(write) = self.writes[t as usize].get(key) {
            return Ok(write.clone());
        }
        Ok(self.store.get(t, key)?.map(|v| v.to_vec()))
    }

    fn put(&mut self, t: T, key: Vec<u8>, value: Vec<u8>) {
        self.writes[t as usize].insert(key, Some(value));
    }

    fn del(&mut self, t: T, key: Vec<u8>) {
        self.writes[t as usize].insert(key, None);
    }

    /// Every entry under `prefix`, in key order, as it will be after the planned writes.
    fn scan(&self, t: T, prefix: &[u8]) -> Result<Vec<Entry>, StoreError> {
        let mut entries = BTreeMap::new();
        for item in self.store.scan(t, prefix) {
            let (key, value) = item?;
            entries.insert(key.to_vec(), value.to_vec());
        }
        for (key, value) in self.writes[t as usize]
            .range(prefix.to_vec()..)
            .take_while(|(k, _)| k.starts_with(prefix))
        {
            match value {
                Some(value) => entries.insert(key.clone(), value.clone()),
                None => entries.remove(key),
            };
        }
        Ok(entries.into_iter().collect())
    }

    /// The first entry under `prefix` after the planned writes.
    fn first_with_prefix(&self, t: T, prefix: &[u8]) -> Result<Option<Entry>, StoreError> {
        let writes = &self.writes[t as usize];
        let mut from_tree = None;
        for item in self.store.scan(t, prefix) {
            let (key, value) = item?;
            match writes.get(&key[..]) {
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

    /// Whether anything is under `prefix` after the planned writes.
    fn any_with_prefix(&self, t: T, prefix: &[u8]) -> Result<bool, StoreError> {
        let writes = &self.writes[t as usize];
        let planned = writes
            .range(prefix.to_vec()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .any(|(_, v)| v.is_some());
        if planned {
            return Ok(true);
        }
        for item in self.store.scan(t, prefix) {
            let (key, _) = item?;
            if writes.get(key.as_ref()) != Some(&None) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn intern(&mut self, id: &str) -> Result<u64, StoreError> {
        if let Some(num) = self.interned.get(id) {
            return Ok(*num);
        }
        if let Some(bytes) = self.get(T::NodeIds, id.as_bytes())? {
            let num = read_u64(T::NodeIds.name(), id.as_bytes(), &bytes, 0)?;
            self.interned.insert(id.to_owned(), num);
            return Ok(num);
        }
        let num = self.next_node;
        self.interned.insert(id.to_owned(), num);
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

    fn head(&self, num: u64) -> Result<Option<NodeHead>, StoreError> {
        let key = num.to_be_bytes();
        self.get(T::Heads, &key)?
            .map(|bytes| decode(T::Heads.name(), &key, &bytes))
            .transpose()
    }

    /// Writes a node's head and keeps the kind and match key indexes in step with it.
    fn set_head(&mut self, num: u64, old: Option<&NodeHead>, new: Option<NodeHead>) {
        let num_key = num.to_be_bytes();
        let by_kind = |kind: u8| [&[kind][..], &num_key].concat();
        let no_keys = BTreeSet::new();
        let old_keys = old.map_or(&no_keys, |h| &h.keys);
        let new_keys = new.as_ref().map_or(&no_keys, |h| &h.keys);
        let gone: Vec<Vec<u8>> = old_keys
            .difference(new_keys)
            .map(|k| match_key_entry(k, num))
            .collect();
        let fresh: Vec<Vec<u8>> = new_keys
            .difference(old_keys)
            .map(|k| match_key_entry(k, num))
            .collect();
        for key in gone {
            self.del(T::Keys, key);
        }
        for key in fresh {
            self.put(T::Keys, key, Vec::new());
        }
        let old_kind = old.map(|h| h.kind);
        let new_kind = new.as_ref().map(|h| h.kind);
        if old_kind != new_kind {
            if let Some(kind) = old_kind {
                self.del(T::NodesByKind, by_kind(kind));
                self.count(count_key(COUNT_NODES, kind), -1);
            }
            if let Some(kind) = new_kind {
                self.put(T::NodesByKind, by_kind(kind), Vec::new());
                self.count(count_key(COUNT_NODES, kind), 1);
            }
        }
        match new {
            Some(head) => self.put(T::Heads, num_key.to_vec(), encode(&head)),
            None => self.del(T::Heads, num_key.to_vec()),
        }
    }

    /// Plans adding one contribution under a new sequence number: the facts of one
    /// article (or, from `import`, of no article). Returns how many nodes and edges are
    /// new to the store; those in `removed` (forgotten in the same step) are not.
    pub(crate) fn add(
        &mut self,
        article: Option<&Article>,
        nodes: BTreeMap<String, Node>,
        edges: BTreeMap<EdgeKey, Edge>,
        removed: &Removed,
    ) -> Result<(usize, usize), StoreError> {
        let seq = self.next_seq;
        self.next_seq += 1;
        let article_id = article.map(|a| a.id.as_str());
        let mut table = TableBuilder::new(article_id);
        let mut record = CommitRecord {
            article: article_id.map(str::to_owned),
            nodes: Vec::with_capacity(nodes.len()),
            edges: Vec::with_capacity(edges.len()),
            own: None,
            owned: Vec::new(),
        };
        let own_id = article.map(Article::node_id);
        // The article's own node can own its mentions when nothing else has said
        // anything about it (see the crate documentation).
        let mut own = None;
        let (mut nodes_added, mut edges_added) = (0, 0);
        for (id, node) in nodes {
            let num = self.intern(&id)?;
            let fact = NodeFact {
                kind: node_kind_byte(node.kind),
                evidence: table.cite(&node.evidence),
                name: node.name,
                aliases: node.aliases,
                keys: node.keys,
                props: node.props,
            };
            let old = self.head(num)?;
            if old.is_none()
                && own_id.as_deref() == Some(id.as_str())
                && !self.any_with_prefix(T::EdgeFacts, &num.to_be_bytes())?
            {
                own = Some(num);
            }
            let new = match &old {
                None => {
                    if !removed.nodes.contains(&num) {
                        nodes_added += 1;
                    }
                    head_of(&fact)
                }
                Some(old) => {
                    let head_key = num.to_be_bytes();
                    let mut merged = node_of(old.clone(), T::Heads.name(), &head_key)?;
                    merged.absorb(node_of(head_of(&fact), T::Heads.name(), &head_key)?);
                    head_from_node(merged)
                }
            };
            if old.as_ref() != Some(&new) {
                self.set_head(num, old.as_ref(), Some(new));
            }
            self.put(T::NodeFacts, pair_key(num, seq), encode(&fact));
            record.nodes.push(num);
        }
        let with_facts: HashSet<u64> = record.nodes.iter().copied().collect();
        for (key, edge) in edges {
            let src = self.intern(&key.src)?;
            let dst = self.intern(&key.dst)?;
            let kind = edge_kind_byte(key.kind);
            let fact = EdgeFact {
                evidence: table.cite(&edge.evidence),
                props: edge.props,
            };
            let in_key = edge_key(dst, kind, src);
            if key.kind == OWNED_KIND && own == Some(src) && with_facts.contains(&dst) {
                if !removed.edges.contains(&in_key) {
                    edges_added += 1;
                }
                self.count(count_key(COUNT_EDGES, kind), 1);
                self.owned_touched.push((src, kind, dst));
                record.owned.push(OwnedEdge { dst, fact });
                continue;
            }
            let mut in_entry = self.get(T::In, &in_key)?;
            if in_entry.is_none() && key.kind == OWNED_KIND && may_own(&key.src) {
                // Another commit may own it: then it becomes ordinary, with an `in` entry.
                self.disown(src, dst)?;
                in_entry = self.get(T::In, &in_key)?;
            }
            match in_entry {
                None => {
                    if !removed.edges.contains(&in_key) {
                        edges_added += 1;
                    }
                    self.count(count_key(COUNT_EDGES, kind), 1);
                    self.put(
                        T::In,
                        in_key,
                        encode(&EdgeHead {
                            props: fact.props.clone(),
                        }),
                    );
                }
                Some(bytes) => {
                    let mut head: EdgeHead = decode(T::In.name(), &in_key, &bytes)?;
                    let before = head.props.len();
                    for (k, v) in &fact.props {
                        head.props.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                    if head.props.len() != before {
                        self.put(T::In, in_key, encode(&head));
                    }
                }
            }
            self.put(
                T::EdgeFacts,
                edge_fact_key(src, kind, dst, seq),
                encode(&fact),
            );
            record.edges.push((src, kind, dst));
        }
        if !record.owned.is_empty() {
            record.own = own;
            record.owned.sort_by_key(|e| e.dst);
        }
        let seq_key = seq.to_be_bytes().to_vec();
        self.put(T::Commits, seq_key.clone(), encode(&record));
        self.put(T::Sentences, seq_key, encode(&table.finish()));
        if let Some(article) = article {
            let stored = ArticleRecord {
                seq,
                source: article.source.clone(),
                title: article.title.clone(),
                date: article.date.clone(),
                bytes: article.bytes as u64,
            };
            self.put(T::Articles, article.id.as_bytes().to_vec(), encode(&stored));
            self.count(count_key(COUNT_ARTICLES, 0), 1);
            self.put(
                T::Sources,
                article.source.as_bytes().to_vec(),
                article.id.as_bytes().to_vec(),
            );
        }
        Ok((nodes_added, edges_added))
    }

    /// Plans removing a stored article and everything only it supports, and
    /// recomputing the heads of what survives.
    pub(crate) fn forget(&mut self, article_id: &str) -> Result<Removed, StoreError> {
        let mut removed = Removed::default();
        let id_key = article_id.as_bytes().to_vec();
        let Some(bytes) = self.get(T::Articles, &id_key)? else {
            return Ok(removed);
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
            let forgotten: Option<NodeFact> = self
                .get(T::NodeFacts, &fact_key)?
                .map(|bytes| decode(T::NodeFacts.name(), &fact_key, &bytes))
                .transpose()?;
            self.del(T::NodeFacts, fact_key.clone());
            let old = self.head(num)?;
            // Most facts of a popular node repeat what an earlier one says: then the
            // head stays as it is, and its other facts need not be read.
            if let (Some(forgotten), Some(_)) = (&forgotten, &old) {
                if let Some((first_key, first)) =
                    self.first_with_prefix(T::NodeFacts, &num.to_be_bytes())?
                {
                    if first_key < fact_key {
                        let first: NodeFact = decode(T::NodeFacts.name(), &first_key, &first)?;
                        if covers(&first, forgotten) {
                            continue;
                        }
                    }
                }
            }
            let mut merged: Option<Node> = None;
            for (key, value) in self.scan(T::NodeFacts, &num.to_be_bytes())? {
                let fact: NodeFact = decode(T::NodeFacts.name(), &key, &value)?;
                let node = node_of(head_of(&fact), T::NodeFacts.name(), &key)?;
                match &mut merged {
                    Some(m) => m.absorb(node),
                    None => merged = Some(node),
                }
            }
            let new = merged.map(head_from_node);
            if new.is_none() {
                removed.nodes.insert(num);
            }
            if old != new {
                self.set_head(num, old.as_ref(), new);
            }
        }
        for (src, kind, dst) in commit.edges {
            let fact_key = edge_fact_key(src, kind, dst, seq);
            let forgotten_props: BTreeSet<String> = match self.get(T::EdgeFacts, &fact_key)? {
                Some(bytes) => decode::<EdgeFact>(T::EdgeFacts.name(), &fact_key, &bytes)?
                    .props
                    .into_keys()
                    .collect(),
                None => BTreeSet::new(),
            };
            self.del(T::EdgeFacts, fact_key.clone());
            let out_key = edge_key(src, kind, dst);
            let in_key = edge_key(dst, kind, src);
            // The properties stay as they are when the forgotten fact had none, or an
            // earlier fact has every property it had (first wins).
            let mut recompute = !forgotten_props.is_empty();
            if recompute {
                if let Some((first_key, first)) = self.first_with_prefix(T::EdgeFacts, &out_key)? {
                    let first: EdgeFact = decode(T::EdgeFacts.name(), &first_key, &first)?;
                    if first_key < fact_key
                        && forgotten_props.iter().all(|k| first.props.contains_key(k))
                    {
                        recompute = false;
                    }
                }
            }
            if !self.any_with_prefix(T::EdgeFacts, &out_key)? {
                self.del(T::In, in_key.clone());
                removed.edges.insert(in_key);
                self.count(count_key(COUNT_EDGES, kind), -1);
            } else if recompute {
                let mut head = EdgeHead::default();
                for (key, value) in self.scan(T::EdgeFacts, &out_key)? {
                    let fact: EdgeFact = decode(T::EdgeFacts.name(), &key, &value)?;
                    for (k, v) in fact.props {
                        head.props.entry(k).or_insert(v);
                    }
                }
                self.put(T::In, in_key, encode(&head));
            }
        }
        if let Some(own) = commit.own {
            let kind = edge_kind_byte(OWNED_KIND);
            for owned in &commit.owned {
                removed.edges.insert(edge_key(owned.dst, kind, own));
                self.count(count_key(COUNT_EDGES, kind), -1);
                self.owned_touched.push((own, kind, owned.dst));
            }
        }
        self.del(T::Commits, seq_key.clone());
        self.del(T::Sentences, seq_key);
        self.del(T::Articles, id_key);
        self.count(count_key(COUNT_ARTICLES, 0), -1);
        let source_key = article.source.into_bytes();
        if self.get(T::Sources, &source_key)?.as_deref() == Some(article_id.as_bytes()) {
            self.del(T::Sources, source_key);
        }
        Ok(removed)
    }

    /// Turns the owned edge `src` → `dst`, if there is one, into an edge with a fact
    /// and an `in` entry of its own, so that another commit can support it too. Only an
    /// extraction that states a mention for another article's node comes here.
    fn disown(&mut self, src: u64, dst: u64) -> Result<(), StoreError> {
        let kind = edge_kind_byte(OWNED_KIND);
        for (fact_key, _) in self.scan(T::NodeFacts, &src.to_be_bytes())? {
            let seq = read_u64(T::NodeFacts.name(), &fact_key, &fact_key, 8)?;
            let seq_key = seq.to_be_bytes().to_vec();
            let Some(bytes) = self.get(T::Commits, &seq_key)? else {
                continue;
            };
            let mut record: CommitRecord = decode(T::Commits.name(), &seq_key, &bytes)?;
            if record.own != Some(src) {
                continue;
            }
            let Ok(i) = record.owned.binary_search_by_key(&dst, |e| e.dst) else {
                continue;
            };
            let owned = record.owned.remove(i);
            if record.owned.is_empty() {
                record.own = None;
            }
            let head = EdgeHead {
                props: owned.fact.props.clone(),
            };
            self.put(
                T::EdgeFacts,
                edge_fact_key(src, kind, dst, seq),
                encode(&owned.fact),
            );
            self.put(T::In, edge_key(dst, kind, src), encode(&head));
            record.edges.push((src, kind, dst));
            self.put(T::Commits, seq_key, encode(&record));
            // Only one commit can own it.
            break;
        }
        Ok(())
    }

    fn count(&mut self, key: Vec<u8>, delta: i64) {
        *self.counts.entry(key).or_default() += delta;
    }

    /// Writes the plan as one sled batch.
    pub(crate) fn apply(mut self) -> Result<(), StoreError> {
        for (key, delta) in std::mem::take(&mut self.counts) {
            if delta == 0 {
                continue;
            }
            let old = match self.get(T::Meta, &key)? {
                Some(bytes) => read_u64(T::Meta.name(), &key, &bytes, 0)?,
                None => 0,
            };
            let new = old
                .checked_add_signed(delta)
                .ok_or_else(|| StoreError::Inconsistent {
                    detail: format!(
                        "counter {} would go below zero",
                        String::from_utf8_lossy(&key)
                    ),
                })?;
            self.put(T::Meta, key, new.to_be_bytes().to_vec());
        }
        let generation = match self.get(T::Meta, GENERATION_KEY)? {
            Some(bytes) => read_u64(T::Meta.name(), GENERATION_KEY, &bytes, 0)?,
            None => 0,
        };
        self.put(
            T::Meta,
            GENERATION_KEY.to_vec(),
            generation.wrapping_add(1).to_be_bytes().to_vec(),
        );
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
        let mut batch = sled::Batch::default();
        for (index, writes) in self.writes.iter().enumerate() {
            for (key, value) in writes {
                let mut full = Vec::with_capacity(1 + key.len());
                full.push(index as u8);
                full.extend_from_slice(key);
                match value {
                    Some(value) => batch.insert(full, value.as_slice()),
                    None => batch.remove(full),
                }
            }
        }
        // sled applies a batch atomically, also across a crash.
        self.store.data.apply_batch(batch)?;
        // Heads and `in` entries are what the skeleton is made of.
        let nodes = self.writes[T::Heads as usize]
            .keys()
            .filter_map(|key| Some(u64::from_be_bytes(key.get(..8)?.try_into().ok()?)));
        let edges = self.writes[T::In as usize]
            .keys()
            .filter_map(|key| {
                let dst = u64::from_be_bytes(key.get(..8)?.try_into().ok()?);
                let src = u64::from_be_bytes(key.get(9..17)?.try_into().ok()?);
                Some((src, *key.get(8)?, dst))
            })
            .chain(self.owned_touched.iter().copied());
        self.store.touched_lock().note(nodes, edges);
        Ok(())
    }
}

/// Builds one commit's sentence table, storing each cited sentence once.
struct TableBuilder<'a> {
    article: Option<&'a str>,
    index: HashMap<SentenceRecord, u32>,
    sentences: Vec<SentenceRecord>,
}

impl<'a> TableBuilder<'a> {
    fn new(article: Option<&'a str>) -> TableBuilder<'a> {
        TableBuilder {
            article,
            index: HashMap::new(),
            sentences: Vec::new(),
        }
    }

    /// The table positions of `evidence`, sorted and without duplicates.
    fn cite(&mut self, evidence: &[model::Evidence]) -> Vec<u32> {
        let mut cited: Vec<u32> = evidence
            .iter()
            .map(|e| {
                let record = SentenceRecord::from_evidence(e, self.article);
                let next = self.sentences.len() as u32;
                *self.index.entry(record.clone()).or_insert_with(|| {
                    self.sentences.push(record);
                    next
                })
            })
            .collect();
        cited.sort_unstable();
        cited.dedup();
        cited
    }

    fn finish(self) -> SentenceTable {
        SentenceTable {
            article: self.article.map(str::to_owned),
            sentences: self.sentences,
        }
    }
}

/// Merges an article's records of the same node or edge, in order, as
/// [`Graph::add_extraction`] does.
pub(crate) fn premerge(
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

/// Whether removing `later` from a node whose facts include the earlier `earlier`
/// leaves its head unchanged: `later` is not the first fact (so name and kind stay),
/// every name and alias and key it adds is in `earlier` too, and every property it has
/// is already given by `earlier` (first wins). `earlier` must not list its own name as
/// an alias: a lone first record keeps such an alias, merged ones lose it.
fn covers(earlier: &NodeFact, later: &NodeFact) -> bool {
    let named = |name: &String| *name == earlier.name || earlier.aliases.contains(name);
    !earlier.aliases.contains(&earlier.name)
        && named(&later.name)
        && later.aliases.iter().all(named)
        && later.keys.is_subset(&earlier.keys)
        && later.props.keys().all(|k| earlier.props.contains_key(k))
}

fn head_of(fact: &NodeFact) -> NodeHead {
    NodeHead {
        kind: fact.kind,
        name: fact.name.clone(),
        aliases: fact.aliases.clone(),
        keys: fact.keys.clone(),
        props: fact.props.clone(),
    }
}

/// A head as a node without id or evidence, so that heads merge with
/// [`Node::absorb`], the very rule reads and the model use.
fn node_of(head: NodeHead, tree: &'static str, key: &[u8]) -> Result<Node, StoreError> {
    Ok(Node {
        id: String::new(),
        kind: node_kind(tree, key, head.kind)?,
        name: head.name,
        aliases: head.aliases,
        keys: head.keys,
        props: head.props,
        evidence: Vec::new(),
    })
}

fn head_from_node(node: Node) -> NodeHead {
    NodeHead {
        kind: node_kind_byte(node.kind),
        name: node.name,
        aliases: node.aliases,
        keys: node.keys,
        props: node.props,
    }
}
