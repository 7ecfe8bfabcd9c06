//! Command line: parses flags into options and hands them to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use vnbrief::{eval, ingest, pipeline, samples, Error, Result};

#[derive(Parser)]
#[command(name = "vnbrief", version, about = "English briefings and structured facts from Vietnamese provincial reports")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Process every document under INPUT_DIR and write one output per document plus index.json.
    ///
    /// Exit code: 0 when every document succeeded, 3 when some failed (the others are still
    /// written), 2 for usage errors, 1 when the run itself could not proceed.
    Run {
        /// Directory of reports (.txt, .md, .html), searched recursively.
        input_dir: PathBuf,
        /// Output directory.
        #[arg(long)]
        out: PathBuf,
        /// Skip files larger than this (bytes; K, M and G suffixes allowed).
        #[arg(long, default_value_t = ingest::DEFAULT_MAX_BYTES, value_parser = parse_size)]
        max_bytes: u64,
        /// Redo documents whose output is already up to date.
        #[arg(long)]
        force: bool,
        /// No progress bar and no summary line (failures are still reported).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Score the pipeline against labeled samples (JSON Lines, see docs/labeled-samples.md).
    ///
    /// Exit code 3 when some lines were malformed (they are reported and skipped).
    Eval {
        /// Labeled-samples files, or directories searched for *.jsonl.
        #[arg(long, required = true, num_args = 1..)]
        samples: Vec<PathBuf>,
        /// Print one JSON object on stdout instead of a table.
        #[arg(long)]
        json: bool,
        /// List each document's segmentation errors under the table.
        #[arg(long)]
        show_errors: bool,
    },
}

fn main() -> ExitCode {
    match dispatch(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("vnbrief: error: {err}");
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

fn dispatch(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Run { input_dir, out, max_bytes, force, quiet } => {
            let index = pipeline::run(&pipeline::RunOptions {
                input: input_dir,
                out,
                max_bytes,
                force,
                quiet,
            })?;
            Ok(if index.failed > 0 { ExitCode::from(3) } else { ExitCode::SUCCESS })
        }
        Command::Eval { samples: paths, json, show_errors } => {
            let set = samples::read_all(&paths)?;
            for skipped in &set.skipped {
                eprintln!("vnbrief: {skipped} (skipped)");
            }
            let report = eval::evaluate(&set);
            if json {
                let text = serde_json::to_string_pretty(&report)
                    .map_err(|e| Error::Usage(format!("cannot serialise the report: {e}")))?;
                println!("{text}");
            } else {
                print!("{}", eval::render_table(&report, show_errors));
            }
            Ok(if set.skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(3) })
        }
    }
}

/// "20M", "512K", "1G" or plain bytes.
fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().last() {
        Some((i, 'K' | 'k')) => (&s[..i], 1u64 << 10),
        Some((i, 'M' | 'm')) => (&s[..i], 1 << 20),
        Some((i, 'G' | 'g')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("{s:?} is not a size (bytes, or a number with K, M or G)"))
}
