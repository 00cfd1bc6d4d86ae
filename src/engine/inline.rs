//! A pack's inline tests: example sentences with the status they must get. They run every
//! time a pack is loaded, so a pack cannot drift from what its authors meant.

use super::categories::CategoryChoice;
use super::{CheckOptions, Checker};
use crate::rules::PackError;

/// Runs the examples of the profile's packs; with `include_built_in` false, only those of
/// packs from outside this build (the built-in ones run in `cargo test`, not at every load).
pub fn run_all(checker: &Checker, include_built_in: bool) -> Vec<PackError> {
    let mut failures = Vec::new();
    for requirement in &checker.profile.requirements {
        for test in requirement.tests.iter().filter(|t| include_built_in || !t.built_in) {
            let categories = test.categories.clone().unwrap_or_else(|| {
                requirement.applies_to.iter().filter(|c| c.as_str() != "all").cloned().collect()
            });
            let options = CheckOptions { categories: CategoryChoice::Selected(categories) };
            let report = checker.check_only(&test.text, &options, Some(&requirement.id));
            let got = report.requirements.iter().find(|r| r.id == requirement.id).map(|r| r.status);
            let got_name = got.map_or("nothing", |s| s.as_str());
            if got_name != test.expect {
                let why = report
                    .requirements
                    .iter()
                    .find(|r| r.id == requirement.id)
                    .map(|r| r.trace.iter().map(|t| t.note.clone()).collect::<Vec<_>>().join("; "))
                    .unwrap_or_default();
                failures.push(PackError {
                    file: test.file.clone(),
                    line: test.line,
                    column: test.column,
                    requirement: Some(requirement.id.clone()),
                    message: format!("inline test expects {}, got {got_name}: {:?}{}", test.expect, test.text, if why.is_empty() { String::new() } else { format!(" ({why})") }),
                });
            }
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::builtin;

    /// The embedded packs carry no examples; their source files do, and loading a source
    /// file (not byte-identical to a built-in pack) runs every one of them.
    #[test]
    fn every_example_of_the_built_in_packs_passes() {
        let base = builtin::source_file("baseline.toml");
        let checker = Checker::from_packs(&base, &[]).unwrap_or_else(|e| panic!("{e:?}"));
        let tests: usize = checker.profile.requirements.iter().map(|r| r.tests.len()).sum();
        assert!(tests >= 43 * 6, "at least six examples per requirement, found {tests}");
        for (_, file, _) in builtin::OVERLAYS {
            let overlay = builtin::source_file(file);
            Checker::from_packs(&base, std::slice::from_ref(&overlay)).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        }
    }

    #[test]
    fn embedded_packs_match_their_sources() {
        let embedded = Checker::new("baseline", &[]).unwrap();
        let source = Checker::from_packs(&builtin::source_file("baseline.toml"), &[]).unwrap();
        assert_eq!(embedded.requirements(), source.requirements());
        assert_eq!(embedded.profile.concept_names, source.profile.concept_names);
    }
}
