//! Rule packs as a pack author meets them: the bundled overlays tighten the baseline, an
//! overlay that relaxes it is refused with file, line and requirement, a broken pack gets
//! its line and column, and a pack whose inline tests fail is refused.

use accordlint::rules::builtin;
use accordlint::{validate_pack, CategoryChoice, CheckOptions, Checker, PackSource};

fn fixture(name: &str) -> PackSource {
    let path = format!("{}/tests/data/packs/{name}", env!("CARGO_MANIFEST_DIR"));
    PackSource::new(name, std::fs::read_to_string(&path).expect("fixture"))
}

fn status(checker: &Checker, text: &str, id: &str) -> String {
    let options = CheckOptions { categories: CategoryChoice::Selected(vec!["joint-investigation".into(), "threat-intel".into(), "incident-response".into()]) };
    let report = checker.check(text, &options);
    report.requirements.iter().find(|r| r.id == id).expect("requirement reported").status.as_str().to_string()
}

#[test]
fn bundled_overlays_load_and_tighten_limits() {
    let baseline = Checker::new("baseline", &[]).expect("baseline");
    let strict = Checker::new("baseline", &[builtin::overlay("eu-strict").expect("bundled")]).expect("eu-strict loads");
    let draft = "Article 8\n\nPersonal data received under this Agreement shall be deleted no later than three years after receipt.\n";
    assert_eq!(status(&baseline, draft, "retention.limit"), "met");
    assert_eq!(status(&strict, draft, "retention.limit"), "violated", "three years is beyond the overlay's two");
    let report = strict.check(draft, &CheckOptions::default());
    assert_eq!(report.profile.overlays.len(), 1);
    assert_eq!(report.profile.overlays[0].id, "eu-strict");
    for id in builtin::overlay_ids() {
        Checker::new("baseline", &[builtin::overlay(id).unwrap()]).unwrap_or_else(|e| panic!("{id}: {e:?}"));
    }
}

#[test]
fn an_overlay_that_relaxes_the_baseline_is_refused_with_file_line_and_id() {
    let errors = Checker::new("baseline", &[fixture("weakening-overlay.toml")]).expect_err("must be refused");
    let lowered = errors.iter().find(|e| e.requirement.as_deref() == Some("retention.deletion")).expect("the lowered level is named");
    assert_eq!((lowered.file.as_str(), lowered.line), ("weakening-overlay.toml", 17), "{lowered}");
    assert!(lowered.message.contains("must to should"), "{lowered}");
    let raised = errors.iter().find(|e| e.requirement.as_deref() == Some("retention.limit")).expect("the raised limit is named");
    assert!(raised.line >= 21 && raised.line <= 25, "{raised}");
    assert!(raised.message.contains("raise a limit"), "{raised}");
}

#[test]
fn a_syntax_error_names_its_line_and_column() {
    let errors = validate_pack(&fixture("bad-syntax.toml")).expect_err("broken TOML");
    assert_eq!(errors.len(), 1);
    let error = &errors[0];
    assert_eq!((error.file.as_str(), error.line), ("bad-syntax.toml", 9), "{error}");
    assert!(error.column > 1, "{error}");
}

#[test]
fn a_pack_whose_inline_tests_fail_is_refused() {
    let text = r#"
schema = "accordlint-pack/1"
[pack]
id = "tiny"
version = "1.0.0"
title = "Tiny"

[concepts.retention]
phrases = ["retain*", "kept"]

[[requirements]]
id = "tiny.retention"
title = "Retention is limited"
principle = "Retention"
level = "must"
message = "State a retention period."
suggestion = "Data shall be kept for no longer than two years."
[[requirements.checks]]
type = "limit"
concept = "retention"
max_days = 730
[[requirements.tests]]
text = "Data shall be kept for no longer than two years."
expect = "met"
[[requirements.tests]]
text = "Data shall be kept for five years."
expect = "met"
"#;
    let errors = validate_pack(&PackSource::new("tiny.toml", text)).expect_err("the second example fails");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 25, "points at the failing example: {}", errors[0]);
    assert!(errors[0].message.contains("expects met, got violated"), "{}", errors[0]);
}

#[test]
fn unknown_concepts_and_bad_patterns_are_named() {
    let text = r#"
schema = "accordlint-pack/1"
[pack]
id = "typos"
version = "1.0.0"
title = "Typos"

[concepts.retention]
patterns = ['retain(']

[[requirements]]
id = "typos.one"
title = "One"
principle = "P"
level = "must"
message = "m"
suggestion = "s"
[[requirements.checks]]
type = "require"
all = ["retension"]
"#;
    let errors = validate_pack(&PackSource::new("typos.toml", text)).expect_err("two mistakes");
    assert!(errors.iter().any(|e| e.line == 9 && e.message.contains("invalid pattern")), "{errors:?}");
    assert!(errors.iter().any(|e| e.message.contains("unknown concept \"retension\"") && e.requirement.as_deref() == Some("typos.one")), "{errors:?}");
}
