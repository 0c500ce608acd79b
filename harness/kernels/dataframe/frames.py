"""Shared by the programs of the dataframe kernels: parameters, the data set, the queries' constants,
the thread count, the result digest and the sampling loop. The query code itself is in each
library's program (pandas_frame.py, polars_frame.py, duckdb_frame.py).

The three queries (kernel parameter `query`), on the table of gen_data.py:
  groupby  per store: sum(price), mean(price), sum(qty), row count           -> 1,000 rows
  filter   rows with qty >= 40 and price < 250 and comment containing "express", every column
  join     the table joined (inner) with a customer table of 1,000,000 rows (customer, segment =
           (customer * 7919) mod 5, built by each library from that formula), then per segment:
           row count and sum(price)                                           -> 5 rows
and two TPC-H queries on the lineitem table of gen_tpch.py (the tpch-q1 and tpch-q6 variants),
with the specification's default substitution parameters:
  tpch-q1  pricing summary: the rows shipped on or before 1998-09-02 (1998-12-01 minus 90 days),
           per (l_returnflag, l_linestatus): sums of quantity, price, discounted price and charge,
           means of quantity, price and discount, row count              -> 4 rows
  tpch-q6  forecasting revenue change: sum(l_extendedprice * l_discount) over the rows shipped in
           1994 with a discount between 0.05 and 0.07 (inclusive) and a quantity under 24 -> 1 value
Each program reduces its result to the same canonical rows (below) and prints their SHA-256.
"""

import datetime
import hashlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, Str, check_lock, check_stamp, dataset_from_env, emit, refuse, thread_count, time_samples  # noqa: E402

QUERIES = ("groupby", "filter", "join", "tpch-q1", "tpch-q6")
TPCH = ("tpch-q1", "tpch-q6")
PARAMS = [Int("rows", 1, 1 << 31), Str("query", QUERIES)]

FILTER_MIN_QTY = 40
FILTER_MAX_PRICE = 250.0
FILTER_WORD = "express"
CUSTOMERS = 1_000_000
SEGMENTS = 5
SEGMENT_MULTIPLIER = 7919

Q1_SHIPDATE_MAX = datetime.date(1998, 9, 2)  # DATE '1998-12-01' - INTERVAL '90' DAY (DELTA = 90)
Q6_SHIPDATE_FROM = datetime.date(1994, 1, 1)  # DATE '1994-01-01', up to one year later (excluded)
Q6_SHIPDATE_TO = datetime.date(1995, 1, 1)
Q6_DISCOUNT_MIN = 0.05  # DISCOUNT 0.06 +- 0.01, both ends included
Q6_DISCOUNT_MAX = 0.07
Q6_QUANTITY_BELOW = 24
# tpch-q1's result columns, in the order every program reports them.
Q1_COLUMNS = ("l_returnflag", "l_linestatus", "sum_qty", "sum_base_price", "sum_disc_price", "sum_charge",
              "avg_qty", "avg_price", "avg_disc", "count_order")


def setup(args):
    """Checks the packages against the lock and returns the thread count (CLAIMBENCH_THREADS) for the
    parsed arguments (claimbench_protocol.parse_args(impl, PARAMS)). Call before importing a threaded
    library."""
    check_lock(args.impl, os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.lock"))
    return thread_count(args.impl)


KERNEL = os.path.basename(os.path.dirname(os.path.abspath(__file__)))


REGENERATE = f"rm -rf .cache/datasets/{KERNEL} && npm run harness -- --kernel {KERNEL}"


def regenerate(query):
    """The command that makes the data set of `query` again (the TPC-H ones are variants of the full profile)."""
    if query in TPCH:
        return f"rm -rf .cache/datasets/{KERNEL} && npm run harness -- --kernel {KERNEL} --variant {query} --profile full"
    return REGENERATE


def dataset_path(impl, rows, query="groupby"):
    """The Parquet file the harness made (CLAIMBENCH_DATASET), checked before use: the size its
    stamp (<file>.json, written by the harness's data-set step) records, a readable Parquet footer
    and `rows` rows (for the TPC-H queries: lineitem's columns too). Refused with the file's name
    and the command that regenerates it."""
    again = regenerate(query)
    path = dataset_from_env(impl)
    check_stamp(impl, path, again)  # the size only, as before: the libraries read the file themselves
    import pyarrow.parquet as pq

    try:
        have = pq.ParquetFile(path).metadata.num_rows
    except Exception as e:  # noqa: BLE001 - PyArrow raises several types for a damaged file
        refuse(impl, f"the data set {path} is not a readable Parquet file ({type(e).__name__}: {str(e)[:200]}; regenerate it: {again})")
    if have != rows:
        refuse(impl, f"the data set {path} has {have} rows, expected rows={rows} (made for other parameters; regenerate it: {again})")
    if query in TPCH:
        names = pq.ParquetFile(path).schema_arrow.names
        lacking = [c for c in LINEITEM_COLUMNS if c not in names]
        if lacking:
            refuse(impl, f"the data set {path} is not the TPC-H lineitem table of gen_tpch.py (no column {', '.join(lacking)}; regenerate it: {again})")
    return path


# The lineitem columns tpch-q1 and tpch-q6 read.
LINEITEM_COLUMNS = ("l_quantity", "l_extendedprice", "l_discount", "l_tax", "l_returnflag", "l_linestatus", "l_shipdate")


def fmt(v):
    """Canonical text of one value: integers as they are, floats rounded to 6 decimals."""
    if isinstance(v, float):
        return f"{v:.6f}"
    return str(int(v)) if not isinstance(v, str) else v


def sig7(v):
    """A TPC-H aggregate as text: 7 significant digits (floats), integers exact, text as it is."""
    if isinstance(v, float):
        return f"{v:.6e}"
    return str(int(v)) if not isinstance(v, str) else v


def digest(query, rows):
    """SHA-256 of the canonical result: one line per row, fields separated by '|'.

    groupby: (store, sum price, mean price, sum qty, count) sorted by store;
    filter:  (count, sum id, sum qty, sum price, min id, max id) of the rows kept (one line);
    join:    (segment, count, sum price) sorted by segment.
    tpch-q1: Q1_COLUMNS sorted by flag and status; tpch-q6: (revenue) (one line).
    Prices are whole quarters, so their sums are exact in float64 in any order; the mean is
    rounded to 6 decimals, far above the last-bit differences of different summation orders. The
    TPC-H sums (of products of cents) are not exact in float64: their floats are written with 7
    significant digits (sig7), nine orders of magnitude above the relative error of summing a few
    million doubles in another order, and the counts exactly.
    """
    if query in TPCH:
        return hashlib.sha256(("\n".join(sorted("|".join(sig7(v) for v in row) for row in rows)) + "\n").encode()).hexdigest()
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
