//! Walks and exports on a generated graph of about a thousand nodes: 300 persons of
//! 60 countries at 400 meetings in 80 places on 40 topics, 120 articles mentioning
//! them. The graph is built from a fixed-seed generator, so every run measures the
//! same work.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use model::{Edge, EdgeKind, Evidence, Graph, Node, NodeKind};
use query::{export, meetings, neighbors, path, subgraph, MeetingFilter, SubgraphFilter};

/// A tiny linear congruential generator: deterministic and dependency-free.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

fn add(graph: &mut Graph, kind: NodeKind, name: String, props: &[(&str, String)]) -> String {
    let mut node = Node::new(kind, &name);
    for (k, v) in props {
        node.props.insert((*k).to_owned(), v.clone());
    }
    node.evidence.push(Evidence {
        article: "0".repeat(16),
        sentence: format!("{name} was named."),
        start: 0,
        end: 20,
    });
    let id = node.id.clone();
    graph.add_node(node);
    id
}

fn link(graph: &mut Graph, src: &str, kind: EdgeKind, dst: &str) {
    let mut edge = Edge::new(src, kind, dst);
    edge.evidence.push(Evidence {
        article: "0".repeat(16),
        sentence: format!("{src} {kind} {dst}."),
        start: 0,
        end: 30,
    });
    graph.add_edge(edge);
}

fn generated() -> Graph {
    let mut rng = Lcg(42);
    let mut graph = Graph::new();
    let countries: Vec<String> = (0..60)
        .map(|i| add(&mut graph, NodeKind::Country, format!("Country {i}"), &[]))
        .collect();
    let places: Vec<String> = (0..80)
        .map(|i| {
            let id = add(&mut graph, NodeKind::Place, format!("City {i}"), &[]);
            link(
                &mut graph,
                &id,
                EdgeKind::LocatedIn,
                &countries[i % countries.len()],
            );
            id
        })
        .collect();
    let topics: Vec<String> = (0..40)
        .map(|i| add(&mut graph, NodeKind::Topic, format!("Topic {i}"), &[]))
        .collect();
    let persons: Vec<String> = (0..300)
        .map(|i| {
            let id = add(
                &mut graph,
                NodeKind::Person,
                format!("Person {i}"),
                &[("role", "Minister".into())],
            );
            link(
                &mut graph,
                &id,
                EdgeKind::Represents,
                &countries[rng.below(countries.len())],
            );
            id
        })
        .collect();
    let mut all = Vec::new();
    for i in 0..400 {
        let date = format!(
            "20{:02}-{:02}-{:02}",
            15 + rng.below(10),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let id = add(
            &mut graph,
            NodeKind::Meeting,
            format!("Meeting {i}"),
            &[("date", date), ("type", "meeting".into())],
        );
        for _ in 0..2 + rng.below(3) {
            link(
                &mut graph,
                &persons[rng.below(persons.len())],
                EdgeKind::Attended,
                &id,
            );
        }
        link(
            &mut graph,
            &id,
            EdgeKind::HeldIn,
            &places[rng.below(places.len())],
        );
        link(
            &mut graph,
            &id,
            EdgeKind::Discussed,
            &topics[rng.below(topics.len())],
        );
        all.push(id);
    }
    all.extend(persons);
    all.extend(countries);
    for i in 0..120 {
        let mut article = Node::new(NodeKind::Article, &format!("Article {i}"));
        article.id = format!("article/{i:016x}");
        let article_id = article.id.clone();
        graph.add_node(article);
        for _ in 0..15 {
            link(
                &mut graph,
                &article_id,
                EdgeKind::Mentions,
                &all[rng.below(all.len())],
            );
        }
    }
    graph
}

fn walks(c: &mut Criterion) {
    let graph = generated();
    let person = "person/person-7";
    c.bench_function("neighbors depth 2", |b| {
        b.iter(|| neighbors(black_box(&graph), person, 2, None, None, None));
    });
    c.bench_function("path person to person", |b| {
        b.iter(|| path(black_box(&graph), "person/person-7", "person/person-250"));
    });
    let filter = MeetingFilter {
        country: Some("country/country-3".into()),
        since: Some("2018".into()),
        until: Some("2022-06".into()),
        ..Default::default()
    };
    c.bench_function("meetings by country and dates", |b| {
        b.iter(|| meetings(black_box(&graph), &filter))
    });
    let sub = subgraph(
        &graph,
        &SubgraphFilter {
            kinds: Some(NodeKind::ALL[..6].to_vec()),
            ..Default::default()
        },
    );
    assert!(sub.nodes.len() >= 800, "{} nodes", sub.nodes.len());
    c.bench_function("subgraph without articles", |b| {
        b.iter(|| {
            subgraph(
                black_box(&graph),
                &SubgraphFilter {
                    kinds: Some(NodeKind::ALL[..6].to_vec()),
                    ..Default::default()
                },
            )
        })
    });
    c.bench_function("dot of ~900 nodes", |b| {
        b.iter(|| export::dot(black_box(&sub)))
    });
    c.bench_function("json of the whole graph", |b| {
        b.iter(|| export::json(black_box(&graph), &[]))
    });
}

criterion_group!(benches, walks);
criterion_main!(benches);
