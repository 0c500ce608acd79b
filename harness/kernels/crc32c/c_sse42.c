/* CRC-32C of the data set in C with the SSE4.2 crc32 instruction (optimized; x86-64 only).
 *
 * Usage: c-sse42 WARMUP SAMPLES size chunk   (data set path in CLAIMBENCH_DATASET)
 * The same CRC as c-table (the instruction implements the reflected Castagnoli polynomial), 8
 * bytes per _mm_crc32_u64 and the tail byte by byte; one dependency chain, no interleaving of
 * several streams (what a hand-written first version does; the crc32c package's is faster).
 */
#include <nmmintrin.h>
#include <string.h>
#include "claimbench.h"
#include "read_dataset.h"

static uint32_t update(uint32_t crc, const unsigned char *p, size_t n) {
    uint64_t c = ~crc & 0xFFFFFFFFu;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        c = _mm_crc32_u64(c, w);
    }
    uint32_t c32 = (uint32_t)c;
    for (; i < n; i++) c32 = _mm_crc32_u8(c32, p[i]);
    return ~c32;
}

typedef struct {
    const unsigned char *data;
    long size, chunk;
    uint32_t crc;
} job;

static int work(void *ctx) {
    job *j = ctx;
    uint32_t crc = 0;
    for (long off = 0; off < j->size; off += j->chunk) crc = update(crc, j->data + off, (size_t)(j->size - off < j->chunk ? j->size - off : j->chunk));
    j->crc = crc;
    return 0;
}

int main(int argc, char **argv) {
    static const cb_param PARAMS[] = {CB_INT("size", 1, 1L << 34), CB_INT("chunk", 1, 1L << 30)};
    cb_args a = cb_parse_args("c-sse42", argc, argv, PARAMS, 2);
    job j = {.size = cb_int(&a, 0), .chunk = cb_int(&a, 1)};
    j.data = read_dataset("c-sse42", j.size);
    int64_t *samples = malloc(sizeof(int64_t) * (size_t)a.samples);
    if (!samples || cb_time_samples(&a, work, &j, samples) != 0) return 1;
    char hex[9];
    snprintf(hex, sizeof hex, "%08x", j.crc);
    cb_work w = {.bytes = j.size, .items = -1, .tokens = -1, .records = -1};
    cb_print_result(&a, cb_checksum_hex(hex), samples, 1, &w);
    return 0;
}
