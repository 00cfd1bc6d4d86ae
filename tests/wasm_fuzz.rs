//! Fuzz-like: random bytes, random drafts and random packs through the exported bindings, with
//! a fixed seed. Any panic traps the module and fails the suite; every input must come back
//! as a report, a value or a thrown `Error`.
#![cfg(target_arch = "wasm32")]

mod wasm_support;

use accordlint::wasm::{decode_input, validate_pack, Checker, Session};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_support::*;

const SEED: u64 = 0x00AC_C0D1_1A7E_5EED;

/// SplitMix64: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

const CORPUS_DRAFT: &str = include_str!("../../shared/corpus/tricky-exceptions-draft.txt");

/// Pieces that stress the reader: numbering, hidden and bidi characters, combining marks,
/// huge and vague durations, exceptions, quotes, markup.
const FRAGMENTS: &[&str] = &[
    "Article 14",
    "Art. 5(2)(a)",
    "Sec. 101(a)(1)",
    "(iv)",
    "Chapter II",
    "Annex",
    "1.1.1.1.1.1.1.",
    "shall not be retained for more than two (2) years",
    "may be retained indefinitely",
    "Notwithstanding Article 6, ",
    "except",
    "unless",
    "99999999999999999999 years",
    "ninety days",
    "72 hours",
    "as long as necessary",
    "\u{200B}",
    "\u{202E}",
    "\u{FEFF}",
    "\u{00AD}",
    "e\u{0301}",
    "\u{1F512}",
    "“",
    "—",
    "\r\n",
    "\n\n",
    "\t",
    "<p>",
    "</div>",
    "'Personal data' means",
    "in accordance with Article 7",
    "i.e.",
    "U.S.C.",
    " ",
    "=====\n",
];

fn random_draft(rng: &mut Rng) -> String {
    let mut draft = String::new();
    for _ in 0..rng.below(60) {
        match rng.below(4) {
            0 => {
                let start = rng.below(CORPUS_DRAFT.len());
                let end = (start + rng.below(400)).min(CORPUS_DRAFT.len());
                draft.push_str(CORPUS_DRAFT.get(start..end).unwrap_or(""));
            }
            1 => draft.extend(std::iter::repeat(rng.pick(FRAGMENTS)).take(1 + rng.below(50))),
            2 => draft.push(char::from_u32(rng.next() as u32 % 0x11_0000).unwrap_or('\u{FFFD}')),
            _ => draft.push_str(rng.pick(FRAGMENTS)),
        }
    }
    draft
}

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..rng.below(2048)).map(|_| rng.next() as u8).collect();
    if rng.below(3) == 0 {
        // A zip signature: the .docx reader gets its turn at garbage.
        bytes.splice(0..0, [0x50, 0x4B, 0x03, 0x04]);
    }
    bytes
}

/// A small overlay in the pack format, to be mutated.
const OVERLAY: &str = r#"schema = "accordlint-pack/1"

[pack]
id = "fuzz-overlay"
version = "1.0.0"
title = "Fuzz overlay"
extends = "baseline"

[concepts.access-log]
phrases = ["log of access", "access log"]
patterns = ['\blog(s|ged)?\b']

[[requirements]]
id = "fuzz.access-log"
title = "Access is logged"
principle = "Accountability"
level = "must"
applies_to = ["all"]
message = "Keep a log of access."
suggestion = "Each Party shall keep a log of access to shared data."

[[requirements.checks]]
type = "require"
all = ["access-log"]

[[requirements.tests]]
text = "Each Party shall keep a log of access to shared data."
expect = "met"
"#;

const TOML_NOISE: &[&str] = &[
    "[", "]", "=", "\"", "'", "\n", "#", ".", ",", "{", "}", "[[", "(?", "\\", "*", "0", "must",
    "should", "weak", "\u{0}",
];

fn random_pack(rng: &mut Rng) -> String {
    let mut pack = OVERLAY.to_string();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(pack.len() + 1);
        let at = (0..=at)
            .rev()
            .find(|&index| pack.is_char_boundary(index))
            .unwrap_or(0);
        match rng.below(3) {
            0 => pack.insert_str(at, rng.pick(TOML_NOISE)),
            1 => pack.truncate(at),
            _ => {
                let end = (at + 1..=pack.len())
                    .find(|&index| pack.is_char_boundary(index))
                    .unwrap_or(at);
                pack.replace_range(at..end, "");
            }
        }
    }
    pack
}

#[wasm_bindgen_test]
fn random_drafts_always_get_a_report() {
    let mut rng = Rng(SEED);
    let checker = baseline();
    let mut session = Session::new(&checker);
    for round in 0..120 {
        let draft = random_draft(&mut rng);
        let report = check(&checker, &draft);
        assert!(report["verdict"].is_string(), "round {round}");
        let incremental = session
            .update(JsValue::from(draft), JsValue::UNDEFINED)
            .map_err(error_message)
            .expect("report");
        assert_eq!(
            to_json(incremental),
            report,
            "round {round}: session and check differ"
        );
    }
}

#[wasm_bindgen_test]
fn random_bytes_decode_or_throw() {
    let mut rng = Rng(SEED ^ 1);
    let checker = baseline();
    for name in ["draft.txt", "draft.md", "draft.html", "draft.docx"]
        .iter()
        .cycle()
        .take(200)
    {
        let data = random_bytes(&mut rng);
        if let Ok(text) = decode_input(bytes(&data), (*name).into()) {
            check(&checker, &text);
        }
    }
}

#[wasm_bindgen_test]
fn random_packs_validate_or_report_errors() {
    let mut rng = Rng(SEED ^ 2);
    assert_eq!(
        to_json(validate_pack(OVERLAY.into(), "fuzz.toml".into()).expect("result"))["ok"],
        true
    );
    for round in 0..30 {
        let pack = random_pack(&mut rng);
        let result = to_json(
            validate_pack(pack.as_str().into(), "fuzz.toml".into()).expect("a result, not a throw"),
        );
        let ok = result["ok"].as_bool().expect("ok is a boolean");
        assert_eq!(
            ok,
            result["errors"].as_array().is_some_and(Vec::is_empty),
            "round {round}: {result}"
        );
        let overlay = serde_json::json!([{"name": "fuzz.toml", "text": pack}]).to_string();
        if let Ok(checker) = Checker::new("baseline".into(), options(&overlay)) {
            check(&checker, CORPUS_DRAFT);
        }
    }
}
