"""Data set of the dataframe kernel's TPC-H variants: the TPC-H lineitem table, made here by
tpchgen-cli (pinned in requirements.lock) and written as one Parquet file.

Usage: gen_tpch.py OUTPUT SEED rows query
`rows` is the lineitem table's row count, which fixes the TPC-H scale factor (SCALE_FACTORS below:
6,001,215 rows is scale factor 1); other counts are refused with the ones accepted. TPC-H data
have no seed: tpchgen-cli's output depends on the scale factor alone (SEED and `query` are
accepted because the harness passes them, and change nothing).

tpchgen-cli writes lineitem with decimal(15,2) money and quantity columns and Arrow string views.
The file we keep has every column of lineitem, in order, with the four decimal columns
(l_quantity, l_extendedprice, l_discount, l_tax) as float64, each value the correctly rounded
quotient of its integer number of cents by 100 (so 0.05 in the data is the double 0.05 that a
query's literal gives), and the text columns as plain strings: the types Polars' PDS-H and most
dataframe users work with, and ones pandas 3 reads without Python objects. Written by PyArrow (zstd,
row groups of 1,000,000 rows), so a scale factor always gives the same bytes.
"""

import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

# lineitem rows -> TPC-H scale factor (the counts tpchgen-cli, like dbgen, writes at each).
SCALE_FACTORS = {60175: "0.01", 600572: "0.1", 6001215: "1"}
MONEY = ("l_quantity", "l_extendedprice", "l_discount", "l_tax")


def tpchgen():
    """The tpchgen-cli of this interpreter's environment (.venvs/dataframe), never one on the PATH."""
    exe = os.path.join(os.path.dirname(sys.executable), "tpchgen-cli")
    if not os.path.isfile(exe):
        sys.exit(f"tpchgen-cli is not installed beside {sys.executable} (npm run setup installs the kernel's requirements.lock)")
    return exe


def as_float(col):
    """decimal(p,2) -> float64: the integer number of hundredths divided by 100 (correctly rounded)."""
    scale = col.type.scale
    cents = pc.cast(pc.multiply(col, pa.scalar(10 ** scale, pa.decimal128(col.type.precision, 0))), pa.int64()).to_numpy()
    return pa.array(cents.astype(np.float64) / float(10 ** scale))


def convert(table):
    cols = []
    for name in table.column_names:
        col = table[name].combine_chunks()
        if name in MONEY:
            col = as_float(col)
        elif pa.types.is_string_view(col.type):
            col = pc.cast(col, pa.string())
        cols.append(col)
    return pa.table(cols, names=table.column_names)


def main(argv):
    if len(argv) != 5:
        sys.exit("usage: gen_tpch.py OUTPUT SEED rows query")
    out, rows = argv[1], int(argv[3])
    if rows not in SCALE_FACTORS:
        accepted = ", ".join(f"{r} (scale factor {sf})" for r, sf in SCALE_FACTORS.items())
        sys.exit(f"rows={rows} is not the lineitem row count of a TPC-H scale factor this generator knows; expected one of {accepted}")
    sf = SCALE_FACTORS[rows]
    tmp = tempfile.mkdtemp(prefix="tpchgen-", dir=os.path.dirname(os.path.abspath(out)))
    try:
        subprocess.run([tpchgen(), "parquet", "--scale-factor", sf, "--tables", "lineitem", "--output-dir", tmp, "--quiet"], check=True)
        table = pq.read_table(os.path.join(tmp, "lineitem.parquet"))
        if table.num_rows != rows:
            sys.exit(f"tpchgen-cli wrote {table.num_rows} lineitem rows at scale factor {sf}, expected {rows}")
        pq.write_table(convert(table), out, compression="zstd", row_group_size=1_000_000)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv)
