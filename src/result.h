/*
 * result.h - what the analyses find, as data: the trace of one verdict,
 * the Shapley values of one tuple, the differences between two worlds, a
 * statement's value.  The functions here work them out (they evaluate);
 * report.h renders them as text or JSON and decides nothing.
 */
#ifndef COOP_RESULT_H
#define COOP_RESULT_H

#include "query.h"

/* Most terms of a score, or clauses of forms when, a trace lists apart
 * (the rest are shown as one). */
#define RESULT_MAX_TERMS 256

/* One row of `show R`. */
typedef struct show_row {
    const int *tuple;
    int verdict;
    double score;      /* 0 when the rule has none */
    const double *effective; /* each factor's effective value */
} show_row;

/* A term of the score: weight * what it weighs, or a value of its own. */
typedef struct explain_term {
    const char *text;  /* as written, normalised */
    int sign;          /* +1, or -1 for a subtracted term */
    int weighted;      /* k * v, or a bare factor (weight 1) */
    double weight;     /* signed */
    int factor;        /* the factor weighed, or -1 */
    double value;      /* what the weight weighs, else the term's own value */
    double contribution;
} explain_term;

/* A clause of forms when. */
typedef struct explain_clause {
    const char *text;
    int holds;
    int compares;      /* left op right, with both sides' values */
    binop op;
    double left, right;
} explain_clause;

/* `explain R(a, b)`: everything a trace shows.  Texts live in `mem`. */
typedef struct explain_result {
    arena mem;
    int rule;
    int tuple[COOP_MAX_PARAMS];
    int verdict;
    double score;
    double own[COOP_MAX_FACTORS], effective[COOP_MAX_FACTORS];
    double *weight;    /* per influence edge: its weight (it may read parameters) */
    double *added;     /* per influence edge: weight * the source's effective value */
    /* the parameters the rule reads (rule_deps.pread), and their values */
    const int *params;
    double *pvalues;
    int nparams;
    int nterms, nclauses;
    explain_term *terms;
    explain_clause *clauses;
    int any;           /* the clauses are joined by `or`, not `and` */
    /* a tender's bid that is not eligible, whose factors or score met a
     * runtime error: that error as said ("FILE:LINE:COL: MESSAGE"); its
     * factors and terms are not shown.  NULL for any other. */
    const char *unscored;
} explain_result;

/* The trace of the evaluator's last tuple (decided as `verdict`); free it
 * with result_explain_free. */
void result_explain(const evaluator *e, int verdict, explain_result *x);
void result_explain_free(explain_result *x);

/* `show C`, `explain C`: contract C decided, and its conditions traced
 * (a void contract's are not read).  Texts live in `mem`; the row's
 * arrays are the query's. */
typedef struct contract_result {
    arena mem;
    int contract;
    int tender_status;      /* by award: its tender's (tender_status), else -1 */
    contract_row row;
    explain_clause monitor, renew; /* when the contract has them */
    explain_clause *obl;    /* per obligation */
    /* per obligation, a dated one's record as of the step read (of an
     * active contract of a timeline's run; else NULL: obligation.h), and
     * the records themselves (the query's), and that step */
    struct obl_state *due;
    const struct obl_history *oh;
    int step;
} contract_result;

/* 0, or -1 after a runtime error (recorded in q). */
int result_contract(query *q, int c, contract_result *x);
void result_contract_free(contract_result *x);

/* `dominance R(a, b)`. */
typedef struct dominance_result {
    int rule;
    int tuple[COOP_MAX_PARAMS];
    int verdict;
    double score;      /* 0 when the rule has none */
    shapley_of of;     /* what the values are of: */
    double target;     /* the score, or the verdict as 1 or 0 */
    double own[COOP_MAX_FACTORS];
    double base[COOP_MAX_FACTORS]; /* each factor's baseline (in the world: it may read parameters) */
    double phi[COOP_MAX_FACTORS], se[COOP_MAX_FACTORS];
    int pivotal[COOP_MAX_FACTORS];
    int dominant;      /* the factor with the largest |phi|, or -1 */
    int order[COOP_MAX_FACTORS]; /* the factors ranked by |phi| */
    int exact;
    double base_target; /* the target with every factor at its baseline */
    uint64_t seed;
} dominance_result;

/* Shapley values (of the score or of the verdict), baseline target and
 * pivotal factors of one tuple: 0, or -1 after a runtime error (recorded
 * in q). */
int result_dominance(query *q, int rule, const int *tuple, shapley_of of, dominance_result *d);
/* The same of the tuple evaluator e (q's, of a partnership) decided last,
 * whose verdict is v: while ev_foreach walks the rule's tuples. */
int result_dominance_of(query *q, evaluator *e, int v, shapley_of of, dominance_result *d);

/* A tuple whose verdict or score differs between two worlds: a (before,
 * 0) and b (after, 1); a verdict of -1 met a division by zero.  A tender's
 * row is a bid (its verdict: eligible), with its rank and the requirements
 * it fails in each world (a row too when only those move). */
typedef struct diff_row {
    int tuple[COOP_MAX_PARAMS];
    int v0, v1;
    double s0, s1;
    int r0, r1;        /* a tender's bid: its rank (0: not ranked) */
    uint64_t f0, f1;   /* a tender's bid: bit i, requirement i fails */
} diff_row;

typedef struct diff_rule {
    diff_row *rows;    /* in the rule's tuple order; a tender's in the order
                          of its ranking in b, the bids not ranked after */
    size_t n;
    long total;        /* the rule's tuples */
    long evaluated;    /* of them, evaluated in each world */
    /* a tender in which something it reads differs: its award in each
     * world (decided[k] 0: a runtime error decided nothing), and its
     * rows the bids whose rank, eligibility, score or failed requirements
     * moved */
    int has_award;
    int decided[2];
    tender_result award[2];
} diff_rule;

/* The differences between worlds a and b of model m, rule by rule
 * (m->nrules of them): only the tuples that read a value that differs are
 * evaluated (model.h, rule_deps); a tender in which any bid reads one is
 * decided whole in both worlds, since a bid's change may move every rank.
 * NULL when *stop (if not NULL) was set before the end (eval.h,
 * ev_stop). */
diff_rule *result_diff(const model *m, const coop_world *a, const coop_world *b, const volatile sig_atomic_t *stop);
void result_diff_free(const model *m, diff_rule *d);
/* How many of rule ri's tuples a change of the targets t[0..n) (model.h:
 * attributes, relation values, parameters; the op and value unused) can move: the
 * tuples result_diff evaluates again, at most the rule's all (an aggregate
 * or a contract reads one; a tender is decided whole). */
double result_touched(const model *m, int ri, const event_change *t, int n);
/* How many of rule ri's tuples form in world b, from na, those that form
 * in world a (of the same model): the tuples that read a value that
 * differs are decided in both worlds, the others form in b as they do in
 * a.  -2 when that is not the cheaper way (they are half the tuples or
 * more; the rule is a tender or reads a contract): count them in b.  -1
 * when a tuple meets a runtime error on either side, or *stop ends it:
 * count them in b to say so. */
long result_count_from(const model *m, const coop_world *a, long na, const coop_world *b, int ri,
                       const volatile sig_atomic_t *stop);
/* Did a tender's winner or status move, or a side meet a runtime error? */
int result_award_moved(const diff_rule *d);

/* Every contract decided in worlds a (now, c[0]) and b (what if, c[1]):
 * what a what-if reports of contracts before the partnerships that read
 * them. */
typedef struct contracts_diff {
    contracts c[2];
} contracts_diff;

/* 0, or -1 when *stop (if not NULL) stopped them; free d either way. */
int result_contracts_diff(const model *m, const coop_world *a, const coop_world *b, const volatile sig_atomic_t *stop,
                          contracts_diff *d);
struct tl_run;
/* The same for a and b the worlds runs ra and rb of a timeline end with
 * (each with its journal; NULL: a world as declared): their dated
 * obligations' statuses as of their last steps, from each run's records
 * (obligation.h). */
int result_contracts_diff_at(const model *m, const coop_world *a, struct tl_run *ra, const coop_world *b,
                             struct tl_run *rb, const volatile sig_atomic_t *stop, contracts_diff *d);
void result_contracts_diff_free(contracts_diff *d);

/* A statement's value, as people read it. */
typedef struct value_result {
    vtype type;
    double num;        /* a number, true/false, a verdict, a factor index, a string id */
    int rule;          /* of a verdict or a factor */
    int has_score;     /* a verdict's score */
    double score;
    const uint64_t *bits; /* a set's members */
    int nwords;
} value_result;

#endif
