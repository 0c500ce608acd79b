"""The pyperformance subset of suite.py on the GIL build again (id python<NN>-gil-aa): its ratio to python<NN>-gil is the A/A noise floor.

Usage: gil_build_again.py WARMUP SAMPLES scale
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from suite import main  # noqa: E402

if __name__ == "__main__":
    main("gil-aa")
