/*
 * keep.h - every tuple of a rule with its own values, worked out once in a
 * world and kept: a world that differs from it only in parameters that no
 * factor reads for its own value (a sweep of weights and thresholds:
 * run_sweep.c) decides each tuple from them, its influence, score and
 * verdict in that world, not its factors again.  At most COOP_SWEEP_KEEP
 * own values (tuples times factors) are kept of a rule.
 */
#ifndef COOP_KEEP_H
#define COOP_KEEP_H

#include "eval.h"

typedef struct keep_rule {
    int state;        /* 0 not kept yet, 1 kept, -1 not to keep (a runtime
                         error or a stop keeping it) */
    long n;           /* tuples */
    int *tuples;      /* np ints a tuple, in the rule's order */
    double *own;      /* nf values a tuple */
} keep_rule;

typedef struct keep {
    const model *m;
    const coop_world *w;     /* the world of the own values */
    unsigned char *moves;    /* [rule]: its own values may differ in the worlds
                                asked of: never kept */
    keep_rule *r;
    long long decided;       /* tuples decided from kept values, ever */
} keep;

/* A keep of world w (which must outlive it) for worlds that differ from w
 * in the parameters params[0..n) alone; n < 0: in other values too (then
 * nothing is kept). */
void keep_init(keep *k, const model *m, const coop_world *w, const int *params, int n);
void keep_free(keep *k);
/* Are rule ri's own values kept for those worlds: a partnership (no tender,
 * no contract read) none of whose factors reads a parameter that may
 * differ, of at most COOP_SWEEP_KEEP own values (tuples x factors)? */
int keep_fits(const keep *k, int ri);
/* How many of rule ri's tuples form in e's world (one of those worlds),
 * each decided in e from its own values kept (kept on first need): -1
 * when they are not kept (keep_fits, or a runtime error or a stop keeping
 * them), or a tuple meets a runtime error or a stop: then count the whole
 * way, which says it. */
long keep_count(keep *k, int ri, evaluator *e);

#endif
