//! The facts in the committed store fixture `tests/data/v1/store`, shared by the
//! example that writes it (`examples/make_fixture.rs`) and the test that reads it.
//! Do not change them: the fixture is a store written by an older summit, and must keep
//! opening with the same contents. A new format gets a new folder and its own data.

use model::{Article, Edge, EdgeKind, Evidence, Extraction, Node, NodeKind};

fn article(id: &str, source: &str, title: &str) -> Article {
    Article {
        id: id.into(),
        source: source.into(),
        title: Some(title.into()),
        date: Some("2024-05-01".into()),
        bytes: 512,
    }
}

fn evidence(article: &str, sentence: &str, start: usize) -> Evidence {
    Evidence {
        article: article.into(),
        sentence: sentence.into(),
        start,
        end: start + sentence.len(),
    }
}

fn extraction(art: Article, facts: &[(&str, &str, &str)], sentence: &str) -> Extraction {
    let mut own = Node::new(NodeKind::Article, &art.id);
    own.id = art.node_id();
    own.name = art.source.clone();
    let mut nodes = vec![own.clone()];
    let mut edges = Vec::new();
    for (i, (person, country, role)) in facts.iter().enumerate() {
        let ev = evidence(&art.id, sentence, i * 10);
        let mut p = Node::new(NodeKind::Person, person);
        p.keys.insert(model::fold(person));
        if let Some(surname) = person.split_whitespace().last() {
            p.keys.insert(model::fold(surname));
            p.aliases.insert((*surname).to_owned());
        }
        p.props.insert("role".into(), (*role).into());
        p.evidence.push(ev.clone());
        let mut c = Node::new(NodeKind::Country, country);
        c.keys.insert(model::fold(country));
        c.evidence.push(ev.clone());
        let mut represents = Edge::new(&p.id, EdgeKind::Represents, &c.id);
        represents.props.insert("role".into(), (*role).into());
        represents.evidence.push(ev.clone());
        for target in [&p.id, &c.id] {
            let mut mention = Edge::new(&own.id, EdgeKind::Mentions, target);
            mention.evidence.push(ev.clone());
            edges.push(mention);
        }
        edges.push(represents);
        nodes.push(p);
        nodes.push(c);
    }
    let mut meeting = Node::new(NodeKind::Meeting, &format!("Talks in {}", art.source));
    meeting.props.insert("date".into(), "2024-05-01".into());
    meeting.evidence.push(evidence(&art.id, sentence, 0));
    for (person, _, _) in facts {
        let mut attended = Edge::new(
            &Node::id_for(NodeKind::Person, person),
            EdgeKind::Attended,
            &meeting.id,
        );
        attended.evidence.push(evidence(&art.id, sentence, 0));
        // Evidence naming another article is kept as written.
        attended
            .evidence
            .push(evidence("0000000000000000", "Quoted from elsewhere.", 3));
        edges.push(attended);
    }
    nodes.push(meeting);
    Extraction {
        article: Some(art),
        nodes,
        edges,
    }
}

/// What happens to the fixture store, in order.
pub(crate) enum Step {
    Commit(Extraction),
    Forget(&'static str),
}

/// The steps that build the fixture: four commits (one replacing an older article from
/// the same source) and a forget.
pub(crate) fn steps() -> Vec<Step> {
    vec![
        Step::Commit(extraction(
            article("1111111111111111", "news/lavrov.txt", "Lavrov meets Wang"),
            &[
                ("Sergey Lavrov", "Russia", "Foreign Minister"),
                ("Wang Yi", "China", "Foreign Minister"),
            ],
            "Sergey Lavrov met Wang Yi in Beijing.",
        )),
        Step::Commit(extraction(
            article("2222222222222222", "news/tehran.txt", "Talks in Tehran"),
            &[
                ("Sergey Lavrov", "Russia", "minister"),
                ("Hossein Amir-Abdollahian", "Iran", "Foreign Minister"),
            ],
            "Lavrov held talks with Amir-Abdollahian in Tehran.",
        )),
        Step::Commit(extraction(
            article("3333333333333333", "news/canberra.txt", "Wong calls Wang"),
            &[
                ("Penny Wong", "Australia", "Foreign Minister"),
                ("Wang Yi", "China", "minister"),
            ],
            "Penny Wong spoke with Wang Yi by phone.",
        )),
        Step::Commit(extraction(
            article(
                "4444444444444444",
                "news/tehran.txt",
                "Talks in Tehran (corrected)",
            ),
            &[
                ("Sergey Lavrov", "Russia", "Foreign Minister"),
                ("Ali Bagheri", "Iran", "deputy minister"),
            ],
            "Lavrov held talks with Ali Bagheri in Tehran.",
        )),
        Step::Forget("3333333333333333"),
    ]
}
