//! [`Store::verify`]: checks that every index agrees with the facts.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use model::Node;

use crate::{
    error::StoreError,
    records::{
        decode, edge_key, match_key_entry, node_kind, read_u64, ArticleRecord, CommitRecord,
        EdgeFact, EdgeHead, NodeFact, NodeHead,
    },
    store::{utf8, Store, NEXT_NODE_KEY, NEXT_SEQ_KEY, OWNED_KIND, T},
};

fn problem(detail: String) -> StoreError {
    StoreError::Inconsistent { detail }
}

impl Store {
    /// Checks the whole store: every index agrees with the facts, every fact belongs to
    /// a stored commit, every record decodes. Returns the first problem found as
    /// [`StoreError::Inconsistent`] or [`StoreError::Decode`]. Reads everything once;
    /// meant for tests and a `check` command, not for every start.
    pub fn verify(&self) -> Result<(), StoreError> {
        let _guard = self.read_guard();
        let counter = |key: &[u8]| -> Result<u64, StoreError> {
            match self.get(T::Meta, key)? {
                Some(bytes) => read_u64(T::Meta.name(), key, &bytes, 0),
                None => Ok(1),
            }
        };
        let (next_seq, next_node) = (counter(NEXT_SEQ_KEY)?, counter(NEXT_NODE_KEY)?);

        let mut commits: HashMap<u64, CommitRecord> = HashMap::new();
        for item in self.scan(T::Commits, []) {
            let (key, value) = item?;
            let seq = read_u64(T::Commits.name(), &key, &key, 0)?;
            if seq >= next_seq {
                return Err(problem(format!(
                    "commit {seq} is not below the next sequence number {next_seq}"
                )));
            }
            if self.get(T::Sentences, key.to_vec())?.is_none() {
                return Err(problem(format!("commit {seq} has no sentence table")));
            }
            commits.insert(seq, decode(T::Commits.name(), &key, &value)?);
        }
        for item in self.scan(T::Sentences, []) {
            let (key, _) = item?;
            let seq = read_u64(T::Sentences.name(), &key, &key, 0)?;
            if !commits.contains_key(&seq) {
                return Err(problem(format!(
                    "sentence table {seq} belongs to no commit"
                )));
            }
        }
        let mut article_seqs = BTreeSet::new();
        for item in self.scan(T::Articles, []) {
            let (key, value) = item?;
            let id = utf8(T::Articles, &key, &key)?;
            let record: ArticleRecord = decode(T::Articles.name(), &key, &value)?;
            match commits.get(&record.seq) {
                Some(commit) if commit.article.as_deref() == Some(id.as_str()) => {}
                _ => {
                    return Err(problem(format!(
                        "article {id} has no commit record {}",
                        record.seq
                    )))
                }
            }
            article_seqs.insert(record.seq);
            match self.get(T::Sources, record.source.as_bytes())? {
                Some(owner) if self.get(T::Articles, &owner)?.is_some() => {}
                _ => {
                    return Err(problem(format!(
                        "source {:?} of article {id} is not indexed",
                        record.source
                    )))
                }
            }
        }
        for (seq, commit) in &commits {
            if commit.article.is_some() && !article_seqs.contains(seq) {
                return Err(problem(format!(
                    "commit {seq} names an article that is not stored"
                )));
            }
        }
        for item in self.scan(T::Sources, []) {
            let (key, value) = item?;
            let Some(bytes) = self.get(T::Articles, &value)? else {
                return Err(problem(format!(
                    "source {:?} points at a missing article",
                    String::from_utf8_lossy(&key)
                )));
            };
            let record: ArticleRecord = decode(T::Articles.name(), &value, &bytes)?;
            if record.source.as_bytes() != &key[..] {
                return Err(problem(format!(
                    "source {:?} points at an article from elsewhere",
                    record.source
                )));
            }
        }

        let mut names: HashMap<u64, String> = HashMap::new();
        for item in self.scan(T::NodeNames, []) {
            let (key, value) = item?;
            let num = read_u64(T::NodeNames.name(), &key, &key, 0)?;
            if num >= next_node {
                return Err(problem(format!(
                    "node number {num} is not below the next one {next_node}"
                )));
            }
            let id = utf8(T::NodeNames, &key, &value)?;
            match self.get(T::NodeIds, id.as_bytes())? {
                Some(bytes) if read_u64(T::NodeIds.name(), id.as_bytes(), &bytes, 0)? == num => {}
                _ => return Err(problem(format!("node {id} is not interned as {num}"))),
            }
            names.insert(num, id);
        }
        if names.len() as u64 != self.count(T::NodeIds)? {
            return Err(problem("node ids and node numbers differ in number".into()));
        }

        // Facts, grouped per node and per edge, against the commits that wrote them.
        let mut node_facts: BTreeMap<u64, Vec<NodeFact>> = BTreeMap::new();
        let mut n_node_facts = 0;
        for item in self.scan(T::NodeFacts, []) {
            let (key, value) = item?;
            let num = read_u64(T::NodeFacts.name(), &key, &key, 0)?;
            let seq = read_u64(T::NodeFacts.name(), &key, &key, 8)?;
            if !commits.get(&seq).is_some_and(|c| c.nodes.contains(&num))
                || !names.contains_key(&num)
            {
                return Err(problem(format!(
                    "node fact {num}/{seq} belongs to no commit or node"
                )));
            }
            node_facts
                .entry(num)
                .or_default()
                .push(decode(T::NodeFacts.name(), &key, &value)?);
            n_node_facts += 1;
        }
        let mut edge_props: BTreeMap<Vec<u8>, BTreeMap<String, String>> = BTreeMap::new();
        let mut n_edge_facts = 0;
        for item in self.scan(T::EdgeFacts, []) {
            let (key, value) = item?;
            let src = read_u64(T::EdgeFacts.name(), &key, &key, 0)?;
            let kind = key.get(8).copied().unwrap_or(u8::MAX);
            let dst = read_u64(T::EdgeFacts.name(), &key, &key, 9)?;
            let seq = read_u64(T::EdgeFacts.name(), &key, &key, 17)?;
            if !commits
                .get(&seq)
                .is_some_and(|c| c.edges.contains(&(src, kind, dst)))
                || !names.contains_key(&src)
                || !names.contains_key(&dst)
            {
                return Err(problem(format!(
                    "edge fact {src}/{kind}/{dst}/{seq} belongs to no commit or node"
                )));
            }
            let fact: EdgeFact = decode(T::EdgeFacts.name(), &key, &value)?;
            let props = edge_props.entry(edge_key(dst, kind, src)).or_default();
            for (k, v) in fact.props {
                props.entry(k).or_insert(v);
            }
            n_edge_facts += 1;
        }
        // Owned edges: from the commit's own node to nodes it has facts about, each
        // once, and nowhere else.
        let owned_kind = crate::records::edge_kind_byte(OWNED_KIND);
        let mut owned_edges = BTreeSet::new();
        for (seq, commit) in &commits {
            if commit.own.is_some() == commit.owned.is_empty() {
                return Err(problem(format!(
                    "commit {seq} has owned edges without an own node, or the reverse"
                )));
            }
            let Some(own) = commit.own else { continue };
            let own_id = commit.article.as_deref().map(model::article_node_id);
            if own_id.is_none() || names.get(&own).map(String::as_str) != own_id.as_deref() {
                return Err(problem(format!(
                    "commit {seq} owns edges from a node that is not its article's"
                )));
            }
            if !commit.owned.windows(2).all(|w| w[0].dst < w[1].dst) {
                return Err(problem(format!(
                    "the owned edges of commit {seq} are out of order"
                )));
            }
            for owned in &commit.owned {
                if !commit.nodes.contains(&own) || !commit.nodes.contains(&owned.dst) {
                    return Err(problem(format!(
                        "owned edge {own}/{}/{seq} ends at a node its commit has no fact about",
                        owned.dst
                    )));
                }
                if !owned_edges.insert((own, owned.dst)) {
                    return Err(problem(format!(
                        "owned edge {own}/{} is owned by two commits",
                        owned.dst
                    )));
                }
                if edge_props.contains_key(&edge_key(owned.dst, owned_kind, own)) {
                    return Err(problem(format!(
                        "owned edge {own}/{}/{seq} also has edge facts",
                        owned.dst
                    )));
                }
            }
        }
        let listed_nodes: usize = commits.values().map(|c| c.nodes.len()).sum();
        let listed_edges: usize = commits.values().map(|c| c.edges.len()).sum();
        if listed_nodes != n_node_facts || listed_edges != n_edge_facts {
            return Err(problem("commit records list facts that are missing".into()));
        }

        // Heads, kinds and keys follow the facts.
        let mut expected_kinds = BTreeSet::new();
        let mut expected_keys = BTreeSet::new();
        for (num, facts) in node_facts {
            let mut merged: Option<Node> = None;
            for fact in facts {
                let node = Node {
                    id: String::new(),
                    kind: node_kind(T::NodeFacts.name(), &num.to_be_bytes(), fact.kind)?,
                    name: fact.name,
                    aliases: fact.aliases,
                    keys: fact.keys,
                    props: fact.props,
                    evidence: Vec::new(),
                };
                match &mut merged {
                    Some(m) => m.absorb(node),
                    None => merged = Some(node),
                }
            }
            let Some(merged) = merged else { continue };
            let expected = NodeHead {
                kind: crate::records::node_kind_byte(merged.kind),
                name: merged.name,
                aliases: merged.aliases,
                keys: merged.keys,
                props: merged.props,
            };
            let key = num.to_be_bytes();
            let head: Option<NodeHead> = self
                .get(T::Heads, key)?
                .map(|b| decode(T::Heads.name(), &key, &b))
                .transpose()?;
            if head.as_ref() != Some(&expected) {
                return Err(problem(format!(
                    "the head of node {} does not match its facts",
                    names[&num]
                )));
            }
            expected_kinds.insert([&[expected.kind][..], &key].concat());
            for k in &expected.keys {
                expected_keys.insert(match_key_entry(k, num));
            }
        }
        if self.count(T::Heads)? != expected_kinds.len() as u64 {
            return Err(problem("a node head has no facts".into()));
        }
        let kinds: BTreeSet<Vec<u8>> = self
            .scan(T::NodesByKind, [])
            .map(|item| item.map(|(k, _)| k.to_vec()))
            .collect::<Result<_, _>>()?;
        if kinds != expected_kinds {
            return Err(problem(
                "the kind index does not match the node heads".into(),
            ));
        }
        let keys: BTreeSet<Vec<u8>> = self
            .scan(T::Keys, [])
            .map(|item| item.map(|(k, _)| k.to_vec()))
            .collect::<Result<_, _>>()?;
        if keys != expected_keys {
            return Err(problem(
                "the match key index does not match the node heads".into(),
            ));
        }
        let mut n_in = 0;
        for item in self.scan(T::In, []) {
            let (key, value) = item?;
            let head: EdgeHead = decode(T::In.name(), &key, &value)?;
            if edge_props.get(&key[..]) != Some(&head.props) {
                return Err(problem(
                    "an in-edge entry does not match its edge facts".into(),
                ));
            }
            n_in += 1;
        }
        if n_in != edge_props.len() {
            return Err(problem("an edge has facts but no in-edge entry".into()));
        }
        if self.stats_unlocked()? != self.counted_stats()? {
            return Err(problem("the counters do not match the indexes".into()));
        }
        Ok(())
    }
}
