//! RDF N-Triples.

use std::fmt::Write as _;

use model::{Edge, EdgeKind, Evidence, Graph, Node, NodeKind};

use super::WriteError;

/// The namespace of summit's own classes and properties.
pub const BASE: &str = "https://summit.example/ns#";
/// The namespace of nodes, edges and articles: a node's IRI is this followed by its
/// id, percent-encoded (`https://summit.example/id/person/dmitry-peskov`).
pub const ID_BASE: &str = "https://summit.example/id/";

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const SCHEMA: &str = "https://schema.org/";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";

/// Percent-encodes every byte but ASCII letters, digits, `-._~` and, when `keep_slash`,
/// `/`.
fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || (keep_slash && byte == b'/') {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// `<iri>`; the IRI must already be safe (built from constants and [`encode`]).
fn iri(text: &str) -> String {
    format!("<{text}>")
}

fn node_iri(id: &str) -> String {
    iri(&format!("{ID_BASE}{}", encode(id, true)))
}

/// A string literal, escaped per the N-Triples grammar: `\\`, `\"`, `\n`, `\r`,
/// `\t`, `\b`, `\f`, and `\uXXXX` for the other control characters.
pub(crate) fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn typed(text: &str, datatype: &str) -> String {
    format!("{}^^<{XSD}{datatype}>", literal(text))
}

/// A date as the matching XML Schema literal (`xsd:date`, `xsd:gYearMonth`,
/// `xsd:gYear`), or a plain string when it is none of those shapes.
fn date_literal(date: &str) -> String {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y] if y.len() == 4 && digits(y) => typed(date, "gYear"),
        [y, m] if y.len() == 4 && m.len() == 2 && digits(y) && digits(m) => {
            typed(date, "gYearMonth")
        }
        _ if crate::dates::day_span(date)
            .is_some_and(|(start, end)| start == end && start == date) =>
        {
            typed(date, "date")
        }
        _ => literal(date),
    }
}

/// A property name as a local name: ASCII letters, digits and `_`.
fn local(name: &str) -> String {
    let clean = super::ascii_word(name);
    if clean.is_empty() {
        "_".to_owned()
    } else {
        clean
    }
}

fn class(kind: NodeKind) -> (&'static str, &'static [&'static str]) {
    match kind {
        NodeKind::Person => ("Person", &["https://schema.org/Person"]),
        NodeKind::Country => ("Country", &["https://schema.org/Country"]),
        NodeKind::Meeting => (
            "Meeting",
            &[
                "https://schema.org/Event",
                "http://semanticweb.cs.vu.nl/2009/11/sem/Event",
            ],
        ),
        NodeKind::Topic => ("Topic", &["http://www.w3.org/2004/02/skos/core#Concept"]),
        NodeKind::Place => (
            "Place",
            &[
                "https://schema.org/Place",
                "http://semanticweb.cs.vu.nl/2009/11/sem/Place",
            ],
        ),
        NodeKind::Organization => ("Organization", &["https://schema.org/Organization"]),
        NodeKind::Article => ("Article", &["https://schema.org/NewsArticle"]),
    }
}

/// Standard properties stated beside summit's own for an edge: (predicate, whether
/// it runs from the edge's destination to its source).
fn standard(kind: EdgeKind) -> &'static [(&'static str, bool)] {
    match kind {
        EdgeKind::Attended => &[
            ("https://schema.org/attendee", true),
            ("http://semanticweb.cs.vu.nl/2009/11/sem/hasActor", true),
        ],
        EdgeKind::HeldIn => &[
            ("https://schema.org/location", false),
            ("http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace", false),
        ],
        EdgeKind::Discussed => &[("https://schema.org/about", false)],
        EdgeKind::LocatedIn => &[("https://schema.org/containedInPlace", false)],
        EdgeKind::Mentions => &[("https://schema.org/mentions", false)],
        EdgeKind::MemberOf => &[("https://schema.org/memberOf", false)],
        EdgeKind::Represents => &[],
    }
}

/// Triples being written: the text so far, and the number of the next blank node.
#[derive(Default)]
struct Out {
    text: String,
    blank: usize,
}

impl Out {
    fn triple(&mut self, s: &str, p: &str, o: &str) {
        let _ = writeln!(self.text, "{s} {p} {o} .");
    }

    fn evidence(&mut self, subject: &str, evidence: &[Evidence]) {
        for e in evidence {
            let b = format!("_:b{}", self.blank);
            self.blank += 1;
            self.triple(subject, &iri(&format!("{BASE}evidence")), &b);
            self.triple(
                &b,
                &iri(&format!("{RDF}type")),
                &iri(&format!("{BASE}Evidence")),
            );
            self.triple(
                &b,
                &iri(&format!("{BASE}article")),
                &node_iri(&model::article_node_id(&e.article)),
            );
            self.triple(&b, &iri(&format!("{BASE}sentence")), &literal(&e.sentence));
            self.triple(
                &b,
                &iri(&format!("{BASE}start")),
                &typed(&e.start.to_string(), "integer"),
            );
            self.triple(
                &b,
                &iri(&format!("{BASE}end")),
                &typed(&e.end.to_string(), "integer"),
            );
        }
    }
}

/// The graph as RDF N-Triples (UTF-8, one triple per line, blank nodes `_:b0`,
/// `_:b1`, ... in output order).
///
/// Vocabulary (`summit:` is [`BASE`], nodes live under [`ID_BASE`]):
///
/// - Every node: `rdf:type summit:<Kind>` (`summit:Person`, `summit:Meeting`, ...)
///   and a standard class: `schema:Person`, `schema:Country`, meetings
///   `schema:Event` and `sem:Event` (Simple Event Model), topics `skos:Concept`,
///   places `schema:Place` and `sem:Place`, `schema:Organization`,
///   articles `schema:NewsArticle`. `rdfs:label` and `schema:name` carry the name,
///   `skos:altLabel` each alias, `summit:matchKey` each match key.
/// - Properties: `summit:<prop>` with a string (name reduced to ASCII letters, digits
///   and `_`); a meeting's `date` is also `schema:startDate` typed `xsd:date`,
///   `xsd:gYearMonth` or `xsd:gYear` when it has one of those shapes.
/// - Edges: `<src> summit:<kind> <dst>` (`summit:attended`, `summit:held_in`, ...),
///   plus standard properties where one fits: `schema:attendee` and `sem:hasActor`
///   (meeting to attendee), `schema:location` and `sem:hasPlace`, `schema:about`,
///   `schema:containedInPlace`, `schema:mentions`, `schema:memberOf`.
/// - Each edge is also an `rdf:Statement` named `<ID_BASE>edge/<src>/<kind>/<dst>`
///   (ids fully percent-encoded) with `rdf:subject`, `rdf:predicate`, `rdf:object`,
///   its properties, and its evidence.
/// - Evidence: `summit:evidence` to a blank node of type `summit:Evidence` with
///   `summit:article` (the article node's IRI), `summit:sentence`, and
///   `summit:start` / `summit:end` (`xsd:integer` byte offsets).
pub fn ntriples(graph: &Graph) -> String {
    let mut out = Out::default();
    for node in graph.nodes.values() {
        out.node(node);
    }
    for edge in graph.edges.values() {
        out.edge(edge);
    }
    out.text
}

/// Writes what [`ntriples`] makes, byte for byte, from nodes and edges read while it is
/// written, so that a whole store's graph never has to be in memory at once. `nodes`
/// must come in id order and `edges` in (src, kind, dst) order, as a [`Graph`] holds
/// them. Stops at the first `Err` an iterator gives, or at the first failed write.
pub fn write_ntriples<W, E, N, D>(out: W, nodes: N, edges: D) -> Result<(), WriteError<E>>
where
    W: std::io::Write,
    N: Iterator<Item = Result<Node, E>>,
    D: Iterator<Item = Result<Edge, E>>,
{
    use std::io::Write;
    let mut writer = std::io::BufWriter::new(out);
    let mut out = Out::default();
    for node in nodes {
        out.node(&node.map_err(WriteError::Read)?);
        writer
            .write_all(out.text.as_bytes())
            .map_err(WriteError::Write)?;
        out.text.clear();
    }
    for edge in edges {
        out.edge(&edge.map_err(WriteError::Read)?);
        writer
            .write_all(out.text.as_bytes())
            .map_err(WriteError::Write)?;
        out.text.clear();
    }
    writer.flush().map_err(WriteError::Write)
}

impl Out {
    /// The triples of one node.
    fn node(&mut self, node: &Node) {
        let rdf_type = iri(&format!("{RDF}type"));
        let subject = node_iri(&node.id);
        let (own, standard_classes) = class(node.kind);
        self.triple(&subject, &rdf_type, &iri(&format!("{BASE}{own}")));
        for standard_class in standard_classes {
            self.triple(&subject, &rdf_type, &iri(standard_class));
        }
        self.triple(
            &subject,
            &iri(&format!("{RDFS}label")),
            &literal(&node.name),
        );
        self.triple(
            &subject,
            &iri(&format!("{SCHEMA}name")),
            &literal(&node.name),
        );
        for alias in &node.aliases {
            self.triple(&subject, &iri(&format!("{SKOS}altLabel")), &literal(alias));
        }
        for key in &node.keys {
            self.triple(&subject, &iri(&format!("{BASE}matchKey")), &literal(key));
        }
        for (prop, value) in &node.props {
            self.triple(
                &subject,
                &iri(&format!("{BASE}{}", local(prop))),
                &literal(value),
            );
            if prop == "date" && node.kind == NodeKind::Meeting {
                self.triple(
                    &subject,
                    &iri(&format!("{SCHEMA}startDate")),
                    &date_literal(value),
                );
            }
        }
        self.evidence(&subject, &node.evidence);
    }

    /// The triples of one edge: the edge itself, its standard equivalents, and the
    /// statement that carries its properties and evidence.
    fn edge(&mut self, edge: &Edge) {
        let rdf_type = iri(&format!("{RDF}type"));
        let (src, dst) = (node_iri(&edge.src), node_iri(&edge.dst));
        let predicate = iri(&format!("{BASE}{}", edge.kind.as_str()));
        self.triple(&src, &predicate, &dst);
        for (standard_predicate, reversed) in standard(edge.kind) {
            let (s, o) = if *reversed {
                (&dst, &src)
            } else {
                (&src, &dst)
            };
            self.triple(s, &iri(standard_predicate), o);
        }
        let statement = iri(&format!(
            "{ID_BASE}edge/{}/{}/{}",
            encode(&edge.src, false),
            edge.kind.as_str(),
            encode(&edge.dst, false)
        ));
        self.triple(&statement, &rdf_type, &iri(&format!("{RDF}Statement")));
        self.triple(&statement, &iri(&format!("{RDF}subject")), &src);
        self.triple(&statement, &iri(&format!("{RDF}predicate")), &predicate);
        self.triple(&statement, &iri(&format!("{RDF}object")), &dst);
        for (prop, value) in &edge.props {
            self.triple(
                &statement,
                &iri(&format!("{BASE}{}", local(prop))),
                &literal(value),
            );
        }
        self.evidence(&statement, &edge.evidence);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_follow_the_grammar() {
        assert_eq!(literal("a\"b\\c\nd\re\tf"), r#""a\"b\\c\nd\re\tf""#);
        assert_eq!(literal("\u{0}\u{7f}é"), "\"\\u0000\\u007Fé\"");
    }

    #[test]
    fn ids_become_safe_iris() {
        assert_eq!(
            node_iri("person/dmitry-peskov"),
            "<https://summit.example/id/person/dmitry-peskov>"
        );
        assert_eq!(
            node_iri("a b<>\"{}é"),
            "<https://summit.example/id/a%20b%3C%3E%22%7B%7D%C3%A9>"
        );
        assert_eq!(encode("a/b", false), "a%2Fb");
    }

    #[test]
    fn dates_are_typed_when_they_can_be() {
        assert_eq!(date_literal("2023"), format!("\"2023\"^^<{XSD}gYear>"));
        assert_eq!(
            date_literal("2023-03"),
            format!("\"2023-03\"^^<{XSD}gYearMonth>")
        );
        assert_eq!(
            date_literal("2023-03-29"),
            format!("\"2023-03-29\"^^<{XSD}date>")
        );
        assert_eq!(date_literal("2023-02-30"), "\"2023-02-30\"");
        assert_eq!(date_literal("spring"), "\"spring\"");
    }
}
