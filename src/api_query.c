/* api_query.c - the public entry points that evaluate: queries of a
 * script in a world, and the differences between two worlds. */
#include <stdlib.h>
#include <string.h>

#include "range.h"
#include "report.h"
#include "script.h"

struct coop_query {
    const coop_script *s;
    query q;
    /* the last call's runtime error, said by coop_query_error */
    int err, err_coalition, err_range, err_rule, err_contract;
    coop_loc err_loc;
    const agg_info *err_agg;
    int err_tuple[COOP_MAX_PARAMS];
};

coop_query *coop_query_new(const coop_script *s, const coop_world *w, uint64_t seed)
{
    if (!s || (w && w->m != &s->m)) return NULL;
    coop_query *q = mem_calloc(1, sizeof *q);
    q->s = s;
    query_init(&q->q, &s->m, w ? w : s->w, seed);
    return q;
}

void coop_query_free(coop_query *q)
{
    if (!q) return;
    query_free(&q->q);
    free(q);
}

/* Every call starts clean (what a changed world made stale is dropped
 * as it is read: query_stats). */
static void enter(coop_query *q)
{
    q->err = q->err_range = 0;
    q->q.err = 0;
}

/* Keeps the query's runtime error for coop_query_error; returns rc. */
static long leave(coop_query *q, long rc)
{
    if (q->q.err) {
        q->err = 1;
        q->err_coalition = q->q.err_coalition;
        q->err_rule = q->q.err_rule;
        q->err_contract = q->q.err_contract;
        q->err_loc = q->q.err_loc;
        q->err_agg = q->q.err_agg;
        memcpy(q->err_tuple, q->q.err_tuple, sizeof q->err_tuple);
        q->q.err = 0;
    }
    return rc;
}

static int rule_ok(const coop_query *q, int rule) { return rule >= 0 && rule < q->s->m.nrules; }

/* Does the tuple fit the rule's parameters, in the rule's own order?  One
 * that fits but is not among the rule's tuples is an error to say. */
static int tuple_ok(coop_query *q, int rule, const int *t)
{
    const model *m = &q->s->m;
    if (!rule_ok(q, rule) || !t) return 0;
    const rule_info *ru = &m->rules[rule];
    for (int i = 0; i < ru->np; i++) {
        if (t[i] < 0 || t[i] >= m->nactors) return 0;
        if (!model_is_a(m, m->actors[t[i]].kind, ru->pkinds[i])) return 0;
        for (int j = 0; j < i; j++)
            if (t[j] == t[i]) return 0;
    }
    if (!range_has(ru, t)) {
        q->err = q->err_range = 1;
        q->err_rule = rule;
        q->err_contract = -1;
        memcpy(q->err_tuple, t, (size_t)ru->np * sizeof *t);
        return 0;
    }
    return 1;
}

long coop_count(coop_query *q, int rule)
{
    if (!q || !rule_ok(q, rule)) return -1;
    enter(q);
    return leave(q, query_count(&q->q, rule));
}

int coop_evaluate(coop_query *q, int rule, const int *tuple, coop_verdict *out, double *effective)
{
    if (!q) return -1;
    enter(q);
    if (!tuple_ok(q, rule, tuple)) return -1;
    int v = query_tuple(&q->q, rule, tuple);
    if (v < 0) return (int)leave(q, -1);
    evaluator *e = query_ev(&q->q, rule);
    out->forms = v;
    out->has_score = e->ru->score != NULL;
    out->score = out->has_score ? e->r[e->ru->nf] : 0;
    if (effective) memcpy(effective, e->r, (size_t)e->ru->nf * sizeof *effective);
    return 0;
}

int coop_shapley(coop_query *q, int rule, const int *tuple, double *phi, double *se_out)
{
    if (!q) return -1;
    enter(q);
    if (!tuple_ok(q, rule, tuple)) return -1;
    if (query_scored(&q->q, rule, tuple) < 0) return (int)leave(q, -1);
    double se[COOP_MAX_FACTORS];
    evaluator *e = query_ev(&q->q, rule);
    int rc = ev_shapley(e, rule_default_of(e->ru), q->q.seed, phi, se);
    if (rc < 0) {
        query_runtime_error(&q->q, e, 1);
        memcpy(q->q.err_tuple, tuple, (size_t)e->ru->np * sizeof *tuple);
        return (int)leave(q, -1);
    }
    if (se_out) memcpy(se_out, se, (size_t)e->ru->nf * sizeof *se);
    return rc;
}

int coop_query_error(const coop_query *q, coop_diags *d)
{
    if (!q || !q->err) return 0;
    if (q->err_range) {
        char *msg = range_error(&q->s->m, q->err_rule, q->err_tuple);
        diag_at(d, &q->s->src, q->s->m.rules[q->err_rule].loc, COOP_ERROR, "%s", msg);
        free(msg);
        return 1;
    }
    char *msg = report_runtime(&q->s->m, q->err_agg, q->err_coalition, q->err_rule, q->err_contract, q->err_tuple,
                               NULL);
    diag_at(d, &q->s->src, q->err_loc, COOP_ERROR, "%s", msg);
    free(msg);
    return 1;
}

coop_flip_result *coop_flip(coop_query *q, int rule, const int *tuple, coop_flip_to to, const char *by,
                            coop_diags *d)
{
    if (!q) return NULL;
    return script_flip(q->s, q->q.w, q->q.seed, rule, tuple, to, by, d);
}

/* ---- differences ---- */

struct coop_diff {
    const model *m;
    diff_rule *rules;
};

coop_diff *coop_diff_new(const coop_script *s, const coop_world *a, const coop_world *b)
{
    if (!s || !a || !b || a->m != &s->m || b->m != &s->m) return NULL;
    coop_diff *x = mem_calloc(1, sizeof *x);
    x->m = &s->m;
    x->rules = result_diff(&s->m, a, b, NULL);
    return x;
}

void coop_diff_free(coop_diff *x)
{
    if (!x) return;
    result_diff_free(x->m, x->rules);
    free(x);
}

long coop_diff_rows(const coop_diff *x, int rule)
{
    return x && rule >= 0 && rule < x->m->nrules ? (long)x->rules[rule].n : -1;
}

long coop_diff_evaluated(const coop_diff *x, int rule)
{
    return x && rule >= 0 && rule < x->m->nrules ? x->rules[rule].evaluated : -1;
}

int coop_diff_row(const coop_diff *x, int rule, long i, int *tuple, coop_verdict *a, coop_verdict *b)
{
    if (i < 0 || i >= coop_diff_rows(x, rule)) return -1;
    const diff_row *r = &x->rules[rule].rows[i];
    const rule_info *ru = &x->m->rules[rule];
    if (tuple) memcpy(tuple, r->tuple, (size_t)ru->np * sizeof *tuple);
    coop_verdict va = {r->v0, ru->score != NULL, r->s0}, vb = {r->v1, ru->score != NULL, r->s1};
    if (a) *a = va;
    if (b) *b = vb;
    return 0;
}
