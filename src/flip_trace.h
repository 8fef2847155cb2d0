/*
 * flip_trace.h - what a tuple's verdict reads of the world, traced through
 * everything it reads that reads the world in turn (docs/analysis.md §15,
 * "What moves"): the rule's factors, score and influence weights; its
 * aggregates, at each actor of their range; the contracts it reads, at
 * their parties (the conditions its query reads, and for an award the
 * tender whose winner is the supplier: every bid); and on a timeline the
 * events that write what it reads, with what they read, to a fixed point
 * (a verdict, a contract or a tender an event reads, traced the same way).
 *
 * Its values of the tuple's own actors, and the model's parameters, are
 * what a flip may move (flip.h).  What it reads of other actors (an
 * aggregate's range, a tender's other bids, an event's reads, count(R)'s
 * other tuples), and what is not traced (an analysis that runs the
 * timeline), is left out, each said once as a phrase ("what count(x: npo
 * where x.years >= 2) (line 9, column 22) reads of other actors").
 * Depends on the model alone, not on a world.
 */
#ifndef COOP_FLIP_TRACE_H
#define COOP_FLIP_TRACE_H

#include "flip.h"

typedef struct flip_trace {
    VEC(flip_input) in;   /* the tuple's own values and the parameters it reads, once each, as met
                             (each with actor, attr, rel, args, mparam, is_rel, is_param set; the rest 0) */
    VEC(const char *) left; /* what it leaves out, each once (strings of mem) */
    VEC(int) events;        /* on a timeline, the events it reads through, in declaration order */
    arena mem;
} flip_trace;

/* What tuple `tuple` of rule `rule` (a partnership's, or a tender's:
 * bidder and buyer) reads for its verdict, into *t (flip_trace_free). */
void flip_trace_of(flip_trace *t, const model *m, int rule, const int *tuple);
void flip_trace_free(flip_trace *t);

/* Does x, an expression of rule ru read at tuple t (ru NULL: a
 * statement's or an event's, t unused), read value `in` (an actor's
 * attribute, a relation value, a parameter), itself or through what it
 * reads?  What cannot be traced may read anything: 1. */
int flip_trace_reads(const model *m, const rule_info *ru, const int *t, const rexpr *x, const flip_input *in);

/* Does the award that makes contract c's supplier (its tender's winner)
 * read `in`?  0 for a contract whose parties are named. */
int flip_trace_award_reads(const model *m, int c, const flip_input *in);

/* Does pick p (a name after `by`) name value in? */
int flip_trace_picks(const flip_pick *p, const flip_input *in);

#endif
