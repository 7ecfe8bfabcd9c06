//! Translation, Vietnamese → English, behind one [`Translator`] trait:
//!
//! - [`rules`]: the project's transfer translator (lexicon + rules for this genre), the
//!   default, which needs no model weights;
//! - [`marian`]: rust-bert's Marian, when a model is installed and chosen.
//!
//! Every sentence of a document gains `translation` and `translation_method`; the rules
//! translator also records `translation_coverage` and `untranslated`. Personal names
//! are written without diacritics, as English-language Vietnamese press writes them.

pub mod marian;
pub mod rules;

use crate::document::Document;
use crate::error::Result;

pub use marian::MarianTranslator;
pub use rules::RulesTranslator;

use std::path::Path;

use crate::config::GenerateSection;
use crate::models::hub::Choice;
use crate::models::seq2seq::{Arch, Seq2SeqFolder};

/// The loaded engines: the rules translator always (the briefing writes titles and
/// phrases through it), Marian when a model is chosen.
pub struct Translators {
    pub rules: RulesTranslator,
    pub marian: Option<MarianTranslator>,
}

impl Translators {
    /// The rules translator with the user's lexicon, and the chosen Marian model if any.
    pub fn load(choice: &Choice, lexicon: Option<&Path>, settings: &GenerateSection, memory_limit: u64) -> Result<Translators> {
        let rules = RulesTranslator::load(lexicon)?;
        let marian = match choice.path() {
            Some(dir) => Some(MarianTranslator::load(&Seq2SeqFolder::open(dir, Arch::Marian)?, settings, memory_limit)?),
            None => None,
        };
        Ok(Translators { rules, marian })
    }

    /// The engine that translates sentences: Marian when loaded, else the rules.
    pub fn sentences(&self) -> &dyn Translator {
        match &self.marian {
            Some(m) => m,
            None => &self.rules,
        }
    }
}

/// An engine that puts English on every sentence of a batch of documents (whose facts
/// are already extracted).
pub trait Translator {
    /// Shown in outputs as `translation_method`: `rules` or `marian:<model>`.
    fn name(&self) -> &str;
    /// Names the engine's data and settings in the pipeline version, so that a change
    /// redoes the documents.
    fn fingerprint(&self) -> String;
    fn translate_documents(&self, docs: &mut [&mut Document]) -> Result<()>;
}

impl Translator for RulesTranslator {
    fn name(&self) -> &str {
        rules::METHOD
    }

    fn fingerprint(&self) -> String {
        self.lexicon.fingerprint.clone()
    }

    /// Documents in parallel: each one's English depends on it alone.
    fn translate_documents(&self, docs: &mut [&mut Document]) -> Result<()> {
        use rayon::prelude::*;
        docs.par_iter_mut().for_each(|doc| self.translate_document(doc));
        Ok(())
    }
}
