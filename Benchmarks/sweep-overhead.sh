#!/usr/bin/env bash
# Sweep machinery overhead per point (BENCHMARKS.md, "Sweeps"): the same point run by
# `chorus simulate` and by `chorus sweep run` (one point: plan, validation, point file, merge
# into the tables), each REPEATS times, medians of CPU time (user + system, all threads: the
# machine is shared, so wall time is noisy); then the built-in `phase` sweep's points per minute.
#   bash Benchmarks/sweep-overhead.sh [REPEATS]     (release binary: swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/.."
CHORUS="${CHORUS:-.build/release/chorus}"
REPEATS="${1:-5}"
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
POINT=(--preset paper --set regimes=single-agent,multiagent --set task.train_questions=200
       --set task.test_questions=200)
now() { date +%s.%N; }
cpu() { /usr/bin/time -f '%U %S' -o "$T/time" "$@" >/dev/null; awk '{print $1 + $2}' "$T/time"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
sim=(); sweep=()
for i in $(seq 1 "$REPEATS"); do
  sim+=("$(cpu "$CHORUS" simulate "${POINT[@]}" --seeds 10001-10010 --quiet --out "$T/sim$i")")
  sweep+=("$(cpu "$CHORUS" sweep run "${POINT[@]}" --seeds 10 --seed-offset 10000 --axis agents.count=3 --quiet --out "$T/sw$i")")
done
ms=$(printf '%s\n' "${sim[@]}" | median); mw=$(printf '%s\n' "${sweep[@]}" | median)
printf 'simulate (one point, 10 seeds)\t%.3f CPU-s\nsweep run (the same point)\t%.3f CPU-s\noverhead\t%+.1f%%\n' \
  "$ms" "$mw" "$(echo "($mw - $ms) / $ms * 100" | bc -l)"
t0=$(now); c=$(cpu "$CHORUS" sweep run --builtin phase --quiet --out "$T/phase"); t1=$(now)
n=$("$CHORUS" sweep plan --count --builtin phase)
printf 'phase sweep: %d points in %.1f s wall, %.1f CPU-s = %.2f CPU-s a point; %.1f points/min on %d cores if they were free\n' \
  "$n" "$(echo "$t1 - $t0" | bc -l)" "$c" "$(echo "$c / $n" | bc -l)" "$(echo "$n / $c * 60 * $(nproc)" | bc -l)" "$(nproc)"
