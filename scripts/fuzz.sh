#!/bin/sh
# The long run of the fuzz harness (issue 10): the same in-process harness as the test
# FuzzTests.everyMalformedInputEndsInSuccessOrOneClearError, with N cases (default 10000) from
# seed S (default 10). The harness measures each case's peak resident memory itself (it resets
# the process's peak before each case, /proc/self/clear_refs, and fails a case over 500 MB).
# Those resets also reset what /usr/bin/time would report as the process's peak (ru_maxrss is
# the peak since the last reset), so only the wall time is taken from it. The summary goes to
# docs/fuzz-result.txt.
# The test binary is copied and run directly (not through `swift test`), so that the package
# can be rebuilt and tested while the long run goes on.
#   scripts/fuzz.sh [N] [SEED]
set -eu
cd "$(dirname "$0")/.."
N="${1:-10000}"
SEED="${2:-10}"
REPORT="$(pwd)/docs/fuzz-result.txt"
swift build --build-tests >/dev/null
BIN="$(swift build --show-bin-path)/ChorusPackageTests.xctest"
WORK="$(mktemp -d)"
cp "$BIN" "$WORK/"
START=$(date +%s)
set +e
CHORUS_FUZZ_COUNT="$N" CHORUS_FUZZ_SEED="$SEED" CHORUS_FUZZ_REPORT="$WORK/summary.txt" \
  /usr/bin/time -f "wall time %e s" -o "$WORK/time.txt" \
  "$WORK/ChorusPackageTests.xctest" --testing-library swift-testing --filter FuzzTests >"$WORK/log.txt" 2>&1
STATUS=$?
set -e
{
  echo "# chorus fuzz harness, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
  echo "# scripts/fuzz.sh $N $SEED (exit status $STATUS, $(( $(date +%s) - START )) s)"
  cat "$WORK/summary.txt" 2>/dev/null || echo "no summary written; see $WORK/log.txt"
  cat "$WORK/time.txt"
} > "$REPORT"
cat "$REPORT"
[ "$STATUS" -eq 0 ] && rm -rf "$WORK"
exit "$STATUS"
