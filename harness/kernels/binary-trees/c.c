/* binary-trees (Benchmarks Game problem), C, one thread, one malloc per node (idiomatic tier).
 * Build: cc -O3 -I harness/protocol/c -o c c.c
 * Usage: c WARMUP SAMPLES depth
 * The same trees and lines as python.py; every node is allocated with malloc and freed with
 * free (no pool). The checksum is the FNV-1a 64-bit hash of the text. */
#include "claimbench.h" /* the protocol: arguments, clock, peak memory, JSON line */

#define MIN_DEPTH 4

typedef struct node {
    struct node *left, *right;
} node;

static node *make(int depth) {
    node *n = malloc(sizeof *n);
    if (!n) {
        fprintf(stderr, "c: out of memory\n");
        exit(1);
    }
    if (depth == 0) {
        n->left = n->right = NULL;
    } else {
        n->left = make(depth - 1);
        n->right = make(depth - 1);
    }
    return n;
}

static long check(const node *n) { return n->left ? 1 + check(n->left) + check(n->right) : 1; }

static void release(node *n) {
    if (n->left) {
        release(n->left);
        release(n->right);
    }
    free(n);
}

typedef struct {
    int depth;
    cb_output out; /* the text the program would print */
} job_t;

static int work(void *ctx) {
    job_t *j = ctx;
    const int max_depth = j->depth > MIN_DEPTH + 2 ? j->depth : MIN_DEPTH + 2;
    cb_output_clear(&j->out);
    node *stretch = make(max_depth + 1);
    cb_output_printf(&j->out, "stretch tree of depth %d\t check: %ld\n", max_depth + 1, check(stretch));
    release(stretch);
    node *long_lived = make(max_depth);
    for (int d = MIN_DEPTH; d <= max_depth; d += 2) {
        const long iterations = 1L << (max_depth - d + MIN_DEPTH);
        long total = 0;
        for (long i = 0; i < iterations; i++) {
            node *t = make(d);
            total += check(t);
            release(t);
        }
        cb_output_printf(&j->out, "%ld\t trees of depth %d\t check: %ld\n", iterations, d, total);
    }
    cb_output_printf(&j->out, "long lived tree of depth %d\t check: %ld\n", max_depth, check(long_lived));
    release(long_lived);
    return 0;
}

static const cb_param PARAMS[] = {CB_INT("depth", 1, 30)};

int main(int argc, char **argv) {
    const char *impl = "c";
    cb_args a = cb_parse_args(impl, argc, argv, PARAMS, 1);
    job_t job = {.depth = (int)cb_int(&a, 0)};
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
