//! Vietnamese numbers and the figures they state.
//!
//! Number rules: `.` groups thousands and `,` marks decimals (`1.170` is 1170, `2,5` is
//! 2.5); magnitude words multiply (`200 triệu` is 200 000 000, `3 nghìn tỷ` is 3·10¹²);
//! number words count when they count something (`hai đơn vị` is 2). A figure is a
//! number that counts or measures; years, dates, times, and numbers that are part of a
//! name (`Quân khu 5`, `Nghị quyết Trung ương 8`, `bão số 3`, `lần thứ 28`) are not.

use serde::{Deserialize, Serialize};

/// How the text qualifies a value; the value itself is kept as stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// khoảng, chừng, ước, xấp xỉ
    Approximately,
    /// gần
    Nearly,
    /// hơn, trên
    MoreThan,
    /// dưới, chưa đến
    LessThan,
    /// ít nhất, tối thiểu, từ … trở lên
    AtLeast,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Character offsets into the sentence, from the qualifier to the end of the unit.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: f64,
    /// `%`, `đồng`, `USD`, or the counted noun phrase ("người dân", "hộ gia đình").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// Upper end of a range ("từ 10 đến 15", "60 - 70 km").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range_to: Option<f64>,
    /// The number as written, before magnitude words ("200" of "200 triệu").
    pub number: String,
}

/// Parses a written number: digits with Vietnamese separators, or number words.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.chars().next()?.is_ascii_digit() {
        parse_digits(s)
    } else {
        let words: Vec<&str> = s.split_whitespace().collect();
        parse_number_words(&words).filter(|&(_, used)| used == words.len()).map(|(v, _)| v)
    }
}

/// `1.170`, `12.345.678`, `2,5`, `1.234,56`. A `.` followed by exactly three digits
/// groups thousands; otherwise it is read as a decimal point (English style).
fn parse_digits(s: &str) -> Option<f64> {
    if !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let (int_part, frac_part) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int_part.split('.').collect();
    let mut frac_digits = frac_part.map(str::to_string);
    let int_digits = if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) && !groups[0].is_empty() && groups[0].len() <= 3 {
        groups.concat()
    } else if groups.len() == 2 && frac_part.is_none() {
        frac_digits = Some(groups[1].to_string());
        groups[0].to_string()
    } else if groups.len() == 1 {
        groups[0].to_string()
    } else {
        return None;
    };
    if int_digits.is_empty() || frac_digits.as_ref().is_some_and(|f| f.is_empty() || !f.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let text = match frac_digits {
        Some(f) => format!("{int_digits}.{f}"),
        None => int_digits,
    };
    text.parse().ok()
}

fn unit_word(w: &str) -> Option<f64> {
    Some(match w {
        "không" => 0.0,
        "một" | "mốt" => 1.0,
        "hai" => 2.0,
        "ba" => 3.0,
        "bốn" | "tư" => 4.0,
        "năm" | "lăm" | "nhăm" => 5.0,
        "sáu" => 6.0,
        "bảy" | "bẩy" => 7.0,
        "tám" => 8.0,
        "chín" => 9.0,
        _ => return None,
    })
}

fn magnitude(w: &str) -> Option<f64> {
    Some(match w {
        "nghìn" | "ngàn" => 1e3,
        "triệu" => 1e6,
        "tỷ" | "tỉ" => 1e9,
        _ => return None,
    })
}

/// Number words from the start of `words`: the value and how many words it used.
/// "hai mươi lăm" 25, "một trăm linh năm" 105, "ba nghìn" 3000, "mười" 10.
pub fn parse_number_words(words: &[&str]) -> Option<(f64, usize)> {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut total = 0.0; // completed groups (thousands, millions, …)
    let mut group = 0.0; // the group under construction, < 1000
    let mut last = 0.0; // the last unit, waiting for mươi/trăm
    let mut used = 0;
    let mut any = false;
    for (i, w) in lower.iter().enumerate() {
        let w = w.as_str();
        match w {
            "mười" => {
                group += 10.0;
                last = 0.0;
            }
            "mươi" if last > 0.0 => {
                group += last * 10.0 - last;
                last = 0.0;
            }
            "trăm" if last > 0.0 => {
                group += last * 100.0 - last;
                last = 0.0;
            }
            "linh" | "lẻ" if any => {}
            _ => {
                if let Some(u) = unit_word(w) {
                    // "lăm"/"mốt" only after tens; "tư" only after tens too.
                    if matches!(w, "lăm" | "nhăm" | "mốt" | "tư") && group < 10.0 {
                        break;
                    }
                    group += u;
                    last = u;
                } else if let Some(m) = magnitude(w) {
                    if !any {
                        break;
                    }
                    total = (total + group) * m;
                    group = 0.0;
                    last = 0.0;
                } else {
                    break;
                }
            }
        }
        any = true;
        used = i + 1;
    }
    (any && used > 0).then_some((total + group, used))
}

use crate::phrases::{words, Word};

/// Words (lower case) after which a number is part of a name, not a quantity.
const NAME_BEFORE: &[&str] = &[
    "khu", "đoàn", "đội", "lộ", "ương", "số", "thứ", "khóa", "khoá", "thị", "quyết", "định", "án",
    "điều", "khoản", "chương", "mục", "y", "tổ", "ấp", "thôn", "phường", "quận", "đường", "sn",
    "tàu", "hạng", "cấp", "độ", "động", "kỳ", "phố", "tư", "nghị", "luật", "tầng", "phòng", "km",
    "lô", "căn", "hẻm", "kiệt", "ngõ", "ngách", "dk",
];

/// Words after which a number is a position in a ranking, not a count.
const ORDINAL_BEFORE: &[&str] = &["thứ", "top"];

/// Words that end a counted noun phrase.
const PHRASE_STOP: &[&str] = &[
    "và", "với", "cho", "của", "trên", "tại", "đạt", "được", "trong", "ở", "từ", "đến", "là",
    "có", "đã", "đang", "sẽ", "bị", "so", "tăng", "giảm", "vượt", "mỗi", "gồm", "theo", "về",
    "do", "nhằm", "để", "khi", "thì", "mà", "nhưng", "hoặc", "hay", "còn", "cùng", "tới",
    "vào", "ra", "lên", "qua", "sau", "trước", "bằng", "như", "này", "đó", "các", "những",
    "hơn", "gần", "khoảng", "trở", "chiếm", "tương", "lần", "thuộc", "tham", "trị", "tổng",
];

/// Counted nouns that a number word must be followed by to count as a quantity.
const COUNTED_NOUNS: &[&str] = &[
    "đơn", "đoàn", "khâu", "người", "hộ", "xã", "huyện", "tỉnh", "ngày", "tháng", "năm",
    "lần", "đợt", "vụ", "đối", "cuộc", "nội", "chỉ", "nhiệm", "lĩnh", "tiêu", "giải", "trường",
    "em", "cháu", "bệnh", "công", "dự", "căn", "ngôi", "tấn", "nước", "cấp", "lực", "chương",
    "nhóm", "mặt", "điểm", "tuyến", "cơ", "đồn", "đồng", "triệu", "tỷ", "nghìn", "trăm", "mươi",
    "tuần", "giờ", "phút", "bản", "làng", "thôn", "ấp", "chiếc", "con", "suất", "phần", "ca",
    "tổ", "chi", "đảng", "hội", "cán", "chiến", "học", "sinh", "thanh", "tân", "mô", "chương",
];

const MONEY_WORDS: &[&str] = &["đồng", "vnđ", "vnd", "đ"];

/// Every figure in a sentence, left to right.
pub fn find_figures(sentence: &str) -> Vec<Figure> {
    let chars: Vec<char> = sentence.chars().collect();
    let ws = words(&chars);
    let lower: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match figure_at(&chars, &ws, &lower, i) {
            Some((fig, next)) => {
                out.push(fig);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// A figure whose number starts at word `i`; returns it and the next word to look at.
fn figure_at(chars: &[char], ws: &[Word], lower: &[String], i: usize) -> Option<(Figure, usize)> {
    let w = &ws[i];
    let first = w.text.chars().next()?;
    let (mut value, number, mut j, mut percent) = if first.is_ascii_digit() {
        let (digits, pct) = match w.text.strip_suffix('%') {
            Some(d) => (d, true),
            None => (w.text.as_str(), false),
        };
        let v = parse_digits(digits)?;
        if is_not_a_quantity(ws, lower, i, digits, pct) {
            return None;
        }
        (v, digits.to_string(), i + 1, pct)
    } else {
        // Number words: only when a counted noun follows.
        if lower[i] == "một" || (i > 0 && lower[i - 1] == "năm" && lower[i] == "năm") {
            return None;
        }
        let slice: Vec<&str> = lower[i..].iter().map(String::as_str).collect();
        let (v, used) = parse_number_words(&slice)?;
        let next = lower.get(i + used)?;
        if ws[i + used - 1].trailing || !COUNTED_NOUNS.contains(&next.as_str()) {
            return None;
        }
        // "năm" alone is the year word far more often than five.
        if used == 1 && lower[i] == "năm" {
            return None;
        }
        let number = ws[i..i + used].iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
        (v, number, i + used, false)
    };

    // Range: "10 - 15", "10-15", "từ 10 đến 15".
    let mut range_to = None;
    if !ws[j - 1].trailing && !percent {
        if let Some(k) = (j < ws.len()).then_some(j) {
            let dash = matches!(lower[k].as_str(), "-" | "–");
            let to = lower[k] == "đến" && i > 0 && lower[i - 1] == "từ";
            if (dash || to) && k + 1 < ws.len() {
                let core = ws[k + 1].text.strip_suffix('%').unwrap_or(&ws[k + 1].text);
                if let Some(v2) = parse_digits(core) {
                    if v2 > value && !(is_year(core) && is_year(&number)) {
                        range_to = Some(v2);
                        percent |= ws[k + 1].text.ends_with('%');
                        j = k + 2;
                    }
                }
            }
        }
    }

    // Magnitude words: "200 triệu", "3 nghìn tỷ".
    let mut multiplier = 1.0;
    while j < ws.len() && !ws[j - 1].trailing {
        match magnitude(&lower[j]) {
            Some(m) if first.is_ascii_digit() || multiplier > 1.0 => {
                multiplier *= m;
                j += 1;
            }
            _ => break,
        }
    }
    value *= multiplier;
    let range_to = range_to.map(|v| v * multiplier);

    // Unit.
    let mut unit = None;
    if percent {
        unit = Some("%".to_string());
    } else if j < ws.len() && !ws[j - 1].trailing && lower[j] == "phần" && lower.get(j + 1).is_some_and(|w| w == "trăm") {
        unit = Some("%".to_string());
        j += 2;
    } else if j < ws.len() && !ws[j - 1].trailing && MONEY_WORDS.contains(&lower[j].as_str()) {
        unit = Some("đồng".to_string());
        j += 1;
    } else if j < ws.len() && !ws[j - 1].trailing && (lower[j] == "usd" || lower[j] == "đô") {
        unit = Some("USD".to_string());
        j += 1;
    } else if j < ws.len() && !ws[j - 1].trailing {
        let mut k = j;
        while k < ws.len() && k - j < 5 && !PHRASE_STOP.contains(&lower[k].as_str()) && !starts_number(&ws[k].text) {
            k += 1;
            if ws[k - 1].trailing {
                break;
            }
        }
        if k > j {
            let phrase: String = chars[ws[j].start..ws[k - 1].end].iter().collect();
            // A unit glued to a slash ("tạ/ha") stays whole; a lone lowercase word is the noun.
            unit = Some(phrase);
            j = k;
        }
    }
    // A year-like number with no unit and no magnitude is a year after all.
    if unit.is_none() && multiplier == 1.0 && is_year(&number) {
        return None;
    }

    let (qualifier, start_word) = qualifier_before(lower, i);
    let start = ws[start_word].start;
    let end = ws[j - 1].end;
    let mut qualifier = qualifier;
    if j + 1 < ws.len() + 1 && lower.get(j).is_some_and(|w| w == "trở") && lower.get(j + 1).is_some_and(|w| w == "lên") {
        qualifier = Some(Qualifier::AtLeast);
    }
    Some((
        Figure {
            start,
            end,
            text: chars[start..end].iter().collect(),
            value,
            unit,
            qualifier,
            range_to,
            number,
        },
        j,
    ))
}

fn starts_number(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn is_year(digits: &str) -> bool {
    digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) && (1900..=2100).contains(&digits.parse::<u32>().unwrap_or(0))
}

/// Years, dates, times, names and ordinals.
fn is_not_a_quantity(ws: &[Word], lower: &[String], i: usize, digits: &str, percent: bool) -> bool {
    let w = &ws[i].text;
    // Dates and times: "28/11", "8h30", "24/24", "3h".
    if w.contains('/') || w.contains('-') && w.chars().filter(|c| c.is_ascii_digit()).count() > 4 {
        return true;
    }
    if w.chars().any(|c| c.is_alphabetic()) && !percent {
        return true; // "8h30", "DK1", "35-CT/TW"
    }
    if percent {
        return false;
    }
    // "2021 - 2025": a span of years.
    if is_year(digits) && lower.get(i + 1).is_some_and(|n| n == "-" || n == "–") {
        return true;
    }
    let prev = i.checked_sub(1).map(|p| lower[p].as_str()).unwrap_or("");
    let prev2 = i.checked_sub(2).map(|p| lower[p].as_str()).unwrap_or("");
    // "năm 2024", "tháng 11", "ngày 5", "giờ": calendar words before the number.
    if matches!(prev, "năm" | "tháng" | "ngày" | "quý" | "mùa" | "vụ" | "niên" | "kỳ" | "đêm" | "sáng" | "chiều" | "tối" | "trưa") && !ws[i - 1].trailing {
        return prev != "năm" || is_year(digits) || lower.get(i + 1).is_none_or(|n| !COUNTED_NOUNS.contains(&n.as_str()));
    }
    // Money and magnitudes are quantities whatever precedes them ("khẩn cấp 3,5 tỷ đồng").
    let next = lower.get(i + 1).map(String::as_str).unwrap_or("");
    let measured = magnitude(next).is_some() || MONEY_WORDS.contains(&next) || next == "usd";
    if i > 0 && !ws[i - 1].trailing && !measured && (NAME_BEFORE.contains(&prev) || ORDINAL_BEFORE.contains(&prev)) {
        // "5 km" has no name before; "Quốc lộ 1" has "lộ"; "xếp thứ 6" has "thứ".
        return true;
    }
    // A number right after a capitalised word mid-sentence is part of a name ("Quân khu 5"
    // is caught above; "Đội K92", "Tàu SAR 413", "BV 5129").
    if i > 0 && !ws[i - 1].trailing {
        let p = &ws[i - 1].text;
        if p.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) && p.chars().any(char::is_alphabetic) {
            return true;
        }
    }
    // "giờ 30" in "14 giờ 30".
    if prev == "giờ" || lower.get(i + 1).is_some_and(|n| n == "giờ") && lower.get(i + 2).is_some_and(|n| starts_number(n)) {
        return true;
    }
    let _ = prev2;
    false
}

/// A qualifier right before the number, and the word the figure then starts at.
fn qualifier_before(lower: &[String], i: usize) -> (Option<Qualifier>, usize) {
    let one = |k: usize| i.checked_sub(k).map(|p| lower[p].as_str());
    match (one(2), one(1)) {
        (Some("ít"), Some("nhất")) => return (Some(Qualifier::AtLeast), i - 2),
        (Some("chưa"), Some("đến" | "tới")) => return (Some(Qualifier::LessThan), i - 2),
        (Some("gần"), Some("như")) => return (Some(Qualifier::Nearly), i - 2),
        _ => {}
    }
    let q = match one(1) {
        Some("khoảng" | "chừng" | "ước" | "xấp" | "xấp xỉ" | "độ") => Qualifier::Approximately,
        Some("gần") => Qualifier::Nearly,
        Some("hơn" | "trên") => Qualifier::MoreThan,
        Some("dưới") => Qualifier::LessThan,
        Some("tối" | "tối thiểu") => Qualifier::AtLeast,
        _ => return (None, i),
    };
    (Some(q), i - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(s: &str) -> Vec<f64> {
        find_figures(s).iter().map(|f| f.value).collect()
    }

    fn one(s: &str) -> Figure {
        let f = find_figures(s);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        f.into_iter().next().unwrap()
    }

    #[test]
    fn digit_formats() {
        assert_eq!(parse_number("1.170"), Some(1170.0));
        assert_eq!(parse_number("12.345.678"), Some(12345678.0));
        assert_eq!(parse_number("2,5"), Some(2.5));
        assert_eq!(parse_number("1.234,56"), Some(1234.56));
        assert_eq!(parse_number("98,6"), Some(98.6));
        assert_eq!(parse_number("17"), Some(17.0));
        assert_eq!(parse_number("1..2"), None);
    }

    #[test]
    fn number_words() {
        assert_eq!(parse_number("hai mươi lăm"), Some(25.0));
        assert_eq!(parse_number("một trăm linh năm"), Some(105.0));
        assert_eq!(parse_number("ba nghìn"), Some(3000.0));
        assert_eq!(parse_number("mười"), Some(10.0));
        assert_eq!(parse_number("mười hai"), Some(12.0));
        assert_eq!(parse_number("bốn mươi mốt"), Some(41.0));
        assert_eq!(parse_number("hai trăm ba mươi tư"), Some(234.0));
    }

    #[test]
    fn counts_with_their_nouns() {
        let f = one("khám bệnh, cấp phát thuốc cho 1.170 người dân;");
        assert_eq!((f.value, f.unit.as_deref(), f.text.as_str()), (1170.0, Some("người dân"), "1.170 người dân"));
        let f = one("thăm, tặng quà cho 170 hộ gia đình chính sách, hộ nghèo");
        assert_eq!(f.unit.as_deref(), Some("hộ gia đình chính sách"));
        assert_eq!(one("an táng 22 hài cốt liệt sĩ quân tình nguyện").value, 22.0);
    }

    #[test]
    fn percentages() {
        let f = one("toàn tỉnh đã hoàn thành 100% chỉ tiêu giao quân");
        assert_eq!((f.value, f.unit.as_deref()), (100.0, Some("%")));
        assert_eq!(one("tăng trưởng đạt 7,25%.").value, 7.25);
        assert_eq!(one("đạt 95 phần trăm kế hoạch").unit.as_deref(), Some("%"));
    }

    #[test]
    fn money_and_magnitudes() {
        let f = one("với tổng kinh phí gần 200 triệu đồng;");
        assert_eq!((f.value, f.unit.as_deref(), f.qualifier), (200e6, Some("đồng"), Some(Qualifier::Nearly)));
        assert_eq!(f.text, "gần 200 triệu đồng");
        assert_eq!(one("hỗ trợ 1,2 tỷ đồng").value, 1.2e9);
        assert_eq!(one("mỗi suất trị giá 500.000 đồng").value, 500000.0);
        assert_eq!(one("thu 3 nghìn tỷ đồng").value, 3e12);
        assert_eq!(one("trị giá 50 triệu VNĐ").unit.as_deref(), Some("đồng"));
        assert_eq!(one("đạt 650 triệu USD").unit.as_deref(), Some("USD"));
        assert_eq!(one("hơn 3 nghìn lượt người").value, 3000.0);
        assert_eq!(one("hỗ trợ khẩn cấp 3,5 tỷ đồng").value, 3.5e9);
    }

    #[test]
    fn qualifiers() {
        assert_eq!(one("khoảng 3.800 ha lúa").qualifier, Some(Qualifier::Approximately));
        assert_eq!(one("hơn 300 cán bộ").qualifier, Some(Qualifier::MoreThan));
        assert_eq!(one("trên 95% đại biểu").qualifier, Some(Qualifier::MoreThan));
        assert_eq!(one("dưới 5 tuổi").qualifier, Some(Qualifier::LessThan));
        assert_eq!(one("ít nhất 2 lần").qualifier, Some(Qualifier::AtLeast));
        assert_eq!(one("tăng từ 8% trở lên").qualifier, Some(Qualifier::AtLeast));
    }

    #[test]
    fn ranges() {
        let f = one("từ 10 đến 15 đơn vị");
        assert_eq!((f.value, f.range_to), (10.0, Some(15.0)));
        let f = one("xâm nhập sâu khoảng 60 - 70 km");
        assert_eq!((f.value, f.range_to, f.unit.as_deref()), (60.0, Some(70.0), Some("km")));
    }

    #[test]
    fn number_words_as_quantities() {
        assert_eq!(values("đã kiện toàn hai đơn vị"), [2.0]);
        assert_eq!(values("chú trọng thực hiện ba khâu đột phá"), [3.0]);
        assert_eq!(values("trong hai ngày 6 và 7/12"), [2.0]);
        assert!(values("một số địa phương còn hạn chế").is_empty());
        assert!(values("năm nay tỉnh đạt kết quả tốt").is_empty());
        assert!(values("hằng năm tổ chức").is_empty());
    }

    #[test]
    fn years_dates_and_times_are_not_figures() {
        assert!(values("Năm 2023, Đảng ủy Quân sự tỉnh tham mưu").is_empty());
        assert!(values("Sáng 28/11, tại TP. Pleiku").is_empty());
        assert!(values("ngày 15/12/2023 lúc 8h30").is_empty());
        assert!(values("lúc 14 giờ 30").is_empty());
        assert!(values("giai đoạn 2021 - 2025").is_empty());
        assert!(values("nhiệm kỳ 2025–2030").is_empty());
        assert!(values("trực 24/24 giờ").is_empty());
        assert_eq!(values("tổng kết 10 năm thực hiện"), [10.0]);
    }

    #[test]
    fn numbers_in_names_are_not_figures() {
        assert!(values("thực hiện Nghị quyết Trung ương 8 (khóa XI)").is_empty());
        assert!(values("Sư đoàn 320 và Quân khu 5").is_empty());
        assert!(values("trên Quốc lộ 14 do bão số 3").is_empty());
        assert!(values("hội nghị lần thứ 28").is_empty());
        assert!(values("Chỉ thị 35-CT/TW của Bộ Chính trị").is_empty());
        assert!(values("tàu SAR 413 và nhà giàn DK1").is_empty());
        assert!(values("xếp thứ 6 cả nước").is_empty());
    }

    #[test]
    fn shared_sample_yields_its_12_gold_figures() {
        let sentences = crate::extract::SHARED_SAMPLE;
        let figs: Vec<Figure> = sentences.iter().flat_map(|s| find_figures(s)).collect();
        let got: Vec<f64> = figs.iter().map(|f| f.value).collect();
        assert_eq!(got, [17.0, 3.0, 10.0, 100.0, 100.0, 3.0, 1170.0, 170.0, 200e6, 22.0, 15.0, 3.0], "{figs:#?}");
        let units: Vec<Option<&str>> = figs.iter().map(|f| f.unit.as_deref()).collect();
        assert_eq!(units[3], Some("%"));
        assert_eq!(units[4], Some("%"));
        assert_eq!(units[8], Some("đồng"));
    }
}
