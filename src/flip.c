/* flip.c - the smallest change that flips a verdict: what moves and in
 * which range, the tuple decided with it moved, and the exact method:
 * sets of inputs by size against the flipped verdict's polytopes, a
 * linear programme each, the cheapest confirmed by the evaluator. */
#include "flip.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "flip_form.h"
#include "flip_trace.h"
#include "fmt.h"
#include "lp.h"
#include "report.h"
#include "timeline.h"

/* ---- what moves ---- */

/* The inputs being ordered: the rule's tuple, and them. */
typedef struct gather {
    const model *m;
    const rule_info *ru;
    const int *tuple;
    VEC(flip_input) v;
} gather;

/* The position of actor a in the tuple. */
static int place(const gather *g, int a)
{
    for (int p = 0; p < g->ru->np; p++)
        if (g->tuple[p] == a) return p;
    return 0;
}

/* Attributes by the actor's place in the tuple, then by declaration;
 * then relation values, by relation and actors' places: a before b? */
static int before(const gather *g, const flip_input *a, const flip_input *b)
{
    if (a->is_param != b->is_param) return a->is_param < b->is_param;
    if (a->is_param) return a->mparam < b->mparam;
    if (a->is_rel != b->is_rel) return a->is_rel < b->is_rel;
    if (!a->is_rel) {
        int d = place(g, a->actor) - place(g, b->actor);
        return d ? d < 0 : a->attr < b->attr;
    }
    if (a->rel != b->rel) return a->rel < b->rel;
    for (int j = 0; j < g->m->rels[a->rel].arity; j++) {
        int d = place(g, a->args[j]) - place(g, b->args[j]);
        if (d) return d < 0;
    }
    return 0;
}

/* The input's value now, its range, and why it cannot move, if so. */
static void range_of(const model *m, const coop_world *w, flip_input *in)
{
    double lo = NAN, hi = NAN;
    vtype t;
    if (in->is_param) { /* only a declared range: one value has no range in the data */
        const param_info *pi = &m->params[in->mparam];
        in->now = w->param[in->mparam];
        in->boolean = pi->type == T_BOOL;
        in->from = in->boolean ? FLIP_BOOLEAN : FLIP_DECLARED;
        in->lo = in->boolean ? 0 : isnan(pi->lo) ? in->now : fmin(pi->lo, in->now);
        in->hi = in->boolean ? 1 : isnan(pi->hi) ? in->now : fmax(pi->hi, in->now);
        if (!(in->hi > in->lo)) in->fixed = isnan(pi->lo) ? "a parameter without a declared range" : "a range of no width";
        return;
    }
    if (!in->is_rel) {
        t = m->attrs[in->attr].type;
        if (t == T_SET || t == T_STR) {
            in->fixed = t == T_SET ? "a set" : "a string";
            return;
        }
        if (!w->has[in->attr][in->actor]) {
            in->fixed = "unset";
            return;
        }
        in->now = w->num[in->attr][in->actor];
        if (m->attr_lo && m->attr_lo[in->attr]) lo = m->attr_lo[in->attr][in->actor], hi = m->attr_hi[in->attr][in->actor];
    } else {
        const relation_info *rel = &m->rels[in->rel];
        t = rel->type;
        in->now = world_rel(w, in->rel, in->args);
        lo = rel->lo, hi = rel->hi;
    }
    in->boolean = t == T_BOOL;
    in->from = in->boolean ? FLIP_BOOLEAN : isnan(lo) ? FLIP_DATA : FLIP_DECLARED;
    if (in->boolean)
        lo = 0, hi = 1;
    else if (isnan(lo) && !in->is_rel) { /* the data's: over every actor that has it */
        lo = hi = in->now;
        for (int a = 0; a < w->nactors; a++)
            if (w->has[in->attr][a]) {
                double v = w->num[in->attr][a];
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
    } else if (isnan(lo)) { /* over the values set and the default */
        const relmap *rm = &w->rel[in->rel];
        lo = hi = m->rels[in->rel].def;
        for (size_t i = 0; i < rm->cap && rm->n; i++) {
            if (rm->keys[i * (size_t)rm->arity] == -1) continue;
            if (rm->vals[i] < lo) lo = rm->vals[i];
            if (rm->vals[i] > hi) hi = rm->vals[i];
        }
    }
    /* a value outside its declared range moves inside it, or back to itself */
    in->lo = in->now < lo ? in->now : lo;
    in->hi = in->now > hi ? in->now : hi;
    if (!(in->hi > in->lo)) in->fixed = "a range of no width";
}

static int fail(flip_result *r, coop_loc loc, const char *msg)
{
    r->failed = 1;
    r->err_loc = loc;
    free(r->err_msg);
    r->err_msg = mem_strdup(msg);
    return -1;
}

/* The inputs into r, of what the verdict reads (t): those that move
 * first (r->nin), then those that cannot (r->nfixed); and what it leaves
 * out.  0, or -1 past COOP_FLIP_MAX_INPUTS. */
static int inputs(flip_result *r, const model *m, const coop_world *w, const flip_trace *t, const flip_pick *picks,
                  int npick)
{
    gather g = {m, &m->rules[r->rule], r->tuple, {0}};
    for (size_t i = 0; i < t->in.n; i++) { /* the model's parameters: those named, below */
        const flip_input *v = &t->in.v[i];
        int in = npick == 0;
        for (int k = 0; k < npick && !in; k++) in = flip_trace_picks(&picks[k], v);
        if (in && !v->is_param) vec_push(g.v, *v);
    }
    for (int k = 0; k < npick; k++) { /* the model's parameters named, once each */
        int seen = picks[k].mparam < 0;
        for (int j = 0; j < k && !seen; j++) seen = picks[j].mparam == picks[k].mparam;
        if (seen) continue;
        flip_input in;
        memset(&in, 0, sizeof in);
        in.actor = in.attr = in.rel = -1;
        in.is_param = 1;
        in.mparam = picks[k].mparam;
        vec_push(g.v, in);
    }
    r->nleft = (int)t->left.n;
    r->left = arena_alloc(&r->mem, (t->left.n + 1) * sizeof *r->left);
    for (size_t i = 0; i < t->left.n; i++) r->left[i] = arena_strdup(&r->mem, t->left.v[i]);
    for (size_t i = 1; i < g.v.n; i++) /* insertion: a few values, and no qsort context to share between threads */
        for (size_t j = i; j > 0 && before(&g, &g.v.v[j], &g.v.v[j - 1]); j--) {
            flip_input swap = g.v.v[j];
            g.v.v[j] = g.v.v[j - 1];
            g.v.v[j - 1] = swap;
        }
    r->in = arena_alloc(&r->mem, (g.v.n + 1) * sizeof *r->in);
    for (size_t i = 0; i < g.v.n; i++) range_of(m, w, &g.v.v[i]);
    for (int fixed = 0; fixed < 2; fixed++) /* those that move first */
        for (size_t i = 0; i < g.v.n; i++)
            if ((g.v.v[i].fixed != NULL) == fixed) {
                r->in[r->nin + r->nfixed] = g.v.v[i];
                if (fixed) r->nfixed++;
                else r->nin++;
            }
    vec_free(g.v);
    if (r->nin <= COOP_FLIP_MAX_INPUTS) return 0;
    const flip_input *in0 = &r->in[0];
    const char *first = in0->is_param ? m->params[in0->mparam].name
                     : in0->is_rel   ? m->rels[in0->rel].name
                                     : m->attrs[in0->attr].name;
    char *msg = npick > 0 /* 'by' named them */
                    ? arena_printf(&r->mem,
                                   "the names after 'by' pick %d values of the verdict of %s that may move, and a "
                                   "flip moves at most %d (COOP_FLIP_MAX_INPUTS): name fewer",
                                   r->nin, m->rules[r->rule].name, COOP_FLIP_MAX_INPUTS)
                    : arena_printf(&r->mem,
                                   "the verdict of %s reads %d values that may move, and a flip moves at most %d "
                                   "(COOP_FLIP_MAX_INPUTS): name the ones to move with 'by', like 'by %s'",
                                   m->rules[r->rule].name, r->nin, COOP_FLIP_MAX_INPUTS, first);
    coop_loc none = {0, 0, 0, 0};
    return fail(r, none, msg);
}

void flip_target(FILE *out, const model *m, const flip_input *in)
{
    if (in->is_param) fputs(m->params[in->mparam].name, out);
    else change_target_of(out, m, in->is_rel, in->actor, in->attr, in->rel, in->args, 0);
}

void flip_value(FILE *out, const flip_input *in, double v)
{
    char buf[64];
    if (in->boolean) fputs(v != 0 ? "true" : "false", out);
    else {
        fmt_num(buf, sizeof buf, v);
        fputs(buf, out);
    }
}

/* ---- deciding the tuple with the inputs moved ---- */

static void set_inputs(flip_eval *f, coop_world *w, const double *x)
{
    for (int i = 0; i < f->nin; i++) {
        const flip_input *in = &f->in[i];
        if (in->is_param) {
            if (w->param[in->mparam] != x[i]) world_param_set(w, in->mparam, x[i]);
        } else if (in->is_rel) {
            double v;
            if (!world_rel_get(w, in->rel, in->args, &v) || v != x[i]) world_rel_set(w, in->rel, in->args, x[i], NULL);
        } else if (w->num[in->attr][in->actor] != x[i]) {
            w->num[in->attr][in->actor] = x[i];
            world_touch(w, in->attr);
        }
    }
}

int flip_decide(flip_eval *f, const double *x, double *score)
{
    if (f->stop && *f->stop) return -2;
    const model *m = f->m;
    set_inputs(f, f->w, x);
    f->n++;
    *score = 0;
    query *q = &f->q, at;
    tl_run tl;
    memset(&tl, 0, sizeof tl);
    if (m->timeline) { /* the timeline run from the changed declared world, read at its last step */
        int last = m->timeline->nsteps - 1;
        if (tl_run_until(&tl, m, f->w, NULL, last, 0, f->stop) < 0) {
            int stopped = tl.stopped;
            tl_free(&tl);
            return stopped ? -2 : -1;
        }
        query_init(&at, m, tl_world_at(&tl, last), 0);
        at.stop = f->stop;
        q = &at;
    }
    int v = query_tuple(q, f->rule, f->tuple); /* what it keeps of the rule goes when a column it reads changed */
    if (v >= 0 && m->rules[f->rule].score) *score = query_ev(q, f->rule)->r[m->rules[f->rule].nf];
    if (v < 0 && q->err_kind == QUERY_INTERRUPTED) v = -2;
    q->err = 0;
    if (m->timeline) {
        query_free(&at);
        tl_free(&tl);
    }
    return v;
}

/* ---- a timeline's events and the inputs ---- */

/* The first event (by name) of those the verdict reads through (t) that
 * writes (*writes) or reads one of the inputs, into *which; -1 when none
 * does. */
static int event_touching(const model *m, const flip_trace *t, const flip_input *in, int nin, int *which, int *writes)
{
    int *ev = mem_alloc((t->events.n + 1) * sizeof *ev), found = -1, n = (int)t->events.n;
    if (n) memcpy(ev, t->events.v, (size_t)n * sizeof *ev);
    tl_by_name(m, ev, n);
    for (int k = 0; k < n && found < 0; k++) {
        const event_info *e = &m->events[ev[k]];
        for (int i = 0; i < nin && found < 0; i++) {
            int w = 0, rd = flip_trace_reads(m, NULL, NULL, e->cond, &in[i]);
            for (int c = 0; c < e->nch; c++) {
                const event_change *ch = &e->ch[c];
                w |= ch->is_param ? in[i].is_param && ch->param == in[i].mparam
                     : ch->is_rel ? in[i].is_rel && ch->rel == in[i].rel &&
                                        !memcmp(ch->args, in[i].args, (size_t)m->rels[ch->rel].arity * sizeof(int))
                                  : !in[i].is_rel && !in[i].is_param && ch->actor == in[i].actor && ch->attr == in[i].attr;
                rd |= flip_trace_reads(m, NULL, NULL, ch->value, &in[i]);
            }
            if (w || rd) {
                found = ev[k];
                *which = i;
                *writes = w;
            }
        }
    }
    free(ev);
    return found;
}

/* ---- the exact method ---- */

typedef struct cand {
    double cost;
    long order;             /* found: ties go to the first */
    int mask;               /* the true/false inputs flipped (bits of bidx) */
    int nn;
    int num[COOP_FLIP_MAX_INPUTS]; /* the number inputs that may move */
    int poly;
    double *x;              /* [nin] */
} cand;

typedef struct exact {
    flip_result *r;
    flip_eval *ev;
    int nb, bidx[COOP_FLIP_MAX_INPUTS], bit[COOP_FLIP_MAX_INPUTS]; /* true/false inputs; each input's bit, or -1 */
    fform *forms;           /* per assignment of the true/false inputs, made on first need */
    unsigned char *built, *open; /* made; some polytope reached with every number free */
    coop_world *fw;         /* the world forms are made in */
    evaluator fe;
    arena keep;
    int status;             /* FORM_OK, or why not (flip_form.h), or EXACT_LPS */
    const rexpr *why;
    double *bound;          /* [nin] the point confirmed, before any margin */
} exact;

enum { EXACT_LPS = FORM_AWARD + 1 };

/* The forms of assignment `mask`: 0, or -1 when it has none (x->status). */
static int forms_of(exact *x, int mask)
{
    if (x->built[mask]) return 0;
    flip_eval *ev = x->ev;
    double *v = mem_alloc(((size_t)ev->nin + 1) * sizeof *v);
    for (int i = 0; i < ev->nin; i++)
        v[i] = x->bit[i] >= 0 && (mask >> x->bit[i] & 1) ? 1 - ev->in[i].now : ev->in[i].now;
    set_inputs(ev, x->fw, v);
    free(v);
    if (ev_tuple(&x->fe, ev->tuple) < 0) {
        x->status = FORM_NOT_LINEAR; /* a runtime error at this assignment: the search meets it */
        x->why = ev->m->rules[ev->rule].forms;
        return -1;
    }
    int st = flip_form(&x->forms[mask], &x->fe, ev->in, ev->nin, ev->want, &x->keep, &x->why);
    if (st != FORM_OK) {
        x->status = st;
        return -1;
    }
    x->built[mask] = 1;
    return 0;
}

/* The scale of constraint c: what a margin on it is relative to. */
static double scale_of(const fcons *c, const flip_input *in, int nin)
{
    double s = fabs(c->f.c);
    for (int i = 0; i < nin; i++) s += fabs(c->f.a[i]) * fmax(fabs(in[i].lo), fabs(in[i].hi));
    return s > 0 ? s : 1;
}

/* The cheapest point of polytope p moving only inputs num[0..nn), with a
 * margin of `margin` times each inequality's scale (0: its closure): 1
 * with x[] and *cost, 0 when there is none, -1 past COOP_FLIP_MAX_LPS
 * (programmes and closed-form checks counted).  A constraint that reads
 * none of them holds or fails as it is: one that fails rules p out, and
 * when all hold, the point is the values now, a closed-form check. */
static int cheapest(exact *x, const fpoly *p, const int *num, int nn, double margin, double *out, double *cost)
{
    flip_eval *ev = x->ev;
    const flip_input *in = ev->in;
    int n = 2 * nn, m = 0;
    double *a = mem_calloc((size_t)(p->n + 1) * (size_t)(n + 1), sizeof *a);
    double *b = mem_calloc((size_t)p->n + 1, sizeof *b), c[2 * COOP_FLIP_MAX_INPUTS], u[2 * COOP_FLIP_MAX_INPUTS];
    double y[2 * COOP_FLIP_MAX_INPUTS], obj;
    lp_sense *sense = mem_calloc((size_t)p->n + 1, sizeof *sense);
    int ok = 1;
    for (int k = 0; k < p->n && ok; k++) {
        const fcons *f = &p->c[k];
        double v0 = f->f.c, sc = scale_of(f, in, ev->nin);
        for (int i = 0; i < ev->nin; i++) v0 += f->f.a[i] * in[i].now;
        double mg = f->op == FC_EQ ? 0 : margin * sc;
        int any = 0;
        for (int t = 0; t < nn; t++) any |= f->f.a[num[t]] != 0;
        if (!any) { /* it holds or not wherever these move */
            ok = f->op == FC_EQ ? fabs(v0) <= 1e-12 * sc : v0 <= -mg + (margin == 0 ? 1e-12 * sc : 0);
            continue;
        }
        for (int t = 0; t < nn; t++) { /* x = now + p - q */
            a[(size_t)m * (size_t)n + 2 * (size_t)t] = f->f.a[num[t]];
            a[(size_t)m * (size_t)n + 2 * (size_t)t + 1] = -f->f.a[num[t]];
        }
        b[m] = -v0 - mg;
        sense[m++] = f->op == FC_EQ ? LP_EQ : LP_LE;
    }
    int rc = 0;
    if (ok && x->r->lps + x->r->closed >= COOP_FLIP_MAX_LPS) rc = -1;
    else if (ok && m == 0) { /* it holds as the numbers are */
        x->r->closed++;
        for (int i = 0; i < ev->nin; i++) out[i] = in[i].now;
        *cost = 0;
        rc = 1;
    } else if (ok) {
        for (int t = 0; t < nn; t++) {
            const flip_input *i = &in[num[t]];
            c[2 * t] = c[2 * t + 1] = 1 / (i->hi - i->lo);
            u[2 * t] = i->hi - i->now;
            u[2 * t + 1] = i->now - i->lo;
        }
        lp prog = {n, m, c, u, a, b, sense};
        x->r->lps++;
        if (lp_solve(&prog, y, &obj) == LP_OPTIMAL) {
            for (int i = 0; i < ev->nin; i++) out[i] = in[i].now;
            for (int t = 0; t < nn; t++) {
                double v = in[num[t]].now + y[2 * t] - y[2 * t + 1];
                out[num[t]] = v < in[num[t]].lo ? in[num[t]].lo : v > in[num[t]].hi ? in[num[t]].hi : v;
            }
            *cost = obj;
            rc = 1;
        }
    }
    free(a);
    free(b);
    free(sense);
    return rc;
}

/* Candidate c's true/false inputs flipped in pt. */
static void flip_booleans(const exact *x, const cand *c, double *pt)
{
    for (int i = 0; i < x->ev->nin; i++)
        if (x->bit[i] >= 0 && (c->mask >> x->bit[i] & 1)) pt[i] = 1 - x->ev->in[i].now;
}

/* The point of candidate c the evaluator confirms: its own, or nudged
 * into the polytope by a margin of 2^-52, 2^-51, ... 2^-12 of each
 * inequality's scale (a strict one is solved as its closure first);
 * 1 with the result in r (its own point, the bound, in *bound), 0 when
 * none flips it, -1 stopped or past the limit of programmes. */
static int confirm(exact *x, cand *c, double *bound)
{
    flip_eval *ev = x->ev;
    flip_result *r = x->r;
    double *pt = mem_alloc(((size_t)ev->nin + 1) * sizeof *pt), cost, score;
    memcpy(pt, c->x, (size_t)ev->nin * sizeof *pt);
    flip_booleans(x, c, pt);
    int rc = 0;
    for (int k = -1; k <= 40; k++) {
        if (k >= 0) {
            int s = cheapest(x, &x->forms[c->mask].p[c->poly], c->num, c->nn, ldexp(1, k - 52), pt, &cost);
            if (s < 0) rc = -1;
            if (s <= 0) break;
            flip_booleans(x, c, pt);
        }
        int v = flip_decide(ev, pt, &score);
        if (v == -2) {
            rc = -1;
            r->stopped = 1;
            break;
        }
        if (v == ev->want) {
            memcpy(r->to, pt, (size_t)ev->nin * sizeof *pt);
            memcpy(bound, c->x, (size_t)ev->nin * sizeof *pt);
            flip_booleans(x, c, bound);
            r->found = 1;
            rc = 1;
            break;
        }
    }
    free(pt);
    return rc;
}

static int by_cost(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->cost != b->cost) return a->cost < b->cost ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

int flip_next_set(int *s, int k, int n)
{
    int i = k - 1;
    while (i >= 0 && s[i] == n - k + i) i--;
    if (i < 0) return 0;
    s[i]++;
    for (int j = i + 1; j < k; j++) s[j] = s[j - 1] + 1;
    return 1;
}

/* The candidates of set s[0..k): each polytope of its assignment, the
 * cheapest point moving its numbers.  0, or -1 (x->status, or stopped). */
typedef VEC(cand) cands;

static int try_set(exact *x, const int *s, int k, cands *out, double *pt)
{
    flip_eval *ev = x->ev;
    cand c;
    memset(&c, 0, sizeof c);
    for (int j = 0; j < k; j++)
        if (x->bit[s[j]] >= 0) c.mask |= 1 << x->bit[s[j]];
        else c.num[c.nn++] = s[j];
    if (!x->open[c.mask]) return 0;
    const fform *fm = &x->forms[c.mask];
    for (int p = 0; p < fm->n; p++) {
        double cost;
        int got = cheapest(x, &fm->p[p], c.num, c.nn, 0, pt, &cost);
        if (got < 0) {
            x->status = EXACT_LPS;
            return -1;
        }
        if (!got) continue;
        c.poly = p;
        c.cost = cost + __builtin_popcount((unsigned)c.mask);
        c.order = (long)out->n;
        c.x = arena_alloc(&x->keep, ((size_t)ev->nin + 1) * sizeof *c.x);
        memcpy(c.x, pt, (size_t)ev->nin * sizeof *pt);
        vec_push(*out, c);
    }
    if (ev->stop && *ev->stop) {
        x->r->stopped = 1;
        return -1;
    }
    return 0;
}

/* 1 when solved (found or not), 0 when the exact method does not apply
 * (x->status says why), -1 when stopped. */
static int solve_exact(exact *x)
{
    flip_eval *ev = x->ev;
    flip_result *r = x->r;
    int nin = ev->nin, all[COOP_FLIP_MAX_INPUTS], nall = 0, masks = 1 << x->nb, rc = 1;
    double *pt = mem_alloc(((size_t)nin + 1) * sizeof *pt);
    for (int i = 0; i < nin; i++)
        if (x->bit[i] < 0) all[nall++] = i;
    /* every assignment with every number free: is there a flip at all? */
    int any = 0;
    for (int mask = 0; mask < masks && rc > 0; mask++) {
        if (ev->stop && *ev->stop) {
            r->stopped = 1;
            rc = -1;
            break;
        }
        if (forms_of(x, mask) < 0) {
            rc = 0;
            break;
        }
        if (mask == 0) r->polytopes = x->forms[0].n;
        for (int p = 0; p < x->forms[mask].n && !x->open[mask]; p++) {
            double cost;
            int got = cheapest(x, &x->forms[mask].p[p], all, nall, 0, pt, &cost);
            if (got < 0) {
                x->status = EXACT_LPS;
                rc = 0;
            }
            x->open[mask] = got > 0;
        }
        any |= x->open[mask];
    }
    cands cs = {0};
    for (int k = 1; k <= nin && rc > 0 && any && !r->found; k++) {
        int s[COOP_FLIP_MAX_INPUTS];
        for (int j = 0; j < k; j++) s[j] = j;
        cs.n = 0;
        do {
            if (try_set(x, s, k, &cs, pt) < 0) rc = r->stopped ? -1 : 0;
        } while (rc > 0 && flip_next_set(s, k, nin));
        if (rc <= 0) break;
        if (cs.n) qsort(cs.v, cs.n, sizeof *cs.v, by_cost); /* none: NULL */
        for (size_t i = 0; i < cs.n && !r->found; i++) {
            int got = confirm(x, &cs.v[i], x->bound);
            if (got < 0) {
                rc = r->stopped ? -1 : 0;
                if (!rc) x->status = EXACT_LPS;
                break;
            }
            if (!got) r->unverified++;
        }
    }
    vec_free(cs);
    free(pt);
    return rc;
}

/* ---- a flip ---- */

/* Each number the flip changes, written with the fewest significant
 * digits that keep it within 1e-9 of its range of the value found and
 * the verdict flipped (rounded to nearest, else one unit further from the
 * value now).  0, or -1 when stopped. */
static int polish(flip_eval *ev, flip_result *r)
{
    for (int i = 0; i < r->nin; i++) {
        const flip_input *in = &r->in[i];
        double found = r->to[i], tol = 1e-9 * (in->hi - in->lo), dir = found > in->now ? 1 : -1, unit;
        if (in->boolean || found == in->now) continue;
        for (int p = 1; p <= 17; p++) {
            double near = fmt_digits(found, p, &unit);
            if (near == found) break; /* as short as it gets */
            double c2[2] = {near, fmt_digits(near + dir * unit, p, &unit)};
            int kept = 0;
            for (int k = 0; k < 2 && !kept; k++) {
                if (fabs(c2[k] - found) > tol || c2[k] < in->lo || c2[k] > in->hi || c2[k] == in->now) continue;
                double score;
                r->to[i] = c2[k];
                int v = flip_decide(ev, r->to, &score);
                if (v == -2) return -1;
                kept = v == ev->want;
                if (!kept) r->to[i] = found;
            }
            if (kept) break;
        }
    }
    return 0;
}

/* Each change's share of its range, to its bound, with the fewest digits
 * within 10^-9 (what rounding adds to a move is in no share), and their
 * sum, the cost, as a person adds them up. */
static void costs(flip_result *r, const double *bound)
{
    int most = 0; /* decimals of the shares, -1 when one has no short form */
    r->count = 0;
    r->cost = 0;
    for (int i = 0; i < r->nin; i++) {
        const flip_input *in = &r->in[i];
        r->share[i] = 0;
        if (r->to[i] == in->now) continue;
        r->count++;
        r->share[i] = in->boolean ? 1 : fmt_near(fabs(bound[i] - in->now) / (in->hi - in->lo), 1e-9);
        int d = fmt_decimals(r->share[i]);
        most = d < 0 || most < 0 ? -1 : d > most ? d : most;
        r->cost += r->share[i];
    }
    r->cost = fmt_round_decimals(r->cost, most);
}

/* Why it searched, as the report says it. */
static const char *why_not_exact(flip_result *r, const model *m, int status, const rexpr *x)
{
    if (status == EXACT_LPS)
        return arena_printf(&r->mem, "the exact method would solve more than %d linear programmes and "
                                     "closed-form checks (COOP_FLIP_MAX_LPS)",
                            COOP_FLIP_MAX_LPS);
    if (status == FORM_TOO_MANY)
        return arena_printf(&r->mem, "the flipped verdict is a union of more than %d polytopes (COOP_FLIP_MAX_POLYTOPES)",
                            COOP_FLIP_MAX_POLYTOPES);
    const char *text = x && x->src ? ast_text(&r->mem, x->src) : "the verdict";
    if (status == FORM_WEIGHT)
        return arena_printf(&r->mem, "the influence weight %s (line %d, column %d) moves, which makes effective values "
                                     "products of what moves", text, x->src->loc.line, x->src->loc.col);
    if (status == FORM_AWARD) {
        const contract_info *ci = &m->contracts[x->rule];
        return arena_printf(&r->mem, "%s (line %d, column %d) reads contract '%s', whose supplier is the winner of "
                                     "tender '%s', which what moves can change", text, x->src->loc.line,
                            x->src->loc.col, ci->name, m->rules[ci->tender].name);
    }
    if (x && x->src)
        return arena_printf(&r->mem, "%s (line %d, column %d) is not linear in what moves", text, x->src->loc.line,
                            x->src->loc.col);
    return arena_printf(&r->mem, "%s is not linear in what moves", text);
}

int flip_find(flip_result *r, const model *m, const coop_world *w0, int rule, const int *tuple, int to,
              const flip_pick *picks, int npick, uint64_t seed, const volatile sig_atomic_t *stop)
{
    memset(r, 0, sizeof *r);
    arena_init(&r->mem);
    r->rule = rule;
    const rule_info *ru = &m->rules[rule];
    memcpy(r->tuple, tuple, (size_t)ru->np * sizeof *tuple);
    r->has_score = ru->score != NULL;
    flip_trace tr;
    flip_trace_of(&tr, m, rule, r->tuple);
    if (inputs(r, m, w0, &tr, picks, npick) < 0) {
        flip_trace_free(&tr);
        return -1;
    }
    r->to = arena_alloc(&r->mem, ((size_t)r->nin + 1) * sizeof *r->to);
    r->share = arena_alloc(&r->mem, ((size_t)r->nin + 1) * sizeof *r->share);
    double *bound = arena_alloc(&r->mem, ((size_t)r->nin + 1) * sizeof *bound);
    flip_eval ev = {m, w0, rule, r->tuple, r->in, r->nin, 0, world_clone(w0), {0}, stop, 0};
    query_init(&ev.q, m, ev.w, 0);
    ev.q.stop = stop;
    double *now = mem_alloc(((size_t)r->nin + 1) * sizeof *now);
    for (int i = 0; i < r->nin; i++) now[i] = r->to[i] = r->in[i].now;
    int rc = 0, v = flip_decide(&ev, now, &r->score_before);
    coop_loc none = {0, 0, 0, 0};
    if (v < 0) { /* the tuple as it is: its runtime error, as deciding it says it */
        query q;
        tl_run tl;
        memset(&tl, 0, sizeof tl);
        const coop_world *w = w0;
        if (v == -2) r->stopped = 1;
        else if (m->timeline && tl_run_until(&tl, m, w0, NULL, m->timeline->nsteps - 1, 0, stop) < 0)
            fail(r, tl.err_loc, tl.err_msg ? tl.err_msg : "runtime error");
        else {
            if (m->timeline) w = tl_world_at(&tl, m->timeline->nsteps - 1);
            query_init(&q, m, w, 0);
            if (query_tuple(&q, rule, tuple) < 0) {
                char *msg = report_runtime(m, q.err_agg, 0, q.err_rule, q.err_contract, q.err_tuple, NULL);
                fail(r, q.err_loc, msg);
                free(msg);
            } else
                fail(r, none, "runtime error");
            query_free(&q);
        }
        tl_free(&tl);
        rc = -1;
    }
    r->before = v;
    r->want = ev.want = to == FLIP_OTHER ? !v : to;
    r->exact = 1;
    if (rc == 0 && v == r->want) { /* as asked already: nothing to change */
        r->already = r->found = 1;
        r->after = v;
        r->score_after = r->score_before;
    } else if (rc == 0 && r->nin > 0) {
        int which = -1, writes = 0, e = m->timeline ? event_touching(m, &tr, r->in, r->nin, &which, &writes) : -1;
        int exact_rc = 0;
        if (e >= 0) {
            char *t = NULL;
            size_t len = 0;
            FILE *f = mem_stream(&t, &len);
            flip_target(f, m, &r->in[which]);
            fclose(f);
            r->why_search = arena_printf(&r->mem, "event '%s' %s %s, so a change of it runs through the timeline",
                                         m->events[e].name, writes ? "writes" : "reads", t);
            free(t);
        } else {
            exact x;
            memset(&x, 0, sizeof x);
            x.r = r;
            x.ev = &ev;
            for (int i = 0; i < r->nin; i++) {
                x.bit[i] = r->in[i].boolean ? x.nb : -1;
                if (r->in[i].boolean) x.bidx[x.nb++] = i;
            }
            arena_init(&x.keep);
            x.bound = bound;
            x.forms = mem_calloc((size_t)1 << x.nb, sizeof *x.forms);
            x.built = mem_calloc((size_t)1 << x.nb, 1);
            x.open = mem_calloc((size_t)1 << x.nb, 1);
            tl_run tl;
            memset(&tl, 0, sizeof tl);
            /* on a timeline no event reads or writes the inputs: its last step's world has them as declared */
            if (m->timeline && tl_run_until(&tl, m, w0, NULL, m->timeline->nsteps - 1, 0, stop) < 0) {
                exact_rc = tl.stopped ? -1 : 0;
                x.status = FORM_NOT_LINEAR;
            } else {
                x.fw = world_clone(m->timeline ? tl_world_at(&tl, m->timeline->nsteps - 1) : w0);
                ev_init(&x.fe, m, x.fw, rule);
                x.fe.stop = stop;
                exact_rc = solve_exact(&x);
                ev_free(&x.fe);
                world_free(x.fw);
            }
            tl_free(&tl);
            if (exact_rc == 0) r->why_search = why_not_exact(r, m, x.status, x.why);
            if (exact_rc < 0) r->stopped = 1;
            arena_free(&x.keep);
            free(x.forms);
            free(x.built);
            free(x.open);
        }
        if (exact_rc == 0) { /* search instead */
            r->exact = 0;
            r->found = 0;
            for (int i = 0; i < r->nin; i++) r->to[i] = r->in[i].now;
            if (flip_search(&ev, r, seed) < 0) r->stopped = 1;
        }
        if (r->stopped) rc = -1;
    }
    if (rc == 0 && r->found && !r->already && polish(&ev, r) < 0) {
        r->stopped = 1;
        rc = -1;
    }
    if (rc == 0 && r->found && !r->already) { /* what the change does, decided again */
        r->after = flip_decide(&ev, r->to, &r->score_after);
        if (r->after == -2) {
            r->stopped = 1;
            rc = -1;
        }
        costs(r, r->exact ? bound : r->to);
    }
    r->evaluations = ev.n;
    flip_trace_free(&tr);
    free(now);
    query_free(&ev.q);
    world_free(ev.w);
    return rc;
}

void flip_free(flip_result *r)
{
    free(r->err_msg);
    r->err_msg = NULL;
    arena_free(&r->mem);
}
