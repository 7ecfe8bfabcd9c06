//! Small text helpers several stages share: the plain (diacritic-free) form of names,
//! English month names and capitals.

use unicode_normalization::UnicodeNormalization;

/// A Vietnamese name as English-language press writes it: no diacritics, đ → d
/// ("Lê Minh Hoàng" → "Le Minh Hoang", "Đắk Lắk" → "Dak Lak").
pub fn plain(s: &str) -> String {
    s.nfd()
        .filter_map(|c| match c {
            'đ' => Some('d'),
            'Đ' => Some('D'),
            c if unicode_normalization::char::is_combining_mark(c) => None,
            c => Some(c),
        })
        .collect()
}

/// True when a word carries a letter English does not use (a diacritic or đ).
pub fn has_vietnamese_letters(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
}

const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
];

/// "December" for 12.
pub fn month_name(m: u32) -> Option<&'static str> {
    MONTHS.get((m as usize).wrapping_sub(1)).copied()
}

/// The first letter in upper case.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
