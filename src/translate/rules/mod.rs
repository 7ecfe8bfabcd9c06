//! The rules-based transfer translator: English for every sentence with no model
//! weights, in the manner of Apertium's pipeline:
//!
//! - [`words`] (analysis): the sentence into tokens: the facts stage's people, figures,
//!   dates, organisations and places as fixed units, the rest by longest match over the
//!   [`lexicon`];
//! - [`transfer`]: readings, noun phrases and verb groups, English order and forms, the
//!   genre's frames;
//! - [`english`] (generation): morphology and the house style.
//!
//! Deterministic and fast (no model): the same sentence always gives the same English.

pub mod english;
pub mod lexicon;
pub mod transfer;
pub mod words;

use std::path::Path;

use crate::document::{of_sentence, Document, Label, Sentence};
use crate::error::Result;
use crate::extract::numbers::Figure;
use crate::extract::Facts;
use lexicon::{Lexicon, Pos};
use rayon::prelude::*;
use words::{Unit, UnitKind};

pub const METHOD: &str = "rules";

/// The rules translator with its loaded lexicon.
pub struct RulesTranslator {
    pub lexicon: Lexicon,
}

/// One sentence's English and what the lexicon did not know.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    pub text: String,
    /// Share of the sentence's words (punctuation aside) the lexicon or the facts covered.
    pub coverage: f32,
    pub untranslated: Vec<String>,
}

impl RulesTranslator {
    /// The shipped lexicon, plus a user's file whose entries win.
    pub fn load(user_lexicon: Option<&Path>) -> Result<RulesTranslator> {
        Ok(RulesTranslator { lexicon: Lexicon::load(user_lexicon)? })
    }

    /// Translates one sentence, given the facts found in it (sentence-local units).
    pub fn translate_sentence(&self, text: &str, units: &[Unit], label: Option<Label>) -> Translation {
        self.translate_line(text, units, label, false)
    }

    /// As [`RulesTranslator::translate_sentence`]; a `headline` is in the present tense as
    /// English headlines are ("Quang Binh urgently responds to …").
    pub fn translate_line(&self, text: &str, units: &[Unit], label: Option<Label>, headline: bool) -> Translation {
        let out = self.transfer(text, units, label, headline);
        let mut untranslated = out.unknown;
        untranslated.dedup();
        Translation {
            text: english::capitalise(&out.text),
            coverage: if out.total == 0 { 1.0 } else { out.known as f32 / out.total as f32 },
            untranslated,
        }
    }

    /// The sentence through analysis and transfer, its quoted stretches first (see
    /// [`RulesTranslator::quotes`]); the first letter as the words give it. `name`: the
    /// text is a quoted name or slogan (present tense).
    fn transfer(&self, text: &str, units: &[Unit], label: Option<Label>, name: bool) -> transfer::Output {
        let mut inner = transfer::Output { text: String::new(), known: 0, total: 0, unknown: Vec::new() };
        let quoted;
        let units = if text.contains(['“', '"']) {
            quoted = self.quotes(text, units, label, &mut inner);
            &quoted[..]
        } else {
            units
        };
        let tokens = words::analyse(text, units, &self.lexicon);
        let mut out = transfer::translate(&tokens, label, name);
        // A quote counts as its own words, not as one.
        let quotes = units.iter().filter(|u| matches!(u.kind, UnitKind::Quote(_))).count();
        out.known = out.known.saturating_sub(quotes) + inner.known;
        out.total = out.total.saturating_sub(quotes) + inner.total;
        out.unknown.extend(inner.unknown);
        out
    }

    /// A quote is a name ("nhà “Mái ấm biên cương”", "phương châm “4 tại chỗ”") or someone's
    /// words ("chia sẻ: “…”"): its words belong together and not with the sentence's. Each
    /// is translated on its own and stands in the sentence as one unit, a name with its
    /// own case and no article, words said as a sentence of their own. A fact that runs
    /// into a quote (the organisation "Quỹ “Vì người nghèo”") takes the whole quote.
    /// Returns `units` with the quotes among them; `counts` gathers their words.
    fn quotes(&self, text: &str, units: &[Unit], label: Option<Label>, counts: &mut transfer::Output) -> Vec<Unit> {
        let chars: Vec<char> = text.chars().collect();
        let mut units = units.to_vec();
        let mut quotes = Vec::new();
        let mut last_named: Option<(usize, bool)> = None;
        let mut at = 0;
        while let Some(open) = (at..chars.len()).find(|&i| matches!(chars[i], '“' | '"')) {
            let closing = if chars[open] == '“' { '”' } else { '"' };
            let Some(close) = (open + 1..chars.len()).find(|&i| chars[i] == closing) else { break };
            at = close + 1;
            if !chars[open + 1..close].iter().any(|c| c.is_alphanumeric()) {
                continue;
            }
            // A fact that begins before the quote and runs into it takes the quote in, and
            // the facts inside it go.
            if let Some(k) = units.iter().position(|u| u.start <= open && u.end > open + 1) {
                let end = units[k].end.max(close + 1);
                units[k].end = end;
                let start = units[k].start;
                units.retain(|u| u.start == start || u.start >= end || u.end <= start);
                continue;
            }
            if units.iter().any(|u| u.start > open && u.start < close && u.end > close) {
                continue; // a fact running out of the quote: leave the sentence as it is
            }
            let inside: Vec<Unit> = units
                .iter()
                .filter(|u| u.start > open && u.end <= close)
                .map(|u| Unit { start: u.start - open - 1, end: u.end - open - 1, kind: u.kind.clone() })
                .collect();
            let said = chars[..open].iter().rev().find(|c| !c.is_whitespace()).is_none_or(|&c| c == ':');
            let vi: String = chars[open + 1..close].iter().collect();
            // A name the lexicon knows whole (“4 tại chỗ”) is its entry, whatever facts
            // were found inside it.
            let whole = self.lexicon.get(&crate::phrases::normalise_key(&vi)).and_then(|es| {
                [Pos::Name, Pos::Phrase, Pos::Noun, Pos::Adj].iter().find_map(|&p| es.iter().find(|e| e.pos == p && !e.en.is_empty()))
            });
            let out = match whole.filter(|_| !said) {
                Some(e) => transfer::Output { text: e.en.clone(), known: 1, total: 1, unknown: Vec::new() },
                None => self.transfer(&vi, &inside, label.filter(|_| said), !said),
            };
            // A name joined to the one before ("3 căn “Nhà đồng đội” và “Nhà tình nghĩa”")
            // is written as that one is.
            let joined = last_named.is_some_and(|(end, _)| {
                let between: String = chars[end..open].iter().collect();
                between.split([' ', ',']).all(|w| w.is_empty() || w == "và")
            });
            let named = if joined { last_named.is_some_and(|(_, n)| n) } else { self.names_follow(&chars[..open]) };
            last_named = Some((close + 1, named));
            let en = if said { english::capitalise(&out.text) } else { quoted_name(&vi, &out.text, named) };
            counts.known += out.known;
            counts.total += out.total;
            counts.unknown.extend(out.unknown);
            units.retain(|u| u.start <= open || u.end > close + 1);
            quotes.push(Unit { start: open, end: close + 1, kind: UnitKind::Quote(format!("\"{en}\"")) });
        }
        units.extend(quotes);
        units.sort_by_key(|u| (u.start, std::cmp::Reverse(u.end)));
        units
    }

    /// Whether the text before a quote ends in what a name follows: a noun the lexicon
    /// marks `named` ("chương trình", "quỹ"), a classifier ("3 căn “Nhà đồng đội”") or a
    /// count ("12 “Phiên chợ 0 đồng”").
    fn names_follow(&self, before: &[char]) -> bool {
        let before: String = before.iter().collect();
        let words: Vec<&str> = before.split_whitespace().collect();
        if words.last().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit() || c == '.')) {
            return true;
        }
        (1..=words.len().min(3)).any(|n| {
            let key = crate::phrases::normalise_key(&words[words.len() - n..].join(" "));
            self.lexicon.get(&key).is_some_and(|es| es.iter().any(|e| (e.feats.named && e.pos == Pos::Noun) || e.pos == Pos::Classifier))
        })
    }

    /// A phrase (a title, a rank) in English, without a sentence's full stop.
    pub fn phrase(&self, text: &str) -> String {
        self.translate_sentence(text, &[], None).text.trim_end_matches(['.', ' ']).to_string()
    }

    /// A count and its noun in English as a sentence's translation writes them ("4
    /// storms" for `amount` "4" and unit "cơn bão"); `None` when the lexicon does not
    /// know every word of the unit.
    pub fn counted(&self, amount: &str, unit: &str, plural: bool) -> Option<String> {
        // The count stands as the figure unit it is in a sentence: one placeholder digit.
        let text = format!("0 {unit}");
        let number = Unit { start: 0, end: 1, kind: UnitKind::Number { en: amount.to_string(), plural } };
        let t = self.translate_sentence(&text, &[number], None);
        if !t.untranslated.is_empty() || t.coverage < 1.0 {
            return None;
        }
        let english = t.text.trim_end_matches(['.', ' ']);
        // The translator capitalises a sentence's first letter; a count keeps its case.
        let rest = english.get(amount.len()..).filter(|_| english.to_lowercase().starts_with(&amount.to_lowercase()))?;
        Some(format!("{amount}{rest}"))
    }

    /// Every sentence of a document, with its facts as fixed units.
    pub fn translate_document(&self, doc: &mut Document) {
        let facts = doc.facts.as_ref().unwrap_or(Facts::none());
        let headline = doc.paragraphs.first().is_some_and(|p| p.sentences.len() == 1 && is_headline(&p.sentences[0].text));
        let mut sentences: Vec<&mut Sentence> = doc.paragraphs.iter_mut().flat_map(|p| p.sentences.iter_mut()).collect();
        // Sentences are independent: a long report's are translated on every core, a
        // short one's on one thread.
        sentences.par_iter_mut().with_min_len(64).enumerate().for_each(|(index, s)| {
            let units = sentence_units(facts, index, s);
            let t = self.translate_line(&s.text, &units, s.label, headline && index == 0);
            s.translation = Some(t.text);
            s.translation_method = Some(METHOD.to_string());
            s.translation_coverage = Some((t.coverage * 1000.0).round() / 1000.0);
            s.untranslated = t.untranslated;
        });
    }
}

/// A document's first line, alone in its paragraph and with no full stop, is its headline.
fn is_headline(text: &str) -> bool {
    !text.trim_end().ends_with(['.', '!', '?', '…', ':', ';', '"', '”'])
}

/// A quoted name's English (`en`, translated alone) as the quote writes it: no article and
/// no full stop; one written with a capital (“Mẫu mực, tiêu biểu”) keeps it, and after
/// what names follow (`named`) a short one is in title case as English writes a
/// programme's name ("Border Home"); a slogan in lower case (“dân là gốc”) stays lower case.
fn quoted_name(vi: &str, en: &str, named: bool) -> String {
    let en = en.trim_end_matches(['.', ' ']);
    let en = ["the ", "a ", "an "].iter().find_map(|a| en.strip_prefix(a)).unwrap_or(en);
    // A user's lexicon may give a name with its quotes: the quote writes them.
    let en = en.strip_prefix('"').and_then(|e| e.strip_suffix('"')).filter(|e| !e.contains('"')).unwrap_or(en);
    if !vi.trim_start().starts_with(char::is_uppercase) {
        return en.to_string();
    }
    let words = en.split(' ').count();
    if !named || words > 5 || en.contains([',', ';', ':', '!', '?']) {
        return english::capitalise(en);
    }
    english::title_case(en)
}

/// The facts of sentence `index` as units local to the sentence, sorted and without overlaps
/// (the first and longest wins).
pub fn sentence_units(facts: &Facts, index: usize, s: &Sentence) -> Vec<Unit> {
    let local = |start: usize, end: usize| (start.saturating_sub(s.start), end.saturating_sub(s.start));
    let mut units = Vec::new();
    let chars: Vec<char> = s.text.chars().collect();
    for p in of_sentence(&facts.people, index, |p| p.sentence).1 {
        let (start, end) = local(p.person.start, p.person.end);
        units.push(Unit { start, end, kind: UnitKind::Person(p.person.name.clone()) });
    }
    for f in of_sentence(&facts.figures, index, |f| f.sentence).1 {
        let (start, end) = local(f.figure.start, f.figure.end);
        // "ước đạt 2.350 tỷ đồng": the estimate is the clause's verb ("was estimated at"),
        // left to the lexicon; the figure is the amount alone.
        let verb = estimate_verb(&chars[start.min(chars.len())..]);
        let amount;
        let figure = if verb == 0 {
            &f.figure
        } else {
            amount = Figure { qualifier: None, ..f.figure.clone() };
            &amount
        };
        let start = start + verb;
        let (end, en) = number_part(&chars, start, end, figure);
        let plural = f.figure.value != 1.0;
        // A ratio's two figures ("1.126/1.204 vụ") are one count: "1,126 of 1,204 cases".
        if let Some(Unit { end: prev_end, kind: UnitKind::Number { en: prev_en, plural: prev_plural }, .. }) = units.last_mut() {
            if *prev_end + 1 == start && chars.get(*prev_end) == Some(&'/') {
                *prev_en = if *prev_en == en { format!("all {en}") } else { format!("{prev_en} of {en}") };
                *prev_plural = plural;
                *prev_end = end;
                continue;
            }
        }
        units.push(Unit { start, end, kind: UnitKind::Number { en, plural } });
    }
    for d in of_sentence(&facts.dates, index, |d| d.sentence).1 {
        let (start, end) = local(d.date.start, d.date.end);
        let (prep, en) = english::date(d.date.day, d.date.month, d.date.year, d.date.part_of_day.as_deref());
        units.push(Unit { start, end, kind: UnitKind::Date { prep, en } });
    }
    for e in of_sentence(&facts.organisations, index, |e| e.sentence).1 {
        let (start, end) = local(e.start, e.end);
        units.push(Unit { start, end, kind: UnitKind::Entity { en: e.english.clone(), org: true } });
    }
    for e in of_sentence(&facts.places, index, |e| e.sentence).1 {
        let (start, end) = local(e.start, e.end);
        units.push(Unit { start, end, kind: UnitKind::Entity { en: english::plain(&e.english), org: false } });
    }
    units.sort_by_key(|u| (u.start, std::cmp::Reverse(u.end)));
    let mut kept: Vec<Unit> = Vec::with_capacity(units.len());
    for u in units {
        if kept.last().is_none_or(|k| u.start >= k.end) && u.end > u.start {
            kept.push(u);
        }
    }
    kept
}

/// The length in chars of an estimate verb opening a figure ("ước đạt 2.350 tỷ đồng"),
/// with the space after it; 0 when there is none.
fn estimate_verb(figure: &[char]) -> usize {
    const VERBS: &[&str] = &["ước đạt ", "ước tính đạt "];
    let opens = |v: &str| figure.len() > v.chars().count() && v.chars().zip(figure).all(|(a, &b)| b.to_lowercase().eq(std::iter::once(a)));
    VERBS.iter().find(|v| opens(v)).map_or(0, |v| v.chars().count())
}

/// Magnitude words that belong to the number before them.
const MAGNITUDES: &[&str] = &["nghìn", "ngàn", "triệu", "tỷ", "tỉ", "trăm", "vạn", "chục"];

/// Where a figure's number ends in the sentence (its counted noun stays for the lexicon),
/// and its English. Money and percentages keep their unit in the number.
fn number_part(chars: &[char], start: usize, end: usize, f: &Figure) -> (usize, String) {
    let amount = english::english_amount_phrase(f);
    match f.unit.as_deref() {
        Some("%") | Some("‰") => return (end, format!("{amount}{}", f.unit.as_deref().unwrap_or(""))),
        // What the money is counted per stays for the lexicon ("300 triệu đồng/ha": "per
        // hectare").
        Some("đồng") => {
            let text: String = chars[start.min(end)..end.min(chars.len())].iter().collect();
            let cut = text.rfind("đồng").map_or(end, |at| start + text[..at].chars().count() + "đồng".chars().count());
            return (cut, format!("{amount} dong"));
        }
        Some("USD") => return (end, format!("{amount} US dollars")),
        _ => {}
    }
    let end = end.min(chars.len());
    let text: String = chars[start.min(end)..end].iter().collect();
    // The last number word of the figure (the upper end of a range), then magnitudes.
    let words: Vec<(usize, &str)> = text.split(' ').scan(0usize, |pos, w| {
        let at = *pos;
        *pos += w.chars().count() + 1;
        Some((at, w))
    }).collect();
    let is_number = |w: &str| w.chars().next().is_some_and(|c| c.is_ascii_digit()) || crate::extract::numbers::parse_number(w).is_some();
    let number_words = if f.range_to.is_some() { 2 } else { 1 };
    let mut seen = 0;
    let mut cut = text.chars().count();
    let mut k = 0;
    while k < words.len() {
        let (at, w) = words[k];
        if is_number(w) && !MAGNITUDES.contains(&w) {
            seen += 1;
            if seen == number_words {
                let mut last = k;
                while words.get(last + 1).is_some_and(|(_, m)| MAGNITUDES.contains(m)) {
                    last += 1;
                }
                cut = words[last].0 + words[last].1.chars().count();
                break;
            }
        }
        k += 1;
        let _ = at;
    }
    (start + cut, amount)
}

#[cfg(test)]
mod tests {
    //! Each transfer rule on a sentence of the genre, through the shipped lexicon and the
    //! facts stage, as `run` translates.
    use super::*;
    use std::sync::OnceLock;

    fn rules() -> &'static RulesTranslator {
        static RULES: OnceLock<RulesTranslator> = OnceLock::new();
        RULES.get_or_init(|| RulesTranslator::load(None).unwrap_or_else(|e| panic!("{e}")))
    }

    fn res() -> &'static crate::extract::Resources {
        static RES: OnceLock<crate::extract::Resources> = OnceLock::new();
        RES.get_or_init(|| crate::extract::Resources::builtin().unwrap_or_else(|e| panic!("{e}")))
    }

    /// One sentence through facts and the translator.
    fn en(text: &str, label: Label) -> String {
        let mut s = Sentence::new(text.to_string(), 0, text.chars().count());
        s.label = Some(label);
        let mut doc = Document::one_paragraph("t", text.to_string(), vec![s]);
        doc.facts = Some(crate::extract::extract(&doc, res()));
        rules().translate_document(&mut doc);
        let s = &doc.paragraphs[0].sentences[0];
        assert_eq!(s.translation_method.as_deref(), Some(METHOD));
        s.translation.clone().unwrap_or_default()
    }

    fn has(text: &str, label: Label, want: &str) {
        let got = en(text, label);
        assert!(got.contains(want), "{text:?}\n  gave {got:?}\n  without {want:?}");
    }

    /// A quote is translated on its own: a name stands as one, in title case after what
    /// names follow, before its head when short and after it when long; someone's words
    /// are a sentence of their own, with their capital and full stop.
    #[test]
    fn a_quote_is_translated_on_its_own() {
        has("Đơn vị bàn giao 3 căn nhà “Mái ấm biên cương” cho đồng bào.", Label::Achievement, "3 \"Border Home\" houses");
        has("Chương trình “Nâng bước em tới trường” được duy trì.", Label::Other, "The \"Helping Children Go to School\" programme was maintained");
        // Joined to a name, a name is written as it is.
        has("Đơn vị bàn giao 3 căn “Nhà đồng đội” và “Nhà tình nghĩa”.", Label::Achievement, "\"Gratitude House\"");
        // A long one (a theme) follows its head, in the present tense.
        has(
            "Huyện tổ chức diễn tập với chủ đề “Huyện chuyển trạng thái từ thời bình sang thời chiến, tổ chức phòng thủ”.",
            Label::Other,
            "with the theme \"District switches",
        );
        // A lower-case quote stays lower case and loses its article; the lexicon's whole
        // entry wins over the figure inside it.
        has("Xã dự trữ lương thực theo phương châm “4 tại chỗ”.", Label::Achievement, "\"four on-the-spot\"");
        has("Tỉnh quán triệt quan điểm “dân là gốc”.", Label::Other, "\"people are the root\"");
        // Words said: a sentence with its capital and its full stop inside the quote.
        has("Ông nói: “Bà con rất phấn khởi.”", Label::Other, "He said: \"Local people were very delighted.\"");
        has("“Không có vùng cấm!”, đồng chí nhấn mạnh.", Label::Directive, "!\", he stressed.");
        // An organisation that takes the quote in leaves no stray quote behind.
        let fund = en("Năm 2024, Quỹ “Vì người nghèo” tỉnh đã vận động được hơn 18,6 tỷ đồng.", Label::Achievement);
        assert!(!fund.contains('"') && fund.contains("Fund for the Poor"), "{fund}");
    }

    /// "rất vui": a degree adverb goes after "be"; a pronoun after its noun owns it, and
    /// after a verb or a preposition takes its object form.
    #[test]
    fn adverbs_after_be_and_pronoun_forms() {
        has("Bà con rất vui.", Label::Other, "Local people were very happy.");
        has("Công tác này cũng rất quan trọng.", Label::Other, "This work was also very important.");
        has("Gia đình tôi rất cảm động.", Label::Other, "My family was very touched.");
        has("Bộ đội đã giúp đỡ chúng tôi.", Label::Other, "helped us");
    }

    /// "Tổng kinh phí 5 tỷ đồng": an amount after its subject with no verb takes "was";
    /// "mỗi căn trị giá" is "each worth"; "bị thương 64 người" is a state of people after a
    /// causative like "64 người bị thương".
    #[test]
    fn amounts_states_and_singling_out() {
        has("Tổng kinh phí hàng trăm tỷ đồng.", Label::Other, "Total funding was hundreds of billions of dong.");
        has("Theo báo cáo, tổng thiệt hại ước tính 185 tỷ đồng.", Label::Other, "total damage was about 185 billion dong");
        // Not after a preposition's object.
        let capital = en("Tỉnh thành lập mới 380 doanh nghiệp với tổng vốn đăng ký 3.146 tỷ đồng.", Label::Achievement);
        assert!(!capital.contains(" was ") && !capital.contains(" were "), "{capital}");
        has("Huyện xây dựng 14 căn nhà, mỗi căn trị giá 80 triệu đồng.", Label::Achievement, "14 houses, each worth 80 million dong");
        has("Vụ tai nạn làm 3 người chết, bị thương 64 người.", Label::Other, "left 3 people dead and 64 people injured");
        // "Riêng" singles out what follows.
        has("Riêng huyện Mường Lát có 12 điểm sạt lở.", Label::Other, "Muong Lat district alone had 12 landslide sites.");
        has("Riêng trong tháng 10, lực lượng công an bắt giữ 12 đối tượng.", Label::Achievement, "In October alone, the police");
        has("Tân binh Trần Văn Đạt phát biểu cảm tưởng.", Label::Other, "New recruit Tran Van Dat");
    }

    /// A place and the larger one it lies in keep their comma; a list of places is "and".
    #[test]
    fn a_place_within_a_place_keeps_its_comma() {
        has("Chiều 10/10, tại xã Thượng Trạch, huyện Bố Trạch, đơn vị tổ chức bàn giao nhà.", Label::Other, "in Thuong Trach commune, Bo Trach district, the unit");
        has("Đoàn thăm gia đình ở thôn Đồng Găng, xã Hợp Thành.", Label::Other, "in Dong Gang village, Hop Thanh commune");
        has("Đoàn kiểm tra tại xã Mỏ Vàng và xã Châu Quế Hạ, huyện Văn Yên.", Label::Other, "Mo Vang commune and Chau Que Ha commune, Van Yen district");
        has("Nguyên nhân ban đầu được xác định là do mưa lớn kéo dài.", Label::Other, "was identified as prolonged heavy rain");
    }

    /// A document's first line with no full stop is its headline, in the present tense as
    /// English headlines are; the same words as a sentence are past.
    #[test]
    fn a_headline_is_in_the_present_tense() {
        has("Quảng Bình khẩn trương ứng phó với đợt lũ lớn", Label::Other, "Quang Binh urgently responds to");
        has("Điện Biên hội đàm với Đoàn đại biểu cấp cao tỉnh Phông Xa Lỳ (Lào)", Label::Attendance, "Dien Bien holds talks with");
        has("Công an thành phố Pleiku ra quân trấn áp tội phạm dịp Tết", Label::Other, "Police launch");
        has("Điện Biên hội đàm với Đoàn đại biểu cấp cao tỉnh Phông Xa Lỳ (Lào).", Label::Attendance, "Dien Bien held talks with");
        // So is a state after a second clause begins.
        has("Đắk Lắk: thu hút đầu tư tăng; tỷ lệ hộ nghèo vẫn thấp", Label::Other, "the poverty rate is still low");
    }

    /// Between the subject and a verb, a manner word is the verb's adverb, not the
    /// subject's adjective.
    #[test]
    fn a_manner_word_before_the_verb_is_its_adverb() {
        has("Quảng Bình khẩn trương ứng phó với đợt lũ lớn.", Label::Other, "Quang Binh urgently responded");
        has("Dự án chính thức đi vào hoạt động.", Label::Achievement, "The project officially came into operation.");
    }

    /// A long report's sentences are translated in parallel, each as it is alone.
    #[test]
    fn a_long_report_is_translated_sentence_by_sentence_in_order() {
        let english = |reps: usize| {
            let mut doc = crate::extract::repeated_sample(reps);
            doc.facts = Some(crate::extract::extract(&doc, res()));
            rules().translate_document(&mut doc);
            doc.sentences().map(|s| s.translation.clone().unwrap_or_default()).collect::<Vec<_>>()
        };
        let one = english(1);
        let long = english(12);
        assert_eq!(long.len(), 12 * one.len());
        for (k, got) in long.iter().enumerate() {
            assert_eq!(got, &one[k % one.len()], "sentence {k}");
        }
    }

    /// "Tỉnh uỷ" is "Tỉnh ủy": the lexicon sees one tone placement, so old-style text
    /// gets the same English.
    #[test]
    fn old_tone_placement_translates_the_same() {
        let old = en("Đồng chí Lê Thị Thuỷ, Uỷ viên Ban Thường vụ Tỉnh uỷ chủ trì hội nghị tại Thanh Hoá.", Label::Attendance);
        let new = en("Đồng chí Lê Thị Thủy, Ủy viên Ban Thường vụ Tỉnh ủy chủ trì hội nghị tại Thanh Hóa.", Label::Attendance);
        assert_eq!(old, new);
        assert!(old.contains("Provincial Party Committee") && old.contains("Thanh Hoa"), "{old}");
    }

    #[test]
    fn noun_phrases_take_english_order() {
        has("Công tác quốc phòng quân sự địa phương được triển khai toàn diện.", Label::Achievement, "Local defence and military work");
        has("Sáng 10/12, tại TP. Quy Nhơn, đoàn công tác đến thăm huyện Ngọc Hiển.", Label::Other, "Quy Nhon City");
        has("Đoàn công tác đến thăm huyện Ngọc Hiển.", Label::Other, "Ngoc Hien district");
        // A body after a common noun takes "of the"; ordinals go before their noun.
        has("Kỳ họp thứ 20 HĐND tỉnh khóa XIII bế mạc.", Label::Other, "20th session of the 13th-tenure Provincial People's Council");
        has("Sáng 10/12, HĐND tỉnh khóa XIII khai mạc kỳ họp thứ 20.", Label::Other, "opened the 20th session.");
    }

    #[test]
    fn cua_is_of_and_plural_determiners_make_plurals() {
        has("Đây là nhiệm vụ của lực lượng vũ trang tỉnh.", Label::Other, "task of");
        has("Các đơn vị tiếp tục nâng cao chất lượng huấn luyện.", Label::Directive, "Units will continue to improve");
        // A list after a plural stays plural.
        has("Tham dự có hơn 200 cán bộ, chiến sĩ và đoàn viên thanh niên.", Label::Attendance, "more than 200 officers and soldiers and Youth Union members");
        // "mỗi" before a pair the lexicon gives in the plural is "all"; before "người dân", one person.
        has("Mỗi cán bộ, đảng viên phải gương mẫu thực hiện các quy định của Đảng.", Label::Directive, "All officials and Party members must set an example in carrying out");
        has("Mỗi người dân cần nâng cao cảnh giác.", Label::Directive, "Each person");
    }

    #[test]
    fn aspect_and_voice() {
        has("Đảng ủy Quân sự tỉnh đã lãnh đạo các đơn vị.", Label::Achievement, "Provincial Military Party Committee led");
        has("Năm 2025, tỉnh sẽ tập trung xây dựng nông thôn mới.", Label::Directive, "the province will focus on");
        has("Hiện nay, lực lượng chức năng đang điều tra vụ việc.", Label::Other, "competent forces are investigating");
        has("Công tác huấn luyện được thực hiện đúng kế hoạch.", Label::Achievement, "Training work was carried out");
        has("Các chính sách an sinh xã hội được thực hiện kịp thời, đầy đủ.", Label::Achievement, "were carried out promptly and fully");
        has("Đến nay, tỉnh chưa giải ngân vốn đầu tư công.", Label::Other, "has not yet disbursed");
    }

    #[test]
    fn time_phrases() {
        has("Sáng 14/12, Tỉnh ủy tổ chức hội nghị.", Label::Other, "On the morning of 14 December,");
        has("Năm 2023, toàn tỉnh hoàn thành 100% chỉ tiêu giao quân.", Label::Achievement, "In 2023,");
        has("Từ ngày 12 đến 14/10, đoàn công tác đến thăm tỉnh Lào Cai.", Label::Other, "From 12 to 14 October,");
        has("Lúc 22 giờ 15 ngày 23/11, tổ công tác phát hiện một xe ô tô.", Label::Other, "At 22:15 on 23 November,");
    }

    #[test]
    fn the_genres_frames() {
        has(
            "Sáng 14/12, Đảng ủy Quân sự tỉnh Kon Tum tổ chức hội nghị tổng kết công tác quốc phòng năm 2024.",
            Label::Other,
            "the Kon Tum Provincial Military Party Committee held a conference to review",
        );
        has("Đồng chí Lê Minh Hoàng, Bí thư Tỉnh ủy chủ trì hội nghị.", Label::Attendance, "chaired the conference");
        has("Dự hội nghị có Đại tá Nguyễn Văn Hùng.", Label::Attendance, "Attending the conference was Senior Colonel Nguyen Van Hung");
        has("Chủ trì hội nghị có đồng chí Hà Văn Tư, Phó Chủ tịch UBND huyện.", Label::Attendance, "Chairing the conference was Comrade Ha Van Tu, Vice Chairman");
        // Several chairs: "were", and "các đồng chí:" is "Comrades" before the names.
        has(
            "Chủ trì hội nghị có các đồng chí: Nguyễn Văn An, Bí thư Tỉnh ủy; Trần Văn Bình, Chủ tịch UBND tỉnh.",
            Label::Attendance,
            "Chairing the conference were Comrades Nguyen Van An, Secretary",
        );
        has("Chủ trì hội nghị có đồng chí Lê Văn Hải, Bí thư Huyện ủy; đồng chí Đỗ Văn Tâm, Chủ tịch UBND huyện.", Label::Attendance, "Chairing the conference were Comrade Le Van Hai");
        has("Toàn tỉnh đạt 100% chỉ tiêu.", Label::Achievement, "100% of the target");
        has("Buổi làm việc do đồng chí Trần Văn Nam, Chủ tịch UBND tỉnh chủ trì.", Label::Attendance, "was chaired by Comrade Tran Van Nam");
        has("Mưa lớn làm 12 ngôi nhà bị ngập; rất may không có thiệt hại về người.", Label::Achievement, "left 12 houses flooded; fortunately there was no loss of life");
        has("Phát biểu tại hội nghị, đồng chí Lê Minh Hoàng yêu cầu các đơn vị tăng cường tuần tra.", Label::Directive, "Speaking at the conference, Comrade Le Minh Hoang");
        has("Đồng chí nhấn mạnh: các địa phương phải chủ động ứng phó với bão.", Label::Directive, "He stressed:");
    }

    /// An attendance list names groups: role nouns are plural nouns, never verbs, a title
    /// after "các" or a number is a plural common noun, a person's own titles stay his.
    #[test]
    fn attendance_lists_name_groups() {
        let a = Label::Attendance;
        has("Tham dự có lãnh đạo Sở Y tế, đại diện Ban Chỉ huy Quân sự huyện.", a, "Attending were leaders of the Department of Health and representatives of the District Military Command");
        has("Dự hội nghị có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy.", a, "were members of the Standing Board of the Provincial Party Committee");
        has("Dự hội nghị có 39 đồng chí Ủy viên Ban Chấp hành Đảng bộ huyện và bí thư các tổ chức cơ sở đảng.", a, "39 members of the District Party Executive Committee and secretaries of the grassroots Party organisations");
        has("Cùng dự có lãnh đạo Sở Y tế và đại diện các đơn vị nhận quân.", a, "Also attending were leaders of the Department of Health and representatives of the receiving units");
        has("Tham dự có lãnh đạo các phòng nghiệp vụ và Công an 15 huyện.", a, "the police of 15 districts");
        has("Tham dự có các Phó Chủ tịch UBND tỉnh.", a, "vice chairmen of the Provincial People's Committee");
        has("Dự hội nghị có Thiếu tướng Trịnh Xuân Lâm, Phó Tư lệnh Quân khu 5 cùng lãnh đạo 10 huyện, thành phố.", a, "Military Region 5 and leaders of 10 districts and cities");
        has("Dự đại hội có đồng chí Phạm Minh Khôi, Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Tổ chức Huyện ủy.", a, "Standing Board of the District Party Committee, the head of the Organisation Commission");
        has("Các đồng chí: Trần Thị Lan, Phó Bí thư Tỉnh ủy; Phạm Đức Bình, Phó Chủ tịch UBND tỉnh dự hội nghị.", a, "Comrades: Tran Thi Lan");
        has("Về dự buổi lễ có lãnh đạo Sở Y tế.", a, "Attending the ceremony were leaders of the Department of Health.");
    }

    /// A name and its titles: a dash, even glued to the name, is a comma, and the titles
    /// close with a comma before the verb; a list may follow a chair's clause.
    #[test]
    fn titles_after_a_name_are_set_off() {
        let a = Label::Attendance;
        has("Đồng chí Hồ Văn Niên-Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị.", a, "Comrade Ho Van Nien, Member of the Party Central Committee, Secretary of the Provincial Party Committee, chaired the conference.");
        has("Đồng chí Trần Văn Hùng- TUV, Phó Chủ tịch UBND tỉnh dự.", a, "Comrade Tran Van Hung, Member of the Provincial Party Committee, Vice Chairman of the Provincial People's Committee, attended.");
        has("Đồng chí Vũ Đình Khang Phó Bí thư Tỉnh ủy chủ trì buổi làm việc.", a, "Comrade Vu Dinh Khang, Deputy Secretary of the Provincial Party Committee, chaired");
        has("Đoàn do ông Lâm Văn Sáu-Giám đốc Sở Y tế làm trưởng đoàn.", a, "The delegation was led by Mr Lam Van Sau, Director of the Department of Health.");
        has("Đồng chí Lê Văn Tám chủ trì hội nghị; dự có lãnh đạo các sở và đại diện Công an tỉnh.", a, "chaired the conference; attending were leaders of the departments and representatives of the Provincial Police.");
        // A title before the name is no apposition.
        has("Bí thư Tỉnh ủy Hồ Văn Niên chủ trì hội nghị.", a, "Secretary of the Provincial Party Committee Ho Van Nien chaired the conference.");
    }

    /// A passive keeps its modal or negation ("cần được", "chưa được"), and an agent between
    /// "được" and its verb goes after the verb with "by".
    #[test]
    fn passives_keep_their_modal_and_their_agent() {
        has("Các hộ dân cần được hỗ trợ kịp thời.", Label::Directive, "Households need to be supported promptly.");
        has("Công trình phải được hoàn thành trước mùa mưa.", Label::Directive, "must be");
        has("Hồ sơ chưa được giải quyết kịp thời.", Label::Other, "The file has not yet been resolved promptly.");
        has("Đề án đã được HĐND tỉnh thông qua.", Label::Achievement, "The scheme was adopted by the Provincial People's Council.");
        has("Nhiều tập thể được Thủ tướng Chính phủ tặng Bằng khen.", Label::Achievement, "were presented certificates of merit by the Prime Minister.");
        has("Một số cấp ủy chưa quan tâm đến công tác kiểm tra.", Label::Other, "have not yet paid attention to inspection work.");
        has("Cử tri Phạm Văn Hòa phản ánh tình trạng ngập.", Label::Other, "Voter Pham Van Hoa");
        has("Đối tượng bị lực lượng chức năng bắt giữ.", Label::Achievement, "The individual was arrested by competent forces.");
        has("Nhiều ngôi nhà bị thiệt hại nặng.", Label::Other, "Many houses were damaged heavily.");
    }

    /// The lexicon's phrases written with commas match across them.
    #[test]
    fn lexicon_phrases_with_commas() {
        has("Tỉnh làm tốt công tác phòng, chống thiên tai.", Label::Achievement, "natural disaster prevention and control");
        has("Đẩy mạnh phòng, chống tham nhũng, tiêu cực.", Label::Directive, "prevention and control of corruption and negative phenomena");
        has("Tổng kết công tác phòng, chống tội phạm năm 2024.", Label::Other, "The review of the crime prevention and control work in 2024.");
        // The comma may follow any word of the phrase.
        has("Các sở, ngành liên quan phải hoàn thành trước ngày 15/3.", Label::Directive, "Relevant departments and sectors must");
        has("Năm nay, xã đã xây mới, sửa chữa 12 nhà cho hộ cận nghèo.", Label::Achievement, "built new and repaired 12 houses");
        // A verb's phrase gives its object up to a longer noun, after "các" too.
        has("Đề nghị các đơn vị liên quan rà soát lại danh sách.", Label::Directive, "Relevant units are asked to review");
        has("Chủ tịch UBND tỉnh đề nghị các sở, ngành liên quan khẩn trương báo cáo.", Label::Directive, "asked relevant departments and sectors");
        // ... not to one that also reads as a verb, and a verb after "đã" stays one.
        has("Huyện đoàn tổ chức khám bệnh, cấp thuốc miễn phí cho 250 người dân.", Label::Achievement, "organised medical check-ups");
        has("Đội y tế đã siêu âm, điện tim cho 300 người.", Label::Achievement, "performed an ultrasound");
    }

    /// An opening verb with its object before the subject's comma is a participle; an
    /// opening noun phrase is not.
    #[test]
    fn an_opening_action_and_its_object_frame_the_clause() {
        has("Triển khai Chỉ thị số 08 của Tỉnh ủy, các xã đã ra quân làm đường giao thông.", Label::Achievement, "Implementing Directive No. 08 of the Provincial Party Committee, communes");
        has("Hưởng ứng Tháng hành động vì môi trường, thị trấn đã trồng 2.400 cây xanh.", Label::Achievement, "Responding to the Action Month for the Environment, the");
        has("Lãnh đạo Sở Y tế, Bệnh viện Đa khoa tỉnh đã dự buổi lễ.", Label::Attendance, "attended the ceremony");
        has("Nhận thức về phòng cháy của một bộ phận cán bộ, công chức còn hạn chế.", Label::Other, "Awareness");
        has("Công tác tuyển chọn, gọi công dân nhập ngũ được thực hiện đúng luật.", Label::Achievement, "Selecting and calling up citizens");
    }

    /// After an opening phrase and its comma, the noun before the verb is the subject,
    /// whatever comes between them, never the phrase's list.
    #[test]
    fn an_opening_phrase_ends_at_its_comma() {
        has("Sau 3 năm, giá trị sản xuất nông nghiệp của huyện tăng 18%.", Label::Achievement, "After 3 years, agricultural production");
        has("Sau buổi lễ, 150 chiến sĩ cùng 40 xe chuyên dụng diễu hành qua trung tâm xã.", Label::Other, "After the ceremony, 150 soldiers together with");
    }

    /// A sentence's first capital is no name when a lexicon phrase covers the run.
    #[test]
    fn a_sentence_capital_does_not_make_a_name() {
        has("Dịp Tết năm nay, huyện đã trao 900 suất quà.", Label::Achievement, "During the Tet holiday this year");
        has("Sau Tết Nguyên Đán, các xã ra quân trồng cây.", Label::Other, "After the Lunar New Year");
        has("Xã phải hoàn thành trước Tết Nguyên đán.", Label::Directive, "before the Lunar New Year");
    }

    /// "không có N nào" + verb: "no N" is the verb's subject.
    #[test]
    fn no_n_whatsoever_is_the_subject() {
        has("Trong đợt này, không có trường hợp nào mắc sởi.", Label::Achievement, "no case contracted measles");
        has("Tỉnh không để hộ nào thiếu đói trong dịp Tết.", Label::Achievement, "any household");
        has("Không có hộ dân nào bị thiếu đói.", Label::Achievement, "No household went hungry");
    }

    /// A bare noun after "cho" is everyone of its kind; a percentage is of one whole.
    #[test]
    fn generic_plurals_and_percentages() {
        has("Huyện đã hỗ trợ 45 căn nhà cho hộ nghèo, hộ có hoàn cảnh khó khăn.", Label::Achievement, "for poor households and households in difficult circumstances.");
        has("Toàn huyện đã kết nạp 86 đảng viên mới, đạt 57% kế hoạch năm.", Label::Achievement, "reached 57% of the annual plan.");
    }

    /// A measure takes what it measures with "of": weighed things counted are plural.
    #[test]
    fn measures_of_things() {
        has("Thu giữ 4,2 kg ma túy tổng hợp.", Label::Achievement, "4.2 kg of synthetic drugs");
        has("Thu giữ 21,6 kg ma túy.", Label::Achievement, "21.6 kg of drugs");
        has("Trồng mới 1.540 ha rừng tập trung.", Label::Achievement, "1,540 ha of concentrated forest were newly planted.");
        has("Cấp phát 65 tấn gạo.", Label::Achievement, "65 tonnes of rice");
    }

    /// After the clause's verb, a word that is also an adverb or a verb describes the noun
    /// before it when nothing follows ("mới": new, not "only").
    #[test]
    fn a_closing_adjective_describes_its_noun() {
        has("Ngành khai thác các nguồn thu mới.", Label::Achievement, "The sector exploited new revenue sources.");
    }

    /// An adverb between a marker and its verb belongs to the verb.
    #[test]
    fn adverbs_after_a_marker_go_with_the_verb() {
        has("Các đơn vị phải thường xuyên kiểm tra.", Label::Directive, "Units must inspect regularly.");
        has("Các địa phương cần khẩn trương khắc phục hậu quả.", Label::Directive, "Localities should remedy the consequences urgently.");
        has("Mỗi thầy cô giáo cần thực sự là tấm gương sáng.", Label::Directive, "Each teacher should really be");
    }

    #[test]
    fn a_dateline_date_stands_alone() {
        has("(Bắc Giang, 02/04/2025)", Label::Other, "(Bac Giang, 2 April 2025)");
        has("(22/01/2024)", Label::Other, "(22 January 2024)");
    }

    /// "toàn tỉnh" opening a clause: before "có"/"xảy ra" it is where there were things,
    /// before another verb the subject.
    #[test]
    fn the_whole_area_opens_a_clause() {
        has("Toàn tỉnh có 12 huyện, thị xã, thành phố.", Label::Other, "Across the province there were 12 districts, towns and cities.");
        has("Năm 2024, toàn tỉnh xảy ra 412 vụ tai nạn giao thông.", Label::Achievement, "In 2024, across the province there were 412 traffic accidents");
        has("Sau 6 tháng triển khai, toàn tỉnh đã khởi công 3.874 căn nhà.", Label::Achievement, "the whole province broke ground on 3,874 houses");
    }

    /// The genre's shortcomings: a state after its subject is the predicate, with "was"
    /// agreeing with the subject's head; a second subject after a comma opens a clause.
    #[test]
    fn states_are_predicates() {
        has("Tuy nhiên, hạ tầng giao thông nội đồng chưa đồng bộ, việc chuyển dịch cơ cấu cây trồng còn chậm.", Label::Other, "infrastructure was not yet synchronised, the crop structural shift remained slow.");
        has("Việc đánh giá cán bộ có nơi vẫn còn nể nang.", Label::Other, "Assessment of officials in some places was still indulgent.");
        has("Sự phối hợp giữa các cấp, các ngành có lúc chưa chặt chẽ.", Label::Other, "was at times not close enough");
        has("Năm 2024, kinh tế tỉnh tăng trưởng 7,87%, thu ngân sách đạt 12.046 tỷ đồng.", Label::Achievement, "budget revenue reached 12,046 billion dong");
        // After a verb that takes "to", a comma and a noun go on with its object.
        has("Đồng chí Đỗ Quang Huy yêu cầu các sở, ngành, địa phương tập trung tháo gỡ vướng mắc.", Label::Directive, "localities to focus on");
    }

    /// A request with no one asking names the asked as the subject; a purpose with its
    /// own subject is "so that".
    #[test]
    fn requests_and_purposes() {
        let d = Label::Directive;
        has("Đề nghị các cơ quan báo chí tăng cường tuyên truyền.", d, "Press agencies are asked to step up communication.");
        has("Đề nghị UBND tỉnh sớm bố trí kinh phí cho các xã.", d, "The Provincial People's Committee is asked to soon allocate funds");
        has("Yêu cầu các đơn vị duy trì nghiêm chế độ trực sẵn sàng chiến đấu.", d, "The units are required to maintain");
        has("Đề nghị của UBND tỉnh được HĐND thông qua.", Label::Other, "The proposal of the Provincial People's Committee");
        has("Các đơn vị cần chuẩn bị tốt các điều kiện để lực lượng vũ trang hoàn thành nhiệm vụ.", d, "so that armed forces can fulfil the tasks");
        has("Tỉnh đã hỗ trợ 200 triệu đồng để các hộ dân sửa chữa nhà.", Label::Achievement, "so that households could repair");
    }

    /// After a verb that takes "that", a subject and a predicate that can only be one
    /// are a clause of their own; a bare verb stays the object's.
    #[test]
    fn that_clauses() {
        has("Kết quả kiểm tra cho thấy các đơn vị đã chấp hành nghiêm quy định.", Label::Other, "The inspection result showed that units complied");
        has("Đồng chí nhấn mạnh các địa phương phải chủ động ứng phó với bão.", Label::Directive, "He stressed that localities must respond proactively");
    }

    /// A state before the clause's own verb says which ones.
    #[test]
    fn a_state_before_the_verb_is_a_relative_clause() {
        has("Các hộ dân bị thiệt hại đã được hỗ trợ kịp thời.", Label::Achievement, "Households that were damaged were supported promptly.");
        has("Nhiều tuyến đường bị ngập sâu.", Label::Other, "roads were flooded");
    }

    #[test]
    fn coordination_and_clause_breaks() {
        let got = en("Đoàn đã khám bệnh, cấp phát thuốc cho 1.170 người dân; thăm, tặng quà cho 170 hộ gia đình chính sách.", Label::Achievement);
        assert!(got.contains("provided medical examinations and medicine") && got.contains("; visited and presented gifts to 170"), "{got}");
        assert_eq!(got.matches(';').count(), 1, "{got}");
        has("Các địa phương phải lãnh đạo, chuẩn bị chu đáo đại hội.", Label::Directive, "must lead and thoroughly prepare the congress");
    }

    #[test]
    fn figures_and_names_in_house_style() {
        let got = en("Đoàn đã khám bệnh cho 1.170 người dân với tổng kinh phí gần 200 triệu đồng, tăng 17,2%.", Label::Achievement);
        for want in ["1,170", "nearly 200 million dong", "17.2%"] {
            assert!(got.contains(want), "{got} without {want}");
        }
        let got = en("Đồng chí Đỗ Minh Khôi, Phó Bí thư Thường trực Tỉnh ủy chủ trì hội nghị tại Đắk Lắk.", Label::Attendance);
        assert!(got.starts_with("Comrade Do Minh Khoi,") && got.contains("Dak Lak"), "{got}");
        assert!(!crate::text::has_vietnamese_letters(&got), "{got}");
    }

    #[test]
    fn unknown_words_are_recorded_not_left_in_the_english() {
        let t = rules().translate_sentence("Đoàn đã khám bệnh cho người dân xyzư.", &[], Some(Label::Achievement));
        assert_eq!(t.untranslated, ["xyzư"]);
        assert!(!t.text.contains("xyz") && t.coverage < 1.0 && t.coverage > 0.5, "{t:?}");
    }

    #[test]
    fn a_users_lexicon_wins() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.tsv");
        std::fs::write(&path, "vi\ten\tpos\tfeatures\nhội nghị\tmeeting\tn\tevent\n").unwrap();
        let mine = RulesTranslator::load(Some(&path)).unwrap();
        assert!(mine.translate_sentence("Tỉnh ủy tổ chức hội nghị.", &[], None).text.contains("meeting"));
        assert_ne!(mine.lexicon.fingerprint, rules().lexicon.fingerprint);
    }

    #[test]
    fn every_sentence_of_the_shared_report_gets_english() {
        for s in crate::extract::SHARED_SAMPLE {
            let got = en(s, Label::Achievement);
            assert!(got.len() > s.len() / 3 && !crate::text::has_vietnamese_letters(&got), "{s}\n  {got}");
        }
    }

    #[test]
    fn casualties_are_what_the_disaster_left() {
        has("Bão số 3 làm 5 người chết và 20 người bị thương.", Label::Achievement, "left 5 people dead and 20 people injured");
        has("Trận lũ làm 3 người chết, 2 người mất tích và 46 ngôi nhà bị hư hỏng.", Label::Achievement, "left 3 people dead, 2 people missing and 46 houses damaged");
        // After a finished clause and a comma, the casualties are its result.
        has("Năm 2024, trên địa bàn tỉnh xảy ra 58 vụ cháy, làm 2 người chết.", Label::Achievement, "there were 58 fires, leaving 2 people dead");
        // A lexicon past in "was" agrees with a plural subject.
        has("Năm 2024, 1.245 ngôi nhà bị ngập, hư hỏng.", Label::Achievement, "houses were flooded and were damaged");
        // A lexicon noun that carries its state ("lúa bị ngập") gives it back.
        has("Mưa lớn làm 12 ha lúa bị ngập.", Label::Achievement, "left 12 ha of rice flooded");
    }

    #[test]
    fn the_order_after_an_opening_participle_is_a_verb() {
        has("Kết luận hội nghị, Đại tá Lê Đình Phương yêu cầu các đồn biên phòng nắm chắc tình hình.", Label::Directive, "Concluding the conference, Senior Colonel Le Dinh Phuong requested border posts to grasp");
        has("Phát biểu bế mạc, đồng chí Trương Công Lập đề nghị UBND tỉnh khẩn trương cụ thể hóa các nghị quyết.", Label::Directive, "asked the Provincial People's Committee urgently to concretise");
        has("Trạm khuyến cáo bà con theo dõi dự báo thời tiết.", Label::Directive, "advised local people to monitor");
    }

    #[test]
    fn a_phrase_opened_by_cac_after_a_noun_is_its_complement() {
        has("Lãnh đạo các sở, ngành đã tham dự.", Label::Attendance, "Leaders of departments and sectors attended");
        has("Chủ tịch UBND các huyện phải chịu trách nhiệm.", Label::Directive, "People's Committee of the districts");
    }

    #[test]
    fn terms_of_office() {
        has("Đại hội Đảng bộ Quân sự tỉnh lần thứ XX, nhiệm kỳ 2025-2030 thành công tốt đẹp.", Label::Other, "congress for the 2025-2030 term was a great success.");
        has("Trong nhiệm kỳ 2020-2025, tỉnh đạt 18/20 chỉ tiêu.", Label::Achievement, "In the 2020-2025 term, the province reached 18 of 20 targets.");
        has("Đồng thời, chuẩn bị chu đáo đại hội đảng bộ các cấp nhiệm kỳ 2025–2030.", Label::Directive, "at all levels for the 2025–2030 term");
        // A list after a preposition keeps its "and" before the subject's verb.
        has("Mực nước trên sông Tiền, sông Hậu đang lên nhanh.", Label::Other, "Tien river and Hau river");
    }

    #[test]
    fn what_was_done_in_a_counted_stretch_of_time() {
        has("Huyện ủy Tam Nông sơ kết 6 tháng thực hiện nghị quyết", Label::Other, "6 months of resolution implementation");
        has("Qua 5 năm thực hiện Nghị quyết, tỉnh đạt nhiều kết quả.", Label::Achievement, "5 years of carrying out the resolution");
        has("Trong 6 tháng đầu năm, tỉnh thu hút 12 dự án.", Label::Achievement, "In the first 6 months of the year, the province attracted 12 projects.");
        has("Bình Thuận: Thu ngân sách 6 tháng đạt 58% dự toán.", Label::Achievement, "6 months reached 58%");
    }

    #[test]
    fn the_report_period_says_when() {
        has(
            "Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết công tác 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2024.",
            Label::Other,
            "held a conference to make a preliminary review of work in the first 6 months of the year and deploy tasks in the last 6 months of 2024.",
        );
        has("Huyện ủy Phụng Hiệp sơ kết 6 tháng đầu năm 2024", Label::Other, "review of the first 6 months of 2024");
    }

    #[test]
    fn cases_and_the_people_in_them() {
        has("Công an tỉnh bắt 45 vụ/68 đối tượng.", Label::Achievement, "arrested 45 cases involving 68 individuals");
        // Codes and rates keep their slash.
        has("Quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị.", Label::Other, "57-NQ/TW");
    }

    #[test]
    fn a_ratio_is_one_count() {
        has("Lực lượng Công an đã điều tra, làm rõ 1.126/1.204 vụ phạm pháp hình sự.", Label::Achievement, "1,126 of 1,204 criminal cases");
        has("Đã xử lý 14/14 vụ.", Label::Achievement, "All 14 cases were handled.");
    }

    #[test]
    fn an_estimate_is_the_clause_verb() {
        has("Thu ngân sách ước đạt 16.000 tỷ đồng.", Label::Achievement, "Budget revenue was estimated at 16,000 billion dong");
        has("Năm 2024, kim ngạch thương mại giữa hai tỉnh ước đạt khoảng 650 triệu USD.", Label::Achievement, "was estimated at about 650 million US dollars");
    }

    #[test]
    fn a_counted_period_of_the_year() {
        has("Trong 6 tháng đầu năm, toàn huyện kết nạp 86 đảng viên mới.", Label::Achievement, "In the first 6 months of the year");
        has("Nhiệm vụ 6 tháng cuối năm 2024 rất nặng nề.", Label::Other, "the last 6 months");
        has("Trong 9 tháng qua, tỉnh đã thu hút 12 dự án.", Label::Achievement, "In the past 9 months");
    }

    #[test]
    fn the_whole_area_after_a_noun_is_where() {
        has("Trong năm 2024, lực lượng Công an toàn tỉnh đã triệt xóa 38 băng, ổ nhóm tội phạm.", Label::Achievement, "the police force across the province eradicated 38 gangs and criminal rings");
        // "trên địa bàn" before a named place is "in"; the place keeps its own noun.
        has("Các huyện trên địa bàn tỉnh Hà Tĩnh đồng loạt tổ chức lễ giao nhận quân.", Label::Other, "Districts in Ha Tinh province");
        has("Dịp này, đoàn trao quà cho thương binh trên địa bàn xã Hợp Thành.", Label::Other, "in Hop Thanh commune");
        // One is in an area, at a building.
        has("Tại xã Hợp Thành, đoàn đã trao 50 suất quà.", Label::Other, "In Hop Thanh commune, the delegation presented");
        has("Hội nghị diễn ra tại Hội trường UBND tỉnh.", Label::Other, "took place at the hall");
        // Without a place after it, "in the area".
        has("Các vụ việc xảy ra trên địa bàn đều được xử lý.", Label::Achievement, "in the area were handled");
        has("Các vụ việc trên địa bàn tỉnh được giải quyết kịp thời.", Label::Achievement, "Incidents in the province were resolved");
    }

    #[test]
    fn a_count_and_its_noun() {
        assert_eq!(rules().counted("4", "cơn bão", true).as_deref(), Some("4 storms"));
        assert_eq!(rules().counted("more than 300", "viên đạn", true).as_deref(), Some("more than 300 bullets"));
        // A noun the lexicon lacks gives nothing, not a half translation.
        assert_eq!(rules().counted("3", "xyzw", true), None);
        // "hàng trăm", "hàng nghìn" read as a number count with "of".
        has("Lễ hội thu hút hàng trăm du khách.", Label::Achievement, "attracted hundreds of visitors");
        has("Các đội hình tình nguyện đã làm mới 42 km đường giao thông nông thôn.", Label::Achievement, "Volunteer teams renewed 42 km");
    }

    #[test]
    fn an_office_standing_for_its_holder_takes_the() {
        let d = Label::Directive;
        has("Kết luận hội nghị, đồng chí Chủ tịch UBND tỉnh yêu cầu các sở tập trung chỉ đạo.", d, "conference, the Chairman of the Provincial People's Committee requested");
        has("Bí thư Tỉnh ủy yêu cầu các huyện tập trung chỉ đạo.", d, "The Secretary of the Provincial Party Committee requested");
        // Titles of a name, and a post held, take none.
        has("Dự có đồng chí Nguyễn Văn An, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy.", Label::Attendance, "Nguyen Van An, Member of the Party Central Committee, Secretary of the");
        has("Đồng chí Võ Văn Thành được bầu giữ chức Bí thư Đảng ủy xã.", Label::Other, "post of Secretary of the");
    }

    #[test]
    fn the_number_of_the_things_counted() {
        let a = Label::Achievement;
        has("So với cùng kỳ, số vụ tai nạn giao thông giảm 12%.", a, "the number of traffic accidents decreased by 12%");
        has("Số lượng hộ nghèo giảm 3%.", a, "The number of poor households decreased");
        // A share of them, or all of them, are the things themselves.
        has("Công an tỉnh đã điều tra, khám phá 89% số vụ phạm pháp hình sự.", a, "89% of criminal offences");
    }

    #[test]
    fn a_negated_state_keeps_its_negation() {
        let a = Label::Other;
        has("Tuy vậy, việc quản lý nguồn dự bị động viên ở một số xã chưa chặt chẽ.", a, "was not yet close");
        has("Tuy nhiên, kết quả giảm nghèo chưa bền vững.", a, "not yet sustainable");
        has("Đồng chí yêu cầu các địa phương không chủ quan, lơ là.", Label::Directive, "required localities to avoid complacency");
    }

    #[test]
    fn ve_after_an_event_is_what_it_is_about() {
        has("UBND thành phố tổ chức hội nghị về bảo đảm an ninh mạng.", Label::Other, "the conference on ensuring");
        has("Đoàn công tác về thăm huyện Mường Tè.", Label::Other, "The working delegation visited Muong Te district");
    }

    #[test]
    fn a_number_that_names_follows_its_noun() {
        has("Sau bão số 3, tỉnh khắc phục hậu quả.", Label::Achievement, "After Storm No. 3, the province");
        has("Đồng chí Nguyễn Hữu Thiện dự lễ khai giảng tại Trường THPT Dân tộc nội trú số 2.", Label::Attendance, "ethnic boarding upper secondary school No. 2");
        // A weight in grams is a measure like kilograms.
        has("Lực lượng công an thu giữ 36 gam ma túy tổng hợp.", Label::Achievement, "seized 36 grams of synthetic drugs");
        // A document's type, "số" and its code stay together and in order.
        has("Xã triển khai Kế hoạch số 45/KH-UBND của UBND huyện.", Label::Other, "Plan No. 45/KH-UBND of the District People's Committee");
        has("Căn cứ Nghị quyết số 09-NQ/TU, huyện xây dựng kế hoạch.", Label::Other, "Based on Resolution No. 09-NQ/TU, the district");
    }

    #[test]
    fn what_there_was_is_the_next_verbs_subject() {
        has("Có 14/14 trường học được kiểm tra.", Label::Achievement, "All 14 schools were inspected.");
        has("Có 3 hộ dân chưa nhận tiền hỗ trợ.", Label::Other, "3 households have not yet received");
        // With no verb after it, it stays an existential.
        has("Năm 2024, toàn tỉnh có 12 vụ cháy.", Label::Other, "there were 12 fires");
        // A place after its preposition stays the place before "xảy ra"; one thing takes "a".
        has("Trên địa bàn huyện Mường Nhé không xảy ra vụ cháy rừng nào.", Label::Achievement, "In Muong Nhe district there was no forest fire.");
        has("Tại huyện Mường Nhé xảy ra 5 vụ cháy.", Label::Other, "In Muong Nhe district there were 5 fires.");
        has("Chiều 6/11, tại trụ sở UBND huyện diễn ra lễ khởi công.", Label::Other, "there was a");
    }

    #[test]
    fn demonstratives_and_other_go_before_the_noun() {
        has("Trong đợt này, đoàn đã trao 200 suất quà.", Label::Achievement, "In this round, the delegation");
        has("Những ngày này, lực lượng biên phòng tăng cường tuần tra.", Label::Other, "These days");
        has("Các xã khác cũng ra quân.", Label::Other, "Other communes also");
        has("Hội đồng cho ý kiến 10 dự án luật khác.", Label::Other, "10 other draft laws");
        has("Một số xã khác chưa hoàn thành.", Label::Other, "Some other communes");
    }

    #[test]
    fn what_is_given_goes_to_someone() {
        has("Dịp này, UBND tỉnh tặng Bằng khen cho 7 tập thể.", Label::Achievement, "certificates of merit to 7 collectives");
        has("Đoàn trao 300 suất quà, mỗi suất trị giá 500.000 đồng, cho các hộ nghèo.", Label::Achievement, "500,000 dong, to poor households");
        // Not after other verbs: "for".
        has("Huyện hỗ trợ 50 triệu đồng cho các hộ bị thiệt hại.", Label::Achievement, "50 million dong for affected households");
    }

    #[test]
    fn quarters_of_the_year() {
        has("Trong quý IV/2024, huyện thu ngân sách đạt 120 tỷ đồng.", Label::Achievement, "In the fourth quarter of 2024, the");
        has("Quý I, toàn tỉnh đón gần 3,1 triệu lượt khách.", Label::Achievement, "In the first quarter, the whole province");
        has("Hội nghị sơ kết công tác quý II năm 2025.", Label::Other, "the second quarter of 2025");
        // Doubled articles from two rules are written once.
        has("Sở sẽ hoàn thành việc rà soát trong quý 3/2025.", Label::Directive, "complete the review in the third quarter of 2025");
    }

    #[test]
    fn a_participle_after_what_was_hit_is_its_state() {
        has("Sạt lở đất làm 5 ngôi nhà hư hỏng.", Label::Achievement, "left 5 houses damaged");
    }

    #[test]
    fn a_work_clause_and_a_plural_after_between() {
        has("Công tác phối hợp chưa đồng bộ.", Label::Other, "Coordinating was not yet");
        has("Việc trao đổi thông tin giữa các ngành còn chậm.", Label::Other, "between sectors remained slow");
    }

    /// "việc" or "công tác" before a verb opens a gerund subject whose own verb is the
    /// marked one; a body's directive agrees with it; "Bộ" written so is the ministry.
    #[test]
    fn gerund_subjects_agreement_and_the_ministry() {
        let (a, d) = (Label::Achievement, Label::Directive);
        has("Việc trao quà được thực hiện công khai.", a, "Handing out gifts was carried out publicly");
        has("Việc giải quyết các vụ việc phát sinh trên biên giới được thực hiện kịp thời.", a, "Resolving incidents arising on the border was carried out promptly");
        has("Tuy vậy, việc kết nạp đảng viên vẫn gặp nhiều khó khăn.", a, "admitting Party members still met");
        has("Sở Y tế bố trí cán bộ y tế trực tại từng điểm thi.", d, "The Department of Health needs to arrange");
        has("Các đơn vị bố trí lực lượng trực.", d, "Units need to deploy");
        has("Bộ sẽ tiếp thu các kiến nghị.", a, "The ministry will take on board");
        // Lower case, "bộ" stays the classifier of what it counts.
        has("Đồn biên phòng tặng 1.350 bộ sách giáo khoa.", a, "1,350 textbooks");
        // A verb with no object has no agent: "do" is "because".
        has("2 người bị thương do cây đổ.", a, "because trees fell");
        has("Đoàn do đồng chí Võ Trung Kiên làm trưởng đoàn.", a, "led by Comrade Vo Trung Kien");
    }

    /// A place or unit a number names is one name with it; so is a storm's number.
    #[test]
    fn numbered_places_and_storms() {
        let a = Label::Achievement;
        has("Vụ cháy xảy ra tại Phường 3, Quận 5.", a, "in Ward 3, District 5");
        has("Lực lượng chức năng tuần tra trên Quốc lộ 1A.", a, "on National Highway 1A");
        has("Tỉnh sơ kết công tác khắc phục hậu quả bão số 3.", a, "review of Storm No. 3 recovery work");
        has("Tỉnh ứng phó với cơn bão số 3.", a, "responded to Storm No. 3");
        has("Áp thấp nhiệt đới số 2 gây mưa lớn.", a, "Tropical Depression No. 2 caused");
    }

    /// Orders with no subject, with none let, and after a request.
    #[test]
    fn orders_without_a_subject_and_letting_none() {
        let d = Label::Directive;
        has("Phải chủ động nắm chắc tình hình.", d, "It must keep a proactive, firm grasp of the situation");
        has("Tỉnh cần giải ngân 100% kế hoạch vốn, không để dự án nào phải chuyển nguồn.", d, "let no project have to transfer");
        has("Không để hộ nào không có Tết.", d, "Let no household lack Tet");
        has("Đồng chí Hà Ngọc Thiện yêu cầu các chủ rừng phải bố trí lực lượng trực.", d, "requested forest owners to deploy");
        // A modal marks the clause's own verb, never a complement of the verb before it.
        has("Cán bộ, chiến sĩ khi làm nhiệm vụ phải đeo camera ghi hình.", d, "must wear");
    }

    /// "tình trạng" and a verb is the situation of doing it; "vẫn còn" marks the
    /// clause's own verb, never a complement.
    #[test]
    fn situations_and_what_still_happens() {
        let a = Label::Achievement;
        has("Phải khắc phục tình trạng đùn đẩy, né tránh.", Label::Directive, "the situation of shirking and evading");
        has("Các đại biểu cho rằng tình trạng xây dựng trái phép trên đất nông nghiệp vẫn còn diễn ra.", a, "still took place");
    }

    /// "cách" before a distance is "from", the distance first; elsewhere no preposition.
    #[test]
    fn distances_from_a_place() {
        let o = Label::Other;
        has("Mù Cả là xã biên giới, cách trung tâm huyện hơn 70 km.", o, "more than 70 km from the district centre");
        has("Trường học cách trung tâm xã 15 km.", o, "The school was 15 km from the commune centre");
        has("Công ty phải điều tiết nước một cách tiết kiệm.", o, "regulate water economically");
    }

    /// A manner word between a body and its verb is an adverb; "đã có" before a noun has.
    #[test]
    fn manner_after_a_body_and_what_a_place_has() {
        let a = Label::Achievement;
        has("Sở Nông nghiệp và Phát triển nông thôn khẩn trương xây dựng đề án trồng lại rừng.", a, "Rural Development urgently built");
        has("Huyện đã có 12 xã đạt chuẩn nông thôn mới.", a, "The district had 12");
        has("Đến nay, đã có 1.350 hộ dân bị sập nhà.", a, "there were 1,350");
    }

    /// One person attending "was"; more, or a list, "were".
    #[test]
    fn one_attendee_was() {
        let a = Label::Attendance;
        has("Tham dự có đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh.", a, "Attending was Comrade Nguyen Van Hung, Vice Chairman");
        has("Dự hội nghị có Thiếu tướng Trần Văn Bích, Phó Tư lệnh Quân khu 7 cùng đại diện lãnh đạo 11 huyện.", a, "Attending the conference were Major General");
        has("Toàn tỉnh không có hộ nào bị thiếu đói.", Label::Achievement, "Across the province, no household went hungry.");
    }

    #[test]
    fn a_capitalised_admin_noun_and_a_code_with_its_number() {
        has("Huyện Lệ Thủy đã sơ tán 1.215 hộ dân.", Label::Achievement, "Le Thuy district evacuated 1,215 households");
        has("Dịch COVID - 19 đã được kiểm soát.", Label::Achievement, "COVID-19 epidemic");
    }

    #[test]
    fn each_one_and_being_ready() {
        has("Cán bộ y tế trực tại từng điểm thi.", Label::Other, "at each exam site");
        has("Mười một tháng năm 2024, thu ngân sách đạt 90%.", Label::Achievement, "Eleven months");
        has("Các đối tượng sử dụng vũ khí nóng, sẵn sàng chống trả quyết liệt.", Label::Other, "and were ready to resist fiercely");
        has("Nhiều hộ dân cam kết chấp hành nghiêm chỉ đạo của chính quyền.", Label::Achievement, "pledged to strictly comply with direction of the authorities");
        // A closing "không?" asks; the word before it is no adverb of a negation.
        assert!(!en("Bà con có ở lại đến khi chính quyền thông báo an toàn không?", Label::Other).contains("safely"));
    }

    #[test]
    fn a_time_clause_with_no_subject() {
        let d = Label::Directive;
        has("Cán bộ, chiến sĩ khi làm nhiệm vụ phải đeo camera ghi hình.", d, "Officers and soldiers, when on duty, must wear");
        has("Người dân khi đã uống rượu, bia tuyệt đối không điều khiển phương tiện tham gia giao thông.", d, "People, when drinking alcohol, absolutely do not drive.");
        has("Các đối tượng chống trả khi bị phát hiện.", Label::Other, "resisted when detected.");
        has("Khi được hỏi, ông cho biết sẽ khắc phục.", Label::Other, "When asked, he said");
        has("Các chủ tàu phải trang bị phao cứu sinh trước khi xuất bến.", d, "before leaving port");
        has("Ngư dân không ra khơi khi có gió mạnh, sóng lớn.", d, "when there are strong winds and high waves");
        has("Lực lượng sẵn sàng hỗ trợ khi có cháy rừng lớn xảy ra.", Label::Achievement, "when a large forest fire occurred");
    }

    #[test]
    fn what_goes_on_from_an_order_and_what_a_noun_underwent() {
        let d = Label::Directive;
        // After "need to" or "asked X to", "không để" goes on from it: "and not let".
        has("Các đơn vị cần bám sát địa bàn, không để người dân quay lại vùng nguy hiểm.", d, "Units should stay close to the area and not let people");
        has("Huyện yêu cầu các xã chủ động tích trữ nước, không để người dân thiếu nước.", d, "proactively and not let");
        // A passive right after an object says which ones.
        let a = Label::Achievement;
        has("Tỉnh thu hồi 38 khu đất bị lấn chiếm.", a, "recovered 38 plots of land encroached on.");
        has("Xã đã hỗ trợ gạo cho các hộ bị mất trắng.", a, "households that lost everything.");
        // After a comma that follows a verb, a noun opens a clause of its own.
        has("Khoảng 20 ha hoa màu bị vùi lấp, nhiều tuyến đường bị sạt lở.", a, "were buried, many roads collapsed.");
        // "bị" before what no one does to the subject is what it underwent.
        has("Gia đình bà bị mất trắng.", Label::Other, "lost everything.");
        has("Trong năm, 9 đảng viên bị xóa tên.", a, "9 Party members were removed from the rolls.");
        has("Một số đoạn đê có nguy cơ bị sạt lở.", Label::Other, "the risk of collapsing.");
    }

    #[test]
    fn plans_predicates_after_must_and_what_is_prevented() {
        let d = Label::Directive;
        // A body that takes the lead in or goes on with a task is given a part in a plan.
        has("Sở Công Thương chủ trì, phối hợp với các huyện kiểm tra thị trường hàng hóa dịp Tết.", d, "The Department of Industry and Trade will take the lead and coordinate with");
        has("Huyện đoàn tiếp tục tổ chức các lớp dạy bơi cho thiếu nhi.", d, "The District Youth Union will continue to organise");
        // So is what a body does in the coming period; an agreement stays what was agreed.
        has("Thời gian tới, ngành y tế tăng cường giám sát dịch bệnh tại cửa khẩu.", d, "In the coming period, the health sector will step up");
        has("Thời gian tới, hai huyện thống nhất tăng cường tuần tra chung.", d, "two districts agreed to");
        // Otherwise a named body is told what it needs to do.
        has("Sở Tư pháp rà soát các văn bản quy phạm pháp luật.", d, "The Department of Justice needs to review");
        // In a report the lead was taken.
        has("Sở Công Thương chủ trì, phối hợp với các huyện kiểm tra thị trường.", Label::Achievement, "took the lead and coordinated with");
        // After "phải", an adjective is what the subject must be.
        has("Việc cấp phát gạo cứu trợ phải công khai, minh bạch.", d, "must be public");
        has("Kỳ thi phải an toàn.", d, "The examination must be safe.");
        // … and so is each adjective of its list, up to the next verb.
        has("Việc phát quà phải công khai, minh bạch, đến tận tay người dân.", d, "must be public and transparent and get into the hands of");
        // What is prevented is every case of it.
        has("Năm nay huyện không để xảy ra sai sót trong chi trả trợ cấp.", Label::Achievement, "prevented errors in");
        // After an opening phrase "công tác" still opens the subject.
        let got = en("Tuy nhiên, công tác tuyên truyền ở vùng cao còn hạn chế.", Label::Other);
        assert!(got.starts_with("However, ") && !got.contains("worked"), "{got:?}");
    }

    #[test]
    fn leaders_of_a_count_what_there_is_now_and_a_clause_after_but() {
        let o = Label::Other;
        // A role before a counted lexicon noun ("hai huyện") is many, with "of".
        has("Tại buổi làm việc, lãnh đạo hai huyện thống nhất tăng cường tuần tra.", o, "leaders of two districts agreed to");
        has("Tham dự có lãnh đạo 12 xã biên giới.", Label::Attendance, "leaders of 12 border communes");
        // "hiện có" is what a place has now, agreeing with its subject.
        has("Huyện Mường Lát hiện có 9 điểm trường lẻ.", o, "Muong Lat district currently has 9 satellite schools.");
        has("Các xã vùng cao hiện có 4 điểm trường lẻ.", o, "Highland communes currently have 4");
        // "nhưng" before a subject and its verb opens a clause of its own.
        has("Huyện có 40 khách sạn, nhưng chỉ 15% đạt chuẩn 3 sao.", o, "40 hotels, but only 15% met the standard");
        has("Huyện có 40 khách sạn, nhưng chỉ 15% đạt chuẩn 3 sao.", o, "3 stars.");
    }

    #[test]
    fn leaders_of_a_level_directions_coordination_and_doing_well() {
        let (o, a, d) = (Label::Other, Label::Attendance, Label::Directive);
        // Those who lead a level of government are many, and act as the subject.
        has("Lãnh đạo tỉnh đã trao 50 suất học bổng cho học sinh.", Label::Achievement, "Provincial leaders presented 50 scholarships");
        has("Phát biểu khai mạc, lãnh đạo huyện đề nghị các xã giữ gìn bản sắc văn hóa.", o, ", district leaders asked communes to");
        has("Các đồng chí lãnh đạo tỉnh đã trao quà cho các hộ nghèo.", Label::Achievement, "Provincial leaders handed out gifts");
        // After "of", a named province is a noun.
        has("Dự hội nghị có lãnh đạo tỉnh Quảng Trị.", a, "leaders of Quang Tri province");
        // A directive speech is delivered; directions are given to an event.
        has("Đồng chí Lê Văn Tuấn, Phó Chủ tịch UBND tỉnh dự và phát biểu chỉ đạo.", a, "attended and delivered a directive speech.");
        has("Đồng chí Nguyễn Văn Phúc, Giám đốc Công an tỉnh phát biểu chỉ đạo hội nghị.", o, "gave directions to the conference");
        has("Phát biểu chỉ đạo, đồng chí Lê Văn Tuấn đề nghị các xã tập trung khắc phục hậu quả.", d, "Delivering directions, Comrade Le Van Tuan asked communes to");
        // Working with someone is an instruction of its own, with the verb it is for.
        has("Sở Y tế phối hợp với các địa phương tổ chức tốt kỳ thi tuyển sinh.", d, "needs to coordinate with localities to effectively organise the enrolment examination");
        has("Đồng chí Lê Văn Tuấn yêu cầu Công an huyện phối hợp với các xã tuần tra.", d, "requested the District Police to coordinate with communes to patrol");
        // "Well" goes before a verb with an object, as "effectively".
        has("Các đơn vị tiếp tục thực hiện tốt công tác tuyển quân.", d, "continue to effectively carry out");
        has("Huyện đã tổ chức tốt kỳ thi.", Label::Achievement, "The district effectively organised the examination.");
    }

    #[test]
    fn counted_changes_must_nots_by_and_what_was_raised() {
        let (a, d) = (Label::Achievement, Label::Directive);
        // A bare noun whose cases change by so many is every case of it.
        has("Tai nạn giao thông giảm cả 3 tiêu chí so với cùng kỳ năm trước.", a, "Traffic accidents decreased on all 3 criteria");
        has("Phạm pháp hình sự giảm 47 vụ so với năm 2023.", a, "Criminal offences decreased by 47 cases");
        // … not an index moving up the ranks, nor what the count belongs to.
        has("Chỉ số chuyển đổi số của tỉnh tăng 9 bậc.", a, "index of the province increased by 9");
        // After "asked X", "must not" is "not to".
        has("Đồng chí Chủ tịch UBND tỉnh yêu cầu các địa phương không được chủ quan, lơ là.", d, "localities not to be complacent or negligent.");
        // Inside a clause "bởi" names the agent.
        has("Nhiều hộ dân bị ảnh hưởng bởi bão số 3.", a, "were affected by Storm No. 3.");
        // "được" after a verb and before what it got makes no passive of what follows.
        has("Hội Chữ thập đỏ tỉnh đã vận động được hơn 3,5 tỷ đồng ủng hộ đồng bào.", a, "mobilised more than 3.5 billion dong to support compatriots");
        has("Toàn tỉnh đã tiếp nhận được 27.350 đơn vị máu, đạt 109% kế hoạch.", a, "and reached 109% of the plan.");
        // A share of households or schools is of many; a share of a plan is of the plan.
        has("Đến nay, 100% hộ dân trên địa bàn xã đã có điện.", a, "100% of households in the commune");
        has("Đã có 98% trường học đạt chuẩn quốc gia.", a, "98% of schools met");
        has("Huyện đạt 100% kế hoạch.", a, "100% of the plan.");
        // A clock time opening the clause is when the count stood.
        has("Theo báo cáo, đến 16 giờ chiều nay, toàn tỉnh đã di dời 1.245 hộ.", a, "According to the report, as of 16:00 this afternoon, the whole province relocated");
        // "làm sạt lở" causes landslides on what follows.
        has("Mưa lớn kéo dài đã làm sạt lở nhiều tuyến đường giao thông.", a, "Prolonged heavy rain caused landslides on many");
    }

    #[test]
    fn countries_counts_amounts_and_advice() {
        let a = Label::Achievement;
        has("Đoàn đã khám, chữa bệnh cho 320 lượt người dân Campuchia.", a, "for 320 Cambodian people.");
        has("Phía Việt Nam đã trao 20 tấn gạo.", a, "The Vietnamese side presented");
        // "advise X to review", but "advise on reviewing" with no X.
        has("Sở Tài chính tham mưu bố trí kinh phí cho lực lượng dân quân.", a, "advised on allocating funds for militia forces.");
        has("Bộ Chỉ huy Quân sự tỉnh tham mưu cho UBND tỉnh bố trí kinh phí.", a, "advised the Provincial People's Committee to allocate funds.");
        has("Tại hội nghị, 9 lượt cử tri phát biểu ý kiến.", a, "9 voters gave opinions.");
        has("Bệnh viện huyện đã khám bệnh miễn phí cho 320 người.", a, "gave free medical examinations to 320 people.");
        // A noun that states a quantity takes its figure with "of".
        has("Mỗi căn nhà có diện tích 65 m², được xây dựng kiên cố.", a, "had an area of 65 square metres");
        has("Tỉnh thu hồi 146 khu đất với tổng diện tích gần 83 ha.", a, "with a total area of nearly 83 ha.");
        has("Đoàn trao 142 suất quà cho tân binh, tổng trị giá hơn 280 triệu đồng.", a, "to new recruits with a total value of more than 280 million dong.");
        has("Tổng kinh phí 5 tỷ đồng.", a, "Total funding was 5 billion dong.");
        // Where someone lives and when they were born, in brackets after their initials.
        has("Đối tượng Đ.V.N (SN 1990, trú xã Mường Lói) đã bị bắt.", a, "(born in 1990, of Muong Loi commune)");
        // "nước" is water beside power, in a purifier, in a cold-water fish.
        has("Tỉnh đã khôi phục 100% hệ thống điện, nước, viễn thông.", a, "power, water and telecommunications");
        has("Hội đã tiếp nhận 18 tấn gạo, 3.000 thùng mì và 1.500 bộ dụng cụ học tập.", a, "3,000 cartons of instant noodles and 1,500 sets of school supplies.");
        // Those who lead or stand for a place or a body are many, with "of", and "có"
        // opening an attendance list marks no verb.
        has("Kết thúc buổi làm việc, lãnh đạo Hà Giang và Vân Nam đã ký biên bản ghi nhớ.", a, "Concluding the working session, leaders of Ha Giang and Van Nam signed");
        has("Dự hội nghị có lãnh đạo Sở Y tế tỉnh và đại diện Trường Đại học Cần Thơ.", Label::Attendance, "Attending the conference were leaders of the provincial Department of Health and representatives of");
        has("Tham dự có lãnh đạo huyện Mường Nhé.", Label::Attendance, "Attending were leaders of Muong Nhe district.");
        has("Các đơn vị đã cấp phát 12.000 thùng mì tôm và 40.000 chai nước uống.", a, "12,000 cartons of instant noodles and 40,000 bottles of drinking water.");
        // A word before the lexicon's frame, and one person after any frame: "was".
        has("Đến dự hội nghị có đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh.", Label::Attendance, "Attending the conference was Comrade Nguyen Van Hung");
        has("Cùng tham dự hội nghị có đồng chí Nguyễn Văn Hùng và lãnh đạo các sở.", Label::Attendance, "Also attending the conference were Comrade Nguyen Van Hung and leaders of the departments.");
        // … and the list after it is read as a list: leaders, not "led".
        has("Đến dự hội nghị có lãnh đạo Sở Xây dựng, đại diện Ban Chỉ huy Quân sự huyện.", Label::Attendance, "Attending the conference were leaders of the Department of Construction and representatives of");
        has("Tiếp và làm việc với đoàn có đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh.", Label::Attendance, "Receiving and working with the delegation was Comrade");
        // The agent of "do … cầm đầu" may carry brackets.
        has("Công an triệt phá đường dây do Đ.V.N (SN 1990, trú xã Mường Lói) cầm đầu.", a, "a ring led by D.V.N (born in 1990, of Muong Loi commune).");
        // "là do" before a clause is "because", before a noun "because of".
        has("Nguyên nhân chủ yếu là do năng lực của một số cán bộ còn hạn chế.", Label::Other, "This is mainly because the capacity of some officials remained limited.");
    }

    #[test]
    fn counts_per_unit_and_times_over() {
        let a = Label::Achievement;
        has("Nhiều trường có sĩ số vượt 45 học sinh/lớp.", a, "45 pupils per class");
        has("Thu nhập bình quân đạt 75 triệu đồng/người/năm.", a, "75 million dong per person per year.");
        has("Mức hỗ trợ 500.000 đồng/em/tháng.", a, "500,000 dong per child per month.");
        has("Có 412 trường hợp vượt mức 0,4 miligam/lít khí thở.", a, "0.4 milligrams per litre of breath");
        has("Năng suất lúa đạt 62 tạ/ha.", a, "62 quintals per hectare");
        has("Lượng mưa phổ biến 150 mm/24 giờ.", a, "150 mm in 24 hours");
        has("Hỗ trợ 60 triệu đồng/căn xây mới.", a, "60 million dong each");
        has("Tài xế có nồng độ cồn gấp 2 lần mức cho phép.", a, "2 times the permitted level.");
    }

    #[test]
    fn no_longer_causes_and_concerns() {
        let a = Label::Achievement;
        has("Gia đình tôi không còn phải lo nhà dột nữa.", Label::Other, "My family no longer had to worry about the leaking house.");
        has("Tình trạng khai thác cát trái phép không còn xảy ra.", a, "no longer occurred.");
        has("Xã không còn hộ nghèo.", a, "had no more");
        has("Còn 9 dự án chậm, chủ yếu do vướng mặt bằng và thiếu vật liệu.", Label::Other, "mainly due to site clearance problems and lacking");
        has("Đại biểu Lê Văn Hải băn khoăn về tình trạng thiếu giáo viên.", Label::Other, "Le Van Hai raised concerns about");
        has("Bà Nguyễn Thị Út, ngụ ấp Mũi, chia sẻ.", Label::Other, "Nguyen Thi Ut, of Mui hamlet,");
        has("Các chỉ tiêu kinh tế chủ yếu của tỉnh tiếp tục tăng.", a, "Main economic targets of the province");
        has("Khu vực nông, lâm, thủy sản tăng 3,85%.", a, "agriculture, forestry and fisheries");
        // A verb phrase of the lexicon that opens with "no" is no reason to read "không có
        // vùng cấm" as a verb.
        has("“Không có vùng cấm, không có ngoại lệ!”", Label::Other, "No forbidden zones");
    }

    #[test]
    fn what_was_done_with_no_subject_and_how_a_count_moved() {
        let a = Label::Achievement;
        has("Năm 2024, đã tiếp nhận 320 hồ sơ.", a, "In 2024, 320 files were received.");
        has("Trong năm, đã tổ chức 12 lớp tập huấn cho 1.200 học viên.", a, "12 training courses were organised for 1,200 trainees.");
        has("Riêng vi phạm nồng độ cồn, đã xử lý 9.836 trường hợp, tăng 17,2% so với cùng kỳ.", a, "9,836 cases were handled, up 17.2%");
        has("Năm 2024, thành phố đón khoảng 10,9 triệu lượt khách, tăng 22% so với năm trước.", a, "visitors, up 22%");
        has("Toàn tỉnh xảy ra 54 vụ cháy, giảm 16 vụ so với năm 2023.", a, ", down 16 cases");
        has("Thu ngân sách đạt 6.218 tỷ đồng, bằng 58,1% dự toán, tăng 11,4% so với cùng kỳ.", a, "6,218 billion dong, equal to 58.1% of the budget estimate, up 11.4%");
        // After a semicolon the subject before it goes on, and a list stays active.
        has("Công an tỉnh bắt 12 vụ; thu giữ 3,2 kg heroin, 5.600 viên ma túy tổng hợp.", a, "; seized 3.2 kg of heroin");
        // What fell is named: no "down".
        assert!(!en("So với năm 2023, giảm 8,2% số vụ, giảm 5,6% số người chết.", a).contains("down 5.6% of"));
    }

    #[test]
    fn names_after_place_nouns_and_pairs_of_places() {
        has("Tình hình sạt lở bờ sông Tiền diễn biến phức tạp.", Label::Other, "Tien riverbank");
        has("Tình hình trên tuyến biên giới Việt Nam - Lào ổn định.", Label::Other, "on the Vietnam-Laos border");
        has("Đoàn thăm Hội chợ Việt - Trung.", Label::Other, "Vietnam-China");
        has("Tỉnh xây dựng cao tốc Cầu Giẽ - Ninh Bình.", Label::Achievement, "the Cau Gie-Ninh Binh expressway");
        // Abbreviated units, and a road in its ward.
        has("Cháy nhà tại P.5, Q.3, TP. Hồ Chí Minh.", Label::Other, "in Ward 5, District 3, Ho Chi Minh City");
        has("Tại đường Võ Văn Kiệt, P. Cầu Kho, Quận 1, tổ công tác phát hiện một tài xế.", Label::Other, "At Vo Van Kiet road, Cau Kho ward, District 1, the working team");
        has("Đoàn đến thăm TX. Sơn Tây.", Label::Other, "Son Tay town");
        has("Công an giải tán 6 nhóm thanh niên.", Label::Achievement, "broke up 6 groups of youths.");
        has("Hai tỉnh thống nhất triển khai 4 nhóm nhiệm vụ trọng tâm.", Label::Other, "4 groups of key tasks");
        // A subject with an infinitive of its own agrees with its verb after the objects.
        has("Các phương án huy động xe ô tô, tàu thuyền, máy công trình được chuẩn bị sát thực tế.", Label::Achievement, "and the works machine were prepared");
    }

    #[test]
    fn consequences_changes_and_what_there_was_none_of() {
        // After what there was and a comma, what it did is in -ing; "bị thương" with a count
        // is active.
        has("Tháng 10, trên địa bàn huyện xảy ra 9 vụ tai nạn giao thông, làm chết 4 người, bị thương 7 người.", Label::Achievement, "there were 9 traffic accidents, killing 4 people and injuring 7 people");
        has("Vụ va chạm làm 2 người bị thương.", Label::Other, "left 2 people injured");
        // A change after a counted clause, wherever the count stood in it.
        has("Công an huyện đã xử lý 148 vụ vi phạm về an toàn thực phẩm, giảm 11 vụ so với năm trước.", Label::Achievement, ", down 11 cases compared with");
        has("Toàn huyện có 27 trường đạt chuẩn quốc gia, tăng 4 trường so với năm học trước.", Label::Achievement, "schools, up 4 schools compared with");
        // … but a list of changes keeps one form.
        has("So với cùng kỳ, số vụ giảm 3 vụ, giảm 2 người chết.", Label::Achievement, "decreased by 2 dead people");
        // What there was none of, after a reported clause.
        has("Lực lượng cứu hộ đã đưa 57 hộ dân ra khỏi vùng ngập, không có thiệt hại về người.", Label::Achievement, "out of the flooded area, with no loss of life.");
        has("Bệnh viện huyện đã tiếp nhận 19 ca ngộ độc, không có trường hợp tử vong.", Label::Achievement, ", with no deaths.");
        has("Trong đợt lũ, không có trường hợp nào bị thương.", Label::Achievement, "no case was injured");
        // "bị" before what someone has, with no verb after it.
        has("Trạm y tế đã điều trị cho 31 trẻ em bị tiêu chảy, không có ca nặng.", Label::Achievement, "treated 31 children with diarrhoea");
        // The complement of an amount keeps it one, and the amount is its predicate.
        has("Tổng giá trị các suất quà hơn 90 triệu đồng.", Label::Achievement, "The total value of the gift packages was more than 90 million dong.");
        has("Buổi lễ có sự tham gia của 300 học sinh.", Label::Other, "The ceremony was attended by 300 pupils.");
    }

    #[test]
    fn adverbs_of_manner_before_verbs_and_to_before_verbs() {
        has("Các xã cần chủ động rà soát các điểm có nguy cơ ngập sâu.", Label::Directive, "should proactively review");
        has("Nhiều gia đình chủ động gia cố nhà cửa trước mùa bão.", Label::Achievement, "proactively reinforced");
        // "sang" is "to"; a verb after it is an infinitive.
        has("Tỉnh đã chuyển 420 ha lúa sang trồng ngô.", Label::Achievement, "to plant maize");
        has("Huyện chuyển vốn từ dự án chậm sang dự án mới.", Label::Achievement, "to the new project");
        has("Đoàn cán bộ tỉnh bạn sang thăm và làm việc tại huyện.", Label::Other, "to visit and work");
        has("Các nhà hảo tâm đã chung tay hỗ trợ người dân vùng lũ.", Label::Achievement, "joined hands to support");
        // A clause after a comma and "trong đó" has its own subject and agrees with it.
        has("Nhiều tuyến đường bị ách tắc, trong đó đường vào xã Tà Long bị chia cắt.", Label::Achievement, "were congested, of which the road into Ta Long commune was isolated");
    }

    #[test]
    fn bodies_of_named_places_and_complements_of_some() {
        // A body of a named place: the place names the body it belongs to.
        has("Ban Tuyên giáo Tỉnh ủy Cao Bằng tổ chức hội nghị báo cáo viên.", Label::Other, "The Propaganda and Education Commission of the Cao Bang Provincial Party Committee");
        has("Đoàn công tác làm việc với Ban Thường vụ Huyện ủy Mộc Châu.", Label::Other, "the Standing Board of the Moc Chau District Party Committee");
        // "mà" after a noun phrase and before a subject and its verb opens a relative
        // clause in the past; the clause before goes on after its comma.
        has("Đồng chí biểu dương những kết quả mà Đảng bộ và Nhân dân xã Tân Lập đạt được trong năm qua.", Label::Other, "commended the results that the Party Organisation and Tan Lap commune people achieved over the past year");
        has("Các đơn vị cần khắc phục các thiếu sót mà đoàn giám sát đã chỉ ra, báo cáo kết quả về Thường trực HĐND tỉnh.", Label::Directive, "that the supervision team pointed out and report the results");
        // "một số" after a role or a quality is its complement.
        has("Dự có lãnh đạo một số phòng, ban của huyện.", Label::Attendance, "leaders of some");
        has("Chất lượng một số cuộc kiểm tra chưa cao.", Label::Other, "quality of some");
        has("Đội kiểm tra đã kiểm tra 38 cơ sở sản xuất, kinh doanh thực phẩm, phát hiện 6 cơ sở vi phạm.", Label::Achievement, "38 food production and business establishments");
    }
}

#[cfg(test)]
mod hostile {
    use super::*;

    #[test]
    fn odd_input_never_panics_and_gives_clean_english() {
        let rules = RulesTranslator::load(None).unwrap_or_else(|e| panic!("{e}"));
        let long = "Đoàn công tác đã đến thăm, tặng quà, ".repeat(400);
        for s in [
            "", " ", ".", "…", ";;;", "\"\"", "()", "12/12", "1.170", "TP.", "Đ", "ĐẮK LẮK", "A B C D E",
            "😀 Hội nghị 😀", "<script>alert(1)</script>", "hội nghị hội nghị hội nghị", "khóa", "thứ",
            "lúc 25 giờ 99", "từ ngày 40 đến", "do", "làm", "có", "được", "bị", long.as_str(),
        ] {
            for label in [None, Some(Label::Directive), Some(Label::Achievement)] {
                let t = rules.translate_sentence(s, &[], label);
                assert!((0.0..=1.0).contains(&t.coverage), "{s:?}: {t:?}");
                assert!(!crate::text::has_vietnamese_letters(&t.text), "{s:?}: {t:?}");
            }
        }
    }
}
