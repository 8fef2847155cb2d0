/*
 * whatif_event.c - `what if` over a timeline's events (docs/repl.md):
 * `no EVENT` switches an event off, `EVENT at D`, `EVENT every ...`,
 * `EVENT on COND`, `EVENT while COND` make it act otherwise.  The changes
 * make a variant of the session's model that differs only in its events
 * (everything else is shared, read-only), which is run against the
 * model; the verdicts over time are compared period by period.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "json.h"
#include "obligation.h"
#include "resolve.h"
#include "session.h"
#include "suggest.h"
#include "report.h"
#include "timeline.h"

void whatif_variant_init(whatif_variant *v, const model *m)
{
    memset(v, 0, sizeof *v);
    v->base = m;
}

void whatif_variant_free(whatif_variant *v)
{
    free(v->events);
    memset(v, 0, sizeof *v);
}

const model *whatif_variant_model(const whatif_variant *v) { return v->events ? &v->m : v->base; }

/* When event ev acts, as coop writes it, into arena a. */
static const char *when_text(arena *a, const model *m, const event_info *ev)
{
    char b1[32], b2[32];
    switch (ev->kind) {
    case EVENT_ON: case EVENT_WHILE:
        return arena_printf(a, "%s %s", ev->kind == EVENT_ON ? "on" : "while", ast_text(a, ev->cond->src));
    default:
        if (ev->nsteps == 0) return "at no step";
        tl_step_text(m, ev->steps[0], b1, sizeof b1);
        if (ev->nsteps == 1) return arena_printf(a, "at %s", b1);
        tl_step_text(m, ev->steps[ev->nsteps - 1], b2, sizeof b2);
        return arena_printf(a, "%d times, %s .. %s", ev->nsteps, b1, b2);
    }
}

/* A declared date as written: a year written as a number, or the date. */
static const char *datedef_text(arena *a, const datedef *x)
{
    char b[32];
    if (x->is_num) return arena_printf(a, "%.0f", x->num);
    return arena_strdup(a, date_text(x->d, b, sizeof b));
}

/* The text of g from loc's start to its end. */
static const char *written(arena *a, const seg *g, coop_loc from, coop_loc to)
{
    size_t i = session_offset(g, from.line, from.col), j = session_offset(g, to.end_line, to.end_col);
    if (j < i || j > g->src.len) return "";
    return arena_strndup(a, g->src.text + i, j - i);
}

int whatif_event_plan(coop_session *s, seg *g, const change *c, whatif_variant *v, const char **target,
                      const char **value, const char **was, coop_diags *d)
{
    const model *m = v->base;
    arena *a = &g->mem;
    int e = names_get(&m->event_idx, c->obj.s);
    if (e < 0) {
        suggest sg;
        suggest_init(&sg, c->obj.s, d);
        for (int i = 0; i < m->nevents; i++) suggest_offer(&sg, m->events[i].name, 0);
        diag_at(d, &g->src, c->obj.loc, COOP_ERROR, m->nevents ? "unknown event '%s'%s" : "unknown event '%s'%s: this "
                "model declares none", c->obj.s, suggest_said(&sg));
        return -1;
    }
    if (!v->events) {
        v->m = *m;
        v->events = mem_alloc(((size_t)m->nevents + 1) * sizeof *v->events);
        memcpy(v->events, m->events, (size_t)m->nevents * sizeof *v->events);
        v->m.events = v->events;
    }
    event_info now = m->events[e], *ev = &v->events[e];
    *target = now.name;
    *was = when_text(a, m, &now);
    if (!c->event) { /* off: acts at no step, fires nothing */
        ev->kind = EVENT_AT;
        ev->nsteps = 0;
        ev->cond = NULL;
        *value = "off";
        return 0;
    }
    event_info next = now;
    next.steps = NULL;
    next.nsteps = 0;
    next.cond = NULL;
    next.kind = c->event->kind;
    /* `what if E every quarter` changes how often, not when the series
     * runs: a from or to it does not write is the declared one */
    const event_def *was_def = now.def;
    event_def every = *c->event;
    change cc = *c;
    int inherit = 0;
    if (every.kind == EVENT_EVERY && was_def && was_def->kind == EVENT_EVERY) {
        if (!every.from && was_def->from) every.from = was_def->from, inherit |= 1;
        if (!every.to && was_def->to) every.to = was_def->to, inherit |= 2;
        cc.event = &every;
    }
    if (resolve_event_when(m, s->world, &g->src, a, &cc, &next, d) < 0) return -1;
    *ev = next;
    *value = written(a, g, c->event->kind_loc, c->loc);
    if (inherit)
        *value = arena_printf(a, "%s, %s%s%s%s%s as declared", *value, inherit & 1 ? "from " : "",
                              inherit & 1 ? datedef_text(a, was_def->from) : "", inherit == 3 ? " " : "",
                              inherit & 2 ? "to " : "", inherit & 2 ? datedef_text(a, was_def->to) : "");
    return 0;
}

/* ---- verdicts over time ---- */

/* A tuple's verdicts at the steps of a run, for report_spans and
 * json_spans: v[0], v[stride], ... */
typedef struct step_bits {
    const model *m;
    const unsigned char *v;
    long stride;
} step_bits;

static int step_on(const void *ctx, int k)
{
    const step_bits *x = ctx;
    return x->v[k * x->stride];
}

static const char *step_label(const void *ctx, int k, char buf[32])
{
    return tl_step_text(((const step_bits *)ctx)->m, k, buf, 32);
}

void whatif_spans(FILE *out, const model *m, const unsigned char *v, long stride, int n)
{
    step_bits x = {m, v, stride};
    span_ask a = {step_on, step_label, &x};
    report_spans(out, &a, n, "forms", "never forms");
}

/* What a walk of one rule's tuples at one step writes: each verdict, at
 * [tuple * n + step]; the tuples themselves at the first step. */
typedef struct collect {
    unsigned char *v;
    int *tuples;
    long i;
    int n, k, np;
} collect;

static int collect_one(evaluator *e, int verdict, void *ctx)
{
    collect *c = ctx;
    if (verdict < 0) return 1;
    c->v[c->i * c->n + c->k] = (unsigned char)verdict;
    if (c->tuples) memcpy(c->tuples + c->i * c->np, e->tuple, (size_t)c->np * sizeof *e->tuple);
    c->i++;
    return 0;
}

/* Every tuple's verdict of every rule c[ri] asks for (c[ri].v not NULL)
 * at every step of q's run, the steps walked forward once; 0, or -1
 * after a runtime error or a stop (recorded in q), *bad the rule. */
static int verdicts(query *q, const model *m, collect *c, int *bad)
{
    int n = m->timeline->nsteps;
    for (int k = 0; k < n; k++) {
        query *qk = query_at(q, k);
        for (int ri = 0; ri < m->nrules; ri++) {
            if (!c[ri].v) continue;
            c[ri].k = k;
            c[ri].i = 0;
            evaluator *e = query_ev(qk, ri);
            if (query_ready(qk, ri) < 0 || ev_foreach_verdicts(e, collect_one, &c[ri]) != 0) {
                if (!qk->err) query_runtime_error(qk, e, 0);
                query_take_error(q, qk, k);
                *bad = ri;
                return -1;
            }
            c[ri].tuples = NULL; /* once */
        }
    }
    return 0;
}

/* The steps at which v[0], v[stride], ... forms, as JSON spans. */
static void json_steps(json *j, const model *m, const unsigned char *v, long stride, int n)
{
    step_bits x = {m, v, stride};
    span_ask a = {step_on, step_label, &x};
    json_spans(j, &a, n);
}

int whatif_step_work(const model *m)
{
    if (!m->timeline) return 0;
    long long work = 0;
    for (int ri = 0; ri < m->nrules; ri++)
        if (!m->rules[ri].tender) work += m->rules[ri].ntuples;
    return work * m->timeline->nsteps <= COOP_WHATIF_STEP_WORK;
}

int whatif_journal(const model *m) { return whatif_step_work(m) || obligations_dated(m); }

int whatif_periods(coop_session *s, const model *ma, tl_run *ra, const model *mb, tl_run *rb, int keeps,
                   const source *src, coop_diags *d)
{
    const char *was = keeps ? "before" : "now", *is = keeps ? "after" : "what if";
    FILE *out = s->opt.out;
    if (!out || !ma->timeline) return 0;
    int n = ma->timeline->nsteps, rc = 0, shown = 0, as_json = s->opt.format == COOP_FORMAT_JSON;
    if (!ra->journal || !rb->journal || !whatif_step_work(ma)) { /* (a journal kept for dated obligations) */
        long long work = 0;
        for (int ri = 0; ri < ma->nrules; ri++)
            if (!ma->rules[ri].tender) work += ma->rules[ri].ntuples;
        if (!as_json)
            fprintf(out, "over time: not compared step by step (%lld tuples x %d steps is more than %lld); ask "
                         "with ': first(R(a, b))' or ': show R(a, b) at DATE'\n", work, n,
                    (long long)COOP_WHATIF_STEP_WORK);
        return 0;
    }
    query qa, qb;
    query_init(&qa, ma, tl_world_at(ra, n - 1), s->opt.seed);
    query_init(&qb, mb, tl_world_at(rb, n - 1), s->opt.seed);
    qa.tl = ra;
    qb.tl = rb;
    qa.stop = qb.stop = s->opt.interrupt;
    collect *ca = mem_calloc((size_t)ma->nrules + 1, sizeof *ca), *cb = mem_calloc((size_t)ma->nrules + 1, sizeof *cb);
    int **tuples = mem_calloc((size_t)ma->nrules + 1, sizeof *tuples), bad_rule = -1;
    for (int ri = 0; ri < ma->nrules; ri++) {
        const rule_info *ru = &ma->rules[ri];
        if (ru->tender || !ru->ntuples) continue;
        size_t cells = (size_t)ru->ntuples * (size_t)n;
        tuples[ri] = mem_alloc((size_t)ru->ntuples * (size_t)ru->np * sizeof(int));
        ca[ri] = (collect){mem_alloc(cells), tuples[ri], 0, n, 0, ru->np};
        cb[ri] = (collect){mem_alloc(cells), NULL, 0, n, 0, ru->np};
    }
    if (verdicts(&qa, ma, ca, &bad_rule) < 0 || verdicts(&qb, mb, cb, &bad_rule) < 0) {
        const query *bad = qa.err ? &qa : &qb;
        rc = bad->err_kind == QUERY_INTERRUPTED ? -1 : -2; /* a stop is said by the caller, at its input */
        if (rc == -2)
            diag_at(d, src, bad->err_loc, COOP_ERROR, "%sa runtime error deciding %s at each step",
                    bad == &qb ? "what if: " : "", ma->rules[bad_rule].name);
    }
    for (int ri = 0; ri < ma->nrules && rc == 0; ri++) {
        const rule_info *ru = &ma->rules[ri];
        if (!ca[ri].v) continue;
        for (long i = 0; i < ru->ntuples; i++) {
            const unsigned char *va = ca[ri].v + i * n, *vb = cb[ri].v + i * n;
            if (memcmp(va, vb, (size_t)n) == 0) continue;
            int from = 0;
            while (va[from] == vb[from]) from++;
            const int *t = tuples[ri] + i * ru->np;
            char b[32];
            tl_step_text(ma, from, b, sizeof b);
            if (as_json) {
                json j;
                json_init(&j, out);
                json_typed(&j, "over_time");
                json_kstr(&j, "rule", ru->name);
                json_key(&j, "tuple");
                json_arr(&j);
                for (int p = 0; p < ru->np; p++) json_str(&j, ma->actors[t[p]].name);
                json_end_arr(&j);
                json_kstr(&j, "differs_from", b);
                json_key(&j, keeps ? "before" : "now");
                json_steps(&j, ma, va, 1, n);
                json_key(&j, keeps ? "after" : "what_if");
                json_steps(&j, ma, vb, 1, n);
                json_end_obj(&j);
                continue;
            }
            if (!shown++) fputs("over time:\n", out);
            fputs("  ", out);
            report_tuple(out, ma, ri, t);
            fprintf(out, ": %s ", was);
            whatif_spans(out, ma, va, 1, n);
            fprintf(out, "; %s ", is);
            whatif_spans(out, ma, vb, 1, n);
            fprintf(out, " (differs from %s)\n", b);
        }
    }
    for (int ri = 0; ri < ma->nrules; ri++) {
        free(ca[ri].v);
        free(cb[ri].v);
        free(tuples[ri]);
    }
    free(ca);
    free(cb);
    free(tuples);
    int tenders = 0;
    for (int ri = 0; ri < ma->nrules; ri++) tenders += ma->rules[ri].tender != NULL;
    if (rc == 0 && !shown && !as_json)
        fprintf(out, "over time: no partnership's verdict differs at any step%s\n",
                tenders ? " (tenders are compared as the last step ends)" : "");
    query_free(&qa);
    query_free(&qb);
    return rc;
}
