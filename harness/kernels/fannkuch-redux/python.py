"""fannkuch-redux (Benchmarks Game problem), pure Python, one thread (naive tier).

Usage: python.py WARMUP SAMPLES n
One sample: visit every permutation of 0..n-1 in the Benchmarks Game's order
(rotations of growing prefixes), count the flips of each (reverse the first
p[0]+1 items until p[0] is 0), and write the checksum (flips added for
even-numbered permutations, subtracted for odd ones) and "Pfannkuchen(n) = max
flips", one line each, as the Benchmarks Game program prints them. The result's
checksum is the FNV-1a 64-bit hash of that text.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, fnv1a64, parse_args, time_samples  # noqa: E402

IMPL = "python"


def count_flips(perm):
    flips = 0
    first = perm[0]
    while first != 0:
        # Reverse perm[0..first] in place.
        lo, hi = 0, first
        while lo < hi:
            perm[lo], perm[hi] = perm[hi], perm[lo]
            lo += 1
            hi -= 1
        flips += 1
        first = perm[0]
    return flips


def run(n):
    order = list(range(n))  # the current permutation
    counters = [0] * n  # how many more rotations each prefix length has left
    checksum = 0
    max_flips = 0
    index = 0
    r = n
    while True:
        while r > 1:
            counters[r - 1] = r
            r -= 1
        flips = count_flips(order[:])
        if flips > max_flips:
            max_flips = flips
        checksum += flips if index % 2 == 0 else -flips
        # Next permutation: rotate the first r+1 items left by one; when a prefix has been
        # rotated back to where it started, move on to a longer prefix.
        while True:
            if r == n:
                return "%d\nPfannkuchen(%d) = %d\n" % (checksum, n, max_flips)
            head = order[0]
            for i in range(r):
                order[i] = order[i + 1]
            order[r] = head
            counters[r] -= 1
            if counters[r] > 0:
                break
            r += 1
        index += 1


PARAMS = [Int("n", 1, 12)]


def main():
    args = parse_args(IMPL, PARAMS)
    n = args.params["n"]
    out = []
    samples_ns = time_samples(args, lambda: out.append(run(n)))
    emit(args, checksum=fnv1a64(out[-1]), samples_ns=samples_ns, threads=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
