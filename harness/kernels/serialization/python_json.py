"""JSON round trip with the standard library's json module and its C accelerator (_json).

Usage: python_json.py WARMUP SAMPLES records   (data set path in CLAIMBENCH_DATASET)
One sample: json.dumps(records, separators=(",", ":"), ensure_ascii=False).encode() of the whole
batch of dicts, then json.loads() of those bytes back into dicts. The program refuses to run if
the C accelerator is not in use (json.scanner.c_make_scanner / json.encoder.c_make_encoder).
"""

import json
import json.encoder
import json.scanner
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, check_count, digest_dicts, read_dataset  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

IMPL = "python-json"


def main():
    args = parse_args(IMPL, PARAMS)
    if json.scanner.c_make_scanner is None or json.encoder.c_make_encoder is None:
        sys.exit(f"{IMPL}: the json module's C accelerator (_json) is not available in this interpreter")
    n = args.params["records"]
    records = json.loads(read_dataset(IMPL, n))
    check_count(IMPL, len(records), n)
    out = [None]

    def work():
        data = json.dumps(records, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        out[0] = json.loads(data)

    samples = time_samples(args, work)
    emit(args, checksum=digest_dicts(out[0]), samples_ns=samples, threads=1, work={"records": n})


if __name__ == "__main__":
    main()
