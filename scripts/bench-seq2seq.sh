#!/usr/bin/env bash
# Translation tokens per second and summarization seconds per document at the real
# models' sizes (opus-mt-vi-en and distilbart-cnn-12-6 shapes, random weights, fixed
# output length), through vnbrief's loaders and generators. Results go to BENCHMARKS.md.
#   scripts/bench-seq2seq.sh            (BENCH_BEAMS, BENCH_OUT_TOKENS, BENCH_SUMMARY_TOKENS)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ -d tests/fixtures/models/translator ]] || { echo "bench-seq2seq: needs tests/fixtures/models (scripts/make-fixtures.sh)" >&2; exit 1; }
cargo run --quiet --release --example bench_seq2seq
