//! Embeds sentences read one per line from stdin with the installed encoder and prints
//! one JSON array of vectors. Used by scripts/check-e5-reference.sh.
//!
//!     cargo run --release --example embed -- [MODEL_DIR] < sentences.txt

use std::io::Read;
use std::path::PathBuf;

use vnbrief::classify::encoder::{Encoder, EncoderOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| vnbrief::settings::models_dir(None).join(vnbrief::classify::ENCODER_DIR));
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let lines: Vec<&str> = input.lines().filter(|l| !l.trim().is_empty()).collect();
    let encoder = Encoder::load(&dir, EncoderOptions::default())?;
    let out = encoder.embed(&lines)?;
    let n = lines.len();
    let flat = Vec::<f32>::try_from(out.vectors.flatten(0, -1))?;
    let dim = flat.len().checked_div(n).unwrap_or(0);
    let rows: Vec<&[f32]> = flat.chunks(dim.max(1)).collect();
    println!("{}", serde_json::to_string(&rows)?);
    Ok(())
}
