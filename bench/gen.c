/*
 * gen.c - writes a benchmark model as a coop script:
 *
 *     gen N SEED > model.coop       the partnership benchmark
 *     gen -t N SEED > tender.coop   the tender benchmark: N bids
 *
 * N actors (N/2 npo, N/2 enterprise) with attributes and concerns from a
 * fixed-seed generator, the trust relation with three overrides per npo, and
 * the benchmark rule `alliance`; or N associations bidding for the tender
 * `t` of bench/bench_data.h.  The same N and SEED always give the same
 * bytes, on every machine.
 */
#include "bench_data.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    long n;
    uint64_t seed;
    int tender = argc == 4 && strcmp(argv[1], "-t") == 0;
    if (argc != 3 + tender || bench_parse_long(argv[1 + tender], &n) || bench_parse_u64(argv[2 + tender], &seed)) {
        fprintf(stderr, "usage: gen [-t] N SEED > model.coop\n");
        return 2;
    }
    int bad;
    if (tender) {
        bench_tender t;
        if (bench_tender_generate(&t, n, seed)) {
            fprintf(stderr, "gen: cannot generate %ld bids (N must be from 1 to %ld)\n", n, BENCH_TENDER_MAX);
            return 2;
        }
        bad = bench_tender_write(&t, 0, "show t\n", stdout);
        bench_tender_free(&t);
    } else {
        bench_data d;
        if (bench_data_generate(&d, n, seed)) {
            fprintf(stderr, "gen: cannot generate %ld actors (N must be even, from %ld to %ld)\n",
                    n, BENCH_MIN_ACTORS, BENCH_MAX_ACTORS);
            return 2;
        }
        bad = bench_data_write(&d, stdout);
        bench_data_free(&d);
    }
    if (bad) {
        perror("gen: write");
        return 1;
    }
    return 0;
}
