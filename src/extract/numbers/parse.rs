//! Reading numbers as Vietnamese writes them: digits with `.` grouping thousands and
//! `,` marking decimals, magnitude words ("200 triệu"), number words ("hai mươi lăm")
//! and Roman numerals. No context: what a number means is `figures`' job.

/// A Roman numeral as Vietnamese writes terms and congresses ("khóa XIII", "lần thứ
/// XX"): upper case, 1 to 3999.
pub fn roman(s: &str) -> Option<u32> {
    // The longest canonical numeral below 4000 is 15 letters ("MMMDCCCLXXXVIII").
    if s.is_empty() || s.len() > 15 || !s.chars().all(|c| "IVXLCDM".contains(c)) {
        return None;
    }
    let value = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        _ => 1000,
    };
    let digits: Vec<u32> = s.chars().map(value).collect();
    let mut total = 0;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&n| n > d) {
            total -= d as i64;
        } else {
            total += d as i64;
        }
    }
    // Only the canonical spelling counts ("IIII", "VX" are not numerals).
    let total = u32::try_from(total).ok().filter(|t| (1..4000).contains(t))?;
    (to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
        (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ];
    let mut out = String::new();
    for (v, r) in TABLE {
        while n >= v {
            out.push_str(r);
            n -= v;
        }
    }
    out
}

/// Parses a written number: digits with Vietnamese separators, optionally followed by
/// magnitude words ("200 triệu"), or number words ("hai mươi lăm").
pub fn parse_number(s: &str) -> Option<f64> {
    let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    let first = words.first()?;
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        let mut v = parse_digits(first)?;
        for w in &words[1..] {
            v *= magnitude(w)?;
        }
        Some(v)
    } else {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        parse_number_words(&words).filter(|&(_, used)| used == words.len()).map(|(v, _)| v)
    }
}

/// `1.170`, `12.345.678`, `2,5`, `1.234,56`. A `.` followed by exactly three digits
/// groups thousands; otherwise it is read as a decimal point (English style).
pub(super) fn parse_digits(s: &str) -> Option<f64> {
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

pub(super) fn magnitude(w: &str) -> Option<f64> {
    Some(match w {
        "nghìn" | "ngàn" => 1e3,
        "triệu" => 1e6,
        "tỷ" | "tỉ" => 1e9,
        _ => return None,
    })
}

/// Words a number in words can take ("một trăm hai mươi ba nghìn bốn trăm năm mươi
/// sáu" is 12): the parser looks no further.
pub const MAX_NUMBER_WORDS: usize = 32;

/// Number words from the start of `words`: the value and how many words it used.
/// "hai mươi lăm" 25, "một trăm linh năm" 105, "ba nghìn" 3000, "mười" 10, "hai chục" 20.
pub fn parse_number_words<S: AsRef<str>>(words: &[S]) -> Option<(f64, usize)> {
    // Lower-cased as reached: at most words the parse stops at the first one.
    fn lower(w: &str) -> std::borrow::Cow<'_, str> {
        if w.chars().any(char::is_uppercase) { w.to_lowercase().into() } else { w.into() }
    }
    let lower_at = |k: usize| words.get(k).map(|w| lower(w.as_ref()));
    let mut total = 0.0; // completed groups (thousands, millions, …)
    let mut group = 0.0; // the group under construction, < 1000
    let mut last = 0.0; // the last unit, waiting for mươi/trăm
    let mut used = 0;
    let mut any = false;
    for (i, w) in words.iter().take(MAX_NUMBER_WORDS).enumerate() {
        let w = lower(w.as_ref());
        let w = w.as_ref();
        match w {
            "mười" => {
                group += 10.0;
                last = 0.0;
            }
            "mươi" | "chục" if last > 0.0 => {
                group += last * 10.0 - last;
                last = 0.0;
            }
            "trăm" if last > 0.0 => {
                group += last * 100.0 - last;
                last = 0.0;
            }
            // "linh"/"lẻ" only between hundreds and a unit ("một trăm linh năm").
            "linh" | "lẻ" if any && group >= 100.0 && i + 1 < MAX_NUMBER_WORDS && lower_at(i + 1).is_some_and(|n| unit_word(&n).is_some()) => {}
            _ => {
                if let Some(u) = unit_word(w) {
                    // "lăm", "mốt" and "tư" only after tens; two units in a row is two numbers.
                    if matches!(w, "lăm" | "nhăm" | "mốt" | "tư") && group < 10.0 || last > 0.0 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman("XIII"), Some(13));
        assert_eq!(roman("XVII"), Some(17));
        assert_eq!(roman("XIV"), Some(14));
        assert_eq!(roman("IIII"), None);
        assert_eq!(roman("VX"), None);
        assert_eq!(roman("CDC"), None);
    }

    #[test]
    fn dot_groups_thousands() {
        assert_eq!(parse_number("1.170"), Some(1170.0));
        assert_eq!(parse_number("12.345.678"), Some(12345678.0));
        assert_eq!(parse_number("17"), Some(17.0));
    }

    #[test]
    fn comma_marks_decimals() {
        assert_eq!(parse_number("2,5"), Some(2.5));
        assert_eq!(parse_number("1.234,56"), Some(1234.56));
        assert_eq!(parse_number("98,6"), Some(98.6));
    }

    #[test]
    fn malformed_digits_are_no_number() {
        assert_eq!(parse_number("1..2"), None);
        assert_eq!(parse_number("1.23.456"), None);
        assert_eq!(parse_number("2,"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn digits_with_magnitude_words() {
        assert_eq!(parse_number("200 triệu"), Some(200e6));
        assert_eq!(parse_number("3 nghìn tỷ"), Some(3e12));
        assert_eq!(parse_number("200 người"), None);
    }

    #[test]
    fn units_and_tens_in_words() {
        assert_eq!(parse_number("mười"), Some(10.0));
        assert_eq!(parse_number("mười hai"), Some(12.0));
        assert_eq!(parse_number("hai mươi lăm"), Some(25.0));
        assert_eq!(parse_number("hai mươi nhăm"), Some(25.0));
        assert_eq!(parse_number("bốn mươi mốt"), Some(41.0));
        assert_eq!(parse_number("ba mươi tư"), Some(34.0));
        assert_eq!(parse_number("bảy"), Some(7.0));
        assert_eq!(parse_number("hai chục"), Some(20.0));
    }

    #[test]
    fn hundreds_with_linh_or_le() {
        assert_eq!(parse_number("một trăm linh năm"), Some(105.0));
        assert_eq!(parse_number("một trăm lẻ tám"), Some(108.0));
        assert_eq!(parse_number("hai trăm ba mươi tư"), Some(234.0));
    }

    #[test]
    fn magnitudes_in_words() {
        assert_eq!(parse_number("ba nghìn"), Some(3000.0));
        assert_eq!(parse_number("năm ngàn"), Some(5000.0));
        assert_eq!(parse_number("hai triệu"), Some(2e6));
        assert_eq!(parse_number("một tỷ"), Some(1e9));
        assert_eq!(parse_number("một tỉ"), Some(1e9));
    }

    #[test]
    fn word_misuse_is_no_number() {
        assert_eq!(parse_number("tư"), None, "tư alone is 'private', not four");
        assert_eq!(parse_number("lăm"), None);
        assert_eq!(parse_number("hai ba"), None, "two numbers, not one");
        assert_eq!(parse_number("nghìn"), None);
    }
}
