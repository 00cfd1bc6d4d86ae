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

    #[test]
    fn every_example_of_the_built_in_packs_passes() {
        let overlays: Vec<_> = builtin::overlay_ids().into_iter().filter_map(builtin::overlay).collect();
        for profile in builtin::profile_ids() {
            let checker = Checker::new(profile, &[]).expect("built-in profile");
            assert_eq!(run_all(&checker, true), Vec::new(), "{profile}");
            for overlay in &overlays {
                let checker = Checker::new(profile, std::slice::from_ref(overlay)).expect("bundled overlay");
                assert_eq!(run_all(&checker, true), Vec::new(), "{profile} + {}", overlay.name);
            }
        }
        let tests: usize = Checker::new("baseline", &[]).unwrap().profile.requirements.iter().map(|r| r.tests.len()).sum();
        assert!(tests >= 43 * 6, "at least six examples per requirement, found {tests}");
    }
}
