"""JSON round trip with orjson (Rust behind a Python API), pinned in this kernel's requirements.lock.

Usage: python_orjson.py WARMUP SAMPLES records   (data set path in CLAIMBENCH_DATASET)
One sample: orjson.dumps(records) of the whole batch of dicts (compact UTF-8 bytes), then
orjson.loads() of those bytes back into dicts: the same dicts in, the same dicts out as python-json.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, check_count, check_versions, digest_dicts, read_dataset  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

IMPL = "python-orjson"


def main():
    args = parse_args(IMPL, PARAMS)
    check_versions(IMPL)  # before the import: a missing or other orjson is reported against the lock
    import orjson

    n = args.params["records"]
    records = orjson.loads(read_dataset(IMPL, n))
    check_count(IMPL, len(records), n)
    out = [None]

    def work():
        out[0] = orjson.loads(orjson.dumps(records))

    samples = time_samples(args, work)
    emit(args, checksum=digest_dicts(out[0]), samples_ns=samples, threads=1, work={"records": n})


if __name__ == "__main__":
    main()
