"""The pyperformance subset of suite.py on the GIL build of a version (id python<NN>-gil).

Usage: gil_build.py WARMUP SAMPLES scale
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from suite import main  # noqa: E402

if __name__ == "__main__":
    main("gil")
