/* Mandelbrot escape-time kernel, C optimized: SIMD (GCC/Clang vector
 * extensions) + threads (POSIX threads, dynamic row scheduling).
 * Build: cc -O3 -march=native -ffp-contract=off -pthread -I harness/protocol/c -o c-simd-threads c_simd_threads.c -lm
 * Usage: c-simd-threads WARMUP SAMPLES width height maxIter
 * Threads: $CLAIMBENCH_THREADS, default = CPUs available to the process;
 * the calling thread works too (threads-1 are spawned per computation) and
 * rows are handed out one at a time from an atomic counter, which balances
 * the very uneven per-row cost of the Mandelbrot set.
 *
 * SIMD: MB_LANES doubles per vector (default 8 = one 512-bit AVX-512
 * register; the compiler splits it into 2 AVX2 or 4 NEON registers on
 * narrower hardware) and MB_GROUPS (default 4) independent vectors iterated
 * together, i.e. 32 pixels per step, so that several dependency chains hide
 * the multiply/add latency. Plain vector extensions, no intrinsics: builds
 * unchanged on x86-64 and arm64 with gcc or clang.
 * Lanes that escaped keep iterating but stop counting (sticky mask), so each
 * lane's count is exactly the scalar algorithm's. */
#include "claimbench.h" /* the protocol: arguments, clock, threads, peak memory, JSON line */

/* Complex-plane window of Modular's Mandelbrot example (see kernel.yaml). */
#define MB_XMIN (-2.0)
#define MB_XMAX 0.6
#define MB_YMIN (-1.5)
#define MB_YMAX 1.5

static const cb_param PARAMS[] = {CB_INT("width", 1, 1L << 20), CB_INT("height", 1, 1L << 20),
                                  CB_INT("maxIter", 1, INT32_MAX)};

static int64_t mb_checksum(const int32_t *out, long n) {
    int64_t s = 0;
    for (long i = 0; i < n; i++) s += out[i];
    return s;
}

#include <pthread.h>
#include <stdatomic.h>

#ifndef MB_LANES
#define MB_LANES 8 /* doubles per vector: one 512-bit register (AVX-512) */
#endif
#ifndef MB_GROUPS
#define MB_GROUPS 4 /* independent vectors iterated together */
#endif

typedef double vdouble __attribute__((vector_size(MB_LANES * sizeof(double))));
typedef int64_t vint64 __attribute__((vector_size(MB_LANES * sizeof(int64_t))));

typedef struct {
    int32_t *out;
    long width, height;
    int max_iter;
    double scale_x, scale_y;
    atomic_long next_row; /* dynamic scheduling: each worker takes the next row */
} job_t;

static inline vdouble splat(double v) { return v - (vdouble){0}; }

/* Escape counts for MB_GROUPS independent vectors at once: separate
 * dependency chains keep the FP pipelines busy while each one waits on
 * multiply/add latency. */
static inline void kernel(const vdouble x0[MB_GROUPS], vdouble y0, int max_iter, vint64 count[MB_GROUPS]) {
    const vdouble two = splat(2.0), four = splat(4.0);
    vdouble x[MB_GROUPS], y[MB_GROUPS];
    vint64 active[MB_GROUPS];
    for (int g = 0; g < MB_GROUPS; g++) {
        x[g] = splat(0.0);
        y[g] = splat(0.0);
        count[g] = (vint64){0};
        active[g] = ~(vint64){0};
    }
    for (int it = 0; it < max_iter; it++) {
        vint64 any = {0};
        for (int g = 0; g < MB_GROUPS; g++) {
            const vdouble xx = x[g] * x[g];
            const vdouble yy = y[g] * y[g];
            active[g] &= (vint64)(xx + yy <= four);
            any |= active[g];
            count[g] -= active[g]; /* active lanes are -1 */
            const vdouble xt = xx - yy + x0[g];
            y[g] = two * x[g] * y[g] + y0;
            x[g] = xt;
        }
        int64_t acc = 0;
        for (int i = 0; i < MB_LANES; i++) acc |= any[i];
        if (acc == 0) break;
    }
}

static void compute_row(const job_t *job, long row) {
    const vdouble y0 = splat(MB_YMIN + (double)row * job->scale_y);
    int32_t *out = job->out + row * job->width;
    const long step = (long)MB_LANES * MB_GROUPS;
    for (long col = 0; col < job->width; col += step) {
        vdouble x0[MB_GROUPS];
        vint64 count[MB_GROUPS];
        for (int g = 0; g < MB_GROUPS; g++)
            for (int i = 0; i < MB_LANES; i++)
                x0[g][i] = MB_XMIN + (double)(col + g * MB_LANES + i) * job->scale_x;
        kernel(x0, y0, job->max_iter, count);
        const long n = job->width - col < step ? job->width - col : step;
        for (long i = 0; i < n; i++) out[col + i] = (int32_t)count[i / MB_LANES][i % MB_LANES];
    }
}

static void *worker(void *arg) {
    job_t *job = arg;
    for (;;) {
        long row = atomic_fetch_add_explicit(&job->next_row, 1, memory_order_relaxed);
        if (row >= job->height) break;
        compute_row(job, row);
    }
    return NULL;
}

/* Runs the whole grid on `threads` threads: threads-1 spawned plus the caller. */
static int compute(int32_t *out, long width, long height, int max_iter, int threads, pthread_t *tids) {
    job_t job = {.out = out, .width = width, .height = height, .max_iter = max_iter,
                 .scale_x = (MB_XMAX - MB_XMIN) / (double)width,
                 .scale_y = (MB_YMAX - MB_YMIN) / (double)height};
    atomic_init(&job.next_row, 0);
    int started = 0;
    for (; started < threads - 1; started++)
        if (pthread_create(&tids[started], NULL, worker, &job) != 0) break;
    worker(&job);
    for (int i = 0; i < started; i++) pthread_join(tids[i], NULL);
    return started == threads - 1 ? 0 : -1;
}

int main(int argc, char **argv) {
    const char *impl = "c-simd-threads";
    cb_args a = cb_parse_args(impl, argc, argv, PARAMS, 3);
    const long width = cb_int(&a, 0), height = cb_int(&a, 1);
    const int max_iter = (int)cb_int(&a, 2);

    const int threads = cb_thread_count(impl);

    long n = width * height;
    int32_t *out = malloc((size_t)n * sizeof *out);
    int64_t *samples = malloc((size_t)a.samples * sizeof *samples);
    pthread_t *tids = malloc((size_t)threads * sizeof *tids);
    if (!out || !samples || !tids) {
        fprintf(stderr, "%s: out of memory\n", impl);
        return 1;
    }
    for (long i = 0; i < a.warmup; i++)
        if (compute(out, width, height, max_iter, threads, tids) != 0) goto thread_fail;
    for (long i = 0; i < a.samples; i++) {
        int64_t t0 = cb_now_ns();
        int rc = compute(out, width, height, max_iter, threads, tids);
        samples[i] = cb_now_ns() - t0;
        if (rc != 0) goto thread_fail;
    }
    cb_print_result(&a, cb_checksum_i64(mb_checksum(out, n)), samples, threads, NULL);
    free(out);
    free(samples);
    free(tids);
    return 0;
thread_fail:
    fprintf(stderr, "%s: pthread_create failed\n", impl);
    return 1;
}
