# Matrix multiplication C = A x B (n x n, row-major), Mojo naive: the i-j-k
# triple loop of python.py / c_naive.c with types added, on flat Lists, one
# thread, scalar code.
# Build: mojo build -D ASSERT=none mojo_naive.mojo -o mojo-naive
# Usage: mojo-naive WARMUP SAMPLES n bits      (bits 32 = Float32, 64 = Float64)

from std.ffi import external_call
from std.sys import CompilationTarget, argv, exit, stderr
from std.time import perf_counter_ns

comptime IMPL = "mojo-naive"

# ---- shared harness protocol helpers (identical in mojo_naive.mojo,
# mojo_vectorized.mojo and mojo_parallel_tiled.mojo so that each
# implementation is one self-contained file) ----

# Largest n accepted: keeps every product, partial sum and the checksum exact
# (see kernel.yaml checksum).
comptime MAX_N = 16384


@fieldwise_init
struct Args(Copyable):
    var warmup: Int
    var samples: Int
    var n: Int
    var bits: Int


def usage_error(msg: String) -> Args:
    print(IMPL + ": " + msg, file=stderr)
    print("usage: " + IMPL + " WARMUP SAMPLES n bits", file=stderr)
    exit(2)
    return Args(0, 0, 0, 0)


def parse_args() -> Args:
    var argv_ = argv()
    if len(argv_) != 5:
        return usage_error(
            "expected 4 arguments, got " + String(len(argv_) - 1)
        )
    var names = ["WARMUP", "SAMPLES", "n", "bits"]
    var vals = List[Int](length=4, fill=0)
    for i in range(4):
        try:
            vals[i] = Int(String(argv_[i + 1]))
        except:
            return usage_error(
                String(names[i])
                + " must be an integer, got '"
                + String(argv_[i + 1])
                + "'"
            )
    var a = Args(vals[0], vals[1], vals[2], vals[3])
    if (
        a.warmup < 0
        or a.samples < 1
        or a.n < 1
        or a.n > MAX_N
        or (a.bits != 32 and a.bits != 64)
    ):
        return usage_error(
            "need WARMUP >= 0, SAMPLES >= 1, 1 <= n <= "
            + String(MAX_N)
            + ", bits 32 or 64"
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


def print_json(a: Args, checksum: Float64, samples_ns: List[Int], threads: Int):
    # String(Float64) is the shortest decimal that round-trips; the
    # checksums are short dyadic fractions anyway.
    var s = String('{"impl":"', IMPL, '","params":{"n":', a.n)
    s += String(',"bits":', a.bits, '},"checksum":', checksum)
    s += ',"samplesNs":['
    for i in range(len(samples_ns)):
        if i > 0:
            s += ","
        s += String(samples_ns[i])
    s += String('],"threads":', threads, ',"peakRssKiB":', peak_rss_kib(), "}")
    print(s)


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
