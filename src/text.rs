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

/// Tone marks a vowel can carry (combining forms).
const TONE_MARKS: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// A letter split into its base (with any vowel mark) and its tone mark.
fn split_tone(c: char) -> (char, Option<char>) {
    if c.is_ascii() {
        return (c, None); // most letters of a Vietnamese text: nothing to decompose
    }
    // A precomposed Vietnamese letter decomposes into at most three chars (base, vowel
    // mark, tone mark); kept on the stack, since every letter of every key comes here.
    let mut parts = ['\0'; 4];
    let mut n = 0;
    unicode_normalization::char::decompose_canonical(c, |p| {
        if n < parts.len() {
            parts[n] = p;
            n += 1;
        }
    });
    let parts = &parts[..n];
    match parts.iter().position(|p| TONE_MARKS.contains(p)) {
        // A tone mark on its own (a combining mark with no letter before it) has no base.
        Some(k) if parts.len() > 1 => {
            let mut rest = parts.iter().enumerate().filter(|&(j, _)| j != k).map(|(_, &p)| p);
            let first = rest.next().unwrap_or(c);
            let base = rest.fold(first, |b, m| unicode_normalization::char::compose(b, m).unwrap_or(b));
            (base, Some(parts[k]))
        }
        _ => (c, None),
    }
}

/// A plain a, e or y (either case) carrying a tone mark: the second vowel of the pairs
/// the two tone placements write differently.
fn is_toned_aey(c: char) -> bool {
    matches!(
        c,
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'À' | 'Á' | 'Ả' | 'Ã' | 'Ạ'
            | 'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'È' | 'É' | 'Ẻ' | 'Ẽ' | 'Ẹ'
            | 'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' | 'Ỳ' | 'Ý' | 'Ỷ' | 'Ỹ' | 'Ỵ'
    )
}

/// Old and new tone placement made one, the termbase's: "hoà", "uỷ", "thuỷ" → "hòa",
/// "ủy", "thủy". Only the open syllables oa, oe and uy (not after q: "quý") differ
/// between the two styles; a syllable with a final ("hoàng") is the same in both. The
/// number of characters does not change, so offsets still hold.
pub fn unify_tones(s: &str) -> std::borrow::Cow<'_, str> {
    // Only "o" or "u" before a toned plain a, e or y can change: every word of every
    // lookup comes here, and almost none has such a pair.
    if s.is_ascii() || !has_changeable_pair(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut chars: Vec<char> = s.chars().collect();
    for i in 0..chars.len().saturating_sub(1) {
        let (first, second) = (chars[i], chars[i + 1]);
        let (base, Some(tone)) = split_tone(second) else { continue };
        let pair = match (first.to_ascii_lowercase(), base.to_ascii_lowercase()) {
            ('o', 'a' | 'e') => true,
            ('u', 'y') => i == 0 || !matches!(chars[i - 1], 'q' | 'Q'),
            _ => false,
        };
        let open = chars.get(i + 2).is_none_or(|c| !c.is_alphabetic());
        if pair && open {
            if let Some(toned) = unicode_normalization::char::compose(first, tone) {
                chars[i] = toned;
                chars[i + 1] = base;
            }
        }
    }
    std::borrow::Cow::Owned(chars.into_iter().collect())
}

/// An "o" or "u" (either case) right before a toned plain a, e or y, found in one pass:
/// the toned letters are all outside ASCII, so an ASCII letter after the pair rules it out.
fn has_changeable_pair(s: &str) -> bool {
    let mut prev = '\0';
    s.chars().any(|c| {
        let found = matches!(prev, 'o' | 'O' | 'u' | 'U') && is_toned_aey(c);
        prev = c;
        found
    })
}

/// `c` in lower case, pushed onto `out`. The letters of a Vietnamese text are ASCII,
/// Latin-1 or in Latin Extended Additional (capitals even, small letters odd): these skip
/// the general case-mapping table, which every key's letters went through.
fn push_lower(out: &mut String, c: char) {
    match c as u32 {
        0..=0x7F => out.push(c.to_ascii_lowercase()),
        0xC0..=0xD6 | 0xD8..=0xDE => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        0xDF..=0xFF => out.push(c),
        0x1EA0..=0x1EFF => out.push(char::from_u32(c as u32 | 1).unwrap_or(c)),
        _ => out.extend(c.to_lowercase()),
    }
}

/// `s` in lower case appended to `out`: the same as `str::to_lowercase`, without a new
/// String.
fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        let start = out.len();
        out.reserve(s.len());
        for c in s.chars() {
            if c == 'Σ' {
                // A final sigma lower-cases by its context: the standard library knows the rule.
                out.truncate(start);
                out.push_str(&s.to_lowercase());
                return;
            }
            push_lower(out, c);
        }
    }
}

/// `word` folded ([`fold`]) and appended to `out`, whose words are folded already.
pub fn push_folded(out: &mut String, word: &str) {
    let start = out.len();
    push_lowercase(out, word);
    if let std::borrow::Cow::Owned(unified) = unify_tones(&out[start..]) {
        out.truncate(start);
        out.push_str(&unified);
    }
}

/// `s` in NFC, borrowed when it is NFC already (text from ingest always is).
pub fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    if is_plainly_nfc(s) {
        return s.into();
    }
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.into(),
        _ => s.nfc().collect::<String>().into(),
    }
}

/// True when `s` is certainly NFC without asking the normalisation tables: every char
/// below the combining diacritics (U+0300) or a precomposed letter of Latin Extended
/// Additional (Vietnamese's own), none of which (de)composes under NFC. Otherwise false,
/// and the caller asks `unicode_normalization`.
fn is_plainly_nfc(s: &str) -> bool {
    s.is_ascii() || s.chars().all(|c| matches!(c as u32, 0..=0x2FF | 0x1E00..=0x1EFF))
}

/// The form words are matched in: lower case, one tone placement ([`unify_tones`]).
pub fn fold(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    push_folded(&mut folded, s);
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toned_aey_is_every_plain_a_e_y_with_a_tone() {
        // The list against the decomposition it stands for, over the whole BMP.
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            let by_decomposition = matches!(split_tone(c), (b, Some(_)) if matches!(b, 'a' | 'e' | 'y' | 'A' | 'E' | 'Y'));
            assert_eq!(is_toned_aey(c), by_decomposition, "{c} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn fast_case_and_nfc_paths_agree_with_the_standard_ones() {
        // Every char of the ranges the fast paths take, and a word with each.
        for c in (0..0x2000u32).filter_map(char::from_u32) {
            let word = format!("A{c}b{c}");
            let mut lower = String::new();
            push_lowercase(&mut lower, &word);
            assert_eq!(lower, word.to_lowercase(), "U+{:04X}", c as u32);
            if is_plainly_nfc(&word) {
                assert!(unicode_normalization::is_nfc(&word), "U+{:04X}", c as u32);
            }
        }
        let mut lower = String::new();
        push_lowercase(&mut lower, "ΟΔΟΣ ĐẮK LẮK");
        assert_eq!(lower, "ΟΔΟΣ ĐẮK LẮK".to_lowercase());
        assert!(!is_plainly_nfc("e\u{301}"));
    }

    #[test]
    fn tone_placement_is_unified() {
        assert_eq!(unify_tones("Tỉnh uỷ, Huyện Uỷ, hoà bình, Thanh Hoá, thuỷ lợi, khoẻ"), "Tỉnh ủy, Huyện Ủy, hòa bình, Thanh Hóa, thủy lợi, khỏe");
        // Already unified, closed syllables, qu- and three vowels stay as they are.
        for same in ["ủy ban", "hoàng", "quý", "Quỳnh", "khuỷu", "ngoài", "toán", "thuyết", "xoáy", "Tỉnh ủy"] {
            assert_eq!(unify_tones(same), same);
        }
        assert_eq!(fold("TỈNH UỶ"), "tỉnh ủy");
        assert_eq!(unify_tones("uỷ").chars().count(), 2);
    }
}
