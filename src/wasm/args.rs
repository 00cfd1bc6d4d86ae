//! Arguments as JS passes them. wasm-bindgen's own `&str` and `&[u8]` parameters trust the
//! caller: handed a number or an object where a string belongs, the generated glue writes out
//! of bounds and the module traps for good. Taking `JsValue` and checking it here turns the same
//! mistake into a thrown `Error` that says what was expected.

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::{JsCast, JsError, JsValue};

/// A required string argument.
pub(crate) fn string(value: &JsValue, what: &str) -> Result<String, JsError> {
    value
        .as_string()
        .ok_or_else(|| expected(what, "a string", value))
}

/// An optional string argument: `undefined` and `null` mean absent.
pub(crate) fn optional_string(value: &JsValue, what: &str) -> Result<Option<String>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    string(value, what).map(Some)
}

/// Bytes given as a `Uint8Array` or an `ArrayBuffer`.
pub(crate) fn bytes(value: &JsValue, what: &str) -> Result<Vec<u8>, JsError> {
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        return Ok(array.to_vec());
    }
    if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        return Ok(Uint8Array::new(buffer).to_vec());
    }
    Err(expected(what, "a Uint8Array or an ArrayBuffer", value))
}

/// Whether an optional object argument was left out.
pub(crate) fn is_absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

fn expected(what: &str, kind: &str, value: &JsValue) -> JsError {
    let actual = value.js_typeof().as_string().unwrap_or_default();
    JsError::new(&format!("{what} must be {kind}, not {actual}"))
}
