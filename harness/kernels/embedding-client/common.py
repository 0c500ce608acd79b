"""Shared by the Python clients of the embedding-client kernel: the parameters, the input texts,
the server's address and the checksum (the same definitions as rust/src/lib.rs)."""

import array
import hashlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, check_lock  # noqa: E402

LOCK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.lock")
PARAMS = [Int("inputs", 1, 1 << 24), Int("batch", 1, 4096), Int("concurrency", 1, 4096), Int("dimensions", 1, 8192)]
# The model name Baseten's comparison script sends; the mock server ignores it.
MODEL = "text-embedding-3-small"
API_KEY = "dummy-key"


def check_versions(impl):
    """Refuses to run (exit 2, naming the lock, the version found, the one pinned and the command
    that installs it) when an installed package differs from this kernel's requirements.lock.
    Every program calls it right after parsing its arguments, before it imports a pinned package,
    so that a missing or other version is reported against the lock, never an ImportError."""
    check_lock(impl, LOCK)


def input_texts(n):
    """The texts of inputs 0..n-1: short, like Baseten's "Hello world", but distinct."""
    return [f"Hello world {i}" for i in range(n)]


def server_url(impl):
    """The mock server's loopback address, which the harness passes in CLAIMBENCH_SERVER_URL."""
    url = os.environ.get("CLAIMBENCH_SERVER_URL", "")
    if not url.startswith("http://127.0.0.1:"):
        sys.stderr.write(f"{impl}: CLAIMBENCH_SERVER_URL must be the mock server's loopback address (http://127.0.0.1:PORT), set by the harness\n")
        sys.exit(2)
    return url


def batch_digest(vectors):
    """SHA-256 of one request's vectors as little-endian float32, in input order."""
    h = hashlib.sha256()
    for v in vectors:
        a = array.array("f", v)
        if sys.byteorder != "little":
            a.byteswap()
        h.update(a.tobytes())
    return h.digest()


def combine(batch_digests):
    """The kernel's checksum: SHA-256 of the batch digests in batch order, lowercase hex."""
    h = hashlib.sha256()
    for d in batch_digests:
        h.update(d)
    return h.hexdigest()
