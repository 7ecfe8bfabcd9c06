//! The installed multilingual-e5-small encoder (scripts/setup.sh converts it).

mod common;

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
