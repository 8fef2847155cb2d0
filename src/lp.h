/*
 * lp.h - small linear programmes, solved exactly enough to be verified:
 *
 *     minimise  c . y   subject to   a_i . y  (<=, =, >=)  b_i   (i < m)
 *                                    0 <= y_j <= u_j             (j < n)
 *
 * by a dense bounded-variable primal simplex in two phases (the bounds
 * are kept by the ratio test, not as rows), with Bland's rule, so it
 * cannot cycle.  Made for the programmes a flip solves (flip.h): tens of
 * variables, a few rows; the caller checks what it finds by other means.
 */
#ifndef COOP_LP_H
#define COOP_LP_H

typedef enum { LP_LE, LP_EQ, LP_GE } lp_sense;

typedef enum {
    LP_OPTIMAL,
    LP_INFEASIBLE,
    LP_UNBOUNDED, /* only when some u_j is INFINITY */
    LP_STALLED    /* past its iteration limit (rounding): nothing is known */
} lp_status;

typedef struct lp {
    int n, m;
    const double *c;        /* [n] */
    const double *u;        /* [n]: each >= 0, INFINITY allowed */
    const double *a;        /* [m][n], row by row */
    const double *b;        /* [m] */
    const lp_sense *sense;  /* [m] */
} lp;

/* Solves p: on LP_OPTIMAL, y[n] gets a solution (inside the bounds) and
 * *obj its cost.  Rows hold within a tolerance of 1e-9 relative to the
 * row's scale; a caller that needs a strict inequality asks for a margin. */
lp_status lp_solve(const lp *p, double *y, double *obj);

#endif
