//! The read-only questions: `stats`, `show`, `why`, `neighbors`, `path`, `meetings`.
//! Each prints text, or JSON with `--json`.

use std::{
    cell::RefCell,
    collections::{BTreeMap, HashMap},
    fmt::Write as _,
    path::Path,
};

use anyhow::{bail, Context, Result};
use model::{Edge, EdgeKey, EdgeKind, Evidence, Node, NodeKind};
use query::Outline;
use serde_json::{json, Value};
use store::Store;

use super::{find_in, open_existing, outline, plural, print, print_json, size, Outcome};
use crate::cli::MeetingArgs;

/// What a query reads: the store, for evidence and article sources, and the graph's
/// outline (every node and edge without evidence) for walks and names. Evidence is read
/// only for the nodes and edges printed.
struct View {
    store: Store,
    outline: Outline,
    /// Article id -> source path, filled as evidence is printed.
    sources: RefCell<HashMap<String, String>>,
}

impl View {
    fn load(store_path: &Path) -> Result<View> {
        let store = open_existing(store_path)?;
        let outline = outline(&store)?;
        Ok(View {
            store,
            outline,
            sources: RefCell::default(),
        })
    }

    fn find(&self, name: &str, kind: Option<NodeKind>) -> Result<&Node> {
        find_in(&self.outline, name, kind)
    }

    /// The node with all its evidence.
    fn full_node(&self, brief: &Node) -> Result<Node> {
        Ok(self.store.node(&brief.id)?.unwrap_or_else(|| brief.clone()))
    }

    /// The edge with all its evidence.
    fn full_edge(&self, key: &EdgeKey) -> Result<Edge> {
        self.store
            .edge(&key.src, key.kind, &key.dst)?
            .with_context(|| {
                format!(
                    "the store lost the edge {} {} {}",
                    key.src, key.kind, key.dst
                )
            })
    }

    fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.outline.name_of(id)
    }

    fn source_of(&self, article: &str) -> String {
        if let Some(source) = self.sources.borrow().get(article) {
            return source.clone();
        }
        // A store that cannot say only loses the source path: print the article id.
        let source = match self.store.article(article) {
            Ok(Some(a)) => a.source,
            _ => article.to_owned(),
        };
        self.sources
            .borrow_mut()
            .insert(article.to_owned(), source.clone());
        source
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
    let on_disk = store::bytes_on_disk(store_path);
    if as_json {
        print_json(&json!({
            "articles": stats.articles,
            "nodes": n_nodes,
            "edges": n_edges,
            "bytes_on_disk": on_disk,
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
    let _ = writeln!(out, "on disk: {}", size(on_disk));
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
    let node = view.full_node(view.find(name, kind)?)?;
    let node = &node;
    // Articles mentioning a node can be many: they are listed, not explained, so
    // their evidence is not read.
    let mut all = view.store.out_edges(&node.id, None)?;
    let out_count = all.len();
    for kind in EdgeKind::ALL {
        if kind == EdgeKind::Mentions {
            all.extend(view.store.in_edges_brief(&node.id, Some(kind))?);
        } else {
            all.extend(view.store.in_edges(&node.id, Some(kind))?);
        }
    }
    // In key order, compared in place (a key per comparison would copy both ids).
    all[out_count..].sort_by(|a, b| (&a.src, a.kind, &a.dst).cmp(&(&b.src, b.kind, &b.dst)));
    let (mentions, edges): (Vec<&Edge>, Vec<&Edge>) = all
        .iter()
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
    let from = view.find(a, None)?;
    let to = view.find(b, None)?;
    if from.id == to.id {
        bail!("{a:?} and {b:?} are both {} ({})", from.name, from.id);
    }
    let direct = view.outline.edges_between(&from.id, &to.id);
    let (keys, is_direct) = if direct.is_empty() {
        let Some(keys) = view.outline.path(&from.id, &to.id) else {
            bail!("{} and {} are not connected", from.name, to.name);
        };
        (keys, false)
    } else {
        (direct, true)
    };
    let edges = keys
        .iter()
        .map(|k| view.full_edge(k))
        .collect::<Result<Vec<Edge>>>()?;
    let (from, to) = (&view.full_node(from)?, &view.full_node(to)?);
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
    for edge in &edges {
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
    let node = view.find(name, None)?;
    let kinds = (!kinds.is_empty()).then_some(kinds);
    let found = view.outline.neighbors(&node.id, depth, kinds, None, limit);
    let found: Vec<(&Node, &query::Step)> = found
        .iter()
        .filter_map(|n| view.outline.node(n.node).map(|node| (node, n)))
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
        let node = view.full_node(node)?;
        print_json(&json!({"node": view.node_json(&node), "neighbors": rows}))?;
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
            view.name_of(n.via.src),
            n.via.kind,
            view.name_of(n.via.dst)
        );
    }
    print(&out)?;
    Ok(Outcome::Success)
}

/// `summit path A B`
pub(super) fn path(store_path: &Path, a: &str, b: &str, as_json: bool) -> Result<Outcome> {
    let view = View::load(store_path)?;
    let from = view.find(a, None)?;
    let to = view.find(b, None)?;
    let Some(keys) = view.outline.path(&from.id, &to.id) else {
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
            .map(|n| view.find(n, Some(kind)).map(|node| node.id.clone()))
            .transpose()
    };
    let filter = query::MeetingFilter {
        person: id_of(&args.person, NodeKind::Person)?,
        country: id_of(&args.country, NodeKind::Country)?,
        topic: id_of(&args.topic, NodeKind::Topic)?,
        since: args.since.clone(),
        until: args.until.clone(),
    };
    let rows = view.outline.meetings(&filter);
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
