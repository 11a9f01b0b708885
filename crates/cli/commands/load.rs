//! `load`: merges extraction lines written by `extract` into the store (the reduce
//! step), resolving entities exactly as `ingest` does.

use std::{
    io::Read,
    path::{Path, PathBuf},
};

use anyhow::Result;
use model::Extraction;

use super::{
    close,
    ingest::{commit, Tally},
    open_or_create, print, Outcome,
};
use crate::{input, known::StoreKnown};

/// `summit load FILE...`
pub(super) fn run(store_path: &Path, files: &[PathBuf], quiet: bool) -> Result<Outcome> {
    let store = open_or_create(store_path)?;
    let mut tally = Tally::default();
    let known = StoreKnown::new(&store);
    let result = (|| -> Result<()> {
        for file in files {
            let name = input::display(file);
            let text = match read(file) {
                Ok(text) => text,
                Err(why) => {
                    tally.fail(&name, &why);
                    continue;
                }
            };
            for (idx, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let place = format!("{name}:{}", idx + 1);
                let extraction: Extraction = match serde_json::from_str(line) {
                    Ok(extraction) => extraction,
                    Err(err) => {
                        tally.fail(
                            &place,
                            &format!("not an extraction line written by `summit extract`: {err}"),
                        );
                        continue;
                    }
                };
                let source = extraction
                    .article
                    .as_ref()
                    .map_or(place, |a| a.source.clone());
                let line = commit(&store, &known, &source, extraction, &mut tally)?;
                if !quiet {
                    print(&line)?;
                }
            }
        }
        Ok(())
    })();
    drop(known);
    let closed = close(store, tally.written());
    result?;
    closed?;
    print(&tally.summary())?;
    Ok(tally.outcome())
}

fn read(file: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    let read = if file.as_os_str() == "-" {
        std::io::stdin().lock().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    read.map_err(|err| input::describe_io(&err))?;
    String::from_utf8(bytes).map_err(|_| "not UTF-8: extraction lines are JSON".to_owned())
}
