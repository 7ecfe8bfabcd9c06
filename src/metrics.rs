//! Precision, recall and F1 over matched items.

use serde::Serialize;

use crate::document::Label;

/// Raw match counts, summed over documents (micro-averaging).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub predicted: usize,
    pub gold: usize,
    pub correct: usize,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.predicted += other.predicted;
        self.gold += other.gold;
        self.correct += other.correct;
    }

    pub fn prf(self) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(self.correct, self.predicted);
        let recall = ratio(self.correct, self.gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
            correct: self.correct,
            predicted: self.predicted,
            gold: self.gold,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_from_counts() {
        let m = Counts { predicted: 4, gold: 5, correct: 3 }.prf();
        assert!((m.precision - 0.75).abs() < 1e-12);
        assert!((m.recall - 0.6).abs() < 1e-12);
        assert!((m.f1 - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
    }

    #[test]
    fn empty_counts_give_zero_not_nan() {
        let m = Counts::default().prf();
        assert_eq!((m.precision, m.recall, m.f1), (0.0, 0.0, 0.0));
    }
}

/// Classification quality over gold/predicted label pairs.
#[derive(Debug, Clone, Serialize)]
pub struct ClassificationMetrics {
    pub accuracy: f64,
    pub macro_f1: f64,
    pub per_label: std::collections::BTreeMap<String, LabelMetrics>,
    /// confusion[gold][predicted] = count.
    pub confusion: std::collections::BTreeMap<String, std::collections::BTreeMap<String, usize>>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct LabelMetrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

impl ClassificationMetrics {
    /// Metrics over `(gold, predicted)` pairs. Macro-F1 averages the labels present in
    /// the gold or the predictions.
    pub fn from_pairs(pairs: &[(Label, Label)]) -> Self {
        use std::collections::BTreeMap;
        let mut confusion: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for gold in Label::ALL {
            let row = confusion.entry(gold.as_str().to_string()).or_default();
            for pred in Label::ALL {
                row.insert(pred.as_str().to_string(), 0);
            }
        }
        for (gold, pred) in pairs {
            *confusion
                .get_mut(gold.as_str())
                .and_then(|row| row.get_mut(pred.as_str()))
                .expect("every label has a row and column") += 1;
        }
        let mut per_label = BTreeMap::new();
        let mut f1s = Vec::new();
        for label in Label::ALL {
            let counts = Counts {
                predicted: pairs.iter().filter(|(_, p)| *p == label).count(),
                gold: pairs.iter().filter(|(g, _)| *g == label).count(),
                correct: pairs.iter().filter(|(g, p)| *g == label && *p == label).count(),
            };
            let m = counts.prf();
            if counts.gold + counts.predicted > 0 {
                f1s.push(m.f1);
            }
            per_label.insert(
                label.as_str().to_string(),
                LabelMetrics { precision: m.precision, recall: m.recall, f1: m.f1, support: counts.gold },
            );
        }
        let correct = pairs.iter().filter(|(g, p)| g == p).count();
        ClassificationMetrics {
            accuracy: if pairs.is_empty() { 0.0 } else { correct as f64 / pairs.len() as f64 },
            macro_f1: if f1s.is_empty() { 0.0 } else { f1s.iter().sum::<f64>() / f1s.len() as f64 },
            per_label,
            confusion,
        }
    }
}

#[cfg(test)]
mod classification_tests {
    use super::*;
    use Label::*;

    #[test]
    fn metrics_from_pairs() {
        let pairs = [
            (Attendance, Attendance),
            (Achievement, Achievement),
            (Achievement, Directive),
            (Directive, Directive),
            (Other, Achievement),
        ];
        let m = ClassificationMetrics::from_pairs(&pairs);
        assert!((m.accuracy - 0.6).abs() < 1e-12);
        assert_eq!(m.confusion["achievement"]["directive"], 1);
        assert_eq!(m.confusion["other"]["achievement"], 1);
        let ach = m.per_label["achievement"];
        assert_eq!(ach.support, 2);
        assert!((ach.precision - 0.5).abs() < 1e-12 && (ach.recall - 0.5).abs() < 1e-12);
        // attendance 1, achievement 0.5, directive 2/3, other 0.
        let expected = (1.0 + 0.5 + 2.0 / 3.0 + 0.0) / 4.0;
        assert!((m.macro_f1 - expected).abs() < 1e-12, "{}", m.macro_f1);
    }
}
