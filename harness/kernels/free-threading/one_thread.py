"""Threaded pure-Python matmul with ONE worker thread (see threaded_matmul.py).

Usage: one_thread.py WARMUP SAMPLES n   (run by each interpreter; its id is py<version>[t]-1thread)

The protocol (claimbench_protocol: arguments, clock, JSON line) is used in threaded_matmul.py.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from threaded_matmul import main  # noqa: E402

if __name__ == "__main__":
    main("1thread")
