#!/usr/bin/env bash
# Soak: the property tests of tests/properties.rs (proptest) with many cases each,
# optimised. CI runs the same file with a few hundred cases per property.
#
#   scripts/fuzz.sh                      # 100000 cases per property
#   PROPTEST_CASES=5000 scripts/fuzz.sh  # fewer
#   scripts/fuzz.sh ingest               # only the properties whose name contains "ingest"
#
# The target is zero failures: a failing case is printed shrunk; add it to the
# regression tests at the end of tests/properties.rs when you fix it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROPTEST_CASES=${PROPTEST_CASES:-100000}
cargo test --release --test properties --no-run --quiet
echo "properties: $PROPTEST_CASES cases per property" >&2
start=$(date +%s)
status=0
cargo test --release --test properties --quiet -- "$@" || status=$?
elapsed=$(( $(date +%s) - start ))
printf 'properties: %d cases per property, %dm%02ds, %s\n' "$PROPTEST_CASES" $((elapsed / 60)) $((elapsed % 60)) \
    "$([ "$status" -eq 0 ] && echo passed || echo FAILED)" >&2
exit "$status"
