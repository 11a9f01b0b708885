//! `forget`: removes one article from the store. `check`: verifies a store. `compact`:
//! rewrites it into new files.

use std::path::Path;

use anyhow::{bail, Context, Result};
use model::Article;
use store::Store;

use super::{open_existing, plural, print, size, Outcome};
use crate::input;

/// `summit forget ARTICLE`
pub(super) fn run(store_path: &Path, which: &str) -> Result<Outcome> {
    let store = open_existing(store_path)?;
    let Some(article) = find_article(&store, which)? else {
        bail!("no stored article has the id or source {which:?} (see `summit stats` and `summit export json`)");
    };
    let removed = store
        .forget(&article.id)
        .with_context(|| format!("forgetting article {}", article.id))?;
    store.flush().context("writing the store to disk")?;
    // Patch the skeleton cache queries read (only a cache: a failure is theirs to see).
    let _ = store.refresh_skeleton_cache(false);
    if !removed {
        bail!(
            "article {} ({}) was not in the store",
            article.id,
            article.source
        );
    }
    print(&format!("forgot  {}  {}\n", article.source, article.id))?;
    Ok(Outcome::Success)
}

/// The article `which` names: its id, the source it was ingested from, or a path that
/// leads to the same file as that source.
fn find_article(store: &Store, which: &str) -> Result<Option<Article>> {
    if let Some(article) = store.article(which)? {
        return Ok(Some(article));
    }
    let shown = input::display(Path::new(which));
    for source in [which, shown.as_str()] {
        if let Some(article) = store.article_by_source(source)? {
            return Ok(Some(article));
        }
    }
    let Ok(wanted) = std::fs::canonicalize(which) else {
        return Ok(None);
    };
    Ok(store
        .articles()?
        .into_iter()
        .find(|a| std::fs::canonicalize(&a.source).is_ok_and(|path| path == wanted)))
}

/// `summit check`
pub(super) fn check(store_path: &Path) -> Result<Outcome> {
    let store = open_existing(store_path)?;
    store
        .verify()
        .with_context(|| format!("checking the store {}", store_path.display()))?;
    let stats = store.stats()?;
    let (n_nodes, n_edges) = (
        stats.nodes.values().sum::<u64>(),
        stats.edges.values().sum::<u64>(),
    );
    print(&format!(
        "store {} is consistent: {} article{}, {n_nodes} node{}, {n_edges} edge{}\n",
        store_path.display(),
        stats.articles,
        plural(stats.articles),
        plural(n_nodes),
        plural(n_edges),
    ))?;
    Ok(Outcome::Success)
}

/// `summit compact`
pub(super) fn compact(store_path: &Path) -> Result<Outcome> {
    let done = store::compact(store_path)?;
    print(&format!(
        "compacted store {}: {} -> {} ({} record{})\n",
        store_path.display(),
        size(done.bytes_before),
        size(done.bytes_after),
        done.records,
        plural(done.records),
    ))?;
    Ok(Outcome::Success)
}
