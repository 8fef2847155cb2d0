/*
 * run_sweep.c - a sweep's points: one copy of the world the sweep starts
 * from, each axis's target set to the point's value (a change, never a
 * reload), the statements decided in it; and the sweep statement, its
 * statement at every point of its grid, said as one table.
 */
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "fmt.h"
#include "keep.h"
#include "runner.h"
#include "sweep.h"
#include "workers.h"

struct sweeper {
    run_env env;         /* its world: w */
    const sweep_grid *g;
    const stmt *v;
    int n;
    coop_options opt;    /* seed and interrupt: nothing printed */
    coop_world *w;
    coop_change **ch;    /* each axis's, its value set at each point */
    long *idx;
    query base;          /* of the starting world: counts start from it */
    int has_base;
    keep own;            /* its own values, for points of parameters alone */
};

sweeper *sweeper_new(const run_env *env, const sweep_grid *g, const stmt *v, int n, const coop_options *opt)
{
    sweeper *s = mem_calloc(1, sizeof *s);
    const model *m = env->m;
    s->env = *env;
    s->env.cache = NULL; /* each point's world is new to it */
    s->w = world_clone(env->w);
    s->env.w = s->w;
    s->g = g;
    s->v = v;
    s->n = n;
    s->opt.seed = opt->seed;
    s->opt.interrupt = opt->interrupt;
    s->ch = mem_calloc((size_t)g->n + 1, sizeof *s->ch);
    s->idx = mem_calloc((size_t)g->n + 1, sizeof *s->idx);
    for (int k = 0; k < g->n; k++) {
        const sweep_axis *ax = &g->ax[k];
        s->ch[k] = ax->t.is_param ? change_param(m, ax->t.param, CH_SET, ax->type, 0)
                 : ax->t.is_rel   ? change_rel(m, ax->t.rel, ax->t.args, CH_SET, ax->type, 0)
                                  : change_attr(m, ax->t.actor, ax->t.attr, CH_SET, ax->type, 0, NULL, NULL, 0);
    }
    /* with a timeline, statements read the last step of each point's own
     * run: nothing to start from */
    s->has_base = !m->timeline || env->declared;
    if (s->has_base) {
        query_init(&s->base, m, env->w, opt->seed);
        s->base.stop = opt->interrupt;
        /* points that change parameters alone: what no factor reads of
         * them stays as it is in the starting world */
        int *params = mem_calloc((size_t)g->n + 1, sizeof *params), np = 0;
        for (int k = 0; k < g->n && np >= 0; k++) np = g->ax[k].t.is_param ? (params[np] = g->ax[k].t.param, np + 1) : -1;
        keep_init(&s->own, m, env->w, params, np);
        free(params);
    }
    return s;
}

void sweeper_free(sweeper *s)
{
    if (!s) return;
    for (int k = 0; k < s->g->n; k++) change_free(s->ch[k]);
    free(s->ch);
    free(s->idx);
    if (s->has_base) {
        query_free(&s->base);
        keep_free(&s->own);
    }
    world_free(s->w);
    free(s);
}

void sweep_cells_free(sweep_cell *c, long n)
{
    for (long i = 0; c && i < n; i++) {
        free((void *)c[i].v.bits);
        free(c[i].got);
    }
}

/* Keeps v in c, its set's members copied. */
static void keep_value(sweep_cell *c, const value_result *v)
{
    c->v = *v;
    c->v.bits = NULL;
    if (v->type == T_SET && v->bits) {
        uint64_t *b = mem_alloc(((size_t)v->nwords + 1) * sizeof *b);
        memcpy(b, v->bits, (size_t)v->nwords * sizeof *b);
        c->v.bits = b;
    }
}

int sweeper_point(sweeper *s, long i, sweep_cell *cells, coop_diags *d)
{
    memset(cells, 0, (size_t)s->n * sizeof *cells);
    /* looked at before each point: a point of a few tuples never reaches
     * the evaluator's own look (EV_STOP_WORK) */
    if (s->opt.interrupt && *s->opt.interrupt) {
        diag_at(d, s->env.src, s->v[0].loc, COOP_ERROR, "interrupted");
        return -2;
    }
    sweep_index(s->g, i, s->idx);
    for (int k = 0; k < s->g->n; k++) {
        s->ch[k]->num = sweep_value(&s->g->ax[k], s->idx[k]);
        change_apply(s->ch[k], s->w); /* a number or true/false its target takes: resolve_sweep.c checked */
    }
    tl_run tl, *run;
    run_env at;
    if (run_timeline(&s->env, s->v, s->n, &s->opt, d, &tl, &at, &run) < 0) {
        int stopped = run && run->stopped;
        tl_free(&tl);
        return stopped ? -2 : -1;
    }
    runner u;
    run_init(&u, &at, &s->opt, d);
    u.quiet = 1;
    u.q0.tl = run;
    if (s->has_base) {
        u.q0.base = &s->base;
        u.q0.keep = &s->own;
    }
    int rc = 0;
    for (int j = 0; j < s->n && rc == 0; j++) {
        const stmt *st = &s->v[j];
        u.cur = st;
        if (st->k == S_EXPECT) {
            char got[512];
            int passed = run_decide_expect(&u, st, got, sizeof got);
            cells[j].passed = passed > 0;
            cells[j].v.type = T_BOOL;
            cells[j].v.num = passed > 0;
            cells[j].v.rule = -1;
            if (passed >= 0) cells[j].got = mem_strdup(got); /* (a table shows a failure's) */
            if (passed < 0 || u.broken) rc = -1;
        } else {
            value_result x;
            if (run_value_in(&u, st, st->e, &x) < 0) rc = -1;
            else keep_value(&cells[j], &x);
        }
    }
    if (u.interrupted) rc = -2;
    query_free(&u.q0);
    tl_free(&tl);
    return rc;
}

/* An axis's value as a what-if writes it. */
static void axis_text(FILE *f, const sweep_axis *ax, double v)
{
    char b[64];
    if (ax->type == T_BOOL) fputs(v != 0 ? "true" : "false", f);
    else {
        fmt_num(b, sizeof b, v);
        fputs(b, f);
    }
}

char *sweep_point_text(const sweep_grid *g, long i)
{
    long idx[64], *ip = g->n <= 64 ? idx : mem_alloc((size_t)g->n * sizeof *ip);
    sweep_index(g, i, ip);
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    for (int k = 0; k < g->n; k++) {
        fprintf(f, "%s%s = ", k ? ", " : "", g->ax[k].name);
        axis_text(f, &g->ax[k], sweep_value(&g->ax[k], ip[k]));
    }
    fclose(f);
    if (ip != idx) free(ip);
    return t;
}

/* ---- the statement ---- */

/* A sweep statement's points, made here or in worker processes
 * (workers.h) and taken here in grid order. */
typedef struct sweep_run {
    runner *u;
    const stmt *in;     /* the statement decided at each point */
    const sweep_grid *g;
    sweeper *s;
    sweep_cell cell;
    int table;          /* said as a table (else each expectation alone) */
    sweep_table t;
    long held;          /* expectations that held */
    int failed;
} sweep_run;

/* Point i into f: '1' when its expectation held (else '0'), then its
 * row of the table, or without one, what its expectation got. */
static int point_make(void *ctx, long i, FILE *f)
{
    sweep_run *x = ctx;
    int rc = sweeper_point(x->s, i, &x->cell, x->u->d);
    if (rc == 0) {
        fputc(x->cell.passed ? '1' : '0', f);
        if (x->table) report_sweep_point(&x->t, f, i, &x->cell);
        else if (x->cell.got) fputs(x->cell.got, f);
    }
    sweep_cells_free(&x->cell, 1);
    return rc;
}

static void point_take(void *ctx, long i, const char *b, size_t len)
{
    sweep_run *x = ctx;
    int passed = len > 0 && b[0] == '1', expect = x->in->k == S_EXPECT;
    if (x->table) fwrite(b + 1, 1, len - 1, x->u->r.out);
    else if (expect) { /* each point an expectation, as coop test says them */
        char *with = sweep_point_text(x->g, i), *got = mem_strndup(b + 1, len - 1);
        run_expect_done(x->u, x->in, with, passed, got);
        free(got);
        free(with);
    }
    x->held += passed;
    x->failed += expect && !passed;
}

int run_sweep(runner *u, const stmt *st)
{
    const sweep_info *sw = st->sweep;
    sweep_run x;
    memset(&x, 0, sizeof x);
    x.u = u;
    x.in = sw->st;
    x.g = &sw->g;
    int expect = x.in->k == S_EXPECT;
    /* the table with coop run; each point's expectation for coop test
     * (and under CSV, as an expect's there) */
    x.table = u->r.out && !u->opt->expect_only && !(u->r.as_csv && expect);
    x.s = sweeper_new(u->env0, &sw->g, x.in, 1, u->opt);
    arena tmp;
    arena_init(&tmp);
    if (x.table) {
        const char *text = ast_text(&tmp, x.in->e->src);
        report_sweep_begin(&x.t, &u->r, sw, expect ? arena_printf(&tmp, "expect %s", text) : text);
    }
    /* the points in worker processes when asked for (coop run -j), each row
     * written here as it comes, in grid order */
    workers w = {sw->g.points, u->opt->jobs, point_make, point_take, &x, u->opt->interrupt};
    long done;
    int rc, err;
    workers_end end = workers_run(&w, &done, &rc, &err);
    if (end == WORKERS_FAILED && rc == -1) { /* the error said; then the point */
        char *with = sweep_point_text(&sw->g, done);
        diag_at(u->d, u->env->src, st->loc, COOP_NOTE, "at the sweep's point %s", with);
        if (expect && !x.table) run_expect_done(u, x.in, with, 0, "a runtime error");
        x.failed += expect;
        free(with);
    } else if (end == WORKERS_STOPPED) /* (made here, a point says where it stopped) */
        diag_at(u->d, u->env->src, x.in->loc, COOP_ERROR, "interrupted");
    else if (end == WORKERS_LOST) {
        if (err)
            diag_at(u->d, u->env->src, st->loc, COOP_ERROR, "cannot start a process to decide the sweep's points: "
                    "%s; with -j 1 coop decides them in its own", strerror(err));
        else
            diag_at(u->d, u->env->src, st->loc, COOP_ERROR, "a process deciding the sweep's points ended before its "
                    "point %ld (killed, or out of memory?)", done);
    }
    if (x.table) report_sweep_end(&x.t, done, x.held);
    if (end != WORKERS_DONE) {
        u->interrupted |= end == WORKERS_STOPPED || rc == -2;
        u->broken = 1;
    }
    arena_free(&tmp);
    sweeper_free(x.s);
    return x.failed;
}
