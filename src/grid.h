/*
 * grid.h - a model's verdicts and values per period (docs/language.md,
 * "Verdicts per period"), as data: `show R by PERIOD`, each tuple's
 * verdict as each period ends (a tender's: each bid's eligibility, and
 * the winner); `show world(a)`, an actor's values, per period or at one
 * step.  grid.c works them out, walking the timeline forward once, and
 * hands each period to report.h (JSON and CSV print it at once); the text
 * grid and the JSON spans are printed from the bits kept here.
 */
#ifndef COOP_GRID_H
#define COOP_GRID_H

#include "period.h"
#include "query.h"

struct rep;

typedef struct grid {
    const model *m;
    int rule;
    int tender;          /* rows are a tender's bids; `wins` marks the winner */
    int one;             /* show R(a, b) by ...: one row, with its scores */
    periods ps;          /* the timeline's periods */
    int p1, np;          /* shown: periods p1 .. p1 + np - 1 */
    long nt;             /* rows (tuples, or bids), once the first period is decided */
    int arity;           /* actors a row names: the rule's parameters (a bid: its bidder) */
    int *tuples;         /* nt x arity actors, or NULL when nothing is kept (CSV) */
    uint64_t *forms;     /* bit t * np + i: row t forms (a bid: is eligible) as period i ends */
    uint64_t *wins;      /* a tender's: bid t wins as period i ends; else NULL */
    double *score;       /* one: its score as each period ends (NaN without one) */
    long *formed;        /* per period: rows that form (bids eligible) */
    int *winner;         /* a tender's, per period: the winning row, or -1 */
    int *status;         /* a tender's, per period: its tender_status */
} grid;

/* Is bit (t, i) of a grid's bits set? */
static inline int grid_bit(const grid *g, const uint64_t *bits, long t, int i)
{
    size_t b = (size_t)t * (size_t)g->np + (size_t)i;
    return bits && (bits[b / 64] >> (b % 64) & 1);
}

/* One value of an actor's world: an attribute (a bid's field), or a
 * relation value for a tuple it takes part in. */
typedef struct world_value {
    int is_rel;
    int attr;                      /* an attribute of the actor */
    int rel, args[COOP_MAX_PARAMS]; /* a relation value */
    vtype type;                    /* T_NUM, T_BOOL, T_STR or T_SET */
    int changes;                   /* differs between two of the periods shown */
} world_value;

typedef struct world_grid {
    const model *m;
    const coop_world *w;  /* the world the run ends with: names of symbols and strings */
    int actor;
    int by;               /* the periods' date_unit, or -1: one step */
    periods ps;
    int p1, np;           /* with by: periods p1 .. p1 + np - 1; else np 1 */
    const char *at;       /* without by: the date of the step read, or NULL (no timeline) */
    int nv;
    world_value *v;       /* attributes in declaration order, then relation values */
    double *num;          /* v x np: a number, true/false (1/0), a string's id */
    uint64_t *bits;       /* v x np x words: a set's members (NULL when none is a set) */
    int words;
} world_grid;

/* The cells statement st (show R by PERIOD, show world(a)) would keep,
 * printed as CSV when `as_csv`: rows times periods (COOP_MAX_GRID_CELLS);
 * *rows gets its rows (tuples, bids or values), *nper its periods. */
long long grid_cells(const query *q, const stmt *st, int as_csv, long *rows, int *nper);
/* `show R by PERIOD` (st->by >= 0) in q, the query of the world the run
 * ends with (q->tl its run, which kept a journal), printed through r: 0,
 * or -1 after a runtime error, recorded in q (with the step it was met at;
 * what was printed is closed). */
int grid_show(query *q, const stmt *st, struct rep *r);
/* `show world(a)` (st->world >= 0): by period, or at st->step (the last
 * when -1). */
int grid_world(query *q, const stmt *st, struct rep *r);

#endif
