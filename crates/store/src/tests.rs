//! Unit and property tests of the store.

use std::collections::{BTreeMap, BTreeSet};

use model::{Article, Edge, EdgeKey, EdgeKind, Evidence, Extraction, Graph, Node, NodeKind};
use proptest::prelude::*;

use crate::{
    records::{
        self, ArticleRecord, CommitRecord, CommitRecordV1, EdgeFact, EdgeHead, NodeFact, NodeHead,
        OwnedEdge, SentenceRecord, SentenceTable,
    },
    store::T,
    Skeleton, Store, StoreError, SCHEMA_VERSION,
};

fn article(id: &str, source: &str) -> Article {
    Article {
        id: id.into(),
        source: source.into(),
        title: None,
        date: Some("2024-05-01".into()),
        bytes: 100,
    }
}

fn evidence(article: &str, sentence: &str) -> Evidence {
    Evidence {
        article: article.into(),
        sentence: sentence.into(),
        start: 0,
        end: sentence.len(),
    }
}

/// An extraction in the shape the extractor gives: the article's node, a person, a
/// country, and edges between them, all with evidence naming the article.
fn extraction(id: &str, source: &str, person: &str, country: &str, role: &str) -> Extraction {
    let art = article(id, source);
    let sentence = format!("{person} of {country} spoke.");
    let mut article_node = Node::new(NodeKind::Article, id);
    article_node.id = art.node_id();
    article_node.name = source.into();
    let mut p = Node::new(NodeKind::Person, person);
    p.keys.insert(model::fold(person));
    if let Some(surname) = person.split_whitespace().last() {
        p.keys.insert(model::fold(surname));
    }
    p.props.insert("role".into(), role.into());
    p.evidence.push(evidence(id, &sentence));
    let mut c = Node::new(NodeKind::Country, country);
    c.keys.insert(model::fold(country));
    c.evidence.push(evidence(id, &sentence));
    let mut represents = Edge::new(&p.id, EdgeKind::Represents, &c.id);
    represents.evidence.push(evidence(id, &sentence));
    let mut mentions_p = Edge::new(&article_node.id, EdgeKind::Mentions, &p.id);
    mentions_p.evidence.push(evidence(id, &sentence));
    let mut mentions_c = Edge::new(&article_node.id, EdgeKind::Mentions, &c.id);
    mentions_c.evidence.push(evidence(id, &sentence));
    Extraction {
        article: Some(art),
        nodes: vec![article_node, p, c],
        edges: vec![represents, mentions_p, mentions_c],
    }
}

fn model_of(extractions: &[Extraction]) -> Graph {
    let mut graph = Graph::new();
    for e in extractions {
        graph.add_extraction(e.clone());
    }
    for node in graph.nodes.values_mut() {
        node.evidence.sort();
        node.evidence.dedup();
    }
    for edge in graph.edges.values_mut() {
        edge.evidence.sort();
        edge.evidence.dedup();
    }
    graph
}

fn ids(nodes: &[Node]) -> Vec<&str> {
    nodes.iter().map(|n| n.id.as_str()).collect()
}

#[test]
fn commit_reads_back_and_is_idempotent() {
    let store = Store::temporary().unwrap();
    let e1 = extraction(
        "a1",
        "one.txt",
        "Dmitry Peskov",
        "Russia",
        "Foreign Minister",
    );
    let summary = store.commit(&e1).unwrap();
    assert_eq!(summary.nodes_added, 3);
    assert_eq!(summary.edges_added, 3);
    assert!(!summary.unchanged);
    assert_eq!(store.graph().unwrap(), model_of(std::slice::from_ref(&e1)));
    let again = store.commit(&e1).unwrap();
    assert!(again.unchanged);
    assert_eq!(again.nodes_added, 0);
    assert_eq!(store.graph().unwrap(), model_of(std::slice::from_ref(&e1)));
    assert_eq!(store.article("a1").unwrap(), e1.article.clone());
    assert_eq!(
        store.article_by_source("one.txt").unwrap(),
        e1.article.clone()
    );
    assert_eq!(store.article("nope").unwrap(), None);
    assert_eq!(store.articles().unwrap(), vec![e1.article.clone().unwrap()]);
    let peskov = store.node("person/dmitry-peskov").unwrap().unwrap();
    assert_eq!(peskov.props["role"], "Foreign Minister");
    assert_eq!(
        ids(&store.nodes_with_key("peskov").unwrap()),
        ["person/dmitry-peskov"]
    );
    assert_eq!(
        ids(&store.nodes_of_kind(NodeKind::Country).unwrap()),
        ["country/russia"]
    );
    let out = store.out_edges("article/a1", None).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(
        store
            .out_edges("article/a1", Some(EdgeKind::Represents))
            .unwrap(),
        vec![]
    );
    let into = store.in_edges("country/russia", None).unwrap();
    assert_eq!(
        into.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [EdgeKind::Mentions, EdgeKind::Represents]
    );
    let stats = store.stats().unwrap();
    assert_eq!(stats.articles, 1);
    assert_eq!(stats.nodes[&NodeKind::Person], 1);
    assert_eq!(stats.nodes[&NodeKind::Topic], 0);
    assert_eq!(stats.edges[&EdgeKind::Mentions], 2);
}

#[test]
fn merging_keeps_the_earliest_props_and_unites_the_rest() {
    let store = Store::temporary().unwrap();
    let e1 = extraction(
        "a1",
        "one.txt",
        "Dmitry Peskov",
        "Russia",
        "Foreign Minister",
    );
    let e2 = extraction("a2", "two.txt", "Dmitry Peskov", "Russia", "minister");
    store.commit(&e1).unwrap();
    let summary = store.commit(&e2).unwrap();
    assert_eq!((summary.nodes_added, summary.edges_added), (1, 2));
    let peskov = store.node("person/dmitry-peskov").unwrap().unwrap();
    assert_eq!(peskov.props["role"], "Foreign Minister");
    assert_eq!(peskov.evidence.len(), 2);
    assert_eq!(store.graph().unwrap(), model_of(&[e1.clone(), e2.clone()]));
    // Forgetting the earlier article lets the later one's property through.
    assert!(store.forget("a1").unwrap());
    assert!(!store.forget("a1").unwrap());
    let peskov = store.node("person/dmitry-peskov").unwrap().unwrap();
    assert_eq!(peskov.props["role"], "minister");
    assert_eq!(store.graph().unwrap(), model_of(&[e2]));
    assert_eq!(store.node("article/a1").unwrap(), None);
    assert_eq!(store.out_edges("article/a1", None).unwrap(), vec![]);
}

#[test]
fn same_source_replaces_the_old_article_in_one_step() {
    let store = Store::temporary().unwrap();
    let old = extraction(
        "a1",
        "one.txt",
        "Dmitry Peskov",
        "Russia",
        "Foreign Minister",
    );
    let new = extraction(
        "a2",
        "one.txt",
        "Antony Blinken",
        "Russia",
        "Secretary of State",
    );
    store.commit(&old).unwrap();
    let summary = store.commit(&new).unwrap();
    assert_eq!(summary.replaced.as_deref(), Some("a1"));
    assert_eq!(summary.nodes_added, 2);
    assert_eq!(store.graph().unwrap(), model_of(std::slice::from_ref(&new)));
    assert_eq!(store.article("a1").unwrap(), None);
    assert_eq!(
        store.article_by_source("one.txt").unwrap(),
        new.article.clone()
    );
    assert_eq!(store.nodes_with_key("peskov").unwrap(), vec![]);
    assert_eq!(
        ids(&store.nodes_with_key("blinken").unwrap()),
        ["person/antony-blinken"]
    );
    assert_eq!(
        ids(&store.nodes_with_key("russia").unwrap()),
        ["country/russia"]
    );
    assert_eq!(store.stats().unwrap().articles, 1);
}

#[test]
fn forget_keeps_the_key_index_exact() {
    let store = Store::temporary().unwrap();
    let mut e1 = extraction(
        "a1",
        "one.txt",
        "Dmitry Peskov",
        "Russia",
        "Foreign Minister",
    );
    e1.nodes[1].keys.insert("speskov".into());
    let e2 = extraction("a2", "two.txt", "Dmitry Peskov", "Russia", "minister");
    store.commit(&e1).unwrap();
    store.commit(&e2).unwrap();
    assert_eq!(
        ids(&store.nodes_with_key("speskov").unwrap()),
        ["person/dmitry-peskov"]
    );
    store.forget("a1").unwrap();
    assert_eq!(store.nodes_with_key("speskov").unwrap(), vec![]);
    assert_eq!(
        ids(&store.nodes_with_key("peskov").unwrap()),
        ["person/dmitry-peskov"]
    );
    store.forget("a2").unwrap();
    assert_eq!(store.nodes_with_key("peskov").unwrap(), vec![]);
    assert_eq!(store.graph().unwrap(), Graph::new());
    assert_eq!(store.stats().unwrap().nodes.values().sum::<u64>(), 0);
    // Only the interned ids and the counters stay behind.
    let families: BTreeSet<u8> = store.data.iter().keys().map(|k| k.unwrap()[0]).collect();
    assert_eq!(
        families,
        BTreeSet::from([T::Meta as u8, T::NodeIds as u8, T::NodeNames as u8])
    );
}

#[test]
fn commit_without_article_is_refused() {
    let store = Store::temporary().unwrap();
    let err = store.commit(&Extraction::default()).unwrap_err();
    assert!(matches!(err, StoreError::NoArticle), "{err}");
}

#[test]
fn reopen_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summit.db");
    let e1 = extraction(
        "a1",
        "one.txt",
        "Dmitry Peskov",
        "Russia",
        "Foreign Minister",
    );
    {
        let store = Store::open(&path).unwrap();
        store.commit(&e1).unwrap();
        store.flush().unwrap();
    }
    let store = crate::store::open_retrying(&path, crate::store::CACHE_BYTES).unwrap();
    assert_eq!(store.graph().unwrap(), model_of(&[e1]));
}

#[test]
fn a_different_version_is_refused_with_both_versions_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summit.db");
    {
        let store = Store::open(&path).unwrap();
        store
            .db
            .open_tree("meta")
            .unwrap()
            .insert("version", &7u64.to_be_bytes())
            .unwrap();
        store.flush().unwrap();
    }
    let err = crate::store::open_retrying(&path, crate::store::CACHE_BYTES).unwrap_err();
    match &err {
        StoreError::Version {
            found: 7, expected, ..
        } => assert_eq!(*expected, SCHEMA_VERSION),
        other => panic!("unexpected {other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.contains("version 7") && message.contains(&format!("version {SCHEMA_VERSION}")),
        "{message}"
    );
    assert!(
        message.contains("export json with the old summit and import json with this one"),
        "{message}"
    );
}

#[test]
fn a_second_open_reports_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summit.db");
    let _first = Store::open(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("is in use by another summit process"),
        "{err}"
    );
}

#[test]
fn other_paths_are_not_stores() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "hello").unwrap();
    assert!(matches!(
        Store::open(&file).unwrap_err(),
        StoreError::NotAStore { .. }
    ));
    assert!(matches!(
        Store::open(dir.path()).unwrap_err(),
        StoreError::NotAStore { .. }
    ));
    // Someone else's sled database.
    let other = dir.path().join("other.db");
    {
        let db = sled::open(&other).unwrap();
        db.insert("x", "y").unwrap();
        db.flush().unwrap();
    }
    assert!(matches!(
        Store::open(&other).unwrap_err(),
        StoreError::NotAStore { .. }
    ));
}

#[test]
fn import_restores_an_export() {
    let source = Store::temporary().unwrap();
    let e1 = extraction(
        "a1",
        "one.txt",
        "Dmitry Peskov",
        "Russia",
        "Foreign Minister",
    );
    let e2 = extraction("a2", "two.txt", "Dmitry Peskov", "Ukraine", "minister");
    source.commit(&e1).unwrap();
    source.commit(&e2).unwrap();
    let graph = source.graph().unwrap();
    let articles = source.articles().unwrap();
    let target = Store::temporary().unwrap();
    target.import(&graph, &articles).unwrap();
    assert_eq!(target.graph().unwrap(), graph);
    assert_eq!(target.articles().unwrap(), articles);
    assert!(matches!(
        target.import(&graph, &articles).unwrap_err(),
        StoreError::NotEmpty { .. }
    ));
    // The import credits facts to articles, so forgetting still works.
    target.forget("a1").unwrap();
    assert_eq!(target.node("country/russia").unwrap(), None);
    assert_eq!(target.node("article/a1").unwrap(), None);
    assert!(target.node("person/dmitry-peskov").unwrap().is_some());
}

#[test]
fn a_damaged_record_is_a_decode_error_naming_its_key() {
    let store = Store::temporary().unwrap();
    store
        .commit(&extraction("a1", "one.txt", "Dmitry Peskov", "Russia", "x"))
        .unwrap();
    store
        .data
        .insert(
            crate::store::prefixed(T::Articles, b"a1"),
            &[0xff, 0xff, 0xff][..],
        )
        .unwrap();
    let err = store.article("a1").unwrap_err();
    assert!(
        matches!(&err, StoreError::Decode { tree: "articles", key, .. } if key == "6131"),
        "{err:?}"
    );
}

// Property tests.

fn small_string() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-zé ]{1,8}", any::<String>()]
}

fn sentence_record() -> impl Strategy<Value = SentenceRecord> {
    (
        proptest::option::of(small_string()),
        small_string(),
        any::<u64>(),
        any::<u64>(),
    )
        .prop_map(|(article, sentence, start, end)| SentenceRecord {
            article,
            sentence,
            start,
            end,
        })
}

fn strings() -> impl Strategy<Value = BTreeSet<String>> {
    proptest::collection::btree_set(small_string(), 0..4)
}

fn props() -> impl Strategy<Value = BTreeMap<String, String>> {
    proptest::collection::btree_map(small_string(), small_string(), 0..4)
}

fn round_trips<T: bincode::Encode + bincode::Decode<()> + PartialEq + std::fmt::Debug>(
    value: T,
) -> Result<(), TestCaseError> {
    let bytes = records::encode(&value);
    prop_assert_eq!(records::decode::<T>("t", b"k", &bytes).unwrap(), value);
    Ok(())
}

proptest! {
    #[test]
    fn node_facts_round_trip(
        kind in any::<u8>(), name in small_string(), aliases in strings(), keys in strings(), props in props(),
        evidence in proptest::collection::vec(any::<u32>(), 0..4),
    ) {
        round_trips(NodeFact { kind, name, aliases, keys, props, evidence })?;
    }

    #[test]
    fn node_heads_round_trip(kind in any::<u8>(), name in small_string(), aliases in strings(), keys in strings(), props in props()) {
        round_trips(NodeHead { kind, name, aliases, keys, props })?;
    }

    #[test]
    fn edge_facts_and_heads_round_trip(props in props(), evidence in proptest::collection::vec(any::<u32>(), 0..4)) {
        round_trips(EdgeHead { props: props.clone() })?;
        round_trips(EdgeFact { props, evidence })?;
    }

    #[test]
    fn sentence_tables_round_trip(
        article in proptest::option::of(small_string()),
        sentences in proptest::collection::vec(sentence_record(), 0..4),
    ) {
        round_trips(SentenceTable { article, sentences })?;
    }

    #[test]
    fn article_records_round_trip(
        seq in any::<u64>(),
        source in small_string(),
        title in proptest::option::of(small_string()),
        date in proptest::option::of(small_string()),
        bytes in any::<u64>(),
    ) {
        round_trips(ArticleRecord { seq, source, title, date, bytes })?;
    }

    #[test]
    fn commit_records_round_trip(
        article in proptest::option::of(small_string()),
        nodes in proptest::collection::vec(any::<u64>(), 0..6),
        edges in proptest::collection::vec(any::<(u64, u8, u64)>(), 0..6),
        own in proptest::option::of(any::<u64>()),
        owned in proptest::collection::vec(
            (any::<u64>(), props(), proptest::collection::vec(any::<u32>(), 0..4)),
            0..4,
        ),
    ) {
        let owned = owned
            .into_iter()
            .map(|(dst, props, evidence)| OwnedEdge { dst, fact: EdgeFact { props, evidence } })
            .collect();
        round_trips(CommitRecord { article, nodes, edges, own, owned })?;
    }

    #[test]
    fn damaged_records_are_errors_not_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = records::decode::<NodeFact>("t", b"k", &bytes);
        let _ = records::decode::<NodeHead>("t", b"k", &bytes);
        let _ = records::decode::<EdgeFact>("t", b"k", &bytes);
        let _ = records::decode::<EdgeHead>("t", b"k", &bytes);
        let _ = records::decode::<SentenceTable>("t", b"k", &bytes);
        let _ = records::decode::<ArticleRecord>("t", b"k", &bytes);
        let _ = records::decode::<CommitRecord>("t", b"k", &bytes);
        let _ = records::decode::<CommitRecordV1>("t", b"k", &bytes);
    }
}

/// A step of the model test.
#[derive(Clone, Debug)]
enum Op {
    /// One extraction goes through `commit`, several through `commit_all`.
    Commit(Vec<Extraction>),
    Forget(usize),
}

/// Ids the generated nodes and edges use: two are the own nodes of generated articles,
/// so other articles state facts about them too.
const POOL: [&str; 7] = [
    "person/a",
    "person/b",
    "country/c",
    "topic/d",
    "meeting/e",
    "article/0000000000000000",
    "article/0000000000000001",
];
const WORDS: [&str; 4] = ["Alpha", "beta", "Gamma", "delta"];

fn gen_node(article_id: String) -> impl Strategy<Value = Node> {
    (
        0..POOL.len(),
        prop_oneof![3 => Just(None), 1 => (0..NodeKind::ALL.len()).prop_map(Some)],
        0..WORDS.len(),
        proptest::collection::btree_set(0..WORDS.len(), 0..3),
        proptest::collection::btree_set(0..WORDS.len(), 0..3),
        proptest::collection::btree_map(0..3usize, 0..WORDS.len(), 0..3),
        proptest::collection::vec(0..3usize, 0..3),
    )
        .prop_map(move |(id, kind, name, aliases, keys, props, sentences)| {
            let id = POOL[id];
            let kind = match kind {
                Some(k) => NodeKind::ALL[k],
                None => id
                    .split('/')
                    .next()
                    .and_then(|k| k.parse().ok())
                    .unwrap_or(NodeKind::Topic),
            };
            Node {
                id: id.into(),
                kind,
                name: WORDS[name].into(),
                aliases: aliases.into_iter().map(|a| WORDS[a].to_owned()).collect(),
                keys: keys.into_iter().map(|k| WORDS[k].to_lowercase()).collect(),
                props: props
                    .into_iter()
                    .map(|(k, v)| (format!("p{k}"), WORDS[v].to_owned()))
                    .collect(),
                evidence: sentences
                    .into_iter()
                    .map(|s| evidence(&article_id, WORDS[s]))
                    .collect(),
            }
        })
}

fn gen_edge(article_id: String) -> impl Strategy<Value = Edge> {
    (
        0..POOL.len(),
        0..EdgeKind::ALL.len(),
        0..POOL.len(),
        proptest::collection::btree_map(0..2usize, 0..WORDS.len(), 0..2),
        proptest::collection::vec(0..3usize, 0..3),
        any::<bool>(),
    )
        .prop_map(move |(src, kind, dst, props, sentences, foreign)| Edge {
            src: POOL[src].into(),
            kind: EdgeKind::ALL[kind],
            dst: POOL[dst].into(),
            props: props
                .into_iter()
                .map(|(k, v)| (format!("p{k}"), WORDS[v].to_owned()))
                .collect(),
            evidence: sentences
                .into_iter()
                .map(|s| evidence(if foreign { "elsewhere" } else { &article_id }, WORDS[s]))
                .collect(),
        })
}

/// A `mentions` edge, most often from the article's own node (which the store keeps
/// in the commit record), sometimes from another article's node (which it cannot).
fn gen_mention(article_id: String) -> impl Strategy<Value = Edge> {
    (
        prop_oneof![4 => Just(None), 1 => (0..6usize).prop_map(Some)],
        0..POOL.len(),
        proptest::collection::btree_map(0..2usize, 0..WORDS.len(), 0..2),
        proptest::collection::vec(0..3usize, 0..3),
    )
        .prop_map(move |(other, dst, props, sentences)| {
            let src = match other {
                Some(n) => format!("article/{n:016x}"),
                None => format!("article/{article_id}"),
            };
            let mut edge = Edge::new(&src, EdgeKind::Mentions, POOL[dst]);
            edge.props = props
                .into_iter()
                .map(|(k, v)| (format!("p{k}"), WORDS[v].to_owned()))
                .collect();
            edge.evidence = sentences
                .into_iter()
                .map(|s| evidence(&article_id, WORDS[s]))
                .collect();
            edge
        })
}

fn gen_extraction() -> impl Strategy<Value = Extraction> {
    (0..6usize, 0..3usize).prop_flat_map(|(id, source)| {
        let id = format!("{id:016x}");
        let art = article(&id, &format!("s{source}.txt"));
        (
            proptest::collection::vec(gen_node(id.clone()), 0..5),
            proptest::collection::vec(gen_edge(id.clone()), 0..5),
            proptest::collection::vec(gen_mention(id.clone()), 0..4),
        )
            .prop_map(move |(mut nodes, mut edges, mentions)| {
                let mut own = Node::new(NodeKind::Article, &art.id);
                own.id = art.node_id();
                nodes.insert(0, own);
                edges.extend(mentions);
                Extraction {
                    article: Some(art.clone()),
                    nodes,
                    edges,
                }
            })
    })
}

fn gen_ops() -> impl Strategy<Value = Vec<Op>> {
    proptest::collection::vec(
        prop_oneof![
            3 => proptest::collection::vec(gen_extraction(), 1..4).prop_map(Op::Commit),
            1 => (0..6usize).prop_map(Op::Forget),
        ],
        1..12,
    )
}

fn check_against_model(store: &Store, surviving: &[Extraction]) -> Result<(), TestCaseError> {
    store.verify().unwrap();
    let model = model_of(surviving);
    let graph = store.graph().unwrap();
    prop_assert_eq!(&graph, &model);
    // The skeleton is the model without evidence.
    let skeleton = store.skeleton().unwrap();
    let ids: BTreeMap<u64, String> = skeleton
        .nodes
        .iter()
        .map(|(num, node)| (*num, node.id.clone()))
        .collect();
    prop_assert_eq!(ids.len(), skeleton.nodes.len(), "node numbers are unique");
    prop_assert!(
        skeleton.nodes.windows(2).all(|w| w[0].1.id < w[1].1.id),
        "id order"
    );
    let known_keys: Vec<(&str, EdgeKind, &str)> = skeleton
        .edges
        .iter()
        .filter_map(|e| Some((ids.get(&e.src)?.as_str(), e.kind, ids.get(&e.dst)?.as_str())))
        .collect();
    prop_assert!(known_keys.windows(2).all(|w| w[0] < w[1]), "key order");
    let nodes: Vec<Node> = skeleton.nodes.iter().map(|(_, n)| n.clone()).collect();
    let mut expected_nodes: Vec<Node> = model
        .nodes
        .values()
        .map(|n| Node {
            evidence: Vec::new(),
            ..n.clone()
        })
        .collect();
    let mut sorted_nodes = nodes.clone();
    sorted_nodes.sort_by(|a, b| a.id.cmp(&b.id));
    expected_nodes.sort_by(|a, b| a.id.cmp(&b.id));
    prop_assert_eq!(sorted_nodes, expected_nodes);
    let edges: BTreeMap<(String, EdgeKind, String), BTreeMap<String, String>> = skeleton
        .edges
        .iter()
        .filter_map(|e| {
            Some((
                (ids.get(&e.src)?.clone(), e.kind, ids.get(&e.dst)?.clone()),
                e.props.clone(),
            ))
        })
        .collect();
    // Every edge is listed, also one whose end is not a node (the model allows that);
    // those are compared where both ends are nodes.
    prop_assert_eq!(skeleton.edges.len(), model.edges.len());
    let expected_edges: BTreeMap<(String, EdgeKind, String), BTreeMap<String, String>> = model
        .edges
        .values()
        .filter(|e| model.nodes.contains_key(&e.src) && model.nodes.contains_key(&e.dst))
        .map(|e| ((e.src.clone(), e.kind, e.dst.clone()), e.props.clone()))
        .collect();
    prop_assert_eq!(edges, expected_edges);
    let mut by_key: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for node in model.nodes.values() {
        for key in &node.keys {
            by_key.entry(key).or_default().insert(&node.id);
        }
    }
    for word in WORDS
        .iter()
        .map(|w| w.to_lowercase())
        .chain(["nothing".to_owned()])
    {
        let found: BTreeSet<String> = store
            .nodes_with_key(&word)
            .unwrap()
            .into_iter()
            .map(|n| n.id)
            .collect();
        let expected: BTreeSet<String> = by_key
            .get(word.as_str())
            .into_iter()
            .flatten()
            .map(|s| s.to_string())
            .collect();
        prop_assert_eq!(&found, &expected, "key {}", word);
        let brief: BTreeSet<String> = store
            .nodes_with_key_brief(&word)
            .unwrap()
            .into_iter()
            .map(|n| n.id)
            .collect();
        prop_assert_eq!(brief, expected, "key {}", word);
    }
    for kind in NodeKind::ALL {
        let found = store.nodes_of_kind(kind).unwrap();
        let expected: Vec<&Node> = model.nodes.values().filter(|n| n.kind == kind).collect();
        prop_assert_eq!(found.iter().collect::<Vec<_>>(), expected);
    }
    let article_nodes: Vec<String> = (0..6usize).map(|n| format!("article/{n:016x}")).collect();
    for id in POOL
        .iter()
        .copied()
        .chain(article_nodes.iter().map(String::as_str))
    {
        let node = store.node(id).unwrap();
        prop_assert_eq!(node.as_ref(), model.nodes.get(id));
        prop_assert_eq!(
            store
                .nodes(&[id.to_owned(), "nothing".to_owned(), id.to_owned()])
                .unwrap(),
            node.iter().chain(node.iter()).cloned().collect::<Vec<_>>()
        );
        prop_assert_eq!(
            store.node_brief(id).unwrap(),
            node.map(|n| Node {
                evidence: Vec::new(),
                ..n
            })
        );
        let brief = |edges: Vec<Edge>| {
            edges
                .into_iter()
                .map(|e| Edge {
                    evidence: Vec::new(),
                    ..e
                })
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(
            store.out_edges_brief(id, None).unwrap(),
            brief(store.out_edges(id, None).unwrap())
        );
        prop_assert_eq!(
            store.in_edges_brief(id, None).unwrap(),
            brief(store.in_edges(id, None).unwrap())
        );
        for kind in [EdgeKind::Mentions, EdgeKind::Attended] {
            let expected: Vec<Edge> = model
                .out_edges(id)
                .filter(|e| e.kind == kind)
                .cloned()
                .collect();
            prop_assert_eq!(store.out_edges(id, Some(kind)).unwrap(), expected);
        }
        let out: Vec<Edge> = model.out_edges(id).cloned().collect();
        for edge in &out {
            prop_assert_eq!(
                store.edge(&edge.src, edge.kind, &edge.dst).unwrap(),
                Some(edge.clone())
            );
            prop_assert_eq!(store.edge(&edge.src, edge.kind, "nothing").unwrap(), None);
            prop_assert_eq!(
                store.edge_brief(&edge.src, edge.kind, &edge.dst).unwrap(),
                Some(Edge {
                    evidence: Vec::new(),
                    ..edge.clone()
                })
            );
            prop_assert_eq!(
                store.edge_brief(&edge.src, edge.kind, "nothing").unwrap(),
                None
            );
        }
        prop_assert_eq!(store.out_edges(id, None).unwrap(), out.clone());
        let keys: Vec<EdgeKey> = out.iter().map(Edge::key).collect();
        prop_assert_eq!(store.edges(&keys).unwrap(), out);
        let mut into: Vec<Edge> = model.in_edges(id).cloned().collect();
        into.sort_by_key(Edge::key);
        prop_assert_eq!(store.in_edges(id, None).unwrap(), into.clone());
        for kind in [EdgeKind::Mentions, EdgeKind::Attended] {
            let expected: Vec<Edge> = into.iter().filter(|e| e.kind == kind).cloned().collect();
            prop_assert_eq!(
                store.in_edges_brief(id, Some(kind)).unwrap(),
                brief(expected.clone())
            );
            prop_assert_eq!(store.in_edges(id, Some(kind)).unwrap(), expected);
        }
    }
    let stats = store.stats().unwrap();
    prop_assert_eq!(stats.articles, surviving.len() as u64);
    prop_assert_eq!(stats.nodes.values().sum::<u64>(), model.nodes.len() as u64);
    prop_assert_eq!(stats.edges.values().sum::<u64>(), model.edges.len() as u64);
    let mut articles: Vec<Article> = surviving.iter().filter_map(|e| e.article.clone()).collect();
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    prop_assert_eq!(store.articles().unwrap(), articles);
    Ok(())
}

proptest! {
    #[test]
    fn store_matches_the_graph_model(ops in gen_ops()) {
        let store = Store::temporary().unwrap();
        let mut surviving: Vec<Extraction> = Vec::new();
        for op in ops {
            match op {
                Op::Commit(extractions) => {
                    let summaries = if extractions.len() == 1 {
                        vec![store.commit(&extractions[0]).unwrap()]
                    } else {
                        store.commit_all(&extractions).unwrap()
                    };
                    prop_assert_eq!(summaries.len(), extractions.len());
                    for (extraction, summary) in extractions.into_iter().zip(summaries) {
                    let before = model_of(&surviving);
                    let article = extraction.article.clone().unwrap();
                    if surviving.iter().any(|e| e.article.as_ref().is_some_and(|a| a.id == article.id)) {
                        prop_assert!(summary.unchanged);
                    } else {
                        let old = surviving.iter().position(|e| e.article.as_ref().is_some_and(|a| a.source == article.source));
                        let replaced = old.map(|i| surviving.remove(i).article.unwrap().id);
                        prop_assert_eq!(summary.replaced, replaced);
                        surviving.push(extraction);
                        let after = model_of(&surviving);
                        let nodes_added = after.nodes.keys().filter(|id| !before.nodes.contains_key(*id)).count();
                        let edges_added = after.edges.keys().filter(|key| !before.edges.contains_key(*key)).count();
                        prop_assert_eq!(summary.nodes_added, nodes_added);
                        prop_assert_eq!(summary.edges_added, edges_added);
                    }
                    }
                }
                Op::Forget(n) => {
                    let id = format!("{n:016x}");
                    let had = surviving.iter().position(|e| e.article.as_ref().is_some_and(|a| a.id == id));
                    prop_assert_eq!(store.forget(&id).unwrap(), had.is_some());
                    if let Some(i) = had {
                        surviving.remove(i);
                    }
                }
            }
            check_against_model(&store, &surviving)?;
        }
        // A backup restores into an equal store.
        let restored = Store::temporary().unwrap();
        restored.import(&store.graph().unwrap(), &store.articles().unwrap()).unwrap();
        prop_assert_eq!(restored.graph().unwrap(), store.graph().unwrap());
        prop_assert_eq!(restored.articles().unwrap(), store.articles().unwrap());
    }
}

#[test]
fn verify_notices_a_damaged_index() {
    let store = Store::temporary().unwrap();
    store
        .commit(&extraction("a1", "one.txt", "Dmitry Peskov", "Russia", "x"))
        .unwrap();
    store.verify().unwrap();
    let (entry, _) = store
        .data
        .scan_prefix([T::Keys as u8])
        .next()
        .unwrap()
        .unwrap();
    store.data.remove(&entry).unwrap();
    let err = store.verify().unwrap_err();
    assert!(err.to_string().contains("match key index"), "{err}");
}

/// The `n`th article the crash writer commits. Every fourth one replaces the one two
/// before it (same source), so replacements are cut by crashes too.
fn crash_op(n: u64) -> Extraction {
    const PERSONS: [&str; 5] = [
        "Dmitry Peskov",
        "Antony Blinken",
        "Wang Yi",
        "Penny Wong",
        "Ali Bagheri",
    ];
    const COUNTRIES: [&str; 4] = ["Russia", "China", "Iran", "Australia"];
    let source = if n % 4 == 3 {
        format!("s{}.txt", n - 2)
    } else {
        format!("s{n}.txt")
    };
    extraction(
        &format!("{n:016x}"),
        &source,
        PERSONS[(n % 5) as usize],
        COUNTRIES[(n % 4) as usize],
        &format!("role {}", n % 3),
    )
}

/// What the store must hold after the first `done` crash writer commits.
fn crash_model(done: u64) -> (Graph, Vec<Article>) {
    let mut surviving: Vec<Extraction> = Vec::new();
    for n in 0..done {
        let e = crash_op(n);
        let source = e.article.as_ref().map(|a| a.source.clone());
        surviving.retain(|s| s.article.as_ref().map(|a| a.source.clone()) != source);
        surviving.push(e);
    }
    let mut articles: Vec<Article> = surviving.iter().filter_map(|e| e.article.clone()).collect();
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    (model_of(&surviving), articles)
}

fn commits_done(store: &Store) -> u64 {
    let next = store.get(T::Meta, crate::store::NEXT_SEQ_KEY).unwrap();
    next.map_or(0, |b| records::read_u64("meta", b"", &b, 0).unwrap() - 1)
}

/// Not a test by itself: the child process of `a_killed_writer_leaves_whole_commits`,
/// which commits until it is killed. Does nothing unless `STORE_CRASH_DIR` is set.
#[test]
fn crash_writer() {
    let Some(dir) = std::env::var_os("STORE_CRASH_DIR") else {
        return;
    };
    let store = Store::open(std::path::Path::new(&dir)).unwrap();
    let start = commits_done(&store);
    for n in start..start + 1_000_000 {
        store.commit(&crash_op(n)).unwrap();
        if n % 7 == 0 {
            store.flush().unwrap();
        }
    }
}

#[test]
fn a_killed_writer_leaves_whole_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summit.db");
    let mut last = 0;
    for (round, wait_ms) in [(0, 700), (1, 450), (2, 900)] {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "tests::crash_writer",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("STORE_CRASH_DIR", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        let store = Store::open(&path).unwrap();
        store.verify().unwrap();
        let done = commits_done(&store);
        assert!(done >= last, "round {round}: {done} commits after {last}");
        let (graph, articles) = crash_model(done);
        assert_eq!(store.articles().unwrap(), articles, "round {round}");
        assert_eq!(store.graph().unwrap(), graph, "round {round}");
        last = done;
    }
    assert!(last > 0, "the writer never committed");
}

#[test]
fn commit_all_writes_all_or_nothing() {
    let store = Store::temporary().unwrap();
    let e1 = extraction("a1", "one.txt", "Dmitry Peskov", "Russia", "x");
    let err = store
        .commit_all(&[e1.clone(), Extraction::default()])
        .unwrap_err();
    assert!(matches!(err, StoreError::NoArticle), "{err}");
    assert_eq!(store.graph().unwrap(), Graph::new());
    assert_eq!(store.stats().unwrap().articles, 0);
    let replacement = extraction("a2", "one.txt", "Wang Yi", "China", "x");
    let summaries = store
        .commit_all(&[e1.clone(), e1.clone(), replacement.clone()])
        .unwrap();
    assert!(!summaries[0].unchanged && summaries[1].unchanged);
    assert_eq!(summaries[2].replaced.as_deref(), Some("a1"));
    assert_eq!(store.graph().unwrap(), model_of(&[replacement]));
    store.verify().unwrap();
}

#[test]
fn reopen_closes_and_opens_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summit.db");
    let e1 = extraction(
        "a1",
        "one.txt",
        "Dmitry Peskov",
        "Russia",
        "Foreign Minister",
    );
    let store = Store::open(&path).unwrap();
    store.commit(&e1).unwrap();
    for _ in 0..3 {
        let store = Store::open(&path).unwrap_err();
        assert!(matches!(store, StoreError::Locked { .. }));
    }
    let store = store.reopen().unwrap();
    assert_eq!(store.graph().unwrap(), model_of(std::slice::from_ref(&e1)));
    let temporary = Store::temporary().unwrap();
    temporary.commit(&e1).unwrap();
    assert_eq!(
        temporary.reopen().unwrap().graph().unwrap(),
        model_of(&[e1])
    );
}

#[test]
fn forgetting_the_first_fact_lets_the_next_properties_through() {
    let store = Store::temporary().unwrap();
    let with_role = |id: &str, source: &str, role: &str| {
        let mut e = extraction(id, source, "Dmitry Peskov", "Russia", role);
        for edge in &mut e.edges {
            if edge.kind == EdgeKind::Represents {
                edge.props.insert("role".into(), role.into());
            }
        }
        e
    };
    let (e1, e2) = (
        with_role("a1", "one.txt", "first"),
        with_role("a2", "two.txt", "second"),
    );
    store.commit(&e1).unwrap();
    store.commit(&e2).unwrap();
    let role = |store: &Store| {
        let edges = store
            .in_edges_brief("country/russia", Some(EdgeKind::Represents))
            .unwrap();
        edges[0].props["role"].clone()
    };
    assert_eq!(role(&store), "first");
    store.forget("a1").unwrap();
    store.verify().unwrap();
    assert_eq!(role(&store), "second");
    assert_eq!(store.graph().unwrap(), model_of(&[e2]));
}

#[test]
fn a_read_only_handle_reads_and_refuses_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summit.db");
    let missing = Store::open_read_only(&path).unwrap_err();
    assert!(matches!(missing, StoreError::NotAStore { .. }), "{missing}");
    assert!(!path.exists(), "opening read-only must not create a store");
    let e1 = extraction(
        "a1",
        "one.txt",
        "Dmitry Peskov",
        "Russia",
        "Foreign Minister",
    );
    {
        let store = Store::open(&path).unwrap();
        store.commit(&e1).unwrap();
        store.flush().unwrap();
    }
    let store = crate::store::open_retrying(&path, crate::store::CACHE_BYTES).unwrap();
    drop(store);
    let reader = loop {
        match Store::open_read_only(&path) {
            Err(StoreError::Locked { .. }) => {
                std::thread::sleep(std::time::Duration::from_millis(50))
            }
            other => break other.unwrap(),
        }
    };
    assert_eq!(reader.graph().unwrap(), model_of(std::slice::from_ref(&e1)));
    let e2 = extraction("a2", "two.txt", "Wang Yi", "China", "Foreign Minister");
    for err in [
        reader.commit(&e2).unwrap_err(),
        reader.forget("a1").map(|_| ()).unwrap_err(),
        reader.import(&Graph::new(), &[]).unwrap_err(),
    ] {
        assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    }
    assert_eq!(reader.stats().unwrap().articles, 1);
}

/// Nodes without evidence in id order, and edge properties by edge.
type View = (
    Vec<Node>,
    BTreeMap<(String, EdgeKind, String), BTreeMap<String, String>>,
);

/// A skeleton as a [`View`].
fn skeleton_view(skeleton: &Skeleton) -> View {
    let ids: BTreeMap<u64, String> = skeleton
        .nodes
        .iter()
        .map(|(n, node)| (*n, node.id.clone()))
        .collect();
    let mut nodes: Vec<Node> = skeleton.nodes.iter().map(|(_, n)| n.clone()).collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    let edges = skeleton
        .edges
        .iter()
        .map(|e| {
            (
                (ids[&e.src].clone(), e.kind, ids[&e.dst].clone()),
                e.props.clone(),
            )
        })
        .collect();
    (nodes, edges)
}

fn expected_view(graph: &Graph) -> View {
    let nodes = graph
        .nodes
        .values()
        .map(|n| Node {
            evidence: Vec::new(),
            ..n.clone()
        })
        .collect();
    let edges = graph
        .edges
        .values()
        .map(|e| ((e.src.clone(), e.kind, e.dst.clone()), e.props.clone()))
        .collect();
    (nodes, edges)
}

#[test]
fn the_skeleton_cache_follows_every_write_and_survives_damage() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summit.db");
    let cache = path.join("skeleton.bin");
    let e1 = extraction(
        "a1",
        "one.txt",
        "Dmitry Peskov",
        "Russia",
        "Foreign Minister",
    );
    let e2 = extraction("a2", "two.txt", "Ana Ruiz", "Peru", "President");
    let store = Store::open(&path).unwrap();
    store.commit(&e1).unwrap();
    assert!(!cache.exists());
    assert_eq!(
        skeleton_view(&store.skeleton().unwrap()),
        expected_view(&model_of(std::slice::from_ref(&e1)))
    );
    assert!(cache.exists(), "the first skeleton is cached");
    // Asked again: the same answer, from the cache.
    assert_eq!(
        skeleton_view(&store.skeleton().unwrap()),
        expected_view(&model_of(std::slice::from_ref(&e1)))
    );
    let scans = || store.scans.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(scans(), 1);
    // A commit makes the cache stale: it is patched with what the commit changed.
    store.commit(&e2).unwrap();
    assert_eq!(
        skeleton_view(&store.skeleton().unwrap()),
        expected_view(&model_of(&[e1.clone(), e2.clone()]))
    );
    // A write session can bring the cache up to date as it closes, by a patch.
    let e3 = extraction("a3", "three.txt", "Lena Berg", "Norway", "Foreign Minister");
    store.commit(&e3).unwrap();
    assert_ne!(
        crate::snapshot::stamp(&path),
        Some(store.generation().unwrap())
    );
    store.refresh_skeleton_cache(false).unwrap();
    assert_eq!(
        crate::snapshot::stamp(&path),
        Some(store.generation().unwrap())
    );
    assert_eq!(
        skeleton_view(&store.skeleton().unwrap()),
        expected_view(&model_of(&[e1.clone(), e2.clone(), e3.clone()]))
    );
    store.forget("a3").unwrap();
    // So does a forget.
    store.forget("a1").unwrap();
    assert_eq!(
        skeleton_view(&store.skeleton().unwrap()),
        expected_view(&model_of(std::slice::from_ref(&e2)))
    );
    assert_eq!(scans(), 1, "both were patched, not scanned");
    // A damaged cache is ignored and rewritten.
    for damage in [
        &b""[..],
        b"summitSK",
        b"summitSK\xff\xff\xff\xff\xff\xff",
        b"garbage garbage",
    ] {
        std::fs::write(&cache, damage).unwrap();
        assert_eq!(
            skeleton_view(&store.skeleton().unwrap()),
            expected_view(&model_of(std::slice::from_ref(&e2)))
        );
    }
    let mut bytes = std::fs::read(&cache).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    bytes.truncate(bytes.len() - 1);
    std::fs::write(&cache, &bytes).unwrap();
    assert_eq!(
        skeleton_view(&store.skeleton().unwrap()),
        expected_view(&model_of(std::slice::from_ref(&e2)))
    );
    drop(store);
    // A read-only handle reads the cache but does not write it.
    std::fs::remove_file(&cache).unwrap();
    let store = crate::store::open_retrying(&path, crate::store::CACHE_BYTES).unwrap();
    drop(store);
    let reader = {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            match Store::open_read_only(&path) {
                Err(StoreError::Locked { .. }) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(20))
                }
                other => break other.unwrap(),
            }
        }
    };
    assert_eq!(
        skeleton_view(&reader.skeleton().unwrap()),
        expected_view(&model_of(&[e2]))
    );
    assert!(!cache.exists());
}

#[test]
fn the_skeleton_cache_reads_back_what_it_wrote_and_only_at_its_generation() {
    let store = Store::temporary().unwrap();
    let mut e1 = extraction(
        "a1",
        "one.txt",
        "Dmitry Peskov",
        "Russia",
        "Foreign Minister",
    );
    e1.edges[0].props.insert("since".into(), "2004".into());
    store.commit(&e1).unwrap();
    let skeleton = store.skeleton().unwrap();
    assert!(!skeleton.nodes.is_empty() && !skeleton.edges.is_empty());
    let dir = tempfile::tempdir().unwrap();
    crate::snapshot::write(dir.path(), 7, &skeleton).unwrap();
    assert_eq!(crate::snapshot::read(dir.path(), 7), Some(skeleton.clone()));
    assert_eq!(crate::snapshot::read(dir.path(), 8), None);
    assert!(!dir.path().join("skeleton.bin.tmp").exists());
    // Written from the encoded scan: the same answer.
    let raw = tempfile::tempdir().unwrap();
    crate::snapshot::write_raw(raw.path(), 7, &mut store.scan_raw_skeleton().unwrap()).unwrap();
    assert_eq!(crate::snapshot::read(raw.path(), 7), Some(skeleton.clone()));
    assert_eq!(
        store.scan_raw_skeleton().unwrap().into_skeleton(),
        Some(skeleton)
    );
    // Read back encoded, as a write session patches it, it writes the same file.
    let file = raw.path().join("skeleton.bin");
    let bytes = std::fs::read(&file).unwrap();
    let mut again = crate::snapshot::read_raw(raw.path(), 7).unwrap();
    assert!(crate::snapshot::read_raw(raw.path(), 8).is_none());
    crate::snapshot::write_raw(raw.path(), 7, &mut again).unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    // A damaged file is not read, whichever way.
    for cut in [9, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(&file, &bytes[..cut]).unwrap();
        assert!(crate::snapshot::read_raw(raw.path(), 7).is_none());
        assert!(crate::snapshot::read(raw.path(), 7).is_none());
    }
    let mut longer = bytes.clone();
    longer.push(0);
    std::fs::write(&file, &longer).unwrap();
    assert!(crate::snapshot::read_raw(raw.path(), 7).is_none());
}

#[test]
fn a_long_session_caches_its_skeleton_from_an_encoded_scan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s");
    let store = Store::open(&path).unwrap();
    let extractions = [
        extraction(
            "a1",
            "one.txt",
            "Dmitry Peskov",
            "Russia",
            "Foreign Minister",
        ),
        extraction("a2", "two.txt", "Ana Ruiz", "Peru", "President"),
        extraction("a3", "three.txt", "Lena Berg", "Norway", "Foreign Minister"),
    ];
    for e in &extractions {
        store.commit(e).unwrap();
    }
    // A new handle has nothing to patch: it scans, and the next query reads the file.
    let store = store.reopen().unwrap();
    store.refresh_skeleton_cache(true).unwrap();
    assert_eq!(
        crate::snapshot::stamp(&path),
        Some(store.generation().unwrap())
    );
    let scans = || store.scans.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(scans(), 1);
    assert_eq!(
        skeleton_view(&store.skeleton().unwrap()),
        expected_view(&model_of(&extractions))
    );
    assert_eq!(scans(), 1, "read from the cache");
    // Writes after it are patched in as before.
    store.forget("a2").unwrap();
    store.refresh_skeleton_cache(false).unwrap();
    assert_eq!(
        skeleton_view(&store.skeleton().unwrap()),
        expected_view(&model_of(&[extractions[0].clone(), extractions[2].clone()]))
    );
    assert_eq!(scans(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// On a store on disk, after every commit and forget the skeleton (patched from the
    /// cache with what the writes changed) is the model without evidence, and only the
    /// first one is a scan.
    #[test]
    fn the_patched_skeleton_matches_the_model(ops in gen_ops()) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s")).unwrap();
        let mut surviving: Vec<Extraction> = Vec::new();
        prop_assert_eq!(skeleton_view(&store.skeleton().unwrap()), expected_view(&Graph::new()));
        for op in ops {
            match op {
                Op::Commit(extractions) => {
                    for extraction in extractions {
                        let article = extraction.article.clone().unwrap();
                        let summary = store.commit(&extraction).unwrap();
                        if !summary.unchanged {
                            surviving.retain(|e| e.article.as_ref().is_some_and(|a| a.source != article.source));
                            surviving.push(extraction);
                        }
                    }
                }
                Op::Forget(n) => {
                    let id = format!("{n:016x}");
                    if store.forget(&id).unwrap() {
                        surviving.retain(|e| e.article.as_ref().is_some_and(|a| a.id != id));
                    }
                }
            }
            let model = model_of(&surviving);
            let (nodes, edges) = expected_view(&model);
            // Edges whose ends are not nodes are stored but not in the comparison view.
            let edges = edges
                .into_iter()
                .filter(|((src, _, dst), _)| model.nodes.contains_key(src) && model.nodes.contains_key(dst))
                .collect();
            let skeleton = store.skeleton().unwrap();
            let ids: BTreeSet<u64> = skeleton.nodes.iter().map(|(n, _)| *n).collect();
            let known = Skeleton {
                nodes: skeleton.nodes.clone(),
                edges: skeleton.edges.iter().filter(|e| ids.contains(&e.src) && ids.contains(&e.dst)).cloned().collect(),
            };
            prop_assert_eq!(skeleton_view(&known), (nodes, edges));
            prop_assert_eq!(skeleton.edges.len(), model.edges.len());
        }
        prop_assert_eq!(store.scans.load(std::sync::atomic::Ordering::Relaxed), 1);
        // The cache written from the encoded scan is the one written from the decoded
        // skeleton, byte for byte.
        let decoded = tempfile::tempdir().unwrap();
        let raw = tempfile::tempdir().unwrap();
        crate::snapshot::write(decoded.path(), 9, &store.scan_skeleton().unwrap()).unwrap();
        crate::snapshot::write_raw(raw.path(), 9, &mut store.scan_raw_skeleton().unwrap()).unwrap();
        prop_assert_eq!(
            std::fs::read(decoded.path().join("skeleton.bin")).unwrap(),
            std::fs::read(raw.path().join("skeleton.bin")).unwrap()
        );
    }
}

/// Copies the committed format-1 fixture (see `tests/data/README.md`) to `to`.
fn copy_v1_fixture(to: &std::path::Path) {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/v1/store");
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// The owned edges in all commit records, and the `mentions` edge facts that leave a
/// commit's own article node.
fn owned_and_unowned(store: &Store) -> (usize, usize) {
    let mut owned = 0;
    let mut own_nodes = BTreeSet::new();
    for item in store.scan(T::Commits, []) {
        let (key, value) = item.unwrap();
        let record: CommitRecord = records::decode("commits", &key, &value).unwrap();
        owned += record.owned.len();
        if let Some(id) = record.article {
            if let Some(num) = store.get(T::NodeIds, format!("article/{id}")).unwrap() {
                own_nodes.insert(num.to_vec());
            }
        }
    }
    let mentions = records::edge_kind_byte(EdgeKind::Mentions);
    let unowned = store
        .scan(T::EdgeFacts, [])
        .filter(|item| {
            let (key, _) = item.as_ref().unwrap();
            key[8] == mentions && own_nodes.contains(&key[..8])
        })
        .count();
    (owned, unowned)
}

#[test]
fn a_v1_store_is_upgraded_in_place_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    copy_v1_fixture(&path);
    let graph = {
        let db = sled::open(&path).unwrap();
        let version = db
            .open_tree("meta")
            .unwrap()
            .get("version")
            .unwrap()
            .unwrap();
        assert_eq!(&version[..], &1u64.to_be_bytes());
        drop(db);
        let store = open_retrying(&path);
        let (owned, unowned) = owned_and_unowned(&store);
        assert!(owned > 0, "the fixture's mentions became owned edges");
        assert_eq!(unowned, 0);
        store.verify().unwrap();
        store.graph().unwrap()
    };
    let store = open_retrying(&path);
    assert_eq!(store.graph().unwrap(), graph);
    let version = store.meta_tree().get("version").unwrap().unwrap();
    assert_eq!(&version[..], &SCHEMA_VERSION.to_be_bytes());
}

fn open_retrying(path: &std::path::Path) -> Store {
    crate::store::open_retrying(path, 1 << 20).unwrap()
}

/// A store on disk with four articles, one of them forgotten.
fn written_store(path: &std::path::Path) -> Store {
    let store = Store::open(path).unwrap();
    let extractions = [
        extraction("0000000000000001", "a.txt", "Ann Lee", "Peru", "minister"),
        extraction("0000000000000002", "b.txt", "Ann Lee", "Chile", "envoy"),
        extraction("0000000000000003", "c.txt", "Bo Diaz", "Peru", "minister"),
        extraction("0000000000000004", "d.txt", "Cy Ode", "Chile", "envoy"),
    ];
    for e in &extractions {
        store.commit(e).unwrap();
    }
    assert!(store.forget("0000000000000002").unwrap());
    store.skeleton().unwrap();
    store
}

#[test]
fn compact_keeps_every_record_and_the_skeleton_cache() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let store = written_store(&path);
    let (graph, articles, stats) = (
        store.graph().unwrap(),
        store.articles().unwrap(),
        store.stats().unwrap(),
    );
    let generation = store.generation().unwrap();
    drop(store);
    // A copy left by an interrupted compaction is replaced.
    std::fs::create_dir_all(crate::compact::work_path(&path)).unwrap();
    std::fs::write(crate::compact::work_path(&path).join("conf"), "left over").unwrap();
    let done = loop {
        match crate::compact(&path) {
            Err(StoreError::Locked { .. }) => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            other => break other.unwrap(),
        }
    };
    assert!(done.records > 0);
    assert!(!crate::compact::work_path(&path).exists());
    assert!(!crate::compact::old_path(&path).exists());
    let store = open_retrying(&path);
    store.verify().unwrap();
    assert_eq!(store.graph().unwrap(), graph);
    assert_eq!(store.articles().unwrap(), articles);
    assert_eq!(store.stats().unwrap(), stats);
    assert_eq!(store.generation().unwrap(), generation);
    assert!(
        crate::snapshot::read(&path, generation).is_some(),
        "the cache came along"
    );
    // And it keeps working.
    store
        .commit(&extraction(
            "0000000000000005",
            "e.txt",
            "Di Fox",
            "Peru",
            "envoy",
        ))
        .unwrap();
    store.verify().unwrap();
}

#[test]
fn compact_refuses_what_is_not_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    // Not a store: nothing is created.
    assert!(matches!(
        crate::compact(&path),
        Err(StoreError::NotAStore { .. })
    ));
    assert!(!path.exists());
    drop(written_store(&path));
    // Someone else's folder where the copy would go is left alone.
    let work = crate::compact::work_path(&path);
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join("notes.txt"), "mine").unwrap();
    let err = loop {
        match crate::compact(&path) {
            Err(StoreError::Locked { .. }) => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            other => break other.unwrap_err(),
        }
    };
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err}");
    assert_eq!(
        std::fs::read_to_string(work.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(open_retrying(&path).stats().unwrap().articles, 3);
}

#[test]
fn a_store_moved_aside_by_an_interrupted_compaction_is_not_replaced_by_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    drop(written_store(&path));
    std::thread::sleep(std::time::Duration::from_millis(100));
    let old = crate::compact::old_path(&path);
    std::fs::rename(&path, &old).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Interrupted { .. }), "{err}");
    assert!(err.to_string().contains("move that folder back"), "{err}");
    assert!(!path.exists(), "no empty store was made in its place");
    std::fs::rename(&old, &path).unwrap();
    assert_eq!(open_retrying(&path).stats().unwrap().articles, 3);
}

/// Rewrites a format-2 store as format 1 would have it (every owned edge ordinary),
/// marked as format 1.
fn downgrade(store: &Store) {
    let kind = records::edge_kind_byte(EdgeKind::Mentions);
    let mut batch = sled::Batch::default();
    for item in store.scan(T::Commits, []) {
        let (key, value) = item.unwrap();
        let seq = u64::from_be_bytes(key[..8].try_into().unwrap());
        let record: CommitRecord = records::decode("commits", &key, &value).unwrap();
        let mut edges = record.edges.clone();
        if let Some(own) = record.own {
            for o in &record.owned {
                let fact_key = records::edge_fact_key(own, kind, o.dst, seq);
                batch.insert(
                    crate::store::prefixed(T::EdgeFacts, &fact_key),
                    records::encode(&o.fact),
                );
                let head = EdgeHead {
                    props: o.fact.props.clone(),
                };
                batch.insert(
                    crate::store::prefixed(T::In, &records::edge_key(o.dst, kind, own)),
                    records::encode(&head),
                );
                edges.push((own, kind, o.dst));
            }
        }
        let v1 = CommitRecordV1 {
            article: record.article,
            nodes: record.nodes,
            edges,
        };
        batch.insert(
            crate::store::prefixed(T::Commits, &key),
            records::encode(&v1),
        );
    }
    store.data.apply_batch(batch).unwrap();
    store
        .meta_tree()
        .insert("version", &1u64.to_be_bytes())
        .unwrap();
}

/// Applies `op` to the store and to the surviving extractions.
fn apply_op(store: &Store, op: Op, surviving: &mut Vec<Extraction>) {
    match op {
        Op::Commit(extractions) => {
            store.commit_all(&extractions).unwrap();
            for extraction in extractions {
                let article = extraction.article.clone().unwrap();
                if surviving
                    .iter()
                    .any(|e| e.article.as_ref().is_some_and(|a| a.id == article.id))
                {
                    continue;
                }
                surviving.retain(|e| {
                    e.article
                        .as_ref()
                        .is_some_and(|a| a.source != article.source)
                });
                surviving.push(extraction);
            }
        }
        Op::Forget(n) => {
            let id = format!("{n:016x}");
            if store.forget(&id).unwrap() {
                surviving.retain(|e| e.article.as_ref().is_some_and(|a| a.id != id));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A format-1 store whose upgrade is interrupted after any batch is refused by a
    /// format-1 reader (it says version 2), and finishing the upgrade gives the graph
    /// back; writes afterwards keep it equal to the model.
    #[test]
    fn an_interrupted_upgrade_resumes_and_the_store_matches_the_model(
        before in gen_ops(),
        after in gen_ops(),
        batch in 1usize..4,
        stop in 0usize..6,
    ) {
        let store = Store::temporary().unwrap();
        let mut surviving = Vec::new();
        for op in before {
            apply_op(&store, op, &mut surviving);
        }
        let expected = store.graph().unwrap();
        downgrade(&store);
        let mut mark = sled::Batch::default();
        mark.insert(crate::upgrade::UPGRADING_KEY, &[1u8][..]);
        mark.insert("version", &SCHEMA_VERSION.to_be_bytes()[..]);
        store.meta_tree().apply_batch(mark).unwrap();
        let _ = crate::upgrade::resume_with(&store, batch, Some(stop));
        let version = store.meta_tree().get("version").unwrap().unwrap();
        prop_assert_eq!(&version[..], &SCHEMA_VERSION.to_be_bytes()[..]);
        // As opening does: resume only while the mark says the upgrade is unfinished.
        if store.meta_tree().get(crate::upgrade::UPGRADING_KEY).unwrap().is_some() {
            crate::upgrade::resume_with(&store, batch, None).unwrap();
        }
        prop_assert!(store.meta_tree().get(crate::upgrade::UPGRADING_KEY).unwrap().is_none());
        prop_assert_eq!(store.graph().unwrap(), expected);
        check_against_model(&store, &surviving)?;
        for op in after {
            apply_op(&store, op, &mut surviving);
            check_against_model(&store, &surviving)?;
        }
    }
}
