"""Token ids of every text of the corpus with GPT-2's pure-Python ("slow") tokenizer from transformers.

Usage: python_slow.py WARMUP SAMPLES size vocab docs   (corpus path in CLAIMBENCH_DATASET)
One sample: GPT2Tokenizer(vocab.json, merges.txt).encode(text) for each paragraph in turn:
transformers 4.57's byte-level BPE written in Python (the `regex` package splits the text, a dict
caches each word's merges), the tokenizer that the Rust-backed "fast" tokenizers replaced. Same
vocabulary and merges as the fast implementations, so the ids must be the same.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, check_versions, dataset_files, digest, read_texts  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

IMPL = "python-slow"


def main():
    args = parse_args(IMPL, PARAMS)
    check_versions(IMPL, ["transformers", "regex"])
    import transformers.utils.logging as tlog

    tlog.set_verbosity_error()
    from transformers import GPT2Tokenizer

    corpus, files = dataset_files(IMPL, args.params["size"])
    texts, nbytes = read_texts(corpus)
    tok = GPT2Tokenizer(files["vocab.json"], files["merges.txt"])
    result = [None]

    def work():
        # Start every sample with an empty word cache, as the fast implementations do: carried over
        # from the warm-up, it would turn every sample into dictionary lookups of words already merged.
        tok.cache.clear()
        result[0] = [tok.encode(t) for t in texts]

    samples = time_samples(args, work)
    ids = result[0]
    emit(args, checksum=digest(ids), samples_ns=samples, threads=1, work={"bytes": nbytes, "tokens": sum(map(len, ids))})


if __name__ == "__main__":
    main()
