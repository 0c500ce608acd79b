"""Matrix multiplication C = A x B (n x n), NumPy: A @ B (idiomatic tier).

Usage: numpy.py WARMUP SAMPLES n bits      (bits 32 = float32, 64 = float64)
Prints one JSON line (see kernel.yaml). `A @ B` hands the product to the BLAS
library NumPy was built with (OpenBLAS in the PyPI wheels), which picks its
own SIMD kernels for this CPU and runs OPENBLAS_NUM_THREADS threads: the
harness sets 1 for this implementation ("numpy") and all cores for
numpy_threads.py ("numpy-threads"), which runs this same program. The thread
count reported is the BLAS pool's, read with threadpoolctl when it is installed.
"""

import os
import sys

# This file is named numpy.py: keep its own folder off sys.path so that
# `import numpy` finds the real package and not this script.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, parse_args, time_samples  # noqa: E402

IMPL = "numpy"
MAX_N = 16384  # the exactness bound of the checksum (see kernel.yaml)
PARAMS = [Int("n", 1, MAX_N), Int("bits", 32, 64, choices=(32, 64))]


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


def run(args):
    """Measures and prints the result line for parsed arguments (numpy_threads.py calls it too)."""
    n, bits = args.params["n"], args.params["bits"]
    a, b = make_inputs(n, np.float32 if bits == 32 else np.float64)
    c = [None]

    def work():
        c[0] = a @ b

    samples_ns = time_samples(args, work)
    emit(args, checksum=checksum(c[0]), samples_ns=samples_ns, threads=blas_threads())
    return 0


def main():
    return run(parse_args(IMPL, PARAMS))


if __name__ == "__main__":
    sys.exit(main())
