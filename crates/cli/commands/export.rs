//! `export` and `import json`.

use std::{
    io::{self, IsTerminal, Read, Write},
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use anyhow::{anyhow, bail, Context, Result};
use model::{Article, Graph};
use query::export;
use store::Store;

use super::{close, find_in, open_existing, open_or_create, outline, print, Outcome};
use crate::cli::{ExportArgs, ExportFormat};

/// `summit export FORMAT`
pub(super) fn run(store_path: &Path, args: &ExportArgs) -> Result<Outcome> {
    if args.format != ExportFormat::Neo4j && args.dir.is_some() {
        bail!("only `export neo4j` takes a directory; write other formats with -o FILE");
    }
    let store = open_existing(store_path)?;
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
            let Some(dir) = args.dir.as_ref().or(args.output.as_ref()) else {
                bail!("`export neo4j` writes several files: name a directory, e.g. `summit export neo4j neo4j/`");
            };
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
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
    let filtered = args.focus.is_some()
        || !args.kind.is_empty()
        || args.since.is_some()
        || args.until.is_some();
    if !filtered {
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
