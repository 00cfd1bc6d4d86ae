//! The WebAssembly bindings: a thin adapter that lets any web page use the checker, with
//! nothing leaving the browser. `wasm-pack build --target web` (see `make pkg`) turns this into
//! the package in `pkg/`; `js/worker.js` and `js/accordlint-client.js` run it off the main
//! thread.
//!
//! The JS API (TypeScript types in `types.d.ts`, shipped in the generated `.d.ts`):
//! - `new Checker(profileId, overlays?)`, `checker.check(text, options?)` → `Report`,
//!   `checker.checkJson(text, options?)` → the CLI's JSON, `checker.rules()`,
//!   `Checker.profiles()`, `Checker.version()`;
//! - `new Session(checker)`, `session.update(text, options?)` → `Report`, incrementally;
//! - `validatePack(toml, name?)` → `{ok, errors}`, `decodeInput(bytes, name)` → `string`,
//!   `version()`;
//! - in the `word` build only (`pkg/word/`, see `word.rs`): `checker.checkDocx(bytes,
//!   options?)`, `checker.checkDocxJson(bytes, options?)`, `checker.annotateDocx(bytes,
//!   options?)` → `{report, bytes}`, `decodeDocx(bytes)`.
//!
//! Report keys are snake_case, exactly as in the JSON report. Every failure is a thrown JS
//! `Error`; the core never panics on input, and nothing here adds a way to.

mod args;
mod checker;
mod errors;
mod options;
mod reuse;
#[cfg(feature = "word")]
mod word;

use serde::Serialize;
use wasm_bindgen::prelude::*;

pub use checker::{Checker, Session};
use errors::{to_js, JsPackError};

use crate::PackSummary;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Reports a Rust panic (a bug, never an input's fault) on the console before the module
/// traps, so that it can be reported. One string formatting: cheap.
#[wasm_bindgen(start, skip_typescript)]
fn report_panics_on_console() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("accordlint: internal error: {info}").into());
    }));
}

/// The version of accordlint.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The result of `validatePack`: `summary` when the pack is valid, `errors` otherwise.
#[derive(Serialize)]
struct PackValidation<'a> {
    ok: bool,
    errors: Vec<JsPackError<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<PackSummary>,
}

/// Validates a rule pack (a profile or an overlay) and runs its inline tests, without
/// throwing: problems come back as `{ok: false, errors: [{line, column, message,
/// requirement}]}`; a valid pack as `{ok: true, errors: [], summary}`.
#[wasm_bindgen(js_name = validatePack, unchecked_return_type = "PackValidation")]
pub fn validate_pack(
    #[wasm_bindgen(unchecked_param_type = "string")] toml: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: JsValue,
) -> Result<JsValue, JsError> {
    let pack = crate::PackSource {
        name: args::optional_string(&name, "the pack's name")?
            .unwrap_or_else(|| "pack.toml".into()),
        text: args::string(&toml, "the pack")?,
    };
    match crate::validate_pack(&pack) {
        Ok(summary) => to_js(&PackValidation {
            ok: true,
            errors: Vec::new(),
            summary: Some(summary),
        }),
        Err(errors) => to_js(&PackValidation {
            ok: false,
            errors: errors.iter().map(JsPackError::from).collect(),
            summary: None,
        }),
    }
}

/// Decodes the bytes of an opened file (`name` says how: `.txt`, `.md`, `.html`, `.docx`)
/// into the text to check. Throws an `Error` naming the file and byte offset when it is not
/// text.
#[wasm_bindgen(js_name = decodeInput)]
pub fn decode_input(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
) -> Result<String, JsError> {
    let bytes = args::bytes(&bytes, "the file's bytes")?;
    let name = args::string(&name, "the file name")?;
    crate::document::input::decode(&bytes, &name).map_err(|error| JsError::new(&error.to_string()))
}
