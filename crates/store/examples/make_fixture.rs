//! Writes a store fixture (`crates/store/tests/data/vN/store`) from the fixed steps
//! in `tests/fixture_data.rs`. Run it only when adding a fixture for a new format, into
//! a new folder:
//!
//! `cargo run -p store --example make_fixture -- crates/store/tests/data/vN/store`

#[path = "../tests/fixture_data.rs"]
mod fixture_data;

use std::path::PathBuf;

use fixture_data::{steps, Step};
use store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: make_fixture <new store directory>")?,
    );
    if path.exists() {
        return Err(format!(
            "{} exists; fixtures are written once, into a new folder",
            path.display()
        )
        .into());
    }
    let store = Store::open(&path)?;
    for step in steps() {
        match step {
            Step::Commit(extraction) => {
                store.commit(&extraction)?;
            }
            Step::Forget(id) => {
                store.forget(id)?;
            }
        }
    }
    store.verify()?;
    store.flush()?;
    Ok(())
}
