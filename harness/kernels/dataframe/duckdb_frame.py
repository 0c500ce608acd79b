"""The dataframe kernels in DuckDB 2 SQL, on a table already in DuckDB's memory ("duckdb").

Usage: duckdb_frame.py WARMUP SAMPLES rows query   (the Parquet data set in CLAIMBENCH_DATASET)
The TPC-H queries run the specification's SQL on a table named lineitem. An in-memory connection with SET threads = CLAIMBENCH_THREADS (1 for duckdb, all cores for
duckdb-threads); the Parquet file is loaded into a table before timing (CREATE TABLE ... AS SELECT
* FROM read_parquet), and one sample is one query whose result is fetched as a PyArrow table.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from frames import (CUSTOMERS, FILTER_MAX_PRICE, FILTER_MIN_QTY, FILTER_WORD, SEGMENT_MULTIPLIER,  # noqa: E402
                    PARAMS, Q1_SHIPDATE_MAX, Q6_DISCOUNT_MAX, Q6_DISCOUNT_MIN, Q6_QUANTITY_BELOW, Q6_SHIPDATE_FROM,
                    Q6_SHIPDATE_TO, SEGMENTS, TPCH, dataset_path, run, setup)
from claimbench_protocol import parse_args  # noqa: E402

SQL = {
    "groupby": "SELECT store, sum(price) AS revenue, avg(price) AS avg_price, sum(qty) AS units, count(*) AS lines "
               "FROM {t} GROUP BY store",
    "filter": f"SELECT * FROM {{t}} WHERE qty >= {FILTER_MIN_QTY} AND price < {FILTER_MAX_PRICE} "
              f"AND contains(comment, '{FILTER_WORD}')",
    "join": "SELECT c.segment, count(*) AS lines, sum(s.price) AS revenue "
            "FROM {t} AS s JOIN customers AS c ON s.customer = c.customer GROUP BY c.segment",
    # TPC-H Q1 and Q6 as the specification writes them (substitution parameters in frames.py).
    "tpch-q1": "SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, sum(l_extendedprice) AS sum_base_price, "
               "sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price, "
               "sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge, avg(l_quantity) AS avg_qty, "
               "avg(l_extendedprice) AS avg_price, avg(l_discount) AS avg_disc, count(*) AS count_order "
               f"FROM {{t}} WHERE l_shipdate <= DATE '{Q1_SHIPDATE_MAX}' "
               "GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus",
    "tpch-q6": "SELECT sum(l_extendedprice * l_discount) AS revenue FROM {t} "
               f"WHERE l_shipdate >= DATE '{Q6_SHIPDATE_FROM}' AND l_shipdate < DATE '{Q6_SHIPDATE_TO}' "
               f"AND l_discount BETWEEN {Q6_DISCOUNT_MIN} AND {Q6_DISCOUNT_MAX} AND l_quantity < {Q6_QUANTITY_BELOW}",
}


def canonical(query, t):
    if query == "filter":
        import pyarrow.compute as pc

        return [(t.num_rows, pc.sum(t["id"]).as_py(), pc.sum(t["qty"]).as_py(), pc.sum(t["price"]).as_py(),
                 pc.min(t["id"]).as_py(), pc.max(t["id"]).as_py())]
    return [tuple(r.values()) for r in t.to_pylist()]


def main(args):
    threads = setup(args)
    import duckdb

    query = args.params["query"]
    path = dataset_path(args.impl, args.params["rows"], query)
    con = duckdb.connect(":memory:")
    con.execute(f"SET threads = {threads}").fetchall()
    got = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    if query == "join":
        con.execute(f"CREATE TABLE customers AS SELECT range AS customer, (range * {SEGMENT_MULTIPLIER}) % {SEGMENTS} AS segment "
                    f"FROM range({CUSTOMERS})").fetchall()
    table = "lineitem" if query in TPCH else "sales"
    con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet($path)", {"path": path}).fetchall()
    sql = SQL[query].format(t=table)

    def work():
        return con.sql(sql).to_arrow_table()

    run(args, int(got), work, lambda t: canonical(query, t))


if __name__ == "__main__":
    main(parse_args("duckdb", PARAMS))
