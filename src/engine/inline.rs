//! A pack's inline tests: example sentences with the status they must get. They run every
//! time a pack is loaded, so a pack cannot drift from what its authors meant.

use super::categories::CategoryChoice;
use super::{CheckOptions, Checker};
use crate::rules::PackError;

pub fn run_all(checker: &Checker) -> Vec<PackError> {
    let mut failures = Vec::new();
    for requirement in &checker.profile.requirements {
        for test in &requirement.tests {
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
