//! The document model: what a draft *is* once read, independent of any rule.
//!
//! A [`Document`] keeps the original input untouched and describes it as clauses made of
//! sentences. Every piece of text the rules look at carries a byte span into the original,
//! so a finding can always be shown exactly where the reader sees it (and converted to the
//! UTF-16 offsets that JavaScript strings use).

mod compat;
pub mod docx;
mod edit;
mod reparse;
mod html;
mod scan;
pub mod input;
pub mod normalize;
pub mod offsets;
pub mod origin;
pub mod sentences;
pub mod structure;
mod terms;

use serde::Serialize;
use std::ops::Range;

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
#[derive(Debug, Clone, PartialEq)]
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
    pub word_count: usize,
    /// For each clause, the range of [`Document::definitions`] found in it: what
    /// [`Document::reparse`] carries over.
    definitions_of: Vec<Range<usize>>,
    /// What the structure pass of the next version reuses.
    structure: structure::PassRecord,
}

/// The smallest numbered or paragraphed unit of a draft: an article's paragraph, a list item,
/// a recital of the preamble. Rules look at its sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// The reference a reader would cite: "Art. 14(2)(a)", "Sec. 101(a)(1)", "Para 7", "Preamble".
    pub reference: String,
    /// The heading of the enclosing article or section ("Retention of data"), if any; shared
    /// by the clauses under it.
    pub heading: Option<std::sync::Arc<str>>,
    pub kind: ClauseKind,
    pub span: Span,
    /// The clause's text without its number: what is split into sentences.
    pub content: Span,
    pub sentences: Sentences,
    /// For a list item, the sentence that introduces the list ("Each Party shall ensure
    /// that:" before "(a) data are deleted ..."): the item completes it, so a rule reading
    /// the item should read the lead-in too. `None` when the item stands on its own.
    pub lead_in: Option<Span>,
    /// The clause this one belongs to: the item or paragraph whose text introduces it, as an
    /// index into [`Document::clauses`].
    pub parent: Option<usize>,
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

/// A clause's sentences, read as a slice (see [`OneOrMany`]).
pub type Sentences = OneOrMany<Sentence>;

/// A list read as a slice, for lists of one per clause: most clauses are one sentence, and
/// that one item is kept in place, sparing the clause an allocation.
#[derive(Debug, Clone)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

impl<T> std::ops::Deref for OneOrMany<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            OneOrMany::One(item) => std::slice::from_ref(item),
            OneOrMany::Many(items) => items,
        }
    }
}

impl<T> std::ops::DerefMut for OneOrMany<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        match self {
            OneOrMany::One(item) => std::slice::from_mut(item),
            OneOrMany::Many(items) => items,
        }
    }
}

impl<T: PartialEq> PartialEq for OneOrMany<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

/// One item stays in place; only a second one makes a vector.
impl<T> FromIterator<T> for OneOrMany<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut items = items.into_iter();
        let Some(first) = items.next() else { return OneOrMany::default() };
        let Some(second) = items.next() else { return OneOrMany::One(first) };
        let mut all = Vec::with_capacity(2 + items.size_hint().0);
        all.extend([first, second]);
        all.extend(items);
        OneOrMany::Many(all)
    }
}

/// One sentence, ready for matching.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Where the sentence stands in [`Document::source`].
    pub span: Span,
    /// The normalised text that rules match against: NFKC, straight quotes and dashes,
    /// single spaces, hidden characters and soft hyphens removed, words hyphenated across
    /// line breaks joined. Case is kept; matching is case-insensitive.
    pub text: String,
    /// `span.start + origin.get(i)` is the byte offset in the original input of `text`'s byte
    /// `i`; `origin.get(text.len())` is the sentence's end. Relative, so that moving the
    /// sentence moves only its span.
    pub origin: origin::OriginMap,
}

impl Sentence {
    /// Maps a byte range of the normalised [`Sentence::text`] back to the original input.
    pub fn original_span(&self, start: usize, end: usize) -> Span {
        let at = |i: usize| self.span.start + self.origin.get(i.min(self.text.len()));
        Span::new(at(start), at(end).max(at(start)))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HiddenCharacter {
    /// "U+200B".
    pub code_point: String,
    /// "ZERO WIDTH SPACE".
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Definition {
    pub term: String,
    pub clause: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossReference {
    /// The clause the reference stands in.
    pub from: String,
    /// The reference as written, normalised ("Art. 7").
    pub to: String,
    pub span: Span,
}

impl Document {
    /// Reads a draft (plain text or Markdown; convert HTML first with [`input::to_plain`]).
    /// Never fails: text without any structure becomes numbered paragraphs.
    pub fn parse(source: impl Into<String>) -> Document {
        let source = source.into();
        let word_count = count_words(&source);
        let structure = structure::read(&source);
        let clauses = structure.drafts.into_iter().map(|draft| Clause::new(&source, draft, None)).collect();
        Document::assemble(source, clauses, structure.record, word_count, None)
    }

    fn assemble(source: String, mut clauses: Vec<Clause>, structure: structure::PassRecord, word_count: usize, previous: Option<reparse::CarriedDefinitions>) -> Document {
        let lead_ins: Vec<Option<Span>> = clauses.iter().map(|c| lead_in_of(&clauses, c)).collect();
        for (clause, lead_in) in clauses.iter_mut().zip(lead_ins) {
            clause.lead_in = lead_in;
        }
        let mut definitions = Vec::new();
        let mut definitions_of = Vec::with_capacity(clauses.len());
        for (index, clause) in clauses.iter().enumerate() {
            let first = definitions.len();
            match previous.as_ref().and_then(|p| p.unchanged_definitions(index, clause)) {
                Some((old, delta)) => definitions.extend(old.iter().map(|d| Definition { span: d.span.shifted(delta), ..d.clone() })),
                None => terms::definitions_in(clause, &mut definitions),
            }
            definitions_of.push(first..definitions.len());
        }
        Document {
            title: structure::title(&source),
            hidden_characters: normalize::hidden_characters(&source),
            definitions,
            word_count,
            definitions_of,
            structure,
            clauses,
            source,
        }
    }

    /// References from one clause to another ("in accordance with Article 7"), in document
    /// order. Found when asked rather than at every parse: no check reads them, and the scan
    /// for them cost about a tenth of the parse.
    pub fn cross_references(&self) -> Vec<CrossReference> {
        let mut found = Vec::new();
        for clause in &self.clauses {
            terms::cross_references_in(clause, &mut found);
        }
        found
    }

    /// The sentence that introduces a list item (see [`Clause::lead_in`]), ready for matching.
    pub fn lead_in_sentence(&self, clause: &Clause) -> Option<&Sentence> {
        let lead_in = clause.lead_in?;
        let parent = self.clauses.get(clause.parent?)?;
        parent.sentences.iter().find(|s| s.span == lead_in)
    }
}

impl Clause {
    /// A clause of the structure pass with its sentences: read from `source`, or carried over
    /// from the old clause of the same text, which now starts at `content_start`.
    fn new(source: &str, draft: structure::ClauseDraft, old: Option<(&mut Clause, usize)>) -> Clause {
        let sentences = match old {
            Some((old, content_start)) => {
                let delta = content_start as isize - old.content.start as isize;
                let mut sentences = std::mem::take(&mut old.sentences);
                sentences.iter_mut().for_each(|s| s.span = s.span.shifted(delta));
                sentences
            }
            None => sentences::split(source, normalize::normalize(source, draft.content)),
        };
        Clause {
            sentences,
            reference: draft.reference,
            heading: draft.heading,
            kind: draft.kind,
            span: draft.span,
            content: draft.content,
            lead_in: None,
            parent: draft.parent,
        }
    }
}

impl Span {
    fn shifted(self, delta: isize) -> Span {
        Span::new((self.start as isize + delta) as usize, (self.end as isize + delta) as usize)
    }
}

/// The last sentence of the clause's parent, if it leads into the clause rather than ending
/// (no final full stop, question or exclamation mark): "shall ensure that:", "shall".
fn lead_in_of(clauses: &[Clause], clause: &Clause) -> Option<Span> {
    let parent = clauses.get(clause.parent?)?;
    let last = parent.sentences.last()?;
    let ends = last.text.trim_end_matches(['"', '\'', ')']).ends_with(['.', '!', '?', ';']);
    (!ends && parent.kind == clause.kind).then_some(last.span)
}

/// Words: runs of letters and digits (so "cross-border" is two words, "2(1)(a)" three).
/// Read byte by byte without decoding: a non-ASCII character counts as a letter, except
/// those of the Latin-1 punctuation block (no-break space, «, », §) and the General
/// Punctuation and symbol blocks (curly quotes, dashes, bullets) and U+F000..U+FFFF (BOM,
/// presentation and fullwidth forms). Sixteen bytes of ASCII are counted at once.
fn count_words(source: &str) -> usize {
    let mut count = 0;
    let mut in_word = 0u8;
    let mut chunks = source.as_bytes().chunks_exact(16);
    for chunk in chunks.by_ref() {
        let (first, second) = (scan::word(chunk), scan::word(&chunk[8..]));
        if (first | second) & scan::splat(0x80) != 0 {
            count += count_word_bytes(chunk, &mut in_word);
            continue;
        }
        count += scan::count_marked(ascii_word_starts(first, &mut in_word));
        count += scan::count_marked(ascii_word_starts(second, &mut in_word));
    }
    count + count_word_bytes(chunks.remainder(), &mut in_word)
}

/// The bytes of eight ASCII bytes that start a word; `in_word` carries whether the byte
/// before is part of one, for this word and the next.
fn ascii_word_starts(word: u64, in_word: &mut u8) -> u64 {
    let letters = scan::ascii_alphanumeric(word);
    let follows_letter = (letters << 8) | (u64::from(*in_word) << 7);
    *in_word = (letters >> 63) as u8;
    letters & !follows_letter
}

/// Counts the words starting in `bytes`, one byte at a time; `in_word` carries whether the
/// byte before is part of a word.
fn count_word_bytes(bytes: &[u8], in_word: &mut u8) -> usize {
    let mut count = 0;
    for &b in bytes {
        let class = WORD_BYTES[b as usize];
        // Continuation bytes (class 2) keep the state of the character they belong to.
        let word = (class & 1) | ((class >> 1) & *in_word);
        count += usize::from(word & !*in_word & 1);
        *in_word = word;
    }
    count
}

/// Per byte: 1 = starts or is a word character, 0 = not, 2 = UTF-8 continuation byte.
const WORD_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => 1,
            0x80..=0xBF => 2,
            0xC2 | 0xE2 | 0xEF => 0,
            0xC0.. => 1,
            _ => 0,
        };
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests;
