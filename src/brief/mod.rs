//! The English briefing, written from the extracted facts through the termbase
//! (data-to-text): faithful by construction, every line citing its sentence.
//!
//! What the termbase cannot render stays in Vietnamese, in `*italics*`, rather than
//! being guessed. Every number in the English text must come from an extracted figure
//! or date, or from the source text itself: [`number_rule`] enforces it, and a line
//! that fails is dropped and reported in the document's warnings.

pub mod number_rule;
pub mod render;

pub use crate::document::briefing::{Briefing, Line, Summary, METHOD_DATA_TO_TEXT, METHOD_DATA_TO_TEXT_TRANSLATED};
use serde::{Deserialize, Serialize};
use crate::document::{of_sentence, Document, Label};
use crate::extract::numbers::Figure;
use crate::translate::rules::english::english_amount_phrase;
use number_rule::NumberRule;
use crate::extract::{Facts, Resources};
use crate::termbase::Piece;
use crate::translate::RulesTranslator;
use crate::text::capitalise;


/// What the digest needs of one document, kept in place of the document so that a run's
/// memory does not grow with the number of documents. Shards keep theirs for `merge`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DigestEntry {
    pub id: String,
    pub source: String,
    /// Sentences per label, in [`Label::ALL`] order.
    pub labels: [usize; 4],
    pub briefing: Briefing,
    /// The report's date (ISO), see [`report_date`].
    #[serde(default)]
    pub date: Option<String>,
    /// The first province or city it names, in English.
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub people: Vec<DigestPerson>,
    /// Its figures that count something (a unit other than money or per cent).
    #[serde(default)]
    pub counts: Vec<DigestCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestPerson {
    pub name: String,
    pub name_en: String,
    pub role: Option<crate::document::facts::Role>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestCount {
    pub value: f64,
    pub unit: String,
    /// The unit's English, when the termbase has it.
    pub unit_en: Option<String>,
    pub text: String,
    /// Index of its sentence, from 0.
    pub sentence: usize,
}

impl DigestEntry {
    /// `None` for a document without a briefing.
    pub fn of(doc: &Document, res: &Resources) -> Option<DigestEntry> {
        let briefing = doc.briefing.clone()?;
        let mut labels = [0; 4];
        for s in doc.sentences() {
            if let Some(k) = s.label.and_then(|l| Label::ALL.iter().position(|&a| a == l)) {
                labels[k] += 1;
            }
        }
        let facts = doc.facts.as_ref().unwrap_or(Facts::none());
        let province = facts.province().map(|p| p.english.clone());
        let people = facts
            .people
            .iter()
            .map(|p| DigestPerson { name: p.person.name.clone(), name_en: p.name_en.clone(), role: p.person.role })
            .collect();
        let counts = facts
            .figures
            .iter()
            .filter(|f| !f.figure.is_money() && f.figure.range_to.is_none())
            .filter_map(|f| {
                let unit = f.figure.unit.as_deref().filter(|u| *u != "%" && *u != "‰")?;
                Some(DigestCount {
                    value: f.figure.value,
                    unit: unit.to_string(),
                    unit_en: unit_english(unit, res),
                    text: f.figure.text.clone(),
                    sentence: f.sentence,
                })
            })
            .collect();
        Some(DigestEntry { id: doc.id.clone(), source: doc.source.clone(), labels, briefing, date: report_date(doc), province, people, counts })
    }
}

/// The report's date: its first mention with a day and a month ("ngày 10/12"), in the
/// year it gives, else the last year named before it, else the first named after it
/// (reports often give the year only in "tổng kết công tác năm 2024"); ISO 8601.
pub fn report_date(doc: &Document) -> Option<String> {
    let facts = doc.facts.as_ref()?;
    let at = facts.dates.iter().position(|d| d.date.day.is_some() && d.date.month.is_some())?;
    let d = &facts.dates[at].date;
    let year = d
        .year
        .or_else(|| facts.dates[..at].iter().rev().find_map(|e| e.date.year))
        .or_else(|| facts.dates[at..].iter().find_map(|e| e.date.year))?;
    Some(format!("{year:04}-{:02}-{:02}", d.month?, d.day?))
}

/// Words that name the event, in order of preference, as the termbase knows them.
const EVENT_WORDS: &[&str] = &[
    "hội nghị tổng kết", "hội nghị sơ kết", "hội nghị trực tuyến", "phiên họp thường kỳ",
    "phiên chất vấn", "phiên giải trình", "kỳ họp", "hội nghị", "cuộc họp", "buổi làm việc",
    "hội đàm", "lễ ra quân", "lễ khai giảng", "lễ truy điệu", "diễn tập", "hội thảo", "buổi lễ",
];

/// A summarizer's English for a document, and the model that wrote it.
pub struct Generated<'a> {
    pub text: &'a str,
    pub model: &'a str,
}

/// Builds the briefing; returns it with warnings about dropped lines. `translator` names
/// the engine whose translations the sentences carry; titles and ranks are written
/// through the rules translator. A summarizer's text, when there is one, becomes the
/// summary as far as it passes the number rule.
pub fn build(
    doc: &Document,
    facts: &Facts,
    res: &Resources,
    rules: &RulesTranslator,
    translator: &str,
    generated: Option<Generated<'_>>,
) -> (Briefing, Vec<String>) {
    let sentences: Vec<&crate::document::Sentence> = doc.sentences().collect();
    let translated = sentences.iter().any(|s| s.translation.is_some());
    let rule = NumberRule::for_document(doc, facts);
    let mut warnings = Vec::new();
    let mut keep = |line: Line, what: &str, out: &mut Vec<Line>| match rule.check(&line.text) {
        Ok(()) => out.push(line),
        Err(n) => warnings.push(format!(
            "{what} line for sentence {} dropped: the number {n} is not in the source",
            line.sentence + 1
        )),
    };

    let mut chaired_by = Vec::new();
    let mut attended_by = Vec::new();
    for p in &facts.people {
        let titles: Vec<String> = p.person.titles.iter().map(|t| rules.phrase(t)).collect();
        let rank = p.person.rank.as_deref().map(|r| rules.phrase(r));
        let mut text = match rank {
            Some(r) => format!("{r} {}", p.name_en),
            None => p.name_en.clone(),
        };
        if !titles.is_empty() {
            text = format!("{text} ({})", titles.join("; "));
        }
        let line = Line::new(text, p.sentence);
        match p.person.role {
            Some(crate::extract::people::Role::Chair) => keep(line, "chair", &mut chaired_by),
            Some(crate::extract::people::Role::Attendee) => keep(line, "attendee", &mut attended_by),
            _ => {}
        }
    }
    // Attendance sentences without a named person ("Dự hội nghị có lãnh đạo 17 huyện").
    for (i, s) in sentences.iter().enumerate() {
        if s.label == Some(Label::Attendance) && of_sentence(&facts.people, i, |p| p.sentence).1.is_empty() {
            keep(Line::new(render_sentence(s, i, facts, res), i), "attendance", &mut attended_by);
        }
    }

    let mut key_figures = Vec::new();
    // The characters of the sentence last looked at: figures come in sentence order.
    let mut chars: (usize, Vec<char>) = (usize::MAX, Vec::new());
    for (k, f) in facts.figures.iter().enumerate() {
        if f.label == Some(Label::Attendance) {
            continue; // counted with who attended
        }
        if f.figure.unit.as_deref().is_some_and(|u| res.figures.report_periods.contains_lowercased(u)) {
            continue; // the period the report covers, not what it achieved
        }
        let s = sentences[f.sentence];
        if chars.0 != f.sentence {
            chars = (f.sentence, s.text.chars().collect());
        }
        let (start, end) = (f.figure.start - s.start, f.figure.end - s.start);
        let mut text = english_figure_with(&f.figure, res, rules);
        if f.figure.unit.as_deref() == Some("%") {
            if let Some(c) = term_after(&chars.1, end, res).or_else(|| phrase_before(&chars.1, start, res)) {
                text = format!("{text}: {c}");
            }
        } else if let Some(state) = state_after(&chars.1, end, res) {
            // "3 người chết" → "3 people dead": the state says what the count is of.
            text = format!("{text} {state}");
        } else if let Some(c) = phrase_before(&chars.1, start, res) {
            text = format!("{text}: {c}");
        }
        keep(Line { text, sentence: f.sentence, figure: Some(k) }, "figure", &mut key_figures);
    }

    let mut achievements = Vec::new();
    let mut directives = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let line = Line::new(render_sentence(s, i, facts, res), i);
        match s.label {
            Some(Label::Achievement) => keep(line, "achievement", &mut achievements),
            Some(Label::Directive) => keep(line, "directive", &mut directives),
            _ => {}
        }
    }

    let title = title(doc, facts, res);
    // The summary repeats checked lines only; checked once more as a whole.
    let mut summary = summary_text(&title, &chaired_by, &key_figures, &directives);
    if let Err(n) = rule.check(&summary) {
        warnings.push(format!("summary shortened: the number {n} is not in the source"));
        summary = summary_text(&title, &chaired_by, &[], &[]);
    }
    let mut summary = Summary {
        text: summary,
        method: if translated { METHOD_DATA_TO_TEXT_TRANSLATED } else { METHOD_DATA_TO_TEXT }.into(),
    };
    if let Some(generated) = &generated {
        let (abstractive, more) = abstractive_summary(&rule, generated);
        warnings.extend(more);
        if let Some(a) = abstractive {
            summary = a;
        }
    }
    (
        Briefing {
            title,
            chaired_by,
            attended_by,
            key_figures,
            achievements,
            directives,
            summary,
            line_method: if translated { format!("translation:{translator}") } else { "termbase".into() },
        },
        warnings,
    )
}

/// The summarizer's text as the briefing's summary, each sentence held to the number
/// rule; `None` (keep the data-to-text summary) when no sentence survives. Returns the
/// warnings about dropped sentences.
fn abstractive_summary(rule: &NumberRule, generated: &Generated<'_>) -> (Option<Summary>, Vec<String>) {
    let (kept, mut warnings) = rule.keep_sentences(generated.text);
    if kept.is_empty() {
        warnings.push(format!("the summary of {} was empty or dropped; the data-to-text summary stands", generated.model));
        return (None, warnings);
    }
    (Some(Summary { text: kept.join(" "), method: format!("abstractive:{}", generated.model) }), warnings)
}

/// A phrase in English as far as the termbase reaches; the rest in `*italics*`.
pub fn render(text: &str, res: &Resources) -> String {
    join_pieces(&res.termbase.render(text))
}

fn join_pieces(pieces: &[Piece]) -> String {
    let parts: Vec<String> = pieces
        .iter()
        .map(|p| match p {
            Piece::En(e) => e.clone(),
            Piece::Vi(v) => format!("*{}*", v.trim_matches(|c: char| c == ',' || c.is_whitespace())),
        })
        .filter(|p| p != "**")
        .collect();
    parts.join(" ")
}

/// A sentence rendered through the termbase, its figures in English. `start` is the
/// sentence's offset in the document (fact offsets are document offsets).
fn render_sentence(s: &crate::document::Sentence, index: usize, facts: &Facts, res: &Resources) -> String {
    if let Some(t) = s.translation.as_deref().filter(|t| !t.is_empty()) {
        return t.to_string();
    }
    let chars: Vec<char> = s.text.chars().collect();
    let mut out = Vec::new();
    let mut pos = 0;
    for f in of_sentence(&facts.figures, index, |f| f.sentence).1.iter().map(|f| &f.figure) {
        let (a, b) = (f.start - s.start, f.end - s.start);
        if a < pos || b > chars.len() {
            continue;
        }
        out.push(render(&chars[pos..a].iter().collect::<String>(), res));
        out.push(english_figure(f, res));
        pos = b;
    }
    out.push(render(&chars[pos..].iter().collect::<String>(), res));
    out.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

/// How far around a figure its context is looked for, in characters: a context phrase
/// sits next to its figure, and a bounded window keeps a sentence with thousands of
/// figures linear.
const CONTEXT_WINDOW: usize = 160;

/// The nearest termbase phrase before a figure in its clause ("khám bệnh, cấp phát thuốc").
fn phrase_before(chars: &[char], local_start: usize, res: &Resources) -> Option<String> {
    let end = local_start.min(chars.len());
    let window = end.saturating_sub(CONTEXT_WINDOW);
    let clause_start = chars[window..end].iter().rposition(|&c| c == ';' || c == ':').map_or(window, |p| window + p + 1);
    // A window cut mid-word would match a phrase's tail: start after the first space.
    let clause_start = if clause_start == window && window > 0 {
        chars[window..end].iter().position(|c| c.is_whitespace()).map_or(end, |p| window + p + 1)
    } else {
        clause_start
    };
    let clause: String = chars[clause_start..end].iter().collect();
    res.termbase
        .matches(&clause)
        .into_iter()
        .rfind(|m| m.value.category == "phrase")
        .map(|m| m.value.en.clone())
}

/// The state right after a count ("3 người chết", "45 ngôi nhà bị ngập"): a termbase
/// term of category `state`.
fn state_after(chars: &[char], local_end: usize, res: &Resources) -> Option<String> {
    term_right_after(chars, local_end, res).filter(|t| t.category == "state").map(|t| t.en.clone())
}

/// The termbase term right after a percentage ("100% chỉ tiêu giao quân").
fn term_after(chars: &[char], local_end: usize, res: &Resources) -> Option<String> {
    term_right_after(chars, local_end, res).map(|t| t.en.clone())
}

/// The termbase term that starts right after a figure, within its clause.
fn term_right_after<'r>(chars: &[char], local_end: usize, res: &'r Resources) -> Option<&'r crate::termbase::Term> {
    let start = local_end.min(chars.len());
    let rest: String = chars[start..(start + CONTEXT_WINDOW).min(chars.len())].iter().collect();
    let clause = rest.split([';', ',', ':']).next().unwrap_or("");
    res.termbase.matches(clause).first().filter(|m| m.start <= 1).map(|m| m.value)
}

/// "nearly 200 million dong", "1,170 residents", "100%".
pub fn english_figure(f: &Figure, res: &Resources) -> String {
    let amount = english_amount_phrase(f);
    let unit = match f.unit.as_deref() {
        Some("%") => return format!("{amount}%"),
        Some("đồng") => "dong".to_string(),
        Some("USD") => "US dollars".to_string(),
        Some(u) => plural(&unit_in_english(u, res), f.value),
        None => String::new(),
    };
    format!("{amount} {unit}").trim().to_string()
}

/// [`english_figure`], with a counted noun the termbase lacks written by the rules
/// translator's lexicon ("4 cơn bão" → "4 storms") rather than left in Vietnamese.
fn english_figure_with(f: &Figure, res: &Resources, rules: &RulesTranslator) -> String {
    match f.unit.as_deref() {
        Some(u) if unit_english(u, res).is_none() => {
            rules.counted(&english_amount_phrase(f), u, f.value != 1.0).unwrap_or_else(|| english_figure(f, res))
        }
        _ => english_figure(f, res),
    }
}

/// "day" → "days" for counts other than one; leaves phrases and plurals alone.
fn plural(unit: &str, value: f64) -> String {
    const UNCOUNTABLE: &[&str] = &["people", "children", "men", "women", "police", "staff", "rice", "equipment", "ha", "kg", "km", "dong"];
    let simple = !unit.is_empty() && unit.chars().all(|c| c.is_ascii_lowercase());
    if value != 1.0 && simple && !unit.ends_with('s') && !UNCOUNTABLE.contains(&unit) {
        crate::translate::rules::english::plural(unit)
    } else {
        unit.to_string()
    }
}

/// The unit's English when the termbase knows the noun it starts with (the database's
/// `unit_en`); `None` otherwise.
pub fn unit_english(unit: &str, res: &Resources) -> Option<String> {
    match unit {
        "%" => Some("percent".into()),
        "đồng" => Some("dong".into()),
        "USD" => Some("US dollars".into()),
        _ => res.termbase.matches(unit).first().filter(|m| m.start == 0).map(|m| m.value.en.clone()),
    }
}

/// The counted noun in English: the termbase term the unit phrase starts with ("hộ gia
/// đình chính sách hộ nghèo" → "policy households"); otherwise the phrase in italics.
fn unit_in_english(unit: &str, res: &Resources) -> String {
    unit_english(unit, res).unwrap_or_else(|| format!("*{unit}*"))
}

fn title(doc: &Document, facts: &Facts, res: &Resources) -> String {
    // The first sentences folded once, not once per event word.
    let first: Vec<String> = doc.sentences().take(4).map(|s| crate::text::fold(&s.text)).collect();
    let event = EVENT_WORDS.iter().find_map(|w| {
        first.iter().find(|s| s.contains(w)).and_then(|_| res.termbase.get(w)).map(|t| t.en.clone())
    });
    // The organisation named most often is the report's subject (the first one is often
    // part of a chair's titles).
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for o in &facts.organisations {
        match counts.iter_mut().find(|(e, _)| *e == o.english) {
            Some(c) => c.1 += 1,
            None => counts.push((&o.english, 1)),
        }
    }
    let org = counts.iter().max_by_key(|(_, n)| *n).map(|(e, _)| e.to_string());
    let place = facts.places.iter().find(|p| p.sentence < 4 && p.kind != "country").map(|p| p.english.clone());
    let date = facts.dates.iter().find(|d| d.sentence < 4).and_then(|d| english_date(&d.date));
    let mut parts = Vec::new();
    let head = match (event, org) {
        (Some(e), Some(o)) => format!("{} of the {o}", capitalise(&e)),
        (Some(e), None) => capitalise(&e),
        (None, Some(o)) => o,
        (None, None) => "Report".to_string(),
    };
    parts.push(head);
    if let Some(p) = place {
        parts.push(p);
    }
    if let Some(d) = date {
        parts.push(d);
    }
    parts.join(", ")
}


/// A title's date in English; `None` when it would need Vietnamese to say anything.
fn english_date(d: &crate::extract::dates::DateMention) -> Option<String> {
    let month = d.month.and_then(crate::text::month_name);
    Some(match (d.day, month, d.year) {
        (Some(day), Some(m), Some(y)) => format!("{day} {m} {y}"),
        (Some(day), Some(m), None) => format!("{day} {m}"),
        (None, Some(m), Some(y)) => format!("{m} {y}"),
        (None, None, Some(y)) => format!("{y}"),
        // "họp phiên thường kỳ tháng 10": the month alone.
        (None, Some(m), None) => m.to_string(),
        // A day without its month says nothing in a title.
        _ => return None,
    })
}

/// Title, chair, the first key figures and the first directive, all already checked.
fn summary_text(title: &str, chairs: &[Line], figures: &[Line], directives: &[Line]) -> String {
    let mut s = format!("{title}.");
    if let Some(c) = chairs.first() {
        s.push_str(&format!(" Chaired by {}.", c.text));
    }
    if !figures.is_empty() {
        let top: Vec<&str> = figures.iter().take(4).map(|l| l.text.as_str()).collect();
        s.push_str(&format!(" Key figures: {}.", top.join("; ")));
    }
    if let Some(d) = directives.first() {
        s.push_str(&format!(" For the coming period: {}", d.text));
        // A translated directive ends its own sentence; a rendered one may not.
        if !s.ends_with(['.', '!', '?', '…']) {
            s.push('.');
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_in_english() {
        let res = Resources::builtin().unwrap();
        let f = &crate::extract::numbers::find_figures("với tổng kinh phí gần 200 triệu đồng", &res.figures)[0];
        assert_eq!(english_figure(f, &res), "nearly 200 million dong");
        let f = &crate::extract::numbers::find_figures("cho 1.170 người dân", &res.figures)[0];
        assert_eq!(english_figure(f, &res), "1,170 residents");
        let f = &crate::extract::numbers::find_figures("hoàn thành 100% chỉ tiêu", &res.figures)[0];
        assert_eq!(english_figure(f, &res), "100%");
        let f = &crate::extract::numbers::find_figures("trong hai ngày 6 và 7/12", &res.figures)[0];
        assert_eq!(english_figure(f, &res), "two days");
    }

    #[test]
    fn abstractive_summary_drops_sentences_with_numbers_not_in_the_source() {
        let text = "Sáng 12/3, tỉnh tổ chức khám bệnh cho 1.170 người dân. Tổng kinh phí gần 200 triệu đồng.";
        let source = crate::ingest::Source {
            path: "a.txt".into(),
            rel: "a.txt".into(),
            format: crate::document::Format::Text,
        };
        let doc = crate::stages::read_document(&source, "a", text.as_bytes(), String::new(), &Default::default()).unwrap();
        let res = Resources::builtin().unwrap();
        let facts = crate::extract::extract(&doc, &res);
        let rule = NumberRule::for_document(&doc, &facts);
        let summary = "On March 12 the province examined 1,170 residents. It spent VND 300 million. The cost was nearly VND 200 million.";
        let (kept, warnings) = abstractive_summary(&rule, &Generated { text: summary, model: "m" });
        let kept = kept.unwrap();
        assert_eq!(kept.text, "On March 12 the province examined 1,170 residents. The cost was nearly VND 200 million.");
        assert_eq!(kept.method, "abstractive:m");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("300"), "{warnings:?}");
        // Nothing left: no abstractive summary, and a warning says the data-to-text one stands.
        let (kept, warnings) = abstractive_summary(&rule, &Generated { text: "It spent VND 300 million.", model: "m" });
        assert!(kept.is_none());
        assert_eq!(warnings.len(), 2);
    }

    /// A report through facts, the rules translator and the briefing, each sentence
    /// given the label in `labels`.
    fn briefing_of(text: &str, labels: &[Label]) -> Briefing {
        let source = crate::ingest::Source { path: "a.txt".into(), rel: "a.txt".into(), format: crate::document::Format::Text };
        let mut doc = crate::stages::read_document(&source, "a", text.as_bytes(), String::new(), &Default::default()).unwrap();
        for (s, l) in doc.paragraphs.iter_mut().flat_map(|p| p.sentences.iter_mut()).zip(labels) {
            s.label = Some(*l);
        }
        let res = Resources::builtin().unwrap();
        let facts = crate::extract::extract(&doc, &res);
        doc.facts = Some(facts.clone());
        let rules = RulesTranslator::load(None).unwrap();
        rules.translate_document(&mut doc);
        build(&doc, &facts, &res, &rules, "rules", None).0
    }

    #[test]
    fn key_figures_say_what_was_counted_in_english() {
        let b = briefing_of(
            "UBND tỉnh họp phiên thường kỳ tháng 10. Năm nay trên địa bàn tỉnh xảy ra 4 cơn bão, làm 3 người chết, 12 người bị thương; 45 ngôi nhà bị ngập. Tỉnh đã xây dựng 12 nhà máy. Các địa phương tiếp tục khắc phục hậu quả.",
            &[Label::Other, Label::Achievement, Label::Achievement, Label::Directive],
        );
        let lines: Vec<&str> = b.key_figures.iter().map(|l| l.text.as_str()).collect();
        for want in ["4 storms", "3 people dead", "12 people injured", "45 houses flooded", "12 factories"] {
            assert!(lines.iter().any(|l| l.starts_with(want)), "{want:?} not in {lines:?}");
        }
        // The period a report covers is no key figure.
        let period = briefing_of("Trong 6 tháng đầu năm, toàn huyện kết nạp 86 đảng viên mới.", &[Label::Achievement]);
        let lines: Vec<&str> = period.key_figures.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(lines, ["86 new Party members"]);
        // A month alone is still English in the title; the summary ends one sentence once.
        assert!(b.title.ends_with("October"), "{}", b.title);
        assert!(b.summary.text.ends_with('.') && !b.summary.text.ends_with(".."), "{}", b.summary.text);
    }
}
