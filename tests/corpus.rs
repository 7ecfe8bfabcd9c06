//! The corpus view: the SQLite database and CSV exports a run leaves beside the JSON.

mod common;

use std::path::Path;

use common::*;

fn count(db: &rusqlite::Connection, sql: &str) -> usize {
    db.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize
}

/// Rows per table as the JSON files say they should be.
fn expected_rows(out: &Path) -> [(&'static str, usize); 7] {
    let index = read_json(&out.join("index.json"));
    let mut n = [0usize; 7];
    for entry in index["entries"].as_array().unwrap().iter().filter(|e| e["status"] == "ok") {
        let doc = read_json(&out.join(entry["output"].as_str().unwrap()));
        n[0] += 1;
        n[1] += doc["paragraphs"].as_array().unwrap().iter().map(|p| p["sentences"].as_array().unwrap().len()).sum::<usize>();
        for (k, key) in ["people", "figures", "dates", "organisations", "places"].iter().enumerate() {
            n[k + 2] += doc["facts"][key].as_array().unwrap().len();
        }
    }
    let names = ["documents", "sentences", "people", "figures", "dates", "organisations", "places"];
    std::array::from_fn(|i| (names[i], n[i]))
}

fn rows(out: &Path) -> Vec<(&'static str, usize)> {
    let db = rusqlite::Connection::open(out.join("vnbrief.sqlite")).unwrap();
    expected_rows(out).iter().map(|(t, _)| (*t, count(&db, &format!("SELECT count(*) FROM {t}")))).collect()
}

/// Every table's rows but the bookkeeping, in a fixed order: the database's content.
fn content(out: &Path) -> Vec<String> {
    let db = rusqlite::Connection::open(out.join("vnbrief.sqlite")).unwrap();
    let mut all = Vec::new();
    for t in ["documents", "sentences", "people", "figures", "dates", "organisations", "places"] {
        let mut stmt = db.prepare(&format!("SELECT * FROM {t} ORDER BY 1, 2, 3")).unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        while let Some(row) = q.next().unwrap() {
            let cells: Vec<String> = (0..n).map(|i| format!("{:?}", row.get_ref(i).unwrap())).collect();
            all.push(format!("{t}: {}", cells.join(" | ")));
        }
    }
    all
}

#[test]
fn the_database_holds_every_fact_of_the_json_and_follows_reruns() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for f in files_under(&repo().join("data/samples")) {
        let to = input.join(&f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo().join("data/samples").join(&f), to).unwrap();
    }
    let out = dir.path().join("out");
    let args = ["run", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-classify", "--quiet"];
    assert!(vnbrief(&args).status.success());
    let want = expected_rows(&out).to_vec();
    assert_eq!(rows(&out), want);
    assert!(want.iter().all(|(_, n)| *n > 0), "{want:?}");

    // The obvious questions are one SELECT.
    let db = rusqlite::Connection::open(out.join("vnbrief.sqlite")).unwrap();
    let chairs = count(&db, "SELECT count(DISTINCT name_key) FROM people WHERE role = 'chair'");
    assert!(chairs >= 5, "{chairs} chairs");
    let money: f64 = db.query_row("SELECT sum(value) FROM figures WHERE unit = 'đồng'", [], |r| r.get(0)).unwrap();
    assert!(money > 1e6, "{money}");
    let dated = count(&db, "SELECT count(*) FROM documents WHERE report_date LIKE '20__-__-__'");
    assert!(dated >= 6, "{dated} documents with a report date");
    drop(db);

    // A changed report: its rows are replaced, the others' are not re-read.
    let stamps = |out: &Path| -> Vec<(String, i64)> {
        let db = rusqlite::Connection::open(out.join("vnbrief.sqlite")).unwrap();
        let mut stmt = db.prepare("SELECT document_id, json_mtime FROM loaded ORDER BY 1").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    let before = stamps(&out);
    let changed = input.join("son-la-phong-chong-ma-tuy-2024.txt");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(&changed, format!("{text}\nLực lượng chức năng đã bắt giữ 12 đối tượng, thu giữ 3,5 kg ma túy tổng hợp.\n")).unwrap();
    std::fs::remove_file(input.join("tra-vinh-tang-qua-tet-2025.txt")).unwrap();
    assert!(vnbrief(&args).status.success());
    let after = stamps(&out);
    assert_eq!(after.len(), before.len() - 1, "the removed report's rows are gone");
    let moved: Vec<&String> = after.iter().filter(|a| !before.contains(a)).map(|(id, _)| id).collect();
    assert_eq!(moved, ["son-la-phong-chong-ma-tuy-2024"], "only the changed report was re-read");
    assert_eq!(rows(&out), expected_rows(&out).to_vec());
    let db = rusqlite::Connection::open(out.join("vnbrief.sqlite")).unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM figures WHERE document_id = 'son-la-phong-chong-ma-tuy-2024' AND text = '12 đối tượng'"), 1);
    assert_eq!(count(&db, "SELECT count(*) FROM sentences WHERE document_id LIKE 'tra-vinh%'"), 0, "cascade");
    drop(db);

    // `vnbrief db OUT` rebuilds the same content from the JSON alone.
    let incremental = content(&out);
    std::fs::write(out.join("vnbrief.sqlite"), b"not a database").unwrap();
    let rebuilt = vnbrief(&["db", out.to_str().unwrap(), "--quiet"]);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    assert_eq!(content(&out), incremental);
}

#[test]
fn csv_exports_open_in_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = vnbrief(&["run", repo().join("data/samples").to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-classify", "--quiet"]);
    assert!(run.status.success());
    let db = rusqlite::Connection::open(out.join("vnbrief.sqlite")).unwrap();
    for (file, table, columns) in [("figures.csv", "figures", 12), ("people.csv", "people", 10)] {
        let bytes = std::fs::read(out.join(file)).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "{file}: UTF-8 with BOM for Excel");
        let text = String::from_utf8(bytes).unwrap();
        // Parse RFC 4180 by hand: quoted cells may hold commas, quotes and line breaks.
        let records = parse_csv(text.trim_start_matches('\u{feff}'));
        assert!(records.iter().all(|r| r.len() == columns), "{file}: {columns} cells in every record");
        assert_eq!(records.len() - 1, count(&db, &format!("SELECT count(*) FROM {table}")), "{file}: a record per row");
        assert!(text.contains("Bình Định") || text.contains("Quảng Trị"), "{file} keeps the Vietnamese");
    }
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = vec![];
    let (mut record, mut cell, mut quoted) = (vec![], String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            (c, _) => cell.push(c),
        }
    }
    records
}

#[test]
fn the_digest_charts_are_svg_and_its_people_index_knows_a_person_across_spellings() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    // One official in the old and the new tone placement; two officials whose names
    // differ in one letter (Hùng, Hưng), who must stay two people.
    std::fs::write(input.join("a.txt"), "Ngày 12/3/2025, UBND tỉnh Quảng Trị tổ chức hội nghị sơ kết công tác quý I. Đồng chí Nguyễn Thị Thuỷ, Phó Chủ tịch UBND tỉnh chủ trì hội nghị. Dự hội nghị có đồng chí Nguyễn Văn Hùng, Giám đốc Sở Y tế. Toàn tỉnh có 14 xã đạt chuẩn.\n").unwrap();
    std::fs::write(input.join("b.txt"), "Ngày 20/4/2025, Sở Y tế tỉnh Quảng Trị tổ chức hội nghị triển khai nhiệm vụ. Tham dự có đồng chí Nguyễn Thị Thủy, Phó Chủ tịch UBND tỉnh và đồng chí Nguyễn Văn Hưng, Phó Giám đốc Sở Tài chính. Đã có 9 xã hoàn thành.\n").unwrap();
    // Names typed without diacritics: one that only Thuỷ/Thủy can be joins her; one that
    // could be Hùng or Hưng joins neither.
    std::fs::write(input.join("c.txt"), "Ngày 02/5/2025, UBND tỉnh Quảng Trị họp bàn kế hoạch phòng chống thiên tai. Dự họp có đồng chí Nguyen Thi Thuy, Phó Chủ tịch UBND tỉnh và đồng chí Nguyen Van Hung, Giám đốc Sở Xây dựng.\n").unwrap();
    let out = dir.path().join("out");
    let run = vnbrief(&["run", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-classify", "--quiet"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let html = std::fs::read_to_string(out.join("digest.html")).unwrap();

    // Every chart is well-formed XML.
    let mut charts = 0;
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<svg") {
        let end = start + rest[start..].find("</svg>").expect("the svg closes") + "</svg>".len();
        let mut reader = quick_xml::Reader::from_str(&rest[start..end]);
        let mut depth = 0i32;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("chart {charts} is not XML: {e}\n{}", &rest[start..end]),
            }
        }
        assert_eq!(depth, 0, "balanced");
        charts += 1;
        rest = &rest[end..];
    }
    // Labels, months, and "xã" counted in both reports.
    assert_eq!(charts, 3, "{html}");
    assert!(html.contains(">2025-03<") && html.contains(">2025-04<"), "the timeline has both months");

    let md = std::fs::read_to_string(out.join("digest.md")).unwrap();
    let people: Vec<&str> = md.lines().skip_while(|l| *l != "## People").filter(|l| l.starts_with("| Nguyen")).collect();
    let thuy: Vec<&&str> = people.iter().filter(|l| l.starts_with("| Nguyen Thi Thuy |")).collect();
    assert_eq!(thuy.len(), 1, "one person in two spellings: {people:#?}");
    assert!(thuy[0].contains("Nguyễn Thị Thuỷ, Nguyễn Thị Thủy"), "{}", thuy[0]);
    assert!(thuy[0].contains("(a.md)") && thuy[0].contains("(b.md)"), "chaired a, attended b: {}", thuy[0]);
    assert!(thuy[0].contains("Nguyen Thi Thuy") && thuy[0].contains("(c.md)"), "the plain spelling is hers: {}", thuy[0]);
    let hung: Vec<&&str> = people.iter().filter(|l| l.starts_with("| Nguyen Van Hung |")).collect();
    assert_eq!(hung.len(), 3, "Hùng, Hưng and the plain Hung stay three people: {people:#?}");
}
