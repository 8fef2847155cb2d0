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
 * next step.  Nothing depends on the order of declarations: several
 * changes of one value combine in the order of their events' names.
 *
 * A run keeps what each step wrote (a journal), so the world at any step
 * is the declared one with the writes of the steps up to it replayed; a
 * cursor keeps the last world asked for, so stepping forward costs one
 * step's writes.
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
    /* the cursor: the world as step cur ends (-1: the declared world) */
    coop_world *cur;
    int at;
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
/* The world as step k ends (k -1: the declared world), at most the steps
 * run; the run's own, valid until the next tl_world_at or tl_free.  NULL
 * for a step before the last run of a run that kept no journal. */
const coop_world *tl_world_at(tl_run *r, int k);
void tl_free(tl_run *r);

#endif
