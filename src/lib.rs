//! Accordlint: checks cross-border cyber cooperation agreements against minimum privacy
//! standards, entirely on the user's device.
//!
//! The core is pure Rust with no I/O: [`document`] reads a draft into clauses and sentences,
//! [`language`] finds modality, exceptions and durations, [`rules`] loads rule packs (data,
//! not code), [`engine`] evaluates a compiled profile against a document, and [`report`]
//! renders the result. The CLI (`src/main.rs`, `src/cli/`) and the WebAssembly bindings
//! (`src/wasm/`) are thin adapters over it.

pub mod document;
pub mod engine;
pub mod language;
pub mod report;
pub mod rules;
#[cfg(test)]
mod testing;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::{validate_pack, CategoryChoice, CheckOptions, Checker, PackSummary, RequirementInfo, Session};
pub use report::Report;
pub use rules::{PackError, PackSource};

