/* Matrix multiplication C = A x B (n x n, row-major), C naive: the textbook
 * i-j-k triple loop, one thread. The inner loop walks B down a column (stride
 * n), and without -ffast-math the compiler may not reorder the float sum, so
 * it stays scalar: this is the baseline every optimization is measured from.
 * Build: cc -O3 -march=native -o c-naive c_naive.c
 * Usage: c-naive WARMUP SAMPLES n bits      (bits 32 = float, 64 = double) */
#define _POSIX_C_SOURCE 200809L
/* ---- shared harness protocol helpers (kept identical in c_naive.c and
 * c_blocked_simd_threads.c so each implementation is one self-contained file) ---- */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Largest n accepted: keeps every product, partial sum and the checksum exact
 * (see kernel.yaml checksum) and the three matrices within reason. */
#define MM_MAX_N 16384

typedef struct {
    long warmup, samples, n, bits;
} mm_args;

static int mm_parse_long(const char *impl, const char *name, const char *s, long *out) {
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0') {
        fprintf(stderr, "%s: %s must be an integer, got '%s'\n", impl, name, s);
        return -1;
    }
    *out = v;
    return 0;
}

/* Exits with status 2 on bad arguments. */
static mm_args mm_parse_args(const char *impl, int argc, char **argv) {
    mm_args a;
    const char *names[4] = {"WARMUP", "SAMPLES", "n", "bits"};
    long *dst[4] = {&a.warmup, &a.samples, &a.n, &a.bits};
    if (argc != 5) {
        fprintf(stderr, "%s: expected 4 arguments, got %d\nusage: %s WARMUP SAMPLES n bits\n", impl, argc - 1,
                argv[0]);
        exit(2);
    }
    for (int i = 0; i < 4; i++)
        if (mm_parse_long(impl, names[i], argv[i + 1], dst[i]) != 0) exit(2);
    if (a.warmup < 0 || a.samples < 1 || a.n < 1 || a.n > MM_MAX_N || (a.bits != 32 && a.bits != 64)) {
        fprintf(stderr, "%s: need WARMUP >= 0, SAMPLES >= 1, 1 <= n <= %d, bits 32 or 64\n", impl, MM_MAX_N);
        exit(2);
    }
    return a;
}

static int64_t mm_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long mm_peak_rss_kib(void) {
    FILE *f = fopen("/proc/self/status", "r");
    if (f) {
        char line[256];
        long kib = -1;
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "VmHWM:", 6) == 0) {
                kib = strtol(line + 6, NULL, 10);
                break;
            }
        fclose(f);
        if (kib >= 0) return kib;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
#ifdef __APPLE__
    return ru.ru_maxrss / 1024; /* bytes on macOS */
#else
    return ru.ru_maxrss; /* KiB on Linux */
#endif
}

/* The inputs (see kernel.yaml): small multiples of 1/8 and 1/16, exact in
 * float32 and float64, so every product and partial sum of C is exact. */
static double mm_a(long i, long j) { return (double)((i * 7 + j * 3) % 13 - 6) / 8.0; }
static double mm_b(long i, long j) { return (double)((i * 5 + j * 11) % 17 - 8) / 16.0; }
/* Checksum weight: catches transposed or shuffled results, not just wrong sums. */
static double mm_w(long i, long j) { return (double)((i + 2 * j) % 7 + 1); }

static void mm_print_json(const char *impl, const mm_args *a, double checksum, const int64_t *samples,
                          int threads) {
    /* %.17g round-trips any double; our checksums are short dyadic fractions. */
    printf("{\"impl\":\"%s\",\"params\":{\"n\":%ld,\"bits\":%ld},\"checksum\":%.17g,\"samplesNs\":[", impl, a->n,
           a->bits, checksum);
    for (long i = 0; i < a->samples; i++) printf(i ? ",%lld" : "%lld", (long long)samples[i]);
    printf("],\"threads\":%d,\"peakRssKiB\":%ld}\n", threads, mm_peak_rss_kib());
}
/* ---- end of shared helpers ---- */

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
            int64_t t0 = mm_now_ns();                                                               \
            matmul_##SUFFIX(A, B, C, n);                                                            \
            samples[r] = mm_now_ns() - t0;                                                          \
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
    mm_args a = mm_parse_args(impl, argc, argv);
    int64_t *samples = malloc((size_t)a.samples * sizeof *samples);
    double checksum = 0.0;
    if (!samples || (a.bits == 32 ? run_f32(&a, samples, &checksum) : run_f64(&a, samples, &checksum)) != 0) {
        fprintf(stderr, "%s: out of memory\n", impl);
        return 1;
    }
    mm_print_json(impl, &a, checksum, samples, 1);
    free(samples);
    return 0;
}
