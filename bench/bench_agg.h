/*
 * bench_agg.h - what an aggregate costs in a rule: a rule of n tuples whose
 * factor holds an aggregate over n actors that reads nothing of the tuple
 * (hoisted: worked out once per world), against the same rule with the
 * aggregate's value written as a constant, and against an aggregate over
 * the same actors that reads the tuple (worked out per tuple: n^2).
 */
#ifndef BENCH_AGG_H
#define BENCH_AGG_H

/* The actors, and tuples, of the measurement. */
#define BENCH_AGG_N 10000
/* The hoisted rule must cost under this many times the rule without it. */
#define BENCH_AGG_TARGET 3.0

typedef struct bench_agg_result {
    int ok;
    char error[512];
    long tuples, actors, count;
    double plain_ns;     /* count of the rule with a constant, best of runs */
    double hoisted_ns;   /* with the hoisted aggregate, best of runs */
    double per_tuple_ns; /* with an aggregate read per tuple, one run */
} bench_agg_result;

/* Measures, best of `runs` (the per-tuple rule once); r->ok says whether
 * the two rules counted alike. */
void bench_agg(int runs, bench_agg_result *r);

#endif
