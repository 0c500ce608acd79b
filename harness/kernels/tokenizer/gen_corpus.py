"""Data set of the tokenizer kernel: an English corpus from Python's documentation and a BPE vocabulary trained on it.

Usage: gen_corpus.py OUTPUT SEED size vocab
Reads the reStructuredText sources of Python's documentation as Debian's python3.11-doc package
installs them (/usr/share/doc/python3.11/html/_sources/**/*.rst.txt; `apt-get install
python3.11-doc`, which .ci/run does), splits every file into paragraphs (blank-line separated;
the lines of a paragraph joined by one space), shuffles the paragraphs with
random.Random(SEED) so that any prefix mixes every part of the documentation, and writes to
OUTPUT the first paragraphs that fit in `size` bytes, one per line (UTF-8, "\n" after each).

Beside OUTPUT it writes the vocabulary every implementation uses, trained on OUTPUT with the
`tokenizers` package's BpeTrainer (byte-level BPE as GPT-2: the ByteLevel pre-tokenizer and its
256-byte initial alphabet, `vocab` tokens, special token <|endoftext|>): tokenizer.json (the
fast tokenizers' format), vocab.json and merges.txt (the format of GPT-2's slow tokenizer in
transformers), and tokenizer-files.json (size and sha256 of the corpus and of each of these files,
the Debian package version, seed and parameters). BPE training has no randomness: the same corpus gives the same merges; the seed
decides the corpus (the paragraph order). A missing documentation folder or a corpus smaller
than `size` is refused with what to do.
"""

import glob
import hashlib
import json
import os
import random
import subprocess
import sys

DOC_PACKAGE = "python3.11-doc"
DOC_ROOT = "/usr/share/doc/python3.11/html/_sources"
SPECIAL = "<|endoftext|>"
# Written beside the corpus; the programs check every file against it before they time anything.
MANIFEST = "tokenizer-files.json"
VOCAB_FILES = ("tokenizer.json", "vocab.json", "merges.txt")


def fail(msg):
    sys.stderr.write(f"gen_corpus.py: {msg}\n")
    sys.exit(1)


def doc_package_version():
    try:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", DOC_PACKAGE], capture_output=True, text=True, check=False)
        return r.stdout.strip() if r.returncode == 0 else "unknown"
    except OSError:
        return "unknown"


def paragraphs(root):
    files = sorted(glob.glob(os.path.join(root, "**", "*.rst.txt"), recursive=True))
    if not files:
        fail(f"no documentation found under {DOC_ROOT}: install Debian's {DOC_PACKAGE} (apt-get install {DOC_PACKAGE}; .ci/run does it in CI)")
    out = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        block = []
        for line in text.split("\n") + [""]:
            line = line.strip()
            if line:
                block.append(line)
            elif block:
                out.append(" ".join(block))
                block = []
    # Only "\n" separates texts in the corpus file; other line breaks would split differently per language.
    return [p for p in out if not any(c in p for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029") and SPECIAL not in p]


def train_vocabulary(corpus_path, out_dir, vocab_size):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=[SPECIAL],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train([corpus_path], trainer)
    tok.save(os.path.join(out_dir, "tokenizer.json"))
    tok.model.save(out_dir)  # vocab.json and merges.txt


def main(argv):
    if len(argv) != 5:
        sys.exit("usage: gen_corpus.py OUTPUT SEED size vocab")
    out, seed, size, vocab = argv[1], int(argv[2]), int(argv[3]), int(argv[4])
    root = os.environ.get("CLAIMBENCH_TOKENIZER_DOCS", DOC_ROOT)
    paras = paragraphs(root)
    random.Random(seed).shuffle(paras)
    chosen, total = [], 0
    for p in paras:
        n = len(p.encode("utf-8")) + 1
        if total + n > size:
            break
        chosen.append(p)
        total += n
    available = sum(len(p.encode("utf-8")) + 1 for p in paras)
    if available < size:
        fail(f"size={size} bytes is more than the {available} bytes of paragraphs under {root} ({DOC_PACKAGE} {doc_package_version()}): lower the kernel's size")
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for p in chosen:
            f.write(p)
            f.write("\n")
    out_dir = os.path.dirname(os.path.abspath(out))
    train_vocabulary(tmp, out_dir, vocab)
    os.replace(tmp, out)
    files = {}
    for name, path in [(os.path.basename(out), out)] + [(n, os.path.join(out_dir, n)) for n in VOCAB_FILES]:
        with open(path, "rb") as f:
            data = f.read()
        files[name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    manifest = {"source": f"{DOC_PACKAGE} {doc_package_version()}", "seed": seed, "size": size, "vocab": vocab, "paragraphs": len(chosen), "files": files}
    with open(os.path.join(out_dir, MANIFEST + ".tmp"), "w") as f:
        json.dump(manifest, f, indent=1)
    os.replace(os.path.join(out_dir, MANIFEST + ".tmp"), os.path.join(out_dir, MANIFEST))
    sys.stderr.write(f"gen_corpus.py: {len(chosen)} paragraphs, {total} bytes from {DOC_PACKAGE} {doc_package_version()}; vocabulary of {vocab} tokens\n")


if __name__ == "__main__":
    main(sys.argv)
