/* tender.c - deciding a tender: requirements, scores, ranking, status; and
 * deciding it again with one bid changed or left out. */
#include "tender.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linear.h"

const char *tender_status_name(tender_status s)
{
    static const char *const words[] = {"awarded", "unsuccessful", "tied", "no_bids"};
    return words[s];
}

int tender_close(double x, double y)
{
    if (x == y || (isnan(x) && isnan(y))) return 1; /* no value ties no value */
    /* an infinity is near nothing else (inf - x <= eps * inf holds for every x) */
    return isfinite(x) && isfinite(y) && fabs(x - y) <= TENDER_TIE_EPS * fmax(fabs(x), fabs(y));
}

void tender_order(const tender_result *t, int *order)
{
    int n = 0;
    for (int i = 0; i < t->nranked; i++) order[n++] = t->ranked[i];
    for (int i = 0; i < t->nbids; i++)
        if (!t->bids[i].rank) order[n++] = i;
}

int tender_bid_of(const tender_result *t, int a)
{
    for (int i = 0; i < t->nbids; i++)
        if (t->bids[i].actor == a) return i;
    return -1;
}

int tender_first(const tender_result *t)
{
    return t->nranked && t->bids[t->ranked[0]].rank == 1 && !t->ntied ? t->ranked[0] : -1;
}

/* Does key level lv order bids lowest first? */
static int lowest_at(const tender_info *ti, int lv)
{
    return lv == 0 ? ti->award == AWARD_LOWEST : ti->tie[lv - 1].lowest;
}

/* Is bid a before bid b by key level lv: a better key, or an equal one
 * and an earlier bidder (a total order, so sorting is stable; ranks say
 * which bids tie)?  < 0 before, > 0 after. */
static int key_cmp(const tender_result *t, int lv, int lowest, int a, int b)
{
    const double *k = t->keys + (size_t)lv * (size_t)t->nbids;
    int na = isnan(k[a]), nb = isnan(k[b]);
    if (na != nb) return na ? 1 : -1; /* no value after every value */
    if (!na && k[a] != k[b]) return (k[a] < k[b]) == lowest ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* The sort of one key level: qsort has no context argument, so it goes
 * through a thread-local pointer (two threads may decide at once). */
typedef struct sorting {
    const tender_result *t;
    int level;
    int lowest;
} sorting;
static _Thread_local const sorting *cur;

/* A total order, as qsort needs: a key with no value (NaN) after every
 * other, equal to another NaN; exact ties by the bidders' order, for a
 * stable sort (ranks say they tie). */
static int by_key(const void *pa, const void *pb)
{
    return key_cmp(cur->t, cur->level, cur->lowest, *(const int *)pa, *(const int *)pb);
}

static void sort_level(const tender_result *t, const tender_info *ti, int *v, int n, int level)
{
    sorting s = {t, level, lowest_at(ti, level)};
    const sorting *saved = cur;
    cur = &s;
    qsort(v, (size_t)n, sizeof *v, by_key);
    cur = saved;
}

/* Ranks ranked[0, n), equal on every key level before `from`, level by
 * level (no recursion: a tender may list any number of tie keys): at each
 * level, every group of bids equal on the levels before is sorted by the
 * level's key and split into runs of keys equal within the tolerance (to
 * the run's first); a group left equal on every level shares a rank.
 * start[i]: ranked[i] begins a group. */
static void rank_all(tender_result *t, const tender_info *ti, int n, int from)
{
    unsigned char *start = mem_calloc((size_t)n + 1, 1);
    start[0] = start[n] = 1;
    for (int level = from, split = 1; level < t->nkeys && split; level++) {
        const double *k = t->keys + (size_t)level * (size_t)t->nbids;
        split = 0; /* a group of two or more left to split */
        for (int lo = 0, hi; lo < n; lo = hi) {
            for (hi = lo + 1; !start[hi]; hi++) continue;
            if (hi - lo == 1) continue;
            sort_level(t, ti, t->ranked + lo, hi - lo, level);
            for (int g = lo, h; g < hi; g = h) {
                for (h = g + 1; h < hi && tender_close(k[t->ranked[h]], k[t->ranked[g]]); h++) continue;
                start[g] = 1;
                split |= h - g > 1;
            }
        }
    }
    for (int i = 0, first = 0; i < n; i++) {
        if (start[i]) first = i;
        t->bids[t->ranked[i]].rank = first + 1;
    }
    free(start);
}

/* A tree evaluation of x met err: a runtime error at its place, or a
 * stop, in e as ev_tuple leaves them.  -1. */
static int tree_fault(evaluator *e, const ev_fault *err, const rexpr *x)
{
    e->stopped = err->kind == EV_STOPPED;
    e->err_agg = err->agg;
    e->err_loc = ev_fault_loc(err, x);
    return -1;
}

/* Bid i decided in e's world: its requirements, score and keys.  A bid
 * that is not eligible is not ranked: a runtime error in its factors,
 * score or keys leaves them without a value (NaN) and decides the rest;
 * in an eligible bid's, or in a requirement, it stands.  0, or -1 after a
 * runtime error (e->err_loc) or a stop. */
static int decide_bid(evaluator *e, tender_result *t, int i)
{
    const rule_info *ru = e->ru;
    const tender_info *ti = ru->tender;
    bid_row *b = &t->bids[i];
    int tuple[COOP_MAX_PARAMS] = {b->actor, ti->buyer};
    int v = ev_tuple(e, tuple); /* the requirements are read apart: they hold whatever it met */
    if (v < 0 && e->stopped) return -1;
    b->failed = 0;
    b->rank = 0;
    ev_fault err = {0, NULL, NULL};
    for (int q = 0; q < ti->nreq; q++) {
        double holds = ev_expr(e, ti->req[q].cond, NULL, NULL, &err);
        if (err.kind) return tree_fault(e, &err, ti->req[q].cond);
        if (holds == 0) b->failed |= 1ull << q;
    }
    b->eligible = v < 0 ? !b->failed : v;
    if (v < 0 && b->eligible) return -1; /* at ev_tuple's error */
    b->score = !ru->score ? 0 : v < 0 ? NAN : e->r[ru->nf];
    for (int lv = 0; lv < t->nkeys; lv++) {
        const rexpr *k = lv == 0 ? ti->key.e : ti->tie[lv - 1].e;
        double key = v < 0 ? NAN : k ? ev_expr(e, k, NULL, NULL, &err) : b->score;
        if (err.kind == EV_STOPPED || (err.kind && b->eligible)) return tree_fault(e, &err, k);
        t->keys[(size_t)lv * (size_t)t->nbids + (size_t)i] = err.kind ? NAN : key;
        err.kind = 0;
    }
    return 0;
}

/* The status of nbids bids, from the ranks of ranked[0, n), best first:
 * the rules of docs/language.md, "Status". */
static void settle(tender_result *t, const tender_info *ti, int nbids, const int *ranked, int n)
{
    t->ntied = 0;
    for (int i = 0; i < n; i++) t->ntied += t->bids[ranked[i]].rank == 1;
    t->winner = -1;
    if (nbids == 0) t->status = TS_NO_BIDS;
    else if (t->nranked == 0 || t->neligible < ti->min_bids) t->status = TS_UNSUCCESSFUL;
    else if (t->ntied > 1) t->status = TS_TIED;
    else {
        t->status = TS_AWARDED;
        t->winner = ranked[0];
    }
    if (t->ntied < 2) t->ntied = 0;
}

int tender_decide_without(evaluator *e, int left_out, tender_result *t)
{
    const rule_info *ru = e->ru;
    const tender_info *ti = ru->tender;
    memset(t, 0, sizeof *t);
    t->rule = e->rule;
    t->winner = -1;
    for (int i = 0; i < ru->ncand[0]; i++) t->nbids += ru->cand[0][i] != left_out;
    t->nkeys = ti->award == AWARD_TO ? 0 : 1 + ti->ntie;
    t->bids = mem_calloc((size_t)t->nbids + 1, sizeof *t->bids);
    t->ranked = mem_calloc((size_t)t->nbids + 1, sizeof *t->ranked);
    t->keys = mem_calloc((size_t)t->nbids * (size_t)t->nkeys + 1, sizeof *t->keys);
    int saved = e->left_out;
    e->left_out = left_out;
    if (left_out != saved) e->hoist_state = 0; /* what was worked out over the bids, again */
    for (int c = 0, i = 0; c < ru->ncand[0]; c++) {
        if (ru->cand[0][c] == left_out) continue;
        bid_row *b = &t->bids[i];
        b->actor = ru->cand[0][c];
        if (ev_stop(e) || decide_bid(e, t, i) < 0) {
            if (left_out != saved) e->hoist_state = 0;
            e->left_out = saved;
            return -1;
        }
        i++;
        if (!b->eligible) continue;
        t->neligible++;
        if (ti->award != AWARD_TO) t->ranked[t->nranked++] = i - 1;
        else if (b->actor == ti->award_to) {
            t->ranked[t->nranked++] = i - 1;
            b->rank = 1;
        }
    }
    if (left_out != saved) e->hoist_state = 0;
    e->left_out = saved;
    if (t->nranked && ti->award != AWARD_TO) rank_all(t, ti, t->nranked, 0);
    settle(t, ti, t->nbids, t->ranked, t->nranked);
    return 0;
}

int tender_decide(evaluator *e, tender_result *t) { return tender_decide_without(e, -1, t); }

void tender_free(tender_result *t)
{
    free(t->bids);
    free(t->ranked);
    free(t->keys);
    memset(t, 0, sizeof *t);
}

/* ---- probes ---- */

static void copy_result(tender_result *to, const tender_result *from)
{
    *to = *from;
    size_t n = (size_t)from->nbids + 1, nk = (size_t)from->nbids * (size_t)from->nkeys + 1;
    to->bids = mem_alloc(n * sizeof *to->bids);
    to->ranked = mem_alloc(n * sizeof *to->ranked);
    to->keys = mem_alloc(nk * sizeof *to->keys);
    memcpy(to->bids, from->bids, n * sizeof *to->bids);
    memcpy(to->ranked, from->ranked, n * sizeof *to->ranked);
    memcpy(to->keys, from->keys, nk * sizeof *to->keys);
}

/* Does x read an aggregate (whose value a change could move)? */
static int reads_agg(const rexpr *x)
{
    if (!x) return 0;
    if (x->k == R_AGG) return 1;
    for (int i = 0; i < x->nsub; i++)
        if (reads_agg(x->sub[i])) return 1;
    return 0;
}

void tender_probe_init(tender_probe *p, const model *m, const coop_world *w, const tender_result *base,
                       const volatile sig_atomic_t *stop)
{
    memset(p, 0, sizeof *p);
    p->w = world_clone(w);
    ev_init(&p->e, m, p->w, base->rule);
    p->e.stop = stop;
    p->base = base;
    p->wo_bid = -1;
    copy_result(&p->t, base);
    const rule_info *ru = &m->rules[base->rule];
    /* (a tender without bids reads nothing: it is not compiled) */
    for (int a = 0; ru->deps.attr_all && a < m->nattrs && !p->across; a++) p->across = ru->deps.attr_all[a];
    for (int r = 0; ru->deps.rel_all && r < m->nrels && !p->across; r++) p->across = ru->deps.rel_all[r];
    /* what a change of one bid moves: an aggregate over the bids */
    p->aggs = mem_alloc(((size_t)ru->nagg + 1) * sizeof *p->aggs);
    for (int i = 0; i < ru->nagg && !p->general; i++) {
        const agg_info *a = ru->agg[i];
        if (!a->bids) continue; /* over actors, whichever bids are made */
        probe_agg *pa = &p->aggs[p->naggs++];
        pa->a = a;
        p->general = a->hoist < 0 || reads_agg(a->body) || reads_agg(a->cond) || ev_agg_extremes(&p->e, a, &pa->x) != 0;
    }
    p->order = mem_alloc(((size_t)base->nbids + 1) * sizeof *p->order);
    if (ru->tender->award == AWARD_TO) return; /* nothing ranked by a key */
    for (int i = 0; i < base->nbids; i++)
        if (base->bids[i].eligible) p->order[p->norder++] = i;
    sort_level(base, ru->tender, p->order, p->norder, 0);
}

void tender_probe_free(tender_probe *p)
{
    free(p->aggs);
    free(p->line);
    hull_free(&p->all);
    hull_free(&p->wo);
    ev_free(&p->e);
    world_free(p->w);
    tender_free(&p->t);
    free(p->order);
    memset(p, 0, sizeof *p);
}

static void outcome_from(const tender_result *t, tender_outcome *o)
{
    int first = tender_first(t);
    o->status = t->status;
    o->winner = t->winner < 0 ? -1 : t->bids[t->winner].actor;
    o->first = first < 0 ? -1 : t->bids[first].actor;
}

/* The outcome of p->t, where bid `moved` (or -1) was decided again and bid
 * `skip` (or -1) is left out: the first rank is the first run of keys
 * equal to the best in the level-0 order, which is the others' decided
 * order with `moved` put in its place; that run is ranked by the tie keys
 * as rank_all ranks it, and the status settled as tender_decide's. */
static void outcome_of(tender_probe *p, int moved, int skip, tender_outcome *o)
{
    const tender_result *b = p->base;
    tender_result *t = &p->t;
    const tender_info *ti = p->e.ru->tender;
    int was = moved >= 0 && b->bids[moved].eligible, is = moved >= 0 && t->bids[moved].eligible;
    t->neligible = b->neligible - was + is - (skip >= 0 && b->bids[skip].eligible);
    int *run = t->ranked, n = 0; /* scratch: the first run */
    if (ti->award == AWARD_TO) {
        for (int i = 0; i < b->nbids; i++)
            if (i != skip && t->bids[i].actor == ti->award_to && t->bids[i].eligible) {
                run[n++] = i;
                t->bids[i].rank = 1;
            }
        t->nranked = n;
    } else {
        int lowest = lowest_at(ti, 0), in = is ? moved : -1, head = -1;
        const double *k = t->keys;
        for (int j = 0;;) {
            while (j < p->norder && (p->order[j] == skip || p->order[j] == moved)) j++;
            int next = j < p->norder ? p->order[j] : -1;
            if (in >= 0 && (next < 0 || key_cmp(t, 0, lowest, in, next) < 0)) {
                next = in;
                in = -1;
            } else if (next >= 0)
                j++;
            else
                break;
            if (head < 0) head = next;
            else if (!tender_close(k[next], k[head])) break;
            run[n++] = next;
        }
        t->nranked = t->neligible;
        if (n) rank_all(t, ti, n, 1);
    }
    settle(t, ti, b->nbids - (skip >= 0), run, n);
    outcome_from(t, o);
}

/* Bid i as base decided it, after a probe. */
static void put_back(tender_probe *p, int i)
{
    p->t.bids[i] = p->base->bids[i];
    for (int lv = 0; lv < p->t.nkeys; lv++) {
        size_t at = (size_t)lv * (size_t)p->t.nbids + (size_t)i;
        p->t.keys[at] = p->base->keys[at];
    }
}

/* Does leaving bid i out move what is worked out across the bids? */
static int moves_across(const tender_probe *p, int i)
{
    if (p->every || p->general) return 1;
    for (int k = 0; k < p->naggs; k++)
        if (p->aggs[k].x.sole == p->base->bids[i].actor) return 1;
    return 0;
}

/* Does bid i, as its field now stands in the copy, leave every lowest()
 * and highest() over the bids as it was?  1, 0, or -1 after a runtime
 * error.  Without i the others' extreme is the second when i alone was
 * the first, else the first; with i, the better of that and i's value.
 * On 0 with one aggregate, *now is its new value, or NaN when it is not
 * known (NaN values, or none in its range: decide it whole). */
static int keeps_across(tender_probe *p, int i, double *now)
{
    int actor = p->base->bids[i].actor;
    *now = NAN;
    for (int k = 0; k < p->naggs; k++) {
        const probe_agg *pa = &p->aggs[k];
        int in, low = pa->a->op == AGG_LOWEST, has = pa->x.sole == actor ? pa->x.has_second : pa->x.n > 0;
        double v, rest = pa->x.sole == actor ? pa->x.second : pa->x.best, to = rest;
        if (ev_agg_one(&p->e, pa->a, actor, &in, &v) < 0) return -1;
        if (in && (isnan(v) || (has && isnan(rest)))) return 0; /* which NaN is taken first: decide it whole */
        if (in && (!has || (low ? v < rest : v > rest))) to = v;
        has |= in;
        if (has != (pa->x.n > 0) || (has && (to != pa->x.best || signbit(to) != signbit(pa->x.best)))) {
            if (has && p->naggs == 1) *now = to;
            return 0;
        }
    }
    return 1;
}

int tender_probe_field(tender_probe *p, int i, int attr, double v, tender_outcome *o)
{
    double *cell = &p->w->num[attr][p->base->bids[i].actor], old = *cell;
    int rc, across = p->e.ru->deps.attr_all[attr];
    *cell = v;
    /* nothing read across the bids moves: the world's version stays, and
     * what was worked out over it stays right */
    double now;
    int keeps = p->every ? 0 : !across ? 1 : p->general ? 0 : keeps_across(p, i, &now);
    if (keeps < 0) {
        *cell = old;
        return -1;
    }
    if (!keeps) {
        tender_result r;
        p->w->version++; /* what is worked out across the bids is worked out again */
        rc = tender_decide(&p->e, &r);
        *cell = old;
        p->w->version++;
        if (rc == 0) {
            outcome_from(&r, o);
            o->eligible = r.bids[i].eligible; /* every bid decided: i is where it was */
        }
        tender_free(&r);
        return rc;
    }
    rc = decide_bid(&p->e, &p->t, i);
    *cell = old;
    if (rc == 0) {
        outcome_of(p, i, -1, o);
        o->eligible = p->t.bids[i].eligible;
    }
    put_back(p, i);
    return rc;
}

int tender_probe_may_decide(const tender_probe *p, int i)
{
    if (moves_across(p, i)) return 1;
    if (!p->norder) return p->base->bids[i].rank == 1; /* nothing ranked by a key: a single source's supplier */
    const double *k = p->base->keys;
    return p->base->bids[i].eligible && tender_close(k[i], k[p->order[0]]);
}

int tender_probe_without(tender_probe *p, int i, tender_outcome *o)
{
    if (moves_across(p, i)) {
        tender_result r;
        int rc = tender_decide_without(&p->e, p->base->bids[i].actor, &r);
        if (rc == 0) outcome_from(&r, o);
        tender_free(&r);
        return rc;
    }
    outcome_of(p, -1, i, o);
    return 0;
}

/* ---- win probes from lines ---- */

/* Bid j's award key with the one aggregate over the bids at x, the world
 * as it is otherwise (the hoisted value set for the while): 0, or -1
 * after a runtime error.  *eligible: is it eligible there? */
static int key_at(tender_probe *p, int j, double x, double *key, int *eligible)
{
    double *h = &p->e.hoist[p->aggs[0].a->hoist], saved = *h;
    *h = x;
    int rc = decide_bid(&p->e, &p->t, j);
    *h = saved;
    *key = p->t.keys[j];
    if (eligible) *eligible = p->t.bids[j].eligible;
    put_back(p, j);
    return rc;
}

/* Can every bid's award key be a line in the aggregate's value: nothing
 * that decides eligibility reads it, and every factor, the score and
 * every key moves with it along a line (so no division by it can fail)? */
static int keys_are_lines(const tender_probe *p)
{
    const rule_info *ru = p->e.ru;
    const tender_info *ti = ru->tender;
    const agg_info *a = p->aggs[0].a;
    if (linear_in_agg(ru, ru->forms, a) != AFFINE_NOT) return 0;
    for (int r = 0; r < ti->nreq; r++)
        if (linear_in_agg(ru, ti->req[r].cond, a) != AFFINE_NOT) return 0;
    for (int f = 0; f < ru->nf; f++)
        if (linear_in_agg(ru, ru->f[f].own, a) == AFFINE_NO) return 0;
    if (linear_in_agg(ru, ru->score, a) == AFFINE_NO || linear_in_agg(ru, ti->key.e, a) == AFFINE_NO) return 0;
    for (int k = 0; k < ti->ntie; k++)
        if (linear_in_agg(ru, ti->tie[k].e, a) == AFFINE_NO) return 0;
    return 1;
}

/* The points between x1 and x2 where a line's fit is measured: not
 * halves, where rounding that scales with x would halve exactly too. */
static const double fit_at[] = {0.381966, 0.723607};

/* Each eligible bid's key as the line through its values at x1 (as
 * decided) and x2 (the hoisted values worked out: ev_ready), measured at
 * two points between: their distance from the line (floating point's
 * error; the keys are lines in exact arithmetic, linear_in_agg) sets
 * p->err.  p->lines -1 when the keys are not lines, a value is not
 * finite, or the keys stray from their lines by more than a few roundings
 * of their size (a key that cancels large terms): then every probe is
 * decided whole.  0, or -1 after a runtime error or a stop (after a stop
 * p->lines is 0 again: built on the next probe). */
static int build_lines(tender_probe *p)
{
    const tender_result *b = p->base;
    const agg_info *a = p->aggs[0].a;
    p->lines = -1;
    if (p->every || p->general || p->naggs != 1 || a->hoist < 0 || p->e.ru->tender->award == AWARD_TO ||
        !keys_are_lines(p))
        return 0;
    double x1 = p->e.hoist[a->hoist], x2 = a->op == AGG_LOWEST ? (x1 != 0 ? 0 : 1) : (x1 != 0 ? 2 * x1 : 1);
    double sign = lowest_at(p->e.ru->tender, 0) ? -1 : 1, resid = 0, size = 0;
    if (!isfinite(x1) || !isfinite(x2)) return 0;
    p->line = mem_alloc(((size_t)b->nbids + 1) * sizeof *p->line);
    p->nline = 0;
    int rc = 0, usable = 1;
    for (int j = 0; j < b->nbids && usable; j++) {
        if (!b->bids[j].eligible) continue;
        double y1 = sign * b->keys[j], y2, y[2];
        if (ev_stop(&p->e) || key_at(p, j, x2, &y2, NULL) < 0) {
            rc = -1;
            break;
        }
        y2 *= sign;
        hull_line *l = &p->line[p->nline++];
        l->b = (y2 - y1) / (x2 - x1);
        l->a = y1 - l->b * x1;
        l->id = j;
        usable = isfinite(y1) && isfinite(y2) && isfinite(l->a) && isfinite(l->b);
        size = fmax(size, fabs(y1) + fabs(y2));
        for (int k = 0; k < 2 && usable; k++) {
            double x = x1 + (x2 - x1) * fit_at[k];
            if (key_at(p, j, x, &y[k], NULL) < 0) {
                rc = -1;
                break;
            }
            y[k] *= sign;
            usable = isfinite(y[k]);
            resid = fmax(resid, fabs(y[k] - hull_at(l, x)));
            size = fmax(size, fabs(y[k]));
        }
        if (rc < 0) break;
    }
    if (rc < 0 || !usable || resid > 64 * DBL_EPSILON * size) {
        free(p->line);
        p->line = NULL;
        if (rc < 0 && p->e.stopped) p->lines = 0; /* stopped: built on the next probe */
        return rc;
    }
    p->x1 = x1;
    p->x2 = x2;
    p->err = 4 * resid + 16 * DBL_EPSILON * size;
    hull_build(&p->all, p->line, p->nline, -1);
    p->lines = 1;
    return 0;
}

/* tender_probe_wins from the lines, the field set in the copy and the
 * aggregate's value moved to x: 1 or 0; 2 when too close to tell; -1
 * after a runtime error. */
static int wins_by_lines(tender_probe *p, int i, double x, int *eligible)
{
    const tender_result *b = p->base;
    double sign = lowest_at(p->e.ru->tender, 0) ? -1 : 1, yi, yj;
    if (key_at(p, i, x, &yi, eligible) < 0) return -1;
    int others = b->neligible - b->bids[i].eligible;
    if (!*eligible || others + 1 < p->e.ru->tender->min_bids) return 0;
    if (others == 0) return 1; /* ranked first alone */
    yi *= sign;
    if (!isfinite(yi)) return 2;
    const hull *h = &p->all;
    int k = hull_best(h, x);
    if (h->l[k].id == i) { /* its own line, as it bid: the others' envelope */
        if (p->wo_bid != i) {
            hull_free(&p->wo);
            hull_build_sorted(&p->wo, p->line, p->nline, i);
            p->wo_bid = i;
        }
        h = &p->wo;
        k = hull_best(h, x);
    }
    int j = h->l[k].id;
    if (key_at(p, j, x, &yj, NULL) < 0) return 2;
    yj *= sign;
    if (!isfinite(yj)) return 2;
    if (yj > yi && !tender_close(yj, yi)) return 0; /* j ranks before it */
    if (p->e.ru->tender->ntie == 0 && tender_close(yj, yi)) return 0; /* they tie, and nothing parts them */
    /* no other's key is above top: the lines' error grows with the
     * distance from where they were measured */
    double err = p->err * (1 + fabs(x - p->x1) / fabs(p->x2 - p->x1));
    double top = fmax(hull_at(&h->l[k], x), yj) + err;
    return yi > top && yi - top > 2 * TENDER_TIE_EPS * fmax(fabs(yi), fabs(top)) ? 1 : 2;
}

int tender_probe_wins(tender_probe *p, int i, int attr, double v, int *eligible)
{
    double *cell = &p->w->num[attr][p->base->bids[i].actor], old = *cell, x = NAN;
    int r = 2, el = 0;
    /* the hoisted values worked out before the field moves: they are
     * the world's (key_at sets the aggregate's for a while) */
    int lines = !p->every && !p->general && p->naggs == 1 && p->e.ru->deps.attr_all[attr] && ev_ready(&p->e) == 0;
    if (lines && p->lines == 0 && build_lines(p) < 0 && p->e.stopped) return -1;
    if (lines && p->lines > 0) {
        *cell = v;
        r = keeps_across(p, i, &x);
        if (r == 0 && !isnan(x)) r = wins_by_lines(p, i, x, &el);
        else if (r >= 0) r = 2;
        *cell = old;
    }
    if (r != 2) {
        p->quick += r >= 0;
        if (eligible) *eligible = el;
        return r;
    }
    tender_outcome o;
    p->whole++;
    if (tender_probe_field(p, i, attr, v, &o) < 0) return -1;
    if (eligible) *eligible = o.eligible;
    return o.status == TS_AWARDED && o.winner == p->base->bids[i].actor;
}
