//! Reading .docx drafts: numbering, tables, notes, tracked changes, hidden text, comments
//! and fields, each checked against the exact text a reader of the draft sees in Word.

#[path = "support/docx_fixture.rs"]
mod docx_fixture;

use accordlint::document::docx::{
    read, text_with_changes_rejected, HiddenKind, HiddenText, ParagraphPlace, RevisionKind,
};
use accordlint::document::Span;
use docx_fixture::*;

const STYLES: &str = r#"
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ArticleHeading"><w:name w:val="Article Heading"/><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:vanish/></w:rPr></w:style>
"#;

fn lines(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

#[test]
fn list_numbering_is_resolved_into_the_labels_word_shows() {
    let docx = DocxBuilder::new()
        .styles(STYLES)
        .numbering(AGREEMENT_NUMBERING)
        .body(&styled("Title", "Agreement on Cyber Cooperation"))
        .body(&numbered(1, 0, "Purpose"))
        .body(&numbered(1, 1, "The Parties shall cooperate."))
        .body(&numbered(1, 1, "Data shall be protected:"))
        .body(&numbered(1, 2, "by encryption;"))
        .body(&numbered(1, 2, "by access control."))
        .body(&numbered(1, 0, "Retention"))
        .body(&numbered(1, 1, "Data shall be deleted after six months."))
        .body(&numbered(1, 2, "first"))
        .body(&numbered(1, 3, "deep"))
        .body(&numbered(3, 0, "One"))
        .body(&numbered(3, 1, "Sub"))
        .body(&numbered(3, 0, "Two"))
        .body(&numbered(2, 0, "Restarted list"))
        .build();
    let read = read(&docx).unwrap();
    assert_eq!(
        lines(&read.text),
        [
            "Agreement on Cyber Cooperation",
            "Article 1 Purpose",
            "(1) The Parties shall cooperate.",
            "(2) Data shall be protected:",
            "(a) by encryption;",
            "(b) by access control.",
            "Article 2 Retention",
            "(1) Data shall be deleted after six months.",
            "(a) first",
            "(i) deep",
            "1. One",
            "1.1 Sub",
            "2. Two",
            "Article 1 Restarted list",
        ]
    );
    let access = &read.paragraphs[5];
    assert_eq!(access.label.as_deref(), Some("(b)"));
    assert_eq!(access.label_path, ["Article 1", "(2)", "(b)"]);
    assert_eq!(access.list_level, Some(2));
    assert_eq!(
        &read.text[access.content.start..access.content.end],
        "by access control."
    );
    assert_eq!(
        &read.text[access.span.start..access.span.end],
        "(b) by access control."
    );
    assert_eq!(read.paragraphs[0].heading_level, Some(0));
    assert_eq!(read.paragraphs[0].style.as_deref(), Some("Title"));
    assert_eq!(read.paragraphs[1].heading_level, None);
}

#[test]
fn headings_take_their_level_and_numbering_from_styles() {
    let docx = DocxBuilder::new()
        .styles(STYLES)
        .numbering(AGREEMENT_NUMBERING)
        .body(&styled("Heading1", "Definitions"))
        .body(&styled("ArticleHeading", "Scope"))
        .body(&styled("ArticleHeading", "Retention"))
        .body(r#"<w:p><w:pPr><w:pStyle w:val="ArticleHeading"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Annex</w:t></w:r></w:p>"#)
        .build();
    let read = read(&docx).unwrap();
    assert_eq!(
        lines(&read.text),
        [
            "Definitions",
            "Article 1 Scope",
            "Article 2 Retention",
            "Annex"
        ]
    );
    let levels: Vec<_> = read.paragraphs.iter().map(|p| p.heading_level).collect();
    assert_eq!(levels, [Some(1), Some(1), Some(1), Some(1)]);
    assert_eq!(read.paragraphs[3].label, None);
}

#[test]
fn table_cells_are_paragraphs_with_their_position() {
    let docx = DocxBuilder::new()
        .paragraph("Before the table.")
        .body(&table(&[&["Party", "Role"], &["Agency A", "Controller"]]))
        .paragraph("After the table.")
        .build();
    let read = read(&docx).unwrap();
    assert_eq!(
        read.text,
        "Before the table.\n\nParty\n\nRole\n\nAgency A\n\nController\n\nAfter the table."
    );
    assert_eq!(
        read.paragraphs[4].place,
        ParagraphPlace::TableCell {
            table: 0,
            row: 1,
            column: 1
        }
    );
    assert_eq!(read.paragraphs[0].place, ParagraphPlace::Body);
    assert_eq!(read.paragraphs[5].place, ParagraphPlace::Body);
}

#[test]
fn footnotes_and_endnotes_follow_the_body_in_reference_order() {
    let note = |kind: &str, id: u32| format!(r#"<w:r><w:{kind}Reference w:id="{id}"/></w:r>"#);
    let docx = DocxBuilder::new()
        .body(&p_runs(&format!(
            "{}{}{}",
            r("Personal data"),
            note("footnote", 2),
            r(" is protected.")
        )))
        .body(&p_runs(&format!(
            "{}{}{}",
            r("See also"),
            note("footnote", 1),
            note("endnote", 1)
        )))
        .footnote(1, &p("Second note."))
        .footnote(
            2,
            &format!(
                "{}{}",
                p("As defined in Article 2."),
                p("It includes metadata.")
            ),
        )
        .endnote(1, &p("End note text."))
        .build();
    let read = read(&docx).unwrap();
    assert_eq!(
        lines(&read.text),
        [
            "Personal data is protected.",
            "See also",
            "Footnote 1: As defined in Article 2.",
            "It includes metadata.",
            "Footnote 2: Second note.",
            "Endnote 1: End note text.",
        ]
    );
    assert_eq!(
        read.paragraphs[2].place,
        ParagraphPlace::Footnote { number: 1 }
    );
    assert_eq!(
        read.paragraphs[3].place,
        ParagraphPlace::Footnote { number: 1 }
    );
    assert_eq!(read.paragraphs[3].label, None);
    assert_eq!(
        read.paragraphs[5].place,
        ParagraphPlace::Endnote { number: 1 }
    );
    assert_eq!(read.paragraphs[2].label.as_deref(), Some("Footnote 1"));
}

#[test]
fn tracked_changes_are_accepted_in_the_text_and_reported() {
    let docx = DocxBuilder::new()
        .body(&p_runs(&format!(
            "{}{}{}{}",
            r("Data shall be retained "),
            del(
                1,
                "Counterparty",
                "2024-05-02T10:00:00Z",
                "for no longer than six months"
            ),
            ins(2, "Counterparty", "2024-05-02T10:01:00Z", "indefinitely"),
            r(".")
        )))
        .build();
    let read = read(&docx).unwrap();
    assert_eq!(read.text, "Data shall be retained indefinitely.");
    assert_eq!(
        text_with_changes_rejected(&docx).unwrap(),
        "Data shall be retained for no longer than six months."
    );
    assert_eq!(read.revisions.len(), 2);
    let deletion = &read.revisions[0];
    assert_eq!(deletion.kind, RevisionKind::Deletion);
    assert_eq!(deletion.text, "for no longer than six months");
    assert_eq!(deletion.author.as_deref(), Some("Counterparty"));
    assert_eq!(deletion.date.as_deref(), Some("2024-05-02T10:00:00Z"));
    assert_eq!(deletion.span, Span::new(23, 23));
    let insertion = &read.revisions[1];
    assert_eq!(insertion.kind, RevisionKind::Insertion);
    assert_eq!(insertion.text, "indefinitely");
    assert_eq!(
        &read.text[insertion.span.start..insertion.span.end],
        "indefinitely"
    );
    assert_eq!(insertion.paragraph, 0);
}

#[test]
fn whole_paragraphs_inserted_or_deleted_change_the_numbering() {
    let mark = |change: &str| {
        format!(
            r#"<w:rPr><w:{change} w:id="9{change}" w:author="B" w:date="2024-05-02T00:00:00Z"/></w:rPr>"#,
            change = change
        )
    };
    let inserted_article = format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>{}</w:pPr>{}</w:p>"#,
        mark("ins"),
        ins(3, "B", "2024-05-02T00:00:00Z", "Oversight")
    );
    let deleted_article = format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>{}</w:pPr>{}</w:p>"#,
        mark("del"),
        del(4, "B", "2024-05-02T00:00:00Z", "Onward transfers")
    );
    let docx = DocxBuilder::new()
        .numbering(AGREEMENT_NUMBERING)
        .body(&numbered(1, 0, "Purpose"))
        .body(&inserted_article)
        .body(&deleted_article)
        .body(&numbered(1, 0, "Retention"))
        .build();
    let read = read(&docx).unwrap();
    assert_eq!(
        lines(&read.text),
        [
            "Article 1 Purpose",
            "Article 2 Oversight",
            "Article 3 Retention"
        ]
    );
    assert!(read.paragraphs[2].span.is_empty());
    assert_eq!(
        lines(&text_with_changes_rejected(&docx).unwrap()),
        [
            "Article 1 Purpose",
            "Article 2 Onward transfers",
            "Article 3 Retention"
        ]
    );
    let deleted = read
        .revisions
        .iter()
        .find(|r| r.kind == RevisionKind::Deletion)
        .unwrap();
    assert_eq!(
        (deleted.text.as_str(), deleted.paragraph),
        ("Onward transfers", 2)
    );
}

#[test]
fn hidden_white_and_tiny_text_is_kept_out_of_the_text() {
    let docx = DocxBuilder::new()
        .styles(STYLES)
        .body(&p_runs(&format!(
            "{}{}{}{}{}{}{}",
            r("Visible start. "),
            r_with("<w:vanish/>", "Secret "),
            r_with("<w:vanish/>", "clause. "),
            r_with(r#"<w:color w:val="FFFFFF"/>"#, "White words. "),
            r_with(r#"<w:sz w:val="2"/>"#, "Tiny words."),
            r_with(
                r#"<w:color w:val="FFFFFF"/><w:highlight w:val="black"/>"#,
                " Shown on black."
            ),
            r(" Visible end.")
        )))
        .body(&p_runs(&format!(
            "{}{}",
            r("Styled: "),
            r_with(r#"<w:rStyle w:val="Secret"/>"#, "by style")
        )))
        .build();
    let read = read(&docx).unwrap();
    assert_eq!(
        read.text,
        "Visible start.  Shown on black. Visible end.\n\nStyled: "
    );
    let hidden = |kind, text: &str, paragraph, position| HiddenText {
        kind,
        text: text.to_string(),
        paragraph,
        position,
        author: None,
    };
    assert_eq!(
        read.hidden,
        [
            hidden(HiddenKind::Vanish, "Secret clause. ", 0, 15),
            hidden(HiddenKind::WhiteText, "White words. ", 0, 15),
            hidden(HiddenKind::TinyText, "Tiny words.", 0, 15),
            hidden(HiddenKind::Vanish, "by style", 1, 54),
        ]
    );
}

#[test]
fn comments_are_hidden_text_at_their_anchor() {
    let docx = DocxBuilder::new()
        .paragraph("First paragraph.")
        .body(&p_runs(&format!(
            r#"{}<w:commentRangeStart w:id="5"/>{}<w:commentRangeEnd w:id="5"/><w:r><w:commentReference w:id="5"/></w:r>"#,
            r("Data "),
            r("shall be kept.")
        )))
        .comment(5, "Reviewer", "Please check retention.")
        .build();
    let read = read(&docx).unwrap();
    assert_eq!(read.text, "First paragraph.\n\nData shall be kept.");
    assert_eq!(
        read.hidden,
        [HiddenText {
            kind: HiddenKind::Comment,
            text: "Please check retention.".to_string(),
            paragraph: 1,
            position: 23,
            author: Some("Reviewer".to_string()),
        }]
    );
}

#[test]
fn field_instructions_are_hidden_and_results_are_read() {
    let complex = concat!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
        r#"<w:r><w:instrText xml:space="preserve"> REF _Ref123 </w:instrText></w:r>"#,
        r#"<w:r><w:instrText xml:space="preserve">\h </w:instrText></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
        r#"<w:r><w:t>Article 7</w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
    );
    let simple = r#"<w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>"#;
    let docx = DocxBuilder::new()
        .body(&p_runs(&format!(
            "{}{complex}{}{simple}",
            r("See "),
            r(" on page ")
        )))
        .build();
    let read = read(&docx).unwrap();
    assert_eq!(read.text, "See Article 7 on page 3");
    let codes: Vec<(&str, HiddenKind)> = read
        .hidden
        .iter()
        .map(|h| (h.text.as_str(), h.kind))
        .collect();
    assert_eq!(
        codes,
        [
            ("REF _Ref123 \\h", HiddenKind::FieldCode),
            ("PAGE", HiddenKind::FieldCode)
        ]
    );
}

#[test]
fn tabs_breaks_entities_and_text_boxes_read_as_shown() {
    let text_box = |text: &str| {
        format!(
            r#"<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:txbxContent>{}</w:txbxContent></wp:inline></w:drawing></w:r>"#,
            p(text)
        )
    };
    let alternate = format!(
        r#"<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps">{}</mc:Choice><mc:Fallback>{}</mc:Fallback></mc:AlternateContent>"#,
        text_box("In the box."),
        text_box("In the box (fallback copy).")
    );
    let docx = DocxBuilder::new()
        .body(r#"<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c &amp; “d” — ü</w:t><w:br w:type="page"/></w:r></w:p>"#)
        .body(&p_runs(&format!("{}{alternate}{}", r("Before box. "), r("After box."))))
        .build();
    let read = read(&docx).unwrap();
    assert_eq!(
        lines(&read.text),
        ["a\tb\nc & “d” — ü", "Before box. After box.", "In the box."]
    );
}

#[test]
fn spans_map_back_to_comment_anchors() {
    let docx = DocxBuilder::new()
        .numbering(AGREEMENT_NUMBERING)
        .body(&numbered(1, 0, "Retention"))
        .body(&numbered(1, 1, "Café data shall be deleted."))
        .build();
    let read = read(&docx).unwrap();
    let start = read.text.find("data").unwrap();
    let anchor = read
        .anchor(Span::new(start, start + "data shall".len()))
        .unwrap();
    assert_eq!(
        (anchor.paragraph, anchor.start_char, anchor.end_char),
        (1, 5, 15)
    );
    let label = read.text.find("(1)").unwrap();
    let clipped = read.anchor(Span::new(label, read.text.len())).unwrap();
    assert_eq!(
        (clipped.paragraph, clipped.start_char, clipped.end_char),
        (1, 0, 27)
    );
    assert!(read
        .anchor(Span::new(read.text.len() + 1, read.text.len() + 2))
        .is_none());
}

/// The labelled corpus, pasted into Word paragraph by paragraph, reads back as its text: the
/// checker sees the same words whether a draft comes as .txt or as .docx.
#[test]
fn corpus_documents_read_back_as_their_text() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        eprintln!(
            "note: {} is absent; skipping the corpus round trip",
            corpus.display()
        );
        return;
    };
    let mut checked = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let docx = DocxBuilder::from_plain_text(&text).build();
        let read = read(&docx).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            read.text,
            plain_text_blocks(&text).join("\n\n"),
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(
        checked > 0,
        "no corpus document found in {}",
        corpus.display()
    );
}

#[test]
fn moved_text_is_a_deletion_and_an_insertion_marked_as_moves() {
    let docx = DocxBuilder::new()
        .body(&p_runs(&format!(
            r#"{}<w:moveFrom w:id="1" w:author="A" w:date="2024-03-01T00:00:00Z">{}</w:moveFrom>"#,
            r("Data is shared. "),
            r("Data is encrypted.")
        )))
        .body(&p_runs(&format!(
            r#"<w:moveTo w:id="2" w:author="A" w:date="2024-03-01T00:00:00Z">{}</w:moveTo>{}"#,
            r("Data is encrypted. "),
            r("Keys are rotated.")
        )))
        .build();
    let read = read(&docx).unwrap();
    assert_eq!(
        read.text,
        "Data is shared. \n\nData is encrypted. Keys are rotated."
    );
    let moves: Vec<_> = read
        .revisions
        .iter()
        .map(|r| (r.kind, r.moved, r.paragraph))
        .collect();
    assert_eq!(
        moves,
        [
            (RevisionKind::Deletion, true, 0),
            (RevisionKind::Insertion, true, 1)
        ]
    );
}
