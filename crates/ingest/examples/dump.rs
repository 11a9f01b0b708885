//! Prints what the extractor reads from articles, and writes the merged graph as the
//! scorer's JSON when `--json FILE` is given: `cargo run -p ingest --example dump -- seeds/*`.

use std::fmt::Write as _;

use model::{EdgeKind, Graph, NodeKind};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let json_out = args.iter().position(|a| a == "--json").map(|i| {
        let path = args[i + 1].clone();
        args.drain(i..=i + 1);
        path
    });
    let extractor = ingest::Extractor::new();
    let mut graph = Graph::new();
    let mut report = String::new();
    for path in &args {
        let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
        let extracted = extractor.extract(&text, path);
        let resolved = match ingest::resolve(extracted.extraction, &graph) {
            Ok(x) => x,
            Err(never) => match never {},
        };
        let _ = writeln!(
            report,
            "== {path} date={:?}",
            resolved.article.as_ref().and_then(|a| a.date.clone())
        );
        let mut local = Graph::new();
        local.add_extraction(resolved.clone());
        for n in local.nodes.values() {
            match n.kind {
                NodeKind::Person => {
                    let country: Vec<&str> = local
                        .out_edges(&n.id)
                        .filter(|e| e.kind == EdgeKind::Represents)
                        .map(|e| e.dst.as_str())
                        .collect();
                    let _ = writeln!(
                        report,
                        "  person {} {:?} role={:?} {:?} {:?}",
                        n.name,
                        n.aliases,
                        n.props.get("role"),
                        country,
                        n.props.get("merged_because")
                    );
                }
                NodeKind::Meeting => {
                    let parts: Vec<&str> = local
                        .in_edges(&n.id)
                        .filter(|e| e.kind == EdgeKind::Attended)
                        .map(|e| e.src.as_str())
                        .collect();
                    let topics: Vec<&str> = local
                        .out_edges(&n.id)
                        .filter(|e| e.kind == EdgeKind::Discussed)
                        .map(|e| e.dst.as_str())
                        .collect();
                    let place: Vec<&str> = local
                        .out_edges(&n.id)
                        .filter(|e| e.kind == EdgeKind::HeldIn)
                        .map(|e| e.dst.as_str())
                        .collect();
                    let _ = writeln!(report, "  meeting {} {:?}\n     parts={parts:?} place={place:?}\n     topics={topics:?}", n.id, n.props);
                }
                NodeKind::Country => {
                    let _ = writeln!(report, "  country {}", n.name);
                }
                _ => {}
            }
        }
        graph.add_extraction(resolved);
    }
    print!("{report}");
    if let Some(out) = json_out {
        let nodes: Vec<serde_json::Value> = graph
            .nodes
            .values()
            .map(|n| serde_json::json!({"id": n.id, "kind": n.kind.as_str(), "name": n.name, "aliases": n.aliases, "props": n.props}))
            .collect();
        let edges: Vec<serde_json::Value> = graph
            .edges
            .values()
            .map(|e| serde_json::json!({"src": e.src, "dst": e.dst, "kind": e.kind.as_str()}))
            .collect();
        std::fs::write(
            out,
            serde_json::to_string_pretty(&serde_json::json!({"nodes": nodes, "edges": edges}))
                .unwrap(),
        )
        .unwrap();
    }
}
