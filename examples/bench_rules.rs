//! Rules translator speed: every sentence of the labeled data (data/labeled/**), with its
//! facts extracted first as `run` does, translated by the rules translator alone; the
//! best of several passes, single-threaded. Also checks that two passes give the same
//! English (the translator is deterministic).
//!
//! scripts/bench-translate.sh   (wraps: cargo run --release --example bench_rules)

use std::path::PathBuf;
use std::time::Instant;

use vnbrief::document::Document;
use vnbrief::translate::RulesTranslator;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Res<()> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let started = Instant::now();
    let rules = RulesTranslator::load(None)?;
    let load = started.elapsed();
    let res = vnbrief::extract::Resources::builtin()?;
    let set = vnbrief::samples::read_all(&[repo.join("data/labeled")])?;
    // Each labeled document as the one-paragraph document `eval` builds, facts extracted.
    let mut docs: Vec<Document> = set
        .samples
        .iter()
        .map(|s| {
            let mut d = vnbrief::eval::sample_document(s);
            d.facts = Some(vnbrief::extract::extract(&d, &res));
            d
        })
        .collect();
    let sentences: usize = docs.iter().map(|d| d.sentences().count()).sum();
    let chars: usize = docs.iter().flat_map(|d| d.sentences()).map(|s| s.text.chars().count()).sum();
    let mut best = f64::MAX;
    let mut first: Option<Vec<String>> = None;
    for _ in 0..5 {
        let t = Instant::now();
        for d in docs.iter_mut() {
            rules.translate_document(d);
        }
        best = best.min(t.elapsed().as_secs_f64());
        let english: Vec<String> = docs.iter().flat_map(|d| d.sentences()).map(|s| s.translation.clone().unwrap_or_default()).collect();
        match &first {
            None => first = Some(english),
            Some(f) => assert!(f == &english, "two passes gave different English"),
        }
    }
    let coverage: f64 = docs.iter().flat_map(|d| d.sentences()).map(|s| s.translation_coverage.unwrap_or(0.0) as f64).sum::<f64>() / sentences as f64;
    println!(
        "| {sentences} sentences ({} documents, {:.0} k characters) | 1 | {:.0} ms | {:.3} s | {:.0} sentences/s | {:.1}% |",
        docs.len(),
        chars as f64 / 1000.0,
        load.as_secs_f64() * 1000.0,
        best,
        sentences as f64 / best,
        coverage * 100.0
    );
    Ok(())
}
