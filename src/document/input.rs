//! Reading a draft: bytes to text, with errors a user can act on.
//!
//! Drafts arrive as files (CLI), pasted text or dropped files (page). The checker reads
//! UTF-8 plain text, Markdown and HTML; anything else gets an error that says what the file
//! looks like and what to do, never a panic and never a silent misreading.

use std::fmt;

pub use super::html::to_plain_html;

/// The largest input accepted: 16 MiB. A draft agreement is rarely above 1 MiB (16 MiB is
/// some 5,000 pages); past this size the file is almost certainly not a draft, and refusing
/// keeps memory bounded: the pipeline needs about 14 times the input size (measured: 700 MB
/// for a 50 MB text), so a 50 MB file stops here with a clear error instead.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Why an input could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Larger than [`MAX_INPUT_BYTES`].
    TooLarge { name: String, size: usize, limit: usize },
    /// A binary file: `what` says what it looks like ("a ZIP archive (Word .docx?)").
    Binary { name: String, what: String, offset: usize },
    /// Not valid UTF-8 (or UTF-16 with a byte-order mark).
    InvalidEncoding { name: String, offset: usize, line: usize, encoding: &'static str },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::TooLarge { name, size, limit } => write!(
                f,
                "{name} is too large: {size} bytes, the limit is {limit} bytes ({} MiB). \
                 Check only the agreement itself, or split it into parts.",
                limit / (1024 * 1024)
            ),
            InputError::Binary { name, what, offset } => write!(
                f,
                "{name} looks like {what}, not text (binary data at byte {offset}). \
                 Save or export the draft as plain text (.txt), Markdown (.md) or HTML and check that file."
            ),
            InputError::InvalidEncoding { name, offset, line, encoding } => write!(
                f,
                "{name} is not valid {encoding}: invalid byte sequence at byte {offset} (line {line}). \
                 The file is probably in another encoding (Windows-1252 or Latin-1?); re-save it as UTF-8."
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Decodes a file's bytes to text: UTF-8 with or without a byte-order mark (removed), or
/// UTF-16 announced by its byte-order mark. Refuses binary files and inputs above
/// [`MAX_INPUT_BYTES`]. `name` is the file name used in the error.
pub fn decode(bytes: &[u8], name: &str) -> Result<String, InputError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            name: name.to_string(),
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    if let Some(what) = binary_signature(bytes, name) {
        return Err(InputError::Binary { name: name.to_string(), what, offset: 0 });
    }
    if let Some(text) = decode_utf16_with_bom(bytes, name)? {
        return Ok(text);
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let skipped = bytes.len() - body.len();
    if let Some(nul) = memchr_nul(body) {
        return Err(InputError::Binary {
            name: name.to_string(),
            what: "a binary file (it contains NUL bytes)".to_string(),
            offset: skipped + nul,
        });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => {
            let offset = skipped + error.valid_up_to();
            Err(InputError::InvalidEncoding {
                name: name.to_string(),
                offset,
                line: line_of(bytes, offset),
                encoding: "UTF-8",
            })
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// 1-based line number of a byte offset.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count()
}

/// Recognises common binary formats by their first bytes, so the error can say what the file
/// is ("a ZIP archive (Word .docx?)") rather than "invalid UTF-8 at byte 10".
fn binary_signature(bytes: &[u8], name: &str) -> Option<String> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "a ZIP archive"),
        (b"PK\x05\x06", "a ZIP archive"),
        (b"%PDF-", "a PDF document"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an OLE compound file (old Word .doc or Excel .xls?)"),
        (b"{\\rtf", "an RTF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x7FELF", "an executable program"),
    ];
    let (_, what) = SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic))?;
    let lower = name.to_ascii_lowercase();
    let hint = if what.contains("ZIP") {
        if lower.ends_with(".docx") || !lower.contains('.') || lower.ends_with(".zip") {
            " (Word .docx?)"
        } else if lower.ends_with(".odt") {
            " (OpenDocument .odt?)"
        } else {
            ""
        }
    } else {
        ""
    };
    Some(format!("{what}{hint}"))
}

/// UTF-16 text is what Windows "Unicode" saves; it is only accepted with its byte-order mark,
/// which makes it unambiguous. Returns `Ok(None)` when there is no UTF-16 mark.
fn decode_utf16_with_bom(bytes: &[u8], name: &str) -> Result<Option<String>, InputError> {
    let little_endian = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return Ok(None),
    };
    let body = &bytes[2..];
    let units = body.chunks(2).map(|pair| match (pair, little_endian) {
        ([lo, hi], true) => u16::from_le_bytes([*lo, *hi]),
        ([hi, lo], false) => u16::from_be_bytes([*hi, *lo]),
        _ => 0xDC00, // a lone trailing byte: report it as an unpaired surrogate
    });
    let mut text = String::with_capacity(body.len());
    for (index, unit) in char::decode_utf16(units).enumerate() {
        match unit {
            Ok('\0') | Err(_) => {
                let offset = 2 + index * 2;
                return Err(InputError::InvalidEncoding {
                    name: name.to_string(),
                    offset,
                    line: 1 + text.matches('\n').count(),
                    encoding: "UTF-16",
                });
            }
            Ok(c) => text.push(c),
        }
    }
    Ok(Some(text))
}

/// The kinds of text the checker reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// Picks the format from the file extension, or for unknown extensions (and pasted text,
/// `name` empty) from the content: HTML if it starts like a page or holds block tags,
/// Markdown if it has `#` headings, plain text otherwise.
pub fn detect_format(name: &str, text: &str) -> Format {
    let lower = name.to_ascii_lowercase();
    let extension = lower.rsplit_once('.').map(|(_, ext)| ext).unwrap_or("");
    match extension {
        "html" | "htm" | "xhtml" => return Format::Html,
        "md" | "markdown" | "mdown" => return Format::Markdown,
        "txt" | "text" => return Format::Text,
        _ => {}
    }
    let head = prefix_at_char_boundary(text, 2048);
    if looks_like_html(head) {
        Format::Html
    } else if head.lines().any(|line| line.starts_with("# ") || line.starts_with("## ")) {
        Format::Markdown
    } else {
        Format::Text
    }
}

fn prefix_at_char_boundary(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn looks_like_html(head: &str) -> bool {
    let lower = head.trim_start().to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return true;
    }
    ["<p>", "<p ", "<div", "<br", "<li>", "<h1", "<h2", "<table", "<span"]
        .iter()
        .filter(|tag| lower.contains(*tag))
        .count()
        >= 2
}

/// The text the document model reads: HTML loses its tags but keeps its block structure
/// (paragraphs, headings and list items on lines of their own); text and Markdown are kept
/// as they are (the structure parser understands Markdown headings and list markers).
pub fn to_plain(text: &str, format: Format) -> String {
    match format {
        Format::Html => to_plain_html(text),
        Format::Text | Format::Markdown => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_is_decoded_without_it() {
        let text = decode(b"\xEF\xBB\xBFArticle 1", "a.txt").unwrap();
        assert_eq!(text, "Article 1");
    }

    #[test]
    fn invalid_utf8_names_file_offset_and_line() {
        let error = decode(b"line one\nli\xE9ne", "draft.txt").unwrap_err();
        assert_eq!(
            error,
            InputError::InvalidEncoding {
                name: "draft.txt".into(),
                offset: 11,
                line: 2,
                encoding: "UTF-8"
            }
        );
        let message = error.to_string();
        assert!(message.contains("draft.txt"), "{message}");
        assert!(message.contains("byte 11"), "{message}");
        assert!(message.contains("re-save it as UTF-8"), "{message}");
    }

    #[test]
    fn zip_is_refused_as_word_document() {
        let error = decode(b"PK\x03\x04\x14\x00rest", "file.docx").unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("file.docx looks like a ZIP archive (Word .docx?)"), "{message}");
    }

    #[test]
    fn pdf_and_ole_are_named() {
        assert!(decode(b"%PDF-1.7\n...", "a.pdf").unwrap_err().to_string().contains("a PDF document"));
        let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0";
        assert!(decode(ole, "old.doc").unwrap_err().to_string().contains("OLE compound file"));
    }

    #[test]
    fn nul_bytes_mean_binary_with_offset() {
        let error = decode(b"abc\0def", "x.bin").unwrap_err();
        assert!(matches!(error, InputError::Binary { offset: 3, .. }), "{error:?}");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Art. 5 – é".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes, "w.txt").unwrap(), "Art. 5 – é");
        let mut big = vec![0xFE, 0xFF];
        for unit in "Hi".encode_utf16() {
            big.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&big, "w.txt").unwrap(), "Hi");
    }

    #[test]
    fn size_limit_has_a_clear_error() {
        let bytes = vec![b'a'; MAX_INPUT_BYTES + 1];
        let message = decode(&bytes, "huge.txt").unwrap_err().to_string();
        assert!(message.contains("huge.txt is too large"), "{message}");
        assert!(message.contains("16 MiB"), "{message}");
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"", "empty.txt").unwrap(), "");
    }

    #[test]
    fn format_by_extension_and_content() {
        assert_eq!(detect_format("a.HTML", ""), Format::Html);
        assert_eq!(detect_format("a.md", "plain"), Format::Markdown);
        assert_eq!(detect_format("a.txt", "<p>x</p><div>"), Format::Text);
        assert_eq!(detect_format("", "<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(detect_format("", "# Title\n\nText"), Format::Markdown);
        assert_eq!(detect_format("", "Article 1\nText"), Format::Text);
    }

    #[test]
    fn markdown_and_text_are_kept() {
        assert_eq!(to_plain("# A\n\n*b*", Format::Markdown), "# A\n\n*b*");
    }
}
