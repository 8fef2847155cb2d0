/* keep.c - own values kept across worlds that differ in parameters no
 * factor reads for them. */
#include "keep.h"

#include <stdlib.h>
#include <string.h>

/* Does x (its operands, an aggregate's condition and body) read parameter p? */
static int reads_param(const rexpr *x, int p)
{
    if (!x) return 0;
    if (x->k == R_MPARAM && x->index == p) return 1;
    for (int i = 0; i < x->nsub; i++)
        if (reads_param(x->sub[i], p)) return 1;
    return x->k == R_AGG && (reads_param(x->agg->cond, p) || reads_param(x->agg->body, p));
}

void keep_init(keep *k, const model *m, const coop_world *w, const int *params, int n)
{
    memset(k, 0, sizeof *k);
    k->m = m;
    k->w = w;
    k->moves = mem_calloc((size_t)m->nrules + 1, 1);
    k->r = mem_calloc((size_t)m->nrules + 1, sizeof *k->r);
    for (int ri = 0; ri < m->nrules; ri++) {
        const rule_info *ru = &m->rules[ri];
        int moves = n < 0 || ru->tender || ru->deps.reads_contracts;
        for (int f = 0; f < ru->nf && !moves; f++)
            for (int j = 0; j < n && !moves; j++) moves = reads_param(ru->f[f].own, params[j]);
        k->moves[ri] = (unsigned char)moves;
    }
}

void keep_free(keep *k)
{
    for (int ri = 0; k->r && ri < k->m->nrules; ri++) {
        free(k->r[ri].tuples);
        free(k->r[ri].own);
    }
    free(k->r);
    free(k->moves);
}

int keep_fits(const keep *k, int ri)
{
    const rule_info *ru = &k->m->rules[ri];
    return !k->moves[ri] && ru->nf > 0 && (double)ru->ntuples * ru->nf <= (double)COOP_SWEEP_KEEP;
}

typedef struct filling {
    keep_rule *kr;
    int np, nf;
} filling;

static int keep_one(evaluator *e, int v, void *ctx)
{
    filling *f = ctx;
    if (v < 0) return 1;
    keep_rule *kr = f->kr;
    memcpy(kr->tuples + (size_t)kr->n * (size_t)f->np, e->tuple, (size_t)f->np * sizeof *kr->tuples);
    memcpy(kr->own + (size_t)kr->n * (size_t)f->nf, e->own, (size_t)f->nf * sizeof *kr->own);
    kr->n++;
    return 0;
}

/* Works out and keeps rule ri's own values in k's world. */
static void keep_rule_fill(keep *k, int ri, const volatile sig_atomic_t *stop)
{
    const rule_info *ru = &k->m->rules[ri];
    keep_rule *kr = &k->r[ri];
    size_t n = (size_t)ru->ntuples + 1;
    kr->tuples = mem_alloc(n * (size_t)ru->np * sizeof *kr->tuples);
    kr->own = mem_alloc(n * (size_t)ru->nf * sizeof *kr->own);
    evaluator e;
    ev_init(&e, k->m, k->w, ri);
    e.stop = stop;
    filling f = {kr, ru->np, ru->nf};
    kr->state = ev_foreach(&e, keep_one, &f) ? -1 : 1;
    ev_free(&e);
    if (kr->state < 0) { /* a runtime error or a stop: not kept, and the way of the other rules */
        free(kr->tuples);
        free(kr->own);
        kr->tuples = NULL;
        kr->own = NULL;
        kr->n = 0;
        k->moves[ri] = 1;
    }
}

long keep_count(keep *k, int ri, evaluator *e)
{
    if (!keep_fits(k, ri)) return -1;
    keep_rule *kr = &k->r[ri];
    if (kr->state == 0) keep_rule_fill(k, ri, e->stop);
    if (kr->state < 0) return -1;
    const rule_info *ru = &k->m->rules[ri];
    long formed = 0;
    if (ev_ready(e) < 0) return -1; /* the world's parameters, hoisted aggregates: once */
    for (long i = 0; i < kr->n; i++) {
        if (ev_stop(e)) return -1;
        int v = ev_post(e, kr->tuples + (size_t)i * (size_t)ru->np, kr->own + (size_t)i * (size_t)ru->nf);
        if (v < 0) return -1;
        formed += v;
    }
    k->decided += kr->n;
    return formed;
}
