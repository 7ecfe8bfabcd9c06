//! `run` and `eval` take one path through the stages: what `eval` scores for a labeled
//! document is what `run` writes for the same text.

mod common;

use common::*;
use vnbrief::settings::{Flags, Settings};
use vnbrief::stages::Stages;

#[test]
fn eval_scores_what_run_writes() {
    let set = vnbrief::samples::read_all(&[repo().join("data/labeled/dev")]).unwrap();
    let flags = Flags {
        models: Some(vnbrief::settings::models_dir(None)),
        translator: Some("rules".into()),
        summarizer: Some("none".into()),
        choose_models: true,
        ..Flags::default()
    };
    let stages = Stages::load(&Settings::resolve(&flags).unwrap()).unwrap();
    let (evaluated, _) = vnbrief::eval::process_samples(&set, &stages).unwrap();

    // The same texts as files, through `run`.
    let input = tempfile::tempdir().unwrap();
    for sample in &set.samples {
        std::fs::write(input.path().join(format!("{}.txt", sample.id)), &sample.text).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let o = vnbrief(&[
        "run",
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--translator",
        "rules",
        "--summarizer",
        "none",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));

    // Compared where `run`'s segmentation found the gold sentences (eval reads gold ones).
    let mut compared = 0;
    for (sample, doc) in set.samples.iter().zip(&evaluated) {
        let written = read_json(&out.path().join(format!("{}.json", sample.id)));
        let sentences: Vec<&serde_json::Value> =
            written["paragraphs"].as_array().unwrap().iter().flat_map(|p| p["sentences"].as_array().unwrap()).collect();
        let same_segmentation = sentences.len() == doc.sentences().count()
            && sentences.iter().zip(doc.sentences()).all(|(w, s)| w["text"] == s.text.as_str());
        if !same_segmentation {
            continue;
        }
        compared += 1;
        for (w, s) in sentences.iter().zip(doc.sentences()) {
            assert_eq!(w["label"].as_str(), s.label.map(|l| l.as_str()), "{}: {}", sample.id, s.text);
            assert_eq!(w["translation"].as_str(), s.translation.as_deref(), "{}: {}", sample.id, s.text);
            // Batches differ (other neighbours, other padding): the probabilities agree to
            // rounding, not to the bit.
            let c = w["confidence"].as_f64().unwrap();
            assert!((c - s.confidence.unwrap() as f64).abs() < 1e-3, "{}: {c} vs {:?}", sample.id, s.confidence);
        }
        let facts = doc.facts.as_ref().unwrap();
        let figures: Vec<f64> = written["facts"]["figures"].as_array().unwrap().iter().map(|f| f["value"].as_f64().unwrap()).collect();
        assert_eq!(figures, facts.figures.iter().map(|f| f.figure.value).collect::<Vec<_>>(), "{}", sample.id);
        assert_eq!(written["facts"]["chairs"], serde_json::json!(facts.chairs), "{}", sample.id);
        assert_eq!(written["briefing"]["key_figures"].as_array().unwrap().len(), doc.briefing.as_ref().unwrap().key_figures.len());
    }
    assert!(compared * 2 >= set.samples.len(), "only {compared} of {} documents segmented as their gold", set.samples.len());
}
