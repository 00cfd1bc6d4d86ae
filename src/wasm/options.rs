//! The options object of `check()`, `checkJson()` and `Session.update()`, read from JS.
//!
//! Unknown keys are refused rather than ignored: a typo such as `categores` would otherwise
//! silently give the default, and the embedding tool would never know.

use serde::Serialize;
use wasm_bindgen::{JsError, JsValue};

use super::args::{self, Fields};
use crate::report::{json, markdown, text, Report};
use crate::{CategoryChoice, CheckOptions, Checker};

/// `{categories?: "auto" | "none" | string[], formats?: ("json" | "markdown" | "text")[]}`.
/// Read field by field from the JS object (not through serde: its deserializer and error
/// messages would cost the module some 20 KB).
#[derive(Debug, Default)]
pub(crate) struct JsCheckOptions {
    categories: Option<JsCategories>,
    formats: Vec<Format>,
}

#[derive(Debug)]
enum JsCategories {
    Auto,
    None,
    Selected(Vec<String>),
}

/// A rendering of the report that the caller wants as a string beside the object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Markdown,
    Text,
}

const FORMATS: [(&str, Format); 3] = [
    ("json", Format::Json),
    ("markdown", Format::Markdown),
    ("text", Format::Text),
];

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
    /// Reads the options; `undefined` and `null` mean the defaults, and so do absent fields.
    pub(crate) fn from_js(value: JsValue) -> Result<JsCheckOptions, JsError> {
        if args::is_absent(&value) {
            return Ok(JsCheckOptions::default());
        }
        let fields = Fields::of(&value, "check options", &["categories", "formats"])?;
        let categories = fields
            .get("categories")?
            .map(|value| categories(&fields, &value))
            .transpose()?;
        let formats = match fields.get("formats")? {
            Some(value) => formats(&fields, &value)?,
            None => Vec::new(),
        };
        Ok(JsCheckOptions {
            categories,
            formats,
        })
    }

    /// The engine's options; a selected category must be one the profile knows, as in the CLI.
    pub(crate) fn engine_options(&self, checker: &Checker) -> Result<CheckOptions, JsError> {
        let categories = match &self.categories {
            None | Some(JsCategories::Auto) => CategoryChoice::Auto,
            Some(JsCategories::None) => CategoryChoice::None,
            Some(JsCategories::Selected(ids)) => checker
                .select_categories(ids)
                .map_err(|e| JsError::new(&e))?,
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

fn categories(fields: &Fields, value: &JsValue) -> Result<JsCategories, JsError> {
    let choice = match value.as_string().as_deref() {
        Some("auto") => Some(JsCategories::Auto),
        Some("none") => Some(JsCategories::None),
        Some(_) => None,
        None => args::strings(value).map(JsCategories::Selected),
    };
    choice.ok_or_else(|| fields.invalid("categories: \"auto\", \"none\" or a list of category ids"))
}

fn formats(fields: &Fields, value: &JsValue) -> Result<Vec<Format>, JsError> {
    let names = args::strings(value)
        .ok_or_else(|| fields.invalid("formats: a list of \"json\", \"markdown\" or \"text\""))?;
    names
        .iter()
        .map(|name| {
            FORMATS
                .iter()
                .find(|(known, _)| known == name)
                .map(|(_, format)| *format)
                .ok_or_else(|| {
                    let known: Vec<&str> = FORMATS.iter().map(|(known, _)| *known).collect();
                    fields.invalid(&format!(
                        "unknown format `{name}`, expected one of {}",
                        args::listed(&known)
                    ))
                })
        })
        .collect()
}
