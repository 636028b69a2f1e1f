#!/bin/sh
# The long run of the fuzz harness (issue 10): the same in-process harness as the test
# FuzzTests.everyMalformedInputEndsInSuccessOrOneClearError, with N cases (default 10000) from
# seed S (default 10), split over P processes (default 1; shard k runs the cases whose index is
# k modulo P, CHORUS_FUZZ_SHARD). The harness measures each case's CPU time and peak resident
# memory itself (it resets the process's peak before each case, /proc/self/clear_refs, and fails
# a case over 5 CPU s or 500 MB). Those resets also reset what /usr/bin/time would report as the
# process's peak (ru_maxrss is the peak since the last reset), so only the wall time is taken
# from it. The summary (one line per shard) goes to docs/fuzz-result.txt.
# The test binary is copied and run directly (not through `swift test`), so that the package
# can be rebuilt and tested while the long run goes on.
#   scripts/fuzz.sh [N] [SEED] [P]
set -eu
cd "$(dirname "$0")/.."
N="${1:-10000}"
SEED="${2:-10}"
P="${3:-1}"
REPORT="$(pwd)/docs/fuzz-result.txt"
nice -n 10 swift build --build-tests >/dev/null
# The commit the test binary is built from (the tree may change while the run goes on).
BUILT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Tests || echo ' with uncommitted changes')"
BIN="$(swift build --show-bin-path)/ChorusPackageTests.xctest"
WORK="$(mktemp -d)"
cp "$BIN" "$WORK/"
START=$(date +%s)
PIDS=""
k=0
while [ "$k" -lt "$P" ]; do
  CHORUS_FUZZ_COUNT="$N" CHORUS_FUZZ_SEED="$SEED" CHORUS_FUZZ_SHARD="$k/$P" CHORUS_FUZZ_REPORT="$WORK/summary.$k.txt" \
    nice -n 10 /usr/bin/time -f "shard $k/$P: wall time %e s" -o "$WORK/time.$k.txt" \
    "$WORK/ChorusPackageTests.xctest" --testing-library swift-testing --filter FuzzTests >"$WORK/log.$k.txt" 2>&1 &
  PIDS="$PIDS $!"
  k=$((k + 1))
done
STATUS=0
for pid in $PIDS; do wait "$pid" || STATUS=1; done
{
  echo "# chorus fuzz harness, $(date -u +%Y-%m-%dT%H:%MZ), test binary built from commit $BUILT"
  echo "# scripts/fuzz.sh $N $SEED $P (exit status $STATUS, $(( $(date +%s) - START )) s)"
  k=0
  while [ "$k" -lt "$P" ]; do
    cat "$WORK/summary.$k.txt" 2>/dev/null || echo "shard $k: no summary written; see $WORK/log.$k.txt"
    cat "$WORK/time.$k.txt"
    k=$((k + 1))
  done
} > "$REPORT"
cat "$REPORT"
[ "$STATUS" -eq 0 ] && rm -rf "$WORK"
exit "$STATUS"
