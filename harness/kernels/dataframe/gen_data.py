"""Data set of the dataframe kernels: a seeded table of `rows` sales lines, written as one Parquet file.

Usage: gen_data.py OUTPUT SEED rows query
Columns (every value drawn from numpy.random.default_rng(SEED), NumPy pinned in requirements.lock):
  id        int64    0 .. rows-1, in order
  store     string   "store-0000" .. "store-0999", uniform (the group-by key, 1,000 groups)
  customer  int64    0 .. 999,999, uniform (the join key)
  qty       int32    1 .. 50, uniform
  price     float64  a whole number of quarters in [1.00, 1000.00]: every sum of prices is exact in float64
  comment   string   three words from a fixed list of 32, joined by spaces (about 20 characters)
The file is written by PyArrow (zstd, row groups of 1,000,000 rows, no statistics-dependent
layout), so the same seed and row count give the same table; `query` is accepted (the harness passes
every kernel parameter) but does not change the data.
"""

import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

WORDS = [
    "express", "regular", "pending", "final", "quick", "careful", "bold", "silent",
    "ironic", "even", "special", "unusual", "deposits", "requests", "packages", "accounts",
    "orders", "ideas", "theodolites", "pinto", "beans", "foxes", "platelets", "asymptotes",
    "courts", "dolphins", "frays", "sheaves", "warhorses", "instructions", "dependencies", "excuses",
]
STORES = 1000
CUSTOMERS = 1_000_000
CHUNK = 1_000_000


def chunk_table(rng, start, n):
    words = pa.array(WORDS)
    w = [words.take(pa.array(rng.integers(0, len(WORDS), n))) for _ in range(3)]
    store_names = pa.array([f"store-{i:04d}" for i in range(STORES)])
    return pa.table({
        "id": pa.array(np.arange(start, start + n, dtype=np.int64)),
        "store": store_names.take(pa.array(rng.integers(0, STORES, n))),
        "customer": pa.array(rng.integers(0, CUSTOMERS, n, dtype=np.int64)),
        "qty": pa.array(rng.integers(1, 51, n, dtype=np.int32)),
        "price": pa.array(rng.integers(4, 4001, n).astype(np.float64) / 4.0),
        "comment": pc.binary_join_element_wise(w[0], w[1], w[2], " "),
    })


def main(argv):
    if len(argv) != 5:
        sys.exit("usage: gen_data.py OUTPUT SEED rows query")
    out, seed, rows = argv[1], int(argv[2]), int(argv[3])
    if rows < 1:
        sys.exit(f"rows must be >= 1, got {rows}")
    rng = np.random.default_rng(seed)
    writer = None
    try:
        for start in range(0, rows, CHUNK):
            t = chunk_table(rng, start, min(CHUNK, rows - start))
            if writer is None:
                writer = pq.ParquetWriter(out, t.schema, compression="zstd")
            writer.write_table(t, row_group_size=CHUNK)
    finally:
        if writer is not None:
            writer.close()


if __name__ == "__main__":
    main(sys.argv)
