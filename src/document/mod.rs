//! The document model: what a draft *is* once read, independent of any rule.
//!
//! A [`Document`] keeps the original input untouched and describes it as clauses made of
//! sentences. Every piece of text the rules look at carries a byte span into the original,
//! so a finding can always be shown exactly where the reader sees it (and converted to the
//! UTF-16 offsets that JavaScript strings use).

pub mod docx;
pub mod input;
pub mod normalize;
pub mod offsets;
pub mod sentences;
pub mod structure;

use serde::Serialize;

/// A half-open byte range `[start, end)` into the original input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// A parsed draft.
#[derive(Debug, Clone)]
pub struct Document {
    /// The input exactly as given (after decoding to UTF-8); every span points into it.
    pub source: String,
    /// The first heading-like line, used as the report's title.
    pub title: Option<String>,
    pub clauses: Vec<Clause>,
    /// Zero-width, bidi-control and similar characters: removed for matching, reported here.
    pub hidden_characters: Vec<HiddenCharacter>,
    /// Terms the draft defines ("'Personal data' means ...").
    pub definitions: Vec<Definition>,
    /// References from one clause to another ("in accordance with Article 7").
    pub cross_references: Vec<CrossReference>,
    pub word_count: usize,
}

/// The smallest numbered or paragraphed unit of a draft: an article's paragraph, a list item,
/// a recital of the preamble. Rules look at its sentences.
#[derive(Debug, Clone)]
pub struct Clause {
    /// The reference a reader would cite: "Art. 14(2)(a)", "Sec. 101(a)(1)", "Para 7", "Preamble".
    pub reference: String,
    /// The heading of the enclosing article or section ("Retention of data"), if any.
    pub heading: Option<String>,
    pub kind: ClauseKind,
    pub span: Span,
    pub sentences: Vec<Sentence>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseKind {
    /// Title, recitals, "Have agreed as follows": aspirations, not obligations.
    Preamble,
    /// A heading line on its own ("Article 7 - Retention").
    Heading,
    /// Operative text.
    Body,
    /// Signature blocks, "Done at ... in duplicate".
    Closing,
}

/// One sentence, ready for matching.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Where the sentence stands in [`Document::source`].
    pub span: Span,
    /// The normalised text that rules match against: NFKC, straight quotes and dashes,
    /// single spaces, hidden characters and soft hyphens removed, words hyphenated across
    /// line breaks joined. Case is kept; matching is case-insensitive.
    pub text: String,
    /// `origin[i]` is the byte offset in the original input of `text`'s byte `i`
    /// (length `text.len() + 1`, the last entry being the sentence's end).
    pub origin: Vec<u32>,
}

impl Sentence {
    /// Maps a byte range of the normalised [`Sentence::text`] back to the original input.
    pub fn original_span(&self, start: usize, end: usize) -> Span {
        let at = |i: usize| self.origin[i.min(self.origin.len() - 1)] as usize;
        Span::new(at(start), at(end).max(at(start)))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct HiddenCharacter {
    /// "U+200B".
    pub code_point: String,
    /// "ZERO WIDTH SPACE".
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Definition {
    pub term: String,
    pub clause: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct CrossReference {
    /// The clause the reference stands in.
    pub from: String,
    /// The reference as written, normalised ("Art. 7").
    pub to: String,
    pub span: Span,
}
