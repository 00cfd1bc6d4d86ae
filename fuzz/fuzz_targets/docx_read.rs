//! Any bytes given to the .docx reader give a text or an error, never a panic or a hang,
//! and every span the reader returns lies on character boundaries of its text.
#![no_main]

use accordlint::document::docx::{read, text_with_changes_rejected};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(docx) = read(data) {
        let spans = docx.paragraphs.iter().flat_map(|p| [p.span, p.content]);
        for span in spans.chain(docx.revisions.iter().map(|r| r.span)) {
            assert!(
                docx.text.get(span.start..span.end).is_some(),
                "span {span:?} outside the text"
            );
        }
        for hidden in &docx.hidden {
            assert!(docx.text.is_char_boundary(hidden.position));
        }
    }
    let _ = text_with_changes_rejected(data);
});
