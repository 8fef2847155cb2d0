/* sweep.c - the grid of a sweep: ranges' values, points, shards, and the
 * work a point takes. */
#include "sweep.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "fmt.h"
#include "result.h"

/* ---- ranges ---- */

/* A range in whole numbers: a, b and s times 10^d, d the most decimals
 * any of them is written with (fmt_decimals), when each is then a whole
 * number a double holds exactly (below 2^53); 0 when not so (1/3, 1e-20),
 * and the range is then measured within rounding. */
typedef struct whole_range {
    double a, b, s, p; /* p: 10^d */
    int d;
} whole_range;

static int whole_of(double a, double b, double s, whole_range *w)
{
    int da = fmt_decimals(a), db = fmt_decimals(b), ds = fmt_decimals(s);
    if (da < 0 || db < 0 || ds < 0) return 0;
    w->d = da > db ? da : db;
    if (ds > w->d) w->d = ds;
    if (w->d > 22) return 0; /* (10^d no longer exact) */
    w->p = pow(10, w->d);
    w->a = nearbyint(a * w->p), w->b = nearbyint(b * w->p), w->s = nearbyint(s * w->p);
    const double big = 9007199254740992.0; /* 2^53 */
    return fabs(w->a) < big && fabs(w->b) < big && fabs(w->s) < big && fabs(w->b - w->a) < big && w->s != 0;
}

grid_status sweep_range_count(double a, double b, double s, long max, long *n)
{
    *n = 0;
    if (!isfinite(a) || !isfinite(b) || !isfinite(s)) return GRID_NOT_FINITE;
    if (s == 0) return GRID_STEP_ZERO;
    if (a == b) {
        *n = 1;
        return GRID_OK;
    }
    double k = (b - a) / s;
    if (k < 0) return GRID_WRONG_SIGN;
    if (!(k < (double)max)) { /* (inf, or a count past any long) */
        *n = max + 1;
        return GRID_TOO_MANY;
    }
    whole_range w;
    int on;
    if (whole_of(a, b, s, &w)) { /* exactly: 0.4 to 0.6 step 0.03 is 40 to 60 step 3 */
        double span = fabs(w.b - w.a), step = fabs(w.s), rest = fmod(span, step);
        *n = (long)((span - rest) / step) + 1; /* (an exact quotient) */
        on = rest == 0;
    } else { /* within rounding: 1 is 3 steps of 1/3 from 0 */
        *n = (long)floor(k + 1e-9 * (k > 1 ? k : 1)) + 1;
        on = fabs(k - (double)(*n - 1)) <= 1e-9 * (k > 1 ? k : 1);
    }
    return *n > max ? GRID_TOO_MANY : on ? GRID_OK : GRID_OFF;
}

int sweep_range_decimals(double a, double s)
{
    int da = fmt_decimals(a), ds = fmt_decimals(s);
    return da < 0 || ds < 0 ? -1 : da > ds ? da : ds;
}

double sweep_range_value(double a, double b, double s, int d, long i, long n)
{
    double x = a + (double)i * s;
    if (i == n - 1 && fabs(x - b) <= 1e-9 * fabs(s)) return b == 0 ? 0 : b; /* the end, as written */
    /* a + i*s is off by a few units in the last place from the decimal a
     * person adds up */
    return fmt_round_decimals(x, d);
}

void sweep_range_fix(double a, double b, double s, long n, grid_fix *f)
{
    memset(f, 0, sizeof *f);
    f->last = fmt_round_decimals(a + (double)(n - 1) * s, sweep_range_decimals(a, s));
    whole_range w;
    if (!whole_of(a, b, s, &w)) {
        f->span = fabs(b - a);
        return;
    }
    /* the counts of steps j that divide the span, nearest the count s
     * takes (k) outwards; each at most COOP_SWEEP_MAX_POINTS points, and
     * more than one step (the two ends alone) unless no other divides */
    double span = fabs(w.b - w.a), k = span / fabs(w.s), jmax = (double)COOP_SWEEP_MAX_POINTS - 1;
    f->span = span / w.p;
    if (span < jmax) jmax = span;
    double jmin = jmax >= 2 ? 2 : 1, r = nearbyint(k) < jmin ? jmin : nearbyint(k) > jmax ? jmax : nearbyint(k);
    for (double dj = 0; f->nstep < GRID_FIX_STEPS && (r - dj >= jmin || r + dj <= jmax); dj++)
        for (int side = 0; side < 2 && f->nstep < GRID_FIX_STEPS; side++) {
            double j = side ? r + dj : r - dj;
            if ((side && dj == 0) || j < jmin || j > jmax || fmod(span, j) != 0) continue;
            f->step[f->nstep++] = copysign(span / j / w.p, s);
        }
    if (!f->nstep) f->step[f->nstep++] = copysign(span / w.p, s); /* a prime span: one step */
    for (int i = 1; i < f->nstep; i++) /* smallest first */
        for (int j = i; j > 0 && fabs(f->step[j]) < fabs(f->step[j - 1]); j--) {
            double t = f->step[j];
            f->step[j] = f->step[j - 1];
            f->step[j - 1] = t;
        }
}

double sweep_value(const sweep_axis *ax, long i)
{
    return ax->v ? ax->v[i] : sweep_range_value(ax->from, ax->to, ax->step, ax->decimals, i, ax->n);
}

/* ---- points and shards ---- */

const char *sweep_column(arena *a, const sweep_axis *ax, int n, const char *text)
{
    for (int i = 0; i < n; i++)
        if (ax[i].name && strcmp(ax[i].name, text) == 0) return arena_printf(a, "%s (query)", text);
    return text;
}

int sweep_given(const sweep_axis *ax, int n, int *out)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (!ax[i].t.is_param && !ax[i].t.is_rel) {
            out[2 * k] = ax[i].t.attr;
            out[2 * k + 1] = ax[i].t.actor;
            k++;
        }
    return k;
}

long sweep_product(const long *n, int k, long max)
{
    long p = 1;
    for (int i = 0; i < k; i++) {
        if (n[i] <= 0) return 0;
        if (p > max / n[i]) return -1;
        p *= n[i];
    }
    return p > max ? -1 : p;
}

void sweep_index(const sweep_grid *g, long i, long *idx)
{
    for (int k = g->n - 1; k >= 0; k--) { /* the last axis fastest */
        idx[k] = i % g->ax[k].n;
        i /= g->ax[k].n;
    }
}

long sweep_shard_points(long points, long k, long n)
{
    return k < points ? (points - 1 - k) / n + 1 : 0;
}

uint64_t sweep_hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    if (!h) h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* ---- work ---- */

/* The tuples of rule ri one point decides to count them: those the axes'
 * values move, in both worlds (query.h, query_count from a base), or every
 * one in the point's world. */
static double count_work(const model *m, const sweep_grid *g, int ri)
{
    const rule_info *ru = &m->rules[ri];
    if (m->timeline || ru->tender || ru->deps.reads_contracts || !g->n) return (double)ru->ntuples;
    event_change t[64];
    double moved = 0;
    for (int k = 0; k < g->n; k += 64) { /* the axes, 64 at a time */
        int n = g->n - k < 64 ? g->n - k : 64;
        for (int j = 0; j < n; j++) t[j] = g->ax[k + j].t;
        moved += result_touched(m, ri, t, n);
    }
    return 2 * moved < (double)ru->ntuples ? 2 * moved : (double)ru->ntuples;
}

static double shapley_cost(const rule_info *ru, shapley_of of)
{
    long long c = ev_shapley_work(ru, of);
    return c > 0 ? (double)c : 1;
}

/* Evaluations x takes, its operands' included. */
static double expr_work(const model *m, const sweep_grid *g, const rexpr *x)
{
    double w = 0;
    for (int i = 0; i < x->nsub; i++) w += expr_work(m, g, x->sub[i]);
    const rule_info *ru = x->rule >= 0 && x->rule < m->nrules ? &m->rules[x->rule] : NULL;
    int steps = m->timeline ? m->timeline->nsteps : 1;
    switch (x->k) {
    case R_COUNT: return w + count_work(m, g, x->rule);
    case R_VERDICT: case R_QSCORE: case R_VALUE: case R_ELIGIBLE: case R_BIDSCORE:
        return w + 1;
    case R_SHAPLEY: case R_DOMINANT_T: return w + shapley_cost(ru, x->of);
    case R_IMPORTANCE: case R_DOMINANT_R: return w + (double)ru->ntuples * shapley_cost(ru, x->of);
    case R_WINNER: case R_STATUS: case R_RANK: case R_FAILED: case R_STABLE:
        return w + (double)ru->ntuples;
    case R_GAP: case R_WIN_PRICE: return w + (double)ru->ntuples * shapley_cost(ru, OF_SCORE);
    case R_AGG: { /* its body and condition for each actor of its range */
        const agg_info *ag = x->agg;
        double each = 1 + (ag->cond ? expr_work(m, g, ag->cond) : 0) + (ag->body ? expr_work(m, g, ag->body) : 0);
        return w + each * (ag->ncand > 0 ? ag->ncand : 1);
    }
    case R_OVER: case R_FIRST: return w * steps;
    case R_FLIP_COUNT: case R_FLIP_COST: case R_FLIPPABLE: /* at most its search's (flip.h), each a run */
        return w + (double)COOP_FLIP_EVALUATIONS * steps;
    case R_DECISIVE: case R_BUT_FOR: {
        int players = m->nevents < COOP_EVENT_SHAPLEY_EXACT_MAX ? m->nevents : COOP_EVENT_SHAPLEY_EXACT_MAX;
        return w + ldexp((double)steps, players);
    }
    default: return w;
    }
}

double sweep_work(const model *m, const sweep_grid *g, const stmt *v, int n)
{
    double w = m->timeline ? m->timeline->nsteps : 0; /* the run, each point */
    for (int i = 0; i < n; i++)
        if (v[i].e) w += expr_work(m, g, v[i].e);
    return w > 1 ? w : 1;
}
