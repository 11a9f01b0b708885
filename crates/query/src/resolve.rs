//! Finding a node by a name as a person would type it.

use model::{fold, folds_to, Graph, Node, NodeKind};

use crate::outline::Outline;

/// The outcome of [`resolve_name`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved<'g> {
    /// Exactly one node answers to the name.
    One(&'g Node),
    /// Several nodes answer equally well, sorted by id.
    Ambiguous(Vec<&'g Node>),
    /// No node answers to the name.
    NotFound,
}

/// Finds the node a name stands for, optionally only among nodes of one kind.
///
/// Names are compared as [`model::fold`] keys, so case, accents, spaces and
/// punctuation do not matter. In order, the first step that finds anything decides:
///
/// 1. a node whose id is exactly `name` (so ids printed by other commands work);
/// 2. nodes whose name or one of whose aliases folds to the same key;
/// 3. nodes with that key among their match keys ([`Node::keys`], e.g. a surname).
///
/// Within a step, when `kind` is `None` and both article and other nodes match, the
/// article nodes are dropped. One node left gives [`Resolved::One`], several give
/// [`Resolved::Ambiguous`] (sorted by id). A name that folds to nothing is
/// [`Resolved::NotFound`].
pub fn resolve_name<'g>(graph: &'g Graph, name: &str, kind: Option<NodeKind>) -> Resolved<'g> {
    resolve_among(graph.nodes.get(name), || graph.nodes.values(), name, kind)
}

impl Outline {
    /// [`resolve_name`] on the outline's nodes: the same steps and answers. The nodes
    /// returned have no evidence.
    pub fn resolve_name(&self, name: &str, kind: Option<NodeKind>) -> Resolved<'_> {
        resolve_among(self.node(name), || self.nodes(), name, kind)
    }
}

/// The steps of [`resolve_name`], given the node whose id is `name` and every node in
/// id order.
fn resolve_among<'g, I: Iterator<Item = &'g Node>>(
    with_id: Option<&'g Node>,
    all: impl Fn() -> I,
    name: &str,
    kind: Option<NodeKind>,
) -> Resolved<'g> {
    let of_kind = |node: &&Node| kind.is_none_or(|k| node.kind == k);
    if let Some(node) = with_id.filter(of_kind) {
        return Resolved::One(node);
    }
    let key = fold(name);
    if key.is_empty() {
        return Resolved::NotFound;
    }
    let by_name: Vec<&Node> = all()
        .filter(of_kind)
        .filter(|node| {
            folds_to(&node.name, &key) || node.aliases.iter().any(|alias| folds_to(alias, &key))
        })
        .collect();
    if !by_name.is_empty() {
        return decide(by_name);
    }
    let by_key: Vec<&Node> = all()
        .filter(of_kind)
        .filter(|node| node.keys.contains(&key) || node.keys.iter().any(|k| folds_to(k, &key)))
        .collect();
    decide(by_key)
}

/// Turns the candidates of one step (already in id order) into an answer.
fn decide(mut candidates: Vec<&Node>) -> Resolved<'_> {
    if candidates.iter().any(|n| n.kind != NodeKind::Article) {
        candidates.retain(|n| n.kind != NodeKind::Article);
    }
    match candidates.len() {
        0 => Resolved::NotFound,
        1 => Resolved::One(candidates[0]),
        _ => Resolved::Ambiguous(candidates),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph() -> Graph {
        let mut graph = Graph::new();
        let mut peskov = Node::new(NodeKind::Person, "Dmitry Peskov");
        peskov.aliases.insert("Dmitri Peskov".into());
        peskov.keys.insert("peskov".into());
        graph.add_node(peskov);
        graph.add_node(Node::new(NodeKind::Person, "Hossein Mir-Hosseini"));
        graph.add_node(Node::new(NodeKind::Country, "Georgia"));
        graph.add_node(Node::new(NodeKind::Place, "Georgia"));
        let mut article = Node::new(NodeKind::Article, "Dmitry Peskov");
        article.id = "article/0123456789abcdef".into();
        graph.add_node(article);
        graph
    }

    #[test]
    fn folds_names_and_aliases() {
        let graph = graph();
        let found = |name| match resolve_name(&graph, name, None) {
            Resolved::One(node) => node.id.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(found("dmitri  PESKOV"), "person/dmitry-peskov");
        assert_eq!(found("Hossein Mir Hosseini"), "person/hossein-mir-hosseini");
        assert_eq!(found("peskov"), "person/dmitry-peskov");
        assert_eq!(found("person/dmitry-peskov"), "person/dmitry-peskov");
    }

    #[test]
    fn same_name_in_two_kinds_is_ambiguous_unless_a_kind_is_given() {
        let graph = graph();
        match resolve_name(&graph, "georgia", None) {
            Resolved::Ambiguous(nodes) => {
                assert_eq!(
                    nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
                    ["country/georgia", "place/georgia"]
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(resolve_name(&graph, "georgia", Some(NodeKind::Place)), Resolved::One(n) if n.id == "place/georgia")
        );
        assert_eq!(resolve_name(&graph, "Narnia", None), Resolved::NotFound);
        assert_eq!(resolve_name(&graph, "?!", None), Resolved::NotFound);
        assert!(matches!(
            resolve_name(&graph, "Dmitry Peskov", Some(NodeKind::Article)),
            Resolved::One(n) if n.kind == NodeKind::Article
        ));
    }
}
