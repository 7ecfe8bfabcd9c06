//! Property tests (proptest) for the code that reads untrusted text: decoding and
//! ingest of every format, segmentation, numbers and figures, dates, people, the whole
//! no-model pipeline, and the Markdown and HTML writers.
//!
//! Each property runs a fixed number of cases fit for CI (see `config`); the
//! `PROPTEST_CASES` environment variable replaces that number, which is how
//! `scripts/fuzz.sh` soaks them. Failures are not persisted to files: a failing case is
//! printed, shrunk, and belongs in a plain regression `#[test]` at the end of this file.

use std::sync::{Once, OnceLock};

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use unicode_normalization::{is_nfc, UnicodeNormalization};

use vnbrief::brief::render::{escape_markdown, url_path, Templates};
use vnbrief::brief::{Briefing, DigestCount, DigestEntry, DigestPerson, Line, Summary};
use vnbrief::document::{Document, FigureFact, Format, Paragraph, Sentence, Span};
use vnbrief::extract::numbers::{find_figures, parse_number, parse_number_words, roman};
use vnbrief::extract::{dates::find_dates, extract, people, Facts, Resources};
use vnbrief::ingest::{self, encoding};
use vnbrief::segment::segment;
use vnbrief::stages::{read_document, Stages};
use vnbrief::timings::Timings;
use vnbrief::translate::{RulesTranslator, Translators};

// Configuration ---------------------------------------------------------------------------

/// `cases` per property unless `PROPTEST_CASES` says otherwise; no persistence files.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(cases);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn resources() -> &'static Resources {
    static RES: OnceLock<Resources> = OnceLock::new();
    RES.get_or_init(|| Resources::builtin().expect("builtin resources"))
}

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(Templates::builtin)
}

/// The no-model stages (rules translator, data-to-text summary), one per test thread:
/// `Stages` is not `Sync`.
fn stages() -> &'static Stages {
    thread_local! {
        static S: &'static Stages = Box::leak(Box::new({
            let rules = RulesTranslator::load(None).expect("rules translator");
            Stages::new(None, Resources::builtin().expect("resources"), Translators { rules, marian: None }, None)
        }));
    }
    S.with(|s| *s)
}

/// pdf-extract panics on some malformed files; `pdf::blocks` turns those panics into
/// errors, and this hook (the binary installs it too) keeps them off the test output.
fn quiet_pdf() {
    static ONCE: Once = Once::new();
    ONCE.call_once(ingest::pdf::quiet_reader_panics);
}

fn slice(chars: &[char], start: usize, end: usize) -> String {
    chars[start..end].iter().collect()
}

// Generators ------------------------------------------------------------------------------

const VIETNAMESE: &[&str] = &[
    "Đồng chí Hồ Văn Niên-Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị.",
    "Khám bệnh, cấp phát thuốc cho 1.170 người dân; tặng quà 170 hộ với tổng kinh phí gần 200 triệu đồng.",
    "Sáng 28/11, tại TP. Pleiku, UBND tỉnh tổ chức hội nghị tổng kết năm 2023.",
    "Tỷ lệ điều tra khám phá đạt 87,5%, vượt 2,5% so với chỉ tiêu; giảm 12 vụ.",
    "PGS.TS. Nguyễn Văn A phát biểu: “Phải làm tốt công tác dân vận…”",
    "Ngày 5 tháng 12 năm 2024, hai đơn vị ký kết; từ 10 đến 15 tấn gạo.",
    "Ông Trần Văn B, Phó Chủ tịch UBND huyện, và bà Lê Thị C dự hội nghị.",
];

/// Text biased toward what segmentation and extraction look at.
fn vi_text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            "Đồng chí", "Nguyễn Văn", "Hùng", "chủ trì", "hội nghị", "TP.", "PGS.TS.", "v.v.", "ThS.", "N.V.A.",
            "tỉnh", "Gia Lai", "ngày", "tháng", "năm", "sáng", "khoảng", "hơn", "gần", "từ", "đến", "người",
            "hộ", "triệu", "tỷ", "nghìn", "đồng", "USD", "hai", "mươi", "lăm", "mười", "trăm", "linh", "một",
            "II.", "1.", "a)", "-", "–", "•", "Bí thư", "Phó Chủ tịch", "UBND", "và", "ông", "bà", "dự",
        ]).prop_map(str::to_string),
        3 => prop::sample::select(vec![
            ".", "…", "...", "?", "!", ",", ";", ":", "“", "”", "\"", "'", "(", ")", "[", "]", "/", "%", "‰",
            "\n", "\n\n", " ", "  ", "\t", "\r\n",
        ]).prop_map(str::to_string),
        3 => vi_number(),
        1 => "[0-9./,%-]{1,8}",
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-ZĐđàáảãạăắằâầấêềếôồốơờớưừứ]{1,6}",
    ];
    prop::collection::vec((piece, prop::sample::select(vec!["", " ", " ", " ", "\n"])), 0..max)
        .prop_map(|parts| parts.into_iter().map(|(p, sep)| format!("{p}{sep}")).collect())
}

/// A number as Vietnamese writes it: `.` between thousands, `,` before decimals.
fn vi_number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..1_000_000_000_000).prop_map(group_thousands),
        ((0u64..100_000_000), "[0-9]{1,3}").prop_map(|(n, f)| format!("{},{f}", group_thousands(n))),
        (1u64..3000).prop_map(|n| n.to_string()),
        (1u32..31, 1u32..13).prop_map(|(d, m)| format!("{d}/{m}")),
        (1u32..200, 1u32..200).prop_map(|(a, b)| format!("{a}/{b}")),
        (1u32..100, 1u32..100).prop_map(|(a, b)| format!("{a}-{b}")),
    ]
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Bytes worth throwing at the decoders and the document readers.
fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    let fixtures: Vec<&'static [u8]> = vec![
        include_bytes!("fixtures/encodings/nfc.txt"),
        include_bytes!("fixtures/encodings/nfd.txt"),
        include_bytes!("fixtures/encodings/tcvn3.txt"),
        include_bytes!("fixtures/encodings/vni.txt"),
        include_bytes!("fixtures/encodings/viscii.txt"),
        include_bytes!("fixtures/encodings/windows-1258.txt"),
        include_bytes!("fixtures/encodings/utf16le.txt"),
        include_bytes!("fixtures/encodings/utf16be.txt"),
        include_bytes!("fixtures/encodings/utf8-bom.txt"),
        include_bytes!("fixtures/documents/report.docx"),
        include_bytes!("fixtures/documents/report.pdf"),
    ];
    let vi: Vec<Vec<u8>> = VIETNAMESE.iter().map(|s| s.as_bytes().to_vec()).collect();
    prop_oneof![
        2 => prop::collection::vec(any::<u8>(), 0..600),
        // Valid UTF-8 Vietnamese with some bytes flipped.
        3 => (prop::sample::select(vi), prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4))
            .prop_map(|(mut b, flips)| { flip(&mut b, &flips); b }),
        // Windows-1258 / TCVN3 / VNI / VISCII-looking: ASCII words and high bytes.
        3 => prop::collection::vec(prop_oneof![3 => 0x20u8..0x7F, 2 => 0x80u8..=0xFF, 1 => Just(b' '), 1 => Just(b'\n')], 0..400),
        // Truncated zip and PDF headers.
        1 => prop::collection::vec(any::<u8>(), 0..200).prop_map(|rest| [b"PK\x03\x04".as_slice(), &rest].concat()),
        1 => prop::collection::vec(any::<u8>(), 0..200).prop_map(|rest| [b"%PDF-1.".as_slice(), &rest].concat()),
        // Real documents, cut short and damaged.
        3 => (prop::sample::select(fixtures), any::<prop::sample::Index>(), prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3))
            .prop_map(|(f, cut, flips)| {
                let mut b = f[..cut.index(f.len() + 1)].to_vec();
                flip(&mut b, &flips);
                b
            }),
        2 => vi_text(40).prop_map(String::into_bytes),
    ]
}

fn flip(bytes: &mut [u8], flips: &[(prop::sample::Index, u8)]) {
    if bytes.is_empty() {
        return;
    }
    for (at, b) in flips {
        let i = at.index(bytes.len());
        bytes[i] = *b;
    }
}

const FORMATS: [Format; 5] = [Format::Text, Format::Markdown, Format::Html, Format::Docx, Format::Pdf];

// Shared checks ---------------------------------------------------------------------------

/// What `to_text` promises of a document it reads.
fn check_ingested(ing: &ingest::Ingested) -> Result<(), TestCaseError> {
    let n = ing.text.chars().count();
    prop_assert!(is_nfc(&ing.text), "not NFC: {:?}", ing.text);
    prop_assert!(!ing.text.contains('\r'), "CR left in {:?}", ing.text);
    prop_assert!(!ing.paragraphs.is_empty());
    let chars: Vec<char> = ing.text.chars().collect();
    let mut prev_end = 0;
    for p in &ing.paragraphs {
        prop_assert!(p.start < p.end && p.end <= n, "{p:?} in {n} chars");
        prop_assert!(p.start >= prev_end, "paragraphs overlap or go back: {:?}", ing.paragraphs);
        let text = slice(&chars, p.start, p.end);
        prop_assert!(!text.trim().is_empty(), "blank paragraph {p:?}");
        prev_end = p.end;
    }
    Ok(())
}

/// What segmentation promises: trimmed, non-empty sentences, in order, inside their
/// paragraph, each the text at its (character) offsets, and nothing but whitespace left
/// out between them.
fn check_segmented(text: &str, paras: &[Span], segmented: &[Paragraph]) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    prop_assert_eq!(segmented.len(), paras.len());
    for (p, seg) in paras.iter().zip(segmented) {
        prop_assert_eq!((seg.start, seg.end), (p.start, p.end));
        let mut pos = p.start;
        for s in &seg.sentences {
            prop_assert!(p.start <= s.start && s.start < s.end && s.end <= p.end, "sentence {}..{} outside {p:?}", s.start, s.end);
            prop_assert!(s.start >= pos, "sentences overlap or go back");
            prop_assert_eq!(&slice(&chars, s.start, s.end), &s.text);
            prop_assert!(!s.text.trim().is_empty(), "blank sentence");
            prop_assert!(!s.text.starts_with(char::is_whitespace) && !s.text.ends_with(char::is_whitespace), "untrimmed {:?}", s.text);
            let gap = slice(&chars, pos, s.start);
            prop_assert!(gap.trim().is_empty(), "text {gap:?} dropped between sentences");
            pos = s.end;
        }
        let gap = slice(&chars, pos, p.end.min(chars.len()));
        prop_assert!(gap.trim().is_empty(), "text {gap:?} dropped at the paragraph end");
    }
    Ok(())
}

/// A magnitude word, with the punctuation clinging to it ("13 .triệu") taken off.
fn is_magnitude(w: &str) -> bool {
    matches!(w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str(), "nghìn" | "ngàn" | "triệu" | "tỷ" | "tỉ")
}

/// What a figure promises of the sentence it was found in.
fn check_figures(sentence: &str) -> Result<(), TestCaseError> {
    let chars: Vec<char> = sentence.chars().collect();
    let figures = find_figures(sentence, &resources().figures);
    let mut prev_end = 0;
    for f in &figures {
        prop_assert!(f.start < f.end && f.end <= chars.len(), "{f:?}");
        prop_assert_eq!(&slice(&chars, f.start, f.end), &f.text, "{:?}", f);
        prop_assert!(f.start >= prev_end, "figures overlap or go back: {:?}", figures);
        prev_end = f.end;
        prop_assert!(f.value.is_finite() && f.value >= 0.0, "value {} in {f:?}", f.value);
        if let Some(to) = f.range_to {
            prop_assert!(to.is_finite() && to > f.value, "range {f:?}");
        }
        prop_assert!(!f.number.is_empty(), "no number: {f:?}");
        let n = parse_number(&f.number);
        if f.number.starts_with(|c: char| c.is_ascii_digit()) {
            // Digits: the number as written is in the figure's text and re-parses; the
            // value is that number unless magnitude words multiplied it ("200 triệu",
            // "5 tỷ 200 triệu").
            prop_assert!(f.text.contains(&f.number), "{f:?}");
            let Some(n) = n else { return Err(TestCaseError::fail(format!("number does not re-parse: {f:?}"))) };
            // The part of a ratio ends at its slash; the magnitude words after the whole
            // multiply it too ("1/13 triệu").
            let ratio_part = chars.get(f.end) == Some(&'/');
            let magnified = f.text.split_whitespace().any(is_magnitude) || ratio_part;
            prop_assert!(f.value == n || magnified, "value {} is not the number {n}: {f:?}", f.value);
        } else {
            // Words ("hai mươi lăm"): the words, joined by one space, re-parse to the value.
            // (Not compared with the text: the words may be split by any whitespace.)
            prop_assert_eq!(n, Some(f.value), "{:?}", f);
        }
    }
    Ok(())
}

fn check_dates(sentence: &str) -> Result<(), TestCaseError> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut prev_end = 0;
    for d in find_dates(sentence, &resources().dates) {
        prop_assert!(d.start < d.end && d.end <= chars.len(), "{d:?}");
        prop_assert_eq!(&slice(&chars, d.start, d.end), &d.text);
        prop_assert!(d.start >= prev_end, "dates overlap");
        prev_end = d.end;
        prop_assert!(d.day.is_some() || d.month.is_some() || d.year.is_some(), "{d:?}");
        prop_assert!(d.day.is_none_or(|x| (1..=31).contains(&x)), "{d:?}");
        prop_assert!(d.month.is_none_or(|x| (1..=12).contains(&x)), "{d:?}");
        prop_assert!(d.year.is_none_or(|x| (1900..=2100).contains(&x)), "{d:?}");
    }
    Ok(())
}

/// People: offsets into the NFC sentence, the name its words there.
fn check_people(sentence: &str) -> Result<(), TestCaseError> {
    let nfc: Vec<char> = sentence.nfc().collect();
    let mut prev_end = 0;
    for p in people::find_people(sentence, &resources().people) {
        prop_assert!(p.start < p.end && p.end <= nfc.len(), "{p:?}");
        prop_assert!(p.start >= prev_end, "people overlap");
        prev_end = p.end;
        prop_assert!(!p.name.trim().is_empty(), "{p:?}");
        // The name is its words as written there; a hyphen before a capital ("Niên-Ủy")
        // separates words like a space.
        let at = slice(&nfc, p.start, p.end);
        let words: Vec<&str> = at.split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—')).filter(|w| !w.is_empty()).collect();
        prop_assert_eq!(words.join(" "), p.name.clone(), "{:?} at {:?}", p, at);
    }
    Ok(())
}

/// Every fact of an extracted document points into its sentence's span of the text.
fn check_facts(doc: &Document, facts: &Facts) -> Result<(), TestCaseError> {
    let chars: Vec<char> = doc.text.chars().collect();
    let sentences: Vec<&Sentence> = doc.sentences().collect();
    let inside = |sentence: usize, start: usize, end: usize| {
        sentences.get(sentence).is_some_and(|s| s.start <= start && start < end && end <= s.end)
    };
    for f in &facts.figures {
        prop_assert!(inside(f.sentence, f.figure.start, f.figure.end), "{f:?}");
        prop_assert_eq!(&slice(&chars, f.figure.start, f.figure.end), &f.figure.text);
    }
    for d in &facts.dates {
        prop_assert!(inside(d.sentence, d.date.start, d.date.end), "{d:?}");
        prop_assert_eq!(&slice(&chars, d.date.start, d.date.end), &d.date.text);
    }
    for p in &facts.people {
        prop_assert!(inside(p.sentence, p.person.start, p.person.end), "{p:?}");
        prop_assert!(!p.person.name.is_empty());
    }
    for e in facts.organisations.iter().chain(&facts.places) {
        prop_assert!(inside(e.sentence, e.start, e.end), "{e:?}");
        prop_assert_eq!(&slice(&chars, e.start, e.end), &e.name);
    }
    for c in &facts.chairs {
        prop_assert!(facts.people.iter().any(|p| &p.person.name == c));
    }
    Ok(())
}

// Ingest ----------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(512))]

    /// Any bytes in any format: a reason, or NFC text with paragraphs inside it.
    #[test]
    fn ingest_any_bytes_in_any_format(bytes in hostile_bytes(), format in prop::sample::select(FORMATS.to_vec())) {
        quiet_pdf();
        match ingest::to_text(&bytes, format) {
            Err(reason) => prop_assert!(!reason.trim().is_empty(), "empty reason"),
            Ok(ing) => {
                check_ingested(&ing)?;
                let segmented = segment(&ing.text, &ing.paragraphs);
                check_segmented(&ing.text, &ing.paragraphs, &segmented)?;
            }
        }
    }

    /// Plain text that is valid UTF-8 always reads (unless blank or binary-looking), as itself up to NFC.
    #[test]
    fn utf8_text_reads_as_itself(text in vi_text(60)) {
        // The byte order mark is dropped twice: by the decoder (as bytes) and by `normalise`.
        let bomless = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        let bomless = bomless.strip_prefix('\u{FEFF}').unwrap_or(bomless);
        match ingest::to_text(text.as_bytes(), Format::Text) {
            Ok(ing) => {
                check_ingested(&ing)?;
                let expected: String = bomless.replace("\r\n", "\n").replace('\r', "\n").nfc().collect();
                prop_assert_eq!(ing.text, expected);
            }
            Err(reason) => prop_assert!(
                (bomless.trim().is_empty() && reason.contains("empty")) || reason.contains("binary"),
                "{reason} for {text:?}"
            ),
        }
    }

    /// The decoders: never panic; `decode`'s error is a reason; the one-byte tables give
    /// one character per byte; VNI gives NFC; ASCII (but VISCII's six C0 letters) is ASCII in all.
    #[test]
    fn legacy_decoders(bytes in hostile_bytes()) {
        match encoding::decode(&bytes) {
            Ok((text, _)) => prop_assert!(!text.is_empty() || bytes.is_empty() || bytes.len() <= 3),
            Err(reason) => prop_assert!(!reason.trim().is_empty()),
        }
        let tcvn3 = encoding::decode_tcvn3(&bytes);
        let viscii = encoding::decode_viscii(&bytes);
        let vni = encoding::decode_vni(&bytes);
        prop_assert_eq!(tcvn3.chars().count(), bytes.len());
        prop_assert_eq!(viscii.chars().count(), bytes.len());
        prop_assert!(is_nfc(&vni), "VNI output not NFC: {:?}", vni);
        prop_assert!(vni.chars().count() <= bytes.len());
        let viscii_low = [0x02u8, 0x05, 0x06, 0x14, 0x19, 0x1E];
        if bytes.iter().all(|b| b.is_ascii() && !viscii_low.contains(b)) {
            let ascii = std::str::from_utf8(&bytes).unwrap();
            prop_assert_eq!(&tcvn3, ascii);
            prop_assert_eq!(&viscii, ascii);
            prop_assert_eq!(&vni, ascii);
        }
    }

    /// `read_document` (ingest, then segment) in every format.
    #[test]
    fn read_document_any_bytes(bytes in hostile_bytes(), format in prop::sample::select(FORMATS.to_vec())) {
        quiet_pdf();
        let source = ingest::Source { path: "prop/input".into(), rel: "prop/input".into(), format };
        match read_document(&source, "input", &bytes, String::new(), &Timings::default()) {
            Err(e) => prop_assert!(!e.to_string().trim().is_empty()),
            Ok(doc) => {
                prop_assert!(is_nfc(&doc.text));
                let spans: Vec<Span> = doc.paragraphs.iter().map(|p| Span { start: p.start, end: p.end }).collect();
                check_segmented(&doc.text, &spans, &doc.paragraphs)?;
            }
        }
    }
}

// Segmentation ----------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(1024))]

    /// Over the paragraphs ingest finds, and over the whole text as one paragraph.
    #[test]
    fn segmentation_offsets(text in prop_oneof![vi_text(80), ".{0,200}"]) {
        let text = ingest::normalise(&text);
        let paras = ingest::text_paragraphs(&text);
        check_segmented(&text, &paras, &segment(&text, &paras))?;
        let whole = [Span { start: 0, end: text.chars().count() }];
        check_segmented(&text, &whole, &segment(&text, &whole))?;
    }
}

// Numbers and figures ---------------------------------------------------------------------

/// Canonical Roman numeral, written independently of the parser's.
fn to_roman(mut n: u32) -> String {
    let table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (v, r) in table {
        while n >= v {
            out.push_str(r);
            n -= v;
        }
    }
    out
}

/// 1..=999 in Vietnamese words, the way the parser documents them.
fn words_below_1000(n: u32) -> String {
    const UNITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut w: Vec<&str> = Vec::new();
    if h > 0 {
        w.extend([UNITS[h as usize], "trăm"]);
        if t == 0 && u > 0 {
            w.extend(["linh", UNITS[u as usize]]);
            return w.join(" ");
        }
    }
    match t {
        0 => {}
        1 => w.push("mười"),
        _ => w.extend([UNITS[t as usize], "mươi"]),
    }
    if u > 0 {
        let unit = match u {
            5 if t > 0 => "lăm",
            1 if t > 1 => "mốt",
            4 if t > 1 => "tư",
            _ => UNITS[u as usize],
        };
        w.push(unit);
    }
    w.join(" ")
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn parse_number_never_panics(s in prop_oneof![".{0,40}", "[0-9.,]{0,30}( (nghìn|triệu|tỷ))?", vi_text(6)]) {
        if let Some(v) = parse_number(&s) {
            prop_assert!(v.is_finite() && v >= 0.0, "{s:?} → {v}");
        }
        let words: Vec<&str> = s.split_whitespace().collect();
        if let Some((v, used)) = parse_number_words(&words) {
            prop_assert!(used >= 1 && used <= words.len());
            prop_assert!(v.is_finite() && v >= 0.0);
        }
    }

    /// Integers and decimals written the Vietnamese way read back as their value.
    #[test]
    fn formatted_numbers_reparse(n in any::<u64>(), frac in prop::option::of("[0-9]{1,6}"), mag in prop::option::of(prop::sample::select(vec![("nghìn", 1e3), ("triệu", 1e6), ("tỷ", 1e9)]))) {
        let written = match &frac {
            Some(f) => format!("{},{f}", group_thousands(n)),
            None => group_thousands(n),
        };
        let value: f64 = match &frac {
            Some(f) => format!("{n}.{f}").parse().unwrap(),
            None => n as f64,
        };
        prop_assert_eq!(parse_number(&written), Some(value), "{}", written);
        if let Some((word, m)) = mag {
            prop_assert_eq!(parse_number(&format!("{written} {word}")), Some(value * m));
        }
    }

    #[test]
    fn number_words_reparse(n in 1u32..1000, mag in prop::option::of(prop::sample::select(vec![("nghìn", 1e3), ("triệu", 1e6), ("tỷ", 1e9)]))) {
        let mut written = words_below_1000(n);
        let mut value = f64::from(n);
        if let Some((word, m)) = mag {
            written = format!("{written} {word}");
            value *= m;
        }
        prop_assert_eq!(parse_number(&written), Some(value), "{}", written);
    }

    #[test]
    fn roman_numerals(n in 1u32..4000, s in "[IVXLCDM]{0,10}") {
        prop_assert_eq!(roman(&to_roman(n)), Some(n));
        if let Some(v) = roman(&s) {
            prop_assert_eq!(to_roman(v), s);
        }
    }
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn figures_dates_people_in_any_sentence(s in prop_oneof![3 => vi_text(40), 1 => ".{0,120}", 1 => prop::sample::select(VIETNAMESE.to_vec()).prop_map(str::to_string)]) {
        // The pipeline's sentences are NFC; the extractors are given NFC here too, and
        // arbitrary text through the people finder (which normalises for itself).
        check_people(&s)?;
        let s: String = s.nfc().collect();
        check_figures(&s)?;
        check_dates(&s)?;
        check_people(&s)?;
    }
}

// The no-model pipeline and the writers ---------------------------------------------------

/// Element names the shipped HTML templates write.
const TEMPLATE_TAGS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "header", "h1", "p", "code", "main", "section", "h2", "span",
    "mark", "a", "h3", "ul", "li", "em", "small", "table", "tbody", "tr", "th", "td", "svg", "g", "text", "rect",
];

/// A digest entry whose every corpus value (date, province, person, counted unit) is `t`.
fn hostile_entry(doc: &Document, b: &Briefing, t: &str) -> DigestEntry {
    DigestEntry {
        id: doc.source.clone(),
        source: doc.source.clone(),
        labels: [1, 0, 0, 0],
        briefing: b.clone(),
        date: Some(t.to_string()),
        province: Some(t.to_string()),
        people: vec![DigestPerson { name: t.to_string(), name_en: t.to_string(), role: Some(vnbrief::document::facts::Role::Chair) }],
        counts: vec![DigestCount { value: 3.0, unit: t.to_string(), unit_en: Some(t.to_string()), text: t.to_string(), sentence: 0 }],
    }
}

/// Text as the DOM shows it, whitespace runs as one space (the HTML parser drops NULs).
fn ws_norm(s: &str) -> String {
    s.replace('\0', "").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_html(page: &str, texts: &[String]) -> Result<(), TestCaseError> {
    let dom = scraper::Html::parse_document(page);
    let mut styles = 0;
    for node in dom.tree.nodes() {
        if let scraper::Node::Element(el) = node.value() {
            let name = el.name();
            prop_assert!(name != "script", "a script element");
            prop_assert!(TEMPLATE_TAGS.contains(&name), "element <{name}> the templates never write");
            styles += usize::from(name == "style");
            for (attr, value) in el.attrs() {
                prop_assert!(!attr.to_ascii_lowercase().starts_with("on"), "attribute {attr}={value:?}");
                if attr == "href" {
                    prop_assert!(!value.trim_start().to_ascii_lowercase().starts_with("javascript:"), "href {value:?}");
                }
            }
        }
    }
    prop_assert_eq!(styles, 1, "one style element");
    let body = scraper::Selector::parse("body").unwrap();
    let body_text = dom.select(&body).next().map(|b| b.text().collect::<String>()).unwrap_or_default();
    let body_text = ws_norm(&body_text);
    for t in texts {
        let t = ws_norm(t);
        prop_assert!(body_text.contains(&t), "{t:?} not in the page text {body_text:?}");
    }
    Ok(())
}

/// Markdown the templates wrote: no raw HTML, only the template's links and code spans,
/// the expected headings and list items.
fn check_markdown(md: &str, links: usize, code: usize, headings: usize, items: usize) -> Result<(), TestCaseError> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let (mut l, mut c, mut h, mut i) = (0, 0, 0, 0);
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Html(x) | Event::InlineHtml(x) => return Err(TestCaseError::fail(format!("raw HTML {x:?} in {md}"))),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => l += 1,
            Event::Code(_) => c += 1,
            Event::Start(Tag::Heading { .. }) => h += 1,
            Event::Start(Tag::Item) => i += 1,
            _ => {}
        }
    }
    prop_assert_eq!((l, c, h, i), (links, code, headings, items), "links, code spans, headings, list items in\n{}", md);
    Ok(())
}

/// A piece of hostile text.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&", "&amp;", "&lt;", "\"", "'", "*", "**", "_",
            "|", "`", "```", "[x](y)", "![i](j)", "<http://x>", "# ", "\n", "\r", "\0", "\u{7}", "\u{202E}", "\u{200F}",
            "\u{FEFF}", "<!--", "-->", "</title>", "</style>", "javascript:", "{{ x }}", "{% if %}", "\\", "~", "> ",
            "- ", "1. ", "Đồng chí", "1.170", " ",
        ]).prop_map(str::to_string),
        any::<char>().prop_map(String::from),
        "[a-zA-Z ]{1,8}",
    ];
    prop::collection::vec(piece, 1..12).prop_map(|p| p.concat())
}

/// A document of one paragraph of hostile sentences, each with a figure, and a briefing
/// whose every line is hostile.
fn hostile_document() -> impl Strategy<Value = (Document, Facts, Briefing)> {
    (
        prop::collection::vec(hostile_text(), 1..4),
        hostile_text(),
        prop::collection::vec(hostile_text(), 0..4),
        hostile_text(),
        hostile_text(),
    )
        .prop_map(|(sentences, title, lines, summary, source)| {
            let mut text = String::new();
            let mut ss = Vec::new();
            let mut figures = Vec::new();
            for (k, s) in sentences.iter().enumerate() {
                if !text.is_empty() {
                    text.push(' ');
                }
                let start = text.chars().count();
                text.push_str(s);
                let end = text.chars().count();
                let fig_end = start + (end - start).div_ceil(2);
                figures.push(FigureFact {
                    figure: vnbrief::document::Figure {
                        start,
                        end: fig_end,
                        text: text.chars().skip(start).take(fig_end - start).collect(),
                        value: 1.0,
                        unit: None,
                        qualifier: None,
                        range_to: None,
                        number: "1".into(),
                    },
                    sentence: k,
                    label: None,
                });
                ss.push(Sentence::new(s.clone(), start, end));
            }
            let mut doc = Document::one_paragraph("id", text, ss);
            doc.source = source;
            let facts = Facts { figures, ..Facts::default() };
            let line = |t: &String, k: usize| Line { text: t.clone(), sentence: k % sentences.len(), figure: None };
            let briefing = Briefing {
                title,
                chaired_by: lines.iter().take(1).enumerate().map(|(k, t)| line(t, k)).collect(),
                attended_by: Vec::new(),
                key_figures: lines.iter().enumerate().map(|(k, t)| Line { figure: Some(k % sentences.len()), ..line(t, k) }).collect(),
                achievements: lines.iter().enumerate().map(|(k, t)| line(t, k)).collect(),
                directives: Vec::new(),
                summary: Summary { text: summary, method: "data-to-text:termbase".into() },
                line_method: "termbase".into(),
            };
            (doc, facts, briefing)
        })
}

proptest! {
    #![proptest_config(config(512))]

    /// Hostile text in every value the HTML templates print stays text.
    #[test]
    fn html_writers_keep_text_as_text((doc, facts, b) in hostile_document()) {
        let page = templates().briefing_html(&doc, &facts, &b).expect("renders");
        let mut texts: Vec<String> = doc.sentences().map(|s| s.text.clone()).collect();
        texts.push(doc.source.clone());
        // Lines are split at `*` (the italics of untranslated Vietnamese).
        texts.extend([&b.title, &b.summary.text].into_iter().chain(b.achievements.iter().map(|l| &l.text)).map(|t| t.replace('*', "")));
        check_html(&page, &texts)?;

        let entry = hostile_entry(&doc, &b, &doc.source);
        let digest = templates().digests(&[entry], false, true).expect("renders").1.expect("asked for");
        // The people index shows the name and its spelling.
        let mut shown = vec![b.title.replace('*', ""), doc.source.clone()];
        if !b.key_figures.is_empty() {
            shown.push(doc.source.clone()); // the figures table names the document by its id
        }
        check_html(&digest, &shown)?;
    }

    /// Hostile text in the Markdown templates: no raw HTML, no links or code spans but the
    /// template's, no headings or list items of its own.
    #[test]
    fn markdown_writers_keep_text_as_text((doc, facts, b) in hostile_document()) {
        let _ = facts;
        let md = templates().briefing_markdown(&doc, &b).expect("renders");
        let sections = [&b.chaired_by, &b.attended_by, &b.key_figures, &b.achievements, &b.directives];
        let lines: usize = sections.iter().map(|s| s.len()).sum();
        let headed = sections.iter().filter(|s| !s.is_empty()).count();
        check_markdown(&md, 0, 1, 2 + headed, lines)?;

        let entry = hostile_entry(&doc, &b, &doc.source);
        let digest = templates().digests(std::slice::from_ref(&entry), true, false).expect("renders").0.expect("asked for");
        // Links: the briefing, and the report the person chaired in the people index.
        // Headings: the title, the document, reports by month, people, all figures.
        check_markdown(&digest, 2, 1, 5, 1 + b.chaired_by.len())?;
    }

    /// `escape_markdown`: every special character behind a backslash, no line breaks, and
    /// (CommonMark) the escaped text reads back as exactly the text, with no markup, where
    /// the templates print values: mid-line, opening a line, as a list item's text.
    #[test]
    fn escape_markdown_escapes(s in prop_oneof![hostile_text(), ".{0,60}"]) {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        let e = escape_markdown(&s);
        prop_assert!(!e.contains(['\n', '\r']));
        let mut chars = e.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                let next = chars.next();
                prop_assert!(next.is_some_and(|n| "\\`*_[]<>|~#!&-+=.)".contains(n)), "stray backslash in {e:?}");
            } else {
                prop_assert!(!"`*_[]<>|~#!&".contains(c), "unescaped {c:?} in {e:?}");
            }
        }
        for (prefix, items) in [("x ", 0), ("", 0), ("- ", 1)] {
            let mut back = String::new();
            let mut seen = 0;
            for event in Parser::new(&format!("{prefix}{e}")) {
                match event {
                    Event::Text(t) => back.push_str(&t),
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                    Event::Start(Tag::List(None)) | Event::End(TagEnd::List(false) | TagEnd::Item) if items > 0 => {}
                    Event::Start(Tag::Item) if items > 0 => seen += 1,
                    Event::SoftBreak | Event::HardBreak => back.push(' '),
                    other => return Err(TestCaseError::fail(format!("{other:?} from {prefix:?} + {e:?}"))),
                }
            }
            prop_assert!(seen <= items, "{seen} list items from {prefix:?} + {e:?}");
            let shown = if prefix == "x " { format!("x {s}") } else { s.clone() };
            // NUL is the Markdown parser's business (dropped or U+FFFD), not the escaping's.
            let nul = |t: &str| t.replace(['\0', '\u{FFFD}'], "");
            let expected = ws_norm(&nul(&shown.replace(['\n', '\r'], " ")));
            prop_assert_eq!(ws_norm(&nul(&back)), expected, "{:?} + escaped {:?}", prefix, e);
        }
    }

    /// `url_path`: only unreserved characters, `%XX` and the kept slashes, and it decodes
    /// back to the path.
    #[test]
    fn url_path_encodes(path in prop_oneof![".{0,40}", "[a-zA-Z0-9 /%._~-]{0,30}", hostile_text()]) {
        let url = url_path(&path);
        prop_assert!(url.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b)), "{url}");
        prop_assert_eq!(url.matches('/').count(), path.matches('/').count());
        let bytes = url.as_bytes();
        let mut decoded = Vec::new();
        let mut k = 0;
        while k < bytes.len() {
            if bytes[k] == b'%' {
                let hex = std::str::from_utf8(&bytes[k + 1..k + 3]).unwrap();
                prop_assert!(hex.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)), "{url}");
                decoded.push(u8::from_str_radix(hex, 16).unwrap());
                k += 3;
            } else {
                decoded.push(bytes[k]);
                k += 1;
            }
        }
        prop_assert_eq!(String::from_utf8(decoded).unwrap(), path);
    }

    /// `same_name`: reflexive, symmetric, blind to NFC/NFD, case and spacing.
    #[test]
    fn same_name_is_an_equivalence(a in ".{0,20}", b in ".{0,20}") {
        prop_assert!(people::same_name(&a, &a));
        prop_assert_eq!(people::same_name(&a, &b), people::same_name(&b, &a));
        let nfd: String = a.nfd().collect();
        prop_assert!(people::same_name(&a, &nfd));
        let spaced = format!("  {}  ", a.split_whitespace().collect::<Vec<_>>().join("   "));
        prop_assert!(people::same_name(&a, &spaced));
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// The whole no-model pipeline (ingest, segment, extract, rules translation, the
    /// data-to-text briefing) on Vietnamese-looking text, then both writers.
    #[test]
    fn pipeline_and_writers(text in vi_text(120), format in prop::sample::select(vec![Format::Text, Format::Markdown, Format::Html])) {
        let source = ingest::Source { path: "prop/in.txt".into(), rel: "prop/in.txt".into(), format };
        let Ok(doc) = read_document(&source, "in", text.as_bytes(), String::new(), &Timings::default()) else {
            return Ok(());
        };
        let facts = extract(&doc, resources());
        check_facts(&doc, &facts)?;
        let mut docs = vec![doc];
        stages().process(&mut docs).expect("the rules stages run");
        let doc = &docs[0];
        let (facts, b) = (doc.facts.as_ref().unwrap(), doc.briefing.as_ref().unwrap());
        check_facts(doc, facts)?;
        let page = templates().briefing_html(doc, facts, b).expect("renders");
        let sentences: Vec<String> = doc.sentences().map(|s| s.text.clone()).collect();
        check_html(&page, &sentences)?;
        let md = templates().briefing_markdown(doc, b).expect("renders");
        prop_assert!(!md.is_empty());
        let entry = DigestEntry::of(doc, &vnbrief::extract::Resources::builtin().unwrap()).unwrap();
        let (markdown, html) = templates().digests(&[entry], true, true).expect("renders");
        check_html(&html.expect("asked for"), &[])?;
        prop_assert!(markdown.is_some());
    }
}

// Regressions found by the properties above -----------------------------------------------

/// A tone mark with no letter before it (U+0340 is U+0300 after NFC) panicked in
/// `text::split_tone` (an empty decomposition indexed at 0) as soon as any extractor
/// folded the word: one stray combining mark stopped the whole run.
#[test]
fn a_lone_tone_mark_is_a_word_like_any_other() {
    for text in ["\u{340}", "\u{300}", "Đồng chí \u{301} Hùng dự 5 \u{323}người."] {
        let source = ingest::Source { path: "in.txt".into(), rel: "in.txt".into(), format: Format::Text };
        let doc = read_document(&source, "in", text.as_bytes(), String::new(), &Timings::default()).expect("reads");
        let facts = extract(&doc, resources());
        assert!(facts.figures.len() <= 1, "{facts:?}");
        let mut docs = vec![doc];
        stages().process(&mut docs).expect("the rules stages run");
    }
    assert_eq!(vnbrief::text::fold("\u{300}"), "\u{300}");
}

/// "MMDCCCLXII" (2862) is ten letters: `roman` refused every numeral longer than nine,
/// though it promises 1 to 3999 (the longest, 3888, is fifteen).
#[test]
fn long_roman_numerals() {
    assert_eq!(roman("MMDCCCLXII"), Some(2862));
    assert_eq!(roman("MMMDCCCLXXXVIII"), Some(3888));
    assert_eq!(roman("MMMDCCCLXXXVIIII"), None);
}

/// A sign inside a digit word was deleted, so "0%0" read as the number "00" and "5%10" as 510.
#[test]
fn a_sign_inside_a_number_is_no_number() {
    let figures = |s: &str| find_figures(s, &resources().figures);
    assert!(figures("0%0").is_empty(), "{:?}", figures("0%0"));
    assert!(figures("tăng 5%10 hộ").is_empty(), "{:?}", figures("tăng 5%10 hộ"));
    assert!(figures("chuyển 5%/20 hộ").is_empty());
    // A range of percentages still reads.
    let range = figures("tăng 10%-15% so với");
    assert_eq!((range.len(), range[0].value, range[0].range_to), (1, 10.0, Some(15.0)), "{range:?}");
}

/// Markdown read values as markup: an entity (`&amp;` shown as `&`), a list marker or
/// code-block indent opening the summary or a list item, and blank italics (`* *`).
#[test]
fn markdown_values_open_no_block() {
    assert_eq!(escape_markdown("R&D &amp; co"), "R\\&D \\&amp; co");
    assert_eq!(escape_markdown("- a"), "\\- a");
    assert_eq!(escape_markdown("12. b"), "12\\. b");
    assert_eq!(escape_markdown("3) c"), "3\\) c");
    assert_eq!(escape_markdown("    code"), " code");
    assert_eq!(escape_markdown("1.170 people"), "1.170 people");
    let (doc, b) = (
        Document::one_paragraph("d", "Câu.".into(), vec![Sentence::new("Câu.".into(), 0, 4)]),
        Briefing {
            title: "T".into(),
            chaired_by: vec![Line::new("- nested".into(), 0)],
            attended_by: Vec::new(),
            key_figures: Vec::new(),
            achievements: vec![Line::new("a * * b *c * d".into(), 0)],
            directives: Vec::new(),
            summary: Summary { text: "* *".into(), method: "m".into() },
            line_method: "termbase".into(),
        },
    );
    let md = templates().briefing_markdown(&doc, &b).unwrap();
    assert!(md.contains("- \\- nested [s1]\n"), "{md}");
    assert!(md.contains("- a   b *c* d [s1]\n"), "{md}");
    assert!(md.ends_with("## Summary\n\n \n") || md.ends_with("## Summary\n\n "), "{md:?}");
}

/// An opening quote standing alone was dropped from the people finder's words, so a name
/// ran over it: "ông A “ A" gave the person "A A" at "A “ A".
#[test]
fn a_name_does_not_run_over_a_lone_quote() {
    for s in ["ông A “ A", "ông Nguyễn “ Văn Hùng", "đồng chí Lê Minh ( Hoàng"] {
        let found = people::find_people(s, &resources().people);
        for p in &found {
            let at: String = s.chars().skip(p.start).take(p.end - p.start).collect();
            assert!(!at.contains(['“', '(']), "{s}: {p:?}");
        }
    }
}
