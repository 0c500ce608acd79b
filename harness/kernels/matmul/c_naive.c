/* Matrix multiplication C = A x B (n x n, row-major), C naive: the textbook
 * i-j-k triple loop, one thread. The inner loop walks B down a column (stride
 * n), and without -ffast-math the compiler may not reorder the float sum, so
 * it stays scalar: this is the baseline every optimization is measured from.
 * Build: cc -O3 -march=native -I harness/protocol/c -o c-naive c_naive.c
 * Usage: c-naive WARMUP SAMPLES n bits      (bits 32 = float, 64 = double) */
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

/* One definition per element type: fill the inputs, the timed multiplication,
 * the checksum, and the driver that runs WARMUP + SAMPLES repetitions. */
#define MM_DEFINE(T, SUFFIX)                                                                        \
    static void matmul_##SUFFIX(const T *restrict A, const T *restrict B, T *restrict C, long n) {  \
        for (long i = 0; i < n; i++)                                                                \
            for (long j = 0; j < n; j++) {                                                          \
                T s = 0;                                                                            \
                for (long k = 0; k < n; k++) s += A[i * n + k] * B[k * n + j];                      \
                C[i * n + j] = s;                                                                   \
            }                                                                                       \
    }                                                                                               \
                                                                                                    \
    static int run_##SUFFIX(const mm_args *a, int64_t *samples, double *checksum) {                 \
        const long n = a->n;                                                                        \
        T *A = malloc((size_t)(n * n) * sizeof(T));                                                 \
        T *B = malloc((size_t)(n * n) * sizeof(T));                                                 \
        T *C = malloc((size_t)(n * n) * sizeof(T));                                                 \
        if (!A || !B || !C) return -1;                                                              \
        for (long i = 0; i < n; i++)                                                                \
            for (long j = 0; j < n; j++) {                                                          \
                A[i * n + j] = (T)mm_a(i, j);                                                       \
                B[i * n + j] = (T)mm_b(i, j);                                                       \
            }                                                                                       \
        for (long r = 0; r < a->warmup; r++) matmul_##SUFFIX(A, B, C, n);                           \
        for (long r = 0; r < a->samples; r++) {                                                     \
            int64_t t0 = cb_now_ns();                                                               \
            matmul_##SUFFIX(A, B, C, n);                                                            \
            samples[r] = cb_now_ns() - t0;                                                          \
        }                                                                                           \
        double s = 0.0;                                                                             \
        for (long i = 0; i < n; i++)                                                                \
            for (long j = 0; j < n; j++) s += (double)C[i * n + j] * mm_w(i, j);                    \
        *checksum = s;                                                                              \
        free(A);                                                                                    \
        free(B);                                                                                    \
        free(C);                                                                                    \
        return 0;                                                                                   \
    }

MM_DEFINE(float, f32)
MM_DEFINE(double, f64)

int main(int argc, char **argv) {
    const char *impl = "c-naive";
    mm_args a;
    const cb_args args = mm_parse_args(impl, argc, argv, &a);
    int64_t *samples = malloc((size_t)a.samples * sizeof *samples);
    double checksum = 0.0;
    if (!samples || (a.bits == 32 ? run_f32(&a, samples, &checksum) : run_f64(&a, samples, &checksum)) != 0) {
        fprintf(stderr, "%s: out of memory\n", impl);
        return 1;
    }
    cb_print_result(&args, cb_checksum_f64(checksum), samples, 1, NULL);
    free(samples);
    return 0;
}
