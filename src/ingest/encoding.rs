//! Decoding a text file's bytes: UTF-8 and UTF-16 first, then the legacy Vietnamese
//! encodings (Windows-1258, TCVN3, VNI, VISCII), of which the one whose decoding reads
//! as Vietnamese wins.
//!
//! The legacy encodings cannot be told apart by their bytes: almost every high byte is
//! a Vietnamese letter in TCVN3 and in VISCII. What tells them apart is the words: the
//! right decoding gives Vietnamese syllables ("Đồng", "chủ trì"), a wrong one gives
//! letters no syllable has ("Ðụèng") or symbols ("Vieät").

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::document::Encoding;

/// Recognised binary formats, for a clearer reason than "not text".
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX/ODT)"),
    (b"\x89PNG", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1F\x8B", "gzip"),
    (b"\xD0\xCF\x11\xE0", "OLE (DOC/XLS)"),
    (b"\x7FELF", "ELF executable"),
];

/// Decodes bytes as UTF-8 (with or without BOM), UTF-16 (BOM, or plainly UTF-16 text
/// without one) or, when they are none of these, the legacy Vietnamese encoding whose
/// decoding reads as Vietnamese.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), Encoding::Utf8Bom))
            .map_err(|e| format!("invalid UTF-8 after a UTF-8 byte order mark at byte {}", e.valid_up_to() + 3));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, encoding_rs::UTF_16LE).map(|s| (s, Encoding::Utf16le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, encoding_rs::UTF_16BE).map(|s| (s, Encoding::Utf16be));
    }
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Err(format!("binary file ({kind}), not text"));
    }
    if bytes.contains(&0) {
        if looks_like_utf16le(bytes) {
            return decode_utf16(bytes, encoding_rs::UTF_16LE).map(|s| (s, Encoding::Utf16leNoBom));
        }
        return Err("binary file (contains NUL bytes), not text".into());
    }
    let (text, encoding) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), Encoding::Utf8),
        Err(e) => legacy(bytes).ok_or_else(|| {
            format!(
                "not valid UTF-8 (byte 0x{:02X} at offset {}) and not Vietnamese text in Windows-1258, TCVN3, VNI or VISCII",
                bytes[e.valid_up_to()],
                e.valid_up_to()
            )
        })?,
    };
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C'))
        .count();
    if controls * 100 > text.chars().count() {
        return Err(format!("binary file ({controls} control characters), not text"));
    }
    Ok((text, encoding))
}

fn decode_utf16(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(format!("invalid {}: odd number of bytes", enc.name()));
    }
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(Cow::into_owned)
        .ok_or_else(|| format!("invalid {} (unpaired surrogate)", enc.name()))
}

/// UTF-16 LE text without a BOM: ASCII-range text puts a zero in most odd bytes and
/// almost none in even ones.
fn looks_like_utf16le(bytes: &[u8]) -> bool {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return false;
    }
    let pairs = bytes.len() / 2;
    let zero_even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    zero_odd * 10 >= pairs * 3 && zero_even * 50 <= pairs
}

/// The legacy encoding whose decoding reads best as Vietnamese, if one reads as
/// Vietnamese at all. On a tie the more common encoding (earlier in the list) wins.
fn legacy(bytes: &[u8]) -> Option<(String, Encoding)> {
    type Decoder = fn(&[u8]) -> String;
    let candidates: [(Encoding, Decoder); 4] = [
        (Encoding::Windows1258, |b| encoding_rs::WINDOWS_1258.decode_without_bom_handling(b).0.into_owned()),
        (Encoding::Tcvn3, decode_tcvn3),
        (Encoding::Vni, decode_vni),
        (Encoding::Viscii, decode_viscii),
    ];
    let mut best: Option<(i64, String, Encoding)> = None;
    for (encoding, decode) in candidates {
        let text = decode(bytes);
        let reading = Reading::of(&text);
        if !reading.is_vietnamese() {
            tracing::trace!("{} does not read as Vietnamese: {reading:?}", encoding.name());
            continue;
        }
        let score = reading.score();
        tracing::trace!("{} reads as Vietnamese: {reading:?}", encoding.name());
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, text, encoding));
        }
    }
    best.map(|(_, text, encoding)| (text, encoding))
}

/// TCVN 5712:1993 (the glibc `TCVN5712-1` table), bytes 0xA0..=0xFF. TCVN3 ("ABC")
/// text uses this range; VN1's capitals in 0x80..=0x9F and the C0 controls are not read
/// as letters, since files typed in ABC fonts carry Windows punctuation there.
const TCVN3_HIGH: [char; 96] = [
    '\u{00A0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ',
    '\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ', 'Ẵ',
    'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ',
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò',
    'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù',
    'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố',
];

/// VISCII (RFC 1456), bytes 0x80..=0xFF.
const VISCII_HIGH: [char; 128] = [
    'Ạ', 'Ắ', 'Ằ', 'Ặ', 'Ấ', 'Ầ', 'Ẩ', 'Ậ', 'Ẽ', 'Ẹ', 'Ế', 'Ề', 'Ể', 'Ễ', 'Ệ', 'Ố',
    'Ồ', 'Ổ', 'Ỗ', 'Ộ', 'Ợ', 'Ớ', 'Ờ', 'Ở', 'Ị', 'Ỏ', 'Ọ', 'Ỉ', 'Ủ', 'Ũ', 'Ụ', 'Ỳ',
    'Õ', 'ắ', 'ằ', 'ặ', 'ấ', 'ầ', 'ẩ', 'ậ', 'ẽ', 'ẹ', 'ế', 'ề', 'ể', 'ễ', 'ệ', 'ố',
    'ồ', 'ổ', 'ỗ', 'Ỡ', 'Ơ', 'ộ', 'ờ', 'ở', 'ị', 'Ự', 'Ứ', 'Ừ', 'Ử', 'ơ', 'ớ', 'Ư',
    'À', 'Á', 'Â', 'Ã', 'Ả', 'Ă', 'ẳ', 'ẵ', 'È', 'É', 'Ê', 'Ẻ', 'Ì', 'Í', 'Ĩ', 'ỳ',
    'Đ', 'ứ', 'Ò', 'Ó', 'Ô', 'ạ', 'ỷ', 'ừ', 'ử', 'Ù', 'Ú', 'ỹ', 'ỵ', 'Ý', 'ỡ', 'ư',
    'à', 'á', 'â', 'ã', 'ả', 'ă', 'ữ', 'ẫ', 'è', 'é', 'ê', 'ẻ', 'ì', 'í', 'ĩ', 'ỉ',
    'đ', 'ự', 'ò', 'ó', 'ô', 'õ', 'ỏ', 'ọ', 'ụ', 'ù', 'ú', 'ũ', 'ủ', 'ý', 'ợ', 'Ữ',
];

/// VISCII's six capitals in the C0 range (the other controls are ASCII's).
const VISCII_LOW: [(u8, char); 6] = [(0x02, 'Ẳ'), (0x05, 'Ẵ'), (0x06, 'Ẫ'), (0x14, 'Ỷ'), (0x19, 'Ỹ'), (0x1E, 'Ỵ')];

pub fn decode_tcvn3(bytes: &[u8]) -> String {
    let cp1252 = windows_1252(bytes);
    bytes
        .iter()
        .zip(cp1252.chars())
        .map(|(&b, c)| if b >= 0xA0 { TCVN3_HIGH[usize::from(b - 0xA0)] } else { c })
        .collect()
}

pub fn decode_viscii(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80.. => VISCII_HIGH[usize::from(b - 0x80)],
            _ => VISCII_LOW.iter().find(|&&(l, _)| l == b).map_or(char::from(b), |&(_, c)| c),
        })
        .collect()
}

/// VNI (the "VNI-Windows" fonts): a letter is an ASCII base followed by a byte for its
/// marks ("Vieät" = Việt: `e`, then 0xE4 for circumflex and dot below); ơ, ư, đ and the
/// toned i and ỵ have bytes of their own. Capitals take the mark bytes 0x20 lower.
pub fn decode_vni(bytes: &[u8]) -> String {
    const GRAVE: char = '\u{0300}';
    const ACUTE: char = '\u{0301}';
    const CIRCUMFLEX: char = '\u{0302}';
    const TILDE: char = '\u{0303}';
    const BREVE: char = '\u{0306}';
    const HOOK: char = '\u{0309}';
    const DOT: char = '\u{0323}';
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    for (&b, c) in bytes.iter().zip(windows_1252(bytes).chars()) {
        if b < 0xC0 {
            out.push(c);
            continue;
        }
        let lower = b | 0x20;
        let upper = b & 0x20 == 0;
        let letter = match lower {
            0xF4 => Some('ơ'),
            0xF6 => Some('ư'),
            0xF1 => Some('đ'),
            0xED => Some('í'),
            0xEC => Some('ì'),
            0xE6 => Some('ỉ'),
            0xF3 => Some('ĩ'),
            0xF2 => Some('ị'),
            0xEE => Some('ỵ'),
            _ => None,
        };
        if let Some(l) = letter {
            if upper {
                out.extend(l.to_uppercase());
            } else {
                out.push(l);
            }
            continue;
        }
        let marks: &[char] = match lower {
            0xF9 => &[ACUTE],
            0xF8 => &[GRAVE],
            0xFB => &[HOOK],
            0xF5 => &[TILDE],
            0xEF => &[DOT],
            0xE2 => &[CIRCUMFLEX],
            0xE1 => &[CIRCUMFLEX, ACUTE],
            0xE0 => &[CIRCUMFLEX, GRAVE],
            0xE5 => &[CIRCUMFLEX, HOOK],
            0xE3 => &[CIRCUMFLEX, TILDE],
            0xE4 => &[CIRCUMFLEX, DOT],
            0xEA => &[BREVE],
            0xE9 => &[BREVE, ACUTE],
            0xE8 => &[BREVE, GRAVE],
            0xFA => &[BREVE, HOOK],
            0xFC => &[BREVE, TILDE],
            0xEB => &[BREVE, DOT],
            _ => &[],
        };
        // A mark byte counts only after a vowel that can carry it; anywhere else it is
        // the Windows-1252 character, which then fails the Vietnamese test.
        let base = out.chars().next_back().map(|p| p.to_lowercase().next().unwrap_or(p));
        let fits = match (marks.first(), base) {
            (Some(&CIRCUMFLEX), Some(p)) => matches!(p, 'a' | 'e' | 'o'),
            (Some(&BREVE), Some(p)) => p == 'a',
            (Some(_), Some(p)) => matches!(p, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ơ' | 'ư'),
            _ => false,
        };
        if fits {
            out.extend(marks);
        } else {
            out.push(c);
        }
    }
    // Base and combining marks become precomposed letters.
    out.nfc().collect()
}

/// One char per byte (Windows-1252 maps every byte).
fn windows_1252(bytes: &[u8]) -> Cow<'_, str> {
    encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0
}

/// Vietnamese letters beyond ASCII, precomposed (after NFC).
const VIETNAMESE_LETTERS: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ\
ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";

/// Punctuation legacy Vietnamese text legitimately carries.
const LEGACY_PUNCTUATION: &str = "“”‘’–—…•°·\u{A0}§©®€";

/// How a decoding reads: characters no Vietnamese text has, and words with Vietnamese
/// letters that are or are not Vietnamese syllables.
#[derive(Debug, Default, PartialEq)]
pub struct Reading {
    chars: usize,
    foreign: usize,
    syllables: usize,
    non_syllables: usize,
}

impl Reading {
    pub fn of(decoded: &str) -> Reading {
        let text: String = decoded.nfc().collect();
        let mut r = Reading::default();
        for c in text.chars() {
            r.chars += 1;
            let ok = (c.is_ascii() && (!c.is_ascii_control() || matches!(c, '\n' | '\r' | '\t')))
                || VIETNAMESE_LETTERS.contains(c)
                || LEGACY_PUNCTUATION.contains(c);
            if !ok {
                r.foreign += 1;
            }
        }
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if word.is_ascii() {
                continue;
            }
            if is_syllable(word) {
                r.syllables += 1;
            } else {
                r.non_syllables += 1;
            }
        }
        r
    }

    /// At most one character in a thousand foreign and one word in ten not a syllable.
    pub fn is_vietnamese(&self) -> bool {
        self.chars > 0 && self.foreign * 1000 <= self.chars && self.non_syllables * 10 <= self.syllables + self.non_syllables
    }

    fn score(&self) -> i64 {
        self.syllables as i64 - 3 * (self.non_syllables + self.foreign) as i64
    }
}

const INITIALS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x", "",
];
/// `k` ends the Central Highlands names ("Đắk Lắk").
const FINALS: &[&str] = &["ng", "nh", "ch", "c", "k", "m", "n", "p", "t", ""];
/// Vowel groups of Vietnamese syllables, tone marks removed (glides included).
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia",
    "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ",
    "ưu", "yê", "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu",
];

/// Whether a word is one Vietnamese syllable: an initial consonant, a vowel group with
/// at most one tone mark, and a final consonant.
pub fn is_syllable(word: &str) -> bool {
    const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];
    let lower = word.to_lowercase();
    let decomposed: String = lower.nfd().collect();
    if decomposed.chars().filter(|c| TONES.contains(c)).count() > 1 {
        return false;
    }
    let bare: String = decomposed.chars().filter(|c| !TONES.contains(c)).nfc().collect();
    if bare.chars().count() > 7 {
        return false;
    }
    INITIALS.iter().filter_map(|i| bare.strip_prefix(i)).any(|rest| {
        FINALS.iter().filter_map(|f| rest.strip_suffix(f)).any(|nucleus| NUCLEI.contains(&nucleus))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for w in ["Đồng", "chí", "nghiêng", "Quý", "giữ", "gì", "khuyến", "người", "Hòa", "hoà", "thuở", "ĐẮK"] {
            assert!(is_syllable(w), "{w}");
        }
        // Mojibake of the wrong legacy table, two tones, no vowel.
        for w in ["Ðụèng", "Vieät", "chaứo", "Viđt", "ấố", "đđ", "cafộ"] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn vni_letters() {
        let cp1252 = |s: &str| encoding_rs::WINDOWS_1252.encode(s).0.into_owned();
        assert_eq!(decode_vni(&cp1252("Xin chaøo caùc baïn")), "Xin chào các bạn");
        // Windows-1252 bytes written as such: "Vieät Nam, Ñaûng, ngöôøi, Quaûng Trò, hoïc taäp".
        let bytes = b"Vi\x65\xE4t Nam, \xD1a\xFBng, ng\xF6\xF4\xF8i, Qua\xFBng Tr\xF2, ho\xEFc ta\xE4p, \xD6\xD4\xD9C, \xCEEN";
        assert_eq!(decode_vni(bytes), "Việt Nam, Đảng, người, Quảng Trị, học tập, ƯỚC, ỴEN");
        // A mark byte after a consonant stays the symbol it is in Windows-1252.
        assert_eq!(decode_vni(b"t\xE4"), "tä");
    }

    #[test]
    fn viscii_and_tcvn3_tables() {
        assert_eq!(decode_viscii(b"\xD0\xB0ng ch\xED H\xB0 V\xE5n Ni\xEAn"), "Đồng chí Hồ Văn Niên");
        assert_eq!(decode_tcvn3(b"\xA7\xE5ng ch\xDD H\xE5 V\xA8n Ni\xAAn"), "Đồng chí Hồ Văn Niên");
        // Windows punctuation below 0xA0 in TCVN3 text.
        assert_eq!(decode_tcvn3(b"\x93x\x94"), "“x”");
    }
}
