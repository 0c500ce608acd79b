"""python_rust_libs.py under its own implementation id, run with CLAIMBENCH_THREADS (and so
RAYON_NUM_THREADS) set to every CPU: tokenizers' encode_batch spreads the texts over its Rayon pool.

Usage: python_rust_libs_threads.py WARMUP SAMPLES records block   (data set path in CLAIMBENCH_DATASET)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from python_rust_libs import main  # noqa: E402

if __name__ == "__main__":
    main("python-rust-libs-threads")
