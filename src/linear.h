/*
 * linear.h - is a rule's score linear in its factors?  Then the Shapley
 * values of a tuple have a closed form (docs/analysis.md): a coalition S
 * scores w0 + sum_j w_j x_j with x = M c, c_f = own_f in S and baseline_f
 * outside, so v(S) = v(0) + sum over f in S of a_f (own_f - baseline_f)
 * with a = M^T w: an additive game, phi_f = a_f (own_f - baseline_f).
 */
#ifndef COOP_LINEAR_H
#define COOP_LINEAR_H

#include "model.h"

/* Fills ru->lin with a (nf values) when the score is a sum of constant
 * multiples of factors and terms that read none, and no coalition can
 * fail (no division by a value read from the factors, in the score or in
 * forms when); else ru->lin stays NULL and ru->nonlinear is the node that
 * is not linear, or that divides (NULL when the rule has no score).  A
 * multiple may read the model's parameters (w * trust): it is constant in
 * every coalition, its value pv[]'s (the parameters as declared).  Needs
 * ru->M; ru->lin is malloc'd, freed by compile_free. */
void linear_rule(rule_info *ru, const double *pv);
/* Is x a multiple's coefficient: a constant, or arithmetic on constants
 * and the model's parameters (the same in every coalition and tuple)? */
int linear_coef(const rexpr *x);
/* The same coefficients a for parameters at pv and influence matrix M (a
 * world's: eval.h), into lin[nf]; for a rule whose ru->lin is not NULL. */
void linear_coefs(const rule_info *ru, const double *M, const double *pv, double *lin);

/* How x, an expression of rule ru's tuples (a factor's, its score, a
 * condition, a key), moves with the value of aggregate a alone, all else
 * fixed: AFFINE_NOT (it does not read a), AFFINE (as u + v * a for u, v
 * that do not read a: sums, products by and quotients by what does not
 * read a, factors through the influence matrix), or AFFINE_NO (otherwise,
 * or when another of ru's aggregates reads a). */
enum { AFFINE_NOT, AFFINE, AFFINE_NO };
int linear_in_agg(const rule_info *ru, const rexpr *x, const agg_info *a);

/* Calls fn with every attribute, relation and parameter read (R_ATTR,
 * R_REL, R_MPARAM) the verdict of ru depends on: of `forms when`, of the
 * score it reads, and of each factor it reads, through influence (each
 * factor with an influence on it, and the weight's expression when it
 * reads parameters); reads inside aggregates included (their bound names
 * are slots past ru->np).  Each factor and the score are walked once; a
 * read written twice is called twice.  What a flip may move (flip.h). */
void linear_reads(const rule_info *ru, void (*fn)(void *ctx, const rexpr *read), void *ctx);
/* The same of factor k's own value alone (none when its declaration
 * failed). */
void linear_own_reads(const rule_info *ru, int k, void (*fn)(void *ctx, const rexpr *read), void *ctx);
/* linear_reads' walk from x (an expression of ru's; ru NULL for a statement's,
 * which reads no factor), fn called with every node it meets, before what
 * the node reads: an aggregate before its body, a factor before its own
 * value.  What a flip traces (flip_trace.h). */
void linear_walk(const rule_info *ru, const rexpr *x, void (*fn)(void *ctx, const rexpr *node), void *ctx);

#endif
