//! Fact extraction: figures, dates, people and their roles, organisations and places,
//! each with the index of its sentence and character offsets into the document text.

pub mod dates;
pub mod numbers;
pub mod people;

use serde::{Deserialize, Serialize};

use crate::document::{Document, Label};
use crate::error::Result;
use crate::phrases::PhraseIndex;
use crate::termbase::Termbase;

/// The termbase and gazetteers shipped with vnbrief (compiled in, so the binary needs no
/// data folder); `--termbase` replaces the termbase.
pub const TERMBASE_TSV: &str = include_str!("../../data/termbase.tsv");
pub const PROVINCES_TSV: &str = include_str!("../../data/gazetteer/provinces.tsv");
pub const REGIONS_TSV: &str = include_str!("../../data/gazetteer/regions.tsv");
pub const COUNTRIES_TSV: &str = include_str!("../../data/gazetteer/countries.tsv");
pub const BODIES_TSV: &str = include_str!("../../data/gazetteer/bodies.tsv");

/// Country names that are also common given names ("Lê Thị Nga"): matched only in their
/// longer forms ("Liên bang Nga", "Hoa Kỳ").
const AMBIGUOUS_PLACES: &[&str] = &["Anh", "Đức", "Nga", "Mỹ", "Úc"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub english: String,
    pub kind: String,
}

/// What extraction looks things up in.
pub struct Resources {
    pub termbase: Termbase,
    /// Provinces and cities, regions, countries.
    pub places: PhraseIndex<Place>,
    /// Party, State, military, police bodies and mass organisations.
    pub bodies: PhraseIndex<Place>,
}

impl Resources {
    pub fn builtin() -> Result<Resources> {
        Ok(Resources::with_termbase(Termbase::parse(TERMBASE_TSV, std::path::Path::new("data/termbase.tsv"))?))
    }

    pub fn with_termbase(termbase: Termbase) -> Resources {
        let mut places = PhraseIndex::default();
        // provinces.tsv: name, canonical, english, kind, region
        for cols in rows(PROVINCES_TSV) {
            if let [name, _canonical, english, kind, _region] = cols[..] {
                places.insert(name, Place { name: name.into(), english: english.into(), kind: kind.into() });
            }
        }
        for (tsv, kind) in [(REGIONS_TSV, "region"), (COUNTRIES_TSV, "country")] {
            for cols in rows(tsv) {
                if let [name, english] = cols[..] {
                    if !AMBIGUOUS_PLACES.contains(&name) {
                        places.insert(name, Place { name: name.into(), english: english.into(), kind: kind.into() });
                    }
                }
            }
        }
        let mut bodies = PhraseIndex::default();
        for cols in rows(BODIES_TSV) {
            if let [name, english, kind] = cols[..] {
                bodies.insert(name, Place { name: name.into(), english: english.into(), kind: kind.into() });
            }
        }
        Resources { termbase, places, bodies }
    }
}

/// The tab-separated rows of a gazetteer, header skipped.
fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonFact {
    #[serde(flatten)]
    pub person: people::Person,
    /// Index of the sentence in the document (0-based, in reading order).
    pub sentence: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureFact {
    #[serde(flatten)]
    pub figure: numbers::Figure,
    pub sentence: usize,
    /// The label of the sentence the figure is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateFact {
    #[serde(flatten)]
    pub date: dates::DateMention,
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

/// Extracts every fact of a segmented (and possibly classified) document. Offsets are
/// shifted from the sentence into the document text.
pub fn extract(doc: &Document, res: &Resources) -> Facts {
    let mut facts = Facts::default();
    for (index, s) in doc.sentences().enumerate() {
        let shift = s.start;
        for mut p in people::find_people(&s.text) {
            p.start += shift;
            p.end += shift;
            if p.role == Some(people::Role::Chair) && !facts.chairs.iter().any(|c| people::same_name(c, &p.name)) {
                facts.chairs.push(p.name.clone());
            }
            facts.people.push(PersonFact { person: p, sentence: index });
        }
        for mut f in numbers::find_figures(&s.text) {
            f.start += shift;
            f.end += shift;
            facts.figures.push(FigureFact { figure: f, sentence: index, label: s.label });
        }
        for mut d in dates::find_dates(&s.text) {
            d.start += shift;
            d.end += shift;
            facts.dates.push(DateFact { date: d, sentence: index });
        }
        let chars: Vec<char> = s.text.chars().collect();
        let entity = |m: &crate::phrases::Match<'_, Place>| EntityFact {
            name: chars[m.start..m.end].iter().collect(),
            english: m.value.english.clone(),
            kind: m.value.kind.clone(),
            start: m.start + shift,
            end: m.end + shift,
            sentence: index,
        };
        facts.organisations.extend(res.bodies.matches(&s.text).iter().map(entity));
        // Place names are proper nouns: a lowercase match is an ordinary word.
        facts.places.extend(res.places.matches(&s.text).iter().filter(|m| chars[m.start].is_uppercase()).map(entity));
    }
    facts
}
