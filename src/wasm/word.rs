//! Word (.docx) documents, in the `word` build only (`--features word`, `pkg/word/`). The
//! reader and the comment writer are a large part of the core; keeping them out of the main
//! package keeps it small for the pages that never open a .docx, and a page loads this build
//! only when a .docx is opened.
//!
//! - `checker.checkDocx(bytes, options?)` → `Report` (with `document.hidden_text`,
//!   `document.revisions` and each evidence's `location` in the .docx),
//!   `checker.checkDocxJson(bytes, options?)` → the CLI's JSON for the same file;
//! - `checker.annotateDocx(bytes, options?)` → `{report, bytes}`: the report and a copy of
//!   the document with one Word comment per finding (the input is never modified);
//! - `decodeDocx(bytes)` → the text that is checked (changes accepted, hidden text left out).
//!
//! A file that is not a readable .docx throws an `Error` with the reader's message.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use super::args;
use super::checker::{report_to_js, Checker};
use super::options::JsCheckOptions;
use crate::document::docx::{self, DocxError};
use crate::report::json;

#[wasm_bindgen(typescript_custom_section)]
const WORD_TYPES: &str = r#"
/** What `annotateDocx` returns: the report and the annotated copy of the .docx. */
export interface AnnotatedDocx {
  report: Report;
  bytes: Uint8Array;
}
"#;

impl Checker {
    /// Reads the arguments and checks the .docx: what `checkDocx` and `checkDocxJson` share.
    fn docx_report(&self, bytes: &JsValue, options: JsValue) -> Result<(crate::Report, JsCheckOptions), JsError> {
        let (bytes, options) = read_docx_args(bytes, options)?;
        let engine_options = options.engine_options(&self.inner)?;
        let report = self.inner.check_docx(&bytes, &engine_options).map_err(docx_error)?;
        Ok((report, options))
    }
}

#[wasm_bindgen]
impl Checker {
    /// Checks a .docx as its reader sees it; the report as a plain object, like `check`.
    #[wasm_bindgen(js_name = checkDocx, unchecked_return_type = "Report")]
    pub fn check_docx(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let (report, options) = self.docx_report(&bytes, options)?;
        report_to_js(&report, &options)
    }

    /// Checks a .docx and returns the JSON report as a string, byte for byte what
    /// `accordlint check draft.docx --format json` prints.
    #[wasm_bindgen(js_name = checkDocxJson)]
    pub fn check_docx_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: JsValue,
    ) -> Result<String, JsError> {
        let (report, _) = self.docx_report(&bytes, options)?;
        Ok(json::to_json(&report))
    }

    /// Checks a .docx and returns `{report, bytes}`: the report and the annotated copy.
    #[wasm_bindgen(js_name = annotateDocx, unchecked_return_type = "AnnotatedDocx")]
    pub fn annotate_docx(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let (bytes, options) = read_docx_args(&bytes, options)?;
        let engine_options = options.engine_options(&self.inner)?;
        let (report, annotated) = self
            .inner
            .annotate_docx(&bytes, &engine_options)
            .map_err(docx_error)?;
        let result = Object::new();
        set(&result, "report", &report_to_js(&report, &options)?)?;
        set(&result, "bytes", &Uint8Array::from(annotated.as_slice()))?;
        Ok(result.into())
    }
}

/// The text of a .docx as it is checked: tracked changes accepted, hidden text left out.
#[wasm_bindgen(js_name = decodeDocx)]
pub fn decode_docx(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
) -> Result<String, JsError> {
    let bytes = args::bytes(&bytes, "the .docx bytes")?;
    docx::read(&bytes).map(|docx| docx.text).map_err(docx_error)
}

fn read_docx_args(bytes: &JsValue, options: JsValue) -> Result<(Vec<u8>, JsCheckOptions), JsError> {
    Ok((
        args::bytes(bytes, "the .docx bytes")?,
        JsCheckOptions::from_js(options)?,
    ))
}

fn docx_error(error: DocxError) -> JsError {
    JsError::new(&error.to_string())
}

fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsError> {
    Reflect::set(target, &JsValue::from_str(key), value)
        .map(drop)
        .map_err(|_| JsError::new("cannot pass the result to JavaScript"))
}
