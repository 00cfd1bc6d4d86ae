//! The packs compiled into every build: the baseline profile and the bundled overlays.

use super::profile::PackSource;

/// The built-in profiles, by id.
pub const PROFILES: &[(&str, &str, &str)] = &[("baseline", "baseline.toml", include_str!("packs/baseline.toml"))];

/// The bundled overlays, by id: stricter standards a user can switch on by name.
pub const OVERLAYS: &[(&str, &str, &str)] = &[
    ("eu-strict", "eu-strict.toml", include_str!("packs/overlays/eu-strict.toml")),
    ("judicial-authorisation", "judicial-authorisation.toml", include_str!("packs/overlays/judicial-authorisation.toml")),
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
