"""The dataframe kernels in pandas 3, on a DataFrame already in memory ("pandas").

Usage: pandas_frame.py WARMUP SAMPLES rows query   (the Parquet data set in CLAIMBENCH_DATASET)
Dtype backend: pandas 3's defaults, NumPy for numbers and pandas 3's default string dtype ("str",
stored in PyArrow arrays) for text; the TPC-H table's dates as datetime64 (read_parquet's
to_pandas_kwargs date_as_object=False: by default PyArrow hands pandas Python date objects). The table is read once with pandas.read_parquet (PyArrow
engine) before timing; one sample is one query on that DataFrame, result materialised. pandas runs
its operations on one thread.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from frames import (CUSTOMERS, FILTER_MAX_PRICE, FILTER_MIN_QTY, FILTER_WORD, SEGMENT_MULTIPLIER,  # noqa: E402
                    PARAMS, Q1_COLUMNS, Q1_SHIPDATE_MAX, Q6_DISCOUNT_MAX, Q6_DISCOUNT_MIN, Q6_QUANTITY_BELOW,
                    Q6_SHIPDATE_FROM, Q6_SHIPDATE_TO, SEGMENTS, TPCH, dataset_path, run, setup)
from claimbench_protocol import parse_args  # noqa: E402


def read(path, threads):
    import pyarrow as pa
    import pandas as pd

    pa.set_cpu_count(threads)  # PyArrow's reader pool; pandas' own operations use one thread
    return pd.read_parquet(path, engine="pyarrow", to_pandas_kwargs={"date_as_object": False})


def customers():
    import numpy as np
    import pandas as pd

    c = np.arange(CUSTOMERS, dtype=np.int64)
    return pd.DataFrame({"customer": c, "segment": (c * SEGMENT_MULTIPLIER) % SEGMENTS})


def groupby(df):
    return df.groupby("store", sort=False).agg(
        revenue=("price", "sum"), avg_price=("price", "mean"), units=("qty", "sum"), lines=("id", "size"))


def filter_rows(df):
    keep = (df["qty"] >= FILTER_MIN_QTY) & (df["price"] < FILTER_MAX_PRICE) & df["comment"].str.contains(FILTER_WORD, regex=False)
    return df[keep]


def join(df, cust):
    j = df.merge(cust, on="customer", how="inner")
    return j.groupby("segment", sort=False).agg(lines=("id", "size"), revenue=("price", "sum"))


def tpch_q1(li):
    import pandas as pd

    li = li[li["l_shipdate"] <= pd.Timestamp(Q1_SHIPDATE_MAX)]
    disc_price = li["l_extendedprice"] * (1.0 - li["l_discount"])
    li = li.assign(disc_price=disc_price, charge=disc_price * (1.0 + li["l_tax"]))
    return li.groupby(["l_returnflag", "l_linestatus"], sort=True).agg(
        sum_qty=("l_quantity", "sum"), sum_base_price=("l_extendedprice", "sum"), sum_disc_price=("disc_price", "sum"),
        sum_charge=("charge", "sum"), avg_qty=("l_quantity", "mean"), avg_price=("l_extendedprice", "mean"),
        avg_disc=("l_discount", "mean"), count_order=("l_quantity", "size")).reset_index()


def tpch_q6(li):
    import pandas as pd

    keep = ((li["l_shipdate"] >= pd.Timestamp(Q6_SHIPDATE_FROM)) & (li["l_shipdate"] < pd.Timestamp(Q6_SHIPDATE_TO))
            & li["l_discount"].between(Q6_DISCOUNT_MIN, Q6_DISCOUNT_MAX) & (li["l_quantity"] < Q6_QUANTITY_BELOW))
    kept = li.loc[keep, ["l_extendedprice", "l_discount"]]
    return (kept["l_extendedprice"] * kept["l_discount"]).sum()


def canonical(query, result):
    if query == "tpch-q1":
        return list(result[list(Q1_COLUMNS)].itertuples(index=False, name=None))
    if query == "tpch-q6":
        return [(float(result),)]
    if query == "groupby":
        return list(result.reset_index()[["store", "revenue", "avg_price", "units", "lines"]].itertuples(index=False, name=None))
    if query == "filter":
        r = result
        return [(len(r), r["id"].sum(), r["qty"].sum(), r["price"].sum(), r["id"].min(), r["id"].max())]
    return list(result.reset_index()[["segment", "lines", "revenue"]].itertuples(index=False, name=None))


def work_for(query, df):
    if query == "groupby":
        return lambda: groupby(df)
    if query == "filter":
        return lambda: filter_rows(df)
    if query == "tpch-q1":
        return lambda: tpch_q1(df)
    if query == "tpch-q6":
        return lambda: tpch_q6(df)
    cust = customers()
    return lambda: join(df, cust)


def main(args, with_read=False):
    threads = setup(args)
    query = args.params["query"]
    path = dataset_path(args.impl, args.params["rows"], query)
    if with_read:
        def work():
            return work_for(query, read(path, threads))()
    else:
        work = work_for(query, read(path, threads))
    run(args, threads, work, lambda r: canonical(query, r))


if __name__ == "__main__":
    main(parse_args("pandas", PARAMS))
