#!/usr/bin/env bash
# Submits a Chorus sweep as a Slurm job array of N shards plus a merge job that runs when all
# shards have ended (docs/scaling.md):
#
#   scripts/slurm/submit-sweep.sh 64 $HOME/sweeps/phase --builtin phase
#
# The merge job writes the tables (and the figure) into the sweep directory and exits 3 when
# points are missing or failed; resubmit the same command to finish them (done points are kept).
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 SHARDS SWEEP_DIR SWEEP_OPTIONS..." >&2; exit 64; }
shards="$1"; dir="$2"; shift 2
here="$(cd "$(dirname "$0")" && pwd)"
chorus="${CHORUS:-chorus}"
# Validate the whole sweep before queueing anything (unknown key, bad value: error now).
"$chorus" sweep plan --count "$@" >/dev/null
# The jobs' logs go to DIR/logs, the one folder a sweep directory may hold before its first
# shard starts (`chorus sweep run` refuses a non-empty folder that is not a sweep directory).
mkdir -p "$dir/logs"
array=$(sbatch --parsable --array="0-$((shards - 1))" --chdir="$dir" --output="$dir/logs/slurm-%A_%a.out" \
        --export=ALL,CHORUS="$chorus" "$here/sweep-array.sbatch" "$dir" "$@")
merge=$(sbatch --parsable --dependency="afterany:${array}" --job-name=chorus-sweep-merge \
        --output="$dir/logs/chorus-sweep-merge-%j.log" --wrap="$(printf '%q ' "$chorus" sweep merge "$@" --out "$dir" "$dir")")
echo "submitted array job $array ($shards shards) and merge job $merge; tables in $dir"
