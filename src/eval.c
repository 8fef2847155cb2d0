/* eval.c - verdicts for tuples and coalitions, tuple enumeration, and the
 * tree evaluator behind traces and statements. */
#include "eval.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "contract.h"
#include "influence.h"
#include "linear.h"
#include "shapley.h"

/* The rule's constants as declared into e (eval.h: ew, base, lin). */
static void constants(evaluator *e)
{
    const rule_info *ru = e->ru;
    int ne = ru->ne, nf = ru->nf;
    size_t n = (size_t)ne + 2 * (size_t)nf + (ru->pconst ? (size_t)nf * nf : 0);
    double *pc = e->pc = mem_alloc((n + 1) * sizeof *pc);
    for (int k = 0; k < ne; k++) pc[k] = ru->e[k].w;
    for (int i = 0; i < nf; i++) pc[ne + i] = ru->f[i].baseline;
    for (int i = 0; i < nf; i++) pc[ne + nf + i] = ru->lin ? ru->lin[i] : 0;
    e->ew = pc;
    e->base = pc + ne;
    e->lin = ru->lin ? pc + ne + nf : NULL;
    if (ru->pconst) e->pval = mem_alloc(((size_t)ru->deps.npread + 1) * sizeof *e->pval);
}

void ev_init(evaluator *e, const model *m, const coop_world *w, int rule)
{
    memset(e, 0, sizeof *e);
    e->m = m;
    e->w = w;
    e->rule = rule;
    e->ru = &m->rules[rule];
    e->r = mem_calloc((size_t)e->ru->nregs + 1, sizeof *e->r);
    e->hoist = mem_calloc((size_t)e->ru->nhoist + 1, sizeof *e->hoist);
    constants(e);
    if (e->ru->tender) e->tuple[1] = e->ru->tender->buyer; /* hoisted values may read the buyer */
    e->left_out = -1;
}

void ev_statement(evaluator *e, const model *m, const coop_world *w, const volatile sig_atomic_t *stop)
{
    memset(e, 0, sizeof *e);
    e->m = m;
    e->w = w;
    e->stop = stop;
}

void ev_free(evaluator *e)
{
    free(e->r);
    free(e->coal);
    free(e->hoist);
    free(e->pc);
    free(e->pval);
    e->r = e->coal = e->hoist = e->pc = e->pval = NULL;
    if (e->own_cs) contracts_free(e->own_cs);
    free(e->own_cs);
    e->own_cs = NULL;
}

static vm_frame frame(evaluator *e)
{
    vm_frame f = {e->m, e->w, e->tuple, e->r, e->hoist, e->ru->agg, e->cs, e->ru->np, NULL, -1, e->stop, 0, e->left_out,
                  e->ew};
    return f;
}

/* Where run f stopped: at a division by zero, or at an aggregate over
 * nothing (I_AGG; a hoisted one is `a`, run outside any code); or that
 * *e->stop stopped it. */
static void fault(evaluator *e, const vm_frame *f, const agg_info *a)
{
    e->stopped = f->stopped;
    if (f->stopped) {
        e->err_agg = NULL;
        return;
    }
    if (f->err_pc < 0) {
        e->err_loc = a->src->src->loc;
        e->err_agg = a;
        return;
    }
    const vm_instr *in = &f->err_code->code[f->err_pc];
    e->err_loc = f->err_code->locs[f->err_pc];
    e->err_agg = in->op == I_AGG ? e->ru->agg[in->a] : NULL;
}

static int run(evaluator *e, const vm_code *c)
{
    vm_frame f = frame(e);
    int ret = vm_run(c, &f);
    if (ret < 0) fault(e, &f, NULL);
    return ret;
}

/* Works out the rule's hoisted aggregates, inner ones first, unless they
 * are for the world as it is: 0, or -1 after a runtime error. */
static int hoist(evaluator *e)
{
    const rule_info *ru = e->ru;
    if (ev_hoisted(e)) return 0;
    if (e->hoist_state < 0 && e->hoist_version == e->w->version) { /* failed in this world: again */
        e->err_loc = e->hoist_loc;
        e->err_agg = e->hoist_agg;
        return -1;
    }
    e->hoist_version = e->w->version;
    for (int i = 0; i < ru->nagg; i++) {
        const agg_info *a = ru->agg[i];
        if (a->hoist < 0) continue;
        vm_frame f = frame(e);
        if (agg_run(a, &f, &e->hoist[a->hoist]) < 0) {
            fault(e, &f, a);
            if (f.stopped) { /* not worked out: again next time */
                e->hoist_state = 0;
                return -1;
            }
            e->hoist_state = -1;
            e->hoist_loc = e->err_loc;
            e->hoist_agg = e->err_agg;
            return -1;
        }
        e->hoists++;
    }
    e->hoist_state = 1;
    return 0;
}

/* The contracts the rule reads, decided for the world as it is, unless the
 * caller gave them (and then said what stops them: query_ready): 0, or -1
 * when one of them could not be decided (at its fault), or e->stop
 * stopped their decision (e->stopped; decided again next time). */
static int contracts_ready(evaluator *e)
{
    if (e->cs && e->cs != e->own_cs) return 0;
    if (!e->cs || e->cs_version != e->w->version) {
        if (e->own_cs) contracts_free(e->own_cs);
        else e->own_cs = mem_calloc(1, sizeof *e->own_cs);
        e->cs = NULL;
        if (contracts_decide(e->m, e->w, e->stop, e->own_cs) < 0) {
            e->stopped = 1;
            e->err_agg = NULL;
            return -1;
        }
        e->cs = e->own_cs;
        e->cs_version = e->w->version;
    }
    const contract_row *bad = contracts_fault_of(e->m, e->cs, e->rule);
    if (!bad) return 0;
    e->err_loc = bad->fault.loc;
    e->err_agg = bad->fault.agg;
    return -1;
}

/* One constant that reads parameters, x, in e's world: 0, or -1 after a
 * division by zero, said at it. */
static int constant(evaluator *e, const rexpr *x, double *v)
{
    evaluator none; /* constants and parameters: no tuple, no register */
    ev_statement(&none, e->m, e->w, NULL);
    ev_fault err = {0, NULL, NULL};
    *v = ev_expr(&none, x, NULL, NULL, &err);
    if (!err.kind) return 0;
    e->err_loc = ev_fault_loc(&err, x);
    e->err_agg = NULL;
    return -1;
}

int ev_params(evaluator *e)
{
    const rule_info *ru = e->ru;
    if (!ru->pconst || (e->pc_have && e->pc_version == e->w->version)) return 0;
    const rule_deps *dp = &ru->deps;
    int same = e->pc_have;
    for (int i = 0; same && i < dp->npread; i++) same = e->pval[i] == e->w->param[dp->pread[i]];
    e->pc_version = e->w->version;
    if (same) return 0; /* another version, the same parameters */
    e->pc_have = 0;
    int ne = ru->ne, nf = ru->nf, weights = 0;
    double *ew = e->pc, *base = ew + ne, *lin = base + nf, *M = lin + nf;
    for (int k = 0; k < ne; k++) {
        if (!ru->e[k].wx) continue;
        if (constant(e, ru->e[k].wx, &ew[k]) < 0) return -1;
        weights = 1;
    }
    for (int i = 0; i < nf; i++)
        if (ru->f[i].base && constant(e, ru->f[i].base, &base[i]) < 0) return -1;
    if (ru->lin) {
        if (weights) { /* M for these weights: acyclic (resolve_model.c), so solved by substitution */
            edge *ed = mem_alloc(((size_t)ne + 1) * sizeof *ed);
            for (int k = 0; k < ne; k++) {
                ed[k] = ru->e[k];
                ed[k].w = ew[k];
            }
            influence_result res;
            influence_solve(nf, ed, ne, M, &res);
            free(ed);
        } else
            memcpy(M, ru->M, (size_t)nf * nf * sizeof *M);
        linear_coefs(ru, M, e->w->param, lin);
    }
    for (int i = 0; i < dp->npread; i++) e->pval[i] = e->w->param[dp->pread[i]];
    e->pc_have = 1;
    return 0;
}

/* Before a tuple's run: the hoisted aggregates ready, the contracts the
 * rule reads, and its constants that read parameters. */
static inline int ready(evaluator *e)
{
    if (e->ru->deps.reads_contracts && contracts_ready(e) < 0) return -1;
    if (e->ru->pconst && ev_params(e) < 0) return -1;
    return e->ru->nhoist && !ev_hoisted(e) ? hoist(e) : 0;
}

int ev_ready(evaluator *e) { return ready(e); }

int ev_agg_extremes(evaluator *e, const agg_info *a, agg_ext *x)
{
    if (ready(e) < 0) return -1;
    vm_frame f = frame(e);
    int rc = agg_extremes(a, &f, x);
    if (rc < 0) fault(e, &f, a);
    return rc;
}

int ev_agg_one(evaluator *e, const agg_info *a, int actor, int *in, double *v)
{
    if (ready(e) < 0) return -1;
    vm_frame f = frame(e);
    int rc = agg_one(a, &f, actor, in, v);
    if (rc < 0) fault(e, &f, a);
    return rc;
}

int ev_tuple(evaluator *e, const int *tuple)
{
    const rule_info *ru = e->ru;
    /* plain loops: these are a handful of elements, per tuple */
    if (tuple != e->tuple)
        for (int i = 0; i < ru->np; i++) e->tuple[i] = tuple[i];
    if (ready(e) < 0 || run(e, &ru->own) < 0) return -1;
    for (int i = 0; i < ru->nf; i++) e->own[i] = e->r[i];
    int v = run(e, &ru->post);
    return v < 0 ? -1 : e->r[v] != 0;
}

int ev_post(evaluator *e, const int *tuple, const double *own)
{
    const rule_info *ru = e->ru;
    for (int i = 0; i < ru->np; i++) e->tuple[i] = tuple[i];
    for (int i = 0; i < ru->nf; i++) e->r[i] = own[i];
    int v = run(e, &ru->post);
    return v < 0 ? -1 : e->r[v] != 0;
}

/* Influence, score and verdict from the own values in r[0, nf); the
 * target: what Shapley values `of` are of. */
static int post(evaluator *e, shapley_of of, double *target)
{
    const rule_info *ru = e->ru;
    e->coalitions++;
    int v = run(e, &ru->post);
    if (v < 0) return -1;
    int verdict = e->r[v] != 0;
    *target = of == OF_SCORE ? e->r[ru->nf] : verdict;
    return verdict;
}

int ev_coalition(evaluator *e, uint64_t mask, shapley_of of, double *target)
{
    const rule_info *ru = e->ru;
    for (int i = 0; i < ru->nf; i++) e->r[i] = (mask >> i) & 1 ? e->own[i] : e->base[i];
    return post(e, of, target);
}

int ev_between(evaluator *e, const double *lo, const double *hi, uint64_t mask, shapley_of of, double *target)
{
    for (int i = 0; i < e->ru->nf; i++) e->r[i] = (mask >> i) & 1 ? hi[i] : lo[i];
    return post(e, of, target);
}

/* Decides e->tuple with the single combined run. */
static int verdict_only(evaluator *e)
{
    if (ready(e) < 0) return -1;
    int v = run(e, &e->ru->full);
    return v < 0 ? -1 : e->r[v] != 0;
}

int ev_verdict(evaluator *e, const int *tuple)
{
    if (tuple != e->tuple)
        for (int i = 0; i < e->ru->np; i++) e->tuple[i] = tuple[i];
    return verdict_only(e);
}

static int each(evaluator *e, int p, int *t, ev_each fn, void *ctx, int keep_own)
{
    const rule_info *ru = e->ru;
    if (p == ru->np) {
        if (ev_stop(e)) return 1;
        return fn(e, keep_own ? ev_tuple(e, t) : verdict_only(e), ctx);
    }
    for (int i = rule_first(ru, p, t); i < ru->ncand[p]; i++) {
        int a = ru->cand[p][i];
        if (!rule_fresh(p, t, a)) continue;
        t[p] = a;
        int r = each(e, p + 1, t, fn, ctx, keep_own);
        if (r) return r;
    }
    return 0;
}

/* No tuples when some parameter matches no actor: don't walk the others. */
static int empty(const rule_info *ru)
{
    for (int p = 0; p < ru->np; p++)
        if (ru->ncand[p] == 0) return 1;
    return 0;
}

int ev_foreach(evaluator *e, ev_each fn, void *ctx)
{
    e->stopped = 0;
    if (empty(e->ru)) return 0;
    return each(e, 0, e->tuple, fn, ctx, 1);
}

int ev_foreach_verdicts(evaluator *e, ev_each fn, void *ctx)
{
    e->stopped = 0;
    if (empty(e->ru)) return 0;
    return each(e, 0, e->tuple, fn, ctx, 0);
}

int ev_set_own(const rexpr *x) { return x->k == R_SETCONST || x->k == R_ATTR || x->k == R_ACTOR_ATTR; }

const uint64_t *ev_set(const evaluator *e, const rexpr *x, int *n)
{
    if (x->k == R_SETCONST) {
        *n = x->nwords;
        return x->bits;
    }
    *n = e->w->setwords;
    return world_set_of(e->w, x->attr, x->k == R_ATTR ? e->tuple[x->param] : x->actor);
}

double ev_sets(const rexpr *x, const uint64_t *a, int na, const uint64_t *b, int nb)
{
    switch (x->k) {
    case R_SIZE: return vm_popcount(a, na);
    case R_IN: return vm_member(a, na, x->index);
    case R_BIN: { /* == or != of two sets: equal when they share every member */
        double in = vm_sets(VM_COMMON, a, na, b, nb);
        int same = in == vm_popcount(a, na) && in == vm_popcount(b, nb);
        return x->op == OP_EQ ? same : !same;
    }
    default: return vm_sets(x->k == R_OVERLAP ? VM_OVERLAP : x->k == R_COVERS ? VM_COVERS : VM_COMMON, a, na, b, nb);
    }
}

/* A node the leaf works out (EV_LEAF when it cannot, or there is none). */
static double leaf_of(const rexpr *x, ev_leaf leaf, void *ctx, ev_fault *err)
{
    int bad = 0;
    double v = leaf ? leaf(ctx, x, &bad) : 0;
    if ((bad || !leaf) && !err->kind) err->kind = EV_LEAF;
    return v;
}

/* A node that reads sets, from its operands' members; one whose sets
 * ev_set cannot read is the leaf's. */
static double sets_of(const evaluator *e, const rexpr *x, ev_leaf leaf, void *ctx, ev_fault *err)
{
    for (int i = 0; i < x->nsub; i++)
        if (!ev_set_own(x->sub[i])) return leaf_of(x, leaf, ctx, err);
    int na, nb = 0;
    const uint64_t *a = ev_set(e, x->sub[0], &na), *b = x->nsub > 1 ? ev_set(e, x->sub[1], &nb) : NULL;
    return ev_sets(x, a, na, b, nb);
}

double ev_expr(const evaluator *e, const rexpr *x, ev_leaf leaf, void *ctx, ev_fault *err)
{
#define SUB(i) ev_expr(e, x->sub[i], leaf, ctx, err)
    switch (x->k) {
    case R_CONST: return x->num;
    case R_ATTR: return e->w->num[x->attr][e->tuple[x->param]];
    case R_ACTOR_ATTR: return e->w->num[x->attr][x->actor];
    case R_REL: {
        int act[COOP_MAX_PARAMS];
        for (int j = 0; j < x->nargs; j++) /* a statement's aggregate names actors too: -1 - a */
            act[j] = x->args[j] >= 0 ? e->tuple[x->args[j]] : -1 - x->args[j];
        return world_rel(e->w, x->rel, act);
    }
    case R_AGG: return agg_tree(e, x, leaf, ctx, err);
    case R_REL_ACTORS: return world_rel(e->w, x->rel, x->args);
    case R_PARAM: return e->tuple[x->param];
    case R_MPARAM: return e->w->param[x->index];
    case R_CONTRACT: return contract_read(e->cs, e->m, e->tuple, e->ru->np, x->rule, x->index, x->param);
    case R_FACTOR: return e->r[x->index];
    case R_SCORE: return e->r[e->ru->nf];
    case R_NEG: return -SUB(0);
    case R_NOT: return SUB(0) == 0;
    case R_ABS: return fabs(SUB(0));
    case R_ROUND: return vm_round(SUB(0), x->index);
    case R_MIN: case R_MAX: {
        double v = SUB(0);
        for (int i = 1; i < x->nsub; i++) {
            double w = SUB(i);
            if (x->k == R_MIN ? w < v : w > v) v = w;
        }
        return v;
    }
    case R_CLAMP: {
        double v = SUB(0), lo = SUB(1), hi = SUB(2);
        return v < lo ? lo : v > hi ? hi : v;
    }
    case R_APPROX: {
        double a = SUB(0), b = SUB(1);
        return fabs(a - b) <= SUB(2);
    }
    case R_OVERLAP: case R_COVERS: case R_COMMON: case R_SIZE: case R_IN: return sets_of(e, x, leaf, ctx, err);
    case R_BIN: {
        if (x->sub[0]->type == T_SET) return sets_of(e, x, leaf, ctx, err);
        double a = SUB(0);
        if (x->op == OP_AND) return a != 0 && SUB(1) != 0;
        if (x->op == OP_OR) return a != 0 || SUB(1) != 0;
        double b = SUB(1);
        switch (x->op) {
        case OP_ADD: return a + b;
        case OP_SUB: return a - b;
        case OP_MUL: return a * b;
        case OP_DIV:
            if (b == 0) {
                if (!err->kind) { /* the first error is the one said */
                    err->kind = EV_DIVISION;
                    err->div = x;
                }
                return 0;
            }
            return a / b;
        case OP_LT: return a < b;
        case OP_LE: return a <= b;
        case OP_GT: return a > b;
        case OP_GE: return a >= b;
        case OP_EQ: return a == b;
        case OP_NE: return a != b;
        default: return 0;
        }
    }
    default: return leaf_of(x, leaf, ctx, err);
    }
#undef SUB
}

coop_loc ev_fault_loc(const ev_fault *f, const rexpr *x)
{
    return f->agg ? f->agg->src->src->loc : f->div ? f->div->src->loc : x->src->loc;
}

/* The game between two points: v(S) is the target, of the score or the
 * verdict, with S at hi. */
typedef struct two_points {
    evaluator *e;
    const double *lo, *hi;
    shapley_of of;
} two_points;

static double game(void *ctx, uint64_t s, int *err)
{
    const two_points *g = ctx;
    double t;
    if (ev_between(g->e, g->lo, g->hi, s, g->of, &t) < 0) { *err = 1; return 0; }
    return t;
}

long long ev_shapley_work(const rule_info *ru, shapley_of of)
{
    if (of == OF_SCORE && ru->lin) return 0;
    if (ru->nf <= COOP_SHAPLEY_EXACT_MAX) return 1ll << ru->nf;
    return 1 + (long long)ru->nf * COOP_SHAPLEY_PERMUTATIONS;
}

int ev_shapley_between(evaluator *e, const double *lo, const double *hi, shapley_of of, uint64_t seed, double *phi,
                       double *se)
{
    const rule_info *ru = e->ru;
    int k = ru->nf;
    /* of a linear score, an additive game: each factor adds the same in
     * every coalition (a verdict is a step, never linear) */
    if (ev_params(e) < 0) return -1;
    if (of == OF_SCORE && e->lin) {
        for (int i = 0; i < k; i++) {
            phi[i] = e->lin[i] * (hi[i] - lo[i]);
            if (se) se[i] = 0;
        }
        return 1;
    }
    two_points g = {e, lo, hi, of};
    if (k <= COOP_SHAPLEY_EXACT_MAX) {
        if (!e->coal) e->coal = mem_alloc(((size_t)1 << k) * sizeof *e->coal);
        if (shapley_exact(k, game, &g, e->coal, phi) < 0) return -1;
        for (int i = 0; se && i < k; i++) se[i] = 0;
        return 1;
    }
    if (!se) return -2;
    return shapley_sample(k, game, &g, COOP_SHAPLEY_PERMUTATIONS, seed ? seed : COOP_SHAPLEY_SEED, phi, se) < 0 ? -1 : 0;
}

int ev_shapley(evaluator *e, shapley_of of, uint64_t seed, double *phi, double *se)
{
    const rule_info *ru = e->ru;
    int k = ru->nf;
    double base[COOP_MAX_FACTORS], save[COOP_MAX_FACTORS + 1];
    if (ev_params(e) < 0) return -1;
    for (int i = 0; i < k; i++) base[i] = e->base[i];
    /* the coalitions overwrite the registers: keep the tuple's own results */
    memcpy(save, e->r, (size_t)(k + 1) * sizeof *save);
    int rc = ev_shapley_between(e, base, e->own, of, seed, phi, se);
    memcpy(e->r, save, (size_t)(k + 1) * sizeof *save);
    return rc;
}

int rx_weighted(const rexpr *x, double *k, const rexpr **v)
{
    if (x->k != R_BIN || x->op != OP_MUL) return 0;
    int i = x->sub[0]->k == R_CONST ? 0 : x->sub[1]->k == R_CONST ? 1 : -1;
    if (i < 0) return 0;
    *k = x->sub[i]->num;
    *v = x->sub[1 - i];
    return 1;
}
