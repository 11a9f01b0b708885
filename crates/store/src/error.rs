//! The store's error type.

use std::path::PathBuf;

/// Everything that can go wrong while opening, reading or writing a store.
///
/// Messages name the store and say what to do about it; the command line prints them
/// as they are.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process (or another handle in this process) has the store open.
    #[error(
        "store {} is in use by another summit process; wait for it to finish or use --store to pick another",
        path.display()
    )]
    Locked {
        /// The store's directory.
        path: PathBuf,
    },
    /// The store was written in a format this build does not read.
    #[error(
        "store {} has format version {found}, but this summit reads version {expected}; export json with the old summit and import json with this one",
        path.display()
    )]
    Version {
        /// The version written in the store.
        found: u64,
        /// The version this build reads and writes.
        expected: u64,
        /// The store's directory.
        path: PathBuf,
    },
    /// A write through a handle opened with `Store::open_read_only`.
    #[error("store {} is open read-only; open it with Store::open to write", path.display())]
    ReadOnly {
        /// The store's directory.
        path: PathBuf,
    },
    /// The path holds something other than a summit store.
    #[error("{} is not a summit store; pick an empty or new directory with --store", path.display())]
    NotAStore {
        /// The offending path.
        path: PathBuf,
    },
    /// sled could not open the store.
    #[error("cannot open store {}: {source}", path.display())]
    Open {
        /// The store's directory.
        path: PathBuf,
        /// What sled said.
        #[source]
        source: sled::Error,
    },
    /// sled failed while reading or writing.
    #[error(transparent)]
    Sled(#[from] sled::Error),
    /// A stored record does not decode: the store is damaged.
    #[error(
        "stored record {key} in tree {tree} does not decode; the store is damaged: restore it from a json export"
    )]
    Decode {
        /// The tree holding the record.
        tree: &'static str,
        /// The record's key, in hexadecimal.
        key: String,
        /// Why it does not decode.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// Records that should agree with each other do not: the store is damaged.
    #[error("the store is inconsistent: {detail}; restore it from a json export")]
    Inconsistent {
        /// What disagrees.
        detail: String,
    },
    /// [`crate::Store::commit`] was given an extraction without an article.
    #[error("cannot store an extraction that is not tied to an article")]
    NoArticle,
    /// The store is missing, and a compaction that was interrupted while swapping
    /// files left the store's files at `old`.
    #[error(
        "store {} is missing, but {} holds its files from an interrupted compaction; move that folder back to {} and run the command again",
        path.display(),
        old.display(),
        path.display()
    )]
    Interrupted {
        /// The store's directory.
        path: PathBuf,
        /// Where its files are.
        old: PathBuf,
    },
    /// [`crate::Store::import`] was pointed at a store that already holds data.
    #[error("store {} is not empty; import into a new store", path.display())]
    NotEmpty {
        /// The store's directory.
        path: PathBuf,
    },
}

impl StoreError {
    /// A decode failure of the record `key` in `tree`.
    pub(crate) fn decode(
        tree: &'static str,
        key: &[u8],
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> StoreError {
        StoreError::Decode {
            tree,
            key: hex(key),
            source: source.into(),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}
