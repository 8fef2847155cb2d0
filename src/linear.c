/* linear.c - the closed form of a linear score's Shapley values; what a
 * verdict reads. */
#include "linear.h"

#include <stdlib.h>
#include <string.h>

#include "eval.h"

/* Does x read a factor (or the score), so that a coalition moves it?  An
 * aggregate never does: it reads actors, and is one number in a world. */
static int moves(const rexpr *x)
{
    if (x->k == R_FACTOR || x->k == R_SCORE) return 1;
    for (int i = 0; i < x->nsub; i++)
        if (moves(x->sub[i])) return 1;
    return 0;
}

/* Can a coalition fail on x: a division by a value that moves? */
static const rexpr *may_fail(const rexpr *x)
{
    if (x->k == R_BIN && x->op == OP_DIV && moves(x->sub[1])) return x;
    for (int i = 0; i < x->nsub; i++) {
        const rexpr *f = may_fail(x->sub[i]);
        if (f) return f;
    }
    return NULL;
}

int linear_coef(const rexpr *x)
{
    switch (x->k) {
    case R_CONST: return x->type == T_NUM || x->type == T_BOOL;
    case R_MPARAM: return 1;
    case R_BIN: if (x->op > OP_DIV) return 0; /* fall through */
    case R_NEG: case R_ABS: case R_MIN: case R_MAX: case R_CLAMP: case R_ROUND:
        for (int i = 0; i < x->nsub; i++)
            if (!linear_coef(x->sub[i])) return 0;
        return 1;
    default: return 0;
    }
}

/* The coefficient x's value with the parameters at pv, worked out by the
 * evaluator itself, as a folded constant is (a division by zero is the
 * tuple's runtime error: its value is never read). */
static double coef_value(const rexpr *x, const double *pv)
{
    if (x->k == R_CONST) return x->num;
    coop_world w;
    memset(&w, 0, sizeof w);
    w.param = (double *)pv; /* read, never written */
    evaluator e;
    memset(&e, 0, sizeof e);
    e.w = &w;
    ev_fault err = {0, NULL, NULL};
    return ev_expr(&e, x, NULL, NULL, &err);
}

/* Adds scale * (x's weight on each factor) to w[]; returns the first node
 * that is not linear with constant weights, or NULL. */
static const rexpr *weights(const rexpr *x, double scale, double *w, const double *pv)
{
    if (!moves(x)) return NULL; /* the same in every coalition */
    const rexpr *a = x->nsub > 0 ? x->sub[0] : NULL, *b = x->nsub > 1 ? x->sub[1] : NULL, *bad;
    switch (x->k) {
    case R_FACTOR: w[x->index] += scale; return NULL;
    case R_NEG: return weights(a, -scale, w, pv);
    case R_BIN:
        switch (x->op) {
        case OP_ADD:
        case OP_SUB:
            bad = weights(a, scale, w, pv);
            return bad ? bad : weights(b, x->op == OP_SUB ? -scale : scale, w, pv);
        case OP_MUL: /* constants are folded: k * v is one coefficient and v */
            if (linear_coef(a)) return weights(b, scale * coef_value(a, pv), w, pv);
            if (linear_coef(b)) return weights(a, scale * coef_value(b, pv), w, pv);
            return x;
        case OP_DIV: /* by a nonzero constant (0 is refused when resolved), or a parameter's */
            return linear_coef(b) ? weights(a, scale / coef_value(b, pv), w, pv) : x;
        default: return x;
        }
    default: return x;
    }
}

/* a_f = sum_j w_j dx_j/down_f = sum_j w_j M[j][f], into lin. */
static void coefs(int nf, const double *w, const double *M, double *lin)
{
    memset(lin, 0, (size_t)nf * sizeof *lin);
    for (int j = 0; j < nf; j++)
        if (w[j] != 0)
            for (int f = 0; f < nf; f++) lin[f] += w[j] * M[j * nf + f];
}

void linear_rule(rule_info *ru, const double *pv)
{
    int nf = ru->nf;
    ru->lin = NULL;
    ru->nonlinear = NULL;
    if (!ru->score) return; /* the target is the verdict: a step, never linear */
    double w[COOP_MAX_FACTORS] = {0};
    const rexpr *bad = weights(ru->score, 1, w, pv);
    if (!bad) bad = may_fail(ru->score);
    if (!bad) bad = may_fail(ru->forms); /* enumeration would report the failure */
    if (bad) {
        ru->nonlinear = bad;
        return;
    }
    ru->lin = mem_calloc((size_t)nf + 1, sizeof *ru->lin);
    coefs(nf, w, ru->M, ru->lin);
}

void linear_coefs(const rule_info *ru, const double *M, const double *pv, double *lin)
{
    double w[COOP_MAX_FACTORS] = {0};
    weights(ru->score, 1, w, pv); /* linear: linear_rule said so */
    coefs(ru->nf, w, M, lin);
}

/* Does x, or an aggregate it holds, read aggregate a? */
static int reads_agg(const rexpr *x, const agg_info *a)
{
    if (!x) return 0;
    if (x->k == R_AGG && (x->agg == a || reads_agg(x->agg->body, a) || reads_agg(x->agg->cond, a))) return 1;
    for (int i = 0; i < x->nsub; i++)
        if (reads_agg(x->sub[i], a)) return 1;
    return 0;
}

/* linear_in_agg, given how each factor's effective value moves: fdeg. */
static int degree(const rule_info *ru, const rexpr *x, const agg_info *a, const int *fdeg)
{
    if (x->k == R_AGG) return x->agg == a ? AFFINE : reads_agg(x, a) ? AFFINE_NO : AFFINE_NOT;
    if (x->k == R_FACTOR) return fdeg ? fdeg[x->index] : AFFINE_NO;
    if (x->k == R_SCORE) return ru->score && fdeg ? degree(ru, ru->score, a, fdeg) : AFFINE_NO;
    int d[2] = {AFFINE_NOT, AFFINE_NOT}, any = AFFINE_NOT;
    for (int i = 0; i < x->nsub; i++) {
        int di = degree(ru, x->sub[i], a, fdeg);
        if (i < 2) d[i] = di;
        if (di > any) any = di;
    }
    if (any == AFFINE_NOT) return AFFINE_NOT;
    if (x->k == R_NEG) return d[0];
    if (x->k != R_BIN) return AFFINE_NO;
    switch (x->op) {
    case OP_ADD: case OP_SUB: return any;
    case OP_MUL: return d[0] + d[1] > AFFINE ? AFFINE_NO : d[0] + d[1];
    case OP_DIV: return d[1] == AFFINE_NOT ? d[0] : AFFINE_NO;
    default: return AFFINE_NO; /* a comparison steps */
    }
}

int linear_in_agg(const rule_info *ru, const rexpr *x, const agg_info *a)
{
    for (int i = 0; i < ru->nagg; i++)
        if (ru->agg[i] != a && (reads_agg(ru->agg[i]->body, a) || reads_agg(ru->agg[i]->cond, a))) return AFFINE_NO;
    int nf = ru->nf, own[COOP_MAX_FACTORS], fdeg[COOP_MAX_FACTORS];
    for (int g = 0; g < nf; g++) own[g] = degree(ru, ru->f[g].own, a, NULL);
    /* an effective value is sum over g of M[f][g] * own_g */
    for (int f = 0; f < nf; f++) {
        fdeg[f] = AFFINE_NOT;
        for (int g = 0; g < nf; g++)
            if (ru->M[f * nf + g] != 0 && own[g] > fdeg[f]) fdeg[f] = own[g];
    }
    return x ? degree(ru, x, a, fdeg) : AFFINE_NOT;
}

typedef struct reads_walk {
    const rule_info *ru;
    void (*fn)(void *ctx, const rexpr *read);
    void *ctx;
    unsigned char f[COOP_MAX_FACTORS]; /* each factor walked: its own value, what influences it */
    int score;                         /* the score walked */
    int nodes;                         /* fn sees every node (linear_walk), not the reads alone */
} reads_walk;

static void walk_reads(reads_walk *w, const rexpr *x);

/* Factor k's effective value: its own value, and every factor with an
 * influence on it, with the weight's expression when it reads parameters. */
static void walk_factor(reads_walk *w, int k)
{
    const rule_info *ru = w->ru;
    if (w->f[k]) return;
    w->f[k] = 1;
    walk_reads(w, ru->f[k].own);
    for (int i = 0; i < ru->ne; i++)
        if (ru->e[i].to == k) {
            if (ru->e[i].wx) walk_reads(w, ru->e[i].wx);
            walk_factor(w, ru->e[i].from);
        }
}

static void walk_reads(reads_walk *w, const rexpr *x)
{
    const rule_info *ru = w->ru;
    if (w->nodes || x->k == R_ATTR || x->k == R_REL || x->k == R_MPARAM) w->fn(w->ctx, x);
    if (x->k == R_FACTOR && ru) walk_factor(w, x->index);
    if (x->k == R_SCORE && ru && ru->score && !w->score) {
        w->score = 1;
        walk_reads(w, ru->score);
    }
    for (int i = 0; i < x->nsub; i++) walk_reads(w, x->sub[i]);
}

void linear_walk(const rule_info *ru, const rexpr *x, void (*fn)(void *ctx, const rexpr *node), void *ctx)
{
    reads_walk w = {ru, fn, ctx, {0}, 0, 1};
    if (x) walk_reads(&w, x);
}

void linear_reads(const rule_info *ru, void (*fn)(void *ctx, const rexpr *read), void *ctx)
{
    reads_walk w = {ru, fn, ctx, {0}, 0, 0};
    walk_reads(&w, ru->forms);
}

void linear_own_reads(const rule_info *ru, int k, void (*fn)(void *ctx, const rexpr *read), void *ctx)
{
    reads_walk w = {ru, fn, ctx, {0}, 0, 0};
    if (ru->f[k].own) walk_reads(&w, ru->f[k].own); /* (reads no factor, nor the score) */
}
