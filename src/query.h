/*
 * query.h - answers about a loaded script's rules, cached for one run:
 * verdicts of tuples, counts, Shapley values, rule-wide importance.  The
 * statement runner and the public API both ask here.
 */
#ifndef COOP_QUERY_H
#define COOP_QUERY_H

#include "contract.h"
#include "tender.h"

/* The Shapley values of every tuple of a rule, of one target, summed up. */
typedef struct rule_importance {
    int have;            /* worked out (else the rest is stale) */
    shapley_of of;
    long formed, total;  /* tuples that form, of all */
    double *importance;  /* mean |shapley| per factor */
    double *mean;        /* mean shapley per factor */
    long *dominant_in;   /* tuples each factor dominates */
    int dominant;
    long flat;           /* of the verdict: tuples whose every value is 0 (query_flat) */
    int exact;           /* every tuple's values were exact */
    int order[COOP_MAX_FACTORS]; /* the factors ranked by importance */
} rule_importance;

/* What a query worked out of one rule, in its world as it was at
 * version `ver` and at step `step`: kept while nothing the rule reads
 * changes (query_stats). */
typedef struct rule_stats {
    uint64_t ver;
    int step;
    long count, total;   /* tuples that form, of all; count < 0: not yet known */
    rule_importance imp[SHAPLEY_OFS]; /* of the score, of the verdict */
    int have_tender;
    tender_result tender; /* a tender's decision */
    uint64_t *failed;     /* each bid's failed requirements as a set of their
                             symbols (query_set), the world's setwords each */
    struct loser_cache *losers; /* why each loser lost (loser.h) */
    int winner;           /* a tender's winner for the contracts it awards (contract.h:
                             WINNER_UNDECIDED until asked), and its fault */
    contract_fault winner_why;
} rule_stats;

/* One contract's row of a query's contracts, decided at version `ver`
 * (its supplier and conditions: have 1) and its statuses at step `step`
 * (have 2); kept while nothing it reads changes (query.c). */
typedef struct contract_memo {
    int have;
    uint64_t ver;
    int step;
} contract_memo;

/* What stopped an evaluation, besides a division by zero: the Shapley
 * budget; an interrupt; a tender's gaps that would not divide exactly
 * (too many factors) or within the budget; a gap with no first bid. */
enum { QUERY_DIVISION, QUERY_OVER_BUDGET, QUERY_INTERRUPTED, QUERY_GAP_EXACT, QUERY_GAP_BUDGET, QUERY_NO_FIRST,
       QUERY_MESSAGE /* said by err_msg, at err_loc (line 0: the statement's) */ };
/* (QUERY_DIVISION with err_rule and err_contract -1: in the statement's own
 * arithmetic or aggregate, met reading it at err_step) */
/* err_coalition: a coalition of the game from baselines to own values (1),
 * or of a gap's, between two bids' own values. */
enum { QUERY_GAP_GAME = 2 };

struct tl_run;

typedef struct query {
    const model *m;
    const coop_world *w;
    uint64_t seed;
    const volatile sig_atomic_t *stop; /* evaluators stop when it is set (may be NULL) */
    evaluator *ev;       /* per rule, made on first use */
    rule_stats *st;      /* per rule: what is kept of it (query_stats) */
    contracts cs;        /* every row made when one is first needed (cs.n 0: not yet), and
                            each decided when read (query_contract_row) */
    contract_memo *cm;   /* per contract: what of its row stands */
    int err;             /* a runtime error happened ... */
    int err_kind;        /* ... of this kind (a division when QUERY_DIVISION) ... */
    int err_coalition;   /* ... in a Shapley coalition (QUERY_GAP_GAME: of a gap's game),
                            not the tuple itself ... */
    coop_loc err_loc;    /* ... here ... */
    const agg_info *err_agg; /* ... an aggregate over nothing (or NULL: a division) ... */
    int err_rule;        /* ... evaluating this rule (-1: deciding a contract) ... */
    int err_contract;    /* ... or this contract's condition (-1: none) ... */
    shapley_of err_of;   /* ... (over budget: its Shapley values of this) ... */
    int err_tuple[COOP_MAX_PARAMS]; /* ... on this tuple */
    long err_count;      /* QUERY_GAP_BUDGET: the gaps asked for */
    int unscored;        /* the last query_tuple: a bid with no value (query_tuple) */
    int err_step;        /* a runtime error met at this step of the timeline (-1: at w) */
    /* a timeline's run whose last step w is, or NULL; the query of the
     * other step asked last (query_at) */
    struct tl_run *tl;
    struct query *at;
    /* the query of another step (query_at): the one it is made by, which
     * has the run, and its step; the records of the run's dated
     * obligations, kept by the query that has the run (obligation.h) */
    struct query *root;
    int step;
    struct obl_history *oh;
    char *err_msg;       /* QUERY_MESSAGE's (owned) */
    int over_at;         /* the last R_OVER read: the step that decided it (throughout: the
                            first where it fails; during: the first where it holds), or -1 */
    struct evshap_memo *es; /* the last event Shapley values worked out (query.c) */
    struct flip_memo *flip; /* the last flip worked out (query.c) */
    long drops;          /* rules' stats that held something and contracts' rows dropped
                            as stale (query_stats, query_contract_row): what a changed
                            world cost the query (and the queries of other steps it
                            made and let go), counted for the tests */
    /* a query of a world w differs from in a few values (a sweep's
     * starting world), or NULL: counts start from its own, and decide
     * again only the tuples that read a value that differs (result.h,
     * result_count_from) */
    struct query *base;
    /* own values kept in the world the sweep starts from, of rules none of
     * whose factors reads what its points change (keep.h), or NULL: counts
     * decide each tuple from them */
    struct keep *keep;
} query;

void query_init(query *q, const model *m, const coop_world *w, uint64_t seed);
void query_free(query *q);
/* Rule `rule`'s stats, dropped first if a column the rule reads has
 * changed since they were kept (or the step, for a rule that reads a
 * dated obligation): a world that changes costs a query only what it
 * reads, never a walk of every rule.  Every read of q->st goes through
 * it. */
rule_stats *query_stats(query *q, int rule);
evaluator *query_ev(query *q, int rule);
/* Records the runtime error e met, or e's stop (the first one only). */
void query_runtime_error(query *q, const evaluator *e, int coalition);
/* Records an analysis of the rule refused before any work (the first
 * error only): kind QUERY_OVER_BUDGET, QUERY_GAP_EXACT, QUERY_GAP_BUDGET
 * (count: of the gaps) or QUERY_NO_FIRST. */
void query_refuse(query *q, int kind, int rule, long count);
/* Contract c decided in the query's world: decided again only when a
 * column it reads (its conditions', its tender's) changed, its statuses
 * again when the step changed; one that could not be decided keeps why in
 * its row (contract.h).  NULL, nothing kept, when the query's stop
 * interrupted it (query_contract and query_ready record that).  Of a step
 * of a timeline's run, dated obligations have their status as of that
 * step (the run's records are kept on first need: obligation.h); else
 * they are pending, as before the first step.  q->cs holds the row. */
const contract_row *query_contract_row(query *q, int c);
/* Contract c decided; NULL after a runtime error (a division by zero in
 * the tender it comes from, or in a condition) or an interrupt,
 * recorded. */
const contract_row *query_contract(query *q, int c);
/* Makes the rule ready to evaluate: the contracts it reads decided (those
 * alone).  0, or
 * -1 after a runtime error (recorded).  query_tuple, query_count and
 * query_importance call it; a caller walking a rule's evaluator itself
 * calls it first. */
int query_ready(query *q, int rule);
/* Decides a tuple in the rule's evaluator; -1 on a runtime error.  A
 * tender's bid that is not eligible and whose factors or score met one
 * is not eligible (0) with no value (NaN in the evaluator's registers and
 * own values), and sets q->unscored, the evaluator saying where it
 * failed (err_loc, err_agg). */
int query_tuple(query *q, int rule, const int *tuple);
/* The same for what needs the tuple's values (Shapley values): a bid with
 * none is the runtime error it met. */
int query_scored(query *q, int rule, const int *tuple);
long query_count(query *q, int rule);
/* The rule's importance statistics of the Shapley values `of`, worked out
 * once; NULL on a runtime error, or when the work exceeds
 * COOP_SHAPLEY_BUDGET (QUERY_OVER_BUDGET: nothing was evaluated). */
const rule_importance *query_importance(query *q, int rule, shapley_of of);
/* Are the Shapley values `of` of every tuple of a rule within
 * COOP_SHAPLEY_BUDGET?  0, or -1 with the refusal recorded in q. */
int query_affordable(query *q, int rule, shapley_of of);
/* Tender `rule` decided (cached); NULL after a runtime error. */
const tender_result *query_tender(query *q, int rule);
/* The members of a statement's set node x (failed(T, x), a set literal,
 * an actor's set), and in *n how many words they take; NULL after a
 * runtime error. */
const uint64_t *query_set(query *q, const rexpr *x, int *n);
/* Is |a| larger than |b| by more than rounding? */
int query_more(double a, double b);
/* The factor with the largest |phi| (the first of equals), or -1 when
 * every phi is 0. */
int query_dominant(const double *phi, int k);
/* The factors other than `best` (query_dominant's) whose |phi| equals its
 * up to rounding, into tied[], in declaration order; how many. */
int query_ties(const double *phi, int k, int best, int *tied);
/* Is every one of the k values 0?  Of a verdict, the values then divide
 * nothing: the tuple's verdict is its verdict with every factor at its
 * baseline (the values add up to their difference). */
int query_flat(const double *phi, int k);
/* The k factors in order[], by |v| descending, declaration order among
 * equals: the ranking of dominance and importance. */
void query_rank(const double *v, int k, int *order);
/* The values a statement's Shapley query x asks of (shapley, dominant:
 * a tuple's Shapley values; importance, dominant of a rule: its factors'
 * importance), into phi; 0, or -1 after a runtime error (recorded). */
int query_values(query *q, const rexpr *x, double *phi);
/* The query of step k of q's timeline run (q->tl, which keeps a journal):
 * q itself for the last step (q's world is the one the run ends with);
 * else one q keeps, valid until the next query_at of another step. */
query *query_at(query *q, int k);
/* The records of the dated obligations of the run q's world is a step
 * of, and that step into *k; NULL when it is no step of a run (or an
 * interrupt stopped them: q->err then says so).  Asked for a contract
 * with a dated obligation (contract_info.ndated). */
const struct obl_history *query_history(query *q, int *k);
/* The event Shapley values of x's tuple at x's step (R_DECISIVE's; kept
 * for the next ask of the same); NULL after an error (recorded). */
struct evshap_result;
const struct evshap_result *query_event_values(query *q, const rexpr *x);
/* The verdict x's tuple has now when x, a flip_count or flip_cost `to`
 * a verdict, is 0 because the tuple has that verdict already; else -1. */
int query_flip_already(query *q, const rexpr *x);
/* Moves qk's runtime error, met at step k, into q (unless q has one). */
void query_take_error(query *q, query *qk, int k);
/* ev_leaf for statement nodes (verdicts, scores, Shapley values, ...; read
 * at other steps of the timeline: R_AT, R_OVER, R_FIRST). */
double query_leaf(void *q, const rexpr *x, int *err);

#endif
