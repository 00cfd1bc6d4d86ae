//! The JS-facing API of the WebAssembly build: shapes, options, errors as JS `Error`s, and the
//! incremental session agreeing with a full check.
#![cfg(target_arch = "wasm32")]

mod wasm_support;

use accordlint::wasm::{decode_input, validate_pack, version, Checker, Session};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_support::*;

const DRAFT: &str = include_str!("../../shared/corpus/weak-threat-intel-mou.txt");

#[wasm_bindgen_test]
fn check_returns_the_same_report_as_check_json() {
    let checker = baseline();
    let object = checker
        .check(JsValue::from(DRAFT), JsValue::UNDEFINED)
        .map_err(error_message)
        .expect("report");
    let json = checker
        .check_json(JsValue::from(DRAFT), JsValue::UNDEFINED)
        .map_err(error_message)
        .expect("json");
    assert_eq!(
        to_json(object),
        serde_json::from_str::<serde_json::Value>(&json).expect("JSON")
    );
    assert!(json.ends_with("}\n"), "the CLI's JSON ends with a newline");
}

#[wasm_bindgen_test]
fn the_report_object_keeps_the_json_key_order() {
    let checker = baseline();
    let object = checker
        .check(JsValue::from(DRAFT), JsValue::UNDEFINED)
        .map_err(error_message)
        .expect("report");
    let keys: Vec<String> = js_sys::Object::keys(&object.into())
        .iter()
        .filter_map(|key| key.as_string())
        .collect();
    assert_eq!(
        keys,
        [
            "schema",
            "tool",
            "profile",
            "categories",
            "verdict",
            "summary",
            "requirements",
            "document"
        ]
    );
}

#[wasm_bindgen_test]
fn formats_add_renderings_beside_the_report() {
    let checker = baseline();
    let report = to_json(
        checker
            .check(
                JsValue::from(DRAFT),
                options(r#"{"formats": ["json", "markdown"]}"#),
            )
            .map_err(error_message)
            .expect("report"),
    );
    let json = checker
        .check_json(JsValue::from(DRAFT), JsValue::UNDEFINED)
        .map_err(error_message)
        .expect("json");
    assert_eq!(report["rendered"]["json"], json.as_str());
    assert!(report["rendered"]["markdown"]
        .as_str()
        .is_some_and(|text| !text.is_empty()));
    assert!(
        report["rendered"].get("text").is_none(),
        "text was not asked for"
    );
    assert!(
        check(&checker, DRAFT).get("rendered").is_none(),
        "no formats, no renderings"
    );
}

#[wasm_bindgen_test]
fn selected_categories_replace_detection() {
    let checker = baseline();
    let chosen = options(r#"{"categories": ["joint-investigation"]}"#);
    let report = to_json(
        checker
            .check(JsValue::from(DRAFT), chosen)
            .map_err(error_message)
            .expect("report"),
    );
    assert_eq!(category_ids(&report), ["joint-investigation"]);
    assert_eq!(report["categories"][0]["source"], "selected");
    let none = to_json(
        checker
            .check(JsValue::from(DRAFT), options(r#"{"categories": "none"}"#))
            .map_err(error_message)
            .expect("report"),
    );
    assert!(category_ids(&none).is_empty());
}

#[wasm_bindgen_test]
fn bad_options_throw_an_error_that_names_the_problem() {
    let checker = baseline();
    for (options_json, expected) in [
        (r#"{"categores": "auto"}"#, "categores"),
        (r#"{"formats": ["pdf"]}"#, "pdf"),
        (r#"{"categories": 7}"#, "invalid check options"),
        (r#"{"categories": "some"}"#, "a list of category ids"),
        (r#"{"categories": ["threat-intel", 2]}"#, "a list of category ids"),
        (r#"{"formats": "json"}"#, "formats: a list of"),
        (r#""auto""#, "expected an object, not string"),
        (r#"[]"#, "expected an object, not array"),
    ] {
        let error = checker
            .check(JsValue::from(DRAFT), options(options_json))
            .err()
            .expect("an error");
        let message = error_message(error);
        assert!(message.contains(expected), "{options_json}: {message}");
    }
}

/// wasm-bindgen's own string glue would write out of bounds for a number: the module must
/// throw instead, and keep working.
#[wasm_bindgen_test]
fn arguments_of_the_wrong_type_throw() {
    let checker = baseline();
    let message = error_message(
        checker
            .check(JsValue::from(42), JsValue::UNDEFINED)
            .err()
            .expect("an error"),
    );
    assert_eq!(message, "the text to check must be a string, not number");
    let message = error_message(
        decode_input("text".into(), "a.txt".into())
            .err()
            .expect("an error"),
    );
    assert!(message.contains("Uint8Array"), "{message}");
    assert!(Checker::new(JsValue::NULL, JsValue::UNDEFINED).is_err());
    assert!(validate_pack(JsValue::from(1), JsValue::UNDEFINED).is_err());
    assert_eq!(check(&checker, DRAFT), check(&checker, DRAFT));
}

#[wasm_bindgen_test]
fn an_unknown_profile_throws() {
    let message = error_message(
        Checker::new("no-such-profile".into(), JsValue::UNDEFINED)
            .err()
            .expect("an error"),
    );
    assert!(message.contains("no-such-profile"), "{message}");
}

#[wasm_bindgen_test]
fn a_broken_overlay_throws_with_file_line_and_column() {
    let overlays =
        options(r#"[{"name": "broken.toml", "text": "schema = \"accordlint-pack/1\"\n[pack\n"}]"#);
    let message = error_message(
        Checker::new("baseline".into(), overlays)
            .err()
            .expect("an error"),
    );
    assert!(message.contains("broken.toml:2:"), "{message}");
}

#[wasm_bindgen_test]
fn overlays_must_be_name_and_text_objects() {
    let message = error_message(
        Checker::new("baseline".into(), options(r#"["just text"]"#))
            .err()
            .expect("an error"),
    );
    assert!(
        message.contains("invalid overlays (an array of {name, text})"),
        "{message}"
    );
    for (overlays_json, expected) in [
        (r#"{"name": "a.toml", "text": ""}"#, "expected an array"),
        (r#"[{"name": "a.toml", "text": "", "id": 1}]"#, "unknown field `id`"),
        (r#"[{"name": "a.toml"}]"#, "`text` must be a string"),
        (r#"[{"name": 7, "text": ""}]"#, "`name` must be a string"),
    ] {
        let message = error_message(Checker::new("baseline".into(), options(overlays_json)).err().expect(overlays_json));
        assert!(message.contains(expected), "{overlays_json}: {message}");
    }
}

/// Absent, `undefined` and `null` fields take their defaults.
#[wasm_bindgen_test]
fn null_option_fields_take_their_defaults() {
    let checker = baseline();
    let report = |options_json: &str| to_json(checker.check(JsValue::from(DRAFT), options(options_json)).map_err(error_message).expect(options_json));
    let defaults = report("{}");
    assert_eq!(report(r#"{"categories": null, "formats": null}"#), defaults);
    assert!(defaults.get("rendered").is_none());
}

#[wasm_bindgen_test]
fn validate_pack_reports_problems_without_throwing() {
    let result = to_json(
        validate_pack("schema = 3\n[pack\nid = ".into(), "bad.toml".into()).expect("result"),
    );
    assert_eq!(result["ok"], false);
    let first = &result["errors"][0];
    assert!(
        first["line"].as_u64().is_some_and(|line| line >= 1),
        "{result}"
    );
    assert!(
        first["column"].as_u64().is_some_and(|column| column >= 1),
        "{result}"
    );
    assert!(first["message"]
        .as_str()
        .is_some_and(|message| !message.is_empty()));
}

#[wasm_bindgen_test]
fn rules_list_every_requirement() {
    let rules = to_json(baseline().rules().map_err(error_message).expect("rules"));
    let ids: Vec<&str> = rules
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|rule| rule["id"].as_str())
        .collect();
    assert_eq!(ids, requirement_ids());
    assert!(Checker::profiles().is_ok_and(|ids| to_json(ids)
        .as_array()
        .is_some_and(|ids| ids.contains(&"baseline".into()))));
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
    assert_eq!(Checker::version(), version());
}

#[wasm_bindgen_test]
fn decode_input_refuses_binary_with_an_error() {
    let message = error_message(
        decode_input(
            bytes(&[0x50, 0x4b, 0xff, 0xfe, 0x00, 0x01]),
            "scan.txt".into(),
        )
        .err()
        .expect("an error"),
    );
    assert!(message.contains("scan.txt"), "{message}");
    assert_eq!(
        decode_input(bytes(b"Article 1"), "a.txt".into())
            .map_err(error_message)
            .expect("text"),
        "Article 1"
    );
}

/// A session re-checking after edits gives exactly what a fresh check gives.
#[wasm_bindgen_test]
fn session_updates_equal_full_checks() {
    let checker = baseline();
    let mut session = Session::new(&checker);
    let edited = DRAFT.replacen("indefinitely", "for two years", 1);
    let removed = DRAFT.replacen("Paragraph 7", "", 1);
    for text in [DRAFT, edited.as_str(), DRAFT, removed.as_str(), ""] {
        let incremental = to_json(
            session
                .update(JsValue::from(text), JsValue::UNDEFINED)
                .map_err(error_message)
                .expect("report"),
        );
        assert_eq!(incremental, check(&checker, text));
    }
}
