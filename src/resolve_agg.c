/*
 * resolve_agg.c - aggregates over actors: count(x: K where COND), and sum,
 * mean, lowest and highest of (EXPR for x: K where COND else VALUE).  The
 * operation, the bound name and the range are checked here; the condition
 * and the value are resolved where the aggregate stands, with x bound.  A
 * rule keeps its aggregates in a table (model.h, agg_info), and one that
 * reads nothing of the tuple is worked out once per world: hoisted.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "contract.h"
#include "resolver.h"
#include "words.h"

const bound_name *rsv_bound(const R *r, const char *s)
{
    for (int i = r->nbound - 1; i >= r->visible; i--)
        if (strcmp(r->bound[i].name, s) == 0) return &r->bound[i];
    return NULL;
}

const int *rsv_kind_actors(R *r, int k, int *n)
{
    const model *m = r->m;
    if (m->kact && m->kact[k]) {
        *n = m->nkact[k];
        return m->kact[k];
    }
    int c = 0;
    for (int a = 0; a < m->nactors; a++) c += model_is_a(m, m->actors[a].kind, k);
    int *v = arena_alloc(r->a, (size_t)(c + 1) * sizeof *v);
    c = 0;
    for (int a = 0; a < m->nactors; a++)
        if (model_is_a(m, m->actors[a].kind, k)) v[c++] = a;
    if (r->mm) { /* kept with the model; a statement's list is its own */
        if (!r->mm->kact) {
            r->mm->kact = arena_alloc(r->a, (size_t)(m->nkinds + 1) * sizeof *r->mm->kact);
            r->mm->nkact = arena_alloc(r->a, (size_t)(m->nkinds + 1) * sizeof *r->mm->nkact);
        }
        r->mm->kact[k] = v;
        r->mm->nkact[k] = c;
    }
    *n = c;
    return v;
}

int rsv_too_deep(R *r, const expr *e)
{
    if (r->nbound - r->nested < COOP_MAX_AGG_DEPTH) return 0;
    ERR(e->loc, "aggregates nest more than %d deep here; the limit is %d", COOP_MAX_AGG_DEPTH, COOP_MAX_AGG_DEPTH);
    return 1;
}

/* Does x read a tuple slot below `slot` other than `fixed` (-1: none)?
 * Below an aggregate's own slot are the parameters and the names an
 * enclosing aggregate binds; a tender's buyer (slot 1) is one actor, the
 * same for every tuple, so reading it does not tie a value to the tuple. */
int rsv_reads_below(const rexpr *x, int slot, int fixed)
{
    if ((x->k == R_ATTR || x->k == R_PARAM) && x->param < slot && x->param != fixed) return 1;
    if (x->k == R_CONTRACT && x->param != CQ_SUPPLIER) return 1; /* for the tuple's parameters */
    for (int j = 0; x->k == R_REL && j < x->nargs; j++) /* < 0: a statement's fixed actor */
        if (x->args[j] >= 0 && x->args[j] < slot && x->args[j] != fixed) return 1;
    for (int i = 0; i < x->nsub; i++)
        if (rsv_reads_below(x->sub[i], slot, fixed)) return 1;
    return 0;
}

/* Another language's name for an aggregate: what coop writes. */
static const char *other_name(const char *op)
{
    static const char *alias[][2] = {
        {"avg", "mean"}, {"average", "mean"}, {"min", "lowest"}, {"minimum", "lowest"},
        {"max", "highest"}, {"maximum", "highest"}, {"total", "sum"},
    };
    for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
        if (strcmp(alias[i][0], op) == 0) return alias[i][1];
    return NULL;
}

/* The operation named op, or AGG_NONE after saying so. */
static agg_op operation(R *r, const expr *e)
{
    const char *op = e->u.agg.op.s;
    const builtin_fn *fn = words_builtin(op);
    if (fn && fn->agg != AGG_NONE) return fn->agg;
    const char *other = other_name(op);
    if (other) {
        ERR(e->u.agg.op.loc, "unknown aggregate '%s': over actors, write %s(...)", op, other);
        return AGG_NONE;
    }
    suggest sg;
    suggest_init(&sg, op, r->d);
    for (int i = 0; words_builtin_at(i); i++)
        if (words_builtin_at(i)->agg != AGG_NONE) suggest_offer(&sg, words_builtin_at(i)->name, 0);
    if (sg.best)
        ERR(e->u.agg.op.loc, "unknown aggregate '%s'%s", op, suggest_said(&sg));
    else
        ERR(e->u.agg.op.loc, "unknown aggregate '%s': the aggregates are count, sum, mean, lowest and highest", op);
    return AGG_NONE;
}

/* The bound name x of e, where ctx reads: not a parameter's, nor an
 * enclosing aggregate's, nor (in a statement) an actor's.  0, or -1 after
 * saying so. */
static int fresh_name(R *r, const expr *e, ctxkind ctx)
{
    const char *x = e->u.agg.var.s;
    coop_loc at = e->u.agg.var.loc;
    int p = r->rule ? names_get(&r->params, x) : -1;
    const bound_name *b = rsv_bound(r, x);
    if (p >= 0)
        ERR(at, "'%s' is already the parameter %s: %s; choose another name", x, x,
            r->m->kinds[r->rule->pkinds[p]].name);
    else if (r->rule && r->rule->tender && strcmp(x, "bid") == 0)
        ERR(at, "'bid' already names the tender's bid; choose another name");
    else if (b)
        ERR(at, "'%s' is already bound by the enclosing %s(... %s: %s ...); choose another name", x,
            b->agg->u.agg.op.s, x, r->m->kinds[b->kind].name);
    else if (ctx == CTX_STMT && names_get(&r->m->actor_idx, x) >= 0)
        ERR(at, "'%s' is an actor; choose another name for the actors %s() ranges over", x, e->u.agg.op.s);
    else
        return 0;
    return -1;
}

rexpr *rsv_agg(R *r, const expr *e, ctxkind ctx)
{
    const char *op = e->u.agg.op.s, *x = e->u.agg.var.s, *kname = e->u.agg.kind.s;
    agg_op o = operation(r, e);
    if (o == AGG_NONE) return rsv_fail(r, e);
    if (rsv_no_world(ctx)) {
        ERR(e->loc, "expected %s, not an aggregate over actors", rsv_wanted(ctx));
        return rsv_fail(r, e);
    }
    if (rsv_too_deep(r, e)) return rsv_fail(r, e);
    int k = names_get(&r->m->kind_idx, kname);
    if (k < 0) { /* without its kind, what it reads cannot be checked */
        rsv_unknown(r, e->u.agg.kind.loc, kname, SUGGEST_KIND);
        return rsv_fail(r, e);
    }
    int ok = fresh_name(r, e, ctx) == 0, once = o == AGG_COUNT || o == AGG_SUM;
    if (o == AGG_COUNT && e->u.agg.body) {
        ERR(e->u.agg.body->loc, "count() counts actors and takes no value: write count(%s: %s), or count(%s: %s where "
                                "COND) for those that meet a condition", x, kname, x, kname);
        ok = 0;
    }
    if (o != AGG_COUNT && !e->u.agg.body) {
        ERR(e->loc, "%s() needs a value for each actor: write %s(EXPR for %s: %s)", op, op, x, kname);
        ok = 0;
    }
    double els = 0;
    if (e->u.agg.els && once) {
        ERR(e->u.agg.els->loc, "%s() of no actors is 0: 'else' is not needed; delete it", op);
        ok = 0;
    } else if (e->u.agg.els) {
        els = rsv_number(r, e->u.agg.els, "the value after 'else'", NAN);
        ok &= !isnan(els);
    }
    int n;
    const int *cand = rsv_kind_actors(r, k, &n);
    if (n == 0 && !once && !e->u.agg.els) {
        ERR(e->loc, "no actor is a '%s': %s(...) of nothing; add 'else VALUE'", kname, op);
        ok = 0;
    }
    bound_name *b = &r->bound[r->nbound];
    b->name = x;
    b->kind = k;
    b->slot = (r->rule ? r->rule->np : 0) + r->nbound;
    b->cand = cand;
    b->ncand = n;
    b->agg = e;
    r->nbound++;
    char what[64];
    snprintf(what, sizeof what, "%s()", op);
    rexpr *cond = e->u.agg.cond ? rsv_need(r, e->u.agg.cond, ctx, 0, "'where'") : NULL;
    rexpr *body = e->u.agg.body && o != AGG_COUNT ? rsv_need(r, e->u.agg.body, ctx, 1, what) : NULL;
    r->nbound--;
    if (!ok || (cond && cond->type == T_ERR) || (body && body->type == T_ERR)) return rsv_fail(r, e);

    agg_info *a = arena_alloc(r->a, sizeof *a);
    a->op = o;
    a->slot = b->slot;
    a->cand = cand;
    a->ncand = n;
    a->range = r->m->kinds[k].name;
    a->cond = cond;
    a->body = body;
    a->has_else = e->u.agg.els != NULL;
    a->els = els;
    a->index = a->hoist = -1;
    rexpr *v = rsv_node(r, R_AGG, T_NUM, e);
    v->agg = a;
    a->src = v;
    rsv_subs(r, v, (body != NULL) + (cond != NULL));
    if (body) v->sub[0] = body;
    if (cond) v->sub[v->nsub - 1] = cond;
    if (r->rule) { /* a rule's: into its table; hoisted when it reads no slot below its own */
        a->index = (int)r->aggs.n;
        if (!rsv_reads_below(v, a->slot, r->rule->tender ? 1 : -1)) a->hoist = 0; /* numbered when the rule is done */
        vec_push(r->aggs, a);
    }
    return v;
}
