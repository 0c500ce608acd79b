# Mandelbrot escape-time kernel, Mojo optimized: the SIMD row kernel of
# mojo_simd.mojo + parallelize over rows.
# Build: mojo build -D ASSERT=none --fp-mode contract=off mojo_simd_parallel.mojo -o mojo-simd-parallel
# Usage: mojo-simd-parallel WARMUP SAMPLES width height maxIter
# Threads: $CLAIMBENCH_THREADS, default = the Mojo runtime's parallelism level
# (all CPUs). Mojo 1.x moved `parallelize` from std.algorithm to the `max`
# package (max.algorithm, installed by the max-core wheel). parallelize runs
# exactly `threads` tasks on the runtime's worker pool; each task takes rows
# one at a time from an atomic counter (dynamic scheduling, which balances the
# very uneven per-row cost of the Mandelbrot set), so no more than `threads`
# rows are computed at once.

from max.algorithm import parallelize
from std.algorithm import vectorize
from std.atomic import Atomic
from std.ffi import external_call
from std.math import iota
from std.os import getenv
from std.runtime import parallelism_level
from std.sys import CompilationTarget, argv, exit, simd_width_of, stderr
from std.time import perf_counter_ns

comptime IMPL = "mojo-simd-parallel"

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

# Pixels iterated together: 4 native vectors of Float64 (4 x 8 = 32 lanes with
# AVX-512, 4 x 4 with AVX2, 4 x 2 with NEON). LLVM splits the wide SIMD value
# into independent registers, whose separate dependency chains hide the FP
# latency.
comptime NATIVE_WIDTH = simd_width_of[DType.float64]()
comptime WIDTH = 4 * NATIVE_WIDTH


@always_inline
def escape_counts[
    w: Int
](x0: SIMD[DType.float64, w], y0: Float64, max_iter: Int) -> SIMD[
    DType.int32, w
]:
    """Escape iteration counts of `w` pixels. Escaped lanes keep iterating but
    stop counting (sticky mask), so every lane equals the scalar loop."""
    var x = SIMD[DType.float64, w](0.0)
    var y = SIMD[DType.float64, w](0.0)
    var cy = SIMD[DType.float64, w](y0)
    var active = SIMD[DType.bool, w](fill=True)
    var count = SIMD[DType.int64, w](0)
    for _ in range(max_iter):
        var xx = x * x
        var yy = y * y
        active = active & (xx + yy).le(4.0)
        if not active.reduce_or():
            break
        count += active.cast[DType.int64]()
        var xt = xx - yy + x0
        y = 2.0 * x * y + cy
        x = xt
    return count.cast[DType.int32]()


@always_inline
def compute_row(
    dst: Pointer[mut=True, Int32, _],
    row: Int,
    width: Int,
    height: Int,
    max_iter: Int,
):
    var scale_x = (XMAX - XMIN) / Float64(width)
    var scale_y = (YMAX - YMIN) / Float64(height)
    var y0 = YMIN + Float64(row) * scale_y
    var base = row * width

    def pixels[
        w: Int
    ](col: Int) {var dst, var base, var scale_x, var y0, var max_iter}:
        var cols = Float64(col) + iota[DType.float64, w]()
        var x0 = XMIN + cols * scale_x
        dst.unsafe_store(base + col, escape_counts[w](x0, y0, max_iter))

    # WIDTH pixels per call; the row's remainder runs one pixel per call.
    vectorize[WIDTH](width, pixels)


def thread_count() -> Int:
    var env = getenv("CLAIMBENCH_THREADS", "")
    if env.byte_length() == 0:
        return parallelism_level()
    try:
        var t = Int(env)
        if t >= 1 and t <= 4096:
            return t
    except:
        pass
    print(
        IMPL
        + ": CLAIMBENCH_THREADS must be an integer in 1..4096, got '"
        + env
        + "'",
        file=stderr,
    )
    exit(2)
    return 1


def compute(
    dst: Pointer[mut=True, Int32, _],
    width: Int,
    height: Int,
    max_iter: Int,
    threads: Int,
):
    var next_row = Atomic[Int](0)
    var counter = Pointer(to=next_row)

    def task(
        t: Int,
    ) {var dst, var counter, var width, var height, var max_iter}:
        while True:
            var row = counter[].fetch_add(1)
            if row >= height:
                break
            compute_row(dst, row, width, height, max_iter)

    parallelize(task, threads, threads)


def main():
    var a = parse_args()
    var threads = thread_count()
    var dst = List[Int32](length=a.width * a.height, fill=0)
    var ptr = dst.unsafe_ptr()
    for _ in range(a.warmup):
        compute(ptr, a.width, a.height, a.max_iter, threads)
    var samples = List[Int]()
    for _ in range(a.samples):
        var t0 = perf_counter_ns()
        compute(ptr, a.width, a.height, a.max_iter, threads)
        samples.append(Int(perf_counter_ns() - t0))
    var checksum = 0
    for i in range(len(dst)):
        checksum += Int(dst[i])
    print_json(a, checksum, samples, threads)
