/*
 * agg.h - aggregates over actors worked out: for the compiled code (I_AGG,
 * and an evaluator's hoisted values) and for the tree evaluator, through
 * one accumulator, so both give the same bits.
 */
#ifndef COOP_AGG_H
#define COOP_AGG_H

#include "eval.h"

/* An aggregate's running value over the actors taken so far. */
typedef struct agg_acc {
    double v;
    long n;
} agg_acc;

/* Takes value x of the next actor into acc (count ignores x).  lowest and
 * highest keep the first of equal values, and a NaN taken first, as min
 * and max do. */
static inline void agg_take(agg_acc *acc, agg_op op, double x)
{
    switch (op) {
    case AGG_SUM: case AGG_MEAN: acc->v += x; break;
    case AGG_LOWEST: if (acc->n == 0 || x < acc->v) acc->v = x; break;
    case AGG_HIGHEST: if (acc->n == 0 || x > acc->v) acc->v = x; break;
    default: break;
    }
    acc->n++;
}

/* An aggregate looks at its evaluator's stop flag (Ctrl-C, the fuzz
 * targets' time limit) once every AGG_LOOK + 1 actors it takes: nested,
 * one tuple's aggregates may take very many. */
#define AGG_LOOK 4095

/* Aggregate a's value from acc into *out: 0, or -1 when it took no actor
 * and its value is then undefined (mean, lowest, highest without else). */
int agg_value(const agg_info *a, const agg_acc *acc, double *out);

/* Works a out over its range in frame f (vm.h), running its condition's
 * and value's code for each actor; 0 with the value in *out, or -1 after a
 * runtime error in that code (f->err_pc set), over no actor (not set), or
 * stopped (f->stopped set). */
int agg_run(const agg_info *a, vm_frame *f, double *out);

/* The same by the tree evaluator (ev_expr) on e's tuple: a hoisted
 * aggregate is read from e when e has worked it out in its world; stopped
 * by *e->stop (err->kind EV_STOPPED). */
double agg_tree(const evaluator *e, const rexpr *x, ev_leaf leaf, void *ctx, ev_fault *err);

#endif
