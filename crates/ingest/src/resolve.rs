//! Cross-article entity resolution: one node per real person and per real encounter.

use std::{
    collections::{BTreeMap, BTreeSet},
    rc::Rc,
};

use model::{EdgeKind, Extraction, Graph, Node, NodeKind};

use crate::{
    gazetteer::GAZETTEER,
    names::{self, Same},
};

/// What resolution needs to know about entities already stored. Implemented for
/// [`model::Graph`] here and for the sled store by the command line.
///
/// Answers are shared (`Rc`), so that an implementation that remembers them can hand
/// out a popular person's thousands of meetings without copying them for each article.
pub trait Known {
    /// The error a lookup can fail with.
    type Error;
    /// Nodes whose match keys (see [`model::Node::keys`]) include `key`.
    fn nodes_with_key(&self, key: &str) -> Result<Vec<Node>, Self::Error>;
    /// The node with this id: names, keys and properties; evidence may be left out.
    fn node(&self, id: &str) -> Result<Option<Rc<Node>>, Self::Error>;
    /// What meeting matching reads of the node with this id. A popular person attended
    /// thousands of meetings, and each new report of theirs is compared with all of them:
    /// an implementation that remembers answers can keep these few fields instead of
    /// whole nodes.
    fn brief(&self, id: &str) -> Result<Option<Brief>, Self::Error> {
        Ok(self.node(id)?.map(|node| Brief::of(&node)))
    }
    /// The meetings `participant` attended whose brief `keep` accepts, each with its
    /// brief, in id order. Meeting matching asks this for every participant of every
    /// reported meeting, and a popular person attended thousands: an implementation
    /// that remembers answers can walk them without looking each one up.
    fn attended(
        &self,
        participant: &str,
        keep: &dyn Fn(&Brief) -> bool,
    ) -> Result<Vec<(Rc<str>, Brief)>, Self::Error> {
        let mut kept = Vec::new();
        for meeting in self.out_neighbors(participant, EdgeKind::Attended)?.iter() {
            if let Some(brief) = self.brief(meeting)? {
                if keep(&brief) {
                    kept.push((meeting.clone(), brief));
                }
            }
        }
        Ok(kept)
    }
    /// The ids of the nodes that edges of `kind` leaving `id` point to, sorted, each once.
    fn out_neighbors(&self, id: &str, kind: EdgeKind) -> Result<Neighbors, Self::Error>;
    /// The ids of the nodes that edges of `kind` arriving at `id` come from, sorted, each
    /// once.
    fn in_neighbors(&self, id: &str, kind: EdgeKind) -> Result<Neighbors, Self::Error>;
}

/// The kind of a node and, for a meeting, what decides whether a new report can be of
/// it: whether it was a call, and its date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Brief {
    /// The node's kind.
    pub kind: NodeKind,
    /// A call (its `type` property is `phone_call`) rather than an encounter in person.
    pub remote: bool,
    /// The `date` property, when there is one.
    pub date: Option<Rc<str>>,
}

impl Brief {
    /// The brief of `node`.
    pub fn of(node: &Node) -> Brief {
        Brief {
            kind: node.kind,
            remote: remote(node),
            date: node.props.get("date").map(|d| Rc::from(d.as_str())),
        }
    }
}

/// Node ids, sorted and each once: the answer of [`Known::out_neighbors`] and
/// [`Known::in_neighbors`].
pub type Neighbors = Rc<[Rc<str>]>;

/// `ids` sorted and each once, as [`Neighbors`].
pub fn neighbors<'a>(ids: impl IntoIterator<Item = &'a str>) -> Neighbors {
    let set: BTreeSet<&str> = ids.into_iter().collect();
    set.into_iter().map(Rc::from).collect()
}

/// `id` is one of `ids` (sorted, as [`Neighbors`] are).
fn holds(ids: &[Rc<str>], id: &str) -> bool {
    ids.binary_search_by(|x| (**x).cmp(id)).is_ok()
}

impl Known for Graph {
    type Error = std::convert::Infallible;
    fn nodes_with_key(&self, key: &str) -> Result<Vec<Node>, Self::Error> {
        Ok(self
            .nodes
            .values()
            .filter(|n| n.keys.contains(key))
            .cloned()
            .collect())
    }
    fn node(&self, id: &str) -> Result<Option<Rc<Node>>, Self::Error> {
        Ok(self.nodes.get(id).cloned().map(Rc::new))
    }
    fn out_neighbors(&self, id: &str, kind: EdgeKind) -> Result<Neighbors, Self::Error> {
        Ok(neighbors(
            Graph::out_edges(self, id)
                .filter(|e| e.kind == kind)
                .map(|e| e.dst.as_str()),
        ))
    }
    fn in_neighbors(&self, id: &str, kind: EdgeKind) -> Result<Neighbors, Self::Error> {
        Ok(neighbors(
            Graph::in_edges(self, id)
                .filter(|e| e.kind == kind)
                .map(|e| e.src.as_str()),
        ))
    }
}

/// Maps the entities of one article's extraction onto entities `known` already holds
/// (the same person under another spelling, the same meeting reported again), rewriting
/// node ids and edge ends. Merged nodes record why in their `merged_because` property.
///
/// Persons merge when a spelling of one is a spelling, transliteration variant or
/// surname of the other, exactly one known person fits, and their countries do not
/// differ. Meetings merge when they share a participant, are both remote (calls) or
/// both in person, and their dates and places agree; an undated report of a past
/// meeting joins the latest matching meeting before the article's date. A meeting of
/// one participant (a lone traveller) joins another only in the same city or when
/// both are dated.
pub fn resolve<K: Known>(extraction: Extraction, known: &K) -> Result<Extraction, K::Error> {
    let g = &*GAZETTEER;
    let mut x = extraction;
    let mut remap: BTreeMap<String, String> = BTreeMap::new();
    let mut renamed: Vec<(String, String)> = Vec::new();
    let article_date = x.article.as_ref().and_then(|a| a.date.clone());

    // Persons.
    for i in 0..x.nodes.len() {
        if x.nodes[i].kind != NodeKind::Person {
            continue;
        }
        let node = &x.nodes[i];
        let here: BTreeSet<&str> = x
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Represents && e.src == node.id)
            .map(|e| e.dst.as_str())
            .collect();
        let spellings: Vec<&String> = std::iter::once(&node.name)
            .chain(node.aliases.iter())
            .collect();
        if known
            .node(&node.id)?
            .is_some_and(|n| n.kind == NodeKind::Person)
        {
            continue; // Same spelling as a stored person: the same node already.
        }
        let mut candidates: BTreeMap<String, Node> = BTreeMap::new();
        for spelling in &spellings {
            for key in names::lookup_keys(spelling) {
                for cand in known.nodes_with_key(&key)? {
                    if cand.kind == NodeKind::Person && cand.id != node.id {
                        candidates.insert(cand.id.clone(), cand);
                    }
                }
            }
        }
        let mut fits: Vec<(u8, String, String)> = Vec::new();
        for cand in candidates.values() {
            let cand_spellings: Vec<&String> = std::iter::once(&cand.name)
                .chain(cand.aliases.iter())
                .collect();
            let best = spellings
                .iter()
                .flat_map(|a| cand_spellings.iter().map(move |b| (a, b)))
                .filter_map(|(a, b)| {
                    names::same_person(g, a, b).map(|s| (rank(&s), s.describe(a, b)))
                })
                .min();
            let Some((rank, why)) = best else { continue };
            let theirs = known.out_neighbors(&cand.id, EdgeKind::Represents)?;
            if !here.is_empty() && !theirs.is_empty() && here.iter().all(|c| !holds(&theirs, c)) {
                continue;
            }
            fits.push((rank, cand.id.clone(), why));
        }
        fits.sort();
        let best_rank = fits.first().map(|f| f.0);
        let best: Vec<&(u8, String, String)> =
            fits.iter().filter(|f| Some(f.0) == best_rank).collect();
        if let [(_, id, why)] = best.as_slice() {
            if let Some(target) = known.node(id)? {
                let node = &mut x.nodes[i];
                remap.insert(node.id.clone(), target.id.clone());
                let own = std::mem::replace(&mut node.name, target.name.clone());
                renamed.push((own.clone(), target.name.clone()));
                node.aliases.insert(own);
                node.aliases.remove(&node.name);
                node.id = target.id.clone();
                let reason = match node.props.get("merged_because") {
                    Some(before) => format!("{before}; {why}"),
                    None => why.clone(),
                };
                node.props.insert("merged_because".into(), reason);
            }
        }
    }
    rewrite_edges(&mut x, &remap);
    // Meeting labels name their participants: use the names the store knows them by.
    for node in x.nodes.iter_mut().filter(|n| n.kind == NodeKind::Meeting) {
        for (old, new) in &renamed {
            if node.name.contains(old.as_str()) {
                node.name = node.name.replace(old.as_str(), new);
            }
        }
    }

    // Meetings.
    let mut meeting_remap: BTreeMap<String, String> = BTreeMap::new();
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    for node in x.nodes.iter().filter(|n| n.kind == NodeKind::Meeting) {
        let ours: BTreeSet<&str> = x
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Attended && e.dst == node.id)
            .map(|e| e.src.as_str())
            .collect();
        let our_place: Option<&str> = x
            .edges
            .iter()
            .find(|e| e.kind == EdgeKind::HeldIn && e.src == node.id)
            .map(|e| e.dst.as_str());
        let ours_date = node.props.get("date").cloned();
        let mut seen = BTreeSet::new();
        let mut options: Vec<(Option<String>, String)> = Vec::new();
        // Candidates come through the persons when there are any: a country attends
        // thousands of meetings, and a match must share a person anyway.
        let persons: Vec<&str> = ours
            .iter()
            .copied()
            .filter(|p| p.starts_with("person/"))
            .collect();
        let through: Vec<&str> = if persons.is_empty() {
            ours.iter().copied().collect()
        } else {
            persons
        };
        // With a date of our own, a meeting dated otherwise is never chosen (see
        // below): rule it out before the reads of its attendees and place. A popular
        // person has attended thousands of meetings.
        let ours_remote = remote(node);
        let may_match = |old: &Brief| {
            old.kind == NodeKind::Meeting
                && old.remote == ours_remote
                && match (&ours_date, &old.date) {
                    (Some(ours), Some(theirs)) => dates_agree(ours, theirs),
                    _ => true,
                }
        };
        for participant in &through {
            for (meeting, old) in known.attended(participant, &may_match)? {
                if !seen.insert(meeting.clone()) {
                    continue;
                }
                let meeting = &meeting;
                let theirs = known.in_neighbors(meeting, EdgeKind::Attended)?;
                let shared = ours.iter().filter(|p| holds(&theirs, p)).count();
                let union = ours.len() + theirs.len() - shared;
                if shared == 0 || shared * 2 < union {
                    continue;
                }
                let their_place = match our_place {
                    Some(_) => Some(known.out_neighbors(meeting, EdgeKind::HeldIn)?),
                    None => None,
                };
                if let (Some(place), Some(theirs)) = (our_place, &their_place) {
                    if !theirs.is_empty() && !holds(theirs, place) {
                        continue;
                    }
                }
                // One traveller alone ("Modi is expected to visit China") says too
                // little to be another article's meeting: only with its date or its
                // city as well.
                let lone = ours.len() == 1 || theirs.len() == 1;
                let same_place = match (our_place, &their_place) {
                    (Some(place), Some(theirs)) => holds(theirs, place),
                    _ => false,
                };
                if lone && !same_place && (ours_date.is_none() || old.date.is_none()) {
                    continue;
                }
                options.push((old.date.as_deref().map(str::to_owned), meeting.to_string()));
            }
        }
        let chosen = match &ours_date {
            Some(d) => options
                .iter()
                .filter(|(od, _)| od.as_deref().is_none_or(|od| dates_agree(d, od)))
                .min_by_key(|(od, id)| (od.is_none(), id.clone()))
                .map(|(_, id)| id.clone()),
            None => {
                let mut dated: Vec<&(Option<String>, String)> = options
                    .iter()
                    .filter(|(od, _)| {
                        od.as_deref()
                            .is_some_and(|od| article_date.as_deref().is_none_or(|a| od <= a))
                    })
                    .collect();
                dated.sort();
                dated.last().map(|(_, id)| id.clone()).or_else(|| {
                    options
                        .iter()
                        .filter(|(od, _)| od.is_none())
                        .map(|(_, id)| id.clone())
                        .min()
                })
            }
        };
        match chosen {
            Some(target) if target != node.id => {
                meeting_remap.insert(node.id.clone(), target);
            }
            Some(_) => {}
            // Not the meeting stored under the same id, which was held elsewhere (an
            // undated meeting of the same persons in another city): a node of its
            // own, named after this article so that ingesting it again names it the
            // same.
            None if held_elsewhere(known, &node.id, our_place)? => {
                if let Some(article) = &x.article {
                    renamed.insert(node.id.clone(), format!("{}-{}", node.id, article.id));
                }
            }
            None => {}
        }
    }
    for node in &mut x.nodes {
        if let Some(id) = renamed.get(&node.id) {
            node.id = id.clone();
        }
    }
    rewrite_edges(&mut x, &renamed);
    for node in &mut x.nodes {
        if let Some(target) = meeting_remap.get(&node.id) {
            if let Some(old) = known.node(target)? {
                let own = std::mem::replace(&mut node.name, old.name.clone());
                node.aliases.insert(own);
                node.aliases.remove(&node.name);
            }
            node.props.insert(
                "merged_because".into(),
                "the same participants, kind, date and place as a meeting already reported".into(),
            );
            node.id = target.clone();
        }
    }
    rewrite_edges(&mut x, &meeting_remap);

    // Two nodes of this article that now share an id become one.
    let mut graph = Graph::new();
    let article = x.article.take();
    graph.add_extraction(x);
    Ok(Extraction {
        article,
        nodes: graph.nodes.into_values().collect(),
        edges: graph.edges.into_values().collect(),
    })
}

/// Whether the stored meeting `id` was held in a place other than `ours`.
fn held_elsewhere<K: Known>(known: &K, id: &str, ours: Option<&str>) -> Result<bool, K::Error> {
    let Some(ours) = ours else {
        return Ok(false);
    };
    if known.brief(id)?.is_none() {
        return Ok(false);
    }
    let theirs = known.out_neighbors(id, EdgeKind::HeldIn)?;
    Ok(!theirs.is_empty() && !holds(&theirs, ours))
}

fn rank(same: &Same) -> u8 {
    match same {
        Same::Spelling => 0,
        Same::Variant => 1,
        Same::Middle | Same::Initial => 2,
        Same::Surname => 3,
    }
}

fn rewrite_edges(x: &mut Extraction, remap: &BTreeMap<String, String>) {
    if remap.is_empty() {
        return;
    }
    for e in &mut x.edges {
        if let Some(to) = remap.get(&e.src) {
            e.src = to.clone();
        }
        if let Some(to) = remap.get(&e.dst) {
            e.dst = to.clone();
        }
    }
}

/// A call, not an encounter in person: calls only merge with calls; meetings, talks
/// and visits with each other.
fn remote(node: &Node) -> bool {
    node.props.get("type").is_some_and(|t| t == "phone_call")
}

/// Two dates of possibly different precision ("2021-09", "2021-09-30") agree when the
/// shorter is a prefix of the longer, or when both are days at most one day apart.
fn dates_agree(a: &str, b: &str) -> bool {
    if a.len() == 10 && b.len() == 10 {
        if a == b {
            return true;
        }
        // A popular person's meetings are compared with every new report: answer the
        // common cases without a calendar. Days 1 to 28 exist in every month.
        if let (Some((month_a, x)), Some((month_b, y))) = (early_day(a), early_day(b)) {
            if month_a == month_b {
                return x.abs_diff(y) <= 1;
            }
            if x > 1 && y > 1 {
                return false; // Neither is a month's first day: no month end between.
            }
        }
        return calendar_days_agree(a, b);
    }
    let n = a.len().min(b.len());
    a[..n] == b[..n]
}

/// Two full dates at most one day apart, by the calendar; unreadable dates agree only
/// with themselves.
fn calendar_days_agree(a: &str, b: &str) -> bool {
    let parse = |s: &str| s.parse::<jiff::civil::Date>().ok();
    match (parse(a), parse(b)) {
        (Some(x), Some(y)) => (x - y).get_days().abs() <= 1,
        _ => a == b,
    }
}

/// "2021-09-14" as ("2021-09-", 14), for a well-formed date whose day is 1 to 28.
fn early_day(date: &str) -> Option<(&str, u8)> {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) {
        return None;
    }
    if !digits(5..7) || !digits(8..10) {
        return None;
    }
    let two = |i: usize| (b[i] - b'0') * 10 + (b[i + 1] - b'0');
    let (month, day) = (two(5), two(8));
    ((1..=12).contains(&month) && (1..=28).contains(&day)).then(|| (&date[..8], day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extractor;

    fn ingest(texts: &[&str]) -> Graph {
        let mut graph = Graph::new();
        for (i, text) in texts.iter().enumerate() {
            let x = Extractor::new().extract(text, &format!("t{i}")).extraction;
            let Ok(x) = resolve(x, &graph);
            graph.add_extraction(x);
        }
        graph
    }

    fn persons(g: &Graph) -> Vec<&str> {
        g.nodes
            .values()
            .filter(|n| n.kind == NodeKind::Person)
            .map(|n| n.name.as_str())
            .collect()
    }

    /// The shortcuts of `dates_agree` answer as the calendar does.
    #[test]
    fn day_dates_agree_as_the_calendar_says() {
        let days = [
            "2021-09-14",
            "2021-09-15",
            "2021-09-13",
            "2021-09-16",
            "2021-09-30",
            "2021-10-01",
            "2021-10-02",
            "2021-08-31",
            "2021-02-28",
            "2021-03-01",
            "2020-02-29",
            "2020-03-01",
            "2021-12-31",
            "2022-01-01",
            "2021-02-29",
            "2021-13-01",
            "2021-09-00",
            "2021-09-1x",
            "20x1-09-14",
            "2021-09-28",
            "2021-09-29",
            "2021-10-28",
        ];
        for a in days {
            for b in days {
                assert_eq!(dates_agree(a, b), calendar_days_agree(a, b), "{a} {b}");
            }
        }
        assert!(dates_agree("2021-09-30", "2021-10-01"));
        assert!(!dates_agree("2021-09-14", "2021-09-16"));
        assert!(dates_agree("2021-09", "2021-09-30"));
    }

    proptest::proptest! {
        #[test]
        fn any_two_day_dates_agree_as_the_calendar_says(
            a in "(19|20)[0-9]{2}-(0[0-9]|1[0-3])-[0-3][0-9]",
            b in "(19|20)[0-9]{2}-(0[0-9]|1[0-3])-[0-3][0-9]",
            near in proptest::bool::ANY,
        ) {
            // Half the pairs share a month, so that near days are common.
            let b = if near { format!("{}{}", &a[..8], &b[8..]) } else { b };
            proptest::prop_assert_eq!(dates_agree(&a, &b), calendar_days_agree(&a, &b));
        }
    }

    #[test]
    fn spelling_variants_across_articles_are_one_person() {
        let g = ingest(&[
            "Russian Foreign Minister Dmitry Peskov met Chinese Foreign Minister Wang Yi in Beijing on Monday.",
            "Russian Foreign Minister Dmitri Peskov said the talks went well.",
        ]);
        assert_eq!(persons(&g), ["Dmitry Peskov", "Wang Yi"]);
        let peskov = &g.nodes["person/dmitry-peskov"];
        assert!(peskov.aliases.contains("Dmitri Peskov"), "{peskov:?}");
        assert!(
            peskov.props["merged_because"].contains("variants"),
            "{peskov:?}"
        );
    }

    #[test]
    fn a_dated_meeting_joins_the_stored_one_of_its_date_only() {
        let g = ingest(&[
            "Norwegian Foreign Minister Lena Berg met Peruvian Foreign Minister Ana Ruiz in Oslo on 3 May 2021.",
            "Norwegian Foreign Minister Lena Berg met Peruvian Foreign Minister Ana Ruiz in Oslo on 9 June 2021.",
            "Norwegian Foreign Minister Lena Berg held talks with Peruvian Foreign Minister Ana Ruiz in Oslo on 4 May 2021.",
            "Norwegian Foreign Minister Lena Berg met Peruvian Foreign Minister Ana Ruiz in Oslo on 20 August 2021.",
        ]);
        let mut dates: Vec<&str> = g
            .nodes
            .values()
            .filter(|n| n.kind == NodeKind::Meeting)
            .filter_map(|n| n.props.get("date").map(String::as_str))
            .collect();
        dates.sort();
        // 4 May is a day from 3 May: the same meeting, reported again.
        assert_eq!(dates, ["2021-05-03", "2021-06-09", "2021-08-20"], "{g:?}");
        let may = g
            .nodes
            .values()
            .find(|n| n.props.get("date").is_some_and(|d| d == "2021-05-03"))
            .unwrap();
        assert!(may.props.contains_key("merged_because"), "{may:?}");
    }

    #[test]
    fn a_lone_traveller_joins_another_articles_meeting_only_by_its_city_or_date() {
        let g = ingest(&[
            "Russian President Vladimir Putin held talks with North Korean leader Kim Jong Un in Pyongyang.",
            "Russian President Vladimir Putin is expected to visit China.",
            "Russian President Vladimir Putin arrived in Pyongyang for a visit.",
        ]);
        let mut meetings: Vec<(usize, Option<&str>)> = g
            .nodes
            .values()
            .filter(|n| n.kind == NodeKind::Meeting)
            .map(|n| {
                let attendees = g
                    .in_edges(&n.id)
                    .filter(|e| e.kind == EdgeKind::Attended)
                    .count();
                (attendees, n.props.get("status").map(String::as_str))
            })
            .collect();
        meetings.sort();
        // The planned visit to China stands alone; the visit to Pyongyang, in the same
        // city, is the talks told again.
        assert_eq!(meetings, [(1, Some("planned")), (2, Some("held"))], "{g:?}");
    }

    #[test]
    fn undated_talks_in_two_cities_stay_two_meetings() {
        let g = ingest(&[
            "Norwegian Foreign Minister Lena Berg held talks with Peruvian Foreign Minister Ana Ruiz in Oslo.",
            "Norwegian Foreign Minister Lena Berg held talks with Peruvian Foreign Minister Ana Ruiz in Lima.",
            "Norwegian Foreign Minister Lena Berg held talks with Peruvian Foreign Minister Ana Ruiz in Lima.",
        ]);
        let mut places: Vec<&str> = g
            .edges
            .values()
            .filter(|e| e.kind == EdgeKind::HeldIn)
            .map(|e| e.dst.as_str())
            .collect();
        places.sort();
        // Undated, the two share an id of persons and kind: the one in Lima gets its
        // own, and the second report from Lima joins it.
        assert_eq!(places, ["place/lima", "place/oslo"], "{g:?}");
        let meetings = g.nodes.values().filter(|n| n.kind == NodeKind::Meeting);
        assert_eq!(meetings.count(), 2, "{g:?}");
    }

    #[test]
    fn same_surname_different_country_stays_apart() {
        let g = ingest(&[
            "Indian Prime Minister Narendra Modi met Russian President Vladimir Putin in Moscow on July 8, 2024.",
            "Nepalese Foreign Minister Arzu Modi said on Friday that talks would continue.",
        ]);
        let names = persons(&g);
        assert!(
            names.contains(&"Narendra Modi") && names.contains(&"Arzu Modi"),
            "{names:?}"
        );
    }
}
