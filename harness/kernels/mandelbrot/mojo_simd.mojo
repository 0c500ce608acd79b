# Mandelbrot escape-time kernel, Mojo optimized, single thread: SIMD over
# the pixels of a row with std.algorithm.vectorize.
# Build: mojo build -D ASSERT=none --fp-mode contract=off -I harness/protocol/mojo mojo_simd.mojo -o mojo-simd
# Usage: mojo-simd WARMUP SAMPLES width height maxIter

from std.algorithm import vectorize
from std.math import iota
from std.sys import exit, simd_width_of, stderr
from std.time import perf_counter_ns
import claimbench
from claimbench import Param, print_result, checksum_int

comptime IMPL = "mojo-simd"

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


def compute(
    dst: Pointer[mut=True, Int32, _], width: Int, height: Int, max_iter: Int
):
    for row in range(height):
        compute_row(dst, row, width, height, max_iter)


def main():
    var a = parse_args()
    var dst = List[Int32](length=a.width * a.height, fill=0)
    var ptr = dst.unsafe_ptr()
    for _ in range(a.warmup):
        compute(ptr, a.width, a.height, a.max_iter)
    var samples = List[Int]()
    for _ in range(a.samples):
        var t0 = perf_counter_ns()
        compute(ptr, a.width, a.height, a.max_iter)
        samples.append(Int(perf_counter_ns() - t0))
    var checksum = 0
    for i in range(len(dst)):
        checksum += Int(dst[i])
    print_json(a, checksum, samples, 1)
