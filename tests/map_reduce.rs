//! `extract` (map, no store) then `load` (reduce into a store) gives what `ingest` gives.

use crate::util::{show, Sandbox};

#[test]
fn extract_then_load_gives_the_same_graph_as_ingest() {
    let sandbox = Sandbox::new();
    sandbox.ingest_seeds();
    let lines = sandbox.ok_on("unused", &["extract", "seeds"]);
    assert!(
        !sandbox.path("unused").exists(),
        "extract must not create a store"
    );
    assert_eq!(lines.lines().count(), 5);
    for line in lines.lines() {
        let extraction: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(
            extraction["article"]["source"]
                .as_str()
                .unwrap()
                .starts_with("seeds/"),
            "{line}"
        );
        assert!(!extraction["nodes"].as_array().unwrap().is_empty());
    }
    sandbox.write("extractions.jsonl", &lines);
    let out = sandbox.ok_on("reduced", &["load", "extractions.jsonl"]);
    assert!(out.contains("5 added"), "{out}");
    assert_eq!(
        sandbox.ok_on("reduced", &["export", "json"]),
        sandbox.ok(&["export", "json"])
    );
    // Loading the same lines again changes nothing.
    let out = sandbox.ok_on("reduced", &["load", "extractions.jsonl"]);
    assert!(out.contains("5 unchanged"), "{out}");
}

#[test]
fn extract_of_split_inputs_can_be_loaded_from_standard_input() {
    let sandbox = Sandbox::new();
    let first = sandbox.ok(&[
        "extract",
        "seeds/000_cefb18318783f513.txt",
        "seeds/001_b19d184af71ef213.txt",
    ]);
    let rest = sandbox.ok(&[
        "extract",
        "seeds/002_8138c3c1e7cbee0d.txt",
        "seeds/003_7140b2abad6b7934.txt",
        "seeds/004_cc51eb2d56806ca4.txt",
    ]);
    let output = sandbox
        .cmd_on("reduced", &["load", "-"])
        .write_stdin(format!("{first}{rest}"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", show(&output));
    sandbox.ingest_seeds();
    assert_eq!(
        sandbox.ok_on("reduced", &["export", "json"]),
        sandbox.ok(&["export", "json"])
    );
}

#[test]
fn load_reports_bad_lines_and_keeps_the_good_ones() {
    let sandbox = Sandbox::new();
    let lines = sandbox.ok(&["extract", "seeds/000_cefb18318783f513.txt"]);
    sandbox.write(
        "mixed.jsonl",
        format!("{{\"not\": \"an extraction\"}}\n{lines}this is not json\n"),
    );
    let output = sandbox
        .cmd(&["load", "mixed.jsonl", "absent.jsonl"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("mixed.jsonl:1:"), "{err}");
    assert!(err.contains("mixed.jsonl:3:"), "{err}");
    assert!(err.contains("absent.jsonl: no such file"), "{err}");
    assert_eq!(sandbox.stats()["articles"], 1);
}

#[test]
fn extract_reports_bad_inputs_like_ingest() {
    let sandbox = Sandbox::new();
    sandbox.write("bin/zeros", vec![0u8; 100]);
    let output = sandbox
        .cmd(&["extract", "bin", "seeds/000_cefb18318783f513.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 1);
    assert!(String::from_utf8_lossy(&output.stderr).contains("bin/zeros"));
}
