//! Dates: "Sáng 28/11", "ngày 15/12/2023", "28-11-2023", "ngày 5 tháng 12 năm 2024",
//! "tháng 11/2023", "tháng 11 năm 2023", "năm 2023". Each with its parts checked (month
//! 1–12, day 1–31, year 1900–2100); a number pair that fails is not a date ("24/24 giờ",
//! "20/24 chỉ tiêu").
//!
//! The words around a date (parts of the day, span words) are `DateWords`, from
//! `data/rules/dates.txt`.

pub use crate::document::facts::DateMention;
pub use crate::rules::DateWords;
use crate::phrases::{words, Word};

fn valid(day: Option<u32>, month: Option<u32>, year: Option<i32>) -> bool {
    day.is_none_or(|d| (1..=31).contains(&d))
        && month.is_none_or(|m| (1..=12).contains(&m))
        && year.is_none_or(|y| (1900..=2100).contains(&y))
}

type Parts = (Option<u32>, Option<u32>, Option<i32>);

/// "28/11", "15/12/2023", "28-11-2023", "11/2023" (month and year): the parts, when
/// valid, and whether the form says by itself that it is a date (it has a year).
fn numeric_date(w: &str) -> Option<(Parts, bool)> {
    let parts: Vec<&str> = w.split(['/', '-']).collect();
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let n = |k: usize| parts.get(k).and_then(|p| p.parse::<u32>().ok());
    let found = match parts.len() {
        2 if parts[1].len() == 4 => (None, n(0), n(1).map(|y| y as i32)),
        2 => (n(0), n(1), None),
        _ if parts[2].len() == 4 => (n(0), n(1), n(2).map(|y| y as i32)),
        _ => return None,
    };
    // A day or month written with more than two digits is not one.
    if parts.len() == 3 && (parts[0].len() > 2 || parts[1].len() > 2) || parts.len() == 2 && parts[0].len() > 2 {
        return None;
    }
    valid(found.0, found.1, found.2).then_some((found, found.2.is_some()))
}

/// A number word of one or two digits ("5", "12"), or a four-digit year.
fn small(ws: &[Word], k: usize) -> Option<u32> {
    ws.get(k).filter(|w| w.text.len() <= 2).and_then(|w| w.text.parse().ok())
}

fn year(ws: &[Word], k: usize) -> Option<i32> {
    ws.get(k).filter(|w| w.text.len() == 4).and_then(|w| w.text.parse().ok())
}

/// Every date in a sentence, left to right.
pub fn find_dates(sentence: &str, rules: &DateWords) -> Vec<DateMention> {
    let chars: Vec<char> = sentence.chars().collect();
    let ws = words(&chars);
    let lower: Vec<String> = ws.iter().map(|w| crate::text::fold(&w.text)).collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        match date_at(rules, &chars, &ws, &lower, k) {
            Some((d, next)) => {
                out.push(d);
                k = next;
            }
            None => k += 1,
        }
    }
    out
}

/// A date starting at word `k` (its part of day, lead word or number); returns it and
/// the word after it.
fn date_at(rules: &DateWords, chars: &[char], ws: &[Word], lower: &[String], k: usize) -> Option<(DateMention, usize)> {
    // Words `a..b` run on with no punctuation between them.
    let joined = |a: usize, b: usize| b <= ws.len() && (a..b.saturating_sub(1)).all(|x| !ws[x].trailing);
    let mut at = k;
    let mut part = None;
    for p in rules.parts_of_day.starting_with(&lower[k]) {
        let n = p.split(' ').count();
        if joined(k, k + n) && lower[k..k + n].iter().map(String::as_str).eq(p.split(' ')) {
            part = Some(p.to_string());
            at = k + n;
            break;
        }
    }
    // "Sáng nay (28/11)", "Chiều hôm nay", "Sáng ngày 28/11".
    if part.is_some() {
        while at < ws.len() && !ws[at - 1].trailing && matches!(lower[at].as_str(), "nay" | "hôm") {
            at += 1;
        }
    }
    let lead = lower.get(at).map(String::as_str).unwrap_or("");
    let (parts, end): (Parts, usize) = match lead {
        "ngày" | "mùng" | "mồng" if joined(at, at + 2) => {
            if let Some((p, _)) = numeric_date(&ws[at + 1].text) {
                // "ngày 15/12/2023"
                (p, at + 2)
            } else {
                // "ngày 5 tháng 12 năm 2024", "ngày 5 tháng 12"
                let d = small(ws, at + 1)?;
                if !(joined(at, at + 4) && lower[at + 2] == "tháng") {
                    return None;
                }
                let m = small(ws, at + 3)?;
                match year_after(ws, lower, at + 4) {
                    Some(y) => ((Some(d), Some(m), Some(y)), at + 6),
                    None => ((Some(d), Some(m), None), at + 4),
                }
            }
        }
        "tháng" if joined(at, at + 2) => {
            if let Some(((None, m, y), _)) = numeric_date(&ws[at + 1].text) {
                // "tháng 11/2023"
                ((None, m, y), at + 2)
            } else {
                // "tháng 11 năm 2023", "tháng 11"; not "3 tháng 5 ngày" (a duration).
                let m = small(ws, at + 1)?;
                if at > 0 && ws[at - 1].text.starts_with(|c: char| c.is_ascii_digit()) {
                    return None;
                }
                match year_after(ws, lower, at + 2) {
                    Some(y) => ((None, Some(m), Some(y)), at + 4),
                    None => ((None, Some(m), None), at + 2),
                }
            }
        }
        "năm" => ((None, None, Some(year_after(ws, lower, at)?)), at + 2),
        _ => {
            // A bare "28/11" is a date after a part of day, in brackets ("(28/11)"),
            // after a span word, or with its year.
            let (p, has_year) = numeric_date(ws.get(at)?.text.as_str())?;
            let bracketed = ws[at].start > 0 && chars[ws[at].start - 1] == '(';
            let after_span = at > 0 && !ws[at - 1].trailing && rules.date_before.contains(&lower[at - 1]);
            if !(has_year || part.is_some() || bracketed || after_span) {
                return None;
            }
            (p, at + 1)
        }
    };
    if !valid(parts.0, parts.1, parts.2) {
        return None;
    }
    let (s, e) = (ws[k].start, ws[end - 1].end);
    let (day, month, year) = parts;
    Some((DateMention { start: s, end: e, text: chars[s..e].iter().collect(), day, month, year, part_of_day: part }, end))
}

/// The year in "năm 2023" with "năm" at word `k`.
fn year_after(ws: &[Word], lower: &[String], k: usize) -> Option<i32> {
    if lower.get(k).is_some_and(|w| w == "năm") && !ws[k].trailing {
        year(ws, k + 1).filter(|y| valid(None, None, Some(*y)))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_dates(s: &str) -> Vec<DateMention> {
        super::find_dates(s, &crate::extract::test_resources().dates)
    }

    fn parts(s: &str) -> Vec<(Option<u32>, Option<u32>, Option<i32>)> {
        find_dates(s).iter().map(|d| (d.day, d.month, d.year)).collect()
    }

    fn texts(s: &str) -> Vec<String> {
        find_dates(s).into_iter().map(|d| d.text).collect()
    }

    #[test]
    fn part_of_day_with_day_and_month() {
        let d = &find_dates("Sáng 28/11, tại TP. Pleiku")[0];
        assert_eq!((d.text.as_str(), d.day, d.month, d.part_of_day.as_deref()), ("Sáng 28/11", Some(28), Some(11), Some("sáng")));
        assert_eq!((d.start, d.end), (0, 10));
        assert_eq!(find_dates("Rạng sáng 2/11, tàu cá gặp nạn")[0].part_of_day.as_deref(), Some("rạng sáng"));
        assert_eq!(texts("Chiều nay (28/11), hội nghị"), ["Chiều nay (28/11"]);
        assert_eq!(texts("Sáng ngày 28/11"), ["Sáng ngày 28/11"]);
    }

    #[test]
    fn day_month_year_with_slashes_or_dashes() {
        assert_eq!(parts("ngày 15/12/2023 hội nghị"), [(Some(15), Some(12), Some(2023))]);
        assert_eq!(texts("ngày 15/12/2023 hội nghị"), ["ngày 15/12/2023"]);
        assert_eq!(parts("hạn chót 28-11-2023."), [(Some(28), Some(11), Some(2023))]);
        assert_eq!(parts("ký ngày 2/9"), [(Some(2), Some(9), None)]);
    }

    #[test]
    fn day_month_year_in_words() {
        assert_eq!(parts("ngày 5 tháng 12 năm 2024"), [(Some(5), Some(12), Some(2024))]);
        assert_eq!(texts("Hà Nội, ngày 5 tháng 12 năm 2024."), ["ngày 5 tháng 12 năm 2024"]);
        assert_eq!(parts("ngày 5 tháng 12 tới"), [(Some(5), Some(12), None)]);
    }

    #[test]
    fn month_and_year() {
        assert_eq!(parts("trong tháng 11/2023"), [(None, Some(11), Some(2023))]);
        assert_eq!(texts("trong tháng 11/2023"), ["tháng 11/2023"]);
        assert_eq!(parts("từ tháng 11 năm 2023"), [(None, Some(11), Some(2023))]);
        assert_eq!(parts("trong tháng 11, tỉnh"), [(None, Some(11), None)]);
    }

    #[test]
    fn years() {
        assert_eq!(parts("Năm 2023, tỉnh đạt"), [(None, None, Some(2023))]);
        assert_eq!(texts("Năm 2023, tỉnh đạt"), ["Năm 2023"]);
        assert!(find_dates("năm nay").is_empty());
        assert!(find_dates("5 năm 2 tháng").is_empty());
    }

    #[test]
    fn bare_day_month_needs_context() {
        assert_eq!(parts("từ 20/9 đến 22/9"), [(Some(20), Some(9), None), (Some(22), Some(9), None)]);
        assert_eq!(parts("trước 31/12 phải xong"), [(Some(31), Some(12), None)]);
        assert!(find_dates("giảm 1/2 số hộ").is_empty());
    }

    #[test]
    fn invalid_or_non_dates_are_skipped() {
        assert!(find_dates("trực 24/24 giờ").is_empty());
        assert!(find_dates("đạt 20/24 chỉ tiêu").is_empty());
        assert!(find_dates("ngày 45/13").is_empty());
        assert!(find_dates("ngày 32 tháng 1").is_empty());
        assert_eq!(parts("tháng 13 năm 2023"), [(None, None, Some(2023))]);
        assert!(find_dates("năm 1850").is_empty());
        assert!(find_dates("ngày 15/12/2300").is_empty());
        assert!(find_dates("Sáng nay, hội nghị").is_empty());
    }
}
