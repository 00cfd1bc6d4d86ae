//! Functions shared by the wasm-bindgen-test suites (tests/wasm_*.rs): they drive the exported
//! bindings exactly as JS would, and read results back as JSON values to assert on.

#![allow(dead_code)] // each suite uses its own subset

use accordlint::wasm::Checker;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsError, JsValue};

/// The requirement ids of the standard, in its order.
pub const REQUIREMENTS_TSV: &str = include_str!("../../../shared/standards/requirements.tsv");

pub fn requirement_ids() -> Vec<&'static str> {
    REQUIREMENTS_TSV
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .filter(|id| !id.is_empty())
        .collect()
}

/// The text to check in a corpus file: a real instrument has a header (TITLE:, SOURCE: ...)
/// closed by a line made only of `=` signs; drafts have none (see the corpus README).
pub fn strip_corpus_header(text: &str) -> &str {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.is_empty() && content.chars().all(|c| c == '=') {
            return &text[offset..];
        }
    }
    text
}

pub fn baseline() -> Checker {
    Checker::new("baseline".into(), JsValue::UNDEFINED)
        .unwrap_or_else(|error| panic!("{}", error_message(error)))
}

/// Reads a value returned to JS as JSON.
pub fn to_json(value: JsValue) -> Value {
    let json = js_sys::JSON::stringify(&value).expect("a JSON-compatible value");
    serde_json::from_str(&String::from(json)).expect("JSON")
}

/// The message of a thrown JS `Error`; fails the test when it is not an `Error`.
pub fn error_message(error: JsError) -> String {
    let value = JsValue::from(error);
    let error: js_sys::Error = value.dyn_into().expect("thrown value is a JS Error");
    String::from(error.message())
}

pub fn check(checker: &Checker, text: &str) -> Value {
    to_json(
        checker
            .check(text.into(), JsValue::UNDEFINED)
            .unwrap_or_else(|error| panic!("{}", error_message(error))),
    )
}

pub fn status_of<'a>(report: &'a Value, id: &str) -> &'a str {
    report["requirements"]
        .as_array()
        .and_then(|all| all.iter().find(|requirement| requirement["id"] == id))
        .and_then(|requirement| requirement["status"].as_str())
        .unwrap_or_else(|| panic!("no requirement {id} in the report"))
}

pub fn category_ids(report: &Value) -> Vec<&str> {
    report["categories"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter_map(|category| category["id"].as_str())
                .collect()
        })
        .unwrap_or_default()
}

/// Options object as JS would pass it.
pub fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON options")
}

/// Bytes as JS passes them to `decodeInput`.
pub fn bytes(data: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(data).into()
}
