//! Arguments as JS passes them. wasm-bindgen's own `&str` and `&[u8]` parameters trust the
//! caller: handed a number or an object where a string belongs, the generated glue writes out
//! of bounds and the module traps for good. Taking `JsValue` and checking it here turns the same
//! mistake into a thrown `Error` that says what was expected.

use js_sys::{Array, ArrayBuffer, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsError, JsValue};

/// A required string argument.
pub(crate) fn string(value: &JsValue, what: &str) -> Result<String, JsError> {
    value
        .as_string()
        .ok_or_else(|| expected(what, "a string", value))
}

/// A string argument that may be long (a draft), encoded by the engine's own `TextEncoder`
/// straight into wasm memory: for a long text that is many times faster than `as_string`,
/// which copies the ASCII part character by character in JavaScript.
pub(crate) fn long_string(value: &JsValue, what: &str) -> Result<String, JsError> {
    let text: &JsString = value.dyn_ref().ok_or_else(|| expected(what, "a string", value))?;
    // A UTF-16 code unit takes at most three bytes of UTF-8.
    let mut bytes: Vec<u8> = Vec::with_capacity(text.length() as usize * 3);
    // SAFETY: the view into wasm memory lives only for the call to `encodeInto`, which
    // allocates nothing in wasm, so memory cannot grow and move under it; `written` bytes of
    // the buffer are then initialised.
    unsafe {
        let view = Uint8Array::view_mut_raw(bytes.as_mut_ptr(), bytes.capacity());
        let written = TextEncoder::new().encode_into(text, &view).written() as usize;
        bytes.set_len(written.min(bytes.capacity()));
    }
    // encodeInto writes well-formed UTF-8 (a lone surrogate becomes U+FFFD).
    String::from_utf8(bytes).map_err(|_| expected(what, "a string", value))
}

#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsString, destination: &Uint8Array) -> EncodeIntoResult;
    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> f64;
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

/// An object argument's fields, read by name. Keys other than `known` are refused rather than
/// ignored: a typo such as `categores` would otherwise silently give the default, and the
/// embedding tool would never know.
pub(crate) struct Fields<'a> {
    object: &'a JsValue,
    what: &'a str,
}

impl<'a> Fields<'a> {
    /// `value` must be a plain object (not an array, not a function) with only `known` keys.
    pub(crate) fn of(
        value: &'a JsValue,
        what: &'a str,
        known: &[&str],
    ) -> Result<Fields<'a>, JsError> {
        if !value.is_object() || Array::is_array(value) {
            let actual = if Array::is_array(value) {
                "array".into()
            } else {
                value.js_typeof().as_string().unwrap_or_default()
            };
            return Err(invalid(what, &format!("expected an object, not {actual}")));
        }
        let fields = Fields {
            object: value,
            what,
        };
        for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !known.contains(&key.as_str()) {
                return Err(fields.invalid(&format!(
                    "unknown field `{key}`, expected one of {}",
                    listed(known)
                )));
            }
        }
        Ok(fields)
    }

    /// The field `name`, or `None` when it is absent, `undefined` or `null`.
    pub(crate) fn get(&self, name: &str) -> Result<Option<JsValue>, JsError> {
        let value = Reflect::get(self.object, &JsValue::from_str(name))
            .map_err(|_| self.invalid(&format!("cannot read `{name}`")))?;
        Ok((!is_absent(&value)).then_some(value))
    }

    /// A required string field.
    pub(crate) fn string(&self, name: &str) -> Result<String, JsError> {
        self.get(name)?
            .and_then(|value| value.as_string())
            .ok_or_else(|| self.invalid(&format!("`{name}` must be a string")))
    }

    /// An error about this argument: "invalid {what}: {reason}".
    pub(crate) fn invalid(&self, reason: &str) -> JsError {
        invalid(self.what, reason)
    }
}

/// The strings of an array, or `None` when `value` is not an array of strings.
pub(crate) fn strings(value: &JsValue) -> Option<Vec<String>> {
    value
        .dyn_ref::<Array>()?
        .iter()
        .map(|item| item.as_string())
        .collect()
}

/// The items of an array, or `None` when `value` is not one.
pub(crate) fn items(value: &JsValue) -> Option<Vec<JsValue>> {
    value.dyn_ref::<Array>().map(|array| array.iter().collect())
}

/// "`a`, `b`, `c`": a list of accepted words for a message.
pub(crate) fn listed(words: &[&str]) -> String {
    words
        .iter()
        .map(|word| format!("`{word}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn invalid(what: &str, reason: &str) -> JsError {
    JsError::new(&format!("invalid {what}: {reason}"))
}
