/* The claimbench protocol for C implementations (see CONTRIBUTING.md, "Add a kernel").
 *
 * A program is invoked as `<program> WARMUP SAMPLES <params in kernel.yaml order>`, times only its
 * work with a monotonic nanosecond clock and prints exactly one JSON line on stdout. This header
 * does the parts every program shares: argument parsing, the clock, the thread count, peak memory
 * and the JSON line. Header-only (static functions), C11 + POSIX; the harness compiles with
 * -I harness/protocol/c.
 *
 *     static const cb_param PARAMS[] = {CB_INT("n", 1, 16384), CB_INT("bits", 32, 64)};
 *     cb_args a = cb_parse_args("c-naive", argc, argv, PARAMS, 2);   // exits 2 on bad input
 *     long n = cb_int(&a, 0);
 *     ... t0 = cb_now_ns(); work(); samples[i] = cb_now_ns() - t0; ...
 *     cb_print_result(&a, cb_checksum_f64(sum), samples, 1, NULL);
 *
 * A program whose checksum is the FNV-1a 64-bit hash of the text it would print (the Benchmarks
 * Game kernels) writes that text into a cb_output inside its timed work and reports its digest:
 *
 *     cb_output_clear(&job.out); cb_output_printf(&job.out, "%.9f\n", e);     // in the work
 *     cb_print_result(&a, cb_output_checksum(&job.out), samples, 1, NULL);
 */
#ifndef CLAIMBENCH_H
#define CLAIMBENCH_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sched_getaffinity */
#endif
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define CB_MAX_PARAMS 16

/* A parameter: an integer in [min, max], or a string (is_string). */
typedef struct {
    const char *name;
    long min, max;
    int is_string;
} cb_param;

#define CB_INT(name, lo, hi) {(name), (lo), (hi), 0}
#define CB_STRING(name) {(name), 0, 0, 1}

typedef struct {
    const char *impl;
    long warmup, samples;
    int nparams;
    const cb_param *params;
    long ints[CB_MAX_PARAMS];
    const char *strings[CB_MAX_PARAMS];
} cb_args;

/* A checksum: an integer, a finite double, or a lowercase hex digest. (Written so that the header
 * is also valid C++: the cpp runtime's programs include it.) */
typedef enum { CB_CHECKSUM_I64, CB_CHECKSUM_F64, CB_CHECKSUM_HEX } cb_checksum_kind;
typedef struct {
    cb_checksum_kind kind;
    int64_t i64;
    double f64;
    const char *hex;
} cb_checksum;

static inline cb_checksum cb_checksum_i64(int64_t v) { cb_checksum c = {CB_CHECKSUM_I64, v, 0.0, NULL}; return c; }
static inline cb_checksum cb_checksum_f64(double v) { cb_checksum c = {CB_CHECKSUM_F64, 0, v, NULL}; return c; }
static inline cb_checksum cb_checksum_hex(const char *v) { cb_checksum c = {CB_CHECKSUM_HEX, 0, 0.0, v}; return c; }

/* The work of ONE sample; a negative field is left out of the line. */
typedef struct {
    int64_t bytes, items, tokens, records;
} cb_work;

#define CB_NO_WORK {-1, -1, -1, -1}

static inline void cb_usage(const cb_args *a, const char *prog, const char *fmt, const char *name, const char *got) {
    fprintf(stderr, "%s: ", a->impl);
    fprintf(stderr, fmt, name, got);
    fprintf(stderr, "\nusage: %s WARMUP SAMPLES", prog);
    for (int i = 0; i < a->nparams; i++) fprintf(stderr, " %s", a->params[i].name);
    fputc('\n', stderr);
    exit(2);
}

static inline int cb_parse_long(const char *s, long *out) {
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0') return -1;
    *out = v;
    return 0;
}

static inline void cb_parse_range(const cb_args *a, const char *prog, const char *name, const char *s, long lo, long hi,
                           long *out) {
    if (cb_parse_long(s, out) != 0) cb_usage(a, prog, "%s must be an integer, got '%s'", name, s);
    if (*out < lo || *out > hi) {
        char range[96];
        snprintf(range, sizeof range, "%ld..%ld, got %s", lo, hi, s);
        cb_usage(a, prog, "%s must be in %s", name, range);
    }
}

/* Parses WARMUP SAMPLES and `nparams` parameters; on bad input prints the reason and the usage to
 * stderr and exits with status 2. */
static inline cb_args cb_parse_args(const char *impl, int argc, char **argv, const cb_param *params, int nparams) {
    cb_args a;
    memset(&a, 0, sizeof a);
    a.impl = impl;
    a.params = params;
    a.nparams = nparams;
    const char *prog = argc > 0 ? argv[0] : impl;
    if (nparams > CB_MAX_PARAMS) {
        fprintf(stderr, "%s: at most %d parameters are supported\n", impl, CB_MAX_PARAMS);
        exit(2);
    }
    if (argc != nparams + 3) {
        char got[32];
        snprintf(got, sizeof got, "%d", argc - 1);
        char want[32];
        snprintf(want, sizeof want, "%d", nparams + 2);
        cb_usage(&a, prog, "expected %s arguments, got %s", want, got);
    }
    cb_parse_range(&a, prog, "WARMUP", argv[1], 0, 1L << 31, &a.warmup);
    cb_parse_range(&a, prog, "SAMPLES", argv[2], 1, 1L << 31, &a.samples);
    for (int i = 0; i < nparams; i++) {
        if (params[i].is_string)
            a.strings[i] = argv[i + 3];
        else
            cb_parse_range(&a, prog, params[i].name, argv[i + 3], params[i].min, params[i].max, &a.ints[i]);
    }
    return a;
}

static inline long cb_int(const cb_args *a, int i) { return a->ints[i]; }
static inline const char *cb_string(const cb_args *a, int i) { return a->strings[i]; }

/* Monotonic clock in nanoseconds. */
static inline int64_t cb_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Calls work(ctx) WARMUP times untimed, then SAMPLES times timed around the call alone; a non-zero
 * return from work stops and is returned. */
static inline int cb_time_samples(const cb_args *a, int (*work)(void *), void *ctx, int64_t *samples) {
    for (long i = 0; i < a->warmup; i++) {
        int rc = work(ctx);
        if (rc != 0) return rc;
    }
    for (long i = 0; i < a->samples; i++) {
        int64_t t0 = cb_now_ns();
        int rc = work(ctx);
        samples[i] = cb_now_ns() - t0;
        if (rc != 0) return rc;
    }
    return 0;
}

/* CLAIMBENCH_THREADS (1..4096), else the CPUs this process may use. Exits 2 on a bad value. */
static inline int cb_thread_count(const char *impl) {
    const char *env = getenv("CLAIMBENCH_THREADS");
    if (env && *env) {
        long t = 0;
        if (cb_parse_long(env, &t) != 0 || t < 1 || t > 4096) {
            fprintf(stderr, "%s: CLAIMBENCH_THREADS must be an integer in 1..4096, got '%s'\n", impl, env);
            exit(2);
        }
        return (int)t;
    }
#ifdef __linux__
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0) return n;
    }
#endif
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* Peak resident memory: VmHWM from /proc/self/status, else getrusage's ru_maxrss. */
static inline long cb_peak_rss_kib(void) {
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

static inline void cb_print_json_string(FILE *out, const char *s) {
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* Writes the protocol's JSON line to `out`; returns -1 (and writes nothing) for a checksum that
 * is not a finite number or a lowercase hex digest. */
static inline int cb_write_result(FILE *out, const cb_args *a, cb_checksum checksum, const int64_t *samples, int threads,
                           const cb_work *work, long peak_kib) {
    if (checksum.kind == CB_CHECKSUM_F64 && !(checksum.f64 - checksum.f64 == 0.0)) return -1;
    if (checksum.kind == CB_CHECKSUM_HEX) {
        if (!checksum.hex || !*checksum.hex) return -1;
        for (const char *p = checksum.hex; *p; p++)
            if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return -1;
    }
    fputs("{\"impl\":", out);
    cb_print_json_string(out, a->impl);
    fputs(",\"params\":{", out);
    for (int i = 0; i < a->nparams; i++) {
        if (i) fputc(',', out);
        cb_print_json_string(out, a->params[i].name);
        fputc(':', out);
        if (a->params[i].is_string)
            cb_print_json_string(out, a->strings[i]);
        else
            fprintf(out, "%ld", a->ints[i]);
    }
    fputs("},\"checksum\":", out);
    switch (checksum.kind) {
    case CB_CHECKSUM_I64: fprintf(out, "%lld", (long long)checksum.i64); break;
    case CB_CHECKSUM_F64: fprintf(out, "%.17g", checksum.f64); break; /* %.17g round-trips a double */
    case CB_CHECKSUM_HEX: fprintf(out, "\"%s\"", checksum.hex); break;
    }
    fputs(",\"samplesNs\":[", out);
    for (long i = 0; i < a->samples; i++) fprintf(out, i ? ",%lld" : "%lld", (long long)samples[i]);
    fprintf(out, "],\"threads\":%d,\"peakRssKiB\":%ld", threads, peak_kib);
    if (work) {
        const char *names[4] = {"bytes", "items", "tokens", "records"};
        const int64_t vals[4] = {work->bytes, work->items, work->tokens, work->records};
        int first = 1;
        fputs(",\"work\":{", out);
        for (int i = 0; i < 4; i++)
            if (vals[i] >= 0) {
                fprintf(out, "%s\"%s\":%lld", first ? "" : ",", names[i], (long long)vals[i]);
                first = 0;
            }
        fputc('}', out);
    }
    fputs("}\n", out);
    return 0;
}

/* Prints the result line with this process's peak memory; exits 1 on an invalid checksum. */
static inline void cb_print_result(const cb_args *a, cb_checksum checksum, const int64_t *samples, int threads,
                            const cb_work *work) {
    if (cb_write_result(stdout, a, checksum, samples, threads, work, cb_peak_rss_kib()) != 0) {
        fprintf(stderr, "%s: checksum is not a finite number or a lowercase hex digest\n", a->impl);
        exit(1);
    }
    fflush(stdout);
}

/* FNV-1a 64-bit hash of `len` bytes (src/lib/fnv.ts computes the same for the published outputs). */
static inline uint64_t cb_fnv1a64(const void *bytes, size_t len) {
    uint64_t h = 0xcbf29ce484222325ULL;
    const unsigned char *p = (const unsigned char *)bytes;
    for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

#ifndef CB_OUTPUT_MAX
#define CB_OUTPUT_MAX 4096 /* bytes of text a cb_output holds; define it larger before the include */
#endif

/* The text a program would print, kept in memory, and its digest (cb_output_checksum). */
typedef struct {
    char text[CB_OUTPUT_MAX];
    size_t len;
    char digest[17];
} cb_output;

/* Empties the text (call at the start of each sample's work). */
static inline void cb_output_clear(cb_output *o) {
    o->len = 0;
    o->text[0] = '\0';
}

/* Appends printf-formatted text; exits 1 when it does not fit (a digest of cut text would be wrong). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static inline void cb_output_printf(cb_output *o, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    const size_t room = sizeof o->text - o->len;
    const int n = vsnprintf(o->text + o->len, room, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= room) {
        fprintf(stderr, "claimbench.h: the program's output is longer than CB_OUTPUT_MAX (%d bytes); define CB_OUTPUT_MAX larger before including claimbench.h\n", CB_OUTPUT_MAX);
        exit(1);
    }
    o->len += (size_t)n;
}

/* The checksum of the text: its FNV-1a 64-bit hash as 16 lowercase hex digits (kept in o->digest). */
static inline cb_checksum cb_output_checksum(cb_output *o) {
    snprintf(o->digest, sizeof o->digest, "%016llx", (unsigned long long)cb_fnv1a64(o->text, o->len));
    return cb_checksum_hex(o->digest);
}

#endif /* CLAIMBENCH_H */
