#!/bin/sh
# The long run of the fuzz harness (issue 10): the same in-process harness as the test
# FuzzTests.everyMalformedInputEndsInSuccessOrOneClearError, with N cases (default 10000) from
# seed S (default 10), under /usr/bin/time so that the whole process's peak memory, an upper
# bound on every case's, is reported. The summary goes to docs/fuzz-result.txt.
#   scripts/fuzz.sh [N] [SEED]
set -eu
cd "$(dirname "$0")/.."
N="${1:-10000}"
SEED="${2:-10}"
REPORT="$(pwd)/docs/fuzz-result.txt"
TMP="$(mktemp)"
swift build --build-tests >/dev/null
START=$(date +%s)
set +e
CHORUS_FUZZ_COUNT="$N" CHORUS_FUZZ_SEED="$SEED" CHORUS_FUZZ_REPORT="$TMP" \
  /usr/bin/time -f "peak resident memory of the whole run: %M kB; wall time %e s" -o "$TMP.time" \
  swift test --skip-build --filter FuzzTests >"$TMP.log" 2>&1
STATUS=$?
set -e
{
  echo "# chorus fuzz harness, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
  echo "# scripts/fuzz.sh $N $SEED (exit status $STATUS, $(( $(date +%s) - START )) s)"
  cat "$TMP" 2>/dev/null || echo "no summary written; see the test log"
  cat "$TMP.time"
} > "$REPORT"
cat "$REPORT"
rm -f "$TMP" "$TMP.time"
exit "$STATUS"
