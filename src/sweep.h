/*
 * sweep.h - the grid of a sweep (docs/analysis.md, "Sweeps"): a statement,
 * or a list of queries, decided at every point of the cartesian product of
 * its axes' values.  An axis varies one value a change can set (a
 * parameter, an actor's number or true/false attribute, a bid's field, a
 * relation value); its
 * values are a list, or a range `from A to B step S` whose i-th value is
 * A + i*S (never accumulated), rounded to the decimals A and S are written
 * with, so that 0.1 to 0.5 step 0.05 gives 0.1, 0.15, ..., 0.5, the end
 * on the grid (sweep_range_count) and the last value.  Points are numbered in grid
 * order, the first axis slowest; shard K of N holds the points i with
 * i % N == K, in that order.
 */
#ifndef COOP_SWEEP_H
#define COOP_SWEEP_H

#include "world.h"

/* One axis, resolved: what it sets (a change's target: model.h, with op
 * CH_SET; its value unused) and its values (sweep_value): a list's, kept;
 * a range's, worked out when asked, so that a grid takes the same memory
 * however many points it has. */
typedef struct sweep_axis {
    const char *name;   /* the target as written: "acme.media", "trust(a, b)" */
    event_change t;
    vtype type;         /* the target's: T_NUM or T_BOOL */
    double *v;          /* a list's values, in order; NULL for a range */
    double from, to, step; /* a range's */
    int decimals;       /* a range's values' (sweep_range_decimals) */
    long n;             /* its values */
    coop_loc loc;       /* the axis as written */
} sweep_axis;

/* Value i (0 <= i < ax->n) of axis ax. */
double sweep_value(const sweep_axis *ax, long i);

typedef struct sweep_grid {
    sweep_axis *ax;
    int n;
    long points;        /* the product of the axes' counts */
} sweep_grid;

/* A range's count: GRID_OK with *n values, or why there is none. */
typedef enum { GRID_OK, GRID_STEP_ZERO, GRID_WRONG_SIGN, GRID_TOO_MANY, GRID_NOT_FINITE, GRID_OFF } grid_status;

/* How many values `from a to b step s` takes (a itself when a == b).  The
 * end b must be one, a + i*s for a whole i: exactly, in the decimals a, b
 * and s are written with (0.1 to 0.4 step 0.05 is 10 to 40 step 5), or
 * within rounding (a billionth of a step) for numbers no decimals write
 * (1/3); else GRID_OFF, *n then the values up to b (0.4 to 0.6 step
 * 0.03: 7, the last 0.58).  Past max values, GRID_TOO_MANY (*n then max +
 * 1, or more). */
grid_status sweep_range_count(double a, double b, double s, long max, long *n);
/* What to write instead of a range whose end is off its grid
 * (GRID_OFF, with its n values): the last value, the span |b - a| (both
 * rounded to their decimals), and up to GRID_FIX_STEPS steps that divide
 * the span in the decimals the range is written with, in counts of steps
 * nearest s's, the smallest first, with s's sign (0.4 to 0.6 step 0.03:
 * 0.58; 0.2; 0.02, 0.04, 0.05).  No steps when no decimals write it. */
#define GRID_FIX_STEPS 3
typedef struct grid_fix {
    double last, span;
    double step[GRID_FIX_STEPS];
    int nstep;
} grid_fix;
void sweep_range_fix(double a, double b, double s, long n, grid_fix *f);
/* The decimals a range's values are rounded to: the more of a's and s's
 * (fmt_decimals), or -1 when either needs more than 17. */
int sweep_range_decimals(double a, double s);
/* Value i of the n of `from a to b step s`: a + i*s, rounded to d
 * decimals (sweep_range_decimals; none when d is -1, or the value is too
 * large for them to matter); the last one is b itself when it lies within
 * rounding of it.  Never -0. */
double sweep_range_value(double a, double b, double s, int d, long i, long n);

/* The attributes (a bid's fields too) that axes ax[0..n) set, as
 * (attribute, actor) pairs into out[0..2n): every point gives them a value,
 * so the statements read them though the starting world may lack them
 * (resolve_stmts' given).  Returns the pairs. */
int sweep_given(const sweep_axis *ax, int n, int *out);

/* The name of the column of a query (or a sweep's statement) written
 * `text`: the text itself, or `TEXT (query)` when an axis has that name
 * (`sweep w in {1, 2} : w`), so that no two columns share a name (R and
 * pandas would rename the second w.1).  In arena a when made. */
const char *sweep_column(arena *a, const sweep_axis *ax, int n, const char *text);

/* The product of n[0..k), or -1 when it is past max. */
long sweep_product(const long *n, int k, long max);
/* Point i's value index on each axis, into idx[0..g->n). */
void sweep_index(const sweep_grid *g, long i, long *idx);
/* The points of shard k of n (k < n): how many of the grid's `points`
 * have i % n == k. */
long sweep_shard_points(long points, long k, long n);

/* coop_sweep_merge, the shards' records read ahead `ahead` bytes at a time,
 * all of them together (each shard's share at least one record). */
int sweep_merge(const char *const *paths, int n, FILE *out, size_t ahead, coop_diags *d);
/* coop merge's: 8 MiB, some 100,000 records of a few queries. */
#define SWEEP_MERGE_AHEAD ((size_t)8 << 20)

/* FNV-1a over n bytes, from h (0: its offset basis): shards' fingerprints. */
uint64_t sweep_hash(uint64_t h, const void *p, size_t n);

/* A sweep statement, resolved (stmt.sweep): its grid and the statement
 * decided at each point (a value or an expect). */
typedef struct sweep_info {
    sweep_grid g;
    struct stmt *st;
    double work;        /* evaluations the whole sweep takes (sweep_work) */
} sweep_info;

/* Evaluations one point of grid g takes to decide statements v[0..n) of
 * model m: for each rule they read, its tuples the axes' values move
 * (counted in both worlds) or all of them, times a Shapley analysis's
 * coalitions per tuple; with a timeline, each step of the run once more. */
double sweep_work(const model *m, const sweep_grid *g, const struct stmt *v, int n);

#endif
