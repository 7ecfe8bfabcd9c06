//! The installed multilingual-e5-small encoder (scripts/setup.sh converts it).

mod common;

use vnbrief::classify::bert::Precision;
use vnbrief::classify::encoder::{Encoder, EncoderOptions};
use vnbrief::classify::ENCODER_DIR;

fn encoder(options: EncoderOptions) -> Encoder {
    let dir = common::repo().join("models").join(ENCODER_DIR);
    Encoder::load(&dir, options).unwrap_or_else(|e| panic!("{e} (run scripts/setup.sh first)"))
}

fn cosine(a: &tch::Tensor, b: &tch::Tensor) -> f64 {
    (a * b).sum(tch::Kind::Float).double_value(&[])
}

#[test]
fn embeddings_are_normalised_ordered_and_meaningful() {
    let enc = encoder(EncoderOptions::default());
    let texts = [
        "Toàn tỉnh hoàn thành 100% chỉ tiêu giao quân.",
        "Năm nay tỉnh đã giao đủ 100% số thanh niên nhập ngũ theo chỉ tiêu.",
        "Hội nghị yêu cầu các đơn vị tập trung phòng chống bão lũ trong thời gian tới, bảo đảm an toàn tuyệt đối cho người dân vùng trũng thấp.",
        "Đồng chí Nguyễn Văn An chủ trì hội nghị.",
    ];
    let out = enc.embed(&texts).unwrap();
    assert_eq!(out.vectors.size(), [4, 384]);
    assert_eq!(out.truncated, 0);
    for i in 0..4 {
        let v = out.vectors.get(i);
        assert!((cosine(&v, &v) - 1.0).abs() < 1e-4);
    }
    // Batching sorted by length changes nothing: each alone gives the same vector.
    for (i, t) in texts.iter().enumerate() {
        let alone = enc.embed(&[t]).unwrap().vectors.get(0);
        assert!(cosine(&alone, &out.vectors.get(i as i64)) > 0.9999, "{t}");
    }
    // Two paraphrases are closer than an unrelated sentence.
    let para = cosine(&out.vectors.get(0), &out.vectors.get(1));
    let other = cosine(&out.vectors.get(0), &out.vectors.get(2));
    assert!(para > other, "{para} vs {other}");
}

/// The inference path (own forward, fused attention, int8 when asked) against rust-bert's
/// network on the real model, over a padded batch of sentences of different lengths.
#[test]
fn inference_path_matches_rust_bert() {
    let text = std::fs::read_to_string(common::repo().join("tests/fixtures/e5-reference-sentences.txt")).unwrap();
    let texts: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(texts.len() >= 10);
    let f32 = encoder(EncoderOptions { precision: Precision::F32, ..Default::default() });
    let reference = f32.embed_reference(&texts).unwrap();
    let fast = f32.embed(&texts).unwrap().vectors;
    let int8 = encoder(EncoderOptions { precision: Precision::Int8, ..Default::default() }).embed(&texts).unwrap().vectors;
    let mut worst_int8: f64 = 1.0;
    for i in 0..texts.len() as i64 {
        let c = cosine(&fast.get(i), &reference.get(i));
        assert!(c > 0.99999, "f32 sentence {i}: cosine {c}");
        worst_int8 = worst_int8.min(cosine(&int8.get(i), &reference.get(i)));
    }
    // int8 moves vectors a little (0.979 at worst when written; a broken kernel gives
    // noise). What it does to labels is the int8 check of `train`, shown by models list.
    assert!(worst_int8 > 0.97, "int8: worst cosine {worst_int8}");
    eprintln!("int8 worst cosine to f32: {worst_int8:.5}");

    // Smoothed by ranges measured on the same kind of text (here: the texts themselves),
    // int8 comes closer to f32 on average, with every linear layer quantized.
    let mut smoothed = encoder(EncoderOptions { precision: Precision::Int8, ..Default::default() });
    smoothed.set_calibration(Some(f32.calibrate(&texts).unwrap())).unwrap();
    let smoothed = smoothed.embed(&texts).unwrap().vectors;
    let mean = |v: &tch::Tensor| (0..texts.len() as i64).map(|i| cosine(&v.get(i), &reference.get(i))).sum::<f64>() / texts.len() as f64;
    let (plain, smooth) = (mean(&int8), mean(&smoothed));
    eprintln!("int8 mean cosine to f32: plain {plain:.5}, smoothed {smooth:.5}");
    assert!(smooth > plain && smooth > 0.99, "plain {plain}, smoothed {smooth}");
}

#[test]
fn long_inputs_are_cut_and_counted() {
    let enc = encoder(EncoderOptions { max_tokens: 16, ..Default::default() });
    let long = "Hội nghị đã thảo luận nhiều nội dung quan trọng về quốc phòng và an ninh. ".repeat(5);
    let out = enc.embed(&[long.as_str(), "Ngắn."]).unwrap();
    assert_eq!(out.truncated, 1);
    assert_eq!(out.vectors.size(), [2, 384]);
}

#[test]
fn missing_folder_names_the_file_and_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let err = Encoder::load(tmp.path(), EncoderOptions::default()).err().unwrap().to_string();
    assert!(err.contains("config.json") && err.contains("scripts/setup.sh"), "{err}");
}

/// A tiny random model of the given type, written as a Hugging Face folder with the
/// real tokenizer; returns the embeddings the model itself gives for `texts`.
fn tiny_folder(dir: &std::path::Path, model_type: &str, texts: &[&str]) -> tch::Tensor {
    use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
    use rust_bert::roberta::RobertaEmbeddings;
    tch::manual_seed(7);
    let config_json = serde_json::json!({
        "model_type": model_type, "hidden_act": "gelu", "hidden_size": 32, "num_hidden_layers": 2,
        "num_attention_heads": 2, "intermediate_size": 64, "vocab_size": 250037,
        "max_position_embeddings": 130, "type_vocab_size": 1, "attention_probs_dropout_prob": 0.1,
        "hidden_dropout_prob": 0.1, "initializer_range": 0.02, "layer_norm_eps": 1e-5
    });
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("config.json"), config_json.to_string()).unwrap();
    let tokenizer_path = common::repo().join("models").join(ENCODER_DIR).join("tokenizer.json");
    std::fs::copy(&tokenizer_path, dir.join("tokenizer.json")).unwrap();
    let config: BertConfig = serde_json::from_value(config_json).unwrap();
    let vs = tch::nn::VarStore::new(tch::Device::Cpu);
    let tokenizer = tokenizers::Tokenizer::from_file(&tokenizer_path).unwrap();
    let forward = |ids: &tch::Tensor, mask: &tch::Tensor, bert: &dyn Fn(&tch::Tensor, &tch::Tensor) -> tch::Tensor| {
        let h = bert(ids, mask);
        let m = mask.unsqueeze(-1).to_kind(tch::Kind::Float);
        let mean = (h * &m).sum_dim_intlist([1i64].as_slice(), false, tch::Kind::Float)
            / m.sum_dim_intlist([1i64].as_slice(), false, tch::Kind::Float);
        let norm = mean.norm_scalaropt_dim(2, [1i64].as_slice(), true);
        mean / norm
    };
    let embed_one = |text: &str, bert: &dyn Fn(&tch::Tensor, &tch::Tensor) -> tch::Tensor| {
        let enc = tokenizer.encode(format!("query: {text}"), true).unwrap();
        let ids: Vec<i64> = enc.get_ids().iter().map(|&i| i as i64).collect();
        let n = ids.len() as i64;
        let ids = tch::Tensor::from_slice(&ids).view([1, n]);
        let mask = tch::Tensor::ones([1, n], (tch::Kind::Int64, tch::Device::Cpu));
        forward(&ids, &mask, bert).get(0)
    };
    let rows: Vec<tch::Tensor> = if model_type == "bert" {
        let m: BertModel<BertEmbeddings> = BertModel::new_with_optional_pooler(vs.root(), &config, false);
        let run = |i: &tch::Tensor, k: &tch::Tensor| m.forward_t(Some(i), Some(k), None, None, None, None, None, false).unwrap().hidden_state;
        // BertFor… checkpoints carry a "bert." prefix: written so, to test that path.
        vnbrief::models::write_safetensors(&dir.join("model.safetensors"), &vs.variables(), "bert.").unwrap();
        tch::no_grad(|| texts.iter().map(|t| embed_one(t, &run)).collect())
    } else {
        let m: BertModel<RobertaEmbeddings> = BertModel::new_with_optional_pooler(vs.root() / "roberta", &config, false);
        let run = |i: &tch::Tensor, k: &tch::Tensor| m.forward_t(Some(i), Some(k), None, None, None, None, None, false).unwrap().hidden_state;
        // tch's own format, names "roberta.…".
        vs.save(dir.join("rust_model.ot")).unwrap();
        tch::no_grad(|| texts.iter().map(|t| embed_one(t, &run)).collect())
    };
    tch::Tensor::stack(&rows, 0)
}

#[test]
fn any_bert_or_xlm_roberta_folder_loads_through_the_same_path() {
    let texts = ["Đồng chí Nguyễn Văn An chủ trì hội nghị.", "Toàn tỉnh hoàn thành 100% chỉ tiêu giao quân năm 2024."];
    for model_type in ["bert", "xlm-roberta"] {
        let tmp = tempfile::tempdir().unwrap();
        let expected = tiny_folder(tmp.path(), model_type, &texts);
        for (precision, min) in [(Precision::F32, 0.99999), (Precision::Int8, 0.99)] {
            let options = EncoderOptions { precision, ..Default::default() };
            let enc = Encoder::load(tmp.path(), options).unwrap_or_else(|e| panic!("{model_type}: {e}"));
            let got = enc.embed(&texts).unwrap().vectors;
            assert_eq!(got.size(), [2, 32]);
            for i in 0..2 {
                let c = cosine(&got.get(i), &expected.get(i));
                assert!(c > min, "{model_type} {precision:?} sentence {i}: cosine {c}");
            }
        }
    }
    // An unsupported architecture is named.
    let tmp = tempfile::tempdir().unwrap();
    let _ = tiny_folder(tmp.path(), "bert", &texts);
    let config = std::fs::read_to_string(tmp.path().join("config.json")).unwrap().replace("\"bert\"", "\"gpt2\"");
    std::fs::write(tmp.path().join("config.json"), config).unwrap();
    let err = Encoder::load(tmp.path(), EncoderOptions::default()).err().unwrap().to_string();
    assert!(err.contains("gpt2"), "{err}");
}

/// Every sentence of the labeled data (`data/labeled/**/*.jsonl`).
fn all_labeled_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for file in common::files_under(&common::repo().join("data/labeled")) {
        if file.ends_with(".jsonl") {
            labeled_texts(&common::repo().join("data/labeled").join(&file), &mut texts);
        }
    }
    texts
}

/// Every "text" string in a labeled-samples JSON Lines file.
fn labeled_texts(path: &std::path::Path, out: &mut Vec<String>) {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    match (k.as_str(), v) {
                        ("text", serde_json::Value::String(s)) => out.push(s.clone()),
                        _ => walk(v, out),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    for line in std::fs::read_to_string(path).unwrap().lines().filter(|l| !l.trim().is_empty()) {
        walk(&serde_json::from_str(line).unwrap(), out);
    }
}

/// Text built to stress the tokenizer: the added tokens written inline, runs of spaces,
/// tabs and line breaks, characters no piece covers next to each other, combining
/// marks, full-width forms, emoji, CJK, control and zero-width characters.
fn adversarial_texts(n: usize) -> Vec<String> {
    let pools: &[&[&str]] = &[
        &["<s>", "</s>", "<mask>", "<pad>", "<unk>", "<s", "mask>", "▁", "▁▁"],
        &[" ", "  ", "   ", "\t", "\n", "\r\n", "\u{3000}", "\u{a0}", "\u{200b}", "\u{feff}"],
        &["Đồng", "chí", "Tỉnh uỷ", "thuỷ", "hoà", "1.170", "100%", "TP.", "…", "“", "”", "–"],
        &["a\u{301}", "o\u{302}\u{323}", "\u{301}", "ＡＢＣ", "１２３", "ﬁ", "Ⅻ", "㎞", "ǅ", "ß"],
        &["🇻🇳", "👍🏽", "😀", "🏳️‍🌈", "𝔸", "𠀀", "中国", "한국어", "ไทย", "עברית", "العربية"],
        &["\u{0}", "\u{1}", "\u{7f}", "\u{85}", "\u{2028}", "\u{e000}", "\u{fffd}", "\u{10ffff}", "\u{1d400}"],
    ];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    (0..n)
        .map(|_| {
            let len = 1 + next(24);
            (0..len)
                .map(|_| {
                    let pool = pools[next(pools.len())];
                    pool[next(pool.len())]
                })
                .collect()
        })
        .collect()
}

#[test]
fn compact_tokenizer_gives_the_ids_tokenizers_gives() {
    let path = common::repo().join("models").join(ENCODER_DIR).join("tokenizer.json");
    let compact = vnbrief::classify::tokenizer::SentenceTokenizer::from_file(&path).unwrap();
    assert!(matches!(compact, vnbrief::classify::tokenizer::SentenceTokenizer::Compact(_)));
    let full = tokenizers::Tokenizer::from_file(&path).unwrap();
    let mut texts = all_labeled_texts();
    assert!(texts.len() > 2000, "{} labeled sentences", texts.len());
    texts.extend(adversarial_texts(5000));
    texts.push(String::new());
    texts.push("x".repeat(3000));
    for text in &texts {
        let text = format!("query: {text}");
        let want = full.encode(text.as_str(), true).unwrap().get_ids().to_vec();
        assert_eq!(compact.ids(&text).unwrap(), want, "{text:?}");
    }
    assert_eq!(compact.pad_id(), 1);
}

#[test]
fn other_tokenizer_kinds_load_through_tokenizers_whole() {
    // A small WordPiece tokenizer, as a BERT folder has.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tokenizer.json");
    let json = serde_json::json!({
        "version": "1.0", "truncation": null, "padding": null,
        "added_tokens": [
            {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 2, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 3, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
        ],
        "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": false, "lowercase": true},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {"type": "BertProcessing", "sep": ["[SEP]", 3], "cls": ["[CLS]", 2]},
        "decoder": null,
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
                  "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "hội": 4, "nghị": 5, "##ị": 6, "ngh": 7}}
    });
    std::fs::write(&path, json.to_string()).unwrap();
    let tok = vnbrief::classify::tokenizer::SentenceTokenizer::from_file(&path).unwrap();
    assert!(matches!(tok, vnbrief::classify::tokenizer::SentenceTokenizer::Full(_)));
    assert_eq!(tok.ids("Hội nghị xyz").unwrap(), [2, 4, 5, 1, 3]);
    assert_eq!(tok.pad_id(), 0);
    std::fs::write(&path, "{\"model\": 3}").unwrap();
    let err = vnbrief::classify::tokenizer::SentenceTokenizer::from_file(&path).err().unwrap().to_string();
    assert!(err.contains("tokenizer.json") && err.contains("cannot load tokenizer"), "{err}");
}

#[test]
fn an_encoder_for_labelling_only_gives_the_same_vectors_and_refuses_what_needs_f32() {
    let texts = ["Đồng chí Nguyễn Văn An chủ trì hội nghị.", "Toàn tỉnh hoàn thành 100% chỉ tiêu giao quân."];
    let mut enc = encoder(EncoderOptions { precision: Precision::Int8, ..EncoderOptions::default() });
    let before = enc.embed(&texts).unwrap().vectors;
    enc.release_reference();
    let after = enc.embed(&texts).unwrap().vectors;
    assert!(before.equal(&after), "embeddings changed when the f32 weights were freed");
    for err in [
        enc.set_precision(Precision::F32).err(),
        enc.calibrate(&texts).err(),
        enc.embed_reference(&texts).err(),
        enc.top_layer_variables(2).err(),
    ] {
        let err = err.expect("an encoder without its f32 weights must refuse").to_string();
        assert!(err.contains("inference only"), "{err}");
    }
}

#[test]
fn long_sentences_cut_before_tokenizing_keep_exactly_the_tokens_kept() {
    let max = 16;
    let enc = encoder(EncoderOptions { max_tokens: max, ..Default::default() });
    let path = common::repo().join("models").join(ENCODER_DIR).join("tokenizer.json");
    let full = tokenizers::Tokenizer::from_file(&path).unwrap();
    // Long texts: labeled sentences run together, and adversarial strings (spaces after
    // combining marks, runs of spaces, tabs, line breaks, added tokens) joined by spaces.
    let texts = all_labeled_texts();
    let mut long: Vec<String> = texts.chunks(3).map(|c| c.join(" ")).collect();
    long.extend(adversarial_texts(4000).chunks(8).map(|c| c.join(" ")));
    long.push(" ".repeat(50) + &"a ".repeat(40));
    long.push("x".repeat(5000));
    let words = |t: &str| t.split(' ').filter(|w| !w.is_empty()).count();
    let cut_before_tokenizing = long.iter().filter(|t| words(t) > 2 * max).count();
    assert!(cut_before_tokenizing > 300, "only {cut_before_tokenizing} texts have words past the cut");
    let mut cut = 0;
    for text in &long {
        let mut want: Vec<i64> = full.encode(format!("query: {text}"), true).unwrap().get_ids().iter().map(|&i| i as i64).collect();
        let over = want.len() > max;
        if over {
            let last = want[want.len() - 1];
            want.truncate(max - 1);
            want.push(last);
            cut += 1;
        }
        let (got, truncated) = enc.token_ids(&[text.as_str()]).unwrap();
        assert_eq!(got[0], want, "{text:?}");
        assert_eq!(truncated, usize::from(over), "{text:?}");
    }
    assert!(cut > 500, "only {cut} texts were long enough to cut");
}
