/* timeline.c - a model's timeline run: each step's events read the world
 * as the step starts, their changes apply together, triggers queue for
 * the next step; a journal of each step's writes replays any step. */
#include "timeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

typedef VEC(tl_write) writes_vec;
typedef VEC(int) ints_vec;

/* A change due in the step, its value read as the step starts. */
typedef struct pending {
    const event_change *c;
    int event, index;    /* its event, and its place there */
    double num;
    uint64_t *bits;      /* a set's members (setwords words) */
} pending;

/* The run's scratch for one step. */
typedef struct stepper {
    tl_run *r;
    coop_world *w;       /* the world the run goes forward in (r->cur) */
    query q;             /* in w */
    evaluator none;      /* statements' (ev_statement): values and conditions read w */
    const volatile sig_atomic_t *stop;
    VEC(pending) due;
    /* without a journal, a step's scratch, reused by the next step */
    ints_vec acted;
    writes_vec writes;
    int triggers;        /* the model has `on` or `while` events */
} stepper;

/* qsort has no context argument: the model being run, per thread */
static _Thread_local const model *cmp_m;

/* Orders changes by the value they change, then '=' before '+=' / '-=',
 * then by their events' names and their places in them: what they come to
 * does not depend on the order of declarations. */
static int by_cell(const void *pa, const void *pb)
{
    const pending *a = pa, *b = pb;
    const event_change *x = a->c, *y = b->c;
    if (x->is_param != y->is_param) return x->is_param - y->is_param; /* parameters after the rest */
    if (x->is_param && x->param != y->param) return x->param - y->param;
    if (x->is_rel != y->is_rel) return x->is_rel - y->is_rel;
    if (x->is_rel) {
        if (x->rel != y->rel) return x->rel - y->rel;
        for (int i = 0; i < cmp_m->rels[x->rel].arity; i++)
            if (x->args[i] != y->args[i]) return x->args[i] - y->args[i];
    } else {
        if (x->attr != y->attr) return x->attr - y->attr;
        if (x->actor != y->actor) return x->actor - y->actor;
    }
    if ((x->op == CH_SET) != (y->op == CH_SET)) return x->op == CH_SET ? -1 : 1;
    int c = strcmp(cmp_m->events[a->event].name, cmp_m->events[b->event].name);
    return c ? c : a->index - b->index;
}

static int same_cell(const model *m, const event_change *x, const event_change *y)
{
    if (x->is_param || y->is_param) return x->is_param == y->is_param && x->param == y->param;
    if (x->is_rel != y->is_rel) return 0;
    if (!x->is_rel) return x->attr == y->attr && x->actor == y->actor;
    if (x->rel != y->rel) return 0;
    for (int i = 0; i < m->rels[x->rel].arity; i++)
        if (x->args[i] != y->args[i]) return 0;
    return 1;
}

const char *tl_step_text(const model *m, int k, char *buf, size_t size)
{
    date d;
    if (date_add(m->timeline->start, k, m->timeline->unit, &d) < 0) snprintf(buf, size, "step %d", k + 1);
    else date_text(d, buf, size);
    return buf;
}

/* Records a runtime error at loc: "MESSAGE, in event 'E' at DATE", or
 * the message alone when event is -1 (it names the events and the date). */
static int fail(stepper *s, coop_loc loc, int event, int k, const char *what)
{
    char day[32];
    tl_run *r = s->r;
    r->failed = 1;
    r->err_loc = loc;
    free(r->err_msg);
    const char *ev = event < 0 ? "" : s->r->m->events[event].name;
    size_t n = strlen(what) + strlen(ev) + 64;
    r->err_msg = mem_alloc(n);
    if (event < 0) snprintf(r->err_msg, n, "%s", what);
    else snprintf(r->err_msg, n, "%s, in event '%s' at %s", what, ev, tl_step_text(r->m, k, day, sizeof day));
    return -1;
}

/* The value c changes, as written: "acme.media", "trust(a, b)". */
static const char *target_text(const model *m, const event_change *c, char *buf, size_t size)
{
    if (c->is_param) {
        snprintf(buf, size, "%s", m->params[c->param].name);
        return buf;
    }
    if (!c->is_rel) {
        snprintf(buf, size, "%s.%s", m->actors[c->actor].name, m->attrs[c->attr].name);
        return buf;
    }
    size_t n = (size_t)snprintf(buf, size, "%s(", m->rels[c->rel].name);
    for (int i = 0; i < m->rels[c->rel].arity && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "", m->actors[c->args[i]].name);
    if (n < size) snprintf(buf + n, size - n, ")");
    return buf;
}

/* A runtime error of event e's value or condition (what: "its value"),
 * as statements say it: where the query met it (a rule's tuple, a
 * tender's gap) or, in the expression itself, at `at`. */
static int fault(stepper *s, int e, int k, const ev_fault *err, coop_loc at, const char *what)
{
    query *q = &s->q;
    const model *m = s->r->m;
    char *msg;
    coop_loc loc = at;
    if (q->err && q->err_kind == QUERY_NO_FIRST) {
        const char *t = m->rules[q->err_rule].name;
        msg = mem_alloc(strlen(t) + 96);
        sprintf(msg, "tender '%s' ranks no bid, so there is no first bid for gap() to measure from", t);
    } else if (q->err && q->err_kind == QUERY_DIVISION) {
        msg = report_runtime(m, q->err_agg, q->err_coalition, q->err_rule, q->err_contract, q->err_tuple, NULL);
        loc = q->err_loc;
    } else if (q->err) {
        msg = mem_alloc(strlen(what) + 96);
        sprintf(msg, "%s asks for an analysis that was refused (past its budget): ask it in a statement", what);
    } else { /* "..., in event 'E' at DATE" before the aggregate's hint */
        char day[32], *in = mem_alloc(strlen(what) + strlen(m->events[e].name) + 64);
        sprintf(in, "%s, in event '%s' at %s", what, m->events[e].name, tl_step_text(m, k, day, sizeof day));
        msg = report_runtime(m, err->agg, 0, -1, -1, NULL, in);
        free(in);
        e = -1; /* said */
        if (err->agg) loc = err->agg->src->src->loc;
        else if (err->div) loc = err->div->src->loc;
    }
    int rc = fail(s, loc, e, k, msg);
    free(msg);
    q->err = 0;
    return rc;
}

/* Reads the values of event e's changes in the world as the step starts. */
static int read_changes(stepper *s, int e, int k)
{
    const model *m = s->r->m;
    const event_info *ev = &m->events[e];
    for (int i = 0; i < ev->nch; i++) {
        const event_change *c = &ev->ch[i];
        pending p = {c, e, i, 0, NULL};
        if (c->value->type == T_SET) {
            int n;
            const uint64_t *bits = query_set(&s->q, c->value, &n);
            if (!bits) {
                ev_fault none0 = {0, NULL, NULL};
                return fault(s, e, k, &none0, c->loc, "its value");
            }
            p.bits = mem_calloc((size_t)s->w->setwords + 1, sizeof *p.bits);
            memcpy(p.bits, bits, (size_t)(n < s->w->setwords ? n : s->w->setwords) * sizeof *p.bits);
        } else {
            ev_fault err = {0, NULL, NULL};
            p.num = ev_expr(&s->none, c->value, query_leaf, &s->q, &err);
            if (err.kind == EV_STOPPED || s->q.err_kind == QUERY_INTERRUPTED) {
                s->r->stopped = 1;
                return -1;
            }
            if (err.kind || s->q.err) return fault(s, e, k, &err, c->loc, "its value");
        }
        vec_push(s->due, p);
    }
    return 0;
}

/* The value of the cell c changes, as the step starts. */
static int has_value(const coop_world *w, const event_change *c, double *v)
{
    if (c->is_param) {
        *v = w->param[c->param];
        return 1;
    }
    if (c->is_rel) {
        *v = world_rel(w, c->rel, c->args);
        return 1;
    }
    *v = w->num[c->attr][c->actor];
    return w->has[c->attr][c->actor];
}

/* Clamps a number written to c's range. */
static double clamp(const model *m, const event_change *c, double v)
{
    double lo = NAN, hi = NAN;
    if (c->is_param) {
        lo = m->params[c->param].lo;
        hi = m->params[c->param].hi;
    } else if (c->is_rel) {
        lo = m->rels[c->rel].lo;
        hi = m->rels[c->rel].hi;
    } else if (m->attr_lo && m->attr_lo[c->attr]) {
        lo = m->attr_lo[c->attr][c->actor];
        hi = m->attr_hi[c->attr][c->actor];
    }
    if (!isnan(lo) && v < lo) v = lo;
    if (!isnan(hi) && v > hi) v = hi;
    return v;
}

/* Applies the changes of one value, due[a, b) (sorted: '=' first), and
 * journals it.  0, or -1 after a runtime error. */
static int apply_cell(stepper *s, int a, int b, int k, writes_vec *out)
{
    const model *m = s->r->m;
    coop_world *w = s->w;
    const pending *p = s->due.v + a;
    const event_change *c = p->c;
    if (b - a > 1 && p[1].c->op == CH_SET) {
        char what[640], t[256], day[32];
        tl_step_text(m, k, day, sizeof day);
        if (p->event == p[1].event)
            snprintf(what, sizeof what, "event '%s' sets %s twice with '=' at %s", m->events[p->event].name,
                     target_text(m, c, t, sizeof t), day);
        else
            snprintf(what, sizeof what,
                     "events '%s' and '%s' both set %s with '=' at %s: the changes of one value in one step "
                     "apply together, and only '+=' and '-=' add up",
                     m->events[p->event].name, m->events[p[1].event].name, target_text(m, c, t, sizeof t), day);
        return fail(s, p[1].c->loc, -1, k, what);
    }
    tl_write wr = {c->is_rel, c->attr, c->actor, c->rel, {0}, 0, NULL, c->is_param, c->param};
    memcpy(wr.args, c->args, sizeof wr.args);
    vtype t = c->is_param ? m->params[c->param].type : c->is_rel ? m->rels[c->rel].type : m->attrs[c->attr].type;
    if (t == T_SET) {
        size_t words = (size_t)w->setwords;
        wr.bits = mem_calloc(words + 1, sizeof *wr.bits);
        if (c->op != CH_SET && w->has[c->attr][c->actor]) memcpy(wr.bits, world_set_of(w, c->attr, c->actor), words * sizeof *wr.bits);
        for (int pass = 0; pass < 2; pass++) /* '=' and additions, then removals */
            for (int i = a; i < b; i++) {
                const pending *q = &s->due.v[i];
                if ((q->c->op == CH_SUB) != pass) continue;
                for (size_t j = 0; j < words; j++)
                    if (q->c->op == CH_SUB) wr.bits[j] &= ~q->bits[j];
                    else wr.bits[j] |= q->bits[j];
            }
        memcpy(world_set_of(w, c->attr, c->actor), wr.bits, words * sizeof *wr.bits);
        w->has[c->attr][c->actor] = 1;
        world_touch(w, c->attr);
    } else {
        double v;
        int had = has_value(w, c, &v);
        if (c->op == CH_SET) {
            v = p->num;
            had = 1;
            a++;
        }
        for (int i = a; i < b; i++) {
            const pending *q = &s->due.v[i];
            if (!had) return fail(s, q->c->loc, q->event, k, "an amount is added to a value the actor does not have");
            v += q->c->op == CH_SUB ? -q->num : q->num;
        }
        if (!isfinite(v)) return fail(s, c->loc, p->event, k, "the value it comes to is not a finite number");
        wr.num = t == T_NUM ? clamp(m, c, v) : v;
        if (c->is_param) world_param_set(w, c->param, wr.num);
        else if (c->is_rel) world_rel_set(w, c->rel, c->args, wr.num, NULL);
        else {
            w->num[c->attr][c->actor] = wr.num;
            w->has[c->attr][c->actor] = 1;
            world_touch(w, c->attr);
        }
    }
    vec_push(*out, wr);
    return 0;
}

/* Is event e due at step k: dated or recurring at k, or queued? */
static int due_at(const event_info *ev, int *next, int k, const unsigned char *queued, int e)
{
    if (ev->kind == EVENT_ON || ev->kind == EVENT_WHILE) return queued[e];
    while (next[e] < ev->nsteps && ev->steps[next[e]] < k) next[e]++;
    return next[e] < ev->nsteps && ev->steps[next[e]] == k;
}

/* Step k: the events due read the world, their changes apply, then the
 * triggers are read for step k + 1.  0, or -1. */
static int step(stepper *s, int k, int *next, unsigned char *queued, unsigned char *was, const unsigned char *off,
                const int *order, int final)
{
    tl_run *r = s->r;
    const model *m = r->m;
    tl_step scratch = {0}, *st = r->journal ? &r->step[k] : &scratch;
    ints_vec acted = {0};
    writes_vec writes = {0};
    if (!r->journal) { /* only the world the run ends with is read: nothing kept */
        acted = s->acted;
        writes = s->writes;
        acted.n = writes.n = 0;
    }
    s->due.n = 0;
    int rc = 0;
    for (int i = 0; i < m->nevents && rc == 0; i++) { /* by name: which error is said first too */
        int e = order[i];
        if ((off && off[e]) || !due_at(&m->events[e], next, k, queued, e)) continue;
        vec_push(acted, e);
        rc = read_changes(s, e, k);
    }
    cmp_m = m;
    if (rc == 0 && s->due.n > 1) qsort(s->due.v, s->due.n, sizeof *s->due.v, by_cell);
    for (size_t a = 0, b; rc == 0 && a < s->due.n; a = b) {
        for (b = a + 1; b < s->due.n && same_cell(m, s->due.v[a].c, s->due.v[b].c); b++) continue;
        rc = apply_cell(s, (int)a, (int)b, k, &writes);
    }
    for (size_t i = 0; i < s->due.n; i++) free(s->due.v[i].bits);
    st->acted = acted.v;
    st->nacted = (int)acted.n;
    if (r->journal) {
        st->w = writes.v;
        st->nw = (int)writes.n;
    } else {
        for (size_t i = 0; i < writes.n; i++) free(writes.v[i].bits);
        s->acted = acted;
        s->writes = writes;
    }
    if (rc < 0) return -1;
    if (final || !s->triggers) return 0; /* no step after it to queue a trigger for; none to queue */
    /* the triggers, read in the world the step ends with (what they read
     * that the step changed is decided again: query_stats) */
    for (int i = 0; i < m->nevents; i++) {
        int e = order[i];
        const event_info *ev = &m->events[e];
        queued[e] = 0;
        if (ev->kind != EVENT_ON && ev->kind != EVENT_WHILE) continue;
        if (off && off[e]) continue;
        ev_fault err = {0, NULL, NULL};
        int holds = ev_expr(&s->none, ev->cond, query_leaf, &s->q, &err) != 0;
        if (err.kind == EV_STOPPED || s->q.err_kind == QUERY_INTERRUPTED) {
            r->stopped = 1;
            return -1;
        }
        if (err.kind || s->q.err) return fault(s, e, k, &err, ev->cond->src->loc, "its condition");
        /* on: when it turns true (false before the first step); while: whenever it holds */
        queued[e] = ev->kind == EVENT_WHILE ? holds : holds && !was[e];
        was[e] = (unsigned char)holds;
    }
    return 0;
}

/* Event names, for qsort: the events in the order of their names. */
static int by_name(const void *pa, const void *pb)
{
    return strcmp(cmp_m->events[*(const int *)pa].name, cmp_m->events[*(const int *)pb].name);
}

void tl_by_name(const model *m, int *ev, int n)
{
    cmp_m = m;
    qsort(ev, (size_t)n, sizeof *ev, by_name);
}

int tl_run_model(tl_run *r, const model *m, const coop_world *w0, const unsigned char *off, int journal,
                 const volatile sig_atomic_t *stop)
{
    return tl_run_until(r, m, w0, off, m->timeline ? m->timeline->nsteps - 1 : -1, journal, stop);
}

int tl_run_until(tl_run *r, const model *m, const coop_world *w0, const unsigned char *off, int last, int journal,
                 const volatile sig_atomic_t *stop)
{
    memset(r, 0, sizeof *r);
    r->m = m;
    r->w0 = w0;
    r->at = -1;
    r->journal = journal;
    r->cur = world_clone(w0);
    if (!m->timeline) return 0;
    int n = m->timeline->nsteps;
    if (journal) r->step = mem_calloc((size_t)n + 1, sizeof *r->step);
    stepper s = {.r = r, .w = r->cur, .stop = stop};
    for (int e = 0; e < m->nevents; e++) s.triggers |= m->events[e].kind == EVENT_ON || m->events[e].kind == EVENT_WHILE;
    query_init(&s.q, m, s.w, 0);
    ev_statement(&s.none, m, s.w, stop);
    s.q.stop = stop;
    int *next = mem_calloc((size_t)m->nevents + 1, sizeof *next);
    unsigned char *queued = mem_calloc((size_t)m->nevents + 1, 1), *was = mem_calloc((size_t)m->nevents + 1, 1);
    int *order = mem_alloc(((size_t)m->nevents + 1) * sizeof *order);
    for (int e = 0; e < m->nevents; e++) order[e] = e;
    tl_by_name(m, order, m->nevents);
    int rc = 0;
    for (int k = 0; k < n && k <= last && rc == 0; k++) {
        rc = step(&s, k, next, queued, was, off, order, k == n - 1 || k == last);
        r->nsteps = k + 1;
        r->at = k;
    }
    free(order);
    free(next);
    free(queued);
    free(was);
    free(s.due.v);
    free(s.acted.v);
    free(s.writes.v);
    r->drops = s.q.drops;
    query_free(&s.q);
    return rc;
}

/* Writes step k's values into w. */
static void replay(coop_world *w, const tl_step *st)
{
    for (int i = 0; i < st->nw; i++) {
        const tl_write *x = &st->w[i];
        if (x->is_param) {
            world_param_set(w, x->param, x->num);
            continue;
        }
        if (x->is_rel) {
            world_rel_set(w, x->rel, x->args, x->num, NULL);
            continue;
        }
        if (x->bits) memcpy(world_set_of(w, x->attr, x->actor), x->bits, (size_t)w->setwords * sizeof *x->bits);
        else w->num[x->attr][x->actor] = x->num;
        w->has[x->attr][x->actor] = 1;
        world_touch(w, x->attr);
    }
}

/* The world as step k ends, in the cursor (*view, *at) over r. */
static const coop_world *move(tl_run *r, coop_world **view, int *at, int k)
{
    if (k >= r->nsteps - 1) return r->cur; /* the world the run ended with */
    if (k < -1) k = -1;
    if (!r->journal) return NULL;
    if (!*view || k < *at) { /* back: from the declared world again */
        if (*view) world_free(*view);
        *view = world_clone(r->w0);
        *at = -1;
        /* past every version a query of another world of the run saw, every
         * column with it: its caches go */
        if ((*view)->version < r->version) (*view)->version = r->version;
        world_touch_all(*view);
    }
    for (; *at < k; ++*at) replay(*view, &r->step[*at + 1]);
    if ((*view)->version > r->version) r->version = (*view)->version;
    return *view;
}

const coop_world *tl_world_at(tl_run *r, int k) { return move(r, &r->view, &r->view_at, k); }

const coop_world *tl_cursor_at(tl_run *r, tl_cursor *c, int k) { return move(r, &c->w, &c->at, k); }

void tl_cursor_free(tl_cursor *c)
{
    if (c->w) world_free(c->w);
    memset(c, 0, sizeof *c);
}

void tl_free(tl_run *r)
{
    for (int k = 0; r->step && k < r->nsteps; k++) { /* the model may be gone: a cache outlives it */
        for (int i = 0; i < r->step[k].nw; i++) free(r->step[k].w[i].bits);
        free(r->step[k].w);
        free(r->step[k].acted);
    }
    free(r->step);
    free(r->err_msg);
    if (r->cur) world_free(r->cur);
    if (r->view) world_free(r->view);
    memset(r, 0, sizeof *r);
}

/* ---- a run kept between calls ---- */

static void differ(void *ctx, int a, int b)
{
    (void)a, (void)b;
    *(int *)ctx = 1;
}

static void differ_rel(void *ctx, int rel, const int *actors)
{
    (void)rel, (void)actors;
    *(int *)ctx = 1;
}

static void differ_param(void *ctx, int p)
{
    (void)p;
    *(int *)ctx = 1;
}

int tl_cache_run(tl_cache *c, unsigned long id, const model *m, const coop_world *w, int journal,
                 const volatile sig_atomic_t *stop, tl_run *own, tl_run **out)
{
    memset(own, 0, sizeof *own);
    /* the same world: the same values, and the same symbols and strings
     * (a statement resolved since may have numbered new ones in w, which
     * only grows them: the run's worlds would not have them) */
    if (c && c->have && c->model == id && c->run.m == m && (c->run.journal || !journal) &&
        c->from->xsyms.n == w->xsyms.n && c->from->xstrs.n == w->xstrs.n && c->from->setwords == w->setwords) {
        int changed = 0;
        world_delta fn = {differ, differ_rel, differ_param, &changed};
        world_compare(c->from, w, &fn);
        if (!changed) {
            *out = &c->run;
            return 0;
        }
    }
    *out = own;
    int rc = tl_run_model(own, m, w, NULL, journal, stop);
    if (c) c->runs++;
    if (rc < 0 || !c) return rc;
    tl_cache_keep(c, id, w, own);
    *out = &c->run;
    return 0;
}

void tl_cache_keep(tl_cache *c, unsigned long id, const coop_world *w, tl_run *run)
{
    long runs = c->runs;
    tl_cache_free(c);
    c->runs = runs;
    c->from = world_clone(w);
    c->run = *run; /* moved: its worlds and journal are the cache's now */
    c->run.w0 = c->from;
    c->model = id;
    c->have = 1;
    memset(run, 0, sizeof *run);
}

void tl_cache_free(tl_cache *c)
{
    if (c->have) tl_free(&c->run);
    if (c->from) world_free(c->from);
    memset(c, 0, sizeof *c);
}
