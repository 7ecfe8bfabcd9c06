//! The corpus view: every fact of every document of a run in one SQLite database
//! (`OUT/vnbrief.sqlite`, schema in `docs/schema.sql`) and CSV exports of the figures and
//! people for spreadsheets.
//!
//! The database is derived from the documents' JSON files, never the other way round:
//! [`sync`] brings it in line with `index.json`, re-reading only the JSON files whose size
//! or modification time changed since they were loaded, one transaction per chunk of
//! documents (a killed run leaves it as the last committed chunk left it; the next run
//! finishes the job). `vnbrief db OUT` runs the same from scratch.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use crate::document::{Document, Label};
use crate::error::{Error, Result};
use crate::extract::people::name_key;
use crate::extract::{Facts, Resources};
use crate::pipeline::{Index, Status};

pub const DB_FILE: &str = "vnbrief.sqlite";
pub const FIGURES_CSV: &str = "figures.csv";
pub const PEOPLE_CSV: &str = "people.csv";
const SCHEMA: &str = include_str!("../docs/schema.sql");
/// `PRAGMA user_version` of [`SCHEMA`]: a database of another version is rebuilt.
const SCHEMA_VERSION: i64 = 1;
const CHUNK: usize = 64;

/// What [`sync`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Synced {
    /// Documents whose rows were (re)written.
    pub loaded: usize,
    /// Documents already up to date.
    pub kept: usize,
    /// Documents no longer in the index (or failed), whose rows were deleted.
    pub removed: usize,
}

fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Runtime(format!("{}: {e}", path.display()))
}

/// Brings the database under `out` in line with `index` (the index `out` holds), then
/// writes the CSV exports from it. `rebuild` starts from an empty database.
pub fn sync(out: &Path, index: &Index, res: &Resources, rebuild: bool) -> Result<Synced> {
    let path = out.join(DB_FILE);
    if rebuild {
        for p in [path.clone(), path.with_extension("sqlite-journal")] {
            match std::fs::remove_file(&p) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&p, e)),
                _ => {}
            }
        }
    }
    let fail = |e| db_error(&path, e);
    let mut conn = open(&path)?;
    let loaded: HashMap<String, (i64, i64)> = {
        let mut stmt = conn.prepare("SELECT document_id, json_size, json_mtime FROM loaded").map_err(fail)?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))).map_err(fail)?;
        rows.collect::<std::result::Result<_, _>>().map_err(fail)?
    };
    let mut synced = Synced::default();
    let ok: Vec<_> = index.entries.iter().filter(|e| e.status == Status::Ok).collect();
    for chunk in ok.chunks(CHUNK) {
        let tx = conn.transaction().map_err(fail)?;
        for entry in chunk {
            let Some(rel) = &entry.output else { continue };
            let json = out.join(rel);
            let stamp = stamp(&json)?;
            if loaded.get(&entry.id) == Some(&stamp) {
                synced.kept += 1;
                continue;
            }
            let doc = Document::read_json(&json)?;
            tx.execute("DELETE FROM documents WHERE id = ?1", [&entry.id]).map_err(fail)?;
            insert_document(&tx, &doc, res).map_err(fail)?;
            tx.execute("INSERT INTO loaded (document_id, json_size, json_mtime) VALUES (?1, ?2, ?3)", params![doc.id, stamp.0, stamp.1])
                .map_err(fail)?;
            synced.loaded += 1;
        }
        tx.commit().map_err(fail)?;
    }
    // Documents the index no longer lists as done: inputs removed, or failed this time.
    let wanted: std::collections::HashSet<&str> = ok.iter().map(|e| e.id.as_str()).collect();
    let present: Vec<String> = {
        let mut stmt = conn.prepare("SELECT id FROM documents").map_err(fail)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(fail)?;
        rows.collect::<std::result::Result<_, _>>().map_err(fail)?
    };
    let tx = conn.transaction().map_err(fail)?;
    for id in present.iter().filter(|id| !wanted.contains(id.as_str())) {
        tx.execute("DELETE FROM documents WHERE id = ?1", [id]).map_err(fail)?;
        synced.removed += 1;
    }
    tx.commit().map_err(fail)?;
    write_csvs(&conn, out, &path)?;
    Ok(synced)
}

/// Opens (or creates) the database with the current schema; one of another schema
/// version is dropped and recreated, since it is derived data.
fn open(path: &Path) -> Result<Connection> {
    let fail = |e| db_error(path, e);
    let mut conn = Connection::open(path).map_err(fail)?;
    conn.pragma_update(None, "foreign_keys", true).map_err(fail)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(fail)?;
    if version != SCHEMA_VERSION {
        let has_tables: bool = conn
            .query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1", [], |_| Ok(true))
            .optional()
            .map_err(fail)?
            .unwrap_or(false);
        if has_tables {
            drop(conn);
            std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
            conn = Connection::open(path).map_err(fail)?;
            conn.pragma_update(None, "foreign_keys", true).map_err(fail)?;
        }
        let tx = conn.transaction().map_err(fail)?;
        tx.execute_batch(SCHEMA).map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    Ok(conn)
}

/// The JSON file's size and modification time (ns): what says it changed.
fn stamp(path: &Path) -> Result<(i64, i64)> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64);
    Ok((meta.len() as i64, mtime))
}

fn insert_document(tx: &rusqlite::Transaction, doc: &Document, res: &Resources) -> rusqlite::Result<()> {
    let facts = doc.facts.as_ref().unwrap_or(Facts::none());
    let date = crate::brief::report_date(doc);
    let province = facts.province();
    let (title, summary) = doc.briefing.as_ref().map_or((String::new(), String::new()), |b| (b.title.clone(), b.summary.text.clone()));
    let sentences: Vec<_> = doc.paragraphs.iter().enumerate().flat_map(|(p, para)| para.sentences.iter().map(move |s| (p, s))).collect();
    tx.execute(
        "INSERT INTO documents (id, source, sha256, pipeline_version, format, encoding, title, report_date, province, province_en, sentences, summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            doc.id,
            doc.source,
            doc.sha256,
            doc.pipeline_version,
            doc.format.name(),
            doc.encoding.name(),
            title,
            date,
            province.map(|p| &p.name),
            province.map(|p| &p.english),
            sentences.len() as i64,
            summary
        ],
    )?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO sentences (document_id, sentence, paragraph, start, \"end\", text, label, confidence, english, translation_method)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (i, (p, s)) in sentences.iter().enumerate() {
        stmt.execute(params![
            doc.id,
            i as i64,
            *p as i64,
            s.start as i64,
            s.end as i64,
            s.text,
            s.label.map(Label::as_str),
            s.confidence,
            s.translation,
            s.translation_method
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO people (document_id, sentence, name, plain_name, name_key, titles, rank, role, start, \"end\")
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for p in &facts.people {
        let role = p.person.role.and_then(json_name);
        stmt.execute(params![
            doc.id,
            p.sentence as i64,
            p.person.name,
            p.name_en,
            name_key(&p.person.name),
            p.person.titles.join("; "),
            p.person.rank,
            role,
            p.person.start as i64,
            p.person.end as i64
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO figures (document_id, sentence, value, range_to, text, unit, unit_en, qualifier, label, report_date, start, \"end\")
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for f in &facts.figures {
        let unit_en = f.figure.unit.as_deref().and_then(|u| crate::brief::unit_english(u, res));
        let qualifier = f.figure.qualifier.and_then(json_name);
        stmt.execute(params![
            doc.id,
            f.sentence as i64,
            f.figure.value,
            f.figure.range_to,
            f.figure.text,
            f.figure.unit,
            unit_en,
            qualifier,
            f.label.map(Label::as_str),
            date,
            f.figure.start as i64,
            f.figure.end as i64
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO dates (document_id, sentence, text, day, month, year, part_of_day, start, \"end\")
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for d in &facts.dates {
        let m = &d.date;
        stmt.execute(params![doc.id, d.sentence as i64, m.text, m.day, m.month, m.year, m.part_of_day, m.start as i64, m.end as i64])?;
    }
    for (table, entities) in [("organisations", &facts.organisations), ("places", &facts.places)] {
        let mut stmt = tx.prepare_cached(&format!(
            "INSERT INTO {table} (document_id, sentence, name, english, kind, start, \"end\") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
        ))?;
        for e in entities {
            stmt.execute(params![doc.id, e.sentence as i64, e.name, e.english, e.kind, e.start as i64, e.end as i64])?;
        }
    }
    Ok(())
}

/// An enum's name as the JSON files spell it ("chair", "more_than"), so that the database
/// and the JSON agree.
fn json_name<T: serde::Serialize>(value: T) -> Option<String> {
    serde_json::to_value(value).ok()?.as_str().map(str::to_string)
}

/// The sentence text the CSV rows quote, cut at 300 characters once per sentence into a
/// keyed temporary table that both exports join on.
const SNIPPETS: &str = "DROP TABLE IF EXISTS temp.snippet;
     CREATE TEMP TABLE snippet (document_id TEXT, sentence INTEGER, text TEXT, PRIMARY KEY (document_id, sentence)) WITHOUT ROWID;
     INSERT INTO temp.snippet
         SELECT document_id, sentence, substr(text, 1, 300) FROM sentences
         WHERE (document_id, sentence) IN (SELECT document_id, sentence FROM figures UNION SELECT document_id, sentence FROM people);";

/// Each CSV export: file, header, query.
const EXPORTS: [(&str, &str, &str); 2] = [
    (
        FIGURES_CSV,
        "document,report_date,province,sentence,label,value,range_to,qualifier,unit,unit_en,text,sentence_text",
        "SELECT d.source, d.report_date, d.province, f.sentence + 1, f.label, f.value, f.range_to, f.qualifier, f.unit, f.unit_en, f.text, sn.text
         FROM figures f JOIN documents d ON d.id = f.document_id
         LEFT JOIN temp.snippet sn ON sn.document_id = f.document_id AND sn.sentence = f.sentence
         ORDER BY d.source, f.sentence, f.start",
    ),
    (
        PEOPLE_CSV,
        "name,plain_name,titles,rank,role,document,report_date,province,sentence,sentence_text",
        "SELECT p.name, p.plain_name, p.titles, p.rank, p.role, d.source, d.report_date, d.province, p.sentence + 1, sn.text
         FROM people p JOIN documents d ON d.id = p.document_id
         LEFT JOIN temp.snippet sn ON sn.document_id = p.document_id AND sn.sentence = p.sentence
         ORDER BY p.name_key, d.source, p.sentence, p.start",
    ),
];

/// `figures.csv` and `people.csv`: UTF-8 with a byte-order mark, so that Excel reads the
/// Vietnamese as such; RFC 4180 quoting. Streamed to disk (a 20 MB report has hundreds
/// of thousands of figures). The sentence snippets go into a keyed table first: cut per
/// row, a 5 MB sentence with 300,000 figures was read 300,000 times; joined as an unkeyed
/// CTE, every figure scanned every snippet (50 s for 4,620 documents).
fn write_csvs(conn: &Connection, out: &Path, db_path: &Path) -> Result<()> {
    conn.execute_batch(SNIPPETS).map_err(|e| db_error(db_path, e))?;
    for (file, header, query) in EXPORTS {
        let mut failed: Option<rusqlite::Error> = None;
        let written = crate::output::write_atomic_streamed(&out.join(file), |w| {
            w.write_all("\u{feff}".as_bytes())?;
            w.write_all(header.as_bytes())?;
            w.write_all(b"\r\n")?;
            let rows = |w: &mut dyn Write| -> rusqlite::Result<std::io::Result<()>> {
                let mut stmt = conn.prepare(query)?;
                let columns = stmt.column_count();
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    let cells: Vec<String> = (0..columns)
                        .map(|i| match row.get_ref(i) {
                            Ok(rusqlite::types::ValueRef::Text(t)) => csv_cell(&String::from_utf8_lossy(t)),
                            Ok(rusqlite::types::ValueRef::Integer(n)) => n.to_string(),
                            Ok(rusqlite::types::ValueRef::Real(x)) => format_number(x),
                            _ => String::new(),
                        })
                        .collect();
                    if let Err(e) = w.write_all(cells.join(",").as_bytes()).and_then(|()| w.write_all(b"\r\n")) {
                        return Ok(Err(e));
                    }
                }
                Ok(Ok(()))
            };
            match rows(w) {
                Ok(io) => io,
                Err(e) => {
                    failed = Some(e);
                    Err(std::io::Error::other("database query failed"))
                }
            }
        });
        if let Some(e) = failed {
            return Err(db_error(db_path, e));
        }
        written?;
    }
    conn.execute_batch("DROP TABLE temp.snippet").map_err(|e| db_error(db_path, e))
}

/// A cell quoted when it holds a comma, quote or line break (RFC 4180); a leading `=`,
/// `+`, `-` or `@` gets a `'` so that a spreadsheet never runs report text as a formula.
fn csv_cell(s: &str) -> String {
    let s = match s.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{s}"),
        _ => s.to_string(),
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// 1170 not 1170.0; fractions as they are.
fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("Sở Y tế"), "Sở Y tế");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("nói \"không\""), "\"nói \"\"không\"\"\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(format_number(1170.0), "1170");
        assert_eq!(format_number(2.5), "2.5");
    }

    /// Every join of an export is a keyed lookup: a scan per row made the corpus's CSVs
    /// quadratic once (50 s for 4,620 documents).
    #[test]
    fn csv_exports_look_up_their_joins_by_key() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.execute_batch(SNIPPETS).unwrap();
        for (file, _, query) in EXPORTS {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {query}")).unwrap();
            let plan: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap().map(|r| r.unwrap()).collect();
            let scans: Vec<&String> = plan.iter().filter(|step| step.starts_with("SCAN")).collect();
            assert_eq!(scans.len(), 1, "{file}: one table scanned, the rest looked up: {plan:?}");
        }
    }

    #[test]
    fn one_key_for_the_spellings_of_a_name() {
        assert_eq!(name_key("Nguyễn Thị Thuỷ"), name_key("NGUYỄN THỊ THỦY"));
        assert_eq!(name_key("Lê  Văn Hoà"), name_key("Lê Văn Hòa"));
        assert_ne!(name_key("Nguyễn Văn Hùng"), name_key("Nguyễn Văn Hưng"));
    }
}
