#!/usr/bin/env bash
# Peak memory of `chorus analyze` on a large JSON Lines log (issue 10, "bounded memory": under
# 200 MB for a 1 GB log). BENCHMARKS.md, "analyze of a 1 GB log"; docs/reliability.md.
#
# The log is built in a temporary folder (never in the repository) from simulated transcripts,
# the smallest records Chorus reads (about 410 bytes, no text), so the most questions a GB can
# hold, which is what the analysis keeps per question:
#   chorus simulate --preset quick --seeds 1-2 --transcripts 0,2   (8 regimes x 2 seeds x 2 iterations)
# repeated COPIES times. MODE=seeds (default) shifts the seeds of each copy (many groups of 40
# questions each: the per-group state and the output tables grow); MODE=questions renames the
# question ids of each copy instead (32 large groups: the bootstrap works on long columns).
# MODE=split is MODE=seeds with every debate split: the two halves of the base log's lines are
# interleaved line by line, so `analyze` reads it by an index of its lines (two passes).
# Then `/usr/bin/time -v chorus analyze LOG --no-figures --out DIR` and the peak resident set.
#   bash Benchmarks/analyze-memory.sh [SIZE_MB]     (release binary: swift build -c release --product chorus)
#   MODE=questions bash Benchmarks/analyze-memory.sh 1000
#   KEEP=1 keeps the log and the output folder (printed); LOG_DIR=DIR builds the log there
#   (or reuses DIR/log.jsonl built by an earlier run with the same SIZE_MB and MODE).
set -euo pipefail
cd "$(dirname "$0")/.."
CHORUS="${CHORUS:-$(pwd)/.build/release/chorus}"
SIZE_MB="${1:-1000}"
MODE="${MODE:-seeds}"
T="$(mktemp -d "${TMPDIR:-/tmp}/chorus-analyze-memory.XXXXXX")"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$T"' EXIT
L="${LOG_DIR:-$T}"; mkdir -p "$L"

if [ ! -s "$L/log.jsonl" ] || [ "$(cat "$L/log.spec" 2>/dev/null)" != "$SIZE_MB $MODE" ]; then
rm -rf "$L/sim"
"$CHORUS" simulate --preset quick --seeds 1-2 --transcripts 0,2 --no-figures --quiet --out "$L/sim" >/dev/null
cat "$L/sim/transcripts/iteration-0.jsonl" "$L/sim/transcripts/iteration-2.jsonl" > "$L/base.jsonl"
if [ "$MODE" = split ]; then
  n=$(wc -l < "$L/base.jsonl"); h=$(( (n + 1) / 2 ))
  head -n "$h" "$L/base.jsonl" > "$L/a.jsonl"; tail -n +"$(( h + 1 ))" "$L/base.jsonl" > "$L/b.jsonl"
  paste -d '\n' "$L/a.jsonl" "$L/b.jsonl" | sed '/^$/d' > "$L/base.jsonl"
  rm -f "$L/a.jsonl" "$L/b.jsonl"
fi
base=$(stat -c %s "$L/base.jsonl")
copies=$(( SIZE_MB * 1000000 / base ))
: > "$L/log.jsonl"
for k in $(seq 0 $(( copies - 1 ))); do
  if [ "$MODE" = questions ]; then
    sed "s/\"question\":\"q/\"question\":\"c${k}q/" "$L/base.jsonl"
  else
    sed -e "s/\"seed\":1,/\"seed\":$(( 2 * k + 1 )),/" -e "s/\"seed\":2,/\"seed\":$(( 2 * k + 2 )),/" "$L/base.jsonl"
  fi
done >> "$L/log.jsonl"
echo "$SIZE_MB $MODE" > "$L/log.spec"
fi
base=$(stat -c %s "$L/base.jsonl")
copies=$(( SIZE_MB * 1000000 / base ))
records=$(wc -l < "$L/log.jsonl")
questions=$(( $(sed -n 's/.*"regime":"\([^"]*\)","seed":\([0-9]*\),"iteration":\([0-9]*\),"question":"\([^"]*\)".*/\1 \2 \3 \4/p' "$L/base.jsonl" | sort -u | wc -l) * copies ))

/usr/bin/time -v "$CHORUS" analyze "$L/log.jsonl" --no-figures --out "$T/out" >"$T/stdout" 2>"$T/time"
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/time")
user=$(sed -n 's/.*User time (seconds): //p' "$T/time")
sys=$(sed -n 's/.*System time (seconds): //p' "$T/time")
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$T/time")
rows=$(( $(wc -l < "$T/out/rounds.csv") - 1 ))
printf 'mode\t%s\nlog\t%d bytes (%d copies of %d bytes)\nrecords\t%d\nquestions (debates)\t%d\nrounds.csv rows\t%d\n' \
  "$MODE" "$(stat -c %s "$L/log.jsonl")" "$copies" "$base" "$records" "$questions" "$rows"
printf 'peak RSS\t%.1f MB\nCPU\t%s s user + %s s system\nwall\t%s\n' "$(echo "$rss_kb / 1000" | bc -l)" "$user" "$sys" "$wall"
[ "${KEEP:-0}" = 1 ] && echo "kept: $T"
exit 0
