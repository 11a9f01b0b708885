//! The map step shared by `ingest` and `extract`: read and extract every input in
//! parallel, and hand the results to one consumer in input order.

use std::{io::Read, panic::AssertUnwindSafe, sync::mpsc};

use anyhow::{Context, Result};
use ingest::{Extracted, Extractor};
use rayon::prelude::*;
use store::Store;

use crate::input::{self, Entry, Origin, Text};

/// Why an article failed when a stage panicked on it.
pub(crate) const CRASHED: &str =
    "summit crashed on this article (a bug: please report it with the article)";

/// What became of one input.
pub(crate) enum Prepared {
    /// The article was extracted; `warnings` tell how its text was read (what the
    /// extractor noticed is in its diagnostics).
    Extracted {
        extracted: Box<Extracted>,
        warnings: Vec<String>,
    },
    /// The store holds this very text already (as `stored_source`): not extracted again.
    Unchanged {
        id: String,
        stored_source: String,
        warnings: Vec<String>,
    },
    /// Nothing to do, and not an error.
    Skipped(String),
    /// The input could not be read.
    Failed(String),
}

/// Reads standard input when one of the entries asks for it (it can only be read once).
pub(crate) fn read_stdin(entries: &[Entry]) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if entries
        .iter()
        .any(|e| matches!(e.origin, Ok(Origin::Stdin)))
    {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
    }
    Ok(bytes)
}

/// How many inputs each of rayon's threads extracts per window: enough to keep the
/// threads busy, few enough that the windows in flight take little memory.
const WINDOW_PER_THREAD: usize = 64;

/// Reads and extracts `entries` on rayon's threads and calls `consume` with each result
/// in input order, on the calling thread. Stops at the first error `consume` returns.
/// Texts that `store` already holds are not extracted again.
///
/// Entries go in windows: while `consume` works through one window, the next is
/// extracted, and at most one more waits. Memory stays a few windows of extractions
/// however many entries there are (a free-running parallel iterator let one thread run
/// ahead by half the input, holding every result it made until its turn came: 1.5 GB at
/// 100k articles).
pub(crate) fn extract_in_order(
    entries: &[Entry],
    stdin: &[u8],
    store: Option<&Store>,
    mut consume: impl FnMut(&Entry, Prepared) -> Result<()>,
) -> Result<()> {
    let extractor = Extractor::new();
    let window = rayon::current_num_threads().max(1) * WINDOW_PER_THREAD;
    let (sender, receiver) = mpsc::sync_channel::<Vec<Prepared>>(1);
    std::thread::scope(|scope| {
        let extractor = &extractor;
        scope.spawn(move || {
            for chunk in entries.chunks(window) {
                let prepared: Vec<Prepared> = chunk
                    .par_iter()
                    .map(|entry| prepare(extractor, store, entry, stdin))
                    .collect();
                // An error here only means the consumer stopped listening.
                if sender.send(prepared).is_err() {
                    break;
                }
            }
        });
        let mut next = 0;
        for batch in receiver {
            for prepared in batch {
                consume(&entries[next], prepared)?;
                next += 1;
            }
        }
        Ok(())
    })
}

fn prepare(extractor: &Extractor, store: Option<&Store>, entry: &Entry, stdin: &[u8]) -> Prepared {
    match input::read(entry, stdin) {
        Text::Read { text, warnings } => {
            // Ids are content hashes: a stored id is this very text, already read. A
            // failed lookup just means extracting; the writer looks again and reports.
            if let Some(store) = store {
                let id = ingest::article_id(&text);
                if let Ok(Some(stored)) = store.article(&id) {
                    return Prepared::Unchanged {
                        id,
                        stored_source: stored.source,
                        warnings,
                    };
                }
            }
            // A bug in the extractor costs this article, not the whole run.
            let extracted = std::panic::catch_unwind(AssertUnwindSafe(|| {
                extractor.extract(&text, &entry.source)
            }));
            let Ok(extracted) = extracted else {
                return Prepared::Failed(CRASHED.to_owned());
            };
            Prepared::Extracted {
                extracted: Box::new(extracted),
                warnings,
            }
        }
        Text::Skipped(why) => Prepared::Skipped(why),
        Text::Failed(why) => Prepared::Failed(why),
    }
}
