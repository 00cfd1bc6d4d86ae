//! Defined terms and cross-references, read from the normalised sentences.
//!
//! Definitions: a quoted term followed by "means", "shall mean", "has the meaning",
//! "includes", "refers to"; or quoted inside a parenthesis or after "hereinafter"
//! ("(hereinafter 'the Parties')", "(the "Convention")"). Cross-references: "Article 7",
//! "Art. 11(1)", "Section 3.2", "§ 1503(c)", "paragraph 2", "subsection (b)", "Clause 9.2",
//! "Annex B", "paragraph 1 of Article 2" (read as "Art. 2(1)"); references to other
//! instruments ("Article 13 of the Convention", "section 3502 of title 44") are left out.

use super::{scan, Clause, ClauseKind, CrossReference, Definition, Sentence};

/// Appends the terms the clause defines.
pub(super) fn definitions_in(clause: &Clause, found: &mut Vec<Definition>) {
    for sentence in clause.sentences.iter() {
        for (start, end) in quoted_terms(&sentence.text) {
            if is_definition(&sentence.text, start, end) {
                found.push(Definition {
                    term: sentence.text[start..end].to_string(),
                    clause: clause.reference.clone(),
                    span: sentence.original_span(start, end),
                });
            }
        }
    }
}

/// Longest defined term looked for; bounds the search for a closing quote.
const MAX_TERM_BYTES: usize = 120;

/// Byte ranges (inside the quotes) of quoted phrases of one to eight words.
fn quoted_terms(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut terms = Vec::new();
    let mut i = 0;
    while let Some(at) = memchr::memchr2(b'"', b'\'', &bytes[i..]).map(|at| i + at) {
        i = at;
        let quote = bytes[i];
        if !is_opening_quote(bytes, i) {
            i += 1;
            continue;
        }
        let start = i + 1;
        let window_end = (start + MAX_TERM_BYTES).min(bytes.len());
        let close = (start..window_end).find(|&j| bytes[j] == quote && is_closing_quote(bytes, j));
        match close {
            Some(end) if end > start && text[start..end].split_whitespace().count() <= 8 => {
                terms.push((start, end));
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    terms
}

/// `"` anywhere a phrase can start; `'` only where it cannot be an apostrophe.
fn is_opening_quote(bytes: &[u8], i: usize) -> bool {
    let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
    let after_ok = bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
    match bytes[i] {
        b'"' => after_ok,
        b'\'' => before_ok && after_ok,
        _ => false,
    }
}

fn is_closing_quote(bytes: &[u8], j: usize) -> bool {
    bytes[j] == b'"' || bytes.get(j + 1).is_none_or(|b| !b.is_ascii_alphanumeric())
}

const DEFINING_VERBS: &[&str] = &[
    "means", "mean ", "shall mean", "has the meaning", "have the meaning", "shall have the meaning",
    "includes", "shall include", "refers to", "is defined", "does not include",
];

fn is_definition(text: &str, start: usize, end: usize) -> bool {
    let raw_after = &text[end + 1..];
    let after = raw_after.trim_start_matches([',', ' ']);
    if DEFINING_VERBS.iter().any(|v| after.starts_with(v)) {
        return true;
    }
    let before = &text[..start - 1];
    let window_start = super::normalize::floor_boundary(before, before.len().saturating_sub(60));
    let window = &before[window_start..];
    if window.contains("hereinafter") || window.contains("hereafter") {
        return true;
    }
    in_naming_parenthesis(before) && raw_after.starts_with([')', ',', ' ', ';'])
}

/// Inside a parenthesis that only names ("(the "X")", "(each a "Party" and together the
/// "Parties")"): an unclosed "(" followed, outside quotes, only by short lower-case words.
fn in_naming_parenthesis(before: &str) -> bool {
    let Some(open) = before.rfind('(') else { return false };
    let inside = &before[open + 1..];
    let unquoted = inside.split('"').step_by(2);
    !inside.contains(')')
        && inside.len() <= 60
        && unquoted
            .flat_map(|part| part.split(|c: char| c.is_whitespace() || c == ','))
            .all(|w| w.is_empty() || (w.len() <= 12 && w.bytes().all(|b| b.is_ascii_lowercase())))
}

/// Words that introduce a reference, and how a reference writes them; sorted by their bytes
/// for a binary search.
const REFERENCE_WORDS: &[(&str, &str)] = &[
    ("Annex", "Annex "), ("Annexes", "Annex "), ("Art.", "Art. "), ("Article", "Art. "),
    ("Articles", "Art. "), ("Arts.", "Art. "), ("Chapter", "Chapter "), ("Chapters", "Chapter "),
    ("Clause", "Clause "), ("Clauses", "Clause "), ("Paragraph", "para. "),
    ("Schedule", "Schedule "), ("Sec.", "Sec. "), ("Section", "Sec. "), ("Sections", "Sec. "),
    ("clause", "Clause "), ("clauses", "Clause "), ("para.", "para. "), ("paragraph", "para. "),
    ("paragraphs", "para. "), ("paras.", "para. "), ("point", "point "), ("points", "point "),
    ("section", "Sec. "), ("sections", "Sec. "), ("sub-paragraph", "subpara. "),
    ("subparagraph", "subpara. "), ("subparagraphs", "subpara. "), ("subsection", "subsection "),
    ("subsections", "subsection "), ("§", "§ "), ("§§", "§ "),
];

/// The reference words of a normalised sentence that may start a reference, in order, as
/// (start, end, index in [`REFERENCE_WORDS`]): those that stand alone (no letter, digit, `-`
/// or non-ASCII character right before) and are followed by what can start a reference token
/// (a digit, `(`, or capitals: "7", "(b)", "IV") after a space or, for "§", directly.
///
/// Searched from the tokens: most words are followed by none, and the few bytes that can
/// start one are marked eight bytes at a time (cheaper than a multi-pattern automaton,
/// natively and even more so in WebAssembly, which has no SIMD prefilter for it). The word
/// before a token is then read backwards and looked up.
fn reference_words(text: &str) -> ReferenceWords<'_> {
    ReferenceWords { bytes: text.as_bytes(), base: 0, marks: 0, carry: 0, next_chunk: 0 }
}

struct ReferenceWords<'a> {
    bytes: &'a [u8],
    /// Where the chunk whose marks are pending starts.
    base: usize,
    /// The bytes of the chunk at `base` that may start a token, not yet looked at.
    marks: u64,
    /// The mark for the first byte of the next chunk: whether the byte before may precede a token.
    carry: u64,
    next_chunk: usize,
}

impl Iterator for ReferenceWords<'_> {
    type Item = (usize, usize, usize);

    fn next(&mut self) -> Option<(usize, usize, usize)> {
        loop {
            while self.marks != 0 {
                let token = self.base + scan::first_marked(self.marks);
                self.marks &= self.marks - 1;
                if let Some(found) = reference_word_before(self.bytes, token) {
                    return Some(found);
                }
            }
            let (base, marks, carry) = next_marked_chunk(self.bytes, self.next_chunk, self.carry)?;
            (self.base, self.marks, self.carry, self.next_chunk) = (base, marks, carry, base + 8);
        }
    }
}

/// From the chunk of eight bytes at `at` on, the first one with bytes that may start a token:
/// '(' to 'Z' (digits and capitals among them) after a space or a non-ASCII byte (the end of
/// "§"; a control byte before one marks it too, harmlessly: no reference word ends with
/// one). Returns its start, its marks and the carry for the next chunk (`carry` is the mark
/// the byte before `at` gives the first byte).
fn next_marked_chunk(bytes: &[u8], at: usize, mut carry: u64) -> Option<(usize, u64, u64)> {
    let rest = bytes.get(at..).unwrap_or_default();
    let mut mark = |word: u64| {
        let precedes = scan::blank_or_non_ascii(word);
        let marks = scan::ascii_range(word, b'(', b'Z') & ((precedes << 8) | carry);
        carry = (precedes >> 63) << 7;
        marks
    };
    let mut chunks = rest.chunks_exact(8);
    for (index, chunk) in chunks.by_ref().enumerate() {
        let marks = mark(scan::word(chunk));
        if marks != 0 {
            return Some((at + 8 * index, marks, carry));
        }
    }
    let tail = chunks.remainder();
    let marks = mark(scan::padded_word_at(tail, 0, b' '));
    (!tail.is_empty() && marks != 0).then(|| (bytes.len() - tail.len(), marks, carry))
}

/// The first bytes of [`REFERENCE_WORDS`] ("§" starts with 0xC2).
static STARTS_REFERENCE_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut index = 0;
    while index < REFERENCE_WORDS.len() {
        table[REFERENCE_WORDS[index].0.as_bytes()[0] as usize] = true;
        index += 1;
    }
    table
};

/// The reference word right before `token` (a byte marked by [`ReferenceWords`]) if the token
/// can start a reference ("Party" cannot) and the word stands alone.
fn reference_word_before(bytes: &[u8], token: usize) -> Option<(usize, usize, usize)> {
    let may_start_token = match bytes[token] {
        b'0'..=b'9' | b'(' => true,
        b'A'..=b'Z' => !bytes.get(token + 1).is_some_and(u8::is_ascii_lowercase),
        _ => false,
    };
    if !may_start_token {
        return None;
    }
    let end = token - usize::from(bytes[token - 1] == b' ');
    // Reference words are letters, "-", the bytes of "§" and a final ".".
    let letters_end = end - usize::from(end > 0 && bytes[end - 1] == b'.');
    let in_reference_word = |b: &u8| b.is_ascii_alphabetic() || matches!(b, b'-' | 0xA7 | 0xC2);
    let start = bytes[..letters_end].iter().rposition(|b| !in_reference_word(b)).map_or(0, |at| at + 1);
    let joins = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-' || *b >= 0x80;
    if start.checked_sub(1).is_some_and(|at| joins(&bytes[at])) {
        return None;
    }
    let word = &bytes[start..end];
    if !word.first().is_some_and(|&b| STARTS_REFERENCE_WORD[b as usize]) {
        return None;
    }
    let index = REFERENCE_WORDS.binary_search_by(|(candidate, _)| candidate.as_bytes().cmp(word)).ok()?;
    Some((start, end, index))
}

/// Appends the clause's references to other clauses (a heading refers to nothing).
pub(super) fn cross_references_in(clause: &Clause, found: &mut Vec<CrossReference>) {
    if clause.kind == ClauseKind::Heading {
        return;
    }
    for sentence in clause.sentences.iter() {
        references_in(sentence, &clause.reference, found);
    }
}

fn references_in(sentence: &Sentence, from: &str, found: &mut Vec<CrossReference>) {
    let text = sentence.text.as_str();
    let mut next = 0;
    let mut tokens = Vec::new();
    for (i, word_end, pattern) in reference_words(text) {
        if i < next || !is_followed_as_reference(text, i, word_end) {
            continue;
        }
        let (_, written) = REFERENCE_WORDS[pattern];
        let mut at = word_end + (text[word_end..].len() - text[word_end..].trim_start().len());
        let Some(first) = reference_token(&text[at..], written) else { continue };
        tokens.clear();
        tokens.push((at, at + first));
        at += first;
        while let Some((start, len)) = next_listed_token(text, at, written) {
            tokens.push((start, start + len));
            at = start + len;
        }
        if !is_external(&text[at..]) {
            let article = if written == "para. " { of_article(&text[at..]) } else { None };
            record(sentence, from, (written, article.map(|(a, _)| a)), &tokens, i, found);
            at += article.map_or(0, |(_, consumed)| consumed);
        }
        next = at;
    }
}

/// A reference word (found where no word continues into it) is followed by a space or, for
/// "§", directly by its number.
fn is_followed_as_reference(text: &str, start: usize, end: usize) -> bool {
    match text.as_bytes().get(end) {
        Some(b' ') => true,
        Some(b) if b.is_ascii_digit() => text[start..end].starts_with('§'),
        _ => false,
    }
}

/// One cross-reference per token; the first one's span starts at the reference word.
/// `article` is set for "paragraph 1 of Article 2", read as "Art. 2(1)".
fn record(sentence: &Sentence, from: &str, (written, article): (&str, Option<&str>), tokens: &[(usize, usize)], start: usize, found: &mut Vec<CrossReference>) {
    for (index, &(s, e)) in tokens.iter().enumerate() {
        let token = &sentence.text[s..e];
        let to = match article {
            Some(article) => ["Art. ", article, "(", token.trim_matches(['(', ')']), ")"].concat(),
            None => [written, token].concat(),
        };
        let span_start = if index == 0 { start } else { s };
        found.push(CrossReference { from: from.to_string(), to, span: sentence.original_span(span_start, e) });
    }
}

/// Length of a reference token: "7", "11(1)", "3.2", "2(1)(a)", "(b)", "IV", "B".
fn reference_token(rest: &str, written: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut len = if bytes.first().is_some_and(u8::is_ascii_digit) {
        number_len(bytes)
    } else if bytes.first() == Some(&b'(') {
        0
    } else {
        let capitals = bytes.iter().take_while(|b| b.is_ascii_uppercase()).count();
        let word_ends = !bytes.get(capitals).is_some_and(u8::is_ascii_alphanumeric);
        let allowed = matches!(written, "Annex " | "Chapter " | "Art. " | "Schedule ");
        if capitals == 0 || !word_ends || !allowed || capitals > 4 {
            return None;
        }
        capitals
    };
    len += parenthesised_suffix(&rest[len..]);
    (len > 0).then_some(len)
}

/// Length of "7", "3.2", "5a" at the start of `bytes` (a final full stop is not part of it).
fn number_len(bytes: &[u8]) -> usize {
    let mut len = bytes.iter().take_while(|b| b.is_ascii_digit() || **b == b'.').count();
    while len > 0 && bytes[len - 1] == b'.' {
        len -= 1;
    }
    let letter_suffix = bytes.get(len).is_some_and(u8::is_ascii_alphabetic)
        && !bytes.get(len + 1).is_some_and(u8::is_ascii_alphanumeric);
    len + usize::from(letter_suffix)
}

/// Length of "(1)(a)(iv)" at the start of `rest`.
fn parenthesised_suffix(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let mut len = 0;
    while bytes.get(len) == Some(&b'(') {
        let inner = bytes[len + 1..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if inner == 0 || inner > 4 || bytes.get(len + 1 + inner) != Some(&b')') {
            break;
        }
        len += inner + 2;
    }
    len
}

/// A further token of a list or range: ", 8", " and 9", " or (c)", " to 15".
fn next_listed_token(text: &str, at: usize, written: &str) -> Option<(usize, usize)> {
    let rest = &text[at..];
    let joiner = [", and ", ", or ", " and ", " or ", " to ", ", "].iter().find(|j| rest.starts_with(*j))?;
    let start = at + joiner.len();
    let len = reference_token(&text[start..], written)?;
    Some((start, len))
}

/// "of the Convention", "of title 44", "TFEU", "thereof", "of Regulation (EU) 2016/679":
/// the reference points into another instrument.
fn is_external(after: &str) -> bool {
    let after = after.trim_start();
    if after.starts_with("TFEU") || after.starts_with("TEU") || after.starts_with("thereof") || after.starts_with("U.S.C") {
        return true;
    }
    match after.strip_prefix("of ") {
        Some(owner) => !(owner.starts_with("this") || owner.starts_with("these") || owner.starts_with("Article") || owner.starts_with("Section") || owner.starts_with("Annex")),
        None => false,
    }
}

/// "of Article 2" after "paragraph 1": the article number, to read the reference as "Art. 2(1)",
/// and the length of text it takes.
fn of_article(after: &str) -> Option<(&str, usize)> {
    let rest = after.trim_start().strip_prefix("of Article ")?;
    let len = reference_token(rest, "Art. ")?;
    let consumed = after.len() - rest.len() + len;
    (!is_external(&rest[len..])).then_some((&rest[..len], consumed))
}

#[cfg(test)]
mod tests {
    use crate::document::Document;

    fn definitions(text: &str) -> Vec<String> {
        Document::parse(text).definitions.into_iter().map(|d| d.term).collect()
    }

    fn references(text: &str) -> Vec<String> {
        Document::parse(text).cross_references().into_iter().map(|r| r.to).collect()
    }

    #[test]
    fn defined_terms() {
        assert_eq!(definitions("“Personal data” means any information."), vec!["Personal data"]);
        assert_eq!(definitions("'Personal data' shall mean any information."), vec!["Personal data"]);
        assert_eq!(definitions("The term “agency” has the meaning given."), vec!["agency"]);
        assert_eq!(definitions("The term \"X\" means Y."), vec!["X"]);
        assert_eq!(
            definitions("The Government of A and the Government of B (hereinafter 'the Parties'),"),
            vec!["the Parties"]
        );
        assert_eq!(definitions("before the scope was settled under Clause 7 (\"Emergency Access\")."), vec!["Emergency Access"]);
        assert_eq!(definitions("(each a \"Party\" and together the \"Parties\")"), vec!["Party", "Parties"]);
        assert_eq!(definitions("The title is “Joint resolution disapproving”, the blank."), Vec::<String>::new());
        assert_eq!(definitions("The Participant's data and the Party's logs."), Vec::<String>::new());
    }

    #[test]
    fn definition_span_points_at_the_term() {
        let document = Document::parse("(a) “Personal Data” means information.");
        let span = document.definitions[0].span;
        assert_eq!(&document.source[span.start..span.end], "Personal Data");
        assert_eq!(document.definitions[0].clause, "(a)");
    }

    #[test]
    fn cross_references_are_normalised() {
        assert_eq!(references("Data shall be processed in accordance with Article 7."), vec!["Art. 7"]);
        assert_eq!(references("as set out in Article 11(1) and Section 3.2."), vec!["Art. 11(1)", "Sec. 3.2"]);
        assert_eq!(references("Under paragraph 2 and subsection (b), see § 1503(c)."), vec!["para. 2", "subsection (b)", "§ 1503(c)"]);
        assert_eq!(references("mentioned in paragraph 1 of Article 1 of this Protocol"), vec!["Art. 1(1)"]);
        assert_eq!(references("Clauses 5 to 12 apply, and Annex B."), vec!["Clause 5", "Clause 12", "Annex B"]);
    }

    #[test]
    fn references_to_other_instruments_are_left_out() {
        assert_eq!(references("without prejudice to Article 13 of the Convention."), Vec::<String>::new());
        assert_eq!(references("in section 3502 of title 44 and Article 346 TFEU."), Vec::<String>::new());
        assert_eq!(references("on Article 6 thereof."), Vec::<String>::new());
    }

    #[test]
    fn reference_words_are_sorted_for_the_search() {
        let words: Vec<&[u8]> = super::REFERENCE_WORDS.iter().map(|(word, _)| word.as_bytes()).collect();
        assert!(words.windows(2).all(|pair| pair[0] < pair[1]));
    }

    /// The reference words a scan of every position finds, leftmost-longest without overlaps,
    /// kept when they stand alone and are followed as [`super::reference_words`] requires.
    fn reference_words_scanned(text: &str) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let joins = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80;
        let (mut found, mut at) = (Vec::new(), 0);
        while at < bytes.len() {
            let longest = super::REFERENCE_WORDS.iter().enumerate()
                .filter(|(_, (word, _))| bytes[at..].starts_with(word.as_bytes()))
                .max_by_key(|(_, (word, _))| word.len());
            let Some((index, (word, _))) = longest else { at += 1; continue };
            let end = at + word.len();
            let token = end + usize::from(bytes.get(end) == Some(&b' '));
            let token_starts = match bytes.get(token) {
                Some(b'0'..=b'9') => token > end || word.starts_with('§'),
                Some(b'(') => token > end,
                Some(b'A'..=b'Z') => token > end && !bytes.get(token + 1).is_some_and(u8::is_ascii_lowercase),
                _ => false,
            };
            if (at == 0 || !joins(bytes[at - 1])) && token_starts {
                found.push((at, end, index));
            }
            at = end;
        }
        found
    }

    #[test]
    fn reference_words_are_those_a_full_scan_finds() {
        let pieces = ["Article", "Articles", "Art.", "§", "§§", "sub-paragraph", "paragraph", "para.", "paras.", " ", " ", "5", "(b)", "IV", "x", "-", ".", "Party", "é", "Annex", "B", "sections", "(", "\"", ","];
        let mut random = crate::testing::XorShift::default();
        for _ in 0..3000 {
            let text: String = (0..random.below(14)).map(|_| pieces[random.below(pieces.len())]).collect();
            let found: Vec<_> = super::reference_words(&text).filter(|&(start, end, _)| super::is_followed_as_reference(&text, start, end)).collect();
            assert_eq!(found, reference_words_scanned(&text), "{text:?}");
        }
    }

    #[test]
    fn reference_words_stand_alone_and_the_longest_is_read() {
        assert_eq!(references("Subsection 2, subsection (b), sub-paragraph 4, Articles 5 and 6."), vec!["subsection (b)", "subpara. 4", "Art. 5", "Art. 6"]);
        assert_eq!(references("non-Article 5, xSection 3, §§ 12, (§ 4)."), vec!["§ 12", "§ 4"]);
        assert_eq!(references("The Parties shall apply Art.Article 7 and §9."), vec!["Art. 7", "§ 9"]);
    }

    #[test]
    fn cross_reference_span_and_origin() {
        let document = Document::parse("1. Notwithstanding Article 6, the Party may use data.");
        let reference = &document.cross_references()[0];
        assert_eq!(reference.from, "Para 1");
        assert_eq!(&document.source[reference.span.start..reference.span.end], "Article 6");
    }
}
