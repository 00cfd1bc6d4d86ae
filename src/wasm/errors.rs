//! Errors crossing into JS: every failure becomes a thrown `Error` with a message a person can
//! act on, and pack errors keep their file, line and column.

use serde::Serialize;
use wasm_bindgen::{JsError, JsValue};

use crate::report::json;
use crate::PackError;

/// Passes a value to JS as `JSON.parse` of its JSON: plain objects in the JSON report's key
/// order, `null` for `None`. Going through the JSON text reuses the serde_json code that
/// `checkJson` needs anyway (a second serializer would double the code of every `Serialize`
/// impl), and one `JSON.parse` is faster than building the object field by field.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let json = json::to_compact_json(value)
        .map_err(|error| JsError::new(&format!("cannot pass the result to JavaScript: {error}")))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("cannot pass the result to JavaScript"))
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
