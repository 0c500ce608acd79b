/* spectral-norm (Benchmarks Game problem), C, one thread, plain scalar loops (idiomatic tier).
 * Build: cc -O3 -ffp-contract=off -I harness/protocol/c -o c c.c -lm
 * Usage: c WARMUP SAMPLES n
 * Same arithmetic, in the same order, as python.py; the text written is sqrt(u.v / v.v) with
 * "%.9f", and the checksum its FNV-1a 64-bit hash. */
#include "claimbench.h" /* the protocol: arguments, clock, peak memory, JSON line */
#include <math.h>

static double a(long i, long j) { return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1); }

static void times_a(const double *u, double *out, long n) {
    for (long i = 0; i < n; i++) {
        double s = 0.0;
        for (long j = 0; j < n; j++) s += a(i, j) * u[j];
        out[i] = s;
    }
}

static void times_at(const double *u, double *out, long n) {
    for (long i = 0; i < n; i++) {
        double s = 0.0;
        for (long j = 0; j < n; j++) s += a(j, i) * u[j];
        out[i] = s;
    }
}

static void times_ata(const double *u, double *out, double *tmp, long n) {
    times_a(u, tmp, n);
    times_at(tmp, out, n);
}

typedef struct {
    long n;
    double *u, *v, *tmp;
    cb_output out; /* the text the program would print */
} job_t;

static int work(void *ctx) {
    job_t *j = ctx;
    const long n = j->n;
    for (long i = 0; i < n; i++) j->u[i] = 1.0;
    for (int k = 0; k < 10; k++) {
        times_ata(j->u, j->v, j->tmp, n);
        times_ata(j->v, j->u, j->tmp, n);
    }
    double vbv = 0.0, vv = 0.0;
    for (long i = 0; i < n; i++) {
        vbv += j->u[i] * j->v[i];
        vv += j->v[i] * j->v[i];
    }
    cb_output_clear(&j->out);
    cb_output_printf(&j->out, "%.9f\n", sqrt(vbv / vv));
    return 0;
}

static const cb_param PARAMS[] = {CB_INT("n", 1, 1L << 16)};

int main(int argc, char **argv) {
    const char *impl = "c";
    cb_args a = cb_parse_args(impl, argc, argv, PARAMS, 1);
    job_t job = {.n = cb_int(&a, 0)};
    job.u = malloc((size_t)job.n * sizeof(double));
    job.v = malloc((size_t)job.n * sizeof(double));
    job.tmp = malloc((size_t)job.n * sizeof(double));
    int64_t *samples = malloc((size_t)a.samples * sizeof *samples);
    if (!job.u || !job.v || !job.tmp || !samples) {
        fprintf(stderr, "%s: out of memory\n", impl);
        return 1;
    }
    cb_time_samples(&a, work, &job, samples);
    cb_print_result(&a, cb_output_checksum(&job.out), samples, 1, NULL);
    free(job.u);
    free(job.v);
    free(job.tmp);
    free(samples);
    return 0;
}
