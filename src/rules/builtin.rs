//! The packs compiled into every build: the baseline profile and the bundled overlays, as
//! `build.rs` embeds them (without comments, descriptions and inline examples; the source
//! files in `packs/` are the reference, and their examples run in `cargo test`).

use super::profile::PackSource;

/// The built-in profiles, by id.
pub const PROFILES: &[(&str, &str, &str)] =
    &[("baseline", "baseline.toml", include_str!(concat!(env!("OUT_DIR"), "/baseline.toml")))];

/// The bundled overlays, by id: stricter standards a user can switch on by name.
pub const OVERLAYS: &[(&str, &str, &str)] = &[
    ("eu-strict", "eu-strict.toml", include_str!(concat!(env!("OUT_DIR"), "/overlays-eu-strict.toml"))),
    (
        "judicial-authorisation",
        "judicial-authorisation.toml",
        include_str!(concat!(env!("OUT_DIR"), "/overlays-judicial-authorisation.toml")),
    ),
];

pub fn profile_ids() -> Vec<&'static str> {
    PROFILES.iter().map(|(id, _, _)| *id).collect()
}

pub fn overlay_ids() -> Vec<&'static str> {
    OVERLAYS.iter().map(|(id, _, _)| *id).collect()
}

pub fn profile(id: &str) -> Option<PackSource> {
    find(PROFILES, id)
}

pub fn overlay(id: &str) -> Option<PackSource> {
    find(OVERLAYS, id)
}

fn find(list: &[(&str, &str, &str)], id: &str) -> Option<PackSource> {
    list.iter().find(|(name, _, _)| *name == id).map(|(_, file, text)| PackSource::new(*file, *text))
}

/// True when `text` is one of the packs compiled into this build.
pub fn is_built_in(text: &str) -> bool {
    PROFILES.iter().chain(OVERLAYS).any(|(_, _, built_in)| *built_in == text)
}

/// The source file of a built-in pack, with its comments and examples, for the tests that
/// run those examples.
#[cfg(test)]
pub fn source_file(file: &str) -> PackSource {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/packs");
    let path = if file == "baseline.toml" { format!("{dir}/{file}") } else { format!("{dir}/overlays/{file}") };
    PackSource::new(file, std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}
