"""The hello-server kernel in Python: the standard library's threading HTTP server answering
GET /json with a fixed JSON document. Invoked as `python.py PORT`; listens on 127.0.0.1:PORT only
and runs until it is signalled."""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The same bytes every implementation serves (the harness compares their SHA-256).
BODY = b'{"message":"Hello, World!"}'


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the load generator expects
    # Headers and body leave in two writes; without TCP_NODELAY, Nagle's algorithm holds the
    # second one until the client's delayed ACK (about 40 ms per request on Linux).
    disable_nagle_algorithm = True

    def do_GET(self):
        if self.path != "/json":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

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
        print("usage: python.py PORT (PORT: an integer from 1 to 65535)", file=sys.stderr)
        sys.exit(2)
    Server(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
