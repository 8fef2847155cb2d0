/*
 * flip.h - the smallest change that flips a verdict (docs/analysis.md,
 * "The smallest change that flips a verdict"): `flip R(a, b) [by ...]`,
 * flip_count(), flip_cost(), flippable().
 *
 * The inputs are the values the tuple's verdict reads of its own actors,
 * itself or through what it reads (flip_trace.h: its aggregates, the
 * contracts it reads and the tenders that award them, on a timeline the
 * events that write what it reads): their number and true/false
 * attributes, and the relation values over them; `by` keeps some, and
 * adds the model's parameters it names that the verdict reads so (never
 * moved unless named).  What it reads of other actors is left out, and
 * said (nleft, left).  Each moves inside its range: the declared
 * one (`range LO .. HI`; a parameter has no other), else the data's (the lowest to the highest value
 * of that attribute over the actors that have it; of the relation, over its
 * values set and its default); true/false flips (a change of 1 in a range
 * of 1).  A set, a string, an attribute the actor lacks, and a range of no
 * width do not move.  The cost of a change is lexicographic: the number of
 * values it changes, then the sum of each change divided by its range.
 *
 * A verdict whose comparisons are affine in the inputs (abs, min, max and
 * clamp cut into affine pieces; true/false inputs enumerated) is flipped
 * exactly: the flipped verdict is a union of polytopes, and the sets of
 * inputs are tried by size, each against each polytope by a linear
 * programme (lp.h), up to the first size that flips it.  Otherwise a
 * seeded search.  Either way the change found is made in a copy of the
 * world and the tuple decided again there: what is reported is the
 * evaluator's verdict, never the solver's.
 *
 * The values written (to[]) flip the verdict as the evaluator decides it:
 * a strict comparison passed by a hair (0.750000001 for `> 0.75`).  The
 * cost is the bound's: the least, which the values written pass (exact:
 * the programme's point before any margin; searched: the values written),
 * each share to the fewest digits within 10^-9 and the shares added up as
 * decimals, so that it reads 0.45, not 0.45000000099999997.
 */
#ifndef COOP_FLIP_H
#define COOP_FLIP_H

#include "world.h"

/* Where an input's range comes from. */
typedef enum { FLIP_DECLARED, FLIP_DATA, FLIP_BOOLEAN } flip_range;

/* A value the verdict reads: attribute `attr` of `actor`, relation
 * `rel`'s value over args[], or (is_param) the model's parameter `mparam`. */
typedef struct flip_input {
    int is_rel, is_param;
    int actor, attr;
    int rel, args[COOP_MAX_PARAMS];
    int mparam;
    int boolean;
    double now;        /* its value in the world flipped */
    double lo, hi;     /* the range it moves in */
    flip_range from;
    const char *fixed; /* why it cannot move ("a set", "a range of no width"), or NULL */
} flip_input;

typedef struct flip_result {
    int rule;
    int tuple[COOP_MAX_PARAMS];
    int nin;                   /* the inputs that move */
    flip_input *in;
    int nfixed;                /* the values read that cannot move (in[nin .. nin+nfixed)) */
    int nleft;                 /* what the verdict reads that no input stands for (flip_trace.h): */
    const char **left;         /* "what count(...) (line 9, column 22) reads of other actors" */
    int before;                /* the verdict now (1 forms) */
    int want;                  /* the verdict asked for (FLIP_FAIL, FLIP_FORM) */
    int already;               /* it has it now: found, nothing changed, cost 0 */
    int has_score;
    double score_before;
    int found;                 /* a change flips it */
    double *to;                /* [nin] each input's value after (now: unchanged), as written */
    double *share;             /* [nin] each change's share of its range, to the bound it passes (below) */
    int after;                 /* the evaluator's verdict in the changed world */
    double score_after;
    int count;                 /* values changed */
    double cost;               /* the sum of the shares: the least cost, to 10^-9 of a range a value */
    int exact;                 /* solved (else searched) */
    const char *why_search;    /* why it searched (NULL when exact) */
    long lps, evaluations;     /* linear programmes solved; tuples decided (each a run on a timeline) */
    long closed;               /* polytopes (with a set of inputs) met without a programme: what they
                                  need of the numbers that move holds as they are (closed-form checks) */
    int polytopes;             /* of the verdict's flip, with the true/false values as they are */
    int unverified;            /* solutions the evaluator did not confirm, even nudged */
    /* -1 from flip_find: stopped (*stop set), or failed: */
    int stopped, failed;
    coop_loc err_loc;          /* where (line 0: at the caller's statement) */
    char *err_msg;
    arena mem;                 /* what the result holds */
} flip_result;

/* Flips rule `rule`'s tuple (one of its tuples, as a resolved statement
 * names it) in world w0 (of m; on a timeline, the declared world, whose
 * last step's verdict is flipped) to verdict `to` (FLIP_OTHER: the other
 * one than now), moving only what picks[0..npick) name (npick 0: every
 * input); a search is seeded by `seed`.  *stop, when not NULL, is looked
 * at between evaluations.  0; or -1, stopped or failed (a runtime error
 * deciding the tuple, an input a pick names that the verdict does not
 * read, more than COOP_FLIP_MAX_INPUTS inputs), said with err_loc and
 * err_msg.  Free with flip_free either way. */
int flip_find(flip_result *r, const model *m, const coop_world *w0, int rule, const int *tuple, int to,
              const flip_pick *picks, int npick, uint64_t seed, const volatile sig_atomic_t *stop);
void flip_free(flip_result *r);

/* Input i as a what-if writes its target ("emil.publicity", "trust(a,
 * b)", "bid(t, x).price") and a value of it ("0.72", "true"). */
void flip_target(FILE *out, const model *m, const flip_input *in);
void flip_value(FILE *out, const flip_input *in, double v);

#endif
