//! The command line as a user meets it: standard input and JSON Lines, one file as
//! input, logging levels, completions and man pages.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::*;
use serde_json::Value;

/// Runs vnbrief in `cwd` with `input` on standard input.
fn with_stdin(cwd: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vnbrief"))
        .current_dir(cwd)
        .args(args)
        .env("HF_HOME", cwd.join("no-hf-home"))
        .env_remove("HF_HUB_CACHE")
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the vnbrief binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn jsonl(out: &Output) -> Vec<Value> {
    stdout(out).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

#[test]
fn standard_input_to_json_lines_writes_nothing_to_disk() {
    let cwd = tempfile::tempdir().unwrap();
    let text = std::fs::read(fixture("encodings/vni.txt")).unwrap();
    let o = with_stdin(cwd.path(), &["run", "-", "--jsonl", "--no-classify", "--quiet"], &text);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "quiet");
    let docs = jsonl(&o);
    assert_eq!(docs.len(), 1);
    assert_eq!((docs[0]["id"].as_str(), docs[0]["source"].as_str()), (Some("stdin"), Some("-")));
    assert_eq!(docs[0]["encoding"], "vni");
    assert_eq!(docs[0]["text"], std::fs::read_to_string(fixture("encodings/nfc.txt")).unwrap().as_str());
    assert!(docs[0]["briefing"].is_object());
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0, "nothing written");

    // A PDF on standard input is known by its bytes; a scan fails with exit 3.
    let pdf = std::fs::read(fixture("documents/report.pdf")).unwrap();
    let o = with_stdin(cwd.path(), &["run", "-", "--jsonl", "--no-classify"], &pdf);
    assert_eq!(jsonl(&o)[0]["format"], "pdf", "{}", stderr(&o));
    let scan = std::fs::read(fixture("documents/scanned.pdf")).unwrap();
    let o = with_stdin(cwd.path(), &["run", "-", "--jsonl", "--no-classify"], &scan);
    assert_eq!(o.status.code(), Some(3));
    assert!(stdout(&o).is_empty() && stderr(&o).contains("no text layer"), "{}", stderr(&o));
    // --stdin-format overrides what the bytes show.
    let o = with_stdin(cwd.path(), &["run", "-", "--jsonl", "--no-classify", "--stdin-format", "markdown"], b"# Tin\n\nHai *ba*.");
    assert_eq!((jsonl(&o)[0]["format"].as_str(), jsonl(&o)[0]["text"].as_str()), (Some("markdown"), Some("Tin\n\nHai ba.")));
}

#[test]
fn a_directory_streams_in_input_order_and_one_file_is_an_input() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(input.join("b")).unwrap();
    for (name, fixture_name) in [("c.txt", "nfc.txt"), ("a.txt", "tcvn3.txt"), ("b/z.txt", "viscii.txt")] {
        std::fs::copy(fixture("encodings").join(fixture_name), input.join(name)).unwrap();
    }
    let o = vnbrief(&["run", input.to_str().unwrap(), "--jsonl", "--no-classify", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ids: Vec<String> = jsonl(&o).iter().map(|d| d["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["a", "b/z", "c"]);

    let out = tmp.path().join("out");
    let file = input.join("a.txt");
    let o = vnbrief(&["run", file.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-classify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(read_json(&out.join("index.json"))["documents"], 1);
    assert_eq!(read_json(&out.join("a.json"))["encoding"], "tcvn3");
}

#[test]
fn verbose_says_which_models_run_and_why() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let file = fixture("encodings/nfc.txt");
    let o = vnbrief(&["-v", "run", file.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-classify"]);
    let err = stderr(&o);
    assert!(err.contains("translator: rules (none named, installed or cached)"), "{err}");
    assert!(err.contains("classifier: none (--no-classify)"), "{err}");
    let models = &read_json(&out.join("index.json"))["models"];
    assert_eq!(models[1], serde_json::json!({"stage": "translator", "model": "rules", "why": "none named, installed or cached"}));
    // Without -v the log stays quiet.
    let o = vnbrief(&["run", file.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-classify", "--force"]);
    assert!(!stderr(&o).contains("translator:"), "{}", stderr(&o));
}

#[test]
fn completions_and_man_pages() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = vnbrief(&["completions", shell]);
        assert!(o.status.success() && stdout(&o).contains("vnbrief") && stdout(&o).contains("jsonl"), "{shell}");
    }
    assert_eq!(vnbrief(&["completions", "tcsh"]).status.code(), Some(2));
    let man = vnbrief(&["man"]);
    assert!(stdout(&man).contains(".TH vnbrief 1"), "{}", stdout(&man));
    let dir = tempfile::tempdir().unwrap();
    let o = vnbrief(&["man", "--out", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for page in ["vnbrief.1", "vnbrief-run.1", "vnbrief-models-pull.1"] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".TH"), "{page}");
    }
}
