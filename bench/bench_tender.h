/*
 * bench_tender.h - what ranking a tender costs: a tender of 10,000 bids
 * whose price factor is lowest(bid.price) / bid.price (the lowest eligible
 * price: hoisted, worked out once for all the bids), ranked by `show T`,
 * against the same tender with that price written as a constant; and what
 * explaining every loser costs (`explain T`: each one's gap to the winner
 * by factor and the price at which it would have won, which below the
 * lowest price moves every bid's score).
 */
#ifndef BENCH_TENDER_H
#define BENCH_TENDER_H

/* The bids of the measurement. */
#define BENCH_TENDER_BIDS 10000
/* Ranking them (`show T`) must take under this many milliseconds, and so
 * must explaining every loser (`explain T`: each one's gap and win price). */
#define BENCH_TENDER_MS 1000.0

typedef struct bench_tender_result {
    int ok;
    char error[512];
    long bids, eligible;
    double load_ns;  /* coop_load of the model (10,001 actors, 20,000 bids), one run */
    double rank_ns;  /* `show T` with lowest(bid.price), best of runs */
    double const_ns; /* `show T` with the lowest eligible price as a constant, best of runs */
    double explain_ns; /* `explain T` with lowest(bid.price), every loser, best of runs */
    double explain_const_ns; /* the same with the constant */
    int checked_lowest; /* a loser's win price against lowest(bid.price) checked by hand */
} bench_tender_result;

/* Measures, best of `runs`; r->ok says whether coop named the winner and
 * its score as worked out by hand, with and without the aggregate, and
 * the win price of a loser (the eligible one of the best quality). */
void bench_tender(int runs, bench_tender_result *r);

#endif
