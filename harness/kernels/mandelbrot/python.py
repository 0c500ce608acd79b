"""Mandelbrot escape-time kernel, pure Python (CPython loops, naive tier).

Usage: python.py WARMUP SAMPLES width height maxIter
Prints one JSON line (see kernel.yaml). Same arithmetic as every other
implementation: float64, z0 = 0, x' = x*x - y*y + x0, y' = 2*x*y + y0,
escape when x*x + y*y > 4, pixel value = iterations done (<= maxIter).
"""

import json
import os
import sys
import time

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
            v = int(text, 10)
        except ValueError:
            raise ValueError(f"{name} must be an integer, got {text!r}") from None
        vals.append(v)
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

    out = [0] * (width * height)
    for _ in range(warmup):
        compute(out, width, height, max_iter)
    samples_ns = []
    for _ in range(samples):
        t0 = time.perf_counter_ns()
        compute(out, width, height, max_iter)
        samples_ns.append(time.perf_counter_ns() - t0)

    result = {
        "impl": IMPL,
        "params": {"width": width, "height": height, "maxIter": max_iter},
        "checksum": sum(out),
        "samplesNs": samples_ns,
        "threads": 1,
        "peakRssKiB": peak_rss_kib(),
    }
    sys.stdout.write(json.dumps(result, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
