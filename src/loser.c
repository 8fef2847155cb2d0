/* loser.c - why each loser lost: gaps by factor, win prices, stability. */
#include "loser.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What the analyses of one tender keep for its decision in the query's
 * world. */
struct loser_cache {
    evaluator e;                        /* on the query's world: own values */
    int have_first;
    double first_own[COOP_MAX_FACTORS]; /* the first-ranked bid's */
    int have_probe;
    tender_probe probe;
    loser_win *win;                     /* per bid, once have_win */
    unsigned char *have_win;
    int have_stable;
    loser_stability st;
};

void loser_cache_free(struct loser_cache *c)
{
    if (!c) return;
    ev_free(&c->e);
    if (c->have_probe) tender_probe_free(&c->probe);
    free(c->win);
    free(c->have_win);
    free(c->st.bid);
    free(c->st.first);
    free(c);
}

/* The tender's decision and its cache; NULL after a runtime error. */
static struct loser_cache *cache_of(query *q, int rule, const tender_result **t)
{
    *t = query_tender(q, rule);
    if (!*t) return NULL;
    rule_stats *st = query_stats(q, rule);
    if (!st->losers) {
        struct loser_cache *c = st->losers = mem_calloc(1, sizeof *c);
        ev_init(&c->e, q->m, q->w, rule);
        c->e.stop = q->stop;
        c->win = mem_calloc((size_t)(*t)->nbids + 1, sizeof *c->win);
        c->have_win = mem_calloc((size_t)(*t)->nbids + 1, 1);
    }
    return st->losers;
}

static tender_probe *probe_of(query *q, struct loser_cache *c, const tender_result *t)
{
    if (!c->have_probe) {
        tender_probe_init(&c->probe, q->m, q->w, t, q->stop);
        c->have_probe = 1;
    }
    c->probe.e.stopped = 0;
    return &c->probe;
}

/* ---- gaps ---- */

int loser_divides(const rule_info *ru)
{
    const tender_info *ti = ru->tender;
    return ru->score && ti->award != AWARD_TO && (!ti->key.e || ti->key.e->k == R_SCORE);
}

int loser_may_divide(query *q, int rule, long n)
{
    const rule_info *ru = &q->m->rules[rule];
    int kind = -1;
    if (ru->lin || n == 0) return 0;
    if (ru->nf > COOP_SHAPLEY_EXACT_MAX) kind = QUERY_GAP_EXACT;
    else if ((long long)n << ru->nf > COOP_SHAPLEY_BUDGET) kind = QUERY_GAP_BUDGET;
    if (kind < 0) return 0;
    query_refuse(q, kind, rule, n);
    return -1;
}

/* The own values of bid i, by the cache's evaluator. */
static int own_of(query *q, struct loser_cache *c, const tender_result *t, int i, double *own)
{
    int tuple[COOP_MAX_PARAMS] = {t->bids[i].actor, q->m->rules[t->rule].tender->buyer};
    if (ev_tuple(&c->e, tuple) < 0) {
        query_runtime_error(q, &c->e, 0);
        return -1;
    }
    memcpy(own, c->e.own, (size_t)c->e.ru->nf * sizeof *own);
    return 0;
}

int loser_gap_of(query *q, int rule, int bid, int divide, loser_gap *g)
{
    const tender_result *t;
    struct loser_cache *c = cache_of(q, rule, &t);
    if (!c) return -1;
    const rule_info *ru = &q->m->rules[rule];
    memset(g, 0, sizeof *g);
    g->bid = bid;
    g->first = t->nranked && t->nkeys ? t->ranked[0] : -1;
    g->dominant = -1;
    if (g->first < 0 || bid == g->first) return 0;
    int lowest = ru->tender->award == AWARD_LOWEST;
    g->gap = lowest ? t->keys[bid] - t->keys[g->first] : t->keys[g->first] - t->keys[bid];
    if (!divide || !loser_divides(ru) || !t->bids[bid].eligible) return 0;
    if (loser_may_divide(q, rule, 1) < 0) return -1;
    if (!c->have_first) {
        if (own_of(q, c, t, g->first, c->first_own) < 0) return -1;
        c->have_first = 1;
    }
    if (own_of(q, c, t, bid, g->own) < 0) return -1;
    int k = ru->nf;
    memcpy(g->first_own, c->first_own, (size_t)k * sizeof *g->first_own);
    /* from this bid's own values to the first's: the values add up to
     * the first's score less this one's */
    if (ev_shapley_between(&c->e, g->own, g->first_own, OF_SCORE, 0, g->part, NULL) < 0) {
        query_runtime_error(q, &c->e, QUERY_GAP_GAME);
        return -1;
    }
    for (int f = 0; lowest && f < k; f++) g->part[f] = -g->part[f];
    g->divided = 1;
    g->dominant = query_dominant(g->part, k);
    query_rank(g->part, k, g->order);
    return 0;
}

/* ---- win prices ---- */

/* The prices tried: multiples of a unit, a cent or LOSER_REL of the own
 * price, whichever is coarser. */
typedef struct grid {
    int cents; /* the unit is 1/LOSER_CENTS: k/LOSER_CENTS is the decimal */
    double unit;
} grid;

static grid grid_of(double own)
{
    grid g = {1, 1.0 / LOSER_CENTS};
    if (LOSER_REL * fabs(own) > g.unit) {
        g.cents = 0;
        g.unit = LOSER_REL * fabs(own);
    }
    return g;
}

static double price_at(grid g, long long k) { return g.cents ? (double)k / LOSER_CENTS : (double)k * g.unit; }

/* Does bid i win at price v?  1 or 0; -1 after a runtime error or a stop,
 * recorded in q unless quiet.  *eligible (if not NULL): is it eligible
 * there? */
static int wins_at(query *q, tender_probe *p, int i, double v, int quiet, int *eligible)
{
    int r = ev_stop(&p->e) ? -1 : tender_probe_wins(p, i, p->e.ru->tender->price, v, eligible);
    if (r < 0 && (!quiet || p->e.stopped)) query_runtime_error(q, &p->e, 0);
    return r;
}

/* Steps lo (a price that wins) up towards hi (one that does not), halving
 * the interval, until they are one step apart.  0, or -1. */
static int halve(query *q, tender_probe *p, int i, grid g, long long *lo, long long hi)
{
    while (hi - *lo > 1) {
        long long mid = *lo + (hi - *lo) / 2;
        int r = wins_at(q, p, i, price_at(g, mid), 0, NULL);
        if (r < 0) return -1;
        if (r) *lo = mid;
        else hi = mid;
    }
    return 0;
}

/* A loser: the highest price below its own at which it wins.  The search
 * starts at the lowest price (0, or one step up where 0 divides by zero):
 * a bid eligible there that does not win there wins nowhere, a lower
 * price never hurting it; one that a requirement refuses there (low
 * prices refused) is looked for from its own price down, twice as far
 * each step, for a price that wins.  Then it halves the interval between
 * a price that wins (lo) and one that does not (hi) down to one step. */
static int below(query *q, tender_probe *p, int i, loser_win *w)
{
    double own = w->own;
    grid g = grid_of(own);
    w->kind = WIN_NEVER;
    if (!(own > 0)) return 0;
    long long hi = (long long)ceil(own / g.unit); /* the first step at or above own: own itself loses */
    while (hi > 0 && price_at(g, hi - 1) >= own) hi--;
    long long lo = 0;
    int eligible = 0, r = hi > 0 ? wins_at(q, p, i, 0, 1, &eligible) : 0;
    if (r < 0 && p->e.stopped) return -1;
    if (r < 0 && hi > 1) { /* 0 divides by zero, say: the lowest price is a step up */
        lo = 1;
        r = wins_at(q, p, i, price_at(g, 1), 0, &eligible);
        if (r < 0) return -1;
    } else if (r < 0)
        r = eligible = 0;
    if (!r && eligible) return 0;
    if (!r) {
        long long step = 1, found = -1;
        while (hi - step > lo) {
            long long k = hi - step;
            int rk = wins_at(q, p, i, price_at(g, k), 0, NULL);
            if (rk < 0) return -1;
            if (rk) {
                found = k;
                break;
            }
            hi = k;
            step *= 2;
        }
        if (found < 0) return 0;
        lo = found;
    }
    if (halve(q, p, i, g, &lo, hi) < 0) return -1;
    w->kind = WIN_AT;
    w->price = price_at(g, lo);
    return 0;
}

/* The winner: the highest price at which it still wins, up to
 * COOP_WIN_PRICE_RANGE times its own. */
static int above(query *q, tender_probe *p, int i, loser_win *w)
{
    double own = w->own;
    grid g = grid_of(own);
    double top = COOP_WIN_PRICE_RANGE * fmax(own, g.unit);
    if (!(top < DBL_MAX)) top = DBL_MAX;
    long long lo = (long long)floor(own / g.unit), hi = (long long)floor(top / g.unit);
    int r = wins_at(q, p, i, price_at(g, hi), 0, NULL);
    if (r < 0) return -1;
    if (r) {
        w->kind = WIN_ANY;
        w->price = price_at(g, hi);
        return 0;
    }
    long long won = lo; /* stands for own itself, which wins */
    if (halve(q, p, i, g, &lo, hi) < 0) return -1;
    w->kind = WIN_AT;
    w->price = lo == won ? own : price_at(g, lo);
    return 0;
}

int loser_win_price(query *q, int rule, int bid, loser_win *w)
{
    const tender_result *t;
    struct loser_cache *c = cache_of(q, rule, &t);
    if (!c) return -1;
    if (c->have_win[bid]) {
        *w = c->win[bid];
        return 0;
    }
    tender_probe *p = probe_of(q, c, t);
    memset(w, 0, sizeof *w);
    w->own = q->w->num[q->m->rules[rule].tender->price][t->bids[bid].actor];
    if ((t->winner == bid ? above : below)(q, p, bid, w) < 0) return -1;
    c->win[bid] = *w;
    c->have_win[bid] = 1;
    return 0;
}

int loser_shows_win(const model *m, const coop_world *w, const tender_result *t, int bid)
{
    const tender_info *ti = m->rules[t->rule].tender;
    const bid_row *b = &t->bids[bid];
    if (ti->price < 0 || ti->award == AWARD_TO || !w->has[ti->price][b->actor]) return 0;
    if (b->eligible) return 1;
    for (int r = 0; r < ti->nreq; r++)
        if (b->failed >> r & 1 && !ti->req[r].reads_price) return 0;
    return 1;
}

/* ---- stability ---- */

const loser_stability *loser_stable(query *q, int rule)
{
    const tender_result *t;
    struct loser_cache *c = cache_of(q, rule, &t);
    if (!c) return NULL;
    if (c->have_stable) return &c->st;
    tender_probe *p = probe_of(q, c, t);
    loser_stability *st = &c->st;
    st->n = 0;
    if (!st->bid) {
        st->bid = mem_alloc(((size_t)t->nbids + 1) * sizeof *st->bid);
        st->first = mem_alloc(((size_t)t->nbids + 1) * sizeof *st->first);
    }
    int f = tender_first(t), first = f < 0 ? -1 : t->bids[f].actor;
    for (int i = 0; i < t->nbids; i++) {
        if (!t->bids[i].eligible || t->bids[i].rank <= 1 || !tender_probe_may_decide(p, i)) continue;
        tender_outcome o;
        if (ev_stop(&p->e) || tender_probe_without(p, i, &o) < 0) {
            query_runtime_error(q, &p->e, 0);
            return NULL;
        }
        if (o.first == first) continue;
        st->bid[st->n] = i;
        st->first[st->n++] = o.first;
    }
    c->have_stable = 1;
    return st;
}

/* ---- what explain says ---- */

int loser_why_of(query *q, int rule, int bid, loser_why *w)
{
    memset(w, 0, sizeof *w);
    const loser_stability *st = loser_stable(q, rule);
    if (!st || loser_gap_of(q, rule, bid, 1, &w->gap) < 0) return -1;
    const tender_result *t = &query_stats(q, rule)->tender;
    w->has_win = loser_shows_win(q->m, q->w, t, bid);
    if (w->has_win && loser_win_price(q, rule, bid, &w->win) < 0) return -1;
    for (int i = 0; i < st->n; i++)
        if (st->bid[i] == bid) {
            w->decides = 1;
            w->first_without = st->first[i];
        }
    return 0;
}
