//! Defined terms and cross-references, read from the normalised sentences.
//!
//! Definitions: a quoted term followed by "means", "shall mean", "has the meaning",
//! "includes", "refers to"; or quoted inside a parenthesis or after "hereinafter"
//! ("(hereinafter 'the Parties')", "(the "Convention")"). Cross-references: "Article 7",
//! "Art. 11(1)", "Section 3.2", "§ 1503(c)", "paragraph 2", "subsection (b)", "Clause 9.2",
//! "Annex B", "paragraph 1 of Article 2" (read as "Art. 2(1)"); references to other
//! instruments ("Article 13 of the Convention", "section 3502 of title 44") are left out.

use super::{Clause, ClauseKind, CrossReference, Definition, Sentence};
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Input, MatchKind};
use std::sync::OnceLock;

/// Appends the terms the clause defines.
pub(super) fn definitions_in(clause: &Clause, found: &mut Vec<Definition>) {
    for sentence in &clause.sentences {
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

/// Words that introduce a reference, and how a reference writes them.
const REFERENCE_WORDS: &[(&str, &str)] = &[
    ("Articles", "Art. "), ("Article", "Art. "), ("Arts.", "Art. "), ("Art.", "Art. "),
    ("Sections", "Sec. "), ("Section", "Sec. "), ("sections", "Sec. "), ("section", "Sec. "),
    ("Sec.", "Sec. "), ("§§", "§ "), ("§", "§ "),
    ("subparagraphs", "subpara. "), ("subparagraph", "subpara. "), ("sub-paragraph", "subpara. "),
    ("paragraphs", "para. "), ("paragraph", "para. "), ("Paragraph", "para. "), ("paras.", "para. "),
    ("para.", "para. "), ("subsections", "subsection "), ("subsection", "subsection "),
    ("Clauses", "Clause "), ("Clause", "Clause "), ("clauses", "Clause "), ("clause", "Clause "),
    ("points", "point "), ("point", "point "), ("Annexes", "Annex "), ("Annex", "Annex "),
    ("Schedule", "Schedule "), ("Chapters", "Chapter "), ("Chapter", "Chapter "),
];

/// One automaton for all reference words, built once: a sentence is scanned in one pass.
/// A DFA, not the `AhoCorasick` wrapper, whose choice of automaton at run time brings every
/// kind into the WebAssembly module (11 KB of its 300 KB budget).
fn reference_word_finder() -> &'static DFA {
    static FINDER: OnceLock<DFA> = OnceLock::new();
    FINDER.get_or_init(|| {
        DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(REFERENCE_WORDS.iter().map(|(word, _)| word))
            .expect("reference words form a valid automaton")
    })
}

/// Appends the clause's references to other clauses (a heading refers to nothing).
pub(super) fn cross_references_in(clause: &Clause, found: &mut Vec<CrossReference>) {
    if clause.kind == ClauseKind::Heading {
        return;
    }
    for sentence in &clause.sentences {
        references_in(sentence, &clause.reference, found);
    }
}

fn references_in(sentence: &Sentence, from: &str, found: &mut Vec<CrossReference>) {
    let text = sentence.text.as_str();
    let mut next = 0;
    for hit in reference_word_finder().try_find_iter(Input::new(text)).expect("an unanchored DFA searches any unanchored input") {
        let (i, word_end) = (hit.start(), hit.end());
        if i < next || !is_reference_word_boundary(text, i, word_end) {
            continue;
        }
        let (_, written) = REFERENCE_WORDS[hit.pattern().as_usize()];
        let mut at = word_end + (text[word_end..].len() - text[word_end..].trim_start().len());
        let Some(first) = reference_token(&text[at..], written) else { continue };
        let mut tokens = vec![(at, at + first)];
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

/// A reference word stands alone: not inside a word before it, and followed by a space (or,
/// for "§", directly by its number).
fn is_reference_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let before_ok = start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'-' || bytes[start - 1] >= 0x80);
    let after_ok = match bytes.get(end) {
        Some(b' ') => true,
        Some(b) if b.is_ascii_digit() => text[start..end].starts_with('§'),
        _ => false,
    };
    before_ok && after_ok
}

/// One cross-reference per token; the first one's span starts at the reference word.
/// `article` is set for "paragraph 1 of Article 2", read as "Art. 2(1)".
fn record(sentence: &Sentence, from: &str, (written, article): (&str, Option<&str>), tokens: &[(usize, usize)], start: usize, found: &mut Vec<CrossReference>) {
    for (index, &(s, e)) in tokens.iter().enumerate() {
        let token = &sentence.text[s..e];
        let to = match article {
            Some(article) => format!("Art. {article}({})", token.trim_matches(['(', ')'])),
            None => format!("{written}{token}"),
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
        Document::parse(text).cross_references.into_iter().map(|r| r.to).collect()
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
    fn cross_reference_span_and_origin() {
        let document = Document::parse("1. Notwithstanding Article 6, the Party may use data.");
        let reference = &document.cross_references[0];
        assert_eq!(reference.from, "Para 1");
        assert_eq!(&document.source[reference.span.start..reference.span.end], "Article 6");
    }
}
