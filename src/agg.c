/* agg.c - aggregates over actors worked out, by the code and by the tree. */
#include "agg.h"

int agg_value(const agg_info *a, const agg_acc *acc, double *out)
{
    if (a->op == AGG_COUNT) *out = (double)acc->n;
    else if (acc->n == 0 && a->op != AGG_SUM) { /* a sum of nothing is 0, as acc->v is */
        if (!a->has_else) return -1;
        *out = a->els;
    } else
        *out = a->op == AGG_MEAN ? acc->v / (double)acc->n : acc->v;
    return 0;
}

int agg_run(const agg_info *a, vm_frame *f, double *out)
{
    agg_acc acc = {0, 0};
    int *slot = &f->tuple[a->slot];
    if (a->op == AGG_COUNT && !a->cond) acc.n = a->ncand; /* nothing to look at */
    else
        for (int i = 0; i < a->ncand; i++) {
            if ((i & AGG_LOOK) == AGG_LOOK && f->stop && *f->stop) {
                f->stopped = 1;
                return -1;
            }
            *slot = a->cand[i];
            if (a->cond) {
                int k = vm_run(&a->cond_code, f);
                if (k < 0) return -1;
                if (f->r[k] == 0) continue;
            }
            double x = 0;
            if (a->body) {
                int k = vm_run(&a->body_code, f);
                if (k < 0) return -1;
                x = f->r[k];
            }
            agg_take(&acc, a->op, x);
        }
    return agg_value(a, &acc, out);
}

double agg_tree(const evaluator *e, const rexpr *x, ev_leaf leaf, void *ctx, ev_fault *err)
{
    const agg_info *a = x->agg;
    if (a->hoist >= 0 && ev_hoisted(e)) return e->hoist[a->hoist];
    evaluator sub = *e; /* the same, with the bound name written in its tuple */
    agg_acc acc = {0, 0};
    for (int i = 0; i < a->ncand; i++) {
        if ((i & AGG_LOOK) == AGG_LOOK && e->stop && *e->stop) {
            if (!err->kind) err->kind = EV_STOPPED;
            return 0;
        }
        sub.tuple[a->slot] = a->cand[i];
        if (a->cond) {
            double c = ev_expr(&sub, a->cond, leaf, ctx, err);
            if (err->kind) return 0;
            if (c == 0) continue;
        }
        double v = 0;
        if (a->body) {
            v = ev_expr(&sub, a->body, leaf, ctx, err);
            if (err->kind) return 0;
        }
        agg_take(&acc, a->op, v);
    }
    double v;
    if (agg_value(a, &acc, &v) == 0) return v;
    if (!err->kind) {
        err->kind = EV_EMPTY;
        err->agg = a;
    }
    return 0;
}
