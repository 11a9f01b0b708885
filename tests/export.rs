//! Every export format, read back by the program that format is for.

use std::path::Path;

use crate::util::{installed, python, python_has, show, Sandbox};

fn seeded() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.ingest_seeds();
    sandbox
}

/// Exports `format` into `file` inside the sandbox and returns the file's path.
fn export(sandbox: &Sandbox, format: &str, file: &str) -> std::path::PathBuf {
    sandbox.ok(&["export", format, "-o", file]);
    let path = sandbox.path(file);
    assert!(path.is_file(), "export {format} wrote no file");
    path
}

#[test]
fn json_has_the_scorers_shape_and_python_reads_it() {
    let sandbox = seeded();
    let text = sandbox.ok(&["export", "json"]);
    let graph: serde_json::Value = serde_json::from_str(&text).unwrap();
    let nodes = graph["nodes"].as_array().unwrap();
    assert!(nodes
        .iter()
        .all(|n| n["id"].is_string() && n["kind"].is_string() && n["name"].is_string()));
    assert!(
        nodes.iter().any(|n| n["kind"] == "person"),
        "no person in the export"
    );
    assert!(graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["src"].is_string() && e["dst"].is_string()));
    let path = sandbox.write("graph.json", &text);
    if !python_has("json") {
        return;
    }
    let counted = python(
        "import json,sys; g=json.load(open(sys.argv[1])); print(len(g['nodes']))",
        &[&path],
    );
    assert_eq!(counted.trim(), nodes.len().to_string());
}

#[test]
fn jsonl_is_one_json_object_per_line() {
    let sandbox = seeded();
    let path = export(&sandbox, "jsonl", "graph.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.lines().count() >= 5);
    for line in text.lines() {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(value.is_object(), "{line}");
    }
    if !python_has("json") {
        return;
    }
    python(
        "import json,sys; [json.loads(l) for l in open(sys.argv[1])]",
        &[&path],
    );
}

#[test]
fn graphml_and_gexf_read_in_networkx() {
    let sandbox = seeded();
    let graphml = export(&sandbox, "graphml", "graph.graphml");
    let gexf = export(&sandbox, "gexf", "graph.gexf");
    let n_nodes = sandbox.stats()["nodes"].as_u64().unwrap();
    if !python_has("networkx") {
        return;
    }
    let read = |function: &str, path: &Path| {
        python(&format!("import networkx,sys; g=networkx.{function}(sys.argv[1]); print(g.number_of_nodes())"), &[path])
    };
    assert_eq!(read("read_graphml", &graphml).trim(), n_nodes.to_string());
    assert_eq!(read("read_gexf", &gexf).trim(), n_nodes.to_string());
}

#[test]
fn ntriples_read_in_rdflib() {
    let sandbox = seeded();
    let path = export(&sandbox, "ntriples", "graph.nt");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.lines().all(|l| l.is_empty() || l.ends_with(" .")),
        "{text}"
    );
    if !python_has("rdflib") {
        return;
    }
    let n_triples = python(
        "import rdflib,sys; g=rdflib.Graph(); g.parse(sys.argv[1], format='nt'); print(len(g))",
        &[&path],
    );
    assert!(n_triples.trim().parse::<usize>().unwrap() > 0);
}

#[test]
fn dot_svg_and_png_render_with_graphviz() {
    let sandbox = seeded();
    let dot = export(&sandbox, "dot", "graph.dot");
    assert!(std::fs::read_to_string(&dot)
        .unwrap()
        .starts_with("digraph"));
    if !installed("dot", "-V") {
        eprintln!(
            "note: Graphviz's dot is not installed here: skipping rendering (CI installs it)"
        );
        return;
    }
    let output = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&dot)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", show(&output));
    let svg = sandbox.ok(&["export", "svg"]);
    assert!(svg.contains("<svg"), "{svg}");
    let png = std::fs::read(export(&sandbox, "png", "graph.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn svg_without_graphviz_names_the_package_to_install() {
    let sandbox = seeded();
    let empty_path = sandbox.path("no-programs");
    std::fs::create_dir(&empty_path).unwrap();
    let output = sandbox
        .cmd(&["export", "svg"])
        .env("PATH", &empty_path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("`dot`") && err.contains("graphviz"), "{err}");
}

#[test]
fn neo4j_writes_csv_files_into_a_folder() {
    let sandbox = seeded();
    sandbox.ok(&["export", "neo4j", "neo4j-out"]);
    let files: Vec<_> = std::fs::read_dir(sandbox.path("neo4j-out"))
        .unwrap()
        .collect();
    assert!(files.len() >= 2, "{files:?}");
    assert!(files.iter().any(|f| f
        .as_ref()
        .unwrap()
        .path()
        .extension()
        .is_some_and(|e| e == "csv")));
    let err = sandbox.fails(&["export", "neo4j"]);
    assert!(err.contains("name a directory"), "{err}");
}

#[test]
fn json_export_imported_into_an_empty_store_exports_identically() {
    let sandbox = seeded();
    let original = export(&sandbox, "json", "graph.json");
    let out = sandbox.ok_on("copy", &["import", "json", "graph.json"]);
    assert!(out.starts_with("imported 5 articles"), "{out}");
    assert_eq!(
        sandbox.ok_on("copy", &["export", "json"]),
        std::fs::read_to_string(original).unwrap()
    );
    assert_eq!(
        sandbox.ok_on("copy", &["export", "dot"]),
        sandbox.ok(&["export", "dot"])
    );
    // A store that holds something is not overwritten.
    let err = sandbox.fails(&["import", "json", "graph.json"]);
    assert!(err.contains("not empty"), "{err}");
}

#[test]
fn focus_kind_and_date_filters_cut_the_graph() {
    let sandbox = Sandbox::empty();
    sandbox.load_fixture();
    let dot = sandbox.ok(&["export", "dot", "--focus", "Sergey Lavrov", "--depth", "2"]);
    assert!(dot.contains("Moscow") && dot.contains("Russia"), "{dot}");
    assert!(!dot.contains("Smith"), "{dot}");
    let part: serde_json::Value = serde_json::from_str(
        &sandbox.ok(&["export", "json", "--kind", "person", "--kind", "country"]),
    )
    .unwrap();
    let kinds: std::collections::BTreeSet<&str> = part["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["country", "person"]);
    let recent: serde_json::Value =
        serde_json::from_str(&sandbox.ok(&["export", "json", "--since", "2024-01-01"])).unwrap();
    let meetings: Vec<&str> = recent["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "meeting")
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(meetings, ["Smith – Smith phone call"]);
    let err = sandbox.fails(&["export", "dot", "--focus", "Smith"]);
    assert!(err.contains("ambiguous"), "{err}");
}

#[test]
fn export_to_a_closed_pipe_is_quiet() {
    let sandbox = seeded();
    let mut child = std::process::Command::new(crate::util::summit_bin())
        .current_dir(sandbox.dir.path())
        .args(["--store", "store", "export", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", show(&output));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn json_export_keeps_edges_whose_ends_are_not_nodes() {
    // The whole-graph JSON export streams from the store's outline; an edge to a node
    // the store lacks (as an import may leave) takes the path that reads everything.
    let sandbox = Sandbox::empty();
    sandbox.write(
        "graph.json",
        r#"{"nodes":[{"id":"person/ana-ruiz","kind":"person","name":"Ana Ruiz"},
            {"id":"meeting/m1","kind":"meeting","name":"M1","props":{"date":"2021-05-03"}}],
           "edges":[{"src":"person/ana-ruiz","dst":"meeting/m1","kind":"attended"},
            {"src":"person/ana-ruiz","dst":"country/atlantis","kind":"represents"}]}"#,
    );
    sandbox.ok(&["import", "json", "graph.json"]);
    let first = sandbox.ok(&["export", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&first).unwrap();
    let edges: Vec<&str> = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["dst"].as_str().unwrap())
        .collect();
    assert_eq!(edges, ["country/atlantis", "meeting/m1"], "{first}");
    let out = sandbox.path("out.json");
    sandbox.ok(&["export", "json", "-o", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
}

#[test]
fn the_streamed_exports_write_a_file_whole() {
    let sandbox = seeded();
    let out = sandbox.path("graph.json");
    sandbox.ok(&["export", "json", "-o", out.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        sandbox.ok(&["export", "json"])
    );
    assert!(!sandbox.path("graph.json.partial").exists());
    let lines = sandbox.path("graph.jsonl");
    sandbox.ok(&["export", "jsonl", "-o", lines.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&lines).unwrap(),
        sandbox.ok(&["export", "jsonl"])
    );
    let triples = sandbox.path("graph.nt");
    sandbox.ok(&["export", "ntriples", "-o", triples.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&triples).unwrap(),
        sandbox.ok(&["export", "ntriples"])
    );
    assert!(!sandbox.path("graph.nt.partial").exists());
    // A path that cannot be written is an error, and leaves nothing behind.
    let err = sandbox.fails(&["export", "json", "-o", "no/such/dir/graph.json"]);
    assert!(err.contains("no/such/dir"), "{err}");
}

/// A whole-graph export is written as the store is read; a filtered one is built in
/// memory. Asking for every kind selects the whole graph through the second path: the
/// bytes must be the same.
#[test]
fn streamed_exports_equal_the_exports_built_in_memory() {
    let sandbox = seeded();
    let every_kind = [
        "person",
        "country",
        "meeting",
        "topic",
        "place",
        "organization",
        "article",
    ];
    for format in ["json", "jsonl", "ntriples", "graphml", "gexf"] {
        let streamed = sandbox.ok(&["export", format]);
        let mut args = vec!["export", format];
        for kind in every_kind {
            args.extend(["--kind", kind]);
        }
        let in_memory = sandbox.ok(&args);
        assert!(streamed.len() > 1000, "{format}: {streamed}");
        assert!(
            streamed == in_memory,
            "export {format} differs when streamed"
        );
    }
    sandbox.ok(&["export", "neo4j", "whole"]);
    let mut args = vec!["export", "neo4j", "filtered"];
    for kind in every_kind {
        args.extend(["--kind", kind]);
    }
    sandbox.ok(&args);
    for file in ["nodes.csv", "relationships.csv", "import.cypher"] {
        let whole = std::fs::read_to_string(sandbox.path(&format!("whole/{file}"))).unwrap();
        let filtered = std::fs::read_to_string(sandbox.path(&format!("filtered/{file}"))).unwrap();
        assert!(whole == filtered, "neo4j {file} differs when streamed");
    }
}
