//! A deterministic stand-in for fuzzing that runs with the ordinary test suite: thousands of
//! mutations of the fixtures go through `read` and `annotate`, which must never panic, and
//! whatever reads must annotate into a copy that reads to the same text.
//!
//! Most mutations change one part's XML and re-zip it (so the XML parser, not the ZIP CRC,
//! meets the damage); the rest damage the ZIP bytes directly. An input that fails is saved
//! under tests/data/docx-regressions/, and every file there is replayed by
//! `saved_regressions_still_pass`. The `fuzz/` crate runs the same checks under libFuzzer.

mod common;
#[path = "support/docx_fixture.rs"]
mod docx_fixture;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::XorShift;

use accordlint::document::docx::{annotate, read, text_with_changes_rejected, Comment, DocxError};
use docx_fixture::*;

/// Longer runs: `ACCORDLINT_DOCX_MUTATIONS=200000 ACCORDLINT_DOCX_SEED=7 cargo test --release
/// --test docx_mutations`.
const ITERATIONS: usize = 3_000;
const SEED: u64 = 0x5EED_D0C5_2024_0001;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
/// Far above the milliseconds a fixture takes: only a hang or a blow-up gets near it.
const SLOW: Duration = Duration::from_secs(5);

/// Fragments that make mutations structural rather than random noise.
const TOKENS: &[&[u8]] = &[
    b"<w:p>",
    b"</w:p>",
    b"<w:r>",
    b"</w:r>",
    b"<w:t>",
    b"</w:t>",
    b"<w:tab/>",
    b"<w:p/>",
    b"<w:ins w:id=\"1\" w:author=\"x\">",
    b"</w:ins>",
    b"<w:del w:id=\"2\">",
    b"</w:del>",
    b"<w:fldChar w:fldCharType=\"begin\"/>",
    b"<w:fldChar w:fldCharType=\"end\"/>",
    b"<w:numPr><w:ilvl w:val=\"8\"/><w:numId w:val=\"1\"/></w:numPr>",
    b"<w:vanish/>",
    b"<w:commentRangeStart w:id=\"3\"/>",
    b"<w:footnoteReference w:id=\"1\"/>",
    b"&amp;",
    b"&#x1F600;",
    b"<![CDATA[x]]>",
    b"<!DOCTYPE x>",
    b"<?pi?>",
    b"<!-- c -->",
    b"w:val=\"-99999999999\"",
    b"<w:lvlText w:val=\"%9%1%\"/>",
    b"<w:start w:val=\"-5\"/>",
    b"<mc:Fallback>",
    b"\xFF\xFE",
    b"\0",
];

fn fixtures() -> Vec<Vec<(String, Vec<u8>)>> {
    let numbered_draft = DocxBuilder::new()
        .numbering(AGREEMENT_NUMBERING)
        .styles(r#"<w:style w:type="paragraph" w:styleId="H"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#)
        .body(&styled("H", "Scope"))
        .body(&numbered(1, 1, "The Parties shall cooperate."))
        .body(&numbered(1, 2, "by sharing indicators;"))
        .body(&numbered(3, 1, "Sub"));
    let changes = DocxBuilder::new()
        .body(&p_runs(&format!(
            "{}{}{}",
            r("Kept "),
            del(1, "A", "2024-01-01T00:00:00Z", "for a year"),
            ins(2, "B", "2024-01-02T00:00:00Z", "briefly")
        )))
        .body(&p_runs(&format!(
            "{}{}",
            r("Plain "),
            r_with("<w:vanish/>", "hidden")
        )))
        .body(&table(&[&["a", "b"], &["c", "d"]]));
    let notes_and_comments = DocxBuilder::new()
        .body(&p_runs(&format!(
            r#"<w:commentRangeStart w:id="0"/>{}<w:r><w:footnoteReference w:id="1"/></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#,
            r("Noted")
        )))
        .body(r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Art. 2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#)
        .footnote(1, &p("A note."))
        .comment(0, "R", "A remark");
    let layout = DocxBuilder::new()
        .body(r#"<w:p><w:r><w:t>a</w:t><w:tab/><w:t xml:space="preserve">b &amp; c</w:t><w:br/></w:r><w:hyperlink><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p>"#)
        .body(&format!(
            r#"<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>{}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback>{}</mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
            p("boxed"),
            p("fallback")
        ))
        .body(&table(&[&["outer"]]).replace("<w:p>", &format!("{}<w:p>", table(&[&["inner"]]))));
    [numbered_draft, changes, notes_and_comments, layout]
        .iter()
        .map(DocxBuilder::entries)
        .collect()
}

fn mutate(rng: &mut XorShift, bytes: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            1 if at < bytes.len() => bytes[at] = b"<>/\"&;=:\0\xFF"[rng.below(10)],
            2 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(128)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            4 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                bytes.splice(at..at, token.iter().copied());
            }
            _ => bytes.truncate(at),
        }
    }
}

/// One mutated input: usually one part's bytes changed and re-zipped, sometimes the ZIP.
fn mutated_input(rng: &mut XorShift, fixtures: &[Vec<(String, Vec<u8>)>]) -> Vec<u8> {
    let mut entries = fixtures[rng.below(fixtures.len())].clone();
    if rng.below(5) == 0 {
        let mut zip = zip_entries(&entries);
        mutate(rng, &mut zip);
        return zip;
    }
    let part = rng.below(entries.len());
    mutate(rng, &mut entries[part].1);
    zip_entries(&entries)
}

/// Comments at a third to three quarters of every paragraph, as the checker would place them.
fn comments_for(text: &accordlint::document::docx::DocxText) -> Vec<Comment> {
    text.paragraphs
        .iter()
        .map(|p| {
            let length = text.text[p.content.start..p.content.end].chars().count();
            Comment {
                paragraph: p.index,
                start_char: length / 3,
                end_char: length - length / 4,
                author: "Test".to_string(),
                initials: "T".to_string(),
                text: "finding".to_string(),
            }
        })
        .collect()
}

/// Everything that must hold for any input; `Err` describes the first violation.
fn check(input: &[u8]) -> Result<(), String> {
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<(), String> {
        let Ok(original) = read(input) else {
            return Ok(());
        };
        let spans = original.paragraphs.iter().flat_map(|p| [p.span, p.content]);
        for span in spans.chain(original.revisions.iter().map(|r| r.span)) {
            if original.text.get(span.start..span.end).is_none() {
                return Err(format!("span {span:?} is not a slice of the text"));
            }
        }
        text_with_changes_rejected(input)
            .map_err(|e| format!("read succeeded but the rejected view failed: {e}"))?;
        match annotate(input, &comments_for(&original), "summary") {
            Ok(annotated) => {
                let again = read(&annotated)
                    .map_err(|e| format!("the annotated copy does not read: {e}"))?;
                if again.text != original.text {
                    return Err("the annotated copy reads differently".to_string());
                }
                Ok(())
            }
            // The reader needs neither the content types nor a root in the relationships
            // parts; the annotator must extend them, and may refuse when they are broken.
            Err(DocxError::MissingPart { .. }) => Ok(()),
            // It also copies every entry, including damaged ones the reader never opened.
            Err(DocxError::CorruptZip { .. }) => Ok(()),
            Err(DocxError::Xml { part, .. })
                if part == "[Content_Types].xml" || part.ends_with(".rels") =>
            {
                Ok(())
            }
            Err(other) => Err(format!("read succeeded but annotate failed: {other}")),
        }
    }));
    let result = outcome.unwrap_or_else(|_| Err("panicked".to_string()));
    if started.elapsed() > SLOW {
        return Err(format!("took {:?}", started.elapsed()));
    }
    result
}

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/docx-regressions")
}

#[test]
fn mutated_fixtures_never_panic_and_annotate_cleanly() {
    let fixtures = fixtures();
    let iterations = setting("ACCORDLINT_DOCX_MUTATIONS", ITERATIONS as u64) as usize;
    let seed = setting("ACCORDLINT_DOCX_SEED", SEED).max(1);
    let mut rng = XorShift(seed);
    let mut readable = 0;
    for iteration in 0..iterations {
        let input = mutated_input(&mut rng, &fixtures);
        readable += usize::from(read(&input).is_ok());
        if let Err(problem) = check(&input) {
            let path = regressions_dir().join(format!("mutation-{seed:x}-{iteration}.docx"));
            std::fs::write(&path, &input).expect("save the failing input");
            panic!(
                "iteration {iteration}: {problem}; input saved as {}",
                path.display()
            );
        }
    }
    assert!(
        readable > iterations / 10,
        "too few mutations still read ({readable}); the mutator is too blunt"
    );
    assert!(
        readable < iterations,
        "every mutation read; the mutator does nothing"
    );
}

#[test]
fn saved_regressions_still_pass() {
    let mut replayed = 0;
    for entry in std::fs::read_dir(regressions_dir()).expect("tests/data/docx-regressions exists") {
        let path = entry.expect("directory entry").path();
        if path.extension().is_some_and(|e| e == "docx") {
            let bytes = std::fs::read(&path).expect("read regression input");
            if let Err(problem) = check(&bytes) {
                panic!("{}: {problem}", path.display());
            }
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} saved inputs");
}
