//! [`Outline`]: the shape of a graph without its evidence, built once and walked many
//! times.

use std::collections::BTreeMap;

use model::{EdgeKey, EdgeKind, Graph, Node};
use petgraph::csr::Csr;

use crate::walk::EdgeRef;

/// A graph's nodes (without evidence), its edges as node numbers with their
/// properties, and an undirected adjacency index (a petgraph [`Csr`]) over them.
///
/// Everything that walks or looks up names works on an outline: [`Outline::neighbors`],
/// [`Outline::path`], [`Outline::meetings`], [`Outline::resolve_name`],
/// [`Outline::select`]. Build it from an in-memory graph with [`Outline::new`], or from
/// a store's numbered nodes and edges with [`Outline::from_numbered`], which needs no
/// evidence at all: the evidence is most of a stored graph's bytes, and a walk never
/// reads it.
///
/// Nodes are numbered in id order and edges in key order, so walks visit neighbours
/// in (id, edge key) order without sorting, and give the same answers whichever way the
/// outline was built.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Nodes sorted by id, without evidence.
    nodes: Vec<Node>,
    /// Edges sorted by key: (source, kind, destination) as node numbers, and properties.
    edges: Vec<OutlineEdge>,
    /// Every edge, by its ends.
    all: Adjacency,
    /// The edges walks follow by default: all but article mentions, which make every
    /// article a hub and are most edges (so a default walk does not step over them).
    core: Adjacency,
}

/// An undirected adjacency index over some of an outline's edges.
#[derive(Debug, Clone, Default)]
struct Adjacency {
    /// One entry per pair of adjacent nodes, in both directions, sorted: its weight is
    /// the range of `links` holding the edges between the two, in key order. (petgraph's
    /// `Csr` has no parallel edges; two nodes may be joined by edges of several kinds.)
    csr: Csr<(), (u32, u32)>,
    /// Edge numbers, grouped by the `csr` entry they belong to.
    links: Vec<u32>,
}

impl Adjacency {
    /// The index over the edges (numbers into `edges`) that `keep` accepts, for `n`
    /// nodes.
    fn new(n: usize, edges: &[OutlineEdge], keep: impl Fn(&OutlineEdge) -> bool) -> Adjacency {
        // Counting sort by this end, then each node's list sorted by (other end, edge):
        // cheaper than one sort of every (end, other, edge).
        let mut starts = vec![0u32; n + 1];
        for e in edges.iter().filter(|e| keep(e)) {
            starts[e.src as usize + 1] += 1;
            if e.src != e.dst {
                starts[e.dst as usize + 1] += 1;
            }
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut ends: Vec<(u32, u32)> = vec![(0, 0); starts[n] as usize];
        for (i, e) in edges.iter().enumerate().filter(|(_, e)| keep(e)) {
            let mut put = |at: u32, other: u32| {
                ends[fill[at as usize] as usize] = (other, i as u32);
                fill[at as usize] += 1;
            };
            put(e.src, e.dst);
            if e.src != e.dst {
                put(e.dst, e.src);
            }
        }
        let mut links = Vec::with_capacity(ends.len());
        let mut pairs: Vec<(u32, u32, (u32, u32))> = Vec::new();
        for a in 0..n {
            let list = &mut ends[starts[a] as usize..starts[a + 1] as usize];
            list.sort_unstable();
            for &(b, edge) in list.iter() {
                let at = links.len() as u32;
                links.push(edge);
                match pairs.last_mut() {
                    Some((pa, pb, range)) if (*pa, *pb) == (a as u32, b) => range.1 = at + 1,
                    _ => pairs.push((a as u32, b, (at, at + 1))),
                }
            }
        }
        // Sorted and unique by construction, so this cannot fail; an empty index
        // would only make every walk find nothing.
        let csr = Csr::from_sorted_edges(&pairs).unwrap_or_default();
        Adjacency { csr, links }
    }

    /// The edges at node `n` as (other end, edge number), by other end, then edge key.
    fn incident(&self, n: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let (others, ranges): (&[u32], &[(u32, u32)]) = if (n as usize) < self.csr.node_count() {
            (self.csr.neighbors_slice(n), self.csr.edges_slice(n))
        } else {
            (&[], &[])
        };
        others
            .iter()
            .zip(ranges)
            .flat_map(move |(&other, &(start, end))| {
                self.links[start as usize..end as usize]
                    .iter()
                    .map(move |&e| (other, e))
            })
    }

    /// The edges between nodes `a` and `b`, in key order.
    fn between(&self, a: u32, b: u32) -> impl Iterator<Item = u32> + '_ {
        let range = if (a as usize) < self.csr.node_count() {
            let others = self.csr.neighbors_slice(a);
            others
                .binary_search(&b)
                .ok()
                .map(|i| self.csr.edges_slice(a)[i])
        } else {
            None
        };
        let (start, end) = range.unwrap_or((0, 0));
        self.links[start as usize..end as usize].iter().copied()
    }
}

#[derive(Debug, Clone)]
pub(crate) struct OutlineEdge {
    pub(crate) src: u32,
    pub(crate) kind: EdgeKind,
    pub(crate) dst: u32,
    pub(crate) props: BTreeMap<String, String>,
}

impl Outline {
    /// The outline of an in-memory graph. Edges with an end that is not a node of the
    /// graph are left out.
    pub fn new(graph: &Graph) -> Outline {
        let nodes: Vec<Node> = graph.nodes.values().map(without_evidence).collect();
        let number = |id: &str| -> Option<u32> {
            nodes
                .binary_search_by(|n| n.id.as_str().cmp(id))
                .ok()
                .map(|i| i as u32)
        };
        let edges: Vec<OutlineEdge> = graph
            .edges
            .values()
            .filter_map(|e| {
                Some(OutlineEdge {
                    src: number(&e.src)?,
                    kind: e.kind,
                    dst: number(&e.dst)?,
                    props: e.props.clone(),
                })
            })
            .collect();
        Outline::index(nodes, edges)
    }

    /// The outline of a graph given as numbered nodes (any numbering, e.g. a store's
    /// interned node numbers; their evidence is dropped) and edges between those
    /// numbers. Edges with an end that is not among the nodes are left out; an edge
    /// given twice is kept once, with the first properties.
    pub fn from_numbered(
        nodes: Vec<(u64, Node)>,
        edges: impl IntoIterator<Item = (u64, EdgeKind, u64, BTreeMap<String, String>)>,
    ) -> Outline {
        let mut nodes = nodes;
        nodes.sort_by(|a, b| a.1.id.cmp(&b.1.id));
        nodes.dedup_by(|a, b| a.1.id == b.1.id);
        // Their number -> our number. A store's numbers are dense (handed out from 1,
        // never reused), so a table indexed by number is the usual case; sparse
        // numbers are searched instead.
        let max = nodes.iter().map(|(n, _)| *n).max().unwrap_or(0);
        let table: Option<Vec<u32>> = (max < 4 * nodes.len() as u64 + 1024).then(|| {
            let mut table = vec![u32::MAX; max as usize + 1];
            for (i, (theirs, _)) in nodes.iter().enumerate() {
                table[*theirs as usize] = i as u32;
            }
            table
        });
        let mut sparse: Vec<(u64, u32)> = Vec::new();
        if table.is_none() {
            sparse = nodes
                .iter()
                .enumerate()
                .map(|(i, (theirs, _))| (*theirs, i as u32))
                .collect();
            sparse.sort_unstable();
        }
        let number = |theirs: u64| -> Option<u32> {
            match &table {
                Some(table) => table
                    .get(usize::try_from(theirs).ok()?)
                    .copied()
                    .filter(|&n| n != u32::MAX),
                None => sparse
                    .binary_search_by(|(t, _)| t.cmp(&theirs))
                    .ok()
                    .map(|i| sparse[i].1),
            }
        };
        let mut edges: Vec<OutlineEdge> = edges
            .into_iter()
            .filter_map(|(src, kind, dst, props)| {
                Some(OutlineEdge {
                    src: number(src)?,
                    kind,
                    dst: number(dst)?,
                    props,
                })
            })
            .collect();
        // Already in key order when they come from a store's skeleton: then this is one
        // pass.
        edges.sort_by_key(|e| (e.src, e.kind, e.dst));
        edges.dedup_by_key(|e| (e.src, e.kind, e.dst));
        let nodes = nodes
            .into_iter()
            .map(|(_, mut node)| {
                node.evidence = Vec::new();
                node
            })
            .collect();
        Outline::index(nodes, edges)
    }

    /// Builds the adjacency indexes over nodes in id order and edges in key order.
    fn index(nodes: Vec<Node>, edges: Vec<OutlineEdge>) -> Outline {
        let all = Adjacency::new(nodes.len(), &edges, |_| true);
        let core = Adjacency::new(nodes.len(), &edges, |e| e.kind != EdgeKind::Mentions);
        Outline {
            nodes,
            edges,
            all,
            core,
        }
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// The node with this id, without evidence.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.number(id).map(|n| &self.nodes[n as usize])
    }

    /// Every node, in id order, without evidence.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> + '_ {
        self.nodes.iter()
    }

    /// The name of the node with this id, or the id itself when there is none.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.node(id).map_or(id, |n| n.name.as_str())
    }

    /// The properties of an edge, when the outline has it.
    pub fn edge_props(&self, key: &EdgeKey) -> Option<&BTreeMap<String, String>> {
        let src = self.number(&key.src)?;
        let dst = self.number(&key.dst)?;
        self.between(src, dst)
            .map(|e| &self.edges[e as usize])
            .find(|e| e.src == src && e.kind == key.kind && e.dst == dst)
            .map(|e| &e.props)
    }

    /// The edges from `from` to `to`, then those from `to` to `from`, each in key
    /// order.
    pub fn edges_between(&self, from: &str, to: &str) -> Vec<EdgeKey> {
        let (Some(a), Some(b)) = (self.number(from), self.number(to)) else {
            return Vec::new();
        };
        let mut edges: Vec<u32> = self.between(a, b).collect();
        edges.sort_by_key(|&e| self.edge_at(e).src != a);
        edges.into_iter().map(|e| self.key_of(e)).collect()
    }

    /// The edges whose both ends are among `ids`, in key order: the edges of the
    /// subgraph [`Outline::select`] chose.
    pub fn edges_among(&self, ids: &[String]) -> Vec<EdgeKey> {
        let mut kept: Vec<u32> = ids.iter().filter_map(|id| self.number(id)).collect();
        kept.sort_unstable();
        kept.dedup();
        let mut edges: Vec<u32> = Vec::new();
        for &n in &kept {
            edges.extend(self.incident(n, true).filter_map(|(other, e)| {
                (self.edge_at(e).src == n && kept.binary_search(&other).is_ok()).then_some(e)
            }));
        }
        edges.sort_unstable();
        edges.into_iter().map(|e| self.key_of(e)).collect()
    }

    pub(crate) fn number(&self, id: &str) -> Option<u32> {
        self.nodes
            .binary_search_by(|n| n.id.as_str().cmp(id))
            .ok()
            .map(|i| i as u32)
    }

    pub(crate) fn node_at(&self, n: u32) -> &Node {
        &self.nodes[n as usize]
    }

    pub(crate) fn edge_at(&self, e: u32) -> &OutlineEdge {
        &self.edges[e as usize]
    }

    pub(crate) fn edge_ref(&self, e: u32) -> EdgeRef<'_> {
        let edge = self.edge_at(e);
        EdgeRef {
            src: &self.node_at(edge.src).id,
            kind: edge.kind,
            dst: &self.node_at(edge.dst).id,
        }
    }

    pub(crate) fn key_of(&self, e: u32) -> EdgeKey {
        let edge = self.edge_at(e);
        EdgeKey {
            src: self.node_at(edge.src).id.clone(),
            kind: edge.kind,
            dst: self.node_at(edge.dst).id.clone(),
        }
    }

    /// The edges at node `n`, either direction, as (other end, edge number), sorted by
    /// other end and then edge key. With `mentions` false, article mentions are left
    /// out (and not stepped over).
    pub(crate) fn incident(&self, n: u32, mentions: bool) -> impl Iterator<Item = (u32, u32)> + '_ {
        if mentions { &self.all } else { &self.core }.incident(n)
    }

    /// The edges between nodes `a` and `b`, in key order.
    pub(crate) fn between(&self, a: u32, b: u32) -> impl Iterator<Item = u32> + '_ {
        self.all.between(a, b)
    }

    /// The edges of one kind leaving (`outgoing`) or arriving at node `n`, as (other
    /// end, edge number).
    pub(crate) fn directed(
        &self,
        n: u32,
        kind: EdgeKind,
        outgoing: bool,
    ) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.incident(n, kind == EdgeKind::Mentions)
            .filter(move |&(_, e)| {
                let edge = self.edge_at(e);
                edge.kind == kind
                    && if outgoing {
                        edge.src == n
                    } else {
                        edge.dst == n
                    }
            })
    }
}

fn without_evidence(node: &Node) -> Node {
    Node {
        id: node.id.clone(),
        kind: node.kind,
        name: node.name.clone(),
        aliases: node.aliases.clone(),
        keys: node.keys.clone(),
        props: node.props.clone(),
        evidence: Vec::new(),
    }
}
