//! Writes a generated corpus to a folder, one article per file:
//! `gen-corpus --seed 1 --count 10000 --out /tmp/corpus-10k`.

use std::{path::PathBuf, process::ExitCode};

fn usage() -> ExitCode {
    eprintln!("usage: gen-corpus --seed S --count N --out DIR");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut seed: Option<u64> = None;
    let mut count: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next();
        match (flag.as_str(), value) {
            ("--seed", Some(v)) => seed = v.parse().ok(),
            ("--count", Some(v)) => count = v.replace('_', "").parse().ok(),
            ("--out", Some(v)) => out = Some(PathBuf::from(v)),
            _ => return usage(),
        }
    }
    let (Some(seed), Some(count), Some(out)) = (seed, count, out) else {
        return usage();
    };
    if let Err(err) = std::fs::create_dir_all(&out) {
        eprintln!("error: creating {}: {err}", out.display());
        return ExitCode::FAILURE;
    }
    let mut n_bytes = 0usize;
    for (name, text) in corpus::generate(seed, count) {
        let path = out.join(&name);
        if let Err(err) = std::fs::write(&path, &text) {
            eprintln!("error: writing {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
        n_bytes += text.len();
    }
    eprintln!(
        "{count} articles, {n_bytes} bytes ({} per article) in {}",
        n_bytes / count.max(1),
        out.display()
    );
    ExitCode::SUCCESS
}
