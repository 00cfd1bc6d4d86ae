//! Walks one story part (the document body, the footnotes, the endnotes or the comments)
//! and turns it into paragraphs of pieces.
//!
//! The walk is a single pass over the XML events with a little state: the open paragraphs
//! (text boxes nest paragraphs inside runs), the open run and whether it is hidden, the open
//! tracked changes, the open fields (whose instructions a reader never sees), and the table
//! cell or note being read. Elements in other namespaces are looked through, so text in
//! text boxes and content controls is found wherever it is nested.

use std::collections::HashSet;

use super::error::DocxError;
use super::model::{
    NoteKind, Paragraph, Piece, PieceAt, PieceKind, Place, RevisionInfo, RunAt, TextTag,
};
use super::props::{read_para_props, read_run_props, RunProps};
use super::styles::Styles;
use super::xml::{Node, Ns, Tag, XmlCursor};
use super::{HiddenKind, RevisionKind};

/// Property blocks and settings that hold no text for a reader.
const SKIPPED: &[&str] = &[
    "sectPr",
    "tblPr",
    "tblGrid",
    "trPr",
    "tcPr",
    "tblPrEx",
    "sdtPr",
    "sdtEndPr",
    "rPrChange",
    "pPrChange",
    "customXmlPr",
    "smartTagPr",
    "footnotePr",
    "endnotePr",
    "fldData",
    "background",
];

/// Where the annotator can add a paragraph to a document without one (for the summary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum NewParagraphHome {
    /// At this position, the start of `w:body`'s content.
    InBody(usize),
    /// A document without `w:body`: a body goes before `</w:document>`, which starts here.
    BeforeRootClose(usize),
    /// `<w:document/>`: its `/>` at this position is replaced by content and a closing tag.
    InEmptyRoot { at: usize, qname: String },
    #[default]
    Nowhere,
}

/// What one part yielded.
#[derive(Default)]
pub struct Story {
    pub paragraphs: Vec<Paragraph>,
    /// Footnote and endnote references in reading order, each id once.
    pub note_references: Vec<(NoteKind, String)>,
    /// Comments defined in this part (the comments part): id, author.
    pub comments: Vec<(String, String)>,
    pub highest_comment_id: Option<u64>,
    /// The prefix the part binds to the WordprocessingML namespace.
    pub word_prefix: Option<String>,
    /// The root element's local name when it is a WordprocessingML element.
    pub root: Option<Vec<u8>>,
    /// Where a paragraph could be added to a document that has none.
    pub new_paragraph_home: NewParagraphHome,
    seen_root: bool,
}

pub fn walk(
    part: usize,
    part_name: &str,
    xml: &str,
    styles: &Styles,
    revisions: &mut Vec<RevisionInfo>,
) -> Result<Story, DocxError> {
    let mut cursor = XmlCursor::new(part_name, xml);
    let mut walker = Walker {
        part,
        xml,
        styles,
        revisions,
        story: Story::default(),
        open: Vec::new(),
        open_revisions: Vec::new(),
        fields: Vec::new(),
        tables: Vec::new(),
        table_count: 0,
        container: None,
        anchored: HashSet::new(),
        pending_anchors: Vec::new(),
    };
    loop {
        match cursor.next()? {
            Node::Open(tag) => walker.open_element(&mut cursor, &tag, true)?,
            Node::Empty(tag) => walker.open_element(&mut cursor, &tag, false)?,
            Node::Close {
                ns: Ns::Word,
                local,
                start,
                end,
            } => walker.close_element(&local, start, end),
            Node::Close { .. } => {}
            Node::Text { text, raw } => walker.text(&text, raw, cursor.depth()),
            Node::Eof => return Ok(walker.story),
        }
    }
}

struct OpenParagraph {
    index: usize,
    run: Option<OpenRun>,
}

struct OpenRun {
    index: usize,
    /// The cursor depth inside the run: its direct children are one deeper.
    depth: usize,
    hidden: Option<HiddenKind>,
    reading: Option<Reading>,
}

/// What the character data inside the run currently is.
enum Reading {
    /// Text of a `w:t` (or `w:delText`); the tag is kept only when the element is a direct
    /// child of the run, the one case where splitting the run around the text is sound.
    Text {
        tag: Option<TextTag>,
        depth: usize,
    },
    FieldCode,
}

struct Field {
    in_instruction: bool,
    /// The hidden piece collecting this field's instruction: (paragraph, piece).
    code: Option<(usize, usize)>,
}

struct TablePosition {
    index: usize,
    row: Option<usize>,
    column: Option<usize>,
}

struct Walker<'w> {
    part: usize,
    xml: &'w str,
    styles: &'w Styles,
    revisions: &'w mut Vec<RevisionInfo>,
    story: Story,
    open: Vec<OpenParagraph>,
    open_revisions: Vec<usize>,
    fields: Vec<Field>,
    tables: Vec<TablePosition>,
    table_count: usize,
    container: Option<Place>,
    anchored: HashSet<String>,
    /// Comment ranges that start between paragraphs attach to the next one.
    pending_anchors: Vec<String>,
}

impl Walker<'_> {
    fn open_element(
        &mut self,
        cursor: &mut XmlCursor,
        tag: &Tag,
        has_children: bool,
    ) -> Result<(), DocxError> {
        if !self.story.seen_root {
            self.story.seen_root = true;
            self.story.root = (tag.ns == Ns::Word).then(|| tag.local().to_vec());
            if !has_children {
                let at = tag.end.saturating_sub(2);
                self.story.new_paragraph_home = NewParagraphHome::InEmptyRoot {
                    at,
                    qname: tag.qname(),
                };
            }
        }
        if self.story.word_prefix.is_none() {
            self.story.word_prefix = tag.declares_word_namespace_as();
        }
        if tag.is_mc("Fallback") && has_children {
            return cursor.skip_subtree();
        }
        if tag.ns != Ns::Word {
            return Ok(());
        }
        let local = tag.local();
        match local {
            b"p" => self.open_paragraph(tag, has_children),
            b"body" if has_children => {
                self.story.new_paragraph_home = NewParagraphHome::InBody(tag.end)
            }
            b"pPr" if has_children => self.paragraph_props(cursor)?,
            b"r" if has_children => self.open_run(tag, cursor.depth()),
            b"rPr" if has_children => self.run_props(cursor, tag)?,
            b"t" | b"delText" if has_children => self.start_reading(tag, false, cursor.depth()),
            b"instrText" | b"delInstrText" if has_children => {
                self.start_reading(tag, true, cursor.depth())
            }
            b"tab" | b"ptab" => self.element_piece("\t", cursor, tag, has_children)?,
            b"br" => {
                let page_or_column = matches!(tag.attr("type").as_deref(), Some("page" | "column"));
                if !page_or_column {
                    self.element_piece("\n", cursor, tag, has_children)?;
                }
            }
            b"cr" => self.element_piece("\n", cursor, tag, has_children)?,
            b"noBreakHyphen" => self.element_piece("-", cursor, tag, has_children)?,
            b"fldChar" => self.field_char(tag),
            b"fldSimple" => {
                if let Some(instruction) = tag.attr("instr") {
                    self.field_code_piece(instruction.trim().to_string());
                }
            }
            b"ins" | b"moveTo" | b"del" | b"moveFrom" if has_children => self.open_revision(tag),
            b"footnoteReference" => self.note_reference(NoteKind::Footnote, tag),
            b"endnoteReference" => self.note_reference(NoteKind::Endnote, tag),
            b"commentRangeStart" | b"commentReference" => self.comment_anchor(tag),
            b"commentRangeEnd" => self.note_comment_id(tag),
            b"tbl" if has_children => self.open_table(),
            b"tr" if has_children => self.next_row(),
            b"tc" if has_children => self.next_cell(),
            b"footnote" if has_children => self.open_note(cursor, tag, NoteKind::Footnote)?,
            b"endnote" if has_children => self.open_note(cursor, tag, NoteKind::Endnote)?,
            b"comment" if has_children => self.open_comment(tag),
            _ if has_children && SKIPPED.iter().any(|name| name.as_bytes() == local) => {
                cursor.skip_subtree()?
            }
            _ => {}
        }
        Ok(())
    }

    fn close_element(&mut self, local: &[u8], start: usize, end: usize) {
        match local {
            b"p" => {
                if let Some(closed) = self.open.pop() {
                    if let Some(paragraph) = self.story.paragraphs.get_mut(closed.index) {
                        paragraph.close_at = Some(start);
                    }
                }
            }
            b"r" => {
                if let Some(run) = self.open.last_mut().and_then(|p| p.run.take()) {
                    if let Some(at) = self
                        .current_paragraph()
                        .and_then(|p| p.runs.get_mut(run.index))
                    {
                        at.end = end;
                    }
                }
            }
            b"t" | b"delText" | b"instrText" | b"delInstrText" => {
                if let Some(run) = self.open_run_mut() {
                    run.reading = None;
                }
            }
            b"ins" | b"moveTo" | b"del" | b"moveFrom" => {
                self.open_revisions.pop();
            }
            b"tbl" => {
                self.tables.pop();
            }
            b"footnote" | b"endnote" | b"comment" => self.container = None,
            b"document" if self.story.new_paragraph_home == NewParagraphHome::Nowhere => {
                self.story.new_paragraph_home = NewParagraphHome::BeforeRootClose(start);
            }
            _ => {}
        }
    }

    fn current_paragraph(&mut self) -> Option<&mut Paragraph> {
        let index = self.open.last()?.index;
        self.story.paragraphs.get_mut(index)
    }

    fn open_run_mut(&mut self) -> Option<&mut OpenRun> {
        self.open.last_mut()?.run.as_mut()
    }

    fn place(&self) -> Place {
        if let Some(container) = &self.container {
            return container.clone();
        }
        match self.tables.last() {
            Some(table) => Place::Cell {
                table: table.index,
                row: table.row.unwrap_or(0),
                column: table.column.unwrap_or(0),
            },
            None => Place::Body,
        }
    }

    fn open_paragraph(&mut self, tag: &Tag, has_children: bool) {
        let index = self.story.paragraphs.len();
        let pieces = self
            .pending_anchors
            .drain(..)
            .map(|id| Piece {
                text: String::new(),
                kind: PieceKind::CommentAnchor(id),
                revision: None,
                at: None,
            })
            .collect();
        self.story.paragraphs.push(Paragraph {
            part: self.part,
            place: self.place(),
            props: Default::default(),
            qname: tag.qname(),
            tag: (tag.start, tag.end),
            empty_element: !has_children,
            content_at: tag.end,
            close_at: None,
            runs: Vec::new(),
            pieces,
        });
        if has_children {
            self.open.push(OpenParagraph { index, run: None });
        }
    }

    /// Paragraph properties count only directly in an open paragraph, before its runs.
    fn paragraph_props(&mut self, cursor: &mut XmlCursor) -> Result<(), DocxError> {
        let in_paragraph = self.open.last().is_some_and(|p| p.run.is_none());
        if !in_paragraph {
            return cursor.skip_subtree();
        }
        let props = read_para_props(cursor)?;
        let after = cursor.position();
        if let Some(paragraph) = self.current_paragraph() {
            paragraph.props = props;
            paragraph.content_at = after;
        }
        Ok(())
    }

    fn open_run(&mut self, tag: &Tag, depth: usize) {
        let Some(paragraph) = self.current_paragraph() else {
            return;
        };
        let index = paragraph.runs.len();
        paragraph.runs.push(RunAt {
            start: tag.start,
            end: tag.end,
            qname: tag.qname(),
            rpr: String::new(),
        });
        let style = paragraph.props.style.clone();
        let hidden = self
            .styles
            .run_props(style.as_deref(), &RunProps::default())
            .hidden_kind();
        if let Some(open) = self.open.last_mut() {
            open.run = Some(OpenRun {
                index,
                depth,
                hidden,
                reading: None,
            });
        }
    }

    fn run_props(&mut self, cursor: &mut XmlCursor, tag: &Tag) -> Result<(), DocxError> {
        let in_run = self
            .open
            .last()
            .and_then(|p| p.run.as_ref())
            .is_some_and(|r| r.reading.is_none());
        if !in_run {
            return cursor.skip_subtree();
        }
        let block = read_run_props(cursor)?;
        let end = cursor.position();
        let (kept_before, kept_after) = block.change.unwrap_or((end, end));
        let copy = [tag.start..kept_before, kept_after..end]
            .into_iter()
            .filter_map(|range| self.xml.get(range))
            .collect::<String>();
        let Some(open) = self.open.last_mut() else {
            return Ok(());
        };
        let Some(run) = open.run.as_mut() else {
            return Ok(());
        };
        let Some(paragraph) = self.story.paragraphs.get_mut(open.index) else {
            return Ok(());
        };
        run.hidden = self
            .styles
            .run_props(paragraph.props.style.as_deref(), &block.props)
            .hidden_kind();
        if let Some(at) = paragraph.runs.get_mut(run.index) {
            at.rpr = copy;
        }
        Ok(())
    }

    /// Starts reading a text element; `depth` counts the element itself.
    fn start_reading(&mut self, tag: &Tag, instruction: bool, depth: usize) {
        let Some(run) = self.open_run_mut() else {
            return;
        };
        run.reading = Some(if instruction {
            Reading::FieldCode
        } else {
            let direct_child = depth == run.depth + 1;
            let text_tag = TextTag {
                qname: tag.qname(),
                tag: (tag.start, tag.end),
                preserves_space: tag.preserves_space(),
            };
            Reading::Text {
                tag: direct_child.then_some(text_tag),
                depth,
            }
        });
    }

    /// Character data in a text element. Text inside a field's instruction part is field
    /// code, whatever element holds it; this is decided per text node, so that splitting a
    /// run can never change it.
    fn text(&mut self, text: &str, raw: Option<(usize, usize)>, depth: usize) {
        let Some(run) = self.open.last().and_then(|p| p.run.as_ref()) else {
            return;
        };
        let (run_index, hidden) = (run.index, run.hidden);
        let Some(reading) = &run.reading else { return };
        let in_instruction = self.fields.iter().any(|f| f.in_instruction);
        let text_tag = match reading {
            Reading::Text {
                tag,
                depth: t_depth,
            } if !in_instruction => tag.clone().filter(|_| depth == *t_depth),
            _ => return self.append_field_code(text),
        };
        let kind = hidden.map_or(PieceKind::Visible, PieceKind::Hidden);
        let bounds = raw.filter(|_| text_tag.is_some());
        let at = PieceAt {
            run: run_index,
            bounds,
            text_tag,
        };
        self.push_piece(text.to_string(), kind, Some(at));
    }

    /// A run child that stands for a character (tab, line break). Only a direct child of
    /// the run can be split around.
    fn element_piece(
        &mut self,
        text: &str,
        cursor: &mut XmlCursor,
        tag: &Tag,
        has_children: bool,
    ) -> Result<(), DocxError> {
        let parent_depth = cursor.depth() - usize::from(has_children);
        let end = if has_children {
            cursor.skip_subtree()?;
            cursor.position()
        } else {
            tag.end
        };
        let in_instruction = self.fields.iter().any(|f| f.in_instruction);
        let Some(run) = self.open.last().and_then(|p| p.run.as_ref()) else {
            return Ok(());
        };
        if in_instruction || run.reading.is_some() {
            return Ok(());
        }
        let kind = run.hidden.map_or(PieceKind::Visible, PieceKind::Hidden);
        let bounds = (parent_depth == run.depth).then_some((tag.start, end));
        let at = PieceAt {
            run: run.index,
            bounds,
            text_tag: None,
        };
        self.push_piece(text.to_string(), kind, Some(at));
        Ok(())
    }

    fn push_piece(&mut self, text: String, kind: PieceKind, at: Option<PieceAt>) -> Option<usize> {
        let revision = self.open_revisions.last().copied();
        let paragraph = self.current_paragraph()?;
        paragraph.pieces.push(Piece {
            text,
            kind,
            revision,
            at,
        });
        Some(paragraph.pieces.len() - 1)
    }

    fn field_char(&mut self, tag: &Tag) {
        match tag.attr("fldCharType").as_deref() {
            Some("begin") => self.fields.push(Field {
                in_instruction: true,
                code: None,
            }),
            Some("separate") => {
                if let Some(field) = self.fields.last_mut() {
                    field.in_instruction = false;
                }
            }
            Some("end") => {
                self.fields.pop();
            }
            _ => {}
        }
    }

    /// Instruction text comes in pieces across runs; it is gathered into one hidden piece
    /// per field and paragraph.
    fn append_field_code(&mut self, text: &str) {
        let paragraph_index = self.open.last().map(|p| p.index);
        let target = self
            .fields
            .last()
            .and_then(|f| f.code)
            .filter(|(p, _)| Some(*p) == paragraph_index);
        if let Some((p, i)) = target {
            if let Some(piece) = self
                .story
                .paragraphs
                .get_mut(p)
                .and_then(|p| p.pieces.get_mut(i))
            {
                piece.text.push_str(text);
                return;
            }
        }
        let created = self.field_code_piece(text.to_string());
        if let (Some(field), Some(index), Some(p)) =
            (self.fields.last_mut(), created, paragraph_index)
        {
            field.code = Some((p, index));
        }
    }

    fn field_code_piece(&mut self, code: String) -> Option<usize> {
        self.push_piece(code, PieceKind::Hidden(HiddenKind::FieldCode), None)
    }

    fn open_revision(&mut self, tag: &Tag) {
        let local = tag.local();
        let kind = if local == b"ins" || local == b"moveTo" {
            RevisionKind::Insertion
        } else {
            RevisionKind::Deletion
        };
        self.revisions.push(RevisionInfo {
            kind,
            author: tag.attr("author"),
            date: tag.attr("date"),
            moved: local == b"moveTo" || local == b"moveFrom",
        });
        self.open_revisions.push(self.revisions.len() - 1);
    }

    fn note_reference(&mut self, kind: NoteKind, tag: &Tag) {
        let Some(id) = tag.attr("id") else { return };
        let reference = (kind, id);
        if !self.story.note_references.contains(&reference) {
            self.story.note_references.push(reference);
        }
    }

    fn comment_anchor(&mut self, tag: &Tag) {
        self.note_comment_id(tag);
        let Some(id) = tag.attr("id") else { return };
        if !self.anchored.insert(id.clone())
            || matches!(self.container, Some(Place::Comment { .. }))
        {
            return;
        }
        let anchor = PieceKind::CommentAnchor(id.clone());
        if self.push_piece(String::new(), anchor, None).is_none() {
            self.pending_anchors.push(id);
        }
    }

    fn note_comment_id(&mut self, tag: &Tag) {
        if let Some(number) = tag.attr("id").and_then(|id| id.parse::<u64>().ok()) {
            let highest = self.story.highest_comment_id.get_or_insert(number);
            *highest = (*highest).max(number);
        }
    }

    fn open_table(&mut self) {
        self.tables.push(TablePosition {
            index: self.table_count,
            row: None,
            column: None,
        });
        self.table_count += 1;
    }

    fn next_row(&mut self) {
        if let Some(table) = self.tables.last_mut() {
            table.row = Some(table.row.map_or(0, |r| r + 1));
            table.column = None;
        }
    }

    fn next_cell(&mut self) {
        if let Some(table) = self.tables.last_mut() {
            table.column = Some(table.column.map_or(0, |c| c + 1));
        }
    }

    /// Separator "notes" draw the line above the footnotes; they hold no text of the draft.
    fn open_note(
        &mut self,
        cursor: &mut XmlCursor,
        tag: &Tag,
        kind: NoteKind,
    ) -> Result<(), DocxError> {
        let separator = matches!(
            tag.attr("type").as_deref(),
            Some("separator" | "continuationSeparator" | "continuationNotice")
        );
        match tag.attr("id") {
            Some(id) if !separator => {
                self.container = Some(Place::Note {
                    kind,
                    id,
                    number: 0,
                    first: false,
                });
                Ok(())
            }
            _ => cursor.skip_subtree(),
        }
    }

    fn open_comment(&mut self, tag: &Tag) {
        self.note_comment_id(tag);
        let id = tag.attr("id").unwrap_or_default();
        let author = tag.attr("author").unwrap_or_default();
        self.story.comments.push((id.clone(), author));
        self.container = Some(Place::Comment { id });
    }
}
