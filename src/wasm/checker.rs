//! `Checker` and `Session`: a compiled profile, and an editor's incremental view of one draft.

use std::sync::Arc;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::args;
use super::args::Fields;
use super::errors::{pack_errors_to_js, to_js};
use super::options::{JsCheckOptions, Rendered};
use super::reuse::RequirementObjects;
use crate::report::{json, Report};
use crate::{PackSource, Session as EngineSession};

/// The report as `check()` returns it: the JSON report's fields, plus `rendered` when asked.
#[derive(Serialize)]
struct ReportWithRenderings<'a> {
    #[serde(flatten)]
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    rendered: Option<Rendered>,
}

/// A profile (baseline plus overlays) compiled once, to check any number of documents.
/// Cloning shares the compiled profile.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Checker {
    pub(super) inner: Arc<crate::Checker>,
}

#[wasm_bindgen]
impl Checker {
    /// Compiles `profile` ("baseline") with the overlay packs `[{name, text}]`. Throws an
    /// `Error` listing every problem as `file:line:col: message` when a pack is refused.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] profile: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PackText[]")] overlays: JsValue,
    ) -> Result<Checker, JsError> {
        let profile = args::string(&profile, "the profile id")?;
        let overlays = read_overlays(overlays)?;
        crate::Checker::new(&profile, &overlays)
            .map(|checker| Checker {
                inner: Arc::new(checker),
            })
            .map_err(|errors| {
                pack_errors_to_js(&format!("cannot load profile '{profile}'"), &errors)
            })
    }

    /// Checks a draft and returns the report as a plain object (the JSON report's schema).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let (text, options) = read_check_args(&text, options)?;
        report_to_js(
            &self
                .inner
                .check(&text, &options.engine_options(&self.inner)?),
            &options,
        )
    }

    /// Checks a draft and returns the JSON report as a string, byte for byte what
    /// `accordlint check --format json` prints for the same text.
    #[wasm_bindgen(js_name = checkJson)]
    pub fn check_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: JsValue,
    ) -> Result<String, JsError> {
        let (text, options) = read_check_args(&text, options)?;
        Ok(json::to_json(
            &self
                .inner
                .check(&text, &options.engine_options(&self.inner)?),
        ))
    }

    /// The requirements of the compiled profile.
    #[wasm_bindgen(unchecked_return_type = "RequirementInfo[]")]
    pub fn rules(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.requirements())
    }

    /// The ids of the built-in profiles and overlays.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn profiles() -> Result<JsValue, JsError> {
        to_js(&crate::Checker::profile_ids())
    }

    /// The version of accordlint (the same as the CLI's).
    pub fn version() -> String {
        super::version()
    }
}

/// Incremental checking for editors: give it the whole text after each edit; clauses whose
/// content did not change are not evaluated again.
#[wasm_bindgen]
pub struct Session {
    inner: EngineSession,
    /// The session's profile, to read its options against.
    checker: Arc<crate::Checker>,
    /// The JS objects of the last report's requirements, reused by the next.
    requirements: RequirementObjects,
}

#[wasm_bindgen]
impl Session {
    #[wasm_bindgen(constructor)]
    pub fn new(checker: &Checker) -> Session {
        Session {
            inner: EngineSession::new(Arc::clone(&checker.inner)),
            checker: Arc::clone(&checker.inner),
            requirements: RequirementObjects::default(),
        }
    }

    /// Checks the new text, reusing the results of unchanged clauses; same report as `check`.
    /// Requirements whose result did not change are the same objects as in the previous
    /// report, frozen: treat reports as read-only (see `reuse.rs`).
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let (text, options) = read_check_args(&text, options)?;
        let mut report = self
            .inner
            .update(&text, &options.engine_options(&self.checker)?);
        let rendered = options.render(&report);
        let objects = self
            .requirements
            .update(std::mem::take(&mut report.requirements))?;
        let value = to_js(&ReportWithRenderings { report: &report, rendered })?;
        js_sys::Reflect::set(&value, &JsValue::from_str("requirements"), &objects)
            .map_err(|_| JsError::new("cannot pass the result to JavaScript"))?;
        Ok(value)
    }
}

fn read_check_args(text: &JsValue, options: JsValue) -> Result<(String, JsCheckOptions), JsError> {
    Ok((
        args::long_string(text, "the text to check")?,
        JsCheckOptions::from_js(options)?,
    ))
}

/// The overlay packs as JS passes them: `[{name, text}]`.
fn read_overlays(overlays: JsValue) -> Result<Vec<PackSource>, JsError> {
    if args::is_absent(&overlays) {
        return Ok(Vec::new());
    }
    const WHAT: &str = "overlays (an array of {name, text})";
    let packs = args::items(&overlays)
        .ok_or_else(|| JsError::new(&format!("invalid {WHAT}: expected an array")))?;
    packs
        .iter()
        .map(|pack| {
            let fields = Fields::of(pack, WHAT, &["name", "text"])?;
            Ok(PackSource {
                name: fields.string("name")?,
                text: fields.string("text")?,
            })
        })
        .collect()
}

pub(super) fn report_to_js(report: &Report, options: &JsCheckOptions) -> Result<JsValue, JsError> {
    to_js(&ReportWithRenderings {
        report,
        rendered: options.render(report),
    })
}
