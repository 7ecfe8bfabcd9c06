//! A small harness for running the `vnbrief` binary in tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the binary with an empty Hugging Face cache, so that models a developer has
/// cached never leak into a test.
pub fn vnbrief(args: &[&str]) -> Output {
    vnbrief_env(args, &[])
}

/// As [`vnbrief`], with extra environment variables (they may replace `HF_HOME`).
pub fn vnbrief_env(args: &[&str], envs: &[(&str, &Path)]) -> Output {
    let empty_cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("empty-hf-home");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vnbrief"));
    cmd.args(args).env("HF_HOME", &empty_cache).env_remove("HF_HUB_CACHE").env_remove("HUGGINGFACE_HUB_CACHE");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("the vnbrief binary runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    repo().join("tests/fixtures").join(rel)
}

/// `../shared` beside the repository (present on developer machines and in CI).
pub fn shared(rel: &str) -> PathBuf {
    let path = repo().join("../shared").join(rel);
    assert!(path.exists(), "{} is missing: tests need ../shared beside the repo", path.display());
    path
}

pub fn read_json(path: &Path) -> serde_json::Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir`, relative, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}
