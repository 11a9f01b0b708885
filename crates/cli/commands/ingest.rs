//! `ingest`: articles in, graph out, into the store. And `extract`: the same reading and
//! extraction without a store, one JSON line per article.

use std::{
    collections::BTreeMap,
    io::IsTerminal,
    panic::AssertUnwindSafe,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ingest::Extracted;
use model::{Extraction, NodeKind};
use store::Store;

use super::{close, open_or_create, plural, print, Outcome};
use crate::{
    input,
    known::StoreKnown,
    pipeline::{self, Prepared},
};

/// What ingesting a run of articles did, for the closing summary.
#[derive(Debug, Default)]
pub(super) struct Tally {
    added: u64,
    replaced: u64,
    unchanged: u64,
    skipped: u64,
    failed: u64,
    nodes_added: usize,
    edges_added: usize,
}

impl Tally {
    pub(super) fn fail(&mut self, source: &str, why: &str) {
        self.failed += 1;
        eprintln!("error: {source}: {why}");
    }

    pub(super) fn skip(&mut self, source: &str, why: &str) {
        self.skipped += 1;
        eprintln!("skipped: {source}: {why}");
    }

    /// Counts an article the store already holds; returns the line that says so.
    pub(super) fn unchanged(&mut self, source: &str, id: &str, stored_source: &str) -> String {
        self.unchanged += 1;
        if stored_source == source {
            format!("unchanged  {source}  {id}\n")
        } else {
            format!("unchanged  {source}  {id} (stored from {stored_source})\n")
        }
    }

    /// How many articles went into the store.
    pub(super) fn written(&self) -> u64 {
        self.added + self.replaced
    }

    pub(super) fn outcome(&self) -> Outcome {
        if self.failed == 0 {
            Outcome::Success
        } else {
            Outcome::SomeFailed
        }
    }

    /// One line: how many articles went which way, and what the store gained.
    pub(super) fn summary(&self) -> String {
        let n_articles = self.added + self.replaced + self.unchanged + self.skipped + self.failed;
        format!(
            "{n_articles} input{}: {} added, {} replaced, {} unchanged, {} skipped, {} failed; \
             {} nodes and {} edges added\n",
            plural(n_articles),
            self.added,
            self.replaced,
            self.unchanged,
            self.skipped,
            self.failed,
            self.nodes_added,
            self.edges_added,
        )
    }
}

/// `summit ingest PATH...`
pub(super) fn run(store_path: &Path, paths: &[PathBuf], quiet: bool) -> Result<Outcome> {
    // Open the store first: when another process holds it, say so before any work.
    let store = open_or_create(store_path)?;
    let entries = input::expand(paths, store_path);
    let stdin = pipeline::read_stdin(&entries)?;
    let progress = progress_bar(entries.len());
    let mut tally = Tally::default();
    let known = StoreKnown::new(&store);
    let result = pipeline::extract_in_order(&entries, &stdin, Some(&store), |entry, prepared| {
        progress.inc(1);
        match prepared {
            Prepared::Extracted {
                extracted,
                warnings,
            } => progress.suspend(|| {
                report_reading(&entry.source, &warnings, &extracted, quiet);
                let line = commit(
                    &store,
                    &known,
                    &entry.source,
                    extracted.extraction,
                    &mut tally,
                )?;
                if quiet {
                    return Ok(());
                }
                print(&line)
            }),
            Prepared::Unchanged {
                id,
                stored_source,
                warnings,
            } => progress.suspend(|| {
                for warning in &warnings {
                    eprintln!("warning: {}: {warning}", entry.source);
                }
                let line = tally.unchanged(&entry.source, &id, &stored_source);
                if quiet {
                    return Ok(());
                }
                print(&line)
            }),
            Prepared::Skipped(why) => {
                progress.suspend(|| tally.skip(&entry.source, &why));
                Ok(())
            }
            Prepared::Failed(why) => {
                progress.suspend(|| tally.fail(&entry.source, &why));
                Ok(())
            }
        }
    });
    progress.finish_and_clear();
    drop(known);
    // Whatever was committed before an error stays: make it durable either way.
    let closed = close(store, tally.written());
    result?;
    closed?;
    print(&tally.summary())?;
    Ok(tally.outcome())
}

/// Resolves one article's extraction against the store and commits it. Returns the
/// line that tells the user what happened.
pub(super) fn commit(
    store: &Store,
    known: &StoreKnown<'_>,
    source: &str,
    extraction: Extraction,
    tally: &mut Tally,
) -> Result<String> {
    if let Some(article) = &extraction.article {
        let stored = store
            .article(&article.id)
            .with_context(|| format!("looking up article {}", article.id))?;
        if let Some(stored) = stored {
            return Ok(tally.unchanged(source, &article.id, &stored.source));
        }
    }
    let counts = count_kinds(&extraction);
    let resolved =
        std::panic::catch_unwind(AssertUnwindSafe(|| ingest::resolve(extraction, known)));
    let Ok(resolved) = resolved else {
        tally.fail(source, pipeline::CRASHED);
        return Ok(String::new());
    };
    let resolved = resolved.with_context(|| format!("{source}: looking up known entities"))?;
    let summary = store.commit(&resolved);
    match &summary {
        Ok(summary) => known.committed(&resolved, summary),
        Err(_) => known.reset(),
    }
    let summary = summary.with_context(|| format!("{source}: writing to the store"))?;
    let id = resolved.article.as_ref().map_or("-", |a| a.id.as_str());
    if summary.unchanged {
        return Ok(tally.unchanged(source, id, source));
    }
    tally.nodes_added += summary.nodes_added;
    tally.edges_added += summary.edges_added;
    let verb = match &summary.replaced {
        Some(old) => {
            tally.replaced += 1;
            format!("replaced   {source}  {id} (was {old})")
        }
        None => {
            tally.added += 1;
            format!("added      {source}  {id}")
        }
    };
    Ok(format!(
        "{verb}  {counts}; {} new node{}, {} new edge{}\n",
        summary.nodes_added,
        plural(summary.nodes_added),
        summary.edges_added,
        plural(summary.edges_added),
    ))
}

/// "2 persons, 3 countries, 1 meeting" for the entities an extraction holds (its
/// article node left out).
fn count_kinds(extraction: &Extraction) -> String {
    let mut counts: BTreeMap<NodeKind, usize> = BTreeMap::new();
    for node in &extraction.nodes {
        if node.kind != NodeKind::Article {
            *counts.entry(node.kind).or_default() += 1;
        }
    }
    if counts.is_empty() {
        return "no entities".to_owned();
    }
    let parts: Vec<String> = counts
        .into_iter()
        .map(|(kind, n)| {
            let noun = match (kind, n) {
                (_, 1) => kind.as_str().to_owned(),
                (NodeKind::Country, _) => "countries".to_owned(),
                _ => format!("{}s", kind.as_str()),
            };
            format!("{n} {noun}")
        })
        .collect();
    parts.join(", ")
}

/// Tells the user, on standard error, how an article's text was read (warnings) and
/// what the extractor noticed about it (notes, left out when `quiet`).
fn report_reading(source: &str, warnings: &[String], extracted: &Extracted, quiet: bool) {
    for warning in warnings {
        eprintln!("warning: {source}: {warning}");
    }
    if !quiet {
        for diagnostic in &extracted.diagnostics {
            eprintln!("note: {source}: {}", diagnostic.message);
        }
    }
}

/// A progress bar on standard error, hidden when standard error is not a terminal.
fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} [{elapsed}] {wide_bar} {pos}/{len} articles")
    {
        bar.set_style(style);
    }
    bar
}

/// `summit extract PATH...`: one JSON line per article, in input order, no store.
pub(super) fn extract(store_path: &Path, paths: &[PathBuf], quiet: bool) -> Result<Outcome> {
    let entries = input::expand(paths, store_path);
    let stdin = pipeline::read_stdin(&entries)?;
    let mut tally = Tally::default();
    pipeline::extract_in_order(&entries, &stdin, None, |entry, prepared| match prepared {
        Prepared::Extracted {
            extracted,
            warnings,
        } => {
            report_reading(&entry.source, &warnings, &extracted, quiet);
            let mut line = serde_json::to_string(&extracted.extraction)?;
            line.push('\n');
            print(&line)
        }
        // Without a store nothing is known to be stored.
        Prepared::Unchanged { .. } => Ok(()),
        Prepared::Skipped(why) => {
            tally.skip(&entry.source, &why);
            Ok(())
        }
        Prepared::Failed(why) => {
            tally.fail(&entry.source, &why);
            Ok(())
        }
    })?;
    Ok(tally.outcome())
}
