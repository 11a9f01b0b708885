//! Counts meetings per pair of countries, walking a summit store through the `store`
//! crate's read-only API: meetings by kind, their participants by edge, and each
//! participant's country (a person counts for the country they represent).
//!
//! ```sh
//! cargo run --release -- ingest seeds/
//! cargo run --release --example meetings_per_country_pair -- summit.db
//! ```

use std::{
    collections::{BTreeMap, BTreeSet},
    path::PathBuf,
    process::ExitCode,
};

use model::{EdgeKind, NodeKind};
use store::{Store, StoreError};

fn main() -> ExitCode {
    let path = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("summit.db"), PathBuf::from);
    match count(&path) {
        Ok(pairs) => {
            let mut rows: Vec<(usize, String)> = pairs
                .into_iter()
                .map(|((a, b), n)| (n, format!("{a} – {b}")))
                .collect();
            rows.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
            for (n, pair) in rows {
                println!("{n:>5}  {pair}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Meetings per unordered pair of country names.
fn count(path: &std::path::Path) -> Result<BTreeMap<(String, String), usize>, StoreError> {
    let store = Store::open_read_only(path)?;
    let mut pairs = BTreeMap::new();
    for meeting in store.nodes_of_kind(NodeKind::Meeting)? {
        let mut countries = BTreeSet::new();
        for attended in store.in_edges_brief(&meeting.id, Some(EdgeKind::Attended))? {
            let Some(who) = store.node_brief(&attended.src)? else {
                continue;
            };
            match who.kind {
                NodeKind::Country => {
                    countries.insert(who.name);
                }
                NodeKind::Person => {
                    for represents in store.out_edges_brief(&who.id, Some(EdgeKind::Represents))? {
                        if let Some(country) = store.node_brief(&represents.dst)? {
                            countries.insert(country.name);
                        }
                    }
                }
                _ => {}
            }
        }
        let countries: Vec<String> = countries.into_iter().collect();
        for (i, a) in countries.iter().enumerate() {
            for b in &countries[i + 1..] {
                *pairs.entry((a.clone(), b.clone())).or_insert(0) += 1;
            }
        }
    }
    Ok(pairs)
}
