/* CRC-32C of the data set in C, byte-at-a-time table loop (idiomatic; the kernel's reference).
 *
 * Usage: c-table WARMUP SAMPLES size chunk   (data set path in CLAIMBENCH_DATASET)
 * Reflected Castagnoli polynomial 0x82F63B78, initial value and final xor 0xFFFFFFFF, fed in
 * `chunk`-byte pieces (the running CRC chains across pieces, as crc32c(piece, value=crc) does).
 * The digest is the final CRC as 8 lowercase hex digits.
 */
#include "claimbench.h"
#include "read_dataset.h"

static uint32_t TABLE[256];

static void make_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        TABLE[n] = c;
    }
}

static uint32_t update(uint32_t crc, const unsigned char *p, size_t n) {
    uint32_t c = ~crc;
    for (size_t i = 0; i < n; i++) c = TABLE[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return ~c;
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
    cb_args a = cb_parse_args("c-table", argc, argv, PARAMS, 2);
    make_table();
    job j = {.size = cb_int(&a, 0), .chunk = cb_int(&a, 1)};
    j.data = read_dataset("c-table", j.size);
    int64_t *samples = malloc(sizeof(int64_t) * (size_t)a.samples);
    if (!samples || cb_time_samples(&a, work, &j, samples) != 0) return 1;
    char hex[9];
    snprintf(hex, sizeof hex, "%08x", j.crc);
    cb_work w = {.bytes = j.size, .items = -1, .tokens = -1, .records = -1};
    cb_print_result(&a, cb_checksum_hex(hex), samples, 1, &w);
    return 0;
}
