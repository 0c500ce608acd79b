# Matrix multiplication C = A x B (n x n, row-major), Mojo optimized: packed,
# cache-blocked, register-tiled SIMD micro-kernel + parallelize over blocks of
# rows. The same algorithm, block sizes and work split as
# c_blocked_simd_threads.c, so that the two compare languages, not algorithms:
#   1. pack B into panels of NR columns (NR = 2 native vectors: 32 Float32 or
#      16 Float64 lanes with AVX-512), k-major and contiguous, zero-padded at
#      the right edge; the panels are shared out with parallelize;
#   2. the rows of C are cut into blocks of whole MR-row strips, at most MC
#      rows each, as many blocks as a multiple of the thread count and as
#      equal as the strips allow (see row_blocks); CLAIMBENCH_THREADS tasks
#      take blocks from an atomic counter; for each block of KC steps of k a
#      task packs its slice of A into strips of MR rows (k-major), then for
#      every B panel and every A strip runs the micro-kernel: an MR x NR tile
#      of C held in MR x 2 SIMD registers while k runs over the KC block, one
#      broadcast of A times two vectors of B per row and step (fused
#      multiply-adds under Mojo's default --fp-mode, contraction allowed:
#      exact here anyway, see kernel.yaml).
# The packing buffers are allocated once, outside the timed region.
# Build: mojo build -D ASSERT=none -I harness/protocol/mojo mojo_parallel_tiled.mojo -o mojo-parallel-tiled
# Usage: mojo-parallel-tiled WARMUP SAMPLES n bits   (bits 32 = Float32, 64 = Float64)
# Threads: $CLAIMBENCH_THREADS, default = the Mojo runtime's parallelism level
# (all CPUs). parallelize comes from max.algorithm (Mojo 1.x moved it out of
# std.algorithm into the max package, installed by the max-core wheel).

from max.algorithm import parallelize
from std.atomic import Atomic
from std.sys import exit, simd_width_of, stderr
from std.time import perf_counter_ns
import claimbench
from claimbench import Param, print_result, checksum_float, thread_count

comptime IMPL = "mojo-parallel-tiled"

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

comptime MR = 6  # rows of the register tile: MR x NV accumulator vectors
comptime NV = 2  # vectors per row of the register tile
comptime KC = 256  # k steps per packed block (A strip and B panel slice in L1)
comptime MC = 96  # most rows per block, a multiple of MR (packed A block in L2)


def row_blocks(n: Int, threads: Int) -> Int:
    """How many blocks the rows of C are cut into.

    Enough for blocks of at most MC rows, rounded up to a multiple of the
    thread count so that, on a quiet machine, every thread gets the same
    number of equal blocks. (With a fixed MC = 96 and n = 1024 there were 11
    blocks, 10 of 96 rows and one of 64: one of two threads computed 544 or
    576 rows while the other waited, 6-12% of the time lost; a thread that
    started late or was preempted held up the end by a whole 96-row block.)
    """
    var strips = (n + MR - 1) // MR
    var blocks = (strips + MC // MR - 1) // (MC // MR)
    return (blocks + threads - 1) // threads * threads


@always_inline
def block_rows(blk: Int, blocks: Int, n: Int) -> Tuple[Int, Int]:
    """First row and row count of block blk.

    Blocks split the strips of MR rows as evenly as integers allow: their
    sizes differ by one strip at most, none exceeds MC rows, and only the
    last strip may be partial."""
    var strips = (n + MR - 1) // MR
    var i0 = blk * strips // blocks * MR
    var i1 = min((blk + 1) * strips // blocks * MR, n)
    return (i0, i1 - i0)


@always_inline
def micro_kernel[
    dtype: DType
](
    kc: Int,
    a: Pointer[Scalar[dtype], _],
    b: Pointer[Scalar[dtype], _],
    c: Pointer[mut=True, Scalar[dtype], _],
    n: Int,
    i0: Int,
    j0: Int,
    rows: Int,
    cols: Int,
    first: Bool,
):
    """The MR x NR tile of C at (i0, j0) += (or =, when first) the packed A
    strip a[kc x MR] times the packed B panel slice b[kc x NR]."""
    comptime VL = simd_width_of[dtype]()
    comptime NR = NV * VL
    var acc = Array[SIMD[dtype, VL], MR * NV](fill=0)
    for k in range(kc):
        var bv = Array[SIMD[dtype, VL], NV](fill=0)
        comptime for v in range(NV):
            bv[v] = b.unsafe_load[width=VL](k * NR + v * VL)
        comptime for r in range(MR):
            var ar = SIMD[dtype, VL](a.unsafe_load(k * MR + r))  # broadcast
            comptime for v in range(NV):
                acc[r * NV + v] += ar * bv[v]
    if rows == MR and cols == NR:
        comptime for r in range(MR):
            comptime for v in range(NV):
                var off = (i0 + r) * n + j0 + v * VL
                if first:
                    c.unsafe_store(off, acc[r * NV + v])
                else:
                    c.unsafe_store(
                        off, c.unsafe_load[width=VL](off) + acc[r * NV + v]
                    )
    else:  # edge tile
        for r in range(rows):
            for col in range(cols):
                var x = acc[r * NV + col // VL][col % VL]
                var off = (i0 + r) * n + j0 + col
                if first:
                    c.unsafe_store(off, x)
                else:
                    c.unsafe_store(off, c.unsafe_load(off) + x)


def matmul[
    dtype: DType
](
    a: Pointer[Scalar[dtype], _],
    b: Pointer[Scalar[dtype], _],
    c: Pointer[mut=True, Scalar[dtype], _],
    bp: Pointer[mut=True, Scalar[dtype], _],
    ap: Pointer[mut=True, Scalar[dtype], _],
    n: Int,
    threads: Int,
):
    """C = A x B. bp holds the packed B (panels x n x NR elements), ap one
    packed-A buffer of (MC + MR) x KC elements per thread."""
    comptime VL = simd_width_of[dtype]()
    comptime NR = NV * VL
    var panels = (n + NR - 1) // NR
    var blocks = row_blocks(n, threads)

    # 1. bp[(p*n + k)*NR + col] = B[k][p*NR + col], zero past column n-1.
    def pack_panel(p: Int) {var b, var bp, var n}:
        var j0 = p * NR
        var w = min(NR, n - j0)
        for k in range(n):
            var dst = (p * n + k) * NR
            for col in range(w):
                bp.unsafe_store(dst + col, b.unsafe_load(k * n + j0 + col))
            for col in range(w, NR):
                bp.unsafe_store(dst + col, Scalar[dtype](0))

    parallelize(pack_panel, panels, threads)

    # 2. Blocks of MC rows, handed out one at a time from an atomic counter.
    var next_block = Atomic[Int](0)
    var counter = Pointer(to=next_block)

    def task(
        t: Int,
    ) {
        var a, var c, var bp, var ap, var counter, var n, var panels, var blocks
    }:
        var apt = ap.unsafe_offset(t * (MC + MR) * KC)
        while True:
            var blk = counter[].fetch_add(1)
            if blk >= blocks:
                break
            var i0, mc = block_rows(blk, blocks, n)
            if mc <= 0:  # more blocks than strips (n < MR * threads)
                continue
            var strips = (mc + MR - 1) // MR
            for k0 in range(0, n, KC):
                var kc = min(KC, n - k0)
                # apt[(s*kc + k)*MR + r] = A[i0 + s*MR + r][k0 + k], zero
                # past row i0+mc-1.
                for s in range(strips):
                    for r in range(MR):
                        var i = i0 + s * MR + r
                        var dst = s * kc * MR + r
                        if i < i0 + mc:
                            for k in range(kc):
                                apt.unsafe_store(
                                    dst + k * MR, a.unsafe_load(i * n + k0 + k)
                                )
                        else:
                            for k in range(kc):
                                apt.unsafe_store(dst + k * MR, Scalar[dtype](0))
                for p in range(panels):
                    var j0 = p * NR
                    var cols = min(NR, n - j0)
                    for s in range(strips):
                        micro_kernel[dtype](
                            kc,
                            apt.unsafe_offset(s * kc * MR),
                            bp.unsafe_offset((p * n + k0) * NR),
                            c,
                            n,
                            i0 + s * MR,
                            j0,
                            min(MR, mc - s * MR),
                            cols,
                            k0 == 0,
                        )

    parallelize(task, threads, threads)


def run[dtype: DType](args: Args, threads: Int):
    comptime NR = NV * simd_width_of[dtype]()
    var n = args.n
    var a = List[Scalar[dtype]](length=n * n, fill=0)
    var b = List[Scalar[dtype]](length=n * n, fill=0)
    var c = List[Scalar[dtype]](length=n * n, fill=0)
    var panels = (n + NR - 1) // NR
    var bp = List[Scalar[dtype]](length=panels * n * NR, fill=0)
    var ap = List[Scalar[dtype]](length=threads * (MC + MR) * KC, fill=0)
    for i in range(n):
        for j in range(n):
            a[i * n + j] = a_elem(i, j).cast[dtype]()
            b[i * n + j] = b_elem(i, j).cast[dtype]()
    var pa = a.unsafe_ptr()
    var pb = b.unsafe_ptr()
    var pc = c.unsafe_ptr()
    var pbp = bp.unsafe_ptr()
    var pap = ap.unsafe_ptr()
    for _ in range(args.warmup):
        matmul[dtype](pa, pb, pc, pbp, pap, n, threads)
    var samples = List[Int]()
    for _ in range(args.samples):
        var t0 = perf_counter_ns()
        matmul[dtype](pa, pb, pc, pbp, pap, n, threads)
        samples.append(Int(perf_counter_ns() - t0))
    print_json(args, checksum[dtype](pc, n), samples, threads)


def main():
    var args = parse_args()
    var threads = thread_count(IMPL)
    if args.bits == 32:
        run[DType.float32](args, threads)
    else:
        run[DType.float64](args, threads)
