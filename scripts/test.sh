#!/usr/bin/env bash
# The test command (npm test): validate records, type-check, unit and kernel tests, build the site from the
# committed results, then drive it in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
# Node 24 from the `node` devDependency, also when this script is run directly rather than by npm.
export PATH="$PWD/node_modules/.bin:$PATH"
node scripts/require-node.mjs
bash scripts/setup-python.sh
node scripts/check.ts
# Types of everything tsconfig.json includes (src, harness/runner, scripts, test): vitest strips types
# without checking them, so this is the only place a type error fails the tests.
npx tsc --noEmit -p .
# The GitHub Actions workflows: actionlint (pinned; built once into ~/.cache) and the safety rules' unit test.
bash scripts/lint-workflows.sh
npx vitest run
ASTRO_TELEMETRY_DISABLED=1 npx astro build
bash scripts/check-dist.sh dist
npx playwright test
