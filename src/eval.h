/*
 * eval.h - deciding verdicts: one tuple's own and effective factor values,
 * score and verdict; coalitions for Shapley; tuple enumeration; and a tree
 * evaluator for the sub-expressions a trace shows.
 */
#ifndef COOP_EVAL_H
#define COOP_EVAL_H

#include "world.h"

struct contracts;

/* Scratch for evaluating one rule: allocated once, reused for every tuple. */
typedef struct evaluator {
    const model *m;
    const coop_world *w;
    const rule_info *ru;
    int rule;
    double *r;                      /* registers */
    double own[COOP_MAX_FACTORS];   /* own values of the last tuple */
    /* the last tuple, then the names aggregates bind (vm_frame) */
    int tuple[COOP_MAX_PARAMS + COOP_MAX_AGG_DEPTH];
    double *coal;                   /* 2^k coalition values, for exact Shapley */
    coop_loc err_loc;               /* where a runtime error happened ... */
    const agg_info *err_agg;        /* ... an aggregate over nothing, or NULL: a division by zero */
    /* the rule's hoisted aggregates (model.h), worked out for version
     * hoist_version of the world: 1, or -1 after a runtime error (kept in
     * hoist_loc, hoist_agg), or 0 not yet */
    double *hoist;
    int hoist_state;
    uint64_t hoist_version;
    coop_loc hoist_loc;
    const agg_info *hoist_agg;
    long long hoists;               /* hoisted aggregates worked out, ever */
    /* the contracts decided in w, for a rule that reads them: the caller's
     * (a query's, a difference's: contract.h), or, when it gives none,
     * own_cs, decided for version cs_version of the world on first use */
    const struct contracts *cs;
    struct contracts *own_cs;
    uint64_t cs_version;
    /* when not NULL and nonzero, ev_foreach stops (looked at after every
     * EV_STOP_WORK tuples and coalitions, and inside aggregates: agg.h)
     * and sets stopped; a decision that stops returns -1 */
    const volatile sig_atomic_t *stop;
    int stopped;
    long long ticks;                /* tuples ev_stop was called for */
    long long next_look;            /* ticks + coalitions at the next look */
    long long coalitions;           /* evaluated by ev_coalition, ever */
    /* the bidder whose bid a tender's decision leaves out (stable(T):
     * tender_decide_without), or -1: whatever is worked out over a
     * tender's bids (an aggregate) leaves it out too */
    int left_out;
    /* the rule's constants in the world: its influence weights (I_FMAW
     * reads them), baselines and the closed form's coefficients (NULL
     * when the score is not linear), as declared unless the rule reads
     * parameters there (rule_info.pconst): then worked out for the values
     * pval[] of the parameters it reads (rule_deps.pread), seen at
     * version pc_version of the world (pc_have 0: not yet) */
    const double *ew, *base, *lin;
    double *pc;                     /* their storage: ne, nf, nf, then nf * nf for M */
    double *pval;
    uint64_t pc_version;
    int pc_have;
} evaluator;

/* Work (tuples decided and coalitions evaluated, each about one run of
 * the rule's code) between two looks at *stop: a tuple of 2^16 coalitions
 * is looked at after each, 64 cheap tuples once. */
#define EV_STOP_WORK 64

/* Called once per tuple: is it time to stop?  Sets e->stopped. */
static inline int ev_stop(evaluator *e)
{
    if (!e->stop) return 0;
    long long work = ++e->ticks + e->coalitions;
    if (work < e->next_look) return 0;
    e->next_look = work + EV_STOP_WORK;
    return *e->stop && (e->stopped = 1);
}

void ev_init(evaluator *e, const model *m, const coop_world *w, int rule);
/* An evaluator for statements, which read no tuple and no rule's
 * registers: the world, and verdicts through a query's leaf (ev_expr);
 * aggregates look at *stop.  Nothing to free. */
void ev_statement(evaluator *e, const model *m, const coop_world *w, const volatile sig_atomic_t *stop);
void ev_free(evaluator *e);

/* Decides a tuple: e->own gets own values, e->r[0, nf) effective values,
 * e->r[nf] the score.  Returns the verdict (0 or 1), or -1 after a runtime
 * error (division by zero) with e->err_loc set. */
int ev_tuple(evaluator *e, const int *tuple);

/* Decides a tuple whose own values own[0, nf) are known (kept from
 * another world whose difference from this one no factor reads: keep.h):
 * influence, score and verdict in this world, as ev_tuple would, once
 * ev_ready has made e ready for the world.  The verdict, or -1 after a
 * runtime error. */
int ev_post(evaluator *e, const int *tuple, const double *own);

/* Decides a tuple as ev_tuple does, faster, without keeping own values:
 * e->r[0, nf) and e->r[nf] still hold effective values and score. */
int ev_verdict(evaluator *e, const int *tuple);

/* The coalition `mask` of the last tuple: members keep own values, the
 * others take their baselines; influence is applied again.  Returns the
 * verdict (or -1), and in *target what Shapley values `of` are of: the
 * score (of a rule that has one), or the verdict as 1 or 0. */
int ev_coalition(evaluator *e, uint64_t mask, shapley_of of, double *target);
/* The same between any two points: members take their own values from
 * hi[], the others from lo[] (ev_coalition's lo is the baselines, its hi
 * the last tuple's own values).  Overwrites the registers. */
int ev_between(evaluator *e, const double *lo, const double *hi, uint64_t mask, shapley_of of, double *target);

/* Decides every tuple of the rule in canonical order (declaration order,
 * each set of same-kind actors once) and calls fn with each verdict (or -1
 * after a runtime error).  Stops early when fn returns nonzero and returns
 * that value, or when *e->stop is set: then it returns 1 with e->stopped
 * set. */
typedef int (*ev_each)(evaluator *e, int verdict, void *ctx);
int ev_foreach(evaluator *e, ev_each fn, void *ctx);
/* The same, faster, for callers that do not read e->own. */
int ev_foreach_verdicts(evaluator *e, ev_each fn, void *ctx);

/* What stopped a tree evaluation: kind 0 nothing, else a runtime error. */
enum { EV_DIVISION = 1, EV_EMPTY, EV_LEAF, EV_STOPPED };
typedef struct ev_fault {
    int kind;           /* EV_DIVISION, EV_EMPTY (an aggregate over nothing: agg), EV_LEAF,
                           EV_STOPPED (*stop set during an aggregate) */
    const agg_info *agg;
    const rexpr *div;   /* EV_DIVISION: the division (NULL when not known) */
} ev_fault;

/* Tree evaluation, for traces and statements.  Rule-context nodes read the
 * evaluator's last tuple and registers; other nodes go to `leaf`, which
 * sets *err nonzero (EV_LEAF) when it fails; so does a node that reads a
 * set ev_set cannot (failed(T, x): ev_set_own), which the leaf works out
 * with ev_sets. */
typedef double (*ev_leaf)(void *ctx, const rexpr *x, int *err);
double ev_expr(const evaluator *e, const rexpr *x, ev_leaf leaf, void *ctx, ev_fault *err);
/* Where ev_expr of x met fault f: at the aggregate over nothing, else at
 * x itself (the tree keeps no place for a division by zero within it). */
coop_loc ev_fault_loc(const ev_fault *f, const rexpr *x);

struct agg_ext;
/* agg_extremes and agg_one (agg.h) of aggregate a of e's rule, in e's
 * world, the hoisted values worked out first: as those, e->err_loc set
 * on -1. */
int ev_agg_extremes(evaluator *e, const agg_info *a, struct agg_ext *x);
int ev_agg_one(evaluator *e, const agg_info *a, int actor, int *in, double *v);

/* The rule's hoisted aggregates worked out for e's world as it is (and
 * the contracts it reads decided, and its constants that read parameters
 * worked out): 0, or -1 after a runtime error. */
int ev_ready(evaluator *e);
/* The rule's constants that read parameters (e->ew, e->base, e->lin)
 * worked out for e's world as it is, unless they are: 0, or -1 after a
 * runtime error (a division by zero in a baseline or a weight, at
 * e->err_loc). */
int ev_params(evaluator *e);

/* Has e worked out its rule's hoisted aggregates for its world as it is? */
static inline int ev_hoisted(const evaluator *e)
{
    return e->hoist_state > 0 && e->hoist_version == e->w->version;
}

/* The members of a set-valued node that ev_set_own accepts (a set literal
 * or a set attribute), and in *n how many words they take. */
const uint64_t *ev_set(const evaluator *e, const rexpr *x, int *n);
int ev_set_own(const rexpr *x);
/* The value of x, a node that reads sets (overlap, covers, common, size,
 * in, and == or != between two sets), given its operands' members: a[na],
 * and b[nb] for a second. */
double ev_sets(const rexpr *x, const uint64_t *a, int na, const uint64_t *b, int nb);

/* Shapley value of each factor of the last tuple, of the score or of the
 * verdict; se gets standard errors (0 when exact).  Of a linear score they
 * take the closed form (linear.h) and evaluate no coalition.  Returns 1
 * when exact, 0 when sampled, -1 on error. */
int ev_shapley(evaluator *e, shapley_of of, uint64_t seed, double *phi, double *se);
/* The same for the game between two points (ev_between): the values add
 * up to v(hi) - v(lo).  se NULL: exact or closed form only, and -2 past
 * COOP_SHAPLEY_EXACT_MAX factors when the game has no closed form.  The
 * registers are left as the last coalition set them. */
int ev_shapley_between(evaluator *e, const double *lo, const double *hi, shapley_of of, uint64_t seed, double *phi,
                       double *se);
/* The coalitions ev_shapley evaluates for one tuple of the rule: 0 in
 * closed form, 2^k exact, 1 + k * COOP_SHAPLEY_PERMUTATIONS sampled. */
long long ev_shapley_work(const rule_info *ru, shapley_of of);

/* Is x a weighted term, k * v or v * k with k constant? */
int rx_weighted(const rexpr *x, double *k, const rexpr **v);

#endif
