//! UTF-8 byte offsets to UTF-16 code-unit offsets.
//!
//! Rust strings are indexed by UTF-8 bytes, JavaScript strings (and so the page and the Word
//! add-in) by UTF-16 code units. Every span the report gives carries both, so the index below is
//! built once per document and answers each conversion in constant time: a checkpoint every
//! [`BLOCK`] bytes plus a scan of at most `BLOCK - 1` bytes.

/// Bytes between two checkpoints. Small enough that the scan is a handful of instructions,
/// large enough that the checkpoints cost 1/16 of the text in memory.
const BLOCK: usize = 64;

/// Converts byte offsets of one string into UTF-16 offsets.
#[derive(Debug, Clone)]
pub struct Utf16Index<'a> {
    bytes: &'a [u8],
    /// `checkpoints[k]` = UTF-16 units of all characters that start before byte `k * BLOCK`.
    /// Empty when the text is ASCII, where both offsets are equal.
    checkpoints: Vec<u32>,
    total: usize,
}

impl<'a> Utf16Index<'a> {
    pub fn new(text: &'a str) -> Utf16Index<'a> {
        let bytes = text.as_bytes();
        if text.is_ascii() {
            return Utf16Index { bytes, checkpoints: Vec::new(), total: bytes.len() };
        }
        let mut checkpoints = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut units = 0usize;
        for block in bytes.chunks(BLOCK) {
            checkpoints.push(units as u32);
            units += utf16_units(block);
        }
        Utf16Index { bytes, checkpoints, total: units }
    }

    /// The UTF-16 offset of a byte offset. Exact at every character boundary; an offset inside
    /// a character counts that character as not yet started; offsets past the end give the
    /// length of the whole text in UTF-16 units.
    pub fn utf16(&self, byte_offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return byte_offset.min(self.total);
        }
        if byte_offset >= self.bytes.len() {
            return self.total;
        }
        let block = byte_offset / BLOCK;
        let block_start = block * BLOCK;
        self.checkpoints[block] as usize + utf16_units(&self.bytes[block_start..byte_offset])
    }

    /// Both ends of a byte span in UTF-16 units.
    pub fn span(&self, span: super::Span) -> (usize, usize) {
        (self.utf16(span.start), self.utf16(span.end))
    }

    /// Length of the whole text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.total
    }
}

/// UTF-16 units of the characters that *start* in `bytes`: every lead byte counts one unit,
/// four-byte sequences (outside the Basic Multilingual Plane) count two.
fn utf16_units(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0xBF => 0,
            0xF0..=0xFF => 2,
            _ => 1,
        })
        .sum()
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
