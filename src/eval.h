/*
 * eval.h - deciding verdicts: one tuple's own and effective factor values,
 * score and verdict; coalitions for Shapley; tuple enumeration; and a tree
 * evaluator for the sub-expressions a trace shows.
 */
#ifndef COOP_EVAL_H
#define COOP_EVAL_H

#include "world.h"

struct contracts;

/* Scratch for evaluating one rule: allocated once, reused for every tuple. */
typedef struct evaluator {
    const model *m;
    const coop_world *w;
    const rule_info *ru;
    int rule;
    double *r;                      /* registers */
    double own[COOP_MAX_FACTORS];   /* own values of the last tuple */
    int tuple[COOP_MAX_PARAMS];     /* the last tuple */
    double *coal;                   /* 2^k coalition values, for exact Shapley */
    coop_loc err_loc;               /* where a runtime error happened */
    /* the contracts decided in w, for a rule that reads them (the query
     * and the differences set it: contract.h); not owned */
    const struct contracts *cs;
    /* when not NULL and nonzero, ev_foreach stops (looked at after every
     * EV_STOP_WORK tuples and coalitions) and sets stopped */
    const volatile sig_atomic_t *stop;
    int stopped;
    long long ticks;                /* tuples ev_stop was called for */
    long long next_look;            /* ticks + coalitions at the next look */
    long long coalitions;           /* evaluated by ev_coalition, ever */
} evaluator;

/* Work (tuples decided and coalitions evaluated, each about one run of
 * the rule's code) between two looks at *stop: a tuple of 2^16 coalitions
 * is looked at after each, 64 cheap tuples once. */
#define EV_STOP_WORK 64

/* Called once per tuple: is it time to stop?  Sets e->stopped. */
static inline int ev_stop(evaluator *e)
{
    if (!e->stop) return 0;
    long long work = ++e->ticks + e->coalitions;
    if (work < e->next_look) return 0;
    e->next_look = work + EV_STOP_WORK;
    return *e->stop && (e->stopped = 1);
}

void ev_init(evaluator *e, const model *m, const coop_world *w, int rule);
void ev_free(evaluator *e);

/* Decides a tuple: e->own gets own values, e->r[0, nf) effective values,
 * e->r[nf] the score.  Returns the verdict (0 or 1), or -1 after a runtime
 * error (division by zero) with e->err_loc set. */
int ev_tuple(evaluator *e, const int *tuple);

/* Decides a tuple as ev_tuple does, faster, without keeping own values:
 * e->r[0, nf) and e->r[nf] still hold effective values and score. */
int ev_verdict(evaluator *e, const int *tuple);

/* The coalition `mask` of the last tuple: members keep own values, the
 * others take their baselines; influence is applied again.  Returns the
 * verdict (or -1), and in *target the score, or the verdict when the rule
 * has no score. */
int ev_coalition(evaluator *e, uint64_t mask, double *target);

/* Decides every tuple of the rule in canonical order (declaration order,
 * each set of same-kind actors once) and calls fn with each verdict (or -1
 * after a runtime error).  Stops early when fn returns nonzero and returns
 * that value, or when *e->stop is set: then it returns 1 with e->stopped
 * set. */
typedef int (*ev_each)(evaluator *e, int verdict, void *ctx);
int ev_foreach(evaluator *e, ev_each fn, void *ctx);
/* The same, faster, for callers that do not read e->own. */
int ev_foreach_verdicts(evaluator *e, ev_each fn, void *ctx);

/* Tree evaluation, for traces and statements.  Rule-context nodes read the
 * evaluator's last tuple and registers; other nodes go to `leaf`. */
typedef double (*ev_leaf)(void *ctx, const rexpr *x, int *err);
double ev_expr(const evaluator *e, const rexpr *x, ev_leaf leaf, void *ctx, int *err);

/* The members of a set-valued node (a set literal or a set attribute), and
 * in *n how many words they take. */
const uint64_t *ev_set(const evaluator *e, const rexpr *x, int *n);

/* Shapley value of each factor of the last tuple; se gets standard errors
 * (0 when exact).  A linear score takes the closed form (linear.h) and
 * evaluates no coalition.  Returns 1 when exact, 0 when sampled, -1 on
 * error. */
int ev_shapley(evaluator *e, uint64_t seed, double *phi, double *se);
/* The coalitions ev_shapley evaluates for one tuple of the rule: 0 in
 * closed form, 2^k exact, 1 + k * COOP_SHAPLEY_PERMUTATIONS sampled. */
long long ev_shapley_work(const rule_info *ru);

/* Is x a weighted term, k * v or v * k with k constant? */
int rx_weighted(const rexpr *x, double *k, const rexpr **v);

#endif
