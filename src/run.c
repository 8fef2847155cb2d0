/* run.c - runs a script's statements in order: show, explain, dominance,
 * expect. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "report.h"

typedef struct runner {
    coop_script *s;
    const coop_options *opt;
    coop_diags *d;
    query q;
    rep r;
    int broken;
} runner;

/* Reports a runtime error the query met, once. */
static int runtime(runner *u)
{
    query *q = &u->q;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&buf, &len);
    if (f) {
        report_tuple(f, u->s, q->err_rule, q->err_tuple);
        fclose(f);
    }
    if (q->err_coalition)
        diag_at(u->d, &u->s->src, q->err_loc, COOP_ERROR,
                "division by zero in a Shapley coalition of %s (some factors at their baselines)", buf ? buf : "a tuple");
    else
        diag_at(u->d, &u->s->src, q->err_loc, COOP_ERROR, "division by zero while deciding %s", buf ? buf : "a tuple");
    free(buf);
    q->err = 0;
    u->broken = 1;
    return -1;
}

typedef struct show_ctx {
    runner *u;
    long formed, total;
    int explain_only;
} show_ctx;

static int show_one(evaluator *e, int v, void *ctx)
{
    show_ctx *c = ctx;
    if (v < 0) return 1;
    rep *r = &c->u->r;
    if (c->explain_only)
        report_explain(r, e, v);
    else
        report_show_row(r, e->rule, e->tuple, v, e->ru->score ? e->r[e->ru->nf] : 0, c->total == 0);
    c->formed += v;
    c->total++;
    return 0;
}

static void show_all(runner *u, int rule, int explain_only)
{
    show_ctx c = {u, 0, 0, explain_only};
    if (!explain_only) report_show_begin(&u->r, rule);
    evaluator *e = query_ev(&u->q, rule);
    if ((explain_only ? ev_foreach : ev_foreach_verdicts)(e, show_one, &c)) {
        query_runtime_error(&u->q, e, 0);
        if (!explain_only && u->r.json) fputs("],\"error\":\"division by zero\"}\n", u->r.out);
        runtime(u);
        return;
    }
    if (explain_only) return;
    report_show_end(&u->r, rule, c.formed, c.total);
    /* --explain: the trace of every verdict, after the table */
    if (u->opt->explain) show_all(u, rule, 1);
}

/* Shapley values, baseline target and pivotal factors of one tuple. */
static int dominance_of(runner *u, int rule, const int *tuple, dominance_result *d)
{
    int v = query_tuple(&u->q, rule, tuple);
    if (v < 0) return runtime(u);
    evaluator *e = query_ev(&u->q, rule);
    int k = e->ru->nf;
    d->verdict = v;
    d->seed = u->q.seed;
    int rc = ev_shapley(e, u->q.seed, d->phi, d->se);
    if (rc < 0) goto fail;
    d->exact = rc;
    if (ev_coalition(e, 0, &d->base_target) < 0) goto fail;
    uint64_t all = k == 64 ? ~0ull : (1ull << k) - 1;
    for (int i = 0; i < k; i++) {
        double t;
        int w = ev_coalition(e, all & ~(1ull << i), &t);
        if (w < 0) goto fail;
        d->pivotal[i] = w != v;
    }
    /* restore the tuple's own registers for the report */
    ev_tuple(e, tuple);
    return 0;
fail:
    query_runtime_error(&u->q, e, 1);
    memcpy(u->q.err_tuple, tuple, sizeof u->q.err_tuple);
    return runtime(u);
}

/* A statement's value as people read it: "forms (score 0.5217)" for a
 * verdict, a factor's name, a string as it is written, {a, b} for a set,
 * and a number with every digit (0.30000000000000004 is not 0.3). */
static void value_print(runner *u, FILE *out, const rexpr *x, double v)
{
    char buf[32];
    switch (x->type) {
    case T_FACTOR: fputs(v < 0 ? "none" : u->s->m.rules[x->rule].f[(int)v].name, out); return;
    case T_STR: ast_print_str(out, u->s->m.strs[(int)v]); return;
    case T_SET: {
        evaluator dummy = {0};
        dummy.m = &u->s->m;
        dummy.w = &u->s->w;
        const uint64_t *bits = ev_set(&dummy, x);
        fputc('{', out);
        for (int i = 0, k = 0; i < u->s->m.nsyms; i++)
            if (bits[i / 64] >> (i % 64) & 1) fprintf(out, "%s%s", k++ ? ", " : "", u->s->m.syms[i]);
        fputc('}', out);
        return;
    }
    case T_BOOL:
        if (x->k == R_VERDICT) {
            const rule_info *ru = &u->s->m.rules[x->rule];
            fputs(v != 0 ? "forms" : "does not form", out);
            if (ru->score) {
                report_short(buf, sizeof buf, query_ev(&u->q, x->rule)->r[ru->nf]);
                fprintf(out, " (score %s)", buf);
            }
            return;
        }
        fputs(v != 0 ? "true" : "false", out);
        return;
    default:
        ast_fmtnum(buf, sizeof buf, v);
        fputs(buf, out);
        return;
    }
}

/* Evaluates a statement's expression; 0, or -1 after reporting a runtime
 * error. */
static int statement_value(runner *u, const stmt *st, const rexpr *x, double *v)
{
    evaluator dummy = {0};
    dummy.m = &u->s->m;
    dummy.w = &u->s->w;
    int err = 0;
    *v = x->type == T_SET ? 0 : ev_expr(&dummy, x, query_leaf, &u->q, &err);
    if (!err) return 0;
    if (u->q.err) runtime(u);
    else {
        diag_at(u->d, &u->s->src, st->loc, COOP_ERROR, "division by zero while evaluating this %s",
                st->k == S_EXPECT ? "expectation" : "expression");
        u->broken = 1;
    }
    return -1;
}

/* What a failed expectation found, as text: the value of its left side. */
static void got_text(runner *u, const stmt *st, char *buf, size_t n)
{
    const rexpr *x = st->e, *subj = x;
    if ((x->k == R_BIN && x->op >= OP_LT && x->op <= OP_NE) || x->k == R_APPROX || x->k == R_NOT) subj = x->sub[0];
    /* `f == dominant(...)`: what was found is the side that was computed */
    if (subj != x && subj->k == R_CONST && x->k == R_BIN && x->sub[1]->k != R_CONST) subj = x->sub[1];
    double v;
    if (statement_value(u, st, subj, &v) < 0) { snprintf(buf, n, "an error"); return; }
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    value_print(u, f, subj, v);
    fclose(f);
    snprintf(buf, n, "%s", t);
    free(t);
}

static int run_expect(runner *u, const stmt *st)
{
    double v;
    arena tmp;
    arena_init(&tmp);
    char got[256] = "";
    if (statement_value(u, st, st->e, &v) < 0) {
        /* a runtime error decides nothing: the expectation fails */
        snprintf(got, sizeof got, "a runtime error");
        v = 0;
    } else if (v == 0)
        got_text(u, st, got, sizeof got);
    coop_loc where;
    const char *file = source_where(&u->s->src, st->loc, &where);
    coop_expect_result res = {file, where, ast_text(&tmp, st->e->src), v != 0, got};
    if (u->r.out) report_expect(&u->r, &res);
    if (u->opt->on_expect) u->opt->on_expect(u->opt->ctx, &res);
    arena_free(&tmp);
    return v != 0 ? 0 : 1;
}

/* A bare expression of a session: its value on a line. */
static void run_value(runner *u, const stmt *st)
{
    double v;
    if (statement_value(u, st, st->e, &v) < 0 || !u->r.out) return;
    value_print(u, u->r.out, st->e, v);
    fputc('\n', u->r.out);
}

int run_value_of(coop_script *s, int i, uint64_t seed, coop_diags *d, double *v)
{
    runner u0 = {0}, *u = &u0;
    coop_options none = {0};
    u->s = s;
    u->opt = &none;
    u->d = d;
    query_init(&u->q, s, seed);
    u->r.s = s;
    int rc = statement_value(u, &s->stmts[i], s->stmts[i].e, v);
    query_free(&u->q);
    return rc;
}

int coop_run(coop_script *s, const coop_options *opt, coop_diags *d)
{
    return run_statements(s, opt, d, 0);
}

int run_statements(coop_script *s, const coop_options *opt, coop_diags *d, int from)
{
    runner u0 = {0}, *u = &u0;
    u->s = s;
    u->opt = opt;
    u->d = d;
    query_init(&u->q, s, opt->seed);
    u->r.out = opt->out;
    u->r.json = opt->format == COOP_FORMAT_JSON;
    u->r.s = s;
    int failed = 0;
    for (int i = from; i < s->nstmts; i++) {
        const stmt *st = &s->stmts[i];
        if (st->k == S_VALUE) {
            run_value(u, st);
            continue;
        }
        if (st->k == S_EXPECT) {
            int rc = run_expect(u, st);
            if (rc > 0) failed++;
            continue;
        }
        if (opt->expect_only || !opt->out) continue;
        switch (st->k) {
        case S_SHOW:
            if (!st->has_tuple) { show_all(u, st->rule, 0); break; }
            {
                int v = query_tuple(&u->q, st->rule, st->tuple);
                if (v < 0) { runtime(u); break; }
                evaluator *e = query_ev(&u->q, st->rule);
                report_show_one(&u->r, st->rule, st->tuple, v, e->ru->score ? e->r[e->ru->nf] : 0);
                if (opt->explain) report_explain(&u->r, e, v);
            }
            break;
        case S_EXPLAIN:
            if (!st->has_tuple) { show_all(u, st->rule, 1); break; }
            {
                int v = query_tuple(&u->q, st->rule, st->tuple);
                if (v < 0) { runtime(u); break; }
                report_explain(&u->r, query_ev(&u->q, st->rule), v);
            }
            break;
        case S_DOMINANCE:
            if (st->has_tuple) {
                dominance_result dr;
                memset(&dr, 0, sizeof dr);
                if (dominance_of(u, st->rule, st->tuple, &dr) == 0)
                    report_dominance(&u->r, query_ev(&u->q, st->rule), &dr);
            } else if (query_importance(&u->q, st->rule) < 0)
                runtime(u);
            else
                report_importance(&u->r, st->rule, &u->q.st[st->rule]);
            break;
        default: break;
        }
    }
    query_free(&u->q);
    return u->broken ? -1 : failed;
}
