/*
 * tender.h - deciding a tender: every bid's requirements, score and award
 * key, the eligible bids ranked (ties within TENDER_TIE_EPS broken by the
 * `tie` keys in order, never by declaration order), and the status; and
 * deciding it again with one bid changed or left out (a probe), for the
 * questions of loser.h.
 */
#ifndef COOP_TENDER_H
#define COOP_TENDER_H

#include "agg.h"
#include "hull.h"

/* Two keys closer than this, relative to the larger, are equal. */
#define TENDER_TIE_EPS 1e-9

typedef enum { TS_AWARDED, TS_UNSUCCESSFUL, TS_TIED, TS_NO_BIDS } tender_status;

/* One bid, decided. */
typedef struct bid_row {
    int actor;
    int eligible;        /* every requirement holds */
    uint64_t failed;     /* bit i: requirement i does not hold */
    double score;        /* 0 when the tender has none */
    int rank;            /* 1 is the best; bids tied on every key share one; 0: not ranked */
} bid_row;

typedef struct tender_result {
    int rule;
    int nbids, neligible;
    bid_row *bids;       /* in the bidders' order (the actors') */
    int *ranked;         /* the ranked bids (indices into bids), best first */
    int nranked;
    double *keys;        /* per key level (the award's, then each tie's), per bid */
    int nkeys;
    tender_status status;
    int winner;          /* the winning bid (index into bids), or -1 */
    int ntied;           /* TS_TIED: bids tied first */
} tender_result;

/* Decides tender e->rule in e's world.  0, or -1 after a runtime error
 * (e->err_loc, e->tuple), or when e->stop stopped it (e->stopped: eval.h,
 * ev_stop, looked at between bids).  Free with tender_free. */
int tender_decide(evaluator *e, tender_result *t);
/* The same as if the bid of actor `left_out` had not been made (-1: every
 * bid): t has one bid less, and e->left_out names it meanwhile, so that
 * what is worked out over the bids leaves it out too. */
int tender_decide_without(evaluator *e, int left_out, tender_result *t);
void tender_free(tender_result *t);

/* The bids as the ranking lists them, into order[nbids]: the ranked ones
 * best first, then the others in the bidders' order. */
void tender_order(const tender_result *t, int *order);
/* The bid of actor a, or -1. */
int tender_bid_of(const tender_result *t, int a);
/* The bid ranked first alone, min_bids aside (an unsuccessful tender's
 * first bid too), or -1 when no bid is ranked or bids tie for first. */
int tender_first(const tender_result *t);
/* Are keys x and y equal within TENDER_TIE_EPS? */
int tender_close(double x, double y);
/* "awarded", "unsuccessful", "tied", "no_bids". */
const char *tender_status_name(tender_status s);

/* What an award comes to, by actor: the winner, and the bid ranked first
 * alone (tender_first), each -1 for none. */
typedef struct tender_outcome {
    tender_status status;
    int winner, first;
    int eligible;        /* tender_probe_field: the changed bid, as changed */
} tender_outcome;

/* A decided tender decided again with one bid's field changed, or one bid
 * left out, every other bid as it is.  It works in a copy of the world.
 * When nothing a bid's requirements, factors and keys read is worked out
 * across the bids (no *_all in the rule's deps: model.h), the change
 * cannot move another bid, so only the changed bid is decided again (by
 * the code tender_decide uses) and the first rank is found from the
 * others' decided order, without ranking them again.  The same holds
 * when what is worked out across the bids is lowest() or highest() of
 * them, worked out once (hoisted), and the change leaves its value as it
 * was: a field's new value that does not pass the extreme (known at once
 * from the extremes, agg_ext), a bid left out that does not alone attain
 * it.  Otherwise, or with `every` set, each probe is a whole
 * tender_decide.  Both give the same outcome (tests/test_tender.c checks
 * it). */
typedef struct probe_agg {
    const agg_info *a;   /* a hoisted lowest() or highest() over the bids */
    agg_ext x;           /* as decided */
} probe_agg;

typedef struct tender_probe {
    evaluator e;                 /* on w */
    coop_world *w;               /* the copy: the probed values are set and put back */
    const tender_result *base;   /* the decision, made in the world copied */
    tender_result t;             /* base's rows and keys, and the changed bid's; ranks scratch */
    int *order;                  /* base's eligible bids by the award's key alone, best first */
    int norder;
    int across;                  /* some value is worked out across the bids (an aggregate) */
    int general;                 /* ... one that any change of a bid may move */
    probe_agg *aggs;             /* else the lowest() and highest() over the bids */
    int naggs;
    int every;                   /* decide every bid at every probe (the tests set it) */
    /* for tender_probe_wins: each eligible bid's award key as a line in
     * the value of the one aggregate over the bids, y = a + b x (keys of
     * `lowest` negated: the highest line is the best bid), and their
     * envelope, with all of them and without bid wo_bid */
    int lines;                   /* 0: not yet built; 1: built; -1: the keys are not such lines */
    hull_line *line;             /* by slope */
    int nline;
    hull all, wo;
    int wo_bid;
    double x1, x2, err;          /* the line of a bid meets its key at x1 (as decided) and x2, within err */
    long long quick, whole;      /* tender_probe_wins answered from the lines; by deciding again */
} tender_probe;

/* A probe of base, decided in world w of model m; stop as an evaluator's
 * (eval.h).  Free with tender_probe_free. */
void tender_probe_init(tender_probe *p, const model *m, const coop_world *w, const tender_result *base,
                       const volatile sig_atomic_t *stop);
void tender_probe_free(tender_probe *p);
/* The outcome with number field `attr` of bid i (an attribute its bidder
 * has) at v.  0, or -1 after a runtime error (p->e.err_loc). */
int tender_probe_field(tender_probe *p, int i, int attr, double v, tender_outcome *o);
/* Does bid i win with number field `attr` at v: 1 or 0, and in
 * *eligible whether it is eligible there; -1 after a runtime error.  The
 * question of a win price (loser.h), answered as tender_probe_field's
 * outcome would answer it, but without deciding every bid again when v
 * moves the one lowest() or highest() over the bids and every bid's
 * award key moves with that value along a line (linear_in_agg: a price
 * factor lowest(bid.price) / bid.price in a weighted sum): then bid i is
 * decided with the aggregate at its new value, and the best of the
 * others read from the envelope of their lines (hull.h) and decided
 * itself.  Only when bid i's key and theirs are too close to tell within
 * the error of the lines (p->err) and the tie tolerance is the tender
 * decided whole.  The keys are lines in exact arithmetic; how far floating
 * point takes them from their lines is measured, at two points per bid,
 * not bounded: a key that cancels terms many orders larger than itself
 * strays further than a few roundings, and such keys are decided whole
 * at every price.  Stopped (e.stop): -1. */
int tender_probe_wins(tender_probe *p, int i, int attr, double v, int *eligible);
/* The outcome without bid i. */
int tender_probe_without(tender_probe *p, int i, tender_outcome *o);
/* Can leaving bid i out change which bid ranks first?  When nothing is
 * worked out across the bids, only if its award key equals the best
 * within the tolerance (or it is a single source's supplier): leaving out
 * any other bid leaves every bid's keys, the best key and the run of keys
 * equal to it as they were, and the first rank is decided within that
 * run. */
int tender_probe_may_decide(const tender_probe *p, int i);

#endif
