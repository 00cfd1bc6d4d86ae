//! A guarded XML cursor over one package part.
//!
//! Every part is untrusted: the cursor refuses DOCTYPE declarations (the only way XML can
//! declare entities) and nesting beyond [`MAX_DEPTH`], and reports the byte position of each
//! node so the annotator can splice new markup into the original text without re-serialising
//! it. Elements are classified by namespace, not by prefix, so a part that binds the
//! WordprocessingML namespace to an unusual prefix is read the same.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::error::DocxError;

/// Deeper than any document Word writes (tables in text boxes in tables stay far below).
pub const MAX_DEPTH: usize = 256;

const WORD_TRANSITIONAL: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const WORD_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
const MARKUP_COMPATIBILITY: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The namespaces the reader cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    Word,
    MarkupCompatibility,
    Other,
}

/// A start or empty-element tag with its place in the part.
pub struct Tag<'a> {
    pub ns: Ns,
    /// Byte range of the whole tag, `<` to `>` inclusive.
    pub start: usize,
    pub end: usize,
    bytes: BytesStart<'a>,
}

impl<'a> Tag<'a> {
    pub fn local(&self) -> &[u8] {
        self.bytes.local_name().into_inner()
    }

    /// True for a WordprocessingML element with this local name.
    pub fn is(&self, local: &str) -> bool {
        self.ns == Ns::Word && self.local() == local.as_bytes()
    }

    /// True for a markup-compatibility element with this local name.
    pub fn is_mc(&self, local: &str) -> bool {
        self.ns == Ns::MarkupCompatibility && self.local() == local.as_bytes()
    }

    /// The qualified name as written (`w:r`), used to close and reopen elements verbatim.
    pub fn qname(&self) -> String {
        String::from_utf8_lossy(self.bytes.name().into_inner()).into_owned()
    }

    /// The prefix as written (`w` for `w:r`), empty for the default namespace.
    pub fn prefix(&self) -> String {
        self.bytes
            .name()
            .prefix()
            .map(|p| String::from_utf8_lossy(p.into_inner()).into_owned())
            .unwrap_or_default()
    }

    /// The value of the attribute with this local name (`val` finds `w:val`), unescaped.
    /// Malformed attributes are skipped rather than failing the whole document.
    pub fn attr(&self, local: &str) -> Option<String> {
        self.bytes
            .attributes()
            .flatten()
            .find(|a| a.key.local_name().into_inner() == local.as_bytes())
            .and_then(|a| a.unescape_value().ok().map(Cow::into_owned))
    }

    /// Whether the tag declares `xml:space="preserve"`.
    pub fn preserves_space(&self) -> bool {
        self.bytes
            .attributes()
            .flatten()
            .any(|a| a.key.into_inner() == b"xml:space" && a.value.as_ref() == b"preserve")
    }

    /// The prefix this tag binds to the WordprocessingML namespace (`xmlns:w="..."` gives
    /// `w`), so inserted markup can use the part's own prefix.
    pub fn declares_word_namespace_as(&self) -> Option<String> {
        self.bytes.attributes().flatten().find_map(|a| {
            let key = a.key.into_inner();
            let is_word = a.value.as_ref() == WORD_TRANSITIONAL || a.value.as_ref() == WORD_STRICT;
            let prefix = key.strip_prefix(b"xmlns:")?;
            is_word.then(|| String::from_utf8_lossy(prefix).into_owned())
        })
    }
}

/// One step through the part.
pub enum Node<'a> {
    Open(Tag<'a>),
    Empty(Tag<'a>),
    Close {
        ns: Ns,
        local: Vec<u8>,
        start: usize,
        end: usize,
    },
    /// Character data, unescaped. `raw` is the escaped text's byte range in the part, or
    /// `None` for CDATA, whose bytes cannot be split by simple splicing.
    Text {
        text: Cow<'a, str>,
        raw: Option<(usize, usize)>,
    },
    Eof,
}

pub struct XmlCursor<'a> {
    reader: NsReader<&'a [u8]>,
    part: String,
    depth: usize,
}

impl<'a> XmlCursor<'a> {
    pub fn new(part: &str, xml: &'a str) -> Self {
        XmlCursor {
            reader: NsReader::from_str(xml),
            part: part.to_string(),
            depth: 0,
        }
    }

    /// How many elements are open after the last node read.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The byte position just after the last node read.
    pub fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    pub fn next(&mut self) -> Result<Node<'a>, DocxError> {
        loop {
            let start = self.position();
            let (resolved, event) = match self.reader.read_resolved_event() {
                Ok((resolved, event)) => (classify(&resolved), event),
                Err(error) => return Err(self.malformed(error.to_string())),
            };
            let end = self.position();
            match event {
                Event::Start(bytes) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(DocxError::TooDeep {
                            part: self.part.clone(),
                            limit: MAX_DEPTH,
                        });
                    }
                    return Ok(Node::Open(Tag {
                        ns: resolved,
                        start,
                        end,
                        bytes,
                    }));
                }
                Event::Empty(bytes) => {
                    return Ok(Node::Empty(Tag {
                        ns: resolved,
                        start,
                        end,
                        bytes,
                    }))
                }
                Event::End(bytes) => {
                    self.depth = self.depth.saturating_sub(1);
                    let local = bytes.local_name().into_inner().to_vec();
                    return Ok(Node::Close {
                        ns: resolved,
                        local,
                        start,
                        end,
                    });
                }
                Event::Text(text) => {
                    let unescaped = text.unescape().map_err(|e| self.malformed(e.to_string()))?;
                    return Ok(Node::Text {
                        text: unescaped,
                        raw: Some((start, end)),
                    });
                }
                Event::CData(data) => {
                    let text = String::from_utf8_lossy(&data.into_inner()).into_owned();
                    return Ok(Node::Text {
                        text: Cow::Owned(text),
                        raw: None,
                    });
                }
                Event::DocType(_) => {
                    return Err(DocxError::Doctype {
                        part: self.part.clone(),
                    })
                }
                Event::Eof if self.depth > 0 => {
                    let open = self.depth;
                    return Err(
                        self.malformed(format!("the part ends with {open} element(s) still open"))
                    );
                }
                Event::Eof => return Ok(Node::Eof),
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => continue,
            }
        }
    }

    /// Consumes everything up to and including the close of the element just opened.
    pub fn skip_subtree(&mut self) -> Result<(), DocxError> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Node::Open(_) => depth += 1,
                Node::Close { .. } if depth == 0 => return Ok(()),
                Node::Close { .. } => depth -= 1,
                Node::Eof => return Ok(()),
                Node::Empty(_) | Node::Text { .. } => {}
            }
        }
    }

    /// Walks the children of the element just opened, up to and including its close.
    ///
    /// `visit` gets each child element and whether it has content; it returns `true` when it
    /// consumed that content itself, otherwise the child's subtree is skipped. Markup
    /// compatibility blocks are looked through: `mc:Choice` is read as if its children stood
    /// here and `mc:Fallback` is skipped, since it repeats the choice for older readers.
    pub fn for_each_child<F>(&mut self, mut visit: F) -> Result<(), DocxError>
    where
        F: FnMut(&mut Self, &Tag<'a>, bool) -> Result<bool, DocxError>,
    {
        self.walk_children(&mut visit)
    }

    /// The loop behind [`XmlCursor::for_each_child`], compiled once rather than once per
    /// caller: the WebAssembly build is size-bound.
    fn walk_children(
        &mut self,
        visit: &mut dyn FnMut(&mut Self, &Tag<'a>, bool) -> Result<bool, DocxError>,
    ) -> Result<(), DocxError> {
        let mut transparent = 0usize;
        loop {
            match self.next()? {
                Node::Open(tag) if tag.is_mc("AlternateContent") || tag.is_mc("Choice") => {
                    transparent += 1
                }
                Node::Open(tag) => {
                    if !visit(self, &tag, true)? {
                        self.skip_subtree()?;
                    }
                }
                Node::Empty(tag) => {
                    visit(self, &tag, false)?;
                }
                Node::Close { .. } if transparent > 0 => transparent -= 1,
                Node::Close { .. } | Node::Eof => return Ok(()),
                Node::Text { .. } => {}
            }
        }
    }

    fn malformed(&self, detail: String) -> DocxError {
        DocxError::Xml {
            part: self.part.clone(),
            position: self.reader.error_position(),
            detail,
        }
    }
}

fn classify(resolved: &ResolveResult) -> Ns {
    match resolved {
        ResolveResult::Bound(ns) if ns.0 == WORD_TRANSITIONAL || ns.0 == WORD_STRICT => Ns::Word,
        ResolveResult::Bound(ns) if ns.0 == MARKUP_COMPATIBILITY => Ns::MarkupCompatibility,
        _ => Ns::Other,
    }
}

/// Turns a part's bytes into text: UTF-8 (with or without a byte-order mark) or UTF-16 with
/// a byte-order mark, the encodings XML allows without a declaration to say otherwise.
pub fn decode_part(part: &str, bytes: Vec<u8>) -> Result<String, DocxError> {
    let not_text = |detail: &str| DocxError::Xml {
        part: part.to_string(),
        position: 0,
        detail: detail.to_string(),
    };
    match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|_| not_text("invalid UTF-8"))
        }
        [0xFF, 0xFE, rest @ ..] => {
            decode_utf16(rest, u16::from_le_bytes).ok_or_else(|| not_text("invalid UTF-16"))
        }
        [0xFE, 0xFF, rest @ ..] => {
            decode_utf16(rest, u16::from_be_bytes).ok_or_else(|| not_text("invalid UTF-16"))
        }
        _ => String::from_utf8(bytes).map_err(|_| not_text("invalid UTF-8")),
    }
}

/// Decodes UTF-16 and makes the XML declaration say UTF-8, which the text now is (and is
/// written back as, should the annotator change the part).
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<String> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let text = char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()?;
    Some(declare_utf8(text))
}

fn declare_utf8(text: String) -> String {
    let Some(declaration_end) = text.starts_with("<?xml").then(|| text.find("?>")).flatten() else {
        return text;
    };
    let declaration = &text[..declaration_end];
    let value = declaration.find("encoding").and_then(|at| {
        let quote_at = at + declaration[at..].find(['"', '\''])?;
        let quote = &declaration[quote_at..quote_at + 1];
        let start = quote_at + 1;
        Some((start, start + declaration[start..].find(quote)?))
    });
    match value {
        Some((start, end)) => format!("{}UTF-8{}", &text[..start], &text[end..]),
        None => text,
    }
}

/// Escapes text for element content or a double-quoted attribute, dropping the control
/// characters XML 1.0 cannot carry at all.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_parts_are_decoded_and_declared_utf8() {
        let xml = "<?xml version='1.0' encoding='UTF-16'?><a>caf\u{e9}</a>";
        let little: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(xml.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let big: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(xml.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let expected = "<?xml version='1.0' encoding='UTF-8'?><a>caf\u{e9}</a>";
        assert_eq!(decode_part("p", little).unwrap(), expected);
        assert_eq!(decode_part("p", big).unwrap(), expected);
        assert_eq!(
            decode_part("p", b"\xEF\xBB\xBF<a/>".to_vec()).unwrap(),
            "<a/>"
        );
        assert!(decode_part("p", vec![0xFF, 0xFE, 0x00, 0xD8]).is_err());
    }

    #[test]
    fn escape_keeps_text_and_drops_what_xml_cannot_carry() {
        assert_eq!(
            escape("a<b>&\"c\"\u{1}\td"),
            "a&lt;b&gt;&amp;&quot;c&quot;\td"
        );
    }
}
