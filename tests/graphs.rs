//! The diagrams committed in `graphs/` are current and render.

use std::process::Command;

use crate::util::{installed, repo, show, summit_bin};

#[test]
fn committed_graphs_are_up_to_date() {
    let out_dir = assert_fs::TempDir::new().unwrap();
    let output = Command::new("bash")
        .arg(repo().join("graphs/regenerate.sh"))
        .arg(out_dir.path())
        .env("SUMMIT", summit_bin())
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "graphs/regenerate.sh failed: {}",
        show(&output)
    );
    let mut n_compared = 0;
    for entry in std::fs::read_dir(out_dir.path()).unwrap() {
        let fresh = entry.unwrap().path();
        let name = fresh.file_name().unwrap().to_string_lossy().into_owned();
        let committed = std::fs::read(repo().join("graphs").join(&name))
            .unwrap_or_else(|_| panic!("graphs/{name} is not committed: run graphs/regenerate.sh"));
        assert!(
            committed == std::fs::read(&fresh).unwrap(),
            "graphs/{name} is stale: run graphs/regenerate.sh and commit the result"
        );
        n_compared += 1;
    }
    assert!(
        n_compared >= 2,
        "graphs/regenerate.sh wrote {n_compared} files"
    );
}

#[test]
fn every_committed_graph_renders_with_dot() {
    if !installed("dot", "-V") {
        eprintln!(
            "note: Graphviz's dot is not installed here: skipping rendering (CI installs it)"
        );
        return;
    }
    let mut n_rendered = 0;
    for entry in std::fs::read_dir(repo().join("graphs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "dot") {
            continue;
        }
        let output = Command::new("dot")
            .arg("-Tsvg")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "dot -Tsvg {}: {}",
            path.display(),
            show(&output)
        );
        assert!(String::from_utf8_lossy(&output.stdout).contains("<svg"));
        n_rendered += 1;
    }
    assert!(n_rendered >= 2, "graphs/ holds {n_rendered} DOT files");
}
