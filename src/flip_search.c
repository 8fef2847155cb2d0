/* flip_search.c - a flip's seeded search, where the exact method does not
 * apply (flip.h): deterministic for a seed, bounded by
 * COOP_FLIP_EVALUATIONS tuples decided. */
#include <math.h>
#include <string.h>

#include "flip_form.h"

typedef struct search {
    flip_eval *ev;
    flip_result *r;
    uint64_t rng;
    double best;      /* the least cost found (INFINITY: none yet) */
    double *x, *y, *z; /* [nin] scratch */
} search;

static uint64_t next(search *s)
{
    uint64_t z = (s->rng += 0x9E3779B97F4A7C15ull); /* splitmix64 */
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double uniform(search *s) { return (double)(next(s) >> 11) / 9007199254740992.0; }

static int spent(const search *s) { return s->ev->n >= COOP_FLIP_EVALUATIONS; }

/* Does the verdict flip at x?  1, 0, or -1 when stopped. */
static int flips(search *s, const double *x)
{
    double score;
    int v = flip_decide(s->ev, x, &score);
    return v == -2 ? -1 : v == s->ev->want;
}

static double cost_of(const search *s, const double *x)
{
    const flip_input *in = s->ev->in;
    double c = 0;
    for (int i = 0; i < s->ev->nin; i++) c += fabs(x[i] - in[i].now) / (in[i].hi - in[i].lo);
    return c;
}

/* x, a flip, moved back toward o (where the set's true/false values are
 * flipped and its numbers are as they are): along the segment, then one
 * number at a time, by bisection, keeping the flip.  0, or -1 when stopped. */
static int shrink(search *s, const double *o, double *x, const int *num, int nn)
{
    int nin = s->ev->nin;
    double lo = 0, hi = 1; /* t: o + t (x - o); at hi it flips */
    for (int it = 0; it < 30 && !spent(s); it++) {
        double t = (lo + hi) / 2;
        for (int i = 0; i < nin; i++) s->z[i] = o[i] + t * (x[i] - o[i]);
        int f = flips(s, s->z);
        if (f < 0) return -1;
        if (f) hi = t;
        else lo = t;
    }
    for (int i = 0; i < nin; i++) x[i] = o[i] + hi * (x[i] - o[i]);
    for (int round = 0; round < 2; round++)
        for (int t = 0; t < nn; t++) {
            int i = num[t];
            double a = o[i], b = x[i]; /* at b it flips */
            memcpy(s->z, x, (size_t)nin * sizeof *x);
            for (int it = 0; it < 20 && !spent(s); it++) {
                s->z[i] = (a + b) / 2;
                int f = flips(s, s->z);
                if (f < 0) return -1;
                if (f) b = s->z[i];
                else a = s->z[i];
            }
            x[i] = b;
        }
    return 0;
}

/* Set set[0..k) of the inputs: corners of its box and points inside it,
 * the flips found shrunk toward the values now; the cheapest kept in r.
 * 0, or -1 when stopped. */
static int search_set(search *s, const int *set, int k)
{
    flip_eval *ev = s->ev;
    const flip_input *in = ev->in;
    int nin = ev->nin, num[COOP_FLIP_MAX_INPUTS], nn = 0;
    for (int i = 0; i < nin; i++) s->x[i] = in[i].now; /* the origin */
    for (int j = 0; j < k; j++)
        if (in[set[j]].boolean) s->x[set[j]] = 1 - in[set[j]].now;
        else num[nn++] = set[j];
    double o[COOP_FLIP_MAX_INPUTS], found[COOP_FLIP_MAX_INPUTS];
    memcpy(o, s->x, (size_t)nin * sizeof *o);
    double least = INFINITY;
    int f;
    if (nn == 0) { /* true/false values alone */
        if ((f = flips(s, o)) < 0) return -1;
        if (f) {
            least = cost_of(s, o);
            memcpy(found, o, (size_t)nin * sizeof *o);
        }
    }
    /* every corner (up to 16 of them, else 16 drawn), then 8 points inside */
    int corners = nn == 0 ? 0 : nn <= 4 ? 1 << nn : 16;
    for (int p = 0; p < corners + (nn ? 8 : 0) && !spent(s); p++) {
        memcpy(s->y, o, (size_t)nin * sizeof *o);
        uint64_t bits = nn <= 4 ? (uint64_t)p : next(s);
        for (int t = 0; t < nn; t++) {
            const flip_input *i = &in[num[t]];
            s->y[num[t]] = p < corners ? (bits >> t & 1 ? i->hi : i->lo) : i->lo + uniform(s) * (i->hi - i->lo);
        }
        if ((f = flips(s, s->y)) < 0) return -1;
        if (f && cost_of(s, s->y) < least) {
            least = cost_of(s, s->y);
            memcpy(found, s->y, (size_t)nin * sizeof *o);
        }
    }
    if (isinf(least)) return 0;
    if (nn > 0 && shrink(s, o, found, num, nn) < 0) return -1;
    least = cost_of(s, found);
    if (least < s->best) {
        s->best = least;
        memcpy(s->r->to, found, (size_t)nin * sizeof *found);
        s->r->found = 1;
    }
    return 0;
}

int flip_search(flip_eval *ev, flip_result *r, uint64_t seed)
{
    double x[COOP_FLIP_MAX_INPUTS], y[COOP_FLIP_MAX_INPUTS], z[COOP_FLIP_MAX_INPUTS];
    search s = {ev, r, seed ? seed : 1, INFINITY, x, y, z};
    for (int k = 1; k <= ev->nin && !r->found && !spent(&s); k++) {
        int set[COOP_FLIP_MAX_INPUTS];
        for (int j = 0; j < k; j++) set[j] = j;
        do
            if (search_set(&s, set, k) < 0) return -1;
        while (!spent(&s) && flip_next_set(set, k, ev->nin));
    }
    return 0;
}
