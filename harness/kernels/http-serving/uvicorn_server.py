"""The http-serving kernel's FastAPI app (asgi_app.py) on uvicorn as a Python service is deployed:
uvloop event loop, httptools HTTP parser, one worker process, access log off. Invoked as
`uvicorn_server.py PORT ENDPOINT` (ENDPOINT names the path the harness loads; both are always
served); listens on 127.0.0.1:PORT only and runs until it is signalled."""
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
        print("usage: uvicorn_server.py PORT ENDPOINT (PORT: an integer from 1 to 65535)", file=sys.stderr)
        sys.exit(2)
    if len(sys.argv) != 3 or sys.argv[2] not in ("plaintext", "json"):
        print("usage: uvicorn_server.py PORT ENDPOINT (ENDPOINT: plaintext or json)", file=sys.stderr)
        sys.exit(2)
    # Before any import of a pinned package: a missing or other version is reported against the lock.
    check_lock("python-fastapi", LOCK)
    import uvicorn

    uvicorn.run("asgi_app:app", host="127.0.0.1", port=port, workers=1, loop="uvloop", http="httptools",
                access_log=False, log_level="warning")


if __name__ == "__main__":
    main()
