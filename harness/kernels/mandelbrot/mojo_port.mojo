# Mandelbrot escape-time kernel, Mojo: straight port of python.py with types
# added (naive tier): same loops, scalar Float64, List output.
# Build: mojo build -D ASSERT=none --fp-mode contract=off mojo_port.mojo -o mojo-port
# Usage: mojo-port WARMUP SAMPLES width height maxIter

from std.ffi import external_call
from std.sys import CompilationTarget, argv, exit, stderr
from std.time import perf_counter_ns

comptime IMPL = "mojo-port"

# ---- shared harness protocol helpers (identical in mojo_port.mojo,
# mojo_simd.mojo and mojo_simd_parallel.mojo so that each implementation is
# one self-contained file) ----

# Complex-plane window of Modular's Mandelbrot example (see kernel.yaml).
comptime XMIN: Float64 = -2.0
comptime XMAX: Float64 = 0.6
comptime YMIN: Float64 = -1.5
comptime YMAX: Float64 = 1.5


@fieldwise_init
struct Args(Copyable):
    var warmup: Int
    var samples: Int
    var width: Int
    var height: Int
    var max_iter: Int


def usage_error(msg: String) -> Args:
    print(IMPL + ": " + msg, file=stderr)
    print(
        "usage: " + IMPL + " WARMUP SAMPLES width height maxIter", file=stderr
    )
    exit(2)
    return Args(0, 0, 0, 0, 0)


def parse_args() -> Args:
    var argv_ = argv()
    if len(argv_) != 6:
        return usage_error(
            "expected 5 arguments, got " + String(len(argv_) - 1)
        )
    var names = ["WARMUP", "SAMPLES", "width", "height", "maxIter"]
    var vals = List[Int](length=5, fill=0)
    for i in range(5):
        try:
            vals[i] = Int(String(argv_[i + 1]))
        except:
            return usage_error(
                String(names[i])
                + " must be an integer, got '"
                + String(argv_[i + 1])
                + "'"
            )
    var a = Args(vals[0], vals[1], vals[2], vals[3], vals[4])
    if (
        a.warmup < 0
        or a.samples < 1
        or a.width < 1
        or a.height < 1
        or a.max_iter < 1
        or a.width > (1 << 20)
        or a.height > (1 << 20)
        or a.max_iter > 2147483647
    ):
        return usage_error(
            "need WARMUP >= 0, SAMPLES >= 1, 1 <= width,height <= 2^20, 1 <="
            " maxIter <= 2^31-1"
        )
    return a^


def peak_rss_kib() -> Int:
    """VmHWM from /proc/self/status, else getrusage's ru_maxrss."""
    try:
        with open("/proc/self/status", "r") as f:
            var text = f.read()
            # split("\n"), not splitlines(): in Mojo 1.2 splitlines() also
            # breaks at the tab that follows "VmHWM:".
            for line in text.split("\n"):
                if line.startswith("VmHWM:"):
                    return Int(String(line[byte=6:]).replace("kB", "").strip())
    except:
        pass
    # struct rusage on 64-bit Linux/macOS: two timevals, then ru_maxrss.
    var ru = List[Int64](length=18, fill=0)
    if external_call["getrusage", Int32](Int32(0), ru.unsafe_ptr()) != 0:
        return 0
    return Int(ru[4]) // 1024 if CompilationTarget.is_macos() else Int(ru[4])


def print_json(a: Args, checksum: Int, samples_ns: List[Int], threads: Int):
    var s = String('{"impl":"', IMPL, '","params":{"width":', a.width)
    s += String(
        ',"height":',
        a.height,
        ',"maxIter":',
        a.max_iter,
        '},"checksum":',
        checksum,
    )
    s += ',"samplesNs":['
    for i in range(len(samples_ns)):
        if i > 0:
            s += ","
        s += String(samples_ns[i])
    s += String('],"threads":', threads, ',"peakRssKiB":', peak_rss_kib(), "}")
    print(s)


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
