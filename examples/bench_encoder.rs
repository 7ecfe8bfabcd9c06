//! The encoder alone on the work of `../shared/bench/e5_same_work.py`: sentences read one
//! per line, "query: " prefix, sorted by length, batches of 32, mean pooling; one
//! warm-up pass, then one timed pass. Prints sentences per second. int8 is smoothed with
//! the installed classifier's calibration when it has one.
//!
//!     cargo run --release --example bench_encoder -- SENTENCES.txt [THREADS] [f32|int8]

use std::path::PathBuf;
use std::time::Instant;

use vnbrief::classify::bert::Precision;
use vnbrief::classify::encoder::{Encoder, EncoderOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().ok_or("usage: bench_encoder SENTENCES.txt [THREADS] [f32|int8]")?);
    let threads: usize = args.next().map(|t| t.parse()).transpose()?.unwrap_or(2);
    let precision = match args.next() {
        Some(p) => <Precision as clap::ValueEnum>::from_str(&p, false)?,
        None => Precision::default(),
    };
    vnbrief::runtime::init(threads);
    let text = std::fs::read_to_string(&path)?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let dir = vnbrief::settings::models_dir(None).join(vnbrief::classify::ENCODER_DIR);
    let start = Instant::now();
    let mut encoder = Encoder::load(&dir, EncoderOptions { precision, ..EncoderOptions::default() })?;
    // int8 runs smoothed by the shipped classifier's calibration, as `run` does.
    let head_dir = vnbrief::settings::models_dir(None).join(vnbrief::classify::CLASSIFIER_DIR);
    if let Ok((_, meta)) = vnbrief::classify::head::Head::load(&head_dir) {
        encoder.set_calibration(meta.calibration(&head_dir)?)?;
    }
    let load = start.elapsed().as_secs_f64();
    encoder.embed(&lines)?;
    let start = Instant::now();
    let out = encoder.embed(&lines)?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "vnbrief encoder: {} sentences in {secs:.2} s = {:.1} sentences/s (load {load:.2} s, {threads} threads, {}, {} cut)",
        lines.len(),
        lines.len() as f64 / secs,
        precision.name(),
        out.truncated
    );
    Ok(())
}
