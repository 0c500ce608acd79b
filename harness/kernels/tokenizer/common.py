"""Shared by the Python implementations of the tokenizer kernel: parameters, the corpus and
vocabulary files (checked against the generator's manifest), the pinned library versions (checked
against requirements.lock) and the digest of the token ids."""

import array
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "protocol", "python"))
from claimbench_protocol import Int, Str, check_lock, check_recorded, dataset_from_env, refuse  # noqa: E402

# docs: which Debian packages the corpus comes from (gen_corpus.py's DOCS); the programs only read the corpus.
PARAMS = [Int("size", 1, 1 << 34), Int("vocab", 257, 1 << 20), Str("docs", ["python", "debian"])]
MANIFEST = "tokenizer-files.json"
REGENERATE = "rm -rf .cache/datasets/tokenizer && npm run harness -- --kernel tokenizer (the data-set step writes them again; for the large variant's corpus add --variant large --profile full)"

# Nothing may come from a model hub: the programs read only the files of the data-set step.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def check_versions(impl, packages):
    """Refuses to run when one of `packages` differs from the version pinned in requirements.lock."""
    check_lock(impl, os.path.join(HERE, "requirements.lock"), packages)


def dataset_files(impl, size):
    """Paths of the corpus and the vocabulary files, each checked against the manifest (size, sha256)."""
    corpus = dataset_from_env(impl)
    folder = os.path.dirname(corpus)
    manifest_path = os.path.join(folder, MANIFEST)
    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        refuse(impl, f"{manifest_path}: cannot read the data set's manifest ({e}); regenerate: {REGENERATE}")
    paths = {}
    for name, want in manifest["files"].items():
        path = os.path.join(folder, name)
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            refuse(impl, f"{path}: missing ({e.strerror}); regenerate: {REGENERATE}")
        check_recorded(impl, path, len(data), hashlib.sha256(data).hexdigest(), f"the manifest {manifest_path}", want, REGENERATE)
        paths[name] = path
    if manifest["files"][os.path.basename(corpus)]["bytes"] > size:
        refuse(impl, f"{corpus}: larger than size={size}; regenerate: {REGENERATE}")
    return corpus, paths


def read_texts(corpus):
    """The corpus's texts (paragraphs), one per line, and its size in bytes."""
    with open(corpus, "rb") as f:
        raw = f.read()
    texts = raw.decode("utf-8").split("\n")
    if texts[-1] != "":
        texts.append("")  # unreachable for the generator's files, which end with a newline
    return texts[:-1], len(raw)


def digest(all_ids):
    """SHA-256 of every text's token count and ids, in corpus order, as little-endian uint32."""
    h = hashlib.sha256()
    count = array.array("I", [0])
    assert count.itemsize == 4
    little = sys.byteorder == "little"
    for ids in all_ids:
        count[0] = len(ids)
        a = array.array("I", ids)
        if not little:
            count.byteswap()
            a.byteswap()
        h.update(count.tobytes())
        h.update(a.tobytes())
        if not little:
            count.byteswap()
    return h.hexdigest()


def rayon_threads(impl):
    """Threads of the tokenizers library's Rayon pool: RAYON_NUM_THREADS (set by the harness), fixed per process."""
    from claimbench_protocol import thread_count

    n = os.environ.get("RAYON_NUM_THREADS")
    return int(n) if n and n.isdigit() and int(n) > 0 else thread_count(impl)
