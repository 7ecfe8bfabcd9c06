#!/bin/bash
# vnbrief over a shared folder of reports as a Slurm job array: each task takes the
# documents of its shard (SLURM_ARRAY_TASK_ID counted from SLURM_ARRAY_TASK_MIN, out of
# SLURM_ARRAY_TASK_COUNT); then slurm-merge.sh puts the shards together:
#
#   jid=$(sbatch --parsable docs/scale-out/slurm-array.sh)
#   sbatch --dependency=afterok:$jid docs/scale-out/slurm-merge.sh
#
#SBATCH --job-name=vnbrief
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=04:00:00
#SBATCH --output=vnbrief-%A_%a.log
set -u
# The binary: an environment module where the site has one, else a path on shared storage.
if command -v module >/dev/null 2>&1; then module load vnbrief 2>/dev/null || true; fi
VNBRIEF=${VNBRIEF:-vnbrief}
REPORTS=${REPORTS:-/shared/reports}
OUT=${OUT:-/shared/vnbrief-out}
# The same --threads on every task: scores are then the same bits as a single run's.
"$VNBRIEF" --threads "${SLURM_CPUS_PER_TASK:-2}" run "$REPORTS" --out "$OUT" --quiet
rc=$?
# Exit 3: some documents failed (listed in the index); the task itself is done.
if [ "$rc" -eq 3 ]; then rc=0; fi
exit "$rc"
