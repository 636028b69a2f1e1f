#!/usr/bin/env bash
# Creates the Python virtual environment that executes notebooks-data/explore.ipynb in the tests
# (make test), only when it is missing or incomplete. Idempotent: a second run prints one line.
#   .venv-notebook/  (gitignored): nbclient, nbformat, ipykernel, pandas, matplotlib from PyPI.
# Uses Debian's python3 (/usr/bin/python3) and installs python3-venv with apt if venv is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-notebook
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
pkgs=(nbclient nbformat ipykernel pandas matplotlib)
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import nbclient, nbformat, ipykernel, pandas, matplotlib" 2>/dev/null; then
  echo "install-notebook-env: $VENV ready (${pkgs[*]})"
  exit 0
fi
if ! "$PY" -c "import venv, ensurepip" 2>/dev/null; then
  echo "install-notebook-env: installing python3-venv"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
fi
echo "install-notebook-env: creating $VENV and installing ${pkgs[*]} from PyPI"
rm -rf "$VENV"
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${pkgs[@]}"
"$VENV/bin/python" -c "import nbclient, nbformat, ipykernel, pandas, matplotlib"
echo "install-notebook-env: done"
