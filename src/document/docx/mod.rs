//! Word documents (.docx): reading a draft as its reader sees it, and writing back a copy
//! with the findings as Word comments.
//!
//! Negotiators draft in Word, and a pasted copy loses what matters: automatic numbering
//! (the "Article 3" and "(b)" are not in the text runs), tracked changes (is the deletion in
//! Article 7 accepted or not?) and text a reader never sees (hidden, white or tiny text,
//! comments, field codes), which must neither satisfy nor violate a requirement. This module
//! reads all of that from the package, in pure Rust without I/O, so the CLI, the
//! WebAssembly package and the page share it.
//!
//! The package is untrusted input: every failure is a [`DocxError`] that tells the user
//! what is wrong and what to do, and ZIP bombs, entity declarations and absurd nesting are
//! refused within fixed limits.

mod annotate;
mod error;
mod layout;
mod load;
mod model;
mod numbering;
mod package;
mod props;
mod story;
mod styles;
mod xml;
mod zip_out;

use serde::Serialize;

use crate::document::Span;

pub use annotate::annotate;
pub use error::{CompoundKind, DocxError};
pub use package::{MAX_ENTRIES, MAX_INFLATED};
pub use xml::MAX_DEPTH;

/// A .docx as a reader sees it with every tracked change accepted.
#[derive(Debug, Clone, Serialize)]
pub struct DocxText {
    /// One paragraph per line, a blank line between paragraphs, each list paragraph preceded
    /// by its label as Word draws it ("Article 3 ", "(b) "), table cells as paragraphs, then
    /// footnotes ("Footnote 1: ...") and endnotes ("Endnote 1: ..."). Hidden text is not in it.
    pub text: String,
    /// Every paragraph of the body (table cells included) in reading order, then those of the
    /// footnotes and endnotes. Paragraphs that show nothing keep their index with an empty span.
    pub paragraphs: Vec<DocxParagraph>,
    /// Text a reader does not see, in document order.
    pub hidden: Vec<HiddenText>,
    /// Tracked insertions and deletions, in document order.
    pub revisions: Vec<Revision>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocxParagraph {
    /// The paragraph's index in [`DocxText::paragraphs`], which [`Comment::paragraph`] uses.
    pub index: usize,
    pub place: ParagraphPlace,
    /// The paragraph's line in [`DocxText::text`], label included (bytes).
    pub span: Span,
    /// The paragraph's own text, after its label: [`Comment`] offsets count characters from
    /// its start.
    pub content: Span,
    /// The paragraph style's id ("Heading1", "ListParagraph").
    pub style: Option<String>,
    /// 0 for a title, 1-9 for headings, `None` for body text.
    pub heading_level: Option<u8>,
    /// What Word draws before the text: the list label ("Article 3", "(2)", "(b)") or the
    /// note label ("Footnote 1").
    pub label: Option<String>,
    /// The labels of the enclosing list levels and this one, outermost first:
    /// ["Article 3", "(2)", "(b)"], from which a clause reference can be built.
    pub label_path: Vec<String>,
    /// The list level (0-8) of a numbered or bulleted paragraph.
    pub list_level: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ParagraphPlace {
    Body,
    /// Table, row and column count from 0 in document order (nested tables included).
    TableCell {
        table: usize,
        row: usize,
        column: usize,
    },
    Footnote {
        number: usize,
    },
    Endnote {
        number: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HiddenKind {
    /// Runs formatted as hidden (`w:vanish`).
    Vanish,
    /// White (or near-white) text on a white background.
    WhiteText,
    /// Text smaller than 2 pt.
    TinyText,
    /// The text of a Word comment.
    Comment,
    /// A field's instruction (`HYPERLINK ...`, `REF ...`), of which a reader sees only the result.
    FieldCode,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HiddenText {
    pub kind: HiddenKind,
    pub text: String,
    /// The paragraph the text is in (for a comment: where its range starts; comments
    /// anchored nowhere are attributed to paragraph 0).
    pub paragraph: usize,
    /// The byte offset in [`DocxText::text`] where the hidden text sits.
    pub position: usize,
    /// The author, for comments.
    pub author: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionKind {
    Insertion,
    Deletion,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    pub kind: RevisionKind,
    pub author: Option<String>,
    /// As Word records it (ISO 8601, e.g. "2024-05-02T10:00:00Z").
    pub date: Option<String>,
    /// The inserted or deleted text.
    pub text: String,
    pub paragraph: usize,
    /// For an insertion, the inserted text in [`DocxText::text`]; for a deletion, the empty
    /// span where the deleted text stood.
    pub span: Span,
    /// True for text moved with tracked changes on (a move is a deletion plus an insertion).
    pub moved: bool,
}

/// A comment to attach to the document with [`annotate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Index into [`DocxText::paragraphs`].
    pub paragraph: usize,
    /// Character (not byte) offsets into the paragraph's [`DocxParagraph::content`];
    /// `start_char == end_char == 0` comments on the whole paragraph.
    pub start_char: usize,
    pub end_char: usize,
    pub author: String,
    pub initials: String,
    /// The comment's text; line breaks start new paragraphs in the comment.
    pub text: String,
}

/// Where a span of [`DocxText::text`] lies, in the terms [`Comment`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentAnchor {
    pub paragraph: usize,
    pub start_char: usize,
    pub end_char: usize,
}

impl DocxText {
    /// Maps a byte span of [`DocxText::text`] (a finding's sentence) to a comment anchor: the
    /// paragraph it starts in (or the next one, when it starts between paragraphs) and
    /// character offsets in that paragraph's content, clipped to it. `None` when the span
    /// starts after the last paragraph.
    pub fn anchor(&self, span: Span) -> Option<CommentAnchor> {
        let first = self.paragraphs.partition_point(|p| p.span.end < span.start);
        let paragraph = self.paragraphs[first..]
            .iter()
            .find(|p| !p.span.is_empty())?;
        let content = paragraph.content;
        let chars_to = |byte: usize| {
            let clipped = byte.clamp(content.start, content.end);
            self.text
                .get(content.start..clipped)
                .map_or(0, |s| s.chars().count())
        };
        Some(CommentAnchor {
            paragraph: paragraph.index,
            start_char: chars_to(span.start),
            end_char: chars_to(span.end.max(span.start)),
        })
    }
}

/// Reads a .docx: the text with every tracked change accepted, the paragraphs, the hidden
/// text and the tracked changes.
pub fn read(bytes: &[u8]) -> Result<DocxText, DocxError> {
    let loaded = load::load(bytes)?;
    Ok(layout::layout(&loaded.model, model::View::Accepted))
}

/// The text as it read before the tracked changes (every change rejected), laid out by the
/// same rules as [`read`], so that a requirement's status can be compared before and after.
pub fn text_with_changes_rejected(bytes: &[u8]) -> Result<String, DocxError> {
    let loaded = load::load(bytes)?;
    Ok(layout::layout(&loaded.model, model::View::Rejected).text)
}
