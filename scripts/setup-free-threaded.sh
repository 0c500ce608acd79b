#!/usr/bin/env bash
# Build, once, two CPython 3.13 interpreters from the SAME upstream source into .toolchains/:
#
#   .toolchains/python3.13t/bin/python3.13t   free-threaded (./configure --disable-gil)
#   .toolchains/python3.13/bin/python3.13     default GIL build, otherwise identical flags
#
# so that "free-threaded vs GIL" comparisons differ only in the GIL (same version, same compiler,
# same configure flags). Each prefix gets a BUILD-INFO file recording the Python version, the
# Debian source package version, the configure flags, the compiler and the build time.
#
# Source: Debian trixie's python3.13 source package, fetched with "apt-get source --download-only"
# through a PROJECT-LOCAL apt configuration (harness/toolchains/apt/apt.conf + sources.list, state
# and cache under .toolchains/apt/); the system's apt sources are not read. apt checks the trixie
# InRelease signature with /usr/share/keyrings/debian-archive-keyring.gpg (Debian 12's keyring
# includes the trixie keys) and the file hashes; the upstream tarball's OpenPGP signature
# (.orig.tar.xz.asc) is then checked with the upstream signing key Debian ships in
# debian/upstream/signing-key.asc. Only the upstream tarball is built: Debian's patches are NOT
# applied.
#
# Build dependencies are installed with apt-get from the SYSTEM configuration when missing
# (needs root). Idempotent: nothing is fetched or built while both BUILD-INFO stamps match the
# wanted recipe and both interpreters run; the GIL checks at the end always run (< 1 s).
#
# Usage: bash scripts/setup-free-threaded.sh [--force]
#   --force   rebuild even if the stamps match (also picks up a newer trixie package version)
# Environment:
#   CLAIMBENCH_PY_OPT   plain (default) | pgo | pgo-lto   optimisation of BOTH builds:
#                       plain   = CPython's default -O3, no PGO/LTO
#                       pgo     = --enable-optimizations
#                       pgo-lto = --enable-optimizations --with-lto  (what python.org/Debian ship)
set -Eeuo pipefail

die() { echo "setup-free-threaded: error: $*" >&2; exit 1; }
say() { echo "setup-free-threaded: $*"; }
trap 'rc=$?; echo "setup-free-threaded: error: unexpected failure (exit $rc) at line $LINENO: $BASH_COMMAND" >&2; exit $rc' ERR

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TC="$ROOT/.toolchains"
APT_CONF="$ROOT/harness/toolchains/apt/apt.conf"
APT_SOURCES="$ROOT/harness/toolchains/apt/sources.list"
APT_DIR="$TC/apt"
DL="$APT_DIR/src"
LOGS="$TC/logs"
SRC_PACKAGE=python3.13
PY_MINOR=3.13
RECIPE=1   # bump when the build recipe changes in a way that should force a rebuild

FORCE=0
for a in "$@"; do
  case "$a" in
    --force) FORCE=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument: $a (usage: setup-free-threaded.sh [--force])" ;;
  esac
done

OPT_MODE="${CLAIMBENCH_PY_OPT:-plain}"
case "$OPT_MODE" in
  plain)   OPT_FLAGS=() ;;
  pgo)     OPT_FLAGS=(--enable-optimizations) ;;
  pgo-lto) OPT_FLAGS=(--enable-optimizations --with-lto) ;;
  *) die "CLAIMBENCH_PY_OPT must be plain, pgo or pgo-lto (got '$OPT_MODE')" ;;
esac
# Configure flags shared by both builds (the free-threaded one adds --disable-gil, each its --prefix).
# pip is not installed (run "python3.13t -m ensurepip" if a benchmark ever needs it).
COMMON_FLAGS=(--with-ensurepip=no "${OPT_FLAGS[@]}")
STAMP="recipe=$RECIPE package=$SRC_PACKAGE opt=$OPT_MODE flags=${COMMON_FLAGS[*]}"

# variant name -> prefix, binary, extra configure flag
VARIANTS=(python3.13t python3.13)
prefix_of() { echo "$TC/$1"; }
binary_of() { echo "$TC/$1/bin/$1"; }
extra_of() { [ "$1" = python3.13t ] && echo "--disable-gil" || true; }

# The interpreters must not be steered by the caller's environment in the checks below.
unset PYTHON_GIL PYTHONPATH PYTHONHOME PYTHONSTARTUP PYTHONNOUSERSITE 2>/dev/null || true

# ---- checks of the finished builds (run on the cached path too) ---------------------------------
gil_report() { # variant -> "sys._is_gil_enabled() Py_GIL_DISABLED"
  "$(binary_of "$1")" -c "import sys, sysconfig; print(sys._is_gil_enabled(), sysconfig.get_config_var('Py_GIL_DISABLED'))"
}

verify() {
  local ft gil
  ft="$(gil_report python3.13t 2>&1)" || die "$(binary_of python3.13t) does not run: $ft"
  gil="$(gil_report python3.13 2>&1)" || die "$(binary_of python3.13) does not run: $gil"
  say "python3.13t: sys._is_gil_enabled()=${ft% *} Py_GIL_DISABLED=${ft#* }"
  say "python3.13:  sys._is_gil_enabled()=${gil% *} Py_GIL_DISABLED=${gil#* }"
  [ "$ft" = "False 1" ] || die "the free-threaded build does not report the GIL disabled (got '$ft', want 'False 1')"
  [ "$gil" = "True 0" ] || die "the default build does not report the GIL enabled (got '$gil', want 'True 0')"
}

stamp_ok() { # variant
  local info; info="$(prefix_of "$1")/BUILD-INFO"
  [ -f "$info" ] && grep -qxF "stamp=$STAMP" "$info" && "$(binary_of "$1")" -c pass >/dev/null 2>&1
}

mkdir -p "$TC"
exec 9>"$TC/.setup-free-threaded.lock"
flock -n 9 || die "another setup-free-threaded run holds $TC/.setup-free-threaded.lock"

if [ "$FORCE" = 0 ] && stamp_ok python3.13t && stamp_ok python3.13; then
  say "up to date: $(grep '^python_version=' "$TC/python3.13t/BUILD-INFO" | cut -d= -f2) from $(grep '^source_package=' "$TC/python3.13t/BUILD-INFO" | cut -d= -f2-), opt=$OPT_MODE (--force rebuilds)"
  verify
  exit 0
fi

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

# ---- fetch the source with the project-local apt configuration ---------------------------------
[ -f "$APT_CONF" ] && [ -f "$APT_SOURCES" ] || die "project apt configuration missing ($APT_CONF, $APT_SOURCES)"
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/state" "$DL" "$LOGS"
: >"$APT_DIR/state/status"   # an empty dpkg status: nothing of this machine's package state is used
APTO=(-o "Dir::Etc::SourceList=$APT_SOURCES" -o "Dir::State=$APT_DIR/state" -o "Dir::State::Lists=$APT_DIR/lists"
      -o "Dir::State::status=$APT_DIR/state/status" -o "Dir::Cache=$APT_DIR/cache")
papt() { APT_CONFIG="$APT_CONF" "$@"; }

say "apt-get update (project-local: $(grep -v '^#' "$APT_SOURCES" | grep -m1 deb-src))"
papt apt-get "${APTO[@]}" update >"$LOGS/apt-update.log" 2>&1 \
  || { tail -20 "$LOGS/apt-update.log" >&2; die "apt-get update with the project apt configuration failed (is deb.debian.org reachable? is the trixie signature valid with debian-archive-keyring?)"; }
grep -qE '^(W|E|Err):' "$LOGS/apt-update.log" && { cat "$LOGS/apt-update.log" >&2; die "apt-get update reported errors or warnings (see above)"; }

DEB_VERSION="$(papt apt-cache "${APTO[@]}" showsrc --only-source "$SRC_PACKAGE" 2>/dev/null | awk '/^Version:/ {print $2; exit}')"
[ -n "$DEB_VERSION" ] || die "source package $SRC_PACKAGE not found in trixie (project apt lists under $APT_DIR/lists)"
UP_VERSION="${DEB_VERSION#*:}"; UP_VERSION="${UP_VERSION%-*}"
case "$UP_VERSION" in "$PY_MINOR".*) ;; *) die "$SRC_PACKAGE $DEB_VERSION is not Python $PY_MINOR.x" ;; esac

say "apt-get source --download-only $SRC_PACKAGE=$DEB_VERSION"
( cd "$DL" && papt apt-get "${APTO[@]}" source --download-only "$SRC_PACKAGE=$DEB_VERSION" ) >"$LOGS/apt-source.log" 2>&1 \
  || { tail -20 "$LOGS/apt-source.log" >&2; die "apt-get source $SRC_PACKAGE=$DEB_VERSION failed"; }
ORIG="$(ls "$DL/${SRC_PACKAGE}_${UP_VERSION}".orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -1)"
DEBTAR="$(ls "$DL/${SRC_PACKAGE}_${DEB_VERSION#*:}".debian.tar.* 2>/dev/null | head -1)"
[ -n "$ORIG" ] && [ -n "$DEBTAR" ] || die "apt-get source did not leave an .orig and a .debian tarball in $DL"
ORIG_SHA256="$(sha256sum "$ORIG" | cut -d' ' -f1)"

# Upstream signature (defence in depth; apt already checked the hashes against the signed index).
UPSTREAM_SIG="not checked"
if [ -f "$ORIG.asc" ]; then
  keydir="$(mktemp -d)"; trap 'rm -rf "$keydir"' EXIT
  tar -xf "$DEBTAR" -C "$keydir" debian/upstream/signing-key.asc 2>/dev/null \
    || die "$DEBTAR has no debian/upstream/signing-key.asc to check $ORIG.asc with"
  gpg --batch --quiet --dearmor <"$keydir/debian/upstream/signing-key.asc" >"$keydir/upstream.gpg" \
    || die "could not read debian/upstream/signing-key.asc"
  if gpgv --keyring "$keydir/upstream.gpg" "$ORIG.asc" "$ORIG" >"$LOGS/upstream-gpgv.log" 2>&1; then
    UPSTREAM_SIG="good ($(grep -m1 -o 'Good signature from "[^"]*"' "$LOGS/upstream-gpgv.log" | cut -d'"' -f2), key from debian/upstream/signing-key.asc)"
  else
    cat "$LOGS/upstream-gpgv.log" >&2; die "the upstream signature of $ORIG does not verify"
  fi
else
  die "no upstream signature $ORIG.asc next to $ORIG"
fi
say "source: $SRC_PACKAGE $DEB_VERSION, $(basename "$ORIG") sha256 $ORIG_SHA256, upstream signature $UPSTREAM_SIG"

# ---- unpack the upstream tarball (Debian's patches are not applied) ----------------------------
SRC="$TC/src/Python-$UP_VERSION"
rm -rf "$TC/src"; mkdir -p "$TC/src"
tar -xf "$ORIG" -C "$TC/src" || die "could not unpack $ORIG"
[ -x "$SRC/configure" ] || die "$ORIG did not unpack to $SRC"

CC_VERSION="$(${CC:-cc} --version 2>/dev/null | head -1)" && [ -n "$CC_VERSION" ] \
  || die "C compiler '${CC:-cc}' not found or not working (apt-get install build-essential)"

build_one() { # variant
  local v="$1" prefix build start secs extra log
  prefix="$(prefix_of "$v")"; build="$TC/build/$v"; extra="$(extra_of "$v")"; log="$LOGS/build-$v.log"
  rm -rf "$prefix" "$build"; mkdir -p "$build"
  local flags=(--prefix="$prefix" ${extra:+"$extra"} "${COMMON_FLAGS[@]}")
  say "building $v: configure ${flags[*]}; make -j2 (log: ${log#"$ROOT"/})"
  start=$(date +%s)
  {
    ( cd "$build" && "$SRC/configure" "${flags[@]}" ) &&
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
    echo "gil=$([ "$v" = python3.13t ] && echo disabled || echo enabled)"
    echo "source_package=$SRC_PACKAGE $DEB_VERSION (Debian trixie main, apt-get source via harness/toolchains/apt)"
    echo "source_tarball=$(basename "$ORIG") sha256=$ORIG_SHA256"
    echo "upstream_signature=$UPSTREAM_SIG"
    echo "debian_patches=not applied (upstream tarball only)"
    echo "configure_flags=${flags[*]/#--prefix=*/--prefix=.toolchains/$v}"
    echo "optimization=$OPT_MODE"
    echo "compiler=$CC_VERSION"
    echo "make=make -j2"
    echo "$cfg" | sed 's/^/sysconfig_/'
    echo "build_seconds=$secs"
    echo "built_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host=$(uname -srm), $(nproc) cores"
    echo "stamp=$STAMP"
  } >"$prefix/BUILD-INFO"
  rm -rf "$build"
  say "built $v ($pyver) in ${secs}s"
}

# Invalidate both stamps first: a half-finished run must not leave one new and one old build.
rm -f "$TC/python3.13t/BUILD-INFO" "$TC/python3.13/BUILD-INFO"
for v in "${VARIANTS[@]}"; do build_one "$v"; done
rm -rf "$TC/src" "$TC/build"

# Fairness: apart from the prefix and --disable-gil, the two builds must have the same compiler
# and flags (sysconfig values as recorded in BUILD-INFO; paths are normalised).
norm() { grep -E '^(compiler|optimization|make|sysconfig_(CC|OPT|CFLAGS|LDFLAGS|CONFIG_ARGS))=' "$TC/$1/BUILD-INFO" \
  | sed -e "s#$TC/$1#PREFIX#g" -e "s# '--disable-gil'##g" -e 's# --disable-gil##g'; }
if ! diff <(norm python3.13t) <(norm python3.13) >"$LOGS/fairness.diff"; then
  cat "$LOGS/fairness.diff" >&2; die "the two builds differ in more than the GIL (diff above)"
fi

verify
say "done: $(binary_of python3.13t), $(binary_of python3.13) ($(du -sh "$TC/python3.13t" | cut -f1) + $(du -sh "$TC/python3.13" | cut -f1))"
