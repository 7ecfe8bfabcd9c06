//! Every JSON vnbrief writes follows its schema in docs/: index.json, the document JSON
//! (also as --jsonl lines), `models list --json` and `eval --json`. Each schema is also
//! shown to reject a wrong value, so none passes by being empty.

mod common;

use common::*;
use serde_json::Value;

fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&read_json(&repo().join("docs").join(name))).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn check(v: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn index_and_document_lines_follow_their_schemas() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for name in ["binh-dinh-ky-hop-hdnd-2024.txt", "dak-lak-hoi-nghi-tinh-uy-2024.md"] {
        std::fs::copy(repo().join("data/samples").join(name), input.join(name)).unwrap();
    }
    std::fs::write(input.join("empty.txt"), "").unwrap();
    std::fs::write(input.join("photo.jpg"), [0xFF, 0xD8]).unwrap();
    let out = tmp.path().join("out");
    let o = vnbrief(&["run", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--jsonl", "-q"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let index = read_json(&out.join("index.json"));
    let v = validator("index-schema.json");
    check(&v, &index, "index.json");
    let mut wrong = index.clone();
    wrong["entries"][0]["status"] = "done".into();
    assert!(!v.is_valid(&wrong));
    let mut failed_without_reason = index.clone();
    let k = index["entries"].as_array().unwrap().iter().position(|e| e["status"] == "failed").unwrap();
    failed_without_reason["entries"][k].as_object_mut().unwrap().remove("reason");
    assert!(!v.is_valid(&failed_without_reason));

    let doc = validator("output-schema.json");
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        check(&doc, line, "a --jsonl line");
        // The line is the document's JSON file.
        assert_eq!(line, &read_json(&out.join(format!("{}.json", line["id"].as_str().unwrap()))));
    }
}

#[test]
fn models_list_and_eval_follow_their_schemas() {
    let o = vnbrief(&["models", "list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list: Value = serde_json::from_slice(&o.stdout).unwrap();
    let v = validator("models-list-schema.json");
    check(&v, &list, "models list --json");
    assert!(!v.is_valid(&serde_json::json!([list["classifier"]])), "an array is not the documented object");

    let o = vnbrief(&["eval", "--samples", repo().join("data/labeled/dev").to_str().unwrap(), "--no-model", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let v = validator("eval-schema.json");
    check(&v, &report, "eval --json");
    let mut wrong = report.clone();
    wrong["segmentation"]["f1"] = 1.5.into();
    assert!(!v.is_valid(&wrong));
}
