/*
 * flip_form.h - a verdict as polytopes over the values a flip moves: the
 * rule's `forms when`, through its score, effective values (M) and the
 * factors' own values, evaluated symbolically, every number an affine
 * form c + a . x of the inputs x.  What reads no moving input is worked
 * out by the tree evaluator, as it is in the world given (true/false
 * inputs included: a flip enumerates them and builds the forms for each
 * assignment).  abs, min, max, clamp, and a condition read as a number,
 * are cut into pieces, each an affine value on a region; the verdict
 * wanted is then, region by region, a formula of affine comparisons, put
 * in disjunctive normal form: a union of polytopes.
 */
#ifndef COOP_FLIP_FORM_H
#define COOP_FLIP_FORM_H

#include "flip.h"
#include "query.h"

/* c + a . x over the inputs (a true/false input's coefficient is 0). */
typedef struct flin {
    double c;
    double a[COOP_FLIP_MAX_INPUTS];
} flin;

/* f(x) < 0, f(x) <= 0, f(x) == 0 */
typedef enum { FC_LT, FC_LE, FC_EQ } fc_op;
typedef struct fcons {
    flin f;
    fc_op op;
} fcons;

typedef struct fpoly {
    int n;
    const fcons *c;
} fpoly;

typedef struct fform {
    int n;          /* polytopes */
    fpoly *p;
} fform;

enum { FORM_OK, FORM_NOT_LINEAR, FORM_TOO_MANY, FORM_WEIGHT, FORM_AWARD };

/* The points where e's rule's verdict for e's last tuple (ev_tuple'd in
 * e's world) is `want`, as polytopes over in[0..nin) (in[i].boolean: held
 * as they are in the world), into *out (allocated in `keep`).
 * FORM_OK; FORM_NOT_LINEAR with *why the first node that is not affine in
 * the inputs (a product of two, round(), an aggregate that reads one, a
 * contract's status read as a value, a runtime error where nothing moves); FORM_TOO_MANY past
 * COOP_FLIP_MAX_POLYTOPES; FORM_WEIGHT with *why an influence weight that
 * moves (a parameter named: effective values are then products);
 * FORM_AWARD with *why a contract query whose contract's supplier, its
 * tender's winner, moves.  A contract with named parties, or an award that
 * does not move, is worked out through its conditions (met, violated,
 * undetected, renewed; e's contracts, decided in e's world, give its
 * supplier and whether it binds the tuple). */
int flip_form(fform *out, evaluator *e, const flip_input *in, int nin, int want, arena *keep, const rexpr **why);

/* Does input in (of tuple t of rule ru) stand for read x (R_ATTR, R_REL)? */
int flip_reads_input(const rule_info *ru, const int *t, const rexpr *x, const flip_input *in);

/* ---- deciding the tuple with the inputs moved (flip.c) ---- */

typedef struct flip_eval {
    const model *m;
    const coop_world *w0;     /* the world flipped (on a timeline, the declared one) */
    int rule;
    const int *tuple;
    const flip_input *in;
    int nin;
    int want;                 /* the verdict that flips it */
    coop_world *w;            /* w0 with the inputs set */
    query q;                  /* of w, without a timeline */
    const volatile sig_atomic_t *stop;
    long n;                   /* tuples decided */
} flip_eval;

/* The tuple decided with in[i] at x[i]: its verdict (the score into
 * *score, 0 without one), -1 after a runtime error there (no flip), -2
 * when stopped. */
int flip_decide(flip_eval *f, const double *x, double *score);

/* The next set of k of the indices 0 .. n-1 after s[0..k) in
 * lexicographic order (sets by size are tried in this order); 0 after the
 * last. */
int flip_next_set(int *s, int k, int n);

/* The seeded search (flip_search.c): sets of inputs by size, each sampled
 * and the flips it finds moved back toward the inputs' values, until a
 * size flips it or COOP_FLIP_EVALUATIONS tuples are decided; the least
 * cost found into r (found, to).  0, or -1 when stopped. */
int flip_search(flip_eval *f, flip_result *r, uint64_t seed);

#endif
