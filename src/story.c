/* story.c - one tuple's story over a timeline: the steps at which a value
 * it reads changed, how it moved there, and the last change of its verdict
 * with what changed what it reads before it. */
#include "story.h"

#include <stdlib.h>
#include <string.h>

int story_reads(const model *m, int rule, const int *t, const tl_write *w)
{
    const rule_info *ru = &m->rules[rule];
    const rule_deps *dp = &ru->deps;
    if (dp->reads_contracts) return 1;
    if (w->is_param) return dp->params[w->param];
    if (!w->is_rel) {
        if (dp->attr_all[w->attr]) return 1;
        for (int p = 0; p < ru->np; p++)
            if ((dp->attr_params[w->attr] >> p & 1) && t[p] == w->actor) return 1;
        return 0;
    }
    if (dp->rel_all[w->rel]) return 1;
    int n = m->rels[w->rel].arity;
    for (int i = 0; i < dp->nrels; i++) { /* a reading of the relation with the tuple's actors where it writes */
        const dep_rel *d = &dp->rels[i];
        int j = 0;
        while (d->rel == w->rel && j < n && t[d->params[j]] == w->args[j]) j++;
        if (d->rel == w->rel && j == n) return 1;
    }
    return 0;
}

void story_init(story *s, query *q, int rule, const int *tuple)
{
    memset(s, 0, sizeof *s);
    s->q = q;
    s->m = q->m;
    s->rule = rule;
    memcpy(s->tuple, tuple, (size_t)q->m->rules[rule].np * sizeof *tuple);
    s->last_flip = -1;
}

/* Frees the cells of the step read last. */
static void cells_clear(story *s)
{
    for (size_t i = 0; i < s->cells.n; i++) free(s->cells.v[i].bits);
    s->cells.n = 0;
    s->moved.n = 0;
}

static void events_free(story_why *y, const model *m)
{
    for (int i = 0; i < y->nevents; i++) {
        for (int c = 0; c < m->events[y->events[i].event].nch; c++) {
            free(y->events[i].ch[c].first.bits);
            free(y->events[i].ch[c].with);
        }
        free(y->events[i].ch);
    }
    free(y->events);
    y->events = NULL;
    y->nevents = 0;
    vec_free(y->log);
}

void story_free(story *s)
{
    cells_clear(s);
    vec_free(s->cells);
    vec_free(s->moved);
    for (int i = 0; i < 2; i++)
        if (s->have[i]) result_explain_free(&s->x[i]);
    events_free(&s->why, s->m);
    if (s->why.have_now) result_explain_free(&s->why.now);
    memset(s, 0, sizeof *s);
}

/* The value w wrote, as world `was` has it: into c (a set's members
 * copied only to `keep`); 1 when the step changed it. */
static int before_of(const model *m, const coop_world *was, const tl_write *w, story_cell *c, int keep)
{
    memset(c, 0, sizeof *c);
    c->w = w;
    c->had = 1;
    if (w->is_param) {
        c->type = m->params[w->param].type;
        c->before = was->param[w->param];
        return c->before != w->num;
    }
    if (w->is_rel) {
        c->type = m->rels[w->rel].type;
        c->before = world_rel(was, w->rel, w->args);
        return c->before != w->num;
    }
    c->type = m->attrs[w->attr].type;
    c->had = was->has[w->attr][w->actor];
    if (!w->bits) {
        c->before = was->num[w->attr][w->actor];
        return !c->had || c->before != w->num;
    }
    size_t words = (size_t)was->setwords;
    const uint64_t *b = world_set_of(was, w->attr, w->actor);
    if (c->had && memcmp(b, w->bits, words * sizeof *b) == 0) return 0;
    if (keep) {
        c->bits = mem_alloc((words + 1) * sizeof *b);
        memcpy(c->bits, b, words * sizeof *b);
    }
    return 1;
}

/* Is the value (a parameter, param; or is_rel, attr of actor, or rel over
 * args) the one w wrote? */
static int same_target(const model *m, int is_param, int param, int is_rel, int attr, int actor, int rel,
                       const int *args, const tl_write *w)
{
    if (is_param || w->is_param) return is_param == w->is_param && param == w->param;
    if (is_rel != w->is_rel) return 0;
    if (!is_rel) return attr == w->attr && actor == w->actor;
    return rel == w->rel && memcmp(args, w->args, (size_t)m->rels[rel].arity * sizeof *args) == 0;
}

static int same_value(const model *m, const tl_write *a, const tl_write *b)
{
    return same_target(m, a->is_param, a->param, a->is_rel, a->attr, a->actor, a->rel, a->args, b);
}

/* Does event change c write the value w wrote? */
static int writes_cell(const model *m, const event_change *c, const tl_write *w)
{
    return same_target(m, c->is_param, c->param, c->is_rel, c->attr, c->actor, c->rel, c->args, w);
}

int story_writes(const model *m, int event, const tl_write *w)
{
    const event_info *ev = &m->events[event];
    for (int i = 0; i < ev->nch; i++)
        if (writes_cell(m, &ev->ch[i], w)) return 1;
    return 0;
}

/* Step k of the run, against the world the step before ended with: the
 * values the tuple reads that it changed into s->cells, which of the events
 * that acted wrote one, and how many other values it changed; how many
 * cells. */
static int read_step(story *s, int k, const coop_world *was, story_step *st)
{
    const model *m = s->m;
    const tl_step *js = &s->q->tl->step[k];
    cells_clear(s);
    memset(st, 0, sizeof *st);
    st->k = k;
    for (int i = 0; i < js->nw; i++) {
        story_cell c;
        int reads = story_reads(m, s->rule, s->tuple, &js->w[i]);
        if (!before_of(m, was, &js->w[i], &c, reads)) continue; /* written, but to the value it had */
        if (reads) vec_push(s->cells, c);
        else st->others++;
    }
    for (int a = 0; a < js->nacted; a++) {
        const event_info *ev = &m->events[js->acted[a]];
        unsigned char moved = 0;
        for (int i = 0; i < ev->nch && !moved; i++)
            for (size_t j = 0; j < s->cells.n && !moved; j++) moved = (unsigned char)writes_cell(m, &ev->ch[i], s->cells.v[j].w);
        vec_push(s->moved, moved);
    }
    st->acted = js->acted;
    st->nacted = js->nacted;
    st->moved = s->moved.v;
    st->cells = s->cells.v;
    st->ncells = (int)s->cells.n;
    return st->ncells;
}

/* The tuple decided as step k ends (-1: in the declared world), traced
 * into *x (freed first when *have).  0, or -1 after a runtime error
 * (recorded in s->q, with the step). */
static int decide_into(story *s, int k, explain_result *x, int *have)
{
    query *qk = query_at(s->q, k);
    int v = query_tuple(qk, s->rule, s->tuple);
    if (v < 0) {
        if (qk != s->q) query_take_error(s->q, qk, k);
        else s->q->err_step = k;
        return -1;
    }
    if (*have) result_explain_free(x);
    result_explain(query_ev(qk, s->rule), v, x);
    *have = 1;
    return 0;
}

static int decide_at(story *s, int k, int i) { return decide_into(s, k, &s->x[i], &s->have[i]); }

/* Was the walk stopped (an interrupt)?  Then recorded in q. */
static int stopped(query *q)
{
    if (!q->stop || !*q->stop) return 0;
    if (!q->err) {
        q->err = 1;
        q->err_kind = QUERY_INTERRUPTED;
    }
    return 1;
}

int story_start(story *s, int k1)
{
    s->changed = s->quiet = s->flips = 0;
    s->last_flip = -1;
    if (decide_at(s, k1 - 1, 0) < 0) return -1;
    s->first_verdict = s->x[0].verdict;
    return 0;
}

int story_span(story *s, int k1, int k2, void (*fn)(void *ctx, const story_step *st), void *ctx)
{
    int cur = 0;
    for (int k = k1; k <= k2; k++) {
        if (stopped(s->q)) return -1;
        story_step st;
        if (!read_step(s, k, tl_world_at(s->q->tl, k - 1), &st)) {
            s->quiet++;
            continue;
        }
        if (decide_at(s, k, 1 - cur) < 0) return -1;
        st.before = &s->x[cur];
        st.after = &s->x[1 - cur];
        s->changed++;
        if (st.before->verdict != st.after->verdict) {
            s->flips++;
            s->last_flip = k;
        }
        fn(ctx, &st);
        cur = 1 - cur;
    }
    return 0;
}

/* ---- why ---- */

/* The verdict's last change at or before step `at` (from the first step
 * on) into y->flip, and the one before it into y->since (0 for none).
 * 0, or -1. */
static int last_flips(story *s, int at, story_why *y)
{
    y->flip = -1;
    y->since = 0;
    if (decide_at(s, 0, 0) < 0) return -1;
    int verdict = s->x[0].verdict;
    for (int k = 1; k <= at; k++) {
        if (stopped(s->q)) return -1;
        story_step st;
        if (!read_step(s, k, tl_world_at(s->q->tl, k - 1), &st)) continue;
        if (decide_at(s, k, 0) < 0) return -1;
        if (s->x[0].verdict == verdict) continue;
        verdict = s->x[0].verdict;
        if (y->flip >= 0) y->since = y->flip;
        y->flip = k;
    }
    return 0;
}

/* Event e changed a value the tuple reads at step k (st): counted in y,
 * with what each of its changes wrote. */
static void add_event(story *s, story_why *y, int e, const story_step *st)
{
    const model *m = s->m;
    const event_info *ev = &m->events[e];
    story_event *x = NULL;
    for (int i = 0; i < y->nevents && !x; i++)
        if (y->events[i].event == e) x = &y->events[i];
    if (!x) {
        y->events = mem_realloc(y->events, (size_t)(y->nevents + 1) * sizeof *y->events);
        x = &y->events[y->nevents++];
        memset(x, 0, sizeof *x);
        x->event = e;
        x->first = st->k;
        x->ch = mem_calloc((size_t)ev->nch + 1, sizeof *x->ch);
    }
    x->times++;
    x->last = st->k;
    for (int i = 0; i < ev->nch; i++)
        for (int j = 0; j < st->ncells; j++) {
            const story_cell *c = &st->cells[j];
            if (!writes_cell(m, &ev->ch[i], c->w)) continue;
            story_wrote *wr = &x->ch[i];
            if (!wr->last) { /* its first: the value as it was before */
                wr->first = *c;
                wr->k1 = st->k;
                if (c->bits) {
                    size_t words = (size_t)s->q->w->setwords;
                    wr->first.bits = mem_alloc((words + 1) * sizeof *c->bits);
                    memcpy(wr->first.bits, c->bits, words * sizeof *c->bits);
                }
            }
            wr->last = c->w;
            wr->k2 = st->k;
            story_write lw = {st->k, e, c->w};
            vec_push(y->log, lw);
        }
}

/* Each change's other events: those that changed its value from its first
 * step to its last (the log), in the order of their names. */
static void with_others(story *s, story_why *y)
{
    const model *m = s->m;
    for (int i = 0; i < y->nevents; i++) {
        story_event *x = &y->events[i];
        for (int c = 0; c < m->events[x->event].nch; c++) {
            story_wrote *wr = &x->ch[c];
            if (!wr->last) continue;
            for (size_t l = 0; l < y->log.n; l++) {
                const story_write *lw = &y->log.v[l];
                if (lw->event == x->event || lw->k < wr->k1 || lw->k > wr->k2 ||
                    !same_value(m, lw->w, wr->last))
                    continue;
                int seen = 0;
                for (int j = 0; j < wr->nwith && !seen; j++) seen = wr->with[j] == lw->event;
                if (seen) continue;
                wr->with = mem_realloc(wr->with, (size_t)(wr->nwith + 1) * sizeof *wr->with);
                int j = wr->nwith++;
                for (; j > 0 && strcmp(m->events[wr->with[j - 1]].name, m->events[lw->event].name) > 0; j--)
                    wr->with[j] = wr->with[j - 1];
                wr->with[j] = lw->event;
            }
        }
    }
}

/* The last to act first, then by name. */
static _Thread_local const model *cmp_m;
static int by_last(const void *pa, const void *pb)
{
    const story_event *a = pa, *b = pb;
    if (a->last != b->last) return a->last > b->last ? -1 : 1;
    return strcmp(cmp_m->events[a->event].name, cmp_m->events[b->event].name);
}

int story_why_at(story *s, int at)
{
    story_why *y = &s->why;
    events_free(y, s->m);
    y->at = at;
    if (last_flips(s, at, y) < 0) return -1;
    y->until = y->flip >= 0 ? y->flip : at;
    /* the evidence: the steps from since to until, read again */
    for (int k = y->since; k <= y->until; k++) {
        if (stopped(s->q)) return -1;
        story_step st;
        if (!read_step(s, k, tl_world_at(s->q->tl, k - 1), &st)) continue;
        for (int a = 0; a < st.nacted; a++)
            if (st.moved[a]) add_event(s, y, st.acted[a], &st);
        if (k != y->flip) continue;
        /* the flip: the tuple as the step before ended, and as it ends */
        if (decide_at(s, k - 1, 0) < 0 || decide_at(s, k, 1) < 0) return -1;
        st.before = &s->x[0];
        st.after = &s->x[1];
        y->step = st; /* its cells stay: no step is read after it */
    }
    with_others(s, y);
    cmp_m = s->m;
    if (y->nevents > 1) qsort(y->events, (size_t)y->nevents, sizeof *y->events, by_last);
    return decide_into(s, at, &y->now, &y->have_now);
}
