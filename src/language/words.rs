//! Word-level helpers shared by the language analysers.

/// True when `b` can be part of a word (ASCII letters, digits; any non-ASCII byte, so that
/// accented words are never split).
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// True when `[start, end)` of `text` is delimited by non-word bytes (or the text's ends).
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let starts_word = start == 0 || !is_word_byte(bytes[start - 1]);
    let ends_word = end >= bytes.len() || !is_word_byte(bytes[end]);
    starts_word && ends_word
}

/// The words of `text` with their byte offsets.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !is_word_byte(bytes[i]) {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && is_word_byte(bytes[i]) {
            i += 1;
        }
        Some((start, &text[start..i]))
    })
}

/// Every start of `needle` in `haystack` (both lower-case) on word boundaries. For the
/// short fixed lists of the language module; a pack's lexicon uses one automaton instead.
pub fn find_words<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    haystack
        .match_indices(needle)
        .map(|(at, _)| at)
        .filter(move |&at| on_word_boundaries(haystack, at, at + needle.len()))
}
