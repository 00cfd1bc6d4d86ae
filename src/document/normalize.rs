//! Matching text with a way back to the original.
//!
//! Rules match against a normalised form of each sentence, so that "shall not", "shall\u{a0}not",
//! "shall\u{200b} not" and "shall\nnot" all read the same, and so that hidden characters cannot
//! hide a word from the checker. Every byte of the normalised text remembers where it came
//! from in the original, so findings point at what the reader sees.
//!
//! Most agreement text is ASCII: runs of ordinary ASCII are copied in one go, and only
//! non-ASCII characters go through the Unicode tables.

use super::{HiddenCharacter, Span};
use super::compat;
use super::origin::OriginMap;
use super::scan;

/// Normalised text plus, for each of its bytes, the byte offset in the original it came from
/// (and for the offset one past its end: where the normalised text's last character ends).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    pub origin: OriginMap,
}

impl Normalized {
    /// The original byte range that produced normalised bytes `[start, end)`: from the
    /// first contributing character to the end of the last one.
    pub fn original_span(&self, source: &str, start: usize, end: usize) -> Span {
        if start >= end || end > self.text.len() {
            let at = if start <= self.text.len() { self.origin.get(start) } else { 0 };
            return Span::new(at, at);
        }
        Span::new(self.origin.get(start), unit_end(source, self.origin.get(end - 1)))
    }
}

/// Normalises `source[span]` for matching: NFKC as far as matching needs it (`compat.rs`); curly quotes to `'` and `"`; dashes and
/// minus to `-`; any run of whitespace (line breaks, no-break and thin spaces included) to one
/// space, none at either end; soft hyphens and invisible characters removed; words hyphenated
/// across a line break joined; Markdown emphasis markers (`*`, `_`, `` ` ``) around words
/// removed. Case is kept. The span is clamped to the source and to character boundaries.
pub fn normalize(source: &str, span: Span) -> Normalized {
    let start = floor_boundary(source, span.start);
    let end = floor_boundary(source, span.end.max(start));
    let mut normalizer = Normalizer::new(source, start, end);
    normalizer.run();
    normalizer.finish()
}

/// `source[span]` itself when [`normalize`] would return it unchanged: plain ASCII, single
/// spaces between words, nothing at either end to trim. Spares a short text (a heading) the
/// copy that normalising makes.
pub fn unchanged(source: &str, span: Span) -> Option<&str> {
    let bytes = source.as_bytes().get(..span.end)?;
    let starts_plain = bytes.get(span.start).is_some_and(|&b| is_plain_ascii(b));
    (starts_plain && plain_run_end(bytes, span.start) == span.end).then(|| &source[span.start..span.end])
}

/// Every invisible character of the text (see [`hidden_character_name`]), with its span. A BOM
/// at the very start is a file signature, not hidden text, and is not reported.
pub fn hidden_characters(source: &str) -> Vec<HiddenCharacter> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut at = next_non_ascii(bytes, 0);
    while at < bytes.len() {
        let c = source[at..].chars().next().unwrap_or(' ');
        let leading_bom = at == 0 && c == '\u{feff}';
        if let Some(name) = hidden_character_name(c).filter(|_| !leading_bom) {
            found.push(HiddenCharacter {
                code_point: format!("U+{:04X}", c as u32),
                name,
                span: Span::new(at, at + c.len_utf8()),
            });
        }
        at = next_non_ascii(bytes, at + c.len_utf8());
    }
    found
}

/// The first byte at or after `from` that is not ASCII (or the length), sixteen bytes at a
/// time, then eight, then one.
pub(super) fn next_non_ascii(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(pair) = bytes.get(at..at + 16) {
        if (scan::word(pair) | scan::word(&pair[8..])) & scan::splat(0x80) != 0 {
            break;
        }
        at += 16;
    }
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = scan::word(chunk);
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        at += 8;
    }
    while at < bytes.len() && bytes[at] < 0x80 {
        at += 1;
    }
    at
}

/// True for the characters [`hidden_character_name`] names; cheap, for the hot path.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{180E}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

/// The Unicode name of a character that renders as nothing but changes what a text says or
/// how it is read: zero-width characters, bidirectional controls, invisible operators and
/// tag characters (which can smuggle whole words). `None` for every other character.
pub fn hidden_character_name(c: char) -> Option<String> {
    let name = match c {
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{E0001}' => "LANGUAGE TAG",
        '\u{E007F}' => "CANCEL TAG",
        '\u{E0020}'..='\u{E007E}' => return Some(tag_character_name(c)),
        _ => return None,
    };
    Some(name.to_string())
}

/// Names of the tag characters U+E0020..U+E007E, which mirror printable ASCII.
fn tag_character_name(c: char) -> String {
    const DIGITS: [&str; 10] =
        ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"];
    const PUNCTUATION: &[(char, &str)] = &[
        (' ', "SPACE"), ('!', "EXCLAMATION MARK"), ('"', "QUOTATION MARK"), ('#', "NUMBER SIGN"),
        ('$', "DOLLAR SIGN"), ('%', "PERCENT SIGN"), ('&', "AMPERSAND"), ('\'', "APOSTROPHE"),
        ('(', "LEFT PARENTHESIS"), (')', "RIGHT PARENTHESIS"), ('*', "ASTERISK"),
        ('+', "PLUS SIGN"), (',', "COMMA"), ('-', "HYPHEN-MINUS"), ('.', "FULL STOP"),
        ('/', "SOLIDUS"), (':', "COLON"), (';', "SEMICOLON"), ('<', "LESS-THAN SIGN"),
        ('=', "EQUALS SIGN"), ('>', "GREATER-THAN SIGN"), ('?', "QUESTION MARK"),
        ('@', "COMMERCIAL AT"), ('[', "LEFT SQUARE BRACKET"), ('\\', "REVERSE SOLIDUS"),
        (']', "RIGHT SQUARE BRACKET"), ('^', "CIRCUMFLEX ACCENT"), ('_', "LOW LINE"),
        ('`', "GRAVE ACCENT"), ('{', "LEFT CURLY BRACKET"), ('|', "VERTICAL LINE"),
        ('}', "RIGHT CURLY BRACKET"), ('~', "TILDE"),
    ];
    let ascii = char::from_u32(c as u32 - 0xE0000).unwrap_or(' ');
    let what = match ascii {
        'A'..='Z' => format!("LATIN CAPITAL LETTER {ascii}"),
        'a'..='z' => format!("LATIN SMALL LETTER {}", ascii.to_ascii_uppercase()),
        '0'..='9' => format!("DIGIT {}", DIGITS[(ascii as u8 - b'0') as usize]),
        _ => PUNCTUATION
            .iter()
            .find(|(p, _)| *p == ascii)
            .map_or_else(|| "CHARACTER".to_string(), |(_, name)| name.to_string()),
    };
    format!("TAG {what}")
}

/// Where the original character (with any combining marks after it) starting at `at` ends.
pub(crate) fn unit_end(source: &str, at: usize) -> usize {
    let Some(first) = source.get(at..).and_then(|rest| rest.chars().next()) else {
        return at.min(source.len());
    };
    let mut end = at + first.len_utf8();
    for c in source[end..].chars() {
        if !compat::is_combining_mark(c) {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// The largest character boundary at or below `at`.
pub(crate) fn floor_boundary(source: &str, at: usize) -> usize {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// What a hyphen at the end of a line means for the next line's first word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hyphen {
    None,
    /// A visible hyphen right after a letter: "reten-" + "tion".
    Hard,
    /// A soft hyphen was dropped right after a letter.
    Soft,
}

struct Normalizer<'a> {
    source: &'a str,
    bytes: &'a [u8],
    position: usize,
    end: usize,
    text: String,
    origin: OriginMap,
    /// Where the whitespace owed before the next character started.
    pending_space: Option<usize>,
    hyphen: Hyphen,
    /// Where the last output character's source unit ends.
    last_end: usize,
}

impl<'a> Normalizer<'a> {
    fn new(source: &'a str, start: usize, end: usize) -> Self {
        let capacity = end - start;
        Normalizer {
            source,
            bytes: source.as_bytes(),
            position: start,
            end,
            text: String::with_capacity(capacity),
            origin: OriginMap::starting_at(start),
            pending_space: None,
            hyphen: Hyphen::None,
            last_end: start,
        }
    }

    fn run(&mut self) {
        while self.position < self.end {
            let b = self.bytes[self.position];
            if is_plain_ascii(b) {
                self.copy_ascii_run();
            } else if b.is_ascii_whitespace() {
                self.whitespace_run();
            } else if matches!(b, b'*' | b'_' | b'`') {
                self.emphasis_run();
            } else if b < 0x80 {
                // Control characters: dropped.
                self.position += 1;
            } else {
                self.non_ascii();
            }
        }
    }

    fn finish(mut self) -> Normalized {
        self.origin.map(self.text.len(), self.last_end);
        Normalized { text: self.text, origin: self.origin }
    }

    fn flush_space(&mut self) {
        if let Some(at) = self.pending_space.take() {
            if !self.text.is_empty() {
                self.origin.map(self.text.len(), at);
                self.text.push(' ');
            }
        }
    }

    /// Copies a run of plain ASCII, single spaces between words included (they need no
    /// change), in one go.
    fn copy_ascii_run(&mut self) {
        let start = self.position;
        let end = plain_run_end(&self.bytes[..self.end], start);
        self.flush_space();
        self.origin.map(self.text.len(), start);
        self.text.push_str(&self.source[start..end]);
        let hyphen_after_letter =
            end - start >= 2 && self.bytes[end - 1] == b'-' && self.bytes[end - 2].is_ascii_alphabetic();
        self.hyphen = if hyphen_after_letter { Hyphen::Hard } else { Hyphen::None };
        self.last_end = end;
        self.position = end;
    }

    /// A run of whitespace (ASCII or Unicode, with invisible characters mixed in) becomes one
    /// space, or nothing when it breaks a hyphenated word across lines.
    fn whitespace_run(&mut self) {
        let start = self.position;
        let mut line_break = false;
        while self.position < self.end {
            let b = self.bytes[self.position];
            if b.is_ascii_whitespace() {
                line_break |= b == b'\n' || b == b'\r';
                self.position += 1;
                continue;
            }
            if b < 0x80 {
                break;
            }
            let c = self.char_at(self.position);
            if c.is_whitespace() || is_hidden(c) || c == '\u{ad}' {
                line_break |= matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}');
                self.position += c.len_utf8();
            } else {
                break;
            }
        }
        if line_break && self.joins_hyphenated_word() {
            return;
        }
        self.hyphen = Hyphen::None;
        if self.pending_space.is_none() {
            self.pending_space = Some(start);
        }
    }

    /// After a line break: "reten-" + "tion" joins as "retention"; "non-" + "Federal" keeps
    /// its hyphen ("non-Federal") but loses the break.
    fn joins_hyphenated_word(&mut self) -> bool {
        if self.hyphen == Hyphen::None || self.pending_space.is_some() || self.position >= self.end {
            return false;
        }
        let next = self.char_at(self.position);
        if next.is_lowercase() {
            if self.hyphen == Hyphen::Hard {
                self.text.pop();
                self.origin.truncate(self.text.len());
            }
            self.hyphen = Hyphen::None;
            return true;
        }
        if self.hyphen == Hyphen::Hard && next.is_alphanumeric() {
            self.hyphen = Hyphen::None;
            return true;
        }
        false
    }

    /// `*`, `_` and `` ` `` runs are Markdown emphasis unless they stand inside a word
    /// ("snake_case", "a*b"), where they are kept.
    fn emphasis_run(&mut self) {
        let start = self.position;
        let mut end = start;
        while end < self.end && matches!(self.bytes[end], b'*' | b'_' | b'`') {
            end += 1;
        }
        self.position = end;
        let before = self.source[..start].chars().next_back();
        let after = self.source[end..].chars().next();
        let inside_word = before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
        if inside_word {
            self.flush_space();
            self.origin.map(self.text.len(), start);
            self.text.push_str(&self.source[start..end]);
            self.last_end = end;
            self.hyphen = Hyphen::None;
        }
    }

    fn char_at(&self, at: usize) -> char {
        self.source[at..].chars().next().unwrap_or(' ')
    }

    fn non_ascii(&mut self) {
        let at = self.position;
        let c = self.char_at(at);
        if c.is_whitespace() {
            self.whitespace_run();
            return;
        }
        if c == '\u{ad}' {
            self.position += c.len_utf8();
            let after_letter = self.text.chars().next_back().is_some_and(char::is_alphabetic);
            self.hyphen = if after_letter && self.pending_space.is_none() { Hyphen::Soft } else { self.hyphen };
            return;
        }
        if is_hidden(c) {
            self.position += c.len_utf8();
            return;
        }
        if let Some(mapped) = map_punctuation(c) {
            self.position += c.len_utf8();
            self.push_char(mapped, at, self.position);
            self.hyphen = if mapped == '-' && is_hyphen(c) && self.letter_before(at) { Hyphen::Hard } else { Hyphen::None };
            return;
        }
        self.normalize_segment(at, c);
    }

    fn letter_before(&self, at: usize) -> bool {
        self.source[..at].chars().next_back().is_some_and(char::is_alphabetic)
    }

    /// The compatibility form of one character with the combining marks that follow it. A combining mark
    /// right after an already emitted character is composed with it ("e" + U+0301 → "é").
    fn normalize_segment(&mut self, at: usize, c: char) {
        let mut segment_start = at;
        if compat::is_combining_mark(c) && self.pending_space.is_none() {
            segment_start = self.take_back_previous_character(at).unwrap_or(at);
        }
        let mut end = at + c.len_utf8();
        for next in self.source[end..self.end].chars() {
            if !compat::is_combining_mark(next) {
                break;
            }
            end += next.len_utf8();
        }
        self.position = end;
        let segment = &self.source[segment_start..end];
        let mut folded = Vec::with_capacity(segment.len());
        compat::fold(segment, |ch| folded.push(ch));
        for ch in folded {
            self.push_mapped(ch, segment_start, end);
        }
        self.hyphen = Hyphen::None;
    }

    /// Removes the last emitted character if it came from the original character just
    /// before `at`, so it can be normalised together with the combining mark at `at`.
    fn take_back_previous_character(&mut self, at: usize) -> Option<usize> {
        let previous = self.source[..at].chars().next_back()?;
        let previous_start = at - previous.len_utf8();
        if self.last_origin()? != previous_start || self.last_end != at {
            return None;
        }
        while self.last_origin() == Some(previous_start) {
            self.text.pop();
            self.origin.truncate(self.text.len());
        }
        Some(previous_start)
    }

    /// Where the last byte of the normalised text so far comes from.
    fn last_origin(&self) -> Option<usize> {
        let last = self.text.len().checked_sub(1)?;
        Some(self.origin.get(last))
    }

    /// Pushes a character produced by NFKC, applying the same quote, dash and space mapping
    /// as for original characters (NFKC turns some characters into spaces or quotes).
    fn push_mapped(&mut self, ch: char, origin: usize, end: usize) {
        if ch.is_whitespace() {
            if self.pending_space.is_none() {
                self.pending_space = Some(origin);
            }
            return;
        }
        if is_hidden(ch) || ch == '\u{ad}' {
            return;
        }
        self.push_char(map_punctuation(ch).unwrap_or(ch), origin, end);
    }

    fn push_char(&mut self, ch: char, origin: usize, end: usize) {
        self.flush_space();
        for byte in 0..ch.len_utf8() {
            self.origin.map(self.text.len() + byte, origin);
        }
        self.text.push(ch);
        self.last_end = end;
    }
}

/// Where the run of plain ASCII at `start` ends, single spaces between plain bytes included:
/// eight bytes at a time while the byte after them tells whether a last space is single.
fn plain_run_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    for window in bytes[start..].windows(9).step_by(8) {
        let word = scan::word(window);
        let (spaces, other) = spaces_and_others(word);
        let next_not_plain = ((spaces | other) >> 8) | (u64::from(!is_plain_ascii(window[8])) << 63);
        let stops = other | (spaces & next_not_plain);
        if stops != 0 {
            return end + scan::first_marked(stops);
        }
        end += 8;
    }
    while end < bytes.len() {
        let b = bytes[end];
        let plain = is_plain_ascii(b) || (b == b' ' && end + 1 < bytes.len() && is_plain_ascii(bytes[end + 1]));
        if !plain {
            break;
        }
        end += 1;
    }
    end
}

/// The spaces of `word`, and its bytes that are neither a space nor what [`is_plain_ascii`]
/// accepts. Compared on the low seven bits where the high bit does not matter (a non-ASCII
/// byte is not printable anyway): fewer operations in the hottest loop of the parse.
fn spaces_and_others(word: u64) -> (u64, u64) {
    let printable = scan::ascii_range(word, b' ', b'~');
    let emphasis = scan::low7_equal(word, b'*') | scan::low7_range(word, b'_', b'`');
    let spaces = scan::low7_equal(word, b' ') & printable;
    (spaces, (printable ^ scan::splat(0x80)) | emphasis)
}

/// ASCII that is copied unchanged: printable, not a space, not an emphasis marker.
fn is_plain_ascii(b: u8) -> bool {
    PLAIN_ASCII[b as usize]
}

const PLAIN_ASCII: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x21;
    while b < 0x7F {
        table[b] = !matches!(b as u8, b'*' | b'_' | b'`');
        b += 1;
    }
    table
};

fn is_hyphen(c: char) -> bool {
    matches!(c, '\u{2010}' | '\u{2011}')
}

/// Curly and angled quotes to straight ones, dashes and minus signs to `-`.
fn map_punctuation(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}' | '\u{203A}'
        | '\u{FF07}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}'
        | '\u{FF02}' => Some('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Some('-'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{random_text, XorShift};

    fn norm(text: &str) -> String {
        normalize(text, Span::new(0, text.len())).text
    }

    /// Every output byte maps to a char boundary of the source, in increasing order.
    fn assert_origin_consistent(source: &str, n: &Normalized) {
        let origins: Vec<usize> = (0..=n.text.len()).map(|at| n.origin.get(at)).collect();
        for window in origins.windows(2) {
            assert!(window[0] <= window[1], "origin not monotonic: {origins:?}");
        }
        for &o in &origins {
            assert!(source.is_char_boundary(o), "{o} not a boundary in {source:?}");
        }
    }

    #[test]
    fn quotes_dashes_and_spaces() {
        assert_eq!(norm("“Personal data” means ‘data’ — incl. x–y −1"), "\"Personal data\" means 'data' - incl. x-y -1");
        assert_eq!(norm("shall\u{a0}not\u{2009}be  \n\t retained"), "shall not be retained");
        assert_eq!(norm("  leading and trailing  "), "leading and trailing");
    }

    #[test]
    fn nfkc_and_accents() {
        assert_eq!(norm("ﬁle ＡＢＣ …"), "file ABC ...");
        assert_eq!(norm("cafe\u{301} données"), "café données");
        let source = "cafe\u{301}!";
        let n = normalize(source, Span::new(0, source.len()));
        assert_origin_consistent(source, &n);
        let e = n.text.find('é').unwrap();
        assert_eq!(n.original_span(source, e, e + 'é'.len_utf8()), Span::new(3, 6));
    }

    #[test]
    fn hidden_characters_are_removed_and_soft_hyphens_dropped() {
        assert_eq!(norm("per\u{200b}sonal da\u{ad}ta \u{202e}shall\u{2066}"), "personal data shall");
    }

    #[test]
    fn hyphenation_across_lines() {
        assert_eq!(norm("reten-\ntion period"), "retention period");
        assert_eq!(norm("reten-\r\n   tion"), "retention");
        assert_eq!(norm("reten\u{ad}\ntion"), "retention");
        assert_eq!(norm("non-\nFederal entity"), "non-Federal entity");
        assert_eq!(norm("well - \nknown"), "well - known");
        assert_eq!(norm("cross-border"), "cross-border");
    }

    #[test]
    fn markdown_emphasis_is_removed_inside_words_kept() {
        assert_eq!(norm("The Parties **shall** _not_ `retain` snake_case a*b"), "The Parties shall not retain snake_case a*b");
    }

    #[test]
    fn origin_maps_back_to_original() {
        let source = "“Shall” \u{200b}not — retain 😀 data";
        let n = normalize(source, Span::new(0, source.len()));
        assert_eq!(n.text, "\"Shall\" not - retain 😀 data");
        assert_origin_consistent(source, &n);
        let at = n.text.find("not").unwrap();
        let span = n.original_span(source, at, at + 3);
        assert_eq!(&source[span.start..span.end], "not");
        let at = n.text.find("data").unwrap();
        let span = n.original_span(source, at, at + 4);
        assert_eq!(&source[span.start..span.end], "data");
        let span = n.original_span(source, 0, 7);
        assert_eq!(&source[span.start..span.end], "“Shall”");
        assert_eq!(n.origin.get(n.text.len()), source.len());
    }

    #[test]
    fn partial_span_and_bad_boundaries_are_clamped() {
        let source = "aé b";
        let n = normalize(source, Span::new(2, 99));
        assert_eq!(n.text, "é b");
        assert_origin_consistent(source, &n);
        assert_eq!(normalize("", Span::new(3, 1)).text, "");
    }

    #[test]
    fn hidden_characters_are_reported_with_names_and_spans() {
        let source = "\u{feff}Data\u{200b} shall\u{202e} be \u{e0041}";
        let found = hidden_characters(source);
        let summary: Vec<_> = found.iter().map(|h| (h.code_point.as_str(), h.name.as_str(), h.span)).collect();
        assert_eq!(
            summary,
            vec![
                ("U+200B", "ZERO WIDTH SPACE", Span::new(7, 10)),
                ("U+202E", "RIGHT-TO-LEFT OVERRIDE", Span::new(16, 19)),
                ("U+E0041", "TAG LATIN CAPITAL LETTER A", Span::new(23, 27)),
            ]
        );
        assert!(hidden_characters("plain ascii").is_empty());
    }

    #[test]
    fn plain_runs_end_where_a_byte_by_byte_reading_ends_them() {
        let pieces = ["a", "Z", " ", "  ", "*", "_", "`", "\n", "\t", "é", "\u{7f}", "\u{1}", "~", "!"];
        let mut random = XorShift::default();
        for _ in 0..2000 {
            let count = 4 + random.below(16);
            let s = random_text(&pieces, count, &mut random);
            let bytes = s.as_bytes();
            let mut expected = 0;
            while expected < bytes.len()
                && (is_plain_ascii(bytes[expected])
                    || (bytes[expected] == b' ' && bytes.get(expected + 1).is_some_and(|&b| is_plain_ascii(b))))
            {
                expected += 1;
            }
            assert_eq!(plain_run_end(bytes, 0), expected, "{s:?}");
        }
    }

    #[test]
    fn next_non_ascii_finds_what_a_byte_by_byte_search_finds() {
        let mut text = "x".repeat(40);
        for at in 0..=40 {
            if at < 40 {
                text.replace_range(at..at + 1, "é");
            }
            let bytes = text.as_bytes();
            for from in [0, 1, 7, 9, at.saturating_sub(3), at] {
                let expected = bytes[from..].iter().position(|&b| b >= 0x80).map_or(bytes.len(), |i| from + i);
                assert_eq!(next_non_ascii(bytes, from), expected, "{text:?} from {from}");
            }
            text = "x".repeat(40);
        }
    }

    #[test]
    fn unchanged_text_is_what_normalising_returns() {
        let pieces = ["a", "Z", " ", "  ", "*", "\n", "é", "-", ".", "\u{200b}"];
        let mut random = XorShift::default();
        for _ in 0..2000 {
            let count = 1 + random.below(8);
            let s = random_text(&pieces, count, &mut random);
            let span = Span::new(random.below(3), s.len());
            if let Some(text) = unchanged(&s, span) {
                assert_eq!(text, normalize(&s, span).text, "{s:?}");
            }
        }
        assert_eq!(unchanged("Art. 5 Data retention", Span::new(7, 21)), Some("Data retention"));
        assert_eq!(unchanged("Data  retention", Span::new(0, 15)), None);
        assert_eq!(unchanged(" Data", Span::new(0, 5)), None);
        assert_eq!(unchanged("Data", Span::new(2, 9)), None);
    }

    #[test]
    fn random_text_keeps_origin_consistent() {
        let pieces = ["a", "é", "\u{301}", "\r", "\n", " ", "-", "\u{ad}", "\u{200b}", "*", "😀", "ﬁ", "“", "\u{a0}", "Å", "\u{308}\u{301}", "ǅ", "\u{1100}\u{1161}"];
        let mut seed = 12345u64;
        for _ in 0..300 {
            let mut s = String::new();
            for _ in 0..30 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let n = normalize(&s, Span::new(0, s.len()));
            assert_origin_consistent(&s, &n);
            assert!(!n.text.starts_with(' ') && !n.text.ends_with(' '));
        }
    }
}
