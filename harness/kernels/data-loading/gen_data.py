"""Data set of the data-loading kernel: a BPE tokenizer trained here, then `records` JSONL records.

Usage: gen_data.py OUTPUT SEED records block
Line 1 of OUTPUT is the tokenizer, as the one-line JSON of Hugging Face tokenizers' Tokenizer.to_str():
a byte-level byte-pair-encoding model as GPT-2 and most language models use (the GPT-2 split
pattern, bytes mapped to printable characters, VOCAB_SIZE tokens, no normaliser, no prefix space)
trained with tokenizers' BpeTrainer on the records' texts, "<eos>" its only special token. Every
implementation reads its vocabulary and merges from that line, so the pure-Python tokenizer and the
Rust one apply the same merges. Lines 2.. are the records, one JSON object per line: id, source,
lang and text. Texts are 20 to 200 words of made-up syllable words drawn with a Zipf-like law
(a few frequent words, a long tail), in sentences with capitals and punctuation: English-like
statistics without copying any text, ASCII only. `block` is accepted (the harness passes every parameter) and
does not change the data. Same bytes for the same SEED (random.Random; the trainer is deterministic).
"""

import json
import random
import sys

from tokenizers import Tokenizer, models, pre_tokenizers, trainers

VOCAB_SIZE = 4096
SYLLABLES = ["ka", "lo", "mi", "ra", "to", "ne", "su", "vi", "de", "an", "el", "or", "in", "th", "st", "ing",
             "er", "qu", "ly", "ment", "pre", "con", "al", "ous", "ch", "ba", "fe", "go", "hu", "ji", "wo", "zy"]
SOURCES = ["forum", "news", "docs", "code-comments", "chat"]


def lexicon(rng, n):
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
    return sorted(words)


def text(rng, words, weights):
    out = []
    for w in rng.choices(words, weights, k=rng.randint(20, 200)):
        if not out or out[-1].endswith("."):
            w = w.capitalize()
        r = rng.random()
        out.append(w + ("." if r < 0.08 else "," if r < 0.14 else ""))
    return " ".join(out) + "."


def main(argv):
    if len(argv) != 5:
        sys.exit("usage: gen_data.py OUTPUT SEED records block")
    out, seed, n = argv[1], int(argv[2]), int(argv[3])
    if n < 1:
        sys.exit(f"records must be >= 1, got {n}")
    rng = random.Random(seed)
    words = lexicon(rng, 30_000)
    weights = [1.0 / (rank + 10) for rank in range(len(words))]
    rng.shuffle(words)
    records = [{"id": i, "source": rng.choice(SOURCES), "lang": "en", "text": text(rng, words, weights)} for i in range(n)]

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    trainer = trainers.BpeTrainer(vocab_size=VOCAB_SIZE, min_frequency=2, special_tokens=["<eos>"], show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator((r["text"] for r in records), trainer)
    header = json.dumps(json.loads(tok.to_str()), separators=(",", ":"), ensure_ascii=False)
    with open(out, "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for r in records:
            f.write(json.dumps(r, separators=(",", ":"), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv)
