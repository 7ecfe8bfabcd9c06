//! Translation and summarization speed at the real models' sizes: Marian with the shape
//! of Helsinki-NLP/opus-mt-vi-en and BART with that of sshleifer/distilbart-cnn-12-6,
//! random weights, a fixed output length, loaded and run through vnbrief's own code.
//! (Random weights: the numbers measure the work, not the quality.)
//!
//! scripts/bench-seq2seq.sh   (wraps: cargo run --release --example bench_seq2seq)

use std::path::{Path, PathBuf};
use std::time::Instant;

use rust_bert::bart::{BartConfig, BartForConditionalGeneration};
use rust_bert::marian::MarianForConditionalGeneration;
use tch::{nn, Device};

use vnbrief::config::GenerateSection;
use vnbrief::models::seq2seq::{new_config, Arch, Seq2SeqFolder, Shape};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Res<()> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir()?;
    let out_tokens: i64 = std::env::var("BENCH_OUT_TOKENS").ok().and_then(|v| v.parse().ok()).unwrap_or(32);
    let summary_tokens: i64 = std::env::var("BENCH_SUMMARY_TOKENS").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
    let beams: i64 = std::env::var("BENCH_BEAMS").ok().and_then(|v| v.parse().ok()).unwrap_or(4);
    tch::manual_seed(1);

    // Sentences of the bundled sample reports, as `run` would translate them.
    let docs = vnbrief::samples::read_all(&[repo.join("data/labeled/samples.jsonl")])?;
    let sentences: Vec<String> = docs.samples.iter().flat_map(|s| s.sentences.iter().map(|(g, _)| g.text.clone())).collect();

    // Marian, opus-mt-vi-en's shape (6+6 layers, d_model 512, 8 heads, FFN 2048, ~54k vocabulary).
    let marian_dir = work.path().join("marian");
    let c = new_config(Arch::Marian, Shape { vocab: 53685, d_model: 512, encoder_layers: 6, decoder_layers: 6, heads: 8, ffn: 2048, positions: 512 });
    write_random(&marian_dir, &c, Arch::Marian, &repo.join("tests/fixtures/models/translator"), &["vocab.json", "source.spm", "target.spm"])?;
    let settings = GenerateSection { beams: Some(beams), min_length: Some(out_tokens), max_length: Some(out_tokens), batch_size: Some(16), max_input_tokens: None };
    let t0 = Instant::now();
    let t = vnbrief::translate::MarianTranslator::load(&Seq2SeqFolder::open(&marian_dir, Arch::Marian)?, &settings, u64::MAX)?;
    let load = t0.elapsed().as_secs_f64();
    let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let t1 = Instant::now();
    let out = t.translate(&refs)?;
    let secs = t1.elapsed().as_secs_f64();
    let unique = { let mut u = refs.clone(); u.sort(); u.dedup(); u.len() };
    println!(
        "translation (opus-mt-vi-en shape, beams {beams}, {out_tokens} tokens out): {} sentences ({unique} unique) in {secs:.1} s = {:.1} sentences/s, {:.0} output tokens/s; load {load:.1} s; rss {} MiB",
        out.len(),
        unique as f64 / secs,
        (unique as i64 * out_tokens) as f64 / secs,
        rss_mib()
    );
    drop(t);

    // BART, distilbart-cnn-12-6's shape (12+6 layers, d_model 1024, 16 heads, FFN 4096, vocabulary 50264).
    let bart_dir = work.path().join("bart");
    let c = new_config(Arch::Bart, Shape { vocab: 50264, d_model: 1024, encoder_layers: 12, decoder_layers: 6, heads: 16, ffn: 4096, positions: 1024 });
    write_random(&bart_dir, &c, Arch::Bart, &repo.join("tests/fixtures/models/summarizer"), &["vocab.json", "merges.txt"])?;
    let settings = GenerateSection { beams: Some(beams), min_length: Some(summary_tokens), max_length: Some(summary_tokens), ..Default::default() };
    let t0 = Instant::now();
    let s = vnbrief::summarize::Summarizer::load(&Seq2SeqFolder::open(&bart_dir, Arch::Bart)?, &settings, u64::MAX)?;
    let load = t0.elapsed().as_secs_f64();
    let reports = vnbrief::samples::read_summary_docs(&repo.join("data/summaries/docs.jsonl"))?;
    let inputs: Vec<Vec<String>> = reports.iter().take(12).map(|d| d.sentences.iter().map(|s| s.en.clone()).collect()).collect();
    let tokens: usize = inputs.iter().map(|i| s.count_tokens(&i.join(" "))).sum();
    let t1 = Instant::now();
    s.summarize(&inputs)?;
    let secs = t1.elapsed().as_secs_f64();
    println!(
        "summarization (distilbart-cnn-12-6 shape, beams {beams}, {summary_tokens} tokens out): {} documents (mean {} input tokens) in {secs:.1} s = {:.2} s per document; load {load:.1} s; rss {} MiB",
        inputs.len(),
        tokens / inputs.len().max(1),
        secs / inputs.len() as f64,
        rss_mib()
    );
    Ok(())
}

/// A model folder with random weights of `config`'s shape and the tokenizer files of `tokenizer_from`.
fn write_random(dir: &Path, config: &BartConfig, arch: Arch, tokenizer_from: &Path, files: &[&str]) -> Res<()> {
    std::fs::create_dir_all(dir)?;
    let vs = nn::VarStore::new(Device::Cpu);
    match arch {
        Arch::Marian => drop(MarianForConditionalGeneration::new(vs.root(), config)),
        Arch::Bart => drop(BartForConditionalGeneration::new(vs.root(), config)),
    }
    vnbrief::models::write_safetensors(&dir.join("model.safetensors"), &vs.variables(), "")?;
    let mut c = serde_json::to_value(config)?;
    if let Some(o) = c.as_object_mut() {
        o.retain(|_, v| !v.is_null());
        o.insert("model_type".into(), arch.model_type().into());
    }
    std::fs::write(dir.join("config.json"), c.to_string())?;
    for f in files {
        std::fs::copy(tokenizer_from.join(f), dir.join(f))?;
    }
    Ok(())
}

fn rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok()))
        .map_or(0, |kb| kb / 1024)
}
