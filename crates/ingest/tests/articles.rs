//! Runs every test article through the extractor and checks its `.expect` file.

use std::{collections::BTreeSet, path::Path};

use model::{EdgeKind, Graph, NodeKind};

/// The facts of one extracted article, as comparable strings.
pub(crate) struct Facts {
    pub(crate) persons: BTreeSet<String>,
    pub(crate) meetings: BTreeSet<String>,
    pub(crate) topics: BTreeSet<String>,
}

fn name_of(graph: &Graph, id: &str) -> String {
    graph
        .nodes
        .get(id)
        .map_or_else(|| id.to_owned(), |n| n.name.clone())
}

pub(crate) fn facts(graph: &Graph) -> Facts {
    let mut persons = BTreeSet::new();
    let mut meetings = BTreeSet::new();
    let mut topics = BTreeSet::new();
    for node in graph.nodes.values() {
        match node.kind {
            NodeKind::Person => {
                let country = graph
                    .out_edges(&node.id)
                    .find(|e| e.kind == EdgeKind::Represents)
                    .map_or("?".to_owned(), |e| name_of(graph, &e.dst));
                let role = node.props.get("role").map_or("?", String::as_str);
                persons.insert(format!("person {} | {country} | {role}", node.name));
            }
            NodeKind::Meeting => {
                let mut who: Vec<String> = graph
                    .in_edges(&node.id)
                    .filter(|e| e.kind == EdgeKind::Attended)
                    .map(|e| name_of(graph, &e.src))
                    .collect();
                who.sort();
                let who = who.join(" + ");
                let place = graph
                    .out_edges(&node.id)
                    .find(|e| e.kind == EdgeKind::HeldIn)
                    .map_or("?".to_owned(), |e| name_of(graph, &e.dst));
                let prop = |k: &str| node.props.get(k).map_or("?", String::as_str).to_owned();
                meetings.insert(format!(
                    "meeting {who} | {} | {} | {place} | {}",
                    prop("date"),
                    prop("status"),
                    prop("type")
                ));
                for e in graph
                    .out_edges(&node.id)
                    .filter(|e| e.kind == EdgeKind::Discussed)
                {
                    topics.insert(format!("topic {who} : {}", name_of(graph, &e.dst)));
                }
            }
            _ => {}
        }
    }
    Facts {
        persons,
        meetings,
        topics,
    }
}

/// `got` satisfies `want` when every field matches, `?` in `want` matching anything and
/// `-` only a field that is not known (which `got` writes as `?`).
fn fits(want: &str, got: &str) -> bool {
    let w: Vec<&str> = want.split(" | ").collect();
    let g: Vec<&str> = got.split(" | ").collect();
    w.len() == g.len()
        && w.iter()
            .zip(&g)
            .all(|(w, g)| *w == "?" || (*w == "-" && *g == "?") || w.eq_ignore_ascii_case(g))
}

fn check(article: &Path) {
    let text = std::fs::read_to_string(article).unwrap();
    let expect = std::fs::read_to_string(article.with_extension("expect")).unwrap();
    let extraction = ingest::Extractor::new()
        .extract(&text, &article.display().to_string())
        .extraction;
    let mut graph = Graph::new();
    graph.add_extraction(extraction);
    let got = facts(&graph);
    let mut problems = Vec::new();
    let (mut n_persons, mut n_meetings) = (0, 0);
    for line in expect.lines().filter(|l| !l.trim().is_empty()) {
        let pool = if line.starts_with("person ") {
            n_persons += 1;
            &got.persons
        } else if line.starts_with("meeting ") {
            n_meetings += 1;
            &got.meetings
        } else {
            &got.topics
        };
        if !pool.iter().any(|g| fits(line, g)) {
            problems.push(format!("missing: {line}"));
        }
    }
    if got.persons.len() != n_persons {
        problems.push(format!(
            "{} persons, expected {n_persons}: {:#?}",
            got.persons.len(),
            got.persons
        ));
    }
    if got.meetings.len() != n_meetings {
        problems.push(format!(
            "{} meetings, expected {n_meetings}: {:#?}",
            got.meetings.len(),
            got.meetings
        ));
    }
    assert!(
        problems.is_empty(),
        "{}:\n{}\n\ngot: {:#?}\n{:#?}",
        article.display(),
        problems.join("\n"),
        got.meetings,
        got.topics
    );
}

#[test]
fn every_test_article_yields_its_expected_facts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
    let mut articles: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    articles.sort();
    assert!(articles.len() >= 7);
    for article in articles {
        check(&article);
    }
}

#[test]
fn a_sheikh_is_also_known_with_the_honorific() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles/gulf_call_caption.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let out = ingest::Extractor::new().extract(&text, "gulf_call_caption.txt");
    let aliases = |name: &str| {
        let person = out
            .extraction
            .nodes
            .iter()
            .find(|n| n.kind == NodeKind::Person && n.name == name)
            .unwrap_or_else(|| panic!("{name} is a person"));
        person.aliases.clone()
    };
    let khalid = aliases("Khalid");
    assert!(khalid.contains("Sheikh Khalid"), "{khalid:?}");
    let hamad = aliases("Hamad");
    assert!(hamad.is_empty(), "{hamad:?}");
}

#[test]
fn extraction_never_panics_on_odd_text() {
    let x = ingest::Extractor::new();
    let long_line = "Minister ".repeat(20_000);
    for text in [
        "",
        " ",
        "\n\n\n",
        "...",
        "Mr.",
        "\u{feff}",
        "a\0b",
        "“”‘’",
        "Read More:",
        &long_line,
        "é-é- -é",
    ] {
        let out = x.extract(text, "odd");
        assert!(out
            .extraction
            .nodes
            .iter()
            .any(|n| n.kind == NodeKind::Article));
    }
}

mod properties {
    use proptest::prelude::*;

    /// Words that steer the rules: titles, triggers, names, dates, punctuation.
    const WORDS: &[&str] = &[
        "President",
        "Foreign",
        "Minister",
        "met",
        "meeting",
        "talks",
        "visit",
        "phone",
        "call",
        "with",
        "his",
        "Russian",
        "counterpart",
        "Iran's",
        "Sergei",
        "Lavrov",
        "Amir",
        "-Abdollahian",
        "Xi",
        "said",
        "will",
        "discuss",
        "on",
        "Tuesday",
        "Mar.",
        "29,",
        "2023",
        "in",
        "Moscow",
        "the",
        "and",
        ",",
        ".",
        "\"",
        "“",
        "’s",
        ":",
        ";",
        "Read More:",
        "\n",
        "\n\n",
        "(IP)-",
        "@x",
        "#JCPOA",
        "é",
        "北京",
        "U.S.",
        "S.",
        "of",
        "Presidents",
        "Mr.",
        "trade",
        "JCPOA",
        "-",
        "—",
        "date 2021-10-05",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn extraction_never_panics_and_spans_stay_in_bounds(words in prop::collection::vec(prop::sample::select(WORDS), 0..120)) {
            let text = words.join(" ");
            let out = ingest::Extractor::new().extract(&text, "prop");
            let x = out.extraction;
            let ids: std::collections::BTreeSet<&str> = x.nodes.iter().map(|n| n.id.as_str()).collect();
            for e in &x.edges {
                prop_assert!(ids.contains(e.src.as_str()) && ids.contains(e.dst.as_str()), "dangling edge {e:?}");
                for ev in &e.evidence {
                    prop_assert!(ev.start <= ev.end && ev.end <= text.len());
                    prop_assert!(text.is_char_boundary(ev.start) && text.is_char_boundary(ev.end));
                }
            }
            // Resolving an article against itself changes nothing it already knows.
            let mut graph = model::Graph::new();
            graph.add_extraction(x.clone());
            let Ok(again) = ingest::resolve(x, &graph);
            let mut twice = graph.clone();
            twice.add_extraction(again);
            prop_assert_eq!(twice.nodes.len(), graph.nodes.len());
        }
    }
}

/// Inputs found by `fuzz/` (see fuzz/regressions): lower-casing changes byte lengths.
#[test]
fn characters_that_change_length_when_lower_cased() {
    for text in [
        "İ\u{FFFD}topic",
        "İİ discuss",
        "\u{212A}\u{212A} discuss x",
        "İİ met İİ to discuss İİ",
    ] {
        let out = ingest::Extractor::new().extract(text, "t");
        assert!(!out.extraction.nodes.is_empty());
    }
}
