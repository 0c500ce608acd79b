"""Token ids of the whole corpus with Hugging Face tokenizers from Python, one batched call.

Usage: python_fast_batch.py WARMUP SAMPLES size vocab docs   (corpus path in CLAIMBENCH_DATASET)
One sample: Tokenizer.encode_batch(texts, add_special_tokens=False), then each encoding's ids.
encode_batch spreads the texts over the library's Rayon pool, whose size is fixed when the process
starts (RAYON_NUM_THREADS, which the harness sets: 1 for python-hf-batch-1t, all cores for
python-hf-batch), so each thread count is its own process. python_fast_batch_1t.py runs this
program as python-hf-batch-1t.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, check_versions, dataset_files, digest, rayon_threads, read_texts  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

IMPL = "python-hf-batch"


def main(impl):
    args = parse_args(impl, PARAMS)
    check_versions(impl, ["tokenizers"])
    threads = rayon_threads(impl)
    from tokenizers import Tokenizer

    corpus, files = dataset_files(impl, args.params["size"])
    texts, nbytes = read_texts(corpus)
    tok = Tokenizer.from_file(files["tokenizer.json"])
    result = [None]

    def work():
        tok.model._clear_cache()  # every sample starts with an empty word cache (see python_slow.py)
        result[0] = [e.ids for e in tok.encode_batch(texts, add_special_tokens=False)]

    samples = time_samples(args, work)
    ids = result[0]
    emit(args, checksum=digest(ids), samples_ns=samples, threads=threads, work={"bytes": nbytes, "tokens": sum(map(len, ids))})


if __name__ == "__main__":
    main(IMPL)
