"""Token ids of every text of the corpus with Hugging Face tokenizers from Python, one call per text.

Usage: python_fast_text.py WARMUP SAMPLES size vocab docs   (corpus path in CLAIMBENCH_DATASET)
One sample: Tokenizer.encode(text, add_special_tokens=False).ids for each paragraph in turn (the
Rust library behind the Python binding; a single text is encoded on one thread).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, check_versions, dataset_files, digest, read_texts  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

IMPL = "python-hf-text"


def main():
    args = parse_args(IMPL, PARAMS)
    check_versions(IMPL, ["tokenizers"])
    from tokenizers import Tokenizer

    corpus, files = dataset_files(IMPL, args.params["size"])
    texts, nbytes = read_texts(corpus)
    tok = Tokenizer.from_file(files["tokenizer.json"])
    result = [None]

    def work():
        tok.model._clear_cache()  # every sample starts with an empty word cache (see python_slow.py)
        result[0] = [tok.encode(t, add_special_tokens=False).ids for t in texts]

    samples = time_samples(args, work)
    ids = result[0]
    emit(args, checksum=digest(ids), samples_ns=samples, threads=1, work={"bytes": nbytes, "tokens": sum(map(len, ids))})


if __name__ == "__main__":
    main()
