//! Every file `run` writes for the bundled samples, byte for byte, against
//! `tests/golden/run/`. It guards refactors: a change to the code's shape must not
//! change a byte of output. A change meant to alter the output is blessed with
//! `VNBRIEF_BLESS=1 cargo test --test golden_run`; review the diff before committing it.

mod common;

use common::*;

#[test]
fn run_over_the_bundled_samples_matches_the_golden_files() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("out");
    // The input is given relative to the repository, so that index.json's `input` is the
    // same on every machine.
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_vnbrief"))
        .current_dir(repo())
        .env("HF_HOME", out.path().join("empty-hf-home"))
        .env_remove("HF_HUB_CACHE")
        .env_remove("HUGGINGFACE_HUB_CACHE")
        .env_remove("VNBRIEF_MODELS")
        .args(["run", "data/samples", "--out"])
        .arg(&out_dir)
        .args(["--translator", "rules", "--summarizer", "none", "--quiet"])
        .output()
        .expect("the vnbrief binary runs");
    assert!(result.status.success(), "{}", stderr(&result));

    let golden = repo().join("tests/golden/run");
    // The database is binary and records file times; tests/corpus.rs checks it against
    // the JSON, and the CSV exports made from it are compared here.
    let got: Vec<String> = files_under(&out_dir).into_iter().filter(|f| f != "vnbrief.sqlite").collect();
    assert!(out_dir.join("vnbrief.sqlite").is_file());
    if std::env::var_os("VNBRIEF_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&golden);
        for rel in &got {
            let dest = golden.join(rel);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            // Timings are stored zeroed, so a bless does not churn them.
            let text = without_timings(rel, std::fs::read_to_string(out_dir.join(rel)).unwrap());
            std::fs::write(dest, text).unwrap();
        }
    }
    assert_eq!(got, files_under(&golden), "the set of output files changed (VNBRIEF_BLESS=1 rewrites the golden files)");
    for rel in &got {
        let have = without_timings(rel, std::fs::read_to_string(out_dir.join(rel)).unwrap());
        let want = without_timings(rel, std::fs::read_to_string(golden.join(rel)).unwrap());
        if have != want {
            let line = have.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(have.lines().count().min(want.lines().count()));
            panic!(
                "{rel} differs from the golden file at line {}:\n  got:  {}\n  want: {}\n(if on purpose: VNBRIEF_BLESS=1 and review the diff)",
                line + 1,
                have.lines().nth(line).unwrap_or("<end>"),
                want.lines().nth(line).unwrap_or("<end>"),
            );
        }
    }
}

/// index.json with its `timings` (seconds, different on every run) zeroed, the rest of
/// the text as written.
fn without_timings(rel: &str, text: String) -> String {
    if rel != "index.json" {
        return text;
    }
    let start = text.find("\"timings\": {").expect("index.json has timings");
    let end = start + text[start..].find('}').expect("timings close");
    let zeroed: Vec<String> = text[start..end]
        .lines()
        .map(|l| match l.split_once(": ") {
            Some((k, v)) if !v.starts_with('{') => format!("{k}: 0.0{}", if v.ends_with(',') { "," } else { "" }),
            _ => l.to_string(),
        })
        .collect();
    format!("{}{}{}", &text[..start], zeroed.join("\n"), &text[end..])
}
