#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/) with actionlint, pinned here. It is a Go
# module: the first run builds it with `go install` from the Go module proxy into a cache outside
# the work tree (${XDG_CACHE_HOME:-~/.cache}/claimbench/), later runs reuse that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
ACTIONLINT_VERSION=v1.7.12
cache="${XDG_CACHE_HOME:-$HOME/.cache}/claimbench/actionlint-$ACTIONLINT_VERSION"
bin="$cache/actionlint"
if [ ! -x "$bin" ]; then
  command -v go >/dev/null 2>&1 || { echo "lint-workflows: go not found: actionlint $ACTIONLINT_VERSION is built with Go >= 1.25 (https://go.dev/dl/)" >&2; exit 1; }
  echo "lint-workflows: building actionlint $ACTIONLINT_VERSION into $cache"
  mkdir -p "$cache"
  GOBIN="$cache" GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi
# -shellcheck= : shellcheck is not part of the pinned toolchain; a copy on PATH would make the
# result depend on the machine.
"$bin" -shellcheck= -pyflakes= .github/workflows/*.yml
echo "lint-workflows: $(ls .github/workflows/*.yml | wc -l) workflows pass actionlint $ACTIONLINT_VERSION"
