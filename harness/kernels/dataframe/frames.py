"""Shared by the programs of the dataframe kernels: parameters, the data set, the queries' constants,
the thread count, the result digest and the sampling loop. The query code itself is in each
library's program (pandas_frame.py, polars_frame.py, duckdb_frame.py).

The three queries (kernel parameter `query`), on the table of gen_data.py:
  groupby  per store: sum(price), mean(price), sum(qty), row count           -> 1,000 rows
  filter   rows with qty >= 40 and price < 250 and comment containing "express", every column
  join     the table joined (inner) with a customer table of 1,000,000 rows (customer, segment =
           (customer * 7919) mod 5, built by each library from that formula), then per segment:
           row count and sum(price)                                           -> 5 rows
Each program reduces its result to the same canonical rows (below) and prints their SHA-256.
"""

import hashlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, Str, check_lock, check_stamp, dataset_from_env, emit, refuse, thread_count, time_samples  # noqa: E402

QUERIES = ("groupby", "filter", "join")
PARAMS = [Int("rows", 1, 1 << 31), Str("query", QUERIES)]

FILTER_MIN_QTY = 40
FILTER_MAX_PRICE = 250.0
FILTER_WORD = "express"
CUSTOMERS = 1_000_000
SEGMENTS = 5
SEGMENT_MULTIPLIER = 7919


def setup(args):
    """Checks the packages against the lock and returns the thread count (CLAIMBENCH_THREADS) for the
    parsed arguments (claimbench_protocol.parse_args(impl, PARAMS)). Call before importing a threaded
    library."""
    check_lock(args.impl, os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.lock"))
    return thread_count(args.impl)


KERNEL = os.path.basename(os.path.dirname(os.path.abspath(__file__)))


REGENERATE = f"rm -rf .cache/datasets/{KERNEL} && npm run harness -- --kernel {KERNEL}"


def dataset_path(impl, rows):
    """The Parquet file the harness made (CLAIMBENCH_DATASET), checked before use: the size its
    stamp (<file>.json, written by the harness's data-set step) records, a readable Parquet footer
    and `rows` rows. Refused with the file's name and the command that regenerates it."""
    path = dataset_from_env(impl)
    check_stamp(impl, path, REGENERATE)  # the size only, as before: the libraries read the file themselves
    import pyarrow.parquet as pq

    try:
        have = pq.ParquetFile(path).metadata.num_rows
    except Exception as e:  # noqa: BLE001 - PyArrow raises several types for a damaged file
        refuse(impl, f"the data set {path} is not a readable Parquet file ({type(e).__name__}: {str(e)[:200]}; regenerate it: {REGENERATE})")
    if have != rows:
        refuse(impl, f"the data set {path} has {have} rows, expected rows={rows} (made for other parameters; regenerate it: {REGENERATE})")
    return path


def fmt(v):
    """Canonical text of one value: integers as they are, floats rounded to 6 decimals."""
    if isinstance(v, float):
        return f"{v:.6f}"
    return str(int(v)) if not isinstance(v, str) else v


def digest(query, rows):
    """SHA-256 of the canonical result: one line per row, fields separated by '|'.

    groupby: (store, sum price, mean price, sum qty, count) sorted by store;
    filter:  (count, sum id, sum qty, sum price, min id, max id) of the rows kept (one line);
    join:    (segment, count, sum price) sorted by segment.
    Prices are whole quarters, so their sums are exact in float64 in any order; the mean is
    rounded to 6 decimals, far above the last-bit differences of different summation orders.
    """
    lines = sorted("|".join(fmt(v) for v in row) for row in rows) if query != "filter" else ["|".join(fmt(v) for v in rows[0])]
    return hashlib.sha256(("\n".join(lines) + "\n").encode()).hexdigest()


def run(args, threads, work, canonical):
    """Times `work` (returns the query's result), then digests canonical(last result) and prints the line."""
    last = [None]

    def sample():
        last[0] = work()

    samples = time_samples(args, sample)
    rows = canonical(last[0])
    emit(args, checksum=digest(args.params["query"], rows), samples_ns=samples, threads=threads)
