//! The `summit` command line. Not a library: see `README.md` beside this file.
//!
//! `cli` holds what clap parses; `commands` runs one command each; `input` and
//! `pipeline` read and extract articles; `known` lets entity resolution look into the
//! store. The exit code is decided here and only here.

mod cli;
mod commands;
mod html;
mod input;
mod known;
mod pipeline;

use std::{io, process::ExitCode};

use clap::Parser;

use crate::{cli::Cli, commands::Outcome};

/// mimalloc rather than glibc's malloc: extraction and the store writer allocate many
/// small short-lived values on several threads, and glibc's arena locks and frees cost
/// about a fifth of an ingest (BENCHMARKS.md, session 6: ingest about 1.2× faster, peak
/// memory of a 100k ingest 363 → 387 MB).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::FAILURE,
        // `summit export json | head`: the reader has seen enough; that is not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
