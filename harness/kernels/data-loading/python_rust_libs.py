"""The data-loading pipeline in Python with Rust-backed libraries: orjson and Hugging Face tokenizers.

Usage: python_rust_libs.py WARMUP SAMPLES records block   (data set path in CLAIMBENCH_DATASET)
One sample: orjson.loads of every record line, Tokenizer.encode_batch of the texts (the data set's
tokenizer, loaded with Tokenizer.from_str; Rust, on a Rayon pool of RAYON_NUM_THREADS threads, which
the harness sets to CLAIMBENCH_THREADS: 1 for python-rust-libs, all CPUs for python-rust-libs-threads),
then the same pack() as python.py.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import EOS, PARAMS, blocks_digest, check_versions, pack, read_dataset  # noqa: E402
from claimbench_protocol import emit, parse_args, thread_count, time_samples  # noqa: E402


def main(impl="python-rust-libs"):
    args = parse_args(impl, PARAMS)
    check_versions(impl)  # before the imports: a missing package is reported against the lock too
    import orjson
    from tokenizers import Tokenizer

    threads = thread_count(impl)
    if os.environ.get("RAYON_NUM_THREADS") != str(threads):
        sys.exit(f"{impl}: RAYON_NUM_THREADS must equal CLAIMBENCH_THREADS ({threads}); the harness sets both")
    n, block = args.params["records"], args.params["block"]
    header, lines = read_dataset(impl, n)
    tok = Tokenizer.from_str(header)
    eos = tok.token_to_id(EOS)
    out = [None]

    def work():
        tok.model._clear_cache()  # a cold cache in every sample (see common.BPE)
        texts = [orjson.loads(line)["text"] for line in lines]
        out[0] = pack((e.ids for e in tok.encode_batch(texts, add_special_tokens=False)), eos, block)

    samples = time_samples(args, work)
    emit(args, checksum=blocks_digest(out[0]), samples_ns=samples, threads=threads, work={"records": n})


if __name__ == "__main__":
    main()
