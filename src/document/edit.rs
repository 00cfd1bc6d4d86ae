//! Where two versions of a draft differ: an editor changes one place at a time, so the new
//! version is the old one with a common beginning and end around one changed stretch.
//! Text outside that stretch is unchanged and only moved by the change in length, which is
//! what lets [`super::Document::reparse`] carry clauses over without reading them again.

use super::Span;

/// Bytes kept between a carried-over clause and the changed stretch: reading a clause looks
/// at most one character past its ends (a combining mark), and a character has at most four
/// bytes.
const MARGIN: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    /// Length of the common beginning.
    pub prefix: usize,
    /// Length of the common end, not overlapping the common beginning in either version.
    pub suffix: usize,
    old_len: usize,
    new_len: usize,
}

impl Edit {
    pub fn between(old: &str, new: &str) -> Edit {
        let (old_bytes, new_bytes) = (old.as_bytes(), new.as_bytes());
        let prefix = common_prefix(old_bytes, new_bytes);
        let room = old_bytes.len().min(new_bytes.len()) - prefix;
        let suffix = common_suffix(&old_bytes[old_bytes.len() - room..], &new_bytes[new_bytes.len() - room..]);
        Edit { prefix, suffix, old_len: old.len(), new_len: new.len() }
    }

    /// How far text after the change moved.
    pub fn delta(&self) -> isize {
        self.new_len as isize - self.old_len as isize
    }

    /// Where a stretch of the new version stood in the old one, if the edit left it (and
    /// its surroundings) untouched.
    pub fn old_span(&self, new: Span) -> Option<Span> {
        if new.end + MARGIN <= self.prefix {
            Some(new)
        } else if new.start >= self.new_len - self.suffix + MARGIN {
            let moved = |at: usize| (at as isize - self.delta()) as usize;
            Some(Span::new(moved(new.start), moved(new.end)))
        } else {
            None
        }
    }

    /// The changed stretch widened to whole lines, in the old and the new version: what
    /// lies outside is the same in both, up to a line break.
    pub fn changed_lines(&self, old: &str, new: &str) -> (Span, Span) {
        let line_start = old.as_bytes()[..self.prefix].iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
        let line_end = |text: &str| {
            let from = text.len() - self.suffix;
            text.as_bytes()[from..].iter().position(|&b| b == b'\n').map_or(text.len(), |at| from + at)
        };
        (Span::new(line_start, line_end(old)), Span::new(line_start, line_end(new)))
    }
}

/// Compared a block at a time first: the common parts are most of a long draft.
const BLOCK: usize = 32;

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let blocks = a.chunks_exact(BLOCK).zip(b.chunks_exact(BLOCK)).take_while(|(x, y)| x == y).count();
    let at = blocks * BLOCK;
    at + a[at..].iter().zip(&b[at..]).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let blocks = a.rchunks_exact(BLOCK).zip(b.rchunks_exact(BLOCK)).take_while(|(x, y)| x == y).count();
    let at = blocks * BLOCK;
    at + a[..a.len() - at].iter().rev().zip(b[..b.len() - at].iter().rev()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_change_lies_between_the_common_ends() {
        let old = "Article 1\nData shall be kept.\nArticle 2\nThe end.";
        let new = old.replace("kept", "deleted");
        let edit = Edit::between(old, &new);
        assert_eq!(&old[..edit.prefix], "Article 1\nData shall be ");
        assert_eq!(&old[old.len() - edit.suffix..], ".\nArticle 2\nThe end.");
        assert_eq!(edit.delta(), 3);
        assert_eq!(edit.old_span(Span::new(0, 9)), Some(Span::new(0, 9)), "before the change");
        assert_eq!(edit.old_span(Span::new(10, 30)), None, "around the change");
        let last = new.find("The end").expect("in the text");
        assert_eq!(edit.old_span(Span::new(last, last + 7)), Some(Span::new(last - 3, last + 4)), "moved");
        let second = new.find("Article 2").expect("in the text");
        assert_eq!(edit.old_span(Span::new(second, second + 9)), None, "too close to the change");
        let (old_lines, new_lines) = edit.changed_lines(old, &new);
        assert_eq!(&old[old_lines.start..old_lines.end], "Data shall be kept.");
        assert_eq!(&new[new_lines.start..new_lines.end], "Data shall be deleted.");
    }

    #[test]
    fn repeated_text_does_not_make_the_ends_overlap() {
        let old = "aaaa".repeat(40);
        let new = "aaaa".repeat(41);
        let edit = Edit::between(&old, &new);
        assert_eq!(edit.prefix + edit.suffix, old.len());
        assert_eq!(Edit::between("", "abc"), Edit { prefix: 0, suffix: 0, old_len: 0, new_len: 3 });
    }
}
