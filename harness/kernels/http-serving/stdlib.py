"""The http-serving kernel with Python's standard library: http.server's ThreadingHTTPServer (one
thread per connection) with the two TechEmpower-style endpoints, GET /plaintext (fixed bytes) and
GET /json (a small dict serialized with json.dumps on every request). Invoked as
`stdlib.py PORT ENDPOINT` (ENDPOINT names the path the harness loads; both are always served);
listens on 127.0.0.1:PORT only and runs until it is signalled. Unlike the other two servers it does
not check requirements.lock: it imports no pinned package, and importlib.metadata would add a dozen
modules to the server whose memory is measured."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PLAINTEXT = b"Hello, World!"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the load generator expects
    # Headers and body leave in two writes; without TCP_NODELAY, Nagle's algorithm holds the
    # second one until the client's delayed ACK (about 40 ms per request on Linux).
    disable_nagle_algorithm = True

    def do_GET(self):
        if self.path == "/plaintext":
            self.answer("text/plain", PLAINTEXT)
        elif self.path == "/json":
            # Compact separators: the same bytes as the other implementations' serializers.
            body = json.dumps({"message": "Hello, World!"}, separators=(",", ":")).encode()
            self.answer("application/json", body)
        else:
            self.send_error(404)

    def answer(self, content_type, body):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # one line per request on stderr would cost more than the request


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the load generator closing its connections at the end is not an error


def main():
    try:
        port = int(sys.argv[1])
        if not 0 < port < 65536:
            raise ValueError
    except (IndexError, ValueError):
        print("usage: stdlib.py PORT ENDPOINT (PORT: an integer from 1 to 65535)", file=sys.stderr)
        sys.exit(2)
    if len(sys.argv) != 3 or sys.argv[2] not in ("plaintext", "json"):
        print("usage: stdlib.py PORT ENDPOINT (ENDPOINT: plaintext or json)", file=sys.stderr)
        sys.exit(2)
    Server(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
