#!/usr/bin/env bash
# 5-fold cross-validation of `vnbrief train` (head + fine-tuned top layers, the
# committed settings) over the train and dev reports together: 198 reports, 2,105
# sentences, split by report (a fixed shuffle, seed 7), so no report is in both a
# fold's training and its test. Each fold trains on four fifths and is scored on the
# rest; the five confusion matrices are summed and one macro-F1 is printed. The dev
# split alone (344 sentences) moves by ±0.01 between training runs; this is the
# comparison to trust between two classifier versions (run it once per binary).
#
#     scripts/cv-classifier.sh [VNBRIEF_BINARY] [WORK_DIR]
#
# About 20 minutes on 2 cores (five trainings of about 3.5 minutes each, plus checks).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/vnbrief}
work=${2:-${TMPDIR:-/tmp}/vnbrief-cv}
[ -x "$bin" ] || cargo build --release -q
mkdir -p "$work"

python3 - "$work" <<'PY'
import glob, json, os, random, sys
work = sys.argv[1]
docs = []
for f in sorted(glob.glob("data/labeled/train/*.jsonl") + glob.glob("data/labeled/dev/*.jsonl")):
    docs += [line.rstrip("\n") for line in open(f, encoding="utf-8") if line.strip()]
random.Random(7).shuffle(docs)
for k in range(5):
    d = f"{work}/fold{k}"
    os.makedirs(d, exist_ok=True)
    for name, keep in [("train", lambda i: i % 5 != k), ("test", lambda i: i % 5 == k)]:
        open(f"{d}/{name}.jsonl", "w", encoding="utf-8").write("\n".join(x for i, x in enumerate(docs) if keep(i)) + "\n")
PY

for k in 0 1 2 3 4; do
    out=$work/fold$k/classifier
    "$bin" train --samples "$work/fold$k/train.jsonl" --dev "$work/fold$k/test.jsonl" --out "$out" > "$work/fold$k/train.log" 2>&1
done

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
labels = ["attendance", "achievement", "directive", "other"]
confusion = [[0] * 4 for _ in labels]
for k in range(5):
    c = json.load(open(f"{work}/fold{k}/classifier/classifier.json"))["dev_metrics"]["classification"]["confusion"]
    for i, gold in enumerate(labels):
        for j, predicted in enumerate(labels):
            confusion[i][j] += c[gold][predicted]
f1 = []
for i in range(4):
    tp = confusion[i][i]
    fp = sum(confusion[j][i] for j in range(4)) - tp
    fn = sum(confusion[i]) - tp
    f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
n = sum(map(sum, confusion))
print(f"{n} sentences, macro-F1 {sum(f1) / 4:.4f}, accuracy {sum(confusion[i][i] for i in range(4)) / n:.4f}")
print("  ".join(f"{l} {x:.3f}" for l, x in zip(labels, f1)))
PY
