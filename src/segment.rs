//! Sentence segmentation for Vietnamese report prose.
//!
//! Works on one paragraph at a time and returns character spans. The scan runs over the
//! text's bytes (every mark it stops at but `…` is ASCII) and looks at whole characters
//! only around those stops, so it never decodes the text into a `Vec<char>`.
//! A sentence ends at `.`, `?`, `!`, `…` or `...` (plus any closing quotes or brackets
//! right after them) when what follows looks like the start of a new sentence. The
//! rules that keep a mark from ending a sentence:
//! - a `.` or `,` inside a number (`1.170`, `12.345.678`, `2,5`) or a name
//!   (`baogialai.com.vn`) has no space after it;
//! - title and place abbreviations (`TP.`, `PGS.TS.`, `ThS.`), and initials (`N.V.A.`)
//!   never end a sentence; `v.v.` ends one only before a capital;
//! - a list number (`1.`, `II.`) at the start of a sentence is not a sentence;
//! - `…` and `...` end a sentence only before a capitalised word or the paragraph end;
//! - nothing ends before a lowercase word;
//! - `;` and `:` never end a sentence.
//!
//! A line break inside a paragraph ends a sentence that has no final punctuation
//! when the line is heading-like (short, all capitals or a list item); longer lines
//! are treated as hard wraps of running text.

use crate::document::{Paragraph, Sentence, Span};
use crate::rules::Abbreviations;

/// Words a heading-like line may have at most.
const HEADING_MAX_WORDS: usize = 12;

/// Splits every paragraph span of `text` into sentences. Spans in and out are in
/// characters; the work inside is in bytes.
pub fn segment(text: &str, paragraphs: &[Span]) -> Vec<Paragraph> {
    let mut to_bytes = Cursor::new(text);
    let byte_spans: Vec<Span> = paragraphs
        .iter()
        .map(|p| {
            let start = to_bytes.byte_of(p.start);
            Span { start, end: to_bytes.byte_of(p.end.max(p.start)) }
        })
        .collect();
    let mut to_chars = Cursor::new(text);
    paragraphs
        .iter()
        .zip(byte_spans)
        .map(|(p, bytes)| Paragraph {
            start: p.start,
            end: p.end,
            sentences: split_paragraph(text, bytes)
                .into_iter()
                .map(|s| {
                    let start = to_chars.char_of(s.start);
                    let end = to_chars.char_of(s.end);
                    Sentence::new(text[s.start..s.end].to_string(), start, end)
                })
                .collect(),
        })
        .collect()
}

/// Converts between char and byte offsets of one text, walking forward from the last
/// offset asked (spans come in text order, so a cursor walks the text once).
pub(crate) struct Cursor<'a> {
    text: &'a str,
    byte: usize,
    char: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Cursor { text, byte: 0, char: 0 }
    }

    /// The byte offset of char offset `c` (the text's end past it).
    pub(crate) fn byte_of(&mut self, c: usize) -> usize {
        if c < self.char {
            *self = Cursor::new(self.text); // out of order: not expected, still correct
        }
        let bytes = self.text.as_bytes();
        let mut need = c - self.char;
        let mut b = self.byte;
        // Whole blocks while the target lies beyond them, then byte by byte.
        while let Some(block) = bytes.get(b..b + 64) {
            let starts = count_char_starts(block);
            if starts >= need {
                break;
            }
            need -= starts;
            b += 64;
        }
        while b < bytes.len() {
            if is_char_start(bytes[b]) {
                if need == 0 {
                    break;
                }
                need -= 1;
            }
            b += 1;
        }
        self.byte = b;
        self.char = c;
        b
    }

    /// The char offset of byte offset `b`, a char boundary.
    fn char_of(&mut self, b: usize) -> usize {
        if b < self.byte {
            *self = Cursor::new(self.text);
        }
        let starts = count_char_starts(&self.text.as_bytes()[self.byte..b]);
        self.byte = b;
        self.char += starts;
        self.char
    }
}

fn is_char_start(b: u8) -> bool {
    (b as i8) >= -0x40 // not a UTF-8 continuation byte (0b10xx_xxxx)
}

/// The top bit of each of eight bytes read as one word.
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Eight bytes (a `chunks_exact(8)` chunk) as one word, the first byte lowest. Always
/// inlined: left to the compiler it was not, and the segmenter lost 15%.
#[inline(always)]
fn word_of(chunk: &[u8]) -> u64 {
    u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]])
}

/// Chars that start in `bytes`, eight bytes at a time: a continuation byte is
/// `10xx_xxxx`, so its top bit is set and the next one clear.
fn count_char_starts(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut continuations = 0;
    for c in &mut chunks {
        let x = word_of(c);
        continuations += (x & !(x << 1) & HIGHS).count_ones() as usize;
    }
    let rest = chunks.remainder();
    bytes.len() - rest.len() - continuations + rest.iter().filter(|&&b| is_char_start(b)).count()
}

/// The first byte in `bytes` that may be a sentence mark: `.`, `?`, `!`, a line break or
/// 0xE2, the lead byte of `…`. Eight bytes at a time (a mark is rare), then the byte.
fn find_mark(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let has_byte = |x: u64, b: u8| {
        let v = x ^ (ONES * b as u64);
        v.wrapping_sub(ONES) & !v & HIGHS != 0
    };
    let is_mark = |b: u8| matches!(b, b'.' | b'?' | b'!' | b'\n' | 0xE2);
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let x = word_of(chunk);
        if has_byte(x, b'.') || has_byte(x, b'?') || has_byte(x, b'!') || has_byte(x, b'\n') || has_byte(x, 0xE2) {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| is_mark(b)).map(|k| at + k)
}

/// The sentence spans (bytes) of one paragraph `text[para.start..para.end]` (bytes,
/// char boundaries), trimmed, never empty.
pub fn split_paragraph(text: &str, para: Span) -> Vec<Span> {
    let end = para.end.min(text.len());
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut sent_start = para.start;
    let mut i = para.start;
    // 0xE2 leads `…` (and other marks, which are stepped over).
    while let Some(k) = find_mark(&bytes[i..end]) {
        i += k;
        let c = char_at(text, i);
        if is_terminal(c) {
            let run_end = scan(text, i, end, is_terminal);
            let after = scan(text, run_end, end, is_closer);
            if ends_sentence(text, sent_start, i, run_end, after, end) {
                push_trimmed(&mut out, text, sent_start, after);
                sent_start = after;
            }
            i = after.max(i + c.len_utf8());
        } else if c == '\n' {
            if line_break_ends_sentence(text, sent_start, i, end) {
                push_trimmed(&mut out, text, sent_start, i);
                sent_start = i + 1;
            }
            i += 1;
        } else {
            i += c.len_utf8();
        }
    }
    push_trimmed(&mut out, text, sent_start, end);
    out
}

/// The char starting at byte `i` (a space past the end, which ends nothing).
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// The char ending at byte `i`.
fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '\'' | ')' | ']' | '}' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '“' | '‘' | '"' | '\'' | '(' | '[' | '{' | '«')
}

fn is_bullet(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '•' | '+' | '*' | '·')
}

/// First byte offset at or after `from` (below `end`) whose char fails `pred`.
fn scan(text: &str, from: usize, end: usize, pred: impl Fn(char) -> bool) -> usize {
    text[from..end].char_indices().find(|&(_, c)| !pred(c)).map_or(end, |(k, _)| from + k)
}

fn next_non_space(text: &str, from: usize, end: usize) -> Option<usize> {
    let i = scan(text, from, end, char::is_whitespace);
    (i < end).then_some(i)
}

fn push_trimmed(out: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let piece = &text[start..end];
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = start + (piece.len() - piece.trim_start().len());
        out.push(Span { start: s, end: s + trimmed.len() });
    }
}

/// Whether the terminal run `text[run..run_end]` (closers up to `after`) ends the
/// sentence that started at `sent_start`.
fn ends_sentence(text: &str, sent_start: usize, run: usize, run_end: usize, after: usize, end: usize) -> bool {
    // An elision mark "(…)" or "[...]" is not a sentence end.
    if matches!(char_before(text, run), Some('(' | '[')) {
        return false;
    }
    let marks = &text[run..run_end];
    let ellipsis = !marks.contains(['?', '!']) && (marks.contains('…') || marks.chars().count() >= 2);

    if after < end && !char_at(text, after).is_whitespace() {
        // "1.170", "2,5", "com.vn", "PGS.TS.": a mark glued to what follows ends nothing,
        // except a plainly missing space between two sentences ("đồng.Ngoài ra").
        return marks == "."
            && after == run_end
            && char_before(text, run).is_some_and(char::is_lowercase)
            && starts_capitalised_word(text, after, end)
            && classify_token(text, sent_start, run).is_none();
    }
    let Some(next) = next_non_space(text, after, end) else {
        return true; // paragraph end
    };
    if ellipsis {
        return starts_capitalised_word(text, next, end);
    }
    if char_at(text, next).is_lowercase() {
        return false;
    }
    if marks == "." {
        match classify_token(text, sent_start, run) {
            Some(Token::Title | Token::Initials | Token::ListNumber) => return false,
            Some(Token::Continuation) => return starts_capitalised_word(text, next, end),
            None => {}
        }
    }
    true
}

/// A capital letter, possibly behind opening quotes or brackets.
fn starts_capitalised_word(text: &str, at: usize, end: usize) -> bool {
    let i = scan(text, at, end, is_opener);
    i < end && char_at(text, i).is_uppercase()
}

enum Token {
    Title,
    Initials,
    Continuation,
    ListNumber,
}

/// What the word right before the `.` at `dot` is, when it keeps the dot from ending a sentence.
fn classify_token(text: &str, sent_start: usize, dot: usize) -> Option<Token> {
    let start = text[sent_start..dot]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || is_opener(c))
        .map_or(sent_start, |(k, c)| sent_start + k + c.len_utf8());
    if start == dot {
        return None;
    }
    let token = &text[start..dot];
    // Abbreviations (data/rules/abbreviations.txt) are compared piece by piece, so
    // `PGS.TS.` and `ThS.BS.` are covered by their parts.
    let abbreviations = Abbreviations::builtin();
    if abbreviations.continuation.contains_lowercased(token) {
        return Some(Token::Continuation);
    }
    let pieces = || token.split('.').filter(|p| !p.is_empty());
    let count = pieces().count();
    if count == 0 {
        return None;
    }
    if pieces().all(|p| abbreviations.before_name(p)) {
        return Some(Token::Title);
    }
    let single_capital = |p: &str| {
        let mut cs = p.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
    };
    if count >= 2 && pieces().all(single_capital) {
        return Some(Token::Initials);
    }
    // "1." or "II." opening a sentence is a list number, not a sentence.
    let first_in_sentence = text[sent_start..start].trim().is_empty();
    let list_number = token.chars().all(|c| c.is_ascii_digit())
        || (token.len() <= 4 && token.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
        || (token.chars().count() == 1 && token.chars().all(|c| c.is_alphabetic()));
    if first_in_sentence && list_number {
        return Some(Token::ListNumber);
    }
    None
}

/// A line break at `nl` ends the current sentence when the line so far has no final
/// punctuation and is heading-like, or the line or the next one is a list item.
fn line_break_ends_sentence(text: &str, sent_start: usize, nl: usize, end: usize) -> bool {
    let line_start = text[sent_start..nl].rfind('\n').map_or(sent_start, |k| sent_start + k + 1);
    let line = text[line_start..nl].trim();
    if line.is_empty() {
        return false;
    }
    let Some(next) = next_non_space(text, nl + 1, end) else {
        return false; // paragraph end closes it anyway
    };
    let last = line.chars().last().unwrap_or(' ');
    if matches!(last, ',' | ';' | ':' | '-' | '–' | '(' | '“') {
        return false; // the text obviously goes on
    }
    let first_next = char_at(text, next);
    let next_is_item = is_bullet(first_next) || is_numbered_item(text, next, end);
    let this_is_item = line.starts_with(is_bullet) || {
        let s = next_non_space(text, line_start, nl).unwrap_or(nl);
        is_numbered_item(text, s, nl)
    };
    if next_is_item || this_is_item || is_dateline(text, next, end) {
        return true;
    }
    if !(first_next.is_uppercase() || first_next.is_ascii_digit() || is_opener(first_next)) {
        return false;
    }
    let words = line.split_whitespace().count();
    let all_caps = line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase);
    words <= HEADING_MAX_WORDS || all_caps
}

/// A line that is all one parenthesis holding a date, "(22/01/2024)" or "(Quảng Trị,
/// 22/01/2024)": the dateline under a headline, never the headline's continuation,
/// however long the headline.
fn is_dateline(text: &str, at: usize, end: usize) -> bool {
    if char_at(text, at) != '(' {
        return false;
    }
    let line_end = text[at..end].find('\n').map_or(end, |k| at + k);
    let line = text[at..line_end].trim_end();
    line.ends_with(')')
        && !line[1..].contains('(')
        && line.split_whitespace().count() <= HEADING_MAX_WORDS
        && line.chars().filter(char::is_ascii_digit).count() >= 4
}

/// "1." / "2)" / "a)" opening a line.
fn is_numbered_item(text: &str, at: usize, end: usize) -> bool {
    let digits = scan(text, at, end, |c| c.is_ascii_digit());
    let marker = if digits > at {
        digits
    } else if at < end && char_at(text, at).is_alphabetic() && char_at(text, at).is_lowercase() {
        at + char_at(text, at).len_utf8()
    } else {
        return false;
    };
    marker < end
        && matches!(char_at(text, marker), '.' | ')')
        && marker + 1 < end
        && char_at(text, marker + 1).is_whitespace()
        && (digits > at || char_at(text, marker) == ')')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Segments one paragraph and returns the sentence texts.
    fn sents(text: &str) -> Vec<String> {
        let n = text.chars().count();
        let paras = segment(text, &[Span { start: 0, end: n }]);
        let chars: Vec<char> = text.chars().collect();
        paras[0]
            .sentences
            .iter()
            .map(|s| {
                // The slice at the offsets is the sentence itself.
                let slice: String = chars[s.start..s.end].iter().collect();
                assert_eq!(slice, s.text);
                s.text.clone()
            })
            .collect()
    }

    #[test]
    fn plain_sentences_split() {
        assert_eq!(
            sents("Hội nghị đã thành công. Các đại biểu thống nhất cao."),
            ["Hội nghị đã thành công.", "Các đại biểu thống nhất cao."]
        );
    }

    #[test]
    fn a_dateline_in_parentheses_is_not_part_of_a_long_headline() {
        assert_eq!(
            sents(
                "Hội nghị tổng kết công tác bảo đảm trật tự an toàn giao thông trên địa bàn huyện năm 2024\n\
                 (22/01/2025)\nSáng 22/1, huyện tổ chức hội nghị."
            ),
            [
                "Hội nghị tổng kết công tác bảo đảm trật tự an toàn giao thông trên địa bàn huyện năm 2024",
                "(22/01/2025)",
                "Sáng 22/1, huyện tổ chức hội nghị."
            ]
        );
        assert_eq!(
            sents("Ban Chỉ huy Quân sự huyện ra quân huấn luyện năm 2025 tại thao trường xã Tân Lập mới\n(Kon Tum, 05/02/2025)"),
            ["Ban Chỉ huy Quân sự huyện ra quân huấn luyện năm 2025 tại thao trường xã Tân Lập mới", "(Kon Tum, 05/02/2025)"]
        );
        // A parenthesis that goes on in running text is no dateline.
        assert_eq!(
            sents("Kinh phí hỗ trợ được trích từ ngân sách tỉnh và nguồn xã hội hóa của các doanh nghiệp\n(khoảng 1.250 triệu đồng) đã được giải ngân."),
            ["Kinh phí hỗ trợ được trích từ ngân sách tỉnh và nguồn xã hội hóa của các doanh nghiệp\n(khoảng 1.250 triệu đồng) đã được giải ngân."]
        );
    }

    #[test]
    fn thousands_separator_does_not_split() {
        assert_eq!(
            sents("Khám bệnh cho 1.170 người dân. Tổng kinh phí 12.345.678 đồng."),
            ["Khám bệnh cho 1.170 người dân.", "Tổng kinh phí 12.345.678 đồng."]
        );
    }

    #[test]
    fn decimal_comma_does_not_split() {
        assert_eq!(
            sents("Tăng trưởng đạt 7,25%, vượt 0,5 điểm. Thu ngân sách đạt 1,2 tỷ đồng."),
            [
                "Tăng trưởng đạt 7,25%, vượt 0,5 điểm.",
                "Thu ngân sách đạt 1,2 tỷ đồng."
            ]
        );
    }

    #[test]
    fn sentence_ending_in_a_number_splits() {
        assert_eq!(
            sents("Số người được khám là 1.170. Năm nay tăng mạnh."),
            ["Số người được khám là 1.170.", "Năm nay tăng mạnh."]
        );
    }

    #[test]
    fn dates_and_times_do_not_split() {
        assert_eq!(
            sents("Sáng 28/11/2023, lúc 8h30, hội nghị khai mạc. Chiều 14 giờ 30 bế mạc."),
            [
                "Sáng 28/11/2023, lúc 8h30, hội nghị khai mạc.",
                "Chiều 14 giờ 30 bế mạc."
            ]
        );
    }

    #[test]
    fn place_abbreviations_do_not_split() {
        assert_eq!(
            sents("Hội nghị diễn ra tại TP. Pleiku và Q. Ba Đình, P. Yên Thế. Đoàn đã về."),
            ["Hội nghị diễn ra tại TP. Pleiku và Q. Ba Đình, P. Yên Thế.", "Đoàn đã về."]
        );
        assert_eq!(sents("Tại Tp. Hồ Chí Minh có mưa."), ["Tại Tp. Hồ Chí Minh có mưa."]);
    }

    #[test]
    fn title_abbreviations_do_not_split() {
        for title in ["TS.", "PGS.TS.", "ThS.", "GS.", "BS.", "ThS.BS.", "GS.TSKH."] {
            let text = format!("Dự có {title} Nguyễn Văn Hùng, chuyên gia. Hội nghị bắt đầu.");
            assert_eq!(
                sents(&text),
                [format!("Dự có {title} Nguyễn Văn Hùng, chuyên gia."), "Hội nghị bắt đầu.".into()],
                "{title}"
            );
        }
    }

    #[test]
    fn vv_continues_before_lowercase_and_ends_before_capital() {
        assert_eq!(
            sents("Gồm gạo, mì, nước uống v.v. đã được chuyển đến. Đoàn về."),
            ["Gồm gạo, mì, nước uống v.v. đã được chuyển đến.", "Đoàn về."]
        );
        assert_eq!(
            sents("Gồm gạo, mì, nước uống v.v. Đoàn về sau đó."),
            ["Gồm gạo, mì, nước uống v.v.", "Đoàn về sau đó."]
        );
    }

    #[test]
    fn initials_do_not_split() {
        assert_eq!(
            sents("Đối tượng N.V.A. (SN 1990) bị bắt. Vụ việc đang điều tra."),
            ["Đối tượng N.V.A. (SN 1990) bị bắt.", "Vụ việc đang điều tra."]
        );
        assert_eq!(
            sents("Anh T.V.B. Trú tại xã Ia Grai đã được cứu."),
            ["Anh T.V.B. Trú tại xã Ia Grai đã được cứu."]
        );
    }

    #[test]
    fn ellipsis_ends_only_before_capital_or_paragraph_end() {
        assert_eq!(
            sents("Thu giữ súng, đạn, vật liệu nổ... đã bàn giao. Tiếp tục truy quét…"),
            ["Thu giữ súng, đạn, vật liệu nổ... đã bàn giao.", "Tiếp tục truy quét…"]
        );
        assert_eq!(
            sents("Bảo đảm an toàn tuyệt đối… Năm 2024 tiếp tục."),
            ["Bảo đảm an toàn tuyệt đối…", "Năm 2024 tiếp tục."]
        );
        assert_eq!(
            sents("Các mặt công tác… đều đạt. Tốt."),
            ["Các mặt công tác… đều đạt.", "Tốt."]
        );
        // Before a number an ellipsis is a pause, not an end.
        assert_eq!(sents("Có tới... 1.200 người."), ["Có tới... 1.200 người."]);
        // An elision mark is not an end.
        assert_eq!(
            sents("Ông nói: “Chúng tôi (…) Sẽ cố gắng”."),
            ["Ông nói: “Chúng tôi (…) Sẽ cố gắng”."]
        );
    }

    #[test]
    fn closing_quote_or_bracket_belongs_to_the_sentence() {
        assert_eq!(
            sents("Đồng chí nói: “Phải hoàn thành nhiệm vụ.” Hội nghị nhất trí."),
            ["Đồng chí nói: “Phải hoàn thành nhiệm vụ.”", "Hội nghị nhất trí."]
        );
        assert_eq!(
            sents("Ông nhắc lại \"không để ai bị bỏ lại phía sau.\" Sau đó đoàn đi."),
            ["Ông nhắc lại \"không để ai bị bỏ lại phía sau.\"", "Sau đó đoàn đi."]
        );
        assert_eq!(
            sents("Xây dựng đơn vị (đạt chuẩn.) Các đơn vị ghi nhận."),
            ["Xây dựng đơn vị (đạt chuẩn.)", "Các đơn vị ghi nhận."]
        );
        assert_eq!(
            sents("Xây dựng đơn vị “Mẫu mực, tiêu biểu”. Đảng bộ vững mạnh."),
            ["Xây dựng đơn vị “Mẫu mực, tiêu biểu”.", "Đảng bộ vững mạnh."]
        );
    }

    #[test]
    fn colon_and_semicolon_never_split() {
        let text = "Trong đó đạt được một số kết quả nổi bật là: Nắm chắc tình hình; Hoàn thành diễn tập.";
        assert_eq!(sents(text), [text]);
    }

    #[test]
    fn question_and_exclamation_split() {
        assert_eq!(
            sents("Vì sao chưa đạt? Cần làm rõ! Hội nghị tiếp tục."),
            ["Vì sao chưa đạt?", "Cần làm rõ!", "Hội nghị tiếp tục."]
        );
        assert_eq!(sents("Có thật không?! Không."), ["Có thật không?!", "Không."]);
    }

    #[test]
    fn nothing_ends_before_a_lowercase_word() {
        assert_eq!(
            sents("Ông hỏi: “Có kịp không?” rồi đi tiếp. Xong."),
            ["Ông hỏi: “Có kịp không?” rồi đi tiếp.", "Xong."]
        );
    }

    #[test]
    fn heading_line_ends_at_line_break() {
        assert_eq!(
            sents("HỘI NGHỊ TỔNG KẾT CÔNG TÁC QUÂN SỰ\nSáng 28/11, hội nghị diễn ra."),
            ["HỘI NGHỊ TỔNG KẾT CÔNG TÁC QUÂN SỰ", "Sáng 28/11, hội nghị diễn ra."]
        );
        assert_eq!(
            sents("Kết quả nổi bật\nToàn tỉnh hoàn thành 100% chỉ tiêu."),
            ["Kết quả nổi bật", "Toàn tỉnh hoàn thành 100% chỉ tiêu."]
        );
    }

    #[test]
    fn hard_wrapped_running_text_is_joined() {
        let text = "Đồng chí Nguyễn Văn Hùng, Ủy viên Ban Thường vụ Tỉnh ủy, Chỉ huy trưởng Bộ Chỉ huy\nQuân sự tỉnh chủ trì hội nghị.";
        assert_eq!(sents(text), [text]);
        let text = "Toàn tỉnh đã hoàn thành\nchỉ tiêu giao quân.";
        assert_eq!(sents(text), [text]);
    }

    #[test]
    fn list_items_split_at_line_breaks() {
        assert_eq!(
            sents("Kết quả như sau:\n- Khám bệnh cho 1.170 người\n- Tặng 170 suất quà"),
            ["Kết quả như sau:\n- Khám bệnh cho 1.170 người", "- Tặng 170 suất quà"]
        );
        assert_eq!(
            sents("1. Tình hình chung\n2. Nhiệm vụ năm 2024"),
            ["1. Tình hình chung", "2. Nhiệm vụ năm 2024"]
        );
    }

    #[test]
    fn list_number_at_sentence_start_is_not_a_sentence() {
        assert_eq!(
            sents("II. Nhiệm vụ trọng tâm năm 2024 gồm ba nội dung."),
            ["II. Nhiệm vụ trọng tâm năm 2024 gồm ba nội dung."]
        );
    }

    #[test]
    fn missing_space_between_sentences_still_splits() {
        assert_eq!(
            sents("Tổng kinh phí 200 triệu đồng.Ngoài ra, đoàn còn tặng quà."),
            ["Tổng kinh phí 200 triệu đồng.", "Ngoài ra, đoàn còn tặng quà."]
        );
        assert_eq!(sents("Truy cập baogialai.com.vn để xem."), ["Truy cập baogialai.com.vn để xem."]);
    }

    #[test]
    fn sentence_opening_with_quote_or_digit_splits() {
        assert_eq!(
            sents("Hội nghị thành công. “Năm 2024 phải tốt hơn” là mục tiêu. 100% đơn vị đạt."),
            ["Hội nghị thành công.", "“Năm 2024 phải tốt hơn” là mục tiêu.", "100% đơn vị đạt."]
        );
    }

    #[test]
    fn unpunctuated_tail_is_a_sentence() {
        assert_eq!(sents("  Một câu. Câu không dấu  "), ["Một câu.", "Câu không dấu"]);
        assert!(sents("   ").is_empty());
    }

    #[test]
    fn char_starts_are_counted_in_any_block() {
        let text = "Đồng chí “Hùng” – 1.170 người… ok ừ ở đây ThS. Ngô";
        for a in 0..text.len() {
            for b in a..=text.len() {
                let want = text.as_bytes()[a..b].iter().filter(|&&x| is_char_start(x)).count();
                assert_eq!(count_char_starts(&text.as_bytes()[a..b]), want, "{a}..{b}");
            }
        }
    }

    #[test]
    fn offsets_are_character_offsets() {
        let text = "Đồng chí chủ trì. Ủy ban họp.";
        let paras = segment(text, &[Span { start: 0, end: text.chars().count() }]);
        let s = &paras[0].sentences[1];
        assert_eq!((s.start, s.end), (18, 29));
    }
}
