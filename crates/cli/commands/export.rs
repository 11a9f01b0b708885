//! `export` and `import json`.

use std::{
    collections::HashMap,
    io::{self, IsTerminal, Read, Write},
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use anyhow::{anyhow, bail, Context, Result};
use model::{Article, Edge, EdgeKey, EdgeKind, Graph, Node};
use query::export;
use store::{Store, StoreError};

use super::{close, find_in, open_existing, open_or_create, outline, print, Outcome};
use crate::cli::{ExportArgs, ExportFormat};

/// `summit export FORMAT`
pub(super) fn run(store_path: &Path, args: &ExportArgs) -> Result<Outcome> {
    if args.format != ExportFormat::Neo4j && args.dir.is_some() {
        bail!("only `export neo4j` takes a directory; write other formats with -o FILE");
    }
    let store = open_existing(store_path)?;
    let streams = matches!(
        args.format,
        ExportFormat::Json
            | ExportFormat::Jsonl
            | ExportFormat::Ntriples
            | ExportFormat::Graphml
            | ExportFormat::Gexf
            | ExportFormat::Neo4j
    );
    if streams && !filtered(args) {
        if let Some(order) = whole_graph_order(&store)? {
            if args.format == ExportFormat::Neo4j {
                return stream_neo4j(&store, &order, args);
            }
            return stream(&store, &order, args.format, args.output.as_deref());
        }
    }
    let (graph, articles) = select(&store, args)?;
    drop(store);
    let bytes: Vec<u8> = match args.format {
        ExportFormat::Dot => export::dot(&graph).into_bytes(),
        ExportFormat::Json => export::json(&graph, &articles).into_bytes(),
        ExportFormat::Jsonl => export::jsonl(&graph).into_bytes(),
        ExportFormat::Graphml => export::graphml(&graph).into_bytes(),
        ExportFormat::Gexf => export::gexf(&graph).into_bytes(),
        ExportFormat::Ntriples => export::ntriples(&graph).into_bytes(),
        ExportFormat::Svg => render(&export::dot(&graph), "svg")?,
        ExportFormat::Png => {
            if args.output.is_none() && io::stdout().is_terminal() {
                bail!("a PNG image would garble the terminal: write it with -o FILE");
            }
            render(&export::dot(&graph), "png")?
        }
        ExportFormat::Neo4j => {
            let dir = neo4j_dir(args)?;
            export::neo4j(&graph, dir)
                .with_context(|| format!("writing Neo4j files into {}", dir.display()))?;
            eprintln!(
                "wrote {} nodes and {} edges into {}",
                graph.nodes.len(),
                graph.edges.len(),
                dir.display()
            );
            return Ok(Outcome::Success);
        }
    };
    write_output(args.output.as_deref(), &bytes)?;
    Ok(Outcome::Success)
}

/// The part of the graph the filters ask for, and the articles whose nodes are in it.
/// The part is chosen on the graph's outline; only its nodes and edges are read with
/// their evidence.
fn select(store: &Store, args: &ExportArgs) -> Result<(Graph, Vec<Article>)> {
    if !filtered(args) {
        return Ok((store.graph()?, store.articles()?));
    }
    let outline = outline(store)?;
    let focus = args
        .focus
        .as_deref()
        .map(|name| find_in(&outline, name, None).map(|n| n.id.clone()))
        .transpose()?;
    let filter = query::SubgraphFilter {
        focus,
        depth: args.depth,
        kinds: (!args.kind.is_empty()).then(|| args.kind.clone()),
        since: args.since.clone(),
        until: args.until.clone(),
    };
    let ids = outline.select(&filter);
    let mut part = Graph::new();
    for node in store.nodes(&ids)? {
        part.nodes.insert(node.id.clone(), node);
    }
    for edge in store.edges(&outline.edges_among(&ids))? {
        part.edges.insert(edge.key(), edge);
    }
    let articles = store
        .articles()?
        .into_iter()
        .filter(|a| part.nodes.contains_key(&a.node_id()))
        .collect();
    Ok((part, articles))
}

/// Whether the export asks for part of the graph only.
fn filtered(args: &ExportArgs) -> bool {
    args.focus.is_some() || !args.kind.is_empty() || args.since.is_some() || args.until.is_some()
}

/// The directory `export neo4j` writes into, created if missing.
fn neo4j_dir(args: &ExportArgs) -> Result<&Path> {
    let Some(dir) = args.dir.as_ref().or(args.output.as_ref()) else {
        bail!("`export neo4j` writes several files: name a directory, e.g. `summit export neo4j neo4j/`");
    };
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// Every node id in id order, and every edge as indexes into those ids in key order:
/// what a whole-graph export reads, one batch at a time, and the property names and
/// kinds that formats with a header declare. `None` when an edge has an end that is not
/// a node (a graph imported that way): then the whole graph is read.
struct Order {
    ids: Vec<String>,
    edges: Vec<(u32, EdgeKind, u32)>,
    shape: export::Shape,
}

fn whole_graph_order(store: &Store) -> Result<Option<Order>> {
    let skeleton = store.skeleton()?;
    let index: HashMap<u64, u32> = skeleton
        .nodes
        .iter()
        .enumerate()
        .map(|(i, (num, _))| (*num, i as u32))
        .collect();
    let mut shape = export::Shape::default();
    let mut edges = Vec::with_capacity(skeleton.edges.len());
    for edge in &skeleton.edges {
        let (Some(&src), Some(&dst)) = (index.get(&edge.src), index.get(&edge.dst)) else {
            return Ok(None);
        };
        edges.push((src, edge.kind, dst));
        shape.add_edge(edge.kind, &edge.props);
    }
    let ids = skeleton
        .nodes
        .into_iter()
        .map(|(_, node)| {
            shape.add_node(node.kind, &node.props);
            node.id
        })
        .collect();
    Ok(Some(Order { ids, edges, shape }))
}

/// The nodes of `order` with their evidence, read a batch at a time.
fn streamed_nodes<'a>(
    store: &'a Store,
    order: &'a Order,
) -> impl Iterator<Item = Result<Node, StoreError>> + 'a {
    order
        .ids
        .chunks(BATCH)
        .flat_map(|ids| batch(store.nodes(ids)))
}

/// The edges of `order` with their evidence, read a batch at a time.
fn streamed_edges<'a>(
    store: &'a Store,
    order: &'a Order,
) -> impl Iterator<Item = Result<Edge, StoreError>> + 'a {
    order.edges.chunks(BATCH).flat_map(|part| {
        let keys: Vec<EdgeKey> = part
            .iter()
            .map(|&(src, kind, dst)| EdgeKey {
                src: order.ids[src as usize].clone(),
                kind,
                dst: order.ids[dst as usize].clone(),
            })
            .collect();
        batch(store.edges(&keys))
    })
}

/// `export neo4j` of the whole graph, written as it is read (see
/// `query::export::write_neo4j`).
fn stream_neo4j(store: &Store, order: &Order, args: &ExportArgs) -> Result<Outcome> {
    let dir = neo4j_dir(args)?;
    let nodes = streamed_nodes(store, order);
    let edges = streamed_edges(store, order);
    match export::write_neo4j(dir, &order.shape, nodes, edges) {
        Ok(_) => {}
        Err(export::WriteError::Read(err)) => return Err(err).context("reading the graph"),
        Err(export::WriteError::Write(err)) => {
            return Err(err).with_context(|| format!("writing Neo4j files into {}", dir.display()))
        }
    }
    eprintln!(
        "wrote {} nodes and {} edges into {}",
        order.ids.len(),
        order.edges.len(),
        dir.display()
    );
    Ok(Outcome::Success)
}

/// Nodes and edges read with their evidence per batch.
const BATCH: usize = 4096;

/// `export json`, `jsonl`, `ntriples`, `graphml` or `gexf` of the whole graph, written
/// as it is read (see `query::export::write_json`): the same bytes as
/// `export::json(&store.graph()?, ..)` and the others, without the whole graph and its
/// evidence in memory (5.1 GB for a 100k-article store).
fn stream(
    store: &Store,
    order: &Order,
    format: ExportFormat,
    output: Option<&Path>,
) -> Result<Outcome> {
    let mut articles = Vec::new();
    if format == ExportFormat::Json {
        articles = store.articles()?;
        articles.sort_by(|a, b| a.id.cmp(&b.id));
    }
    let nodes = streamed_nodes(store, order);
    let edges = streamed_edges(store, order);
    let write = |out: &mut dyn Write| match format {
        ExportFormat::Json => export::write_json(out, nodes, edges, &articles),
        ExportFormat::Ntriples => export::write_ntriples(out, nodes, edges),
        ExportFormat::Graphml => export::write_graphml(out, &order.shape, nodes, edges),
        ExportFormat::Gexf => export::write_gexf(out, &order.shape, nodes, edges),
        _ => export::write_jsonl(out, nodes, edges),
    };
    let written = match output {
        Some(path) if path.as_os_str() != "-" => {
            // Written beside the target and renamed, so a failure leaves no half file.
            let mut tmp = path.as_os_str().to_owned();
            tmp.push(".partial");
            let tmp = PathBuf::from(tmp);
            let mut file = std::fs::File::create(&tmp)
                .with_context(|| format!("writing {}", tmp.display()))?;
            let written = write(&mut file);
            if written.is_ok() {
                std::fs::rename(&tmp, path)
                    .with_context(|| format!("writing {}", path.display()))?;
            } else {
                let _ = std::fs::remove_file(&tmp);
            }
            written
        }
        _ => write(&mut io::stdout().lock()),
    };
    match written {
        Ok(()) => Ok(Outcome::Success),
        Err(export::WriteError::Read(err)) => Err(err).context("reading the graph"),
        Err(export::WriteError::Write(err)) => Err(err.into()),
    }
}

/// One batch of a store read as items: each of them, or the error alone.
fn batch<T>(read: Result<Vec<T>, StoreError>) -> Vec<Result<T, StoreError>> {
    match read {
        Ok(items) => items.into_iter().map(Ok).collect(),
        Err(err) => vec![Err(err)],
    }
}

/// Runs Graphviz's `dot` to turn DOT text into an image.
fn render(dot: &str, format: &str) -> Result<Vec<u8>> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| match err.kind() {
            io::ErrorKind::NotFound => anyhow!(
                "`export {format}` needs Graphviz's `dot` program, which is not installed: \
                 install the package `graphviz` (e.g. `apt-get install graphviz`), \
                 or export `dot` and render it elsewhere"
            ),
            _ => anyhow!(err).context("running `dot`"),
        })?;
    // Feed `dot` from another thread so a large output cannot block on a full pipe.
    let mut stdin = child.stdin.take().context("opening `dot`'s input")?;
    let output = std::thread::scope(|scope| {
        let writer = scope.spawn(move || stdin.write_all(dot.as_bytes()));
        let output = child.wait_with_output();
        let written = writer
            .join()
            .map_err(|_| anyhow!("writing to `dot` failed"))?;
        let output = output.context("running `dot`")?;
        if output.status.success() {
            written.context("writing to `dot`")?;
        }
        Ok::<_, anyhow::Error>(output)
    })?;
    if !output.status.success() {
        bail!(
            "`dot -T{format}` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match path {
        Some(path) if path.as_os_str() != "-" => {
            std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
        }
        _ => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(bytes)?;
            stdout.flush()?;
            Ok(())
        }
    }
}

/// `summit import json FILE`
pub(super) fn import_json(store_path: &Path, file: &PathBuf) -> Result<Outcome> {
    let mut text = String::new();
    if file.as_os_str() == "-" {
        io::stdin()
            .lock()
            .read_to_string(&mut text)
            .context("reading standard input")?;
    } else {
        text =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    }
    let (graph, articles) = export::parse_json(&text).with_context(|| {
        format!(
            "{} is not a graph written by `summit export json`",
            file.display()
        )
    })?;
    let store = open_or_create(store_path)?;
    store
        .import(&graph, &articles)
        .context("writing the graph into the store")?;
    close(store, articles.len() as u64)?;
    print(&format!(
        "imported {} articles, {} nodes and {} edges from {}\n",
        articles.len(),
        graph.nodes.len(),
        graph.edges.len(),
        file.display()
    ))?;
    Ok(Outcome::Success)
}
