/* Shared by the C implementations of the crc32c kernel: reads the data set the harness made
 * (path in CLAIMBENCH_DATASET) and checks it has `size` bytes; exits 2 otherwise. */
#ifndef CRC32C_READ_DATASET_H
#define CRC32C_READ_DATASET_H
#include <stdio.h>
#include <stdlib.h>

static unsigned char *read_dataset(const char *impl, long size) {
    const char *path = getenv("CLAIMBENCH_DATASET");
    if (!path || !*path) {
        fprintf(stderr, "%s: CLAIMBENCH_DATASET is not set (the harness passes the data set's path)\n", impl);
        exit(2);
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open the data set %s\n", impl, path);
        exit(2);
    }
    unsigned char *buf = malloc((size_t)size + 1);
    if (!buf) {
        fprintf(stderr, "%s: out of memory for %ld bytes\n", impl, size);
        exit(1);
    }
    size_t got = fread(buf, 1, (size_t)size + 1, f);
    fclose(f);
    if ((long)got != size) {
        fprintf(stderr, "%s: the data set %s has %s%zu bytes, expected size=%ld\n", impl, path, (long)got > size ? "more than " : "", got, size);
        exit(2);
    }
    return buf;
}
#endif
