/*
 * bench_data.h - the benchmark's data: one fixed-seed generator shared by
 * bench/gen (which writes it as a coop script), bench/hand (which evaluates
 * it in hand-written C) and bench/bench (which does both and compares), so
 * that every program sees exactly the same numbers.
 *
 * Every number is k/10000 for an integer k in [0, 10000].  The script prints
 * it as exactly four decimals ("0.4213"), and C computes it as k / 10000.0;
 * both are the double nearest to the decimal value, so coop and C agree to
 * the last bit.
 */
#ifndef BENCH_DATA_H
#define BENCH_DATA_H

#include <stdint.h>
#include <stdio.h>

/* Symbols a concern is drawn from: c0 .. c23. */
#define BENCH_SYMBOLS 24
/* Concerns per actor: 1 .. BENCH_MAX_CONCERNS distinct symbols. */
#define BENCH_MAX_CONCERNS 4
/* Trust overrides per npo, each with a different enterprise. */
#define BENCH_OVERRIDES 3
/* Default of the trust relation, and the trust factor's baseline. */
#define BENCH_TRUST_DEFAULT 0.3
/* Fewest and most actors the generator accepts (both even). */
#define BENCH_MIN_ACTORS 2L
#define BENCH_MAX_ACTORS 2000000L
/* The denominator of every generated number. */
#define BENCH_SCALE 10000

/* splitmix64 (Steele, Lea and Flood 2014): a tiny, well-mixed, portable
 * generator; never rand(), whose sequence differs between C libraries. */
typedef struct bench_rng {
    uint64_t state;
} bench_rng;

void bench_rng_seed(bench_rng *r, uint64_t seed);
uint64_t bench_rng_next(bench_rng *r);
/* A number in [0, n), n > 0.  (The modulo bias, below 2^-40 here, is
 * irrelevant: what matters is that the sequence is fixed.) */
uint32_t bench_rng_below(bench_rng *r, uint32_t n);

/* One actor.  Numbers are in units of 1/BENCH_SCALE; concerns is a bit set,
 * bit i standing for symbol c<i>. */
typedef struct bench_actor {
    int capacity;
    int orientation;
    uint32_t concerns;
} bench_actor;

/* One override of the trust relation: trust(n<npo>, e<ent>) = value. */
typedef struct bench_override {
    int npo, ent;
    int value;
} bench_override;

/* The generated world.  Actor n<i> is npo[i], e<j> is ent[j]. */
typedef struct bench_data {
    long n_actors;
    uint64_t seed;
    int n_npo, n_ent;
    bench_actor *npo, *ent;
    int n_overrides;
    bench_override *overrides; /* grouped by npo, in increasing npo order */
} bench_data;

/* Generates n_actors actors (n_actors / 2 npo, as many enterprises) from
 * `seed`.  Returns 0, or -1 if n_actors is odd or outside [BENCH_MIN_ACTORS,
 * BENCH_MAX_ACTORS] or memory runs out (then `d` holds nothing to free).
 * The caller frees `d` with bench_data_free. */
int bench_data_generate(bench_data *d, long n_actors, uint64_t seed);
void bench_data_free(bench_data *d);

/* The value of a generated number k, as C and coop both see it. */
static inline double bench_value(int k)
{
    return (double)k / (double)BENCH_SCALE;
}

/* Writes the world and the benchmark rule as a coop script.  Returns 0, or
 * -1 on a write error. */
int bench_data_write(const bench_data *d, FILE *out);

/* Parses a decimal count or seed; returns 0, or -1 if `s` is not one. */
int bench_parse_long(const char *s, long *out);
int bench_parse_u64(const char *s, uint64_t *out);

#endif
