/*
 * hand.h - the benchmark rule hand-written in C, the yardstick coop is
 * measured against.  bench/hand.c holds it (and, unless compiled with
 * -DBENCH_HAND_NO_MAIN, a main: `hand N SEED`); bench/bench.c links it.
 */
#ifndef BENCH_HAND_H
#define BENCH_HAND_H

#include "bench_data.h"

#include <stddef.h>
#include <stdint.h>

/* The trust relation's overrides: open addressing, linear probing, keyed by
 * (npo index, enterprise index), at most half full.  Its size follows the
 * number of overrides (3 per npo), not the number of tuples. */
typedef struct hand_slot {
    uint64_t key; /* HAND_EMPTY when free */
    double value;
} hand_slot;

typedef struct hand_model {
    int n_npo, n_ent;
    /* npo attributes */
    double *n_capacity, *n_orientation;
    uint32_t *n_concerns;
    /* enterprise attributes */
    double *e_orientation;
    uint32_t *e_concerns;
    /* trust overrides */
    hand_slot *trust;
    uint64_t trust_mask;
    int trust_shift;
    double trust_default;
} hand_model;

/* Builds the model from generated data.  Returns 0, or -1 if memory runs out
 * (then `m` holds nothing to free). */
int hand_build(hand_model *m, const bench_data *d);
void hand_free(hand_model *m);

/* How many (npo, enterprise) pairs form an alliance. */
long hand_count(const hand_model *m);

/* Runs hand_count `runs` times; returns the fastest run's nanoseconds and
 * stores the count in *count. */
double hand_time(const hand_model *m, int runs, long *count);

/* Monotonic clock, in nanoseconds. */
double bench_now_ns(void);

#endif
