/* test_lp.c - the small linear programmes of flips (lp.h): worked
 * examples, then random programmes of 1 to 3 variables against every
 * vertex of their polytope enumerated. */
#include <math.h>

#include "util.h"

#include "lp.h"

static lp_status solve(int n, int m, const double *c, const double *u, const double *a, const double *b,
                       const lp_sense *s, double *y, double *obj)
{
    lp p = {n, m, c, u, a, b, s};
    return lp_solve(&p, y, obj);
}

START_TEST(lp_worked)
{
    double y[3], obj;
    /* min x + y, x + y >= 1, x - y = 0.5: (0.75, 0.25) */
    {
        double c[] = {1, 1}, u[] = {10, 10}, a[] = {1, 1, 1, -1}, b[] = {1, 0.5};
        lp_sense s[] = {LP_GE, LP_EQ};
        ck_assert_int_eq(solve(2, 2, c, u, a, b, s, y, &obj), LP_OPTIMAL);
        ck_assert_double_eq_tol(y[0], 0.75, 1e-12);
        ck_assert_double_eq_tol(y[1], 0.25, 1e-12);
        ck_assert_double_eq_tol(obj, 1, 1e-12);
    }
    /* a bound that binds: min -x with x <= 0.3 as its upper bound, a row x <= 5 */
    {
        double c[] = {-1}, u[] = {0.3}, a[] = {1}, b[] = {5};
        lp_sense s[] = {LP_LE};
        ck_assert_int_eq(solve(1, 1, c, u, a, b, s, y, &obj), LP_OPTIMAL);
        ck_assert_double_eq_tol(y[0], 0.3, 1e-15);
    }
    /* infeasible within the bounds: x >= 2 with x <= 1 */
    {
        double c[] = {1}, u[] = {1}, a[] = {1}, b[] = {2};
        lp_sense s[] = {LP_GE};
        ck_assert_int_eq(solve(1, 1, c, u, a, b, s, y, &obj), LP_INFEASIBLE);
    }
    /* unbounded: min -x, x unbounded above */
    {
        double c[] = {-1}, u[] = {INFINITY}, a[] = {1}, b[] = {-1};
        lp_sense s[] = {LP_GE};
        ck_assert_int_eq(solve(1, 1, c, u, a, b, s, y, &obj), LP_UNBOUNDED);
    }
    /* no rows: each variable at the bound its cost prefers */
    {
        double c[] = {2, -3}, u[] = {1, 4};
        ck_assert_int_eq(solve(2, 0, c, u, NULL, NULL, NULL, y, &obj), LP_OPTIMAL);
        ck_assert(y[0] == 0 && y[1] == 4);
        ck_assert_double_eq(obj, -12);
    }
    /* a fixed variable (u = 0) and a negative right-hand side */
    {
        double c[] = {1, 1}, u[] = {0, 3}, a[] = {-1, -2}, b[] = {-2};
        lp_sense s[] = {LP_LE};
        ck_assert_int_eq(solve(2, 1, c, u, a, b, s, y, &obj), LP_OPTIMAL);
        ck_assert(y[0] == 0);
        ck_assert_double_eq_tol(y[1], 1, 1e-12);
    }
    /* degenerate: three rows through one vertex (Bland's rule ends) */
    {
        double c[] = {-1, -1}, u[] = {1, 1}, a[] = {1, 1, 1, 2, 2, 1}, b[] = {1, 1.5, 1.5};
        lp_sense s[] = {LP_LE, LP_LE, LP_LE};
        ck_assert_int_eq(solve(2, 3, c, u, a, b, s, y, &obj), LP_OPTIMAL);
        ck_assert_double_eq_tol(obj, -1, 1e-12);
    }
}
END_TEST

/* Solves the k x k system g x = h by elimination with partial pivoting:
 * 0, or -1 when it is singular. */
static int gauss(int k, double g[3][3], double *h, double *x)
{
    for (int c = 0; c < k; c++) {
        int p = c;
        for (int r = c + 1; r < k; r++)
            if (fabs(g[r][c]) > fabs(g[p][c])) p = r;
        if (fabs(g[p][c]) < 1e-12) return -1;
        for (int j = 0; j < k; j++) {
            double t = g[c][j];
            g[c][j] = g[p][j];
            g[p][j] = t;
        }
        double t = h[c];
        h[c] = h[p];
        h[p] = t;
        for (int r = 0; r < k; r++) {
            if (r == c) continue;
            double f = g[r][c] / g[c][c];
            for (int j = 0; j < k; j++) g[r][j] -= f * g[c][j];
            h[r] -= f * h[c];
        }
    }
    for (int c = 0; c < k; c++) x[c] = h[c] / g[c][c];
    return 0;
}

/* The least cost over the polytope's vertices (every n of its rows and
 * bounds made equalities, the points that meet them all kept); INFINITY
 * when it has none, so is empty (it is bounded). */
static double by_vertices(int n, int m, const double *c, const double *u, const double *a, const double *b,
                          const lp_sense *s)
{
    int nk = m + 2 * n; /* rows, then y_j = 0, then y_j = u_j */
    double best = INFINITY;
    for (int mask = 0; mask < 1 << nk; mask++) {
        if (__builtin_popcount((unsigned)mask) != n) continue;
        double g[3][3] = {{0}}, h[3] = {0}, x[3];
        int r = 0;
        for (int k = 0; k < nk; k++) {
            if (!(mask >> k & 1)) continue;
            if (k < m) {
                for (int j = 0; j < n; j++) g[r][j] = a[k * n + j];
                h[r] = b[k];
            } else {
                g[r][(k - m) % n] = 1;
                h[r] = k < m + n ? 0 : u[(k - m) % n];
            }
            r++;
        }
        if (gauss(n, g, h, x) < 0) continue;
        int ok = 1;
        for (int j = 0; j < n && ok; j++) ok = x[j] >= -1e-9 && x[j] <= u[j] + 1e-9;
        for (int i = 0; i < m && ok; i++) {
            double v = 0;
            for (int j = 0; j < n; j++) v += a[i * n + j] * x[j];
            ok = s[i] == LP_LE ? v <= b[i] + 1e-9 : s[i] == LP_GE ? v >= b[i] - 1e-9 : fabs(v - b[i]) <= 1e-9;
        }
        if (!ok) continue;
        double v = 0;
        for (int j = 0; j < n; j++) v += c[j] * x[j];
        if (v < best) best = v;
    }
    return best;
}

static double rnd(uint64_t *seed, double lo, double hi)
{
    return lo + (hi - lo) * (double)(rng_next(seed) >> 11) / 9007199254740992.0;
}

START_TEST(lp_random_against_vertices)
{
    uint64_t seed = 42;
    int optimal = 0, infeasible = 0;
    for (int trial = 0; trial < 3000; trial++) {
        int n = 1 + (int)(rng_next(&seed) % 3), m = (int)(rng_next(&seed) % 5);
        double c[3], u[3], a[12], b[4], y[3], obj;
        lp_sense s[4];
        for (int j = 0; j < n; j++) {
            c[j] = rnd(&seed, -1, 1);
            u[j] = rng_next(&seed) % 5 == 0 ? 0 : rnd(&seed, 0, 2);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) /* some zeros, some ties */
                a[i * n + j] = rng_next(&seed) % 4 == 0 ? 0 : round(rnd(&seed, -2, 2) * 4) / 4;
            b[i] = round(rnd(&seed, -1.5, 1.5) * 4) / 4;
            s[i] = (lp_sense)(rng_next(&seed) % 3);
        }
        double want = by_vertices(n, m, c, u, a, b, s);
        lp_status st = solve(n, m, c, u, a, b, s, y, &obj);
        if (isinf(want)) {
            require(st == LP_INFEASIBLE, "trial %d: status %d, want infeasible", trial, (int)st);
            infeasible++;
            continue;
        }
        require(st == LP_OPTIMAL, "trial %d: status %d, want %g", trial, (int)st, want);
        require(fabs(obj - want) <= 1e-9, "trial %d: %.17g, vertices %.17g", trial, obj, want);
        for (int i = 0; i < m; i++) { /* its point meets every row */
            double v = 0;
            for (int j = 0; j < n; j++) v += a[i * n + j] * y[j];
            require(s[i] == LP_LE ? v <= b[i] + 1e-9 : s[i] == LP_GE ? v >= b[i] - 1e-9 : fabs(v - b[i]) <= 1e-9,
                    "trial %d: row %d", trial, i);
        }
        optimal++;
    }
    ck_assert_int_gt(optimal, 1000); /* both kinds are exercised */
    ck_assert_int_gt(infeasible, 200);
}
END_TEST

Suite *suite_lp(void)
{
    Suite *s = suite_create("lp");
    TCase *tc = tcase_create("lp");
    tcase_add_test(tc, lp_worked);
    tcase_add_test(tc, lp_random_against_vertices);
    suite_add_tcase(s, tc);
    return s;
}
