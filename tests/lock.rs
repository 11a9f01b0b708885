//! One process at a time: a second command on a store in use fails at once, clearly.

use std::{
    io::Write,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use crate::util::{summit_bin, Sandbox};

/// A generated corpus: `n` short articles, each different.
fn write_corpus(sandbox: &Sandbox, n: usize) {
    let countries = [
        "France", "Germany", "Japan", "Brazil", "India", "Kenya", "Chile", "Norway",
    ];
    for i in 0..n {
        let a = countries[i % countries.len()];
        let b = countries[(i / countries.len() + i + 1) % countries.len()];
        let text = format!(
            "Paris, 12 May 2023 - The foreign minister of {a} met the foreign minister of {b} on Tuesday \
             to discuss trade and climate change, officials said in statement number {i}.\n\n\
             The two ministers agreed to meet again next month in the capital of {b}.\n"
        );
        sandbox.write(&format!("corpus/{i:05}.txt"), text);
    }
}

#[test]
fn a_second_process_on_a_store_in_use_gets_a_clear_error_at_once() {
    let sandbox = Sandbox::new();
    write_corpus(&sandbox, 300);
    // The first ingest holds the store until its standard input closes, so the test
    // does not depend on how fast extraction is.
    let mut first = Command::new(summit_bin())
        .current_dir(sandbox.dir.path())
        .env_remove("SUMMIT_STORE")
        .args(["--store", "store", "ingest", "corpus", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the first process has made the store (sled writes `conf` when it
    // creates one), so the second one meets a finished store, not one half made.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !sandbox.path("store/conf").exists() {
        assert!(
            Instant::now() < deadline,
            "the first ingest never made the store"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let (elapsed, err) = loop {
        let started = Instant::now();
        let output = sandbox.cmd(&["stats"]).output().unwrap();
        let elapsed = started.elapsed();
        let err = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(
            output.status.code(),
            Some(1),
            "the second process opened the store"
        );
        if err.contains("in use") || Instant::now() > deadline {
            break (elapsed, err);
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        elapsed < Duration::from_secs(5),
        "the second process waited {elapsed:?}"
    );
    assert!(err.starts_with("error: store store is in use"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // Writers are refused the same way.
    let output = sandbox.cmd(&["ingest", "seeds"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("in use"));

    let mut stdin = first.stdin.take().unwrap();
    stdin
        .write_all(b"Oslo, 3 June 2023 - The prime minister of Norway visited Chile.\n")
        .unwrap();
    drop(stdin);
    let output = first.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", crate::util::show(&output));
    assert_eq!(sandbox.stats()["articles"], 301);
    // A session this long closes by reopening the store; it must come back whole.
    assert!(sandbox
        .ok(&["check"])
        .contains("is consistent: 301 articles"));
}
