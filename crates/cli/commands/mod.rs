//! One module per command, and what they share: opening the store, finding nodes by
//! name, writing to standard output.

mod export;
mod forget;
mod ingest;
mod load;
mod queries;

use std::{
    io::{self, Write},
    path::Path,
};

use anyhow::{bail, Context, Result};
use model::{Node, NodeKind};
use query::{Outline, Resolved};
use store::Store;

use crate::cli::{Cli, Command};

/// How a command that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Everything asked for was done.
    Success,
    /// Some inputs failed (each was reported); the rest were done.
    SomeFailed,
}

/// Runs the command the user asked for.
pub(crate) fn run(cli: Cli) -> Result<Outcome> {
    let store = cli.store.as_path();
    match cli.command {
        Command::Ingest { paths, quiet } => ingest::run(store, &paths, quiet),
        Command::Extract { paths, quiet } => ingest::extract(store, &paths, quiet),
        Command::Load { files, quiet } => load::run(store, &files, quiet),
        Command::Stats { output } => queries::stats(store, output.json),
        Command::Show { name, kind, output } => queries::show(store, &name, kind, output.json),
        Command::Why { a, b, output } => queries::why(store, &a, &b, output.json),
        Command::Neighbors {
            name,
            depth,
            kind,
            limit,
            output,
        } => queries::neighbors(store, &name, depth, &kind, limit, output.json),
        Command::Path { a, b, output } => queries::path(store, &a, &b, output.json),
        Command::Meetings { filter, output } => queries::meetings(store, &filter, output.json),
        Command::Export(args) => export::run(store, &args),
        Command::Import { format: _, file } => export::import_json(store, &file),
        Command::Forget { article } => forget::run(store, &article),
        Command::Check => forget::check(store),
        Command::Compact => forget::compact(store),
    }
}

/// Opens the store, creating it when it does not exist yet.
fn open_or_create(path: &Path) -> Result<Store> {
    // The store's errors name the store and say what to do; they need no context.
    Ok(Store::open_with_notice(path, &mut |found| {
        eprintln!(
            "summit: upgrading store {} from format {found} to {} in place (once; about 45 s per 100k articles)",
            path.display(),
            store::SCHEMA_VERSION
        );
    })?)
}

/// After this many articles written in one session, the store is closed and opened
/// again at the end, so that sled replays its log now rather than at the next command.
const REOPEN_AFTER: u64 = 200;

/// sled's page cache for the handle that scans the store once to cache its skeleton
/// after a long session: a pass reads every page once, so a cache only holds memory.
/// sled counts pages at their size on disk, and holds them decoded at several times
/// that: at 100k articles the scan peaked at 630 MB with a 96 MiB cache,
/// 462 MB with 16 MiB and 314 MB with 1 MiB, all in about 3.5 s.
const SCAN_CACHE_BYTES: u64 = 1 << 20;

/// Makes a write session durable and keeps the skeleton cache that queries read up to
/// date: flushes the store, or reopens it after a long session (see [`REOPEN_AFTER`]
/// and [`SCAN_CACHE_BYTES`]).
/// The cache is patched with what the session wrote when it can be; after a long
/// session without a cache to patch, it is rebuilt by a scan on the reopened store
/// (which holds less memory than the writer did). Only a cache: a failure to update it
/// is the next query's to report.
fn close(store: Store, n_written: u64) -> Result<()> {
    if n_written >= REOPEN_AFTER {
        let _ = store.refresh_skeleton_cache(false);
        let store = store
            .reopen_with_cache(SCAN_CACHE_BYTES)
            .context("writing the store to disk")?;
        let _ = store.refresh_skeleton_cache(true);
    } else {
        store.flush().context("writing the store to disk")?;
        if n_written > 0 {
            let _ = store.refresh_skeleton_cache(false);
        }
    }
    Ok(())
}

/// Opens a store that must exist already: queries never create one.
fn open_existing(path: &Path) -> Result<Store> {
    if !path.exists() {
        bail!(
            "there is no store at {}: create one with `summit --store {} ingest PATH...` \
             (or pass --store / set SUMMIT_STORE)",
            path.display(),
            path.display()
        );
    }
    open_or_create(path)
}

/// Finds the one node `name` stands for among an outline's nodes (which have no
/// evidence): a node id, a name or an alias. An unknown or ambiguous name is an error
/// that says what to type instead.
fn find_in<'g>(outline: &'g Outline, name: &str, kind: Option<NodeKind>) -> Result<&'g Node> {
    found(outline.resolve_name(name, kind), name, kind)
}

fn found<'g>(resolved: Resolved<'g>, name: &str, kind: Option<NodeKind>) -> Result<&'g Node> {
    match resolved {
        Resolved::One(node) => Ok(node),
        Resolved::NotFound => match kind {
            Some(kind) => bail!("no {kind} is named {name:?}"),
            None => bail!("nothing is named {name:?}"),
        },
        Resolved::Ambiguous(candidates) => {
            let mut message = format!("{name:?} is ambiguous: it could be");
            for node in candidates {
                message.push_str(&format!(
                    "\n  {}  ({}, id {})",
                    node.name, node.kind, node.id
                ));
            }
            message.push_str("\nuse a fuller name or the node id");
            bail!(message)
        }
    }
}

/// The outline of a store's graph: every node and edge without evidence, which is
/// what walks and name lookups need.
fn outline(store: &Store) -> Result<Outline> {
    let skeleton = store.skeleton()?;
    Ok(Outline::from_numbered(
        skeleton.nodes,
        skeleton
            .edges
            .into_iter()
            .map(|e| (e.src, e.kind, e.dst, e.props)),
    ))
}

/// Writes `text` to standard output. A closed pipe (`summit ... | head`) ends the
/// program quietly; see `main`.
fn print(text: &str) -> Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// Writes a JSON value to standard output, pretty-printed, with a final newline.
fn print_json(value: &serde_json::Value) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    print(&text)
}

/// "s" unless `n` is 1.
fn plural<N: TryInto<u64>>(n: N) -> &'static str {
    if n.try_into().is_ok_and(|n| n == 1) {
        ""
    } else {
        "s"
    }
}

/// Bytes for people: `2.02 GB`, `104.1 MB`, `512 KB`.
pub(super) fn size(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 1e9 {
        format!("{:.2} GB", b / 1e9)
    } else if b >= 1e6 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.0} KB", b / 1e3)
    }
}
