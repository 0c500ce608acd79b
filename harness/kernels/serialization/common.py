"""Shared by the Python implementations of the serialization kernel: the parameter, reading the
data set, and the digest of decoded records that every implementation reports as its checksum.

The digest is computed outside the timed work, from the records the LAST timed decode produced, in
a canonical binary form that does not depend on the wire format (JSON or Protobuf): per record, in
order, the integers and the float bits little-endian, each string as its UTF-8 length (u32) and
bytes, each list as its length (u32) and items. rust/src/lib.rs computes the same form.
"""

import hashlib
import json
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int  # noqa: E402

PARAMS = [Int("records", 1, 10_000_000)]
REGENERATE = "npm run harness -- --kernel serialization --fresh"
FIELDS = ("id", "user", "created_ms", "score", "active", "tags", "embedding", "meta")


def check_versions(impl):
    """Refuses to run when an installed package's version differs from requirements.lock (next to
    this file): a result must come from the pinned libraries, never silently from others."""
    import re
    from importlib.metadata import PackageNotFoundError, version

    lock = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.lock")
    wrong = []
    with open(lock) as f:
        for line in f:
            m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", line)
            if not m:
                continue
            try:
                have = version(m.group(1))
            except PackageNotFoundError:
                have = "not installed"
            if have != m.group(2):
                wrong.append(f"{m.group(1)} {have} (the lock pins {m.group(2)})")
    if wrong:
        sys.stderr.write(f"{impl}: installed packages differ from harness/kernels/serialization/requirements.lock: "
                         f"{'; '.join(wrong)}; run npm run setup to install the pinned versions\n")
        sys.exit(2)


def read_checked(impl, path):
    """The data set's bytes, refused (exit 2, with the command that regenerates it) when the file is
    missing or differs in size or SHA-256 from the stamp (<file>.json) the harness wrote beside it."""
    if not os.path.isfile(path):
        sys.stderr.write(f"{impl}: the data set {path} does not exist (regenerate it: {REGENERATE})\n")
        sys.exit(2)
    with open(path, "rb") as f:
        data = f.read()
    stamp = path + ".json"
    if os.path.isfile(stamp):
        with open(stamp, encoding="utf-8") as f:
            want = json.load(f)
        if len(data) != want.get("bytes"):
            sys.stderr.write(f"{impl}: the data set {path} has {len(data)} bytes, its stamp {stamp} records {want.get('bytes')} (truncated or changed; regenerate it: {REGENERATE})\n")
            sys.exit(2)
        got = hashlib.sha256(data).hexdigest()
        if got != want.get("sha256"):
            sys.stderr.write(f"{impl}: the data set {path} has SHA-256 {got}, its stamp {stamp} records {want.get('sha256')} (changed; regenerate it: {REGENERATE})\n")
            sys.exit(2)
    return data


def read_dataset(impl, records):
    """The data set's bytes (path in CLAIMBENCH_DATASET), after checking the installed packages
    against the lock. The caller checks the record count."""
    check_versions(impl)
    path = os.environ.get("CLAIMBENCH_DATASET")
    if not path:
        sys.stderr.write(f"{impl}: CLAIMBENCH_DATASET is not set (the harness passes the data set's path)\n")
        sys.exit(2)
    return read_checked(impl, path)


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
