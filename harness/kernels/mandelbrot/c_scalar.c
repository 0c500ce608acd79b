/* Mandelbrot escape-time kernel, C scalar (idiomatic, single thread).
 * Build: cc -O3 -march=native -ffp-contract=off -I harness/protocol/c -o c-scalar c_scalar.c -lm
 * Usage: c-scalar WARMUP SAMPLES width height maxIter */
#include "claimbench.h" /* the protocol: arguments, clock, peak memory, JSON line */

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

typedef struct {
    int32_t *out;
    long width, height;
    int max_iter;
} job_t;

static int work(void *ctx) {
    const job_t *j = ctx;
    compute(j->out, j->width, j->height, j->max_iter);
    return 0;
}

int main(int argc, char **argv) {
    const char *impl = "c-scalar";
    cb_args a = cb_parse_args(impl, argc, argv, PARAMS, 3);
    job_t job = {.width = cb_int(&a, 0), .height = cb_int(&a, 1), .max_iter = (int)cb_int(&a, 2)};
    long n = job.width * job.height;
    job.out = malloc((size_t)n * sizeof *job.out);
    int64_t *samples = malloc((size_t)a.samples * sizeof *samples);
    if (!job.out || !samples) {
        fprintf(stderr, "%s: out of memory\n", impl);
        return 1;
    }
    cb_time_samples(&a, work, &job, samples);
    cb_print_result(&a, cb_checksum_i64(mb_checksum(job.out, n)), samples, 1, NULL);
    free(job.out);
    free(samples);
    return 0;
}
