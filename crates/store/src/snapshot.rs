//! The skeleton cache: [`Store::skeleton`]'s answer kept in a file beside sled's, so a
//! query reads one file instead of scanning the heads and the `in` index.
//!
//! The file is `skeleton.bin` in the store's directory: an 8-byte magic, then the bincode
//! encoding of [`SkeletonFile`], stamped with the schema version and the store's write
//! generation (a counter every write batch bumps). A file whose stamp differs from the
//! store's, or that does not decode, is ignored and rewritten: it is a cache, never the
//! only copy of anything. It is written to a temporary name and renamed, so a crash
//! leaves either the old file or the new one.

use std::{
    collections::BTreeMap,
    io::Write,
    path::{Path, PathBuf},
};

use bincode::{Decode, Encode};
use model::Node;

use crate::{
    records::{edge_kind, edge_kind_byte, node_kind},
    store::{Skeleton, SkeletonEdge, SCHEMA_VERSION},
};

const FILE: &str = "skeleton.bin";
const MAGIC: &[u8; 8] = b"summitSK";
/// The largest cache file read; a bigger skeleton is scanned each time.
const LIMIT: usize = 1 << 30;

#[derive(Encode, Decode)]
struct SkeletonFile {
    schema: u64,
    generation: u64,
    nodes: Vec<NodeRecord>,
    edges: Vec<(u64, u8, u64, BTreeMap<String, String>)>,
}

#[derive(Encode, Decode)]
struct NodeRecord {
    num: u64,
    id: String,
    kind: u8,
    name: String,
    aliases: std::collections::BTreeSet<String>,
    keys: std::collections::BTreeSet<String>,
    props: BTreeMap<String, String>,
}

fn config() -> bincode::config::Configuration<
    bincode::config::LittleEndian,
    bincode::config::Varint,
    bincode::config::Limit<LIMIT>,
> {
    bincode::config::standard().with_limit::<LIMIT>()
}

fn file(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// Copies the cache of the store in `from` into the store in `to`, if there is one: a
/// cache that cannot be copied only costs the next query a scan.
pub(crate) fn copy(from: &Path, to: &Path) {
    let _ = std::fs::copy(file(from), file(to));
}

/// The cached skeleton of the store in `dir` at `generation`, if the cache holds it.
pub(crate) fn read(dir: &Path, generation: u64) -> Option<Skeleton> {
    parse(&std::fs::read(file(dir)).ok()?, generation)
}

/// The skeleton a cache file's bytes hold, if they are one at `generation`.
fn parse(bytes: &[u8], generation: u64) -> Option<Skeleton> {
    let body = bytes.strip_prefix(MAGIC)?;
    if body.len() > LIMIT {
        return None;
    }
    let (stored, used): (SkeletonFile, usize) = bincode::decode_from_slice(body, config()).ok()?;
    if used != body.len() || stored.schema != SCHEMA_VERSION || stored.generation != generation {
        return None;
    }
    let mut nodes = Vec::with_capacity(stored.nodes.len());
    for n in stored.nodes {
        let kind = node_kind("skeleton", b"", n.kind).ok()?;
        nodes.push((
            n.num,
            Node {
                id: n.id,
                kind,
                name: n.name,
                aliases: n.aliases,
                keys: n.keys,
                props: n.props,
                evidence: Vec::new(),
            },
        ));
    }
    let mut edges = Vec::with_capacity(stored.edges.len());
    for (src, kind, dst, props) in stored.edges {
        let kind = edge_kind("skeleton", b"", kind).ok()?;
        edges.push(SkeletonEdge {
            src,
            kind,
            dst,
            props,
        });
    }
    Some(Skeleton { nodes, edges })
}

/// The generation the cache in `dir` was written at, from its first bytes, when it
/// has this build's schema.
pub(crate) fn stamp(dir: &Path) -> Option<u64> {
    use std::io::Read;
    let mut head = [0u8; 8 + 2 * 9];
    let mut file = std::fs::File::open(file(dir)).ok()?;
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(_) => return None,
        }
    }
    let body = head[..filled].strip_prefix(MAGIC)?;
    let ((schema, generation), _): ((u64, u64), usize) =
        bincode::decode_from_slice(body, config()).ok()?;
    (schema == SCHEMA_VERSION).then_some(generation)
}

/// Caches `skeleton` as the store's at `generation`: the decoded counterpart of
/// [`write_raw`], which tests hold it to. Failing to write only loses the cache, so
/// errors are returned for the caller to ignore or report.
#[cfg(test)]
pub(crate) fn write(dir: &Path, generation: u64, skeleton: &Skeleton) -> std::io::Result<()> {
    write_file(
        dir,
        FileOut {
            generation,
            skeleton,
        },
    )
}

/// Writes the cache file from `body` (which encodes everything after the magic) under
/// a temporary name, then renames it into place; a body larger than [`LIMIT`] is not
/// kept, since it would not be read.
fn write_file(dir: &Path, body: impl Encode) -> std::io::Result<()> {
    let tmp = dir.join(format!("{FILE}.tmp"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
    out.write_all(MAGIC)?;
    let written =
        bincode::encode_into_std_write(body, &mut out, config()).map_err(std::io::Error::other)?;
    let file_out = out.into_inner().map_err(|e| e.into_error())?;
    if written > LIMIT {
        drop(file_out);
        return std::fs::remove_file(&tmp);
    }
    file_out.sync_all()?;
    std::fs::rename(&tmp, file(dir))
}

/// Encodes a skeleton exactly as [`SkeletonFile`] decodes, from borrowed data: a
/// skeleton is hundreds of megabytes at a million articles, and is not copied to be
/// written.
#[cfg(test)]
struct FileOut<'a> {
    generation: u64,
    skeleton: &'a Skeleton,
}

#[cfg(test)]
impl Encode for FileOut<'_> {
    fn encode<E: bincode::enc::Encoder>(
        &self,
        e: &mut E,
    ) -> Result<(), bincode::error::EncodeError> {
        SCHEMA_VERSION.encode(e)?;
        self.generation.encode(e)?;
        // A Vec is its length as a u64, then its items; a struct or tuple its fields in
        // order.
        (self.skeleton.nodes.len() as u64).encode(e)?;
        for (num, n) in &self.skeleton.nodes {
            num.encode(e)?;
            n.id.encode(e)?;
            crate::records::node_kind_byte(n.kind).encode(e)?;
            n.name.encode(e)?;
            n.aliases.encode(e)?;
            n.keys.encode(e)?;
            n.props.encode(e)?;
        }
        (self.skeleton.edges.len() as u64).encode(e)?;
        for edge in &self.skeleton.edges {
            edge.src.encode(e)?;
            edge_kind_byte(edge.kind).encode(e)?;
            edge.dst.encode(e)?;
            edge.props.encode(e)?;
        }
        Ok(())
    }
}

/// A skeleton as scanned, still encoded: each node's id and head and each edge's
/// properties as the bytes sled holds, in one buffer. A decoded skeleton costs
/// hundreds of bytes per node and tens per edge in small allocations; this costs their
/// encoded size plus 32 bytes per edge, which is what lets a long write session end
/// by caching the skeleton of a large store within its memory budget.
#[derive(Default)]
pub(crate) struct RawSkeleton {
    bytes: Vec<u8>,
    nodes: Vec<RawNode>,
    edges: Vec<RawEdge>,
}

struct RawNode {
    num: u64,
    id: Span,
    head: Span,
}

struct RawEdge {
    src: u64,
    dst: u64,
    props: Span,
    kind: model::EdgeKind,
}

/// A range of [`RawSkeleton::bytes`].
#[derive(Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

/// The buffer outgrew what a [`Span`] can address (it is then far past [`LIMIT`]).
#[derive(Debug)]
pub(crate) struct TooLarge;

impl RawSkeleton {
    /// Room for `nodes` nodes and `edges` edges (the store's counts, which a damaged
    /// store could get wrong: then the vectors grow as usual), so that the largest
    /// buffers are not doubled and copied while the scan fills them.
    pub(crate) fn with_capacity(nodes: u64, edges: u64) -> RawSkeleton {
        // Bounded, whatever the counters say: past this the vectors grow as usual.
        let nodes = usize::try_from(nodes).unwrap_or(0).min(1 << 26);
        let edges = usize::try_from(edges).unwrap_or(0).min(1 << 28);
        RawSkeleton {
            // An id and a head take about 150 bytes, an edge's properties one or two.
            bytes: Vec::with_capacity(nodes * 160 + edges * 2),
            nodes: Vec::with_capacity(nodes),
            edges: Vec::with_capacity(edges),
        }
    }

    fn push_bytes(&mut self, bytes: &[u8]) -> Result<Span, TooLarge> {
        let start = u32::try_from(self.bytes.len()).map_err(|_| TooLarge)?;
        let len = u32::try_from(bytes.len()).map_err(|_| TooLarge)?;
        start.checked_add(len).ok_or(TooLarge)?;
        self.bytes.extend_from_slice(bytes);
        Ok(Span { start, len })
    }

    fn slice(&self, span: Span) -> &[u8] {
        let start = span.start as usize;
        &self.bytes[start..start + span.len as usize]
    }

    /// Adds node `num` with its id and its head as encoded in the `heads` family (a
    /// `NodeHead`: kind, name, aliases, keys, properties, the fields a cached node
    /// record has after its number and id).
    pub(crate) fn push_node(&mut self, num: u64, id: &str, head: &[u8]) -> Result<(), TooLarge> {
        let id = self.push_bytes(id.as_bytes())?;
        let head = self.push_bytes(head)?;
        self.nodes.push(RawNode { num, id, head });
        Ok(())
    }

    /// Adds an edge with its properties as encoded in the `in` family (an `EdgeHead`).
    pub(crate) fn push_edge(
        &mut self,
        src: u64,
        kind: model::EdgeKind,
        dst: u64,
        props: &[u8],
    ) -> Result<(), TooLarge> {
        let props = self.push_bytes(props)?;
        self.edges.push(RawEdge {
            src,
            dst,
            props,
            kind,
        });
        Ok(())
    }

    /// Keeps the nodes whose number `keep` accepts.
    pub(crate) fn retain_nodes(&mut self, mut keep: impl FnMut(u64) -> bool) {
        self.nodes.retain(|n| keep(n.num));
    }

    /// Keeps the edges that `keep` accepts (source, kind byte, destination).
    pub(crate) fn retain_edges(&mut self, mut keep: impl FnMut(u64, u8, u64) -> bool) {
        self.edges
            .retain(|e| keep(e.src, edge_kind_byte(e.kind), e.dst));
    }

    /// The skeleton this holds, decoded, in its order (sorting again what
    /// [`write_raw`] sorted costs one pass).
    pub(crate) fn into_skeleton(mut self) -> Option<Skeleton> {
        self.order();
        let mut nodes = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let id = std::str::from_utf8(self.slice(node.id)).ok()?.to_owned();
            let (head, used): (crate::records::NodeHead, usize) =
                bincode::decode_from_slice(self.slice(node.head), config()).ok()?;
            if used != node.head.len as usize {
                return None;
            }
            nodes.push((
                node.num,
                Node {
                    id,
                    kind: node_kind("skeleton", b"", head.kind).ok()?,
                    name: head.name,
                    aliases: head.aliases,
                    keys: head.keys,
                    props: head.props,
                    evidence: Vec::new(),
                },
            ));
        }
        let mut edges = Vec::with_capacity(self.edges.len());
        for edge in &self.edges {
            let (props, used): (BTreeMap<String, String>, usize) =
                bincode::decode_from_slice(self.slice(edge.props), config()).ok()?;
            if used != edge.props.len as usize {
                return None;
            }
            edges.push(SkeletonEdge {
                src: edge.src,
                kind: edge.kind,
                dst: edge.dst,
                props,
            });
        }
        Some(Skeleton { nodes, edges })
    }

    /// Puts nodes in id order and edges in key order, as [`Skeleton`]s are: as a
    /// `model::Graph` would list them, so that an outline finds them already sorted.
    fn order(&mut self) {
        let Self {
            bytes,
            nodes,
            edges,
        } = self;
        let id = |n: &RawNode| &bytes[n.id.start as usize..(n.id.start + n.id.len) as usize];
        nodes.sort_unstable_by(|a, b| id(a).cmp(id(b)));
        let ranks = crate::store::Ranks::new(nodes.iter().map(|n| n.num));
        edges.sort_unstable_by_key(|e| (ranks.of(e.src), e.kind, ranks.of(e.dst), e.src, e.dst));
    }
}

/// The cache of the store in `dir` at `generation`, still encoded, if the cache holds
/// it: what a write session patches (see [`RawSkeleton`]).
pub(crate) fn read_raw(dir: &Path, generation: u64) -> Option<RawSkeleton> {
    let bytes = std::fs::read(file(dir)).ok()?;
    let mut rest = bytes.strip_prefix(MAGIC)?;
    if rest.len() > LIMIT {
        return None;
    }
    // Decodes one value off the front of `rest`, returning it and the bytes it took.
    fn take<'b, T: Decode<()>>(rest: &mut &'b [u8]) -> Option<(T, &'b [u8])> {
        let (value, used) = bincode::decode_from_slice::<T, _>(rest, config()).ok()?;
        let (taken, after) = rest.split_at(used);
        *rest = after;
        Some((value, taken))
    }
    let ((schema, stamp), _) = take::<(u64, u64)>(&mut rest)?;
    if schema != SCHEMA_VERSION || stamp != generation {
        return None;
    }
    let (nodes, _) = take::<u64>(&mut rest)?;
    let mut raw = RawSkeleton::with_capacity(nodes, 0);
    for _ in 0..nodes {
        let (num, _) = take::<u64>(&mut rest)?;
        let (id, _) = take::<String>(&mut rest)?;
        let (head, head_bytes) = take::<crate::records::NodeHead>(&mut rest)?;
        node_kind("skeleton", b"", head.kind).ok()?;
        raw.push_node(num, &id, head_bytes).ok()?;
    }
    let (edges, _) = take::<u64>(&mut rest)?;
    raw.edges.reserve(usize::try_from(edges).ok()?.min(1 << 28));
    for _ in 0..edges {
        let (src, _) = take::<u64>(&mut rest)?;
        let (kind, _) = take::<u8>(&mut rest)?;
        let (dst, _) = take::<u64>(&mut rest)?;
        let (_, props) = take::<BTreeMap<String, String>>(&mut rest)?;
        let kind = edge_kind("skeleton", b"", kind).ok()?;
        raw.push_edge(src, kind, dst, props).ok()?;
    }
    rest.is_empty().then_some(raw)
}

/// Caches the skeleton `raw` holds as the store's at `generation`: the file `write`
/// (in tests) makes of the decoded skeleton, byte for byte.
pub(crate) fn write_raw(dir: &Path, generation: u64, raw: &mut RawSkeleton) -> std::io::Result<()> {
    raw.order();
    write_file(dir, RawOut { generation, raw })
}

struct RawOut<'a> {
    generation: u64,
    raw: &'a RawSkeleton,
}

impl Encode for RawOut<'_> {
    fn encode<E: bincode::enc::Encoder>(
        &self,
        e: &mut E,
    ) -> Result<(), bincode::error::EncodeError> {
        use bincode::enc::write::Writer;
        SCHEMA_VERSION.encode(e)?;
        self.generation.encode(e)?;
        (self.raw.nodes.len() as u64).encode(e)?;
        for node in &self.raw.nodes {
            node.num.encode(e)?;
            // A string is its length as a u64, then its bytes.
            u64::from(node.id.len).encode(e)?;
            e.writer().write(self.raw.slice(node.id))?;
            e.writer().write(self.raw.slice(node.head))?;
        }
        (self.raw.edges.len() as u64).encode(e)?;
        for edge in &self.raw.edges {
            edge.src.encode(e)?;
            edge_kind_byte(edge.kind).encode(e)?;
            edge.dst.encode(e)?;
            e.writer().write(self.raw.slice(edge.props))?;
        }
        Ok(())
    }
}
