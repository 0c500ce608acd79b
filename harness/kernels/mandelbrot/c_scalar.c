/* Mandelbrot escape-time kernel, C scalar (idiomatic, single thread).
 * Build: cc -O3 -march=native -ffp-contract=off -o c-scalar c_scalar.c -lm
 * Usage: c-scalar WARMUP SAMPLES width height maxIter */
/* ---- shared harness protocol helpers (kept identical in c_scalar.c and
 * c_simd_threads.c so each implementation is one self-contained file) ---- */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Complex-plane window of Modular's Mandelbrot example (see kernel.yaml). */
#define MB_XMIN (-2.0)
#define MB_XMAX 0.6
#define MB_YMIN (-1.5)
#define MB_YMAX 1.5

typedef struct {
    long warmup, samples, width, height, max_iter;
} mb_args;

static int mb_parse_long(const char *impl, const char *name, const char *s, long *out) {
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
static mb_args mb_parse_args(const char *impl, int argc, char **argv) {
    mb_args a;
    const char *names[5] = {"WARMUP", "SAMPLES", "width", "height", "maxIter"};
    long *dst[5] = {&a.warmup, &a.samples, &a.width, &a.height, &a.max_iter};
    if (argc != 6) {
        fprintf(stderr, "%s: expected 5 arguments, got %d\nusage: %s WARMUP SAMPLES width height maxIter\n",
                impl, argc - 1, argv[0]);
        exit(2);
    }
    for (int i = 0; i < 5; i++)
        if (mb_parse_long(impl, names[i], argv[i + 1], dst[i]) != 0) exit(2);
    if (a.warmup < 0 || a.samples < 1 || a.width < 1 || a.height < 1 || a.max_iter < 1 ||
        a.max_iter > INT32_MAX || a.width > (1L << 20) || a.height > (1L << 20)) {
        fprintf(stderr, "%s: need WARMUP >= 0, SAMPLES >= 1, 1 <= width,height <= 2^20, 1 <= maxIter <= 2^31-1\n",
                impl);
        exit(2);
    }
    return a;
}

static int64_t mb_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long mb_peak_rss_kib(void) {
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

static int64_t mb_checksum(const int32_t *out, long n) {
    int64_t s = 0;
    for (long i = 0; i < n; i++) s += out[i];
    return s;
}

static void mb_print_json(const char *impl, const mb_args *a, int64_t checksum, const int64_t *samples,
                          int threads) {
    printf("{\"impl\":\"%s\",\"params\":{\"width\":%ld,\"height\":%ld,\"maxIter\":%ld},\"checksum\":%lld,"
           "\"samplesNs\":[",
           impl, a->width, a->height, a->max_iter, (long long)checksum);
    for (long i = 0; i < a->samples; i++) printf(i ? ",%lld" : "%lld", (long long)samples[i]);
    printf("],\"threads\":%d,\"peakRssKiB\":%ld}\n", threads, mb_peak_rss_kib());
}
/* ---- end of shared helpers ---- */

static void compute(int32_t *out, long width, long height, int max_iter) {
    const double scale_x = (MB_XMAX - MB_XMIN) / (double)width;
    const double scale_y = (MB_YMAX - MB_YMIN) / (double)height;
    for (long row = 0; row < height; row++) {
        const double y0 = MB_YMIN + (double)row * scale_y;
        for (long col = 0; col < width; col++) {
            const double x0 = MB_XMIN + (double)col * scale_x;
            double x = 0.0, y = 0.0;
            int n = 0;
            while (n < max_iter && x * x + y * y <= 4.0) {
                const double xt = x * x - y * y + x0;
                y = 2.0 * x * y + y0;
                x = xt;
                n++;
            }
            out[row * width + col] = n;
        }
    }
}

int main(int argc, char **argv) {
    const char *impl = "c-scalar";
    mb_args a = mb_parse_args(impl, argc, argv);
    long n = a.width * a.height;
    int32_t *out = malloc((size_t)n * sizeof *out);
    int64_t *samples = malloc((size_t)a.samples * sizeof *samples);
    if (!out || !samples) {
        fprintf(stderr, "%s: out of memory\n", impl);
        return 1;
    }
    for (long i = 0; i < a.warmup; i++) compute(out, a.width, a.height, (int)a.max_iter);
    for (long i = 0; i < a.samples; i++) {
        int64_t t0 = mb_now_ns();
        compute(out, a.width, a.height, (int)a.max_iter);
        samples[i] = mb_now_ns() - t0;
    }
    mb_print_json(impl, &a, mb_checksum(out, n), samples, 1);
    free(out);
    free(samples);
    return 0;
}
