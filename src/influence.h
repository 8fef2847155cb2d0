/*
 * influence.h - solving a rule's influence graph: effective values are the
 * solution of x = own + W^T x, so x = M own with M = (I - W^T)^-1.
 */
#ifndef COOP_INFLUENCE_H
#define COOP_INFLUENCE_H

#include "model.h"

/* Margin below 1 the spectral radius of a cyclic W must keep. */
#define INFLUENCE_RHO_MARGIN 1e-9

typedef struct influence_result {
    int cyclic;
    double rho;                   /* spectral radius of W (0 when acyclic) */
    /* after an error: the factors of the cycle that does not converge (a
     * strongly connected part of the graph), in declaration order */
    int cycle[COOP_MAX_FACTORS + 1];
    int cycle_len;
    int order[COOP_MAX_FACTORS];  /* a topological order, when acyclic */
    int singular;                 /* I - W^T could not be inverted */
} influence_result;

/* Fills M (nf x nf, row-major: M[i*nf+j] is d effective_i / d own_j).
 * Returns 0, or -1 when W has a cycle and spectral radius >= 1: then the
 * system has no unique solution and `res` names a cycle. */
int influence_solve(int nf, const edge *e, int ne, double *M, influence_result *res);

/* The spectral radius of the n x n matrix A (row-major), by Gelfand's
 * formula with repeated squaring.  Weights of wildly different magnitudes
 * (1e-200 against 1e200) can underflow it; influence_solve then finds the
 * system singular instead. */
double influence_spectral_radius(int n, const double *A);

#endif
