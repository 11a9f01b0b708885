//! The seed articles: facts a reader of them would check first.

use model::{Graph, NodeKind};

fn seeds_graph() -> Graph {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut graph = Graph::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let x = ingest::Extractor::new()
            .extract(&text, &path.display().to_string())
            .extraction;
        let Ok(x) = ingest::resolve(x, &graph);
        graph.add_extraction(x);
    }
    graph
}

#[test]
fn one_node_per_person_across_the_seeds() {
    let graph = seeds_graph();
    let persons: Vec<&str> = graph
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Person)
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(
        persons,
        [
            "Ebrahim Raisi",
            "Hassan Kazemi Qomi",
            "Hossein Amir-Abdollahian",
            "Kazem Jalali",
            "Mahdi Safari",
            "Nasser Kanaani",
            "Sergey Lavrov",
            "Vladimir Putin"
        ]
    );
    let fm = &graph.nodes["person/hossein-amir-abdollahian"];
    for alias in [
        "Amirabdollahian",
        "Amir-Abdullahian",
        "Hossein Amir Abdollahian",
    ] {
        assert!(
            fm.aliases.contains(alias),
            "{alias} missing from {:?}",
            fm.aliases
        );
    }
}

#[test]
fn the_same_encounter_reported_three_times_is_one_meeting() {
    let graph = seeds_graph();
    let facts = crate::articles::facts(&graph);
    let fm: Vec<&String> = facts
        .meetings
        .iter()
        .filter(|m| m.contains("Hossein Amir-Abdollahian + Sergey Lavrov"))
        .collect();
    assert_eq!(fm.len(), 2, "{fm:#?}");
    assert!(fm
        .iter()
        .any(|m| m.contains("2023-03-29") && m.contains("Moscow")));
    assert!(fm.iter().any(|m| m.contains("2021-10-06")));
}
