"""The plain-Python pipeline spread over CLAIMBENCH_THREADS worker processes (multiprocessing).

Usage: python_processes.py WARMUP SAMPLES records block   (data set path in CLAIMBENCH_DATASET)
What a PyTorch DataLoader with worker processes does for a CPU-bound pipeline: the record lines are
cut into one contiguous chunk per worker, each worker (started before timing, holding its own
transformers GPT2Tokenizer) parses and tokenises its chunk with the same code as python.py and sends the ids back;
the parent packs them in record order. Timed: sending the chunks, the work, receiving the ids,
packing.
"""

import json
import multiprocessing
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, blocks_digest, pack, read_dataset, slow_tokenizer  # noqa: E402
from claimbench_protocol import emit, parse_args, thread_count, time_samples  # noqa: E402

IMPL = "python-processes"
_tok = None


def _init(header):
    global _tok
    _tok, _ = slow_tokenizer(header)


def _chunk(lines):
    _tok.cache.clear()  # each worker's one chunk per sample starts with a cold cache (see python.py)
    return [_tok.encode(json.loads(line)["text"], add_special_tokens=False) for line in lines]


def main():
    args = parse_args(IMPL, PARAMS)
    n, block = args.params["records"], args.params["block"]
    threads = thread_count(IMPL)
    header, lines = read_dataset(IMPL, n)
    _, eos = slow_tokenizer(header)
    step = -(-n // threads)
    chunks = [lines[i:i + step] for i in range(0, n, step)]
    out = [None]
    with multiprocessing.get_context("fork").Pool(threads, initializer=_init, initargs=(header,)) as pool:
        def work():
            out[0] = pack((ids for part in pool.map(_chunk, chunks, chunksize=1) for ids in part), eos, block)

        samples = time_samples(args, work)
    emit(args, checksum=blocks_digest(out[0]), samples_ns=samples, threads=threads, work={"records": n})


if __name__ == "__main__":
    main()
