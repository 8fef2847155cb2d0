/* tender.c - deciding a tender: requirements, scores, ranking, status. */
#include "tender.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    int a = *(const int *)pa, b = *(const int *)pb;
    const double *k = cur->t->keys + (size_t)cur->level * (size_t)cur->t->nbids;
    int na = isnan(k[a]), nb = isnan(k[b]);
    if (na != nb) return na ? 1 : -1;
    if (!na && k[a] != k[b]) return (k[a] < k[b]) == cur->lowest ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* Ranks the ranked bids, level by level (no recursion: a tender may list
 * any number of tie keys): at each level, every group of bids equal on the
 * levels before is sorted by the level's key and split into runs of keys
 * equal within the tolerance (to the run's first); a group left equal on
 * every level shares a rank.  start[i]: ranked[i] begins a group. */
static void rank_all(tender_result *t, const int *lowest)
{
    int n = t->nranked;
    unsigned char *start = mem_calloc((size_t)n + 1, 1);
    start[0] = start[n] = 1;
    const sorting *saved = cur;
    for (int level = 0, split = 1; level < t->nkeys && split; level++) {
        sorting s = {t, level, lowest[level]};
        cur = &s;
        const double *k = t->keys + (size_t)level * (size_t)t->nbids;
        split = 0; /* a group of two or more left to split */
        for (int lo = 0, hi; lo < n; lo = hi) {
            for (hi = lo + 1; !start[hi]; hi++) continue;
            if (hi - lo == 1) continue;
            qsort(t->ranked + lo, (size_t)(hi - lo), sizeof *t->ranked, by_key);
            for (int g = lo, h; g < hi; g = h) {
                for (h = g + 1; h < hi && tender_close(k[t->ranked[h]], k[t->ranked[g]]); h++) continue;
                start[g] = 1;
                split |= h - g > 1;
            }
        }
    }
    cur = saved;
    for (int i = 0, first = 0; i < n; i++) {
        if (start[i]) first = i;
        t->bids[t->ranked[i]].rank = first + 1;
    }
    free(start);
}

int tender_decide(evaluator *e, tender_result *t)
{
    const rule_info *ru = e->ru;
    const tender_info *ti = ru->tender;
    memset(t, 0, sizeof *t);
    t->rule = e->rule;
    t->winner = -1;
    t->nbids = ru->ncand[0];
    t->nkeys = ti->award == AWARD_TO ? 0 : 1 + ti->ntie;
    t->bids = mem_calloc((size_t)t->nbids + 1, sizeof *t->bids);
    t->ranked = mem_calloc((size_t)t->nbids + 1, sizeof *t->ranked);
    t->keys = mem_calloc((size_t)t->nbids * (size_t)t->nkeys + 1, sizeof *t->keys);
    int *lowest = mem_calloc((size_t)t->nkeys + 1, sizeof *lowest);
    if (t->nkeys) lowest[0] = ti->award == AWARD_LOWEST;
    for (int j = 0; j < ti->ntie; j++) lowest[1 + j] = ti->tie[j].lowest;
    int tuple[COOP_MAX_PARAMS] = {0};
    tuple[1] = ti->buyer;
    for (int i = 0; i < t->nbids; i++) {
        bid_row *b = &t->bids[i];
        b->actor = tuple[0] = ru->cand[0][i];
        int v = ev_tuple(e, tuple);
        if (v < 0) {
            free(lowest);
            return -1;
        }
        b->eligible = v;
        b->score = ru->score ? e->r[ru->nf] : 0;
        ev_fault err = {0, NULL};
        for (int q = 0; q < ti->nreq; q++)
            if (ev_expr(e, ti->req[q].cond, NULL, NULL, &err) == 0) b->failed |= 1ull << q;
        for (int lv = 0; lv < t->nkeys && !err.kind; lv++) {
            const rexpr *k = lv == 0 ? ti->key.e : ti->tie[lv - 1].e;
            t->keys[(size_t)lv * (size_t)t->nbids + (size_t)i] = k ? ev_expr(e, k, NULL, NULL, &err) : b->score;
        }
        if (err.kind) {
            free(lowest);
            return -1;
        }
        if (!v) continue;
        t->neligible++;
        if (ti->award != AWARD_TO) t->ranked[t->nranked++] = i;
        else if (b->actor == ti->award_to) {
            t->ranked[t->nranked++] = i;
            b->rank = 1;
        }
    }
    if (t->nranked && ti->award != AWARD_TO) rank_all(t, lowest);
    free(lowest);
    for (int i = 0; i < t->nranked; i++) t->ntied += t->bids[t->ranked[i]].rank == 1;
    if (t->nbids == 0) t->status = TS_NO_BIDS;
    else if (t->nranked == 0 || t->neligible < ti->min_bids) t->status = TS_UNSUCCESSFUL;
    else if (t->ntied > 1) t->status = TS_TIED;
    else {
        t->status = TS_AWARDED;
        t->winner = t->ranked[0];
    }
    if (t->ntied < 2) t->ntied = 0;
    return 0;
}

void tender_free(tender_result *t)
{
    free(t->bids);
    free(t->ranked);
    free(t->keys);
    memset(t, 0, sizeof *t);
}
