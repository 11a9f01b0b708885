//! Meetings as table rows.

use std::collections::{BTreeSet, HashMap};

use model::{Edge, EdgeKind, Graph, Node, NodeKind};
use serde::Serialize;

use crate::dates::in_range;

/// Which meetings [`meetings`] returns. Every field that is set must match; the
/// default matches every meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingFilter {
    /// Id of a node (usually a person) that attended.
    pub person: Option<String>,
    /// Id of a country that attended, or that a person who attended represents.
    pub country: Option<String>,
    /// Id of a node the meeting discussed.
    pub topic: Option<String>,
    /// Earliest date, ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, inclusive.
    pub since: Option<String>,
    /// Latest date, ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, inclusive.
    pub until: Option<String>,
}

/// One meeting, flattened for a table or `--json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingRow {
    /// The meeting node's id.
    pub id: String,
    /// The meeting node's name.
    pub name: String,
    /// `props["date"]`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `props["type"]`: meeting, visit, phone_call or talks.
    pub kind: Option<String>,
    /// `props["status"]`: held or planned.
    pub status: Option<String>,
    /// Names of the nodes with an `attended` edge to the meeting, sorted.
    pub participants: Vec<String>,
    /// Name of the `held_in` place (the first in id order, if several).
    pub place: Option<String>,
    /// Names of the nodes the meeting `discussed`, sorted.
    pub topics: Vec<String>,
}

/// The meetings that pass `filter`, sorted by date, then id; meetings without a date
/// come last.
///
/// - `person`: an `attended` edge from that node.
/// - `country`: an `attended` edge from the country, or from a person with a
///   `represents` edge to it.
/// - `topic`: a `discussed` edge to that node.
/// - `since` / `until`: on `props["date"]`, compared on the common prefix, so a
///   meeting dated `2023-03` passes `since = 2023-03-15` (it may have been that late).
///   A meeting without a date fails any date bound.
pub fn meetings(graph: &Graph, filter: &MeetingFilter) -> Vec<MeetingRow> {
    let edges = MeetingEdges::new(graph);
    let mut rows: Vec<MeetingRow> = graph
        .nodes
        .values()
        .filter(|node| node.kind == NodeKind::Meeting)
        .filter(|meeting| matches(graph, &edges, meeting, filter))
        .map(|meeting| row(graph, &edges, meeting))
        .collect();
    rows.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.id).cmp(&(b.date.is_none(), &b.date, &b.id))
    });
    rows
}

/// The edges at each meeting, gathered in one pass over the graph.
struct MeetingEdges<'g> {
    /// Meeting id to the `attended` edges arriving at it.
    attended: HashMap<&'g str, Vec<&'g Edge>>,
    /// Meeting id to its `discussed` and `held_in` edges.
    outgoing: HashMap<&'g str, Vec<&'g Edge>>,
}

impl<'g> MeetingEdges<'g> {
    fn new(graph: &'g Graph) -> MeetingEdges<'g> {
        let mut attended: HashMap<&str, Vec<&Edge>> = HashMap::new();
        let mut outgoing: HashMap<&str, Vec<&Edge>> = HashMap::new();
        for edge in graph.edges.values() {
            match edge.kind {
                EdgeKind::Attended => attended.entry(edge.dst.as_str()).or_default().push(edge),
                EdgeKind::Discussed | EdgeKind::HeldIn => {
                    outgoing.entry(edge.src.as_str()).or_default().push(edge)
                }
                _ => {}
            }
        }
        MeetingEdges { attended, outgoing }
    }

    fn attended(&self, meeting: &str) -> &[&'g Edge] {
        self.attended.get(meeting).map_or(&[], Vec::as_slice)
    }

    fn outgoing(&self, meeting: &str, kind: EdgeKind) -> impl Iterator<Item = &'g Edge> + '_ {
        self.outgoing
            .get(meeting)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(move |e| e.kind == kind)
    }
}

fn has_edge(graph: &Graph, src: &str, kind: EdgeKind, dst: &str) -> bool {
    graph.edges.contains_key(&model::EdgeKey {
        src: src.to_owned(),
        kind,
        dst: dst.to_owned(),
    })
}

fn matches(
    graph: &Graph,
    edges: &MeetingEdges<'_>,
    meeting: &Node,
    filter: &MeetingFilter,
) -> bool {
    let id = meeting.id.as_str();
    let attended = edges.attended(id);
    if let Some(person) = &filter.person {
        if !attended.iter().any(|e| e.src == *person) {
            return false;
        }
    }
    if let Some(country) = &filter.country {
        let ok = attended
            .iter()
            .any(|e| e.src == *country || has_edge(graph, &e.src, EdgeKind::Represents, country));
        if !ok {
            return false;
        }
    }
    if let Some(topic) = &filter.topic {
        if !edges
            .outgoing(id, EdgeKind::Discussed)
            .any(|e| e.dst == *topic)
        {
            return false;
        }
    }
    in_range(
        meeting.props.get("date").map(String::as_str),
        filter.since.as_deref(),
        filter.until.as_deref(),
    )
}

fn name_of(graph: &Graph, id: &str) -> String {
    graph
        .nodes
        .get(id)
        .map_or_else(|| id.to_owned(), |n| n.name.clone())
}

fn row(graph: &Graph, edges: &MeetingEdges<'_>, meeting: &Node) -> MeetingRow {
    let id = meeting.id.as_str();
    let participants: BTreeSet<String> = edges
        .attended(id)
        .iter()
        .map(|e| name_of(graph, &e.src))
        .collect();
    let topics: BTreeSet<String> = edges
        .outgoing(id, EdgeKind::Discussed)
        .map(|e| name_of(graph, &e.dst))
        .collect();
    let place = edges
        .outgoing(id, EdgeKind::HeldIn)
        .next()
        .map(|e| name_of(graph, &e.dst));
    MeetingRow {
        id: meeting.id.clone(),
        name: meeting.name.clone(),
        date: meeting.props.get("date").cloned(),
        kind: meeting.props.get("type").cloned(),
        status: meeting.props.get("status").cloned(),
        participants: participants.into_iter().collect(),
        place,
        topics: topics.into_iter().collect(),
    }
}
