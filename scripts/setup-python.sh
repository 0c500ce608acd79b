#!/usr/bin/env bash
# Create the project-local Python environment (.venv at the repository root)
# and install harness/requirements.lock into it. Idempotent: the install is
# skipped while .venv/.claimbench-lock-sha256 matches the lock file's sha256.
#
# Environment:
#   PYTHON   interpreter used to create the venv (default: python3)
set -euo pipefail

die() { echo "setup-python: error: $*" >&2; exit 1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCK="$ROOT/harness/requirements.lock"
VENV="$ROOT/.venv"
STAMP="$VENV/.claimbench-lock-sha256"
PYTHON="${PYTHON:-python3}"

[ -f "$LOCK" ] || die "lock file not found: $LOCK"
command -v "$PYTHON" >/dev/null 2>&1 || die "'$PYTHON' not found on PATH (set PYTHON=/path/to/python3)"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum not found (coreutils)"

want="$(sha256sum "$LOCK" | cut -d' ' -f1)"

if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  echo "setup-python: .venv is up to date with harness/requirements.lock"
  bash "$ROOT/scripts/setup-kernel-venvs.sh"
  exit 0
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup-python: creating .venv with $("$PYTHON" --version 2>&1)"
  "$PYTHON" -m venv "$VENV" || die "'$PYTHON -m venv' failed (on Debian/Ubuntu: apt-get install python3-venv)"
fi

rm -f "$STAMP"
echo "setup-python: installing harness/requirements.lock (a fresh install downloads a few hundred MB and takes ~1.1 GB)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q -r "$LOCK" >"$log" 2>&1; then
  cat "$log" >&2
  die "pip install of harness/requirements.lock failed (output above)"
fi

# Sanity checks: the tools the harness calls must be where it expects them.
"$VENV/bin/python" -c "import numpy, threadpoolctl" >/dev/null 2>&1 \
  || die "numpy/threadpoolctl not importable after install"
[ -x "$VENV/bin/mojo" ] || die ".venv/bin/mojo missing after install"
MODULAR_TELEMETRY_ENABLED=0 "$VENV/bin/mojo" --version >/dev/null 2>&1 \
  || die ".venv/bin/mojo does not run"

echo "$want" >"$STAMP"
echo "setup-python: done ($("$VENV/bin/python" -c 'import numpy; print("numpy", numpy.__version__)'), $(MODULAR_TELEMETRY_ENABLED=0 "$VENV/bin/mojo" --version 2>&1 | head -1))"

# Per-kernel environments (.venvs/<kernel>) for kernels that pin their own packages.
bash "$ROOT/scripts/setup-kernel-venvs.sh"
