//! Ingest: find the documents under a directory, decode their bytes, normalise the
//! text to NFC and find the paragraphs.
//!
//! Every document's text is either the decoded file (plain text: paragraphs are
//! separated by blank lines) or the block texts of an HTML or Markdown file joined
//! by a blank line. Offsets everywhere else point into that text.

pub mod docx;
pub mod encoding;
pub mod pdf;

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};


use crate::document::{Encoding, Format, Span};
use crate::error::{Error, IoContext, Result};
pub use encoding::decode;

/// Default size limit for one input file.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// A file found under the input directory that vnbrief reads.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    /// Path relative to the input directory, `/`-separated.
    pub rel: String,
    pub format: Format,
}

/// Something under the input directory that could not even be listed.
#[derive(Debug, Clone)]
pub struct WalkFailure {
    pub rel: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub sources: Vec<Source>,
    pub failures: Vec<WalkFailure>,
    /// Files skipped because vnbrief does not read their type.
    pub ignored: Vec<String>,
}

/// The input name that means standard input.
pub const STDIN: &str = "-";

/// The documents of an input: `-` (standard input, one document in `stdin_format` or,
/// when that is `None`, the format its bytes show), one file, or a directory walked
/// recursively in file-name order, following symlinks (loops are reported, not
/// followed). Hidden entries and `exclude` (the output folder, when it lies inside the
/// input) are skipped. A file named on its own is read whatever its extension (as text
/// when the extension says nothing).
pub fn discover(root: &Path, exclude: Option<&Path>) -> Result<Discovery> {
    if root.as_os_str() == STDIN {
        return Ok(Discovery {
            sources: vec![Source { path: root.to_path_buf(), rel: STDIN.into(), format: Format::Text }],
            ..Discovery::default()
        });
    }
    let meta = std::fs::metadata(root).at(root)?;
    if meta.is_file() {
        let rel = root.file_name().map_or_else(|| root.display().to_string(), |n| n.to_string_lossy().into_owned());
        let format = Format::from_path(root).unwrap_or(Format::Text);
        return Ok(Discovery { sources: vec![Source { path: root.to_path_buf(), rel, format }], ..Discovery::default() });
    }
    if !meta.is_dir() {
        return Err(Error::Usage(format!("{}: not a file or directory", root.display())));
    }
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let mut found = Discovery::default();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let excluded = exclude.as_ref().is_some_and(|x| {
                e.file_type().is_dir() && e.path().canonicalize().is_ok_and(|p| &p == x)
            });
            !hidden && !excluded
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = relative(root, e.path());
                match Format::from_path(e.path()) {
                    Some(format) => found.sources.push(Source {
                        path: e.path().to_path_buf(),
                        rel,
                        format,
                    }),
                    None => found.ignored.push(rel),
                }
            }
            Ok(_) => {}
            Err(err) => {
                let rel = err.path().map_or_else(|| "?".into(), |p| relative(root, p));
                let reason = if let Some(ancestor) = err.loop_ancestor() {
                    format!("symlink loop back to {}", ancestor.display())
                } else if let Some(io) = err.io_error() {
                    if io.kind() == std::io::ErrorKind::NotFound {
                        "broken symlink".to_string()
                    } else {
                        io.to_string()
                    }
                } else {
                    err.to_string()
                };
                found.failures.push(WalkFailure { rel, reason });
            }
        }
    }
    Ok(found)
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The format standard input's bytes show: PDF and Word by their signature, HTML by a
/// leading tag, else text.
pub fn sniff_format(bytes: &[u8]) -> Format {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).trim_start().to_ascii_lowercase();
    if bytes.starts_with(b"%PDF") {
        Format::Pdf
    } else if bytes.starts_with(b"PK\x03\x04") {
        Format::Docx
    } else if head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<p") || head.starts_with("<div") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Reads standard input, refusing more than `max_bytes`.
pub fn read_stdin(max_bytes: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::ingest(Path::new(STDIN), format!("cannot read standard input: {e}")))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::ingest(Path::new(STDIN), format!("standard input is over the limit of {max_bytes} bytes (--max-bytes)")));
    }
    Ok(bytes)
}

/// Reads a file's bytes, refusing files over `max_bytes` before reading them.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::ingest(path, format!("cannot open: {e}")))?;
    let len = file
        .metadata()
        .map_err(|e| Error::ingest(path, format!("cannot stat: {e}")))?
        .len();
    if len > max_bytes {
        return Err(Error::ingest(
            path,
            format!(
                "file is {} bytes, over the limit of {max_bytes} bytes (--max-bytes)",
                len
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // `take` guards against a file that grows while we read it.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::ingest(path, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::ingest(path, format!("file is over the limit of {max_bytes} bytes (--max-bytes)")));
    }
    Ok(bytes)
}

/// A document's text, ready for segmentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingested {
    pub encoding: Encoding,
    /// NFC text, `\n` line endings.
    pub text: String,
    pub paragraphs: Vec<Span>,
    pub warnings: Vec<String>,
}

/// Decodes, normalises and splits into paragraphs. The error is the reason alone
/// (the caller knows the path).
pub fn to_text(bytes: &[u8], format: Format) -> std::result::Result<Ingested, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let (encoding, (text, paragraphs)) = match format {
        // Their blocks are NFC already (BlockCollector).
        Format::Docx => (Encoding::Utf8, join_paragraphs(docx::blocks(bytes)?)),
        Format::Pdf => (Encoding::PdfText, join_paragraphs(pdf::blocks(bytes)?)),
        Format::Text | Format::Html | Format::Markdown => {
            let (raw, encoding) = decode(bytes)?;
            let normalised = normalise(&raw);
            let parts = match format {
                Format::Html => join_paragraphs(html_blocks(&normalised)),
                Format::Markdown => join_paragraphs(markdown_blocks(&normalised)),
                _ => {
                    let spans = text_paragraphs(&normalised);
                    (normalised, spans)
                }
            };
            (encoding, parts)
        }
    };
    if paragraphs.is_empty() {
        return Err("empty: no text in the document".into());
    }
    let mut warnings = Vec::new();
    // A PDF font without a Unicode map gives letters that are not the printed ones.
    if format == Format::Pdf && !encoding::Reading::of(&text).is_vietnamese() {
        warnings.push("the PDF's text layer does not read as Vietnamese (a font without a Unicode map?)".into());
    }
    let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
    if replaced > 0 {
        warnings.push(format!("{replaced} replacement characters (U+FFFD) in the text"));
    }
    Ok(Ingested {
        encoding,
        text,
        paragraphs,
        warnings,
    })
}

/// NFC, no byte order mark, `\n` line endings.
pub fn normalise(s: &str) -> String {
    let s = s.strip_prefix('\u{FEFF}').unwrap_or(s);
    let s = if s.contains('\r') {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    };
    crate::text::nfc(&s).into_owned()
}


/// Paragraphs of plain text: runs of non-blank lines, trimmed. A run whose every line
/// ends a sentence (or is a short heading) is a text written one paragraph per line,
/// as news copied from a web page often is, and each line is a paragraph.
pub fn text_paragraphs(text: &str) -> Vec<Span> {
    let mut blocks: Vec<Vec<Span>> = Vec::new(); // lines (trimmed spans) of each block
    let mut current: Vec<Span> = Vec::new();
    let mut pos = 0usize; // char offset of the current line's start
    for line in text.split('\n') {
        let len = line.chars().count();
        let lead = line.chars().take_while(|c| c.is_whitespace()).count();
        if lead == len {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            let trail = line.chars().rev().take_while(|c| c.is_whitespace()).count();
            current.push(Span { start: pos + lead, end: pos + len - trail });
        }
        pos += len + 1;
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    for lines in blocks {
        let one_per_line = lines.len() > 1
            && lines.windows(2).all(|w| {
                let next_starts_lower = chars[w[1].start].is_lowercase();
                !next_starts_lower && line_is_complete(&chars[w[0].start..w[0].end])
            });
        if one_per_line {
            spans.extend(lines);
        } else if let (Some(first), Some(last)) = (lines.first(), lines.last()) {
            spans.push(Span { start: first.start, end: last.end });
        }
    }
    spans
}

/// A line that ends a sentence, or a short heading.
fn line_is_complete(line: &[char]) -> bool {
    let last = line.iter().rev().find(|&&c| !matches!(c, '”' | '"' | '’' | '\'' | ')' | ']' | '»'));
    if matches!(last, Some('.' | '!' | '?' | '…')) {
        return true;
    }
    let words = line.split(|c| c.is_whitespace()).filter(|w| !w.is_empty()).count();
    let starts_upper = line.first().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    starts_upper && words <= 12 && !matches!(last, Some(',' | ';' | ':' | '-' | '–'))
}

/// Joins block texts with a blank line; returns the text and each block's span.
fn join_paragraphs(blocks: Vec<String>) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(blocks.len());
    let mut pos = 0;
    for block in blocks {
        if !text.is_empty() {
            text.push_str("\n\n");
            pos += 2;
        }
        let len = block.chars().count();
        spans.push(Span { start: pos, end: pos + len });
        text.push_str(&block);
        pos += len;
    }
    (text, spans)
}

/// Collects the text of block elements, collapsing whitespace as a browser does.
#[derive(Default)]
struct BlockCollector {
    blocks: Vec<String>,
    buf: String,
}

impl BlockCollector {
    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                if !self.buf.ends_with([' ', '\n']) && !self.buf.is_empty() {
                    self.buf.push(' ');
                }
            } else {
                self.buf.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        while self.buf.ends_with(' ') {
            self.buf.pop();
        }
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push('\n');
        }
    }

    fn flush(&mut self) {
        let block: String = self
            .buf
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if !block.is_empty() {
            self.blocks.push(crate::text::nfc(&block).into_owned());
        }
        self.buf.clear();
    }

    fn finish(mut self) -> Vec<String> {
        self.flush();
        self.blocks
    }
}

const HTML_SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "iframe", "object", "canvas",
];

const HTML_BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
];

/// The text blocks of an HTML document, through a real HTML5 parser.
fn html_blocks(html: &str) -> Vec<String> {
    use ego_tree::iter::Edge;
    use scraper::Node;

    let doc = scraper::Html::parse_document(html);
    let mut out = BlockCollector::default();
    let mut skipping = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skipping > 0 || HTML_SKIPPED.contains(&name) {
                        skipping += 1;
                    } else if name == "br" {
                        out.line_break();
                    } else if HTML_BLOCKS.contains(&name) {
                        out.flush();
                    }
                }
                Node::Text(t) if skipping == 0 => out.push_text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if HTML_BLOCKS.contains(&el.name()) {
                        out.flush();
                    }
                }
            }
        }
    }
    out.finish()
}

/// The text blocks of a Markdown document: paragraphs, headings, list items, quotes.
fn markdown_blocks(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    let inline_start = |t: &Tag| {
        matches!(
            t,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        )
    };
    let inline_end = |t: &TagEnd| {
        matches!(
            t,
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
        )
    };
    let mut out = BlockCollector::default();
    for event in Parser::new(md) {
        match event {
            Event::Start(tag) if !inline_start(&tag) => out.flush(),
            Event::End(tag) if !inline_end(&tag) => out.flush(),
            Event::Text(t) | Event::Code(t) => out.push_text(&t),
            Event::SoftBreak => out.push_text(" "),
            Event::HardBreak => out.line_break(),
            Event::Rule => out.flush(),
            _ => {}
        }
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const VI: &str = "Đồng chí Hồ Văn Niên chủ trì hội nghị. Khám bệnh cho 1.170 người dân.";

    /// Tiny fixture files: one text in every encoding we read (tests/fixtures/encodings).
    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encodings/", $name)).as_slice()
        };
    }
    const NFC: &[u8] = fixture!("nfc.txt");

    macro_rules! document {
        ($name:literal) => {
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/documents/", $name)).as_slice()
        };
    }

    fn ingest(bytes: &[u8], format: Format) -> Ingested {
        to_text(bytes, format).expect("ingest")
    }

    fn nfc_text() -> &'static str {
        std::str::from_utf8(NFC).unwrap()
    }

    fn utf16le_without_bom(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn utf8_plain() {
        let got = ingest(NFC, Format::Text);
        assert_eq!(got.encoding, Encoding::Utf8);
        assert_eq!(got.text, nfc_text());
        assert_eq!(got.paragraphs.len(), 2);
    }

    #[test]
    fn every_encoding_gives_the_same_text() {
        let cases: [(&[u8], Encoding); 8] = [
            (fixture!("utf8-bom.txt"), Encoding::Utf8Bom),
            (fixture!("tcvn3.txt"), Encoding::Tcvn3),
            (fixture!("vni.txt"), Encoding::Vni),
            (fixture!("viscii.txt"), Encoding::Viscii),
            (fixture!("utf16le.txt"), Encoding::Utf16le),
            (fixture!("utf16be.txt"), Encoding::Utf16be),
            (fixture!("windows-1258.txt"), Encoding::Windows1258),
            (fixture!("nfd.txt"), Encoding::Utf8),
        ];
        let reference = ingest(NFC, Format::Text);
        for (bytes, encoding) in cases {
            assert_ne!(bytes, NFC);
            let got = ingest(bytes, Format::Text);
            assert_eq!(got.encoding, encoding);
            assert_eq!(got.text, reference.text, "{encoding:?}");
            assert_eq!(got.paragraphs, reference.paragraphs, "{encoding:?}");
        }
    }

    /// Every letter in the legacy tables, against files written by other encoders
    /// (glibc's iconv, and a VNI encoder from the keyboard table: scripts/make-encoding-fixtures.sh).
    #[test]
    fn legacy_tables_hold_every_letter() {
        let alphabet = std::str::from_utf8(fixture!("alphabet.txt")).unwrap();
        assert_eq!(encoding::decode_viscii(fixture!("alphabet.viscii")), alphabet);
        assert_eq!(encoding::decode_vni(fixture!("alphabet.vni")), alphabet);
        let lower = alphabet.lines().next().unwrap();
        assert_eq!(encoding::decode_tcvn3(fixture!("alphabet.tcvn3")), format!("{lower}\n"));
    }

    /// A .docx as Word writes it and a PDF with a text layer (scripts/make-document-fixtures.py).
    #[test]
    fn word_and_pdf_documents() {
        let docx = to_text(document!("report.docx"), Format::Docx).expect("docx");
        let blocks: Vec<String> = docx.paragraphs.iter().map(|p| docx.text.chars().skip(p.start).take(p.end - p.start).collect()).collect();
        assert_eq!(blocks[0], "Công an huyện Krông Pa tổng kết công tác năm 2024");
        assert!(blocks[2].ends_with("giảm 12 vụ; tỷ lệ điều tra khám phá đạt 87,5%."), "{}", blocks[2]);
        assert_eq!(blocks[3], "Kết quả chính: xem bảng dưới đây\n(số liệu đến 15/12/2024)");
        assert_eq!(&blocks[4..7], ["Chỉ tiêu | Kết quả", "Tai nạn giao thông | giảm 5 vụ", "Ma túy bị bắt giữ | 1,2 kg"]);
        assert_eq!(blocks[7], "Khen thưởng 14 tập thể, 27 cá nhân.");
        assert!(blocks[8].contains("bất ngờ & giữ vững"));
        assert_eq!(blocks.len(), 9);

        let pdf = to_text(document!("report.pdf"), Format::Pdf).expect("pdf");
        assert_eq!(pdf.encoding, Encoding::PdfText);
        let blocks: Vec<String> = pdf.paragraphs.iter().map(|p| pdf.text.chars().skip(p.start).take(p.end - p.start).collect()).collect();
        assert_eq!(blocks[0], "Quảng Trị khắc phục hậu quả mưa lũ");
        assert!(blocks.iter().any(|b| b.contains("Đồng chí Lê Minh Hoàng, Phó Chủ tịch UBND tỉnh")), "{blocks:?}");
        assert!(blocks.iter().any(|b| b.contains("khoảng 85 tỷ đồng.")), "{blocks:?}");
        assert!(blocks.last().unwrap().ends_with("hoàn thành trước ngày 10/11."), "{blocks:?}");
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);

        let scanned = to_text(document!("scanned.pdf"), Format::Pdf).unwrap_err();
        assert!(scanned.contains("no text layer") && scanned.contains("OCR"), "{scanned}");
        assert!(to_text(b"%PDF-1.7 truncated", Format::Pdf).unwrap_err().contains("cannot read the PDF"));
        assert!(to_text(b"plain text", Format::Docx).unwrap_err().contains("not a .docx"));
    }

    #[test]
    fn utf16_le_without_bom() {
        let got = ingest(&utf16le_without_bom(VI), Format::Text);
        assert_eq!((got.encoding, got.text.as_str()), (Encoding::Utf16leNoBom, VI));
    }

    #[test]
    fn nfd_gives_the_nfc_text() {
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(VI).collect();
        assert_ne!(nfd, VI);
        assert_eq!(ingest(nfd.as_bytes(), Format::Text), ingest(VI.as_bytes(), Format::Text));
    }

    #[test]
    fn crlf_becomes_lf() {
        let got = ingest("Một.\r\n\r\nHai.\r\n".as_bytes(), Format::Text);
        assert_eq!(got.text, "Một.\n\nHai.\n");
        assert_eq!(got.paragraphs.len(), 2);
    }

    #[test]
    fn invalid_utf8_mojibake_is_refused() {
        // UTF-8 Vietnamese with one stray byte reads as mojibake in 1258: refuse it.
        let bytes = [VI.as_bytes(), b"\xFF"].concat();
        let err = to_text(&bytes, Format::Text).unwrap_err();
        assert!(err.contains("not valid UTF-8"), "{err}");
        // French in Windows-1252 has letters Vietnamese has, but not its syllables.
        let french = encoding_rs::WINDOWS_1252.encode("Le café est très bon, la fenêtre est à côté.").0;
        assert!(to_text(&french, Format::Text).unwrap_err().contains("not Vietnamese"));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert!(to_text(b"", Format::Text).unwrap_err().contains("empty"));
        assert!(to_text(b"  \n\n \t", Format::Text).unwrap_err().contains("empty"));
        assert!(to_text(b"abc\0\x01\x02\xFF\xFEdef\0\0\x03", Format::Text)
            .unwrap_err()
            .contains("binary"));
        assert!(to_text(b"%PDF-1.7 ...", Format::Text).unwrap_err().contains("PDF"));
        let controls: Vec<u8> = (0..200u8).map(|i| i % 8 + 1).collect();
        assert!(to_text(&controls, Format::Text).unwrap_err().contains("binary"));
    }

    #[test]
    fn odd_utf16_is_refused() {
        let mut bytes = fixture!("utf16le.txt").to_vec();
        bytes.push(b'x');
        assert!(to_text(&bytes, Format::Text).unwrap_err().contains("UTF-16"));
    }

    #[test]
    fn text_paragraphs_are_blank_line_separated() {
        let text = "  Tiêu đề\n\nCâu một được viết\nxuống dòng.  \n \n\t\nCâu ba.";
        let spans = text_paragraphs(text);
        let chars: Vec<char> = text.chars().collect();
        let got: Vec<String> = spans.iter().map(|s| chars[s.start..s.end].iter().collect()).collect();
        assert_eq!(got, ["Tiêu đề", "Câu một được viết\nxuống dòng.", "Câu ba."]);
    }

    #[test]
    fn one_paragraph_per_line_text_keeps_its_paragraphs() {
        let text = "TIN TỨC\nSáng 5/12, hội nghị khai mạc. Dự có 120 đại biểu.\nĐồng chí An phát biểu: “Phải làm tốt.”\nHội nghị bế mạc";
        let got: Vec<String> = text_paragraphs(text)
            .iter()
            .map(|s| text.chars().skip(s.start).take(s.end - s.start).collect())
            .collect();
        assert_eq!(got.len(), 4, "{got:?}");
        // A hard-wrapped paragraph stays one paragraph.
        let wrapped = "Đồng chí Nguyễn Văn Hùng, Ủy viên Ban Thường vụ Tỉnh ủy, Chỉ huy trưởng\nBộ Chỉ huy Quân sự tỉnh chủ trì hội nghị. Dự có lãnh đạo các sở, ban,\nngành của tỉnh.";
        assert_eq!(text_paragraphs(wrapped).len(), 1);
    }

    #[test]
    fn html_blocks_through_the_parser() {
        let html = "<!doctype html><html><head><title>T</title><style>p{}</style>\
            <script>var x = '<p>no</p>';</script></head><body><h1>Hội  nghị\n tổng kết</h1>\
            <p>Câu <b>một</b>.<br>Dòng hai &amp; ba.</p><div>Khối <span>hai</span></div>\
            <ul><li>Mục 1</li><li>Mục 2</li></ul></body></html>";
        let got = ingest(html.as_bytes(), Format::Html);
        assert_eq!(
            got.text,
            "Hội nghị tổng kết\n\nCâu một.\nDòng hai & ba.\n\nKhối hai\n\nMục 1\n\nMục 2"
        );
        assert_eq!(got.paragraphs.len(), 5);
        assert_eq!(got.paragraphs[1], Span { start: 19, end: 42 });
    }

    #[test]
    fn markdown_blocks_through_the_parser() {
        let md = "# Hội nghị tổng kết\n\nCâu *một* được\nviết tiếp.\n\n- Mục 1\n- Mục **2**\n\n> Trích dẫn.\n";
        let got = ingest(md.as_bytes(), Format::Markdown);
        assert_eq!(
            got.text,
            "Hội nghị tổng kết\n\nCâu một được viết tiếp.\n\nMục 1\n\nMục 2\n\nTrích dẫn."
        );
    }
}
