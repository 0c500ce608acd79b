"""Protobuf round trip with the protobuf package's default backend (upb, in C).

Usage: python_protobuf.py WARMUP SAMPLES records   (data set path in CLAIMBENCH_DATASET)
The message classes come from records.proto; they, the round trip and its check are
in protobuf_roundtrip.py. The program refuses to run unless protobuf reports the upb backend.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
if os.environ.get("PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION", "upb") != "upb":
    sys.exit("python-protobuf: PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION is set; this implementation measures the default (upb)")
from protobuf_roundtrip import run  # noqa: E402

if __name__ == "__main__":
    run("python-protobuf", "upb")
