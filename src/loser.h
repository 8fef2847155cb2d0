/*
 * loser.h - why each loser lost (docs/analysis.md, "Why a bid lost"): a
 * bid's gap to the first-ranked bid, divided among the factors (the
 * Shapley values of the difference of the two scores, each factor at one
 * bid's own value or the other's: the parts add up to the gap); the
 * highest price at which it would have won, found by deciding the tender
 * again at each price tried; and the losers whose mere presence decides
 * which bid ranks first.  Worked out through the query and kept until its
 * world changes; reports render them.
 */
#ifndef COOP_LOSER_H
#define COOP_LOSER_H

#include "query.h"

/* A win price is found to 1/LOSER_CENTS of the price's unit (a cent), or
 * to LOSER_REL of the bid's own price when that is coarser. */
#define LOSER_CENTS 100
#define LOSER_REL 1e-9

/* A bid's gap to the first-ranked bid. */
typedef struct loser_gap {
    int bid, first;              /* bids (indices into the decision); first -1: none is ranked */
    double gap;                  /* how far behind the first it is on the award's key; 0 for the first */
    int divided;                 /* part[] holds the gap by factor */
    double part[COOP_MAX_FACTORS];
    double own[COOP_MAX_FACTORS], first_own[COOP_MAX_FACTORS];
    int order[COOP_MAX_FACTORS]; /* the factors by |part|, largest first, declaration order among equals */
    int dominant;                /* the factor with the largest |part|, or -1 when every part is 0 */
} loser_gap;

/* Does the award rank by the score, so that a gap divides among the
 * factors? */
int loser_divides(const rule_info *ru);
/* May n gaps of tender `rule` be divided: its factors within
 * COOP_SHAPLEY_EXACT_MAX and n x 2^k coalitions within
 * COOP_SHAPLEY_BUDGET, unless its score is linear (no coalition then)?
 * 0, or -1 with the refusal in q (QUERY_GAP_EXACT, QUERY_GAP_BUDGET). */
int loser_may_divide(query *q, int rule, long n);
/* Bid `bid`'s gap, and with `divide` its parts when the award is by the
 * score and the bid is eligible and not the first.  0, or -1 after a
 * runtime error or a refusal (in q). */
int loser_gap_of(query *q, int rule, int bid, int divide, loser_gap *g);

typedef enum { WIN_AT, WIN_NEVER, WIN_ANY } win_kind;

/* The highest price at which a bid would have won, every other bid as it
 * is: the tender decided again at each price tried (tender_probe), so
 * what is worked out across the bids moves with it. */
typedef struct loser_win {
    win_kind kind;  /* WIN_AT: price; WIN_NEVER: no price of its own wins;
                       WIN_ANY: the winner still wins at price, the top of
                       the search (COOP_WIN_PRICE_RANGE times its own) */
    double price;
    double own;     /* the price it bid */
} loser_win;

/* Bid `bid`'s win price; the tender has a price (tender_info.price) and
 * the bid sets it.  0, or -1 after a runtime error (in q). */
int loser_win_price(query *q, int rule, int bid, loser_win *w);
/* Does explain show bid's win price: the tender has a price the bid sets,
 * is not single-source, and the bid is eligible (the winner too), or fails
 * only requirements that read its price? */
int loser_shows_win(const model *m, const coop_world *w, const tender_result *t, int bid);

/* The losers (eligible bids not ranked first) whose mere presence decides
 * which bid ranks first, min_bids aside: the tender decided without each
 * in turn (tender_probe_without, skipping those that cannot matter). */
typedef struct loser_stability {
    int n;
    int *bid;       /* each such bid */
    int *first;     /* the actor ranked first alone without it, or -1 */
} loser_stability;

/* NULL after a runtime error (in q). */
const loser_stability *loser_stable(query *q, int rule);

/* What explain T(x) says of a bid besides its trace. */
typedef struct loser_why {
    loser_gap gap;       /* divided for an outranked eligible bid of a score award */
    int has_win;         /* loser_shows_win */
    loser_win win;
    int decides;         /* without it, another bid (or none alone) would rank first */
    int first_without;   /* ... this actor, or -1 */
} loser_why;

/* 0, or -1 after a runtime error or a refusal (in q). */
int loser_why_of(query *q, int rule, int bid, loser_why *w);

struct loser_cache;
void loser_cache_free(struct loser_cache *c);

#endif
