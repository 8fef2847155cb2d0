/* flip_trace.c - what a tuple's verdict reads of the world, traced through
 * its aggregates, the contracts it reads, the tenders that award them and
 * a timeline's events (flip_trace.h). */
#include "flip_trace.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "linear.h"

#define SLOTS (COOP_MAX_PARAMS + COOP_MAX_AGG_DEPTH)

/* Whose expressions are walked, at which actors. */
typedef struct frame {
    const rule_info *ru;         /* NULL: a statement's (an event's) */
    int t[SLOTS];                /* the actors at its parameters */
    const agg_info *bind[SLOTS]; /* the aggregate binding each slot past them, the last met (a walk
                                    meets an aggregate before what it reads) */
    const char *via;             /* what reads it, for what it leaves out ("event 'grow'"); NULL: the
                                    verdict flipped itself */
    const rexpr *whole;          /* the query that reads the rule at every tuple (count(R)), whose
                                    parameters t[] are -1: each may hold every actor it takes */
} frame;

typedef struct tracer {
    const model *m;
    const int *tuple;          /* the tuple flipped: its actors' values are its own */
    int np;
    flip_trace *out;           /* what is found goes here; NULL: look for `look` alone */
    const flip_input *look;
    int hit;
    frame *fr;                 /* the frame walked */
    VEC(const void *) noted;   /* what a left-out phrase was said for (an aggregate, a frame's via, a node) */
} tracer;

static void node(void *ctx, const rexpr *x);

static void walk(tracer *tr, frame *fr, const rexpr *x)
{
    frame *up = tr->fr;
    tr->fr = fr;
    linear_walk(fr->ru, x, node, tr);
    tr->fr = up;
}

static int np_of(const frame *fr) { return fr->ru ? fr->ru->np : 0; }

/* The actors slot s of frame fr may hold, *n of them: a parameter's
 * actor, every actor a parameter takes in a rule read whole, an
 * aggregate's range at its name. */
static const int *slot_actors(const frame *fr, int s, int *n)
{
    if (s >= np_of(fr)) {
        const agg_info *a = fr->bind[s];
        *n = a ? a->ncand : 0;
        return a ? a->cand : NULL;
    }
    if (fr->t[s] >= 0) {
        *n = 1;
        return &fr->t[s];
    }
    *n = fr->ru->ncand[s];
    return fr->ru->cand[s];
}

static int in_frame(const frame *fr, int a)
{
    for (int i = 0; i < np_of(fr); i++) {
        int n;
        const int *acts = slot_actors(fr, i, &n);
        for (int k = 0; k < n; k++)
            if (acts[k] == a) return 1;
    }
    return 0;
}

static int own(const tracer *tr, int a)
{
    for (int i = 0; i < tr->np; i++)
        if (tr->tuple[i] == a) return 1;
    return 0;
}

/* A phrase of what is left out, in the trace's arena; "" when only looking. */
static const char *named(tracer *tr, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *named(tracer *tr, const char *fmt, ...)
{
    if (!tr->out) return "";
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return arena_strdup(&tr->out->mem, buf);
}

/* Has key's left-out phrase been said? */
static int noted(const tracer *tr, const void *key)
{
    for (size_t i = 0; i < tr->noted.n; i++)
        if (tr->noted.v[i] == key) return 1;
    return 0;
}

/* What is left out, said for key (once: the same phrase for two keys once too). */
static void leave_out(tracer *tr, const void *key, const char *what)
{
    if (!tr->out || noted(tr, key)) return;
    vec_push(tr->noted, key);
    for (size_t i = 0; i < tr->out->left.n; i++)
        if (strcmp(tr->out->left.v[i], what) == 0) return;
    vec_push(tr->out->left, what);
}

/* What the frame reads of actors that are not the tuple's at slot s (-1:
 * at a fixed actor), said: by the aggregate or the query that reads the
 * rule whole that binds it, else by the frame's reader. */
static void outside_at(tracer *tr, int s)
{
    const frame *fr = tr->fr;
    const char *via = fr->via;
    if (!tr->out) return;
    if (s < 0 || (s < np_of(fr) && fr->t[s] >= 0)) {
        if (via && *via && !noted(tr, via)) leave_out(tr, via, named(tr, "what %s reads of other actors", via));
        return;
    }
    const void *key = s < np_of(fr) ? (const void *)fr->whole : (const void *)fr->bind[s];
    const expr *e = s < np_of(fr) ? fr->whole->src : fr->bind[s]->src->src;
    if (!noted(tr, key))
        leave_out(tr, key, named(tr, "what %s (line %d, column %d) reads of other actors",
                                 ast_text(&tr->out->mem, e), e->loc.line, e->loc.col));
}

static int same(const model *m, const flip_input *a, const flip_input *b)
{
    if (a->is_param || b->is_param) return a->is_param && b->is_param && a->mparam == b->mparam;
    if (a->is_rel != b->is_rel) return 0;
    if (!a->is_rel) return a->actor == b->actor && a->attr == b->attr;
    return a->rel == b->rel && !memcmp(a->args, b->args, (size_t)m->rels[a->rel].arity * sizeof *a->args);
}

static flip_input blank(void)
{
    flip_input v;
    memset(&v, 0, sizeof v);
    v.actor = v.attr = v.rel = v.mparam = -1;
    return v;
}

/* Value v met: kept once when the tuple's own (mine), else *outside. */
static void found(tracer *tr, const flip_input *v, int mine, int *outside)
{
    if (!tr->out) {
        tr->hit |= same(tr->m, v, tr->look);
        return;
    }
    if (!mine) {
        *outside = 1;
        return;
    }
    for (size_t i = 0; i < tr->out->in.n; i++)
        if (same(tr->m, &tr->out->in.v[i], v)) return;
    vec_push(tr->out->in, *v);
}

static void read_attr(tracer *tr, const rexpr *x)
{
    frame *fr = tr->fr;
    flip_input v = blank();
    int outside = 0, n = 1;
    const int *acts = x->k == R_ACTOR_ATTR ? &x->actor : slot_actors(fr, x->param, &n);
    v.attr = x->attr;
    for (int i = 0; i < n && (tr->out || !tr->hit); i++) {
        v.actor = acts[i];
        found(tr, &v, own(tr, v.actor), &outside);
    }
    if (outside) outside_at(tr, x->k == R_ACTOR_ATTR ? -1 : x->param);
}

/* Relation x's values from argument j on, v->args[0 .. j) chosen: at a
 * fixed actor that one, else each actor its slot may hold (the tuple's,
 * when finding; the one looked for, when looking); *at: where one of
 * another actor was first met (-1 a fixed actor's; -2 none). */
static void rel_from(tracer *tr, const rexpr *x, int j, flip_input *v, int *at)
{
    if (j == x->nargs) {
        int mine = 1, outside = 0;
        for (int k = 0; k < x->nargs; k++) mine &= own(tr, v->args[k]);
        found(tr, v, mine, &outside);
        if (outside && *at == -2) *at = -1;
        return;
    }
    int s = x->args[j], n;
    if (x->k == R_REL_ACTORS || s < 0) {
        v->args[j] = x->k == R_REL_ACTORS ? s : -1 - s;
        rel_from(tr, x, j + 1, v, at);
        return;
    }
    const int *acts = slot_actors(tr->fr, s, &n);
    for (int i = 0; i < n; i++) {
        if (tr->out ? !own(tr, acts[i]) : acts[i] != tr->look->args[j]) {
            if (tr->out && *at < 0) *at = s;
            continue;
        }
        v->args[j] = acts[i];
        rel_from(tr, x, j + 1, v, at);
    }
}

static void read_rel(tracer *tr, const rexpr *x)
{
    if (!tr->out && (!tr->look->is_rel || tr->look->rel != x->rel)) return;
    flip_input v = blank();
    v.is_rel = 1;
    v.rel = x->rel;
    int at = -2;
    rel_from(tr, x, 0, &v, &at);
    if (at > -2) outside_at(tr, at);
}

/* Bid `bidder` of tender `rule` as deciding it reads it: its requirements,
 * its score (its factors through it) and the award's keys. */
static void bid_reads(tracer *tr, int rule, int bidder, const char *via)
{
    const rule_info *ru = &tr->m->rules[rule];
    const tender_info *ti = ru->tender;
    frame fr;
    memset(&fr, 0, sizeof fr);
    fr.ru = ru;
    fr.t[0] = bidder;
    fr.t[1] = ti->buyer;
    fr.via = via;
    walk(tr, &fr, ru->forms);
    walk(tr, &fr, ru->score);
    walk(tr, &fr, ti->key.e);
    for (int k = 0; k < ti->ntie; k++) walk(tr, &fr, ti->tie[k].e);
}

/* Every bid of tender `rule`: what decides its award. */
static void tender_reads(tracer *tr, int rule, const char *via)
{
    const rule_info *ru = &tr->m->rules[rule];
    for (int i = 0; ru->tender && i < ru->ncand[0]; i++) bid_reads(tr, rule, ru->cand[0][i], via);
}

/* The award that makes contract c's supplier: its tender's every bid. */
static void award_reads(tracer *tr, int c)
{
    const model *m = tr->m;
    const contract_info *ci = &m->contracts[c];
    const char *via = tr->fr && tr->fr->via ? tr->fr->via
                      : named(tr, "tender '%s', whose winner is contract '%s''s supplier,", m->rules[ci->tender].name,
                              ci->name);
    tender_reads(tr, ci->tender, via);
}

/* What query q of contract c's obligation o (-1: of the contract) reads
 * of its conditions, at its buyer and supplier s. */
static void conditions(tracer *tr, int c, int o, int q, int s, const char *via)
{
    const contract_info *ci = &tr->m->contracts[c];
    frame fr;
    memset(&fr, 0, sizeof fr);
    fr.ru = &ci->ru;
    fr.t[0] = ci->buyer;
    fr.t[1] = s;
    fr.via = via;
    if (q == CQ_RENEWED) walk(tr, &fr, ci->renew);
    if (o < 0) return; /* the contract's status, its supplier: the award alone */
    walk(tr, &fr, ci->obl[o].cond);
    if (q != CQ_MET && ci->obl[o].side == SIDE_SUPPLIER) walk(tr, &fr, ci->monitor); /* violated or undetected */
}

/* A contract read (x): in a partnership for its tuple, which it binds when
 * the tuple holds both parties (otherwise it reads void, whatever the
 * world); in its own renewal at its parties; in a statement as it is. */
static void contract_reads(tracer *tr, const rexpr *x)
{
    const model *m = tr->m;
    frame *rf = tr->fr;
    int c = x->rule, o = x->index, q = x->param;
    const contract_info *ci = &m->contracts[c];
    if (ci->resolved <= 0) return;
    if (rf->ru && rf->ru->contract) { /* its renewal reads its own obligations */
        conditions(tr, c, o, q, rf->t[1], rf->via);
        return;
    }
    /* the suppliers it may have (an award's: every bidder) that make it bind the tuple read */
    int part = x->k == R_CONTRACT && rf->ru, buyer = !part || in_frame(rf, ci->buyer), n = 0;
    int ns = ci->tender >= 0 ? ci->ru.ncand[1] : 1, *sup = mem_alloc(((size_t)ns + 1) * sizeof *sup);
    for (int i = 0; i < ns && buyer; i++) {
        int s = ci->tender >= 0 ? ci->ru.cand[1][i] : ci->supplier;
        if (!part || in_frame(rf, s)) sup[n++] = s;
    }
    if (ci->tender >= 0 && (n || q == CQ_SUPPLIER)) award_reads(tr, c);
    const char *via = rf->via ? rf->via : named(tr, "contract '%s'", ci->name);
    for (int i = 0; i < n && q != CQ_SUPPLIER && q != CQ_CSTATUS; i++) conditions(tr, c, o, q, sup[i], via);
    free(sup);
}

/* What query x of a rule reads, in the frame walked (an event's): its
 * verdict at tuple x->args, or (full: a score, a factor's value, Shapley
 * values) its score and every factor too; of a rule read whole (count(R),
 * importance), at every tuple; of a tender, every bid. */
static void rule_reads(tracer *tr, const rexpr *x, int full)
{
    const rule_info *ru = &tr->m->rules[x->rule];
    const char *via = tr->fr ? tr->fr->via : NULL;
    if (ru->tender) {
        tender_reads(tr, x->rule, via);
        return;
    }
    frame fr;
    memset(&fr, 0, sizeof fr);
    fr.ru = ru;
    for (int p = 0; p < ru->np; p++) fr.t[p] = x->args ? x->args[p] : -1;
    fr.whole = x->args ? NULL : x;
    fr.via = via;
    walk(tr, &fr, ru->forms);
    for (int k = 0; full && k < ru->nf; k++) walk(tr, &fr, ru->f[k].own);
    for (int k = 0; full && k < ru->ne; k++) walk(tr, &fr, ru->e[k].wx);
    if (full) walk(tr, &fr, ru->score);
}

/* What is not traced: an analysis that runs the timeline or flips a
 * verdict (decisive(), but_for(), flip_cost(): the resolver keeps them
 * out of events); looking, it may read anything. */
static void untraced(tracer *tr, const rexpr *x)
{
    if (!tr->out) {
        tr->hit = 1;
        return;
    }
    const expr *e = x->src;
    const char *via = tr->fr->via ? tr->fr->via : "the verdict";
    leave_out(tr, x, named(tr, "what %s reads through %s (line %d, column %d)", via, ast_text(&tr->out->mem, e),
                           e->loc.line, e->loc.col));
}

static void node(void *ctx, const rexpr *x)
{
    tracer *tr = ctx;
    if (!tr->out && tr->hit) return; /* found: nothing more to look at */
    switch (x->k) {
    case R_ATTR:
    case R_ACTOR_ATTR: read_attr(tr, x); break;
    case R_REL:
    case R_REL_ACTORS: read_rel(tr, x); break;
    case R_MPARAM: {
        flip_input v = blank();
        int outside = 0;
        v.is_param = 1;
        v.mparam = x->index;
        found(tr, &v, 1, &outside);
        break;
    }
    case R_AGG: tr->fr->bind[x->agg->slot] = x->agg; break;
    case R_CONTRACT:
    case R_CONTRACT_Q: contract_reads(tr, x); break;
    case R_VERDICT:
    case R_COUNT: rule_reads(tr, x, 0); break;
    case R_QSCORE: case R_VALUE: case R_SHAPLEY: case R_DOMINANT_T: case R_IMPORTANCE:
    case R_DOMINANT_R: rule_reads(tr, x, 1); break;
    case R_WINNER: case R_STATUS: case R_RANK: case R_ELIGIBLE: case R_BIDSCORE: case R_FAILED: case R_GAP:
    case R_WIN_PRICE: case R_STABLE: tender_reads(tr, x->rule, tr->fr->via); break;
    case R_DECISIVE: case R_BUT_FOR: case R_FLIP_COUNT: case R_FLIP_COST: case R_FLIPPABLE: untraced(tr, x); break;
    default: break;
    }
}

/* ---- a timeline's events ---- */

/* What event e reads: its condition, the values of its changes. */
static void event_reads(tracer *tr, int e)
{
    const event_info *ev = &tr->m->events[e];
    frame fr;
    memset(&fr, 0, sizeof fr);
    fr.via = named(tr, "event '%s'", ev->name);
    walk(tr, &fr, ev->cond);
    for (int c = 0; c < ev->nch; c++) walk(tr, &fr, ev->ch[c].value);
}

/* The verdict flipped, as it reads the world itself. */
static void verdict_reads(tracer *tr, int rule)
{
    frame fr;
    memset(&fr, 0, sizeof fr);
    fr.ru = &tr->m->rules[rule];
    memcpy(fr.t, tr->tuple, (size_t)tr->np * sizeof *tr->tuple);
    walk(tr, &fr, fr.ru->forms);
}

/* Does event e write what the verdict reads, or what an event in[] reads? */
static int writes_read(const tracer *tr, int rule, const unsigned char *in, int e)
{
    const model *m = tr->m;
    const event_info *ev = &m->events[e];
    for (int c = 0; c < ev->nch; c++) {
        const event_change *ch = &ev->ch[c];
        flip_input v = blank();
        v.is_param = ch->is_param;
        v.mparam = ch->is_param ? ch->param : -1;
        v.is_rel = ch->is_rel;
        if (ch->is_rel) {
            v.rel = ch->rel;
            memcpy(v.args, ch->args, sizeof v.args);
        } else if (!ch->is_param) {
            v.actor = ch->actor;
            v.attr = ch->attr;
        }
        tracer lt = {m, tr->tuple, tr->np, NULL, &v, 0, NULL, {0}};
        verdict_reads(&lt, rule);
        for (int k = 0; k < m->nevents && !lt.hit; k++)
            if (in[k]) event_reads(&lt, k);
        if (lt.hit) return 1;
    }
    return 0;
}

void flip_trace_of(flip_trace *t, const model *m, int rule, const int *tuple)
{
    memset(t, 0, sizeof *t);
    arena_init(&t->mem);
    tracer tr = {m, tuple, m->rules[rule].np, t, NULL, 0, NULL, {0}};
    verdict_reads(&tr, rule);
    if (m->timeline && m->nevents) { /* the events that write what it reads, to a fixed point */
        unsigned char *in = mem_calloc((size_t)m->nevents + 1, 1);
        for (int more = 1; more;) {
            more = 0;
            for (int e = 0; e < m->nevents; e++)
                if (!in[e] && writes_read(&tr, rule, in, e)) in[e] = (unsigned char)(more = 1);
        }
        for (int e = 0; e < m->nevents; e++)
            if (in[e]) {
                vec_push(t->events, e);
                event_reads(&tr, e);
            }
        free(in);
    }
    vec_free(tr.noted);
}

void flip_trace_free(flip_trace *t)
{
    vec_free(t->in);
    vec_free(t->left);
    vec_free(t->events);
    arena_free(&t->mem);
}

int flip_trace_reads(const model *m, const rule_info *ru, const int *t, const rexpr *x, const flip_input *in)
{
    tracer lt = {m, NULL, 0, NULL, in, 0, NULL, {0}};
    frame fr;
    memset(&fr, 0, sizeof fr);
    fr.ru = ru;
    if (ru) memcpy(fr.t, t, (size_t)ru->np * sizeof *t);
    fr.via = "";
    walk(&lt, &fr, x);
    return lt.hit;
}

int flip_trace_award_reads(const model *m, int c, const flip_input *in)
{
    if (m->contracts[c].tender < 0) return 0;
    tracer lt = {m, NULL, 0, NULL, in, 0, NULL, {0}};
    frame fr;
    memset(&fr, 0, sizeof fr);
    fr.via = "";
    lt.fr = &fr;
    award_reads(&lt, c);
    return lt.hit;
}

int flip_trace_picks(const flip_pick *p, const flip_input *in)
{
    if (p->mparam >= 0 || in->is_param) return in->is_param && in->mparam == p->mparam;
    if (p->rel >= 0) return in->is_rel && in->rel == p->rel;
    return !in->is_rel && in->attr == p->attr && (p->actor < 0 || in->actor == p->actor);
}
