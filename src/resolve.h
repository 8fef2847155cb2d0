/*
 * resolve.h - from syntax tree to model, world and statements: every name
 * becomes a dense index and every expression is type-checked before
 * anything is evaluated.
 */
#ifndef COOP_RESOLVE_H
#define COOP_RESOLVE_H

#include "script.h"

/* Resolves s->prog into s->m, s->w and s->stmts.  Returns 0 when there are
 * no errors. */
int resolve_program(coop_script *s, coop_diags *d);

/* Resolves the statements v[0..n) against the finished model m, as if they
 * followed its declarations.  Symbols and strings the model does not know
 * are numbered in w (world.h); an actor's attributes are the ones w gives
 * it, and those of given[0..2*ngiven) ((attribute, actor) pairs: a
 * what-if's changes, a sweep's axes give them values; stmt.unset says the
 * first one a statement reads that w lacks).  *out (in arena a) gets the
 * statements, in order; returns how many, or -1 with the errors in d
 * (then *out holds none). */
int resolve_stmts(const model *m, coop_world *w, const source *src, arena *a, decl *const *v, int n,
                  const int *given, int ngiven, stmt **out, coop_diags *d);

/* When the event a what-if's change c names acts, as c says (`EVENT at
 * D`, `EVENT every ...`, `EVENT on COND`...), into ev (steps or condition
 * in arena a), resolved against the finished model m and its world w:
 * 0, or -1 with the reasons in d. */
int resolve_event_when(const model *m, coop_world *w, const source *src, arena *a, const change *c, event_info *ev,
                       coop_diags *d);

/* Warns at each symbol of p that is likely a typo of another (the rule of
 * docs/language.md, Diagnostics: used once, new to `known` (NULL: an empty
 * model), and close to a symbol known, used before it, or used more than
 * once).  Only warns; symbols stay free vocabulary.  The pairs of symbols
 * compared are added to *spent (NULL: a count of its own); a check that
 * would take it past 2^20 is not made, and no later one with that count
 * (a session's inputs cost, all told, what one file of them would). */
void resolve_symbol_slips(const model *known, const program *p, const source *src, long *spent, coop_diags *d);
/* The same for the symbols syms[0..n) a change brings: warns at each that
 * w does not know and that is close to one w knows. */
void resolve_symbol_new(const coop_world *w, const name *syms, int n, const source *src, coop_diags *d);

/* The target of change c of a bid's field, bid(T, x).F (c->is_bid): the
 * bidder into *actor, the attribute holding the field into *attr; 0, or -1
 * with the errors in d. */
int resolve_bid(const model *m, const source *src, arena *a, const change *c, int *actor, int *attr, coop_diags *d);

/* Says that change c's target `c->obj.s` is no actor: an unknown actor (and
 * the nearest name); or a tender, partnership or contract, whose settings,
 * weights and conditions are its declaration's (declare it again to try
 * others), and for a tender's bid field, how to name it. */
void resolve_change_actor(const model *m, const source *src, const change *c, coop_diags *d);

/* A hint for `an`, written as an attribute where a bid has a field of that
 * name: of actor ac's bid in world w ("; it is a field of its bid for
 * tender 't': bid(t, x).an"), or, with ac < 0, of any bid ("; it is a
 * field of the bids for tender 't', which reads it as bid.an"); "" when
 * none has one.  In buf[n]. */
const char *resolve_field_hint(const model *m, const coop_world *w, const char *an, int ac, char *buf, size_t n);

/* The parameter change c (c->is_param: `w = 0.4`) names, or -1 after
 * saying it names none (an actor: one of its attributes, likely; an
 * attribute: of an actor, the first in w that has it). */
int resolve_param_target(const model *m, const coop_world *w, const source *src, const change *c, coop_diags *d);
/* The target of change c (`a.x`, `r(a, b)`, `bid(T, a).f`, `w`) in model
 * m: into t, an actor's attribute (a bid's field is an attribute of its
 * bidder), a relation's tuple of actors of the kinds it takes, or a
 * parameter (t->is_param, t->param); 0, or -1
 * with the errors in d (w: the world whose bids a misplaced field's hint
 * names). */
int resolve_change_target(const model *m, const coop_world *w, const source *src, arena *a, const change *c,
                          event_change *t, coop_diags *d);

/* Axis def of a sweep (its target, as a what-if's change names it, and
 * its values) against the finished model m, into *ax (in arena a): 0, or
 * -1 with the errors in d (resolve_sweep.c). */
struct sweep_axis;
int resolve_sweep_axis(const model *m, coop_world *w, const source *src, arena *a, const sweepdef *def,
                       struct sweep_axis *ax, coop_diags *d);

/* A constant number or true/false (folded) into *v and *type; 0, or -1
 * with the errors in d. */
int resolve_number(const model *m, const source *src, arena *a, const expr *e, double *v, vtype *type, coop_diags *d);

#endif
