//! Shared helpers for the integration tests: the labelled corpus beside the project.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

pub fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// A real instrument in the corpus starts with a header (`TITLE:`, `SOURCE:` ...) closed by
/// a line made only of `=` signs; the text to check is what follows. Drafts have none.
pub fn strip_header(text: &str) -> &str {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim();
        if !trimmed.is_empty() && trimmed.chars().all(|c| c == '=') {
            return &text[offset..];
        }
    }
    text
}

pub struct CorpusDocument {
    pub name: String,
    pub text: String,
    pub categories: Vec<String>,
    /// Requirement id to (status, confidence).
    pub labels: BTreeMap<String, (String, String)>,
}

pub fn corpus() -> Vec<CorpusDocument> {
    let dir = shared_dir().join("corpus");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the labelled corpus is expected at {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    names.into_iter().map(|path| load(&path)).collect()
}

fn load(path: &std::path::Path) -> CorpusDocument {
    let raw = std::fs::read_to_string(path).expect("corpus text is UTF-8");
    let labels_path = path.with_extension("labels.json");
    let labels_text = std::fs::read_to_string(&labels_path).expect("every corpus document has labels");
    let json: serde_json::Value = serde_json::from_str(&labels_text).expect("labels are JSON");
    let categories = json["categories"].as_array().into_iter().flatten().filter_map(|c| c.as_str().map(String::from)).collect();
    let labels = json["labels"]
        .as_object()
        .expect("labels object")
        .iter()
        .map(|(id, label)| {
            let status = label["status"].as_str().unwrap_or_default().to_string();
            let confidence = label["confidence"].as_str().unwrap_or("high").to_string();
            (id.clone(), (status, confidence))
        })
        .collect();
    CorpusDocument {
        name: path.file_name().unwrap_or_default().to_string_lossy().into_owned(),
        text: strip_header(&raw).to_string(),
        categories,
        labels,
    }
}

pub fn requirement_ids() -> Vec<String> {
    let tsv = std::fs::read_to_string(shared_dir().join("standards/requirements.tsv")).expect("requirements.tsv");
    tsv.lines().skip(1).filter_map(|l| l.split('\t').next()).filter(|id| !id.is_empty()).map(String::from).collect()
}

#[path = "../../src/testing/xorshift.rs"]
mod xorshift;

#[allow(unused_imports)] // not every test file draws random inputs
pub use xorshift::XorShift;
