"""Threaded pure-Python matmul with ONE worker thread, each working on its own copies of the inputs it reads (see threaded_matmul.py, multiply_rows_own).

Usage: one_thread_own.py WARMUP SAMPLES n   (run by each interpreter; its id is py<version>[t]-1thread-own)

The protocol (claimbench_protocol: arguments, clock, JSON line) is used in threaded_matmul.py.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from threaded_matmul import main  # noqa: E402

if __name__ == "__main__":
    main("1thread-own")
