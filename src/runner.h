/*
 * runner.h - a run of statements, for its parts alone: run.c (statements
 * in order, each class's run) and run_sweep.c (a sweep: its statement at
 * every point of its grid).
 */
#ifndef COOP_RUNNER_H
#define COOP_RUNNER_H

#include "query.h"
#include "report.h"
#include "run.h"
#include "timeline.h"

typedef struct runner {
    const run_env *env;
    const run_env *env0; /* as given: the declared world, when env reads the
                            last step's of a timeline (a sweep changes it) */
    const coop_options *opt;
    coop_diags *d;
    query q0;           /* of the world statements read: the last step's */
    query *q;           /* the statement's: q0, or the one of its step (query_at) */
    rep r;
    const stmt *cur;    /* the statement running */
    int broken;
    int interrupted;    /* stopped by opt->interrupt: run no more */
    int quiet;          /* no notes or warnings about ties (a sweep's points) */
} runner;

/* A runner of env (env0 too) with opt's output, its query q0 of env's world. */
void run_init(runner *u, const run_env *env, const coop_options *opt, coop_diags *d);
/* A model with a timeline: statements read the world its last step ends
 * with (timeline.h), into *at (else env's own); the run keeps a journal
 * when one of statements v[0..n) reads an earlier step.  *run: the run,
 * tl or env's cache.  0, or -1 after a runtime error of the run or a
 * stop, said in d; free tl with tl_free either way. */
int run_timeline(const run_env *env, const stmt *v, int n, const coop_options *opt, coop_diags *d, tl_run *tl,
                 run_env *at, tl_run **run);
/* Reports the runtime error the query met, once: -1. */
int run_runtime(runner *u);
/* Evaluates expression x of statement st into v (its set's members the
 * query's); 0, or -1 after reporting a runtime error or a stop. */
int run_value_in(runner *u, const stmt *st, const rexpr *x, value_result *v);
/* Decides expectation st: 1 it holds, 0 it fails (what it found, held or
 * not, in got[n]: "a runtime error" after one, said), -1 a stop decided
 * nothing. */
int run_decide_expect(runner *u, const stmt *st, char *got, size_t n);
/* Says how expectation st went (its JSON object; opt's on_expect), its
 * text followed by " with WITH" unless `with` is NULL. */
void run_expect_done(runner *u, const stmt *st, const char *with, int passed, const char *got);

#endif
