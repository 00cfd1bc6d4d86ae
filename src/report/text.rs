//! The report for a terminal: one line per requirement, grouped by principle, with the
//! deciding clause; what needs attention carries its message.

use super::{Report, Status};
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let title = report.document.title.as_deref().unwrap_or("Draft");
    let s = &report.summary;
    let _ = writeln!(out, "{title}");
    let _ = writeln!(
        out,
        "Verdict: {}  ({} met, {} weak, {} missing, {} violated, {} n/a)  profile {} {}",
        report.verdict.as_str().to_ascii_uppercase(),
        s.met,
        s.weak,
        s.missing,
        s.violated,
        s.not_applicable,
        report.profile.id,
        report.profile.version
    );
    let categories: Vec<String> = report.categories.iter().map(|c| format!("{} ({})", c.id, c.source)).collect();
    let _ = writeln!(out, "Categories: {}", if categories.is_empty() { "none".to_string() } else { categories.join(", ") });
    if !report.document.hidden_characters.is_empty() {
        let _ = writeln!(out, "Warning: {} hidden characters in the text", report.document.hidden_characters.len());
    }
    for (principle, requirements) in report.by_principle() {
        let _ = writeln!(out, "\n{principle}");
        for r in requirements {
            let place = r.evidence.first().map(|e| format!("  [{}]", e.clause)).unwrap_or_default();
            let _ = writeln!(out, "  {} {:<14} {:<6} {}{place}", r.status.symbol(), r.status.as_str(), r.level, r.id);
            if matches!(r.status, Status::Weak | Status::Missing | Status::Violated) {
                let _ = writeln!(out, "      {}", r.message);
            }
        }
    }
    out
}
