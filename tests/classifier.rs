//! The sentence classifier end to end: the committed head, `eval`, `run` and `train`.
//! Needs the encoder that scripts/setup.sh installs.

mod common;

use common::*;
use serde_json::Value;

fn labeled(rel: &str) -> String {
    repo().join("data/labeled").join(rel).to_string_lossy().into_owned()
}

fn eval_json(args: &[&str]) -> Value {
    let out = vnbrief(&[&["eval", "--json"], args].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("one JSON object")
}

#[test]
fn committed_head_matches_the_training_data() {
    let meta = read_json(&repo().join("models/classifier/classifier.json"));
    let files: Vec<std::path::PathBuf> = meta["training_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| repo().join(f.as_str().unwrap()))
        .collect();
    let hash = vnbrief::train::data_hash(&files).unwrap();
    assert_eq!(
        meta["training_data_sha256"], hash,
        "the labeled data changed: retrain with the command in README.md"
    );
    // The dev split is never trained on.
    assert!(files.iter().all(|f| !f.to_string_lossy().contains("/dev/")));
}

#[test]
fn eval_scores_the_transformer_against_the_keyword_baseline() {
    let report = eval_json(&["--samples", &labeled("dev")]);
    let c = &report["classification"];
    let b = &report["baseline"];
    for key in ["accuracy", "macro_f1", "per_label", "confusion"] {
        assert!(c.get(key).is_some() && b.get(key).is_some(), "{key}");
    }
    let support: u64 = ["attendance", "achievement", "directive", "other"]
        .iter()
        .map(|l| c["per_label"][l]["support"].as_u64().unwrap())
        .sum();
    assert_eq!(support, report["sentences"].as_u64().unwrap());
    let (m, base) = (c["macro_f1"].as_f64().unwrap(), b["macro_f1"].as_f64().unwrap());
    assert!(m >= 0.90, "transformer macro-F1 {m}");
    assert!(m >= base + 0.03, "transformer {m} vs baseline {base}");
    // The same model gives the dev metrics recorded when it was trained: exactly in f32.
    let meta = read_json(&repo().join("models/classifier/classifier.json"));
    let recorded_f32 = meta["dev_metrics"]["classification"]["macro_f1"].as_f64().unwrap();
    let f32 = eval_json(&["--samples", &labeled("dev"), "--precision", "f32"]);
    let m32 = f32["classification"]["macro_f1"].as_f64().unwrap();
    assert!((recorded_f32 - m32).abs() < 1e-6, "recorded {recorded_f32} in f32, now {m32}");
    // In the precision its int8 check chose (eval runs what run runs): int8 within the
    // check's own tolerance, since fbgemm's int8 kernels round differently on CPUs with
    // and without AVX-512 (an AVX2-only EPYC gives 0.9709 where 0.9682 was recorded).
    if meta["int8"]["passed"] == Value::Bool(true) {
        let recorded = meta["int8"]["macro_f1_int8"].as_f64().unwrap();
        assert!((recorded - m).abs() <= 0.005, "recorded {recorded} in int8, now {m}");
    } else {
        assert!((recorded_f32 - m).abs() < 1e-6, "recorded {recorded_f32}, now {m}");
    }
}

/// The test split (pages never trained on nor tuned on, written to the shapes of real
/// provincial pages) holds issue 11's targets: macro-F1 ≥ 0.93 and every label ≥ 0.85,
/// chairs ≥ 0.95, segmentation ≥ 0.99. A retrained classifier that falls below fails here.
#[test]
fn the_held_out_pages_meet_the_targets() {
    let report = eval_json(&["--samples", &labeled("test")]);
    let c = &report["classification"];
    let macro_f1 = c["macro_f1"].as_f64().unwrap();
    assert!(macro_f1 >= 0.93, "macro-F1 {macro_f1}");
    for label in ["attendance", "achievement", "directive", "other"] {
        let f1 = c["per_label"][label]["f1"].as_f64().unwrap();
        assert!(f1 >= 0.85, "{label} F1 {f1}");
    }
    let chairs = report["chairs"]["f1"].as_f64().unwrap();
    assert!(chairs >= 0.95, "chairs F1 {chairs}");
    let segmentation = report["segmentation"]["f1"].as_f64().unwrap();
    assert!(segmentation >= 0.99, "segmentation F1 {segmentation}");
}

#[test]
fn run_labels_every_sentence_with_scores() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let samples = repo().join("data/samples");
    let run = vnbrief(&["run", samples.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let index = read_json(&out.join("index.json"));
    assert!(index["pipeline_version"].as_str().unwrap().contains("+head:"));
    let mut labels = std::collections::BTreeSet::new();
    for e in index["entries"].as_array().unwrap() {
        let doc = read_json(&out.join(e["output"].as_str().unwrap()));
        for p in doc["paragraphs"].as_array().unwrap() {
            for s in p["sentences"].as_array().unwrap() {
                let label = s["label"].as_str().expect("label");
                let scores = &s["scores"];
                let total: f64 = ["attendance", "achievement", "directive", "other"]
                    .iter()
                    .map(|l| scores[l].as_f64().unwrap())
                    .sum();
                assert!((total - 1.0).abs() < 1e-3, "{total}");
                assert_eq!(s["confidence"].as_f64().unwrap(), scores[label].as_f64().unwrap());
                labels.insert(label.to_string());
            }
        }
    }
    assert_eq!(labels.len(), 4, "{labels:?}");
}

#[test]
fn train_is_reproducible() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("head");
    let meta = read_json(&repo().join("models/classifier/classifier.json"));
    let mut args = vec!["train".to_string(), "--out".into(), out.to_string_lossy().into_owned(), "--samples".into()];
    for f in meta["training_files"].as_array().unwrap() {
        args.push(repo().join(f.as_str().unwrap()).to_string_lossy().into_owned());
    }
    args.push("--dev".into());
    args.push(labeled("dev"));
    // As the committed head was trained: with its top layers fine-tuned, or frozen.
    let layers = meta["tuned"]["layers"].as_u64().unwrap_or(0).to_string();
    let epochs = meta["tuned"]["epochs"].as_u64().unwrap_or(1).to_string();
    args.extend(["--tune-layers".into(), layers, "--tune-epochs".into(), epochs]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = vnbrief(&refs);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let again = read_json(&out.join("classifier.json"));
    assert_eq!(again["training_data_sha256"], meta["training_data_sha256"]);
    let (a, b) = (
        again["dev_metrics"]["classification"]["macro_f1"].as_f64().unwrap(),
        meta["dev_metrics"]["classification"]["macro_f1"].as_f64().unwrap(),
    );
    assert!((a - b).abs() < 0.02, "retrained {a}, committed {b}");
}

#[test]
fn missing_or_corrupt_models_give_one_line_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("models");
    std::fs::create_dir_all(&empty).unwrap();
    let samples = labeled("samples.jsonl");
    let out = vnbrief(&["eval", "--models", empty.to_str().unwrap(), "--samples", &samples]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("classifier.json") && err.contains("vnbrief train"), "{err}");

    // A corrupt head: an error, not a panic.
    let head = empty.join("classifier");
    std::fs::create_dir_all(&head).unwrap();
    std::fs::copy(repo().join("models/classifier/classifier.json"), head.join("classifier.json")).unwrap();
    std::fs::write(head.join("head.safetensors"), b"not a safetensors file").unwrap();
    let out = vnbrief(&["eval", "--models", empty.to_str().unwrap(), "--samples", &samples]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("corrupt"), "{}", stderr(&out));

    // A missing encoder names its folder and the install command.
    std::fs::copy(repo().join("models/classifier/head.safetensors"), head.join("head.safetensors")).unwrap();
    let out = vnbrief(&["run", repo().join("data/samples").to_str().unwrap(), "--models", empty.to_str().unwrap(), "--out", tmp.path().join("o").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("multilingual-e5-small") && err.contains("scripts/setup.sh"), "{err}");
    assert!(!tmp.path().join("o").exists(), "nothing written when a model is missing");
}

#[test]
fn fine_tuned_layers_are_stored_beside_the_head_and_reloaded() {
    let tmp = tempfile::tempdir().unwrap();
    let models = tmp.path().join("models");
    let head = models.join("classifier");
    std::fs::create_dir_all(&models).unwrap();
    // The pretrained encoder is shared; only the tuned layers live beside the head.
    let encoder = repo().join("models/multilingual-e5-small");
    std::os::unix::fs::symlink(&encoder, models.join("multilingual-e5-small")).unwrap();
    let train = |layers: &str| {
        let run = vnbrief(&[
            "train", "--out", head.to_str().unwrap(), "--samples", &labeled("samples.jsonl"), "--dev", &labeled("dev"),
            "--epochs", "40", "--tune-layers", layers, "--tune-epochs", "1",
        ]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        read_json(&head.join("classifier.json"))
    };
    let meta = train("1");
    assert_eq!(meta["tuned"]["layers"], 1);
    let tuned = head.join("encoder-top.safetensors");
    assert!(tuned.is_file());
    // The dev metrics recorded at training are what a reload of the stored (f16) layers gives.
    let report = eval_json(&["--models", models.to_str().unwrap(), "--samples", &labeled("dev")]);
    let (recorded, now) = (
        meta["dev_metrics"]["classification"]["macro_f1"].as_f64().unwrap(),
        report["classification"]["macro_f1"].as_f64().unwrap(),
    );
    assert!((recorded - now).abs() < 1e-6, "recorded {recorded}, reloaded {now}");

    // Without its layers the head is refused, with the file named.
    std::fs::rename(&tuned, tmp.path().join("aside")).unwrap();
    let out = vnbrief(&["eval", "--models", models.to_str().unwrap(), "--samples", &labeled("dev")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("encoder-top.safetensors"), "{}", stderr(&out));

    // A frozen-encoder head removes stale tuned layers.
    std::fs::rename(tmp.path().join("aside"), &tuned).unwrap();
    let meta = train("0");
    assert!(meta.get("tuned").is_none() && !tuned.exists());
}

#[test]
fn a_long_document_is_labelled_in_slices_as_it_would_be_whole() {
    use vnbrief::classify::{self, bert::Precision, encoder::EncoderOptions, Classifier};
    let models = repo().join("models");
    let mut classifier = Classifier::load(&models, EncoderOptions::default(), Some(Precision::F32)).unwrap();
    // Over two slices and two rounds (see `classify::STREAM`), beside a short document.
    let set = vnbrief::samples::read_all(&[repo().join("data/labeled/dev")]).unwrap();
    let texts: Vec<&str> = set.samples.iter().flat_map(|s| s.sentences.iter().map(|(g, _)| g.text.as_str())).collect();
    let n = classify::STREAM + 300;
    let sentences: Vec<&str> = texts.iter().cycle().take(n).copied().collect();
    let inputs = classify::document_inputs(&sentences);
    let short = classify::document_inputs(&sentences[..7]);
    let got = classifier.classify_documents(&[short.clone(), inputs.clone()]).unwrap();
    assert_eq!(got[1].predictions.len(), n);

    // The whole document embedded at once, and the head over all of it.
    let vectors = classifier.encoder_mut().embed(&sentences).unwrap().vectors;
    let whole = classifier.head().predict(&classify::features(&vectors, &inputs));
    let whole: Vec<f32> = Vec::try_from(whole.flatten(0, -1)).unwrap();
    for (k, p) in got[1].predictions.iter().enumerate() {
        let s = &p.scores;
        let diff = [s.attendance, s.achievement, s.directive, s.other]
            .iter()
            .zip(&whole[4 * k..4 * k + 4])
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(diff < 1e-3, "sentence {k}: scores differ by {diff}");
    }
    // A document's labels do not depend on the documents classified beside it.
    let alone = classifier.classify_documents(&[short]).unwrap();
    assert_eq!(alone[0].predictions, got[0].predictions);
}
