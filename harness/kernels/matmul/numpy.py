"""Matrix multiplication C = A x B (n x n), NumPy: A @ B (idiomatic tier).

Usage: numpy.py WARMUP SAMPLES n bits      (bits 32 = float32, 64 = float64)
Prints one JSON line (see kernel.yaml). `A @ B` hands the product to the BLAS
library NumPy was built with (OpenBLAS in the PyPI wheels), which picks its
own SIMD kernels for this CPU and runs OPENBLAS_NUM_THREADS threads; the
harness sets 1 for this serial implementation. The thread count reported is
the BLAS pool's, read with threadpoolctl when it is installed.
"""

import json
import os
import sys
import time

# This file is named numpy.py: keep its own folder off sys.path so that
# `import numpy` finds the real package and not this script.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]

import numpy as np  # noqa: E402

IMPL = "numpy"
MAX_N = 16384  # the exactness bound of the checksum (see kernel.yaml)


def make_inputs(n, dtype):
    """A[i][j] = ((7i + 3j) mod 13 - 6) / 8, B[i][j] = ((5i + 11j) mod 17 - 8) / 16.

    Filled one row at a time so that no n x n temporaries raise the peak memory."""
    a = np.empty((n, n), dtype=dtype)
    b = np.empty((n, n), dtype=dtype)
    j = np.arange(n, dtype=np.int64)
    for i in range(n):
        a[i] = ((i * 7 + j * 3) % 13 - 6) / 8
        b[i] = ((i * 5 + j * 11) % 17 - 8) / 16
    return a, b


def checksum(c):
    """Sum of C[i][j] * ((i + 2j) mod 7 + 1) in float64 (exact: see kernel.yaml).

    One row at a time, so that the checksum's temporaries stay O(n) and do not
    raise the peak memory reported for the multiplication."""
    n = c.shape[0]
    two_j = 2 * np.arange(n, dtype=np.int64)
    s = 0.0
    for i in range(n):
        w = ((i + two_j) % 7 + 1).astype(np.float64)
        s += float(np.dot(c[i].astype(np.float64), w))
    return s


def blas_threads():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return 1
    pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
    return max((int(p.get("num_threads", 1)) for p in pools), default=1)


def peak_rss_kib():
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


def parse_args(argv):
    names = ["WARMUP", "SAMPLES", "n", "bits"]
    if len(argv) != len(names):
        raise ValueError(f"expected {len(names)} arguments ({' '.join(names)}), got {len(argv)}")
    vals = []
    for name, text in zip(names, argv):
        try:
            vals.append(int(text, 10))
        except ValueError:
            raise ValueError(f"{name} must be an integer, got {text!r}") from None
    warmup, samples, n, bits = vals
    if warmup < 0:
        raise ValueError("WARMUP must be >= 0")
    if samples < 1:
        raise ValueError("SAMPLES must be >= 1")
    if n < 1 or n > MAX_N:
        raise ValueError(f"n must be in 1..{MAX_N}")
    if bits not in (32, 64):
        raise ValueError("bits must be 32 or 64")
    return warmup, samples, n, bits


def main():
    try:
        warmup, samples, n, bits = parse_args(sys.argv[1:])
    except ValueError as e:
        print(f"{IMPL}: {e}", file=sys.stderr)
        print(f"usage: {os.path.basename(sys.argv[0])} WARMUP SAMPLES n bits", file=sys.stderr)
        return 2

    a, b = make_inputs(n, np.float32 if bits == 32 else np.float64)
    c = None
    for _ in range(warmup):
        c = a @ b
    samples_ns = []
    for _ in range(samples):
        t0 = time.perf_counter_ns()
        c = a @ b
        samples_ns.append(time.perf_counter_ns() - t0)

    result = {
        "impl": IMPL,
        "params": {"n": n, "bits": bits},
        "checksum": checksum(c),
        "samplesNs": samples_ns,
        "threads": blas_threads(),
        "peakRssKiB": peak_rss_kib(),
    }
    sys.stdout.write(json.dumps(result, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
