//! What GraphML and GEXF share: escaping and element helpers over quick-xml.

use std::{borrow::Borrow, io};

use model::{Edge, Node};

use quick_xml::{
    events::{attributes::Attribute, BytesDecl, BytesEnd, BytesStart, BytesText, Event},
    writer::{ElementWriter, Writer},
};

use super::WriteError;

/// Escapes text for XML 1.0 content or a double-quoted attribute value: markup
/// characters and quotes become entities, tab, line feed and carriage return become
/// character references (so attribute-value normalisation cannot turn them into
/// spaces), and characters XML 1.0 forbids outright (other C0 controls, U+FFFE,
/// U+FFFF) become U+FFFD.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A writer with two-space indentation.
pub(crate) fn writer() -> Writer<Vec<u8>> {
    Writer::new_with_indent(Vec::new(), b' ', 2)
}

/// Writes the `<?xml ...?>` declaration.
pub(crate) fn declaration(w: &mut Writer<Vec<u8>>) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
}

/// Starts an element with attributes whose values are escaped by [`escape`].
pub(crate) fn element<'w>(
    w: &'w mut Writer<Vec<u8>>,
    name: &'w str,
    attrs: &[(&str, &str)],
) -> ElementWriter<'w, Vec<u8>> {
    let mut element = w.create_element(name);
    for (key, value) in attrs {
        let value = escape(value);
        element = element.with_attribute(Attribute::from((key.as_bytes(), value.as_bytes())));
    }
    element
}

/// Writes `<name attrs>text</name>` with the text escaped by [`escape`].
pub(crate) fn text_element(
    w: &mut Writer<Vec<u8>>,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    let escaped = escape(text);
    element(w, name, attrs).write_text_content(BytesText::from_escaped(escaped))?;
    Ok(())
}

/// Writes the start tag of an element whose content is written next, item by item,
/// and closed by [`end`]: what `element(..).write_inner_content` writes around its
/// content, for a document written while it is read.
pub(crate) fn start(w: &mut Writer<Vec<u8>>, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    let mut tag = BytesStart::new(name);
    for (key, value) in attrs {
        let value = escape(value);
        tag.push_attribute(Attribute::from((key.as_bytes(), value.as_bytes())));
    }
    w.write_event(Event::Start(tag))
}

/// Writes the end tag of an element [`start`] opened.
pub(crate) fn end(w: &mut Writer<Vec<u8>>, name: &str) -> io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
}

/// Writes a document as it is read: `head`, then each node, then `between`, then each
/// edge (numbered from 0), then `tail`, moving what `w` holds into `out` after each
/// item so that only one item is in memory at a time. Stops at the first `Err` an
/// iterator gives, or at the first failed write.
#[allow(
    clippy::too_many_arguments,
    reason = "the parts of one document, in order"
)]
pub(crate) fn stream<W, E, N, D, BN, BE>(
    mut out: W,
    head: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>,
    nodes: N,
    node: impl Fn(&mut Writer<Vec<u8>>, &Node) -> io::Result<()>,
    between: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>,
    edges: D,
    edge: impl Fn(&mut Writer<Vec<u8>>, usize, &Edge) -> io::Result<()>,
    tail: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>,
) -> Result<(), WriteError<E>>
where
    W: io::Write,
    N: Iterator<Item = Result<BN, E>>,
    D: Iterator<Item = Result<BE, E>>,
    BN: Borrow<Node>,
    BE: Borrow<Edge>,
{
    let mut w = writer();
    head(&mut w).map_err(WriteError::Write)?;
    for item in nodes {
        node(&mut w, item.map_err(WriteError::Read)?.borrow()).map_err(WriteError::Write)?;
        drain(&mut w, &mut out).map_err(WriteError::Write)?;
    }
    between(&mut w).map_err(WriteError::Write)?;
    for (n, item) in edges.enumerate() {
        edge(&mut w, n, item.map_err(WriteError::Read)?.borrow()).map_err(WriteError::Write)?;
        drain(&mut w, &mut out).map_err(WriteError::Write)?;
    }
    tail(&mut w).map_err(WriteError::Write)?;
    drain(&mut w, &mut out).map_err(WriteError::Write)?;
    out.write_all(b"\n").map_err(WriteError::Write)?;
    out.flush().map_err(WriteError::Write)
}

/// Moves what `w` has written so far into `out`; `w` keeps its indentation.
pub(crate) fn drain(w: &mut Writer<Vec<u8>>, out: &mut impl io::Write) -> io::Result<()> {
    out.write_all(w.get_ref())?;
    w.get_mut().clear();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_whitespace_and_forbidden_characters() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("x\ty\nz\r"), "x&#9;y&#10;z&#13;");
        assert_eq!(escape("\u{0}\u{7}\u{ffff}é"), "\u{fffd}\u{fffd}\u{fffd}é");
        assert_eq!(escape("]]>"), "]]&gt;");
    }
}
