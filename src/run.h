/*
 * run.h - running statements in order against a model and a world: show,
 * explain, dominance, expect, and a session's bare expressions.
 */
#ifndef COOP_RUN_H
#define COOP_RUN_H

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

/* Each statement class's run (decl.h): 1 for a failed expectation, else 0. */
int run_show(struct runner *u, const stmt *st);
int run_explain(struct runner *u, const stmt *st);
int run_dominance(struct runner *u, const stmt *st);
int run_expect(struct runner *u, const stmt *st);
int run_value(struct runner *u, const stmt *st);

#endif
