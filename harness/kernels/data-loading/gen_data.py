"""Data set of the data-loading kernel: a BPE tokenizer trained here, then `records` JSONL records of
real English prose.

Usage: gen_data.py OUTPUT SEED records block
The texts are paragraphs of Python's documentation as Debian's python3.11-doc package installs
them, read by the tokenizer kernel's reader (../tokenizer/gen_corpus.py, paragraphs(): every
*.rst.txt file in sorted order, blank-line separated paragraphs, the lines of one joined by a
space). Consecutive paragraphs are grouped into document excerpts of at least a target word count
drawn from random.Random(SEED) between MIN_WORDS and MAX_WORDS (a record's paragraphs joined by
"\n"); excerpts with a non-ASCII character are left out (the pure-Python tokenizer's split
pattern is exact for ASCII, see common.py; 384 of 73,006 paragraphs of 3.11.2); the excerpts are
shuffled with the same generator and the first `records` become the records, so any record count
mixes every part of the documentation. A documentation folder that is missing, or with fewer
excerpts than `records`, is refused with what to do.

Line 1 of OUTPUT is the tokenizer, as the one-line JSON of Hugging Face tokenizers' Tokenizer.to_str():
a byte-level byte-pair-encoding model as GPT-2 and most language models use (the GPT-2 split
pattern, bytes mapped to printable characters, VOCAB_SIZE tokens, no normaliser, no prefix space)
trained with tokenizers' BpeTrainer on the records' texts, "<eos>" its only special token. Every
implementation reads its vocabulary and merges from that line, so the pure-Python tokenizer and the
Rust one apply the same merges. Lines 2.. are the records, one JSON object per line: id, source
(the Debian package and its version), lang and text. `block` is accepted (the harness passes every
parameter) and does not change the data. Same bytes for the same SEED and package version
(random.Random; the trainer is deterministic).
"""

import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(1, os.path.join(HERE, "..", "tokenizer"))
from common import check_versions  # noqa: E402
from gen_corpus import DOC_PACKAGE, DOC_ROOT, doc_package_version, paragraphs  # noqa: E402

VOCAB_SIZE = 4096
MIN_WORDS, MAX_WORDS = 20, 200


def fail(msg):
    sys.stderr.write(f"gen_data.py: {msg}\n")
    sys.exit(1)


def excerpts(paras, rng):
    """Consecutive paragraphs grouped into texts of at least a drawn word count (ASCII texts only)."""
    out, group, words, target = [], [], 0, rng.randint(MIN_WORDS, MAX_WORDS)
    for p in paras:
        group.append(p)
        words += len(p.split())
        if words >= target:
            text = "\n".join(group)
            if text.isascii():
                out.append(text)
            group, words, target = [], 0, rng.randint(MIN_WORDS, MAX_WORDS)
    return out


def main(argv):
    if len(argv) != 5:
        sys.exit("usage: gen_data.py OUTPUT SEED records block")
    out, seed, n = argv[1], int(argv[2]), int(argv[3])
    if n < 1:
        fail(f"records must be >= 1, got {n}")
    root = os.environ.get("CLAIMBENCH_TOKENIZER_DOCS", DOC_ROOT)
    check_versions("gen_data.py")  # the trained merges depend on the tokenizers version
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    rng = random.Random(seed)
    texts = excerpts(paragraphs(root), rng)
    source = f"{DOC_PACKAGE} {doc_package_version()}"
    if len(texts) < n:
        fail(f"records={n} is more than the {len(texts)} excerpts of {source} under {root}: lower the kernel's records")
    rng.shuffle(texts)
    records = [{"id": i, "source": source, "lang": "en", "text": t} for i, t in enumerate(texts[:n])]

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    trainer = trainers.BpeTrainer(vocab_size=VOCAB_SIZE, min_frequency=2, special_tokens=["<eos>"], show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator((r["text"] for r in records), trainer)
    header = json.dumps(json.loads(tok.to_str()), separators=(",", ":"), ensure_ascii=False)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for r in records:
            f.write(json.dumps(r, separators=(",", ":"), ensure_ascii=False) + "\n")
    os.replace(tmp, out)
    sys.stderr.write(f"gen_data.py: {n} of {len(texts)} excerpts ({sum(len(r['text']) for r in records)} bytes of text) from {source}\n")


if __name__ == "__main__":
    main(sys.argv)
