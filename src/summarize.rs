//! Abstractive English summary with rust-bert's BART, over the English translations of
//! a document's attendance, achievement and directive sentences, in order.
//!
//! The input is cut into chunks of whole sentences that fit the model's input limit;
//! each chunk is summarised and the chunk summaries are joined in order. Every summary
//! sentence then passes the briefing's number rule: one with a number the source
//! lacks is dropped and reported.

use rust_bert::bart::BartGenerator;
use rust_bert::pipelines::common::{ModelResource, ModelType};
use rust_bert::pipelines::generation_utils::LanguageGenerator;
use rust_bert::pipelines::summarization::SummarizationConfig;
use tch::Device;

use crate::config::GenerateSection;
use crate::document::{Document, Label};
use crate::error::{Error, Result};
use crate::models::seq2seq::{self, Arch, Seq2SeqFolder};

/// A loaded summarizer.
pub struct Summarizer {
    model: BartGenerator,
    /// Shown in outputs: the method is `abstractive:<name>`.
    pub name: String,
    /// Input tokens per chunk.
    max_input_tokens: usize,
    /// Identifies the weights (see [`Seq2SeqFolder::fingerprint`]).
    pub fingerprint: String,
}

impl Summarizer {
    /// Loads a BART folder. Settings not given come from its `config.json`
    /// (`task_specific_params.summarization`, then the top level), else rust-bert's.
    pub fn load(folder: &Seq2SeqFolder, settings: &GenerateSection, memory_limit: u64) -> Result<Summarizer> {
        let loaded = folder.load(Arch::Bart, memory_limit)?;
        let buffer = loaded.weights.data.clone();
        let int = |key: &str| folder.generation_setting("summarization", key).and_then(|v| v.as_i64());
        let float = |key: &str| folder.generation_setting("summarization", key).and_then(|v| v.as_f64());
        let mut config = SummarizationConfig::new(
            ModelType::Bart,
            ModelResource::Torch(Box::new(loaded.weights)),
            loaded.config,
            loaded.vocab,
            Some(loaded.second),
        );
        config.device = Device::Cpu;
        if let Some(b) = settings.beams.or_else(|| int("num_beams")) {
            config.num_beams = b.max(1);
        }
        if let Some(m) = settings.min_length.or_else(|| int("min_length")) {
            config.min_length = m.max(0);
        }
        if let Some(m) = settings.max_length.or_else(|| int("max_length")) {
            config.max_length = Some(m.max(1));
        }
        if let Some(p) = float("length_penalty") {
            config.length_penalty = p;
        }
        if let Some(n) = int("no_repeat_ngram_size") {
            config.no_repeat_ngram_size = n.max(0);
        }
        if let Some(e) = folder.generation_setting("summarization", "early_stopping").and_then(|v| v.as_bool()) {
            config.early_stopping = e;
        }
        let limit = (folder.config.max_position_embeddings as usize).saturating_sub(2).max(16);
        let max_input_tokens = settings.max_input_tokens.unwrap_or(limit).clamp(8, limit);
        // The generator directly, so that decoding leaves the text as generated.
        let model = BartGenerator::new(config.into()).map_err(|e| Error::model(&folder.dir, format!("cannot load the summarizer: {e}")));
        seq2seq::release(&buffer);
        Ok(Summarizer { model: model?, name: folder.name(), max_input_tokens, fingerprint: folder.fingerprint() })
    }

    /// Tokens the model sees for `text` (without its two special tokens).
    pub fn count_tokens(&self, text: &str) -> usize {
        self.model.get_tokenizer().tokenize(text).len()
    }

    /// One summary per input (each a list of English sentences), in order.
    pub fn summarize(&self, inputs: &[Vec<String>]) -> Result<Vec<String>> {
        // Every chunk of every input goes through the model in one call.
        let mut chunks: Vec<(usize, String)> = Vec::new();
        for (i, sentences) in inputs.iter().enumerate() {
            let counts: Vec<usize> = sentences.iter().map(|s| self.count_tokens(s)).collect();
            for range in chunk_ranges(&counts, self.max_input_tokens) {
                chunks.push((i, sentences[range].join(" ")));
            }
        }
        let mut order: Vec<usize> = (0..chunks.len()).collect();
        order.sort_by_key(|&k| chunks[k].1.len());
        let mut summaries = vec![String::new(); chunks.len()];
        // Small batches: beam search over long inputs is memory-hungry.
        for batch in order.chunks(4) {
            let texts: Vec<&str> = batch.iter().map(|&k| chunks[k].1.as_str()).collect();
            let out =
                self.model.generate_indices(Some(&texts), None).map_err(|e| Error::Runtime(format!("summarization failed: {e}")))?;
            for (&k, o) in batch.iter().zip(out) {
                summaries[k] = self.model.get_tokenizer().decode(&o.indices, true, false).trim().to_string();
            }
        }
        let mut out = vec![String::new(); inputs.len()];
        for ((i, _), s) in chunks.iter().zip(summaries) {
            if !out[*i].is_empty() && !s.is_empty() {
                out[*i].push(' ');
            }
            out[*i].push_str(&s);
        }
        Ok(out)
    }
}

/// Consecutive sentence ranges whose token counts sum to at most `limit`; a sentence
/// longer than the limit goes alone (the model truncates it).
pub fn chunk_ranges(counts: &[usize], limit: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut total = 0;
    for (i, &c) in counts.iter().enumerate() {
        // +1: the space joining sentences may be a token of its own.
        if i > start && total + c + 1 > limit {
            out.push(start..i);
            start = i;
            total = 0;
        }
        total += c + usize::from(i > start);
    }
    if start < counts.len() {
        out.push(start..counts.len());
    }
    out
}

/// The sentences a summary is made from: the translations of the sentences the
/// summarizer reads ([`Label::summarised`]), in order. `None` when there are none.
pub fn summary_input(doc: &Document) -> Option<Vec<String>> {
    let picked: Vec<String> = doc
        .sentences()
        .filter(|s| Label::summarised(s.label))
        .filter_map(|s| s.translation.clone())
        .filter(|t| !t.is_empty())
        .collect();
    (!picked.is_empty()).then_some(picked)
}

/// The summarize stage as the stage runner sees it: one English summary per document
/// (`None` for a document with nothing to summarise).
pub trait Summarize {
    /// Shown in outputs: the method is `abstractive:<name>`.
    fn name(&self) -> &str;
    /// Names the weights and settings in the pipeline version.
    fn fingerprint(&self) -> String;
    fn summarize_documents(&self, docs: &[&Document]) -> Result<Vec<Option<String>>>;
}

impl Summarize for Summarizer {
    fn name(&self) -> &str {
        &self.name
    }

    fn fingerprint(&self) -> String {
        self.fingerprint.clone()
    }

    /// Every document's chunks go through the model in one call.
    fn summarize_documents(&self, docs: &[&Document]) -> Result<Vec<Option<String>>> {
        let inputs: Vec<Option<Vec<String>>> = docs.iter().map(|d| summary_input(d)).collect();
        let present: Vec<Vec<String>> = inputs.iter().flatten().cloned().collect();
        let mut out = self.summarize(&present)?.into_iter();
        Ok(inputs.iter().map(|i| i.as_ref().and_then(|_| out.next())).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_keep_whole_sentences_within_the_limit() {
        assert_eq!(chunk_ranges(&[3, 3, 3], 100), vec![0..3]);
        assert_eq!(chunk_ranges(&[4, 4, 4, 4], 9), vec![0..2, 2..4]);
        // An over-long sentence stands alone.
        assert_eq!(chunk_ranges(&[2, 50, 2], 10), vec![0..1, 1..2, 2..3]);
        assert_eq!(chunk_ranges(&[], 10), Vec::<std::ops::Range<usize>>::new());
    }

}
