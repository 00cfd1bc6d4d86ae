//! The JSON report: the contract with the package, the page and other tools. Keys are
//! snake_case and appear in struct order, so the same report is the same bytes on every
//! platform (native and WebAssembly alike).

use super::Report;

/// Pretty-printed JSON with a trailing newline.
pub fn to_json(report: &Report) -> String {
    let mut json = serde_json::to_string_pretty(report).unwrap_or_else(|e| {
        // Serialising plain structs of strings and integers cannot fail; say so if it does.
        format!("{{\"error\": {:?}}}", e.to_string())
    });
    json.push('\n');
    json
}
