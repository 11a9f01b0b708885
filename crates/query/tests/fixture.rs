//! Small hand-built graphs.

use model::{Article, Edge, EdgeKind, Evidence, Graph, Node, NodeKind};

pub(crate) const ARTICLE: &str = "0123456789abcdef";
pub(crate) const LAVROV: &str = "person/sergey-lavrov";
pub(crate) const AMIR: &str = "person/hossein-amir-abdollahian";
pub(crate) const NASTY: &str = "person/jean-le-boss-d-arc";
pub(crate) const RUSSIA: &str = "country/russia";
pub(crate) const IRAN: &str = "country/iran";
pub(crate) const SYRIA: &str = "country/syria";
pub(crate) const MOSCOW: &str = "place/moscow";
pub(crate) const TEHRAN: &str = "place/tehran";
pub(crate) const NUCLEAR: &str = "topic/nuclear-deal";
pub(crate) const SANCTIONS: &str = "topic/sanctions";
pub(crate) const TALKS: &str = "meeting/2023-03-29-lavrov-amir-abdollahian";
pub(crate) const VISIT: &str = "meeting/2023-04-lavrov-tehran";
pub(crate) const UNDATED: &str = "meeting/undated-call";
pub(crate) const ARTICLE_NODE: &str = "article/0123456789abcdef";

/// A name that tries to break every format.
pub(crate) const NASTY_NAME: &str =
    "Jean \"Le Boss\" d'Arc \\ {x}\n<b>&amp;</b> ]]> -- -> ; # \u{7}é";

pub(crate) fn evidence(sentence: &str, start: usize) -> Vec<Evidence> {
    vec![Evidence {
        article: ARTICLE.into(),
        sentence: sentence.into(),
        start,
        end: start + sentence.len(),
    }]
}

fn node(kind: NodeKind, id: &str, name: &str, props: &[(&str, &str)]) -> Node {
    let mut node = Node::new(kind, name);
    node.id = id.into();
    node.keys.insert(model::fold(name));
    for (k, v) in props {
        node.props.insert((*k).into(), (*v).into());
    }
    node.evidence = evidence(&format!("{name} was named."), 10);
    node
}

fn edge(src: &str, kind: EdgeKind, dst: &str) -> Edge {
    let mut edge = Edge::new(src, kind, dst);
    edge.evidence = evidence(&format!("{src} {kind} {dst}."), 100);
    edge
}

/// Two foreign ministers of two countries meet in Moscow on 2023-03-29 and discuss
/// the nuclear deal and Syria; one plans a visit to Tehran in April 2023 with a
/// person with a nasty name; Iran holds an undated call; an article mentions
/// everything, and sanctions only through it.
pub(crate) fn graph() -> Graph {
    let mut graph = Graph::new();
    let mut lavrov = node(
        NodeKind::Person,
        LAVROV,
        "Sergey Lavrov",
        &[("role", "Foreign Minister")],
    );
    lavrov
        .aliases
        .extend(["Lavrov".to_owned(), "Sergei Lavrov".to_owned()]);
    lavrov.keys.insert("lavrov".into());
    let mut amir = node(
        NodeKind::Person,
        AMIR,
        "Hossein Amir-Abdollahian",
        &[("role", "Foreign Minister")],
    );
    amir.aliases.insert("Amir -Abdollahian".into());
    for n in [
        lavrov,
        amir,
        node(
            NodeKind::Person,
            NASTY,
            NASTY_NAME,
            &[("role", "a \"role\"\twith\ttabs")],
        ),
        node(NodeKind::Country, RUSSIA, "Russia", &[]),
        node(NodeKind::Country, IRAN, "Iran", &[]),
        node(NodeKind::Country, SYRIA, "Syria", &[]),
        node(NodeKind::Place, MOSCOW, "Moscow", &[]),
        node(NodeKind::Place, TEHRAN, "Tehran", &[]),
        node(NodeKind::Topic, NUCLEAR, "nuclear deal", &[]),
        node(NodeKind::Topic, SANCTIONS, "sanctions", &[]),
        node(
            NodeKind::Meeting,
            TALKS,
            "Lavrov – Amir-Abdollahian talks",
            &[
                ("date", "2023-03-29"),
                ("status", "held"),
                ("type", "talks"),
            ],
        ),
        node(
            NodeKind::Meeting,
            VISIT,
            "Lavrov visit to Tehran",
            &[
                ("date", "2023-04"),
                ("status", "planned"),
                ("type", "visit"),
            ],
        ),
        node(
            NodeKind::Meeting,
            UNDATED,
            "Iran phone call",
            &[("type", "phone_call")],
        ),
        node(
            NodeKind::Article,
            ARTICLE_NODE,
            "Lavrov meets Iranian counterpart",
            &[("date", "2023-03-29")],
        ),
    ] {
        graph.add_node(n);
    }
    let mut represents = edge(LAVROV, EdgeKind::Represents, RUSSIA);
    represents
        .props
        .insert("role".into(), "Foreign Minister".into());
    graph.add_edge(represents);
    for (src, kind, dst) in [
        (AMIR, EdgeKind::Represents, IRAN),
        (NASTY, EdgeKind::Represents, IRAN),
        (LAVROV, EdgeKind::Attended, TALKS),
        (AMIR, EdgeKind::Attended, TALKS),
        (TALKS, EdgeKind::HeldIn, MOSCOW),
        (TALKS, EdgeKind::Discussed, NUCLEAR),
        (TALKS, EdgeKind::Discussed, SYRIA),
        (LAVROV, EdgeKind::Attended, VISIT),
        (NASTY, EdgeKind::Attended, VISIT),
        (VISIT, EdgeKind::HeldIn, TEHRAN),
        (IRAN, EdgeKind::Attended, UNDATED),
        (MOSCOW, EdgeKind::LocatedIn, RUSSIA),
        (TEHRAN, EdgeKind::LocatedIn, IRAN),
    ] {
        graph.add_edge(edge(src, kind, dst));
    }
    let ids: Vec<String> = graph
        .nodes
        .keys()
        .filter(|id| id.as_str() != ARTICLE_NODE)
        .cloned()
        .collect();
    for id in ids {
        graph.add_edge(edge(ARTICLE_NODE, EdgeKind::Mentions, &id));
    }
    graph
}

pub(crate) fn articles() -> Vec<Article> {
    vec![Article {
        id: ARTICLE.into(),
        source: "seeds/lavrov \"quoted\".txt".into(),
        title: Some("Lavrov meets Iranian counterpart".into()),
        date: Some("2023-03-29".into()),
        bytes: 2048,
    }]
}
