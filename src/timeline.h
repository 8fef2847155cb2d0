/*
 * timeline.h - a model's timeline run (docs/language.md, "Timelines"):
 * the declared world is the state before the first step; at each step
 * every event due (dated, recurring, or a trigger queued by the step
 * before) reads the world as the step starts, and their changes apply
 * together: `+=` and `-=` add up, two `=` of one value in one step are an
 * error naming both events, a set's additions come before its removals;
 * then values are clamped to their ranges; the world the step ends with
 * is what that step's verdicts are decided in; then each `on` and `while`
 * condition is read in it, and the triggers it fires are queued for the
 * next step (after the last step run, there is none: not read).  Nothing depends on the order of declarations: several
 * changes of one value combine in the order of their events' names.
 *
 * A run keeps what each step wrote (a journal), so the world at any step
 * is the declared one with the writes of the steps up to it replayed; a
 * cursor keeps the last world asked for, so stepping forward costs one
 * step's writes.  The world the last step ends with is kept apart.
 */
#ifndef COOP_TIMELINE_H
#define COOP_TIMELINE_H

#include "query.h"

/* One value a step wrote, as the step ended it. */
typedef struct tl_write {
    int is_rel;
    int attr, actor;                 /* an attribute of an actor */
    int rel, args[COOP_MAX_PARAMS];  /* a relation value */
    double num;                      /* a number, true/false (1/0), a string's id */
    uint64_t *bits;                  /* a set's members (the world's setwords words), else NULL */
    int is_param, param;             /* a parameter (is_rel 0) */
} tl_write;

typedef struct tl_step {
    int *acted;                      /* the events that acted (indices into m->events), by name */
    int nacted;
    tl_write *w;
    int nw;
} tl_step;

typedef struct tl_run {
    const model *m;
    const coop_world *w0;            /* the declared world (the caller's, not owned) */
    int nsteps;                      /* run so far: all of them unless a runtime error stopped it */
    tl_step *step;
    /* a runtime error: where, and what (a message naming the event) */
    int failed;
    coop_loc err_loc;
    char *err_msg;
    int stopped;                     /* *stop was set */
    int journal;                     /* each step's writes kept (tl_step.w), so any step replays */
    coop_world *cur;                 /* the world as step `at` ends: the run's last */
    int at;
    /* the cursor of tl_world_at: the world as step view_at ends (-1: the
     * declared world); version: the highest the view has had */
    coop_world *view;
    int view_at;
    uint64_t version;
    long drops;                      /* what its steps cost the triggers' query (query.h) */
} tl_run;

/* Runs model m's timeline from world w0 (of m; it must outlive the run),
 * every event acting unless off[e] (NULL: none off; an event left out
 * acts at no step and, a trigger, fires nothing); with `journal`, each
 * step's writes are kept (memory grows with the steps and the values they
 * write), else only the world the run ends with is kept.  0, or -1 after
 * a runtime error (r->err_loc, r->err_msg: the steps before it are kept)
 * or a stop.  Free with tl_free. */
int tl_run_model(tl_run *r, const model *m, const coop_world *w0, const unsigned char *off, int journal,
                 const volatile sig_atomic_t *stop);
/* The same, stopping after step `last` (0-based; the run goes no further,
 * and r->nsteps is at most last + 1): the world a step ends with, without
 * running the steps after it. */
int tl_run_until(tl_run *r, const model *m, const coop_world *w0, const unsigned char *off, int last, int journal,
                 const volatile sig_atomic_t *stop);
/* The world as step k ends (k -1: the declared world), at most the steps
 * run; the run's own.  The last step's is valid until tl_free; another
 * step's is the cursor's, valid until the next tl_world_at of another
 * step (moving forward keeps the pointer and raises its version; moving
 * back may give another pointer).  NULL for a step before the last of a
 * run that kept no journal. */
const coop_world *tl_world_at(tl_run *r, int k);
/* A cursor of the caller's over r's journal, which tl_world_at's does not
 * move: tl_cursor_at gives the world as step k ends as tl_world_at does
 * (the last step's is the run's own), valid until the cursor moves to
 * another step; moving forward costs the writes of the steps between.
 * Zeroed to start; free with tl_cursor_free (before tl_free). */
typedef struct tl_cursor {
    coop_world *w;
    int at;
} tl_cursor;
const coop_world *tl_cursor_at(tl_run *r, tl_cursor *c, int k);
void tl_cursor_free(tl_cursor *c);
void tl_free(tl_run *r);
/* A run kept between calls (a session's), so statements typed one after
 * another run the timeline once while the model and the world stay the
 * same. */
typedef struct tl_cache {
    int have;
    unsigned long model;   /* the caller's number of the model run */
    coop_world *from;      /* a copy of the world it started from */
    tl_run run;
    long runs;             /* runs tl_cache_run made, not finding its own (counted for the tests) */
} tl_cache;

/* The run of model m (numbered `id` by the caller) from world w, with a
 * journal when asked: c's when it has that one (c may be NULL: none),
 * else run anew into *own and kept in c if it did not fail; *out is the
 * run (its error, if it failed).  0, or -1 after a runtime error or a
 * stop.  Free *own with tl_free either way (it is empty when c keeps the
 * run). */
int tl_cache_run(tl_cache *c, unsigned long id, const model *m, const coop_world *w, int journal,
                 const volatile sig_atomic_t *stop, tl_run *own, tl_run **out);
/* Keeps `run`, of model run->m (numbered `id`) from world w, in c, in
 * place of what c had: a run made elsewhere (a check that the timeline
 * runs, a `set`'s comparison) serves the next ask.  The run is consumed
 * (zeroed); w is copied. */
void tl_cache_keep(tl_cache *c, unsigned long id, const coop_world *w, tl_run *run);
void tl_cache_free(tl_cache *c);

/* The date of model m's step k, as the timeline writes it, into buf. */
const char *tl_step_text(const model *m, int k, char *buf, size_t size);
/* Sorts ev[0..n), indices into m->events, by the events' names: the one
 * order anything about events is said and done in. */
void tl_by_name(const model *m, int *ev, int n);

#endif
