"""Shared by the Python implementations of the serialization kernel: the parameter, the lock check,
reading the data set, and the digest of decoded records that every implementation reports as its checksum.

The digest is computed outside the timed work, from the records the LAST timed decode produced, in
a canonical binary form that does not depend on the wire format (JSON or Protobuf): per record, in
order, the integers and the float bits little-endian, each string as its UTF-8 length (u32) and
bytes, each list as its length (u32) and items. rust/src/lib.rs computes the same form.
"""

import hashlib
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, check_lock, dataset_from_env, read_stamped_dataset  # noqa: E402

LOCK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.lock")

PARAMS = [Int("records", 1, 10_000_000)]
REGENERATE = "rm -rf .cache/datasets/serialization && npm run harness -- --kernel serialization"
FIELDS = ("id", "user", "created_ms", "score", "active", "tags", "embedding", "meta")


def check_versions(impl):
    """Refuses to run (exit 2, naming the lock, the version found, the one pinned and the command
    that installs it) when an installed package differs from requirements.lock. Every program that
    uses orjson, msgspec or protobuf calls it right after parsing its arguments, before it imports
    any of them, so that a missing or other version is reported against the lock, never as an
    ImportError or silently used."""
    check_lock(impl, LOCK)


def read_dataset(impl, records):
    """The data set's bytes (path in CLAIMBENCH_DATASET), after checking the installed packages
    against the lock. The caller checks the record count."""
    check_lock(impl, LOCK)
    path = dataset_from_env(impl)
    return read_stamped_dataset(impl, path, REGENERATE)


def check_count(impl, got, records):
    if got != records:
        sys.stderr.write(f"{impl}: the data set has {got} records, expected records={records} (regenerate it: {REGENERATE})\n")
        sys.exit(2)


def _s(h, text):
    b = text.encode("utf-8")
    h.update(struct.pack("<I", len(b)))
    h.update(b)


def _digest(rows):
    """rows: (id, user, created_ms, score, active, tags, embedding, (source, version, region))."""
    h = hashlib.sha256()
    for rid, user, created, score, active, tags, emb, (source, version, region) in rows:
        h.update(struct.pack("<Qqd?", rid, created, score, active))
        _s(h, user)
        h.update(struct.pack("<I", len(tags)))
        for t in tags:
            _s(h, t)
        h.update(struct.pack("<I", len(emb)))
        h.update(struct.pack(f"<{len(emb)}d", *emb))
        _s(h, source)
        h.update(struct.pack("<i", version))
        _s(h, region)
    return h.hexdigest()


def digest_dicts(records):
    """Digest of records decoded as dicts (json, orjson)."""
    return _digest(
        (r["id"], r["user"], r["created_ms"], r["score"], r["active"], r["tags"], r["embedding"],
         (r["meta"]["source"], r["meta"]["version"], r["meta"]["region"]))
        for r in records
    )


def digest_objects(records):
    """Digest of records decoded as objects with attributes (msgspec Structs, Protobuf messages)."""
    return _digest(
        (r.id, r.user, r.created_ms, r.score, r.active, list(r.tags), list(r.embedding),
         (r.meta.source, r.meta.version, r.meta.region))
        for r in records
    )
