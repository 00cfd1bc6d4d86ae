//! Annotating any readable .docx gives a copy that reads to the same text: comments are
//! placed in every paragraph at character ranges derived from the input.
#![no_main]

use accordlint::document::docx::{annotate, read, Comment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(original) = read(data) else { return };
    let comments: Vec<Comment> = original
        .paragraphs
        .iter()
        .take(16)
        .map(|p| {
            let length = original.text[p.content.start..p.content.end]
                .chars()
                .count();
            Comment {
                paragraph: p.index,
                start_char: length / 3,
                end_char: length - length / 4,
                author: "Fuzz".to_string(),
                initials: "F".to_string(),
                text: "finding".to_string(),
            }
        })
        .collect();
    let Ok(annotated) = annotate(data, &comments, "summary") else {
        return;
    };
    let again = read(&annotated).expect("an annotated copy must read");
    assert_eq!(again.text, original.text);
});
