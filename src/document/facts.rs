//! The facts extraction finds (`crate::extract` fills them in): who, how many, when,
//! which bodies and places. Defined here, beside the `Document` that carries them, so the
//! types every stage shares depend on no stage.

use serde::{Deserialize, Serialize};

use super::Label;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonFact {
    #[serde(flatten)]
    pub person: Person,
    /// The name as English text writes it: no diacritics ("Le Minh Hoang").
    pub name_en: String,
    /// Index of the sentence in the document (0-based, in reading order).
    pub sentence: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureFact {
    #[serde(flatten)]
    pub figure: Figure,
    pub sentence: usize,
    /// The label of the sentence the figure is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateFact {
    #[serde(flatten)]
    pub date: DateMention,
    pub sentence: usize,
}

/// An organisation or place mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityFact {
    pub name: String,
    pub english: String,
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// Who chaired or presided, in order of first mention.
    pub chairs: Vec<String>,
    pub people: Vec<PersonFact>,
    pub figures: Vec<FigureFact>,
    pub dates: Vec<DateFact>,
    pub organisations: Vec<EntityFact>,
    pub places: Vec<EntityFact>,
}

impl Facts {
    /// No facts, borrowed: what a document reads as before extraction, for readers that
    /// would otherwise clone a document's facts to have a default.
    pub fn none() -> &'static Facts {
        static NONE: Facts = Facts {
            chairs: Vec::new(),
            people: Vec::new(),
            figures: Vec::new(),
            dates: Vec::new(),
            organisations: Vec::new(),
            places: Vec::new(),
        };
        &NONE
    }

    /// The report's province: the first province or city it names.
    pub fn province(&self) -> Option<&EntityFact> {
        self.places.iter().find(|p| p.kind == "province" || p.kind == "city")
    }
}

// People ------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Chair,
    Attendee,
    Speaker,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    /// Character offsets of the name in the sentence.
    pub start: usize,
    pub end: usize,
    pub titles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    /// "đồng chí", "ông", "bà", … in lower case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub honorific: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

// Figures -----------------------------------------------------------------------------

/// How the text qualifies a value; the value itself is kept as stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// khoảng, chừng, ước (đạt, tính), xấp xỉ
    Approximately,
    /// gần, gần như: just under the value
    Nearly,
    /// hơn, trên
    MoreThan,
    /// dưới, chưa đến, chưa tới
    LessThan,
    /// ít nhất, tối thiểu, từ … trở lên
    AtLeast,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Character offsets into the sentence, from the qualifier to the end of the unit.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: f64,
    /// `%`, `‰`, `đồng`, `USD`, or the counted noun phrase ("người dân", "hộ gia đình").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// Upper end of a range ("từ 10 đến 15", "60 - 70 km", "3-5 ngày").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range_to: Option<f64>,
    /// The number as written, before magnitude words ("200" of "200 triệu").
    pub number: String,
}

impl Figure {
    /// Money: the unit is a currency. Derived from the unit rather than stored, so the
    /// output schema stays as it is.
    pub fn is_money(&self) -> bool {
        matches!(self.unit.as_deref(), Some("đồng" | "USD"))
    }
}

// Dates -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Character offsets into the sentence, from the part of day or the lead word
    /// ("ngày", "tháng", "năm") to the last number.
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// sáng, trưa, chiều, tối, đêm, rạng sáng.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of_day: Option<String>,
}

/// The facts of sentence `index` out of a list in sentence order (as extraction writes
/// them), found by binary search: per-sentence lookups stay cheap in a document of
/// hundreds of thousands of sentences. Returns the first fact's position and the slice.
pub fn of_sentence<T>(items: &[T], index: usize, sentence: impl Fn(&T) -> usize) -> (usize, &[T]) {
    debug_assert!(items.windows(2).all(|w| sentence(&w[0]) <= sentence(&w[1])), "facts out of sentence order");
    let first = items.partition_point(|x| sentence(x) < index);
    let last = first + items[first..].partition_point(|x| sentence(x) == index);
    (first, &items[first..last])
}
