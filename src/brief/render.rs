//! Briefings and digests rendered through templates (minijinja): the HTML pages and the
//! Markdown files. The templates ship in `data/templates/` (compiled in); `--templates
//! DIR` replaces any of them by name, so users restyle without recompiling.
//!
//! Escaping is by construction: every value a template prints is escaped for its
//! output (HTML for `.html`, Markdown for `.md`); only the links, URL-encoded here, and
//! a Markdown code span built here are marked safe. Templates get plain data (the view
//! structs below), never markup.

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use minijinja::{AutoEscape, Environment};
use serde::Serialize;

use super::{Briefing, DigestEntry, Line};
use crate::document::{of_sentence, Document, Label};
use crate::error::{Error, Result};
use crate::extract::Facts;
use crate::translate::rules::english::english_number;

/// The shipped templates, by name.
const BUILTIN: [(&str, &str); 7] = [
    ("briefing.html", include_str!("../../data/templates/briefing.html")),
    ("digest.html", include_str!("../../data/templates/digest.html")),
    ("macros.html", include_str!("../../data/templates/macros.html")),
    ("style.css", include_str!("../../data/templates/style.css")),
    ("briefing.md", include_str!("../../data/templates/briefing.md")),
    ("digest.md", include_str!("../../data/templates/digest.md")),
    ("macros.md", include_str!("../../data/templates/macros.md")),
];

const MARKDOWN: AutoEscape = AutoEscape::Custom(std::borrow::Cow::Borrowed("markdown"));

pub struct Templates {
    env: Environment<'static>,
    /// A hash of the user's templates, when any replaced a shipped one: part of the
    /// pipeline version, so a restyled page is redone on the next run.
    custom: Option<String>,
}

impl Templates {
    pub fn builtin() -> Templates {
        Templates::load(None).unwrap_or_else(|e| unreachable!("the shipped templates compile: {e}"))
    }

    /// The shipped templates, with those of the same name in `dir` instead. A template
    /// that does not compile stops here with its file and line.
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        let mut env = Environment::new();
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder().keep_trailing_newline(true).build() {
            env.set_syntax(syntax);
        }
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| match name.rsplit('.').next() {
            Some("html") => AutoEscape::Html,
            Some("md") => MARKDOWN,
            _ => AutoEscape::None,
        });
        env.set_formatter(|out, state, value| {
            if *state.auto_escape() == MARKDOWN && !value.is_safe() {
                let fail = |e: std::fmt::Error| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string());
                match value.as_str() {
                    Some(text) => write_markdown_escaped(out, text).map_err(fail),
                    None => write_markdown_escaped(out, &value.to_string()).map_err(fail),
                }
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        let mut custom = String::new();
        for (name, builtin) in BUILTIN {
            let source = match dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
                Some(path) => {
                    let source = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                    custom.push_str(&format!("{name}\0{source}\0"));
                    source
                }
                None => builtin.to_string(),
            };
            env.add_template_owned(name, source).map_err(|e| template_error(dir, name, &e))?;
        }
        let custom = (!custom.is_empty()).then(|| crate::hash::short_sha256_hex(custom.as_bytes(), 6));
        Ok(Templates { env, custom })
    }

    /// `Some(hash)` when user templates replace shipped ones.
    pub fn custom(&self) -> Option<&str> {
        self.custom.as_deref()
    }

    /// Renders into `w`. A failed write keeps its I/O error (a full disk stays one); a
    /// template's failure becomes an error that names the template.
    fn render_to(&self, name: &str, view: impl Serialize, w: &mut dyn Write) -> io::Result<()> {
        let failed = |e: minijinja::Error| match std::error::Error::source(&e).and_then(|s| s.downcast_ref::<io::Error>()) {
            Some(io) => io::Error::new(io.kind(), io.to_string()),
            None => io::Error::other(format!("template {name}: {e:#}")),
        };
        let template = self.env.get_template(name).map_err(failed)?;
        template.render_captured_to(minijinja::value::Serde(view), w).map(|_| ()).map_err(failed)
    }

    fn render(&self, name: &str, view: impl Serialize) -> Result<String> {
        let mut bytes = Vec::new();
        self.render_to(name, view, &mut bytes).map_err(|e| Error::Runtime(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| Error::Runtime(format!("template {name} wrote invalid UTF-8: {e}")))
    }

    /// A document's HTML briefing, streamed to `w` (a 20 MB report's is tens of MB).
    pub fn write_briefing_html(&self, doc: &Document, facts: &Facts, b: &Briefing, w: &mut dyn Write) -> io::Result<()> {
        self.render_to("briefing.html", BriefingView::new(doc, Some(facts), b), w)
    }

    pub fn write_briefing_markdown(&self, doc: &Document, b: &Briefing, w: &mut dyn Write) -> io::Result<()> {
        self.render_to("briefing.md", BriefingView::new(doc, None, b), w)
    }

    pub fn briefing_html(&self, doc: &Document, facts: &Facts, b: &Briefing) -> Result<String> {
        self.render("briefing.html", BriefingView::new(doc, Some(facts), b))
    }

    pub fn briefing_markdown(&self, doc: &Document, b: &Briefing) -> Result<String> {
        self.render("briefing.md", BriefingView::new(doc, None, b))
    }

    /// The Markdown and the HTML digest as strings, each when asked for, from one view of
    /// the corpus (`run` streams them to their files: [`Templates::write_digest`]).
    pub fn digests(&self, docs: &[DigestEntry], markdown: bool, html: bool) -> Result<(Option<String>, Option<String>)> {
        let view = DigestView::new(docs);
        let md = markdown.then(|| self.render(DIGEST_MARKDOWN, &view)).transpose()?;
        Ok((md, html.then(|| self.render(DIGEST_HTML, &view)).transpose()?))
    }

    /// The digest `name` ([`DIGEST_MARKDOWN`] or [`DIGEST_HTML`]) of `view`, streamed to
    /// `w` (a corpus of thousands of reports makes one of tens of MB).
    pub fn write_digest(&self, name: &str, view: &DigestView, w: &mut dyn Write) -> io::Result<()> {
        self.render_to(name, view, w)
    }
}

fn template_error(dir: Option<&Path>, name: &str, e: &minijinja::Error) -> Error {
    let line = e.line().map(|l| format!(":{l}")).unwrap_or_default();
    let file = dir.map_or_else(|| format!("data/templates/{name}"), |d| d.join(name).display().to_string());
    Error::Usage(format!("{file}{line}: {}", e.detail().unwrap_or("invalid template")))
}

/// Backslash before every character Markdown could read as markup (`&` too: an entity
/// reference such as `&amp;` would be read as the character it names); line breaks become
/// spaces, so a value never ends a table row or a list item. A value may open a line
/// (the summary, a list item's text), so what would make a block there is defused too: a
/// list marker at its start (`- `, `+ `, `1. `, `2) `) is escaped, and leading whitespace
/// (four spaces or a tab would open a code block) becomes one space.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // Writing to a String cannot fail.
    let _ = write_markdown_escaped(&mut out, s);
    out
}

/// [`escape_markdown`] written straight into `out` (the templates' formatter: no String
/// per printed value).
fn write_markdown_escaped(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    let body = s.trim_start();
    if body.len() < s.len() {
        out.write_char(' ')?;
    }
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match body.as_bytes().first() {
        Some(b'-' | b'+' | b'=') => Some(0),
        // "1. ", "2)" but not "1.170"
        Some(b'0'..=b'9')
            if digits <= 9
                && matches!(body.as_bytes().get(digits), Some(b'.' | b')'))
                && body[digits + 1..].chars().next().is_none_or(char::is_whitespace) =>
        {
            Some(digits)
        }
        _ => None,
    };
    // Runs of plain characters are written whole.
    let mut plain = 0;
    for (k, c) in body.char_indices() {
        let escaped = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '!' | '&') || Some(k) == marker;
        if escaped || matches!(c, '\n' | '\r') {
            out.write_str(&body[plain..k])?;
            if escaped {
                out.write_char('\\')?;
                out.write_char(c)?;
            } else {
                out.write_char(' ')?;
            }
            plain = k + c.len_utf8();
        }
    }
    out.write_str(&body[plain..])
}

/// A relative link to an output file: each path segment percent-encoded (RFC 3986
/// unreserved characters stay), the slashes kept.
pub fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for (k, segment) in path.split('/').enumerate() {
        if k > 0 {
            out.push('/');
        }
        for b in segment.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// A Markdown code span that holds any text: fenced by one more backtick than the
/// longest run inside it.
fn code_span(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{}{pad}{fence}", s.replace(['\n', '\r'], " "))
}

/// A piece of English: plain, or Vietnamese left untranslated (`*…*` in a line).
#[derive(Serialize)]
struct Segment {
    text: String,
    vi: bool,
}

/// The pieces of a line. An italic piece's outer whitespace is plain text: Markdown reads
/// `* x *` as no emphasis (and, opening a line, as a list item), so what the templates wrap
/// in `*…*` (or `<em>`) is never blank and never starts or ends with a space.
fn segments(s: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |text: &str, vi: bool| match out.last_mut() {
        _ if text.is_empty() => {}
        Some(last) if !vi && !last.vi => last.text.push_str(text),
        _ => out.push(Segment { text: text.to_string(), vi }),
    };
    for (i, part) in s.split('*').enumerate() {
        if i % 2 == 1 {
            let inner = part.trim();
            let lead = part.len() - part.trim_start().len();
            push(&part[..lead], false);
            push(inner, true);
            push(&part[lead + inner.len()..], false);
        } else {
            push(part, false);
        }
    }
    out
}

#[derive(Serialize)]
struct LineView {
    text: Vec<Segment>,
    /// 1-based.
    sentence: usize,
    /// The element the line cites: its figure's highlight, else its sentence.
    target: String,
}

#[derive(Serialize)]
struct SectionView {
    name: &'static str,
    lines: Vec<LineView>,
}

#[derive(Serialize)]
struct Piece<'a> {
    text: &'a str,
    /// 1-based number of the figure this piece highlights.
    mark: Option<usize>,
}

#[derive(Serialize)]
struct SentenceView<'a> {
    n: usize,
    label: &'static str,
    pieces: Vec<Piece<'a>>,
}

#[derive(Serialize)]
struct BriefingView {
    title: Vec<Segment>,
    title_text: String,
    source: String,
    source_code: Value,
    sentences: usize,
    labels: Vec<&'static str>,
    /// The source column (HTML only): paragraphs of [`SentenceView`]s, made on demand.
    paragraphs: Value,
    sections: Vec<SectionView>,
    summary: Vec<Segment>,
    summary_method: String,
    line_method: String,
}

impl BriefingView {
    /// `facts` are needed for the source column of the HTML page only.
    fn new(doc: &Document, facts: Option<&Facts>, b: &Briefing) -> BriefingView {
        let lines = |lines: &[Line]| {
            lines
                .iter()
                .map(|l| LineView {
                    text: segments(&l.text),
                    sentence: l.sentence + 1,
                    target: match l.figure {
                        Some(k) => format!("f{}", k + 1),
                        None => format!("s{}", l.sentence + 1),
                    },
                })
                .collect()
        };
        BriefingView {
            title: segments(&b.title),
            title_text: b.title.replace('*', ""),
            source: doc.source.clone(),
            source_code: Value::from_safe_string(code_span(&doc.source)),
            sentences: doc.sentences().count(),
            labels: Label::ALL.iter().map(|l| l.as_str()).collect(),
            paragraphs: facts.map_or_else(|| Value::from(Vec::<Value>::new()), |f| SourceColumn::value(doc, f)),
            sections: vec![
                SectionView { name: "Chaired by", lines: lines(&b.chaired_by) },
                SectionView { name: "Attended by", lines: lines(&b.attended_by) },
                SectionView { name: "Key figures", lines: lines(&b.key_figures) },
                SectionView { name: "Achievements", lines: lines(&b.achievements) },
                SectionView { name: "Directives", lines: lines(&b.directives) },
            ],
            summary: segments(&b.summary.text),
            summary_method: b.summary.method.clone(),
            line_method: b.line_method.clone(),
        }
    }
}

/// The source column: the sentences by paragraph, cut into pieces around the highlighted
/// figures. The template reads it a sentence at a time and each sentence's view is made
/// when asked for, so a report's page costs memory for its text and offsets only: a
/// 20 MB report's column, built whole as minijinja values, took about 300 MiB.
#[derive(Debug)]
struct SourceColumn {
    text: String,
    /// Each paragraph's range in `sentences`.
    paragraphs: Vec<Range<usize>>,
    sentences: Vec<SourceSentence>,
    marks: Vec<Mark>,
}

/// A sentence's byte span in the text, its label and its range in `marks`.
#[derive(Debug)]
struct SourceSentence {
    start: usize,
    end: usize,
    label: &'static str,
    marks: Range<usize>,
}

/// A highlighted figure: its byte span, its text as the facts have it, its 1-based number.
#[derive(Debug)]
struct Mark {
    start: usize,
    end: usize,
    text: String,
    n: usize,
}

impl SourceColumn {
    fn value(doc: &Document, facts: &Facts) -> Value {
        // Sentences, figures and their offsets come in text order: one cursor walks the text.
        let mut bytes = crate::segment::Cursor::new(&doc.text);
        let (mut paragraphs, mut sentences, mut marks) = (Vec::new(), Vec::new(), Vec::new());
        for p in &doc.paragraphs {
            let first = sentences.len();
            for s in &p.sentences {
                let index = sentences.len();
                let start = bytes.byte_of(s.start);
                let first_mark = marks.len();
                let mut pos = s.start;
                let (first, figures) = of_sentence(&facts.figures, index, |f| f.sentence);
                for (k, f) in figures.iter().enumerate().map(|(k, f)| (first + k, f)) {
                    // A figure that overlaps the one before or runs past its sentence stays plain.
                    if f.figure.start < pos || f.figure.end > s.end {
                        continue;
                    }
                    let mark_start = bytes.byte_of(f.figure.start);
                    let mark_end = bytes.byte_of(f.figure.end);
                    marks.push(Mark { start: mark_start, end: mark_end, text: f.figure.text.clone(), n: k + 1 });
                    pos = f.figure.end;
                }
                let end = bytes.byte_of(s.end);
                let label = s.label.map_or("other", |l| l.as_str());
                sentences.push(SourceSentence { start, end, label, marks: first_mark..marks.len() });
            }
            paragraphs.push(first..sentences.len());
        }
        let column = Arc::new(SourceColumn { text: doc.text.clone(), paragraphs, sentences, marks });
        Value::from_object(Paragraphs(column))
    }

    fn sentence(&self, index: usize) -> Value {
        let s = &self.sentences[index];
        let mut pieces = Vec::with_capacity(2 * s.marks.len() + 1);
        let mut pos = s.start;
        for m in &self.marks[s.marks.clone()] {
            pieces.push(Piece { text: &self.text[pos..m.start], mark: None });
            pieces.push(Piece { text: &m.text, mark: Some(m.n) });
            pos = m.end;
        }
        pieces.push(Piece { text: &self.text[pos..s.end], mark: None });
        Value::from(minijinja::value::Serde(SentenceView { n: index + 1, label: s.label, pieces }))
    }
}

/// The column's paragraphs, a sequence of [`Paragraph`]s.
#[derive(Debug)]
struct Paragraphs(Arc<SourceColumn>);

/// One paragraph: a sequence of sentence views.
#[derive(Debug)]
struct Paragraph {
    column: Arc<SourceColumn>,
    sentences: Range<usize>,
}

impl Object for Paragraphs {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let sentences = self.0.paragraphs.get(key.as_usize()?)?.clone();
        Some(Value::from_object(Paragraph { column: Arc::clone(&self.0), sentences }))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.paragraphs.len())
    }
}

impl Object for Paragraph {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = self.sentences.start.checked_add(key.as_usize()?)?;
        self.sentences.contains(&index).then(|| self.column.sentence(index))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.sentences.len())
    }
}

#[derive(Serialize)]
struct LabelTotal {
    label: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct DigestDocument {
    id: String,
    source_code: Value,
    html: Value,
    md: Value,
    title: Vec<Segment>,
    chaired_by: Vec<Vec<Segment>>,
    key_figures: usize,
    achievements: usize,
    directives: usize,
}

#[derive(Serialize)]
struct DigestFigure {
    id: String,
    html: Value,
    text: Vec<Segment>,
    sentence: usize,
}

/// The digests' file names, which are also their templates' names.
pub const DIGEST_MARKDOWN: &str = "digest.md";
pub const DIGEST_HTML: &str = "digest.html";

/// The corpus as the digest templates see it, made once for both formats.
#[derive(Serialize)]
pub struct DigestView {
    label_totals: Vec<LabelTotal>,
    documents: Vec<DigestDocument>,
    figures: Vec<DigestFigure>,
    /// Sentences per label, as a bar chart.
    label_chart: Chart,
    /// Reports per month of their date.
    timeline: Chart,
    /// The same counted noun across reports, side by side.
    units: Vec<UnitGroup>,
    people: Vec<PersonEntry>,
}

/// A horizontal bar chart laid out here, drawn as inline SVG by the templates (`chart`
/// in macros.html): rows of a label, a bar and its value.
#[derive(Serialize)]
struct Chart {
    width: u32,
    height: u32,
    bars: Vec<ChartBar>,
}

#[derive(Serialize)]
struct ChartBar {
    label: String,
    /// The value as printed beside the bar.
    value: String,
    /// Top of the row, and the bar's length.
    y: u32,
    width: u32,
    /// CSS class of the bar (a label name, or "bar").
    class: &'static str,
}

const CHART_LABEL: u32 = 190;
const CHART_BARS: u32 = 330;
const CHART_ROW: u32 = 22;

impl Chart {
    fn new(rows: Vec<(String, f64, &'static str)>) -> Chart {
        let max = rows.iter().map(|r| r.1).fold(0.0, f64::max);
        let bars = rows
            .into_iter()
            .enumerate()
            .map(|(i, (label, value, class))| ChartBar {
                label: shorten(&label, 28),
                value: english_number(value),
                y: i as u32 * CHART_ROW,
                width: if max > 0.0 { ((value / max) * f64::from(CHART_BARS)).round().max(if value > 0.0 { 1.0 } else { 0.0 }) as u32 } else { 0 },
                class,
            })
            .collect::<Vec<_>>();
        Chart { width: CHART_LABEL + CHART_BARS + 90, height: bars.len() as u32 * CHART_ROW + 4, bars }
    }
}

fn shorten(s: &str, max: usize) -> String {
    match s.chars().count() > max {
        true => format!("{}…", s.chars().take(max - 1).collect::<String>().trim_end()),
        false => s.to_string(),
    }
}

#[derive(Serialize)]
struct UnitGroup {
    /// The unit as written, and its English when the termbase has it.
    unit: String,
    unit_en: Option<String>,
    chart: Chart,
    rows: Vec<UnitRow>,
}

#[derive(Serialize)]
struct UnitRow {
    id: String,
    html: Value,
    md: Value,
    place: String,
    date: String,
    value: String,
    text: String,
    sentence: usize,
}

/// One person across the corpus: every spelling met, and the reports chaired or attended.
#[derive(Serialize)]
struct PersonEntry {
    name_en: String,
    spellings: Vec<String>,
    chaired: Vec<ReportLink>,
    attended: Vec<ReportLink>,
}

#[derive(Serialize)]
struct ReportLink {
    id: String,
    title: Vec<Segment>,
    html: Value,
    md: Value,
}

impl DigestView {
    pub fn new(docs: &[DigestEntry]) -> DigestView {
        let link = |d: &DigestEntry, ext: &str| Value::from_safe_string(url_path(&format!("{}.{ext}", d.id)));
        DigestView {
            label_totals: Label::ALL
                .iter()
                .enumerate()
                .map(|(k, l)| LabelTotal { label: l.as_str(), count: docs.iter().map(|d| d.labels[k]).sum() })
                .collect(),
            documents: docs
                .iter()
                .map(|d| DigestDocument {
                    id: d.id.clone(),
                    source_code: Value::from_safe_string(code_span(&d.source)),
                    html: link(d, "html"),
                    md: link(d, "md"),
                    title: segments(&d.briefing.title),
                    chaired_by: d.briefing.chaired_by.iter().map(|c| segments(&c.text)).collect(),
                    key_figures: d.briefing.key_figures.len(),
                    achievements: d.briefing.achievements.len(),
                    directives: d.briefing.directives.len(),
                })
                .collect(),
            figures: docs
                .iter()
                .flat_map(|d| {
                    d.briefing.key_figures.iter().map(move |f| DigestFigure {
                        id: d.id.clone(),
                        html: link(d, "html"),
                        text: segments(&f.text),
                        sentence: f.sentence + 1,
                    })
                })
                .collect(),
            label_chart: Chart::new(
                Label::ALL
                    .iter()
                    .enumerate()
                    .map(|(k, l)| (l.as_str().to_string(), docs.iter().map(|d| d.labels[k]).sum::<usize>() as f64, l.as_str()))
                    .collect(),
            ),
            timeline: timeline(docs),
            units: unit_groups(docs, &link),
            people: people_index(docs, &link),
        }
    }
}

/// Reports per month of their date, in date order; undated reports last.
fn timeline(docs: &[DigestEntry]) -> Chart {
    let mut months: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut undated = 0;
    for d in docs {
        match &d.date {
            Some(date) => *months.entry(date.chars().take(7).collect()).or_default() += 1,
            None => undated += 1,
        }
    }
    let mut rows: Vec<(String, f64, &'static str)> = months.into_iter().map(|(m, n)| (m, n as f64, "bar")).collect();
    if undated > 0 {
        rows.push(("no date found".into(), undated as f64, "bar"));
    }
    Chart::new(rows)
}

/// Counted nouns that at least two reports give a figure for, most reports first; each
/// with its figures side by side, labelled by province and date.
fn unit_groups(docs: &[DigestEntry], link: &dyn Fn(&DigestEntry, &str) -> Value) -> Vec<UnitGroup> {
    let mut groups: Vec<(String, Vec<(&DigestEntry, &crate::brief::DigestCount)>)> = Vec::new();
    // Where each folded unit's group is (a corpus has thousands of units).
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for d in docs {
        for c in &d.counts {
            let key = crate::text::fold(&c.unit);
            match group_of.get(&key) {
                Some(&g) => groups[g].1.push((d, c)),
                None => {
                    group_of.insert(key.clone(), groups.len());
                    groups.push((key, vec![(d, c)]));
                }
            }
        }
    }
    let reports = |members: &[(&DigestEntry, &crate::brief::DigestCount)]| {
        let mut ids: Vec<&str> = members.iter().map(|(d, _)| d.id.as_str()).collect();
        ids.dedup();
        ids.len()
    };
    groups.retain(|(_, m)| reports(m) >= 2);
    groups.sort_by(|a, b| reports(&b.1).cmp(&reports(&a.1)).then_with(|| a.0.cmp(&b.0)));
    groups.truncate(12);
    groups
        .into_iter()
        .map(|(_, members)| {
            let place = |d: &DigestEntry| d.province.clone().unwrap_or_else(|| d.id.clone());
            let date = |d: &DigestEntry| d.date.clone().unwrap_or_default();
            let rows: Vec<UnitRow> = members
                .iter()
                .map(|(d, c)| UnitRow {
                    id: d.id.clone(),
                    html: link(d, "html"),
                    md: link(d, "md"),
                    place: place(d),
                    date: date(d),
                    value: english_number(c.value),
                    text: c.text.clone(),
                    sentence: c.sentence + 1,
                })
                .collect();
            let chart = Chart::new(
                members.iter().map(|(d, c)| (format!("{} {}", place(d), date(d)).trim().to_string(), c.value, "bar")).collect(),
            );
            UnitGroup { unit: members[0].1.unit.clone(), unit_en: members[0].1.unit_en.clone(), chart, rows }
        })
        .collect()
}

/// Everyone named across the reports, one entry per person: spellings that differ only
/// in case, spacing or tone placement are one name (`people::name_key`), and a name written
/// without any diacritics joins the one name it is the plain form of.
fn people_index(docs: &[DigestEntry], link: &dyn Fn(&DigestEntry, &str) -> Value) -> Vec<PersonEntry> {
    use crate::document::facts::Role;
    let mut by_key: std::collections::BTreeMap<String, PersonEntry> = std::collections::BTreeMap::new();
    let mut ascii: Vec<(String, &DigestEntry, &crate::brief::DigestPerson)> = Vec::new();
    let add = |entry: &mut PersonEntry, d: &DigestEntry, p: &crate::brief::DigestPerson| {
        if !entry.spellings.contains(&p.name) {
            entry.spellings.push(p.name.clone());
        }
        let list = match p.role {
            Some(Role::Chair) => &mut entry.chaired,
            _ => &mut entry.attended,
        };
        if !list.iter().any(|r| r.id == d.id) {
            list.push(ReportLink { id: d.id.clone(), title: segments(&d.briefing.title), html: link(d, "html"), md: link(d, "md") });
        }
    };
    for d in docs {
        for p in &d.people {
            let key = crate::extract::people::name_key(&p.name);
            if !crate::text::has_vietnamese_letters(&p.name) {
                ascii.push((key, d, p));
                continue;
            }
            let entry = by_key.entry(key).or_insert_with(|| PersonEntry {
                name_en: p.name_en.clone(),
                spellings: Vec::new(),
                chaired: Vec::new(),
                attended: Vec::new(),
            });
            add(entry, d, p);
        }
    }
    // The keys each name without diacritics could be, kept up to date as names are added.
    let mut by_plain: HashMap<String, Vec<String>> = HashMap::new();
    for k in by_key.keys() {
        by_plain.entry(crate::text::plain(k)).or_default().push(k.clone());
    }
    for (key, d, p) in ascii {
        let target = match by_plain.get(&key).map(Vec::as_slice) {
            Some([one]) => one.clone(),
            _ => key,
        };
        if !by_key.contains_key(&target) {
            by_plain.entry(crate::text::plain(&target)).or_default().push(target.clone());
        }
        let entry = by_key.entry(target).or_insert_with(|| PersonEntry {
            name_en: p.name_en.clone(),
            spellings: Vec::new(),
            chaired: Vec::new(),
            attended: Vec::new(),
        });
        add(entry, d, p);
    }
    let mut people: Vec<PersonEntry> = by_key.into_values().collect();
    // A chair named again further down the report did not attend it besides.
    for p in &mut people {
        let chaired: Vec<String> = p.chaired.iter().map(|r| r.id.clone()).collect();
        p.attended.retain(|r| !chaired.contains(&r.id));
    }
    people.sort_by(|a, b| a.name_en.cmp(&b.name_en).then_with(|| a.spellings.cmp(&b.spellings)));
    people
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_url_encoded_and_markdown_is_escaped() {
        assert_eq!(url_path("a/báo cáo 1 (bản sao).html"), "a/b%C3%A1o%20c%C3%A1o%201%20%28b%E1%BA%A3n%20sao%29.html");
        assert_eq!(escape_markdown("*a* | [b](c) `d` #1\nx"), "\\*a\\* \\| \\[b\\](c) \\`d\\` \\#1 x");
        // What opens a block at a line's start is defused; numbers and text stay as written.
        assert_eq!(escape_markdown("    - mục một"), " \\- mục một");
        assert_eq!(escape_markdown("12) Đạt & vượt_"), "12\\) Đạt \\& vượt\\_");
        assert_eq!(escape_markdown("1.170 người dân"), "1.170 người dân");
        assert_eq!(escape_markdown("ư\r\nơ!"), "ư  ơ\\!");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
    }

    #[test]
    fn a_user_template_replaces_the_shipped_one_and_a_broken_one_says_where() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("digest.md"), "{{ documents | length }} reports <{{ figures | length }}>\n").unwrap();
        let t = Templates::load(Some(dir.path())).unwrap();
        assert_eq!(t.digests(&[], true, false).unwrap(), (Some("0 reports <0>\n".to_string()), None));
        std::fs::write(dir.path().join("briefing.html"), "ok\n{% for x in %}\n").unwrap();
        let err = Templates::load(Some(dir.path())).err().unwrap().to_string();
        assert!(err.contains("briefing.html:2"), "{err}");
    }

    #[test]
    fn the_source_column_is_made_on_demand_with_figures_marked() {
        let text = "Đoàn đã trao 50 suất quà. Tiếp đó, khám bệnh cho 1.170 người dân và 12/12 xã.";
        let mut paragraphs = crate::segment::segment(text, &[crate::document::Span { start: 0, end: text.chars().count() }]);
        paragraphs[0].sentences[1].label = Some(Label::Achievement);
        let doc = Document { paragraphs, ..Document::one_paragraph("d", text.to_string(), Vec::new()) };
        let facts = crate::extract::extract(&doc, &crate::extract::Resources::builtin().unwrap());
        assert!(facts.figures.len() >= 3, "{:?}", facts.figures);
        let mut env = Environment::new();
        env.add_template(
            "t",
            "{{ p|length }}/{{ p[0]|length }} {{ p[0][1].label }} {{ p[0][5] is undefined }}\n\
             {% for para in p %}{% for s in para %}{{ s.n }}:{% for x in s.pieces %}{% if x.mark %}[{{ x.mark }}:{{ x.text }}]{% else %}{{ x.text }}{% endif %}{% endfor %}|{% endfor %}{% endfor %}",
        )
        .unwrap();
        let out = env.get_template("t").unwrap().render(minijinja::context! { p => SourceColumn::value(&doc, &facts) }).unwrap();
        let (head, body) = out.split_once('\n').unwrap();
        assert_eq!(head, "1/2 achievement True");
        // Each figure is marked, and the pieces put back together are the source text.
        for (k, f) in facts.figures.iter().enumerate() {
            assert!(body.contains(&format!("[{}:{}]", k + 1, f.figure.text)), "{body}");
        }
        let plain = body.split('|').filter(|s| !s.is_empty()).map(|s| s.split_once(':').unwrap().1).collect::<Vec<_>>().join(" ");
        let plain = (1..=facts.figures.len()).fold(plain, |t, k| t.replace(&format!("[{k}:"), "").replace(']', ""));
        assert_eq!(plain.trim_end(), text);
    }
}
