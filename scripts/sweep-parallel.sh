#!/usr/bin/env bash
# Runs a Chorus sweep as N shards with GNU parallel (on this machine, or on several with
# --sshloginfile; the sweep directory must then be on a shared filesystem), then merges them
# (docs/scaling.md):
#
#   scripts/sweep-parallel.sh 8 sweeps/phase --builtin phase
#
# Each shard runs with one thread; `-j` defaults to the number of cores (PARALLEL_JOBS).
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 SHARDS SWEEP_DIR SWEEP_OPTIONS..." >&2; exit 64; }
shards="$1"; dir="$2"; shift 2
chorus="${CHORUS:-chorus}"
"$chorus" sweep plan --count "$@" >/dev/null
parallel --halt never -j "${PARALLEL_JOBS:-$(nproc)}" \
  "$chorus" sweep run "$@" --out "$dir" --shard {}/"$shards" --threads 1 --quiet ::: $(seq 0 $((shards - 1))) \
  || true   # failed points are recorded; the merge reports them
exec "$chorus" sweep merge "$@" --out "$dir" "$dir"
