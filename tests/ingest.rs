//! `ingest` on the seeds: what it prints, what it stores, and that it is idempotent.

use predicates::prelude::*;

use crate::util::Sandbox;

#[test]
fn ingest_of_seeds_creates_persons_countries_and_meetings() {
    let sandbox = Sandbox::new();
    let out = sandbox.ingest_seeds();
    assert_eq!(
        out.lines().filter(|l| l.starts_with("added ")).count(),
        5,
        "{out}"
    );
    assert!(
        out.contains("5 inputs: 5 added, 0 replaced, 0 unchanged, 0 skipped, 0 failed"),
        "{out}"
    );
    let stats = sandbox.stats();
    assert_eq!(stats["articles"], 5, "{stats}");
    assert_eq!(stats["nodes_by_kind"]["article"], 5, "{stats}");
    // Loose but real: the seeds are about foreign ministers meeting.
    let count = |kind: &str| stats["nodes_by_kind"][kind].as_u64().unwrap_or(0);
    assert!(count("person") >= 2, "{stats}");
    assert!(count("country") >= 2, "{stats}");
    assert!(count("meeting") >= 1, "{stats}");
    assert!(
        stats["edges_by_kind"]["attended"].as_u64().unwrap_or(0) >= 2,
        "{stats}"
    );
}

#[test]
fn ingesting_the_same_articles_again_changes_nothing() {
    let sandbox = Sandbox::new();
    sandbox.ingest_seeds();
    let before = sandbox.ok(&["export", "json"]);
    let again = sandbox.ingest_seeds();
    assert_eq!(
        again
            .lines()
            .filter(|l| l.starts_with("unchanged "))
            .count(),
        5,
        "{again}"
    );
    assert!(
        again.contains("0 added, 0 replaced, 5 unchanged"),
        "{again}"
    );
    assert_eq!(sandbox.ok(&["export", "json"]), before);
    // Stored texts are recognised by their hash before extraction: no notes from the
    // extractor this time.
    let output = sandbox.cmd(&["ingest", "seeds"]).output().unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(!err.contains("note:"), "{err}");
}

#[test]
fn the_same_input_gives_byte_identical_exports() {
    let sandbox = Sandbox::new();
    sandbox.ok_on("one", &["ingest", "seeds"]);
    sandbox.ok_on("two", &["ingest", "seeds"]);
    for format in ["json", "dot"] {
        assert_eq!(
            sandbox.ok_on("one", &["export", format]),
            sandbox.ok_on("two", &["export", format]),
            "{format}"
        );
    }
}

#[test]
fn an_edited_article_replaces_its_old_version() {
    let sandbox = Sandbox::new();
    let text = std::fs::read_to_string(sandbox.path("seeds/000_cefb18318783f513.txt")).unwrap();
    sandbox.write("news/a.txt", &text);
    sandbox.ok(&["ingest", "news/a.txt"]);
    sandbox.write("news/a.txt", format!("{text}\nA paragraph added later.\n"));
    let out = sandbox.ok(&["ingest", "news/a.txt"]);
    assert!(out.starts_with("replaced "), "{out}");
    assert_eq!(sandbox.stats()["articles"], 1);
}

#[test]
fn standard_input_is_one_article() {
    let sandbox = Sandbox::new();
    let text = std::fs::read(sandbox.path("seeds/001_b19d184af71ef213.txt")).unwrap();
    let output = sandbox
        .cmd(&["ingest", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    crate::util::assert_success(&output, &["ingest", "-"]);
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.starts_with("added      -  "), "{out}");
    assert_eq!(sandbox.stats()["articles"], 1);
}

#[test]
fn folders_are_read_recursively_without_hidden_entries() {
    let sandbox = Sandbox::new();
    let text = std::fs::read_to_string(sandbox.path("seeds/002_8138c3c1e7cbee0d.txt")).unwrap();
    sandbox.write("news/2023/march/a.txt", &text);
    sandbox.write("news/.hidden.txt", format!("{text} hidden"));
    sandbox.write("news/.git/b.txt", format!("{text} in git"));
    let out = sandbox.ok(&["ingest", "news"]);
    assert!(out.contains("news/2023/march/a.txt"), "{out}");
    assert!(!out.contains("hidden") && !out.contains(".git"), "{out}");
    assert_eq!(sandbox.stats()["articles"], 1);
}

#[test]
fn the_store_comes_from_the_flag_the_environment_or_the_default() {
    let sandbox = Sandbox::new();
    sandbox
        .bare()
        .args(["ingest", "seeds/000_cefb18318783f513.txt"])
        .assert()
        .success();
    assert!(
        sandbox.path("summit.db").is_dir(),
        "default store ./summit.db"
    );
    sandbox
        .bare()
        .env("SUMMIT_STORE", "from-env")
        .args(["ingest", "seeds/001_b19d184af71ef213.txt"])
        .assert()
        .success();
    assert!(sandbox.path("from-env").is_dir());
    sandbox
        .bare()
        .env("SUMMIT_STORE", "from-env")
        .args(["stats"])
        .assert()
        .success()
        .stdout(predicate::str::contains("articles: 1"));
}

#[test]
fn ingesting_the_current_folder_skips_the_store_itself() {
    let sandbox = Sandbox::new();
    sandbox.ingest_seeds();
    // The store lives in the folder being ingested; its files are not articles.
    let out = sandbox.ok(&["ingest", "."]);
    assert!(out.contains("5 unchanged, 0 skipped, 0 failed"), "{out}");
}

#[test]
fn help_and_version_work() {
    let sandbox = Sandbox::empty();
    sandbox
        .bare()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("ingest"));
    sandbox
        .bare()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("summit "));
    sandbox.bare().args(["frobnicate"]).assert().code(2);
}

#[test]
fn a_saved_web_page_reads_like_its_text() {
    let sandbox = Sandbox::new();
    let text = std::fs::read_to_string(sandbox.path("seeds/002_8138c3c1e7cbee0d.txt")).unwrap();
    let body: String = text
        .split("\n\n")
        .map(|p| {
            format!(
                "<p>{}</p>\n",
                p.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            )
        })
        .collect();
    sandbox.write(
        "page.html",
        format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>World news</title>\
             <script>var teaser = \"Angela Merkel met Boris Johnson in Berlin\";</script></head>\
             <body><nav><a href=\"/\">Home</a></nav><article>{body}</article>\
             <footer>Contact the editors</footer></body></html>"
        ),
    );
    sandbox.ok_on("html", &["ingest", "page.html"]);
    sandbox.ok_on("text", &["ingest", "seeds/002_8138c3c1e7cbee0d.txt"]);
    let persons = |store: &str| -> Vec<String> {
        let graph: serde_json::Value =
            serde_json::from_str(&sandbox.ok_on(store, &["export", "json"])).unwrap();
        graph["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kind"] == "person")
            .map(|n| n["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let from_html = persons("html");
    assert!(!from_html.is_empty());
    assert!(
        !from_html.iter().any(|name| name.contains("Merkel")),
        "{from_html:?}"
    );
    assert_eq!(from_html, persons("text"));
}

#[test]
fn quiet_ingest_prints_only_the_summary() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd(&["ingest", "--quiet", "seeds"])
        .output()
        .unwrap();
    crate::util::assert_success(&output, &["ingest", "--quiet", "seeds"]);
    let out = String::from_utf8(output.stdout).unwrap();
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("5 inputs: 5 added"), "{out}");
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(!err.contains("note:"), "{err}");
}
