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

import json
import os
import sys
import time

IMPL = "python"
MAX_N = 16384  # the exactness bound of the checksum (see kernel.yaml)


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

    a, b = make_inputs(n)
    c = [[0.0] * n for _ in range(n)]
    for _ in range(warmup):
        matmul(a, b, c, n)
    samples_ns = []
    for _ in range(samples):
        t0 = time.perf_counter_ns()
        matmul(a, b, c, n)
        samples_ns.append(time.perf_counter_ns() - t0)

    result = {
        "impl": IMPL,
        "params": {"n": n, "bits": bits},
        "checksum": checksum(c, n),
        "samplesNs": samples_ns,
        "threads": 1,
        "peakRssKiB": peak_rss_kib(),
    }
    sys.stdout.write(json.dumps(result, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
