"""Protobuf round trip with the protobuf package's pure-Python backend.

Usage: python_protobuf_pure.py WARMUP SAMPLES records   (data set path in CLAIMBENCH_DATASET)
protobuf picks its backend when google.protobuf is first imported, from the environment variable
PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION; this program sets it to "python" before that import (the
documented switch), and protobuf_roundtrip.py checks api_implementation.Type() == "python".
"""

import os
import sys

os.environ["PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION"] = "python"
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from protobuf_roundtrip import run  # noqa: E402

if __name__ == "__main__":
    run("python-protobuf-pure", "python")
