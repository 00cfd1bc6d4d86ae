//! Sentences inside a clause.
//!
//! A sentence ends at `.`, `?` or `!` (with any closing quotes or brackets) followed by a space
//! and something that can start a sentence (a capital, a digit, a quote, a bracket), or by the
//! end of the clause. Semicolons do not end sentences: in treaties they separate the items of a
//! list, which are clauses of their own. A full stop after a common abbreviation ("Art.",
//! "No.", "para.", "e.g.", "U.S.C.") or an initial ("J.") does not end a sentence.

use super::normalize::{unit_end, Normalized};
use super::{Sentence, Sentences, Span};

/// Abbreviations (lowercase, without the final full stop, sorted for a binary search) after
/// which a full stop does not end a sentence. Dotted forms like "e.g", "i.e", "U.S.C" are
/// caught by [`is_dotted_abbreviation`].
const ABBREVIATIONS: &[&str] = &[
    "al", "ann", "app", "approx", "apr", "art", "arts", "aug", "bros", "ca", "cf", "ch", "chap",
    "cit", "cl", "co", "corp", "dec", "dept", "dir", "doc", "dr", "ed", "eds", "esp", "excl", "feb",
    "fig", "gov", "govt", "hon", "ibid", "inc", "incl", "jan", "jr", "jul", "jun", "llc", "ltd",
    "mar", "mr", "mrs", "ms", "no", "nos", "nov", "nr", "oct", "op", "p", "par", "para", "paras",
    "plc", "pp", "prof", "pt", "ref", "reg", "regs", "resp", "rev", "rt", "sched", "sec", "secs",
    "sep", "sept", "seq", "sr", "ss", "st", "subpara", "subparas", "v", "viz", "vol", "vs",
];

/// Longest word examined for an abbreviation; bounds the work per full stop.
const MAX_ABBREVIATION: usize = 12;

/// Splits a clause's normalised text into sentences, each with its own text, origin map and
/// span in `source`.
pub fn split(source: &str, normalized: Normalized) -> Sentences {
    let mut ranges = sentence_ranges(&normalized.text);
    let Some(first) = ranges.next() else { return Sentences::default() };
    let second = ranges.next();
    if second.is_none() && first == (0, normalized.text.len()) {
        return Sentences::One(whole(source, normalized));
    }
    let mut sentences = Vec::with_capacity(4);
    for (start, end) in [first].into_iter().chain(second).chain(ranges) {
        sentences.push(sentence(source, &normalized, start, end));
    }
    Sentences::Many(sentences)
}

/// A clause that is one sentence keeps its normalised text (most clauses are).
fn whole(source: &str, normalized: Normalized) -> Sentence {
    let span = sentence_span(source, &normalized, 0, normalized.text.len());
    let origin = normalized.origin.into_window(normalized.text.len(), span.end);
    Sentence { span, text: normalized.text, origin }
}

fn sentence(source: &str, normalized: &Normalized, start: usize, end: usize) -> Sentence {
    let span = sentence_span(source, normalized, start, end);
    Sentence {
        span,
        text: normalized.text[start..end].to_string(),
        origin: normalized.origin.window(start, end, span.end),
    }
}

/// Where the sentence of normalised bytes `start..end` (not empty) stands in `source`.
fn sentence_span(source: &str, normalized: &Normalized, start: usize, end: usize) -> Span {
    Span::new(normalized.origin.get(start), unit_end(source, normalized.origin.get(end - 1)))
}

/// Byte ranges of the sentences of a normalised text (single spaces, no space at either end),
/// in order, none empty.
pub fn sentence_ranges(text: &str) -> SentenceRanges<'_> {
    SentenceRanges { text, start: 0, position: 0 }
}

/// Iterator behind [`sentence_ranges`]: finds one sentence end at a time.
pub struct SentenceRanges<'a> {
    text: &'a str,
    /// Where the current sentence starts.
    start: usize,
    /// Where to look for the next terminator.
    position: usize,
}

impl Iterator for SentenceRanges<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let text = self.text;
        let bytes = text.as_bytes();
        while self.start < bytes.len() {
            let Some(i) = memchr::memchr3(b'.', b'?', b'!', &bytes[self.position..]).map(|i| self.position + i) else {
                let range = (self.start, bytes.len());
                self.start = bytes.len();
                return Some(range);
            };
            let end = end_of_terminator(bytes, i);
            self.position = end.max(i + 1);
            let ends_sentence = (end == bytes.len() || starts_sentence(text, end))
                && !(bytes[i] == b'.' && is_abbreviation(text, self.start, i));
            if ends_sentence {
                let range = (self.start, end);
                self.start = (end + 1).min(bytes.len());
                self.position = self.position.max(self.start);
                return Some(range);
            }
        }
        None
    }
}

/// Past the terminator at `i`, any further terminators ("?!", "...") and closing quotes or
/// brackets.
fn end_of_terminator(bytes: &[u8], i: usize) -> usize {
    let mut end = i + 1;
    while end < bytes.len() && matches!(bytes[end], b'.' | b'?' | b'!' | b'"' | b'\'' | b')' | b']') {
        end += 1;
    }
    end
}

/// Whether a space at `at` is followed by something that can open a sentence.
fn starts_sentence(text: &str, at: usize) -> bool {
    if text.as_bytes().get(at) != Some(&b' ') {
        return false;
    }
    match text[at + 1..].chars().next() {
        Some(c) => c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '(' | '[' | '§'),
        None => true,
    }
}

/// Whether the word ending at the full stop at `dot` is an abbreviation or an initial.
fn is_abbreviation(text: &str, sentence_start: usize, dot: usize) -> bool {
    let bytes = text.as_bytes();
    let floor = sentence_start.max(dot.saturating_sub(MAX_ABBREVIATION + 1));
    let mut word_start = dot;
    while word_start > floor && !matches!(bytes[word_start - 1], b' ' | b'(' | b'"' | b'\'' | b'[') {
        word_start -= 1;
    }
    if word_start == floor && floor > sentence_start && bytes[floor - 1] != b' ' {
        return false; // a long token: not an abbreviation
    }
    let word = &text[word_start..dot];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let single = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    single
        || is_listed_abbreviation(word)
        || is_dotted_abbreviation(word)
}

/// Whether `word`, in any case, is one of [`ABBREVIATIONS`].
fn is_listed_abbreviation(word: &str) -> bool {
    let lower = || word.bytes().map(|b| b.to_ascii_lowercase());
    ABBREVIATIONS.binary_search_by(|a| a.bytes().cmp(lower())).is_ok()
}

/// "e.g", "i.e", "U.S", "U.S.C", "a.m": letters in groups of at most three, joined by dots.
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|part| (1..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::normalize::normalize;

    fn sentences(text: &str) -> Vec<&str> {
        sentence_ranges(text).map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn splits_on_final_punctuation() {
        assert_eq!(
            sentences("Data shall be deleted. Is it kept? Never! \"Quoted.\" Next"),
            vec!["Data shall be deleted.", "Is it kept?", "Never!", "\"Quoted.\"", "Next"]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Under Art. 5 and Arts. 6 to 8, see No. 3, para. 2 and paras. 4, e.g. logs, i.e. records, \
                    cf. 18 U.S.C. 2523 and the U.S. Government, Sec. 101 per Mr. Smith, Dr. Jones, \
                    Acme Inc. and Beta Ltd. in Doe v. Roe by J. Smith with 3.2 and etc. as well. Next one.";
        let found = sentences(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[1], "Next one.");
    }

    #[test]
    fn abbreviations_are_sorted_for_the_binary_search() {
        assert!(ABBREVIATIONS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(ABBREVIATIONS.iter().all(|a| is_listed_abbreviation(a) && is_listed_abbreviation(&a.to_uppercase())));
        assert!(!is_listed_abbreviation("data") && !is_listed_abbreviation("") && !is_listed_abbreviation("Arté"));
    }

    #[test]
    fn semicolons_do_not_split_and_lowercase_continues() {
        assert_eq!(sentences("(a) data; (b) logs. and so on"), vec!["(a) data; (b) logs. and so on"]);
    }

    #[test]
    fn etc_at_sentence_end_splits_before_a_capital() {
        assert_eq!(sentences("Logs, images etc. The Party"), vec!["Logs, images etc.", "The Party"]);
    }

    #[test]
    fn digits_and_quotes_start_sentences() {
        assert_eq!(sentences("Done. 2. Next. \"Data\" means"), vec!["Done.", "2.", "Next.", "\"Data\" means"]);
    }

    #[test]
    fn sentences_carry_original_spans() {
        let source = "  The Parties\u{a0}shall   delete data.  “Logs” are kept.";
        let normalized = normalize(source, Span::new(0, source.len()));
        let found = split(source, normalized);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].text, "The Parties shall delete data.");
        assert_eq!(&source[found[0].span.start..found[0].span.end], "The Parties\u{a0}shall   delete data.");
        assert_eq!(found[1].text, "\"Logs\" are kept.");
        assert_eq!(&source[found[1].span.start..found[1].span.end], "“Logs” are kept.");
        let sentence = &found[1];
        assert_eq!(sentence.origin.get(sentence.text.len()), sentence.span.len());
        let logs = sentence.original_span(1, 5);
        assert_eq!(&source[logs.start..logs.end], "Logs");
    }

    #[test]
    fn long_dotted_token_is_linear_and_safe() {
        let text = "a.".repeat(5000) + " End.";
        let found = sentences(&text);
        assert!(!found.is_empty());
    }
}
