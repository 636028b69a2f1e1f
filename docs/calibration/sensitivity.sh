#!/bin/bash
# One-at-a-time ±20% sensitivity of the paper preset's claims, on seeds 2001-2050 (never used
# for calibration). Prints a Markdown table: parameter, value, which claims hold, key effects.
# Usage: docs/calibration/sensitivity.sh > docs/calibration/sensitivity.md   (about 30 runs)
set -euo pipefail
CHORUS=${CHORUS:-.build/release/chorus}
OUT=${OUT:-/tmp/chorus-sensitivity}
SEEDS=${SEEDS:-2001-2050}
REGIMES=single-agent,multiagent,no-critic,no-summary,single-no-debate
mkdir -p "$OUT"
params=(
  task.learnability=0.45 task.verifiability=1.5 task.style_heterogeneity=2.5 task.base_accuracy=0.45
  task.base_logit_scale=1.0 agents.temperature=0.6 debate.summary_noise=0.2 debate.raw_noise=0.8
  debate.stay_weight=1.0 debate.support_weight=1.5 debate.evidence_weight=0.5 debate.prior_weight=0.5
  finetune.learning_rate=0.4 finetune.critic_learning_rate=3.0 finetune.epochs=3 finetune.batch_size=16
)
row() { # tag, then --set arguments
  local tag=$1; shift
  "$CHORUS" simulate --preset paper --seeds "$SEEDS" --regimes "$REGIMES" --claims --quiet --out "$OUT/$tag" "$@" > /dev/null 2>&1 || true
  python3 - "$OUT/$tag" "$tag" <<'PY'
import csv, sys
d, tag = sys.argv[1], sys.argv[2]
claims = {r['claim']: r['holds'] == 'true' for r in csv.DictReader(open(f'{d}/claims.csv'))}
eff = {(r['claim'], r['effect']): float(r['mean']) for r in csv.DictReader(open(f'{d}/claim_effects.csv'))}
holds = ''.join(str(c) if claims.get(str(c)) else '·' for c in range(1, 7))
g = lambda c, e: f"{100*eff[(c, e)]:+.1f}" if (c, e) in eff else 'NA'
print(f"| {tag} | {holds} | {g('1','it1 − base')} | {g('1','peak − last')} | {g('3','last − it1')} | {g('3','multiagent − single-agent at last')} |")
PY
}
echo "| point | claims holding (1–6) | single it1 − base | single peak − last | multi last − it1 | multi − single at last |"
echo "|---|---|---|---|---|---|"
row preset
for kv in "${params[@]}"; do
  key=${kv%%=*}; v=${kv#*=}
  for f in 0.8 1.2; do
    if [[ $key == finetune.epochs || $key == finetune.batch_size ]]; then
      nv=$(python3 -c "import math; v=$v*$f; print(max(1, round(v)) if $f>1 else max(1, math.floor(v)))")
    else
      nv=$(python3 -c "print(round($v*$f, 6))")
    fi
    row "$key=$nv" --set "$key=$nv"
  done
done
