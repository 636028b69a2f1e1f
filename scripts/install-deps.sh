#!/usr/bin/env bash
# Installs the Debian packages Chorus builds against, only when one is missing.
# Idempotent: a second run does nothing and prints one line.
set -euo pipefail
pkgs=(libgsl-dev libplplot-dev plplot-driver-cairo fonts-dejavu-core pkg-config
      slurm-wlm munge parallel)   # the last three: the sweep scaling test (scripts/test-sweep-scaling.sh)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all system packages present (${pkgs[*]})"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has empty package lists: update once before installing.
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
