"""CRC-32C of the data set with the crc32c package (idiomatic: what a Python user installs).

Usage: python_package.py WARMUP SAMPLES size chunk   (data set path in CLAIMBENCH_DATASET)
One sample: the CRC-32C of the whole buffer, fed in `chunk`-byte pieces through
crc32c.crc32c(piece, value=running). The package uses the CPU's CRC instruction
(SSE4.2 crc32 on x86-64, the ARMv8 CRC extension on arm64) when present.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, check_versions, read_dataset  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

IMPL = "python-package"


def main():
    args = parse_args(IMPL, PARAMS)
    check_versions(IMPL)  # before the import: a missing or other crc32c is reported against the lock
    import crc32c

    size, chunk = args.params["size"], args.params["chunk"]
    data = memoryview(read_dataset(IMPL, size))
    result = [0]

    def work():
        crc = 0
        for off in range(0, size, chunk):
            crc = crc32c.crc32c(data[off:off + chunk], value=crc)
        result[0] = crc

    samples = time_samples(args, work)
    emit(args, checksum=f"{result[0]:08x}", samples_ns=samples, threads=1, work={"bytes": size})


if __name__ == "__main__":
    main()
