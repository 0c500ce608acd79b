# spectral-norm (Benchmarks Game problem), Mojo, one thread, plain scalar loops
# (idiomatic tier): the arithmetic of python.py in the same order, on Lists of
# Float64, no SIMD.
# Build: mojo build -D ASSERT=none --fp-mode contract=off -I harness/protocol/mojo mojo.mojo -o mojo
# Usage: mojo WARMUP SAMPLES n

from std.math import sqrt
from std.time import perf_counter_ns
import claimbench
from claimbench import Param, print_result, checksum_output

comptime IMPL = "mojo"


def a(i: Int, j: Int) -> Float64:
    return 1.0 / Float64((i + j) * (i + j + 1) // 2 + i + 1)


def times_a(u: List[Float64], mut out: List[Float64]):
    var n = len(u)
    for i in range(n):
        var s: Float64 = 0.0
        for j in range(n):
            s += a(i, j) * u[j]
        out[i] = s


def times_at(u: List[Float64], mut out: List[Float64]):
    var n = len(u)
    for i in range(n):
        var s: Float64 = 0.0
        for j in range(n):
            s += a(j, i) * u[j]
        out[i] = s


def times_ata(u: List[Float64], mut out: List[Float64], mut tmp: List[Float64]):
    times_a(u, tmp)
    times_at(tmp, out)


def fixed9(v: Float64) -> String:
    """The value with nine decimals, as C's "%.9f" writes it (rounded half away
    from zero on the scaled value; the digest check catches any difference)."""
    var neg = v < 0.0
    var x = -v if neg else v
    var scaled = Int(x * 1e9 + 0.5)
    var whole = scaled // 1000000000
    var frac = String(scaled % 1000000000)
    while frac.byte_length() < 9:
        frac = "0" + frac
    return ("-" if neg else "") + String(whole) + "." + frac


def run(n: Int) -> String:
    var u = List[Float64](length=n, fill=1.0)
    var v = List[Float64](length=n, fill=0.0)
    var tmp = List[Float64](length=n, fill=0.0)
    for _ in range(10):
        times_ata(u, v, tmp)
        times_ata(v, u, tmp)
    var vbv: Float64 = 0.0
    var vv: Float64 = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return fixed9(sqrt(vbv / vv)) + "\n"


def main():
    var p = claimbench.parse_args(IMPL, [Param.int("n", 1, 1 << 16)])
    var n = p.int("n")
    var text = String("")
    for _ in range(p.warmup):
        text = run(n)
    var samples = List[Int]()
    for _ in range(p.samples):
        var t0 = perf_counter_ns()
        text = run(n)
        samples.append(Int(perf_counter_ns() - t0))
    print_result(p, checksum_output(text), samples, 1)
