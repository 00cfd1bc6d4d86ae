//! Writing findings back as Word comments: the copy reads the same, carries every comment
//! at the right characters, stays well-formed, and leaves the original untouched.

#[path = "support/docx_fixture.rs"]
mod docx_fixture;

use std::io::{Cursor, Read};

use accordlint::document::docx::{annotate, read, Comment, DocxError, DocxText, HiddenKind};
use docx_fixture::*;

fn comment(paragraph: usize, start_char: usize, end_char: usize, text: &str) -> Comment {
    Comment {
        paragraph,
        start_char,
        end_char,
        author: "Accordlint".to_string(),
        initials: "AL".to_string(),
        text: text.to_string(),
    }
}

fn part_bytes(zip: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let mut file = archive.by_name(name).ok()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).unwrap();
    Some(bytes)
}

fn part(zip: &[u8], name: &str) -> Option<String> {
    part_bytes(zip, name).map(|bytes| String::from_utf8(bytes).unwrap())
}

fn assert_well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!(
                "not well-formed at {}: {error}\n{xml}",
                reader.error_position()
            ),
        }
    }
}

/// The byte offset in `read.text` where a comment on these characters starts.
fn expected_position(read: &DocxText, comment: &Comment) -> usize {
    let content = read.paragraphs[comment.paragraph].content;
    let text = &read.text[content.start..content.end];
    content.start
        + text
            .char_indices()
            .nth(comment.start_char)
            .map_or(text.len(), |(i, _)| i)
}

/// A draft with everything a comment may have to be threaded through.
fn draft() -> Vec<u8> {
    DocxBuilder::new()
        .numbering(AGREEMENT_NUMBERING)
        .body(&numbered(1, 0, "Retention"))
        .body(&p_runs(&format!(
            "{}{}{}",
            r("Data shall be "),
            r_with("<w:b/>", "deleted after six months"),
            r(" & not kept < longer.")
        )))
        .body(&p_runs(&format!(
            "{}{}{}{}",
            r("Retained "),
            del(1, "B", "2024-05-02T10:00:00Z", "for one year"),
            ins(2, "B", "2024-05-02T10:00:00Z", "for 6 months"),
            r(".")
        )))
        .body(r#"<w:p><w:r><w:t>Tab</w:t><w:tab/><w:t>bed</w:t></w:r></w:p>"#)
        .body("<w:p/>")
        .body(&table(&[&["Party", "Controller of the data"]]))
        .body(&p_runs(&format!(
            "{}{}",
            r("Defined term"),
            r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#
        )))
        .footnote(1, &p("Personal data means any information."))
        .entry("word/media/image1.png", b"\x89PNG not really")
        .build()
}

#[test]
fn comments_land_on_the_right_characters_and_the_text_is_unchanged() {
    let original = draft();
    let untouched = original.clone();
    let before = read(&original).unwrap();
    let comments = vec![
        comment(1, 5, 10, "mid-run: 'shall'"),
        comment(1, 8, 30, "across runs"),
        comment(1, 45, 49, "after entities: 'kept'"),
        comment(1, 52, 59, "to the end: 'longer.'"),
        comment(0, 0, 0, "whole numbered paragraph"),
        comment(2, 9, 21, "inserted text 'for 6 months'"),
        comment(3, 3, 4, "the tab"),
        comment(3, 2, 5, "around the tab"),
        comment(4, 0, 0, "empty paragraph"),
        comment(6, 0, 10, "table cell 'Controller'"),
        comment(8, 0, 13, "footnote 'Personal data'"),
        comment(7, 12, 12, "point at the end"),
        comment(1, 0, 4, "first word <&>"),
    ];
    let annotated = annotate(&original, &comments, "Summary: 3 findings\nsecond line").unwrap();
    assert_eq!(original, untouched, "the input must not change");

    let after = read(&annotated).unwrap();
    assert_eq!(after.text, before.text);
    assert_eq!(after.paragraphs, before.paragraphs);
    let found: Vec<(&str, usize, usize)> = after
        .hidden
        .iter()
        .filter(|h| h.kind == HiddenKind::Comment)
        .map(|h| (h.text.as_str(), h.paragraph, h.position))
        .collect();
    assert_eq!(found.len(), comments.len() + 1);
    assert!(found.contains(&(
        "Summary: 3 findings\nsecond line",
        0,
        before.paragraphs[0].content.start
    )));
    for comment in &comments {
        let expected = (
            comment.text.as_str(),
            comment.paragraph,
            expected_position(&before, comment),
        );
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }

    let document = part(&annotated, "word/document.xml").unwrap();
    assert_well_formed(&document);
    assert_well_formed(&part(&annotated, "word/footnotes.xml").unwrap());
    for id in 0..=comments.len() {
        for marker in ["commentRangeStart", "commentRangeEnd"] {
            let tag = format!(r#"<w:{marker} w:id="{id}"/>"#);
            let in_parts = document.matches(&tag).count()
                + part(&annotated, "word/footnotes.xml")
                    .unwrap()
                    .matches(&tag)
                    .count();
            assert_eq!(in_parts, 1, "{tag}");
        }
    }
    assert!(
        document.contains(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">"#),
        "split runs keep their properties"
    );

    let comments_xml = part(&annotated, "word/comments.xml").unwrap();
    assert_well_formed(&comments_xml);
    assert!(comments_xml.contains("first word &lt;&amp;&gt;"));
    assert!(comments_xml.contains(r#"w:author="Accordlint" w:initials="AL""#));
    let types = part(&annotated, "[Content_Types].xml").unwrap();
    assert!(types.contains(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#));
    let rels = part(&annotated, "word/_rels/document.xml.rels").unwrap();
    assert!(rels.contains(r#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml""#));
    assert_eq!(
        part_bytes(&annotated, "word/media/image1.png").unwrap(),
        b"\x89PNG not really"
    );
}

#[test]
fn existing_comments_are_kept_and_new_ids_do_not_collide() {
    let original = DocxBuilder::new()
        .body(&p_runs(&format!(
            r#"<w:commentRangeStart w:id="7"/>{}<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>"#,
            r("Data shall be shared.")
        )))
        .comment(7, "Negotiator", "Existing remark")
        .build();
    let once = annotate(&original, &[comment(0, 0, 4, "first pass")], "").unwrap();
    let twice = annotate(&once, &[comment(0, 5, 10, "second pass")], "").unwrap();
    let comments_xml = part(&twice, "word/comments.xml").unwrap();
    assert_well_formed(&comments_xml);
    assert!(
        comments_xml.contains(r#"w:id="7""#)
            && comments_xml.contains(r#"w:id="8""#)
            && comments_xml.contains(r#"w:id="9""#)
    );
    let texts: Vec<String> = read(&twice)
        .unwrap()
        .hidden
        .into_iter()
        .map(|h| h.text)
        .collect();
    assert_eq!(texts, ["Existing remark", "first pass", "second pass"]);
    let types = part(&twice, "[Content_Types].xml").unwrap();
    assert_eq!(types.matches("/word/comments.xml").count(), 1);
    let rels = part(&twice, "word/_rels/document.xml.rels").unwrap();
    assert_eq!(rels.matches("relationships/comments").count(), 1);
}

#[test]
fn comments_outside_the_document_are_refused() {
    let original = DocxBuilder::new().paragraph("Short.").build();
    let missing = annotate(&original, &[comment(3, 0, 0, "x")], "").unwrap_err();
    assert!(
        matches!(missing, DocxError::BadComment { index: 0, .. }),
        "{missing:?}"
    );
    assert!(missing.to_string().contains("paragraph 3 does not exist"));
    let too_long = annotate(
        &original,
        &[comment(0, 0, 1, "ok"), comment(0, 2, 99, "x")],
        "s",
    )
    .unwrap_err();
    assert!(
        matches!(too_long, DocxError::BadComment { index: 1, .. }),
        "{too_long:?}"
    );
    let backwards = annotate(&original, &[comment(0, 4, 2, "x")], "").unwrap_err();
    assert!(matches!(backwards, DocxError::BadComment { index: 0, .. }));
}

/// LibreOffice must open the copy without complaint: it converts it to PDF, and its own
/// flat OpenDocument export carries every comment.
#[test]
fn libreoffice_opens_the_annotated_copy() {
    let Some(office) = ["libreoffice", "soffice"].into_iter().find(|name| {
        std::process::Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("note: LibreOffice is not installed; skipping the conversion check");
        return;
    };
    let comments = [
        comment(1, 5, 10, "Finding on shall"),
        comment(3, 2, 5, "Around the tab"),
        comment(4, 0, 0, "Empty paragraph"),
    ];
    let annotated = annotate(&draft(), &comments, "Summary of findings").unwrap();
    let dir = std::env::temp_dir().join(format!("accordlint-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("annotated.docx");
    std::fs::write(&input, &annotated).unwrap();
    let convert = |format: &str| {
        let output = std::process::Command::new(office)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.join("profile").display()
            ))
            .args(["--headless", "--convert-to", format, "--outdir"])
            .arg(&dir)
            .arg(&input)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        std::fs::read(dir.join(format!("annotated.{format}")))
    };
    let pdf = convert("pdf");
    let flat = convert("fodt");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        pdf.is_ok_and(|bytes| bytes.starts_with(b"%PDF")),
        "no PDF was written"
    );
    let flat = String::from_utf8(flat.expect("no flat ODT was written")).unwrap();
    assert_eq!(
        flat.matches("<office:annotation ").count(),
        comments.len() + 1
    );
    for text in [
        "Summary of findings",
        "Finding on shall",
        "Around the tab",
        "Empty paragraph",
    ] {
        assert!(flat.contains(text), "LibreOffice lost the comment {text:?}");
    }
}

#[test]
fn a_document_without_paragraphs_gets_one_for_the_summary() {
    let empty = DocxBuilder::new().build();
    assert!(read(&empty).unwrap().paragraphs.is_empty());
    let annotated = annotate(&empty, &[], "Nothing to check").unwrap();
    assert_well_formed(&part(&annotated, "word/document.xml").unwrap());
    let after = read(&annotated).unwrap();
    assert_eq!(after.paragraphs.len(), 1);
    assert_eq!(after.hidden[0].text, "Nothing to check");
    let error = annotate(&empty, &[comment(0, 0, 0, "x")], "").unwrap_err();
    assert!(matches!(error, DocxError::BadComment { index: 0, .. }));

    for document in [
        format!(r#"<w:document xmlns:w="{W}"></w:document>"#),
        format!(r#"<w:document xmlns:w="{W}"/>"#),
    ] {
        let mut entries = DocxBuilder::new().entries();
        entries
            .iter_mut()
            .filter(|(name, _)| name == "word/document.xml")
            .for_each(|(_, xml)| *xml = document.clone().into_bytes());
        let annotated = annotate(&zip_entries(&entries), &[], "Summary").unwrap();
        let xml = part(&annotated, "word/document.xml").unwrap();
        assert_well_formed(&xml);
        assert!(xml.contains("<w:body><w:p>"), "{xml}");
        assert_eq!(read(&annotated).unwrap().hidden[0].text, "Summary");
    }
}

#[test]
fn utf16_parts_and_oddly_cased_part_names_are_annotated_in_place() {
    let mut entries = DocxBuilder::new()
        .paragraph("Données à caractère personnel.")
        .body(&p_runs(&format!(
            "{}{}",
            r("Noted"),
            r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#
        )))
        .footnote(1, &p("A note."))
        .entries();
    for (name, bytes) in &mut entries {
        if name == "word/document.xml" {
            let xml = String::from_utf8(bytes.clone())
                .unwrap()
                .replace(r#"encoding="UTF-8""#, r#"encoding="UTF-16""#);
            *bytes = [0xFF, 0xFE]
                .into_iter()
                .chain(xml.encode_utf16().flat_map(u16::to_le_bytes))
                .collect();
        }
        if name == "word/footnotes.xml" {
            *name = "word/FOOTNOTES.xml".to_string();
        }
    }
    let original = zip_entries(&entries);
    let before = read(&original).unwrap();
    assert_eq!(
        before.text,
        "Données à caractère personnel.\n\nNoted\n\nFootnote 1: A note."
    );
    let annotated = annotate(
        &original,
        &[
            comment(0, 0, 7, "on Données"),
            comment(2, 2, 6, "in the note"),
        ],
        "",
    )
    .unwrap();
    let document = part(&annotated, "word/document.xml").unwrap();
    assert!(document.starts_with(r#"<?xml version="1.0" encoding="UTF-8""#));
    assert_well_formed(&document);
    assert!(part(&annotated, "word/FOOTNOTES.xml")
        .unwrap()
        .contains("commentRangeStart"));
    let after = read(&annotated).unwrap();
    assert_eq!(after.text, before.text);
    assert_eq!(after.hidden.len(), 2);
}

#[test]
fn text_nested_in_foreign_elements_is_commented_without_breaking_the_xml() {
    let original = DocxBuilder::new()
        .body(r#"<w:p><w:r><w:t>ab<x:y xmlns:x="urn:x">cd</x:y>ef</w:t></w:r></w:p>"#)
        .body(r#"<w:p><w:r><x:wrap xmlns:x="urn:x"><w:t>nested</w:t><w:tab/></x:wrap><w:t>direct</w:t></w:r></w:p>"#)
        .build();
    let before = read(&original).unwrap();
    assert_eq!(before.text, "abcdef\n\nnested\tdirect");
    let comments = [
        comment(0, 3, 4, "in nested text"),
        comment(1, 2, 4, "in wrapped text"),
        comment(1, 6, 7, "wrapped tab"),
        comment(1, 8, 10, "direct"),
    ];
    let annotated = annotate(&original, &comments, "").unwrap();
    assert_well_formed(&part(&annotated, "word/document.xml").unwrap());
    let after = read(&annotated).unwrap();
    assert_eq!(after.text, before.text);
    assert_eq!(after.hidden.len(), comments.len());
}

#[test]
fn documents_with_other_namespace_prefixes_are_read_and_annotated() {
    let with_document = |xml: String| {
        let mut entries = DocxBuilder::new().entries();
        for (name, bytes) in &mut entries {
            if name == "word/document.xml" {
                *bytes = xml.clone().into_bytes();
            }
        }
        zip_entries(&entries)
    };
    let prefixed = with_document(format!(
        r#"<ns0:document xmlns:ns0="{W}"><ns0:body><ns0:p><ns0:r><ns0:t>Prefixed text.</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>"#
    ));
    let default = with_document(format!(
        r#"<document xmlns="{W}"><body><p><r><t>Default namespace.</t></r></p><p/></body></document>"#
    ));
    for (original, expected, marker) in [
        (
            prefixed,
            "Prefixed text.",
            r#"<ns0:commentRangeStart ns0:id="1"/>"#,
        ),
        (
            default,
            "Default namespace.",
            r#"<w:commentRangeStart xmlns:w="#,
        ),
    ] {
        assert_eq!(read(&original).unwrap().text, expected);
        let comments = [
            comment(0, 2, 6, "inside"),
            comment(1, 0, 0, "empty paragraph"),
        ];
        let comments = if expected.starts_with("Default") {
            &comments[..]
        } else {
            &comments[..1]
        };
        let annotated = annotate(&original, comments, "Summary").unwrap();
        let document = part(&annotated, "word/document.xml").unwrap();
        assert_well_formed(&document);
        assert!(document.contains(marker), "{document}");
        let after = read(&annotated).unwrap();
        assert_eq!(after.text, expected);
        assert_eq!(after.hidden.len(), comments.len() + 1);
    }
}
