//! Helpers shared by the unit tests: a tiny rule pack, the labelled corpus, random edits
//! of a draft and random texts from given pieces.

mod xorshift;

pub use xorshift::XorShift;

use crate::rules::PackSource;
use crate::Checker;

/// The text after a corpus header (`TITLE:` ... a line of `=`), as the evaluation strips it.
fn strip_corpus_header(text: &str) -> &str {
    if !text.starts_with("TITLE:") {
        return text;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim();
        if !trimmed.is_empty() && trimmed.bytes().all(|b| b == b'=') {
            return &text[offset..];
        }
    }
    text
}

pub fn corpus() -> Vec<(String, String)> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&folder) else { return Vec::new() };
    let mut documents: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.file_name()?.to_string_lossy().into_owned(), strip_corpus_header(&text).to_string()))
        })
        .collect();
    documents.sort();
    documents
}

/// What an editor does to a draft: type a word, delete a stretch, break or join lines, add
/// a numbered item, a new article, a hedge or an exception.
const TYPED: &[&str] = &[
    "not ", "shall ", "may ", "indefinitely ", "for ten years ", "where practicable, ", "x", " ", ".", ". The",
    "\n", "\n\n", "\n\nArticle 99 - Retention\n\n", "\n(c) ", "\n2. ", "Notwithstanding Article 6, ", "\"Data\" means ",
    "“", "é", "\u{200b}", ":", "\r", "\r\n", "  ",
];

/// `text` with one random edit at a random place: an insertion, a deletion of up to 60
/// bytes, or a replacement.
pub fn random_edit(text: &str, random: &mut XorShift) -> String {
    let boundary = |at: usize| text.floor_char_boundary(at);
    let at = boundary(random.below(text.len() + 1));
    let end = boundary((at + random.below(60)).min(text.len())).max(at);
    let typed = TYPED[random.below(TYPED.len())];
    let (removed_to, inserted) = match random.below(3) {
        0 => (at, typed),
        1 => (end, ""),
        _ => (end, typed),
    };
    format!("{}{}{}", &text[..at], inserted, &text[removed_to..])
}

/// A pack small enough to read: one requirement per check type.
const TINY_PACK: &str = r#"
schema = "accordlint-pack/1"
[pack]
id = "tiny"
version = "1.0.0"
title = "Tiny"

[concepts.retention]
phrases = ["retain*", "retention", "kept"]
[concepts.indefinite]
phrases = ["indefinitely"]
[concepts.deletion]
phrases = ["delete*", "erase*"]
[concepts.emergency]
phrases = ["emergency"]

[[requirements]]
id = "t.retention"
title = "Retention is limited"
principle = "Retention"
level = "must"
message = "m"
suggestion = "s"
[[requirements.checks]]
type = "limit"
concept = "retention"
max_days = 730
[[requirements.checks]]
type = "forbid"
all = ["retention", "indefinite"]

[[requirements]]
id = "t.deletion"
title = "Data are deleted"
principle = "Retention"
level = "must"
message = "m"
suggestion = "s"
[[requirements.checks]]
type = "require"
all = ["deletion"]

[[requirements]]
id = "t.retention-deletes"
title = "Retention clauses provide for deletion"
principle = "Retention"
level = "should"
message = "m"
suggestion = "s"
[[requirements.checks]]
type = "require"
all = ["retention", "deletion"]
within = "clause"

[[requirements]]
id = "t.emergency"
title = "Emergency deletion"
principle = "Emergency"
level = "must"
trigger = { concept = "emergency" }
message = "m"
suggestion = "s"
[[requirements.checks]]
type = "require"
all = ["deletion"]
"#;

pub fn tiny_checker() -> Checker {
    Checker::from_packs(&PackSource::new("tiny.toml", TINY_PACK), &[]).expect("tiny pack")
}

/// `count` pieces picked at random, one after another: inputs for a scan to compare with a
/// byte-by-byte reading.
pub fn random_text(pieces: &[&str], count: usize, random: &mut XorShift) -> String {
    (0..count).map(|_| pieces[random.below(pieces.len())]).collect()
}
