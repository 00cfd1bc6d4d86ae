//! The short texts the structure pass keeps per line and per numbering level: item labels
//! ("a", "14", "iv", "1.2", "A.1") and unit numbers ("14", "IV", "B").

use std::ops::Deref;

/// Bytes kept inline: every label of a real draft fits, and the type stays three words.
const INLINE: usize = 22;

/// A label or number as written. Nearly always a few ASCII bytes, kept inline so that
/// reading a numbered line allocates nothing (a draft has thousands); a longer one, or one
/// with other characters, goes to the heap.
#[derive(Clone, PartialEq, Eq)]
pub enum Label {
    /// ASCII only.
    Inline { len: u8, bytes: [u8; INLINE] },
    Long(Box<str>),
}

/// The empty label (a bullet's, a unit's without number), to borrow where one may be missing.
pub static NONE: Label = Label::Inline { len: 0, bytes: [0; INLINE] };

impl Label {
    pub fn new(text: &str) -> Label {
        if text.len() > INLINE || !text.is_ascii() {
            return Label::Long(text.into());
        }
        let mut bytes = [0; INLINE];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Label::Inline { len: text.len() as u8, bytes }
    }

    /// The bytes, without the UTF-8 check that reading the label as a `str` costs.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Label::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Label::Long(text) => text.as_bytes(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.as_bytes().is_empty()
    }

    /// Appends the label to a reference being written (as cheaply as [`Label::as_bytes`]).
    pub fn push_to(&self, out: &mut String) {
        match self {
            Label::Inline { .. } => out.extend(self.as_bytes().iter().map(|&b| char::from(b))),
            Label::Long(text) => out.push_str(text),
        }
    }
}

impl Default for Label {
    fn default() -> Label {
        NONE.clone()
    }
}

impl Deref for Label {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            // Copied from a `str` whole, so always valid UTF-8.
            Label::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default(),
            Label::Long(text) => text,
        }
    }
}

impl std::fmt::Debug for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_as_written_whatever_its_length() {
        for text in ["", "a", "14", "1.2.3", "é", &"1.".repeat(11), &"1.".repeat(12)] {
            let label = Label::new(text);
            assert_eq!(&*label, text);
            assert_eq!(label.as_bytes(), text.as_bytes());
            assert_eq!(label, Label::new(text));
            let mut written = String::from("(");
            label.push_to(&mut written);
            assert_eq!(written, format!("({text}"));
        }
        assert_ne!(Label::new("1"), Label::new("1.1"));
        assert_eq!(&*Label::default(), "");
    }
}
