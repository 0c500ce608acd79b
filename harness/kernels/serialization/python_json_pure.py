"""JSON round trip with the standard library's json module forced onto its pure-Python code.

Usage: python_json_pure.py WARMUP SAMPLES records   (data set path in CLAIMBENCH_DATASET)
The json package imports its C accelerator from the _json extension module when it can and falls
back to its own Python scanner and encoder otherwise. Setting sys.modules["_json"] = None before
the first `import json` makes that import fail, the way CPython's own test suite obtains the
pure-Python json (test.support.import_helper.import_fresh_module("json", blocked=["_json"])). The
program checks that the C functions are absent before timing. Same work as python-json.
"""

import sys

sys.modules["_json"] = None  # must precede every import of json, including the data set's
import json  # noqa: E402
import json.decoder  # noqa: E402
import json.encoder  # noqa: E402
import json.scanner  # noqa: E402
import os  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, check_count, digest_dicts, read_dataset  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

IMPL = "python-json-pure"


def main():
    args = parse_args(IMPL, PARAMS)
    c_parts = {
        "json.scanner.c_make_scanner": json.scanner.c_make_scanner,
        "json.encoder.c_make_encoder": json.encoder.c_make_encoder,
        "json.encoder.c_encode_basestring_ascii": json.encoder.c_encode_basestring_ascii,
        "json.encoder.c_encode_basestring": json.encoder.c_encode_basestring,
        "json.decoder.c_scanstring": json.decoder.c_scanstring,
    }
    still_c = [name for name, fn in c_parts.items() if fn is not None]
    if still_c:
        sys.exit(f"{IMPL}: the C accelerator is still in use ({', '.join(still_c)}); json was imported before _json was blocked")
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
