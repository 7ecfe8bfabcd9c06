//! Facts and English briefings through `vnbrief run`: the JSON schema, the number rule,
//! the Markdown and HTML pages and the digest.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

fn run_on(input: &Path, out: &Path, extra: &[&str]) {
    let args = [&["run", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"], extra].concat();
    let run = vnbrief(&args);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

fn outputs(out: &Path) -> Vec<Value> {
    let index = read_json(&out.join("index.json"));
    index["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| read_json(&out.join(e["output"].as_str().unwrap())))
        .collect()
}

/// Numbers written in a text: English style outside `*italics*` ("1,170", "2.5"),
/// Vietnamese style inside ("1.170", "2,5"). A clock time on the hour ("18:00", the
/// source's "18h") carries only its hour.
fn numbers_in(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let text = text.replace(":00", "");
    for (i, segment) in text.split('*').enumerate() {
        let vietnamese = i % 2 == 1;
        let mut cur = String::new();
        for c in segment.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_digit() || (!cur.is_empty() && (c == '.' || c == ',')) {
                cur.push(c);
            } else if !cur.is_empty() {
                let t = cur.trim_end_matches(['.', ',']);
                let normal = if vietnamese { t.replace('.', "").replace(',', ".") } else { t.replace(',', "") };
                out.push(normal.parse().unwrap());
                cur.clear();
            }
        }
    }
    out
}

#[test]
fn outputs_follow_the_schema_and_every_english_number_is_in_the_source() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run_on(&repo().join("data/samples"), &out, &[]);
    let schema = read_json(&repo().join("docs/output-schema.json"));
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let docs = outputs(&out);
    assert!(docs.len() >= 10, "{} documents", docs.len());
    for doc in &docs {
        let errors: Vec<String> = validator.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", doc["id"]);
        assert!(
            !doc["warnings"].as_array().is_some_and(|w| w.iter().any(|x| x.as_str().unwrap().contains("dropped"))),
            "{}: {}",
            doc["id"],
            doc["warnings"]
        );
        // Every number of the English briefing is a number of the Vietnamese text.
        let source = numbers_in(&format!("*{}*", doc["text"].as_str().unwrap()));
        let briefing = &doc["briefing"];
        let mut lines: Vec<&str> = vec![briefing["title"].as_str().unwrap(), briefing["summary"]["text"].as_str().unwrap()];
        for key in ["chaired_by", "attended_by", "key_figures", "achievements", "directives"] {
            lines.extend(briefing[key].as_array().unwrap().iter().map(|l| l["text"].as_str().unwrap()));
        }
        for line in lines {
            for n in numbers_in(line) {
                assert!(
                    source.iter().any(|s| (s - n).abs() < 1e-9 * n.abs().max(1.0)),
                    "{}: {n} in {line:?} is not in the source",
                    doc["id"]
                );
            }
        }
    }
    // The schema is not a formality: it rejects a wrong output.
    let mut broken = docs[0].clone();
    broken["paragraphs"][0]["sentences"][0]["label"] = "news".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn shared_report_yields_its_figures_and_chair() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(shared("samples/gia-lai-military-2023.txt"), input.join("report.txt")).unwrap();
    let out = tmp.path().join("out");
    run_on(&input, &out, &[]);
    let doc = read_json(&out.join("report.json"));
    let facts = &doc["facts"];
    assert_eq!(facts["chairs"], serde_json::json!(["Hồ Văn Niên"]));
    let values: Vec<f64> = facts["figures"].as_array().unwrap().iter().map(|f| f["value"].as_f64().unwrap()).collect();
    assert_eq!(values, [17.0, 3.0, 10.0, 100.0, 100.0, 3.0, 1170.0, 170.0, 2e8, 22.0, 15.0, 3.0]);
    // Figure offsets point at their text in the document.
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    for f in facts["figures"].as_array().unwrap() {
        let (a, b) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(text[a..b].iter().collect::<String>(), f["text"].as_str().unwrap());
    }
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    // English text writes the name as English-language press does; the facts keep it as written.
    assert!(md.contains("Ho Van Nien") && md.contains("1,170") && md.contains("nearly 200 million dong"), "{md}");
    assert_eq!(facts["people"][0]["name_en"], "Ho Van Nien");
}

#[test]
fn html_pages_are_self_contained_and_link_figures_to_sentences() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run_on(&repo().join("data/samples"), &out, &["--format", "html"]);
    let files = files_under(&out);
    assert!(files.iter().any(|f| f.ends_with(".html")) && !files.iter().any(|f| f.ends_with(".md")), "{files:?}");
    for f in files.iter().filter(|f| f.ends_with(".html")) {
        let page = std::fs::read_to_string(out.join(f)).unwrap();
        assert!(page.starts_with("<!doctype html>"), "{f}");
        for forbidden in ["<script", "src=\"http", "href=\"http", "@import", "url("] {
            assert!(!page.contains(forbidden), "{f} contains {forbidden}");
        }
    }
    let page = std::fs::read_to_string(out.join("quan-su/kon-tum-tong-ket-quan-su-2024.html")).unwrap();
    // Every figure link points to a highlighted figure, and there are some.
    let links: Vec<&str> = page.split("href=\"#f").skip(1).map(|r| r.split('"').next().unwrap()).collect();
    assert!(links.len() >= 5, "{links:?}");
    for n in links {
        assert!(page.contains(&format!("<mark id=\"f{n}\">")), "f{n}");
    }
    assert!(page.contains("class=\"s achievement\" id=\"s4\""), "sentences coloured by label");
    let digest = std::fs::read_to_string(out.join("digest.html")).unwrap();
    let pages = files.iter().filter(|f| f.ends_with(".html") && *f != "digest.html").count();
    assert_eq!(digest.matches("<h2><a href=").count(), pages);
}

#[test]
fn digest_covers_every_document() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run_on(&repo().join("data/samples"), &out, &["--format", "json,md"]);
    let digest = std::fs::read_to_string(out.join("digest.md")).unwrap();
    for doc in outputs(&out) {
        assert!(digest.contains(doc["briefing"]["title"].as_str().unwrap()), "{}", doc["id"]);
    }
    assert!(digest.contains("| achievement |") && digest.contains("## All figures"));
    // Cached re-runs still produce the digest from every document.
    run_on(&repo().join("data/samples"), &out, &["--format", "json,md"]);
    assert_eq!(std::fs::read_to_string(out.join("digest.md")).unwrap(), digest);
}
