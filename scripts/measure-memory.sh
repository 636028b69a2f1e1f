#!/bin/sh
# Measures the peak resident memory of simulation runs, to compare with MemoryEstimate's
# unscaled estimate (docs/configuration.md, "Memory"). Rerun after a model change and refit.
# Uses the debug build (as the fit did); takes a few minutes.
set -eu
cd "$(dirname "$0")/.."
swift build --product chorus >/dev/null
C=.build/debug/chorus
T=$(mktemp -d)
run() { # label, threads, seeds, test questions, extra --set
  label=$1; th=$2; seeds=$3; q=$4; shift 4
  /usr/bin/time -f "%M" -o "$T/rss" "$C" simulate --quiet --threads "$th" --set "seeds=$seeds" --set iterations=0 \
    --set task.train_questions=10 --set task.test_questions="$q" "$@" --out "$T/run" --force >/dev/null
  echo "$label: peak $(cat "$T/rss") kB"
}
run "1 seed, 20000 q, d=1" 1 "[1]" 20000 --set task.feature_dimension=1
run "1 seed, 20000 q, d=8" 1 "[1]" 20000
run "1 seed, 80000 q, d=8" 1 "[1]" 80000
run "2 seeds, 40000 q, 1 thread" 1 "[1,2]" 40000
run "2 seeds, 40000 q, 2 threads" 2 "[1,2]" 40000
run "1 seed, 20000 q, 6 agents x 4 rounds" 1 "[1]" 20000 --set agents.count=6 --set debate.rounds=4
rm -rf "$T"
