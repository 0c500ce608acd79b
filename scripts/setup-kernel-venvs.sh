#!/usr/bin/env bash
# Create one Python environment per kernel that asks for one: a kernel.yaml with
# "pythonLock: <file>" gets .venvs/<kernel> with exactly that pip lock installed
# (pip --require-hashes: every package pinned with its hashes), so that a kernel's
# packages are installed only for it. Idempotent: an environment is left alone while
# its stamp matches the lock's sha256. Called by scripts/setup-python.sh (npm run setup).
#
# Environment:
#   PYTHON   interpreter used to create the environments (default: python3)
set -euo pipefail

die() { echo "setup-kernel-venvs: error: $*" >&2; exit 1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"

for yaml in "$ROOT"/harness/kernels/*/kernel.yaml; do
  kernel="$(basename "$(dirname "$yaml")")"
  lock_name="$(sed -n 's/^pythonLock:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$yaml" | head -1)"
  [ -n "$lock_name" ] || continue
  lock="$(dirname "$yaml")/$lock_name"
  [ -f "$lock" ] || die "harness/kernels/$kernel/kernel.yaml: pythonLock: the file $lock_name does not exist in harness/kernels/$kernel"
  venv="$ROOT/.venvs/$kernel"
  stamp="$venv/.claimbench-lock-sha256"
  want="$(sha256sum "$lock" | cut -d' ' -f1)"
  if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "setup-kernel-venvs: .venvs/$kernel is up to date with harness/kernels/$kernel/$lock_name"
    continue
  fi
  if [ ! -x "$venv/bin/python" ]; then
    "$PYTHON" -m venv "$venv" || die "'$PYTHON -m venv $venv' failed (on Debian/Ubuntu: apt-get install python3-venv)"
  fi
  rm -f "$stamp"
  echo "setup-kernel-venvs: installing harness/kernels/$kernel/$lock_name into .venvs/$kernel"
  log="$(mktemp)"
  if ! "$venv/bin/python" -m pip install --disable-pip-version-check --no-input -q --require-hashes --only-binary=:all: -r "$lock" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "pip install of harness/kernels/$kernel/$lock_name into .venvs/$kernel failed (output above)"
  fi
  rm -f "$log"
  echo "$want" >"$stamp"
done
