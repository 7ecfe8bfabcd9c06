#!/usr/bin/env bash
# Linear probe: does context (headline flag, neighbouring sentences, previous label)
# help the classifier? Embeds every labeled train and dev sentence with the installed
# encoder (frozen, as `--tune-layers 0`), then runs 5-fold cross-validation grouped by
# report with scikit-learn's logistic regression. README ("Context features") has the
# numbers this printed.
#
#     scripts/probe-context.sh            # work files under ${TMPDIR:-/tmp}/vnbrief-probe
set -euo pipefail
cd "$(dirname "$0")/.."
work=${TMPDIR:-/tmp}/vnbrief-probe
mkdir -p "$work"
[ -x "$work/venv/bin/python" ] || { python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q numpy scikit-learn; }
cargo build --release --example embed -q

# One sentence a line per split, and its document, position, paragraph and label.
python3 - "$work" <<'PY'
import glob, json, sys
work = sys.argv[1]
for split in ["train", "dev"]:
    rows = []
    for f in sorted(glob.glob(f"data/labeled/{split}/*.jsonl")):
        for line in open(f, encoding="utf-8"):
            if not line.strip():
                continue
            d = json.loads(line)
            n = sum(len(p) for p in d["paragraphs"])
            sentences = [(s, len(p)) for p in d["paragraphs"] for s in p]
            for i, (s, npara) in enumerate(sentences):
                rows.append(dict(doc=d["id"], i=i, n=n, npara=npara, label=s["label"], text=s["text"].replace("\n", " ")))
    json.dump(rows, open(f"{work}/{split}.json", "w"), ensure_ascii=False)
    open(f"{work}/{split}.txt", "w", encoding="utf-8").write("\n".join(r["text"] for r in rows) + "\n")
PY
for split in train dev; do
    ./target/release/examples/embed < "$work/$split.txt" > "$work/$split.emb.json"
done

"$work/venv/bin/python" - "$work" <<'PY'
import json, sys
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
work = sys.argv[1]
L = ["attendance", "achievement", "directive", "other"]
rows = json.load(open(f"{work}/train.json")) + json.load(open(f"{work}/dev.json"))
E = np.vstack([np.array(json.load(open(f"{work}/{s}.emb.json")), dtype=np.float32) for s in ["train", "dev"]])
y = np.array([L.index(r["label"]) for r in rows])
groups = np.array([r["doc"] for r in rows])
pos = np.array([[r["i"] / max(r["n"] - 1, 1)] for r in rows])
headline = np.array([[float(r["npara"] == 1 and r["text"].rstrip()[-1:] not in ".!?…:;")] for r in rows])
prev, nxt = np.zeros_like(E), np.zeros_like(E)
for k, r in enumerate(rows):
    if r["i"] > 0:
        prev[k] = E[k - 1]
    if r["i"] < r["n"] - 1:
        nxt[k] = E[k + 1]
folds = list(GroupKFold(n_splits=5).split(E, y, groups))
fit = lambda X, t: LogisticRegression(C=16, max_iter=4000, class_weight="balanced").fit(X, t)
def report(name, pred):
    f1 = f1_score(y, pred, average=None)
    print(f"{name:40s} macro-F1 {f1.mean():.3f}  other F1 {f1[3]:.3f}")
for name, cols in [("embedding + position", [E, pos]), ("+ headline", [E, pos, headline]),
                   ("+ neighbours (halved)", [E, pos, 0.5 * prev, 0.5 * nxt]),
                   ("+ headline + neighbours", [E, pos, headline, 0.5 * prev, 0.5 * nxt])]:
    X, pred = np.hstack(cols), np.zeros_like(y)
    for tr, te in folds:
        pred[te] = fit(X[tr], y[tr]).predict(X[te])
    report(name, pred)
# The previous label: gold while training, the head's own label in one greedy pass.
X, pred = np.hstack([E, pos, headline]), np.zeros_like(y)
gold_prev = np.zeros((len(rows), 5))
for k, r in enumerate(rows):
    gold_prev[k, 4 if r["i"] == 0 else y[k - 1]] = 1
for tr, te in folds:
    m, last = fit(np.hstack([X, gold_prev])[tr], y[tr]), 4
    for k in te:
        p = np.zeros(5)
        p[4 if rows[k]["i"] == 0 else last] = 1
        last = pred[k] = int(m.predict(np.hstack([X[k], p])[None])[0])
report("+ headline + previous label (greedy)", pred)
PY
