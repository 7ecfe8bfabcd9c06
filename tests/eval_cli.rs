//! `vnbrief eval`: the labeled-samples format, its error handling and the JSON contract.

mod common;

use common::*;

#[test]
fn shared_report_segments_into_its_17_gold_sentences() {
    let samples = shared("samples/gia-lai-military-2023.labeled.jsonl");
    let out = vnbrief(&["eval", "--no-model", "--samples", samples.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    assert_eq!(report["documents"], 1);
    assert_eq!(report["sentences"], 17);
    let seg = &report["segmentation"];
    assert_eq!((seg["correct"].as_u64(), seg["predicted"].as_u64()), (Some(17), Some(17)), "{seg}");
    assert_eq!(seg["f1"], 1.0);
}

#[test]
fn shared_report_file_gives_the_gold_sentences_through_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(shared("samples/gia-lai-military-2023.txt"), input.join("report.txt")).unwrap();
    let out = tmp.path().join("out");
    let run = vnbrief(&["run", "--no-classify", input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let doc = read_json(&out.join("report.json"));
    let got: Vec<String> = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["sentences"].as_array().unwrap().clone())
        .map(|s| s["text"].as_str().unwrap().to_string())
        .collect();
    let gold = read_json_line(&shared("samples/gia-lai-military-2023.labeled.jsonl"));
    let want: Vec<String> = gold["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p.as_array().unwrap().clone())
        .map(|s| s["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(want.len(), 17);
    assert_eq!(got, want);
}

fn read_json_line(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(text.lines().next().unwrap()).unwrap()
}

#[test]
fn malformed_lines_are_reported_by_number_and_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("set.jsonl");
    let good = r#"{"id":"a","paragraphs":[[{"text":"Sáng 28/11, tại TP. Pleiku, hội nghị khai mạc.","label":"other"},{"text":"Dự có 1.170 người.","label":"attendance"}]]}"#;
    let lines = [
        good,
        "",
        "{not json",
        r#"{"id":"b","paragraphs":[[{"text":"Câu.","label":"results"}]]}"#,
        r#"{"id":"a","paragraphs":[[{"text":"Trùng id.","label":"other"}]]}"#,
        r#"{"id":"c","paragraphs":[[{"text":"Một câu. Hai câu.","label":"other"}]]}"#,
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out = vnbrief(&["eval", "--no-model", "--samples", file.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    for line in [3, 4, 5] {
        assert!(err.contains(&format!("set.jsonl:{line}:")), "line {line} reported: {err}");
    }
    assert!(err.contains("duplicate id"), "{err}");
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["documents"], 2);
    assert_eq!(report["sentences"], 3);
    assert_eq!(report["skipped_lines"], 3);
    // Document c's one gold "sentence" is really two: 2 correct of 4 predicted, 3 gold.
    let seg = &report["segmentation"];
    assert_eq!((seg["correct"].as_u64(), seg["predicted"].as_u64(), seg["gold"].as_u64()), (Some(2), Some(4), Some(3)));
    assert!((seg["precision"].as_f64().unwrap() - 0.5).abs() < 1e-9);

    let table = vnbrief(&["eval", "--no-model", "--samples", file.to_str().unwrap(), "--show-errors"]);
    let text = stdout(&table);
    assert!(text.contains("segmentation") && text.contains("spurious: Một câu."), "{text}");
}
