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
