/* Mandelbrot escape-time kernel, C hand-tuned: AVX-512F intrinsics + threads.
 * Build: cc -O3 -march=native -ffp-contract=off -pthread -I harness/protocol/c -o c-avx512-intrinsics c_avx512_intrinsics.c -lm
 * Usage: c-avx512-intrinsics WARMUP SAMPLES width height maxIter
 * Threads: $CLAIMBENCH_THREADS, default = CPUs available; rows are taken one
 * at a time from an atomic counter (the calling thread works too).
 *
 * The inner loop is written with AVX-512F intrinsics: 4 independent groups of
 * 8 doubles (32 pixels) per step, so that 4 dependency chains hide the
 * multiply (3 cycles) and add (2 cycles) latencies, and AVX-512 mask registers
 * carry each lane's "still inside" bit: the compare writes the mask under the
 * old mask (sticky), and the count is a masked add. Per lane and iteration it
 * does exactly the arithmetic of the scalar implementations, in the same
 * order and without fused multiply-adds (x' = (x*x - y*y) + x0,
 * y' = (2*x)*y + y0), so every count, and the checksum, is identical.
 * The kernel is compiled for AVX-512F alone (target attribute) and chosen at
 * run time; on a CPU without AVX-512F the program refuses to run (exit 3) and
 * the harness skips it beforehand (kernel.yaml requiresCpu). */
#include "claimbench.h" /* the protocol: arguments, clock, threads, peak memory, JSON line */

#include <pthread.h>
#include <stdatomic.h>

/* Complex-plane window of Modular's Mandelbrot example (see kernel.yaml). */
#define MB_XMIN (-2.0)
#define MB_XMAX 0.6
#define MB_YMIN (-1.5)
#define MB_YMAX 1.5

static const cb_param PARAMS[] = {CB_INT("width", 1, 1L << 20), CB_INT("height", 1, 1L << 20),
                                  CB_INT("maxIter", 1, INT32_MAX)};

#define GROUPS 4 /* independent 8-lane vectors per step */
#define STEP (8 * GROUPS)

typedef struct {
    int32_t *out;
    long width, height;
    int max_iter;
    double scale_x, scale_y;
    atomic_long next_row;
} job_t;

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define HAVE_X86 1

__attribute__((target("avx512f"))) static void row_avx512(const job_t *job, long row) {
    const __m512d four = _mm512_set1_pd(4.0), two = _mm512_set1_pd(2.0);
    const __m512d y0 = _mm512_set1_pd(MB_YMIN + (double)row * job->scale_y);
    const __m512i one = _mm512_set1_epi64(1);
    const __m512d lane = _mm512_set_pd(7, 6, 5, 4, 3, 2, 1, 0);
    int32_t *out = job->out + row * job->width;
    for (long col = 0; col < job->width; col += STEP) {
        __m512d x0[GROUPS], x[GROUPS], y[GROUPS];
        __m512i count[GROUPS];
        __mmask8 inside[GROUPS];
        for (int g = 0; g < GROUPS; g++) {
            /* x0 = XMIN + (col + 8g + lane) * scale_x, as the scalar code computes it */
            const __m512d c = _mm512_add_pd(_mm512_set1_pd((double)(col + 8 * g)), lane);
            x0[g] = _mm512_add_pd(_mm512_set1_pd(MB_XMIN), _mm512_mul_pd(c, _mm512_set1_pd(job->scale_x)));
            x[g] = _mm512_setzero_pd();
            y[g] = _mm512_setzero_pd();
            count[g] = _mm512_setzero_si512();
            inside[g] = 0xFF;
        }
        for (int it = 0; it < job->max_iter; it++) {
            for (int g = 0; g < GROUPS; g++) {
                const __m512d xx = _mm512_mul_pd(x[g], x[g]);
                const __m512d yy = _mm512_mul_pd(y[g], y[g]);
                inside[g] = _mm512_mask_cmp_pd_mask(inside[g], _mm512_add_pd(xx, yy), four, _CMP_LE_OQ);
                count[g] = _mm512_mask_add_epi64(count[g], inside[g], count[g], one);
                const __m512d xt = _mm512_add_pd(_mm512_sub_pd(xx, yy), x0[g]);
                y[g] = _mm512_add_pd(_mm512_mul_pd(_mm512_mul_pd(two, x[g]), y[g]), y0);
                x[g] = xt;
            }
            if ((inside[0] | inside[1] | inside[2] | inside[3]) == 0) break;
        }
        long n = job->width - col < STEP ? job->width - col : STEP;
        int64_t c[STEP];
        for (int g = 0; g < GROUPS; g++) _mm512_storeu_si512((void *)(c + 8 * g), count[g]);
        for (long i = 0; i < n; i++) out[col + i] = (int32_t)c[i];
    }
}
#endif

static void *worker(void *arg) {
    job_t *job = arg;
    for (;;) {
        long row = atomic_fetch_add_explicit(&job->next_row, 1, memory_order_relaxed);
        if (row >= job->height) break;
#ifdef HAVE_X86
        row_avx512(job, row);
#endif
    }
    return NULL;
}

static int compute(job_t *job, int threads, pthread_t *tids) {
    atomic_store(&job->next_row, 0);
    int started = 0;
    for (; started < threads - 1; started++)
        if (pthread_create(&tids[started], NULL, worker, job) != 0) break;
    worker(job);
    for (int i = 0; i < started; i++) pthread_join(tids[i], NULL);
    return started == threads - 1 ? 0 : -1;
}

int main(int argc, char **argv) {
    const char *impl = "c-avx512-intrinsics";
    cb_args a = cb_parse_args(impl, argc, argv, PARAMS, 3);
#ifdef HAVE_X86
    const int has_avx512f = __builtin_cpu_supports("avx512f");
#else
    const int has_avx512f = 0;
#endif
    if (!has_avx512f) {
        fprintf(stderr, "%s: this CPU has no AVX-512F; this implementation exists only for CPUs that have it\n", impl);
        return 3;
    }
    const int threads = cb_thread_count(impl);
    job_t job = {.width = cb_int(&a, 0), .height = cb_int(&a, 1), .max_iter = (int)cb_int(&a, 2)};
    job.scale_x = (MB_XMAX - MB_XMIN) / (double)job.width;
    job.scale_y = (MB_YMAX - MB_YMIN) / (double)job.height;
    const long n = job.width * job.height;
    job.out = malloc((size_t)n * sizeof *job.out);
    int64_t *samples = malloc((size_t)a.samples * sizeof *samples);
    pthread_t *tids = malloc((size_t)threads * sizeof *tids);
    if (!job.out || !samples || !tids) {
        fprintf(stderr, "%s: out of memory\n", impl);
        return 1;
    }
    for (long i = 0; i < a.warmup + a.samples; i++) {
        const int64_t t0 = cb_now_ns();
        const int rc = compute(&job, threads, tids);
        if (i >= a.warmup) samples[i - a.warmup] = cb_now_ns() - t0;
        if (rc != 0) {
            fprintf(stderr, "%s: pthread_create failed\n", impl);
            return 1;
        }
    }
    int64_t sum = 0;
    for (long i = 0; i < n; i++) sum += job.out[i];
    cb_print_result(&a, cb_checksum_i64(sum), samples, threads, NULL);
    free(job.out);
    free(samples);
    free(tids);
    return 0;
}
