//! End-to-end numbers for BENCHMARKS.md: extraction throughput, ingest into a store
//! with timing splits, and query latencies through the library APIs, each with the
//! process's peak memory.
//!
//! ```text
//! bench extract CORPUS_DIR [--limit N]        one core, then all cores (rayon)
//! bench ingest  CORPUS_DIR STORE_DIR [--no-resolve]   extract, resolve, commit, flush
//! bench query   STORE_DIR [--samples N]       open, load, show/neighbors/path/meetings, DOT
//! ```
//!
//! Make a corpus with `gen-corpus --seed 1 --count 10000 --out /tmp/corpus-10k`.
#![expect(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]

use std::{
    collections::{HashMap, HashSet, VecDeque},
    path::{Path, PathBuf},
    process::ExitCode,
    rc::Rc,
    time::{Duration, Instant},
};

use model::{EdgeKind, Graph, NodeKind};
use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;
use store::Store;

type Failure = Box<dyn std::error::Error>;

/// The allocator `summit` uses, so that the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("extract") if args.len() >= 2 => extract(Path::new(&args[1]), flag(&args, "--limit")),
        Some("ingest") if args.len() >= 3 => ingest(
            Path::new(&args[1]),
            Path::new(&args[2]),
            args.iter().any(|a| a == "--no-resolve"),
            flag(&args, "--group").unwrap_or(1),
        ),
        Some("query") if args.len() >= 2 => {
            query(Path::new(&args[1]), flag(&args, "--samples").unwrap_or(50))
        }
        _ => {
            eprintln!("usage: bench extract CORPUS [--limit N] | ingest CORPUS STORE [--no-resolve [--group N]] | query STORE [--samples N]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => {
            println!("peak memory (VmHWM): {} MB", peak_mb());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn flag(args: &[String], name: &str) -> Option<usize> {
    let at = args.iter().position(|a| a == name)?;
    args.get(at + 1)?.replace('_', "").parse().ok()
}

/// The process's peak resident set, from /proc/self/status.
fn peak_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

/// CPU time this process has used so far (user + system), from /proc/self/stat: on a
/// shared machine, throughput per CPU-second is what one core would give.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): state is field 3,
    // utime field 14, stime field 15, in clock ticks of 1/100 s.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// CPU time of the calling thread, in nanoseconds' precision, from
/// /proc/thread-self/schedstat (its first field is time spent on a CPU).
fn thread_cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn corpus_files(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// `bench extract`: the extractor alone, on texts already in memory.
fn extract(dir: &Path, limit: Option<usize>) -> Result<(), Failure> {
    let mut files = corpus_files(dir)?;
    files.truncate(limit.unwrap_or(usize::MAX));
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| Ok((p.display().to_string(), std::fs::read_to_string(p)?)))
        .collect::<Result<_, std::io::Error>>()?;
    let n_bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let mb = n_bytes as f64 / 1e6;
    let extractor = ingest::Extractor::new();
    // Warm up: the gazetteers are built on first use.
    let _ = extractor.extract(&texts[0].1, &texts[0].0);

    let cpu_before = thread_cpu_secs();
    let started = Instant::now();
    let mut n_items = 0usize;
    for (source, text) in &texts {
        let x = extractor.extract(text, source);
        n_items += x.extraction.nodes.len() + x.extraction.edges.len();
    }
    let one = secs(started.elapsed());
    let one_cpu = thread_cpu_secs() - cpu_before;
    let cpu_before = cpu_secs();

    let started = Instant::now();
    let n_items_par: usize = texts
        .par_iter()
        .map(|(source, text)| {
            let x = extractor.extract(text, source);
            x.extraction.nodes.len() + x.extraction.edges.len()
        })
        .sum();
    let all = secs(started.elapsed());
    let all_cpu = cpu_secs() - cpu_before;
    if n_items != n_items_par {
        eprintln!("warning: {n_items} items on one core, {n_items_par} on all");
    }

    let n = texts.len() as f64;
    println!(
        "articles: {}  bytes: {n_bytes}  ({:.0} per article)",
        texts.len(),
        n_bytes as f64 / n
    );
    println!(
        "nodes+edges extracted: {n_items} ({:.1} per article)",
        n_items as f64 / n
    );
    println!(
        "one core:  {one:.2} s  {:.2} MB/s  {:.0} articles/s  {:.0} us/article",
        mb / one,
        n / one,
        one / n * 1e6
    );
    println!(
        "  per CPU-second on one core: {one_cpu:.2} CPU-s  {:.2} MB/s  {:.0} articles/s",
        mb / one_cpu,
        n / one_cpu
    );
    println!(
        "all cores ({} threads):  {all:.2} s  {:.2} MB/s  {:.0} articles/s  ({all_cpu:.2} CPU-s)",
        rayon::current_num_threads(),
        mb / all,
        n / all
    );
    println!(
        "load average: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    Ok(())
}

/// `bench ingest`: what `summit ingest` does, through the library, in chunks of
/// 1,000 articles: extract in parallel, then resolve and commit one by one in order.
///
/// With `no_resolve`, extractions are committed as extracted (nodes merge only when
/// their ids are equal): a quick way to a store of archive size for the store and
/// query numbers, when resolution is the bottleneck.
fn ingest(dir: &Path, store_dir: &Path, no_resolve: bool, group: usize) -> Result<(), Failure> {
    let files = corpus_files(dir)?;
    let started_all = Instant::now();
    let started = Instant::now();
    let store = Store::open(store_dir)?;
    let open = started.elapsed();
    let extractor = ingest::Extractor::new();
    let (mut t_extract, mut t_resolve, mut t_commit) =
        (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let (mut n_items, mut n_bytes) = (0usize, 0usize);
    let (mut c_resolve, mut c_commit) = (0.0f64, 0.0f64);
    for chunk in files.chunks(1_000) {
        let started = Instant::now();
        let extracted: Vec<model::Extraction> = chunk
            .par_iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).unwrap_or_default();
                extractor
                    .extract(&text, &p.display().to_string())
                    .extraction
            })
            .collect();
        t_extract += started.elapsed();
        if no_resolve && group > 1 {
            for part in extracted.chunks(group) {
                n_bytes += part
                    .iter()
                    .filter_map(|e| e.article.as_ref())
                    .map(|a| a.bytes)
                    .sum::<usize>();
                n_items += part
                    .iter()
                    .map(|e| e.nodes.len() + e.edges.len())
                    .sum::<usize>();
                let started = Instant::now();
                let cpu_before = thread_cpu_secs();
                store.commit_all(part)?;
                t_commit += started.elapsed();
                c_commit += thread_cpu_secs() - cpu_before;
            }
            continue;
        }
        for extraction in extracted {
            n_bytes += extraction.article.as_ref().map_or(0, |a| a.bytes);
            let started = Instant::now();
            let cpu_before = thread_cpu_secs();
            let resolved = if no_resolve {
                extraction
            } else {
                ingest::resolve(extraction, &Known(&store))?
            };
            t_resolve += started.elapsed();
            let cpu_between = thread_cpu_secs();
            c_resolve += cpu_between - cpu_before;
            n_items += resolved.nodes.len() + resolved.edges.len();
            let started = Instant::now();
            store.commit(&resolved)?;
            t_commit += started.elapsed();
            c_commit += thread_cpu_secs() - cpu_between;
        }
    }
    let started = Instant::now();
    store.flush()?;
    let t_flush = started.elapsed();
    let total = started_all.elapsed();
    let cpu = cpu_secs();
    let stats = store.stats()?;
    let n_nodes: u64 = stats.nodes.values().sum();
    let n_edges: u64 = stats.edges.values().sum();
    drop(store);
    let disk = store::bytes_on_disk(store_dir);
    let n = files.len() as f64;
    println!(
        "articles: {} ({:.1} MB)  open: {:.3} s",
        files.len(),
        n_bytes as f64 / 1e6,
        secs(open)
    );
    println!(
        "total: {:.1} s  {:.0} articles/s  ({cpu:.1} CPU-s in all threads, {:.0} articles per CPU-s)",
        secs(total),
        n / secs(total),
        n / cpu
    );
    println!(
        "  on the writer thread, CPU time: resolve {:.1} s ({:.0} us/article)  commit {:.1} s ({:.0} us/article)",
        c_resolve,
        c_resolve / n * 1e6,
        c_commit,
        c_commit / n * 1e6
    );
    println!(
        "load average: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    println!(
        "  extract (wall, {} threads): {:.1} s   resolve: {:.1} s ({:.0} us/article)   commit: {:.1} s ({:.0} us/article)   flush: {:.2} s",
        rayon::current_num_threads(),
        secs(t_extract),
        secs(t_resolve),
        secs(t_resolve) / n * 1e6,
        secs(t_commit),
        secs(t_commit) / n * 1e6,
        secs(t_flush)
    );
    println!(
        "items committed (nodes+edges of resolved extractions): {n_items}  {:.0} items/s of commit time, {:.0} items/s of total",
        n_items as f64 / secs(t_commit),
        n_items as f64 / secs(total)
    );
    println!("graph: {n_nodes} nodes, {n_edges} edges  {:?}", stats.nodes);
    println!(
        "on disk: {:.1} MB  {:.0} B/article  {:.0} B/edge  {:.0} B/(node+edge)",
        disk as f64 / 1e6,
        disk as f64 / n,
        disk as f64 / n_edges as f64,
        disk as f64 / (n_nodes + n_edges) as f64
    );
    Ok(())
}

/// The store as `ingest::resolve` sees it, through the brief lookups without evidence,
/// as `crates/cli/known.rs` does for `summit ingest`, but without its memo.
struct Known<'a>(&'a Store);

impl ingest::Known for Known<'_> {
    type Error = store::StoreError;

    fn nodes_with_key(&self, key: &str) -> Result<Vec<model::Node>, store::StoreError> {
        self.0.nodes_with_key_brief(key)
    }

    fn node(&self, id: &str) -> Result<Option<Rc<model::Node>>, store::StoreError> {
        Ok(self.0.node_brief(id)?.map(Rc::new))
    }

    fn out_neighbors(
        &self,
        id: &str,
        kind: EdgeKind,
    ) -> Result<ingest::Neighbors, store::StoreError> {
        let edges = self.0.out_edges_brief(id, Some(kind))?;
        Ok(ingest::neighbors(edges.iter().map(|e| e.dst.as_str())))
    }

    fn in_neighbors(
        &self,
        id: &str,
        kind: EdgeKind,
    ) -> Result<ingest::Neighbors, store::StoreError> {
        let edges = self.0.in_edges_brief(id, Some(kind))?;
        Ok(ingest::neighbors(edges.iter().map(|e| e.src.as_str())))
    }
}

/// Latencies of repeated calls: p50, p99, max, in microseconds.
struct Latency(Vec<Duration>);

impl Latency {
    fn report(mut self, what: &str, note: &str) {
        self.0.sort();
        let at = |q: f64| {
            let idx = ((self.0.len() as f64 - 1.0) * q).round() as usize;
            self.0[idx].as_secs_f64() * 1e6
        };
        println!(
            "  {what:<44} n={:<4} p50 {:>10.1} us  p99 {:>10.1} us  max {:>10.1} us  {note}",
            self.0.len(),
            at(0.5),
            at(0.99),
            at(1.0)
        );
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let started = Instant::now();
    let out = f();
    (started.elapsed(), out)
}

/// An adjacency-list baseline for walks: the graph as a petgraph `UnGraph` of node ids
/// built once, article mentions left out (as `query` walks skip them by default).
struct Baseline {
    graph: UnGraph<String, ()>,
    /// The same nodes with every edge, mentions too: where `path` looks when no path
    /// avoids them, as `Outline::path` does.
    full: UnGraph<(), ()>,
    by_id: HashMap<String, NodeIndex>,
}

impl Baseline {
    fn new(skeleton: &store::Skeleton) -> Baseline {
        let mut pg = UnGraph::with_capacity(skeleton.nodes.len(), skeleton.edges.len());
        let mut full = UnGraph::with_capacity(skeleton.nodes.len(), skeleton.edges.len());
        let mut by_num: HashMap<u64, NodeIndex> = HashMap::new();
        let mut by_id: HashMap<String, NodeIndex> = HashMap::new();
        for (num, node) in &skeleton.nodes {
            let idx = pg.add_node(node.id.clone());
            full.add_node(());
            by_num.insert(*num, idx);
            by_id.insert(node.id.clone(), idx);
        }
        for edge in &skeleton.edges {
            if let (Some(&a), Some(&b)) = (by_num.get(&edge.src), by_num.get(&edge.dst)) {
                full.add_edge(a, b, ());
                if edge.kind != EdgeKind::Mentions {
                    pg.add_edge(a, b, ());
                }
            }
        }
        Baseline {
            graph: pg,
            full,
            by_id,
        }
    }

    fn degree(&self, id: &str) -> usize {
        self.by_id
            .get(id)
            .map_or(0, |&n| self.graph.edges(n).count())
    }

    /// The ids of the nodes within `depth` edges (the same answer `Outline::neighbors`
    /// gives, as borrowed ids), counted.
    fn neighbors(&self, id: &str, depth: usize) -> usize {
        let Some(&start) = self.by_id.get(id) else {
            return 0;
        };
        let mut seen: HashSet<NodeIndex> = HashSet::from([start]);
        let mut found: Vec<&str> = Vec::new();
        let mut frontier = vec![start];
        for _ in 0..depth {
            let mut next = Vec::new();
            for &n in &frontier {
                for other in self.graph.neighbors(n) {
                    if seen.insert(other) {
                        next.push(other);
                        found.push(&self.graph[other]);
                    }
                }
            }
            frontier = next;
        }
        found.len()
    }

    /// The length of a shortest path, avoiding mentions when possible.
    fn path_len(&self, from: &str, to: &str) -> Option<usize> {
        let (&start, &goal) = (self.by_id.get(from)?, self.by_id.get(to)?);
        bfs_len(&self.graph, start, goal).or_else(|| bfs_len(&self.full, start, goal))
    }
}

fn bfs_len<N>(graph: &UnGraph<N, ()>, start: NodeIndex, goal: NodeIndex) -> Option<usize> {
    let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(start, 0)]);
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        if n == goal {
            return dist.get(&n).copied();
        }
        let d = dist[&n];
        for other in graph.neighbors(n) {
            if let std::collections::hash_map::Entry::Vacant(slot) = dist.entry(other) {
                slot.insert(d + 1);
                queue.push_back(other);
            }
        }
    }
    None
}

/// `bench query`: open the store and read its skeleton as every query command does (a
/// scan, then the cached file), then time the questions through `query::Outline` and
/// `store`, and the same walks on a petgraph `UnGraph` built once.
fn query(store_dir: &Path, samples: usize) -> Result<(), Failure> {
    let disk = store::bytes_on_disk(store_dir);
    let (t_open, store) = time(|| Store::open(store_dir));
    let store = store?;
    let (t_stats, stats) = time(|| store.stats());
    let stats = stats?;
    // The first skeleton() after a write scans the store and writes the cache.
    let _ = std::fs::remove_file(store_dir.join("skeleton.bin"));
    let (t_scan, skeleton) = time(|| store.skeleton());
    drop(skeleton?);
    let (t_cached, skeleton) = time(|| store.skeleton());
    let skeleton = skeleton?;
    let n_edges: u64 = stats.edges.values().sum();
    println!(
        "store: {:.1} MB on disk, {} articles, {} nodes, {} edges ({:.0} B/edge); skeleton cache {:.1} MB",
        disk as f64 / 1e6,
        stats.articles,
        skeleton.nodes.len(),
        skeleton.edges.len(),
        disk as f64 / n_edges.max(1) as f64,
        std::fs::metadata(store_dir.join("skeleton.bin")).map_or(0, |m| m.len()) as f64 / 1e6,
    );
    let (t_base, baseline) = time(|| Baseline::new(&skeleton));
    let (t_outline, outline) = time(|| {
        query::Outline::from_numbered(
            skeleton.nodes,
            skeleton
                .edges
                .into_iter()
                .map(|e| (e.src, e.kind, e.dst, e.props)),
        )
    });
    println!(
        "open: {:.1} ms  stats: {:.1} ms  skeleton(): scan {:.0} ms, cached {:.0} ms  Outline: {:.0} ms  (petgraph baseline: {:.0} ms)",
        secs(t_open) * 1e3,
        secs(t_stats) * 1e3,
        secs(t_scan) * 1e3,
        secs(t_cached) * 1e3,
        secs(t_outline) * 1e3,
        secs(t_base) * 1e3,
    );
    println!("peak memory after loading: {} MB", peak_mb());

    // Samples: the best-connected persons and countries (hubs) and persons drawn
    // evenly from the id order (typical nodes).
    let degree = |id: &str| baseline.degree(id);
    let of_kind = |kind: NodeKind| -> Vec<&str> {
        outline
            .nodes()
            .filter(|n| n.kind == kind)
            .map(|n| n.id.as_str())
            .collect()
    };
    let persons = of_kind(NodeKind::Person);
    let countries = of_kind(NodeKind::Country);
    let mut hubs = persons.clone();
    hubs.sort_by_key(|id| std::cmp::Reverse(degree(id)));
    hubs.truncate(samples / 5);
    let step = (persons.len() / samples.max(1)).max(1);
    let typical: Vec<&str> = persons
        .iter()
        .step_by(step)
        .take(samples)
        .copied()
        .collect();
    let mut sample: Vec<&str> = hubs.iter().chain(&typical).copied().collect();
    sample.dedup();
    let mut top_countries = countries.clone();
    top_countries.sort_by_key(|id| std::cmp::Reverse(degree(id)));
    let country_sample: Vec<&str> = top_countries
        .iter()
        .take(10)
        .chain(countries.iter().step_by(10))
        .copied()
        .collect();
    println!(
        "samples: {} persons ({} hubs, top: {} with degree {}), {} countries (top: {:?})",
        sample.len(),
        hubs.len(),
        hubs.first().copied().unwrap_or("-"),
        hubs.first().map_or(0, |h| degree(h)),
        country_sample.len(),
        top_countries.iter().take(3).collect::<Vec<_>>()
    );

    println!("latency through the library (outline loaded once):");
    let mut lat = Vec::new();
    for id in sample.iter().chain(&country_sample) {
        let name = outline.node(id).map_or("", |n| n.name.as_str());
        let (d, _) = time(|| match outline.resolve_name(name, None) {
            query::Resolved::One(n) => n.id.len(),
            _ => 0,
        });
        lat.push(d);
    }
    Latency(lat).report("resolve_name (a name as typed)", "");
    let mut lat = Vec::new();
    for id in &sample {
        let (d, _) = time(|| store.node(id).map(|n| n.map(|n| n.evidence.len())));
        let (d2, _) = time(|| {
            let out = store.out_edges(id, None).map(|v| v.len()).unwrap_or(0);
            let inn = store.in_edges(id, None).map(|v| v.len()).unwrap_or(0);
            out + inn
        });
        lat.push(d + d2);
    }
    Latency(lat).report("show: store node + out_edges + in_edges", "with evidence");

    for (depth, who) in [
        (1, "persons"),
        (2, "persons"),
        (1, "countries"),
        (2, "countries"),
    ] {
        let ids = if who == "persons" {
            &sample
        } else {
            &country_sample
        };
        let mut lat = Vec::new();
        let mut base = Vec::new();
        // (result size, outline time, baseline time)
        let mut by_size: Vec<(usize, Duration, Duration)> = Vec::new();
        for id in ids {
            // Each walk twice, alternating, keeping the second: both run with the
            // node's adjacency already in the CPU caches.
            let _ = (
                outline.neighbors(id, depth, None, None, None),
                baseline.neighbors(id, depth),
            );
            let (d, found) = time(|| outline.neighbors(id, depth, None, None, None));
            lat.push(d);
            let (b, n) = time(|| baseline.neighbors(id, depth));
            base.push(b);
            by_size.push((found.len(), d, b));
            if found.len() != n {
                eprintln!(
                    "warning: {id} depth {depth}: query found {}, the baseline {n}",
                    found.len()
                );
            }
        }
        let mut sizes: Vec<usize> = by_size.iter().map(|s| s.0).collect();
        sizes.sort();
        let note = format!(
            "result size p50 {} max {}",
            sizes[sizes.len() / 2],
            sizes[sizes.len() - 1]
        );
        Latency(lat).report(&format!("Outline::neighbors depth {depth}, {who}"), &note);
        Latency(base).report(&format!("petgraph BFS depth {depth}, {who}"), "");
        for (low, high) in [
            (0, 100),
            (100, 1_000),
            (1_000, 10_000),
            (10_000, usize::MAX),
        ] {
            let bucket: Vec<&(usize, Duration, Duration)> = by_size
                .iter()
                .filter(|s| s.0 >= low && s.0 < high)
                .collect();
            if bucket.is_empty() {
                continue;
            }
            let total = |f: fn(&(usize, Duration, Duration)) -> Duration| {
                bucket.iter().map(|s| f(s)).sum::<Duration>().as_secs_f64() * 1e6
                    / bucket.len() as f64
            };
            println!(
                "    results {low}..{}: n={} mean {:.1} us (petgraph {:.1} us, ratio {:.2})",
                if high == usize::MAX {
                    "".to_owned()
                } else {
                    high.to_string()
                },
                bucket.len(),
                total(|s| s.1),
                total(|s| s.2),
                total(|s| s.1) / total(|s| s.2).max(1e-9)
            );
        }
    }
    let mut lat = Vec::new();
    for id in &country_sample {
        let (d, _) = time(|| outline.neighbors(id, 2, None, None, Some(100)));
        lat.push(d);
    }
    Latency(lat).report("Outline::neighbors depth 2, countries, limit 100", "");

    let mut lat = Vec::new();
    let mut base = Vec::new();
    for pair in sample.windows(2) {
        let (d, found) = time(|| outline.path(pair[0], pair[1]));
        lat.push(d);
        let (d, n) = time(|| baseline.path_len(pair[0], pair[1]));
        base.push(d);
        if let (Some(found), Some(n)) = (&found, n) {
            if found.len() != n {
                eprintln!(
                    "warning: {pair:?}: query path {} edges, the baseline {n}",
                    found.len()
                );
            }
        }
    }
    Latency(lat).report("Outline::path (person to person)", "");
    Latency(base).report("petgraph BFS path (mentions only if needed)", "");

    let mut lat = Vec::new();
    let mut sizes = Vec::new();
    for id in &country_sample {
        let filter = query::MeetingFilter {
            country: Some(id.to_string()),
            ..Default::default()
        };
        let (d, rows) = time(|| outline.meetings(&filter));
        lat.push(d);
        sizes.push(rows.len());
    }
    sizes.sort();
    Latency(lat).report(
        "Outline::meetings --country",
        &format!(
            "rows p50 {} max {}",
            sizes[sizes.len() / 2],
            sizes[sizes.len() - 1]
        ),
    );

    // DOT export of a focus graph of about 1,000 nodes, as `summit export dot --focus`:
    // select on the outline, read the part's nodes and edges with evidence, print.
    let mut best: Option<(&str, usize, usize)> = None;
    for id in sample.iter().chain(&country_sample) {
        for depth in [1, 2] {
            let n = baseline.neighbors(id, depth) + 1;
            let better = best.is_none_or(|(_, _, b)| n.abs_diff(1_000) < b.abs_diff(1_000));
            if better {
                best = Some((id, depth, n));
            }
        }
    }
    if let Some((focus, depth, _)) = best {
        let filter = query::SubgraphFilter {
            focus: Some(focus.to_owned()),
            depth,
            ..Default::default()
        };
        let (t_select, ids) = time(|| outline.select(&filter));
        let (t_read, part) = time(|| -> Result<Graph, Failure> {
            let mut part = Graph::new();
            for id in &ids {
                if let Some(node) = store.node(id)? {
                    part.nodes.insert(id.clone(), node);
                }
            }
            for key in outline.edges_among(&ids) {
                if let Some(edge) = store.edge(&key.src, key.kind, &key.dst)? {
                    part.edges.insert(key, edge);
                }
            }
            Ok(part)
        });
        let part = part?;
        let (t_dot, dot) = time(|| query::export::dot(&part));
        println!(
            "  DOT export around {focus} depth {depth}: {} nodes, {} edges; select {:.1} ms + read {:.0} ms + dot {:.0} ms; {:.1} MB of DOT",
            part.nodes.len(),
            part.edges.len(),
            secs(t_select) * 1e3,
            secs(t_read) * 1e3,
            secs(t_dot) * 1e3,
            dot.len() as f64 / 1e6
        );
    }
    println!("peak memory: {} MB", peak_mb());
    let names: Vec<&str> = hubs.iter().take(3).map(|id| outline.name_of(id)).collect();
    println!(
        "hub names for CLI runs: {names:?}; typical: {:?}",
        typical.get(typical.len() / 2).map(|id| outline.name_of(id))
    );
    Ok(())
}
