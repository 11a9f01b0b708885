//! Measures loading a generated news graph into a store: items per second, bytes on
//! disk per edge, and the time to reopen.
//!
//! `cargo run --release -p store --example load -- 10000 /tmp/load.db [articles per commit_all]`
//! (0 articles: reopen the store at the path and time the reads only)
//!
//! Each generated article has the shape measured in /work/shared/STORE-NOTES.md: 3
//! persons, 4 countries, 1 meeting and 5 topics drawn with Zipf-like popularity, the
//! article's own node, and about 19 edges, every fact with a sentence of evidence.
#![expect(clippy::print_stdout, reason = "an example reports on standard output")]

use std::{path::PathBuf, time::Instant};

use model::{Article, Edge, EdgeKind, Evidence, Extraction, Node, NodeKind};
use store::Store;

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Roughly Zipf over `0..n`: small numbers are much more likely.
    fn zipf(&mut self, n: u64) -> u64 {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) - 1.0) as u64 % n
    }
}

fn node(kind: NodeKind, name: &str, ev: &Evidence) -> Node {
    let mut node = Node::new(kind, name);
    node.keys.insert(model::fold(name));
    node.evidence.push(ev.clone());
    node
}

fn edge(src: &str, kind: EdgeKind, dst: &str, ev: &Evidence) -> Edge {
    let mut edge = Edge::new(src, kind, dst);
    edge.evidence.push(ev.clone());
    edge
}

fn article(n: u64, rng: &mut Rng) -> Extraction {
    let id = format!("{:016x}", n.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let art = Article {
        id: id.clone(),
        source: format!("news/{n}.txt"),
        title: Some(format!("Talks number {n}")),
        date: Some("2024-05-01".into()),
        bytes: 2400,
    };
    let sentence = |i: u64| {
        Evidence {
        article: id.clone(),
        sentence: format!(
            "In sentence {i} of article {n}, the ministers met in the capital to discuss trade, security and the border."
        ),
        start: (i * 120) as usize,
        end: (i * 120 + 110) as usize,
    }
    };
    let mut own = Node::new(NodeKind::Article, &id);
    own.id = art.node_id();
    own.name = art.source.clone();
    let mut nodes = vec![own.clone()];
    let mut edges = Vec::new();
    let persons: Vec<Node> = (0..3)
        .map(|i| {
            node(
                NodeKind::Person,
                &format!("Person {}", rng.zipf(20_000)),
                &sentence(i),
            )
        })
        .collect();
    let countries: Vec<Node> = (0..4)
        .map(|i| {
            node(
                NodeKind::Country,
                &format!("Country {}", rng.zipf(195)),
                &sentence(i),
            )
        })
        .collect();
    let meeting = node(NodeKind::Meeting, &format!("Meeting {n}"), &sentence(1));
    let topics: Vec<Node> = (0..5)
        .map(|i| {
            node(
                NodeKind::Topic,
                &format!("Topic {}", rng.zipf(2_000)),
                &sentence(i),
            )
        })
        .collect();
    for (i, p) in persons.iter().enumerate() {
        edges.push(edge(
            &p.id,
            EdgeKind::Represents,
            &countries[i].id,
            &sentence(i as u64),
        ));
        edges.push(edge(&p.id, EdgeKind::Attended, &meeting.id, &sentence(1)));
    }
    for t in &topics {
        edges.push(edge(&meeting.id, EdgeKind::Discussed, &t.id, &sentence(2)));
    }
    nodes.extend(persons);
    nodes.extend(countries);
    nodes.push(meeting);
    nodes.extend(topics);
    for n in &nodes[1..] {
        edges.push(edge(&own.id, EdgeKind::Mentions, &n.id, &n.evidence[0]));
    }
    Extraction {
        article: Some(art),
        nodes,
        edges,
    }
}

fn du(path: &std::path::Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            let meta = entry
                .metadata()
                .map(|m| (m.is_dir(), m.len()))
                .unwrap_or((false, 0));
            total += if meta.0 { du(&entry.path()) } else { meta.1 };
        }
    }
    total
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: u64 = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(10_000);
    let path = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/summit-load.db".into()));
    let group: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1);
    // With 0 articles, only reopen an existing store and time the reads.
    if n > 0 {
        let _ = std::fs::remove_dir_all(&path);
    }
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let extractions: Vec<Extraction> = (0..n).map(|i| article(i, &mut rng)).collect();
    let items: usize = extractions
        .iter()
        .map(|e| e.nodes.len() + e.edges.len())
        .sum();
    let store = Store::open(&path)?;
    let start = Instant::now();
    if group <= 1 {
        for e in &extractions {
            store.commit(e)?;
        }
    } else {
        for chunk in extractions.chunks(group) {
            store.commit_all(chunk)?;
        }
    }
    store.flush()?;
    let load = start.elapsed();
    let stats = store.stats()?;
    let edges: u64 = stats.edges.values().sum();
    let nodes: u64 = stats.nodes.values().sum();
    let start = Instant::now();
    let store = store.reopen()?;
    println!(
        "reopen at the end of the load {:.3} s",
        start.elapsed().as_secs_f64()
    );
    drop(store);
    let bytes = du(&path);
    let start = Instant::now();
    let store = Store::open(&path)?;
    let reopen = start.elapsed();
    let start = Instant::now();
    let hub = store.node("country/country-0")?;
    let hub_time = start.elapsed();
    let start = Instant::now();
    let again = store.node("country/country-0")?;
    let again_time = start.elapsed();
    let start = Instant::now();
    let brief = store.node_brief("country/country-0")?;
    let brief_time = start.elapsed();
    let start = Instant::now();
    let stats = store.stats()?;
    let stats_time = start.elapsed();
    let start = Instant::now();
    let graph = store.graph()?;
    println!(
        "graph() {} nodes, {} edges in {:.2} s",
        graph.nodes.len(),
        graph.edges.len(),
        start.elapsed().as_secs_f64()
    );
    drop(graph);
    if n == 0 {
        if let Some(article) = store.article_by_source("news/500.txt")? {
            let start = Instant::now();
            store.forget(&article.id)?;
            println!(
                "forget one article in {:.1} ms",
                start.elapsed().as_secs_f64() * 1e3
            );
        }
        let start = Instant::now();
        store.verify()?;
        println!("verify() in {:.2} s", start.elapsed().as_secs_f64());
    }
    println!(
        "hub again (warm) {} evidence in {:.1} ms; node_brief {} in {:.3} ms; stats in {:.0} ms ({} nodes)",
        again.map(|h| h.evidence.len()).unwrap_or(0),
        again_time.as_secs_f64() * 1e3,
        brief.map(|h| h.keys.len()).unwrap_or(0),
        brief_time.as_secs_f64() * 1e3,
        stats_time.as_secs_f64() * 1e3,
        stats.nodes.values().sum::<u64>()
    );
    let start = Instant::now();
    let out = store.out_edges("person/person-0", None)?;
    let out_time = start.elapsed();
    println!("{n} articles committed {group} at a time, {items} items ({nodes} nodes, {edges} edges in the graph)");
    println!(
        "load + flush {:.2} s = {:.0} items/s = {:.0} articles/s",
        load.as_secs_f64(),
        items as f64 / load.as_secs_f64(),
        n as f64 / load.as_secs_f64()
    );
    println!(
        "on disk {:.1} MB = {:.0} B per graph edge",
        bytes as f64 / 1e6,
        bytes as f64 / edges as f64
    );
    println!("reopen {:.3} s", reopen.as_secs_f64());
    println!(
        "hub node country-0: {} evidence in {:.1} ms; person-0 out edges: {} in {:.2} ms",
        hub.map(|h| h.evidence.len()).unwrap_or(0),
        hub_time.as_secs_f64() * 1e3,
        out.len(),
        out_time.as_secs_f64() * 1e3
    );
    Ok(())
}
