//! Segmenter speed: the labeled documents (as plain text, the way `run` reads them),
//! ingested once, then segmented again and again; best of several passes, one thread.
//!
//! cargo run --release --example bench_segment [REPEAT]

use std::path::PathBuf;
use std::time::Instant;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Res<()> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let repeat: usize = std::env::args().nth(1).map(|a| a.parse()).transpose()?.unwrap_or(20);
    let set = vnbrief::samples::read_all(&[repo.join("data/labeled")])?;
    // The text a plain-text report of the sample would have, as scripts/bench-peers.sh writes it.
    let texts: Vec<String> = set.samples.iter().map(|s| format!("{}\n", s.text)).collect();
    let ingested: Vec<_> = texts.iter().map(|t| vnbrief::ingest::to_text(t.as_bytes(), vnbrief::document::Format::Text)).collect::<Result<_, _>>()?;
    let bytes: usize = ingested.iter().map(|i| i.text.len()).sum::<usize>() * repeat;
    let mut best = f64::MAX;
    let mut sentences = 0;
    for _ in 0..5 {
        let t = Instant::now();
        sentences = 0;
        for _ in 0..repeat {
            for i in &ingested {
                let p = vnbrief::segment::segment(&i.text, &i.paragraphs);
                sentences += p.iter().map(|p| p.sentences.len()).sum::<usize>();
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} documents x {repeat}: {:.2} MB, {sentences} sentences, best of 5 {:.3} s = {:.1} MB/s",
        ingested.len(),
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best
    );
    Ok(())
}
