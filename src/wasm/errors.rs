//! Errors crossing into JS: every failure becomes a thrown `Error` with a message a person can
//! act on, and pack errors keep their file, line and column.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsError, JsValue};

use crate::PackError;

/// Serialises a value the way `JSON.parse(to_json(..))` would see it: plain objects (not
/// `Map`s), `null` for `None`, numbers for integers.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| JsError::new(&format!("cannot pass the result to JavaScript: {error}")))
}

/// Reads a JS value into `T` through JSON, so that `deny_unknown_fields` holds (reading a JS
/// object directly looks up only the known keys, and a misspelt one would pass unseen).
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    let invalid = |error: &dyn std::fmt::Display| JsError::new(&format!("invalid {what}: {error}"));
    let json: serde_json::Value = serde_wasm_bindgen::from_value(value).map_err(|e| invalid(&e))?;
    serde_json::from_value(json).map_err(|error| invalid(&error))
}

/// One `Error` for a refused pack: a headline, then one `file:line:col: message` per line.
pub(crate) fn pack_errors_to_js(headline: &str, errors: &[PackError]) -> JsError {
    let details: Vec<String> = errors.iter().map(ToString::to_string).collect();
    JsError::new(&format!("{headline}:\n{}", details.join("\n")))
}

/// A pack problem as `validatePack` reports it.
#[derive(Serialize)]
pub(crate) struct JsPackError<'a> {
    line: usize,
    column: usize,
    message: &'a str,
    requirement: Option<&'a str>,
}

impl<'a> From<&'a PackError> for JsPackError<'a> {
    fn from(error: &'a PackError) -> Self {
        JsPackError {
            line: error.line,
            column: error.column,
            message: &error.message,
            requirement: error.requirement.as_deref(),
        }
    }
}
