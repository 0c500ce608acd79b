#!/usr/bin/env bash
# Build, once, CPython 3.13, 3.14 and 3.15 twice each from the SAME upstream source, into a cache
# OUTSIDE the work tree so every clone/worktree on this machine reuses them:
#
#   $CLAIMBENCH_CACHE/toolchains/python3.Nt/bin/python3.Nt   free-threaded (./configure --disable-gil)
#   $CLAIMBENCH_CACHE/toolchains/python3.N/bin/python3.N     default GIL build, otherwise identical flags
#
# CLAIMBENCH_CACHE defaults to ~/.cache/claimbench. The pairs differ only in the GIL (same version,
# same compiler, same configure flags). Each prefix gets a BUILD-INFO file recording the Python
# version, the Debian source package version, the configure flags, the compiler and the build time.
#
# Sources: a version pinned in harness/toolchains/cpython-sources.lock (3.14 and 3.15 today) is
# built from CPython's own git tag, fetched as a module zip from the Go module proxy with
# `go mod download` (checked against the Go checksum database and the pinned h1 hash; see
# fetch_go_source and the lock file for why). Any other version (3.13) comes from Debian:
# Debian's python3.13 (trixie), python3.14 (unstable) and python3.15 (experimental) source
# packages, listed with "apt-get source --print-uris" and fetched file by file with apt's
# hash-checking downloader (see fetch_source below) through a PROJECT-LOCAL apt configuration
# (harness/toolchains/apt/apt.conf + sources.list, state and cache under the toolchain cache); the
# system's apt sources are not read. apt checks each suite's InRelease signature with
# /usr/share/keyrings/debian-archive-keyring.gpg and the file hashes. The mirror's Release files are
# past their Valid-Until date, so apt runs with -o Acquire::Check-Valid-Until=false (signatures are
# still checked). Where Debian ships the upstream tarball's OpenPGP signature (.orig.tar.xz.asc:
# 3.13) it is checked with debian/upstream/signing-key.asc; from 3.14 on CPython releases are signed
# with Sigstore only (PEP 761), so the tarball is trusted through apt's signed hashes and BUILD-INFO
# says so. Only the upstream tarball is built: Debian's patches are NOT applied.
#
# Build dependencies are installed with apt-get from the SYSTEM configuration when missing
# (needs root). Idempotent: nothing is fetched or built while both BUILD-INFO stamps of a version
# match the wanted recipe and both interpreters run; the GIL checks at the end always run (< 1 s).
#
# Usage: bash scripts/setup-free-threaded.sh [--force] [--list] [--fetch-only] [--print-flags] [3.13] [3.14] [3.15]
#   (npm run setup:free-threaded -- 3.14)
#   3.13 3.14 3.15  the versions to build (default: all three, one after the other)
#   --force         rebuild even if the stamps match (also picks up a newer Debian package version)
#   --list          build nothing: show each cached interpreter, its GIL state
#                   (sys._is_gil_enabled(), Py_GIL_DISABLED) and build flags (CONFIG_ARGS, PGO/LTO)
#   --fetch-only    fetch and verify the source, unpack it and run configure for both builds, then
#                   stop (minutes, not the hour a pair's make takes on two CPUs); builds nothing
#   --print-flags   build and fetch nothing: print each build's configure arguments for the
#                   optimisation CLAIMBENCH_PY_OPT picks
# Environment:
#   CLAIMBENCH_CACHE    cache root (default ~/.cache/claimbench); interpreters in $CLAIMBENCH_CACHE/toolchains
#   CLAIMBENCH_PY_OPT   plain (default) | pgo | pgo-lto   optimisation of BOTH builds:
#                       plain   = CPython's default -O3, no PGO/LTO
#                       pgo     = --enable-optimizations
#                       pgo-lto = --enable-optimizations --with-lto  (what python.org/Debian ship)
set -Eeuo pipefail

die() { echo "setup-free-threaded: error: $*" >&2; exit 1; }
say() { echo "setup-free-threaded: $*"; }
trap 'rc=$?; echo "setup-free-threaded: error: unexpected failure (exit $rc) at line $LINENO: $BASH_COMMAND" >&2; exit $rc' ERR

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${CLAIMBENCH_CACHE:-$HOME/.cache/claimbench}"
case "$CACHE" in /*) ;; *) die "CLAIMBENCH_CACHE must be an absolute path (got '$CACHE')" ;; esac
TC="$CACHE/toolchains"
APT_CONF="$ROOT/harness/toolchains/apt/apt.conf"
APT_SOURCES="$ROOT/harness/toolchains/apt/sources.list"
APT_DIR="$TC/apt"
GO_LOCK="$ROOT/harness/toolchains/cpython-sources.lock"
DL="$APT_DIR/src"
LOGS="$TC/logs"
RECIPE=2   # bump when the build recipe changes in a way that should force a rebuild
ALL_VERSIONS=(3.13 3.14 3.15)
# version -> Debian suite whose source package is built (see harness/toolchains/apt/sources.list)
# (3.15.2 sits in unstable on the mirror today; experimental is searched too, the newest wins).
suite_of() { case "$1" in 3.13) echo trixie ;; 3.14) echo unstable ;; 3.15) echo "unstable|experimental" ;; esac; }

FORCE=0; LIST=0; FETCH_ONLY=0; PRINT_FLAGS=0; VERSIONS=()
for a in "$@"; do
  case "$a" in
    --force) FORCE=1 ;;
    --list) LIST=1 ;;
    --fetch-only) FETCH_ONLY=1 ;;
    --print-flags) PRINT_FLAGS=1 ;;
    3.13|3.14|3.15) VERSIONS+=("$a") ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument: $a (usage: setup-free-threaded.sh [--force] [--list] [--fetch-only] [--print-flags] [3.13] [3.14] [3.15])" ;;
  esac
done
[ "${#VERSIONS[@]}" -gt 0 ] || VERSIONS=("${ALL_VERSIONS[@]}")

OPT_MODE="${CLAIMBENCH_PY_OPT:-plain}"
case "$OPT_MODE" in
  plain)   OPT_FLAGS=() ;;
  pgo)     OPT_FLAGS=(--enable-optimizations) ;;
  pgo-lto) OPT_FLAGS=(--enable-optimizations --with-lto) ;;
  *) die "CLAIMBENCH_PY_OPT must be plain, pgo or pgo-lto (got '$OPT_MODE')" ;;
esac
# Configure flags shared by both builds (the free-threaded one adds --disable-gil, each its --prefix).
# pip is not installed (benchmarks get their pure-Python dependencies on PYTHONPATH).
COMMON_FLAGS=(--with-ensurepip=no "${OPT_FLAGS[@]}")
# go_pin_of version -> "tag module-version h1-hash commit" from cpython-sources.lock, empty when the
# version is built from Debian's source package.
go_pin_of() { [ -f "$GO_LOCK" ] && awk -v v="$1" '!/^#/ && $1 == v { print $2, $3, $4, $5; exit }' "$GO_LOCK"; }
# Tests left out of PGO's training run (CPython's own --pgo selection of its test suite), per
# version, for both builds alike so that the pair stays the same. Since 3.13 a training test that
# fails stops the build. 3.13: test_generators fails in --pgo mode on the free-threaded 3.13.5
# build, every time (in regrtest's normal mode the same 43 tests pass on that same build; seen 4
# December 2026 on the EPYC).
pgo_skip_of() { case "$1" in 3.13) echo test_generators ;; esac; }
# The training tests are then named one by one (regrtest's -x would exclude from ALL tests, not from
# the --pgo selection): PGO_TESTS of the source's Lib/test/libregrtest/pgo.py, less the skipped.
pgo_tests_of() { # src skip -> the source's PGO_TESTS without `skip`, space-separated
  local file="$1/Lib/test/libregrtest/pgo.py" tests
  tests="$(awk '/^PGO_TESTS = \[/ { f = 1; next } f && /^\]/ { exit } f { gsub(/[ \047,]/, ""); if ($0 != "") print }' "$file" 2>/dev/null)"
  [ "$(echo "$tests" | grep -c .)" -ge 10 ] || die "cannot read PGO_TESTS from $file (expected a list of test modules)"
  echo "$tests" | grep -qxF "$2" || die "$file: PGO_TESTS does not name $2 any more: remove it from pgo_skip_of in ${BASH_SOURCE[0]}"
  echo "$tests" | grep -vxF "$2" | paste -sd' '
}
# version [src] -> its configure arguments beyond COMMON_FLAGS, one per line (none for a plain
# build). Without the source (stamps, --print-flags) the training tests are described, not listed.
version_flags_of() {
  local skip tests; skip="$(pgo_skip_of "$1")"
  [ "$OPT_MODE" != plain ] && [ -n "$skip" ] || return 0
  if [ -n "${2:-}" ]; then tests="$(pgo_tests_of "$2" "$skip")" || return 1; else tests="<PGO_TESTS of Lib/test/libregrtest/pgo.py except $skip>"; fi
  echo "PROFILE_TASK=-m test --pgo --timeout=\$(TESTTIMEOUT) $tests"
}
stamp_of() {
  local pin vflags; pin="$(go_pin_of "$1")"; vflags="$(version_flags_of "$1")"
  echo "recipe=$RECIPE package=python$1${pin:+ source=go:$(echo "$pin" | cut -d' ' -f2)} opt=$OPT_MODE flags=${COMMON_FLAGS[*]}${vflags:+ $vflags}"
}

# variant name (python3.13 / python3.13t) -> prefix, binary, extra configure flag
prefix_of() { echo "$TC/$1"; }
binary_of() { echo "$TC/$1/bin/$1"; }
extra_of() { case "$1" in *t) echo "--disable-gil" ;; esac; }
# variant version [src] -> CONFIGURE_ARGS (global array): the configure arguments of that build.
configure_args_of() {
  local vflags; vflags="$(version_flags_of "$2" "${3:-}")" || exit 1; mapfile -t vflags <<<"$vflags"; [ -n "${vflags[0]}" ] || vflags=()
  CONFIGURE_ARGS=(--prefix="$(prefix_of "$1")" $(extra_of "$1") "${COMMON_FLAGS[@]}" "${vflags[@]}")
}

# The interpreters must not be steered by the caller's environment in the checks below.
unset PYTHON_GIL PYTHONPATH PYTHONHOME PYTHONSTARTUP PYTHONNOUSERSITE 2>/dev/null || true

# ---- --print-flags: each build's configure arguments (no lock, no fetch, no build) -------------
if [ "$PRINT_FLAGS" = 1 ]; then
  for ver in "${VERSIONS[@]}"; do
    for v in "python${ver}t" "python$ver"; do
      configure_args_of "$v" "$ver"
      printf '%s (%s):' "$v" "$OPT_MODE"; printf ' %q' "${CONFIGURE_ARGS[@]}"; echo
    done
  done
  exit 0
fi

# ---- --list: what is cached (no lock, no build) --------------------------------------------------
if [ "$LIST" = 1 ]; then
  say "toolchain cache: $TC ($( [ -L "$ROOT/.toolchains" ] && echo ".toolchains links to it" || echo ".toolchains does not link to it yet: npm run setup:free-threaded links it"))"
  for ver in "${ALL_VERSIONS[@]}"; do
    for v in "python$ver" "python${ver}t"; do
      b="$(binary_of "$v")"
      if [ ! -x "$b" ]; then
        why=""
        if [ -n "$(go_pin_of "$ver")" ]; then
          why="; source: CPython tag $(go_pin_of "$ver" | cut -d' ' -f1) via the Go module proxy, pinned in harness/toolchains/cpython-sources.lock"
        else
          grep -qs '404' "$TC/logs/apt-source-$ver.log" && why="; the last fetch found its source not served by the mirror, see $TC/logs/apt-source-$ver.log"
        fi
        printf '%-13s not built (npm run setup:free-threaded -- %s%s)\n' "$v" "$ver" "$why"; continue
      fi
      info="$("$b" -c "
import sys, sysconfig, platform
cfg = sysconfig.get_config_var('CONFIG_ARGS') or ''
opt = 'pgo-lto' if ('--enable-optimizations' in cfg and '--with-lto' in cfg) else 'pgo' if '--enable-optimizations' in cfg else 'lto' if '--with-lto' in cfg else 'plain -O3 (no PGO/LTO)'
print(platform.python_version(), 'gil_enabled=%s' % getattr(sys, '_is_gil_enabled', lambda: True)(), 'Py_GIL_DISABLED=%s' % sysconfig.get_config_var('Py_GIL_DISABLED'), 'build=' + opt, 'CONFIG_ARGS=' + cfg)
" 2>&1)" || info="does not run: $info"
      stamp="stale or missing BUILD-INFO"
      [ -f "$(prefix_of "$v")/BUILD-INFO" ] && grep -qxF "stamp=$(stamp_of "$ver")" "$(prefix_of "$v")/BUILD-INFO" && stamp="stamp ok"
      printf '%-13s %s  %s  [%s]\n' "$v" "$b" "$info" "$stamp"
    done
  done
  exit 0
fi

# ---- checks of the finished builds (run on the cached path too) ---------------------------------
gil_report() { # variant -> "sys._is_gil_enabled() Py_GIL_DISABLED"
  "$(binary_of "$1")" -c "import sys, sysconfig; print(sys._is_gil_enabled(), sysconfig.get_config_var('Py_GIL_DISABLED'))"
}

verify() { # version
  local ft gil ver="$1"
  ft="$(gil_report "python${ver}t" 2>&1)" || die "$(binary_of "python${ver}t") does not run: $ft"
  gil="$(gil_report "python$ver" 2>&1)" || die "$(binary_of "python$ver") does not run: $gil"
  say "python${ver}t: sys._is_gil_enabled()=${ft% *} Py_GIL_DISABLED=${ft#* }"
  say "python$ver:  sys._is_gil_enabled()=${gil% *} Py_GIL_DISABLED=${gil#* }"
  [ "$ft" = "False 1" ] || die "the free-threaded $ver build does not report the GIL disabled (got '$ft', want 'False 1')"
  [ "$gil" = "True 0" ] || die "the default $ver build does not report the GIL enabled (got '$gil', want 'True 0')"
}

stamp_ok() { # variant version
  local info; info="$(prefix_of "$1")/BUILD-INFO"
  [ -f "$info" ] && grep -qxF "stamp=$(stamp_of "$2")" "$info" && "$(binary_of "$1")" -c pass >/dev/null 2>&1
}

mkdir -p "$TC"

# The harness finds the builds at <work tree>/.toolchains/python3.N[t] (relative paths in run files):
# make .toolchains a link to the cache. A real .toolchains folder (the 3.13-only recipe built into
# the work tree) is left alone: say how to replace it.
link_toolchains() {
  local link="$ROOT/.toolchains"
  if [ -L "$link" ]; then
    [ "$(readlink "$link")" = "$TC" ] || { rm -f "$link"; ln -s "$TC" "$link"; }
  elif [ -e "$link" ]; then
    die "$link is a folder of an older setup; remove it (rm -rf .toolchains) so that it can link to the shared cache $TC"
  else
    ln -s "$TC" "$link"
  fi
}
link_toolchains
say "$ROOT/.toolchains -> $TC"

exec 9>"$TC/.setup-free-threaded.lock"
flock -n 9 || die "another setup-free-threaded run holds $TC/.setup-free-threaded.lock"

TODO=()
for ver in "${VERSIONS[@]}"; do
  if [ "$FORCE" = 0 ] && [ "$FETCH_ONLY" = 0 ] && stamp_ok "python${ver}t" "$ver" && stamp_ok "python$ver" "$ver"; then
    say "up to date: $(grep '^python_version=' "$TC/python${ver}t/BUILD-INFO" | cut -d= -f2) from $(grep '^source_package=' "$TC/python${ver}t/BUILD-INFO" | cut -d= -f2-), opt=$OPT_MODE (--force rebuilds)"
    verify "$ver"
  else
    TODO+=("$ver")
  fi
done
[ "${#TODO[@]}" -gt 0 ] || exit 0

# ---- build dependencies (system apt configuration) ---------------------------------------------
# Only what the stdlib modules a benchmark may use need: ssl/hashlib, zlib, ctypes, bz2, lzma,
# sqlite3, readline, uuid. No tkinter, gdbm or Berkeley DB. expat and libmpdec are bundled.
# dpkg-dev (apt-get source) comes with build-essential; gpg/gpgv/xz-utils check and unpack the source.
DEPS=(build-essential pkg-config libssl-dev zlib1g-dev libffi-dev libbz2-dev liblzma-dev
      libsqlite3-dev libreadline-dev uuid-dev gpg gpgv xz-utils)
missing=()
for p in "${DEPS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing build dependencies: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})"
  say "installing build dependencies: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; } \
    || die "apt-get install ${missing[*]} failed"
fi

# ---- project-local apt: one update for all suites -------------------------------------------------
NEED_APT=0; NEED_GO=0
for ver in "${TODO[@]}"; do if [ -n "$(go_pin_of "$ver")" ]; then NEED_GO=1; else NEED_APT=1; fi; done
if [ "$NEED_GO" = 1 ]; then
  command -v go >/dev/null 2>&1 || die "Go is needed to fetch the CPython source pinned in $GO_LOCK (go mod download): install Go >= 1.21 (apt-get install golang-go, or https://go.dev/dl/ through the Go module proxy's mirror)"
fi
if [ "$NEED_APT" = 1 ]; then
[ -f "$APT_CONF" ] && [ -f "$APT_SOURCES" ] || die "project apt configuration missing ($APT_CONF, $APT_SOURCES)"
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/state" "$DL" "$LOGS"
: >"$APT_DIR/state/status"   # an empty dpkg status: nothing of this machine's package state is used
# Check-Valid-Until=false: the mirror's Release files are past their Valid-Until date; the
# signatures and hashes are still checked (apt.conf forbids unsigned or unverifiable indexes).
APTO=(-o "Dir::Etc::SourceList=$APT_SOURCES" -o "Dir::State=$APT_DIR/state" -o "Dir::State::Lists=$APT_DIR/lists"
      -o "Dir::State::status=$APT_DIR/state/status" -o "Dir::Cache=$APT_DIR/cache" -o "Acquire::Check-Valid-Until=false")
papt() { APT_CONFIG="$APT_CONF" "$@"; }

say "apt-get update (project-local: $(grep -v '^#' "$APT_SOURCES" | grep deb-src | awk '{print $(NF-1)}' | paste -sd' '))"
papt apt-get "${APTO[@]}" update >"$LOGS/apt-update.log" 2>&1 \
  || { tail -20 "$LOGS/apt-update.log" >&2; die "apt-get update with the project apt configuration failed (is deb.debian.org reachable? are the suites' signatures valid with debian-archive-keyring?)"; }
grep -qE '^(W|E|Err):' "$LOGS/apt-update.log" && { cat "$LOGS/apt-update.log" >&2; die "apt-get update reported errors or warnings (see above)"; }
fi
mkdir -p "$LOGS"

CC_VERSION="$(${CC:-cc} --version 2>/dev/null | head -1)" && [ -n "$CC_VERSION" ] \
  || die "C compiler '${CC:-cc}' not found or not working (apt-get install build-essential)"

build_one() { # variant version src
  local v="$1" ver="$2" src="$3" prefix build start secs extra log
  prefix="$(prefix_of "$v")"; build="$TC/build/$v"; extra="$(extra_of "$v")"; log="$LOGS/build-$v.log"
  rm -rf "$prefix" "$build"; mkdir -p "$build"
  configure_args_of "$v" "$ver" "$src"; local flags=("${CONFIGURE_ARGS[@]}")
  say "building $v: configure ${flags[*]}; make -j2 (log: $log)"
  start=$(date +%s)
  {
    ( cd "$build" && "$src/configure" "${flags[@]}" ) &&
    make -C "$build" -j2 &&
    make -C "$build" install
  } >"$log" 2>&1 || { tail -30 "$log" >&2; die "build of $v failed (full log: $log)"; }
  secs=$(( $(date +%s) - start ))
  [ -x "$(binary_of "$v")" ] || die "build of $v did not install $(binary_of "$v")"
  # Modules a benchmark may import: fail now rather than in the middle of a measurement.
  "$(binary_of "$v")" -c "import ssl, hashlib, zlib, ctypes, bz2, lzma, sqlite3, readline, uuid, decimal, json, threading, multiprocessing, concurrent.futures" 2>>"$log" \
    || { tail -5 "$log" >&2; die "$v built but lacks a stdlib extension module (see $log)"; }
  local pyver cfg
  pyver="$("$(binary_of "$v")" -c 'import platform; print(platform.python_version())')"
  cfg="$("$(binary_of "$v")" -c "import sysconfig as s; [print(k + '=' + str(s.get_config_var(k))) for k in ('CC', 'OPT', 'CFLAGS', 'LDFLAGS', 'CONFIG_ARGS')]")"
  {
    echo "name=$v"
    echo "binary=bin/$v"
    echo "python_version=$pyver"
    echo "gil=$([ -n "$extra" ] && echo disabled || echo enabled)"
    echo "source_package=$SOURCE_PACKAGE_LINE"
    echo "source_tarball=$SOURCE_TARBALL_LINE"
    echo "upstream_signature=$UPSTREAM_SIG"
    echo "source_dsc=$DSC_NOTE"
    [ -z "$MISSING_NOTE" ] || echo "source_not_served=$MISSING_NOTE"
    echo "debian_patches=not applied (upstream source only)"
    echo "configure_flags=${flags[*]/#--prefix=*/--prefix=\$CLAIMBENCH_CACHE/toolchains/$v}"
    echo "optimization=$OPT_MODE"
    echo "compiler=$CC_VERSION"
    echo "make=make -j2"
    echo "$cfg" | sed 's/^/sysconfig_/'
    echo "build_seconds=$secs"
    echo "built_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host=$(uname -srm), $(nproc) cores"
    echo "stamp=$(stamp_of "$ver")"
  } >"$prefix/BUILD-INFO"
  rm -rf "$build"
  say "built $v ($pyver) in ${secs}s"
}

# ---- fetching one version's source -------------------------------------------------------------
# The files of a source package and their SHA256 come from Debian's Sources index, whose InRelease
# signature apt-get update checked ("apt-get source --print-uris" lists them without downloading).
# Each file is downloaded by apt's own method with that hash (apt-helper download-file refuses a
# file whose hash differs). Only the upstream tarball (.orig.tar.*) is needed for the build; the
# .dsc (checked against the index, its OpenPGP signature checked when debian-keyring is installed,
# and every file it lists checked against its Checksums-Sha256) and the .debian.tar.* (needed only
# for 3.13's upstream signing key) are fetched when the mirror serves them and noted when it does
# not (the mirror answered 404 for python3.14_3.14.10-1.debian.tar.xz). When the mirror does not
# serve the newest version's upstream tarball, the next older version in the suite is tried, and
# the one used is stated. A tarball copied by hand into $DL under its Debian name is used when its
# hash matches the index.
print_uris() { # package=version -> "url name size SHA256:hash" lines
  # From an empty folder: apt-get source does not list a file that is already in the current one.
  mkdir -p "$APT_DIR/print-uris"
  ( cd "$APT_DIR/print-uris" && papt apt-get "${APTO[@]}" source --print-uris "$1" 2>>"$LOGS/apt-source-$ver.log" ) | sed -n "s/^'\([^']*\)' \([^ ]*\) \([0-9]*\) \(SHA256:[0-9a-f]*\)$/\1 \2 \3 \4/p"
}

fetch_file() { # url name SHA256:hash -> 0 when $DL/name is there with that hash
  local url="$1" name="$2" hash="$3"
  if [ -f "$DL/$name" ] && [ "SHA256:$(sha256sum "$DL/$name" | cut -d' ' -f1)" = "$hash" ]; then return 0; fi
  rm -f "$DL/$name"
  papt /usr/lib/apt/apt-helper "${APTO[@]}" download-file "$url" "$DL/$name" "$hash" >>"$LOGS/apt-source-$ver.log" 2>&1 || { rm -f "$DL/$name"; return 1; }
  [ "SHA256:$(sha256sum "$DL/$name" | cut -d' ' -f1)" = "$hash" ] || { rm -f "$DL/$name"; return 1; }
}

check_dsc() { # dsc file -> sets DSC_NOTE; dies when a file it lists disagrees with what we hold
  local dsc="$1" line sum size name
  DSC_NOTE="$(basename "$dsc") (sha256 checked against the signed index"
  if [ -f /usr/share/keyrings/debian-keyring.gpg ]; then
    gpgv --keyring /usr/share/keyrings/debian-keyring.gpg "$dsc" >>"$LOGS/apt-source-$ver.log" 2>&1 \
      || die "the OpenPGP signature of $dsc does not verify with /usr/share/keyrings/debian-keyring.gpg"
    DSC_NOTE+="; OpenPGP signature good with debian-keyring"
  else
    DSC_NOTE+="; its uploader's OpenPGP signature not checked: apt-get install debian-keyring to check it"
  fi
  while read -r sum size name; do
    [ -n "$name" ] || continue
    if [ -f "$DL/$name" ]; then
      [ "$(sha256sum "$DL/$name" | cut -d' ' -f1)" = "$sum" ] || die "$DL/$name does not match the SHA256 its .dsc lists ($sum)"
      DSC_NOTE+="; $name matches"
    else
      DSC_NOTE+="; $name listed, not fetched"
    fi
  done < <(awk '/^Checksums-Sha256:/ { on = 1; next } /^[^ ]/ { on = 0 } on { print $1, $2, $3 }' "$dsc")
  DSC_NOTE+=")"
}

fetch_source() { # version suite -> sets SRC_PACKAGE DEB_VERSION UP_VERSION ORIG DEBTAR DSC_NOTE MISSING_NOTE
  local ver="$1" suite="$2" candidates cand url name size hash got missing
  SRC_PACKAGE="python$ver"
  # Every version of the package in its suite(s), newest first: unstable also carries newer 3.13s,
  # which are not the trixie interpreter this recipe names.
  candidates="$(papt apt-cache "${APTO[@]}" madison "$SRC_PACKAGE" 2>/dev/null \
    | awk -F'|' -v re="^ ($suite)/main Sources\$" '{ v = $2; gsub(/ /, "", v); s = $3; sub(/^ *http[^ ]* /, " ", s) } s ~ re { print v }' | sort -Vru)"
  [ -n "$candidates" ] || die "source package $SRC_PACKAGE not found in Debian $suite (project apt lists under $APT_DIR/lists)"
  MISSING_NOTE=""
  for cand in $candidates; do
    UP_VERSION="${cand#*:}"; UP_VERSION="${UP_VERSION%-*}"
    case "$UP_VERSION" in "$ver".*) ;; *) die "$SRC_PACKAGE $cand is not Python $ver.x" ;; esac
    say "fetching $SRC_PACKAGE=$cand (files and SHA256 from the signed $suite Sources index)"
    ORIG=""; DEBTAR=""; DSC_NOTE="no .dsc"; missing=()
    while read -r url name size hash; do
      if fetch_file "$url" "$name" "$hash"; then got="$DL/$name"; else missing+=("$name"); continue; fi
      case "$name" in
        *.orig.tar.*.asc) ;;
        *.orig.tar.*) ORIG="$got" ;;
        *.debian.tar.*) DEBTAR="$got" ;;
      esac
    done < <(print_uris "$SRC_PACKAGE=$cand")
    local dsc="$DL/${SRC_PACKAGE}_${cand#*:}.dsc"
    [ -f "$dsc" ] && check_dsc "$dsc"
    if [ "${#missing[@]}" -gt 0 ]; then
      MISSING_NOTE+="$SRC_PACKAGE $cand: the mirror did not serve ${missing[*]}. "
      say "  not served by the mirror: ${missing[*]}"
    fi
    if [ -n "$ORIG" ]; then
      DEB_VERSION="$cand"
      [ "$cand" = "$(echo "$candidates" | head -1)" ] || say "using $SRC_PACKAGE $cand: the newest version's upstream tarball is not served ($MISSING_NOTE)"
      return 0
    fi
  done
  die "the mirror serves no upstream tarball of $SRC_PACKAGE in $suite (${MISSING_NOTE}log: $LOGS/apt-source-$ver.log). Copy the tarball under its Debian name into $DL (its SHA256 is checked against Debian's signed index), or build on a machine whose mirror has it."
}

# ---- fetching a pinned git tag from the Go module proxy ------------------------------------------
# `go mod download -json github.com/python/cpython@<module version>` fetches the tag's zip from
# the Go module proxy into a module cache under the toolchain cache, checks it against the Go
# checksum database (GOSUMDB=sum.golang.org: refused when the log has a different hash) and prints
# its h1 hash, which must equal the one pinned in cpython-sources.lock; the unpacked tree is copied
# and must say it is the pinned version (Include/patchlevel.h).
fetch_go_source() { # version -> sets SRC_DIR UP_VERSION SOURCE_PACKAGE_LINE SOURCE_TARBALL_LINE UPSTREAM_SIG DSC_NOTE MISSING_NOTE
  local ver="$1" tag modver sum commit json got_sum dir
  read -r tag modver sum commit <<<"$(go_pin_of "$ver")"
  [ -n "$sum" ] || die "$GO_LOCK: the line of $ver needs tag, module version, h1 hash and commit (or -)"
  say "fetching CPython $tag (github.com/python/cpython@$modver) from the Go module proxy, pinned $sum"
  mkdir -p "$TC/gomod" "$LOGS"
  json="$(cd "$TC" && env GOMODCACHE="$TC/gomod" GOFLAGS=-modcacherw GO111MODULE=on GOTOOLCHAIN=local \
      GOPROXY="${CLAIMBENCH_GOPROXY:-https://proxy.golang.org}" GOSUMDB=sum.golang.org GONOSUMDB= GONOSUMCHECK= GOPRIVATE= GOINSECURE= \
      go mod download -json "github.com/python/cpython@$modver" 2>"$LOGS/go-source-$ver.log")" \
    || { cat "$LOGS/go-source-$ver.log" >&2; echo "$json" >&2; die "go mod download github.com/python/cpython@$modver failed (log: $LOGS/go-source-$ver.log; the Go module proxy and sum.golang.org must be reachable)"; }
  got_sum="$(printf '%s' "$json" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d.get("Sum", ""), d.get("Dir", ""), d.get("Error", ""), sep="\t")')"
  dir="$(echo "$got_sum" | cut -f2)"
  [ -z "$(echo "$got_sum" | cut -f3)" ] || die "go mod download: $(echo "$got_sum" | cut -f3)"
  [ "$(echo "$got_sum" | cut -f1)" = "$sum" ] || die "github.com/python/cpython@$modver has hash $(echo "$got_sum" | cut -f1), but $GO_LOCK pins $sum"
  [ -f "$dir/configure" ] || die "the module zip of $tag has no configure script ($dir)"
  UP_VERSION="$(sed -n 's/^#define PY_VERSION[[:space:]]*"\(.*\)"/\1/p' "$dir/Include/patchlevel.h")"
  [ "v$UP_VERSION" = "$tag" ] || die "$dir/Include/patchlevel.h says $UP_VERSION, the pin says $tag"
  case "$UP_VERSION" in "$ver".*) ;; *) die "$tag is not Python $ver.x" ;; esac
  SRC_DIR="$TC/src/Python-$UP_VERSION"
  rm -rf "$TC/src"; mkdir -p "$TC/src"
  cp -a "$dir" "$SRC_DIR" && chmod -R u+w "$SRC_DIR" || die "could not copy $dir"
  # Module zips keep no file modes: give the scripts (files that start with "#!") back their
  # executable bit, as git checks them out (configure, install-sh, Tools/..., Modules/makesetup).
  python3 - "$SRC_DIR" <<'PY' || die "could not restore the executable bits under $SRC_DIR"
import os, sys
for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        path = os.path.join(root, name)
        with open(path, "rb") as f:
            if f.read(2) == b"#!":
                os.chmod(path, os.stat(path).st_mode | 0o111)
PY
  [ -x "$SRC_DIR/configure" ] || die "$SRC_DIR/configure is not executable"
  SOURCE_PACKAGE_LINE="CPython git tag $tag${commit:+ (commit $commit)}, module github.com/python/cpython@$modver from the Go module proxy (pinned in harness/toolchains/cpython-sources.lock)"
  [ "$commit" != "-" ] || SOURCE_PACKAGE_LINE="CPython git tag $tag, module github.com/python/cpython@$modver from the Go module proxy (pinned in harness/toolchains/cpython-sources.lock)"
  SOURCE_TARBALL_LINE="module zip $sum (go mod download: checked against sum.golang.org and the pin)"
  UPSTREAM_SIG="none (a git tag's tree, not a release tarball; CPython $ver releases are signed with Sigstore only, PEP 761); integrity from the Go checksum database"
  DSC_NOTE="none (not a Debian source package)"
  MISSING_NOTE=""
  say "source: CPython $UP_VERSION from tag $tag, $sum"
}

# A Debian source package: fetch (above), check the upstream signature where Debian ships one, and
# unpack the upstream tarball only.
fetch_debian_source() { # version suite -> sets SRC_DIR UP_VERSION SOURCE_PACKAGE_LINE SOURCE_TARBALL_LINE UPSTREAM_SIG DSC_NOTE MISSING_NOTE
  local ver="$1" suite="$2"
  fetch_source "$ver" "$suite"
  ORIG_SHA256="$(sha256sum "$ORIG" | cut -d' ' -f1)"
  SOURCE_PACKAGE_LINE="$SRC_PACKAGE $DEB_VERSION (Debian $(echo "$suite" | tr '|' '/') main, apt-get source via harness/toolchains/apt)"
  SOURCE_TARBALL_LINE="$(basename "$ORIG") sha256=$ORIG_SHA256"

  # Upstream signature (defence in depth; apt already checked the hashes against the signed index).
  if [ -f "$ORIG.asc" ]; then
    local keydir; keydir="$(mktemp -d)"
    [ -n "$DEBTAR" ] || die "the mirror did not serve the .debian tarball that holds debian/upstream/signing-key.asc, needed to check $ORIG.asc"
    tar -xf "$DEBTAR" -C "$keydir" debian/upstream/signing-key.asc 2>/dev/null \
      || die "$DEBTAR has no debian/upstream/signing-key.asc to check $ORIG.asc with"
    gpg --batch --quiet --dearmor <"$keydir/debian/upstream/signing-key.asc" >"$keydir/upstream.gpg" \
      || die "could not read debian/upstream/signing-key.asc"
    if gpgv --keyring "$keydir/upstream.gpg" "$ORIG.asc" "$ORIG" >"$LOGS/upstream-gpgv-$ver.log" 2>&1; then
      UPSTREAM_SIG="good ($(grep -m1 -o 'Good signature from "[^"]*"' "$LOGS/upstream-gpgv-$ver.log" | cut -d'"' -f2), key from debian/upstream/signing-key.asc)"
    else
      cat "$LOGS/upstream-gpgv-$ver.log" >&2; die "the upstream signature of $ORIG does not verify"
    fi
    rm -rf "$keydir"
  elif [ "$ver" = 3.13 ]; then
    die "no upstream signature $ORIG.asc next to $ORIG (3.13 releases are OpenPGP-signed)"
  else
    UPSTREAM_SIG="none shipped (CPython $ver is signed with Sigstore only, PEP 761); tarball trusted through the hashes in Debian's signed $suite index"
  fi
  say "source: $SRC_PACKAGE $DEB_VERSION, $(basename "$ORIG") sha256 $ORIG_SHA256, upstream signature $UPSTREAM_SIG; .dsc: $DSC_NOTE"

  # ---- unpack the upstream tarball (Debian's patches are not applied) --------------------------
  SRC_DIR="$TC/src/Python-$UP_VERSION"
  rm -rf "$TC/src"; mkdir -p "$TC/src"
  tar -xf "$ORIG" -C "$TC/src" || die "could not unpack $ORIG"
  [ -x "$SRC_DIR/configure" ] || die "$ORIG did not unpack to $SRC_DIR"
}

build_version() { # version
  local ver="$1" suite src; suite="$(suite_of "$ver")"
  SRC_PACKAGE="python$ver"
  if [ -n "$(go_pin_of "$ver")" ]; then
    fetch_go_source "$ver"
  else
    fetch_debian_source "$ver" "$suite"
  fi
  src="$SRC_DIR"

  if [ "$FETCH_ONLY" = 1 ]; then
    local v flags
    for v in "python${ver}t" "python$ver"; do
      rm -rf "$TC/build/$v"; mkdir -p "$TC/build/$v"
      configure_args_of "$v" "$ver" "$src"; flags=("${CONFIGURE_ARGS[@]}")
      ( cd "$TC/build/$v" && "$src/configure" "${flags[@]}" ) >"$LOGS/configure-$v.log" 2>&1 \
        || { tail -20 "$LOGS/configure-$v.log" >&2; die "configure of $v failed (log: $LOGS/configure-$v.log)"; }
      say "configure of $v: ok (${flags[*]}; log: $LOGS/configure-$v.log)"
    done
    rm -rf "$TC/src" "$TC/build"
    say "fetch-only $ver: $SOURCE_PACKAGE_LINE fetched, verified, unpacked and configured; nothing built. Build: npm run setup:free-threaded -- $ver (two builds, make -j2)"
    return 0
  fi

  # Invalidate both stamps first: a half-finished run must not leave one new and one old build.
  rm -f "$TC/python${ver}t/BUILD-INFO" "$TC/python$ver/BUILD-INFO"
  build_one "python${ver}t" "$ver" "$src"
  build_one "python$ver" "$ver" "$src"
  rm -rf "$TC/src" "$TC/build"

  # Fairness: apart from the prefix and --disable-gil, the two builds must have the same compiler
  # and flags (sysconfig values as recorded in BUILD-INFO; paths are normalised).
  norm() { grep -E '^(compiler|optimization|make|sysconfig_(CC|OPT|CFLAGS|LDFLAGS|CONFIG_ARGS))=' "$TC/$1/BUILD-INFO" \
    | sed -e "s#$TC/$1#PREFIX#g" -e "s# '--disable-gil'##g" -e 's# --disable-gil##g'; }
  if ! diff <(norm "python${ver}t") <(norm "python$ver") >"$LOGS/fairness-$ver.diff"; then
    cat "$LOGS/fairness-$ver.diff" >&2; die "the two $ver builds differ in more than the GIL (diff above)"
  fi
  verify "$ver"
  say "done: $(binary_of "python${ver}t"), $(binary_of "python$ver") ($(du -sh "$TC/python${ver}t" | cut -f1) + $(du -sh "$TC/python$ver" | cut -f1))"
}

for ver in "${TODO[@]}"; do build_version "$ver"; done
