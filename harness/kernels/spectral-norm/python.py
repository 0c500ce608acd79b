"""spectral-norm (Benchmarks Game problem), pure Python, one thread (naive tier).

Usage: python.py WARMUP SAMPLES n
One sample: the power method on A^T A for the infinite matrix
A[i][j] = 1 / ((i+j)(i+j+1)/2 + i + 1) cut to n x n, ten rounds from a vector of
ones, then sqrt(u.v / v.v) written with "%.9f" and a newline, as the Benchmarks
Game program prints it. The checksum is the FNV-1a 64-bit hash of that text.
"""

import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, fnv1a64, parse_args, time_samples  # noqa: E402

IMPL = "python"


def a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def times_a(u, out):
    n = len(u)
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += a(i, j) * u[j]
        out[i] = s


def times_at(u, out):
    n = len(u)
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += a(j, i) * u[j]
        out[i] = s


def times_ata(u, out, tmp):
    times_a(u, tmp)
    times_at(tmp, out)


def run(n):
    u = [1.0] * n
    v = [0.0] * n
    tmp = [0.0] * n
    for _ in range(10):
        times_ata(u, v, tmp)
        times_ata(v, u, tmp)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return "%.9f\n" % math.sqrt(vbv / vv)


PARAMS = [Int("n", 1, 1 << 16)]


def main():
    args = parse_args(IMPL, PARAMS)
    n = args.params["n"]
    out = []
    samples_ns = time_samples(args, lambda: out.append(run(n)))
    emit(args, checksum=fnv1a64(out[-1]), samples_ns=samples_ns, threads=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
