//! Opens a copy of the committed v1 store and checks what it holds.

use std::path::Path;

use model::{Article, Extraction, Graph};
use store::Store;

use crate::fixture_data::{steps, Step};

/// Copies a directory tree: sled writes on open, and the fixture must stay as committed.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The graph and articles the steps leave, by the model's merge rules.
fn expected() -> (Graph, Vec<Article>) {
    let mut surviving: Vec<Extraction> = Vec::new();
    for step in steps() {
        match step {
            Step::Commit(e) => {
                let source = e.article.as_ref().map(|a| a.source.clone());
                surviving.retain(|s| s.article.as_ref().map(|a| a.source.clone()) != source);
                surviving.push(e);
            }
            Step::Forget(id) => surviving.retain(|s| s.article.as_ref().is_none_or(|a| a.id != id)),
        }
    }
    let mut graph = Graph::new();
    for e in &surviving {
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
    let mut articles: Vec<Article> = surviving.iter().filter_map(|e| e.article.clone()).collect();
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    (graph, articles)
}

/// Opens a copy of the fixture in `tests/data/<folder>/store` and checks what it holds.
fn opens_with_its_contents(folder: &str) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(folder)
        .join("store");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("summit.db");
    copy_dir(&fixture, &copy);
    // git keeps no empty folders, so a checkout may lack sled's empty `blobs`.
    let _ = std::fs::remove_dir(copy.join("blobs"));
    let store = Store::open(&copy).unwrap();
    store.verify().unwrap();
    let (graph, articles) = expected();
    assert_eq!(store.articles().unwrap(), articles);
    assert_eq!(store.graph().unwrap(), graph);
    let lavrov = store.node_brief("person/sergey-lavrov").unwrap().unwrap();
    assert_eq!(lavrov.props["role"], "Foreign Minister");
    assert_eq!(store.nodes_with_key("lavrov").unwrap().len(), 1);
    assert_eq!(
        store
            .article_by_source("news/tehran.txt")
            .unwrap()
            .unwrap()
            .id,
        "4444444444444444"
    );
    // The store keeps working: forget and commit again.
    assert!(store.forget("1111111111111111").unwrap());
    store.verify().unwrap();
}

/// Format 1 is upgraded to the current format as it is opened.
#[test]
fn v1_store_still_opens_with_its_contents() {
    opens_with_its_contents("v1");
}

#[test]
fn v2_store_still_opens_with_its_contents() {
    opens_with_its_contents("v2");
}
