//! Lines and what each one is on its own: blank, a unit heading ("Article 14 - Retention",
//! "§ 1501. Definitions", "ANNEX A"), an item ("(a) ..."), or text.

use super::numbering::{is_heading_text, parse_item, roman_value, ItemLine, Labels};
use crate::document::edit::Edit;
use crate::document::Span;
use std::sync::Arc;

/// Kinds of unit headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Article,
    Section,
    Clause,
    Annex,
    Schedule,
    Appendix,
    Chapter,
    Part,
    Title,
    Preamble,
}

impl UnitKind {
    /// How a reader abbreviates it in a reference.
    pub fn reference_word(self, symbol: bool) -> &'static str {
        match self {
            UnitKind::Article => "Art. ",
            UnitKind::Section if symbol => "§ ",
            UnitKind::Section => "Sec. ",
            UnitKind::Clause => "Clause ",
            UnitKind::Annex => "Annex ",
            UnitKind::Schedule => "Schedule ",
            UnitKind::Appendix => "Appendix ",
            UnitKind::Chapter => "Chapter ",
            UnitKind::Part => "Part ",
            UnitKind::Title => "Title ",
            UnitKind::Preamble => "Preamble",
        }
    }

    /// Chapters, parts and titles group articles; they name clauses only when no article does.
    pub fn is_outer(self) -> bool {
        matches!(self, UnitKind::Chapter | UnitKind::Part | UnitKind::Title)
    }
}

/// How a unit's number may be written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NumberRule {
    /// Digits (possibly dotted, possibly with a letter: "5a") or a Roman numeral.
    Required,
    /// As required, or a single capital letter, or nothing ("Annex", "Annex A").
    Optional,
    /// A Roman numeral ("Title I"); "TITLE:" lines are not titles of a statute.
    Roman,
    /// Nothing: "Preamble".
    None,
}

const KEYWORDS: &[(&str, UnitKind, NumberRule)] = &[
    ("Article", UnitKind::Article, NumberRule::Required),
    ("ARTICLE", UnitKind::Article, NumberRule::Required),
    ("Art.", UnitKind::Article, NumberRule::Required),
    ("ART.", UnitKind::Article, NumberRule::Required),
    ("Section", UnitKind::Section, NumberRule::Required),
    ("SECTION", UnitKind::Section, NumberRule::Required),
    ("Sec.", UnitKind::Section, NumberRule::Required),
    ("SEC.", UnitKind::Section, NumberRule::Required),
    ("§", UnitKind::Section, NumberRule::Required),
    ("Clause", UnitKind::Clause, NumberRule::Required),
    ("CLAUSE", UnitKind::Clause, NumberRule::Required),
    ("Annex", UnitKind::Annex, NumberRule::Optional),
    ("ANNEX", UnitKind::Annex, NumberRule::Optional),
    ("Schedule", UnitKind::Schedule, NumberRule::Optional),
    ("SCHEDULE", UnitKind::Schedule, NumberRule::Optional),
    ("Appendix", UnitKind::Appendix, NumberRule::Optional),
    ("APPENDIX", UnitKind::Appendix, NumberRule::Optional),
    ("Chapter", UnitKind::Chapter, NumberRule::Required),
    ("CHAPTER", UnitKind::Chapter, NumberRule::Required),
    ("Part", UnitKind::Part, NumberRule::Required),
    ("PART", UnitKind::Part, NumberRule::Required),
    ("Title", UnitKind::Title, NumberRule::Roman),
    ("TITLE", UnitKind::Title, NumberRule::Roman),
    ("Preamble", UnitKind::Preamble, NumberRule::None),
    ("PREAMBLE", UnitKind::Preamble, NumberRule::None),
];

/// A unit heading line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitLine {
    pub kind: UnitKind,
    /// Written with "§" rather than "Section".
    pub symbol: bool,
    /// Shared with the unit's context in the structure pass.
    pub number: Arc<str>,
    /// The heading's title ("Retention of data"), if on the same line.
    pub title: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    Unit(UnitLine),
    Item(ItemLine),
    /// `content` is where the text starts (after `#` for a Markdown heading).
    Text { content: usize, markdown_heading: bool },
}

/// A line with surrounding whitespace trimmed: `start..end` is its visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub kind: LineKind,
}

impl Line {
    fn shifted(self, delta: isize) -> Line {
        let by = |at: usize| (at as isize + delta) as usize;
        let kind = match self.kind {
            LineKind::Unit(unit) => LineKind::Unit(UnitLine { title: unit.title.map(|t| t.shifted(delta)), ..unit }),
            LineKind::Item(item) => LineKind::Item(ItemLine { content_start: by(item.content_start), ..item }),
            LineKind::Text { content, markdown_heading } => LineKind::Text { content: by(content), markdown_heading },
            LineKind::Blank => LineKind::Blank,
        };
        Line { start: by(self.start), end: by(self.end), kind }
    }

    pub fn text<'s>(&self, source: &'s str) -> &'s str {
        &source[self.start..self.end]
    }

    /// Where the line's text starts for a clause (after a Markdown `#`).
    pub fn content_start(&self) -> usize {
        match self.kind {
            LineKind::Text { content, .. } => content,
            _ => self.start,
        }
    }

    /// Whether the line, standing alone, reads as a heading: Markdown heading, capitals
    /// ("FINAL PROVISIONS"), or a short capitalised phrase without final punctuation.
    pub fn is_heading_candidate(&self, source: &str) -> bool {
        let text = &source[self.content_start()..self.end];
        matches!(self.kind, LineKind::Text { markdown_heading: true, .. })
            || is_all_caps(text)
            || (is_title_like(text, 8) && !has_provision_word(text))
    }
}

/// Splits `source` into lines (at `\n`, `\r\n` or a lone `\r`) and classifies each.
pub fn classify_lines(source: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(source.len() / 40 + 1);
    classify_lines_into(source, 0, usize::MAX, &mut lines);
    lines
}

/// The lines of `new`, an edited version of the text whose lines were `old`: the lines
/// before and after the edit are the old ones (moved by the change in length), only the
/// lines between are classified again. Lines are classified on their own, so the result is
/// what [`classify_lines`] gives.
pub fn reclassify_lines(mut old: Vec<Line>, new: &str, edit: &Edit) -> Vec<Line> {
    // The changed lines start after the last line break before the change and end at the
    // first line break after it.
    let from = new.as_bytes()[..edit.prefix].iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
    let suffix_start = new.len() - edit.suffix;
    let until = new.as_bytes()[suffix_start..].iter().position(|&b| b == b'\n').map(|at| suffix_start + at + 1);
    let kept_before = old.partition_point(|line| line.start < from);
    let kept_after = until.map_or(old.len(), |until| old.partition_point(|line| (line.start as isize) < until as isize - edit.delta()));
    let after: Vec<Line> = old.drain(kept_after..).map(|line| line.shifted(edit.delta())).collect();
    old.truncate(kept_before);
    classify_lines_into(new, from, until.unwrap_or(usize::MAX), &mut old);
    old.extend(after);
    old
}

/// Classifies the lines of `source` that start in `from..until` (`from` starts a line). A
/// line ends at `\n`, `\r\n` or a lone `\r`; a `\r` that ends the text ends the last line.
fn classify_lines_into(source: &str, from: usize, until: usize, lines: &mut Vec<Line>) {
    let bytes = source.as_bytes();
    let mut labels = Labels::default();
    let mut start = from;
    while start < until {
        let Some(end) = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map(|i| start + i) else {
            lines.push(classify(source, start, bytes.len(), &mut labels));
            return;
        };
        lines.push(classify(source, start, end, &mut labels));
        start = match (bytes[end], bytes.get(end + 1)) {
            (b'\r', None) => return,
            (b'\r', Some(b'\n')) => end + 2,
            _ => end + 1,
        };
    }
}

fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

fn classify(source: &str, line_start: usize, line_end: usize, labels: &mut Labels) -> Line {
    let raw = &source[line_start..line_end];
    let trimmed_start = raw.trim_start_matches(is_blank_char);
    let start = line_start + (raw.len() - trimmed_start.len());
    let end = start + trimmed_start.trim_end_matches(is_blank_char).len();
    let text = &source[start..end];
    let kind = if text.is_empty() {
        LineKind::Blank
    } else if let Some(kind) = markdown_heading(text, start) {
        kind
    } else if let Some(unit) = parse_unit(strip_emphasis(text), start + emphasis_len(text)) {
        LineKind::Unit(unit)
    } else if let Some(item) = parse_item(text, start, labels) {
        LineKind::Item(item)
    } else {
        LineKind::Text { content: start, markdown_heading: false }
    };
    Line { start, end, kind }
}

/// "## Article 5 - Retention" is a unit heading; "# Memorandum" a heading of text.
fn markdown_heading(text: &str, start: usize) -> Option<LineKind> {
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    let rest = &text[hashes..];
    if hashes == 0 || hashes > 6 || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let inner = rest.trim_start();
    let inner_start = start + text.len() - inner.len();
    if let Some(unit) = parse_unit(strip_emphasis(inner), inner_start + emphasis_len(inner)) {
        return Some(LineKind::Unit(unit));
    }
    Some(LineKind::Text { content: inner_start, markdown_heading: true })
}

fn emphasis_len(text: &str) -> usize {
    let markers = text.bytes().take_while(|&b| b == b'*' || b == b'_').count();
    if markers > 0 && markers <= 3 && text[markers..].starts_with(|c: char| c.is_alphanumeric() || c == '§') {
        markers
    } else {
        0
    }
}

/// "**Article 5**" reads as "Article 5**" for classification (the title trims the rest).
fn strip_emphasis(text: &str) -> &str {
    &text[emphasis_len(text)..]
}

/// Reads a unit heading at the start of `text` (starting at byte `base`).
pub fn parse_unit(text: &str, base: usize) -> Option<UnitLine> {
    let first = *text.as_bytes().first()?;
    if !matches!(first, b'A' | b'S' | b'C' | b'P' | b'T' | 0xC2) {
        return None;
    }
    let (keyword, kind, rule) = KEYWORDS.iter().find(|(k, _, _)| k.as_bytes()[0] == first && text.starts_with(k))?;
    let after = &text[keyword.len()..];
    let symbol = *keyword == "§";
    let spaced = after.starts_with(char::is_whitespace);
    if rule == &NumberRule::None {
        let boundary = after.is_empty() || spaced || after.starts_with(':');
        return boundary.then(|| UnitLine { kind: *kind, symbol, number: Arc::default(), title: None });
    }
    if !(spaced || after.is_empty() || (symbol && after.starts_with(|c: char| c.is_ascii_digit()))) {
        return None;
    }
    let number_text = after.trim_start();
    let number_len = unit_number_len(number_text, *rule);
    if number_len == 0 && *rule != NumberRule::Optional {
        return None;
    }
    let number = Arc::from(number_text[..number_len].trim_end_matches('.'));
    let rest_raw = &number_text[number_len..];
    let rest_start = base + (text.len() - rest_raw.len());
    let title = unit_title(rest_raw, rest_start, number_len > 0)?;
    Some(UnitLine { kind: *kind, symbol, number, title })
}

/// Length of a unit number at the start of `text` ("14", "3.2", "5a", "IV", "A").
fn unit_number_len(text: &str, rule: NumberRule) -> usize {
    let bytes = text.as_bytes();
    let word_end = |len: usize| bytes.get(len).is_none_or(|b| !b.is_ascii_alphanumeric());
    let roman_len = bytes.iter().take_while(|b| b"IVXLC".contains(b)).count();
    if roman_len > 0 && word_end(roman_len) && roman_value(&text[..roman_len]).is_some() {
        return roman_len;
    }
    if rule == NumberRule::Roman {
        return 0;
    }
    let mut len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if len > 0 {
        while bytes.get(len) == Some(&b'.') && bytes.get(len + 1).is_some_and(u8::is_ascii_digit) {
            len += 1 + bytes[len + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        }
        if bytes.get(len).is_some_and(u8::is_ascii_alphabetic) && word_end(len + 1) {
            len += 1;
        }
        return if word_end(len) { len } else { 0 };
    }
    let letter = rule == NumberRule::Optional && bytes.first().is_some_and(u8::is_ascii_uppercase) && word_end(1);
    usize::from(letter)
}

/// What follows a unit number decides whether the line is a heading: nothing, a separator
/// and a title ("- Retention", ". Definitions", ": Scope"), a parenthesis, or a capitalised
/// title; "Article 5 shall apply" is a sentence, not a heading (`None`).
fn unit_title(rest: &str, rest_start: usize, has_number: bool) -> Option<Option<Span>> {
    let trimmed = rest.trim_start();
    let spaced = trimmed.len() < rest.len();
    let offset = rest_start + (rest.len() - trimmed.len());
    if trimmed.is_empty() {
        return Some(None);
    }
    let first = trimmed.chars().next()?;
    let (title, title_start) = if matches!(first, '-' | '–' | '—' | ':' | '.') {
        let after = &trimmed[first.len_utf8()..];
        if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
            return None;
        }
        let title = after.trim_start();
        (title, offset + trimmed.len() - title.len())
    } else if (spaced || !has_number) && (first == '(' || first.is_uppercase()) {
        (trimmed, offset)
    } else {
        return None;
    };
    let reads_as_sentence = title.trim_end().ends_with('.') && !is_heading_text(title);
    if title.len() > 200 || has_provision_word(title) || reads_as_sentence || title.trim_end().ends_with([';', ',']) {
        return None;
    }
    let title = title.trim_end();
    Some((!title.is_empty()).then(|| Span::new(title_start, title_start + title.len())))
}

/// Verbs that make a line a provision, not a heading (one pass over the words).
fn has_provision_word(text: &str) -> bool {
    text.split_whitespace().any(|w| is_modal_word(w) || matches!(w, "applies" | "is" | "are"))
}

fn has_modal_word(text: &str) -> bool {
    text.split_whitespace().any(is_modal_word)
}

fn is_modal_word(word: &str) -> bool {
    matches!(word, "shall" | "may" | "must" | "will" | "should" | "means")
}

/// Capitals only ("FINAL PROVISIONS", "MEMORANDUM OF UNDERSTANDING"): at least two letters
/// in a row and no lower-case letter.
pub fn is_all_caps(text: &str) -> bool {
    let mut run = 0;
    let mut longest = 0;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        run = if c.is_alphabetic() { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest >= 2 && text.len() <= 300
}

/// A capitalised phrase of at most `max_words` words without final punctuation, quotes or
/// verbs of obligation: a heading when it stands on its own line ("Supervisory authorities").
pub fn is_title_like(text: &str, max_words: usize) -> bool {
    if text.len() > 210 {
        return false;
    }
    let text = text.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let starts_capital = text.chars().next().is_some_and(char::is_uppercase);
    starts_capital
        && text.len() <= 200
        && !text.ends_with(['.', ';', ':', ',', '!', '?'])
        && text.split_whitespace().count() <= max_words
        && !text.ends_with(['.', ';', ':', ',', '!', '?'])
        && !text.contains(['"', '“', '”'])
        && !has_modal_word(text)
}

/// The start of a closing formula or signature block: "Done at ...", "Signed in duplicate",
/// "IN WITNESS WHEREOF", or (on a line of its own) "For the Government of ...".
pub fn is_closing_start(text: &str, single_line: bool) -> bool {
    const FORMULAS: &[&str] = &[
        "done at ", "done in ", "done on ", "done this ", "signed at ", "signed in ", "signed on ",
        "signed by ", "in witness whereof", "in faith whereof", "in testimony whereof",
    ];
    // A capital, and one that starts a formula (the bytes are compared first).
    let starts_capital = matches!(text.as_bytes().first(), Some(b'D' | b'S' | b'I'));
    let formula = starts_capital
        && FORMULAS.iter().any(|f| text.len() >= f.len() && text.as_bytes()[..f.len()].eq_ignore_ascii_case(f.as_bytes()));
    formula || (single_line && is_signatory_line(text))
}

/// "For the Government of the Republic of X", "On behalf of Y": a short line without final
/// punctuation naming a signatory ("For the purposes of ..." is not one).
fn is_signatory_line(text: &str) -> bool {
    let rest = ["For the ", "FOR THE ", "For ", "On behalf of the ", "On behalf of ", "ON BEHALF OF "]
        .iter()
        .find_map(|p| text.strip_prefix(p));
    let Some(rest) = rest else { return false };
    rest.starts_with(char::is_uppercase)
        && !text.ends_with(['.', ';', ':', ','])
        && text.split_whitespace().count() <= 20
        && !text.to_ascii_lowercase().contains("purpose")
}

/// First words of recitals, the aspirational paragraphs of a preamble.
const RECITAL_WORDS: &[&str] = &[
    "recognising", "recognizing", "desiring", "desirous", "considering", "whereas", "noting",
    "convinced", "conscious", "mindful", "affirming", "reaffirming", "determined", "resolved",
    "wishing", "aware", "seeking", "having", "bearing", "acknowledging", "emphasising",
    "emphasizing", "taking", "acting", "believing", "welcoming", "stressing", "hoping", "inspired",
    "guided", "intending", "realising", "realizing", "underlining", "recalling", "concerned",
    "persuaded", "reiterating", "confirming", "expressing",
];

pub fn is_recital(text: &str) -> bool {
    let first = text.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    RECITAL_WORDS.iter().any(|w| w.eq_ignore_ascii_case(first))
}

/// The draft's title: its first line if that reads as a title (not a numbered paragraph, an
/// article heading or a sentence), with the following lines if all are capitals
/// ("MEMORANDUM OF UNDERSTANDING / BETWEEN ... / CONCERNING ...").
pub fn title(source: &str) -> Option<String> {
    let lines = source.lines().map(str::trim).skip_while(|l| l.trim_matches(is_blank_char).is_empty());
    let mut parts: Vec<&str> = Vec::new();
    for line in lines.take(8) {
        let line = line.trim_matches(is_blank_char).trim_start_matches(['#', ' ']);
        if line.is_empty() {
            break;
        }
        let first = parts.is_empty();
        if first && (parse_unit(line, 0).is_some() || parse_item(line, 0, &mut Labels::default()).is_some()) {
            return None;
        }
        if !first && (!is_all_caps(parts[0]) || !is_all_caps(line)) {
            break;
        }
        parts.push(line);
    }
    let title = parts.join(" ");
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let reads_as_title = title.starts_with(char::is_uppercase) && title.len() <= 400 && !title.ends_with(['.', ';', ':', ',']);
    reads_as_title.then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(text: &str) -> Option<(UnitKind, String, Option<String>)> {
        parse_unit(text, 0).map(|u| (u.kind, u.number.to_string(), u.title.map(|s| text[s.start..s.end].to_string())))
    }

    #[test]
    fn unit_headings() {
        assert_eq!(unit("Article 14"), Some((UnitKind::Article, "14".into(), None)));
        assert_eq!(unit("ARTICLE 5 - RETENTION"), Some((UnitKind::Article, "5".into(), Some("RETENTION".into()))));
        assert_eq!(unit("Art. 5 Retention of data"), Some((UnitKind::Article, "5".into(), Some("Retention of data".into()))));
        assert_eq!(unit("Article 10 — Computer security"), Some((UnitKind::Article, "10".into(), Some("Computer security".into()))));
        assert_eq!(unit("Section 3.2 Storage"), Some((UnitKind::Section, "3.2".into(), Some("Storage".into()))));
        assert_eq!(unit("Section 1. Definitions"), Some((UnitKind::Section, "1".into(), Some("Definitions".into()))));
        assert_eq!(unit("§ 1501. Definitions"), Some((UnitKind::Section, "1501".into(), Some("Definitions".into()))));
        assert_eq!(unit("§2523"), Some((UnitKind::Section, "2523".into(), None)));
        assert_eq!(unit("Clause 4.2"), Some((UnitKind::Clause, "4.2".into(), None)));
        assert_eq!(unit("Chapter II"), Some((UnitKind::Chapter, "II".into(), None)));
        assert_eq!(unit("CHAPTER I - GENERAL PROVISIONS"), Some((UnitKind::Chapter, "I".into(), Some("GENERAL PROVISIONS".into()))));
        assert_eq!(unit("Part 3"), Some((UnitKind::Part, "3".into(), None)));
        assert_eq!(unit("Annex"), Some((UnitKind::Annex, "".into(), None)));
        assert_eq!(unit("ANNEX A - SHARING"), Some((UnitKind::Annex, "A".into(), Some("SHARING".into()))));
        assert_eq!(unit("Schedule 2"), Some((UnitKind::Schedule, "2".into(), None)));
        assert_eq!(unit("Article 5a"), Some((UnitKind::Article, "5a".into(), None)));
        assert_eq!(unit("ARTICLE 2 (extract: paragraphs 11-14)"), Some((UnitKind::Article, "2".into(), Some("(extract: paragraphs 11-14)".into()))));
    }

    #[test]
    fn sentences_starting_with_a_keyword_are_not_headings() {
        for text in ["Article 5 shall apply.", "Article 3 of the Convention", "Section 2 applies to", "Annex A contains the list", "TITLE: Something", "Articles 5 to 15", "Article 2(1) applies", "Part of the data"] {
            assert_eq!(unit(text), None, "{text}");
        }
    }

    #[test]
    fn lines_are_split_at_any_line_break() {
        let lines = classify_lines("a\r\nb\rc\n\n  (a) x");
        let kinds: Vec<_> = lines.iter().map(|l| matches!(l.kind, LineKind::Blank)).collect();
        assert_eq!(kinds, vec![false, false, false, true, false]);
        assert!(matches!(lines[4].kind, LineKind::Item(_)));
        assert_eq!(lines[4].start, 10);
    }

    /// Line ends in every combination, the text's end included: the bounds of each line are
    /// those of a reading that cuts at `\n` and then at each `\r` not ending its piece.
    #[test]
    fn line_bounds_for_any_mix_of_line_breaks() {
        let pieces = ["a", " ", "\n", "\r", "\r\n", "é", "(1) x"];
        let mut random = crate::testing::XorShift::default();
        for _ in 0..500 {
            let text: String = (0..random.below(12)).map(|_| pieces[random.below(pieces.len())]).collect();
            let mut expected = Vec::new();
            let mut start = 0;
            for piece in text.split('\n') {
                let content = piece.strip_suffix('\r').unwrap_or(piece);
                for part in content.split('\r') {
                    expected.push(start..start + part.len());
                    start += part.len() + 1;
                }
                start += piece.len() - content.len();
            }
            let found: Vec<_> = classify_lines(&text).iter().map(|l| l.start..l.end).collect();
            let trimmed: Vec<_> = expected.iter().map(|r| {
                let raw = &text[r.clone()];
                let lead = raw.len() - raw.trim_start_matches(is_blank_char).len();
                let start = r.start + lead;
                start..start + text[start..r.end].trim_end_matches(is_blank_char).len()
            }).collect();
            assert_eq!(found, trimmed, "{text:?}");
        }
    }

    #[test]
    fn closing_formulas() {
        assert!(is_closing_start("Done at Strasbourg, this 8th day", false));
        assert!(is_closing_start("IN WITNESS WHEREOF the undersigned", false));
        assert!(is_closing_start("Signed in duplicate in the English language.", false));
        assert!(is_closing_start("For the Government of the Republic of Corvania", true));
        assert!(!is_closing_start("For the purposes of this Memorandum:", true));
        assert!(!is_closing_start("done at the request", false));
    }

    #[test]
    fn titles() {
        assert_eq!(
            title("\nMEMORANDUM OF UNDERSTANDING\nBETWEEN A\nAND B\n\nThe Participants"),
            Some("MEMORANDUM OF UNDERSTANDING BETWEEN A AND B".into())
        );
        assert_eq!(title("Data Sharing Agreement\nBetween x"), Some("Data Sharing Agreement".into()));
        assert_eq!(title("§ 1501. Definitions"), None);
        assert_eq!(title("The Parties shall delete data."), None);
        assert_eq!(title("   \n  "), None);
    }
}
