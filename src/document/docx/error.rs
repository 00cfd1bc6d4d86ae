//! Why a .docx could not be read or annotated, worded for the person who chose the file.

use std::fmt;

/// Everything that can go wrong with a .docx. Each message says what is wrong, where, and
/// what the user can do about it; none of them is ever a panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// The bytes are not a ZIP archive at all. `looks_like` names the format they seem to
    /// be in when it is recognisable ("a PDF file", "an RTF document", ...).
    NotAZip { looks_like: Option<&'static str> },
    /// A ZIP archive that cannot be read: cut short, damaged, or using features a .docx
    /// never uses.
    CorruptZip { detail: String },
    /// An OLE compound file (magic D0CF11E0): a password-protected .docx or an old .doc.
    /// `kind` says which one when the file's directory tells.
    CompoundFile { kind: CompoundKind },
    /// A ZIP holding an OpenDocument text (.odt), probably renamed to .docx.
    OpenDocument,
    /// A ZIP holding some other Office document (a workbook, a presentation).
    OtherOfficeDocument { kind: &'static str },
    /// A ZIP without the Word main document part.
    MissingPart { part: String },
    /// A part of the package is encrypted inside the ZIP.
    EncryptedEntry { part: String },
    /// More ZIP entries than any real document has: refused to avoid exhausting memory.
    TooManyEntries { limit: usize },
    /// The parts would inflate to more than the limit: refused as a probable ZIP bomb.
    TooLarge { limit: u64 },
    /// An XML part is not well-formed (or not UTF-8/UTF-16 text).
    Xml {
        part: String,
        position: u64,
        detail: String,
    },
    /// An XML part declares a DOCTYPE or entities, which Word never writes and which can be
    /// used to make a reader expand text without bound.
    Doctype { part: String },
    /// An XML part nests elements deeper than the limit.
    TooDeep { part: String, limit: usize },
    /// A comment passed to `annotate` points at no paragraph or outside its text.
    BadComment { index: usize, detail: String },
    /// The annotated copy could not be written.
    Write { detail: String },
}

/// What an OLE compound file (the pre-2007 Office container) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompoundKind {
    /// A .docx protected with a password: Office wraps the encrypted package in OLE.
    Encrypted,
    /// A Word 97-2003 binary document.
    LegacyDoc,
    /// Neither could be told apart from the directory.
    Unknown,
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::NotAZip {
                looks_like: Some(kind),
            } => write!(
                f,
                "this file is not a .docx: it looks like {kind}, not a ZIP archive; \
                 open it in Word and save it as a Word Document (.docx), or paste its text"
            ),
            DocxError::NotAZip { looks_like: None } => write!(
                f,
                "this file is not a .docx: it is not a ZIP archive (a .docx always is); \
                 check that the right file was chosen, or save it from Word as .docx"
            ),
            DocxError::CorruptZip { detail } => write!(
                f,
                "this .docx is damaged or incomplete: the ZIP archive cannot be read ({detail}); \
                 download or copy it again, or open it in Word and save a fresh copy"
            ),
            DocxError::CompoundFile { kind } => {
                let what = match kind {
                    CompoundKind::Encrypted => "a password-protected (encrypted) document",
                    CompoundKind::LegacyDoc => "an old Word 97-2003 .doc file",
                    CompoundKind::Unknown => "a password-protected document or an old .doc file",
                };
                write!(
                    f,
                    "this file is in the encrypted or old .doc format ({what}), not a plain .docx; \
                     in Word remove the password (File > Info > Protect Document) and save it \
                     as a Word Document (.docx), then try again"
                )
            }
            DocxError::OpenDocument => write!(
                f,
                "this file is an OpenDocument text (.odt), not a .docx, even if its name ends in \
                 .docx; open it in LibreOffice or Word and save it as Word 2007-365 (.docx)"
            ),
            DocxError::OtherOfficeDocument { kind } => write!(
                f,
                "this file is {kind}, not a Word document; choose the agreement's .docx file"
            ),
            DocxError::MissingPart { part } => write!(
                f,
                "this ZIP archive is not a Word document: it has no main document part \
                 ({part}); open the file in Word and save it as a Word Document (.docx)"
            ),
            DocxError::EncryptedEntry { part } => write!(
                f,
                "the part {part} of this .docx is encrypted inside the ZIP archive; \
                 save an unprotected copy from Word and try again"
            ),
            DocxError::TooManyEntries { limit } => write!(
                f,
                "this .docx holds more than {limit} files, far more than any real document; \
                 refused to protect this device (it may be a ZIP bomb)"
            ),
            DocxError::TooLarge { limit } => write!(
                f,
                "this .docx would unpack to more than {} MiB of text; refused to protect this \
                 device (it may be a ZIP bomb); if it is a genuine document, remove embedded \
                 media or split it",
                limit / (1024 * 1024)
            ),
            DocxError::Xml {
                part,
                position,
                detail,
            } => write!(
                f,
                "the part {part} of this .docx is not well-formed XML (at byte {position}: \
                 {detail}); open the file in Word, let it repair the document, and save it again"
            ),
            DocxError::Doctype { part } => write!(
                f,
                "the part {part} of this .docx declares a DOCTYPE or entities, which Word never \
                 writes; refused because such declarations can make a reader expand text \
                 without bound; save a fresh copy from Word"
            ),
            DocxError::TooDeep { part, limit } => write!(
                f,
                "the part {part} of this .docx nests elements more than {limit} levels deep, \
                 which no real document does; refused; save a fresh copy from Word"
            ),
            DocxError::BadComment { index, detail } => {
                write!(
                    f,
                    "comment {index} cannot be placed in the document: {detail}"
                )
            }
            DocxError::Write { detail } => {
                write!(f, "the annotated copy could not be written: {detail}")
            }
        }
    }
}

impl std::error::Error for DocxError {}
