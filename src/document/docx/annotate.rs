//! Writes a copy of a .docx with comments added.
//!
//! The original XML is never re-serialised: comment ranges are spliced into the parts at
//! byte positions the reader recorded, splitting a run where a range starts or ends inside
//! it (the second half gets a copy of the run's properties). Everything else in the package
//! is copied byte for byte, so the copy differs from the original only by the comments,
//! the comments part, its content type and its relationship.

use std::collections::{BTreeMap, HashSet};

use super::error::DocxError;
use super::load::{load, Loaded};
use super::model::{Markup, Model, Paragraph, Piece, PieceKind, TextTag, View};
use super::package::{rels_path_for, Package, CONTENT_TYPES};
use super::story::NewParagraphHome;
use super::xml::{escape, Node, XmlCursor};
use super::Comment;

const SUMMARY_AUTHOR: &str = "Accordlint";
const SUMMARY_INITIALS: &str = "AL";
const COMMENTS_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const COMMENTS_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_RELATIONSHIP_STRICT: &str =
    "http://purl.oclc.org/ooxml/officeDocument/relationships/comments";
const WORD_NAMESPACE: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const WORD_NAMESPACE_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const RELATIONSHIPS_NAMESPACE: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships";

/// Returns a copy of `original` with each comment attached where it points and `summary`
/// (when not empty) as a comment on the first paragraph. The input is only read.
pub fn annotate(
    original: &[u8],
    comments: &[Comment],
    summary: &str,
) -> Result<Vec<u8>, DocxError> {
    let mut loaded = load(original)?;
    let all = with_summary(comments, summary);
    let has_summary = all.len() > comments.len();
    let first_id = loaded
        .model
        .highest_comment_id
        .map_or(0, |highest| highest + 1);
    let mut edits = Edits::default();
    let mut ids = Vec::with_capacity(all.len());
    for (position, comment) in all.iter().enumerate() {
        let id = first_id + position as u64;
        if has_summary && position == 0 && loaded.model.paragraphs.is_empty() {
            place_in_new_paragraph(&loaded.model, id, &mut edits)?;
        } else {
            let caller_index = position.saturating_sub(usize::from(has_summary));
            place(&loaded.model, comment, id, caller_index, &mut edits)?;
        }
        ids.push(id);
    }
    let mut replaced = BTreeMap::new();
    for (part_index, part) in loaded.model.parts.iter().enumerate() {
        if let Some(splices) = edits.finish(part_index, &loaded.model) {
            replaced.insert(part.name.clone(), apply(&part.name, &part.xml, splices)?);
        }
    }
    let mut added = Vec::new();
    let comments_path = write_comments_part(&loaded, &all, &ids, &mut replaced, &mut added)?;
    register_content_type(&mut loaded.package, &comments_path, &mut replaced)?;
    register_relationship(&mut loaded, &comments_path, &mut replaced, &mut added)?;
    loaded.package.rewrite(&replaced, &added)
}

/// The summary goes first, as a comment on the whole first paragraph.
fn with_summary(comments: &[Comment], summary: &str) -> Vec<Comment> {
    let mut all = Vec::with_capacity(comments.len() + 1);
    if !summary.trim().is_empty() {
        all.push(Comment {
            paragraph: 0,
            start_char: 0,
            end_char: 0,
            author: SUMMARY_AUTHOR.to_string(),
            initials: SUMMARY_INITIALS.to_string(),
            text: summary.to_string(),
        });
    }
    all.extend_from_slice(comments);
    all
}

/// A document without any paragraph gets an empty one to carry the summary, at the start of
/// its body (or in a new body, when it has none).
fn place_in_new_paragraph(model: &Model, id: u64, edits: &mut Edits) -> Result<(), DocxError> {
    let nowhere = || DocxError::BadComment {
        index: 0,
        detail: "the document has no body to attach the summary to".to_string(),
    };
    let part = model.parts.first().ok_or_else(nowhere)?;
    let Markup {
        prefix: p,
        declaration: d,
    } = &part.markup;
    let marks = format!(
        "{}{}",
        range_start(&part.markup, id),
        range_end(&part.markup, id)
    );
    let paragraph = format!("<{p}p{d}>{marks}</{p}p>");
    let body = format!("<{p}body{d}>{paragraph}</{p}body>");
    match &model.new_paragraph_home {
        NewParagraphHome::InBody(at) => edits.insert(0, *at, paragraph),
        NewParagraphHome::BeforeRootClose(at) => edits.insert(0, *at, body),
        NewParagraphHome::InEmptyRoot { at, qname } => {
            edits.splices.entry(0).or_default().push(Splice {
                at: *at,
                replaces: 2,
                text: format!(">{body}</{qname}>"),
            });
        }
        NewParagraphHome::Nowhere => return Err(nowhere()),
    }
    Ok(())
}

/// Markup to insert at a byte position of a part; `replaces` bytes there are dropped.
struct Splice {
    at: usize,
    replaces: usize,
    text: String,
}

#[derive(Default)]
struct Edits {
    splices: BTreeMap<usize, Vec<Splice>>,
    /// Markup for paragraphs written as `<w:p/>`, which must be opened up once for all of it.
    inside_empty: BTreeMap<usize, Vec<String>>,
    preserved: HashSet<(usize, usize)>,
}

impl Edits {
    fn insert(&mut self, part: usize, at: usize, text: String) {
        self.splices.entry(part).or_default().push(Splice {
            at,
            replaces: 0,
            text,
        });
    }

    /// Makes a split `w:t` keep the spaces at its new ends: Word trims them otherwise.
    fn preserve_space(&mut self, part: usize, tag: &TextTag) {
        if !tag.preserves_space && self.preserved.insert((part, tag.tag.0)) {
            let before_close = tag.tag.1.saturating_sub(1);
            self.insert(part, before_close, " xml:space=\"preserve\"".to_string());
        }
    }

    fn finish(&mut self, part: usize, model: &Model) -> Option<Vec<Splice>> {
        let mut splices = self.splices.remove(&part).unwrap_or_default();
        let empties: Vec<usize> = self
            .inside_empty
            .keys()
            .copied()
            .filter(|&p| {
                model
                    .paragraphs
                    .get(p)
                    .is_some_and(|paragraph| paragraph.part == part)
            })
            .collect();
        for index in empties {
            let (Some(inner), Some(paragraph)) = (
                self.inside_empty.remove(&index),
                model.paragraphs.get(index),
            ) else {
                continue;
            };
            let self_closing = paragraph.tag.1.saturating_sub(2);
            let text = format!(">{}</{}>", inner.concat(), paragraph.qname);
            splices.push(Splice {
                at: self_closing,
                replaces: 2,
                text,
            });
        }
        (!splices.is_empty()).then_some(splices)
    }
}

/// A shown piece of a paragraph with its character range in the paragraph's text.
struct Located<'m> {
    piece: &'m Piece,
    start: usize,
    end: usize,
}

fn visible_pieces<'m>(model: &Model, paragraph: &'m Paragraph) -> Vec<Located<'m>> {
    let mut offset = 0;
    let mut located = Vec::new();
    for piece in &paragraph.pieces {
        if piece.kind != PieceKind::Visible || !model.shows(piece, View::Accepted) {
            continue;
        }
        let length = piece.text.chars().count();
        located.push(Located {
            piece,
            start: offset,
            end: offset + length,
        });
        offset += length;
    }
    located
}

fn place(
    model: &Model,
    comment: &Comment,
    id: u64,
    caller_index: usize,
    edits: &mut Edits,
) -> Result<(), DocxError> {
    let bad = |detail: String| DocxError::BadComment {
        index: caller_index,
        detail,
    };
    let paragraph = model.paragraphs.get(comment.paragraph).ok_or_else(|| {
        bad(format!(
            "paragraph {} does not exist (the document has {})",
            comment.paragraph,
            model.paragraphs.len()
        ))
    })?;
    let part = model
        .parts
        .get(paragraph.part)
        .ok_or_else(|| bad("unknown part".to_string()))?;
    let (markup, xml) = (&part.markup, part.xml.as_str());
    let pieces = visible_pieces(model, paragraph);
    let length = pieces.last().map_or(0, |p| p.end);
    if comment.start_char > comment.end_char || comment.end_char > length {
        return Err(bad(format!(
            "characters {}..{} lie outside paragraph {}, which has {length}",
            comment.start_char, comment.end_char, comment.paragraph
        )));
    }
    let start_mark = range_start(markup, id);
    let end_mark = range_end(markup, id);
    let whole_paragraph = comment.end_char == 0 || pieces.is_empty();
    if whole_paragraph {
        return mark_paragraph(paragraph, comment.paragraph, start_mark, end_mark, edits);
    }
    if comment.start_char == comment.end_char {
        let side = if comment.start_char == length {
            Side::End
        } else {
            Side::Start
        };
        let spot = find_spot(xml, paragraph, &pieces, comment.start_char, side);
        mark(paragraph, spot, format!("{start_mark}{end_mark}"), edits);
        return Ok(());
    }
    let start = find_spot(xml, paragraph, &pieces, comment.start_char, Side::Start);
    let end = find_spot(xml, paragraph, &pieces, comment.end_char, Side::End);
    mark(paragraph, start, start_mark, edits);
    mark(paragraph, end, end_mark, edits);
    Ok(())
}

fn range_start(markup: &Markup, id: u64) -> String {
    let Markup {
        prefix: p,
        declaration: d,
    } = markup;
    format!("<{p}commentRangeStart{d} {p}id=\"{id}\"/>")
}

fn range_end(markup: &Markup, id: u64) -> String {
    let Markup {
        prefix: p,
        declaration: d,
    } = markup;
    format!("<{p}commentRangeEnd{d} {p}id=\"{id}\"/><{p}r{d}><{p}commentReference {p}id=\"{id}\"/></{p}r>")
}

fn mark_paragraph(
    paragraph: &Paragraph,
    index: usize,
    start_mark: String,
    end_mark: String,
    edits: &mut Edits,
) -> Result<(), DocxError> {
    if paragraph.empty_element {
        edits
            .inside_empty
            .entry(index)
            .or_default()
            .push(format!("{start_mark}{end_mark}"));
        return Ok(());
    }
    let close_at = paragraph.close_at.ok_or_else(|| DocxError::BadComment {
        index,
        detail: "the paragraph is not closed in the document's XML".to_string(),
    })?;
    edits.insert(paragraph.part, paragraph.content_at, start_mark);
    edits.insert(paragraph.part, close_at, end_mark);
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The position begins the commented text: it belongs to the piece after it.
    Start,
    /// The position ends the commented text: it belongs to the piece before it.
    End,
}

/// Where in the XML a character position falls.
enum Spot<'m> {
    /// Between runs (before one or after one): markup goes straight in.
    Between(usize),
    /// Inside a run's text: the run is split there.
    InText {
        at: usize,
        run: usize,
        text_tag: &'m TextTag,
    },
    /// Between two children of a run (before or after a tab): the run is split there.
    InRun { at: usize, run: usize },
}

fn find_spot<'m>(
    xml: &str,
    paragraph: &Paragraph,
    pieces: &[Located<'m>],
    offset: usize,
    side: Side,
) -> Spot<'m> {
    let paragraph_edge = || match side {
        Side::Start => Spot::Between(paragraph.content_at),
        Side::End => Spot::Between(paragraph.close_at.unwrap_or(paragraph.content_at)),
    };
    let found = pieces.iter().position(|p| match side {
        Side::Start => p.start <= offset && offset < p.end,
        Side::End => p.start < offset && offset <= p.end,
    });
    let Some(position) = found else {
        return paragraph_edge();
    };
    let located = &pieces[position];
    let Some(at) = &located.piece.at else {
        return paragraph_edge();
    };
    let Some(run) = paragraph.runs.get(at.run) else {
        return paragraph_edge();
    };
    let same_run = |p: &Located| p.piece.at.as_ref().is_some_and(|a| a.run == at.run);
    let into_piece = offset - located.start;
    if into_piece == 0 && !pieces[..position].iter().any(same_run) {
        return Spot::Between(run.start);
    }
    if offset == located.end && !pieces[position + 1..].iter().any(same_run) {
        return Spot::Between(run.end);
    }
    match (at.bounds, &at.text_tag) {
        (Some((raw_start, raw_end)), Some(text_tag)) => {
            let raw = xml.get(raw_start..raw_end).unwrap_or_default();
            Spot::InText {
                at: raw_start + raw_offset(raw, into_piece),
                run: at.run,
                text_tag,
            }
        }
        (Some((child_start, child_end)), None) => Spot::InRun {
            at: if into_piece == 0 {
                child_start
            } else {
                child_end
            },
            run: at.run,
        },
        (None, _) => Spot::Between(if side == Side::Start {
            run.start
        } else {
            run.end
        }),
    }
}

/// The byte offset in escaped XML text after `chars` characters of its unescaped value
/// (an entity or character reference is one character).
fn raw_offset(raw: &str, chars: usize) -> usize {
    let mut at = 0;
    for _ in 0..chars {
        let Some(c) = raw[at..].chars().next() else {
            break;
        };
        at = match c {
            '&' => raw[at..]
                .find(';')
                .map_or(raw.len(), |semicolon| at + semicolon + 1),
            c => at + c.len_utf8(),
        };
    }
    at
}

/// Inserts markup at a spot, closing and reopening the run (and its text) around it when
/// the spot is inside one.
fn mark(paragraph: &Paragraph, spot: Spot, markup: String, edits: &mut Edits) {
    let part = paragraph.part;
    let reopen_run = |run: usize| {
        paragraph
            .runs
            .get(run)
            .map(|r| (format!("</{}>", r.qname), format!("<{}>{}", r.qname, r.rpr)))
    };
    match spot {
        Spot::Between(at) => edits.insert(part, at, markup),
        Spot::InRun { at, run } => match reopen_run(run) {
            Some((close, open)) => edits.insert(part, at, format!("{close}{markup}{open}")),
            None => edits.insert(part, at, markup),
        },
        Spot::InText { at, run, text_tag } => {
            let Some((close, open)) = reopen_run(run) else {
                return;
            };
            let t = &text_tag.qname;
            edits.insert(
                part,
                at,
                format!("</{t}>{close}{markup}{open}<{t} xml:space=\"preserve\">"),
            );
            edits.preserve_space(part, text_tag);
        }
    }
}

/// Applies splices in position order; splices at the same position keep their order.
fn apply(part: &str, xml: &str, mut splices: Vec<Splice>) -> Result<String, DocxError> {
    splices.sort_by_key(|s| s.at);
    let mut out =
        String::with_capacity(xml.len() + splices.iter().map(|s| s.text.len()).sum::<usize>());
    let mut copied = 0;
    for splice in splices {
        let unchanged = xml.get(copied..splice.at).ok_or_else(|| DocxError::Write {
            detail: format!("cannot insert a comment at byte {} of {part}", splice.at),
        })?;
        out.push_str(unchanged);
        out.push_str(&splice.text);
        copied = splice.at + splice.replaces;
    }
    out.push_str(xml.get(copied..).unwrap_or_default());
    Ok(out)
}

/// Adds the comments to the existing comments part, or creates one next to the main part.
/// Returns the comments part's path.
fn write_comments_part(
    loaded: &Loaded,
    comments: &[Comment],
    ids: &[u64],
    replaced: &mut BTreeMap<String, String>,
    added: &mut Vec<(String, String)>,
) -> Result<String, DocxError> {
    let namespace = if loaded.strict {
        WORD_NAMESPACE_STRICT
    } else {
        WORD_NAMESPACE
    };
    let render = |markup: &Markup| -> String {
        comments
            .iter()
            .zip(ids)
            .map(|(comment, id)| comment_element(markup, comment, *id))
            .collect()
    };
    if let Some((path, xml)) = &loaded.comments_part {
        if let Some(root) = find_root(path, xml)? {
            let markup = Markup::new(root.word_prefix, namespace);
            let mut text = String::with_capacity(xml.len() + 512 * comments.len());
            text.push_str(xml.get(..root.close_at).unwrap_or_default());
            text.push_str(&render(&markup));
            text.push_str(xml.get(root.close_at..).unwrap_or_default());
            replaced.insert(path.clone(), text);
        } else {
            replaced.insert(path.clone(), new_comments_part(namespace, &render));
        }
        return Ok(path.clone());
    }
    let related = loaded
        .relationships
        .iter()
        .find(|r| r.is("comments"))
        .map(|r| r.target.clone());
    let path = related.unwrap_or_else(|| unused_sibling(&loaded.package, &loaded.main_part));
    added.push((path.clone(), new_comments_part(namespace, &render)));
    Ok(path)
}

fn new_comments_part(namespace: &str, render: &dyn Fn(&Markup) -> String) -> String {
    let markup = Markup {
        prefix: "w:".to_string(),
        declaration: String::new(),
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{namespace}\">{}</w:comments>",
        render(&markup)
    )
}

fn comment_element(markup: &Markup, comment: &Comment, id: u64) -> String {
    let Markup {
        prefix: p,
        declaration: d,
    } = markup;
    let mut out = format!(
        "<{p}comment{d} {p}id=\"{id}\" {p}author=\"{}\" {p}initials=\"{}\">",
        escape(&comment.author),
        escape(&comment.initials)
    );
    for (line_number, line) in comment.text.lines().enumerate() {
        out.push_str(&format!("<{p}p>"));
        if line_number == 0 {
            out.push_str(&format!("<{p}r><{p}annotationRef/></{p}r>"));
        }
        if !line.is_empty() {
            out.push_str(&format!(
                "<{p}r><{p}t xml:space=\"preserve\">{}</{p}t></{p}r>",
                escape(line)
            ));
        }
        out.push_str(&format!("</{p}p>"));
    }
    if comment.text.lines().next().is_none() {
        out.push_str(&format!("<{p}p><{p}r><{p}annotationRef/></{p}r></{p}p>"));
    }
    out.push_str(&format!("</{p}comment>"));
    out
}

/// Declares the comments part's content type unless the package already does.
fn register_content_type(
    package: &mut Package,
    comments_path: &str,
    replaced: &mut BTreeMap<String, String>,
) -> Result<(), DocxError> {
    if package.content_type(comments_path)?.is_some() {
        return Ok(());
    }
    let missing = || DocxError::MissingPart {
        part: CONTENT_TYPES.to_string(),
    };
    let name = package.find(CONTENT_TYPES).ok_or_else(missing)?;
    let xml = package.read_xml(&name)?.ok_or_else(missing)?;
    let part_name = format!("/{comments_path}");
    let root = root_of(&name, &xml)?;
    let element = format!(
        "<{}Override PartName=\"{}\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/>",
        root.prefix,
        escape(&part_name)
    );
    replaced.insert(name, insert_at(&xml, root.close_at, &element));
    Ok(())
}

/// Relates the main part to the comments part unless it already is.
fn register_relationship(
    loaded: &mut Loaded,
    comments_path: &str,
    replaced: &mut BTreeMap<String, String>,
    added: &mut Vec<(String, String)>,
) -> Result<(), DocxError> {
    if loaded.relationships.iter().any(|r| r.is("comments")) {
        return Ok(());
    }
    let kind = if loaded.strict {
        COMMENTS_RELATIONSHIP_STRICT
    } else {
        COMMENTS_RELATIONSHIP
    };
    let target = escape(&relative_target(&loaded.main_part, comments_path));
    let rels_path = rels_path_for(&loaded.main_part);
    let Some(name) = loaded.package.find(&rels_path) else {
        let text = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{RELATIONSHIPS_NAMESPACE}\"><Relationship Id=\"rIdComments\" Type=\"{kind}\" Target=\"{target}\"/></Relationships>"
        );
        added.push((rels_path, text));
        return Ok(());
    };
    let xml = loaded.package.read_xml(&name)?.unwrap_or_default();
    let id = unused_relationship_id(&name, &xml)?;
    let root = root_of(&name, &xml)?;
    let element = format!(
        "<{}Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>",
        root.prefix
    );
    replaced.insert(name, insert_at(&xml, root.close_at, &element));
    Ok(())
}

fn unused_relationship_id(name: &str, xml: &str) -> Result<String, DocxError> {
    let mut taken = HashSet::new();
    let mut cursor = XmlCursor::new(name, xml);
    loop {
        match cursor.next()? {
            Node::Open(tag) | Node::Empty(tag) => {
                if let Some(id) = tag.attr("Id") {
                    taken.insert(id);
                }
            }
            Node::Eof => break,
            _ => {}
        }
    }
    let id = (0..)
        .map(|n| {
            if n == 0 {
                "rIdComments".to_string()
            } else {
                format!("rIdComments{n}")
            }
        })
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_default();
    Ok(id)
}

fn insert_at(xml: &str, at: usize, text: &str) -> String {
    let (before, after) = xml.split_at(at.min(xml.len()));
    format!("{before}{text}{after}")
}

/// A part's root element: its prefix as written ("" or "w:"), the prefix it binds to the
/// WordprocessingML namespace, and where its closing tag starts.
struct Root {
    prefix: String,
    word_prefix: Option<String>,
    close_at: usize,
}

fn root_of(name: &str, xml: &str) -> Result<Root, DocxError> {
    find_root(name, xml)?.ok_or_else(|| DocxError::Xml {
        part: name.to_string(),
        position: 0,
        detail: "no root element".to_string(),
    })
}

/// The root element, or `None` for a part with nothing but a declaration or whitespace.
fn find_root(name: &str, xml: &str) -> Result<Option<Root>, DocxError> {
    let mut cursor = XmlCursor::new(name, xml);
    let mut root: Option<Root> = None;
    let mut depth = 0usize;
    loop {
        match cursor.next()? {
            Node::Open(tag) => {
                if root.is_none() {
                    let prefix = tag.prefix();
                    let prefix = if prefix.is_empty() {
                        prefix
                    } else {
                        format!("{prefix}:")
                    };
                    root = Some(Root {
                        prefix,
                        word_prefix: tag.declares_word_namespace_as(),
                        close_at: xml.len(),
                    });
                }
                depth += 1;
            }
            Node::Close { start, .. } => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some(root) = root.as_mut() {
                        root.close_at = start;
                    }
                }
            }
            Node::Eof => break,
            Node::Empty(_) | Node::Text { .. } => {}
        }
    }
    Ok(root)
}

/// A new comments part beside the main part (`word/document.xml` → `word/comments.xml`),
/// numbered when a part nothing refers to already has that name.
fn unused_sibling(package: &Package, main_part: &str) -> String {
    let dir = main_part
        .rsplit_once('/')
        .map(|(dir, _)| format!("{dir}/"))
        .unwrap_or_default();
    (0..)
        .map(|n| {
            if n == 0 {
                format!("{dir}comments.xml")
            } else {
                format!("{dir}comments{n}.xml")
            }
        })
        .find(|candidate| package.find(candidate).is_none())
        .unwrap_or_default()
}

/// The target of a relationship from `source` to `target`, both package paths; the comments
/// part always sits beside the main part here, so its file name is enough.
fn relative_target(source: &str, target: &str) -> String {
    let source_dir = source.rsplit_once('/').map_or("", |(dir, _)| dir);
    match target
        .strip_prefix(source_dir)
        .and_then(|rest| rest.strip_prefix('/'))
    {
        Some(relative) if !source_dir.is_empty() => relative.to_string(),
        _ if source_dir.is_empty() => target.to_string(),
        _ => format!("/{target}"),
    }
}
