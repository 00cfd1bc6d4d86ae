//! Builds small .docx packages in memory for the docx tests, so every fixture is visible in
//! the test that uses it and no binary file has to be trusted.
//!
//! Include it with `#[path = "support/docx_fixture.rs"] mod docx_fixture;`.
#![allow(dead_code)] // each test file uses a different part of the builder

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_BASE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT_BASE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// A .docx under construction: body XML plus the optional parts that give it numbering,
/// styles, notes and comments.
#[derive(Default, Clone)]
pub struct DocxBuilder {
    body: String,
    styles: Option<String>,
    numbering: Option<String>,
    footnotes: Vec<(u32, String)>,
    endnotes: Vec<(u32, String)>,
    comments: Vec<(u32, String, String)>,
    extra: Vec<(String, Vec<u8>)>,
}

impl DocxBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends raw body XML (paragraphs, tables), written with the `w:` prefix.
    pub fn body(mut self, xml: &str) -> Self {
        self.body.push_str(xml);
        self
    }

    /// A document with the plain text's blocks (separated by blank lines) as paragraphs,
    /// the lines of a block joined by line breaks: how a draft pasted into Word looks.
    pub fn from_plain_text(text: &str) -> Self {
        plain_text_blocks(text)
            .iter()
            .fold(Self::new(), |builder, block| {
                let runs: Vec<String> = block.split('\n').map(r).collect();
                builder.body(&p_runs(&runs.join("<w:r><w:br/></w:r>")))
            })
    }

    /// Appends a plain paragraph.
    pub fn paragraph(self, text: &str) -> Self {
        self.body(&p(text))
    }

    /// Full `w:styles` inner XML (style elements).
    pub fn styles(mut self, inner: &str) -> Self {
        self.styles = Some(inner.to_string());
        self
    }

    /// Full `w:numbering` inner XML (abstractNum and num elements).
    pub fn numbering(mut self, inner: &str) -> Self {
        self.numbering = Some(inner.to_string());
        self
    }

    /// A footnote with this id whose content is the given paragraphs' XML.
    pub fn footnote(mut self, id: u32, paragraphs: &str) -> Self {
        self.footnotes.push((id, paragraphs.to_string()));
        self
    }

    pub fn endnote(mut self, id: u32, paragraphs: &str) -> Self {
        self.endnotes.push((id, paragraphs.to_string()));
        self
    }

    /// A comment in comments.xml (anchor it in the body with `comment_range`).
    pub fn comment(mut self, id: u32, author: &str, text: &str) -> Self {
        self.comments
            .push((id, author.to_string(), text.to_string()));
        self
    }

    /// Any other entry, e.g. a media file.
    pub fn entry(mut self, name: &str, bytes: &[u8]) -> Self {
        self.extra.push((name.to_string(), bytes.to_vec()));
        self
    }

    /// The package's entries in order, as (name, content).
    pub fn entries(&self) -> Vec<(String, Vec<u8>)> {
        let mut parts: Vec<(&str, String, String)> = Vec::new(); // (name, content type, xml)
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#,
            self.body
        );
        parts.push((
            "word/document.xml",
            format!("{CT_BASE}.document.main+xml"),
            document,
        ));
        if let Some(styles) = &self.styles {
            parts.push((
                "word/styles.xml",
                format!("{CT_BASE}.styles+xml"),
                wrap("styles", styles),
            ));
        }
        if let Some(numbering) = &self.numbering {
            parts.push((
                "word/numbering.xml",
                format!("{CT_BASE}.numbering+xml"),
                wrap("numbering", numbering),
            ));
        }
        if !self.footnotes.is_empty() {
            parts.push((
                "word/footnotes.xml",
                format!("{CT_BASE}.footnotes+xml"),
                notes("footnote", &self.footnotes),
            ));
        }
        if !self.endnotes.is_empty() {
            parts.push((
                "word/endnotes.xml",
                format!("{CT_BASE}.endnotes+xml"),
                notes("endnote", &self.endnotes),
            ));
        }
        if !self.comments.is_empty() {
            let inner: String = self
                .comments
                .iter()
                .map(|(id, author, text)| {
                    format!(r#"<w:comment w:id="{id}" w:author="{author}" w:initials="X">{}</w:comment>"#, p(text))
                })
                .collect();
            parts.push((
                "word/comments.xml",
                format!("{CT_BASE}.comments+xml"),
                wrap("comments", &inner),
            ));
        }

        let overrides: String = parts
            .iter()
            .map(|(name, kind, _)| {
                format!(r#"<Override PartName="/{name}" ContentType="{kind}"/>"#)
            })
            .collect();
        let content_types = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>{overrides}</Types>"#
        );
        let package_rels = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_BASE}/officeDocument" Target="word/document.xml"/></Relationships>"#
        );
        let document_rels: String = parts
            .iter()
            .skip(1)
            .enumerate()
            .map(|(i, (name, _, _))| {
                let file = name.trim_start_matches("word/");
                let kind = file.trim_end_matches(".xml");
                format!(
                    r#"<Relationship Id="rId{}" Type="{REL_BASE}/{kind}" Target="{file}"/>"#,
                    i + 1
                )
            })
            .collect();
        let document_rels = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{document_rels}</Relationships>"#
        );

        let mut entries = vec![
            (
                "[Content_Types].xml".to_string(),
                content_types.into_bytes(),
            ),
            ("_rels/.rels".to_string(), package_rels.into_bytes()),
            (
                "word/_rels/document.xml.rels".to_string(),
                document_rels.into_bytes(),
            ),
        ];
        entries.extend(
            parts
                .into_iter()
                .map(|(name, _, xml)| (name.to_string(), xml.into_bytes())),
        );
        entries.extend(self.extra.iter().cloned());
        entries
    }

    pub fn build(&self) -> Vec<u8> {
        zip_entries(&self.entries())
    }

    /// The package without compression, so that byte-level mutations hit the XML itself.
    pub fn build_stored(&self) -> Vec<u8> {
        zip_with(&self.entries(), CompressionMethod::Stored)
    }
}

/// Zips entries with deflate, as Word does.
pub fn zip_entries(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    zip_with(entries, CompressionMethod::Deflated)
}

fn zip_with(entries: &[(String, Vec<u8>)], method: CompressionMethod) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in entries {
        writer
            .start_file(name.as_str(), options)
            .expect("start entry");
        writer.write_all(bytes).expect("write entry");
    }
    writer.finish().expect("finish zip").into_inner()
}

fn wrap(root: &str, inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:{root} xmlns:w="{W}" xmlns:r="{R}">{inner}</w:{root}>"#
    )
}

fn notes(kind: &str, notes: &[(u32, String)]) -> String {
    let separators = format!(
        r#"<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>"#
    );
    let inner: String = notes
        .iter()
        .map(|(id, paragraphs)| format!(r#"<w:{kind} w:id="{id}">{paragraphs}</w:{kind}>"#))
        .collect();
    wrap(&format!("{kind}s"), &format!("{separators}{inner}"))
}

/// The blocks of a plain text: runs of non-blank lines, without trailing spaces.
pub fn plain_text_blocks(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines
        .split(|line| line.is_empty())
        .filter(|block| !block.is_empty())
        .map(|block| block.join("\n"))
        .collect()
}

/// Escapes text for element content.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A run with text (spaces preserved).
pub fn r(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A run with run properties (`rpr` is the inner XML of `w:rPr`).
pub fn r_with(rpr: &str, text: &str) -> String {
    format!(
        r#"<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A paragraph of one run.
pub fn p(text: &str) -> String {
    format!("<w:p>{}</w:p>", r(text))
}

/// A paragraph of the given runs' XML.
pub fn p_runs(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

/// A paragraph in list `num_id` at level `level`.
pub fn numbered(num_id: u32, level: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>{}</w:p>"#,
        r(text)
    )
}

/// A paragraph with a style.
pub fn styled(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#,
        r(text)
    )
}

/// A tracked insertion of `text`.
pub fn ins(id: u32, author: &str, date: &str, text: &str) -> String {
    format!(
        r#"<w:ins w:id="{id}" w:author="{author}" w:date="{date}">{}</w:ins>"#,
        r(text)
    )
}

/// A tracked deletion of `text`.
pub fn del(id: u32, author: &str, date: &str, text: &str) -> String {
    format!(
        r#"<w:del w:id="{id}" w:author="{author}" w:date="{date}"><w:r><w:delText xml:space="preserve">{}</w:delText></w:r></w:del>"#,
        esc(text)
    )
}

/// A table of the given rows of cell texts.
pub fn table(rows: &[&[&str]]) -> String {
    let rows: String = rows
        .iter()
        .map(|cells| {
            let cells: String = cells
                .iter()
                .map(|text| {
                    format!(
                        r#"<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{}</w:tc>"#,
                        p(text)
                    )
                })
                .collect();
            format!("<w:tr>{cells}</w:tr>")
        })
        .collect();
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid>{rows}</w:tbl>"#
    )
}

/// "Article %1" / "(%2)" / "(%3)" in lower letters: the numbering of a typical agreement,
/// as list 1. List 2 uses the same definition restarted at 1; list 3 is "%1." decimal.
pub const AGREEMENT_NUMBERING: &str = r#"
<w:abstractNum w:abstractNumId="0">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Article %1"/><w:suff w:val="space"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%4)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
"#;
