#!/bin/bash
# Writes index.json, digest.md and digest.html once every task of slurm-array.sh is done.
#SBATCH --job-name=vnbrief-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=00:30:00
set -u
if command -v module >/dev/null 2>&1; then module load vnbrief 2>/dev/null || true; fi
VNBRIEF=${VNBRIEF:-vnbrief}
OUT=${OUT:-/shared/vnbrief-out}
"$VNBRIEF" merge "$OUT"
rc=$?
if [ "$rc" -eq 3 ]; then rc=0; fi
exit "$rc"
