#!/usr/bin/env bash
# Sweep machinery overhead per point, whole processes (BENCHMARKS.md, "Sweeps"; the in-process
# version is `chorus-bench sweep`): the same point run by `chorus simulate --no-figures` and by
# `chorus sweep run` of a one-point sweep (plan, validation, point file, merge into the tables),
# each on one thread, REPEATS times, medians of CPU time (user + system: the machine is shared,
# so wall time is noisy); then the built-in `phase` sweep's points per minute.
# With CALLGRIND=1 it counts instructions under valgrind's callgrind instead (one run each,
# about 50x slower, but independent of the load on the machine: the figure to trust on a busy
# machine). Callgrind cannot read Swift's debug info, so a copy without it is profiled.
#   bash Benchmarks/sweep-overhead.sh [REPEATS]     (release binary: swift build -c release)
#   CALLGRIND=1 bash Benchmarks/sweep-overhead.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CHORUS="${CHORUS:-.build/release/chorus}"
REPEATS="${1:-5}"
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
POINT=(--preset paper --set regimes=single-agent,multiagent --set task.train_questions=200
       --set task.test_questions=200)
SIM=(simulate "${POINT[@]}" --seeds 10001-10010 --no-figures --threads 1 --quiet)
SWEEP=(sweep run "${POINT[@]}" --seeds 10 --seed-offset 10000 --axis agents.count=3 --threads 1 --quiet)
if [ "${CALLGRIND:-0}" = 1 ]; then
  strip --strip-debug -o "$T/chorus" "$CHORUS"
  ir() { valgrind --tool=callgrind --callgrind-out-file="$T/cg.$1" "$T/chorus" "${@:2}" >/dev/null 2>"$T/log.$1"
         sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$T/log.$1"; }
  a=$(ir sim "${SIM[@]}" --out "$T/sim"); b=$(ir sweep "${SWEEP[@]}" --out "$T/sweep")
  printf 'simulate (one point, 10 seeds)\t%d instructions\nsweep run (the same point)\t%d instructions\noverhead\t%+.2f%%\n' \
    "$a" "$b" "$(echo "($b - $a) / $a * 100" | bc -l)"
  exit 0
fi
now() { date +%s.%N; }
cpu() { /usr/bin/time -f '%U %S' -o "$T/time" "$@" >/dev/null; awk '{print $1 + $2}' "$T/time"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
sim=(); sweep=()
for i in $(seq 1 "$REPEATS"); do
  sim+=("$(cpu "$CHORUS" "${SIM[@]}" --out "$T/sim$i")")
  sweep+=("$(cpu "$CHORUS" "${SWEEP[@]}" --out "$T/sw$i")")
done
ms=$(printf '%s\n' "${sim[@]}" | median); mw=$(printf '%s\n' "${sweep[@]}" | median)
printf 'simulate (one point, 10 seeds)\t%.3f CPU-s\nsweep run (the same point)\t%.3f CPU-s\noverhead\t%+.1f%%\n' \
  "$ms" "$mw" "$(echo "($mw - $ms) / $ms * 100" | bc -l)"
t0=$(now); c=$(cpu "$CHORUS" sweep run --builtin phase --quiet --out "$T/phase"); t1=$(now)
n=$("$CHORUS" sweep plan --count --builtin phase)
printf 'phase sweep: %d points in %.1f s wall, %.1f CPU-s = %.2f CPU-s a point; %.1f points/min on %d cores if they were free\n' \
  "$n" "$(echo "$t1 - $t0" | bc -l)" "$c" "$(echo "$c / $n" | bc -l)" "$(echo "$n / $c * 60 * $(nproc)" | bc -l)" "$(nproc)"
