"""The dataframe kernels in pandas 3, reading the Parquet file in every sample ("pandas-read").

Usage: pandas_read.py WARMUP SAMPLES rows query   (the Parquet data set in CLAIMBENCH_DATASET)
One sample: pandas.read_parquet (PyArrow engine, its reader pool on CLAIMBENCH_THREADS threads,
PyArrow's default of all cores) and then the same query as pandas_frame.py (one thread).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from frames import PARAMS  # noqa: E402
from pandas_frame import main  # noqa: E402
from claimbench_protocol import parse_args  # noqa: E402

if __name__ == "__main__":
    main(parse_args("pandas-read", PARAMS), with_read=True)
