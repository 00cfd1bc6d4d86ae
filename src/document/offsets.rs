//! UTF-16 offsets for JavaScript: placeholder until the document model lands.

pub struct Utf16Index {
    source: String,
}

impl Utf16Index {
    pub fn new(source: &str) -> Self {
        Utf16Index { source: source.to_string() }
    }

    pub fn utf16(&self, byte: usize) -> usize {
        self.source[..byte.min(self.source.len())].encode_utf16().count()
    }
}
