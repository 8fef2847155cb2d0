/*
 * bench_param.h - what a change of a parameter costs: the bench model
 * (N = 2,000 actors, a million tuples) with its weight of trust made a
 * parameter (`param w_trust = 0.3`, read as `w_trust*trust` in the score,
 * a linear one: its closed form's coefficients read it), loaded once; a
 * world of it gets BENCH_PARAM_POINTS values of the parameter in turn, and
 * after each change every tuple is decided again (coop_count through one
 * query kept on the world: a world change, never a reload).  That is one
 * point of a sweep; a sweep of 1,000 points needs at least
 * BENCH_PARAM_RATE of them a second on one core (reported, not a target:
 * it is the count's own speed, which the machine's load moves).  The
 * target: a point costs no more than BENCH_PARAM_RATIO times the same
 * count in the model with the number written in (a parameter adds nothing
 * to what a tuple costs, and its change is no reload).  Also timed: a
 * what-if of one change (coop_diff_new: the rule decided in both worlds,
 * every tuple, checked).  The first point's count and the last's are
 * checked against the model with the number written in.
 */
#ifndef BENCH_PARAM_H
#define BENCH_PARAM_H

#define BENCH_PARAM_ACTORS 2000L
#define BENCH_PARAM_POINTS 20
/* points a second, one core, at least */
#define BENCH_PARAM_RATE 20.0
/* a point's cost, at most this many times the literal model's count */
#define BENCH_PARAM_RATIO 1.5

typedef struct bench_param_result {
    int ok;
    char error[512];
    long tuples;
    int points;
    double point_ns;   /* a parameter set and every tuple decided again, best point of the best run */
    double mean_ns;    /* the same, averaged over the points of the best run */
    double literal_ns; /* the count in the model with 0.3 written in, best of runs */
    double diff_ns;    /* a what-if of one change (coop_diff_new), best of runs */
    long diff_evaluated;
    long formed_min, formed_max; /* the counts over the points */
} bench_param_result;

void bench_param(int runs, bench_param_result *r);

#endif
