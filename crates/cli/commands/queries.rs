//! The read-only questions: `stats`, `show`, `why`, `neighbors`, `path`, `meetings`.
//! Each prints text, or JSON with `--json`.

use std::{collections::BTreeMap, fmt::Write as _, path::Path};

use anyhow::{bail, Result};
use model::{Edge, EdgeKey, EdgeKind, Evidence, Graph, Node, NodeKind};
use serde_json::{json, Value};

use super::{find, open_existing, plural, print, print_json, Outcome};
use crate::cli::MeetingArgs;

/// The whole graph and where each article came from, read once per command.
struct View {
    graph: Graph,
    /// Article id -> source path.
    sources: BTreeMap<String, String>,
}

impl View {
    fn load(store_path: &Path) -> Result<View> {
        let store = open_existing(store_path)?;
        let graph = store.graph()?;
        let sources = store
            .articles()?
            .into_iter()
            .map(|a| (a.id, a.source))
            .collect();
        Ok(View { graph, sources })
    }

    fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.graph.nodes.get(id).map_or(id, |n| n.name.as_str())
    }

    fn source_of<'a>(&'a self, article: &'a str) -> &'a str {
        self.sources.get(article).map_or(article, String::as_str)
    }

    fn evidence_json(&self, evidence: &[Evidence]) -> Value {
        evidence
            .iter()
            .map(|e| json!({"article": e.article, "source": self.source_of(&e.article), "sentence": e.sentence}))
            .collect()
    }

    fn node_json(&self, node: &Node) -> Value {
        json!({
            "id": node.id,
            "kind": node.kind,
            "name": node.name,
            "aliases": node.aliases,
            "props": node.props,
            "evidence": self.evidence_json(&node.evidence),
        })
    }

    fn edge_json(&self, edge: &Edge) -> Value {
        json!({
            "src": edge.src,
            "src_name": self.name_of(&edge.src),
            "kind": edge.kind,
            "dst": edge.dst,
            "dst_name": self.name_of(&edge.dst),
            "props": edge.props,
            "evidence": self.evidence_json(&edge.evidence),
        })
    }

    /// "Ana Ruiz --attended--> Lima talks", then the sentences behind it.
    fn write_edge(&self, out: &mut String, edge: &Edge) {
        let _ = writeln!(
            out,
            "{} --{}--> {}",
            self.name_of(&edge.src),
            edge.kind,
            self.name_of(&edge.dst)
        );
        write_props(out, "    ", &edge.props);
        self.write_evidence(out, "    ", &edge.evidence);
    }

    fn write_evidence(&self, out: &mut String, indent: &str, evidence: &[Evidence]) {
        for e in evidence {
            let _ = writeln!(
                out,
                "{indent}[{}] {}",
                self.source_of(&e.article),
                e.sentence
            );
        }
    }

    fn edge(&self, key: &EdgeKey) -> Option<&Edge> {
        self.graph.edges.get(key)
    }
}

fn write_props(out: &mut String, indent: &str, props: &BTreeMap<String, String>) {
    for (key, value) in props {
        let _ = writeln!(out, "{indent}{key}: {value}");
    }
}

/// `summit stats`
pub(super) fn stats(store_path: &Path, as_json: bool) -> Result<Outcome> {
    let store = open_existing(store_path)?;
    let stats = store.stats()?;
    let n_nodes: u64 = stats.nodes.values().sum();
    let n_edges: u64 = stats.edges.values().sum();
    if as_json {
        print_json(&json!({
            "articles": stats.articles,
            "nodes": n_nodes,
            "edges": n_edges,
            "nodes_by_kind": stats.nodes.iter().map(|(k, n)| (k.as_str().to_owned(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "edges_by_kind": stats.edges.iter().map(|(k, n)| (k.as_str().to_owned(), json!(n))).collect::<serde_json::Map<_, _>>(),
        }))?;
        return Ok(Outcome::Success);
    }
    let mut out = format!("articles: {}\nnodes: {n_nodes}\n", stats.articles);
    for (kind, n) in &stats.nodes {
        let _ = writeln!(out, "  {kind}: {n}");
    }
    let _ = writeln!(out, "edges: {n_edges}");
    for (kind, n) in &stats.edges {
        let _ = writeln!(out, "  {kind}: {n}");
    }
    print(&out)?;
    Ok(Outcome::Success)
}

/// `summit show NAME`
pub(super) fn show(
    store_path: &Path,
    name: &str,
    kind: Option<NodeKind>,
    as_json: bool,
) -> Result<Outcome> {
    let view = View::load(store_path)?;
    let node = find(&view.graph, name, kind)?;
    // Articles mentioning a node can be many: they are listed, not explained.
    let (mentions, edges): (Vec<&Edge>, Vec<&Edge>) = view
        .graph
        .out_edges(&node.id)
        .chain(view.graph.in_edges(&node.id))
        .partition(|e| e.kind == EdgeKind::Mentions && e.dst == node.id);
    let mentioned_in: Vec<&str> = mentions.iter().map(|e| view.name_of(&e.src)).collect();
    if as_json {
        print_json(&json!({
            "node": view.node_json(node),
            "edges": edges.iter().map(|e| view.edge_json(e)).collect::<Vec<_>>(),
            "mentioned_in": mentions.iter().map(|e| json!({"id": e.src, "name": view.name_of(&e.src)})).collect::<Vec<_>>(),
        }))?;
        return Ok(Outcome::Success);
    }
    let mut out = format!("{}\n  kind: {}\n  id: {}\n", node.name, node.kind, node.id);
    if !node.aliases.is_empty() {
        let aliases: Vec<&str> = node.aliases.iter().map(String::as_str).collect();
        let _ = writeln!(out, "  aliases: {}", aliases.join(", "));
    }
    write_props(&mut out, "  ", &node.props);
    if !node.evidence.is_empty() {
        let _ = writeln!(out, "  read in:");
        view.write_evidence(&mut out, "    ", &node.evidence);
    }
    if !edges.is_empty() {
        let _ = writeln!(out, "\nedges:");
        for edge in &edges {
            out.push_str("  ");
            view.write_edge(&mut out, edge);
        }
    }
    if !mentioned_in.is_empty() {
        let _ = writeln!(
            out,
            "\nmentioned in {} article{}:",
            mentioned_in.len(),
            plural(mentioned_in.len())
        );
        for source in mentioned_in {
            let _ = writeln!(out, "  {source}");
        }
    }
    print(&out)?;
    Ok(Outcome::Success)
}

/// `summit why A B`: the edges between two nodes, or else the shortest chain of edges
/// that connects them, each with its sentences.
pub(super) fn why(store_path: &Path, a: &str, b: &str, as_json: bool) -> Result<Outcome> {
    let view = View::load(store_path)?;
    let from = find(&view.graph, a, None)?;
    let to = find(&view.graph, b, None)?;
    if from.id == to.id {
        bail!("{a:?} and {b:?} are both {} ({})", from.name, from.id);
    }
    let direct: Vec<&Edge> = view
        .graph
        .out_edges(&from.id)
        .filter(|e| e.dst == to.id)
        .chain(view.graph.out_edges(&to.id).filter(|e| e.dst == from.id))
        .collect();
    let (edges, is_direct) = if direct.is_empty() {
        let Some(keys) = query::path(&view.graph, &from.id, &to.id) else {
            bail!("{} and {} are not connected", from.name, to.name);
        };
        (
            keys.iter().filter_map(|k| view.edge(k)).collect::<Vec<_>>(),
            false,
        )
    } else {
        (direct, true)
    };
    if as_json {
        print_json(&json!({
            "from": view.node_json(from),
            "to": view.node_json(to),
            "direct": is_direct,
            "edges": edges.iter().map(|e| view.edge_json(e)).collect::<Vec<_>>(),
        }))?;
        return Ok(Outcome::Success);
    }
    let mut out = if is_direct {
        format!("{} and {} are related directly:\n", from.name, to.name)
    } else {
        format!(
            "{} and {} are related through {} edges:\n",
            from.name,
            to.name,
            edges.len()
        )
    };
    for edge in edges {
        out.push_str("  ");
        view.write_edge(&mut out, edge);
    }
    print(&out)?;
    Ok(Outcome::Success)
}

/// `summit neighbors NAME`
pub(super) fn neighbors(
    store_path: &Path,
    name: &str,
    depth: usize,
    kinds: &[NodeKind],
    limit: Option<usize>,
    as_json: bool,
) -> Result<Outcome> {
    let view = View::load(store_path)?;
    let node = find(&view.graph, name, None)?;
    let kinds = (!kinds.is_empty()).then_some(kinds);
    let found = query::neighbors(&view.graph, &node.id, depth, kinds, None, limit);
    let found: Vec<(&Node, &query::Neighbor)> = found
        .iter()
        .filter_map(|n| view.graph.nodes.get(&n.node).map(|node| (node, n)))
        .collect();
    if as_json {
        let rows: Vec<Value> = found
            .iter()
            .map(|(node, n)| {
                json!({
                    "id": node.id,
                    "kind": node.kind,
                    "name": node.name,
                    "depth": n.depth,
                    "via": {"src": n.via.src, "kind": n.via.kind, "dst": n.via.dst},
                })
            })
            .collect();
        print_json(&json!({"node": view.node_json(node), "neighbors": rows}))?;
        return Ok(Outcome::Success);
    }
    let mut out = format!(
        "{} ({}): {} neighbor{}\n",
        node.name,
        node.kind,
        found.len(),
        plural(found.len())
    );
    for (node, n) in &found {
        let _ = writeln!(
            out,
            "  {}  {:<12}  {}  (via {} --{}--> {})",
            n.depth,
            node.kind.as_str(),
            node.name,
            view.name_of(&n.via.src),
            n.via.kind,
            view.name_of(&n.via.dst)
        );
    }
    print(&out)?;
    Ok(Outcome::Success)
}

/// `summit path A B`
pub(super) fn path(store_path: &Path, a: &str, b: &str, as_json: bool) -> Result<Outcome> {
    let view = View::load(store_path)?;
    let from = find(&view.graph, a, None)?;
    let to = find(&view.graph, b, None)?;
    let Some(keys) = query::path(&view.graph, &from.id, &to.id) else {
        bail!("there is no path between {} and {}", from.name, to.name);
    };
    if as_json {
        let steps: Vec<Value> = keys
            .iter()
            .map(|k| {
                json!({"src": k.src, "src_name": view.name_of(&k.src), "kind": k.kind,
                       "dst": k.dst, "dst_name": view.name_of(&k.dst)})
            })
            .collect();
        print_json(&json!({"from": from.id, "to": to.id, "length": keys.len(), "edges": steps}))?;
        return Ok(Outcome::Success);
    }
    // Walk the chain from `from`, drawing each edge in the direction it points.
    let mut out = from.name.clone();
    let mut here = from.id.as_str();
    for key in &keys {
        if key.src == here {
            let _ = write!(out, " --{}--> {}", key.kind, view.name_of(&key.dst));
            here = &key.dst;
        } else {
            let _ = write!(out, " <--{}-- {}", key.kind, view.name_of(&key.src));
            here = &key.src;
        }
    }
    out.push('\n');
    print(&out)?;
    Ok(Outcome::Success)
}

/// `summit meetings`
pub(super) fn meetings(store_path: &Path, args: &MeetingArgs, as_json: bool) -> Result<Outcome> {
    let view = View::load(store_path)?;
    // Resolve names here so an unknown or ambiguous one is reported, not silently empty.
    let id_of = |name: &Option<String>, kind: NodeKind| -> Result<Option<String>> {
        name.as_deref()
            .map(|n| find(&view.graph, n, Some(kind)).map(|node| node.id.clone()))
            .transpose()
    };
    let filter = query::MeetingFilter {
        person: id_of(&args.person, NodeKind::Person)?,
        country: id_of(&args.country, NodeKind::Country)?,
        topic: id_of(&args.topic, NodeKind::Topic)?,
        since: args.since.clone(),
        until: args.until.clone(),
    };
    let rows = query::meetings(&view.graph, &filter);
    if as_json {
        let rows: Vec<Value> = rows
            .iter()
            .map(|r| {
                json!({
                    "id": r.id, "name": r.name, "date": r.date, "kind": r.kind, "status": r.status,
                    "participants": r.participants, "place": r.place, "topics": r.topics,
                })
            })
            .collect();
        print_json(&Value::Array(rows))?;
        return Ok(Outcome::Success);
    }
    let mut out = String::new();
    for row in &rows {
        let date = row.date.as_deref().unwrap_or("date unknown");
        let _ = write!(out, "{date}  {}", row.name);
        let mut details = Vec::new();
        if let Some(kind) = &row.kind {
            details.push(kind.clone());
        }
        if let Some(status) = &row.status {
            details.push(status.clone());
        }
        if !details.is_empty() {
            let _ = write!(out, "  ({})", details.join(", "));
        }
        out.push('\n');
        if !row.participants.is_empty() {
            let _ = writeln!(out, "    participants: {}", row.participants.join(", "));
        }
        if let Some(place) = &row.place {
            let _ = writeln!(out, "    place: {place}");
        }
        if !row.topics.is_empty() {
            let _ = writeln!(out, "    topics: {}", row.topics.join(", "));
        }
        let _ = writeln!(out, "    id: {}", row.id);
    }
    let _ = writeln!(out, "{} meeting{}", rows.len(), plural(rows.len()));
    print(&out)?;
    Ok(Outcome::Success)
}
