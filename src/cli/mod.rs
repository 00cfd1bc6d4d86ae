//! Command-line interface. Exit status: 0 when every checked draft passes, 1 when any is
//! `review` or `fail`, 2 on a usage or input error.

mod check;
pub mod serve;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

pub const EXIT_PASS: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser)]
#[command(name = "accordlint", version, about = "Checks cross-border cyber cooperation agreements against minimum privacy standards, offline.")]
#[command(after_help = "Exit status: 0 pass, 1 review or fail, 2 usage or input error.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts (.txt, .md, .html, .docx; `-` reads standard input).
    Check(check::CheckArgs),
    /// List the requirements of a profile.
    Rules {
        #[arg(long, default_value = "baseline")]
        profile: String,
        /// Overlay packs: a file, or the id of a bundled overlay.
        #[arg(long = "overlay", value_name = "PACK")]
        overlays: Vec<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Serve the page (www/) for a browser on this machine.
    Serve {
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// The address to listen on; anything but loopback exposes the page to the network.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        #[arg(long, default_value = "www")]
        root: PathBuf,
    },
    /// Rule pack tools.
    Pack {
        #[command(subcommand)]
        command: PackCommand,
    },
}

#[derive(Subcommand)]
enum PackCommand {
    /// Validate a pack and run its inline tests.
    Check { pack: PathBuf },
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

/// Parses the arguments and runs; returns the exit status.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_ERROR } else { EXIT_PASS };
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules { profile, overlays, format } => rules(&profile, &overlays, format),
        Command::Pack { command: PackCommand::Check { pack } } => pack_check(&pack),
        Command::Serve { port, host, root } => serve::serve(&root, &host, port).map(|()| EXIT_PASS),
    };
    result.unwrap_or_else(|message| {
        eprintln!("accordlint: {message}");
        EXIT_ERROR
    })
}

fn rules(profile: &str, overlays: &[String], format: ListFormat) -> Result<i32, String> {
    let checker = check::load_checker(profile, overlays)?;
    let requirements = checker.requirements();
    let output = match format {
        ListFormat::Json => serde_json::to_string_pretty(&requirements).map_err(|e| e.to_string())? + "\n",
        ListFormat::Text => {
            let line = |r: &crate::RequirementInfo| {
                let scope = if r.applies_to.iter().any(|c| c == "all") { String::new() } else { format!(" [{}]", r.applies_to.join(", ")) };
                let trigger = r.trigger.as_ref().map(|t| format!(" (when: {t})")).unwrap_or_default();
                format!("{:<42} {:<6} {}{scope}{trigger}\n", r.id, r.level, r.title)
            };
            requirements.iter().map(line).collect()
        }
    };
    write_stdout(&output)?;
    Ok(EXIT_PASS)
}

/// Writes a command's output. A reader that closes the pipe early (`accordlint check ... | head`)
/// has taken what it wanted: that ends the output quietly, as it does for other Unix tools,
/// instead of a panic from `print!`.
fn write_stdout(output: &str) -> Result<(), String> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(output.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("cannot write to standard output: {e}")),
        _ => Ok(()),
    }
}

fn pack_check(path: &std::path::Path) -> Result<i32, String> {
    let pack = check::read_pack(path)?;
    match crate::validate_pack(&pack) {
        Ok(summary) => {
            println!("{}: ok: pack {} {}, {} requirements, {} inline tests passed", pack.name, summary.id, summary.version, summary.requirements, summary.tests);
            Ok(EXIT_PASS)
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            Err(format!("{}: {} error(s)", pack.name, errors.len()))
        }
    }
}
