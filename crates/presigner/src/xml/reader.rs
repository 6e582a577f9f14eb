//! A small, strict, non-recursive reader of the XML that S3 answers with.
//!
//! Hand-written rather than rusty-s3's parser (instant-xml): that one
//! accepts a document cut short (`<ListPartsResult>` with two of three
//! `<Part>`s and no end tag parses as a complete list of two parts) and
//! trailing garbage after the root, which would make a truncated answer
//! look like a whole one. This reader takes the subset of XML 1.0 that S3,
//! R2 and other stores send — elements, attributes, text, the five
//! predefined entities, character references, CDATA, comments, an XML
//! declaration (UTF-8) — and refuses everything else:
//!
//! - a body over [`MAX_XML_BYTES`] (refused unread), invalid UTF-8, and
//!   control characters XML does not allow;
//! - `<!DOCTYPE`, `<!ENTITY` and every other declaration, so no entity is
//!   ever defined, let alone expanded;
//! - nesting deeper than [`MAX_XML_DEPTH`] (the open elements are a `Vec`,
//!   never the call stack), more than [`MAX_ATTRIBUTES`] attributes on one
//!   element;
//! - a document that ends with elements still open, a second root, text
//!   outside the root, an end tag that does not match its start tag.
//!
//! Every step is linear in the input, and the memory it keeps is the
//! stack of open element names plus the text of one element at a time.

use std::borrow::Cow;

use crate::error::{Error, Result};
use crate::limits::{MAX_XML_BYTES, MAX_XML_DEPTH};

/// The namespace of S3's documents.
pub(crate) const S3_NAMESPACE: &str = "http://s3.amazonaws.com/doc/2006-03-01/";

/// Most attributes one element may carry (S3's carry at most two).
const MAX_ATTRIBUTES: usize = 32;

/// One step through a document.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Event<'a> {
    /// An element starts; `xmlns` is its default-namespace declaration.
    Open {
        name: &'a str,
        xmlns: Option<Cow<'a, str>>,
    },
    /// Text (entities decoded, line ends normalised) or a CDATA section.
    Text(Cow<'a, str>),
    /// The innermost open element ends.
    Close,
}

fn invalid(offset: usize, reason: &'static str) -> Error {
    Error::InvalidXml { offset, reason }
}

/// XML's whitespace characters.
pub(crate) const SPACE: [char; 4] = [' ', '\t', '\n', '\r'];

const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Whether `text` is only XML whitespace.
pub(crate) fn is_blank(text: &str) -> bool {
    text.bytes().all(is_space)
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == ':' || !c.is_ascii()
}

fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || c == '-' || c == '.'
}

/// A character XML 1.0 allows in a document.
const fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text or an attribute value with its entities and character references
/// decoded and its line ends (`\r\n`, `\r`) turned into `\n`. `offset` is
/// where `raw` starts in the document, for error messages.
fn decode(raw: &str, offset: usize) -> Result<Cow<'_, str>> {
    if !raw.contains(['&', '\r']) {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find(['&', '\r']) {
        out.push_str(&rest[..at]);
        let here = offset + (raw.len() - rest.len()) + at;
        if rest.as_bytes()[at] == b'\r' {
            out.push('\n');
            rest = &rest[at + 1..];
            rest = rest.strip_prefix('\n').unwrap_or(rest);
            continue;
        }
        // The longest reference is `&#x10FFFF;` or `&#1114111;` (10 bytes);
        // allow leading zeros up to a sane length.
        let after = &rest[at + 1..];
        let semi = after
            .bytes()
            .take(16)
            .position(|b| b == b';')
            .ok_or_else(|| invalid(here, "an '&' that starts no entity or character reference"))?;
        let entity = &after[..semi];
        let decoded = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = entity.strip_prefix("#x") {
                    hex.bytes()
                        .all(|b| b.is_ascii_hexdigit())
                        .then(|| u32::from_str_radix(hex, 16).ok())
                        .flatten()
                } else if let Some(dec) = entity.strip_prefix('#') {
                    dec.bytes()
                        .all(|b| b.is_ascii_digit())
                        .then(|| dec.parse::<u32>().ok())
                        .flatten()
                } else {
                    return Err(invalid(
                        here,
                        "an entity other than &lt; &gt; &amp; &quot; &apos; (no DTD defines others)",
                    ));
                };
                code.and_then(char::from_u32)
                    .filter(|c| is_xml_char(*c))
                    .ok_or_else(|| {
                        invalid(
                            here,
                            "a character reference to a character XML does not allow",
                        )
                    })?
            }
        };
        out.push(decoded);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// The length of an XML declaration's rest after `<?xml`, up to and with
/// its `?>`: `version`, `encoding` (UTF-8 only: the body is read as UTF-8)
/// and `standalone`, in that order, each at most once.
fn xml_declaration(rest: &str, offset: usize) -> Result<usize> {
    let bad = || {
        invalid(
            offset,
            "an XML declaration that is not version, encoding (UTF-8) and standalone",
        )
    };
    let end = rest.find("?>").ok_or_else(bad)?;
    let mut names = ["version", "encoding", "standalone"].into_iter();
    let mut body = &rest[..end];
    loop {
        let trimmed = body.trim_start_matches(SPACE);
        if trimmed.is_empty() {
            return Ok(end + 2);
        }
        if trimmed.len() == body.len() {
            return Err(bad());
        }
        let (name, value) = trimmed.split_once('=').ok_or_else(bad)?;
        let name = name.trim_end_matches(SPACE);
        if !names.any(|n| n == name) {
            return Err(bad());
        }
        let value = value.trim_start_matches(SPACE);
        let quote = value
            .chars()
            .next()
            .filter(|q| matches!(q, '"' | '\''))
            .ok_or_else(bad)?;
        let len = value[1..].find(quote).ok_or_else(bad)?;
        let text = &value[1..=len];
        let fine = match name {
            "version" => text == "1.0",
            "encoding" => text.eq_ignore_ascii_case("UTF-8") || text.eq_ignore_ascii_case("UTF8"),
            _ => text == "yes" || text == "no",
        };
        if !fine {
            return Err(bad());
        }
        body = &value[len + 2..];
    }
}

/// A pull reader over one XML document.
pub(crate) struct Reader<'a> {
    src: &'a str,
    pos: usize,
    /// Names of the open elements, outermost first.
    open: Vec<&'a str>,
    seen_root: bool,
    /// The last `Open` was a self-closing tag: its `Close` comes next.
    pending_close: bool,
    /// Where the document starts (after a byte order mark).
    start: usize,
}

impl<'a> Reader<'a> {
    /// A reader of `xml`, or the error for a body too large, not UTF-8, or
    /// holding a character XML does not allow.
    pub(crate) fn new(xml: &'a [u8]) -> Result<Self> {
        if xml.len() > MAX_XML_BYTES {
            return Err(Error::XmlTooLarge { len: xml.len() });
        }
        let src = std::str::from_utf8(xml).map_err(|e| invalid(e.valid_up_to(), "not UTF-8"))?;
        if let Some(at) = src.find(|c: char| !is_xml_char(c)) {
            return Err(invalid(at, "a control character XML does not allow"));
        }
        let start = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
        Ok(Self {
            src,
            pos: start,
            open: Vec::new(),
            seen_root: false,
            pending_close: false,
            start,
        })
    }

    /// How many elements are open (1 inside the root element).
    pub(crate) fn depth(&self) -> usize {
        self.open.len()
    }

    /// The byte offset reading has reached.
    pub(crate) fn offset(&self) -> usize {
        self.pos
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// The next event, `None` once the root element has ended and only
    /// whitespace and comments follow it.
    pub(crate) fn next_event(&mut self) -> Result<Option<Event<'a>>> {
        if self.pending_close {
            self.pending_close = false;
            self.open.pop();
            return Ok(Some(Event::Close));
        }
        loop {
            let rest = self.rest();
            let here = self.pos;
            if rest.is_empty() {
                return match (self.seen_root, self.open.is_empty()) {
                    (true, true) => Ok(None),
                    (false, _) => Err(invalid(here, "no root element")),
                    (true, false) => Err(invalid(
                        here,
                        "the document ends before its elements are closed (truncated?)",
                    )),
                };
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                let raw = &rest[..end];
                self.pos += end;
                if self.open.is_empty() {
                    if is_blank(raw) {
                        continue;
                    }
                    return Err(invalid(here, "text outside the root element"));
                }
                return decode(raw, here).map(|t| Some(Event::Text(t)));
            }
            if let Some(body) = rest.strip_prefix("<!--") {
                let end = body
                    .find("--")
                    .ok_or_else(|| invalid(here, "a comment that is never closed"))?;
                if !body[end + 2..].starts_with('>') {
                    return Err(invalid(here + 4 + end, "\"--\" inside a comment"));
                }
                self.pos += 4 + end + 3;
                continue;
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                if self.open.is_empty() {
                    return Err(invalid(here, "CDATA outside the root element"));
                }
                let end = body
                    .find("]]>")
                    .ok_or_else(|| invalid(here, "a CDATA section that is never closed"))?;
                self.pos += 9 + end + 3;
                let text = &body[..end];
                return Ok(Some(Event::Text(if text.contains('\r') {
                    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
                } else {
                    Cow::Borrowed(text)
                })));
            }
            if rest.starts_with("<!") {
                return Err(invalid(
                    here,
                    "a DOCTYPE or other declaration (refused: no entity is ever defined or expanded)",
                ));
            }
            if rest.starts_with("<?") {
                // S3 sends one processing instruction, the XML declaration,
                // first. Any other is refused rather than skipped unread.
                if here != self.start || !rest.starts_with("<?xml") {
                    return Err(invalid(
                        here,
                        "a processing instruction other than the XML declaration at the start",
                    ));
                }
                self.pos += 5 + xml_declaration(&rest[5..], here)?;
                continue;
            }
            if rest.starts_with("</") {
                return self.end_tag().map(Some);
            }
            return self.start_tag().map(Some);
        }
    }

    fn skip_space(&mut self) -> bool {
        let rest = self.rest();
        let n = rest.bytes().take_while(|b| is_space(*b)).count();
        self.pos += n;
        n > 0
    }

    fn name(&mut self) -> Result<&'a str> {
        let rest = self.rest();
        let end = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
        match rest.chars().next() {
            Some(c) if end > 0 && is_name_start(c) => {
                self.pos += end;
                Ok(&rest[..end])
            }
            _ => Err(invalid(self.pos, "expected an element or attribute name")),
        }
    }

    fn start_tag(&mut self) -> Result<Event<'a>> {
        let here = self.pos;
        if self.open.is_empty() && self.seen_root {
            return Err(invalid(here, "a second root element"));
        }
        if self.open.len() >= MAX_XML_DEPTH {
            return Err(invalid(here, "elements nested deeper than 16"));
        }
        self.pos += 1;
        let name = self.name()?;
        let mut xmlns = None;
        let mut attributes: Vec<&str> = Vec::new();
        let self_closing = loop {
            let spaced = self.skip_space();
            let rest = self.rest();
            if rest.starts_with("/>") {
                self.pos += 2;
                break true;
            }
            if rest.starts_with('>') {
                self.pos += 1;
                break false;
            }
            if rest.is_empty() {
                return Err(invalid(self.pos, "the document ends inside a tag"));
            }
            if !spaced {
                return Err(invalid(
                    self.pos,
                    "expected whitespace, '>' or '/>' in a tag",
                ));
            }
            let at = self.pos;
            let attribute = self.name()?;
            if attributes.contains(&attribute) {
                return Err(invalid(at, "an attribute given twice"));
            }
            if attributes.len() >= MAX_ATTRIBUTES {
                return Err(invalid(at, "more than 32 attributes on one element"));
            }
            attributes.push(attribute);
            self.skip_space();
            if !self.rest().starts_with('=') {
                return Err(invalid(self.pos, "expected '=' after an attribute name"));
            }
            self.pos += 1;
            self.skip_space();
            let rest = self.rest();
            let quote = match rest.as_bytes().first() {
                Some(q @ (b'"' | b'\'')) => char::from(*q),
                _ => return Err(invalid(self.pos, "expected a quoted attribute value")),
            };
            let len = rest[1..]
                .find(quote)
                .ok_or_else(|| invalid(self.pos, "an attribute value that is never closed"))?;
            let raw = &rest[1..=len];
            if raw.contains('<') {
                return Err(invalid(self.pos, "'<' in an attribute value"));
            }
            let value = decode(raw, self.pos + 1)?;
            self.pos += len + 2;
            if attribute == "xmlns" {
                xmlns = Some(value);
            }
        };
        self.seen_root = true;
        self.open.push(name);
        self.pending_close = self_closing;
        Ok(Event::Open { name, xmlns })
    }

    fn end_tag(&mut self) -> Result<Event<'a>> {
        let here = self.pos;
        self.pos += 2;
        let name = self.name()?;
        self.skip_space();
        if !self.rest().starts_with('>') {
            return Err(invalid(self.pos, "expected '>' to end an end tag"));
        }
        self.pos += 1;
        match self.open.pop() {
            Some(open) if open == name => Ok(Event::Close),
            Some(_) => Err(invalid(
                here,
                "an end tag that does not match its start tag",
            )),
            None => Err(invalid(here, "an end tag without a start tag")),
        }
    }
}

/// What [`walk`] reports of a document: the children of its root element
/// and their children, which is all of every S3 answer this crate reads.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Item<'a> {
    /// A child of the root element starts.
    Enter(&'a str),
    /// An element at level 1 (a child of the root) or 2 (a grandchild)
    /// without child elements, and its text.
    Leaf {
        level: usize,
        name: &'a str,
        text: Cow<'a, str>,
    },
    /// A child of the root element ends.
    Leave(&'a str),
}

/// An open element of level 0 to 2 during [`walk`].
struct Frame<'a> {
    name: &'a str,
    text: Option<Cow<'a, str>>,
    has_child: bool,
}

/// Reads the whole of `xml`, whose root element must be `root` (in S3's
/// namespace or in none), and hands `visit` its shallow [`Item`]s in
/// document order. Deeper elements are read (and checked) but not
/// reported. Text beside child elements must be whitespace.
pub(crate) fn walk<'a>(
    xml: &'a [u8],
    root: &'static str,
    mut visit: impl FnMut(Item<'a>) -> Result<()>,
) -> Result<()> {
    let mut reader = Reader::new(xml)?;
    match reader.next_event()? {
        Some(Event::Open { name, xmlns }) => {
            if name != root {
                // Kept to 65 characters: messages echo 64 and an ellipsis.
                return Err(Error::UnexpectedXmlRoot {
                    expected: root,
                    found: name.chars().take(65).collect(),
                });
            }
            if xmlns.is_some_and(|ns| ns != S3_NAMESPACE) {
                return Err(Error::InvalidXmlElement {
                    element: root,
                    reason: "is in another namespace than S3's",
                });
            }
        }
        // The reader refuses text outside the root and an empty document.
        _ => return Err(invalid(0, "no root element")),
    }
    let mut frames = vec![Frame {
        name: root,
        text: None,
        has_child: false,
    }];
    while let Some(event) = reader.next_event()? {
        match event {
            Event::Open { name, .. } => {
                let level = reader.depth() - 1;
                if let Some(parent) = frames.get_mut(level - 1) {
                    if parent.text.take().is_some_and(|t| !is_blank(&t)) {
                        return Err(invalid(reader.offset(), "text mixed with elements"));
                    }
                    parent.has_child = true;
                }
                if level <= 2 {
                    frames.push(Frame {
                        name,
                        text: None,
                        has_child: false,
                    });
                    if level == 1 {
                        visit(Item::Enter(name))?;
                    }
                }
            }
            Event::Text(text) => {
                if let Some(frame) = frames.get_mut(reader.depth() - 1) {
                    if frame.has_child {
                        if !is_blank(&text) {
                            return Err(invalid(reader.offset(), "text mixed with elements"));
                        }
                    } else {
                        match &mut frame.text {
                            Some(all) => all.to_mut().push_str(&text),
                            none => *none = Some(text),
                        }
                    }
                }
            }
            Event::Close => {
                let level = reader.depth();
                if level <= 2 {
                    if let Some(frame) = frames.pop() {
                        if level >= 1 && !frame.has_child {
                            visit(Item::Leaf {
                                level,
                                name: frame.name,
                                text: frame.text.unwrap_or_default(),
                            })?;
                        }
                        if level == 1 {
                            visit(Item::Leave(frame.name))?;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> Result<Vec<Event<'_>>> {
        let mut reader = Reader::new(xml.as_bytes())?;
        let mut out = Vec::new();
        while let Some(e) = reader.next_event()? {
            out.push(e);
        }
        Ok(out)
    }

    fn reason(xml: &[u8]) -> &'static str {
        let mut reader = match Reader::new(xml) {
            Ok(r) => r,
            Err(Error::InvalidXml { reason, .. }) => return reason,
            Err(e) => return Box::leak(e.to_string().into_boxed_str()),
        };
        loop {
            match reader.next_event() {
                Ok(Some(_)) => {}
                Ok(None) => return "ok",
                Err(Error::InvalidXml { reason, .. }) => return reason,
                Err(e) => return Box::leak(e.to_string().into_boxed_str()),
            }
        }
    }

    #[test]
    fn reads_elements_text_and_attributes() {
        let xml = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- hi -->\
                   <R xmlns=\"urn:x\" a='1'><A>x &amp; y&#65;&#x42;</A><B/><C><![CDATA[<z>]]></C></R>\n";
        let got = events(xml).unwrap();
        for fine in [
            "<?xml version='1.0'?><R/>",
            "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\" ?>\n<R/>",
            "<?xml?><R/>",
        ] {
            assert!(events(fine).is_ok(), "{fine}");
        }
        assert_eq!(
            got,
            vec![
                Event::Open {
                    name: "R",
                    xmlns: Some("urn:x".into())
                },
                Event::Open {
                    name: "A",
                    xmlns: None
                },
                Event::Text("x & yAB".into()),
                Event::Close,
                Event::Open {
                    name: "B",
                    xmlns: None
                },
                Event::Close,
                Event::Open {
                    name: "C",
                    xmlns: None
                },
                Event::Text("<z>".into()),
                Event::Close,
                Event::Close,
            ]
        );
    }

    #[test]
    fn normalises_line_ends_but_keeps_references() {
        let got = events("<R>a\r\nb\rc&#13;</R>").unwrap();
        assert_eq!(got[1], Event::Text("a\nb\nc\r".into()));
    }

    #[test]
    fn refuses_what_is_not_well_formed() {
        for (xml, want) in [
            ("", "no root element"),
            ("  \n", "no root element"),
            (
                "<R>",
                "the document ends before its elements are closed (truncated?)",
            ),
            (
                "<R><A>x</A>",
                "the document ends before its elements are closed (truncated?)",
            ),
            ("<R><A>x</A", "expected '>' to end an end tag"),
            ("<R a=\"1", "an attribute value that is never closed"),
            ("<R", "the document ends inside a tag"),
            ("<R></S>", "an end tag that does not match its start tag"),
            ("</R>", "an end tag without a start tag"),
            ("<R/><R/>", "a second root element"),
            ("<R/>x", "text outside the root element"),
            ("x<R/>", "text outside the root element"),
            (
                "<R>&foo;</R>",
                "an entity other than &lt; &gt; &amp; &quot; &apos; (no DTD defines others)",
            ),
            (
                "<R>& x</R>",
                "an '&' that starts no entity or character reference",
            ),
            (
                "<R>&#0;</R>",
                "a character reference to a character XML does not allow",
            ),
            (
                "<R>&#xD800;</R>",
                "a character reference to a character XML does not allow",
            ),
            (
                "<R>&#99999999999;</R>",
                "a character reference to a character XML does not allow",
            ),
            (
                "<R>&#x;</R>",
                "a character reference to a character XML does not allow",
            ),
            ("<R>\u{1}</R>", "a control character XML does not allow"),
            ("<R>\u{FFFF}</R>", "a control character XML does not allow"),
            (
                "<!DOCTYPE R><R/>",
                "a DOCTYPE or other declaration (refused: no entity is ever defined or expanded)",
            ),
            (
                "<R><!ENTITY x \"y\"></R>",
                "a DOCTYPE or other declaration (refused: no entity is ever defined or expanded)",
            ),
            ("<R><!-- a -- b --></R>", "\"--\" inside a comment"),
            ("<R><!-- a </R>", "a comment that is never closed"),
            (
                "<R><![CDATA[ a </R>",
                "a CDATA section that is never closed",
            ),
            ("<![CDATA[x]]><R/>", "CDATA outside the root element"),
            (
                "<R/><?xml version=\"1.0\"?>",
                "a processing instruction other than the XML declaration at the start",
            ),
            (
                "<R><?pi x?></R>",
                "a processing instruction other than the XML declaration at the start",
            ),
            (
                "<?pi x?><R/>",
                "a processing instruction other than the XML declaration at the start",
            ),
            (
                " <?xml version=\"1.0\"?><R/>",
                "a processing instruction other than the XML declaration at the start",
            ),
            (
                "<?xml version=\"1.0\"",
                "an XML declaration that is not version, encoding (UTF-8) and standalone",
            ),
            (
                "<?xml version=\"1.1\"?><R/>",
                "an XML declaration that is not version, encoding (UTF-8) and standalone",
            ),
            (
                "<?xml encoding=\"UTF-16\"?><R/>",
                "an XML declaration that is not version, encoding (UTF-8) and standalone",
            ),
            (
                "<?xml version=\"1.0\" version=\"1.0\"?><R/>",
                "an XML declaration that is not version, encoding (UTF-8) and standalone",
            ),
            (
                "<?xml encoding=\"UTF-8\" version=\"1.0\"?><R/>",
                "an XML declaration that is not version, encoding (UTF-8) and standalone",
            ),
            (
                "<?xml version=\"1.0\"encoding=\"UTF-8\"?><R/>",
                "an XML declaration that is not version, encoding (UTF-8) and standalone",
            ),
            (
                "<?xml <!DOCTYPE x> version=\"1.0\"?><R/>",
                "an XML declaration that is not version, encoding (UTF-8) and standalone",
            ),
            (
                "<?xmlfoo?><R/>",
                "an XML declaration that is not version, encoding (UTF-8) and standalone",
            ),
            ("<R a=\"1\" a=\"2\"/>", "an attribute given twice"),
            (
                "<R a=\"1\"b=\"2\"/>",
                "expected whitespace, '>' or '/>' in a tag",
            ),
            ("<R a/>", "expected '=' after an attribute name"),
            ("<R a=1/>", "expected a quoted attribute value"),
            ("<R a=\"<\"/>", "'<' in an attribute value"),
            ("<1R/>", "expected an element or attribute name"),
            ("< R/>", "expected an element or attribute name"),
        ] {
            assert_eq!(reason(xml.as_bytes()), want, "{xml:?}");
        }
        assert_eq!(reason(b"<R>\xff</R>"), "not UTF-8");
    }

    #[test]
    fn refuses_deep_nesting_without_recursion() {
        assert_eq!(MAX_XML_DEPTH, 16, "the message says 16");
        let deep = "<a>".repeat(100_000);
        assert_eq!(reason(deep.as_bytes()), "elements nested deeper than 16");
        let ok = format!("{}{}", "<a>".repeat(16), "</a>".repeat(16));
        assert_eq!(reason(ok.as_bytes()), "ok");
        let attributes: String = (0..33).map(|i| format!(" a{i}=\"\"")).collect();
        assert_eq!(
            reason(format!("<R{attributes}/>").as_bytes()),
            "more than 32 attributes on one element"
        );
    }

    #[test]
    fn refuses_a_body_over_the_cap_unread() {
        let big = vec![b' '; MAX_XML_BYTES + 1];
        assert_eq!(
            Reader::new(&big).err(),
            Some(Error::XmlTooLarge {
                len: MAX_XML_BYTES + 1
            })
        );
    }

    #[test]
    fn walk_reports_two_levels() {
        let xml = b"<R><A> a </A><B><C>c</C><D><E>deep</E></D>\n</B><F/></R>";
        let mut items = Vec::new();
        walk(xml, "R", |i| {
            items.push(format!("{i:?}"));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            items,
            [
                r#"Enter("A")"#,
                r#"Leaf { level: 1, name: "A", text: " a " }"#,
                r#"Leave("A")"#,
                r#"Enter("B")"#,
                r#"Leaf { level: 2, name: "C", text: "c" }"#,
                r#"Leave("B")"#,
                r#"Enter("F")"#,
                r#"Leaf { level: 1, name: "F", text: "" }"#,
                r#"Leave("F")"#,
            ]
        );
        assert_eq!(
            walk(b"<R><A>x<B/></A></R>", "R", |_| Ok(())),
            Err(invalid(11, "text mixed with elements"))
        );
        assert_eq!(
            walk(b"<Q/>", "R", |_| Ok(())),
            Err(Error::UnexpectedXmlRoot {
                expected: "R",
                found: "Q".into()
            })
        );
        assert!(walk(br#"<R xmlns="urn:other"/>"#, "R", |_| Ok(())).is_err());
        assert!(walk(
            format!(r#"<R xmlns="{S3_NAMESPACE}"/>"#).as_bytes(),
            "R",
            |_| Ok(())
        )
        .is_ok());
    }
}
