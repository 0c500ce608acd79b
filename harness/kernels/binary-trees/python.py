"""binary-trees (Benchmarks Game problem), pure Python, one thread (naive tier).

Usage: python.py WARMUP SAMPLES depth
One sample: allocate a "stretch" tree of depth max(6, depth)+1 and count its
nodes, keep a long-lived tree of depth max(6, depth), then for every depth d
from 4 up to it in steps of 2 build and count 2^(max - d + 4) trees of depth d,
and finally count the long-lived tree; the lines are written as the Benchmarks
Game program prints them. Every node is its own heap object (a tuple of its two
children), made bottom-up and freed when no longer referenced. The checksum is
the FNV-1a 64-bit hash of the text.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, fnv1a64, parse_args, time_samples  # noqa: E402

IMPL = "python"
MIN_DEPTH = 4


def make(depth):
    """A perfect binary tree: a leaf is (None, None), an inner node (left, right)."""
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make(depth), make(depth))


def check(node):
    """The number of nodes in the tree."""
    left, right = node
    if left is None:
        return 1
    return 1 + check(left) + check(right)


def run(depth):
    max_depth = max(MIN_DEPTH + 2, depth)
    lines = []
    stretch = max_depth + 1
    lines.append("stretch tree of depth %d\t check: %d" % (stretch, check(make(stretch))))
    long_lived = make(max_depth)
    for d in range(MIN_DEPTH, max_depth + 1, 2):
        iterations = 1 << (max_depth - d + MIN_DEPTH)
        total = 0
        for _ in range(iterations):
            total += check(make(d))
        lines.append("%d\t trees of depth %d\t check: %d" % (iterations, d, total))
    lines.append("long lived tree of depth %d\t check: %d" % (max_depth, check(long_lived)))
    return "\n".join(lines) + "\n"


PARAMS = [Int("depth", 1, 30)]


def main():
    args = parse_args(IMPL, PARAMS)
    depth = args.params["depth"]
    out = []
    samples_ns = time_samples(args, lambda: out.append(run(depth)))
    emit(args, checksum=fnv1a64(out[-1]), samples_ns=samples_ns, threads=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
