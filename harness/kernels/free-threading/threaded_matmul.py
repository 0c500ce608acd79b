"""Threaded pure-Python matrix multiplication, shared by every implementation of this kernel.

C = A x B (n x n) with the i-j-k triple loop of the matmul kernel's pure-Python tier, the rows of C
split into `threads` contiguous blocks, one block per task of a concurrent.futures
ThreadPoolExecutor with `threads` workers (created inside the timed work, as a program would).
With threads = 1 the same function runs its one block on one worker thread.

The inputs are dyadic fractions (A = k/8, B = k/16 with |k| <= 8), so every product and partial sum
is exact in binary64 and the checksum does not depend on the order the threads finish in.

Each program's implementation id names the interpreter it ran on: "py<major><minor>" plus "t" for a
free-threaded build (sysconfig Py_GIL_DISABLED), then "-1thread" or "-threads". The harness refuses
a result whose id is not the implementation's, so a program run by the wrong interpreter fails
instead of being measured under the wrong name. A free-threaded build on which the GIL was enabled
(PYTHON_GIL=1, or an extension without Py_mod_gil) exits with an error instead of reporting.
"""

import os
import sys
import sysconfig
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, parse_args, thread_count, time_samples  # noqa: E402

MAX_N = 4096
PARAMS = [Int("n", 1, MAX_N)]


def free_threaded_build():
    """True on a build configured with --disable-gil."""
    return bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def gil_enabled():
    """sys._is_gil_enabled() where it exists (3.13+), else True (every older build has the GIL)."""
    probe = getattr(sys, "_is_gil_enabled", None)
    return True if probe is None else bool(probe())


def interpreter_tag():
    """py313, py313t, py314t, ...: the version and whether the build is free-threaded."""
    v = sys.version_info
    return f"py{v.major}{v.minor}{'t' if free_threaded_build() else ''}"


def make_inputs(n):
    """A[i][j] = ((7i + 3j) mod 13 - 6) / 8, B[i][j] = ((5i + 11j) mod 17 - 8) / 16 (the matmul kernel's)."""
    a = [[((i * 7 + j * 3) % 13 - 6) / 8 for j in range(n)] for i in range(n)]
    b = [[((i * 5 + j * 11) % 17 - 8) / 16 for j in range(n)] for i in range(n)]
    return a, b


def multiply_rows(a, b, c, n, lo, hi):
    """Rows lo..hi-1 of C = A x B, the naive triple loop."""
    for i in range(lo, hi):
        ai = a[i]
        ci = c[i]
        for j in range(n):
            s = 0.0
            for k in range(n):
                s += ai[k] * b[k][j]
            ci[j] = s


def own_copy(rows):
    """New lists of new float objects with the same values, made by the calling thread (x + 0.0 is
    a new float object). On a free-threaded build an object's reference count is cheap for the
    thread that created it and atomic for every other thread (biased reference counting), so
    workers reading the same objects contend for them; on their own copies they do not."""
    return [[x + 0.0 for x in row] for row in rows]


def multiply_rows_own(a, b, c, n, lo, hi):
    """multiply_rows on objects this worker creates: its own copy of B and of its rows of A, its
    own result rows, put into C at the end (disjoint slices of equal length)."""
    a_own = own_copy(a[lo:hi])
    b_own = own_copy(b)
    c_own = [[0.0] * n for _ in range(hi - lo)]
    multiply_rows(a_own, b_own, c_own, n, 0, hi - lo)
    c[lo:hi] = c_own


def row_blocks(n, threads):
    """n rows in `threads` contiguous blocks whose sizes differ by at most one (empty ones dropped)."""
    base, extra = divmod(n, threads)
    out, lo = [], 0
    for t in range(threads):
        hi = lo + base + (1 if t < extra else 0)
        if hi > lo:
            out.append((lo, hi))
        lo = hi
    return out


def threaded_matmul(a, b, c, n, threads, own=False):
    """One multiplication: a pool of `threads` workers, one row block each; waits for all. With
    own=True each worker first copies what it reads (multiply_rows_own); the copies are timed."""
    work = multiply_rows_own if own else multiply_rows
    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(work, a, b, c, n, lo, hi) for lo, hi in row_blocks(n, threads)]
        for f in futures:
            f.result()


def checksum(c, n):
    """Sum of C[i][j] * ((i + 2j) mod 7 + 1) in row-major order (exact: dyadic values)."""
    s = 0.0
    for i in range(n):
        row = c[i]
        for j in range(n):
            s += row[j] * ((i + 2 * j) % 7 + 1)
    return s


def run(impl, threads, own=False):
    """Parses the arguments, times threaded_matmul with `threads` workers and prints the result."""
    args = parse_args(impl, PARAMS)
    n = args.params["n"]
    a, b = make_inputs(n)
    c = [[0.0] * n for _ in range(n)]
    samples_ns = time_samples(args, lambda: threaded_matmul(a, b, c, n, threads, own))
    if free_threaded_build() and gil_enabled():
        print(f"{impl}: this free-threaded build ran with the GIL enabled (PYTHON_GIL=1 or -X gil=1 in the environment, or an extension without Py_mod_gil): not a free-threaded measurement", file=sys.stderr)
        sys.exit(1)
    emit(args, checksum=checksum(c, n), samples_ns=samples_ns, threads=threads)


def main(mode):
    """mode "1thread": one worker; "threads": CLAIMBENCH_THREADS workers (the harness gives all
    cores); with the suffix "-own" each worker works on its own copies (multiply_rows_own)."""
    if mode not in ("1thread", "threads", "1thread-own", "threads-own"):
        raise ValueError(f"unknown mode {mode!r}")
    impl = f"{interpreter_tag()}-{mode}"
    threads = 1 if mode.startswith("1thread") else thread_count(impl)
    run(impl, threads, own=mode.endswith("-own"))
