//! The query commands on the hand-made fixture (exact answers) and on the seeds
//! (answers any reasonable extractor gives).

use serde_json::Value;

use crate::util::Sandbox;

fn fixture() -> Sandbox {
    let sandbox = Sandbox::empty();
    sandbox.load_fixture();
    sandbox
}

fn json(sandbox: &Sandbox, args: &[&str]) -> Value {
    serde_json::from_str(&sandbox.ok(args)).unwrap()
}

#[test]
fn show_prints_aliases_properties_and_the_sentences_behind_each_edge() {
    let sandbox = fixture();
    let out = sandbox.ok(&["show", "Lavrov"]);
    assert!(
        out.starts_with("Sergey Lavrov\n  kind: person\n  id: person/sergey-lavrov\n"),
        "{out}"
    );
    assert!(out.contains("aliases: Lavrov"), "{out}");
    assert!(out.contains("role: Foreign Minister"), "{out}");
    assert!(
        out.contains("Sergey Lavrov --represents--> Russia"),
        "{out}"
    );
    assert!(
        out.contains("    [fixture/a.txt] Lavrov represents Russia at the talks.\n"),
        "{out}"
    );
    assert!(
        out.contains("mentioned in 1 article:\n  fixture/a.txt"),
        "{out}"
    );
}

#[test]
fn show_json_carries_the_node_edges_and_evidence() {
    let sandbox = fixture();
    let shown = json(&sandbox, &["show", "Sergey Lavrov", "--json"]);
    assert_eq!(shown["node"]["id"], "person/sergey-lavrov");
    assert_eq!(shown["node"]["aliases"][0], "Lavrov");
    let edges = shown["edges"].as_array().unwrap();
    assert!(edges
        .iter()
        .any(|e| e["kind"] == "attended" && e["evidence"][0]["source"] == "fixture/a.txt"));
}

#[test]
fn names_resolve_through_case_accents_and_punctuation() {
    let sandbox = fixture();
    for name in [
        "sergey lavrov",
        "SERGÉY LAVRÒV",
        "Sergey  Lavrov",
        "person/sergey-lavrov",
        "lavrov",
    ] {
        let out = sandbox.ok(&["show", name]);
        assert!(out.starts_with("Sergey Lavrov\n"), "{name}: {out}");
    }
    let out = sandbox.ok(&["show", "amir abdollahian"]);
    assert!(out.starts_with("Hossein Amir-Abdollahian\n"), "{out}");
}

#[test]
fn an_ambiguous_name_lists_the_candidates_and_fails() {
    let sandbox = fixture();
    let err = sandbox.fails(&["show", "Smith"]);
    assert!(err.contains("\"Smith\" is ambiguous"), "{err}");
    assert!(
        err.contains("John Smith  (person, id person/john-smith)"),
        "{err}"
    );
    assert!(
        err.contains("Jane Smith  (person, id person/jane-smith)"),
        "{err}"
    );
    // The candidates' ids and fuller names work.
    assert!(sandbox
        .ok(&["show", "person/jane-smith"])
        .starts_with("Jane Smith\n"));
    assert!(sandbox
        .ok(&["show", "Jane Smith"])
        .starts_with("Jane Smith\n"));
    let err = sandbox.fails(&["meetings", "--person", "Smith"]);
    assert!(err.contains("ambiguous"), "{err}");
}

#[test]
fn an_unknown_name_is_a_clear_error() {
    let sandbox = fixture();
    let err = sandbox.fails(&["show", "Napoleon"]);
    assert_eq!(err, "error: nothing is named \"Napoleon\"\n");
    let err = sandbox.fails(&["show", "Lavrov", "--kind", "country"]);
    assert_eq!(err, "error: no country is named \"Lavrov\"\n");
}

#[test]
fn why_explains_direct_edges_with_their_sentences() {
    let sandbox = fixture();
    let out = sandbox.ok(&["why", "Lavrov", "Russia"]);
    assert!(
        out.starts_with("Sergey Lavrov and Russia are related directly:\n"),
        "{out}"
    );
    assert!(
        out.contains("Lavrov represents Russia at the talks."),
        "{out}"
    );
    let explained = json(&sandbox, &["why", "Russia", "Lavrov", "--json"]);
    assert_eq!(explained["direct"], true);
}

#[test]
fn why_explains_an_indirect_relation_through_a_path() {
    let sandbox = fixture();
    let out = sandbox.ok(&["why", "Lavrov", "Amir-Abdollahian"]);
    assert!(out.contains("related through 2 edges"), "{out}");
    assert!(
        out.contains("Sergey Lavrov --attended--> Lavrov – Amir-Abdollahian talks"),
        "{out}"
    );
    assert!(
        out.contains("Hossein Amir-Abdollahian --attended--> Lavrov – Amir-Abdollahian talks"),
        "{out}"
    );
    assert!(out.contains("in Moscow on Wednesday."), "{out}");
    let err = sandbox.fails(&["why", "Lavrov", "John Smith"]);
    assert!(err.contains("are not connected"), "{err}");
    let err = sandbox.fails(&["why", "Lavrov", "Sergey Lavrov"]);
    assert!(err.contains("are both Sergey Lavrov"), "{err}");
}

#[test]
fn neighbors_walks_by_depth_and_kind_with_a_limit() {
    let sandbox = fixture();
    let found = json(
        &sandbox,
        &[
            "neighbors",
            "Lavrov",
            "--depth",
            "2",
            "--kind",
            "country",
            "--json",
        ],
    );
    let names: Vec<&str> = found["neighbors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Russia"), "{names:?}");
    assert!(!names.contains(&"United Kingdom"), "{names:?}");
    let found = json(
        &sandbox,
        &[
            "neighbors",
            "Lavrov",
            "--depth",
            "3",
            "--limit",
            "2",
            "--json",
        ],
    );
    assert_eq!(found["neighbors"].as_array().unwrap().len(), 2);
    let out = sandbox.ok(&["neighbors", "Lavrov"]);
    assert!(out.starts_with("Sergey Lavrov (person): "), "{out}");
    assert!(out.contains("Russia"), "{out}");
}

#[test]
fn path_draws_each_edge_in_its_direction() {
    let sandbox = fixture();
    let out = sandbox.ok(&["path", "Lavrov", "JCPOA"]);
    assert_eq!(
        out,
        "Sergey Lavrov --attended--> Lavrov – Amir-Abdollahian talks --discussed--> JCPOA\n"
    );
    let out = sandbox.ok(&["path", "JCPOA", "Amir-Abdollahian"]);
    assert_eq!(
        out,
        "JCPOA <--discussed-- Lavrov – Amir-Abdollahian talks <--attended-- Hossein Amir-Abdollahian\n"
    );
    let found = json(&sandbox, &["path", "Moscow", "Lavrov", "--json"]);
    assert_eq!(found["length"], 2);
    let err = sandbox.fails(&["path", "Moscow", "Jane Smith"]);
    assert!(
        err.contains("no path between Moscow and Jane Smith"),
        "{err}"
    );
}

#[test]
fn meetings_filter_by_person_country_topic_and_date() {
    let sandbox = fixture();
    let all = json(&sandbox, &["meetings", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 2);
    let by = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["meetings", "--json"];
        full.extend_from_slice(args);
        json(&sandbox, &full)
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["date"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(by(&["--person", "Lavrov"]), ["2023-03-29"]);
    assert_eq!(by(&["--country", "Iran"]), ["2023-03-29"]);
    assert_eq!(by(&["--country", "United Kingdom"]), ["2024-01-10"]);
    assert_eq!(by(&["--topic", "jcpoa"]), ["2023-03-29"]);
    assert_eq!(by(&["--since", "2024-01-01"]), ["2024-01-10"]);
    assert_eq!(by(&["--until", "2023-12-31"]), ["2023-03-29"]);
    let out = sandbox.ok(&["meetings", "--person", "Lavrov"]);
    assert!(
        out.starts_with("2023-03-29  Lavrov – Amir-Abdollahian talks  (talks, held)\n"),
        "{out}"
    );
    assert!(
        out.contains("participants: Hossein Amir-Abdollahian, Sergey Lavrov"),
        "{out}"
    );
    assert!(out.contains("place: Moscow"), "{out}");
    assert!(out.contains("topics: JCPOA"), "{out}");
    assert!(out.ends_with("1 meeting\n"), "{out}");
}

#[test]
fn stats_counts_by_kind() {
    let sandbox = fixture();
    let out = sandbox.ok(&["stats"]);
    assert!(out.starts_with("articles: 2\nnodes: 13\n"), "{out}");
    assert!(out.contains("  person: 4\n"), "{out}");
    let stats = sandbox.stats();
    assert_eq!(stats["nodes_by_kind"]["meeting"], 2);
    assert_eq!(stats["edges_by_kind"]["attended"], 4);
}

#[test]
fn on_the_seeds_lavrov_has_meetings_and_a_neighbourhood() {
    let sandbox = Sandbox::new();
    sandbox.ingest_seeds();
    let meetings = json(&sandbox, &["meetings", "--person", "Lavrov", "--json"]);
    assert!(
        !meetings.as_array().unwrap().is_empty(),
        "no meeting for Lavrov"
    );
    let out = sandbox.ok(&["meetings", "--person", "Lavrov"]);
    assert!(out.contains("Lavrov"), "{out}");
    let shown = json(&sandbox, &["show", "Sergey Lavrov", "--json"]);
    assert_eq!(shown["node"]["kind"], "person");
    assert!(
        !shown["edges"].as_array().unwrap().is_empty(),
        "Lavrov has no edges"
    );
    // Lavrov -> meeting -> his counterpart -> the counterpart's country.
    let found = json(
        &sandbox,
        &[
            "neighbors",
            "Sergey Lavrov",
            "--depth",
            "3",
            "--kind",
            "country",
            "--json",
        ],
    );
    let names: Vec<&str> = found["neighbors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["name"].as_str())
        .collect();
    assert!(names.contains(&"Russia"), "{names:?}");
    assert!(names.contains(&"Iran"), "{names:?}");
}
