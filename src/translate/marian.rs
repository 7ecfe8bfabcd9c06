//! Sentence translation, Vietnamese → English, with rust-bert's Marian.
//!
//! Sentences are deduplicated, sorted by length and translated in batches, so that a
//! batch pads little and a repeated sentence costs once. The model lives on the thread
//! that loaded it: the pipeline is sequential and libtorch parallelises each batch.
//!
//! English-language press writes Vietnamese names without diacritics; a model may write
//! them with some ("Nguyễn Van Hung"). The facts stage knows the names, so each
//! sentence's names are recorded before translation and written plain afterwards.

use rust_bert::marian::MarianGenerator;
use rust_bert::pipelines::common::{ModelResource, ModelType};
use rust_bert::pipelines::generation_utils::LanguageGenerator;
use rust_bert::pipelines::translation::{Language, TranslationConfig};
use tch::Device;
use unicode_normalization::UnicodeNormalization;

use crate::config::GenerateSection;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::models::seq2seq::{self, Arch, Seq2SeqFolder};

/// A loaded translator.
pub struct MarianTranslator {
    model: MarianGenerator,
    /// Shown in outputs: `marian:<name>`.
    pub name: String,
    batch_size: usize,
    /// Identifies the weights (see [`Seq2SeqFolder::fingerprint`]).
    pub fingerprint: String,
}

impl MarianTranslator {
    /// Loads a Marian folder. Settings not given come from its `config.json`
    /// (`num_beams`, `max_length`), else beam 4 and 256 tokens.
    pub fn load(folder: &Seq2SeqFolder, settings: &GenerateSection, memory_limit: u64) -> Result<MarianTranslator> {
        let loaded = folder.load(Arch::Marian, memory_limit)?;
        let buffer = loaded.weights.data.clone();
        let setting = |key: &str| folder.generation_setting("translation", key).and_then(|v| v.as_i64());
        let mut config = TranslationConfig::new(
            ModelType::Marian,
            ModelResource::Torch(Box::new(loaded.weights)),
            loaded.config,
            loaded.vocab,
            Some(loaded.second),
            [Language::Vietnamese],
            [Language::English],
            Device::Cpu,
        );
        config.num_beams = settings.beams.or_else(|| setting("num_beams")).unwrap_or(4).max(1);
        config.max_length = Some(settings.max_length.or_else(|| setting("max_length")).unwrap_or(256).min(512));
        config.min_length = settings.min_length.unwrap_or(0);
        // The generator directly, not TranslationModel: its decoding "cleans up" the
        // text (rust_tokenizers even turns "do not" into "don't"); ours decodes as is.
        let model = MarianGenerator::new(config.into()).map_err(|e| Error::model(&folder.dir, format!("cannot load the translator: {e}")));
        seq2seq::release(&buffer);
        Ok(MarianTranslator {
            model: model?,
            name: format!("marian:{}", folder.name()),
            batch_size: settings.batch_size.unwrap_or(16).max(1),
            fingerprint: folder.fingerprint(),
        })
    }

    /// Translates `texts`, returning one English string per input, in order.
    pub fn translate(&self, texts: &[&str]) -> Result<Vec<String>> {
        let mut unique: Vec<&str> = texts.iter().copied().filter(|t| !t.trim().is_empty()).collect();
        unique.sort_by_key(|t| (t.chars().count(), *t));
        unique.dedup();
        let mut done: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
        for batch in unique.chunks(self.batch_size) {
            let out = self
                .model
                .generate_indices(Some(batch), None)
                .map_err(|e| Error::Runtime(format!("translation failed: {e}")))?;
            if out.len() != batch.len() {
                return Err(Error::Runtime(format!("translation returned {} outputs for {} inputs", out.len(), batch.len())));
            }
            for (src, o) in batch.iter().zip(out) {
                let en = self.model.get_tokenizer().decode(&o.indices, true, false);
                done.insert(src, en.trim().to_string());
            }
        }
        Ok(texts.iter().map(|t| done.get(t).cloned().unwrap_or_default()).collect())
    }
}

impl super::Translator for MarianTranslator {
    fn name(&self) -> &str {
        &self.name
    }

    fn fingerprint(&self) -> String {
        self.fingerprint.clone()
    }

    /// Every sentence of the documents in one call (deduplicated and batched by length),
    /// then the names the facts stage found written plain.
    fn translate_documents(&self, docs: &mut [&mut Document]) -> Result<()> {
        let texts: Vec<String> = docs.iter().flat_map(|d| d.sentences().map(|s| s.text.clone())).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut english = self.translate(&refs)?.into_iter();
        for doc in docs.iter_mut() {
            let mut names: Vec<Vec<String>> = vec![Vec::new(); doc.sentences().count()];
            for p in doc.facts.iter().flat_map(|f| f.people.iter()) {
                if let Some(slot) = names.get_mut(p.sentence) {
                    slot.push(super::rules::english::plain(&p.person.name));
                }
            }
            let sentences = doc.paragraphs.iter_mut().flat_map(|p| p.sentences.iter_mut());
            for (sentence, names) in sentences.zip(names) {
                let en = english.next().unwrap_or_default();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                sentence.translation = Some(restore_names(&en, &names));
                sentence.translation_method = Some(self.name.clone());
            }
        }
        Ok(())
    }
}

/// Writes each name as given wherever the translation has it with other diacritics
/// ("Nguyen Van Hung", "Nguyễn Van Hung" → the given form). Matching ignores case and
/// diacritics and respects word boundaries.
pub fn restore_names(translation: &str, names: &[&str]) -> String {
    let mut out = translation.to_string();
    for name in names {
        let name = name.trim();
        if name.split_whitespace().count() < 2 {
            continue; // a lone given name would match ordinary words
        }
        let target: Vec<char> = fold(name).chars().collect();
        // Fold the output character by character, keeping where each folded char came from.
        let chars: Vec<(usize, char)> = out.char_indices().collect();
        let folded: Vec<char> = chars.iter().map(|&(_, c)| fold_char(c)).collect();
        let mut replaced = String::with_capacity(out.len());
        let mut i = 0;
        let mut last = 0;
        while i + target.len() <= folded.len() {
            let boundary_before = i == 0 || !folded[i - 1].is_alphanumeric();
            let end = i + target.len();
            let boundary_after = end == folded.len() || !folded[end].is_alphanumeric();
            if boundary_before && boundary_after && folded[i..end] == target[..] {
                let start_byte = chars[i].0;
                let end_byte = chars.get(end).map_or(out.len(), |c| c.0);
                replaced.push_str(&out[last..start_byte]);
                replaced.push_str(name);
                last = end_byte;
                i = end;
            } else {
                i += 1;
            }
        }
        replaced.push_str(&out[last..]);
        out = replaced;
    }
    out
}

/// Lower case without diacritics; đ → d.
fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    match c {
        'đ' | 'Đ' => 'd',
        _ => c.to_string().nfd().next().unwrap_or(c).to_lowercase().next().unwrap_or(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restores_names_written_without_diacritics() {
        let names = ["Nguyễn Văn Hùng", "Đặng Thị Ngọc Thịnh"];
        assert_eq!(
            restore_names("Comrade Nguyen Van Hung chaired; Dang Thi Ngoc Thinh attended.", &names),
            "Comrade Nguyễn Văn Hùng chaired; Đặng Thị Ngọc Thịnh attended."
        );
        // Partly accented and upper case forms, and several occurrences.
        assert_eq!(
            restore_names("NGUYỄN VAN HUNG said Nguyễn Văn Hung would", &names[..1]),
            "Nguyễn Văn Hùng said Nguyễn Văn Hùng would"
        );
        // Word boundaries hold, single given names are left alone, unknown text stays.
        assert_eq!(restore_names("Nguyen Van Hungary", &names[..1]), "Nguyen Van Hungary");
        assert_eq!(restore_names("Hung said", &["Hùng"]), "Hung said");
        assert_eq!(restore_names("No names here.", &names), "No names here.");
    }
}
