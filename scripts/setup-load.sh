#!/usr/bin/env bash
# npm run setup:load: installs the load generator the server kernels are measured with, wrk 4.1.0
# as Debian packages it (apt-get install wrk; bookworm ships 4.1.0-3+b2), and the headers the
# http-serving kernel's C++ server is built with (libboost-dev for Boost.Beast, nlohmann-json3-dev).
# Needs root (or sudo) to install; does nothing when all are already there. The harness records
# the exact wrk version.
set -euo pipefail
WANT=4.1.0
version() { { wrk --version 2>&1 || true; } | head -1; }   # wrk prints its version with the usage text and exits 1
have() { command -v wrk >/dev/null 2>&1 && version | grep -q "$WANT"; }

headers=()
[ -f /usr/include/boost/beast/http.hpp ] || headers+=(libboost-dev)
[ -f /usr/include/nlohmann/json.hpp ] || headers+=(nlohmann-json3-dev)
if have && [ ${#headers[@]} -eq 0 ]; then
  echo "setup:load: $(version | sed 's/ Copyright.*//') is installed; Boost.Beast and nlohmann-json headers are there"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup:load: wrk $WANT not found, and this system has no apt-get: install wrk $WANT with your package manager (Homebrew: brew install wrk) or build it from https://github.com/wg/wrk/tree/4.1.0, then check with 'wrk --version'" >&2
  exit 1
fi
SUDO=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    echo "setup:load: installing Debian's wrk needs root: run 'apt-get install wrk' as root" >&2
    exit 1
  fi
fi
want=(wrk "${headers[@]}")
echo "setup:load: installing ${want[*]} from Debian"
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
if ! have; then
  echo "setup:load: the installed wrk is not $WANT: $(version)" >&2
  exit 1
fi
echo "setup:load: $(version | sed 's/ Copyright.*//') is installed"
