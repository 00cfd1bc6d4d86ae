//! Lays the model out as the plain text a reader sees: one paragraph per line, a blank line
//! between paragraphs, list labels and note labels in front, and records where each
//! paragraph, hidden text and tracked change ended up.

use std::collections::HashSet;

use super::model::{Model, NoteKind, Paragraph, PieceKind, Place, View};
use super::numbering::{Counter, Label};
use super::{DocxParagraph, DocxText, HiddenKind, HiddenText, ParagraphPlace, Revision};
use crate::document::Span;

pub fn layout(model: &Model, view: View) -> DocxText {
    let mut out = Output {
        model,
        view,
        text: String::new(),
        paragraphs: Vec::with_capacity(model.paragraphs.len()),
        hidden: Vec::new(),
        revisions: vec![None; model.revisions.len()],
        anchored: HashSet::new(),
    };
    let mut counter = Counter::new(&model.numbering);
    for (index, paragraph) in model.paragraphs.iter().enumerate() {
        out.paragraph(index, paragraph, &mut counter);
    }
    out.finish()
}

/// A tracked change's text and place, gathered piece by piece.
#[derive(Clone)]
struct RevisionText {
    paragraph: usize,
    text: String,
    span: Span,
}

struct Output<'m> {
    model: &'m Model,
    view: View,
    text: String,
    paragraphs: Vec<DocxParagraph>,
    hidden: Vec<HiddenText>,
    revisions: Vec<Option<RevisionText>>,
    anchored: HashSet<String>,
}

impl Output<'_> {
    fn paragraph(&mut self, index: usize, paragraph: &Paragraph, counter: &mut Counter) {
        let removed = self.model.paragraph_removed(paragraph, self.view);
        let item = if removed {
            None
        } else {
            self.model
                .numbering
                .item(&self.model.styles, &paragraph.props)
        };
        let list_label = item.as_ref().map(|item| counter.next(item));
        let (prefix, separator) = prefix_of(paragraph, list_label.as_ref());
        let shows_line =
            !removed && (self.model.has_visible_text(paragraph, self.view) || !prefix.is_empty());
        if shows_line && !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        if shows_line {
            self.text.push_str(&prefix);
            self.text.push_str(separator);
        }
        let content_start = self.text.len();
        self.pieces(index, paragraph);
        let style = paragraph.props.style.clone();
        self.paragraphs.push(DocxParagraph {
            index,
            place: public_place(&paragraph.place),
            span: Span::new(start, self.text.len()),
            content: Span::new(content_start, self.text.len()),
            heading_level: self
                .model
                .styles
                .heading_level(style.as_deref(), paragraph.props.outline),
            style,
            label: (!prefix.is_empty()).then_some(prefix),
            label_path: list_label.map(|l| l.path).unwrap_or_default(),
            list_level: item.map(|i| i.level as u8),
        });
    }

    fn pieces(&mut self, index: usize, paragraph: &Paragraph) {
        let mut previous_hidden: Option<HiddenKind> = None;
        for piece in &paragraph.pieces {
            let shown = self.model.shows(piece, self.view);
            match &piece.kind {
                PieceKind::Visible => {
                    let start = self.text.len();
                    if shown {
                        self.text.push_str(&piece.text);
                        previous_hidden = None;
                    }
                    let span = Span::new(start, self.text.len());
                    self.revision_text(piece.revision, index, &piece.text, span);
                }
                PieceKind::Hidden(kind) if shown => {
                    self.hidden_text(*kind, &piece.text, index, previous_hidden == Some(*kind));
                    previous_hidden = Some(*kind);
                }
                PieceKind::Hidden(_) => {}
                PieceKind::CommentAnchor(id) => {
                    self.comment(id, index, self.text.len());
                    previous_hidden = None;
                }
            }
        }
    }

    fn revision_text(&mut self, revision: Option<usize>, paragraph: usize, text: &str, span: Span) {
        let Some(slot) = revision.and_then(|r| self.revisions.get_mut(r)) else {
            return;
        };
        match slot {
            Some(gathered) => {
                gathered.text.push_str(text);
                gathered.span.end = gathered.span.end.max(span.end);
            }
            None => {
                *slot = Some(RevisionText {
                    paragraph,
                    text: text.to_string(),
                    span,
                })
            }
        }
    }

    /// Hidden text split over several runs is reported once.
    fn hidden_text(&mut self, kind: HiddenKind, text: &str, paragraph: usize, continues: bool) {
        if continues {
            if let Some(last) = self.hidden.last_mut() {
                last.text.push_str(text);
                return;
            }
        }
        if text.trim().is_empty() {
            return;
        }
        let position = self.text.len();
        self.hidden.push(HiddenText {
            kind,
            text: text.to_string(),
            paragraph,
            position,
            author: None,
        });
    }

    fn comment(&mut self, id: &str, paragraph: usize, position: usize) {
        let Some(comment) = self.model.comments.get(id) else {
            return;
        };
        if !self.anchored.insert(id.to_string()) {
            return;
        }
        self.hidden.push(HiddenText {
            kind: HiddenKind::Comment,
            text: comment.text.clone(),
            paragraph,
            position,
            author: Some(comment.author.clone()).filter(|a| !a.is_empty()),
        });
    }

    fn finish(mut self) -> DocxText {
        let unanchored: Vec<String> = self
            .model
            .comments
            .keys()
            .filter(|id| !self.anchored.contains(*id))
            .cloned()
            .collect();
        for id in unanchored {
            self.comment(&id, 0, 0);
        }
        let mut revisions: Vec<Revision> = self
            .revisions
            .iter()
            .zip(&self.model.revisions)
            .filter_map(|(gathered, info)| {
                let gathered = gathered.as_ref().filter(|g| !g.text.is_empty())?;
                Some(Revision {
                    kind: info.kind,
                    author: info.author.clone(),
                    date: info.date.clone(),
                    moved: info.moved,
                    text: gathered.text.clone(),
                    paragraph: gathered.paragraph,
                    span: gathered.span,
                })
            })
            .collect();
        revisions.sort_by_key(|r| (r.span.start, r.paragraph));
        for field in self
            .hidden
            .iter_mut()
            .filter(|h| h.kind == HiddenKind::FieldCode)
        {
            field.text = field.text.trim().to_string();
        }
        self.hidden.sort_by_key(|h| (h.position, h.paragraph));
        DocxText {
            text: self.text,
            paragraphs: self.paragraphs,
            hidden: self.hidden,
            revisions,
        }
    }
}

/// What stands before the paragraph's text: "Footnote 2" (with ": ") on a note's first
/// paragraph, otherwise the list label with Word's separator.
fn prefix_of(paragraph: &Paragraph, label: Option<&Label>) -> (String, &'static str) {
    match (&paragraph.place, label) {
        (
            Place::Note {
                kind,
                number,
                first: true,
                ..
            },
            _,
        ) => {
            let name = if *kind == NoteKind::Footnote {
                "Footnote"
            } else {
                "Endnote"
            };
            (format!("{name} {number}"), ": ")
        }
        (_, Some(label)) if !label.text.is_empty() => (label.text.clone(), label.separator),
        _ => (String::new(), ""),
    }
}

fn public_place(place: &Place) -> ParagraphPlace {
    match place {
        Place::Body | Place::Comment { .. } => ParagraphPlace::Body,
        Place::Cell { table, row, column } => ParagraphPlace::TableCell {
            table: *table,
            row: *row,
            column: *column,
        },
        Place::Note {
            kind: NoteKind::Footnote,
            number,
            ..
        } => ParagraphPlace::Footnote { number: *number },
        Place::Note {
            kind: NoteKind::Endnote,
            number,
            ..
        } => ParagraphPlace::Endnote { number: *number },
    }
}
