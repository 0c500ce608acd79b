"""The claimbench protocol for Python implementations (see CONTRIBUTING.md, "Add a kernel").

A program is invoked as `<program> WARMUP SAMPLES <params in kernel.yaml order>`, times only its
work with a monotonic nanosecond clock and prints exactly one JSON line on stdout. This module
does the parts every program shares: argument parsing, the clock, the sampling loop, the thread
count, peak memory and the JSON line. Only the standard library is used.

    import os, sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
    from claimbench_protocol import Int, parse_args, time_samples, emit

    args = parse_args("python", [Int("n", 1, 16384)])        # exits 2 with a message on bad input
    samples = time_samples(args, lambda: work(args.params["n"]))
    emit(args, checksum=..., samples_ns=samples, threads=1)

Kernels with their own packages and data sets also share the checks made before any timing:
check_lock() (the installed versions are the ones requirements.lock pins) and
read_stamped_dataset() / check_stamp() (the data set is the one the harness's stamp describes).
Each refusal exits 2 with a message naming the file and the value it expected.
"""

import hashlib
import json
import os
import re
import sys
import time

_HEX = re.compile(r"^[0-9a-f]+$")
_PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", re.M)
# The repository root (this file is harness/protocol/python/claimbench_protocol.py): messages name
# the files under it by their path from the root, as the kernel.yaml files and the docs do.
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
WORK_KEYS = ("bytes", "items", "tokens", "records")


class UsageError(ValueError):
    """Bad command-line arguments; the message names the argument and what was expected."""


class Int:
    """An integer parameter in [lo, hi], optionally one of `choices`."""

    def __init__(self, name, lo, hi, choices=None):
        self.name, self.lo, self.hi, self.choices = name, lo, hi, choices

    def parse(self, text):
        try:
            v = int(text, 10)
        except ValueError:
            raise UsageError(f"{self.name} must be an integer, got {text!r}") from None
        if self.choices is not None and v not in self.choices:
            raise UsageError(f"{self.name} must be one of {', '.join(map(str, self.choices))}, got {v}")
        if not self.lo <= v <= self.hi:
            raise UsageError(f"{self.name} must be in {self.lo}..{self.hi}, got {v}")
        return v


class Float:
    """A finite number parameter in [lo, hi]."""

    def __init__(self, name, lo, hi):
        self.name, self.lo, self.hi = name, lo, hi

    def parse(self, text):
        try:
            v = float(text)
        except ValueError:
            raise UsageError(f"{self.name} must be a number, got {text!r}") from None
        if not (v == v and self.lo <= v <= self.hi):
            raise UsageError(f"{self.name} must be in {self.lo}..{self.hi}, got {text}")
        return v


class Str:
    """A string parameter, optionally one of a closed set of choices."""

    def __init__(self, name, choices=None):
        self.name, self.choices = name, choices

    def parse(self, text):
        if self.choices is not None and text not in self.choices:
            raise UsageError(f"{self.name} must be one of {', '.join(self.choices)}, got {text!r}")
        return text


class Args:
    def __init__(self, impl, warmup, samples, params):
        self.impl = impl
        self.warmup = warmup
        self.samples = samples
        self.params = params  # dict in kernel.yaml order


def parse(impl, specs, argv):
    """Parses WARMUP SAMPLES and the parameters; raises UsageError."""
    names = ["WARMUP", "SAMPLES"] + [s.name for s in specs]
    if len(argv) != len(names):
        raise UsageError(f"expected {len(names)} arguments ({' '.join(names)}), got {len(argv)}")
    warmup = Int("WARMUP", 0, 1 << 31).parse(argv[0])
    samples = Int("SAMPLES", 1, 1 << 31).parse(argv[1])
    params = {s.name: s.parse(t) for s, t in zip(specs, argv[2:])}
    return Args(impl, warmup, samples, params)


def parse_args(impl, specs, argv=None):
    """parse() on sys.argv; on bad input prints the reason and the usage to stderr and exits 2."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        return parse(impl, specs, argv)
    except UsageError as e:
        prog = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else impl
        print(f"{impl}: {e}", file=sys.stderr)
        print(f"usage: {prog} WARMUP SAMPLES {' '.join(s.name for s in specs)}", file=sys.stderr)
        sys.exit(2)


def now_ns():
    """Monotonic clock in nanoseconds."""
    return time.perf_counter_ns()


def time_samples(args, work):
    """Calls work() WARMUP times untimed, then SAMPLES times timed around the call alone."""
    for _ in range(args.warmup):
        work()
    out = []
    for _ in range(args.samples):
        t0 = time.perf_counter_ns()
        work()
        out.append(time.perf_counter_ns() - t0)
    return out


def time_suite(args, parts):
    """For a suite kernel (kernel.yaml `suite`): `parts` is a list of (part id, run) in a fixed
    order, where run() does that part's work once and returns the nanoseconds it timed (so a part
    can leave its own set-up out of the time, as pyperformance's time functions do). One sample is
    one pass over every part: WARMUP untimed passes, then SAMPLES timed ones. Returns (samples_ns,
    parts_ns): each sample is the sum of its parts' times; parts_ns maps each part id to its times,
    one per sample, in order."""
    for _ in range(args.warmup):
        for _, run in parts:
            run()
    samples = []
    per_part = {name: [] for name, _ in parts}
    for _ in range(args.samples):
        total = 0
        for name, run in parts:
            ns = int(run())
            if ns <= 0:
                raise ValueError(f"part {name!r} timed {ns} ns: a measured time must be positive")
            per_part[name].append(ns)
            total += ns
        samples.append(total)
    return samples, per_part


def thread_count(impl, default=None):
    """CLAIMBENCH_THREADS (1..4096), else `default`, else the CPUs this process may use."""
    text = os.environ.get("CLAIMBENCH_THREADS", "")
    if text:
        try:
            t = int(text, 10)
        except ValueError:
            t = 0
        if not 1 <= t <= 4096:
            print(f"{impl}: CLAIMBENCH_THREADS must be an integer in 1..4096, got {text!r}", file=sys.stderr)
            sys.exit(2)
        return t
    if default is not None:
        return default
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def peak_rss_kib():
    """Peak resident memory: VmHWM from /proc/self/status, else getrusage's ru_maxrss."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss


def result_line(args, checksum, samples_ns, threads, peak_kib, work=None, parts=None):
    """The protocol's JSON line (without the newline). checksum: an int, a finite float or a
    lowercase hex digest; work: the amount of work of ONE sample, keys among WORK_KEYS; parts: a
    suite kernel's per-part times (see time_suite)."""
    if isinstance(checksum, bool) or not isinstance(checksum, (int, float, str)):
        raise TypeError(f"checksum must be a number or a hex digest string, got {type(checksum).__name__}")
    if isinstance(checksum, float) and checksum != checksum:
        raise ValueError("checksum is NaN")
    if isinstance(checksum, str) and not _HEX.match(checksum):
        raise ValueError(f"checksum string must be a lowercase hex digest, got {checksum!r}")
    line = {
        "impl": args.impl,
        "params": args.params,
        "checksum": checksum,
        "samplesNs": list(samples_ns),
        "threads": threads,
        "peakRssKiB": peak_kib,
    }
    if work is not None:
        bad = [k for k in work if k not in WORK_KEYS]
        if bad:
            raise ValueError(f"work keys must be among {', '.join(WORK_KEYS)}, got {', '.join(bad)}")
        line["work"] = dict(work)
    if parts is not None:
        for name, times in parts.items():
            if len(times) != len(line["samplesNs"]):
                raise ValueError(f"part {name!r} has {len(times)} times for {len(line['samplesNs'])} samples")
        line["parts"] = {name: list(times) for name, times in parts.items()}
    return json.dumps(line, separators=(",", ":"), allow_nan=False)


def fnv1a64(text):
    """FNV-1a 64-bit hash of the text's UTF-8 bytes as 16 lowercase hex digits: the checksum of a
    program's output text (the Benchmarks Game kernels; src/lib/fnv.ts computes the same)."""
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def emit(args, checksum, samples_ns, threads, work=None, parts=None):
    """Prints the result line with this process's peak memory."""
    sys.stdout.write(result_line(args, checksum, samples_ns, threads, peak_rss_kib(), work, parts) + "\n")
    sys.stdout.flush()


def refuse(impl, message):
    """Prints `impl: message` to stderr and exits 2 (bad input: the measurement cannot start)."""
    sys.stderr.write(f"{impl}: {message}\n")
    sys.stderr.flush()
    sys.exit(2)


def shown_path(path):
    """`path` as messages show it: from the repository root when it lies inside, else as given."""
    full = os.path.abspath(path)
    return os.path.relpath(full, ROOT) if full.startswith(ROOT + os.sep) else path


def lock_pins(lock_path):
    """{package: version} of every `name==version` line of a pip lock (requirements.lock)."""
    with open(lock_path, encoding="utf-8") as f:
        return dict(_PIN.findall(f.read()))


def check_lock(impl, lock_path, packages=None):
    """Refuses to run (exit 2) when an installed package's version differs from the one the lock
    pins: a result must come from the pinned libraries, never silently from others. Checks every
    package the lock pins, or only `packages` (each of which must be pinned). The message names the
    lock file and, per package, the version found and the version the lock pins."""
    from importlib.metadata import PackageNotFoundError, version

    shown = shown_path(lock_path)
    try:
        pins = lock_pins(lock_path)
    except OSError as e:
        refuse(impl, f"cannot read the lock {shown} ({e.strerror}); it pins the kernel's packages")
    names = list(pins) if packages is None else list(packages)
    unpinned = [n for n in names if n not in pins]
    if unpinned:
        refuse(impl, f"{', '.join(unpinned)} not pinned in {shown} (expected a line name==version for each package the program imports)")
    wrong = []
    for name in names:
        try:
            have = version(name)
        except PackageNotFoundError:
            have = "not installed"
        if have != pins[name]:
            wrong.append(f"{name} {have} (the lock pins {pins[name]})")
    if wrong:
        refuse(impl, f"installed packages differ from {shown}: {'; '.join(wrong)}; run npm run setup to install the pinned versions")


def dataset_from_env(impl):
    """The data set's path, from CLAIMBENCH_DATASET (the harness's data-set step sets it)."""
    path = os.environ.get("CLAIMBENCH_DATASET")
    if not path:
        refuse(impl, "CLAIMBENCH_DATASET is not set (the harness passes the data set's path)")
    return path


def check_recorded(impl, path, size, sha256, recorded_by, want, regenerate):
    """Refuses a file whose size (and SHA-256, when `sha256` is given) differs from what `recorded_by`
    (e.g. "its stamp X.json") records in `want` ({"bytes": n, "sha256": hex})."""
    if not isinstance(want, dict):
        refuse(impl, f"{recorded_by} is not an object with bytes and sha256 (regenerate it: {regenerate})")
    if size != want.get("bytes"):
        refuse(impl, f"the data set {path} has {size} bytes, {recorded_by} records {want.get('bytes')} (truncated or changed; regenerate it: {regenerate})")
    if sha256 is not None and sha256 != want.get("sha256"):
        refuse(impl, f"the data set {path} has SHA-256 {sha256}, {recorded_by} records {want.get('sha256')} (changed; regenerate it: {regenerate})")


def check_stamp(impl, path, regenerate, data=None):
    """Checks a data set against the stamp (<file>.json: bytes and sha256) the harness wrote beside
    it: the size always, the SHA-256 when the file's bytes `data` are given (a program that hands the
    path to a library checks the size only). No stamp: nothing to compare (a data set made by hand).
    Refuses (exit 2) a missing file, an unreadable stamp and any difference, naming the file, the
    stamp, the expected value and `regenerate`, the command that makes the data set again."""
    if not os.path.isfile(path):
        refuse(impl, f"the data set {path} does not exist (regenerate it: {regenerate})")
    stamp = path + ".json"
    if not os.path.isfile(stamp):
        return
    try:
        with open(stamp, encoding="utf-8") as f:
            want = json.load(f)
    except (OSError, ValueError) as e:
        refuse(impl, f"the data set {path} has an unreadable stamp {stamp} ({e}; regenerate it: {regenerate})")
    size = len(data) if data is not None else os.path.getsize(path)
    sha = hashlib.sha256(data).hexdigest() if data is not None else None
    check_recorded(impl, path, size, sha, f"its stamp {stamp}", want, regenerate)


def read_stamped_dataset(impl, path, regenerate):
    """The data set's bytes, after check_stamp() on its size and SHA-256."""
    if not os.path.isfile(path):
        refuse(impl, f"the data set {path} does not exist (regenerate it: {regenerate})")
    with open(path, "rb") as f:
        data = f.read()
    check_stamp(impl, path, regenerate, data)
    return data
