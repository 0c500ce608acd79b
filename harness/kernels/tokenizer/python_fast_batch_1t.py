"""python_fast_batch.py on one thread: the same program, reported as python-hf-batch-1t.

Usage: python_fast_batch_1t.py WARMUP SAMPLES size vocab docs   (corpus path in CLAIMBENCH_DATASET)
The harness starts it with RAYON_NUM_THREADS=1 (it is not `parallel`), so encode_batch runs its
texts one after another on the calling thread.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from python_fast_batch import main  # noqa: E402

if __name__ == "__main__":
    main("python-hf-batch-1t")
