"""CRC-32C of the data set in pure Python (naive: a byte-at-a-time table loop).

Usage: python_loop.py WARMUP SAMPLES size chunk   (data set path in CLAIMBENCH_DATASET)
The reflected Castagnoli polynomial 0x82F63B78, initial value and final xor
0xFFFFFFFF, one 256-entry table, one table lookup per byte; chained over
`chunk`-byte pieces exactly as the other implementations.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, check_versions, read_dataset  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

IMPL = "python-loop"
POLY = 0x82F63B78


def make_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ POLY if c & 1 else c >> 1
        table.append(c)
    return table


TABLE = make_table()


def update(crc, piece):
    c = crc ^ 0xFFFFFFFF
    t = TABLE
    for b in piece:
        c = t[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def main():
    args = parse_args(IMPL, PARAMS)
    check_versions(IMPL)  # it imports no pinned package, but runs in the kernel's environment too
    size, chunk = args.params["size"], args.params["chunk"]
    data = read_dataset(IMPL, size)
    result = [0]

    def work():
        crc = 0
        for off in range(0, size, chunk):
            crc = update(crc, data[off:off + chunk])
        result[0] = crc

    samples = time_samples(args, work)
    emit(args, checksum=f"{result[0]:08x}", samples_ns=samples, threads=1, work={"bytes": size})


if __name__ == "__main__":
    main()
