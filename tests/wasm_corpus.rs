//! Reports on the labelled corpus, computed by the WebAssembly build in Node.js and in headless
//! Chromium: they agree with the labels as well as the native evaluation requires
//! (tests/evaluation.rs), the drafts written to fail do fail, and every offset indexes the
//! JavaScript string. tests/js/determinism.test.mjs compares whole reports with the CLI's.
#![cfg(target_arch = "wasm32")]

mod wasm_support;

use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_support::*;

/// The exact-status accuracy that tests/evaluation.rs requires of the native build.
const ACCURACY_FLOOR: f64 = 0.85;

struct CorpusDocument {
    name: &'static str,
    text: &'static str,
    labels: &'static str,
}

macro_rules! corpus {
    ($($name:literal),* $(,)?) => {
        [$(CorpusDocument {
            name: $name,
            text: include_str!(concat!("../../shared/corpus/", $name, ".txt")),
            labels: include_str!(concat!("../../shared/corpus/", $name, ".labels.json")),
        }),*]
    };
}

const CORPUS: [CorpusDocument; 10] = corpus![
    "coe_ets181_additional_protocol_supervisory_authorities_transborder_flows_2001",
    "eu_nis2_directive_2022_2555_information_sharing_articles",
    "incident-response-arrangement",
    "joint-investigation-agreement",
    "multi-category-framework",
    "strong-threat-intel-mou",
    "tricky-exceptions-draft",
    "us_18usc2523_cloud_act_executive_agreements",
    "us_6usc1501_1504_cisa2015_cybersecurity_information_sharing",
    "weak-threat-intel-mou",
];

fn labels(document: &CorpusDocument) -> Value {
    serde_json::from_str(document.labels).expect("labels are JSON")
}

/// The report with the categories the labels were judged for, as the native evaluation does.
fn check_as_labelled(document: &CorpusDocument) -> Value {
    let categories = serde_json::json!({ "categories": labels(document)["categories"] });
    let options = js_sys::JSON::parse(&categories.to_string()).expect("options");
    let report = baseline()
        .check(JsValue::from(strip_corpus_header(document.text)), options)
        .map_err(error_message)
        .expect("a report");
    to_json(report)
}

#[wasm_bindgen_test]
fn the_wasm_build_agrees_with_the_labels_as_the_native_one_must() {
    let (mut correct, mut total) = (0, 0);
    for document in &CORPUS {
        let report = check_as_labelled(document);
        for (id, label) in labels(document)["labels"]
            .as_object()
            .expect("labels object")
        {
            total += 1;
            correct += usize::from(label["status"] == status_of(&report, id));
        }
    }
    let accuracy = correct as f64 / total as f64;
    assert!(
        accuracy >= ACCURACY_FLOOR,
        "accuracy {accuracy:.3} ({correct}/{total})"
    );
}

/// Drafts written to fail: each has several `must` requirements violated (high-confidence
/// labels), so the verdict cannot be anything but fail.
#[wasm_bindgen_test]
fn drafts_written_to_fail_fail() {
    for document in CORPUS.iter().filter(|document| {
        ["weak-threat-intel-mou", "tricky-exceptions-draft"].contains(&document.name)
    }) {
        let report = check(&baseline(), strip_corpus_header(document.text));
        assert_eq!(report["verdict"], "fail", "{}", document.name);
    }
}

#[wasm_bindgen_test]
fn every_requirement_of_the_standard_is_reported_once() {
    let report = check(&baseline(), CORPUS[0].text);
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
/// evidence text, for every piece of evidence in every report; the byte offsets agree.
#[wasm_bindgen_test]
fn utf16_offsets_index_the_javascript_string() {
    let checker = baseline();
    let mut evidence_seen = 0;
    for document in &CORPUS {
        let text = strip_corpus_header(document.text);
        let js_text = js_sys::JsString::from(text);
        let report = check(&checker, text);
        for evidence in all_evidence(&report) {
            evidence_seen += 1;
            let (start, end) = (
                offset(evidence, "start_utf16"),
                offset(evidence, "end_utf16"),
            );
            let slice = String::from(js_text.slice(start, end));
            assert_eq!(
                slice,
                evidence["text"].as_str().unwrap_or_default(),
                "{}: {evidence}",
                document.name
            );
            let bytes = offset(evidence, "start") as usize..offset(evidence, "end") as usize;
            assert_eq!(
                text.get(bytes),
                Some(slice.as_str()),
                "{}: byte offsets",
                document.name
            );
        }
    }
    assert!(evidence_seen > 0, "no evidence in the whole corpus");
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
