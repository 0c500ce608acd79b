/* Matrix multiplication C = A x B (n x n, row-major), C optimized: packed,
 * cache-blocked, register-tiled micro-kernel written with GCC/Clang vector
 * extensions (no intrinsics), POSIX threads over blocks of rows.
 * Build: cc -O3 -march=native -pthread -I harness/protocol/c -o c-blocked-simd-threads c_blocked_simd_threads.c
 * Usage: c-blocked-simd-threads WARMUP SAMPLES n bits   (bits 32 = float, 64 = double)
 * Threads: $CLAIMBENCH_THREADS, default = CPUs available to the process; the
 * calling thread works too.
 *
 * Algorithm (the same one as mojo_parallel_tiled.mojo, so that the two compare
 * languages, not algorithms):
 *   1. pack B into panels of NR columns (NR = 2 vectors: 32 floats or 16 doubles
 *      with 512-bit vectors), each panel k-major and contiguous, zero-padded at
 *      the right edge; threads share the panels between them;
 *   2. the rows of C are cut into blocks of whole MR-row strips, at most MC
 *      rows each, as many blocks as a multiple of the thread count and as equal
 *      as the strips allow (mm_row_blocks); threads take blocks from an atomic
 *      counter; for each block of KC steps of k a thread packs its slice of A
 *      into strips of MR rows (k-major), then for every B panel and every A
 *      strip runs the micro-kernel: an MR x NR tile of C kept in MR x 2 vector
 *      registers while k runs over the KC block, one broadcast of A times two
 *      vectors of B per row and step (fused multiply-adds with -march=native).
 * The inputs are exact dyadic numbers, so summing in blocks gives bit-for-bit
 * the result of the naive loop (see kernel.yaml).
 * The packing buffers are allocated once, outside the timed region.
 * Block sizes: tried MR 6/8/12/16, KC 128-512, MC 96-256 on a 2-core AMD EPYC
 * (Zen 5, AVX-512); 6 x 256 x 96 was the fastest, or within noise of it, at
 * n=1024 in float32 and float64 with one thread and with two. */
#include "claimbench.h" /* the protocol: arguments, clock, threads, peak memory, JSON line */

/* Largest n accepted: keeps every product, partial sum and the checksum exact
 * (see kernel.yaml checksum) and the three matrices within reason. */
#define MM_MAX_N 16384

static const cb_param PARAMS[] = {CB_INT("n", 1, MM_MAX_N), CB_INT("bits", 32, 64)};

typedef struct {
    long warmup, samples, n, bits;
} mm_args;

/* Parses the command line (exits 2 on bad input); bits must be 32 or 64. */
static cb_args mm_parse_args(const char *impl, int argc, char **argv, mm_args *m) {
    cb_args a = cb_parse_args(impl, argc, argv, PARAMS, 2);
    *m = (mm_args){a.warmup, a.samples, cb_int(&a, 0), cb_int(&a, 1)};
    if (m->bits != 32 && m->bits != 64) {
        fprintf(stderr, "%s: bits must be one of 32, 64, got %ld\n", impl, m->bits);
        exit(2);
    }
    return a;
}

/* The inputs (see kernel.yaml): small multiples of 1/8 and 1/16, exact in
 * float32 and float64, so every product and partial sum of C is exact. */
static double mm_a(long i, long j) { return (double)((i * 7 + j * 3) % 13 - 6) / 8.0; }
static double mm_b(long i, long j) { return (double)((i * 5 + j * 11) % 17 - 8) / 16.0; }
/* Checksum weight: catches transposed or shuffled results, not just wrong sums. */
static double mm_w(long i, long j) { return (double)((i + 2 * j) % 7 + 1); }

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>
#ifdef __linux__
#include <sched.h>
#endif

/* Bytes per vector: one 512-bit register (AVX-512); the compiler splits it
 * into 2 AVX2 or 4 NEON registers on narrower hardware. */
#ifndef MM_VBYTES
#define MM_VBYTES 64
#endif
#ifndef MM_MR /* rows of the register tile: 6 x 2 accumulator vectors */
#define MM_MR 6
#endif
#define MM_NV 2 /* vectors per row of the register tile */
#ifndef MM_KC /* k steps per packed block: an A strip (MR x KC) and a B panel slice (KC x NR) stay in L1 */
#define MM_KC 256
#endif
#ifndef MM_MC /* most rows per block (multiple of MR): the packed A block (MC x KC) stays in L2 */
#define MM_MC 96
#endif

/* How many blocks the rows of C are cut into: enough for blocks of at most MC
 * rows, rounded up to a multiple of the thread count so that, on a quiet
 * machine, every thread gets the same number of equal blocks. (With a fixed
 * MC = 96 and n = 1024 there were 11 blocks, 10 of 96 rows and one of 64: one
 * of two threads computed 544 or 576 rows while the other waited, 6-12% of the
 * time lost; a thread that started late or was preempted held up the end by a
 * whole 96-row block.) */
static long mm_row_blocks(long n, int threads) {
    const long strips = (n + MM_MR - 1) / MM_MR;
    const long blocks = (strips + MM_MC / MM_MR - 1) / (MM_MC / MM_MR);
    return (blocks + threads - 1) / threads * threads;
}

/* Rows [*i0, *i0 + *rows) of block blk: blocks split the strips of MR rows as
 * evenly as integers allow (sizes differ by one strip at most, none exceeds MC
 * rows, only the last strip may be partial); *rows is 0 for an empty block. */
static void mm_block_rows(long blk, long blocks, long n, long *i0, long *rows) {
    const long strips = (n + MM_MR - 1) / MM_MR;
    const long end = (blk + 1) * strips / blocks * MM_MR;
    *i0 = blk * strips / blocks * MM_MR;
    *rows = (end < n ? end : n) - *i0;
}

typedef float vf32 __attribute__((vector_size(MM_VBYTES)));
typedef float vf32u __attribute__((vector_size(MM_VBYTES), aligned(sizeof(float)))); /* unaligned access */
typedef double vf64 __attribute__((vector_size(MM_VBYTES)));
typedef double vf64u __attribute__((vector_size(MM_VBYTES), aligned(sizeof(double))));

/* Runs fn(arg, t) for t = 0..threads-1 on threads-1 new threads plus the caller
 * and waits for all of them. */
typedef struct {
    void (*fn)(void *, int);
    void *arg;
    int t;
} mm_task;

static void *mm_task_main(void *p) {
    mm_task *task = p;
    task->fn(task->arg, task->t);
    return NULL;
}

static int mm_run_threads(void (*fn)(void *, int), void *arg, int threads, pthread_t *tids, mm_task *tasks) {
    int started = 0;
    for (; started < threads - 1; started++) {
        tasks[started] = (mm_task){fn, arg, started + 1};
        if (pthread_create(&tids[started], NULL, mm_task_main, &tasks[started]) != 0) break;
    }
    fn(arg, 0);
    for (int i = 0; i < started; i++) pthread_join(tids[i], NULL);
    return started == threads - 1 ? 0 : -1;
}

static void *mm_alloc(size_t bytes) {
    size_t rounded = (bytes + 63) / 64 * 64;
    return aligned_alloc(64, rounded ? rounded : 64);
}

/* One definition per element type T with vector types V (aligned) and VU. */
#define MM_DEFINE(T, V, VU, SUFFIX)                                                                           \
    enum { VL_##SUFFIX = MM_VBYTES / (int)sizeof(T), NR_##SUFFIX = MM_NV * VL_##SUFFIX };                     \
                                                                                                              \
    typedef struct {                                                                                          \
        const T *A, *B;                                                                                       \
        T *C, *Bp;                                                                                            \
        T **Ap; /* one packed-A buffer per thread */                                                          \
        long n, panels, blocks;                                                                               \
        int threads;                                                                                          \
        atomic_long next_block;                                                                               \
    } job_##SUFFIX;                                                                                           \
                                                                                                              \
    /* Panels t, t+threads, ...: Bp[(p*n + k)*NR + c] = B[k][p*NR + c], zero past column n-1. */              \
    static void pack_b_##SUFFIX(void *arg, int t) {                                                           \
        job_##SUFFIX *job = arg;                                                                              \
        const long n = job->n, NR = NR_##SUFFIX;                                                              \
        for (long p = t; p < job->panels; p += job->threads) {                                                \
            T *dst = job->Bp + p * n * NR;                                                                    \
            const long j0 = p * NR, w = n - j0 < NR ? n - j0 : NR;                                            \
            for (long k = 0; k < n; k++) {                                                                    \
                const T *src = job->B + k * n + j0;                                                           \
                long c = 0;                                                                                   \
                for (; c < w; c++) dst[k * NR + c] = src[c];                                                  \
                for (; c < NR; c++) dst[k * NR + c] = 0;                                                      \
            }                                                                                                 \
        }                                                                                                     \
    }                                                                                                         \
                                                                                                              \
    /* The MR x NR tile at (i0, j0) += (or =, when first) a[kc x MR] times b[kc x NR]. */                     \
    static inline void micro_##SUFFIX(long kc, const T *restrict a, const T *restrict b, T *restrict C,      \
                                      long n, long i0, long j0, long rows, long cols, int first) {           \
        V acc[MM_MR][MM_NV];                                                                                  \
        for (int r = 0; r < MM_MR; r++)                                                                       \
            for (int v = 0; v < MM_NV; v++) acc[r][v] = (V){0};                                               \
        for (long k = 0; k < kc; k++) {                                                                       \
            V bv[MM_NV];                                                                                      \
            for (int v = 0; v < MM_NV; v++) bv[v] = *(const V *)(b + k * NR_##SUFFIX + v * VL_##SUFFIX);      \
            for (int r = 0; r < MM_MR; r++) {                                                                 \
                const V ar = a[k * MM_MR + r] - (V){0}; /* broadcast */                                       \
                for (int v = 0; v < MM_NV; v++) acc[r][v] += ar * bv[v];                                      \
            }                                                                                                 \
        }                                                                                                     \
        if (rows == MM_MR && cols == NR_##SUFFIX) {                                                           \
            for (int r = 0; r < MM_MR; r++)                                                                   \
                for (int v = 0; v < MM_NV; v++) {                                                             \
                    VU *c = (VU *)(C + (i0 + r) * n + j0 + v * VL_##SUFFIX);                                  \
                    *c = first ? acc[r][v] : *c + acc[r][v];                                                  \
                }                                                                                             \
        } else { /* edge tile */                                                                              \
            for (long r = 0; r < rows; r++)                                                                   \
                for (long c = 0; c < cols; c++) {                                                             \
                    T *dst = C + (i0 + r) * n + j0 + c;                                                       \
                    const T x = acc[r][c / VL_##SUFFIX][c % VL_##SUFFIX];                                     \
                    *dst = first ? x : *dst + x;                                                              \
                }                                                                                             \
        }                                                                                                     \
    }                                                                                                         \
                                                                                                              \
    static void compute_rows_##SUFFIX(void *arg, int t) {                                                     \
        job_##SUFFIX *job = arg;                                                                              \
        const long n = job->n, NR = NR_##SUFFIX;                                                              \
        T *Ap = job->Ap[t];                                                                                   \
        for (;;) {                                                                                            \
            const long blk = atomic_fetch_add_explicit(&job->next_block, 1, memory_order_relaxed);            \
            if (blk >= job->blocks) break;                                                                    \
            long i0, mc;                                                                                      \
            mm_block_rows(blk, job->blocks, n, &i0, &mc);                                                     \
            if (mc <= 0) continue; /* more blocks than strips (n < MR * threads) */                           \
            const long strips = (mc + MM_MR - 1) / MM_MR;                                                     \
            for (long k0 = 0; k0 < n; k0 += MM_KC) {                                                          \
                const long kc = n - k0 < MM_KC ? n - k0 : MM_KC;                                              \
                /* Ap[(s*kc + k)*MR + r] = A[i0 + s*MR + r][k0 + k], zero past row i0+mc-1. */                \
                for (long s = 0; s < strips; s++)                                                             \
                    for (long r = 0; r < MM_MR; r++) {                                                        \
                        const long i = i0 + s * MM_MR + r;                                                    \
                        T *dst = Ap + s * kc * MM_MR + r;                                                     \
                        if (i < i0 + mc) {                                                                    \
                            const T *src = job->A + i * n + k0;                                               \
                            for (long k = 0; k < kc; k++) dst[k * MM_MR] = src[k];                            \
                        } else                                                                                \
                            for (long k = 0; k < kc; k++) dst[k * MM_MR] = 0;                                 \
                    }                                                                                         \
                for (long p = 0; p < job->panels; p++) {                                                      \
                    const T *b = job->Bp + (p * n + k0) * NR;                                                 \
                    const long j0 = p * NR, cols = n - j0 < NR ? n - j0 : NR;                                 \
                    for (long s = 0; s < strips; s++) {                                                       \
                        const long rows = mc - s * MM_MR < MM_MR ? mc - s * MM_MR : MM_MR;                    \
                        micro_##SUFFIX(kc, Ap + s * kc * MM_MR, b, job->C, n, i0 + s * MM_MR, j0, rows, cols, \
                                       k0 == 0);                                                              \
                    }                                                                                         \
                }                                                                                             \
            }                                                                                                 \
        }                                                                                                     \
    }                                                                                                         \
                                                                                                              \
    static int run_##SUFFIX(const mm_args *a, int threads, int64_t *samples, double *checksum) {              \
        const long n = a->n, NR = NR_##SUFFIX;                                                                \
        job_##SUFFIX job = {.n = n, .threads = threads};                                                      \
        job.panels = (n + NR - 1) / NR;                                                                       \
        job.blocks = mm_row_blocks(n, threads);                                                               \
        T *A = mm_alloc((size_t)(n * n) * sizeof(T));                                                         \
        T *B = mm_alloc((size_t)(n * n) * sizeof(T));                                                         \
        T *C = mm_alloc((size_t)(n * n) * sizeof(T));                                                         \
        job.Bp = mm_alloc((size_t)(job.panels * NR * n) * sizeof(T));                                         \
        job.Ap = calloc((size_t)threads, sizeof(T *));                                                        \
        pthread_t *tids = malloc((size_t)threads * sizeof *tids);                                             \
        mm_task *tasks = malloc((size_t)threads * sizeof *tasks);                                             \
        if (!A || !B || !C || !job.Bp || !job.Ap || !tids || !tasks) return -1;                               \
        for (int t = 0; t < threads; t++)                                                                     \
            if (!(job.Ap[t] = mm_alloc((size_t)(MM_MC + MM_MR) * MM_KC * sizeof(T)))) return -1;              \
        for (long i = 0; i < n; i++)                                                                          \
            for (long j = 0; j < n; j++) {                                                                    \
                A[i * n + j] = (T)mm_a(i, j);                                                                 \
                B[i * n + j] = (T)mm_b(i, j);                                                                 \
            }                                                                                                 \
        job.A = A;                                                                                            \
        job.B = B;                                                                                            \
        job.C = C;                                                                                            \
        for (long r = 0; r < a->warmup + a->samples; r++) {                                                   \
            const int64_t t0 = cb_now_ns();                                                                   \
            atomic_init(&job.next_block, 0);                                                                  \
            if (mm_run_threads(pack_b_##SUFFIX, &job, threads, tids, tasks) != 0 ||                           \
                mm_run_threads(compute_rows_##SUFFIX, &job, threads, tids, tasks) != 0)                       \
                return -2;                                                                                    \
            if (r >= a->warmup) samples[r - a->warmup] = cb_now_ns() - t0;                                    \
        }                                                                                                     \
        double s = 0.0;                                                                                       \
        for (long i = 0; i < n; i++)                                                                          \
            for (long j = 0; j < n; j++) s += (double)C[i * n + j] * mm_w(i, j);                              \
        *checksum = s;                                                                                        \
        for (int t = 0; t < threads; t++) free(job.Ap[t]);                                                    \
        free(job.Ap);                                                                                         \
        free(job.Bp);                                                                                         \
        free(A);                                                                                              \
        free(B);                                                                                              \
        free(C);                                                                                              \
        free(tids);                                                                                           \
        free(tasks);                                                                                          \
        return 0;                                                                                             \
    }

MM_DEFINE(float, vf32, vf32u, f32)
MM_DEFINE(double, vf64, vf64u, f64)

int main(int argc, char **argv) {
    const char *impl = "c-blocked-simd-threads";
    mm_args a;
    const cb_args args = mm_parse_args(impl, argc, argv, &a);

    const int threads = cb_thread_count(impl);

    int64_t *samples = malloc((size_t)a.samples * sizeof *samples);
    double checksum = 0.0;
    int rc = !samples ? -1 : a.bits == 32 ? run_f32(&a, threads, samples, &checksum)
                                          : run_f64(&a, threads, samples, &checksum);
    if (rc == -1) {
        fprintf(stderr, "%s: out of memory\n", impl);
        return 1;
    }
    if (rc == -2) {
        fprintf(stderr, "%s: pthread_create failed\n", impl);
        return 1;
    }
    cb_print_result(&args, cb_checksum_f64(checksum), samples, threads, NULL);
    free(samples);
    return 0;
}
