//! Meetings as table rows.

use std::collections::BTreeSet;

use model::{EdgeKind, Graph, NodeKind};
use serde::Serialize;

use crate::{dates::in_range, outline::Outline};

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
    Outline::new(graph).meetings(filter)
}

impl Outline {
    /// [`meetings`] on the outline. With a person, country or topic in the filter only
    /// the meetings around that node are looked at, so the cost follows the answer, not
    /// the graph.
    pub fn meetings(&self, filter: &MeetingFilter) -> Vec<MeetingRow> {
        let Some(wanted) = Wanted::new(self, filter) else {
            return Vec::new();
        };
        let mut candidates: Vec<u32> = match (wanted.person, wanted.topic, wanted.country) {
            (Some(person), _, _) => self.attended_by(person).collect(),
            (None, Some(topic), _) => self
                .directed(topic, EdgeKind::Discussed, false)
                .map(|(m, _)| m)
                .collect(),
            (None, None, Some(country)) => {
                let mut found: Vec<u32> = self.attended_by(country).collect();
                for (person, _) in self.directed(country, EdgeKind::Represents, false) {
                    found.extend(self.attended_by(person));
                }
                found
            }
            (None, None, None) => (0..self.node_count() as u32)
                .filter(|&n| self.node_at(n).kind == NodeKind::Meeting)
                .collect(),
        };
        candidates.sort_unstable();
        candidates.dedup();
        let mut rows: Vec<MeetingRow> = candidates
            .into_iter()
            .filter(|&m| self.node_at(m).kind == NodeKind::Meeting)
            .filter(|&m| self.matches(m, &wanted, filter))
            .map(|m| self.row(m))
            .collect();
        rows.sort_by(|a, b| {
            (a.date.is_none(), &a.date, &a.id).cmp(&(b.date.is_none(), &b.date, &b.id))
        });
        rows
    }

    /// The meetings node `n` attended.
    fn attended_by(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
        self.directed(n, EdgeKind::Attended, true).map(|(m, _)| m)
    }

    fn matches(&self, meeting: u32, wanted: &Wanted, filter: &MeetingFilter) -> bool {
        let attended = || {
            self.directed(meeting, EdgeKind::Attended, false)
                .map(|(p, _)| p)
        };
        if let Some(person) = wanted.person {
            if !attended().any(|p| p == person) {
                return false;
            }
        }
        if let Some(country) = wanted.country {
            let represents = |p: u32| {
                self.between(p, country).any(|e| {
                    let edge = self.edge_at(e);
                    edge.src == p && edge.kind == EdgeKind::Represents
                })
            };
            if !attended().any(|p| p == country || represents(p)) {
                return false;
            }
        }
        if let Some(topic) = wanted.topic {
            if !self
                .directed(meeting, EdgeKind::Discussed, true)
                .any(|(t, _)| t == topic)
            {
                return false;
            }
        }
        in_range(
            self.node_at(meeting).props.get("date").map(String::as_str),
            filter.since.as_deref(),
            filter.until.as_deref(),
        )
    }

    fn row(&self, m: u32) -> MeetingRow {
        let meeting = self.node_at(m);
        let name = |n: u32| self.node_at(n).name.clone();
        let participants: BTreeSet<String> = self
            .directed(m, EdgeKind::Attended, false)
            .map(|(p, _)| name(p))
            .collect();
        let topics: BTreeSet<String> = self
            .directed(m, EdgeKind::Discussed, true)
            .map(|(t, _)| name(t))
            .collect();
        let place = self
            .directed(m, EdgeKind::HeldIn, true)
            .next()
            .map(|(p, _)| name(p));
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
}

/// The filter's nodes as outline numbers.
struct Wanted {
    person: Option<u32>,
    country: Option<u32>,
    topic: Option<u32>,
}

impl Wanted {
    /// `None` when the filter names a node the outline lacks: nothing can match.
    fn new(outline: &Outline, filter: &MeetingFilter) -> Option<Wanted> {
        let number = |id: &Option<String>| match id {
            Some(id) => outline.number(id).map(Some),
            None => Some(None),
        };
        Some(Wanted {
            person: number(&filter.person)?,
            country: number(&filter.country)?,
            topic: number(&filter.topic)?,
        })
    }
}
