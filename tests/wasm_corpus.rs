//! Reports on corpus documents, computed by the WebAssembly build in Node.js and in headless
//! Chromium. Each fact asserted is a high-confidence label of ../shared/corpus; the native
//! suite asserts the same facts, and tests/js/determinism.test.mjs compares whole reports.
#![cfg(target_arch = "wasm32")]

mod wasm_support;

use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_support::*;

struct Expectation {
    text: &'static str,
    verdict: &'static str,
    categories: &'static [&'static str],
    statuses: &'static [(&'static str, &'static str)],
}

fn expectations() -> Vec<(&'static str, Expectation)> {
    vec![
        (
            "weak-threat-intel-mou",
            Expectation {
                text: include_str!("../../shared/corpus/weak-threat-intel-mou.txt"),
                verdict: "fail",
                categories: &["threat-intel"],
                statuses: &[
                    ("retention.limit", "violated"),
                    ("transfer.onward", "violated"),
                ],
            },
        ),
        (
            "strong-threat-intel-mou",
            Expectation {
                text: include_str!("../../shared/corpus/strong-threat-intel-mou.txt"),
                verdict: "pass",
                categories: &["threat-intel"],
                statuses: &[("purpose.further-use", "met")],
            },
        ),
        (
            "tricky-exceptions-draft",
            Expectation {
                text: include_str!("../../shared/corpus/tricky-exceptions-draft.txt"),
                verdict: "fail",
                categories: &["threat-intel", "incident-response"],
                statuses: &[
                    ("governance.periodic-review", "violated"),
                    ("automated.human-review", "violated"),
                ],
            },
        ),
        (
            "joint-investigation-agreement",
            Expectation {
                text: include_str!("../../shared/corpus/joint-investigation-agreement.txt"),
                verdict: "fail",
                categories: &["joint-investigation"],
                statuses: &[("retention.limit", "violated")],
            },
        ),
        (
            "incident-response-arrangement",
            Expectation {
                text: include_str!("../../shared/corpus/incident-response-arrangement.txt"),
                verdict: "fail",
                categories: &["incident-response"],
                statuses: &[("retention.limit", "weak")],
            },
        ),
    ]
}

#[wasm_bindgen_test]
fn corpus_reports_state_the_labelled_facts() {
    let checker = baseline();
    for (name, expected) in expectations() {
        let report = check(&checker, strip_corpus_header(expected.text));
        assert_eq!(report["verdict"], expected.verdict, "{name}: verdict");
        let detected = category_ids(&report);
        for category in expected.categories {
            assert!(
                detected.contains(category),
                "{name}: {category} not detected in {detected:?}"
            );
        }
        for (id, status) in expected.statuses {
            assert_eq!(status_of(&report, id), *status, "{name}: {id}");
        }
    }
}

#[wasm_bindgen_test]
fn every_requirement_of_the_standard_is_reported_once() {
    let checker = baseline();
    let (_, expected) = &expectations()[0];
    let report = check(&checker, expected.text);
    let reported: Vec<&str> = report["requirements"]
        .as_array()
        .expect("requirements array")
        .iter()
        .filter_map(|requirement| requirement["id"].as_str())
        .collect();
    assert_eq!(reported, requirement_ids());
    let summary_total: u64 = ["met", "weak", "missing", "violated", "not_applicable"]
        .iter()
        .filter_map(|status| report["summary"][status].as_u64())
        .sum();
    assert_eq!(summary_total as usize, reported.len());
}

/// The UTF-16 offsets are what JS strings index by: slicing the input there gives the
/// evidence text, for every piece of evidence in every report.
#[wasm_bindgen_test]
fn utf16_offsets_index_the_javascript_string() {
    let checker = baseline();
    for (name, expected) in expectations() {
        let text = strip_corpus_header(expected.text);
        let js_text = js_sys::JsString::from(text);
        let report = check(&checker, text);
        for evidence in all_evidence(&report) {
            let (start, end) = (
                offset(evidence, "start_utf16"),
                offset(evidence, "end_utf16"),
            );
            let slice = String::from(js_text.slice(start, end));
            assert_eq!(
                slice,
                evidence["text"].as_str().unwrap_or_default(),
                "{name}: {evidence}"
            );
            let bytes = offset(evidence, "start") as usize..offset(evidence, "end") as usize;
            assert_eq!(
                text.get(bytes),
                Some(slice.as_str()),
                "{name}: byte offsets"
            );
        }
    }
}

fn all_evidence(report: &Value) -> impl Iterator<Item = &Value> {
    report["requirements"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|requirement| requirement["evidence"].as_array().into_iter().flatten())
}

fn offset(evidence: &Value, key: &str) -> u32 {
    evidence[key]
        .as_u64()
        .and_then(|value| u32::try_from(value).ok())
        .unwrap_or_else(|| panic!("{key} missing in {evidence}"))
}
