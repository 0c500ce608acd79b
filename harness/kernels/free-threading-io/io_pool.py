"""An I/O-bound thread pool, shared by every implementation of this kernel.

A concurrent.futures ThreadPoolExecutor with `workers` threads fetches `items` items from the
kernel's loopback HTTP service (CLAIMBENCH_SERVICE_URL; started by the harness, see service.py),
each thread over its own keep-alive http.client connection, the way a program calls a database or
an API from a pool. Mode "io": each item's body is parsed and its value summed, nothing more (the
Python that remains is http.client's own request and response handling). Mode "work": each item
also gets `workIterations` steps of pure-Python arithmetic, checked against the service's answer.
The checksum, the sum of the values, is the same in both modes and on every interpreter.

Each program's implementation id names the interpreter it ran on ("py<major><minor>", "t" for a
free-threaded build) and its mode; a free-threaded build that ran with the GIL enabled exits with an
error instead of reporting.
"""

import http.client
import os
import sys
import sysconfig
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, parse_args, time_samples  # noqa: E402

PARAMS = [Int("items", 1, 1_000_000), Int("workers", 1, 1024), Int("delayUs", 0, 1_000_000), Int("workIterations", 0, 10_000_000)]


def free_threaded_build():
    return bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def gil_enabled():
    probe = getattr(sys, "_is_gil_enabled", None)
    return True if probe is None else bool(probe())


def interpreter_tag():
    v = sys.version_info
    return f"py{v.major}{v.minor}{'t' if free_threaded_build() else ''}"


def service_address(impl):
    url = os.environ.get("CLAIMBENCH_SERVICE_URL", "")
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname != "127.0.0.1" or parts.port is None:
        print(f"{impl}: CLAIMBENCH_SERVICE_URL must be http://127.0.0.1:PORT (the harness starts the service), got {url!r}", file=sys.stderr)
        sys.exit(2)
    return parts.hostname, parts.port


def work(value, iterations):
    """The per-item Python work (the same steps as service.py's)."""
    x = value
    for _ in range(iterations):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    return x


class Fetcher:
    """One keep-alive connection per worker thread."""

    def __init__(self, host, port, iterations):
        self.host, self.port, self.iterations = host, port, iterations
        self.local = threading.local()

    def connection(self):
        c = getattr(self.local, "conn", None)
        if c is None:
            c = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        return c

    def fetch(self, i):
        c = self.connection()
        c.request("GET", f"/item/{i}")
        r = c.getresponse()
        body = r.read()
        if r.status != 200:
            raise RuntimeError(f"GET /item/{i} answered {r.status}")
        got_i, value, expected = (int(t) for t in body.split())
        if got_i != i:
            raise RuntimeError(f"GET /item/{i} answered item {got_i}")
        if self.iterations and work(value, self.iterations) != expected:
            raise RuntimeError(f"item {i}: the work gave another result than the service's")
        return value


def run_pool(fetcher, items, workers):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(fetcher.fetch, range(items)))


def run(impl, mode):
    """mode "io": no work per item; "work": workIterations steps of Python arithmetic per item."""
    args = parse_args(impl, PARAMS)
    p = args.params
    host, port = service_address(impl)
    fetcher = Fetcher(host, port, p["workIterations"] if mode == "work" else 0)
    result = [0]

    def once():
        result[0] = run_pool(fetcher, p["items"], p["workers"])

    samples_ns = time_samples(args, once)
    if free_threaded_build() and gil_enabled():
        print(f"{impl}: this free-threaded build ran with the GIL enabled (PYTHON_GIL=1 or -X gil=1 in the environment, or an extension without Py_mod_gil): not a free-threaded measurement", file=sys.stderr)
        sys.exit(1)
    emit(args, checksum=result[0], samples_ns=samples_ns, threads=p["workers"], work={"items": p["items"]})


def main(mode):
    run(f"{interpreter_tag()}-{mode}", mode)
