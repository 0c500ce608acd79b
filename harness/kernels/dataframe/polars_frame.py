"""The dataframe kernels in Polars 2, eager API on a DataFrame already in memory ("polars-eager-threads").

Usage: polars_frame.py WARMUP SAMPLES rows query   (the Parquet data set in CLAIMBENCH_DATASET)
Polars' thread pool is fixed when the module is imported: POLARS_MAX_THREADS is set to
CLAIMBENCH_THREADS first (all cores for polars-eager-threads, 1 for polars-eager) and the pool's
size, polars.thread_pool_size(), is what the result reports. The table is read once with
polars.read_parquet before timing; one sample is one query, result materialised. The same queries
run through the lazy API (lazy = True: df.lazy() ... .collect()), and, for the -read/-scan
programs, from the Parquet file in every sample (polars.read_parquet, or polars.scan_parquet with
the lazy query, which lets Polars read only the columns and row groups the query needs).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from frames import (CUSTOMERS, FILTER_MAX_PRICE, FILTER_MIN_QTY, FILTER_WORD, SEGMENT_MULTIPLIER,  # noqa: E402
                    PARAMS, Q1_COLUMNS, Q1_SHIPDATE_MAX, Q6_DISCOUNT_MAX, Q6_DISCOUNT_MIN, Q6_QUANTITY_BELOW,
                    Q6_SHIPDATE_FROM, Q6_SHIPDATE_TO, SEGMENTS, dataset_path, run, setup)
from claimbench_protocol import parse_args  # noqa: E402


def customers(pl):
    c = pl.int_range(0, CUSTOMERS, dtype=pl.Int64, eager=True)
    return pl.DataFrame({"customer": c, "segment": (c * SEGMENT_MULTIPLIER) % SEGMENTS})


def query_plan(pl, frame, query, cust):
    """The query on a DataFrame (eager) or a LazyFrame (lazy): the expressions are the same."""
    if query == "groupby":
        return frame.group_by("store").agg(
            pl.col("price").sum().alias("revenue"), pl.col("price").mean().alias("avg_price"),
            pl.col("qty").sum().alias("units"), pl.len().alias("lines"))
    if query == "filter":
        return frame.filter((pl.col("qty") >= FILTER_MIN_QTY) & (pl.col("price") < FILTER_MAX_PRICE)
                            & pl.col("comment").str.contains(FILTER_WORD, literal=True))
    if query == "tpch-q1":
        disc_price = pl.col("l_extendedprice") * (1.0 - pl.col("l_discount"))
        return (frame.filter(pl.col("l_shipdate") <= Q1_SHIPDATE_MAX)
                .group_by("l_returnflag", "l_linestatus")
                .agg(pl.col("l_quantity").sum().alias("sum_qty"), pl.col("l_extendedprice").sum().alias("sum_base_price"),
                     disc_price.sum().alias("sum_disc_price"), (disc_price * (1.0 + pl.col("l_tax"))).sum().alias("sum_charge"),
                     pl.col("l_quantity").mean().alias("avg_qty"), pl.col("l_extendedprice").mean().alias("avg_price"),
                     pl.col("l_discount").mean().alias("avg_disc"), pl.len().alias("count_order"))
                .sort("l_returnflag", "l_linestatus"))
    if query == "tpch-q6":
        return (frame.filter(pl.col("l_shipdate").is_between(Q6_SHIPDATE_FROM, Q6_SHIPDATE_TO, closed="left")
                             & pl.col("l_discount").is_between(Q6_DISCOUNT_MIN, Q6_DISCOUNT_MAX, closed="both")
                             & (pl.col("l_quantity") < Q6_QUANTITY_BELOW))
                .select((pl.col("l_extendedprice") * pl.col("l_discount")).sum().alias("revenue")))
    other = cust.lazy() if isinstance(frame, pl.LazyFrame) else cust
    return frame.join(other, on="customer", how="inner").group_by("segment").agg(
        pl.len().alias("lines"), pl.col("price").sum().alias("revenue"))


def canonical(pl, query, r):
    if query == "tpch-q1":
        return r.select(*Q1_COLUMNS).rows()
    if query == "tpch-q6":
        return r.rows()
    if query == "groupby":
        return r.select("store", "revenue", "avg_price", "units", "lines").rows()
    if query == "filter":
        return [(r.height, r["id"].sum(), r["qty"].sum(), r["price"].sum(), r["id"].min(), r["id"].max())]
    return r.select("segment", "lines", "revenue").rows()


def main(args, lazy=False, source="memory"):
    """source: "memory" (read before timing), "read" (read_parquet per sample) or "scan" (scan_parquet, lazy)."""
    threads = setup(args)
    os.environ["POLARS_MAX_THREADS"] = str(threads)
    import polars as pl

    query = args.params["query"]
    path = dataset_path(args.impl, args.params["rows"], query)
    cust = customers(pl) if query == "join" else None
    if source == "scan":
        def work():
            return query_plan(pl, pl.scan_parquet(path), query, cust).collect()
    elif source == "read":
        def work():
            return query_plan(pl, pl.read_parquet(path), query, cust)
    else:
        df = pl.read_parquet(path)
        if lazy:
            def work():
                return query_plan(pl, df.lazy(), query, cust).collect()
        else:
            def work():
                return query_plan(pl, df, query, cust)
    run(args, pl.thread_pool_size(), work, lambda r: canonical(pl, query, r))


if __name__ == "__main__":
    main(parse_args("polars-eager-threads", PARAMS))
