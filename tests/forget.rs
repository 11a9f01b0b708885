//! `forget`: an article and what only it supported leave the store.

use crate::util::Sandbox;

#[test]
fn forgetting_an_article_removes_what_only_it_supported() {
    let sandbox = Sandbox::empty();
    sandbox.load_fixture();
    let out = sandbox.ok(&["forget", "aaaaaaaaaaaaaaaa"]);
    assert_eq!(out, "forgot  fixture/a.txt  aaaaaaaaaaaaaaaa\n");
    let err = sandbox.fails(&["show", "Lavrov"]);
    assert!(err.contains("nothing is named"), "{err}");
    assert!(sandbox
        .ok(&["show", "Jane Smith"])
        .starts_with("Jane Smith\n"));
    let stats = sandbox.stats();
    assert_eq!(stats["articles"], 1);
    assert_eq!(stats["nodes"], 5);
    let out = sandbox.ok(&["check"]);
    assert_eq!(
        out,
        "store store is consistent: 1 article, 5 nodes, 8 edges\n"
    );
}

#[test]
fn an_article_is_named_by_its_source_path_too() {
    let sandbox = Sandbox::new();
    sandbox.ingest_seeds();
    let out = sandbox.ok(&["forget", "./seeds/000_cefb18318783f513.txt"]);
    assert!(
        out.starts_with("forgot  seeds/000_cefb18318783f513.txt  "),
        "{out}"
    );
    assert_eq!(sandbox.stats()["articles"], 4);
    let err = sandbox.fails(&["forget", "seeds/000_cefb18318783f513.txt"]);
    assert!(err.contains("no stored article"), "{err}");
    // It can come back.
    let out = sandbox.ok(&["ingest", "seeds"]);
    assert!(out.contains("1 added, 0 replaced, 4 unchanged"), "{out}");
}

#[test]
fn compact_gives_back_space_and_keeps_the_graph() {
    let sandbox = Sandbox::new();
    sandbox.ingest_seeds();
    // Forgetting and ingesting again leaves old versions in sled's log.
    for _ in 0..3 {
        sandbox.ok(&["forget", "seeds/000_cefb18318783f513.txt"]);
        sandbox.ok(&["ingest", "seeds"]);
    }
    let before = sandbox.ok(&["export", "json"]);
    // stats says how much room the store takes, as compact will.
    let on_disk = sandbox.stats()["bytes_on_disk"].as_u64().unwrap();
    assert!(on_disk > 100_000, "{on_disk}");
    let text = sandbox.ok(&["stats"]);
    let shown = text.lines().last().unwrap_or_default();
    let out = sandbox.ok(&["compact"]);
    assert!(
        out.contains(&format!(": {} -> ", shown.trim_start_matches("on disk: "))),
        "{shown} / {out}"
    );
    let (sizes, records) = out
        .strip_prefix("compacted store store: ")
        .and_then(|rest| rest.split_once(" ("))
        .unwrap_or_else(|| panic!("{out}"));
    // (A store this small sits in sled's first segments either way: the space given
    // back at scale is measured in BENCHMARKS.md.)
    let (from, to) = sizes.split_once(" -> ").unwrap_or_else(|| panic!("{out}"));
    for size in [from, to] {
        let (number, unit) = size.split_once(' ').unwrap_or_else(|| panic!("{out}"));
        assert!(
            number.parse::<f64>().is_ok() && ["KB", "MB", "GB"].contains(&unit),
            "{out}"
        );
    }
    let records: u64 = records.trim_end_matches(" records)\n").parse().unwrap();
    assert!(records > 500, "{out}");
    assert_eq!(sandbox.ok(&["export", "json"]), before);
    assert!(sandbox.ok(&["check"]).contains("is consistent: 5 articles"));
    // A folder that is not a store is refused, and not made one.
    let output = sandbox
        .cmd_on("nothing-here", &["compact"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("is not a summit store"), "{err}");
    assert!(!sandbox.path("nothing-here").exists());
}

#[test]
fn a_store_of_the_previous_format_is_upgraded_by_the_first_command_and_says_so() {
    let sandbox = Sandbox::empty();
    let fixture = crate::util::repo().join("crates/store/tests/data/v1/store");
    std::fs::create_dir_all(sandbox.path("store")).unwrap();
    for name in ["conf", "db"] {
        std::fs::copy(fixture.join(name), sandbox.path("store").join(name)).unwrap();
    }
    let output = sandbox.cmd(&["stats", "--json"]).output().unwrap();
    crate::util::assert_success(&output, &["stats"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("upgrading store store from format 1 to 2 in place"),
        "{err}"
    );
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["articles"], 2);
    // Once: the next command says nothing, and the store is whole.
    let output = sandbox.cmd(&["check"]).output().unwrap();
    crate::util::assert_success(&output, &["check"]);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert!(String::from_utf8_lossy(&output.stdout).contains("is consistent: 2 articles"));
}

#[test]
fn compact_works_on_the_current_directory() {
    let sandbox = Sandbox::new();
    sandbox.ingest_seeds();
    let before = sandbox.ok(&["export", "json"]);
    let output = sandbox
        .bare()
        .current_dir(sandbox.path("store"))
        .args(["--store", ".", "compact"])
        .output()
        .unwrap();
    crate::util::assert_success(&output, &["compact"]);
    assert!(!sandbox.path("store/.compacting").exists());
    assert!(!sandbox.path("store.compacting").exists());
    assert!(!sandbox.path("store.before-compact").exists());
    assert_eq!(sandbox.ok(&["export", "json"]), before);
}
