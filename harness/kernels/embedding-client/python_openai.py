"""The embedding-client kernel with the openai package's AsyncOpenAI client, as Baseten's
comparison drove it: every request a task, an asyncio.Semaphore(CONCURRENCY) bounding the
requests in flight, asyncio.gather over all of them.

Usage: python_openai.py WARMUP SAMPLES inputs batch concurrency dimensions
(the server's address in CLAIMBENCH_SERVER_URL). One sample: INPUTS texts in requests of BATCH,
each answer's vectors folded into the checksum. The client asks for base64 vectors (its default
when no encoding_format is given) and decodes them to lists of floats itself.
"""

import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import API_KEY, MODEL, PARAMS, batch_digest, check_versions, combine, input_texts, server_url  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

IMPL = "python-openai"


def main():
    args = parse_args(IMPL, PARAMS)
    check_versions(IMPL)  # before the import: a missing or other openai is reported against the lock
    from openai import AsyncOpenAI

    p = args.params
    inputs, batch, concurrency, dims = p["inputs"], p["batch"], p["concurrency"], p["dimensions"]
    texts = input_texts(inputs)
    chunks = [texts[i:i + batch] for i in range(0, inputs, batch)]
    loop = asyncio.new_event_loop()
    client = AsyncOpenAI(base_url=server_url(IMPL) + "/v1", api_key=API_KEY, timeout=600)
    result = [None]

    async def one_pass():
        gate = asyncio.Semaphore(concurrency)

        async def create(chunk):
            async with gate:
                res = await client.embeddings.create(input=chunk, model=MODEL, dimensions=dims)
            if len(res.data) != len(chunk):
                raise RuntimeError(f"asked for {len(chunk)} embeddings, got {len(res.data)}")
            return batch_digest(d.embedding for d in sorted(res.data, key=lambda d: d.index))

        return combine(await asyncio.gather(*[create(c) for c in chunks]))

    def work():
        result[0] = loop.run_until_complete(one_pass())

    samples = time_samples(args, work)
    loop.run_until_complete(client.close())
    loop.close()
    emit(args, checksum=result[0], samples_ns=samples, threads=1, work={"items": inputs})


if __name__ == "__main__":
    main()
