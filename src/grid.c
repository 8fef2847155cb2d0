/* grid.c - verdicts and values per period: each period read as its last
 * step inside the timeline ends, the run's journal walked forward once
 * (query_at moves its cursor a step's writes at a time). */
#include "grid.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "timeline.h"

static void values_of(world_grid *g, const coop_world *w, int a);

/* ---- show R by PERIOD ---- */

typedef struct walk {
    grid *g;
    struct rep *r;
    int i;      /* the period */
    long row;   /* the next row */
} walk;

/* Row t decided as period i ends: kept, counted and handed to the report. */
static void cell(walk *c, const int *tuple, int v, double score, int wins)
{
    grid *g = c->g;
    long t = c->row++;
    size_t b = (size_t)t * (size_t)g->np + (size_t)c->i;
    if (g->tuples && c->i == 0) memcpy(g->tuples + (size_t)t * (size_t)g->arity, tuple, (size_t)g->arity * sizeof *tuple);
    if (g->forms && v) g->forms[b / 64] |= 1ull << b % 64;
    if (g->wins && wins) g->wins[b / 64] |= 1ull << b % 64;
    if (g->score) g->score[c->i] = score;
    if (wins) g->winner[c->i] = (int)t;
    g->formed[c->i] += v;
    report_grid_row(c->r, g, c->i, tuple, v, score, wins);
}

static int each_tuple(evaluator *e, int v, void *ctx)
{
    if (v < 0) return 1;
    cell(ctx, e->tuple, v, e->ru->score ? e->r[e->ru->nf] : NAN, 0);
    return 0;
}

/* The rows of period c->i, decided in qk: 0, or -1 after a runtime error
 * (recorded in qk). */
static int period_rows(query *qk, const stmt *st, walk *c)
{
    grid *g = c->g;
    if (g->tender) {
        const tender_result *t = query_tender(qk, g->rule);
        if (!t) return -1;
        g->status[c->i] = (int)t->status;
        for (int b = 0; b < t->nbids; b++)
            if (!g->one || t->bids[b].actor == st->tuple[0])
                cell(c, &t->bids[b].actor, t->bids[b].eligible, t->bids[b].score, b == t->winner);
        return 0;
    }
    if (query_ready(qk, g->rule) < 0) return -1;
    if (g->one) {
        int v = query_tuple(qk, g->rule, st->tuple);
        if (v < 0) return -1;
        each_tuple(query_ev(qk, g->rule), v, c);
        return 0;
    }
    evaluator *e = query_ev(qk, g->rule);
    if (ev_foreach_verdicts(e, each_tuple, c)) {
        query_runtime_error(qk, e, 0);
        return -1;
    }
    return 0;
}

/* Why a statement stopped, as report_grid_abort is told (and show's JSON says). */
static const char *stopped_by(const query *q)
{
    return q->err_kind == QUERY_INTERRUPTED ? "interrupted" : q->err_agg ? "an aggregate over nothing"
                                                                         : "division by zero";
}

/* Moves the error met at step k in qk into q, with its step. */
static int met(query *q, query *qk, int k)
{
    query_take_error(q, qk, k);
    if (q->err_step < 0) q->err_step = k;
    return -1;
}

long long grid_cells(const query *q, const stmt *st, int as_csv, long *rows, int *nper)
{
    const model *m = q->m;
    *nper = st->by >= 0 ? st->p2 - st->p1 + 1 : 1;
    if (st->world >= 0) {
        world_grid g;
        memset(&g, 0, sizeof g);
        g.m = m;
        values_of(&g, q->w, st->world);
        free(g.v);
        *rows = g.nv;
    } else {
        *rows = st->has_tuple ? 1 : m->rules[st->rule].ntuples;
        if (as_csv) return 0;
    }
    return (long long)*rows * *nper;
}

int grid_show(query *q, const stmt *st, struct rep *r)
{
    const model *m = q->m;
    const rule_info *ru = &m->rules[st->rule];
    grid g;
    memset(&g, 0, sizeof g);
    g.m = m;
    g.rule = st->rule;
    g.tender = ru->tender != NULL;
    g.one = st->has_tuple;
    periods_of(m->timeline, (date_unit)st->by, &g.ps);
    g.p1 = st->p1;
    g.np = st->p2 - st->p1 + 1;
    g.arity = g.tender ? 1 : ru->np;
    long rows = g.one ? 1 : ru->ntuples; /* a tender's: its bidders, with the one buyer */
    size_t words = ((size_t)rows * (size_t)g.np + 63) / 64 + 1;
    if (!report_grid_streams(r)) { /* CSV prints each period as it goes: nothing is kept */
        g.tuples = mem_alloc(((size_t)rows * (size_t)g.arity + 1) * sizeof *g.tuples);
        g.forms = mem_calloc(words, sizeof *g.forms);
        if (g.tender) g.wins = mem_calloc(words, sizeof *g.wins);
    }
    if (g.one) g.score = mem_alloc((size_t)g.np * sizeof *g.score);
    g.formed = mem_calloc((size_t)g.np, sizeof *g.formed);
    g.winner = mem_alloc((size_t)g.np * sizeof *g.winner);
    g.status = mem_calloc((size_t)g.np, sizeof *g.status);
    int rc = 0;
    report_grid_begin(r, &g);
    for (int i = 0; i < g.np && rc == 0; i++) {
        int k = period_last_step(&g.ps, g.p1 + i);
        query *qk = query_at(q, k);
        walk c = {&g, r, i, 0};
        g.winner[i] = -1;
        report_grid_period(r, &g, i);
        if (period_rows(qk, st, &c) < 0) {
            rc = met(q, qk, k);
            report_grid_abort(r, &g, stopped_by(q));
        } else {
            g.nt = c.row;
            report_grid_period_end(r, &g, i);
        }
    }
    if (rc == 0) report_grid_end(r, &g);
    free(g.tuples);
    free(g.forms);
    free(g.wins);
    free(g.score);
    free(g.formed);
    free(g.winner);
    free(g.status);
    return rc;
}

/* ---- show world(a) ---- */

static int by_tuple(const void *a, const void *b)
{
    const world_value *x = a, *y = b;
    if (x->rel != y->rel) return x->rel < y->rel ? -1 : 1;
    for (int i = 0; i < COOP_MAX_PARAMS; i++)
        if (x->args[i] != y->args[i]) return x->args[i] < y->args[i] ? -1 : 1;
    return 0;
}

/* The values of actor a in world w (the one the run ends with: every
 * relation value an event writes is set there; an event changes only the
 * attributes an actor has): its attributes in the order its declaration
 * lists them, then any others it has (its bids' fields, in the model's
 * order), then the relation values set for tuples it is in, by relation,
 * then by their actors' order. */
static void values_of(world_grid *g, const coop_world *w, int a)
{
    const model *m = g->m;
    const actor_info *ai = &m->actors[a];
    size_t n = 0, cap = (size_t)m->nattrs + 1;
    for (int r = 0; r < m->nrels; r++) cap += w->rel[r].n;
    g->v = mem_calloc(cap, sizeof *g->v);
    char *listed = mem_calloc((size_t)m->nattrs + 1, 1);
    for (int j = 0; j < ai->nattrs + m->nattrs; j++) { /* its own, then every attribute */
        int at = j < ai->nattrs ? m->actor_attrs[ai->attrs + j] : j - ai->nattrs;
        if (!w->has[at][a] || listed[at]) continue;
        listed[at] = 1;
        g->v[n].attr = at;
        g->v[n++].type = m->attrs[at].type;
    }
    free(listed);
    size_t attrs = n;
    for (int r = 0; r < m->nrels; r++) {
        const relmap *rm = &w->rel[r];
        for (size_t s = 0; s < rm->cap; s++) {
            const int32_t *k = rm->keys + s * (size_t)rm->arity;
            int in = 0;
            for (int j = 0; j < rm->arity && k[0] != -1; j++) in |= k[j] == a;
            if (!in) continue;
            world_value *v = &g->v[n++];
            v->is_rel = 1;
            v->rel = r;
            for (int j = 0; j < rm->arity; j++) v->args[j] = k[j];
            v->type = m->rels[r].type;
        }
    }
    qsort(g->v + attrs, n - attrs, sizeof *g->v, by_tuple);
    g->nv = (int)n;
}

/* Value v of the grid's actor in world w, into column i. */
static void read_value(world_grid *g, const coop_world *w, int v, int i)
{
    const world_value *x = &g->v[v];
    size_t c = (size_t)v * (size_t)g->np + (size_t)i;
    if (x->is_rel) g->num[c] = world_rel(w, x->rel, x->args);
    else if (x->type == T_SET) {
        int n = w->setwords < g->words ? w->setwords : g->words;
        memcpy(g->bits + c * (size_t)g->words, world_set_of(w, x->attr, g->actor), (size_t)n * sizeof *g->bits);
    } else
        g->num[c] = w->num[x->attr][g->actor];
}

/* Does value v differ between columns i and j? */
static int differs(const world_grid *g, int v, int i, int j)
{
    size_t a = (size_t)v * (size_t)g->np + (size_t)i, b = (size_t)v * (size_t)g->np + (size_t)j;
    if (g->v[v].type == T_SET)
        return memcmp(g->bits + a * (size_t)g->words, g->bits + b * (size_t)g->words,
                      (size_t)g->words * sizeof *g->bits) != 0;
    return g->num[a] != g->num[b];
}

int grid_world(query *q, const stmt *st, struct rep *r)
{
    world_grid g;
    memset(&g, 0, sizeof g);
    g.m = q->m;
    g.w = q->w;
    g.actor = st->world;
    g.by = st->by;
    g.np = 1;
    char day[32];
    if (g.by >= 0) {
        periods_of(q->m->timeline, (date_unit)g.by, &g.ps);
        g.p1 = st->p1;
        g.np = st->p2 - st->p1 + 1;
    } else if (q->m->timeline)
        g.at = tl_step_text(q->m, st->step >= 0 ? st->step : q->m->timeline->nsteps - 1, day, sizeof day);
    g.words = q->w->setwords;
    values_of(&g, q->w, g.actor);
    size_t cells = (size_t)g.nv * (size_t)g.np + 1;
    g.num = mem_calloc(cells, sizeof *g.num);
    g.bits = mem_calloc(cells * (size_t)g.words, sizeof *g.bits);
    for (int i = 0; i < g.np; i++) {
        int k = g.by >= 0 ? period_last_step(&g.ps, g.p1 + i) : st->step;
        const coop_world *w = k >= 0 ? query_at(q, k)->w : q->w;
        for (int v = 0; v < g.nv; v++) read_value(&g, w, v, i);
    }
    for (int v = 0; v < g.nv; v++)
        for (int i = 1; i < g.np && !g.v[v].changes; i++) g.v[v].changes = differs(&g, v, 0, i);
    report_world(r, &g);
    free(g.v);
    free(g.num);
    free(g.bits);
    return 0;
}
