//! Bad input: every kind of file that is not a readable .docx gets its own error with a
//! message that tells the user what to do, and nothing hangs or exhausts memory.

#[path = "support/docx_fixture.rs"]
mod docx_fixture;

use accordlint::document::docx::{annotate, read, CompoundKind, DocxError, MAX_DEPTH, MAX_ENTRIES};
use docx_fixture::*;

fn error_of(bytes: &[u8]) -> DocxError {
    let error = read(bytes).expect_err("the input must be refused");
    let message = error.to_string();
    assert!(message.len() > 40, "message too terse: {message}");
    assert_eq!(
        annotate(bytes, &[], "summary").expect_err("annotate must refuse it too"),
        error
    );
    error
}

/// A valid package whose document.xml is replaced by `xml`.
fn with_document(xml: &str) -> Vec<u8> {
    with_document_bytes(xml.as_bytes())
}

fn with_document_bytes(xml: &[u8]) -> Vec<u8> {
    let mut entries = DocxBuilder::new().paragraph("x").entries();
    for (name, bytes) in &mut entries {
        if name == "word/document.xml" {
            *bytes = xml.to_vec();
        }
    }
    zip_entries(&entries)
}

#[test]
fn bytes_that_are_no_zip_are_named_for_what_they_are() {
    assert_eq!(
        error_of(b""),
        DocxError::NotAZip {
            looks_like: Some("an empty file")
        }
    );
    assert_eq!(
        error_of(b"%PDF-1.7\n%\xE2\xE3"),
        DocxError::NotAZip {
            looks_like: Some("a PDF file")
        }
    );
    assert_eq!(
        error_of(b"{\\rtf1\\ansi hello}"),
        DocxError::NotAZip {
            looks_like: Some("an RTF document")
        }
    );
    let plain = error_of(b"The Parties agree as follows.");
    assert_eq!(plain, DocxError::NotAZip { looks_like: None });
    assert!(plain.to_string().contains("not a ZIP archive"));
}

#[test]
fn truncated_and_corrupted_archives_are_reported_as_damaged() {
    let docx = DocxBuilder::new()
        .paragraph("The Parties shall cooperate.")
        .build();
    for cut in [docx.len() / 2, docx.len() - 10, 30] {
        let error = error_of(&docx[..cut]);
        assert!(
            matches!(error, DocxError::CorruptZip { .. }),
            "cut at {cut}: {error:?}"
        );
        assert!(error.to_string().contains("damaged or incomplete"));
    }
    let mut flipped = docx.clone();
    let document_data = find(&flipped, b"word/document.xml").unwrap() + 20;
    for byte in &mut flipped[document_data..document_data + 40] {
        *byte ^= 0x5A;
    }
    assert!(matches!(
        error_of(&flipped),
        DocxError::CorruptZip { .. } | DocxError::Xml { .. }
    ));
}

#[test]
fn compound_files_are_encrypted_documents_or_old_doc_files() {
    let magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let with_stream = |name: &str| {
        let mut bytes = magic.to_vec();
        bytes.extend_from_slice(&[0; 504]);
        bytes.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let encrypted = error_of(&with_stream("EncryptionInfo"));
    assert_eq!(
        encrypted,
        DocxError::CompoundFile {
            kind: CompoundKind::Encrypted
        }
    );
    assert!(encrypted
        .to_string()
        .contains("encrypted or old .doc format"));
    assert!(encrypted.to_string().contains("password"));
    let legacy = error_of(&with_stream("WordDocument"));
    assert_eq!(
        legacy,
        DocxError::CompoundFile {
            kind: CompoundKind::LegacyDoc
        }
    );
    assert!(legacy.to_string().contains("encrypted or old .doc format"));
}

#[test]
fn other_formats_in_a_zip_are_recognised() {
    let odt = zip_entries(&[
        (
            "mimetype".to_string(),
            b"application/vnd.oasis.opendocument.text".to_vec(),
        ),
        (
            "content.xml".to_string(),
            b"<office:document-content/>".to_vec(),
        ),
    ]);
    let error = error_of(&odt);
    assert_eq!(error, DocxError::OpenDocument);
    assert!(error.to_string().contains(".odt"));

    let xlsx = zip_entries(&[
        ("_rels/.rels".to_string(), br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec()),
        ("[Content_Types].xml".to_string(), br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#.to_vec()),
        ("xl/workbook.xml".to_string(), b"<workbook/>".to_vec()),
    ]);
    assert_eq!(
        error_of(&xlsx),
        DocxError::OtherOfficeDocument {
            kind: "an Excel workbook"
        }
    );

    let not_word = error_of(&with_document("<workbook><sheet/></workbook>"));
    assert!(
        matches!(&not_word, DocxError::Xml { detail, .. } if detail.contains("w:document")),
        "{not_word:?}"
    );

    let empty_zip = zip_entries(&[("readme.txt".to_string(), b"hello".to_vec())]);
    let missing = error_of(&empty_zip);
    assert_eq!(
        missing,
        DocxError::MissingPart {
            part: "word/document.xml".to_string()
        }
    );
    assert!(missing.to_string().contains("word/document.xml"));
}

#[test]
fn an_encrypted_zip_entry_is_refused() {
    let mut docx = DocxBuilder::new().paragraph("x").build();
    set_encrypted_flag(&mut docx, b"word/document.xml");
    assert_eq!(
        error_of(&docx),
        DocxError::EncryptedEntry {
            part: "word/document.xml".to_string()
        }
    );
}

#[test]
fn zip_bombs_are_stopped_by_the_inflated_size_and_entry_limits() {
    let mut xml = String::from(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    xml.push_str(&" ".repeat(65 * 1024 * 1024));
    xml.push_str("</w:body></w:document>");
    let bomb = with_document(&xml);
    assert!(
        bomb.len() < 1024 * 1024,
        "the bomb should be small: {}",
        bomb.len()
    );
    let error = error_of(&bomb);
    assert!(matches!(error, DocxError::TooLarge { .. }), "{error:?}");
    assert!(error.to_string().contains("64 MiB"));

    let mut entries = DocxBuilder::new().paragraph("x").entries();
    entries.extend((0..MAX_ENTRIES).map(|i| (format!("word/media/image{i}.png"), vec![0u8; 4])));
    assert_eq!(
        error_of(&zip_entries(&entries)),
        DocxError::TooManyEntries { limit: MAX_ENTRIES }
    );
}

#[test]
fn a_size_lie_in_the_headers_does_not_defeat_the_limit() {
    let mut xml = String::from(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    xml.push_str(&" ".repeat(65 * 1024 * 1024));
    xml.push_str("</w:body></w:document>");
    let mut bomb = with_document(&xml);
    set_declared_size(&mut bomb, b"word/document.xml", 100);
    assert!(matches!(error_of(&bomb), DocxError::TooLarge { .. }));
}

#[test]
fn entity_declarations_and_deep_nesting_are_refused() {
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#;
    let error = error_of(&with_document(laughs));
    assert_eq!(
        error,
        DocxError::Doctype {
            part: "word/document.xml".to_string()
        }
    );
    assert!(error.to_string().contains("DOCTYPE"));

    let depth = MAX_DEPTH + 10;
    let deep = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}{}</w:body></w:document>"#,
        "<w:sdt><w:sdtContent>".repeat(depth / 2),
        "</w:sdtContent></w:sdt>".repeat(depth / 2)
    );
    let error = error_of(&with_document(&deep));
    assert_eq!(
        error,
        DocxError::TooDeep {
            part: "word/document.xml".to_string(),
            limit: MAX_DEPTH
        }
    );
}

#[test]
fn malformed_xml_names_the_part_and_position() {
    let mismatched = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p></w:r></w:body></w:document>"#;
    let error = error_of(&with_document(mismatched));
    assert!(
        matches!(&error, DocxError::Xml { part, .. } if part == "word/document.xml"),
        "{error:?}"
    );
    assert!(error.to_string().contains("word/document.xml"));

    let unknown_entity = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>"#;
    assert!(matches!(
        error_of(&with_document(unknown_entity)),
        DocxError::Xml { .. }
    ));

    let latin1 = b"<w:document>caf\xE9</w:document>";
    let error = error_of(&with_document_bytes(latin1));
    assert!(
        matches!(&error, DocxError::Xml { detail, .. } if detail.contains("UTF-8")),
        "{error:?}"
    );
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Offsets of the central directory headers (`PK\x01\x02`) naming `name`.
fn central_headers(zip: &[u8], name: &[u8]) -> Vec<usize> {
    (0..zip.len().saturating_sub(46))
        .filter(|&i| zip[i..i + 4] == *b"PK\x01\x02")
        .filter(|&i| {
            let name_length = u16::from_le_bytes([zip[i + 28], zip[i + 29]]) as usize;
            zip.get(i + 46..i + 46 + name_length) == Some(name)
        })
        .collect()
}

fn set_encrypted_flag(zip: &mut [u8], name: &[u8]) {
    for header in central_headers(zip, name) {
        zip[header + 8] |= 1;
        let local = u32::from_le_bytes([
            zip[header + 42],
            zip[header + 43],
            zip[header + 44],
            zip[header + 45],
        ]) as usize;
        zip[local + 6] |= 1;
    }
}

fn set_declared_size(zip: &mut [u8], name: &[u8], size: u32) {
    for header in central_headers(zip, name) {
        zip[header + 24..header + 28].copy_from_slice(&size.to_le_bytes());
        let local = u32::from_le_bytes([
            zip[header + 42],
            zip[header + 43],
            zip[header + 44],
            zip[header + 45],
        ]) as usize;
        zip[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
    }
}
