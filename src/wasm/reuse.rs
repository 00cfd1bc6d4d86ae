//! The JS objects of a session's requirements, reused from one report to the next.
//!
//! An edit changes few results, but it moves every sentence after it: a requirement whose
//! evidence only moved differs from the previous report in four numbers per sentence. So a
//! requirement that did not change is handed out again as the same frozen object; one whose
//! evidence only moved is a copy of it with the new offsets; only a changed one crosses the
//! boundary as JSON. Crossing a whole report each keystroke would cost more than checking it.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::errors::to_js;
use crate::report::{Evidence, RequirementResult};

/// The requirements of the last report, each with the JS object made of it.
#[derive(Default)]
pub(super) struct RequirementObjects(Vec<(RequirementResult, JsValue)>);

impl RequirementObjects {
    /// The JS array of `requirements`, made from the last report's objects where possible.
    pub fn update(&mut self, requirements: Vec<RequirementResult>) -> Result<Array, JsError> {
        let objects = Array::new();
        let mut kept = Vec::with_capacity(requirements.len());
        for (index, mut result) in requirements.into_iter().enumerate() {
            let object = match self.0.get_mut(index) {
                Some((last, object)) if *last == result => object.clone(),
                Some((last, object)) => {
                    if only_moved(last, &mut result) {
                        moved(object, &result.evidence)?
                    } else {
                        freeze(to_js(&result)?)
                    }
                }
                None => freeze(to_js(&result)?),
            };
            objects.push(&object);
            kept.push((result, object));
        }
        self.0 = kept;
        Ok(objects)
    }
}

/// Whether `new` is `last` with its evidence at other offsets.
fn only_moved(last: &mut RequirementResult, new: &mut RequirementResult) -> bool {
    let same_sentences = last.evidence.len() == new.evidence.len()
        && last.evidence.iter().zip(&new.evidence).all(|(a, b)| same_sentence(a, b));
    if !same_sentences {
        return false;
    }
    // Everything but the evidence compared as a whole, so that no field is forgotten.
    let (last_evidence, new_evidence) = (std::mem::take(&mut last.evidence), std::mem::take(&mut new.evidence));
    let same_rest = last == new;
    last.evidence = last_evidence;
    new.evidence = new_evidence;
    same_rest
}

/// The same sentence, wherever it now stands.
fn same_sentence(a: &Evidence, b: &Evidence) -> bool {
    let Evidence { clause, start: _, end: _, start_utf16: _, end_utf16: _, text, effect, location } = a;
    *clause == b.clause && *text == b.text && *effect == b.effect && *location == b.location
}

/// A frozen copy of a requirement's object with its evidence at new offsets.
fn moved(object: &JsValue, evidence: &[Evidence]) -> Result<JsValue, JsError> {
    let failed = |_| JsError::new("cannot pass the result to JavaScript");
    let copy = Object::assign(&Object::new(), object.unchecked_ref());
    let old_items: Array = Reflect::get(object, &"evidence".into()).map_err(failed)?.unchecked_into();
    let items = Array::new();
    for (old, new) in old_items.iter().zip(evidence) {
        let item = Object::assign(&Object::new(), old.unchecked_ref());
        for (key, value) in [("start", new.start), ("end", new.end), ("start_utf16", new.start_utf16), ("end_utf16", new.end_utf16)] {
            Reflect::set(&item, &key.into(), &(value as f64).into()).map_err(failed)?;
        }
        items.push(&Object::freeze(&item));
    }
    Reflect::set(&copy, &"evidence".into(), &Object::freeze(&items)).map_err(failed)?;
    Ok(Object::freeze(&copy).into())
}

/// Freezes a value made by `JSON.parse` and everything in it.
fn freeze(value: JsValue) -> JsValue {
    if let Some(object) = value.dyn_ref::<Object>() {
        for field in Object::values(object).iter() {
            freeze(field);
        }
        Object::freeze(object);
    }
    value
}
