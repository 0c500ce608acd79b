"""The Protobuf round trip shared by python-protobuf (upb) and python-protobuf-pure (pure Python).

One sample: Batch.SerializeToString() of the whole batch, then Batch.FromString() of those bytes.
The backend is chosen by the calling program before google.protobuf is imported and checked here
with api_implementation.Type() before anything is timed.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, check_count, digest_objects, read_dataset  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402


def run(impl, backend):
    from google.protobuf.internal import api_implementation

    from proto_messages import fill_batch, message_classes

    args = parse_args(impl, PARAMS)
    if api_implementation.Type() != backend:
        sys.exit(f"{impl}: protobuf runs its {api_implementation.Type()!r} backend, expected {backend!r}")
    n = args.params["records"]
    records = json.loads(read_dataset(impl, n))
    check_count(impl, len(records), n)
    batch_cls = message_classes()["Batch"]
    batch = fill_batch(batch_cls(), records)
    out = [None]

    def work():
        out[0] = batch_cls.FromString(batch.SerializeToString())

    samples = time_samples(args, work)
    emit(args, checksum=digest_objects(out[0].records), samples_ns=samples, threads=1, work={"records": n})
