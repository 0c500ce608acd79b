"""The dataframe kernels in DuckDB 2 SQL, all cores ("duckdb-threads"): duckdb_frame.py's program with this mode.

Usage: duckdb_threads.py WARMUP SAMPLES rows query   (the Parquet data set in CLAIMBENCH_DATASET)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from frames import PARAMS  # noqa: E402
from duckdb_frame import main  # noqa: E402
from claimbench_protocol import parse_args  # noqa: E402

if __name__ == "__main__":
    main(parse_args("duckdb-threads", PARAMS))
