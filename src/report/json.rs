//! The JSON report: the contract with the package, the page and other tools. Keys are
//! snake_case and appear in struct order, so the same report is the same bytes on every
//! platform (native and WebAssembly alike).

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use super::Report;

/// Pretty-printed JSON with a trailing newline.
pub fn to_json(report: &Report) -> String {
    let mut json = write(report, Layout::Pretty(PrettyFormatter::new())).unwrap_or_else(|e| {
        // Serialising plain structs of strings and integers cannot fail; say so if it does.
        format!("{{\"error\": {:?}}}", e.to_string())
    });
    json.push('\n');
    json
}

/// JSON without white space, for a reader such as `JSON.parse`.
pub fn to_compact_json<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write(value, Layout::Compact)
}

fn write<T: Serialize + ?Sized>(value: &T, layout: Layout) -> serde_json::Result<String> {
    let mut bytes = Vec::with_capacity(128);
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut bytes, layout))?;
    // serde_json writes UTF-8 only: the lossy branch is never taken.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Either layout as one formatter type, so that every `Serialize` impl of the report is
/// compiled once for both: with serde_json's two formatter types the WebAssembly module
/// carried each twice.
enum Layout {
    Compact,
    Pretty(PrettyFormatter<'static>),
}

/// The methods in which the pretty layout differs from the compact one.
macro_rules! by_layout {
    ($($method:ident($($arg:ident: $type:ty),*);)*) => {$(
        fn $method<W: ?Sized + io::Write>(&mut self, writer: &mut W $(, $arg: $type)*) -> io::Result<()> {
            match self {
                Layout::Compact => CompactFormatter.$method(writer $(, $arg)*),
                Layout::Pretty(pretty) => pretty.$method(writer $(, $arg)*),
            }
        }
    )*};
}

impl Formatter for Layout {
    by_layout! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }
}
