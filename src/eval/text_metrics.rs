//! ROUGE for summaries and chrF for translations, written to match the reference
//! implementations (Google's `rouge-score`, `sacrebleu`'s chrF) value for value; the
//! tests hold them to numbers those packages print.

use std::collections::HashMap;

use serde::Serialize;

/// Mean ROUGE F-measures over documents, in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rouge {
    pub rouge1: f64,
    pub rouge2: f64,
    #[serde(rename = "rougeL")]
    pub rouge_l: f64,
}

/// `rouge-score`'s default tokenizer: lower case, every run of characters other than
/// a–z and 0–9 is a separator (no stemming).
fn rouge_tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

fn ngrams(tokens: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut m = HashMap::new();
    if tokens.len() >= n {
        for w in tokens.windows(n) {
            *m.entry(w).or_insert(0) += 1;
        }
    }
    m
}

fn f_measure(overlap: usize, predicted: usize, reference: usize) -> f64 {
    if predicted == 0 || reference == 0 {
        return 0.0;
    }
    let p = overlap as f64 / predicted as f64;
    let r = overlap as f64 / reference as f64;
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn rouge_n(pred: &[String], gold: &[String], n: usize) -> f64 {
    let (p, g) = (ngrams(pred, n), ngrams(gold, n));
    let overlap: usize = p.iter().map(|(k, c)| (*c).min(*g.get(k).unwrap_or(&0))).sum();
    f_measure(overlap, p.values().sum(), g.values().sum())
}

fn lcs(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut prev = 0;
        for (j, y) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if x == y { prev + 1 } else { row[j + 1].max(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}

/// ROUGE-1, ROUGE-2 and ROUGE-L F-measures of one summary against one reference.
pub fn rouge(prediction: &str, reference: &str) -> Rouge {
    let (p, g) = (rouge_tokens(prediction), rouge_tokens(reference));
    Rouge { rouge1: rouge_n(&p, &g, 1), rouge2: rouge_n(&p, &g, 2), rouge_l: f_measure(lcs(&p, &g), p.len(), g.len()) }
}

/// The mean over (prediction, reference) pairs; `None` for no pairs.
pub fn mean_rouge(pairs: &[(String, String)]) -> Option<Rouge> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let scores: Vec<Rouge> = pairs.iter().map(|(p, g)| rouge(p, g)).collect();
    Some(Rouge {
        rouge1: scores.iter().map(|s| s.rouge1).sum::<f64>() / n,
        rouge2: scores.iter().map(|s| s.rouge2).sum::<f64>() / n,
        rouge_l: scores.iter().map(|s| s.rouge_l).sum::<f64>() / n,
    })
}

fn char_ngrams(v: &[char], n: usize) -> HashMap<&[char], usize> {
    let mut m = HashMap::new();
    if v.len() >= n {
        for w in v.windows(n) {
            *m.entry(w).or_insert(0) += 1;
        }
    }
    m
}

/// Corpus chrF (sacrebleu's defaults: character n-grams up to 6, β = 2, whitespace
/// ignored), on sacrebleu's 0–100 scale.
pub fn chrf(pairs: &[(String, String)]) -> Option<f64> {
    const ORDER: usize = 6;
    const BETA: f64 = 2.0;
    if pairs.is_empty() {
        return None;
    }
    // Per order: hypothesis n-grams, reference n-grams, matches; summed over sentences.
    let mut stats = [[0usize; 3]; ORDER];
    for (hyp, reference) in pairs {
        let h: Vec<char> = hyp.chars().filter(|c| !c.is_whitespace()).collect();
        let r: Vec<char> = reference.chars().filter(|c| !c.is_whitespace()).collect();
        for (n, s) in (1..=ORDER).zip(stats.iter_mut()) {
            let (hc, rc) = (char_ngrams(&h, n), char_ngrams(&r, n));
            s[0] += hc.values().sum::<usize>();
            s[1] += rc.values().sum::<usize>();
            s[2] += hc.iter().map(|(k, c)| (*c).min(*rc.get(k).unwrap_or(&0))).sum::<usize>();
        }
    }
    // sacrebleu: precision and recall averaged over the orders both sides have, then F.
    let (mut prec, mut rec, mut effective) = (0.0, 0.0, 0usize);
    for [hyp, reference, matched] in stats {
        if hyp > 0 && reference > 0 {
            prec += matched as f64 / hyp as f64;
            rec += matched as f64 / reference as f64;
            effective += 1;
        }
    }
    if effective == 0 {
        return Some(0.0);
    }
    prec /= effective as f64;
    rec /= effective as f64;
    let factor = BETA * BETA;
    Some(if prec + rec > 0.0 { 100.0 * (1.0 + factor) * prec * rec / (factor * prec + rec) } else { 0.0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values printed by rouge-score 0.1.2 (`RougeScorer(['rouge1','rouge2','rougeL'])`,
    /// `score(reference, prediction).fmeasure`) and sacrebleu 2.4.3 (`corpus_chrf`).
    #[test]
    fn rouge_matches_rouge_score() {
        let cases = [
            ("the cat sat on the mat", "the cat was sitting on the mat", [0.7692307692, 0.5454545455, 0.7692307692]),
            (
                "Police seized 12 kg of drugs in Son La.",
                "In Son La province, police seized 12 kilograms of drugs.",
                [0.8421052632, 0.5882352941, 0.5263157895],
            ),
            (
                "Comrade Nguyễn Văn Hùng chaired the meeting.",
                "Nguyễn Văn Hùng chaired the conference.",
                [0.8421052632, 0.8235294118, 0.8421052632],
            ),
        ];
        for (pred, gold, [r1, r2, rl]) in cases {
            let r = rouge(pred, gold);
            assert!((r.rouge1 - r1).abs() < 1e-9, "{pred}: rouge1 {}", r.rouge1);
            assert!((r.rouge2 - r2).abs() < 1e-9, "{pred}: rouge2 {}", r.rouge2);
            assert!((r.rouge_l - rl).abs() < 1e-9, "{pred}: rougeL {}", r.rouge_l);
        }
        assert_eq!(rouge("same words", "same words"), Rouge { rouge1: 1.0, rouge2: 1.0, rouge_l: 1.0 });
        assert_eq!(mean_rouge(&[]), None);
    }

    #[test]
    fn chrf_matches_sacrebleu() {
        let pairs = |h: &[&str], r: &[&str]| -> Vec<(String, String)> {
            h.iter().zip(r).map(|(a, b)| (a.to_string(), b.to_string())).collect()
        };
        let two = pairs(
            &["The province recruited 1,170 young people.", "Police seized 12 kg of drugs."],
            &["The province sent 1,170 young men to the army.", "The police seized 12 kilograms of drugs."],
        );
        assert!((chrf(&two).unwrap() - 52.42069673063617).abs() < 1e-9);
        let one = pairs(&["the cat sat on the mat"], &["the cat was sitting on the mat"]);
        assert!((chrf(&one).unwrap() - 45.861136065837776).abs() < 1e-9);
        assert_eq!(chrf(&pairs(&["a"], &["b"])), Some(0.0));
        // Whitespace is ignored; orders only one side has do not count.
        assert!((chrf(&pairs(&["ab cd"], &["abc"])).unwrap() - 89.84375).abs() < 1e-9);
        assert_eq!(chrf(&pairs(&["x"], &["the long reference"])), Some(0.0));
        assert_eq!(chrf(&[]), None);
    }
}
