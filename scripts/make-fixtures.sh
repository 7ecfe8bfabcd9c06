#!/usr/bin/env bash
# Builds the fixture models under tests/fixtures/models/ from data the project wrote:
#   translator/  a tiny Marian vi→en (SentencePiece vocabularies trained here), trained
#                with rust-bert's own model code until it reproduces every pair of
#                data/parallel/*.jsonl and of the reports in data/summaries/docs.jsonl;
#   summarizer/  a tiny BART (byte-level BPE trained here) that reproduces the summary
#                of every report in data/summaries/docs.jsonl from its English sentences.
# Each is a Hugging Face folder, loaded by the tests through the code users run.
#
#   scripts/make-fixtures.sh [OUT_DIR]     (default tests/fixtures/models; ~10 min on 2 cores)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/tests/fixtures/models}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# SentencePiece's trainer is the reference one, from PyPI (pinned).
if ! python3 -c 'import sentencepiece' 2>/dev/null; then
    python3 -m pip install --quiet --user 'sentencepiece==0.2.0' \
        || python3 -m pip install --quiet 'sentencepiece==0.2.0'
fi

python3 - "$root/data" "$work" <<'PY'
import glob, json, os, sys
import sentencepiece as spm

data, work = sys.argv[1], sys.argv[2]
pairs = {}
for path in sorted(glob.glob(os.path.join(data, "parallel", "*.jsonl"))):
    for line in open(path, encoding="utf-8"):
        if line.strip():
            p = json.loads(line)
            pairs.setdefault(p["vi"], p["en"])
# A report's own sentence translations win over the parallel files.
for line in open(os.path.join(data, "summaries", "docs.jsonl"), encoding="utf-8"):
    if line.strip():
        for s in json.loads(line)["sentences"]:
            pairs[s["vi"]] = s["en"]
with open(os.path.join(work, "vi.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(pairs.keys()) + "\n")
with open(os.path.join(work, "en.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(pairs.values()) + "\n")

common = dict(model_type="unigram", character_coverage=1.0, normalization_rule_name="identity",
              unk_id=0, bos_id=-1, eos_id=1, pad_id=-1, hard_vocab_limit=False,
              num_threads=1, seed_sentencepiece_size=100000, minloglevel=2)
for side, size in (("source", 1200), ("target", 1200)):
    text = os.path.join(work, ("vi" if side == "source" else "en") + ".txt")
    spm.SentencePieceTrainer.train(input=text, model_prefix=os.path.join(work, side), vocab_size=size, **common)

# vocab.json in the opus-mt layout: </s> 0, <unk> 1, the pieces of both sides, <pad> last.
vocab = {"</s>": 0, "<unk>": 1}
for side in ("source", "target"):
    sp = spm.SentencePieceProcessor(model_file=os.path.join(work, side + ".model"))
    for i in range(sp.get_piece_size()):
        piece = sp.id_to_piece(i)
        if sp.is_control(i) or sp.is_unknown(i):
            continue
        vocab.setdefault(piece, len(vocab))
vocab["<pad>"] = len(vocab)
with open(os.path.join(work, "vocab.json"), "w", encoding="utf-8") as f:
    json.dump(vocab, f, ensure_ascii=False)
os.rename(os.path.join(work, "source.model"), os.path.join(work, "source.spm"))
os.rename(os.path.join(work, "target.model"), os.path.join(work, "target.spm"))
print(f"make-fixtures: {len(pairs)} sentence pairs, joint vocabulary {len(vocab)}", file=sys.stderr)
PY

cd "$root"
cargo run --release --example make_fixtures -- --data data --spm "$work" --out "$out"
