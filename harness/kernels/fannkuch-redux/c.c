/* fannkuch-redux (Benchmarks Game problem), C, one thread, plain arrays (idiomatic tier).
 * Build: cc -O3 -I harness/protocol/c -o c c.c
 * Usage: c WARMUP SAMPLES n
 * The permutations in the same order as python.py; the text written is the checksum and
 * "Pfannkuchen(n) = max flips", and the result's checksum its FNV-1a 64-bit hash. */
#include "claimbench.h" /* the protocol: arguments, clock, peak memory, JSON line */

#define MAX_N 16

static int count_flips(const int *order, int n) {
    int perm[MAX_N];
    memcpy(perm, order, (size_t)n * sizeof *perm);
    int flips = 0;
    int first = perm[0];
    while (first != 0) {
        for (int lo = 0, hi = first; lo < hi; lo++, hi--) {
            const int t = perm[lo];
            perm[lo] = perm[hi];
            perm[hi] = t;
        }
        flips++;
        first = perm[0];
    }
    return flips;
}

typedef struct {
    int n;
    cb_output out; /* the text the program would print */
} job_t;

static int work(void *ctx) {
    job_t *j = ctx;
    const int n = j->n;
    int order[MAX_N], counters[MAX_N];
    for (int i = 0; i < n; i++) order[i] = i, counters[i] = 0;
    long checksum = 0, index = 0;
    int max_flips = 0, r = n;
    for (;;) {
        for (; r > 1; r--) counters[r - 1] = r;
        const int flips = count_flips(order, n);
        if (flips > max_flips) max_flips = flips;
        checksum += index % 2 == 0 ? flips : -flips;
        /* Next permutation: rotate the first r+1 items left by one; a prefix rotated back to
         * where it started moves on to a longer one. */
        for (;;) {
            if (r == n) {
                cb_output_clear(&j->out);
                cb_output_printf(&j->out, "%ld\nPfannkuchen(%d) = %d\n", checksum, n, max_flips);
                return 0;
            }
            const int head = order[0];
            for (int i = 0; i < r; i++) order[i] = order[i + 1];
            order[r] = head;
            if (--counters[r] > 0) break;
            r++;
        }
        index++;
    }
}

static const cb_param PARAMS[] = {CB_INT("n", 1, 12)};

int main(int argc, char **argv) {
    const char *impl = "c";
    cb_args a = cb_parse_args(impl, argc, argv, PARAMS, 1);
    job_t job = {.n = (int)cb_int(&a, 0)};
    int64_t *samples = malloc((size_t)a.samples * sizeof *samples);
    if (!samples) {
        fprintf(stderr, "%s: out of memory\n", impl);
        return 1;
    }
    cb_time_samples(&a, work, &job, samples);
    cb_print_result(&a, cb_output_checksum(&job.out), samples, 1, NULL);
    free(samples);
    return 0;
}
