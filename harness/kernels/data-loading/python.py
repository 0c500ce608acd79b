"""The data-loading pipeline in plain Python: json, transformers' pure-Python GPT-2 tokenizer, list packing.

Usage: python.py WARMUP SAMPLES records block   (data set path in CLAIMBENCH_DATASET)
One sample: json.loads of every record line, GPT2Tokenizer.encode of its "text" (transformers
4.57's "slow" byte-level BPE written in Python, on the data set's own vocabulary and merges: the
tokenizer a Python loader used before the Rust-backed tokenizers replaced it), then pack() into
blocks of `block` ids with <eos> after each record. One thread.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, blocks_digest, pack, read_dataset, slow_tokenizer  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

IMPL = "python"


def main():
    args = parse_args(IMPL, PARAMS)
    n, block = args.params["records"], args.params["block"]
    header, lines = read_dataset(IMPL, n)
    tok, eos = slow_tokenizer(header)
    out = [None]

    def work():
        # A cold word cache in every sample: kept from the warm-up, GPT2Tokenizer's unbounded cache
        # would hold every word of the data set and a sample would time only lookups.
        tok.cache.clear()
        out[0] = pack((tok.encode(json.loads(line)["text"], add_special_tokens=False) for line in lines), eos, block)

    samples = time_samples(args, work)
    emit(args, checksum=blocks_digest(out[0]), samples_ns=samples, threads=1, work={"records": n})


if __name__ == "__main__":
    main()
