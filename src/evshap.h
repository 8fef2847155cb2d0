/*
 * evshap.h - which event made it form (docs/analysis.md, "Which event made
 * it form: event Shapley values"): the Shapley values of a timeline's
 * events as players, for one tuple's verdict and score at one step, and
 * the but-for causes.
 *
 * The players are the model's dated and recurring events (EVENT_AT,
 * EVENT_EVERY; a series is one player), in the order of their names.
 * Triggered events (EVENT_ON, EVENT_WHILE) are never players: every
 * coalition's run simulates them again, so a trigger's effect goes to the
 * events that made it fire.  A coalition S is the timeline run, up to and
 * including the step asked about, with every player outside S switched
 * off; v(S) is the tuple's verdict (1 or 0) or score in the world that
 * step ends with.  Each coalition is run once (cached by its bit mask), so
 * the games of the verdict and of the score share their runs.
 */
#ifndef COOP_EVSHAP_H
#define COOP_EVSHAP_H

#include "timeline.h"

typedef struct evshap_result {
    int n;                                   /* players */
    int player[COOP_MAX_EVENT_PLAYERS];      /* their events (indices into m->events), by name */
    int has_score;                           /* the rule has a score: the [OF_SCORE] game was played */
    /* [OF_SCORE], [OF_VERDICT] (model.h's shapley_of): */
    double phi[SHAPLEY_OFS][COOP_MAX_EVENT_PLAYERS]; /* each player's Shapley value */
    double se[SHAPLEY_OFS][COOP_MAX_EVENT_PLAYERS];  /* its standard error; 0 when exact */
    double all[SHAPLEY_OFS], none[SHAPLEY_OFS];     /* v(every player), v(no player) */
    int exact;                               /* every coalition run (n <= COOP_EVENT_SHAPLEY_EXACT_MAX),
                                                else COOP_EVENT_SHAPLEY_PERMUTATIONS orders sampled */
    unsigned char but_for[COOP_MAX_EVENT_PLAYERS]; /* its removal alone flips the verdict */
    int decisive;                            /* the player of the largest |phi| of the verdict (the first
                                                by name of equals), or -1 when every one is 0 */
    long runs;                               /* coalitions run (the timeline each time) */
    /* -1 from evshap_events: stopped (*stop set), or failed: */
    int stopped, failed;
    uint64_t err_coalition;                  /* the coalition whose run or tuple failed (bit i: player i) */
    coop_loc err_loc;                        /* where (line 0: at the caller's statement) */
    char *err_msg;                           /* "without gala, reporting: MESSAGE" (malloc'd) */
} evshap_result;

/* The event Shapley values of rule `rule`'s tuple (one of the rule's
 * tuples, as a resolved statement names it) at step `step` (0-based, of
 * m's timeline), from the declared world w0 (of m); sampling seeded by
 * `seed` (0: COOP_SHAPLEY_SEED).  *stop, when not NULL, is looked at
 * between runs and within them.  0; or -1, stopped or failed as r says:
 * a runtime error of one coalition's run or of its tuple, said with the
 * coalition; a model without a timeline, a step outside it, more than
 * COOP_MAX_EVENT_PLAYERS players or more work than COOP_EVENT_SHAPLEY_WORK,
 * said with err_loc.line 0.  Free with
 * evshap_free either way. */
int evshap_events(evshap_result *r, const model *m, const coop_world *w0, int rule, const int *tuple, int step,
                  uint64_t seed, const volatile sig_atomic_t *stop);
void evshap_free(evshap_result *r);

/* The steps a game of n players at step `step` may run: its runs (2^n
 * when exact, else at most 1 + 1001 n and 2^n) times step + 1.  Past
 * COOP_EVENT_SHAPLEY_WORK, evshap_events refuses before any run (failed,
 * err_msg the count and how to ask for less). */
long evshap_work(int n, int step);

/* The player of event e (an index into r->player), or -1 for an event
 * that is no player (triggered). */
int evshap_player(const evshap_result *r, int e);

/* but_for(R(a, b) at D, e) alone, without the Shapley values: two runs,
 * every dated and recurring event acting and every one but e (no limit
 * on their number).  1 when e's removal flips the verdict, 0 when not;
 * -1 after an error or a stop, said in r's stopped, failed, err_loc and
 * err_msg as evshap_events says them, or for an event that is no player
 * (err_msg says it is triggered).  Free r with evshap_free either way. */
int evshap_but_for(evshap_result *r, const model *m, const coop_world *w0, int rule, const int *tuple, int step,
                   int e, const volatile sig_atomic_t *stop);

#endif
