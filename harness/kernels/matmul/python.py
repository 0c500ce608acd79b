"""Matrix multiplication C = A x B (n x n), pure Python (CPython loops, naive tier).

Usage: python.py WARMUP SAMPLES n bits
Prints one JSON line (see kernel.yaml). Matrices are lists of row lists of
Python floats and C[i][j] is the i-j-k triple loop's dot product, the way a
first Python version is written.

CPython has a single float type (IEEE binary64), so `bits` cannot change the
arithmetic: bits=32 and bits=64 run the same double-precision code. Every
input, product and partial sum of this kernel is exactly representable in
float32 (see kernel.yaml), so the result, and the checksum, is the one a
float32 implementation gives.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, parse_args, time_samples  # noqa: E402

IMPL = "python"
MAX_N = 16384  # the exactness bound of the checksum (see kernel.yaml)
PARAMS = [Int("n", 1, MAX_N), Int("bits", 32, 64, choices=(32, 64))]


def make_inputs(n):
    """A[i][j] = ((7i + 3j) mod 13 - 6) / 8, B[i][j] = ((5i + 11j) mod 17 - 8) / 16."""
    a = [[((i * 7 + j * 3) % 13 - 6) / 8 for j in range(n)] for i in range(n)]
    b = [[((i * 5 + j * 11) % 17 - 8) / 16 for j in range(n)] for i in range(n)]
    return a, b


def matmul(a, b, c, n):
    for i in range(n):
        for j in range(n):
            s = 0.0
            for k in range(n):
                s += a[i][k] * b[k][j]
            c[i][j] = s


def checksum(c, n):
    """Sum of C[i][j] * ((i + 2j) mod 7 + 1), in row-major order (exact: see kernel.yaml)."""
    s = 0.0
    for i in range(n):
        row = c[i]
        for j in range(n):
            s += row[j] * ((i + 2 * j) % 7 + 1)
    return s


def main():
    args = parse_args(IMPL, PARAMS)
    n = args.params["n"]
    a, b = make_inputs(n)
    c = [[0.0] * n for _ in range(n)]
    samples_ns = time_samples(args, lambda: matmul(a, b, c, n))
    emit(args, checksum=checksum(c, n), samples_ns=samples_ns, threads=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
