//! Fact extraction: figures, dates, people and their roles, organisations and places,
//! each with the index of its sentence and character offsets into the document text.

pub mod dates;
pub mod numbers;
pub mod people;

use serde::{Deserialize, Serialize};

pub use crate::document::facts::{DateFact, EntityFact, Facts, FigureFact, PersonFact};
use crate::document::{Document, Sentence};
use rayon::prelude::*;
use crate::error::Result;
use crate::phrases::PhraseIndex;
use crate::termbase::Termbase;
use crate::rules::{self, Abbreviations, DateWords, FigureWords, PeopleWords};

/// The termbase and gazetteers shipped with vnbrief (compiled in, so the binary needs no
/// data folder); `--termbase` replaces the termbase.
pub const TERMBASE_TSV: &str = include_str!("../../data/termbase.tsv");
pub const PROVINCES_TSV: &str = include_str!("../../data/gazetteer/provinces.tsv");
pub const REGIONS_TSV: &str = include_str!("../../data/gazetteer/regions.tsv");
pub const COUNTRIES_TSV: &str = include_str!("../../data/gazetteer/countries.tsv");
pub const BODIES_TSV: &str = include_str!("../../data/gazetteer/bodies.tsv");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub english: String,
    pub kind: String,
}

/// What extraction looks things up in: the termbase, the gazetteers and the word lists
/// of `data/rules`, each parsed once.
pub struct Resources {
    pub termbase: Termbase,
    /// Provinces and cities, regions, countries.
    pub places: PhraseIndex<Place>,
    /// Party, State, military, police bodies and mass organisations.
    pub bodies: PhraseIndex<Place>,
    /// Names, titles and roles; its places are the gazetteer's.
    pub people: PeopleWords,
    pub figures: FigureWords,
    pub dates: DateWords,
}

impl Resources {
    pub fn builtin() -> Result<Resources> {
        Resources::with_termbase(Termbase::parse(TERMBASE_TSV, std::path::Path::new("data/termbase.tsv"))?)
    }

    /// With the termbase at `termbase` instead of the shipped one, when given.
    pub fn load(termbase: Option<&std::path::Path>) -> Result<Resources> {
        match termbase {
            Some(path) => Resources::with_termbase(Termbase::load(path)?),
            None => Resources::builtin(),
        }
    }

    pub fn with_termbase(termbase: Termbase) -> Result<Resources> {
        let abbreviations = Abbreviations::builtin().clone();
        // provinces.tsv: name, canonical, english, kind, region
        let provinces = rows(PROVINCES_TSV).filter_map(|cols| match cols[..] {
            [name, _canonical, english, kind, _region] => Some((name, english, kind)),
            _ => None,
        });
        let others = [(REGIONS_TSV, "region"), (COUNTRIES_TSV, "country")].into_iter().flat_map(|(tsv, kind)| {
            // countries.tsv has a third column, the adjective (for the translator).
            rows(tsv).filter_map(move |cols| match cols[..] {
                [name, english, ..] => Some((name, english, kind)),
                _ => None,
            })
        });
        let (provinces, others): (Vec<_>, Vec<_>) = (provinces.collect(), others.collect());
        let names: Vec<&str> = provinces.iter().chain(&others).map(|&(name, _, _)| name).collect();
        let ranks: Vec<&str> = termbase.terms().filter(|t| t.category == "rank").map(|t| t.vi.as_str()).collect();
        // bodies.tsv: name, english, kind
        let body_rows: Vec<(&str, &str, &str)> = rows(BODIES_TSV)
            .filter_map(|cols| match cols[..] {
                [name, english, kind] => Some((name, english, kind)),
                _ => None,
            })
            .collect();
        let body_names: Vec<&str> = body_rows.iter().map(|&(name, _, _)| name).collect();
        let people = PeopleWords::parse(rules::PEOPLE_TXT, "data/rules/people.txt", abbreviations, &names, &ranks, &body_names)?;
        let mut places = PhraseIndex::default();
        // Regions and countries that are also given names count only in longer forms.
        let unambiguous = others.into_iter().filter(|&(name, _, _)| !people.ambiguous_places.contains(name));
        for (name, english, kind) in provinces.into_iter().chain(unambiguous) {
            places.insert(name, Place { name: name.into(), english: english.into(), kind: kind.into() });
        }
        let mut bodies = PhraseIndex::default();
        for (name, english, kind) in body_rows {
            bodies.insert(name, Place { name: name.into(), english: english.into(), kind: kind.into() });
        }
        Ok(Resources {
            termbase,
            places,
            bodies,
            people,
            figures: FigureWords::parse(rules::FIGURES_TXT, "data/rules/figures.txt")?,
            dates: DateWords::parse(rules::DATES_TXT, "data/rules/dates.txt")?,
        })
    }
}

/// The builtin resources, built once for the unit tests.
#[cfg(test)]
pub(crate) fn test_resources() -> &'static Resources {
    static RES: std::sync::OnceLock<Resources> = std::sync::OnceLock::new();
    RES.get_or_init(|| Resources::builtin().unwrap_or_else(|e| panic!("{e}")))
}

/// The tab-separated rows of a gazetteer, header skipped.
pub(crate) fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

/// Extracts every fact of a segmented (and possibly classified) document. Offsets are
/// shifted from the sentence into the document text.
pub fn extract(doc: &Document, res: &Resources) -> Facts {
    extract_in_slices(doc, res, SLICE)
}

/// Sentences per parallel slice of [`extract`].
const SLICE: usize = 4096;

fn extract_in_slices(doc: &Document, res: &Resources, slice_len: usize) -> Facts {
    let sentences: Vec<&Sentence> = doc.sentences().collect();
    let mut facts = Facts::default();
    // The chairs' names as `same_name` compares them: each listed once.
    let mut chairs = std::collections::HashSet::new();
    // Sentences are independent: a long report's run on every core, a slice at a time so
    // that only one slice's facts are held twice; a short one's stay on one thread.
    for (k, slice) in sentences.chunks(slice_len).enumerate() {
        let found: Vec<SentenceFacts> = slice
            .par_iter()
            .with_min_len(64)
            .enumerate()
            .map(|(i, s)| sentence_facts(s, k * slice_len + i, res))
            .collect();
        for f in found {
            for p in f.people.iter().filter(|p| p.person.role == Some(people::Role::Chair)) {
                if chairs.insert(people::name_key(&p.person.name)) {
                    facts.chairs.push(p.person.name.clone());
                }
            }
            facts.people.extend(f.people);
            facts.figures.extend(f.figures);
            facts.dates.extend(f.dates);
            facts.organisations.extend(f.organisations);
            facts.places.extend(f.places);
        }
    }
    facts
}

/// One sentence's facts, offsets already in the document.
struct SentenceFacts {
    people: Vec<PersonFact>,
    figures: Vec<FigureFact>,
    dates: Vec<DateFact>,
    organisations: Vec<EntityFact>,
    places: Vec<EntityFact>,
}

fn sentence_facts(s: &Sentence, index: usize, res: &Resources) -> SentenceFacts {
    let shift = s.start;
    let people = people::find_people(&s.text, &res.people)
        .into_iter()
        .map(|mut p| {
            p.start += shift;
            p.end += shift;
            PersonFact { name_en: crate::text::plain(&p.name), person: p, sentence: index }
        })
        .collect();
    let figures = numbers::find_figures(&s.text, &res.figures)
        .into_iter()
        .map(|mut f| {
            f.start += shift;
            f.end += shift;
            FigureFact { figure: f, sentence: index, label: s.label }
        })
        .collect();
    let dates = dates::find_dates(&s.text, &res.dates)
        .into_iter()
        .map(|mut d| {
            d.start += shift;
            d.end += shift;
            DateFact { date: d, sentence: index }
        })
        .collect();
    let chars: Vec<char> = s.text.chars().collect();
    let entity = |m: &crate::phrases::Match<'_, Place>| EntityFact {
        name: chars[m.start..m.end].iter().collect(),
        english: m.value.english.clone(),
        kind: m.value.kind.clone(),
        start: m.start + shift,
        end: m.end + shift,
        sentence: index,
    };
    let folded = crate::phrases::FoldedWords::new(&s.text);
    let organisations = res.bodies.matches_in(&folded).iter().map(entity).collect();
    // Place names are proper nouns: a lowercase match is an ordinary word.
    let places = res.places.matches_in(&folded).iter().filter(|m| chars[m.start].is_uppercase()).map(entity).collect();
    SentenceFacts { people, figures, dates, organisations, places }
}

/// The shared sample report (`shared/samples/gia-lai-military-2023`), sentence by
/// sentence: the project's common test data for the extractors.
#[cfg(test)]
pub(crate) const SHARED_SAMPLE: [&str; 17] = [
    "Đồng chí Hồ Văn Niên-Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh, Bí thư Đảng ủy Quân sự tỉnh chủ trì hội nghị.",
    "Dự hội nghị còn có Bí thư Huyện ủy, Thị ủy, Thành ủy kiêm Bí thư Đảng ủy quân sự 17 huyện, thị xã, thành phố.",
    "Năm 2023, Đảng ủy Quân sự tỉnh tham mưu cho Tỉnh ủy, UBND tỉnh lãnh đạo, triển khai toàn diện hiệu quả nhiệm vụ QP-QS địa phương; xây dựng nền quốc phòng toàn dân, thế trận quốc phòng toàn dân gắn với thế trận an ninh nhân dân và “thế trận lòng dân” vững chắc.",
    "Cùng với đó, đảm bảo các mặt cho giao lưu hữu nghị quốc phòng biên giới 3 nước Việt Nam-Lào-Campuchia.",
    "Tham mưu cho Tỉnh ủy tổng kết 10 năm thực hiện Nghị quyết Trung ương 8 (khóa XI) về chiến lược bảo vệ Tổ quốc trong tình hình mới; hoàn thành tốt nhiệm vụ diễn tập khu vực phòng thủ, phòng thủ dân sự tỉnh năm 2023, tham gia diễn tập tác chiến chiến dịch tiến công trên địa bàn Tây Nguyên.",
    "Chỉ đạo diễn tập khu vực phòng thủ cấp huyện, cấp xã, công ty cao su đúng kế hoạch, bảo đảm an toàn tuyệt đối…",
    "Ngoài ra, toàn tỉnh đã hoàn thành 100% chỉ tiêu giao quân; duy trì nghiêm chế độ trực sẵn sàng chiến đấu; huấn luyện các đối tượng đúng nội dung, chương trình.",
    "Công tác giáo dục quốc phòng và an ninh đúng và đạt chỉ tiêu; xây dựng lực lượng dân quân tự vệ, dự bị động viên, phát triển đảng ở các lực lượng đạt chỉ tiêu mà nghị quyết đã đề ra; giữ vững chi bộ quân sự có chi ủy đạt 100%.",
    "Tham gia có hiệu quả công tác phòng-chống thiên tai, tìm kiếm cứu hộ, cứu nạn, phòng-chống cháy nổ, cháy rừng được chính quyền và nhân dân ghi nhận, đánh giá cao.",
    "Thực hiện tốt công tác đối ngoại quân sự với 3 tỉnh biên giới Campuchia; khám bệnh, cấp phát thuốc cho 1.170 người dân; thăm, tặng quà cho 170 hộ gia đình chính sách, hộ nghèo với tổng kinh phí gần 200 triệu đồng; tìm kiếm, quy tập, an táng 22 hài cốt liệt sĩ quân tình nguyện, chuyên gia Việt Nam hy sinh trong các thời kỳ chiến tranh ở Campuchia và 15 hài cốt liệt sĩ trên địa bàn tỉnh.",
    "Kết luận hội nghị, đồng chí Hồ Văn Niên-Bí thư Tỉnh ủy, Bí thư Đảng ủy Quân sự tỉnh nhấn mạnh: Năm 2023, Đảng ủy Quân sự tỉnh đã lãnh đạo, chỉ đạo thực hiện tốt công tác QP-QS địa phương mà nghị quyết đã đề ra, trong đó đạt được một số kết quả nổi bậc là: Nắm chắc tình hình an ninh chính trị, trật tự an toàn xã hội, tuần tra, kiểm soát, phòng-chống vượt biên, xâm nhập, phòng ngừa, đấu tranh, ngăn chặn có hiệu quả hoạt động chống phá của các thế lực thù địch giữ vững ổn định an ninh chính trị trên địa bàn tỉnh.",
    "Hoàn thành nhiệm vụ diễn tập từ cấp tỉnh đến cấp xã đạt kết quả tốt, bảo đảm an toàn tuyệt đối.",
    "Cùng với đó, công tác giáo dục quốc phòng an ninh cho các đối tượng đạt kế hoạch.",
    "Công tác đối ngoại quốc phòng, đối ngoại nhân dân với nước bạn Campuchia được duy trì thường xuyên; quyết tâm xây dựng đơn vị ở vững mạnh toàn diện “Mẫu mực, tiêu biểu”, xây dựng Đảng bộ trong sạch vững mạnh.",
    "Về nhiệm vụ trong thời gian tới, Bí thư Đảng ủy Quân sự tỉnh yêu cầu cấp ủy, người chỉ huy các cấp tiếp tục thực hiện tốt công tác tham mưu cho cấp ủy, chính quyền địa phương trong thực hiện nhiệm vụ QP-QS địa phương; chú trọng thực hiện 3 khâu đột phá, khắc phục ngay những khâu yếu, mặt yếu đã nêu trong báo cáo và trong hội nghị.",
    "Các đơn vị tập trung nâng cao chất lượng huấn luyện, sẵn sàng chiến đấu, dự báo, nắm chắc tình hình trên địa bàn.",
    "Cùng với đó, quan tâm công tác xây dựng Đảng trong lực lượng vũ trang; chủ động phối hợp, đề xuất huy động các nguồn lực xây dựng tiềm lực trong khu vực phòng thủ, chú trọng nâng cao tiềm lực chính trị tinh thần, tiềm lực quốc phòng, an ninh gắn với phục hồi, phát triển kinh tế-xã hội trên địa bàn tỉnh.",
];

/// The shared sample `reps` times over as one paragraph, sentences one space apart.
#[cfg(test)]
pub(crate) fn repeated_sample(reps: usize) -> Document {
    let (mut text, mut sentences) = (String::new(), Vec::new());
    for s in SHARED_SAMPLE.iter().cycle().take(SHARED_SAMPLE.len() * reps) {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.chars().count();
        text.push_str(s);
        sentences.push(crate::document::Sentence::new(s.to_string(), start, start + s.chars().count()));
    }
    Document::one_paragraph("long", text, sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long report's sentences are extracted in parallel: each copy of the sample in
    /// it gets the facts the sample alone gets, in order, at its own offsets and sentence
    /// numbers, and a chair found in every copy is listed once.
    #[test]
    fn a_long_report_gets_each_sentences_facts_in_order() {
        let res = test_resources();
        let one = extract(&repeated_sample(1), res);
        let reps = 12; // 204 sentences: several parallel pieces
        let long = extract(&repeated_sample(reps), res);
        // Slices of 100 sentences give the same: offsets and numbers go on across slices.
        assert_eq!(extract_in_slices(&repeated_sample(reps), res, 100), long);
        assert!(!one.people.is_empty() && !one.figures.is_empty() && !one.dates.is_empty());
        assert_eq!(long.chairs, one.chairs);
        let chars = repeated_sample(1).text.chars().count() + 1;
        for r in 0..reps {
            let (shift, first) = (r * chars, r * SHARED_SAMPLE.len());
            let copy = |n: usize| n * r..n * (r + 1);
            for (a, b) in one.people.iter().zip(&long.people[copy(one.people.len())]) {
                assert_eq!((a.person.start + shift, a.sentence + first, &a.person.name), (b.person.start, b.sentence, &b.person.name));
            }
            for (a, b) in one.figures.iter().zip(&long.figures[copy(one.figures.len())]) {
                assert_eq!((a.figure.end + shift, a.sentence + first, a.figure.value), (b.figure.end, b.sentence, b.figure.value));
            }
            for (a, b) in one.places.iter().zip(&long.places[copy(one.places.len())]) {
                assert_eq!((a.start + shift, a.sentence + first, &a.name), (b.start, b.sentence, &b.name));
            }
        }
        assert_eq!(long.people.len(), reps * one.people.len());
        assert_eq!(long.figures.len(), reps * one.figures.len());
        assert_eq!(long.places.len(), reps * one.places.len());
        assert_eq!(long.dates.len(), reps * one.dates.len());
        assert_eq!(long.organisations.len(), reps * one.organisations.len());
    }

    /// Old tone placement ("uỷ", "Hoá", "Thuỷ") finds what the new one finds; the facts
    /// keep the text as written.
    #[test]
    fn both_tone_placements_give_the_same_facts() {
        let res = test_resources();
        let old = "Đồng chí Lê Thị Thuỷ, Uỷ viên Ban Thường vụ Tỉnh uỷ, Phó Chủ tịch UBND tỉnh Thanh Hoá chủ trì hội nghị; khoá học có 1.200 học viên.";
        let new = "Đồng chí Lê Thị Thủy, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Thanh Hóa chủ trì hội nghị; khóa học có 1.200 học viên.";
        let (a, b) = (people::find_people(old, &res.people), people::find_people(new, &res.people));
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!((a[0].name.as_str(), a[0].role), ("Lê Thị Thuỷ", Some(people::Role::Chair)));
        assert_eq!(a[0].titles.len(), b[0].titles.len(), "{a:?} {b:?}");
        assert!(people::same_name(&a[0].name, &b[0].name));
        let places = |s: &str| res.places.matches(s).iter().map(|m| m.value.english.clone()).collect::<Vec<_>>();
        assert_eq!(places(old), places(new));
        assert_eq!(places(old), ["Thanh Hoa"]);
        let orgs = |s: &str| res.bodies.matches(s).iter().map(|m| m.value.english.clone()).collect::<Vec<_>>();
        assert_eq!(orgs(old), orgs(new));
        let figures = |s: &str| numbers::find_figures(s, &res.figures).iter().map(|f| f.value).collect::<Vec<_>>();
        assert_eq!(figures(old), figures(new));
    }
}
