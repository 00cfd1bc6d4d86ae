//! The ZIP package: recognising what the bytes are, reading parts within fixed limits, and
//! writing a copy with some parts replaced.
//!
//! Nothing a ZIP header claims is trusted: the entry count is checked before any entry is
//! read, and every part is inflated through a reader that stops at the remaining budget, so
//! a ZIP bomb costs at most [`MAX_INFLATED`] bytes of memory, whatever its headers say.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::error::{CompoundKind, DocxError};
use super::xml::{decode_part, Node, XmlCursor};
use super::zip_out::{EntryHeader, ZipOut};

/// More entries than a long contract with many images ever has.
pub const MAX_ENTRIES: usize = 2_000;
/// Total bytes all parts read from one package may inflate to.
pub const MAX_INFLATED: u64 = 64 * 1024 * 1024;

/// The part that declares every part's content type.
pub const CONTENT_TYPES: &str = "[Content_Types].xml";

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// A relationship from `_rels/*.rels`: its type URI and target part (resolved to a path
/// inside the package).
pub struct Relationship {
    pub kind: String,
    pub target: String,
}

impl Relationship {
    /// Relationship types differ between transitional and strict OOXML only in their base
    /// URI, so types are matched by their last segment ("officeDocument", "comments").
    pub fn is(&self, last_segment: &str) -> bool {
        self.kind.rsplit('/').next() == Some(last_segment)
    }
}

pub struct Package<'a> {
    bytes: &'a [u8],
    archive: ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

impl<'a> Package<'a> {
    /// Opens the bytes as a .docx package, or says precisely what else they are.
    pub fn open(bytes: &'a [u8]) -> Result<Self, DocxError> {
        if bytes.starts_with(OLE_MAGIC) {
            return Err(DocxError::CompoundFile {
                kind: compound_kind(bytes),
            });
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
            if bytes.starts_with(b"PK") {
                DocxError::CorruptZip {
                    detail: describe_zip_error(&error),
                }
            } else {
                DocxError::NotAZip {
                    looks_like: sniff(bytes),
                }
            }
        })?;
        if archive.len() > MAX_ENTRIES {
            return Err(DocxError::TooManyEntries { limit: MAX_ENTRIES });
        }
        let mut package = Package {
            bytes,
            archive,
            budget: MAX_INFLATED,
        };
        package.refuse_other_formats()?;
        Ok(package)
    }

    /// The entry name matching `path`, compared without case as OPC part names are.
    pub fn find(&self, path: &str) -> Option<String> {
        self.archive
            .file_names()
            .find(|name| name.eq_ignore_ascii_case(path))
            .map(str::to_string)
    }

    /// Reads and decodes an XML part, or `None` when the package has no such part.
    pub fn read_xml(&mut self, path: &str) -> Result<Option<String>, DocxError> {
        match self.read_bytes(path)? {
            Some(bytes) => decode_part(path, bytes).map(Some),
            None => Ok(None),
        }
    }

    fn read_bytes(&mut self, path: &str) -> Result<Option<Vec<u8>>, DocxError> {
        let Some(name) = self.find(path) else {
            return Ok(None);
        };
        let Some(index) = self.archive.index_for_name(&name) else {
            return Ok(None);
        };
        let encrypted = self
            .archive
            .by_index_raw(index)
            .map_err(corrupt)?
            .encrypted();
        if encrypted {
            return Err(DocxError::EncryptedEntry { part: name });
        }
        let file = self.archive.by_index(index).map_err(corrupt)?;
        let mut bytes = Vec::new();
        file.take(self.budget.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|error| DocxError::CorruptZip {
                detail: format!("{name}: {error}"),
            })?;
        let size = bytes.len() as u64;
        if size > self.budget {
            return Err(DocxError::TooLarge {
                limit: MAX_INFLATED,
            });
        }
        self.budget -= size;
        Ok(Some(bytes))
    }

    /// The path of the main document part, from the package relationships (falling back
    /// to the conventional `word/document.xml` when they are missing).
    pub fn main_document(&mut self) -> Result<String, DocxError> {
        let declared = self
            .relationships("_rels/.rels")?
            .into_iter()
            .find(|r| r.is("officeDocument"))
            .map(|r| r.target);
        let path = declared.unwrap_or_else(|| "word/document.xml".to_string());
        if let Some(found) = self.find(&path) {
            return match self.content_type(&found)? {
                Some(kind) if kind.contains("spreadsheetml") => {
                    Err(DocxError::OtherOfficeDocument {
                        kind: "an Excel workbook",
                    })
                }
                Some(kind) if kind.contains("presentationml") => {
                    Err(DocxError::OtherOfficeDocument {
                        kind: "a PowerPoint presentation",
                    })
                }
                _ => Ok(found),
            };
        }
        if self.find("xl/workbook.xml").is_some() {
            return Err(DocxError::OtherOfficeDocument {
                kind: "an Excel workbook",
            });
        }
        if self.find("ppt/presentation.xml").is_some() {
            return Err(DocxError::OtherOfficeDocument {
                kind: "a PowerPoint presentation",
            });
        }
        Err(DocxError::MissingPart { part: path })
    }

    /// The content type `[Content_Types].xml` declares for a part by an `Override`
    /// (empty when the override names none), or `None` when no override names the part.
    /// The whole part is checked, since the annotator will have to extend it.
    pub fn content_type(&mut self, path: &str) -> Result<Option<String>, DocxError> {
        let Some(xml) = self.read_xml(CONTENT_TYPES)? else {
            return Ok(None);
        };
        let part_name = format!("/{path}");
        let names_part = |tag: &super::xml::Tag| {
            tag.local() == b"Override"
                && tag
                    .attr("PartName")
                    .is_some_and(|name| name.eq_ignore_ascii_case(&part_name))
        };
        let mut cursor = XmlCursor::new(CONTENT_TYPES, &xml);
        let mut found = None;
        loop {
            match cursor.next()? {
                Node::Open(tag) | Node::Empty(tag) if found.is_none() && names_part(&tag) => {
                    found = Some(tag.attr("ContentType").unwrap_or_default());
                }
                Node::Eof => return Ok(found),
                _ => {}
            }
        }
    }

    /// The relationships declared in a `.rels` part (none when it is absent). External
    /// targets are left out: they are not parts of this package.
    pub fn relationships(&mut self, rels_path: &str) -> Result<Vec<Relationship>, DocxError> {
        let Some(xml) = self.read_xml(rels_path)? else {
            return Ok(Vec::new());
        };
        let source_dir = source_directory(rels_path);
        let mut found = Vec::new();
        let mut cursor = XmlCursor::new(rels_path, &xml);
        loop {
            match cursor.next()? {
                Node::Open(tag) | Node::Empty(tag) if tag.local() == b"Relationship" => {
                    if tag.attr("TargetMode").as_deref() == Some("External") {
                        continue;
                    }
                    if let (Some(kind), Some(target)) = (tag.attr("Type"), tag.attr("Target")) {
                        found.push(Relationship {
                            kind,
                            target: resolve(&source_dir, &target),
                        });
                    }
                }
                Node::Eof => return Ok(found),
                _ => {}
            }
        }
    }

    /// Writes a copy of the package: entries named in `replaced` get the new text, all
    /// others keep their compressed bytes, and `added` entries follow. New and rewritten
    /// entries are stored uncompressed (see [`ZipOut`]).
    pub fn rewrite(
        &mut self,
        replaced: &BTreeMap<String, String>,
        added: &[(String, String)],
    ) -> Result<Vec<u8>, DocxError> {
        let mut out = ZipOut::default();
        let mut stamp = (0, DOS_DATE_1980);
        for index in 0..self.archive.len() {
            let file = self.archive.by_index_raw(index).map_err(corrupt)?;
            let name = file.name().to_string();
            if file.encrypted() {
                return Err(DocxError::EncryptedEntry { part: name });
            }
            let mut header =
                central_header(self.bytes, file.central_header_start()).ok_or_else(|| {
                    DocxError::CorruptZip {
                        detail: format!("{name}: bad central directory record"),
                    }
                })?;
            stamp = (header.dos_time, header.dos_date);
            if let Some(text) = replaced.get(&name) {
                out.add_stored(&name, text.as_bytes(), header.dos_time, header.dos_date)?;
                continue;
            }
            header.crc32 = file.crc32();
            header.compressed_size = file.compressed_size();
            header.size = file.size();
            let data = usize::try_from(file.data_start())
                .ok()
                .and_then(|start| {
                    Some((
                        start,
                        start.checked_add(usize::try_from(header.compressed_size).ok()?)?,
                    ))
                })
                .and_then(|(start, end)| self.bytes.get(start..end))
                .ok_or_else(|| DocxError::CorruptZip {
                    detail: format!("{name}: its data lies outside the archive"),
                })?;
            out.add_raw(file.name_raw(), header, data)?;
        }
        for (name, text) in added {
            out.add_stored(name, text.as_bytes(), stamp.0, stamp.1)?;
        }
        out.finish()
    }

    /// An OpenDocument file announces itself in its first entry, `mimetype`.
    fn refuse_other_formats(&mut self) -> Result<(), DocxError> {
        match self.read_bytes("mimetype")? {
            Some(mime) if mime.starts_with(b"application/vnd.oasis.opendocument") => {
                Err(DocxError::OpenDocument)
            }
            _ => Ok(()),
        }
    }
}

/// 1980-01-01, the earliest date ZIP can record.
const DOS_DATE_1980: u16 = 0x21;

/// The flags, method and time of an entry, from its central directory record (sizes and
/// checksum are filled in from the parsed entry, which also knows ZIP64 extensions).
fn central_header(bytes: &[u8], start: u64) -> Option<EntryHeader> {
    let start = usize::try_from(start).ok()?;
    let record = bytes.get(start..start.checked_add(16)?)?;
    if record[..4] != *b"PK\x01\x02" {
        return None;
    }
    let field = |at: usize| u16::from_le_bytes([record[at], record[at + 1]]);
    Some(EntryHeader {
        flags: field(8),
        method: field(10),
        dos_time: field(12),
        dos_date: field(14),
        crc32: 0,
        compressed_size: 0,
        size: 0,
    })
}

fn corrupt(error: ZipError) -> DocxError {
    DocxError::CorruptZip {
        detail: describe_zip_error(&error),
    }
}

fn describe_zip_error(error: &ZipError) -> String {
    match error {
        ZipError::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the archive ends too early; it was probably cut short".to_string()
        }
        other => other.to_string(),
    }
}

/// Tells an encrypted .docx from an old .doc by the stream names in the compound file's
/// directory, stored as UTF-16LE.
fn compound_kind(bytes: &[u8]) -> CompoundKind {
    let contains_utf16 = |name: &str| {
        let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes
            .windows(needle.len())
            .any(|window| window == needle.as_slice())
    };
    if contains_utf16("EncryptionInfo") {
        CompoundKind::Encrypted
    } else if contains_utf16("WordDocument") {
        CompoundKind::LegacyDoc
    } else {
        CompoundKind::Unknown
    }
}

/// Recognises the formats most often chosen by mistake instead of a .docx.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{FEFF}').trim_start();
    if bytes.is_empty() {
        Some("an empty file")
    } else if head.starts_with(b"%PDF") {
        Some("a PDF file")
    } else if head.starts_with(b"{\\rtf") {
        Some("an RTF document")
    } else if trimmed.starts_with("<?xml") && text.contains("pkg:package") {
        Some("a Word XML document (Flat OPC)")
    } else if trimmed.starts_with('<') {
        Some("an XML or HTML file")
    } else {
        None
    }
}

/// The directory a relationships part speaks for: `word/_rels/document.xml.rels` describes
/// `word/document.xml`, so its relative targets start from `word/`.
fn source_directory(rels_path: &str) -> String {
    let dir = rels_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let source_dir = dir.strip_suffix("_rels").unwrap_or(dir);
    source_dir.trim_end_matches('/').to_string()
}

/// Resolves a relationship target against its source directory into a package path
/// without a leading slash, folding `.` and `..`.
pub fn resolve(source_dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None if source_dir.is_empty() => target.to_string(),
        None => format!("{source_dir}/{target}"),
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

/// The relationships part that describes `part` (`word/document.xml` →
/// `word/_rels/document.xml.rels`).
pub fn rels_path_for(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_relative_to_the_source_part() {
        assert_eq!(resolve("word", "footnotes.xml"), "word/footnotes.xml");
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "/word/comments.xml"), "word/comments.xml");
        assert_eq!(source_directory("word/_rels/document.xml.rels"), "word");
        assert_eq!(source_directory("_rels/.rels"), "");
        assert_eq!(
            rels_path_for("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }

    #[test]
    fn compound_files_are_told_apart_by_stream_names() {
        let mut encrypted = OLE_MAGIC.to_vec();
        encrypted.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(compound_kind(&encrypted), CompoundKind::Encrypted);
        let mut legacy = OLE_MAGIC.to_vec();
        legacy.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(compound_kind(&legacy), CompoundKind::LegacyDoc);
        assert_eq!(compound_kind(OLE_MAGIC), CompoundKind::Unknown);
    }
}
