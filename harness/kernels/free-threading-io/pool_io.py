"""I/O thread pool, mode "io" (see io_pool.py).

Usage: pool_io.py WARMUP SAMPLES items workers delayUs workIterations   (service in CLAIMBENCH_SERVICE_URL)
Run by each interpreter; its id is py<version>[t]-io.

The protocol (claimbench_protocol: arguments, clock, JSON line) is used in io_pool.py.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from io_pool import main  # noqa: E402

if __name__ == "__main__":
    main("io")
