#!/usr/bin/env bash
# Benchmark: the rules translator's throughput over every labeled sentence, facts
# extracted beforehand (as `run` does), single-threaded, best of 5 passes; it also
# checks that the passes agree. Prints a Markdown table row for BENCHMARKS.md:
# input | threads | lexicon load | best pass | throughput | mean lexicon coverage
#
#   scripts/bench-translate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --quiet --example bench_rules
