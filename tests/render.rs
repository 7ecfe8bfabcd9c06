//! The HTML and Markdown outputs meet hostile text: markup in a report renders as text,
//! links to awkward file names are URL-encoded, and headless Chromium opens every page
//! with zero console messages.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

const HOSTILE: &str = "Sáng 5/12, UBND tỉnh Quảng Trị họp <script>console.log('pwned')</script> phiên *thường kỳ* | tháng 12.\n\n\
Đồng chí Lê Minh Hoàng, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp; hỗ trợ 1.170 hộ với tổng kinh phí gần 200 triệu đồng <img src=x onerror=alert(1)>.\n";

fn run_hostile(dir: &Path) -> std::path::PathBuf {
    let input = dir.join("in");
    fs::create_dir_all(input.join("tỉnh A")).unwrap();
    fs::write(input.join("tỉnh A/báo cáo 1 (bản sao).txt"), HOSTILE).unwrap();
    let out = dir.join("out");
    let o = vnbrief(&["run", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-classify", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn markup_in_a_report_is_text_and_links_are_encoded() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run_hostile(tmp.path());
    let page = fs::read_to_string(out.join("tỉnh A/báo cáo 1 (bản sao).html")).unwrap();
    assert!(!page.contains("<script") && !page.contains("<img"), "markup from the report is escaped");
    assert!(page.contains("&lt;script&gt;") && page.contains("&lt;img"), "and shown as text");
    let digest = fs::read_to_string(out.join("digest.html")).unwrap();
    let href = "t%E1%BB%89nh%20A/b%C3%A1o%20c%C3%A1o%201%20%28b%E1%BA%A3n%20sao%29";
    assert!(digest.contains(&format!("href=\"{href}.html\"")), "{digest}");
    let md = fs::read_to_string(out.join("digest.md")).unwrap();
    assert!(md.contains(&format!("[briefing]({href}.md)")), "{md}");
    assert!(md.contains("_`tỉnh A/báo cáo 1 (bản sao).txt` —"), "{md}");
    // Self-contained: nothing is fetched.
    for html in [&page, &digest] {
        for fetches in ["http://", "https://", "<script", "<img", "<link", "<iframe", "url("] {
            assert!(!html.contains(fetches), "{fetches}");
        }
    }
}

/// Headless Chromium: the pages load with zero console messages and no script in the DOM.
/// CI installs Chromium and sets VNBRIEF_REQUIRE_CHROMIUM (.ci/run); elsewhere, without
/// Chromium, the test says it was skipped.
#[test]
fn pages_open_in_headless_chromium_without_console_messages() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()))
    else {
        assert!(std::env::var_os("VNBRIEF_REQUIRE_CHROMIUM").is_none(), "Chromium is required here (.ci/run installs it)");
        eprintln!("skipped: no Chromium on this machine");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = run_hostile(tmp.path());
    let briefing_out = tmp.path().join("briefing-out");
    let o = vnbrief(&["run", repo().join("data/samples").to_str().unwrap(), "--out", briefing_out.to_str().unwrap(), "--no-classify", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pages = [
        out.join("tỉnh A/báo cáo 1 (bản sao).html"),
        out.join("digest.html"),
        briefing_out.join("digest.html"),
        briefing_out.join("binh-dinh-ky-hop-hdnd-2024.html"),
    ];
    for page in pages {
        let profile = tempfile::tempdir().unwrap();
        let o = Command::new(chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--log-level=0", "--dump-dom"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .expect("chromium runs");
        let log = stderr(&o);
        let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE")).collect();
        assert!(console.is_empty(), "{}: {console:?}", page.display());
        let dom = stdout(&o);
        assert!(dom.contains("</html>"), "{}: no DOM: {log}", page.display());
        assert!(!dom.contains("<script"), "{}", page.display());
    }
}

/// `--templates DIR` restyles without recompiling; a changed template redoes the pages.
#[test]
fn user_templates_replace_the_shipped_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("briefing.md"), "TITLE: {{ title_text }} ({{ sentences }} sentences)\n").unwrap();
    let (input, out) = (repo().join("data/samples"), tmp.path().join("out"));
    let args = |extra: &[&str]| {
        let mut a = vec!["run", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-classify", "-q", "--templates", templates.to_str().unwrap()];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| vnbrief(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let o = run(args(&[]));
    assert!(o.status.success(), "{}", stderr(&o));
    let md = fs::read_to_string(out.join("binh-dinh-ky-hop-hdnd-2024.md")).unwrap();
    assert!(md.starts_with("TITLE: Session of the Provincial People") && md.ends_with("sentences)\n"), "{md}");
    let version = read_json(&out.join("index.json"))["pipeline_version"].as_str().unwrap().to_string();
    assert!(version.contains("+templates@"), "{version}");
    // The shipped HTML template is still used.
    assert!(fs::read_to_string(out.join("digest.html")).unwrap().contains("<h1>vnbrief digest</h1>"));
    // Another template: the documents are redone, not kept as up to date.
    fs::write(templates.join("briefing.md"), "T2: {{ title_text }}\n").unwrap();
    let o = run(args(&[]));
    assert!(o.status.success());
    assert_eq!(read_json(&out.join("index.json"))["cached"], 0);
    assert!(fs::read_to_string(out.join("binh-dinh-ky-hop-hdnd-2024.md")).unwrap().starts_with("T2: "));
    // A template that does not compile stops the run at once, naming file and line.
    fs::write(templates.join("digest.html"), "<p>\n{% if %}\n").unwrap();
    let o = run(args(&[]));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("digest.html:2"), "{}", stderr(&o));
}
