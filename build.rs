//! Embeds the built-in rule packs without what only their authors and tests read: comments,
//! descriptions and inline examples (the examples run in `cargo test` from the source files,
//! not at every load), so that the WebAssembly module stays within its size budget.

use std::path::Path;

const PACKS: &[&str] = &["baseline.toml", "overlays/eu-strict.toml", "overlays/judicial-authorisation.toml"];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for pack in PACKS {
        let source = Path::new("src/rules/packs").join(pack);
        println!("cargo:rerun-if-changed={}", source.display());
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        let target = Path::new(&out).join(pack.replace('/', "-"));
        std::fs::write(&target, minify(&text)).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
}

/// Drops comment and blank lines, `description` keys and `[[requirements.tests]]` tables.
/// The packs use no multi-line strings, so a line is a unit.
fn minify(text: &str) -> String {
    let mut kept = String::with_capacity(text.len() / 2);
    let mut in_tests = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            in_tests = trimmed.starts_with("[[requirements.tests]]");
        }
        let dropped = in_tests || trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("description =");
        if !dropped {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}
