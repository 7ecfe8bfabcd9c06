//! The encoder's inference path: the forward pass of BERT/XLM-R written over the
//! weights rust-bert's `BertModel` loaded (shared, not copied), so that its linear layers
//! can run in int8 and attention can use libtorch's fused kernel.
//!
//! rust-bert's `BertModel` stays the reference and the training path (fine-tuning needs
//! every layer's output and gradients); a test checks both give the same vectors in f32.

use std::collections::HashMap;

use tch::{Kind, Tensor};

use super::qlinear::QLinear;
use crate::error::{Error, Result};

/// The arithmetic of the encoder's linear layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// f32 weights and activations, as trained.
    #[default]
    F32,
    /// int8 weights (per output row) and activations (per call) in the attention
    /// projections and the feed-forward layers (libtorch's fbgemm kernels).
    Int8,
}

impl Precision {
    pub fn name(self) -> &'static str {
        match self {
            Precision::F32 => "f32",
            Precision::Int8 => "int8",
        }
    }
}

/// rust-bert's layer norms use this epsilon whatever the config says; so do we, so that
/// both paths agree.
const LAYER_NORM_EPS: f64 = 1e-12;

enum Linear {
    F32 { weight: Tensor, bias: Tensor },
    Int8(QLinear),
}

impl Linear {
    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        match self {
            Linear::F32 { weight, bias } => Ok(x.linear(weight, Some(bias))),
            Linear::Int8(q) => q.forward(x),
        }
    }
}

struct LayerNorm {
    weight: Tensor,
    bias: Tensor,
}

impl LayerNorm {
    fn forward(&self, x: &Tensor) -> Tensor {
        let h = x.size().last().copied().unwrap_or(0);
        x.layer_norm([h], Some(&self.weight), Some(&self.bias), LAYER_NORM_EPS, false)
    }
}

struct Layer {
    query: Linear,
    key: Linear,
    value: Linear,
    attention_out: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
}

/// The network, inference only.
pub struct Bert {
    word: Tensor,
    position: Tensor,
    /// Row 0 of the token-type table: every token is of type 0.
    token_type: Tensor,
    embedding_norm: LayerNorm,
    layers: Vec<Layer>,
    heads: i64,
    /// XLM-R counts positions from after the padding index; BERT from 0.
    roberta_padding: Option<i64>,
}

impl Bert {
    /// Builds the network over `vars` (rust-bert's variable names, no model prefix).
    pub fn new(vars: &HashMap<String, Tensor>, heads: i64, layers: usize, roberta: bool, precision: Precision) -> Result<Bert> {
        let get = |name: &str| -> Result<Tensor> {
            vars.get(name)
                .map(Tensor::shallow_clone)
                .ok_or_else(|| Error::Runtime(format!("encoder weight {name} missing")))
        };
        let linear = |prefix: &str, precision: Precision| -> Result<Linear> {
            let weight = get(&format!("{prefix}.weight"))?;
            let bias = get(&format!("{prefix}.bias"))?;
            Ok(match precision {
                Precision::F32 => Linear::F32 { weight, bias },
                Precision::Int8 => Linear::Int8(QLinear::new(&weight, Some(&bias))?),
            })
        };
        let norm = |prefix: &str| -> Result<LayerNorm> {
            Ok(LayerNorm { weight: get(&format!("{prefix}.weight"))?, bias: get(&format!("{prefix}.bias"))? })
        };
        let layers = (0..layers)
            .map(|i| {
                let p = format!("encoder.layer.{i}");
                Ok(Layer {
                    query: linear(&format!("{p}.attention.self.query"), precision)?,
                    key: linear(&format!("{p}.attention.self.key"), precision)?,
                    value: linear(&format!("{p}.attention.self.value"), precision)?,
                    // Stays f32: quantizing the attention context (one scale for a whole
                    // batch) cost 0.016 dev macro-F1 on its own; this layer is 1/12 of the
                    // linear work. Measured: BENCHMARKS.md.
                    attention_out: linear(&format!("{p}.attention.output.dense"), Precision::F32)?,
                    attention_norm: norm(&format!("{p}.attention.output.LayerNorm"))?,
                    intermediate: linear(&format!("{p}.intermediate.dense"), precision)?,
                    output: linear(&format!("{p}.output.dense"), precision)?,
                    output_norm: norm(&format!("{p}.output.LayerNorm"))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Bert {
            word: get("embeddings.word_embeddings.weight")?,
            position: get("embeddings.position_embeddings.weight")?,
            token_type: get("embeddings.token_type_embeddings.weight")?.get(0),
            embedding_norm: norm("embeddings.LayerNorm")?,
            layers,
            heads,
            roberta_padding: roberta.then_some(1),
        })
    }

    /// `input` and `mask` `[b, len]` → the last layer's output `[b, len, hidden]`.
    pub fn forward(&self, input: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let positions = match self.roberta_padding {
            Some(pad) => {
                let m = input.ne(pad).to_kind(Kind::Int64);
                m.cumsum(1, Kind::Int64) * &m + pad
            }
            None => {
                let len = input.size()[1];
                Tensor::arange(len, (Kind::Int64, input.device())).unsqueeze(0)
            }
        };
        // The word table may be f16 (see encoder.rs); the sum is f32.
        let words = Tensor::embedding(&self.word, input, -1, false, false).to_kind(Kind::Float);
        let x = words + Tensor::embedding(&self.position, &positions, -1, false, false) + &self.token_type;
        let mut x = self.embedding_norm.forward(&x);
        // Keys that are padding are never attended to.
        let keep = mask.ne(0).unsqueeze(1).unsqueeze(1);
        for layer in &self.layers {
            x = self.layer(layer, &x, &keep)?;
        }
        Ok(x)
    }

    fn layer(&self, l: &Layer, x: &Tensor, keep: &Tensor) -> Result<Tensor> {
        let (b, len, hidden) = x.size3()?;
        let split = |t: Tensor| t.view([b, len, self.heads, hidden / self.heads]).transpose(1, 2);
        let q = split(l.query.forward(x)?);
        let k = split(l.key.forward(x)?);
        let v = split(l.value.forward(x)?);
        // libtorch's fused attention; scale 1/√d as BERT's.
        let context = Tensor::scaled_dot_product_attention(&q, &k, &v, Some(keep), 0.0, false, None::<f64>);
        let context = context.transpose(1, 2).contiguous().view([b, len, hidden]);
        let attended = l.attention_norm.forward(&(l.attention_out.forward(&context)? + x));
        let inner = l.intermediate.forward(&attended)?.gelu("none");
        Ok(l.output_norm.forward(&(l.output.forward(&inner)? + attended)))
    }
}
