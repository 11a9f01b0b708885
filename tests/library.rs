//! The library API as another program uses it: `examples/meetings_per_country_pair.rs`
//! opens a store read-only through the `store` crate and walks it.

use std::process::Command;

use crate::util::{show, summit_bin, Sandbox};

#[test]
fn the_example_counts_meetings_per_country_pair_on_a_read_only_store() {
    let sandbox = Sandbox::new();
    sandbox.ingest_seeds();
    // `cargo test` builds the package's examples beside its binaries; a filtered run
    // (`cargo test --test tests`) does not, so build it then.
    let example = summit_bin()
        .parent()
        .unwrap()
        .join("examples/meetings_per_country_pair");
    if !example.exists() {
        let built = Command::new(env!("CARGO"))
            .args(["build", "--example", "meetings_per_country_pair"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(built.status.success(), "{}", show(&built));
    }
    assert!(example.exists(), "{} was not built", example.display());
    let output = Command::new(&example)
        .arg(sandbox.path("store"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", show(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    let iran_russia: usize = text
        .lines()
        .find(|l| l.ends_with("Iran – Russia"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no Iran – Russia line in\n{text}"));
    // Two foreign-minister meetings, a presidents' visit and a call at least.
    assert!(iran_russia >= 3, "{text}");
    // The store is untouched and still opens for writing.
    sandbox.ok(&["stats"]);
    let missing = Command::new(&example)
        .arg(sandbox.path("nowhere"))
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("not a summit store"),
        "{}",
        show(&missing)
    );
    assert!(!sandbox.path("nowhere").exists());
}
