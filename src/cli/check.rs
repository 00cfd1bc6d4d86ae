//! `accordlint check`: reads drafts, checks them, prints reports.

use crate::document::input;
use crate::report::{json, markdown, text, Report, Verdict};
use crate::rules::builtin;
use crate::{CategoryChoice, CheckOptions, Checker, PackSource};
use clap::{Args, ValueEnum};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct CheckArgs {
    /// Drafts to check; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[arg(long, default_value = "baseline")]
    profile: String,
    /// Overlay packs (repeatable): a TOML file, or the id of a bundled overlay.
    #[arg(long = "overlay", value_name = "PACK")]
    overlays: Vec<String>,
    /// auto (default), none, or categories to check (repeatable): threat-intel,
    /// incident-response, joint-investigation.
    #[arg(long = "category", value_name = "CATEGORY")]
    categories: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write a copy of the (single) .docx draft with the findings as Word comments.
    #[arg(long, value_name = "OUT.docx")]
    annotate: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Markdown,
}

pub fn run(args: CheckArgs) -> Result<i32, String> {
    let checker = load_checker(&args.profile, &args.overlays)?;
    let options = CheckOptions { categories: category_choice(&args.categories, &checker)? };
    if args.annotate.is_some() && args.files.len() != 1 {
        return Err("--annotate takes exactly one .docx draft".to_string());
    }
    let mut reports = Vec::new();
    for path in &args.files {
        let (name, draft) = read_draft(path)?;
        let report = match (draft, &args.annotate) {
            (Draft::Text(text), None) => checker.check(&text, &options),
            (Draft::Text(_), Some(_)) => return Err(format!("{name}: --annotate needs a Word (.docx) draft")),
            (Draft::Word(bytes), None) => checker.check_docx(&bytes, &options).map_err(|e| format!("{name}: {e}"))?,
            (Draft::Word(bytes), Some(out)) => {
                let (report, annotated) = checker.annotate_docx(&bytes, &options).map_err(|e| format!("{name}: {e}"))?;
                std::fs::write(out, annotated).map_err(|e| format!("{}: cannot write the annotated copy: {e}", out.display()))?;
                report
            }
        };
        reports.push((name, report));
    }
    print_reports(&reports, args.format)?;
    let failing = reports.iter().any(|(_, r)| r.verdict != Verdict::Pass);
    Ok(if failing { super::EXIT_FINDINGS } else { super::EXIT_PASS })
}

fn print_reports(reports: &[(String, Report)], format: Format) -> Result<(), String> {
    let single = reports.len() == 1;
    let output = match format {
        Format::Json if single => json::to_json(&reports[0].1),
        Format::Json => {
            let bodies: Vec<String> = reports.iter().map(|(_, r)| json::to_json(r).trim_end().to_string()).collect();
            format!("[\n{}\n]\n", bodies.join(",\n"))
        }
        Format::Markdown | Format::Text => {
            let mut output = String::new();
            for (name, report) in reports {
                if !single {
                    output.push_str(&format!("==> {name} <==\n"));
                }
                output.push_str(&if format == Format::Markdown { markdown::render(report) } else { text::render(report) });
            }
            output
        }
    };
    super::write_stdout(&output)
}

pub fn load_checker(profile: &str, overlays: &[String]) -> Result<Checker, String> {
    let packs = overlays.iter().map(|o| load_overlay(o)).collect::<Result<Vec<_>, _>>()?;
    Checker::new(profile, &packs).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        format!("the profile could not be loaded:\n{}", lines.join("\n"))
    })
}

/// An overlay named on the command line: a file if one exists, else a bundled overlay id.
fn load_overlay(name: &str) -> Result<PackSource, String> {
    let path = Path::new(name);
    if path.exists() {
        return read_pack(path);
    }
    builtin::overlay(name).ok_or_else(|| {
        format!("overlay {name:?}: no such file, and no bundled overlay of that name (bundled: {})", builtin::overlay_ids().join(", "))
    })
}

pub fn read_pack(path: &Path) -> Result<PackSource, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read the pack: {e}", path.display()))?;
    Ok(PackSource::new(path.display().to_string(), text))
}

fn category_choice(values: &[String], checker: &Checker) -> Result<CategoryChoice, String> {
    match values {
        [] => Ok(CategoryChoice::Auto),
        [only] if only == "auto" => Ok(CategoryChoice::Auto),
        [only] if only == "none" => Ok(CategoryChoice::None),
        _ => checker.select_categories(values),
    }
}

/// A draft as read from disk: text (plain, Markdown or HTML made plain) or a Word package.
enum Draft {
    Text(String),
    Word(Vec<u8>),
}

/// The first bytes of every ZIP archive, and so of every .docx.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Reads a draft from a file or standard input, with a clear error when it is not a draft.
fn read_draft(path: &Path) -> Result<(String, Draft), String> {
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("standard input: {e}"))?;
        ("<stdin>".to_string(), bytes)
    } else {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read the file: {e}", path.display()))?;
        (path.display().to_string(), bytes)
    };
    let is_docx = name.to_ascii_lowercase().ends_with(".docx") || bytes.starts_with(ZIP_MAGIC);
    if is_docx {
        return Ok((name, Draft::Word(bytes)));
    }
    let text = input::decode(&bytes, &name).map_err(|e| e.to_string())?;
    let plain = input::to_plain(&text, input::detect_format(&name, &text));
    Ok((name, Draft::Text(plain)))
}
