//! People in a sentence: their names, titles, rank and role at the event.
//!
//! A name is two to four capitalised syllables, found
//! - after an honorific ("đồng chí", "ông", "bà"), a rank ("Đại tá") or an academic
//!   title ("PGS.TS."), or
//! - after a title ("Bí thư Tỉnh ủy Hồ Văn Niên"), when it starts with a family name.
//!
//! Titles follow a name as "Name-Title, Title, …" or "Name, Title, …" and end at the
//! role verb or a clause boundary. The role comes from the sentence's verbs: chairs
//! ("chủ trì", "chủ tọa"), attendees ("dự", "tham dự"), speakers ("phát biểu", "yêu cầu").

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Chair,
    Attendee,
    Speaker,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    /// Character offsets of the name in the sentence.
    pub start: usize,
    pub end: usize,
    pub titles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub honorific: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

const HONORIFICS: &[&str] = &["đồng chí", "đ/c", "ông", "bà", "anh", "chị", "cụ", "nhà giáo", "nghệ nhân"];

const RANKS: &[&str] = &[
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
    "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy", "Chuẩn úy",
];

/// Academic and medical titles (their pieces, as in "PGS.TS.").
const DEGREES: &[&str] = &["gs", "pgs", "ts", "ths", "bs", "bsckii", "bscki", "ks", "cn", "tskh", "ds"];

/// Words that open a title ("Bí thư", "Phó Chủ tịch", "Giám đốc", …), lower case.
const TITLE_HEADS: &[&str] = &[
    "bí thư", "phó bí thư", "chủ tịch", "phó chủ tịch", "giám đốc", "phó giám đốc", "trưởng ban",
    "phó trưởng ban", "chỉ huy trưởng", "phó chỉ huy trưởng", "chính ủy", "phó chính ủy", "tư lệnh",
    "phó tư lệnh", "bộ trưởng", "thứ trưởng", "thủ tướng", "phó thủ tướng", "tỉnh trưởng",
    "phó tỉnh trưởng", "đại sứ", "tổng bí thư", "chủ nhiệm", "phó chủ nhiệm", "ủy viên", "uỷ viên",
    "trưởng đoàn", "đồn trưởng", "hiệu trưởng", "viện trưởng", "chánh", "trưởng phòng",
    "trưởng", "phó trưởng", "quyền chủ tịch", "phó", "đại biểu", "tổng giám đốc", "chánh văn phòng",
];

/// Vietnamese family names, and frequent ones of the ethnic minorities.
const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Trịnh", "Mai", "Trương", "Lâm", "Hà", "Cao",
    "Lương", "Tô", "Tạ", "Thái", "Kim", "Quách", "Vương", "Triệu", "Châu", "Lưu", "Phùng",
    "Âu", "Chu", "Giang", "Hứa", "Khổng", "La", "Lạc", "Lục", "Mạc", "Nông", "Quan", "Thân",
    "Tôn", "Tống", "Từ", "Vi", "Đàm", "Đào", "Đầu", "Đồng", "Kiều", "Lại", "Lã", "Lò", "Lữ",
    "Mẫn", "Ninh", "Phí", "Phó", "Tăng", "Thạch", "Tiêu", "Văn", "Vòng", "Y", "Ksor", "Rah",
    "Siu", "Rơ", "Nay", "Kpă", "Hầu", "Sùng", "Vàng", "Giàng", "Thào", "Mùa", "Lầu", "Bế", "Ma",
    "Hờ", "Cà", "Quàng", "Điêu", "Bạc", "Sầm", "Ông", "Doãn", "Diệp", "Ôn", "Khúc", "Bạch",
];

/// Capitalised words that never open a personal name here (bodies, titles, places).
const NOT_NAME: &[&str] = &[
    "Tỉnh", "Huyện", "Thành", "Thị", "Ủy", "Uỷ", "Ban", "Bộ", "Sở", "Hội", "Đảng", "Quân",
    "Công", "Nhà", "Việt", "Nam", "Trung", "Ương", "Chính", "Nhân", "Dân", "Quốc", "Chủ",
    "Phó", "Bí", "Giám", "Đốc", "Trưởng", "Tư", "Lệnh", "Tổng", "Cục", "Viện", "Trường",
    "Bệnh", "Đại", "Học", "Sư", "Đồn", "Biên", "Phòng", "Cảnh", "Sát", "Tổ", "Xã", "Phường",
    "Quận", "TP", "Ông", "Bà", "Dự", "Tham", "Cùng", "Theo", "Tại", "Sau", "Trong", "Năm",
    "Ngày", "Sáng", "Chiều", "Thượng", "Thiếu", "Khu", "Vùng", "Lễ", "Tết", "Xuân",
];

/// Capitalised words that end a name: a title starting without a comma.
const AFTER_NAME: &[&str] = &[
    "Bí", "Chủ", "Phó", "Giám", "Ủy", "Uỷ", "Trưởng", "Chỉ", "Chính", "Bộ", "Thứ", "Thủ", "Tổng",
    "Tỉnh", "Huyện", "Sở", "Ban", "Đảng", "UBND", "HĐND",
];

const CHAIR_VERBS: &[&str] = &["chủ trì", "chủ tọa", "chủ toạ", "đồng chủ trì", "điều hành"];
const ATTEND_VERBS: &[&str] = &["dự", "tham dự", "cùng dự", "đến dự", "có mặt", "tham gia", "tiếp"];
const SPEAK_VERBS: &[&str] = &[
    "phát biểu", "nhấn mạnh", "yêu cầu", "đề nghị", "kết luận", "chỉ đạo", "cho biết", "khẳng định",
    "đánh giá", "kêu gọi", "mong muốn", "căn dặn", "cam kết", "chia sẻ", "thông tin",
];

/// Words that end a title list: the role verbs and other clause verbs.
const TITLE_STOP: &[&str] = &[
    "chủ", "dự", "tham", "cùng", "phát", "nhấn", "yêu", "đề", "kết", "chỉ", "cho", "khẳng", "đánh",
    "kêu", "mong", "căn", "cam", "chia", "đã", "và", "làm", "dẫn", "tiếp", "đến", "thăm", "trao",
    "đồng", "điều", "thông", "có", "là", "được", "vừa", "sẽ", "đang", "nói", "bày", "gửi",
];

struct W {
    start: usize,
    end: usize,
    text: String,
    /// Punctuation right after the word.
    after: Option<char>,
}

fn words(chars: &[char]) -> Vec<W> {
    let mut out: Vec<W> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && !chars[end].is_whitespace() {
            end += 1;
        }
        // A spaced dash ("Niên - Ủy") is punctuation after the previous word.
        if end - i == 1 && matches!(chars[i], '-' | '–') {
            if let Some(last) = out.last_mut() {
                last.after.get_or_insert('-');
            }
            i = end;
            continue;
        }
        // "Niên-Ủy": a hyphen between a name and a capitalised title splits the word.
        let mut k = i;
        while k < end {
            let mut e = k;
            while e < end && !(matches!(chars[e], '-' | '–') && e + 1 < end && chars[e + 1].is_uppercase() && e > k) {
                e += 1;
            }
            let mut s = k;
            while s < e && matches!(chars[s], '(' | '“' | '"' | '‘') {
                s += 1;
            }
            let mut t = e;
            let mut after = (e < end).then_some('-');
            while t > s && matches!(chars[t - 1], ',' | ';' | ':' | '.' | ')' | '”' | '"' | '’' | '…' | '!' | '?') {
                if after.is_none() || chars[t - 1] != '.' {
                    after = Some(chars[t - 1]);
                }
                t -= 1;
            }
            if t > s {
                out.push(W { start: s, end: t, text: chars[s..t].iter().collect(), after });
            }
            k = e + 1;
        }
        i = end;
    }
    out
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_name_word(w: &W, first: bool) -> bool {
    let t = w.text.as_str();
    capitalised(t)
        && t.chars().all(|c| c.is_alphabetic() || c == '\'')
        && !(t.chars().count() > 1 && t.chars().all(char::is_uppercase))
        && !(first && NOT_NAME.contains(&t))
        && !(!first && AFTER_NAME.contains(&t))
}

/// The lower-cased phrase of words `a..b`.
fn phrase(ws: &[W], a: usize, b: usize) -> String {
    ws[a..b].iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether one of `list` starts at word `i`; returns its length in words.
fn starts_with(ws: &[W], i: usize, list: &[&str]) -> Option<usize> {
    list.iter()
        .filter_map(|p| {
            let n = p.split(' ').count();
            (i + n <= ws.len() && phrase(ws, i, i + n) == p.to_lowercase()
                && ws[i..i + n - 1].iter().all(|w| w.after.is_none()))
            .then_some(n)
        })
        .max()
}

/// A name of 2–4 words starting at `i` (not crossing punctuation).
fn name_at(ws: &[W], i: usize) -> Option<usize> {
    let mut n = 0;
    while i + n < ws.len() && n < 4 && is_name_word(&ws[i + n], n == 0) {
        n += 1;
        if ws[i + n - 1].after.is_some() {
            break;
        }
    }
    (n >= 2).then_some(n)
}

/// Every person named in `sentence`.
pub fn find_people(sentence: &str) -> Vec<Person> {
    let chars: Vec<char> = sentence.nfc().collect();
    let ws = words(&chars);
    let mut people: Vec<(usize, usize, Person)> = Vec::new(); // (first word, name end word, person)
    let mut i = 0;
    while i < ws.len() {
        let mut j = i;
        let mut honorific = None;
        let mut rank = None;
        if let Some(n) = starts_with(&ws, j, HONORIFICS) {
            honorific = Some(phrase(&ws, j, j + n));
            j += n;
        }
        if let Some(n) = starts_with(&ws, j, RANKS) {
            rank = Some(ws[j..j + n].iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "));
            j += n;
        }
        while j < ws.len() && is_degree(&ws[j].text) {
            j += 1;
        }
        let cued = j > i;
        let name_len = if cued {
            name_at(&ws, j)
        } else if SURNAMES.contains(&ws[i].text.as_str()) && follows_title(&ws, i) {
            name_at(&ws, i)
        } else {
            None
        };
        match name_len {
            Some(n) => {
                let name: String = chars[ws[j].start..ws[j + n - 1].end].iter().collect();
                let titles = titles_after(&ws, j + n);
                people.push((
                    i,
                    j + n,
                    Person {
                        name,
                        start: ws[j].start,
                        end: ws[j + n - 1].end,
                        titles,
                        rank,
                        honorific,
                        role: None,
                    },
                ));
                i = j + n;
            }
            None => i += 1,
        }
    }
    let roles: Vec<Option<Role>> = people.iter().map(|(first, end, _)| role_of(&ws, *first, *end)).collect();
    people
        .into_iter()
        .zip(roles)
        .map(|((_, _, mut p), r)| {
            p.role = r;
            p
        })
        .collect()
}

fn is_degree(w: &str) -> bool {
    let pieces: Vec<String> = w.split('.').filter(|p| !p.is_empty()).map(str::to_lowercase).collect();
    !pieces.is_empty() && pieces.iter().all(|p| DEGREES.contains(&p.as_str())) && w.chars().next().is_some_and(char::is_uppercase)
}

/// A family name right after a title phrase ("… Chủ tịch UBND tỉnh Trương Hải Long").
fn follows_title(ws: &[W], i: usize) -> bool {
    if i == 0 || ws[i - 1].after.is_some() {
        return false;
    }
    // Walk back over the title phrase (no punctuation) looking for its head.
    let lo = i.saturating_sub(10);
    for k in (lo..i).rev() {
        if ws[k].after.is_some() && k + 1 < i {
            break;
        }
        if starts_with(ws, k, TITLE_HEADS).is_some() && capitalised(&ws[k].text) {
            return true;
        }
        if ws[k].after.is_some() {
            break;
        }
    }
    false
}

/// Titles after a name: "-Title, Title" or ", Title, Title", up to a verb or clause end.
fn titles_after(ws: &[W], mut k: usize) -> Vec<String> {
    let mut titles = Vec::new();
    if k == 0 || !matches!(ws[k - 1].after, Some('-' | ',')) {
        return titles;
    }
    while k < ws.len() && capitalised(&ws[k].text) && !starts_honorific(ws, k) {
        let s = k;
        while k < ws.len() {
            let lw = ws[k].text.to_lowercase();
            if k > s && TITLE_STOP.contains(&lw.as_str()) && !capitalised(&ws[k].text) {
                break;
            }
            k += 1;
            if ws[k - 1].after.is_some() {
                break;
            }
        }
        let end = if k > s && k <= ws.len() && TITLE_STOP.contains(&ws[k.min(ws.len()) - 1].text.to_lowercase().as_str()) && !capitalised(&ws[k - 1].text) { k - 1 } else { k };
        if end > s {
            titles.push(ws[s..end].iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "));
        }
        if k == 0 || !matches!(ws[k - 1].after, Some(',')) || k >= ws.len() {
            break;
        }
    }
    titles
}

fn starts_honorific(ws: &[W], k: usize) -> bool {
    starts_with(ws, k, HONORIFICS).is_some() || starts_with(ws, k, RANKS).is_some()
}

/// The role of the person whose mention spans words `first..end`.
fn role_of(ws: &[W], first: usize, end: usize) -> Option<Role> {
    // A verb is lowercase mid-sentence; a capitalised match is part of a title
    // ("Trưởng Ban Chỉ đạo"), unless it opens the sentence or a clause ("Dự hội nghị có …").
    let is_verb = |k: usize| {
        !capitalised(&ws[k].text) || k == 0 || ws[k - 1].after.is_some_and(|c| c != '-')
    };
    let not_verb = |k: usize| {
        let next = ws.get(k + 1).map(|w| w.text.to_lowercase()).unwrap_or_default();
        let w = ws[k].text.to_lowercase();
        (w == "dự" && matches!(next.as_str(), "án" | "báo" | "toán" | "bị" | "kiến" | "thảo" | "trữ" | "phòng" | "khuyết"))
            || (w == "tiếp" && matches!(next.as_str(), "tục" | "nhận" | "cận" | "theo" | "thu" | "giáp"))
    };
    let find = |list: &[&str]| -> Vec<usize> {
        (0..ws.len()).filter(|&k| starts_with(ws, k, list).is_some() && is_verb(k) && !not_verb(k)).collect()
    };
    let chairs = find(CHAIR_VERBS);
    let attends = find(ATTEND_VERBS);
    let speaks = find(SPEAK_VERBS);
    // The nearest verb after the mention decides; "Dự … có X" / "Chủ trì … có X" before it.
    let next = |v: &[usize]| v.iter().copied().find(|&k| k >= end);
    let prev = |v: &[usize]| v.iter().copied().filter(|&k| k < first).last();
    let candidates = [
        (next(chairs.as_slice()), Role::Chair),
        (next(attends.as_slice()), Role::Attendee),
        (next(speaks.as_slice()), Role::Speaker),
    ];
    // "dự và chủ trì", "phát biểu và chủ trì": chairing wins within the clause.
    if let Some(k) = next(chairs.as_slice()) {
        if k - end <= 40 && ws[end.saturating_sub(1)..k].iter().all(|w| !matches!(w.after, Some(';' | '.' | ':'))) {
            return Some(Role::Chair);
        }
    }
    let after = candidates.iter().filter_map(|(k, r)| k.map(|k| (k, *r))).min_by_key(|(k, _)| *k);
    if let Some((k, r)) = after {
        // Another person between us and the verb takes it only if joined by "và".
        if k - end <= 40 {
            return Some(r);
        }
    }
    let before = [
        (prev(chairs.as_slice()), Role::Chair),
        (prev(attends.as_slice()), Role::Attendee),
        (prev(speaks.as_slice()), Role::Speaker),
    ];
    before.iter().filter_map(|(k, r)| k.map(|k| (k, *r))).max_by_key(|(k, _)| *k).map(|(_, r)| r)
}

/// The distinct people who chaired, in order of first mention.
pub fn chairs(sentences: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in sentences {
        for p in find_people(s) {
            if p.role == Some(Role::Chair) && !out.iter().any(|n| same_name(n, &p.name)) {
                out.push(p.name);
            }
        }
    }
    out
}

/// Names compared after NFC and case folding.
pub fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.nfc().collect::<String>().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Person {
        let p = find_people(s);
        assert_eq!(p.len(), 1, "{s}: {p:#?}");
        p.into_iter().next().unwrap()
    }

    #[test]
    fn name_dash_titles_chair() {
        let p = one("Đồng chí Hồ Văn Niên-Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh, Bí thư Đảng ủy Quân sự tỉnh chủ trì hội nghị.");
        assert_eq!(p.name, "Hồ Văn Niên");
        assert_eq!(p.role, Some(Role::Chair));
        assert_eq!(
            p.titles,
            ["Ủy viên Ban Chấp hành Trung ương Đảng", "Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh", "Bí thư Đảng ủy Quân sự tỉnh"]
        );
    }

    #[test]
    fn name_comma_titles_and_spaced_dash() {
        let p = one("Ông Nguyễn Lộc Hà, Phó Chủ tịch UBND tỉnh chủ trì hội nghị.");
        assert_eq!((p.name.as_str(), p.titles.as_slice()), ("Nguyễn Lộc Hà", ["Phó Chủ tịch UBND tỉnh".to_string()].as_slice()));
        let p = one("Đồng chí Trần Văn An - Bí thư Huyện ủy phát biểu.");
        assert_eq!((p.name.as_str(), p.role), ("Trần Văn An", Some(Role::Speaker)));
        assert_eq!(p.titles, ["Bí thư Huyện ủy"]);
    }

    #[test]
    fn rank_and_degree_cues() {
        let p = one("Dự hội nghị có Thiếu tướng Nguyễn Minh Hùng, Phó Tư lệnh Quân khu 5.");
        assert_eq!((p.name.as_str(), p.rank.as_deref(), p.role), ("Nguyễn Minh Hùng", Some("Thiếu tướng"), Some(Role::Attendee)));
        assert_eq!(one("PGS.TS. Đoàn Minh Huấn, Bí thư Tỉnh ủy chủ trì hội nghị.").name, "Đoàn Minh Huấn");
        assert_eq!(one("do BS. Nguyễn Văn Hải làm trưởng đoàn").name, "Nguyễn Văn Hải");
    }

    #[test]
    fn title_then_name() {
        let p = one("Bí thư Tỉnh ủy Hồ Văn Niên chủ trì hội nghị.");
        assert_eq!((p.name.as_str(), p.role), ("Hồ Văn Niên", Some(Role::Chair)));
        assert_eq!(one("Chủ tịch UBND tỉnh Trương Hải Long phát biểu chỉ đạo.").name, "Trương Hải Long");
    }

    #[test]
    fn ethnic_minority_names() {
        assert_eq!(one("Ông Rah Lan Chung, Chủ tịch UBND tỉnh chủ trì hội nghị.").name, "Rah Lan Chung");
        assert_eq!(one("Đồng chí Y Ngọc, Phó Bí thư Tỉnh ủy dự và chủ trì hội nghị.").name, "Y Ngọc");
        assert_eq!(one("Đến dự có Thượng tá Rơ Châm Ngheo, Phó Chỉ huy trưởng.").name, "Rơ Châm Ngheo");
    }

    #[test]
    fn bodies_and_places_are_not_people() {
        assert!(find_people("Tỉnh ủy Gia Lai và UBND tỉnh Hà Giang tổ chức hội nghị tại TP. Hồ Chí Minh.").is_empty());
        assert!(find_people("Dự hội nghị có lãnh đạo Bộ CHQS tỉnh, Công an tỉnh.").is_empty());
    }

    #[test]
    fn co_chairs_and_passive_chair() {
        let names = chairs(&["Ông Nguyễn Mạnh Hùng, Phó Chủ tịch UBND tỉnh Tây Ninh và ông Men Vibol, Tỉnh trưởng tỉnh Svay Rieng đồng chủ trì hội đàm."]);
        assert_eq!(names, ["Nguyễn Mạnh Hùng", "Men Vibol"]);
        assert_eq!(chairs(&["Hội nghị do đồng chí Lê Văn Tám chủ trì."]), ["Lê Văn Tám"]);
        assert_eq!(chairs(&["Cùng chủ trì có đồng chí Hoàng Nghĩa Hiếu, Phó Bí thư Thường trực Tỉnh ủy."]), ["Hoàng Nghĩa Hiếu"]);
    }

    #[test]
    fn chairing_wins_over_attending_in_one_clause() {
        assert_eq!(chairs(&["Đồng chí Y Ngọc, Phó Bí thư Tỉnh ủy dự và chủ trì hội nghị."]), ["Y Ngọc"]);
        assert_eq!(chairs(&["Đồng chí Nguyễn Đình Trung, Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị."]), ["Nguyễn Đình Trung"]);
        assert!(chairs(&["Đồng chí Trần Văn Chiến, Phó Chủ tịch UBND tỉnh dự và chỉ đạo cuộc diễn tập."]).is_empty());
    }

    #[test]
    fn names_compare_after_nfc_and_case_folding() {
        let nfd: String = "Hồ Văn Niên".nfd().collect();
        assert!(same_name(&nfd, "hồ văn niên"));
    }
}
