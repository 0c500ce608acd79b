# Matrix multiplication C = A x B (n x n, row-major), Mojo naive: the i-j-k
# triple loop of python.py / c_naive.c with types added, on flat Lists, one
# thread, scalar code.
# Build: mojo build -D ASSERT=none -I harness/protocol/mojo mojo_naive.mojo -o mojo-naive
# Usage: mojo-naive WARMUP SAMPLES n bits      (bits 32 = Float32, 64 = Float64)

from std.sys import exit, stderr
from std.time import perf_counter_ns
import claimbench
from claimbench import Param, print_result, checksum_float

comptime IMPL = "mojo-naive"

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


def matmul[
    dtype: DType
](
    a: List[Scalar[dtype]],
    b: List[Scalar[dtype]],
    mut c: List[Scalar[dtype]],
    n: Int,
):
    for i in range(n):
        for j in range(n):
            var s = Scalar[dtype](0)
            for k in range(n):
                s += a[i * n + k] * b[k * n + j]
            c[i * n + j] = s


def run[dtype: DType](args: Args):
    var n = args.n
    var a = List[Scalar[dtype]](length=n * n, fill=0)
    var b = List[Scalar[dtype]](length=n * n, fill=0)
    var c = List[Scalar[dtype]](length=n * n, fill=0)
    for i in range(n):
        for j in range(n):
            a[i * n + j] = a_elem(i, j).cast[dtype]()
            b[i * n + j] = b_elem(i, j).cast[dtype]()
    for _ in range(args.warmup):
        matmul[dtype](a, b, c, n)
    var samples = List[Int]()
    for _ in range(args.samples):
        var t0 = perf_counter_ns()
        matmul[dtype](a, b, c, n)
        samples.append(Int(perf_counter_ns() - t0))
    print_json(args, checksum[dtype](c.unsafe_ptr(), n), samples, 1)


def main():
    var args = parse_args()
    if args.bits == 32:
        run[DType.float32](args)
    else:
        run[DType.float64](args)
