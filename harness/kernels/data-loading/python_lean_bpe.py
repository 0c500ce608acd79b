"""The data-loading pipeline in plain Python with a lean hand-written BPE: json, common.BPE, list packing.

Usage: python_lean_bpe.py WARMUP SAMPLES records block   (data set path in CLAIMBENCH_DATASET)
One sample: json.loads of every record line, common.BPE.encode of its "text" (the data set's own
vocabulary and merges, the same algorithm as tokenizers' BPE), then pack() into blocks of `block`
ids with <eos> after each record. One thread. python.py is the same pipeline with transformers'
GPT2Tokenizer; this one shows how much of its cost is the library's rather than the algorithm's.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import BPE, PARAMS, blocks_digest, bpe_tables, pack, read_dataset  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

IMPL = "python-lean-bpe"


def main():
    args = parse_args(IMPL, PARAMS)
    n, block = args.params["records"], args.params["block"]
    header, lines = read_dataset(IMPL, n)
    vocab, ranks, eos = bpe_tables(header)
    tok = BPE(vocab, ranks)
    out = [None]

    def work():
        tok.cache.clear()  # a cold cache in every sample (see common.BPE)
        out[0] = pack((tok.encode(json.loads(line)["text"]) for line in lines), eos, block)

    samples = time_samples(args, work)
    emit(args, checksum=blocks_digest(out[0]), samples_ns=samples, threads=1, work={"records": n})


if __name__ == "__main__":
    main()
