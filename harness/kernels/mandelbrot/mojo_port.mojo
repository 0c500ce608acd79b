# Mandelbrot escape-time kernel, Mojo: straight port of python.py with types
# added (naive tier): same loops, scalar Float64, List output.
# Build: mojo build -D ASSERT=none --fp-mode contract=off -I harness/protocol/mojo mojo_port.mojo -o mojo-port
# Usage: mojo-port WARMUP SAMPLES width height maxIter

from std.sys import exit, stderr
from std.time import perf_counter_ns
import claimbench
from claimbench import Param, print_result, checksum_int

comptime IMPL = "mojo-port"

# ---- the kernel's parameters on top of the protocol module
# (harness/protocol/mojo/claimbench.mojo: arguments, threads, peak memory,
# the JSON line) ----

# Complex-plane window of Modular's Mandelbrot example (see kernel.yaml).
comptime XMIN: Float64 = -2.0
comptime XMAX: Float64 = 0.6
comptime YMIN: Float64 = -1.5
comptime YMAX: Float64 = 1.5


@fieldwise_init
struct Args(Copyable):
    var protocol: claimbench.Args
    var warmup: Int
    var samples: Int
    var width: Int
    var height: Int
    var max_iter: Int


def parse_args() -> Args:
    var p = claimbench.parse_args(
        IMPL,
        [
            Param.int("width", 1, 1 << 20),
            Param.int("height", 1, 1 << 20),
            Param.int("maxIter", 1, 2147483647),
        ],
    )
    return Args(
        p.copy(), p.warmup, p.samples, p.int("width"), p.int("height"), p.int("maxIter")
    )


def print_json(a: Args, checksum: Int, samples_ns: List[Int], threads: Int):
    print_result(a.protocol, checksum_int(checksum), samples_ns, threads)


# ---- end of shared helpers ----


def compute(mut dst: List[Int32], width: Int, height: Int, max_iter: Int):
    var scale_x = (XMAX - XMIN) / Float64(width)
    var scale_y = (YMAX - YMIN) / Float64(height)
    for row in range(height):
        var y0 = YMIN + Float64(row) * scale_y
        var base = row * width
        for col in range(width):
            var x0 = XMIN + Float64(col) * scale_x
            var x: Float64 = 0.0
            var y: Float64 = 0.0
            var n = 0
            while n < max_iter and x * x + y * y <= 4.0:
                x, y = x * x - y * y + x0, 2.0 * x * y + y0
                n += 1
            dst[base + col] = Int32(n)


def main():
    var a = parse_args()
    var dst = List[Int32](length=a.width * a.height, fill=0)
    for _ in range(a.warmup):
        compute(dst, a.width, a.height, a.max_iter)
    var samples = List[Int]()
    for _ in range(a.samples):
        var t0 = perf_counter_ns()
        compute(dst, a.width, a.height, a.max_iter)
        samples.append(Int(perf_counter_ns() - t0))
    var checksum = 0
    for i in range(len(dst)):
        checksum += Int(dst[i])
    print_json(a, checksum, samples, 1)
