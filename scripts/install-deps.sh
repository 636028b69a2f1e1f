#!/usr/bin/env bash
# Installs the Debian packages Chorus builds against, only when one is missing, then the
# Python environment that executes the notebook in the tests (scripts/install-notebook-env.sh).
# Idempotent: a second run does nothing and prints one line per step.
set -euo pipefail
pkgs=(libgsl-dev libplplot-dev plplot-driver-cairo fonts-dejavu-core pkg-config poppler-utils
      slurm-wlm munge parallel)   # the last three: the sweep scaling test (scripts/test-sweep-scaling.sh)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all system packages present (${pkgs[*]})"
else
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine has empty package lists: update once before installing.
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "install-deps: done"
fi
bash "$(dirname "$0")/install-notebook-env.sh"
