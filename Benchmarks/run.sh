#!/usr/bin/env bash
# Build chorus-bench in release and run every benchmark (or those named as arguments), then the
# numpy peer if python3 with numpy is available. Prints the raw TSV lines and a Markdown table:
# median ns per operation of the thread's CPU time (robust on a shared machine) and of wall time;
# "vs numpy" = CPU time relative to the numpy row of the same group.
# Usage, from anywhere:  bash Benchmarks/run.sh [NAME...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

swift build -c release --package-path Benchmarks --product chorus-bench
bin="$(swift build -c release --package-path Benchmarks --show-bin-path)/chorus-bench"

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
"$bin" "$@" | tee -a "$results"

wants_numpy=1
if [ "$#" -gt 0 ]; then
  wants_numpy=0
  for a in "$@"; do case "$a" in categorical|generator) wants_numpy=1 ;; esac; done
fi
if [ "$wants_numpy" = 1 ]; then
  if env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 -c 'import numpy' 2>/dev/null; then
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 Benchmarks/numpy_peer.py | tee -a "$results"
  else
    echo "numpy not available: skipping the numpy peer" >&2
  fi
fi

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(nproc 2>/dev/null) cores"
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo
echo "| group | what | CPU ns/op | wall ns/op | vs numpy (CPU) |"
echo "|---|---|---:|---:|---:|"
awk -F'\t' '
  { group[NR]=$1; label[NR]=$2; cpu[NR]=$3; wall[NR]=$4; if ($2 ~ /^numpy/ && !($1 in ref)) ref[$1]=$3 }
  END {
    for (i = 1; i <= NR; i++) {
      rel = (group[i] in ref) ? sprintf("%.2f×", cpu[i] / ref[group[i]]) : "–"
      printf "| %s | %s | %.2f | %.2f | %s |\n", group[i], label[i], cpu[i], wall[i], rel
    }
  }' "$results"
