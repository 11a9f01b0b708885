//! Nodes, edges, evidence and graphs.

use std::{
    collections::{BTreeMap, BTreeSet},
    fmt,
    str::FromStr,
};

use serde::{Deserialize, Serialize};

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A named human being.
    Person,
    /// A sovereign state (UN member or observer).
    Country,
    /// An encounter: meeting, visit, talks or phone call.
    Meeting,
    /// Something discussed at a meeting.
    Topic,
    /// A city or region.
    Place,
    /// A ministry, agency, parliament, alliance or outlet.
    Organization,
    /// One ingested article.
    Article,
}

impl NodeKind {
    /// Every kind, in a fixed order.
    pub const ALL: [NodeKind; 7] = [
        NodeKind::Person,
        NodeKind::Country,
        NodeKind::Meeting,
        NodeKind::Topic,
        NodeKind::Place,
        NodeKind::Organization,
        NodeKind::Article,
    ];

    /// The lower-case name used in identifiers, exports and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Person => "person",
            NodeKind::Country => "country",
            NodeKind::Meeting => "meeting",
            NodeKind::Topic => "topic",
            NodeKind::Place => "place",
            NodeKind::Organization => "organization",
            NodeKind::Article => "article",
        }
    }
}

/// How two nodes are related. Edges point from the first-named node to the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// Person → country the person serves.
    Represents,
    /// Person or country → meeting.
    Attended,
    /// Meeting → topic, country or place discussed.
    Discussed,
    /// Meeting → place where it was (or will be) held.
    HeldIn,
    /// Place → country.
    LocatedIn,
    /// Article → any node it mentions.
    Mentions,
    /// Person → organization the person works for.
    MemberOf,
}

impl EdgeKind {
    /// Every kind, in a fixed order.
    pub const ALL: [EdgeKind; 7] = [
        EdgeKind::Represents,
        EdgeKind::Attended,
        EdgeKind::Discussed,
        EdgeKind::HeldIn,
        EdgeKind::LocatedIn,
        EdgeKind::Mentions,
        EdgeKind::MemberOf,
    ];

    /// The snake-case name used in exports and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Represents => "represents",
            EdgeKind::Attended => "attended",
            EdgeKind::Discussed => "discussed",
            EdgeKind::HeldIn => "held_in",
            EdgeKind::LocatedIn => "located_in",
            EdgeKind::Mentions => "mentions",
            EdgeKind::MemberOf => "member_of",
        }
    }
}

/// A kind name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseKindError(pub String);

impl fmt::Display for ParseKindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown kind {:?}", self.0)
    }
}

impl std::error::Error for ParseKindError {}

impl FromStr for NodeKind {
    type Err = ParseKindError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        NodeKind::ALL
            .into_iter()
            .find(|k| {
                k.as_str() == lower || (lower == "organisation" && *k == NodeKind::Organization)
            })
            .ok_or_else(|| ParseKindError(s.to_owned()))
    }
}

impl FromStr for EdgeKind {
    type Err = ParseKindError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase().replace('-', "_");
        EdgeKind::ALL
            .into_iter()
            .find(|k| k.as_str() == lower)
            .ok_or_else(|| ParseKindError(s.to_owned()))
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for EdgeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a fact comes from: an article, the sentence, and the sentence's byte span in
/// the article text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// The article id (see [`Article::id`]).
    pub article: String,
    /// The sentence as written (whitespace runs folded to one space).
    pub sentence: String,
    /// Byte offset of the sentence's first byte in the article text.
    pub start: usize,
    /// Byte offset one past the sentence's last byte.
    pub end: usize,
}

/// An entity of the graph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// Stable identifier, `kind/slug`, e.g. `person/dmitry-peskov`.
    pub id: String,
    /// What the node stands for.
    pub kind: NodeKind,
    /// Display name.
    pub name: String,
    /// Every other surface form seen for this entity.
    pub aliases: BTreeSet<String>,
    /// Match keys (see [`crate::fold`]) under which this node can be found: folded
    /// names, folded surnames, transliteration-normalised forms.
    pub keys: BTreeSet<String>,
    /// Properties: `role`, `date`, `status`, `type`, `merged_because`, ...
    pub props: BTreeMap<String, String>,
    /// The sentences this node was read from.
    pub evidence: Vec<Evidence>,
}

impl Node {
    /// A node with no aliases, keys, properties or evidence. Its id is `kind/slug(name)`.
    pub fn new(kind: NodeKind, name: &str) -> Node {
        Node {
            id: Node::id_for(kind, name),
            kind,
            name: name.to_owned(),
            aliases: BTreeSet::new(),
            keys: BTreeSet::new(),
            props: BTreeMap::new(),
            evidence: Vec::new(),
        }
    }

    /// The identifier a node of this kind and name gets: `kind/slug(name)`.
    pub fn id_for(kind: NodeKind, name: &str) -> String {
        let kind = kind.as_str();
        let mut id = String::with_capacity(kind.len() + 1 + name.len());
        id.push_str(kind);
        id.push('/');
        crate::fold::push_slug(&mut id, name);
        id
    }

    /// Merges another record of the same entity into this one: aliases, keys and
    /// evidence are united; properties this node lacks are taken from `other`.
    pub fn absorb(&mut self, other: Node) {
        if other.name != self.name {
            self.aliases.insert(other.name);
        }
        self.aliases.extend(other.aliases);
        self.aliases.remove(&self.name);
        self.keys.extend(other.keys);
        for (k, v) in other.props {
            self.props.entry(k).or_insert(v);
        }
        merge_evidence(&mut self.evidence, other.evidence);
    }
}

/// The identity of an edge: source, kind, destination.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EdgeKey {
    /// Source node id.
    pub src: String,
    /// Relation.
    pub kind: EdgeKind,
    /// Destination node id.
    pub dst: String,
}

/// A relation between two nodes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    /// Source node id.
    pub src: String,
    /// Relation.
    pub kind: EdgeKind,
    /// Destination node id.
    pub dst: String,
    /// Properties, e.g. `role` on `represents`.
    pub props: BTreeMap<String, String>,
    /// The sentences this edge was read from.
    pub evidence: Vec<Evidence>,
}

impl Edge {
    /// An edge with no properties or evidence.
    pub fn new(src: &str, kind: EdgeKind, dst: &str) -> Edge {
        Edge {
            src: src.to_owned(),
            kind,
            dst: dst.to_owned(),
            props: BTreeMap::new(),
            evidence: Vec::new(),
        }
    }

    /// This edge's identity.
    pub fn key(&self) -> EdgeKey {
        EdgeKey {
            src: self.src.clone(),
            kind: self.kind,
            dst: self.dst.clone(),
        }
    }

    /// Merges another record of the same edge into this one.
    pub fn absorb(&mut self, other: Edge) {
        for (k, v) in other.props {
            self.props.entry(k).or_insert(v);
        }
        merge_evidence(&mut self.evidence, other.evidence);
    }
}

fn merge_evidence(into: &mut Vec<Evidence>, from: Vec<Evidence>) {
    into.extend(from);
    into.sort();
    into.dedup();
}

/// One ingested article's metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Content hash of the article text: 16 lower-case hex digits.
    pub id: String,
    /// Where the text came from: a path, or `-` for standard input.
    pub source: String,
    /// The headline, when one could be told apart.
    pub title: Option<String>,
    /// The article's own date (ISO `YYYY-MM-DD`), from a dateline or header.
    pub date: Option<String>,
    /// Length of the text in bytes.
    pub bytes: usize,
}

/// What every article node's id starts with: an article's node is
/// `article/<article id>` ([`article_node_id`]).
pub const ARTICLE_NODE_PREFIX: &str = "article/";

/// The id of the node of the article with id `article_id`: `article/<id>`.
pub fn article_node_id(article_id: &str) -> String {
    format!("{ARTICLE_NODE_PREFIX}{article_id}")
}

impl Article {
    /// The id of this article's node in the graph: `article/<id>`.
    pub fn node_id(&self) -> String {
        article_node_id(&self.id)
    }
}

/// Everything read from one article: its metadata and the nodes and edges it supports.
/// Node and edge evidence all names this article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    /// The article, or `None` for an extraction not tied to one.
    pub article: Option<Article>,
    /// Nodes, including the article's own node.
    pub nodes: Vec<Node>,
    /// Edges between those nodes.
    pub edges: Vec<Edge>,
}

/// A whole graph, ordered for deterministic output.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Graph {
    /// Nodes by id.
    pub nodes: BTreeMap<String, Node>,
    /// Edges by identity.
    pub edges: BTreeMap<EdgeKey, Edge>,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        Graph::default()
    }

    /// Adds a node, merging it into an existing node with the same id.
    pub fn add_node(&mut self, node: Node) {
        match self.nodes.get_mut(&node.id) {
            Some(existing) => existing.absorb(node),
            None => {
                self.nodes.insert(node.id.clone(), node);
            }
        }
    }

    /// Adds an edge, merging it into an existing edge with the same identity.
    pub fn add_edge(&mut self, edge: Edge) {
        let key = edge.key();
        match self.edges.get_mut(&key) {
            Some(existing) => existing.absorb(edge),
            None => {
                self.edges.insert(key, edge);
            }
        }
    }

    /// Adds every node and edge of an extraction.
    pub fn add_extraction(&mut self, extraction: Extraction) {
        for node in extraction.nodes {
            self.add_node(node);
        }
        for edge in extraction.edges {
            self.add_edge(edge);
        }
    }

    /// The edges leaving `id`, in key order.
    pub fn out_edges<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Edge> + 'a {
        self.edges.values().filter(move |e| e.src == id)
    }

    /// The edges arriving at `id`, in key order.
    pub fn in_edges<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Edge> + 'a {
        self.edges.values().filter(move |e| e.dst == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in NodeKind::ALL {
            assert_eq!(k.as_str().parse::<NodeKind>().unwrap(), k);
        }
        for k in EdgeKind::ALL {
            assert_eq!(k.as_str().parse::<EdgeKind>().unwrap(), k);
        }
        assert!("planet".parse::<NodeKind>().is_err());
    }

    #[test]
    fn merging_nodes_unites_aliases_and_keeps_first_props() {
        let mut graph = Graph::new();
        let mut a = Node::new(NodeKind::Person, "Dmitry Peskov");
        a.props.insert("role".into(), "Foreign Minister".into());
        let mut b = Node::new(NodeKind::Person, "Dmitry Peskov");
        b.aliases.insert("Peskov".into());
        b.props.insert("role".into(), "minister".into());
        graph.add_node(a);
        graph.add_node(b);
        let node = &graph.nodes["person/dmitry-peskov"];
        assert_eq!(node.aliases.iter().collect::<Vec<_>>(), ["Peskov"]);
        assert_eq!(node.props["role"], "Foreign Minister");
    }
}
