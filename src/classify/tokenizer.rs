//! The encoder's tokenizer: the `tokenizers` crate's pipeline, with a compact
//! SentencePiece-unigram model in place of its own.
//!
//! Why: `tokenizers` keeps a unigram vocabulary in a trie with a hash map per node. For
//! XLM-R's 250,002 pieces that is about 290 MiB, more than the encoder's weights and a
//! third of the run's memory budget. [`CompactUnigram`] keeps the pieces in one string,
//! their scores in one array and their ids in one open hash table (about 10 MiB), and
//! runs the same Viterbi search over the same candidates in the same order, so ids are
//! identical (tested against `tokenizers` itself on the labeled sentences and on
//! adversarial text). Everything around the model (added tokens, the normaliser, the
//! pre-tokenizer, the template) is still `tokenizers`' own code, read from the same
//! `tokenizer.json`. Other model kinds (WordPiece, BPE) load through `tokenizers` whole.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};

use hashbrown::HashTable;
use serde::Deserialize;
use tokenizers::{
    AddedToken, DecoderWrapper, Model, NormalizerWrapper, PostProcessorWrapper,
    PreTokenizerWrapper, Token, Tokenizer, TokenizerImpl, Trainer,
};

use crate::error::{Error, IoContext, Result};

/// A unigram tokenizer in the compact form, or any other kind as `tokenizers` loads it.
pub enum SentenceTokenizer {
    Compact(
        Box<
            TokenizerImpl<
                CompactUnigram,
                NormalizerWrapper,
                PreTokenizerWrapper,
                PostProcessorWrapper,
                DecoderWrapper,
            >,
        >,
    ),
    Full(Box<Tokenizer>),
}

impl SentenceTokenizer {
    /// Reads a `tokenizer.json`.
    pub fn from_file(path: &Path) -> Result<SentenceTokenizer> {
        let bytes = std::fs::read(path).at(path)?;
        let bad =
            |e: &dyn std::fmt::Display| Error::model(path, format!("cannot load tokenizer: {e}"));
        // A first pass reads only the model's kind (serde skips the rest without building it).
        #[derive(Deserialize)]
        struct Probe {
            model: ProbeModel,
        }
        #[derive(Deserialize)]
        struct ProbeModel {
            #[serde(rename = "type")]
            kind: Option<String>,
        }
        let probe: Probe = serde_json::from_slice(&bytes).map_err(|e| bad(&e))?;
        if probe.model.kind.as_deref() == Some("Unigram") {
            let tokenizer = serde_json::from_slice(&bytes).map_err(|e| bad(&e))?;
            Ok(SentenceTokenizer::Compact(Box::new(tokenizer)))
        } else {
            let tokenizer = Tokenizer::from_bytes(&bytes).map_err(|e| bad(&e))?;
            Ok(SentenceTokenizer::Full(Box::new(tokenizer)))
        }
    }

    /// Token ids of `text`, special tokens added as the file's template says.
    pub fn ids(&self, text: &str) -> tokenizers::Result<Vec<u32>> {
        let encoding = match self {
            SentenceTokenizer::Compact(t) => t.encode(text, true)?,
            SentenceTokenizer::Full(t) => t.encode(text, true)?,
        };
        Ok(encoding.get_ids().to_vec())
    }

    /// The padding id: the file's padding setting, else `<pad>` or `[PAD]`, else 0.
    pub fn pad_id(&self) -> u32 {
        let padding = match self {
            SentenceTokenizer::Compact(t) => t.get_padding(),
            SentenceTokenizer::Full(t) => t.get_padding(),
        };
        padding
            .map(|p| p.pad_id)
            .or_else(|| self.token_to_id("<pad>"))
            .or_else(|| self.token_to_id("[PAD]"))
            .unwrap_or(0)
    }

    pub fn token_to_id(&self, token: &str) -> Option<u32> {
        match self {
            SentenceTokenizer::Compact(t) => t.token_to_id(token),
            SentenceTokenizer::Full(t) => t.token_to_id(token),
        }
    }
}

/// `tokenizers`' SentencePiece-unigram model (`models::unigram::Unigram`), stored compactly.
#[derive(Deserialize)]
#[serde(try_from = "UnigramSpec")]
pub struct CompactUnigram {
    /// Every piece, concatenated in id order.
    pieces: String,
    /// End of piece `i` in `pieces` (it starts where piece `i - 1` ends).
    ends: Vec<u32>,
    scores: Vec<f64>,
    /// Piece ids, found by their text's hash. For a piece listed twice, the later id
    /// (as `tokenizers` maps it).
    ids: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
    unk_id: Option<u32>,
    /// Score of an unknown character: the lowest piece score minus 10, as in SentencePiece.
    unk_score: f64,
    /// The longest piece, in bytes: no candidate is longer.
    longest: usize,
    byte_fallback: bool,
}

/// The `model` object of a unigram `tokenizer.json`.
#[derive(Deserialize)]
struct UnigramSpec {
    unk_id: Option<usize>,
    vocab: Vec<(String, f64)>,
    #[serde(default)]
    byte_fallback: bool,
}

impl TryFrom<UnigramSpec> for CompactUnigram {
    type Error = String;

    fn try_from(spec: UnigramSpec) -> std::result::Result<Self, String> {
        if spec.vocab.is_empty() {
            return Err("the unigram vocabulary is empty".into());
        }
        let n = spec.vocab.len();
        if u32::try_from(n).is_err() {
            return Err(format!("{n} pieces is more than a u32 id can number"));
        }
        let unk_id = match spec.unk_id {
            Some(id) if id >= n => {
                return Err(format!("unk_id {id} is outside the vocabulary of {n}"))
            }
            Some(id) => Some(id as u32),
            None => None,
        };
        let mut model = CompactUnigram {
            pieces: String::with_capacity(spec.vocab.iter().map(|(p, _)| p.len()).sum()),
            ends: Vec::with_capacity(n),
            scores: Vec::with_capacity(n),
            ids: HashTable::with_capacity(n),
            hasher: foldhash::fast::RandomState::default(),
            unk_id,
            unk_score: 0.0,
            longest: 0,
            byte_fallback: spec.byte_fallback,
        };
        let mut min_score = f64::INFINITY;
        for (id, (piece, score)) in spec.vocab.into_iter().enumerate() {
            model.pieces.push_str(&piece);
            let end = u32::try_from(model.pieces.len())
                .map_err(|_| "the pieces exceed 4 GiB".to_string())?;
            model.ends.push(end);
            model.scores.push(score);
            min_score = min_score.min(score);
            model.longest = model.longest.max(piece.len());
            let hash = model.hasher.hash_one(piece.as_str());
            let (pieces, ends) = (&model.pieces, &model.ends);
            let text = |i: &u32| piece_of(pieces, ends, *i);
            match model.ids.find_mut(hash, |i| text(i) == piece) {
                Some(slot) => *slot = id as u32,
                None => {
                    model
                        .ids
                        .insert_unique(hash, id as u32, |i| model.hasher.hash_one(text(i)));
                }
            }
        }
        model.unk_score = min_score - 10.0;
        Ok(model)
    }
}

fn piece_of<'a>(pieces: &'a str, ends: &[u32], id: u32) -> &'a str {
    let i = id as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &pieces[start..ends[i] as usize]
}

/// The best path's node ending at a position of the text.
#[derive(Clone, Copy)]
struct Node {
    score: f64,
    /// Where the node's piece starts; `usize::MAX` while no path reaches here.
    start: usize,
    id: u32,
}

impl CompactUnigram {
    fn piece(&self, id: u32) -> &str {
        piece_of(&self.pieces, &self.ends, id)
    }

    fn lookup(&self, text: &str) -> Option<u32> {
        self.ids
            .find(self.hasher.hash_one(text), |&i| self.piece(i) == text)
            .copied()
    }

    /// The most probable segmentation of `text` as (start, end, id), runs of unknown
    /// characters fused into one. The same search as `tokenizers`' `encode_optimized`:
    /// candidates from each character in turn, shorter before longer, the first of
    /// equal scores kept.
    fn segment(&self, text: &str) -> tokenizers::Result<Vec<(usize, usize, u32)>> {
        let size = text.len();
        let mut best = vec![
            Node {
                score: 0.0,
                start: usize::MAX,
                id: 0
            };
            size + 1
        ];
        let relax = |best: &mut [Node], end: usize, score: f64, start: usize, id: u32| {
            let node = &mut best[end];
            if node.start == usize::MAX || score > node.score {
                *node = Node { score, start, id };
            }
        };
        let mut start = 0;
        while start < size {
            let here = best[start].score;
            let rest = &text[start..];
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let mut single = false;
            for (offset, c) in rest.char_indices() {
                let len = offset + c.len_utf8();
                if len > self.longest {
                    break;
                }
                if let Some(id) = self.lookup(&rest[..len]) {
                    relax(
                        &mut best,
                        start + len,
                        here + self.scores[id as usize],
                        start,
                        id,
                    );
                    single |= len == first;
                }
            }
            if !single {
                let unk = self
                    .unk_id
                    .ok_or("an unknown character, and the model has no unk_id")?;
                relax(&mut best, start + first, here + self.unk_score, start, unk);
            }
            start += first;
        }
        let mut path = Vec::new();
        let mut end = size;
        while end > 0 {
            let node = best[end];
            path.push((node.start, end, node.id));
            end = node.start;
        }
        path.reverse();
        // Unknown characters next to each other become one token.
        let mut fused: Vec<(usize, usize, u32)> = Vec::with_capacity(path.len());
        for (start, end, id) in path {
            match fused.last_mut() {
                Some(last) if Some(id) == self.unk_id && Some(last.2) == self.unk_id => {
                    last.1 = end
                }
                _ => fused.push((start, end, id)),
            }
        }
        Ok(fused)
    }
}

impl Model for CompactUnigram {
    type Trainer = ReadOnly;

    fn tokenize(&self, sequence: &str) -> tokenizers::Result<Vec<Token>> {
        let mut tokens = Vec::new();
        for (start, end, id) in self.segment(sequence)? {
            let value = &sequence[start..end];
            // A fused run of unknown characters may spell a piece after all (tokenizers
            // looks every token's text up again).
            let id = if Some(id) == self.unk_id {
                self.lookup(value)
            } else {
                Some(id)
            };
            match id {
                Some(id) => tokens.push(Token::new(id, value.to_string(), (start, end))),
                None => self.unknown(value, start, &mut tokens)?,
            }
        }
        Ok(tokens)
    }

    fn token_to_id(&self, token: &str) -> Option<u32> {
        self.lookup(token)
    }

    fn id_to_token(&self, id: u32) -> Option<String> {
        ((id as usize) < self.ends.len()).then(|| self.piece(id).to_string())
    }

    fn get_vocab(&self) -> HashMap<String, u32> {
        self.ids
            .iter()
            .map(|&id| (self.piece(id).to_string(), id))
            .collect()
    }

    fn get_vocab_size(&self) -> usize {
        self.ends.len()
    }

    fn save(&self, _folder: &Path, _prefix: Option<&str>) -> tokenizers::Result<Vec<PathBuf>> {
        Err(
            "vnbrief's compact unigram model is read-only; save the tokenizer.json it came from"
                .into(),
        )
    }

    fn get_trainer(&self) -> ReadOnly {
        ReadOnly
    }
}

impl CompactUnigram {
    /// Text no piece covers: its bytes as `<0xNN>` pieces when the model has them all
    /// and asks for that, else the unknown token.
    fn unknown(
        &self,
        value: &str,
        start: usize,
        tokens: &mut Vec<Token>,
    ) -> tokenizers::Result<()> {
        let offsets = (start, start + value.len());
        if self.byte_fallback {
            let bytes: Option<Vec<Token>> = value
                .bytes()
                .map(|b| {
                    let name = format!("<0x{b:02X}>");
                    self.lookup(&name).map(|id| Token::new(id, name, offsets))
                })
                .collect();
            if let Some(bytes) = bytes {
                tokens.extend(bytes);
                return Ok(());
            }
        }
        let unk = self
            .unk_id
            .ok_or("an unknown token, and the model has no unk_id")?;
        tokens.push(Token::new(unk, value.to_string(), offsets));
        Ok(())
    }
}

/// The compact model is for inference; training goes through `tokenizers`' own.
pub struct ReadOnly;

impl Trainer for ReadOnly {
    type Model = CompactUnigram;

    fn should_show_progress(&self) -> bool {
        false
    }

    fn train(&self, _model: &mut CompactUnigram) -> tokenizers::Result<Vec<AddedToken>> {
        Err("vnbrief's compact unigram model cannot be trained".into())
    }

    fn feed<I, S, F>(&mut self, _iterator: I, _process: F) -> tokenizers::Result<()>
    where
        I: Iterator<Item = S> + Send,
        S: AsRef<str> + Send,
        F: Fn(&str) -> tokenizers::Result<Vec<String>> + Sync,
    {
        Err("vnbrief's compact unigram model cannot be trained".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(vocab: &[(&str, f64)], unk: Option<usize>, byte_fallback: bool) -> CompactUnigram {
        let vocab = vocab.iter().map(|(p, s)| (p.to_string(), *s)).collect();
        CompactUnigram::try_from(UnigramSpec {
            unk_id: unk,
            vocab,
            byte_fallback,
        })
        .unwrap()
    }

    fn values(m: &CompactUnigram, text: &str) -> Vec<String> {
        m.tokenize(text)
            .unwrap()
            .into_iter()
            .map(|t| t.value)
            .collect()
    }

    #[test]
    fn viterbi_picks_the_best_pieces_and_fuses_unknowns() {
        // The example of tokenizers' own documentation.
        let m = model(
            &[
                ("<unk>", 0.0),
                ("a", 0.0),
                ("b", 0.0),
                ("c", 0.0),
                ("d", 0.0),
                ("cd", 1.0),
                ("ab", 2.0),
                ("abc", 5.0),
                ("abcd", 10.0),
            ],
            Some(0),
            false,
        );
        assert_eq!(values(&m, "abcdacdxx"), ["abcd", "a", "cd", "xx"]);
        let ids: Vec<u32> = m
            .tokenize("abcdacdxx")
            .unwrap()
            .iter()
            .map(|t| t.id)
            .collect();
        assert_eq!(ids, [8, 1, 5, 0]);
        assert!(m.tokenize("").unwrap().is_empty());
    }

    #[test]
    fn duplicates_map_to_the_later_id_and_bytes_fall_back() {
        let m = model(
            &[
                ("<unk>", 0.0),
                ("a", -1.0),
                ("a", -2.0),
                ("<0xC3>", 0.0),
                ("<0xA9>", 0.0),
            ],
            Some(0),
            true,
        );
        assert_eq!(m.token_to_id("a"), Some(2));
        let toks = m.tokenize("aé").unwrap();
        let got: Vec<(u32, &str)> = toks.iter().map(|t| (t.id, t.value.as_str())).collect();
        assert_eq!(got, [(2, "a"), (3, "<0xC3>"), (4, "<0xA9>")]);
        assert_eq!(m.id_to_token(4).as_deref(), Some("<0xA9>"));
        assert_eq!(m.id_to_token(5), None);
    }

    #[test]
    fn no_unk_id_is_an_error_not_a_panic() {
        let m = model(&[("a", 0.0)], None, false);
        assert!(m.tokenize("ab").is_err());
        assert!(CompactUnigram::try_from(UnigramSpec {
            unk_id: Some(3),
            vocab: vec![("a".into(), 0.0)],
            byte_fallback: false
        })
        .is_err());
    }
}
