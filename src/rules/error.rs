//! Errors about packs, always with a place: file, line and column (1-based), and the
//! requirement concerned when there is one.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PackError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub requirement: Option<String>,
    pub message: String,
}

impl PackError {
    /// An error at byte `offset` of `text`.
    pub fn at(file: &str, text: &str, offset: usize, requirement: Option<&str>, message: impl Into<String>) -> Self {
        let (line, column) = line_column(text, offset);
        PackError {
            file: file.to_string(),
            line,
            column,
            requirement: requirement.map(str::to_string),
            message: message.into(),
        }
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if let Some(id) = &self.requirement {
            write!(f, "requirement {id}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for PackError {}

/// 1-based line and column (in characters) of byte `offset` of `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, text.find('=').unwrap()), (1, 3));
        assert_eq!(line_column(text, text.rfind('=').unwrap()), (2, 4));
        let e = PackError::at("p.toml", text, 6, Some("retention.limit"), "bad");
        assert_eq!(e.to_string(), "p.toml:2:1: requirement retention.limit: bad");
    }
}
