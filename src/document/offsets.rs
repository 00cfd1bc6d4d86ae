//! UTF-8 byte offsets to UTF-16 code-unit offsets.
//!
//! Rust strings are indexed by UTF-8 bytes, JavaScript strings (and so the page and the Word
//! add-in) by UTF-16 code units. The two differ only after non-ASCII characters, which drafts
//! have few of (quotes, dashes, accents), so the index records, after each of them, how many
//! more bytes than units the text has used so far: building it skips ASCII eight bytes at a
//! time, and a conversion is a binary search.

use super::normalize::next_non_ascii;

/// Converts byte offsets of one string into UTF-16 offsets.
#[derive(Debug, Clone)]
pub struct Utf16Index<'a> {
    text: &'a str,
    /// `(end, excess)` for each non-ASCII character, in order: the byte where it ends, and
    /// how many more UTF-8 bytes than UTF-16 units the text has up to there.
    excess: Vec<(u32, u32)>,
}

impl<'a> Utf16Index<'a> {
    pub fn new(text: &'a str) -> Utf16Index<'a> {
        let bytes = text.as_bytes();
        let mut excess = Vec::new();
        let mut total = 0;
        let mut at = next_non_ascii(bytes, 0);
        while at < bytes.len() {
            let c = text[at..].chars().next().unwrap_or(' ');
            let (utf8, utf16) = (c.len_utf8(), c.len_utf16());
            total += utf8 - utf16;
            at += utf8;
            excess.push((at as u32, total as u32));
            at = next_non_ascii(bytes, at);
        }
        Utf16Index { text, excess }
    }

    /// The UTF-16 offset of a byte offset. Exact at every character boundary; an offset inside
    /// a character counts that character as not yet started; offsets past the end give the
    /// length of the whole text in UTF-16 units.
    pub fn utf16(&self, byte_offset: usize) -> usize {
        let at = self.text.floor_char_boundary(byte_offset);
        let before = self.excess.partition_point(|&(end, _)| end as usize <= at);
        let excess = before.checked_sub(1).map_or(0, |last| self.excess[last].1 as usize);
        at - excess
    }

    /// Both ends of a byte span in UTF-16 units.
    pub fn span(&self, span: super::Span) -> (usize, usize) {
        (self.utf16(span.start), self.utf16(span.end))
    }

    /// Length of the whole text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.utf16(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str, byte: usize) -> usize {
        text[..byte].encode_utf16().count()
    }

    #[test]
    fn ascii_offsets_are_equal() {
        let index = Utf16Index::new("Article 14");
        assert_eq!(index.utf16(0), 0);
        assert_eq!(index.utf16(7), 7);
        assert_eq!(index.utf16(10), 10);
        assert_eq!(index.utf16(99), 10);
    }

    #[test]
    fn accented_letters_and_emoji_match_javascript() {
        let text = "Données 😀 personnelles — «café» 𝔸 ".repeat(20);
        let index = Utf16Index::new(&text);
        for (byte, _) in text.char_indices() {
            assert_eq!(index.utf16(byte), reference(&text, byte), "at byte {byte}");
        }
        assert_eq!(index.utf16(text.len()), text.encode_utf16().count());
        assert_eq!(index.len_utf16(), text.encode_utf16().count());
    }

    #[test]
    fn emoji_counts_two_units() {
        let text = "a😀b";
        let index = Utf16Index::new(text);
        assert_eq!(index.utf16(1), 1);
        assert_eq!(index.utf16(5), 3);
        assert_eq!(index.span(crate::document::Span::new(1, 6)), (1, 4));
    }

    #[test]
    fn empty_text() {
        let index = Utf16Index::new("");
        assert_eq!(index.utf16(0), 0);
        assert_eq!(index.utf16(5), 0);
    }
}
