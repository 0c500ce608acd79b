"""JSON round trip with msgspec and typed Structs, pinned in this kernel's requirements.lock.

Usage: python_msgspec.py WARMUP SAMPLES records   (data set path in CLAIMBENCH_DATASET)
One sample: msgspec.json.encode(records) of a list of Record Structs, then a Decoder(list[Record])
decoding those bytes back into Structs (typed and validated, as serde does in rust-serde-json).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, check_count, check_versions, digest_objects, read_dataset  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

IMPL = "python-msgspec"


def record_struct(msgspec):
    """The Record Struct (and its Meta), defined once msgspec has passed the lock check."""

    class Meta(msgspec.Struct):
        source: str
        version: int
        region: str

    class Record(msgspec.Struct):
        id: int
        user: str
        created_ms: int
        score: float
        active: bool
        tags: list[str]
        embedding: list[float]
        meta: Meta

    return Record


def main():
    args = parse_args(IMPL, PARAMS)
    check_versions(IMPL)  # before the import: a missing or other msgspec is reported against the lock
    import msgspec

    Record = record_struct(msgspec)
    n = args.params["records"]
    encoder = msgspec.json.Encoder()
    decoder = msgspec.json.Decoder(list[Record])
    records = decoder.decode(read_dataset(IMPL, n))
    check_count(IMPL, len(records), n)
    out = [None]

    def work():
        out[0] = decoder.decode(encoder.encode(records))

    samples = time_samples(args, work)
    emit(args, checksum=digest_objects(out[0]), samples_ns=samples, threads=1, work={"records": n})


if __name__ == "__main__":
    main()
