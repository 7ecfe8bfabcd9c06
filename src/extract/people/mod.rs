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
//!
//! The word lists (honorifics, ranks, title heads, family names, role verbs, …) are
//! [`PeopleWords`], read from `data/rules/people.txt`, its places from the gazetteer.
//! Here: the public API; `words` splits a sentence, `titles` scans titles and names,
//! `roles` gives each person a role.

mod roles;
mod titles;
mod words;

pub use crate::document::facts::{Person, Role};
pub use crate::rules::PeopleWords;

use roles::first_verb_after;
use titles::Scan;
use words::{text_of, text_words, W};

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
pub fn find_people(sentence: &str, rules: &PeopleWords) -> Vec<Person> {
    let chars: Vec<char> = crate::text::nfc(sentence).chars().collect();
    let ws = rules.words(&chars);
    let mut found: Vec<Mention> = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < ws.len() {
        match rules.mention_at(&chars, &ws, i, floor, found.last()) {
            Some(m) => {
                i = m.end.max(m.name.1).max(i + 1);
                floor = i;
                found.push(m);
            }
            None => i += 1,
        }
    }
    let vs = rules.verbs(&ws, &found);
    let firsts: Vec<Option<usize>> = (0..found.len()).map(|t| first_verb_after(&ws, &found, &vs, t)).collect();
    let roles: Vec<Option<Role>> = (0..found.len()).map(|t| rules.role_of(&ws, &found, &vs, &firsts, t)).collect();
    found
        .into_iter()
        .zip(roles)
        .map(|(mut m, role)| {
            m.person.role = role;
            m.person
        })
        .collect()
}

impl PeopleWords {
    /// The mention starting at word `i`, if any.
    fn mention_at(&self, chars: &[char], ws: &[W], i: usize, floor: usize, prev: Option<&Mention>) -> Option<Mention> {
        let ending_title = |j: usize| match self.scan_title(ws, j) {
            Scan::Name(s, e) => Some((s, e)),
            _ => None,
        };
        // After a cue: the name, or a title ending in the name ("đồng chí Chủ tịch UBND tỉnh
        // Đặng Quốc Thịnh").
        let cued = self.cue_at(ws, i).and_then(|(n, h, r)| {
            let j = i + n;
            match self.cued_name(ws, j) {
                Some(name) => Some((name, h, r, None)),
                None if self.title_head(ws, j, false).is_some() => ending_title(j).map(|name| (name, h, r, Some(j))),
                None => None,
            }
        });
        let (name, honorific, rank, title_start) = match cued {
            Some(found) => found,
            // "Bí thư Tỉnh ủy Hồ Văn Niên"; a cue inside the title is handled at the cue.
            None => match self.title_head(ws, i, true).and_then(|_| ending_title(i)) {
                Some(name) => (name, None, None, Some(i)),
                None => {
                    let name = self.surname_then_title(ws, i).or_else(|| {
                        // "các đồng chí Nguyễn Văn A, Trần Văn B và Lê Thị C": names listed
                        // after the one before, each opening with a family name.
                        let listed = prev.is_some_and(|p| {
                            (p.end == i && i > 0 && ws[i - 1].after == Some(','))
                                || (p.end + 1 == i
                                    && ws[p.end].after.is_none()
                                    && matches!(ws[p.end].lower.as_str(), "và" | "cùng"))
                        });
                        self.cued_name(ws, i).filter(|&(s, e)| listed && self.is_surname(&ws[s]) && self.place_at(ws, s, e) == 0)
                    });
                    (name?, None, None, None)
                }
            },
        };
        let (s, e) = name;
        let (mut titles, first) = self.titles_before(chars, ws, i, floor);
        if let Some(t) = title_start {
            if t < s {
                titles.push(text_of(chars, ws, t, s));
            }
        }
        // Titles after: "Name-Title, Title" and "Name, Title".
        let (mut after, end) = if self.titles_follow(ws, e) { self.titles_after(chars, ws, e) } else { (Vec::new(), e) };
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
}

/// Names compared after NFC, case folding and one tone placement ("Thuỷ" is "Thủy").
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// One key for every spelling of a name: case, spacing and old or new tone placement
/// ("Thuỷ", "THỦY") are one; other diacritics still tell names apart ("Hùng" ≠ "Hưng").
/// What [`same_name`] compares, the people index groups by and the database stores.
pub fn name_key(name: &str) -> String {
    crate::text::fold(&crate::text::nfc(name)).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    use crate::extract::SHARED_SAMPLE as SAMPLE;

    fn find_people(s: &str) -> Vec<Person> {
        super::find_people(s, &crate::extract::test_resources().people)
    }

    /// The distinct people who chaired, in order of first mention.
    fn chairs(sentences: &[&str]) -> Vec<String> {
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

    /// A name after what the person is in the story ("Tân binh", "Học sinh", "Ngư dân").
    #[test]
    fn a_name_after_what_the_person_is() {
        assert_eq!(names("Tân binh Trần Văn Đạt phát biểu cảm tưởng."), ["Trần Văn Đạt"]);
        assert_eq!(names("Ngư dân Nguyễn Văn Tư được cứu sống kịp thời."), ["Nguyễn Văn Tư"]);
        // A school after "học sinh" is no one.
        assert!(names("Học sinh Trường THPT Chu Văn An tham gia.").is_empty());
    }

    #[test]
    fn a_dash_glued_to_one_side_keeps_the_whole_name() {
        let p = one("Dự lễ có đồng chí Lưu Văn Thắng- TUV, Bí thư Huyện ủy Sa Thầy.");
        assert_eq!((p.name.as_str(), p.role), ("Lưu Văn Thắng", Some(Role::Attendee)));
        // The abbreviated membership title opens the list; the titles after it stay.
        assert_eq!(p.titles, ["TUV", "Bí thư Huyện ủy Sa Thầy"]);
        let p = one("Đồng chí Trần Văn Hùng - Tỉnh ủy viên, Bí thư Huyện ủy chủ trì hội nghị.");
        assert_eq!((p.titles.as_slice(), p.role), (["Tỉnh ủy viên", "Bí thư Huyện ủy"].map(String::from).as_slice(), Some(Role::Chair)));
        let p = one("Ông Đặng Quang Vinh, UVBTV Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy dự.");
        assert_eq!(p.titles, ["UVBTV Tỉnh ủy", "Trưởng Ban Tổ chức Tỉnh ủy"]);
        let p = one("Đồng chí Hà Thị Nguyệt -Phó Chủ tịch UBND huyện phát biểu.");
        assert_eq!((p.name.as_str(), p.titles.as_slice()), ("Hà Thị Nguyệt", ["Phó Chủ tịch UBND huyện".to_string()].as_slice()));
    }

    /// A title runs through a known body's lowercase words, so the people after it are
    /// still joined to the verb.
    #[test]
    fn titles_run_through_known_bodies() {
        let found = people("Bà Đỗ Thị Hằng-Chủ tịch Hội Chữ thập đỏ tỉnh và ông Y Phôn Niê-Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh đồng chủ trì chương trình.");
        let got: Vec<(&str, &[String], Option<Role>)> = found.iter().map(|p| (p.name.as_str(), p.titles.as_slice(), p.role)).collect();
        let red_cross = ["Chủ tịch Hội Chữ thập đỏ tỉnh".to_string()];
        let front = ["Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh".to_string()];
        assert_eq!(got, [("Đỗ Thị Hằng", &red_cross[..], Some(Role::Chair)), ("Y Phôn Niê", &front[..], Some(Role::Chair))]);
        let p = one("Ông Hà Văn Lợi, Giám đốc Trung tâm Kiểm soát bệnh tật tỉnh cho biết số ca mắc giảm.");
        assert_eq!(p.titles, ["Giám đốc Trung tâm Kiểm soát bệnh tật tỉnh"]);
        // The verb after the body still ends the title.
        let p = one("Ông Hà Văn Lợi, Chủ tịch Hội Người cao tuổi tỉnh phát biểu tại buổi lễ.");
        assert_eq!((p.titles.as_slice(), p.role), (["Chủ tịch Hội Người cao tuổi tỉnh".to_string()].as_slice(), Some(Role::Speaker)));
    }

    /// A verb that ends its clause is the event's, whatever the next clause begins with.
    #[test]
    fn a_role_verb_before_a_semicolon() {
        let p = one("Phó Chủ tịch UBND tỉnh Trần Công Minh chủ trì; tham dự có hơn 200 đại biểu.");
        assert_eq!((p.name.as_str(), p.role), ("Trần Công Minh", Some(Role::Chair)));
        // Before a comma it may still lead a task ("chủ trì, phối hợp").
        let p = one("Ông Lê Văn Tư, Giám đốc Sở Y tế được giao chủ trì, phối hợp với các ngành.");
        assert_eq!(p.role, None);
    }

    #[test]
    fn a_title_straight_after_the_name_ends_it() {
        let p = one("Đồng chí Vũ Đình Khang Phó Bí thư Thường trực Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy chủ trì buổi làm việc.");
        assert_eq!(p.name, "Vũ Đình Khang");
        assert_eq!(p.titles, ["Phó Bí thư Thường trực Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy"]);
        assert_eq!(p.role, Some(Role::Chair));
        let p = one("Ông Lâm Quốc Bảo Giám đốc Sở Tài chính cho biết tiến độ giải ngân đạt khá.");
        assert_eq!((p.name.as_str(), p.titles.as_slice()), ("Lâm Quốc Bảo", ["Giám đốc Sở Tài chính".to_string()].as_slice()));
        // Without a cue, as with a comma.
        let p = one("Phan Thanh Tùng Phó Chủ tịch UBND tỉnh phát biểu tại buổi lễ.");
        assert_eq!((p.name.as_str(), p.role), ("Phan Thanh Tùng", Some(Role::Speaker)));
    }

    #[test]
    fn everyone_in_a_semicolon_list_shares_the_verb() {
        let s = "Các đồng chí: Đinh Văn Lộc, Ủy viên Ban Thường vụ Tỉnh ủy; Phó Chủ tịch UBND tỉnh; Mai Thị Hạnh, Chủ tịch Hội Liên hiệp Phụ nữ tỉnh dự buổi lễ.";
        let found = people(s);
        let got: Vec<(&str, usize, Option<Role>)> = found.iter().map(|p| (p.name.as_str(), p.titles.len(), p.role)).collect();
        assert_eq!(got, [("Đinh Văn Lộc", 2, Some(Role::Attendee)), ("Mai Thị Hạnh", 1, Some(Role::Attendee))]);
        assert_eq!(found[0].titles, ["Ủy viên Ban Thường vụ Tỉnh ủy", "Phó Chủ tịch UBND tỉnh"]);
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
        let w = &crate::extract::test_resources().people;
        // A family name must be allowed to open a name.
        let clash: Vec<&str> = w.surnames.iter().filter(|s| w.not_first.contains(s)).collect();
        assert!(clash.is_empty(), "{clash:?}");
        // Phrase lists are compared in lower case.
        for list in [
            &w.honorifics, &w.ranks, &w.title_heads, &w.body_heads, &w.title_words, &w.chair_verbs, &w.attend_verbs,
            &w.speak_open, &w.speak_clause, &w.title_stops, &w.links, &w.admin,
        ] {
            for p in list.iter() {
                assert_eq!(p.to_lowercase(), p, "{p}");
            }
        }
    }
}
