/*
 * tender.h - deciding a tender: every bid's requirements, score and award
 * key, the eligible bids ranked (ties within TENDER_TIE_EPS broken by the
 * `tie` keys in order, never by declaration order), and the status.
 */
#ifndef COOP_TENDER_H
#define COOP_TENDER_H

#include "eval.h"

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
 * (e->err_loc, e->tuple).  Free with tender_free. */
int tender_decide(evaluator *e, tender_result *t);
void tender_free(tender_result *t);

/* The bids as the ranking lists them, into order[nbids]: the ranked ones
 * best first, then the others in the bidders' order. */
void tender_order(const tender_result *t, int *order);
/* The bid of actor a, or -1. */
int tender_bid_of(const tender_result *t, int a);
/* Are keys x and y equal within TENDER_TIE_EPS? */
int tender_close(double x, double y);
/* "awarded", "unsuccessful", "tied", "no_bids". */
const char *tender_status_name(tender_status s);

#endif
