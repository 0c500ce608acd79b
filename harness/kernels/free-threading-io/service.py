"""The I/O pool kernel's loopback HTTP service (kernel.yaml `service:`), started and stopped by the harness.

Usage: service.py PORT items workers delayUs workIterations
Listens on 127.0.0.1:PORT only, HTTP/1.1 with keep-alive, one asyncio event loop (one thread):
  GET /ready      -> 200 "ready"
  GET /item/<i>   -> after delayUs microseconds (a stand-in for a database or a remote API), 200 with
                     the body "<i> <value> <expected>": value = item_value(i), expected = the result
                     of workIterations steps of the clients' per-item Python work on value, so a
                     client that does the work can check it did it right.
Anything else answers 404. The waits overlap (asyncio.sleep), so the service's own time per request
is its parsing and writing, not the delay.
"""

import asyncio
import sys


def item_value(i):
    """A deterministic 31-bit value per item."""
    return (i * 2654435761 + 12345) % 2147483647


def work(value, iterations):
    """The per-item Python work the "work" clients do: steps of a linear congruential generator."""
    x = value
    for _ in range(iterations):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    return x


def main():
    if len(sys.argv) != 6:
        print("usage: service.py PORT items workers delayUs workIterations", file=sys.stderr)
        sys.exit(2)
    port, items, _workers, delay_us, iterations = (int(a, 10) for a in sys.argv[1:])
    delay = delay_us / 1e6
    bodies = [f"{i} {item_value(i)} {work(item_value(i), iterations)}".encode() for i in range(items)]

    def response(status, body):
        return b"HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s" % (status, b"OK" if status == 200 else b"Not Found", len(body), body)

    async def handle(reader, writer):
        try:
            while True:
                request = await reader.readuntil(b"\r\n\r\n")
                path = request.split(b" ", 2)[1] if request.count(b" ") >= 2 else b""
                if path == b"/ready":
                    writer.write(response(200, b"ready"))
                elif path.startswith(b"/item/") and path[6:].isdigit() and int(path[6:]) < items:
                    await asyncio.sleep(delay)
                    writer.write(response(200, bodies[int(path[6:])]))
                else:
                    writer.write(response(404, b"no such item"))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def serve():
        server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
        async with server:
            await server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
