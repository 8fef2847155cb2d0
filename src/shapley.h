/*
 * shapley.h - Shapley values of a cooperative game given by its value
 * function v(S) over coalitions S of k players (bit masks).
 */
#ifndef COOP_SHAPLEY_H
#define COOP_SHAPLEY_H

#include <stdint.h>

typedef double (*shapley_game)(void *ctx, uint64_t coalition, int *err);

/* Exact: phi_i = sum over S without i of |S|!(k-|S|-1)!/k! (v(S+i) - v(S)).
 * `scratch` holds 2^k doubles.  Returns 0, or -1 if v reported an error. */
int shapley_exact(int k, shapley_game v, void *ctx, double *scratch, double *phi);

/* Monte Carlo: the mean marginal contribution over `perms` random player
 * orders drawn from `seed`; se gets each mean's standard error. */
int shapley_sample(int k, shapley_game v, void *ctx, int perms, uint64_t seed, double *phi, double *se);

#endif
