#!/usr/bin/env bash
# Executes notebooks-data/explore.ipynb headless on two small runs made here; fails if a cell
# fails (make test runs it after the Swift tests). Needs a debug build of chorus
# (swift build --build-tests builds it) and the environment of scripts/install-notebook-env.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-notebook-env.sh
CHORUS=${CHORUS:-.build/debug/chorus}
[ -x "$CHORUS" ] || swift build --product chorus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$CHORUS" simulate --preset quick --seeds 1-3 --out "$tmp/run-a" --quiet --no-figures >/dev/null
"$CHORUS" simulate --preset quick --seeds 4-6 --out "$tmp/run-b" --quiet --no-figures >/dev/null
CHORUS_RUN_DIRS="$tmp/run-a:$tmp/run-b" CHORUS_NOTEBOOK_OUT="$tmp/notebook-figures" MPLBACKEND=Agg \
  .venv-notebook/bin/python scripts/run-notebook.py notebooks-data/explore.ipynb 180
