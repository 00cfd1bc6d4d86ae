//! Opens a package and builds the [`Model`]: styles and numbering first, then the body,
//! then footnotes and endnotes in the order the body refers to them, then the comments.

use std::collections::{BTreeMap, HashMap};

use super::error::DocxError;
use super::model::{
    CommentInfo, Markup, Model, NoteKind, Paragraph, Part, PieceKind, Place, RevisionInfo,
};
use super::numbering::Numbering;
use super::package::{rels_path_for, Package, Relationship};
use super::story::{walk, Story};
use super::styles::Styles;

const WORD_TRANSITIONAL: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const WORD_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

/// A package opened for reading, kept open for the annotator to rewrite.
pub struct Loaded<'a> {
    pub package: Package<'a>,
    pub model: Model,
    pub main_part: String,
    pub relationships: Vec<Relationship>,
    /// Whether the main part uses the strict OOXML namespace (its relationship types differ).
    pub strict: bool,
    /// The comments part and its text, when the document already has one.
    pub comments_part: Option<(String, String)>,
}

pub fn load(bytes: &[u8]) -> Result<Loaded<'_>, DocxError> {
    let mut package = Package::open(bytes)?;
    let main_part = package.main_document()?;
    let relationships = package.relationships(&rels_path_for(&main_part))?;
    let mut related = |kind: &str| related_part(&mut package, &relationships, kind);
    let styles = match related("styles")? {
        Some((path, xml)) => Styles::parse(&path, &xml)?,
        None => Styles::default(),
    };
    let numbering = match related("numbering")? {
        Some((path, xml)) => Numbering::parse(&path, &xml)?,
        None => Numbering::default(),
    };
    let footnotes = related("footnotes")?;
    let endnotes = related("endnotes")?;
    let comments_part = related("comments")?;
    let document_xml = package
        .read_xml(&main_part)?
        .ok_or_else(|| DocxError::MissingPart {
            part: main_part.clone(),
        })?;
    let strict = document_xml.contains(WORD_STRICT) && !document_xml.contains(WORD_TRANSITIONAL);

    let mut builder = Builder {
        styles,
        parts: Vec::new(),
        revisions: Vec::new(),
        highest_comment_id: None,
        strict,
    };
    let body = builder.story(&main_part, document_xml)?;
    if body.root.as_deref() != Some(b"document".as_slice()) {
        return Err(DocxError::Xml {
            part: main_part,
            position: 0,
            detail: "its root element is not w:document, so it is not a Word document".to_string(),
        });
    }
    let mut notes = HashMap::new();
    for (kind, part) in [
        (NoteKind::Footnote, footnotes),
        (NoteKind::Endnote, endnotes),
    ] {
        if let Some((path, xml)) = part {
            notes.insert(kind, builder.story(&path, xml)?);
        }
    }
    let comments = match &comments_part {
        Some((path, xml)) => builder.comments(path, xml)?,
        None => BTreeMap::new(),
    };
    let new_paragraph_home = body.new_paragraph_home.clone();
    let model = Model {
        paragraphs: order_paragraphs(body, notes),
        parts: builder.parts,
        revisions: builder.revisions,
        comments,
        new_paragraph_home,
        highest_comment_id: builder.highest_comment_id,
        styles: builder.styles,
        numbering,
    };
    Ok(Loaded {
        package,
        model,
        main_part,
        relationships,
        strict,
        comments_part,
    })
}

/// The path and text of the part the main part relates to by this type, if it exists.
/// Part names are compared without case; the entry's own spelling is kept so that the
/// annotator replaces the very entry that was read.
fn related_part(
    package: &mut Package,
    relationships: &[Relationship],
    kind: &str,
) -> Result<Option<(String, String)>, DocxError> {
    let Some(relationship) = relationships.iter().find(|r| r.is(kind)) else {
        return Ok(None);
    };
    let path = package
        .find(&relationship.target)
        .unwrap_or_else(|| relationship.target.clone());
    Ok(package.read_xml(&path)?.map(|xml| (path, xml)))
}

struct Builder {
    styles: Styles,
    parts: Vec<Part>,
    revisions: Vec<RevisionInfo>,
    highest_comment_id: Option<u64>,
    strict: bool,
}

impl Builder {
    fn story(&mut self, path: &str, xml: String) -> Result<Story, DocxError> {
        let index = self.parts.len();
        let story = walk(index, path, &xml, &self.styles, &mut self.revisions)?;
        if let Some(id) = story.highest_comment_id {
            self.highest_comment_id = Some(self.highest_comment_id.map_or(id, |h| h.max(id)));
        }
        let namespace = if self.strict {
            WORD_STRICT
        } else {
            WORD_TRANSITIONAL
        };
        let markup = Markup::new(story.word_prefix.clone(), namespace);
        self.parts.push(Part {
            name: path.to_string(),
            xml,
            markup,
        });
        Ok(story)
    }

    /// The comments part is read like a story for its text, but is not one of the parts
    /// whose paragraphs the model lists.
    fn comments(
        &mut self,
        path: &str,
        xml: &str,
    ) -> Result<BTreeMap<String, CommentInfo>, DocxError> {
        let story = self.story(path, xml.to_string())?;
        self.parts.pop();
        Ok(comment_texts(&story, &self.revisions))
    }
}

/// The body's paragraphs, then each footnote's and each endnote's in the order of their
/// first reference, numbered 1, 2, … as Word numbers them by default. Notes nothing refers
/// to are not shown by Word and are left out.
fn order_paragraphs(body: Story, mut notes: HashMap<NoteKind, Story>) -> Vec<Paragraph> {
    let mut paragraphs = body.paragraphs;
    for kind in [NoteKind::Footnote, NoteKind::Endnote] {
        let Some(story) = notes.remove(&kind) else {
            continue;
        };
        let mut by_id: HashMap<String, Vec<Paragraph>> = HashMap::new();
        for paragraph in story.paragraphs {
            if let Place::Note { id, .. } = &paragraph.place {
                by_id.entry(id.clone()).or_default().push(paragraph);
            }
        }
        let referenced = body.note_references.iter().filter(|(k, _)| *k == kind);
        for (position, (_, id)) in referenced.enumerate() {
            let Some(note) = by_id.remove(id) else {
                continue;
            };
            for (i, mut paragraph) in note.into_iter().enumerate() {
                paragraph.place = Place::Note {
                    kind,
                    id: id.clone(),
                    number: position + 1,
                    first: i == 0,
                };
                paragraphs.push(paragraph);
            }
        }
    }
    paragraphs
}

/// Each comment's text, its paragraphs joined by line breaks, tracked deletions left out.
fn comment_texts(story: &Story, revisions: &[RevisionInfo]) -> BTreeMap<String, CommentInfo> {
    let mut texts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for paragraph in &story.paragraphs {
        let Place::Comment { id } = &paragraph.place else {
            continue;
        };
        let line: String = paragraph
            .pieces
            .iter()
            .filter(|p| {
                !matches!(
                    p.kind,
                    PieceKind::CommentAnchor(_) | PieceKind::Hidden(super::HiddenKind::FieldCode)
                )
            })
            .filter(|p| {
                p.revision
                    .and_then(|r| revisions.get(r))
                    .is_none_or(|r| r.kind == super::RevisionKind::Insertion)
            })
            .map(|p| p.text.as_str())
            .collect();
        texts.entry(id.clone()).or_default().push(line);
    }
    story
        .comments
        .iter()
        .map(|(id, author)| {
            let text = texts
                .get(id)
                .map(|lines| lines.join("\n"))
                .unwrap_or_default();
            (
                id.clone(),
                CommentInfo {
                    author: author.clone(),
                    text: text.trim().to_string(),
                },
            )
        })
        .collect()
}
