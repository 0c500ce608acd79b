"""Threaded pure-Python matmul with ONE worker thread (see threaded_matmul.py).

Usage: one_thread.py WARMUP SAMPLES n   (run by each interpreter; its id is py<version>[t]-1thread)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from threaded_matmul import main  # noqa: E402

if __name__ == "__main__":
    main("1thread")
