/*
 * run.h - running statements in order against a model and a world: show,
 * explain, dominance, expect, and a session's bare expressions.
 */
#ifndef COOP_RUN_H
#define COOP_RUN_H

#include "result.h"
#include "world.h"

/* What a run reads and where it writes. */
typedef struct run_env {
    const model *m;
    const coop_world *w;
    const source *src;      /* of the statements' locations */
    int declared;           /* read w as declared even when the model has a
                               timeline (else the world its last step ends
                               with: timeline.h) */
    struct tl_cache *cache; /* the timeline's run kept between runs (a
                               session's), or NULL */
    unsigned long model_id; /* the cache's number for m */
    int journal;            /* the run keeps a journal whatever the statements
                               read (a session's: what a what-if reads too) */
} run_env;

struct runner;

/* Runs statements v[0..n) as coop_run does: the number of failed
 * expectations, or -1 when one could not be evaluated (reason in d). */
int run_statements(const run_env *env, const stmt *v, int n, const coop_options *opt, coop_diags *d);

/* The value of statement st (a bare expression) in *v: 0, or -1 with the
 * reason in d.  A set's members are not a number: *v is 0 for a set. */
int run_value_of(const run_env *env, const stmt *st, uint64_t seed, coop_diags *d, double *v);

/* ---- a sweep's points (run_sweep.c) ---- */

struct sweep_grid;

/* What a statement decided at one point: a value (a set's members owned
 * here), or an expectation's outcome (got: what a failed one found). */
typedef struct sweep_cell {
    value_result v;
    int passed;
    char *got;
} sweep_cell;

/* The points of grid g, one at a time: a copy of env's world (the one the
 * sweep starts from, as declared when the model has a timeline) with each
 * axis's value set, the statements v[0..n) (values and expectations)
 * decided in it, with opt's seed and interrupt.  Counts start from env's
 * world's (query.h); a timeline is run again at each point.  env, g and v
 * must outlive it. */
typedef struct sweeper sweeper;
sweeper *sweeper_new(const run_env *env, const struct sweep_grid *g, const stmt *v, int n, const coop_options *opt);
void sweeper_free(sweeper *s);
/* Point i's cells[0..n): 0; -1 after a runtime error, said in d; -2 when
 * opt's interrupt stopped it.  Free the cells with sweep_cells_free. */
int sweeper_point(sweeper *s, long i, sweep_cell *cells, coop_diags *d);
void sweep_cells_free(sweep_cell *c, long n);
/* Point i's values, as a what-if writes them: "acme.media = 0.15,
 * trust(a, b) = 0.3" (malloc'd). */
char *sweep_point_text(const struct sweep_grid *g, long i);

/* Each statement class's run (decl.h): 1 for a failed expectation, else 0. */
int run_show(struct runner *u, const stmt *st);
int run_explain(struct runner *u, const stmt *st);
int run_dominance(struct runner *u, const stmt *st);
int run_expect(struct runner *u, const stmt *st);
int run_value(struct runner *u, const stmt *st);
int run_sweep(struct runner *u, const stmt *st); /* the failed points of an expect's */
int run_flip(struct runner *u, const stmt *st);

#endif
