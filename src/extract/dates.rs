//! Dates: "Sáng 28/11", "ngày 15/12/2023", "ngày 5 tháng 12 năm 2024", "tháng 11/2023",
//! "năm 2023". Each with its parts checked (month 1–12, day 1–31, year 1900–2100).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Character offsets into the sentence.
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// sáng, trưa, chiều, tối, đêm, rạng sáng.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of_day: Option<String>,
}

const PARTS_OF_DAY: &[&str] = &["rạng sáng", "sáng", "trưa", "chiều", "tối", "đêm"];

fn valid(day: Option<u32>, month: Option<u32>, year: Option<i32>) -> bool {
    day.is_none_or(|d| (1..=31).contains(&d))
        && month.is_none_or(|m| (1..=12).contains(&m))
        && year.is_none_or(|y| (1900..=2100).contains(&y))
}

/// Every date in a sentence, left to right.
pub fn find_dates(sentence: &str) -> Vec<DateMention> {
    let chars: Vec<char> = sentence.chars().collect();
    // Words as (start, end, text without clinging punctuation).
    let mut words: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let s = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let mut e = i;
        while e > s && matches!(chars[e - 1], ',' | '.' | ';' | ':' | ')' | '”') {
            e -= 1;
        }
        let mut b = s;
        while b < e && matches!(chars[b], '(' | '“') {
            b += 1;
        }
        if e > b {
            words.push((b, e, chars[b..e].iter().collect()));
        }
    }
    let lower: Vec<String> = words.iter().map(|w| w.2.to_lowercase()).collect();
    let num = |k: usize| -> Option<u32> { lower.get(k).and_then(|w| w.parse().ok()) };
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let mut start = k;
        let mut part = None;
        for p in PARTS_OF_DAY {
            let n = p.split(' ').count();
            if k + n <= lower.len() && lower[k..k + n].join(" ") == *p {
                part = Some(p.to_string());
                start = k;
                k += n;
                break;
            }
        }
        if part.is_some() && lower.get(k).is_some_and(|w| w == "ngày" || w == "nay") {
            k += 1;
        }
        let w = lower.get(k).cloned().unwrap_or_default();
        let mut found: Option<(usize, Option<u32>, Option<u32>, Option<i32>)> = None;
        // d/m or d/m/y (also "-" separated)
        let parts: Vec<&str> = w.split(['/', '-']).collect();
        if parts.len() >= 2 && parts.len() <= 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) {
            let d = parts[0].parse().ok();
            let m = parts[1].parse().ok();
            let y = parts.get(2).and_then(|p| p.parse().ok());
            let dm_only = parts.len() == 2 && parts[1].len() == 4; // "11/2023": month/year
            let (d, m, y) = if dm_only { (None, d, parts[1].parse().ok()) } else { (d, m, y) };
            let preceded = k > 0 && matches!(lower[k - 1].as_str(), "ngày" | "tháng" | "từ" | "đến" | "và");
            if valid(d, m, y) && (part.is_some() || preceded || parts.len() == 3 || dm_only) {
                found = Some((k + 1, d, m, y));
            }
        } else if w == "ngày" {
            // "ngày 5 tháng 12 năm 2024"
            if let Some(d) = num(k + 1) {
                if lower.get(k + 2).is_some_and(|t| t == "tháng") {
                    if let Some(m) = num(k + 3) {
                        let (end, y) = if lower.get(k + 4).is_some_and(|t| t == "năm") {
                            (k + 6, num(k + 5).map(|y| y as i32))
                        } else {
                            (k + 4, None)
                        };
                        if valid(Some(d), Some(m), y) {
                            found = Some((end.min(words.len()), Some(d), Some(m), y));
                        }
                    }
                }
            }
        } else if w == "tháng" {
            if let Some(m) = num(k + 1) {
                if lower.get(k + 2).is_some_and(|t| t == "năm") {
                    if let Some(y) = num(k + 3) {
                        if valid(None, Some(m), Some(y as i32)) {
                            found = Some((k + 4, None, Some(m), Some(y as i32)));
                        }
                    }
                }
            }
        } else if w == "năm" {
            if let Some(y) = num(k + 1) {
                if words[k + 1].2.len() == 4 && valid(None, None, Some(y as i32)) {
                    found = Some((k + 2, None, None, Some(y as i32)));
                }
            }
        }
        match found {
            Some((end, day, month, year)) => {
                let (s, e) = (words[start].0, words[end - 1].1);
                out.push(DateMention { start: s, end: e, text: chars[s..e].iter().collect(), day, month, year, part_of_day: part });
                k = end;
            }
            None => k = start + 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> Vec<(Option<u32>, Option<u32>, Option<i32>)> {
        find_dates(s).iter().map(|d| (d.day, d.month, d.year)).collect()
    }

    #[test]
    fn day_month_forms() {
        let d = &find_dates("Sáng 28/11, tại TP. Pleiku")[0];
        assert_eq!((d.text.as_str(), d.day, d.month, d.part_of_day.as_deref()), ("Sáng 28/11", Some(28), Some(11), Some("sáng")));
        assert_eq!(parts("ngày 15/12/2023 hội nghị"), [(Some(15), Some(12), Some(2023))]);
        assert_eq!(parts("ngày 5 tháng 12 năm 2024"), [(Some(5), Some(12), Some(2024))]);
        assert_eq!(parts("trong tháng 11/2023"), [(None, Some(11), Some(2023))]);
        assert_eq!(parts("Năm 2023, tỉnh đạt"), [(None, None, Some(2023))]);
    }

    #[test]
    fn invalid_or_non_dates_are_skipped() {
        assert!(find_dates("trực 24/24 giờ").is_empty());
        assert!(find_dates("đạt 20/24 chỉ tiêu").is_empty());
        assert!(find_dates("ngày 45/13").is_empty());
        assert!(find_dates("năm nay").is_empty());
    }
}
