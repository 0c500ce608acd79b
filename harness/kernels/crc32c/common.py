"""Shared by the Python implementations of the crc32c kernel: the parameters, the lock check and reading
the data set."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, check_lock  # noqa: E402

LOCK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.lock")
PARAMS = [Int("size", 1, 1 << 34), Int("chunk", 1, 1 << 30)]


def check_versions(impl):
    """Refuses to run (exit 2, naming the lock, the version found, the one pinned and the command
    that installs it) when an installed package differs from this kernel's requirements.lock.
    Every program calls it right after parsing its arguments, before it imports a pinned package,
    so that a missing or other version is reported against the lock, never an ImportError."""
    check_lock(impl, LOCK)


def read_dataset(impl, size):
    """The data set the harness made (path in CLAIMBENCH_DATASET), checked to have `size` bytes."""
    path = os.environ.get("CLAIMBENCH_DATASET")
    if not path:
        sys.stderr.write(f"{impl}: CLAIMBENCH_DATASET is not set (the harness passes the data set's path)\n")
        sys.exit(2)
    with open(path, "rb") as f:
        data = f.read()
    if len(data) != size:
        sys.stderr.write(f"{impl}: the data set {path} has {len(data)} bytes, expected size={size}\n")
        sys.exit(2)
    return data
