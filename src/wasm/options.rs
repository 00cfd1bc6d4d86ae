//! The options object of `check()`, `checkJson()` and `Session.update()`, read from JS.
//!
//! Unknown keys are refused rather than ignored: a typo such as `categores` would otherwise
//! silently give the default, and the embedding tool would never know.

use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsError, JsValue};

use super::args;
use super::errors::from_js;
use crate::report::{json, markdown, text, Report};
use crate::{CategoryChoice, CheckOptions, Checker};

/// `{categories?: "auto" | "none" | string[], formats?: ("json" | "markdown" | "text")[]}`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "an object {categories?, formats?}")]
pub(crate) struct JsCheckOptions {
    #[serde(default)]
    categories: Option<JsCategories>,
    #[serde(default)]
    formats: Vec<Format>,
}

#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "categories: \"auto\", \"none\" or a list of category ids"
)]
enum JsCategories {
    Keyword(CategoryKeyword),
    Selected(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum CategoryKeyword {
    Auto,
    None,
}

/// A rendering of the report that the caller wants as a string beside the object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Format {
    Json,
    Markdown,
    Text,
}

/// The renderings asked for, under the report's `rendered` key.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Rendered {
    #[serde(skip_serializing_if = "Option::is_none")]
    json: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

impl JsCheckOptions {
    /// Reads the options; `undefined` and `null` mean the defaults.
    pub(crate) fn from_js(value: JsValue) -> Result<JsCheckOptions, JsError> {
        if args::is_absent(&value) {
            return Ok(JsCheckOptions::default());
        }
        from_js(value, "check options")
    }

    /// The engine's options; a selected category must be one the profile knows, as in the CLI.
    pub(crate) fn engine_options(&self, checker: &Checker) -> Result<CheckOptions, JsError> {
        let categories = match &self.categories {
            None | Some(JsCategories::Keyword(CategoryKeyword::Auto)) => CategoryChoice::Auto,
            Some(JsCategories::Keyword(CategoryKeyword::None)) => CategoryChoice::None,
            Some(JsCategories::Selected(ids)) => checker.select_categories(ids).map_err(|e| JsError::new(&e))?,
        };
        Ok(CheckOptions { categories })
    }

    /// The renderings asked for by `formats`, or `None` when none was.
    pub(crate) fn render(&self, report: &Report) -> Option<Rendered> {
        if self.formats.is_empty() {
            return None;
        }
        let wants = |format| self.formats.contains(&format).then_some(());
        Some(Rendered {
            json: wants(Format::Json).map(|()| json::to_json(report)),
            markdown: wants(Format::Markdown).map(|()| markdown::render(report)),
            text: wants(Format::Text).map(|()| text::render(report)),
        })
    }
}
