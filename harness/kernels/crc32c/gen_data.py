"""Data set of the crc32c kernel: `size` pseudo-random bytes from a seeded generator.

Usage: gen_data.py OUTPUT SEED size chunk
Writes exactly `size` bytes to OUTPUT: random.Random(SEED).randbytes(size), the
same bytes on every machine and Python 3.9+ (Mersenne Twister, documented as
reproducible for a given seed). `chunk` is accepted (the harness passes every
kernel parameter) but does not change the data.
"""

import random
import sys


def main(argv):
    if len(argv) != 5:
        sys.exit("usage: gen_data.py OUTPUT SEED size chunk")
    out, seed, size = argv[1], int(argv[2]), int(argv[3])
    if size < 0:
        sys.exit(f"size must be >= 0, got {size}")
    rng = random.Random(seed)
    with open(out, "wb") as f:
        left = size
        while left > 0:
            n = min(left, 1 << 20)
            f.write(rng.randbytes(n))
            left -= n


if __name__ == "__main__":
    main(sys.argv)
