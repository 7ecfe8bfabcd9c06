//! The sentence encoder: any BERT or XLM-RoBERTa folder in the Hugging Face layout,
//! run with rust-bert's `BertModel` on tch; multilingual-e5-small by default.
//!
//! Sentences are tokenized from the folder's `tokenizer.json` by the `tokenizers`
//! crate's pipeline (with a compact unigram model: `tokenizer.rs`), prefixed as the e5
//! model card prescribes ("query: " for using embeddings as features), sorted by length
//! and batched (little padding), cut at `max_tokens`, mean-pooled over the attention
//! mask and L2-normalised.

use std::path::Path;

use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use rust_bert::roberta::RobertaEmbeddings;
use tch::{nn, Device, Kind, Tensor};

use super::bert::{Bert, Calibration, Precision};
use super::tokenizer::SentenceTokenizer;
use crate::error::{Error, Result};
use crate::models;

const INSTALL_HINT: &str = "run scripts/setup.sh to install it";

#[derive(Debug, Clone)]
pub struct EncoderOptions {
    /// Tokens per sentence, special tokens included; longer ones are cut (and counted).
    pub max_tokens: usize,
    pub batch_size: usize,
    /// Text put before every sentence.
    pub prefix: String,
    /// Keep every layer's output (training the top layers needs their input); off for
    /// inference, where it would only cost memory.
    pub hidden_states: bool,
    /// The arithmetic of the linear layers when embedding.
    pub precision: Precision,
}

impl Default for EncoderOptions {
    fn default() -> Self {
        EncoderOptions {
            max_tokens: 256,
            batch_size: 32,
            prefix: "query: ".into(),
            hidden_states: false,
            precision: Precision::default(),
        }
    }
}

enum Net {
    Bert(BertModel<BertEmbeddings>),
    Roberta(BertModel<RobertaEmbeddings>),
}

pub struct Encoder {
    /// rust-bert's network: the reference, and what fine-tuning reads hidden states from.
    net: Net,
    /// The inference path over the same weights (int8 linear layers when asked).
    fast: Bert,
    tokenizer: SentenceTokenizer,
    pad_id: u32,
    options: EncoderOptions,
    /// The network's weights live in it.
    vs: nn::VarStore,
    /// As loaded, with `vocab_size` 1 (the table is resized after building).
    config: BertConfig,
    /// What int8 layers are smoothed with (see [`Encoder::calibrate`]).
    calibration: Option<Calibration>,
    /// Set by [`Encoder::release_reference`]: `net` and the f32 weights are gone.
    released: bool,
    pub hidden: usize,
}

/// Returns freed heap memory to the system (glibc keeps it otherwise).
pub(crate) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Embeddings of a batch of texts.
pub struct Embedded {
    /// `[n, hidden]` f32, L2-normalised, rows in input order.
    pub vectors: Tensor,
    /// Texts cut at `max_tokens`.
    pub truncated: usize,
}

impl Encoder {
    /// Loads a model folder (`config.json`, weights, `tokenizer.json`).
    pub fn load(dir: &Path, options: EncoderOptions) -> Result<Encoder> {
        if !dir.is_dir() {
            return Err(Error::model(dir, format!("model folder missing; {INSTALL_HINT}")));
        }
        let config_path = models::require(dir, "config.json", INSTALL_HINT)?;
        let tokenizer_path = models::require(dir, "tokenizer.json", INSTALL_HINT)?;
        let weights = models::weights_file(dir, INSTALL_HINT)?;
        let model_type = models::model_type(&config_path)?;
        let config: BertConfig = models::read_config(&config_path)?;
        // The word-embedding table is most of the model (250k × 384 for e5-small). It is
        // built tiny and then given its real size in f16, which halves its memory at no
        // measurable cost (lookups are added to f32 position embeddings, so everything
        // after the lookup runs in f32).
        let vocab = config.vocab_size;
        let mut config = config;
        config.vocab_size = 1;
        config.output_hidden_states = Some(options.hidden_states);
        // A model with fewer positions than asked for caps the length (RoBERTa's positions
        // start after the padding index: two fewer).
        let mut options = options;
        let positions = config.max_position_embeddings - if model_type == "bert" { 0 } else { 2 };
        options.max_tokens = options.max_tokens.min(positions.max(0) as usize);
        if options.max_tokens < 3 {
            return Err(Error::model(
                &config_path,
                format!("max_position_embeddings {} is too small", config.max_position_embeddings),
            ));
        }
        // The tokenizer first: parsing its 17 MB of JSON leaves freed heap behind, which
        // goes back to the system before the weights are allocated (peak memory).
        let tokenizer = SentenceTokenizer::from_file(&tokenizer_path)?;
        release_free_memory();
        let mut vs = nn::VarStore::new(Device::Cpu);
        let root = vs.root();
        let (net, prefixes): (Net, &[&str]) = match model_type.as_str() {
            "bert" => (Net::Bert(BertModel::new_with_optional_pooler(&root, &config, false)), &["bert."]),
            "xlm-roberta" | "roberta" => {
                (Net::Roberta(BertModel::new_with_optional_pooler(&root, &config, false)), &["roberta."])
            }
            other => {
                return Err(Error::model(
                    &config_path,
                    format!("unsupported model_type {other:?} (bert, roberta or xlm-roberta)"),
                ))
            }
        };
        tch::no_grad(|| {
            for (name, mut var) in vs.variables() {
                if name.ends_with("word_embeddings.weight") {
                    var.set_data(&Tensor::zeros([vocab, config.hidden_size], (Kind::Half, Device::Cpu)));
                }
            }
        });
        models::load_weights(&mut vs, &weights, prefixes)?;
        vs.freeze();
        let pad_id = tokenizer.pad_id();
        let hidden = config.hidden_size as usize;
        let fast = build_fast(&vs, &config, matches!(net, Net::Roberta(_)), options.precision, None)?;
        Ok(Encoder { net, fast, tokenizer, pad_id, options, vs, config, calibration: None, released: false, hidden })
    }

    pub fn precision(&self) -> Precision {
        self.options.precision
    }

    pub fn set_precision(&mut self, precision: Precision) -> Result<()> {
        self.options.precision = precision;
        self.refresh()
    }

    /// Frees the f32 weights of the layers the inference path holds as int8 copies (85 MB
    /// for e5-small); an encoder that only embeds (`run`, `eval`) needs them no more.
    /// Afterwards whatever needs them (switching precision or calibration, fine-tuning,
    /// the reference network) is an error instead of a wrong answer.
    pub fn release_reference(&mut self) {
        let packed: std::collections::HashSet<&str> = self.fast.packed_weights().iter().map(String::as_str).collect();
        tch::no_grad(|| {
            for (name, mut var) in self.vs.variables() {
                if packed.contains(name.as_str()) {
                    // Shared with rust-bert's network (the same tensor): freed for both.
                    var.set_data(&Tensor::zeros([0], (var.kind(), Device::Cpu)));
                }
            }
        });
        self.released = true;
        release_free_memory();
    }

    fn check_reference(&self) -> Result<()> {
        if self.released {
            return Err(Error::Runtime(
                "the encoder was loaded for inference only (its f32 weights were freed)".into(),
            ));
        }
        Ok(())
    }

    /// Rebuilds the inference path after weights changed (int8 layers are copies).
    fn refresh(&mut self) -> Result<()> {
        self.check_reference()?;
        self.fast = build_fast(
            &self.vs,
            &self.config,
            matches!(self.net, Net::Roberta(_)),
            self.options.precision,
            self.calibration.as_ref(),
        )?;
        Ok(())
    }

    /// Sets what int8 layers are smoothed with (none: plain dynamic quantization).
    pub fn set_calibration(&mut self, calibration: Option<Calibration>) -> Result<()> {
        self.calibration = calibration;
        // f32 layers ignore it: the int8 path takes it up when the precision is switched.
        if self.options.precision == Precision::F32 {
            return self.check_reference();
        }
        self.refresh()
    }

    /// Runs `texts` through the network in f32 (batched as [`Encoder::embed`] does) and
    /// returns the per-channel absolute maxima of every linear layer's input, with the
    /// default smoothing strength.
    pub fn calibrate(&self, texts: &[&str]) -> Result<Calibration> {
        self.check_reference()?;
        let f32_net = build_fast(&self.vs, &self.config, matches!(self.net, Net::Roberta(_)), Precision::F32, None)?;
        let (ids, _) = self.token_ids(texts)?;
        let mut absmax = std::collections::HashMap::new();
        for batch in batches(&ids, self.options.batch_size) {
            let (input, mask) = self.pad(batch.iter().map(|&i| ids[i].as_slice()));
            let _ = tch::no_grad(|| f32_net.forward_recording(&input, &mask, Some(&mut absmax)))?;
        }
        Ok(Calibration { alpha: super::bert::SMOOTHING_ALPHA, absmax })
    }

    /// The model's configuration (to build layers like its own).
    pub fn config(&self) -> &BertConfig {
        &self.config
    }

    pub fn layer_count(&self) -> usize {
        self.config.num_hidden_layers as usize
    }

    /// The weights of the top `top` transformer layers, by variable name
    /// ("encoder.layer.11.attention.self.query.weight", …).
    pub fn top_layer_variables(&self, top: usize) -> Result<std::collections::HashMap<String, Tensor>> {
        self.check_reference()?;
        let first = self.layer_count().saturating_sub(top);
        Ok(self.vs.variables().into_iter().filter(|(name, _)| layer_of(name).is_some_and(|l| l >= first)).collect())
    }

    /// Replaces the weights `tensors` names (fine-tuned layers).
    pub fn set_variables(&mut self, tensors: &std::collections::HashMap<String, Tensor>) -> Result<()> {
        self.check_reference()?;
        let mut vars = self.vs.variables();
        tch::no_grad(|| {
            for (name, t) in tensors {
                let var = vars
                    .get_mut(name)
                    .ok_or_else(|| Error::Runtime(format!("{name}: no such encoder weight")))?;
                var.f_copy_(&t.to_kind(var.kind()))?;
            }
            Ok::<(), Error>(())
        })?;
        self.refresh()
    }

    /// Loads fine-tuned layers saved beside the classifier head over the pretrained ones.
    pub fn load_tuned(&mut self, file: &Path) -> Result<usize> {
        self.check_reference()?;
        let n = models::load_subset(&mut self.vs, file)?;
        self.refresh()?;
        Ok(n)
    }

    /// Token ids of `texts` (prefixed, cut at `max_tokens`) and how many were cut.
    pub fn token_ids(&self, texts: &[&str]) -> Result<(Vec<Vec<i64>>, usize)> {
        let mut truncated = 0;
        let mut ids: Vec<Vec<i64>> = Vec::with_capacity(texts.len());
        for text in texts {
            // Only the first `max_tokens` are kept: a 5 MB sentence is not tokenized whole.
            let text = leading_words(text, 2 * self.options.max_tokens);
            let enc = self
                .tokenizer
                .ids(&format!("{}{}", self.options.prefix, text))
                .map_err(|e| Error::Runtime(format!("tokenizer failed on {text:?}: {e}")))?;
            let mut t: Vec<i64> = enc.iter().map(|&i| i as i64).collect();
            if t.len() > self.options.max_tokens {
                // Keep the closing special token, as the tokenizer's own truncation would.
                let last = t[t.len() - 1];
                t.truncate(self.options.max_tokens - 1);
                t.push(last);
                truncated += 1;
            }
            ids.push(t);
        }
        Ok((ids, truncated))
    }

    /// Embeds `texts`; see the module docs for the recipe.
    pub fn embed(&self, texts: &[&str]) -> Result<Embedded> {
        let (ids, truncated) = self.token_ids(texts)?;
        let mut rows: Vec<Option<Tensor>> = (0..texts.len()).map(|_| None).collect();
        for batch in batches(&ids, self.options.batch_size) {
            let pooled = self.forward(batch.iter().map(|&i| ids[i].as_slice()))?;
            for (k, &i) in batch.iter().enumerate() {
                rows[i] = Some(pooled.get(k as i64));
            }
        }
        let rows: Vec<Tensor> = rows.into_iter().flatten().collect();
        let vectors = if rows.is_empty() {
            Tensor::zeros([0, self.hidden as i64], (Kind::Float, Device::Cpu))
        } else {
            Tensor::stack(&rows, 0)
        };
        Ok(Embedded { vectors, truncated })
    }

    /// The hidden states entering the top `top` layers, one `[tokens, hidden]` tensor per
    /// sentence in input order: what fine-tuning those layers starts from. Needs
    /// `hidden_states` in the options.
    pub fn layer_inputs(&self, ids: &[Vec<i64>], top: usize) -> Result<Vec<Tensor>> {
        let layers = self.layer_count();
        if top == 0 || top >= layers || !self.options.hidden_states {
            return Err(Error::Runtime(format!(
                "cannot take the input of the top {top} of {layers} layers (hidden states kept: {})",
                self.options.hidden_states
            )));
        }
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_by_key(|&i| ids[i].len());
        let mut rows: Vec<Option<Tensor>> = (0..ids.len()).map(|_| None).collect();
        for batch in order.chunks(self.options.batch_size.max(1)) {
            let (input, mask) = self.pad(batch.iter().map(|&i| ids[i].as_slice()));
            let states = tch::no_grad(|| self.run(&input, &mask))?
                .all_hidden_states
                .ok_or_else(|| Error::Runtime("the encoder kept no hidden states".into()))?;
            // all_hidden_states[i] is layer i's output, so the input of layer L-top.
            let h = &states[layers - top - 1];
            for (k, &i) in batch.iter().enumerate() {
                rows[i] = Some(h.get(k as i64).narrow(0, 0, ids[i].len() as i64).copy());
            }
        }
        Ok(rows.into_iter().flatten().collect())
    }

    /// Pads a batch of token ids: `(input, mask)`, both `[b, len]`.
    fn pad<'a>(&self, batch: impl Iterator<Item = &'a [i64]>) -> (Tensor, Tensor) {
        let batch: Vec<&[i64]> = batch.collect();
        let len = batch.iter().map(|t| t.len()).max().unwrap_or(0) as i64;
        let mut input = Vec::with_capacity(batch.len() * len as usize);
        let mut mask = Vec::with_capacity(batch.len() * len as usize);
        for t in &batch {
            input.extend_from_slice(t);
            input.extend(std::iter::repeat_n(self.pad_id as i64, len as usize - t.len()));
            mask.extend(std::iter::repeat_n(1i64, t.len()));
            mask.extend(std::iter::repeat_n(0i64, len as usize - t.len()));
        }
        let b = batch.len() as i64;
        (Tensor::from_slice(&input).view([b, len]), Tensor::from_slice(&mask).view([b, len]))
    }

    fn run(&self, input: &Tensor, mask: &Tensor) -> Result<rust_bert::bert::BertModelOutput> {
        self.check_reference()?;
        match &self.net {
            Net::Bert(m) => m.forward_t(Some(input), Some(mask), None, None, None, None, None, false),
            Net::Roberta(m) => m.forward_t(Some(input), Some(mask), None, None, None, None, None, false),
        }
        .map_err(|e| Error::Runtime(format!("encoder forward pass failed: {e}")))
    }

    /// One padded batch → mean-pooled, L2-normalised `[b, hidden]`.
    fn forward<'a>(&self, batch: impl Iterator<Item = &'a [i64]>) -> Result<Tensor> {
        let (input, mask) = self.pad(batch);
        tch::no_grad(|| Ok(mean_pool(&self.fast.forward(&input, &mask)?, &mask)))
    }

    /// One batch of token ids (as [`Encoder::token_ids`] gives them) → mean-pooled,
    /// L2-normalised `[b, hidden]`.
    pub fn embed_batch(&self, batch: &[&[i64]]) -> Result<Tensor> {
        self.forward(batch.iter().copied())
    }

    pub fn batch_size(&self) -> usize {
        self.options.batch_size
    }

    /// The same through rust-bert's network (the reference the inference path is tested on).
    pub fn embed_reference(&self, texts: &[&str]) -> Result<Tensor> {
        let (ids, _) = self.token_ids(texts)?;
        let (input, mask) = self.pad(ids.iter().map(Vec::as_slice));
        tch::no_grad(|| Ok(mean_pool(&self.run(&input, &mask)?.hidden_state, &mask)))
    }
}

/// Padding allowed in a batch, as a share of its real tokens.
const MAX_PADDING: f64 = 0.15;

/// Sentences (by index into `ids`) grouped into batches: sorted by length, at most
/// `batch_size` per batch, and a new batch begins where padding to the longest would add
/// more than [`MAX_PADDING`]. Without that cap, a document whose sentences run from 25
/// to 145 tokens was 2.4 times its size once padded. The batches depend on the
/// sentences alone, so a document's vectors do too.
pub fn batches(ids: &[Vec<i64>], batch_size: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by_key(|&i| ids[i].len());
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut real = 0usize;
    for i in order {
        let len = ids[i].len();
        match out.last_mut() {
            // Sorted ascending: `len` is the longest once added.
            Some(b) if b.len() < batch_size.max(1)
                && ((b.len() + 1) * len) as f64 <= (real + len) as f64 * (1.0 + MAX_PADDING) =>
            {
                real += len;
                b.push(i);
            }
            _ => {
                real = len;
                out.push(vec![i]);
            }
        }
    }
    out
}

fn build_fast(
    vs: &nn::VarStore,
    config: &BertConfig,
    roberta: bool,
    precision: Precision,
    calibration: Option<&Calibration>,
) -> Result<Bert> {
    tch::no_grad(|| {
        let layers = config.num_hidden_layers as usize;
        Bert::new(&vs.variables(), config.num_attention_heads, layers, roberta, precision, calibration)
    })
}

/// The start of `text` up to its `words`-th space-separated word. The pre-tokenizer
/// splits at spaces and tokenizes each word on its own into one or more tokens, so the
/// first `words` tokens of the cut text are those of the whole (tested with the real
/// tokenizer). Text without spaces is returned whole.
fn leading_words(text: &str, words: usize) -> &str {
    let bytes = text.as_bytes();
    let mut seen = 0;
    let mut in_word = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b' ' {
            if in_word {
                seen += 1;
                if seen == words {
                    return &text[..i];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    text
}

/// Mean over the unmasked tokens of `hidden` `[b, len, h]`, L2-normalised: `[b, h]`.
pub fn mean_pool(hidden: &Tensor, mask: &Tensor) -> Tensor {
    let m = mask.unsqueeze(-1).to_kind(Kind::Float);
    let summed = (hidden * &m).sum_dim_intlist([1i64].as_slice(), false, Kind::Float);
    let counts = m.sum_dim_intlist([1i64].as_slice(), false, Kind::Float).clamp_min(1.0);
    let mean = summed / counts;
    let norm = mean.norm_scalaropt_dim(2, [1i64].as_slice(), true).clamp_min(1e-12);
    mean / norm
}

/// The layer index in a variable name "encoder.layer.N.…".
fn layer_of(name: &str) -> Option<usize> {
    name.strip_prefix("encoder.layer.")?.split('.').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_every_sentence_once_with_little_padding() {
        // The shape of a real report: 17 sentences from 25 to 145 tokens, unsorted.
        let lens = [63, 25, 145, 48, 33, 87, 29, 101, 55, 34, 72, 39, 80, 42, 35, 49, 75];
        let ids: Vec<Vec<i64>> = lens.iter().map(|&n| vec![0; n]).collect();
        let got = batches(&ids, 32);
        let mut seen: Vec<usize> = got.iter().flatten().copied().collect();
        seen.sort();
        assert_eq!(seen, (0..lens.len()).collect::<Vec<_>>());
        let real: usize = lens.iter().sum();
        let padded: usize = got.iter().map(|b| b.len() * b.iter().map(|&i| lens[i]).max().unwrap()).sum();
        assert!(padded as f64 <= real as f64 * (1.0 + MAX_PADDING), "{padded} for {real}");
        // The same sentences give the same batches; the size cap holds.
        assert_eq!(batches(&ids, 32), got);
        let same: Vec<Vec<i64>> = vec![vec![0; 10]; 70];
        assert_eq!(batches(&same, 32).iter().map(Vec::len).collect::<Vec<_>>(), vec![32, 32, 6]);
        assert!(batches(&[], 32).is_empty());
    }
}
