#!/usr/bin/env bash
# Checks a built site against a second build from the same inputs: byte-identical (no clock, no
# randomness, no order of the file system in the output), and no path of this machine in it (only
# files of the repository are published). Usage: scripts/check-dist.sh [dist]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
first=${1:-dist}
second=.cache/dist-rebuild
rm -rf "$second"
ASTRO_TELEMETRY_DISABLED=1 npx astro build --outDir "$second" >/dev/null
if ! diff -r "$first" "$second" >/dev/null; then
  echo "check-dist: two builds from the same inputs differ:" >&2
  diff -rq "$first" "$second" | head -20 >&2
  exit 1
fi
if grep -rlF "$PWD" "$first" >/dev/null; then
  echo "check-dist: the built site contains this machine's path $PWD:" >&2
  grep -rlF "$PWD" "$first" | head -20 >&2
  exit 1
fi
rm -rf "$second"
echo "check-dist: two builds are byte-identical; no local path in $first/"
