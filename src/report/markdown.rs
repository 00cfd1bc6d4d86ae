//! The report as Markdown, for minutes and e-mail: the verdict first, then what needs
//! attention with the deciding sentence and wording that would fix it, then what is met.

use super::{Report, RequirementResult, Status};
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let title = report.document.title.as_deref().unwrap_or("Draft");
    let _ = writeln!(out, "# Accordlint report: {}\n", escape(title));
    let overlays: Vec<String> = report.profile.overlays.iter().map(|o| format!("{} {}", o.id, o.version)).collect();
    let profile = if overlays.is_empty() { String::new() } else { format!(" + {}", overlays.join(" + ")) };
    let _ = writeln!(out, "- **Verdict: {}**", report.verdict.as_str().to_ascii_uppercase());
    let _ = writeln!(out, "- Profile: {} {}{profile}", report.profile.id, report.profile.version);
    let categories: Vec<&str> = report.categories.iter().map(|c| c.id.as_str()).collect();
    let _ = writeln!(out, "- Categories: {}", if categories.is_empty() { "none".to_string() } else { categories.join(", ") });
    let s = &report.summary;
    let _ = writeln!(
        out,
        "- Summary: {} met, {} weak, {} missing, {} violated, {} not applicable\n",
        s.met, s.weak, s.missing, s.violated, s.not_applicable
    );
    if !report.document.hidden_characters.is_empty() {
        let _ = writeln!(out, "> **Hidden characters:** {} invisible characters were found and ignored; they can hide words from a reviewer.\n", report.document.hidden_characters.len());
    }
    for (principle, requirements) in report.by_principle() {
        let _ = writeln!(out, "## {}\n", escape(principle));
        for r in requirements {
            requirement(&mut out, r);
        }
    }
    out
}

fn requirement(out: &mut String, r: &RequirementResult) {
    let _ = writeln!(out, "### {} {} `{}` ({})\n", r.status.symbol(), r.status.as_str().replace('_', " "), r.id, r.level);
    let _ = writeln!(out, "{}\n", escape(&r.title));
    for e in &r.evidence {
        let _ = writeln!(out, "> **{}:** {}\n", escape(&e.clause), escape(&one_line(&e.text)));
    }
    if matches!(r.status, Status::Weak | Status::Missing | Status::Violated) {
        let _ = writeln!(out, "{}\n", escape(&r.message));
        let _ = writeln!(out, "Suggested wording:\n\n> {}\n", escape(&one_line(&r.suggestion)));
    }
    if !r.sources.is_empty() {
        let _ = writeln!(out, "Sources: {}\n", r.sources.join(", "));
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes the characters that would turn draft text into Markdown markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
