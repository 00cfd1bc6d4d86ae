//! What the reader extracts from the package before any layout: paragraphs as sequences of
//! pieces (text, hidden text, comment anchors), each remembering where in which part it came
//! from, so that the same model serves the accepted view, the rejected view and the
//! annotator.

use std::collections::BTreeMap;

use super::numbering::Numbering;
use super::props::ParaProps;
use super::story::NewParagraphHome;
use super::styles::Styles;
use super::{HiddenKind, RevisionKind};

/// One XML part whose paragraphs are in the model.
pub struct Part {
    pub name: String,
    pub xml: String,
    /// How inserted markup names the WordprocessingML namespace in this part.
    pub markup: Markup,
}

/// The prefix to write WordprocessingML elements with, and the declaration to add to each
/// inserted element when the part binds no prefix to that namespace (so `w:` is free to use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markup {
    pub prefix: String,
    pub declaration: String,
}

impl Markup {
    pub fn new(declared_prefix: Option<String>, namespace: &str) -> Self {
        match declared_prefix {
            Some(prefix) if !prefix.is_empty() => Markup {
                prefix: format!("{prefix}:"),
                declaration: String::new(),
            },
            _ => Markup {
                prefix: "w:".to_string(),
                declaration: format!(" xmlns:w=\"{namespace}\""),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    Footnote,
    Endnote,
}

/// Where a paragraph stands in the document's structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Body,
    Cell {
        table: usize,
        row: usize,
        column: usize,
    },
    /// `number` is the note's position among the references (set when notes are ordered);
    /// `first` marks the note's first paragraph, which carries the "Footnote n:" label.
    Note {
        kind: NoteKind,
        id: String,
        number: usize,
        first: bool,
    },
    Comment {
        id: String,
    },
}

pub struct Paragraph {
    pub part: usize,
    pub place: Place,
    pub props: ParaProps,
    pub qname: String,
    /// Byte range of the `<w:p ...>` start tag (or of the whole `<w:p/>` when it is empty).
    pub tag: (usize, usize),
    pub empty_element: bool,
    /// Where content may be inserted: after the start tag and the paragraph properties.
    pub content_at: usize,
    /// Where the closing `</w:p>` starts.
    pub close_at: Option<usize>,
    pub runs: Vec<RunAt>,
    pub pieces: Vec<Piece>,
}

/// A run's place in its part and what is needed to split it.
pub struct RunAt {
    pub start: usize,
    pub end: usize,
    pub qname: String,
    /// The run's `w:rPr` as written, without any `w:rPrChange`, for the second half of a split.
    pub rpr: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PieceKind {
    Visible,
    Hidden(HiddenKind),
    CommentAnchor(String),
}

pub struct Piece {
    pub text: String,
    pub kind: PieceKind,
    /// The tracked change this piece belongs to (index into [`Model::revisions`]).
    pub revision: Option<usize>,
    pub at: Option<PieceAt>,
}

/// Where a piece sits inside its run.
pub struct PieceAt {
    pub run: usize,
    /// Byte range of the escaped text (for `w:t` content) or of the element (`w:tab`);
    /// `None` for CDATA, which cannot be split.
    pub bounds: Option<(usize, usize)>,
    /// The enclosing `w:t`, when the piece is its text.
    pub text_tag: Option<TextTag>,
}

#[derive(Debug, Clone)]
pub struct TextTag {
    pub qname: String,
    pub tag: (usize, usize),
    pub preserves_space: bool,
}

pub struct RevisionInfo {
    pub kind: RevisionKind,
    pub author: Option<String>,
    pub date: Option<String>,
    pub moved: bool,
}

pub struct CommentInfo {
    pub author: String,
    pub text: String,
}

pub struct Model {
    pub parts: Vec<Part>,
    pub paragraphs: Vec<Paragraph>,
    pub revisions: Vec<RevisionInfo>,
    pub comments: BTreeMap<String, CommentInfo>,
    /// Where a paragraph can be added to the main part when it has none.
    pub new_paragraph_home: NewParagraphHome,
    /// The largest numeric comment id in use anywhere, so new comments get fresh ids.
    pub highest_comment_id: Option<u64>,
    pub styles: Styles,
    pub numbering: Numbering,
}

/// Which text a layout shows: the draft with every tracked change accepted, or rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Accepted,
    Rejected,
}

impl Model {
    /// Whether a piece's text is part of the view: deletions vanish when changes are
    /// accepted, insertions when they are rejected.
    pub fn shows(&self, piece: &Piece, view: View) -> bool {
        match piece.revision.and_then(|r| self.revisions.get(r)) {
            Some(revision) => match view {
                View::Accepted => revision.kind == RevisionKind::Insertion,
                View::Rejected => revision.kind == RevisionKind::Deletion,
            },
            None => true,
        }
    }

    /// Whether the paragraph carries visible text in the view.
    pub fn has_visible_text(&self, paragraph: &Paragraph, view: View) -> bool {
        paragraph
            .pieces
            .iter()
            .any(|p| p.kind == PieceKind::Visible && !p.text.is_empty() && self.shows(p, view))
    }

    /// A paragraph whose mark was inserted (or deleted) as a tracked change and that has
    /// no text of its own left in the view disappears from it, and so does its number.
    pub fn paragraph_removed(&self, paragraph: &Paragraph, view: View) -> bool {
        let mark_gone = match view {
            View::Accepted => paragraph.props.mark_deleted,
            View::Rejected => paragraph.props.mark_inserted,
        };
        mark_gone && !self.has_visible_text(paragraph, view)
    }
}
