//! Article parsing and extraction on arbitrary bytes, then resolution against the
//! graph of the seed articles.
//!
//! Bytes are read as UTF-8 (lossily, as a reader of a damaged file would), extracted,
//! checked against cheap invariants, resolved against the seeds' graph and added to a
//! copy of it. Any panic is a bug; libFuzzer's `-timeout` catches hangs.
#![no_main]

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    sync::LazyLock,
};

use libfuzzer_sys::fuzz_target;
use model::{Evidence, Extraction, Graph};

/// The graph of the seed articles (../seeds/*.txt), built the way the command line
/// builds a store: extract, resolve against what is known, add.
static SEEDS: LazyLock<Graph> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seed articles in {}", dir.display());
    let extractor = ingest::Extractor::new();
    let mut graph = Graph::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let x = extractor
            .extract(&text, &path.display().to_string())
            .extraction;
        let Ok(x) = ingest::resolve(x, &graph);
        graph.add_extraction(x);
    }
    graph
});

static EXTRACTOR: LazyLock<ingest::Extractor> = LazyLock::new(ingest::Extractor::new);

fuzz_target!(|data: &[u8]| {
    let seeds = &*SEEDS;
    let text = String::from_utf8_lossy(data);
    let extracted = EXTRACTOR.extract(&text, "fuzz");
    let x = extracted.extraction;
    check(&text, &x, "extraction");

    let Ok(resolved) = ingest::resolve(x, seeds);
    check(&text, &resolved, "resolved extraction");

    let mut graph = seeds.clone();
    graph.add_extraction(resolved);
});

/// Invariants any extraction of `text` keeps: evidence spans lie inside the text on
/// char boundaries and name the article; every edge joins two nodes of the extraction.
fn check(text: &str, x: &Extraction, what: &str) {
    let article = x.article.as_ref().map(|a| a.id.as_str());
    let ids: BTreeSet<&str> = x.nodes.iter().map(|n| n.id.as_str()).collect();
    for n in &x.nodes {
        for ev in &n.evidence {
            check_evidence(text, ev, article, &format!("{what}: node {}", n.id));
        }
    }
    for e in &x.edges {
        let edge = format!("{what}: edge {} -{}-> {}", e.src, e.kind, e.dst);
        assert!(ids.contains(e.src.as_str()), "{edge}: no node {}", e.src);
        assert!(ids.contains(e.dst.as_str()), "{edge}: no node {}", e.dst);
        for ev in &e.evidence {
            check_evidence(text, ev, article, &edge);
        }
    }
}

fn check_evidence(text: &str, ev: &Evidence, article: Option<&str>, whose: &str) {
    assert!(
        ev.start <= ev.end && ev.end <= text.len(),
        "{whose}: evidence span {}..{} outside a text of {} bytes",
        ev.start,
        ev.end,
        text.len()
    );
    assert!(
        text.is_char_boundary(ev.start) && text.is_char_boundary(ev.end),
        "{whose}: evidence span {}..{} not on char boundaries",
        ev.start,
        ev.end
    );
    if let Some(id) = article {
        assert_eq!(ev.article, id, "{whose}: evidence names another article");
    }
}
