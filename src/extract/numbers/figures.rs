//! Figures: which numbers in a sentence count or measure something, with their unit,
//! qualifier and range; years, dates, times, codes and numbers inside names are not.
//! The context rules read their word lists from `FigureWords` (`data/rules/figures.txt`).

use super::parse::{magnitude, parse_digits, parse_number_words, MAX_NUMBER_WORDS};
use super::{Figure, FigureWords, Qualifier};
use crate::phrases::{words, Word};

/// The longest counted noun phrase, in syllables (then finished to a word's end).
const MAX_UNIT: usize = 5;

/// Every figure in a sentence, left to right.
pub fn find_figures(sentence: &str, rules: &FigureWords) -> Vec<Figure> {
    let chars: Vec<char> = sentence.chars().collect();
    let ws = split_per_number(&chars, words(&chars));
    let lower: Vec<String> = ws.iter().map(|w| crate::text::fold(&w.text)).collect();
    let quoted = short_quotes(&chars);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match rules.figure_at(&chars, &ws, &lower, i) {
            Some((figs, next)) => {
                // In a short quote, a slogan's count leads it or one of its parts ("“3 ca,
                // 4 kíp”"); a number after a name's words is part of it ("“Chi bộ 4
                // tốt”"), and so is a price ("gian hàng “0 đồng”").
                let quote = quoted.iter().find(|&&(s, e)| (s..e).contains(&figs[0].start));
                let named = quote.is_some_and(|&(s, _)| {
                    let before: String = chars[s + 1..figs[0].start].iter().collect();
                    let before = before.trim();
                    !(before.is_empty() || before.ends_with(',')) || figs[0].is_money() || figs[0].value == 0.0
                });
                if !named {
                    out.extend(figs);
                }
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// Splits a counted noun from a number glued to it by a slash ("9.120 vụ/13.400 đối
/// tượng": so many cases involving so many people), so that each number is read with its
/// own noun; the slash ends the first phrase. A rate is kept whole, whether per a unit
/// ("đồng/người", "tạ/ha") or per a round number ("12 bác sĩ/10.000 dân").
fn split_per_number(chars: &[char], ws: Vec<Word>) -> Vec<Word> {
    // "1", "100", "10.000": a one and zeros.
    let per_round = |k: usize| {
        let digits: String = chars[k..].iter().take_while(|c| c.is_ascii_digit() || **c == '.').filter(|c| c.is_ascii_digit()).collect();
        digits.strip_prefix('1').is_some_and(|zeros| zeros.chars().all(|c| c == '0'))
    };
    let mut out = Vec::with_capacity(ws.len());
    for w in ws {
        let slash = (w.start..w.end).find(|&k| chars[k] == '/');
        match slash {
            Some(k) if k > w.start && chars[k - 1].is_alphabetic() && chars.get(k + 1).is_some_and(char::is_ascii_digit) && !per_round(k + 1) => {
                out.push(Word { start: w.start, end: k, text: chars[w.start..k].iter().collect(), trailing: true });
                out.push(Word { start: k + 1, end: w.end, text: chars[k + 1..w.end].iter().collect(), trailing: w.trailing });
            }
            _ => out.push(w),
        }
    }
    out
}

/// Spans of quotations of at most six words: slogans and names ("“4 tại chỗ”", "“Ngôi
/// nhà 100 đồng”"). Longer quotations are reported speech.
fn short_quotes(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (k, &c) in chars.iter().enumerate() {
        match (c, open) {
            ('“', _) | ('"', None) => open = Some(k),
            ('”' | '"', Some(s)) => {
                let inner: String = chars[s + 1..k].iter().collect();
                if inner.split_whitespace().count() <= 6 {
                    out.push((s, k));
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// What one word written in digits says.
enum Digits {
    Plain(f64),
    /// "10-15", "3–5"
    Range(f64, f64),
    /// "12/14 chỉ tiêu", "1.830/2.015 tin báo": twelve of fourteen (the part and the
    /// whole); only figures before a counted noun.
    Fraction(f64, f64),
    /// "7/9", "12/12": a date, or seven of nine before a counted unit ("7/9 huyện").
    DayOrFraction(f64, f64),
}

/// Reads a digit word without its sign (`%`, `‰`). Dates ("28/11", "28-11-2023"), year
/// spans ("2021-2025"), codes with letters and phone numbers read as nothing.
fn read_digits(core: &str) -> Option<Digits> {
    if core.chars().any(char::is_alphabetic) {
        return None; // "8h30", "DK1", "35-CT/TW"
    }
    // Phone numbers and codes: a leading zero on a long run of digits ("0912345678").
    if core.starts_with('0') && core.chars().take_while(char::is_ascii_digit).count() > 3 {
        return None;
    }
    if let Some((a, b)) = core.split_once('/') {
        // "11/2024" is a month; "12/12/2024" a full date (the whole no number).
        if is_year(b) {
            return None;
        }
        let (part, whole) = (parse_digits(a)?, parse_digits(b)?);
        // Counts of things: whole numbers, the part at most the whole ("14/14 cơ quan").
        if part.fract() != 0.0 || whole.fract() != 0.0 || part > whole || whole < 2.0 {
            return None;
        }
        let date_like = !a.contains('.') && !b.contains('.') && (1.0..=31.0).contains(&part) && whole <= 12.0;
        return Some(if date_like { Digits::DayOrFraction(part, whole) } else { Digits::Fraction(part, whole) });
    }
    if let Some((a, b)) = core.split_once(['-', '–']) {
        if is_year(a) || is_year(b) {
            return None;
        }
        let (a, b) = (parse_digits(a)?, parse_digits(b)?);
        // "28-11" (day-month) runs downwards or is a date; a range runs upwards.
        return (b > a).then_some(Digits::Range(a, b));
    }
    parse_digits(core).map(Digits::Plain)
}

/// The unit of a rate without its "per" part: "đồng/ha" → "đồng".
fn per_what(word: &str) -> &str {
    word.split('/').next().unwrap_or(word)
}

/// "14 giờ 30", "18 giờ cùng ngày", "17 giờ ngày 21/9", "lúc 9 giờ"; the number is at
/// word `i`, "giờ" right after it.
fn is_clock_time(lower: &[String], i: usize) -> bool {
    let after = lower.get(i + 2).map(String::as_str).unwrap_or("");
    (i > 0 && matches!(lower[i - 1].as_str(), "lúc" | "hồi"))
        || matches!(after, "ngày" | "cùng" | "sáng" | "chiều" | "tối" | "đêm" | "trưa" | "hôm" | "hằng")
        || starts_number(after)
}

/// Whether word `k` opens a sentence or a clause after `:`, where any word is capitalised.
fn starts_sentence(chars: &[char], ws: &[Word], k: usize) -> bool {
    k == 0 || matches!(chars.get(ws[k - 1].end), Some('.' | ':' | ';' | '?' | '!' | '…'))
}

/// "7/12", "24/11/2024": a valid day and month, with or without a year.
fn is_day_month(w: &str) -> bool {
    let parts: Vec<&str> = w.split('/').collect();
    let n = |k: usize| parts.get(k).and_then(|p| p.parse::<u32>().ok());
    matches!(parts.len(), 2 | 3) && n(0).is_some_and(|d| (1..=31).contains(&d)) && n(1).is_some_and(|m| (1..=12).contains(&m))
}

/// Whether the number at word `i` continues a list of months opened by "tháng" ("các
/// tháng 9, 10 và 11", "từ tháng 9 đến 12"): `Some(true)` when the list surely goes on
/// through it (a word joins it to the month before, or another item follows), `Some(false)`
/// when only a comma joins it and nothing follows, `None` when it is no such item.
fn month_list(chars: &[char], ws: &[Word], lower: &[String], i: usize) -> Option<bool> {
    let month = |k: usize| ws[k].text.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
    let comma_after = |k: usize| chars.get(ws[k].end) == Some(&',');
    let joiner = |k: usize| !ws[k].trailing && matches!(lower[k].as_str(), "và" | "đến" | "tới" | "-" | "–");
    // "tháng 12 và 11 tháng": a count of months after the month.
    if !month(i) || lower.get(i + 1).is_some_and(|n| n == "tháng") {
        return None;
    }
    let mut k = i;
    let mut by_word = false;
    loop {
        // The item before word `k`: after a comma, or after a joining word.
        let p = if k >= 1 && comma_after(k - 1) {
            k - 1
        } else if k >= 2 && joiner(k - 1) && !ws[k - 2].trailing {
            by_word |= k == i;
            k - 2
        } else {
            return None;
        };
        if !month(p) {
            return None;
        }
        if p >= 1 && lower[p - 1] == "tháng" && !ws[p - 1].trailing {
            let more = comma_after(i) || lower.get(i + 1).is_some_and(|n| matches!(n.as_str(), "và" | "đến" | "tới"));
            return Some(by_word || more);
        }
        k = p;
    }
}

fn starts_number(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn is_year(digits: &str) -> bool {
    digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) && digits.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

enum Context {
    Keep,
    Reject,
    /// A name if no counted noun follows.
    RejectIfBare,
}

/// A qualifier right before the number, and the word the figure then starts at.
fn qualifier_before(lower: &[String], i: usize) -> (Option<Qualifier>, usize) {
    let one = |k: usize| i.checked_sub(k).map(|p| lower[p].as_str());
    match (one(2), one(1)) {
        (Some("ít"), Some("nhất")) | (Some("tối"), Some("thiểu")) => return (Some(Qualifier::AtLeast), i - 2),
        (Some("chưa"), Some("đến" | "tới")) => return (Some(Qualifier::LessThan), i - 2),
        (Some("gần"), Some("như")) => return (Some(Qualifier::Nearly), i - 2),
        (Some("xấp"), Some("xỉ")) | (Some("ước"), Some("đạt" | "tính" | "khoảng")) => return (Some(Qualifier::Approximately), i - 2),
        _ => {}
    }
    let q = match one(1) {
        Some("khoảng" | "chừng" | "ước") => Qualifier::Approximately,
        Some("gần") => Qualifier::Nearly,
        Some("hơn" | "trên") => Qualifier::MoreThan,
        Some("dưới") => Qualifier::LessThan,
        _ => return (None, i),
    };
    (Some(q), i - 1)
}

impl FigureWords {
    /// A figure whose number starts at word `i`; returns it and the next word to look at.
    /// A ratio ("512/590 vụ") gives two figures, the part and the whole, with one unit.
    fn figure_at(&self, chars: &[char], ws: &[Word], lower: &[String], i: usize) -> Option<(Vec<Figure>, usize)> {
        let w = &ws[i];
        let first = w.text.chars().next()?;
        let digits = first.is_ascii_digit();
        // A unit written against the number or as a sign after it ("15 %").
        let mut sign: Option<String> = None;
        let mut range_to = None;
        let mut whole: Option<f64> = None;
        let mut weak_name = false;
        let (mut value, number, mut j) = if digits {
            let (core, glued_unit) = self.split_glued_unit(&w.text)?;
            // A sign inside the word ends its first number of a range ("10%-15%"); one
            // followed by anything else ("5%10", "5%/20") is no number as written.
            let mut signs = core.match_indices(['%', '‰']).map(|(k, m)| &core[k + m.len()..]);
            if signs.any(|rest| !rest.starts_with(['-', '–'])) {
                return None;
            }
            let core = core.replace(['%', '‰'], "");
            sign = glued_unit;
            let value = match read_digits(&core)? {
                Digits::Plain(v) => v,
                Digits::Range(a, b) => {
                    range_to = Some(b);
                    a
                }
                Digits::Fraction(a, b) => {
                    whole = Some(b);
                    a
                }
                // Only "7/9 huyện", never "ngày 7/9" or "7/9, tại".
                Digits::DayOrFraction(a, b) if !w.trailing && lower.get(i + 1).is_some_and(|n| self.fraction_of.contains(n.as_str())) => {
                    whole = Some(b);
                    a
                }
                Digits::DayOrFraction(..) => return None,
            };
            let spaced_sign = sign.is_none() && !w.trailing && ws.get(i + 1).is_some_and(|n| n.text == "%" || n.text == "‰");
            if spaced_sign {
                sign = Some(ws[i + 1].text.clone());
            }
            match self.context_of_digits(chars, ws, lower, i, &core, sign.is_some()) {
                Context::Reject => return None,
                Context::RejectIfBare => weak_name = true,
                Context::Keep => {}
            }
            let number = core.split(['-', '–', '/']).next().unwrap_or(&core).to_string();
            (value, number, if spaced_sign { i + 2 } else { i + 1 })
        } else {
            let (v, used) = self.number_words_at(ws, lower, i)?;
            let number = ws[i..i + used].iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
            (v, number, i + used)
        };
        let glued = |k: usize| k < ws.len() && !ws[k - 1].trailing;

        // Range: "10 - 15", "từ 10 đến 15", "từ 10% đến 15%".
        if range_to.is_none() && digits && glued(j) {
            let dash = matches!(lower[j].as_str(), "-" | "–");
            let to = matches!(lower[j].as_str(), "đến" | "tới") && i > 0 && lower[i - 1] == "từ";
            if (dash || to) && j + 1 < ws.len() {
                if let Some((core, next_sign)) = self.split_glued_unit(&ws[j + 1].text) {
                    if let (Some(v2), true) = (parse_digits(core), sign.is_none() || next_sign == sign) {
                        if v2 > value && !(is_year(core) && is_year(&number)) {
                            range_to = Some(v2);
                            sign = sign.or(next_sign);
                            j += 2;
                        }
                    }
                }
            }
        }

        // Magnitude words: "200 triệu", "3 nghìn tỷ"; and compound amounts, "5 tỷ 200 triệu".
        let mut multiplier = 1.0;
        while sign.is_none() && glued(j) {
            match magnitude(&lower[j]) {
                Some(m) if digits || multiplier > 1.0 => {
                    multiplier *= m;
                    j += 1;
                }
                _ => break,
            }
        }
        value *= multiplier;
        let range_to = range_to.map(|v| v * multiplier);
        let mut smallest = multiplier;
        while range_to.is_none() && smallest > 1.0 && glued(j) && glued(j + 1) {
            match (parse_digits(&ws[j].text), magnitude(&lower[j + 1])) {
                (Some(v), Some(m)) if m < smallest && v < 1000.0 => {
                    value += v * m;
                    smallest = m;
                    j += 2;
                }
                _ => break,
            }
        }

        // Unit: a sign, "phần trăm", a currency, or the counted noun phrase (at most five
        // words, to the end of the clause).
        let mut unit = sign;
        if unit.is_none() && glued(j) {
            if lower[j] == "phần" && lower.get(j + 1).is_some_and(|w| w == "trăm") {
                unit = Some("%".to_string());
                j += 2;
            } else if self.money_words.contains(per_what(&lower[j])) && !(glued(j + 1) && self.dong_compounds.contains(lower[j + 1].as_str())) {
                // "75 triệu đồng/người/năm" is money, per person and year.
                unit = Some("đồng".to_string());
                j += 1;
            } else if matches!(per_what(&lower[j]), "usd" | "đô") {
                unit = Some("USD".to_string());
                j += 1;
            } else if self.counted_noun_starts(ws, lower, j, weak_name) {
                let mut k = j;
                while k < ws.len() && k - j < MAX_UNIT && (k == j || !self.ends_phrase(ws, lower, k)) {
                    k += 1;
                    if ws[k - 1].trailing {
                        break;
                    }
                }
                // Cut by length, the phrase still ends at a word's end ("đối tượng vận
                // chuyển trái phép", "tài khoản định danh điện tử").
                if k - j == MAX_UNIT && !ws[k - 1].trailing {
                    k = self.word_end(ws, lower, j, k);
                }
                unit = Some(chars[ws[j].start..ws[k - 1].end].iter().collect());
                j = k;
            }
        }
        let unit_first = unit.as_ref().map(|u| u.split_whitespace().next().unwrap_or("")).map(crate::text::fold);
        // A number that is a name only when bare ("cấp 3" but "cấp 15 tấn gạo").
        if weak_name && unit.is_none() {
            return None;
        }
        // "12/14 chỉ tiêu" counts; "24/24 giờ" is round the clock.
        if whole.is_some() && (unit.is_none() || unit.as_deref() == Some("%") || unit_first.as_deref() == Some("giờ")) {
            return None;
        }
        // A year-like number with no unit and no magnitude is a year after all.
        if unit.is_none() && multiplier == 1.0 && is_year(&number) {
            return None;
        }
        // "14 giờ 30", "18 giờ cùng ngày", "lúc 9 giờ": clock times, not durations.
        if unit_first.as_deref() == Some("giờ") && is_clock_time(lower, i) {
            return None;
        }

        let (mut qualifier, start_word) = qualifier_before(lower, i);
        if lower.get(j).is_some_and(|w| w == "trở") && lower.get(j + 1).is_some_and(|w| w == "lên") {
            qualifier = Some(Qualifier::AtLeast);
        }
        let start = ws[start_word].start;
        let end = ws[j - 1].end;
        let text = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        let Some(whole) = whole else {
            return Some((vec![Figure { start, end, text: text(start, end), value, unit, qualifier, range_to, number }], j));
        };
        // The part ends at the slash; the whole runs from after it through the unit.
        let slash = w.start + number.chars().count();
        let whole_number: String = chars[slash + 1..w.end].iter().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',')).collect();
        let part = Figure { start, end: slash, text: text(start, slash), value, unit: unit.clone(), qualifier, range_to, number };
        let whole = Figure {
            start: slash + 1,
            end,
            text: text(slash + 1, end),
            value: whole * multiplier,
            unit,
            qualifier: None,
            range_to: None,
            number: whole_number,
        };
        Some((vec![part, whole], j))
    }

    /// Splits "500m2" into "500" and its unit, read as a figure unit (`đồng` for "đ"); a
    /// rate's "per" part is dropped ("4,2%/năm" is 4.2%). `None` when letters are glued on
    /// that are no unit ("8h30", "5G", "COVID-19").
    fn split_glued_unit<'t>(&self, text: &'t str) -> Option<(&'t str, Option<String>)> {
        let text = match text.split_once('/') {
            Some((amount, per)) if per.starts_with(char::is_alphabetic) => amount,
            _ => text,
        };
        let suffix = self
            .glued_units
            .iter()
            .filter(|u| text.strip_suffix(*u).is_some_and(|core| core.ends_with(|c: char| c.is_ascii_digit())))
            .max_by_key(|u| u.len());
        match suffix {
            Some(u) => {
                let unit = if matches!(u, "đ" | "VNĐ" | "VND") { "đồng" } else { u };
                Some((&text[..text.len() - u.len()], Some(unit.to_string())))
            }
            None if text.chars().any(char::is_alphabetic) => None,
            None => Some((text, None)),
        }
    }

    /// Years, dates, times, names and ordinals, judged from the words around the number at
    /// word `i`.
    fn context_of_digits(&self, chars: &[char], ws: &[Word], lower: &[String], i: usize, digits: &str, signed: bool) -> Context {
        if signed {
            return Context::Keep;
        }
        let prev = i.checked_sub(1).map(|p| lower[p].as_str()).unwrap_or("");
        let prev_glued = i > 0 && !ws[i - 1].trailing;
        let next = lower.get(i + 1).map(String::as_str).unwrap_or("");
        // "2021 - 2025": a span of years.
        if is_year(digits) && matches!(next, "-" | "–") {
            return Context::Reject;
        }
        // "6 và 7/12", "từ 22 đến 24/11": the first day of a span of dates.
        if matches!(next, "và" | "đến" | "-" | "–" | "tới") && ws.get(i + 2).is_some_and(|w| is_day_month(&w.text)) {
            return Context::Reject;
        }
        // "năm 2024", "tháng 11", "ngày 5", "sáng 28": calendar words before the number.
        if prev_glued && self.calendar_before.contains(prev) {
            return Context::Reject;
        }
        // "tháng 9, 10 và 11", "tháng 9 đến 12": months listed after the first one.
        match month_list(chars, ws, lower, i) {
            Some(true) => return Context::Reject,
            // "tháng 9, 10 cán bộ …" may still count cadres.
            Some(false) => return Context::RejectIfBare,
            None => {}
        }
        // "COVID- 19": a name whose hyphen lost its number to a stray space.
        if prev_glued && ws[i - 1].text.ends_with(['-', '–']) && ws[i - 1].text.chars().rev().nth(1).is_some_and(char::is_alphabetic) {
            return Context::Reject;
        }
        // Money and magnitudes are quantities whatever precedes them ("khẩn cấp 3,5 tỷ đồng").
        let measured = magnitude(next).is_some() || self.money_words.contains(next) || next == "usd";
        if measured {
            return Context::Keep;
        }
        if prev_glued {
            // "tổng số 102 vụ" is a total, "bão số 3" a name.
            let total = prev == "số" && i > 1 && lower[i - 2] == "tổng";
            // "giải quyết 512 vụ" counts cases; "Nghị quyết 35" is a name.
            let verb = i > 1 && !ws[i - 2].trailing && self.verb_pairs.iter().any(|(a, b)| lower[i - 2] == *a && prev == b);
            if self.name_before.contains(prev) && !total && !verb {
                return Context::Reject;
            }
            // Steering committees are named after the directive that set them up ("Ban Chỉ
            // đạo 138 tỉnh" is the province's committee 138, not 138 provinces).
            if prev == "đạo" && i > 2 && lower[i - 2] == "chỉ" && lower[i - 3] == "ban" {
                return Context::Reject;
            }
            if self.weak_name_before.contains(prev) {
                return Context::RejectIfBare;
            }
            // After a capitalised name, directly or through up to two lowercase words ("Sơn
            // Kim 1", "Tàu SAR 413", "Vùng Cảnh sát biển 4"), a bare number is part of the
            // name; one before a counted noun still counts ("Công an 26 huyện").
            for k in (i.saturating_sub(3)..i).rev() {
                if (k + 1 < i && ws[k].trailing) || self.phrase_stop.contains(lower[k].as_str()) || starts_number(&ws[k].text) {
                    break;
                }
                if ws[k].text.starts_with(char::is_uppercase) && !starts_sentence(chars, ws, k) {
                    return Context::RejectIfBare;
                }
            }
        } else if i > 0 {
            // "Q. 5", "P. 3": a one-letter abbreviation of an administrative unit.
            let p = &ws[i - 1].text;
            if p.chars().count() == 1 && p.starts_with(char::is_uppercase) && chars.get(ws[i - 1].end) == Some(&'.') {
                return Context::Reject;
            }
        }
        // "giờ 30" in "14 giờ 30".
        if prev == "giờ" && prev_glued {
            return Context::Reject;
        }
        Context::Keep
    }

    /// Whether word `j`, right after a number, can start what it counts: a lowercase word or
    /// an abbreviation ("500 CBCS"), not a function word, verb or proper name. `after_name`:
    /// the number may be part of a name, so only a plain noun counts ("Bệnh viện Quân y 211
    /// tổ chức" is the hospital organising, "tàu BV 5129 TS" a registration).
    fn counted_noun_starts(&self, ws: &[Word], lower: &[String], j: usize, after_name: bool) -> bool {
        let text = &ws[j].text;
        let abbreviation = !after_name && text.chars().count() > 1 && text.chars().all(|c| c.is_uppercase());
        let pair = |a: &str, b: &str| lower[j] == a && lower.get(j + 1).is_some_and(|n| n == b);
        let party_body = lower.get(j + 2).is_some_and(|w| w == "đảng"); // "tổ chức đảng"
        let verb = self.verb_pairs.iter().any(|(a, b)| pair(a, b)) || after_name && pair("tổ", "chức") && !party_body;
        // The first word is the noun even where a date could follow ("hai ngày 6 và 7/12");
        // "bằng" there is a certificate ("24 bằng sáng chế"), not "by".
        let stop = self.phrase_stop.contains(lower[j].as_str()) && lower[j] != "bằng";
        !verb && (abbreviation || text.starts_with(char::is_lowercase) && !stop)
    }

    /// The end of the word that syllables `j..k` of a phrase stop inside, if any: a
    /// lexicon word of two or three syllables that starts before `k` and ends after it.
    fn word_end(&self, ws: &[Word], lower: &[String], j: usize, k: usize) -> usize {
        let joined = |a: usize, b: usize| ws[a..b - 1].iter().all(|w| !w.trailing);
        (k.saturating_sub(2).max(j)..k)
            .flat_map(|s| [3, 2].map(|n| (s, s + n)))
            .filter(|&(s, e)| e > k && e <= ws.len() && joined(s, e) && !starts_number(&ws[e - 1].text))
            .filter(|&(s, e)| self.compounds.contains(&lower[s..e].join(" ")))
            .map(|(_, e)| e)
            .max()
            .unwrap_or(k)
    }

    /// Where a counted noun phrase stops: a function word, a verb ("8 căn nhà thiệt hại"),
    /// another number, a proper name, or a date ("15 hộ năm 2023").
    fn ends_phrase(&self, ws: &[Word], lower: &[String], k: usize) -> bool {
        let verb = !ws[k].trailing && self.verb_pairs.iter().any(|(a, b)| lower[k] == *a && lower.get(k + 1).is_some_and(|n| n == b));
        verb || self.phrase_stop.contains(lower[k].as_str())
            || ws[k].text.starts_with(char::is_uppercase)
            || starts_number(&ws[k].text)
            || self.calendar_before.contains(lower[k].as_str()) && !ws[k].trailing && ws.get(k + 1).is_some_and(|w| starts_number(&w.text))
    }

    /// A number written in words at word `i` that counts something: "hai đơn vị", "ba khâu
    /// đột phá", "mười hai xã", "năm đơn vị". Not "một số" (some), "không" (no), "năm nay"
    /// (this year), "thứ hai" (second), "hai bên" (both sides).
    fn number_words_at(&self, ws: &[Word], lower: &[String], i: usize) -> Option<(f64, usize)> {
        if lower[i] == "không" {
            return None;
        }
        let prev = i.checked_sub(1).map(|p| lower[p].as_str()).unwrap_or("");
        let prev_glued = i > 0 && !ws[i - 1].trailing;
        // Ordinals, month names and dates: "thứ hai", "tháng ba", "mùng năm".
        if prev_glued && (self.calendar_before.contains(prev) || matches!(prev, "thứ" | "hạng" | "số" | "lần" | "khóa")) {
            return None;
        }
        // "5 năm", "10 ngàn": the digits before own it.
        if prev_glued && starts_number(&ws[i - 1].text) {
            return None;
        }
        // The longest number in words is a dozen words; the bound keeps a sentence of
        // thousands of words linear.
        let (v, used) = parse_number_words(&lower[i..lower.len().min(i + MAX_NUMBER_WORDS)])?;
        // "một" alone is the indefinite article ("một số", "một cách", "một bộ phận") unless
        // a qualifier makes it a count ("hơn một tháng").
        let counted_one = prev_glued && matches!(prev, "hơn" | "gần" | "khoảng") && lower.get(i + 1).is_some_and(|n| n != "số" && n != "vài");
        if lower[i] == "một" && used == 1 && !counted_one {
            return None;
        }
        let next = ws.get(i + used)?;
        let next_lower = lower[i + used].as_str();
        if ws[i + used - 1].trailing || !next.text.starts_with(char::is_lowercase) {
            return None;
        }
        if self.phrase_stop.contains(next_lower) || self.not_counted.contains(next_lower) || magnitude(next_lower).is_some() {
            return None;
        }
        // "tăng trưởng hai con số": double-digit growth.
        if next_lower == "con" && lower.get(i + used + 1).is_some_and(|w| w == "số") {
            return None;
        }
        // "năm" alone is the year word far more often than five.
        if used == 1 && lower[i] == "năm" && (!self.five_of.contains(next_lower) || self.year_before.contains(prev) || i > 0 && starts_number(&ws[i - 1].text)) {
            return None;
        }
        Some((v, used))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_figures(s: &str) -> Vec<Figure> {
        super::find_figures(s, &crate::extract::test_resources().figures)
    }

    fn values(s: &str) -> Vec<f64> {
        find_figures(s).iter().map(|f| f.value).collect()
    }

    fn one(s: &str) -> Figure {
        let f = find_figures(s);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        f.into_iter().next().unwrap()
    }

    fn none(s: &str) {
        let f = find_figures(s);
        assert!(f.is_empty(), "{s}: {f:?}");
    }

    // Figures: counts, percentages, money, magnitudes.

    #[test]
    fn counts_keep_their_noun_phrase() {
        let f = one("khám bệnh, cấp phát thuốc cho 1.170 người dân;");
        assert_eq!((f.value, f.unit.as_deref(), f.text.as_str()), (1170.0, Some("người dân"), "1.170 người dân"));
        assert_eq!((f.start, f.end), (30, 45));
        assert_eq!(one("thăm, tặng quà cho 170 hộ gia đình chính sách, hộ nghèo").unit.as_deref(), Some("hộ gia đình chính sách"));
        assert_eq!(one("an táng 22 hài cốt liệt sĩ trên địa bàn").unit.as_deref(), Some("hài cốt liệt sĩ"));
        assert_eq!(one("Bí thư Đảng ủy quân sự 17 huyện, thị xã, thành phố.").unit.as_deref(), Some("huyện"));
    }

    #[test]
    fn noun_phrase_stops_at_function_words_and_names() {
        assert_eq!(one("hỗ trợ 15 tấn gạo cho người dân").unit.as_deref(), Some("tấn gạo"));
        assert_eq!(one("giao lưu 3 nước Việt Nam-Lào-Campuchia").unit.as_deref(), Some("nước"));
        assert_eq!(one("huy động 500 CBCS tham gia").unit.as_deref(), Some("CBCS"));
        assert_eq!(one("tuần tra song phương 48 lần, tuần tra").unit.as_deref(), Some("lần"));
    }

    #[test]
    fn percent_sign() {
        let f = one("toàn tỉnh đã hoàn thành 100% chỉ tiêu giao quân");
        assert_eq!((f.value, f.unit.as_deref(), f.text.as_str()), (100.0, Some("%"), "100%"));
        assert_eq!(one("tăng trưởng đạt 7,25%.").value, 7.25);
        assert_eq!(one("chiếm 15 % dân số").unit.as_deref(), Some("%"));
    }

    #[test]
    fn percent_in_words_and_per_mille() {
        assert_eq!(one("đạt 95 phần trăm kế hoạch").unit.as_deref(), Some("%"));
        let f = one("ranh mặn 4‰ vào sâu");
        assert_eq!((f.value, f.unit.as_deref()), (4.0, Some("‰")));
    }

    #[test]
    fn money_in_dong() {
        let f = one("với tổng kinh phí gần 200 triệu đồng;");
        assert_eq!((f.value, f.unit.as_deref(), f.text.as_str()), (200e6, Some("đồng"), "gần 200 triệu đồng"));
        assert!(f.is_money());
        assert_eq!(f.number, "200");
        assert_eq!(one("mỗi suất trị giá 500.000 đồng").value, 500000.0);
        assert_eq!(one("mỗi suất 500.000đ").unit.as_deref(), Some("đồng"));
    }

    #[test]
    fn rates_keep_their_amount_unit() {
        let f = one("tổng giá trị sản xuất tăng bình quân 9,8%/năm");
        assert_eq!((f.value, f.unit.as_deref()), (9.8, Some("%")));
        let f = one("hỗ trợ 75 triệu đồng/người/năm");
        assert_eq!((f.value, f.unit.as_deref(), f.text.as_str()), (75e6, Some("đồng"), "75 triệu đồng/người/năm"));
        assert_eq!(one("năng suất đạt 65 tạ/ha").unit.as_deref(), Some("tạ/ha"));
    }

    #[test]
    fn money_in_vnd_and_usd() {
        assert_eq!(one("trị giá 50 triệu VNĐ").unit.as_deref(), Some("đồng"));
        assert_eq!(one("trị giá 50 triệu VND").unit.as_deref(), Some("đồng"));
        let f = one("đạt 650 triệu USD");
        assert_eq!((f.value, f.unit.as_deref(), f.is_money()), (650e6, Some("USD"), true));
    }

    #[test]
    fn dong_in_other_words_is_no_money() {
        let f = one("Ban Chi ủy gồm 3 đồng chí");
        assert_eq!((f.value, f.unit.as_deref(), f.is_money()), (3.0, Some("đồng chí"), false));
        assert!(!one("thăm 500 đồng bào").is_money());
    }

    #[test]
    fn nghin_and_ngan() {
        assert_eq!(one("hơn 3 nghìn lượt người").value, 3000.0);
        assert_eq!(one("hơn 3 ngàn lượt người").value, 3000.0);
    }

    #[test]
    fn trieu() {
        assert_eq!(one("hơn 1,5 triệu lượt khám").value, 1.5e6);
    }

    #[test]
    fn ty_and_ti() {
        assert_eq!(one("hỗ trợ 1,2 tỷ đồng").value, 1.2e9);
        assert_eq!(one("hỗ trợ 1,2 tỉ đồng").value, 1.2e9);
        assert_eq!(one("hỗ trợ khẩn cấp 3,5 tỷ đồng").value, 3.5e9);
    }

    #[test]
    fn stacked_and_compound_magnitudes() {
        assert_eq!(one("thu 3 nghìn tỷ đồng").value, 3e12);
        let f = one("tổng 5 tỷ 200 triệu đồng");
        assert_eq!((f.value, f.text.as_str()), (5.2e9, "5 tỷ 200 triệu đồng"));
    }

    #[test]
    fn measures_glued_to_their_unit() {
        let f = one("diện tích 500m2 đất");
        assert_eq!((f.value, f.unit.as_deref()), (500.0, Some("m2")));
        assert_eq!(values("làm 10km đường và trồng 20ha rừng"), [10.0, 20.0]);
        none("phủ sóng mạng 5G");
    }

    #[test]
    fn durations_and_ages() {
        assert_eq!(values("tổng kết 10 năm thực hiện"), [10.0]);
        assert_eq!(one("trực 24 giờ tại điểm sơ tán").value, 24.0);
        assert_eq!(one("cụ bà 92 tuổi").value, 92.0);
        assert_eq!(one("tiến độ sau hơn một tháng").value, 1.0);
    }

    /// (text, value, unit) of each figure.
    fn described(s: &str) -> Vec<(String, f64, Option<String>)> {
        find_figures(s).into_iter().map(|f| (f.text, f.value, f.unit)).collect()
    }

    fn d(text: &str, value: f64, unit: &str) -> (String, f64, Option<String>) {
        (text.to_string(), value, Some(unit.to_string()))
    }

    #[test]
    fn a_ratio_is_its_part_and_its_whole() {
        let s = "hoàn thành và vượt 12/14 chỉ tiêu chuyên môn";
        let f = find_figures(s);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!((f[0].value, f[0].number.as_str(), f[0].text.as_str()), (12.0, "12", "12"));
        assert_eq!((f[1].value, f[1].number.as_str(), f[1].text.as_str()), (14.0, "14", "14 chỉ tiêu chuyên môn"));
        assert!(f.iter().all(|f| f.unit.as_deref() == Some("chỉ tiêu chuyên môn")));
        // Spans: the part up to the slash, the whole from after it through the unit.
        let at = |f: &Figure| s.chars().skip(f.start).take(f.end - f.start).collect::<String>();
        assert_eq!((at(&f[0]), at(&f[1])), ("12".to_string(), "14 chỉ tiêu chuyên môn".to_string()));
        none("trực 24/24 giờ");
        assert_eq!(values("Có 7/9 huyện, thị xã hoàn thành"), [7.0, 9.0]);
        none("Ngày 7/9 huyện tổ chức");
        none("Sáng 7/9, tại hội trường");
    }

    #[test]
    fn a_verb_ending_in_a_name_word_still_counts_its_object() {
        assert_eq!(values("Công an huyện đã giải quyết 1.204/1.260 tin báo"), [1204.0, 1260.0]);
        assert_eq!(values("xác định 12 nhiệm vụ trọng tâm và ổn định 340 hộ dân"), [12.0, 340.0]);
        assert_eq!(one("đã thẩm định 86 dự thảo văn bản").unit.as_deref(), Some("dự thảo văn bản"));
        none("triển khai Nghị quyết 35 của Bộ Chính trị");
        none("theo Quyết định 15 của UBND tỉnh");
    }

    #[test]
    fn ratios_of_equal_parts_and_with_thousands() {
        assert_eq!(
            described("Đến nay, 16/16 cơ quan, đơn vị cấp tỉnh đã ký cam kết"),
            [d("16", 16.0, "cơ quan"), d("16 cơ quan", 16.0, "cơ quan")]
        );
        assert_eq!(
            described("Công an huyện đã tiếp nhận 2.347/2.561 tin báo, tố giác tội phạm"),
            [d("2.347", 2347.0, "tin báo"), d("2.561 tin báo", 2561.0, "tin báo")]
        );
        let f = find_figures("điều tra, làm rõ hơn 418/503 vụ phạm pháp hình sự");
        assert_eq!((f[0].text.as_str(), f[0].qualifier, f[1].qualifier), ("hơn 418", Some(Qualifier::MoreThan), None));
        assert_eq!(values("điều tra, làm rõ hơn 418/503 vụ phạm pháp hình sự"), [418.0, 503.0]);
    }

    #[test]
    fn a_date_shaped_ratio_needs_its_counted_noun() {
        assert_eq!(values("Có 11/11 cơ quan chuyên môn thuộc UBND huyện tham gia"), [11.0, 11.0]);
        none("ngày 11/11 cơ quan chuyên môn tổ chức hội nghị");
        none("Chiều 11/11/2024, Ban Thường vụ Huyện ủy họp");
        none("Ngày 11/11, tại hội trường");
        none("đến tháng 11/2024 đã hoàn thành");
    }

    #[test]
    fn a_slash_between_two_counts_gives_each_its_noun() {
        assert_eq!(
            described("Lực lượng chức năng phát hiện 6.215 vụ/8.930 đối tượng, xử phạt hơn 12 tỷ đồng."),
            [d("6.215 vụ", 6215.0, "vụ"), d("8.930 đối tượng", 8930.0, "đối tượng"), d("hơn 12 tỷ đồng", 12e9, "đồng")]
        );
        // A rate keeps its "per" part.
        assert_eq!(one("hỗ trợ 2 triệu đồng/hộ").unit.as_deref(), Some("đồng"));
        assert_eq!(one("đạt 12 bác sĩ/10.000 dân").unit.as_deref(), Some("bác sĩ/10.000 dân"));
    }

    #[test]
    fn month_lists_are_not_figures() {
        none("Trong các tháng 10, 11 và 12, mưa lớn kéo dài");
        none("từ tháng 9 đến 12 tổ chức tuần tra");
        none("Tháng 12 - cao điểm tấn công trấn áp tội phạm");
        none("Hội nghị giao ban tháng 9");
        // After a bare comma a counted noun still counts, and so do months counted.
        assert_eq!(values("Trong tháng 9, 12 cán bộ được cử đi học"), [12.0]);
        assert_eq!(values("kết quả tháng 12 và 11 tháng năm 2024"), [11.0]);
    }

    #[test]
    fn numbers_of_names_split_by_a_stray_space_are_not_figures() {
        none("COVID- 19 ảnh hưởng đến sản xuất");
        none("phòng, chống dịch COVID- 19 trên địa bàn");
        assert_eq!(values("tiêm 1.250 liều vắc xin COVID-19"), [1250.0]);
    }

    #[test]
    fn a_counted_noun_ends_before_the_verb_and_its_adverbs() {
        let f = one("Mưa lớn làm 6 căn nhà thiệt hại rất nặng");
        assert_eq!((f.unit.as_deref(), f.text.as_str()), (Some("căn nhà"), "6 căn nhà"));
        assert_eq!(one("có 14 hộ rất khó khăn").unit.as_deref(), Some("hộ"));
        assert_eq!(one("giúp 23 nhân khẩu sơ tán đến nơi an toàn").unit.as_deref(), Some("nhân khẩu"));
        assert_eq!(values("14/14 cơ quan đơn vị nộp báo cáo đúng hạn"), [14.0, 14.0]);
        assert_eq!(find_figures("14/14 cơ quan đơn vị nộp báo cáo")[1].unit.as_deref(), Some("cơ quan đơn vị"));
        assert_eq!(one("có 35 doanh nghiệp ký cam kết").unit.as_deref(), Some("doanh nghiệp"));
    }

    #[test]
    fn a_long_counted_noun_ends_at_a_word_end() {
        assert_eq!(one("bắt giữ 27 đối tượng vận chuyển trái phép chất ma túy").unit.as_deref(), Some("đối tượng vận chuyển trái phép"));
        assert_eq!(one("kích hoạt 5.400 tài khoản định danh điện tử mức độ 2").unit.as_deref(), Some("tài khoản định danh điện tử"));
        assert_eq!(one("xử lý 1.830 tin báo tố giác tội phạm").unit.as_deref(), Some("tin báo tố giác tội phạm"));
        // A short phrase is not stretched.
        assert_eq!(one("trao 12 suất quà cho hộ nghèo").unit.as_deref(), Some("suất quà"));
    }

    // Number words as quantities.

    #[test]
    fn number_words_before_a_counted_noun() {
        assert_eq!(values("đã kiện toàn hai đơn vị"), [2.0]);
        assert_eq!(values("chú trọng thực hiện ba khâu đột phá"), [3.0]);
        assert_eq!(values("huy động hai máy xúc"), [2.0]);
        assert_eq!(values("có mười hai xã đạt chuẩn"), [12.0]);
        assert_eq!(values("trong hai ngày 6 và 7/12"), [2.0]);
        assert_eq!(one("trong hai ngày 6 và 7/12").unit.as_deref(), Some("ngày"));
        assert_eq!(one("hai đơn vị").number, "hai");
    }

    #[test]
    fn nam_is_five_only_before_a_counted_noun() {
        assert_eq!(values("tập trung thực hiện năm nhóm nhiệm vụ"), [5.0]);
        none("vào năm 2023");
        assert_eq!(values("Năm đơn vị được khen thưởng"), [5.0]);
        none("năm nay tỉnh đạt kết quả tốt");
        none("hằng năm tổ chức hội thao");
        none("Năm 2023, tỉnh đạt kết quả tốt");
        none("cuối năm người dân phấn khởi");
        none("cả năm đơn vị đều đạt");
        none("năm 2025 là năm tổ chức đại hội");
        assert_eq!(values("sau 5 năm triển khai"), [5.0]);
    }

    #[test]
    fn mot_is_an_article_unless_counted() {
        none("một số địa phương còn hạn chế");
        none("một cách quyết liệt");
        none("một bộ phận cán bộ");
        none("trên một số tuyến quốc lộ");
        assert_eq!(values("một trăm người"), [100.0]);
        assert_eq!(values("hơn một tháng"), [1.0]);
    }

    #[test]
    fn number_words_that_do_not_count() {
        none("mọi người dân đều tham gia");
        none("không em nào phải bỏ học");
        none("lực lượng hai bên biên giới");
        none("thứ hai ngày 5");
        none("vào tháng ba");
        none("tăng trưởng hai con số");
        none("hàng nghìn người");
        none("Ba Vì");
    }

    // Qualifiers.

    #[test]
    fn khoang_is_approximately() {
        assert_eq!(one("khoảng 3.800 ha lúa").qualifier, Some(Qualifier::Approximately));
        assert_eq!(one("xấp xỉ 3.800 ha lúa").qualifier, Some(Qualifier::Approximately));
        let f = one("ước đạt 16.000 tỷ đồng");
        assert_eq!((f.qualifier, f.text.as_str()), (Some(Qualifier::Approximately), "ước đạt 16.000 tỷ đồng"));
    }

    #[test]
    fn gan_is_nearly() {
        assert_eq!(one("gần 200 triệu đồng").qualifier, Some(Qualifier::Nearly));
        assert_eq!(one("đạt gần như 100%").qualifier, Some(Qualifier::Nearly));
    }

    #[test]
    fn hon_and_tren_are_more_than() {
        assert_eq!(one("hơn 300 cán bộ").qualifier, Some(Qualifier::MoreThan));
        assert_eq!(one("trên 95% đại biểu").qualifier, Some(Qualifier::MoreThan));
    }

    #[test]
    fn duoi_and_chua_den_are_less_than() {
        assert_eq!(one("dưới 5 tuổi").qualifier, Some(Qualifier::LessThan));
        assert_eq!(one("chưa đến 10 hộ").qualifier, Some(Qualifier::LessThan));
    }

    #[test]
    fn it_nhat_toi_thieu_tro_len_are_at_least() {
        assert_eq!(one("ít nhất 2 lần").qualifier, Some(Qualifier::AtLeast));
        assert_eq!(one("tối thiểu 2 lần").qualifier, Some(Qualifier::AtLeast));
        assert_eq!(one("tăng từ 8% trở lên").qualifier, Some(Qualifier::AtLeast));
    }

    #[test]
    fn qualifier_serialises_in_snake_case() {
        let json = serde_json::to_string(&one("hơn 300 cán bộ")).unwrap_or_default();
        assert!(json.contains("\"qualifier\":\"more_than\""), "{json}");
    }

    // Ranges.

    #[test]
    fn tu_den_range() {
        let f = one("từ 10 đến 15 đơn vị");
        assert_eq!((f.value, f.range_to, f.unit.as_deref()), (10.0, Some(15.0), Some("đơn vị")));
        assert_eq!(one("giảm từ 5% đến 10% số vụ").range_to, Some(10.0));
    }

    #[test]
    fn dash_range() {
        let f = one("xâm nhập sâu khoảng 60 - 70 km");
        assert_eq!((f.value, f.range_to, f.unit.as_deref()), (60.0, Some(70.0), Some("km")));
        let f = one("kéo dài 3-5 ngày");
        assert_eq!((f.value, f.range_to, f.number.as_str()), (3.0, Some(5.0), "3"));
        assert_eq!(one("khoảng 60%-70% số hộ").range_to, Some(70.0));
    }

    #[test]
    fn range_with_magnitude() {
        let f = one("từ 10 đến 15 tỷ đồng");
        assert_eq!((f.value, f.range_to), (10e9, Some(15e9)));
    }

    // Not figures: years, dates, times.

    #[test]
    fn years_are_not_figures() {
        none("Năm 2023, Đảng ủy Quân sự tỉnh tham mưu");
        none("phòng thủ dân sự tỉnh năm 2023");
        none("so với 2023");
        none("giai đoạn 2021 - 2025");
        none("nhiệm kỳ 2025–2030");
        none("năm học 2023-2024");
    }

    #[test]
    fn dates_are_not_figures() {
        none("Sáng 28/11, tại TP. Pleiku");
        none("ngày 15/12/2023 hội nghị");
        none("hạn chót 28-11-2023");
        none("trong tháng 11");
        assert_eq!(values("Trong ba ngày từ 22 đến 24/10"), [3.0]);
        none("diễn ra từ 2 đến 5/11");
    }

    #[test]
    fn times_are_not_figures() {
        none("lúc 8h30 tại hội trường");
        none("lúc 14 giờ 30");
        none("Đến 18 giờ cùng ngày");
        none("trước 17 giờ ngày 21/9");
    }

    // Not figures: numbers inside names.

    #[test]
    fn resolutions_and_directives() {
        none("thực hiện Nghị quyết Trung ương 8 (khóa XI)");
        none("theo Nghị quyết số 57-NQ/TW");
        none("Chỉ thị 35-CT/TW của Bộ Chính trị");
        none("triển khai Chỉ thị 05 của Bộ Chính trị");
        none("thực hiện Đề án 06 về dữ liệu dân cư");
        none("theo Điều 5 Luật Quốc phòng");
        none("thực hiện Kết luận 35 của Bộ Chính trị");
    }

    #[test]
    fn military_units_and_roads() {
        none("Sư đoàn 320 và Quân khu 5");
        none("trên Quốc lộ 14 do bão số 3");
        none("Bộ Tư lệnh Vùng Cảnh sát biển 4 và");
        none("tàu SAR 413 và nhà giàn DK1");
        none("tàu cá BV 5129 TS cùng");
        none("tại SEA Games 31 vừa qua");
        none("khu vực 1 và khu vực 2");
    }

    #[test]
    fn named_committees_and_places() {
        none("phối hợp với Ban Chỉ đạo 138 tỉnh tổ chức lễ mít tinh");
        none("tại xã Sơn Kim 1, huyện Hương Sơn");
        none("trụ sở tại Q. 5");
        none("Bệnh viện Quân y 211 tổ chức khám bệnh");
        assert_eq!(values("và Công an 26 huyện, thị xã"), [26.0]);
        assert_eq!(values("Chủ tịch UBND 8 huyện, thành phố"), [8.0]);
    }

    #[test]
    fn levels_and_verbs_alike() {
        none("rủi ro thiên tai cấp 3");
        assert_eq!(values("tỉnh đã cấp 15 tấn gạo"), [15.0]);
        assert_eq!(values("huy động 640 cán bộ, chiến sĩ"), [640.0]);
        assert_eq!(values("làm rõ 94 vụ trong tổng số 102 vụ"), [94.0, 102.0]);
        assert_eq!(values("thi hành kỷ luật 38 tổ chức đảng"), [38.0]);
        assert_eq!(values("hoàn thành nhiệm vụ 5 năm liền"), [5.0]);
        assert_eq!(values("được cấp 24 bằng độc quyền sáng chế"), [24.0]);
    }

    #[test]
    fn ordinals() {
        none("hội nghị lần thứ 28");
        none("xếp thứ 6 cả nước");
        none("bắn súng tiểu liên AK bài 1");
        none("Đại hội khóa XIV");
    }

    #[test]
    fn phone_numbers_and_birth_years() {
        none("liên hệ số điện thoại 0912345678");
        none("gọi 0912.345.678");
        none("anh Nguyễn Văn A, SN 1990");
    }

    #[test]
    fn slogans_count_but_prices_in_quoted_names_do_not() {
        assert_eq!(values("thi công “3 ca, 4 kíp”"), [3.0, 4.0]);
        assert_eq!(values("bàn giao 2 “Ngôi nhà 100 đồng” cho hộ nghèo"), [2.0]);
        none("các gian hàng “0 đồng” phục vụ người dân");
        none("mô hình “Chi bộ 4 tốt”");
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
        assert!(figs.iter().enumerate().all(|(k, f)| f.is_money() == (k == 8)));
    }
}
