#!/bin/bash
# usage: run.sh tag "--set a=b --set c=d"
tag=$1; shift
${CHORUS:-.build/release/chorus} simulate --preset paper --seeds ${SEEDS:-1001-1030} --regimes single-agent,multiagent --quiet --out ${OUT:-/tmp/chorus-cal}/$tag "$@" > /dev/null 2>&1
python3 - ${OUT:-/tmp/chorus-cal}/$tag/summary.csv "$tag" <<'PY'
import csv,sys,collections
t=collections.defaultdict(dict)
for r in csv.DictReader(open(sys.argv[1])):
    t[(r['regime'],r['metric'])][int(r['iteration'])]=(float(r['mean']),float(r['ci_lower']),float(r['ci_upper']))
sa=[t[('single-agent','accuracy.final')][i][0] for i in range(6)]
ma=[t[('multiagent','accuracy.final')][i][0] for i in range(6)]
si=[t[('single-agent','accuracy.round1_individual')][i][0] for i in range(6)]
mi=[t[('multiagent','accuracy.round1_individual')][i][0] for i in range(6)]
h=[t[('single-agent','entropy.chain')][i][0] for i in range(6)]
d=[t[("multiagent","disagreement.chain")][i][0] for i in range(6)]; ds=t[("single-agent","disagreement.chain")]; dc=t[("multiagent","contrast.divergence.scorer.critic_minus_generator")][5]
g=t[('single-agent','contrast.accuracy.final.minus_base')][1]
pk=max(range(1,5),key=lambda i:sa[i]); pl=t[('single-agent','contrast.accuracy.final.minus_last')][pk]
m51=t[('multiagent','contrast.accuracy.final.minus_iteration1')][5]
ms=t[('multiagent','contrast.accuracy.final.minus.single-agent')][5]
f=lambda x:f"{x[0]*100:+.1f}[{x[1]*100:+.1f},{x[2]*100:+.1f}]"
print(f"{sys.argv[2]:28s} S:{' '.join('%.3f'%x for x in sa)} M:{' '.join('%.3f'%x for x in ma)} | s.g1 {f(g)} s.pk-l {f(pl)} m.5-1 {f(m51)} m-s {f(ms)} | Hs {h[5]/h[0]:.2f} Dm {d[5]/d[0]:.2f} Ds.up {ds[5][2]/ds[0][0]:.2f} scorerCG {f(dc)} | ind S {si[0]:.3f}->{si[5]:.3f} M {mi[5]:.3f}")
PY
