"""The dataframe kernels in Polars 2, eager API, one thread ("polars-eager"): polars_frame.py's program with this mode.

Usage: polars_eager.py WARMUP SAMPLES rows query   (the Parquet data set in CLAIMBENCH_DATASET)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from frames import PARAMS  # noqa: E402
from polars_frame import main  # noqa: E402
from claimbench_protocol import parse_args  # noqa: E402

if __name__ == "__main__":
    main(parse_args("polars-eager", PARAMS))
