/*
 * gen.c - writes the benchmark model as a coop script:
 *
 *     gen N SEED > model.coop
 *
 * N actors (N/2 npo, N/2 enterprise) with attributes and concerns from a
 * fixed-seed generator, the trust relation with three overrides per npo, and
 * the benchmark rule `alliance`.  The same N and SEED always give the same
 * bytes, on every machine.
 */
#include "bench_data.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    long n;
    uint64_t seed;
    if (argc != 3 || bench_parse_long(argv[1], &n) || bench_parse_u64(argv[2], &seed)) {
        fprintf(stderr, "usage: gen N SEED > model.coop\n");
        return 2;
    }
    bench_data d;
    if (bench_data_generate(&d, n, seed)) {
        fprintf(stderr, "gen: cannot generate %ld actors (N must be even, from %ld to %ld)\n",
                n, BENCH_MIN_ACTORS, BENCH_MAX_ACTORS);
        return 2;
    }
    int bad = bench_data_write(&d, stdout);
    bench_data_free(&d);
    if (bad) {
        perror("gen: write");
        return 1;
    }
    return 0;
}
