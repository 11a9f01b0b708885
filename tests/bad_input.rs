//! Inputs that are not articles: each is reported on its own, the others still go in,
//! the exit code says something failed, and nothing already stored is lost.

use std::time::{Duration, Instant};

use crate::util::{show, Sandbox};

fn seed_text(sandbox: &Sandbox) -> String {
    std::fs::read_to_string(sandbox.path("seeds/003_7140b2abad6b7934.txt")).unwrap()
}

#[test]
fn a_mixed_folder_reports_each_bad_file_and_ingests_the_rest() {
    let sandbox = Sandbox::new();
    let text = seed_text(&sandbox);
    sandbox.write("mixed/good.txt", &text);
    sandbox.write(
        "mixed/image.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    );
    sandbox.write("mixed/empty.txt", b"");
    let mut latin1 = b"Caf\xe9 diplomacy in Gen\xe8ve: ".to_vec();
    latin1.extend_from_slice(text.as_bytes());
    sandbox.write("mixed/latin1.txt", latin1);
    let output = sandbox
        .cmd(&["ingest", "mixed", "missing.txt"])
        .output()
        .unwrap();
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
    assert!(
        err.contains("mixed/image.png") && err.contains("not text"),
        "{err}"
    );
    assert!(
        err.contains("mixed/empty.txt") && err.contains("empty"),
        "{err}"
    );
    assert!(
        err.contains("mixed/latin1.txt") && err.contains("UTF-8"),
        "{err}"
    );
    assert!(
        err.contains("missing.txt") && err.contains("no such file"),
        "{err}"
    );
    assert!(out.contains("added      mixed/good.txt"), "{out}");
    assert!(out.contains("added      mixed/latin1.txt"), "{out}");
    assert!(
        out.contains("5 inputs: 2 added, 0 replaced, 0 unchanged, 1 skipped, 2 failed"),
        "{out}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(sandbox.stats()["articles"], 2);
}

#[test]
fn a_failed_ingest_loses_nothing_already_stored() {
    let sandbox = Sandbox::new();
    sandbox.ingest_seeds();
    let before = sandbox.ok(&["export", "json"]);
    sandbox.write("bad/zeros.bin", vec![0u8; 4096]);
    sandbox.write(
        "bad/controls.txt",
        [1u8, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16].repeat(100),
    );
    let err = sandbox.fails(&["ingest", "bad", "nowhere/at/all", "seeds"]);
    assert!(err.contains("bad/zeros.bin"), "{err}");
    assert!(err.contains("bad/controls.txt"), "{err}");
    assert!(err.contains("nowhere/at/all"), "{err}");
    assert_eq!(sandbox.ok(&["export", "json"]), before);
    assert!(sandbox.ok(&["check"]).contains("is consistent: 5 articles"));
}

#[test]
fn only_an_empty_file_is_skipped_without_failing() {
    let sandbox = Sandbox::new();
    sandbox.write("blank.txt", "  \n\n\t \n");
    let output = sandbox.cmd(&["ingest", "blank.txt"]).output().unwrap();
    assert!(output.status.success(), "{}", show(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("empty"));
}

#[test]
fn a_huge_single_line_file_is_cut_not_fatal() {
    let sandbox = Sandbox::new();
    let mut text = seed_text(&sandbox).replace('\n', " ");
    let filler = "and the talks went on. ";
    while text.len() < 50 << 20 {
        text.push_str(filler);
    }
    sandbox.write("huge.txt", &text);
    let started = Instant::now();
    let output = sandbox
        .cmd(&["ingest", "huge.txt", "seeds/000_cefb18318783f513.txt"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", show(&output));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("huge.txt") && err.contains("only the first"),
        "{err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(sandbox.stats()["articles"], 2);
}

#[test]
fn a_store_path_that_is_a_file_is_a_clear_error() {
    let sandbox = Sandbox::new();
    sandbox.write("not-a-store", "hello");
    let output = sandbox
        .cmd_on("not-a-store", &["ingest", "seeds"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.starts_with("error: ") && err.contains("not-a-store"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn queries_do_not_create_a_store() {
    let sandbox = Sandbox::empty();
    let err = sandbox.fails(&["stats"]);
    assert!(err.contains("there is no store at store"), "{err}");
    assert!(!sandbox.path("store").exists());
}

#[test]
fn bad_arguments_are_usage_errors() {
    let sandbox = Sandbox::new();
    sandbox.ingest_seeds();
    sandbox
        .cmd(&["meetings", "--since", "last tuesday"])
        .assert()
        .code(2);
    sandbox
        .cmd(&["neighbors", "x", "--kind", "planet"])
        .assert()
        .code(2);
    sandbox.cmd(&["ingest"]).assert().code(2);
}
