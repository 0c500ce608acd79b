"""The http-serving kernel's FastAPI app (asgi_app.py), the same object uvicorn serves, on granian:
a Rust HTTP server (hyper on tokio) that calls the Python ASGI app. One worker process, one Rust
runtime thread, one blocking thread for the Python side, uvloop, HTTP/1 only, access log off.
Invoked as `granian_server.py PORT ENDPOINT` (ENDPOINT names the path the harness loads; both are
always served); listens on 127.0.0.1:PORT only and runs until it is signalled. granian runs its
worker as a child process; the harness counts the peak memory of the whole process tree."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import check_lock  # noqa: E402

LOCK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.lock")


def main():
    try:
        port = int(sys.argv[1])
        if not 0 < port < 65536:
            raise ValueError
    except (IndexError, ValueError):
        print("usage: granian_server.py PORT ENDPOINT (PORT: an integer from 1 to 65535)", file=sys.stderr)
        sys.exit(2)
    if len(sys.argv) != 3 or sys.argv[2] not in ("plaintext", "json"):
        print("usage: granian_server.py PORT ENDPOINT (ENDPOINT: plaintext or json)", file=sys.stderr)
        sys.exit(2)
    # Before any import of a pinned package: a missing or other version is reported against the lock.
    check_lock("python-fastapi-granian", LOCK)
    from granian import Granian
    from granian.constants import HTTPModes, Interfaces, Loops
    from granian.log import LogLevels

    Granian("asgi_app:app", address="127.0.0.1", port=port, interface=Interfaces.ASGI, workers=1,
            runtime_threads=1, blocking_threads=1, loop=Loops.uvloop, http=HTTPModes.http1,
            websockets=False, log_level=LogLevels.warning, log_access=False).serve()


if __name__ == "__main__":
    main()
