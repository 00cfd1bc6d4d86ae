//! Byte scans that read eight bytes at a time.
//!
//! Counting words and finding the end of a run of plain ASCII look for classes of bytes,
//! which a byte search (`memchr`) cannot. Testing one `u64` word of eight bytes at once keeps
//! these scans cheap natively and in WebAssembly alike, without SIMD intrinsics. Every mask here is exact
//! per byte (no carry crosses a byte), and marks a byte by its high bit.

/// `byte` in every byte of a word.
pub(super) const fn splat(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

const HIGH: u64 = splat(0x80);
const LOW7: u64 = splat(0x7F);

/// The first eight bytes of `chunk` (which has at least eight), the first one lowest.
pub(super) fn word(chunk: &[u8]) -> u64 {
    u64::from_le_bytes(chunk.get(..8).and_then(|eight| eight.try_into().ok()).unwrap_or_default())
}

/// The eight bytes at `at`, the first one lowest, if there are eight.
pub(super) fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(word(bytes.get(at..at.checked_add(8)?)?))
}

/// The eight bytes at `at`, the first one lowest, those past the end read as `pad`.
pub(super) fn padded_word_at(bytes: &[u8], at: usize, pad: u8) -> u64 {
    if let Some(word) = word_at(bytes, at) {
        return word;
    }
    let mut chunk = [pad; 8];
    let rest = bytes.get(at..).unwrap_or_default();
    let len = rest.len().min(8);
    chunk[..len].copy_from_slice(&rest[..len]);
    u64::from_le_bytes(chunk)
}

/// The bytes of `word` up to a space (controls included) or not ASCII: one addition instead
/// of a comparison for the space and another for the high bit.
pub(super) fn blank_or_non_ascii(word: u64) -> u64 {
    (!((word & LOW7) + splat(0x7F - b' ')) | word) & HIGH
}

/// The bytes of `word` whose low seven bits are `byte` (ASCII): like a comparison, but
/// also marks `byte + 0x80`, for a caller that rules out non-ASCII bytes another way.
pub(super) fn low7_equal(word: u64, byte: u8) -> u64 {
    !(((word & LOW7) ^ splat(byte)) + LOW7) & HIGH
}

/// The bytes of `word` whose low seven bits are in `low..=high` (both ASCII).
pub(super) fn low7_range(word: u64, low: u8, high: u8) -> u64 {
    ascii_range(word & LOW7, low, high)
}

/// The ASCII bytes of `word` in `low..=high` (both ASCII).
pub(super) fn ascii_range(word: u64, low: u8, high: u8) -> u64 {
    let seven = word & LOW7;
    let at_least_low = (seven | HIGH) - splat(low);
    let above_high = seven + splat(0x7F - high);
    at_least_low & !above_high & !word & HIGH
}

/// The letters and digits of `word`, eight ASCII bytes: without a high bit set, a range test
/// needs neither the low seven bits nor the high bit masked out first.
pub(super) fn ascii_alphanumeric(word: u64) -> u64 {
    let in_range = |w: u64, low: u8, high: u8| ((w | HIGH) - splat(low)) & !(w + splat(0x7F - high));
    (in_range(word, b'0', b'9') | in_range(word | splat(0x20), b'a', b'z')) & HIGH
}

/// The index of the first marked byte of a mask.
pub(super) fn first_marked(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

/// How many bytes a mask marks.
pub(super) fn count_marked(mask: u64) -> usize {
    // One bit per byte at the bottom of each; the multiplication adds them into the top byte.
    ((mask >> 7).wrapping_mul(splat(1)) >> 56) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_are_exact_for_every_byte_value() {
        for b in 0..=255u8 {
            for position in [0, 3, 7] {
                let mut bytes = [b'x'; 8];
                bytes[position] = b;
                let word = u64::from_le_bytes(bytes);
                let high = 0x80u64 << (8 * position);
                assert_eq!(ascii_range(word, b'0', b'9') & high != 0, b.is_ascii_digit(), "{b:#x}");
                assert_eq!(ascii_range(word, 0, 0x20) & high != 0, b <= 0x20, "{b:#x}");
                assert_eq!(ascii_range(word, b'a', b'z') & high != 0, b.is_ascii_lowercase(), "{b:#x}");
                assert_eq!(blank_or_non_ascii(word) & high != 0, b <= b' ' || b >= 0x80, "{b:#x}");
                if b < 0x80 {
                    assert_eq!(ascii_alphanumeric(word) & high != 0, b.is_ascii_alphanumeric(), "{b:#x}");
                }
                assert_eq!(low7_equal(word, b'*') & high != 0, b & 0x7F == b'*', "{b:#x}");
                assert_eq!(low7_range(word, b'_', b'`') & high != 0, matches!(b & 0x7F, b'_' | b'`'), "{b:#x}");
            }
        }
    }

    #[test]
    fn padded_words_read_the_bytes_left() {
        assert_eq!(padded_word_at(b"abc", 1, b' '), u64::from_le_bytes(*b"bc      "));
        assert_eq!(padded_word_at(b"abc", 3, b' '), splat(b' '));
        assert_eq!(padded_word_at(b"0123456789", 1, b' '), u64::from_le_bytes(*b"12345678"));
    }

    #[test]
    fn count_marked_counts_every_mark() {
        for mask in [0u64, 0x80, 0x8000_0000_0000_0080, splat(0x80), 0x0080_8000_0080_0000] {
            assert_eq!(count_marked(mask), mask.count_ones() as usize);
        }
    }
}
