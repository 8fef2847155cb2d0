/* lp.c - a dense bounded-variable primal simplex, two phases, Bland's
 * rule (Chvatal, Linear Programming, ch. 8). */
#include "lp.h"

#include <math.h>
#include <string.h>

#include "mem.h"

#define PIVOT_TOL 1e-11 /* a smaller entry of the entering column is taken as 0 */
#define COST_TOL 1e-12  /* a reduced cost that improves the objective */

enum { BASIC, AT_LO, AT_UP };

/* The tableau: rows B^-1 [A | slacks | artificials]; columns 0 .. n-1 the
 * structural variables, n .. n+m-1 each row's slack, n+m .. n+2m-1 its
 * artificial.  Every variable is bounded below by 0, above by up[]. */
typedef struct tab {
    int m, nc;
    double *t;      /* m x nc */
    double *beta;   /* [m] the basic variables' values */
    double *x;      /* [nc] nonbasic variables' values (0 or up) */
    double *up;     /* [nc] */
    int *basis;     /* [m] */
    unsigned char *st; /* [nc] */
    double *cost;   /* [nc] of the phase */
    double *d;      /* [nc] reduced costs */
} tab;

#define T(tb, i, j) ((tb)->t[(size_t)(i) * (size_t)(tb)->nc + (size_t)(j)])

/* Pivots on row r, column j: j enters the basis, basis[r] leaves. */
static void pivot(tab *tb, int r, int j)
{
    double p = T(tb, r, j);
    for (int k = 0; k < tb->nc; k++) T(tb, r, k) /= p;
    T(tb, r, j) = 1;
    for (int i = 0; i < tb->m; i++) {
        if (i == r) continue;
        double f = T(tb, i, j);
        if (f == 0) continue;
        for (int k = 0; k < tb->nc; k++) T(tb, i, k) -= f * T(tb, r, k);
        T(tb, i, j) = 0;
    }
    tb->basis[r] = j;
    tb->st[j] = BASIC;
}

/* Minimises tb->cost from the feasible basis tb holds: LP_OPTIMAL,
 * LP_UNBOUNDED or LP_STALLED. */
static lp_status optimise(tab *tb, long limit)
{
    int m = tb->m, nc = tb->nc;
    for (long it = 0; it < limit; it++) {
        /* reduced costs d_j = c_j - c_B B^-1 A_j */
        for (int j = 0; j < nc; j++) tb->d[j] = tb->st[j] == BASIC ? 0 : tb->cost[j];
        for (int i = 0; i < m; i++) {
            double cb = tb->cost[tb->basis[i]];
            if (cb == 0) continue;
            for (int j = 0; j < nc; j++)
                if (tb->st[j] != BASIC) tb->d[j] -= cb * T(tb, i, j);
        }
        /* Bland: the first variable whose move lowers the cost */
        int j = -1;
        for (int k = 0; k < nc && j < 0; k++) {
            if (tb->st[k] == BASIC || tb->up[k] <= 0) continue;
            if ((tb->st[k] == AT_LO && tb->d[k] < -COST_TOL) || (tb->st[k] == AT_UP && tb->d[k] > COST_TOL)) j = k;
        }
        if (j < 0) return LP_OPTIMAL;
        double dir = tb->st[j] == AT_LO ? 1 : -1;
        /* ratio test: how far j may move before it or a basic variable meets a bound */
        double step = tb->up[j];
        int leave = -1, to_up = 0;
        for (int i = 0; i < m; i++) {
            double alpha = T(tb, i, j) * dir; /* basic i moves by -alpha per unit */
            double lim;
            int up = 0;
            if (alpha > PIVOT_TOL)
                lim = tb->beta[i] / alpha;
            else if (alpha < -PIVOT_TOL && isfinite(tb->up[tb->basis[i]])) {
                lim = (tb->up[tb->basis[i]] - tb->beta[i]) / -alpha;
                up = 1;
            } else
                continue;
            if (lim < 0) lim = 0; /* rounding left it a hair outside */
            if (lim < step || (lim == step && leave >= 0 && tb->basis[i] < tb->basis[leave])) {
                step = lim;
                leave = i;
                to_up = up;
            }
        }
        if (isinf(step)) return LP_UNBOUNDED;
        for (int i = 0; i < m; i++) tb->beta[i] -= T(tb, i, j) * dir * step;
        double xj = tb->x[j] + dir * step;
        if (leave < 0) { /* j crosses its own range */
            tb->st[j] = dir > 0 ? AT_UP : AT_LO;
            tb->x[j] = dir > 0 ? tb->up[j] : 0;
            continue;
        }
        int out = tb->basis[leave];
        tb->st[out] = to_up ? AT_UP : AT_LO;
        tb->x[out] = to_up ? tb->up[out] : 0;
        pivot(tb, leave, j);
        tb->beta[leave] = xj;
    }
    return LP_STALLED;
}

lp_status lp_solve(const lp *p, double *y, double *obj)
{
    int n = p->n, m = p->m, nc = n + 2 * m;
    tab tb;
    tb.m = m;
    tb.nc = nc;
    tb.t = mem_calloc((size_t)m * (size_t)nc + 1, sizeof *tb.t);
    tb.beta = mem_calloc((size_t)m + 1, sizeof *tb.beta);
    tb.x = mem_calloc((size_t)nc + 1, sizeof *tb.x);
    tb.up = mem_calloc((size_t)nc + 1, sizeof *tb.up);
    tb.cost = mem_calloc((size_t)nc + 1, sizeof *tb.cost);
    tb.d = mem_calloc((size_t)nc + 1, sizeof *tb.d);
    tb.basis = mem_calloc((size_t)m + 1, sizeof *tb.basis);
    tb.st = mem_calloc((size_t)nc + 1, 1);
    double scale = 1;
    for (int j = 0; j < n; j++) tb.up[j] = p->u[j] > 0 ? p->u[j] : 0;
    for (int i = 0; i < m; i++) {
        /* a . y + slack = b (<=), a . y - slack = b (>=), slack fixed at 0 (=);
         * b made >= 0, so the artificial starts at b */
        double sg = p->b[i] < 0 ? -1 : 1;
        for (int j = 0; j < n; j++) T(&tb, i, j) = sg * p->a[(size_t)i * (size_t)n + (size_t)j];
        T(&tb, i, n + i) = sg * (p->sense[i] == LP_GE ? -1 : 1);
        tb.up[n + i] = p->sense[i] == LP_EQ ? 0 : INFINITY;
        T(&tb, i, n + m + i) = 1;
        tb.up[n + m + i] = INFINITY;
        tb.beta[i] = sg * p->b[i];
        tb.basis[i] = n + m + i;
        if (fabs(p->b[i]) > scale) scale = fabs(p->b[i]);
    }
    for (int j = 0; j < n + m; j++) tb.st[j] = AT_LO;
    for (int i = 0; i < m; i++) tb.st[n + m + i] = BASIC;
    long limit = 1000 + 50L * nc;
    /* phase 1: the artificials' sum to 0 */
    for (int i = 0; i < m; i++) tb.cost[n + m + i] = 1;
    lp_status s = optimise(&tb, limit);
    if (s == LP_OPTIMAL) {
        double infeas = 0;
        for (int i = 0; i < m; i++)
            if (tb.basis[i] >= n + m) infeas += tb.beta[i];
        if (infeas > 1e-9 * scale) s = LP_INFEASIBLE;
    }
    if (s == LP_OPTIMAL) {
        /* phase 2: the artificials held at 0, the true costs */
        for (int i = 0; i < m; i++) tb.up[n + m + i] = 0;
        for (int j = 0; j < nc; j++) tb.cost[j] = j < n ? p->c[j] : 0;
        s = optimise(&tb, limit);
    }
    if (s == LP_OPTIMAL) {
        for (int j = 0; j < n; j++) y[j] = tb.st[j] == AT_UP ? tb.up[j] : 0;
        for (int i = 0; i < m; i++)
            if (tb.basis[i] < n) y[tb.basis[i]] = tb.beta[i];
        double v = 0;
        for (int j = 0; j < n; j++) { /* inside the bounds, whatever rounding did */
            if (y[j] < 0) y[j] = 0;
            if (y[j] > tb.up[j]) y[j] = tb.up[j];
            v += p->c[j] * y[j];
        }
        *obj = v;
    }
    free(tb.t);
    free(tb.beta);
    free(tb.x);
    free(tb.up);
    free(tb.cost);
    free(tb.d);
    free(tb.basis);
    free(tb.st);
    return s;
}
