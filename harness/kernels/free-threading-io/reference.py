"""The reference result: the I/O pool in mode "io" on the project's Python (.venv).

Usage: reference.py WARMUP SAMPLES items workers delayUs workIterations
It defines the checksum every interpreter's result is checked against, and runs wherever the
project runs (CI included), whether or not the free-threaded interpreters were built.

The protocol (claimbench_protocol: arguments, clock, JSON line) is used in io_pool.py.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from io_pool import run  # noqa: E402

if __name__ == "__main__":
    run("reference", "io")
