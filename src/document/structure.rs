//! Placeholder structure: paragraphs and naive sentences, until the document model lands.

use super::{Clause, ClauseKind, Document, Sentence, Span};

impl Document {
    pub fn parse(source: impl Into<String>) -> Document {
        let source: String = source.into();
        let mut clauses = Vec::new();
        let mut offset = 0;
        for (n, para) in source.split("\n\n").enumerate() {
            let start = offset;
            offset += para.len() + 2;
            if para.trim().is_empty() {
                continue;
            }
            let mut sentences = Vec::new();
            let mut s_start = start;
            for (i, _) in para.match_indices(". ") {
                let end = start + i + 1;
                sentences.push(sentence(&source, s_start, end));
                s_start = end + 1;
            }
            sentences.push(sentence(&source, s_start, start + para.len()));
            clauses.push(Clause { reference: format!("Para {}", n + 1), heading: None, kind: ClauseKind::Body, span: Span::new(start, start + para.len()), sentences });
        }
        let word_count = source.split_whitespace().count();
        Document { source, title: None, clauses, hidden_characters: Vec::new(), definitions: Vec::new(), cross_references: Vec::new(), word_count }
    }
}

fn sentence(source: &str, start: usize, end: usize) -> Sentence {
    let raw = &source[start..end];
    let text: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let origin = (0..=text.len()).map(|i| (start + i.min(raw.len())) as u32).collect();
    Sentence { span: Span::new(start, end), text, origin }
}
