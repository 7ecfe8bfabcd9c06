//! People in a sentence: their names, titles, rank and role at the event.
//!
//! A name is two to four capitalised syllables (five for Ê Đê names opening with the
//! "Y" / "H'" prefix, "Y Thanh Hà Niê Kđăm"). It is found
//! - after a cue: an honorific ("đồng chí", "đ/c", "ông", "bà", "anh", "chị"), a rank
//!   ("Đại tá") or an academic title ("PGS.TS."), possibly with a title in between
//!   ("đồng chí Chủ tịch UBND tỉnh Đặng Quốc Thịnh");
//! - at the end of a title ("Bí thư Tỉnh ủy Hồ Văn Niên"), when it opens with a family
//!   name; a province or country written before it belongs to the title
//!   ("Chủ tịch UBND tỉnh Gia Lai Rơ Mah Tuynh");
//! - before a run of titles ("Nguyễn Văn A, Phó Bí thư Tỉnh ủy"), when it opens with a
//!   family name; or listed right after a person just found ("các đồng chí Nguyễn Văn A,
//!   Trần Văn B và Lê Thị C").
//!
//! Capitalised words that are no name: bodies ("Tỉnh ủy", "Ban Chấp hành Trung ương
//! Đảng", "UBND"), places (after "tỉnh", "huyện", "xã", "TP.", or known provinces and
//! countries) and the words of titles. Without a cue a name must open with a family name.
//!
//! Titles are split into a list in both orders: "Name-Title, Title" / "Name, Title"
//! and "Title, Title Name". A title runs over capitalised words and the lowercase
//! syllables that belong to them ("Ban Chấp hành", "UBND tỉnh") and ends at punctuation,
//! a role verb or any other lowercase word.
//!
//! The role comes from the first role verb after the mention in its clause (chair:
//! "chủ trì", "chủ tọa", "đồng chủ trì", "điều hành"; attendee: "dự", "tham dự", "có mặt";
//! speaker: "phát biểu", "nhấn mạnh", "yêu cầu", …), or else from a verb before it that
//! introduces it ("Chủ trì hội nghị có đồng chí X", "dưới sự chủ trì của ông X").
//! People joined by "và" or a comma share the verb after them ("A và B đồng chủ trì").
//!
//! Offsets are character offsets into the NFC form of the sentence (the pipeline's
//! sentences are NFC already, so they are offsets into the sentence as given).

pub use crate::document::facts::{Person, Role};
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------------------
// Word lists. Phrases are lower case; family names and places keep their capitals.

/// Honorifics; "các đồng chí" opens a list ("các đồng chí: A, Bí thư …; B, …").
const HONORIFICS: &[&str] = &["các đồng chí", "đồng chí", "đ/c", "ông", "bà", "anh", "chị", "cụ"];

const RANKS: &[&str] = &[
    "đại tướng", "thượng tướng", "trung tướng", "thiếu tướng", "đại tá", "thượng tá", "trung tá",
    "thiếu tá", "đại úy", "đại uý", "thượng úy", "thượng uý", "trung úy", "trung uý", "thiếu úy",
    "thiếu uý", "chuẩn úy", "chuẩn uý",
];

/// Academic, medical and honorary titles, piece by piece ("PGS.TS." is "pgs" + "ts").
const DEGREES: &[&str] = &[
    "gs", "pgs", "ts", "ths", "bs", "bsck", "bscki", "bsckii", "ks", "kts", "cn", "tskh", "ds",
    "ncs", "nsnd", "nsưt", "ngnd", "ngưt", "ls",
];

/// Abbreviations whose full stop is part of the word, not the end of a clause.
const DOTTED: &[&str] = &["tp", "tx", "tt", "q", "p", "h", "x"];

/// Words that open a title ("Bí thư", "Phó Chủ tịch", "Giám đốc", …). "Phó X" and
/// "X trưởng" are titles too (see `title_head`).
const TITLE_HEADS: &[&str] = &[
    "bí thư", "tổng bí thư", "chủ tịch", "quyền chủ tịch", "giám đốc", "tổng giám đốc",
    "trưởng ban", "trưởng phòng", "trưởng đoàn", "trưởng khoa", "chỉ huy trưởng", "chính ủy",
    "chính uỷ", "chính trị viên", "tư lệnh", "thủ tướng", "ủy viên", "uỷ viên", "đại sứ",
    "tổng lãnh sự", "lãnh sự", "chánh văn phòng", "chánh án", "chánh thanh tra", "chủ nhiệm",
    "đại biểu", "thư ký", "tổng thư ký", "trợ lý", "tổng biên tập", "người phát ngôn",
    "anh hùng", "bà mẹ việt nam anh hùng", "mẹ việt nam anh hùng", "già làng", "thống đốc", "kiểm sát viên",
    "thẩm phán", "trưởng", "tỉnh trưởng", "giáo sư", "phó giáo sư", "tiến sĩ", "thạc sĩ",
    "bác sĩ", "kỹ sư", "luật sư", "nghệ nhân", "nhà giáo", "chiến sĩ", "cựu chiến binh",
    "thương binh", "chuyên gia", "cán bộ", "thành viên", "phóng viên", "hiệu phó",
];

/// Capitalised words that stop a name when they follow it ("Trần Văn An Bí thư …").
const BREAK_WORDS: &[&str] = &["Sở", "Bộ", "Cục", "Ban", "Đảng", "Tỉnh", "Huyện", "Ủy", "Uỷ"];

/// Two-word bodies that stop a name ("… Thành ủy", "… Quân khu").
const BODY_HEADS: &[&str] = &[
    "tỉnh ủy", "tỉnh uỷ", "huyện ủy", "huyện uỷ", "thành ủy", "thành uỷ", "thị ủy", "thị uỷ",
    "đảng ủy", "đảng uỷ", "quân khu", "quân đoàn", "quân chủng", "sư đoàn", "công an",
    "hội đồng", "ủy ban", "uỷ ban", "bệnh viện", "trường đại", "viện kiểm", "tòa án",
    "bộ đội", "biên phòng", "mặt trận", "quốc hội", "chính phủ",
];

/// Capitalised words that never open a personal name: bodies, titles, places, and the
/// words that open sentences.
const NOT_FIRST: &[&str] = &[
    "Tỉnh", "Huyện", "Thành", "Thị", "Ủy", "Uỷ", "Ban", "Bộ", "Sở", "Hội", "Đảng", "Quân",
    "Công", "Nhà", "Việt", "Nam", "Trung", "Ương", "Chính", "Nhân", "Dân", "Quốc", "Chủ",
    "Bí", "Giám", "Đốc", "Trưởng", "Tư", "Lệnh", "Tổng", "Cục", "Viện", "Trường", "Bệnh",
    "Đại", "Học", "Sư", "Đồn", "Biên", "Phòng", "Cảnh", "Sát", "Tổ", "Xã", "Phường", "Quận",
    "Dự", "Tham", "Cùng", "Theo", "Tại", "Sau", "Trong", "Năm", "Ngày", "Sáng", "Chiều",
    "Tối", "Thượng", "Thiếu", "Khu", "Vùng", "Lễ", "Tết", "Xuân", "Các", "Những",
    "Thay", "Kết", "Phát", "Về", "Với", "Đến", "Thủ", "Ủy", "Mặt", "Trận", "Tây",
    "Đông", "Bắc", "Lào", "Campuchia",
];

/// Vietnamese family names, and the frequent ones of the ethnic minorities.
const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Trịnh", "Mai", "Trương", "Lâm", "Hà", "Cao",
    "Lương", "Tô", "Tạ", "Thái", "Kim", "Quách", "Vương", "Triệu", "Châu", "Lưu", "Phùng",
    "Âu", "Chu", "Giang", "Hứa", "Khổng", "La", "Lạc", "Lục", "Mạc", "Nông", "Quan", "Thân",
    "Tôn", "Tống", "Từ", "Vi", "Đàm", "Đào", "Đầu", "Đồng", "Kiều", "Lại", "Lã", "Lò", "Lữ",
    "Mẫn", "Ninh", "Phí", "Phó", "Tăng", "Thạch", "Tiêu", "Văn", "Vòng", "Ông", "Doãn",
    "Diệp", "Ôn", "Khúc", "Bạch", "Cù", "Đậu", "Hầu", "Khương", "Lạng", "Lỗ", "Mạnh", "Ngọ",
    "Nghiêm", "Phương", "Quang", "Sầm", "Tào", "Trình", "Ưng", "Vưu", "Yên", "Hàn", "Đường",
    "Chế", "Trang", "Bế", "Ma", "Cầm", "Lường", "Tòng", "Lù", "Bàn", "Chảo", "Sùng", "Vàng",
    "Giàng", "Thào", "Mùa", "Lầu", "Vừ", "Hờ", "Cà", "Quàng", "Điêu", "Bạc", "Danh", "Sơn",
    "Đàng", "Bá",
];

/// Family names of the Central Highlands peoples and the Ê Đê gender prefix: as the
/// first word of a two-word run after "tỉnh"/"huyện" they are a person, never a place.
const ETHNIC_FIRST: &[&str] = &[
    "Y", "Ksor", "Rah", "Siu", "Rơ", "Nay", "Kpă", "Puih", "Rcom", "Êban", "Niê", "Mlô",
    "Byă", "Bdap", "Hmok", "Kơ", "Đinh", "Alăng", "Bh'riu", "Zơrâm", "Men",
];

/// Provinces, cities, countries and regions: capitalised words before a name in a
/// title belong to the title ("Bí thư Tỉnh ủy Lâm Đồng Vũ Đình Khang").
const PLACES: &[&str] = &[
    "An Giang", "Bà Rịa", "Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai",
    "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang",
    "Hòa Bình", "Hoà Bình", "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa", "Khánh Hoà", "Kiên Giang",
    "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định",
    "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
    "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
    "Thái Nguyên", "Thanh Hóa", "Thanh Hoá", "Thừa Thiên Huế", "Huế", "Tiền Giang",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Việt Nam", "Lào",
    "Campuchia", "Trung Quốc", "Thái Lan", "Tây Nguyên", "Tây Bắc", "Đông Bắc", "Nam Bộ",
    "Đông Nam Bộ", "Tây Nam Bộ", "Nam Trung Bộ", "Bắc Trung Bộ", "Trường Sa", "Hoàng Sa",
];

/// Lowercase words after which a capitalised run is a place ("huyện Mai Sơn").
const ADMIN: &[&str] =
    &["tỉnh", "huyện", "xã", "phường", "quận", "phố", "trấn", "tp.", "tx.", "tt.", "q.", "p.", "h.", "x."];

/// Lowercase words inside titles and body names ("Hội đồng nhân dân tỉnh").
const TITLE_WORDS: &[&str] = &[
    "tỉnh", "huyện", "xã", "phường", "quận", "thành", "phố", "thị", "trấn", "nhân", "dân",
    "trưởng", "ban", "trực", "thường", "vụ", "viên", "quốc", "phòng", "an", "ninh", "sự",
    "chính", "trị", "hội", "đồng", "nước", "diễn", "tập", "huy", "khu", "ủy", "uỷ", "đội",
    "đoàn", "quân", "lực", "lượng", "vũ", "trang", "kiểm", "tra", "giáo", "dục", "khóa",
    "khoá", "các", "cơ", "quan", "đại", "biểu", "liên", "hiệp", "phụ", "nữ", "thanh", "niên",
    "nông", "nghiệp", "triển", "thôn", "tổ", "chức", "tuyên", "vận", "mưu", "hành", "ương",
    "khuyết", "giao", "thông", "nghĩa",
];

/// Words that join two parts of a title when a capitalised word or a place word follows.
const TITLE_JOINERS: &[&str] = &["của", "tại", "và", "về"];

/// Role verbs.
const CHAIR_VERBS: &[&str] = &["chủ trì", "chủ tọa", "chủ toạ", "đồng chủ trì", "cùng chủ trì", "điều hành"];
const ATTEND_VERBS: &[&str] = &[
    "dự", "tham dự", "cùng dự", "đến dự", "về dự", "tới dự", "có mặt", "tham gia", "tiếp", "dẫn đầu",
    "làm trưởng đoàn", "đến thăm", "làm việc", "tiếp đón", "đón tiếp",
];
/// Speaking verbs that do not take a clause ("dự và chủ trì": chairing still wins).
const SPEAK_OPEN: &[&str] = &["phát biểu", "phát biểu khai mạc", "khai mạc", "bế mạc", "phát biểu bế mạc"];
/// Speaking verbs whose object may be a clause with its own verb ("yêu cầu Sở Y tế chủ trì").
const SPEAK_CLAUSE: &[&str] = &[
    "nhấn mạnh", "yêu cầu", "đề nghị", "kết luận", "chỉ đạo", "cho biết", "khẳng định",
    "đánh giá", "kêu gọi", "mong muốn", "căn dặn", "cam kết", "chia sẻ", "thông tin",
    "báo cáo", "lưu ý", "quán triệt", "đề xuất", "trình bày", "thông báo", "nêu rõ",
    "giao nhiệm vụ", "biểu dương", "ghi nhận", "chúc mừng", "nói",
];

/// Lowercase words and phrases that end a title: clause verbs and function words.
const TITLE_STOPS: &[&str] = &[
    "đã", "đang", "sẽ", "vừa", "cũng", "cùng", "với", "có", "là", "được", "bị", "làm", "đến",
    "đi", "trao", "tặng", "thăm", "gửi", "ký", "chúc", "cảm", "tiếp", "dẫn", "đọc", "điều",
    "nêu", "khen", "trình", "cho", "lên", "ra", "vào", "khi", "thì", "mà", "để", "nhằm",
    "kiêm", "đồng chí", "báo cáo", "phát biểu", "nhấn mạnh", "yêu cầu", "đề nghị", "kết luận",
    "chỉ đạo", "giao nhiệm vụ", "tham dự", "tham gia", "chủ trì", "chủ tọa", "chủ toạ", "đồng chủ trì", "dự",
    "thông tin", "khẳng định", "đánh giá", "kêu gọi", "mong muốn", "chia sẻ", "cam kết",
];

/// Words after which a role verb is part of a noun ("dự án", "tiếp tục").
fn not_verb(verb: &str, next: &str) -> bool {
    match verb {
        "dự" => matches!(
            next,
            "án" | "báo" | "toán" | "bị" | "kiến" | "thảo" | "trữ" | "phòng" | "khuyết" | "định"
                | "đoán" | "tính" | "luật" | "trù" | "thi"
        ),
        "tiếp" => matches!(
            next,
            "tục" | "nhận" | "cận" | "theo" | "thu" | "giáp" | "xúc" | "sức" | "tế" | "diễn" | "nối"
        ),
        "tham gia" => matches!(next, "giao"),
        "nói" => matches!(next, "chung" | "riêng"),
        _ => false,
    }
}

/// "được giao chủ trì xây dựng đề án", "chủ trì, phối hợp": leading a task, not the event.
fn task_lead(prev: &str, verb: Verb, next: &str) -> bool {
    verb == Verb::Chair
        && (matches!(prev, "giao" | "công")
            || matches!(next, "xây" | "thực" | "triển" | "tham" | "soạn" | "rà" | "phối" | "nghiên" | "hướng"))
}

/// "lễ khai mạc", "phiên bế mạc": an opening or closing verb after a noun is a noun.
fn noun_after(prev: &str, verb: Verb) -> bool {
    verb == Verb::SpeakOpen && matches!(prev, "lễ" | "phiên" | "buổi" | "bài" | "văn" | "diễn")
}

/// Words that introduce the people a preceding verb is about ("Dự hội nghị có …").
const LINKS: &[&str] = &["có", "là", "gồm", "của", "do"];

const MAX_NAME: usize = 4;
/// The longest run of capitalised words looked at (a place and a name), and the longest
/// title: bounds on the work per word, whatever the input.
const MAX_RUN: usize = 10;
const MAX_TITLE: usize = 30;

// ---------------------------------------------------------------------------------------
// Words

struct W {
    start: usize,
    end: usize,
    text: String,
    lower: String,
    /// Punctuation right after the word; a spaced dash or a joining hyphen counts.
    after: Option<char>,
    /// An opening bracket or quote right before the word.
    before: Option<char>,
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

const OPENERS: &[char] = &['(', '[', '“', '"', '‘', '\'', '«'];
const CLOSERS: &[char] = &[',', ';', ':', '.', ')', ']', '”', '"', '’', '\'', '…', '!', '?', '»'];

/// Splits a sentence into words with the punctuation around them.
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
        // A free-standing dash ("Niên - Ủy") is punctuation after the previous word.
        if chars[i..end].iter().all(|&c| is_dash(c)) {
            if let Some(last) = out.last_mut() {
                last.after.get_or_insert('-');
            }
            i = end;
            continue;
        }
        // A hyphen before a capital ("Niên-Ủy", "QP-QS") separates two words.
        let mut k = i;
        while k < end {
            let mut e = k;
            while e < end && !(is_dash(chars[e]) && e > k && e + 1 < end && chars[e + 1].is_uppercase()) {
                e += 1;
            }
            push_word(chars, k, e, (e < end).then_some('-'), &mut out);
            k = e + 1;
        }
        i = end;
    }
    out
}

fn push_word(chars: &[char], from: usize, to: usize, hyphen: Option<char>, out: &mut Vec<W>) {
    let mut s = from;
    let mut before = None;
    while s < to && OPENERS.contains(&chars[s]) {
        before = Some(chars[s]);
        s += 1;
    }
    let mut t = to;
    let mut after = hyphen;
    while t > s && CLOSERS.contains(&chars[t - 1]) {
        // Keep the strongest mark: a clause end over a bracket over a comma.
        let c = chars[t - 1];
        let rank = |c: Option<char>| match c {
            Some('.' | ';' | ':' | '!' | '?' | '…') => 3,
            Some(')' | ']' | '»' | '”' | '’' | '"' | '\'') => 2,
            Some(',') => 1,
            _ => 0,
        };
        if rank(Some(c)) >= rank(after) {
            after = Some(c);
        }
        t -= 1;
    }
    if t <= s {
        if let (Some(p), Some(last)) = (after, out.last_mut()) {
            last.after.get_or_insert(p);
        }
        return;
    }
    // "TP." and "PGS.TS." keep their full stop: it abbreviates, it does not end a clause.
    if after == Some('.') && t < to && chars[t] == '.' && t + 1 == to {
        let word: String = chars[s..t].iter().collect::<String>().to_lowercase();
        if DOTTED.contains(&word.as_str()) || is_degree_text(&word) {
            t += 1;
            after = hyphen;
        }
    }
    let text: String = chars[s..t].iter().collect();
    let lower = text.to_lowercase();
    out.push(W { start: s, end: t, text, lower, after, before });
}

fn is_cap(w: &W) -> bool {
    w.text.chars().next().is_some_and(char::is_uppercase)
}

fn is_lower(w: &W) -> bool {
    w.text.chars().next().is_some_and(char::is_lowercase)
}

/// A capitalised word of letters (and the apostrophe of "H'Bin"), not an acronym.
fn is_name_word(w: &W) -> bool {
    let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
    is_cap(w)
        && w.text.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’')
        && !(letters > 1 && w.text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
}

fn is_surname(w: &W) -> bool {
    SURNAMES.contains(&w.text.as_str()) || ETHNIC_FIRST.contains(&w.text.as_str()) || is_h_prefix(&w.text)
}

/// The Ê Đê female prefix: "H'Yim", "H’Bin".
fn is_h_prefix(w: &str) -> bool {
    w.starts_with("H'") || w.starts_with("H’")
}

/// How many syllables a name opening with `first` may have.
fn max_name(first: &W) -> usize {
    if first.text == "Y" || is_h_prefix(&first.text) {
        MAX_NAME + 1
    } else {
        MAX_NAME
    }
}

fn is_degree_text(lower: &str) -> bool {
    let pieces: Vec<&str> = lower.split('.').filter(|p| !p.is_empty()).collect();
    !pieces.is_empty() && pieces.iter().all(|p| DEGREES.contains(p))
}

fn is_degree(w: &W) -> bool {
    is_cap(w) && is_degree_text(&w.lower)
}

fn is_admin(w: &W) -> bool {
    ADMIN.contains(&w.lower.as_str())
}

/// The longest phrase of `list` (lower case) starting at word `i`, without punctuation
/// inside; its length in words.
fn phrase_at(ws: &[W], i: usize, list: &[&str]) -> Option<usize> {
    list.iter()
        .filter_map(|p| {
            let mut n = 0;
            for part in p.split(' ') {
                let w = ws.get(i + n)?;
                if w.lower != part || (n > 0 && ws[i + n - 1].after.is_some()) {
                    return None;
                }
                n += 1;
            }
            Some(n)
        })
        .max()
}

/// Words `a..b` as written in the sentence (inner punctuation kept, spaces collapsed).
fn text_of(chars: &[char], ws: &[W], a: usize, b: usize) -> String {
    let raw: String = chars[ws[a].start..ws[b - 1].end].iter().collect();
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------
// Titles and names

/// A title opening at word `i` (capitalised unless `lowercase_ok`): its head's length.
fn title_head(ws: &[W], i: usize, lowercase_ok: bool) -> Option<usize> {
    if i >= ws.len() || !(is_cap(&ws[i]) || (lowercase_ok && is_lower(&ws[i]))) {
        return None;
    }
    // "Phó Chủ tịch", "Phó Trưởng ban": the deputy of any title.
    if ws[i].lower == "phó" && ws[i].after.is_none() {
        if let Some(n) = title_head(ws, i + 1, true) {
            return Some(n + 1);
        }
    }
    let listed = phrase_at(ws, i, TITLE_HEADS);
    // "Đồn trưởng", "Tham mưu trưởng", "Sư đoàn trưởng": a unit and "trưởng".
    let chief = (1..=2).find(|&n| {
        i + n < ws.len()
            && ws[i + n].lower == "trưởng"
            && ws[i..i + n].iter().all(|w| w.after.is_none())
            && ws[i + 1..i + n].iter().all(|w| matches!(w.lower.as_str(), "đoàn" | "mưu" | "huy" | "đội"))
    });
    // In lower case only a listed head of two words or more ("phó chủ tịch"), never
    // "trưởng" alone ("tăng trưởng").
    if is_lower(&ws[i]) {
        return listed.filter(|&n| n >= 2);
    }
    match (listed, chief) {
        (Some(a), Some(b)) => Some(a.max(b + 1)),
        (a, b) => a.or(b.map(|n| n + 1)),
    }
}

/// Whether word `j` (inside a run of capitalised words) starts a title or a body.
fn breaks_name(ws: &[W], j: usize) -> bool {
    BREAK_WORDS.contains(&ws[j].text.as_str())
        || (is_cap(&ws[j]) && phrase_at(ws, j, BODY_HEADS).is_some())
        || (listed_head(ws, j) && ws.get(j + 1).is_some_and(is_lower))
}

/// A listed title at word `j` ("Bí thư", "Phó Chủ tịch"); "X trưởng" is left out here
/// because a given name may be followed by "trưởng thôn".
fn listed_head(ws: &[W], j: usize) -> bool {
    let deputy = ws[j].lower == "phó"
        && ws[j].after.is_none()
        && j + 1 < ws.len()
        && phrase_at(ws, j + 1, TITLE_HEADS).is_some();
    deputy || phrase_at(ws, j, TITLE_HEADS).is_some()
}

/// The end of the run of name words starting at `k` (it stops after punctuation).
fn run_end(ws: &[W], k: usize) -> usize {
    let mut j = k;
    while j < ws.len()
        && j < k + MAX_RUN
        && is_name_word(&ws[j])
        && (j == k || (ws[j].before.is_none() && !breaks_name(ws, j)))
    {
        j += 1;
        if ws[j - 1].after.is_some() {
            break;
        }
    }
    j
}

/// The name right after a cue: the run's first two to four (five) words.
fn cued_name(ws: &[W], j: usize) -> Option<(usize, usize)> {
    if j >= ws.len() || NOT_FIRST.contains(&ws[j].text.as_str()) || title_head(ws, j, false).is_some() {
        return None;
    }
    let r = run_end(ws, j);
    let n = (r - j).min(max_name(&ws[j]));
    (n >= 2).then_some((j, j + n))
}

/// The longest place of `PLACES` at word `a`, within `a..r`.
fn place_at(ws: &[W], a: usize, r: usize) -> usize {
    PLACES
        .iter()
        .filter_map(|p| {
            let mut n = 0;
            for part in p.split(' ') {
                if a + n >= r || ws[a + n].text != part {
                    return None;
                }
                n += 1;
            }
            Some(n)
        })
        .max()
        .unwrap_or(0)
}

/// The personal name at the end of a title, inside the capitalised run `a..r`:
/// a known place before it is skipped; it must open with a family name.
fn name_in_run(ws: &[W], a: usize, r: usize) -> Option<(usize, usize)> {
    let mut p = a;
    loop {
        let n = place_at(ws, p, r);
        if n == 0 {
            break;
        }
        p += n;
    }
    if p >= r {
        return None;
    }
    // After "tỉnh", "huyện", … or a committee ("Huyện ủy") two capitalised words are a
    // place ("huyện Mai Sơn", "Huyện ủy Lâm Hà"), unless they open with a name that
    // places never do ("tỉnh Kpă Thuyên"). After a bare title they are a name ("Tổng Bí
    // thư Tô Lâm").
    let committee = |k: usize| matches!(ws[k].lower.as_str(), "ủy" | "uỷ") && k > 0 && is_cap(&ws[k - 1]);
    let after_admin = p == a && a > 0 && (is_admin(&ws[a - 1]) || committee(a - 1)) && ws[a - 1].after.is_none();
    let fits = |s: usize| {
        is_surname(&ws[s])
            && r - s >= 2
            && r - s <= max_name(&ws[s])
            && !(after_admin && s == a && r - s == 2 && !is_ethnic_first(&ws[s]))
    };
    if fits(p) {
        return Some((p, r));
    }
    // An unknown place before the name: the family name that leaves the likeliest
    // length (three syllables, then four, then two).
    [3, 4, 2, 5]
        .iter()
        .filter_map(|&len| r.checked_sub(len))
        .find(|&s| s > p && fits(s))
        .map(|s| (s, r))
}

fn is_ethnic_first(w: &W) -> bool {
    ETHNIC_FIRST.contains(&w.text.as_str()) || is_h_prefix(&w.text)
}

/// Whether lowercase word `k` continues a title.
fn title_word(ws: &[W], k: usize) -> bool {
    let w = ws[k].lower.as_str();
    let next = ws.get(k + 1);
    if w == "dự" && next.is_some_and(|n| n.lower == "khuyết") {
        return true; // "Ủy viên dự khuyết"
    }
    // "Chủ tịch Hội đồng chủ trì": "đồng" finishes the body before it, it opens no verb.
    if k > 0 && ws[k - 1].after.is_none() && is_cap(&ws[k - 1]) && phrase_at(ws, k - 1, BODY_HEADS) == Some(2) {
        return true;
    }
    if phrase_at(ws, k, TITLE_STOPS).is_some() || cue_at(ws, k).is_some() {
        return false;
    }
    if TITLE_JOINERS.contains(&w) {
        // "Đại sứ Việt Nam tại Campuchia", but not "… và Bí thư các huyện ủy" (a new title).
        return ws[k].after.is_none()
            && next.is_some_and(|n| {
                (is_cap(n) && !starts_person(ws, k + 1) && title_head(ws, k + 1, false).is_none()) || is_admin(n)
            });
    }
    // The second syllable of a capitalised word ("Chủ tịch", "Tỉnh ủy", "Y tế").
    let after_capital = k > 0 && ws[k - 1].after.is_none() && is_cap(&ws[k - 1]);
    after_capital || TITLE_WORDS.contains(&w)
}

enum Scan {
    /// The title ends before this word.
    Title(usize),
    /// A cue (honorific, rank) follows the title at this word.
    Cue(usize),
    /// A personal name ends the title.
    Name(usize, usize),
}

/// Scans a title from word `i` (its head already checked) to its end.
fn scan_title(ws: &[W], i: usize) -> Scan {
    let n = ws.len().min(i + MAX_TITLE);
    let mut k = i + title_head(ws, i, true).unwrap_or(1);
    if ws[k - 1].after.is_some() {
        return Scan::Title(k);
    }
    while k < n {
        if cue_at(ws, k).is_some() {
            return Scan::Cue(k);
        }
        if is_name_word(&ws[k]) && ws[k].before.is_none() {
            let r = run_end(ws, k);
            if let Some((s, e)) = name_in_run(ws, k, r) {
                return Scan::Name(s, e);
            }
            k = r.max(k + 1);
        } else if is_lower(&ws[k]) {
            if !title_word(ws, k) {
                return Scan::Title(k);
            }
            k += 1;
        } else if ws[k].before.is_none() {
            k += 1; // acronyms and numbers: "UBND", "Quân khu 5"
        } else {
            return Scan::Title(k);
        }
        match ws[k - 1].after {
            None => {}
            // "Sở Lao động - Thương binh và Xã hội"
            Some('-') if k < n && is_cap(&ws[k]) && !starts_person(ws, k) => {}
            Some(_) => return Scan::Title(k),
        }
    }
    Scan::Title(n)
}

/// A cue at word `k`: (its length, honorific, rank).
fn cue_at(ws: &[W], k: usize) -> Option<(usize, Option<String>, Option<String>)> {
    let mut j = k;
    let mut honorific = None;
    let mut rank = None;
    if let Some(n) = phrase_at(ws, j, HONORIFICS) {
        // "tỉnh Bà Rịa": after a place word it is a name, not "bà".
        let after_place = j > 0 && is_admin(&ws[j - 1]) && ws[j - 1].after.is_none();
        if !after_place {
            let h = ws[j..j + n].iter().map(|w| w.lower.as_str()).collect::<Vec<_>>().join(" ");
            honorific = Some(h.trim_start_matches("các ").to_string());
            j += n;
        }
    }
    if let Some(n) = phrase_at(ws, j, RANKS) {
        rank = Some(text_words(ws, j, j + n));
        j += n;
    }
    while j < ws.len() && is_degree(&ws[j]) {
        j += 1;
    }
    // A cue must lead somewhere: a capitalised word (or ":" before a list).
    let leads = j < ws.len() && (is_cap(&ws[j]) || (j > k && ws[j - 1].after == Some(':')));
    (j > k && leads).then_some((j - k, honorific, rank))
}

fn text_words(ws: &[W], a: usize, b: usize) -> String {
    ws[a..b].iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// Whether a person's mention starts at word `k` (used to end title lists).
fn starts_person(ws: &[W], k: usize) -> bool {
    cue_at(ws, k).is_some() || surname_then_title(ws, k).is_some()
}

/// "Nguyễn Văn A, Phó Bí thư …" / "Nguyễn Văn A-Phó Bí thư …": a family name's run
/// joined to a title.
fn surname_then_title(ws: &[W], k: usize) -> Option<(usize, usize)> {
    if k >= ws.len() || !is_surname(&ws[k]) || (k > 0 && is_admin(&ws[k - 1]) && ws[k - 1].after.is_none()) {
        return None;
    }
    let r = run_end(ws, k);
    let n = r - k;
    let joined = matches!(ws[r - 1].after, Some(',' | '-')) || ws.get(r).is_some_and(|w| w.before == Some('('));
    (n >= 2 && n <= max_name(&ws[k]) && joined && title_head(ws, r, false).is_some()).then_some((k, r))
}

/// Titles after a name ("-Ủy viên …, Bí thư Tỉnh ủy, …"), from word `k`: the titles
/// and the first word after them. A title that itself ends in a name ("…, Chủ tịch
/// UBND tỉnh Đặng Quốc Thịnh") is left to that person.
fn titles_after(chars: &[char], ws: &[W], mut k: usize) -> (Vec<String>, usize) {
    let mut titles: Vec<String> = Vec::new();
    let mut end = k;
    while k < ws.len() && !starts_person(ws, k) {
        // "nguyên Chủ tịch" (former), "quyền Giám đốc" (acting).
        let lead = usize::from(matches!(ws[k].lower.as_str(), "nguyên" | "quyền") && ws[k].after.is_none());
        let head = k + lead;
        // A piece that is no title ("…, Hà Nội và Đà Nẵng") ends the list, unless it
        // continues a body's name ("Sở Văn hóa, Thể thao và Du lịch").
        let headed = title_head(ws, head, true).is_some();
        if head >= ws.len() || !(headed || (is_cap(&ws[head]) && !titles.is_empty())) {
            break;
        }
        let stop = match scan_title(ws, head) {
            Scan::Title(e) => e,
            Scan::Cue(_) | Scan::Name(..) => break,
        };
        if stop <= head {
            break;
        }
        let text = text_of(chars, ws, k, stop);
        // "Giám đốc Sở Văn hóa, Thể thao và Du lịch": a body's name with a comma in it.
        let continues_body = !headed && ws[head..stop].iter().any(|w| w.lower == "và");
        if !headed && !continues_body {
            break;
        }
        match titles.last_mut() {
            Some(last) if continues_body => {
                last.push_str(", ");
                last.push_str(&text);
            }
            _ => titles.push(text),
        }
        end = stop;
        k = stop;
        if ws[stop - 1].after == Some(',') {
            continue;
        }
        // "Bí thư Huyện ủy kiêm Bí thư Đảng ủy Quân sự huyện"
        if ws[stop - 1].after.is_none() && ws.get(stop).is_some_and(|w| w.lower == "kiêm") {
            k = stop + 1;
            continue;
        }
        break;
    }
    (titles, end)
}

/// Titles right before word `at` (a cue or the start of a name's piece): a title in its
/// own piece ending at the cue ("Bí thư Tỉnh ủy đồng chí …"), then whole titles in the
/// comma-separated pieces before ("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Hồ Văn Niên").
/// Never reaches back before `floor`. Returns the titles and the first word they cover.
fn titles_before(chars: &[char], ws: &[W], at: usize, floor: usize) -> (Vec<String>, usize) {
    let boundary = |k: usize| ws[k].after.is_some_and(|c| c != '-');
    let piece_start = |end: usize| {
        let mut s = end;
        while s > floor && s + MAX_TITLE > end && !boundary(s - 1) {
            s -= 1;
        }
        s
    };
    let mut titles = Vec::new();
    let mut first = at;
    let seg = piece_start(at);
    let ends_at_cue = |p: usize| matches!(scan_title(ws, p), Scan::Cue(c) if c == at);
    if let Some(p) = (seg..at).find(|&p| title_head(ws, p, false).is_some() && ends_at_cue(p)) {
        titles.push(text_of(chars, ws, p, at));
        first = p;
    }
    // Earlier pieces count only when the mention opens its piece.
    while first > floor && first == piece_start(first) && ws[first - 1].after == Some(',') {
        let end = first;
        let seg = piece_start(end - 1);
        let whole = |p: usize| title_head(ws, p, false).is_some() && matches!(scan_title(ws, p), Scan::Title(e) if e == end);
        let Some(p) = (seg..end).find(|&p| whole(p)) else {
            break;
        };
        titles.insert(0, text_of(chars, ws, p, end));
        first = p;
    }
    (titles, first)
}

// ---------------------------------------------------------------------------------------
// Finding people

struct Mention {
    /// First word of the mention (title, cue or name).
    first: usize,
    /// The name's words.
    name: (usize, usize),
    /// First word after the mention and its titles.
    end: usize,
    person: Person,
}

/// Every person named in `sentence`, in order.
pub fn find_people(sentence: &str) -> Vec<Person> {
    let chars: Vec<char> = sentence.nfc().collect();
    let ws = words(&chars);
    let mut found: Vec<Mention> = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < ws.len() {
        match mention_at(&chars, &ws, i, floor, found.last()) {
            Some(m) => {
                i = m.end.max(m.name.1).max(i + 1);
                floor = i;
                found.push(m);
            }
            None => i += 1,
        }
    }
    let vs = verbs(&ws, &found);
    let firsts: Vec<Option<usize>> = (0..found.len()).map(|t| first_verb_after(&ws, &found, &vs, t)).collect();
    let roles: Vec<Option<Role>> = (0..found.len()).map(|t| role_of(&ws, &found, &vs, &firsts, t)).collect();
    found
        .into_iter()
        .zip(roles)
        .map(|(mut m, role)| {
            m.person.role = role;
            m.person
        })
        .collect()
}

/// The mention starting at word `i`, if any.
fn mention_at(chars: &[char], ws: &[W], i: usize, floor: usize, prev: Option<&Mention>) -> Option<Mention> {
    let ending_title = |j: usize| match scan_title(ws, j) {
        Scan::Name(s, e) => Some((s, e)),
        _ => None,
    };
    // After a cue: the name, or a title ending in the name ("đồng chí Chủ tịch UBND tỉnh
    // Đặng Quốc Thịnh").
    let cued = cue_at(ws, i).and_then(|(n, h, r)| {
        let j = i + n;
        match cued_name(ws, j) {
            Some(name) => Some((name, h, r, None)),
            None if title_head(ws, j, false).is_some() => ending_title(j).map(|name| (name, h, r, Some(j))),
            None => None,
        }
    });
    let (name, honorific, rank, title_start) = match cued {
        Some(found) => found,
        // "Bí thư Tỉnh ủy Hồ Văn Niên"; a cue inside the title is handled at the cue.
        None => match title_head(ws, i, true).and_then(|_| ending_title(i)) {
            Some(name) => (name, None, None, Some(i)),
            None => {
                let name = surname_then_title(ws, i).or_else(|| {
                    // "các đồng chí Nguyễn Văn A, Trần Văn B và Lê Thị C": names listed
                    // after the one before, each opening with a family name.
                    let listed = prev.is_some_and(|p| {
                        (p.end == i && i > 0 && ws[i - 1].after == Some(','))
                            || (p.end + 1 == i
                                && ws[p.end].after.is_none()
                                && matches!(ws[p.end].lower.as_str(), "và" | "cùng"))
                    });
                    cued_name(ws, i).filter(|&(s, e)| listed && is_surname(&ws[s]) && place_at(ws, s, e) == 0)
                });
                (name?, None, None, None)
            }
        },
    };
    let (s, e) = name;
    let (mut titles, first) = titles_before(chars, ws, i, floor);
    if let Some(t) = title_start {
        if t < s {
            titles.push(text_of(chars, ws, t, s));
        }
    }
    // Titles after: "Name-Title, Title" and "Name, Title".
    let joined = matches!(ws[e - 1].after, Some(',' | '-')) || ws.get(e).is_some_and(|w| w.before == Some('('));
    let (mut after, end) = if joined { titles_after(chars, ws, e) } else { (Vec::new(), e) };
    titles.append(&mut after);
    let person = Person {
        name: text_words(ws, s, e),
        start: ws[s].start,
        end: ws[e - 1].end,
        titles,
        rank,
        honorific,
        role: None,
    };
    Some(Mention { first, name: (s, e), end: end.max(e), person })
}

// ---------------------------------------------------------------------------------------
// Roles

#[derive(Clone, Copy, PartialEq)]
enum Verb {
    Chair,
    Attend,
    SpeakOpen,
    SpeakClause,
}

impl Verb {
    fn role(self) -> Role {
        match self {
            Verb::Chair => Role::Chair,
            Verb::Attend => Role::Attendee,
            Verb::SpeakOpen | Verb::SpeakClause => Role::Speaker,
        }
    }
}

/// Role verbs of the sentence outside the mentions: (word, verb).
fn verbs(ws: &[W], found: &[Mention]) -> Vec<(usize, Verb)> {
    let inside = |k: usize| found.iter().any(|m| k >= m.first && k < m.end);
    // A verb is lowercase mid-sentence; a capitalised one is part of a title
    // ("Trưởng Ban Chỉ đạo"), unless it opens the sentence or a clause ("Dự hội nghị có …").
    let verb_form = |k: usize| is_lower(&ws[k]) || k == 0 || ws[k - 1].after.is_some_and(|c| c != '-');
    let mut out = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let lists = [
            (CHAIR_VERBS, Verb::Chair),
            (ATTEND_VERBS, Verb::Attend),
            (SPEAK_OPEN, Verb::SpeakOpen),
            (SPEAK_CLAUSE, Verb::SpeakClause),
        ];
        let best = lists
            .iter()
            .filter_map(|(list, v)| phrase_at(ws, k, list).map(|n| (n, *v)))
            .max_by_key(|(n, _)| *n);
        match best {
            Some((n, v)) if !inside(k) && verb_form(k) => {
                let phrase = ws[k..k + n].iter().map(|w| w.lower.as_str()).collect::<Vec<_>>().join(" ");
                let next = ws.get(k + n).map(|w| w.lower.as_str()).unwrap_or("");
                let prev = if k > 0 && ws[k - 1].after.is_none() { ws[k - 1].lower.as_str() } else { "" };
                let noun = (ws[k + n - 1].after.is_none() && not_verb(&phrase, next))
                    || noun_after(prev, v)
                    // "Bộ Ngoại giao đồng chủ trì": "giao" ends a body's name there.
                    || task_lead(if k >= 2 && is_cap(&ws[k - 2]) { "" } else { prev }, v, next);
                if !noun {
                    out.push((k, v));
                }
                k += n;
            }
            // Inside a mention a longer phrase may overlap its last word ("Chủ tịch Hội
            // đồng chủ trì"): go on word by word.
            Some(_) | None => k += 1,
        }
    }
    out
}

fn clause_end(w: &W) -> bool {
    matches!(w.after, Some('.' | ';' | ':' | '!' | '?' | '…'))
}

/// The role of mention `t`.
fn role_of(ws: &[W], found: &[Mention], vs: &[(usize, Verb)], firsts: &[Option<usize>], t: usize) -> Option<Role> {
    if let Some(r) = role_after(ws, found, vs, t) {
        return Some(r);
    }
    // "Theo ông X, …": reported speech.
    let first = found[t].first;
    if first > 0 && ws[first - 1].lower == "theo" && ws[first - 1].after.is_none() {
        return Some(Role::Speaker);
    }
    role_before(ws, found, vs, firsts, t)
}

/// The first role verb after the mention in its clause, skipping people joined to it
/// ("đồng chí A và đồng chí B đồng chủ trì"); chairing later in the clause still wins
/// after an attending or opening verb ("dự và chủ trì hội nghị").
fn role_after(ws: &[W], found: &[Mention], vs: &[(usize, Verb)], t: usize) -> Option<Role> {
    // The end of the group of people joined by "và", "cùng" or a comma.
    let mut end = found[t].end;
    let mut u = t + 1;
    while u < found.len() {
        let gap = found[u].first.saturating_sub(end);
        let joined = found[u].first >= end
            && (gap == 0 && end > 0 && matches!(ws[end - 1].after, Some(',' | ';'))
                || gap == 1 && matches!(ws[end].lower.as_str(), "và" | "cùng")
                || gap == 2 && ws[end].lower == "cùng" && ws[end + 1].lower == "với");
        if !joined {
            break;
        }
        end = found[u].end;
        u += 1;
    }
    let next_person = found.get(u).map_or(usize::MAX, |m| m.first);
    let barrier = (end.saturating_sub(1)..ws.len())
        .find(|&k| k >= end && clause_end(&ws[k]))
        .map_or(ws.len(), |k| k + 1)
        .min(next_person)
        .min(end + 40);
    let in_clause: Vec<(usize, Verb)> = vs.iter().copied().filter(|&(k, _)| k >= end && k < barrier).collect();
    let &(k1, v1) = in_clause.first()?;
    if v1 != Verb::Chair && v1 != Verb::SpeakClause {
        let chair_later = in_clause.iter().skip(1).take_while(|(_, v)| *v != Verb::SpeakClause).any(|&(k, v)| {
            let joined = matches!(ws[k - 1].lower.as_str(), "và" | "rồi") || ws[k - 1].after == Some(',');
            v == Verb::Chair && k > k1 && joined
        });
        if chair_later {
            return Some(Role::Chair);
        }
    }
    Some(v1.role())
}

/// A verb before the mention that introduces it ("Chủ trì hội nghị có đồng chí X",
/// "dưới sự chủ trì của ông X"). The verb must have no subject of its own: it opens a
/// clause or follows "sự" ("Sở Y tế chủ trì, … có ông X" is not about X).
fn role_before(ws: &[W], found: &[Mention], vs: &[(usize, Verb)], firsts: &[Option<usize>], t: usize) -> Option<Role> {
    let first = found[t].first;
    let &(k, mut v) = vs.iter().rev().find(|&&(k, _)| k < first)?;
    let opens = |k: usize| k == 0 || ws[k - 1].after.is_some_and(|c| c != '-') || ws[k - 1].lower == "sự";
    // "Tiếp và làm việc với đoàn có ông X": joined by "và" to a verb that opens the clause.
    // Of the joined verbs, chairing counts before attending before speaking ("Tới dự và
    // chỉ đạo hội nghị có …" is about who attended).
    let rank = |v: Verb| match v {
        Verb::Chair => 0,
        Verb::Attend => 1,
        Verb::SpeakOpen | Verb::SpeakClause => 2,
    };
    let mut head = k;
    while !opens(head) && head >= 2 && ws[head - 1].lower == "và" {
        match vs.iter().rev().find(|&&(k2, _)| k2 + 1 < head) {
            Some(&(k2, v2)) if head - 1 - k2 <= 3 => {
                head = k2;
                if rank(v2) < rank(v) {
                    v = v2;
                }
            }
            _ => break,
        }
    }
    if !opens(head) {
        return None;
    }
    let between = &ws[k..first];
    if between.iter().take(between.len().saturating_sub(1)).any(|w| matches!(w.after, Some('.' | '!' | '?'))) {
        return None;
    }
    if !between.iter().any(|w| LINKS.contains(&w.lower.as_str())) {
        return None;
    }
    // "Đồng chí A, Bí thư Tỉnh ủy, chủ trì hội nghị có …": the verb is A's.
    let claimed = firsts[..t].contains(&Some(k));
    (!claimed).then_some(v.role())
}

fn first_verb_after(ws: &[W], found: &[Mention], vs: &[(usize, Verb)], t: usize) -> Option<usize> {
    let end = found[t].end;
    let stop = (end..ws.len()).find(|&k| clause_end(&ws[k])).map_or(ws.len(), |k| k + 1);
    vs.iter().map(|&(k, _)| k).find(|&k| k >= end && k < stop)
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

    use crate::extract::SHARED_SAMPLE as SAMPLE;

    /// The people of `s`, each checked to sit at its offsets.
    fn people(s: &str) -> Vec<Person> {
        let found = find_people(s);
        for p in &found {
            let at: String = s.chars().skip(p.start).take(p.end - p.start).collect();
            assert_eq!(at, p.name, "offsets of {} in {s}", p.name);
        }
        found
    }

    fn names(s: &str) -> Vec<String> {
        people(s).into_iter().map(|p| p.name).collect()
    }

    fn one(s: &str) -> Person {
        let mut found = people(s);
        assert_eq!(found.len(), 1, "{s}: {found:#?}");
        found.remove(0)
    }

    #[test]
    fn sample_opening_sentence_names_the_chair_and_splits_his_titles() {
        let p = one(SAMPLE[0]);
        assert_eq!(p.name, "Hồ Văn Niên");
        assert_eq!(p.honorific.as_deref(), Some("đồng chí"));
        assert_eq!(p.role, Some(Role::Chair));
        assert_eq!(
            p.titles,
            ["Ủy viên Ban Chấp hành Trung ương Đảng", "Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh", "Bí thư Đảng ủy Quân sự tỉnh"]
        );
    }

    #[test]
    fn sample_conclusion_sentence_is_spoken() {
        let p = one(SAMPLE[10]);
        assert_eq!(p.name, "Hồ Văn Niên");
        assert_eq!(p.role, Some(Role::Speaker));
        assert_eq!(p.titles, ["Bí thư Tỉnh ủy", "Bí thư Đảng ủy Quân sự tỉnh"]);
    }

    #[test]
    fn sample_has_one_chair_and_no_other_people() {
        assert_eq!(chairs(&SAMPLE), ["Hồ Văn Niên"]);
        let others: Vec<(usize, String)> = SAMPLE
            .iter()
            .enumerate()
            .filter(|(i, _)| ![0, 10].contains(i))
            .flat_map(|(i, s)| names(s).into_iter().map(move |n| (i, n)))
            .collect();
        assert!(others.is_empty(), "{others:?}");
    }

    #[test]
    fn honorifics_open_names() {
        let cases = [
            ("Đồng chí Trần Văn An phát biểu tại hội nghị.", "Trần Văn An", "đồng chí"),
            ("Tham dự có Đ/c Ksor Phước Hà, Phó Chủ tịch UBND tỉnh.", "Ksor Phước Hà", "đ/c"),
            ("Theo ông Nguyễn Văn Phú, Chánh Văn phòng UBND tỉnh, tỉnh đạt 12/15 chỉ tiêu.", "Nguyễn Văn Phú", "ông"),
            ("Dự buổi lễ có bà Nguyễn Thị Thanh Lịch, Phó Chủ tịch UBND tỉnh.", "Nguyễn Thị Thanh Lịch", "bà"),
            ("Anh Hầu A Lềnh cùng dự buổi lễ.", "Hầu A Lềnh", "anh"),
            ("Gia đình chị Đinh Thị Hiếu ở làng Tơ Vơ được tặng nhà.", "Đinh Thị Hiếu", "chị"),
            ("Dự có các đồng chí Phạm Quang Hiển và Ngô Văn Rạng.", "Phạm Quang Hiển", "đồng chí"),
        ];
        for (s, name, honorific) in cases {
            let p = &people(s)[0];
            assert_eq!((p.name.as_str(), p.honorific.as_deref()), (name, Some(honorific)), "{s}");
        }
        // "Bà Rịa" after "tỉnh" is a place; "anh hùng", "bà con" open no name.
        assert!(names("Tỉnh Bà Rịa - Vũng Tàu và tỉnh Bà Rịa Vũng Tàu tổ chức hội nghị.").is_empty());
        assert!(names("Các anh hùng liệt sĩ và bà con Quảng Trị được tri ân.").is_empty());
    }

    #[test]
    fn ranks_open_names() {
        let cases = [
            ("Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng dự lễ.", "Đại tướng", "Phan Văn Giang"),
            ("Thượng tướng Nguyễn Tân Cương phát biểu chỉ đạo.", "Thượng tướng", "Nguyễn Tân Cương"),
            ("Trung tướng Nguyễn Văn Nam, Tư lệnh Quân khu 5 dự.", "Trung tướng", "Nguyễn Văn Nam"),
            ("Cùng dự có Thiếu tướng Rah Lan Lâm, Phó Tư lệnh Quân khu 5.", "Thiếu tướng", "Rah Lan Lâm"),
            ("Đại tá Phạm Ngọc Lân, Chỉ huy trưởng Bộ CHQS tỉnh dự.", "Đại tá", "Phạm Ngọc Lân"),
            ("Thượng tá Rơ Châm Ngheo báo cáo kết quả.", "Thượng tá", "Rơ Châm Ngheo"),
            ("Trung tá Lê Hoàng Khải, Đồn trưởng Đồn Biên phòng Khánh Hội dự.", "Trung tá", "Lê Hoàng Khải"),
            ("Thiếu tá Lò Văn Puốn cho biết đồn đã tuần tra 120 lượt.", "Thiếu tá", "Lò Văn Puốn"),
            ("Đại úy Vũ Thị Lan nhận bằng khen.", "Đại úy", "Vũ Thị Lan"),
            ("Thượng úy Trần Văn Hùng tham dự.", "Thượng úy", "Trần Văn Hùng"),
            ("Trung úy Sùng A Chứ nhận nhiệm vụ.", "Trung úy", "Sùng A Chứ"),
            ("Thiếu úy Lê Minh Tú có mặt.", "Thiếu úy", "Lê Minh Tú"),
            ("Đồng chí đại tá Trần Văn Duệ, Chỉ huy trưởng Bộ CHQS tỉnh báo cáo.", "đại tá", "Trần Văn Duệ"),
        ];
        for (s, rank, name) in cases {
            let p = one(s);
            assert_eq!((p.rank.as_deref(), p.name.as_str()), (Some(rank), name), "{s}");
        }
    }

    #[test]
    fn academic_and_medical_titles_open_names() {
        let cases = [
            ("TS. Nguyễn Văn Hùng trình bày tham luận.", "Nguyễn Văn Hùng"),
            ("PGS.TS. Phạm Quang Hiển, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị.", "Phạm Quang Hiển"),
            ("ThS. Lê Thị Hồng Nhung báo cáo đề dẫn.", "Lê Thị Hồng Nhung"),
            ("GS. Võ Tòng Xuân chia sẻ kinh nghiệm.", "Võ Tòng Xuân"),
            ("Đoàn do BS. Trần Văn Duệ làm trưởng đoàn.", "Trần Văn Duệ"),
            ("ThS.BS. Nguyễn Văn Kiên, Giám đốc Bệnh viện Đa khoa tỉnh cho biết.", "Nguyễn Văn Kiên"),
            ("BSCKII. Trần Thị Mai, Phó Giám đốc Sở Y tế phát biểu.", "Trần Thị Mai"),
        ];
        for (s, name) in cases {
            assert_eq!(one(s).name, name, "{s}");
        }
        assert_eq!(one("BSCKII. Trần Thị Mai, Phó Giám đốc Sở Y tế phát biểu.").titles, ["Phó Giám đốc Sở Y tế"]);
    }

    #[test]
    fn ethnic_minority_names() {
        let cases = [
            ("Đ/c Ksor Phước Hà, Phó Chủ tịch UBND tỉnh dự hội nghị.", "Ksor Phước Hà"),
            ("Đồng chí Rơ Mah Tuấn - Phó Chủ tịch UBND tỉnh chủ trì hội nghị.", "Rơ Mah Tuấn"),
            ("Đồng chí Y Thanh Hà Niê Kđăm, Bí thư Tỉnh ủy Đắk Lắk chủ trì hội nghị.", "Y Thanh Hà Niê Kđăm"),
            ("Bà Siu Hương, Phó Chủ tịch HĐND tỉnh phát biểu chỉ đạo.", "Siu Hương"),
            ("Ông Lò Văn Puốn, Phó Chủ tịch UBND tỉnh Lai Châu cho biết, năm 2023 toàn tỉnh đạt 100%.", "Lò Văn Puốn"),
            ("Anh Hầu A Lềnh cùng dự buổi lễ.", "Hầu A Lềnh"),
            ("Đồng chí H'Yim Kđoh, Phó Chủ tịch HĐND tỉnh Đắk Lắk dự lễ.", "H'Yim Kđoh"),
            ("Phó Chủ tịch UBND tỉnh Kpă Thuyên dự buổi lễ.", "Kpă Thuyên"),
            ("Đồng chí Y Ngọc, Phó Bí thư Tỉnh ủy dự và chủ trì hội nghị.", "Y Ngọc"),
        ];
        for (s, name) in cases {
            assert_eq!(one(s).name, name, "{s}");
        }
    }

    #[test]
    fn name_then_titles_with_hyphen_spaced_dash_or_comma() {
        let p = one("Đồng chí Trần Hữu Khoa-Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì hội nghị.");
        assert_eq!((p.name.as_str(), p.titles.as_slice()), ("Trần Hữu Khoa", ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"].map(String::from).as_slice()));
        let p = one("Đồng chí Trần Văn An - Bí thư Huyện ủy Chư Sê phát biểu.");
        assert_eq!((p.name.as_str(), p.titles.as_slice()), ("Trần Văn An", ["Bí thư Huyện ủy Chư Sê".to_string()].as_slice()));
        let p = one("Đồng chí Bùi Thanh Sơn, Ủy viên Trung ương Đảng, Phó Thủ tướng Chính phủ, Bộ trưởng Bộ Ngoại giao dự.");
        assert_eq!(p.titles, ["Ủy viên Trung ương Đảng", "Phó Thủ tướng Chính phủ", "Bộ trưởng Bộ Ngoại giao"]);
        let p = one("Đồng chí Bùi Quang Khuê, Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị.");
        assert_eq!(p.titles, ["Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng", "Bí thư Tỉnh ủy"]);
        // "kiêm" joins two titles; a body's name may hold a dash, "và" or even a comma.
        let p = one("Đồng chí Võ Văn Thành, Bí thư Huyện ủy kiêm Bí thư Đảng ủy Quân sự huyện dự hội nghị.");
        assert_eq!(p.titles, ["Bí thư Huyện ủy", "Bí thư Đảng ủy Quân sự huyện"]);
        let p = one("Ông Nguyễn Văn Sơn, Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh phát biểu.");
        assert_eq!(p.titles, ["Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh"]);
        let p = one("Ông Trần Văn Tám, Giám đốc Sở Văn hóa, Thể thao và Du lịch cho biết ngành đạt nhiều kết quả.");
        assert_eq!(p.titles, ["Giám đốc Sở Văn hóa, Thể thao và Du lịch"]);
        let p = one("Đồng chí Trần Văn Sơn (Bí thư Tỉnh ủy) chủ trì hội nghị.");
        assert_eq!((p.titles.as_slice(), p.role), (["Bí thư Tỉnh ủy".to_string()].as_slice(), Some(Role::Chair)));
    }

    #[test]
    fn name_then_titles_without_a_cue() {
        // A family name joined to a title, as in the lists after "các đồng chí:".
        let s = "Tham dự hội nghị có các đồng chí: Nguyễn Văn Bình, Phó Bí thư Thường trực Tỉnh ủy; Trần Văn Bé, Phó Chủ tịch UBND tỉnh; Thượng tá Lê Văn Cường, Chỉ huy trưởng Bộ CHQS tỉnh.";
        let found = people(s);
        let got: Vec<(&str, &[String], Option<Role>)> = found.iter().map(|p| (p.name.as_str(), p.titles.as_slice(), p.role)).collect();
        let b = ["Phó Bí thư Thường trực Tỉnh ủy".to_string()];
        let t = ["Phó Chủ tịch UBND tỉnh".to_string()];
        let c = ["Chỉ huy trưởng Bộ CHQS tỉnh".to_string()];
        let attendee = Some(Role::Attendee);
        assert_eq!(got, [("Nguyễn Văn Bình", &b[..], attendee), ("Trần Văn Bé", &t[..], attendee), ("Lê Văn Cường", &c[..], attendee)]);
        assert_eq!(names("Nguyễn Văn Bình, Bí thư Tỉnh ủy phát biểu."), ["Nguyễn Văn Bình"]);
        // Names listed without titles after a cued one.
        assert_eq!(names("Dự có các đồng chí Nguyễn Văn An, Trần Văn Bảo và Lê Văn Cường."), ["Nguyễn Văn An", "Trần Văn Bảo", "Lê Văn Cường"]);
        // No family name, no title: not a person.
        assert!(names("Gia Lai, Kon Tum và Đắk Lắk phối hợp tuần tra.").is_empty());
    }

    #[test]
    fn title_then_name() {
        let cases = [
            ("Bí thư Tỉnh ủy Hồ Văn Niên chủ trì hội nghị.", "Hồ Văn Niên", vec!["Bí thư Tỉnh ủy"]),
            ("Chủ tịch UBND tỉnh Đặng Quốc Thịnh phát biểu chỉ đạo.", "Đặng Quốc Thịnh", vec!["Chủ tịch UBND tỉnh"]),
            ("Phó Chủ tịch Thường trực UBND tỉnh Lê Ngọc Quang chủ trì hội nghị.", "Lê Ngọc Quang", vec!["Phó Chủ tịch Thường trực UBND tỉnh"]),
            ("Thủ tướng Phạm Minh Chính chủ trì hội nghị.", "Phạm Minh Chính", vec!["Thủ tướng"]),
            ("Tổng Bí thư Tô Lâm phát biểu chỉ đạo.", "Tô Lâm", vec!["Tổng Bí thư"]),
            ("Phó Bí thư Tỉnh ủy Y Ngọc dự.", "Y Ngọc", vec!["Phó Bí thư Tỉnh ủy"]),
            ("Dự hội nghị có phó chủ tịch UBND tỉnh Nguyễn Văn Lâm.", "Nguyễn Văn Lâm", vec!["phó chủ tịch UBND tỉnh"]),
            ("Phát biểu chỉ đạo, Tư lệnh Quân khu 5 Nguyễn Văn Nam nhấn mạnh nhiệm vụ.", "Nguyễn Văn Nam", vec!["Tư lệnh Quân khu 5"]),
            // Several titles before the name, in comma-separated pieces.
            (
                "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Gia Lai Hồ Văn Niên chủ trì hội nghị.",
                "Hồ Văn Niên",
                vec!["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy Gia Lai"],
            ),
            ("Chỉ huy trưởng Bộ CHQS tỉnh, Đại tá Trần Văn Duệ báo cáo kết quả.", "Trần Văn Duệ", vec!["Chỉ huy trưởng Bộ CHQS tỉnh"]),
            ("Bí thư Tỉnh ủy, đồng chí Hồ Văn Niên chủ trì hội nghị.", "Hồ Văn Niên", vec!["Bí thư Tỉnh ủy"]),
            ("Dự có đồng chí Chủ tịch UBND tỉnh Đặng Quốc Thịnh.", "Đặng Quốc Thịnh", vec!["Chủ tịch UBND tỉnh"]),
            ("Anh hùng Lực lượng vũ trang nhân dân Nguyễn Văn Đẹp cùng dự.", "Nguyễn Văn Đẹp", vec!["Anh hùng Lực lượng vũ trang nhân dân"]),
        ];
        for (s, name, titles) in cases {
            let p = one(s);
            assert_eq!((p.name.as_str(), p.titles.iter().map(String::as_str).collect::<Vec<_>>()), (name, titles), "{s}");
        }
        // "Trung tướng Nguyễn Văn Nam, Tư lệnh Quân khu 5": rank, name, then the title.
        let p = one("Trung tướng Nguyễn Văn Nam, Tư lệnh Quân khu 5 phát biểu.");
        assert_eq!((p.rank.as_deref(), p.titles.as_slice()), (Some("Trung tướng"), ["Tư lệnh Quân khu 5".to_string()].as_slice()));
    }

    #[test]
    fn a_place_before_the_name_belongs_to_the_title() {
        let cases = [
            ("Chủ tịch UBND tỉnh Gia Lai Rơ Mah Tuynh chủ trì hội nghị.", "Rơ Mah Tuynh", "Chủ tịch UBND tỉnh Gia Lai"),
            ("Bí thư Tỉnh ủy Lâm Đồng Vũ Đình Khang phát biểu.", "Vũ Đình Khang", "Bí thư Tỉnh ủy Lâm Đồng"),
            ("Bí thư Thành ủy TP. Hồ Chí Minh Nguyễn Văn Nên dự hội nghị.", "Nguyễn Văn Nên", "Bí thư Thành ủy TP. Hồ Chí Minh"),
            ("Đại sứ Việt Nam tại Campuchia Nguyễn Huy Tăng phát biểu.", "Nguyễn Huy Tăng", "Đại sứ Việt Nam tại Campuchia"),
            // Places the list does not know: the name is the family-name run at the end.
            ("Bí thư Huyện ủy Chư Sê Nguyễn Tấn Phong chủ trì buổi làm việc.", "Nguyễn Tấn Phong", "Bí thư Huyện ủy Chư Sê"),
            ("Bí thư Huyện ủy Lâm Hà Nguyễn Văn Dũng chủ trì.", "Nguyễn Văn Dũng", "Bí thư Huyện ủy Lâm Hà"),
        ];
        for (s, name, title) in cases {
            let p = one(s);
            assert_eq!((p.name.as_str(), p.titles.as_slice()), (name, [title.to_string()].as_slice()), "{s}");
        }
    }

    #[test]
    fn family_names_tell_names_from_places_after_titles() {
        for s in [
            "Chủ tịch UBND tỉnh Hà Giang chủ trì hội nghị.",
            "Chủ tịch UBND huyện Mai Sơn chủ trì cuộc họp.",
            "Bí thư Tỉnh ủy Gia Lai chủ trì hội nghị.",
            "Giám đốc Sở Y tế Lâm Đồng phát biểu.",
            "Chủ tịch UBND huyện Đăk Hà dự.",
            "Bí thư Huyện ủy Lâm Hà chủ trì hội nghị.",
            "Bí thư Thành ủy TP. Hồ Chí Minh dự.",
        ] {
            assert!(names(s).is_empty(), "{s}: {:?}", names(s));
        }
    }

    #[test]
    fn a_title_ends_at_the_role_verb_or_the_clause() {
        let cases = [
            ("Đồng chí Đại tá Trần Văn Duệ, Chỉ huy trưởng Bộ CHQS tỉnh báo cáo kết quả.", vec!["Chỉ huy trưởng Bộ CHQS tỉnh"]),
            ("Ông Võ Ngọc Thành, Phó Chủ tịch UBND tỉnh Phú Yên trao quà.", vec!["Phó Chủ tịch UBND tỉnh Phú Yên"]),
            ("Đồng chí Y Ngọc, Phó Bí thư Tỉnh ủy dự và chủ trì hội nghị.", vec!["Phó Bí thư Tỉnh ủy"]),
            ("Đến dự có Trung tá Lê Hoàng Khải, Đồn trưởng Đồn Biên phòng Khánh Hội cùng đại diện 45 chủ tàu.", vec!["Đồn trưởng Đồn Biên phòng Khánh Hội"]),
            ("Cùng dự có Đại tá Phạm Ngọc Lân, Chỉ huy trưởng Bộ CHQS tỉnh và đại diện lãnh đạo 7 huyện.", vec!["Chỉ huy trưởng Bộ CHQS tỉnh"]),
            ("Dự có Đại tá Nguyễn Hữu Kỳ, Phó Chính ủy Quân khu 5 và Bí thư các huyện ủy.", vec!["Phó Chính ủy Quân khu 5"]),
            ("Ông Đặng Quốc Thịnh, Chủ tịch UBND tỉnh, Chủ tịch Hội đồng chủ trì hội nghị.", vec!["Chủ tịch UBND tỉnh", "Chủ tịch Hội đồng"]),
            ("Đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy; đồng chí Lê Văn Bình dự.", vec!["Bí thư Tỉnh ủy"]),
            ("Đồng chí Nguyễn Văn An, Hà Nội và Đà Nẵng ký kết.", vec![]),
        ];
        for (s, titles) in cases {
            assert_eq!(people(s)[0].titles, titles, "{s}");
        }
        // A title that ends in someone else's name is left to them.
        let found = people("Đồng chí Hồ Văn Niên, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh, Chủ tịch UBND tỉnh Đặng Quốc Thịnh và Đại tá Rơ Mah Tuấn dự.");
        let got: Vec<(&str, usize)> = found.iter().map(|p| (p.name.as_str(), p.titles.len())).collect();
        assert_eq!(got, [("Hồ Văn Niên", 2), ("Đặng Quốc Thịnh", 1), ("Rơ Mah Tuấn", 0)]);
        assert!(found.iter().all(|p| p.role == Some(Role::Attendee)));
    }

    fn role(s: &str) -> Option<Role> {
        one(s).role
    }

    #[test]
    fn chairing_verbs() {
        for s in [
            "Đồng chí Nguyễn Văn Bình, Bí thư Tỉnh ủy chủ trì hội nghị.",
            "Chủ tọa kỳ họp là đồng chí Bùi Quang Khuê, Bí thư Tỉnh ủy.",
            "Bà Hồ Thị Kim Loan, Chủ tịch HĐND thành phố chủ tọa kỳ họp.",
            "Đồng chí Lâm Quang Thị, Phó Chủ tịch UBND tỉnh điều hành phiên thảo luận.",
            "Đồng chủ trì hội nghị có Thiếu tướng Rah Lan Lâm, Phó Tư lệnh Quân khu 5.",
            "Ông Đào Trọng Hiệu, Chủ tịch HĐND thành phố chủ trì, điều hành phiên chất vấn.",
            // Chairing wins over attending or opening in the same clause.
            "Đồng chí Y Ngọc, Phó Bí thư Tỉnh ủy dự và chủ trì hội nghị.",
            "Đồng chí Hoàng Minh Tứ, Phó Bí thư Thường trực Tỉnh ủy dẫn đầu đoàn công tác và chủ trì chương trình.",
        ] {
            assert_eq!(role(s), Some(Role::Chair), "{s}");
        }
    }

    #[test]
    fn attending_verbs() {
        for s in [
            "Dự hội nghị có Thiếu tướng Trịnh Xuân Lãm, Phó Tư lệnh Quân khu 5.",
            "Tham dự có Đại tá Trần Văn Hoạch, Giám đốc Công an tỉnh.",
            "Có mặt tại buổi lễ có ông Đinh Văn Thuyết, Phó Chủ tịch UBND tỉnh.",
            "Cùng dự có Đại tá Phạm Ngọc Lân, Chỉ huy trưởng Bộ CHQS tỉnh.",
            "Đồng chí Huỳnh Văn Lợi, Phó Chủ tịch UBND tỉnh dự và chỉ đạo cuộc diễn tập.",
            "Dự lễ khai mạc có Phó Thủ tướng Nguyễn Khắc Điềm cùng hàng nghìn du khách.",
            "Tiếp và làm việc với đoàn có ông Lý Văn Nhãn, Phó Bí thư Tỉnh ủy.",
            "Tới dự và chỉ đạo hội nghị có đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh.",
        ] {
            assert_eq!(role(s), Some(Role::Attendee), "{s}");
        }
    }

    #[test]
    fn speaking_verbs() {
        for s in [
            "Phát biểu tại hội nghị, Thiếu tướng Nguyễn Văn Hùng đánh giá cao kết quả đạt được.",
            "Đồng chí Hồ Văn Niên phát biểu chỉ đạo hội nghị.",
            "Bí thư Tỉnh ủy Hồ Văn Niên nhấn mạnh công tác quốc phòng.",
            "Ông Lâm Văn Thạnh yêu cầu các sở, ngành dồn sức cho ba tháng cuối năm.",
            "Đồng chí Huỳnh Văn Lợi đề nghị các doanh nghiệp thường xuyên tự kiểm tra.",
            "Đồng chí Huỳnh Tấn Lai kết luận hội nghị.",
            "Thiếu tướng Đỗ Mạnh Cường chỉ đạo các đơn vị tăng cường tuần tra.",
            "Ông Lò Văn Puốn cho biết, năm 2023 toàn tỉnh đạt 100% chỉ tiêu.",
            "Theo ông Nguyễn Văn Phú, Chánh Văn phòng UBND tỉnh, tỉnh đạt 12/15 chỉ tiêu.",
            // A chairing verb in the clause someone asks for is not theirs.
            "Đồng chí Nguyễn Văn Bình yêu cầu Bộ CHQS tỉnh chủ trì, phối hợp với các sở, ngành.",
            "Kết luận hội nghị, đồng chí Hồ Sỹ Quyết yêu cầu các cấp ủy quyết liệt trong chỉ đạo, điều hành.",
        ] {
            assert_eq!(role(s), Some(Role::Speaker), "{s}");
        }
        assert_eq!(role("Thăm và tặng quà gia đình ông Nguyễn Văn Lợi tại xã Ia Dêr."), None);
    }

    #[test]
    fn chairs_in_passive_and_introduced_forms() {
        assert_eq!(chairs(&["Hội nghị do đồng chí Lê Văn Tám, Chủ tịch UBND huyện chủ trì."]), ["Lê Văn Tám"]);
        assert_eq!(chairs(&["Hội nghị được tổ chức dưới sự chủ trì của đồng chí Nguyễn Văn Bình, Bí thư Tỉnh ủy."]), ["Nguyễn Văn Bình"]);
        assert_eq!(
            chairs(&["Chủ trì hội nghị có đồng chí Nguyễn Văn Bình, Bí thư Tỉnh ủy và đồng chí Trần Văn Sơn, Chủ tịch UBND tỉnh."]),
            ["Nguyễn Văn Bình", "Trần Văn Sơn"]
        );
        assert_eq!(chairs(&["Chủ trì hội nghị là các đồng chí Hồ Văn Niên và Đặng Quốc Thịnh."]), ["Hồ Văn Niên", "Đặng Quốc Thịnh"]);
        assert_eq!(
            chairs(&["Cùng chủ trì có đồng chí Phan Đăng Thái, Phó Bí thư Thường trực Tỉnh ủy và đồng chí Nguyễn Cảnh Hưởng, Chủ tịch UBND tỉnh."]),
            ["Phan Đăng Thái", "Nguyễn Cảnh Hưởng"]
        );
    }

    #[test]
    fn co_chairs_joined_before_the_verb() {
        assert_eq!(chairs(&["Đồng chí Nguyễn Văn An và đồng chí Trần Thị Bé đồng chủ trì hội nghị."]), ["Nguyễn Văn An", "Trần Thị Bé"]);
        assert_eq!(
            chairs(&["Ông Nguyễn Mạnh Hùng, Phó Chủ tịch UBND tỉnh Tây Ninh và ông Men Vibol, Tỉnh trưởng tỉnh Svay Rieng đồng chủ trì hội đàm."]),
            ["Nguyễn Mạnh Hùng", "Men Vibol"]
        );
        assert_eq!(
            chairs(&["Đồng chí Kpă Thuyên, Phó Chủ tịch UBND tỉnh; Thượng tá Rơ Châm H'Bin đồng chủ trì buổi giao ban."]),
            ["Kpă Thuyên", "Rơ Châm H'Bin"]
        );
    }

    #[test]
    fn chairs_are_distinct_in_first_mention_order() {
        let doc = [
            "Thủ tướng Phạm Minh Chính chủ trì hội nghị trực tuyến.",
            "Tại điểm cầu tỉnh Gia Lai, đồng chí Đặng Quốc Thịnh, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì.",
            "Đồng chí Nguyễn Văn Lâm chủ trì hội nghị, đồng chí Trần Văn Bé, Phó Chủ tịch UBND tỉnh dự.",
            "Kết luận, Thủ tướng PHẠM MINH CHÍNH và ông trương hải long cùng chủ trì phiên bế mạc.",
        ];
        assert_eq!(chairs(&doc), ["Phạm Minh Chính", "Đặng Quốc Thịnh", "Nguyễn Văn Lâm"]);
        assert!(chairs(&["Bộ CHQS tỉnh chủ trì, phối hợp với Sở Tài chính tham mưu bố trí kinh phí."]).is_empty());
        assert!(chairs(&["Đồng chí Quách Văn Đoài, Phó Chủ tịch UBND tỉnh dẫn đầu đoàn kiểm tra."]).is_empty());
        // Leading a task is not chairing the event.
        assert!(chairs(&["Đồng chí Nguyễn Văn An, Giám đốc Sở Nội vụ được giao chủ trì xây dựng đề án."]).is_empty());
        assert!(chairs(&["Ông Lê Văn Bình chủ trì, phối hợp với các sở rà soát quy hoạch."]).is_empty());
        assert_eq!(chairs(&["Ông Bùi Thanh Sơn, Bộ trưởng Bộ Ngoại giao đồng chủ trì cuộc họp."]), ["Bùi Thanh Sơn"]);
    }

    #[test]
    fn bodies_places_and_sentence_openings_are_not_people() {
        for s in [
            "Tỉnh ủy Gia Lai tổ chức hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15.",
            "Ban Chấp hành Trung ương Đảng ban hành Nghị quyết Trung ương 8 (khóa XI).",
            "Hội đồng nhân dân tỉnh Kon Tum khai mạc kỳ họp tại TP. Kon Tum.",
            "Đoàn công tác của Quân khu 5 đến thăm huyện Ia Grai, tỉnh Gia Lai và xã Ia Chía.",
            "Việt Nam và Campuchia ký kết biên bản ghi nhớ về Tây Nguyên.",
            "Bộ CHQS tỉnh Đắk Nông và UBND huyện Đắk Song phối hợp với HĐND xã Hồ Tùng.",
            "Dự hội nghị có lãnh đạo Bộ CHQS tỉnh, Công an tỉnh và Bí thư Huyện ủy, Thị ủy, Thành ủy.",
            "Về nhiệm vụ trong thời gian tới, Bí thư Đảng ủy Quân sự tỉnh yêu cầu cấp ủy tiếp tục thực hiện tốt công tác.",
            "Hà Nội, Lâm Đồng và Cao Bằng đạt chỉ tiêu; Lê Lợi là tên một tuyến phố.",
            "Chủ tịch UBND huyện A Lưới và Chủ tịch UBND thành phố Hồ Chí Minh chủ trì.",
            "Tốc độ tăng trưởng Lê Văn Hưu, một tuyến đường, đạt 7%.",
            "Mô hình “Tổ tàu an toàn” của Đồn Biên phòng Khánh Hội được nhân rộng.",
        ] {
            assert!(names(s).is_empty(), "{s}: {:?}", names(s));
        }
    }

    #[test]
    fn names_stop_before_titles_and_bodies() {
        assert_eq!(names("Đồng chí Trần Văn An Bí thư Huyện ủy phát biểu."), ["Trần Văn An"]);
        assert_eq!(names("Ông Lê Văn Hùng trưởng thôn Plei Ku cho biết."), ["Lê Văn Hùng"]);
        assert_eq!(names("Thủ tướng Phạm Minh Chính phát biểu."), ["Phạm Minh Chính"]);
        assert_eq!(names("Đồng chí Nguyễn Văn Thành Tỉnh ủy viên dự."), ["Nguyễn Văn Thành"]);
    }

    #[test]
    fn names_compare_after_nfc_and_case_folding() {
        let nfd: String = "Hồ Văn Niên".nfd().collect();
        assert!(same_name(&nfd, "hồ văn niên"));
        assert!(same_name("HỒ  VĂN NIÊN", "Hồ Văn Niên"));
        assert!(!same_name("Hồ Văn Niên", "Hồ Văn Niêm"));
        // A decomposed sentence gives the same people as the composed one.
        let nfd_sentence: String = SAMPLE[0].nfd().collect();
        assert_eq!(find_people(&nfd_sentence), find_people(SAMPLE[0]));
    }

    #[test]
    fn people_serialise_with_lowercase_roles() {
        let p = one(SAMPLE[0]);
        let json = serde_json::to_value(&p).expect("a person serialises");
        assert_eq!(json["role"], "chair");
        assert_eq!(json["name"], "Hồ Văn Niên");
        assert!(json.get("rank").is_none());
        let back: Person = serde_json::from_value(json).expect("and reads back");
        assert_eq!(back, p);
    }

    #[test]
    fn any_input_is_safe_and_bounded() {
        for s in [
            "", " ", "-", " - – — ", ",,,", "Đồng chí", "đồng chí Nguyễn", "Bí thư", "Phó", "Phó Chủ tịch UBND tỉnh Lê",
            "( ) , . - -", "Y", "H'", "Nguyễn Văn A,", "Nguyễn Văn A-", "TP.", "PGS.TS.", "chủ trì", "các đồng chí:",
            "Đồng chí Nguyễn Văn A và", "“Đồng chí”", "Đại tá,", "(Bí thư Tỉnh ủy)", "Nguyễn Văn A - - Bí thư",
        ] {
            let _ = people(s);
        }
        // A sentence of thousands of words with no punctuation stays fast (bounded runs).
        let long = ["Bí thư Tỉnh ủy Gia Lai Hồ Văn Niên"; 300].join(" ") + &[" Nguyễn"; 3000].concat();
        let started = std::time::Instant::now();
        assert_eq!(people(&long).len(), 300);
        assert!(started.elapsed().as_secs() < 10);
    }

    #[test]
    fn word_lists_agree() {
        // A family name must be allowed to open a name.
        let clash: Vec<&&str> = SURNAMES.iter().filter(|s| NOT_FIRST.contains(s)).collect();
        assert!(clash.is_empty(), "{clash:?}");
        // Phrase lists are compared in lower case.
        for list in [HONORIFICS, RANKS, TITLE_HEADS, BODY_HEADS, TITLE_WORDS, CHAIR_VERBS, ATTEND_VERBS, SPEAK_OPEN, SPEAK_CLAUSE, TITLE_STOPS, LINKS, ADMIN] {
            for p in list {
                assert_eq!(p.to_lowercase(), *p, "{p}");
            }
        }
    }
}
