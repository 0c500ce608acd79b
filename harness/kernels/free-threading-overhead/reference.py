"""The pyperformance subset of suite.py on the project's Python (id reference): defines the digest wherever the project runs.

Usage: reference.py WARMUP SAMPLES scale
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from suite import main  # noqa: E402

if __name__ == "__main__":
    main("reference")
