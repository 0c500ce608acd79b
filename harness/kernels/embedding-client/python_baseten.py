"""The embedding-client kernel with Baseten's baseten-performance-client (a Rust client on tokio
and reqwest, called from Python through PyO3; it releases the GIL while requests run).

Usage: python_baseten.py WARMUP SAMPLES inputs batch concurrency dimensions
(the server's address in CLAIMBENCH_SERVER_URL). One sample: one PerformanceClient.embed call
with all INPUTS texts, batch_size=BATCH and max_concurrent_requests=CONCURRENCY (the client
splits and schedules the requests), then each request's vectors folded into the checksum.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import API_KEY, MODEL, PARAMS, batch_digest, check_versions, combine, input_texts, server_url  # noqa: E402
from claimbench_protocol import emit, parse_args, thread_count, time_samples  # noqa: E402

IMPL = "python-baseten"


def main():
    args = parse_args(IMPL, PARAMS)
    check_versions(IMPL)  # before the import: a missing or other client is reported against the lock
    from baseten_performance_client import PerformanceClient, RequestProcessingPreference

    p = args.params
    inputs, batch, concurrency, dims = p["inputs"], p["batch"], p["concurrency"], p["dimensions"]
    texts = input_texts(inputs)
    client = PerformanceClient(base_url=server_url(IMPL), api_key=API_KEY)
    preference = RequestProcessingPreference(max_concurrent_requests=concurrency, batch_size=batch, timeout_s=600.0)
    result = [None]

    def work():
        res = client.embed(input=texts, model=MODEL, dimensions=dims, preference=preference)
        data = sorted(res.data, key=lambda d: d.index)
        if len(data) != inputs:
            raise RuntimeError(f"asked for {inputs} embeddings, got {len(data)}")
        result[0] = combine(batch_digest(d.embedding for d in data[i:i + batch]) for i in range(0, inputs, batch))

    samples = time_samples(args, work)
    emit(args, checksum=result[0], samples_ns=samples, threads=thread_count(IMPL), work={"items": inputs})


if __name__ == "__main__":
    main()
