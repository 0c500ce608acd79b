# fannkuch-redux (Benchmarks Game problem), Mojo, one thread, plain arrays
# (idiomatic tier): the permutations in the same order as python.py.
# Build: mojo build -D ASSERT=none -I harness/protocol/mojo mojo.mojo -o mojo
# Usage: mojo WARMUP SAMPLES n

from std.time import perf_counter_ns
import claimbench
from claimbench import Param, print_result, checksum_output

comptime IMPL = "mojo"


def count_flips(order: List[Int], mut perm: List[Int]) -> Int:
    for i in range(len(order)):
        perm[i] = order[i]
    var flips = 0
    var first = perm[0]
    while first != 0:
        var lo = 0
        var hi = first
        while lo < hi:
            var t = perm[lo]
            perm[lo] = perm[hi]
            perm[hi] = t
            lo += 1
            hi -= 1
        flips += 1
        first = perm[0]
    return flips


def run(n: Int) -> String:
    var order = List[Int](length=n, fill=0)
    var counters = List[Int](length=n, fill=0)
    var perm = List[Int](length=n, fill=0)
    for i in range(n):
        order[i] = i
    var checksum = 0
    var max_flips = 0
    var index = 0
    var r = n
    while True:
        while r > 1:
            counters[r - 1] = r
            r -= 1
        var flips = count_flips(order, perm)
        if flips > max_flips:
            max_flips = flips
        checksum += flips if index % 2 == 0 else -flips
        # Next permutation: rotate the first r+1 items left by one; a prefix
        # rotated back to where it started moves on to a longer one.
        while True:
            if r == n:
                return String(checksum) + "\nPfannkuchen(" + String(n) + ") = " + String(max_flips) + "\n"
            var head = order[0]
            for i in range(r):
                order[i] = order[i + 1]
            order[r] = head
            counters[r] -= 1
            if counters[r] > 0:
                break
            r += 1
        index += 1


def main():
    var p = claimbench.parse_args(IMPL, [Param.int("n", 1, 12)])
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
