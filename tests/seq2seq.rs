//! Translation and summarization, proven on the fixture models under
//! tests/fixtures/models (built by scripts/make-fixtures.sh from data/parallel and
//! data/summaries): models that memorised their training pairs must reproduce them
//! exactly through vnbrief's loading, tokenization, generation and `run`.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, read_json, repo, stderr, stdout, vnbrief, vnbrief_env};
use serde_json::Value;
use vnbrief::config::GenerateSection;
use vnbrief::models::seq2seq::{Arch, Seq2SeqFolder};
use vnbrief::samples::{self, SummaryDoc};
use vnbrief::summarize::Summarizer;
use vnbrief::translate::MarianTranslator as Translator;

fn translator_dir() -> PathBuf {
    fixture("models/translator")
}

fn summarizer_dir() -> PathBuf {
    fixture("models/summarizer")
}

fn docs() -> Vec<SummaryDoc> {
    samples::read_summary_docs(&repo().join("data/summaries/docs.jsonl")).unwrap()
}

fn pairs() -> Vec<(String, String)> {
    samples::read_parallel(&repo().join("data/parallel"), &docs()).unwrap()
}

#[test]
fn fixtures_are_built_from_the_data_they_are_tested_on() {
    // Stale fixtures (data edited, models not rebuilt) would fail below with confusing
    // diffs; say so plainly.
    let manifest = read_json(&fixture("models/manifest.json"));
    let data = vnbrief::models::hub::checksum(&samples::fixture_data_files(&repo().join("data")).unwrap()).unwrap();
    assert_eq!(manifest["data_sha256"], data, "data changed since the fixtures were built: run scripts/make-fixtures.sh");
    let size: u64 = common::files_under(&fixture("models"))
        .iter()
        .map(|f| std::fs::metadata(fixture("models").join(f)).unwrap().len())
        .sum();
    assert!(size < 10 << 20, "fixtures take {size} bytes");
    assert!(pairs().len() >= 300 && docs().len() >= 30);
}

#[test]
fn translator_reproduces_every_training_pair() {
    let folder = Seq2SeqFolder::open(&translator_dir(), Arch::Marian).unwrap();
    let t = Translator::load(&folder, &GenerateSection::default(), u64::MAX).unwrap();
    let pairs = pairs();
    let vi: Vec<&str> = pairs.iter().map(|p| p.0.as_str()).collect();
    let out = t.translate(&vi).unwrap();
    let wrong: Vec<_> = pairs.iter().zip(&out).filter(|(p, o)| &p.1 != *o).collect();
    assert!(wrong.is_empty(), "{} of {} differ, first: {:?}", wrong.len(), pairs.len(), wrong.first());
    // Other batch sizes give the same; duplicates and blanks keep their places.
    let small_batches = GenerateSection { batch_size: Some(3), ..Default::default() };
    let t = Translator::load(&folder, &small_batches, u64::MAX).unwrap();
    let some = [vi[5], "", vi[5], vi[0]];
    assert_eq!(t.translate(&some).unwrap(), [pairs[5].1.as_str(), "", pairs[5].1.as_str(), pairs[0].1.as_str()]);
}

#[test]
fn summarizer_reproduces_every_training_summary() {
    let folder = Seq2SeqFolder::open(&summarizer_dir(), Arch::Bart).unwrap();
    let s = Summarizer::load(&folder, &GenerateSection::default(), u64::MAX).unwrap();
    let docs = docs();
    let (inputs, wanted): (Vec<Vec<String>>, Vec<&str>) =
        docs.iter().flat_map(|d| d.summary_inputs().into_iter().map(move |i| (i, d.summary_en.as_str()))).unzip();
    let got = s.summarize(&inputs).unwrap();
    let wrong: Vec<_> = wanted.iter().zip(&got).filter(|(w, g)| *w != g).collect();
    assert!(wrong.is_empty(), "{} of {} differ, first: {:?}", wrong.len(), wanted.len(), wrong.first());
}

/// Writes each report as a text file of one paragraph.
fn write_reports(dir: &Path, docs: &[SummaryDoc]) {
    for d in docs {
        let text: Vec<&str> = d.sentences.iter().map(|s| s.vi.as_str()).collect();
        std::fs::write(dir.join(format!("{}.txt", d.id)), text.join(" ") + "\n").unwrap();
    }
}

fn sentences(doc: &Value) -> Vec<&Value> {
    doc["paragraphs"].as_array().unwrap().iter().flat_map(|p| p["sentences"].as_array().unwrap()).collect()
}

#[test]
fn run_with_the_fixture_models_reproduces_their_training_outputs() {
    let docs = docs();
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_reports(input.path(), &docs);
    let (t, s) = (translator_dir(), summarizer_dir());
    let o = vnbrief(&[
        "run", input.path().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--quiet", "--no-classify",
        "--translator", t.to_str().unwrap(), "--summarizer", s.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for d in &docs {
        let doc = read_json(&out.path().join(format!("{}.json", d.id)));
        let got = sentences(&doc);
        assert_eq!(got.len(), d.sentences.len(), "{}: segmentation differs", d.id);
        for (g, want) in got.iter().zip(&d.sentences) {
            assert_eq!(g["translation"], want.en.as_str(), "{}", d.id);
        }
        let summary = &doc["briefing"]["summary"];
        assert_eq!(summary["method"], "abstractive:vnbrief/fixture-distilbart", "{}: {:?}", d.id, doc["warnings"]);
        assert_eq!(summary["text"], d.summary_en.as_str(), "{}", d.id);
        assert!(doc["briefing"]["line_method"].as_str().unwrap().starts_with("translation:marian:"));
        // Achievement and directive lines are the translations now, not termbase mixes.
        let md = std::fs::read_to_string(out.path().join(format!("{}.md", d.id))).unwrap();
        assert!(md.contains(&d.summary_en), "{}", d.id);
    }
}

#[test]
fn run_with_the_classifier_translates_and_summarises_its_picks() {
    let docs: Vec<SummaryDoc> = docs().into_iter().take(4).collect();
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_reports(input.path(), &docs);
    let (t, s) = (translator_dir(), summarizer_dir());
    let o = vnbrief(&[
        "run", input.path().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--quiet",
        "--translator", t.to_str().unwrap(), "--summarizer", s.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for d in &docs {
        let doc = read_json(&out.path().join(format!("{}.json", d.id)));
        for (g, want) in sentences(&doc).iter().zip(&d.sentences) {
            assert!(g["label"].is_string());
            assert_eq!(g["translation"], want.en.as_str());
        }
        let method = doc["briefing"]["summary"]["method"].as_str().unwrap();
        assert!(method == "abstractive:vnbrief/fixture-distilbart" || method == "data-to-text:translation", "{method}");
    }
}

#[test]
fn names_are_written_plain_in_english() {
    // These pairs' English spells each name with some of its diacritics, as web-trained
    // Marian models sometimes do; the facts stage knows the names and `run` writes them
    // plain, as English-language Vietnamese press does ("Vu Duc Thang").
    let pairs: Vec<(String, String)> = std::fs::read_to_string(repo().join("data/parallel/vi-en-names.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["vi"].as_str().unwrap().to_string(), v["en"].as_str().unwrap().to_string())
        })
        .collect();
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let text: Vec<&str> = pairs.iter().map(|p| p.0.as_str()).collect();
    std::fs::write(input.path().join("names.txt"), text.join("\n\n")).unwrap();
    let t = translator_dir();
    let o = vnbrief(&[
        "run", input.path().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--quiet", "--no-classify",
        "--translator", t.to_str().unwrap(), "--summarizer", "none",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = read_json(&out.path().join("names.json"));
    let people: Vec<(usize, String)> = doc["facts"]["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["sentence"].as_u64().unwrap() as usize, p["name"].as_str().unwrap().to_string()))
        .collect();
    let got = sentences(&doc);
    let mut fixed = 0;
    for (i, name) in &people {
        let en = got[*i]["translation"].as_str().unwrap();
        let plain = vnbrief::translate::rules::english::plain(name);
        assert!(en.contains(plain.as_str()), "{plain} not written in {en:?}");
        assert!(!pairs[*i].1.contains(plain.as_str()), "the model already wrote {plain}");
        assert!(!vnbrief::translate::rules::english::has_vietnamese_letters(en), "{en:?}");
        fixed += 1;
    }
    assert!(fixed >= 10, "only {fixed} names found: {people:?}");
    assert_eq!(doc["briefing"]["summary"]["method"], "data-to-text:translation");
}

/// A Hugging Face cache holding the fixtures under the names of real models, with
/// files as symlinks into blobs/ the way huggingface_hub writes them.
fn hf_cache(root: &Path) {
    for (repo_id, src) in [("Helsinki-NLP/opus-mt-vi-en", translator_dir()), ("sshleifer/distilbart-cnn-12-6", summarizer_dir())] {
        let base = root.join("hub").join(format!("models--{}", repo_id.replace('/', "--")));
        let snap = base.join("snapshots/0123456789abcdef");
        std::fs::create_dir_all(&snap).unwrap();
        std::fs::create_dir_all(base.join("blobs")).unwrap();
        std::fs::create_dir_all(base.join("refs")).unwrap();
        std::fs::write(base.join("refs/main"), "0123456789abcdef").unwrap();
        for f in common::files_under(&src) {
            let blob = base.join("blobs").join(format!("blob-{f}"));
            std::fs::copy(src.join(&f), &blob).unwrap();
            std::os::unix::fs::symlink(format!("../../blobs/blob-{f}"), snap.join(&f)).unwrap();
        }
    }
}

#[test]
fn models_in_the_hugging_face_cache_are_found_without_flags() {
    let home = tempfile::tempdir().unwrap();
    hf_cache(home.path());
    let models = tempfile::tempdir().unwrap();
    let env = [("HF_HOME", home.path())];

    let o = vnbrief_env(&["--models", models.path().to_str().unwrap(), "models", "list"], &env);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    for stage in ["classifier", "translator", "summarizer"] {
        assert!(table.lines().any(|l| l.starts_with(stage)), "{table}");
    }
    assert!(table.contains("Helsinki-NLP/opus-mt-vi-en") && table.contains("sshleifer/distilbart-cnn-12-6"), "{table}");
    let o = vnbrief_env(&["--models", models.path().to_str().unwrap(), "models", "list", "--json"], &env);
    let rows: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.as_object().map(|o| o.len()), Some(3), "one object per stage: {rows}");
    let translator = &rows["translator"];
    assert_eq!(translator["stage"], "translator");
    assert_eq!(translator["installed"], true);
    assert_eq!(translator["source"], "hf-cache");
    let weights = translator_dir().join("model.safetensors");
    assert_eq!(translator["sha256"], vnbrief::models::hub::checksum(&[weights]).unwrap());

    let docs: Vec<SummaryDoc> = docs().into_iter().take(2).collect();
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_reports(input.path(), &docs);
    let o = vnbrief_env(&["run", input.path().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--quiet", "--no-classify"], &env);
    assert!(o.status.success(), "{}", stderr(&o));
    for d in &docs {
        let doc = read_json(&out.path().join(format!("{}.json", d.id)));
        assert_eq!(doc["briefing"]["summary"]["method"], "abstractive:sshleifer/distilbart-cnn-12-6");
        assert_eq!(doc["briefing"]["summary"]["text"], d.summary_en.as_str());
        assert_eq!(doc["briefing"]["line_method"], "translation:marian:Helsinki-NLP/opus-mt-vi-en");
    }
    // index.json says which model each stage ran and why.
    let models = &read_json(&out.path().join("index.json"))["models"];
    assert_eq!(models[1]["stage"], "translator");
    assert!(models[1]["model"].as_str().unwrap().contains("opus-mt-vi-en"), "{models}");
    assert_eq!(models[1]["why"], "found in the Hugging Face cache");
    assert_eq!(models[2]["why"], "found in the Hugging Face cache");
}

#[test]
fn without_models_run_says_which_method_each_briefing_used() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_reports(input.path(), &docs()[..1]);
    let models = tempfile::tempdir().unwrap();
    // An empty models folder: no translator or summarizer installed, none cached.
    let o = vnbrief(&["--models", models.path().to_str().unwrap(), "run", input.path().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--quiet", "--no-classify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = read_json(&out.path().join(format!("{}.json", docs()[0].id)));
    // No model: the rules translator gives every sentence its English.
    assert_eq!(doc["briefing"]["summary"]["method"], "data-to-text:translation");
    assert_eq!(doc["briefing"]["line_method"], "translation:rules");
    assert!(sentences(&doc).iter().all(|s| s["translation"].as_str().is_some_and(|t| !t.is_empty()) && s["translation_method"] == "rules"));
}

#[test]
fn a_summarizer_without_a_translator_is_not_used_and_the_run_says_so() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_reports(input.path(), &docs()[..1]);
    let s = summarizer_dir();
    let o = vnbrief(&[
        "run", input.path().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--quiet", "--no-classify",
        "--translator", "none", "--summarizer", s.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let index = read_json(&out.path().join("index.json"));
    assert!(index["warnings"].to_string().contains("with no Marian translator it was not loaded"), "{index}");
    let doc = read_json(&out.path().join(format!("{}.json", docs()[0].id)));
    assert_eq!(doc["briefing"]["summary"]["method"], "data-to-text:translation");
}

#[test]
fn import_installs_a_folder_that_run_then_uses() {
    let models = tempfile::tempdir().unwrap();
    let m = models.path().to_str().unwrap();
    for (stage, dir) in [("translator", translator_dir()), ("summarizer", summarizer_dir())] {
        let o = vnbrief(&["--models", m, "models", "import", dir.to_str().unwrap(), "--as", stage]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(models.path().join(stage).join("model.safetensors").is_file());
        assert!(models.path().join(stage).join("vnbrief-model.json").is_file());
    }
    // Importing over an installed model replaces it whole; nothing half-copied is left.
    let o = vnbrief(&["--models", m, "models", "import", translator_dir().to_str().unwrap(), "--as", "translator"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let leftovers: Vec<String> = std::fs::read_dir(models.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with('.')).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The wrong architecture for a stage is refused.
    let o = vnbrief(&["--models", m, "models", "import", summarizer_dir().to_str().unwrap(), "--as", "translator"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("unsupported architecture \"bart\""), "{}", stderr(&o));

    let o = vnbrief(&["--models", m, "models", "list"]);
    let table = stdout(&o);
    assert!(table.lines().any(|l| l.starts_with("translator") && l.contains("installed") && l.contains("fixture-opus-mt-vi-en")), "{table}");

    let docs: Vec<SummaryDoc> = docs().into_iter().take(1).collect();
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_reports(input.path(), &docs);
    let o = vnbrief(&["--models", m, "run", input.path().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--quiet", "--no-classify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = read_json(&out.path().join(format!("{}.json", docs[0].id)));
    assert_eq!(doc["briefing"]["summary"]["text"], docs[0].summary_en.as_str());
}

/// A folder like the fixture translator, changed by `edit`.
fn broken_translator(edit: impl Fn(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in common::files_under(&translator_dir()) {
        std::fs::copy(translator_dir().join(&f), dir.path().join(&f)).unwrap();
    }
    edit(dir.path());
    dir
}

fn run_error(translator: &Path, extra: &[&str]) -> String {
    let input = tempfile::tempdir().unwrap();
    std::fs::write(input.path().join("a.txt"), "Đồng chí Lê Minh Tuấn chủ trì hội nghị.").unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut args = extra.to_vec();
    args.extend(["run", input.path().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--no-classify", "--translator", translator.to_str().unwrap(), "--summarizer", "none"]);
    let o = vnbrief(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!out.path().join("a.json").exists(), "nothing is written when a model cannot load");
    let err = stderr(&o);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn bad_model_folders_fail_with_one_line_naming_the_problem() {
    let dir = broken_translator(|d| std::fs::remove_file(d.join("source.spm")).unwrap());
    let err = run_error(dir.path(), &[]);
    assert!(err.contains("source.spm: missing"), "{err}");

    let dir = broken_translator(|d| {
        let mut c: Value = read_json(&d.join("config.json"));
        c["model_type"] = "t5".into();
        std::fs::write(d.join("config.json"), c.to_string()).unwrap();
    });
    let err = run_error(dir.path(), &[]);
    assert!(err.contains("unsupported architecture \"t5\""), "{err}");

    let dir = broken_translator(|d| std::fs::write(d.join("config.json"), "{\"model_type\": \"marian\", ").unwrap());
    let err = run_error(dir.path(), &[]);
    assert!(err.contains("config.json: invalid JSON"), "{err}");

    // Too large for the memory allowed: refused before loading, with the numbers.
    let cfg = tempfile::tempdir().unwrap();
    let toml = cfg.path().join("vnbrief.toml");
    std::fs::write(&toml, "[memory]\nlimit_mb = 1\n").unwrap();
    let err = run_error(&translator_dir(), &["--config", toml.to_str().unwrap()]);
    assert!(err.contains("model too large for the free memory") && err.contains("1 MiB available"), "{err}");
}

#[test]
fn vnbrief_toml_selects_the_models() {
    let cfg = tempfile::tempdir().unwrap();
    let toml = cfg.path().join("vnbrief.toml");
    std::fs::write(
        &toml,
        format!(
            "[models]\ntranslator = {:?}\nsummarizer = {:?}\n[translate]\nbeams = 1\n",
            translator_dir().display().to_string(),
            summarizer_dir().display().to_string()
        ),
    )
    .unwrap();
    let docs: Vec<SummaryDoc> = docs().into_iter().take(1).collect();
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_reports(input.path(), &docs);
    let o = vnbrief(&["--config", toml.to_str().unwrap(), "run", input.path().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--quiet", "--no-classify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = read_json(&out.path().join(format!("{}.json", docs[0].id)));
    assert_eq!(doc["briefing"]["summary"]["text"], docs[0].summary_en.as_str());
    // A flag overrides the file.
    let out2 = tempfile::tempdir().unwrap();
    let o = vnbrief(&["--config", toml.to_str().unwrap(), "run", input.path().to_str().unwrap(), "--out", out2.path().to_str().unwrap(), "--quiet", "--no-classify", "--summarizer", "none"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = read_json(&out2.path().join(format!("{}.json", docs[0].id)));
    assert_eq!(doc["briefing"]["summary"]["method"], "data-to-text:translation");
}

/// Serves `dir` as the hub serves a model repository, at any revision, on a local
/// port: model info, and files with the headers hf-hub reads (ETag, X-Repo-Commit,
/// Content-Range for ranges). Returns the address and the Authorization headers seen.
fn local_hub(repo_id: &'static str, dir: PathBuf) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let auth = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = auth.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let mut range_start: Option<usize> = None;
            let mut range_end: Option<usize> = None;
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).map_or(true, |n| n == 0) || h == "\r\n" {
                    break;
                }
                let lower = h.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("authorization:") {
                    seen.lock().unwrap().push(h["authorization:".len()..].trim().to_string());
                    let _ = v;
                }
                if let Some(v) = lower.strip_prefix("range: bytes=") {
                    let (a, b) = v.trim().split_once('-').unwrap_or((v.trim(), ""));
                    range_start = a.parse().ok();
                    range_end = b.parse().ok();
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
            let files = common::files_under(&dir);
            let info_prefix = format!("/api/models/{repo_id}/revision/");
            let resolve_prefix = format!("/{repo_id}/resolve/");
            let mut headers = String::new();
            let mut status = "200 OK";
            let body: Option<Vec<u8>> = if let Some(rev) = path.strip_prefix(&info_prefix) {
                let siblings: Vec<Value> = files.iter().map(|f| serde_json::json!({"rfilename": f})).collect();
                Some(serde_json::json!({"id": repo_id, "sha": format!("c0ffee{rev}"), "siblings": siblings}).to_string().into_bytes())
            } else if let Some((rev, file)) = path.strip_prefix(&resolve_prefix).and_then(|r| r.split_once('/')) {
                std::fs::read(dir.join(file)).ok().map(|all| {
                    headers = format!("ETag: \"{}\"\r\nX-Repo-Commit: c0ffee{rev}\r\n", vnbrief::hash::sha256_hex(&all));
                    match range_start {
                        Some(start) => {
                            let end = range_end.unwrap_or(all.len().saturating_sub(1)).min(all.len().saturating_sub(1));
                            status = "206 Partial Content";
                            headers.push_str(&format!("Content-Range: bytes {start}-{end}/{}\r\n", all.len()));
                            all.get(start..=end).map(<[u8]>::to_vec).unwrap_or_default()
                        }
                        None => all,
                    }
                })
            } else {
                None
            };
            let _ = match body {
                Some(b) => stream
                    .write_all(format!("HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n", b.len()).as_bytes())
                    .and_then(|_| stream.write_all(&b)),
                None => stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
            };
        }
    });
    (format!("http://{addr}"), auth)
}

#[test]
fn pull_fills_the_hugging_face_cache_and_the_stage_uses_it() {
    let (endpoint, auth) = local_hub("vnbrief/tiny-marian-vi-en", translator_dir());
    let models = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("token"), "hf_from_the_token_file\n").unwrap();
    let m = models.path().to_str().unwrap();
    let ep = PathBuf::from(&endpoint);
    let env = [("HF_ENDPOINT", ep.as_path()), ("HF_HOME", home.path())];
    let o = vnbrief_env(&["--models", m, "models", "pull", "vnbrief/tiny-marian-vi-en", "--as", "translator", "--revision", "v1"], &env);
    assert!(o.status.success(), "{}", stderr(&o));
    // The standard cache layout: snapshot of the commit the revision resolved to, refs/v1.
    let repo_dir = home.path().join("hub/models--vnbrief--tiny-marian-vi-en");
    let snapshot = repo_dir.join("snapshots/c0ffeev1");
    assert_eq!(std::fs::read_to_string(repo_dir.join("refs/v1")).unwrap(), "c0ffeev1");
    for f in ["config.json", "model.safetensors", "vocab.json", "source.spm", "target.spm"] {
        let a = std::fs::read(translator_dir().join(f)).unwrap();
        let b = std::fs::read(snapshot.join(f)).unwrap();
        assert!(a == b, "{f} differs");
    }
    assert!(!models.path().join("translator").exists(), "nothing copied into the models folder");
    let pulled = read_json(&models.path().join("pulled.json"));
    assert_eq!(pulled["translator"]["repo"], "vnbrief/tiny-marian-vi-en");
    assert_eq!((pulled["translator"]["revision"].as_str(), pulled["translator"]["commit"].as_str()), (Some("v1"), Some("c0ffeev1")));
    // The token file was sent.
    assert!(auth.lock().unwrap().iter().all(|a| a == "Bearer hf_from_the_token_file") && !auth.lock().unwrap().is_empty());
    // The stage now runs the pulled model, and says so.
    let o = vnbrief_env(&["--models", m, "models", "list", "--json"], &env);
    let list: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list["translator"]["source"], "pulled", "{list}");
    let input = tempfile::tempdir().unwrap();
    write_reports(input.path(), &docs()[..1]);
    let out = tempfile::tempdir().unwrap();
    let o = vnbrief_env(&["--models", m, "run", input.path().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--no-classify", "-q", "--summarizer", "none"], &env);
    assert!(o.status.success(), "{}", stderr(&o));
    let why = read_json(&out.path().join("index.json"))["models"][1]["why"].as_str().unwrap().to_string();
    assert_eq!(why, "pulled with `models pull` from vnbrief/tiny-marian-vi-en@v1 (commit c0ffeev1)");

    // A model the hub does not have, a hub that cannot be reached, and offline mode: one
    // line each, exit 1 (runtime), not 2 (usage).
    let o = vnbrief_env(&["--models", m, "models", "pull", "vnbrief/absent", "--as", "translator"], &env);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("HTTP 404"), "{}", stderr(&o));
    let unreachable = PathBuf::from("http://127.0.0.1:9");
    let o = vnbrief_env(&["--models", m, "models", "pull", "Helsinki-NLP/opus-mt-vi-en", "--as", "translator"], &[("HF_ENDPOINT", &unreachable), ("HF_HOME", home.path())]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("cannot reach the Hugging Face hub") && err.trim_end().lines().count() == 1, "{err}");
    let offline = PathBuf::from("1");
    let o = vnbrief_env(&["--models", m, "models", "pull", "vnbrief/tiny-marian-vi-en", "--as", "translator"], &[("HF_ENDPOINT", ep.as_path()), ("HF_HOME", home.path()), ("HF_HUB_OFFLINE", &offline)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("HF_HUB_OFFLINE"), "{}", stderr(&o));
    // The pulled translator is still the stage's model.
    assert_eq!(read_json(&models.path().join("pulled.json"))["translator"]["commit"], "c0ffeev1");
}

#[test]
fn eval_scores_translation_and_summary() {
    // The reports as labeled samples with reference translations and summaries.
    let docs = docs();
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<String> = docs
        .iter()
        .map(|d| {
            let sentences: Vec<Value> = d
                .sentences
                .iter()
                .map(|s| serde_json::json!({"text": s.vi, "label": s.label.as_str(), "translation": s.en}))
                .collect();
            serde_json::json!({"id": d.id, "paragraphs": [sentences], "summary_en": d.summary_en}).to_string()
        })
        .collect();
    let path = dir.path().join("reports.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    let (t, s) = (translator_dir(), summarizer_dir());
    let o = vnbrief(&["eval", "--samples", path.to_str().unwrap(), "--json", "--translator", t.to_str().unwrap(), "--summarizer", s.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["translation"]["chrf"], 100.0);
    assert_eq!(report["translation"]["sentences"], docs.iter().map(|d| d.sentences.len()).sum::<usize>());
    let summary = &report["summary"];
    assert_eq!(summary["documents"], docs.len());
    for k in ["rouge1", "rouge2", "rougeL"] {
        let v = summary[k].as_f64().unwrap();
        // Where the classifier picks as the gold does, the summary is exact.
        assert!(v > 0.5 && v <= 1.0, "{k} {v}");
    }
}
