#!/usr/bin/env bash
# Benchmark: classification throughput and peak memory of `vnbrief run` over every
# labeled document (written out as plain-text reports), against a one-document run that
# measures the fixed cost (loading the encoder and head).
#
#   scripts/bench-classify.sh [THREADS]
#
# Prints a Markdown table row for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-$(nproc)}
bin=target/release/vnbrief
cargo build --release --quiet

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Rebuild each labeled document's text exactly as the spec says (one .txt per document).
python3 - "$work/all" "$work/one" data/labeled <<'PY'
import json, os, sys, glob
out_all, out_one, root = sys.argv[1:4]
os.makedirs(out_all); os.makedirs(out_one)
files = sorted(glob.glob(os.path.join(root, "**", "*.jsonl"), recursive=True))
n = 0
for f in files:
    for line in open(f, encoding="utf-8"):
        if not line.strip():
            continue
        d = json.loads(line)
        text = "\n\n".join(" ".join(s["text"] for s in p) for p in d["paragraphs"])
        with open(os.path.join(out_all, d["id"] + ".txt"), "w", encoding="utf-8") as w:
            w.write(text + "\n")
        if n == 0:
            with open(os.path.join(out_one, d["id"] + ".txt"), "w", encoding="utf-8") as w:
                w.write(text + "\n")
        n += 1
PY

measure() { # DIR -> "seconds peak_kib sentences"
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin" --threads "$threads" run "$1" --out "$work/out-$(basename "$1")" --force --quiet
    local sentences
    sentences=$(python3 -c "import json,sys; print(sum(e.get('sentences',0) for e in json.load(open(sys.argv[1]))['entries']))" "$work/out-$(basename "$1")/index.json")
    echo "$(cat "$work/time") $sentences"
}

read -r t1 m1 s1 < <(measure "$work/one")
read -r tn mn sn < <(measure "$work/all")
docs=$(ls "$work/all" | wc -l)
python3 - "$t1" "$s1" "$tn" "$mn" "$sn" "$docs" "$threads" <<'PY'
import sys
t1, s1, tn, mn, sn, docs, threads = sys.argv[1:]
t1, tn, s1, sn, mn = float(t1), float(tn), int(s1), int(sn), int(mn)
rate = (sn - s1) / max(tn - t1, 1e-9)
print(f"| {docs} docs, {sn} sentences | {threads} | {tn:.1f} s | {t1:.1f} s | {rate:.0f} sentences/s | {mn/1024:.0f} MiB |")
PY
