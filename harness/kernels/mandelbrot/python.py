"""Mandelbrot escape-time kernel, pure Python (CPython loops, naive tier).

Usage: python.py WARMUP SAMPLES width height maxIter
Prints one JSON line (see kernel.yaml). Same arithmetic as every other
implementation: float64, z0 = 0, x' = x*x - y*y + x0, y' = 2*x*y + y0,
escape when x*x + y*y > 4, pixel value = iterations done (<= maxIter).
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, parse_args, time_samples  # noqa: E402

IMPL = "python"

# Complex-plane window of Modular's Mandelbrot example (see kernel.yaml origin).
XMIN, XMAX = -2.0, 0.6
YMIN, YMAX = -1.5, 1.5


def compute(out, width, height, max_iter):
    scale_x = (XMAX - XMIN) / width
    scale_y = (YMAX - YMIN) / height
    for row in range(height):
        y0 = YMIN + row * scale_y
        base = row * width
        for col in range(width):
            x0 = XMIN + col * scale_x
            x = 0.0
            y = 0.0
            n = 0
            while n < max_iter and x * x + y * y <= 4.0:
                x, y = x * x - y * y + x0, 2.0 * x * y + y0
                n += 1
            out[base + col] = n


PARAMS = [Int("width", 1, 1 << 20), Int("height", 1, 1 << 20), Int("maxIter", 1, (1 << 31) - 1)]


def main():
    args = parse_args(IMPL, PARAMS)
    width, height, max_iter = args.params["width"], args.params["height"], args.params["maxIter"]
    out = [0] * (width * height)
    samples_ns = time_samples(args, lambda: compute(out, width, height, max_iter))
    emit(args, checksum=sum(out), samples_ns=samples_ns, threads=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
