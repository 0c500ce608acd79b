"""The reference result: the same threaded matmul, one worker, on the project's Python (.venv).

Usage: reference.py WARMUP SAMPLES n
It defines the checksum every interpreter's result is checked against, and runs wherever the
project runs (CI included), whether or not the free-threaded interpreters were built.

The protocol (claimbench_protocol: arguments, clock, JSON line) is used in threaded_matmul.py.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from threaded_matmul import run  # noqa: E402

if __name__ == "__main__":
    run("reference", 1)
