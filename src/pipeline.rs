//! `vnbrief run`: every document under a directory through the stages, and the outputs.
//!
//! Documents go through in chunks: each chunk is read (ingest → segment), taken
//! through [`Stages::process`] together (so the models batch across documents), and
//! written; only a small digest entry of each is kept for `digest.md`/`digest.html`.
//! A document whose output is up to date is not redone. One bad document never stops
//! the others: its failure is recorded in `index.json` and on stderr, and the run goes on.
//! Every file is written atomically.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::brief::render::{DigestView, Templates, DIGEST_HTML, DIGEST_MARKDOWN};
use crate::brief::DigestEntry;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::Resources;
use crate::ingest::{self, Source};
use crate::output::{self, OutFolder};
use crate::shard::{self, Shard, ShardIndex};
use crate::stages::{read_document, Stages};
use crate::timings::{Stage, StageSeconds, Timings};
use crate::translate::RulesTranslator;

/// The briefings `run` writes besides the per-document JSON, which is always written
/// (it is what re-runs compare against).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub markdown: bool,
    pub html: bool,
}

impl Formats {
    pub const ALL: Formats = Formats { markdown: true, html: true };

    /// "json,md,html" in any order and combination ("json" alone: no briefings).
    pub fn parse(s: &str) -> std::result::Result<Formats, String> {
        let mut f = Formats { markdown: false, html: false };
        let mut any = false;
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "json" => {}
                "md" | "markdown" => f.markdown = true,
                "html" => f.html = true,
                other => return Err(format!("unknown format {other:?} (json, md, html)")),
            }
            any = true;
        }
        if !any {
            return Err("no format given (json, md, html)".into());
        }
        Ok(f)
    }
}

#[derive(Debug, Clone)]
pub struct RunOptions {
    /// A directory, one file, or `-` for standard input.
    pub input: PathBuf,
    /// The output folder; `None` writes nothing to disk (with `jsonl`).
    pub out: Option<PathBuf>,
    /// Print each document's JSON on one line of standard output, in input order.
    pub jsonl: bool,
    /// The format of standard input (default: what its bytes show).
    pub stdin_format: Option<crate::document::Format>,
    pub max_bytes: u64,
    /// Redo documents whose output is up to date.
    pub force: bool,
    /// No progress bar and no closing summary (failures are still reported).
    pub quiet: bool,
    pub formats: Formats,
    /// Print seconds per stage at the end.
    pub timings: bool,
    /// This worker's share of the documents; `None`: all of them.
    pub shard: Option<Shard>,
    /// Keep the corpus database and CSV exports in the output folder up to date.
    pub db: bool,
}


#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Failed,
}

/// One line of `index.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexEntry {
    pub id: String,
    pub source: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The JSON output, relative to the output folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraphs: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentences: Option<usize>,
    /// True when the output was already up to date and was kept.
    #[serde(default)]
    pub cached: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Index {
    pub pipeline_version: String,
    pub input: String,
    pub documents: usize,
    pub ok: usize,
    pub failed: usize,
    pub cached: usize,
    pub entries: Vec<IndexEntry>,
    /// Files under the input that vnbrief does not read (by extension).
    pub ignored: Vec<String>,
    /// Things about the run worth knowing that failed nothing.
    pub warnings: Vec<String>,
    /// The model each stage ran, and why it was chosen.
    #[serde(default)]
    pub models: Vec<crate::stages::ModelUse>,
    /// Seconds per stage (`timings.rs` says what each counts) and the run's wall clock:
    /// the one part of the index that differs between two runs of the same input.
    #[serde(default)]
    pub timings: StageSeconds,
}

/// Runs the stages over every document under `opts.input` (this shard's share of them,
/// with `opts.shard`); returns the index it wrote (a shard's: its own part).
pub fn run(opts: &RunOptions, stages: &Stages) -> Result<Index> {
    if opts.input.as_os_str() != ingest::STDIN && !opts.input.exists() {
        return Err(Error::Usage(format!("{}: not a file or directory", opts.input.display())));
    }
    let version = stages.version();
    let started = std::time::Instant::now();
    let timings = &stages.timings;
    let out = match &opts.out {
        Some(dir) => Some(OutFolder::open(dir, &opts.shard.map_or_else(|| "run".to_string(), |s| s.name()))?),
        None => None,
    };
    let found = ingest::discover(&opts.input, opts.out.as_deref())?;
    let takes = |rel: &str| opts.shard.is_none_or(|s| s.takes(rel));
    let jobs: Vec<(&Source, String)> =
        found.sources.iter().zip(assign_ids(&found.sources)).filter(|(s, _)| takes(&s.rel)).collect();

    let progress = progress_bar(jobs.len() as u64, opts.quiet);
    let report = |line: String| progress.suspend(|| eprintln!("vnbrief: {line}"));

    let mut entries = Vec::new();
    for failure in found.failures.iter().filter(|f| takes(&f.rel)) {
        report(format!("{}: {} (skipped)", failure.rel, failure.reason));
        entries.push(IndexEntry::failed(failure.rel.clone(), failure.rel.clone(), failure.reason.clone()));
    }
    let mut truncated = 0usize;
    let mut digest: Vec<DigestEntry> = Vec::new();
    // A file's size bounds what a chunk holds; one that cannot be read fails when read.
    let file_size = |(source, _): &(&Source, String)| std::fs::metadata(&source.path).map_or(0, |m| m.len());
    for chunk in crate::stages::chunks(&jobs, file_size) {
        // Read; up-to-date and failed documents are settled here.
        let mut pending: Vec<Document> = Vec::new();
        let mut paths: Vec<Option<PathBuf>> = Vec::new();
        // With --jsonl: each finished document and its place in the chunk.
        let mut finished: Vec<(usize, Document)> = Vec::new();
        let mut todo_at: Vec<usize> = Vec::new();
        // Read and segmented in parallel (reports are independent); settled in order.
        let prepared: Vec<Prepared> =
            chunk.par_iter().map(|(source, id)| prepare(source, id, opts, &version, timings)).collect();
        for (at, ((source, _), prepared)) in chunk.iter().zip(prepared).enumerate() {
            progress.set_message(source.rel.clone());
            match prepared {
                Prepared::Cached(doc, entry) => {
                    digest.extend(DigestEntry::of(&doc, &stages.resources));
                    entries.push(entry);
                    progress.inc(1);
                    if opts.jsonl {
                        finished.push((at, doc));
                    }
                }
                Prepared::Done(entry) => {
                    if let Some(reason) = &entry.reason {
                        report(format!("{}: {reason} (skipped)", source.rel));
                    }
                    entries.push(entry);
                    progress.inc(1);
                }
                Prepared::Todo(doc, out_path) => {
                    pending.push(doc);
                    paths.push(out_path);
                    todo_at.push(at);
                }
            }
        }
        progress.set_message("classifying, translating, briefing");
        truncated += stages.process(&mut pending)?.truncated;
        // Rendered and written in parallel; entries are recorded in order.
        let (templates, resources) = (&stages.templates, &stages.resources);
        // Each written document's digest entry is made here too, not in the serial loop below.
        let written: Vec<Result<Option<DigestEntry>>> = pending
            .par_iter()
            .zip(paths.par_iter())
            .map(|(doc, out_path)| {
                if let (Some(path), Some(out)) = (out_path, &out) {
                    write_outputs(doc, path, opts.formats, templates, timings, out)?;
                }
                Ok(DigestEntry::of(doc, resources))
            })
            .collect();
        for ((doc, result), at) in pending.into_iter().zip(written).zip(todo_at) {
            let entry = match result {
                Ok(entry) => {
                    digest.extend(entry);
                    let entry = IndexEntry::ok(&doc, format!("{}.json", doc.id), false);
                    tracing::debug!(
                        "{}: {} {}, {} paragraphs, {} sentences",
                        doc.source,
                        doc.format.name(),
                        doc.encoding.name(),
                        doc.paragraphs.len(),
                        doc.sentences().count()
                    );
                    if opts.jsonl {
                        finished.push((at, doc));
                    }
                    entry
                }
                // The output folder itself failed (full disk, read-only): every other
                // document would fail the same way, so the run stops here.
                Err(err @ Error::Usage(_)) => return Err(err),
                Err(err) => {
                    report(format!("{}: {err} (skipped)", doc.source));
                    IndexEntry::failed(doc.id.clone(), doc.source.clone(), err.to_string())
                }
            };
            entries.push(entry);
            progress.inc(1);
        }
        if opts.jsonl {
            finished.sort_by_key(|(at, _)| *at);
            // Locked per chunk only: a lock held for the whole run would block any other
            // thread's print until the end.
            progress.suspend(|| write_jsonl(&mut std::io::stdout().lock(), finished.iter().map(|(_, doc)| doc)))?;
        }
    }
    progress.finish_and_clear();

    let run = Summary {
        pipeline_version: version,
        input: opts.input.display().to_string(),
        ignored: found.ignored,
        notes: stages.notes.clone(),
        truncated,
        token_limit: stages.token_limit(),
        models: stages.models.clone(),
    };
    let index = match (&out, opts.shard) {
        (Some(out), Some(shard)) => {
            timings.time(Stage::Write, || output::sync_filesystem(&out.root))?;
            let part = ShardIndex {
                shard: shard.index,
                shards: shard.count,
                run: run.clone(),
                entries: entries.clone(),
                digest,
                markdown: opts.formats.markdown,
                html: opts.formats.html,
                timings: timings.report(started.elapsed()),
            };
            let index = run.index(entries, part.timings.clone());
            report_warnings(&index);
            out.write_json_durable(&shard.index_path(&out.root), &part)?;
            index
        }
        (Some(out), None) => {
            write_digests(out, opts.formats, &stages.templates, &mut digest, timings)?;
            timings.time(Stage::Write, || output::sync_filesystem(&out.root))?;
            let index = run.index(entries, timings.report(started.elapsed()));
            report_warnings(&index);
            out.write_json_durable(&out.root.join("index.json"), &index)?;
            if opts.db {
                update_db(&out.root, &index, &stages.resources, opts.quiet)?;
            }
            index
        }
        (None, _) => {
            let index = run.index(entries, timings.report(started.elapsed()));
            report_warnings(&index);
            index
        }
    };
    if opts.timings {
        eprint!("{}", timings.render(index.timings.wall));
    }
    if !opts.quiet {
        let place = match (&opts.out, opts.shard) {
            (Some(out), Some(shard)) => format!(
                "shard {shard} in {}; `vnbrief merge {}` when every shard has finished",
                out.display(),
                out.display()
            ),
            (Some(out), None) => format!("output in {}", out.display()),
            (None, _) => "JSON Lines on standard output".into(),
        };
        print_summary(&index, &place);
    }
    Ok(index)
}

/// What `--dry-run` prints: the input paths (relative to the input) this run, or this
/// shard, would take, in processing order.
pub fn plan(input: &Path, out: Option<&Path>, shard: Option<Shard>) -> Result<Vec<String>> {
    if input.as_os_str() != ingest::STDIN && !input.exists() {
        return Err(Error::Usage(format!("{}: not a file or directory", input.display())));
    }
    let found = ingest::discover(input, out)?;
    Ok(found.sources.into_iter().map(|s| s.rel).filter(|rel| shard.is_none_or(|s| s.takes(rel))).collect())
}

/// `vnbrief merge OUT`: the `index.json`, `digest.md` and `digest.html` of the shards'
/// results under `out`, the same bytes a single run over the input writes (but for the
/// timings: each stage's seconds summed over the shards, the wall clock the longest shard's).
pub fn merge(out: &Path, shards: Option<u32>, templates: &Templates, db: Option<&Resources>, quiet: bool) -> Result<Index> {
    if !out.is_dir() {
        return Err(Error::Usage(format!("{}: not a folder of shard outputs", out.display())));
    }
    let folder = OutFolder::open(out, "run")?;
    let parts = shard::read_all(out, shards)?;
    let first = &parts[0];
    if let Some(hash) = templates.custom() {
        if !first.run.pipeline_version.contains(hash) {
            return Err(Error::Usage(format!(
                "the shards ran with other templates than --templates gives ({})",
                first.run.pipeline_version
            )));
        }
    }
    // Every shard lists the whole input's ignored files and the same notes (read_all
    // checked they ran one pipeline); only the truncated sentences add up.
    let run = Summary { truncated: parts.iter().map(|p| p.run.truncated).sum(), ..first.run.clone() };
    let mut timings = StageSeconds::default();
    for part in &parts {
        timings.add(&part.timings);
    }
    let formats = first.formats();
    let mut entries = Vec::new();
    let mut digest = Vec::new();
    for part in parts {
        entries.extend(part.entries);
        digest.extend(part.digest);
    }
    // The digest is rendered here, not in the shards: its seconds count too.
    let merging = Timings::default();
    write_digests(&folder, formats, templates, &mut digest, &merging)?;
    output::sync_filesystem(out)?;
    // Added as another shard's seconds are (its wall clock, zero, leaves the longest's).
    timings.add(&merging.report(std::time::Duration::ZERO));
    let index = run.index(entries, timings);
    report_warnings(&index);
    folder.write_json_durable(&out.join("index.json"), &index)?;
    if let Some(res) = db {
        update_db(out, &index, res, quiet)?;
    }
    if !quiet {
        print_summary(&index, &format!("merged in {}", out.display()));
    }
    Ok(index)
}

/// `vnbrief db OUT`: the corpus database and CSV exports rebuilt from the JSON files
/// `OUT/index.json` lists.
pub fn rebuild_db(out: &Path, res: &Resources, quiet: bool) -> Result<crate::db::Synced> {
    let path = out.join("index.json");
    let bytes = std::fs::read(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Usage(format!("{}: no index.json: not the output folder of a finished run", out.display())),
        _ => Error::io(&path, e),
    })?;
    let index: Index = serde_json::from_slice(&bytes).map_err(|source| Error::Json { path, source })?;
    let _folder = OutFolder::open(out, "run")?;
    let synced = crate::db::sync(out, &index, res, true)?;
    if !quiet {
        eprintln!("vnbrief: {} documents in {}", synced.loaded, out.join(crate::db::DB_FILE).display());
    }
    Ok(synced)
}

/// After the index: the database follows it (the changed documents only).
fn update_db(out: &Path, index: &Index, res: &Resources, quiet: bool) -> Result<()> {
    let synced = crate::db::sync(out, index, res, false)?;
    if !quiet {
        tracing::info!("{}: {} documents loaded, {} unchanged, {} removed", crate::db::DB_FILE, synced.loaded, synced.kept, synced.removed);
    }
    Ok(())
}

/// What a run's index says besides its entries and timings (a shard keeps it for
/// `merge` in its shard index).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    pub pipeline_version: String,
    pub input: String,
    /// Files under the input vnbrief does not read (the whole input's, in every shard).
    pub ignored: Vec<String>,
    /// The stages' notes.
    pub notes: Vec<String>,
    /// Sentences cut at the classifier's token limit, and that limit.
    pub truncated: usize,
    pub token_limit: usize,
    pub models: Vec<crate::stages::ModelUse>,
}

impl Summary {
    /// The index over `entries`, in source order (so a merge of shards, whose entries
    /// come in any order, gives a single run's index).
    fn index(self, mut entries: Vec<IndexEntry>, timings: StageSeconds) -> Index {
        entries.sort_by(|a, b| a.source.cmp(&b.source));
        let failed = entries.iter().filter(|e| e.status == Status::Failed).count();
        let mut warnings = self.notes;
        if self.truncated > 0 {
            warnings.push(format!("{} sentences were cut at {} tokens for the classifier", self.truncated, self.token_limit));
        }
        Index {
            pipeline_version: self.pipeline_version,
            input: self.input,
            documents: entries.len(),
            ok: entries.len() - failed,
            failed,
            cached: entries.iter().filter(|e| e.cached).count(),
            entries,
            ignored: self.ignored,
            warnings,
            models: self.models,
            timings,
        }
    }
}

fn report_warnings(index: &Index) {
    for w in &index.warnings {
        eprintln!("vnbrief: warning: {w}");
    }
}

fn print_summary(index: &Index, place: &str) {
    eprintln!(
        "vnbrief: {} documents: {} ok ({} up to date), {} failed; {place}",
        index.documents, index.ok, index.cached, index.failed,
    );
}

/// `digest.md` and `digest.html` (as `formats` asks) over `digest`, in source order.
fn write_digests(
    out: &OutFolder,
    formats: Formats,
    templates: &Templates,
    digest: &mut [DigestEntry],
    timings: &Timings,
) -> Result<()> {
    digest.sort_by(|a, b| a.source.cmp(&b.source));
    let view = timings.time(Stage::Render, || DigestView::new(digest));
    let write = |wanted: bool, name: &str| {
        if !wanted {
            return Ok(());
        }
        out.write_streamed(&out.root.join(name), timings, |w| templates.write_digest(name, &view, w))
    };
    // The one step after the last document: both formats at once, each streamed to its
    // file (never held whole).
    let (markdown, html) = rayon::join(|| write(formats.markdown, DIGEST_MARKDOWN), || write(formats.html, DIGEST_HTML));
    markdown.and(html)
}

/// Output ids: the relative path without extension, unless two inputs would share
/// one (`a.txt`, `a.md`), in which case both keep their extension.
fn assign_ids(sources: &[Source]) -> Vec<String> {
    let stem = |rel: &str| match rel.rfind('.') {
        Some(dot) if dot > rel.rfind('/').map_or(0, |s| s + 1) => rel[..dot].to_string(),
        _ => rel.to_string(),
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in sources {
        *counts.entry(stem(&s.rel)).or_default() += 1;
    }
    sources
        .iter()
        .map(|s| {
            if s.rel == ingest::STDIN {
                return "stdin".to_string();
            }
            let id = stem(&s.rel);
            if counts[&id] > 1 {
                s.rel.clone()
            } else {
                id
            }
        })
        .collect()
}

fn progress_bar(len: u64, quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} {wide_msg}",
    ) {
        bar.set_style(style);
    }
    bar
}

impl IndexEntry {
    fn failed(id: String, source: String, reason: String) -> Self {
        IndexEntry {
            id,
            source,
            status: Status::Failed,
            reason: Some(reason),
            output: None,
            encoding: None,
            paragraphs: None,
            sentences: None,
            cached: false,
        }
    }

    fn ok(doc: &Document, output: String, cached: bool) -> Self {
        IndexEntry {
            id: doc.id.clone(),
            source: doc.source.clone(),
            status: Status::Ok,
            reason: None,
            output: Some(output),
            encoding: Some(doc.encoding.name().to_string()),
            paragraphs: Some(doc.paragraphs.len()),
            sentences: Some(doc.sentences().count()),
            cached,
        }
    }
}

enum Prepared {
    /// Already up to date: kept, and read back for the digest.
    Cached(Document, IndexEntry),
    /// Failed.
    Done(IndexEntry),
    /// Ingested and segmented; to be classified and written to the path (if any).
    Todo(Document, Option<PathBuf>),
}

/// Reads, checks the cache, ingests and segments one document. Never fails the run:
/// failures become index entries.
fn prepare(source: &Source, id: &str, opts: &RunOptions, version: &str, timings: &Timings) -> Prepared {
    let rel_out = format!("{id}.json");
    let out_path = opts.out.as_ref().map(|out| out.join(&rel_out));
    let result = (|| -> Result<Prepared> {
        let stdin = source.path.as_os_str() == ingest::STDIN;
        let bytes = timings.time(Stage::Ingest, || match stdin {
            true => ingest::read_stdin(opts.max_bytes),
            false => ingest::read_bytes(&source.path, opts.max_bytes),
        })?;
        let sha256 = timings.time(Stage::Ingest, || crate::hash::sha256_hex(&bytes));
        if let Some(path) = out_path.as_ref().filter(|_| !opts.force) {
            if let Some(doc) = timings.time(Stage::Ingest, || up_to_date(path, &sha256, version, opts.formats)) {
                let entry = IndexEntry::ok(&doc, rel_out.clone(), true);
                return Ok(Prepared::Cached(doc, entry));
            }
        }
        let source = match stdin {
            true => &Source { format: opts.stdin_format.unwrap_or_else(|| ingest::sniff_format(&bytes)), ..source.clone() },
            false => source,
        };
        let mut doc = read_document(source, id, &bytes, sha256, timings)?;
        doc.pipeline_version = version.to_string();
        Ok(Prepared::Todo(doc, out_path.clone()))
    })();
    result.unwrap_or_else(|err| {
        // Stale outputs from an earlier run must not pass for this run's result.
        for ext in ["json", "md", "html"] {
            if let Some(path) = &out_path {
                let _ = std::fs::remove_file(path.with_extension(ext));
            }
        }
        let reason = match err {
            Error::Ingest { reason, .. } => reason,
            other => other.to_string(),
        };
        Prepared::Done(IndexEntry::failed(id.to_string(), source.rel.clone(), reason))
    })
}

/// What `lexicon unknown` found: the words the rules translator does not know, most
/// frequent first, and the reports it could not read ("path: reason").
pub struct UnknownWords {
    /// (word, count, the first sentence it was seen in)
    pub words: Vec<(String, usize, String)>,
    pub skipped: Vec<String>,
}

/// The words the rules translator does not know over every report under `dir`.
pub fn unknown_words(dir: &Path, rules: &RulesTranslator, res: &Resources) -> Result<UnknownWords> {
    if !dir.is_dir() {
        return Err(Error::Usage(format!("{}: not a directory", dir.display())));
    }
    let found = ingest::discover(dir, None)?;
    let mut counts: HashMap<String, (usize, String)> = HashMap::new();
    let mut skipped = Vec::new();
    for source in &found.sources {
        let doc = ingest::read_bytes(&source.path, ingest::DEFAULT_MAX_BYTES).and_then(|bytes| {
            let sha = crate::hash::sha256_hex(&bytes);
            read_document(source, &source.rel, &bytes, sha, &Timings::default())
        });
        let mut doc = match doc {
            Ok(doc) => doc,
            Err(e) => {
                // Ingest and I/O errors already name the file.
                skipped.push(e.to_string());
                continue;
            }
        };
        doc.facts = Some(crate::extract::extract(&doc, res));
        rules.translate_document(&mut doc);
        for s in doc.sentences() {
            for w in &s.untranslated {
                let e = counts.entry(w.to_lowercase()).or_insert_with(|| (0, s.text.clone()));
                e.0 += 1;
            }
        }
    }
    let mut words: Vec<(String, usize, String)> = counts.into_iter().map(|(w, (n, ex))| (w, n, ex)).collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(UnknownWords { words, skipped })
}

/// The existing output at `path` when it was made from the same bytes by this pipeline
/// version and every requested format is there.
fn up_to_date(path: &Path, sha256: &str, version: &str, formats: Formats) -> Option<Document> {
    let doc = Document::read_json(path).ok()?;
    let present = (!formats.markdown || path.with_extension("md").is_file())
        && (!formats.html || path.with_extension("html").is_file());
    (doc.sha256 == sha256 && doc.pipeline_version == version && present && doc.briefing.is_some()).then_some(doc)
}

/// Documents as JSON Lines: one compact object per line, flushed per chunk so a reader
/// downstream (`| jq`) sees documents as they finish.
fn write_jsonl<'a>(out: &mut impl std::io::Write, docs: impl Iterator<Item = &'a Document>) -> Result<()> {
    let fail = |e: std::io::Error| Error::Runtime(format!("cannot write to standard output: {e}"));
    for doc in docs {
        serde_json::to_writer(&mut *out, doc).map_err(|e| Error::Runtime(format!("cannot serialise {}: {e}", doc.source)))?;
        out.write_all(b"\n").map_err(fail)?;
    }
    out.flush().map_err(fail)
}

/// The chosen Markdown and HTML briefings and then the document's JSON, each written
/// atomically. The JSON goes last: it is what the next run checks, so a run killed
/// between these writes leaves a document that is redone, never one taken as done with
/// a briefing missing or stale. Each is streamed into its file, never held whole.
/// Earlier outputs of the document are removed first, the JSON first of all (see
/// [`OutFolder::clear`]): a run killed after that leaves the document to be redone.
fn write_outputs(doc: &Document, json_path: &Path, formats: Formats, templates: &Templates, timings: &Timings, out: &OutFolder) -> Result<()> {
    let (md, html) = (json_path.with_extension("md"), json_path.with_extension("html"));
    let mut stale = vec![json_path];
    stale.extend(formats.markdown.then_some(md.as_path()));
    stale.extend(formats.html.then_some(html.as_path()));
    out.clear(&stale, timings)?;
    if let (Some(b), Some(f)) = (&doc.briefing, &doc.facts) {
        if formats.markdown {
            out.write_streamed(&md, timings, |w| templates.write_briefing_markdown(doc, b, w))?;
        }
        if formats.html {
            out.write_streamed(&html, timings, |w| templates.write_briefing_html(doc, f, b, w))?;
        }
    }
    out.write_json_streamed(json_path, doc, timings)
}
