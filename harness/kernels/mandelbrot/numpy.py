"""Mandelbrot escape-time kernel, NumPy vectorized over the whole grid.

Usage: numpy.py WARMUP SAMPLES width height maxIter
Idiomatic NumPy: one array operation per step over all pixels still
iterating (boolean-mask indexing), Python loop only over the iterations.
Same float64 arithmetic and expression order as the scalar implementations.
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

XMIN, XMAX = -2.0, 0.6
YMIN, YMAX = -1.5, 1.5


def make_grid(width, height):
    scale_x = (XMAX - XMIN) / width
    scale_y = (YMAX - YMIN) / height
    x0 = XMIN + np.arange(width, dtype=np.float64) * scale_x
    y0 = YMIN + np.arange(height, dtype=np.float64) * scale_y
    cx, cy = np.meshgrid(x0, y0)  # shape (height, width), row-major like the others
    return cx.ravel(), cy.ravel()


def compute(cx, cy, max_iter):
    n = cx.size
    counts = np.zeros(n, dtype=np.int32)
    x = np.zeros(n, dtype=np.float64)
    y = np.zeros(n, dtype=np.float64)
    idx = np.arange(n)  # pixels still iterating
    for _ in range(max_iter):
        xa = x[idx]
        ya = y[idx]
        xx = xa * xa
        yy = ya * ya
        inside = xx + yy <= 4.0
        idx = idx[inside]
        if idx.size == 0:
            break
        counts[idx] += 1
        xa = xa[inside]
        ya = ya[inside]
        x[idx] = xx[inside] - yy[inside] + cx[idx]
        y[idx] = 2.0 * xa * ya + cy[idx]
    return counts


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
    names = ["WARMUP", "SAMPLES", "width", "height", "maxIter"]
    if len(argv) != len(names):
        raise ValueError(f"expected {len(names)} arguments ({' '.join(names)}), got {len(argv)}")
    vals = []
    for name, text in zip(names, argv):
        try:
            vals.append(int(text, 10))
        except ValueError:
            raise ValueError(f"{name} must be an integer, got {text!r}") from None
    warmup, samples, width, height, max_iter = vals
    if warmup < 0:
        raise ValueError("WARMUP must be >= 0")
    if samples < 1:
        raise ValueError("SAMPLES must be >= 1")
    if width < 1 or height < 1 or max_iter < 1:
        raise ValueError("width, height and maxIter must be >= 1")
    return warmup, samples, width, height, max_iter


def main():
    try:
        warmup, samples, width, height, max_iter = parse_args(sys.argv[1:])
    except ValueError as e:
        print(f"{IMPL}: {e}", file=sys.stderr)
        print(f"usage: {os.path.basename(sys.argv[0])} WARMUP SAMPLES width height maxIter", file=sys.stderr)
        return 2

    cx, cy = make_grid(width, height)
    counts = None
    for _ in range(warmup):
        counts = compute(cx, cy, max_iter)
    samples_ns = []
    for _ in range(samples):
        t0 = time.perf_counter_ns()
        counts = compute(cx, cy, max_iter)
        samples_ns.append(time.perf_counter_ns() - t0)

    result = {
        "impl": IMPL,
        "params": {"width": width, "height": height, "maxIter": max_iter},
        "checksum": int(counts.sum(dtype=np.int64)),
        "samplesNs": samples_ns,
        "threads": 1,
        "peakRssKiB": peak_rss_kib(),
    }
    sys.stdout.write(json.dumps(result, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
