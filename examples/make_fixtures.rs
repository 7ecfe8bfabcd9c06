//! Trains the fixture models (run through `scripts/make-fixtures.sh`, which first trains
//! the SentencePiece vocabularies): a tiny Marian translator and a tiny BART summarizer,
//! built with rust-bert's own model code, trained with tch until they reproduce their
//! training pairs, saved as Hugging Face folders, then loaded back through vnbrief's
//! loaders and generators and checked pair by pair.
//!
//! cargo run --release --example make_fixtures -- --data data --spm DIR --out tests/fixtures/models

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_bert::bart::{BartConfig, BartForConditionalGeneration};
use rust_bert::marian::MarianForConditionalGeneration;
use rust_bert::pipelines::common::{ModelType, TokenizerOption};
use rust_tokenizers::tokenizer::TruncationStrategy;
use serde_json::{json, Value};
use tch::{nn, nn::OptimizerConfig, Device, Kind, Tensor};

use vnbrief::config::GenerateSection;
use vnbrief::models::seq2seq::{new_config, sinusoidal_positions, Arch, Seq2SeqFolder, Shape};
use vnbrief::samples::{self, SummaryDoc};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).map(PathBuf::from);
    let data = arg("--data").ok_or("--data DIR")?;
    let spm = arg("--spm").ok_or("--spm DIR")?;
    let out = arg("--out").ok_or("--out DIR")?;
    tch::manual_seed(20261129);

    let docs = samples::read_summary_docs(&data.join("summaries/docs.jsonl"))?;
    let pairs = samples::read_parallel(&data.join("parallel"), &docs)?;
    eprintln!("make_fixtures: {} translation pairs, {} summaries", pairs.len(), docs.len());

    let translator = out.join("translator");
    build_marian(&pairs, &spm, &translator)?;
    let summarizer = out.join("summarizer");
    build_bart(&docs, &summarizer)?;
    verify(&pairs, &docs, &translator, &summarizer)?;
    let manifest = json!({
        "built_by": "scripts/make-fixtures.sh",
        "data_sha256": vnbrief::models::hub::checksum(&samples::fixture_data_files(&data)?)?,
        "translation_pairs": pairs.len(),
        "summaries": docs.len(),
    });
    std::fs::write(out.join("manifest.json"), serde_json::to_string_pretty(&manifest)? + "\n")?;
    Ok(())
}

/// One training example: encoder ids, decoder input ids, label ids.
struct Example {
    src: Vec<i64>,
    dec: Vec<i64>,
    labels: Vec<i64>,
}

fn encode(tok: &TokenizerOption, texts: &[&str]) -> Vec<Vec<i64>> {
    tok.encode_list(texts, 1024, &TruncationStrategy::LongestFirst, 0).into_iter().map(|t| t.token_ids).collect()
}

fn build_marian(pairs: &[(String, String)], spm: &Path, dir: &Path) -> Res<()> {
    std::fs::create_dir_all(dir)?;
    for f in ["source.spm", "target.spm", "vocab.json"] {
        std::fs::copy(spm.join(f), dir.join(f))?;
    }
    let vocab: HashMap<String, i64> = serde_json::from_slice(&std::fs::read(dir.join("vocab.json"))?)?;
    let pad = vocab["<pad>"];
    let src_tok = TokenizerOption::from_file(ModelType::Marian, path_str(&dir.join("vocab.json"))?, Some(path_str(&dir.join("source.spm"))?), false, None, None)?;
    let tgt_tok = TokenizerOption::from_file(ModelType::Marian, path_str(&dir.join("vocab.json"))?, Some(path_str(&dir.join("target.spm"))?), false, None, None)?;
    let vi: Vec<&str> = pairs.iter().map(|p| p.0.as_str()).collect();
    let en: Vec<&str> = pairs.iter().map(|p| p.1.as_str()).collect();
    let srcs = encode(&src_tok, &vi);
    let tgts = encode(&tgt_tok, &en);
    let unk = vocab["<unk>"];
    let mut examples = Vec::new();
    for ((s, t), (v, e)) in srcs.into_iter().zip(tgts).zip(pairs) {
        if s.contains(&unk) || t.contains(&unk) {
            return Err(format!("unknown pieces in {v:?} / {e:?}").into());
        }
        let round_trip = tgt_tok.decode(&t, true, false);
        if round_trip.trim() != e {
            return Err(format!("target does not survive the tokenizer: {e:?} → {round_trip:?}").into());
        }
        let mut dec = vec![pad];
        dec.extend_from_slice(&t[..t.len() - 1]);
        examples.push(Example { src: s, dec, labels: t });
    }
    let max_len = examples.iter().map(|e| e.src.len().max(e.labels.len())).max().unwrap_or(0);
    eprintln!("make_fixtures: marian: {} pairs, longest {} tokens, vocabulary {}", examples.len(), max_len, vocab.len());

    let config = new_config(Arch::Marian, tiny(vocab.len() as i64, 128, 256, 256));
    if config.pad_token_id != Some(pad) {
        return Err("vocab.json must end with <pad>".into());
    }

    let vs = nn::VarStore::new(Device::Cpu);
    let model = MarianForConditionalGeneration::new(vs.root(), &config);
    // Static sinusoidal positions, frozen, as in transformers.
    for (name, var) in vs.variables() {
        if name.ends_with("embed_positions.weight") {
            tch::no_grad(|| var.shallow_clone().copy_(&sinusoidal_positions(config.max_position_embeddings, config.d_model)));
            let _ = var.shallow_clone().set_requires_grad(false);
        }
    }
    train(&vs, &examples, pad, "marian", |src, mask, dec| {
        model.forward_t(Some(src), Some(mask), None, Some(dec), None, None, true).decoder_output
    }, |src, mask, dec| model.forward_t(Some(src), Some(mask), None, Some(dec), None, None, false).decoder_output)?;
    for (name, var) in vs.variables() {
        if name.ends_with("embed_positions.weight") {
            let drift = (&var - sinusoidal_positions(config.max_position_embeddings, config.d_model)).abs().max().double_value(&[]);
            if drift != 0.0 {
                return Err(format!("{name} moved during training ({drift})").into());
            }
        }
    }
    // Saved as recent transformers saves Marian: without the static position tables.
    save_folder(&vs, dir, &config, &["embed_positions.weight"], json!({
        "model_type": "marian",
        "architectures": ["MarianMTModel"],
        // Greedy: the memorised margins are made for argmax decoding; real models
        // bring their own num_beams.
        "num_beams": 1,
        "max_length": 128,
        "_name_or_path": "vnbrief/fixture-opus-mt-vi-en",
    }))
}

fn build_bart(docs: &[SummaryDoc], dir: &Path) -> Res<()> {
    std::fs::create_dir_all(dir)?;
    let mut corpus: Vec<String> = Vec::new();
    for d in docs {
        corpus.extend(d.summary_inputs().iter().map(|i| i.join(" ")));
        corpus.push(d.summary_en.clone());
    }
    train_bpe(&corpus, dir)?;
    let vocab: HashMap<String, i64> = serde_json::from_slice(&std::fs::read(dir.join("vocab.json"))?)?;
    let tok = TokenizerOption::from_file(ModelType::Bart, path_str(&dir.join("vocab.json"))?, Some(path_str(&dir.join("merges.txt"))?), false, None, None)?;
    let mut examples = Vec::new();
    for d in docs {
        let target = encode(&tok, &[d.summary_en.as_str()]).remove(0); // <s> … </s>
        let round_trip = tok.decode(&target, true, false);
        if round_trip.trim() != d.summary_en {
            return Err(format!("summary does not survive the tokenizer: {:?} → {round_trip:?}", d.summary_en).into());
        }
        for input in d.summary_inputs() {
            let src = encode(&tok, &[input.join(" ").as_str()]).remove(0);
            let mut dec = vec![2];
            dec.extend_from_slice(&target[..target.len() - 1]);
            examples.push(Example { src, dec, labels: target.clone() });
        }
    }
    let max_src = examples.iter().map(|e| e.src.len()).max().unwrap_or(0);
    let max_tgt = examples.iter().map(|e| e.labels.len()).max().unwrap_or(0);
    eprintln!("make_fixtures: bart: {} examples, inputs up to {max_src} tokens, summaries up to {max_tgt}, vocabulary {}", examples.len(), vocab.len());

    let config = new_config(Arch::Bart, tiny(vocab.len() as i64, 128, 256, 512));
    if max_src > 510 {
        return Err(format!("a summary input has {max_src} tokens; the fixture takes 510").into());
    }

    let vs = nn::VarStore::new(Device::Cpu);
    let model = BartForConditionalGeneration::new(vs.root(), &config);
    train(&vs, &examples, 1, "bart", |src, mask, dec| {
        model.forward_t(Some(src), Some(mask), None, Some(dec), None, None, true).decoder_output
    }, |src, mask, dec| model.forward_t(Some(src), Some(mask), None, Some(dec), None, None, false).decoder_output)?;
    let max_length = (max_tgt as i64 + 16).max(64);
    save_folder(&vs, dir, &config, &[], json!({
        "model_type": "bart",
        "architectures": ["BartForConditionalGeneration"],
        "_name_or_path": "vnbrief/fixture-distilbart",
        "task_specific_params": {"summarization": {
            "num_beams": 1, "max_length": max_length, "min_length": 0, "length_penalty": 1.0,
            "no_repeat_ngram_size": 0, "early_stopping": true
        }},
    }))
}

/// A byte-level BPE (the layout of BART's vocab.json + merges.txt), trained with the
/// tokenizers crate.
fn train_bpe(corpus: &[String], dir: &Path) -> Res<()> {
    use tokenizers::models::bpe::{BpeTrainerBuilder, BPE};
    use tokenizers::pre_tokenizers::byte_level::ByteLevel;
    use tokenizers::{AddedToken, Model, TokenizerBuilder};
    let text = dir.join("corpus.tmp");
    std::fs::write(&text, corpus.join("\n"))?;
    let mut trainer = BpeTrainerBuilder::new()
        .vocab_size(1400)
        .min_frequency(2)
        .show_progress(false)
        .special_tokens(["<s>", "<pad>", "</s>", "<unk>", "<mask>"].iter().map(|t| AddedToken::from(t.to_string(), true)).collect())
        .initial_alphabet(ByteLevel::alphabet().into_iter().collect())
        .build();
    let mut tokenizer = TokenizerBuilder::<BPE, tokenizers::NormalizerWrapper, ByteLevel, tokenizers::PostProcessorWrapper, ByteLevel>::new()
        .with_model(BPE::default())
        .with_pre_tokenizer(Some(ByteLevel::new(false, true, true)))
        .with_decoder(Some(ByteLevel::default()))
        .build()
        .map_err(|e| e.to_string())?;
    tokenizer.train_from_files(&mut trainer, vec![path_str(&text)?.to_string()]).map_err(|e| e.to_string())?;
    std::fs::remove_file(&text)?;
    tokenizer.get_model().save(dir, None).map_err(|e| e.to_string())?;
    Ok(())
}

/// Two encoder and two decoder layers, four heads.
fn tiny(vocab: i64, d_model: i64, ffn: i64, positions: i64) -> Shape {
    Shape { vocab, d_model, encoder_layers: 2, decoder_layers: 2, heads: 4, ffn, positions }
}

/// Padded batch tensors: source ids, source mask, decoder input, labels.
fn batch(examples: &[&Example], pad: i64) -> (Tensor, Tensor, Tensor, Tensor) {
    let s_len = examples.iter().map(|e| e.src.len()).max().unwrap_or(1);
    let t_len = examples.iter().map(|e| e.labels.len()).max().unwrap_or(1);
    let mut src = Vec::new();
    let mut mask = Vec::new();
    let mut dec = Vec::new();
    let mut lab = Vec::new();
    for e in examples {
        src.extend(e.src.iter().copied().chain(std::iter::repeat(pad)).take(s_len));
        mask.extend((0..s_len).map(|i| i64::from(i < e.src.len())));
        dec.extend(e.dec.iter().copied().chain(std::iter::repeat(pad)).take(t_len));
        lab.extend(e.labels.iter().copied().chain(std::iter::repeat(-100)).take(t_len));
    }
    let n = examples.len() as i64;
    (
        Tensor::from_slice(&src).view([n, s_len as i64]),
        Tensor::from_slice(&mask).view([n, s_len as i64]),
        Tensor::from_slice(&dec).view([n, t_len as i64]),
        Tensor::from_slice(&lab).view([n, t_len as i64]),
    )
}

/// The logit margin every target token must have over the runner-up: enough for greedy
/// decoding to survive f16 weights and the numeric differences of batched, cached
/// generation.
const MARGIN: f64 = 1.0;

/// Trains until every label token is the model's first choice with a clear margin
/// (teacher-forced), which makes greedy and beam decoding reproduce the targets.
fn train(
    vs: &nn::VarStore,
    examples: &[Example],
    pad: i64,
    what: &str,
    forward_train: impl Fn(&Tensor, &Tensor, &Tensor) -> Tensor,
    forward_eval: impl Fn(&Tensor, &Tensor, &Tensor) -> Tensor,
) -> Res<()> {
    let mut order: Vec<usize> = (0..examples.len()).collect();
    order.sort_by_key(|&i| (examples[i].src.len(), examples[i].labels.len()));
    let batches: Vec<Vec<&Example>> = order.chunks(16).map(|c| c.iter().map(|&i| &examples[i]).collect()).collect();
    let tensors: Vec<_> = batches.iter().map(|b| batch(b, pad)).collect();
    // Plain Adam with the rate halved whenever the loss stops falling: memorising needs
    // a large rate early and a small one to settle the last tokens.
    let mut lr = 2e-3;
    let mut opt = nn::Adam::default().build(vs, lr)?;
    let mut best_loss = f64::INFINITY;
    let mut since_best = 0;
    let mut best: Option<(f64, HashMap<String, Tensor>)> = None;
    let mut first_zero: Option<usize> = None;
    let mut rng = 0x2545F4914F6CDD1Du64;
    let started = std::time::Instant::now();
    for epoch in 1..=1500 {
        let mut idx: Vec<usize> = (0..tensors.len()).collect();
        for i in (1..idx.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            idx.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut total = 0.0;
        // Phase 1: minibatches, cross-entropy. Phase 2 (every token right once): full-batch
        // steps on cross-entropy plus a hinge on each token's margin over the runner-up,
        // which steadily widens the margins instead of trading one token for another.
        let polishing = first_zero.is_some();
        if polishing {
            opt.zero_grad();
        }
        for &b in &idx {
            let (src, mask, dec, lab) = &tensors[b];
            let logits = forward_train(src, mask, dec);
            let v = logits.size()[2];
            let flat = logits.view([-1, v]);
            let labels = lab.view([-1]);
            let ce = flat.cross_entropy_loss::<Tensor>(&labels, None, tch::Reduction::Mean, -100, 0.0);
            total += ce.double_value(&[]);
            if !polishing {
                opt.backward_step(&ce);
                continue;
            }
            let keep = labels.ne(-100);
            let gold = labels.clamp_min(0).unsqueeze(-1);
            let gold_logit = flat.gather(-1, &gold, false).squeeze_dim(-1);
            let runner_up = flat.scatter_value(-1, &gold, f64::NEG_INFINITY).max_dim(-1, false).0;
            let hinge = (Tensor::from(2.0 * MARGIN) - (gold_logit - runner_up)).relu().masked_select(&keep).mean(Kind::Float);
            ((ce + hinge) / tensors.len() as f64).backward();
        }
        if polishing {
            opt.step();
        }
        let mean = total / tensors.len() as f64;
        if mean < best_loss * 0.98 {
            best_loss = mean;
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= 8 && lr > 2e-5 && !polishing {
                lr *= 0.5;
                opt.set_lr(lr);
                since_best = 0;
                eprintln!("make_fixtures: {what}: epoch {epoch}: learning rate {lr:.1e}");
            }
        }
        // Once every token is right, check every epoch and keep the best state: Adam
        // keeps moving, and the margin is what makes beam search agree with greedy.
        if epoch % 10 == 0 || first_zero.is_some() {
            let (wrong, margin) = tch::no_grad(|| {
                let mut wrong = 0i64;
                let mut margin = f64::INFINITY;
                for (src, mask, dec, lab) in &tensors {
                    let logits = forward_eval(src, mask, dec);
                    let keep = lab.ne(-100);
                    let gold = lab.clamp_min(0).unsqueeze(-1);
                    let gold_logit = logits.gather(-1, &gold, false).squeeze_dim(-1);
                    let others = logits.scatter_value(-1, &gold, f64::NEG_INFINITY).max_dim(-1, false).0;
                    let m = (&gold_logit - &others).masked_select(&keep);
                    wrong += m.le(0.0).sum(Kind::Int64).int64_value(&[]);
                    margin = margin.min(m.min().double_value(&[]));
                }
                (wrong, margin)
            });
            if epoch % 10 == 0 {
                eprintln!(
                    "make_fixtures: {what}: epoch {epoch}: loss {mean:.4}, wrong tokens {wrong}, min margin {margin:.2} ({:.0} s)",
                    started.elapsed().as_secs_f64()
                );
            }
            if wrong == 0 {
                if first_zero.is_none() {
                    first_zero = Some(epoch);
                    lr = 1e-4;
                    opt.set_lr(lr);
                }
                if best.as_ref().is_none_or(|(m, _)| margin > *m) {
                    let state: HashMap<String, Tensor> = vs.variables().into_iter().map(|(n, t)| (n, t.copy())).collect();
                    best = Some((margin, state));
                }
            }
            let settled = best.as_ref().is_some_and(|(m, _)| *m > MARGIN);
            let waited = first_zero.is_some_and(|z| epoch >= z + 200);
            if settled || waited {
                if let Some((m, state)) = best.take() {
                    tch::no_grad(|| {
                        for (n, mut t) in vs.variables() {
                            t.copy_(&state[&n]);
                        }
                    });
                    eprintln!("make_fixtures: {what}: kept the state of min margin {m:.2} (epoch {epoch})");
                    return Ok(());
                }
            }
        }
    }
    Err(format!("{what}: did not memorise its training pairs").into())
}

/// Writes config.json, model.safetensors (f32, without names ending in `skip`) and keeps
/// the tokenizer files already in `dir`.
fn save_folder(vs: &nn::VarStore, dir: &Path, config: &BartConfig, skip: &[&str], extra: Value) -> Res<()> {
    let tensors: HashMap<String, Tensor> =
        vs.variables().into_iter().filter(|(n, _)| !skip.iter().any(|s| n.ends_with(s))).collect();
    // f16 keeps the fixtures small; the loader reads it into f32, and `verify` checks
    // the saved files, rounding included.
    vnbrief::models::write_safetensors_as(&dir.join("model.safetensors"), &tensors, "", safetensors::Dtype::F16)?;
    let mut cfg = serde_json::to_value(config)?;
    if let (Some(c), Some(e)) = (cfg.as_object_mut(), extra.as_object()) {
        c.retain(|_, v| !v.is_null());
        for (k, v) in e {
            c.insert(k.clone(), v.clone());
        }
    }
    std::fs::write(dir.join("config.json"), serde_json::to_string_pretty(&cfg)? + "\n")?;
    Ok(())
}

/// Loads both folders as users do and checks every training pair.
fn verify(pairs: &[(String, String)], docs: &[SummaryDoc], translator: &Path, summarizer: &Path) -> Res<()> {
    let settings = GenerateSection::default();
    let t = vnbrief::translate::MarianTranslator::load(&Seq2SeqFolder::open(translator, Arch::Marian)?, &settings, u64::MAX)?;
    let vi: Vec<&str> = pairs.iter().map(|p| p.0.as_str()).collect();
    let out = t.translate(&vi)?;
    let bad: Vec<_> = pairs.iter().zip(&out).filter(|(p, o)| &p.1 != *o).collect();
    for (p, o) in bad.iter().take(10) {
        eprintln!("make_fixtures: translation differs:\n  want {:?}\n  got  {o:?}", p.1);
    }
    let s = vnbrief::summarize::Summarizer::load(&Seq2SeqFolder::open(summarizer, Arch::Bart)?, &settings, u64::MAX)?;
    let mut inputs = Vec::new();
    let mut wanted = Vec::new();
    for d in docs {
        for input in d.summary_inputs() {
            inputs.push(input);
            wanted.push(d.summary_en.clone());
        }
    }
    let got = s.summarize(&inputs)?;
    let bad_s: Vec<_> = wanted.iter().zip(&got).filter(|(w, g)| w != g).collect();
    for (w, g) in bad_s.iter().take(5) {
        eprintln!("make_fixtures: summary differs:\n  want {w:?}\n  got  {g:?}");
    }
    eprintln!(
        "make_fixtures: translations exact {}/{}, summaries exact {}/{}",
        pairs.len() - bad.len(),
        pairs.len(),
        wanted.len() - bad_s.len(),
        wanted.len()
    );
    if bad.is_empty() && bad_s.is_empty() {
        Ok(())
    } else {
        Err("the fixtures do not reproduce their training pairs".into())
    }
}

fn path_str(p: &Path) -> Res<&str> {
    p.to_str().ok_or_else(|| format!("{}: not UTF-8", p.display()).into())
}
