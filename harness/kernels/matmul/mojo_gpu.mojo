# Matrix multiplication C = A x B (n x n, row-major), Mojo on a GPU (naive
# kernel): one GPU thread per element of C, each running the k loop of the
# naive CPU version; 16 x 16 threads per block, consecutive threads take
# consecutive columns so that the loads of B and the stores of C coalesce.
# No shared-memory tiling, no tensor cores: the first GPU port, not a tuned one.
# The inputs are copied to the GPU once, outside the timed region; a sample
# is one kernel launch plus DeviceContext.synchronize(), and C is copied back
# once at the end for the checksum.
# Build: mojo build -D ASSERT=none -I harness/protocol/mojo mojo_gpu.mojo -o mojo-gpu
#   (the GPU is detected at build time; on a machine without one, add e.g.
#   --target-accelerator sm_90 to check that it compiles)
# Usage: mojo-gpu WARMUP SAMPLES n bits      (bits 32 = Float32, 64 = Float64)

from max.gpu import global_idx
from max.gpu.host import DeviceContext
from std.sys import exit, has_accelerator, stderr
from std.time import perf_counter_ns
import claimbench
from claimbench import Param, print_result, checksum_float

comptime IMPL = "mojo-gpu"

# ---- the kernel's parameters, inputs and checksum on top of the protocol
# module (harness/protocol/mojo/claimbench.mojo: arguments, threads, peak
# memory, the JSON line) ----

# Largest n accepted: keeps every product, partial sum and the checksum exact
# (see kernel.yaml checksum).
comptime MAX_N = 16384


@fieldwise_init
struct Args(Copyable):
    var protocol: claimbench.Args
    var warmup: Int
    var samples: Int
    var n: Int
    var bits: Int


def parse_args() -> Args:
    var p = claimbench.parse_args(
        IMPL, [Param.int("n", 1, MAX_N), Param.int("bits", 32, 64)]
    )
    var bits = p.int("bits")
    if bits != 32 and bits != 64:
        print(IMPL + ": bits must be one of 32, 64, got " + String(bits), file=stderr)
        exit(2)
    return Args(p.copy(), p.warmup, p.samples, p.int("n"), bits)


def print_json(a: Args, checksum: Float64, samples_ns: List[Int], threads: Int):
    print_result(a.protocol, checksum_float(checksum), samples_ns, threads)


def a_elem(i: Int, j: Int) -> Float64:
    """A[i][j] = ((7i + 3j) mod 13 - 6) / 8: small multiples of 1/8, exact in
    float32 and float64."""
    return Float64((i * 7 + j * 3) % 13 - 6) / 8.0


def b_elem(i: Int, j: Int) -> Float64:
    """B[i][j] = ((5i + 11j) mod 17 - 8) / 16: small multiples of 1/16."""
    return Float64((i * 5 + j * 11) % 17 - 8) / 16.0


def checksum[dtype: DType](c: Pointer[Scalar[dtype], _], n: Int) -> Float64:
    """Sum of C[i][j] * ((i + 2j) mod 7 + 1) over the row-major n x n matrix,
    in Float64 (exact for every n <= MAX_N, whatever the order)."""
    var s: Float64 = 0.0
    for i in range(n):
        for j in range(n):
            var x = c.unsafe_load(i * n + j).cast[DType.float64]()
            s += x * Float64((i + 2 * j) % 7 + 1)
    return s


# ---- end of shared helpers ----

comptime BLOCK = 16  # threads per block: BLOCK x BLOCK


def matmul_kernel[
    dtype: DType
](
    a: Pointer[Scalar[dtype], MutUnsafeAnyOrigin],
    b: Pointer[Scalar[dtype], MutUnsafeAnyOrigin],
    c: Pointer[Scalar[dtype], MutUnsafeAnyOrigin],
    n32: Int32,
):
    var n = Int(n32)  # Int is not DevicePassable; the launch passes an Int32
    var row = global_idx.y
    var col = global_idx.x
    if row < n and col < n:
        var s = Scalar[dtype](0)
        for k in range(n):
            s += a.unsafe_load(row * n + k) * b.unsafe_load(k * n + col)
        c.unsafe_store(row * n + col, s)


def run[dtype: DType](args: Args) raises:
    var n = args.n
    var ctx = DeviceContext()
    var host_a = ctx.enqueue_create_host_buffer[dtype](n * n)
    var host_b = ctx.enqueue_create_host_buffer[dtype](n * n)
    var host_c = ctx.enqueue_create_host_buffer[dtype](n * n)
    ctx.synchronize()
    var pa = host_a.unsafe_ptr()
    var pb = host_b.unsafe_ptr()
    for i in range(n):
        for j in range(n):
            pa.unsafe_store(i * n + j, a_elem(i, j).cast[dtype]())
            pb.unsafe_store(i * n + j, b_elem(i, j).cast[dtype]())
    var dev_a = ctx.enqueue_create_buffer[dtype](n * n)
    var dev_b = ctx.enqueue_create_buffer[dtype](n * n)
    var dev_c = ctx.enqueue_create_buffer[dtype](n * n)
    ctx.enqueue_copy(dst_buf=dev_a, src_buf=host_a)
    ctx.enqueue_copy(dst_buf=dev_b, src_buf=host_b)
    ctx.synchronize()

    comptime kernel = matmul_kernel[dtype]
    var blocks = (n + BLOCK - 1) // BLOCK
    for _ in range(args.warmup):
        ctx.enqueue_function[kernel](
            dev_a,
            dev_b,
            dev_c,
            Int32(n),
            grid_dim=(blocks, blocks),
            block_dim=(BLOCK, BLOCK),
        )
    ctx.synchronize()
    var samples = List[Int]()
    for _ in range(args.samples):
        var t0 = perf_counter_ns()
        ctx.enqueue_function[kernel](
            dev_a,
            dev_b,
            dev_c,
            Int32(n),
            grid_dim=(blocks, blocks),
            block_dim=(BLOCK, BLOCK),
        )
        ctx.synchronize()
        samples.append(Int(perf_counter_ns() - t0))
    ctx.enqueue_copy(dst_buf=host_c, src_buf=dev_c)
    ctx.synchronize()
    print_json(args, checksum[dtype](host_c.unsafe_ptr(), n), samples, 1)


def main() raises:
    var args = parse_args()
    comptime if not has_accelerator():
        print(
            IMPL
            + ": built without a GPU target (no accelerator was found at"
            " build time)",
            file=stderr,
        )
        exit(1)
    else:
        if args.bits == 32:
            run[DType.float32](args)
        else:
            run[DType.float64](args)
