"""Shared by the Python implementations of the data-loading kernel: parameters, the pinned library
versions (checked against requirements.lock before any of them is imported), reading the data set,
the two pure-Python tokenizers, packing token ids into blocks and the checksum of the blocks.

The data set (gen_data.py) is the tokenizer's JSON on line 1 and the JSONL records after it. It is
read into memory before timing (one `bytes` per record line), so a sample measures parsing,
tokenising and packing, not the disk.
"""

import hashlib
import json
import os
import re
import struct
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, check_lock, dataset_from_env, read_stamped_dataset  # noqa: E402

LOCK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.lock")

PARAMS = [Int("records", 1, 100_000_000), Int("block", 2, 1 << 20)]
EOS = "<eos>"
REGENERATE = "rm -rf .cache/datasets/data-loading && npm run harness -- --kernel data-loading"


def check_versions(impl):
    """Refuses to run (exit 2, naming the lock, the version found and the one pinned) when an
    installed package differs from requirements.lock. Every program calls it before it imports
    orjson, tokenizers or transformers, so that a missing package is reported the same way."""
    check_lock(impl, LOCK)


def read_dataset(impl, records):
    """(tokenizer JSON text, [record line bytes]) from CLAIMBENCH_DATASET, after checking the installed
    packages against the lock; exits 2 on a bad file."""
    check_versions(impl)
    path = dataset_from_env(impl)
    data = read_stamped_dataset(impl, path, REGENERATE)
    header, _, body = data.partition(b"\n")
    lines = body.splitlines()
    if not header.startswith(b"{") or len(lines) != records:
        sys.stderr.write(f"{impl}: the data set {path} has {len(lines)} records after its tokenizer line, expected records={records} (regenerate it: {REGENERATE})\n")
        sys.exit(2)
    return header.decode("utf-8"), lines


def bpe_tables(tokenizer_json):
    """vocab {token: id}, merge ranks {(left, right): rank} and the <eos> id, from the tokenizer line;
    refuses a tokenizer other than the byte-level BPE that gen_data.py trains."""
    t = json.loads(tokenizer_json)
    model, pre = t["model"], t["pre_tokenizer"] or {}
    if (model["type"] != "BPE" or pre.get("type") != "ByteLevel" or pre.get("add_prefix_space") or not pre.get("use_regex")
            or t["normalizer"] is not None):
        sys.exit("the data set's tokenizer is not the byte-level BPE of gen_data.py; regenerate it: " + REGENERATE)
    merges = [tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in model["merges"]]
    eos = next(a["id"] for a in t["added_tokens"] if a["content"] == EOS)
    return model["vocab"], {pair: rank for rank, pair in enumerate(merges)}, eos


def slow_tokenizer(tokenizer_json):
    """transformers' GPT2Tokenizer (the pure-Python "slow" byte-level BPE: the `regex` package
    splits the text with GPT-2's pattern, a dict caches each word's merges) on the data set's
    vocabulary and merges, written as the vocab.json and merges.txt it reads, and the <eos> id.
    <eos> is its unknown, begin and end token, so that it adds no token of its own."""
    vocab, ranks, eos = bpe_tables(tokenizer_json)
    import transformers.utils.logging as tlog

    tlog.set_verbosity_error()
    from transformers import GPT2Tokenizer

    with tempfile.TemporaryDirectory(prefix="claimbench-data-loading-") as d:
        with open(os.path.join(d, "vocab.json"), "w", encoding="utf-8") as f:
            json.dump(vocab, f, ensure_ascii=False)
        with open(os.path.join(d, "merges.txt"), "w", encoding="utf-8") as f:
            f.write("#version: 0.2\n")
            for left, right in sorted(ranks, key=ranks.get):
                f.write(f"{left} {right}\n")
        tok = GPT2Tokenizer(os.path.join(d, "vocab.json"), os.path.join(d, "merges.txt"), unk_token=EOS, bos_token=EOS, eos_token=EOS)
    if tok.convert_tokens_to_ids(EOS) != eos or len(tok) != len(vocab):
        sys.exit("transformers' GPT2Tokenizer did not take the data set's vocabulary as it is; regenerate it: " + REGENERATE)
    return tok, eos


def pack(streams, eos, block):
    """Concatenates the records' ids, each followed by <eos>, and cuts them into `block`-id blocks
    (the tail shorter than a block is dropped, as a packing data loader does)."""
    flat = []
    for ids in streams:
        flat.extend(ids)
        flat.append(eos)
    n = len(flat) // block
    return [flat[i * block:(i + 1) * block] for i in range(n)]


def blocks_digest(blocks):
    """SHA-256 of the blocks, in order, as little-endian u32 ids (rust/src/bin/pipeline.rs does the same)."""
    h = hashlib.sha256()
    for b in blocks:
        h.update(struct.pack(f"<{len(b)}I", *b))
    return h.hexdigest()


def bytes_to_unicode():
    """GPT-2's map from the 256 byte values to printable characters (tokenizers' ByteLevel uses the same)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\xa1"), ord("\xac") + 1)) + list(range(ord("\xae"), ord("\xff") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


# GPT-2's split pattern, which tokenizers' ByteLevel pre-tokenizer applies; \p{L} and \p{N} are
# written as ASCII classes, exact for the ASCII texts of gen_data.py (the BPE class refuses others).
SPLIT = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+""")


class BPE:
    """A byte-level byte-pair-encoding tokenizer in pure Python, written lean by hand: the algorithm
    of transformers' slow GPT2Tokenizer (its _tokenize and bpe()), which is also the algorithm of
    tokenizers' BPE model behind its ByteLevel pre-tokenizer, without the library's per-call work
    (added-token splitting, token strings converted to ids one call each). python_lean_bpe.py
    measures it beside GPT2Tokenizer: how much of the pure-Python cost is the library's.

    The text is split with GPT-2's pattern; each piece's UTF-8 bytes are mapped to printable
    characters; the adjacent pair with the lowest merge rank is merged, every occurrence left to
    right, until no pair has a rank; the pieces' ids are the result. Pieces are cached as they are in
    tokenizers and in GPT2Tokenizer: a corpus repeats its words. Every implementation empties its
    cache at the start of each sample, so that a sample tokenizes the records as new text (this
    unbounded cache, kept from the warm-up, would hold every word and time only lookups, while
    tokenizers' cache is bounded).
    """

    def __init__(self, vocab, ranks):
        self.vocab, self.ranks, self.cache = vocab, ranks, {}
        self.byte_encoder = bytes_to_unicode()

    def word(self, w):
        hit = self.cache.get(w)
        if hit is not None:
            return hit
        parts = list(w)
        ranks = self.ranks
        while len(parts) > 1:
            best, best_rank = None, None
            for pair in zip(parts, parts[1:]):
                r = ranks.get(pair)
                if r is not None and (best_rank is None or r < best_rank):
                    best, best_rank = pair, r
            if best is None:
                break
            first, second = best
            merged, i, n = [], 0, len(parts)
            while i < n:
                if i < n - 1 and parts[i] == first and parts[i + 1] == second:
                    merged.append(first + second)
                    i += 2
                else:
                    merged.append(parts[i])
                    i += 1
            parts = merged
        ids = [self.vocab[p] for p in parts]
        self.cache[w] = ids
        return ids

    def encode(self, text):
        if not text.isascii():
            sys.exit("the pure-Python BPE's split pattern is exact for ASCII text only; regenerate the data set: " + REGENERATE)
        enc = self.byte_encoder
        out = []
        for piece in SPLIT.findall(text):
            out.extend(self.word("".join(enc[b] for b in piece.encode("utf-8"))))
        return out
