//! `vnbrief run` over a directory of good and bad inputs: outputs, index, exit codes,
//! re-runs and atomic writes.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

/// Good documents in every encoding and format, beside every kind of bad input.
fn mixed_input(dir: &Path) {
    let enc = fixture("encodings");
    fs::create_dir_all(dir.join("enc")).unwrap();
    for name in ["nfc.txt", "nfd.txt", "utf8-bom.txt", "utf16le.txt", "utf16be.txt", "windows-1258.txt", "tcvn3.txt", "vni.txt", "viscii.txt"] {
        fs::copy(enc.join(name), dir.join("enc").join(name)).unwrap();
    }
    fs::create_dir_all(dir.join("web")).unwrap();
    fs::write(
        dir.join("web/page.html"),
        "<html><head><title>x</title><script>var a = 1;</script></head><body>\
         <h1>Hội nghị tổng kết</h1><p>Sáng 5/12, tại TP. Vinh, hội nghị khai mạc. Dự có 120 đại biểu.</p></body></html>",
    )
    .unwrap();
    fs::write(dir.join("web/note.md"), "# Tin ngắn\n\nĐoàn đã về đến Q. Ba Đình. Mọi việc ổn.\n").unwrap();
    fs::write(dir.join("empty.txt"), "").unwrap();
    fs::write(dir.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0, 17, 0, 0, 9, 200, 201]).unwrap();
    fs::write(dir.join("invalid-utf8.txt"), b"H\xe1\xbb\x99i ngh\xe1\xbb\x8b \xff\xfe\xc3(").unwrap();
    fs::write(dir.join("oversized.txt"), "Câu rất dài. ".repeat(400)).unwrap();
    fs::write(dir.join("picture.jpg"), [0xFF, 0xD8, 0xFF, 0xE0]).unwrap();
    fs::create_dir_all(dir.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("loop/back")).unwrap();
}

fn entries(index: &Value) -> Vec<Value> {
    index["entries"].as_array().expect("entries").clone()
}

fn entry<'a>(entries: &'a [Value], source: &str) -> &'a Value {
    entries
        .iter()
        .find(|e| e["source"] == source)
        .unwrap_or_else(|| panic!("no index entry for {source}"))
}

#[test]
fn good_and_bad_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    mixed_input(&input);

    let run = vnbrief(&["run", "--no-classify", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--max-bytes", "4K"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(3), "{err}");

    let index = read_json(&out.join("index.json"));
    let es = entries(&index);
    // Each bad input is named with its reason, on stderr and in the index.
    for (source, reason) in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("invalid-utf8.txt", "not valid UTF-8"),
        ("oversized.txt", "over the limit"),
        ("loop/back", "symlink loop"),
    ] {
        let e = entry(&es, source);
        assert_eq!(e["status"], "failed", "{source}");
        assert!(e["reason"].as_str().unwrap().contains(reason), "{source}: {}", e["reason"]);
        assert!(
            err.lines().any(|l| l.contains(source) && l.contains(reason)),
            "stderr names {source}: {err}"
        );
    }
    // Each good one is processed.
    let good = [
        ("enc/nfc.txt", "utf-8"),
        ("enc/nfd.txt", "utf-8"),
        ("enc/utf8-bom.txt", "utf-8-bom"),
        ("enc/utf16le.txt", "utf-16le"),
        ("enc/utf16be.txt", "utf-16be"),
        ("enc/windows-1258.txt", "windows-1258"),
        ("enc/tcvn3.txt", "tcvn3"),
        ("enc/vni.txt", "vni"),
        ("enc/viscii.txt", "viscii"),
        ("web/page.html", "utf-8"),
        ("web/note.md", "utf-8"),
    ];
    for (source, encoding) in good {
        let e = entry(&es, source);
        assert_eq!(e["status"], "ok", "{source}: {e}");
        let doc = read_json(&out.join(e["output"].as_str().unwrap()));
        assert_eq!(doc["encoding"], encoding, "{source}");
        assert_eq!(doc["source"], source);
        assert_eq!(doc["sha256"].as_str().unwrap().len(), 64);
        // Offsets are character offsets and the slice equals the sentence.
        let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
        for p in doc["paragraphs"].as_array().unwrap() {
            for s in p["sentences"].as_array().unwrap() {
                let (a, b) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
                assert_eq!(text[a..b].iter().collect::<String>(), s["text"].as_str().unwrap());
            }
        }
    }
    assert_eq!(index["ok"], good.len());
    assert_eq!(index["failed"], 5);
    assert_eq!(index["ignored"], serde_json::json!(["picture.jpg"]));

    // The output layout mirrors the input, and no temporary file is left behind.
    let files = files_under(&out);
    assert!(files.contains(&"enc/utf16le.json".to_string()), "{files:?}");
    assert!(files.contains(&"web/page.json".to_string()), "{files:?}");
    assert!(files.iter().all(|f| !f.contains(".vnbrief-")), "{files:?}");
    assert!(!files.iter().any(|f| f.starts_with("empty")), "no output for a failed document");

    // Every encoding gives the NFC twin's exact output.
    let reference = read_json(&out.join("enc/nfc.json"));
    for (source, _) in &good[1..9] {
        let doc = read_json(&out.join(source.replace(".txt", ".json")));
        assert_eq!(doc["text"], reference["text"], "{source}");
        assert_eq!(doc["paragraphs"], reference["paragraphs"], "{source}");
    }

    // The HTML keeps headings as paragraphs and drops scripts.
    let page = read_json(&out.join("web/page.json"));
    assert_eq!(page["paragraphs"].as_array().unwrap().len(), 2);
    assert!(!page["text"].as_str().unwrap().contains("var a"));
    let sentences: Vec<&str> = page["paragraphs"][1]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(sentences, ["Sáng 5/12, tại TP. Vinh, hội nghị khai mạc.", "Dự có 120 đại biểu."]);
}

#[test]
fn rerun_skips_unchanged_documents_and_force_redoes_them() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    fs::create_dir_all(&input).unwrap();
    fs::copy(fixture("encodings/nfc.txt"), input.join("a.txt")).unwrap();
    fs::copy(fixture("encodings/utf16le.txt"), input.join("b.txt")).unwrap();
    let args = ["run", "--no-classify", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"];

    let first = vnbrief(&args);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(stderr(&first), "", "--quiet prints nothing when all is well");
    assert_eq!(read_json(&out.join("index.json"))["cached"], 0);

    let second = vnbrief(&args);
    assert_eq!(second.status.code(), Some(0));
    assert_eq!(read_json(&out.join("index.json"))["cached"], 2);

    // A changed input is redone, the other kept.
    fs::write(input.join("a.txt"), "Nội dung mới. Hội nghị kết thúc.").unwrap();
    vnbrief(&args);
    let index = read_json(&out.join("index.json"));
    assert_eq!(index["cached"], 1);
    assert_eq!(read_json(&out.join("a.json"))["paragraphs"][0]["sentences"][1]["text"], "Hội nghị kết thúc.");

    let forced = vnbrief(&[&args[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(read_json(&out.join("index.json"))["cached"], 0);

    // A document that now fails loses its stale output.
    fs::write(input.join("b.txt"), "").unwrap();
    let failing = vnbrief(&args);
    assert_eq!(failing.status.code(), Some(3));
    assert!(!out.join("b.json").exists());
}

#[test]
fn same_stem_in_two_formats_keeps_both() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("tin.txt"), "Một câu.").unwrap();
    fs::write(input.join("tin.md"), "Hai câu.").unwrap();
    let run = vnbrief(&["run", "--no-classify", input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(out.join("tin.txt.json").exists() && out.join("tin.md.json").exists());
}

#[test]
fn output_inside_input_is_not_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("a.txt"), "Một câu.").unwrap();
    let out = input.join("out");
    let args = ["run", "--no-classify", input.to_str().unwrap(), "--out", out.to_str().unwrap()];
    vnbrief(&args);
    let again = vnbrief(&args);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(read_json(&out.join("index.json"))["documents"], 1);
}

/// Word and PDF reports go through every stage; a scan without text and a broken file
/// fail with their reason while the others are written.
#[test]
fn word_and_pdf_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    fs::create_dir_all(&input).unwrap();
    for name in ["report.docx", "report.pdf", "scanned.pdf"] {
        fs::copy(fixture("documents").join(name), input.join(name)).unwrap();
    }
    fs::write(input.join("broken.docx"), "not a zip").unwrap();
    let run = vnbrief(&["run", "--no-classify", input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(3), "{err}");
    let index = read_json(&out.join("index.json"));
    let es = entries(&index);
    for (source, reason) in [("scanned.pdf", "no text layer"), ("broken.docx", "not a .docx")] {
        let e = entry(&es, source);
        assert_eq!(e["status"], "failed", "{source}");
        assert!(e["reason"].as_str().unwrap().contains(reason), "{source}: {}", e["reason"]);
        assert!(err.lines().any(|l| l.contains(source) && l.contains(reason)), "{err}");
    }
    let docx = read_json(&out.join("report.docx.json"));
    assert_eq!((docx["format"].as_str(), docx["encoding"].as_str()), (Some("docx"), Some("utf-8")));
    assert_eq!(docx["facts"]["chairs"][0], "Trần Quốc Tuấn", "{}", docx["facts"]);
    let pdf = read_json(&out.join("report.pdf.json"));
    assert_eq!((pdf["format"].as_str(), pdf["encoding"].as_str()), (Some("pdf"), Some("pdf-text")));
    assert_eq!(pdf["facts"]["chairs"][0], "Lê Minh Hoàng", "{}", pdf["facts"]);
    let money = pdf["facts"]["figures"].as_array().unwrap().iter().any(|f| f["text"].as_str().is_some_and(|t| t.contains("85 tỷ đồng")));
    assert!(money, "{}", pdf["facts"]["figures"]);
}

#[test]
fn usage_errors_exit_2() {
    let missing_out = vnbrief(&["run", "--no-classify", "."]);
    assert_eq!(missing_out.status.code(), Some(2));
    let tmp = tempfile::tempdir().unwrap();
    let no_input = vnbrief(&[
        "run",
        tmp.path().join("nope").to_str().unwrap(),
        "--out",
        tmp.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(no_input.status.code(), Some(2));
    let err = stderr(&no_input);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("nope") && err.contains("not a file or directory"), "{err}");
    assert_eq!(vnbrief(&["run", "--no-classify", ".", "--out", "x", "--max-bytes", "lots"]).status.code(), Some(2));
}

/// Pathological shapes stay linear: a 2 MB sentence full of figures and 100,000
/// one-word sentences. Each stage used to rescan the whole sentence (or every fact of
/// the document) per figure or per sentence, which took hours on such input; linear
/// code takes seconds (times and memory at full size: BENCHMARKS.md).
#[test]
fn pathological_documents_finish() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let clause = "khám bệnh cho 1.170 người dân với kinh phí gần 200 triệu đồng, đạt 100% chỉ tiêu và ";
    let long = clause.repeat(2_000_000 / clause.len());
    fs::write(input.join("one-sentence.txt"), format!("Toàn tỉnh {long}hoàn thành.\n")).unwrap();
    fs::write(input.join("words.txt"), "Xong. Tốt. Đạt. Rồi. ".repeat(25_000)).unwrap();
    let out = tmp.path().join("out");
    let run = vnbrief(&["run", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-classify", "--quiet"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let index = read_json(&out.join("index.json"));
    let sentences = |source: &str| entry(&entries(&index), source)["sentences"].as_u64().unwrap();
    assert_eq!(sentences("one-sentence.txt"), 1);
    assert_eq!(sentences("words.txt"), 100_000);
    let doc = read_json(&out.join("one-sentence.json"));
    let clauses = 2_000_000 / clause.len();
    let figures = doc["facts"]["figures"].as_array().unwrap().len();
    assert!(figures >= 2 * clauses, "{figures} figures in {clauses} clauses");
}
