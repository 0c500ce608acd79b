"""Mandelbrot escape-time kernel, NumPy vectorized over the whole grid.

Usage: numpy.py WARMUP SAMPLES width height maxIter
Idiomatic NumPy: one array operation per step over all pixels still
iterating (boolean-mask indexing), Python loop only over the iterations.
Same float64 arithmetic and expression order as the scalar implementations.
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


PARAMS = [Int("width", 1, 1 << 20), Int("height", 1, 1 << 20), Int("maxIter", 1, (1 << 31) - 1)]


def main():
    args = parse_args(IMPL, PARAMS)
    width, height, max_iter = args.params["width"], args.params["height"], args.params["maxIter"]
    cx, cy = make_grid(width, height)
    counts = []

    def work():
        counts[:] = [compute(cx, cy, max_iter)]

    samples_ns = time_samples(args, work)
    emit(args, checksum=int(counts[0].sum(dtype=np.int64)), samples_ns=samples_ns, threads=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
